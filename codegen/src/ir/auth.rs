//! How each operation authenticates its requests: the Smithy auth traits resolved, per the
//! spec's "Auth trait" rules, into an ordered list of schemes.
//!
//! A service's schemes are its `@auth` list when it has one, else every auth-definition
//! trait it carries, in shape-ID order. An operation's `@auth` narrows them; `@auth([])`
//! leaves none, which means anonymous. `@optionalAuth` adds anonymous as the last resort.

use super::Service;
use crate::error::Diagnostic;
use crate::model::{Model, Shape, ShapeId};
use serde_json::Value;

/// One way an operation's requests may be authenticated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthScheme {
    /// `aws.auth#sigv4`, with the model's signing name.
    SigV4 {
        /// The `name` of the trait: the service's signing name.
        signing_name: String,
    },
    /// `smithy.api#httpBearerAuth`.
    Bearer,
    /// No authentication.
    Anonymous,
    /// A scheme the runtime cannot sign with yet (`aws.auth#sigv4a`, `smithy.api#httpBasicAuth`, …).
    Unsupported(String),
}

/// The auth-definition traits of Smithy's prelude and of the AWS traits (which the models do
/// not define, so their `@authDefinition` cannot be looked up).
const KNOWN_AUTH_TRAITS: &[&str] = &[
    "aws.auth#cognitoUserPools",
    "aws.auth#sigv4",
    "aws.auth#sigv4a",
    "smithy.api#httpApiKeyAuth",
    "smithy.api#httpBasicAuth",
    "smithy.api#httpBearerAuth",
    "smithy.api#httpDigestAuth",
];

/// Sets each operation's schemes and `aws.auth#unsignedPayload`; a scheme an operation names
/// but its service does not define is a warning, and left out.
pub(super) fn lower(model: &Model, service_shape: &Shape, service: &mut Service) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    // An operation's `@auth` may name any scheme applied to the service, in any order.
    let applied: Vec<String> =
        service_shape.traits.other.keys().filter(|id| is_auth_definition(model, id)).cloned().collect();
    let defined = service_schemes(service_shape, &applied);
    for op in &mut service.operations {
        let Some(shape) = model.shape(&op.id) else { continue };
        let ids: Vec<String> = match shape.traits.other.get("smithy.api#auth") {
            Some(list) => {
                let named = scheme_ids(list);
                for id in named.iter().filter(|id| !applied.contains(id)) {
                    warnings.push(
                        Diagnostic::new(format!("`@auth` names `{id}`, which the service does not define; left out"))
                            .at(&op.id),
                    );
                }
                named.into_iter().filter(|id| applied.contains(id)).collect()
            }
            None => defined.clone(),
        };
        op.auth = ids.iter().map(|id| scheme(service_shape, id)).collect();
        if op.auth.is_empty() || shape.traits.has("smithy.api#optionalAuth") {
            op.auth.push(AuthScheme::Anonymous);
        }
        op.unsigned_payload = shape.traits.has("aws.auth#unsignedPayload");
    }
    warnings
}

/// The service's schemes, in order: its `@auth` list, else the auth traits applied to it,
/// which `other` holds ordered by trait ID, the order the spec gives.
fn service_schemes(service: &Shape, applied: &[String]) -> Vec<String> {
    match service.traits.other.get("smithy.api#auth") {
        Some(list) => scheme_ids(list),
        None => applied.to_vec(),
    }
}

fn is_auth_definition(model: &Model, trait_id: &str) -> bool {
    KNOWN_AUTH_TRAITS.contains(&trait_id)
        || ShapeId::parse(trait_id)
            .ok()
            .and_then(|id| model.shape(&id))
            .is_some_and(|shape| shape.traits.has("smithy.api#authDefinition"))
}

fn scheme_ids(list: &Value) -> Vec<String> {
    list.as_array().map(|ids| ids.iter().filter_map(|id| id.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

fn scheme(service: &Shape, id: &str) -> AuthScheme {
    match id {
        "aws.auth#sigv4" => {
            let name = service.traits.other.get(id).and_then(|v| v.get("name")).and_then(Value::as_str);
            AuthScheme::SigV4 { signing_name: name.unwrap_or_default().to_owned() }
        }
        "smithy.api#httpBearerAuth" => AuthScheme::Bearer,
        other => AuthScheme::Unsupported(other.to_owned()),
    }
}
