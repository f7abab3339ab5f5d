//! Cross-reference checks on a resolved model: every reference points at a shape of the
//! kind that can stand there.

use super::traits::EnumValue;
use super::{Member, Shape, ShapeId, ShapeKind};
use crate::error::{Diagnostic, Error, Result};
use std::collections::{BTreeMap, BTreeSet};

/// What a reference may point at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A data shape (not `Unit`, not a mixin).
    Data,
    /// A data shape or `smithy.api#Unit`.
    DataOrUnit,
    /// `smithy.api#Unit` only.
    Unit,
    /// A string or enum shape.
    StringLike,
    /// A structure, or `Unit`.
    StructureOrUnit,
    /// A structure with the `error` trait.
    Error,
    Operation,
    Resource,
}

/// Checks every shape; all problems are reported together.
pub(super) fn validate(shapes: &BTreeMap<ShapeId, Shape>) -> Result<()> {
    let mut problems = Vec::new();
    for shape in shapes.values() {
        let mut report = |message: String| {
            problems.push(Diagnostic::new(message).at(&shape.id).in_source(shape.source.as_deref()));
        };
        for (what, target, expect) in references(shape) {
            if let Err(message) = check_reference(shapes, target, expect) {
                report(format!("{what} {message}"));
            }
        }
        if let Err(message) = check_members(shape) {
            report(message);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::new(problems))
    }
}

/// Every shape reference a shape makes: (what refers, target, what it may be).
fn references(shape: &Shape) -> Vec<(String, &ShapeId, Expect)> {
    fn member(m: &Member, expect: Expect) -> (String, &ShapeId, Expect) {
        (format!("member `{}`", m.name), &m.target, expect)
    }
    fn listed<'a>(what: &str, ids: &'a [ShapeId], expect: Expect) -> Vec<(String, &'a ShapeId, Expect)> {
        ids.iter().map(|id| (what.to_owned(), id, expect)).collect()
    }
    match &shape.kind {
        ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => members.values().map(|m| member(m, Expect::Unit)).collect(),
        ShapeKind::Union(members) => members.values().map(|m| member(m, Expect::DataOrUnit)).collect(),
        ShapeKind::Structure(members) => members.values().map(|m| member(m, Expect::Data)).collect(),
        ShapeKind::List(m) => vec![member(m, Expect::Data)],
        ShapeKind::Map(k, v) => vec![member(k, Expect::StringLike), member(v, Expect::Data)],
        ShapeKind::Operation(op) => {
            let mut refs = listed("error", &op.errors, Expect::Error);
            refs.extend(op.input.iter().map(|id| ("input".to_owned(), id, Expect::StructureOrUnit)));
            refs.extend(op.output.iter().map(|id| ("output".to_owned(), id, Expect::StructureOrUnit)));
            refs
        }
        ShapeKind::Service(service) => {
            let mut refs = listed("operation", &service.operations, Expect::Operation);
            refs.extend(listed("resource", &service.resources, Expect::Resource));
            refs.extend(listed("error", &service.errors, Expect::Error));
            refs.extend(service.rename.keys().map(|id| ("`rename` of".to_owned(), id, Expect::Data)));
            refs
        }
        ShapeKind::Resource(resource) => {
            let mut refs: Vec<_> = resource.all_operations().map(|id| ("operation".to_owned(), id, Expect::Operation)).collect();
            refs.extend(listed("resource", &resource.resources, Expect::Resource));
            refs.extend(resource.identifiers.iter().map(|(name, id)| (format!("identifier `{name}`"), id, Expect::StringLike)));
            refs.extend(resource.properties.iter().map(|(name, id)| (format!("property `{name}`"), id, Expect::Data)));
            refs
        }
        _ => Vec::new(),
    }
}

fn check_reference(shapes: &BTreeMap<ShapeId, Shape>, id: &ShapeId, expect: Expect) -> Result<(), String> {
    let target = shapes.get(id).ok_or_else(|| format!("targets `{id}`, which does not exist"))?;
    let kind = &target.kind;
    let is_unit = target.traits.unit_type;
    if target.traits.mixin.is_some() {
        return Err(format!("targets `{id}`, which is a mixin and cannot be referenced"));
    }
    let fits = match expect {
        Expect::Data => kind.is_data() && !is_unit,
        Expect::DataOrUnit => kind.is_data(),
        Expect::Unit => is_unit,
        Expect::StringLike => matches!(kind, ShapeKind::String | ShapeKind::Enum(_)),
        Expect::StructureOrUnit => matches!(kind, ShapeKind::Structure(_)),
        Expect::Error => matches!(kind, ShapeKind::Structure(_)) && target.traits.error.is_some(),
        Expect::Operation => matches!(kind, ShapeKind::Operation(_)),
        Expect::Resource => matches!(kind, ShapeKind::Resource(_)),
    };
    if fits {
        return Ok(());
    }
    let wanted = match expect {
        Expect::Data => "a data shape other than `smithy.api#Unit`",
        Expect::DataOrUnit => "a data shape",
        Expect::Unit => "`smithy.api#Unit`",
        Expect::StringLike => "a string or enum shape",
        Expect::StructureOrUnit => "a structure",
        Expect::Error => "a structure with the `error` trait",
        Expect::Operation => "an operation",
        Expect::Resource => "a resource",
    };
    let found = if is_unit { "`smithy.api#Unit`" } else { kind.type_name() };
    Err(format!("targets `{id}`, a {found}, but must target {wanted}"))
}

/// Enums need values of their kind, unique; unions and enums need members.
fn check_members(shape: &Shape) -> Result<(), String> {
    match &shape.kind {
        ShapeKind::Union(members) | ShapeKind::Enum(members) | ShapeKind::IntEnum(members)
            if members.is_empty() && shape.traits.mixin.is_none() =>
        {
            Err(format!("a {} needs at least one member", shape.kind.type_name()))
        }
        ShapeKind::Enum(members) => {
            let mut seen = BTreeSet::new();
            for (name, member) in members {
                let value = match &member.traits.enum_value {
                    None => name.clone(),
                    Some(EnumValue::String(value)) => value.clone(),
                    Some(EnumValue::Int(_)) => return Err(format!("enum member `{name}` has an integer `enumValue`")),
                };
                if !seen.insert(value.clone()) {
                    return Err(format!("enum value `{value}` is used twice"));
                }
            }
            Ok(())
        }
        ShapeKind::IntEnum(members) => {
            let mut seen = BTreeSet::new();
            for (name, member) in members {
                let Some(EnumValue::Int(value)) = member.traits.enum_value else {
                    return Err(format!("intEnum member `{name}` needs an integer `enumValue`"));
                };
                if !seen.insert(value) {
                    return Err(format!("intEnum value {value} is used twice"));
                }
            }
            Ok(())
        }
        ShapeKind::String => match &shape.traits.legacy_enum {
            Some(definitions) => {
                let mut seen = BTreeSet::new();
                match definitions.iter().find(|d| !seen.insert(d.value.as_str())) {
                    Some(dup) => Err(format!("enum value `{}` is used twice", dup.value)),
                    None => Ok(()),
                }
            }
            None => Ok(()),
        },
        _ => Ok(()),
    }
}
