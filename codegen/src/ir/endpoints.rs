//! Endpoint resolution: what a service's rule set, its client context parameters and its
//! operations' context parameters and host prefixes become in generated code.
//!
//! The rule set itself is not turned into Rust: generated crates embed it as compact JSON
//! and the runtime's rules engine (`smithy_runtime::endpoint`) compiles it once, on first
//! use (`ARCHITECTURE.md`, "Endpoints", says why). Here it is checked with that same engine,
//! so a rule set the runtime would refuse fails generation instead.

use serde_json::{Map, Value};

/// The rule set as generated crates embed it: minified JSON without the prose
/// (`documentation` of the rule set, its parameters, rules and conditions, and parameters'
/// `deprecated` notes), which the engine does not read. Keys stay in byte order, so the
/// text is deterministic.
pub fn embedded_rule_set(rule_set: &Value) -> String {
    let mut root = Map::new();
    if let Some(fields) = rule_set.as_object() {
        for (key, value) in fields {
            let value = match key.as_str() {
                "parameters" => parameters(value),
                "rules" => rules(value),
                "documentation" => continue,
                _ => value.clone(),
            };
            root.insert(key.clone(), value);
        }
    }
    Value::Object(root).to_string()
}

fn parameters(value: &Value) -> Value {
    let Some(params) = value.as_object() else {
        return value.clone();
    };
    let strip = |spec: &Value| without(spec, &["documentation", "deprecated"]);
    Value::Object(params.iter().map(|(name, spec)| (name.clone(), strip(spec))).collect())
}

fn rules(value: &Value) -> Value {
    let Some(items) = value.as_array() else {
        return value.clone();
    };
    Value::Array(items.iter().map(rule).collect())
}

fn rule(value: &Value) -> Value {
    let Some(fields) = value.as_object() else {
        return value.clone();
    };
    let mut out = Map::new();
    for (key, value) in fields {
        let value = match key.as_str() {
            "documentation" => continue,
            "conditions" => match value.as_array() {
                Some(conditions) => Value::Array(conditions.iter().map(|c| without(c, &["documentation"])).collect()),
                None => value.clone(),
            },
            "rules" => rules(value),
            _ => value.clone(),
        };
        out.insert(key.clone(), value);
    }
    Value::Object(out)
}

/// An object without the given keys (at its top level only: property values keep theirs).
fn without(value: &Value, keys: &[&str]) -> Value {
    match value.as_object() {
        Some(fields) => Value::Object(
            fields.iter().filter(|(k, _)| !keys.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect(),
        ),
        None => value.clone(),
    }
}
