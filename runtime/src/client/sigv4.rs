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

    // The headers the signature adds are set first, so that they are signed with the rest.
    let mut query_params: Vec<(&str, String)> = Vec::new();
    match settings.location {
        SignatureLocation::Headers => {
            let headers = request.headers_mut();
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
    let (canonical_headers, signed_headers) = canonical_headers(request.headers(), &host, in_query)?;
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
            let headers = request.headers_mut();
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

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Percent-encodes every byte but the unreserved ones (and `/` when `keep_slash`), with
/// uppercase hex as SigV4 requires.
fn encode(bytes: &[u8], keep_slash: bool) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if is_unreserved(b) || (keep_slash && b == b'/') {
            out.push(char::from(b));
        } else {
            push_escape(&mut out, b);
        }
    }
    out
}

fn encode_strict(text: &str) -> String {
    encode(text.as_bytes(), false)
}

fn push_escape(out: &mut String, b: u8) {
    const UPPER: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(char::from(UPPER[usize::from(b >> 4)]));
    out.push(char::from(UPPER[usize::from(b & 0xf)]));
}

fn hex(bytes: &[u8]) -> String {
    const LOWER: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(LOWER[usize::from(b >> 4)]));
        out.push(char::from(LOWER[usize::from(b & 0xf)]));
    }
    out
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
    let days = secs / 86_400;
    let of_day = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    if year > 9999 {
        return Err(SigningError::new("the signing time is after the year 9999"));
    }
    let date = format!("{year:04}{month:02}{day:02}");
    let date_time = format!("{date}T{:02}{:02}{:02}Z", of_day / 3600, of_day % 3600 / 60, of_day % 60);
    Ok((date_time, date))
}

/// The proleptic Gregorian date of a day counted from 1970-01-01, by 400-year eras (each
/// exactly 146 097 days), with years starting in March so that leap days fall last.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let shifted = days + 719_468; // days from 0000-03-01 to 1970-01-01
    let era = shifted / 146_097;
    let day_of_era = shifted % 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153; // 0 = March
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = era * 400 + year_of_era + u64::from(month <= 2);
    (year, month, day)
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
}
