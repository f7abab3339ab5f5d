//! Endpoint resolution: what a service's rule set, its client context parameters and its
//! operations' context parameters and host prefixes become in generated code.
//!
//! The rule set itself is not turned into Rust: generated crates embed it as compact JSON
//! and the runtime's rules engine (`smithy_runtime::endpoint`) compiles it once, on first
//! use (`ARCHITECTURE.md`, "Endpoints", says why). Here it is checked with that same engine,
//! so a rule set the runtime would refuse fails generation instead.

use super::names::{self, Scope};
use super::Service;
use crate::error::Diagnostic;
use crate::model::{Model, Shape, ShapeId, ShapeKind};
use serde_json::{Map, Value};
use smithy_runtime::endpoint::{BuiltIns, ParamValue, ParameterType, RuleSet};

/// The rule set (or decision diagram) as generated crates embed it: minified JSON without the prose
/// (`documentation` of the rule set, its parameters, rules and conditions, and parameters'
/// `deprecated` notes), which the engine does not read, nor what says nothing (empty
/// `headers` and `properties`, `required: false`). Keys stay in byte order, so the text is
/// deterministic.
pub fn embedded_rule_set(rule_set: &Value) -> String {
    let mut root = Map::new();
    if let Some(fields) = rule_set.as_object() {
        for (key, value) in fields {
            let value = match key.as_str() {
                "parameters" => parameters(value),
                // A tree's rules, or a decision diagram's results.
                "rules" | "results" => rules(value),
                "conditions" => conditions(value),
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
    let strip = |spec: &Value| {
        // `required: false` says what an absent `required` says.
        let implied = |key: &str, value: &Value| key == "required" && *value == Value::Bool(false);
        without(spec, &["documentation", "deprecated"], implied)
    };
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
            "conditions" => conditions(value),
            "rules" => rules(value),
            // Empty `headers` and `properties` say what absent ones say.
            "endpoint" => without(value, &[], |key, value| {
                matches!(key, "headers" | "properties") && value.as_object().is_some_and(Map::is_empty)
            }),
            _ => value.clone(),
        };
        out.insert(key.clone(), value);
    }
    Value::Object(out)
}

fn conditions(value: &Value) -> Value {
    match value.as_array() {
        Some(conditions) => {
            Value::Array(conditions.iter().map(|c| without(c, &["documentation"], |_, _| false)).collect())
        }
        None => value.clone(),
    }
}

/// An object without the given keys, nor the entries `also` picks (at its top level only:
/// property values keep theirs).
fn without(value: &Value, keys: &[&str], also: impl Fn(&str, &Value) -> bool) -> Value {
    match value.as_object() {
        Some(fields) => Value::Object(
            fields
                .iter()
                .filter(|(k, v)| !keys.contains(&k.as_str()) && !also(k, v))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        None => value.clone(),
    }
}

/// What a service's rule set becomes: the embedded rule set, one field per parameter, and
/// its official test cases.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceEndpoints {
    /// [`embedded_rule_set`].
    pub rule_set: String,
    /// In byte order of their names: the order the runtime takes their values in.
    pub params: Vec<EndpointParam>,
    /// The `smithy.rules#endpointTests` cases, as `#[test]`s of the generated crate.
    pub tests: Vec<EndpointTest>,
}

/// A rule-set parameter, a field of the generated `endpoint::Params`.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointParam {
    /// The name in the rule set (`UseFIPS`).
    pub name: String,
    /// The Rust field name (`use_fips`).
    pub field: String,
    /// Its type.
    pub kind: ParamKind,
    /// The built-in it is bound to (`AWS::Region`).
    pub built_in: Option<String>,
    /// Its default value, which the runtime applies to an unset value.
    pub default: Option<ParamLiteral>,
    /// Whether it must have a value (after its default).
    pub required: bool,
    /// Whether the service lists it in `smithy.rules#clientContextParams`: a setting of
    /// its clients.
    pub client_context: bool,
    /// Rustdoc lines.
    pub docs: Vec<String>,
}

/// The type of a rule-set parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// `Option<String>`.
    String,
    /// `Option<bool>`.
    Bool,
    /// `Option<Vec<String>>`.
    StringArray,
}

/// A value written in the model: a default, a static context parameter, a test's input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamLiteral {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// A list of strings.
    StringArray(Vec<String>),
}

/// One official test case.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointTest {
    /// The test function's name (`case_12`).
    pub name: String,
    /// The case's documentation.
    pub docs: String,
    /// The parameters it sets, by field name.
    pub params: Vec<(String, ParamLiteral)>,
    /// What it expects.
    pub expect: TestExpectation,
    /// The calls it makes (`operationInputs`): each binds its parameters through an
    /// operation and must give the same outcome.
    pub operation_inputs: Vec<OperationInput>,
}

/// One `operationInputs` entry of a test case.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationInput {
    /// The operation's name in the model (`GetObject`).
    pub operation: String,
    /// Built-in values of the configuration, by built-in name.
    pub built_ins: Vec<(String, ParamLiteral)>,
    /// Client context parameters, by field name.
    pub client_params: Vec<(String, ParamLiteral)>,
    /// The operation's input, as Smithy params JSON (member names as keys).
    pub input: Value,
}

/// What a test case expects.
#[derive(Clone, Debug, PartialEq)]
pub enum TestExpectation {
    /// An endpoint: its URL, headers and properties (as compact JSON).
    Endpoint { url: String, headers: Vec<(String, Vec<String>)>, properties: String },
    /// An error with exactly this message.
    Error(String),
    /// The case cannot be read, for this reason; its test is ignored, saying so.
    Unreadable(String),
}

/// Where an operation's endpoint parameters and host come from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OperationEndpoint {
    /// `smithy.rules#staticContextParams`: (parameter field, value).
    pub static_params: Vec<(String, ParamLiteral)>,
    /// `smithy.rules#contextParam` on input members.
    pub context_params: Vec<ContextParam>,
    /// `smithy.rules#operationContextParams`: (parameter field, path into the input).
    pub operation_context_params: Vec<(String, Vec<PathStep>)>,
    /// `@endpoint(hostPrefix)`: text and `@hostLabel` member names, in order; empty when
    /// the operation has none.
    pub host_prefix: Vec<HostPart>,
    /// The input member whose value replaces the resolved endpoint, for the one operation
    /// the AWS SDKs customize so (Amazon Machine Learning's `Predict`, `PredictEndpoint`).
    pub endpoint_member: Option<String>,
}

/// An input member bound to a parameter (`@contextParam`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContextParam {
    /// The parameter's field.
    pub param: String,
    /// The member's name.
    pub member: String,
    /// Whether the member is `@required`: then a request with it empty or only white space
    /// is not sent (the rules-engine spec), since the server routes by it.
    pub required: bool,
}

/// A piece of a host prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostPart {
    /// Literal text.
    Text(String),
    /// The value of this `@hostLabel` input member.
    Label(String),
}

/// A step of an `operationContextParams` path (the JMESPath subset the rules engine allows).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathStep {
    /// A member of a structure, by member name.
    Field(String),
    /// `[*]` on a list: what follows applies to each element.
    Each,
    /// `[]` on a list: flattened, then as `Each`.
    Flatten,
    /// `*` on a map: what follows applies to each value.
    Values,
    /// `keys(…)` of a map.
    Keys,
}

const RULE_SET: &str = "smithy.rules#endpointRuleSet";
const BDD: &str = "smithy.rules#endpointBdd";
const TESTS: &str = "smithy.rules#endpointTests";
const CLIENT_CONTEXT: &str = "smithy.rules#clientContextParams";
const STATIC_CONTEXT: &str = "smithy.rules#staticContextParams";
const OPERATION_CONTEXT: &str = "smithy.rules#operationContextParams";
const CONTEXT_PARAM: &str = "smithy.rules#contextParam";
const ENDPOINT: &str = "smithy.api#endpoint";
const HOST_LABEL: &str = "smithy.api#hostLabel";

/// Adds the endpoint facts to a lowered service: its rule set and parameters, and each
/// operation's bindings and host prefix. A rule set the runtime cannot compile, or a
/// binding that names no parameter, is a warning: the service (or the binding) goes
/// without, and the rest is generated.
pub(crate) fn lower(model: &Model, shape: &Shape, service: &mut Service) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    // A tree of rules, or the same logic as a decision diagram: the engine runs both.
    let rules = shape.traits.other.get(RULE_SET).or_else(|| shape.traits.other.get(BDD));
    service.endpoints = rules.and_then(|rule_set| match service_endpoints(shape, rule_set) {
        Ok(endpoints) => Some(endpoints),
        Err(message) => {
            warnings.push(
                Diagnostic::new(format!("{message}; the service has no endpoint resolution"))
                    .at(&shape.id)
                    .in_source(shape.source.as_deref()),
            );
            None
        }
    });
    let params = service.endpoints.as_ref().map_or(&[][..], |e| &e.params[..]);
    for param in params {
        let Some(built_in) = &param.built_in else { continue };
        if !BuiltIns::NAMES.contains(&built_in.as_str()) || param.kind == ParamKind::StringArray {
            let message = format!(
                "endpoint parameter `{}` is bound to the built-in `{built_in}`, which the runtime does not fill: \
                 `Params::from_built_ins` leaves it unset, set `{}` yourself",
                param.name, param.field
            );
            warnings.push(Diagnostic::new(message).at(&shape.id).in_source(shape.source.as_deref()));
        }
    }
    for op in &mut service.operations {
        let Some(op_shape) = model.shape(&op.id) else { continue };
        let ShapeKind::Operation(definition) = &op_shape.kind else { continue };
        let input = definition.input.as_ref().and_then(|id| model.shape(id));
        let (endpoint, problems) = operation_endpoint(model, op_shape, input, params);
        op.endpoint = endpoint;
        warnings.extend(problems);
    }
    warnings
}

fn service_endpoints(shape: &Shape, rule_set: &Value) -> Result<ServiceEndpoints, String> {
    let embedded = embedded_rule_set(rule_set);
    let compiled = RuleSet::from_json(&embedded).map_err(|e| e.to_string())?;
    let client_context = shape.traits.other.get(CLIENT_CONTEXT).and_then(Value::as_object);
    let mut fields = Scope::default();
    let params: Vec<EndpointParam> = compiled
        .parameters()
        .iter()
        .map(|param| {
            let raw = &rule_set["parameters"][param.name()];
            EndpointParam {
                name: param.name().to_owned(),
                field: fields.claim(names::snake_name(param.name()), "_"),
                kind: match param.kind() {
                    ParameterType::String => ParamKind::String,
                    ParameterType::Boolean => ParamKind::Bool,
                    ParameterType::StringArray => ParamKind::StringArray,
                },
                built_in: param.built_in().map(str::to_owned),
                default: param.default_value().map(literal_of),
                required: param.is_required(),
                client_context: client_context.is_some_and(|c| c.contains_key(param.name())),
                docs: param_docs(param.name(), raw),
            }
        })
        .collect();
    let tests = shape.traits.other.get(TESTS).map(|tests| test_cases(tests, &params)).unwrap_or_default();
    Ok(ServiceEndpoints { rule_set: embedded, params, tests })
}

fn literal_of(value: ParamValue<'_>) -> ParamLiteral {
    match value {
        ParamValue::String(s) => ParamLiteral::String(s.to_owned()),
        ParamValue::Bool(b) => ParamLiteral::Bool(b),
        ParamValue::StringArray(items) => ParamLiteral::StringArray(items.to_vec()),
    }
}

fn param_docs(name: &str, raw: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    match raw.get("documentation").and_then(Value::as_str) {
        Some(text) => lines.push(crate::docs::inline_text(text)),
        None => lines.push(format!("The `{name}` parameter.")),
    }
    if let Some(deprecated) = raw.get("deprecated") {
        let message = deprecated.get("message").and_then(Value::as_str).unwrap_or_default();
        lines.push(String::new());
        lines.push(format!("**Deprecated.** {}", crate::docs::inline_text(message)).trim_end().to_owned());
    }
    lines
}

/// A JSON value as a parameter literal of `kind`, if it is one.
fn literal(value: &Value, kind: ParamKind) -> Option<ParamLiteral> {
    match (kind, value) {
        (ParamKind::String, Value::String(s)) => Some(ParamLiteral::String(s.clone())),
        (ParamKind::Bool, Value::Bool(b)) => Some(ParamLiteral::Bool(*b)),
        (ParamKind::StringArray, Value::Array(items)) => {
            items.iter().map(|i| i.as_str().map(str::to_owned)).collect::<Option<_>>().map(ParamLiteral::StringArray)
        }
        _ => None,
    }
}

/// The test cases. A case this generator cannot read (a parameter the rule set does not
/// declare, a value of the wrong type) becomes an ignored test that says why: test data
/// never costs the service its endpoint resolution.
fn test_cases(tests: &Value, params: &[EndpointParam]) -> Vec<EndpointTest> {
    let cases = tests.get("testCases").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    let mut out = Vec::with_capacity(cases.len());
    for (index, case) in cases.iter().enumerate() {
        let mut test = test_case(case, params).unwrap_or_else(|why| EndpointTest {
            name: String::new(),
            docs: String::new(),
            params: Vec::new(),
            expect: TestExpectation::Unreadable(why),
            operation_inputs: Vec::new(),
        });
        test.name = format!("case_{index}");
        test.docs = case.get("documentation").and_then(Value::as_str).unwrap_or_default().to_owned();
        out.push(test);
    }
    out
}

fn test_case(case: &Value, params: &[EndpointParam]) -> Result<EndpointTest, String> {
    let mut set = Vec::new();
    for (name, value) in case.get("params").and_then(Value::as_object).into_iter().flatten() {
        let param = params
            .iter()
            .find(|p| &p.name == name)
            .ok_or_else(|| format!("it sets `{name}`, which the rule set does not declare"))?;
        let value = literal(value, param.kind).ok_or_else(|| format!("it gives `{name}` a value of the wrong type"))?;
        set.push((param.field.clone(), value));
    }
    let expect = &case["expect"];
    let expect = if let Some(error) = expect.get("error") {
        TestExpectation::Error(error.as_str().ok_or("the expected error is not a string")?.to_owned())
    } else if let Some(endpoint) = expect.get("endpoint") {
        let url = endpoint["url"].as_str().ok_or("the expected endpoint has no URL")?.to_owned();
        let mut headers = Vec::new();
        for (name, values) in endpoint.get("headers").and_then(Value::as_object).into_iter().flatten() {
            let values = values.as_array().map_or(&[][..], Vec::as_slice);
            headers.push((name.clone(), values.iter().filter_map(Value::as_str).map(str::to_owned).collect()));
        }
        // The runtime keeps headers by name; compare in that order.
        headers.sort();
        let properties = endpoint.get("properties").cloned().unwrap_or_else(|| Value::Object(Map::new()));
        TestExpectation::Endpoint { url, headers, properties: properties.to_string() }
    } else {
        return Err("it expects neither an endpoint nor an error".to_owned());
    };
    let operation_inputs = operation_inputs(case, params)?;
    Ok(EndpointTest { name: String::new(), docs: String::new(), params: set, expect, operation_inputs })
}

fn operation_inputs(case: &Value, params: &[EndpointParam]) -> Result<Vec<OperationInput>, String> {
    let entries = case.get("operationInputs").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let operation =
            entry.get("operationName").and_then(Value::as_str).ok_or("an operation input names no operation")?;
        let mut built_ins = Vec::new();
        for (name, value) in entry.get("builtInParams").and_then(Value::as_object).into_iter().flatten() {
            let value = [ParamKind::String, ParamKind::Bool, ParamKind::StringArray]
                .into_iter()
                .find_map(|kind| literal(value, kind))
                .ok_or_else(|| format!("built-in `{name}` has a value of no parameter type"))?;
            built_ins.push((name.clone(), value));
        }
        let mut client_params = Vec::new();
        for (name, value) in entry.get("clientParams").and_then(Value::as_object).into_iter().flatten() {
            let param = params
                .iter()
                .find(|p| &p.name == name)
                .ok_or_else(|| format!("client parameter `{name}` is no parameter"))?;
            let value =
                literal(value, param.kind).ok_or_else(|| format!("client parameter `{name}` has the wrong type"))?;
            client_params.push((param.field.clone(), value));
        }
        let input = entry.get("operationParams").cloned().unwrap_or_else(|| Value::Object(Map::new()));
        out.push(OperationInput { operation: operation.to_owned(), built_ins, client_params, input });
    }
    Ok(out)
}

/// The operation's endpoint bindings and host prefix, and warnings for the bindings that
/// cannot be honoured.
fn operation_endpoint(
    model: &Model,
    op: &Shape,
    input: Option<&Shape>,
    params: &[EndpointParam],
) -> (OperationEndpoint, Vec<Diagnostic>) {
    let mut endpoint = OperationEndpoint::default();
    let mut warnings = Vec::new();
    let mut warn = |message: String| warnings.push(Diagnostic::new(message).at(&op.id).in_source(op.source.as_deref()));
    let param = |name: &str| params.iter().find(|p| p.name == name);
    for (name, spec) in op.traits.other.get(STATIC_CONTEXT).and_then(Value::as_object).into_iter().flatten() {
        match param(name).and_then(|p| Some((p, literal(spec.get("value")?, p.kind)?))) {
            Some((p, value)) => endpoint.static_params.push((p.field.clone(), value)),
            None => warn(format!(
                "static context parameter `{name}` names no parameter of that type in the rule set; it is not bound"
            )),
        }
    }
    let members = match input.map(|s| &s.kind) {
        Some(ShapeKind::Structure(members)) => Some(members),
        _ => None,
    };
    for member in members.into_iter().flat_map(|m| m.values()) {
        let Some(name) = member.traits.other.get(CONTEXT_PARAM).and_then(|c| c.get("name")).and_then(Value::as_str)
        else {
            continue;
        };
        match param(name) {
Some(p) if bindable(model, &member.target, p.kind) => endpoint.context_params.push(ContextParam {
                param: p.field.clone(),
                member: member.name.clone(),
                required: member.traits.required,
            }),

            _ => warn(format!("context parameter `{name}` (member `{}`) names no parameter of its type in the rule set; it is not bound", member.name)),
        }
    }
    for (name, spec) in op.traits.other.get(OPERATION_CONTEXT).and_then(Value::as_object).into_iter().flatten() {
        let path = spec.get("path").and_then(Value::as_str).unwrap_or_default();
        let steps = param(name).ok_or_else(|| "names no parameter of the rule set".to_owned()).and_then(|p| {
            let steps = parse_path(path)?;
            check_path(model, input, &steps, p.kind)?;
            Ok((p, steps))
        });
        match steps {
            Ok((p, steps)) => endpoint.operation_context_params.push((p.field.clone(), steps)),
            Err(why) => warn(format!("operation context parameter `{name}` (path `{path}`) {why}; it is not bound")),
        }
    }
    if let Some(prefix) = op.traits.other.get(ENDPOINT).and_then(|e| e.get("hostPrefix")).and_then(Value::as_str) {
        match host_prefix(model, prefix, members) {
            Ok(parts) => endpoint.host_prefix = parts,
            Err(why) => warn(format!("host prefix `{prefix}` {why}; requests go to the resolved host unprefixed")),
        }
    }
    // The AWS SDKs send Amazon Machine Learning's `Predict` to the endpoint its input names
    // (botocore's `switch_host_machinelearning`); the model says so only in prose.
    if op.id.to_string() == "com.amazonaws.machinelearning#Predict"
        && members.is_some_and(|m| m.contains_key("PredictEndpoint"))
    {
        endpoint.endpoint_member = Some("PredictEndpoint".to_owned());
    }
    (endpoint, warnings)
}

/// Whether a member of this target can give a parameter of `kind` its value.
fn bindable(model: &Model, target: &ShapeId, kind: ParamKind) -> bool {
    match (kind, model.shape(target).map(|s| &s.kind)) {
        (ParamKind::String, Some(ShapeKind::String | ShapeKind::Enum(_))) => true,
        (ParamKind::Bool, Some(ShapeKind::Boolean)) => true,
        (ParamKind::StringArray, Some(ShapeKind::List(member))) => {
            matches!(model.shape(&member.target).map(|s| &s.kind), Some(ShapeKind::String | ShapeKind::Enum(_)))
        }
        _ => false,
    }
}

/// `foo.{label}.` into text and labels; each label must be a `@hostLabel` input member.
fn host_prefix(model: &Model, prefix: &str, members: Option<&crate::model::Members>) -> Result<Vec<HostPart>, String> {
    let mut parts = Vec::new();
    let mut rest = prefix;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            parts.push(HostPart::Text(rest[..open].to_owned()));
        }
        let close = rest[open..].find('}').ok_or("has an unclosed `{`")? + open;
        let label = &rest[open + 1..close];
        let member = members
            .and_then(|m| m.get(label))
            .ok_or_else(|| format!("names `{label}`, which is not an input member"))?;
        if !member.traits.other.contains_key(HOST_LABEL) {
            return Err(format!("names `{label}`, which is not a `@hostLabel` member"));
        }
        if !matches!(model.shape(&member.target).map(|s| &s.kind), Some(ShapeKind::String | ShapeKind::Enum(_))) {
            return Err(format!("names `{label}`, which is not a string"));
        }
        parts.push(HostPart::Label(label.to_owned()));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(HostPart::Text(rest.to_owned()));
    }
    Ok(parts)
}

/// An `operationContextParams` path: identifiers joined by `.`, each maybe followed by
/// `[*]` or `[]` (or a `*` alone: every value), or `keys(path)`.
fn parse_path(path: &str) -> Result<Vec<PathStep>, String> {
    let unsupported = || "uses JMESPath beyond identifiers, `.`, `[*]`, `[]`, `*` and `keys()`".to_owned();
    if let Some(inner) = path.strip_prefix("keys(").and_then(|p| p.strip_suffix(')')) {
        let mut steps = parse_path(inner.trim())?;
        steps.push(PathStep::Keys);
        return Ok(steps);
    }
    let mut steps = Vec::new();
    for segment in path.split('.') {
        let segment = segment.trim();
        let (name, projection) = match (segment.strip_suffix("[*]"), segment.strip_suffix("[]")) {
            (Some(name), _) => (name, Some(PathStep::Each)),
            (None, Some(name)) => (name, Some(PathStep::Flatten)),
            (None, None) => (segment, None),
        };
        let name = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')).unwrap_or(name);
        match name {
            "*" if projection.is_none() => steps.push(PathStep::Values),
            "" if projection.is_some() => {}
            _ if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                steps.push(PathStep::Field(name.to_owned()))
            }
            _ => return Err(unsupported()),
        }
        steps.extend(projection);
    }
    Ok(steps)
}

/// Follows the path through the input's shapes: each field must exist, `Each` and `Flatten`
/// must meet a list, `Values` and `Keys` a map, no projection may be inside another, and the
/// end must have the parameter's type.
fn check_path(model: &Model, input: Option<&Shape>, steps: &[PathStep], kind: ParamKind) -> Result<(), String> {
    let mut current = input.ok_or("has no input to read")?;
    let mut projected = false;
    let mut strings = false;
    for step in steps {
        let next = match (step, &current.kind) {
            (PathStep::Field(name), ShapeKind::Structure(members)) => {
                &members
                    .get(name)
                    .ok_or_else(|| format!("names `{name}`, which `{}` does not have", current.id))?
                    .target
            }
            // A projection inside a projection gives a list of lists, which no parameter
            // takes; flattening one is fine.
            (PathStep::Each | PathStep::Values | PathStep::Keys, _) if projected => {
                return Err("projects inside a projection: the value would be a list of lists".to_owned())
            }
            (PathStep::Each | PathStep::Flatten, ShapeKind::List(member)) => {
                projected = true;
                &member.target
            }
            (PathStep::Values, ShapeKind::Map(_, value)) => {
                projected = true;
                &value.target
            }
            (PathStep::Keys, ShapeKind::Map(key, _)) => {
                projected = true;
                strings = true;
                &key.target
            }
            _ => return Err(format!("cannot take {step:?} of `{}`", current.id)),
        };
        current = model.shape(next).ok_or_else(|| format!("reaches `{next}`, which does not exist"))?;
    }
    let leaf_is_string = strings || matches!(current.kind, ShapeKind::String | ShapeKind::Enum(_));
    let ok = match kind {
        ParamKind::String => !projected && leaf_is_string,
        ParamKind::Bool => !projected && matches!(current.kind, ShapeKind::Boolean),
        ParamKind::StringArray => (projected && leaf_is_string) || (!projected && is_string_list(model, current)),
    };
    if ok {
        Ok(())
    } else {
        Err("does not give a value of the parameter's type".to_owned())
    }
}

fn is_string_list(model: &Model, shape: &Shape) -> bool {
    matches!(&shape.kind, ShapeKind::List(member)
        if matches!(model.shape(&member.target).map(|s| &s.kind), Some(ShapeKind::String | ShapeKind::Enum(_))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;
    use std::path::PathBuf;

    #[test]
    fn operation_context_paths_parse_the_allowed_subset_only() {
        let field = |name: &str| PathStep::Field(name.to_owned());
        assert_eq!(parse_path("a.b").unwrap(), [field("a"), field("b")]);
        assert_eq!(
            parse_path("Delete.Objects[*].Key").unwrap(),
            [field("Delete"), field("Objects"), PathStep::Each, field("Key")]
        );
        assert_eq!(parse_path("a[].b").unwrap(), [field("a"), PathStep::Flatten, field("b")]);
        assert_eq!(parse_path("a.*.b").unwrap(), [field("a"), PathStep::Values, field("b")]);
        assert_eq!(parse_path("keys(Tags)").unwrap(), [field("Tags"), PathStep::Keys]);
        assert_eq!(parse_path("\"quoted\"").unwrap(), [field("quoted")]);
        for unsupported in ["[a, b]", "a[0]", "a | b", "length(a)", "a[?b == 'c']", ""] {
            assert!(parse_path(unsupported).is_err(), "{unsupported}");
        }
    }

    #[test]
    fn a_path_projecting_inside_a_projection_or_of_the_wrong_type_is_left_out_with_a_warning() {
        let json = r#"{"smithy": "2.0", "shapes": {
            "ex#S": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
                     "traits": {"aws.protocols#awsJson1_0": {},
                                "smithy.rules#endpointRuleSet": {"version": "1.0",
                                    "parameters": {"Names": {"type": "stringArray"}, "One": {"type": "string"}},
                                    "rules": [{"conditions": [], "type": "error", "error": "x"}]}}},
            "ex#Op": {"type": "operation", "input": {"target": "ex#In"},
                      "traits": {"smithy.rules#operationContextParams": {
                          "Names": {"path": "groups[*].names[*]"}, "One": {"path": "groups[*].title"}}}},
            "ex#In": {"type": "structure", "members": {"groups": {"target": "ex#Groups"}}},
            "ex#Groups": {"type": "list", "member": {"target": "ex#Group"}},
            "ex#Group": {"type": "structure", "members": {"names": {"target": "ex#Names"}, "title": {"target": "smithy.api#String"}}},
            "ex#Names": {"type": "list", "member": {"target": "smithy.api#String"}}}}"#;
        let model =
            Model::from_sources(&[(PathBuf::from("models/ex.json"), json.to_owned())]).expect("the model loads");
        let ir = crate::ir::lower(&model, None).expect("the model lowers");
        let warnings: Vec<String> = ir.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                "models/ex.json: ex#Op: operation context parameter `Names` (path `groups[*].names[*]`) projects inside a projection: the value would be a list of lists; it is not bound",
                "models/ex.json: ex#Op: operation context parameter `One` (path `groups[*].title`) does not give a value of the parameter's type; it is not bound",
            ]
        );
        assert!(ir.services[0].operations[0].endpoint.operation_context_params.is_empty());
    }

    fn lower_service(traits: &str) -> (crate::ir::Crate, Vec<String>) {
        let json = format!(
            r#"{{"smithy": "2.0", "shapes": {{
                "ex#S": {{"type": "service", "version": "1", "operations": [{{"target": "ex#Op"}}],
                          "traits": {{"aws.protocols#awsJson1_0": {{}}, {traits}}}}},
                "ex#Op": {{"type": "operation"}}}}}}"#
        );
        let model = Model::from_sources(&[(PathBuf::from("models/ex.json"), json)]).expect("the model loads");
        let ir = crate::ir::lower(&model, None).expect("the model lowers");
        let warnings = ir.warnings.iter().map(ToString::to_string).collect();
        (ir, warnings)
    }

    #[test]
    fn a_rule_set_the_runtime_refuses_is_a_warning_not_a_failure() {
        let (ir, warnings) = lower_service(
            r#""smithy.rules#endpointRuleSet": {"version": "1.0", "parameters": {},
                "rules": [{"conditions": [{"fn": "aws.unknown", "argv": []}], "type": "error", "error": "x"}]}"#,
        );
        assert!(ir.services[0].endpoints.is_none());
        assert_eq!(warnings, ["models/ex.json: ex#S: invalid endpoint rule set: unknown function `aws.unknown`; the service has no endpoint resolution"]);
        let (ir, warnings) = lower_service(r#""smithy.rules#endpointBdd": {"version": "1.1", "parameters": {}}"#);
        assert!(ir.services[0].endpoints.is_none());
        assert_eq!(warnings, ["models/ex.json: ex#S: invalid endpoint rule set: neither `rules` nor `nodes`; the service has no endpoint resolution"]);
    }
}
