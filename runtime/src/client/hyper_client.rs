//! The default transport: hyper's HTTP/1.1 client with a connection pool, over TLS from
//! rustls (ring provider) trusting Mozilla's root certificates.

use super::http::{HttpClient, TransportError, TransportErrorKind};
use super::{BoxFuture, TimeoutConfig};
use crate::{BoxError, ByteStream};
use hyper_rustls::{HttpsConnector, MaybeHttpsStream};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

/// The default [`HttpClient`]: hyper 1 with hyper-util's pooled client.
///
/// Connections are kept alive and reused across calls (HTTP/1.1 only), so build one per
/// application and share it: clones share the pool. `https` and `http` URIs are both accepted.
/// It must be used from within a tokio runtime.
#[derive(Clone)]
pub struct HyperClient {
    client: Client<TimeoutConnector, ByteStream>,
    connect_timeout: Option<Duration>,
}

impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperClient").field("connect_timeout", &self.connect_timeout).finish_non_exhaustive()
    }
}

impl HyperClient {
    /// A client with the default settings: no connect timeout, TCP_NODELAY on, Mozilla's roots.
    pub fn new() -> Result<Self, HyperClientError> {
        Self::builder().build()
    }

    /// A builder, starting from the default settings.
    pub fn builder() -> HyperClientBuilder {
        HyperClientBuilder::default()
    }
}

impl HttpClient for HyperClient {
    fn send(
        &self,
        request: http::Request<ByteStream>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        let response = self.client.request(request);
        Box::pin(async move {
            match response.await {
                Ok(response) => Ok(response.map(ByteStream::from_body)),
                Err(error) => Err(map_client_error(&error)),
            }
        })
    }
}

/// Settings of a [`HyperClient`].
#[derive(Clone)]
pub struct HyperClientBuilder {
    connect_timeout: Option<Duration>,
    nodelay: bool,
    webpki_roots: bool,
    extra_roots: Vec<RootSource>,
    pool_idle_timeout: Option<Duration>,
}

/// A root certificate as given to the builder, parsed when the client is built.
#[derive(Clone)]
enum RootSource {
    Der(Vec<u8>),
    Pem(Vec<u8>),
}

impl Default for HyperClientBuilder {
    fn default() -> Self {
        Self {
            connect_timeout: None,
            nodelay: true,
            webpki_roots: true,
            extra_roots: Vec::new(),
            // hyper-util's default: long enough to reuse connections between bursts of calls.
            pool_idle_timeout: Some(Duration::from_secs(90)),
        }
    }
}

impl fmt::Debug for HyperClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperClientBuilder")
            .field("connect_timeout", &self.connect_timeout)
            .field("nodelay", &self.nodelay)
            .field("webpki_roots", &self.webpki_roots)
            .field("extra_roots", &self.extra_roots.len())
            .field("pool_idle_timeout", &self.pool_idle_timeout)
            .finish()
    }
}

impl HyperClientBuilder {
    /// The longest time to open a connection, TCP connect and TLS handshake together
    /// (`None`: no limit). Running out of it is a [`TransportErrorKind::Connect`] error.
    pub fn connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Takes the connect timeout of `timeouts` (the others apply around each call).
    pub fn timeouts(self, timeouts: &TimeoutConfig) -> Self {
        self.connect_timeout(timeouts.connect)
    }

    /// Whether to set TCP_NODELAY on new connections (default on: requests are written whole,
    /// and Nagle's algorithm would only delay their last segment).
    pub fn tcp_nodelay(mut self, nodelay: bool) -> Self {
        self.nodelay = nodelay;
        self
    }

    /// Whether to trust Mozilla's root certificates, compiled in (default on). Turn it off
    /// to trust only the roots added with the other methods.
    pub fn webpki_roots(mut self, trust: bool) -> Self {
        self.webpki_roots = trust;
        self
    }

    /// Trusts one more root certificate, DER-encoded (e.g. a private CA, or a test server's
    /// self-signed certificate).
    pub fn add_root_certificate_der(mut self, der: impl Into<Vec<u8>>) -> Self {
        self.extra_roots.push(RootSource::Der(der.into()));
        self
    }

    /// Trusts every certificate of a PEM bundle (at least one is required).
    pub fn add_root_certificates_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.extra_roots.push(RootSource::Pem(pem.into()));
        self
    }

    /// How long an idle pooled connection is kept (`None`: until the server closes it).
    pub fn pool_idle_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.pool_idle_timeout = timeout;
        self
    }

    /// The client; fails when a root certificate cannot be read or no root is trusted.
    pub fn build(self) -> Result<HyperClient, HyperClientError> {
        let mut roots = rustls::RootCertStore::empty();
        if self.webpki_roots {
            roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        }
        for (index, root) in self.extra_roots.iter().enumerate() {
            add_root(&mut roots, root)
                .map_err(|message| HyperClientError::new(format!("root certificate #{}: {message}", index + 1)))?;
        }
        if roots.is_empty() {
            return Err(HyperClientError::new("no root certificate is trusted: every HTTPS connection would fail"));
        }

        // The provider is named rather than taken from the process default, which is ambiguous
        // (and panics in rustls) when another crate enables a second provider.
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| HyperClientError::new(format!("TLS configuration: {error}")))?
            .with_root_certificates(roots)
            .with_no_client_auth();

        let mut http = HttpConnector::new();
        // The TLS layer above it takes `https` URIs to this plain TCP connector.
        http.enforce_http(false);
        http.set_nodelay(self.nodelay);
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let connector = TimeoutConnector { inner: https, timeout: self.connect_timeout };

        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(self.pool_idle_timeout)
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .build(connector);
        Ok(HyperClient { client, connect_timeout: self.connect_timeout })
    }
}

fn add_root(roots: &mut rustls::RootCertStore, root: &RootSource) -> Result<(), String> {
    match root {
        RootSource::Der(der) => roots
            .add(CertificateDer::from(der.as_slice()))
            .map_err(|error| format!("not a usable DER certificate: {error}")),
        RootSource::Pem(pem) => {
            let mut added = 0;
            for certificate in CertificateDer::pem_slice_iter(pem) {
                let certificate = certificate.map_err(|error| format!("bad PEM: {error}"))?;
                roots.add(certificate).map_err(|error| format!("not a usable certificate: {error}"))?;
                added += 1;
            }
            if added == 0 {
                return Err("the PEM text holds no CERTIFICATE section".to_owned());
            }
            Ok(())
        }
    }
}

/// A [`HyperClient`] that could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HyperClientError {
    message: String,
}

impl HyperClientError {
    fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }
}

impl fmt::Display for HyperClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build the HTTP client: {}", self.message)
    }
}

impl StdError for HyperClientError {}

/// The HTTPS connector under a time limit: hyper-util's own connect timeout covers TCP only,
/// and a stalled TLS handshake must not outlast it.
#[derive(Clone)]
struct TimeoutConnector {
    inner: HttpsConnector<HttpConnector>,
    timeout: Option<Duration>,
}

impl tower_service::Service<http::Uri> for TimeoutConnector {
    type Response = MaybeHttpsStream<TokioIo<tokio::net::TcpStream>>;
    type Error = BoxError;
    type Future = BoxFuture<'static, Result<Self::Response, BoxError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, uri: http::Uri) -> Self::Future {
        let connecting = self.inner.call(uri);
        let timeout = self.timeout;
        Box::pin(async move {
            match timeout {
                None => connecting.await,
                Some(limit) => match tokio::time::timeout(limit, connecting).await {
                    Ok(result) => result,
                    Err(_) => Err(format!("connect timed out after {limit:?}").into()),
                },
            }
        })
    }
}

/// Maps a hyper-util client error to the kind that decides whether the call is retried.
fn map_client_error(error: &hyper_util::client::legacy::Error) -> TransportError {
    let kind = if error.is_connect() {
        TransportErrorKind::Connect
    } else {
        match error.source().and_then(|source| source.downcast_ref::<hyper::Error>()) {
            Some(hyper_error) => hyper_error_kind(hyper_error),
            // No hyper error underneath: a request hyper refused (no absolute URI, an
            // unsupported method or version): retrying it cannot help.
            None => TransportErrorKind::Other,
        }
    };
    let mut message = describe_chain(error);
    if kind == TransportErrorKind::Connect && is_tls(error) {
        message = format!("TLS handshake failed: {message}");
    }
    TransportError::new(kind, message)
}

/// The kind of an error hyper reports on an established connection (while sending the
/// request or reading the response head or body).
pub(crate) fn hyper_error_kind(error: &hyper::Error) -> TransportErrorKind {
    if error.is_parse() || error.is_parse_status() {
        // The peer does not speak HTTP/1.1 as expected.
        TransportErrorKind::Response
    } else if error.is_user() {
        // The request (its body stream failed, or was not valid to send).
        TransportErrorKind::Other
    } else {
        // Closed before the message was complete, reset, canceled, or an I/O error.
        TransportErrorKind::Io
    }
}

/// Whether rustls reported the failure (the handshake, or the certificate check).
fn is_tls(error: &(dyn StdError + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(error) = current {
        if error.is::<rustls::Error>() {
            return true;
        }
        // An `io::Error` hides the error it wraps from `source()`: look inside it.
        if let Some(inner) = error.downcast_ref::<std::io::Error>().and_then(std::io::Error::get_ref) {
            if is_tls(inner) {
                return true;
            }
        }
        current = error.source();
    }
    false
}

/// The messages of an error and its causes, joined with `: ` (a cause that repeats the
/// message before it is left out).
pub(crate) fn describe(error: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(error);
    while let Some(cause) = current {
        let text = cause.to_string();
        if parts.last() != Some(&text) {
            parts.push(text);
        }
        current = cause.source();
    }
    parts.join(": ")
}

/// As [`describe`], leaving out hyper-util's generic top line ("client error (Connect)") when
/// there is a cause to name.
fn describe_chain(error: &hyper_util::client::legacy::Error) -> String {
    match error.source() {
        Some(cause) => describe(cause),
        None => error.to_string(),
    }
}
