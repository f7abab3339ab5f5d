//! The generated code under test, and the harness its generated tests call.
//!
//! `build.rs` generates, with the project's generator and its test-support params
//! conversions, the services of the official Smithy protocol-test models (one module per
//! protocol) and of `models/`; `tests/<protocol>.rs` run one test per client case. The
//! generated code uses the runtime crate with its `json` and `params` features.

#![deny(warnings)]

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
