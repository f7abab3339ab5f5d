//! What `validate()` checks: the constraint traits of every member of the structures and
//! unions reachable from an operation input, decided here so that the emitter only writes
//! them out.
//!
//! A member's own constraint trait overrides the same trait on its target. Range bounds
//! are turned into thresholds of the member's Rust type at generation time, exactly: an
//! integer member with `min: 1.5` admits 2 and up; a float member admits the values whose
//! shortest decimal form (the one Rust prints, and a JSON body carries) lies within the
//! bounds, so an `f32` holding `8.8` passes `max: 8.8`. NaN is never within a range.
//!
//! A constraint the generator cannot check (a pattern neither engine compiles, a range bound
//! that is not a number) costs only that check, never the service: `validate()` leaves it
//! out, the member's docs say so, and a warning names the shape that carries the trait.

use super::pattern::{self, Pattern};
use super::{RustType, TypeDef};
use crate::docs;
use crate::error::{Diagnostic, Error, Result};
use crate::model::traits::{EnumValue, Length, Range};
use crate::model::{Member, Model, Shape, ShapeId, ShapeKind, Traits};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

// The same decimal comparison the generated crate uses at run time.
use smithy_runtime::__private::validation as runtime;

/// The checks of a structure's fields or a union's variants, while they are worked out.
#[derive(Clone, Debug, PartialEq)]
struct Validation {
    /// By member name; `attach` moves each onto its field or variant.
    members: BTreeMap<String, MemberChecks>,
}

impl Validation {
    /// Whether anything at all is checked (a union always checks for an unknown member).
    fn checks_something(&self, union: bool) -> bool {
        union || self.members.values().any(|m| m.required || m.value.checks_directly())
    }
}

/// The checks of one structure field or union variant.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemberChecks {
    /// The member is `@required` but optional in Rust (input structures): unset is a violation.
    pub required: bool,
    /// The checks of its value.
    pub value: ValueChecks,
    /// Rustdoc sentences for the constraints `validate()` leaves out because the generator
    /// cannot check them; lowering adds them to the member's docs.
    pub left_out: Vec<String>,
}

/// The checks of one value, and of what it contains.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValueChecks {
    /// `@length`: characters, bytes or entries, by the value's type.
    pub length: Option<Length>,
    /// `@pattern`.
    pub pattern: Option<Pattern>,
    /// `@range`.
    pub range: Option<RangeCheck>,
    /// `@uniqueItems` on a list.
    pub unique_items: Option<Uniqueness>,
    /// For an enum: the values a message lists (`[abc, def]`); `Unknown` is a violation.
    pub enum_values: Option<String>,
    /// Checks inside the value.
    pub nested: Nested,
}

impl ValueChecks {
    /// Whether nothing is checked.
    pub fn is_empty(&self) -> bool {
        self.length.is_none()
            && self.pattern.is_none()
            && self.range.is_none()
            && self.unique_items.is_none()
            && self.enum_values.is_none()
            && self.nested == Nested::None
    }
}

impl ValueChecks {
    /// Whether something is checked without calling into another type.
    fn checks_directly(&self) -> bool {
        let own = self.length.is_some()
            || self.pattern.is_some()
            || self.range.is_some()
            || self.unique_items.is_some()
            || self.enum_values.is_some();
        own || match &self.nested {
            Nested::None | Nested::Type(_) => false,
            Nested::List(item) => item.checks_directly(),
            Nested::Map(key, item) => key.checks_directly() || item.checks_directly(),
        }
    }
}

/// Checks inside a value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Nested {
    /// Nothing inside is checked.
    #[default]
    None,
    /// A structure or union of the service, by Rust name, that checks something: call its
    /// validation.
    Type(String),
    /// The entries of a list.
    List(Box<ValueChecks>),
    /// The keys and values of a map.
    Map(Box<ValueChecks>, Box<ValueChecks>),
}

/// How `@uniqueItems` compares entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Uniqueness {
    /// Entries are `Hash + Eq`: a set finds duplicates in linear time.
    Hashable,
    /// Entries are structures or unions (only `PartialEq`): every pair is compared.
    Pairwise,
}

/// A `@range` check in the member's own type.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeCheck {
    /// The rule as messages state it: `between 2 and 8, inclusive`.
    pub rule: String,
    /// The thresholds.
    pub bounds: RangeBounds,
}

/// Inclusive thresholds, already in the member's type.
#[derive(Clone, Debug, PartialEq)]
pub enum RangeBounds {
    /// Integers (`byte` … `long`); a bound outside the type is `None` when every value
    /// satisfies it. `always_fails` when no value of the type can.
    Integer { min: Option<i64>, max: Option<i64>, always_fails: bool },
    /// `float` and `double`: NaN always fails.
    Float { min: Option<f64>, max: Option<f64> },
    /// `bigInteger` and `bigDecimal`: compared as decimal text at run time.
    Decimal { min: Option<String>, max: Option<String> },
}

/// Marks every structure and union reachable from an input of the given operations as
/// validated, and puts on each member what is checked. Returns the warnings: one per constraint left out (see the module docs),
/// possibly repeated when several members share the shape that carries it.
pub(super) fn attach(
    model: &Model,
    operations: &BTreeSet<ShapeId>,
    type_names: &BTreeMap<ShapeId, String>,
    types: &mut [TypeDef],
) -> Result<Vec<Diagnostic>> {
    let reachable = from_inputs(model, operations);
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut found: BTreeMap<String, (Validation, bool)> = BTreeMap::new();
    for def in types.iter() {
        let (id, union) = match def {
            TypeDef::Struct(s) => (&s.id, false),
            TypeDef::Union(u) => (&u.id, true),
            TypeDef::Enum(_) => continue,
        };
        if !reachable.contains(id) {
            continue;
        }
        match type_validation(model, def, type_names, &mut warnings) {
            Ok(validation) => {
                found.insert(def.name().to_owned(), (validation, union));
            }
            Err(problem) => problems.extend(problem),
        }
    }
    if !problems.is_empty() {
        return Err(Error::new(problems));
    }
    let active = checking_types(&found);
    for def in types.iter_mut() {
        let Some((mut validation, _)) = found.remove(def.name()) else { continue };
        for member in validation.members.values_mut() {
            prune(&mut member.value, &active);
        }
        let mut take = |wire_name: &str, docs: &mut Vec<String>| {
            let checks = validation.members.remove(wire_name).unwrap_or_default();
            document_left_out(docs, &checks);
            checks
        };
        match def {
            TypeDef::Struct(s) => {
                for field in &mut s.fields {
                    field.checks = take(&field.wire_name, &mut field.docs);
                }
                s.validated = true;
            }
            TypeDef::Union(u) => {
                for variant in &mut u.variants {
                    variant.checks = take(&variant.wire_name, &mut variant.docs);
                }
                u.validated = true;
            }
            TypeDef::Enum(_) => {}
        }
    }
    Ok(warnings)
}

/// Appends to a member's docs what its `validate()` leaves out, so that readers of the
/// generated code are told too.
fn document_left_out(docs: &mut Vec<String>, checks: &MemberChecks) {
    for sentence in &checks.left_out {
        docs.extend([String::new(), sentence.clone()]);
    }
}

/// Shapes reachable from the inputs of the operations.
fn from_inputs(model: &Model, operations: &BTreeSet<ShapeId>) -> BTreeSet<ShapeId> {
    let mut stack: Vec<ShapeId> = operations
        .iter()
        .filter_map(|op| match model.shape(op).map(|s| &s.kind) {
            Some(ShapeKind::Operation(operation)) => operation.input.clone(),
            _ => None,
        })
        .collect();
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if let Some(shape) = model.shape(&id) {
            if seen.insert(id) {
                stack.extend(shape.kind.all_members().into_iter().map(|m| m.target.clone()));
            }
        }
    }
    seen
}

/// Type names whose validation checks something, directly or through what they contain.
fn checking_types(found: &BTreeMap<String, (Validation, bool)>) -> BTreeSet<String> {
    let mut active: BTreeSet<String> =
        found.iter().filter(|(_, (v, union))| v.checks_something(*union)).map(|(n, _)| n.clone()).collect();
    loop {
        let before = active.len();
        for (name, (validation, _)) in found {
            if !active.contains(name) && validation.members.values().any(|m| reaches(&m.value, &active)) {
                active.insert(name.clone());
            }
        }
        if active.len() == before {
            return active;
        }
    }
}

fn reaches(value: &ValueChecks, active: &BTreeSet<String>) -> bool {
    match &value.nested {
        Nested::None => false,
        Nested::Type(name) => active.contains(name),
        Nested::List(item) => reaches(item, active),
        Nested::Map(key, item) => reaches(key, active) || reaches(item, active),
    }
}

/// Drops calls into types that check nothing.
fn prune(value: &mut ValueChecks, active: &BTreeSet<String>) {
    match &mut value.nested {
        Nested::Type(name) => {
            if !active.contains(name.as_str()) {
                value.nested = Nested::None;
            }
        }
        Nested::List(item) => {
            prune(item, active);
            if item.is_empty() {
                value.nested = Nested::None;
            }
        }
        Nested::Map(key, item) => {
            prune(key, active);
            prune(item, active);
            if key.is_empty() && item.is_empty() {
                value.nested = Nested::None;
            }
        }
        Nested::None => {}
    }
}

/// A field or variant: its model name, its Rust type (none for a unit variant), and whether
/// the field is an `Option`.
type Entry<'a> = (&'a str, Option<&'a RustType>, bool);

fn type_validation(
    model: &Model,
    def: &TypeDef,
    type_names: &BTreeMap<ShapeId, String>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Validation, Vec<Diagnostic>> {
    let (id, entries): (&ShapeId, Vec<Entry<'_>>) = match def {
        TypeDef::Struct(s) => (
            &s.id,
            s.fields
                .iter()
                .map(|f| (f.wire_name.as_str(), Some(&f.ty), f.presence == super::Presence::Optional))
                .collect(),
        ),
        TypeDef::Union(u) => (&u.id, u.variants.iter().map(|v| (v.wire_name.as_str(), v.ty.as_ref(), false)).collect()),
        // `attach` passes only structures and unions.
        TypeDef::Enum(_) => return Ok(Validation { members: BTreeMap::new() }),
    };
    let shape = model.shape(id).ok_or_else(|| vec![Diagnostic::new("refers to a shape that does not exist").at(id)])?;
    let mut collector = Collector { model, type_names, left_out: Vec::new(), warnings: Vec::new() };
    let mut problems = Vec::new();
    let mut checks = BTreeMap::new();
    for (wire_name, ty, optional) in entries {
        let Some(member) = shape.kind.members().and_then(|members| members.get(wire_name)) else {
            problems.push(Diagnostic::new("has a field the model does not define").at(id.member(wire_name)));
            continue;
        };
        let located = |d: Diagnostic| d.at(id.member(wire_name)).in_source(shape.source.as_deref());
        let Some(ty) = ty else {
            checks.insert(wire_name.to_owned(), MemberChecks::default());
            continue;
        };
        let required = optional && member.traits.required && !member.traits.idempotency_token;
        let value = collector.value(shape, member, ty, 0);
        let left_out = std::mem::take(&mut collector.left_out);
        warnings.append(&mut collector.warnings);
        match value {
            Ok(value) => {
                checks.insert(wire_name.to_owned(), MemberChecks { required, value, left_out });
            }
            Err(problem) => problems.push(located(problem)),
        }
    }
    if problems.is_empty() {
        Ok(Validation { members: checks })
    } else {
        Err(problems)
    }
}

struct Collector<'m> {
    model: &'m Model,
    type_names: &'m BTreeMap<ShapeId, String>,
    /// What the member being collected leaves out: sentences for its docs, and warnings.
    left_out: Vec<String>,
    warnings: Vec<Diagnostic>,
}

/// Where a trait is written: on a member of `shape` (its own trait), or on `shape` itself
/// (the member's target). Warnings name it, so a trait is reported once however many
/// members target its shape.
#[derive(Clone, Copy)]
struct Carrier<'a> {
    shape: &'a Shape,
    member: Option<&'a str>,
}

impl Carrier<'_> {
    fn warning(self, reason: &str) -> Diagnostic {
        let warning = Diagnostic::new(format!("{reason}; `validate()` does not check it"));
        let warning = match self.member {
            Some(member) => warning.at(self.shape.id.member(member)),
            None => warning.at(&self.shape.id),
        };
        warning.in_source(self.shape.source.as_deref())
    }
}

/// The member's own value of a trait, else its target's, with where it is written.
fn own_or_target<'a, T>(
    owner: &'a Shape,
    member: &'a Member,
    target: &'a Shape,
    pick: impl Fn(&'a Traits) -> Option<&'a T>,
) -> Option<(&'a T, Carrier<'a>)> {
    match pick(&member.traits) {
        Some(value) => Some((value, Carrier { shape: owner, member: Some(&member.name) })),
        None => pick(&target.traits).map(|value| (value, Carrier { shape: target, member: None })),
    }
}

/// How deep lists and maps may nest; the IR refuses deeper nesting earlier.
const MAX_DEPTH: usize = 64;

impl Collector<'_> {
    /// The checks of a value held by `member` of `owner`, whose Rust type is `ty` (without
    /// `Option` or `Box`; a sparse collection's entries are `Option`).
    fn value(&mut self, owner: &Shape, member: &Member, ty: &RustType, depth: usize) -> Result<ValueChecks, Diagnostic> {
        let model = self.model;
        let target = model
            .shape(&member.target)
            .ok_or_else(|| Diagnostic::new("refers to a shape that does not exist").at(&member.target))?;
        if depth > MAX_DEPTH {
            return Err(Diagnostic::new("lists and maps nest too deeply").at(&member.target));
        }
        let ty = match ty {
            RustType::Option(inner) | RustType::Box(inner) => inner.as_ref(),
            other => other,
        };
        let effective = |pick: fn(&Traits) -> bool| pick(&member.traits) || pick(&target.traits);
        let length = member.traits.length.or(target.traits.length);
        let text = is_text(ty, target);
        let mut checks = ValueChecks {
            length: length.filter(|_| text || matches!(ty, RustType::Blob | RustType::List(_) | RustType::Map(..))),
            pattern: match own_or_target(owner, member, target, |t| t.pattern.as_ref()) {
                Some((source, carrier)) if text => self.pattern(source, carrier),
                _ => None,
            },
            range: match own_or_target(owner, member, target, |t| t.range.as_ref()) {
                Some((range, carrier)) => self.range(range, ty, carrier),
                None => None,
            },
            ..ValueChecks::default()
        };
        if *ty == RustType::ByteStream {
            if let Some((_, carrier)) = own_or_target(owner, member, target, |t| t.length.as_ref()) {
                let sentence = "The `@length` is not enforced by `validate()`, which does not read the stream.";
                self.leave_out(sentence.to_owned(), carrier.warning("`@length` on a stream, which `validate()` does not read"));
            }
        }
        match (&target.kind, ty) {
            (ShapeKind::List(item), RustType::List(item_ty)) => {
                let item_checks = self.value(target, item, item_ty, depth + 1)?;
                if effective(|t| t.unique_items) {
                    checks.unique_items = Some(if self.hashable(item_ty) { Uniqueness::Hashable } else { Uniqueness::Pairwise });
                }
                if !item_checks.is_empty() {
                    checks.nested = Nested::List(Box::new(item_checks));
                }
            }
            (ShapeKind::Map(key, value), RustType::Map(key_ty, value_ty)) => {
                let key_checks = self.value(target, key, key_ty, depth + 1)?;
                let value_checks = self.value(target, value, value_ty, depth + 1)?;
                if !key_checks.is_empty() || !value_checks.is_empty() {
                    checks.nested = Nested::Map(Box::new(key_checks), Box::new(value_checks));
                }
            }
            (ShapeKind::Structure(_) | ShapeKind::Union(_), RustType::Named(name)) => {
                checks.nested = Nested::Type(name.clone());
            }
            (_, RustType::Named(_)) if is_enum(target) => checks.enum_values = Some(enum_value_list(target)),
            _ => {}
        }
        Ok(checks)
    }

    /// The compiled pattern; `None`, with the reason recorded, when it cannot be compiled.
    fn pattern(&mut self, source: &str, carrier: Carrier<'_>) -> Option<Pattern> {
        match pattern::prepare(source) {
            Ok(pattern) => Some(pattern),
            Err(reason) => {
                let sentence = format!(
                    "The pattern {} is not enforced by `validate()`: {}",
                    docs::inline_code(source),
                    docs::inline_text(&reason)
                );
                self.leave_out(sentence, carrier.warning(&reason));
                None
            }
        }
    }

    /// The range check in the type `ty`; `None`, with the reason recorded, when a bound
    /// cannot be turned into a threshold.
    fn range(&mut self, range: &Range, ty: &RustType, carrier: Carrier<'_>) -> Option<RangeCheck> {
        range_check(range, ty).unwrap_or_else(|reason| {
            let sentence = format!("The `@range` is not enforced by `validate()`: {}", docs::inline_text(&reason));
            self.leave_out(sentence, carrier.warning(&reason));
            None
        })
    }

    /// Records a constraint left out; the member's docs say each sentence once (a map's key
    /// and value may share a pattern).
    fn leave_out(&mut self, sentence: String, warning: Diagnostic) {
        if !self.left_out.contains(&sentence) {
            self.left_out.push(sentence);
        }
        self.warnings.push(warning);
    }

    /// Whether values of this type are `Hash + Eq` (no structure or union inside).
    fn hashable(&self, ty: &RustType) -> bool {
        match ty {
            RustType::F32 | RustType::F64 | RustType::Document => false,
            RustType::Named(name) => self
                .type_names
                .iter()
                .find(|(_, n)| *n == name)
                .and_then(|(id, _)| self.model.shape(id))
                .is_some_and(is_enum),
            RustType::List(inner) | RustType::Option(inner) | RustType::Box(inner) => self.hashable(inner),
            RustType::Map(key, value) => self.hashable(key) && self.hashable(value),
            _ => true,
        }
    }
}

fn is_enum(shape: &Shape) -> bool {
    matches!(shape.kind, ShapeKind::Enum(_) | ShapeKind::IntEnum(_))
        || (matches!(shape.kind, ShapeKind::String) && shape.traits.legacy_enum.is_some())
}

/// Strings and string enums (whose values are text too).
fn is_text(ty: &RustType, target: &Shape) -> bool {
    match ty {
        RustType::String => true,
        RustType::Named(_) => matches!(target.kind, ShapeKind::Enum(_) | ShapeKind::String),
        _ => false,
    }
}

/// `[abc, def]`: the values of an enum, leaving out internal ones (`@internal`, or the
/// legacy `internal` tag), as Smithy's messages do.
fn enum_value_list(shape: &Shape) -> String {
    let values: Vec<String> = match (&shape.kind, &shape.traits.legacy_enum) {
        (ShapeKind::Enum(members) | ShapeKind::IntEnum(members), _) => members
            .values()
            .filter(|m| !m.traits.has("smithy.api#internal"))
            .map(|m| match &m.traits.enum_value {
                Some(EnumValue::String(s)) => s.clone(),
                Some(EnumValue::Int(i)) => i.to_string(),
                None => m.name.clone(),
            })
            .collect(),
        (_, Some(definitions)) => definitions.iter().filter(|d| !d.internal).map(|d| d.value.clone()).collect(),
        _ => Vec::new(),
    };
    format!("[{}]", values.join(", "))
}

/// The range check of a numeric type; `None` for types a range does not apply to.
fn range_check(range: &Range, ty: &RustType) -> Result<Option<RangeCheck>, String> {
    let rule = match (&range.min, &range.max) {
        (Some(min), Some(max)) => format!("between {min} and {max}, inclusive"),
        (Some(min), None) => format!("greater than or equal to {min}"),
        (None, Some(max)) => format!("less than or equal to {max}"),
        (None, None) => return Ok(None),
    };
    let bounds = match ty {
        RustType::I8 => integer_bounds(range, i64::from(i8::MIN), i64::from(i8::MAX))?,
        RustType::I16 => integer_bounds(range, i64::from(i16::MIN), i64::from(i16::MAX))?,
        RustType::I32 => integer_bounds(range, i64::from(i32::MIN), i64::from(i32::MAX))?,
        RustType::I64 => integer_bounds(range, i64::MIN, i64::MAX)?,
        RustType::F32 => RangeBounds::Float {
            min: range.min.as_deref().map(|b| float_threshold::<f32>(b, true)).transpose()?,
            max: range.max.as_deref().map(|b| float_threshold::<f32>(b, false)).transpose()?,
        },
        RustType::F64 => RangeBounds::Float {
            min: range.min.as_deref().map(|b| float_threshold::<f64>(b, true)).transpose()?,
            max: range.max.as_deref().map(|b| float_threshold::<f64>(b, false)).transpose()?,
        },
        RustType::BigInteger | RustType::BigDecimal => {
            for bound in range.min.iter().chain(&range.max) {
                check_decimal(bound)?;
            }
            RangeBounds::Decimal { min: range.min.clone(), max: range.max.clone() }
        }
        _ => return Ok(None),
    };
    if bounds == (RangeBounds::Integer { min: None, max: None, always_fails: false }) {
        // The range admits every value of the type (fms.json `IntegerObject` spans all of
        // `i32`): there is nothing to check, and an empty check would leave unused bindings.
        return Ok(None);
    }
    Ok(Some(RangeCheck { rule, bounds }))
}

fn check_decimal(text: &str) -> Result<(), String> {
    runtime::compare_decimals(text, "0").map(|_| ()).ok_or_else(|| format!("range bound `{text}` is not a decimal number"))
}

/// Integer thresholds: `min` rounded up, `max` rounded down, each dropped when every value
/// of the type satisfies it.
fn integer_bounds(range: &Range, type_min: i64, type_max: i64) -> Result<RangeBounds, String> {
    let (mut min, mut max, mut always_fails) = (None, None, false);
    if let Some(bound) = &range.min {
        check_decimal(bound)?;
        match first_integer_at_least(bound, type_min, type_max) {
            Some(n) if n > type_min => min = Some(n),
            Some(_) => {}
            None => always_fails = true,
        }
    }
    if let Some(bound) = &range.max {
        check_decimal(bound)?;
        match last_integer_at_most(bound, type_min, type_max) {
            Some(n) if n < type_max => max = Some(n),
            Some(_) => {}
            None => always_fails = true,
        }
    }
    if let (Some(low), Some(high)) = (min, max) {
        always_fails |= low > high;
    }
    Ok(RangeBounds::Integer { min, max, always_fails })
}

/// The least integer of `[low, high]` at or above the decimal `bound`, if any.
fn first_integer_at_least(bound: &str, low: i64, high: i64) -> Option<i64> {
    let at_least = |n: i64| runtime::compare_decimals(&n.to_string(), bound).is_some_and(|o| o != Ordering::Less);
    search(low, high, at_least)
}

/// The greatest integer of `[low, high]` at or below the decimal `bound`, if any.
fn last_integer_at_most(bound: &str, low: i64, high: i64) -> Option<i64> {
    let above = |n: i64| runtime::compare_decimals(&n.to_string(), bound).is_some_and(|o| o == Ordering::Greater);
    match search(low, high, above) {
        Some(first_above) if first_above == low => None,
        Some(first_above) => Some(first_above - 1),
        None => Some(high),
    }
}

/// The least `n` in `[low, high]` with `holds(n)`, for a predicate false then true.
fn search(low: i64, high: i64, holds: impl Fn(i64) -> bool) -> Option<i64> {
    if !holds(high) {
        return None;
    }
    // Halving in i128 cannot overflow, whatever the bounds.
    let (mut low, mut high) = (i128::from(low), i128::from(high));
    let holds_wide = |n: i128| i64::try_from(n).is_ok_and(&holds);
    while low < high {
        let mid = low + (high - low) / 2;
        if holds_wide(mid) {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    i64::try_from(low).ok()
}

/// Floating-point types, for thresholds.
trait Float: Copy + PartialOrd + std::fmt::Display + std::str::FromStr {
    fn next_up(self) -> Self;
    fn next_down(self) -> Self;
    fn is_infinite(self) -> bool;
    fn widen(self) -> f64;
    const MIN: Self;
    const MAX: Self;
}

impl Float for f32 {
    fn next_up(self) -> Self {
        f32::next_up(self)
    }
    fn next_down(self) -> Self {
        f32::next_down(self)
    }
    fn is_infinite(self) -> bool {
        f32::is_infinite(self)
    }
    fn widen(self) -> f64 {
        f64::from(self)
    }
    const MIN: Self = f32::MIN;
    const MAX: Self = f32::MAX;
}

impl Float for f64 {
    fn next_up(self) -> Self {
        f64::next_up(self)
    }
    fn next_down(self) -> Self {
        f64::next_down(self)
    }
    fn is_infinite(self) -> bool {
        f64::is_infinite(self)
    }
    fn widen(self) -> f64 {
        self
    }
    const MIN: Self = f64::MIN;
    const MAX: Self = f64::MAX;
}

/// The least (for a minimum) or greatest (for a maximum) value of the type whose shortest
/// decimal form satisfies the bound, widened to `f64` (exactly).
fn float_threshold<F: Float>(bound: &str, minimum: bool) -> Result<f64, String> {
    check_decimal(bound)?;
    let nearest: F = bound.parse().map_err(|_| format!("range bound `{bound}` is not a number"))?;
    if nearest.is_infinite() {
        let positive = nearest > F::MAX;
        return Ok(match (minimum, positive) {
            (true, true) => f64::INFINITY,
            (true, false) => F::MIN.widen(),
            (false, true) => F::MAX.widen(),
            (false, false) => f64::NEG_INFINITY,
        });
    }
    let order = runtime::compare_decimals(&nearest.to_string(), bound).unwrap_or(Ordering::Equal);
    Ok(match (minimum, order) {
        (true, Ordering::Less) => nearest.next_up().widen(),
        (false, Ordering::Greater) => nearest.next_down().widen(),
        _ => nearest.widen(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(min: Option<&str>, max: Option<&str>) -> Range {
        Range { min: min.map(str::to_owned), max: max.map(str::to_owned) }
    }

    #[test]
    fn integer_bounds_round_inwards_and_drop_what_the_type_implies() {
        let bounds = |r, ty| range_check(&r, &ty).unwrap().unwrap().bounds;
        assert_eq!(
            bounds(range(Some("1.5"), Some("8.5")), RustType::I32),
            RangeBounds::Integer { min: Some(2), max: Some(8), always_fails: false }
        );
        // Every `i8` is within: nothing to check (an empty check would not compile cleanly).
        assert!(range_check(&range(Some("-1000"), Some("1000")), &RustType::I8).unwrap().is_none());
        assert_eq!(
            bounds(range(Some("1000"), None), RustType::I8),
            RangeBounds::Integer { min: None, max: None, always_fails: true }
        );
        assert_eq!(
            bounds(range(Some("1e2"), None), RustType::I64),
            RangeBounds::Integer { min: Some(100), max: None, always_fails: false }
        );
    }

    #[test]
    fn float_thresholds_admit_values_written_as_the_bound() {
        assert_eq!(float_threshold::<f32>("8.8", false).unwrap(), f64::from(8.8f32));
        assert_eq!(float_threshold::<f32>("2.2", true).unwrap(), f64::from(2.2f32));
        // 2.2f32 prints as 2.2 but 2.1999999f32 does not reach the bound.
        assert!(f64::from(f32::next_down(2.2f32)) < float_threshold::<f32>("2.2", true).unwrap());
        assert_eq!(float_threshold::<f64>("1e400", true).unwrap(), f64::INFINITY);
    }

    #[test]
    fn a_range_that_cannot_be_checked_is_left_out_with_a_warning() {
        let (model, names) = (Model::default(), BTreeMap::new());
        let mut collector = Collector { model: &model, type_names: &names, left_out: Vec::new(), warnings: Vec::new() };
        let shape = Shape {
            id: ShapeId::parse("ex#Count").unwrap(),
            kind: ShapeKind::Integer,
            traits: Traits::default(),
            source: Some(std::path::Path::new("models/ex.json").into()),
        };
        let check = collector.range(&range(Some("one"), None), &RustType::I32, Carrier { shape: &shape, member: None });
        assert_eq!(check, None);
        let warnings: Vec<String> = collector.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            ["models/ex.json: ex#Count: range bound `one` is not a decimal number; `validate()` does not check it"]
        );
        assert_eq!(collector.left_out, [r"The `@range` is not enforced by `validate()`: range bound \`one\` is not a decimal number"]);
    }

    #[test]
    fn messages_state_the_bounds_as_written() {
        let check = range_check(&range(Some("2.2"), Some("8.8")), &RustType::F32).unwrap().unwrap();
        assert_eq!(check.rule, "between 2.2 and 8.8, inclusive");
        assert!(range_check(&range(Some("1"), None), &RustType::String).unwrap().is_none());
    }
}
