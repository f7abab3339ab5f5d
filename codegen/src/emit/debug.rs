//! Redacting `Debug` impls: for structures and their builders (redacted fields print as
//! `REDACTED`), unions (a redacted member's value likewise) and enums, and for any of them
//! marked `@sensitive` as a whole (only `REDACTED`). Types with nothing to hide derive
//! `Debug` instead.

use super::common::ident;
use crate::ir::{Enum, Struct, Union};
use proc_macro2::TokenStream;
use quote::quote;

/// Whether the `Debug` of a structure and of its builder has to be written out to hide
/// something.
pub(super) fn needs_manual_debug(s: &Struct) -> bool {
    s.sensitive || s.fields.iter().any(|f| f.redacted)
}

/// A `Debug` impl for a structure or its builder (`type_name` says which) that prints
/// redacted fields as `REDACTED`, or only that when the whole structure is `@sensitive`.
pub(super) fn redacting_debug(s: &Struct, type_name: &str) -> TokenStream {
    let body = if s.sensitive {
        quote!(f.write_str(::smithy_runtime::__private::REDACTED))
    } else {
        let fields = s.fields.iter().map(|field| {
            let name = ident(&field.name);
            let label = &field.name;
            if field.redacted {
                quote!(.field(#label, &::smithy_runtime::__private::REDACTED))
            } else {
                quote!(.field(#label, &self.#name))
            }
        });
        quote!(f.debug_struct(#type_name) #(#fields)* .finish())
    };
    debug_impl(type_name, body)
}

/// Whether the `Debug` of a union has to be written out to hide something.
pub(super) fn union_needs_manual_debug(u: &Union) -> bool {
    u.sensitive || u.variants.iter().any(|v| v.redacted)
}

/// A `Debug` impl for a union that prints a redacted member's value as `REDACTED`, or only
/// that when the whole union is `@sensitive`.
pub(super) fn redacting_union_debug(u: &Union) -> TokenStream {
    let body = if u.sensitive {
        quote!(f.write_str(::smithy_runtime::__private::REDACTED))
    } else {
        let arms = u.variants.iter().map(|v| {
            let variant = ident(&v.name);
            let label = &v.name;
            match (&v.ty, v.redacted) {
                (None, _) => quote!(Self::#variant => f.write_str(#label),),
                (Some(_), true) => {
                    quote!(Self::#variant(_) => f.debug_tuple(#label).field(&::smithy_runtime::__private::REDACTED).finish(),)
                }
                (Some(_), false) => quote!(Self::#variant(value) => f.debug_tuple(#label).field(value).finish(),),
            }
        });
        quote! {
            match self {
                #(#arms)*
                Self::Unknown => f.write_str("Unknown"),
            }
        }
    };
    debug_impl(&u.name, body)
}

/// The `Debug` impl of a `@sensitive` enum: only `REDACTED`.
pub(super) fn redacting_enum_debug(e: &Enum) -> TokenStream {
    debug_impl(&e.name, quote!(f.write_str(::smithy_runtime::__private::REDACTED)))
}

/// `impl Debug for #type_name { fn fmt(…) { #body } }`.
fn debug_impl(type_name: &str, body: TokenStream) -> TokenStream {
    let name = ident(type_name);
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #body
            }
        }
    }
}
