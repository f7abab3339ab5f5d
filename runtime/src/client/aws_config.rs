//! The bridge from the AWS SDK for Rust's configuration (the `aws-config` feature): a client
//! can take what `aws-config` loaded (its credentials chain with SSO, roles, IMDS and the
//! rest; region; endpoint URLs) instead of this crate's own loader.
//!
//! Only the shared types are dependencies (`aws-types`, `aws-credential-types`); the user
//! brings `aws-config`, and cargo unifies the 1.x versions so the types match.

use super::config::{ConfiguredEndpoint, ServiceEndpointSource};
use super::{
    BoxFuture, Config, Credentials, CredentialsCache, CredentialsError, ProvideCredentials, ProvideToken, Token,
};
use aws_credential_types::provider::token::{ProvideToken as SdkProvideToken, SharedTokenProvider};
use aws_credential_types::provider::{ProvideCredentials as SdkProvideCredentials, SharedCredentialsProvider};
use aws_types::service_config::ServiceConfigKey;
use aws_types::SdkConfig;
use std::error::Error;
use std::sync::Arc;

/// An `aws-config` credentials provider (any [`SharedCredentialsProvider`]) as this
/// client's [`ProvideCredentials`]. It does not cache: the SDK caches in its clients, not
/// in its providers, so put a [`CredentialsCache`] in front ([`Config::from_sdk_config`]
/// does).
#[derive(Clone, Debug)]
pub struct SdkCredentialsProvider(SharedCredentialsProvider);

impl SdkCredentialsProvider {
    /// Wraps the provider.
    pub fn new(provider: SharedCredentialsProvider) -> Self {
        Self(provider)
    }
}

impl ProvideCredentials for SdkCredentialsProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            let credentials = SdkProvideCredentials::provide_credentials(&self.0)
                .await
                .map_err(|e| CredentialsError::new(format!("aws-config credentials provider: {}", chain(&e))))?;
            Ok(Credentials::new(
                credentials.access_key_id(),
                credentials.secret_access_key(),
                credentials.session_token().map(str::to_owned),
                credentials.expiry(),
                "aws-config",
            ))
        })
    }
}

/// An `aws-config` token provider as this client's [`ProvideToken`].
#[derive(Clone, Debug)]
pub struct SdkTokenProvider(SharedTokenProvider);

impl SdkTokenProvider {
    /// Wraps the provider.
    pub fn new(provider: SharedTokenProvider) -> Self {
        Self(provider)
    }
}

impl ProvideToken for SdkTokenProvider {
    fn provide_token(&self) -> BoxFuture<'_, Result<Token, CredentialsError>> {
        Box::pin(async move {
            let token = SdkProvideToken::provide_token(&self.0)
                .await
                .map_err(|e| CredentialsError::new(format!("aws-config token provider: {}", chain(&e))))?;
            Ok(Token::new(token.token(), token.expiration()))
        })
    }
}

/// An error with its sources, as one line. The SDK's credential errors describe what
/// failed, not the credentials.
fn chain(error: &dyn Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        text.push_str(": ");
        text.push_str(&e.to_string());
        source = e.source();
    }
    text
}

/// Service-specific settings as `aws-config` loaded them (environment and profile, with its
/// own precedence and ignore flag), asked per service at call time.
#[derive(Debug)]
struct SdkServiceEndpoints(SdkConfig);

impl ServiceEndpointSource for SdkServiceEndpoints {
    fn endpoint_url(&self, sdk_id: &str) -> Option<String> {
        let key = ServiceConfigKey::builder()
            .service_id(sdk_id)
            .env("AWS_ENDPOINT_URL")
            .profile("endpoint_url")
            .build()
            .ok()?;
        self.0.service_config()?.load_config(key)
    }
}

impl Config {
    /// A configuration from what `aws-config` loaded: region, credentials (behind a
    /// [`CredentialsCache`]), bearer token provider, endpoint URLs (global and
    /// service-specific), FIPS and dual-stack flags, app name, maximum attempts and the
    /// timeouts it sets. Change any of it with [`Config::to_builder`].
    ///
    /// ```ignore
    /// // With `aws-config` among the application's dependencies:
    /// let sdk = aws_config::load_from_env().await;
    /// let config = smithy_runtime::client::Config::from_sdk_config(&sdk);
    /// ```
    pub fn from_sdk_config(sdk: &SdkConfig) -> Config {
        let mut config = Config {
            region: sdk.region().map(|r| r.as_ref().to_owned()),
            credentials: sdk.credentials_provider().map(|p| {
                Arc::new(CredentialsCache::new(SdkCredentialsProvider::new(p))) as Arc<dyn ProvideCredentials>
            }),
            token: sdk.token_provider().map(|p| Arc::new(SdkTokenProvider::new(p)) as Arc<dyn ProvideToken>),
            use_fips: sdk.use_fips().unwrap_or(false),
            use_dual_stack: sdk.use_dual_stack().unwrap_or(false),
            app_name: sdk.app_name().map(|name| name.as_ref().to_owned()),
            endpoint_source: Some(Arc::new(SdkServiceEndpoints(sdk.clone()))),
            configured_endpoint_urls: sdk
                .endpoint_url()
                .map(|url| ConfiguredEndpoint { service: None, url: url.to_owned() })
                .into_iter()
                .collect(),
            ..Config::default()
        };
        if let Some(retry) = sdk.retry_config() {
            config.retry.max_attempts = retry.max_attempts().max(1);
        }
        if let Some(timeouts) = sdk.timeout_config() {
            config.timeouts.connect = timeouts.connect_timeout();
            config.timeouts.attempt = timeouts.operation_attempt_timeout();
            config.timeouts.operation = timeouts.operation_timeout();
        }
        config
    }
}
