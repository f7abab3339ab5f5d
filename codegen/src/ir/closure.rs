//! Which operations and shapes a service brings into the generated code.

use crate::model::{Model, Service, ShapeId, ShapeKind};
use std::collections::BTreeSet;

/// The operations of a service (narrowed to a selection) and every shape they reach.
#[derive(Debug, Default)]
pub(super) struct Closure {
    /// Operation shapes, sorted.
    pub operations: BTreeSet<ShapeId>,
    /// Data shapes reached from inputs, outputs and errors, sorted.
    pub shapes: BTreeSet<ShapeId>,
}

/// Walks the service: its operations, those of its resources (recursively), their inputs,
/// outputs and errors, the service's errors, and every member target from there.
pub(super) fn closure(model: &Model, service: &Service, selection: Option<&BTreeSet<ShapeId>>) -> Closure {
    let mut operations = BTreeSet::new();
    operations.extend(service.operations.iter().cloned());
    let mut resources: Vec<&ShapeId> = service.resources.iter().collect();
    let mut seen_resources = BTreeSet::new();
    while let Some(id) = resources.pop() {
        if !seen_resources.insert(id) {
            continue;
        }
        if let Some(ShapeKind::Resource(resource)) = model.shape(id).map(|s| &s.kind) {
            operations.extend(resource.all_operations().cloned());
            resources.extend(&resource.resources);
        }
    }
    if let Some(selection) = selection {
        operations.retain(|op| selection.contains(op));
    }
    let mut roots: Vec<ShapeId> = Vec::new();
    for op in &operations {
        if let Some(ShapeKind::Operation(operation)) = model.shape(op).map(|s| &s.kind) {
            roots.extend(operation.input.iter().chain(&operation.output).chain(&operation.errors).cloned());
        }
    }
    if !operations.is_empty() {
        roots.extend(service.errors.iter().cloned());
    }
    Closure { operations, shapes: reachable(model, roots) }
}

fn reachable(model: &Model, mut stack: Vec<ShapeId>) -> BTreeSet<ShapeId> {
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if seen.contains(&id) {
            continue;
        }
        if let Some(shape) = model.shape(&id) {
            stack.extend(shape.kind.all_members().into_iter().map(|m| m.target.clone()));
        }
        seen.insert(id);
    }
    seen
}
