//! HTTP bindings whose generated request or response code would be ambiguous or lose data.

use super::{is_string, problem, ticked, Shapes};
use crate::error::Diagnostic;
use crate::model::{is_identifier, Member, Members, Shape, ShapeId, ShapeKind, Traits};
use std::collections::{BTreeMap, BTreeSet};

/// A parsed `@http` URI pattern.
struct Uri {
    /// Label names, and whether each is greedy (`{key+}`).
    labels: Vec<(String, bool)>,
    /// Keys of the literal query (`?a=b&c`).
    query_keys: Vec<String>,
}

/// An operation with `@http`.
struct HttpOperation<'a> {
    shape: &'a Shape,
    uri: &'a str,
    input: Option<&'a ShapeId>,
}

fn http_operations(shapes: &Shapes) -> impl Iterator<Item = HttpOperation<'_>> {
    shapes.values().filter_map(|shape| {
        let ShapeKind::Operation(op) = &shape.kind else { return None };
        Some(HttpOperation { shape, uri: &shape.traits.http.as_ref()?.uri, input: op.input.as_ref() })
    })
}

/// URI patterns Smithy cannot parse (Smithy UriPattern, HttpUriFormatValidator): the
/// request path built from them would not be the one the service expects.
pub(super) fn uri_patterns(shapes: &Shapes, out: &mut Vec<Diagnostic>) {
    for op in http_operations(shapes) {
        if let Err(why) = parse_uri(op.uri) {
            let message = format!("the `@http` URI `{}` is invalid: {why} (Smithy UriPattern)", op.uri);
            out.push(problem(op.shape, &op.shape.id, message));
        }
    }
}

fn parse_uri(uri: &str) -> Result<Uri, String> {
    if !uri.starts_with('/') {
        return Err("it must start with `/`".to_owned());
    }
    if !uri.is_ascii() {
        return Err("it must be ASCII".to_owned());
    }
    if uri.ends_with('?') || uri.contains('#') {
        return Err("it may not end with `?` or hold a fragment".to_owned());
    }
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let mut labels: Vec<(String, bool)> = Vec::new();
    // Trailing `/`s are allowed (Smithy drops them); an empty segment elsewhere is not.
    let segments = path[1..].trim_end_matches('/');
    for segment in segments.split('/').filter(|_| !segments.is_empty()) {
        let Some(label) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            if segment.is_empty() || segment.contains(['{', '}']) {
                return Err(format!("the segment `{segment}` must be a literal or a whole `{{label}}`"));
            }
            continue;
        };
        let (name, greedy) = label.strip_suffix('+').map_or((label, false), |name| (name, true));
        if !is_identifier(name) {
            return Err(format!("the label `{segment}` must name a member"));
        }
        if labels.iter().any(|(other, _)| other.eq_ignore_ascii_case(name)) {
            return Err(format!("the label `{name}` appears twice"));
        }
        labels.push((name.to_owned(), greedy));
    }
    if query.contains(['{', '}']) {
        return Err("labels may not appear in the query".to_owned());
    }
    let mut query_keys: Vec<String> = Vec::new();
    for key in query.split('&').filter(|_| !query.is_empty()).map(|pair| pair.split('=').next().unwrap_or(pair)) {
        if query_keys.iter().any(|k| k == key) {
            return Err(format!("the query parameter `{key}` appears twice"));
        }
        query_keys.push(key.to_owned());
    }
    Ok(Uri { labels, query_keys })
}

/// URI labels and the input's `@httpLabel` members must match one to one, a greedy label
/// must be a string, and an `@httpQuery` may not repeat a key the URI fixes (Smithy
/// HttpLabelTraitValidator, HttpQueryTraitValidator): otherwise a value would be dropped
/// or sent twice.
pub(super) fn uri_bindings(shapes: &Shapes, out: &mut Vec<Diagnostic>) {
    let empty = Members::new();
    for HttpOperation { shape: op, uri, input } in http_operations(shapes) {
        let Ok(uri) = parse_uri(uri) else { continue };
        let members = input.and_then(|id| shapes.get(id)).and_then(|s| s.kind.members()).unwrap_or(&empty);
        let input_id = input.map_or_else(|| "smithy.api#Unit".to_owned(), ShapeId::to_string);
        for member in members.values().filter(|m| m.traits.http_label) {
            match uri.labels.iter().find(|(name, _)| *name == member.name) {
                None => {
                    let message = format!(
                        "the input `{input_id}` has the @httpLabel member `{}`, but the URI has no such label \
                         (Smithy HttpLabelTraitValidator)",
                        member.name
                    );
                    out.push(problem(op, &op.id, message));
                }
                Some((_, true)) if !shapes.get(&member.target).is_some_and(|t| is_string(&t.kind)) => {
                    let message = format!(
                        "the greedy label `{{{}+}}` must target a string (Smithy HttpLabelTraitValidator)",
                        member.name
                    );
                    out.push(problem(op, &op.id, message));
                }
                Some(_) => {}
            }
        }
        let unbound: Vec<&str> = uri
            .labels
            .iter()
            .map(|(name, _)| name.as_str())
            .filter(|name| !members.get(*name).is_some_and(|m| m.traits.http_label))
            .collect();
        if !unbound.is_empty() {
            let message = format!(
                "the URI labels {} have no @httpLabel member in the input `{input_id}` \
                 (Smithy HttpLabelTraitValidator)",
                ticked(&unbound)
            );
            out.push(problem(op, &op.id, message));
        }
        for member in members.values() {
            if let Some(key) = member.traits.http_query.as_ref().filter(|key| uri.query_keys.contains(key)) {
                let message = format!(
                    "the @httpQuery `{key}` of member `{input_id}${}` is already fixed by the URI \
                     (Smithy HttpQueryTraitValidator)",
                    member.name
                );
                out.push(problem(op, &op.id, message));
            }
        }
    }
}

/// `@httpLabel` members must be `@required`: a request without the label has no path.
pub(super) fn required_labels(shapes: &Shapes, out: &mut Vec<Diagnostic>) {
    for shape in shapes.values() {
        for member in shape.kind.all_members().into_iter().filter(|m| m.traits.http_label && !m.traits.required) {
            let message =
                "an @httpLabel member must be @required (Smithy TraitTargetValidator, the `httpLabel` selector)"
                    .to_owned();
            out.push(problem(shape, shape.id.member(&member.name), message));
        }
    }
}

/// Whether a member is bound somewhere other than the JSON body.
fn is_bound(traits: &Traits) -> bool {
    traits.http_label
        || traits.http_query.is_some()
        || traits.http_query_params
        || traits.http_header.is_some()
        || traits.http_prefix_headers.is_some()
        || traits.http_payload
        || traits.http_response_code
}

/// With an `@httpPayload` member the body is that member alone, so every other member must
/// be bound elsewhere, or it would be lost (Smithy HttpPayloadValidator). Checked for the
/// input and output of operations with `@http`, and for every error.
pub(super) fn payloads(shapes: &Shapes, out: &mut Vec<Diagnostic>) {
    let mut structures = BTreeSet::new();
    for shape in shapes.values().filter(|s| s.traits.http.is_some()) {
        if let ShapeKind::Operation(op) = &shape.kind {
            structures.extend(op.input.iter().chain(&op.output));
        }
    }
    structures.extend(shapes.values().filter(|s| s.traits.error.is_some()).map(|s| &s.id));
    for shape in structures.into_iter().filter_map(|id| shapes.get(id)) {
        let Some(members) = shape.kind.members() else { continue };
        if !members.values().any(|m| m.traits.http_payload) {
            continue;
        }
        let unbound: Vec<&str> = members.values().filter(|m| !is_bound(&m.traits)).map(|m| m.name.as_str()).collect();
        if !unbound.is_empty() {
            let message = format!(
                "a member is the @httpPayload, so the members {} must be bound to the URI, query, headers \
                 or status code (Smithy HttpPayloadValidator)",
                ticked(&unbound)
            );
            out.push(problem(shape, &shape.id, message));
        }
    }
}

/// Two members of one structure bound to the same header (case-insensitively) or query
/// parameter, or a header inside an `@httpPrefixHeaders` prefix (Smithy
/// HttpHeaderTraitValidator, HttpQueryTraitValidator, HttpPrefixHeadersTraitValidator).
pub(super) fn header_and_query_names(shapes: &Shapes, out: &mut Vec<Diagnostic>) {
    let header = |m: &Member| m.traits.http_header.as_ref().map(|h| h.to_ascii_lowercase());
    let query = |m: &Member| m.traits.http_query.clone();
    for shape in shapes.values() {
        let ShapeKind::Structure(members) = &shape.kind else { continue };
        for (name, holders) in shared(members, header) {
            let message = format!(
                "the members {} are bound to the same header `{name}` (Smithy HttpHeaderTraitValidator)",
                ticked(&holders)
            );
            out.push(problem(shape, &shape.id, message));
        }
        for (name, holders) in shared(members, query) {
            let message = format!(
                "the members {} are bound to the same query parameter `{name}` (Smithy HttpQueryTraitValidator)",
                ticked(&holders)
            );
            out.push(problem(shape, &shape.id, message));
        }
        let prefixes =
            members.values().filter_map(|m| Some((m, m.traits.http_prefix_headers.as_ref()?.to_ascii_lowercase())));
        for (prefixed, prefix) in prefixes.filter(|(_, prefix)| !prefix.is_empty()) {
            for member in members.values() {
                if let Some(header) = header(member).filter(|h| h.starts_with(&prefix)) {
                    let message = format!(
                        "the header `{header}` of member `{}` starts with the @httpPrefixHeaders prefix \
                         `{prefix}` of member `{}` (Smithy HttpPrefixHeadersTraitValidator)",
                        member.name, prefixed.name
                    );
                    out.push(problem(shape, &shape.id, message));
                }
            }
        }
    }
}

/// Names that `key` gives to more than one member, with those members.
fn shared(members: &Members, key: impl Fn(&Member) -> Option<String>) -> Vec<(String, Vec<&str>)> {
    let mut by_name: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for member in members.values() {
        if let Some(name) = key(member) {
            by_name.entry(name).or_default().push(&member.name);
        }
    }
    by_name.into_iter().filter(|(_, holders)| holders.len() > 1).collect()
}
