//! Generates into `OUT_DIR`, with the project's own generator:
//!
//! - `<protocol>.rs`: the services of each protocol-test model of `../shared/protocol-tests`
//!   (with the test-support params conversions), and `models.rs`: the services of `models/`,
//!   narrowed by `models/selection.txt` as `generated/` is;
//! - `<protocol>_cases.rs`: one `#[test]` per client request/response case of that model.
//!
//! When `../shared/protocol-tests` is absent the service files are empty and each cases file
//! holds a single test that says why nothing ran.

mod cases;
mod emit;
mod known_failures;
mod skips;

use codegen::model::{Model, ShapeId};
use codegen::{Diagnostic, Settings};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The protocol-test models, by module name and file name.
const PROTOCOLS: &[(&str, &str)] = &[
    ("aws_json1_0", "awsJson1_0.json"),
    ("aws_json1_1", "awsJson1_1.json"),
    ("rest_json1", "restJson1.json"),
];

fn main() {
    if let Err(message) = run() {
        // A build script reports failure by exiting non-zero; the message says what and where.
        eprintln!("protocol-tests build script: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let root = manifest.join("../..");
    let shared = root.join("../shared/protocol-tests");
    println!("cargo:rerun-if-changed=build");
    println!("cargo:rerun-if-changed={}", shared.display());

    let models = root.join("models");
    println!("cargo:rerun-if-changed={}", models.display());
    let model = Model::load_dir(&models).map_err(|e| format!("cannot load {}:\n{e}", models.display()))?;
    let selection = codegen::selection::read(&models, &model).map_err(|e| format!("cannot use the selection:\n{e}"))?;
    write(&out.join("models.rs"), &services(&model, selection)?)?;

    // Tests that name types of the protocol-test models compile only when those exist.
    println!("cargo::rustc-check-cfg=cfg(protocol_models)");
    if PROTOCOLS.iter().all(|(_, file)| shared.join(file).is_file()) {
        println!("cargo::rustc-cfg=protocol_models");
    }
    for (module, file) in PROTOCOLS {
        let path = shared.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let (services, cases) = if path.is_file() {
            protocol(module, &path)?
        } else {
            let reason = format!("{} is absent (the shared reference folder is not beside the workspace)", path.display());
            (String::new(), emit::format(&emit::absent(module, &reason))?)
        };
        write(&out.join(format!("{module}.rs")), &services)?;
        write(&out.join(format!("{module}_cases.rs")), &cases)?;
    }
    Ok(())
}

/// The generated services of one protocol-test model and its test cases.
fn protocol(module: &str, path: &Path) -> Result<(String, String), String> {
    let model = Model::load_files(&[path.to_path_buf()]).map_err(|e| format!("cannot load {}:\n{e}", path.display()))?;
    let ir = codegen::ir::lower(&model, None).map_err(|e| format!("cannot lower {}:\n{e}", path.display()))?;
    report(&ir.warnings);
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let cases = cases::client_cases(&json, &ir).map_err(|e| format!("{}: {e}", path.display()))?;
    let tests = emit::format(&emit::cases_file(module, &cases)?)?;
    // The IR the cases were matched against is the one emitted: the model is lowered once.
    let settings = Settings { params: true, ..Settings::default() };
    let services = codegen::emit::single_file(&ir, &settings).map_err(|e| format!("cannot generate:\n{e}"))?;
    report(&services.warnings);
    let services = services.code;
    Ok((services, tests))
}

/// The services of the model (narrowed to the selected operations) as inline modules, with
/// the params conversions.
fn services(model: &Model, operations: Option<BTreeSet<ShapeId>>) -> Result<String, String> {
    let settings = Settings { params: true, operations, ..Settings::default() };
    let generated = codegen::generate_file(model, &settings).map_err(|e| format!("cannot generate:\n{e}"))?;
    report(&generated.warnings);
    Ok(generated.code)
}

/// Shows the generator's warnings (checks left out of `validate()`, operations refused) in cargo's output, so
/// that a validation case failing for that reason says why.
fn report(warnings: &[Diagnostic]) {
    for warning in warnings {
        println!("cargo:warning={warning}");
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
