//! Protocol decisions for the JSON protocols (awsJson1_0, awsJson1_1, restJson1): where each
//! member travels and under which name, timestamp formats, the operation's method, URI
//! and `X-Amz-Target`, content types, idempotency tokens, error codes, and which shared
//! JSON reader and writer functions the service needs.

use super::names::{self, Scope};
use super::{Field, Operation, Protocol, RustType, Service, TypeDef};
use crate::error::Diagnostic;
use crate::model::traits::TimestampFormat;
use crate::model::{Member, Model, Shape, ShapeId, ShapeKind};
use std::collections::{BTreeMap, BTreeSet};

/// How a service's operations go over the wire.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceWire {
    /// JSON keys and timestamp formats of the members of structures and unions, by type
    /// name, parallel to their fields or variants.
    pub json: BTreeMap<String, Vec<JsonMember>>,
    /// Structures and unions that need a shared JSON writer function, by type name: the
    /// function's name.
    pub writers: BTreeMap<String, String>,
    /// Structures and unions that need a shared JSON reader function, likewise.
    pub readers: BTreeMap<String, String>,
    /// Error structures the operations can return, by type name.
    pub errors: BTreeMap<String, ErrorWire>,
    /// One entry per operation, in the order of [`Service::operations`].
    pub operations: Vec<OperationWire>,
}

/// A supported protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireProtocol {
    /// awsJson1_0 or awsJson1_1: `POST /`, everything in the body.
    AwsJson {
        /// `1.0` or `1.1`.
        version: &'static str,
    },
    /// restJson1: HTTP bindings.
    RestJson,
}

/// A member in a JSON object.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonMember {
    /// The object key: `@jsonName` under restJson1, else the member name.
    pub key: String,
    /// The format of timestamps in the value (also inside lists and maps).
    pub timestamp: TimestampFormat,
}

/// How an error structure is read from a response.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorWire {
    /// The error code that identifies it: the shape name.
    pub code: String,
    /// The name of its reader function.
    pub reader: String,
    /// Where each field is found, parallel to the structure's fields.
    pub bindings: Vec<Binding>,
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
    /// Where each input field goes, parallel to the input's fields.
    pub input: Vec<Binding>,
    /// Where each output field comes from, parallel to the output's fields.
    pub output: Vec<Binding>,
    /// How the request body is made.
    pub body: RequestBody,
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
    /// A JSON object of the body members (`{}` when there are none).
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
    /// A structure, union or document as JSON.
    Json,
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
    /// The member's name there: JSON key, header name or prefix, query key.
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
    /// A member of the JSON body object.
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

/// The wire decisions for a service; `None` when its protocol is not supported.
pub(super) fn service_wire(model: &Model, shape: &Shape, service: &Service) -> Result<Option<ServiceWire>, Diagnostic> {
    let protocol = match &service.protocol {
        Protocol::AwsJson1_0 => WireProtocol::AwsJson { version: "1.0" },
        Protocol::AwsJson1_1 => WireProtocol::AwsJson { version: "1.1" },
        Protocol::RestJson1 => WireProtocol::RestJson,
        Protocol::Unsupported(_) | Protocol::None => return Ok(None),
    };
    let types: BTreeMap<&str, &TypeDef> = service.types.iter().map(|t| (t.name(), t)).collect();
    let lowering = Wire { model, protocol, types };
    let mut json = BTreeMap::new();
    for def in &service.types {
        if let Some(members) = lowering.json_members(def)? {
            json.insert(def.name().to_owned(), members);
        }
    }
    // Shared functions are named after their type; a scope keeps them distinct.
    let mut fn_names = Scope::default();
    let mut errors = BTreeMap::new();
    let mut operations = Vec::new();
    let mut roots = Roots::default();
    for op in &service.operations {
        let wire = lowering.operation(shape, op, &mut roots)?;
        for (_, error) in &wire.errors {
            if !errors.contains_key(error) {
                let reader = fn_names.claim(format!("read_{}_error", names::snake_name(error)), "_");
                errors.insert(error.clone(), lowering.error(error, reader)?);
            }
        }
        operations.push(wire);
    }
    for error in errors.keys() {
        roots.read_fields(lowering.fields_of(error));
    }
    name_error_enums(&mut operations);
    // One function per type the operations reach, named `write_x` / `read_x`.
    let mut function_names = |prefix: &str, roots: BTreeSet<String>| -> BTreeMap<String, String> {
        let types = lowering.reachable(roots).into_iter();
        types
            .map(|t| {
                let name = fn_names.claim(format!("{prefix}_{}", names::snake_name(&t)), "_");
                (t, name)
            })
            .collect()
    };
    let writers = function_names("write", roots.write);
    let readers = function_names("read", roots.read);
    Ok(Some(ServiceWire { json, writers, readers, errors, operations }))
}

/// `{Operation}Error`, unique beside the operation markers in the `operations` module.
fn name_error_enums(operations: &mut [OperationWire]) {
    let markers: Vec<&str> = operations.iter().map(|op| op.marker.as_str()).collect();
    let mut scope = Scope::with_reserved(&markers);
    let names: Vec<String> = operations.iter().map(|op| scope.claim(format!("{}Error", op.marker), "_")).collect();
    for (op, name) in operations.iter_mut().zip(names) {
        op.error_enum = name;
    }
}

/// Named types read or written directly by operations, before the transitive closure.
#[derive(Default)]
struct Roots {
    write: BTreeSet<String>,
    read: BTreeSet<String>,
}

impl Roots {
    fn read_fields(&mut self, fields: &[Field]) {
        fields.iter().for_each(|field| named_types(&field.ty, &mut self.read));
    }

    fn write_fields(&mut self, fields: &[Field]) {
        fields.iter().for_each(|field| named_types(&field.ty, &mut self.write));
    }
}

/// The generated types a Rust type mentions.
fn named_types(ty: &RustType, out: &mut BTreeSet<String>) {
    match ty {
        RustType::Named(name) => {
            out.insert(name.clone());
        }
        RustType::List(inner) | RustType::Option(inner) | RustType::Box(inner) => named_types(inner, out),
        RustType::Map(key, value) => {
            named_types(key, out);
            named_types(value, out);
        }
        _ => {}
    }
}

struct Wire<'a> {
    model: &'a Model,
    protocol: WireProtocol,
    types: BTreeMap<&'a str, &'a TypeDef>,
}

impl Wire<'_> {
    fn shape(&self, id: &ShapeId) -> Result<&Shape, Diagnostic> {
        self.model.shape(id).ok_or_else(|| Diagnostic::new("refers to a shape that does not exist").at(id))
    }

    fn members(&self, id: &ShapeId) -> Result<&crate::model::Members, Diagnostic> {
        self.shape(id)?.kind.members().ok_or_else(|| Diagnostic::new("has no members").at(id))
    }

    fn member<'m>(&self, members: &'m crate::model::Members, wire_name: &str, at: &ShapeId) -> Result<&'m Member, Diagnostic> {
        members.get(wire_name).ok_or_else(|| Diagnostic::new(format!("has no member `{wire_name}`")).at(at))
    }

    fn fields_of(&self, name: &str) -> &[Field] {
        match self.types.get(name) {
            Some(TypeDef::Struct(s)) => &s.fields,
            _ => &[],
        }
    }

    /// JSON keys and timestamp formats of a structure's or union's members.
    fn json_members(&self, def: &TypeDef) -> Result<Option<Vec<JsonMember>>, Diagnostic> {
        let (id, wire_names): (&ShapeId, Vec<&str>) = match def {
            TypeDef::Struct(s) => (&s.id, s.fields.iter().map(|f| f.wire_name.as_str()).collect()),
            TypeDef::Union(u) => (&u.id, u.variants.iter().map(|v| v.wire_name.as_str()).collect()),
            TypeDef::Enum(_) => return Ok(None),
        };
        let members = self.members(id)?;
        let mut out = Vec::with_capacity(wire_names.len());
        for wire_name in wire_names {
            let member = self.member(members, wire_name, id)?;
            out.push(JsonMember {
                key: self.json_key(member),
                timestamp: self.timestamp_format(member, TimestampFormat::EpochSeconds, 0),
            });
        }
        Ok(Some(out))
    }

    fn json_key(&self, member: &Member) -> String {
        match (self.protocol, &member.traits.json_name) {
            (WireProtocol::RestJson, Some(name)) => name.clone(),
            _ => member.name.clone(),
        }
    }

    /// The member's `@timestampFormat`, else its target's, else (through lists and maps)
    /// their members', else the location's default.
    fn timestamp_format(&self, member: &Member, default: TimestampFormat, depth: usize) -> TimestampFormat {
        if let Some(format) = member.traits.timestamp_format {
            return format;
        }
        let Some(target) = self.model.shape(&member.target) else { return default };
        if let Some(format) = target.traits.timestamp_format {
            return format;
        }
        match &target.kind {
            ShapeKind::List(item) | ShapeKind::Map(_, item) if depth < 32 => {
                self.timestamp_format(item, default, depth + 1)
            }
            _ => default,
        }
    }

    fn operation(&self, service: &Shape, op: &Operation, roots: &mut Roots) -> Result<OperationWire, Diagnostic> {
        let shape = self.shape(&op.id)?;
        let ShapeKind::Operation(model_op) = &shape.kind else {
            return Err(Diagnostic::new("is bound as an operation but is not one").at(&op.id));
        };
        let mut variants = Scope::default();
        let errors: Vec<(String, String)> =
            op.errors.iter().map(|e| (variants.claim(e.clone(), ""), e.clone())).collect();
        let unmodeled_variant = variants.claim("Unmodeled".to_owned(), "");
        let malformed_variant = variants.claim("Malformed".to_owned(), "");
        let input_fields = op.input.as_deref().map(|n| self.fields_of(n)).unwrap_or_default();
        let output_fields = op.output.as_deref().map(|n| self.fields_of(n)).unwrap_or_default();
        let mut wire = OperationWire {
            marker: op.name.clone(),
            error_enum: String::new(),
            unmodeled_variant,
            malformed_variant,
            errors,
            method: "POST".to_owned(),
            path: vec![PathPart::Literal("/".to_owned())],
            query: String::new(),
            target: None,
            fixed_headers: Vec::new(),
            input: Vec::new(),
            output: Vec::new(),
            body: RequestBody::Empty,
        };
        match self.protocol {
            WireProtocol::AwsJson { version } => {
                wire.target = Some(format!("{}.{}", service.id.name(), op.id.name()));
                if service.traits.has("aws.protocols#awsQueryCompatible") {
                    wire.fixed_headers.push(("x-amzn-query-mode".to_owned(), "true".to_owned()));
                }
                wire.body = RequestBody::Object { content_type: format!("application/x-amz-json-{version}") };
                wire.input = self.bindings(model_op.input.as_ref(), input_fields, false)?;
                wire.output = self.bindings(model_op.output.as_ref(), output_fields, false)?;
            }
            WireProtocol::RestJson => {
                let http = shape.traits.http.as_ref().ok_or_else(|| {
                    Diagnostic::new("a restJson1 operation needs the `@http` trait").at(&op.id)
                })?;
                wire.method = http.method.clone();
                wire.input = self.bindings(model_op.input.as_ref(), input_fields, true)?;
                wire.output = self.bindings(model_op.output.as_ref(), output_fields, true)?;
                let (path, query) = uri_pattern(&http.uri, input_fields, &wire.input).map_err(|m| Diagnostic::new(m).at(&op.id))?;
                wire.path = path;
                wire.query = query;
                wire.body = request_body(input_fields, &wire.input, self);
            }
        }
        roots.write_fields(input_fields);
        roots.read_fields(output_fields);
        Ok(wire)
    }

    fn error(&self, name: &str, reader: String) -> Result<ErrorWire, Diagnostic> {
        let Some(TypeDef::Struct(s)) = self.types.get(name) else {
            return Err(Diagnostic::new(format!("error `{name}` is not a structure")));
        };
        let rest = self.protocol == WireProtocol::RestJson;
        Ok(ErrorWire { code: s.id.name().to_owned(), reader, bindings: self.bindings(Some(&s.id), &s.fields, rest)? })
    }

    /// Where each field of a top-level structure travels.
    fn bindings(&self, id: Option<&ShapeId>, fields: &[Field], http: bool) -> Result<Vec<Binding>, Diagnostic> {
        let Some(id) = id else { return Ok(Vec::new()) };
        if fields.is_empty() {
            return Ok(Vec::new());
        }
        let members = self.members(id)?;
        fields.iter().map(|field| self.binding(self.member(members, &field.wire_name, id)?, http)).collect()
    }

    fn binding(&self, member: &Member, http: bool) -> Result<Binding, Diagnostic> {
        let traits = &member.traits;
        let (location, name, default) = if !http {
            (Location::Body, member.name.clone(), TimestampFormat::EpochSeconds)
        } else if traits.http_label {
            (Location::Label, member.name.clone(), TimestampFormat::DateTime)
        } else if let Some(key) = &traits.http_query {
            (Location::Query, key.clone(), TimestampFormat::DateTime)
        } else if traits.http_query_params {
            (Location::QueryParams, String::new(), TimestampFormat::DateTime)
        } else if let Some(header) = &traits.http_header {
            (Location::Header, header.clone(), TimestampFormat::HttpDate)
        } else if let Some(prefix) = &traits.http_prefix_headers {
            (Location::PrefixHeaders, prefix.clone(), TimestampFormat::HttpDate)
        } else if traits.http_payload {
            (Location::Payload(self.payload_kind(member)?), String::new(), TimestampFormat::EpochSeconds)
        } else if traits.http_response_code {
            (Location::ResponseCode, String::new(), TimestampFormat::EpochSeconds)
        } else {
            (Location::Body, self.json_key(member), TimestampFormat::EpochSeconds)
        };
        let target = self.shape(&member.target)?;
        let base64 = location == Location::Header
            && matches!(target.kind, ShapeKind::String)
            && (traits.media_type.is_some() || target.traits.media_type.is_some());
        Ok(Binding {
            location,
            name,
            timestamp: self.timestamp_format(member, default, 0),
            idempotency_token: traits.idempotency_token,
            base64,
        })
    }

    fn payload_kind(&self, member: &Member) -> Result<PayloadKind, Diagnostic> {
        let target = self.shape(&member.target)?;
        Ok(match &target.kind {
            ShapeKind::Blob => PayloadKind::Blob,
            ShapeKind::String | ShapeKind::Enum(_) => PayloadKind::Text,
            _ => PayloadKind::Json,
        })
    }

    fn payload_content_type(&self, kind: PayloadKind, field: &Field) -> String {
        let media_type = self.model.shape(&field.target).and_then(|t| t.traits.media_type.clone());
        match kind {
            PayloadKind::Json => "application/json".to_owned(),
            PayloadKind::Blob => media_type.unwrap_or_else(|| "application/octet-stream".to_owned()),
            PayloadKind::Text => media_type.unwrap_or_else(|| "text/plain".to_owned()),
        }
    }

    /// The structures and unions `roots` reach through members, sorted.
    fn reachable(&self, roots: BTreeSet<String>) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut pending: Vec<String> = roots.into_iter().collect();
        while let Some(name) = pending.pop() {
            let mut inner = BTreeSet::new();
            match self.types.get(name.as_str()) {
                Some(TypeDef::Struct(s)) => s.fields.iter().for_each(|f| named_types(&f.ty, &mut inner)),
                Some(TypeDef::Union(u)) => u.variants.iter().filter_map(|v| v.ty.as_ref()).for_each(|t| named_types(t, &mut inner)),
                _ => continue,
            }
            if seen.insert(name) {
                pending.extend(inner.into_iter().filter(|n| !seen.contains(n)));
            }
        }
        seen
    }
}

fn request_body(fields: &[Field], bindings: &[Binding], wire: &Wire<'_>) -> RequestBody {
    let payload = fields.iter().zip(bindings).find_map(|(f, b)| match b.location {
        Location::Payload(kind) => Some((f, kind)),
        _ => None,
    });
    if let Some((field, kind)) = payload {
        return RequestBody::Payload { field: field.name.clone(), kind, content_type: wire.payload_content_type(kind, field) };
    }
    if bindings.iter().any(|b| b.location == Location::Body) {
        RequestBody::Object { content_type: "application/json".to_owned() }
    } else {
        RequestBody::Empty
    }
}

/// Splits `/a/{b}/{c+}?x=y&z` into path parts and the literal query, checking that every
/// label names an `@httpLabel` field.
fn uri_pattern(uri: &str, fields: &[Field], bindings: &[Binding]) -> Result<(Vec<PathPart>, String), String> {
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map(|c| open + c).ok_or_else(|| format!("unclosed label in URI `{uri}`"))?;
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_owned()));
        }
        let label = &rest[open + 1..close];
        let (label, greedy) = match label.strip_suffix('+') {
            Some(name) => (name, true),
            None => (label, false),
        };
        let field = fields
            .iter()
            .zip(bindings)
            .find(|(f, b)| f.wire_name == label && b.location == Location::Label)
            .map(|(f, _)| f.name.clone())
            .ok_or_else(|| format!("URI label `{{{label}}}` names no `@httpLabel` member of the input"))?;
        parts.push(PathPart::Label { field, greedy });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    Ok((parts, query.to_owned()))
}
