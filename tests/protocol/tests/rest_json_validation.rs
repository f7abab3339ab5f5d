//! The `RestJsonValidation` malformed-request cases of `../shared/protocol-tests/restJson1.json`,
//! driven through the generated `validate()`: each case's request (a JSON body, and a few
//! query parameters and headers) becomes the operation's input through the generated
//! `FromParams` conversion, and the violations must have exactly the paths and messages of
//! the expected `ValidationException` body (`fieldList`, `message`).
//!
//! Every case of that service concerns constraints. A few cannot reach `validate()`: their
//! `@required` member belongs to a structure without `@input`, so the generated type holds it
//! as a plain value and the builder refuses the input (naming the member) before any
//! validation; those are checked for that refusal and counted apart.

#[cfg(protocol_models)]
mod cases {
    use smithy_runtime::params::{FromParams, ParamsError};
    use protocol_tests::rest_json1::restjsonvalidationprotocol as service;
    use smithy_runtime::ValidationError;
    use smithy_runtime::__private::wire::{base64_decode, parse_timestamp, TimestampFormat};
    use serde_json::{Map, Value};
    use std::path::PathBuf;

    const NAMESPACE: &str = "aws.protocoltests.restjson.validation#";

    /// One expanded case: its id, the input shape, the params JSON and the expected body.
    struct Case {
        id: String,
        input: String,
        params: Value,
        expected: Value,
    }

    /// The model the build script generated from: it exists under `cfg(protocol_models)`, so a
    /// read or parse failure is an error, not a skip.
    fn model() -> Value {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/protocol-tests/restJson1.json");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
    }

    /// Builds the input and validates it; `Err` when the conversion refused the input.
    fn validate(input: &str, params: &Value) -> Result<Result<(), ValidationError>, ParamsError> {
        macro_rules! inputs {
            ($($name:ident),* $(,)?) => {
                match input {
                    $(stringify!($name) => Ok(<service::$name as FromParams>::from_params(params)?.validate()),)*
                    other => Err(ParamsError::new(format!("the harness does not know the input `{other}`"))),
                }
            };
        }
        inputs!(
            MalformedEnumInput,
            MalformedLengthInput,
            MalformedLengthOverrideInput,
            MalformedLengthQueryStringInput,
            MalformedPatternInput,
            MalformedPatternOverrideInput,
            MalformedRangeInput,
            MalformedRangeOverrideInput,
            MalformedRequiredInput,
            MalformedUniqueItemsInput,
            RecursiveStructuresInput,
            SensitiveValidationInput,
        )
    }

    /// `$name:S` (a JSON string) and `$name:L` (as is) replaced by the i-th parameter value.
    fn substitute(text: &str, parameters: &Map<String, Value>, index: usize) -> String {
        let mut text = text.to_owned();
        for (name, values) in parameters {
            let value = values.get(index).and_then(Value::as_str).unwrap_or_default();
            text = text.replace(&format!("${name}:S"), &Value::String(value.to_owned()).to_string());
            text = text.replace(&format!("${name}:L"), value);
        }
        // `$$` escapes a literal `$` in the expected messages (`^[a-m]+$$`).
        text.replace("$$", "$")
    }

    fn prelude(id: &str) -> &'static Value {
        static BLOB: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
        static OTHER: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
        if id == "smithy.api#Blob" {
            BLOB.get_or_init(|| serde_json::json!({"type": "blob"}))
        } else {
            OTHER.get_or_init(|| serde_json::json!({"type": "prelude"}))
        }
    }

    /// Rewrites wire JSON into params JSON, following the shapes: blobs are base64 on the
    /// wire and UTF-8 text in params; `http-date` timestamps become epoch seconds.
    fn to_params(shapes: &Map<String, Value>, shape: &Value, value: &Value) -> Result<Value, String> {
        let kind = shape.get("type").and_then(Value::as_str).unwrap_or_default();
        let target = |member: &Value| -> Value {
            let id = member.get("target").and_then(Value::as_str).unwrap_or_default();
            shapes.get(id).cloned().unwrap_or_else(|| prelude(id).clone())
        };
        Ok(match (kind, value) {
            ("blob", Value::String(text)) => {
                let bytes = base64_decode(text).map_err(|e| e.to_string())?;
                Value::String(String::from_utf8(bytes).map_err(|e| e.to_string())?)
            }
            ("timestamp", Value::String(text)) => {
                let format = shape.pointer("/traits/smithy.api#timestampFormat").and_then(Value::as_str);
                if format == Some("http-date") {
                    let time = parse_timestamp(text, TimestampFormat::HttpDate).map_err(|e| e.to_string())?;
                    Value::from(time.secs())
                } else {
                    value.clone()
                }
            }
            ("list", Value::Array(items)) => {
                let member = target(shape.get("member").unwrap_or(&Value::Null));
                Value::Array(items.iter().map(|item| to_params(shapes, &member, item)).collect::<Result<_, _>>()?)
            }
            ("map", Value::Object(entries)) => {
                let item = target(shape.get("value").unwrap_or(&Value::Null));
                let mut out = Map::new();
                for (key, value) in entries {
                    out.insert(key.clone(), to_params(shapes, &item, value)?);
                }
                Value::Object(out)
            }
            ("structure" | "union", Value::Object(entries)) => {
                let mut out = Map::new();
                for (key, value) in entries {
                    let member = shape.get("members").and_then(|m| m.get(key)).map(target).unwrap_or(Value::Null);
                    out.insert(key.clone(), to_params(shapes, &member, value)?);
                }
                Value::Object(out)
            }
            _ => value.clone(),
        })
    }

    /// The params JSON of a request: its body, plus the members bound to its query
    /// parameters and headers.
    fn request_params(shapes: &Map<String, Value>, input: &str, request: &Value) -> Result<Value, String> {
        let shape = shapes.get(&format!("{NAMESPACE}{input}")).ok_or("no input shape")?;
        let body = request.get("body").and_then(Value::as_str).unwrap_or("{}");
        let body: Value = if body.trim().is_empty() { Value::Object(Map::new()) } else { serde_json::from_str(body).map_err(|e| e.to_string())? };
        let mut params = to_params(shapes, shape, &body)?;
        let members = shape.get("members").and_then(Value::as_object).cloned().unwrap_or_default();
        let object = params.as_object_mut().ok_or("the body is not an object")?;
        for query in request.get("queryParams").and_then(Value::as_array).into_iter().flatten() {
            let query = query.as_str().unwrap_or_default();
            let (name, value) = query.split_once('=').unwrap_or((query, ""));
            for (member, definition) in &members {
                if definition.pointer("/traits/smithy.api#httpQuery").and_then(Value::as_str) == Some(name) {
                    object.insert(member.clone(), Value::String(value.to_owned()));
                }
            }
        }
        for (header, value) in request.get("headers").and_then(Value::as_object).into_iter().flatten() {
            for (member, definition) in &members {
                let bound = definition.pointer("/traits/smithy.api#httpHeader").and_then(Value::as_str);
                if bound.is_some_and(|b| b.eq_ignore_ascii_case(header)) {
                    object.insert(member.clone(), value.clone());
                }
            }
        }
        Ok(params)
    }

    fn cases(model: &Value) -> Vec<Case> {
        let shapes = model.get("shapes").and_then(Value::as_object).cloned().unwrap_or_default();
        let mut out = Vec::new();
        for (id, shape) in &shapes {
            let Some(name) = id.strip_prefix(NAMESPACE) else { continue };
            let Some(tests) = shape.pointer("/traits/smithy.test#httpMalformedRequestTests").and_then(Value::as_array) else {
                continue;
            };
            let input = shape.pointer("/input/target").and_then(Value::as_str).and_then(|t| t.strip_prefix(NAMESPACE));
            let input = input.unwrap_or(name).to_owned();
            for test in tests {
                let test_id = test.get("id").and_then(Value::as_str).unwrap_or_default();
                let parameters = test.get("testParameters").and_then(Value::as_object).cloned().unwrap_or_default();
                let count = parameters.values().filter_map(Value::as_array).map(Vec::len).max().unwrap_or(1).max(1);
                for index in 0..count {
                    let mut request = test.get("request").cloned().unwrap_or(Value::Null);
                    if let Some(body) = request.get_mut("body") {
                        *body = Value::String(substitute(body.as_str().unwrap_or_default(), &parameters, index));
                    }
                    let contents = test.pointer("/response/body/assertion/contents").and_then(Value::as_str).unwrap_or("{}");
                    let expected = substitute(contents, &parameters, index);
                    let params = request_params(&shapes, &input, &request)
                        .unwrap_or_else(|e| panic!("{test_id}[{index}]: cannot build params: {e}"));
                    out.push(Case {
                        id: format!("{test_id}[{index}]"),
                        input: input.clone(),
                        params,
                        expected: serde_json::from_str(&expected).unwrap_or_else(|e| panic!("{test_id}: expected body: {e}")),
                    });
                }
            }
        }
        out
    }

    fn field_list(expected: &Value) -> Vec<(String, String)> {
        let mut fields: Vec<(String, String)> = expected
            .get("fieldList")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|f| {
                let text = |key: &str| f.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
                (text("path"), text("message"))
            })
            .collect();
        fields.sort();
        fields
    }

    #[test]
    fn malformed_request_cases_give_the_expected_violations() {
        let model = model();
        let cases = cases(&model);
        let (mut matched, mut refused_by_builder, mut mismatches) = (0, 0, Vec::new());
        for case in &cases {
            let expected = field_list(&case.expected);
            let expected_message = case.expected.get("message").and_then(Value::as_str).unwrap_or_default();
            match validate(&case.input, &case.params) {
                Ok(Ok(())) => mismatches.push(format!("{}: valid, expected {expected:?}", case.id)),
                Ok(Err(error)) => {
                    let mut found: Vec<(String, String)> =
                        error.violations().iter().map(|v| (v.path().to_owned(), v.message().to_owned())).collect();
                    found.sort();
                    if found == expected && error.to_string() == expected_message {
                        matched += 1;
                    } else {
                        mismatches.push(format!("{}: got {found:?} / {error}, expected {expected:?} / {expected_message}", case.id));
                    }
                }
                // Not `@input`: the required member is a plain value, so the builder refuses
                // the input, naming the member the expected violation points at.
                Err(refusal) => {
                    // The builder names the Rust field (`string_in_header` for `stringInHeader`).
                    let simple = |text: &str| text.replace('_', "").to_lowercase();
                    let refused_member = expected.iter().all(|(path, message)| {
                        let member = path.rsplit('/').next().unwrap_or_default();
                        message.ends_with("Member must not be null") && simple(&refusal.to_string()).contains(&simple(member))
                    });
                    if refused_member && !expected.is_empty() {
                        refused_by_builder += 1;
                    } else {
                        mismatches.push(format!("{}: conversion failed: {refusal}", case.id));
                    }
                }
            }
        }
        eprintln!(
            "RestJsonValidation: {matched} of {} malformed-request cases (testParameters expanded) matched through validate(); \
             {refused_by_builder} are required members of non-@input structures, refused by the builder before validation",
            cases.len()
        );
        assert!(!cases.is_empty(), "no malformed-request case found");
        assert!(mismatches.is_empty(), "{} cases differ:\n{}", mismatches.len(), mismatches.join("\n"));
    }
}

#[cfg(not(protocol_models))]
#[test]
fn malformed_request_cases_give_the_expected_violations() {
    eprintln!("rest_json_validation: SKIPPED, because ../shared/protocol-tests is absent (the shared reference folder is not beside the workspace)");
}
