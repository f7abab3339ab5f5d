//! Fuzz test of pattern preparation (seeded, so every run checks the same inputs): for
//! random strings heavy in regex syntax, and for mutations of every model pattern,
//! `prepare` never panics, refuses with a reason that quotes the pattern, and what it
//! accepts compiles to a matcher that runs without panicking.

mod support;

use codegen::ir::pattern::prepare;
use std::panic::{catch_unwind, AssertUnwindSafe};
use support::Rng;

/// Random strings checked.
const RANDOM_CASES: usize = 20_000;

/// Mutations checked per model pattern.
const MUTATIONS: usize = 4;

/// Problems listed in the failure message.
const SHOWN: usize = 40;

/// Mostly syntax: metacharacters, escape and property letters, digits for counts and
/// back-references, and some non-ASCII text.
const ALPHABET: &[&str] = &[
    "\\", "\\", "\\", "[", "]", "(", ")", "{", "}", "?", "*", "+", "|", "^", "$", ".", "-", "&", "&&", "<", ">", "=", "!", ":",
    ",", "p", "P", "Q", "E", "k", "x", "u", "c", "N", "b", "B", "R", "X", "d", "w", "s", "z", "Z", "i", "m", "U", "0", "1", "2",
    "7", "9", "a", "f", "L", "{L}", "{Lu}", "{IsLatin}", "{Alpha}", "(?", "(?<", "[^", "#", " ", "\n", "é", "٣", "日", "😀",
    "\u{301}", "\u{2028}", "\u{0}",
];

/// Strings each accepted pattern is run on.
const INPUTS: &[&str] = &["", "a", "aB3_-", "\n", "a\r\n", "é٣日😀\u{301}", "\u{0}\u{2028}", "((a))[b]{c}"];

#[test]
fn prepare_never_panics_and_explains_refusals() {
    let mut rng = Rng(0xF022_5EED);
    let mut inputs: Vec<String> = (0..RANDOM_CASES)
        .map(|_| {
            let mut text = String::new();
            while text.chars().count() < rng.below(41) {
                text.push_str(rng.pick(ALPHABET));
            }
            text
        })
        .collect();
    let corpus = support::corpus_patterns("prepare_never_panics_and_explains_refusals").unwrap_or_default();
    for pattern in &corpus {
        let mut rng = Rng::from_text(pattern);
        inputs.extend((0..MUTATIONS).map(|_| mutate(pattern, &mut rng)));
    }

    let (mut accepted, mut problems) = (0, Vec::new());
    for input in &inputs {
        match catch_unwind(AssertUnwindSafe(|| check(input))) {
            Ok(Ok(true)) => accepted += 1,
            Ok(Ok(false)) => {}
            Ok(Err(problem)) => problems.push(format!("{input:?}: {problem}")),
            Err(panic) => {
                let message = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()));
                problems.push(format!("{input:?}: panicked: {}", message.unwrap_or_default()));
            }
        }
    }
    eprintln!(
        "{} inputs ({RANDOM_CASES} random, {} mutations of {} model patterns): {accepted} accepted, {} problems",
        inputs.len(),
        inputs.len() - RANDOM_CASES,
        corpus.len(),
        problems.len()
    );
    assert!(
        problems.is_empty(),
        "{} problems (first {SHOWN}):\n{}",
        problems.len(),
        problems.iter().take(SHOWN).cloned().collect::<Vec<_>>().join("\n")
    );
}

/// Whether `pattern` was accepted, or what is wrong with how it was handled.
fn check(pattern: &str) -> Result<bool, String> {
    let prepared = match prepare(pattern) {
        Ok(prepared) => prepared,
        Err(reason) if reason.contains(pattern) => return Ok(false),
        Err(reason) => return Err(format!("the refusal does not quote the pattern: {reason:?}")),
    };
    let matcher = prepared.matcher().map_err(|e| format!("accepted, but its matcher fails: {e}"))?;
    for input in INPUTS {
        matcher.is_match(input);
    }
    Ok(true)
}

/// `pattern` with one random edit: a token of [`ALPHABET`] inserted or put in place of a
/// character, a character deleted, two swapped, or a slice duplicated.
fn mutate(pattern: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = pattern.chars().collect();
    let len = chars.len();
    let at = rng.below(len + 1);
    let token: Vec<char> = rng.pick(ALPHABET).chars().collect();
    match rng.below(5) {
        0 => drop(chars.splice(at..at, token)),
        1 if at < len => drop(chars.remove(at)),
        2 if at < len => drop(chars.splice(at..=at, token)),
        3 if at + 1 < len => chars.swap(at, at + 1),
        _ => {
            let end = (at + 1 + rng.below(8)).min(len);
            let slice: Vec<char> = chars[at.min(end)..end].to_vec();
            drop(chars.splice(end..end, slice));
        }
    }
    chars.into_iter().collect()
}
