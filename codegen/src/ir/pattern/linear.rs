//! Spelling a parsed pattern for the `regex` crate, whose automata match in linear time:
//! possible when the pattern needs no backtracking (no lookaround, back-reference,
//! atomic group, possessive quantifier, `\b`, or line anchors of `(?m)`).

use super::node::{Assertion, Greed, Node};
pub use crate::pattern::LineEnd;
use std::fmt::Write;

/// The `regex` text of `node` and how its end is found, or `None` when the crate cannot
/// express it exactly.
pub fn translate(node: &Node) -> Option<(String, LineEnd)> {
    let node = without_redundant_ends(node);
    let line_end = line_end(&node)?;
    let mut out = String::new();
    write(&node, &mut out)?;
    Some((out, line_end))
}

/// `node` less each `$` that directly follows `\z` (`^\A…\z$`, common in AWS models):
/// at the very end, `$` holds anyway. A `\z` elsewhere beside a `$` rules the linear
/// engine out, since its second try cuts the text short of the real end.
fn without_redundant_ends(node: &Node) -> Node {
    match node {
        Node::Concat(nodes) => {
            let mut kept: Vec<Node> = Vec::with_capacity(nodes.len());
            for node in nodes {
                let redundant = matches!(node, Node::Assert(Assertion::FinalEnd { .. }))
                    && matches!(kept.last(), Some(Node::Assert(Assertion::TextEnd)));
                if !redundant {
                    kept.push(without_redundant_ends(node));
                }
            }
            Node::Concat(kept)
        }
        Node::Alternation(nodes) => Node::Alternation(nodes.iter().map(without_redundant_ends).collect()),
        Node::Capture { index, node } => Node::Capture { index: *index, node: Box::new(without_redundant_ends(node)) },
        Node::Repeat { node, min, max, greed } => {
            Node::Repeat { node: Box::new(without_redundant_ends(node)), min: *min, max: *max, greed: *greed }
        }
        other => other.clone(),
    }
}

fn has_text_end(node: &Node) -> bool {
    match node {
        Node::Assert(Assertion::TextEnd) => true,
        Node::Concat(nodes) | Node::Alternation(nodes) => nodes.iter().any(has_text_end),
        Node::Capture { node, .. } | Node::Repeat { node, .. } | Node::Atomic(node) | Node::Look { node, .. } => has_text_end(node),
        _ => false,
    }
}

/// The `LineEnd` of a pattern whose every `$`/`\Z` ends it: then each can be `\z` with the
/// final terminator left out on a second try. `None` when one is followed by more (the
/// backtracking engine checks those where they stand) or the two flavours are mixed.
fn line_end(node: &Node) -> Option<LineEnd> {
    let mut found = Vec::new();
    if !final_ends_terminal(node, true, &mut found) {
        return None;
    }
    if !found.is_empty() && has_text_end(node) {
        return None;
    }
    match (found.contains(&false), found.contains(&true)) {
        (false, false) => Some(LineEnd::Exact),
        (true, false) => Some(LineEnd::BeforeTerminator),
        (false, true) => Some(LineEnd::BeforeNewline),
        (true, true) => None,
    }
}

/// Whether each `FinalEnd` in `node` ends the match (`at_end`: nothing follows `node`),
/// collecting their `unix` flags.
fn final_ends_terminal(node: &Node, at_end: bool, found: &mut Vec<bool>) -> bool {
    match node {
        Node::Assert(Assertion::FinalEnd { unix }) => {
            found.push(*unix);
            at_end
        }
        Node::Concat(nodes) => nodes.iter().enumerate().all(|(i, child)| {
            let only_ends_follow = nodes[i + 1..].iter().all(|n| matches!(n, Node::Assert(Assertion::FinalEnd { .. }) | Node::Empty));
            final_ends_terminal(child, at_end && only_ends_follow, found)
        }),
        Node::Alternation(nodes) => nodes.iter().all(|n| final_ends_terminal(n, at_end, found)),
        Node::Capture { node, .. } => final_ends_terminal(node, at_end, found),
        Node::Repeat { node, max, .. } => final_ends_terminal(node, at_end && max.is_some_and(|m| m <= 1), found),
        Node::Atomic(node) | Node::Look { node, .. } => final_ends_terminal(node, false, found),
        _ => true,
    }
}

fn write(node: &Node, out: &mut String) -> Option<()> {
    match node {
        Node::Empty => out.push_str("(?:)"),
        Node::Class(class) => match single(&class.set) {
            Some(c) => push_literal(out, c),
            None => out.push_str(&class.text),
        },
        Node::Concat(nodes) => {
            for node in nodes {
                write(node, out)?;
            }
        }
        Node::Alternation(nodes) => {
            out.push_str("(?:");
            for (i, node) in nodes.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                write(node, out)?;
            }
            out.push(')');
        }
        // Only whether the pattern matches counts, so groups need not capture.
        Node::Capture { node, .. } => {
            out.push_str("(?:");
            write(node, out)?;
            out.push(')');
        }
        Node::Repeat { node, min, max, greed } => {
            // A possessive count that cannot vary gives nothing back anyway.
            if *greed == Greed::Possessive && *max != Some(*min) {
                return None;
            }
            if matches!(**node, Node::Class(_)) {
                write(node, out)?;
            } else {
                out.push_str("(?:");
                write(node, out)?;
                out.push(')');
            }
            let _ = match max {
                Some(max) if max == min => write!(out, "{{{min}}}"),
                Some(max) => write!(out, "{{{min},{max}}}"),
                None => write!(out, "{{{min},}}"),
            };
            // Laziness changes which match is found, never whether one is.
        }
        Node::Assert(Assertion::TextStart) => out.push_str(r"\A"),
        Node::Assert(Assertion::TextEnd | Assertion::FinalEnd { .. }) => out.push_str(r"\z"),
        Node::Assert(Assertion::LineStart { .. } | Assertion::LineEnd { .. })
        | Node::Atomic(_)
        | Node::Look { .. }
        | Node::BackRef { .. }
        | Node::Boundary { .. } => return None,
    }
    Some(())
}

/// The code point of a one-element set.
fn single(set: &regex_syntax::hir::ClassUnicode) -> Option<char> {
    match set.ranges() {
        [range] if range.start() == range.end() => Some(range.start()),
        _ => None,
    }
}

/// A literal character, escaped when `regex` would read it otherwise.
fn push_literal(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | '/' | '@' | '=' | ',' | ' ' | '<' | '>' | '!' | '%' | '\'' | '"') {
        out.push(c);
    } else if c.is_ascii_punctuation() {
        out.push('\\');
        out.push(c);
    } else {
        let _ = write!(out, r"\x{{{:X}}}", c as u32);
    }
}
