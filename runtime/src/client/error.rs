//! The error of a client call: what happened, with the raw response where there is one.

use super::{CredentialsError, PaginationError, TransportError};
use crate::endpoint::EndpointError;
use crate::RequestError;
use bytes::Bytes;
use std::fmt;
use std::time::Duration;

/// Why a call failed. `E` is the operation's error: its modeled errors, an unmodeled error,
/// or a response that could not be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The service answered with an error (or an answer that could not be read). Boxed: it
    /// holds the raw response, and the operation's error may be large.
    Service(Box<ServiceError<E>>),
    /// The input is invalid (it breaks a constraint of the model), or has no wire form.
    Request(RequestError),
    /// No endpoint: a missing region, an invalid endpoint URL, a rule set's error.
    Endpoint(EndpointError),
    /// No credentials or token could be had, or the request could not be signed with them.
    Credentials(CredentialsError),
    /// The request and response could not be exchanged (connection refused or dropped,
    /// TLS, a response body over the limit).
    Transport(TransportError),
    /// An attempt, or the whole call, took longer than its timeout.
    Timeout(TimeoutError),
    /// A paginator stopped: the service's pages do not link up.
    Pagination(PaginationError),
}

impl<E> Error<E> {
    /// The operation's error, when the service answered with one.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            Self::Service(e) => Some(&e.error),
            _ => None,
        }
    }

    /// The operation's error, when the service answered with one; else `self`.
    pub fn into_service_error(self) -> Result<E, Self> {
        match self {
            Self::Service(e) => Ok(e.error),
            other => Err(other),
        }
    }

    /// The raw response the error was read from, when there was one.
    pub fn raw_response(&self) -> Option<&http::Response<Bytes>> {
        match self {
            Self::Service(e) => Some(&e.raw),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Service(e) => write!(f, "service error (HTTP {}): {}", e.raw.status().as_u16(), e.error),
            Self::Request(e) => write!(f, "{e}"),
            Self::Endpoint(e) => write!(f, "cannot resolve the endpoint: {e}"),
            Self::Credentials(e) => write!(f, "cannot authenticate the request: {e}"),
            Self::Transport(e) => write!(f, "{e}"),
            Self::Timeout(e) => write!(f, "{e}"),
            Self::Pagination(e) => write!(f, "{e}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Service(e) => Some(&e.error),
            Self::Request(e) => Some(e),
            Self::Endpoint(e) => Some(e),
            Self::Credentials(e) => Some(e),
            Self::Transport(e) => Some(e),
            Self::Timeout(e) => Some(e),
            Self::Pagination(e) => Some(e),
        }
    }
}

/// An error answer of the service, read into the operation's error, with the raw response.
#[derive(Debug)]
pub struct ServiceError<E> {
    error: E,
    raw: http::Response<Bytes>,
}

impl<E> ServiceError<E> {
    pub(crate) fn new(error: E, raw: http::Response<Bytes>) -> Self {
        Self { error, raw }
    }

    /// The operation's error.
    pub fn error(&self) -> &E {
        &self.error
    }

    /// The raw response.
    pub fn raw(&self) -> &http::Response<Bytes> {
        &self.raw
    }

    /// The operation's error and the raw response.
    pub fn into_parts(self) -> (E, http::Response<Bytes>) {
        (self.error, self.raw)
    }
}

/// Which timeout fired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// One attempt's ([`TimeoutConfig::attempt`](super::TimeoutConfig::attempt)).
    Attempt,
    /// The whole call's ([`TimeoutConfig::operation`](super::TimeoutConfig::operation)).
    Operation,
}

/// A timeout that fired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeoutError {
    kind: TimeoutKind,
    limit: Duration,
}

impl TimeoutError {
    pub(crate) fn new(kind: TimeoutKind, limit: Duration) -> Self {
        Self { kind, limit }
    }

    /// Which timeout fired.
    pub fn kind(&self) -> TimeoutKind {
        self.kind
    }

    /// The limit that was reached.
    pub fn limit(&self) -> Duration {
        self.limit
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TimeoutKind::Attempt => "the attempt",
            TimeoutKind::Operation => "the call",
        };
        write!(f, "{what} timed out after {:?}", self.limit)
    }
}

impl std::error::Error for TimeoutError {}
