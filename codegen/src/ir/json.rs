//! The JSON protocols (awsJson1_0, awsJson1_1, restJson1): each member's key and timestamp
//! format in a JSON body, where top-level members travel, each operation's request line
//! and `X-Amz-Target`, content types, error codes, and which shared JSON writer and reader
//! functions the service needs.

use super::names::{self, Scope};
use super::wire::{ErrorWire, OperationWire, PathPart, RequestBody, ServiceWire, WireProtocol};
use super::{http, Field, Operation, RustType, Service, TypeDef};
use crate::error::Diagnostic;
use crate::model::traits::TimestampFormat;
use crate::model::{Member, Model, Shape, ShapeId, ShapeKind};
use std::collections::{BTreeMap, BTreeSet};

/// A member in a JSON object.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonMember {
    /// The object key: `@jsonName` under restJson1, else the member name.
    pub key: String,
    /// The format of timestamps in the value (also inside lists and maps).
    pub timestamp: TimestampFormat,
}

/// The wire decisions of a service speaking a JSON protocol (see `wire::lower`).
pub(super) fn lower(
    model: &Model,
    shape: &Shape,
    service: &mut Service,
    protocol: WireProtocol,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    let rest = protocol == WireProtocol::RestJson;
    let top_level = top_level_types(service);
    for def in &mut service.types {
        place_members(model, def, rest, top_level.contains(def.name()))?;
    }
    let types: BTreeMap<&str, &TypeDef> = service.types.iter().map(|t| (t.name(), t)).collect();
    let mut warnings = Vec::new();
    for op in &mut service.operations {
        match operation(model, shape, op, &types, protocol)? {
            Ok(wire) => op.wire = Some(wire),
            Err(reason) => {
                let location = model.shape(&op.id).and_then(|s| s.source.as_deref());
                let message = format!("operation refused, it has no `request`/`response`: {reason}");
                warnings.push(Diagnostic::new(message).at(&op.id).in_source(location));
                op.refused = Some(reason);
            }
        }
    }
    name_error_enums(&mut service.operations);
    service.wire = Some(service_wire(&service.operations, &types, protocol));
    Ok(warnings)
}

/// Structures that are an operation's input, output or error: their members have bindings.
fn top_level_types(service: &Service) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for op in &service.operations {
        names.extend(op.input.iter().chain(&op.output).chain(&op.errors).cloned());
    }
    names
}

/// Fills each member's JSON facts, and its binding when the structure is top-level; members
/// are found in the model by name, never by position.
fn place_members(model: &Model, def: &mut TypeDef, rest: bool, top_level: bool) -> Result<(), Diagnostic> {
    let (id, members) = match def {
        TypeDef::Struct(s) => (s.id.clone(), model_members(model, &s.id)?),
        TypeDef::Union(u) => (u.id.clone(), model_members(model, &u.id)?),
        TypeDef::Enum(_) => return Ok(()),
    };
    let member = |wire_name: &str| {
        members.get(wire_name).ok_or_else(|| Diagnostic::new(format!("has no member `{wire_name}`")).at(&id))
    };
    match def {
        TypeDef::Struct(s) => {
            for field in &mut s.fields {
                let member = member(&field.wire_name)?;
                let json = json_member(model, member, rest);
                if top_level {
                    field.binding = Some(http::binding(model, member, rest, json.key.clone())?);
                }
                field.json = Some(json);
            }
        }
        TypeDef::Union(u) => {
            for variant in &mut u.variants {
                variant.json = Some(json_member(model, member(&variant.wire_name)?, rest));
            }
        }
        TypeDef::Enum(_) => {}
    }
    Ok(())
}

fn model_members<'m>(model: &'m Model, id: &ShapeId) -> Result<&'m crate::model::Members, Diagnostic> {
    let shape = model.shape(id).ok_or_else(|| Diagnostic::new("refers to a shape that does not exist").at(id))?;
    shape.kind.members().ok_or_else(|| Diagnostic::new("has no members").at(id))
}

fn json_member(model: &Model, member: &Member, rest: bool) -> JsonMember {
    let key = match (rest, &member.traits.json_name) {
        (true, Some(name)) => name.clone(),
        _ => member.name.clone(),
    };
    JsonMember { key, timestamp: http::timestamp_format(model, member, TimestampFormat::EpochSeconds, 0) }
}

/// The operation's request line, headers and body; `Ok(Err(reason))` when the generator
/// cannot emit it (an event stream, a binding it cannot carry).
fn operation(
    model: &Model,
    service: &Shape,
    op: &Operation,
    types: &BTreeMap<&str, &TypeDef>,
    protocol: WireProtocol,
) -> Result<Result<OperationWire, String>, Diagnostic> {
    let shape = model.shape(&op.id).ok_or_else(|| Diagnostic::new("refers to a shape that does not exist").at(&op.id))?;
    let fields = |name: &Option<String>| name.as_deref().map_or(&[][..], |n| fields_of(types, n));
    let (input, output) = (fields(&op.input), fields(&op.output));
    if let Some(reason) = refusal(model, input, output, types) {
        return Ok(Err(reason));
    }
    let mut variants = Scope::default();
    let errors: Vec<(String, String)> = op.errors.iter().map(|e| (variants.claim(e.clone(), ""), e.clone())).collect();
    let unmodeled_variant = variants.claim("Unmodeled".to_owned(), "");
    let malformed_variant = variants.claim("Malformed".to_owned(), "");
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
        body: RequestBody::Empty,
        streaming_input: input.iter().any(Field::is_stream),
        streaming_output: output.iter().any(Field::is_stream),
        requires_length: input.iter().any(|f| {
            f.is_stream() && model.shape(&f.target).is_some_and(|t| t.traits.has("smithy.api#requiresLength"))
        }),
        request_compression: false,
        checksum: Default::default(),
        response_checksums: false,
        customizations: Vec::new(),
    };
    super::checksum::lower(shape, &op.id, input, &mut wire)?;
    let version = match &service.kind {
        ShapeKind::Service(s) => s.version.as_deref(),
        _ => None,
    };
    super::customizations::apply(&service.id, version, &op.id, input, &mut wire);
    match protocol {
        WireProtocol::AwsJson { version } => {
            wire.target = Some(format!("{}.{}", service.id.name(), op.id.name()));
            if service.traits.has("aws.protocols#awsQueryCompatible") {
                wire.fixed_headers.push(("x-amzn-query-mode".to_owned(), "true".to_owned()));
            }
            wire.body = RequestBody::Object { content_type: format!("application/x-amz-json-{version}") };
        }
        WireProtocol::RestJson => {
            let http = shape
                .traits
                .http
                .as_ref()
                .ok_or_else(|| Diagnostic::new("a restJson1 operation needs the `@http` trait").at(&op.id))?;
            wire.method = http.method.clone();
            let (path, query) = http::uri_pattern(&http.uri, input).map_err(|m| Diagnostic::new(m).at(&op.id))?;
            wire.path = path;
            wire.query = query;
            wire.body = http::request_body(model, input, "application/json");
        }
    }
    Ok(Ok(wire))
}

/// Why an operation cannot have wire code yet, if it cannot.
fn refusal(model: &Model, input: &[Field], output: &[Field], types: &BTreeMap<&str, &TypeDef>) -> Option<String> {
    for field in input.iter().chain(output) {
        let target = model.shape(&field.target);
        if target.is_some_and(|t| t.traits.streaming && matches!(t.kind, ShapeKind::Union(_))) {
            return Some(format!("member `{}` is an event stream, which is not supported yet", field.wire_name));
        }
        if let Some(reason) = http::unsupported(field, types) {
            return Some(reason);
        }
    }
    None
}

/// The service-wide part: error readers and the shared JSON functions the operations that
/// have wire code need, each named once.
fn service_wire(operations: &[Operation], types: &BTreeMap<&str, &TypeDef>, protocol: WireProtocol) -> ServiceWire {
    let fields_of = |name: &str| fields_of(types, name);
    let mut fn_names = Scope::default();
    let (mut write, mut read) = (BTreeSet::new(), BTreeSet::new());
    let mut errors = BTreeMap::new();
    for op in operations.iter().filter(|op| op.wire.is_some()) {
        op.input.iter().for_each(|name| fields_of(name).iter().for_each(|f| named_types(&f.ty, &mut write)));
        op.output.iter().for_each(|name| fields_of(name).iter().for_each(|f| named_types(&f.ty, &mut read)));
        for error in &op.errors {
            if !errors.contains_key(error) {
                let reader = fn_names.claim(format!("read_{}_error", names::snake_name(error)), "_");
                let code = match types.get(error.as_str()) {
                    Some(TypeDef::Struct(s)) => s.id.name().to_owned(),
                    _ => error.clone(),
                };
                errors.insert(error.clone(), ErrorWire { code, reader });
                fields_of(error).iter().for_each(|f| named_types(&f.ty, &mut read));
            }
        }
    }
    // One function per type the operations reach, named `write_x` / `read_x`.
    let mut function_names = |prefix: &str, roots: BTreeSet<String>| -> BTreeMap<String, String> {
        reachable(roots, types)
            .into_iter()
            .map(|t| {
                let name = fn_names.claim(format!("{prefix}_{}", names::snake_name(&t)), "_");
                (t, name)
            })
            .collect()
    };
    let writers = function_names("write", write);
    let readers = function_names("read", read);
    ServiceWire { protocol, writers, readers, errors }
}

/// The fields of the structure named `name`; none for anything else.
fn fields_of<'t>(types: &BTreeMap<&str, &'t TypeDef>, name: &str) -> &'t [Field] {
    match types.get(name) {
        Some(TypeDef::Struct(s)) => &s.fields,
        _ => &[],
    }
}

/// `{Operation}Error`, unique beside the operation markers in the `operations` module.
fn name_error_enums(operations: &mut [Operation]) {
    let markers: Vec<String> = operations.iter().filter_map(|op| op.wire.as_ref().map(|w| w.marker.clone())).collect();
    let markers: Vec<&str> = markers.iter().map(String::as_str).collect();
    let mut scope = Scope::with_reserved(&markers);
    for wire in operations.iter_mut().filter_map(|op| op.wire.as_mut()) {
        wire.error_enum = scope.claim(format!("{}Error", wire.marker), "_");
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

/// The structures and unions `roots` reach through members, sorted.
fn reachable(roots: BTreeSet<String>, types: &BTreeMap<&str, &TypeDef>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<String> = roots.into_iter().collect();
    while let Some(name) = pending.pop() {
        let mut inner = BTreeSet::new();
        match types.get(name.as_str()) {
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
