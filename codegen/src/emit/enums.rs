//! Open enums: string enums (including the legacy `enum` trait) and intEnums. A value the
//! model does not list is kept in the `Unknown` variant, so newer services do not break
//! older clients.
//!
//! Under the `serde` feature an enum is its wire value (a string, or an intEnum's integer),
//! and a value the model does not list reads back into `Unknown` and writes out as kept.

use super::common::{doc_attrs, ident, serde_sensitive_doc};
use super::debug::redacting_enum_debug;
use crate::ir::{Enum, EnumValue};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The enum and its conversions.
pub(super) fn enumeration(e: &Enum) -> TokenStream {
    let docs = doc_attrs(&e.docs);
    let name = ident(&e.name);
    let variants = e.variants.iter().map(|v| {
        let docs = doc_attrs(&v.docs);
        let name = ident(&v.name);
        quote!(#docs #name,)
    });
    let unknown_ty = if e.int { quote!(i32) } else { quote!(::smithy_runtime::UnknownVariantValue) };
    let derive_debug = (!e.sensitive).then(|| quote!(Debug,));
    let debug_impl = e.sensitive.then(|| redacting_enum_debug(e));
    let conversions = if e.int { int_conversions(e) } else { string_conversions(e) };
    let serde_impls = serde_impls(e);
    let sensitive_doc = e.sensitive.then(serde_sensitive_doc);
    quote! {
        #docs
        #sensitive_doc
        #[derive(Clone, #derive_debug PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know, kept as received.
            Unknown(#unknown_ty),
        }

        #conversions
        #debug_impl
        #serde_impls
    }
}

/// `Serialize` and `Deserialize` under the `serde` feature, through the wire value.
fn serde_impls(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let (write, read) = if e.int {
        (
            quote!(serializer.serialize_i32(self.value())),
            quote!(<i32 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)),
        )
    } else {
        (
            quote!(serializer.serialize_str(self.as_str())),
            quote!(<::std::string::String as ::serde::Deserialize>::deserialize(deserializer)
                .map(|value| Self::from(value.as_str()))),
        )
    };
    quote! {
        #[cfg(feature = "serde")]
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #write
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #read
            }
        }
    }
}

fn variant_idents(e: &Enum) -> Vec<proc_macro2::Ident> {
    e.variants.iter().map(|v| ident(&v.name)).collect()
}

fn string_conversions(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let variants = variant_idents(e);
    let values: Vec<&str> = e
        .variants
        .iter()
        .map(|v| match &v.value {
            EnumValue::String(s) => s.as_str(),
            EnumValue::Int(_) => "",
        })
        .collect();
    quote! {
        impl #name {
            /// The value as it goes on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Every value the model defines.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::Unknown(::smithy_runtime::UnknownVariantValue::new(other)),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

fn int_conversions(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let variants = variant_idents(e);
    let values: Vec<Literal> = e
        .variants
        .iter()
        .map(|v| match &v.value {
            EnumValue::Int(i) => Literal::i32_unsuffixed(*i),
            EnumValue::String(_) => Literal::i32_unsuffixed(0),
        })
        .collect();
    quote! {
        impl #name {
            /// The value as it goes on the wire.
            pub fn value(&self) -> i32 {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Unknown(value) => *value,
                }
            }

            /// Every value the model defines.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::Unknown(other),
                }
            }
        }
    }
}
