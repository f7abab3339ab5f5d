//! Inline fixes for CommonMark text: code spans, escapes and absolute links are kept;
//! unmatched backticks, non-link brackets and a `<` that is no autolink are escaped, bare
//! URLs wrapped. Relative links lose their destination, which rustdoc would resolve as an
//! intra-doc link. Table rows are fixed cell by cell.

use crate::docs::text::prefix_at_most;
use crate::docs::url::{is_http_url, url_len};
use crate::docs::MAX_TAG_LEN;

/// How far a `[` looks for its `](url)` in CommonMark input, and how deeply
/// brackets or parentheses may nest in it; both keep `[[[[...` linear.
const MAX_LINK_LEN: usize = 4096;
const MAX_LINK_NESTING: usize = 8;

/// A paragraph or item line with inline fixes; a trailing backslash at the end
/// of a paragraph would show literally, so it is doubled to say so explicitly.
pub(super) fn md_text_line(rest: &str, paragraph_ends: bool) -> String {
    // GFM splits table rows at `|` before anything else, even inside code
    // spans, so cells are fixed one by one on any line that might be a row.
    let mut line = String::with_capacity(rest.len() + 8);
    for (n, cell) in split_cells(rest).enumerate() {
        if n > 0 {
            line.push('|');
        }
        line.push_str(&md_inline(cell, false, true));
    }
    let trailing = line.len() - line.trim_end_matches('\\').len();
    if paragraph_ends && trailing % 2 == 1 {
        line.push('\\');
    }
    line
}

/// Splits at `|` not escaped by a backslash.
fn split_cells(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let current = rest?;
        let b = current.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' => i += 2,
                b'|' => {
                    rest = Some(&current[i + 1..]);
                    return Some(&current[..i]);
                }
                _ => i += 1,
            }
        }
        rest = None;
        Some(current)
    })
}

/// Inline fixes for CommonMark text: keeps code spans, escapes and absolute
/// links; escapes unmatched backticks, non-link brackets and `<` that is not an
/// autolink; wraps bare URLs.
pub(super) fn md_inline(s: &str, nested: bool, wrap_urls: bool) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < b.len() {
        let rest = &s[i..];
        i += match b[i] {
            b'\\' => backslash(rest, &mut out),
            b'`' => backticks(rest, &mut out),
            b'<' => angle_bracket(rest, &mut out),
            b'!' if !nested && b.get(i + 1) == Some(&b'[') => image(rest, &mut out),
            b'[' if !nested => bracket(rest, wrap_urls, &mut out),
            b'[' | b']' => {
                out.push('\\');
                out.push(char::from(b[i]));
                1
            }
            b'h' if wrap_urls && url_len(rest).is_some() => bare_url(rest, &mut out),
            _ => {
                let c = rest.chars().next().unwrap_or(' ');
                out.push(c);
                c.len_utf8()
            }
        };
    }
    out
}

// Each construct below starts `rest`, is written to `out` and returns the bytes it took.

/// A backslash: an escape before ASCII punctuation, else a literal backslash.
fn backslash(rest: &str, out: &mut String) -> usize {
    match rest[1..].chars().next() {
        Some(c) if c.is_ascii_punctuation() => {
            out.push('\\');
            out.push(c);
            2
        }
        // A literal backslash; doubled so it cannot escape markup we add after it.
        Some(_) => {
            out.push_str("\\\\");
            1
        }
        None => {
            out.push('\\');
            1
        }
    }
}

/// A backtick run: a code span when a run as long closes it, else escaped backticks.
fn backticks(rest: &str, out: &mut String) -> usize {
    let b = rest.as_bytes();
    let n = b.iter().take_while(|&&c| c == b'`').count();
    match find_backtick_run(&b[n..], n) {
        Some(close) => {
            let end = n + close + n;
            out.push_str(&rest[..end]);
            end
        }
        None => {
            out.push_str(&"\\`".repeat(n));
            n
        }
    }
}

/// A `<`: an autolink kept as is, anything else escaped.
fn angle_bracket(rest: &str, out: &mut String) -> usize {
    match autolink_len(rest) {
        Some(len) => {
            out.push_str(&rest[..len]);
            len
        }
        None => {
            out.push_str("&lt;");
            1
        }
    }
}

/// A `![`: an image with an absolute source, its description fixed; otherwise only the
/// `!`, leaving the `[` to the caller.
fn image(rest: &str, out: &mut String) -> usize {
    // rustdoc checks image descriptions for bare URLs, unlike link text.
    out.push('!');
    let rest = &rest[1..];
    let Some(link) = inline_link(rest).filter(|l| l.is_absolute()) else {
        return 1;
    };
    out.push('[');
    out.push_str(&md_inline(&rest[1..link.text_end], true, true));
    out.push_str(&rest[link.text_end..link.len]);
    1 + link.len
}

/// A `[` outside link text: an inline link, kept with an absolute destination and reduced
/// to its text otherwise; a `[` that starts no link is escaped.
fn bracket(rest: &str, wrap_urls: bool, out: &mut String) -> usize {
    let Some(link) = inline_link(rest) else {
        out.push_str("\\[");
        return 1;
    };
    let text = &rest[1..link.text_end];
    if link.is_absolute() {
        out.push('[');
        out.push_str(&md_inline(text, true, false));
        out.push_str(&rest[link.text_end..link.len]);
    } else {
        // rustdoc would resolve the destination as an intra-doc link.
        out.push_str(&md_inline(text, true, wrap_urls));
    }
    link.len
}

/// A bare URL, wrapped as an autolink.
fn bare_url(rest: &str, out: &mut String) -> usize {
    let len = url_len(rest).unwrap_or(0);
    out.push('<');
    out.push_str(&rest[..len]);
    out.push('>');
    len
}

/// Offset of the next backtick run of exactly `n` in `b`.
fn find_backtick_run(b: &[u8], n: usize) -> Option<usize> {
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'`' {
            let run = b[i..].iter().take_while(|&&c| c == b'`').count();
            if run == n {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// Length of an `<http...>` or `<mailto:...>` autolink at the start of `s`.
/// Other schemes (`<arn:aws:...>`) are better shown as text than linked.
fn autolink_len(s: &str) -> Option<usize> {
    let end = prefix_at_most(s, MAX_TAG_LEN).find('>')?;
    let inner = &s[1..end];
    let lower = inner.get(..7).unwrap_or(inner).to_ascii_lowercase();
    let scheme_ok = is_http_url(inner) || lower.starts_with("mailto:");
    let chars_ok = !inner.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<');
    (scheme_ok && chars_ok).then_some(end + 1)
}

/// An inline link `[text](dest)` as parsed.
struct InlineLink<'a> {
    /// Offset of the closing `]`.
    text_end: usize,
    dest: &'a str,
    len: usize,
}

impl InlineLink<'_> {
    fn is_absolute(&self) -> bool {
        is_http_url(self.dest) || self.dest.to_ascii_lowercase().starts_with("mailto:")
    }
}

/// Parses `[text](dest "title")` at the start of `s`.
fn inline_link(s: &str) -> Option<InlineLink<'_>> {
    let s = prefix_at_most(s, MAX_LINK_LEN);
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut i = 1;
    let text_end = loop {
        match *b.get(i)? {
            b'\\' => i += 1,
            b'[' if depth == MAX_LINK_NESTING => return None,
            b'[' => depth += 1,
            b']' if depth == 0 => break i,
            b']' => depth -= 1,
            _ => {}
        }
        i += 1;
    };
    if b.get(text_end + 1) != Some(&b'(') {
        return None;
    }
    let skip_spaces = |mut i: usize| {
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        i
    };
    let mut i = skip_spaces(text_end + 2);
    let dest = if b.get(i) == Some(&b'<') {
        let close = s[i..].find('>')?;
        let dest = &s[i + 1..i + close];
        i += close + 1;
        dest
    } else {
        let start = i;
        let mut parens = 0usize;
        while let Some(&c) = b.get(i) {
            match c {
                b' ' => break,
                b'(' if parens == MAX_LINK_NESTING => return None,
                b'(' => parens += 1,
                b')' if parens == 0 => break,
                b')' => parens -= 1,
                b'\\' => i += 1,
                _ => {}
            }
            i += 1;
        }
        s.get(start..i)?
    };
    i = skip_spaces(i);
    if let Some(&quote @ (b'"' | b'\'')) = b.get(i) {
        let close = s[i + 1..].find(char::from(quote))?;
        i = skip_spaces(i + close + 2);
    }
    (b.get(i) == Some(&b')')).then_some(InlineLink {
        text_end,
        dest,
        len: i + 1,
    })
}
