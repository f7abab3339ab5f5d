//! Every waiter of the AWS models, generated, for the differential test of their compiled
//! paths (`tests/differential.rs`).
//!
//! `build.rs` generates the services with waiters, narrowed to the operations that have
//! them, with the types' `serde` impls on; [`WAITERS`] lists each waiter with a function
//! that reads an input and an output from JSON (keys are member names, as in botocore's
//! parsed responses) and evaluates one acceptor's path on them.

#![deny(warnings)]
#![forbid(unsafe_code)]

use serde::de::DeserializeOwned;
use smithy_runtime::jmespath;
use smithy_runtime::waiter::{Acceptor, Waiter};

include!(concat!(env!("OUT_DIR"), "/services.rs"));

/// One generated waiter.
pub struct Entry {
    /// The service's module.
    pub service: &'static str,
    /// The operation's shape ID.
    pub operation: &'static str,
    /// The waiter's name in the model.
    pub waiter: &'static str,
    /// Its acceptors, as generated.
    pub acceptors: &'static [Acceptor],
    /// Evaluates acceptor `acceptor`'s path on an input and an output given as JSON.
    pub evaluate: fn(acceptor: usize, input: &str, output: &str) -> Evaluation,
}

/// What evaluating a path gave.
#[derive(Debug)]
pub enum Evaluation {
    /// The path's value, as compact JSON.
    Value(String),
    /// JMESPath raised an error: its kind (`type`, `value`, `arity`, `unknown-function`)
    /// and message.
    Error(&'static str, String),
    /// The JSON could not be read into the generated types: the test's fault, not the path's.
    Unreadable(String),
}

fn evaluate<W: Waiter>(acceptor: usize, input: &str, output: &str) -> Evaluation
where
    W::Input: DeserializeOwned,
    W::Output: DeserializeOwned,
{
    let input: W::Input = match serde_json::from_str(input) {
        Ok(input) => input,
        Err(e) => return Evaluation::Unreadable(format!("input: {e}")),
    };
    let output: W::Output = match serde_json::from_str(output) {
        Ok(output) => output,
        Err(e) => return Evaluation::Unreadable(format!("output: {e}")),
    };
    match W::path(acceptor, &input, &output) {
        Ok(value) => Evaluation::Value(value.to_json()),
        Err(error) => {
            let kind = match &error {
                jmespath::Error::InvalidType { .. } => "type",
                jmespath::Error::InvalidValue { .. } => "value",
                jmespath::Error::InvalidArity { .. } => "arity",
                jmespath::Error::UnknownFunction(_) => "unknown-function",
                _ => "other",
            };
            Evaluation::Error(kind, error.to_string())
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/registry.rs"));
