//! A service module: its documentation, its types and a `builders` submodule.

use super::builder::builder;
use super::json::JsonCodec;
use super::operation;
use super::pieces::Piece;
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
pub(super) fn module_body(service: &Service, settings: &Settings) -> Result<(Vec<Piece>, Vec<Diagnostic>), Diagnostic> {
    let checks = ModuleChecks::new(&service.types);
    let mut pieces: Vec<Piece> = vec![inner_doc_attrs(&module_docs(service)).into(), checks.preamble().into()];
    pieces.extend(service.types.iter().map(|def| -> Piece {
        match def {
            TypeDef::Struct(s) => {
                let validation = s.validated.then(|| struct_validation(s, &checks));
                let item = structure(s);
                quote!(#item #validation)
            }
            TypeDef::Enum(e) => enumeration(e),
            TypeDef::Union(u) => {
                let validation = u.validated.then(|| union_validation(u, &checks));
                let item = union(u);
                quote!(#item #validation)
            }
        }
        .into()
    }));
    pieces.push(checks.enum_impls().into());
    pieces.push(checks.items().into());
    let builders_doc = doc_attrs(&[format!("Builders for the structures of [`{}`](super).", service.module)]);
    let builders = service.types.iter().filter_map(|def| match def {
        TypeDef::Struct(s) => Some(builder(s).into()),
        _ => None,
    });
    pieces.push(Piece::Module { head: quote!(#builders_doc pub mod builders), body: builders.collect() });
    if let Some(endpoints) = &service.endpoints {
        pieces.push(super::endpoints::module(service, endpoints).into());
    }
    pieces.push(super::waiters::module(service).into());
    let warnings = match &service.wire {
        Some(wire) => {
            let codec = JsonCodec::new(service, wire);
            let docs = quote! {
                //! JSON writers and readers shared by the operations of this service.
            };
            let mut codec_items: Vec<Piece> = vec![docs.into()];
            codec_items.extend(codec.functions().map_err(|e| e.at(&service.id))?.into_iter().map(Piece::from));
            let errors = super::response::error_readers(&codec).map_err(|e| e.at(&service.id))?;
            codec_items.extend(errors.into_iter().map(Piece::from));
            pieces.push(Piece::Module { head: quote!(mod codec), body: codec_items });
            let (operations, refused) =
                operation::module(&codec, &service.operations, service.endpoints.is_some(), settings.client);
            pieces.push(Piece::Module { head: quote!(pub mod operations), body: operations });
            if settings.client {
                pieces.push(super::client::module(service).into());
            }
            refused
        }
        None => Vec::new(),
    };
    if settings.params {
        pieces.push(super::params::service_impls(service).into());
    }
    Ok((pieces, warnings))
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
pub(super) fn inline_module(service: &Service, settings: &Settings) -> Result<(Piece, Vec<Diagnostic>), Diagnostic> {
    let name = ident(&service.module);
    let (body, warnings) = module_body(service, settings)?;
    Ok((Piece::Module { head: quote!(pub mod #name), body }, warnings))
}
