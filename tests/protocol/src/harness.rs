//! What the generated protocol tests call: the case data and the checks of smithy.test.

use crate::params::FromParams;

/// A `smithy.test#httpRequestTests` case.
#[derive(Debug)]
pub struct RequestCase {
    /// The case ID.
    pub id: &'static str,
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

/// Checks that the case's params convert to `T`.
pub fn check_params<T: FromParams>(params: &str) -> T {
    match T::from_params(&params_json(params)) {
        Ok(value) => value,
        Err(e) => panic!("cannot build the {} from the case's params: {e}", std::any::type_name::<T>()),
    }
}

impl FromParams for () {
    fn from_params(value: &serde_json::Value) -> Result<Self, crate::params::ParamsError> {
        match value.as_object() {
            Some(o) if o.is_empty() => Ok(()),
            _ => Err(crate::params::ParamsError::new("expected `{}` for a Unit shape")),
        }
    }
}
