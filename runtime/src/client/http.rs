//! The transport: the trait any HTTP stack implements to carry the client's requests.

use super::BoxFuture;
use crate::{BoxError, ByteStream};
use bytes::{Bytes, BytesMut};
use http_body::Body;
use std::fmt;
use std::pin::Pin;

/// Sends one HTTP request and gives back the response, its body still to be read.
///
/// The client applies the per-attempt and operation timeouts around this call and reads the
/// body within its size limit; an implementation handles connections (pooling, keep-alive,
/// the connect timeout, TLS). Implement it to plug in another HTTP stack or a test double.
pub trait HttpClient: Send + Sync + fmt::Debug {
    /// Sends `request` (its URI is absolute) and resolves when the response head arrives.
    fn send(
        &self,
        request: http::Request<ByteStream>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>>;
}

/// What kind of transport failure happened: it decides whether the call is retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (refused, DNS, TLS handshake, connect timeout).
    Connect,
    /// The connection failed while the request or response was on the wire.
    Io,
    /// A response that is not HTTP, or that the client cannot accept (e.g. too large).
    Response,
    /// Anything else the HTTP stack reports.
    Other,
}

/// A failure to exchange a request and a response with the server.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: BoxError,
}

impl TransportError {
    /// An error of `kind` caused by `source`.
    pub fn new(kind: TransportErrorKind, source: impl Into<BoxError>) -> Self {
        Self { kind, source: source.into() }
    }

    /// What kind of failure it is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "cannot connect",
            TransportErrorKind::Io => "connection failed",
            TransportErrorKind::Response => "bad response",
            TransportErrorKind::Other => "transport error",
        };
        write!(f, "{what}: {}", self.source)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// Reads a whole response body into memory, failing once it would exceed `limit` bytes.
///
/// A body that declares its size (Content-Length, or one held in memory) over the limit fails
/// before anything is read. Exceeding the limit is a [`TransportErrorKind::Response`] error
/// naming the limit; a body stream that fails keeps the kind of the [`TransportError`] it
/// carries, and is otherwise [`TransportErrorKind::Io`] (the connection broke mid-body).
pub async fn read_body(body: ByteStream, limit: usize) -> Result<Bytes, TransportError> {
    let too_large = |declared: Option<u64>| {
        let declared = declared.map(|size| format!(" (it declares {size} bytes)")).unwrap_or_default();
        TransportError::new(
            TransportErrorKind::Response,
            format!("the response body exceeds the limit of {limit} bytes{declared}"),
        )
    };
    // Widening: usize is at most 64 bits on every supported target.
    let limit_u64 = limit as u64;
    let hint = body.size_hint();
    if hint.lower() > limit_u64 {
        return Err(too_large(Some(hint.exact().unwrap_or(hint.lower()))));
    }
    let body = match body.into_bytes() {
        Ok(bytes) => return Ok(bytes),
        Err(streaming) => streaming,
    };

    let mut body = body;
    // The first chunk is kept as it is: most bodies arrive whole, and need no copy.
    let mut first: Option<Bytes> = None;
    let mut rest = BytesMut::new();
    let mut total: usize = 0;
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(body_error)?;
        let Ok(data) = frame.into_data() else {
            continue; // trailers carry no body bytes
        };
        total = match total.checked_add(data.len()) {
            Some(total) if total <= limit => total,
            _ => return Err(too_large(None)),
        };
        match &first {
            None => first = Some(data),
            Some(head) => {
                if rest.is_empty() {
                    let capacity = usize::try_from(hint.lower()).unwrap_or(limit).clamp(total, limit);
                    rest.reserve(capacity);
                    rest.extend_from_slice(head);
                }
                rest.extend_from_slice(&data);
            }
        }
    }
    Ok(if rest.is_empty() { first.unwrap_or_default() } else { rest.freeze() })
}

/// The transport error of a body stream that failed while being read.
fn body_error(error: BoxError) -> TransportError {
    let error = match error.downcast::<TransportError>() {
        Ok(transport) => return *transport,
        Err(error) => error,
    };
    let kind = match error.downcast_ref::<hyper::Error>() {
        Some(hyper_error) => super::hyper_client::hyper_error_kind(hyper_error),
        None => TransportErrorKind::Io,
    };
    // The message names every cause: hyper's own says only "error reading a body".
    TransportError::new(kind, super::hyper_client::describe(&*error))
}
