//! `cargo xtask codegen`: regenerate (or, with `--check`, verify) the `generated` crate and
//! the golden files of the edge-case models.

use crate::fingerprint::{self, Digest, Record};
use crate::sync::{sync_dir, DirSync, Differences};
use codegen::error::sort_unique;
use codegen::model::{Model, ShapeId};
use codegen::{Diagnostic, Generated, RuntimeDependency, Settings};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use codegen::parallel::{into_inner, lock};
use std::sync::Mutex;

/// Command-line options of `cargo xtask codegen`.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Compare instead of writing.
    pub check: bool,
    /// The models folder; `models/` of the workspace by default.
    pub models: Option<PathBuf>,
    /// The crate folder; `generated/` of the workspace by default.
    pub out: Option<PathBuf>,
    /// Operations to generate; empty means the selection file, or everything.
    pub operations: Vec<String>,
    /// The generated package's name.
    pub crate_name: Option<String>,
    /// Fail on warnings (constraints the generated code could not check) instead of
    /// generating without those checks.
    pub strict: bool,
    /// Where the generated manifest finds the runtime crate; by default, `runtime/` of this
    /// workspace by a path relative to the output folder.
    pub runtime: Option<RuntimeDependency>,
}

/// The workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Runs the task. Returns a summary (ending with the warnings, if any), or an error that
/// says what is wrong and what to do.
pub fn run(options: &Options) -> Result<String, String> {
    let root = workspace_root();
    let project_layout = options.models.is_none() && options.out.is_none();
    let models = options.models.clone().unwrap_or_else(|| root.join("models"));
    let out = options.out.clone().unwrap_or_else(|| root.join("generated"));
    let runtime = match &options.runtime {
        Some(runtime) => runtime.clone(),
        None => RuntimeDependency::Path(relative_path(&out, &root.join("runtime"))?),
    };
    // On unchanged inputs, reading and hashing the files is enough. A key that cannot be
    // worked out (an unreadable file) only costs the shortcut: the full run reports it.
    let folders = if project_layout { vec![out.clone(), root.join("tests/goldens")] } else { vec![out.clone()] };
    let key_now = || run_key(options, &runtime, &models, &root, project_layout).ok();
    let before = key_now();
    let record_path = fingerprint::record_path(&out);
    let last = before.zip(record_path.as_deref()).and_then(|(key, path)| fingerprint::load(path, key));
    if let Some(last) = last.filter(|last| last.folders == folders && last.holds()) {
        return Ok(format!("{UNCHANGED}{}", last.summary));
    }
    let model = Model::load_dir(&models).map_err(|e| format!("cannot load the models:\n{e}"))?;
    let settings = Settings {
        crate_name: options.crate_name.clone().unwrap_or_else(|| Settings::default().crate_name),
        operations: selection(&models, &model, &options.operations)?,
        params: false,
        client: true,
        strict: options.strict,
        runtime: runtime.clone(),
    };
    // Each file is compared as soon as it is generated, and written beside its place if it
    // differs, so that memory never holds the whole crate (every AWS model makes over 500 MB
    // of Rust); the written files are put in place only once the whole run has succeeded.
    let sync = DirSync::new(&out, options.check)?;
    let digests = Mutex::new(BTreeMap::new());
    let threads = codegen::parallel::available_threads();
    let generated = codegen::write_crate(model, &settings, threads, &|path, text| {
        let digest = Digest::of(text.as_bytes());
        lock(&digests).insert(out.join(&path), digest);
        sync.file(&path, &text).map_err(|message| Diagnostic::new(message).into())
    });
    let generated = generated.map_err(|e| cannot_generate("", &e, options.strict)).and_then(|crate_files| {
        let goldens = project_layout.then(|| golden_files(&root.join("tests"), options.strict)).transpose()?;
        Ok((crate_files, goldens))
    });
    let (crate_files, goldens) = match generated {
        Ok(generated) => generated,
        Err(error) => {
            sync.discard();
            return Err(error);
        }
    };
    let mut files = into_inner(digests);
    let mut warnings = crate_files.warnings;
    let mut report = sync.finish(&crate_files.code)?;
    if let Some(goldens) = goldens {
        let folder = root.join("tests/goldens");
        files.extend(goldens.code.iter().map(|(path, text)| (folder.join(path), Digest::of(text.as_bytes()))));
        warnings.extend(goldens.warnings);
        report.entries.extend(sync_dir(&folder, &goldens.code, options.check)?.entries);
    }
    sort_unique(&mut warnings);
    let summary = warning_summary(&warnings);
    let done = finish(report, options.check).map(|done| done + &summary).map_err(|stale| stale + &summary)?;
    // The folders now hold what this run generated: the next run on the same inputs can stop
    // at comparing digests. Only if the inputs did not change while this run read them.
    if let (Some(key), Some(path)) = (before, record_path) {
        if key_now() == Some(key) {
            fingerprint::store(&path, key, &Record { folders, files, summary });
        }
    }
    Ok(done)
}

/// What a run whose folders already held what it generated says.
pub const UP_TO_DATE: &str = "generated code is up to date";

/// What a run that finds its inputs and outputs as the last run left them says.
pub const UNCHANGED: &str = "generated code is up to date (inputs and output unchanged since the last run)";

/// The key of a run (see [`fingerprint`]): its options, and every file it reads (the models
/// and the selection; in the project layout, the golden models too).
fn run_key(
    options: &Options,
    runtime: &RuntimeDependency,
    models: &Path,
    root: &Path,
    project_layout: bool,
) -> Result<Digest, String> {
    let mut inputs = codegen::model::json_files_in(models).map_err(|e| format!("cannot load the models:\n{e}"))?;
    let selection = models.join(codegen::selection::FILE_NAME);
    if selection.is_file() {
        inputs.push(selection.clone());
    }
    // What a file's contents do not say: the golden models by name (a folder is one, even
    // an empty one) and what the selection path is.
    let goldens = if project_layout { golden_models(&root.join("tests/models"))? } else { BTreeMap::new() };
    inputs.extend(goldens.values().flatten().cloned());
    let selection_kind = std::fs::metadata(&selection).map(|m| format!("{:?}", m.file_type())).ok();
    let written = format!(
        "crate {:?}; operations {:?}; strict {}; runtime {runtime:?}; models {}; root {}; selection {selection_kind:?}; goldens {goldens:?}",
        options.crate_name,
        options.operations,
        options.strict,
        models.display(),
        root.display()
    );
    fingerprint::key(&written, &inputs)
}

/// `target` as a path relative to the folder `from` (which need not exist yet), with `/`
/// separators, for the generated manifest: it must hold no absolute path. Worked out on
/// the paths as written, symbolic links unresolved, because cargo joins a dependency's
/// path to its manifest's folder the same way.
pub fn relative_path(from: &Path, target: &Path) -> Result<String, String> {
    let absolute = |path: &Path| -> Result<Vec<std::ffi::OsString>, String> {
        let path = std::path::absolute(path).map_err(|e| format!("cannot resolve {}: {e}", path.display()))?;
        let mut parts = Vec::new();
        for component in path.components() {
            match component {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir => {
                    parts.pop();
                }
                other => parts.push(other.as_os_str().to_owned()),
            }
        }
        Ok(parts)
    };
    let (from, target) = (absolute(from)?, absolute(target)?);
    if from.first() != target.first() {
        return Err("the runtime crate is on another root than the output folder; \
                    pass --runtime-path or --runtime-version"
            .to_owned());
    }
    let common = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    for part in &target[common..] {
        let part = part.to_str().ok_or_else(|| format!("the runtime path is not UTF-8: {part:?}"))?;
        parts.push(part.to_owned());
    }
    Ok(if parts.is_empty() { ".".to_owned() } else { parts.join("/") })
}

fn cannot_generate(what: &str, error: &codegen::Error, strict: bool) -> String {
    let strict = if strict { " (--strict: a check the generator cannot make is an error)" } else { "" };
    format!("cannot generate{what}{strict}:\n{error}")
}

/// The warnings, counted and then one per line; empty when there are none.
pub fn warning_summary(warnings: &[Diagnostic]) -> String {
    let plural = if warnings.len() == 1 { "" } else { "s" };
    let list: String = warnings.iter().map(|w| format!("\n  {w}")).collect();
    match warnings.len() {
        0 => String::new(),
        n => format!(
            "\n\n{n} warning{plural} (checks left out of `validate()`, operations left without wire code; \
             `--strict` refuses them):{list}"
        ),
    }
}

fn finish(report: Differences, check: bool) -> Result<String, String> {
    match (check, report.entries.is_empty()) {
        (_, true) => Ok(UP_TO_DATE.to_owned()),
        (false, false) => Ok(report.entries.join("\n")),
        (true, false) => Err(format!(
            "generated code is stale or was edited by hand:\n\n{}\n\nRun `cargo xtask codegen` to regenerate it, review the diff, and commit it.",
            report.entries.join("\n")
        )),
    }
}

/// The operations to generate: those named on the command line, else those listed in the
/// models folder's selection file (`codegen::selection`), else all (`None`).
fn selection(models: &Path, model: &Model, operations: &[String]) -> Result<Option<BTreeSet<ShapeId>>, String> {
    if operations.is_empty() {
        return codegen::selection::read(models, model).map_err(|e| format!("cannot use the selection:\n{e}"));
    }
    let ids = operations.iter().map(|id| ShapeId::parse(id).map_err(|e| format!("--operation: {e}")));
    ids.collect::<Result<BTreeSet<_>, _>>().map(Some)
}

/// The goldens of `tests/models/`: each `*.json` file, or each folder of them, is one model
/// whose services become `tests/goldens/<name>.rs`; `mod.rs` declares them all.
pub fn golden_files(tests: &Path, strict: bool) -> Result<Generated<BTreeMap<PathBuf, String>>, String> {
    // The goldens are modules of `tests/`, whose manifest names the runtime: no manifest here.
    let settings = Settings { strict, client: true, ..Settings::default() };
    let models: Vec<(String, Vec<PathBuf>)> = golden_models(&tests.join("models"))?.into_iter().collect();
    // One model per thread: each is small, and generated on its own.
    let goldens = codegen::parallel::map(models, codegen::parallel::available_threads(), |(name, sources)| {
        let model = Model::load_files(&sources).map_err(|e| format!("cannot load golden model `{name}`:\n{e}"))?;
        let golden = codegen::generate_file(&model, &settings)
            .map_err(|e| cannot_generate(&format!(" golden model `{name}`"), &e, strict))?;
        Ok::<_, String>((name.replace('-', "_"), golden))
    });
    let mut files = BTreeMap::new();
    let mut warnings = Vec::new();
    let mut modules = Vec::new();
    for golden in goldens {
        let (module, golden) = golden?;
        files.insert(PathBuf::from(format!("{module}.rs")), golden.code);
        warnings.extend(golden.warnings);
        modules.push(module);
    }
    let index = codegen::emit::module_index(&modules).map_err(|e| e.to_string())?;
    files.insert(PathBuf::from("mod.rs"), index);
    sort_unique(&mut warnings);
    Ok(Generated { code: files, warnings })
}

/// Each model of the folder: a `*.json` file, or a folder of them, by name.
fn golden_models(dir: &Path) -> Result<BTreeMap<String, Vec<PathBuf>>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut models = BTreeMap::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?.path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned) else { continue };
        if path.is_dir() {
            let mut sources: Vec<PathBuf> = std::fs::read_dir(&path)
                .map_err(|e| format!("cannot list {}: {e}", path.display()))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|ext| ext == "json"))
                .collect();
            sources.sort();
            models.insert(stem, sources);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            models.insert(stem, vec![path]);
        }
    }
    Ok(models)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_operation_in_the_selection_names_the_file_and_the_id() {
        let (dir, models, out) = temp_project("selection");
        let model = r#"{"smithy": "2.0", "shapes": {
            "ex#Service": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}]},
            "ex#Op": {"type": "operation"}
        }}"#;
        std::fs::write(models.join("model.json"), model).unwrap();
        std::fs::write(models.join(codegen::selection::FILE_NAME), "ex#Op\nex#Gone // a typo\n").unwrap();
        let options = Options { models: Some(models.clone()), out: Some(out.clone()), ..Default::default() };
        let error = run(&options).unwrap_err();
        let file = models.join(codegen::selection::FILE_NAME);
        let expected = format!("{}: ex#Gone: the selection names an operation that no model defines (line 2)", file.display());
        assert!(error.contains(&expected), "{error}");
        assert!(!out.exists(), "nothing is written");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A fresh temporary folder for `name` with an empty `models` folder in it; the paths of
    /// the folder, of `models` and of `out` (not created).
    fn temp_project(name: &str) -> (PathBuf, PathBuf, PathBuf) {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (models, out) = (dir.join("models"), dir.join("out"));
        std::fs::create_dir_all(&models).unwrap();
        (dir, models, out)
    }

    #[test]
    fn a_run_on_unchanged_inputs_is_recognised_and_any_change_is_not() {
        let (dir, models, out) = temp_project("unchanged");
        let model = |doc: &str| {
            format!(
                r#"{{"smithy": "2.0", "shapes": {{
                    "ex#Service": {{"type": "service", "version": "1", "operations": [{{"target": "ex#Op"}}, {{"target": "ex#Other"}}]}},
                    "ex#Op": {{"type": "operation", "input": {{"target": "ex#Input"}}}},
                    "ex#Other": {{"type": "operation"}},
                    "ex#Input": {{"type": "structure", "members": {{}}, "traits": {{"smithy.api#documentation": "{doc}"}}}}
                }}}}"#
            )
        };
        std::fs::write(models.join("model.json"), model("first")).unwrap();
        let write = Options { models: Some(models.clone()), out: Some(out.clone()), ..Default::default() };
        let check = Options { check: true, ..write.clone() };
        assert!(run(&write).unwrap().contains("wrote"));
        let record = fingerprint::record_path(&out).expect("a place for the record");
        assert!(std::fs::read_to_string(&record).unwrap().contains(&out.join("src/lib.rs").display().to_string()));
        // Checking and writing again both stop at the digests.
        assert_eq!(run(&check).as_deref(), Ok(UNCHANGED));
        assert_eq!(run(&write).as_deref(), Ok(UNCHANGED));
        // An output edited by hand is found, though the inputs are unchanged.
        let service = out.join("src/service.rs");
        let generated = std::fs::read_to_string(&service).unwrap();
        std::fs::write(&service, generated.replace("first", "edited")).unwrap();
        assert!(run(&check).is_err_and(|e| e.contains("stale") && e.contains("edited")));
        assert!(run(&write).unwrap().contains("wrote"));
        assert_eq!(std::fs::read_to_string(&service).unwrap(), generated);
        assert_eq!(run(&check).as_deref(), Ok(UNCHANGED));
        // Every option that changes the output makes a full run.
        let changed = [
            Options { crate_name: Some("other".to_owned()), ..check.clone() },
            Options { operations: vec!["ex#Op".to_owned()], ..check.clone() },
            Options { runtime: Some(RuntimeDependency::Version("0.1".to_owned())), ..check.clone() },
            Options { strict: true, ..check.clone() },
        ];
        for options in changed {
            let report = run(&options);
            assert_ne!(report.as_deref(), Ok(UNCHANGED), "{options:?}");
        }
        // So does a selection file, and a changed model.
        std::fs::write(models.join(codegen::selection::FILE_NAME), "ex#Op\n").unwrap();
        assert!(run(&check).is_err_and(|e| e.contains("Other")), "the selection leaves `Other` out");
        std::fs::remove_file(models.join(codegen::selection::FILE_NAME)).unwrap();
        // One record per output folder: the `strict` run above replaced it, so this is a
        // full run again, which records for the next.
        assert_eq!(run(&check).as_deref(), Ok(UP_TO_DATE));
        assert_eq!(run(&check).as_deref(), Ok(UNCHANGED));
        std::fs::write(models.join("model.json"), model("second")).unwrap();
        assert!(run(&check).is_err_and(|e| e.contains("second")));
        assert!(run(&write).unwrap().contains("wrote"));
        assert!(std::fs::read_to_string(&service).unwrap().contains("second"));
        assert_eq!(run(&check).as_deref(), Ok(UNCHANGED));
        std::fs::remove_dir_all(&dir).unwrap();
        let _ = std::fs::remove_file(record);
    }

    #[test]
    fn a_failed_run_leaves_the_output_folder_as_it_was() {
        let (dir, models, out) = temp_project("failed");
        let model = |version: &str| {
            format!(r#"{{"smithy": "2.0", "shapes": {{"ex#Service": {{"type": "service", "version": "{version}"}}}}}}"#)
        };
        std::fs::write(models.join("model.json"), model("1")).unwrap();
        let options = Options { models: Some(models.clone()), out: Some(out.clone()), ..Default::default() };
        run(&options).unwrap();
        let before = crate::sync::list_files(&out).unwrap();
        let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
        std::fs::write(out.join("Cargo.toml"), "# edited").unwrap();
        // The service's file cannot be read back to compare (it is not UTF-8): the run fails
        // after the manifest was generated, and must leave it as it was.
        std::fs::write(out.join("src/service.rs"), [0xff, 0xfe]).unwrap();
        std::fs::write(models.join("model.json"), model("2")).unwrap();
        assert!(run(&options).is_err_and(|e| e.contains("service.rs") && e.contains("cannot read")));
        assert_eq!(crate::sync::list_files(&out).unwrap(), before, "no file added or removed");
        assert_eq!(std::fs::read_to_string(out.join("Cargo.toml")).unwrap(), "# edited");
        assert_ne!(manifest, "# edited");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn relative_paths_climb_to_the_common_folder() {
        let root = std::env::temp_dir().join(format!("xtask-relative-{}", std::process::id()));
        let path = |from: &str, to: &str| relative_path(&root.join(from), &root.join(to));
        assert_eq!(path("generated", "runtime"), Ok("../runtime".to_owned()));
        assert_eq!(path("a/b c/out", "work/runtime"), Ok("../../../work/runtime".to_owned()));
        assert_eq!(path("runtime/gen", "runtime"), Ok("..".to_owned()));
        assert_eq!(path("x", "x"), Ok(".".to_owned()));
        assert_eq!(path("a/./b/../c", "runtime"), Ok("../../runtime".to_owned()));
    }
}
