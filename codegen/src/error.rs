//! Errors the generator reports: each names where the problem is and what it is.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in the input, located as precisely as the generator can.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The model file the problem comes from, when it is known.
    pub file: Option<PathBuf>,
    /// The absolute shape ID (possibly with a `$member`) the problem concerns.
    pub shape: Option<String>,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl Diagnostic {
    /// A problem with no location yet.
    pub fn new(message: impl Into<String>) -> Self {
        Self { file: None, shape: None, message: message.into() }
    }

    /// Locates the problem in a model file.
    pub fn in_file(mut self, file: &Path) -> Self {
        self.file.get_or_insert_with(|| file.to_path_buf());
        self
    }

    /// Locates the problem in the model file a shape came from, when that is known.
    pub fn in_source(self, file: Option<&Path>) -> Self {
        match file {
            Some(file) => self.in_file(file),
            None => self,
        }
    }

    /// Locates the problem at a shape or member.
    pub fn at(mut self, shape: impl fmt::Display) -> Self {
        self.shape.get_or_insert_with(|| shape.to_string());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}: ", file.display())?;
        }
        if let Some(shape) = &self.shape {
            write!(f, "{shape}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Everything that stopped a generation run; never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// Wraps the problems found; they are reported sorted so runs are comparable.
    pub fn new(mut diagnostics: Vec<Diagnostic>) -> Self {
        debug_assert!(!diagnostics.is_empty(), "an error needs at least one diagnostic");
        sort_unique(&mut diagnostics);
        Self { diagnostics }
    }

    /// The individual problems, sorted by file, shape and message.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

/// Sorts diagnostics by file, shape and message and drops repeats, so that every report
/// is deterministic and names each problem once (a shape that many members target, or that
/// several services share, is lowered many times).
pub fn sort_unique(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort();
    diagnostics.dedup();
}

/// Results of independent pieces of work (one per service), each a value with its warnings:
/// the values and every warning, or, if any piece failed, every failure's diagnostics.
pub(crate) fn gather<T>(results: Vec<Result<(T, Vec<Diagnostic>)>>) -> Result<(Vec<T>, Vec<Diagnostic>)> {
    let (mut values, mut warnings, mut problems) = (Vec::new(), Vec::new(), Vec::new());
    for result in results {
        match result {
            Ok((value, found)) => {
                values.push(value);
                warnings.extend(found);
            }
            Err(error) => problems.extend(error.diagnostics),
        }
    }
    match problems.is_empty() {
        true => Ok((values, warnings)),
        false => Err(Error::new(problems)),
    }
}

impl From<Diagnostic> for Error {
    fn from(diagnostic: Diagnostic) -> Self {
        Self { diagnostics: vec![diagnostic] }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Result of a generator stage.
pub type Result<T, E = Error> = std::result::Result<T, E>;
