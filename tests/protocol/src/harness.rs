//! What the generated protocol tests call: the case data and the checks of smithy.test.

use smithy_runtime::params::FromParams;

/// A `smithy.test#httpRequestTests` case.
#[derive(Debug)]
pub struct RequestCase {
    /// The case ID.
    pub id: &'static str,
    /// The endpoint's host (and base path) the request is sent to, when the case gives one.
    pub host: Option<&'static str>,
    /// The host the request must reach (after the operation's host prefix).
    pub resolved_host: Option<&'static str>,
    /// Expected HTTP method.
    pub method: &'static str,
    /// Expected path, without the query string.
    pub uri: &'static str,
    /// `name=value` pairs (percent-encoded as on the wire) that must all be in the query.
    pub query_params: &'static [&'static str],
    /// Query parameter names that must be absent.
    pub forbid_query_params: &'static [&'static str],
    /// Query parameter names that must be present.
    pub require_query_params: &'static [&'static str],
    /// Headers that must have exactly these values.
    pub headers: &'static [(&'static str, &'static str)],
    /// Header names that must be absent.
    pub forbid_headers: &'static [&'static str],
    /// Header names that must be present.
    pub require_headers: &'static [&'static str],
    /// The expected body, when the case gives one (`Some("")`: empty).
    pub body: Option<&'static str>,
    /// The media type that says how to compare bodies (`application/json`: as JSON values).
    pub body_media_type: Option<&'static str>,
    /// The input, as Smithy params JSON.
    pub params: &'static str,
}

/// A `smithy.test#httpResponseTests` case.
#[derive(Debug)]
pub struct ResponseCase {
    /// The case ID.
    pub id: &'static str,
    /// HTTP status code.
    pub code: u16,
    /// Response headers.
    pub headers: &'static [(&'static str, &'static str)],
    /// Response body.
    pub body: Option<&'static str>,
    /// Media type of the body.
    pub body_media_type: Option<&'static str>,
    /// The expected output or error, as Smithy params JSON.
    pub params: &'static str,
}

/// Parses the params JSON of a case; the test fails with the reason if it does not parse.
pub fn params_json(params: &str) -> serde_json::Value {
    match serde_json::from_str(params) {
        Ok(value) => value,
        Err(e) => panic!("the case's params are not JSON: {e}"),
    }
}

/// The idempotency token every request test uses, as the smithy.test cases expect.
pub const TEST_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// Request options for tests: validation off (cases send what they send, e.g. NaN or
/// out-of-pattern values, to test serialization alone) and a fixed idempotency token.
pub fn request_options() -> smithy_runtime::RequestOptions {
    smithy_runtime::RequestOptions::new().without_validation().with_token_source(|| TEST_TOKEN.to_owned())
}

/// Runs a request case: `serialize` builds the input from the params and serializes it;
/// the test fails, listing every difference, unless the request is the expected one.
pub fn check_request<F>(case: &RequestCase, serialize: F)
where
    F: FnOnce(&serde_json::Value, &smithy_runtime::RequestOptions) -> Result<http::Request<Vec<u8>>, String>,
{
    let request = match serialize(&params_json(case.params), &request_options()) {
        Ok(request) => request,
        Err(e) => panic!("{}: {e}", case.id),
    };
    let problems = request_differences(case, &request);
    if !problems.is_empty() {
        panic!(
            "{}: the request differs from the expected one:\n  - {}\nrequest: {} {}\nheaders: {:?}\nbody: {}",
            case.id,
            problems.join("\n  - "),
            request.method(),
            request.uri(),
            request.headers(),
            String::from_utf8_lossy(request.body())
        );
    }
}

/// Every way the request differs from the case (empty when it matches).
pub fn request_differences(case: &RequestCase, request: &http::Request<Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    if request.method().as_str() != case.method {
        problems.push(format!("method: expected {}, got {}", case.method, request.method()));
    }
    let uri = request.uri();
    if let Some(host) = case.resolved_host {
        if uri.host() != Some(host) {
            problems.push(format!("host: expected {host}, got {:?}", uri.host()));
        }
    }
    if uri.path() != case.uri {
        problems.push(format!("path: expected {}, got {}", case.uri, uri.path()));
    }
    let query: Vec<&str> = uri.query().map(|q| q.split('&').filter(|p| !p.is_empty()).collect()).unwrap_or_default();
    problems.extend(query_differences(case, &query));
    problems.extend(header_differences(case, request.headers()));
    if let Some(expected) = case.body {
        if let Err(problem) = same_body(expected, request.body(), case.body_media_type) {
            problems.push(problem);
        }
    }
    problems
}

/// `queryParams` (each listed pair present, as encoded on the wire; repeated pairs must
/// repeat; order and extra parameters free), `forbidQueryParams`, `requireQueryParams`.
fn query_differences(case: &RequestCase, query: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut unmatched: Vec<&str> = query.to_vec();
    for expected in case.query_params {
        match unmatched.iter().position(|actual| actual == expected) {
            Some(i) => {
                unmatched.remove(i);
            }
            None => problems.push(format!("query: `{expected}` missing from {query:?}")),
        }
    }
    let name = |pair: &str| pair.split_once('=').map_or(pair, |(k, _)| k).to_owned();
    let names: Vec<String> = query.iter().map(|p| name(p)).collect();
    for forbidden in case.forbid_query_params {
        if names.iter().any(|n| n == forbidden) {
            problems.push(format!("query: `{forbidden}` is forbidden but present in {query:?}"));
        }
    }
    for required in case.require_query_params {
        if !names.iter().any(|n| n == required) {
            problems.push(format!("query: `{required}` is required but absent from {query:?}"));
        }
    }
    problems
}

/// `headers` (exact values, names case-insensitive), `forbidHeaders`, `requireHeaders`.
fn header_differences(case: &RequestCase, headers: &http::HeaderMap) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, expected) in case.headers {
        let values: Vec<&str> = headers.get_all(*name).iter().map(|v| v.to_str().unwrap_or("<not text>")).collect();
        let actual = values.join(", ");
        if values.is_empty() {
            problems.push(format!("header `{name}`: expected `{expected}`, absent"));
        } else if actual != *expected {
            problems.push(format!("header `{name}`: expected `{expected}`, got `{actual}`"));
        }
    }
    for forbidden in case.forbid_headers {
        if headers.contains_key(*forbidden) {
            problems.push(format!("header `{forbidden}` is forbidden but present"));
        }
    }
    for required in case.require_headers {
        if !headers.contains_key(*required) {
            problems.push(format!("header `{required}` is required but absent"));
        }
    }
    problems
}

/// Bodies: JSON media types compare as JSON values (numbers by value), others as bytes; an
/// empty expected body means an empty body.
pub fn same_body(expected: &str, actual: &[u8], media_type: Option<&str>) -> Result<(), String> {
    let is_json = media_type.is_some_and(|m| m.contains("json"));
    if expected.is_empty() || !is_json {
        return if actual == expected.as_bytes() {
            Ok(())
        } else {
            Err(format!("body: expected {expected:?}, got {:?}", String::from_utf8_lossy(actual)))
        };
    }
    let expected_json: serde_json::Value =
        serde_json::from_str(expected).map_err(|e| format!("the case's body is not JSON ({e}): {expected}"))?;
    let actual_json: serde_json::Value = serde_json::from_slice(actual)
        .map_err(|e| format!("body: expected JSON {expected}, got text that is not JSON ({e}): {:?}", String::from_utf8_lossy(actual)))?;
    if same_json(&expected_json, &actual_json) {
        Ok(())
    } else {
        Err(format!("body: expected JSON {expected_json}, got {actual_json}"))
    }
}

/// JSON equality with numbers compared by value (`1` equals `1.0`).
pub fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64().is_some_and(|x| y.as_f64() == Some(x)),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// Runs a response case: `parse` gets the HTTP response and the params and says whether what
/// the generated code parsed is what the params describe.
pub fn check_response<F>(case: &ResponseCase, parse: F)
where
    F: FnOnce(&http::Response<Vec<u8>>, &serde_json::Value) -> Result<(), String>,
{
    let mut builder = http::Response::builder().status(case.code);
    for (name, value) in case.headers {
        builder = builder.header(*name, *value);
    }
    let response = match builder.body(case.body.unwrap_or_default().as_bytes().to_vec()) {
        Ok(response) => response,
        Err(e) => panic!("{}: the case's response is not valid HTTP: {e}", case.id),
    };
    if let Err(problem) = parse(&response, &params_json(case.params)) {
        panic!("{}: {problem}", case.id);
    }
}

/// A request whose body is a stream, with the body read into memory (the cases build
/// their streams from params, so they are in memory already).
pub fn buffered(request: http::Request<smithy_runtime::ByteStream>) -> http::Request<Vec<u8>> {
    request.map(|body| match body.into_bytes() {
        Ok(bytes) => bytes.to_vec(),
        Err(stream) => panic!("a request body streams instead of being in memory: {stream:?}"),
    })
}

/// The case's response with its body as a stream, for an operation whose output streams.
pub fn streamed(response: &http::Response<Vec<u8>>) -> http::Response<smithy_runtime::ByteStream> {
    let mut streamed = http::Response::new(smithy_runtime::ByteStream::from(response.body().clone()));
    *streamed.status_mut() = response.status();
    *streamed.headers_mut() = response.headers().clone();
    streamed
}

/// Converts params, for the generated closures.
pub fn expected<T: FromParams>(params: &serde_json::Value) -> Result<T, String> {
    T::from_params(params).map_err(|e| format!("cannot build the expected {} from params: {e}", std::any::type_name::<T>()))
}

/// Compares a parsed value with the expected one. NaN equals NaN here (the cases use it), so
/// values that differ only by NaN fields compare by their `Debug` text.
pub fn same<T: PartialEq + std::fmt::Debug>(actual: &T, expected: &T) -> Result<(), String> {
    let (actual_text, expected_text) = (format!("{actual:?}"), format!("{expected:?}"));
    if actual == expected || (expected_text.contains("NaN") && actual_text == expected_text) {
        Ok(())
    } else {
        Err(format!("parsed\n  {actual_text}\nexpected\n  {expected_text}"))
    }
}
