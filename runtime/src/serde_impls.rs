//! `Serialize` and `Deserialize` for the value types (feature `serde`), and the helpers the
//! generated types' serde code calls.
//!
//! The forms, chosen so that every value reads back as itself:
//!
//! - [`Blob`]: its bytes in standard base64 with padding (`"aGVsbG8="`); a format that is
//!   not human-readable gets the bytes themselves.
//! - [`DateTime`]: an RFC 3339 `date-time` in UTC with the nanoseconds, trailing zeros
//!   dropped (`"2024-02-29T12:00:00.5Z"`). Instants outside the years 0001 to 9999, which
//!   RFC 3339 cannot write, are the seconds since the epoch as a decimal string
//!   (`"-62135596801.25"`). Reading also takes any RFC 3339 offset and a JSON number of
//!   seconds since the epoch.
//! - [`Document`]: the JSON value it holds. A non-finite float has no JSON form, so
//!   serializing one fails rather than writing `null`.
//! - [`BigInteger`], [`BigDecimal`]: their decimal text as a string (`"12345678901234567890"`),
//!   since a JSON number of any size would not read back exactly; reading also takes a number.
//! - `f32`/`f64` members of generated types: finite values as numbers, NaN and the
//!   infinities as the strings `"NaN"`, `"Infinity"` and `"-Infinity"`, as Smithy's JSON
//!   protocols write them.

use crate::primitives::{BigDecimal, BigInteger, Blob, DateTime, Document, Number};
use crate::wire::{base64_decode, base64_encode, format_timestamp, parse_timestamp, TimestampFormat};
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Error as _, Serialize, SerializeMap, Serializer};
use std::collections::BTreeMap;
use std::fmt;

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&base64_encode(self.as_bytes()))
        } else {
            serializer.serialize_bytes(self.as_bytes())
        }
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BlobVisitor;
        impl<'de> Visitor<'de> for BlobVisitor {
            type Value = Blob;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a blob: a base64 string")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Blob, E> {
                base64_decode(text).map(Blob::new).map_err(|_| E::custom("a blob must be standard base64 with padding"))
            }
            fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Blob, E> {
                Ok(Blob::new(bytes))
            }
            fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<Blob, E> {
                Ok(Blob::new(bytes))
            }
        }
        if deserializer.is_human_readable() {
            deserializer.deserialize_str(BlobVisitor)
        } else {
            deserializer.deserialize_byte_buf(BlobVisitor)
        }
    }
}

/// `t` as its text: RFC 3339 with every non-zero nanosecond digit, or epoch seconds.
fn timestamp_text(t: DateTime) -> String {
    match format_timestamp(DateTime::from_secs(t.secs()), TimestampFormat::DateTime) {
        Ok(mut text) => {
            // The whole second ends in `Z`; the fraction goes before it.
            text.pop();
            push_nanos(&mut text, t.subsec_nanos());
            text.push('Z');
            text
        }
        Err(_) => {
            // Through i128 so that no instant overflows: -0.25 s is `secs == -1` plus 0.75 s.
            let total = i128::from(t.secs()) * 1_000_000_000 + i128::from(t.subsec_nanos());
            let magnitude = total.unsigned_abs();
            let mut text = if total < 0 { String::from("-") } else { String::new() };
            text.push_str(&(magnitude / 1_000_000_000).to_string());
            push_nanos(&mut text, (magnitude % 1_000_000_000) as u32);
            text
        }
    }
}

/// `.` and the nine-digit fraction `nanos` without trailing zeros; nothing when zero.
fn push_nanos(out: &mut String, nanos: u32) {
    if nanos != 0 {
        let digits = format!("{nanos:09}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
}

/// Epoch seconds as [`timestamp_text`] writes them: `[-]digits[.digits]`, at most nine
/// fraction digits, so that the value is exact.
fn parse_epoch_text(text: &str) -> Option<DateTime> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (unsigned.contains('.') && !digits(fraction)) || fraction.len() > 9 || whole.len() > 20 {
        return None;
    }
    let whole: i128 = whole.parse().ok()?;
    let fraction: i128 = if fraction.is_empty() { 0 } else { format!("{fraction:0<9}").parse().ok()? };
    let magnitude = whole * 1_000_000_000 + fraction;
    let total = if negative { -magnitude } else { magnitude };
    let secs = i64::try_from(total.div_euclid(1_000_000_000)).ok()?;
    Some(DateTime::from_secs_and_nanos(secs, total.rem_euclid(1_000_000_000) as u32))
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&timestamp_text(*self))
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateTimeVisitor;
        impl<'de> Visitor<'de> for DateTimeVisitor {
            type Value = DateTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a timestamp: an RFC 3339 date-time string or seconds since the epoch")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime, E> {
                parse_timestamp(text, TimestampFormat::DateTime)
                    .ok()
                    .or_else(|| parse_epoch_text(text))
                    .ok_or_else(|| E::custom(format!("invalid timestamp `{text}`: expected an RFC 3339 date-time")))
            }
            fn visit_i64<E: de::Error>(self, secs: i64) -> Result<DateTime, E> {
                Ok(DateTime::from_secs(secs))
            }
            fn visit_u64<E: de::Error>(self, secs: u64) -> Result<DateTime, E> {
                i64::try_from(secs).map(DateTime::from_secs).map_err(|_| E::custom("timestamp out of range"))
            }
            fn visit_f64<E: de::Error>(self, secs: f64) -> Result<DateTime, E> {
                // The shortest text of the double, read as exactly as epoch seconds are.
                parse_timestamp(&secs.to_string(), TimestampFormat::EpochSeconds)
                    .map_err(|_| E::custom("timestamp out of range"))
            }
        }
        deserializer.deserialize_any(DateTimeVisitor)
    }
}

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Document::Null => serializer.serialize_unit(),
            Document::Bool(b) => serializer.serialize_bool(*b),
            Document::Number(Number::PosInt(n)) => serializer.serialize_u64(*n),
            Document::Number(Number::NegInt(n)) => serializer.serialize_i64(*n),
            Document::Number(Number::Float(f)) if f.is_finite() => serializer.serialize_f64(*f),
            Document::Number(Number::Float(_)) => {
                Err(S::Error::custom("a document cannot hold NaN or an infinity: JSON has no form for them"))
            }
            Document::String(s) => serializer.serialize_str(s),
            Document::Array(items) => serializer.collect_seq(items),
            Document::Object(entries) => serializer.collect_map(entries),
        }
    }
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DocumentVisitor;
        impl<'de> Visitor<'de> for DocumentVisitor {
            type Value = Document;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a document: any JSON value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Document, E> {
                Ok(Document::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Document, E> {
                Ok(Document::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Document, D::Error> {
                Document::deserialize(deserializer)
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Document, E> {
                Ok(Document::Bool(b))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Document, E> {
                Ok(Document::Number(Number::PosInt(n)))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Document, E> {
                Ok(Document::Number(match u64::try_from(n) {
                    Ok(n) => Number::PosInt(n),
                    Err(_) => Number::NegInt(n),
                }))
            }
            fn visit_f64<E: de::Error>(self, f: f64) -> Result<Document, E> {
                Ok(Document::Number(Number::Float(f)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Document, E> {
                Ok(Document::String(s.to_owned()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Document, E> {
                Ok(Document::String(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Document, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Document::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
                // Duplicate keys keep the last value, as the JSON protocols' reader does.
                let mut entries = BTreeMap::new();
                while let Some((key, value)) = map.next_entry::<String, Document>()? {
                    entries.insert(key, value);
                }
                Ok(Document::Object(entries))
            }
        }
        deserializer.deserialize_any(DocumentVisitor)
    }
}

/// Reads a big number's text from a string or a number, checking it with `FromStr`.
struct BigNumberVisitor<T>(std::marker::PhantomData<T>, &'static str);

impl<T: std::str::FromStr> BigNumberVisitor<T> {
    fn parse<E: de::Error>(&self, text: &str) -> Result<T, E> {
        text.parse().map_err(|_| E::custom(format!("`{text}` is not a valid {}", self.1)))
    }
}

impl<'de, T: std::str::FromStr> Visitor<'de> for BigNumberVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {}: its decimal text as a string", self.1)
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        self.parse(text)
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<T, E> {
        self.parse(&n.to_string())
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<T, E> {
        self.parse(&n.to_string())
    }
    fn visit_f64<E: de::Error>(self, f: f64) -> Result<T, E> {
        // A bigInteger refuses a fraction, as its `FromStr` does; `1e300` is written in full.
        self.parse(&f.to_string())
    }
}

impl Serialize for BigInteger {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for BigInteger {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BigNumberVisitor(std::marker::PhantomData, "bigInteger"))
    }
}

impl Serialize for BigDecimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for BigDecimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BigNumberVisitor(std::marker::PhantomData, "bigDecimal"))
    }
}

/// Values holding floats, in the form Smithy's JSON protocols give them: finite values as
/// numbers, NaN and the infinities as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
/// Generated types name this module in `#[serde(with = "…")]` for members whose type holds
/// a float, at any depth of lists, maps, options and boxes.
pub mod floats {
    use super::*;

    /// A type that holds floats: `f32`, `f64`, and lists, maps, options and boxes of them.
    pub trait Floats: Sized {
        /// Writes the value with floats in their Smithy form.
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
        /// Reads the value with floats in their Smithy form.
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
    }

    /// Serializes `value` with its floats in their Smithy form (`serialize_with`).
    pub fn serialize<T: Floats, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.write(serializer)
    }

    /// Deserializes a value with its floats in their Smithy form (`deserialize_with`).
    pub fn deserialize<'de, T: Floats, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::read(deserializer)
    }

    /// A borrowed value that serializes in the float form.
    pub struct Ser<'a, T>(pub &'a T);

    impl<T: Floats> Serialize for Ser<'_, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.write(serializer)
        }
    }

    /// A value that deserializes from the float form.
    pub struct De<T>(pub T);

    impl<'de, T: Floats> Deserialize<'de> for De<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            T::read(deserializer).map(De)
        }
    }

    fn write_float<S: Serializer>(value: f64, serializer: S) -> Result<S::Ok, S::Error> {
        if value.is_nan() {
            serializer.serialize_str("NaN")
        } else if value == f64::INFINITY {
            serializer.serialize_str("Infinity")
        } else if value == f64::NEG_INFINITY {
            serializer.serialize_str("-Infinity")
        } else {
            serializer.serialize_f64(value)
        }
    }

    struct FloatVisitor;

    impl Visitor<'_> for FloatVisitor {
        type Value = f64;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number, or one of the strings \"NaN\", \"Infinity\", \"-Infinity\"")
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
            Ok(v)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
            match v {
                "NaN" => Ok(f64::NAN),
                "Infinity" => Ok(f64::INFINITY),
                "-Infinity" => Ok(f64::NEG_INFINITY),
                _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
            }
        }
    }

    impl Floats for f64 {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            write_float(*self, serializer)
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(FloatVisitor)
        }
    }

    impl Floats for f32 {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            if self.is_finite() {
                serializer.serialize_f32(*self)
            } else {
                write_float(f64::from(*self), serializer)
            }
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let value = deserializer.deserialize_any(FloatVisitor)?;
            let narrow = value as f32;
            if value.is_finite() && !narrow.is_finite() {
                return Err(de::Error::custom(format!("{value} is out of range for a float")));
            }
            Ok(narrow)
        }
    }

    impl<T: Floats> Floats for Option<T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Some(value) => serializer.serialize_some(&Ser(value)),
                None => serializer.serialize_none(),
            }
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Option::<De<T>>::deserialize(deserializer)?.map(|value| value.0))
        }
    }

    impl<T: Floats> Floats for Box<T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            (**self).write(serializer)
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            T::read(deserializer).map(Box::new)
        }
    }

    impl<T: Floats> Floats for Vec<T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.iter().map(Ser))
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Vec::<De<T>>::deserialize(deserializer)?.into_iter().map(|value| value.0).collect())
        }
    }

    impl<K: Serialize + for<'de> Deserialize<'de> + Ord, V: Floats> Floats for BTreeMap<K, V> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.iter().map(|(key, value)| (key, Ser(value))))
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let map = BTreeMap::<K, De<V>>::deserialize(deserializer)?;
            Ok(map.into_iter().map(|(key, value)| (key, value.0)).collect())
        }
    }
}

/// The value of a union member that targets `smithy.api#Unit`, and of the key an unknown
/// member is written under: an empty object. Reading takes any object and ignores its
/// entries, as a structure ignores members it does not know.
pub struct UnitValue;

impl Serialize for UnitValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_map(Some(0))?.end()
    }
}

impl<'de> Deserialize<'de> for UnitValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct UnitVisitor;
        impl<'de> Visitor<'de> for UnitVisitor {
            type Value = UnitValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an empty object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UnitValue, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(UnitValue)
            }
        }
        deserializer.deserialize_map(UnitVisitor)
    }
}

/// Reads a value that is present even when it is `null`: a builder's document member, for
/// which `null` is `Document::Null` rather than unset (`deserialize_with`, with `default`
/// for a member left out).
pub fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

/// The key a union's `Unknown` variant is written under. `$` starts no Smithy member name,
/// and reading it back, as any key the union does not know, gives `Unknown` again.
pub const UNKNOWN_MEMBER: &str = "$unknown";

/// The error of a union object with more than one member set.
pub fn union_members<E: de::Error>(union: &str) -> E {
    E::custom(format!("the union `{union}` has more than one member set"))
}

/// The error of a union object with no member set.
pub fn union_empty<E: de::Error>(union: &str) -> E {
    E::custom(format!("the union `{union}` has no member set"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_outside_rfc_3339_years_are_epoch_text() {
        let cases = [
            (DateTime::from_secs(-62_135_596_801), "-62135596801"),
            (DateTime::from_secs_and_nanos(-62_135_596_801, 750_000_000), "-62135596800.25"),
            (DateTime::from_secs(253_402_300_800), "253402300800"),
            (DateTime::from_secs(i64::MIN), "-9223372036854775808"),
            (DateTime::from_secs_and_nanos(i64::MAX, 999_999_999), "9223372036854775807.999999999"),
        ];
        for (t, text) in cases {
            assert_eq!(timestamp_text(t), text);
            assert_eq!(parse_epoch_text(text), Some(t), "{text}");
        }
    }

    #[test]
    fn timestamps_keep_every_nanosecond() {
        // 2000-01-02T20:34:56Z is 946845296.
        assert_eq!(timestamp_text(DateTime::from_secs_and_nanos(946_845_296, 1)), "2000-01-02T20:34:56.000000001Z");
        assert_eq!(timestamp_text(DateTime::from_secs_and_nanos(946_845_296, 120_000_000)), "2000-01-02T20:34:56.12Z");
        assert_eq!(timestamp_text(DateTime::from_secs(0)), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn epoch_text_refuses_what_it_cannot_hold_exactly() {
        for text in ["", "-", "1.", ".5", "1.0000000001", "1e3", "+1", "99999999999999999999", "１"] {
            assert_eq!(parse_epoch_text(text), None, "{text}");
        }
    }
}
