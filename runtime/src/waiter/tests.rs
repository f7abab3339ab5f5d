//! The comparators, the acceptor order and the delay formula, against the Smithy waiter
//! specification's definitions.

use super::*;

const SECOND: Duration = Duration::from_secs(1);

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

#[test]
fn comparators_follow_the_specification() {
    let status = Value::from("ACTIVE");
    assert!(Comparator::StringEquals.matches(&status, "ACTIVE"));
    assert!(!Comparator::StringEquals.matches(&status, "active"));
    assert!(!Comparator::StringEquals.matches(&Value::Null, "ACTIVE"));
    assert!(Comparator::BooleanEquals.matches(&Value::Bool(false), "false"));
    assert!(!Comparator::BooleanEquals.matches(&Value::from("false"), "false"));
    let all_active = Value::Array(vec![Value::from("ACTIVE"), Value::from("ACTIVE")]);
    let mixed = Value::Array(vec![Value::from("ACTIVE"), Value::from("DELETING")]);
    let empty = Value::Array(Vec::new());
    assert!(Comparator::AllStringEquals.matches(&all_active, "ACTIVE"));
    assert!(!Comparator::AllStringEquals.matches(&mixed, "ACTIVE"));
    // "The return value MUST be a non-empty list": an empty list matches neither.
    assert!(!Comparator::AllStringEquals.matches(&empty, "ACTIVE"));
    assert!(!Comparator::AnyStringEquals.matches(&empty, "ACTIVE"));
    assert!(Comparator::AnyStringEquals.matches(&mixed, "DELETING"));
    assert!(!Comparator::AnyStringEquals.matches(&status, "ACTIVE"), "a string is not a list");
}

/// A waiter over `(status, flag)` outputs, with every kind of acceptor.
struct Sample;

impl Waiter for Sample {
    type Input = String;
    type Output = (String, i32);
    const NAME: &'static str = "Sample";
    const MIN_DELAY: Duration = SECOND;
    const MAX_DELAY: Duration = SECOND;
    const ACCEPTORS: &'static [Acceptor] = &[
        Acceptor { state: AcceptorState::Success, matcher: Matcher::ErrorType("NotFound") },
        Acceptor {
            state: AcceptorState::Failure,
            matcher: Matcher::Output(PathMatcher {
                path: "status",
                comparator: Comparator::StringEquals,
                expected: "FAILED",
            }),
        },
        Acceptor {
            state: AcceptorState::Success,
            matcher: Matcher::InputOutput(PathMatcher {
                path: "input == output.status",
                comparator: Comparator::BooleanEquals,
                expected: "true",
            }),
        },
        Acceptor {
            state: AcceptorState::Failure,
            matcher: Matcher::Output(PathMatcher {
                path: "length(@)",
                comparator: Comparator::StringEquals,
                expected: "x",
            }),
        },
        Acceptor { state: AcceptorState::Retry, matcher: Matcher::Success(true) },
    ];

    fn path<'a>(acceptor: usize, input: &'a String, output: &'a (String, i32)) -> Result<Value<'a>, jmespath::Error> {
        match acceptor {
            1 => Ok(Value::from(output.0.as_str())),
            2 => Ok(Value::Bool(*input == output.0)),
            3 if output.1 < 0 => {
                Err(jmespath::Error::InvalidType { function: "length", expected: "array", found: "null" })
            }
            3 => Ok(Value::Number(f64::from(output.1))),
            _ => Ok(Value::Null),
        }
    }
}

#[test]
fn the_first_matching_acceptor_wins() {
    let input = "READY".to_owned();
    let check = |attempt: Attempt<'_, (String, i32)>| matching::<Sample>(&input, attempt);
    assert_eq!(check(Attempt::Error(Some("NotFound"))), Ok(Some((0, AcceptorState::Success))));
    // An error no acceptor names matches nothing: the client ends the wait with it.
    assert_eq!(check(Attempt::Error(Some("Throttled"))), Ok(None));
    assert_eq!(check(Attempt::Error(None)), Ok(None));
    assert_eq!(check(Attempt::Output(&("FAILED".to_owned(), 1))), Ok(Some((1, AcceptorState::Failure))));
    assert_eq!(check(Attempt::Output(&("READY".to_owned(), 1))), Ok(Some((2, AcceptorState::Success))));
    assert_eq!(check(Attempt::Output(&("PENDING".to_owned(), 1))), Ok(Some((4, AcceptorState::Retry))));
    let error = check(Attempt::Output(&("PENDING".to_owned(), -1))).expect_err("the path fails");
    assert_eq!((error.acceptor, error.path), (3, "length(@)"));
    assert!(error.to_string().contains("waiter `Sample`, acceptor 3"), "{error}");
}

#[test]
fn delays_grow_exponentially_up_to_the_maximum() {
    let (min, max, plenty) = (secs(2), secs(120), secs(100_000));
    // With the top of the random range, the delay is the range's ceiling:
    // min * 2^(attempt - 1) until attempt passes log2(max / min) + 1 = 6.9, then max.
    let ceilings: Vec<u64> = (1..=9)
        .map(|attempt| next_delay(attempt, min, max, plenty, 1.0).map(|d| d.as_secs()).unwrap_or_default())
        .collect();
    assert_eq!(ceilings, [2, 4, 8, 16, 32, 64, 120, 120, 120]);
    // The random point is uniform between min and the ceiling.
    assert_eq!(next_delay(5, min, max, plenty, 0.0), Some(min));
    // Halfway between 2 and 32.
    assert_eq!(next_delay(5, min, max, plenty, 0.5), Some(secs(17)));
}

#[test]
fn the_last_attempt_is_fitted_before_the_time_is_up() {
    let (min, max) = (secs(2), secs(120));
    // 10 s left and a 8 s delay would leave 2 s, not more than min: wait 10 - 2 instead.
    assert_eq!(next_delay(3, min, max, secs(10), 1.0), Some(secs(8)));
    assert_eq!(next_delay(3, min, max, secs(9), 1.0), Some(secs(7)));
    assert_eq!(next_delay(3, min, max, Duration::from_millis(2001), 1.0), Some(Duration::from_millis(1)));
    // No more than min left: no attempt fits (at exactly min, a zero delay would repeat
    // forever with calls that take no time).
    assert_eq!(next_delay(3, min, max, secs(2), 1.0), None);
    assert_eq!(next_delay(3, min, max, Duration::from_millis(1999), 1.0), None);
}

#[test]
fn extreme_settings_do_not_overflow() {
    let huge = Duration::from_secs(u64::MAX / 4);
    assert_eq!(next_delay(u32::MAX, SECOND, huge, Duration::MAX, 1.0), Some(huge));
    assert_eq!(next_delay(64, SECOND, SECOND, Duration::MAX, f64::NAN), Some(SECOND));
}
