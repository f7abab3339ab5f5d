//! The checked-in generated code must be exactly what the generator writes now: the
//! `generated/` crate from `models/`, and `tests/goldens/` from `tests/models/`.

use xtask::codegen::{run, workspace_root, Options};

#[test]
fn checked_in_code_is_fresh() {
    let options = Options { check: true, ..Default::default() };
    if let Err(report) = run(&options) {
        panic!("{report}");
    }
}

/// The check itself: a fresh copy passes; an edited, missing or extra file fails with a diff
/// and the command that regenerates.
#[test]
fn check_catches_edits_missing_and_extra_files() {
    let out = std::env::temp_dir().join(format!("codegen-golden-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let options = Options { models: Some(workspace_root().join("models")), out: Some(out.clone()), ..Default::default() };
    run(&options).expect("generation into a fresh folder");
    let check = Options { check: true, ..options };
    assert!(run(&check).is_ok(), "a fresh generation must pass the check");

    let lib = out.join("src/lib.rs");
    let original = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, original.replace("pub mod datazone;", "pub mod datazone; // edited")).unwrap();
    let report = run(&check).expect_err("an edited file must fail the check");
    assert!(report.contains("+pub mod datazone;") && report.contains("-pub mod datazone; // edited"), "{report}");
    assert!(report.contains("Run `cargo xtask codegen`"), "{report}");

    std::fs::remove_file(&lib).unwrap();
    assert!(run(&check).expect_err("a missing file must fail").contains("lib.rs is missing"));

    std::fs::write(&lib, original).unwrap();
    std::fs::write(out.join("src/stray.rs"), "").unwrap();
    assert!(run(&check).expect_err("an extra file must fail").contains("stray.rs should not exist"));

    std::fs::remove_dir_all(&out).unwrap();
}

/// What `--out` receives is a complete crate: it builds outside this workspace.
#[test]
fn generated_crate_builds_on_its_own() {
    let out = std::env::temp_dir().join(format!("codegen-standalone-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let options = Options {
        models: Some(workspace_root().join("models")),
        out: Some(out.clone()),
        crate_name: Some("standalone_services".to_owned()),
        ..Default::default()
    };
    run(&options).expect("generation into a fresh folder");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = std::process::Command::new(cargo)
        .args(["check", "--quiet", "--offline", "--manifest-path"])
        .arg(out.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", workspace_root().join("target/standalone"))
        .status()
        .expect("cargo runs");
    std::fs::remove_dir_all(&out).unwrap();
    assert!(status.success(), "the generated crate does not build on its own");
}
