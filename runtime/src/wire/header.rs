//! HTTP header lists: joining items with quoting, and splitting them back.

use super::WireError;
use std::borrow::Cow;

/// The items of a list-valued header joined with `", "`. An item containing `,` or `"`
/// (or that is empty or has spaces or tabs at either end, which the split would lose) is
/// sent quoted, with `"` and `\` escaped by `\`: `["b,c", "\"def\"", "a"]` →
/// `"b,c", "\"def\"", a`. Lists of http-date timestamps are not quoted: join their texts
/// with `", "` directly.
pub fn header_list<I>(items: I) -> String
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        let item = item.as_ref();
        if i > 0 {
            out.push_str(", ");
        }
        let is_space = |c: char| c == ' ' || c == '\t';
        let quote =
            item.is_empty() || item.contains([',', '"']) || item.starts_with(is_space) || item.ends_with(is_space);
        if quote {
            out.push('"');
            for c in item.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            out.push_str(item);
        }
    }
    out
}

/// Splits a list-valued header into its items: on commas outside double quotes, trimming
/// spaces and tabs around each item; a quoted item loses its quotes and `\` escapes.
/// An empty (or blank) value is an empty list. A quoted item followed by anything but a
/// comma, or an unterminated quote, is an error. When a header occurs several times, pass
/// each value in turn and concatenate the results (or join them with `,` first).
pub fn split_header_list(value: &str) -> Result<Vec<Cow<'_, str>>, WireError> {
    let mut items = Vec::new();
    let is_space = |c: char| c == ' ' || c == '\t';
    if value.trim_matches(is_space).is_empty() {
        return Ok(items);
    }
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(is_space);
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut item = String::new();
            let mut chars = quoted.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '"' => {
                        end = Some(i + 1);
                        break;
                    }
                    '\\' => match chars.next() {
                        Some((_, escaped)) => item.push(escaped),
                        None => break,
                    },
                    c => item.push(c),
                }
            }
            let end = end.ok_or_else(|| WireError::new("unterminated quoted string in header list"))?;
            items.push(Cow::Owned(item));
            rest = quoted.get(end..).unwrap_or_default().trim_start_matches(is_space);
            match rest.strip_prefix(',') {
                Some(after) => rest = after,
                None if rest.is_empty() => return Ok(items),
                None => return Err(WireError::new("unexpected text after quoted string in header list")),
            }
        } else {
            match rest.split_once(',') {
                Some((item, after)) => {
                    items.push(Cow::Borrowed(item.trim_end_matches(is_space)));
                    rest = after;
                }
                None => {
                    items.push(Cow::Borrowed(rest.trim_end_matches(is_space)));
                    return Ok(items);
                }
            }
        }
    }
}

/// Splits a header holding a list of http-date timestamps: each date contains one comma
/// (`Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 ...`), so the list is split on every
/// second comma, trimming spaces and tabs. An empty value is an empty list.
pub fn split_http_date_list(value: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let is_space = |c: char| c == ' ' || c == '\t';
    if value.trim_matches(is_space).is_empty() {
        return items;
    }
    let mut start = 0;
    let mut commas = 0;
    for (i, b) in value.bytes().enumerate() {
        if b == b',' {
            commas += 1;
            if commas % 2 == 0 {
                items.push(value.get(start..i).unwrap_or_default().trim_matches(is_space));
                start = i + 1;
            }
        }
    }
    items.push(value.get(start..).unwrap_or_default().trim_matches(is_space));
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::DateTime;
    use crate::wire::timestamp::{parse_timestamp, TimestampFormat};

    fn ts(secs: i64, nanos: u32) -> DateTime {
        DateTime::from_secs_and_nanos(secs, nanos)
    }

    #[test]
    fn header_lists() {
        // RestJsonInputAndOutputWithQuotedStringHeaders and friends.
        let cases: &[(&[&str], &str)] = &[
            (&["b,c", "\"def\"", "a"], r#""b,c", "\"def\"", a"#),
            (&["a", "b", "c"], "a, b, c"),
            (&["Foo", "Bar", "Baz"], "Foo, Bar, Baz"),
            (&["1", "2", "3"], "1, 2, 3"),
            (&["true", "false", "true"], "true, false, true"),
            (&["a\\b"], "a\\b"),
            (&["\"a\\b\""], r#""\"a\\b\"""#),
            (&[" x", "y "], r#"" x", "y ""#),
            (&["", "a"], r#""", a"#),
            (&["a b"], "a b"),
            (&[], ""),
        ];
        for &(items, text) in cases {
            assert_eq!(header_list(items), text);
            let split = split_header_list(text);
            assert_eq!(
                split.as_ref().map(|v| v.iter().map(|s| s.as_ref()).collect::<Vec<_>>()),
                Ok(items.to_vec()),
                "{text}"
            );
        }
        let lenient: &[(&str, &[&str])] = &[
            ("a,b,,c", &["a", "b", "", "c"]),
            ("  a  ,\tb\t", &["a", "b"]),
            (r#""a" , b"#, &["a", "b"]),
            (r#""x\"y", "z""#, &["x\"y", "z"]),
            ("   ", &[]),
            ("a,", &["a", ""]),
        ];
        for &(text, items) in lenient {
            let split = split_header_list(text);
            assert_eq!(
                split.as_ref().map(|v| v.iter().map(|s| s.as_ref()).collect::<Vec<_>>()),
                Ok(items.to_vec()),
                "{text}"
            );
        }
        for text in [r#""abc"#, r#""abc\"#, r#""a"b, c"#, r#""a" "b""#] {
            assert!(split_header_list(text).is_err(), "{text}");
        }
    }

    #[test]
    fn http_date_lists() {
        let value = "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT";
        let items = split_http_date_list(value);
        assert_eq!(items, ["Mon, 16 Dec 2019 23:48:18 GMT", "Mon, 16 Dec 2019 23:48:18 GMT"]);
        for item in items {
            assert_eq!(parse_timestamp(item, TimestampFormat::HttpDate), Ok(ts(1_576_540_098, 0)));
        }
        assert_eq!(split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT"), ["Mon, 16 Dec 2019 23:48:18 GMT"]);
        assert_eq!(
            split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT,Tue, 17 Dec 2019 23:48:18 GMT"),
            ["Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 23:48:18 GMT"]
        );
        assert!(split_http_date_list("").is_empty());
        assert_eq!(split_http_date_list("a,b,c"), ["a,b", "c"]);
    }
}
