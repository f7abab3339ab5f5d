//! Generates into `OUT_DIR/services.rs`, with the project's own generator, the services the
//! end-to-end tests call, narrowed to the operations of `selection.txt`, from the AWS models
//! of the shared reference folder (`../shared/aws-models` beside the workspace).
//!
//! When a model is absent the file is empty and the `e2e_models` cfg is unset, so the tests
//! still compile and say why they ran nothing.

use codegen::model::Model;
use codegen::selection::Selection;
use codegen::Settings;
use std::path::{Path, PathBuf};

/// The model files of the selected services, in `aws-models/`.
const MODELS: &[&str] = &["quicksight.json", "sqs.json", "cloudwatch-logs.json", "ecs.json"];

fn main() {
    if let Err(message) = run() {
        // A build script reports failure by exiting non-zero; the message says what and where.
        eprintln!("e2e-tests build script: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let models = manifest.join("../../../shared/aws-models");
    let selection_file = manifest.join("selection.txt");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", selection_file.display());
    println!("cargo::rustc-check-cfg=cfg(e2e_models)");

    let files: Vec<PathBuf> = MODELS.iter().map(|file| models.join(file)).collect();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    let missing: Vec<&PathBuf> = files.iter().filter(|file| !file.is_file()).collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|file| file.display().to_string()).collect();
        println!("cargo:warning=e2e-tests generates nothing: {} absent", names.join(", "));
        return write(&out.join("services.rs"), "");
    }

    let model = Model::load_files(&files).map_err(|e| format!("cannot load the models:\n{e}"))?;
    let text = std::fs::read_to_string(&selection_file)
        .map_err(|e| format!("cannot read {}: {e}", selection_file.display()))?;
    let selection = Selection::parse(&selection_file, &text).map_err(|e| format!("cannot use the selection:\n{e}"))?;
    let operations = selection.operations(&model).map_err(|e| format!("cannot use the selection:\n{e}"))?;
    // Strict: an operation the generator would leave without wire code, or a constraint it
    // could not check, fails the build rather than a test far from the cause.
    let settings = Settings { operations: Some(operations), strict: true, client: true, ..Settings::default() };
    let generated = codegen::generate_file(&model, &settings).map_err(|e| format!("cannot generate:\n{e}"))?;
    write(&out.join("services.rs"), &generated.code)?;
    println!("cargo::rustc-cfg=e2e_models");
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
