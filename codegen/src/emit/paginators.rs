//! Paginators, in the client module: for each paginated operation with wire code, the
//! runtime's `Paginated` (and `PageSize`, `PaginatedItems`) on its operation type, which read
//! and set its token, page size and items along the IR's field paths, and the client's
//! `<operation>_paginator` method.

use super::common::{doc_attrs, ident, type_tokens, Place};
use crate::ir::paginators::{FieldStep, Paginator};
use crate::ir::{Operation, RustType, Service};
use proc_macro2::TokenStream;
use quote::quote;

/// The trait impls and an `impl Client` block with the paginator methods; empty when the
/// service has no paginated operation.
pub(super) fn client_items(service: &Service) -> TokenStream {
    let paginated: Vec<(&Operation, &Paginator)> = service
        .operations
        .iter()
        .filter(|op| op.wire.is_some())
        .filter_map(|op| Some((op, op.paginator.as_ref()?)))
        .collect();
    if paginated.is_empty() {
        return quote!();
    }
    let impls = paginated.iter().map(|(op, paginator)| trait_impls(op, paginator));
    let methods = paginated.iter().map(|(op, paginator)| method(op, paginator));
    quote! {
        #(#impls)*

        impl Client {
            #(#methods)*
        }
    }
}

fn marker(op: &Operation) -> TokenStream {
    let marker = op.wire.as_ref().map_or_else(|| ident(&op.name), |wire| ident(&wire.marker));
    quote!(super::operations::#marker)
}

fn trait_impls(op: &Operation, paginator: &Paginator) -> TokenStream {
    let marker = marker(op);
    let token = type_tokens(&paginator.token, Place::Builders);
    let read = read_token(&paginator.output_token, &paginator.token);
    let set_token = set(&paginator.input_token, quote!(token));
    let page_size = paginator.page_size.as_ref().map(|step| {
        let size = type_tokens(&step.ty, Place::Builders);
        let set_size = set(step, quote!(size));
        quote! {
            impl ::smithy_runtime::client::PageSize for #marker {
                type Size = #size;

                fn set_page_size(input: &mut Self::Input, size: Self::Size) {
                    #set_size
                }
            }
        }
    });
    let items = paginator.items.as_ref().and_then(|steps| {
        let collection = type_tokens(&steps.last()?.ty, Place::Builders);
        let take = take_items(steps);
        Some(quote! {
            impl ::smithy_runtime::client::PaginatedItems for #marker {
                type Items = #collection;

                fn take_items(mut output: Self::Output) -> Self::Items {
                    #take
                }
            }
        })
    });
    quote! {
        impl ::smithy_runtime::client::Paginated for #marker {
            type Token = #token;

            fn output_token(output: &Self::Output) -> Option<&Self::Token> {
                #read
            }

            fn set_input_token(input: &mut Self::Input, token: Self::Token) {
                #set_token
            }
        }

        #page_size
        #items
    }
}

/// `input.field = value`, wrapped as the field is.
fn set(step: &FieldStep, value: TokenStream) -> TokenStream {
    let field = ident(&step.field);
    let value = if step.boxed { quote!(Box::new(#value)) } else { value };
    if step.optional {
        quote!(input.#field = Some(#value);)
    } else {
        quote!(input.#field = #value;)
    }
}

/// The body returning `Option<&Token>`: through each optional step with `?`, then the
/// token, absent when it is empty.
fn read_token(steps: &[FieldStep], token: &RustType) -> TokenStream {
    let Some((last, through)) = steps.split_last() else { return quote!(None) };
    let lets = through.iter().enumerate().map(|(i, step)| {
        let from = if i == 0 { quote!(output) } else { quote!(value) };
        let field = ident(&step.field);
        match (step.optional, step.boxed) {
            (true, true) => quote!(let value = #from.#field.as_deref()?;),
            (true, false) => quote!(let value = #from.#field.as_ref()?;),
            (false, true) => quote!(let value = &*#from.#field;),
            (false, false) => quote!(let value = &#from.#field;),
        }
    });
    let from = if through.is_empty() { quote!(output) } else { quote!(value) };
    let field = ident(&last.field);
    let value = match (last.optional, last.boxed) {
        (true, true) => quote!(#from.#field.as_deref()),
        (true, false) => quote!(#from.#field.as_ref()),
        (false, true) => quote!(Some(&*#from.#field)),
        (false, false) => quote!(Some(&#from.#field)),
    };
    // An empty token ends the pages as an absent one does.
    let filter = matches!(token, RustType::String | RustType::List(_) | RustType::Map(..))
        .then(|| quote!(.filter(|token| !token.is_empty())));
    quote! {
        #(#lets)*
        #value #filter
    }
}

/// The body taking the items out of `output`: an absent step gives an empty collection.
fn take_items(steps: &[FieldStep]) -> TokenStream {
    let Some((last, through)) = steps.split_last() else { return quote!(Default::default()) };
    let lets = through.iter().enumerate().map(|(i, step)| {
        let from = if i == 0 { quote!(output) } else { quote!(value) };
        let field = ident(&step.field);
        match (step.optional, step.boxed) {
            (true, true) => quote!(let Some(value) = #from.#field.as_deref_mut() else { return Default::default() };),
            (true, false) => quote!(let Some(value) = #from.#field.as_mut() else { return Default::default() };),
            (false, true) => quote!(let value = &mut *#from.#field;),
            (false, false) => quote!(let value = &mut #from.#field;),
        }
    });
    let from = if through.is_empty() { quote!(output) } else { quote!(value) };
    let field = ident(&last.field);
    let take = match (last.optional, last.boxed) {
        (true, true) => quote!(#from.#field.take().map(|items| *items).unwrap_or_default()),
        (true, false) => quote!(#from.#field.take().unwrap_or_default()),
        (false, true) => quote!(::std::mem::take(&mut *#from.#field)),
        (false, false) => quote!(::std::mem::take(&mut #from.#field)),
    };
    quote! {
        #(#lets)*
        #take
    }
}

fn method(op: &Operation, paginator: &Paginator) -> TokenStream {
    let name = ident(&paginator.method);
    let marker = marker(op);
    let input = op.input.as_deref().map_or_else(|| quote!(()), |n| Place::Builders.type_path(n));
    let token_path: Vec<&str> = paginator.output_token.iter().map(|s| s.field.as_str()).collect();
    let mut docs = vec![
        format!("The pages of `{}`, as a `Stream` of results, starting from `input`.", op.name),
        String::new(),
        format!(
            "Each page's `{}` is sent as `{}` to ask for the next; the pages end with a page without it. \
             Nothing is sent until the stream is polled.",
            token_path.join("."),
            paginator.input_token.field
        ),
    ];
    if let Some(step) = &paginator.page_size {
        docs.push(String::new());
        docs.push(format!("`.page_size(n)` sets `{}`, the most results a page holds.", step.field));
    }
    if let Some(steps) = &paginator.items {
        let path: Vec<&str> = steps.iter().map(|s| s.field.as_str()).collect();
        docs.push(String::new());
        docs.push(format!("`.items()` streams the `{}` of every page, one at a time.", path.join(".")));
    }
    let docs = doc_attrs(&docs);
    quote! {
        #docs
        pub fn #name(&self, input: #input) -> ::smithy_runtime::client::Paginator<#marker> {
            ::smithy_runtime::client::Paginator::new(self.handle.clone(), input)
        }
    }
}
