//! Waiters: the `smithy.waiters#waitable` trait of each operation, checked and resolved.
//!
//! Each acceptor's JMESPath path is parsed and type-checked against the operation's output
//! (or input and output) here, into the typed tree the emitter compiles. A waiter that
//! does not check (an unknown member, a construct not supported over typed values, delays
//! out of order) is left out with a warning that names it: it never costs the service.

use super::jmespath::check::{self, Expr, Root, Type};
use super::names::{self, Scope};
use super::{RustType, Service};
use crate::docs::to_rustdoc;
use crate::error::Diagnostic;
use crate::model::{Model, Shape, ShapeKind};
use serde_json::{Map, Value};

const TRAIT: &str = "smithy.waiters#waitable";

/// The spec's default delays, in seconds.
const DEFAULT_MIN_DELAY: u64 = 2;
const DEFAULT_MAX_DELAY: u64 = 120;

/// One waiter of an operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Waiter {
    /// Its name in the model, `TableExists`.
    pub name: String,
    /// Its type in the service's `waiters` module; unique there.
    pub type_name: String,
    /// The client's method, `wait_until_table_exists`; unique among the client's methods.
    pub method: String,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// The smallest and largest delay between attempts, in seconds.
    pub min_delay: u64,
    pub max_delay: u64,
    /// `deprecated: true` in the model.
    pub deprecated: bool,
    /// The acceptors, in the order they are tried.
    pub acceptors: Vec<Acceptor>,
}

/// An acceptor: when its matcher matches, the waiter moves to its state.
#[derive(Clone, Debug, PartialEq)]
pub struct Acceptor {
    pub state: State,
    pub matcher: Matcher,
}

/// Where an acceptor sends the waiter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Success,
    Failure,
    Retry,
}

/// What an acceptor matches.
#[derive(Clone, Debug, PartialEq)]
pub enum Matcher {
    /// `true`: the call succeeded; `false`: it failed with any error.
    Success(bool),
    /// The call failed with this error code: a modeled error's shape name (the model may
    /// name it by its awsQuery code), or an unmodeled error's code.
    ErrorType(String),
    /// A path over the output.
    Output(PathMatcher),
    /// A path over `{input, output}`.
    InputOutput(PathMatcher),
}

/// A path, compared with an expected value.
#[derive(Clone, Debug, PartialEq)]
pub struct PathMatcher {
    /// The JMESPath expression as the model writes it.
    pub path: String,
    /// The expression, type-checked.
    pub expr: Expr,
    pub comparator: Comparator,
    pub expected: String,
}

/// How a path's value is compared with the expected value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    StringEquals,
    BooleanEquals,
    AllStringEquals,
    AnyStringEquals,
}

/// Sets [`Operation::waiters`](super::Operation::waiters) on each waitable operation; each
/// waiter that does not check gets a warning instead.
pub(super) fn lower(model: &Model, service_shape: &Shape, service: &mut Service) -> Vec<Diagnostic> {
    let mut methods = Scope::with_reserved(names::CLIENT_RESERVED);
    for op in &service.operations {
        methods.claim(op.method.clone(), "_");
        if let Some(paginator) = &op.paginator {
            methods.claim(paginator.method.clone(), "_");
        }
    }
    // The `waiters` module's code names these unqualified: no waiter type may shadow them.
    let mut types = Scope::with_reserved(&["Box", "Err", "None", "Ok", "Option", "Result", "Some", "String", "Vec"]);
    let mut warnings = Vec::new();
    let mut found = Vec::new();
    for (index, op) in service.operations.iter().enumerate() {
        let Some(shape) = model.shape(&op.id) else { continue };
        let Some(trait_value) = shape.traits.other.get(TRAIT) else { continue };
        let Some(waiters) = trait_value.as_object() else {
            warnings.push(diagnostic(shape, None, "the `@waitable` trait is not an object"));
            continue;
        };
        let codes = error_codes(model, service_shape, shape);
        for (name, definition) in waiters {
            let root = |ty| Root { service, ty, input: op.input.as_deref(), output: op.output.as_deref() };
            match waiter(name, definition, &root, &codes) {
                Ok(mut waiter) => {
                    waiter.type_name = types.claim(names::type_name(name), "");
                    waiter.method = methods.claim(format!("wait_until_{}", names::snake_name(name)), "_");
                    found.push((index, waiter));
                }
                Err(why) => warnings.push(diagnostic(shape, Some(name), &why)),
            }
        }
    }
    for (index, waiter) in found {
        service.operations[index].waiters.push(waiter);
    }
    warnings
}

/// The operation's errors (its own and its service's) by the codes a waiter may name them
/// with: the shape name, which the client reports as the error's code, and for a modeled
/// error the `aws.protocols#awsQueryError` code that some models' waiters use instead
/// (IAM's `NoSuchEntity` for `NoSuchEntityException`).
fn error_codes(model: &Model, service: &Shape, operation: &Shape) -> Vec<(String, String)> {
    let own = match &operation.kind {
        ShapeKind::Operation(op) => op.errors.as_slice(),
        _ => &[],
    };
    let common = match &service.kind {
        ShapeKind::Service(s) => s.errors.as_slice(),
        _ => &[],
    };
    let mut codes = Vec::new();
    for id in own.iter().chain(common) {
        let name = id.name().to_owned();
        codes.push((name.clone(), name.clone()));
        let query_code = model
            .shape(id)
            .and_then(|shape| shape.traits.other.get("aws.protocols#awsQueryError"))
            .and_then(|error| error.get("code"))
            .and_then(Value::as_str);
        if let Some(code) = query_code {
            codes.push((code.to_owned(), name));
        }
    }
    codes
}

fn diagnostic(shape: &Shape, waiter: Option<&str>, why: &str) -> Diagnostic {
    let message = match waiter {
        Some(name) => format!("waiter `{name}`: {why}; the client has no such waiter"),
        None => format!("{why}; the client has no waiters for this operation"),
    };
    Diagnostic::new(message).at(&shape.id).in_source(shape.source.as_deref())
}

fn waiter<'s>(
    name: &str,
    definition: &Value,
    root: &dyn Fn(Type) -> Root<'s>,
    codes: &[(String, String)],
) -> Result<Waiter, String> {
    let definition = definition.as_object().ok_or("its definition is not an object")?;
    let delay = |key: &str, default: u64| match definition.get(key) {
        None => Ok(default),
        Some(value) => value
            .as_u64()
            .filter(|&d| d >= 1)
            .ok_or_else(|| format!("`{key}` is not a whole number of seconds, at least 1")),
    };
    let min_delay = delay("minDelay", DEFAULT_MIN_DELAY)?;
    let max_delay = delay("maxDelay", DEFAULT_MAX_DELAY)?;
    if min_delay > max_delay {
        return Err(format!("`minDelay` ({min_delay}) is above `maxDelay` ({max_delay})"));
    }
    let acceptors = definition
        .get("acceptors")
        .and_then(Value::as_array)
        .filter(|list| !list.is_empty())
        .ok_or("it has no acceptors")?
        .iter()
        .enumerate()
        .map(|(i, acceptor)| self::acceptor(acceptor, root, codes).map_err(|why| format!("acceptor {i}: {why}")))
        .collect::<Result<Vec<_>, _>>()?;
    let documentation = definition.get("documentation").and_then(Value::as_str);
    Ok(Waiter {
        name: name.to_owned(),
        type_name: String::new(),
        method: String::new(),
        docs: documentation.map(to_rustdoc).unwrap_or_default(),
        min_delay,
        max_delay,
        deprecated: definition.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
        acceptors,
    })
}

fn acceptor<'s>(
    acceptor: &Value,
    root: &dyn Fn(Type) -> Root<'s>,
    codes: &[(String, String)],
) -> Result<Acceptor, String> {
    let acceptor = acceptor.as_object().ok_or("not an object")?;
    let state = match acceptor.get("state").and_then(Value::as_str) {
        Some("success") => State::Success,
        Some("failure") => State::Failure,
        Some("retry") => State::Retry,
        other => return Err(format!("an unknown state {other:?}")),
    };
    let matcher = acceptor.get("matcher").and_then(Value::as_object).ok_or("no matcher")?;
    let mut entries = matcher.iter();
    let (Some((kind, value)), None) = (entries.next(), entries.next()) else {
        return Err("a matcher must have exactly one member".to_owned());
    };
    let matcher = match kind.as_str() {
        "success" => Matcher::Success(value.as_bool().ok_or("`success` is not a boolean")?),
        "errorType" => {
            let name = value.as_str().ok_or("`errorType` is not a string")?;
            // A shape ID names the error by its shape name, as the client's error codes do;
            // so does a modeled error's awsQuery code. Any other code is the service's own,
            // matched as it is.
            let name = name.rsplit('#').next().unwrap_or(name);
            let shape_name = codes.iter().find(|(code, _)| code == name).map_or(name, |(_, shape)| shape.as_str());
            Matcher::ErrorType(shape_name.to_owned())
        }
        "output" => {
            let output = root(Type::Null).output.map(|name| Type::Model(RustType::Named(name.to_owned())));
            Matcher::Output(path(value, root(output.ok_or("an output matcher, but the operation has no output")?))?)
        }
        "inputOutput" => Matcher::InputOutput(path(value, root(Type::InputOutput))?),
        other => return Err(format!("an unknown matcher `{other}`")),
    };
    Ok(Acceptor { state, matcher })
}

fn path(value: &Value, root: Root<'_>) -> Result<PathMatcher, String> {
    let value: &Map<String, Value> = value.as_object().ok_or("the path matcher is not an object")?;
    let text = |key: &str| value.get(key).and_then(Value::as_str).ok_or_else(|| format!("no `{key}` string"));
    let path = text("path")?;
    let expected = text("expected")?;
    let comparator = match text("comparator")? {
        "stringEquals" => Comparator::StringEquals,
        "booleanEquals" => Comparator::BooleanEquals,
        "allStringEquals" => Comparator::AllStringEquals,
        "anyStringEquals" => Comparator::AnyStringEquals,
        other => return Err(format!("an unknown comparator `{other}`")),
    };
    if comparator == Comparator::BooleanEquals && expected != "true" && expected != "false" {
        return Err(format!("`booleanEquals` expects `true` or `false`, not `{expected}`"));
    }
    let ast = super::jmespath::parse(path).map_err(|why| format!("the path `{path}` does not parse: {why}"))?;
    let expr = check::check(&ast, &root).map_err(|why| format!("the path `{path}` does not check: {why}"))?;
    check::dynamic(root.service, &expr.ty)
        .map_err(|why| format!("the path `{path}` gives {why}, which no comparator matches"))?;
    Ok(PathMatcher { path: path.to_owned(), expr, comparator, expected: expected.to_owned() })
}
