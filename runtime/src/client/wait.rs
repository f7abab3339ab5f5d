//! The client's waiter loop: call, match the acceptors, sleep as the specification says,
//! until an acceptor ends the wait or the time is up.

use super::{Error, Handle, Operation, OperationError};
use crate::waiter::{self, AcceptorState, Attempt, PathError, Waiter};
use std::fmt;
use std::time::Duration;
use tokio::time::Instant;

/// How long to wait, and optionally delays other than the model's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaitOptions {
    max_wait: Duration,
    min_delay: Option<Duration>,
    max_delay: Option<Duration>,
}

impl WaitOptions {
    /// Waits at most `max_wait`, with the model's delays.
    pub fn new(max_wait: Duration) -> Self {
        Self { max_wait, min_delay: None, max_delay: None }
    }

    /// The smallest delay between attempts, instead of the model's.
    pub fn with_min_delay(mut self, delay: Duration) -> Self {
        self.min_delay = Some(delay);
        self
    }

    /// The largest delay between attempts, instead of the model's.
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = Some(delay);
        self
    }
}

impl From<Duration> for WaitOptions {
    fn from(max_wait: Duration) -> Self {
        Self::new(max_wait)
    }
}

/// A wait that reached a success state: the outcome of the last call, which an acceptor
/// matched (an error, for a waiter that waits for a resource to be gone).
#[derive(Debug)]
pub struct Waited<O, E> {
    /// The last call's result.
    pub last: Result<O, Error<E>>,
    /// How many calls were made.
    pub attempts: u32,
    /// How long the wait took.
    pub elapsed: Duration,
}

/// Why a wait ended without success.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaitError<O, E> {
    /// An acceptor in the failure state matched: the resource will not get there.
    Failure {
        /// The waiter.
        waiter: &'static str,
        /// The acceptor's index in the model.
        acceptor: usize,
        /// What it matched, in words.
        matcher: String,
        /// The call's result it matched.
        last: Result<O, Error<E>>,
        /// How many calls were made.
        attempts: u32,
    },
    /// The maximum wait is over and no acceptor ended the wait.
    Timeout {
        /// The waiter.
        waiter: &'static str,
        /// How many calls were made.
        attempts: u32,
        /// How long the wait took.
        elapsed: Duration,
        /// The last call's result.
        last: Result<O, Error<E>>,
    },
    /// A call failed with an error that no acceptor expects.
    Call {
        /// The waiter.
        waiter: &'static str,
        /// The error.
        error: Error<E>,
        /// How many calls were made.
        attempts: u32,
    },
    /// A path could not be evaluated on an output.
    Path(PathError),
    /// The options cannot be used.
    Options {
        /// The waiter.
        waiter: &'static str,
        /// What is wrong with them.
        reason: String,
    },
}

impl<O, E: fmt::Display> fmt::Display for WaitError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Failure { waiter, acceptor, matcher, attempts, .. } => write!(
                f,
                "waiter `{waiter}` reached a failure state after {attempts} attempt(s): acceptor {acceptor} matched ({matcher})"
            ),
            Self::Timeout { waiter, attempts, elapsed, .. } => write!(
                f,
                "waiter `{waiter}` timed out after {attempts} attempt(s) in {:.1} s without reaching a final state",
                elapsed.as_secs_f64()
            ),
            Self::Call { waiter, error, attempts } => {
                write!(f, "waiter `{waiter}` stopped after {attempts} attempt(s) on an error no acceptor expects: {error}")
            }
            Self::Path(error) => write!(f, "{error}"),
            Self::Options { waiter, reason } => write!(f, "waiter `{waiter}` cannot run: {reason}"),
        }
    }
}

impl<O: fmt::Debug, E: std::error::Error + 'static> std::error::Error for WaitError<O, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Failure { last: Err(error), .. }
            | Self::Timeout { last: Err(error), .. }
            | Self::Call { error, .. } => Some(error),
            Self::Path(error) => Some(error),
            _ => None,
        }
    }
}

/// Runs waiter `W` over operation `O` with `input` until an acceptor ends the wait or
/// `options`' maximum wait is over. Generated clients call it from `wait_until_*`.
///
/// # Errors
/// See [`WaitError`]: a failure state, a timeout, an unexpected error, a path that cannot
/// be evaluated, or options that cannot be used.
pub async fn wait<W, O>(
    handle: &Handle,
    input: O::Input,
    options: WaitOptions,
) -> Result<Waited<O::Output, O::Error>, WaitError<O::Output, O::Error>>
where
    O: Operation,
    O::Input: Clone,
    W: Waiter<Input = O::Input, Output = O::Output>,
{
    let (min, max) = delays::<W>(&options).map_err(|reason| WaitError::Options { waiter: W::NAME, reason })?;
    let start = Instant::now();
    let mut attempts = 0u32;
    loop {
        attempts = attempts.saturating_add(1);
        let last = handle.invoke::<O>(input.clone()).await;
        let attempt = match &last {
            Ok(output) => Attempt::Output(output),
            Err(error) => Attempt::Error(error.service_error().and_then(OperationError::code)),
        };
        match waiter::matching::<W>(&input, attempt).map_err(WaitError::Path)? {
            Some((_, AcceptorState::Success)) => return Ok(Waited { last, attempts, elapsed: start.elapsed() }),
            Some((acceptor, AcceptorState::Failure)) => {
                let matcher = W::ACCEPTORS.get(acceptor).map(|a| a.matcher.to_string()).unwrap_or_default();
                return Err(WaitError::Failure { waiter: W::NAME, acceptor, matcher, last, attempts });
            }
            Some((_, AcceptorState::Retry)) => {}
            None => {
                // "If none of the acceptors match and an error was encountered while
                // calling the operation, then transition to the failure state."
                if let Err(error) = last {
                    return Err(WaitError::Call { waiter: W::NAME, error, attempts });
                }
            }
        }
        let elapsed = start.elapsed();
        let remaining = options.max_wait.saturating_sub(elapsed);
        match waiter::next_delay(attempts, min, max, remaining, super::retry::os_random_fraction()) {
            Some(delay) => tokio::time::sleep(delay).await,
            None => return Err(WaitError::Timeout { waiter: W::NAME, attempts, elapsed, last }),
        }
    }
}

/// The delays to use: the options' where given, else the model's; checked.
fn delays<W: Waiter>(options: &WaitOptions) -> Result<(Duration, Duration), String> {
    let min = options.min_delay.unwrap_or(W::MIN_DELAY);
    let max = options.max_delay.unwrap_or(W::MAX_DELAY);
    if options.max_wait.is_zero() {
        return Err("the maximum wait is zero".to_owned());
    }
    if min.is_zero() {
        return Err("the minimum delay is zero".to_owned());
    }
    if min > max {
        return Err(format!("the minimum delay ({min:?}) is above the maximum delay ({max:?})"));
    }
    Ok((min, max))
}
