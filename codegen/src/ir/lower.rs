//! Lowering: from the model to the IR, one service at a time.

use super::closure::{closure, Closure};
use super::defaults::default_value;
use super::names::{self, Scope};
use super::nullability::{client_presence, Nullability};
use super::recursion::boxed_members;
use super::{
    Crate, Enum, EnumValue, EnumVariant, ErrorInfo, Field, Operation, Presence, Protocol, RustType, Service, Struct,
    TypeDef, Union, UnionVariant,
};
use crate::docs::to_rustdoc;
use crate::error::{sort_unique, Diagnostic, Error, Result};
use crate::model::traits::ErrorFault;
use crate::model::{self, Member, Model, Shape, ShapeId, ShapeKind, Traits};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroUsize;

/// Names of the generated `lib.rs` that no service module may take: `runtime` re-exports
/// the runtime crate (see `emit::krate`).
pub const RESERVED_MODULES: [&str; 1] = ["runtime"];

/// How deep lists and maps may nest inside one another before the model is refused.
const MAX_COLLECTION_DEPTH: usize = 32;

/// Lowers every service of the model; with a selection, only the services and shapes the
/// selected operations need. Every selected operation must exist in some service.
pub fn lower(model: &Model, selection: Option<&BTreeSet<ShapeId>>) -> Result<Crate> {
    lower_on(model, selection, NonZeroUsize::MIN)
}

/// [`lower`] on up to `threads` threads, one service at a time on each: the same result
/// whatever the number of threads.
pub fn lower_on(model: &Model, selection: Option<&BTreeSet<ShapeId>>, threads: NonZeroUsize) -> Result<Crate> {
    let planned = plan(model, selection)?;
    let lowered = crate::parallel::map(planned, threads, |planned| {
        let lowering = Lowering::new(model, planned.shape, planned.service, &planned.closure);
        lowering.service(planned.module, &planned.closure)
    });
    let (mut services, mut warnings) = crate::error::gather(lowered)?;
    services.sort_by(|a, b| a.module.cmp(&b.module));
    sort_unique(&mut warnings);
    Ok(Crate { services, warnings })
}

/// A service to lower: its shape, the shapes its (selected) operations reach and the
/// module name it was given.
struct Planned<'m> {
    shape: &'m Shape,
    service: &'m model::Service,
    closure: Closure,
    module: String,
}

/// The services to lower, in shape ID order, each with a distinct module name: names are
/// claimed in that order, so they do not depend on how the lowering is shared out.
fn plan<'m>(model: &'m Model, selection: Option<&BTreeSet<ShapeId>>) -> Result<Vec<Planned<'m>>> {
    if let Some(selection) = selection {
        check_selection(model, selection)?;
    }
    let mut modules = Scope::with_reserved(&RESERVED_MODULES);
    let mut planned = Vec::new();
    for (shape, service) in model.services() {
        let closure = closure(model, service, selection);
        if selection.is_some() && closure.operations.is_empty() {
            continue;
        }
        let module = modules.claim(names::module_name(sdk_id(shape), shape.id.name()), "_");
        planned.push(Planned { shape, service, closure, module });
    }
    Ok(planned)
}

fn check_selection(model: &Model, selection: &BTreeSet<ShapeId>) -> Result<()> {
    let problems: Vec<Diagnostic> = selection
        .iter()
        .filter_map(|id| Some(Diagnostic::new(crate::selection::not_an_operation(model, id)?).at(id)))
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::new(problems))
    }
}

fn sdk_id(service: &Shape) -> Option<&str> {
    service.traits.other.get("aws.api#service")?.get("sdkId")?.as_str()
}

fn protocol(service: &Shape) -> Protocol {
    const PROTOCOLS: &[&str] = &[
        "aws.protocols#awsJson1_0",
        "aws.protocols#awsJson1_1",
        "aws.protocols#restJson1",
        "aws.protocols#restXml",
        "aws.protocols#awsQuery",
        "aws.protocols#ec2Query",
        "smithy.protocols#rpcv2Cbor",
    ];
    let found = PROTOCOLS.iter().find(|id| service.traits.has(id));
    match found.copied() {
        Some("aws.protocols#awsJson1_0") => Protocol::AwsJson1_0,
        Some("aws.protocols#awsJson1_1") => Protocol::AwsJson1_1,
        Some("aws.protocols#restJson1") => Protocol::RestJson1,
        Some(other) => Protocol::Unsupported(other.to_owned()),
        None => Protocol::None,
    }
}

/// Lowering state for one service: its type names and boxed members.
struct Lowering<'m> {
    model: &'m Model,
    service: &'m Shape,
    /// Rust type names of the shapes that become types.
    type_names: BTreeMap<ShapeId, String>,
    boxed: BTreeSet<(ShapeId, String)>,
}

impl<'m> Lowering<'m> {
    fn new(model: &'m Model, service: &'m Shape, definition: &'m model::Service, closure: &Closure) -> Self {
        let mut candidates: Vec<(String, &ShapeId)> = closure
            .shapes
            .iter()
            .filter(|id| model.shape(id).is_some_and(becomes_type))
            .map(|id| {
                let name = definition.rename.get(id).map_or(id.name(), String::as_str);
                (names::type_name(name), id)
            })
            .collect();
        candidates.sort();
        let mut scope = Scope::default();
        let type_names = candidates.into_iter().map(|(name, id)| (id.clone(), scope.claim(name, ""))).collect();
        Self { model, service, type_names, boxed: boxed_members(model, &closure.shapes) }
    }

    /// The service, and the warnings: constraints its `validate()` leaves out, operations
    /// refused wire code.
    fn service(&self, module: String, closure: &Closure) -> Result<(Service, Vec<Diagnostic>)> {
        let mut problems = Vec::new();
        let mut types = Vec::new();
        for id in self.type_names.keys() {
            match self.shape(id).and_then(|shape| self.type_def(shape)) {
                Ok(def) => types.push(def),
                Err(problem) => problems.push(problem),
            }
        }
        if !problems.is_empty() {
            return Err(Error::new(problems));
        }
        types.sort_by(|a, b| a.name().cmp(b.name()));
        let mut warnings = super::constraints::attach(self.model, &closure.operations, &self.type_names, &mut types)?;
        let mut operations = closure.operations.iter().map(|id| self.operation(id)).collect::<Result<Vec<_>, _>>()?;
        operations.sort_by(|a, b| a.name.cmp(&b.name));
        let mut methods = names::Scope::with_reserved(names::CLIENT_RESERVED);
        for op in &mut operations {
            op.method = methods.claim(names::snake_name(&op.name), "_");
        }
        let title = sdk_id(self.service).unwrap_or(self.service.id.name()).to_owned();
        let version = match &self.service.kind {
            ShapeKind::Service(service) => service.version.clone(),
            _ => None,
        };
        let mut service = Service {
            id: self.service.id.clone(),
            module,
            title,
            version,
            protocol: protocol(self.service),
            docs: docs(&self.service.traits),
            operations,
            types,
            wire: None,
            endpoints: None,
        };
        warnings.extend(super::wire::lower(self.model, self.service, &mut service)?);
        warnings.extend(super::endpoints::lower(self.model, self.service, &mut service));
        warnings.extend(super::auth::lower(self.model, self.service, &mut service));
        warnings.extend(super::paginators::lower(self.model, self.service, &mut service));
        warnings.extend(super::waiters::lower(self.model, self.service, &mut service));
        Ok((service, warnings))
    }

    fn shape(&self, id: &ShapeId) -> Result<&'m Shape, Diagnostic> {
        self.model.shape(id).ok_or_else(|| Diagnostic::new("refers to a shape that does not exist").at(id))
    }

    fn type_name(&self, id: &ShapeId) -> Result<String, Diagnostic> {
        self.type_names.get(id).cloned().ok_or_else(|| Diagnostic::new("has no generated type").at(id))
    }

    fn operation(&self, id: &ShapeId) -> Result<Operation, Diagnostic> {
        let shape = self.shape(id)?;
        let ShapeKind::Operation(operation) = &shape.kind else {
            return Err(Diagnostic::new("is bound as an operation but is not one").at(id));
        };
        let io = |target: &Option<ShapeId>| -> Result<Option<String>, Diagnostic> {
            match target {
                Some(id) if !self.shape(id)?.traits.unit_type => Ok(Some(self.type_name(id)?)),
                _ => Ok(None),
            }
        };
        let service_errors = match &self.service.kind {
            ShapeKind::Service(service) => service.errors.as_slice(),
            _ => &[],
        };
        let mut errors = Vec::new();
        for error in operation.errors.iter().chain(service_errors) {
            let name = self.type_name(error)?;
            if !errors.contains(&name) {
                errors.push(name);
            }
        }
        Ok(Operation {
            id: id.clone(),
            name: names::type_name(id.name()),
            method: String::new(),
            docs: docs(&shape.traits),
            input: io(&operation.input)?,
            output: io(&operation.output)?,
            errors,
            wire: None,
            refused: None,
            endpoint: Default::default(),
            auth: Vec::new(),
            unsigned_payload: false,
            paginator: None,
            waiters: Vec::new(),
        })
    }

    fn type_def(&self, shape: &Shape) -> Result<TypeDef, Diagnostic> {
        let located = |d: Diagnostic| d.at(&shape.id).in_source(shape.source.as_deref());
        match &shape.kind {
            ShapeKind::Structure(members) => self.structure(shape, members).map(TypeDef::Struct),
            ShapeKind::Union(members) => self.union(shape, members).map(TypeDef::Union),
            ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::String => {
                Ok(TypeDef::Enum(self.enumeration(shape)?))
            }
            other => Err(Diagnostic::new(format!("a {} does not become a type", other.type_name()))),
        }
        .map_err(located)
    }

    fn structure(&self, shape: &Shape, members: &model::Members) -> Result<Struct, Diagnostic> {
        let mut scope = Scope::with_reserved(&["build"]);
        let mut fields = Vec::with_capacity(members.len());
        for member in members.values() {
            let name = scope.claim_with(names::snake_name(&member.name), "_", names::builder_methods);
            fields.push(self.field(shape, member, name)?);
        }
        let error = shape.traits.error.map(|fault| error_info(fault, &shape.traits, &fields));
        let name = self.type_name(&shape.id)?;
        let builder = names::builder_name(&name);
        Ok(Struct {
            id: shape.id.clone(),
            name,
            docs: docs_or(&shape.traits, || format!("The `{}` structure.", shape.id.name())),
            fields,
            sensitive: shape.traits.sensitive,
            error,
            validated: false,
            builder,
        })
    }

    fn field(&self, container: &Shape, member: &Member, name: String) -> Result<Field, Diagnostic> {
        let at = |d: Diagnostic| d.at(container.id.member(&member.name));
        let target = self.shape(&member.target).map_err(at)?;
        let ty = self.rust_type(&member.target, 0).map_err(at)?;
        let presence = match client_presence(&container.traits, &member.traits, &target.traits) {
            Nullability::Optional => Presence::Optional,
            Nullability::Required(None) => Presence::Required,
            Nullability::Required(Some(value)) | Nullability::Defaulted(value) => {
                Presence::Default(self.default(value, &ty, target).map_err(|m| at(Diagnostic::new(m)))?)
            }
        };
        let (setter, getter) = (names::setter_name(&name), names::getter_name(&name));
        Ok(Field {
            name,
            wire_name: member.name.clone(),
            boxed: self.boxed.contains(&(container.id.clone(), member.name.clone())),
            presence,
            redacted: member.traits.sensitive || self.redacts(target, 0),
            docs: member_docs(member, target),
            target: member.target.clone(),
            ty,
            checks: Default::default(),
            json: None,
            binding: None,
            setter,
            getter,
        })
    }

    fn default(&self, value: &Value, ty: &RustType, target: &Shape) -> Result<super::DefaultValue, String> {
        let variant_of = |value: &Value| {
            let variants = enum_variants(target).ok()?;
            variants
                .into_iter()
                .find(|v| match (&v.value, value) {
                    (EnumValue::String(s), Value::String(wanted)) => s == wanted,
                    (EnumValue::Int(i), Value::Number(wanted)) => wanted.as_i64() == Some(i64::from(*i)),
                    _ => false,
                })
                .map(|v| v.name)
        };
        default_value(value, ty, variant_of)
    }

    fn union(&self, shape: &Shape, members: &model::Members) -> Result<Union, Diagnostic> {
        let mut scope = Scope::with_reserved(&[names::UNKNOWN_VARIANT]);
        let mut methods = Scope::with_reserved(names::UNION_RESERVED_METHODS);
        let mut variants = Vec::with_capacity(members.len());
        for member in members.values() {
            let target = self.shape(&member.target)?;
            let ty = if target.traits.unit_type { None } else { Some(self.rust_type(&member.target, 0)?) };
            let name = scope.claim(names::variant_name(&member.name), "");
            let accessor = names::union_accessor(&name, ty.is_some(), &mut methods);
            variants.push(UnionVariant {
                name,
                wire_name: member.name.clone(),
                ty,
                boxed: self.boxed.contains(&(shape.id.clone(), member.name.clone())),
                redacted: member.traits.sensitive || self.redacts(target, 0),
                docs: member_docs(member, target),
                checks: Default::default(),
                json: None,
                accessor,
            });
        }
        Ok(Union {
            id: shape.id.clone(),
            name: self.type_name(&shape.id)?,
            docs: docs_or(&shape.traits, || format!("The `{}` union.", shape.id.name())),
            variants,
            sensitive: shape.traits.sensitive,
            validated: false,
        })
    }

    fn enumeration(&self, shape: &Shape) -> Result<Enum, Diagnostic> {
        Ok(Enum {
            id: shape.id.clone(),
            name: self.type_name(&shape.id)?,
            docs: docs_or(&shape.traits, || format!("The `{}` enumeration.", shape.id.name())),
            variants: enum_variants(shape).map_err(Diagnostic::new)?,
            int: matches!(shape.kind, ShapeKind::IntEnum(_)),
            sensitive: shape.traits.sensitive,
        })
    }

    /// The Rust type of values of a shape.
    fn rust_type(&self, id: &ShapeId, depth: usize) -> Result<RustType, Diagnostic> {
        if depth > MAX_COLLECTION_DEPTH {
            return Err(Diagnostic::new("lists and maps nest too deeply, or contain themselves").at(id));
        }
        let shape = self.shape(id)?;
        let entry = |member: &Member| -> Result<RustType, Diagnostic> {
            let ty = self.rust_type(&member.target, depth + 1)?;
            Ok(if shape.traits.sparse { RustType::Option(Box::new(ty)) } else { ty })
        };
        Ok(match &shape.kind {
            ShapeKind::Blob if shape.traits.streaming => RustType::ByteStream,
            ShapeKind::Blob => RustType::Blob,
            ShapeKind::Boolean => RustType::Bool,
            ShapeKind::String if shape.traits.legacy_enum.is_some() => RustType::Named(self.type_name(id)?),
            ShapeKind::String => RustType::String,
            ShapeKind::Byte => RustType::I8,
            ShapeKind::Short => RustType::I16,
            ShapeKind::Integer => RustType::I32,
            ShapeKind::Long => RustType::I64,
            ShapeKind::Float => RustType::F32,
            ShapeKind::Double => RustType::F64,
            ShapeKind::BigInteger => RustType::BigInteger,
            ShapeKind::BigDecimal => RustType::BigDecimal,
            ShapeKind::Timestamp => RustType::DateTime,
            ShapeKind::Document => RustType::Document,
            ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::Structure(_) | ShapeKind::Union(_) => {
                RustType::Named(self.type_name(id)?)
            }
            ShapeKind::List(member) => RustType::List(Box::new(entry(member)?)),
            ShapeKind::Map(key, value) => {
                RustType::Map(Box::new(self.rust_type(&key.target, depth + 1)?), Box::new(entry(value)?))
            }
            other => return Err(Diagnostic::new(format!("a {} cannot be a member's type", other.type_name())).at(id)),
        })
    }

    /// Whether `Debug` must hide a value of this shape where it is held. Generated types
    /// redact themselves; simple values and collections are hidden by the holder.
    fn redacts(&self, shape: &Shape, depth: usize) -> bool {
        if becomes_type(shape) || depth > MAX_COLLECTION_DEPTH {
            return false;
        }
        shape.traits.sensitive
            || shape.kind.all_members().into_iter().any(|member| {
                member.traits.sensitive || self.model.shape(&member.target).is_some_and(|t| self.redacts(t, depth + 1))
            })
    }
}

/// Shapes that become a generated type; the others map onto Rust or runtime types.
fn becomes_type(shape: &Shape) -> bool {
    match &shape.kind {
        ShapeKind::Structure(_) => !shape.traits.unit_type && shape.traits.mixin.is_none(),
        ShapeKind::Union(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_) => shape.traits.mixin.is_none(),
        ShapeKind::String => shape.traits.legacy_enum.is_some(),
        _ => false,
    }
}

/// The variants of an enum, intEnum or legacy string enum, named uniquely.
fn enum_variants(shape: &Shape) -> Result<Vec<EnumVariant>, String> {
    let mut scope = Scope::with_reserved(&[names::UNKNOWN_VARIANT]);
    let mut name = |text: &str| scope.claim(names::variant_name(text), "");
    match (&shape.kind, &shape.traits.legacy_enum) {
        (ShapeKind::Enum(members) | ShapeKind::IntEnum(members), _) => members
            .values()
            .map(|member| {
                let value = match &member.traits.enum_value {
                    Some(value) => value.clone(),
                    None if matches!(shape.kind, ShapeKind::Enum(_)) => EnumValue::String(member.name.clone()),
                    None => return Err(format!("intEnum member `{}` has no value", member.name)),
                };
                let fallback = || format!("The `{}` value.", display_value(&value));
                Ok(EnumVariant { name: name(&member.name), docs: docs_or(&member.traits, fallback), value })
            })
            .collect(),
        (ShapeKind::String, Some(definitions)) => Ok(definitions
            .iter()
            .map(|definition| {
                let traits = Traits { documentation: definition.documentation.clone(), ..Traits::default() };
                let mut docs = docs_or(&traits, || format!("The `{}` value.", definition.value));
                if definition.deprecated {
                    docs.extend(["".to_owned(), "**Deprecated.**".to_owned()]);
                }
                EnumVariant {
                    name: name(definition.name.as_deref().unwrap_or(&definition.value)),
                    value: EnumValue::String(definition.value.clone()),
                    docs,
                }
            })
            .collect()),
        _ => Err(format!("a {} is not an enumeration", shape.kind.type_name())),
    }
}

fn display_value(value: &EnumValue) -> String {
    match value {
        EnumValue::String(s) => s.clone(),
        EnumValue::Int(i) => i.to_string(),
    }
}

fn error_info(fault: ErrorFault, traits: &Traits, fields: &[Field]) -> ErrorInfo {
    let message = ["message", "Message", "errorMessage", "ErrorMessage"]
        .iter()
        .find_map(|wire| fields.iter().find(|f| f.wire_name == *wire && f.ty == RustType::String));
    ErrorInfo {
        fault,
        status: traits.http_error.unwrap_or(match fault {
            ErrorFault::Client => 400,
            ErrorFault::Server => 500,
        }),
        message_field: message.map(|f| f.name.clone()),
        message_optional: message.is_some_and(|f| f.presence == Presence::Optional),
        message_shown: message.is_some_and(|f| !f.redacted),
        retryable: traits.retryable,
        throttling: traits.throttling,
    }
}

/// Rustdoc lines of a shape or member: its documentation, then any deprecation.
fn docs(traits: &Traits) -> Vec<String> {
    let mut lines = traits.documentation.as_deref().map(to_rustdoc).unwrap_or_default();
    if let Some(deprecation) = &traits.deprecated {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        let message = deprecation.as_deref().map(to_rustdoc).unwrap_or_default().join(" ");
        lines.push(format!("**Deprecated.** {message}").trim_end().to_owned());
    }
    lines
}

/// Like [`docs`], with a sentence of its own where the model says nothing, so that every
/// public item is documented.
fn docs_or(traits: &Traits, fallback: impl FnOnce() -> String) -> Vec<String> {
    let lines = docs(traits);
    if lines.is_empty() {
        vec![fallback()]
    } else {
        lines
    }
}

/// A member's documentation is its own, else its target's (prelude shapes say nothing
/// useful), else a sentence naming it.
fn member_docs(member: &Member, target: &Shape) -> Vec<String> {
    let own = docs(&member.traits);
    if !own.is_empty() {
        return own;
    }
    let inherited = if target.id.is_prelude() { Vec::new() } else { docs(&target.traits) };
    if inherited.is_empty() {
        vec![format!("The `{}` member.", member.name)]
    } else {
        inherited
    }
}
