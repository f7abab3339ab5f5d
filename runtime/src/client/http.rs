//! The transport: the trait any HTTP stack implements to carry the client's requests.

use super::BoxFuture;
use crate::{BoxError, ByteStream};
use std::fmt;

/// Sends one HTTP request and gives back the response, its body still to be read.
///
/// The client applies the per-attempt and operation timeouts around this call and reads the
/// body within its size limit; an implementation handles connections (pooling, keep-alive,
/// the connect timeout, TLS). Implement it to plug in another HTTP stack or a test double.
pub trait HttpClient: Send + Sync + fmt::Debug {
    /// Sends `request` (its URI is absolute) and resolves when the response head arrives.
    fn send(&self, request: http::Request<ByteStream>) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>>;
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
