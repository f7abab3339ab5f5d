//! URLs in documentation: recognising `http(s)` URLs in running text (so they become
//! autolinks rustdoc does not warn about), and encoding link destinations so they cannot
//! end or confuse the Markdown link around them. Other schemes are left as text.

/// Whether `url` is an `http` or `https` URL with a host.
pub(super) fn is_http_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && url
            .split_once("://")
            .is_some_and(|(_, rest)| rest.starts_with(|c: char| c.is_alphanumeric()))
}

/// Length of the URL at the start of `s` (which must start with `http://` or
/// `https://`), without trailing sentence punctuation; `None` without a host.
pub(super) fn url_len(s: &str) -> Option<usize> {
    let scheme = if s.starts_with("https://") {
        8
    } else if s.starts_with("http://") {
        7
    } else {
        return None;
    };
    // Stop at characters that cannot be in an autolink or that close an
    // enclosing bracket, as in `(see https://example.com)`.
    let (mut parens, mut brackets) = (0usize, 0usize);
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        let stop = match c {
            '(' => {
                parens += 1;
                false
            }
            '[' => {
                brackets += 1;
                false
            }
            ')' | ']' => {
                let depth = if c == ')' { &mut parens } else { &mut brackets };
                let unbalanced = *depth == 0;
                *depth = depth.saturating_sub(1);
                unbalanced
            }
            c => {
                c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '<' | '>' | '"' | '\'' | '`' | '\\' | '|')
            }
        };
        if stop {
            end = i;
            break;
        }
    }
    while end > scheme {
        let url = &s[..end];
        let Some(last) = url.chars().last() else {
            break;
        };
        if !matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '*' | '_' | '~') {
            break;
        }
        end -= last.len_utf8();
    }
    s[scheme..end]
        .starts_with(|c: char| c.is_alphanumeric())
        .then_some(end)
}

/// Finds the first URL in `s` as (start, length).
pub(super) fn find_url(s: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(pos) = s[from..].find("http") {
        let at = from + pos;
        if let Some(len) = url_len(&s[at..]) {
            return Some((at, len));
        }
        from = at + 4;
    }
    None
}

/// Percent-encodes the few characters that would end or confuse a Markdown link
/// destination.
pub(super) fn link_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '\\' => out.push_str("%5C"),
            '`' => out.push_str("%60"),
            '"' => out.push_str("%22"),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::docs::tests::check;

    #[test]
    fn bare_urls_become_autolinks() {
        check(&[
            (
                "<p>See https://docs.aws.amazon.com/a_b.html, or (http://example.com/x).</p>",
                &["See <https://docs.aws.amazon.com/a_b.html>, or (<http://example.com/x>)."],
            ),
            (
                "<p>https:// alone, https://x.com/p_(q)</p>",
                &["https:// alone, <https://x.com/p_(q)>"],
            ),
            ("<p>xhttps://x.com/a|b</p>", &["x<https://x.com/a>\\|b"]),
        ]);
    }
}
