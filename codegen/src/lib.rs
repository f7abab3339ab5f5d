//! Generates Rust code from Smithy 2.0 JSON AST models.
//!
//! Three stages, one module each: [`model`] loads and checks the Smithy model, [`ir`] makes
//! every Rust-facing decision, and [`emit`] turns the IR into tokens and formatted files.
//! `ARCHITECTURE.md` at the repository root describes them.

pub mod docs;
pub mod emit;
pub mod error;
pub mod ir;
pub mod model;
pub mod parallel;
pub mod selection;

/// The runtime's `@pattern` matcher (Java's meaning), so that the generator and its tests
/// match with exactly the code generated crates run.
pub use smithy_runtime::__private::pattern;
/// The runtime's linear-time engine: every pattern the generator sends to it is compiled
/// and tested here with the very crate generated code matches with.
pub(crate) use smithy_runtime::__private::regex;

pub use error::{Diagnostic, Error, Result};

use model::{Model, ShapeId};
use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroUsize;
use std::path::PathBuf;

/// What to generate from a model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The package name of the generated crate.
    pub crate_name: String,
    /// Operations to generate, with the shapes they reach; `None` generates every operation
    /// of every service. [`selection::read`] gives those a models folder's `selection.txt`
    /// lists.
    pub operations: Option<BTreeSet<ShapeId>>,
    /// Test support: also implement the runtime's `params::FromParams` for every generated
    /// type, building values from Smithy params JSON (as in `smithy.test` protocol tests).
    /// The generated crate then enables the runtime's `params` feature. Off by default, so
    /// `generated/` does not carry it.
    pub params: bool,
    /// Also generate each service's async client (`client` module, and the runtime's
    /// `Operation` on each operation), behind a `client` cargo feature of the generated crate,
    /// on by default. Off by default here, so tests that compile generated code without the
    /// feature need not declare it; `cargo xtask codegen` turns it on.
    pub client: bool,
    /// Refuse to generate when there are warnings: a constraint the generator cannot check
    /// (an uncompilable `@pattern`, say) or an operation it cannot give wire code (an event
    /// stream) fails the run instead of being left out.
    pub strict: bool,
    /// Where the generated manifest finds the runtime crate.
    pub runtime: RuntimeDependency,
}

/// Where a generated crate's manifest finds the runtime crate (`smithy-runtime`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// A path relative to the generated crate's folder, written with `/`. Never absolute:
    /// generated files hold no machine's paths.
    Path(String),
    /// A version requirement (`"0.1"`), for a runtime taken from a registry.
    Version(String),
}

impl Default for RuntimeDependency {
    /// `generated/` beside `runtime/`, as in this workspace.
    fn default() -> Self {
        Self::Path("../runtime".to_owned())
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            crate_name: "generated".to_owned(),
            operations: None,
            params: false,
            client: false,
            strict: false,
            runtime: RuntimeDependency::default(),
        }
    }
}

/// What a generation run produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated<T> {
    /// The generated code.
    pub code: T,
    /// What the code does not do that the model asks for, and why: a constraint `validate()`
    /// leaves out, an operation left without `request`/`response`. Each names the file and
    /// the shape; sorted, each once. Always empty under [`Settings::strict`], where these
    /// are errors.
    pub warnings: Vec<Diagnostic>,
}

/// Generates a complete crate: file paths relative to the crate root, and their contents.
/// Uses every core; the output does not depend on it.
pub fn generate_crate(model: &Model, settings: &Settings) -> Result<Generated<BTreeMap<PathBuf, String>>> {
    let threads = parallel::available_threads();
    let ir = lower(model, settings, threads)?;
    finish(emit::crate_files_on(&ir, settings, threads)?, ir.warnings, settings)
}

/// Generates the crate of [`generate_crate`] on up to `threads` threads, handing each file
/// to `sink` (path relative to the crate root, contents) as soon as it is ready instead of
/// holding them all. The model is dropped once lowered, before emission starts: memory
/// then holds the IR and one file per thread. Returns the paths handed over, sorted, and
/// the warnings.
///
/// Model errors, and the IR's warnings under [`Settings::strict`], fail the run before any
/// file is handed over. After that, an error of `sink`, a generator bug, or under `strict`
/// an operation refused at emission (also a generator bug) fails it once files have been
/// handed over: a caller that must write all or nothing keeps them aside until the run
/// succeeds, as `cargo xtask codegen` does.
pub fn write_crate(
    model: Model,
    settings: &Settings,
    threads: NonZeroUsize,
    sink: &emit::Sink,
) -> Result<Generated<Vec<PathBuf>>> {
    let ir = lower(&model, settings, threads)?;
    drop(model);
    finish(emit::write_crate(&ir, settings, threads, sink)?, ir.warnings, settings)
}

/// Generates every service as an inline module of a single file, for a crate that depends
/// on the runtime (with its `params` feature when [`Settings::params`] is set).
pub fn generate_file(model: &Model, settings: &Settings) -> Result<Generated<String>> {
    let ir = lower(model, settings, parallel::available_threads())?;
    finish(emit::single_file(&ir, settings)?, ir.warnings, settings)
}

/// The emitted code with every warning, lowering's and emission's, sorted and each once;
/// under [`Settings::strict`], warnings fail the run.
fn finish<T>(mut emitted: Generated<T>, lowering: Vec<Diagnostic>, settings: &Settings) -> Result<Generated<T>> {
    emitted.warnings.extend(lowering);
    error::sort_unique(&mut emitted.warnings);
    if settings.strict && !emitted.warnings.is_empty() {
        return Err(Error::new(emitted.warnings));
    }
    Ok(emitted)
}

/// Lowers the model; under [`Settings::strict`], warnings fail the run.
fn lower(model: &Model, settings: &Settings, threads: NonZeroUsize) -> Result<ir::Crate> {
    let ir = ir::lower_on(model, settings.operations.as_ref(), threads)?;
    if settings.strict && !ir.warnings.is_empty() {
        return Err(Error::new(ir.warnings));
    }
    Ok(ir)
}
