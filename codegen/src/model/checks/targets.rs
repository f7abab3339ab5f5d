//! Where the traits the generator reads may stand, which exclude each other, and which only
//! one member of a structure may have: the prelude's `@trait(selector, conflicts,
//! structurallyExclusive)` declarations, as Smithy's TraitTargetValidator,
//! TraitConflictValidator and ExclusiveStructureMemberTraitValidator enforce them.

use super::{is_number, is_string, problem, ticked, Shapes};
use crate::error::Diagnostic;
use crate::model::{Member, Shape, ShapeId, ShapeKind, Traits};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Where a trait may be applied.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// On a shape that `fits`, or on a member whose target fits.
    Value,
    /// On a shape that fits, never on a member.
    Shape,
    /// On a structure member whose target fits.
    StructureMember,
}

/// A trait by name, and whether some traits have it.
type Named = (&'static str, fn(&Traits) -> bool);

/// A trait and what its prelude selector admits.
struct Selector {
    name: &'static str,
    present: fn(&Traits) -> bool,
    place: Place,
    fits: fn(&Shapes, &Shape) -> bool,
    wanted: &'static str,
}

const SELECTORS: &[Selector] = &[
    Selector {
        name: "length",
        present: |t| t.length.is_some(),
        place: Place::Value,
        fits: |_, s| has_length(&s.kind),
        wanted: "lists, maps, strings and blobs",
    },
    Selector {
        name: "range",
        present: |t| t.range.is_some(),
        place: Place::Value,
        fits: |_, s| is_number(&s.kind),
        wanted: "numbers",
    },
    Selector {
        name: "pattern",
        present: |t| t.pattern.is_some(),
        place: Place::Value,
        fits: |_, s| is_string(&s.kind),
        wanted: "strings",
    },
    Selector {
        name: "timestampFormat",
        present: |t| t.timestamp_format.is_some(),
        place: Place::Value,
        fits: |_, s| matches!(s.kind, ShapeKind::Timestamp),
        wanted: "timestamps",
    },
    Selector {
        name: "uniqueItems",
        present: |t| t.unique_items,
        place: Place::Shape,
        fits: unique_items_fit,
        wanted: "lists whose items contain no floats, doubles or documents",
    },
    Selector {
        name: "sparse",
        present: |t| t.sparse,
        place: Place::Shape,
        fits: |_, s| matches!(s.kind, ShapeKind::List(_) | ShapeKind::Map(..)),
        wanted: "lists and maps",
    },
    Selector {
        name: "idempotencyToken",
        present: |t| t.idempotency_token,
        place: Place::StructureMember,
        fits: |_, s| is_string(&s.kind),
        wanted: "structure members targeting strings",
    },
    Selector {
        name: "httpLabel",
        present: |t| t.http_label,
        place: Place::StructureMember,
        fits: |_, s| is_scalar(&s.kind),
        wanted: "structure members targeting strings, numbers, booleans or timestamps",
    },
    Selector {
        name: "httpQuery",
        present: |t| t.http_query.is_some(),
        place: Place::StructureMember,
        fits: scalar_or_list,
        wanted: "structure members targeting strings, numbers, booleans, timestamps or lists of them",
    },
    Selector {
        name: "httpHeader",
        present: |t| t.http_header.is_some(),
        place: Place::StructureMember,
        fits: scalar_or_list,
        wanted: "structure members targeting strings, numbers, booleans, timestamps or lists of them",
    },
    Selector {
        name: "httpPrefixHeaders",
        present: |t| t.http_prefix_headers.is_some(),
        place: Place::StructureMember,
        fits: prefix_headers_fit,
        wanted: "structure members targeting non-sparse maps of strings",
    },
    Selector {
        name: "httpQueryParams",
        present: |t| t.http_query_params,
        place: Place::StructureMember,
        fits: query_params_fit,
        wanted: "structure members targeting maps of strings or of lists of strings",
    },
    Selector {
        name: "httpResponseCode",
        present: |t| t.http_response_code,
        place: Place::StructureMember,
        fits: |_, s| matches!(s.kind, ShapeKind::Integer | ShapeKind::IntEnum(_)),
        wanted: "structure members targeting integers",
    },
    Selector {
        name: "httpPayload",
        present: |t| t.http_payload,
        place: Place::StructureMember,
        fits: |_, _| true,
        wanted: "structure members",
    },
];

/// Every trait of [`SELECTORS`] on a shape or member it may not stand on (Smithy
/// TraitTargetValidator): the generated code would misread or fail to compile.
pub(super) fn trait_targets(shapes: &Shapes, out: &mut Vec<Diagnostic>) {
    for shape in shapes.values() {
        for selector in SELECTORS.iter().filter(|s| (s.present)(&shape.traits)) {
            if selector.place == Place::StructureMember || !(selector.fits)(shapes, shape) {
                let message = format!("but it is a {}", shape.kind.type_name());
                out.push(problem(shape, &shape.id, misplaced(selector, &message)));
            }
        }
        for member in shape.kind.all_members() {
            for selector in SELECTORS.iter().filter(|s| (s.present)(&member.traits)) {
                if let Err(why) = member_fits(shapes, shape, member, selector) {
                    out.push(problem(shape, shape.id.member(&member.name), misplaced(selector, &why)));
                }
            }
        }
    }
}

fn member_fits(shapes: &Shapes, container: &Shape, member: &Member, selector: &Selector) -> Result<(), String> {
    let in_structure = matches!(container.kind, ShapeKind::Structure(_));
    match selector.place {
        Place::Shape => return Err("but this is a member".to_owned()),
        Place::StructureMember if !in_structure => {
            return Err(format!("but this is a member of a {}", container.kind.type_name()));
        }
        _ => {}
    }
    match shapes.get(&member.target) {
        Some(target) if !(selector.fits)(shapes, target) => {
            Err(format!("but the member targets `{}`, a {}", target.id, target.kind.type_name()))
        }
        _ => Ok(()),
    }
}

fn misplaced(selector: &Selector, why: &str) -> String {
    format!(
        "trait `smithy.api#{}` applies only to {}, {why} (Smithy TraitTargetValidator)",
        selector.name, selector.wanted
    )
}

fn has_length(kind: &ShapeKind) -> bool {
    matches!(kind, ShapeKind::List(_) | ShapeKind::Map(..) | ShapeKind::Blob) || is_string(kind)
}

fn is_scalar(kind: &ShapeKind) -> bool {
    matches!(kind, ShapeKind::Boolean | ShapeKind::Timestamp) || is_string(kind) || is_number(kind)
}

/// The shape a list's member or a map's value targets.
fn item<'a>(shapes: &'a Shapes, shape: &Shape) -> Option<&'a Shape> {
    match &shape.kind {
        ShapeKind::List(item) | ShapeKind::Map(_, item) => shapes.get(&item.target),
        _ => None,
    }
}

fn scalar_or_list(shapes: &Shapes, shape: &Shape) -> bool {
    is_scalar(&shape.kind)
        || matches!(shape.kind, ShapeKind::List(_)) && item(shapes, shape).is_some_and(|i| is_scalar(&i.kind))
}

fn prefix_headers_fit(shapes: &Shapes, shape: &Shape) -> bool {
    matches!(shape.kind, ShapeKind::Map(..))
        && !shape.traits.sparse
        && item(shapes, shape).is_some_and(|value| is_string(&value.kind))
}

fn query_params_fit(shapes: &Shapes, shape: &Shape) -> bool {
    let strings = |s: &Shape| {
        is_string(&s.kind)
            || matches!(s.kind, ShapeKind::List(_)) && item(shapes, s).is_some_and(|i| is_string(&i.kind))
    };
    matches!(shape.kind, ShapeKind::Map(..)) && item(shapes, shape).is_some_and(strings)
}

/// A list whose items, however deep, hold no float, double or document: those have no
/// equality that uniqueness could rest on.
fn unique_items_fit(shapes: &Shapes, shape: &Shape) -> bool {
    let ShapeKind::List(member) = &shape.kind else { return false };
    let mut seen = BTreeSet::new();
    let mut pending = vec![&member.target];
    while let Some(id) = pending.pop() {
        let Some(target) = shapes.get(id).filter(|_| seen.insert(id)) else { continue };
        if matches!(target.kind, ShapeKind::Float | ShapeKind::Double | ShapeKind::Document) {
            return false;
        }
        pending.extend(target.kind.all_members().into_iter().map(|m| &m.target));
    }
    true
}

/// HTTP binding traits: a member has at most one location (each conflicts with the others).
const BINDINGS: &[Named] = &[
    ("httpLabel", |t| t.http_label),
    ("httpQuery", |t| t.http_query.is_some()),
    ("httpQueryParams", |t| t.http_query_params),
    ("httpHeader", |t| t.http_header.is_some()),
    ("httpPrefixHeaders", |t| t.http_prefix_headers.is_some()),
    ("httpPayload", |t| t.http_payload),
    ("httpResponseCode", |t| t.http_response_code),
];

/// Traits that exclude each other on one shape or member (Smithy TraitConflictValidator):
/// a member bound to two HTTP locations, a list both sparse and of unique items.
pub(super) fn trait_conflicts(shapes: &Shapes, out: &mut Vec<Diagnostic>) {
    for shape in shapes.values() {
        if shape.traits.unique_items && shape.traits.sparse {
            out.push(problem(shape, &shape.id, conflict(&["uniqueItems", "sparse"])));
        }
        for member in shape.kind.all_members() {
            let bound: Vec<&str> =
                BINDINGS.iter().filter(|(_, on)| on(&member.traits)).map(|(name, _)| *name).collect();
            if bound.len() > 1 {
                out.push(problem(shape, shape.id.member(&member.name), conflict(&bound)));
            }
        }
    }
}

fn conflict(names: &[&str]) -> String {
    let traits: Vec<String> = names.iter().map(|n| format!("smithy.api#{n}")).collect();
    format!("the traits {} conflict and cannot be applied together (Smithy TraitConflictValidator)", ticked(&traits))
}

/// Traits only one member of a structure may have (`structurallyExclusive: "member"`).
const EXCLUSIVE: &[Named] = &[
    ("httpPayload", |t| t.http_payload),
    ("httpQueryParams", |t| t.http_query_params),
    ("httpPrefixHeaders", |t| t.http_prefix_headers.is_some()),
    ("httpResponseCode", |t| t.http_response_code),
    ("idempotencyToken", |t| t.idempotency_token),
];

/// One body, one status code, one token: a second member with such a trait would be
/// silently dropped (Smithy ExclusiveStructureMemberTraitValidator). `@streaming` is
/// exclusive by target: at most one member may target a streaming shape.
pub(super) fn exclusive_members(shapes: &Shapes, out: &mut Vec<Diagnostic>) {
    for shape in shapes.values() {
        let ShapeKind::Structure(members) = &shape.kind else { continue };
        for (name, on) in EXCLUSIVE {
            let holders: Vec<&str> = members.values().filter(|m| on(&m.traits)).map(|m| m.name.as_str()).collect();
            if holders.len() > 1 {
                let message = format!(
                    "only one member may have the trait `smithy.api#{name}`, but {} do \
                     (Smithy ExclusiveStructureMemberTraitValidator)",
                    ticked(&holders)
                );
                out.push(problem(shape, &shape.id, message));
            }
        }
        let streaming = |id: &ShapeId| shapes.get(id).is_some_and(|t| t.traits.streaming);
        let streams: Vec<&str> = members.values().filter(|m| streaming(&m.target)).map(|m| m.name.as_str()).collect();
        if streams.len() > 1 {
            let message = format!(
                "only one member may target a `@streaming` shape, but {} do \
                 (Smithy ExclusiveStructureMemberTraitValidator)",
                ticked(&streams)
            );
            out.push(problem(shape, &shape.id, message));
        }
    }
}

/// A `@streaming` shape is held by a structure member, and a structure holding one is an
/// operation's input or output and nothing else (Smithy StreamingTraitValidator): a stream
/// is read once, so no union, collection or other structure may contain one, and an
/// error is read whole from memory.
pub(super) fn stream_holders(shapes: &Shapes, out: &mut Vec<Diagnostic>) {
    // Most models stream nothing. Otherwise both sets are small: a member is checked by
    // hashing its target, not by searching the whole model, whose IDs share long prefixes.
    let streams: HashSet<&ShapeId> = shapes.values().filter(|s| s.traits.streaming).map(|s| &s.id).collect();
    if streams.is_empty() {
        return;
    }
    let streaming = |id: &ShapeId| streams.contains(id);
    let holders: HashSet<&ShapeId> = shapes
        .values()
        .filter(|shape| match &shape.kind {
            ShapeKind::Structure(members) => members.values().any(|m| streaming(&m.target)),
            _ => false,
        })
        .map(|s| &s.id)
        .collect();
    let holds_stream = |id: &ShapeId| holders.contains(id);
    for shape in shapes.values() {
        if holds_stream(&shape.id) && shape.traits.error.is_some() {
            let message = "an error structure cannot have a member targeting a `@streaming` shape \
                           (Smithy StreamingTraitValidator)";
            out.push(problem(shape, &shape.id, message.to_owned()));
        }
        for member in shape.kind.all_members() {
            if streaming(&member.target) && !matches!(shape.kind, ShapeKind::Structure(_)) {
                let message = format!(
                    "targets the `@streaming` shape `{}`: only a structure member may \
                     (Smithy StreamingTraitValidator)",
                    member.target
                );
                out.push(problem(shape, shape.id.member(&member.name), message));
            }
            if holds_stream(&member.target) {
                let message = format!(
                    "targets `{}`, which has a member targeting a `@streaming` shape: such a structure \
                     may only be an operation's input or output (Smithy StreamingTraitValidator)",
                    member.target
                );
                out.push(problem(shape, shape.id.member(&member.name), message));
            }
        }
    }
}

/// Two members of a structure or union that would use the same JSON key (Smithy
/// JsonNameValidator): the member name, or its `@jsonName`.
pub(super) fn json_names(shapes: &Shapes, out: &mut Vec<Diagnostic>) {
    for shape in shapes.values() {
        let (ShapeKind::Structure(members) | ShapeKind::Union(members)) = &shape.kind else { continue };
        if members.values().all(|m| m.traits.json_name.is_none()) {
            continue;
        }
        let mut by_key: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for member in members.values() {
            let key = member.traits.json_name.as_deref().unwrap_or(&member.name);
            by_key.entry(key).or_default().push(&member.name);
        }
        for (key, names) in by_key.into_iter().filter(|(_, names)| names.len() > 1) {
            let message =
                format!("the members {} have the same JSON name `{key}` (Smithy JsonNameValidator)", ticked(&names));
            out.push(problem(shape, &shape.id, message));
        }
    }
}
