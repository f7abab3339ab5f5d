//! Unions: one variant per member, plus `Unknown` for members a newer service may send.

use super::common::{doc_attrs, ident, type_tokens, Place};
use super::debug::{redacting_union_debug, union_needs_manual_debug};
use crate::ir::{RustType, Union, UnionVariant};
use proc_macro2::TokenStream;
use quote::quote;

/// The union and its accessors.
pub(super) fn union(u: &Union) -> TokenStream {
    let docs = doc_attrs(&u.docs);
    let name = ident(&u.name);
    let variants = u.variants.iter().map(variant);
    let redacts = union_needs_manual_debug(u);
    let derive_debug = (!redacts).then(|| quote!(Debug,));
    let debug_impl = redacts.then(|| redacting_union_debug(u));
    let accessors = u.variants.iter().map(accessor);
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

/// `as_x()` for a member with a value, `is_x()` for a unit member, named by the IR.
fn accessor(v: &UnionVariant) -> TokenStream {
    let name = ident(&v.name);
    let method = ident(&v.accessor);
    let value = if v.boxed { quote!(&**value) } else { quote!(value) };
    match lent_type(v) {
        Some(ty) => {
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
