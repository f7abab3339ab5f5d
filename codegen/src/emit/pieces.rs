//! A generated file parsed piece by piece as it is emitted, then printed as one file.
//!
//! syn copies every token of its input into one buffer before parsing. Given a whole
//! service (a large one is a million tokens), that buffer grows through reallocations into
//! fresh memory, after the tokens were copied into the one stream that holds them all.
//! Parsed as soon as each piece (a type, a builder, a function, an operation) is emitted,
//! the tokens are read while they are still in cache and dropped at once, and the output is
//! the same as that of the whole.

use crate::error::Diagnostic;
use proc_macro2::TokenStream;
use quote::quote;

/// The parsed contents of a file or module.
pub(super) struct Parsed<'a> {
    attrs: Vec<syn::Attribute>,
    items: Vec<syn::Item>,
    /// The file, for errors.
    what: &'a str,
}

impl<'a> Parsed<'a> {
    /// An empty file; `what` names it in errors.
    pub(super) fn new(what: &'a str) -> Self {
        Self { attrs: Vec::new(), items: Vec::new(), what }
    }

    /// Parses complete items. Inner attributes may come first, but only before any item
    /// of this file or module.
    pub(super) fn push(&mut self, tokens: TokenStream) -> Result<(), Diagnostic> {
        if tokens.is_empty() {
            return Ok(());
        }
        let parsed: syn::File = syn::parse2(tokens).map_err(|e| self.unparsable(&e))?;
        if !parsed.attrs.is_empty() && !self.items.is_empty() {
            return Err(self.unparsable(&"inner attributes after items"));
        }
        self.attrs.extend(parsed.attrs);
        self.items.extend(parsed.items);
        Ok(())
    }

    /// Parses a module: its header (outer attributes, visibility, `mod name`), then the
    /// body `fill` pushes. Returns what `fill` returns.
    pub(super) fn module<T>(
        &mut self,
        head: TokenStream,
        fill: impl FnOnce(&mut Parsed<'a>) -> Result<T, Diagnostic>,
    ) -> Result<T, Diagnostic> {
        let mut module: syn::ItemMod = syn::parse2(quote!(#head {})).map_err(|e| self.unparsable(&e))?;
        let mut body = Parsed::new(self.what);
        let filled = fill(&mut body)?;
        // syn keeps a module's inner attributes after its outer ones, in `attrs`.
        module.attrs.extend(body.attrs);
        module.content = Some((syn::token::Brace::default(), body.items));
        self.items.push(syn::Item::Mod(module));
        Ok(filled)
    }

    /// The file, to print.
    pub(super) fn into_file(self) -> syn::File {
        syn::File { shebang: None, frontmatter: None, attrs: self.attrs, items: self.items }
    }

    fn unparsable(&self, error: &dyn std::fmt::Display) -> Diagnostic {
        Diagnostic::new(format!("generated code for {} does not parse (a generator bug): {error}", self.what))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_print_as_their_concatenation_does() {
        let whole: syn::File = syn::parse2(quote! {
            #![doc = "file"]
            use a::b;
            #[doc = "outer"]
            pub mod m {
                #![doc = "inner"]
                fn f() {}
                struct S;
            }
            const C: u8 = 1;
            static D: u8 = 2;
        })
        .unwrap();
        let mut parsed = Parsed::new("a test");
        parsed.push(quote!(#![doc = "file"] use a::b;)).unwrap();
        parsed
            .module(quote!(#[doc = "outer"] pub mod m), |m| {
                m.push(quote!(#![doc = "inner"] fn f() {}))?;
                m.push(quote!())?;
                m.push(quote!(struct S;))
            })
            .unwrap();
        parsed.push(quote!(const C: u8 = 1; static D: u8 = 2;)).unwrap();
        assert_eq!(prettyplease::unparse(&parsed.into_file()), prettyplease::unparse(&whole));
    }

    #[test]
    fn modules_nest_and_return_what_their_body_returns() {
        let whole: syn::File = syn::parse2(quote! {
            pub mod outer {
                #![doc = "outer"]
                pub mod inner {
                    #![doc = "inner"]
                    fn f() {}
                }
                fn g() {}
            }
        })
        .unwrap();
        let mut parsed = Parsed::new("a test");
        let returned = parsed
            .module(quote!(pub mod outer), |outer| {
                outer.push(quote!(#![doc = "outer"]))?;
                let inner = outer.module(quote!(pub mod inner), |inner| {
                    inner.push(quote!(#![doc = "inner"] fn f() {}))?;
                    Ok(7)
                })?;
                outer.push(quote!(fn g() {}))?;
                Ok(inner)
            })
            .unwrap();
        assert_eq!(returned, 7);
        assert_eq!(prettyplease::unparse(&parsed.into_file()), prettyplease::unparse(&whole));
    }

    #[test]
    fn a_module_fails_with_its_header_or_its_body() {
        let mut parsed = Parsed::new("a test");
        let error = parsed.module(quote!(pub fn m), |_| Ok(())).unwrap_err();
        assert!(error.to_string().contains("a test does not parse (a generator bug)"), "{error}");
        let error = parsed.module(quote!(mod m), |body| body.push(quote!(fn f() -> {}))).unwrap_err();
        assert!(error.to_string().contains("a test does not parse (a generator bug)"), "{error}");
    }

    #[test]
    fn inner_attributes_after_items_are_a_bug_reported_as_such() {
        let mut parsed = Parsed::new("a test");
        parsed.push(quote!(fn f() {})).unwrap();
        let error = parsed.push(quote!(#![doc = "late"])).unwrap_err();
        assert!(error.to_string().contains("inner attributes after items"), "{error}");
        let error = parsed.push(quote!(fn f() -> {})).unwrap_err();
        assert!(error.to_string().contains("a test does not parse (a generator bug)"), "{error}");
    }
}
