//! Waiters, sans-IO: a waiter's acceptors and delays as data and pure functions, so that a
//! caller with their own stack can poll with them. The client's `wait` drives them.
//!
//! Each `smithy.waiters#waitable` waiter of a model becomes a type implementing [`Waiter`]:
//! its acceptors as a table, and its JMESPath paths compiled to Rust over the typed input
//! and output ([`Waiter::path`]). [`matching`] finds the acceptor an attempt's outcome
//! matches, and [`next_delay`] is the specification's delay between attempts.

use crate::jmespath::{self, Value};
use std::fmt;
use std::time::Duration;

/// A waiter of an operation, as generated from the model.
pub trait Waiter {
    /// The operation's input.
    type Input;
    /// The operation's output.
    type Output;
    /// The waiter's name in the model.
    const NAME: &'static str;
    /// The smallest delay between attempts.
    const MIN_DELAY: Duration;
    /// The largest delay between attempts.
    const MAX_DELAY: Duration;
    /// The acceptors, in the order they are tried.
    const ACCEPTORS: &'static [Acceptor];

    /// The value of the path of acceptor `acceptor` (an `output` or `inputOutput` matcher),
    /// compiled from its JMESPath expression; null for any other acceptor.
    ///
    /// # Errors
    /// What JMESPath makes an error: a function given a value of the wrong type, say
    /// `length()` of null.
    fn path<'a>(
        acceptor: usize,
        input: &'a Self::Input,
        output: &'a Self::Output,
    ) -> Result<Value<'a>, jmespath::Error>;
}

/// When its matcher matches, the waiter moves to its state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Acceptor {
    /// Where the waiter goes.
    pub state: AcceptorState,
    /// What must match.
    pub matcher: Matcher,
}

/// Where an acceptor sends the waiter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcceptorState {
    /// Waiting is over, as hoped.
    Success,
    /// Waiting is over: the resource will never get there.
    Failure,
    /// Try again after a delay.
    Retry,
}

/// What an acceptor matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matcher {
    /// `true`: the call succeeded; `false`: it failed with an error.
    Success(bool),
    /// The call failed with this error code, as `OperationError::code` gives it: a modeled
    /// error's shape name (the generator maps a model's awsQuery code to it), or an unmodeled
    /// error's code.
    ErrorType(&'static str),
    /// A path over the output.
    Output(PathMatcher),
    /// A path over an object with members `input` and `output`.
    InputOutput(PathMatcher),
}

/// A path compared with an expected value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PathMatcher {
    /// The JMESPath expression, as the model writes it.
    pub path: &'static str,
    /// How its value is compared.
    pub comparator: Comparator,
    /// The value expected.
    pub expected: &'static str,
}

/// How a path's value is compared with the expected value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    /// The value is the expected string.
    StringEquals,
    /// The value is the boolean the expected value spells (`true` or `false`).
    BooleanEquals,
    /// The value is a non-empty array whose elements are all the expected string.
    AllStringEquals,
    /// The value is an array with at least one element that is the expected string.
    AnyStringEquals,
}

impl Comparator {
    /// Whether `value` matches `expected`.
    pub fn matches(self, value: &Value<'_>, expected: &str) -> bool {
        let is_expected = |item: &Value<'_>| item.as_str() == Some(expected);
        match self {
            Self::StringEquals => is_expected(value),
            Self::BooleanEquals => value.as_bool().is_some_and(|b| expected == if b { "true" } else { "false" }),
            Self::AllStringEquals => {
                value.as_array().is_some_and(|items| !items.is_empty() && items.iter().all(is_expected))
            }
            Self::AnyStringEquals => value.as_array().is_some_and(|items| items.iter().any(is_expected)),
        }
    }

    /// Its name in the model.
    pub fn name(self) -> &'static str {
        match self {
            Self::StringEquals => "stringEquals",
            Self::BooleanEquals => "booleanEquals",
            Self::AllStringEquals => "allStringEquals",
            Self::AnyStringEquals => "anyStringEquals",
        }
    }
}

impl fmt::Display for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Success(true) => write!(f, "the call succeeded"),
            Self::Success(false) => write!(f, "the call failed"),
            Self::ErrorType(code) => write!(f, "the error is `{code}`"),
            Self::Output(p) => write!(f, "output path `{}` {} `{}`", p.path, p.comparator.name(), p.expected),
            Self::InputOutput(p) => write!(f, "inputOutput path `{}` {} `{}`", p.path, p.comparator.name(), p.expected),
        }
    }
}

/// An attempt's outcome, as acceptors see it.
#[derive(Debug)]
pub enum Attempt<'a, O> {
    /// The call succeeded with this output.
    Output(&'a O),
    /// The call failed; with the error's code when the service gave one.
    Error(Option<&'a str>),
}

/// The first acceptor that matches an attempt's outcome, with its index.
///
/// # Errors
/// A path that JMESPath cannot evaluate on this output, naming the acceptor.
pub fn matching<W: Waiter>(
    input: &W::Input,
    attempt: Attempt<'_, W::Output>,
) -> Result<Option<(usize, AcceptorState)>, PathError> {
    for (index, acceptor) in W::ACCEPTORS.iter().enumerate() {
        let matched = match (acceptor.matcher, &attempt) {
            (Matcher::Success(success), Attempt::Output(_)) => success,
            (Matcher::Success(success), Attempt::Error(_)) => !success,
            (Matcher::ErrorType(expected), Attempt::Error(code)) => *code == Some(expected),
            (Matcher::Output(path) | Matcher::InputOutput(path), Attempt::Output(output)) => {
                let value = W::path(index, input, output).map_err(|error| PathError {
                    waiter: W::NAME,
                    acceptor: index,
                    path: path.path,
                    error,
                })?;
                path.comparator.matches(&value, path.expected)
            }
            _ => false,
        };
        if matched {
            return Ok(Some((index, acceptor.state)));
        }
    }
    Ok(None)
}

/// A path that could not be evaluated on an output.
#[derive(Clone, Debug, PartialEq)]
pub struct PathError {
    /// The waiter.
    pub waiter: &'static str,
    /// The acceptor's index.
    pub acceptor: usize,
    /// Its JMESPath expression.
    pub path: &'static str,
    /// What JMESPath says.
    pub error: jmespath::Error,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self { waiter, acceptor, path, error } = self;
        write!(f, "waiter `{waiter}`, acceptor {acceptor}: the path `{path}` cannot be evaluated: {error}")
    }
}

impl std::error::Error for PathError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// The delay before attempt `attempt + 1`, after attempt `attempt` (from 1) did not end the
/// wait, per the Smithy specification: exponential from `min` up to `max`, a random point
/// between `min` and that (`random` in `[0, 1)` picks it), and shortened so that one last
/// attempt fits before the time is up. `None` when no more than `min` remains.
pub fn next_delay(attempt: u32, min: Duration, max: Duration, remaining: Duration, random: f64) -> Option<Duration> {
    // No time left for a delay of at least `min`. At exactly `min` the rule below would give
    // a delay of zero, an attempt at once, and with calls that take no time (a paused test
    // clock), the same again forever: that is the end too.
    if remaining <= min {
        return None;
    }
    // The attempt from which `min * 2^(attempt - 1)` would pass `max`.
    let ceiling = ((max.as_secs_f64() / min.as_secs_f64()).log2() + 1.0).floor();
    let ceiling = if ceiling.is_finite() { ceiling } else { 1.0 };
    let upper = if f64::from(attempt) > ceiling {
        max
    } else {
        min.saturating_mul(1u32.checked_shl(attempt.saturating_sub(1)).unwrap_or(u32::MAX)).min(max)
    };
    let spread = upper.saturating_sub(min).as_secs_f64() * random.clamp(0.0, 1.0);
    // Rounding through f64 must not carry the delay past its ceiling.
    let delay = min.saturating_add(Duration::try_from_secs_f64(spread).unwrap_or_default()).min(upper);
    if remaining.saturating_sub(delay) <= min {
        return Some(remaining.saturating_sub(min));
    }
    Some(delay)
}

#[cfg(test)]
mod tests;
