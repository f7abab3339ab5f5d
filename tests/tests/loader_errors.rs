//! Bad models give errors that name the file, the shape and what is wrong; never a panic.

use codegen::model::Model;
use std::path::PathBuf;

/// Loads `json` as the file `bad.json` and returns the error text.
fn load_error(json: &str) -> String {
    match Model::from_sources(&[(PathBuf::from("models/bad.json"), json.to_owned())]) {
        Ok(_) => panic!("the model should have been refused:\n{json}"),
        Err(error) => error.to_string(),
    }
}

/// A model of one service with the given extra shapes (a JSON object body, without braces).
fn model(shapes: &str) -> String {
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "ex#Service": {{"type": "service", "version": "1", "operations": [{{"target": "ex#Op"}}]}},
            "ex#Op": {{"type": "operation", "input": {{"target": "ex#Input"}}}},
            {shapes}
        }}}}"#
    )
}

/// Like [`model`], with an `@http` operation whose input has the given members.
fn rest_model(uri: &str, members: &str) -> String {
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "ex#Service": {{"type": "service", "version": "1", "operations": [{{"target": "ex#Op"}}]}},
            "ex#Op": {{"type": "operation", "input": {{"target": "ex#Input"}},
                "traits": {{"smithy.api#http": {{"method": "POST", "uri": "{uri}"}}}}}},
            "ex#Input": {{"type": "structure", "members": {{{members}}}}}
        }}}}"#
    )
}

/// One row per bad input: what the error must mention, besides the file.
#[test]
fn bad_models_are_refused_with_located_messages() {
    let cases: &[(&str, String, &[&str])] = &[
        ("malformed JSON", "{\"smithy\": \"2.0\", \"shapes\": {".to_owned(), &["malformed JSON", "line 1"]),
        ("not an object", "[1, 2]".to_owned(), &["must be a JSON object"]),
        ("missing version", "{\"shapes\": {}}".to_owned(), &["`smithy` version"]),
        ("unsupported version", "{\"smithy\": \"3.0\"}".to_owned(), &["unsupported Smithy version `3.0`"]),
        (
            "dangling target",
            model(r#""ex#Input": {"type": "structure", "members": {"a": {"target": "ex#Missing"}}}"#),
            &["ex#Input", "member `a`", "`ex#Missing`, which does not exist"],
        ),
        (
            "unknown shape type",
            model(r#""ex#Input": {"type": "tuple"}"#),
            &["ex#Input", "unknown shape type `tuple`"],
        ),
        (
            "member targets an operation",
            model(r#""ex#Input": {"type": "structure", "members": {"a": {"target": "ex#Op"}}}"#),
            &["ex#Input", "member `a`", "a operation, but must target a data shape"],
        ),
        (
            "map key is not a string",
            model(
                r#""ex#Input": {"type": "structure", "members": {"m": {"target": "ex#M"}}},
                   "ex#M": {"type": "map", "key": {"target": "smithy.api#Integer"}, "value": {"target": "smithy.api#String"}}"#,
            ),
            &["ex#M", "member `key`", "must target a string or enum shape"],
        ),
        (
            "enum member not targeting Unit",
            model(
                r#""ex#Input": {"type": "structure", "members": {"e": {"target": "ex#E"}}},
                   "ex#E": {"type": "enum", "members": {"A": {"target": "smithy.api#String"}}}"#,
            ),
            &["ex#E", "member `A`", "must target `smithy.api#Unit`"],
        ),
        (
            "member names differing only in case",
            model(
                r#""ex#Input": {"type": "structure", "members": {
                    "foo": {"target": "smithy.api#String"}, "Foo": {"target": "smithy.api#String"}}}"#,
            ),
            &["ex#Input", "`Foo` and `foo` differ only in case"],
        ),
        (
            "shape IDs differing only in case",
            model(
                r#""ex#Input": {"type": "structure"},
                   "ex#input": {"type": "structure"}"#,
            ),
            &["ex#input", "differs only in case from shape `ex#Input`"],
        ),
        (
            "relative shape ID",
            model(r#""ex#Input": {"type": "structure", "members": {"a": {"target": "String"}}}"#),
            &["ex#Input", "`String` is not an absolute shape ID"],
        ),
        (
            "union without members",
            model(
                r#""ex#Input": {"type": "structure", "members": {"u": {"target": "ex#U"}}},
                   "ex#U": {"type": "union", "members": {}}"#,
            ),
            &["ex#U", "needs at least one member"],
        ),
        (
            "duplicate enum values",
            model(
                r#""ex#Input": {"type": "structure", "members": {"e": {"target": "ex#E"}}},
                   "ex#E": {"type": "enum", "members": {
                      "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "x"}},
                      "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "x"}}}}"#,
            ),
            &["ex#E", "enum value `x` is used twice"],
        ),
        (
            "intEnum without values",
            model(
                r#""ex#Input": {"type": "structure", "members": {"e": {"target": "ex#E"}}},
                   "ex#E": {"type": "intEnum", "members": {"A": {"target": "smithy.api#Unit"}}}"#,
            ),
            &["ex#E", "needs an integer `enumValue`"],
        ),
        (
            "malformed trait value",
            model(
                r#""ex#Input": {"type": "structure", "members": {
                    "a": {"target": "smithy.api#String", "traits": {"smithy.api#length": {"min": "one"}}}}}"#,
            ),
            &["ex#Input$a", "smithy.api#length"],
        ),
        (
            "error that is not an error",
            r#"{"smithy": "2.0", "shapes": {
                "ex#Op": {"type": "operation", "errors": [{"target": "ex#NotAnError"}]},
                "ex#NotAnError": {"type": "structure"}}}"#
                .to_owned(),
            &["ex#Op", "`ex#NotAnError`", "with the `error` trait"],
        ),
        (
            "mixin cycle",
            model(
                r#""ex#Input": {"type": "structure", "mixins": [{"target": "ex#A"}]},
                   "ex#A": {"type": "structure", "mixins": [{"target": "ex#B"}], "traits": {"smithy.api#mixin": {}}},
                   "ex#B": {"type": "structure", "mixins": [{"target": "ex#A"}], "traits": {"smithy.api#mixin": {}}}"#,
            ),
            &["ex#B", "mixins form a cycle through this shape and `ex#A`"],
        ),
        (
            "mixin of itself",
            model(
                r#""ex#Input": {"type": "structure", "mixins": [{"target": "ex#A"}]},
                   "ex#A": {"type": "structure", "mixins": [{"target": "ex#A"}], "traits": {"smithy.api#mixin": {}}}"#,
            ),
            &["ex#A", "mixins form a cycle through this shape and `ex#A`"],
        ),
        (
            "missing mixin",
            model(r#""ex#Input": {"type": "structure", "mixins": [{"target": "ex#Nope"}]}"#),
            &["ex#Input", "mixin `ex#Nope` does not exist"],
        ),
        (
            "the user's mistake before its mixin's",
            model(
                r#""ex#Input": {"type": "structure", "mixins": [{"target": "ex#Z"}]},
                   "ex#Z": {"type": "structure", "mixins": [{"target": "ex#Nope"}]}"#,
            ),
            &["ex#Input", "`ex#Z` is used as a mixin but lacks the `mixin` trait"],
        ),
        (
            "mixin without the mixin trait",
            model(
                r#""ex#Input": {"type": "structure", "mixins": [{"target": "ex#A"}]},
                   "ex#A": {"type": "structure"}"#,
            ),
            &["ex#Input", "lacks the `mixin` trait"],
        ),
        (
            "apply to a missing shape",
            model(
                r#""ex#Input": {"type": "structure"},
                   "ex#Nope": {"type": "apply", "traits": {"smithy.api#sensitive": {}}}"#,
            ),
            &["ex#Nope", "`apply` targets a shape that does not exist"],
        ),
        (
            "conflicting apply",
            model(
                r#""ex#Input": {"type": "structure", "members": {
                    "a": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "x"}}}},
                   "ex#Input$a": {"type": "apply", "traits": {"smithy.api#jsonName": "y"}}"#,
            ),
            &["ex#Input$a", "conflicts with the existing value of trait `smithy.api#jsonName`"],
        ),
        (
            "default of the wrong type",
            model(
                r#""ex#Output": {"type": "structure"},
                   "ex#Input": {"type": "structure", "members": {"s": {"target": "ex#S"}}},
                   "ex#S": {"type": "structure", "members": {
                      "n": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": "zero"}}}}"#,
            ),
            &["ex#S$n", "default value \"zero\" does not fit"],
        ),
        (
            "range with min above max",
            model(
                r#""ex#Input": {"type": "structure", "members": {
                    "n": {"target": "smithy.api#Integer", "traits": {"smithy.api#range": {"min": 5, "max": 1}}}}}"#,
            ),
            &["ex#Input$n", "min 5 above max 1"],
        ),
        (
            "structures recursive through required members",
            model(
                r#""ex#Input": {"type": "structure", "members": {"a": {"target": "ex#A"}}},
                   "ex#A": {"type": "structure", "members": {
                      "b": {"target": "ex#B", "traits": {"smithy.api#required": {}}}}},
                   "ex#B": {"type": "structure", "members": {
                      "a": {"target": "ex#A", "traits": {"smithy.api#required": {}}}}}"#,
            ),
            &["ex#A: the @required members `ex#A$b` → `ex#B$a` lead back", "ShapeRecursionValidator"],
        ),
        (
            "list containing itself",
            model(
                r#""ex#Input": {"type": "structure", "members": {"l": {"target": "ex#L"}}},
                   "ex#L": {"type": "list", "member": {"target": "ex#M"}},
                   "ex#M": {"type": "list", "member": {"target": "ex#L"}}"#,
            ),
            &["ex#L: contains itself through `ex#L$member` → `ex#M$member`", "ShapeRecursionValidator"],
        ),
        (
            "union that never ends",
            model(
                r#""ex#Input": {"type": "structure", "members": {"u": {"target": "ex#U"}}},
                   "ex#U": {"type": "union", "members": {"again": {"target": "ex#U"}}}"#,
            ),
            &["ex#U", "no value of it can be built", "ShapeRecursionValidator"],
        ),
        (
            "pattern on a number",
            model(
                r#""ex#Input": {"type": "structure", "members": {
                    "n": {"target": "smithy.api#Integer", "traits": {"smithy.api#pattern": "^a$"}}}}"#,
            ),
            &["ex#Input$n", "`smithy.api#pattern` applies only to strings", "`smithy.api#Integer`", "TraitTargetValidator"],
        ),
        (
            "length on a number shape",
            model(
                r#""ex#Input": {"type": "structure", "members": {"n": {"target": "ex#N"}}},
                   "ex#N": {"type": "integer", "traits": {"smithy.api#length": {"max": 3}}}"#,
            ),
            &["ex#N", "`smithy.api#length` applies only to lists, maps, strings and blobs", "TraitTargetValidator"],
        ),
        (
            "timestampFormat on a string",
            model(
                r#""ex#Input": {"type": "structure", "members": {
                    "t": {"target": "smithy.api#String", "traits": {"smithy.api#timestampFormat": "date-time"}}}}"#,
            ),
            &["ex#Input$t", "`smithy.api#timestampFormat` applies only to timestamps"],
        ),
        (
            "idempotency token that is not a string",
            model(
                r#""ex#Input": {"type": "structure", "members": {
                    "token": {"target": "smithy.api#Integer", "traits": {"smithy.api#idempotencyToken": {}}}}}"#,
            ),
            &["ex#Input$token", "`smithy.api#idempotencyToken` applies only to structure members targeting strings"],
        ),
        (
            "unique items of doubles",
            model(
                r#""ex#Input": {"type": "structure", "members": {"l": {"target": "ex#L"}}},
                   "ex#L": {"type": "list", "member": {"target": "ex#S"}, "traits": {"smithy.api#uniqueItems": {}}},
                   "ex#S": {"type": "structure", "members": {"d": {"target": "smithy.api#Double"}}}"#,
            ),
            &["ex#L", "`smithy.api#uniqueItems` applies only to lists whose items contain no floats"],
        ),
        (
            "header bound to a structure",
            model(
                r#""ex#Input": {"type": "structure", "members": {
                    "h": {"target": "ex#S", "traits": {"smithy.api#httpHeader": "x-h"}}}},
                   "ex#S": {"type": "structure"}"#,
            ),
            &["ex#Input$h", "`smithy.api#httpHeader` applies only to", "`ex#S`, a structure"],
        ),
        (
            "member bound to a header and the query",
            model(
                r#""ex#Input": {"type": "structure", "members": {
                    "h": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "x-h", "smithy.api#httpQuery": "h"}}}}"#,
            ),
            &["ex#Input$h", "`smithy.api#httpQuery`, `smithy.api#httpHeader` conflict", "TraitConflictValidator"],
        ),
        (
            "two payload members",
            model(
                r#""ex#Input": {"type": "structure", "members": {
                    "a": {"target": "smithy.api#Blob", "traits": {"smithy.api#httpPayload": {}}},
                    "b": {"target": "smithy.api#Blob", "traits": {"smithy.api#httpPayload": {}}}}}"#,
            ),
            &["ex#Input", "`smithy.api#httpPayload`, but `a`, `b` do", "ExclusiveStructureMemberTraitValidator"],
        ),
        (
            "a structure holding a stream, nested",
            model(
                r#""ex#Input": {"type": "structure", "members": {}},
                "ex#Data": {"type": "blob", "traits": {"smithy.api#streaming": {}}},
                "ex#Holder": {"type": "structure", "members": {"body": {"target": "ex#Data"}}},
                "ex#Outer": {"type": "structure", "members": {"inner": {"target": "ex#Holder"}}}"#,
            ),
            &["ex#Outer$inner", "targets `ex#Holder`", "StreamingTraitValidator"],
        ),
        (
            "a stream in a list",
            model(
                r#""ex#Input": {"type": "structure", "members": {}},
                "ex#Data": {"type": "blob", "traits": {"smithy.api#streaming": {}}},
                "ex#Chunks": {"type": "list", "member": {"target": "ex#Data"}}"#,
            ),
            &["ex#Chunks$member", "targets the `@streaming` shape `ex#Data`", "StreamingTraitValidator"],
        ),
        (
            "an error holding a stream",
            model(
                r#""ex#Input": {"type": "structure", "members": {}},
                "ex#Data": {"type": "blob", "traits": {"smithy.api#streaming": {}}},
                "ex#Failure": {"type": "structure", "members": {"body": {"target": "ex#Data"}},
                    "traits": {"smithy.api#error": "server"}}"#,
            ),
            &["ex#Failure", "an error structure cannot have a member targeting", "StreamingTraitValidator"],
        ),
        (
            "JSON names colliding",
            model(
                r#""ex#Input": {"type": "structure", "members": {
                    "a": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "b"}},
                    "b": {"target": "smithy.api#String"}}}"#,
            ),
            &["ex#Input", "`a`, `b` have the same JSON name `b`", "JsonNameValidator"],
        ),
        (
            "URI label repeated",
            rest_model("/things/{id}/{Id}", r#""id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}}"#),
            &["ex#Op", "the label `Id` appears twice", "UriPattern"],
        ),
        (
            "URI label inside a segment",
            rest_model("/things/x{id}", r#""id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}}"#),
            &["ex#Op", "the segment `x{id}` must be a literal or a whole `{label}`"],
        ),
        (
            "label member missing from the URI",
            rest_model("/things", r#""id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}}"#),
            &["ex#Op", "@httpLabel member `id`, but the URI has no such label", "HttpLabelTraitValidator"],
        ),
        (
            "URI label without a member",
            rest_model("/things/{id}", r#""id": {"target": "smithy.api#String"}"#),
            &["ex#Op", "the URI labels `id` have no @httpLabel member in the input `ex#Input`"],
        ),
        (
            "greedy label on a number",
            rest_model("/things/{id+}", r#""id": {"target": "smithy.api#Integer", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}}"#),
            &["ex#Op", "the greedy label `{id+}` must target a string"],
        ),
        (
            "optional label",
            rest_model("/things/{id}", r#""id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}}}"#),
            &["ex#Input$id", "an @httpLabel member must be @required"],
        ),
        (
            "query key fixed by the URI",
            rest_model("/things?mode=x", r#""mode": {"target": "smithy.api#String", "traits": {"smithy.api#httpQuery": "mode"}}"#),
            &["ex#Op", "the @httpQuery `mode` of member `ex#Input$mode` is already fixed by the URI", "HttpQueryTraitValidator"],
        ),
        (
            "payload beside a body member",
            rest_model(
                "/things",
                r#""data": {"target": "smithy.api#Blob", "traits": {"smithy.api#httpPayload": {}}},
                   "note": {"target": "smithy.api#String"}"#,
            ),
            &["ex#Input", "so the members `note` must be bound", "HttpPayloadValidator"],
        ),
        (
            "two members on one header",
            model(
                r#""ex#Input": {"type": "structure", "members": {
                    "a": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "X-Thing"}},
                    "b": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "x-thing"}}}}"#,
            ),
            &["ex#Input", "`a`, `b` are bound to the same header `x-thing`", "HttpHeaderTraitValidator"],
        ),
        (
            "two members on one query parameter",
            model(
                r#""ex#Input": {"type": "structure", "members": {
                    "a": {"target": "smithy.api#String", "traits": {"smithy.api#httpQuery": "q"}},
                    "b": {"target": "smithy.api#String", "traits": {"smithy.api#httpQuery": "q"}}}}"#,
            ),
            &["ex#Input", "`a`, `b` are bound to the same query parameter `q`"],
        ),
        (
            "header inside a prefix",
            model(
                r#""ex#Input": {"type": "structure", "members": {
                    "meta": {"target": "ex#M", "traits": {"smithy.api#httpPrefixHeaders": "X-Meta-"}},
                    "one": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "x-meta-one"}}}},
                   "ex#M": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}}"#,
            ),
            &["ex#Input", "header `x-meta-one` of member `one` starts with the @httpPrefixHeaders prefix `x-meta-`"],
        ),
    ];
    let mut failures = Vec::new();
    for (name, json, needles) in cases {
        let error = match std::panic::catch_unwind(|| load_and_generate(json)) {
            Ok(Some(error)) => error,
            Ok(None) => {
                failures.push(format!("{name}: accepted"));
                continue;
            }
            Err(_) => {
                failures.push(format!("{name}: panicked"));
                continue;
            }
        };
        for needle in needles.iter().chain(&["models/bad.json"]) {
            if !error.contains(needle) {
                failures.push(format!("{name}: the error does not mention {needle:?}:\n  {error}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The error from loading, or else from generating; `None` if both succeed.
fn load_and_generate(json: &str) -> Option<String> {
    let model = match Model::from_sources(&[(PathBuf::from("models/bad.json"), json.to_owned())]) {
        Ok(model) => model,
        Err(error) => return Some(error.to_string()),
    };
    codegen::generate_crate(&model, &codegen::Settings::default()).err().map(|e| e.to_string())
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let error = load_error(&model(
        r#""ex#Input": {"type": "structure", "members": {
            "a": {"target": "ex#Missing1"}, "b": {"target": "ex#Missing2"}}}"#,
    ));
    assert!(error.contains("ex#Missing1") && error.contains("ex#Missing2"), "{error}");
}

#[test]
fn truncated_input_never_panics() {
    // Every prefix of a valid model is either a valid model or a clean error.
    let text = std::fs::read_to_string(support_models().join("shapes.json")).expect("tests/models/shapes.json");
    for end in (0..text.len()).step_by(97).filter(|&end| text.is_char_boundary(end)) {
        let source = [(PathBuf::from("cut.json"), text[..end].to_owned())];
        let outcome = std::panic::catch_unwind(|| {
            if let Ok(model) = Model::from_sources(&source) {
                let _ = codegen::generate_crate(&model, &codegen::Settings::default());
            }
        });
        assert!(outcome.is_ok(), "panicked on the first {end} bytes");
    }
}

fn support_models() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models")
}
