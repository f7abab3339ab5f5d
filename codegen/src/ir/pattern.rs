//! `@pattern` values, turned at generation time into what the generated crate compiles.
//!
//! AWS models are written for, and checked by, Java's `java.util.regex.Pattern`, so that
//! is the dialect read here, whole: `parse` follows the JDK 17 `Pattern` documentation
//! construct by construct and applies the flags while parsing, giving a tree (`node`)
//! with one meaning. Where Java and ECMA-262 differ (`$`, `\s`, `.`, `\b`, `(?m)`,
//! back-references to groups that did not match…), the meaning is Java's: a client
//! validator predicts the service's verdict, and must never refuse what it accepts.
//!
//! Two engines, chosen per pattern:
//! - the `regex` crate, whose automata match in linear time whatever the input, for every
//!   pattern it can express exactly (`linear`): classes are resolved here to what Java
//!   means and spelled out; a `$` that ends the pattern becomes `\z`, and the runtime also
//!   tries the input without its final line terminator ([`LineEnd`]);
//! - otherwise the runtime's own backtracking matcher, which follows Java's algorithm:
//!   lookaround, back-references, atomic groups, possessive quantifiers, `\b`, `\X` and
//!   the `(?m)` anchors. The tree is emitted as static data, with every class resolved to
//!   code point ranges, so nothing is parsed at run time.
//!
//! What cannot be kept (syntax Java rejects too, `\N{…}`, `\b{g}`, `(?c)`) is an error
//! that quotes the pattern; the caller degrades that one check.

mod class;
mod linear;
mod node;
mod parse;

pub use class::Class;
pub use linear::LineEnd;
pub use node::{Assertion, Fold, Greed, Node};

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// A pattern ready for the generated crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The pattern as the model writes it; error messages quote it.
    pub source: String,
    /// The engine and what it runs.
    pub engine: PatternEngine,
}

/// Which engine matches a pattern, with what it is given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternEngine {
    /// `crate::regex::Regex::new(regex)`: linear time.
    Linear { regex: String, line_end: LineEnd },
    /// The runtime's backtracking matcher with Java's semantics, over this tree.
    Backtracking { node: Node, groups: usize },
}

/// Prepares a model pattern, or says why it cannot be used. Many members and services
/// share a pattern, so each distinct one is prepared once per process, whichever thread
/// asks first.
pub fn prepare(source: &str) -> Result<Pattern, String> {
    type Cache = Mutex<HashMap<String, Result<Pattern, String>>>;
    static PREPARED: OnceLock<Cache> = OnceLock::new();
    let cache = PREPARED.get_or_init(Cache::default);
    if let Some(found) = crate::parallel::lock(cache).get(source).cloned() {
        return found;
    }
    // Prepared without the lock: two threads may both prepare a pattern, to the same result.
    let prepared = prepare_uncached(source);
    crate::parallel::lock(cache).insert(source.to_owned(), prepared.clone());
    prepared
}

fn prepare_uncached(source: &str) -> Result<Pattern, String> {
    let parsed = parse::parse(source).map_err(|e| format!("pattern `{source}` is not supported: {e}"))?;
    let backtracking = |parsed: parse::Parsed| PatternEngine::Backtracking { node: parsed.node, groups: parsed.groups };
    let engine = match linear::translate(&parsed.node) {
        Some((regex, line_end)) => match crate::regex::Regex::new(&regex) {
            Ok(_) => PatternEngine::Linear { regex, line_end },
            // Long counted repetitions of large classes (`[\p{L}…]{0,1024}`) exceed the
            // automaton's size limit, deep nesting its parser's: the pattern is valid Java,
            // so the backtracking matcher takes it.
            Err(_) => backtracking(parsed),
        },
        None => backtracking(parsed),
    };
    Ok(Pattern { source: source.to_owned(), engine })
}

impl Pattern {
    /// A matcher with the generated check's verdicts: the same engine and the same
    /// runtime code. For tests and tools: a backtracking program stays allocated for the
    /// life of the process, as the generated `static` would (once per distinct program).
    pub fn matcher(&self) -> Result<Matcher, String> {
        Ok(match &self.engine {
            PatternEngine::Linear { regex, line_end } => {
                Matcher::Linear(crate::regex::Regex::new(regex).map_err(|e| e.to_string())?, *line_end)
            }
            PatternEngine::Backtracking { node, groups } => Matcher::Backtracking(program(&self.source, node, *groups)),
        })
    }
}

/// A compiled [`Pattern`], from [`Pattern::matcher`].
#[derive(Debug)]
pub enum Matcher {
    /// The `regex` crate.
    Linear(crate::regex::Regex, LineEnd),
    /// The runtime's backtracking matcher.
    Backtracking(&'static crate::pattern::Program),
}

impl Matcher {
    /// Whether the pattern matches anywhere in `text`, as the generated check decides.
    pub fn is_match(&self, text: &str) -> bool {
        match self {
            Matcher::Linear(regex, line_end) => line_end.matches(text, |t| regex.is_match(t)),
            Matcher::Backtracking(program) => program.find(text),
        }
    }
}

/// The runtime's program for a pattern's tree, built once per pattern in the process (a
/// source has one tree, whichever function prepared it).
fn program(source: &str, node: &Node, groups: usize) -> &'static crate::pattern::Program {
    type Programs = std::collections::HashMap<String, &'static crate::pattern::Program>;
    static PROGRAMS: std::sync::Mutex<Option<Programs>> = std::sync::Mutex::new(None);
    let mut programs = PROGRAMS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let programs = programs.get_or_insert_with(Programs::new);
    let program = || -> &'static crate::pattern::Program { Box::leak(Box::new(crate::pattern::Program { node: runtime_node(node), groups })) };
    programs.entry(source.to_owned()).or_insert_with(program)
}

/// The runtime's form of a tree, its parts allocated for good (see [`Pattern::matcher`]).
fn runtime_node(node: &Node) -> crate::pattern::Node {
    use crate::pattern::Node as Runtime;
    fn leak<T>(items: Vec<T>) -> &'static [T] {
        Box::leak(items.into_boxed_slice())
    }
    fn one(node: &Node) -> &'static Runtime {
        Box::leak(Box::new(runtime_node(node)))
    }
    let set = |class: &Class| leak(class.ranges());
    match node {
        Node::Empty => Runtime::Empty,
        Node::Class(class) => Runtime::Set(set(class)),
        Node::Concat(nodes) => Runtime::Concat(leak(nodes.iter().map(runtime_node).collect())),
        Node::Alternation(nodes) => Runtime::Alternation(leak(nodes.iter().map(runtime_node).collect())),
        Node::Capture { index, node } => Runtime::Capture(*index, one(node)),
        Node::Repeat { node, min, max, greed } => Runtime::Repeat {
            node: one(node),
            min: *min,
            max: max.unwrap_or(u32::MAX),
            greed: *greed,
            one_way: node.matches_one_way(),
        },
        Node::Atomic(node) => Runtime::Atomic(one(node)),
        Node::Look { behind: false, negated, node } => Runtime::Ahead { negated: *negated, node: one(node) },
        Node::Look { behind: true, negated, node } => {
            let (min, max) = node.lengths();
            Runtime::Behind { negated: *negated, node: one(node), min, max: max.unwrap_or(usize::MAX) }
        }
        Node::BackRef { group, fold } => Runtime::BackRef { group: *group, fold: *fold },
        Node::Assert(assertion) => Runtime::Assert(*assertion),
        Node::Boundary { negated, word } => Runtime::Boundary {
            negated: *negated,
            word: set(word),
            base: set(&Class::letter_or_digit()),
            mark: set(&Class::non_spacing_mark()),
        },
    }
}

/// Prepares a pattern for the backtracking matcher even when the linear engine could take
/// it: for tests that check both engines give Java's verdicts.
pub fn prepare_backtracking(source: &str) -> Result<Pattern, String> {
    let parsed = parse::parse(source).map_err(|e| format!("pattern `{source}` is not supported: {e}"))?;
    Ok(Pattern { source: source.to_owned(), engine: PatternEngine::Backtracking { node: parsed.node, groups: parsed.groups } })
}


#[cfg(test)]
mod tests;
