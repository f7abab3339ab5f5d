//! A backtracking pattern as static data for the runtime's `pattern` module: every class
//! is already a list of code point ranges, so the generated crate parses nothing.

use crate::ir::pattern::{Assertion, Class, Fold, Greed, Node};
use proc_macro2::TokenStream;
use quote::quote;

/// `crate::pattern::Program { … }` for a parsed pattern.
pub(super) fn program(node: &Node, groups: usize) -> TokenStream {
    let node = node_tokens(node);
    quote!(crate::pattern::Program { node: #node, groups: #groups })
}

fn node_tokens(node: &Node) -> TokenStream {
    match node {
        Node::Empty => quote!(crate::pattern::Node::Empty),
        Node::Class(class) => {
            let set = set_tokens(class);
            quote!(crate::pattern::Node::Set(#set))
        }
        Node::Concat(nodes) => {
            let nodes = nodes.iter().map(node_tokens);
            quote!(crate::pattern::Node::Concat(&[#(#nodes),*]))
        }
        Node::Alternation(nodes) => {
            let nodes = nodes.iter().map(node_tokens);
            quote!(crate::pattern::Node::Alternation(&[#(#nodes),*]))
        }
        Node::Capture { index, node } => {
            let node = node_tokens(node);
            quote!(crate::pattern::Node::Capture(#index, &#node))
        }
        Node::Repeat { node, min, max, greed } => {
            let node = node_tokens(node);
            let max = max.unwrap_or(u32::MAX);
            let greed = match greed {
                Greed::Greedy => quote!(Greedy),
                Greed::Lazy => quote!(Lazy),
                Greed::Possessive => quote!(Possessive),
            };
            quote!(crate::pattern::Node::Repeat { node: &#node, min: #min, max: #max, greed: crate::pattern::Greed::#greed })
        }
        Node::Atomic(node) => {
            let node = node_tokens(node);
            quote!(crate::pattern::Node::Atomic(&#node))
        }
        Node::Look { behind: false, negated, node } => {
            let node = node_tokens(node);
            quote!(crate::pattern::Node::Ahead { negated: #negated, node: &#node })
        }
        Node::Look { behind: true, negated, node: inner } => {
            let (min, max) = inner.lengths();
            let max = max.unwrap_or(usize::MAX);
            let inner = node_tokens(inner);
            quote!(crate::pattern::Node::Behind { negated: #negated, node: &#inner, min: #min, max: #max })
        }
        Node::BackRef { group, fold } => {
            let fold = match fold {
                Fold::Exact => quote!(Exact),
                Fold::Ascii => quote!(Ascii),
                Fold::Unicode => quote!(Unicode),
            };
            quote!(crate::pattern::Node::BackRef { group: #group, fold: crate::pattern::Fold::#fold })
        }
        Node::Assert(assertion) => {
            let assertion = match assertion {
                Assertion::TextStart => quote!(TextStart),
                Assertion::TextEnd => quote!(TextEnd),
                Assertion::FinalEnd { unix } => quote!(FinalEnd { unix: #unix }),
                Assertion::LineStart { unix } => quote!(LineStart { unix: #unix }),
                Assertion::LineEnd { unix } => quote!(LineEnd { unix: #unix }),
            };
            quote!(crate::pattern::Node::Assert(crate::pattern::Assertion::#assertion))
        }
        Node::Boundary { negated, word } => {
            let [word, base, mark] = [word.clone(), Class::letter_or_digit(), Class::non_spacing_mark()].map(|c| set_tokens(&c));
            quote!(crate::pattern::Node::Boundary { negated: #negated, word: #word, base: #base, mark: #mark })
        }
    }
}

fn set_tokens(class: &Class) -> TokenStream {
    let ranges = class.ranges().into_iter().map(|(low, high)| quote!((#low, #high)));
    quote!(&[#(#ranges),*])
}
