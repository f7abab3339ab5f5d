//! What generated code tells the client about a service and each of its operations.

use crate::endpoint::{BuiltIns, Endpoint, EndpointError};
use crate::{ByteStream, RequestError, RequestOptions};

/// A service, as the client needs to know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceInfo {
    /// The service's SDK ID (`QuickSight`): names its service-specific endpoint settings.
    pub sdk_id: &'static str,
    /// The service version, as the model gives it.
    pub version: &'static str,
}

impl ServiceInfo {
    /// The description of a service.
    pub const fn new(sdk_id: &'static str, version: &'static str) -> Self {
        Self { sdk_id, version }
    }
}

/// One way to authenticate a request, as the model lists them for an operation (its
/// `@auth` trait, else the service's auth traits in order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthOption {
    /// AWS Signature Version 4 (`aws.auth#sigv4`).
    SigV4 {
        /// The signing name the model gives; the endpoint's auth scheme may override it.
        signing_name: &'static str,
        /// `aws.auth#unsignedPayload`: the body is not part of the signature.
        unsigned_payload: bool,
    },
    /// A bearer token in the `Authorization` header (`smithy.api#httpBearerAuth`).
    Bearer,
    /// No authentication (`@auth([])`, or the fallback of `@optionalAuth`).
    Anonymous,
    /// A scheme this runtime cannot authenticate with yet: a call that comes to it fails
    /// with an error naming it.
    Unsupported {
        /// The scheme's trait ID (`aws.auth#sigv4a`).
        scheme: &'static str,
    },
}

/// The endpoint of a service without a rule set: the configured endpoint URL, which such a
/// service cannot do without.
pub fn configured_endpoint(built_ins: &BuiltIns) -> Result<Endpoint, EndpointError> {
    match &built_ins.endpoint {
        Some(url) => Ok(Endpoint::new(url.clone())),
        None => Err(EndpointError::invalid_endpoint(
            "the service has no endpoint rule set: configure its endpoint URL (AWS_ENDPOINT_URL, or `endpoint_url`)",
        )),
    }
}

/// How a response is read: all of it first, or with the success body left to stream.
pub enum ReadResponse<O, E> {
    /// The body is read (within the client's limit), then parsed.
    Buffered(fn(&http::Response<Vec<u8>>) -> Result<O, E>),
    /// A success keeps its body as a stream in the output; an error body is read first.
    Streaming {
        /// Reads a success response, its body unread.
        output: fn(http::Response<ByteStream>) -> Result<O, E>,
        /// Reads an error response.
        error: fn(&http::Response<Vec<u8>>) -> E,
    },
}

/// Retry advice a modeled error carries (its `@retryable` trait).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retryable {
    /// `@retryable`: a transient error.
    Transient,
    /// `@retryable(throttling: true)`: the service asks the caller to slow down.
    Throttling,
}

/// The error of an operation's `response()`: a modeled error, an unmodeled one, or a
/// response that could not be read.
pub trait OperationError: std::error::Error + Send + Sync + 'static {
    /// The error's code: the modeled error's name, or the unmodeled code. `None` for a
    /// malformed response.
    fn code(&self) -> Option<&str>;
    /// The advice of a modeled error's `@retryable` trait.
    fn retryable(&self) -> Option<Retryable>;
}

/// One operation, as the client drives it. Generated code implements it on each operation
/// type with the sans-IO functions it already has.
pub trait Operation: Send + Sync + 'static {
    /// The operation's input.
    type Input: Send + 'static;
    /// The operation's output.
    type Output: Send + 'static;
    /// The operation's error.
    type Error: OperationError;
    /// The operation's name, as the model spells it.
    const NAME: &'static str;
    /// How its requests may be authenticated, in order of preference.
    const AUTH: &'static [AuthOption];
    /// How its responses are read.
    const READ: ReadResponse<Self::Output, Self::Error>;
    /// Whether its responses may carry `x-amz-checksum-*` headers to check against the body
    /// (`aws.protocols#httpChecksum` with `responseAlgorithms`).
    const RESPONSE_CHECKSUMS: bool = false;

    /// Resolves the endpoint of a call with `input`.
    fn resolve_endpoint(input: &Self::Input, built_ins: &BuiltIns) -> Result<Endpoint, EndpointError>;

    /// Builds the request for `input` (validating it unless `options` say not to), pointed
    /// at `endpoint`.
    fn build_request(
        input: Self::Input,
        endpoint: &Endpoint,
        options: &RequestOptions,
    ) -> Result<http::Request<ByteStream>, RequestError>;
}
