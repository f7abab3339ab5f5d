//! The shapes of the Smithy prelude (`smithy.api`) that models may target.

use super::load::RawShape;
use super::traits::RawTraits;
use super::{Members, Shape, ShapeId, ShapeKind};
use serde_json::{json, Value};

/// The prelude's simple shapes, its `Primitive*` shapes with their zero defaults, and `Unit`.
pub(super) fn shapes() -> Vec<RawShape> {
    let simple = [
        ("String", ShapeKind::String),
        ("Blob", ShapeKind::Blob),
        ("Boolean", ShapeKind::Boolean),
        ("Byte", ShapeKind::Byte),
        ("Short", ShapeKind::Short),
        ("Integer", ShapeKind::Integer),
        ("Long", ShapeKind::Long),
        ("Float", ShapeKind::Float),
        ("Double", ShapeKind::Double),
        ("BigInteger", ShapeKind::BigInteger),
        ("BigDecimal", ShapeKind::BigDecimal),
        ("Timestamp", ShapeKind::Timestamp),
        ("Document", ShapeKind::Document),
    ];
    let primitives = [
        ("PrimitiveBoolean", ShapeKind::Boolean, json!(false)),
        ("PrimitiveByte", ShapeKind::Byte, json!(0)),
        ("PrimitiveShort", ShapeKind::Short, json!(0)),
        ("PrimitiveInteger", ShapeKind::Integer, json!(0)),
        ("PrimitiveLong", ShapeKind::Long, json!(0)),
        ("PrimitiveFloat", ShapeKind::Float, json!(0)),
        ("PrimitiveDouble", ShapeKind::Double, json!(0)),
    ];
    let unit = ("Unit", ShapeKind::Structure(Members::new()), trait_map([("smithy.api#unitType", json!({}))]));
    simple
        .into_iter()
        .map(|(name, kind)| (name, kind, RawTraits::new()))
        .chain(primitives.into_iter().map(|(name, kind, zero)| (name, kind, trait_map([("smithy.api#default", zero)]))))
        .chain([unit])
        .map(|(name, kind, traits)| RawShape {
            shape: Shape { id: ShapeId::prelude(name), kind, traits, source: None },
            mixins: Vec::new(),
        })
        .collect()
}

fn trait_map<const N: usize>(entries: [(&str, Value); N]) -> RawTraits {
    entries.into_iter().map(|(id, value)| (id.to_owned(), value)).collect()
}
