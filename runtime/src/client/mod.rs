//! The client: one call from an operation's input to its output over the network.
//!
//! A generated service client holds a [`Config`] and calls [`invoke`] for each operation.
//! What a call does, in order (see `orchestrator`): validate the input and build the request
//! once (so the idempotency token is the same on every attempt), resolve the endpoint, then
//! for each attempt: sign, send through the [`HttpClient`], read the response within the
//! body limit, and decide from [`retry`] whether to try again.
//!
//! Every part a user may replace is a trait: [`ProvideCredentials`], [`ProvideToken`] and
//! [`HttpClient`]. The sans-IO layer (`request()` / `response()` of each operation) stays
//! public underneath, for callers who bring their own stack.

use std::future::Future;
use std::pin::Pin;

mod config;
mod credentials;
mod http;
mod hyper_client;
pub mod retry;
mod sigv4;

pub use config::{Config, ConfigBuilder, ConfigError, TimeoutConfig};
pub use credentials::{Credentials, CredentialsError, ProvideCredentials, ProvideToken, Token};
pub use http::{read_body, HttpClient, TransportError, TransportErrorKind};
pub use hyper_client::{HyperClient, HyperClientBuilder, HyperClientError};
pub use retry::RetryConfig;

/// A boxed future that can be sent between threads: what the provider and transport traits
/// return, so that they stay object-safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
