//! Request compression (`smithy.api#requestCompression`): the body of an operation with the
//! trait is gzipped when compression is enabled ([`RequestOptions::with_request_compression`])
//! and the body is at least the minimum size, and `gzip` is appended to `Content-Encoding`
//! after any encoding the input set.
//!
//! A `@streaming` body (never `@requiresLength`: the trait forbids it) is compressed whatever
//! its size, as the trait's specification requires: in memory at once, else as it is read,
//! which leaves its compressed length unknown (no `Content-Length`).
//!
//! Compression comes before checksums and signing: both cover the bytes sent.
//!
//! [`RequestOptions::with_request_compression`]: super::RequestOptions::with_request_compression

use super::request::{RequestError, RequestOptions};
use crate::stream::{BoxError, ByteStream};
use bytes::Bytes;
use flate2::write::GzEncoder;
use http::header::{HeaderValue, CONTENT_ENCODING, CONTENT_LENGTH};
use http_body::{Body, Frame, SizeHint};
use std::io::Write as _;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The default minimum body size that is compressed, in bytes (`REQUEST_MIN_COMPRESSION_SIZE_BYTES`).
pub const DEFAULT_MIN_COMPRESSION_SIZE: u32 = 10_240;

/// The largest minimum size the setting takes, in bytes (10 MiB).
pub const MAX_MIN_COMPRESSION_SIZE: u32 = 10_485_760;

/// The body gzipped at flate2's default level (the "balanced" level the trait asks for).
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>, RequestError> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 2 + 32), flate2::Compression::default());
    encoder.write_all(bytes).map_err(compression_failed)?;
    encoder.finish().map_err(compression_failed)
}

fn compression_failed(error: std::io::Error) -> RequestError {
    RequestError::serialize(format!("cannot gzip the request body: {error}"))
}

/// For an operation with `@requestCompression` (gzip among its encodings): gzips the body
/// when the options enable compression and the body is at least their minimum size (an
/// empty body stays empty), and appends `gzip` to `Content-Encoding`.
pub fn compress_request(request: &mut http::Request<Vec<u8>>, options: &RequestOptions) -> Result<(), RequestError> {
    let Some(min_size) = options.request_compression() else { return Ok(()) };
    let length = request.body().len();
    if length == 0 || (length as u64) < u64::from(min_size) {
        return Ok(());
    }
    let compressed = gzip(request.body())?;
    request.headers_mut().insert(CONTENT_LENGTH, HeaderValue::from(compressed.len()));
    *request.body_mut() = compressed;
    append_content_encoding(request.headers_mut(), "gzip")
}

/// [`compress_request`] for a `@streaming` body, which is compressed whatever its size: a
/// body in memory at once (its new length sent), any other as it is read (no length sent).
pub fn compress_streaming_request(
    request: &mut http::Request<ByteStream>,
    options: &RequestOptions,
) -> Result<(), RequestError> {
    if options.request_compression().is_none() || request.body().is_empty() {
        return Ok(());
    }
    let body = match std::mem::take(request.body_mut()).into_bytes() {
        Ok(bytes) => {
            let compressed = gzip(&bytes)?;
            request.headers_mut().insert(CONTENT_LENGTH, HeaderValue::from(compressed.len()));
            ByteStream::from(compressed)
        }
        Err(stream) => {
            request.headers_mut().remove(CONTENT_LENGTH);
            ByteStream::from_body(GzipBody::new(stream))
        }
    };
    *request.body_mut() = body;
    append_content_encoding(request.headers_mut(), "gzip")
}

/// Appends `encoding` to the `Content-Encoding` header: one value listing the encodings in
/// the order they were applied (`custom, gzip`), as RFC 9110 §8.4 asks.
pub fn append_content_encoding(headers: &mut http::HeaderMap, encoding: &str) -> Result<(), RequestError> {
    let mut list: Vec<&str> = Vec::new();
    for value in headers.get_all(CONTENT_ENCODING) {
        let text = value.to_str().map_err(|_| RequestError::serialize("the `Content-Encoding` header is not text"))?;
        list.extend(text.split(',').map(str::trim).filter(|s| !s.is_empty()));
    }
    list.push(encoding);
    let value = HeaderValue::from_str(&list.join(", "))
        .map_err(|_| RequestError::serialize("invalid value for header `Content-Encoding`"))?;
    headers.insert(CONTENT_ENCODING, value);
    Ok(())
}

/// A body gzipped as it is read: each chunk of the inner body goes through the encoder, and
/// what the encoder has ready goes out; the gzip trailer follows the last chunk, before any
/// trailers of the inner body.
struct GzipBody {
    inner: ByteStream,
    /// `None` once the gzip stream is finished.
    encoder: Option<GzEncoder<Vec<u8>>>,
    /// Trailers of the inner body, sent after the gzip trailer.
    trailers: Option<http::HeaderMap>,
}

impl GzipBody {
    fn new(inner: ByteStream) -> Self {
        Self { inner, encoder: Some(GzEncoder::new(Vec::new(), flate2::Compression::default())), trailers: None }
    }
}

impl Body for GzipBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        loop {
            let Some(encoder) = this.encoder.as_mut() else {
                return Poll::Ready(this.trailers.take().map(|t| Ok(Frame::trailers(t))));
            };
            let frame = match Pin::new(&mut this.inner).poll_frame(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(frame))) => frame,
                Poll::Ready(None) => {
                    let encoder = this.encoder.take();
                    let rest = encoder.map(GzEncoder::finish).transpose()?.unwrap_or_default();
                    return Poll::Ready(Some(Ok(Frame::data(Bytes::from(rest)))));
                }
            };
            match frame.into_data() {
                Ok(data) => {
                    encoder.write_all(&data)?;
                    // The encoder only appends to its buffer, so taking what is there is safe.
                    let ready = std::mem::take(encoder.get_mut());
                    if !ready.is_empty() {
                        return Poll::Ready(Some(Ok(Frame::data(Bytes::from(ready)))));
                    }
                }
                Err(frame) => {
                    // Trailers end the data: finish the gzip stream first.
                    this.trailers = frame.into_trailers().ok();
                    let encoder = this.encoder.take();
                    let rest = encoder.map(GzEncoder::finish).transpose()?.unwrap_or_default();
                    return Poll::Ready(Some(Ok(Frame::data(Bytes::from(rest)))));
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.encoder.is_none() && self.trailers.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::read::GzDecoder;
    use std::io::Read as _;

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let read = GzDecoder::new(bytes).read_to_end(&mut out);
        assert!(read.is_ok(), "not gzip: {read:?}");
        out
    }

    fn request(body: &[u8], encoding: Option<&str>) -> http::Request<Vec<u8>> {
        let mut request = http::Request::new(body.to_vec());
        if let Some(encoding) = encoding {
            request
                .headers_mut()
                .insert(CONTENT_ENCODING, HeaderValue::from_str(encoding).unwrap_or(HeaderValue::from_static("x")));
        }
        request
    }

    fn text(request: &http::Request<impl Sized>, name: http::header::HeaderName) -> Option<String> {
        request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
    }

    #[test]
    fn bodies_at_least_the_minimum_size_are_gzipped() {
        let body = "abc".repeat(4000).into_bytes();
        let options = RequestOptions::new();
        let mut large = request(&body, Some("custom"));
        assert!(compress_request(&mut large, &options).is_ok());
        assert_eq!(text(&large, CONTENT_ENCODING).as_deref(), Some("custom, gzip"));
        assert_eq!(text(&large, CONTENT_LENGTH), Some(large.body().len().to_string()));
        assert!(large.body().len() < body.len());
        assert_eq!(gunzip(large.body()), body);

        let mut small = request(&body[..100], None);
        assert!(compress_request(&mut small, &options).is_ok());
        assert_eq!(small.body(), &body[..100]);
        assert!(small.headers().get(CONTENT_ENCODING).is_none());
    }

    #[test]
    fn options_set_the_minimum_or_turn_compression_off() {
        let body = b"tiny".to_vec();
        let Ok(zero) = RequestOptions::new().with_request_compression(true, 0) else { panic!("0 is in range") };
        let mut tiny = request(&body, None);
        assert!(compress_request(&mut tiny, &zero).is_ok());
        assert_eq!(gunzip(tiny.body()), body);
        assert_eq!(text(&tiny, CONTENT_ENCODING).as_deref(), Some("gzip"));

        let mut empty = request(b"", None);
        assert!(compress_request(&mut empty, &zero).is_ok());
        assert!(empty.body().is_empty() && empty.headers().get(CONTENT_ENCODING).is_none());

        let Ok(off) = RequestOptions::new().with_request_compression(false, 0) else { panic!("0 is in range") };
        let mut kept = request(&body, None);
        assert!(compress_request(&mut kept, &off).is_ok());
        assert_eq!(kept.body(), &body);

        let too_large = RequestOptions::new().with_request_compression(true, MAX_MIN_COMPRESSION_SIZE + 1);
        assert!(too_large.is_err_and(|e| e.to_string().contains("10485760")));
        assert!(RequestOptions::new().with_request_compression(true, MAX_MIN_COMPRESSION_SIZE).is_ok());
    }

    #[test]
    fn streams_are_compressed_whatever_their_size() {
        let options = RequestOptions::new();
        let mut compressed = http::Request::new(ByteStream::from(b"short".to_vec()));
        assert!(compress_streaming_request(&mut compressed, &options).is_ok());
        assert_eq!(text(&compressed, CONTENT_ENCODING).as_deref(), Some("gzip"));
        let bytes = compressed.body().in_memory().map(<[u8]>::to_vec).unwrap_or_default();
        assert_eq!(text(&compressed, CONTENT_LENGTH), Some(bytes.len().to_string()));
        assert_eq!(gunzip(&bytes), b"short");
    }

    /// A stream of unknown length: chunks (and trailers) read through the encoder, polled by hand.
    #[test]
    fn streams_are_compressed_as_they_are_read() {
        struct Chunks(Vec<Frame<Bytes>>);
        impl Body for Chunks {
            type Data = Bytes;
            type Error = std::io::Error;
            fn poll_frame(
                mut self: Pin<&mut Self>,
                _: &mut Context<'_>,
            ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
                Poll::Ready(if self.0.is_empty() { None } else { Some(Ok(self.0.remove(0))) })
            }
        }
        let original: Vec<u8> = (0..50_000_u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        let mut trailers = http::HeaderMap::new();
        trailers.insert("x-trailer", HeaderValue::from_static("1"));
        let mut frames: Vec<Frame<Bytes>> =
            original.chunks(7_000).map(|c| Frame::data(Bytes::copy_from_slice(c))).collect();
        frames.push(Frame::trailers(trailers));
        let mut request = http::Request::new(ByteStream::from_body(Chunks(frames)));
        request.headers_mut().insert(CONTENT_LENGTH, HeaderValue::from(original.len()));
        assert!(compress_streaming_request(&mut request, &RequestOptions::new()).is_ok());
        assert!(request.headers().get(CONTENT_LENGTH).is_none(), "the compressed length is unknown");
        let mut body = request.into_body();
        let waker = std::task::Waker::noop();
        let mut cx = Context::from_waker(waker);
        let (mut wire, mut seen_trailers) = (Vec::new(), None);
        while let Poll::Ready(Some(frame)) = Pin::new(&mut body).poll_frame(&mut cx) {
            let Ok(frame) = frame else { panic!("no error expected") };
            match frame.into_data() {
                Ok(data) => wire.extend_from_slice(&data),
                Err(frame) => seen_trailers = frame.into_trailers().ok(),
            }
        }
        assert!(body.is_end_stream());
        assert_eq!(gunzip(&wire), original);
        assert!(seen_trailers.is_some_and(|t| t.get("x-trailer").is_some()));
    }
}
