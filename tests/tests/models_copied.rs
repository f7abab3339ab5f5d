//! The models in `models/` are the real AWS models, carried unchanged (`models/SOURCE.md`):
//! each must be byte-identical to `../shared/aws-models/<same file name>`, so that an edit
//! to a carried model is caught, and `models/SOURCE.md` must name each of them. Skipped,
//! with a message, when `../shared` is absent.

mod support;

use std::path::Path;

#[test]
fn carried_models_are_unchanged_copies() {
    let Some(real_dir) = support::shared_dir("aws-models", "carried_models_are_unchanged_copies") else {
        return;
    };
    let models = support::workspace_root().join("models");
    let files = support::json_files(&models);
    assert!(!files.is_empty(), "no *.json in {}", models.display());
    let problems: Vec<String> = files.iter().filter_map(|file| differs(file, &real_dir)).collect();
    assert!(
        problems.is_empty(),
        "models/ must hold unchanged copies of the real AWS models (see models/SOURCE.md); \
         copy them again from {}, or copy newer ones from the same source and note it there:\n{}",
        real_dir.display(),
        problems.join("\n")
    );
}

/// Why `file` is not a copy of the model of the same name in `real_dir`, if it is not.
fn differs(file: &Path, real_dir: &Path) -> Option<String> {
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    let real = real_dir.join(&*name);
    let ours = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => return Some(format!("models/{name}: cannot read it: {e}")),
    };
    let theirs = match std::fs::read(&real) {
        Ok(bytes) => bytes,
        Err(e) => return Some(format!("models/{name}: cannot read {}, the model it should copy: {e}", real.display())),
    };
    if ours == theirs {
        return None;
    }
    let at = ours.iter().zip(&theirs).position(|(a, b)| a != b).unwrap_or(ours.len().min(theirs.len()));
    Some(format!(
        "models/{name}: differs from {} from byte {at} ({} bytes here, {} there)",
        real.display(),
        ours.len(),
        theirs.len()
    ))
}

#[test]
fn the_source_note_names_every_model() {
    let models = support::workspace_root().join("models");
    let note = std::fs::read_to_string(models.join("SOURCE.md")).expect("models/SOURCE.md says where the models come from");
    for file in support::json_files(&models) {
        let name = file.file_name().unwrap_or_default().to_string_lossy().into_owned();
        assert!(note.contains(&format!("`{name}`")), "models/SOURCE.md does not name `{name}`");
    }
}
