//! The client: one call from an operation's input to its output over the network.
//!
//! A generated service client holds a [`Handle`], made from a [`Config`], and calls
//! [`Handle::invoke`] for each operation, which the generated code describes by implementing
//! [`Operation`]. What a call does, in order: resolve the endpoint, validate the input and
//! build the request once (so the idempotency token is the same on every attempt), then for
//! each attempt: sign ([`sigv4`]) or attach the bearer token, send through the
//! [`HttpClient`], read the response within the body limit, and ask [`retry`] whether and
//! when to try again. A failure is an [`Error`] that says which step failed.
//!
//! Every part a user may replace is a trait: [`ProvideCredentials`], [`ProvideToken`] and
//! [`HttpClient`]. The sans-IO layer (`request()` / `response()` of each operation) stays
//! public underneath, for callers who bring their own stack.

use std::future::Future;
use std::pin::Pin;

#[cfg(feature = "aws-config")]
mod aws_config;
mod auth;
mod config;
mod credentials;
mod env;
mod error;
mod profile;
mod http;
mod hyper_client;
mod operation;
mod orchestrator;
mod paginator;
pub mod retry;
pub mod sigv4;
mod wait;

#[cfg(feature = "aws-config")]
pub use aws_config::{SdkCredentialsProvider, SdkTokenProvider};
pub use config::{Config, ConfigBuilder, ConfigError, ConfigLoader, RetryMode, TimeoutConfig};
pub use credentials::{
    Credentials, CredentialsCache, CredentialsError, DefaultCredentialsChain, EnvironmentCredentialsProvider,
    ProfileCredentialsProvider, ProvideCredentials, ProvideToken, Token,
};
pub use error::{Error, ServiceError, TimeoutError, TimeoutKind};
pub use http::{read_body, HttpClient, TransportError, TransportErrorKind};
pub use hyper_client::{HyperClient, HyperClientBuilder, HyperClientError};
pub use operation::{configured_endpoint, AuthOption, Operation, OperationError, ReadResponse, Retryable, ServiceInfo};
pub use orchestrator::Handle;
pub use paginator::{Items, PageSize, Paginated, PaginatedItems, PaginationError, Paginator};
pub use retry::RetryConfig;
pub use wait::{wait, WaitError, WaitOptions, Waited};

/// A boxed future that can be sent between threads: what the provider and transport traits
/// return, so that they stay object-safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
