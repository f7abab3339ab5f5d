//! The project's automation, as a library so that tests can run the same code.

pub mod codegen;
pub mod fingerprint;
pub mod sync;
