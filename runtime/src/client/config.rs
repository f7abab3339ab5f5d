//! Client configuration: set in code, or loaded from the environment and the shared AWS
//! config and credentials files.

use super::{HttpClient, ProvideCredentials, ProvideToken, RetryConfig};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// The timeouts of a call. `None` means no limit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TimeoutConfig {
    /// To open a connection (TCP and TLS).
    pub connect: Option<Duration>,
    /// One attempt, from sending the request to the end of the response body.
    pub attempt: Option<Duration>,
    /// The whole call, all attempts and the waits between them included.
    pub operation: Option<Duration>,
}

/// The configuration a client is made from.
#[derive(Clone, Default)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) credentials: Option<Arc<dyn ProvideCredentials>>,
    pub(crate) token: Option<Arc<dyn ProvideToken>>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) retry: RetryConfig,
    pub(crate) timeouts: TimeoutConfig,
    pub(crate) http_client: Option<Arc<dyn HttpClient>>,
    pub(crate) app_name: Option<String>,
    pub(crate) max_response_body: Option<usize>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("token", &self.token)
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("http_client", &self.http_client)
            .field("app_name", &self.app_name)
            .field("max_response_body", &self.max_response_body)
            .finish()
    }
}

impl Config {
    /// A builder, starting from nothing set.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }
}

/// Builds a [`Config`] in code.
#[derive(Default, Debug)]
pub struct ConfigBuilder {
    config: Config,
}

impl ConfigBuilder {
    /// The region.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.config.region = Some(region.into());
        self
    }

    /// The credentials provider.
    pub fn credentials(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.config.credentials = Some(Arc::new(provider));
        self
    }

    /// The endpoint URL, in place of the one the rule set resolves.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self
    }

    /// The retry settings.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.config.retry = retry;
        self
    }

    /// The timeouts.
    pub fn timeouts(mut self, timeouts: TimeoutConfig) -> Self {
        self.config.timeouts = timeouts;
        self
    }

    /// The HTTP client.
    pub fn http_client(mut self, client: impl HttpClient + 'static) -> Self {
        self.config.http_client = Some(Arc::new(client));
        self
    }

    /// The configuration.
    pub fn build(self) -> Config {
        self.config
    }
}

/// A setting that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}
