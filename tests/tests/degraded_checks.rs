//! A constraint the generator cannot check costs that check, never the service: the service
//! generates without it, one warning names the file, the shape carrying the trait and the
//! reason, the member's docs say so, and `strict` (`--strict`) refuses instead.

mod support;

use codegen::model::Model;
use codegen::{Generated, Settings};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use xtask::codegen::{run, Options};

const FILE: &str = "models/degraded.json";

/// A service whose input has two members and a list targeting `ex#Code`, whose pattern no
/// engine compiles, plus `own` with an uncompilable pattern of its own and `fine` with one
/// that compiles. `extra_shapes` is added to the shapes (a JSON object body, without braces).
fn model_json(code_pattern: &str) -> String {
    let code_pattern = serde_json::to_string(code_pattern).unwrap();
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "ex#Service": {{"type": "service", "version": "1", "operations": [{{"target": "ex#Op"}}]}},
            "ex#Op": {{"type": "operation", "input": {{"target": "ex#Input"}}}},
            "ex#Input": {{"type": "structure", "members": {{
                "first": {{"target": "ex#Code"}},
                "second": {{"target": "ex#Code"}},
                "codes": {{"target": "ex#Codes"}},
                "own": {{"target": "smithy.api#String", "traits": {{"smithy.api#pattern": "(unclosed"}}}},
                "fine": {{"target": "smithy.api#String", "traits": {{"smithy.api#pattern": "^[a-z]+$"}}}}
            }}}},
            "ex#Codes": {{"type": "list", "member": {{"target": "ex#Code"}}}},
            "ex#Code": {{"type": "string", "traits": {{"smithy.api#pattern": {code_pattern}}}}}
        }}}}"#
    )
}

fn load(json: &str) -> Model {
    Model::from_sources(&[(PathBuf::from(FILE), json.to_owned())]).expect("the model loads")
}

fn generate(model: &Model, strict: bool) -> codegen::Result<Generated<BTreeMap<PathBuf, String>>> {
    codegen::generate_crate(model, &Settings { strict, ..Settings::default() })
}

#[test]
fn an_uncompilable_pattern_is_one_warning_at_the_shape_that_carries_it() {
    let generated = generate(&load(&model_json("[z-a]")), false).expect("the service generates");
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "models/degraded.json: ex#Code: pattern `[z-a]` is not supported: illegal character range: its end comes before its start (at character 4); \
             `validate()` does not check it",
            "models/degraded.json: ex#Input$own: pattern `(unclosed` is not supported: unclosed group (at character 9); \
             `validate()` does not check it",
        ],
        "one warning per carrying shape, sorted, however many members target it"
    );
}

#[test]
fn the_member_docs_say_the_pattern_is_not_enforced_and_other_checks_remain() {
    let generated = generate(&load(&model_json("[z-a]")), false).expect("the service generates");
    let module = &generated.code[Path::new("src/service.rs")];
    for member in ["first", "second", "codes"] {
        let field = module.find(&format!("pub {member}: ")).unwrap_or_else(|| panic!("field `{member}`\n{module}"));
        let docs = &module[..field];
        let note = docs.rfind("/// The pattern `[z-a]` is not enforced by `validate()`: pattern \\`\\[z-a\\]\\` is not supported");
        assert!(note.is_some_and(|at| !docs[at..].contains("pub ")), "`{member}` does not say it:\n{module}");
    }
    assert!(module.contains("/// The pattern `(unclosed` is not enforced by `validate()`"), "{module}");
    // The compilable pattern is still checked; the others are not compiled at all.
    assert!(module.contains("\"^[a-z]+$\""), "{module}");
    assert!(!module.contains("\"[z-a]\"") && !module.contains("\"(unclosed\""), "{module}");
}

#[test]
fn strict_refuses_naming_the_shape() {
    let error = generate(&load(&model_json("[z-a]")), true).expect_err("strict refuses").to_string();
    assert!(error.contains("models/degraded.json: ex#Code: pattern `[z-a]` is not supported"), "{error}");
    assert!(error.contains("ex#Input$own"), "{error}");
    assert_eq!(error.matches("ex#Code:").count(), 1, "named once:\n{error}");
}

#[test]
fn warnings_are_the_same_on_every_run() {
    let model = load(&model_json("[z-a]"));
    let first = generate(&model, false).unwrap();
    assert_eq!(first, generate(&model, false).unwrap());
    assert_eq!(codegen::generate_file(&model, &Settings::default()).unwrap().warnings, first.warnings);
}

/// `cargo xtask codegen` end to end, on a pattern whose reason is full of Markdown and HTML:
/// it lists the warnings with their number, `--strict` fails naming the shape, and the crate
/// it writes documents with rustdoc's warnings denied.
#[test]
fn xtask_counts_warnings_and_strict_fails_and_the_docs_are_rustdoc_clean() {
    let dir = std::env::temp_dir().join(format!("codegen-degraded-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (models, out) = (dir.join("models"), dir.join("crate"));
    std::fs::create_dir_all(&models).unwrap();
    let hostile = "<b>[z-a]` *x* _y_ [link] https://example.com";
    std::fs::write(models.join("degraded.json"), model_json(hostile)).unwrap();
    let options = Options {
        models: Some(models.clone()),
        out: Some(out.clone()),
        crate_name: Some("degraded_checks".to_owned()),
        ..Options::default()
    };

    let strict = run(&Options { strict: true, ..options.clone() }).expect_err("--strict refuses");
    assert!(strict.contains("--strict") && strict.contains("degraded.json: ex#Code: pattern"), "{strict}");
    let summary = run(&options).expect("generates without the checks");
    assert!(summary.contains("2 warnings"), "{summary}");
    assert!(summary.contains("ex#Code: pattern `<b>[z-a]`") && summary.contains("ex#Input$own"), "{summary}");

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let doc = std::process::Command::new(cargo)
        .args(["doc", "--quiet", "--offline", "--no-deps", "--manifest-path"])
        .arg(out.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", support::workspace_root().join("target/standalone"))
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(doc.status.success(), "rustdoc rejected the generated docs:\n{}", String::from_utf8_lossy(&doc.stderr));
    std::fs::remove_dir_all(&dir).unwrap();
}
