//! Generated crates outside this workspace, as users get them: two crates generated from
//! two different models, built side by side by a third crate that uses both, all in a temp
//! folder whose path has spaces and several levels.
//!
//! What it proves:
//! - both crates link the *same* runtime, whether the manifest names it by the relative
//!   path `cargo xtask codegen` computes (crate A) or by version, resolved through a
//!   `[patch.crates-io]` of the consumer's workspace (crate B): a `DateTime` taken out of
//!   A's type goes into B's, and A's `ValidationError` into a function typed with B's
//!   re-export `b::runtime::ValidationError`, with no conversion. The consumer would not
//!   compile if they were two copies of the runtime;
//! - no generated file holds a machine's absolute path (the temp folder's or this
//!   workspace's); A's manifest names the runtime by a relative `path`, B's by `version`;
//! - `run` refuses an absolute `RuntimeDependency::Path`, saying it must be relative.
//!
//! The inner cargo runs `--offline` with `CARGO_TARGET_DIR=<workspace>/target/out-of-tree`
//! (a fixed folder, so a rerun only rebuilds the three small crates) and without the
//! caller's `RUSTFLAGS`/`RUSTDOCFLAGS`, which would otherwise change every fingerprint.

mod support;

use codegen::RuntimeDependency;
use std::path::{Path, PathBuf};
use support::workspace_root;
use xtask::codegen::{relative_path, run, Options};

/// Crate A's model: a service without a protocol (so no wire code, and the runtime without
/// its `json` feature), an input with a required `timestamp` and a `@length`- and
/// `@pattern`-constrained string.
const MODEL_A: &str = r#"{"smithy": "2.0", "shapes": {
    "alpha#Clock": {"type": "service", "version": "2024-01-01", "operations": [{"target": "alpha#SetAlarm"}]},
    "alpha#SetAlarm": {"type": "operation", "input": {"target": "alpha#SetAlarmInput"}},
    "alpha#SetAlarmInput": {"type": "structure", "members": {
        "at": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#required": {}}},
        "label": {"target": "smithy.api#String",
                  "traits": {"smithy.api#length": {"min": 1, "max": 8}, "smithy.api#pattern": "^[a-z]+$"}}
    }}
}}"#;

/// Crate B's model: another namespace and service, speaking awsJson1_0 (so B enables the
/// runtime's `json` feature, which cargo unifies with A's use of the same package), its
/// timestamp and constrained string as shapes of their own.
const MODEL_B: &str = r#"{"smithy": "2.0", "shapes": {
    "beta#Calendar": {"type": "service", "version": "2024-02-02", "operations": [{"target": "beta#AddEvent"}],
                      "traits": {"aws.protocols#awsJson1_0": {}}},
    "beta#AddEvent": {"type": "operation", "input": {"target": "beta#AddEventInput"},
                      "output": {"target": "beta#AddEventOutput"}},
    "beta#AddEventInput": {"type": "structure", "members": {
        "start": {"target": "beta#Instant"},
        "title": {"target": "beta#Title"}
    }},
    "beta#AddEventOutput": {"type": "structure", "members": {"id": {"target": "smithy.api#String"}}},
    "beta#Instant": {"type": "timestamp"},
    "beta#Title": {"type": "string", "traits": {"smithy.api#length": {"min": 3}, "smithy.api#pattern": "^\\p{Lu}"}}
}}"#;

/// The consumer: every exchange below is between a type of A and a type of B (or their
/// re-exports of the runtime), with no conversion, so it compiles only if both crates link
/// one runtime. The asserts then check the values made the trip.
const CONSUMER_MAIN: &str = r#"//! Uses crates `a` and `b`, generated from different models, together.

use a::clock::SetAlarmInput;
use b::calendar::operations::AddEvent;
use b::calendar::AddEventInput;

/// Typed with B's re-export of the runtime; called with A's error.
fn violation_paths(error: b::runtime::ValidationError) -> Vec<String> {
    error.violations().iter().map(|v| v.path().to_owned()).collect()
}

/// Typed with A's re-export; called with B's error.
fn violation_count(error: a::runtime::ValidationError) -> usize {
    error.violations().len()
}

fn main() {
    let at = a::runtime::DateTime::from_secs(1_700_000_000);
    let alarm = SetAlarmInput::builder().at(at).label("Wake Up").build().expect("`at` is set");

    // A's `DateTime` into B's type: `set_start` takes exactly `Option<DateTime>` of B's
    // runtime (no `Into` in the way), and the field read back is typed with B's re-export.
    let event = AddEventInput::builder().set_start(Some(alarm.at)).title("Standup").build();
    let start: b::runtime::DateTime = event.start.expect("start is set");
    assert_eq!(start, at);

    // B's operation serializes it, with request options built through A's re-export.
    let request = AddEvent::request(&event, &a::runtime::RequestOptions::new()).expect("a valid input");
    let body = String::from_utf8(request.body().clone()).expect("JSON is UTF-8");
    assert!(body.contains("\"start\":1700000000"), "B's body must carry A's instant: {body}");

    // A's `ValidationError` (the label breaks `@pattern`) where B's is expected, and back.
    let error = alarm.validate().expect_err("`Wake Up` breaks ^[a-z]+$");
    assert_eq!(violation_paths(error), ["/label"]);
    let short = AddEventInput::builder().title("x").build();
    assert_eq!(violation_count(short.validate().expect_err("`x` breaks @length and @pattern")), 2);

    println!("one runtime for both crates");
}
"#;

/// The temp workspace: `<tmp>/codegen oot <pid>/a b/`. The temp folder is canonicalized
/// first, so that the absolute paths the scan looks for are spelled as the generator saw
/// them.
fn temp_workspace() -> (PathBuf, PathBuf) {
    let tmp = std::env::temp_dir().canonicalize().expect("the temp folder exists");
    let top = tmp.join(format!("codegen oot {}", std::process::id()));
    let _ = std::fs::remove_dir_all(&top);
    let workspace = top.join("a b");
    std::fs::create_dir_all(&workspace).unwrap();
    (top, workspace)
}

/// Writes `model` under `dir/models-<name>/` and generates crate `name` into `dir/<name>/`.
fn generate(dir: &Path, name: &str, model: &str, runtime: Option<RuntimeDependency>) -> PathBuf {
    let models = dir.join(format!("models-{name}"));
    std::fs::create_dir_all(&models).unwrap();
    std::fs::write(models.join("model.json"), model).unwrap();
    let out = dir.join(name);
    let options = Options {
        models: Some(models),
        out: Some(out.clone()),
        crate_name: Some(name.to_owned()),
        runtime,
        ..Options::default()
    };
    let summary = run(&options).unwrap_or_else(|e| panic!("crate {name} does not generate:\n{e}"));
    assert!(!summary.contains("warning"), "crate {name} generated with warnings:\n{summary}");
    out
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files(&path));
        } else {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Where `path` occurs in `text` as an absolute path. An occurrence right after `..` is the
/// tail of a relative path climbing to the root (`../../../work/x/runtime` holds
/// `/work/x`), which is what a relative path between two folders that share only `/` is.
fn absolute_occurrences(text: &str, path: &Path) -> Vec<usize> {
    let path = path.to_str().expect("UTF-8 paths");
    text.match_indices(path).map(|(at, _)| at).filter(|&at| !text[..at].ends_with("..")).collect()
}

/// The value of the manifest's `smithy-runtime = { … }` line.
fn runtime_line(manifest: &str) -> &str {
    let line = manifest.lines().find(|line| line.starts_with("smithy-runtime = "));
    line.unwrap_or_else(|| panic!("no runtime dependency in:\n{manifest}"))
}

/// The quoted value of `key = "…"` in a one-line inline table.
fn quoted<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = &line[line.find(&format!("{key} = \""))? + key.len() + 4..];
    Some(&rest[..rest.find('"')?])
}

#[test]
fn crates_from_different_models_share_one_runtime_out_of_tree() {
    let root = workspace_root();
    let runtime = root.join("runtime");
    let (top, workspace) = temp_workspace();

    // A: the default, a path relative to its folder computed by xtask. B: by version.
    let a = generate(&workspace, "a", MODEL_A, None);
    let b = generate(&workspace, "b", MODEL_B, Some(RuntimeDependency::Version("0.1".to_owned())));

    // No generated file names the temp folder or this workspace by an absolute path (as
    // spelled, and with symbolic links resolved).
    let mut absolutes = vec![top.clone(), root.clone(), root.canonicalize().unwrap()];
    absolutes.dedup();
    for file in files(&a).into_iter().chain(files(&b)) {
        let text = std::fs::read_to_string(&file).unwrap();
        for absolute in &absolutes {
            let found = absolute_occurrences(&text, absolute);
            assert!(found.is_empty(), "{} holds the absolute path {} at byte {found:?}:\n{text}", file.display(), absolute.display());
        }
    }

    // A names the runtime by a relative path that leads to this workspace's runtime; B by
    // version only.
    let manifest_a = std::fs::read_to_string(a.join("Cargo.toml")).unwrap();
    let line_a = runtime_line(&manifest_a);
    let path_a = quoted(line_a, "path").unwrap_or_else(|| panic!("A must name the runtime by path: {line_a}"));
    assert!(path_a.starts_with(".."), "A's runtime path must be relative: {line_a}");
    assert!(quoted(line_a, "version").is_none(), "A names no version: {line_a}");
    let resolved = a.join(path_a).canonicalize().unwrap_or_else(|e| panic!("{path_a} from {}: {e}", a.display()));
    assert_eq!(resolved, runtime.canonicalize().unwrap(), "A's relative path must lead to the runtime");
    let manifest_b = std::fs::read_to_string(b.join("Cargo.toml")).unwrap();
    let line_b = runtime_line(&manifest_b);
    assert_eq!(quoted(line_b, "version"), Some("0.1"), "B must name the runtime by version: {line_b}");
    assert!(quoted(line_b, "path").is_none(), "B names no path: {line_b}");

    // The consumer's workspace: B's `version = "0.1"` resolves, offline, to the same runtime
    // through a patch (itself a relative path). The lock file starts as a copy of this
    // workspace's, so the registry crates are the versions this workspace already has.
    let patch = relative_path(&workspace, &runtime).unwrap();
    // Quoted as it is: a TOML basic string needs no escape without these.
    assert!(!patch.contains(|c: char| c.is_control() || c == '"' || c == '\\'), "{patch}");
    std::fs::write(
        workspace.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [\"consumer\", \"a\", \"b\"]\n\n\
             [patch.crates-io]\nsmithy-runtime = {{ path = \"{patch}\" }}\n\n\
             # Quicker builds; nothing here is debugged.\n[profile.dev]\ndebug = false\n"
        ),
    )
    .unwrap();
    std::fs::copy(root.join("Cargo.lock"), workspace.join("Cargo.lock")).unwrap();
    let consumer = workspace.join("consumer");
    std::fs::create_dir_all(consumer.join("src")).unwrap();
    std::fs::write(
        consumer.join("Cargo.toml"),
        "[package]\nname = \"consumer\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\na = { path = \"../a\" }\nb = { path = \"../b\" }\n",
    )
    .unwrap();
    std::fs::write(consumer.join("src/main.rs"), CONSUMER_MAIN).unwrap();

    let output = support::nested_cargo("out-of-tree")
        .args(["run", "--quiet", "--offline", "--package", "consumer"])
        .current_dir(&workspace)
        .output()
        .expect("cargo runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success(),
        "the consumer of crates a and b failed ({}) in {}:\n--- stderr\n{stderr}\n--- stdout\n{stdout}",
        output.status,
        workspace.display()
    );
    assert!(stdout.contains("one runtime for both crates"), "{stdout}");

    // And cargo resolved one runtime package, from this workspace's folder.
    let lock = std::fs::read_to_string(workspace.join("Cargo.lock")).unwrap();
    let runtimes = lock.matches("name = \"smithy-runtime\"").count();
    assert_eq!(runtimes, 1, "the consumer's lock file must hold one smithy-runtime:\n{lock}");

    std::fs::remove_dir_all(&top).unwrap();
}

/// The default relative path is the only one xtask computes; a path given by the caller
/// must be relative too, and an absolute one fails before anything is written.
#[test]
fn an_absolute_runtime_path_is_refused() {
    let dir = std::env::temp_dir().join(format!("codegen oot absolute {}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let models = dir.join("models");
    std::fs::create_dir_all(&models).unwrap();
    std::fs::write(models.join("model.json"), MODEL_A).unwrap();
    let out = dir.join("out");
    let absolute = workspace_root().join("runtime").to_str().expect("UTF-8 path").to_owned();
    assert!(Path::new(&absolute).is_absolute());
    let options = Options {
        models: Some(models),
        out: Some(out.clone()),
        runtime: Some(RuntimeDependency::Path(absolute.clone())),
        ..Options::default()
    };
    let error = run(&options).expect_err("an absolute runtime path must be refused");
    assert!(error.contains("must be relative"), "the error must say the path must be relative:\n{error}");
    assert!(error.contains(&absolute), "the error must quote the path:\n{error}");
    assert!(!out.exists(), "nothing is written when the path is refused");

    // The control: the same options with the path made relative generate.
    let relative = relative_path(&out, Path::new(&absolute)).unwrap();
    run(&Options { runtime: Some(RuntimeDependency::Path(relative)), ..options }).expect("a relative path is accepted");
    assert!(out.join("Cargo.toml").is_file());
    std::fs::remove_dir_all(&dir).unwrap();
}
