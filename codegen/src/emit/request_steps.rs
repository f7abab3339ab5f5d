//! The steps of `request` beyond the protocol's serialization, from the operation's wire IR:
//! SDK defaults applied to the input first, then, once the request is built, the body's
//! compression and the checksums over the bytes sent (in that order: checksums cover the
//! compressed body; signing, later, covers both).

use super::common::{ident, Place};
use super::json::{bug, field_ident, JsonCodec};
use crate::error::Diagnostic;
use crate::ir::checksum::RequestChecksum;
use crate::ir::customizations::Customization;
use crate::ir::wire::OperationWire;
use crate::ir::{Field, Presence, RustType, Struct, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

/// Whether the steps after the request is built read the request options.
pub(super) fn use_options(wire: &OperationWire) -> bool {
    wire.request_compression || matches!(wire.checksum, RequestChecksum::Flexible { .. })
}

/// Sentences for the doc of `request` about these steps (empty when there are none).
pub(super) fn doc_note(wire: &OperationWire) -> String {
    let mut note = String::new();
    if wire.request_compression {
        note.push_str(" The body is gzipped as `options` say (`@requestCompression`; a stream whatever its size).");
    }
    match &wire.checksum {
        RequestChecksum::None => {}
        RequestChecksum::Md5 => note.push_str(" `Content-MD5` is sent: a stream must be held in memory."),
        RequestChecksum::Flexible { required, .. } => note.push_str(if *required {
            " A checksum of the body is sent (`x-amz-checksum-*`): a stream must be held in memory."
        } else {
            " A checksum of the body is sent (`x-amz-checksum-*`) as `options` say, when the body is in memory."
        }),
    }
    if wire.customizations.contains(&Customization::GlacierChecksums) {
        note.push_str(
            " Glacier's `x-amz-sha256-tree-hash` and `x-amz-content-sha256` are computed over the body, which \
             must be in memory: a stream that is not is an error.",
        );
    }
    note
}

/// Statements that give unset or empty fields their SDK defaults, before the input is
/// validated: on the owned input (a streaming operation's), in place; on a borrowed one, on a
/// copy made only when a default applies.
pub(super) fn defaults(wire: &OperationWire, input: Option<&Struct>) -> Result<TokenStream, Diagnostic> {
    let Some(input) = input else { return Ok(quote!()) };
    let mut out = TokenStream::new();
    for customization in &wire.customizations {
        let Customization::DefaultValue { field, value } = customization else { continue };
        let f = input
            .fields
            .iter()
            .find(|f| &f.name == field)
            .ok_or_else(|| bug(format!("the default of `{field}` is no field of the input")))?;
        let name = field_ident(f);
        let (unset, set) = match (&f.presence, &f.ty) {
            (Presence::Optional, RustType::String) => {
                (quote!(input.#name.as_deref().is_none_or(str::is_empty)), quote!(Some(#value.to_owned())))
            }
            (_, RustType::String) => (quote!(input.#name.is_empty()), quote!(#value.to_owned())),
            _ => return Err(bug(format!("the default of `{field}` needs a string field"))),
        };
        out.extend(if wire.streaming_input {
            quote! {
                let mut input = input;
                if #unset {
                    input.#name = #set;
                }
            }
        } else {
            let ty = Place::Builders.type_path(&input.name);
            quote! {
                let defaulted;
                let input = if #unset {
                    defaulted = #ty { #name: #set, ..input.clone() };
                    &defaulted
                } else {
                    input
                };
            }
        });
    }
    Ok(out)
}

/// Statements on the built `request` (`mut`): customized checksums, compression, checksums.
pub(super) fn after_build(
    codec: &JsonCodec<'_>,
    wire: &OperationWire,
    fields: &[Field],
) -> Result<TokenStream, Diagnostic> {
    let wire_fns = quote!(::smithy_runtime::__private::wire);
    let mut out = TokenStream::new();
    if wire.request_compression {
        out.extend(match wire.streaming_input {
            true => quote!(#wire_fns::compress_streaming_request(&mut request, options)?;),
            false => quote!(#wire_fns::compress_request(&mut request, options)?;),
        });
    }
    if wire.customizations.contains(&Customization::GlacierChecksums) {
        out.extend(quote!(#wire_fns::add_glacier_checksums(&mut request)?;));
    }
    match &wire.checksum {
        RequestChecksum::None => {}
        RequestChecksum::Md5 => out.extend(quote!(#wire_fns::add_content_md5(&mut request)?;)),
        RequestChecksum::Flexible { algorithm_field, algorithm_header, required } => {
            let chosen = match algorithm_field {
                None => quote!(None),
                Some(name) => {
                    let f = fields
                        .iter()
                        .find(|f| &f.name == name)
                        .ok_or_else(|| bug(format!("the checksum algorithm `{name}` is no field of the input")))?;
                    let access = ident(&f.name);
                    let text = match &f.ty {
                        RustType::String => quote!(value.as_str()),
                        RustType::Named(n) if matches!(codec.type_def(n), Some(TypeDef::Enum(e)) if !e.int) => {
                            quote!(value.as_str())
                        }
                        _ => {
                            return Err(bug(format!("the checksum algorithm `{name}` is not a string or string enum")))
                        }
                    };
                    match f.presence {
                        Presence::Optional => quote!(input.#access.as_ref().map(|value| #text)),
                        _ => quote!({ let value = &input.#access; Some(#text) }),
                    }
                }
            };
            let header = match algorithm_header {
                Some(h) => {
                    let h = h.to_ascii_lowercase();
                    quote!(Some(#h))
                }
                None => quote!(None),
            };
            out.extend(quote!(#wire_fns::add_request_checksum(&mut request, #chosen, #required, #header, options)?;));
        }
    }
    Ok(out)
}
