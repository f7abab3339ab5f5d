//! Every real AWS model, and every protocol-test model, loads and generates code that
//! parses as Rust. Services whose protocol is not supported yet still get their types.
//! Warnings (constraints left out of `validate()`) are counted and listed; the goal is none.

mod support;

/// The allocator `cargo xtask codegen` runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use codegen::model::Model;
use codegen::{emit, ir, Settings};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// What generating one model produced.
#[derive(Default)]
struct Tally {
    models: usize,
    services: usize,
    operations: usize,
    types: usize,
    bytes: usize,
    /// `@pattern` traits in the model (on shapes and members).
    patterns: usize,
    /// Operations with `@paginated`, and those that got a paginator (resolved; with wire code).
    paginated: usize,
    paginators: usize,
    paginators_emitted: usize,
    /// Waiters in the models (`@waitable`), those generated (every path compiled), those
    /// with a client method (wire code), and their compiled paths.
    waiters_declared: usize,
    waiters: usize,
    waiters_emitted: usize,
    waiter_paths: usize,
    /// Waiters left out, each named by a warning.
    waiters_reported: usize,
    /// The generator's warnings, each naming its file and shape.
    warnings: Vec<String>,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.models += other.models;
        self.services += other.services;
        self.operations += other.operations;
        self.types += other.types;
        self.bytes += other.bytes;
        self.patterns += other.patterns;
        self.paginated += other.paginated;
        self.paginators += other.paginators;
        self.paginators_emitted += other.paginators_emitted;
        self.waiters_declared += other.waiters_declared;
        self.waiters += other.waiters;
        self.waiters_emitted += other.waiters_emitted;
        self.waiter_paths += other.waiter_paths;
        self.waiters_reported += other.waiters_reported;
        self.warnings.extend(other.warnings.iter().cloned());
    }
}

/// Loads, lowers and emits one model file, then parses every emitted Rust file with syn.
fn generate(file: &Path) -> Result<Tally, String> {
    let model = Model::load_files(&[file.to_path_buf()]).map_err(|e| format!("load: {e}"))?;
    let patterns = model
        .shapes()
        .map(|s| {
            usize::from(s.traits.pattern.is_some())
                + s.kind.all_members().iter().filter(|m| m.traits.pattern.is_some()).count()
        })
        .sum();
    let crate_ir = ir::lower(&model, None).map_err(|e| format!("lower: {e}"))?;
    // With the client: its emitter (operations, auth, paginators) must hold on every model too.
    let settings = Settings { crate_name: "corpus".to_owned(), params: true, client: true, ..Settings::default() };
    let emitted = emit::crate_files(&crate_ir, &settings).map_err(|e| format!("emit: {e}"))?;
    let warnings = crate_ir.warnings.iter().chain(&emitted.warnings).map(ToString::to_string).collect();
    let files = emitted.code;
    let mut tally = Tally { models: 1, services: crate_ir.services.len(), patterns, warnings, ..Tally::default() };
    for service in &crate_ir.services {
        tally.operations += service.operations.len();
        tally.types += service.types.len();
        for op in &service.operations {
            tally.paginated +=
                usize::from(model.shape(&op.id).is_some_and(|s| s.traits.other.contains_key("smithy.api#paginated")));
            tally.paginators += usize::from(op.paginator.is_some());
            tally.paginators_emitted += usize::from(op.paginator.is_some() && op.wire.is_some());
            tally.waiters_declared += model
                .shape(&op.id)
                .and_then(|s| s.traits.other.get("smithy.waiters#waitable"))
                .and_then(|w| w.as_object())
                .map_or(0, |w| w.len());
            tally.waiters += op.waiters.len();
            tally.waiters_emitted += if op.wire.is_some() { op.waiters.len() } else { 0 };
            tally.waiter_paths += op
                .waiters
                .iter()
                .flat_map(|w| &w.acceptors)
                .filter(|a| matches!(a.matcher, ir::waiters::Matcher::Output(_) | ir::waiters::Matcher::InputOutput(_)))
                .count();
        }
    }
    tally.waiters_reported = crate_ir.warnings.iter().filter(|w| w.message.starts_with("waiter `")).count();
    for (path, text) in &files {
        tally.bytes += text.len();
        if path.extension().is_some_and(|ext| ext == "rs") {
            syn::parse_file(text).map_err(|e| format!("{} does not parse: {e}", path.display()))?;
        }
    }
    Ok(tally)
}

/// Runs `generate` over the files on every core; returns the total and the failures.
fn generate_all(files: &[PathBuf]) -> (Tally, Vec<String>) {
    let next = AtomicUsize::new(0);
    let total = Mutex::new(Tally::default());
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    // A panic is a bug like any other failure: record it and go on.
                    match std::panic::catch_unwind(|| generate(file)) {
                        Ok(Ok(tally)) => total.lock().unwrap().add(&tally),
                        Ok(Err(message)) => failures.lock().unwrap().push(format!("{}: {message}", file.display())),
                        Err(_) => failures.lock().unwrap().push(format!("{}: the generator panicked", file.display())),
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    (total.into_inner().unwrap(), failures)
}

fn check_folder(name: &str, test: &str) {
    let Some(dir) = support::shared_dir(name, test) else { return };
    let files = support::json_files(&dir);
    assert!(!files.is_empty(), "{} holds no models", dir.display());
    let (mut tally, failures) = generate_all(&files);
    eprintln!(
        "{test}: {} of {} models generated: {} services, {} operations, {} types, {} patterns, {} KiB of Rust",
        tally.models,
        files.len(),
        tally.services,
        tally.operations,
        tally.types,
        tally.patterns,
        tally.bytes / 1024
    );
    eprintln!(
        "{test}: {} @paginated operations, {} paginators resolved, {} of them with wire code",
        tally.paginated, tally.paginators, tally.paginators_emitted
    );
    eprintln!(
        "{test}: {} waiters declared, {} generated ({} path acceptors compiled), {} with a client method, {} reported by a diagnostic",
        tally.waiters_declared, tally.waiters, tally.waiter_paths, tally.waiters_emitted, tally.waiters_reported
    );
    // Every waiter either compiles or is named by a diagnostic; none is lost silently.
    assert_eq!(tally.waiters + tally.waiters_reported, tally.waiters_declared, "waiters lost without a diagnostic");
    // Threads finish in any order; sorted, the list is the same on every run.
    tally.warnings.sort();
    eprintln!(
        "{test}: {} warnings (checks left out of validate(), operations refused wire code; the goal is 0)",
        tally.warnings.len()
    );
    for warning in &tally.warnings {
        eprintln!("  {warning}");
    }
    assert!(failures.is_empty(), "{} models failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_aws_model_generates_code_that_parses() {
    check_folder("aws-models", "every_aws_model_generates_code_that_parses");
}

#[test]
fn every_protocol_test_model_generates_code_that_parses() {
    check_folder("protocol-tests", "every_protocol_test_model_generates_code_that_parses");
}
