//! Test support: builds generated values from Smithy node values, the JSON form of the
//! `params` of `smithy.test` protocol tests.
//!
//! The generator emits this module (and a [`FromParams`] implementation for every generated
//! type) only when asked to, for test crates: it needs `serde_json`, which generated crates
//! otherwise do not depend on.
//!
//! How each Smithy type is written:
//!
//! | Smithy type | JSON |
//! |---|---|
//! | structure | object keyed by member name; `null` is the same as absent |
//! | union | object with exactly one member (`{}` for a `Unit` member) |
//! | list, set | array; `null` items only where the list is `@sparse` |
//! | map | object; `null` values only where the map is `@sparse` |
//! | boolean, string | boolean, string |
//! | byte, short, integer, long | integer in range |
//! | float, double | number, or the strings `"NaN"`, `"Infinity"`, `"-Infinity"` |
//! | bigInteger, bigDecimal | number or numeric string |
//! | timestamp | epoch seconds, possibly fractional, or an RFC 3339 date-time string |
//! | blob | string, taken as its UTF-8 bytes |
//! | document | any JSON |
//! | enum | its string value; a value the model does not list becomes `Unknown` |
//! | intEnum | its integer value; likewise |
//!
//! Mismatches are errors naming the JSON Pointer of the offending value, never panics.

use crate::primitives::{BigDecimal, BigInteger, Blob, DateTime, Document, Number};
/// A Smithy params value: any JSON.
pub use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// A value that can be built from Smithy params JSON.
pub trait FromParams: Sized {
    /// Builds the value, or says which part of the JSON does not fit.
    fn from_params(value: &Value) -> Result<Self, ParamsError>;
}

/// JSON that does not describe a value of the expected type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamsError {
    path: String,
    message: String,
}

impl ParamsError {
    /// An error at the value being converted.
    pub fn new(message: impl Into<String>) -> Self {
        Self { path: String::new(), message: message.into() }
    }

    /// The same error, seen from the object or array holding it under `segment`.
    pub fn within(mut self, segment: &str) -> Self {
        let mut path = String::from("/");
        crate::validation::escape_into(segment, &mut path);
        path.push_str(&self.path);
        self.path = path;
        self
    }

    /// JSON Pointer to the offending value (empty for the top level).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong with it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ParamsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() { "/" } else { &self.path };
        write!(f, "params {path}: {}", self.message)
    }
}

impl std::error::Error for ParamsError {}

/// Converts a JSON value, for callers that name the type to build.
pub fn from_params<T: FromParams>(value: &Value) -> Result<T, ParamsError> {
    T::from_params(value)
}

/// What kind of JSON value this is, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn expected(what: &str, value: &Value) -> ParamsError {
    ParamsError::new(format!("expected {what}, found {}", kind(value)))
}

/// The members of a structure or union given as an object. Generated code calls this.
#[doc(hidden)]
pub fn object<'a>(value: &'a Value, type_name: &str) -> Result<&'a serde_json::Map<String, Value>, ParamsError> {
    value.as_object().ok_or_else(|| expected(&format!("an object for `{type_name}`"), value))
}

/// One structure member: absent when `null`. Generated code calls this.
#[doc(hidden)]
pub fn member<T: FromParams>(value: &Value, name: &str) -> Result<Option<T>, ParamsError> {
    if value.is_null() {
        return Ok(None);
    }
    T::from_params(value).map(Some).map_err(|e| e.within(name))
}

/// The value of a union member. Generated code calls this.
#[doc(hidden)]
pub fn variant<T: FromParams>(value: &Value, name: &str) -> Result<T, ParamsError> {
    T::from_params(value).map_err(|e| e.within(name))
}

/// The single member of a union's object. Generated code calls this.
#[doc(hidden)]
pub fn single_member<'a>(value: &'a Value, type_name: &str) -> Result<(&'a str, &'a Value), ParamsError> {
    let object = object(value, type_name)?;
    let mut members = object.iter();
    match (members.next(), members.next()) {
        (Some((name, value)), None) => Ok((name, value)),
        _ => Err(ParamsError::new(format!("a `{type_name}` union needs exactly one member, found {}", object.len()))),
    }
}

/// The member value of a union member targeting `Unit`: `{}` (or `null`). Generated code
/// calls this.
#[doc(hidden)]
pub fn unit(value: &Value, name: &str) -> Result<(), ParamsError> {
    match value {
        Value::Null => Ok(()),
        Value::Object(o) if o.is_empty() => Ok(()),
        other => Err(expected("an empty object for a unit member", other).within(name)),
    }
}

/// A key that is not a member of the type. Generated code calls this.
#[doc(hidden)]
pub fn unknown_member(type_name: &str, name: &str) -> ParamsError {
    ParamsError::new(format!("`{type_name}` has no member `{name}`"))
}

/// A builder refused to build (required members absent). Generated code calls this.
#[doc(hidden)]
pub fn build_error(error: crate::primitives::BuildError) -> ParamsError {
    ParamsError::new(error.to_string())
}

/// The string of an enum value. Generated code calls this.
#[doc(hidden)]
pub fn enum_string<'a>(value: &'a Value, type_name: &str) -> Result<&'a str, ParamsError> {
    value.as_str().ok_or_else(|| expected(&format!("a string value of `{type_name}`"), value))
}

/// The integer of an intEnum value. Generated code calls this.
#[doc(hidden)]
pub fn enum_int(value: &Value, type_name: &str) -> Result<i32, ParamsError> {
    i32::from_params(value).map_err(|e| ParamsError::new(format!("`{type_name}`: {}", e.message())))
}

impl FromParams for bool {
    fn from_params(value: &Value) -> Result<Self, ParamsError> {
        value.as_bool().ok_or_else(|| expected("a boolean", value))
    }
}

impl FromParams for String {
    fn from_params(value: &Value) -> Result<Self, ParamsError> {
        value.as_str().map(str::to_owned).ok_or_else(|| expected("a string", value))
    }
}

/// Integers: whole JSON numbers in the range of the type.
macro_rules! integer_from_params {
    ($($ty:ty),*) => {$(
        impl FromParams for $ty {
            fn from_params(value: &Value) -> Result<Self, ParamsError> {
                let whole = value.as_i64().ok_or_else(|| expected(concat!("an integer (", stringify!($ty), ")"), value))?;
                <$ty>::try_from(whole)
                    .map_err(|_| ParamsError::new(format!("{whole} is out of range for {}", stringify!($ty))))
            }
        }
    )*};
}

integer_from_params!(i8, i16, i32, i64);

/// A JSON number, or one of the strings Smithy uses for the non-finite values.
fn float(value: &Value) -> Result<f64, ParamsError> {
    match value {
        Value::Number(n) => n.as_f64().ok_or_else(|| expected("a float", value)),
        Value::String(s) => crate::wire::special_float(s).ok_or_else(|| {
            ParamsError::new(format!("expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", found \"{s}\""))
        }),
        other => Err(expected("a float", other)),
    }
}

impl FromParams for f64 {
    fn from_params(value: &Value) -> Result<Self, ParamsError> {
        float(value)
    }
}

impl FromParams for f32 {
    fn from_params(value: &Value) -> Result<Self, ParamsError> {
        // Narrowing is what a `float` member means; params write them as decimal numbers.
        float(value).map(|f| f as f32)
    }
}

/// The text of a number given as a JSON number or string.
fn number_text(value: &Value) -> Result<String, ParamsError> {
    match value {
        Value::Number(n) => Ok(n.to_string()),
        Value::String(s) => Ok(s.clone()),
        other => Err(expected("a number or numeric string", other)),
    }
}

impl FromParams for BigInteger {
    fn from_params(value: &Value) -> Result<Self, ParamsError> {
        let text = number_text(value)?;
        text.parse().map_err(|e| ParamsError::new(format!("\"{text}\": {e}")))
    }
}

impl FromParams for BigDecimal {
    fn from_params(value: &Value) -> Result<Self, ParamsError> {
        let text = number_text(value)?;
        text.parse().map_err(|e| ParamsError::new(format!("\"{text}\": {e}")))
    }
}

impl FromParams for Blob {
    fn from_params(value: &Value) -> Result<Self, ParamsError> {
        value.as_str().map(|s| Blob::new(s.as_bytes())).ok_or_else(|| expected("a string (blob bytes)", value))
    }
}

impl FromParams for crate::ByteStream {
    /// A string, taken as its UTF-8 bytes, as for a blob.
    fn from_params(value: &Value) -> Result<Self, ParamsError> {
        value.as_str().map(|s| Self::from(s.to_owned())).ok_or_else(|| expected("a string (blob bytes)", value))
    }
}

impl FromParams for DateTime {
    /// Epoch seconds (a JSON number, exact to the nanosecond) or an RFC 3339 date-time string,
    /// read by the same code that reads them off the wire.
    fn from_params(value: &Value) -> Result<Self, ParamsError> {
        let (text, format) = match value {
            Value::Number(n) => (n.to_string(), crate::wire::TimestampFormat::EpochSeconds),
            Value::String(s) => (s.clone(), crate::wire::TimestampFormat::DateTime),
            other => return Err(expected("epoch seconds or an RFC 3339 date-time", other)),
        };
        crate::wire::parse_timestamp(&text, format).map_err(|e| ParamsError::new(format!("{text}: {e}")))
    }
}

impl FromParams for Document {
    fn from_params(value: &Value) -> Result<Self, ParamsError> {
        Ok(match value {
            Value::Null => Document::Null,
            Value::Bool(b) => Document::Bool(*b),
            Value::Number(n) => Document::Number(if let Some(u) = n.as_u64() {
                Number::PosInt(u)
            } else if let Some(i) = n.as_i64() {
                Number::NegInt(i)
            } else {
                Number::Float(n.as_f64().ok_or_else(|| expected("a finite number", value))?)
            }),
            Value::String(s) => Document::String(s.clone()),
            Value::Array(items) => Document::Array(items.iter().map(Document::from_params).collect::<Result<_, _>>()?),
            Value::Object(entries) => Document::Object(
                entries.iter().map(|(k, v)| Ok((k.clone(), Document::from_params(v)?))).collect::<Result<_, ParamsError>>()?,
            ),
        })
    }
}

/// The entries of a `@sparse` collection: `null` is `None`.
impl<T: FromParams> FromParams for Option<T> {
    fn from_params(value: &Value) -> Result<Self, ParamsError> {
        if value.is_null() { Ok(None) } else { T::from_params(value).map(Some) }
    }
}

impl<T: FromParams> FromParams for Box<T> {
    fn from_params(value: &Value) -> Result<Self, ParamsError> {
        T::from_params(value).map(Box::new)
    }
}

impl<T: FromParams> FromParams for Vec<T> {
    fn from_params(value: &Value) -> Result<Self, ParamsError> {
        let items = value.as_array().ok_or_else(|| expected("an array", value))?;
        items.iter().enumerate().map(|(i, item)| T::from_params(item).map_err(|e| e.within(&i.to_string()))).collect()
    }
}

/// Maps: keys are strings (or string enums built from them).
impl<K: FromParams + Ord, V: FromParams> FromParams for BTreeMap<K, V> {
    fn from_params(value: &Value) -> Result<Self, ParamsError> {
        let entries = value.as_object().ok_or_else(|| expected("an object (map)", value))?;
        entries
            .iter()
            .map(|(key, entry)| {
                let parsed_key = K::from_params(&Value::String(key.clone())).map_err(|e| e.within(key))?;
                let parsed_value = V::from_params(entry).map_err(|e| e.within(key))?;
                Ok((parsed_key, parsed_value))
            })
            .collect()
    }
}
/// A `Unit` shape (an operation without input or output): `{}`.
impl FromParams for () {
    fn from_params(value: &Value) -> Result<Self, ParamsError> {
        match value.as_object() {
            Some(o) if o.is_empty() => Ok(()),
            _ => Err(ParamsError::new("expected `{}` for a Unit shape")),
        }
    }
}
