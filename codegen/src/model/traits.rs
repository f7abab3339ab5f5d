//! Traits the generator acts on, typed; every other trait is kept as JSON.

use serde_json::Value;
use std::collections::BTreeMap;

/// Traits as they appear in the JSON AST: absolute trait ID → value.
pub type RawTraits = BTreeMap<String, Value>;

/// The absolute ID of a trait of Smithy's prelude, spelled out at compile time.
macro_rules! api {
    ($name:literal) => {
        concat!("smithy.api#", $name)
    };
}

/// The traits of a shape or member.
///
/// Typed fields cover what code generation reads; `other` keeps every remaining trait
/// unchanged so later stages (and later features) can still see it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Traits {
    /// `documentation`: CommonMark (in AWS models, mostly HTML).
    pub documentation: Option<String>,
    /// `required`.
    pub required: bool,
    /// `clientOptional`: the member stays optional for clients.
    pub client_optional: bool,
    /// `input`: the structure is an operation input.
    pub input: bool,
    /// `output`: the structure is an operation output.
    pub output: bool,
    /// `default`: `Some(Value::Null)` for `@default(null)`.
    pub default: Option<Value>,
    /// `addedDefault`: the default was added after the member was released.
    pub added_default: bool,
    /// `error`: the structure is an error, sent by the client or the server.
    pub error: Option<ErrorFault>,
    /// `httpError`: the status code of an error.
    pub http_error: Option<u16>,
    /// `retryable`.
    pub retryable: bool,
    /// `retryable(throttling: true)`.
    pub throttling: bool,
    /// `sensitive`: values must never be shown.
    pub sensitive: bool,
    /// `sparse`: a list or map whose entries may be null.
    pub sparse: bool,
    /// `uniqueItems`.
    pub unique_items: bool,
    /// `length`.
    pub length: Option<Length>,
    /// `range`.
    pub range: Option<Range>,
    /// `pattern`: an ECMA-262 regular expression.
    pub pattern: Option<String>,
    /// `enumValue` on a member of an enum or intEnum.
    pub enum_value: Option<EnumValue>,
    /// The legacy `enum` trait on a string shape.
    pub legacy_enum: Option<Vec<EnumDefinition>>,
    /// `timestampFormat`.
    pub timestamp_format: Option<TimestampFormat>,
    /// `jsonName`.
    pub json_name: Option<String>,
    /// `mediaType`.
    pub media_type: Option<String>,
    /// `idempotencyToken`.
    pub idempotency_token: bool,
    /// `http` on an operation.
    pub http: Option<Http>,
    /// `httpLabel`.
    pub http_label: bool,
    /// `httpQuery`: the query parameter name.
    pub http_query: Option<String>,
    /// `httpQueryParams`.
    pub http_query_params: bool,
    /// `httpHeader`: the header name.
    pub http_header: Option<String>,
    /// `httpPrefixHeaders`: the header prefix.
    pub http_prefix_headers: Option<String>,
    /// `httpPayload`.
    pub http_payload: bool,
    /// `httpResponseCode`.
    pub http_response_code: bool,
    /// `streaming`.
    pub streaming: bool,
    /// `mixin`: the shape is a mixin; `local_traits` are not inherited.
    pub mixin: Option<Vec<String>>,
    /// `unitType`: the shape is `smithy.api#Unit`.
    pub unit_type: bool,
    /// `deprecated`, with its message when it has one.
    pub deprecated: Option<Option<String>>,
    /// Every trait not typed above, by absolute trait ID.
    pub other: RawTraits,
}

/// Who is at fault for an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorFault {
    /// `@error("client")`.
    Client,
    /// `@error("server")`.
    Server,
}

/// The `length` trait: inclusive bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Length {
    /// Inclusive minimum.
    pub min: Option<u64>,
    /// Inclusive maximum.
    pub max: Option<u64>,
}

/// The `range` trait: inclusive bounds, written as decimals to be compared exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Range {
    /// Inclusive minimum, as the model writes it.
    pub min: Option<String>,
    /// Inclusive maximum, as the model writes it.
    pub max: Option<String>,
}

/// The value of an enum or intEnum member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnumValue {
    /// A string enum value.
    String(String),
    /// An intEnum value.
    Int(i32),
}

/// One entry of the legacy `enum` trait.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumDefinition {
    /// The wire value.
    pub value: String,
    /// The symbolic name, when the model gives one.
    pub name: Option<String>,
    /// Documentation of the value.
    pub documentation: Option<String>,
    /// Whether the value is deprecated.
    pub deprecated: bool,
    /// Whether the value is tagged `internal` (left out of messages listing the values).
    pub internal: bool,
}

/// The `timestampFormat` trait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// RFC 3339 `date-time`.
    DateTime,
    /// RFC 7231 `http-date`.
    HttpDate,
    /// Seconds since the Unix epoch, with an optional fraction.
    EpochSeconds,
}

/// The `http` trait of an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Http {
    /// The HTTP method.
    pub method: String,
    /// The URI pattern, e.g. `/widgets/{id}`.
    pub uri: String,
    /// The success status code.
    pub code: u16,
}

impl Traits {
    /// Types the traits the generator acts on and keeps the rest; a malformed value of a
    /// typed trait is an error naming the trait.
    pub fn from_raw(mut raw: RawTraits) -> Result<Self, String> {
        // Most members carry no trait at all: nothing to look up.
        if raw.is_empty() {
            return Ok(Self::default());
        }
        let retryable = raw.remove(api!("retryable"));
        let throttling = retryable.as_ref().and_then(|v| v.get("throttling")).and_then(Value::as_bool).unwrap_or(false);
        let mut take = |id: &str| raw.remove(id);
        let traits = Traits {
            documentation: take(api!("documentation")).map(|v| string(v, "documentation")).transpose()?,
            required: take(api!("required")).is_some(),
            client_optional: take(api!("clientOptional")).is_some(),
            input: take(api!("input")).is_some(),
            output: take(api!("output")).is_some(),
            default: take(api!("default")),
            added_default: take(api!("addedDefault")).is_some(),
            error: take(api!("error")).map(error_fault).transpose()?,
            http_error: take(api!("httpError")).map(|v| status(v, "httpError")).transpose()?,
            retryable: false,
            throttling: false,
            sensitive: take(api!("sensitive")).is_some(),
            sparse: take(api!("sparse")).is_some(),
            unique_items: take(api!("uniqueItems")).is_some(),
            length: take(api!("length")).map(length).transpose()?,
            range: take(api!("range")).map(range).transpose()?,
            pattern: take(api!("pattern")).map(|v| string(v, "pattern")).transpose()?,
            enum_value: take(api!("enumValue")).map(enum_value).transpose()?,
            legacy_enum: take(api!("enum")).map(legacy_enum).transpose()?,
            timestamp_format: take(api!("timestampFormat")).map(timestamp_format).transpose()?,
            json_name: take(api!("jsonName")).map(|v| string(v, "jsonName")).transpose()?,
            media_type: take(api!("mediaType")).map(|v| string(v, "mediaType")).transpose()?,
            idempotency_token: take(api!("idempotencyToken")).is_some(),
            http: take(api!("http")).map(http).transpose()?,
            http_label: take(api!("httpLabel")).is_some(),
            http_query: take(api!("httpQuery")).map(|v| string(v, "httpQuery")).transpose()?,
            http_query_params: take(api!("httpQueryParams")).is_some(),
            http_header: take(api!("httpHeader")).map(|v| string(v, "httpHeader")).transpose()?,
            http_prefix_headers: take(api!("httpPrefixHeaders"))
                .map(|v| string(v, "httpPrefixHeaders"))
                .transpose()?,
            http_payload: take(api!("httpPayload")).is_some(),
            http_response_code: take(api!("httpResponseCode")).is_some(),
            streaming: take(api!("streaming")).is_some(),
            mixin: take(api!("mixin")).map(mixin).transpose()?,
            unit_type: take(api!("unitType")).is_some(),
            deprecated: take(api!("deprecated")).map(|v| deprecated_message(&v)),
            other: RawTraits::new(),
        };
        Ok(Traits { other: raw, retryable: retryable.is_some(), throttling, ..traits })
    }

    /// Whether the trait with this absolute ID is present among the untyped traits.
    pub fn has(&self, id: &str) -> bool {
        self.other.contains_key(id)
    }
}

fn string(value: Value, trait_name: &str) -> Result<String, String> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(format!("trait `smithy.api#{trait_name}` must be a string, found {other}")),
    }
}

fn object(value: &Value, trait_name: &str) -> Result<(), String> {
    match value {
        Value::Object(_) => Ok(()),
        other => Err(format!("trait `smithy.api#{trait_name}` must be an object, found {other}")),
    }
}

fn error_fault(value: Value) -> Result<ErrorFault, String> {
    match value.as_str() {
        Some("client") => Ok(ErrorFault::Client),
        Some("server") => Ok(ErrorFault::Server),
        _ => Err(format!("trait `smithy.api#error` must be \"client\" or \"server\", found {value}")),
    }
}

fn status(value: Value, trait_name: &str) -> Result<u16, String> {
    value
        .as_u64()
        .and_then(|n| u16::try_from(n).ok())
        .filter(|n| (100..=599).contains(n))
        .ok_or_else(|| format!("trait `smithy.api#{trait_name}` must be an HTTP status code, found {value}"))
}

fn length(value: Value) -> Result<Length, String> {
    object(&value, "length")?;
    let bound = |key: &str| match value.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_u64()
            .map(Some)
            .ok_or_else(|| format!("trait `smithy.api#length` needs a non-negative integer `{key}`, found {v}")),
    };
    let length = Length { min: bound("min")?, max: bound("max")? };
    match length {
        Length { min: Some(min), max: Some(max) } if min > max => {
            Err(format!("trait `smithy.api#length` has min {min} above max {max}"))
        }
        _ => Ok(length),
    }
}

fn range(value: Value) -> Result<Range, String> {
    object(&value, "range")?;
    let bound = |key: &str| match value.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(Some(n)),
        Some(v) => Err(format!("trait `smithy.api#range` needs a number `{key}`, found {v}")),
    };
    let (min, max) = (bound("min")?, bound("max")?);
    if let (Some(min), Some(max)) = (min, max) {
        // No value fits, so every validation of the shape would fail (Smithy RangeTraitValidator).
        if number_above(min, max) {
            return Err(format!("trait `smithy.api#range` has min {min} above max {max}"));
        }
    }
    Ok(Range { min: min.map(ToString::to_string), max: max.map(ToString::to_string) })
}

/// `a > b`, exactly for integers (which may exceed what an `f64` holds), else as `f64`s.
fn number_above(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    match (a.as_i64(), b.as_i64()) {
        (Some(a), Some(b)) => a > b,
        _ => match (a.as_u64(), b.as_u64()) {
            (Some(a), Some(b)) => a > b,
            _ => a.as_f64() > b.as_f64(),
        },
    }
}

fn enum_value(value: Value) -> Result<EnumValue, String> {
    match value {
        Value::String(s) if !s.is_empty() => Ok(EnumValue::String(s)),
        Value::Number(n) => n
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(EnumValue::Int)
            .ok_or_else(|| format!("trait `smithy.api#enumValue` must be a 32-bit integer, found {n}")),
        other => Err(format!("trait `smithy.api#enumValue` must be a non-empty string or an integer, found {other}")),
    }
}

fn legacy_enum(value: Value) -> Result<Vec<EnumDefinition>, String> {
    let Value::Array(entries) = value else {
        return Err("trait `smithy.api#enum` must be a list of enum definitions".to_owned());
    };
    let definitions = entries
        .into_iter()
        .map(|entry| {
            let text = |key: &str| entry.get(key).and_then(Value::as_str).map(str::to_owned);
            let value = text("value")
                .filter(|v| !v.is_empty())
                .ok_or_else(|| format!("trait `smithy.api#enum` has an entry without a non-empty `value`: {entry}"))?;
            Ok(EnumDefinition {
                value,
                name: text("name"),
                documentation: text("documentation"),
                deprecated: entry.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
                internal: entry
                    .get("tags")
                    .and_then(Value::as_array)
                    .is_some_and(|tags| tags.iter().any(|t| t.as_str() == Some("internal"))),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let named = definitions.iter().filter(|d| d.name.is_some()).count();
    if named != 0 && named != definitions.len() {
        return Err("trait `smithy.api#enum` names some values but not all".to_owned());
    }
    Ok(definitions)
}

fn timestamp_format(value: Value) -> Result<TimestampFormat, String> {
    match value.as_str() {
        Some("date-time") => Ok(TimestampFormat::DateTime),
        Some("http-date") => Ok(TimestampFormat::HttpDate),
        Some("epoch-seconds") => Ok(TimestampFormat::EpochSeconds),
        _ => Err(format!("trait `smithy.api#timestampFormat` has an unknown format {value}")),
    }
}

fn http(value: Value) -> Result<Http, String> {
    object(&value, "http")?;
    let text = |key: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| format!("trait `smithy.api#http` needs a string `{key}`"))
    };
    let code = match value.get("code") {
        None => 200,
        Some(code) => status(code.clone(), "http")?,
    };
    Ok(Http { method: text("method")?, uri: text("uri")?, code })
}

fn mixin(value: Value) -> Result<Vec<String>, String> {
    object(&value, "mixin")?;
    match value.get("localTraits") {
        None => Ok(Vec::new()),
        Some(Value::Array(ids)) => ids
            .iter()
            .map(|id| id.as_str().map(str::to_owned).ok_or_else(|| "`localTraits` must list trait IDs".to_owned()))
            .collect(),
        Some(other) => Err(format!("trait `smithy.api#mixin` has a malformed `localTraits`: {other}")),
    }
}

fn deprecated_message(value: &Value) -> Option<String> {
    let message = value.get("message").and_then(Value::as_str);
    let since = value.get("since").and_then(Value::as_str);
    match (message, since) {
        (Some(m), _) => Some(m.to_owned()),
        (None, Some(s)) => Some(format!("Deprecated since {s}.")),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn raw(value: Value) -> RawTraits {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn types_known_traits_and_keeps_the_rest() {
        let traits = Traits::from_raw(raw(json!({
            "smithy.api#required": {},
            "smithy.api#length": {"min": 1, "max": 5},
            "smithy.api#range": {"min": 0.5},
            "smithy.api#http": {"method": "POST", "uri": "/x"},
            "aws.api#service": {"sdkId": "X"}
        })))
        .unwrap();
        assert!(traits.required);
        assert_eq!(traits.length, Some(Length { min: Some(1), max: Some(5) }));
        assert_eq!(traits.range, Some(Range { min: Some("0.5".into()), max: None }));
        assert_eq!(traits.http.unwrap().code, 200);
        assert_eq!(traits.other.keys().collect::<Vec<_>>(), ["aws.api#service"]);
    }

    #[test]
    fn malformed_values_name_the_trait() {
        for (value, needle) in [
            (json!({"smithy.api#length": {"min": -1}}), "smithy.api#length"),
            (json!({"smithy.api#length": {"min": 3, "max": 2}}), "above max"),
            (json!({"smithy.api#range": {"min": 1.5, "max": 1}}), "min 1.5 above max 1"),
            (json!({"smithy.api#range": {"min": 9223372036854775807_i64, "max": -1}}), "above max"),
            (json!({"smithy.api#error": "nobody"}), "smithy.api#error"),
            (json!({"smithy.api#enumValue": ""}), "smithy.api#enumValue"),
            (json!({"smithy.api#httpError": 42}), "smithy.api#httpError"),
            (json!({"smithy.api#timestampFormat": "unix"}), "smithy.api#timestampFormat"),
            (json!({"smithy.api#enum": [{"value": "a", "name": "A"}, {"value": "b"}]}), "names some values"),
            (json!({"smithy.api#documentation": 1}), "smithy.api#documentation"),
        ] {
            let err = Traits::from_raw(raw(value)).unwrap_err();
            assert!(err.contains(needle), "{err} should mention {needle}");
        }
    }
}
