//! What the last successful run generated, so that a run on unchanged inputs only reads
//! and hashes files instead of generating them again.
//!
//! The generator's output depends on nothing but its own build, its options and the model
//! files it reads; a run whose folders hold exactly what it generated records a digest of
//! all three (the key) and a digest of each file it generated. A later run with the same
//! key whose folders still hold exactly those files has nothing to do. Any difference (a
//! rebuilt generator, an edited model or output file, a file added to or missing from an
//! output folder) falls through to a full run, which also reports it.

use crate::sync::list_files;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::Xxh3;

/// A 128-bit digest: XXH3-128 of the pieces, each prefixed with its length. Not for
/// defence against tampering, which is out of scope here; for telling files apart, at
/// about the speed of reading them (a run on unchanged inputs hashes every model and
/// output file and this executable).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Digest(u64, u64);

impl Digest {
    /// The digest of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        let mut digest = Digester::default();
        digest.add(bytes);
        digest.finish()
    }

    fn to_hex(self) -> String {
        format!("{:016x}{:016x}", self.0, self.1)
    }

    fn from_hex(text: &str) -> Option<Self> {
        let (high, low) = (text.get(..16)?, text.get(16..)?);
        Some(Self(u64::from_str_radix(high, 16).ok()?, u64::from_str_radix(low, 16).ok()?))
    }
}

/// Builds a [`Digest`] from several pieces; each piece is length-prefixed, so that
/// `("ab", "c")` and `("a", "bc")` differ.
#[derive(Clone, Default)]
pub struct Digester(Xxh3);

impl Digester {
    /// Adds a piece.
    pub fn add(&mut self, bytes: &[u8]) {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    /// Adds the contents of a file as one piece, read in blocks: this executable is about
    /// a hundred megabytes with its debug information, which reading whole would allocate
    /// and fault in on every run. The same digest as [`add`](Self::add) of the contents.
    pub fn add_file(&mut self, path: &Path) -> Result<(), String> {
        let failed = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
        let mut file = std::fs::File::open(path).map_err(failed)?;
        let length = file.metadata().map_err(failed)?.len();
        self.0.update(&length.to_le_bytes());
        let read = std::io::copy(&mut file, &mut self.0).map_err(failed)?;
        if read == length {
            Ok(())
        } else {
            Err(format!("{} changed while it was read", path.display()))
        }
    }

    /// The digest of the pieces added.
    pub fn finish(&self) -> Digest {
        let digest = self.0.digest128();
        Digest((digest >> 64) as u64, digest as u64)
    }
}

/// The key of a run: the generator's build (the contents of this executable, which holds
/// the generator), `options` (everything else the run depends on, written out by the
/// caller) and each input file's path and contents. An error (a file that cannot be read)
/// only means the run cannot take the shortcut.
pub fn key(options: &str, inputs: &[PathBuf]) -> Result<Digest, String> {
    let mut digest = Digester::default();
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the running executable: {e}"))?;
    digest.add_file(&exe)?;
    digest.add(options.as_bytes());
    let mut inputs = inputs.to_vec();
    inputs.sort();
    for input in &inputs {
        digest.add(input.to_string_lossy().as_bytes());
        digest.add_file(input)?;
    }
    Ok(digest.finish())
}

/// What a successful run generated: every file of its output folders, by absolute path,
/// and the summary it ended with (its warnings).
#[derive(Debug, Default, PartialEq)]
pub struct Record {
    /// The folders the run generates; they held nothing else.
    pub folders: Vec<PathBuf>,
    /// The digest of each generated file.
    pub files: BTreeMap<PathBuf, Digest>,
    /// The run's warning summary, printed again by a run that finds nothing changed.
    pub summary: String,
}

impl Record {
    /// Whether the folders hold exactly the recorded files, with the recorded contents.
    pub fn holds(&self) -> bool {
        let mut found = 0;
        for folder in &self.folders {
            let Ok(files) = list_files(folder) else { return false };
            for relative in files {
                let path = folder.join(relative);
                let Some(expected) = self.files.get(&path) else { return false };
                match std::fs::read(&path) {
                    Ok(bytes) if Digest::of(&bytes) == *expected => found += 1,
                    _ => return false,
                }
            }
        }
        found == self.files.len()
    }

    /// The record as text: the key, the folders, the files and the summary, one per line.
    fn to_text(&self, key: Digest) -> String {
        let mut text = format!("key {}\n", key.to_hex());
        for folder in &self.folders {
            text.push_str(&format!("folder {}\n", folder.display()));
        }
        for (path, digest) in &self.files {
            text.push_str(&format!("file {} {}\n", digest.to_hex(), path.display()));
        }
        text.push_str("summary\n");
        text.push_str(&self.summary);
        text
    }

    /// The record of `text` if it was written for `key`; `None` for any other key and for
    /// text that is not a record.
    fn from_text(text: &str, key: Digest) -> Option<Self> {
        let (head, summary) = text.split_once("\nsummary\n")?;
        let mut lines = head.lines();
        if Digest::from_hex(lines.next()?.strip_prefix("key ")?)? != key {
            return None;
        }
        let mut record = Record { summary: summary.to_owned(), ..Record::default() };
        for line in lines {
            if let Some(folder) = line.strip_prefix("folder ") {
                record.folders.push(PathBuf::from(folder));
            } else {
                let (digest, path) = line.strip_prefix("file ")?.split_once(' ')?;
                record.files.insert(PathBuf::from(path), Digest::from_hex(digest)?);
            }
        }
        Some(record)
    }
}

/// Where the record of runs into `out` is kept: beside this executable, in the build
/// folder, never in the source tree. One record per output folder; each run replaces it.
pub fn record_path(out: &Path) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let name = Digest::of(out.to_string_lossy().as_bytes()).to_hex();
    Some(exe.parent()?.join("xtask-codegen").join(name))
}

/// The record at `path` made for `key`, if there is one.
pub fn load(path: &Path, key: Digest) -> Option<Record> {
    Record::from_text(&std::fs::read_to_string(path).ok()?, key)
}

/// How many records the folder keeps: tests generate into temporary folders, each of which
/// leaves a record; the oldest beyond this are removed.
const KEPT_RECORDS: usize = 32;

/// Keeps `record` for `key`, written whole or not at all (to a temporary file, then
/// renamed), so that two runs at once never leave a mixed record. A record that cannot be
/// written only costs the next run its shortcut, so failures are ignored.
pub fn store(path: &Path, key: Digest, record: &Record) {
    let Some(folder) = path.parent() else { return };
    let _ = std::fs::create_dir_all(folder);
    let temporary = path.with_extension(format!("{}.tmp", std::process::id()));
    if std::fs::write(&temporary, record.to_text(key)).is_err() || std::fs::rename(&temporary, path).is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    prune(folder);
}

/// Removes the oldest records beyond [`KEPT_RECORDS`].
fn prune(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let mut records: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            Some((entry.metadata().ok()?.modified().ok()?, entry.path()))
        })
        .collect();
    records.sort();
    let excess = records.len().saturating_sub(KEPT_RECORDS);
    for (_, path) in &records[..excess] {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_read_in_blocks_is_one_piece_of_its_contents() {
        let path = std::env::temp_dir().join(format!("xtask-fingerprint-{}", std::process::id()));
        // Over one block, and not a multiple of it.
        let contents: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &contents).unwrap();
        let (mut read, mut whole) = (Digester::default(), Digester::default());
        read.add(b"before");
        read.add_file(&path).unwrap();
        whole.add(b"before");
        whole.add(&contents);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(read.finish(), whole.finish());
        let error = Digester::default().add_file(&path).unwrap_err();
        assert!(error.contains("cannot read") && error.contains("xtask-fingerprint"), "{error}");
    }

    #[test]
    fn digests_tell_contents_and_piece_boundaries_apart() {
        assert_eq!(Digest::of(b"abc"), Digest::of(b"abc"));
        assert_ne!(Digest::of(b"abc"), Digest::of(b"abd"));
        let pieces = |parts: &[&str]| {
            let mut digest = Digester::default();
            parts.iter().for_each(|part| digest.add(part.as_bytes()));
            digest.finish()
        };
        assert_ne!(pieces(&["ab", "c"]), pieces(&["a", "bc"]));
        let digest = Digest::of(b"x");
        assert_eq!(Digest::from_hex(&digest.to_hex()), Some(digest));
    }

    #[test]
    fn a_record_reads_back_only_under_its_key() {
        let record = Record {
            folders: vec![PathBuf::from("/a/generated")],
            files: [(PathBuf::from("/a/generated/src/x y.rs"), Digest::of(b"x"))].into(),
            summary: "\n\n1 warning:\n  line".to_owned(),
        };
        let key = Digest::of(b"key");
        assert_eq!(Record::from_text(&record.to_text(key), key), Some(record));
        let other = Digest::of(b"other");
        assert_eq!(Record::from_text(&Record::default().to_text(key), other), None);
        assert_eq!(Record::from_text("garbage", key), None);
    }

    #[test]
    fn a_record_holds_only_while_the_folder_is_unchanged() {
        let dir = std::env::temp_dir().join(format!("xtask-fingerprint-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(dir.join("src/a.rs"), "a").unwrap();
        let record = Record {
            folders: vec![dir.clone()],
            files: [(dir.join("src/a.rs"), Digest::of(b"a"))].into(),
            summary: String::new(),
        };
        assert!(record.holds());
        std::fs::write(dir.join("src/a.rs"), "edited").unwrap();
        assert!(!record.holds(), "an edited file");
        std::fs::write(dir.join("src/a.rs"), "a").unwrap();
        std::fs::write(dir.join("src/b.rs"), "b").unwrap();
        assert!(!record.holds(), "a file nothing generated");
        std::fs::remove_file(dir.join("src/b.rs")).unwrap();
        std::fs::remove_file(dir.join("src/a.rs")).unwrap();
        assert!(!record.holds(), "a missing file");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
