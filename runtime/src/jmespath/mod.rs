//! The runtime of compiled JMESPath expressions (the acceptors of Smithy waiters).
//!
//! The generator compiles each waiter's JMESPath expression into Rust over the typed output
//! of its operation: field navigation, projections and filters become plain code on the
//! generated structs. Where the typed world ends (a `document` member, a JSON literal, a
//! multi-select, a projection of mixed results, the arguments of a built-in function), the
//! generated code falls back to the dynamic [`Value`], whose methods are the operators
//! (field, index, slice, flatten, projection, comparison, `!`), and to the functions of this
//! module: [`call`] for the built-ins that take values, and [`map`], [`sort_by`], [`max_by`]
//! and [`min_by`] for those that take an expression reference, which the generator passes
//! as a closure.
//!
//! The semantics are those of the [JMESPath specification](https://jmespath.org/specification.html)
//! as its Python reference implementation (`jmespath` 1.0, used by botocore) behaves, with
//! these deliberate differences:
//!
//! - Numbers are `f64`, as JSON numbers are in most implementations: integers beyond ±2^53
//!   lose precision (the reference keeps Python's exact integers), and `1.0` and `1` are the
//!   same value, so `to_string` writes both as `1`.
//! - Equality is JMESPath's at every depth: `[1] == [true]` is false (the reference, through
//!   Python's `==`, says true inside arrays), and `contains` uses the same equality.
//! - Ordering a number against a string gives `null` where the reference raises Python's
//!   own `TypeError`; `contains` on a string with a non-string search and `max_by`/`min_by`
//!   keys of both types are an [`Error::InvalidType`], as the reference's are errors.
//! - `to_string` and [`Value::to_json`] write non-ASCII characters as they are (the JSON of
//!   RFC 8259); the reference escapes them as `\uXXXX`. Non-finite numbers, which only
//!   `to_number` and overflowing arithmetic make, are written as `null`.
//! - `to_number` reads the strings Python's `int()` and `float()` read (surrounding
//!   whitespace, `_` between digits, `inf`, `nan`), except digits outside ASCII.

mod functions;
mod value;

#[cfg(test)]
mod tests;

use std::fmt;

pub use functions::{call, map, max_by, min_by, sort_by};
pub use value::{slice_positions, Comparison, Value};

/// Why a JMESPath expression could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A function got an argument of a type its signature does not take.
    InvalidType {
        /// The function's name.
        function: &'static str,
        /// The types the function takes there, in the specification's notation.
        expected: &'static str,
        /// The type it got.
        found: &'static str,
    },
    /// A value of the right type that the operation cannot use.
    InvalidValue {
        /// The operation, such as `slice`.
        operation: &'static str,
        /// What is wrong with the value.
        reason: &'static str,
    },
    /// A function the specification does not define.
    UnknownFunction(String),
    /// A function called with the wrong number of arguments.
    InvalidArity {
        /// The function's name.
        function: &'static str,
        /// How many arguments it takes (at least, when `variadic`).
        expected: usize,
        /// Whether it takes more than `expected` arguments too.
        variadic: bool,
        /// How many it got.
        found: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidType { function, expected, found } => {
                write!(f, "invalid type for {function}(): expected {expected}, found {found}")
            }
            Error::InvalidValue { operation, reason } => write!(f, "invalid value for {operation}: {reason}"),
            Error::UnknownFunction(name) => write!(f, "unknown function: {name}()"),
            Error::InvalidArity { function, expected, variadic, found } => {
                let at_least = if *variadic { "at least " } else { "" };
                let plural = if *expected == 1 { "" } else { "s" };
                write!(f, "{function}() takes {at_least}{expected} argument{plural}, got {found}")
            }
        }
    }
}

impl std::error::Error for Error {}
