//! The golden files of `tests/models/`, compiled: every edge case must build, with warnings
//! denied, exactly as the generator writes it, against the runtime crate as every generated
//! crate uses it. The test suites live in `tests/tests/`.

#![deny(warnings)]

/// One module per edge-case model, as generated.
#[path = "../goldens/mod.rs"]
pub mod goldens;

pub mod fault_server;

/// The README's example, compiled and run as a doctest so it cannot go stale.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeExample;
