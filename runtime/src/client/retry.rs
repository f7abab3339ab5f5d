//! Retries as the AWS SDKs' standard mode: which failures are retried, the backoff between
//! attempts, and the token bucket that stops a client from retrying into an outage.

use super::TransportErrorKind;
use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
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

impl RetryConfig {
    /// The standard mode's defaults: 3 attempts, backoff from 1 s up to 20 s.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the attempts per call, the first included (1 turns retries off; 0 counts as 1).
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts;
        self
    }

    /// Sets the backoff ceiling of the first retry.
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// Sets the longest wait between two attempts.
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }
}

/// Why a failed attempt may be retried: it decides the retry's cost in the token bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryKind {
    /// The service asked the client to slow down (a throttling error code, or a modeled
    /// error marked `@retryable(throttling: true)`).
    Throttling,
    /// A failure expected to pass: a transient error code, a modeled `@retryable` error, or
    /// a connection that could not be made or broke mid-exchange.
    Transient,
    /// An HTTP 500, 502, 503 or 504 without a more telling error code.
    ServerError,
    /// The attempt ran out of time (the per-attempt timeout).
    Timeout,
}

pub use super::operation::Retryable;

/// What went wrong in one attempt, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure<'a> {
    /// The attempt did not finish within its timeout.
    Timeout,
    /// The transport failed, with no response.
    Transport(TransportErrorKind),
    /// The service answered with an error.
    Response {
        /// The HTTP status code.
        status: u16,
        /// The error code the protocol read from the response, without namespace or URI
        /// (e.g. `ThrottlingException`), if any.
        code: Option<&'a str>,
        /// The `@retryable` trait of the modeled error the response was read as, if any.
        retryable: Option<Retryable>,
    },
}

/// Error codes that mean the client is throttled, whatever the service (the AWS SDKs' shared
/// list).
pub const THROTTLING_ERROR_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of failures expected to pass. `PriorRequestNotComplete` is in both lists; the
/// throttling one wins, as it does in the SDKs' cost and backoff decisions.
pub const TRANSIENT_ERROR_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"];

/// HTTP status codes retried when the error code says nothing more. A bare 429 is not among
/// them in standard mode: the services that throttle with it send a throttling code too.
pub const TRANSIENT_STATUS_CODES: &[u16] = &[500, 502, 503, 504];

/// Whether a failure is retried, and as what kind (`None`: not retryable).
///
/// For a response, the modeled `@retryable` trait decides first, then the error code, then the
/// status code. Transport failures are retried when no connection could be made or it broke
/// mid-exchange; an unreadable response or a request the stack refused is not.
pub fn classify(failure: &Failure<'_>) -> Option<RetryKind> {
    match *failure {
        Failure::Timeout => Some(RetryKind::Timeout),
        Failure::Transport(TransportErrorKind::Connect | TransportErrorKind::Io) => Some(RetryKind::Transient),
        Failure::Transport(_) => None,
        Failure::Response { status, code, retryable } => {
            if let Some(retryable) = retryable {
                return Some(match retryable {
                    Retryable::Throttling => RetryKind::Throttling,
                    Retryable::Transient => RetryKind::Transient,
                });
            }
            if let Some(code) = code {
                if THROTTLING_ERROR_CODES.contains(&code) {
                    return Some(RetryKind::Throttling);
                }
                if TRANSIENT_ERROR_CODES.contains(&code) {
                    return Some(RetryKind::Transient);
                }
            }
            TRANSIENT_STATUS_CODES.contains(&status).then_some(RetryKind::ServerError)
        }
    }
}

/// The retry quota: tokens a client spends on retries and earns back on successes, so that
/// during an outage it stops retrying instead of multiplying the load.
#[derive(Debug)]
pub struct TokenBucket {
    capacity: u32,
    available: AtomicU32,
}

impl TokenBucket {
    /// The standard mode's capacity.
    pub const CAPACITY: u32 = 500;
    /// What a retry costs.
    pub const RETRY_COST: u32 = 5;
    /// What a retry after a timeout costs: a timeout ties the server up longer.
    pub const TIMEOUT_RETRY_COST: u32 = 10;
    /// What a call that succeeded at its first attempt gives back.
    pub const NO_RETRY_INCREMENT: u32 = 1;

    /// A full bucket of `capacity` tokens.
    pub fn new(capacity: u32) -> Self {
        Self { capacity, available: AtomicU32::new(capacity) }
    }

    /// The tokens left.
    pub fn available(&self) -> u32 {
        self.available.load(Ordering::Acquire)
    }

    /// Takes `cost` tokens if there are that many.
    fn try_acquire(&self, cost: u32) -> bool {
        self.available
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |available| available.checked_sub(cost))
            .is_ok()
    }

    /// Gives back `amount` tokens, never beyond the capacity.
    fn release(&self, amount: u32) {
        let capacity = self.capacity;
        // The closure always returns `Some`, so the update cannot fail.
        let _ = self.available.fetch_update(Ordering::AcqRel, Ordering::Acquire, |available| {
            Some(available.saturating_add(amount).min(capacity))
        });
    }
}

impl Default for TokenBucket {
    fn default() -> Self {
        Self::new(Self::CAPACITY)
    }
}

/// The tokens one retry took from the bucket; given back if the call then succeeds.
///
/// Keep only the latest one of a call: as in the SDKs, a success refunds the cost of the last
/// retry, and the tokens of earlier retries stay spent.
#[derive(Debug, PartialEq, Eq)]
#[must_use = "hand the permit of the last retry to `RetryStrategy::on_success`"]
pub struct RetryPermit {
    cost: u32,
}

impl RetryPermit {
    /// The tokens it holds.
    pub fn cost(&self) -> u32 {
        self.cost
    }
}

/// Where the jitter's random fraction comes from.
type Random = Arc<dyn Fn() -> f64 + Send + Sync>;

/// Decides, attempt after attempt, whether a call is retried and after how long: the AWS SDKs'
/// standard mode.
///
/// Make one per client and share it (clones share the token bucket). A call drives it so:
///
/// ```
/// use smithy_runtime::client::retry::{classify, Failure, RetryStrategy};
/// use smithy_runtime::client::RetryConfig;
///
/// let strategy = RetryStrategy::new(RetryConfig::default());
/// // Stand-ins for the attempts' outcomes: a 503, then a success.
/// let mut outcomes = vec![Err(503u16), Ok(())].into_iter();
/// let mut attempt = 0;
/// let mut permit = None;
/// loop {
///     attempt += 1;
///     match outcomes.next().unwrap() {
///         Ok(()) => {
///             strategy.on_success(permit);
///             break;
///         }
///         Err(status) => {
///             let kind = classify(&Failure::Response { status, code: None, retryable: None });
///             match strategy.should_retry(attempt, kind) {
///                 Some((delay, next)) => {
///                     permit = Some(next);
///                     // tokio::time::sleep(delay).await;
///                     # let _ = delay;
///                 }
///                 None => break, // give the error to the caller
///             }
///         }
///     }
/// }
/// assert_eq!(attempt, 2);
/// ```
#[derive(Clone)]
pub struct RetryStrategy {
    config: RetryConfig,
    bucket: Arc<TokenBucket>,
    random: Random,
}

impl fmt::Debug for RetryStrategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryStrategy")
            .field("config", &self.config)
            .field("bucket", &self.bucket)
            .finish_non_exhaustive()
    }
}

impl RetryStrategy {
    /// A strategy with a full token bucket of its own and jitter from the OS's randomness.
    pub fn new(config: RetryConfig) -> Self {
        Self { config, bucket: Arc::new(TokenBucket::default()), random: Arc::new(os_random_fraction) }
    }

    /// Uses `bucket` (e.g. one shared by several clients) in place of its own.
    pub fn with_bucket(mut self, bucket: Arc<TokenBucket>) -> Self {
        self.bucket = bucket;
        self
    }

    /// Takes the jitter's random fraction from `random` (values outside `[0, 1]` are clamped,
    /// NaN counts as 1): for deterministic tests.
    pub fn with_random(mut self, random: impl Fn() -> f64 + Send + Sync + 'static) -> Self {
        self.random = Arc::new(random);
        self
    }

    /// The settings.
    pub fn config(&self) -> &RetryConfig {
        &self.config
    }

    /// The token bucket.
    pub fn bucket(&self) -> &TokenBucket {
        &self.bucket
    }

    /// After attempt number `attempt` (1 for the first) failed as `kind` (`None`: not
    /// retryable): the wait before the next attempt and the permit it took, or `None` when
    /// the call must stop (not retryable, attempts used up, or the bucket cannot pay).
    pub fn should_retry(&self, attempt: u32, kind: Option<RetryKind>) -> Option<(Duration, RetryPermit)> {
        let kind = kind?;
        if attempt >= self.config.max_attempts {
            return None;
        }
        let cost = if kind == RetryKind::Timeout { TokenBucket::TIMEOUT_RETRY_COST } else { TokenBucket::RETRY_COST };
        if !self.bucket.try_acquire(cost) {
            return None;
        }
        Some((self.backoff(attempt), RetryPermit { cost }))
    }

    /// The call succeeded: `permit` is that of its last retry (`None` if it was not retried).
    /// Refunds the permit's cost, or a token for a first-attempt success.
    pub fn on_success(&self, permit: Option<RetryPermit>) {
        self.bucket.release(permit.map_or(TokenBucket::NO_RETRY_INCREMENT, |permit| permit.cost));
    }

    /// The full-jitter wait before retry number `retry` (1 for the first):
    /// `random × min(initial_backoff × 2^(retry−1), max_backoff)`.
    pub fn backoff(&self, retry: u32) -> Duration {
        let ceiling = 2u32
            .checked_pow(retry.saturating_sub(1))
            .and_then(|factor| self.config.initial_backoff.checked_mul(factor))
            .map_or(self.config.max_backoff, |backoff| backoff.min(self.config.max_backoff));
        let fraction = (self.random)();
        let fraction = if fraction.is_nan() { 1.0 } else { fraction.clamp(0.0, 1.0) };
        // Rounding may carry a huge ceiling past `Duration::MAX`: keep the ceiling then.
        Duration::try_from_secs_f64(ceiling.as_secs_f64() * fraction).map_or(ceiling, |delay| delay.min(ceiling))
    }
}

/// A uniform fraction in `[0, 1)` from the OS; the full backoff if the OS cannot give one.
pub(super) fn os_random_fraction() -> f64 {
    match getrandom::u64() {
        // The top 53 bits: every value an f64 in [0, 1) holds at an even spacing.
        Ok(bits) => (bits >> 11) as f64 / (1u64 << 53) as f64,
        Err(_) => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, code: Option<&str>, retryable: Option<Retryable>) -> Option<RetryKind> {
        classify(&Failure::Response { status, code, retryable })
    }

    fn fixed(fraction: f64) -> RetryStrategy {
        let config = RetryConfig { max_attempts: 100, ..RetryConfig::default() };
        RetryStrategy::new(config).with_random(move || fraction)
    }

    #[test]
    fn throttling_codes_are_throttling_whatever_the_status() {
        let codes = [
            "Throttling",
            "ThrottlingException",
            "ThrottledException",
            "RequestThrottledException",
            "TooManyRequestsException",
            "ProvisionedThroughputExceededException",
            "TransactionInProgressException",
            "RequestLimitExceeded",
            "BandwidthLimitExceeded",
            "LimitExceededException",
            "RequestThrottled",
            "SlowDown",
            "PriorRequestNotComplete",
            "EC2ThrottledException",
        ];
        for code in codes {
            for status in [400, 429, 503] {
                assert_eq!(response(status, Some(code), None), Some(RetryKind::Throttling), "{code} {status}");
            }
        }
    }

    #[test]
    fn classification_table() {
        let throttling = Some(Retryable::Throttling);
        let transient = Some(Retryable::Transient);
        // Status, error code, modeled trait, and the expected kind.
        type Case<'a> = (u16, Option<&'a str>, Option<Retryable>, Option<RetryKind>);
        let cases: &[Case<'_>] = &[
            (408, Some("RequestTimeout"), None, Some(RetryKind::Transient)),
            (400, Some("RequestTimeoutException"), None, Some(RetryKind::Transient)),
            (500, None, None, Some(RetryKind::ServerError)),
            (502, None, None, Some(RetryKind::ServerError)),
            (503, None, None, Some(RetryKind::ServerError)),
            (504, None, None, Some(RetryKind::ServerError)),
            (500, Some("InternalError"), None, Some(RetryKind::ServerError)),
            (501, None, None, None),
            (505, None, None, None),
            (429, None, None, None),
            (400, Some("ValidationException"), None, None),
            (404, Some("ResourceNotFoundException"), None, None),
            (403, Some("AccessDenied"), None, None),
            // The modeled trait decides before the status and the code.
            (400, Some("CustomBusy"), throttling, Some(RetryKind::Throttling)),
            (400, Some("CustomFlaky"), transient, Some(RetryKind::Transient)),
            (500, Some("ThrottlingException"), transient, Some(RetryKind::Transient)),
            // A code says more than a status.
            (503, Some("SlowDown"), None, Some(RetryKind::Throttling)),
            (500, Some("RequestTimeout"), None, Some(RetryKind::Transient)),
            // Codes are matched exactly.
            (400, Some("throttlingexception"), None, None),
            (400, Some(""), None, None),
        ];
        for &(status, code, retryable, expected) in cases {
            assert_eq!(response(status, code, retryable), expected, "{status} {code:?} {retryable:?}");
        }
    }

    #[test]
    fn transport_failures_and_timeouts() {
        assert_eq!(classify(&Failure::Transport(TransportErrorKind::Connect)), Some(RetryKind::Transient));
        assert_eq!(classify(&Failure::Transport(TransportErrorKind::Io)), Some(RetryKind::Transient));
        assert_eq!(classify(&Failure::Transport(TransportErrorKind::Response)), None);
        assert_eq!(classify(&Failure::Transport(TransportErrorKind::Other)), None);
        assert_eq!(classify(&Failure::Timeout), Some(RetryKind::Timeout));
    }

    #[test]
    fn backoff_doubles_from_the_initial_and_stops_at_the_max() {
        // The default config: 1 s initial, 20 s max; the largest random fraction shows the ceiling.
        let strategy = fixed(1.0);
        let ceilings: Vec<u64> = (1..=7).map(|retry| strategy.backoff(retry).as_secs()).collect();
        assert_eq!(ceilings, [1, 2, 4, 8, 16, 20, 20]);
        // 2^(retry-1) overflows u32 and Duration: still the max.
        assert_eq!(strategy.backoff(33), Duration::from_secs(20));
        assert_eq!(strategy.backoff(u32::MAX), Duration::from_secs(20));
    }

    #[test]
    fn backoff_is_the_random_fraction_of_the_ceiling() {
        assert_eq!(fixed(0.0).backoff(3), Duration::ZERO);
        assert_eq!(fixed(0.5).backoff(3), Duration::from_secs(2));
        assert_eq!(fixed(0.25).backoff(1), Duration::from_millis(250));
        assert_eq!(fixed(0.5).backoff(10), Duration::from_secs(10));
        // Out-of-range fractions are clamped.
        assert_eq!(fixed(7.0).backoff(2), Duration::from_secs(2));
        assert_eq!(fixed(-1.0).backoff(2), Duration::ZERO);
        assert_eq!(fixed(f64::NAN).backoff(2), Duration::from_secs(2));
    }

    #[test]
    fn huge_settings_do_not_overflow() {
        let config = RetryConfig { max_attempts: 5, initial_backoff: Duration::MAX, max_backoff: Duration::MAX };
        let strategy = RetryStrategy::new(config).with_random(|| 1.0);
        assert_eq!(strategy.backoff(1), Duration::MAX);
        assert_eq!(strategy.backoff(4), Duration::MAX);
    }

    #[test]
    fn os_randomness_spreads_within_the_ceiling() {
        let strategy = RetryStrategy::new(RetryConfig::default());
        let delays: Vec<Duration> = (0..200).map(|_| strategy.backoff(3)).collect();
        assert!(delays.iter().all(|delay| *delay <= Duration::from_secs(4)));
        // 200 draws of a uniform variable all in one quarter: a 1 in 4^199 chance.
        assert!(delays.iter().any(|delay| *delay < Duration::from_secs(1)));
        assert!(delays.iter().any(|delay| *delay > Duration::from_secs(3)));
    }

    #[test]
    fn max_attempts_counts_the_first_attempt() {
        let strategy = RetryStrategy::new(RetryConfig::default()).with_random(|| 0.0);
        assert!(strategy.should_retry(1, Some(RetryKind::Transient)).is_some());
        assert!(strategy.should_retry(2, Some(RetryKind::Transient)).is_some());
        assert!(strategy.should_retry(3, Some(RetryKind::Transient)).is_none());
        let once = RetryStrategy::new(RetryConfig { max_attempts: 1, ..RetryConfig::default() });
        assert!(once.should_retry(1, Some(RetryKind::Throttling)).is_none());
        let zero = RetryStrategy::new(RetryConfig { max_attempts: 0, ..RetryConfig::default() });
        assert!(zero.should_retry(1, Some(RetryKind::Throttling)).is_none());
        // Refusals take no tokens; the two retries took 5 each.
        assert_eq!(strategy.bucket().available(), 490);
        assert_eq!(once.bucket().available(), 500);
    }

    #[test]
    fn not_retryable_takes_nothing() {
        let strategy = fixed(1.0);
        assert!(strategy.should_retry(1, None).is_none());
        assert_eq!(strategy.bucket().available(), 500);
    }

    #[test]
    fn the_delay_is_the_backoff_of_the_retry_about_to_happen() {
        let strategy = fixed(1.0);
        let delays: Vec<Duration> = (1..=3)
            .filter_map(|attempt| strategy.should_retry(attempt, Some(RetryKind::ServerError)))
            .map(|(d, _)| d)
            .collect();
        assert_eq!(delays, [Duration::from_secs(1), Duration::from_secs(2), Duration::from_secs(4)]);
    }

    #[test]
    fn the_bucket_runs_dry_and_retries_stop() {
        let strategy = fixed(0.0);
        let retries = (0..1000).take_while(|_| strategy.should_retry(1, Some(RetryKind::Throttling)).is_some()).count();
        assert_eq!(retries, 100); // 500 tokens at 5 each
        assert_eq!(strategy.bucket().available(), 0);

        let strategy = fixed(0.0);
        let retries = (0..1000).take_while(|_| strategy.should_retry(1, Some(RetryKind::Timeout)).is_some()).count();
        assert_eq!(retries, 50); // at 10 each
    }

    #[test]
    fn a_bucket_too_low_for_a_timeout_still_pays_a_cheaper_retry() {
        let strategy = fixed(0.0);
        for _ in 0..99 {
            let _ = strategy.should_retry(1, Some(RetryKind::Transient));
        }
        assert_eq!(strategy.bucket().available(), 5);
        assert!(strategy.should_retry(1, Some(RetryKind::Timeout)).is_none());
        assert_eq!(strategy.bucket().available(), 5);
        assert!(strategy.should_retry(1, Some(RetryKind::Transient)).is_some());
        assert_eq!(strategy.bucket().available(), 0);
    }

    #[test]
    fn successes_refund_the_last_retry_or_one_token_up_to_the_capacity() {
        let strategy = fixed(0.0);
        let (_, first) = strategy.should_retry(1, Some(RetryKind::Transient)).expect("a retry");
        let (_, last) = strategy.should_retry(2, Some(RetryKind::Timeout)).expect("a retry");
        assert_eq!((first.cost(), last.cost()), (5, 10));
        assert_eq!(strategy.bucket().available(), 485);
        strategy.on_success(Some(last));
        assert_eq!(strategy.bucket().available(), 495);
        strategy.on_success(None);
        assert_eq!(strategy.bucket().available(), 496);
        for _ in 0..10 {
            strategy.on_success(None);
        }
        assert_eq!(strategy.bucket().available(), 500);
        strategy.on_success(Some(first));
        assert_eq!(strategy.bucket().available(), 500);
    }

    #[test]
    fn clones_and_threads_share_one_bucket() {
        let strategy = fixed(0.0);
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let strategy = strategy.clone();
                std::thread::spawn(move || {
                    (0..1000).filter(|_| strategy.should_retry(1, Some(RetryKind::Transient)).is_some()).count()
                })
            })
            .collect();
        let granted: usize = handles.into_iter().map(|handle| handle.join().expect("no panic")).sum();
        assert_eq!(granted, 100);
        assert_eq!(strategy.bucket().available(), 0);
    }
}
