//! Credentials: the AWS access key pair (with its session token) that signs requests, the
//! bearer token of `@httpBearerAuth`, and the provider traits that supply them.

use super::BoxFuture;
use std::fmt;
use std::time::SystemTime;

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
}

impl CredentialsError {
    /// An error with this message (which must not hold a secret).
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
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

impl ProvideToken for Token {
    fn provide_token(&self) -> BoxFuture<'_, Result<Token, CredentialsError>> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}
