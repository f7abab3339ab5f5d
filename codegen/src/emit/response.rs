//! Reading a top-level structure (an operation's output or an error) from an HTTP
//! response: its body members, payload, headers and status code, each where its binding
//! (on the member) says.

use super::common::{ident, mentions, Place};
use super::json::{bug, construct, local_decl, local_ident, timestamp_format, Emitted, JsonCodec};
use crate::error::Diagnostic;
use crate::ir::wire::{Binding, Location, PayloadKind};
use crate::ir::{Field, RustType, Struct, TypeDef};
use crate::model::traits::TimestampFormat;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The error readers of the `codec` module: one per error structure the operations return,
/// emitted as they are read.
pub(super) fn error_readers<'a>(codec: &'a JsonCodec<'_>) -> impl Iterator<Item = Emitted> + 'a {
    codec.wire().errors.iter().map(|(ty, error)| match codec.type_def(ty) {
        Some(TypeDef::Struct(s)) => top_level_reader(codec, s, &error.reader),
        _ => Err(bug(format!("error `{ty}` is not a structure"))),
    })
}

/// `pub(super) fn name(response) -> Result<S, ResponseError>`, for an error structure.
fn top_level_reader(codec: &JsonCodec<'_>, s: &Struct, fn_name: &str) -> Emitted {
    let (name, ty) = (ident(fn_name), Place::Builders.type_path(&s.name));
    let body = reader_body(codec, s)?;
    let param = if mentions(&body, "response") { quote!(response) } else { quote!(_response) };
    Ok(quote! {
        pub(super) fn #name(#param: &http::Response<Vec<u8>>) -> Result<#ty, ::smithy_runtime::ResponseError> {
            #body
        }
    })
}

/// Statements that read `s` from `response` and return it.
pub(super) fn reader_body(codec: &JsonCodec<'_>, s: &Struct) -> Emitted {
    let ty = Place::Builders.type_path(&s.name);
    // With a payload the body is that member alone: there is no body object to read.
    let payload = s.fields.iter().any(|f| f.binding.as_ref().is_some_and(|b| matches!(b.location, Location::Payload(_))));
    let (mut locals, mut reads, mut body_fields, mut plain) = (Vec::new(), Vec::new(), Vec::new(), BTreeSet::new());
    let mut stream = None;
    for field in &s.fields {
        let binding = binding_of(field)?;
        match bound_read(codec, field, binding)? {
            Some(Read::IfPresent(read)) => {
                locals.push(local_decl(field));
                reads.push(read);
            }
            Some(Read::Always(read)) => {
                plain.insert(field.name.clone());
                reads.push(read);
            }
            Some(Read::Body(read)) => {
                plain.insert(field.name.clone());
                stream = Some(read);
            }
            // Body members, and request-only bindings (labels, query), which a response
            // reads from the body if the service sends them there.
            None if payload => {
                let local = local_ident(field);
                locals.push(quote!(let #local = None;));
            }
            None => {
                locals.push(local_decl(field));
                body_fields.push(field);
            }
        }
    }
    let body = if body_fields.is_empty() {
        quote!()
    } else {
        let body_loop = codec.body_loop(&body_fields)?;
        quote! {
            let mut r = ::smithy_runtime::__private::json::body_reader(response.body())?;
            let r = &mut r;
            #body_loop
            r.finish()?;
        }
    };
    let construct = construct(s, &ty, &quote!(0), &plain);
    Ok(quote! {
        #(#locals)*
        #body
        #(#reads)*
        #stream
        Ok(#construct)
    })
}

/// A top-level field's binding, which lowering puts on every member of an input, output or
/// error structure.
pub(super) fn binding_of(field: &Field) -> Result<&Binding, Diagnostic> {
    field.binding.as_ref().ok_or_else(|| bug(format!("member `{}` has no binding", field.wire_name)))
}

/// How a field bound outside the body object is read.
enum Read {
    /// Statements that set its `Option` local when the response has it.
    IfPresent(TokenStream),
    /// A `let` of its plain value (status code, prefix-header map).
    Always(TokenStream),
    /// A `let` that moves the body of the owned response (`owned`, which `response`
    /// borrows) into it: a stream, read after everything else.
    Body(TokenStream),
}

/// How a field bound outside the body object is read; `None` for the body (and for the
/// request-only bindings).
fn bound_read(codec: &JsonCodec<'_>, field: &Field, binding: &Binding) -> Result<Option<Read>, Diagnostic> {
    let local = local_ident(field);
    let name = &binding.name;
    let cannot = || bug(format!("member `{}` cannot be read from {:?}", field.wire_name, binding.location));
    Ok(Some(match binding.location {
        Location::Body | Location::Label | Location::Query | Location::QueryParams => return Ok(None),
        Location::Payload(PayloadKind::Blob) if field.is_stream() => {
            Read::Body(quote!(let #local = owned.into_body();))
        }
        Location::Payload(kind) => Read::IfPresent(payload_read(codec, field, kind, binding.timestamp).ok_or_else(cannot)??),
        Location::Header => {
            let parse = header_value(codec, &field.ty, name, &quote!(text), binding).ok_or_else(cannot)?;
            Read::IfPresent(quote! {
                if let Some(text) = ::smithy_runtime::__private::wire::header(response, #name)? {
                    #local = Some(#parse);
                }
            })
        }
        Location::PrefixHeaders => match &field.ty {
            RustType::Map(key, value) if **key == RustType::String && **value == RustType::String => {
                Read::Always(quote!(let #local = ::smithy_runtime::__private::wire::prefix_headers(response, #name)?;))
            }
            _ => return Err(cannot()),
        },
        Location::ResponseCode => match &field.ty {
            RustType::I32 => Read::Always(quote!(let #local = i32::from(response.status().as_u16());)),
            _ => return Err(cannot()),
        },
    }))
}

/// Statements reading a payload member; `None` for a type the payload kind cannot hold.
fn payload_read(codec: &JsonCodec<'_>, field: &Field, kind: PayloadKind, ts: TimestampFormat) -> Option<Emitted> {
    let local = local_ident(field);
    Some(Ok(match kind {
        PayloadKind::Structured => {
            let read = match codec.read_value(&field.value_type(), ts, 0) {
                Ok(read) => read,
                Err(e) => return Some(Err(e)),
            };
            quote! {
                if !::smithy_runtime::__private::wire::is_blank(response.body()) {
                    let mut r = ::smithy_runtime::__private::json::body_reader(response.body())?;
                    let r = &mut r;
                    #local = Some(#read);
                    r.finish()?;
                }
            }
        }
        PayloadKind::Blob => quote! {
            if !response.body().is_empty() {
                #local = Some(::smithy_runtime::Blob::new(response.body().clone()));
            }
        },
        PayloadKind::Text => {
            let value = match &field.ty {
                RustType::String => quote!(text),
                RustType::Named(name) => {
                    let ty = Place::Builders.type_path(name);
                    quote!(#ty::from(text.as_str()))
                }
                _ => return None,
            };
            quote! {
                if !response.body().is_empty() {
                    let text = ::smithy_runtime::__private::wire::body_text(response.body())?;
                    #local = Some(#value);
                }
            }
        }
    }))
}

/// An expression parsing header text (`text`, a `&str` or `String`) as a `ty`, with `?`
/// for `ResponseError`; `None` for a type headers cannot hold.
fn header_value(codec: &JsonCodec<'_>, ty: &RustType, name: &str, text: &TokenStream, binding: &Binding) -> Option<TokenStream> {
    Some(match ty {
        RustType::String if binding.base64 => quote!(::smithy_runtime::__private::wire::parse_header_base64(#name, &#text)?),
        RustType::Blob => quote!(::smithy_runtime::__private::wire::parse_header_blob(#name, &#text)?),
        RustType::Bool
        | RustType::I8
        | RustType::I16
        | RustType::I32
        | RustType::I64
        | RustType::F32
        | RustType::F64
        | RustType::String
        | RustType::BigInteger
        | RustType::BigDecimal => quote!(::smithy_runtime::__private::wire::parse_header(#name, &#text)?),
        RustType::DateTime => {
            let format = timestamp_format(binding.timestamp);
            quote!(::smithy_runtime::__private::wire::parse_header_timestamp(#name, &#text, #format)?)
        }
        RustType::Named(type_name) => {
            let path = Place::Builders.type_path(type_name);
            match codec.type_def(type_name) {
                Some(TypeDef::Enum(e)) if e.int => quote!(#path::from(::smithy_runtime::__private::wire::parse_header::<i32>(#name, &#text)?)),
                Some(TypeDef::Enum(_)) => quote!(#path::from(#text.trim())),
                _ => return None,
            }
        }
        RustType::List(item) => {
            let http_dates = **item == RustType::DateTime && binding.timestamp == TimestampFormat::HttpDate;
            let parse = header_value(codec, item, name, &quote!(item), binding)?;
            quote!({
                let mut list = Vec::new();
                for item in ::smithy_runtime::__private::wire::header_items(#name, &#text, #http_dates)? {
                    list.push(#parse);
                }
                list
            })
        }
        _ => return None,
    })
}
