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
use crate::ir::wire::ServiceWire;
use crate::ir::{Operation, Protocol, Service, TypeDef};
use crate::Settings;
use quote::quote;

/// Pushes the items of a service module to `out`, with its documentation as inner
/// attributes; `params` adds the test-support conversions from params JSON. Returns the
/// warnings: operations refused at emission.
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
    let warnings = match &service.wire {
        Some(wire) => wire_modules(service, wire, settings, out)?,
        None => Vec::new(),
    };
    if settings.params {
        out.push(super::params::service_impls(service))?;
    }
    Ok(warnings)
}

/// The code of a service whose protocol has wire code: the `codec` and `operations`
/// modules, then the client. Returns the operations refused at emission.
fn wire_modules(
    service: &Service,
    wire: &ServiceWire,
    settings: &Settings,
    out: &mut Parsed<'_>,
) -> Result<Vec<Diagnostic>, Diagnostic> {
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
    let has_rule_set = service.endpoints.is_some();
    let warnings = out.module(quote!(pub mod operations), |out| {
        operation::module(out, &codec, &service.operations, has_rule_set, settings.client)
    })?;
    if settings.client {
        out.push(super::client::module(service))?;
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
    out.module(quote!(pub mod #name), |out| module_body(service, settings, out))
}

#[cfg(test)]
mod tests {
    use crate::model::Model;
    use crate::Settings;
    use std::path::PathBuf;

    /// A service with one operation and the given protocol trait (none when empty).
    fn model(protocol: &str) -> Model {
        let traits = if protocol.is_empty() { String::new() } else { format!(r#", "traits": {{"{protocol}": {{}}}}"#) };
        let json = format!(
            r#"{{"smithy": "2.0", "shapes": {{
                "ex#S": {{"type": "service", "version": "1", "operations": [{{"target": "ex#Op"}}]{traits}}},
                "ex#Op": {{"type": "operation", "input": {{"target": "ex#In"}}}},
                "ex#In": {{"type": "structure", "members": {{"a": {{"target": "smithy.api#String"}}}}}}
            }}}}"#
        );
        Model::from_sources(&[(PathBuf::from("ex.json"), json)]).expect("the model loads")
    }

    #[test]
    fn params_conversions_come_with_every_service_wire_code_or_not() {
        let settings = Settings { params: true, ..Settings::default() };
        for protocol in ["aws.protocols#awsJson1_0", "aws.protocols#restXml", ""] {
            let code = crate::generate_file(&model(protocol), &settings).expect("it generates").code;
            assert!(code.contains("mod from_params"), "{protocol:?}: no params conversions in\n{code}");
            let wire = protocol == "aws.protocols#awsJson1_0";
            assert_eq!(code.contains("pub mod operations"), wire, "{protocol:?}: {code}");
        }
    }
}
