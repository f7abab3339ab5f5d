//! Small string helpers both converters share: a scan bound that respects UTF-8 (hostile
//! input must not make scans quadratic) and counting or writing indentation in spaces.

/// The longest prefix of `s` of at most `n` bytes, bounding scans that could
/// otherwise go quadratic on hostile input.
pub(super) fn prefix_at_most(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The number of spaces `line` starts with.
pub(super) fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// `n` spaces, as indentation.
pub(super) fn spaces(n: usize) -> String {
    " ".repeat(n)
}
