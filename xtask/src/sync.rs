//! Bringing a folder in line with the files it should hold, or reporting how it differs.

use codegen::parallel::{into_inner, lock};
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
        if let Err(error) = sync.file(relative, contents) {
            sync.discard();
            return Err(error);
        }
    }
    sync.finish(files.keys())
}

/// [`sync_dir`] one file at a time, as files are generated: each is compared with the one
/// on disk as soon as it arrives, from any thread, and if it differs is written beside it
/// under a temporary name. [`finish`](Self::finish) then puts every written file in place
/// and deals with the files nothing generated; [`discard`](Self::discard), for a run that
/// failed, removes what was written, leaving the folder as it was.
pub struct DirSync {
    dir: PathBuf,
    check: bool,
    /// The files below `dir` before anything was written.
    existing: BTreeSet<PathBuf>,
    /// What was found or done, by path.
    entries: Mutex<BTreeMap<PathBuf, String>>,
    /// Files written under a temporary name, with the path each is meant for.
    staged: Mutex<Vec<(PathBuf, PathBuf)>>,
}

impl DirSync {
    /// Lists what `dir` holds now.
    pub fn new(dir: &Path, check: bool) -> Result<Self, String> {
        let existing = list_files(dir)?;
        Ok(Self { dir: dir.to_path_buf(), check, existing, entries: Mutex::default(), staged: Mutex::default() })
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
            let staged = staged_path(&path);
            std::fs::write(&staged, contents).map_err(|e| format!("cannot write {}: {e}", staged.display()))?;
            lock(&self.staged).push((staged, path.clone()));
            format!("wrote {}", path.display())
        };
        lock(&self.entries).insert(relative.to_path_buf(), entry);
        Ok(())
    }

    /// Removes (with `check`, reports) every file that was there before and is not among
    /// `generated`; returns all entries, the generated files' in path order first.
    pub fn finish<'a>(self, generated: impl IntoIterator<Item = &'a PathBuf>) -> Result<Differences, String> {
        let generated: BTreeSet<&PathBuf> = generated.into_iter().collect();
        let staged = std::mem::take(&mut *lock(&self.staged));
        for (index, (temporary, path)) in staged.iter().enumerate() {
            if let Err(e) = std::fs::rename(temporary, path) {
                // Leave nothing behind under a temporary name.
                staged[index..].iter().for_each(|(temporary, _)| drop(std::fs::remove_file(temporary)));
                return Err(format!("cannot write {}: {e}", path.display()));
            }
        }
        let entries = into_inner(self.entries);
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

impl DirSync {
    /// Removes every file written under a temporary name, for a run that failed: the folder
    /// is left as it was.
    pub fn discard(self) {
        for (temporary, _) in std::mem::take(&mut *lock(&self.staged)) {
            let _ = std::fs::remove_file(temporary);
        }
    }
}

/// Where a file is written before it is put in place: beside it, hidden. A run stopped in
/// between leaves it there, where the next run finds a file nothing generates and removes
/// it (or, checking, reports it).
fn staged_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.xtask-new"))
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
