//! From an origin-form request and a resolved endpoint to the request to send.

use super::{Endpoint, EndpointError};

/// Checks the value of a `@hostLabel` member before it goes into the host: one or more
/// RFC 1123 labels joined by `.`. `member` names it in the error.
pub fn host_label<'v>(member: &str, value: &'v str) -> Result<&'v str, EndpointError> {
    if super::functions::is_valid_host_label(value, true) {
        Ok(value)
    } else {
        Err(EndpointError::invalid_host_label(member, value))
    }
}

/// Checks the value of a `@required` input member bound to an endpoint parameter
/// (`@contextParam`): the server routes by it, so a request with it empty or only white
/// space is not sent. `member` names it in the error.
pub fn required_context_value(member: &str, value: &str) -> Result<(), EndpointError> {
    if value.trim().is_empty() {
        Err(EndpointError::blank_context_value(member))
    } else {
        Ok(())
    }
}

impl Endpoint {
    /// Points an origin-form request (as the sans-IO `request()` functions build it) at
    /// this endpoint: its URI becomes absolute, with the endpoint's scheme and authority,
    /// `host_prefix` (the operation's `@endpoint(hostPrefix)`, its labels already checked
    /// with [`host_label`]) before the host, and the endpoint's base path before the
    /// request's path; the endpoint's headers are added.
    pub fn apply<B>(
        &self,
        request: http::Request<B>,
        host_prefix: Option<&str>,
    ) -> Result<http::Request<B>, EndpointError> {
        let endpoint: http::Uri = self
            .url()
            .parse()
            .map_err(|e| EndpointError::invalid_endpoint(format!("`{}` is not a URL: {e}", self.url())))?;
        let (Some(scheme), Some(authority)) = (endpoint.scheme_str(), endpoint.authority()) else {
            return Err(EndpointError::invalid_endpoint(format!("`{}` has no scheme or no host", self.url())));
        };
        if endpoint.query().is_some() {
            return Err(EndpointError::invalid_endpoint(format!("`{}` has a query", self.url())));
        }
        let (mut parts, body) = request.into_parts();
        let base_path = endpoint.path().trim_end_matches('/');
        let request_path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        let uri = format!("{scheme}://{}{authority}{base_path}{request_path}", host_prefix.unwrap_or_default());
        parts.uri = uri.parse().map_err(|e| EndpointError::invalid_endpoint(format!("`{uri}` is not a URI: {e}")))?;
        for (name, values) in self.headers() {
            let name = http::header::HeaderName::try_from(name.as_str())
                .map_err(|e| EndpointError::invalid_endpoint(format!("`{name}` is not a header name: {e}")))?;
            for value in values {
                let value = http::header::HeaderValue::try_from(value.as_str()).map_err(|e| {
                    EndpointError::invalid_endpoint(format!("`{value}` is not a value of header `{name}`: {e}"))
                })?;
                parts.headers.append(name.clone(), value);
            }
        }
        Ok(http::Request::from_parts(parts, body))
    }
}
