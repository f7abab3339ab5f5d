//! Structures: the type, its `Debug` (derived, or from `debug` when it hides `@sensitive`
//! values) and, for error shapes, `Display` and `std::error::Error`.

use super::common::{Place, doc_attrs, ident, type_tokens};
use super::debug::{needs_manual_debug, redacting_debug};
use crate::ir::{ErrorInfo, Field, Struct};
use proc_macro2::TokenStream;
use quote::quote;

/// The structure, its inherent impl and its trait impls.
pub(super) fn structure(s: &Struct) -> TokenStream {
    let docs = doc_attrs(&s.docs);
    let name = ident(&s.name);
    let builder = ident(&s.builder);
    let fields = s.fields.iter().map(field);
    let derive_debug = (!needs_manual_debug(s)).then(|| quote!(Debug,));
    let derive_clone = (!s.holds_stream()).then(|| quote!(Clone,));
    let debug_impl = needs_manual_debug(s).then(|| redacting_debug(s, &s.name));
    let error_impls = s.error.as_ref().map(|info| error_impls(s, info));
    let link = format!(" Starts building a [`{}`](Self).", s.name);
    quote! {
        #docs
        #[derive(#derive_clone #derive_debug PartialEq)]
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
    }
}

fn field(field: &Field) -> TokenStream {
    let docs = doc_attrs(&field.docs);
    let name = ident(&field.name);
    let ty = type_tokens(&field.field_type(), Place::Service);
    quote! {
        #docs
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
