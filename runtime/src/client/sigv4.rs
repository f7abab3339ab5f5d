//! AWS Signature Version 4: signs an [`http::Request`] in place, in its headers or (for a
//! presigned URL) in its query string.
//!
//! The signer follows the published algorithm: a canonical request (method, canonical path,
//! sorted query, sorted and trimmed headers, payload hash), a string to sign over its SHA-256,
//! and an HMAC-SHA256 chain from the secret key down to the day, region and service. The
//! official test suite (`runtime/tests/sigv4_suite.rs`) checks every step of it, not only the
//! final signature. [`sign_with_intermediates`] hands those steps back, for the suite and for
//! debugging a signature a service rejected.
//!
//! Services differ in two ways, both in [`SigningSettings`]: most expect the path encoded a
//! second time and normalized (the defaults), while S3 expects it as sent
//! ([`SigningSettings::s3`]).

use super::Credentials;
use crate::wire::hex::hex_lower as hex;
use crate::wire::timestamp::civil_from_days;
use crate::wire::percent::{is_unreserved, push_escape, push_percent_encoded_bytes};
use hmac::{Hmac, Mac};
use http::header::{HeaderName, HeaderValue};
use http::uri::{PathAndQuery, Uri};
use sha2::{Digest, Sha256};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

type HmacSha256 = Hmac<Sha256>;

const ALGORITHM: &str = "AWS4-HMAC-SHA256";
/// The payload hash of a request whose body is not signed (S3 and presigned URLs).
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// The longest a presigned URL may stay valid: seven days.
pub const MAX_EXPIRES_IN: Duration = Duration::from_secs(7 * 24 * 60 * 60);

const X_AMZ_DATE: &str = "x-amz-date";
const X_AMZ_SECURITY_TOKEN: &str = "x-amz-security-token";
const X_AMZ_CONTENT_SHA256: &str = "x-amz-content-sha256";

/// Headers never signed, as the AWS SDKs agree: the signature itself, and headers that
/// proxies and transports add, change or drop on the way.
const UNSIGNED_HEADERS: [&str; 5] = ["authorization", "user-agent", "x-amzn-trace-id", "expect", "transfer-encoding"];

/// Headers a presigned URL leaves unsigned too: whoever uses the URL would have to send them.
const UNSIGNED_HEADERS_IN_QUERY: [&str; 2] = ["x-amz-user-agent", "x-amz-checksum-mode"];

/// The query parameters of a signature; left out of the canonical query when a request is
/// signed again, so that a second signature replaces the first.
const SIGNATURE_QUERY_PARAMS: [&str; 7] = [
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Date",
    "X-Amz-Expires",
    "X-Amz-SignedHeaders",
    "X-Amz-Security-Token",
    "X-Amz-Signature",
];

/// The payload hash that goes into the canonical request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayloadChecksum<'a> {
    /// The whole body, hashed with SHA-256 (an empty slice for a request without a body).
    Bytes(&'a [u8]),
    /// `UNSIGNED-PAYLOAD`: the body is not signed (S3 over HTTPS, presigned URLs).
    Unsigned,
    /// A hash computed elsewhere (lowercase hex of its SHA-256), or another value the service
    /// defines, such as `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`.
    Precomputed(&'a str),
}

impl Default for PayloadChecksum<'_> {
    /// An empty body.
    fn default() -> Self {
        PayloadChecksum::Bytes(&[])
    }
}

/// Where the signature goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureLocation {
    /// The `authorization` and `x-amz-*` headers: an ordinary request.
    Headers,
    /// The query string (`X-Amz-Signature` and the rest): a presigned URL, valid for
    /// `expires_in` (whole seconds, 1 s to 7 days) from the signing time.
    QueryString {
        /// How long the URL stays valid.
        expires_in: Duration,
    },
}

/// Whether the session token of temporary credentials is part of the signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionTokenMode {
    /// Signed like any other header or parameter: what every service accepts.
    Include,
    /// Sent, but added after signing: the few services that want the token outside the
    /// signature.
    Exclude,
}

/// How a service wants its requests signed. The defaults fit every service but S3
/// ([`SigningSettings::s3`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SigningSettings {
    /// Percent-encode the path once more as it is sent (`%20` becomes `%2520`). True by
    /// default; S3 wants the path as sent.
    pub double_uri_encode: bool,
    /// Remove `.` and `..` segments and empty segments from the signed path. True by
    /// default; S3 keys may hold such segments, so S3 signs the path as sent.
    pub normalize_path: bool,
    /// Headers or query string.
    pub location: SignatureLocation,
    /// Send the payload hash in `x-amz-content-sha256` (and sign it). False by default; S3
    /// requires it. Only in [`SignatureLocation::Headers`].
    pub content_sha256_header: bool,
    /// Whether the session token is signed.
    pub session_token_mode: SessionTokenMode,
}

impl Default for SigningSettings {
    fn default() -> Self {
        Self {
            double_uri_encode: true,
            normalize_path: true,
            location: SignatureLocation::Headers,
            content_sha256_header: false,
            session_token_mode: SessionTokenMode::Include,
        }
    }
}

impl SigningSettings {
    /// S3's settings: the path signed as sent, and the payload hash in `x-amz-content-sha256`.
    pub fn s3() -> Self {
        Self { double_uri_encode: false, normalize_path: false, content_sha256_header: true, ..Self::default() }
    }
}

/// Everything one signature needs besides the request. `Debug` shows no secret (the
/// credentials redact their own).
#[derive(Clone, Debug)]
pub struct SigningParams<'a> {
    credentials: &'a Credentials,
    region: &'a str,
    service: &'a str,
    time: SystemTime,
    payload: PayloadChecksum<'a>,
    settings: SigningSettings,
}

impl<'a> SigningParams<'a> {
    /// Parameters to sign for `service` (the signing name, such as `s3` or `execute-api`) in
    /// `region` at `time`, with an empty payload and the default settings.
    pub fn new(credentials: &'a Credentials, region: &'a str, service: &'a str, time: SystemTime) -> Self {
        Self {
            credentials,
            region,
            service,
            time,
            payload: PayloadChecksum::default(),
            settings: SigningSettings::default(),
        }
    }

    /// The payload hash to sign.
    pub fn with_payload(mut self, payload: PayloadChecksum<'a>) -> Self {
        self.payload = payload;
        self
    }

    /// The service's signing settings.
    pub fn with_settings(mut self, settings: SigningSettings) -> Self {
        self.settings = settings;
        self
    }

    /// The credentials that sign.
    pub fn credentials(&self) -> &'a Credentials {
        self.credentials
    }

    /// The signing region.
    pub fn region(&self) -> &'a str {
        self.region
    }

    /// The signing name of the service.
    pub fn service(&self) -> &'a str {
        self.service
    }

    /// The signing time.
    pub fn time(&self) -> SystemTime {
        self.time
    }

    /// The payload hash to sign.
    pub fn payload(&self) -> PayloadChecksum<'a> {
        self.payload
    }

    /// The signing settings.
    pub fn settings(&self) -> &SigningSettings {
        &self.settings
    }
}

/// Why a request could not be signed. The message names the cause and never holds a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningError {
    message: String,
}

impl SigningError {
    fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot sign the request: {}", self.message)
    }
}

impl std::error::Error for SigningError {}

/// The steps of one signature: what the service compares when it rejects a signature
/// (`SignatureDoesNotMatch` quotes its own canonical request and string to sign).
///
/// `Debug` leaves out the canonical request, which holds the session token when there is
/// one; [`canonical_request`](Self::canonical_request) gives it.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningIntermediates {
    canonical_request: String,
    string_to_sign: String,
    signature: String,
}

impl SigningIntermediates {
    /// The canonical request.
    pub fn canonical_request(&self) -> &str {
        &self.canonical_request
    }

    /// The string to sign.
    pub fn string_to_sign(&self) -> &str {
        &self.string_to_sign
    }

    /// The signature, lowercase hex.
    pub fn signature(&self) -> &str {
        &self.signature
    }
}

impl fmt::Debug for SigningIntermediates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningIntermediates")
            .field("canonical_request", &"** may hold the session token **")
            .field("string_to_sign", &self.string_to_sign)
            .field("signature", &self.signature)
            .finish()
    }
}

/// Signs `request` in place. With [`SignatureLocation::Headers`] it sets `x-amz-date`,
/// `x-amz-security-token` (with a session token), `x-amz-content-sha256` (when asked) and
/// `authorization`; with [`SignatureLocation::QueryString`] it appends the `X-Amz-*`
/// parameters to the URI. Signing again replaces an earlier signature.
///
/// The URI must be absolute (`https://host/path?query`). Every header already on the
/// request is signed but those the SDKs never sign (`authorization`, `user-agent`,
/// `x-amzn-trace-id`, `expect`, `transfer-encoding`); `host` is signed from the URI's
/// authority (without a default port) unless the request carries its own.
pub fn sign<B>(request: &mut http::Request<B>, params: &SigningParams<'_>) -> Result<(), SigningError> {
    sign_with_intermediates(request, params).map(|_| ())
}

/// [`sign`], handing back the canonical request, the string to sign and the signature.
pub fn sign_with_intermediates<B>(
    request: &mut http::Request<B>,
    params: &SigningParams<'_>,
) -> Result<SigningIntermediates, SigningError> {
    let settings = &params.settings;
    let credentials = params.credentials;
    check_scope_part("access key ID", credentials.access_key_id())?;
    check_scope_part("region", params.region)?;
    check_scope_part("service", params.service)?;
    let token = credentials
        .session_token()
        .map(|token| {
            let mut value = HeaderValue::from_str(token)
                .map_err(|_| SigningError::new("the session token holds a character not allowed in an HTTP header"))?;
            value.set_sensitive(true);
            Ok::<_, SigningError>((token, value))
        })
        .transpose()?;
    let (date_time, date) = format_time(params.time)?;
    let scope = format!("{date}/{}/{}/aws4_request", params.region, params.service);
    let payload_hash = match params.payload {
        PayloadChecksum::Bytes(bytes) => hex(&Sha256::digest(bytes)),
        PayloadChecksum::Unsigned => UNSIGNED_PAYLOAD.to_owned(),
        PayloadChecksum::Precomputed(hash) => {
            if hash.is_empty() || !hash.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(SigningError::new(format!(
                    "the precomputed payload hash `{}` is not a visible ASCII word",
                    hash.escape_debug()
                )));
            }
            hash.to_owned()
        }
    };

    let uri = request.uri().clone();
    let host = canonical_host(request, &uri)?;
    let include_token = settings.session_token_mode == SessionTokenMode::Include;

    // The headers the signature adds are set first, so that they are signed with the rest; on
    // a copy, so that a request that cannot be signed is left as it was.
    let mut headers = request.headers().clone();
    let mut query_params: Vec<(&str, String)> = Vec::new();
    match settings.location {
        SignatureLocation::Headers => {
            headers.insert(X_AMZ_DATE, header_value(&date_time)?);
            headers.remove(http::header::AUTHORIZATION);
            headers.remove(X_AMZ_SECURITY_TOKEN);
            if let (Some((_, value)), true) = (&token, include_token) {
                headers.insert(X_AMZ_SECURITY_TOKEN, value.clone());
            }
            if settings.content_sha256_header {
                headers.insert(X_AMZ_CONTENT_SHA256, header_value(&payload_hash)?);
            }
        }
        SignatureLocation::QueryString { expires_in } => {
            if expires_in.subsec_nanos() != 0 || expires_in.is_zero() || expires_in > MAX_EXPIRES_IN {
                return Err(SigningError::new(format!(
                    "a presigned URL must expire in whole seconds from 1 s to 7 days, not in {expires_in:?}"
                )));
            }
            query_params.push(("X-Amz-Algorithm", ALGORITHM.to_owned()));
            query_params.push(("X-Amz-Credential", encode_strict(&format!("{}/{scope}", credentials.access_key_id()))));
            query_params.push(("X-Amz-Date", date_time.clone()));
        }
    }

    let in_query = matches!(settings.location, SignatureLocation::QueryString { .. });
    let (canonical_headers, signed_headers) = canonical_headers(&headers, &host, in_query)?;
    if let SignatureLocation::QueryString { expires_in } = settings.location {
        query_params.push(("X-Amz-SignedHeaders", encode_strict(&signed_headers)));
        query_params.push(("X-Amz-Expires", expires_in.as_secs().to_string()));
        if let Some((token, _)) = &token {
            query_params.push(("X-Amz-Security-Token", encode_strict(token)));
        }
    }

    let path = canonical_path(uri.path(), settings);
    let existing_query = uri.query().map(strip_signature_params).unwrap_or_default();
    let mut pairs = canonical_query_pairs(&existing_query);
    for (name, value) in &query_params {
        if *name != "X-Amz-Security-Token" || include_token {
            pairs.push(((*name).to_owned(), value.clone()));
        }
    }
    pairs.sort();
    let query = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");

    let canonical_request = format!(
        "{}\n{path}\n{query}\n{canonical_headers}\n{signed_headers}\n{payload_hash}",
        request.method().as_str()
    );
    let string_to_sign = format!("{ALGORITHM}\n{date_time}\n{scope}\n{}", hex(&Sha256::digest(&canonical_request)));
    let key = signing_key(credentials.secret_access_key(), &date, params.region, params.service);
    let signature = hex(&hmac(&key, string_to_sign.as_bytes()));

    match settings.location {
        SignatureLocation::Headers => {
            if let (Some((_, value)), false) = (&token, include_token) {
                headers.insert(X_AMZ_SECURITY_TOKEN, value.clone());
            }
            let authorization = format!(
                "{ALGORITHM} Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
                credentials.access_key_id()
            );
            let mut value = header_value(&authorization)?;
            value.set_sensitive(true);
            headers.insert(http::header::AUTHORIZATION, value);
            *request.headers_mut() = headers;
        }
        SignatureLocation::QueryString { .. } => {
            let mut new_query = existing_query;
            for (name, value) in
                query_params.iter().map(|(n, v)| (*n, v.as_str())).chain([("X-Amz-Signature", &*signature)])
            {
                if !new_query.is_empty() {
                    new_query.push('&');
                }
                new_query.push_str(name);
                new_query.push('=');
                new_query.push_str(value);
            }
            let path_and_query = PathAndQuery::try_from(format!("{}?{new_query}", uri.path()))
                .map_err(|e| SigningError::new(format!("the presigned URI is not valid: {e}")))?;
            let mut parts = uri.into_parts();
            parts.path_and_query = Some(path_and_query);
            *request.uri_mut() = Uri::from_parts(parts)
                .map_err(|e| SigningError::new(format!("the presigned URI is not valid: {e}")))?;
        }
    }

    Ok(SigningIntermediates { canonical_request, string_to_sign, signature })
}

/// A region, service or access key ID goes into the credential scope, `/`-separated and in
/// a header: it must be a non-empty word of visible ASCII without `/`.
fn check_scope_part(what: &str, value: &str) -> Result<(), SigningError> {
    if value.is_empty() {
        return Err(SigningError::new(format!("the {what} is empty")));
    }
    if let Some(c) = value.chars().find(|c| !c.is_ascii_graphic() || *c == '/') {
        return Err(SigningError::new(format!(
            "the {what} `{}` holds {:?}, which a credential scope cannot",
            value.escape_debug(),
            c
        )));
    }
    Ok(())
}

fn header_value(text: &str) -> Result<HeaderValue, SigningError> {
    HeaderValue::from_str(text)
        .map_err(|_| SigningError::new(format!("`{}` is not a valid header value", text.escape_debug())))
}

/// The `host` to sign: the request's own header, or the URI's authority without userinfo
/// and without the scheme's default port (what an HTTP client sends).
fn canonical_host<B>(request: &http::Request<B>, uri: &Uri) -> Result<Option<String>, SigningError> {
    if request.headers().contains_key(http::header::HOST) {
        return Ok(None);
    }
    let host = uri.host().ok_or_else(|| {
        SigningError::new(format!(
            "the request's URI `{}` has no host; signing needs an absolute URI such as `https://host/path`",
            uri.path()
        ))
    })?;
    let default_port = match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    };
    Ok(Some(match uri.port_u16() {
        Some(port) if Some(port) != default_port => format!("{host}:{port}"),
        _ => host.to_owned(),
    }))
}

/// The canonical header block (`name:value\n` each, sorted) and the signed header list.
/// Values of a repeated header are joined with `,` in order; each value is trimmed and its
/// runs of spaces become one.
fn canonical_headers(
    headers: &http::HeaderMap,
    host: &Option<String>,
    in_query: bool,
) -> Result<(String, String), SigningError> {
    let signed = |name: &&HeaderName| {
        let name = name.as_str();
        let unsigned = UNSIGNED_HEADERS.contains(&name) || (in_query && UNSIGNED_HEADERS_IN_QUERY.contains(&name));
        !unsigned
    };
    let mut entries: Vec<(&str, String)> = Vec::with_capacity(headers.keys_len() + 1);
    for name in headers.keys().filter(signed) {
        let mut joined = String::new();
        for (i, value) in headers.get_all(name).iter().enumerate() {
            // HTTP allows obs-text bytes in a value; only UTF-8 text has a canonical form.
            let text = std::str::from_utf8(value.as_bytes()).map_err(|_| {
                SigningError::new(format!("the value of header `{name}` is not UTF-8 text, so it cannot be signed"))
            })?;
            if i > 0 {
                joined.push(',');
            }
            push_trimmed(&mut joined, text);
        }
        entries.push((name.as_str(), joined));
    }
    if let Some(host) = host {
        entries.push(("host", host.clone()));
    }
    entries.sort();
    let mut block = String::new();
    for (name, value) in &entries {
        block.push_str(name);
        block.push(':');
        block.push_str(value);
        block.push('\n');
    }
    let signed = entries.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(";");
    Ok((block, signed))
}

/// Appends `value` without its leading and trailing whitespace and with each run of spaces
/// as one space.
fn push_trimmed(out: &mut String, value: &str) {
    let mut last_space = false;
    for c in value.trim_matches(|c| c == ' ' || c == '\t').chars() {
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
}

/// The canonical path: normalized when the service wants it, then encoded once more
/// (double encoding) or brought to its single encoded form.
fn canonical_path(path: &str, settings: &SigningSettings) -> String {
    let path = if path.is_empty() { "/" } else { path };
    let normalized;
    let path = if settings.normalize_path {
        normalized = normalize_path(path);
        normalized.as_str()
    } else {
        path
    };
    if settings.double_uri_encode {
        encode(path.as_bytes(), true)
    } else {
        reencode_path(path)
    }
}

/// Removes empty, `.` and `..` segments (RFC 3986 dot removal, plus the empty segments
/// of repeated slashes); a path that ended in a directory keeps its trailing slash.
fn normalize_path(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            segment => segments.push(segment),
        }
    }
    let mut out = String::with_capacity(path.len());
    for segment in &segments {
        out.push('/');
        out.push_str(segment);
    }
    let last = path.rsplit('/').next().unwrap_or_default();
    if out.is_empty() || matches!(last, "" | "." | "..") {
        out.push('/');
    }
    out
}

/// The single encoded form of a path already encoded once: escapes stay (uppercased, and
/// decoded when they stand for an unreserved character); anything else not unreserved is
/// escaped, as the service computes it from the path it receives.
fn reencode_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            if let Some(decoded) = decode_escape(bytes, i) {
                if is_unreserved(decoded) {
                    out.push(char::from(decoded));
                } else {
                    push_escape(&mut out, decoded);
                }
                i += 3;
                continue;
            }
        }
        if is_unreserved(b) || b == b'/' {
            out.push(char::from(b));
        } else {
            push_escape(&mut out, b);
        }
        i += 1;
    }
    out
}

/// The byte of the escape `%XX` at `at`, if there is a valid one.
fn decode_escape(bytes: &[u8], at: usize) -> Option<u8> {
    let high = char::from(*bytes.get(at + 1)?).to_digit(16)?;
    let low = char::from(*bytes.get(at + 2)?).to_digit(16)?;
    u8::try_from(high * 16 + low).ok()
}

/// The query without the parameters of an earlier signature.
fn strip_signature_params(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            !SIGNATURE_QUERY_PARAMS.contains(&name)
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The query's pairs, each name and value decoded as a form (`+` is a space, `%XX` a byte;
/// an invalid escape stays as it is) and encoded strictly. Empty pairs are dropped and a
/// name without `=` gets an empty value.
fn canonical_query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (encode(&form_decode(name), false), encode(&form_decode(value), false))
        })
        .collect()
}

fn form_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                if let Some(decoded) = decode_escape(bytes, i) {
                    out.push(decoded);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

/// Percent-encodes every byte but the unreserved ones (and `/` when `keep_slash`), with
/// uppercase hex as SigV4 requires.
fn encode(bytes: &[u8], keep_slash: bool) -> String {
    let mut out = String::with_capacity(bytes.len());
    push_percent_encoded_bytes(&mut out, bytes, keep_slash);
    out
}

fn encode_strict(text: &str) -> String {
    encode(text.as_bytes(), false)
}


fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC takes a key of any length, so `new_from_slice` cannot fail here; the fallback
    // keeps the signer free of panics all the same.
    match HmacSha256::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(data);
            mac.finalize().into_bytes().into()
        }
        Err(_) => [0; 32],
    }
}

/// The key of one day, region and service, derived from the secret key.
fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> [u8; 32] {
    let k_date = hmac(format!("AWS4{secret}").as_bytes(), date.as_bytes());
    let k_region = hmac(&k_date, region.as_bytes());
    let k_service = hmac(&k_region, service.as_bytes());
    hmac(&k_service, b"aws4_request")
}

/// The signing time as `YYYYMMDDTHHMMSSZ` and its day as `YYYYMMDD`, in UTC.
fn format_time(time: SystemTime) -> Result<(String, String), SigningError> {
    let secs =
        time.duration_since(UNIX_EPOCH).map_err(|_| SigningError::new("the signing time is before 1970"))?.as_secs();
    let of_day = secs % 86_400;
    let days = i64::try_from(secs / 86_400).map_err(|_| SigningError::new("the signing time is after the year 9999"))?;
    let (year, month, day) = civil_from_days(days);
    if year > 9999 {
        return Err(SigningError::new("the signing time is after the year 9999"));
    }
    let date = format!("{year:04}{month:02}{day:02}");
    let date_time = format!("{date}T{:02}{:02}{:02}Z", of_day / 3600, of_day % 3600 / 60, of_day % 60);
    Ok((date_time, date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_around_leap_days_and_eras() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        // 2000-02-29 (a leap day of a year divisible by 400) is day 11 016.
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        // 2100 is not a leap year: 2100-02-28 is followed by 2100-03-01 (day 47 541).
        assert_eq!(civil_from_days(47_540), (2100, 2, 28));
        assert_eq!(civil_from_days(47_541), (2100, 3, 1));
        assert_eq!(civil_from_days(16_677), (2015, 8, 30));
    }

    #[test]
    fn normalization_keeps_a_directory_slash() {
        assert_eq!(normalize_path("/a/b/.."), "/a/");
        assert_eq!(normalize_path("/a/./b"), "/a/b");
        assert_eq!(normalize_path("/.."), "/");
        assert_eq!(normalize_path(""), "/");
    }

    #[test]
    fn single_encoding_keeps_escapes_and_encodes_the_rest() {
        assert_eq!(reencode_path("/a%2fb/c%41!/%zz"), "/a%2Fb/cA%21/%25zz");
    }

    #[test]
    fn query_decoding_treats_plus_as_space_and_keeps_bad_escapes() {
        assert_eq!(
            canonical_query_pairs("a=b+c&&d&e=%zz"),
            [
                ("a".to_owned(), "b%20c".to_owned()),
                ("d".to_owned(), String::new()),
                ("e".to_owned(), "%25zz".to_owned()),
            ]
        );
    }

    // The key pair and time of the S3 documentation's SigV4 examples (2013-05-24T00:00:00Z).
    const DOC_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
    const DOC_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn doc_time() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_369_353_600)
    }

    fn request(uri: &str) -> http::Request<()> {
        http::Request::get(uri).body(()).unwrap_or_else(|e| panic!("{uri}: {e}"))
    }

    fn signed(
        request: &mut http::Request<()>,
        credentials: &Credentials,
        payload: PayloadChecksum<'_>,
        settings: SigningSettings,
    ) -> SigningIntermediates {
        let params = SigningParams::new(credentials, "us-east-1", "service", doc_time())
            .with_payload(payload)
            .with_settings(settings);
        sign_with_intermediates(request, &params).unwrap_or_else(|e| panic!("{e}"))
    }

    fn header<'r>(request: &'r http::Request<()>, name: &str) -> Option<&'r str> {
        request.headers().get(name).and_then(|v| v.to_str().ok())
    }

    fn canonical_line(steps: &SigningIntermediates, index: usize) -> &str {
        steps.canonical_request().lines().nth(index).unwrap_or_default()
    }

    /// The signed header list: the canonical request's second line from the end.
    fn signed_headers(steps: &SigningIntermediates) -> &str {
        steps.canonical_request().lines().rev().nth(1).unwrap_or_default()
    }

    fn settings(edit: impl FnOnce(&mut SigningSettings)) -> SigningSettings {
        let mut settings = SigningSettings::default();
        edit(&mut settings);
        settings
    }

    #[test]
    fn s3_documentation_get_object_example() {
        let credentials = Credentials::new(DOC_KEY, DOC_SECRET, None, None, "test");
        let mut request = request("https://examplebucket.s3.amazonaws.com/test.txt");
        request.headers_mut().insert("range", HeaderValue::from_static("bytes=0-9"));
        let params =
            SigningParams::new(&credentials, "us-east-1", "s3", doc_time()).with_settings(SigningSettings::s3());
        let steps = sign_with_intermediates(&mut request, &params).unwrap_or_else(|e| panic!("{e}"));
        let expected_canonical = format!(
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n\
             x-amz-content-sha256:{EMPTY_SHA256}\nx-amz-date:20130524T000000Z\n\n\
             host;range;x-amz-content-sha256;x-amz-date\n{EMPTY_SHA256}"
        );
        assert_eq!(steps.canonical_request(), expected_canonical);
        assert_eq!(
            steps.string_to_sign(),
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n\
             7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972"
        );
        assert_eq!(steps.signature(), "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        assert_eq!(header(&request, "x-amz-content-sha256"), Some(EMPTY_SHA256));
        assert_eq!(
            header(&request, "authorization"),
            Some(
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, \
                 SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, \
                 Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
            )
        );
    }

    #[test]
    fn s3_documentation_presigned_url_example() {
        let credentials = Credentials::new(DOC_KEY, DOC_SECRET, None, None, "test");
        let mut request = request("https://examplebucket.s3.amazonaws.com/test.txt");
        let mut settings = SigningSettings::s3();
        settings.location = SignatureLocation::QueryString { expires_in: Duration::from_secs(86_400) };
        let params = SigningParams::new(&credentials, "us-east-1", "s3", doc_time())
            .with_payload(PayloadChecksum::Unsigned)
            .with_settings(settings);
        let steps = sign_with_intermediates(&mut request, &params).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(steps.signature(), "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
        assert!(steps.canonical_request().ends_with("\nhost\nUNSIGNED-PAYLOAD"), "{}", steps.canonical_request());
        assert_eq!(
            request.uri().to_string(),
            "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256\
             &X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request\
             &X-Amz-Date=20130524T000000Z&X-Amz-SignedHeaders=host&X-Amz-Expires=86400\
             &X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
        );
        // A presigned URL carries everything in its query: no header is added.
        assert!(request.headers().is_empty(), "{:?}", request.headers());
    }

    #[test]
    fn an_unsigned_payload_is_signed_as_its_marker() {
        let credentials = Credentials::new("AKID", "secret", None, None, "test");
        let mut request = request("https://example.com/upload");
        let steps =
            signed(&mut request, &credentials, PayloadChecksum::Unsigned, settings(|s| s.content_sha256_header = true));
        assert_eq!(header(&request, "x-amz-content-sha256"), Some("UNSIGNED-PAYLOAD"));
        assert!(steps.canonical_request().ends_with("\nhost;x-amz-content-sha256;x-amz-date\nUNSIGNED-PAYLOAD"));
        assert!(steps.canonical_request().contains("\nx-amz-content-sha256:UNSIGNED-PAYLOAD\n"));

        // Without the header the marker is still the payload hash, but nothing else names it.
        let mut request = self::request("https://example.com/upload");
        let steps = signed(&mut request, &credentials, PayloadChecksum::Unsigned, SigningSettings::default());
        assert_eq!(header(&request, "x-amz-content-sha256"), None);
        assert!(steps.canonical_request().ends_with("\nhost;x-amz-date\nUNSIGNED-PAYLOAD"));
    }

    #[test]
    fn a_precomputed_hash_is_used_as_given_and_checked() {
        let credentials = Credentials::new("AKID", "secret", None, None, "test");
        let mut request = request("https://example.com/");
        let steps = signed(
            &mut request,
            &credentials,
            PayloadChecksum::Precomputed("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
            SigningSettings::default(),
        );
        assert!(steps.canonical_request().ends_with("\nSTREAMING-AWS4-HMAC-SHA256-PAYLOAD"));
        let params = SigningParams::new(&credentials, "us-east-1", "service", doc_time())
            .with_payload(PayloadChecksum::Precomputed("two words"));
        let error = sign(&mut self::request("https://example.com/"), &params).err().map(|e| e.to_string());
        assert!(error.as_deref().is_some_and(|e| e.contains("payload hash")), "{error:?}");
    }

    #[test]
    fn s3_signs_the_path_as_sent_while_other_services_encode_it_again() {
        let credentials = Credentials::new("AKID", "secret", None, None, "test");
        let uri = "https://example.com/my%20key/a%2Fb/./c";
        let steps = signed(&mut request(uri), &credentials, PayloadChecksum::Unsigned, SigningSettings::s3());
        assert_eq!(canonical_line(&steps, 1), "/my%20key/a%2Fb/./c");
        let steps = signed(&mut request(uri), &credentials, PayloadChecksum::Unsigned, SigningSettings::default());
        assert_eq!(canonical_line(&steps, 1), "/my%2520key/a%252Fb/c");
        // Characters a path may carry unencoded are encoded for the signature either way.
        let steps = signed(
            &mut request("https://example.com/a!b"),
            &credentials,
            PayloadChecksum::Unsigned,
            SigningSettings::s3(),
        );
        assert_eq!(canonical_line(&steps, 1), "/a%21b");
    }

    #[test]
    fn a_session_token_is_sent_and_signed_by_default() {
        let credentials = Credentials::new("AKID", "secret", Some("TOKEN/+=".to_owned()), None, "test");
        let mut request = request("https://example.com/");
        let steps = signed(&mut request, &credentials, PayloadChecksum::default(), SigningSettings::default());
        assert_eq!(header(&request, "x-amz-security-token"), Some("TOKEN/+="));
        assert!(request.headers().get("x-amz-security-token").is_some_and(HeaderValue::is_sensitive));
        assert!(request.headers().get("authorization").is_some_and(HeaderValue::is_sensitive));
        assert!(steps.canonical_request().contains("\nx-amz-security-token:TOKEN/+=\n"));
        assert_eq!(signed_headers(&steps), "host;x-amz-date;x-amz-security-token");

        // In a presigned URL the token is a signed parameter, encoded.
        let mut request = self::request("https://example.com/");
        let query = settings(|s| s.location = SignatureLocation::QueryString { expires_in: Duration::from_secs(60) });
        let steps = signed(&mut request, &credentials, PayloadChecksum::default(), query);
        assert!(canonical_line(&steps, 2).contains("&X-Amz-Security-Token=TOKEN%2F%2B%3D&"), "{steps:?}");
        assert!(request.uri().query().is_some_and(|q| q.contains("&X-Amz-Security-Token=TOKEN%2F%2B%3D&")));
    }

    #[test]
    fn an_excluded_session_token_is_sent_but_not_signed() {
        let credentials = Credentials::new("AKID", "secret", Some("TOKEN".to_owned()), None, "test");
        let mut request = request("https://example.com/");
        let exclude = settings(|s| s.session_token_mode = SessionTokenMode::Exclude);
        let steps = signed(&mut request, &credentials, PayloadChecksum::default(), exclude);
        assert_eq!(header(&request, "x-amz-security-token"), Some("TOKEN"));
        assert!(!steps.canonical_request().contains("TOKEN"), "{}", steps.canonical_request());
        assert!(header(&request, "authorization").is_some_and(|a| a.contains("SignedHeaders=host;x-amz-date,")));
    }

    #[test]
    fn a_line_break_in_the_credentials_is_an_error_that_keeps_the_secret() {
        let credentials = Credentials::new("AKID", "secret", Some("TOK\nEN".to_owned()), None, "test");
        let params = SigningParams::new(&credentials, "us-east-1", "service", doc_time());
        let error = sign(&mut request("https://example.com/"), &params).err().map(|e| e.to_string());
        let error = error.unwrap_or_else(|| panic!("a token with a line break was signed"));
        assert!(error.contains("session token"), "{error}");
        assert!(!error.contains("TOK"), "{error}");

        let credentials = Credentials::new("AK\nID", "secret", None, None, "test");
        let params = SigningParams::new(&credentials, "us-east-1", "service", doc_time());
        let error = sign(&mut request("https://example.com/"), &params).err().map(|e| e.to_string());
        assert!(error.as_deref().is_some_and(|e| e.contains("access key ID")), "{error:?}");

        let credentials = Credentials::new("AKID", "secret", None, None, "test");
        let params = SigningParams::new(&credentials, "us-east\r\n-1", "service", doc_time());
        let error = sign(&mut request("https://example.com/"), &params).err().map(|e| e.to_string());
        assert!(error.as_deref().is_some_and(|e| e.contains("region")), "{error:?}");
    }

    #[test]
    fn a_header_value_that_is_not_text_is_an_error_naming_the_header() {
        let credentials = Credentials::new("AKID", "secret", None, None, "test");
        let mut request = request("https://example.com/");
        let value = HeaderValue::from_bytes(b"caf\xe9").unwrap_or_else(|e| panic!("{e}"));
        request.headers_mut().insert("x-latin1", value);
        let params = SigningParams::new(&credentials, "us-east-1", "service", doc_time());
        let error = sign(&mut request, &params).err().map(|e| e.to_string());
        assert!(error.as_deref().is_some_and(|e| e.contains("`x-latin1`") && e.contains("UTF-8")), "{error:?}");
        // A request that cannot be signed is left as it was.
        assert_eq!(request.headers().len(), 1, "{:?}", request.headers());
        // UTF-8 text beyond ASCII is signed as it is.
        let mut request = self::request("https://example.com/");
        request
            .headers_mut()
            .insert("x-name", HeaderValue::from_bytes("zoë".as_bytes()).unwrap_or_else(|e| panic!("{e}")));
        let steps = signed(&mut request, &credentials, PayloadChecksum::default(), SigningSettings::default());
        assert!(steps.canonical_request().contains("\nx-name:zoë\n"));
    }

    #[test]
    fn debug_output_holds_no_secret() {
        let credentials = Credentials::new("AKID", "SECRETKEY", Some("SESSIONTOKEN".to_owned()), None, "test");
        let params = SigningParams::new(&credentials, "us-east-1", "service", doc_time());
        let debug = format!("{params:?}");
        assert!(debug.contains("AKID") && debug.contains("us-east-1"), "{debug}");
        assert!(!debug.contains("SECRETKEY") && !debug.contains("SESSIONTOKEN"), "{debug}");
        let steps =
            sign_with_intermediates(&mut request("https://example.com/"), &params).unwrap_or_else(|e| panic!("{e}"));
        assert!(steps.canonical_request().contains("SESSIONTOKEN"));
        let debug = format!("{steps:?}");
        assert!(debug.contains(steps.signature()) && !debug.contains("SESSIONTOKEN"), "{debug}");
    }

    #[test]
    fn host_comes_from_the_uri_without_a_default_port_unless_the_request_has_one() {
        let credentials = Credentials::new("AKID", "secret", None, None, "test");
        let host_line = |uri: &str, host: Option<&'static str>| {
            let mut request = request(uri);
            if let Some(host) = host {
                request.headers_mut().insert("host", HeaderValue::from_static(host));
            }
            let steps = signed(&mut request, &credentials, PayloadChecksum::default(), SigningSettings::default());
            canonical_line(&steps, 3).to_owned()
        };
        assert_eq!(host_line("https://example.com:443/", None), "host:example.com");
        assert_eq!(host_line("http://example.com:80/", None), "host:example.com");
        assert_eq!(host_line("https://example.com:8443/", None), "host:example.com:8443");
        assert_eq!(host_line("http://user@127.0.0.1:9000/", None), "host:127.0.0.1:9000");
        assert_eq!(host_line("https://example.com/", Some("other.example")), "host:other.example");

        let params = SigningParams::new(&credentials, "us-east-1", "service", doc_time());
        let error = sign(&mut request("/relative"), &params).err().map(|e| e.to_string());
        assert!(error.as_deref().is_some_and(|e| e.contains("no host")), "{error:?}");
    }

    #[test]
    fn headers_that_proxies_change_are_left_unsigned() {
        let credentials = Credentials::new("AKID", "secret", None, None, "test");
        let mut request = request("https://example.com/");
        for (name, value) in [
            ("user-agent", "sdk/1"),
            ("expect", "100-continue"),
            ("transfer-encoding", "chunked"),
            ("x-amzn-trace-id", "Root=1"),
            ("content-length", "0"),
            ("x-amz-user-agent", "sdk/1"),
        ] {
            request.headers_mut().insert(name, HeaderValue::from_static(value));
        }
        let steps = signed(&mut request.clone(), &credentials, PayloadChecksum::default(), SigningSettings::default());
        assert_eq!(signed_headers(&steps), "content-length;host;x-amz-date;x-amz-user-agent");
        // A presigned URL leaves x-amz-user-agent out too: its user would have to send it.
        let query = settings(|s| s.location = SignatureLocation::QueryString { expires_in: Duration::from_secs(60) });
        let steps = signed(&mut request, &credentials, PayloadChecksum::default(), query);
        assert_eq!(signed_headers(&steps), "content-length;host");
    }

    #[test]
    fn signing_again_replaces_the_first_signature() {
        let credentials = Credentials::new("AKID", "secret", Some("TOKEN".to_owned()), None, "test");
        let mut request = request("https://example.com/");
        let first = signed(&mut request, &credentials, PayloadChecksum::default(), SigningSettings::default());
        let second = signed(&mut request, &credentials, PayloadChecksum::default(), SigningSettings::default());
        assert_eq!(first, second);
        assert_eq!(request.headers().get_all("authorization").iter().count(), 1);
        assert_eq!(request.headers().get_all("x-amz-security-token").iter().count(), 1);

        let mut request = self::request("https://example.com/?a=1");
        let query = settings(|s| s.location = SignatureLocation::QueryString { expires_in: Duration::from_secs(60) });
        let first = signed(&mut request, &credentials, PayloadChecksum::default(), query);
        let first_uri = request.uri().clone();
        let second = signed(&mut request, &credentials, PayloadChecksum::default(), query);
        assert_eq!(first, second);
        assert_eq!(request.uri(), &first_uri);
        assert!(first_uri.query().is_some_and(|q| q.starts_with("a=1&X-Amz-Algorithm=")), "{first_uri}");
    }

    #[test]
    fn a_presigned_url_expires_within_seven_days() {
        let credentials = Credentials::new("AKID", "secret", None, None, "test");
        for expires_in in [Duration::ZERO, Duration::from_millis(1500), MAX_EXPIRES_IN + Duration::from_secs(1)] {
            let query = settings(|s| s.location = SignatureLocation::QueryString { expires_in });
            let params = SigningParams::new(&credentials, "us-east-1", "service", doc_time()).with_settings(query);
            let error = sign(&mut request("https://example.com/"), &params).err().map(|e| e.to_string());
            assert!(error.as_deref().is_some_and(|e| e.contains("expire")), "{expires_in:?}: {error:?}");
        }
        let query = settings(|s| s.location = SignatureLocation::QueryString { expires_in: MAX_EXPIRES_IN });
        let params = SigningParams::new(&credentials, "us-east-1", "service", doc_time()).with_settings(query);
        assert_eq!(sign(&mut request("https://example.com/"), &params), Ok(()));
    }

    #[test]
    fn header_values_are_trimmed_and_their_space_runs_collapsed() {
        let credentials = Credentials::new("AKID", "secret", None, None, "test");
        let mut request = request("https://example.com/");
        request.headers_mut().append("x-a", HeaderValue::from_static("  one   two  "));
        request.headers_mut().append("x-a", HeaderValue::from_static("\tthree"));
        let steps = signed(&mut request, &credentials, PayloadChecksum::default(), SigningSettings::default());
        assert!(steps.canonical_request().contains("\nx-a:one two,three\n"), "{}", steps.canonical_request());
    }

    #[test]
    fn the_signing_time_is_formatted_in_utc() {
        assert_eq!(format_time(doc_time()), Ok(("20130524T000000Z".to_owned(), "20130524".to_owned())));
        let leap = UNIX_EPOCH + Duration::from_secs(11_016 * 86_400 + 23 * 3600 + 59 * 60 + 59);
        assert_eq!(format_time(leap), Ok(("20000229T235959Z".to_owned(), "20000229".to_owned())));
        assert!(format_time(UNIX_EPOCH - Duration::from_secs(1)).is_err());
    }
}
