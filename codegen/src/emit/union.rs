//! Unions: one variant per member, plus `Unknown` for members a newer service may send.

use super::common::{doc_attrs, ident, type_tokens, Place};
use crate::ir::names::{snake_name, Scope};
use crate::ir::{RustType, Union, UnionVariant};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The union and its accessors.
pub(super) fn union(u: &Union) -> TokenStream {
    let docs = doc_attrs(&u.docs);
    let name = ident(&u.name);
    let variants = u.variants.iter().map(variant);
    let redacts = u.sensitive || u.variants.iter().any(|v| v.redacted);
    let derive_debug = (!redacts).then(|| quote!(Debug,));
    let debug_impl = redacts.then(|| redacting_debug(u));
    let mut methods = Scope::with_reserved(&["is_unknown"]);
    let accessors = u.variants.iter().map(|v| accessor(v, &mut methods)).collect::<Vec<_>>();
    quote! {
        #docs
        #[derive(Clone, #derive_debug PartialEq)]
        #[non_exhaustive]
        // Variants hold their values inline, as the model's members do.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know. It cannot be sent.
            Unknown,
        }

        impl #name {
            #(#accessors)*

            /// Whether the value is a member this version of the crate does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::Unknown)
            }
        }

        #debug_impl
    }
}

/// The type an accessor lends out: the value itself, never its box.
fn lent_type(v: &UnionVariant) -> Option<TokenStream> {
    v.ty.as_ref().map(|ty| type_tokens(ty, Place::Service))
}

fn value_type(v: &UnionVariant) -> Option<TokenStream> {
    let ty = v.ty.as_ref()?;
    let ty = if v.boxed { RustType::Box(Box::new(ty.clone())) } else { ty.clone() };
    Some(type_tokens(&ty, Place::Service))
}

fn variant(v: &UnionVariant) -> TokenStream {
    let docs = doc_attrs(&v.docs);
    let name = ident(&v.name);
    match value_type(v) {
        Some(ty) => quote!(#docs #name(#ty),),
        None => quote!(#docs #name,),
    }
}

/// `as_x()` for a member with a value, `is_x()` for a unit member.
fn accessor(v: &UnionVariant, methods: &mut Scope) -> TokenStream {
    let name = ident(&v.name);
    let base = snake_name(&v.name);
    let base = base.strip_suffix('_').unwrap_or(&base);
    let value = if v.boxed { quote!(&**value) } else { quote!(value) };
    match lent_type(v) {
        Some(ty) => {
            let method = format_ident!("{}", methods.claim(format!("as_{base}"), "_"));
            let doc = format!(" The value, if this is [`{0}`](Self::{0}).", v.name);
            quote! {
                #[doc = #doc]
                pub fn #method(&self) -> Option<&#ty> {
                    match self {
                        Self::#name(value) => Some(#value),
                        _ => None,
                    }
                }
            }
        }
        None => {
            let method = format_ident!("{}", methods.claim(format!("is_{base}"), "_"));
            let doc = format!(" Whether this is [`{0}`](Self::{0}).", v.name);
            quote! {
                #[doc = #doc]
                pub fn #method(&self) -> bool {
                    matches!(self, Self::#name)
                }
            }
        }
    }
}

fn redacting_debug(u: &Union) -> TokenStream {
    let name = ident(&u.name);
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
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #body
            }
        }
    }
}
