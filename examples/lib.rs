//! Programs that call AWS services through the generated crate: see the `[[example]]`s of
//! this package's manifest, run with `cargo run -p examples --example <name>`.
