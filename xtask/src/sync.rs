//! Bringing a folder in line with the files it should hold, or reporting how it differs.

use similar::TextDiff;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
    let sync = DirSync::new(dir, check)?;
    for (relative, contents) in files {
        sync.file(relative, contents)?;
    }
    sync.finish(files.keys())
}

/// [`sync_dir`] one file at a time, as files are generated: each is compared with the one
/// on disk (and written if it differs) as soon as it arrives, from any thread; `finish`
/// then deals with the files nothing generated.
pub struct DirSync {
    dir: PathBuf,
    check: bool,
    /// The files below `dir` before anything was written.
    existing: BTreeSet<PathBuf>,
    /// What was found or done, by path.
    entries: Mutex<BTreeMap<PathBuf, String>>,
}

impl DirSync {
    /// Lists what `dir` holds now.
    pub fn new(dir: &Path, check: bool) -> Result<Self, String> {
        let existing = list_files(dir)?;
        Ok(Self { dir: dir.to_path_buf(), check, existing, entries: Mutex::default() })
    }

    /// Brings one file (path relative to the folder) in line, or with `check` records how
    /// it differs.
    pub fn file(&self, relative: &Path, contents: &str) -> Result<(), String> {
        let path = self.dir.join(relative);
        let current = if self.existing.contains(relative) {
            Some(std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?)
        } else {
            None
        };
        if current.as_deref() == Some(contents) {
            return Ok(());
        }
        let entry = if self.check {
            describe(&path, current.as_deref(), contents)
        } else {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
            }
            std::fs::write(&path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            format!("wrote {}", path.display())
        };
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(relative.to_path_buf(), entry);
        Ok(())
    }

    /// Removes (with `check`, reports) every file that was there before and is not among
    /// `generated`; returns all entries, the generated files' in path order first.
    pub fn finish<'a>(self, generated: impl IntoIterator<Item = &'a PathBuf>) -> Result<Differences, String> {
        let generated: BTreeSet<&PathBuf> = generated.into_iter().collect();
        let entries = self.entries.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut differences = Differences { entries: entries.into_values().collect() };
        for relative in self.existing.iter().filter(|relative| !generated.contains(relative)) {
            let path = self.dir.join(relative);
            if self.check {
                differences.entries.push(format!("{} should not exist: nothing generates it", path.display()));
            } else {
                std::fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
                differences.entries.push(format!("removed {}", path.display()));
            }
        }
        Ok(differences)
    }
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
pub fn list_files(dir: &Path) -> Result<BTreeSet<PathBuf>, String> {
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
