//! Combining the files of a model: duplicate definitions, the prelude, `apply` and mixins,
//! then typing every trait.

use super::load::{Apply, ParsedFile, RawShape};
use super::traits::{RawTraits, Traits};
use super::{prelude, Member, Members, Shape, ShapeId, ShapeKind};
use crate::error::{Diagnostic, Error, Result};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const MIXIN: &str = "smithy.api#mixin";

/// Turns the parsed files into one map of resolved shapes.
pub(super) fn resolve(files: Vec<ParsedFile>) -> Result<BTreeMap<ShapeId, Shape>> {
    let mut applies = Vec::new();
    let mut raw = BTreeMap::new();
    let mut problems = Vec::new();
    for file in files {
        applies.extend(file.applies);
        for shape in file.shapes {
            insert_unique(&mut raw, shape, &mut problems);
        }
    }
    for shape in prelude::shapes() {
        raw.entry(shape.shape.id.clone()).or_insert(shape);
    }
    check_case_conflicts(&raw, &mut problems);
    finish(&problems)?;
    let deferred = apply_traits(&mut raw, applies, &mut problems);
    finish(&problems)?;
    let mut flat = flatten_mixins(raw)?;
    for apply in deferred {
        apply_to(&mut flat, apply, &mut problems);
    }
    finish(&problems)?;
    let typed = flat.into_iter().map(|(id, shape)| type_traits(shape).map(|s| (id, s)));
    let (shapes, problems): (Vec<_>, Vec<_>) = typed.partition(|r| r.is_ok());
    let problems: Vec<Diagnostic> = problems.into_iter().filter_map(|r| r.err()).collect();
    finish(&problems)?;
    Ok(shapes.into_iter().filter_map(|r| r.ok()).collect())
}

fn finish(problems: &[Diagnostic]) -> Result<()> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::new(problems.to_vec()))
    }
}

fn located(shape: &Shape<RawTraits>, message: String) -> Diagnostic {
    Diagnostic::new(message).at(&shape.id).in_source(shape.source.as_deref())
}

/// The same shape may be defined in two files only if both definitions are identical.
fn insert_unique(raw: &mut BTreeMap<ShapeId, RawShape>, shape: RawShape, problems: &mut Vec<Diagnostic>) {
    match raw.get(&shape.shape.id) {
        None => {
            raw.insert(shape.shape.id.clone(), shape);
        }
        Some(existing) => {
            let same = existing.shape.kind == shape.shape.kind
                && existing.shape.traits == shape.shape.traits
                && existing.mixins == shape.mixins;
            if !same {
                let first = existing.shape.source.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
                problems.push(located(&shape.shape, format!("conflicts with another definition of the shape in {first}")));
            }
        }
    }
}

/// Shape IDs are case-sensitive, but two may not differ only in case.
fn check_case_conflicts(raw: &BTreeMap<ShapeId, RawShape>, problems: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<String, &ShapeId> = BTreeMap::new();
    for (id, shape) in raw {
        if let Some(other) = seen.insert(id.as_str().to_lowercase(), id) {
            problems.push(located(&shape.shape, format!("differs only in case from shape `{other}`")));
        }
        let members = shape.shape.kind.all_members();
        let mut names = BTreeMap::new();
        for member in members {
            if let Some(other) = names.insert(member.name.to_lowercase(), &member.name) {
                problems.push(located(
                    &shape.shape,
                    format!("member names `{other}` and `{}` differ only in case", member.name),
                ));
            }
        }
    }
}

/// Applies `apply` entries to shapes and to their own members; entries for members a shape
/// inherits from a mixin are returned, to be applied once mixins are flattened.
fn apply_traits(raw: &mut BTreeMap<ShapeId, RawShape>, applies: Vec<Apply>, problems: &mut Vec<Diagnostic>) -> Vec<Apply> {
    let mut deferred = Vec::new();
    for apply in applies {
        let Some(target) = raw.get_mut(&apply.shape) else {
            problems.push(apply_problem(&apply, "`apply` targets a shape that does not exist"));
            continue;
        };
        let traits = match &apply.member {
            None => Some(&mut target.shape.traits),
            Some(name) => member_mut(&mut target.shape.kind, name).map(|m| &mut m.traits),
        };
        match traits {
            Some(traits) => merge_applied(traits, &apply, problems),
            None if !target.mixins.is_empty() => deferred.push(apply),
            None => problems.push(apply_problem(&apply, "`apply` targets a member that does not exist")),
        }
    }
    deferred
}

/// Applies traits to a member inherited from a mixin. They are the child's own traits on
/// that member (this is how Smithy serializes them), so they override the mixin's.
fn apply_to(shapes: &mut BTreeMap<ShapeId, Shape<RawTraits>>, apply: Apply, problems: &mut Vec<Diagnostic>) {
    let member = apply.member.as_deref().unwrap_or_default();
    match shapes.get_mut(&apply.shape).and_then(|s| member_mut(&mut s.kind, member)) {
        Some(target) => target.traits.extend(apply.traits),
        None => problems.push(apply_problem(&apply, "`apply` targets a member that does not exist")),
    }
}

fn apply_problem(apply: &Apply, message: &str) -> Diagnostic {
    let id = match &apply.member {
        Some(member) => apply.shape.member(member),
        None => apply.shape.to_string(),
    };
    Diagnostic::new(message).at(id).in_file(&apply.source)
}

fn member_mut<'a>(kind: &'a mut ShapeKind<RawTraits>, name: &str) -> Option<&'a mut Member<RawTraits>> {
    match kind {
        ShapeKind::List(member) if name == "member" => Some(member),
        ShapeKind::Map(key, _) if name == "key" => Some(key),
        ShapeKind::Map(_, value) if name == "value" => Some(value),
        ShapeKind::Enum(m) | ShapeKind::IntEnum(m) | ShapeKind::Structure(m) | ShapeKind::Union(m) => m.get_mut(name),
        _ => None,
    }
}

/// Merges applied traits: list values concatenate, equal values are fine, others conflict.
fn merge_applied(traits: &mut RawTraits, apply: &Apply, problems: &mut Vec<Diagnostic>) {
    for (id, value) in &apply.traits {
        match traits.get_mut(id) {
            None => {
                traits.insert(id.clone(), value.clone());
            }
            Some(existing) if existing == value => {}
            Some(Value::Array(existing)) if value.is_array() => {
                existing.extend(value.as_array().into_iter().flatten().cloned());
            }
            Some(_) => problems.push(apply_problem(apply, &format!("`apply` conflicts with the existing value of trait `{id}`"))),
        }
    }
}

/// Flattens every shape's mixins into its members and traits, taking each shape out of `raw`: a shape without mixins (most) moves as
/// it is, and a mixin is flattened before the shapes that use it.
fn flatten_mixins(mut raw: BTreeMap<ShapeId, RawShape>) -> Result<BTreeMap<ShapeId, Shape<RawTraits>>> {
    let mut done: BTreeMap<ShapeId, Shape<RawTraits>> = BTreeMap::new();
    while let Some((id, shape)) = raw.pop_first() {
        flatten(id, shape, &mut raw, &mut done, &mut BTreeSet::new())?;
    }
    Ok(done)
}

fn flatten(
    id: ShapeId,
    shape: RawShape,
    raw: &mut BTreeMap<ShapeId, RawShape>,
    done: &mut BTreeMap<ShapeId, Shape<RawTraits>>,
    visiting: &mut BTreeSet<ShapeId>,
) -> Result<()> {
    let RawShape { shape, mixins } = shape;
    if mixins.is_empty() {
        done.insert(id, shape);
        return Ok(());
    }
    visiting.insert(id.clone());
    let mut traits = RawTraits::new();
    let mut inherited = Members::new();
    for mixin_id in &mixins {
        // The mixin as written (or flattened already) is checked before it is flattened,
        // so that this shape's own mistake is the one reported.
        let Some(written) = raw.get(mixin_id).map(|m| &m.shape).or_else(|| done.get(mixin_id)) else {
            let message = if visiting.contains(mixin_id) {
                format!("mixins form a cycle through this shape and `{mixin_id}`")
            } else {
                format!("mixin `{mixin_id}` does not exist")
            };
            return Err(located(&shape, message).into());
        };
        if !written.traits.contains_key(MIXIN) {
            return Err(located(&shape, format!("`{mixin_id}` is used as a mixin but lacks the `mixin` trait")).into());
        }
        if std::mem::discriminant(&written.kind) != std::mem::discriminant(&shape.kind) {
            let kinds = (written.kind.type_name(), shape.kind.type_name());
            return Err(located(&shape, format!("mixin `{mixin_id}` is a {}, not a {}", kinds.0, kinds.1)).into());
        }
        if let Some(mixin) = raw.remove(mixin_id) {
            flatten(mixin_id.clone(), mixin, raw, done, visiting)?;
        }
        let Some(mixin) = done.get(mixin_id) else {
            return Err(located(&shape, format!("mixin `{mixin_id}` was not flattened (a generator bug)")).into());
        };
        traits.extend(inheritable_traits(&mixin.traits));
        for member in mixin.kind.members().into_iter().flat_map(|m| m.values()) {
            merge_member(&mut inherited, member.clone(), &shape)?;
        }
    }
    let mut flat = shape;
    traits.append(&mut flat.traits);
    flat.traits = traits;
    if let Some(local) = flat.kind.members() {
        for member in local.values() {
            merge_member(&mut inherited, member.clone(), &flat)?;
        }
        set_members(&mut flat.kind, inherited);
    }
    visiting.remove(&id);
    done.insert(id, flat);
    Ok(())
}

/// A mixin passes on its traits except `mixin` itself and those it declares local.
fn inheritable_traits(traits: &RawTraits) -> impl Iterator<Item = (String, Value)> + '_ {
    let local: Vec<&str> = traits
        .get(MIXIN)
        .and_then(|m| m.get("localTraits"))
        .and_then(Value::as_array)
        .map(|ids| ids.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    traits
        .iter()
        .filter(move |(id, _)| id.as_str() != MIXIN && !local.contains(&id.as_str()))
        .map(|(id, value)| (id.clone(), value.clone()))
}

/// Adds a member; one that is already there (from an earlier mixin, or redefined locally)
/// must keep its target, and the later traits win.
fn merge_member(members: &mut Members<RawTraits>, member: Member<RawTraits>, shape: &Shape<RawTraits>) -> Result<()> {
    match members.get_mut(&member.name) {
        None => {
            members.insert(member.name.clone(), member);
        }
        Some(existing) if existing.target == member.target => existing.traits.extend(member.traits),
        Some(existing) => {
            let message = format!(
                "member `{}` targets `{}` but a mixin defines it with target `{}`",
                member.name, member.target, existing.target
            );
            return Err(located(shape, message).into());
        }
    }
    Ok(())
}

fn set_members(kind: &mut ShapeKind<RawTraits>, members: Members<RawTraits>) {
    match kind {
        ShapeKind::Enum(m) | ShapeKind::IntEnum(m) | ShapeKind::Structure(m) | ShapeKind::Union(m) => *m = members,
        _ => {}
    }
}

/// Types the traits of a shape and of all its members.
fn type_traits(shape: Shape<RawTraits>) -> Result<Shape, Diagnostic> {
    let Shape { id, kind, traits, source } = shape;
    let locate = |message: String, at: String| Diagnostic::new(message).at(at).in_source(source.as_deref());
    let kind = kind.try_map_members(|m| {
        let traits = Traits::from_raw(m.traits).map_err(|e| locate(e, id.member(&m.name)))?;
        Ok(Member { name: m.name, target: m.target, traits })
    })?;
    let traits = Traits::from_raw(traits).map_err(|e| locate(e, id.to_string()))?;
    Ok(Shape { id, kind, traits, source })
}
