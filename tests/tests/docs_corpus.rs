//! Every `documentation` value of the real models, converted, must keep rustdoc silent under
//! `rustdoc::all` and create no doctest. The values are put on the variants of a throwaway
//! crate (the converter's output only, not whole generated services, so rustdoc stays quick).

mod support;

use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

#[test]
fn corpus_documentation_is_rustdoc_clean() {
    let test = "corpus_documentation_is_rustdoc_clean";
    let (Some(aws), Some(protocol)) = (support::shared_dir("aws-models", test), support::shared_dir("protocol-tests", test))
    else {
        return;
    };
    let mut docs = BTreeSet::new();
    for file in support::json_files(&aws).into_iter().chain(support::json_files(&protocol)) {
        let json: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        collect_docs(&json, &mut docs);
    }
    let krate = support::workspace_root().join("target/docs-corpus");
    write_crate(&krate, &docs);

    let doc = cargo(&krate, &["doc", "--quiet", "--offline", "--no-deps"]);
    assert!(doc.status.success(), "rustdoc rejected converted documentation:\n{}", String::from_utf8_lossy(&doc.stderr));
    let doctests = cargo(&krate, &["test", "--quiet", "--offline", "--doc"]);
    let out = String::from_utf8_lossy(&doctests.stdout);
    assert!(doctests.status.success(), "{out}\n{}", String::from_utf8_lossy(&doctests.stderr));
    assert!(out.contains("running 0 tests"), "converted documentation created doctests:\n{out}");
    eprintln!("{test}: {} distinct documentation values are rustdoc-clean", docs.len());
}

fn collect_docs(json: &Value, docs: &mut BTreeSet<String>) {
    match json {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("smithy.api#documentation", Value::String(text)) => {
                        docs.insert(text.clone());
                    }
                    _ => collect_docs(value, docs),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_docs(item, docs)),
        _ => {}
    }
}

/// One module per few thousand values keeps rustdoc's pages small.
fn write_crate(dir: &Path, docs: &BTreeSet<String>) {
    let src = dir.join("src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"docs-corpus\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n",
    )
    .unwrap();
    let docs: Vec<&String> = docs.iter().collect();
    let mut lib = String::from("//! Converted corpus documentation.\n#![deny(warnings, rustdoc::all)]\n");
    for (index, chunk) in docs.chunks(4000).enumerate() {
        writeln!(lib, "pub mod m{index};").unwrap();
        let mut module = String::from("//! A chunk of the corpus.\n\n/// The values.\npub enum Docs {\n");
        for (variant, text) in chunk.iter().enumerate() {
            let lines = codegen::docs::to_rustdoc(text);
            if lines.is_empty() {
                module.push_str("    /// (empty)\n");
            }
            for line in lines {
                // A `Debug` string is a valid Rust string literal.
                writeln!(module, "    #[doc = {:?}]", format!(" {line}")).unwrap();
            }
            writeln!(module, "    V{variant},").unwrap();
        }
        module.push_str("}\n");
        std::fs::write(src.join(format!("m{index}.rs")), module).unwrap();
    }
    std::fs::write(src.join("lib.rs"), lib).unwrap();
}

fn cargo(dir: &Path, args: &[&str]) -> std::process::Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    Command::new(cargo).args(args).current_dir(dir).env_remove("RUSTDOCFLAGS").output().expect("cargo runs")
}
