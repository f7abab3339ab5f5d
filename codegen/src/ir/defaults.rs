//! `@default` values, checked against their target and decoded at generation time so the
//! generated code holds plain literals.

use super::RustType;
use serde_json::Value;

/// A default value, ready to be written as a Rust expression of the field's type.
#[derive(Clone, Debug, PartialEq)]
pub enum DefaultValue {
    /// A boolean.
    Bool(bool),
    /// An integer of the field's width.
    Integer(i64),
    /// A float or double.
    Float(f64),
    /// A string.
    String(String),
    /// A bigInteger or bigDecimal, as its decimal text.
    BigNumber(String),
    /// A blob's bytes (decoded from the model's base64).
    Blob(Vec<u8>),
    /// A timestamp.
    Timestamp {
        /// Seconds since the Unix epoch.
        seconds: i64,
        /// Nanoseconds within the second.
        nanos: u32,
    },
    /// An empty list.
    EmptyList,
    /// An empty map.
    EmptyMap,
    /// A document.
    Document(Value),
    /// A variant of a generated enum.
    Variant {
        /// The enum type.
        ty: String,
        /// The variant.
        variant: String,
    },
}

/// Checks a default against the field's Rust type and converts it; enum defaults are looked
/// up by `variant_of` (value → variant name).
pub(super) fn default_value(
    value: &Value,
    ty: &RustType,
    variant_of: impl Fn(&Value) -> Option<String>,
) -> Result<DefaultValue, String> {
    let wrong = || format!("default value {value} does not fit the member's type");
    Ok(match ty {
        RustType::Bool => DefaultValue::Bool(value.as_bool().ok_or_else(wrong)?),
        RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => {
            let n = value.as_i64().ok_or_else(wrong)?;
            let (min, max) = match ty {
                RustType::I8 => (i8::MIN as i64, i8::MAX as i64),
                RustType::I16 => (i16::MIN as i64, i16::MAX as i64),
                RustType::I32 => (i32::MIN as i64, i32::MAX as i64),
                _ => (i64::MIN, i64::MAX),
            };
            if !(min..=max).contains(&n) {
                return Err(wrong());
            }
            DefaultValue::Integer(n)
        }
        RustType::F32 | RustType::F64 => DefaultValue::Float(value.as_f64().ok_or_else(wrong)?),
        RustType::String => DefaultValue::String(value.as_str().ok_or_else(wrong)?.to_owned()),
        RustType::BigInteger | RustType::BigDecimal => match value {
            Value::Number(n) => DefaultValue::BigNumber(n.to_string()),
            _ => return Err(wrong()),
        },
        RustType::Blob | RustType::ByteStream => DefaultValue::Blob(decode_base64(value.as_str().ok_or_else(wrong)?).ok_or_else(wrong)?),
        RustType::DateTime => timestamp(value).ok_or_else(wrong)?,
        RustType::Document => DefaultValue::Document(value.clone()),
        RustType::List(_) if value.as_array().is_some_and(Vec::is_empty) => DefaultValue::EmptyList,
        RustType::Map(..) if value.as_object().is_some_and(serde_json::Map::is_empty) => DefaultValue::EmptyMap,
        RustType::Named(ty) => {
            let variant = variant_of(value).ok_or_else(|| format!("default value {value} is not a value of `{ty}`"))?;
            DefaultValue::Variant { ty: ty.clone(), variant }
        }
        _ => return Err(wrong()),
    })
}

/// A timestamp default: epoch seconds (possibly fractional) or an RFC 3339 date-time.
fn timestamp(value: &Value) -> Option<DefaultValue> {
    match value {
        Value::Number(n) => {
            if let Some(seconds) = n.as_i64() {
                return Some(DefaultValue::Timestamp { seconds, nanos: 0 });
            }
            let f = n.as_f64()?;
            let seconds = f.floor();
            // Millisecond resolution is what Smithy timestamps carry.
            let millis = ((f - seconds) * 1000.0).round() as u32;
            Some(DefaultValue::Timestamp { seconds: seconds as i64, nanos: millis.min(999) * 1_000_000 })
        }
        Value::String(text) => parse_rfc3339(text).map(|(seconds, nanos)| DefaultValue::Timestamp { seconds, nanos }),
        _ => None,
    }
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` into epoch seconds and nanoseconds.
fn parse_rfc3339(text: &str) -> Option<(i64, u32)> {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = text.get(range)?;
        digits.bytes().all(|b| b.is_ascii_digit()).then(|| digits.parse().ok())?
    };
    if bytes.len() < 20 || bytes[4] != b'-' || bytes[7] != b'-' || !matches!(bytes[10], b'T' | b't') {
        return None;
    }
    if bytes[13] != b':' || bytes[16] != b':' {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &text[19..];
    let mut nanos = 0u32;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let padded: String = fraction[..digits].chars().chain(std::iter::repeat('0')).take(9).collect();
        nanos = padded.parse().ok()?;
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            sign * (number_in(rest, 1..3)? * 3600 + number_in(rest, 4..6)? * 60)
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    Some((days * 86_400 + hour * 3600 + minute * 60 + second - offset, nanos))
}

fn number_in(text: &str, range: std::ops::Range<usize>) -> Option<i64> {
    let digits = text.get(range)?;
    digits.bytes().all(|b| b.is_ascii_digit()).then(|| digits.parse().ok())?
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Decodes standard base64 with optional padding; `None` if it is not base64.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text.trim_end_matches('=').bytes().map(sextet).collect::<Option<_>>()?;
    if digits.len() % 4 == 1 || text.len() - digits.len() > 2 {
        return None;
    }
    let mut bytes = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let word = chunk.iter().enumerate().fold(0u32, |w, (i, &d)| w | (u32::from(d) << (18 - 6 * i)));
        let [_, a, b, c] = word.to_be_bytes();
        bytes.extend_from_slice(&[a, b, c][..chunk.len() - 1]);
    }
    Some(bytes)
}

fn sextet(byte: u8) -> Option<u8> {
    match byte {
        b'A'..=b'Z' => Some(byte - b'A'),
        b'a'..=b'z' => Some(byte - b'a' + 26),
        b'0'..=b'9' => Some(byte - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decodes_base64() {
        assert_eq!(decode_base64("").unwrap(), b"");
        assert_eq!(decode_base64("Zg==").unwrap(), b"f");
        assert_eq!(decode_base64("Zm8=").unwrap(), b"fo");
        assert_eq!(decode_base64("Zm9v").unwrap(), b"foo");
        assert_eq!(decode_base64("aGVsbG8gd29ybGQ").unwrap(), b"hello world");
        assert!(decode_base64("Z").is_none());
        assert!(decode_base64("Zm9v!").is_none());
    }

    #[test]
    fn parses_timestamps() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some((0, 0)));
        assert_eq!(parse_rfc3339("2019-12-16T23:48:18Z"), Some((1_576_540_098, 0)));
        assert_eq!(parse_rfc3339("2019-12-16T23:48:18.5+01:00"), Some((1_576_536_498, 500_000_000)));
        assert_eq!(parse_rfc3339("1969-12-31T23:59:59Z"), Some((-1, 0)));
        assert_eq!(parse_rfc3339("2019-13-16T23:48:18Z"), None);
        assert_eq!(parse_rfc3339("yesterday"), None);
        assert_eq!(
            timestamp(&json!(946_845_296.123)),
            Some(DefaultValue::Timestamp { seconds: 946_845_296, nanos: 123_000_000 })
        );
    }

    #[test]
    fn checks_values_against_types() {
        let none = |_: &Value| None;
        assert_eq!(default_value(&json!(5), &RustType::I8, none), Ok(DefaultValue::Integer(5)));
        assert!(default_value(&json!(300), &RustType::I8, none).is_err());
        assert!(default_value(&json!("x"), &RustType::Bool, none).is_err());
        assert!(default_value(&json!([1]), &RustType::List(Box::new(RustType::I32)), none).is_err());
        let variant = |v: &Value| (v == "A").then(|| "A".to_owned());
        assert!(default_value(&json!("B"), &RustType::Named("E".into()), variant).is_err());
    }
}
