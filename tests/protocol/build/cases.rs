//! The client test cases of a protocol-test model: every `smithy.test#httpRequestTests` and
//! `smithy.test#httpResponseTests` case not marked `appliesTo: "server"`, with the generated
//! Rust items it exercises.

use codegen::ir::{Crate, TypeDef};
use serde_json::Value;

/// Request or response test.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Request,
    Response,
}

/// One test case, resolved to Rust names.
pub struct Case {
    pub kind: Kind,
    /// The case as written in the model.
    pub json: Value,
    /// The case's `id`.
    pub id: String,
    /// The service module holding the operation.
    pub module: String,
    /// The operation's shape name and Rust name.
    pub operation: codegen::ir::Operation,
    /// For a response case on an error structure: the error's Rust type name.
    pub error: Option<String>,
    /// The names of the generated wire items the case calls.
    pub wire: WireNames,
    /// The traits of the operation as written in the model.
    pub operation_traits: Value,
}

/// The generated items of an operation's wire code.
pub struct WireNames {
    /// The operation's marker type in the service's `operations` module.
    pub marker: String,
    /// The operation's error enum, beside it.
    pub error_enum: String,
    /// For an error case: the enum's variant holding the error.
    pub error_variant: Option<String>,
    /// `request` takes the input by value and returns a `ByteStream` body.
    pub streaming_input: bool,
    /// `response` takes an `http::Response<ByteStream>`.
    pub streaming_output: bool,
}

/// Cases of one model file, in shape-ID order then file order; errors name what could not
/// be resolved.
pub fn client_cases(model_json: &Value, ir: &Crate) -> Result<Vec<Case>, String> {
    let shapes = model_json.get("shapes").and_then(Value::as_object).ok_or("the model has no `shapes`")?;
    let mut cases = Vec::new();
    for (shape_id, shape) in shapes {
        for (trait_id, kind) in [("smithy.test#httpRequestTests", Kind::Request), ("smithy.test#httpResponseTests", Kind::Response)] {
            let Some(list) = shape.pointer(&format!("/traits/{}", trait_id.replace('/', "~1"))).and_then(Value::as_array) else {
                continue;
            };
            for case in list.iter().filter(|c| c.get("appliesTo").and_then(Value::as_str) != Some("server")) {
                let mut resolved = resolve(shape_id, shape, case, kind, ir)?;
                let traits = shapes.get(resolved.operation.id.as_str()).and_then(|op| op.get("traits"));
                resolved.operation_traits = traits.cloned().unwrap_or_default();
                cases.push(resolved);
            }
        }
    }
    Ok(cases)
}

fn resolve(shape_id: &str, shape: &Value, case: &Value, kind: Kind, ir: &Crate) -> Result<Case, String> {
    let id = case.get("id").and_then(Value::as_str).ok_or_else(|| format!("a case of {shape_id} has no id"))?.to_owned();
    let is_operation = shape.get("type").and_then(Value::as_str) == Some("operation");
    // An error structure's cases run against the first operation that can return it.
    let found = ir.services.iter().find_map(|service| {
        if is_operation {
            let op = service.operations.iter().find(|op| op.id.as_str() == shape_id)?;
            Some((service.module.clone(), op.clone(), None))
        } else {
            let error = service.types.iter().find_map(|def| match def {
                TypeDef::Struct(s) if s.id.as_str() == shape_id => Some(s.name.clone()),
                _ => None,
            })?;
            let op = service.operations.iter().find(|op| op.errors.contains(&error))?;
            Some((service.module.clone(), op.clone(), Some(error)))
        }
    });
    let (module, operation, error) = found.ok_or_else(|| format!("case {id}: no generated operation for {shape_id}"))?;
    let wire = wire_names(ir, &module, &operation, error.as_deref()).ok_or_else(|| format!("case {id}: {shape_id} has no wire code"))?;
    Ok(Case { kind, json: case.clone(), id, module, operation, error, wire, operation_traits: Value::Null })
}

/// The wire items of the operation, from its wire IR.
fn wire_names(ir: &Crate, module: &str, operation: &codegen::ir::Operation, error: Option<&str>) -> Option<WireNames> {
    let service = ir.services.iter().find(|s| s.module == module)?;
    let wire = service.operations.iter().find(|op| op.id == operation.id)?.wire.as_ref()?;
    let error_variant = match error {
        Some(error) => Some(wire.errors.iter().find(|(_, ty)| ty == error)?.0.clone()),
        None => None,
    };
    Some(WireNames {
        marker: wire.marker.clone(),
        error_enum: wire.error_enum.clone(),
        error_variant,
        streaming_input: wire.streaming_input,
        streaming_output: wire.streaming_output,
    })
}
