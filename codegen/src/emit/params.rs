//! Test support (only when `Settings::params` asks for it): a `FromParams` implementation
//! for every generated type of a service, building values from Smithy params JSON through
//! the builders. The trait and the conversions of primitives, collections and runtime types
//! are hand-written in the runtime's `src/params.rs` (feature `params`).

use super::common::{ident, Place};
use crate::ir::{Enum, Presence, Service, Struct, TypeDef, Union};
use proc_macro2::TokenStream;
use quote::quote;

/// `mod from_params { impl ::smithy_runtime::params::FromParams for super::X { … } … }`.
pub(super) fn service_impls(service: &Service) -> TokenStream {
    let impls = service.types.iter().map(|def| match def {
        TypeDef::Struct(s) => structure(s),
        TypeDef::Enum(e) => enumeration(e),
        TypeDef::Union(u) => union(u),
    });
    quote! {
        /// Conversions from Smithy params JSON, for tests.
        mod from_params {
            #(#impls)*
        }
    }
}

/// Members by their model name, each through the builder's `set_` method; unknown keys fail.
fn structure(s: &Struct) -> TokenStream {
    let ty = Place::Builders.type_path(&s.name);
    let type_name = &s.name;
    let arms = s.fields.iter().map(|f| {
        let wire = &f.wire_name;
        let setter = ident(&f.setter);
        quote!(#wire => builder.#setter(::smithy_runtime::params::member(value, key)?),)
    });
    let has_required = s.fields.iter().any(|f| f.presence == Presence::Required);
    let build = if has_required {
        quote!(builder.build().map_err(::smithy_runtime::params::build_error))
    } else {
        quote!(Ok(builder.build()))
    };
    // A structure without members has nothing to match: every key is unknown.
    let body = if s.fields.is_empty() {
        quote! {
            if let Some(key) = object.keys().next() {
                return Err(::smithy_runtime::params::unknown_member(#type_name, key));
            }
            let builder = #ty::builder();
        }
    } else {
        quote! {
            let mut builder = #ty::builder();
            for (key, value) in object {
                builder = match key.as_str() {
                    #(#arms)*
                    _ => return Err(::smithy_runtime::params::unknown_member(#type_name, key)),
                };
            }
        }
    };
    quote! {
        impl ::smithy_runtime::params::FromParams for #ty {
            fn from_params(value: &::smithy_runtime::params::Value) -> Result<Self, ::smithy_runtime::params::ParamsError> {
                let object = ::smithy_runtime::params::object(value, #type_name)?;
                #body
                #build
            }
        }
    }
}

/// String enums from their value, intEnums from their integer; unlisted values are `Unknown`.
fn enumeration(e: &Enum) -> TokenStream {
    let ty = Place::Builders.type_path(&e.name);
    let type_name = &e.name;
    let value = if e.int {
        quote!(::smithy_runtime::params::enum_int(value, #type_name)?)
    } else {
        quote!(::smithy_runtime::params::enum_string(value, #type_name)?)
    };
    quote! {
        impl ::smithy_runtime::params::FromParams for #ty {
            fn from_params(value: &::smithy_runtime::params::Value) -> Result<Self, ::smithy_runtime::params::ParamsError> {
                Ok(Self::from(#value))
            }
        }
    }
}

/// Exactly one member, by its model name.
fn union(u: &Union) -> TokenStream {
    let ty = Place::Builders.type_path(&u.name);
    let type_name = &u.name;
    let arms = u.variants.iter().map(|v| {
        let wire = &v.wire_name;
        let variant = ident(&v.name);
        match v.ty {
            Some(_) => quote!(#wire => Ok(Self::#variant(::smithy_runtime::params::variant(value, name)?)),),
            None => quote!(#wire => ::smithy_runtime::params::unit(value, name).map(|()| Self::#variant),),
        }
    });
    quote! {
        impl ::smithy_runtime::params::FromParams for #ty {
            fn from_params(value: &::smithy_runtime::params::Value) -> Result<Self, ::smithy_runtime::params::ParamsError> {
                let (name, value) = ::smithy_runtime::params::single_member(value, #type_name)?;
                match name {
                    #(#arms)*
                    _ => Err(::smithy_runtime::params::unknown_member(#type_name, name)),
                }
            }
        }
    }
}
