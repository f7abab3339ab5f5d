//! Smithy's own validation rules, for the models it would refuse whose generated code would
//! be wrong, ambiguous or could never hold a value. Each rule names the Smithy validator (or
//! prelude trait selector) it follows. They run after `validate`, so every reference resolves.

mod http;
mod recursion;
mod targets;

use super::{Shape, ShapeId, ShapeKind};
use crate::error::{Diagnostic, Error, Result};
use std::collections::BTreeMap;
use std::fmt;

type Shapes = BTreeMap<ShapeId, Shape>;

/// One rule: adds a diagnostic per violation.
type Rule = fn(&Shapes, &mut Vec<Diagnostic>);

const RULES: &[Rule] = &[
    recursion::required_cycles,
    recursion::collection_cycles,
    recursion::unions_without_end,
    targets::trait_targets,
    targets::trait_conflicts,
    targets::exclusive_members,
    targets::stream_holders,
    targets::json_names,
    http::uri_patterns,
    http::uri_bindings,
    http::required_labels,
    http::payloads,
    http::header_and_query_names,
];

/// Runs every rule; all problems are reported together.
pub(super) fn check(shapes: &Shapes) -> Result<()> {
    let mut problems = Vec::new();
    for rule in RULES {
        rule(shapes, &mut problems);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::new(problems))
    }
}

/// A problem at `at` (the shape or one of its members), in the shape's file.
fn problem(shape: &Shape, at: impl fmt::Display, message: String) -> Diagnostic {
    Diagnostic::new(message).at(at).in_source(shape.source.as_deref())
}

/// `` `a`, `b` `` for messages.
fn ticked<S: AsRef<str>>(names: &[S]) -> String {
    names.iter().map(|n| format!("`{}`", n.as_ref())).collect::<Vec<_>>().join(", ")
}

/// Smithy's `string` selector, which includes enums.
fn is_string(kind: &ShapeKind) -> bool {
    matches!(kind, ShapeKind::String | ShapeKind::Enum(_))
}

/// Smithy's `number` selector, which includes intEnums.
fn is_number(kind: &ShapeKind) -> bool {
    use ShapeKind::*;
    matches!(kind, Byte | Short | Integer | Long | Float | Double | BigInteger | BigDecimal | IntEnum(_))
}

fn is_aggregate(kind: &ShapeKind) -> bool {
    matches!(kind, ShapeKind::Structure(_) | ShapeKind::Union(_))
}
