//! The Smithy model as loaded: shapes by absolute ID, with mixins flattened, `apply`
//! merged, the prelude added and every reference checked.
//!
//! Nothing here makes a Rust-facing decision; that is the IR's job.

mod checks;
mod load;
mod prelude;
mod resolve;
mod shape_id;
pub mod traits;
mod validate;

pub use load::json_files_in;
pub use shape_id::{is_identifier, ShapeId, PRELUDE_NAMESPACE};
pub use traits::Traits;

use crate::error::Result;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A loaded, resolved and checked model.
#[derive(Clone, Debug, Default)]
pub struct Model {
    shapes: BTreeMap<ShapeId, Shape>,
}

impl Model {
    /// Loads every `*.json` file of a folder (sorted by name) as one model.
    pub fn load_dir(dir: &Path) -> Result<Self> {
        let files = load::json_files_in(dir)?;
        Self::load_files(&files)
    }

    /// Loads the given JSON AST files as one model.
    /// Files are read and parsed on every core, each text dropped once parsed.
    pub fn load_files(files: &[PathBuf]) -> Result<Self> {
        let parsed = crate::parallel::map(files.iter().collect(), crate::parallel::available_threads(), |file| {
            let (file, text) = load::read(file)?;
            load::parse_file(&file, &text)
        });
        Self::from_parsed(parsed.into_iter().collect::<Result<Vec<_>>>()?)
    }

    /// Builds a model from `(file name, JSON text)` pairs; the names are only used in errors.
    pub fn from_sources(sources: &[(PathBuf, String)]) -> Result<Self> {
        let parsed = sources
            .iter()
            .map(|(file, text)| load::parse_file(file, text))
            .collect::<Result<Vec<_>>>()?;
        Self::from_parsed(parsed)
    }

    /// The model of the parsed files, in the order given.
    fn from_parsed(parsed: Vec<load::ParsedFile>) -> Result<Self> {
        let shapes = resolve::resolve(parsed)?;
        validate::validate(&shapes)?;
        checks::check(&shapes)?;
        Ok(Self { shapes })
    }

    /// The shape with this ID, prelude included.
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// Every shape, sorted by ID.
    pub fn shapes(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values()
    }

    /// Every service shape, sorted by ID.
    pub fn services(&self) -> impl Iterator<Item = (&Shape, &Service)> {
        self.shapes().filter_map(|shape| match &shape.kind {
            ShapeKind::Service(service) => Some((shape, service)),
            _ => None,
        })
    }
}

/// One shape: its kind with its members, its traits and where it was defined.
///
/// `T` is the trait representation: raw JSON while loading, [`Traits`] once resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape<T = Traits> {
    /// The absolute shape ID.
    pub id: ShapeId,
    /// What the shape is.
    pub kind: ShapeKind<T>,
    /// The shape's own traits (after mixins and `apply`).
    pub traits: T,
    /// The file that defined it; `None` for the prelude.
    pub source: Option<Arc<Path>>,
}

/// A member of an aggregate shape (or the member/key/value of a list or map).
#[derive(Clone, Debug, PartialEq)]
pub struct Member<T = Traits> {
    /// The member name, e.g. `size`, `member`, `key`.
    pub name: String,
    /// The shape the member targets.
    pub target: ShapeId,
    /// The member's own traits; the target's traits are not merged in.
    pub traits: T,
}

/// Members by name. Sorted, so that output never depends on the JSON key order.
pub type Members<T = Traits> = BTreeMap<String, Member<T>>;

/// The kinds of shape the JSON AST defines.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // The variants are the Smithy shape types of the same name.
pub enum ShapeKind<T = Traits> {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum(Members<T>),
    IntEnum(Members<T>),
    List(Box<Member<T>>),
    Map(Box<Member<T>>, Box<Member<T>>),
    Structure(Members<T>),
    Union(Members<T>),
    Operation(Operation),
    Service(Service),
    Resource(Resource),
}

impl<T> ShapeKind<T> {
    /// The Smithy name of the shape type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Blob => "blob",
            Self::Boolean => "boolean",
            Self::String => "string",
            Self::Byte => "byte",
            Self::Short => "short",
            Self::Integer => "integer",
            Self::Long => "long",
            Self::Float => "float",
            Self::Double => "double",
            Self::BigInteger => "bigInteger",
            Self::BigDecimal => "bigDecimal",
            Self::Timestamp => "timestamp",
            Self::Document => "document",
            Self::Enum(_) => "enum",
            Self::IntEnum(_) => "intEnum",
            Self::List(_) => "list",
            Self::Map(..) => "map",
            Self::Structure(_) => "structure",
            Self::Union(_) => "union",
            Self::Operation(_) => "operation",
            Self::Service(_) => "service",
            Self::Resource(_) => "resource",
        }
    }

    /// The named members of a structure, union, enum or intEnum.
    pub fn members(&self) -> Option<&Members<T>> {
        match self {
            Self::Enum(m) | Self::IntEnum(m) | Self::Structure(m) | Self::Union(m) => Some(m),
            _ => None,
        }
    }

    /// Every member, including a list's `member` and a map's `key` and `value`.
    pub fn all_members(&self) -> Vec<&Member<T>> {
        match self {
            Self::List(member) => vec![member],
            Self::Map(key, value) => vec![key, value],
            _ => self.members().map(|m| m.values().collect()).unwrap_or_default(),
        }
    }

    /// Converts every member (and so the trait representation), stopping at the first error.
    pub(crate) fn try_map_members<U, E>(
        self,
        mut f: impl FnMut(Member<T>) -> Result<Member<U>, E>,
    ) -> Result<ShapeKind<U>, E> {
        fn all<T, U, E>(members: Members<T>, f: &mut impl FnMut(Member<T>) -> Result<Member<U>, E>) -> Result<Members<U>, E> {
            members.into_iter().map(|(name, member)| Ok((name, f(member)?))).collect()
        }
        Ok(match self {
            Self::Blob => ShapeKind::Blob,
            Self::Boolean => ShapeKind::Boolean,
            Self::String => ShapeKind::String,
            Self::Byte => ShapeKind::Byte,
            Self::Short => ShapeKind::Short,
            Self::Integer => ShapeKind::Integer,
            Self::Long => ShapeKind::Long,
            Self::Float => ShapeKind::Float,
            Self::Double => ShapeKind::Double,
            Self::BigInteger => ShapeKind::BigInteger,
            Self::BigDecimal => ShapeKind::BigDecimal,
            Self::Timestamp => ShapeKind::Timestamp,
            Self::Document => ShapeKind::Document,
            Self::Enum(m) => ShapeKind::Enum(all(m, &mut f)?),
            Self::IntEnum(m) => ShapeKind::IntEnum(all(m, &mut f)?),
            Self::Structure(m) => ShapeKind::Structure(all(m, &mut f)?),
            Self::Union(m) => ShapeKind::Union(all(m, &mut f)?),
            Self::List(m) => ShapeKind::List(Box::new(f(*m)?)),
            Self::Map(k, v) => ShapeKind::Map(Box::new(f(*k)?), Box::new(f(*v)?)),
            Self::Operation(o) => ShapeKind::Operation(o),
            Self::Service(s) => ShapeKind::Service(s),
            Self::Resource(r) => ShapeKind::Resource(r),
        })
    }

    /// Whether values of this shape are data (not a service, operation or resource).
    pub fn is_data(&self) -> bool {
        !matches!(self, Self::Operation(_) | Self::Service(_) | Self::Resource(_))
    }
}

/// An operation: its input, output and errors. A missing input or output is `smithy.api#Unit`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Operation {
    /// The input structure.
    pub input: Option<ShapeId>,
    /// The output structure.
    pub output: Option<ShapeId>,
    /// The errors the operation can return, besides the service's.
    pub errors: Vec<ShapeId>,
}

/// A service: its operations, resources, common errors and shape renames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Service {
    /// The service version.
    pub version: Option<String>,
    /// Operations bound directly to the service.
    pub operations: Vec<ShapeId>,
    /// Resources bound to the service.
    pub resources: Vec<ShapeId>,
    /// Errors every operation of the service can return.
    pub errors: Vec<ShapeId>,
    /// Names that replace shape names inside this service's closure.
    pub rename: BTreeMap<ShapeId, String>,
}

/// A resource: its identifiers and the operations bound to it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resource {
    /// Identifier names and the string shapes they target.
    pub identifiers: BTreeMap<String, ShapeId>,
    /// Property names and their target shapes.
    pub properties: BTreeMap<String, ShapeId>,
    /// The lifecycle operations: create, put, read, update, delete and list, in that order.
    pub lifecycle: Vec<ShapeId>,
    /// Instance operations.
    pub operations: Vec<ShapeId>,
    /// Collection operations.
    pub collection_operations: Vec<ShapeId>,
    /// Child resources.
    pub resources: Vec<ShapeId>,
}

impl Resource {
    /// Every operation bound to the resource itself (not to its children).
    pub fn all_operations(&self) -> impl Iterator<Item = &ShapeId> {
        self.lifecycle.iter().chain(&self.operations).chain(&self.collection_operations)
    }
}
