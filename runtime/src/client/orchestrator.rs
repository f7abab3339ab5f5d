//! The call: from an operation's input to its output, attempt after attempt.

use super::auth;
use super::error::{Error, ServiceError, TimeoutError, TimeoutKind};
use super::operation::{Operation, OperationError, ReadResponse, ServiceInfo};
use super::retry::{classify, Failure, RetryKind, RetryStrategy};
use super::BoxFuture;
use super::{http::read_body, Config, HttpClient, TransportError, TransportErrorKind};
use crate::endpoint::BuiltIns;
use crate::ByteStream;
use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

/// The engine of a generated service client, shared by its clones: the configuration, the
/// HTTP client and the retry token bucket.
#[derive(Clone)]
pub struct Handle {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    service: ServiceInfo,
    http: Arc<dyn HttpClient>,
    retry: RetryStrategy,
    built_ins: BuiltIns,
    user_agent: HeaderValue,
    max_response_body: usize,
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("service", &self.inner.service.sdk_id)
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl Handle {
    /// The engine of a client of `service` made from `config`. Without an HTTP client in
    /// the configuration, it makes the default one (TLS with rustls, pooled connections).
    pub fn new(config: &Config, service: ServiceInfo) -> Self {
        let http = config.http_client.clone().unwrap_or_else(|| default_http_client(config));
        let built_ins = BuiltIns {
            region: config.region.clone(),
            use_fips: Some(config.use_fips),
            use_dual_stack: Some(config.use_dual_stack),
            endpoint: config.endpoint_url_for(service.sdk_id),
            ..BuiltIns::default()
        };
        let inner = Inner {
            retry: RetryStrategy::new(config.retry.clone()),
            user_agent: user_agent(config.app_name.as_deref()),
            max_response_body: config.max_response_body(),
            config: config.clone(),
            service,
            http,
            built_ins,
        };
        Self { inner: Arc::new(inner) }
    }

    /// Calls operation `O` with `input`: validates and serializes it, resolves the
    /// endpoint, then signs, sends and reads, retrying as the configuration says.
    pub async fn invoke<O: Operation>(&self, input: O::Input) -> Result<O::Output, Error<O::Error>> {
        match self.inner.config.timeouts.operation {
            Some(limit) => within(limit, TimeoutKind::Operation, self.call::<O>(input)).await,
            None => self.call::<O>(input).await,
        }
    }

    async fn call<O: Operation>(&self, input: O::Input) -> Result<O::Output, Error<O::Error>> {
        let inner = &*self.inner;
        let endpoint = O::resolve_endpoint(&input, &inner.built_ins).map_err(Error::Endpoint)?;
        // Built once, so that an idempotency token filled in here is the same on every attempt.
        let request = O::build_request(input, &endpoint, &inner.config.request_options).map_err(Error::Request)?;
        let plan = auth::plan(O::AUTH, &endpoint, &inner.config).await.map_err(Error::Credentials)?;
        let (parts, body) = request.into_parts();
        let mut body = AttemptBody::new(body);
        let invocation_id = header_value(&crate::wire::uuid_v4().map_err(Error::Request)?);
        let max_attempts = inner.config.retry.max_attempts.max(1);
        let mut attempt = 1;
        // The quota the last retry took, refunded when the call succeeds.
        let mut permit = None;
        loop {
            let mut request = http::Request::from_parts(parts.clone(), body.take());
            let headers = request.headers_mut();
            headers.insert(HeaderName::from_static("amz-sdk-invocation-id"), invocation_id.clone());
            headers.insert(
                HeaderName::from_static("amz-sdk-request"),
                header_value(&format!("attempt={attempt}; max={max_attempts}")),
            );
            headers.insert(http::header::USER_AGENT, inner.user_agent.clone());
            headers.insert(HeaderName::from_static("x-amz-user-agent"), inner.user_agent.clone());
            auth::apply(&plan, &mut request).map_err(Error::Credentials)?;
            let error = match self.attempt::<O>(request).await {
                Ok(output) => {
                    inner.retry.on_success(permit);
                    return Ok(output);
                }
                Err(error) => error,
            };
            if attempt >= max_attempts || !body.replayable() {
                return Err(error);
            }
            let Some((delay, taken)) = inner.retry.should_retry(attempt, retry_kind(&error)) else {
                return Err(error);
            };
            permit = Some(taken);
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// One exchange: send, then read the response as the operation does.
    async fn attempt<O: Operation>(&self, request: http::Request<ByteStream>) -> Result<O::Output, Error<O::Error>> {
        let exchange = async {
            let response = self.inner.http.send(request).await.map_err(Error::Transport)?;
            match O::READ {
                ReadResponse::Buffered(read) => {
                    let response = self.buffer(response).await?;
                    if O::RESPONSE_CHECKSUMS && response.status().is_success() {
                        self.check_checksum(&response)?;
                    }
                    read(&response).map_err(|error| service_error(error, response))
                }
                ReadResponse::Streaming { output, error } => {
                    if response.status().is_success() {
                        let head = head_of(&response);
                        output(response).map_err(|e| service_error(e, head))
                    } else {
                        let response = self.buffer(response).await?;
                        Err(service_error(error(&response), response))
                    }
                }
            }
        };
        match self.inner.config.timeouts.attempt {
            Some(limit) => within(limit, TimeoutKind::Attempt, exchange).await,
            None => exchange.await,
        }
    }

    /// Checks a response body against its `x-amz-checksum-*` header, unless the configuration
    /// asks for checks only where the input requires them (the input's validation mode
    /// member, which this client does not read yet).
    fn check_checksum<E>(&self, response: &http::Response<Vec<u8>>) -> Result<(), Error<E>> {
        if self.inner.config.response_checksum_validation != crate::ChecksumCalculation::WhenSupported {
            return Ok(());
        }
        crate::validate_response_checksum(response.headers(), response.body())
            .map(drop)
            .map_err(|mismatch| Error::Transport(TransportError::new(TransportErrorKind::Response, mismatch)))
    }

    /// Reads a response's body, within the limit.
    async fn buffer<E>(&self, response: http::Response<ByteStream>) -> Result<http::Response<Vec<u8>>, Error<E>> {
        let (parts, body) = response.into_parts();
        let bytes = read_body(body, self.inner.max_response_body).await.map_err(Error::Transport)?;
        Ok(http::Response::from_parts(parts, Vec::from(bytes)))
    }
}

/// Runs `future`, or fails with a timeout of `kind` after `limit`.
async fn within<T, E>(
    limit: Duration,
    kind: TimeoutKind,
    future: impl Future<Output = Result<T, Error<E>>>,
) -> Result<T, Error<E>> {
    tokio::time::timeout(limit, future).await.unwrap_or(Err(Error::Timeout(TimeoutError::new(kind, limit))))
}

/// The request body of each attempt: bytes held in memory are sent again; a stream is
/// sent once, so a call with one is not retried.
enum AttemptBody {
    Bytes(Bytes),
    Stream(Option<ByteStream>),
}

impl AttemptBody {
    fn new(body: ByteStream) -> Self {
        match body.into_bytes() {
            Ok(bytes) => Self::Bytes(bytes),
            Err(stream) => Self::Stream(Some(stream)),
        }
    }

    fn take(&mut self) -> ByteStream {
        match self {
            Self::Bytes(bytes) => ByteStream::from(bytes.clone()),
            Self::Stream(stream) => stream.take().unwrap_or_default(),
        }
    }

    fn replayable(&self) -> bool {
        matches!(self, Self::Bytes(_))
    }
}

fn service_error<E>(error: E, response: http::Response<Vec<u8>>) -> Error<E> {
    Error::Service(Box::new(ServiceError::new(error, response.map(Bytes::from))))
}

/// The status and headers of a response whose body went into the output.
fn head_of(response: &http::Response<ByteStream>) -> http::Response<Vec<u8>> {
    let mut head = http::Response::new(Vec::new());
    *head.status_mut() = response.status();
    *head.version_mut() = response.version();
    *head.headers_mut() = response.headers().clone();
    head
}

/// How a failed attempt may be retried, as the AWS SDKs' standard mode decides.
fn retry_kind<E: OperationError>(error: &Error<E>) -> Option<RetryKind> {
    let failure = match error {
        Error::Service(e) => Failure::Response {
            status: e.raw().status().as_u16(),
            code: e.error().code(),
            retryable: e.error().retryable(),
        },
        Error::Transport(e) => Failure::Transport(e.kind()),
        Error::Timeout(e) if e.kind() == TimeoutKind::Attempt => Failure::Timeout,
        _ => return None,
    };
    classify(&failure)
}

/// The `User-Agent` this runtime sends: the runtime, the OS and language, and the app name.
fn user_agent(app_name: Option<&str>) -> HeaderValue {
    let mut text = format!("smithy-runtime-rs/{} os/{} lang/rust", env!("CARGO_PKG_VERSION"), std::env::consts::OS);
    if let Some(app) = app_name {
        text.push_str(" app/");
        text.push_str(app);
    }
    // An app name that is not header text (the configuration checks it) is left out.
    HeaderValue::try_from(text).unwrap_or_else(|_| header_value("smithy-runtime-rs"))
}

fn header_value(text: &str) -> HeaderValue {
    HeaderValue::try_from(text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The default transport, with the configuration's connect timeout.
fn default_http_client(config: &Config) -> Arc<dyn HttpClient> {
    match super::hyper_client::HyperClient::builder().timeouts(&config.timeouts).build() {
        Ok(client) => Arc::new(client),
        // Only extra root certificates can make the build fail, and the default has none;
        // should it fail anyway, every call says why instead of the constructor panicking.
        Err(e) => Arc::new(Unavailable(e.to_string())),
    }
}

/// A transport that could not be made: every request fails with the reason.
#[derive(Debug)]
struct Unavailable(String);

impl HttpClient for Unavailable {
    fn send(&self, _: http::Request<ByteStream>) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        let error = TransportError::new(TransportErrorKind::Other, format!("no HTTP client: {}", self.0));
        Box::pin(std::future::ready(Err(error)))
    }
}
