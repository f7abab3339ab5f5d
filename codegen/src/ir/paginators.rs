//! Paginators: the `smithy.api#paginated` trait of each operation, merged with its service's
//! (the operation's values win, key by key), resolved into Rust field paths.
//!
//! `inputToken` and `pageSize` name top-level input members; `outputToken` and `items` are
//! paths of output members separated by `.`, through nested structures. Whatever cannot be
//! resolved is a warning naming the operation, which then gets no paginator: a model's odd
//! pagination must never cost the service its code.

use super::names::{self, Scope};
use super::{Presence, RustType, Service, Struct, TypeDef};
use crate::error::Diagnostic;
use crate::model::{Model, Shape};
use serde_json::{Map, Value};

const TRAIT: &str = "smithy.api#paginated";

/// How the client pages through an operation's results.
#[derive(Clone, Debug, PartialEq)]
pub struct Paginator {
    /// The client's method returning the paginator, `list_things_paginator`; unique among
    /// the client's methods.
    pub method: String,
    /// The input field that carries the token of the next page.
    pub input_token: FieldStep,
    /// The output fields leading to the next page's token.
    pub output_token: Vec<FieldStep>,
    /// The token's type (the same in input and output), unboxed and without `Option`.
    pub token: RustType,
    /// The output fields leading to the page's items, a list or map; the last step's `ty`
    /// is the collection.
    pub items: Option<Vec<FieldStep>>,
    /// The input field that sets how many results a page holds, an integer.
    pub page_size: Option<FieldStep>,
}

/// One field along a path.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldStep {
    /// The Rust field name.
    pub field: String,
    /// Whether the field is an `Option`.
    pub optional: bool,
    /// Whether the value is boxed.
    pub boxed: bool,
    /// The value's type, unboxed and without `Option`.
    pub ty: RustType,
}

impl FieldStep {
    pub(crate) fn new(field: &super::Field) -> Self {
        Self {
            field: field.name.clone(),
            optional: field.presence == Presence::Optional,
            boxed: field.boxed,
            ty: field.ty.clone(),
        }
    }
}

/// The merged trait's values.
struct Settings {
    input_token: Option<String>,
    output_token: Option<String>,
    items: Option<String>,
    page_size: Option<String>,
}

impl Settings {
    fn merged(service: Option<&Map<String, Value>>, operation: &Map<String, Value>) -> Self {
        let get = |key: &str| {
            operation.get(key).or_else(|| service.and_then(|s| s.get(key))).and_then(Value::as_str).map(str::to_owned)
        };
        Self {
            input_token: get("inputToken"),
            output_token: get("outputToken"),
            items: get("items"),
            page_size: get("pageSize"),
        }
    }
}

/// Sets [`Operation::paginator`](super::Operation::paginator) on each paginated operation
/// whose trait resolves; the others get a warning.
pub(super) fn lower(model: &Model, service_shape: &Shape, service: &mut Service) -> Vec<Diagnostic> {
    let defaults = service_shape.traits.other.get(TRAIT).and_then(Value::as_object);
    let mut methods = Scope::with_reserved(names::CLIENT_RESERVED);
    for op in &service.operations {
        methods.claim(op.method.clone(), "_");
    }
    let mut warnings = Vec::new();
    let mut found = Vec::new();
    for (index, op) in service.operations.iter().enumerate() {
        let Some(shape) = model.shape(&op.id) else { continue };
        let Some(own) = shape.traits.other.get(TRAIT) else { continue };
        let Some(own) = own.as_object() else {
            let warning = no_paginator(&op.id, "its `@paginated` trait is not an object");
            warnings.push(warning.in_source(shape.source.as_deref()));
            continue;
        };
        let settings = Settings::merged(defaults, own);
        match resolve(service, op.input.as_deref(), op.output.as_deref(), &settings) {
            Ok(mut paginator) => {
                paginator.method = methods.claim(format!("{}_paginator", op.method), "_");
                found.push((index, paginator));
            }
            Err(why) => warnings.push(no_paginator(&op.id, &why).in_source(shape.source.as_deref())),
        }
    }
    for (index, paginator) in found {
        service.operations[index].paginator = Some(paginator);
    }
    warnings
}

fn no_paginator(id: impl std::fmt::Display, why: &str) -> Diagnostic {
    Diagnostic::new(format!("`@paginated`: {why}; the client has no paginator for this operation")).at(id)
}

fn resolve(
    service: &Service,
    input: Option<&str>,
    output: Option<&str>,
    settings: &Settings,
) -> Result<Paginator, String> {
    let (Some(input_name), Some(output_name)) = (input, output) else {
        return Err("the operation has no input or no output".to_owned());
    };
    let input = structure(service, input_name).ok_or_else(|| format!("the input `{input_name}` is not a structure"))?;
    let output =
        structure(service, output_name).ok_or_else(|| format!("the output `{output_name}` is not a structure"))?;
    // The paginator sends a copy of the input for each page.
    if input.holds_stream() {
        return Err("the input streams, so it cannot be sent again for the next page".to_owned());
    }
    let input_member = settings.input_token.as_deref().ok_or("no `inputToken`, on the operation or its service")?;
    let output_path = settings.output_token.as_deref().ok_or("no `outputToken`, on the operation or its service")?;
    let input_token = FieldStep::new(member(input, input_member, "inputToken")?);
    let output_token = path(service, output, output_path, "outputToken")?;
    let token = output_token.last().map(|step| step.ty.clone()).ok_or("an empty `outputToken`")?;
    if token != input_token.ty {
        return Err(format!(
            "`inputToken` `{input_member}` and `outputToken` `{output_path}` have different types ({:?} and {token:?})",
            input_token.ty
        ));
    }
    let items = match settings.items.as_deref() {
        Some(items_path) => {
            let steps = path(service, output, items_path, "items")?;
            match steps.last().map(|step| &step.ty) {
                Some(RustType::List(_) | RustType::Map(..)) => Some(steps),
                _ => return Err(format!("`items` `{items_path}` is not a list or a map")),
            }
        }
        None => None,
    };
    let page_size = match settings.page_size.as_deref() {
        Some(name) => {
            let step = FieldStep::new(member(input, name, "pageSize")?);
            if !matches!(step.ty, RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64) {
                return Err(format!("`pageSize` `{name}` is not an integer"));
            }
            Some(step)
        }
        None => None,
    };
    Ok(Paginator { method: String::new(), input_token, output_token, token, items, page_size })
}

fn structure<'s>(service: &'s Service, name: &str) -> Option<&'s Struct> {
    match service.type_named(name)? {
        TypeDef::Struct(s) => Some(s),
        _ => None,
    }
}

fn member<'s>(s: &'s Struct, name: &str, key: &str) -> Result<&'s super::Field, String> {
    s.fields
        .iter()
        .find(|f| f.wire_name == name)
        .ok_or_else(|| format!("`{key}` names `{name}`, which `{}` does not have", s.name))
}

/// The fields along `text` (`Result.NextToken`) from `start`, through nested structures.
fn path(service: &Service, start: &Struct, text: &str, key: &str) -> Result<Vec<FieldStep>, String> {
    let mut steps = Vec::new();
    let mut current = start;
    let mut names = text.split('.').peekable();
    while let Some(name) = names.next() {
        let field = member(current, name, key)?;
        steps.push(FieldStep::new(field));
        if names.peek().is_some() {
            current = match &field.ty {
                RustType::Named(next) => structure(service, next),
                _ => None,
            }
            .ok_or_else(|| format!("`{key}` `{text}` goes through `{name}`, which is not a structure"))?;
        }
    }
    Ok(steps)
}
