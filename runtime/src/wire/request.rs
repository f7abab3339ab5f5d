//! Building an HTTP request: [`RequestOptions`], [`RequestError`], idempotency tokens,
//! URI labels, query strings and headers.

use super::percent::{push_percent_encoded, push_percent_encoded_greedy};
use super::timestamp::{format_timestamp, TimestampFormat};
use super::WireError;
use crate::primitives::DateTime;
use std::borrow::Cow;
use std::fmt;

/// Produces idempotency tokens for members the caller left unset.
pub type TokenSource = std::sync::Arc<dyn Fn() -> String + Send + Sync>;

/// How `request` builds an HTTP request from an operation input.
///
/// The default validates the input first and fills unset `@idempotencyToken` members with
/// a random UUID v4; it compresses request bodies of operations with `@requestCompression`
/// from 10240 bytes, and computes the request checksums of operations that support one.
#[derive(Clone)]
pub struct RequestOptions {
    validate: bool,
    token_source: Option<TokenSource>,
    /// The minimum body size compressed, or `None` when compression is off.
    compression: Option<u32>,
    checksum_calculation: super::checksum::ChecksumCalculation,
}

impl Default for RequestOptions {
    fn default() -> Self {
        Self {
            validate: true,
            token_source: None,
            compression: Some(super::compression::DEFAULT_MIN_COMPRESSION_SIZE),
            checksum_calculation: super::checksum::ChecksumCalculation::default(),
        }
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestOptions")
            .field("validate", &self.validate)
            .field("token_source", &self.token_source.as_ref().map(|_| "custom"))
            .field("compression", &self.compression)
            .field("checksum_calculation", &self.checksum_calculation)
            .finish()
    }
}

impl RequestOptions {
    /// The smallest body compressed by default, in bytes.
    pub const DEFAULT_MIN_COMPRESSION_SIZE: u32 = super::compression::DEFAULT_MIN_COMPRESSION_SIZE;

    /// The largest minimum size compression accepts, in bytes (10 MiB).
    pub const MAX_MIN_COMPRESSION_SIZE: u32 = super::compression::MAX_MIN_COMPRESSION_SIZE;

    /// The default options: validate, random idempotency tokens.
    pub fn new() -> Self {
        Self::default()
    }

    /// Skips validation of the input (to send what the caller built, as is).
    pub fn without_validation(mut self) -> Self {
        self.validate = false;
        self
    }

    /// Whether the input is validated before it is sent.
    pub fn validates(&self) -> bool {
        self.validate
    }

    /// Takes idempotency tokens for unset members from `source` instead of generating
    /// random UUIDs, e.g. to make requests repeatable in tests.
    pub fn with_token_source(mut self, source: impl Fn() -> String + Send + Sync + 'static) -> Self {
        self.token_source = Some(std::sync::Arc::new(source));
        self
    }

    /// Request compression (`@requestCompression`), as the `disable_request_compression` and
    /// `request_min_compression_size_bytes` settings of the AWS SDKs: whether it is on, and the
    /// smallest body compressed, in bytes (default 10240). A minimum above 10485760 (10 MiB)
    /// is an error naming the setting.
    pub fn with_request_compression(mut self, enabled: bool, min_size_bytes: u32) -> Result<Self, WireError> {
        if min_size_bytes > super::compression::MAX_MIN_COMPRESSION_SIZE {
            return Err(WireError::new(format!(
                "request_min_compression_size_bytes is {min_size_bytes}, above the largest allowed value, {}",
                super::compression::MAX_MIN_COMPRESSION_SIZE
            )));
        }
        self.compression = enabled.then_some(min_size_bytes);
        Ok(self)
    }

    /// The smallest request body compressed, in bytes, or `None` when compression is off.
    pub fn request_compression(&self) -> Option<u32> {
        self.compression
    }

    /// When request checksums are computed (`request_checksum_calculation` in the AWS SDKs).
    pub fn with_checksum_calculation(mut self, calculation: super::checksum::ChecksumCalculation) -> Self {
        self.checksum_calculation = calculation;
        self
    }

    /// When request checksums are computed.
    pub fn checksum_calculation(&self) -> super::checksum::ChecksumCalculation {
        self.checksum_calculation
    }

    /// A token for an `@idempotencyToken` member the caller left unset.
    pub fn idempotency_token(&self) -> Result<String, RequestError> {
        match &self.token_source {
            Some(source) => Ok(source()),
            None => uuid_v4(),
        }
    }
}

/// A random UUID version 4 (RFC 9562) in its hyphenated lower-case form.
pub fn uuid_v4() -> Result<String, RequestError> {
    let mut bytes = [0_u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| RequestError::Serialize(WireError::new(format!("no randomness for an idempotency token: {e}"))))?;
    bytes[6] = bytes[6] & 0x0F | 0x40;
    bytes[8] = bytes[8] & 0x3F | 0x80;
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        super::hex::push_hex_lower(&mut out, *b);
    }
    Ok(out)
}

/// Why a request could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum RequestError {
    /// The input breaks constraints of the model (see [`RequestOptions::without_validation`]).
    Invalid(crate::validation::ValidationError),
    /// A value has no wire form: a missing or empty URI label, a timestamp outside the
    /// years 0001 to 9999, a header value with a line break, …
    Serialize(WireError),
    /// The request cannot go to the endpoint: a `@hostLabel` value is not a valid host
    /// label, or the endpoint is not a usable URL.
    #[cfg(feature = "endpoints")]
    Endpoint(crate::endpoint::EndpointError),
}

impl RequestError {
    /// A serialization error with this message.
    pub fn serialize(message: impl Into<Cow<'static, str>>) -> Self {
        Self::Serialize(WireError::new(message))
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid(e) => write!(f, "invalid request: {e}"),
            Self::Serialize(e) => write!(f, "cannot serialize the request: {e}"),
            #[cfg(feature = "endpoints")]
            Self::Endpoint(e) => write!(f, "cannot send the request to the endpoint: {e}"),
        }
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Invalid(e) => Some(e),
            Self::Serialize(e) => Some(e),
            #[cfg(feature = "endpoints")]
            Self::Endpoint(e) => Some(e),
        }
    }
}

impl From<crate::validation::ValidationError> for RequestError {
    fn from(error: crate::validation::ValidationError) -> Self {
        Self::Invalid(error)
    }
}

#[cfg(feature = "endpoints")]
impl From<crate::endpoint::EndpointError> for RequestError {
    fn from(error: crate::endpoint::EndpointError) -> Self {
        Self::Endpoint(error)
    }
}

impl From<WireError> for RequestError {
    fn from(error: WireError) -> Self {
        Self::Serialize(error)
    }
}

/// Appends `value` as one URI label; an empty label is an error (the path would change).
pub fn push_label(out: &mut String, value: &str, greedy: bool, member: &'static str) -> Result<(), RequestError> {
    if value.is_empty() {
        return Err(RequestError::serialize(format!("URI label `{member}` is empty")));
    }
    if greedy {
        push_percent_encoded_greedy(out, value);
    } else {
        push_percent_encoded(out, value);
    }
    Ok(())
}

/// The error for a required URI label that is not set.
pub fn missing_label(member: &'static str) -> RequestError {
    RequestError::serialize(format!("URI label `{member}` is not set"))
}

/// A query string under construction: `key=value` pairs, percent-encoded.
#[derive(Debug, Default)]
pub struct Query {
    text: String,
}

impl Query {
    /// Starts with the literal part of the URI pattern (`a=b&c`, already encoded).
    pub fn new(literal: &str) -> Self {
        Self { text: literal.to_owned() }
    }

    /// Adds `key=value`.
    pub fn push(&mut self, key: &str, value: &str) {
        if !self.text.is_empty() {
            self.text.push('&');
        }
        push_percent_encoded(&mut self.text, key);
        self.text.push('=');
        push_percent_encoded(&mut self.text, value);
    }

    /// Adds `key=value` from an `@httpQueryParams` map unless an `@httpQuery` member
    /// already set that key (it wins).
    pub fn push_param(&mut self, reserved: &[&str], key: &str, value: &str) {
        if !reserved.contains(&key) {
            self.push(key, value);
        }
    }

    /// Appends `?` and the query to `uri`, when there is one.
    pub fn finish(self, uri: &mut String) {
        if !self.text.is_empty() {
            uri.push('?');
            uri.push_str(&self.text);
        }
    }
}

/// The text of a timestamp in a label, query or header.
pub fn timestamp_text(value: DateTime, format: TimestampFormat) -> Result<String, RequestError> {
    format_timestamp(value, format).map_err(RequestError::from)
}

/// A request with this method, origin-form URI and body, with a `Content-Length` header
/// when the body is not empty.
pub fn new_request(method: &str, uri: String, body: Vec<u8>) -> Result<http::Request<Vec<u8>>, RequestError> {
    let length = body.len();
    let mut request = http::Request::builder()
        .method(method)
        .uri(uri)
        .body(body)
        .map_err(|e| RequestError::serialize(format!("invalid request: {e}")))?;
    if length > 0 {
        request.headers_mut().insert(http::header::CONTENT_LENGTH, http::header::HeaderValue::from(length));
    }
    Ok(request)
}

/// A request whose body is a `@streaming` blob, with a `Content-Length` header when its
/// length is known (a stream of unknown length is the transport's to frame, unless the
/// blob is `@requiresLength`: then it is an error).
pub fn new_streaming_request(
    method: &str,
    uri: String,
    body: crate::ByteStream,
    requires_length: bool,
) -> Result<http::Request<crate::ByteStream>, RequestError> {
    use http_body::Body as _;
    let length = body.size_hint().exact();
    if requires_length && length.is_none() {
        return Err(RequestError::serialize(
            "the operation requires the stream's length (`@requiresLength`), and this stream does not know it",
        ));
    }
    let mut request = http::Request::builder()
        .method(method)
        .uri(uri)
        .body(body)
        .map_err(|e| RequestError::serialize(format!("invalid request: {e}")))?;
    if let Some(length) = length.filter(|&n| n > 0) {
        request.headers_mut().insert(http::header::CONTENT_LENGTH, http::header::HeaderValue::from(length));
    }
    Ok(request)
}

/// Sets each `(name, value)` header as [`insert_header`] does.
pub fn insert_headers<B>(request: &mut http::Request<B>, headers: &[(&str, &str)]) -> Result<(), RequestError> {
    headers.iter().try_for_each(|(name, value)| insert_header(request, name, value))
}

/// Sets a header, replacing any value it had; a name or value that HTTP does not allow
/// (a line break, …) is a [`RequestError`].
pub fn insert_header<B>(request: &mut http::Request<B>, name: &str, value: &str) -> Result<(), RequestError> {
    let name = http::header::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| RequestError::serialize(format!("invalid header name `{name}`")))?;
    let value = http::header::HeaderValue::from_str(value)
        .map_err(|_| RequestError::serialize(format!("invalid value for header `{name}`")))?;
    request.headers_mut().insert(name, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_4() {
        let (a, b) = (uuid_v4(), uuid_v4());
        let a = a.unwrap_or_default();
        assert_eq!(a.len(), 36);
        assert_eq!(a.as_bytes().get(14), Some(&b'4'));
        assert!(a.as_bytes().get(19).is_some_and(|c| b"89ab".contains(c)), "{a}");
        assert!(a.chars().enumerate().all(|(i, c)| if [8, 13, 18, 23].contains(&i) { c == '-' } else { c.is_ascii_hexdigit() && !c.is_ascii_uppercase() }));
        assert_ne!(Some(a), b.ok());
        let options = RequestOptions::default().with_token_source(|| "fixed".to_owned());
        assert_eq!(options.idempotency_token().ok().as_deref(), Some("fixed"));
        assert!(options.validates() && !options.without_validation().validates());
    }

    #[test]
    fn query_strings() {
        let mut uri = String::from("/path");
        let mut query = Query::new("fixed=1&flag");
        query.push("a b", "c&d=e");
        query.push("list", "x");
        query.push("list", "");
        query.push_param(&["list"], "list", "ignored");
        query.push_param(&["list"], "other", "kept");
        query.finish(&mut uri);
        assert_eq!(uri, "/path?fixed=1&flag&a%20b=c%26d%3De&list=x&list=&other=kept");
        let mut uri = String::from("/");
        Query::new("").finish(&mut uri);
        assert_eq!(uri, "/");
    }

    #[test]
    fn labels() {
        let mut out = String::new();
        assert!(push_label(&mut out, "a/b c", false, "Key").is_ok());
        assert!(push_label(&mut out, "/x/y", true, "Key").is_ok());
        assert_eq!(out, "a%2Fb%20c/x/y");
        assert!(push_label(&mut out, "", false, "Key").is_err_and(|e| e.to_string().contains("`Key`")));
    }

    #[test]
    fn requests_reject_bad_headers() {
        let request = new_request("POST", "/a?b=c".to_owned(), b"{}".to_vec());
        let Ok(mut request) = request else { panic!("a valid request") };
        assert_eq!(request.headers().get("content-length").map(|v| v.as_bytes()), Some(&b"2"[..]));
        assert!(insert_header(&mut request, "X-Ok", "fine").is_ok());
        assert!(insert_header(&mut request, "X-Bad", "line\nbreak").is_err());
        assert!(insert_header(&mut request, "bad name", "x").is_err());
        assert!(new_request("POST", "not a uri with spaces".to_owned(), Vec::new()).is_err());
        let Ok(empty) = new_request("GET", "/".to_owned(), Vec::new()) else { panic!("a valid request") };
        assert!(empty.headers().get("content-length").is_none());
    }
}
