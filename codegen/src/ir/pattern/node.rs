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
    /// Whether the node can only match the empty string (so a repetition of it is
    /// either the node once or nothing).
    pub fn is_zero_width(&self) -> bool {
        match self {
            Node::Empty | Node::Look { .. } | Node::Assert(_) | Node::Boundary { .. } => true,
            Node::Class(_) | Node::BackRef { .. } => false,
            Node::Concat(nodes) | Node::Alternation(nodes) => nodes.iter().all(Node::is_zero_width),
            Node::Capture { node, .. } | Node::Atomic(node) => node.is_zero_width(),
            Node::Repeat { node, max, .. } => *max == Some(0) || node.is_zero_width(),
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

    /// Whether a capturing group is inside.
    pub fn has_capture(&self) -> bool {
        match self {
            Node::Capture { .. } => true,
            Node::Concat(nodes) | Node::Alternation(nodes) => nodes.iter().any(Node::has_capture),
            Node::Repeat { node, .. } | Node::Atomic(node) | Node::Look { node, .. } => node.has_capture(),
            _ => false,
        }
    }
}
