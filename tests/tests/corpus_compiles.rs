//! Every model of `../shared/aws-models/` generates a crate that compiles, clippy-clean with
//! every target (its endpoint tests included) and rustdoc-clean, under `-D warnings`, as a
//! user builds it: with every feature (the client, `serde`, `aws-config`) and with none.
//!
//! The corpus test only parses the output with syn; this one runs clippy and rustdoc, which
//! find what parsing cannot (a setter named `add` that clippy takes for `Add::add`). It
//! takes about 40 minutes on two cores, so CI leaves it out; run it after changing the
//! emitters: `cargo test -p codegen-tests --test corpus_compiles -- --ignored --nocapture`.
//!
//! `CORPUS_COMPILES_MODELS=ecs,securityhub` narrows it to those models (by file name), to
//! check a failed batch again.
//!
//! Models go in batches of up to [`BATCH_BYTES`] of JSON, one crate per batch, generated
//! into one folder and checked with one target folder (`target/corpus-compiles`), so a batch
//! reuses the runtime's build and replaces the batch before it on disk.

mod support;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use support::workspace_root;
use xtask::codegen::{run, Options};

/// The JSON per batch: large enough that the runtime's build is shared by many models, small
/// enough that one batch's crate stays a few tens of MB of Rust.
const BATCH_BYTES: u64 = 6_000_000;

#[test]
#[ignore = "compiles and documents every model of ../shared/aws-models, about 40 minutes on two cores: run with --ignored"]
fn every_aws_model_compiles_clippy_and_rustdoc_clean() {
    // Run only on request, so a missing corpus is a failure, not a skip.
    let dir = workspace_root().join("../shared/aws-models");
    assert!(dir.is_dir(), "{} is absent: this test needs the shared corpus beside the workspace", dir.display());
    let work = TempDir(std::env::temp_dir().join(format!("codegen corpus compiles {}", std::process::id())));
    let batches = batches(&chosen(support::json_files(&dir)));
    let mut failures = Vec::new();
    for (index, batch) in batches.iter().enumerate() {
        let names: Vec<String> = batch.iter().map(|f| f.file_stem().unwrap().to_string_lossy().into_owned()).collect();
        let started = std::time::Instant::now();
        // A panic in the generator is this batch's failure; the other batches still run.
        let outcome = catch_unwind(AssertUnwindSafe(|| generate(&work.0, batch)))
            .unwrap_or_else(|_| Err("the generator panicked (its message is above)".to_owned()))
            .and_then(|(out, warnings)| clippy_and_rustdoc(&out).map(|()| warnings));
        let verdict = match &outcome {
            Ok(0) => "clean".to_owned(),
            Ok(warnings) => format!("clean, {warnings} generation warnings (refused operations, checks left out)"),
            Err(_) => "FAILED".to_owned(),
        };
        eprintln!(
            "batch {} of {}: {verdict} in {:.0?}: {}",
            index + 1,
            batches.len(),
            started.elapsed(),
            names.join(" ")
        );
        if let Err(why) = outcome {
            eprintln!("{why}\n");
            failures.push(format!("models {}:\n{why}", names.join(", ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} batches failed:\n\n{}",
        failures.len(),
        batches.len(),
        failures.join("\n\n")
    );
}

/// A folder removed when dropped, also when the test fails.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The files `CORPUS_COMPILES_MODELS` names (by file stem, comma-separated), or all of them.
fn chosen(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let Ok(names) = std::env::var("CORPUS_COMPILES_MODELS") else {
        return files;
    };
    let names: std::collections::BTreeSet<&str> =
        names.split(',').map(|n| n.trim().trim_end_matches(".json")).filter(|n| !n.is_empty()).collect();
    let stem = |f: &PathBuf| f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let unknown: Vec<&&str> = names.iter().filter(|n| !files.iter().any(|f| stem(f) == **n)).collect();
    assert!(unknown.is_empty(), "CORPUS_COMPILES_MODELS names models that are not in the corpus: {unknown:?}");
    files.into_iter().filter(|f| names.contains(stem(f).as_str())).collect()
}

/// The model files in batches of up to [`BATCH_BYTES`], largest files first (a file larger
/// than that is a batch of its own).
fn batches(files: &[PathBuf]) -> Vec<Vec<PathBuf>> {
    let mut sized: Vec<(u64, &PathBuf)> = files.iter().map(|f| (std::fs::metadata(f).unwrap().len(), f)).collect();
    sized.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let (mut batches, mut current, mut bytes) = (Vec::new(), Vec::new(), 0);
    for (size, file) in sized {
        if !current.is_empty() && bytes + size > BATCH_BYTES {
            batches.push(std::mem::take(&mut current));
            bytes = 0;
        }
        current.push(file.clone());
        bytes += size;
    }
    if !current.is_empty() {
        batches.push(current);
    }
    batches
}

/// Generates one crate from `batch` into `work/crate`, replacing the batch before it; the
/// crate's folder and the number of warnings the generator gave.
fn generate(work: &Path, batch: &[PathBuf]) -> Result<(PathBuf, usize), String> {
    let (models, out) = (work.join("models"), work.join("crate"));
    let _ = std::fs::remove_dir_all(work);
    std::fs::create_dir_all(&models).map_err(|e| format!("cannot create {}: {e}", models.display()))?;
    for file in batch {
        std::fs::copy(file, models.join(file.file_name().unwrap()))
            .map_err(|e| format!("cannot copy {}: {e}", file.display()))?;
    }
    let options = Options {
        models: Some(models),
        out: Some(out.clone()),
        crate_name: Some("corpus-batch".to_owned()),
        ..Options::default()
    };
    let summary = run(&options).map_err(|e| format!("generation failed: {e}"))?;
    // The summary lists each warning on its own indented line after the count.
    let warnings = summary.lines().filter(|line| line.starts_with("  ")).count();
    Ok((out, warnings))
}

/// In the crate at `out`: clippy with every target under `-D warnings`, with every feature
/// and with none, then rustdoc with every feature and `RUSTDOCFLAGS=-D warnings`. The first
/// errors of the first that fails.
fn clippy_and_rustdoc(out: &Path) -> Result<(), String> {
    let clippy = ["clippy", "--quiet", "--offline", "--all-targets"];
    cargo(out, &[&clippy[..], &["--all-features", "--", "-D", "warnings"]].concat(), None)?;
    cargo(out, &[&clippy[..], &["--no-default-features", "--", "-D", "warnings"]].concat(), None)?;
    cargo(out, &["doc", "--quiet", "--offline", "--no-deps", "--all-features"], Some("-D warnings"))
}

/// Runs cargo with `args` in `out`, without the caller's flags (they would change every
/// fingerprint) or incremental state, and with `rustdoc_flags` if given.
fn cargo(out: &Path, args: &[&str], rustdoc_flags: Option<&str>) -> Result<(), String> {
    let mut command = support::nested_cargo("corpus-compiles");
    command
        .args(args)
        .current_dir(out)
        // Incremental state of crates this large is gigabytes per batch, never reused.
        .env("CARGO_INCREMENTAL", "0");
    if let Some(flags) = rustdoc_flags {
        command.env("RUSTDOCFLAGS", flags);
    }
    let output = command.output().map_err(|e| format!("cargo {} could not start: {e}", args[0]))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let first: Vec<&str> = stderr.lines().take(60).collect();
    Err(format!("`cargo {}` failed ({}):\n{}", args.join(" "), output.status, first.join("\n")))
}
