//! Plain text escaped so Markdown shows it as written: text taken from HTML, and messages
//! placed in docs (`inline_text`). Markdown punctuation, brackets and `<` are escaped;
//! bare URLs become autolinks.

use crate::docs::entities::looks_like_entity;
use crate::docs::url::find_url;

/// Escapes text taken from HTML so Markdown shows it literally. `line_start`
/// says whether the text begins a Markdown line, where `#`, `-`, `1.` and the
/// like would start a block.
fn escape_plain(mut s: &str, line_start: bool, out: &mut String) {
    if line_start {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if matches!(s.as_bytes().first(), Some(b'#' | b'-' | b'+' | b'=')) {
            out.push('\\');
        } else if digits > 0 && matches!(s.as_bytes().get(digits), Some(b'.' | b')')) {
            out.push_str(&s[..digits]);
            out.push('\\');
            s = &s[digits..];
        }
    }
    let mut prev: Option<char> = None;
    for (idx, c) in s.char_indices() {
        match c {
            '\\' | '`' | '*' | '[' | ']' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            // Intraword underscores cannot start emphasis, so `snake_case` stays readable.
            '_' => {
                let next = s[idx + 1..].chars().next();
                if prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric)
                {
                    out.push('_');
                } else {
                    out.push_str("\\_");
                }
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if looks_like_entity(&s[idx..]) => out.push_str("&amp;"),
            c => out.push(c),
        }
        prev = Some(c);
    }
}

/// Escapes one word of HTML text, turning bare URLs into autolinks unless the
/// word is already inside a link (nested links are not allowed).
pub(super) fn escape_word(word: &str, mut line_start: bool, in_link: bool, out: &mut String) {
    let mut rest = word;
    while !rest.is_empty() {
        let url = if in_link { None } else { find_url(rest) };
        let Some((start, len)) = url else {
            escape_plain(rest, line_start, out);
            return;
        };
        escape_plain(&rest[..start], line_start, out);
        line_start = false;
        out.push('<');
        out.push_str(&rest[start..start + len]);
        out.push('>');
        rest = &rest[start + len..];
    }
}

#[cfg(test)]
mod tests {
    use crate::docs::tests::check;

    #[test]
    fn text_is_escaped() {
        check(&[
            (
                "<p>[brackets] *stars* _under_ snake_case `tick` back\\slash a|b ~x~ &amp;lt;</p>",
                &["\\[brackets\\] \\*stars\\* \\_under\\_ snake_case \\`tick\\` back\\\\slash a\\|b \\~x\\~ &amp;lt;"],
            ),
            (
                "<p># h</p><p>- d</p><p>+ p</p><p>12. n</p><p>3) n</p><p>= e</p><p>&gt; q</p><p>***</p>",
                &["\\# h", "", "\\- d", "", "\\+ p", "", "12\\. n", "", "3\\) n", "", "\\= e", "", "&gt; q", "", "\\*\\*\\*"],
            ),
            // Placeholders and XML are not markup and stay visible.
            (
                "<p>arn:aws:s3:<Region>:<account-id> <Code>x</Code> <region></p>",
                &["arn:aws:s3:&lt;Region&gt;:&lt;account-id&gt; &lt;Code&gt;x&lt;/Code&gt; &lt;region&gt;"],
            ),
            ("<p><code>tag:<key></code> s3://<i><bucket></i></p>", &["`tag:<key>` s3://*&lt;bucket&gt;*"]),
        ]);
    }
}
