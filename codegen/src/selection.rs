//! The selection file: which operations of a models folder to generate.
//!
//! A `selection.txt` beside the models lists one absolute operation ID per line; blank lines
//! and `//` comments are ignored. Generation then covers those operations and the shapes
//! they reach (see [`crate::Settings::operations`]). Everything that generates from a
//! models folder reads the file through [`read`], so all of them generate the same thing.

use crate::error::{Diagnostic, Error, Result};
use crate::model::{Model, ShapeId, ShapeKind};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The name of the selection file in a models folder.
pub const FILE_NAME: &str = "selection.txt";

/// The operations a models folder selects: `<models>/selection.txt`, checked against the
/// model loaded from that folder; `None` (every operation) when there is no such file.
pub fn read(models: &Path, model: &Model) -> Result<Option<BTreeSet<ShapeId>>> {
    Selection::read(models)?.map(|selection| selection.operations(model)).transpose()
}

/// A selection file as read: each operation ID with the line it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    file: PathBuf,
    lines: Vec<(usize, ShapeId)>,
}

impl Selection {
    /// Reads `<models>/selection.txt`; `None` when the folder has none.
    pub fn read(models: &Path) -> Result<Option<Self>> {
        let file = models.join(FILE_NAME);
        match std::fs::read_to_string(&file) {
            Ok(text) => Self::parse(&file, &text).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Diagnostic::new(format!("cannot read the selection file: {e}")).in_file(&file).into()),
        }
    }

    /// Parses the text of a selection file; `file` is only named in errors. Every line that
    /// is not an absolute shape ID is reported, with its number; a file that lists no
    /// operation is refused, since it would generate nothing.
    pub fn parse(file: &Path, text: &str) -> Result<Self> {
        let mut lines = Vec::new();
        let mut problems = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let id = line.split("//").next().unwrap_or_default().trim();
            if id.is_empty() {
                continue;
            }
            match ShapeId::parse(id) {
                Ok(id) => lines.push((index + 1, id)),
                Err(e) => problems.push(Diagnostic::new(format!("line {}: {e}", index + 1)).in_file(file)),
            }
        }
        if lines.is_empty() && problems.is_empty() {
            problems.push(
                Diagnostic::new("the selection file lists no operation; delete it to generate every operation").in_file(file),
            );
        }
        if problems.is_empty() {
            Ok(Self { file: file.to_path_buf(), lines })
        } else {
            Err(Error::new(problems))
        }
    }

    /// The selected operations, each checked against the model: an ID that is not an
    /// operation the model defines is an error naming the file, the ID and its line.
    pub fn operations(&self, model: &Model) -> Result<BTreeSet<ShapeId>> {
        let problems: Vec<Diagnostic> = self
            .lines
            .iter()
            .filter_map(|(line, id)| {
                let what = not_an_operation(model, id)?;
                Some(Diagnostic::new(format!("{what} (line {line})")).at(id).in_file(&self.file))
            })
            .collect();
        if problems.is_empty() {
            Ok(self.lines.iter().map(|(_, id)| id.clone()).collect())
        } else {
            Err(Error::new(problems))
        }
    }

    /// The file it was read from.
    pub fn file(&self) -> &Path {
        &self.file
    }
}

/// Why a selection may not name `id`, or `None` when it is an operation of the model.
pub(crate) fn not_an_operation(model: &Model, id: &ShapeId) -> Option<String> {
    match model.shape(id).map(|shape| &shape.kind) {
        Some(ShapeKind::Operation(_)) => None,
        Some(kind) => Some(format!("the selection names a {}, not an operation", kind.type_name())),
        None => Some("the selection names an operation that no model defines".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: &str = r#"{"smithy": "2.0", "shapes": {
        "ex#Service": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}]},
        "ex#Op": {"type": "operation", "input": {"target": "smithy.api#Unit"}, "output": {"target": "smithy.api#Unit"}},
        "ex#Thing": {"type": "structure", "members": {}}
    }}"#;

    fn model() -> Model {
        Model::from_sources(&[(PathBuf::from("m.json"), MODEL.to_owned())]).expect("the test model loads")
    }

    fn file() -> PathBuf {
        PathBuf::from("models").join(FILE_NAME)
    }

    #[test]
    fn lines_skip_comments_and_blanks() {
        let text = "// the first four\nex#Op\n\n  ex#Op // again, trailing\n";
        let selection = Selection::parse(&file(), text).unwrap();
        assert_eq!(selection.operations(&model()).unwrap(), BTreeSet::from([ShapeId::parse("ex#Op").unwrap()]));
    }

    #[test]
    fn malformed_lines_are_reported_with_file_and_number() {
        let error = Selection::parse(&file(), "ex#Op\nnot an id\nex#Two words\n").unwrap_err().to_string();
        let file = file().display().to_string();
        assert!(error.contains(&format!("{file}: line 2: `not an id` is not an absolute shape ID")), "{error}");
        assert!(error.contains(&format!("{file}: line 3: `ex#Two words` has an invalid shape name")), "{error}");
    }

    #[test]
    fn an_empty_selection_is_refused() {
        let error = Selection::parse(&file(), "// nothing yet\n\n").unwrap_err().to_string();
        assert!(error.contains("lists no operation"), "{error}");
    }

    #[test]
    fn unknown_ids_name_the_file_the_id_and_the_line() {
        let selection = Selection::parse(&file(), "ex#Op\nex#Missing\nex#Thing\n").unwrap();
        let error = selection.operations(&model()).unwrap_err().to_string();
        let file = file().display().to_string();
        assert!(
            error.contains(&format!("{file}: ex#Missing: the selection names an operation that no model defines (line 2)")),
            "{error}"
        );
        assert!(error.contains(&format!("{file}: ex#Thing: the selection names a structure, not an operation (line 3)")), "{error}");
    }

    #[test]
    fn a_folder_without_the_file_selects_everything() {
        let dir = std::env::temp_dir().join(format!("codegen-selection-none-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(read(&dir, &model()), Ok(None));
        std::fs::write(dir.join(FILE_NAME), "ex#Op\n").unwrap();
        assert_eq!(read(&dir, &model()).unwrap().map(|ids| ids.len()), Some(1));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
