//! `validate()`: checks the constraints the IR collected (`ir::constraints`) on a structure
//! or union, reporting every violation with its JSON Pointer path.
//!
//! Each type gets a public `validate()` and a crate-private `validate_at(path, violations)`
//! that containing types call, so one walk collects everything without allocating while
//! values are valid.

use super::common::{ident, integer_literal};
use crate::ir::constraints::{MemberChecks, Nested, RangeBounds, RangeCheck, Uniqueness, ValueChecks};
use crate::ir::pattern::{LineEnd, Pattern, PatternEngine};
use crate::ir::{Presence, RustType, Struct, TypeDef, Union};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// The compiled patterns of a service module: one `static` per distinct pattern, shared by
/// every member that uses it, so each is compiled at most once per process.
pub(super) struct PatternStatics(BTreeMap<String, (Ident, Pattern)>);

impl PatternStatics {
    /// Numbers the distinct patterns the types check, in a fixed (sorted) order.
    pub(super) fn new(types: &[TypeDef]) -> Self {
        let mut patterns = BTreeMap::new();
        for def in types {
            let checks: Vec<&MemberChecks> = match def {
                TypeDef::Struct(s) if s.validated => s.fields.iter().map(|f| &f.checks).collect(),
                TypeDef::Union(u) if u.validated => u.variants.iter().map(|v| &v.checks).collect(),
                _ => Vec::new(),
            };
            for member in checks {
                collect_patterns(&member.value, &mut patterns);
            }
        }
        let numbered = patterns.into_iter().enumerate();
        Self(numbered.map(|(n, (source, pattern))| (source.to_owned(), (format_ident!("PATTERN_{}", n), pattern.clone()))).collect())
    }

    /// The `static`s: linear ones compiled on first use, backtracking ones as data.
    pub(super) fn items(&self) -> TokenStream {
        let mut sets = super::pattern::Sets::default();
        let items: Vec<TokenStream> = self.0.values().map(|(name, pattern)| {
            let compiled = match &pattern.engine {
                PatternEngine::Linear { regex, line_end } => {
                    let line_end = match line_end {
                        LineEnd::Exact => quote!(Exact),
                        LineEnd::BeforeTerminator => quote!(BeforeTerminator),
                        LineEnd::BeforeNewline => quote!(BeforeNewline),
                    };
                    quote! {
                        ::smithy_runtime::__private::validation::Pattern::Linear(
                            ::std::sync::LazyLock::new(|| ::smithy_runtime::__private::regex::Regex::new(#regex).ok()),
                            ::smithy_runtime::__private::pattern::LineEnd::#line_end,
                        )
                    }
                }
                PatternEngine::Backtracking { node, groups } => {
                    let program = super::pattern::program(node, *groups, &mut sets);
                    quote!(::smithy_runtime::__private::validation::Pattern::Backtracking(&#program))
                }
            };
            quote!(static #name: ::smithy_runtime::__private::validation::Pattern = #compiled;)
        }).collect();
        let sets = sets.items();
        quote!(#(#items)* #sets)
    }
}

fn collect_patterns<'a>(checks: &'a ValueChecks, patterns: &mut BTreeMap<&'a str, &'a Pattern>) {
    if let Some(pattern) = &checks.pattern {
        patterns.insert(&pattern.source, pattern);
    }
    match &checks.nested {
        Nested::List(item) => collect_patterns(item, patterns),
        Nested::Map(key, item) => {
            collect_patterns(key, patterns);
            collect_patterns(item, patterns);
        }
        Nested::None | Nested::Type(_) => {}
    }
}

/// The validation methods of a structure reachable from an operation input.
pub(super) fn struct_validation(s: &Struct, patterns: &PatternStatics) -> TokenStream {
    let checks = s.fields.iter().filter_map(|field| {
        let name = ident(&field.name);
        let optional = field.presence == Presence::Optional;
        field_checks(&quote!(self.#name), &field.wire_name, &field.ty, optional, &field.checks, patterns)
    });
    methods(&s.name, checks.collect())
}

/// The validation methods of a union reachable from an operation input.
pub(super) fn union_validation(u: &Union, patterns: &PatternStatics) -> TokenStream {
    let arms = u.variants.iter().map(|variant| {
        let (name, checks) = (ident(&variant.name), &variant.checks);
        match &variant.ty {
            None => quote!(Self::#name => {}),
            Some(_) if checks.value.is_empty() => quote!(Self::#name(_) => {}),
            Some(ty) => {
                let wire = &variant.wire_name;
                let body = value_checks(&quote!(value), ty, &checks.value, patterns);
                quote! {
                    Self::#name(value) => {
                        let path = path.member(#wire);
                        #body
                    }
                }
            }
        }
    });
    let body = quote! {
        match self {
            #(#arms)*
            Self::Unknown => violations.unknown_union_member(path),
        }
    };
    methods(&u.name, vec![body])
}

fn methods(type_name: &str, checks: Vec<TokenStream>) -> TokenStream {
    let name = ident(type_name);
    let body = if checks.is_empty() { quote!(let _ = (path, violations);) } else { quote!(#(#checks)*) };
    quote! {
        impl #name {
            /// Checks the constraints of the model (`@required`, `@length`, `@pattern`,
            /// `@range`, `@uniqueItems`, enum values) on this value and everything in it,
            /// reporting every violation at once.
            pub fn validate(&self) -> ::std::result::Result<(), ::smithy_runtime::ValidationError> {
                let mut violations = ::smithy_runtime::__private::validation::Violations::new();
                self.validate_at(&::smithy_runtime::__private::validation::Path::Root, &mut violations);
                violations.into_result()
            }

            /// Checks this value, found at `path`, recording violations into `violations`;
            /// containing types call it.
            pub(crate) fn validate_at(
                &self,
                path: &::smithy_runtime::__private::validation::Path<'_>,
                violations: &mut ::smithy_runtime::__private::validation::Violations,
            ) {
                #body
            }
        }
    }
}

/// The checks of one structure field, or `None` when nothing is checked.
fn field_checks(
    place: &TokenStream,
    wire_name: &str,
    ty: &RustType,
    optional: bool,
    checks: &MemberChecks,
    patterns: &PatternStatics,
) -> Option<TokenStream> {
    let value = value_checks(&quote!(value), ty, &checks.value, patterns);
    let has_value_checks = !checks.value.is_empty();
    let body = match (optional, checks.required, has_value_checks) {
        (_, false, false) | (false, true, false) => return None,
        (true, true, false) => quote! {
            if #place.is_none() {
                violations.required(&path);
            }
        },
        (true, true, true) => quote! {
            match &#place {
                ::std::option::Option::None => violations.required(&path),
                ::std::option::Option::Some(value) => { #value }
            }
        },
        (true, false, true) => quote! {
            if let ::std::option::Option::Some(value) = &#place {
                #value
            }
        },
        (false, _, true) => quote! {
            let value = &#place;
            #value
        },
    };
    Some(quote! {
        {
            let path = path.member(#wire_name);
            #body
        }
    })
}

/// The checks of a value: `value` is an expression of type `&T` (or `&Option<T>` for the
/// entries of sparse collections), and `path` its path.
fn value_checks(value: &TokenStream, ty: &RustType, checks: &ValueChecks, patterns: &PatternStatics) -> TokenStream {
    if let RustType::Option(inner) = ty {
        let inner_checks = value_checks(&quote!(value), inner, checks, patterns);
        return quote! {
            if let ::std::option::Option::Some(value) = #value {
                #inner_checks
            }
        };
    }
    let ty = match ty {
        RustType::Box(inner) => inner.as_ref(),
        other => other,
    };
    let mut out = TokenStream::new();
    if let Some(length) = &checks.length {
        let measured = match ty {
            RustType::String => quote!(#value.chars().count()),
            RustType::Blob => quote!(#value.as_bytes().len()),
            RustType::Named(_) => quote!(#value.as_str().chars().count()),
            _ => quote!(#value.len()),
        };
        let (min, max) = (option_u64(length.min), option_u64(length.max));
        out.extend(quote! {
            violations.length(&path, #measured, ::smithy_runtime::__private::validation::LengthBounds { min: #min, max: #max });
        });
    }
    if let Some(pattern) = &checks.pattern {
        let source = &pattern.source;
        // `PatternStatics::new` saw every pattern of the module.
        if let Some((compiled, _)) = patterns.0.get(&pattern.source) {
            out.extend(quote!(violations.pattern(&path, #value.as_str(), &#compiled, #source);));
        }
    }
    if let Some(range) = &checks.range {
        out.extend(range_checks(value, ty, range));
    }
    if let Some(values) = &checks.enum_values {
        if let RustType::Named(name) = ty {
            let name = ident(name);
            out.extend(quote! {
                if matches!(#value, #name::Unknown(_)) {
                    violations.enumeration(&path, #values);
                }
            });
        }
    }
    if let Some(uniqueness) = checks.unique_items {
        let check = match uniqueness {
            Uniqueness::Hashable => quote!(::smithy_runtime::__private::validation::has_duplicates_hashable),
            Uniqueness::Pairwise => quote!(::smithy_runtime::__private::validation::has_duplicates),
        };
        out.extend(quote! {
            if #check(#value) {
                violations.unique(&path);
            }
        });
    }
    out.extend(nested_checks(value, ty, &checks.nested, patterns));
    out
}

fn nested_checks(value: &TokenStream, ty: &RustType, nested: &Nested, patterns: &PatternStatics) -> TokenStream {
    match (nested, ty) {
        (Nested::Type(_), _) => quote!(#value.validate_at(&path, violations);),
        (Nested::List(item), RustType::List(item_ty)) => {
            let checks = value_checks(&quote!(item), item_ty, item, patterns);
            quote! {
                for (index, item) in #value.iter().enumerate() {
                    let path = path.index(index);
                    #checks
                }
            }
        }
        (Nested::Map(key, item), RustType::Map(key_ty, item_ty)) => {
            // A bad key is reported at the map's own path; a bad value at `/map/<key>`.
            let key_checks = value_checks(&quote!(key), key_ty, key, patterns);
            let item_checks = value_checks(&quote!(item), item_ty, item, patterns);
            match (key.is_empty(), item.is_empty()) {
                (false, true) => quote! {
                    for key in #value.keys() {
                        #key_checks
                    }
                },
                (true, _) => quote! {
                    for (key, item) in #value {
                        let path = path.key(key.as_str());
                        #item_checks
                    }
                },
                (false, false) => quote! {
                    for (key, item) in #value {
                        #key_checks
                        let path = path.key(key.as_str());
                        #item_checks
                    }
                },
            }
        }
        _ => TokenStream::new(),
    }
}

fn option_u64(value: Option<u64>) -> TokenStream {
    match value {
        Some(n) => {
            let n = Literal::u64_suffixed(n);
            quote!(::std::option::Option::Some(#n))
        }
        None => quote!(::std::option::Option::None),
    }
}

fn range_checks(value: &TokenStream, ty: &RustType, range: &RangeCheck) -> TokenStream {
    let rule = &range.rule;
    let report = quote!(violations.range(&path, #rule););
    match &range.bounds {
        RangeBounds::Integer { always_fails: true, .. } => report,
        // A range of one value (lex-models-v2 has `min: 20, max: 20`).
        RangeBounds::Integer { min: Some(min), max: Some(max), .. } if min == max => {
            let n = integer_literal(*min, ty);
            quote!(if *#value != #n { #report })
        }
        RangeBounds::Integer { min, max, .. } => {
            let below = min.map(|n| {
                let n = integer_literal(n, ty);
                quote!(*#value < #n)
            });
            let above = max.map(|n| {
                let n = integer_literal(n, ty);
                quote!(*#value > #n)
            });
            let conditions: Vec<TokenStream> = below.into_iter().chain(above).collect();
            if conditions.is_empty() {
                return TokenStream::new();
            }
            quote!(if #(#conditions)||* { #report })
        }
        RangeBounds::Float { min, max } => {
            // f32 values and thresholds widen to f64 exactly; NaN is never within.
            let min = float_literal(min.unwrap_or(f64::NEG_INFINITY));
            let max = float_literal(max.unwrap_or(f64::INFINITY));
            let widened = if matches!(ty, RustType::F32) { quote!(f64::from(*#value)) } else { quote!(*#value) };
            quote!(if !::smithy_runtime::__private::validation::float_within(#widened, #min, #max) { #report })
        }
        RangeBounds::Decimal { min, max } => {
            let below = min.as_ref().map(|bound| {
                quote!(!matches!(
                    ::smithy_runtime::__private::validation::compare_decimals(#value.as_str(), #bound),
                    ::std::option::Option::Some(::std::cmp::Ordering::Greater | ::std::cmp::Ordering::Equal)
                ))
            });
            let above = max.as_ref().map(|bound| {
                quote!(!matches!(
                    ::smithy_runtime::__private::validation::compare_decimals(#value.as_str(), #bound),
                    ::std::option::Option::Some(::std::cmp::Ordering::Less | ::std::cmp::Ordering::Equal)
                ))
            });
            let conditions: Vec<TokenStream> = below.into_iter().chain(above).collect();
            if conditions.is_empty() {
                return TokenStream::new();
            }
            quote!(if #(#conditions)||* { #report })
        }
    }
}

fn float_literal(n: f64) -> TokenStream {
    if n == f64::INFINITY {
        quote!(f64::INFINITY)
    } else if n == f64::NEG_INFINITY {
        quote!(f64::NEG_INFINITY)
    } else {
        let literal = Literal::f64_suffixed(n);
        quote!(#literal)
    }
}
