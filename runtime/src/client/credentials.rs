//! Credentials: the AWS access key pair (with its session token) that signs requests, the
//! bearer token of `@httpBearerAuth`, and the provider traits that supply them.

use super::env::Env;
use super::profile::Locations;
use super::BoxFuture;
use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// An AWS access key pair, with the session token of temporary credentials. The secret and
/// the session token never appear in `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
    provider_name: &'static str,
}

impl Credentials {
    /// Credentials from their parts; `provider_name` says where they came from (shown in
    /// `Debug` and in errors).
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
        expiry: Option<SystemTime>,
        provider_name: &'static str,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry,
            provider_name,
        }
    }

    /// The access key ID.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When the credentials stop being valid, if they expire.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// Where the credentials came from.
    pub fn provider_name(&self) -> &'static str {
        self.provider_name
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("provider_name", &self.provider_name)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field("session_token", &self.session_token.as_ref().map(|_| "** redacted **"))
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// Why no credentials could be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialsError {
    message: String,
    not_found: bool,
}

impl CredentialsError {
    /// An error with this message (which must not hold a secret).
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), not_found: false }
    }

    /// The provider found no credentials where it looks (the message says where), so a
    /// chain goes on to its next provider; any other error stops the chain, as a broken
    /// setting must not be passed over in silence.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self { message: message.into(), not_found: true }
    }

    /// Whether the provider found nothing, rather than something wrong.
    pub fn is_not_found(&self) -> bool {
        self.not_found
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CredentialsError {}

/// A source of AWS credentials, asked before each signed request; it caches and refreshes
/// as it sees fit.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// The credentials to sign with now.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>>;
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        (**self).provide_credentials()
    }
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// A bearer token (`@httpBearerAuth`). Never shown in `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    token: String,
    expiry: Option<SystemTime>,
}

impl Token {
    /// A token, with its expiry if it has one.
    pub fn new(token: impl Into<String>, expiry: Option<SystemTime>) -> Self {
        Self { token: token.into(), expiry }
    }

    /// The token's text.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// When the token stops being valid, if it expires.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token").field("token", &"** redacted **").field("expiry", &self.expiry).finish()
    }
}

/// A source of bearer tokens.
pub trait ProvideToken: Send + Sync + fmt::Debug {
    /// The token to send now.
    fn provide_token(&self) -> BoxFuture<'_, Result<Token, CredentialsError>>;
}

impl<P: ProvideToken + ?Sized> ProvideToken for Arc<P> {
    fn provide_token(&self) -> BoxFuture<'_, Result<Token, CredentialsError>> {
        (**self).provide_token()
    }
}

impl ProvideToken for Token {
    fn provide_token(&self) -> BoxFuture<'_, Result<Token, CredentialsError>> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

// ---------------------------------------------------------------------------------------
// Providers

/// Credentials from the environment variables `AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` and `AWS_CREDENTIAL_EXPIRATION` (an
/// RFC 3339 date-time), read at each call.
///
/// Neither key set is "not found" (a chain goes on); one without the other is an error.
#[derive(Clone, Debug, Default)]
pub struct EnvironmentCredentialsProvider {
    env: Env,
}

impl EnvironmentCredentialsProvider {
    /// Reads the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads these variables in place of the process environment.
    pub fn from_vars<K: Into<String>, V: Into<String>>(vars: impl IntoIterator<Item = (K, V)>) -> Self {
        Self { env: Env::from_vars(vars) }
    }

    pub(crate) fn with_env(env: Env) -> Self {
        Self { env }
    }

    fn load(&self) -> Result<Credentials, CredentialsError> {
        let get = |name: &str| {
            self.env
                .get(name)
                .map_err(|e| CredentialsError::new(format!("environment variable {} is not valid UTF-8", e.0)))
        };
        let (id, secret) = match (get("AWS_ACCESS_KEY_ID")?, get("AWS_SECRET_ACCESS_KEY")?) {
            (Some(id), Some(secret)) => (id, secret),
            (None, None) => {
                return Err(CredentialsError::not_found(
                    "environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
                ))
            }
            (Some(_), None) => {
                return Err(CredentialsError::new(
                    "environment variable AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
                ))
            }
            (None, Some(_)) => {
                return Err(CredentialsError::new(
                    "environment variable AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
                ))
            }
        };
        let expiry = match get("AWS_CREDENTIAL_EXPIRATION")? {
            Some(text) => Some(parse_expiry(&text).ok_or_else(|| {
                CredentialsError::new(format!(
                    "environment variable AWS_CREDENTIAL_EXPIRATION is not an RFC 3339 date-time: `{text}`"
                ))
            })?),
            None => None,
        };
        Ok(Credentials::new(id, secret, get("AWS_SESSION_TOKEN")?, expiry, "environment"))
    }
}

impl ProvideCredentials for EnvironmentCredentialsProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(self.load()))
    }
}

/// An RFC 3339 date-time as a `SystemTime`.
fn parse_expiry(text: &str) -> Option<SystemTime> {
    let time = crate::wire::parse_timestamp(text, crate::wire::TimestampFormat::DateTime).ok()?;
    let nanos = Duration::from_nanos(u64::from(time.subsec_nanos()));
    if time.secs() >= 0 {
        UNIX_EPOCH.checked_add(Duration::from_secs(time.secs().unsigned_abs()))?.checked_add(nanos)
    } else {
        UNIX_EPOCH.checked_sub(Duration::from_secs(time.secs().unsigned_abs()))?.checked_add(nanos)
    }
}

/// Credentials from a profile of the shared files: `aws_access_key_id` with
/// `aws_secret_access_key` (and `aws_session_token`), else `credential_process`. The files
/// are read at each call, so a rewritten credentials file is picked up. Behind a
/// [`CredentialsCache`] (as in [`Config::load`](super::Config::load)) they are read again
/// only when the cached credentials expire, and keys from a file have no expiry: a client
/// keeps the keys it first read, and picks up rotated ones when made anew.
///
/// Profiles that assume a role (`role_arn`), use web identity (`web_identity_token_file`)
/// or IAM Identity Center (`sso_session`, `sso_start_url`) give an error naming the profile:
/// those kinds of credentials are not supported yet.
///
/// `credential_process` runs through the shell (`sh -c`, or `cmd.exe /C` on Windows) on a
/// thread of its own, and its standard output must be the JSON the SDKs document
/// (`Version` 1, `AccessKeyId`, `SecretAccessKey`, optional `SessionToken` and
/// `Expiration`). No timeout is applied to it.
#[derive(Clone, Debug)]
pub struct ProfileCredentialsProvider {
    locations: Result<Locations, String>,
}

impl ProfileCredentialsProvider {
    /// The profile and files the process environment names (`AWS_PROFILE`,
    /// `AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`, the home folder), resolved now.
    pub fn new() -> Self {
        Self { locations: Locations::resolve(&Env::Process, None, None, None, None) }
    }

    /// This profile, in these files (a file that does not exist counts as empty).
    pub fn with_files(profile: impl Into<String>, config: impl Into<PathBuf>, credentials: impl Into<PathBuf>) -> Self {
        Self {
            locations: Ok(Locations {
                profile: profile.into(),
                chosen_by: Some("the configuration in code"),
                config: Some(config.into()),
                credentials: Some(credentials.into()),
            }),
        }
    }

    pub(crate) fn with_locations(locations: Locations) -> Self {
        Self { locations: Ok(locations) }
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let locations = self.locations.as_ref().map_err(|e| CredentialsError::new(e.clone()))?;
        let set = locations.load().map_err(CredentialsError::new)?;
        let profile_name = locations.describe_profile();
        let Some(profile) = set.profile(&locations.profile) else {
            let message = format!("{profile_name} is not in {}", locations.describe_files());
            return Err(match locations.chosen_by {
                Some(_) => CredentialsError::new(message),
                None => CredentialsError::not_found(message),
            });
        };
        let unsupported = [
            ("role_arn", "assuming a role"),
            ("web_identity_token_file", "web identity"),
            ("sso_session", "IAM Identity Center (SSO)"),
            ("sso_start_url", "IAM Identity Center (SSO)"),
        ];
        for (key, kind) in unsupported {
            if let Some((_, origin)) = profile.get(key) {
                return Err(CredentialsError::new(format!(
                    "{profile_name} sets {key} ({origin}): credentials by {kind} are not supported by this client yet"
                )));
            }
        }
        let id = profile.get("aws_access_key_id");
        let secret = profile.get("aws_secret_access_key");
        match (id, secret) {
            (Some((id, _)), Some((secret, _))) => {
                let token = profile.get("aws_session_token").map(|(t, _)| t.to_owned());
                return Ok(Credentials::new(id, secret, token, None, "profile"));
            }
            (Some((_, origin)), None) => {
                return Err(CredentialsError::new(format!(
                    "{profile_name} sets aws_access_key_id ({origin}) but not aws_secret_access_key"
                )))
            }
            (None, Some((_, origin))) => {
                return Err(CredentialsError::new(format!(
                    "{profile_name} sets aws_secret_access_key ({origin}) but not aws_access_key_id"
                )))
            }
            (None, None) => {}
        }
        if let Some((command, origin)) = profile.get("credential_process") {
            let context = format!("credential_process of {profile_name} ({origin})");
            let command = command.to_owned();
            let output = run_on_thread(move || shell(&command).output()).await;
            let output = match output {
                Some(Ok(output)) => output,
                Some(Err(e)) => return Err(CredentialsError::new(format!("{context} could not be started: {e}"))),
                None => return Err(CredentialsError::new(format!("{context}: its thread ended without a result"))),
            };
            if !output.status.success() {
                return Err(CredentialsError::new(format!("{context} failed: {}", output.status)));
            }
            return parse_process_output(&output.stdout).map_err(|e| CredentialsError::new(format!("{context}: {e}")));
        }
        Err(CredentialsError::not_found(format!(
            "{profile_name} in {} has neither aws_access_key_id with aws_secret_access_key nor credential_process",
            locations.describe_files()
        )))
    }
}

impl Default for ProfileCredentialsProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for ProfileCredentialsProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.load())
    }
}

#[cfg(not(windows))]
fn shell(command: &str) -> Command {
    let mut shell = Command::new("sh");
    shell.arg("-c").arg(command);
    shell
}

#[cfg(windows)]
fn shell(command: &str) -> Command {
    let mut shell = Command::new("cmd.exe");
    shell.arg("/C").arg(command);
    shell
}

/// The JSON a credential process prints. Messages name fields, never their values.
fn parse_process_output(stdout: &[u8]) -> Result<Credentials, String> {
    let bad = |e: crate::json::JsonError| format!("its output is not the expected JSON object ({})", e.message());
    let mut reader = crate::json::JsonReader::from_slice(stdout).map_err(bad)?;
    let (mut version, mut id, mut secret, mut token, mut expiration) = (None, None, None, None, None);
    reader.begin_object().map_err(bad)?;
    while let Some(key) = reader.next_key().map_err(bad)? {
        match key.as_ref() {
            "Version" => version = Some(reader.read_i64().map_err(bad)?),
            "AccessKeyId" => id = Some(reader.read_string().map_err(bad)?.into_owned()),
            "SecretAccessKey" => secret = Some(reader.read_string().map_err(bad)?.into_owned()),
            "SessionToken" => token = reader.opt_string().map_err(bad)?,
            "Expiration" => expiration = reader.opt_string().map_err(bad)?,
            _ => reader.skip_value().map_err(bad)?,
        }
    }
    reader.finish().map_err(bad)?;
    match version {
        Some(1) => {}
        Some(_) => return Err("its output has a Version other than 1".to_owned()),
        None => return Err("its output has no Version".to_owned()),
    }
    let id = id.ok_or("its output has no AccessKeyId")?;
    let secret = secret.ok_or("its output has no SecretAccessKey")?;
    let expiry = match expiration {
        Some(text) => Some(parse_expiry(&text).ok_or("its output's Expiration is not an RFC 3339 date-time")?),
        None => None,
    };
    Ok(Credentials::new(id, secret, token, expiry, "credential_process"))
}

/// The shared state of [`run_on_thread`]'s future and its thread.
struct Slot<T> {
    result: Option<T>,
    done: bool,
    waker: Option<Waker>,
}

/// Marks the slot done when the thread ends, with or without a result, so that the future
/// cannot wait forever.
struct Completer<T>(Arc<Mutex<Slot<T>>>);

impl<T> Drop for Completer<T> {
    fn drop(&mut self) {
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        slot.done = true;
        if let Some(waker) = slot.waker.take() {
            waker.wake();
        }
    }
}

/// Runs blocking work (a child process) on a thread of its own, so that no async runtime
/// is blocked or required; `None` if the thread could not start or ended without a result.
fn run_on_thread<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> impl Future<Output = Option<T>> {
    let slot = Arc::new(Mutex::new(Slot { result: None, done: false, waker: None }));
    let completer = Completer(slot.clone());
    let spawned = std::thread::Builder::new().name("credential_process".into()).spawn(move || {
        let result = work();
        completer.0.lock().unwrap_or_else(|e| e.into_inner()).result = Some(result);
        drop(completer);
    });
    if spawned.is_err() {
        slot.lock().unwrap_or_else(|e| e.into_inner()).done = true;
    }
    std::future::poll_fn(move |cx| {
        let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
        if slot.done {
            Poll::Ready(slot.result.take())
        } else {
            slot.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    })
}

/// The SDKs' default chain, as far as this client goes: the environment, then the profile.
/// A provider that finds nothing passes on to the next; any other error stops the chain.
#[derive(Clone, Debug)]
pub struct DefaultCredentialsChain {
    env: EnvironmentCredentialsProvider,
    profile: ProfileCredentialsProvider,
}

impl DefaultCredentialsChain {
    /// The chain over the process environment and the files it names.
    pub fn new() -> Self {
        Self { env: EnvironmentCredentialsProvider::new(), profile: ProfileCredentialsProvider::new() }
    }

    pub(crate) fn with_parts(env: EnvironmentCredentialsProvider, profile: ProfileCredentialsProvider) -> Self {
        Self { env, profile }
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let env = match self.env.load() {
            Err(e) if e.is_not_found() => e,
            other => return other,
        };
        let profile = match self.profile.load().await {
            Err(e) if e.is_not_found() => e,
            other => return other,
        };
        Err(CredentialsError::not_found(format!("no AWS credentials found: {}; {}", env.message, profile.message)))
    }
}

impl Default for DefaultCredentialsChain {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.load())
    }
}

/// Caches another provider's credentials until shortly before they expire.
///
/// - Credentials without an expiry are kept for good.
/// - Others are refreshed once less than the refresh window (5 minutes unless set) is left,
///   so that a request is never signed with credentials about to lapse in flight.
/// - Concurrent callers share one refresh: they wait for it and take its result.
/// - A failed refresh is not cached: the next call tries again. While the old credentials
///   have not actually expired, a failed refresh returns them instead of the error.
pub struct CredentialsCache {
    inner: Arc<dyn ProvideCredentials>,
    refresh_window: Duration,
    cached: tokio::sync::Mutex<Option<Credentials>>,
}

impl CredentialsCache {
    /// The refresh window unless set: the time before expiry from which credentials are
    /// refreshed. Five minutes covers a request's retries and clock skew, and temporary
    /// credentials last at least 15 minutes.
    pub const DEFAULT_REFRESH_WINDOW: Duration = Duration::from_secs(5 * 60);

    /// A cache in front of `provider`.
    pub fn new(provider: impl ProvideCredentials + 'static) -> Self {
        Self::from_shared(Arc::new(provider))
    }

    /// A cache in front of a shared provider.
    pub fn from_shared(provider: Arc<dyn ProvideCredentials>) -> Self {
        Self { inner: provider, refresh_window: Self::DEFAULT_REFRESH_WINDOW, cached: tokio::sync::Mutex::new(None) }
    }

    /// Refresh credentials once less than `window` is left before they expire.
    pub fn refresh_window(mut self, window: Duration) -> Self {
        self.refresh_window = window;
        self
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let mut cached = self.cached.lock().await;
        let now = SystemTime::now();
        if let Some(credentials) = cached.as_ref() {
            if remaining(credentials, now).is_none_or(|left| left > self.refresh_window) {
                return Ok(credentials.clone());
            }
        }
        match self.inner.provide_credentials().await {
            Ok(credentials) => {
                *cached = Some(credentials.clone());
                Ok(credentials)
            }
            Err(error) => match cached.as_ref() {
                Some(old) if remaining(old, SystemTime::now()).is_some_and(|left| !left.is_zero()) => Ok(old.clone()),
                _ => Err(error),
            },
        }
    }
}

/// The time left before the credentials expire (zero once expired); `None` if they never do.
fn remaining(credentials: &Credentials, now: SystemTime) -> Option<Duration> {
    credentials.expiry.map(|expiry| expiry.duration_since(now).unwrap_or(Duration::ZERO))
}

impl fmt::Debug for CredentialsCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialsCache")
            .field("inner", &self.inner)
            .field("refresh_window", &self.refresh_window)
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for CredentialsCache {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.load())
    }
}
