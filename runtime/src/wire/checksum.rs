//! Request and response checksums:
//!
//! - `@httpChecksumRequired`: [`add_content_md5`] (`Content-MD5`, base64 of the body's MD5);
//! - `aws.protocols#httpChecksum` (the AWS SDKs' "flexible checksums"): [`add_request_checksum`]
//!   sends `x-amz-checksum-<algorithm>` with the base64 of the body's digest, and
//!   [`validate_response_checksum`] checks a response's;
//! - Glacier's tree hash: [`add_glacier_checksums`].
//!
//! Checksums cover the bytes sent, so they come after compression and before signing. A
//! stream not held in memory cannot be hashed before it is sent: the functions say per case
//! whether that is an error or leaves the header to the caller.

use super::base64::base64_encode;
use super::hex::hex_lower as hex;
use super::request::{RequestError, RequestOptions};
use crate::stream::ByteStream;
use http::header::{HeaderName, HeaderValue};
use sha2::Digest as _;
use std::fmt;

/// A checksum algorithm of `aws.protocols#httpChecksum`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChecksumAlgorithm {
    /// CRC-32 (ISO-HDLC, as zlib), 4 bytes big-endian.
    Crc32,
    /// CRC-32C (Castagnoli), 4 bytes big-endian.
    Crc32c,
    /// CRC-64/NVME, 8 bytes big-endian.
    Crc64Nvme,
    /// SHA-1.
    Sha1,
    /// SHA-256.
    Sha256,
}

/// The response checksums validated, in the order the services' models prefer them.
const RESPONSE_ORDER: [ChecksumAlgorithm; 5] = [
    ChecksumAlgorithm::Crc64Nvme,
    ChecksumAlgorithm::Crc32,
    ChecksumAlgorithm::Crc32c,
    ChecksumAlgorithm::Sha256,
    ChecksumAlgorithm::Sha1,
];

const CRC32C: crc::Crc<u32, crc::Table<16>> = crc::Crc::<u32, crc::Table<16>>::new(&crc::CRC_32_ISCSI);
const CRC64_NVME: crc::Crc<u64, crc::Table<16>> = crc::Crc::<u64, crc::Table<16>>::new(&crc::CRC_64_NVME);

impl ChecksumAlgorithm {
    /// The algorithm of a model's name for it (`CRC32`, `crc64nvme`, …: case-insensitive).
    pub fn from_name(name: &str) -> Option<Self> {
        RESPONSE_ORDER.into_iter().find(|a| a.name().eq_ignore_ascii_case(name))
    }

    /// The name the models use: `CRC32`, `CRC32C`, `CRC64NVME`, `SHA1`, `SHA256`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Crc32 => "CRC32",
            Self::Crc32c => "CRC32C",
            Self::Crc64Nvme => "CRC64NVME",
            Self::Sha1 => "SHA1",
            Self::Sha256 => "SHA256",
        }
    }

    /// The header carrying the checksum: `x-amz-checksum-crc32`, ….
    pub fn header_name(self) -> &'static str {
        match self {
            Self::Crc32 => "x-amz-checksum-crc32",
            Self::Crc32c => "x-amz-checksum-crc32c",
            Self::Crc64Nvme => "x-amz-checksum-crc64nvme",
            Self::Sha1 => "x-amz-checksum-sha1",
            Self::Sha256 => "x-amz-checksum-sha256",
        }
    }

    /// A hasher for bytes read in pieces.
    pub fn hasher(self) -> ChecksumHasher {
        ChecksumHasher(match self {
            Self::Crc32 => State::Crc32(crc32fast::Hasher::new()),
            Self::Crc32c => State::Crc32c(CRC32C.digest()),
            Self::Crc64Nvme => State::Crc64Nvme(CRC64_NVME.digest()),
            Self::Sha1 => State::Sha1(sha1::Sha1::new()),
            Self::Sha256 => State::Sha256(sha2::Sha256::new()),
        })
    }

    /// The checksum of `bytes` as the header carries it: base64 of the digest.
    pub fn checksum(self, bytes: &[u8]) -> String {
        let mut hasher = self.hasher();
        hasher.update(bytes);
        hasher.finish()
    }
}

impl fmt::Display for ChecksumAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A checksum computed over bytes given in pieces (a body as it streams).
pub struct ChecksumHasher(State);

enum State {
    Crc32(crc32fast::Hasher),
    Crc32c(crc::Digest<'static, u32, crc::Table<16>>),
    Crc64Nvme(crc::Digest<'static, u64, crc::Table<16>>),
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
}

impl ChecksumHasher {
    /// Adds the next bytes.
    pub fn update(&mut self, bytes: &[u8]) {
        match &mut self.0 {
            State::Crc32(h) => h.update(bytes),
            State::Crc32c(h) => h.update(bytes),
            State::Crc64Nvme(h) => h.update(bytes),
            State::Sha1(h) => h.update(bytes),
            State::Sha256(h) => h.update(bytes),
        }
    }

    /// The checksum of all the bytes: base64 of the big-endian digest.
    pub fn finish(self) -> String {
        match self.0 {
            State::Crc32(h) => base64_encode(&h.finalize().to_be_bytes()),
            State::Crc32c(h) => base64_encode(&h.finalize().to_be_bytes()),
            State::Crc64Nvme(h) => base64_encode(&h.finalize().to_be_bytes()),
            State::Sha1(h) => base64_encode(&h.finalize()),
            State::Sha256(h) => base64_encode(&h.finalize()),
        }
    }
}

impl fmt::Debug for ChecksumHasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let algorithm = match self.0 {
            State::Crc32(_) => ChecksumAlgorithm::Crc32,
            State::Crc32c(_) => ChecksumAlgorithm::Crc32c,
            State::Crc64Nvme(_) => ChecksumAlgorithm::Crc64Nvme,
            State::Sha1(_) => ChecksumAlgorithm::Sha1,
            State::Sha256(_) => ChecksumAlgorithm::Sha256,
        };
        write!(f, "ChecksumHasher({algorithm})")
    }
}

/// When request checksums of `aws.protocols#httpChecksum` are computed: the
/// `request_checksum_calculation` setting of the AWS SDKs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChecksumCalculation {
    /// For every operation that supports one (CRC32 unless the input names an algorithm).
    #[default]
    WhenSupported,
    /// Only when the operation requires one or the input names an algorithm.
    WhenRequired,
}

/// A request body whose bytes can be hashed before it is sent: a `Vec<u8>`, or a
/// [`ByteStream`] held in memory.
pub trait BodyBytes {
    /// The bytes, when they are all at hand.
    fn body_bytes(&self) -> Option<&[u8]>;
}

impl BodyBytes for Vec<u8> {
    fn body_bytes(&self) -> Option<&[u8]> {
        Some(self)
    }
}

impl BodyBytes for ByteStream {
    fn body_bytes(&self) -> Option<&[u8]> {
        self.in_memory()
    }
}

fn not_in_memory(what: &str) -> RequestError {
    RequestError::serialize(format!(
        "the operation sends {what} of the body, and a stream not held in memory cannot be hashed before it is sent: \
         read it into memory (`ByteStream::from` its bytes)"
    ))
}

fn set_header<B>(request: &mut http::Request<B>, name: &str, value: &str) -> Result<(), RequestError> {
    let name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| RequestError::serialize(format!("invalid header name `{name}`")))?;
    let value = HeaderValue::from_str(value)
        .map_err(|_| RequestError::serialize(format!("invalid value for header `{name}`")))?;
    request.headers_mut().insert(name, value);
    Ok(())
}

/// `Content-MD5` of the body (base64 of its MD5), for `@httpChecksumRequired`, unless the
/// input set it. A stream not held in memory is an error: the checksum is required.
pub fn add_content_md5<B: BodyBytes>(request: &mut http::Request<B>) -> Result<(), RequestError> {
    if request.headers().contains_key("content-md5") {
        return Ok(());
    }
    let bytes = request.body().body_bytes().ok_or_else(|| not_in_memory("`Content-MD5` (required)"))?;
    let md5 = base64_encode(&md5::Md5::digest(bytes));
    set_header(request, "content-md5", &md5)
}

/// The request checksum of an operation with `aws.protocols#httpChecksum`:
///
/// - `chosen`: the value of its `requestAlgorithmMember`, when the input set it (an unknown
///   name is an error naming it);
/// - `required`: its `requestChecksumRequired`;
/// - `algorithm_header`: the header the algorithm member is bound to
///   (`x-amz-sdk-checksum-algorithm`), set to the algorithm when this function chooses it, so
///   that the service knows which checksum to verify.
///
/// With no algorithm chosen, CRC32 is used when the operation requires a checksum or the
/// options compute them [`WhenSupported`](ChecksumCalculation::WhenSupported) (the default);
/// otherwise nothing is sent. A checksum header the input already set (`x-amz-checksum-*`)
/// is kept as it is. The body must be at hand: a stream not held in memory is an error when
/// the checksum is required or was chosen, and is sent without one otherwise (a checksum
/// sent as a trailer of an `aws-chunked` body is left to the client).
pub fn add_request_checksum<B: BodyBytes>(
    request: &mut http::Request<B>,
    chosen: Option<&str>,
    required: bool,
    algorithm_header: Option<&str>,
    options: &RequestOptions,
) -> Result<(), RequestError> {
    let algorithm = match chosen {
        Some(name) => Some(ChecksumAlgorithm::from_name(name).ok_or_else(|| {
            RequestError::serialize(format!(
                "`{name}` is not a checksum algorithm this client computes (CRC32, CRC32C, CRC64NVME, SHA1, SHA256)"
            ))
        })?),
        None if required || options.checksum_calculation() == ChecksumCalculation::WhenSupported => None,
        None => return Ok(()),
    };
    let preset = request.headers().keys().any(|name| name.as_str().starts_with("x-amz-checksum-"));
    if preset {
        return Ok(());
    }
    let Some(bytes) = request.body().body_bytes() else {
        return match required || algorithm.is_some() {
            true => Err(not_in_memory("a checksum")),
            false => Ok(()),
        };
    };
    let chosen_here = algorithm.is_none();
    let algorithm = algorithm.unwrap_or(ChecksumAlgorithm::Crc32);
    let checksum = algorithm.checksum(bytes);
    set_header(request, algorithm.header_name(), &checksum)?;
    if let (true, Some(header)) = (chosen_here, algorithm_header) {
        if !request.headers().contains_key(header) {
            set_header(request, header, algorithm.name())?;
        }
    }
    Ok(())
}

/// Glacier's SHA-256 tree hash of `bytes`: the SHA-256 of each 1 MiB chunk, then of each
/// pair of hashes, level by level (an odd hash goes up alone), to one hash. See "Computing
/// Checksums" in the Amazon S3 Glacier developer guide.
pub fn glacier_tree_hash(bytes: &[u8]) -> [u8; 32] {
    const CHUNK: usize = 1 << 20;
    let mut level: Vec<[u8; 32]> = if bytes.is_empty() {
        vec![sha2::Sha256::digest(bytes).into()]
    } else {
        bytes.chunks(CHUNK).map(|chunk| sha2::Sha256::digest(chunk).into()).collect()
    };
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [a, b] => {
                    let mut hasher = sha2::Sha256::new();
                    hasher.update(a);
                    hasher.update(b);
                    hasher.finalize().into()
                }
                [a] => *a,
                _ => [0; 32], // `chunks(2)` yields one or two.
            })
            .collect();
    }
    level.first().copied().unwrap_or_default()
}


/// Glacier's upload checksums, as the AWS SDKs add them to `UploadArchive` and
/// `UploadMultipartPart`: `x-amz-sha256-tree-hash` (the [`glacier_tree_hash`]) and
/// `x-amz-content-sha256` (the SHA-256 of the whole body), each in hexadecimal, unless the
/// input set it. Both are over the whole body, and Glacier verifies the signature over the
/// second: a stream not held in memory is an error (read it into memory first).
pub fn add_glacier_checksums<B: BodyBytes>(request: &mut http::Request<B>) -> Result<(), RequestError> {
    let bytes = request.body().body_bytes().ok_or_else(|| not_in_memory("Glacier's tree hash and `x-amz-content-sha256`"))?;
    let (tree, linear) = (hex(&glacier_tree_hash(bytes)), hex(&sha2::Sha256::digest(bytes)));
    if !request.headers().contains_key("x-amz-sha256-tree-hash") {
        set_header(request, "x-amz-sha256-tree-hash", &tree)?;
    }
    if !request.headers().contains_key("x-amz-content-sha256") {
        set_header(request, "x-amz-content-sha256", &linear)?;
    }
    Ok(())
}

/// A response body whose checksum is not the one its header gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecksumMismatch {
    algorithm: ChecksumAlgorithm,
    expected: String,
    actual: String,
}

impl ChecksumMismatch {
    /// The algorithm of the header checked.
    pub fn algorithm(&self) -> ChecksumAlgorithm {
        self.algorithm
    }

    /// The checksum the response's header gives.
    pub fn expected(&self) -> &str {
        &self.expected
    }

    /// The checksum of the body received.
    pub fn actual(&self) -> &str {
        &self.actual
    }
}

impl fmt::Display for ChecksumMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the response body's {} checksum is {}, but its `{}` header says {}: the body was damaged on the way",
            self.algorithm,
            self.actual,
            self.algorithm.header_name(),
            self.expected
        )
    }
}

impl std::error::Error for ChecksumMismatch {}

/// Checks a response body against its `x-amz-checksum-*` header, for an operation whose
/// `aws.protocols#httpChecksum` has `responseAlgorithms` and whose input asked for validation
/// (its `requestValidationModeMember` set to `ENABLED`). Call it on a success response once
/// the whole body is read, before the body is parsed; on a mismatch, the response must not
/// be used (retrying the request is safe where the operation is).
///
/// One header is checked, the first present of CRC64NVME, CRC32, CRC32C, SHA256, SHA1 (the
/// models' order). Returns the algorithm checked, or `None` when there is nothing to check:
/// no such header, or a checksum of a multipart object's parts (`…-<part count>`), which is
/// not a checksum of the body.
pub fn validate_response_checksum(
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<Option<ChecksumAlgorithm>, ChecksumMismatch> {
    let Some((algorithm, expected)) =
        RESPONSE_ORDER.into_iter().find_map(|a| headers.get(a.header_name()).map(|value| (a, value)))
    else {
        return Ok(None);
    };
    let expected = String::from_utf8_lossy(expected.as_bytes()).trim().to_owned();
    if expected
        .rsplit_once('-')
        .is_some_and(|(_, parts)| !parts.is_empty() && parts.bytes().all(|b| b.is_ascii_digit()))
    {
        return Ok(None);
    }
    let actual = algorithm.checksum(body);
    if actual == expected {
        Ok(Some(algorithm))
    } else {
        Err(ChecksumMismatch { algorithm, expected, actual })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ChecksumAlgorithm::*;

    fn hex_of(base64: &str) -> String {
        hex(&super::super::base64::base64_decode(base64).unwrap_or_default())
    }

    /// The catalogued check values (the digest of `123456789`) and the FIPS 180 examples.
    #[test]
    fn algorithms_match_their_published_check_values() {
        assert_eq!(hex_of(&Crc32.checksum(b"123456789")), "cbf43926");
        assert_eq!(hex_of(&Crc32c.checksum(b"123456789")), "e3069283");
        assert_eq!(hex_of(&Crc64Nvme.checksum(b"123456789")), "ae8b14860a799888");
        assert_eq!(hex_of(&Sha1.checksum(b"abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(
            hex_of(&Sha256.checksum(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let mut hasher = Crc32c.hasher();
        hasher.update(b"1234");
        hasher.update(b"56789");
        assert_eq!(hasher.finish(), Crc32c.checksum(b"123456789"));
        assert_eq!(ChecksumAlgorithm::from_name("crc64nvme"), Some(Crc64Nvme));
        assert_eq!(ChecksumAlgorithm::from_name("MD5"), None);
    }

    #[test]
    fn content_md5_is_the_base64_md5_of_the_body() {
        let mut request = http::Request::new(b"{\"foo\":\"base64 encoded md5 checksum\"}".to_vec());
        assert!(add_content_md5(&mut request).is_ok());
        // The value the Smithy protocol test `RestJsonHttpChecksumRequired` expects.
        assert_eq!(request.headers().get("content-md5").map(|v| v.as_bytes()), Some(&b"iB0/3YSo7maijL0IGOgA9g=="[..]));
        let stream = ByteStream::from_body(http_body_util_free::Never);
        assert!(add_content_md5(&mut http::Request::new(stream)).is_err_and(|e| e.to_string().contains("into memory")));
    }

    /// A body of unknown content, never polled here.
    mod http_body_util_free {
        pub struct Never;
        impl http_body::Body for Never {
            type Data = bytes::Bytes;
            type Error = std::io::Error;
            fn poll_frame(
                self: std::pin::Pin<&mut Self>,
                _: &mut std::task::Context<'_>,
            ) -> std::task::Poll<Option<Result<http_body::Frame<bytes::Bytes>, Self::Error>>> {
                std::task::Poll::Ready(None)
            }
        }
    }

    fn header(request: &http::Request<impl Sized>, name: &str) -> Option<String> {
        request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
    }

    #[test]
    fn flexible_request_checksums() {
        let options = RequestOptions::new();
        let algorithm_header = Some("x-amz-sdk-checksum-algorithm");
        // Chosen by the input: that algorithm; the member's own header is the input's.
        let mut chosen = http::Request::new(b"123456789".to_vec());
        assert!(add_request_checksum(&mut chosen, Some("SHA1"), false, algorithm_header, &options).is_ok());
        assert_eq!(header(&chosen, "x-amz-checksum-sha1"), Some(Sha1.checksum(b"123456789")));
        assert_eq!(header(&chosen, "x-amz-sdk-checksum-algorithm"), None);
        // Not chosen: CRC32, and the algorithm header says so.
        let mut default = http::Request::new(b"123456789".to_vec());
        assert!(add_request_checksum(&mut default, None, false, algorithm_header, &options).is_ok());
        assert_eq!(header(&default, "x-amz-checksum-crc32").as_deref(), Some("y/Q5Jg=="));
        assert_eq!(header(&default, "x-amz-sdk-checksum-algorithm").as_deref(), Some("CRC32"));
        // `WhenRequired`: nothing unless required.
        let lazy = RequestOptions::new().with_checksum_calculation(ChecksumCalculation::WhenRequired);
        let mut optional = http::Request::new(b"x".to_vec());
        assert!(add_request_checksum(&mut optional, None, false, None, &lazy).is_ok());
        assert!(optional.headers().is_empty());
        let mut required = http::Request::new(b"x".to_vec());
        assert!(add_request_checksum(&mut required, None, true, None, &lazy).is_ok());
        assert!(required.headers().contains_key("x-amz-checksum-crc32"));
        // A checksum the caller set is kept.
        let mut preset = http::Request::new(b"x".to_vec());
        preset.headers_mut().insert("x-amz-checksum-sha256", HeaderValue::from_static("given"));
        assert!(add_request_checksum(&mut preset, None, true, None, &options).is_ok());
        assert_eq!(preset.headers().len(), 1);
        // Errors name the cause.
        let mut unknown = http::Request::new(b"x".to_vec());
        let error = add_request_checksum(&mut unknown, Some("MD5"), false, None, &options);
        assert!(error.is_err_and(|e| e.to_string().contains("`MD5`")));
        let mut stream = http::Request::new(ByteStream::from_body(http_body_util_free::Never));
        assert!(add_request_checksum(&mut stream, None, false, None, &options).is_ok());
        assert!(stream.headers().is_empty());
        assert!(add_request_checksum(&mut stream, None, true, None, &options).is_err());
    }

    #[test]
    fn glacier_tree_hashes() {
        // The protocol tests' value for `hello world`: one chunk, so the plain SHA-256.
        let mut request = http::Request::new(ByteStream::from(b"hello world".to_vec()));
        assert!(add_glacier_checksums(&mut request).is_ok());
        let sha = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
        assert_eq!(header(&request, "x-amz-sha256-tree-hash").as_deref(), Some(sha));
        assert_eq!(header(&request, "x-amz-content-sha256").as_deref(), Some(sha));
        // 2.5 MiB: three chunks, two levels; expected values computed apart with Python's hashlib.
        let data: Vec<u8> = (0..5 * 1024 * 1024 / 2).map(|i: u32| (i % 251) as u8).collect();
        assert_eq!(hex(&glacier_tree_hash(&data)), "9b2474f7359f1464535323bfcd3254903843f74cd482d4b35b8e039bcc88c5bf");
        let mut large = http::Request::new(data);
        assert!(add_glacier_checksums(&mut large).is_ok());
        assert_eq!(
            header(&large, "x-amz-content-sha256").as_deref(),
            Some("35aeff7e048974ee23c365c8faf6bcb868ca0529c69309a00f6cde98bfbf89ce")
        );
        assert_eq!(hex(&glacier_tree_hash(b"")), hex(&sha2::Sha256::digest(b"")));
    }

    #[test]
    fn response_checksums_are_validated() {
        let mut headers = http::HeaderMap::new();
        assert_eq!(validate_response_checksum(&headers, b"body"), Ok(None));
        headers.insert(
            "x-amz-checksum-sha256",
            HeaderValue::from_str(&Sha256.checksum(b"body")).unwrap_or(HeaderValue::from_static("")),
        );
        assert_eq!(validate_response_checksum(&headers, b"body"), Ok(Some(Sha256)));
        let mismatch = validate_response_checksum(&headers, b"bodY");
        assert!(
            mismatch.as_ref().is_err_and(|e| e.algorithm() == Sha256 && e.actual() == Sha256.checksum(b"bodY")),
            "{mismatch:?}"
        );
        // CRC32 comes before SHA256: a wrong CRC32 fails even with a right SHA256.
        headers.insert("x-amz-checksum-crc32", HeaderValue::from_static("AAAAAA=="));
        assert!(validate_response_checksum(&headers, b"body")
            .is_err_and(|e| e.to_string().contains("x-amz-checksum-crc32")));
        // A checksum of parts is not a checksum of the body.
        headers.insert("x-amz-checksum-crc32", HeaderValue::from_static("AAAAAA==-12"));
        assert_eq!(validate_response_checksum(&headers, b"body"), Ok(None));
    }
}
