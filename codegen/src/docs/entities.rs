//! HTML character references (`&amp;`, `&#65;`, `&mdash;`, ...): decoded in HTML input,
//! and recognised in text that is to stay literal, where Markdown would decode them too.
//! Unknown names stay as written, so text such as `&IAM;` is not lost.

use crate::docs::text::prefix_at_most;
use std::borrow::Cow;

/// Whether `s` (which starts with `&`) starts with something Markdown reads as a
/// character reference.
pub(super) fn looks_like_entity(s: &str) -> bool {
    let body = &s.as_bytes()[1..];
    let (digits, rest): (fn(&u8) -> bool, &[u8]) = match body {
        [b'#', b'x' | b'X', rest @ ..] => (u8::is_ascii_hexdigit, rest),
        [b'#', rest @ ..] => (u8::is_ascii_digit, rest),
        [first, ..] if first.is_ascii_alphabetic() => (u8::is_ascii_alphanumeric, body),
        _ => return false,
    };
    let n = rest.iter().take(32).take_while(|b| digits(b)).count();
    n > 0 && rest.get(n) == Some(&b';')
}

/// The character a reference names, without its `&` and `;`: numeric or one of the
/// named ones documentation uses.
fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        let c = char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}');
        return Some(c);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "shy" => '\u{AD}',
        "ndash" => '–',
        "mdash" => '—',
        "minus" => '−',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "prime" => '′',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "micro" => 'µ',
        "para" => '¶',
        "sect" => '§',
        "cent" => '¢',
        "pound" => '£',
        "yen" => '¥',
        "euro" => '€',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "asymp" => '≈',
        "infin" => '∞',
        "iexcl" => '¡',
        "iquest" => '¿',
        "aacute" => 'á',
        "agrave" => 'à',
        "auml" => 'ä',
        "eacute" => 'é',
        "egrave" => 'è',
        "iacute" => 'í',
        "oacute" => 'ó',
        "ouml" => 'ö',
        "uacute" => 'ú',
        "uuml" => 'ü',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "szlig" => 'ß',
        _ => return None,
    })
}

/// Decodes HTML character references; unknown ones are kept as written and
/// control characters become spaces.
pub(super) fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = prefix_at_most(&rest[1..], 33)
            .find(';')
            .filter(|&semi| (1..=32).contains(&semi))
            .and_then(|semi| Some((decode_entity(&rest[1..=semi])?, semi + 2)));
        match decoded {
            Some((c, len)) => {
                out.push(if c.is_control() && c != '\n' { ' ' } else { c });
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use crate::docs::tests::check;

    #[test]
    fn entities() {
        check(&[
            (
                "<p>&lt;a&gt; &amp; &quot;q&quot; &apos; &#65;&#x42; x&nbsp;y &copy; &mdash;</p>",
                &["&lt;a&gt; & \"q\" ' AB x\u{a0}y © —"],
            ),
            // Unknown or invalid references stay visible as written.
            (
                "<p>&bogus; &#0; &#xD800; &#99999999; & alone &IAM;</p>",
                &["&amp;bogus; \u{fffd} \u{fffd} \u{fffd} & alone &amp;IAM;"],
            ),
            ("<p>&#7;bell</p>", &["bell"]),
        ]);
    }
}
