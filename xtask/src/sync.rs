//! Bringing a folder in line with the files it should hold, or reporting how it differs.

use similar::TextDiff;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How many diff lines to show per file before cutting the report short.
const MAX_DIFF_LINES: usize = 200;

/// What differs between a folder and what it should hold (or what was done about it):
/// one human-readable entry per file, with a unified diff where the file changed.
#[derive(Debug, Default)]
pub struct Differences {
    /// The entries, in path order.
    pub entries: Vec<String>,
}

/// Makes `dir` hold exactly `files` (paths relative to `dir`). With `check`, writes nothing
/// and returns what differs. Folders named `target` are left alone.
pub fn sync_dir(dir: &Path, files: &BTreeMap<PathBuf, String>, check: bool) -> Result<Differences, String> {
    let existing = list_files(dir)?;
    let mut differences = Differences::default();
    for (relative, contents) in files {
        let path = dir.join(relative);
        let current = if existing.contains(relative) {
            Some(std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?)
        } else {
            None
        };
        if current.as_deref() == Some(contents.as_str()) {
            continue;
        }
        if check {
            differences.entries.push(describe(&path, current.as_deref(), contents));
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        differences.entries.push(format!("wrote {}", path.display()));
    }
    for relative in existing.iter().filter(|relative| !files.contains_key(*relative)) {
        let path = dir.join(relative);
        if check {
            differences.entries.push(format!("{} should not exist: nothing generates it", path.display()));
        } else {
            std::fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            differences.entries.push(format!("removed {}", path.display()));
        }
    }
    Ok(differences)
}

fn describe(path: &Path, current: Option<&str>, expected: &str) -> String {
    let Some(current) = current else {
        return format!("{} is missing", path.display());
    };
    let diff = TextDiff::from_lines(current, expected);
    let mut text = String::new();
    let on_disk = format!("{} (on disk)", path.display());
    let fresh = format!("{} (generated)", path.display());
    let unified = diff.unified_diff().context_radius(3).header(&on_disk, &fresh).to_string();
    let lines: Vec<&str> = unified.lines().collect();
    for line in lines.iter().take(MAX_DIFF_LINES) {
        let _ = writeln!(text, "{line}");
    }
    if lines.len() > MAX_DIFF_LINES {
        let _ = writeln!(text, "… {} more diff lines", lines.len() - MAX_DIFF_LINES);
    }
    text
}

/// Every file below `dir`, relative to it, skipping `target` folders; empty if `dir` does not exist.
fn list_files(dir: &Path) -> Result<BTreeSet<PathBuf>, String> {
    let mut files = BTreeSet::new();
    if !dir.exists() {
        return Ok(files);
    }
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| format!("cannot list {}: {e}", folder.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("cannot list {}: {e}", folder.display()))?.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|name| name != "target") {
                    pending.push(path);
                }
            } else if let Ok(relative) = path.strip_prefix(dir) {
                files.insert(relative.to_path_buf());
            }
        }
    }
    Ok(files)
}
