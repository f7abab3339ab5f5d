//! Percent-encoding for URI labels and query strings.

use super::hex::HEX_UPPER;

/// RFC 3986's unreserved characters, which are never escaped: `A-Za-z0-9-._~`.
pub(crate) fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Appends the escape `%XX` of `b`, upper-case as URIs and SigV4 write it.
pub(crate) fn push_escape(out: &mut String, b: u8) {
    out.push('%');
    out.push(char::from(HEX_UPPER[usize::from(b >> 4)]));
    out.push(char::from(HEX_UPPER[usize::from(b & 15)]));
}

/// Appends `bytes` percent-encoded: every byte but the unreserved ones (and `/` when
/// `keep_slash`) escaped. Bytes, not text, so that a decoded query (which need not be UTF-8)
/// can be encoded again, as SigV4 does.
pub(crate) fn push_percent_encoded_bytes(out: &mut String, bytes: &[u8], keep_slash: bool) {
    // Runs of kept bytes are ASCII, so they are text as they stand.
    fn push_run(out: &mut String, run: Option<&[u8]>) {
        out.push_str(run.and_then(|run| std::str::from_utf8(run).ok()).unwrap_or_default());
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if is_unreserved(b) || (keep_slash && b == b'/') {
            continue;
        }
        push_run(out, bytes.get(start..i));
        push_escape(out, b);
        start = i + 1;
    }
    push_run(out, bytes.get(start..));
}

fn push_percent_encoded_impl(out: &mut String, value: &str, keep_slash: bool) {
    push_percent_encoded_bytes(out, value.as_bytes(), keep_slash);
}

/// Appends `value` to `out` percent-encoded for a URI label, a query key or a query
/// value: every UTF-8 byte outside `A-Za-z0-9-._~` becomes `%XX` (upper-case hex), e.g.
/// `a/b c` → `a%2Fb%20c`.
pub fn push_percent_encoded(out: &mut String, value: &str) {
    push_percent_encoded_impl(out, value, false);
}

/// Appends `value` to `out` percent-encoded for a greedy label (`{key+}`): as
/// [`push_percent_encoded`] but `/` is kept, e.g. `there/guy` → `there/guy`.
pub fn push_percent_encoded_greedy(out: &mut String, value: &str) {
    push_percent_encoded_impl(out, value, true);
}

/// `value` percent-encoded as [`push_percent_encoded`] does.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_percent_encoded(&mut out, value);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding() {
        // RestJsonHttpRequestLabelEscaping and RestJsonQueryStringEscaping.
        assert_eq!(
            percent_encode(" %:/?#[]@!$&'()*+,;=\u{1F639}"),
            "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
        );
        assert_eq!(percent_encode("Hello there"), "Hello%20there");
        assert_eq!(percent_encode("a/b c"), "a%2Fb%20c");
        assert_eq!(percent_encode("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(percent_encode("1970-01-01T00:00:01Z"), "1970-01-01T00%3A00%3A01Z");
        assert_eq!(percent_encode("Mon, 16 Dec 2019 23:48:18 GMT"), "Mon%2C%2016%20Dec%202019%2023%3A48%3A18%20GMT");
        assert_eq!(percent_encode(""), "");
        assert_eq!(percent_encode("é"), "%C3%A9");
        // RestJsonHttpRequestWithGreedyLabelInPath.
        let mut uri = String::from("/HttpRequestWithGreedyLabelInPath/foo/");
        push_percent_encoded(&mut uri, "hello/escape");
        uri.push_str("/baz/");
        push_percent_encoded_greedy(&mut uri, "there/guy");
        assert_eq!(uri, "/HttpRequestWithGreedyLabelInPath/foo/hello%2Fescape/baz/there/guy");
        let mut greedy = String::new();
        push_percent_encoded_greedy(&mut greedy, "a b/c?d");
        assert_eq!(greedy, "a%20b/c%3Fd");
    }
}
