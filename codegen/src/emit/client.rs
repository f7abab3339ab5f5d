//! The client of a service: its `client` module, with one async method per operation, and
//! the runtime's `Operation` and `OperationError` implemented on each operation with the
//! sans-IO functions it already has. All of it is behind the generated crate's `client`
//! feature.

use super::common::{doc_attrs, ident, Place};
use super::json::JsonCodec;
use crate::ir::auth::AuthScheme;
use crate::ir::wire::OperationWire;
use crate::ir::{Operation, Service, Struct, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

/// `impl Operation for Marker` and `impl OperationError for MarkerError`.
pub(super) fn operation_impls(
    codec: &JsonCodec<'_>,
    op: &Operation,
    wire: &OperationWire,
    has_rule_set: bool,
) -> TokenStream {
    let marker = ident(&wire.marker);
    let error_enum = ident(&wire.error_enum);
    let name = &op.name;
    let input_ty = op.input.as_deref().map_or(quote!(()), |n| Place::Builders.type_path(n));
    let output_ty = op.output.as_deref().map_or(quote!(()), |n| Place::Builders.type_path(n));
    let auth = op.auth.iter().map(|scheme| auth_option(scheme, op.unsigned_payload));
    let read = if wire.streaming_output {
        quote!(::smithy_runtime::client::ReadResponse::Streaming { output: Self::response, error: Self::error })
    } else {
        quote!(::smithy_runtime::client::ReadResponse::Buffered(Self::response))
    };
    let response_checksums = wire.response_checksums.then(|| {
        quote!(
            const RESPONSE_CHECKSUMS: bool = true;
        )
    });
    let has_input = op.input.is_some();
    let resolve = match (has_rule_set, has_input) {
        (true, true) => {
            quote!(Self::endpoint_params(input, &super::endpoint::Params::from_built_ins(built_ins)).resolve())
        }
        (true, false) => quote!(Self::endpoint_params(&super::endpoint::Params::from_built_ins(built_ins)).resolve()),
        // Without a rule set, the configured endpoint URL is the endpoint.
        (false, _) => quote!(::smithy_runtime::client::configured_endpoint(built_ins)),
    };
    let input_param = if has_input && has_rule_set { quote!(input) } else { quote!(_input) };
    let build = match (has_input, wire.streaming_input) {
        (true, true) => quote!(Self::request_to(input, endpoint, options)),
        (true, false) => {
            quote!(Ok(Self::request_to(&input, endpoint, options)?.map(::smithy_runtime::ByteStream::from)))
        }
        (false, _) => quote!(Ok(Self::request_to(endpoint, options)?.map(::smithy_runtime::ByteStream::from))),
    };
    let build_input = if has_input { quote!(input) } else { quote!(_input) };
    let retryable: Vec<TokenStream> = wire
        .errors
        .iter()
        .filter_map(|(variant, ty)| {
            let Some(TypeDef::Struct(Struct { error: Some(info), .. })) = codec.type_def(ty) else { return None };
            let variant = ident(variant);
            match (info.retryable, info.throttling) {
                (true, true) => {
                    Some(quote!(Self::#variant(_) => Some(::smithy_runtime::client::Retryable::Throttling),))
                }
                (true, false) => {
                    Some(quote!(Self::#variant(_) => Some(::smithy_runtime::client::Retryable::Transient),))
                }
                (false, _) => None,
            }
        })
        .collect();
    let retryable = if retryable.is_empty() {
        quote!(None)
    } else {
        quote! {
            match self {
                #(#retryable)*
                _ => None,
            }
        }
    };
    quote! {
        #[cfg(feature = "client")]
        impl ::smithy_runtime::client::Operation for #marker {
            type Input = #input_ty;
            type Output = #output_ty;
            type Error = #error_enum;
            const NAME: &'static str = #name;
            const AUTH: &'static [::smithy_runtime::client::AuthOption] = &[#(#auth),*];
            const READ: ::smithy_runtime::client::ReadResponse<Self::Output, Self::Error> = #read;
            #response_checksums

            fn resolve_endpoint(
                #input_param: &Self::Input,
                built_ins: &::smithy_runtime::endpoint::BuiltIns,
            ) -> Result<::smithy_runtime::endpoint::Endpoint, ::smithy_runtime::endpoint::EndpointError> {
                #resolve
            }

            fn build_request(
                #build_input: Self::Input,
                endpoint: &::smithy_runtime::endpoint::Endpoint,
                options: &::smithy_runtime::RequestOptions,
            ) -> Result<http::Request<::smithy_runtime::ByteStream>, ::smithy_runtime::RequestError> {
                #build
            }
        }

        #[cfg(feature = "client")]
        impl ::smithy_runtime::client::OperationError for #error_enum {
            fn code(&self) -> Option<&str> {
                self.parts().1
            }

            fn retryable(&self) -> Option<::smithy_runtime::client::Retryable> {
                #retryable
            }
        }
    }
}

fn auth_option(scheme: &AuthScheme, unsigned_payload: bool) -> TokenStream {
    match scheme {
        AuthScheme::SigV4 { signing_name } => quote! {
            ::smithy_runtime::client::AuthOption::SigV4 { signing_name: #signing_name, unsigned_payload: #unsigned_payload }
        },
        AuthScheme::Bearer => quote!(::smithy_runtime::client::AuthOption::Bearer),
        AuthScheme::Anonymous => quote!(::smithy_runtime::client::AuthOption::Anonymous),
        AuthScheme::Unsupported(id) => quote!(::smithy_runtime::client::AuthOption::Unsupported { scheme: #id }),
    }
}

/// The `client` module: the `Client` type, with one method per operation that has wire code.
pub(super) fn module(service: &Service) -> TokenStream {
    let title = &service.title;
    let sdk_id = &service.title;
    let version = service.version.as_deref().unwrap_or_default();
    let methods = service.operations.iter().filter(|op| op.wire.is_some()).map(method);
    let paginators = super::paginators::client_items(service);
    let waiters = super::waiters::client_methods(service);
    let client_doc = doc_attrs(&[
        format!("A client of {title}: one async method per operation, which validates the input, resolves the"),
        "endpoint, signs, sends, retries as configured and reads the response.".to_owned(),
        String::new(),
        "Cloning it is cheap; clones share their connections and retry budget.".to_owned(),
    ]);
    quote! {
        /// The service's client (the crate's `client` feature).
        #[cfg(feature = "client")]
        pub mod client {
            #client_doc
            #[derive(Clone, Debug)]
            pub struct Client {
                handle: ::smithy_runtime::client::Handle,
            }

            impl Client {
                /// A client made from `config`, for example [`Config::load`](::smithy_runtime::client::Config::load)'s.
                pub fn new(config: &::smithy_runtime::client::Config) -> Self {
                    const SERVICE: ::smithy_runtime::client::ServiceInfo = ::smithy_runtime::client::ServiceInfo::new(#sdk_id, #version);
                    Self { handle: ::smithy_runtime::client::Handle::new(config, SERVICE) }
                }

                #(#methods)*
            }

            #paginators
            #waiters
        }
    }
}

fn method(op: &Operation) -> TokenStream {
    let Some(wire) = &op.wire else { return quote!() };
    let method = ident(&op.method);
    let marker = ident(&wire.marker);
    let error_enum = ident(&wire.error_enum);
    let output = op.output.as_deref().map_or(quote!(()), |n| {
        let n = ident(n);
        quote!(super::#n)
    });
    let (param, arg) = match op.input.as_deref() {
        Some(n) => {
            let n = ident(n);
            (quote!(input: super::#n), quote!(input))
        }
        None => (quote!(), quote!(())),
    };
    let mut docs = vec![format!("Calls `{}`.", op.name)];
    // The first paragraph of the operation's documentation; the rest is on the marker type.
    let summary: Vec<String> = op.docs.iter().take_while(|line| !line.is_empty()).cloned().collect();
    if !summary.is_empty() {
        docs.push(String::new());
        docs.extend(summary);
    }
    docs.extend([String::new(), format!("See [`{}`](super::operations::{}).", wire.marker, wire.marker)]);
    let docs = doc_attrs(&docs);
    quote! {
        #docs
        pub async fn #method(
            &self,
            #param
        ) -> Result<#output, ::smithy_runtime::client::Error<super::operations::#error_enum>> {
            self.handle.invoke::<super::operations::#marker>(#arg).await
        }
    }
}
