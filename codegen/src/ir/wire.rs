//! What a protocol decides about the wire, in types every protocol shares: per service the
//! shared body codec functions and the error codes; per operation its request line, fixed
//! headers and body; per top-level member a [`Binding`] (stored on the member,
//! [`Field::binding`](super::Field::binding)).
//!
//! A protocol family fills them in its own module: `json.rs` (awsJson1_0, awsJson1_1 and
//! restJson1), with `http.rs` for the HTTP binding traits every REST protocol shares. A new
//! family (restXml, awsQuery, rpcv2Cbor) adds a [`WireProtocol`] variant, a module beside
//! `json.rs`, and a branch in `lower`.

use super::{Protocol, Service};
use crate::error::Diagnostic;
use crate::model::traits::TimestampFormat;
use crate::model::{Model, Shape};
use std::collections::BTreeMap;

/// What a service's operations share on the wire.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceWire {
    /// The protocol.
    pub protocol: WireProtocol,
    /// Structures and unions that need a shared body writer function, by type name: the
    /// function's name.
    pub writers: BTreeMap<String, String>,
    /// Structures and unions that need a shared body reader function, likewise.
    pub readers: BTreeMap<String, String>,
    /// Error structures the operations can return, by type name.
    pub errors: BTreeMap<String, ErrorWire>,
}

/// A protocol with wire code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireProtocol {
    /// awsJson1_0 or awsJson1_1: `POST /`, everything in a JSON body.
    AwsJson {
        /// `1.0` or `1.1`.
        version: &'static str,
    },
    /// restJson1: HTTP bindings, the rest in a JSON body.
    RestJson,
}

/// How an error structure is read from a response.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorWire {
    /// The error code that identifies it: the shape name.
    pub code: String,
    /// The name of its reader function.
    pub reader: String,
}

/// An operation's request and response.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationWire {
    /// The operation's marker type (`StartDataIngestionJob`).
    pub marker: String,
    /// The operation's error enum (`StartDataIngestionJobError`).
    pub error_enum: String,
    /// The variant holding an unmodeled error.
    pub unmodeled_variant: String,
    /// The variant holding a malformed response.
    pub malformed_variant: String,
    /// The modeled errors: variant name and error type.
    pub errors: Vec<(String, String)>,
    /// The HTTP method.
    pub method: String,
    /// The path of the request URI.
    pub path: Vec<PathPart>,
    /// The query the URI pattern fixes (`a=b&c`), or empty.
    pub query: String,
    /// The `X-Amz-Target` header (awsJson).
    pub target: Option<String>,
    /// Fixed headers: `x-amzn-query-mode: true` for an `@awsQueryCompatible` service.
    pub fixed_headers: Vec<(String, String)>,
    /// How the request body is made.
    pub body: RequestBody,
    /// The input's payload is a `@streaming` blob: `request` takes the input by value and
    /// returns an `http::Request<ByteStream>`.
    pub streaming_input: bool,
    /// The output's payload is a `@streaming` blob: `response` takes an
    /// `http::Response<ByteStream>` and moves its body into the output.
    pub streaming_output: bool,
    /// The input's stream is `@requiresLength`: a stream of unknown length is refused.
    pub requires_length: bool,
    /// `@requestCompression` with gzip: the body is gzipped as the request options say.
    pub request_compression: bool,
    /// The checksum the request carries.
    pub checksum: super::checksum::RequestChecksum,
    /// `aws.protocols#httpChecksum` lists `responseAlgorithms`: a client checks the
    /// `x-amz-checksum-*` header of a response against its body.
    pub response_checksums: bool,
    /// The service's SDK customizations that need code in `request`.
    pub customizations: Vec<super::customizations::Customization>,
}

/// A piece of the URI path.
#[derive(Clone, Debug, PartialEq)]
pub enum PathPart {
    /// Literal text, already valid in a URI.
    Literal(String),
    /// The value of an input field.
    Label {
        /// The Rust field.
        field: String,
        /// Whether `/` is kept (`{key+}`).
        greedy: bool,
    },
}

/// How the request body is made.
#[derive(Clone, Debug, PartialEq)]
pub enum RequestBody {
    /// No body and no `Content-Type`.
    Empty,
    /// A body object of the members bound to the body (`{}` when there are none).
    Object {
        /// The `Content-Type`.
        content_type: String,
    },
    /// The value of one member alone.
    Payload {
        /// The Rust field.
        field: String,
        /// How it is written.
        kind: PayloadKind,
        /// The `Content-Type`.
        content_type: String,
    },
}

/// How an `@httpPayload` member is written and read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayloadKind {
    /// A structure, union or document, in the protocol's body format.
    Structured,
    /// A blob: raw bytes.
    Blob,
    /// A string or string enum: raw UTF-8 text.
    Text,
}

/// Where a top-level member travels.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    /// The location.
    pub location: Location,
    /// The member's name there: body key, header name or prefix, query key.
    pub name: String,
    /// The format of timestamps in it.
    pub timestamp: TimestampFormat,
    /// `@idempotencyToken`: filled from the request options when unset.
    pub idempotency_token: bool,
    /// A `@mediaType` string in a header, sent as base64.
    pub base64: bool,
}

/// A member's HTTP location.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// A member of the body object.
    Body,
    /// A URI label (the path is built from [`OperationWire::path`]).
    Label,
    /// A query parameter.
    Query,
    /// A map of query parameters.
    QueryParams,
    /// A header.
    Header,
    /// A map of headers sharing a prefix.
    PrefixHeaders,
    /// The whole body.
    Payload(PayloadKind),
    /// The HTTP status code.
    ResponseCode,
}

/// Makes the service's wire decisions: fills [`Service::wire`], each member's body and
/// binding facts, and each operation's [`OperationWire`]. Returns the warnings: one per
/// operation refused (with its reason) because it needs what the generator cannot emit yet.
pub(super) fn lower(model: &Model, shape: &Shape, service: &mut Service) -> Result<Vec<Diagnostic>, Diagnostic> {
    match service.protocol {
        Protocol::AwsJson1_0 => super::json::lower(model, shape, service, WireProtocol::AwsJson { version: "1.0" }),
        Protocol::AwsJson1_1 => super::json::lower(model, shape, service, WireProtocol::AwsJson { version: "1.1" }),
        Protocol::RestJson1 => super::json::lower(model, shape, service, WireProtocol::RestJson),
        Protocol::Unsupported(_) | Protocol::None => Ok(Vec::new()),
    }
}
