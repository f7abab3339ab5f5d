//! The evaluator: walks a compiled rule set for one set of parameter values.
//!
//! Variables live in frames on the Rust stack, one per `assign`, each pointing at the one
//! before: a resolution allocates no scope, and values borrow the parameters, the rule set
//! and the partitions table wherever they can. What it allocates: the result, the strings
//! its templates and `uriEncode` build, the arrays `split` builds, and a copy of such an
//! owned value each time a later condition reads it.

use super::compile::{
    Bdd, Body, Call, Condition, EndpointSpec, Expr, Function, Logic, Part, PathPart, Program, Rule, Slot, RESULT_BASE,
};
use super::functions::{self, ArnParts, UrlParts};
use super::partitions::{Partition, Partitions};
use super::{Endpoint, EndpointError, ParamValue, ParameterType};
use crate::Document;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A value during evaluation. An empty optional is `None` around it.
#[derive(Clone, Debug)]
enum Value<'a> {
    Bool(bool),
    Int(i64),
    Str(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    /// A string-array parameter's value, borrowed.
    Strings(&'a [String]),
    Url(Cow<'a, str>, UrlParts),
    Arn(Cow<'a, str>, ArnParts),
    Partition(&'a Partition),
}

/// A rule's outcome, once one matched.
type Outcome = Result<Endpoint, EndpointError>;

/// Resolves an endpoint: checks the values against the parameters, then evaluates the rules.
pub(crate) fn resolve(program: &Program, values: &[Option<ParamValue<'_>>], partitions: &Partitions) -> Outcome {
    if values.len() != program.params.len() {
        return Err(EndpointError::parameter_count(program.params.len(), values.len()));
    }
    for (param, value) in program.params.iter().zip(values) {
        let given = value.or_else(|| param.default_value());
        match (param.kind, given) {
            (_, None) if param.required => return Err(EndpointError::missing_parameter(&param.name)),
            (_, None)
            | (ParameterType::String, Some(ParamValue::String(_)))
            | (ParameterType::Boolean, Some(ParamValue::Bool(_)))
            | (ParameterType::StringArray, Some(ParamValue::StringArray(_))) => {}
            (ParameterType::String, _) => return Err(EndpointError::wrong_type(&param.name, "a string")),
            (ParameterType::Boolean, _) => return Err(EndpointError::wrong_type(&param.name, "a boolean")),
            (ParameterType::StringArray, _) => return Err(EndpointError::wrong_type(&param.name, "a list of strings")),
        }
    }
    let evaluator = Evaluator { program, values, partitions };
    let scope = Scope { frame: None };
    let outcome = match &program.logic {
        Logic::Tree(rules) => evaluator.rules(rules, scope),
        Logic::Bdd(bdd) => evaluator.bdd(bdd, bdd.root, scope),
    };
    outcome.unwrap_or_else(|| Err(EndpointError::no_rule_matched()))
}

struct Evaluator<'e, 'a> {
    program: &'a Program,
    values: &'e [Option<ParamValue<'a>>],
    partitions: &'a Partitions,
}

/// The variables in scope: the newest frame, which links to the ones before it.
#[derive(Clone, Copy)]
struct Scope<'s, 'a> {
    frame: Option<&'s Frame<'s, 'a>>,
}

struct Frame<'s, 'a> {
    slot: Slot,
    value: Value<'a>,
    parent: Option<&'s Frame<'s, 'a>>,
}

impl<'a> Evaluator<'_, 'a> {
    /// The first rule that matches gives the outcome; `None` when none does.
    fn rules(&self, rules: &'a [Rule], scope: Scope<'_, 'a>) -> Option<Outcome> {
        rules.iter().find_map(|rule| self.rule(rule, scope))
    }

    fn rule(&self, rule: &'a Rule, scope: Scope<'_, 'a>) -> Option<Outcome> {
        self.conditions(&rule.conditions, scope, &mut |scope| match &rule.body {
            Body::Endpoint(spec) => self.endpoint(spec, scope),
            Body::Error(message) => match self.eval(message, scope) {
                Some(Value::Str(message)) => Err(EndpointError::rule(message.into_owned())),
                _ => Err(EndpointError::invalid_endpoint("an error rule's message is not a string")),
            },
            // A tree whose conditions matched is final: when none of its rules match, that
            // is the outcome.
            Body::Tree(rules) => self.rules(rules, scope).unwrap_or_else(|| Err(EndpointError::no_rule_matched())),
        })
    }

    /// Follows a decision diagram from `reference` to a result; `None` for no match. A node
    /// whose condition assigns a variable continues in a scope holding it.
    fn bdd(&self, bdd: &'a Bdd, mut reference: i32, scope: Scope<'_, 'a>) -> Option<Outcome> {
        loop {
            if reference >= RESULT_BASE {
                let result = usize::try_from(reference - RESULT_BASE).ok()?.checked_sub(1)?;
                return self.rule(bdd.results.get(result)?, scope);
            }
            // The terminals (1 and -1) match nothing; references were checked at compile time.
            let node = bdd.nodes.get(usize::try_from(reference.unsigned_abs()).ok()?.checked_sub(1)?)?;
            if node[0] < 0 {
                return None;
            }
            let condition = bdd.conditions.get(usize::try_from(node[0]).ok()?)?;
            let value = self.call(&condition.call, scope).filter(|v| !matches!(v, Value::Bool(false)));
            let next = if value.is_some() != (reference < 0) { node[1] } else { node[2] };
            match (condition.assign, value) {
                (Some(slot), Some(value)) => {
                    let frame = Frame { slot, value, parent: scope.frame };
                    return self.bdd(bdd, next, Scope { frame: Some(&frame) });
                }
                _ => reference = next,
            }
        }
    }

    /// Runs `body` in the scope the conditions build when they all match; `None` when one
    /// does not (it gives `false` or nothing).
    fn conditions<R>(
        &self,
        conditions: &'a [Condition],
        scope: Scope<'_, 'a>,
        body: &mut dyn for<'s> FnMut(Scope<'s, 'a>) -> R,
    ) -> Option<R> {
        let Some((first, rest)) = conditions.split_first() else {
            return Some(body(scope));
        };
        let value = self.call(&first.call, scope)?;
        if matches!(value, Value::Bool(false)) {
            return None;
        }
        match first.assign {
            Some(slot) => {
                let frame = Frame { slot, value, parent: scope.frame };
                self.conditions(rest, Scope { frame: Some(&frame) }, body)
            }
            None => self.conditions(rest, scope, body),
        }
    }

    fn endpoint(&self, spec: &'a EndpointSpec, scope: Scope<'_, 'a>) -> Outcome {
        let url =
            self.string(&spec.url, scope).ok_or_else(|| EndpointError::invalid_endpoint("the URL is not a string"))?;
        // A custom endpoint often goes through as given: say here, not at send time, when
        // it is no URL.
        if !is_absolute_url(&url) {
            return Err(EndpointError::invalid_endpoint(format!(
                "`{url}` is not an absolute URL (a scheme and a host)"
            )));
        }
        let mut headers = BTreeMap::new();
        for (name, values) in &spec.headers {
            let values =
                values.iter().map(|value| self.string(value, scope)).collect::<Option<Vec<_>>>().ok_or_else(|| {
                    EndpointError::invalid_endpoint(format!("a value of header `{name}` is not a string"))
                })?;
            headers.insert(name.clone(), values);
        }
        let mut properties = BTreeMap::new();
        for (name, value) in &spec.properties {
            properties.insert(name.clone(), self.document(value, scope));
        }
        Ok(Endpoint::from_parts(url, headers, properties))
    }

    /// A property value as a document; an empty value is null.
    fn document(&self, expr: &'a Expr, scope: Scope<'_, 'a>) -> Document {
        match expr {
            Expr::Record(fields) => {
                Document::Object(fields.iter().map(|(k, v)| (k.clone(), self.document(v, scope))).collect())
            }
            Expr::Array(items) => Document::Array(items.iter().map(|v| self.document(v, scope)).collect()),
            other => self.eval(other, scope).map_or(Document::Null, to_document),
        }
    }

    fn string(&self, expr: &'a Expr, scope: Scope<'_, 'a>) -> Option<String> {
        match self.eval(expr, scope)? {
            Value::Str(s) => Some(s.into_owned()),
            _ => None,
        }
    }

    fn eval(&self, expr: &'a Expr, scope: Scope<'_, 'a>) -> Option<Value<'a>> {
        match expr {
            Expr::Str(s) => Some(Value::Str(Cow::Borrowed(s))),
            Expr::Bool(b) => Some(Value::Bool(*b)),
            Expr::Int(n) => Some(Value::Int(*n)),
            Expr::Template(parts) => self.template(parts, scope).map(|s| Value::Str(Cow::Owned(s))),
            Expr::Ref(slot) => self.lookup(*slot, scope),
            Expr::Call(call) => self.call(call, scope),
            Expr::Array(items) => {
                items.iter().map(|item| self.eval(item, scope)).collect::<Option<_>>().map(Value::Array)
            }
            // Records are property values only, built by `document`.
            Expr::Record(_) => None,
        }
    }

    /// A template's text; `None` when a value it names is empty or not a string.
    fn template(&self, parts: &'a [Part], scope: Scope<'_, 'a>) -> Option<String> {
        let mut out = String::new();
        for part in parts {
            let value = match part {
                Part::Text(text) => {
                    out.push_str(text);
                    continue;
                }
                Part::Ref(slot) => self.lookup(*slot, scope)?,
                Part::Attr(slot, path) => attr(self.lookup(*slot, scope)?, path)?,
            };
            match value {
                Value::Str(s) => out.push_str(&s),
                Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
                Value::Int(n) => out.push_str(&n.to_string()),
                _ => return None,
            }
        }
        Some(out)
    }

    fn lookup(&self, slot: Slot, scope: Scope<'_, 'a>) -> Option<Value<'a>> {
        if let Some(param) = self.program.params.get(slot) {
            return match self.values[slot].or_else(|| param.default_value())? {
                ParamValue::String(s) => Some(Value::Str(Cow::Borrowed(s))),
                ParamValue::Bool(b) => Some(Value::Bool(b)),
                ParamValue::StringArray(items) => Some(Value::Strings(items)),
            };
        }
        let mut frame = scope.frame;
        while let Some(current) = frame {
            if current.slot == slot {
                return Some(current.value.clone());
            }
            frame = current.parent;
        }
        None
    }

    fn call(&self, call: &'a Call, scope: Scope<'_, 'a>) -> Option<Value<'a>> {
        let arg = |i: usize| self.eval(&call.args[i], scope);
        let text = |i: usize| match arg(i)? {
            Value::Str(s) => Some(s),
            _ => None,
        };
        let flag = |i: usize| match arg(i)? {
            Value::Bool(b) => Some(b),
            _ => None,
        };
        let int = |i: usize| match arg(i)? {
            Value::Int(n) => Some(n),
            _ => None,
        };
        match &call.function {
            Function::IsSet => Some(Value::Bool(arg(0).is_some())),
            Function::Not => Some(Value::Bool(!flag(0)?)),
            Function::BooleanEquals => Some(Value::Bool(flag(0)? == flag(1)?)),
            Function::StringEquals => Some(Value::Bool(text(0)? == text(1)?)),
            Function::GetAttr(path) => attr(arg(0)?, path),
            Function::IsValidHostLabel => Some(Value::Bool(functions::is_valid_host_label(&text(0)?, flag(1)?))),
            Function::ParseUrl => {
                let url = text(0)?;
                let parts = functions::parse_url(&url)?;
                Some(Value::Url(url, parts))
            }
            Function::Substring => {
                let value = text(0)?;
                let part = functions::substring(&value, int(1)?, int(2)?, flag(3)?)?;
                Some(Value::Str(range_of(&value, part)))
            }
            Function::UriEncode => Some(Value::Str(Cow::Owned(crate::wire::percent::percent_encode(&text(0)?)))),
            Function::Coalesce => {
                let (last, first) = call.args.split_last()?;
                first.iter().find_map(|expr| self.eval(expr, scope)).or_else(|| self.eval(last, scope))
            }
            Function::Ite => {
                let branch = if flag(0)? { 1 } else { 2 };
                arg(branch)
            }
            Function::Split => {
                let value = text(0)?;
                let parts = functions::split(&value, &text(1)?, int(2)?)?;
                Some(Value::Array(parts.into_iter().map(|part| Value::Str(range_of(&value, part))).collect()))
            }
            Function::Partition => self.partitions.find(&text(0)?).map(Value::Partition),
            Function::ParseArn => {
                let arn = text(0)?;
                let parts = functions::parse_arn(&arn)?;
                Some(Value::Arn(arn, parts))
            }
            Function::IsVirtualHostableS3Bucket => {
                Some(Value::Bool(functions::is_virtual_hostable_s3_bucket(&text(0)?, flag(1)?)))
            }
        }
    }
}

/// Whether `url` starts with a scheme, `://` and a host: what `Endpoint::apply` needs, checked
/// cheaply here (`apply` parses it in full).
fn is_absolute_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else { return false };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    scheme_ok && !host.is_empty() && !host.contains(char::is_whitespace)
}

/// A part of `whole`, borrowed as long as `whole` is.
fn range_of<'a>(whole: &Cow<'a, str>, range: std::ops::Range<usize>) -> Cow<'a, str> {
    match whole {
        Cow::Borrowed(s) => Cow::Borrowed(&s[range]),
        Cow::Owned(s) => Cow::Owned(s[range].to_owned()),
    }
}

/// `getAttr`: follows the path's keys through records and its indexes through arrays.
fn attr<'a>(value: Value<'a>, path: &[PathPart]) -> Option<Value<'a>> {
    let mut current = value;
    let mut parts = path.iter().peekable();
    while let Some(part) = parts.next() {
        current = match (part, current) {
            (PathPart::Index(index), Value::Array(mut items)) => items.swap_remove(position(*index, items.len())?),
            (PathPart::Index(index), Value::Strings(items)) => {
                Value::Str(Cow::Borrowed(items[position(*index, items.len())?].as_str()))
            }
            // One part of an ARN's resource, without building the others.
            (PathPart::Key(key), Value::Arn(arn, parts_of_arn))
                if key == "resourceId" && matches!(parts.peek(), Some(PathPart::Index(_))) =>
            {
                let Some(PathPart::Index(index)) = parts.next() else { return None };
                let range = parts_of_arn.resource_id.get(position(*index, parts_of_arn.resource_id.len())?)?;
                Value::Str(range_of(&arn, range.clone()))
            }
            (PathPart::Key(key), record) => field(record, key)?,
            _ => return None,
        };
    }
    Some(current)
}

/// The position an index names in a sequence of `len` items (negative counts from the
/// end), if there is one.
fn position(index: i64, len: usize) -> Option<usize> {
    let len = i64::try_from(len).ok()?;
    let position = if index < 0 { len + index } else { index };
    if (0..len).contains(&position) {
        usize::try_from(position).ok()
    } else {
        None
    }
}

/// A field of one of the records the library functions return.
fn field<'a>(record: Value<'a>, key: &str) -> Option<Value<'a>> {
    let text = |s: &'a str| Some(Value::Str(Cow::Borrowed(s)));
    match record {
        Value::Url(url, parts) => match key {
            "scheme" => {
                // Schemes are case-insensitive; the rules compare them in lower case.
                let scheme = range_of(&url, parts.scheme);
                Some(Value::Str(if scheme.bytes().any(|b| b.is_ascii_uppercase()) {
                    Cow::Owned(scheme.to_ascii_lowercase())
                } else {
                    scheme
                }))
            }
            "authority" => Some(Value::Str(range_of(&url, parts.authority))),
            "path" => Some(Value::Str(range_of(&url, parts.path))),
            "normalizedPath" => {
                let path = range_of(&url, parts.path);
                Some(Value::Str(Cow::Owned(functions::normalized_path(&path).into_owned())))
            }
            "isIp" => Some(Value::Bool(parts.is_ip)),
            _ => None,
        },
        Value::Arn(arn, parts) => match key {
            "partition" => Some(Value::Str(range_of(&arn, parts.partition))),
            "service" => Some(Value::Str(range_of(&arn, parts.service))),
            "region" => Some(Value::Str(range_of(&arn, parts.region))),
            "accountId" => Some(Value::Str(range_of(&arn, parts.account_id))),
            "resourceId" => {
                Some(Value::Array(parts.resource_id.into_iter().map(|r| Value::Str(range_of(&arn, r))).collect()))
            }
            _ => None,
        },
        Value::Partition(partition) => match key {
            "name" => text(&partition.name),
            "dnsSuffix" => text(&partition.dns_suffix),
            "dualStackDnsSuffix" => text(&partition.dual_stack_dns_suffix),
            "supportsFIPS" => Some(Value::Bool(partition.supports_fips)),
            "supportsDualStack" => Some(Value::Bool(partition.supports_dual_stack)),
            "implicitGlobalRegion" => text(&partition.implicit_global_region),
            _ => None,
        },
        _ => None,
    }
}

fn to_document(value: Value<'_>) -> Document {
    match value {
        Value::Bool(b) => Document::Bool(b),
        Value::Int(n) => Document::Number(match u64::try_from(n) {
            Ok(n) => crate::Number::PosInt(n),
            Err(_) => crate::Number::NegInt(n),
        }),
        Value::Str(s) => Document::String(s.into_owned()),
        Value::Array(items) => Document::Array(items.into_iter().map(to_document).collect()),
        Value::Strings(items) => Document::Array(items.iter().map(|s| Document::String(s.clone())).collect()),
        // Records do not appear in properties (the rules engine forbids references there).
        Value::Url(..) | Value::Arn(..) | Value::Partition(_) => Document::Null,
    }
}
