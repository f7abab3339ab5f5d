//! Helpers shared by the integration tests.

// Each test crate uses only some of them.
#![allow(dead_code)]

use std::path::PathBuf;

pub use xtask::codegen::workspace_root;

/// A folder of `../shared` beside the workspace, or `None` (with a message saying why the
/// calling test is skipped) when it is absent.
pub fn shared_dir(name: &str, test: &str) -> Option<PathBuf> {
    let dir = workspace_root().join("..").join("shared").join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("{test}: SKIPPED, because {} is absent (the shared reference folder is not beside the workspace)", dir.display());
        None
    }
}

/// The `*.json` files of a folder, sorted.
pub fn json_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}
