//! The golden files of `tests/models/`, compiled: every edge case must build, with warnings
//! denied, exactly as the generator writes it. The test suites live in `tests/tests/`.

#![deny(warnings)]

/// The runtime modules the goldens refer to as `crate::primitives`, `crate::json` and
/// `crate::wire`: the generator's own hand-written source, which it copies into every
/// generated crate. Their unit tests run here.
#[path = "../../codegen/src/runtime/primitives.rs"]
pub mod primitives;

// No outer doc: rustdoc would resolve the module's own intra-doc links from here.
#[path = "../../codegen/src/runtime/json.rs"]
pub mod json;

// No outer doc, as for `json`.
#[path = "../../codegen/src/runtime/wire.rs"]
pub mod wire;

// The validation runtime the goldens' `validate()` methods refer to as `crate::validation`;
// no outer doc, as for `json`.
#[path = "../../codegen/src/runtime/validation.rs"]
pub mod validation;

/// One module per edge-case model, as generated.
#[path = "../goldens/mod.rs"]
pub mod goldens;

/// The README's example, compiled and run as a doctest so it cannot go stale.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeExample;
