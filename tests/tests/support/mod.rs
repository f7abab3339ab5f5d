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
        eprintln!(
            "{test}: SKIPPED, because {} is absent (the shared reference folder is not beside the workspace)",
            dir.display()
        );
        None
    }
}

/// A cargo command (the one running the tests) for a crate the test generated, building into
/// `target/<target_dir>` of the workspace, without the caller's compiler flags, which would
/// change every fingerprint of that folder.
pub fn nested_cargo(target_dir: &str) -> std::process::Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = std::process::Command::new(cargo);
    command
        .env("CARGO_TARGET_DIR", workspace_root().join("target").join(target_dir))
        .env_remove("RUSTFLAGS")
        .env_remove("RUSTDOCFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTDOCFLAGS");
    command
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

/// Every distinct `@pattern` of the models in `dirs` (on shapes, members, and list and map
/// members), sorted.
pub fn model_patterns(dirs: &[PathBuf]) -> std::collections::BTreeSet<String> {
    use serde_json::Value;
    let mut found = std::collections::BTreeSet::new();
    for file in dirs.iter().flat_map(|dir| json_files(dir)) {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        let Ok(json) = serde_json::from_str::<Value>(&text) else { continue };
        let Some(shapes) = json.get("shapes").and_then(Value::as_object) else { continue };
        for shape in shapes.values() {
            let mut traits = vec![shape.get("traits")];
            for key in ["member", "key", "value"] {
                traits.push(shape.get(key).and_then(|m| m.get("traits")));
            }
            for member in shape.get("members").and_then(Value::as_object).into_iter().flat_map(|m| m.values()) {
                traits.push(member.get("traits"));
            }
            for pattern in
                traits.into_iter().flatten().filter_map(|t| t.get("smithy.api#pattern")).filter_map(Value::as_str)
            {
                found.insert(pattern.to_owned());
            }
        }
    }
    found
}

/// The patterns of the AWS and protocol-test models, or `None` (with a message) when the
/// shared folders are absent.
pub fn corpus_patterns(test: &str) -> Option<std::collections::BTreeSet<String>> {
    let dirs = [shared_dir("aws-models", test)?, shared_dir("protocol-tests", test)?];
    Some(model_patterns(&dirs))
}

/// SplitMix64: small and seeded, so every run checks the same cases.
pub struct Rng(pub u64);

impl Rng {
    /// Seeded from `text` (FNV-1a), so a case's draws do not depend on the others'.
    pub fn from_text(text: &str) -> Rng {
        Rng(text.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)))
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// The table of Java constructs with strings each must and must not match.
pub mod pattern_table;
