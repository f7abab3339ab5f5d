//! The `operations` module of a service: per operation a marker type with `request` and
//! `response`, and the operation's error enum.

use super::codec::{field_ident, Codecs};
use super::common::{doc_attrs, ident, mentions, Place};
use super::response::reader_body;
use crate::ir::protocol::{Binding, Location, OperationWire, PathPart, PayloadKind, RequestBody};
use crate::ir::{Field, Operation, Presence, RustType, Struct, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

/// The items of the `operations` module.
pub(super) fn module(codecs: &Codecs<'_>, operations: &[Operation]) -> TokenStream {
    let items = operations.iter().zip(&codecs.wire().operations).map(|(op, wire)| operation(codecs, op, wire));
    quote! {
        //! One type per operation, with the functions that build its HTTP request and
        //! read its HTTP response, and one error enum per operation.
        #(#items)*
    }
}

fn operation(codecs: &Codecs<'_>, op: &Operation, wire: &OperationWire) -> TokenStream {
    let marker = ident(&wire.marker);
    let doc = doc_attrs(&[format!("The `{}` operation.", op.name)]);
    let input = op.input.as_deref().and_then(|name| match codecs.type_def(name) {
        Some(TypeDef::Struct(s)) => Some(s),
        _ => None,
    });
    let output = op.output.as_deref().and_then(|name| match codecs.type_def(name) {
        Some(TypeDef::Struct(s)) => Some(s),
        _ => None,
    });
    let request = request_fn(codecs, wire, input);
    let response = response_fns(codecs, wire, output);
    let errors = error_enum(wire);
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct #marker;

        impl #marker {
            #request
            #response
        }

        #errors
    }
}

fn request_fn(codecs: &Codecs<'_>, wire: &OperationWire, input: Option<&Struct>) -> TokenStream {
    let fields: &[Field] = input.map_or(&[], |s| &s.fields);
    let tokens = token_locals(fields, &wire.input);
    let uri = uri(codecs, wire, fields);
    let method = &wire.method;
    let (body, content_type) = request_body(codecs, wire, fields);
    // Fixed headers go in with one call; a payload's content type only with a body.
    let mut fixed: Vec<(&str, &str)> = Vec::new();
    if let Some(target) = &wire.target {
        fixed.push(("X-Amz-Target", target));
    }
    fixed.extend(wire.fixed_headers.iter().map(|(name, value)| (name.as_str(), value.as_str())));
    let content_type = match &content_type {
        ContentType::None => quote!(),
        ContentType::Always(ct) => {
            fixed.push(("Content-Type", ct));
            quote!()
        }
        ContentType::WithBody(ct) => quote! {
            if !request.body().is_empty() {
                ::smithy_runtime::__private::wire::insert_header(&mut request, "Content-Type", #ct)?;
            }
        },
    };
    let target = if fixed.is_empty() {
        quote!()
    } else {
        let (names, values) = (fixed.iter().map(|(n, _)| n), fixed.iter().map(|(_, v)| v));
        quote!(::smithy_runtime::__private::wire::insert_headers(&mut request, &[#((#names, #values)),*])?;)
    };
    let headers = headers(codecs, fields, &wire.input);
    let header_code = quote!(#target #content_type #headers);
    // The input is checked first, unless the caller opted out: `validate()` exists on every
    // input structure, so `input` and `options` are always used when there is an input.
    let (param, param_doc, validation) = match input {
        Some(s) => {
            let ty = Place::Builders.type_path(&s.name);
            let check = quote! {
                if options.validates() {
                    input.validate()?;
                }
            };
            (quote!(input: &#ty,), "from `input`", check)
        }
        None => (quote!(), "(the operation has no input)", quote!()),
    };
    let request = if header_code.is_empty() { quote!(request) } else { quote!(mut request) };
    let doc = format!(
        " Builds the HTTP request {param_doc}: origin-form URI (path and query), headers and body. \
         Fails when the input breaks a constraint of the model (unless `options` opt out of \
         validation) or a value has no wire form (an unset or empty URI label, a timestamp \
         outside the years 0001 to 9999, an unknown union member, a header value with a line break)."
    );
    let options = if input.is_none() && tokens.is_empty() { quote!(_options) } else { quote!(options) };
    quote! {
        #[doc = #doc]
        pub fn request(#param #options: &::smithy_runtime::RequestOptions) -> Result<http::Request<Vec<u8>>, ::smithy_runtime::RequestError> {
            #validation
            #(#tokens)*
            #uri
            #body
            let #request = ::smithy_runtime::__private::wire::new_request(#method, uri, body)?;
            #header_code
            Ok(request)
        }
    }
}

/// `let token_x = …;` for each idempotency-token field: a borrow of the caller's value, or of a
/// new token when it is unset (so the caller's token is neither cloned nor matched twice).
fn token_locals(fields: &[Field], bindings: &[Binding]) -> Vec<TokenStream> {
    fields
        .iter()
        .zip(bindings)
        .filter(|(field, binding)| is_token(field, binding))
        .map(|(field, _)| {
            let (name, local) = (field_ident(field), token_ident(field));
            let fresh = quote::format_ident!("new_{}", local);
            quote! {
                let #fresh;
                let #local: &String = match &input.#name {
                    Some(token) => token,
                    None => {
                        #fresh = options.idempotency_token()?;
                        &#fresh
                    }
                };
            }
        })
        .collect()
}

fn token_ident(field: &Field) -> proc_macro2::Ident {
    quote::format_ident!("token_{}", field.name)
}

fn is_token(field: &Field, binding: &Binding) -> bool {
    binding.idempotency_token && field.presence == Presence::Optional && field.ty == RustType::String
}

/// `let uri = …;`: path with labels, then the query.
fn uri(codecs: &Codecs<'_>, wire: &OperationWire, fields: &[Field]) -> TokenStream {
    let has_query = !wire.query.is_empty() || wire.input.iter().any(|b| matches!(b.location, Location::Query | Location::QueryParams));
    if let ([PathPart::Literal(path)], false) = (wire.path.as_slice(), has_query) {
        return quote!(let uri = String::from(#path););
    }
    let parts = wire.path.iter().map(|part| match part {
        PathPart::Literal(text) if text.chars().count() == 1 => {
            let c = text.chars().next().unwrap_or('/');
            quote!(uri.push(#c);)
        }
        PathPart::Literal(text) => quote!(uri.push_str(#text);),
        PathPart::Label { field: name, greedy } => {
            let field = fields.iter().zip(&wire.input).find(|(f, _)| &f.name == name);
            let Some((field, binding)) = field else { return quote!() };
            let member = &field.wire_name;
            let text = text_expr(codecs, &field.ty, &quote!(value), binding);
            let access = ident(name);
            match field.presence {
                Presence::Optional => quote! {
                    match &input.#access {
                        Some(value) => ::smithy_runtime::__private::wire::push_label(&mut uri, #text, #greedy, #member)?,
                        None => return Err(::smithy_runtime::__private::wire::missing_label(#member)),
                    }
                },
                _ => quote! {
                    let value = &input.#access;
                    ::smithy_runtime::__private::wire::push_label(&mut uri, #text, #greedy, #member)?;
                },
            }
        }
    });
    let query_bindings: Vec<(&Field, &Binding)> = fields
        .iter()
        .zip(&wire.input)
        .filter(|(_, b)| matches!(b.location, Location::Query | Location::QueryParams))
        .collect();
    let literal = &wire.query;
    let query = if query_bindings.is_empty() && literal.is_empty() {
        quote!()
    } else {
        let reserved: Vec<&str> =
            query_bindings.iter().filter(|(_, b)| b.location == Location::Query).map(|(_, b)| b.name.as_str()).collect();
        let pushes: TokenStream =
            query_bindings.iter().map(|(field, binding)| query_push(codecs, field, binding, &reserved)).collect();
        let query = if pushes.is_empty() { quote!(query) } else { quote!(mut query) };
        quote! {
            let #query = ::smithy_runtime::__private::wire::Query::new(#literal);
            #pushes
            query.finish(&mut uri);
        }
    };
    quote! {
        let mut uri = String::new();
        #(#parts)*
        #query
    }
}

fn query_push(codecs: &Codecs<'_>, field: &Field, binding: &Binding, reserved: &[&str]) -> TokenStream {
    let name = &binding.name;
    let push = match (&binding.location, &field.ty) {
        (Location::QueryParams, RustType::Map(_, value)) => match &**value {
            RustType::String => quote! {
                for (key, value) in value.iter() {
                    query.push_param(&[#(#reserved),*], key, value);
                }
            },
            RustType::List(item) if **item == RustType::String => quote! {
                for (key, values) in value.iter() {
                    for value in values {
                        query.push_param(&[#(#reserved),*], key, value);
                    }
                }
            },
            _ => return quote!(),
        },
        (Location::QueryParams, _) => return quote!(),
        (_, RustType::List(item)) => {
            let text = text_expr(codecs, item, &quote!(item), binding);
            quote! {
                for item in value.iter() {
                    query.push(#name, #text);
                }
            }
        }
        (_, ty) => {
            let text = text_expr(codecs, ty, &quote!(value), binding);
            quote!(query.push(#name, #text);)
        }
    };
    with_value(field, binding, push)
}

/// Runs `body` with `value` bound to the field's value, when it is set.
fn with_value(field: &Field, binding: &Binding, body: TokenStream) -> TokenStream {
    let access = field_ident(field);
    if is_token(field, binding) {
        let token = token_ident(field);
        return quote!({ let value = #token; #body });
    }
    match field.presence {
        Presence::Optional => quote!(if let Some(value) = &input.#access { #body }),
        _ => quote!({ let value = &input.#access; #body }),
    }
}

/// An expression of type `&str` for a simple value in a label, query or header; with `?`
/// for `RequestError`.
fn text_expr(codecs: &Codecs<'_>, ty: &RustType, value: &TokenStream, binding: &Binding) -> TokenStream {
    match owned_text(codecs, ty, value, binding) {
        Text::Owned(text) => quote!(&#text),
        Text::Borrowed(text) => text,
    }
}

/// An expression of type `String` for the same.
fn owned_text_expr(codecs: &Codecs<'_>, ty: &RustType, value: &TokenStream, binding: &Binding) -> TokenStream {
    match owned_text(codecs, ty, value, binding) {
        Text::Owned(text) => text,
        Text::Borrowed(text) => quote!(#text.to_owned()),
    }
}

/// The text of a value, as a new `String` or borrowed from the value.
enum Text {
    Owned(TokenStream),
    Borrowed(TokenStream),
}

fn owned_text(codecs: &Codecs<'_>, ty: &RustType, value: &TokenStream, binding: &Binding) -> Text {
    match ty {
        RustType::String if binding.base64 => Text::Owned(quote!(::smithy_runtime::__private::wire::base64_encode(#value.as_bytes()))),
        RustType::String => Text::Borrowed(quote!(#value.as_str())),
        RustType::DateTime => {
            let format = super::codec::timestamp_format(binding.timestamp);
            Text::Owned(quote!(::smithy_runtime::__private::wire::timestamp_text(*#value, #format)?))
        }
        RustType::Named(name) => match codecs.type_def(name) {
            Some(TypeDef::Enum(e)) if e.int => Text::Owned(quote!(::smithy_runtime::__private::wire::text_of(&#value.value()))),
            _ => Text::Borrowed(quote!(#value.as_str())),
        },
        RustType::Box(inner) => owned_text(codecs, inner, &quote!((&**#value)), binding),
        _ => Text::Owned(quote!(::smithy_runtime::__private::wire::text_of(#value))),
    }
}

/// Header insertions: prefix headers first, so explicit headers replace them.
fn headers(codecs: &Codecs<'_>, fields: &[Field], bindings: &[Binding]) -> TokenStream {
    let bound: Vec<(&Field, &Binding)> = fields.iter().zip(bindings).collect();
    let prefixed = bound.iter().filter(|(_, b)| b.location == Location::PrefixHeaders).map(|(field, binding)| {
        let prefix = &binding.name;
        let insert = quote! {
            for (key, value) in value.iter() {
                ::smithy_runtime::__private::wire::insert_header(&mut request, &format!("{}{}", #prefix, key), value)?;
            }
        };
        match &field.ty {
            RustType::Map(key, value) if **key == RustType::String && **value == RustType::String => {
                with_value(field, binding, insert)
            }
            _ => quote!(),
        }
    });
    let single = bound.iter().filter(|(_, b)| b.location == Location::Header).map(|(field, binding)| {
        let name = &binding.name;
        let insert = match &field.ty {
            RustType::List(item) if **item == RustType::DateTime => {
                let format = super::codec::timestamp_format(binding.timestamp);
                quote! {
                    let mut texts = Vec::with_capacity(value.len());
                    for item in value.iter() {
                        texts.push(::smithy_runtime::__private::wire::timestamp_text(*item, #format)?);
                    }
                    ::smithy_runtime::__private::wire::insert_header(&mut request, #name, &texts.join(", "))?;
                }
            }
            RustType::List(item) => {
                let text = owned_text_expr(codecs, item, &quote!(item), binding);
                quote! {
                    let mut texts = Vec::with_capacity(value.len());
                    for item in value.iter() {
                        texts.push(#text);
                    }
                    ::smithy_runtime::__private::wire::insert_header(&mut request, #name, &::smithy_runtime::__private::wire::header_list(&texts))?;
                }
            }
            ty => {
                let text = text_expr(codecs, ty, &quote!(value), binding);
                quote!(::smithy_runtime::__private::wire::insert_header(&mut request, #name, #text)?;)
            }
        };
        with_value(field, binding, insert)
    });
    quote!(#(#prefixed)* #(#single)*)
}

/// When the request has a `Content-Type`.
enum ContentType {
    None,
    Always(String),
    /// Only when the body is not empty (an unset payload sends nothing).
    WithBody(String),
}

/// `let body = …;` and the content type.
fn request_body(codecs: &Codecs<'_>, wire: &OperationWire, fields: &[Field]) -> (TokenStream, ContentType) {
    match &wire.body {
        RequestBody::Empty => (quote!(let body = Vec::new();), ContentType::None),
        RequestBody::Object { content_type } => {
            let writes = fields.iter().zip(&wire.input).filter(|(_, b)| b.location == Location::Body).map(|(f, b)| {
                let access = field_ident(f);
                let token = is_token(f, b).then(|| {
                    let local = token_ident(f);
                    quote!(#local)
                });
                codecs.member_write(f, &quote!(input.#access), &b.name, b.timestamp, token.as_ref())
            });
            let body = quote! {
                let mut writer = ::smithy_runtime::__private::json::JsonWriter::new();
                let w = &mut writer;
                w.begin_object();
                #(#writes)*
                w.end_object();
                let body = writer.finish().into_bytes();
            };
            (body, ContentType::Always(content_type.clone()))
        }
        RequestBody::Payload { field, kind, content_type } => {
            let Some((field, binding)) = fields.iter().zip(&wire.input).find(|(f, _)| &f.name == field) else {
                return (quote!(let body = Vec::new();), ContentType::None);
            };
            (payload_body(codecs, field, binding, *kind), ContentType::WithBody(content_type.clone()))
        }
    }
}

/// `let body = …;` from an `@httpPayload` member: an unset structure is sent as `{}`, an
/// unset union, document, blob or string as no body.
fn payload_body(codecs: &Codecs<'_>, field: &Field, binding: &Binding, kind: PayloadKind) -> TokenStream {
    let access = field_ident(field);
    let (bytes, unset) = match kind {
        PayloadKind::Json => {
            let write = codecs.write_value(&field.value_type(), &quote!(value), binding.timestamp, 0);
            let is_struct =
                matches!(&field.ty, RustType::Named(n) if matches!(codecs.type_def(n), Some(TypeDef::Struct(_))));
            let bytes = quote!({
                let mut writer = ::smithy_runtime::__private::json::JsonWriter::new();
                let w = &mut writer;
                #write
                writer.finish().into_bytes()
            });
            (bytes, if is_struct { quote!(b"{}".to_vec()) } else { quote!(Vec::new()) })
        }
        PayloadKind::Blob | PayloadKind::Text => {
            let bytes = match &field.ty {
                RustType::Blob | RustType::String => quote!(value.as_bytes().to_vec()),
                _ => quote!(value.as_str().as_bytes().to_vec()),
            };
            (bytes, quote!(Vec::new()))
        }
    };
    match field.presence {
        Presence::Optional => quote! {
            let body = match &input.#access {
                Some(value) => #bytes,
                None => #unset,
            };
        },
        _ => quote! {
            let value = &input.#access;
            let body = #bytes;
        },
    }
}

fn response_fns(codecs: &Codecs<'_>, wire: &OperationWire, output: Option<&Struct>) -> TokenStream {
    let error_enum = ident(&wire.error_enum);
    let malformed = ident(&wire.malformed_variant);
    let unmodeled = ident(&wire.unmodeled_variant);
    let (output_ty, parse, output_fn) = match output {
        Some(s) => {
            let ty = Place::Builders.type_path(&s.name);
            let body = reader_body(codecs, s, &wire.output);
            let param = if mentions(&body, "response") { quote!(response) } else { quote!(_response) };
            let output_fn = quote! {
                fn output(#param: &http::Response<Vec<u8>>) -> Result<#ty, ::smithy_runtime::ResponseError> {
                    #body
                }
            };
            (ty, quote!(Self::output(response).map_err(#error_enum::#malformed)), output_fn)
        }
        None => (quote!(()), quote!(Ok(())), quote!()),
    };
    let arms = wire.errors.iter().filter_map(|(variant, ty)| {
        let error = codecs.wire().errors.get(ty)?;
        let (variant, code, reader) = (ident(variant), &error.code, ident(&error.reader));
        Some(quote!(#code => super::codec::#reader(response).map_or_else(#error_enum::#malformed, #error_enum::#variant),))
    });
    let arms: Vec<TokenStream> = arms.collect();
    let unmodeled_error = quote! {
        let status = response.status().as_u16();
        #error_enum::#unmodeled(::smithy_runtime::UnmodeledError::new(code, message, status))
    };
    let dispatch = if arms.is_empty() {
        unmodeled_error
    } else {
        quote! {
            match code.as_str() {
                #(#arms)*
                _ => { #unmodeled_error }
            }
        }
    };
    quote! {
        /// Reads the HTTP response: the output for a success status, else the modeled
        /// error its code names, an unmodeled error, or a malformed-response error. Never
        /// panics on any input.
        // The error enum holds modeled errors inline (see the enum).
        #[allow(clippy::result_large_err)]
        pub fn response(response: &http::Response<Vec<u8>>) -> Result<#output_ty, #error_enum> {
            if !response.status().is_success() {
                return Err(Self::error(response));
            }
            #parse
        }

        #output_fn

        fn error(response: &http::Response<Vec<u8>>) -> #error_enum {
            let (code, message) = ::smithy_runtime::__private::json::error_code_and_message(response);
            #dispatch
        }
    }
}

fn error_enum(wire: &OperationWire) -> TokenStream {
    let name = ident(&wire.error_enum);
    let doc = doc_attrs(&[format!("The errors of the [`{}`] operation.", wire.marker)]);
    let (unmodeled, malformed) = (ident(&wire.unmodeled_variant), ident(&wire.malformed_variant));
    let variants = wire.errors.iter().map(|(variant, ty)| {
        let (variant, path) = (ident(variant), Place::Builders.type_path(ty));
        let doc = format!(" The [`{ty}`](super::{ty}) error.");
        quote!(#[doc = #doc] #variant(#path),)
    });
    let all: Vec<proc_macro2::Ident> =
        wire.errors.iter().map(|(v, _)| ident(v)).chain([unmodeled.clone(), malformed.clone()]).collect();
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        // Variants hold the modeled errors inline, as the model's shapes are.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            /// An error response whose code the operation does not model.
            #unmodeled(::smithy_runtime::UnmodeledError),
            /// A response that could not be read: malformed JSON, a value of the wrong
            /// type or out of range, a bad header.
            #malformed(::smithy_runtime::ResponseError),
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(Self::#all(error) => ::std::fmt::Display::fmt(error, f),)*
                }
            }
        }

        impl ::std::error::Error for #name {
            fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #(Self::#all(error) => Some(error),)*
                }
            }
        }
    }
}
