//! The test-support conversion from Smithy params JSON (`FromParams`), on generated types of
//! the protocol-test models and of `models/`: every kind of shape, and errors (never panics)
//! for JSON that does not fit.

use smithy_runtime::params::{from_params, FromParams, ParamsError};
use smithy_runtime::{BigDecimal, Blob, DateTime, Document, Number};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn error<T: FromParams + std::fmt::Debug>(value: Value) -> ParamsError {
    match T::from_params(&value) {
        Ok(v) => panic!("{value} converted to {v:?}, expected an error"),
        Err(e) => e,
    }
}

#[test]
fn timestamps_are_epoch_seconds_exact_to_the_nanosecond() {
    assert_eq!(from_params::<DateTime>(&json!(1576540098)), Ok(DateTime::from_secs(1576540098)));
    assert_eq!(from_params::<DateTime>(&json!(1576540098.123)), Ok(DateTime::from_secs_and_nanos(1576540098, 123_000_000)));
    assert_eq!(from_params::<DateTime>(&json!(0.000000001)), Ok(DateTime::from_secs_and_nanos(0, 1)));
    assert_eq!(from_params::<DateTime>(&json!(-1.25)), Ok(DateTime::from_secs_and_nanos(-2, 750_000_000)));
    assert_eq!(from_params::<DateTime>(&json!(-3)), Ok(DateTime::from_secs(-3)));
    assert_eq!(from_params::<DateTime>(&json!("2019-12-16T23:48:18Z")), Ok(DateTime::from_secs(1576540098)));
    assert_eq!(
        from_params::<DateTime>(&json!("2019-12-17T00:48:18.5+01:00")),
        Ok(DateTime::from_secs_and_nanos(1576540098, 500_000_000))
    );
    assert!(from_params::<DateTime>(&json!("yesterday")).is_err());
    assert!(from_params::<DateTime>(&json!("2019-13-16T23:48:18Z")).is_err());
    assert!(from_params::<DateTime>(&json!(true)).is_err());
    assert!(from_params::<DateTime>(&json!(1e300)).is_err());
}

#[test]
fn floats_take_numbers_and_the_non_finite_strings() {
    assert_eq!(from_params::<f64>(&json!(1.5)), Ok(1.5));
    assert_eq!(from_params::<f32>(&json!(1.1)), Ok(1.1f32));
    assert!(from_params::<f64>(&json!("NaN")).is_ok_and(f64::is_nan));
    assert_eq!(from_params::<f64>(&json!("Infinity")), Ok(f64::INFINITY));
    assert_eq!(from_params::<f32>(&json!("-Infinity")), Ok(f32::NEG_INFINITY));
    assert!(error::<f64>(json!("nan")).message().contains("NaN"));
}

#[test]
fn integers_must_be_whole_and_in_range() {
    assert_eq!(from_params::<i8>(&json!(-128)), Ok(-128));
    assert_eq!(from_params::<i64>(&json!(i64::MAX)), Ok(i64::MAX));
    assert!(error::<i8>(json!(128)).message().contains("out of range"));
    assert!(error::<i32>(json!(1.5)).message().contains("integer"));
    assert!(error::<i16>(json!("1")).message().contains("found a string"));
}

#[test]
fn blobs_documents_and_big_numbers() {
    assert_eq!(from_params::<Blob>(&json!("blobby ✓")), Ok(Blob::new("blobby ✓".as_bytes())));
    let document = from_params::<Document>(&json!({"a": [1, -2, 1.5, "x", null, true]}));
    let expected = Document::Object(BTreeMap::from([(
        "a".to_owned(),
        Document::Array(vec![
            Document::Number(Number::PosInt(1)),
            Document::Number(Number::NegInt(-2)),
            Document::Number(Number::Float(1.5)),
            Document::String("x".to_owned()),
            Document::Null,
            Document::Bool(true),
        ]),
    )]));
    assert_eq!(document, Ok(expected));
    assert_eq!(from_params::<BigDecimal>(&json!("1.5e300")).map(|d| d.to_string()), Ok("1.5e300".to_owned()));
    assert!(from_params::<BigDecimal>(&json!("1.5x")).is_err());
}

#[test]
fn collections_sparse_and_dense() {
    assert_eq!(from_params::<Vec<Option<i32>>>(&json!([1, null])), Ok(vec![Some(1), None]));
    let dense = error::<Vec<i32>>(json!([1, null]));
    assert_eq!(dense.path(), "/1");
    let map = from_params::<BTreeMap<String, Option<String>>>(&json!({"a": "b", "c": null}));
    assert_eq!(map, Ok(BTreeMap::from([("a".to_owned(), Some("b".to_owned())), ("c".to_owned(), None)])));
    assert_eq!(error::<BTreeMap<String, bool>>(json!({"a/b": 1})).path(), "/a~1b");
}

/// Without `../shared/protocol-tests` there are no protocol-test types to convert into.
#[cfg(not(protocol_models))]
#[test]
fn generated_types() {
    eprintln!("params: SKIPPED the conversions into protocol-test model types, because ../shared/protocol-tests is absent");
}

#[cfg(protocol_models)]
mod generated {
    use super::*;
    use protocol_tests::rest_json1::restjsonprotocol as rest;

    #[test]
    fn structures_by_member_name_with_nested_errors_located() {
        let value = from_params::<rest::JsonTimestampsInputOutput>(&json!({"normal": 1398796238, "epochSeconds": 1.5, "httpDate": null}));
        let value = value.expect("converts");
        assert_eq!(value.normal, Some(DateTime::from_secs(1398796238)));
        assert_eq!(value.epoch_seconds, Some(DateTime::from_secs_and_nanos(1, 500_000_000)));
        assert_eq!(value.http_date, None);
        assert_eq!(value.date_time, None);

        let unknown = error::<rest::JsonTimestampsInputOutput>(json!({"nromal": 1}));
        assert!(unknown.message().contains("no member `nromal`"), "{unknown}");
        let nested = error::<rest::SparseJsonListsInputOutput>(json!({"sparseShortList": [1, 70000]}));
        assert_eq!(nested.path(), "/sparseShortList/1");
        assert!(error::<rest::JsonTimestampsInputOutput>(json!([])).message().contains("object"));
    }

    #[test]
    fn required_members_must_be_given() {
        let missing = error::<rest::MalformedFloatInput>(json!({"floatInBody": 1}));
        assert!(missing.message().contains("floatInPath"), "{missing}");
        let input = from_params::<rest::MalformedFloatInput>(&json!({"floatInPath": "NaN"})).expect("converts");
        assert!(input.float_in_path.is_nan());
    }

    #[test]
    fn enums_known_and_unknown() {
        assert_eq!(from_params::<rest::FooEnum>(&json!("Foo")), Ok(rest::FooEnum::from("Foo")));
        assert!(!matches!(from_params::<rest::FooEnum>(&json!("Foo")), Ok(rest::FooEnum::Unknown(_))));
        assert!(matches!(from_params::<rest::FooEnum>(&json!("Zap")), Ok(rest::FooEnum::Unknown(_))));
        assert!(error::<rest::FooEnum>(json!(1)).message().contains("FooEnum"));
        assert_eq!(from_params::<rest::IntegerEnum>(&json!(2)).map(|e| e.value()), Ok(2));
        assert!(matches!(from_params::<rest::IntegerEnum>(&json!(99)), Ok(rest::IntegerEnum::Unknown(99))));
        assert!(error::<rest::IntegerEnum>(json!("A")).message().contains("IntegerEnum"));
    }

    #[test]
    fn unions_take_exactly_one_member() {
        assert_eq!(from_params::<rest::PlayerAction>(&json!({"quit": {}})), Ok(rest::PlayerAction::Quit));
        let blob = from_params::<rest::MyUnion>(&json!({"blobValue": "foo"})).expect("converts");
        assert_eq!(blob.as_blob_value(), Some(&Blob::new(b"foo".to_vec())));
        assert!(error::<rest::MyUnion>(json!({})).message().contains("exactly one"));
        assert!(error::<rest::MyUnion>(json!({"stringValue": "a", "booleanValue": true})).message().contains("exactly one"));
        assert!(error::<rest::MyUnion>(json!({"nope": 1})).message().contains("no member `nope`"));
        assert_eq!(error::<rest::MyUnion>(json!({"booleanValue": 1})).path(), "/booleanValue");
        assert!(error::<rest::PlayerAction>(json!({"quit": 1})).message().contains("unit"));
    }
}

/// The four services of `models/` convert too (the differential test builds its inputs so).
#[test]
fn models_inputs_convert() {
    use protocol_tests::models::lookoutequipment::StartDataIngestionJobRequest;
    let input = from_params::<StartDataIngestionJobRequest>(&json!({
        "DatasetName": "ds",
        "IngestionInputConfiguration": {"S3InputConfiguration": {"Bucket": "bucket-1", "Prefix": "p/"}},
        "RoleArn": "arn:aws:iam::123456789012:role/r",
        "ClientToken": "token-1",
    }))
    .expect("converts");
    assert_eq!(input.dataset_name.as_deref(), Some("ds"));
    let missing = error::<StartDataIngestionJobRequest>(json!({"ClientToken": "t", "Bogus": 1}));
    assert!(missing.message().contains("Bogus"), "{missing}");
}
