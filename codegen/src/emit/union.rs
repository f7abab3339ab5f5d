//! Unions: one variant per member, plus `Unknown` for members a newer service may send.
//!
//! Under the `serde` feature a union is an object with one key, the member's model name; a
//! member targeting `smithy.api#Unit` has the value `{}`. `Unknown` is written under a key
//! no member can have (`$unknown`), and any key the union does not know reads back into
//! `Unknown`. A key whose value is `null` counts as unset, unless the member is a document.

use super::common::{doc_attrs, holds_float, ident, serde_sensitive_doc, type_tokens, Place};
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
    let serde_impls = serde_impls(u);
    let sensitive_doc = (u.sensitive || u.variants.iter().any(|v| v.redacted)).then(serde_sensitive_doc);
    quote! {
        #docs
        #sensitive_doc
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
        #serde_impls
    }
}

/// `Serialize` and `Deserialize` under the `serde` feature: a one-key object.
fn serde_impls(u: &Union) -> TokenStream {
    let name = ident(&u.name);
    let helpers = quote!(::smithy_runtime::__private::serde);
    let writes = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let key = &v.wire_name;
        match &v.ty {
            None => quote!(Self::#variant => map.serialize_entry(#key, &#helpers::UnitValue)?,),
            Some(ty) if holds_float(ty) => {
                quote!(Self::#variant(value) => map.serialize_entry(#key, &#helpers::floats::Ser(value))?,)
            }
            Some(_) => quote!(Self::#variant(value) => map.serialize_entry(#key, value)?,),
        }
    });
    let reads = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let key = &v.wire_name;
        match (&v.ty, value_type(v)) {
            (Some(ty), Some(value_ty)) if holds_float(ty) => quote! {
                #key => map.next_value::<Option<#helpers::floats::De<#value_ty>>>()?.map(|value| #name::#variant(value.0)),
            },
            // `null` is a document, not an unset member.
            (Some(RustType::Document), Some(_)) => quote! {
                #key => Some(#name::#variant(map.next_value()?)),
            },
            (Some(_), Some(value_ty)) => quote! {
                #key => map.next_value::<Option<#value_ty>>()?.map(#name::#variant),
            },
            _ => quote! {
                #key => map.next_value::<Option<#helpers::UnitValue>>()?.map(|_| #name::#variant),
            },
        }
    });
    let type_name = &u.name;
    let expecting = format!("an object with one member of the union `{}`", u.name);
    quote! {
        #[cfg(feature = "serde")]
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(Some(1))?;
                match self {
                    #(#writes)*
                    Self::Unknown => map.serialize_entry(#helpers::UNKNOWN_MEMBER, &#helpers::UnitValue)?,
                }
                map.end()
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct __Visitor;

                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#name, A::Error> {
                        let mut found = None;
                        while let Some(key) = map.next_key::<::std::string::String>()? {
                            let value = match key.as_str() {
                                #(#reads)*
                                _ => map.next_value::<Option<::serde::de::IgnoredAny>>()?.map(|_| #name::Unknown),
                            };
                            if let Some(value) = value {
                                if found.replace(value).is_some() {
                                    return Err(#helpers::union_members(#type_name));
                                }
                            }
                        }
                        found.ok_or_else(|| #helpers::union_empty(#type_name))
                    }
                }

                deserializer.deserialize_map(__Visitor)
            }
        }
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
