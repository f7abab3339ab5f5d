//! Reading an HTTP response: [`ResponseError`], [`UnmodeledError`], and header values.

use super::base64::base64_decode;
use super::header::{split_header_list, split_http_date_list};
use super::text::WireText;
use super::timestamp::{parse_timestamp, TimestampFormat};
use crate::primitives::{Blob, DateTime};
use std::borrow::Cow;
use std::fmt;

/// A response that does not parse: malformed JSON, a value of the wrong type or out of
/// range, a bad header value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseError {
    message: String,
}

impl ResponseError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed response: {}", self.message)
    }
}

impl std::error::Error for ResponseError {}

/// An error response whose type the operation does not model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnmodeledError {
    code: String,
    message: Option<String>,
    status: u16,
}

impl UnmodeledError {
    /// An error with this code, message and HTTP status.
    pub fn new(code: String, message: Option<String>, status: u16) -> Self {
        Self { code, message, status }
    }

    /// The sanitized error code (the shape name, e.g. `ThrottlingException`); empty when
    /// the response named none.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The error message, when the body had one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }
}

impl fmt::Display for UnmodeledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = if self.code.is_empty() { "unknown error" } else { &self.code };
        write!(f, "{code} (HTTP {})", self.status)?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnmodeledError {}

/// The single value of a header, if present; several values are joined with `, ` by the
/// caller's parser as a list; a value that is not visible ASCII/UTF-8 is an error.
pub fn header<B>(response: &http::Response<B>, name: &str) -> Result<Option<String>, ResponseError> {
    let mut values = response.headers().get_all(name).iter().peekable();
    if values.peek().is_none() {
        return Ok(None);
    }
    let mut joined = String::new();
    for (i, value) in values.enumerate() {
        let text = std::str::from_utf8(value.as_bytes())
            .map_err(|_| ResponseError::new(format!("header `{name}` is not UTF-8")))?;
        if i > 0 {
            joined.push_str(", ");
        }
        joined.push_str(text);
    }
    Ok(Some(joined))
}

/// Parses a header value as one value.
pub fn parse_header<T: WireText>(name: &str, text: &str) -> Result<T, ResponseError> {
    T::parse_text(text.trim()).map_err(|e| ResponseError::new(format!("header `{name}`: {e}")))
}

/// Parses a header value as a timestamp.
pub fn parse_header_timestamp(name: &str, text: &str, format: TimestampFormat) -> Result<DateTime, ResponseError> {
    parse_timestamp(text.trim(), format).map_err(|e| ResponseError::new(format!("header `{name}`: {e}")))
}

/// Splits a list-valued header into its items (http-date lists on every second comma).
pub fn header_items<'t>(name: &str, text: &'t str, http_dates: bool) -> Result<Vec<Cow<'t, str>>, ResponseError> {
    if http_dates {
        return Ok(split_http_date_list(text).into_iter().map(Cow::Borrowed).collect());
    }
    split_header_list(text).map_err(|e| ResponseError::new(format!("header `{name}`: {e}")))
}

/// The headers whose names start with `prefix` (compared without case), by the rest of
/// their name, for an `@httpPrefixHeaders` map.
pub fn prefix_headers<B>(
    response: &http::Response<B>,
    prefix: &str,
) -> Result<std::collections::BTreeMap<String, String>, ResponseError> {
    let mut map = std::collections::BTreeMap::new();
    for name in response.headers().keys() {
        let key = name.as_str();
        let matches = key.len() >= prefix.len()
            && key.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
        if matches {
            if let Some(value) = header(response, key)? {
                map.insert(key.get(prefix.len()..).unwrap_or_default().to_owned(), value);
            }
        }
    }
    Ok(map)
}

/// Whether a body is empty or only whitespace.
pub fn is_blank(body: &[u8]) -> bool {
    body.iter().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// Parses a header holding a base64 `@mediaType` string.
pub fn parse_header_base64(name: &str, text: &str) -> Result<String, ResponseError> {
    let bytes = base64_decode(text.trim()).map_err(|e| ResponseError::new(format!("header `{name}`: {e}")))?;
    String::from_utf8(bytes).map_err(|_| ResponseError::new(format!("header `{name}` is not UTF-8 base64")))
}

/// Parses a header holding a base64 blob.
pub fn parse_header_blob(name: &str, text: &str) -> Result<Blob, ResponseError> {
    base64_decode(text.trim()).map(Blob::new).map_err(|e| ResponseError::new(format!("header `{name}`: {e}")))
}

/// The body as text, for a string payload.
pub fn body_text(body: &[u8]) -> Result<String, ResponseError> {
    String::from_utf8(body.to_vec()).map_err(|_| ResponseError::new("body is not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response_with(headers: &[(&str, &str)]) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(Vec::new());
        for (name, value) in headers {
            let name = http::HeaderName::from_bytes(name.as_bytes()).expect("a valid name");
            response.headers_mut().append(name, http::HeaderValue::from_str(value).expect("a valid value"));
        }
        response
    }

    #[test]
    fn response_headers() {
        let response = response_with(
            &[("X-List", "a, \"b,c\""), ("x-list", "d"), ("X-Meta-One", "1"), ("x-meta-two", "2"), ("X-B64", "aGVsbG8=")],
        );
        let list = header(&response, "x-list").ok().flatten().unwrap_or_default();
        assert_eq!(list, "a, \"b,c\", d");
        let items = header_items("x-list", &list, false).unwrap_or_default();
        assert_eq!(items, ["a", "b,c", "d"]);
        assert_eq!(header(&response, "absent"), Ok(None));
        let meta = prefix_headers(&response, "X-Meta-").unwrap_or_default();
        assert_eq!(meta.get("one").map(String::as_str), Some("1"));
        assert_eq!(meta.get("two").map(String::as_str), Some("2"));
        assert_eq!(parse_header_base64("X-B64", "aGVsbG8="), Ok("hello".to_owned()));
        assert_eq!(parse_header_blob("X-B64", " aGVsbG8= "), Ok(Blob::new(b"hello".to_vec())));
        assert!(parse_header_blob("X-B64", "not base64!").is_err_and(|e| e.message().contains("X-B64")));
        assert!(parse_header::<i32>("X-N", "nope").is_err_and(|e| e.message().contains("X-N")));
        assert_eq!(parse_header::<i64>("X-N", " 42 "), Ok(42));
    }
}
