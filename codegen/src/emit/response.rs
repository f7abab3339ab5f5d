//! Reading a top-level structure (an operation's output or an error) from an HTTP
//! response: its body members, payload, headers and status code.

use super::codec::{construct, local_decl, local_ident, timestamp_format, Codecs};
use super::common::{ident, mentions, Place};
use crate::ir::protocol::{Binding, Location, PayloadKind};
use std::collections::BTreeSet;
use crate::ir::{Field, RustType, Struct, TypeDef};
use crate::model::traits::TimestampFormat;
use proc_macro2::TokenStream;
use quote::quote;

/// `pub(super) fn name(response) -> Result<S, ResponseError>`, for an error structure.
pub(super) fn top_level_reader(codecs: &Codecs<'_>, s: &Struct, bindings: &[Binding], fn_name: &str) -> TokenStream {
    let (name, ty) = (ident(fn_name), Place::Builders.type_path(&s.name));
    let body = reader_body(codecs, s, bindings);
    let param = if mentions(&body, "response") { quote!(response) } else { quote!(_response) };
    quote! {
        pub(super) fn #name(#param: &http::Response<Vec<u8>>) -> Result<#ty, ::smithy_runtime::ResponseError> {
            #body
        }
    }
}

/// Statements that read `s` from `response` and return it.
pub(super) fn reader_body(codecs: &Codecs<'_>, s: &Struct, bindings: &[Binding]) -> TokenStream {
    let ty = Place::Builders.type_path(&s.name);
    let json = codecs.json_members(&s.name);
    let (mut locals, mut reads, mut body_fields, mut plain) = (Vec::new(), Vec::new(), Vec::new(), BTreeSet::new());
    for (i, field) in s.fields.iter().enumerate() {
        match bindings.get(i).and_then(|b| bound_read(codecs, field, b)) {
            Some(Read::IfPresent(read)) => {
                locals.push(local_decl(field));
                reads.push(read);
            }
            Some(Read::Always(read)) => {
                plain.insert(field.name.clone());
                reads.push(read);
            }
            // Body members, and bindings a response cannot carry, are read from the body.
            None => {
                locals.push(local_decl(field));
                if let Some(member) = json.get(i) {
                    body_fields.push((field, member));
                }
            }
        }
    }
    let body = if body_fields.is_empty() {
        quote!()
    } else {
        let body_loop = codecs.body_loop(&body_fields);
        quote! {
            let mut r = ::smithy_runtime::__private::json::body_reader(response.body())?;
            let r = &mut r;
            #body_loop
            r.finish()?;
        }
    };
    let construct = construct(s, &ty, &quote!(0), &plain);
    quote! {
        #(#locals)*
        #body
        #(#reads)*
        Ok(#construct)
    }
}

/// How a field bound outside the body object is read.
enum Read {
    /// Statements that set its `Option` local when the response has it.
    IfPresent(TokenStream),
    /// A `let` of its plain value (status code, prefix-header map).
    Always(TokenStream),
}

/// How a field bound outside the body object is read; `None` for the body and for
/// bindings a response cannot carry.
fn bound_read(codecs: &Codecs<'_>, field: &Field, binding: &Binding) -> Option<Read> {
    let local = local_ident(field);
    let name = &binding.name;
    Some(match binding.location {
        Location::Body | Location::Label | Location::Query | Location::QueryParams => return None,
        Location::Payload(kind) => Read::IfPresent(payload_read(codecs, field, kind, binding.timestamp)?),
        Location::Header => {
            let parse = header_value(codecs, &field.ty, name, &quote!(text), binding)?;
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
            _ => return None,
        },
        Location::ResponseCode => match &field.ty {
            RustType::I32 => Read::Always(quote!(let #local = i32::from(response.status().as_u16());)),
            _ => return None,
        },
    })
}

fn payload_read(codecs: &Codecs<'_>, field: &Field, kind: PayloadKind, ts: TimestampFormat) -> Option<TokenStream> {
    let local = local_ident(field);
    Some(match kind {
        PayloadKind::Json => {
            let read = codecs.read_value(&field.value_type(), ts, 0);
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
    })
}

/// An expression parsing header text (`text`, a `&str` or `String`) as a `ty`, with `?`
/// for `ResponseError`; `None` for a type headers cannot hold.
fn header_value(codecs: &Codecs<'_>, ty: &RustType, name: &str, text: &TokenStream, binding: &Binding) -> Option<TokenStream> {
    Some(match ty {
        RustType::String if binding.base64 => quote!(::smithy_runtime::__private::wire::parse_header_base64(#name, &#text)?),
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
            match codecs.type_def(type_name) {
                Some(TypeDef::Enum(e)) if e.int => quote!(#path::from(::smithy_runtime::__private::wire::parse_header::<i32>(#name, &#text)?)),
                Some(TypeDef::Enum(_)) => quote!(#path::from(#text.trim())),
                _ => return None,
            }
        }
        RustType::List(item) => {
            let http_dates = **item == RustType::DateTime && binding.timestamp == TimestampFormat::HttpDate;
            let parse = header_value(codecs, item, name, &quote!(item), binding)?;
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
