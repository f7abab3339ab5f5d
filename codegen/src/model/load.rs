//! Reading JSON AST files into raw shapes: syntax and structure only, no cross-references.

use super::traits::RawTraits;
use super::{Member, Members, Operation, Resource, Service, Shape, ShapeId, ShapeKind};
use crate::error::{Diagnostic, Result};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A shape as written in one file, before mixins and `apply` are resolved.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct RawShape {
    pub shape: Shape<RawTraits>,
    pub mixins: Vec<ShapeId>,
}

/// An `apply` entry: traits to add to a shape or to one of its members.
#[derive(Clone, Debug)]
pub(super) struct Apply {
    pub shape: ShapeId,
    pub member: Option<String>,
    pub traits: RawTraits,
    pub source: Arc<Path>,
}

/// Everything one file defines.
#[derive(Debug, Default)]
pub(super) struct ParsedFile {
    pub shapes: Vec<RawShape>,
    pub applies: Vec<Apply>,
}

/// The `*.json` files directly inside `dir`, sorted by name: the files [`Model::load_dir`](super::Model::load_dir) reads.
pub fn json_files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Diagnostic::new(format!("cannot read the models folder: {e}")).in_file(dir))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Diagnostic::new(format!("cannot list the folder: {e}")).in_file(dir))?.path();
        if path.extension().is_some_and(|ext| ext == "json") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads a file into memory, naming it if that fails.
pub(super) fn read(file: &Path) -> Result<(PathBuf, String)> {
    std::fs::read_to_string(file)
        .map(|text| (file.to_path_buf(), text))
        .map_err(|e| Diagnostic::new(format!("cannot read the file: {e}")).in_file(file).into())
}

/// Parses one JSON AST document.
pub(super) fn parse_file(file: &Path, text: &str) -> Result<ParsedFile> {
    let source: Arc<Path> = Arc::from(file);
    let located = |d: Diagnostic| d.in_file(file);
    let root: Value = serde_json::from_str(text)
        .map_err(|e| located(Diagnostic::new(format!("malformed JSON: {e}"))))?;
    let Value::Object(mut root) = root else {
        return Err(located(Diagnostic::new("a Smithy JSON AST must be a JSON object")).into());
    };
    check_version(&root).map_err(|m| located(Diagnostic::new(m)))?;
    let mut parsed = ParsedFile::default();
    // Taken apart by value: trait values and names move into the shapes, uncopied.
    let shapes = match root.remove("shapes") {
        None => return Ok(parsed),
        Some(Value::Object(shapes)) => shapes,
        Some(_) => return Err(located(Diagnostic::new("`shapes` must be an object of shape ID to shape")).into()),
    };
    let mut problems = Vec::new();
    for (id, value) in shapes {
        match parse_entry(&id, value, &source) {
            Ok(Entry::Shape(shape)) => parsed.shapes.push(shape),
            Ok(Entry::Apply(apply)) => parsed.applies.push(apply),
            Err(message) => problems.push(located(Diagnostic::new(message).at(id))),
        }
    }
    if problems.is_empty() {
        Ok(parsed)
    } else {
        Err(crate::error::Error::new(problems))
    }
}

fn check_version(root: &Map<String, Value>) -> Result<(), String> {
    match root.get("smithy").and_then(Value::as_str) {
        Some("2" | "2.0" | "1" | "1.0") => Ok(()),
        Some(other) => Err(format!("unsupported Smithy version `{other}` (expected \"2.0\")")),
        None => Err("missing the top-level `smithy` version string".to_owned()),
    }
}

enum Entry {
    Shape(RawShape),
    Apply(Apply),
}

fn parse_entry(id: &str, value: Value, source: &Arc<Path>) -> Result<Entry, String> {
    let Value::Object(mut object) = value else { return Err("a shape must be a JSON object".to_owned()) };
    let kind = object.get("type").and_then(Value::as_str).ok_or("a shape needs a string `type`")?.to_owned();
    let traits = traits(object.remove("traits"))?;
    if kind == "apply" {
        let (shape, member) = match id.split_once('$') {
            Some((shape, member)) => (shape, Some(member.to_owned())),
            None => (id, None),
        };
        return Ok(Entry::Apply(Apply { shape: ShapeId::parse(shape)?, member, traits, source: source.clone() }));
    }
    let id = ShapeId::parse(id)?;
    let mut fields = Fields(object);
    let (kind, traits) = shape_kind(&kind, &mut fields, traits)?;
    let mixins = fields.targets("mixins")?;
    let shape = Shape { id, kind, traits, source: Some(source.clone()) };
    Ok(Entry::Shape(RawShape { shape, mixins }))
}

fn shape_kind(kind: &str, fields: &mut Fields, mut traits: RawTraits) -> Result<(ShapeKind<RawTraits>, RawTraits), String> {
    let kind = match kind {
        "blob" => ShapeKind::Blob,
        "boolean" => ShapeKind::Boolean,
        "string" => ShapeKind::String,
        "byte" => ShapeKind::Byte,
        "short" => ShapeKind::Short,
        "integer" => ShapeKind::Integer,
        "long" => ShapeKind::Long,
        "float" => ShapeKind::Float,
        "double" => ShapeKind::Double,
        "bigInteger" => ShapeKind::BigInteger,
        "bigDecimal" => ShapeKind::BigDecimal,
        "timestamp" => ShapeKind::Timestamp,
        "document" => ShapeKind::Document,
        "enum" => ShapeKind::Enum(fields.members(true)?),
        "intEnum" => ShapeKind::IntEnum(fields.members(true)?),
        "structure" => ShapeKind::Structure(fields.members(false)?),
        "union" => ShapeKind::Union(fields.members(true)?),
        "list" => ShapeKind::List(Box::new(fields.member("member")?)),
        "set" => {
            // Smithy 1.0 `set` is a list whose items are unique.
            traits.entry("smithy.api#uniqueItems".to_owned()).or_insert_with(|| Value::Object(Map::new()));
            ShapeKind::List(Box::new(fields.member("member")?))
        }
        "map" => ShapeKind::Map(Box::new(fields.member("key")?), Box::new(fields.member("value")?)),
        "operation" => ShapeKind::Operation(Operation {
            input: fields.optional_target("input")?,
            output: fields.optional_target("output")?,
            errors: fields.targets("errors")?,
        }),
        "service" => ShapeKind::Service(Service {
            version: fields.optional_string("version")?,
            operations: fields.targets("operations")?,
            resources: fields.targets("resources")?,
            errors: fields.targets("errors")?,
            rename: fields.rename()?,
        }),
        "resource" => ShapeKind::Resource(Resource {
            identifiers: fields.named_targets("identifiers")?,
            properties: fields.named_targets("properties")?,
            lifecycle: ["create", "put", "read", "update", "delete", "list"]
                .into_iter()
                .filter_map(|key| fields.optional_target(key).transpose())
                .collect::<Result<_, _>>()?,
            operations: fields.targets("operations")?,
            collection_operations: fields.targets("collectionOperations")?,
            resources: fields.targets("resources")?,
        }),
        other => return Err(format!("unknown shape type `{other}`")),
    };
    Ok((kind, traits))
}

fn traits(value: Option<Value>) -> Result<RawTraits, String> {
    match value {
        None => Ok(RawTraits::new()),
        Some(Value::Object(map)) => map
            .into_iter()
            .map(|(id, value)| match id.split_once('#') {
                Some((ns, name)) if !ns.is_empty() && !name.is_empty() => Ok((id, value)),
                _ => Err(format!("trait `{id}` is not an absolute shape ID")),
            })
            .collect(),
        Some(_) => Err("`traits` must be an object of trait ID to value".to_owned()),
    }
}

/// Typed access to the fields of a shape object, with messages that name the field.
/// Members are taken out, so that their traits move.
struct Fields(Map<String, Value>);

impl Fields {
    fn members(&mut self, required: bool) -> Result<Members<RawTraits>, String> {
        let Some(value) = self.0.remove("members") else {
            return if required { Err("this shape type needs `members`".to_owned()) } else { Ok(Members::new()) };
        };
        let Value::Object(object) = value else { return Err("`members` must be an object of name to member".to_owned()) };
        object
            .into_iter()
            .map(|(name, value)| {
                if !super::is_identifier(&name) {
                    return Err(format!("member name `{name}` is not a valid identifier"));
                }
                let member = parse_member(&name, value)?;
                Ok((name, member))
            })
            .collect()
    }

    fn member(&mut self, key: &str) -> Result<Member<RawTraits>, String> {
        let value = self.0.remove(key).ok_or_else(|| format!("this shape type needs `{key}`"))?;
        parse_member(key, value)
    }

    fn optional_target(&self, key: &str) -> Result<Option<ShapeId>, String> {
        self.0.get(key).map(|value| reference(key, value)).transpose()
    }

    fn targets(&self, key: &str) -> Result<Vec<ShapeId>, String> {
        match self.0.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items.iter().map(|item| reference(key, item)).collect(),
            Some(_) => Err(format!("`{key}` must be a list of {{\"target\": ID}} objects")),
        }
    }

    fn named_targets(&self, key: &str) -> Result<std::collections::BTreeMap<String, ShapeId>, String> {
        match self.0.get(key) {
            None => Ok(Default::default()),
            Some(Value::Object(map)) => map.iter().map(|(name, v)| Ok((name.clone(), reference(key, v)?))).collect(),
            Some(_) => Err(format!("`{key}` must be an object of name to {{\"target\": ID}}")),
        }
    }

    fn optional_string(&self, key: &str) -> Result<Option<String>, String> {
        match self.0.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("`{key}` must be a string")),
        }
    }

    fn rename(&self) -> Result<std::collections::BTreeMap<ShapeId, String>, String> {
        match self.0.get("rename") {
            None => Ok(Default::default()),
            Some(Value::Object(map)) => map
                .iter()
                .map(|(id, name)| {
                    let name = name.as_str().filter(|n| super::is_identifier(n));
                    let name = name.ok_or_else(|| format!("`rename` of `{id}` must be a valid shape name"))?;
                    Ok((ShapeId::parse(id)?, name.to_owned()))
                })
                .collect(),
            Some(_) => Err("`rename` must be an object of shape ID to name".to_owned()),
        }
    }
}

fn parse_member(name: &str, value: Value) -> Result<Member<RawTraits>, String> {
    let Value::Object(mut object) = value else { return Err(format!("member `{name}` must be an object")) };
    let target = object
        .get("target")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("member `{name}` needs a string `target`"))?;
    let target = ShapeId::parse(target).map_err(|e| format!("member `{name}`: {e}"))?;
    let traits = traits(object.remove("traits")).map_err(|e| format!("member `{name}`: {e}"))?;
    Ok(Member { name: name.to_owned(), target, traits })
}

fn reference(key: &str, value: &Value) -> Result<ShapeId, String> {
    let target = value
        .get("target")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("`{key}` must hold {{\"target\": ID}} objects"))?;
    ShapeId::parse(target).map_err(|e| format!("`{key}`: {e}"))
}
