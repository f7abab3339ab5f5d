//! The `operations` module of a service: per operation a marker type with `request` and
//! `response`, and the operation's error enum.

use super::common::{doc_attrs, ident, mentions, Place};
use super::json::{bug, field_ident, json_of, Emitted, JsonCodec};
use super::pieces::Parsed;
use super::response::{binding_of, reader_body};
use crate::error::Diagnostic;
use crate::ir::wire::{Binding, Location, OperationWire, PathPart, PayloadKind, RequestBody};
use crate::ir::{Field, Operation, Presence, RustType, Struct, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

/// Pushes the items of the `operations` module to `out`, one operation at a time. Returns a
/// warning for each operation whose wire code could not be emitted after all (a generator
/// bug, which costs that operation only).
pub(super) fn module(
    out: &mut Parsed<'_>,
    codec: &JsonCodec<'_>,
    operations: &[Operation],
    has_rule_set: bool,
    client: bool,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    out.push(quote! {
        //! One type per operation, with the functions that build its HTTP request and
        //! read its HTTP response, and one error enum per operation.
    })?;
    let mut warnings = Vec::new();
    for op in operations {
        let item = match (&op.wire, &op.refused) {
            (Some(wire), _) => operation(codec, op, wire, has_rule_set, client),
            (None, Some(reason)) => Ok(refused(op, reason)),
            (None, None) => Err(bug(format!("operation `{}` has no wire decisions", op.name))),
        };
        let item = item.unwrap_or_else(|e| {
            let reason = e.message;
            warnings.push(Diagnostic::new(format!("operation refused, it has no `request`/`response`: {reason}")).at(&op.id));
            refused(op, &reason)
        });
        out.push(item)?;
    }
    Ok(warnings)
}

/// The marker of an operation the generator cannot give wire code yet, saying why.
fn refused(op: &Operation, reason: &str) -> TokenStream {
    let marker = ident(&op.name);
    let doc = doc_attrs(&[
        format!("The `{}` operation, which has no `request`/`response` yet:", op.name),
        reason.to_owned(),
    ]);
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct #marker;
    }
}

fn operation(codec: &JsonCodec<'_>, op: &Operation, wire: &OperationWire, has_rule_set: bool, client: bool) -> Emitted {
    let marker = ident(&wire.marker);
    let doc = doc_attrs(&[format!("The `{}` operation.", op.name)]);
    let input = op.input.as_deref().and_then(|name| match codec.type_def(name) {
        Some(TypeDef::Struct(s)) => Some(s),
        _ => None,
    });
    let output = op.output.as_deref().and_then(|name| match codec.type_def(name) {
        Some(TypeDef::Struct(s)) => Some(s),
        _ => None,
    });
    let request = request_fn(codec, wire, input)?;
    let response = response_fns(codec, wire, output)?;
    let endpoint = super::endpoints::operation_fns(&op.endpoint, input, has_rule_set, wire.streaming_input, codec)?;
    let errors = error_enum(codec, wire);
    let client = client.then(|| super::client::operation_impls(codec, op, wire, has_rule_set));
    Ok(quote! {
        #doc
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct #marker;

        impl #marker {
            #request
            #endpoint
            #response
        }

        #errors

        #client
    })
}

fn request_fn(codec: &JsonCodec<'_>, wire: &OperationWire, input: Option<&Struct>) -> Emitted {
    let fields: &[Field] = input.map_or(&[], |s| &s.fields);
    let bound = fields.iter().map(|f| Ok((f, binding_of(f)?))).collect::<Result<Vec<_>, Diagnostic>>()?;
    let tokens = token_locals(&bound);
    let uri = uri(codec, wire, &bound)?;
    let method = &wire.method;
    let (body, content_type) = request_body(codec, wire, &bound)?;
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
    let headers = headers(codec, &bound)?;
    let steps = super::request_steps::after_build(codec, wire, fields)?;
    let header_code = quote!(#target #content_type #headers #steps);
    let defaults = super::request_steps::defaults(wire, input)?;
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
            // A stream is moved into the request, so the input is taken by value.
            let ty = if wire.streaming_input { ty } else { quote!(&#ty) };
            (quote!(input: #ty,), "from `input`", check)
        }
        None => (quote!(), "(the operation has no input)", quote!()),
    };
    let request = if header_code.is_empty() { quote!(request) } else { quote!(mut request) };
    let doc = format!(
        " Builds the HTTP request {param_doc}: origin-form URI (path and query), headers and body. \
         Fails when the input breaks a constraint of the model (unless `options` opt out of \
         validation) or a value has no wire form (an unset or empty URI label, a timestamp \
         outside the years 0001 to 9999, an unknown union member, a header value with a line break).{}",
        super::request_steps::doc_note(wire)
    );
    let uses_options = input.is_some() || !tokens.is_empty() || super::request_steps::use_options(wire);
    let options = if uses_options { quote!(options) } else { quote!(_options) };
    let requires_length = wire.requires_length;
    let (body_type, new_request) = match wire.streaming_input {
        true => (quote!(::smithy_runtime::ByteStream), quote!(new_streaming_request)),
        false => (quote!(Vec<u8>), quote!(new_request)),
    };
    let length_rule = wire.streaming_input.then(|| quote!(, #requires_length));
    Ok(quote! {
        #[doc = #doc]
        pub fn request(#param #options: &::smithy_runtime::RequestOptions) -> Result<http::Request<#body_type>, ::smithy_runtime::RequestError> {
            #defaults
            #validation
            #(#tokens)*
            #uri
            #body
            let #request = ::smithy_runtime::__private::wire::#new_request(#method, uri, body #length_rule)?;
            #header_code
            Ok(request)
        }
    })
}

/// A top-level field and where it travels.
type Bound<'a> = (&'a Field, &'a Binding);

/// `let token_x = …;` for each idempotency-token field: a borrow of the caller's value, or of a
/// new token when it is unset (so the caller's token is neither cloned nor matched twice).
fn token_locals(bound: &[Bound<'_>]) -> Vec<TokenStream> {
    bound
        .iter()
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
fn uri(codec: &JsonCodec<'_>, wire: &OperationWire, bound: &[Bound<'_>]) -> Emitted {
    let is_query = |b: &Binding| matches!(b.location, Location::Query | Location::QueryParams);
    let has_query = !wire.query.is_empty() || bound.iter().any(|(_, b)| is_query(b));
    if let ([PathPart::Literal(path)], false) = (wire.path.as_slice(), has_query) {
        return Ok(quote!(let uri = String::from(#path);));
    }
    let parts = wire.path.iter().map(|part| -> Emitted {
        Ok(match part {
        PathPart::Literal(text) if text.chars().count() == 1 => {
            let c = text.chars().next().unwrap_or('/');
            quote!(uri.push(#c);)
        }
        PathPart::Literal(text) => quote!(uri.push_str(#text);),
        PathPart::Label { field: name, greedy } => {
            let (field, binding) = bound
                .iter()
                .find(|(f, _)| &f.name == name)
                .ok_or_else(|| bug(format!("the URI label `{name}` is no field of the input")))?;
            let member = &field.wire_name;
            let text = text_expr(codec, &field.ty, &quote!(value), binding)?;
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
        })
    });
    let parts = parts.collect::<Result<Vec<_>, _>>()?;
    let query_bindings: Vec<Bound<'_>> = bound.iter().filter(|(_, b)| is_query(b)).copied().collect();
    let literal = &wire.query;
    let query = if query_bindings.is_empty() && literal.is_empty() {
        quote!()
    } else {
        let reserved: Vec<&str> =
            query_bindings.iter().filter(|(_, b)| b.location == Location::Query).map(|(_, b)| b.name.as_str()).collect();
        let pushes = query_bindings.iter().map(|(field, binding)| query_push(codec, field, binding, &reserved));
        let pushes: TokenStream = pushes.collect::<Result<_, _>>()?;
        let query = if pushes.is_empty() { quote!(query) } else { quote!(mut query) };
        quote! {
            let #query = ::smithy_runtime::__private::wire::Query::new(#literal);
            #pushes
            query.finish(&mut uri);
        }
    };
    Ok(quote! {
        let mut uri = String::new();
        #(#parts)*
        #query
    })
}

fn query_push(codec: &JsonCodec<'_>, field: &Field, binding: &Binding, reserved: &[&str]) -> Emitted {
    let name = &binding.name;
    let cannot = || bug(format!("member `{}` cannot go in the query", field.wire_name));
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
            _ => return Err(cannot()),
        },
        (Location::QueryParams, _) => return Err(cannot()),
        (_, RustType::List(item)) => {
            let text = text_expr(codec, item, &quote!(item), binding)?;
            quote! {
                for item in value.iter() {
                    query.push(#name, #text);
                }
            }
        }
        (_, ty) => {
            let text = text_expr(codec, ty, &quote!(value), binding)?;
            quote!(query.push(#name, #text);)
        }
    };
    Ok(with_value(field, binding, push))
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
fn text_expr(codec: &JsonCodec<'_>, ty: &RustType, value: &TokenStream, binding: &Binding) -> Emitted {
    Ok(match owned_text(codec, ty, value, binding)? {
        Text::Owned(text) => quote!(&#text),
        Text::Borrowed(text) => text,
    })
}

/// An expression of type `String` for the same.
fn owned_text_expr(codec: &JsonCodec<'_>, ty: &RustType, value: &TokenStream, binding: &Binding) -> Emitted {
    Ok(match owned_text(codec, ty, value, binding)? {
        Text::Owned(text) => text,
        Text::Borrowed(text) => quote!(#text.to_owned()),
    })
}

/// The text of a value, as a new `String` or borrowed from the value.
enum Text {
    Owned(TokenStream),
    Borrowed(TokenStream),
}

/// The text of a simple value; anything else is a generator bug (the IR refuses such
/// bindings).
fn owned_text(codec: &JsonCodec<'_>, ty: &RustType, value: &TokenStream, binding: &Binding) -> Result<Text, Diagnostic> {
    Ok(match ty {
        RustType::String if binding.base64 => Text::Owned(quote!(::smithy_runtime::__private::wire::base64_encode(#value.as_bytes()))),
        RustType::Blob => Text::Owned(quote!(::smithy_runtime::__private::wire::base64_encode(#value.as_bytes()))),
        RustType::String => Text::Borrowed(quote!(#value.as_str())),
        RustType::DateTime => {
            let format = super::json::timestamp_format(binding.timestamp);
            Text::Owned(quote!(::smithy_runtime::__private::wire::timestamp_text(*#value, #format)?))
        }
        RustType::Named(name) => match codec.type_def(name) {
            Some(TypeDef::Enum(e)) if e.int => Text::Owned(quote!(::smithy_runtime::__private::wire::text_of(&#value.value()))),
            Some(TypeDef::Enum(_)) => Text::Borrowed(quote!(#value.as_str())),
            _ => return Err(bug(format!("`{name}` has no text form for a {:?} binding", binding.location))),
        },
        RustType::Box(inner) => owned_text(codec, inner, &quote!((&**#value)), binding)?,
        RustType::Bool
        | RustType::I8
        | RustType::I16
        | RustType::I32
        | RustType::I64
        | RustType::F32
        | RustType::F64
        | RustType::BigInteger
        | RustType::BigDecimal => Text::Owned(quote!(::smithy_runtime::__private::wire::text_of(#value))),
        other => return Err(bug(format!("a {other:?} has no text form for a {:?} binding", binding.location))),
    })
}

/// Header insertions: prefix headers first, so explicit headers replace them.
fn headers(codec: &JsonCodec<'_>, bound: &[Bound<'_>]) -> Emitted {
    let prefixed = bound.iter().filter(|(_, b)| b.location == Location::PrefixHeaders).map(|(field, binding)| {
        let prefix = &binding.name;
        let insert = quote! {
            for (key, value) in value.iter() {
                ::smithy_runtime::__private::wire::insert_header(&mut request, &format!("{}{}", #prefix, key), value)?;
            }
        };
        match &field.ty {
            RustType::Map(key, value) if **key == RustType::String && **value == RustType::String => {
                Ok(with_value(field, binding, insert))
            }
            _ => Err(bug(format!("member `{}` cannot be prefix headers", field.wire_name))),
        }
    });
    let prefixed = prefixed.collect::<Result<Vec<_>, _>>()?;
    let single = bound.iter().filter(|(_, b)| b.location == Location::Header).map(|(field, binding)| -> Emitted {
        let name = &binding.name;
        let insert = match &field.ty {
            RustType::List(item) if **item == RustType::DateTime => {
                let format = super::json::timestamp_format(binding.timestamp);
                quote! {
                    let mut texts = Vec::with_capacity(value.len());
                    for item in value.iter() {
                        texts.push(::smithy_runtime::__private::wire::timestamp_text(*item, #format)?);
                    }
                    ::smithy_runtime::__private::wire::insert_header(&mut request, #name, &texts.join(", "))?;
                }
            }
            RustType::List(item) => {
                let text = owned_text_expr(codec, item, &quote!(item), binding)?;
                quote! {
                    let mut texts = Vec::with_capacity(value.len());
                    for item in value.iter() {
                        texts.push(#text);
                    }
                    ::smithy_runtime::__private::wire::insert_header(&mut request, #name, &::smithy_runtime::__private::wire::header_list(&texts))?;
                }
            }
            ty => {
                let text = text_expr(codec, ty, &quote!(value), binding)?;
                quote!(::smithy_runtime::__private::wire::insert_header(&mut request, #name, #text)?;)
            }
        };
        Ok(with_value(field, binding, insert))
    });
    let single = single.collect::<Result<Vec<_>, _>>()?;
    Ok(quote!(#(#prefixed)* #(#single)*))
}

/// When the request has a `Content-Type`.
enum ContentType {
    None,
    Always(String),
    /// Only when the body is not empty (an unset payload sends nothing).
    WithBody(String),
}

/// `let body = …;` and the content type.
fn request_body(codec: &JsonCodec<'_>, wire: &OperationWire, bound: &[Bound<'_>]) -> Result<(TokenStream, ContentType), Diagnostic> {
    Ok(match &wire.body {
        RequestBody::Empty => (quote!(let body = Vec::new();), ContentType::None),
        RequestBody::Object { content_type } => {
            let writes = bound.iter().filter(|(_, b)| b.location == Location::Body).map(|(f, b)| {
                let access = field_ident(f);
                let token = is_token(f, b).then(|| {
                    let local = token_ident(f);
                    quote!(#local)
                });
                codec.member_write(f, &quote!(input.#access), json_of(f)?, token.as_ref())
            });
            let writes = writes.collect::<Result<Vec<_>, _>>()?;
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
            let (field, binding) = bound
                .iter()
                .find(|(f, _)| &f.name == field)
                .ok_or_else(|| bug(format!("the payload `{field}` is no field of the input")))?;
            (payload_body(codec, field, binding, *kind)?, ContentType::WithBody(content_type.clone()))
        }
    })
}

/// `let body = …;` from an `@httpPayload` member: an unset structure is sent as `{}`, an
/// unset union, document, blob or string as no body.
fn payload_body(codec: &JsonCodec<'_>, field: &Field, binding: &Binding, kind: PayloadKind) -> Emitted {
    let access = field_ident(field);
    if field.is_stream() {
        // Moved out of the input, which `request` owns; an unset stream is an empty body.
        return Ok(match field.presence {
            Presence::Optional => quote!(let body = input.#access.unwrap_or_default();),
            _ => quote!(let body = input.#access;),
        });
    }
    let (bytes, unset) = match kind {
        PayloadKind::Structured => {
            let write = codec.write_value(&field.value_type(), &quote!(value), binding.timestamp, 0)?;
            let is_struct =
                matches!(&field.ty, RustType::Named(n) if matches!(codec.type_def(n), Some(TypeDef::Struct(_))));
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
    Ok(match field.presence {
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
    })
}

fn response_fns(codec: &JsonCodec<'_>, wire: &OperationWire, output: Option<&Struct>) -> Emitted {
    let error_enum = ident(&wire.error_enum);
    let malformed = ident(&wire.malformed_variant);
    let unmodeled = ident(&wire.unmodeled_variant);
    let (output_ty, parse, output_fn) = match output {
        Some(s) => {
            let ty = Place::Builders.type_path(&s.name);
            let body = reader_body(codec, s)?;
            let output_fn = match (wire.streaming_output, mentions(&body, "response")) {
                // The stream is moved out of the owned response after the headers are read.
                (true, borrowed) => {
                    let borrow = borrowed.then(|| quote!(let response = &owned;));
                    quote! {
                        fn output(owned: http::Response<::smithy_runtime::ByteStream>) -> Result<#ty, ::smithy_runtime::ResponseError> {
                            #borrow
                            #body
                        }
                    }
                }
                (false, borrowed) => {
                    let param = if borrowed { quote!(response) } else { quote!(_response) };
                    quote! {
                        fn output(#param: &http::Response<Vec<u8>>) -> Result<#ty, ::smithy_runtime::ResponseError> {
                            #body
                        }
                    }
                }
            };
            (ty, quote!(Self::output(response).map_err(#error_enum::#malformed)), output_fn)
        }
        None => (quote!(()), quote!(Ok(())), quote!()),
    };
    let arms = wire.errors.iter().map(|(variant, ty)| {
        let error = codec.wire().errors.get(ty).ok_or_else(|| bug(format!("no reader for the error `{ty}`")))?;
        let (variant, code, reader) = (ident(variant), &error.code, ident(&error.reader));
        Ok(quote!(#code => super::codec::#reader(response).map(#error_enum::#variant),))
    });
    let arms = arms.collect::<Result<Vec<TokenStream>, Diagnostic>>()?;
    let unmodeled_error = quote! {
        #error_enum::#unmodeled(::smithy_runtime::UnmodeledError::new(code, message, response.status().as_u16()))
    };
    // Each arm reads its error's body; a body that cannot be read is malformed, whichever
    // error it was.
    let dispatch = if arms.is_empty() {
        unmodeled_error
    } else {
        quote! {
            let read = match code.as_str() {
                #(#arms)*
                _ => return #unmodeled_error,
            };
            read.unwrap_or_else(#error_enum::#malformed)
        }
    };
    let response_fn = if wire.streaming_output {
        quote! {
            /// Reads the HTTP response: for a success status, the output, whose stream is the
            /// response's body, unread; else the modeled error its code names, an unmodeled
            /// error, or a malformed-response error. An error response's body must be in
            /// memory (`ByteStream::from` its bytes): the error is read from it. Never
            /// panics on any input.
            // The error enum holds modeled errors inline (see the enum).
            #[allow(clippy::result_large_err)]
            pub fn response(response: http::Response<::smithy_runtime::ByteStream>) -> Result<#output_ty, #error_enum> {
                if !response.status().is_success() {
                    let (parts, body) = response.into_parts();
                    return Err(match body.into_bytes() {
                        Ok(bytes) => Self::error(&http::Response::from_parts(parts, bytes.to_vec())),
                        Err(_) => #error_enum::#malformed(::smithy_runtime::ResponseError::new(
                            "the body of an error response must be read into memory before it is parsed: \
                             read it, then call `error` (or `response` with `ByteStream::from` the bytes)",
                        )),
                    });
                }
                #parse
            }
        }
    } else {
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
        }
    };
    Ok(quote! {
        #response_fn

        #output_fn

        /// Reads an error response (any status): the modeled error its code names, else an
        /// unmodeled error, or a malformed-response error.
        pub fn error(response: &http::Response<Vec<u8>>) -> #error_enum {
            let (code, message) = ::smithy_runtime::__private::json::error_code_and_message(response);
            #dispatch
        }
    })
}

/// The operation's error enum, with `Display` and `Error` read through one private
/// `parts` (the error held and its code), which the client's `OperationError` reads too.
fn error_enum(codec: &JsonCodec<'_>, wire: &OperationWire) -> TokenStream {
    let name = ident(&wire.error_enum);
    let doc = doc_attrs(&[format!("The errors of the [`{}`] operation.", wire.marker)]);
    let (unmodeled, malformed) = (ident(&wire.unmodeled_variant), ident(&wire.malformed_variant));
    let variants = wire.errors.iter().map(|(variant, ty)| {
        let (variant, path) = (ident(variant), Place::Builders.type_path(ty));
        let doc = format!(" The [`{ty}`](super::{ty}) error.");
        quote!(#[doc = #doc] #variant(#path),)
    });
    let parts = wire.errors.iter().map(|(variant, ty)| {
        let (variant, code) = (ident(variant), error_code(codec, ty));
        quote!(Self::#variant(error) => (error, Some(#code)),)
    });
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

        impl #name {
            /// The error this holds, and its code (none for a response that could not be read).
            fn parts(&self) -> (&(dyn ::std::error::Error + 'static), Option<&str>) {
                match self {
                    #(#parts)*
                    Self::#unmodeled(error) => (error, Some(error.code())),
                    Self::#malformed(error) => (error, None),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.parts().0, f)
            }
        }

        impl ::std::error::Error for #name {
            fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
                Some(self.parts().0)
            }
        }
    }
}

/// The code an error is known by on the wire. Every error of an emitted operation has one:
/// `response_fns` fails the operation's emission first when the codec has no reader for it;
/// the shape name stands in only to keep this total.
fn error_code<'a>(codec: &'a JsonCodec<'_>, ty: &'a str) -> &'a str {
    codec.wire().errors.get(ty).map_or(ty, |e| e.code.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::wire::{ServiceWire, WireProtocol};
    use crate::ir::{Protocol, Service};
    use crate::model::ShapeId;

    fn op(name: &str) -> Operation {
        let id = ShapeId::parse(&format!("ex#{name}")).expect("an ID");
        Operation {
            id,
            name: name.to_owned(),
            method: String::new(),
            docs: Vec::new(),
            input: None,
            output: None,
            errors: Vec::new(),
            wire: None,
            refused: None,
            endpoint: Default::default(),
            auth: Vec::new(),
            unsigned_payload: false,
            paginator: None,
            waiters: Vec::new(),
        }
    }

    /// An operation the emitter cannot emit costs that operation only: a documented marker
    /// without `request`/`response`, and a warning naming it.
    #[test]
    fn an_operation_that_cannot_be_emitted_is_refused_alone() {
        let wire = ServiceWire {
            protocol: WireProtocol::RestJson,
            writers: Default::default(),
            readers: Default::default(),
            errors: Default::default(),
        };
        let service = Service {
            id: ShapeId::parse("ex#S").expect("an ID"),
            module: "s".to_owned(),
            title: "S".to_owned(),
            version: None,
            protocol: Protocol::RestJson1,
            docs: Vec::new(),
            operations: Vec::new(),
            types: Vec::new(),
            wire: None,
            endpoints: None,
        };
        let codec = JsonCodec::new(&service, &wire);
        let refused = Operation { refused: Some("an event stream".to_owned()), ..op("Watch") };
        let mut items = Parsed::new("a test");
        let warnings = module(&mut items, &codec, &[op("Broken"), refused], false, true).expect("it parses");
        let text = prettyplease::unparse(&items.into_file());
        assert!(text.contains("pub struct Broken") && text.contains("pub struct Watch"), "{text}");
        assert!(!text.contains("fn request"), "{text}");
        assert_eq!(warnings.len(), 1, "the IR's own refusal is its warning, not emission's: {warnings:?}");
        assert_eq!(warnings[0].shape.as_deref(), Some("ex#Broken"));
        assert!(warnings[0].message.contains("generator bug"), "{}", warnings[0]);
    }
}
