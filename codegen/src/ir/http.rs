//! The HTTP binding traits every REST protocol shares: where a top-level member travels
//! (`@httpLabel`, `@httpQuery`, `@httpQueryParams`, `@httpHeader`, `@httpPrefixHeaders`,
//! `@httpPayload`, `@httpResponseCode`), the URI pattern, the request body's kind, and which
//! Rust types each location can carry.

use super::wire::{Binding, Location, PathPart, PayloadKind, RequestBody};
use super::{Field, RustType, TypeDef};
use crate::error::Diagnostic;
use crate::model::traits::TimestampFormat;
use crate::model::{Member, Model, ShapeKind};
use std::collections::BTreeMap;

/// Where a member of a top-level structure travels. `http` says whether the protocol
/// reads the HTTP binding traits; otherwise everything is in the body, under `body_key`.
pub(super) fn binding(model: &Model, member: &Member, http: bool, body_key: String) -> Result<Binding, Diagnostic> {
    let traits = &member.traits;
    let (location, name, default) = if !http {
        (Location::Body, body_key, TimestampFormat::EpochSeconds)
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
        (Location::Payload(payload_kind(model, member)?), String::new(), TimestampFormat::EpochSeconds)
    } else if traits.http_response_code {
        (Location::ResponseCode, String::new(), TimestampFormat::EpochSeconds)
    } else {
        (Location::Body, body_key, TimestampFormat::EpochSeconds)
    };
    let target = target(model, member)?;
    let base64 = location == Location::Header
        && matches!(target.kind, ShapeKind::String)
        && (traits.media_type.is_some() || target.traits.media_type.is_some());
    Ok(Binding {
        location,
        name,
        timestamp: timestamp_format(model, member, default, 0),
        idempotency_token: traits.idempotency_token,
        base64,
    })
}

fn target<'m>(model: &'m Model, member: &Member) -> Result<&'m crate::model::Shape, Diagnostic> {
    model.shape(&member.target).ok_or_else(|| Diagnostic::new("refers to a shape that does not exist").at(&member.target))
}

fn payload_kind(model: &Model, member: &Member) -> Result<PayloadKind, Diagnostic> {
    Ok(match &target(model, member)?.kind {
        ShapeKind::Blob => PayloadKind::Blob,
        ShapeKind::String | ShapeKind::Enum(_) => PayloadKind::Text,
        _ => PayloadKind::Structured,
    })
}

/// The member's `@timestampFormat`, else its target's, else (through lists and maps)
/// their members', else the location's default.
pub(super) fn timestamp_format(model: &Model, member: &Member, default: TimestampFormat, depth: usize) -> TimestampFormat {
    if let Some(format) = member.traits.timestamp_format {
        return format;
    }
    let Some(target) = model.shape(&member.target) else { return default };
    if let Some(format) = target.traits.timestamp_format {
        return format;
    }
    match &target.kind {
        ShapeKind::List(item) | ShapeKind::Map(_, item) if depth < 32 => timestamp_format(model, item, default, depth + 1),
        _ => default,
    }
}

/// The request body of an input: its payload member, else an object of its body members
/// (with `structured` as content type), else nothing.
pub(super) fn request_body(model: &Model, fields: &[Field], structured: &str) -> RequestBody {
    let payload = fields.iter().find_map(|f| match f.binding.as_ref().map(|b| b.location) {
        Some(Location::Payload(kind)) => Some((f, kind)),
        _ => None,
    });
    if let Some((field, kind)) = payload {
        let media_type = model.shape(&field.target).and_then(|t| t.traits.media_type.clone());
        let content_type = match kind {
            PayloadKind::Structured => structured.to_owned(),
            PayloadKind::Blob => media_type.unwrap_or_else(|| "application/octet-stream".to_owned()),
            PayloadKind::Text => media_type.unwrap_or_else(|| "text/plain".to_owned()),
        };
        return RequestBody::Payload { field: field.name.clone(), kind, content_type };
    }
    if fields.iter().any(|f| f.binding.as_ref().is_some_and(|b| b.location == Location::Body)) {
        RequestBody::Object { content_type: structured.to_owned() }
    } else {
        RequestBody::Empty
    }
}

/// Splits `/a/{b}/{c+}?x=y&z` into path parts and the literal query, checking that every
/// label names an `@httpLabel` field.
pub(super) fn uri_pattern(uri: &str, fields: &[Field]) -> Result<(Vec<PathPart>, String), String> {
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
            .find(|f| f.wire_name == label && f.binding.as_ref().is_some_and(|b| b.location == Location::Label))
            .map(|f| f.name.clone())
            .ok_or_else(|| format!("URI label `{{{label}}}` names no `@httpLabel` member of the input"))?;
        parts.push(PathPart::Label { field, greedy });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    Ok((parts, query.to_owned()))
}

/// Why the wire code cannot carry this field where it is bound, if it cannot: the
/// emitters handle every type the Smithy selectors of the binding traits admit, and the
/// model checks refuse the others, so this only guards the gap between the two.
pub(super) fn unsupported(field: &Field, types: &BTreeMap<&str, &TypeDef>) -> Option<String> {
    let binding = field.binding.as_ref()?;
    let simple = |ty: &RustType| is_simple(ty, types);
    let supported = match (binding.location, &field.ty) {
        // A stream is the whole body or nothing.
        (_, RustType::ByteStream) => matches!(binding.location, Location::Payload(PayloadKind::Blob)),
        (Location::Body | Location::Payload(PayloadKind::Structured), _) => true,
        (Location::Label, ty) => simple(ty),
        (Location::Query | Location::Header, RustType::List(item)) => simple(item),
        (Location::Query | Location::Header, ty) => simple(ty),
        (Location::QueryParams, RustType::Map(key, value)) => {
            **key == RustType::String
                && (**value == RustType::String || matches!(&**value, RustType::List(item) if **item == RustType::String))
        }
        (Location::PrefixHeaders, RustType::Map(key, value)) => **key == RustType::String && **value == RustType::String,
        (Location::Payload(PayloadKind::Blob), ty) => matches!(ty, RustType::Blob | RustType::ByteStream),
        (Location::Payload(PayloadKind::Text), ty) => {
            *ty == RustType::String || matches!(ty, RustType::Named(n) if matches!(types.get(n.as_str()), Some(TypeDef::Enum(e)) if !e.int))
        }
        (Location::ResponseCode, ty) => *ty == RustType::I32,
        _ => false,
    };
    (!supported).then(|| format!("member `{}` cannot be bound to {:?} with this type", field.wire_name, binding.location))
}

/// A value with a text form in a label, query string or header.
fn is_simple(ty: &RustType, types: &BTreeMap<&str, &TypeDef>) -> bool {
    match ty {
        RustType::Bool
        | RustType::I8
        | RustType::I16
        | RustType::I32
        | RustType::I64
        | RustType::F32
        | RustType::F64
        | RustType::String
        | RustType::Blob
        | RustType::DateTime
        | RustType::BigInteger
        | RustType::BigDecimal => true,
        RustType::Named(name) => matches!(types.get(name.as_str()), Some(TypeDef::Enum(_))),
        _ => false,
    }
}
