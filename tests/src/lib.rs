//! The golden files of `tests/models/`, compiled: every edge case must build, with warnings
//! denied, exactly as the generator writes it. The test suites live in `tests/tests/`.

#![deny(warnings)]

// The runtime modules the goldens refer to as `crate::primitives`, `crate::json`,
// `crate::wire`, `crate::validation` and `crate::pattern`: the generator's own hand-written source, which it
// copies into every generated crate. Their unit tests run here. No outer doc comments: with
// one, rustdoc would resolve the files' own intra-doc links from this scope.
#[path = "../../codegen/src/runtime/primitives.rs"]
pub mod primitives;

#[path = "../../codegen/src/runtime/json.rs"]
pub mod json;

#[path = "../../codegen/src/runtime/wire.rs"]
pub mod wire;

#[path = "../../codegen/src/runtime/validation.rs"]
pub mod validation;

#[path = "../../codegen/src/runtime/pattern.rs"]
pub mod pattern;

/// One module per edge-case model, as generated.
#[path = "../goldens/mod.rs"]
pub mod goldens;

/// The README's example, compiled and run as a doctest so it cannot go stale.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeExample;
