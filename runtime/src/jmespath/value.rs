//! The dynamic value of JMESPath and its operators.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use super::Error;
use crate::primitives::Number as DocumentNumber;
use crate::Document;

/// A JSON value as JMESPath sees it, borrowing its strings where it can.
///
/// An object keeps its members in insertion order and its keys unique: build one with
/// [`Value::object`], which keeps the first position and the last value of a repeated key,
/// as JMESPath's multi-select hash and `merge` do. Equality (`==`) is JMESPath's: deep,
/// objects equal whatever the order of their members, numbers compared numerically.
#[derive(Clone, Debug, Default)]
pub enum Value<'a> {
    /// `null`, also the result of any navigation that finds nothing.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number. JMESPath numbers are `f64` here: integers beyond ±2^53 lose precision.
    Number(f64),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object: its members in insertion order, keys unique.
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

/// A comparison operator of JMESPath.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Comparison {
    /// `==`
    Equal,
    /// `!=`
    NotEqual,
    /// `<`
    Less,
    /// `<=`
    LessOrEqual,
    /// `>`
    Greater,
    /// `>=`
    GreaterOrEqual,
}

impl<'a> Value<'a> {
    /// An object of these members; a repeated key keeps its first position and its last
    /// value.
    pub fn object<K: Into<Cow<'a, str>>>(members: impl IntoIterator<Item = (K, Value<'a>)>) -> Value<'a> {
        let mut object = Vec::new();
        for (key, value) in members {
            insert(&mut object, key.into(), value);
        }
        Value::Object(object)
    }

    /// JMESPath truthiness: `false`, `null`, `""`, `[]` and `{}` are false, everything else
    /// (`0` included) true.
    pub fn is_truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(_) => true,
            Value::String(s) => !s.is_empty(),
            Value::Array(items) => !items.is_empty(),
            Value::Object(members) => !members.is_empty(),
        }
    }

    /// The JMESPath name of the value's type: `null`, `boolean`, `number`, `string`,
    /// `array` or `object`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// The member `name` of an object, without copying it; `None` for anything else.
    pub fn get(&self, name: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(members) => members.iter().find(|(key, _)| key == name).map(|(_, value)| value),
            _ => None,
        }
    }

    /// A field expression (`foo`): the member `name` of an object, `null` when the object
    /// has no such member or the value is not an object.
    pub fn field(&self, name: &str) -> Value<'a> {
        self.get(name).cloned().unwrap_or_default()
    }

    /// An index expression (`[i]`): the element at `index`, counted from the end when
    /// negative (`-1` is the last); `null` out of range or when the value is not an array.
    pub fn index(&self, index: i64) -> Value<'a> {
        let Value::Array(items) = self else {
            return Value::Null;
        };
        let position = if index < 0 { index.checked_add(len_i64(items)) } else { Some(index) };
        position.and_then(|p| usize::try_from(p).ok()).and_then(|p| items.get(p)).cloned().unwrap_or_default()
    }

    /// A slice expression (`[start:stop:step]`), with Python's rules: negative bounds count
    /// from the end, bounds beyond the ends are clamped, a negative step walks backwards.
    /// `null` when the value is not an array (whatever the step); a step of 0 is an error.
    pub fn slice(&self, start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> Result<Value<'a>, Error> {
        // The type first, as the reference does: any slice of a non-array is `null`.
        let Value::Array(items) = self else {
            return Ok(Value::Null);
        };
        if step == Some(0) {
            return Err(Error::InvalidValue { operation: "slice", reason: "the step must not be 0" });
        }
        let selected = slice_positions(items.len(), start, stop, step).into_iter().filter_map(|p| items.get(p).cloned());
        Ok(Value::Array(selected.collect()))
    }

    /// The flatten operator (`[]`): an array with the elements of its array elements merged
    /// in one level; other elements, `null` included, are kept as they are. `null` when the
    /// value is not an array.
    pub fn flatten(self) -> Value<'a> {
        let Value::Array(items) = self else {
            return Value::Null;
        };
        let mut merged = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Value::Array(inner) => merged.extend(inner),
                other => merged.push(other),
            }
        }
        Value::Array(merged)
    }

    /// What an object projection (`*`) projects: the values of an object, in order, as an
    /// array. `null` when the value is not an object.
    pub fn values(self) -> Value<'a> {
        match self {
            Value::Object(members) => Value::Array(members.into_iter().map(|(_, value)| value).collect()),
            _ => Value::Null,
        }
    }

    /// A comparator expression. `==` and `!=` are JMESPath equality and always give a
    /// boolean. The ordering operators compare two numbers, or two strings by code point as
    /// the reference implementation does; any other pair gives `null`.
    pub fn compare(&self, op: Comparison, other: &Value<'_>) -> Value<'static> {
        let ordering = match op {
            Comparison::Equal => return Value::Bool(self == other),
            Comparison::NotEqual => return Value::Bool(self != other),
            _ => match (self, other) {
                (Value::Number(a), Value::Number(b)) => a.partial_cmp(b),
                (Value::String(a), Value::String(b)) => Some(a.as_ref().cmp(b.as_ref())),
                _ => return Value::Null,
            },
        };
        // NaN (only `to_number` makes one) is unordered: every ordering is false, as in IEEE.
        let Some(ordering) = ordering else {
            return Value::Bool(false);
        };
        Value::Bool(match op {
            Comparison::Less => ordering == Ordering::Less,
            Comparison::LessOrEqual => ordering != Ordering::Greater,
            Comparison::Greater => ordering == Ordering::Greater,
            Comparison::GreaterOrEqual => ordering != Ordering::Less,
            Comparison::Equal | Comparison::NotEqual => false,
        })
    }

    /// The value of a Smithy document, borrowing its strings. Object members come in the
    /// document's (sorted) key order; integers beyond ±2^53 are rounded to the nearest `f64`.
    pub fn from_document(doc: &'a Document) -> Value<'a> {
        match doc {
            Document::Null => Value::Null,
            Document::Bool(b) => Value::Bool(*b),
            Document::Number(DocumentNumber::PosInt(n)) => Value::Number(*n as f64),
            Document::Number(DocumentNumber::NegInt(n)) => Value::Number(*n as f64),
            Document::Number(DocumentNumber::Float(n)) => Value::Number(*n),
            Document::String(s) => Value::String(Cow::Borrowed(s)),
            Document::Array(items) => Value::Array(items.iter().map(Value::from_document).collect()),
            Document::Object(members) => Value::Object(
                members.iter().map(|(key, value)| (Cow::Borrowed(key.as_str()), Value::from_document(value))).collect(),
            ),
        }
    }

    /// Compact JSON text (no spaces), as `to_string` writes it. Strings are escaped as RFC
    /// 8259 requires (quote, backslash, control characters) and no more; integral numbers
    /// within `i64` have no fraction (`1`, not `1.0`); non-finite numbers are `null`.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write_json(&mut out, self);
        out
    }

    /// A projection over dynamic data (the right side of `[*]`, `[]`, `*` or a filter, after
    /// [`flatten`](Value::flatten) or [`values`](Value::values) where they apply): `f` on each
    /// element of an array, `null` results dropped. `null` when the value is not an array.
    pub fn project(self, mut f: impl FnMut(Value<'a>) -> Result<Value<'a>, Error>) -> Result<Value<'a>, Error> {
        let Value::Array(items) = self else {
            return Ok(Value::Null);
        };
        let mut projected = Vec::with_capacity(items.len());
        for item in items {
            let result = f(item)?;
            if !matches!(result, Value::Null) {
                projected.push(result);
            }
        }
        Ok(Value::Array(projected))
    }

    /// A not expression (`!expr`): the negation of the value's truthiness.
    pub fn not(&self) -> Value<'static> {
        Value::Bool(!self.is_truthy())
    }

    /// The value, or `None` for null: compiled expressions hold a value that may be null as
    /// an `Option`.
    pub fn non_null(self) -> Option<Value<'a>> {
        match self {
            Value::Null => None,
            other => Some(other),
        }
    }

    /// The text of a string; `None` for anything else.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number; `None` for anything else.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The boolean; `None` for anything else.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The elements of an array; `None` for anything else.
    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The same value, owning all its strings.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(b),
            Value::Number(n) => Value::Number(n),
            Value::String(s) => Value::String(Cow::Owned(s.into_owned())),
            Value::Array(items) => Value::Array(items.into_iter().map(Value::into_owned).collect()),
            Value::Object(members) => Value::Object(
                members.into_iter().map(|(key, value)| (Cow::Owned(key.into_owned()), value.into_owned())).collect(),
            ),
        }
    }
}

/// Sets `key` in an object's members: in place when present (so a key keeps its first
/// position, as in a Python dict), at the end otherwise.
pub(super) fn insert<'a>(members: &mut Vec<(Cow<'a, str>, Value<'a>)>, key: Cow<'a, str>, value: Value<'a>) {
    match members.iter_mut().find(|(existing, _)| *existing == key) {
        Some((_, slot)) => *slot = value,
        None => members.push((key, value)),
    }
}

/// A length as `i64`: slices and negative indices compute in signed positions.
fn len_i64<T>(items: &[T]) -> i64 {
    i64::try_from(items.len()).unwrap_or(i64::MAX)
}

fn write_json(out: &mut String, value: &Value<'_>) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, *n),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, item);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_json(out, item);
            }
            out.push('}');
        }
    }
}

/// 2^63, the first `f64` above `i64::MAX`.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

fn write_number(out: &mut String, n: f64) {
    if !n.is_finite() {
        out.push_str("null");
    } else if n.fract() == 0.0 && (-TWO_POW_63..TWO_POW_63).contains(&n) {
        // In range, so the conversion is exact.
        out.push_str(&(n as i64).to_string());
    } else {
        // Debug is the shortest text that reads back as the same f64, with an exponent for
        // very large or small magnitudes (`1e21`, `1e-7`): valid JSON either way.
        out.push_str(&format!("{n:?}"));
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

impl fmt::Display for Value<'_> {
    /// The compact JSON text of [`Value::to_json`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}

impl<'b> PartialEq<Value<'b>> for Value<'_> {
    fn eq(&self, other: &Value<'b>) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::String(a), Value::String(b)) => a.as_ref() == b.as_ref(),
            (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y),
            // Keys are unique, so equal sizes and every member found equal is equality.
            (Value::Object(a), Value::Object(b)) => {
                a.len() == b.len()
                    && a.iter().all(|(key, x)| {
                        b.iter().find(|(other, _)| other.as_ref() == key.as_ref()).is_some_and(|(_, y)| x == y)
                    })
            }
            _ => false,
        }
    }
}

impl From<bool> for Value<'_> {
    fn from(value: bool) -> Self {
        Value::Bool(value)
    }
}

impl From<f64> for Value<'_> {
    fn from(value: f64) -> Self {
        Value::Number(value)
    }
}

impl From<f32> for Value<'_> {
    fn from(value: f32) -> Self {
        Value::Number(f64::from(value))
    }
}

/// Integers convert exactly up to ±2^53, and round to the nearest `f64` beyond.
macro_rules! from_integer {
    ($($t:ty),*) => {$(
        impl From<$t> for Value<'_> {
            fn from(value: $t) -> Self {
                Value::Number(value as f64)
            }
        }
    )*};
}
from_integer!(i8, i16, i32, i64, u8, u16, u32, u64, isize, usize);

impl<'a> From<&'a str> for Value<'a> {
    fn from(value: &'a str) -> Self {
        Value::String(Cow::Borrowed(value))
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(value: &'a String) -> Self {
        Value::String(Cow::Borrowed(value))
    }
}

impl From<String> for Value<'_> {
    fn from(value: String) -> Self {
        Value::String(Cow::Owned(value))
    }
}

impl<'a> From<Cow<'a, str>> for Value<'a> {
    fn from(value: Cow<'a, str>) -> Self {
        Value::String(value)
    }
}

impl<'a> From<&'a Document> for Value<'a> {
    fn from(value: &'a Document) -> Self {
        Value::from_document(value)
    }
}

impl<'a, T: Into<Value<'a>>> From<Option<T>> for Value<'a> {
    /// `None` is `null`.
    fn from(value: Option<T>) -> Self {
        value.map_or(Value::Null, Into::into)
    }
}

impl<'a, T: Into<Value<'a>>> From<Vec<T>> for Value<'a> {
    fn from(value: Vec<T>) -> Self {
        Value::Array(value.into_iter().map(Into::into).collect())
    }
}

impl<'a> FromIterator<Value<'a>> for Value<'a> {
    /// An array of the values.
    fn from_iter<I: IntoIterator<Item = Value<'a>>>(iter: I) -> Self {
        Value::Array(iter.into_iter().collect())
    }
}

/// The positions a slice (`[start:stop:step]`) of an array of `len` elements selects, in
/// order, with Python's rules: negative bounds count from the end, bounds beyond the ends
/// are clamped, a negative step walks backwards. A step of 0 selects nothing (the caller
/// reports it). Compiled expressions slice typed lists with it.
pub fn slice_positions(len: usize, start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> Vec<usize> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Vec::new();
    }
    let len = i64::try_from(len).unwrap_or(i64::MAX);
    // Resolves a bound: from the end when negative, then clamped to the positions the walk
    // may start from or stop at (-1 is "before the first" when walking backwards).
    let bound = |value: Option<i64>, default: i64| -> i64 {
        let Some(value) = value else {
            return default;
        };
        let value = if value < 0 { value.saturating_add(len) } else { value };
        if step > 0 {
            value.clamp(0, len)
        } else {
            value.clamp(-1, len - 1)
        }
    };
    let (start, stop) = if step > 0 { (bound(start, 0), bound(stop, len)) } else { (bound(start, len - 1), bound(stop, -1)) };
    let mut positions = Vec::new();
    let mut position = start;
    while (step > 0 && position < stop) || (step < 0 && position > stop) {
        if let Ok(p) = usize::try_from(position) {
            positions.push(p);
        }
        match position.checked_add(step) {
            Some(next) => position = next,
            None => break,
        }
    }
    positions
}
