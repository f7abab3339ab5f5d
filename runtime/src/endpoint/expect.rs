//! Test support for generated crates: the assertions of their endpoint test cases.

use super::{Endpoint, EndpointError};
use crate::Document;

/// Asserts that the resolution gave this endpoint: URL, headers, and properties (given as
/// JSON) all equal. Panics with what differs: it is a test assertion.
#[track_caller]
pub fn expect_endpoint(
    result: Result<Endpoint, EndpointError>,
    url: &str,
    headers: &[(&str, &[&str])],
    properties: &str,
) {
    let endpoint = match result {
        Ok(endpoint) => endpoint,
        Err(error) => panic!("expected the endpoint `{url}`, the resolution failed: {error}"),
    };
    assert_eq!(endpoint.url(), url, "the endpoint's URL");
    let got: Vec<(&str, Vec<&str>)> =
        endpoint.headers().iter().map(|(k, v)| (k.as_str(), v.iter().map(String::as_str).collect())).collect();
    let want: Vec<(&str, Vec<&str>)> = headers.iter().map(|(k, v)| (*k, v.to_vec())).collect();
    assert_eq!(got, want, "the endpoint's headers");
    let mut reader = crate::json::JsonReader::new(properties);
    let want = reader.read_document().expect("the expected properties are JSON");
    assert_eq!(Document::Object(endpoint.properties().clone()), want, "the endpoint's properties");
}

/// Asserts that the resolution failed with exactly this message.
#[track_caller]
pub fn expect_error(result: Result<Endpoint, EndpointError>, message: &str) {
    match result {
        Ok(endpoint) => panic!("expected the error `{message}`, resolved `{}`", endpoint.url()),
        Err(error) => assert_eq!(error.to_string(), message, "the resolution's error"),
    }
}
