//! The forms of the `serde` feature, one example of each kind, on the `shapes` golden: keys
//! are the model's member names, enums their wire values (unknown ones as received), unions
//! one-key objects, and timestamps, blobs, documents and big numbers the forms the runtime
//! documents. Expected texts are written from those rules, not from the code's output.

use codegen_tests::goldens::shapes::shapes_service::{
    Action, Collections, Color, Credentials, GetEverythingOutput, InvalidInputError, Priority, Scalars,
};
use serde_json::{from_str, from_value, json, to_value, Value};
use smithy_runtime::{BigDecimal, BigInteger, Blob, DateTime, Document, Number};
use std::collections::BTreeMap;

/// Writes `value`, checks the JSON, and reads it back to the same value.
fn written_as<T>(value: &T, expected: Value)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    assert_eq!(to_value(value).expect("writes"), expected);
    assert_eq!(&from_value::<T>(expected).expect("reads"), value);
}

#[test]
fn structures_use_member_names_and_leave_unset_members_out() {
    let scalars = Scalars::builder().any_integer(7).exact_count(3).string("s").boolean(false).build();
    written_as(&scalars, json!({"anyInteger": 7, "exactCount": 3, "string": "s", "boolean": false}));
    // Unknown members are ignored, as on the wire; `null` is unset.
    let read: Scalars = from_str(
        r#"{"anyInteger": 7, "exactCount": 3, "string": "s", "boolean": false,
        "short": null, "someNewMember": [1]}"#,
    )
    .unwrap();
    assert_eq!(read, scalars);
    // Types are checked: a string is not an integer.
    let error = from_str::<Scalars>(r#"{"anyInteger": "7"}"#).unwrap_err().to_string();
    assert!(error.contains("invalid type: string \"7\", expected i32"), "{error}");
}

#[test]
fn a_missing_required_member_is_named() {
    written_as(&InvalidInputError::builder().message("bad").build().unwrap(), json!({"message": "bad"}));
    let error = from_str::<InvalidInputError>(r#"{"fieldName": "x"}"#).unwrap_err().to_string();
    assert!(error.contains("InvalidInputError") && error.contains("message"), "{error}");
}

#[test]
fn enums_are_their_wire_values_and_unknown_ones_are_kept() {
    written_as(&Color::DarkBlue, json!("dark-blue"));
    written_as(&Color::Red, json!("RED"));
    let purple: Color = from_str(r#""purple""#).unwrap();
    assert_eq!(purple, Color::from("purple"));
    assert!(matches!(&purple, Color::Unknown(value) if value.as_str() == "purple"));
    written_as(&purple, json!("purple"));
    // intEnums are integers.
    written_as(&Priority::Negative, json!(-1));
    written_as(&Priority::High, json!(10));
    written_as(&Priority::Unknown(7), json!(7));
    assert!(from_str::<Priority>(r#""10""#).is_err(), "an intEnum is not a string");
    // As map keys too.
    let collections =
        Collections::builder().color_map(BTreeMap::from([(Color::Green, 1), (Color::from("x"), 2)])).build();
    written_as(&collections, json!({"colorMap": {"GREEN": 1, "x": 2}}));
}

#[test]
fn unions_are_one_key_objects() {
    written_as(&Action::Say("hi".to_owned()), json!({"say": "hi"}));
    written_as(&Action::Wait(5), json!({"wait": 5}));
    // A unit member's value is an empty object.
    written_as(&Action::Stop, json!({"stop": {}}));
    // A member this crate does not know reads as `Unknown`, written under `$unknown`.
    assert_eq!(from_str::<Action>(r#"{"jump": {"height": 2}}"#).unwrap(), Action::Unknown);
    written_as(&Action::Unknown, json!({"$unknown": {}}));
    // A null member is unset.
    assert_eq!(from_str::<Action>(r#"{"say": null, "wait": 1}"#).unwrap(), Action::Wait(1));
    let two = from_str::<Action>(r#"{"say": "a", "wait": 1}"#).unwrap_err().to_string();
    assert!(two.contains("more than one member"), "{two}");
    let none = from_str::<Action>("{}").unwrap_err().to_string();
    assert!(none.contains("no member"), "{none}");
}

#[test]
fn timestamps_are_rfc_3339_with_nanoseconds() {
    // 2000-01-02T20:34:56Z is 946845296 seconds after the epoch.
    let t = |secs, nanos| Scalars::builder().timestamp(DateTime::from_secs_and_nanos(secs, nanos)).build();
    written_as(&t(946_845_296, 0), json!({"timestamp": "2000-01-02T20:34:56Z"}));
    written_as(&t(946_845_296, 123_000_000), json!({"timestamp": "2000-01-02T20:34:56.123Z"}));
    written_as(&t(946_845_296, 1), json!({"timestamp": "2000-01-02T20:34:56.000000001Z"}));
    // Before the year 0001 (`0001-01-01T00:00:00Z` is -62135596800): epoch seconds as text.
    written_as(&t(-62_135_596_801, 500_000_000), json!({"timestamp": "-62135596800.5"}));
    // Reading takes an offset, and a number of epoch seconds.
    let offset: Scalars = from_str(r#"{"timestamp": "2000-01-02T21:34:56+01:00"}"#).unwrap();
    assert_eq!(offset, t(946_845_296, 0));
    let number: Scalars = from_str(r#"{"timestamp": 946845296.5}"#).unwrap();
    assert_eq!(number, t(946_845_296, 500_000_000));
    assert!(from_str::<Scalars>(r#"{"timestamp": "yesterday"}"#).is_err());
}

#[test]
fn blobs_are_base64() {
    written_as(&Scalars::builder().blob(Blob::new(*b"hello")).build(), json!({"blob": "aGVsbG8="}));
    written_as(&Scalars::builder().blob(Blob::new(Vec::new())).build(), json!({"blob": ""}));
    assert!(from_str::<Scalars>(r#"{"blob": "aGVsbG8"}"#).is_err(), "padding is required");
}

#[test]
fn documents_are_the_json_they_hold() {
    let document = Document::Object(BTreeMap::from([(
        "a".to_owned(),
        Document::Array(vec![
            Document::Number(Number::PosInt(1)),
            Document::Number(Number::NegInt(-2)),
            Document::Number(Number::Float(1.5)),
            Document::Null,
            Document::Bool(true),
            Document::String("x".to_owned()),
        ]),
    )]));
    written_as(
        &Scalars::builder().document(document).build(),
        json!({"document": {"a": [1, -2, 1.5, null, true, "x"]}}),
    );
    // A null document is a document, not an unset member.
    written_as(&Scalars::builder().document(Document::Null).build(), json!({"document": null}));
    // JSON has no NaN: writing one fails rather than losing it.
    let nan = Scalars::builder().document(Document::Number(Number::Float(f64::NAN))).build();
    assert!(to_value(&nan).is_err());
}

#[test]
fn floats_write_non_finite_values_as_smithy_does() {
    written_as(&Scalars::builder().double(1.5).float(-0.25).build(), json!({"double": 1.5, "float": -0.25}));
    written_as(
        &Scalars::builder().double(f64::INFINITY).float(f32::NEG_INFINITY).build(),
        json!({"double": "Infinity", "float": "-Infinity"}),
    );
    let nan: Scalars = from_str(r#"{"double": "NaN"}"#).unwrap();
    assert!(nan.double.is_some_and(f64::is_nan));
    assert_eq!(to_value(&nan).unwrap(), json!({"double": "NaN"}));
}

#[test]
fn big_numbers_are_decimal_strings() {
    let big = Scalars::builder()
        .big_integer("-123456789012345678901234567890".parse::<BigInteger>().unwrap())
        .big_decimal("1.000000000000000000001e-400".parse::<BigDecimal>().unwrap())
        .build();
    written_as(
        &big,
        json!({"bigInteger": "-123456789012345678901234567890", "bigDecimal": "1.000000000000000000001e-400"}),
    );
    // A number is read too, and checked.
    let read: Scalars = from_str(r#"{"bigInteger": 12}"#).unwrap();
    assert_eq!(read.big_integer.unwrap().as_str(), "12");
    assert!(from_str::<Scalars>(r#"{"bigInteger": "1.5"}"#).is_err());
}

#[test]
fn sensitive_values_are_serialized() {
    let credentials = Credentials::builder().username("u").password("hunter2").build();
    assert!(!format!("{credentials:?}").contains("hunter2"), "Debug still hides it");
    written_as(&credentials, json!({"username": "u", "password": "hunter2"}));
    written_as(&GetEverythingOutput::builder().secret(Blob::new(*b"k")).build(), json!({"secret": "aw=="}));
}
