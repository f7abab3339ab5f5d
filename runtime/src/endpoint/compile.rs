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
    pub rules: Vec<Rule>,
}

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
    let rules = rules(root.get("rules").ok_or_else(|| RuleSetError::new("no `rules`"))?, &mut scope)?;
    Ok(Program { params, rules })
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
