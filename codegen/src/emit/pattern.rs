//! A backtracking pattern as static data for the runtime's `pattern` module: every class
//! is already a list of code point ranges, so the generated crate parses nothing.

use crate::ir::pattern::{Assertion, Class, Fold, Greed, Node};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// The code point sets of a module's backtracking programs, each written once, as a
/// `const` the programs share (`\b` alone brings three sets of hundreds of ranges).
#[derive(Default)]
pub(super) struct Sets {
    /// Each set's number.
    numbers: BTreeMap<Vec<(char, char)>, usize>,
    /// The sets in the order they were first used.
    sets: Vec<Vec<(char, char)>>,
}

impl Sets {
    fn name(&mut self, class: &Class) -> Ident {
        let ranges = class.ranges();
        let number = match self.numbers.get(&ranges) {
            Some(&number) => number,
            None => {
                self.sets.push(ranges.clone());
                self.numbers.insert(ranges, self.sets.len() - 1);
                self.sets.len() - 1
            }
        };
        format_ident!("SET_{}", number)
    }

    /// The `const`s, in the order they were first used.
    pub(super) fn items(&self) -> TokenStream {
        let items = self.sets.iter().enumerate().map(|(number, ranges)| {
            let name = format_ident!("SET_{}", number);
            let ranges = ranges.iter().map(|(low, high)| quote!((#low, #high)));
            quote!(const #name: ::smithy_runtime::__private::pattern::Set = &[#(#ranges),*];)
        });
        quote!(#(#items)*)
    }
}

/// `::smithy_runtime::__private::pattern::Program { … }` for a parsed pattern, its sets named in `sets`.
pub(super) fn program(node: &Node, groups: usize, sets: &mut Sets) -> TokenStream {
    let node = node_tokens(node, sets);
    quote!(::smithy_runtime::__private::pattern::Program { node: #node, groups: #groups })
}

fn node_tokens(node: &Node, sets: &mut Sets) -> TokenStream {
    match node {
        Node::Empty => quote!(::smithy_runtime::__private::pattern::Node::Empty),
        Node::Class(class) => {
            let set = sets.name(class);
            quote!(::smithy_runtime::__private::pattern::Node::Set(#set))
        }
        Node::Concat(nodes) => {
            let nodes = nodes.iter().map(|n| node_tokens(n, sets)).collect::<Vec<_>>();
            quote!(::smithy_runtime::__private::pattern::Node::Concat(&[#(#nodes),*]))
        }
        Node::Alternation(nodes) => {
            let nodes = nodes.iter().map(|n| node_tokens(n, sets)).collect::<Vec<_>>();
            quote!(::smithy_runtime::__private::pattern::Node::Alternation(&[#(#nodes),*]))
        }
        Node::Capture { index, node } => {
            let node = node_tokens(node, sets);
            quote!(::smithy_runtime::__private::pattern::Node::Capture(#index, &#node))
        }
        Node::Repeat { node, min, max, greed } => {
            let one_way = node.matches_one_way();
            let node = node_tokens(node, sets);
            let max = max.unwrap_or(u32::MAX);
            let greed = match greed {
                Greed::Greedy => quote!(Greedy),
                Greed::Lazy => quote!(Lazy),
                Greed::Possessive => quote!(Possessive),
            };
            quote!(::smithy_runtime::__private::pattern::Node::Repeat {
                node: &#node,
                min: #min,
                max: #max,
                greed: ::smithy_runtime::__private::pattern::Greed::#greed,
                one_way: #one_way,
            })
        }
        Node::Atomic(node) => {
            let node = node_tokens(node, sets);
            quote!(::smithy_runtime::__private::pattern::Node::Atomic(&#node))
        }
        Node::Look { behind: false, negated, node } => {
            let node = node_tokens(node, sets);
            quote!(::smithy_runtime::__private::pattern::Node::Ahead { negated: #negated, node: &#node })
        }
        Node::Look { behind: true, negated, node: inner } => {
            let (min, max) = inner.lengths();
            // `usize::MAX` by name: its value is no literal a 32-bit target accepts.
            let max = max.map_or(quote!(::core::primitive::usize::MAX), |max| quote!(#max));
            let inner = node_tokens(inner, sets);
            quote!(::smithy_runtime::__private::pattern::Node::Behind { negated: #negated, node: &#inner, min: #min, max: #max })
        }
        Node::BackRef { group, fold } => {
            let fold = match fold {
                Fold::Exact => quote!(Exact),
                Fold::Ascii => quote!(Ascii),
                Fold::Unicode => quote!(Unicode),
            };
            quote!(::smithy_runtime::__private::pattern::Node::BackRef { group: #group, fold: ::smithy_runtime::__private::pattern::Fold::#fold })
        }
        Node::Assert(assertion) => {
            let assertion = match assertion {
                Assertion::TextStart => quote!(TextStart),
                Assertion::TextEnd => quote!(TextEnd),
                Assertion::FinalEnd { unix } => quote!(FinalEnd { unix: #unix }),
                Assertion::LineStart { unix } => quote!(LineStart { unix: #unix }),
                Assertion::LineEnd { unix } => quote!(LineEnd { unix: #unix }),
            };
            quote!(::smithy_runtime::__private::pattern::Node::Assert(::smithy_runtime::__private::pattern::Assertion::#assertion))
        }
        Node::Boundary { negated, word } => {
            let [word, base, mark] = [word.clone(), Class::letter_or_digit(), Class::non_spacing_mark()].map(|c| sets.name(&c));
            quote!(::smithy_runtime::__private::pattern::Node::Boundary { negated: #negated, word: #word, base: #base, mark: #mark })
        }
    }
}
