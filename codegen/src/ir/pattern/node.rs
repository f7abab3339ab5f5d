//! A Java pattern as parsed: flags already applied (case folding in the classes, `.` and
//! the anchors chosen by `s`, `m`, `d`), so that every node means one thing.

use super::class::Class;
// The runtime's own small enums: the generated data names them as they are.
pub use crate::pattern::{Assertion, Fold, Greed};

/// A parsed pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// Matches the empty string.
    Empty,
    /// One code point of the class.
    Class(Class),
    Concat(Vec<Node>),
    /// The first alternative that lets the rest match.
    Alternation(Vec<Node>),
    /// A capturing group, numbered from 1.
    Capture { index: usize, node: Box<Node> },
    Repeat { node: Box<Node>, min: u32, max: Option<u32>, greed: Greed },
    /// `(?>X)`: once matched, never given back.
    Atomic(Box<Node>),
    /// `(?=X)`, `(?!X)`, `(?<=X)`, `(?<!X)`.
    Look { behind: bool, negated: bool, node: Box<Node> },
    /// `\1`, `\k<name>`: fails when the group has not matched (Java, unlike ECMA).
    BackRef { group: usize, fold: Fold },
    Assert(Assertion),
    /// Java 17's `\b` (or `\B` when negated): word characters are `word`, and a
    /// non-spacing mark after a letter or digit counts as one.
    Boundary { negated: bool, word: Class },
}

impl Node {
    /// Whether the node matches in at most one way from a given position (no alternative
    /// or variable count left to try), so that the runtime repeats it in a loop rather
    /// than by nesting continuations.
    pub fn matches_one_way(&self) -> bool {
        match self {
            Node::Empty | Node::Class(_) | Node::Assert(_) | Node::Boundary { .. } | Node::BackRef { .. } => true,
            // Lookaround and atomic groups never give back what they matched.
            Node::Look { .. } | Node::Atomic(_) => true,
            Node::Capture { node, .. } => node.matches_one_way(),
            Node::Concat(nodes) => nodes.iter().all(Node::matches_one_way),
            Node::Alternation(_) => false,
            Node::Repeat { node, min, max, greed } => {
                *greed == Greed::Possessive || (Some(*min) == *max && node.matches_one_way())
            }
        }
    }

    /// The fewest and most code points the node can match (`None`: no limit).
    pub fn lengths(&self) -> (usize, Option<usize>) {
        match self {
            Node::Empty | Node::Look { .. } | Node::Assert(_) | Node::Boundary { .. } => (0, Some(0)),
            Node::Class(_) => (1, Some(1)),
            Node::BackRef { .. } => (0, None),
            Node::Capture { node, .. } | Node::Atomic(node) => node.lengths(),
            Node::Concat(nodes) => nodes.iter().map(Node::lengths).fold((0, Some(0)), |(min, max), (m, x)| {
                (min.saturating_add(m), max.zip(x).map(|(a, b)| a.saturating_add(b)))
            }),
            Node::Alternation(nodes) => {
                let all: Vec<_> = nodes.iter().map(Node::lengths).collect();
                let min = all.iter().map(|l| l.0).min().unwrap_or(0);
                let max = all.iter().try_fold(0, |most, l| l.1.map(|x| most.max(x)));
                (min, max)
            }
            Node::Repeat { node, min, max, .. } => {
                let (low, high) = node.lengths();
                let times = |n: u32| n as usize;
                let most = match (high, *max) {
                    (Some(0), _) | (_, Some(0)) => Some(0),
                    (Some(high), Some(max)) => Some(high.saturating_mul(times(max))),
                    _ => None,
                };
                (low.saturating_mul(times(*min)), most)
            }
        }
    }
}
