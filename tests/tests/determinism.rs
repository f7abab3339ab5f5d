//! Output depends only on the model: not on JSON key order, file order, the run or the
//! number of threads. Checked on `models/` with its selection (as `generated/` is generated)
//! and on each edge-case model.

mod support;

use codegen::model::{Model, ShapeId};
use codegen::Settings;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Writes JSON with every object's keys in reverse order (serde_json would sort them).
fn reversed_json(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            out.push('{');
            for (i, (key, value)) in map.iter().rev().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                reversed_json(value, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                reversed_json(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The crate generated from `sources`, narrowed to `operations` when given.
fn generate(sources: &[(PathBuf, String)], operations: Option<&BTreeSet<ShapeId>>) -> Vec<(PathBuf, String)> {
    let model = Model::from_sources(sources).expect("model loads");
    let settings = Settings { operations: operations.cloned(), ..Settings::default() };
    codegen::generate_crate(&model, &settings).expect("model generates").code.into_iter().collect()
}

fn read(files: &[PathBuf]) -> Vec<(PathBuf, String)> {
    files.iter().map(|file| (file.clone(), std::fs::read_to_string(file).expect("readable model"))).collect()
}

fn reversed(text: &str, file: &Path) -> String {
    let value: Value = serde_json::from_str(text).expect("valid JSON");
    let mut reversed = String::new();
    reversed_json(&value, &mut reversed);
    assert_ne!(reversed, text, "{}: the reordering changed nothing", file.display());
    reversed
}

/// The project's models, generated as `cargo xtask codegen` generates `generated/`: all
/// files as one model, narrowed by `models/selection.txt`.
fn project_models() -> (Vec<PathBuf>, Option<BTreeSet<ShapeId>>) {
    let models = support::workspace_root().join("models");
    let files = support::json_files(&models);
    let model = Model::load_files(&files).expect("models load");
    (files, codegen::selection::read(&models, &model).expect("the selection names operations of the models"))
}

/// The edge-case models, each generated on its own with every operation, as its golden is.
fn edge_case_models() -> Vec<PathBuf> {
    support::json_files(&support::workspace_root().join("tests/models"))
}

#[test]
fn key_order_does_not_change_the_output() {
    let (files, selection) = project_models();
    let sources = read(&files);
    let reordered: Vec<(PathBuf, String)> =
        sources.iter().map(|(file, text)| (file.clone(), reversed(text, file))).collect();
    assert!(
        generate(&sources, selection.as_ref()) == generate(&reordered, selection.as_ref()),
        "models/: output depends on JSON key order"
    );
    for (file, text) in read(&edge_case_models()) {
        let reordered = reversed(&text, &file);
        let name = PathBuf::from(file.file_name().expect("a file name"));
        assert!(
            generate(&[(name.clone(), text)], None) == generate(&[(name, reordered)], None),
            "{}: output depends on JSON key order",
            file.display()
        );
    }
}

#[test]
fn two_runs_give_identical_bytes() {
    let (files, selection) = project_models();
    for (sources, selection) in [(read(&files), selection), (read(&edge_case_models()), None)] {
        // All models of the group at once, in two different file orders.
        let mut backwards = sources.clone();
        backwards.reverse();
        assert!(
            generate(&sources, selection.as_ref()) == generate(&backwards, selection.as_ref()),
            "output depends on the order of the model files"
        );
    }
}

#[test]
fn output_holds_no_machine_paths() {
    let root = support::workspace_root();
    let root = root.to_string_lossy();
    let (files, selection) = project_models();
    for (files, operations) in [(files, selection), (edge_case_models(), None)] {
        // Loaded from their absolute paths, as `cargo xtask codegen` does.
        let model = Model::load_files(&files).expect("models load");
        let settings = Settings { operations, ..Settings::default() };
        for (path, text) in codegen::generate_crate(&model, &settings).expect("models generate").code {
            assert!(!text.contains(root.as_ref()), "{} mentions {root}", path.display());
        }
    }
}

/// The crate written on `threads` threads, gathered from the sink, with the threads other
/// than this one that handed over a service's file.
fn written_on(model: &Model, settings: &Settings, threads: usize) -> (BTreeMap<PathBuf, String>, BTreeSet<String>) {
    let files = Mutex::new((BTreeMap::new(), BTreeSet::new()));
    let threads = NonZeroUsize::new(threads).expect("at least one thread");
    let caller = std::thread::current().id();
    let generated = codegen::write_crate(model.clone(), settings, threads, &|path, text| {
        let mut files = files.lock().expect("no sink panicked");
        let thread = std::thread::current().id();
        if thread != caller && path.starts_with("src") && !path.ends_with("lib.rs") {
            files.1.insert(format!("{thread:?}"));
        }
        assert!(files.0.insert(path.clone(), text).is_none(), "{} handed over twice", path.display());
        Ok(())
    })
    .expect("models generate");
    let (files, thread_ids) = files.into_inner().expect("no sink panicked");
    assert_eq!(generated.code, files.keys().cloned().collect::<Vec<_>>(), "the paths returned are those handed over");
    (files, thread_ids)
}

#[test]
fn serial_and_parallel_generation_give_identical_bytes() {
    let (files, selection) = project_models();
    let narrowed = Settings { operations: selection, client: true, ..Settings::default() };
    // Two services with every operation: large enough that both threads take work.
    let whole: Vec<PathBuf> =
        files.iter().filter(|f| f.ends_with("lookoutequipment.json") || f.ends_with("personalize.json")).cloned().collect();
    assert_eq!(whole.len(), 2, "models/ holds Lookout for Equipment and Personalize");
    let every_operation = Settings { client: true, ..Settings::default() };
    for (files, settings, large) in [(&files, &narrowed, false), (&whole, &every_operation, true)] {
        let model = Model::load_files(files).expect("models load");
        let (serial, serial_threads) = written_on(&model, settings, 1);
        assert!(serial_threads.is_empty(), "one thread, the caller's, writes everything");
        let (parallel, parallel_threads) = written_on(&model, settings, 3);
        // Each of the two large services keeps a thread busy long enough that the other
        // goes to a second one; small ones might all be done by the first thread started.
        if large {
            assert!(parallel_threads.len() > 1, "the services were written from more than one thread");
        }
        assert_eq!(serial.keys().collect::<Vec<_>>(), parallel.keys().collect::<Vec<_>>());
        for (path, text) in &serial {
            assert!(parallel[path] == *text, "{}: parallel generation wrote other bytes", path.display());
        }
        // And the same as the crate the other entry point collects.
        let collected = codegen::generate_crate(&model, settings).expect("models generate").code;
        assert!(collected == serial, "generate_crate differs from write_crate");
    }
}
