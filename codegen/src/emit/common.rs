//! Helpers every emitter shares: identifiers, doc attributes, type and default tokens.

use crate::ir::{DefaultValue, RustType};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, ToTokens};

/// An identifier the IR has already made valid.
pub(super) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `#[doc = "…"]` lines; prettyplease prints them as `///` comments.
pub(super) fn doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| doc_literal(line));
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc = "…"]` lines for a module's own documentation.
pub(super) fn inner_doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| doc_literal(line));
    quote! { #( #![doc = #lines] )* }
}

/// A doc line as the string literal of its attribute, with the space that follows `///`.
/// Raw (`r"…"`) when it can be: an escaped literal is escaped here character by character
/// and unescaped again by syn before prettyplease prints it, a third of the cost of the
/// documentation. The value, and so the printed comment, is the same either way.
fn doc_literal(line: &str) -> Literal {
    if line.is_empty() {
        return Literal::string("");
    }
    let hashes = "#".repeat(raw_hashes(line));
    let raw = format!("r{hashes}\" {line}\"{hashes}");
    // A carriage return, say, is refused in a raw string: then escape.
    raw.parse().unwrap_or_else(|_| Literal::string(&format!(" {line}")))
}

/// How many `#` a raw string needs so that none of its `"` ends it early.
fn raw_hashes(text: &str) -> usize {
    let needed = |quote: usize| 1 + text[quote + 1..].bytes().take_while(|&b| b == b'#').count();
    text.match_indices('"').map(|(at, _)| needed(at)).max().unwrap_or(0)
}

/// Where an item is emitted: types refer to each other directly in the service module and
/// through `super::` from its `builders` module.
#[derive(Clone, Copy)]
pub(super) enum Place {
    /// The service module.
    Service,
    /// The service's `builders` module.
    Builders,
}

impl Place {
    /// The path to a generated type of the service from here.
    pub(super) fn type_path(self, name: &str) -> TokenStream {
        let name = ident(name);
        match self {
            Place::Service => quote!(#name),
            Place::Builders => quote!(super::#name),
        }
    }
}

/// The tokens of a Rust type: the std prelude types no generated type may take the name of
/// (`ir::names`) unqualified, everything else by its full path.
pub(super) fn type_tokens(ty: &RustType, place: Place) -> TokenStream {
    match ty {
        RustType::Bool => quote!(bool),
        RustType::I8 => quote!(i8),
        RustType::I16 => quote!(i16),
        RustType::I32 => quote!(i32),
        RustType::I64 => quote!(i64),
        RustType::F32 => quote!(f32),
        RustType::F64 => quote!(f64),
        RustType::String => quote!(String),
        RustType::Blob => quote!(::smithy_runtime::Blob),
        RustType::ByteStream => quote!(::smithy_runtime::ByteStream),
        RustType::DateTime => quote!(::smithy_runtime::DateTime),
        RustType::Document => quote!(::smithy_runtime::Document),
        RustType::BigInteger => quote!(::smithy_runtime::BigInteger),
        RustType::BigDecimal => quote!(::smithy_runtime::BigDecimal),
        RustType::Named(name) => place.type_path(name),
        RustType::List(item) => {
            let item = type_tokens(item, place);
            quote!(Vec<#item>)
        }
        RustType::Map(key, value) => {
            let (key, value) = (type_tokens(key, place), type_tokens(value, place));
            quote!(::std::collections::BTreeMap<#key, #value>)
        }
        RustType::Option(inner) => {
            let inner = type_tokens(inner, place);
            quote!(Option<#inner>)
        }
        RustType::Box(inner) => {
            let inner = type_tokens(inner, place);
            quote!(Box<#inner>)
        }
    }
}

/// How a builder fills an unset field with its default.
pub(super) enum DefaultFill {
    /// `unwrap_or_default()`: the default is the type's own.
    TypeDefault,
    /// `unwrap_or(expr)`: a cheap constant.
    Value(TokenStream),
    /// `unwrap_or_else(|| expr)`: an expression that allocates.
    Lazy(TokenStream),
}

/// The expression that fills a field of type `ty` with `value`.
pub(super) fn default_fill(value: &DefaultValue, ty: &RustType, place: Place) -> DefaultFill {
    match value {
        DefaultValue::Bool(b) => DefaultFill::Value(quote!(#b)),
        DefaultValue::Integer(n) => DefaultFill::Value(integer_literal(*n, ty)),
        DefaultValue::Float(f) => DefaultFill::Value(float_literal(*f, ty)),
        DefaultValue::String(s) if s.is_empty() => DefaultFill::TypeDefault,
        DefaultValue::String(s) => DefaultFill::Lazy(quote!(String::from(#s))),
        DefaultValue::EmptyList | DefaultValue::EmptyMap => DefaultFill::TypeDefault,
        DefaultValue::Blob(bytes) if bytes.is_empty() => DefaultFill::TypeDefault,
        DefaultValue::Blob(bytes) if *ty == RustType::ByteStream => {
            let bytes = Literal::byte_string(bytes);
            DefaultFill::Lazy(quote!(::smithy_runtime::ByteStream::from(#bytes.to_vec())))
        }
        DefaultValue::Blob(bytes) => {
            let bytes = Literal::byte_string(bytes);
            DefaultFill::Lazy(quote!(::smithy_runtime::Blob::new(#bytes.to_vec())))
        }
        DefaultValue::BigNumber(text) => {
            let ty = type_tokens(ty, place);
            // The text was checked to be a number when the model was lowered.
            DefaultFill::Lazy(quote!(#text.parse::<#ty>().unwrap_or_default()))
        }
        DefaultValue::Timestamp { seconds, nanos } => {
            DefaultFill::Value(quote!(::smithy_runtime::DateTime::from_secs_and_nanos(#seconds, #nanos)))
        }
        DefaultValue::Document(value) if value.is_array() || value.is_object() || value.is_string() => {
            DefaultFill::Lazy(document(value))
        }
        DefaultValue::Document(value) => DefaultFill::Value(document(value)),
        DefaultValue::Variant { ty, variant } => {
            let (ty, variant) = (place.type_path(ty), ident(variant));
            DefaultFill::Value(quote!(#ty::#variant))
        }
    }
}

/// `n` as a literal suffixed with the integer type; the IR keeps values within that type
/// (one that is not stays an unsuffixed literal, so rustc reports it rather than it wrapping).
pub(super) fn integer_literal(n: i64, ty: &RustType) -> TokenStream {
    let literal = match ty {
        RustType::I8 => i8::try_from(n).map(Literal::i8_suffixed),
        RustType::I16 => i16::try_from(n).map(Literal::i16_suffixed),
        RustType::I32 => i32::try_from(n).map(Literal::i32_suffixed),
        _ => Ok(Literal::i64_suffixed(n)),
    };
    literal.map_or_else(|_| Literal::i64_unsuffixed(n).into_token_stream(), |l| l.into_token_stream())
}

fn float_literal(f: f64, ty: &RustType) -> TokenStream {
    match ty {
        RustType::F32 => Literal::f32_suffixed(f as f32).into_token_stream(),
        _ => Literal::f64_suffixed(f).into_token_stream(),
    }
}

/// A `Document` expression for a JSON value.
fn document(value: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    match value {
        Value::Null => quote!(::smithy_runtime::Document::Null),
        Value::Bool(b) => quote!(::smithy_runtime::Document::Bool(#b)),
        Value::Number(n) => {
            let number = if let Some(u) = n.as_u64() {
                quote!(PosInt(#u))
            } else if let Some(i) = n.as_i64() {
                quote!(NegInt(#i))
            } else {
                let f = Literal::f64_suffixed(n.as_f64().unwrap_or_default());
                quote!(Float(#f))
            };
            quote!(::smithy_runtime::Document::Number(::smithy_runtime::Number::#number))
        }
        Value::String(s) => quote!(::smithy_runtime::Document::String(String::from(#s))),
        Value::Array(items) => {
            let items = items.iter().map(document);
            quote!(::smithy_runtime::Document::Array(vec![#(#items),*]))
        }
        Value::Object(entries) => {
            let keys = entries.keys();
            let values = entries.values().map(document);
            quote!(::smithy_runtime::Document::Object(
                [#((String::from(#keys), #values)),*].into_iter().collect()
            ))
        }
    }
}

/// Whether `tokens` use the identifier `name`: a parameter or `mut` binding that the
/// emitted body does not need is named or declared accordingly, so that the generated code
/// has no unused-variable warnings.
pub(super) fn mentions(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(ident) => ident == name,
        proc_macro2::TokenTree::Group(group) => mentions(&group.stream(), name),
        _ => false,
    })
}

/// Whether a value of `ty` holds a float at any depth of lists, maps, options and boxes:
/// under the `serde` feature such members go through the runtime's float form, which
/// writes NaN and the infinities as Smithy's JSON protocols do.
pub(super) fn holds_float(ty: &RustType) -> bool {
    match ty {
        RustType::F32 | RustType::F64 => true,
        RustType::List(inner) | RustType::Option(inner) | RustType::Box(inner) => holds_float(inner),
        RustType::Map(_, value) => holds_float(value),
        _ => false,
    }
}

/// `#[cfg_attr(feature = "serde", serde(…))]` with `items`; nothing when there are none.
pub(super) fn serde_attr(items: &[TokenStream]) -> TokenStream {
    if items.is_empty() {
        return TokenStream::new();
    }
    quote!(#[cfg_attr(feature = "serde", serde(#(#items),*))])
}

/// The doc line a `@sensitive` type or member gets under the `serde` feature only.
pub(super) fn serde_sensitive_doc() -> TokenStream {
    let line = " With the `serde` feature this value is serialized in full: `@sensitive` keeps it out of \
                `Debug` only, and serializing is the caller's explicit act.";
    quote! {
        #[cfg_attr(feature = "serde", doc = "")]
        #[cfg_attr(feature = "serde", doc = #line)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value syn reads from a doc attribute's literal.
    fn doc_value(line: &str) -> String {
        let literal = doc_literal(line);
        syn::parse2::<syn::LitStr>(quote!(#literal)).expect("a string literal").value()
    }

    #[test]
    fn doc_literals_hold_the_line_after_a_space_whatever_it_holds() {
        let lines = [
            "plain",
            "a \"quoted\" word",
            "ends with a quote\"",
            "\"# and \"## in the text",
            "back\\slash \\n not an escape",
            "unicode: é, 漢字, 🦀",
            "a carriage\rreturn",
            "#hash",
        ];
        for line in lines {
            assert_eq!(doc_value(line), format!(" {line}"), "{line}");
        }
        assert_eq!(doc_value(""), "");
        assert_eq!(raw_hashes("no quotes"), 0);
        assert_eq!(raw_hashes("a \"b\" c"), 1);
        assert_eq!(raw_hashes("\"## x \"#"), 3);
    }
}
