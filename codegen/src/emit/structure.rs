//! Structures: the type, its `Debug` (derived, or from `debug` when it hides `@sensitive`
//! values) and, for error shapes, `Display` and `std::error::Error`.
//!
//! Under the `serde` feature a structure derives `Serialize` with its members under their
//! model names (unset optional members left out), and `Deserialize` through its builder, so
//! that a missing required member fails with the builder's error naming it and an unset
//! default member takes its default. A structure with a `@streaming` member has neither: a
//! stream is read once, and such a structure is only ever an operation's input or output.

use super::common::{Place, doc_attrs, holds_float, ident, serde_attr, serde_sensitive_doc, type_tokens};
use super::debug::{needs_manual_debug, redacting_debug};
use super::serde_names::SerdeNames;
use crate::ir::{ErrorInfo, Field, Presence, Struct};
use proc_macro2::TokenStream;
use quote::quote;

/// The structure, its inherent impl and its trait impls.
pub(super) fn structure(s: &Struct) -> TokenStream {
    let docs = doc_attrs(&s.docs);
    let name = ident(&s.name);
    let builder = ident(&s.builder);
    let serde = !s.holds_stream();
    let names = SerdeNames::new(&s.fields);
    let fields = s.fields.iter().map(|f| field(f, serde.then_some(&names)));
    let derive_debug = (!needs_manual_debug(s)).then(|| quote!(Debug,));
    let derive_clone = (!s.holds_stream()).then(|| quote!(Clone,));
    let debug_impl = needs_manual_debug(s).then(|| redacting_debug(s, &s.name));
    let error_impls = s.error.as_ref().map(|info| error_impls(s, info));
    let serde_conversion = (!s.holds_stream()).then(|| serde_conversion(s));
    let link = format!(" Starts building a [`{}`](Self).", s.name);
    let sensitive_doc = (serde && s.sensitive).then(serde_sensitive_doc);
    let serde_derive = serde.then(|| serde_derive(s, &names));
    quote! {
        #docs
        #sensitive_doc
        #[derive(#derive_clone #derive_debug PartialEq)]
        #serde_derive
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #[doc = #link]
            pub fn builder() -> builders::#builder {
                <builders::#builder as ::std::default::Default>::default()
            }
        }

        #debug_impl
        #error_impls
        #serde_conversion
    }
}

/// The derives and container attribute of the `serde` feature: `Deserialize` goes through
/// the builder, converted by `build()`.
fn serde_derive(s: &Struct, names: &SerdeNames) -> TokenStream {
    let builder = format!("builders::{}", s.builder);
    let conversion = if has_required(s) { quote!(try_from = #builder) } else { quote!(from = #builder) };
    let items = std::iter::once(conversion).chain(names.container());
    quote!(#[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize), serde(#(#items),*))])
}

fn has_required(s: &Struct) -> bool {
    s.fields.iter().any(|f| f.presence == Presence::Required)
}

/// The conversion from the builder that `Deserialize` goes through: `build()`.
fn serde_conversion(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let builder = ident(&s.builder);
    let doc = format!(" Builds the [`{}`](Self) with [`build`](builders::{}::build).", s.name, s.builder);
    if has_required(s) {
        quote! {
            #[cfg(feature = "serde")]
            impl ::std::convert::TryFrom<builders::#builder> for #name {
                type Error = ::smithy_runtime::BuildError;

                #[doc = #doc]
                fn try_from(builder: builders::#builder) -> Result<Self, Self::Error> {
                    builder.build()
                }
            }
        }
    } else {
        quote! {
            #[cfg(feature = "serde")]
            impl ::std::convert::From<builders::#builder> for #name {
                #[doc = #doc]
                fn from(builder: builders::#builder) -> Self {
                    builder.build()
                }
            }
        }
    }
}

/// A field; `serde`, how its model name is given under the `serde` feature (`None`: the
/// structure has no `serde` impls).
fn field(field: &Field, serde: Option<&SerdeNames>) -> TokenStream {
    let docs = doc_attrs(&field.docs);
    let name = ident(&field.name);
    let ty = type_tokens(&field.field_type(), Place::Service);
    let serde_attrs = serde.map(|names| {
        let mut items: Vec<TokenStream> = names.member(field).into_iter().collect();
        if field.presence == Presence::Optional {
            items.push(quote!(skip_serializing_if = "Option::is_none"));
        }
        if holds_float(&field.ty) {
            items.push(quote!(serialize_with = "::smithy_runtime::__private::serde::floats::serialize"));
        }
        serde_attr(&items)
    });
    let sensitive_doc = (serde.is_some() && field.redacted).then(serde_sensitive_doc);
    quote! {
        #docs
        #sensitive_doc
        #serde_attrs
        pub #name: #ty,
    }
}

fn error_impls(s: &Struct, info: &ErrorInfo) -> TokenStream {
    let name = ident(&s.name);
    let type_name = &s.name;
    let message = match (&info.message_field, info.message_optional) {
        (Some(field), true) => {
            let field = ident(field);
            quote!(self.#field.as_deref())
        }
        (Some(field), false) => {
            let field = ident(field);
            quote!(Some(self.#field.as_str()))
        }
        (None, _) => quote!(None),
    };
    let display = if info.message_shown {
        quote! {
            f.write_str(#type_name)?;
            if let Some(message) = self.message() {
                write!(f, ": {message}")?;
            }
            Ok(())
        }
    } else {
        quote!(f.write_str(#type_name))
    };
    let status = proc_macro2::Literal::u16_unsuffixed(info.status);
    let retryable = info.retryable;
    let status_doc = format!(" The HTTP status code the service answers this error with ({}).", info.status);
    let retry_doc = if retryable { " Whether the request may be retried: yes." } else { " Whether the request may be retried: no." };
    quote! {
        impl #name {
            #[doc = #status_doc]
            pub const HTTP_STATUS: u16 = #status;
            #[doc = #retry_doc]
            pub const RETRYABLE: bool = #retryable;

            /// The message the service sent with the error, if any.
            pub fn message(&self) -> Option<&str> {
                #message
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #display
            }
        }

        impl ::std::error::Error for #name {}
    }
}
