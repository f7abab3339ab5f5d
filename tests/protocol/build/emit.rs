//! Test code for the cases, as tokens (quote!) formatted by prettyplease.

use crate::cases::{Case, Kind};
use codegen::ir::names::snake_name;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use serde_json::Value;
use std::collections::BTreeSet;

/// Formats a file of tokens.
pub fn format(tokens: &TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens.clone()).map_err(|e| format!("generated test code does not parse: {e}"))?;
    Ok(prettyplease::unparse(&file))
}

/// The single test of a protocol whose model is absent: it says so.
pub fn absent(module: &str, reason: &str) -> TokenStream {
    let message = format!("{module}: SKIPPED, because {reason}");
    quote! {
        #[test]
        fn protocol_tests_absent() {
            eprintln!(#message);
        }
    }
}

/// `mod request { … } mod response { … }`: one test per case.
pub fn cases_file(module: &str, cases: &[Case]) -> Result<TokenStream, String> {
    let protocol = ident(module);
    let mut names = BTreeSet::new();
    let mut requests = Vec::new();
    let mut responses = Vec::new();
    for case in cases {
        let name = unique_name(&mut names, case);
        let test = test_fn(&protocol, &name, case)?;
        match case.kind {
            Kind::Request => requests.push(test),
            Kind::Response => responses.push(test),
        }
    }
    Ok(quote! {
        /// Client request tests: the input built from `params` must serialize to the request.
        mod request {
            #(#requests)*
        }
        /// Client response tests: the response must parse to the output or error of `params`.
        mod response {
            #(#responses)*
        }
    })
}

/// The case ID in snake case; a repeated ID gets a numeric suffix.
fn unique_name(taken: &mut BTreeSet<String>, case: &Case) -> String {
    let kind = match case.kind {
        Kind::Request => "request",
        Kind::Response => "response",
    };
    let base = snake_name(&case.id);
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(format!("{kind}/{name}")) {
        name = format!("{base}_{n}");
        n += 1;
    }
    name
}

fn test_fn(protocol: &Ident, name: &str, case: &Case) -> Result<TokenStream, String> {
    let name = ident(name);
    let data = match case.kind {
        Kind::Request => request_case(case),
        Kind::Response => response_case(case),
    };
    let check = check(protocol, case);
    let skip = crate::skips::skip_reason(case).or_else(|| crate::known_failures::known_failure(case));
    let skip = skip.map(|reason| quote!(#[ignore = #reason]));
    let doc = documentation(case);
    Ok(quote! {
        #doc
        #[test]
        #skip
        fn #name() {
            let case = #data;
            #check
        }
    })
}

fn documentation(case: &Case) -> TokenStream {
    let line = format!(" `{}` on `{}`.", case.id, case.operation.id.as_str());
    quote!(#[doc = #line])
}

/// The case data as a `harness::RequestCase` literal.
fn request_case(case: &Case) -> TokenStream {
    let json = &case.json;
    let id = &case.id;
    let method = text(json, "method");
    let uri = text(json, "uri");
    let query_params = strings(json, "queryParams");
    let forbid_query_params = strings(json, "forbidQueryParams");
    let require_query_params = strings(json, "requireQueryParams");
    let headers = headers(json);
    let forbid_headers = strings(json, "forbidHeaders");
    let require_headers = strings(json, "requireHeaders");
    let body = optional_text(json, "body");
    let body_media_type = optional_text(json, "bodyMediaType");
    let params = params(json);
    let host = optional_text(json, "host");
    let resolved_host = optional_text(json, "resolvedHost");
    quote! {
        protocol_tests::harness::RequestCase {
            id: #id,
            host: #host,
            resolved_host: #resolved_host,
            method: #method,
            uri: #uri,
            query_params: &[#(#query_params),*],
            forbid_query_params: &[#(#forbid_query_params),*],
            require_query_params: &[#(#require_query_params),*],
            headers: &[#(#headers),*],
            forbid_headers: &[#(#forbid_headers),*],
            require_headers: &[#(#require_headers),*],
            body: #body,
            body_media_type: #body_media_type,
            params: #params,
        }
    }
}

/// The case data as a `harness::ResponseCase` literal.
fn response_case(case: &Case) -> TokenStream {
    let json = &case.json;
    let id = &case.id;
    let code = json.get("code").and_then(Value::as_u64).and_then(|c| u16::try_from(c).ok()).unwrap_or(200);
    let headers = headers(json);
    let body = optional_text(json, "body");
    let body_media_type = optional_text(json, "bodyMediaType");
    let params = params(json);
    quote! {
        protocol_tests::harness::ResponseCase {
            id: #id,
            code: #code,
            headers: &[#(#headers),*],
            body: #body,
            body_media_type: #body_media_type,
            params: #params,
        }
    }
}

/// The statement that runs the case against the generated code.
fn check(protocol: &Ident, case: &Case) -> TokenStream {
    let module = ident(&case.module);
    let service = quote!(protocol_tests::#protocol::#module);
    let op = &case.operation;
    let marker = ident(&case.wire.marker);
    let operation = quote!(#service::operations::#marker);
    let type_of = |name: &Option<String>| match name {
        Some(name) => {
            let name = ident(name);
            quote!(#service::#name)
        }
        None => quote!(()),
    };
    // A streaming response gets its body as a stream (held in memory, as the case gives it).
    let response = match case.wire.streaming_output {
        true => quote!(protocol_tests::harness::streamed(response)),
        false => quote!(response),
    };
    match (case.kind, &case.error) {
        (Kind::Request, _) => {
            // A case that names the host sends the request there, with `request_to`.
            let (function, endpoint) = match case.json.get("host").and_then(Value::as_str) {
                Some(host) => {
                    let url = format!("https://{host}");
                    (quote!(request_to), quote!(&smithy_runtime::endpoint::Endpoint::new(#url),))
                }
                None => (quote!(request), quote!()),
            };
            // A Unit input has no value to pass; its params must still be `{}`.
            let (input, call) = match &op.input {
                Some(_) => {
                    let ty = type_of(&op.input);
                    let call = match case.wire.streaming_input {
                        true => quote!(#operation::#function(input, #endpoint options).map(protocol_tests::harness::buffered)),
                        false => quote!(#operation::#function(&input, #endpoint options)),
                    };
                    (quote!(let input: #ty = protocol_tests::harness::expected(params)?;), call)
                }
                None => (
                    quote!(let () = protocol_tests::harness::expected(params)?;),
                    quote!(#operation::#function(#endpoint options)),
                ),
            };
            quote! {
                protocol_tests::harness::check_request(&case, |params, options| {
                    #input
                    #call.map_err(|e| format!("serialization failed: {e}"))
                });
            }
        }
        (Kind::Response, None) => {
            let (expected, compare) = match &op.output {
                Some(_) => {
                    let ty = type_of(&op.output);
                    (
                        quote!(let expected: #ty = protocol_tests::harness::expected(params)?;),
                        quote!(Ok(actual) => protocol_tests::harness::same(&actual, &expected),),
                    )
                }
                None => (quote!(let () = protocol_tests::harness::expected(params)?;), quote!(Ok(()) => Ok(()),)),
            };
            quote! {
                protocol_tests::harness::check_response(&case, |response, params| {
                    #expected
                    match #operation::response(#response) {
                        #compare
                        Err(error) => Err(format!("parsing failed: {error:?}")),
                    }
                });
            }
        }
        (Kind::Response, Some(error)) => {
            let error_type = type_of(&Some(error.clone()));
            let error_enum = ident(&case.wire.error_enum);
            let variant = ident(case.wire.error_variant.as_deref().unwrap_or(error));
            let message = format!("expected the `{error}` error, got {{other:?}}");
            quote! {
                protocol_tests::harness::check_response(&case, |response, params| {
                    let expected: #error_type = protocol_tests::harness::expected(params)?;
                    match #operation::response(#response) {
                        Err(#service::operations::#error_enum::#variant(actual)) => protocol_tests::harness::same(&actual, &expected),
                        other => Err(format!(#message)),
                    }
                });
            }
        }
    }
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn text(json: &Value, key: &str) -> String {
    json.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn optional_text(json: &Value, key: &str) -> TokenStream {
    match json.get(key).and_then(Value::as_str) {
        Some(text) => quote!(Some(#text)),
        None => quote!(None),
    }
}

fn strings(json: &Value, key: &str) -> Vec<String> {
    json.get(key).and_then(Value::as_array).map(|items| items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

/// `("name", "value")` pairs, sorted by name (the JSON object's order).
fn headers(json: &Value) -> Vec<TokenStream> {
    let Some(headers) = json.get("headers").and_then(Value::as_object) else {
        return Vec::new();
    };
    headers.iter().map(|(name, value)| {
        let value = value.as_str().unwrap_or_default();
        quote!((#name, #value))
    }).collect()
}

/// The `params` object as JSON text (`{}` when the case has none).
fn params(json: &Value) -> String {
    json.get("params").map_or_else(|| "{}".to_owned(), Value::to_string)
}
