//! From the rule set's JSON to the tree the evaluator walks: references become slots,
//! templates become parts, function names become [`Function`]s and `getAttr` paths are
//! parsed, all once.

use super::{ParamDefault, Parameter, ParameterType, RuleSetError};
use crate::Document;
use std::collections::BTreeMap;

/// Where a value lives during evaluation: parameters take `0..params.len()`, each
/// `assign` a slot of its own after them.
pub(crate) type Slot = usize;

/// A compiled rule set.
#[derive(Clone, Debug)]
pub(crate) struct Program {
    /// In byte order of their names.
    pub params: Vec<Parameter>,
    pub logic: Logic,
}

/// How the rules decide: a tree of rules (`endpointRuleSet`) or a decision diagram
/// (`endpointBdd`).
#[derive(Clone, Debug)]
pub(crate) enum Logic {
    Tree(Vec<Rule>),
    Bdd(Bdd),
}

/// A binary decision diagram: nodes that test conditions and lead to results.
#[derive(Clone, Debug)]
pub(crate) struct Bdd {
    pub conditions: Vec<Condition>,
    /// Results without conditions; reference `RESULT_BASE + i` is `results[i - 1]`, and
    /// `RESULT_BASE` itself is "no match".
    pub results: Vec<Rule>,
    /// `[condition, high, low]` per node; reference `r` is node `|r| - 1`, complemented
    /// when negative.
    pub nodes: Vec<[i32; 3]>,
    pub root: i32,
}

/// Where result references start in a decision diagram.
pub(crate) const RESULT_BASE: i32 = 100_000_000;

#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub conditions: Vec<Condition>,
    pub body: Body,
}

#[derive(Clone, Debug)]
pub(crate) enum Body {
    Endpoint(Box<EndpointSpec>),
    Error(Expr),
    Tree(Vec<Rule>),
}

#[derive(Clone, Debug)]
pub(crate) struct EndpointSpec {
    pub url: Expr,
    pub headers: Vec<(String, Vec<Expr>)>,
    pub properties: Vec<(String, Expr)>,
}

#[derive(Clone, Debug)]
pub(crate) struct Condition {
    pub call: Call,
    pub assign: Option<Slot>,
}

#[derive(Clone, Debug)]
pub(crate) enum Expr {
    /// A string with no template parts.
    Str(String),
    Bool(bool),
    Int(i64),
    Template(Vec<Part>),
    Ref(Slot),
    Call(Box<Call>),
    Array(Vec<Expr>),
    /// Only in endpoint properties.
    Record(Vec<(String, Expr)>),
}

#[derive(Clone, Debug)]
pub(crate) enum Part {
    Text(String),
    Ref(Slot),
    Attr(Slot, Vec<PathPart>),
}

#[derive(Clone, Debug)]
pub(crate) struct Call {
    pub function: Function,
    pub args: Vec<Expr>,
}

#[derive(Clone, Debug)]
pub(crate) enum Function {
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    /// The path is the second argument, parsed here.
    GetAttr(Vec<PathPart>),
    IsValidHostLabel,
    ParseUrl,
    Substring,
    UriEncode,
    Coalesce,
    Ite,
    Split,
    Partition,
    ParseArn,
    IsVirtualHostableS3Bucket,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PathPart {
    Key(String),
    /// Negative counts from the end.
    Index(i64),
}

/// Compiles the rule set document.
pub(crate) fn compile(document: &Document) -> Result<Program, RuleSetError> {
    let root = object(document, "the rule set")?;
    let params = parameters(root.get("parameters").ok_or_else(|| RuleSetError::new("no `parameters`"))?)?;
    let mut scope = Scope { params: &params, variables: Vec::new(), next: params.len() };
    let logic = match (root.get("rules"), root.get("nodes")) {
        (Some(tree), _) => Logic::Tree(rules(tree, &mut scope)?),
        (None, Some(_)) => Logic::Bdd(bdd(root, &mut scope)?),
        (None, None) => return Err(RuleSetError::new("neither `rules` nor `nodes`")),
    };
    Ok(Program { params, logic })
}

/// A decision diagram (`endpointBdd`). A variable a condition assigns is visible to every
/// condition and result: the diagram evaluates the assigning condition first on any path
/// that uses it, and an unassigned one reads as empty.
fn bdd(root: &BTreeMap<String, Document>, scope: &mut Scope<'_>) -> Result<Bdd, RuleSetError> {
    let Some(Document::Array(items)) = root.get("conditions") else {
        return Err(RuleSetError::new("a decision diagram has no `conditions` array"));
    };
    for item in items {
        if let Some(name) = object(item, "a condition")?.get("assign") {
            let name = string(Some(name), "`assign`")?;
            if scope.is_bound(name) {
                return Err(RuleSetError::new(format!("`{name}` is assigned twice")));
            }
            let slot = scope.next;
            scope.next += 1;
            scope.variables.push((name.to_owned(), slot));
        }
    }
    let mut conditions = Vec::with_capacity(items.len());
    for item in items {
        let fields = object(item, "a condition")?;
        let assign = match fields.get("assign") {
            Some(name) => {
                let name = string(Some(name), "`assign`")?;
                scope.variables.iter().find(|(n, _)| n == name).map(|(_, slot)| *slot)
            }
            None => None,
        };
        conditions.push(Condition { call: call(fields, scope)?, assign });
    }
    let Some(Document::Array(results)) = root.get("results") else {
        return Err(RuleSetError::new("a decision diagram has no `results` array"));
    };
    let results = results.iter().map(|r| rule(r, scope)).collect::<Result<Vec<_>, _>>()?;
    if results.iter().any(|r| !r.conditions.is_empty() || matches!(r.body, Body::Tree(_))) {
        return Err(RuleSetError::new("a decision diagram's result has conditions or is a tree"));
    }
    let nodes = match root.get("nodes") {
        Some(Document::String(text)) => crate::wire::base64_decode(text)
            .map_err(|_| RuleSetError::new("the decision diagram's `nodes` are not base64"))?,
        _ => return Err(RuleSetError::new("the decision diagram's `nodes` are not a string")),
    };
    if nodes.len() % 12 != 0 {
        return Err(RuleSetError::new("the decision diagram's `nodes` are not triples of 4-byte integers"));
    }
    let nodes: Vec<[i32; 3]> = nodes
        .chunks_exact(12)
        .map(|n| {
            let int = |i: usize| i32::from_be_bytes([n[i], n[i + 1], n[i + 2], n[i + 3]]);
            [int(0), int(4), int(8)]
        })
        .collect();
    let root_ref = match root.get("root") {
        Some(Document::Number(crate::Number::PosInt(n))) => i32::try_from(*n).ok(),
        _ => None,
    }
    .ok_or_else(|| RuleSetError::new("the decision diagram has no positive `root`"))?;
    let bdd = Bdd { conditions, results, nodes, root: root_ref };
    check_references(&bdd)?;
    Ok(bdd)
}

/// Every reference leads somewhere: a node, a result, or a terminal; every node's condition
/// exists. Checked once, so evaluation indexes without failing.
fn check_references(bdd: &Bdd) -> Result<(), RuleSetError> {
    let valid = |r: i32| match r {
        0 => false,
        1 | -1 => true,
        r if r >= RESULT_BASE => usize::try_from(r - RESULT_BASE).is_ok_and(|i| i <= bdd.results.len()),
        r => usize::try_from(r.unsigned_abs()).is_ok_and(|i| i >= 2 && i <= bdd.nodes.len()),
    };
    let conditions_ok = bdd.nodes.iter().skip(1).all(|n| usize::try_from(n[0]).is_ok_and(|c| c < bdd.conditions.len()));
    let references_ok = bdd.nodes.iter().skip(1).all(|n| valid(n[1]) && valid(n[2]));
    if conditions_ok && references_ok && valid(bdd.root) && bdd.root > 0 {
        Ok(())
    } else {
        Err(RuleSetError::new("the decision diagram refers to a node, result or condition it does not have"))
    }
}

/// The names visible at a point of the rule set: the parameters, then the variables of
/// the enclosing rules' conditions, newest last, with their slots.
struct Scope<'p> {
    params: &'p [Parameter],
    variables: Vec<(String, Slot)>,
    next: Slot,
}

impl Scope<'_> {
    fn slot(&self, name: &str) -> Result<Slot, RuleSetError> {
        if let Some(index) = self.params.iter().position(|p| p.name == name) {
            return Ok(index);
        }
        self.variables
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, slot)| *slot)
            .ok_or_else(|| RuleSetError::new(format!("`{name}` is neither a parameter nor a variable assigned before")))
    }

    fn is_bound(&self, name: &str) -> bool {
        self.params.iter().any(|p| p.name == name) || self.variables.iter().any(|(n, _)| n == name)
    }
}

fn parameters(value: &Document) -> Result<Vec<Parameter>, RuleSetError> {
    let mut params = Vec::new();
    for (name, spec) in object(value, "`parameters`")? {
        let context = format!("parameter `{name}`");
        let spec = object(spec, &context)?;
        let kind = match string(spec.get("type"), &context)?.to_ascii_lowercase().as_str() {
            "string" => ParameterType::String,
            "boolean" => ParameterType::Boolean,
            "stringarray" => ParameterType::StringArray,
            other => return Err(RuleSetError::new(format!("{context} has the unknown type `{other}`"))),
        };
        let default = match spec.get("default") {
            None | Some(Document::Null) => None,
            Some(value) => Some(default_value(value, kind, &context)?),
        };
        let built_in = match spec.get("builtIn") {
            None | Some(Document::Null) => None,
            Some(value) => Some(string(Some(value), &context)?.to_owned()),
        };
        let required = matches!(spec.get("required"), Some(Document::Bool(true)));
        params.push(Parameter { name: name.clone(), kind, built_in, required, default });
    }
    // The document's keys are already in byte order (a BTreeMap); the order is the API.
    params.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(params)
}

fn default_value(value: &Document, kind: ParameterType, context: &str) -> Result<ParamDefault, RuleSetError> {
    match (kind, value) {
        (ParameterType::String, Document::String(s)) => Ok(ParamDefault::String(s.clone())),
        (ParameterType::Boolean, Document::Bool(b)) => Ok(ParamDefault::Bool(*b)),
        (ParameterType::StringArray, Document::Array(items)) => items
            .iter()
            .map(|item| string(Some(item), context).map(str::to_owned))
            .collect::<Result<_, _>>()
            .map(ParamDefault::StringArray),
        _ => Err(RuleSetError::new(format!("{context}: the default does not have the parameter's type"))),
    }
}

fn rules(value: &Document, scope: &mut Scope<'_>) -> Result<Vec<Rule>, RuleSetError> {
    let Document::Array(items) = value else {
        return Err(RuleSetError::new("`rules` is not an array"));
    };
    items.iter().map(|item| rule(item, scope)).collect()
}

fn rule(value: &Document, scope: &mut Scope<'_>) -> Result<Rule, RuleSetError> {
    let fields = object(value, "a rule")?;
    let depth = scope.variables.len();
    let mut conditions = Vec::new();
    if let Some(Document::Array(items)) = fields.get("conditions") {
        for item in items {
            conditions.push(condition(item, scope)?);
        }
    }
    let kind = string(fields.get("type"), "a rule")?;
    let missing = |what: &str| RuleSetError::new(format!("a `{kind}` rule has no `{what}`"));
    let body = match kind {
        "endpoint" => {
            Body::Endpoint(Box::new(endpoint(fields.get("endpoint").ok_or_else(|| missing("endpoint"))?, scope)?))
        }
        "error" => Body::Error(expr(fields.get("error").ok_or_else(|| missing("error"))?, scope)?),
        "tree" => Body::Tree(rules(fields.get("rules").ok_or_else(|| missing("rules"))?, scope)?),
        other => return Err(RuleSetError::new(format!("unknown rule type `{other}`"))),
    };
    // Variables assigned by this rule's conditions go out of scope with it.
    scope.variables.truncate(depth);
    Ok(Rule { conditions, body })
}

fn condition(value: &Document, scope: &mut Scope<'_>) -> Result<Condition, RuleSetError> {
    let fields = object(value, "a condition")?;
    let call = call(fields, scope)?;
    let assign = match fields.get("assign") {
        None | Some(Document::Null) => None,
        Some(name) => {
            let name = string(Some(name), "`assign`")?;
            if scope.is_bound(name) {
                return Err(RuleSetError::new(format!("`{name}` is assigned while already in scope")));
            }
            let slot = scope.next;
            scope.next += 1;
            scope.variables.push((name.to_owned(), slot));
            Some(slot)
        }
    };
    Ok(Condition { call, assign })
}

fn endpoint(value: &Document, scope: &Scope<'_>) -> Result<EndpointSpec, RuleSetError> {
    let fields = object(value, "an endpoint")?;
    let url = expr(fields.get("url").ok_or_else(|| RuleSetError::new("an endpoint has no `url`"))?, scope)?;
    let mut headers = Vec::new();
    if let Some(value) = fields.get("headers") {
        for (name, values) in object(value, "endpoint `headers`")? {
            let Document::Array(values) = values else {
                return Err(RuleSetError::new(format!("header `{name}` is not an array")));
            };
            headers.push((name.clone(), values.iter().map(|v| expr(v, scope)).collect::<Result<_, _>>()?));
        }
    }
    let mut properties = Vec::new();
    if let Some(value) = fields.get("properties") {
        for (name, value) in object(value, "endpoint `properties`")? {
            properties.push((name.clone(), property(value, scope)?));
        }
    }
    Ok(EndpointSpec { url, headers, properties })
}

/// A property value: literals, templates, arrays and records (no references or calls).
fn property(value: &Document, scope: &Scope<'_>) -> Result<Expr, RuleSetError> {
    match value {
        Document::Object(fields) => fields
            .iter()
            .map(|(k, v)| property(v, scope).map(|v| (k.clone(), v)))
            .collect::<Result<_, _>>()
            .map(Expr::Record),
        Document::Array(items) => items.iter().map(|v| property(v, scope)).collect::<Result<_, _>>().map(Expr::Array),
        other => expr(other, scope),
    }
}

/// An argument, URL, error message or header value.
fn expr(value: &Document, scope: &Scope<'_>) -> Result<Expr, RuleSetError> {
    match value {
        Document::String(text) => template(text, scope),
        Document::Bool(b) => Ok(Expr::Bool(*b)),
        Document::Number(number) => match *number {
            crate::Number::PosInt(n) => {
                i64::try_from(n).map(Expr::Int).map_err(|_| RuleSetError::new("an integer is too large"))
            }
            crate::Number::NegInt(n) => Ok(Expr::Int(n)),
            crate::Number::Float(_) => Err(RuleSetError::new("a number is not an integer")),
        },
        Document::Array(items) => items.iter().map(|v| expr(v, scope)).collect::<Result<_, _>>().map(Expr::Array),
        Document::Object(fields) if fields.contains_key("ref") => {
            scope.slot(string(fields.get("ref"), "a reference")?).map(Expr::Ref)
        }
        Document::Object(fields) if fields.contains_key("fn") => call(fields, scope).map(|c| Expr::Call(Box::new(c))),
        Document::Object(_) => Err(RuleSetError::new("an object that is neither a reference nor a function call")),
        Document::Null => Err(RuleSetError::new("a null where a value belongs")),
    }
}

fn call(fields: &BTreeMap<String, Document>, scope: &Scope<'_>) -> Result<Call, RuleSetError> {
    let name = string(fields.get("fn"), "a function call")?;
    let Some(Document::Array(argv)) = fields.get("argv") else {
        return Err(RuleSetError::new(format!("the call of `{name}` has no `argv` array")));
    };
    let (function, arity) = match name {
        "isSet" => (Function::IsSet, 1..=1),
        "not" => (Function::Not, 1..=1),
        "booleanEquals" => (Function::BooleanEquals, 2..=2),
        "stringEquals" => (Function::StringEquals, 2..=2),
        "getAttr" => {
            let path = match argv.get(1) {
                Some(Document::String(path)) => attr_path(path)?,
                _ => return Err(RuleSetError::new("the second argument of `getAttr` is not a path string")),
            };
            let target = argv.first().ok_or_else(|| RuleSetError::new("`getAttr` has no target"))?;
            if argv.len() != 2 {
                return Err(RuleSetError::new("`getAttr` takes 2 arguments"));
            }
            return Ok(Call { function: Function::GetAttr(path), args: vec![expr(target, scope)?] });
        }
        "isValidHostLabel" => (Function::IsValidHostLabel, 2..=2),
        "parseURL" => (Function::ParseUrl, 1..=1),
        "substring" => (Function::Substring, 4..=4),
        "uriEncode" => (Function::UriEncode, 1..=1),
        "coalesce" => (Function::Coalesce, 2..=usize::MAX),
        "ite" => (Function::Ite, 3..=3),
        "split" => (Function::Split, 3..=3),
        "aws.partition" => (Function::Partition, 1..=1),
        "aws.parseArn" => (Function::ParseArn, 1..=1),
        "aws.isVirtualHostableS3Bucket" => (Function::IsVirtualHostableS3Bucket, 2..=2),
        other => return Err(RuleSetError::new(format!("unknown function `{other}`"))),
    };
    if !arity.contains(&argv.len()) {
        return Err(RuleSetError::new(format!("`{name}` cannot take {} arguments", argv.len())));
    }
    let args = argv.iter().map(|v| expr(v, scope)).collect::<Result<_, _>>()?;
    Ok(Call { function, args })
}

/// A template string: `{name}` and `{name#path}` are values, `{{` and `}}` are braces.
fn template(text: &str, scope: &Scope<'_>) -> Result<Expr, RuleSetError> {
    if !text.contains(['{', '}']) {
        return Ok(Expr::Str(text.to_owned()));
    }
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(index) = rest.find(['{', '}']) {
        literal.push_str(&rest[..index]);
        let tail = &rest[index..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            literal.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if tail.starts_with('}') {
            return Err(RuleSetError::new(format!("template `{text}` has an unmatched `}}`")));
        }
        let end = tail.find('}').ok_or_else(|| RuleSetError::new(format!("template `{text}` has an unclosed `{{`")))?;
        let inner = &tail[1..end];
        if !literal.is_empty() {
            parts.push(Part::Text(std::mem::take(&mut literal)));
        }
        parts.push(match inner.split_once('#') {
            Some((name, path)) => Part::Attr(scope.slot(name)?, attr_path(path)?),
            None => Part::Ref(scope.slot(inner)?),
        });
        rest = &tail[end + 1..];
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        parts.push(Part::Text(literal));
    }
    Ok(match parts.as_slice() {
        [Part::Text(text)] => Expr::Str(text.clone()),
        _ => Expr::Template(parts),
    })
}

/// A `getAttr` path: keys separated by `.`, each maybe followed by one `[index]`.
pub(crate) fn attr_path(path: &str) -> Result<Vec<PathPart>, RuleSetError> {
    let invalid = || RuleSetError::new(format!("`{path}` is not a valid getAttr path"));
    let mut parts = Vec::new();
    for component in path.split('.') {
        match component.split_once('[') {
            Some((key, index)) => {
                let index = index.strip_suffix(']').ok_or_else(invalid)?;
                if !key.is_empty() {
                    parts.push(PathPart::Key(key.to_owned()));
                }
                parts.push(PathPart::Index(index.parse().map_err(|_| invalid())?));
            }
            None if component.is_empty() => return Err(invalid()),
            None => parts.push(PathPart::Key(component.to_owned())),
        }
    }
    Ok(parts)
}

fn object<'d>(value: &'d Document, what: &str) -> Result<&'d BTreeMap<String, Document>, RuleSetError> {
    match value {
        Document::Object(fields) => Ok(fields),
        _ => Err(RuleSetError::new(format!("{what} is not an object"))),
    }
}

fn string<'d>(value: Option<&'d Document>, what: &str) -> Result<&'d str, RuleSetError> {
    match value {
        Some(Document::String(s)) => Ok(s),
        _ => Err(RuleSetError::new(format!("{what}: expected a string"))),
    }
}
