//! The generated code under test, and the harness its generated tests call.
//!
//! `build.rs` generates, with the project's generator and its test-support params
//! conversions, the services of the official Smithy protocol-test models (one module per
//! protocol) and of `models/`; `tests/<protocol>.rs` run one test per client case. The
//! runtime modules are the generator's own hand-written sources, as in every generated crate.

#![deny(warnings)]

// The generator's runtime modules, as every generated crate carries them. No outer doc
// comments: with one, rustdoc would resolve the files' own intra-doc links from this scope.
#[path = "../../../codegen/src/runtime/primitives.rs"]
pub mod primitives;

#[path = "../../../codegen/src/runtime/json.rs"]
pub mod json;

#[path = "../../../codegen/src/runtime/wire.rs"]
pub mod wire;

#[path = "../../../codegen/src/runtime/validation.rs"]
pub mod validation;

#[path = "../../../codegen/src/runtime/pattern.rs"]
pub mod pattern;

#[path = "../../../codegen/src/runtime/params.rs"]
pub mod params;

/// The services of `awsJson1_0.json`.
pub mod aws_json1_0 {
    include!(concat!(env!("OUT_DIR"), "/aws_json1_0.rs"));
}

/// The services of `awsJson1_1.json`.
pub mod aws_json1_1 {
    include!(concat!(env!("OUT_DIR"), "/aws_json1_1.rs"));
}

/// The services of `restJson1.json`.
pub mod rest_json1 {
    include!(concat!(env!("OUT_DIR"), "/rest_json1.rs"));
}

/// The services of `models/`, as in `generated/` plus the params conversions.
pub mod models {
    include!(concat!(env!("OUT_DIR"), "/models.rs"));
}

pub mod harness;
