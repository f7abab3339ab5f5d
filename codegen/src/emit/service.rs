//! A service module: its documentation, its types and a `builders` submodule.

use super::builder::builder;
use super::json::JsonCodec;
use super::operation;
use super::pieces::Parsed;
use super::common::{doc_attrs, inner_doc_attrs, ident};
use super::enums::enumeration;
use super::structure::structure;
use super::union::union;
use super::validate::{struct_validation, union_validation, ModuleChecks};
use crate::error::Diagnostic;
use crate::ir::{Operation, Protocol, Service, TypeDef};
use crate::Settings;
use quote::quote;

/// The items of a service module, with its documentation as inner attributes; `params`
/// adds the test-support conversions from params JSON. Also the warnings: operations
/// refused at emission.
pub(super) fn module_body(service: &Service, settings: &Settings, out: &mut Parsed<'_>) -> Result<Vec<Diagnostic>, Diagnostic> {
    let checks = ModuleChecks::new(&service.types);
    out.push(inner_doc_attrs(&module_docs(service)))?;
    out.push(checks.preamble())?;
    for def in &service.types {
        match def {
            TypeDef::Struct(s) => {
                out.push(structure(s))?;
                if s.validated {
                    out.push(struct_validation(s, &checks))?;
                }
            }
            TypeDef::Enum(e) => out.push(enumeration(e))?,
            TypeDef::Union(u) => {
                out.push(union(u))?;
                if u.validated {
                    out.push(union_validation(u, &checks))?;
                }
            }
        }
    }
    out.push(checks.enum_impls())?;
    out.push(checks.items())?;
    let builders_doc = doc_attrs(&[format!("Builders for the structures of [`{}`](super).", service.module)]);
    out.module(quote!(#builders_doc pub mod builders), |out| {
        service.types.iter().try_for_each(|def| match def {
            TypeDef::Struct(s) => out.push(builder(s)),
            _ => Ok(()),
        })
    })?;
    if let Some(endpoints) = &service.endpoints {
        out.push(super::endpoints::module(service, endpoints))?;
    }
    out.push(super::waiters::module(service))?;
    let Some(wire) = &service.wire else { return Ok(Vec::new()) };
    let codec = JsonCodec::new(service, wire);
    out.module(quote!(mod codec), |out| {
        out.push(quote! {
            //! JSON writers and readers shared by the operations of this service.
        })?;
        for item in codec.functions().chain(super::response::error_readers(&codec)) {
            out.push(item.map_err(|e| e.at(&service.id))?)?;
        }
        Ok(())
    })?;
    let mut warnings = Vec::new();
    out.module(quote!(pub mod operations), |out| {
        warnings = operation::module(out, &codec, &service.operations, service.endpoints.is_some(), settings.client)?;
        Ok(())
    })?;
    if settings.client {
        out.push(super::client::module(service))?;
    }
    if settings.params {
        out.push(super::params::service_impls(service))?;
    }
    Ok(warnings)
}

/// The service's own documentation, then what the module holds.
fn module_docs(service: &Service) -> Vec<String> {
    let mut lines = vec![format!("Types of the {} service (`{}`).", service.title, service.id)];
    if !service.docs.is_empty() {
        lines.push(String::new());
        lines.extend(service.docs.iter().cloned());
    }
    lines.push(String::new());
    let version = service.version.as_deref().map(|v| format!(", API version `{v}`")).unwrap_or_default();
    lines.push(format!("Protocol: {}{version}.", protocol_name(&service.protocol)));
    if !service.operations.is_empty() {
        lines.extend([String::new(), "# Operations".to_owned(), String::new()]);
        lines.extend(service.operations.iter().map(operation_line));
    }
    lines
}

fn protocol_name(protocol: &Protocol) -> String {
    match protocol {
        Protocol::AwsJson1_0 => "`awsJson1_0`".to_owned(),
        Protocol::AwsJson1_1 => "`awsJson1_1`".to_owned(),
        Protocol::RestJson1 => "`restJson1`".to_owned(),
        Protocol::Unsupported(id) => format!("`{id}` (not supported yet: types only)"),
        Protocol::None => "none declared".to_owned(),
    }
}

/// `- `Name`: [`Input`] → [`Output`]; errors: [`A`], [`B`]`.
fn operation_line(op: &Operation) -> String {
    // `struct@` keeps a shape named like a std macro (`Default`) from being ambiguous.
    let link = |name: &Option<String>| name.as_ref().map_or_else(|| "nothing".to_owned(), |n| format!("[`{n}`](struct@{n})"));
    let mut line = format!("- `{}`: {} → {}", op.name, link(&op.input), link(&op.output));
    if !op.errors.is_empty() {
        let errors: Vec<String> = op.errors.iter().map(|e| format!("[`{e}`](struct@{e})")).collect();
        line.push_str(&format!("; errors: {}", errors.join(", ")));
    }
    line.push('.');
    line
}

/// `pub mod name { … }` holding a whole service, for single-file output.
pub(super) fn inline_module(service: &Service, settings: &Settings, out: &mut Parsed<'_>) -> Result<Vec<Diagnostic>, Diagnostic> {
    let name = ident(&service.module);
    let mut warnings = Vec::new();
    out.module(quote!(pub mod #name), |out| {
        warnings = module_body(service, settings, out)?;
        Ok(())
    })?;
    Ok(warnings)
}
