//! The intermediate representation: what the emitters need, with every Rust-facing decision
//! already made (names, nullability, boxing, defaults, redaction, documentation).
//!
//! Types refer to each other by their Rust name inside one service module; the emitters
//! never look at the Smithy model.

pub mod auth;
pub mod checksum;
mod closure;
pub mod customizations;
pub mod constraints;
mod defaults;
pub mod endpoints;
mod http;
pub mod json;
mod lower;
pub mod names;
mod nullability;
pub mod jmespath;
pub mod paginators;
pub mod pattern;
mod recursion;
pub mod waiters;
pub mod wire;

pub use defaults::DefaultValue;
pub use lower::{lower, lower_on, RESERVED_MODULES};

use crate::error::Diagnostic;
use crate::model::ShapeId;
use crate::model::traits::ErrorFault;

/// Everything to generate: one module per service.
#[derive(Clone, Debug, PartialEq)]
pub struct Crate {
    /// Services, sorted by module name.
    pub services: Vec<Service>,
    /// Constraints the generated `validate()` leaves out because the generator cannot check
    /// them, each naming the file, the shape carrying the trait and why; sorted, each once.
    pub warnings: Vec<Diagnostic>,
}

/// A service and the closure of shapes its (selected) operations reach.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    /// The service shape.
    pub id: ShapeId,
    /// The Rust module name.
    pub module: String,
    /// A human name for the service: its SDK ID, else its shape name.
    pub title: String,
    /// The service version.
    pub version: Option<String>,
    /// The wire protocol the service declares.
    pub protocol: Protocol,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// Operations, sorted by name.
    pub operations: Vec<Operation>,
    /// Generated types, sorted by name.
    pub types: Vec<TypeDef>,
    /// What the service's operations share on the wire; `None` for a protocol without
    /// wire code.
    pub wire: Option<wire::ServiceWire>,
    /// Endpoint resolution: the rule set and its parameters; `None` for a service without
    /// a rule set (or one the runtime cannot run, with a warning).
    pub endpoints: Option<endpoints::ServiceEndpoints>,
}

/// The protocol trait found on a service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0`.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`.
    AwsJson1_1,
    /// `aws.protocols#restJson1`.
    RestJson1,
    /// A protocol this generator does not implement yet, by trait ID.
    Unsupported(String),
    /// No protocol trait.
    None,
}

/// An operation, by the Rust names of its shapes.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The operation shape.
    pub id: ShapeId,
    /// The operation's name, e.g. `StartDataIngestionJob`.
    pub name: String,
    /// The client's method for it, e.g. `start_data_ingestion_job`.
    pub method: String,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// The input type; `None` for `smithy.api#Unit`.
    pub input: Option<String>,
    /// The output type; `None` for `smithy.api#Unit`.
    pub output: Option<String>,
    /// The error types: the operation's, then the service's.
    pub errors: Vec<String>,
    /// How the operation goes over the wire; `None` when its service's protocol has no wire
    /// code, or when the operation is refused (see `refused`).
    pub wire: Option<wire::OperationWire>,
    /// Why the operation has no wire code although its protocol has: a feature the generator
    /// does not support yet (an event stream, say). Also reported as a warning.
    pub refused: Option<String>,
    /// Where its endpoint parameters and host come from.
    pub endpoint: endpoints::OperationEndpoint,
    /// How its requests may be authenticated, in order of preference; never empty.
    pub auth: Vec<auth::AuthScheme>,
    /// `aws.auth#unsignedPayload`: the body is left out of the signature.
    pub unsigned_payload: bool,
    /// How the client pages through its results (`@paginated`); `None` when it is not
    /// paginated, or its trait does not resolve (with a warning).
    pub paginator: Option<paginators::Paginator>,
    /// Its waiters (`@waitable`) that check, sorted by name.
    pub waiters: Vec<waiters::Waiter>,
}

/// A generated type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeDef {
    /// A structure (possibly an error).
    Struct(Struct),
    /// A string enum or intEnum.
    Enum(Enum),
    /// A union.
    Union(Union),
}

impl Service {
    /// The generated type named `name`; `types` is sorted by name, so this is a binary search.
    pub fn type_named(&self, name: &str) -> Option<&TypeDef> {
        self.types.binary_search_by(|def| def.name().cmp(name)).ok().and_then(|i| self.types.get(i))
    }
}

impl TypeDef {
    /// The Rust type name.
    pub fn name(&self) -> &str {
        match self {
            Self::Struct(s) => &s.name,
            Self::Enum(e) => &e.name,
            Self::Union(u) => &u.name,
        }
    }
}

/// A structure with a builder.
#[derive(Clone, Debug, PartialEq)]
pub struct Struct {
    /// The shape it comes from.
    pub id: ShapeId,
    /// The Rust type name.
    pub name: String,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// Fields, sorted by wire name.
    pub fields: Vec<Field>,
    /// `@sensitive` on the structure: `Debug` shows nothing of it.
    pub sensitive: bool,
    /// Set when the structure is an error shape.
    pub error: Option<ErrorInfo>,
    /// Whether the structure has `validate()`: an operation input reaches it. What is
    /// checked is on each field.
    pub validated: bool,
    /// The Rust name of its builder type in the service's `builders` module
    /// ([`names::builder_name`]).
    pub builder: String,
}

/// How an error structure behaves as an error.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorInfo {
    /// Who is at fault.
    pub fault: ErrorFault,
    /// The HTTP status: `@httpError`, else 400 for client and 500 for server errors.
    pub status: u16,
    /// The field holding the error message (`message`, `Message` or `errorMessage`).
    pub message_field: Option<String>,
    /// Whether that field is `Option<String>`.
    pub message_optional: bool,
    /// Whether the message may be shown (it is not `@sensitive`).
    pub message_shown: bool,
    /// `@retryable`.
    pub retryable: bool,
    /// `@retryable(throttling: true)`: the service asks callers to slow down.
    pub throttling: bool,
}

/// A structure member.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The Rust field name.
    pub name: String,
    /// The member name in the model.
    pub wire_name: String,
    /// The value's type, without `Box` or `Option`.
    pub ty: RustType,
    /// Whether the value is boxed to break a recursive type.
    pub boxed: bool,
    /// Whether and how a value is always present.
    pub presence: Presence,
    /// Whether `Debug` must hide the value (`@sensitive` on the member or its target).
    pub redacted: bool,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// The shape the member targets.
    pub target: ShapeId,
    /// What `validate()` checks of the member (nothing unless the structure is validated).
    pub checks: constraints::MemberChecks,
    /// The member in a JSON body (its key and timestamp format), for a service whose
    /// protocol writes JSON.
    pub json: Option<json::JsonMember>,
    /// Where the member travels when its structure is an operation's input, output or
    /// error; `None` for structures that are only ever nested.
    pub binding: Option<wire::Binding>,
    /// The builder method that sets or clears the field, `set_x` ([`names::setter_name`]);
    /// claimed with the field's name, so no other field or builder method takes it.
    pub setter: String,
    /// The builder method that returns the value given so far, `get_x`
    /// ([`names::getter_name`]); claimed like [`setter`](Self::setter).
    pub getter: String,
}

impl Struct {
    /// Whether a field is a `@streaming` blob: such a structure is read once, so it is not
    /// `Clone`, and it is an operation's input or output and nothing else.
    pub fn holds_stream(&self) -> bool {
        self.fields.iter().any(Field::is_stream)
    }
}

impl Field {
    /// Whether the value is a `@streaming` blob.
    pub fn is_stream(&self) -> bool {
        self.ty == RustType::ByteStream
    }

    /// The value's type: boxed as decided, without the `Option` of an optional field.
    pub fn value_type(&self) -> RustType {
        if self.boxed {
            RustType::Box(Box::new(self.ty.clone()))
        } else {
            self.ty.clone()
        }
    }

    /// The field's full type: boxed and optional as decided.
    pub fn field_type(&self) -> RustType {
        let ty = self.value_type();
        match self.presence {
            Presence::Optional => RustType::Option(Box::new(ty)),
            _ => ty,
        }
    }
}

/// Whether a structure field always has a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Presence {
    /// `Option<T>`.
    Optional,
    /// `T`, which the builder requires.
    Required,
    /// `T`, which the builder fills with this default when unset.
    Default(DefaultValue),
}

/// An open string enum or intEnum.
#[derive(Clone, Debug, PartialEq)]
pub struct Enum {
    /// The shape it comes from.
    pub id: ShapeId,
    /// The Rust type name.
    pub name: String,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// The known values.
    pub variants: Vec<EnumVariant>,
    /// Whether values are integers (an intEnum) rather than strings.
    pub int: bool,
    /// `@sensitive`: `Debug` shows nothing.
    pub sensitive: bool,
}

/// A known enum value.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumVariant {
    /// The Rust variant name.
    pub name: String,
    /// The wire value.
    pub value: EnumValue,
    /// Rustdoc lines.
    pub docs: Vec<String>,
}

pub use crate::model::traits::EnumValue;

/// A union: exactly one member is set.
#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    /// The shape it comes from.
    pub id: ShapeId,
    /// The Rust type name.
    pub name: String,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// The members, sorted by wire name.
    pub variants: Vec<UnionVariant>,
    /// `@sensitive`: `Debug` shows nothing.
    pub sensitive: bool,
    /// Whether the union has `validate()`, as for [`Struct::validated`].
    pub validated: bool,
}

/// One member of a union.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionVariant {
    /// The Rust variant name.
    pub name: String,
    /// The member name in the model.
    pub wire_name: String,
    /// The value's type; `None` for a member targeting `smithy.api#Unit`.
    pub ty: Option<RustType>,
    /// Whether the value is boxed to break a recursive type.
    pub boxed: bool,
    /// Whether `Debug` must hide the value.
    pub redacted: bool,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// What `validate()` checks of the member's value.
    pub checks: constraints::MemberChecks,
    /// The member in a JSON body, as for [`Field::json`].
    pub json: Option<json::JsonMember>,
    /// The union's accessor method for this member ([`names::union_accessor`]): `as_x`,
    /// returning the value, for a member with a value; `is_x` for a unit member. Unique
    /// among the union's methods.
    pub accessor: String,
}

/// A Rust type a member can have.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(missing_docs)] // The variants are the Rust types of the same name.
pub enum RustType {
    Bool,
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
    String,
    /// `primitives::Blob`.
    Blob,
    /// `ByteStream`: a `@streaming` blob, never held in memory as a whole.
    ByteStream,
    /// `primitives::DateTime`.
    DateTime,
    /// `primitives::Document`.
    Document,
    /// `primitives::BigInteger`.
    BigInteger,
    /// `primitives::BigDecimal`.
    BigDecimal,
    /// A generated type of the same service module.
    Named(String),
    /// `Vec<T>`.
    List(Box<RustType>),
    /// `BTreeMap<K, V>`.
    Map(Box<RustType>, Box<RustType>),
    /// `Option<T>`: a sparse collection's entries, or an optional field.
    Option(Box<RustType>),
    /// `Box<T>`.
    Box(Box<RustType>),
}
