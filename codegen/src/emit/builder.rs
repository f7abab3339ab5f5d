//! Builders: one per structure, in the service's `builders` module. `build` fails, naming
//! them, when required members are unset; defaults fill members the caller left unset.

use super::common::{DefaultFill, Place, default_fill, doc_attrs, holds_float, ident, serde_attr, type_tokens};
use super::debug::{needs_manual_debug, redacting_debug};
use super::serde_names::SerdeNames;
use crate::ir::{Field, Presence, RustType, Struct};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The builder struct and its methods.
pub(super) fn builder(s: &Struct) -> TokenStream {
    let name = ident(&s.builder);
    let doc = format!(" A builder for [`{0}`](super::{0}).", s.name);
    // Under the `serde` feature the structure deserializes through its builder, which reads
    // members by their model names.
    let serde = !s.holds_stream();
    let names = SerdeNames::new(&s.fields);
    let fields = s.fields.iter().map(|f| {
        let name = ident(&f.name);
        let ty = type_tokens(&f.ty, Place::Builders);
        let serde_attrs = serde.then(|| serde_field(f, &names));
        quote!(#serde_attrs #name: Option<#ty>,)
    });
    let serde_derive = serde.then(|| {
        let container = names.container().map(|rename_all| quote!(, serde(#rename_all)));
        quote!(#[cfg_attr(feature = "serde", derive(::serde::Deserialize) #container)])
    });
    let accessors = s.fields.iter().map(accessors);
    let derive_debug = (!needs_manual_debug(s)).then(|| quote!(Debug,));
    let derive_clone = (!s.holds_stream()).then(|| quote!(Clone,));
    let debug_impl = needs_manual_debug(s).then(|| redacting_debug(s, &s.builder));
    let build = build(s);
    quote! {
        #[doc = #doc]
        #[derive(#derive_clone #derive_debug Default, PartialEq)]
        #serde_derive
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #(#accessors)*
            #build
        }

        #debug_impl
    }
}

/// A field's `serde` attributes: its model name, and the float form when it holds floats or
/// a document's own reading of `null` (each, replacing the derive's reading of an `Option`,
/// needs `default` for a missing member).
fn serde_field(field: &Field, names: &SerdeNames) -> TokenStream {
    let mut items: Vec<TokenStream> = names.member(field).into_iter().collect();
    if holds_float(&field.ty) {
        items.push(quote!(default));
        items.push(quote!(deserialize_with = "::smithy_runtime::__private::serde::floats::deserialize"));
    } else if field.ty == RustType::Document {
        // `null` is a document (`Document::Null`), as the structure writes it, not unset.
        items.push(quote!(default));
        items.push(quote!(deserialize_with = "::smithy_runtime::__private::serde::present"));
    }
    serde_attr(&items)
}

/// The binary operator methods clippy's `should_implement_trait` lists (`Add::add`, …). A
/// setter named after a member `add` has their shape, `fn add(self, value) -> Self`, so the
/// lint asks for the trait; the name is the model's, and the setter is not an addition.
const BINARY_OPERATOR_METHODS: [&str; 10] =
    ["add", "sub", "mul", "div", "rem", "shl", "shr", "bitand", "bitor", "bitxor"];

/// The setter, optional setter and getter of one field.
fn accessors(field: &Field) -> TokenStream {
    let docs = doc_attrs(&field.docs);
    let name = ident(&field.name);
    let (set, get) = (ident(&field.setter), ident(&field.getter));
    let ty = type_tokens(&field.ty, Place::Builders);
    let set_doc = format!(" Sets or clears [`{0}`](Self::{0}).", field.name);
    let get_doc = format!(" The value given to [`{0}`](Self::{0}), if any.", field.name);
    let allow = BINARY_OPERATOR_METHODS
        .contains(&field.name.as_str())
        .then(|| quote!(#[allow(clippy::should_implement_trait)]));
    // `Into` is a reserved type name (`ir::names`): no generated type shadows the prelude's.
    quote! {
        #docs
        #allow
        pub fn #name(mut self, value: impl Into<#ty>) -> Self {
            self.#name = Some(value.into());
            self
        }

        #[doc = #set_doc]
        pub fn #set(mut self, value: Option<#ty>) -> Self {
            self.#name = value;
            self
        }

        #[doc = #get_doc]
        pub fn #get(&self) -> Option<&#ty> {
            self.#name.as_ref()
        }
    }
}

/// `build`: infallible unless some field is required.
fn build(s: &Struct) -> TokenStream {
    let target = ident(&s.name);
    let required: Vec<&Field> = s.fields.iter().filter(|f| f.presence == Presence::Required).collect();
    let values = s.fields.iter().map(|f| {
        let name = ident(&f.name);
        let value = field_value(f);
        quote!(#name: #value)
    });
    if required.is_empty() {
        let doc = format!(" Builds the [`{0}`](super::{0}).", s.name);
        return quote! {
            #[doc = #doc]
            pub fn build(self) -> super::#target {
                super::#target { #(#values),* }
            }
        };
    }
    let doc = format!(
        " Builds the [`{0}`](super::{0}).\n\n # Errors\n\n Fails, naming them, when required members are unset: {1}.",
        s.name,
        required.iter().map(|f| format!("`{}`", f.wire_name)).collect::<Vec<_>>().join(", ")
    );
    let fields: Vec<_> = required.iter().map(|f| ident(&f.name)).collect();
    let names: Vec<_> = required.iter().map(|f| bound_value(f)).collect();
    let labels = required.iter().map(|f| f.wire_name.as_str());
    let type_name = &s.name;
    quote! {
        #[doc = #doc]
        pub fn build(self) -> Result<super::#target, ::smithy_runtime::BuildError> {
            match (#(self.#fields,)*) {
                (#(Some(#names),)*) => Ok(super::#target { #(#values),* }),
                (#(#names,)*) => Err(::smithy_runtime::BuildError::unset_among(
                    #type_name,
                    &[#((#labels, #names.is_none())),*],
                )),
            }
        }
    }
}

/// The local a required field's value is bound to in `build`: not the bare field name, which
/// may be a placeholder name that clippy disallows (`foo`). Field names are never raw
/// identifiers (`names` turns keywords into `type_`), so the prefix always makes an identifier.
fn bound_value(field: &Field) -> proc_macro2::Ident {
    format_ident!("value_{}", field.name)
}

/// The expression giving a field its value in `build`.
fn field_value(field: &Field) -> TokenStream {
    let name = ident(&field.name);
    let value = match &field.presence {
        Presence::Optional => quote!(self.#name),
        // Bound by the `match` in `build`.
        Presence::Required => {
            let value = bound_value(field);
            quote!(#value)
        }
        Presence::Default(value) => match default_fill(value, &field.ty, Place::Builders) {
            DefaultFill::TypeDefault => quote!(self.#name.unwrap_or_default()),
            DefaultFill::Value(v) => quote!(self.#name.unwrap_or(#v)),
            DefaultFill::Lazy(v) => quote!(self.#name.unwrap_or_else(|| #v)),
        },
    };
    match (field.boxed, &field.presence) {
        (false, _) => value,
        (true, Presence::Optional) => quote!(#value.map(Box::new)),
        (true, _) => quote!(Box::new(#value)),
    }
}
