//! `validate()`: checks the constraints the IR collected (`ir::constraints`) on a structure
//! or union, reporting every violation with its JSON Pointer path.
//!
//! Each type gets a public `validate()` and an impl of the runtime's `Validate`, whose
//! `validate_at(path, violations)` containing types call, so one walk collects everything
//! without allocating while values are valid. The runtime implements `Validate` for
//! `Option`, `Box`, `Vec` and `BTreeMap` too, so a member that only holds checked types, at
//! any depth of nesting, is checked with one call. The service module imports the runtime's
//! `validation` module under that name (see [`ModuleChecks::preamble`]).

use super::common::{ident, integer_literal};
use crate::ir::constraints::{MemberChecks, Nested, RangeBounds, RangeCheck, Uniqueness, ValueChecks};
use crate::ir::pattern::{LineEnd, Pattern, PatternEngine};
use crate::ir::{Presence, RustType, Struct, TypeDef, Union};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// What the validation code of a service module shares: one `static` per distinct pattern,
/// used by every member that checks it, so each is compiled at most once per process; and
/// the enums whose unknown values are violations, each implementing `Validate` once.
pub(super) struct ModuleChecks {
    patterns: BTreeMap<String, (Ident, Pattern)>,
    /// Enum type name → the values its violation message lists.
    enums: BTreeMap<String, String>,
    /// Whether anything is validated.
    validates: bool,
}

impl ModuleChecks {
    /// Numbers the distinct patterns the types check, in a fixed (sorted) order, and finds
    /// the enums they check.
    pub(super) fn new(types: &[TypeDef]) -> Self {
        let (mut patterns, mut enums) = (BTreeMap::new(), BTreeMap::new());
        let mut validates = false;
        for def in types {
            let members: Vec<(&RustType, &MemberChecks)> = match def {
                TypeDef::Struct(s) if s.validated => s.fields.iter().map(|f| (&f.ty, &f.checks)).collect(),
                TypeDef::Union(u) if u.validated => {
                    u.variants.iter().filter_map(|v| Some((v.ty.as_ref()?, &v.checks))).collect()
                }
                _ => continue,
            };
            validates = true;
            for (ty, member) in members {
                collect_shared(ty, &member.value, &mut patterns, &mut enums);
            }
        }
        let numbered = patterns.into_iter().enumerate();
        let patterns = numbered
            .map(|(n, (source, pattern))| (source.to_owned(), (format_ident!("PATTERN_{}", n), pattern.clone())))
            .collect();
        let enums = enums.into_iter().map(|(name, values)| (name.to_owned(), values.to_owned())).collect();
        Self { patterns, enums, validates }
    }

    /// The import the validation code is written against, when the module validates
    /// anything: the runtime's module under its own name (types of the model are
    /// UpperCamelCase, so nothing of the service shadows it). Its `Validate` trait needs no
    /// import: every call of `validate_at` is inside an impl of it, where it is in scope.
    pub(super) fn preamble(&self) -> TokenStream {
        if self.validates {
            quote!(use ::smithy_runtime::__private::validation;)
        } else {
            TokenStream::new()
        }
    }

    /// The `Validate` impls of the checked enums: a value this version of the crate does
    /// not know is a violation.
    pub(super) fn enum_impls(&self) -> TokenStream {
        let impls = self.enums.iter().map(|(name, values)| {
            let name = ident(name);
            quote! {
                impl validation::Validate for #name {
                    fn validate_at(&self, path: &validation::Path<'_>, violations: &mut validation::Violations) {
                        if let Self::Unknown(_) = self {
                            violations.enumeration(path, #values);
                        }
                    }
                }
            }
        });
        quote!(#(#impls)*)
    }

    /// The `static`s: linear ones compiled on first use, backtracking ones as data.
    pub(super) fn items(&self) -> TokenStream {
        let mut sets = super::pattern::Sets::default();
        let items: Vec<TokenStream> = self.patterns.values().map(|(name, pattern)| {
            let compiled = match &pattern.engine {
                PatternEngine::Linear { regex, line_end } => {
                    let line_end = match line_end {
                        LineEnd::Exact => quote!(Exact),
                        LineEnd::BeforeTerminator => quote!(BeforeTerminator),
                        LineEnd::BeforeNewline => quote!(BeforeNewline),
                    };
                    quote! {
                        validation::Pattern::Linear(
                            ::std::sync::LazyLock::new(|| ::smithy_runtime::__private::regex::Regex::new(#regex).ok()),
                            ::smithy_runtime::__private::pattern::LineEnd::#line_end,
                        )
                    }
                }
                PatternEngine::Backtracking { node, groups } => {
                    let program = super::pattern::program(node, *groups, &mut sets);
                    quote!(validation::Pattern::Backtracking(&#program))
                }
            };
            quote!(static #name: validation::Pattern = #compiled;)
        }).collect();
        let sets = sets.items();
        quote!(#(#items)* #sets)
    }
}

/// The patterns and enums `checks` (on a value of type `ty`) use, at any depth.
fn collect_shared<'a>(
    ty: &'a RustType,
    checks: &'a ValueChecks,
    patterns: &mut BTreeMap<&'a str, &'a Pattern>,
    enums: &mut BTreeMap<&'a str, &'a str>,
) {
    let ty = unwrapped(ty);
    if let Some(pattern) = &checks.pattern {
        patterns.insert(&pattern.source, pattern);
    }
    if let (Some(values), RustType::Named(name)) = (&checks.enum_values, ty) {
        enums.insert(name, values);
    }
    match (&checks.nested, ty) {
        (Nested::List(item), RustType::List(item_ty)) => collect_shared(item_ty, item, patterns, enums),
        (Nested::Map(key, item), RustType::Map(key_ty, item_ty)) => {
            collect_shared(key_ty, key, patterns, enums);
            collect_shared(item_ty, item, patterns, enums);
        }
        _ => {}
    }
}

/// The type inside any `Option` and `Box` wrappers.
fn unwrapped(ty: &RustType) -> &RustType {
    match ty {
        RustType::Option(inner) | RustType::Box(inner) => unwrapped(inner),
        other => other,
    }
}

/// Whether everything `checks` asks is done by `Validate` impls (of the service's types and
/// enums, and the runtime's containers), so one `validate_at` call on the value does it.
fn walks(checks: &ValueChecks) -> bool {
    let own =
        checks.length.is_some() || checks.pattern.is_some() || checks.range.is_some() || checks.unique_items.is_some();
    !own && match &checks.nested {
        Nested::None => checks.enum_values.is_some(),
        nested => nested_walks(nested),
    }
}

/// Whether what is checked inside a value is all done by `Validate` impls.
fn nested_walks(nested: &Nested) -> bool {
    match nested {
        Nested::None => false,
        Nested::Type(_) => true,
        Nested::List(item) => walks(item),
        Nested::Map(key, item) => key.is_empty() && walks(item),
    }
}

/// The validation methods of a structure reachable from an operation input.
pub(super) fn struct_validation(s: &Struct, shared: &ModuleChecks) -> TokenStream {
    let checks = s.fields.iter().filter_map(|field| {
        let name = ident(&field.name);
        let optional = field.presence == Presence::Optional;
        field_checks(&quote!(self.#name), &field.wire_name, &field.ty, optional, &field.checks, shared)
    });
    methods(&s.name, checks.collect())
}

/// The validation methods of a union reachable from an operation input.
pub(super) fn union_validation(u: &Union, shared: &ModuleChecks) -> TokenStream {
    let arms = u.variants.iter().map(|variant| {
        let (name, checks) = (ident(&variant.name), &variant.checks);
        match &variant.ty {
            None => quote!(Self::#name => {}),
            Some(_) if checks.value.is_empty() => quote!(Self::#name(_) => {}),
            Some(ty) => {
                let wire = &variant.wire_name;
                let body = value_checks(&quote!(value), ty, &checks.value, shared);
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
            pub fn validate(&self) -> Result<(), ::smithy_runtime::ValidationError> {
                validation::validate(self)
            }
        }

        impl validation::Validate for #name {
            fn validate_at(&self, path: &validation::Path<'_>, violations: &mut validation::Violations) {
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
    shared: &ModuleChecks,
) -> Option<TokenStream> {
    if !checks.required && walks(&checks.value) {
        return Some(quote!(#place.validate_at(&path.member(#wire_name), violations);));
    }
    let value = value_checks(&quote!(value), ty, &checks.value, shared);
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
                None => violations.required(&path),
                Some(value) => { #value }
            }
        },
        (true, false, true) => quote! {
            if let Some(value) = &#place {
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
fn value_checks(value: &TokenStream, ty: &RustType, checks: &ValueChecks, shared: &ModuleChecks) -> TokenStream {
    if walks(checks) {
        return quote!(#value.validate_at(&path, violations););
    }
    if let RustType::Option(inner) = ty {
        let inner_checks = value_checks(&quote!(value), inner, checks, shared);
        return quote! {
            if let Some(value) = #value {
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
            violations.length(&path, #measured, validation::LengthBounds { min: #min, max: #max });
        });
    }
    if let Some(pattern) = &checks.pattern {
        let source = &pattern.source;
        // `ModuleChecks::new` saw every pattern of the module.
        if let Some((compiled, _)) = shared.patterns.get(&pattern.source) {
            out.extend(quote!(violations.pattern(&path, #value.as_str(), &#compiled, #source);));
        }
    }
    if let Some(range) = &checks.range {
        out.extend(range_checks(value, ty, range));
    }
    if checks.enum_values.is_some() {
        // `ModuleChecks::enum_impls` gave the enum its check.
        out.extend(quote!(#value.validate_at(&path, violations);));
    }
    if let Some(uniqueness) = checks.unique_items {
        let check = match uniqueness {
            Uniqueness::Hashable => quote!(validation::has_duplicates_hashable),
            Uniqueness::Pairwise => quote!(validation::has_duplicates),
        };
        out.extend(quote! {
            if #check(#value) {
                violations.unique(&path);
            }
        });
    }
    out.extend(nested_checks(value, ty, &checks.nested, shared));
    out
}

fn nested_checks(value: &TokenStream, ty: &RustType, nested: &Nested, shared: &ModuleChecks) -> TokenStream {
    if nested_walks(nested) {
        return quote!(#value.validate_at(&path, violations););
    }
    match (nested, ty) {
        (Nested::List(item), RustType::List(item_ty)) => {
            let checks = value_checks(&quote!(item), item_ty, item, shared);
            quote! {
                for (index, item) in #value.iter().enumerate() {
                    let path = path.index(index);
                    #checks
                }
            }
        }
        (Nested::Map(key, item), RustType::Map(key_ty, item_ty)) => {
            // A bad key is reported at the map's own path; a bad value at `/map/<key>`.
            let key_checks = value_checks(&quote!(key), key_ty, key, shared);
            let item_checks = value_checks(&quote!(item), item_ty, item, shared);
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
            quote!(Some(#n))
        }
        None => quote!(None),
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
            quote!(if !validation::float_within(#widened, #min, #max) { #report })
        }
        RangeBounds::Decimal { min, max } => {
            let below = min.as_ref().map(|bound| {
                quote!(!matches!(
                    validation::compare_decimals(#value.as_str(), #bound),
                    Some(::std::cmp::Ordering::Greater | ::std::cmp::Ordering::Equal)
                ))
            });
            let above = max.as_ref().map(|bound| {
                quote!(!matches!(
                    validation::compare_decimals(#value.as_str(), #bound),
                    Some(::std::cmp::Ordering::Less | ::std::cmp::Ordering::Equal)
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
