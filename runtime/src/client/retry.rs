//! Retries as the AWS SDKs' standard mode: which failures are retried, the backoff between
//! attempts, and the token bucket that stops a client from retrying into an outage.

use std::time::Duration;

/// How a client retries.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryConfig {
    /// Attempts per call, the first included (1 turns retries off).
    pub max_attempts: u32,
    /// The backoff ceiling of the first retry; it doubles with each retry.
    pub initial_backoff: Duration,
    /// The longest wait between two attempts.
    pub max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self { max_attempts: 3, initial_backoff: Duration::from_secs(1), max_backoff: Duration::from_secs(20) }
    }
}
