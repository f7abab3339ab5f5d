//! Output depends only on the model: not on JSON key order, file order or the run.

mod support;

use codegen::model::Model;
use codegen::Settings;
use serde_json::Value;
use std::path::PathBuf;

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

fn generate(sources: &[(PathBuf, String)]) -> Vec<(PathBuf, String)> {
    let model = Model::from_sources(sources).expect("model loads");
    codegen::generate_crate(&model, &Settings::default()).expect("model generates").code.into_iter().collect()
}

fn model_files() -> Vec<PathBuf> {
    let root = support::workspace_root();
    let mut files = support::json_files(&root.join("models"));
    files.extend(support::json_files(&root.join("tests/models")));
    files
}

#[test]
fn key_order_does_not_change_the_output() {
    for file in model_files() {
        let text = std::fs::read_to_string(&file).expect("readable model");
        let value: Value = serde_json::from_str(&text).expect("valid JSON");
        let mut reversed = String::new();
        reversed_json(&value, &mut reversed);
        assert_ne!(reversed, text, "{}: the reordering changed nothing", file.display());
        let name = PathBuf::from(file.file_name().expect("a file name"));
        assert!(
            generate(&[(name.clone(), text)]) == generate(&[(name, reversed)]),
            "{}: output depends on JSON key order",
            file.display()
        );
    }
}

#[test]
fn two_runs_give_identical_bytes() {
    let sources: Vec<(PathBuf, String)> =
        model_files().into_iter().map(|file| (file.clone(), std::fs::read_to_string(&file).expect("readable"))).collect();
    // All models at once, in two different file orders.
    let mut backwards = sources.clone();
    backwards.reverse();
    assert!(generate(&sources) == generate(&backwards), "output depends on the order of the model files");
}

#[test]
fn output_holds_no_machine_paths() {
    // Loaded from their absolute paths, as `cargo xtask codegen` does.
    let model = Model::load_files(&model_files()).expect("models load");
    let root = support::workspace_root();
    let root = root.to_string_lossy();
    for (path, text) in codegen::generate_crate(&model, &Settings::default()).expect("models generate").code {
        assert!(!text.contains(root.as_ref()), "{} mentions {root}", path.display());
    }
}
