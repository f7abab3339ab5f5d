//! Client configuration: set in code, or loaded from the environment and the shared AWS
//! config and credentials files.
//!
//! See [`ConfigLoader`] for the settings read and their precedence.

use super::credentials::{CredentialsCache, DefaultCredentialsChain, EnvironmentCredentialsProvider};
use super::env::Env;
use super::profile::{Locations, Origin, Section};
use super::{HttpClient, ProfileCredentialsProvider, ProvideCredentials, ProvideToken, RetryConfig};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// The timeouts of a call. `None` means no limit. By default only the connection has one
/// ([`DEFAULT_CONNECT`](Self::DEFAULT_CONNECT)), as in the AWS SDK for Rust: a call to an
/// unreachable host fails (and is retried) instead of hanging.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TimeoutConfig {
    /// To open a connection (TCP and TLS).
    pub connect: Option<Duration>,
    /// One attempt, from sending the request to the end of the response body (for an
    /// operation whose output streams, to the response head: the body is the caller's to read).
    pub attempt: Option<Duration>,
    /// The whole call, all attempts and the waits between them included.
    pub operation: Option<Duration>,
}

impl Default for TimeoutConfig {
    fn default() -> Self {
        Self { connect: Some(Self::DEFAULT_CONNECT), attempt: None, operation: None }
    }
}

impl TimeoutConfig {
    /// The connect timeout unless set otherwise.
    pub const DEFAULT_CONNECT: Duration = Duration::from_millis(3100);

    /// The defaults (a connect timeout only); set the others with the `with_` methods.
    pub fn new() -> Self {
        Self::default()
    }

    /// No limit at all, not even on connecting.
    pub fn none() -> Self {
        Self { connect: None, attempt: None, operation: None }
    }

    /// The connect timeout.
    pub fn with_connect(mut self, timeout: Duration) -> Self {
        self.connect = Some(timeout);
        self
    }

    /// The timeout of one attempt.
    pub fn with_attempt(mut self, timeout: Duration) -> Self {
        self.attempt = Some(timeout);
        self
    }

    /// The timeout of the whole call.
    pub fn with_operation(mut self, timeout: Duration) -> Self {
        self.operation = Some(timeout);
        self
    }
}

/// The retry mode the SDKs' `retry_mode` setting names.
///
/// This client implements the standard mode. `legacy` (each SDK's own older behaviour) runs
/// as standard, as this client has no older behaviour; `adaptive` is recorded so that the
/// retry layer can add its client-side rate limiting, and until then runs as standard.
/// Both are accepted so that shared files written for other SDKs and the CLI load here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryMode {
    /// `standard`.
    #[default]
    Standard,
    /// `legacy`.
    Legacy,
    /// `adaptive`.
    Adaptive,
}

/// A source of service-specific endpoint URLs consulted at call time (the aws-config
/// adapter's: it resolves them through aws-config's own loader).
pub(crate) trait ServiceEndpointSource: Send + Sync + fmt::Debug {
    /// The URL configured for the service with this sdkId, if any.
    fn endpoint_url(&self, sdk_id: &str) -> Option<String>;
}

/// An endpoint URL found in the environment or the profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ConfiguredEndpoint {
    /// The service key (see [`service_key`]), or `None` for the global URL.
    pub(crate) service: Option<String>,
    pub(crate) url: String,
}

/// A service's sdkId as the settings spell it, case aside: spaces become underscores
/// (`Cost Explorer` → `cost_explorer`, matching `AWS_ENDPOINT_URL_COST_EXPLORER` and a
/// `cost_explorer` key in a `services` section).
fn service_key(sdk_id: &str) -> String {
    sdk_id.trim().replace(' ', "_").to_ascii_lowercase()
}

/// The configuration a client is made from.
#[derive(Clone, Default)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) credentials: Option<Arc<dyn ProvideCredentials>>,
    pub(crate) token: Option<Arc<dyn ProvideToken>>,
    /// The global endpoint URL set in code. Loaded ones are in `configured_endpoint_urls`:
    /// read URLs through [`Config::endpoint_url_for`], which applies the precedence.
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) retry: RetryConfig,
    pub(crate) timeouts: TimeoutConfig,
    pub(crate) http_client: Option<Arc<dyn HttpClient>>,
    pub(crate) app_name: Option<String>,
    pub(crate) max_response_body: Option<usize>,
    /// Service-specific endpoint URLs set in code, by [`service_key`].
    pub(crate) service_endpoint_urls: BTreeMap<String, String>,
    /// Endpoint URLs from the environment and the profile, highest precedence first.
    pub(crate) configured_endpoint_urls: Vec<ConfiguredEndpoint>,
    pub(crate) endpoint_source: Option<Arc<dyn ServiceEndpointSource>>,
    pub(crate) retry_mode: RetryMode,
    /// What every request is built with: compression and checksum settings.
    pub(crate) request_options: crate::RequestOptions,
    /// When response checksums are checked (`response_checksum_validation`).
    pub(crate) response_checksum_validation: crate::ChecksumCalculation,
}

/// A URL shown without its user information (`user:password@`), which may be a secret.
struct Redacted<'a>(&'a str);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = self.0;
        let authority_start = url.find("://").map_or(0, |i| i + 3);
        let authority_end = url[authority_start..].find(['/', '?', '#']).map_or(url.len(), |i| authority_start + i);
        match url[authority_start..authority_end].rfind('@') {
            Some(at) => write!(f, "\"{}**@{}\"", &url[..authority_start], &url[authority_start + at + 1..]),
            None => write!(f, "{url:?}"),
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("token", &self.token)
            .field("endpoint_url", &self.endpoint_url.as_deref().map(Redacted))
            .field(
                "service_endpoint_urls",
                &self.service_endpoint_urls.iter().map(|(k, v)| (k, Redacted(v))).collect::<BTreeMap<_, _>>(),
            )
            .field(
                "configured_endpoint_urls",
                &self
                    .configured_endpoint_urls
                    .iter()
                    .map(|e| (e.service.as_deref(), Redacted(&e.url)))
                    .collect::<Vec<_>>(),
            )
            .field("endpoint_source", &self.endpoint_source)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("retry", &self.retry)
            .field("retry_mode", &self.retry_mode)
            .field("request_options", &self.request_options)
            .field("response_checksum_validation", &self.response_checksum_validation)
            .field("timeouts", &self.timeouts)
            .field("http_client", &self.http_client)
            .field("app_name", &self.app_name)
            .field("max_response_body", &self.max_response_body)
            .finish()
    }
}

impl Config {
    /// The response body limit unless set: 64 MiB. Bodies of non-streaming operations are
    /// read whole into memory; the largest documented ones are around 16 MB (DynamoDB
    /// `BatchGetItem`; Kinesis `GetRecords` 10 MiB, Lambda `Invoke` 6 MB), so this leaves
    /// four times that while bounding what a misbehaving endpoint can make the client hold.
    /// Streaming bodies are not subject to it.
    pub const DEFAULT_MAX_RESPONSE_BODY: usize = 64 * 1024 * 1024;

    /// A builder, starting from nothing set.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// A loader of the environment and the shared files, to set up before loading.
    pub fn loader() -> ConfigLoader {
        ConfigLoader::new()
    }

    /// Loads the configuration from the process environment and the shared files (see the
    /// [`ConfigLoader`]), with the default credentials chain behind a cache.
    ///
    /// It reads files synchronously: call it once, at start-up.
    pub fn load() -> Result<Config, ConfigError> {
        ConfigLoader::new().load().map(ConfigBuilder::build)
    }

    /// A builder holding this configuration, to change some of it.
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder { config: self.clone() }
    }

    /// The region.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The credentials provider.
    pub fn credentials(&self) -> Option<&Arc<dyn ProvideCredentials>> {
        self.credentials.as_ref()
    }

    /// The bearer token provider.
    pub fn token(&self) -> Option<&Arc<dyn ProvideToken>> {
        self.token.as_ref()
    }

    /// The endpoint URL for the service with this sdkId (as in the model's `aws.api#service`
    /// trait, e.g. `"Cost Explorer"`), in place of the one the rule set resolves; `None`
    /// when none is configured. In order, the first found:
    ///
    /// 1. set in code for this service ([`ConfigBuilder::service_endpoint_url`]), then for
    ///    all ([`ConfigBuilder::endpoint_url`]);
    /// 2. `AWS_ENDPOINT_URL_<SERVICE>` (the sdkId upper-cased, spaces as underscores);
    /// 3. `AWS_ENDPOINT_URL`;
    /// 4. `endpoint_url` under the service's key (the sdkId lower-cased, spaces as
    ///    underscores) in the `[services NAME]` section the profile's `services` names;
    /// 5. the profile's `endpoint_url`.
    ///
    /// Levels 2 to 5 are skipped when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or the
    /// profile's `ignore_configured_endpoint_urls`) is `true`.
    pub fn endpoint_url_for(&self, sdk_id: &str) -> Option<String> {
        let key = service_key(sdk_id);
        if let Some(url) = self.service_endpoint_urls.get(&key).or(self.endpoint_url.as_ref()) {
            return Some(url.clone());
        }
        if let Some(url) = self.endpoint_source.as_ref().and_then(|source| source.endpoint_url(sdk_id)) {
            return Some(url);
        }
        self.configured_endpoint_urls
            .iter()
            .find(|e| e.service.as_ref().is_none_or(|service| *service == key))
            .map(|e| e.url.clone())
    }

    /// The endpoint URL for all services: set in code, else configured (`AWS_ENDPOINT_URL`,
    /// the profile's `endpoint_url`). A service's own URL may override it: see
    /// [`Config::endpoint_url_for`].
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url
            .as_deref()
            .or_else(|| self.configured_endpoint_urls.iter().find(|e| e.service.is_none()).map(|e| e.url.as_str()))
    }

    /// Whether to use FIPS endpoints.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether to use dual-stack (IPv4 and IPv6) endpoints.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// The retry settings.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// The retry mode (see [`RetryMode`]).
    pub fn retry_mode(&self) -> RetryMode {
        self.retry_mode
    }

    /// The timeouts.
    pub fn timeouts(&self) -> &TimeoutConfig {
        &self.timeouts
    }

    /// The HTTP client.
    pub fn http_client(&self) -> Option<&Arc<dyn HttpClient>> {
        self.http_client.as_ref()
    }

    /// The application's name, for the `User-Agent` header.
    pub fn app_name(&self) -> Option<&str> {
        self.app_name.as_deref()
    }

    /// What every request is built with: request compression and checksum settings.
    pub fn request_options(&self) -> &crate::RequestOptions {
        &self.request_options
    }

    /// When response checksums are checked: for every operation that supports them (the
    /// default), or only when the input asks.
    pub fn response_checksum_validation(&self) -> crate::ChecksumCalculation {
        self.response_checksum_validation
    }

    /// The largest response body read into memory, in bytes.
    pub fn max_response_body(&self) -> usize {
        self.max_response_body.unwrap_or(Self::DEFAULT_MAX_RESPONSE_BODY)
    }
}

/// Builds a [`Config`] in code. What is set here wins over what was loaded.
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

    /// The credentials provider. Put a [`CredentialsCache`] in front of a provider that
    /// fetches credentials; static [`Credentials`](super::Credentials) need none.
    pub fn credentials(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.config.credentials = Some(Arc::new(provider));
        self
    }

    /// No credentials, even when the environment has some: operations that allow anonymous
    /// calls (`@optionalAuth`, `@auth([])`) go unsigned, and the others fail with an error
    /// saying that no credentials are configured.
    pub fn no_credentials(mut self) -> Self {
        self.config.credentials = None;
        self
    }

    /// The bearer token provider (`@httpBearerAuth`).
    pub fn token(mut self, provider: impl ProvideToken + 'static) -> Self {
        self.config.token = Some(Arc::new(provider));
        self
    }

    /// The endpoint URL of every service, in place of the one the rule set resolves. It wins
    /// over every configured URL, service-specific ones included; only
    /// [`service_endpoint_url`](Self::service_endpoint_url) wins over it.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self
    }

    /// The endpoint URL of the service with this sdkId (e.g. `"QuickSight"`).
    pub fn service_endpoint_url(mut self, sdk_id: &str, url: impl Into<String>) -> Self {
        self.config.service_endpoint_urls.insert(service_key(sdk_id), url.into());
        self
    }

    /// Whether to use FIPS endpoints.
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.config.use_fips = use_fips;
        self
    }

    /// Whether to use dual-stack (IPv4 and IPv6) endpoints.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.config.use_dual_stack = use_dual_stack;
        self
    }

    /// The retry settings.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.config.retry = retry;
        self
    }

    /// Attempts per call, the first included (1 turns retries off; 0 is taken as 1). The
    /// other retry settings are kept.
    pub fn max_attempts(mut self, max_attempts: u32) -> Self {
        self.config.retry.max_attempts = max_attempts.max(1);
        self
    }

    /// The retry mode.
    pub fn retry_mode(mut self, mode: RetryMode) -> Self {
        self.config.retry_mode = mode;
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

    /// What every request is built with: request compression (on, from 10240 bytes, by
    /// default) and when request checksums are computed. Validation and idempotency-token
    /// sources set here apply too.
    pub fn request_options(mut self, options: crate::RequestOptions) -> Self {
        self.config.request_options = options;
        self
    }

    /// When response checksums are checked: `WhenSupported` (the default) checks every
    /// response of an operation that lists response algorithms; `WhenRequired` would check
    /// only those whose input asks (its validation-mode member), which this client does not
    /// read yet, so it checks none.
    pub fn response_checksum_validation(mut self, when: crate::ChecksumCalculation) -> Self {
        self.config.response_checksum_validation = when;
        self
    }

    /// The application's name, sent in the `User-Agent` header.
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.config.app_name = Some(name.into());
        self
    }

    /// The largest response body read into memory, in bytes (default
    /// [`Config::DEFAULT_MAX_RESPONSE_BODY`]).
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.config.max_response_body = Some(bytes);
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

impl ConfigError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Loads a configuration from the environment and the shared files, with each source
/// replaceable: tests and embedders give a map of variables, a home folder or file paths.
///
/// It reads settings the way the AWS SDKs and Tools Reference Guide documents
/// them; the precedence is code, then environment variables, then the profile. Values set on
/// the [`ConfigBuilder`] it returns are the "code" level and win over everything loaded:
///
/// ```no_run
/// # fn main() -> Result<(), smithy_runtime::client::ConfigError> {
/// use smithy_runtime::client::Config;
/// let config = Config::loader().load()?.region("eu-west-1").build();
/// # Ok(()) }
/// ```
///
/// | setting | environment | profile |
/// | --- | --- | --- |
/// | profile | `AWS_PROFILE` (else `default`) | |
/// | files | `AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE` (else under `HOME`, then `USERPROFILE`) | |
/// | region | `AWS_REGION`, then `AWS_DEFAULT_REGION` | `region` |
/// | FIPS / dual-stack | `AWS_USE_FIPS_ENDPOINT`, `AWS_USE_DUALSTACK_ENDPOINT` | `use_fips_endpoint`, `use_dualstack_endpoint` |
/// | retries | `AWS_MAX_ATTEMPTS`, `AWS_RETRY_MODE` | `max_attempts`, `retry_mode` |
/// | app name | `AWS_SDK_UA_APP_ID` | `sdk_ua_app_id` |
/// | request compression | `AWS_DISABLE_REQUEST_COMPRESSION`, `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES` | `disable_request_compression`, `request_min_compression_size_bytes` |
/// | checksums | `AWS_REQUEST_CHECKSUM_CALCULATION`, `AWS_RESPONSE_CHECKSUM_VALIDATION` | `request_checksum_calculation`, `response_checksum_validation` |
/// | endpoint URLs | `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` | `services` section, `endpoint_url`, `ignore_configured_endpoint_urls` |
/// | credentials (at the first request) | `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_CREDENTIAL_EXPIRATION` | `aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`, else `credential_process` |
///
/// An environment variable set to the empty string counts as unset. A value that cannot be
/// used is a [`ConfigError`] naming the setting and where it came from (variable, or file
/// and line); the values of secrets never appear in it.
///
/// ```no_run
/// # fn main() -> Result<(), smithy_runtime::client::ConfigError> {
/// use smithy_runtime::client::ConfigLoader;
/// let config = ConfigLoader::new()
///     .env([("AWS_PROFILE", "dev")])
///     .home("/home/ci")
///     .load()?
///     .build();
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default)]
pub struct ConfigLoader {
    env: Env,
    home: Option<PathBuf>,
    profile: Option<String>,
    config_file: Option<PathBuf>,
    credentials_file: Option<PathBuf>,
}

/// Where a setting's value came from, for messages.
enum Source<'a> {
    Env(&'a str),
    Profile(&'a str, Origin),
}

impl fmt::Display for Source<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Env(name) => write!(f, "environment variable {name}"),
            Source::Profile(key, origin) => write!(f, "`{key}` at {origin}"),
        }
    }
}

/// The environment and the chosen profile, read setting by setting.
struct Settings<'a> {
    env: &'a Env,
    profile: Option<&'a Section>,
}

impl<'a> Settings<'a> {
    fn env(&self, name: &'a str) -> Result<Option<(String, Source<'a>)>, ConfigError> {
        match self.env.get(name) {
            Ok(value) => Ok(value.map(|v| (v, Source::Env(name)))),
            Err(e) => Err(ConfigError::new(format!("environment variable {} is not valid UTF-8", e.0))),
        }
    }

    fn profile(&self, key: &'a str) -> Option<(String, Source<'a>)> {
        let (value, origin) = self.profile?.get(key)?;
        // An empty value in a file, like an empty variable, counts as unset.
        (!value.is_empty()).then(|| (value.to_owned(), Source::Profile(key, origin.clone())))
    }

    /// The environment variable, else the profile's key.
    fn get(&self, var: &'a str, key: &'a str) -> Result<Option<(String, Source<'a>)>, ConfigError> {
        Ok(self.env(var)?.or_else(|| self.profile(key)))
    }

    /// A setting read with `parse`, whose error says what was expected.
    fn parse<T>(
        &self,
        var: &'a str,
        key: &'a str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<Option<T>, ConfigError> {
        match self.get(var, key)? {
            Some((value, source)) => {
                parse(&value).map(Some).map_err(|why| ConfigError::new(format!("{source}: {why}")))
            }
            None => Ok(None),
        }
    }
}

fn parse_bool(value: &str) -> Result<bool, String> {
    match value.to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(format!("expected `true` or `false`, found `{value}`")),
    }
}

fn parse_max_attempts(value: &str) -> Result<u32, String> {
    match value.parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("expected a whole number of attempts, 1 or more, found `{value}`")),
    }
}

fn parse_retry_mode(value: &str) -> Result<RetryMode, String> {
    match value.to_ascii_lowercase().as_str() {
        "standard" => Ok(RetryMode::Standard),
        "legacy" => Ok(RetryMode::Legacy),
        "adaptive" => Ok(RetryMode::Adaptive),
        _ => Err(format!("expected `standard`, `legacy` or `adaptive`, found `{value}`")),
    }
}

fn parse_region(value: &str) -> Result<String, String> {
    if value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        Ok(value.to_owned())
    } else {
        Err(format!("expected a region name such as `us-east-1`, found `{value}`"))
    }
}

/// The guide's limit on `sdk_ua_app_id`.
const MAX_APP_ID_LEN: usize = 50;

fn parse_app_id(value: &str) -> Result<String, String> {
    if value.chars().count() > MAX_APP_ID_LEN {
        Err(format!("an application ID is at most {MAX_APP_ID_LEN} characters long"))
    } else if value.chars().any(char::is_control) {
        Err("an application ID cannot hold control characters".to_owned())
    } else {
        Ok(value.to_owned())
    }
}

/// An endpoint URL must name a scheme the client speaks and a host; the value is not
/// repeated in the message, as a URL can carry user information.
fn check_endpoint_url(value: &str) -> Result<String, String> {
    let rest = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with(['/', '?', '#', ':']) => Ok(value.to_owned()),
        _ => Err("expected an http:// or https:// URL with a host".to_owned()),
    }
}

impl ConfigLoader {
    /// A loader of the process environment and the files it names.
    pub fn new() -> Self {
        Self::default()
    }

    /// Read these variables in place of the process environment (which is then not read at
    /// all, for settings or credentials).
    pub fn env<K: Into<String>, V: Into<String>>(mut self, vars: impl IntoIterator<Item = (K, V)>) -> Self {
        self.env = Env::from_vars(vars);
        self
    }

    /// The home folder the default file locations are under, in place of `HOME` /
    /// `USERPROFILE`.
    pub fn home(mut self, home: impl Into<PathBuf>) -> Self {
        self.home = Some(home.into());
        self
    }

    /// The profile, in place of `AWS_PROFILE`.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// The config file, in place of `AWS_CONFIG_FILE` and `~/.aws/config`.
    pub fn config_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config_file = Some(path.into());
        self
    }

    /// The credentials file, in place of `AWS_SHARED_CREDENTIALS_FILE` and
    /// `~/.aws/credentials`.
    pub fn credentials_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.credentials_file = Some(path.into());
        self
    }

    /// Reads the settings into a builder, on which settings made in code win over loaded
    /// ones. Credentials are the default chain (environment, then profile) behind a
    /// [`CredentialsCache`], resolved at the first request, not here.
    pub fn load(self) -> Result<ConfigBuilder, ConfigError> {
        let env = &self.env;
        let locations = Locations::resolve(
            env,
            self.home.clone(),
            self.profile.as_deref(),
            self.config_file.as_deref(),
            self.credentials_file.as_deref(),
        )
        .map_err(ConfigError::new)?;
        let set = locations.load().map_err(ConfigError::new)?;
        let profile = set.profile(&locations.profile);
        if let (None, Some(_)) = (profile, locations.chosen_by) {
            return Err(ConfigError::new(format!(
                "{} is not in {}",
                locations.describe_profile(),
                locations.describe_files()
            )));
        }
        let settings = Settings { env, profile };

        let region = match settings.env("AWS_REGION")? {
            Some(found) => Some(found),
            None => settings.env("AWS_DEFAULT_REGION")?,
        }
        .or_else(|| settings.profile("region"))
        .map(|(value, source)| parse_region(&value).map_err(|why| ConfigError::new(format!("{source}: {why}"))))
        .transpose()?;
        let mut retry = RetryConfig::default();
        if let Some(max_attempts) = settings.parse("AWS_MAX_ATTEMPTS", "max_attempts", parse_max_attempts)? {
            retry.max_attempts = max_attempts;
        }
        let ignore_endpoints = settings
            .parse("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls", parse_bool)?
            .unwrap_or(false);
        let configured_endpoint_urls =
            if ignore_endpoints { Vec::new() } else { configured_endpoints(&settings, &set, &locations)? };
        let chain = DefaultCredentialsChain::with_parts(
            EnvironmentCredentialsProvider::with_env(self.env.clone()),
            ProfileCredentialsProvider::with_locations(locations.clone()),
        );
        let request_options = request_options(&settings)?;
        let response_checksum_validation = settings
            .parse("AWS_RESPONSE_CHECKSUM_VALIDATION", "response_checksum_validation", parse_checksum_when)?
            .unwrap_or_default();
        let config = Config {
            region,
            request_options,
            response_checksum_validation,
            credentials: Some(Arc::new(CredentialsCache::new(chain))),
            use_fips: settings.parse("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint", parse_bool)?.unwrap_or(false),
            use_dual_stack: settings
                .parse("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint", parse_bool)?
                .unwrap_or(false),
            retry,
            retry_mode: settings.parse("AWS_RETRY_MODE", "retry_mode", parse_retry_mode)?.unwrap_or_default(),
            app_name: settings.parse("AWS_SDK_UA_APP_ID", "sdk_ua_app_id", parse_app_id)?,
            configured_endpoint_urls,
            ..Config::default()
        };
        Ok(ConfigBuilder { config })
    }
}

/// The request settings: compression, and when request checksums are computed.
fn request_options(settings: &Settings<'_>) -> Result<crate::RequestOptions, ConfigError> {
    let disabled =
        settings.parse("AWS_DISABLE_REQUEST_COMPRESSION", "disable_request_compression", parse_bool)?.unwrap_or(false);
    let min_size = settings
        .parse("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "request_min_compression_size_bytes", parse_min_compression)?
        .unwrap_or(crate::RequestOptions::DEFAULT_MIN_COMPRESSION_SIZE);
    let calculation = settings
        .parse("AWS_REQUEST_CHECKSUM_CALCULATION", "request_checksum_calculation", parse_checksum_when)?
        .unwrap_or_default();
    crate::RequestOptions::new()
        .with_request_compression(!disabled, min_size)
        .map(|options| options.with_checksum_calculation(calculation))
        .map_err(|e| ConfigError::new(e.to_string()))
}

fn parse_min_compression(value: &str) -> Result<u32, String> {
    const MAX: u32 = crate::RequestOptions::MAX_MIN_COMPRESSION_SIZE;
    match value.parse::<u32>() {
        Ok(n) if n <= MAX => Ok(n),
        _ => Err(format!("expected a number of bytes from 0 to {MAX}, found `{value}`")),
    }
}

fn parse_checksum_when(value: &str) -> Result<crate::ChecksumCalculation, String> {
    match value.to_ascii_lowercase().as_str() {
        "when_supported" => Ok(crate::ChecksumCalculation::WhenSupported),
        "when_required" => Ok(crate::ChecksumCalculation::WhenRequired),
        _ => Err(format!("expected `when_supported` or `when_required`, found `{value}`")),
    }
}

/// The endpoint URLs of the environment and the profile, highest precedence first.
fn configured_endpoints(
    settings: &Settings<'_>,
    set: &super::profile::ProfileSet,
    locations: &Locations,
) -> Result<Vec<ConfiguredEndpoint>, ConfigError> {
    let mut found = Vec::new();
    let check = |url: &str, source: &dyn fmt::Display| {
        check_endpoint_url(url).map_err(|why| ConfigError::new(format!("{source}: {why}")))
    };
    // `AWS_ENDPOINT_URL_<SERVICE>`: the service part in upper case, as the guide spells
    // these variables.
    const PREFIX: &str = "AWS_ENDPOINT_URL_";
    for (name, url) in settings.env.with_prefix(PREFIX) {
        let service = &name[PREFIX.len()..];
        if service.is_empty() || service != service.to_ascii_uppercase() {
            continue;
        }
        let url = check(&url, &format_args!("environment variable {name}"))?;
        found.push(ConfiguredEndpoint { service: Some(service.to_ascii_lowercase()), url });
    }
    if let Some((url, source)) = settings.env("AWS_ENDPOINT_URL")? {
        found.push(ConfiguredEndpoint { service: None, url: check(&url, &source)? });
    }
    if let Some((name, source)) = settings.profile("services") {
        let Some(section) = set.services(&name) else {
            return Err(ConfigError::new(format!(
                "{source}: names `[services {name}]`, which is not in {}",
                locations.config.as_ref().map_or_else(|| "the config file".to_owned(), |p| p.display().to_string())
            )));
        };
        let mut services: Vec<_> = section
            .properties()
            .filter_map(|(key, property)| property.sub.get("endpoint_url").map(|(url, origin)| (key, url, origin)))
            .collect();
        // Keys differing only in case name the same service: take them in a fixed order.
        services.sort_by(|a, b| a.0.cmp(b.0));
        for (key, url, origin) in services {
            let url = check(url, &format_args!("`endpoint_url` of `{key}` at {origin}"))?;
            found.push(ConfiguredEndpoint { service: Some(key.to_ascii_lowercase()), url });
        }
    }
    if let Some((url, source)) = settings.profile("endpoint_url") {
        found.push(ConfiguredEndpoint { service: None, url: check(&url, &source)? });
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_keys() {
        assert_eq!(service_key("Cost Explorer"), "cost_explorer");
        assert_eq!(service_key("QuickSight"), "quicksight");
        assert_eq!(service_key("S3"), "s3");
    }

    #[test]
    fn value_parsers() {
        assert_eq!(parse_bool("TRUE"), Ok(true));
        assert_eq!(parse_bool("False"), Ok(false));
        assert!(parse_bool("1").is_err());
        assert_eq!(parse_max_attempts("1"), Ok(1));
        assert!(parse_max_attempts("0").is_err());
        assert!(parse_max_attempts("-1").is_err());
        assert!(parse_max_attempts("4294967296").is_err());
        assert_eq!(parse_retry_mode("Adaptive"), Ok(RetryMode::Adaptive));
        assert!(parse_app_id(&"x".repeat(50)).is_ok());
        assert!(parse_app_id(&"x".repeat(51)).is_err());
        assert!(parse_app_id("a\nb").is_err());
        assert!(check_endpoint_url("http://localhost:4566").is_ok());
        assert!(check_endpoint_url("https://h/path").is_ok());
        for bad in ["localhost:4566", "https://", "https:///x", "ftp://h", "https://:80"] {
            assert!(check_endpoint_url(bad).is_err(), "{bad}");
        }
        assert!(parse_region("us-east-1").is_ok());
        assert!(parse_region("us east 1").is_err());
    }
}
