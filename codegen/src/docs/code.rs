//! Code spans and fences that their content cannot close, whatever backticks it holds:
//! documentation quotes code, and a stray backtick run must not end the span or fence
//! early (the rest would become Markdown, or a doctest).

/// The length of the longest run of `ch` in `s`.
fn longest_run(s: &str, ch: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == ch { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// A backtick fence longer than any backtick run inside the block, so the
/// content cannot close it early.
pub(super) fn fence_for<S: AsRef<str>>(lines: &[S]) -> String {
    let longest = lines
        .iter()
        .map(|l| longest_run(l.as_ref(), '`'))
        .max()
        .unwrap_or(0);
    "`".repeat((longest + 1).max(3))
}

/// An inline code span that survives backticks and edge spaces in `content`.
pub(super) fn code_span(content: &str) -> String {
    let ticks = "`".repeat(longest_run(content, '`') + 1);
    let pad = if content.starts_with('`') || content.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{content}{pad}{ticks}")
}
