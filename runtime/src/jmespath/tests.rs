//! Cases from the JMESPath specification and the official compliance suite
//! (jmespath.test: functions.json, slice.json, indices.json, boolean.json, filters.json),
//! restated on evaluated values, plus edge cases whose expectations follow the reference
//! implementation's documented rules (Python slices, `int()`/`float()`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::{call, map, max_by, min_by, Comparison, Error, Value};
use crate::primitives::Number;
use crate::Document;

/// A value from JSON text.
fn v(json: &str) -> Value<'static> {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(parsed) => from_serde(parsed),
        Err(e) => panic!("bad test JSON {json}: {e}"),
    }
}

fn from_serde(value: serde_json::Value) -> Value<'static> {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Value::String(Cow::Owned(s)),
        serde_json::Value::Array(items) => Value::Array(items.into_iter().map(from_serde).collect()),
        serde_json::Value::Object(members) => {
            Value::Object(members.into_iter().map(|(k, v)| (Cow::Owned(k), from_serde(v))).collect())
        }
    }
}

/// Calls `function` with arguments given as JSON texts.
fn f(function: &str, args: &[&str]) -> Result<Value<'static>, Error> {
    call(function, args.iter().map(|a| v(a)).collect())
}

#[track_caller]
fn ok(function: &str, args: &[&str], expected: &str) {
    match f(function, args) {
        Ok(result) => assert_eq!(result, v(expected), "{function}({args:?}) = {result}, expected {expected}"),
        Err(e) => panic!("{function}({args:?}) failed: {e}"),
    }
}

#[track_caller]
fn invalid_type(function: &str, args: &[&str]) {
    let result = f(function, args);
    assert!(matches!(result, Err(Error::InvalidType { .. })), "{function}({args:?}) = {result:?}");
}

#[track_caller]
fn invalid_arity(function: &str, args: &[&str]) {
    let result = f(function, args);
    assert!(matches!(result, Err(Error::InvalidArity { .. })), "{function}({args:?}) = {result:?}");
}

// The `given` of the compliance suite's main functions.json block.
const NUMBERS: &str = "[-1, 3, 4, 5]";
const ARRAY: &str = r#"[-1, 3, 4, 5, "a", "100"]"#;
const STRINGS: &str = r#"["a", "b", "c"]"#;
const DECIMALS: &str = "[1.01, 1.2, -1.5]";
const OBJECTS: &str = r#"{"foo": "bar", "bar": "baz"}"#;
const GIVEN: &str = r#"{"foo": -1, "zero": 0, "numbers": [-1, 3, 4, 5], "array": [-1, 3, 4, 5, "a", "100"],
    "strings": ["a", "b", "c"], "decimals": [1.01, 1.2, -1.5], "str": "Str", "false": false,
    "empty_list": [], "empty_hash": {}, "objects": {"foo": "bar", "bar": "baz"}, "null_key": null}"#;

// ---- Value: truthiness, types, navigation ----

#[test]
fn truthiness_follows_the_spec_table() {
    for falsy in ["false", "null", r#""""#, "[]", "{}"] {
        assert!(!v(falsy).is_truthy(), "{falsy}");
    }
    // `0` and `0.0` are true in JMESPath (boolean.json: `Zero || Number` is 0, `!Zero` false).
    for truthy in ["true", "0", "0.0", "-1", r#""a""#, r#"" ""#, "[0]", "[null]", r#"{"a": null}"#] {
        assert!(v(truthy).is_truthy(), "{truthy}");
    }
}

#[test]
fn type_names() {
    let cases = [
        ("null", "null"),
        ("true", "boolean"),
        ("1.5", "number"),
        (r#""s""#, "string"),
        ("[]", "array"),
        ("{}", "object"),
    ];
    for (json, name) in cases {
        assert_eq!(v(json).type_name(), name);
    }
}

#[test]
fn field_finds_members_and_is_null_elsewhere() {
    let given = v(r#"{"a": {"b": [1]}, "n": null}"#);
    assert_eq!(given.field("a").field("b"), v("[1]"));
    assert_eq!(given.field("missing"), Value::Null);
    assert_eq!(given.field("n"), Value::Null);
    assert_eq!(v("[1]").field("a"), Value::Null);
    assert_eq!(v(r#""a""#).field("a"), Value::Null);
    assert_eq!(given.get("a").map(Value::type_name), Some("object"));
    assert!(given.get("missing").is_none());
}

#[test]
fn index_counts_negatives_from_the_end() {
    // indices.json: foo.bar[0], [1], [2], [-1], [-2], [-3], [-4] -> null, [3] -> null.
    let bar = v(r#"["zero", "one", "two"]"#);
    assert_eq!(bar.index(0), v(r#""zero""#));
    assert_eq!(bar.index(2), v(r#""two""#));
    assert_eq!(bar.index(3), Value::Null);
    assert_eq!(bar.index(-1), v(r#""two""#));
    assert_eq!(bar.index(-3), v(r#""zero""#));
    assert_eq!(bar.index(-4), Value::Null);
    assert_eq!(bar.index(i64::MIN), Value::Null);
    assert_eq!(bar.index(i64::MAX), Value::Null);
    // Not an array, strings included: null.
    assert_eq!(v(r#""abc""#).index(0), Value::Null);
    assert_eq!(v(r#"{"0": 1}"#).index(0), Value::Null);
    assert_eq!(v("[]").index(-1), Value::Null);
}

#[track_caller]
fn slice(start: Option<i64>, stop: Option<i64>, step: Option<i64>, expected: &str) {
    let foo = v("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
    match foo.slice(start, stop, step) {
        Ok(result) => assert_eq!(result, v(expected), "[{start:?}:{stop:?}:{step:?}] = {result}"),
        Err(e) => panic!("[{start:?}:{stop:?}:{step:?}] failed: {e}"),
    }
}

#[test]
fn slices_of_the_compliance_suite() {
    let all = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
    slice(Some(0), Some(10), Some(1), all);
    slice(Some(0), Some(10), None, all);
    slice(Some(0), None, Some(1), all);
    slice(Some(0), None, None, all);
    slice(None, Some(10), Some(1), all);
    slice(None, None, Some(1), all);
    slice(None, Some(10), None, all);
    slice(None, None, None, all);
    slice(Some(1), Some(9), None, "[1, 2, 3, 4, 5, 6, 7, 8]");
    slice(Some(0), Some(10), Some(2), "[0, 2, 4, 6, 8]");
    slice(Some(5), None, None, "[5, 6, 7, 8, 9]");
    slice(Some(5), None, Some(2), "[5, 7, 9]");
    slice(None, None, Some(2), "[0, 2, 4, 6, 8]");
    slice(None, None, Some(-1), "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]");
    slice(Some(1), None, Some(2), "[1, 3, 5, 7, 9]");
    slice(Some(10), Some(0), Some(-1), "[9, 8, 7, 6, 5, 4, 3, 2, 1]");
    slice(Some(10), Some(5), Some(-1), "[9, 8, 7, 6]");
    slice(Some(8), Some(2), Some(-2), "[8, 6, 4]");
    slice(Some(0), Some(20), None, all);
    slice(Some(10), Some(-20), Some(-1), "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]");
    slice(Some(10), Some(-20), None, "[]");
    slice(Some(-4), Some(-1), None, "[6, 7, 8]");
    slice(None, Some(-5), Some(-1), "[9, 8, 7, 6]");
    // `bar[0:10]` on an object, `baz[:2]` on a number: null.
    assert_eq!(v(r#"{"baz": 1}"#).slice(Some(0), Some(10), None), Ok(Value::Null));
    assert_eq!(v("50").slice(None, Some(2), None), Ok(Value::Null));
}

#[test]
fn slice_edges() {
    // Python: a[8:2:0] raises; a non-array is null before the step is looked at.
    let foo = v("[0, 1, 2]");
    assert!(matches!(foo.slice(Some(8), Some(2), Some(0)), Err(Error::InvalidValue { operation: "slice", .. })));
    assert_eq!(v(r#""abc""#).slice(None, None, Some(0)), Ok(Value::Null));
    // Python: a[-1::-2] == [2, 0], a[:0:-1] == [2, 1], a[2:2] == [], a[5:1:-1] == [2],
    // a[-100:100] == a, a[100:-100:-1] == [2, 1, 0], [][::-1] == [].
    slice_of(&foo, Some(-1), None, Some(-2), "[2, 0]");
    slice_of(&foo, None, Some(0), Some(-1), "[2, 1]");
    slice_of(&foo, Some(2), Some(2), None, "[]");
    slice_of(&foo, Some(5), Some(1), Some(-1), "[2]");
    slice_of(&foo, Some(-100), Some(100), None, "[0, 1, 2]");
    slice_of(&foo, Some(100), Some(-100), Some(-1), "[2, 1, 0]");
    slice_of(&v("[]"), None, None, Some(-1), "[]");
    // Extreme bounds and steps neither overflow nor panic.
    slice_of(&foo, Some(i64::MIN), Some(i64::MAX), Some(i64::MAX), "[0]");
    slice_of(&foo, Some(i64::MAX), Some(i64::MIN), Some(i64::MIN), "[2]");
    slice_of(&foo, None, None, Some(i64::MIN), "[2]");
}

#[track_caller]
fn slice_of(value: &Value<'_>, start: Option<i64>, stop: Option<i64>, step: Option<i64>, expected: &str) {
    match value.slice(start, stop, step) {
        Ok(result) => assert_eq!(result, v(expected), "{value}[{start:?}:{stop:?}:{step:?}] = {result}"),
        Err(e) => panic!("{value}[{start:?}:{stop:?}:{step:?}] failed: {e}"),
    }
}

#[test]
fn flatten_merges_one_level_and_keeps_other_elements() {
    // spec: [[0, 1], 2, [3], 4, [5, [6, 7]]][] -> [0, 1, 2, 3, 4, 5, [6, 7]]
    assert_eq!(v("[[0, 1], 2, [3], 4, [5, [6, 7]]]").flatten(), v("[0, 1, 2, 3, 4, 5, [6, 7]]"));
    // Nulls stay (the reference keeps them; a projection after `[]` drops them later).
    assert_eq!(v("[null, [null], []]").flatten(), v("[null, null]"));
    assert_eq!(v(r#"{"a": [1]}"#).flatten(), Value::Null);
    assert_eq!(v(r#""ab""#).flatten(), Value::Null);
}

#[test]
fn values_of_an_object_in_order() {
    let object = Value::object([("b", Value::from(1)), ("a", Value::from(2))]);
    assert_eq!(object.values(), v("[1, 2]"));
    assert_eq!(v("[1]").values(), Value::Null);
    assert_eq!(Value::Null.values(), Value::Null);
}

#[test]
fn object_constructor_keeps_first_position_and_last_value() {
    let object = Value::object([("a", Value::from(1)), ("b", Value::from(2)), ("a", Value::from(3))]);
    assert_eq!(object.to_json(), r#"{"a":3,"b":2}"#);
}

// ---- Value: comparisons ----

#[test]
fn equality_is_deep_and_ignores_member_order() {
    let a = Value::object([("x", v("[1, {\"p\": null, \"q\": true}]")), ("y", v(r#""s""#))]);
    let b = Value::object([("y", v(r#""s""#)), ("x", v("[1, {\"q\": true, \"p\": null}]"))]);
    assert_eq!(a, b);
    assert_eq!(a.compare(Comparison::Equal, &b), Value::Bool(true));
    assert_eq!(a.compare(Comparison::NotEqual, &b), Value::Bool(false));
    // Numbers numerically; no equality across types (`0 == false` is false).
    assert_eq!(v("1"), v("1.0"));
    assert_ne!(v("0"), v("false"));
    assert_ne!(v("1"), v("true"));
    assert_ne!(v("[1]"), v("[true]"));
    assert_ne!(v(r#""1""#), v("1"));
    assert_ne!(v("[]"), v("{}"));
    assert_ne!(v("[1, 2]"), v("[2, 1]"));
    assert_ne!(v(r#"{"a": 1}"#), v(r#"{"a": 1, "b": 2}"#));
    assert_ne!(v(r#"{"a": 1}"#), v(r#"{"b": 1}"#));
    assert_eq!(Value::Null.compare(Comparison::Equal, &Value::Null), Value::Bool(true));
    assert_eq!(v("[]").compare(Comparison::NotEqual, &v("{}")), Value::Bool(true));
}

#[test]
fn ordering_compares_numbers() {
    // boolean.json: one < two, one <= two, one == one, one == two is false, one != two.
    let (one, two) = (v("1"), v("2"));
    assert_eq!(one.compare(Comparison::Less, &two), Value::Bool(true));
    assert_eq!(one.compare(Comparison::LessOrEqual, &two), Value::Bool(true));
    assert_eq!(one.compare(Comparison::LessOrEqual, &one), Value::Bool(true));
    assert_eq!(one.compare(Comparison::Greater, &two), Value::Bool(false));
    assert_eq!(one.compare(Comparison::GreaterOrEqual, &one), Value::Bool(true));
    assert_eq!(two.compare(Comparison::GreaterOrEqual, &one), Value::Bool(true));
    assert_eq!(one.compare(Comparison::Equal, &two), Value::Bool(false));
    assert_eq!(one.compare(Comparison::NotEqual, &two), Value::Bool(true));
    assert_eq!(v("-1.5").compare(Comparison::Less, &v("-1")), Value::Bool(true));
}

#[test]
fn ordering_of_other_types_is_null() {
    // boolean.json: emptylist < one, emptylist < nullvalue, emptylist < boolvalue,
    // one < boolvalue are all null.
    let ops = [Comparison::Less, Comparison::LessOrEqual, Comparison::Greater, Comparison::GreaterOrEqual];
    let pairs = [("[]", "1"), ("[]", "null"), ("[]", "false"), ("1", "false"), ("null", "1"), ("{}", "{}")];
    for op in ops {
        for (a, b) in pairs {
            assert_eq!(v(a).compare(op, &v(b)), Value::Null, "{a} {op:?} {b}");
        }
        // A number against a string: null (the reference raises Python's TypeError).
        assert_eq!(v("1").compare(op, &v(r#""b""#)), Value::Null);
        assert_eq!(v(r#""1""#).compare(op, &v("2")), Value::Null);
    }
}

#[test]
fn ordering_compares_strings_by_code_point_like_the_reference() {
    assert_eq!(v(r#""a""#).compare(Comparison::Less, &v(r#""b""#)), Value::Bool(true));
    assert_eq!(v(r#""B""#).compare(Comparison::Less, &v(r#""a""#)), Value::Bool(true));
    assert_eq!(v(r#""ab""#).compare(Comparison::GreaterOrEqual, &v(r#""a""#)), Value::Bool(true));
    // U+FF21 (3 UTF-8 bytes) sorts after U+00E9 (2 bytes), as code points do.
    assert_eq!(v(r#""é""#).compare(Comparison::Less, &v(r#""Ａ""#)), Value::Bool(true));
}

// ---- Value: documents, JSON text, conversions ----

#[test]
fn from_document_maps_every_kind() {
    let document = Document::Object(BTreeMap::from([
        ("big".to_owned(), Document::Number(Number::PosInt(u64::MAX))),
        ("neg".to_owned(), Document::Number(Number::NegInt(-3))),
        ("float".to_owned(), Document::Number(Number::Float(0.5))),
        ("list".to_owned(), Document::Array(vec![Document::Null, Document::Bool(true)])),
        ("s".to_owned(), Document::String("é".to_owned())),
    ]));
    let value = Value::from_document(&document);
    let expected = Value::object([
        ("s", Value::from("é")),
        ("list", v("[null, true]")),
        ("float", Value::from(0.5)),
        ("neg", Value::from(-3)),
        // u64::MAX rounds to 2^64.
        ("big", Value::from(18_446_744_073_709_551_616.0)),
    ]);
    assert_eq!(value, expected);
    assert!(matches!(value.field("s"), Value::String(Cow::Borrowed("é"))));
    // Members in the document's key order.
    assert_eq!(value.to_json(), r#"{"big":1.8446744073709552e19,"float":0.5,"list":[null,true],"neg":-3,"s":"é"}"#);
}

#[test]
fn to_json_is_compact_and_escapes_what_rfc_8259_requires() {
    assert_eq!(
        v(r#"{"a": [1, 2.5, -0.25, true, null], "b": {}}"#).to_json(),
        r#"{"a":[1,2.5,-0.25,true,null],"b":{}}"#
    );
    assert_eq!(
        Value::from("q\"b\\n\n\r\t\u{8}\u{c}\u{1f}\u{7f}é😀").to_json(),
        "\"q\\\"b\\\\n\\n\\r\\t\\b\\f\\u001f\u{7f}é😀\""
    );
    // Integral numbers within i64 have no fraction; others read back as the same f64.
    assert_eq!(Value::from(1.0).to_json(), "1");
    assert_eq!(Value::from(-0.0).to_json(), "0");
    assert_eq!(Value::from(9_007_199_254_740_993_i64).to_json(), "9007199254740992");
    assert_eq!(Value::from(1e21).to_json(), "1e21");
    assert_eq!(Value::from(1.5e-7).to_json(), "1.5e-7");
    assert_eq!(Value::from(0.1).to_json(), "0.1");
    assert_eq!(Value::from(1.0000000000000002).to_json(), "1.0000000000000002");
    assert_eq!(Value::from(-2.5e300).to_json(), "-2.5e300");
    assert_eq!(Value::from(f64::INFINITY).to_json(), "null");
    assert_eq!(Value::from(f64::NAN).to_json(), "null");
    assert_eq!(format!("{}", v(r#"["x"]"#)), r#"["x"]"#);
}

#[test]
fn conversions() {
    assert_eq!(Value::from(true), Value::Bool(true));
    assert_eq!(Value::from(3_u8), Value::Number(3.0));
    assert_eq!(Value::from(-3_i32), Value::Number(-3.0));
    assert_eq!(Value::from(2.5_f32), Value::Number(2.5));
    assert_eq!(Value::from(String::from("s")), Value::from("s"));
    assert_eq!(Value::from(&String::from("s")), Value::from("s"));
    assert_eq!(Value::from(None::<i64>), Value::Null);
    assert_eq!(Value::from(Some("x")), Value::from("x"));
    assert_eq!(Value::from(vec![1, 2]), v("[1, 2]"));
    assert_eq!([Value::Null, Value::from(1)].into_iter().collect::<Value<'_>>(), v("[null, 1]"));
    let owned: Value<'static> = {
        let text = String::from("t");
        Value::object([(text.as_str(), Value::from(text.as_str()))]).into_owned()
    };
    assert_eq!(owned, v(r#"{"t": "t"}"#));
}

// ---- Functions (functions.json) ----

#[test]
fn abs() {
    ok("abs", &["-1"], "1");
    ok("abs", &["3"], "3");
    ok("abs", &["-24"], "24");
    ok("abs", &["1.5"], "1.5");
    invalid_type("abs", &[r#""Str""#]);
    invalid_type("abs", &["false"]);
    invalid_arity("abs", &["1", "2"]);
    invalid_arity("abs", &[]);
}

#[test]
fn unknown_function() {
    assert_eq!(f("unknown_function", &["1", "2"]), Err(Error::UnknownFunction("unknown_function".to_owned())));
    // Names are exact.
    assert!(matches!(f("ABS", &["1"]), Err(Error::UnknownFunction(_))));
}

#[test]
fn avg() {
    ok("avg", &[NUMBERS], "2.75");
    ok("avg", &["[]"], "null");
    invalid_type("avg", &[ARRAY]);
    invalid_type("avg", &[r#""abc""#]);
    invalid_type("avg", &["-1"]);
    invalid_type("avg", &[GIVEN]);
    invalid_type("avg", &[STRINGS]);
}

#[test]
fn ceil_and_floor() {
    ok("ceil", &["1.2"], "2");
    ok("ceil", &["1.01"], "2");
    ok("ceil", &["-1.5"], "-1");
    ok("ceil", &["3"], "3");
    invalid_type("ceil", &[r#""string""#]);
    ok("floor", &["1.2"], "1");
    ok("floor", &["1.01"], "1");
    ok("floor", &["-1"], "-1");
    ok("floor", &["-1.5"], "-2");
    invalid_type("floor", &[r#""string""#]);
    invalid_type("floor", &[r#""Str""#]);
}

#[test]
fn contains() {
    ok("contains", &[r#""abc""#, r#""a""#], "true");
    ok("contains", &[r#""abc""#, r#""d""#], "false");
    ok("contains", &[r#""abc""#, r#""bc""#], "true");
    ok("contains", &[r#""abc""#, r#""""#], "true");
    invalid_type("contains", &["false", r#""d""#]);
    ok("contains", &[STRINGS, r#""a""#], "true");
    ok("contains", &[DECIMALS, "1.2"], "true");
    ok("contains", &[DECIMALS, "false"], "false");
    // JMESPath equality inside: deep, order-free for objects, no number/boolean mixing.
    ok("contains", &[r#"[{"a": 1, "b": [2]}]"#, r#"{"b": [2], "a": 1}"#], "true");
    ok("contains", &["[1]", "true"], "false");
    ok("contains", &["[null]", "null"], "true");
    // Searching a string for a non-string is an error (the reference raises Python's TypeError).
    invalid_type("contains", &[r#""1""#, "1"]);
    invalid_arity("contains", &[STRINGS]);
}

#[test]
fn starts_with_and_ends_with() {
    ok("ends_with", &[r#""Str""#, r#""r""#], "true");
    ok("ends_with", &[r#""Str""#, r#""tr""#], "true");
    ok("ends_with", &[r#""Str""#, r#""Str""#], "true");
    ok("ends_with", &[r#""Str""#, r#""SStr""#], "false");
    ok("ends_with", &[r#""Str""#, r#""foo""#], "false");
    invalid_type("ends_with", &[r#""Str""#, "0"]);
    invalid_type("ends_with", &["0", r#""0""#]);
    ok("starts_with", &[r#""Str""#, r#""S""#], "true");
    ok("starts_with", &[r#""Str""#, r#""St""#], "true");
    ok("starts_with", &[r#""Str""#, r#""Str""#], "true");
    ok("starts_with", &[r#""Str""#, r#""String""#], "false");
    invalid_type("starts_with", &[r#""Str""#, "0"]);
    // Code points, not bytes: "é" is not a prefix match of its first byte.
    ok("starts_with", &[r#""éa""#, r#""é""#], "true");
}

#[test]
fn join() {
    ok("join", &[r#"", ""#, STRINGS], r#""a, b, c""#);
    ok("join", &[r#"",""#, r#"["a", "b"]"#], r#""a,b""#);
    invalid_type("join", &[r#"",""#, r#"["a", 0]"#]);
    invalid_type("join", &[r#"", ""#, r#""Str""#]);
    ok("join", &[r#""|""#, STRINGS], r#""a|b|c""#);
    invalid_type("join", &["2", STRINGS]);
    invalid_type("join", &[r#""|""#, DECIMALS]);
    ok("join", &[r#""|""#, r#"["1.01", "1.2", "-1.5"]"#], r#""1.01|1.2|-1.5""#);
    ok("join", &[r#""|""#, "[]"], r#""""#);
}

#[test]
fn keys_and_values() {
    let keys = f("keys", &[OBJECTS]).and_then(|k| call("sort", vec![k]));
    assert_eq!(keys, Ok(v(r#"["bar", "foo"]"#)));
    let values = f("values", &[OBJECTS]).and_then(|k| call("sort", vec![k]));
    assert_eq!(values, Ok(v(r#"["bar", "baz"]"#)));
    invalid_type("keys", &["-1"]);
    invalid_type("keys", &[STRINGS]);
    invalid_type("keys", &["false"]);
    ok("keys", &["{}"], "[]");
    invalid_type("values", &["-1"]);
    // In the object's order.
    let object = Value::object([("z", Value::from(1)), ("a", Value::from(2))]);
    assert_eq!(call("keys", vec![object.clone()]).map(|k| k.to_json()), Ok(r#"["z","a"]"#.to_owned()));
    assert_eq!(call("values", vec![object]).map(|k| k.to_json()), Ok("[1,2]".to_owned()));
}

#[test]
fn length() {
    ok("length", &[r#""abc""#], "3");
    ok("length", &[r#""✓foo""#], "4");
    ok("length", &[r#""""#], "0");
    ok("length", &[GIVEN], "12");
    ok("length", &[r#""a""#], "1");
    ok("length", &[ARRAY], "6");
    ok("length", &[OBJECTS], "2");
    invalid_type("length", &["false"]);
    invalid_type("length", &["-1"]);
    invalid_type("length", &["null"]);
    // Code points: an emoji outside the BMP is one (two UTF-16 units, four UTF-8 bytes),
    // and a combining mark is one of its own.
    ok("length", &[r#""😀é""#], "2");
    ok("length", &["\"e\u{301}\""], "2");
}

#[test]
fn max_and_min() {
    ok("max", &[NUMBERS], "5");
    ok("max", &[DECIMALS], "1.2");
    ok("max", &[STRINGS], r#""c""#);
    invalid_type("max", &["null"]);
    invalid_type("max", &[ARRAY]);
    ok("max", &["[]"], "null");
    ok("min", &[NUMBERS], "-1");
    ok("min", &[DECIMALS], "-1.5");
    invalid_type("min", &["null"]);
    invalid_type("min", &[ARRAY]);
    ok("min", &["[]"], "null");
    ok("min", &[STRINGS], r#""a""#);
    invalid_type("max", &["[true]"]);
    invalid_type("min", &[r#"["a", 1]"#]);
    invalid_type("min", &[r#"[[1]]"#]);
    // By code point.
    ok("max", &[r#"["B", "a", "A"]"#], r#""a""#);
}

#[test]
fn merge() {
    ok("merge", &["{}"], "{}");
    ok("merge", &["{}", "{}"], "{}");
    ok("merge", &[r#"{"a": 1}"#, r#"{"b": 2}"#], r#"{"a": 1, "b": 2}"#);
    ok("merge", &[r#"{"a": 1}"#, r#"{"a": 2}"#], r#"{"a": 2}"#);
    ok("merge", &[r#"{"a": 1, "b": 2}"#, r#"{"a": 2, "c": 3}"#, r#"{"d": 4}"#], r#"{"a": 2, "b": 2, "c": 3, "d": 4}"#);
    invalid_arity("merge", &[]);
    invalid_type("merge", &["{}", "[]"]);
    // A later value replaces an earlier one in its place, as a Python dict update does.
    let merged = call("merge", vec![v(r#"{"a": 1, "b": 2}"#), v(r#"{"a": 3}"#)]);
    assert_eq!(merged.map(|m| m.to_json()), Ok(r#"{"a":3,"b":2}"#.to_owned()));
}

#[test]
fn not_null() {
    ok("not_null", &["null", r#""Str""#], r#""Str""#);
    ok("not_null", &["null", "null", "[]", r#""Str""#], "[]");
    ok("not_null", &["null", "null", "null"], "null");
    ok("not_null", &["false"], "false");
    invalid_arity("not_null", &[]);
    // foo[].not_null(f, e, d, c, b, a) on the first element {"b": "b", "a": "a"}.
    let first = v(r#"{"b": "b", "a": "a"}"#);
    let args = ["f", "e", "d", "c", "b", "a"].iter().map(|k| first.field(k)).collect();
    assert_eq!(call("not_null", args), Ok(v(r#""b""#)));
}

#[test]
fn reverse() {
    ok("reverse", &[NUMBERS], "[5, 4, 3, -1]");
    ok("reverse", &[ARRAY], r#"["100", "a", 5, 4, 3, -1]"#);
    ok("reverse", &["[]"], "[]");
    ok("reverse", &[r#""""#], r#""""#);
    ok("reverse", &[r#""hello world""#], r#""dlrow olleh""#);
    ok("reverse", &[r#""a😀b""#], r#""b😀a""#);
    invalid_type("reverse", &["1"]);
    invalid_type("reverse", &["{}"]);
}

#[test]
fn sort() {
    ok("sort", &[NUMBERS], "[-1, 3, 4, 5]");
    ok("sort", &[STRINGS], r#"["a", "b", "c"]"#);
    ok("sort", &[DECIMALS], "[-1.5, 1.01, 1.2]");
    invalid_type("sort", &[ARRAY]);
    invalid_type("sort", &["null"]);
    ok("sort", &["[]"], "[]");
    invalid_type("sort", &[GIVEN]);
    invalid_type("sort", &["[null, null]"]);
    ok("sort", &[r#"["b", "B", "a", "é", "A"]"#], r#"["A", "B", "a", "b", "é"]"#);
    // The order of the result, not just its contents.
    assert_eq!(f("sort", &["[3, 1, 2]"]).map(|s| s.to_json()), Ok("[1,2,3]".to_owned()));
}

#[test]
fn sum() {
    ok("sum", &[NUMBERS], "11");
    ok("sum", &[DECIMALS], "0.71");
    invalid_type("sum", &[ARRAY]);
    ok("sum", &["[-1, 3, 4, 5, 100]"], "111");
    ok("sum", &["[]"], "0");
}

#[test]
fn to_array() {
    ok("to_array", &[r#""foo""#], r#"["foo"]"#);
    ok("to_array", &["0"], "[0]");
    ok("to_array", &[OBJECTS], r#"[{"foo": "bar", "bar": "baz"}]"#);
    ok("to_array", &["[1, 2, 3]"], "[1, 2, 3]");
    ok("to_array", &["false"], "[false]");
    ok("to_array", &["null"], "[null]");
}

#[test]
fn to_string() {
    ok("to_string", &[r#""foo""#], r#""foo""#);
    ok("to_string", &["1.2"], r#""1.2""#);
    ok("to_string", &["[0, 1]"], r#""[0,1]""#);
    ok("to_string", &["-1"], r#""-1""#);
    ok("to_string", &["null"], r#""null""#);
    ok("to_string", &["true"], r#""true""#);
    ok("to_string", &[r#"{"a": ["b", null]}"#], r#""{\"a\":[\"b\",null]}""#);
}

#[test]
fn to_number() {
    ok("to_number", &[r#""1.0""#], "1.0");
    ok("to_number", &[r#""1e21""#], "1e21");
    ok("to_number", &[r#""1.1""#], "1.1");
    ok("to_number", &[r#""4""#], "4");
    ok("to_number", &[r#""-1""#], "-1");
    ok("to_number", &[r#""100""#], "100");
    ok("to_number", &[r#""notanumber""#], "null");
    ok("to_number", &["false"], "null");
    ok("to_number", &["null"], "null");
    ok("to_number", &["[0]"], "null");
    ok("to_number", &[r#"{"foo": 0}"#], "null");
    ok("to_number", &["3.5"], "3.5");
}

#[test]
fn to_number_reads_what_python_int_and_float_read() {
    // Accepted by Python's int() or float(): whitespace, sign, `_` between digits, leading
    // zeros, a bare point on either side, exponents.
    let accepted = [
        (" 12 ", 12.0),
        ("\t-7\n", -7.0),
        ("+5", 5.0),
        ("007", 7.0),
        ("1_000", 1000.0),
        ("1_0.2_5", 10.25),
        (".5", 0.5),
        ("5.", 5.0),
        ("-.5e1", -5.0),
        ("1E+2", 100.0),
        ("2e-1", 0.2),
        ("1_0e1_0", 1e11),
    ];
    for (text, expected) in accepted {
        assert_eq!(call("to_number", vec![Value::from(text)]), Ok(Value::Number(expected)), "{text:?}");
    }
    // Rejected by both (checked against jmespath 1.1.0, whose functions are 1.0.1's): null.
    for text in ["", " ", "-", ".", "e5", "1e", "1e+", "1__0", "_1", "1_", "1._5", "1 2", "0x10", "1,000", "--1", "in"]
    {
        assert_eq!(call("to_number", vec![Value::from(text)]), Ok(Value::Null), "{text:?}");
    }
    // The one known difference: Python reads digits of other scripts (Arabic-Indic `١` is 1).
    assert_eq!(call("to_number", vec![Value::from("١")]), Ok(Value::Null));
    // Python's special floats.
    assert_eq!(call("to_number", vec![Value::from("inf")]), Ok(Value::Number(f64::INFINITY)));
    assert_eq!(call("to_number", vec![Value::from(" -Infinity")]), Ok(Value::Number(f64::NEG_INFINITY)));
    assert!(matches!(call("to_number", vec![Value::from("NaN")]), Ok(Value::Number(n)) if n.is_nan()));
}

#[test]
fn type_() {
    ok("type", &[r#""abc""#], r#""string""#);
    ok("type", &["1.0"], r#""number""#);
    ok("type", &["2"], r#""number""#);
    ok("type", &["true"], r#""boolean""#);
    ok("type", &["false"], r#""boolean""#);
    ok("type", &["null"], r#""null""#);
    ok("type", &["[0]"], r#""array""#);
    ok("type", &[r#"{"a": "b"}"#], r#""object""#);
    ok("type", &[GIVEN], r#""object""#);
}

#[test]
fn functions_over_projections() {
    // numbers[].to_string(@) and array[].to_number(@).
    let strings: Result<Vec<_>, _> = match v(NUMBERS) {
        Value::Array(items) => items.into_iter().map(|n| call("to_string", vec![n])).collect(),
        _ => Ok(Vec::new()),
    };
    assert_eq!(strings.map(Value::Array), Ok(v(r#"["-1", "3", "4", "5"]"#)));
    let numbers: Result<Vec<_>, _> = match v(ARRAY) {
        Value::Array(items) => items.into_iter().map(|n| call("to_number", vec![n])).collect(),
        _ => Ok(Vec::new()),
    };
    // The projection drops the null of "a".
    let kept: Vec<_> = numbers.unwrap_or_default().into_iter().filter(|n| *n != Value::Null).collect();
    assert_eq!(Value::Array(kept), v("[-1, 3, 4, 5, 100]"));
}

#[test]
fn expression_functions_need_an_expression() {
    invalid_type("map", &["null", "[]"]);
    invalid_type("sort_by", &["[]", "null"]);
    invalid_type("sort_by", &["1", "null"]);
    invalid_type("max_by", &["[]", r#""age""#]);
    invalid_type("min_by", &["[]", "1"]);
    invalid_arity("sort_by", &["[]"]);
    invalid_arity("map", &[]);
}

#[test]
fn errors_name_the_function() {
    let messages = [
        (f("abs", &[r#""x""#]), "invalid type for abs(): expected number, found string"),
        (f("avg", &[r#"[1, "x"]"#]), "invalid type for avg(): expected array[number], found array containing a string"),
        (f("abs", &[]), "abs() takes 1 argument, got 0"),
        (f("contains", &["[]"]), "contains() takes 2 arguments, got 1"),
        (f("merge", &[]), "merge() takes at least 1 argument, got 0"),
        (f("nope", &[]), "unknown function: nope()"),
        (v("[1]").slice(None, None, Some(0)), "invalid value for slice: the step must not be 0"),
    ];
    for (result, message) in messages {
        match result {
            Err(e) => assert_eq!(e.to_string(), message),
            Ok(value) => panic!("expected the error {message:?}, got {value}"),
        }
    }
}

// ---- Functions with expression references ----

const PEOPLE: &str = r#"[
    {"age": 20, "age_str": "20", "bool": true, "name": "a", "extra": "foo"},
    {"age": 40, "age_str": "40", "bool": false, "name": "b", "extra": "bar"},
    {"age": 30, "age_str": "30", "bool": true, "name": "c"},
    {"age": 50, "age_str": "50", "bool": false, "name": "d"},
    {"age": 10, "age_str": "10", "bool": true, "name": 3}]"#;

/// `&name`: a field expression.
fn by(name: &'static str) -> impl FnMut(&Value<'static>) -> Result<Value<'static>, Error> {
    move |item| Ok(item.field(name))
}

/// The `name`s of the people, in order.
fn names(result: Result<Value<'static>, Error>) -> Result<Value<'static>, Error> {
    result.and_then(|people| map(by("name"), people))
}

#[test]
fn sort_by() {
    let sorted = r#"[3, "a", "c", "b", "d"]"#;
    assert_eq!(names(super::sort_by(v(PEOPLE), by("age"))), Ok(v(sorted)));
    assert_eq!(names(super::sort_by(v(PEOPLE), by("age_str"))), Ok(v(sorted)));
    let to_number = |item: &Value<'static>| call("to_number", vec![item.field("age_str")]);
    assert_eq!(names(super::sort_by(v(PEOPLE), to_number)), Ok(v(sorted)));
    // Whole elements come back, not keys.
    let first = super::sort_by(v(PEOPLE), by("age")).map(|s| s.index(0));
    assert_eq!(first, Ok(v(r#"{"age": 10, "age_str": "10", "bool": true, "name": 3}"#)));
    // sort_by(people, &age)[].extra: the projection drops the missing ones.
    let extras = super::sort_by(v(PEOPLE), by("age")).and_then(|s| map(by("extra"), s));
    let kept: Vec<_> = match extras {
        Ok(Value::Array(items)) => items.into_iter().filter(|e| *e != Value::Null).collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(Value::Array(kept), v(r#"["foo", "bar"]"#));
    // Keys of mixed types (`extra` is missing in some), booleans, strings and numbers.
    for key in ["extra", "bool", "name"] {
        let result = super::sort_by(v(PEOPLE), by(key));
        assert!(matches!(result, Err(Error::InvalidType { function: "sort_by", .. })), "{key}: {result:?}");
    }
    assert_eq!(super::sort_by(v("[]"), by("age")), Ok(v("[]")));
    assert!(matches!(super::sort_by(v("{}"), by("age")), Err(Error::InvalidType { function: "sort_by", .. })));
}

#[test]
fn sort_by_is_stable() {
    let people: Vec<String> = (1..=11).map(|i| format!(r#"{{"age": 10, "order": "{i}"}}"#)).collect();
    let given = v(&format!("[{}]", people.join(",")));
    let orders = super::sort_by(given, by("age")).and_then(|s| map(by("order"), s));
    assert_eq!(orders, Ok(v(r#"["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]"#)));
    // Equal keys among different ones keep their relative order too.
    let mixed = v(r#"[{"k": 2, "i": 0}, {"k": 1, "i": 1}, {"k": 2, "i": 2}, {"k": 1, "i": 3}]"#);
    let order = super::sort_by(mixed, by("k")).and_then(|s| map(by("i"), s));
    assert_eq!(order.map(|o| o.to_json()), Ok("[1,3,0,2]".to_owned()));
}

#[test]
fn max_by_and_min_by() {
    let d = v(r#"{"age": 50, "age_str": "50", "bool": false, "name": "d"}"#);
    let youngest = v(r#"{"age": 10, "age_str": "10", "bool": true, "name": 3}"#);
    assert_eq!(max_by(v(PEOPLE), by("age")), Ok(d.clone()));
    assert_eq!(max_by(v(PEOPLE), by("age_str")), Ok(d.clone()));
    let to_number = |item: &Value<'static>| call("to_number", vec![item.field("age_str")]);
    assert_eq!(max_by(v(PEOPLE), to_number), Ok(d));
    assert_eq!(min_by(v(PEOPLE), by("age")), Ok(youngest.clone()));
    assert_eq!(min_by(v(PEOPLE), by("age_str")), Ok(youngest.clone()));
    assert_eq!(min_by(v(PEOPLE), to_number), Ok(youngest));
    for key in ["bool", "extra"] {
        assert!(matches!(max_by(v(PEOPLE), by(key)), Err(Error::InvalidType { function: "max_by", .. })));
        assert!(matches!(min_by(v(PEOPLE), by(key)), Err(Error::InvalidType { function: "min_by", .. })));
    }
    assert_eq!(max_by(v("[]"), by("age")), Ok(Value::Null));
    assert_eq!(min_by(v("[]"), by("age")), Ok(Value::Null));
    // A single element's key is still checked.
    assert!(matches!(max_by(v(r#"[{"age": null}]"#), by("age")), Err(Error::InvalidType { .. })));
    // Ties: the first wins, as Python's max() and min() do.
    let tied = v(r#"[{"k": 1, "i": 0}, {"k": 3, "i": 1}, {"k": 3, "i": 2}, {"k": 1, "i": 3}]"#);
    assert_eq!(max_by(tied.clone(), by("k")).map(|m| m.field("i")), Ok(Value::from(1)));
    assert_eq!(min_by(tied, by("k")).map(|m| m.field("i")), Ok(Value::from(0)));
    assert!(matches!(min_by(v("null"), by("k")), Err(Error::InvalidType { function: "min_by", .. })));
}

#[test]
fn map_keeps_nulls() {
    let people = v(r#"[{"a": 10, "b": 1, "c": "z"}, {"a": 10, "b": 2, "c": null}, {"a": 10, "b": 3}]"#);
    assert_eq!(map(by("a"), people.clone()), Ok(v("[10, 10, 10]")));
    assert_eq!(map(by("c"), people), Ok(v(r#"["z", null, null]"#)));
    assert!(matches!(map(by("a"), Value::Null), Err(Error::InvalidType { function: "map", .. })));
    assert_eq!(map(by("foo"), v("[]")), Ok(v("[]")));
    // map(&foo.bar, array) and map(&[], array).
    let array = v(r#"[{"foo": {"bar": "yes1"}}, {"foo": {"bar": "yes2"}}, {"foo1": {"bar": "no"}}]"#);
    assert_eq!(map(|item| Ok(item.field("foo").field("bar")), array), Ok(v(r#"["yes1", "yes2", null]"#)));
    let nested = v("[[1, 2, 3, [4]], [5, 6, 7, [8, 9]]]");
    assert_eq!(map(|item| Ok(item.clone().flatten()), nested), Ok(v("[[1, 2, 3, 4], [5, 6, 7, 8, 9]]")));
}

#[test]
fn expression_errors_propagate() {
    let failing = |_: &Value<'static>| call("abs", vec![Value::from("x")]);
    for result in [map(failing, v("[1]")), super::sort_by(v("[1]"), failing), max_by(v("[1]"), failing)] {
        assert!(matches!(result, Err(Error::InvalidType { function: "abs", .. })), "{result:?}");
    }
}

// ---- Helpers for dynamic projections and matchers ----

#[test]
fn project_drops_nulls_and_needs_an_array() {
    // filters.json-like: foo[?a > `1`].b over dynamic data.
    let foo = v(r#"[{"a": 1, "b": "x"}, {"a": 2, "b": "y"}, {"a": 3}, {"a": 4, "b": null}, {"a": 5, "b": false}]"#);
    let keep = |item: Value<'static>| {
        Ok(if item.field("a").compare(Comparison::Greater, &Value::from(1)).is_truthy() {
            item.field("b")
        } else {
            Value::Null
        })
    };
    assert_eq!(foo.project(keep), Ok(v(r#"["y", false]"#)));
    // foo[*].a on an object is null; `*.a` goes through values().
    let object = v(r#"{"p": {"a": 1}, "q": {"b": 2}, "r": {"a": 3}}"#);
    assert_eq!(object.clone().project(|item| Ok(item.field("a"))), Ok(Value::Null));
    assert_eq!(object.values().project(|item| Ok(item.field("a"))).map(|p| p.to_json()), Ok("[1,3]".to_owned()));
    let failing = |_: Value<'static>| call("abs", vec![Value::Null]);
    assert!(matches!(v("[1]").project(failing), Err(Error::InvalidType { function: "abs", .. })));
}

#[test]
fn not_and_accessors() {
    // boolean.json: !True false, !False true, !Number false, !EmptyList true, !Zero false.
    for (json, expected) in [("true", false), ("false", true), ("5", false), ("[]", true), ("0", false), ("null", true)]
    {
        assert_eq!(v(json).not(), Value::Bool(expected), "!{json}");
    }
    assert_eq!(v(r#""s""#).as_str(), Some("s"));
    assert_eq!(v("1").as_str(), None);
    assert_eq!(v("1.5").as_f64(), Some(1.5));
    assert_eq!(v(r#""1""#).as_f64(), None);
    assert_eq!(v("true").as_bool(), Some(true));
    assert_eq!(v("0").as_bool(), None);
    assert_eq!(v("[1]").as_array().map(<[Value<'_>]>::len), Some(1));
    assert_eq!(v("{}").as_array(), None);
}
