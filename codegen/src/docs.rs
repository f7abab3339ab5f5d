//! Turns Smithy `documentation` trait values into rustdoc Markdown.
//!
//! AWS models write documentation as HTML while Smithy specifies CommonMark, so
//! both are accepted: a value containing a known HTML tag is converted from HTML,
//! anything else is treated as CommonMark and only made safe. The output must
//! keep rustdoc quiet under `rustdoc::all` and must never create doctests, so
//! every code block becomes a `text` fence, text brackets and stray `<` are
//! escaped, and bare URLs become autolinks.

use std::borrow::Cow;

/// Converts a Smithy `documentation` trait value (HTML or CommonMark) to rustdoc Markdown.
/// Returns lines (without trailing newlines); empty when there is nothing to say.
pub fn to_rustdoc(doc: &str) -> Vec<String> {
    let doc = normalize_input(doc);
    let tokens = tokenize(&doc);
    let is_html = tokens
        .iter()
        .any(|t| matches!(t, Token::Tag(tag) if classify(tag.name, false).is_some()));
    let lines = if is_html {
        Html::new(&tokens).run()
    } else {
        markdown_lines(&doc)
    };
    tidy(lines)
}

/// Plain text (a message, not documentation) as rustdoc Markdown on one line that shows it
/// as written: Markdown punctuation, brackets and `<` are escaped, so it cannot start a link,
/// emphasis or HTML.
pub fn inline_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_word(&one_line(text), false, false, &mut out);
    out
}

/// Text as an inline code span on one line, whatever backticks it holds.
pub fn inline_code(text: &str) -> String {
    code_span(&one_line(text))
}

/// The text with line breaks, tabs and other control characters as spaces: a doc line must
/// stay one line.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Punctuation that attaches to the preceding word.
const CLOSING_PUNCTUATION: [char; 7] = ['.', ',', ';', ':', '!', '?', ')'];

/// Bounds nesting (lists, quotes, inline styles) so hostile input cannot blow up
/// the output quadratically through ever deeper indentation.
const MAX_NESTING: usize = 32;
/// How far ahead a `<code>` looks for its `</code>` when deciding whether it is a block.
const CODE_LOOKAHEAD: usize = 4096;
/// Longest tag we try to parse; a `<` without a nearby `>` is plain text.
const MAX_TAG_LEN: usize = 2048;
/// How far a `[` looks for its `](url)` in CommonMark input, and how deeply
/// brackets or parentheses may nest in it; both keep `[[[[...` linear.
const MAX_LINK_LEN: usize = 4096;
const MAX_LINK_NESTING: usize = 8;

// ---------------------------------------------------------------------------
// Input clean-up and output tidying
// ---------------------------------------------------------------------------

/// Unifies line endings, expands tabs (so indentation can be counted in spaces)
/// and replaces control characters, which rustdoc attributes should not carry.
fn normalize_input(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut column = 0;
    let mut chars = doc.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let width = 4 - column % 4;
                out.extend(std::iter::repeat_n(' ', width));
                column += width;
            }
            c if c.is_control() => {
                out.push(' ');
                column += 1;
            }
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

/// Trims trailing whitespace, collapses blank-line runs outside fences and drops
/// leading and trailing blank lines.
fn tidy(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut fence: Option<&str> = None;
    for line in &lines {
        let line = line.trim_end();
        let body = block_body(line);
        let ticks = &body[..body.len() - body.trim_start_matches('`').len()];
        match fence {
            Some(open) if body == open => fence = None,
            Some(_) => {}
            // Only our own fences occur: ```text, longer when the content needs it.
            None if ticks.len() >= 3 && body[ticks.len()..] == *"text" => fence = Some(ticks),
            None => {}
        }
        if line.is_empty() && fence.is_none() && out.last().is_none_or(String::is_empty) {
            continue;
        }
        out.push(line.to_owned());
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// A line without its container prefixes: quote markers, indentation and
/// list markers.
fn block_body(line: &str) -> &str {
    let mut body = line;
    loop {
        body = body.trim_start_matches(['>', ' ']);
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        if let Some(rest) = body.strip_prefix("- ") {
            body = rest;
        } else if digits > 0 && body[digits..].starts_with(". ") {
            body = &body[digits + 2..];
        } else {
            return body;
        }
    }
}

// ---------------------------------------------------------------------------
// Shared text helpers
// ---------------------------------------------------------------------------

/// The longest prefix of `s` of at most `n` bytes, bounding scans that could
/// otherwise go quadratic on hostile input.
fn prefix_at_most(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn spaces(n: usize) -> String {
    " ".repeat(n)
}

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
fn fence_for<S: AsRef<str>>(lines: &[S]) -> String {
    let longest = lines
        .iter()
        .map(|l| longest_run(l.as_ref(), '`'))
        .max()
        .unwrap_or(0);
    "`".repeat((longest + 1).max(3))
}

/// An inline code span that survives backticks and edge spaces in `content`.
fn code_span(content: &str) -> String {
    let ticks = "`".repeat(longest_run(content, '`') + 1);
    let pad = if content.starts_with('`') || content.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{content}{pad}{ticks}")
}

fn is_http_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && url
            .split_once("://")
            .is_some_and(|(_, rest)| rest.starts_with(|c: char| c.is_alphanumeric()))
}

/// Length of the URL at the start of `s` (which must start with `http://` or
/// `https://`), without trailing sentence punctuation; `None` without a host.
fn url_len(s: &str) -> Option<usize> {
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
fn find_url(s: &str) -> Option<(usize, usize)> {
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
fn link_destination(url: &str) -> String {
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

fn looks_like_entity(s: &str) -> bool {
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
fn escape_word(word: &str, mut line_start: bool, in_link: bool, out: &mut String) {
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
fn decode_entities(s: &str) -> Cow<'_, str> {
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

// ---------------------------------------------------------------------------
// HTML tokenizer
// ---------------------------------------------------------------------------

#[derive(Debug)]
enum Token<'a> {
    Text(&'a str),
    Tag(Tag<'a>),
}

#[derive(Debug)]
struct Tag<'a> {
    /// As written; [`classify`] decides whether it is markup.
    name: &'a str,
    close: bool,
    self_closing: bool,
    attrs: &'a str,
    /// The whole tag, re-emitted as text when it is not markup (`<region>`).
    raw: &'a str,
}

/// Splits `s` into text and syntactically valid tags. Comments are dropped; a
/// `<` that does not start a tag stays in the text.
fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut text_start = 0;
    let mut pos = 0;
    while let Some(offset) = s[pos..].find('<') {
        let lt = pos + offset;
        let parsed = if s[lt..].starts_with("<!--") {
            let end = s[lt + 4..].find("-->").map_or(s.len(), |e| lt + 4 + e + 3);
            Some((None, end))
        } else {
            parse_tag(s, lt).map(|(tag, end)| (Some(tag), end))
        };
        match parsed {
            Some((tag, end)) => {
                if lt > text_start {
                    tokens.push(Token::Text(&s[text_start..lt]));
                }
                tokens.extend(tag.map(Token::Tag));
                text_start = end;
                pos = end;
            }
            None => pos = lt + 1,
        }
    }
    if text_start < s.len() {
        tokens.push(Token::Text(&s[text_start..]));
    }
    tokens
}

/// Parses the tag starting at `lt`, returning it and the index after its `>`.
fn parse_tag(s: &str, lt: usize) -> Option<(Tag<'_>, usize)> {
    let b = s.as_bytes();
    let limit = (lt + MAX_TAG_LEN).min(b.len());
    let mut i = lt + 1;
    let close = b.get(i) == Some(&b'/');
    if close {
        i += 1;
    }
    let name_start = i;
    if !b.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    while i < limit && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'-' | b'_' | b':' | b'.')) {
        i += 1;
    }
    let name_end = i;
    let mut self_closing = false;
    loop {
        while i < limit && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i).filter(|_| i < limit)? {
            b'>' => break,
            b'/' if b.get(i + 1) == Some(&b'>') && i + 1 < limit => {
                self_closing = true;
                i += 1;
                break;
            }
            b'<' => return None,
            _ => {}
        }
        let attr_start = i;
        while i < limit && !b[i].is_ascii_whitespace() && !matches!(b[i], b'>' | b'<' | b'=') {
            i += 1;
        }
        if i < limit && b[i] == b'=' {
            i += 1;
            while i < limit && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i).filter(|_| i < limit)? {
                &quote @ (b'"' | b'\'') => {
                    let len = b[i + 1..limit].iter().position(|&c| c == quote)?;
                    i += len + 2;
                }
                _ => {
                    while i < limit && !b[i].is_ascii_whitespace() && !matches!(b[i], b'>' | b'<') {
                        i += 1;
                    }
                }
            }
        }
        if i == attr_start {
            i += 1; // a stray `=`: skip it so the loop always advances
        }
    }
    let tag = Tag {
        name: &s[name_start..name_end],
        close,
        self_closing,
        attrs: &s[name_end..i],
        raw: &s[lt..=i],
    };
    Some((tag, i + 1))
}

/// The decoded value of attribute `want` in a tag's attribute source.
fn attr_value(attrs: &str, want: &str) -> Option<String> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'/') {
            i += 1;
        }
        let name = &attrs[name_start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let (start, end) = match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let len = b[i + 1..]
                        .iter()
                        .position(|&c| c == q)
                        .unwrap_or(b.len() - i - 1);
                    (i + 1, i + 1 + len)
                }
                _ => {
                    let len = b[i..]
                        .iter()
                        .position(u8::is_ascii_whitespace)
                        .unwrap_or(b.len() - i);
                    (i, i + len)
                }
            };
            value = &attrs[start..end];
            i = end + 1;
        }
        if name.eq_ignore_ascii_case(want) {
            return Some(decode_entities(value).into_owned());
        }
        if i == name_start {
            i += 1;
        }
    }
    None
}

// ---------------------------------------------------------------------------
// HTML to Markdown
// ---------------------------------------------------------------------------

/// What the converter does with a known tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Paragraph boundary: `p`, `div`, `dd`, table parts, ...
    Block,
    /// `<examples>` (Data Pipeline, Cognito Sync): enables `name`, `request`, ...
    Example,
    /// Rendered as a bold paragraph: `h1`-`h6`, `dt`, `fullname`.
    Heading,
    List {
        ordered: bool,
    },
    Item,
    /// `note` and `important`: the first paragraph gets a bold label.
    Callout(&'static str),
    Quote,
    /// Verbatim text in a `text` fence.
    Pre,
    Break,
    Row,
    Cell,
    Strong,
    Emphasis,
    Code,
    Link,
    /// Markup without Markdown equivalent: dropped, text kept.
    Transparent,
    /// `script` and `style`: dropped with their content.
    Hidden,
}

impl Kind {
    /// Whether the element separates paragraphs (as opposed to inline markup).
    fn is_block(self) -> bool {
        !matches!(
            self,
            Kind::Break
                | Kind::Cell
                | Kind::Strong
                | Kind::Emphasis
                | Kind::Code
                | Kind::Link
                | Kind::Transparent
                | Kind::Hidden
        )
    }
}

/// Recognizes HTML (and AWS DocBook-ish) tags. Anything else, such as the
/// placeholders in `arn:aws:s3:<Region>:<account-id>` or XML like `<Code>`, is
/// not markup and stays visible as text. Mixed-case names are XML, not HTML.
fn classify(name: &str, in_example: bool) -> Option<Kind> {
    let mixed_case = name.bytes().any(|b| b.is_ascii_lowercase())
        && name.bytes().any(|b| b.is_ascii_uppercase());
    if mixed_case {
        return None;
    }
    let kind = match name.to_ascii_lowercase().as_str() {
        "p" | "div" | "para" | "section" | "article" | "header" | "footer" | "main" | "aside"
        | "nav" | "figure" | "figcaption" | "caption" | "center" | "address" | "details"
        | "summary" | "dl" | "dd" | "table" | "thead" | "tbody" | "tfoot" | "hr" | "body"
        | "html" => Kind::Block,
        "examples" | "example" => Kind::Example,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" | "fullname" => Kind::Heading,
        "ul" => Kind::List { ordered: false },
        "ol" => Kind::List { ordered: true },
        "li" => Kind::Item,
        "note" => Kind::Callout("Note"),
        "important" => Kind::Callout("Important"),
        "blockquote" => Kind::Quote,
        "pre" => Kind::Pre,
        "br" => Kind::Break,
        "tr" => Kind::Row,
        "td" | "th" => Kind::Cell,
        "b" | "strong" => Kind::Strong,
        "i" | "em" | "replaceable" | "var" | "cite" | "dfn" => Kind::Emphasis,
        "code" | "tt" | "kbd" | "samp" => Kind::Code,
        "a" => Kind::Link,
        "span" | "u" | "sup" | "sub" | "small" | "big" | "font" | "link" | "s" | "strike"
        | "del" | "ins" | "mark" | "abbr" | "acronym" | "img" | "wbr" | "nobr" => Kind::Transparent,
        "script" | "style" => Kind::Hidden,
        "name" if in_example => Kind::Heading,
        "description" if in_example => Kind::Block,
        "request" | "response" if in_example => Kind::Pre,
        _ => return None,
    };
    Some(kind)
}

/// Output contexts that prefix lines.
#[derive(Debug)]
enum Container {
    /// `implicit` for a list opened by an `<li>` outside any list.
    List {
        ordered: bool,
        implicit: bool,
        count: usize,
        styles: usize,
    },
    /// `pending` until the item's marker line is written.
    Item {
        pending: bool,
        indent: usize,
        styles: usize,
    },
    /// `started` once a `>` line was written, so a blank line before the quote stays bare.
    Quote { started: bool, styles: usize },
}

impl Container {
    /// Inline styles open when the container started; they do not outlive it.
    fn styles(&self) -> usize {
        match self {
            Container::List { styles, .. }
            | Container::Item { styles, .. }
            | Container::Quote { styles, .. } => *styles,
        }
    }
}

/// An open inline element. Markers are written lazily, right before the first
/// content, so empty elements vanish and no marker is followed by a space.
#[derive(Debug)]
struct Style {
    kind: Kind,
    url: Option<String>,
    /// False for elements with no effect (nested bold, `<a>` without a usable href).
    active: bool,
    opened: bool,
    used: bool,
}

impl Style {
    fn open_marker(&self) -> &'static str {
        match self.kind {
            Kind::Link => "[",
            Kind::Emphasis => "*",
            _ => "**",
        }
    }

    fn close_marker(&self) -> String {
        match (&self.kind, &self.url) {
            (Kind::Link, Some(url)) => format!("]({url})"),
            (Kind::Emphasis, _) => "*".to_owned(),
            _ => "**".to_owned(),
        }
    }
}

#[derive(Debug)]
enum Mode {
    Normal,
    /// Inside inline `<code>`. `literal` holds block tags shown as text, such as
    /// the `<p>` in `<code>"<p>Add</p>"</code>`, so their end tags are too.
    InlineCode {
        text: String,
        literal: Vec<String>,
    },
    /// Inside `<pre>` or a multi-line `<code>` block.
    Verbatim {
        text: String,
        closer: Kind,
    },
    Hidden {
        name: String,
        depth: usize,
    },
}

struct Html<'t> {
    tokens: &'t [Token<'t>],
    /// For each token index, the index of the next `</code>` at or after it.
    code_closers: Vec<Option<usize>>,
    out: Vec<String>,
    last_blank: bool,
    containers: Vec<Container>,
    /// Lists and quotes beyond [`MAX_NESTING`], whose end tags must be ignored.
    ignored_lists: usize,
    ignored_quotes: usize,
    /// The paragraph being built; `\n` separates hard-broken lines.
    para: String,
    pending_space: bool,
    pending_break: bool,
    styles: Vec<Style>,
    /// Style count when the current `<p>`-like block opened, so unclosed inline
    /// tags end with their paragraph.
    para_styles: Option<usize>,
    label: Option<&'static str>,
    /// The marker and the paragraph length before and after the last closing
    /// marker, so an immediately reopened identical style can continue it.
    just_closed: Option<(&'static str, usize, usize)>,
    /// Whether the pending space was inside an element that has closed since.
    space_in_closed: bool,
    examples: usize,
    mode: Mode,
}

impl<'t> Html<'t> {
    fn new(tokens: &'t [Token<'t>]) -> Self {
        let mut code_closers = vec![None; tokens.len() + 1];
        for (i, token) in tokens.iter().enumerate().rev() {
            let is_closer = matches!(token, Token::Tag(t) if t.close && classify(t.name, false) == Some(Kind::Code));
            code_closers[i] = if is_closer {
                Some(i)
            } else {
                code_closers[i + 1]
            };
        }
        Html {
            tokens,
            code_closers,
            out: Vec::new(),
            last_blank: false,
            containers: Vec::new(),
            ignored_lists: 0,
            ignored_quotes: 0,
            para: String::new(),
            pending_space: false,
            pending_break: false,
            styles: Vec::new(),
            para_styles: None,
            label: None,
            just_closed: None,
            space_in_closed: false,
            examples: 0,
            mode: Mode::Normal,
        }
    }

    fn run(mut self) -> Vec<String> {
        for i in 0..self.tokens.len() {
            match std::mem::replace(&mut self.mode, Mode::Normal) {
                Mode::Normal => self.normal(i),
                Mode::InlineCode { text, literal } => self.inline_code(text, literal, i),
                Mode::Verbatim { text, closer } => self.verbatim(text, closer, i),
                Mode::Hidden { name, depth } => self.hidden(name, depth, i),
            }
        }
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::InlineCode { text, .. } => self.finish_code(&text),
            Mode::Verbatim { text, .. } => self.emit_fence(&text),
            Mode::Normal | Mode::Hidden { .. } => {}
        }
        self.flush_para();
        self.out
    }

    fn kind(&self, tag: &Tag) -> Option<Kind> {
        classify(tag.name, self.examples > 0)
    }

    // --- token handlers ------------------------------------------------------

    fn normal(&mut self, i: usize) {
        let tokens = self.tokens;
        match &tokens[i] {
            Token::Text(text) => self.text(text),
            Token::Tag(tag) => match self.kind(tag) {
                None => self.text(tag.raw),
                Some(kind) if tag.close => self.close(kind),
                Some(kind) => {
                    self.open(kind, tag, i);
                    if tag.self_closing {
                        self.close(kind);
                    }
                }
            },
        }
    }

    fn inline_code(&mut self, mut text: String, mut literal: Vec<String>, i: usize) {
        let tokens = self.tokens;
        match &tokens[i] {
            Token::Text(t) => text.push_str(&decode_entities(t)),
            Token::Tag(tag) => match self.kind(tag) {
                Some(Kind::Code) if tag.close => return self.finish_code(&text),
                Some(Kind::Break) => text.push(' '),
                Some(kind) if kind.is_block() => {
                    let name = tag.name.to_ascii_lowercase();
                    if !tag.close {
                        if !tag.self_closing && literal.len() < MAX_NESTING {
                            literal.push(name);
                        }
                    } else if let Some(pos) = literal.iter().rposition(|n| *n == name) {
                        literal.truncate(pos);
                    } else {
                        // An end tag of an enclosing block: the `<code>` was never closed.
                        self.finish_code(&text);
                        return self.normal(i);
                    }
                    text.push_str(&decode_entities(tag.raw));
                }
                Some(_) => {} // inline markup has no meaning inside a code span
                None => text.push_str(&decode_entities(tag.raw)),
            },
        }
        self.mode = Mode::InlineCode { text, literal };
    }

    fn verbatim(&mut self, mut text: String, closer: Kind, i: usize) {
        let tokens = self.tokens;
        match &tokens[i] {
            Token::Text(t) => text.push_str(&decode_entities(t)),
            Token::Tag(tag) => match self.kind(tag) {
                Some(kind) if tag.close && kind == closer => return self.emit_fence(&text),
                Some(Kind::Break) => text.push('\n'),
                Some(kind) if !kind.is_block() => {}
                _ => text.push_str(&decode_entities(tag.raw)),
            },
        }
        self.mode = Mode::Verbatim { text, closer };
    }

    fn hidden(&mut self, name: String, mut depth: usize, i: usize) {
        if let Token::Tag(tag) = &self.tokens[i] {
            if tag.name.eq_ignore_ascii_case(&name) && !tag.self_closing {
                if tag.close {
                    depth -= 1;
                } else {
                    depth += 1;
                }
            }
        }
        if depth > 0 {
            self.mode = Mode::Hidden { name, depth };
        }
    }

    fn open(&mut self, kind: Kind, tag: &Tag, i: usize) {
        match kind {
            Kind::Block | Kind::Row => {
                self.block_boundary();
                self.para_styles = Some(self.styles.len());
            }
            Kind::Example => {
                self.block_boundary();
                self.examples += 1;
            }
            Kind::Heading => {
                self.block_boundary();
                self.push_style(Kind::Heading, None);
            }
            Kind::List { ordered } => self.open_list(ordered),
            Kind::Item => self.open_item(),
            Kind::Callout(label) => {
                self.block_boundary();
                self.label = Some(label);
            }
            Kind::Quote => self.open_quote(),
            Kind::Pre if !tag.self_closing => {
                self.block_boundary();
                self.mode = Mode::Verbatim {
                    text: String::new(),
                    closer: Kind::Pre,
                };
            }
            Kind::Code if !tag.self_closing => {
                if self.code_is_block(i) {
                    self.block_boundary();
                    self.mode = Mode::Verbatim {
                        text: String::new(),
                        closer: Kind::Code,
                    };
                } else {
                    self.mode = Mode::InlineCode {
                        text: String::new(),
                        literal: Vec::new(),
                    };
                }
            }
            Kind::Break => self.pending_break = true,
            Kind::Cell => {
                if !self.para.is_empty() {
                    self.pending_space = true;
                    self.inline("\\|");
                    self.pending_space = true;
                }
            }
            Kind::Strong | Kind::Emphasis => self.push_style(kind, None),
            Kind::Link => {
                let url = attr_value(tag.attrs, "href")
                    .filter(|u| is_http_url(u.trim()))
                    .map(|u| link_destination(&u));
                self.push_style(Kind::Link, url);
            }
            Kind::Hidden if !tag.self_closing => {
                let name = tag.name.to_owned();
                self.mode = Mode::Hidden { name, depth: 1 };
            }
            Kind::Pre | Kind::Code | Kind::Hidden | Kind::Transparent => {}
        }
    }

    fn close(&mut self, kind: Kind) {
        match kind {
            Kind::Block | Kind::Row => {
                self.block_boundary();
                if let Some(n) = self.para_styles.take() {
                    self.styles.truncate(n);
                }
            }
            Kind::Example => {
                self.block_boundary();
                self.examples = self.examples.saturating_sub(1);
            }
            Kind::Heading => {
                self.close_style(Kind::Heading);
                self.block_boundary();
            }
            Kind::List { .. } => {
                self.block_boundary();
                if self.ignored_lists > 0 {
                    self.ignored_lists -= 1;
                } else {
                    self.pop_to(|c| matches!(c, Container::List { .. }), |_| false);
                }
            }
            Kind::Item => {
                self.block_boundary();
                self.pop_to(
                    |c| matches!(c, Container::Item { .. }),
                    |c| matches!(c, Container::List { .. }),
                );
            }
            Kind::Callout(_) => {
                self.block_boundary();
                self.label = None;
            }
            Kind::Quote => {
                self.block_boundary();
                if self.ignored_quotes > 0 {
                    self.ignored_quotes -= 1;
                } else {
                    self.pop_to(|c| matches!(c, Container::Quote { .. }), |_| false);
                }
            }
            Kind::Strong | Kind::Emphasis | Kind::Link => self.close_style(kind),
            Kind::Pre
            | Kind::Code
            | Kind::Hidden
            | Kind::Break
            | Kind::Cell
            | Kind::Transparent => {}
        }
    }

    /// A `<code>` is a block (fenced) when it starts a paragraph, ends one, and
    /// its content spans lines, e.g. a JSON policy in `<p><code>...</code></p>`.
    fn code_is_block(&self, i: usize) -> bool {
        if !self.para.is_empty() {
            return false;
        }
        let Some(end) = self.code_closers[i + 1] else {
            return false;
        };
        if end - i > CODE_LOOKAHEAD {
            return false;
        }
        let mut content = String::new();
        for token in &self.tokens[i + 1..end] {
            match token {
                Token::Text(t) => content.push_str(t),
                Token::Tag(tag) if self.kind(tag).is_none() => content.push_str(tag.raw),
                Token::Tag(_) => {}
            }
        }
        if !content.trim().contains('\n') {
            return false;
        }
        let next = self.tokens[end + 1..]
            .iter()
            .find(|t| !matches!(t, Token::Text(s) if s.trim().is_empty()));
        match next {
            None => true,
            Some(Token::Tag(tag)) => self.kind(tag).is_some_and(Kind::is_block),
            Some(Token::Text(_)) => false,
        }
    }

    // --- inline content ------------------------------------------------------

    fn text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        // A blank line inside HTML text still reads as a paragraph break.
        for (n, chunk) in split_blank_lines(&decoded).enumerate() {
            if n > 0 {
                self.flush_para();
            }
            for (k, word) in chunk.split(|c: char| c.is_ascii_whitespace()).enumerate() {
                if k > 0 {
                    self.pending_space = true;
                }
                if !word.is_empty() {
                    if k == 0 && self.space_in_closed && word.starts_with(CLOSING_PUNCTUATION) {
                        // `<a href="…"><code>X</code> </a>.` reads better as `[X](…).`
                        self.pending_space = false;
                    }
                    self.open_styles();
                    let line_start = self.para.is_empty() || self.para.ends_with('\n');
                    let in_link = self.styles.iter().any(|s| s.kind == Kind::Link && s.active);
                    escape_word(word, line_start, in_link, &mut self.para);
                }
            }
        }
    }

    /// Appends ready-made Markdown inside the current inline styles.
    fn inline(&mut self, markdown: &str) {
        self.open_styles();
        self.para.push_str(markdown);
    }

    /// Writes pending break, space and style markers before new content.
    fn open_styles(&mut self) {
        if self.pending_break && !self.para.is_empty() {
            self.para.push_str("\\\n");
            self.pending_space = false;
        }
        self.pending_break = false;
        if self.pending_space && !self.para.is_empty() && !self.para.ends_with('\n') {
            self.para.push(' ');
        }
        self.pending_space = false;
        self.space_in_closed = false;
        let mut just_closed = self.just_closed.take();
        for style in &mut self.styles {
            if style.active && !style.opened {
                match just_closed.take() {
                    // `<b>a</b><b>b</b>`: continue the span rather than write `**a****b**`.
                    Some((marker, before, after))
                        if marker == style.open_marker() && after == self.para.len() =>
                    {
                        self.para.truncate(before);
                    }
                    _ => {
                        if style.kind == Kind::Link && ends_with_unescaped(&self.para, '!') {
                            // `![` would make the link an image.
                            self.para.insert(self.para.len() - 1, '\\');
                        }
                        self.para.push_str(style.open_marker());
                    }
                }
                style.opened = true;
                style.used = true;
            }
        }
    }

    fn push_style(&mut self, kind: Kind, url: Option<String>) {
        if self.styles.len() >= MAX_NESTING {
            return;
        }
        let bold = |k: Kind| matches!(k, Kind::Strong | Kind::Heading);
        let duplicate = self
            .styles
            .iter()
            .any(|s| s.active && (s.kind == kind || (bold(s.kind) && bold(kind))));
        let active = !duplicate && (kind != Kind::Link || url.is_some());
        self.styles.push(Style {
            kind,
            url,
            active,
            opened: false,
            used: false,
        });
    }

    fn close_style(&mut self, kind: Kind) {
        let Some(idx) = self.styles.iter().rposition(|s| s.kind == kind) else {
            return;
        };
        self.space_in_closed |= self.pending_space;
        let before = self.para.len();
        let alone = self.styles[idx + 1..].iter().all(|s| !s.opened);
        // Inner styles end too (misnested HTML): reopening them right after
        // the closing markers would make ambiguous runs like `****`.
        for style in self.styles[idx..].iter().rev() {
            if style.opened {
                self.para.push_str(&style.close_marker());
            }
        }
        let style = self.styles.remove(idx);
        self.styles.truncate(idx);
        if style.opened && alone && style.kind != Kind::Link {
            self.just_closed = Some((style.open_marker(), before, self.para.len()));
        }
        if let (Kind::Link, true, false, Some(url)) =
            (style.kind, style.active, style.used, &style.url)
        {
            // A link without text still deserves its URL.
            self.inline(&format!("<{url}>"));
        }
    }

    fn finish_code(&mut self, text: &str) {
        let content = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
        if !content.is_empty() {
            // Adjacent spans would merge their backtick runs.
            if self.para.ends_with('`') {
                self.pending_space = true;
            }
            self.inline(&code_span(&content));
        }
    }

    // --- blocks --------------------------------------------------------------

    /// Ends the current paragraph; headings cannot span blocks.
    fn block_boundary(&mut self) {
        self.flush_para();
        self.styles.retain(|s| s.kind != Kind::Heading);
    }

    fn flush_para(&mut self) {
        for style in self.styles.iter_mut().rev() {
            if style.opened {
                self.para.push_str(&style.close_marker());
                style.opened = false;
            }
        }
        self.pending_space = false;
        self.pending_break = false;
        self.just_closed = None;
        if self.para.trim().is_empty() {
            // Also drops lone no-break spaces: a line of bare markers such as
            // `- - -` would read as a thematic break.
            self.para.clear();
            return;
        }
        let mut text = std::mem::take(&mut self.para);
        if let Some(label) = self.label.take() {
            text = format!("**{label}:** {text}");
        }
        self.emit_block(text.split('\n').map(str::to_owned).collect());
    }

    /// Writes a callout label as its own paragraph when the callout starts with
    /// something other than a paragraph.
    fn flush_label(&mut self) {
        if let Some(label) = self.label.take() {
            self.emit_block(vec![format!("**{label}:**")]);
        }
    }

    fn emit_fence(&mut self, raw: &str) {
        let lines = verbatim_lines(raw);
        if lines.is_empty() {
            return;
        }
        self.flush_para();
        self.flush_label();
        let fence = fence_for(&lines);
        let mut block = Vec::with_capacity(lines.len() + 2);
        block.push(format!("{fence}text"));
        block.extend(lines);
        block.push(fence);
        self.emit_block(block);
    }

    fn emit_block(&mut self, lines: Vec<String>) {
        self.begin_block();
        for (n, line) in lines.into_iter().enumerate() {
            let prefix = self.prefix(n == 0);
            self.out.push(prefix + &line);
        }
        self.last_blank = false;
    }

    /// Separates the coming block from the previous one by a blank line, except
    /// where that would loosen a list: sibling items and a nested list right
    /// under its parent item stay tight.
    fn begin_block(&mut self) {
        self.leave_implicit_list();
        if matches!(self.containers.last(), Some(Container::List { .. })) {
            self.push_item(); // text directly inside `<ul>`
        }
        let pending = self
            .containers
            .iter()
            .position(|c| matches!(c, Container::Item { pending: true, .. }));
        let blank = match pending {
            None => true,
            Some(p) => {
                let first_item = matches!(
                    p.checked_sub(1).map(|l| &self.containers[l]),
                    Some(Container::List { count: 0, .. })
                );
                let nested = self.containers[..p]
                    .iter()
                    .rev()
                    .find(|c| !matches!(c, Container::List { .. }))
                    .is_some_and(|c| matches!(c, Container::Item { .. }));
                first_item && !nested
            }
        };
        if blank && !self.last_blank && !self.out.is_empty() {
            let line = self.blank_line();
            self.out.push(line);
            self.last_blank = true;
        }
    }

    /// A blank line inside the started quotes, keeping the list indentation
    /// that places those quotes.
    fn blank_line(&self) -> String {
        let Some(last) = self
            .containers
            .iter()
            .rposition(|c| matches!(c, Container::Quote { started: true, .. }))
        else {
            return String::new();
        };
        let mut line = String::new();
        for container in &self.containers[..=last] {
            match container {
                Container::Item { indent, .. } => line.push_str(&spaces(*indent)),
                Container::Quote { .. } => line.push_str("> "),
                Container::List { .. } => {}
            }
        }
        line.trim_end().to_owned()
    }

    /// The prefix for the next output line; the first line of a block carries
    /// any pending list markers.
    fn prefix(&mut self, first: bool) -> String {
        let mut prefix = String::new();
        for i in 0..self.containers.len() {
            match self.containers[i] {
                Container::Item { pending: true, .. } if first => {
                    let marker = self.next_marker(i);
                    if let Container::Item {
                        pending, indent, ..
                    } = &mut self.containers[i]
                    {
                        *pending = false;
                        *indent = marker.len();
                    }
                    prefix.push_str(&marker);
                }
                Container::Item { indent, .. } => prefix.push_str(&spaces(indent)),
                Container::Quote {
                    ref mut started, ..
                } => {
                    *started = true;
                    prefix.push_str("> ");
                }
                Container::List { .. } => {}
            }
        }
        prefix
    }

    fn next_marker(&mut self, item: usize) -> String {
        match item.checked_sub(1).and_then(|l| self.containers.get_mut(l)) {
            Some(Container::List {
                ordered: true,
                count,
                ..
            }) => {
                *count += 1;
                format!("{count}. ")
            }
            Some(Container::List { count, .. }) => {
                *count += 1;
                "- ".to_owned()
            }
            _ => "- ".to_owned(),
        }
    }

    /// Content after orphan `<li>` elements is not part of their list.
    fn leave_implicit_list(&mut self) {
        if matches!(
            self.containers.last(),
            Some(Container::List { implicit: true, .. })
        ) {
            self.pop_container();
        }
    }

    fn push_item(&mut self) {
        let styles = self.styles.len();
        self.containers.push(Container::Item {
            pending: true,
            indent: 0,
            styles,
        });
    }

    fn open_list(&mut self, ordered: bool) {
        self.block_boundary();
        self.flush_label();
        self.leave_implicit_list();
        if self.containers.len() >= MAX_NESTING {
            self.ignored_lists += 1;
            return;
        }
        if matches!(self.containers.last(), Some(Container::List { .. })) {
            self.push_item();
        }
        let styles = self.styles.len();
        self.containers.push(Container::List {
            ordered,
            implicit: false,
            count: 0,
            styles,
        });
    }

    fn open_item(&mut self) {
        self.block_boundary();
        self.flush_label();
        if matches!(self.containers.last(), Some(Container::Item { .. })) {
            self.pop_container(); // the previous `<li>` was not closed
        }
        if self.containers.len() >= MAX_NESTING {
            return;
        }
        if !matches!(self.containers.last(), Some(Container::List { .. })) {
            let styles = self.styles.len();
            let list = Container::List {
                ordered: false,
                implicit: true,
                count: 0,
                styles,
            };
            self.containers.push(list);
        }
        self.push_item();
    }

    fn open_quote(&mut self) {
        self.block_boundary();
        self.flush_label();
        self.leave_implicit_list();
        if self.containers.len() >= MAX_NESTING {
            self.ignored_quotes += 1;
            return;
        }
        let styles = self.styles.len();
        self.containers.push(Container::Quote {
            started: false,
            styles,
        });
    }

    fn pop_container(&mut self) {
        if let Some(container) = self.containers.pop() {
            self.styles.truncate(container.styles());
        }
    }

    /// Pops up to and including the innermost `target` container, unless a
    /// `barrier` container comes first (a stray end tag is then ignored).
    fn pop_to(&mut self, target: fn(&Container) -> bool, barrier: fn(&Container) -> bool) {
        for i in (0..self.containers.len()).rev() {
            if target(&self.containers[i]) {
                while self.containers.len() > i {
                    self.pop_container();
                }
                return;
            }
            if barrier(&self.containers[i]) {
                return;
            }
        }
    }
}

/// Whether `s` ends with `c` that no backslash escapes.
fn ends_with_unescaped(s: &str, c: char) -> bool {
    s.strip_suffix(c)
        .is_some_and(|before| (before.len() - before.trim_end_matches('\\').len()) % 2 == 0)
}

/// Splits text at blank lines (a newline, optional spaces, another newline).
fn split_blank_lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let current = rest?;
        let mut search = 0;
        while let Some(nl) = current[search..].find('\n') {
            let after = search + nl + 1;
            let gap = current[after..].len() - current[after..].trim_start_matches(' ').len();
            if current[after + gap..].starts_with('\n') {
                rest = Some(&current[after + gap..]);
                return Some(&current[..after]);
            }
            search = after;
        }
        rest = None;
        Some(current)
    })
}

/// Lines of a verbatim block: surrounding blank lines dropped and the common
/// indentation removed. Text right after the opening tag has no indentation of
/// its own, so it is left out of the common-indent computation.
fn verbatim_lines(raw: &str) -> Vec<String> {
    let mut lines: Vec<&str> = raw.split('\n').map(str::trim_end).collect();
    let flush_with_tag = lines
        .first()
        .is_some_and(|l| !l.is_empty() && !l.starts_with(' '));
    let head = if flush_with_tag {
        Some(lines.remove(0))
    } else {
        None
    };
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let skip = lines.iter().take_while(|l| l.is_empty()).count();
    let body = &lines[if head.is_some() { 0 } else { skip }..];
    let indent = body
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| indent_of(l))
        .min()
        .unwrap_or(0);
    head.into_iter()
        .map(str::to_owned)
        .chain(
            body.iter()
                .map(|l| l.get(indent..).unwrap_or("").to_owned()),
        )
        .collect()
}

// ---------------------------------------------------------------------------
// CommonMark input
// ---------------------------------------------------------------------------

/// Beyond this depth, `>` is escaped instead of nesting another quote.
const MAX_QUOTE_DEPTH: usize = 8;

/// Keeps CommonMark structure but fences code, fixes links and escapes what
/// rustdoc would warn about.
fn markdown_lines(doc: &str) -> Vec<String> {
    let doc = strip_comments(doc);
    let lines: Vec<&str> = doc.split('\n').map(str::trim_end).collect();
    let indent = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| indent_of(l))
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect();
    let mut out = Vec::new();
    md_blocks(&lines, 0, &mut out);
    out
}

/// Drops complete HTML comments, invisible in CommonMark too. Done before
/// anything else so that block structure is judged on what remains.
fn strip_comments(doc: &str) -> Cow<'_, str> {
    if !doc.contains("<!--") {
        return Cow::Borrowed(doc);
    }
    let mut out = String::with_capacity(doc.len());
    let mut rest = doc;
    while let Some(start) = rest.find("<!--") {
        let Some(len) = rest[start + 4..].find("-->") else {
            break; // no later comment can close either
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + 4 + len + 3..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Walks block structure line by line, tracking list item content columns so
/// indented code is recognised relative to its list item.
fn md_blocks(lines: &[&str], depth: usize, out: &mut Vec<String>) {
    let mut lists: Vec<usize> = Vec::new();
    let mut prev_para = false;
    let mut empty_item = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim().is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            if std::mem::take(&mut empty_item) {
                lists.pop(); // an item cannot start with a blank line
            }
            prev_para = false;
            i += 1;
            continue;
        }
        let after_empty_item = std::mem::take(&mut empty_item);
        let indent = indent_of(line);
        let rest = &line[indent..];
        let open_base = lists.last().copied().unwrap_or(0);
        // As in CommonMark, only some list items may interrupt a paragraph; a
        // line left of the innermost item's content is a sibling, never inside it.
        let item = list_marker(rest).is_some()
            && (!prev_para || indent < open_base || can_interrupt_paragraph(rest));
        let lazy = prev_para && !(item || starts_non_list_block(rest));
        if !lazy {
            while lists.last().is_some_and(|&col| indent < col) {
                lists.pop();
            }
        }
        let base = lists.last().copied().unwrap_or(0);
        let next_blank = lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
        if lazy || indent >= base + 4 {
            if prev_para {
                // Paragraph continuation: indented as the paragraph so that the
                // output keeps the structure tracked here.
                out.push(spaces(base) + &md_text_line(&escape_block_start(rest), next_blank));
                i += 1;
            } else {
                i = md_indented_code(lines, i, base, out);
            }
            continue;
        }
        if let Some((ch, len)) = fence_open(rest) {
            i = md_fence(lines, i, base, (ch, len), out);
            prev_para = false;
        } else if rest.starts_with('>') {
            i = md_quote(lines, i, base, depth, out);
            prev_para = false;
        } else {
            let (markers, content) = if item {
                let absorbable = !after_empty_item && out.last().is_some_and(|l| !l.is_empty());
                if absorbable && indent >= open_base && !can_interrupt_paragraph(rest) {
                    // Make sure the previous line cannot absorb this item as
                    // paragraph text or a setext underline. (A blank line after
                    // an empty item would close that item instead.)
                    out.push(String::new());
                }
                take_list_markers(rest, indent, &mut lists)
            } else {
                (String::new(), rest)
            };
            let content = if markers.is_empty() {
                Cow::Borrowed(content)
            } else {
                guard_item_content(content)
            };
            out.push(spaces(indent) + &markers + &md_text_line(&content, next_blank));
            empty_item = !markers.is_empty() && content.is_empty();
            prev_para = !content.is_empty() && is_paragraph_text(&content);
            i += 1;
        }
    }
}

/// Whether a line continues as an open paragraph. Conservative: after
/// anything else (headings, breaks, possible tables) a less indented line
/// closes the list here, which at worst outdents later lines.
fn is_paragraph_text(content: &str) -> bool {
    !(content.is_empty()
        || is_atx_heading(content)
        || is_thematic_break(content)
        || content.contains('|')
        || content.bytes().all(|b| b == b'='))
}

/// A bullet or an item numbered 1, with content, may interrupt a paragraph.
fn can_interrupt_paragraph(rest: &str) -> bool {
    let Some(col) = list_marker(rest) else {
        return false;
    };
    let numbered = rest.starts_with(|c: char| c.is_ascii_digit());
    let has_content = !rest[col.min(rest.len())..].trim().is_empty();
    has_content && (!numbered || rest.starts_with("1.") || rest.starts_with("1)"))
}

/// Splits the list markers (`- `, `1. `, possibly nested as in `- - x`) off
/// the start of a line, recording each item's content column.
fn take_list_markers<'a>(
    mut rest: &'a str,
    mut column: usize,
    lists: &mut Vec<usize>,
) -> (String, &'a str) {
    let mut markers = String::new();
    while let Some(col) = list_marker(rest) {
        if lists.len() >= MAX_NESTING {
            break;
        }
        column += col;
        lists.push(column);
        let taken = col.min(rest.len()); // an empty item's column lies past its end
        markers.push_str(&rest[..taken]);
        // More than four spaces after a marker would make the content indented code.
        rest = rest[taken..].trim_start_matches(' ');
    }
    (markers, rest)
}

/// Escapes what would start a block once a continuation line loses its
/// indentation (`1)`, `-`, `#`, `>`, fences, `===` underlines).
fn escape_block_start(rest: &str) -> Cow<'_, str> {
    if list_marker(rest).is_some() || is_thematic_break(rest) {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        Cow::Owned(format!("{}\\{}", &rest[..digits], &rest[digits..]))
    } else if rest.starts_with(['#', '=']) {
        Cow::Owned(format!("\\{rest}"))
    } else {
        guard_item_content(rest)
    }
}

/// Escapes a fence or quote opening on a list marker's line: handling such
/// nested blocks is not worth it, and they could hide code rustdoc would test.
fn guard_item_content(content: &str) -> Cow<'_, str> {
    if let Some((ch, len)) = fence_open(content) {
        let escaped = format!("\\{}", char::from(ch)).repeat(len);
        Cow::Owned(escaped + &content[len..])
    } else if content.starts_with('>') {
        Cow::Owned(format!("\\{content}"))
    } else {
        Cow::Borrowed(content)
    }
}

/// A paragraph or item line with inline fixes; a trailing backslash at the end
/// of a paragraph would show literally, so it is doubled to say so explicitly.
fn md_text_line(rest: &str, paragraph_ends: bool) -> String {
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

fn md_indented_code(lines: &[&str], start: usize, base: usize, out: &mut Vec<String>) -> usize {
    let mut end = start;
    for (j, line) in lines.iter().enumerate().skip(start) {
        if line.trim().is_empty() {
            continue;
        }
        if indent_of(line) < base + 4 {
            break;
        }
        end = j + 1;
    }
    let content: Vec<&str> = lines[start..end]
        .iter()
        .map(|l| l.get(base + 4..).unwrap_or(""))
        .collect();
    push_fence(&content, base, out);
    end
}

fn md_fence(
    lines: &[&str],
    start: usize,
    base: usize,
    (ch, len): (u8, usize),
    out: &mut Vec<String>,
) -> usize {
    let opener_indent = indent_of(lines[start]);
    let mut content = Vec::new();
    let mut j = start + 1;
    while j < lines.len() {
        let line = lines[j];
        let body = line.trim();
        if indent_of(line) <= base + 3 && body.len() >= len && body.bytes().all(|b| b == ch) {
            push_fence(&content, base, out);
            return j + 1;
        }
        content.push(&line[indent_of(line).min(opener_indent)..]);
        j += 1;
    }
    push_fence(&content, base, out); // unclosed: close it at the end
    j
}

fn push_fence(content: &[&str], indent: usize, out: &mut Vec<String>) {
    let pad = spaces(indent);
    let fence = fence_for(content);
    out.push(format!("{pad}{fence}text"));
    for line in content {
        out.push(if line.is_empty() {
            String::new()
        } else {
            format!("{pad}{line}")
        });
    }
    out.push(pad + &fence);
}

/// Re-renders a run of `>` lines by processing the quoted text recursively.
fn md_quote(
    lines: &[&str],
    start: usize,
    base: usize,
    depth: usize,
    out: &mut Vec<String>,
) -> usize {
    let mut inner = Vec::new();
    let mut j = start;
    while let Some(line) = lines.get(j) {
        let indent = indent_of(line);
        let rest = &line[indent..];
        if indent > base + 3 || !rest.starts_with('>') {
            break;
        }
        let quoted = &rest[1..];
        inner.push(quoted.strip_prefix(' ').unwrap_or(quoted));
        j += 1;
    }
    let pad = spaces(base);
    if depth >= MAX_QUOTE_DEPTH {
        for line in inner {
            out.push(format!(
                "{pad}\\> {}",
                md_inline(line.trim_start(), false, true)
            ));
        }
        return j;
    }
    let mut quoted = Vec::new();
    md_blocks(&inner, depth + 1, &mut quoted);
    while quoted.last().is_some_and(|l| l.is_empty()) {
        quoted.pop();
    }
    if quoted.is_empty() {
        // An empty quote still occupies its line, as the structure tracked assumes.
        quoted.push(String::new());
    }
    for line in quoted {
        out.push(if line.is_empty() {
            format!("{pad}>")
        } else {
            format!("{pad}> {line}")
        });
    }
    j
}

fn starts_non_list_block(rest: &str) -> bool {
    is_atx_heading(rest)
        || fence_open(rest).is_some()
        || rest.starts_with('>')
        || is_thematic_break(rest)
}

fn is_atx_heading(rest: &str) -> bool {
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && matches!(rest.as_bytes().get(hashes), None | Some(b' '))
}

fn is_thematic_break(rest: &str) -> bool {
    let Some(ch) = rest.chars().next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    rest.chars().all(|c| c == ch || c == ' ') && rest.chars().filter(|&c| c == ch).count() >= 3
}

/// The fence character and length when `rest` opens a fenced code block.
fn fence_open(rest: &str) -> Option<(u8, usize)> {
    let ch = *rest
        .as_bytes()
        .first()
        .filter(|&&b| b == b'`' || b == b'~')?;
    let len = rest.bytes().take_while(|&b| b == ch).count();
    let info = &rest[len..];
    (len >= 3 && !(ch == b'`' && info.contains('`'))).then_some((ch, len))
}

/// The content offset of a list item starting `rest`, if it starts one.
fn list_marker(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let marker = match b.first()? {
        b'-' | b'+' | b'*' => 1,
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 9 || !matches!(b.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    if is_thematic_break(rest) {
        return None;
    }
    match b.get(marker) {
        None => Some(marker + 1),
        Some(b' ') => {
            let gap = b[marker..].iter().take_while(|&&c| c == b' ').count();
            let blank = marker + gap == b.len();
            Some(if blank || gap > 4 {
                marker + 1
            } else {
                marker + gap
            })
        }
        Some(_) => None,
    }
}

/// Inline fixes for CommonMark text: keeps code spans, escapes and absolute
/// links; escapes unmatched backticks, non-link brackets and `<` that is not an
/// autolink; wraps bare URLs.
fn md_inline(s: &str, nested: bool, wrap_urls: bool) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => match s[i + 1..].chars().next() {
                Some(c) if c.is_ascii_punctuation() => {
                    out.push('\\');
                    out.push(c);
                    i += 2;
                }
                // A literal backslash; doubled so it cannot escape markup we add after it.
                Some(_) => {
                    out.push_str("\\\\");
                    i += 1;
                }
                None => {
                    out.push('\\');
                    i += 1;
                }
            },
            b'`' => {
                let n = b[i..].iter().take_while(|&&c| c == b'`').count();
                match find_backtick_run(&b[i + n..], n) {
                    Some(close) => {
                        let end = i + n + close + n;
                        out.push_str(&s[i..end]);
                        i = end;
                    }
                    None => {
                        out.push_str(&"\\`".repeat(n));
                        i += n;
                    }
                }
            }
            b'<' => match autolink_len(&s[i..]) {
                Some(len) => {
                    out.push_str(&s[i..i + len]);
                    i += len;
                }
                None => {
                    out.push_str("&lt;");
                    i += 1;
                }
            },
            b'!' if !nested && b.get(i + 1) == Some(&b'[') => {
                // rustdoc checks image descriptions for bare URLs, unlike link text.
                out.push('!');
                i += 1;
                if let Some(link) = inline_link(&s[i..]).filter(|l| l.is_absolute()) {
                    out.push('[');
                    out.push_str(&md_inline(&s[i + 1..i + link.text_end], true, true));
                    out.push_str(&s[i + link.text_end..i + link.len]);
                    i += link.len;
                }
            }
            b'[' if !nested => match inline_link(&s[i..]) {
                Some(link) => {
                    let text = &s[i + 1..i + link.text_end];
                    if link.is_absolute() {
                        out.push('[');
                        out.push_str(&md_inline(text, true, false));
                        out.push_str(&s[i + link.text_end..i + link.len]);
                    } else {
                        // rustdoc would resolve the destination as an intra-doc link.
                        out.push_str(&md_inline(text, true, wrap_urls));
                    }
                    i += link.len;
                }
                None => {
                    out.push_str("\\[");
                    i += 1;
                }
            },
            b'[' | b']' => {
                out.push('\\');
                out.push(char::from(b[i]));
                i += 1;
            }
            b'h' if wrap_urls && url_len(&s[i..]).is_some() => {
                let len = url_len(&s[i..]).unwrap_or(0);
                out.push('<');
                out.push_str(&s[i..i + len]);
                out.push('>');
                i += len;
            }
            _ => {
                let c = s[i..].chars().next().unwrap_or(' ');
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn check(cases: &[(&str, &[&str])]) {
        for (input, expected) in cases {
            assert_eq!(to_rustdoc(input), *expected, "input: {input:?}");
        }
    }

    #[test]
    fn messages_show_as_written_on_one_line() {
        assert_eq!(
            inline_text("pattern `[z-a]` is not <valid>:\n*here*"),
            r"pattern \`\[z-a\]\` is not &lt;valid&gt;: \*here\*"
        );
        assert_eq!(super::inline_code("a`b\nc"), "``a`b c``");
        assert_eq!(super::inline_code("`x"), "`` `x ``");
    }

    #[test]
    fn nothing_to_say() {
        check(&[
            ("", &[]),
            ("   \n\t\n", &[]),
            ("<p></p>", &[]),
            ("<p> </p>\n<ul><li> </li></ul><note></note>", &[]),
            ("<!-- only a comment -->", &[]),
            (
                "Markdown <!-- with a comment --> stays",
                &["Markdown  stays"],
            ),
        ]);
    }

    #[test]
    fn paragraphs_collapse_whitespace() {
        check(&[
            (
                "<p>Line one\n         continues here.</p>\n         <p>Second.</p>",
                &["Line one continues here.", "", "Second."],
            ),
            ("<p> The <code>Job</code> ID. </p>", &["The `Job` ID."]),
            (
                "text <b>outside</b> paragraphs",
                &["text **outside** paragraphs"],
            ),
            ("<p>one\n\n   two</p>", &["one", "", "two"]),
            ("<p>a</p><div>b</div><para/>c", &["a", "", "b", "", "c"]),
        ]);
    }

    #[test]
    fn inline_styles() {
        check(&[
            (
                "<p>a <b>bold</b>, <strong>strong</strong>, <i>it</i>, <em>em</em>, <b><i>both</i></b></p>",
                &["a **bold**, **strong**, *it*, *em*, ***both***"],
            ),
            ("<b><b>twice</b></b> <i><i>nested</i></i>", &["**twice** *nested*"]),
            ("<b>a</b><b>b</b> <i>c</i><i>d</i> <i>e</i><b>f</b>", &["**ab** *cd* *e***f**"]),
            ("<p><b>a</b></p><p>abcde<b>y</b></p>", &["**a**", "", "abcde**y**"]),
            ("<p>x<b> </b>y <i></i>z</p>", &["x y z"]),
            // Spaces move outside the markers, which must touch their text.
            ("<b>x </b>y<i> z</i>", &["**x** y *z*"]),
            ("<b>a<i>b</b>c</i>", &["**a*b***c"]),
            ("<p><replaceable>name</replaceable> <u>u</u> <span>s</span></p>", &["*name* u s"]),
        ]);
    }

    #[test]
    fn inline_code() {
        check(&[
            (
                "<p>A <code>x &amp;&lt;y&gt;</code> and <code>multi\n   line</code> span.</p>",
                &["A `x &<y>` and `multi line` span."],
            ),
            (
                "<p>Use <code>a`b</code> and <code>`x</code>.</p>",
                &["Use ``a`b`` and `` `x ``."],
            ),
            ("<p>a <code></code> b <code> </code>c</p>", &["a b c"]),
            ("<p><code>a</code><code>b</code></p>", &["`a` `b`"]),
            ("<code><a>Link</a> <i>x</i></code>", &["`Link x`"]),
            ("<b><code>x</code></b>", &["**`x`**"]),
            // Block tags inside code are text, and their end tags too.
            (
                "<p><code>\"<p>Add</p>\"</code> x</p>",
                &["`\"<p>Add</p>\"` x"],
            ),
            // An unclosed <code> ends with its paragraph.
            (
                "<p>unclosed <code>code</p><p>next</p>",
                &["unclosed `code`", "", "next"],
            ),
            ("<code>tail", &["`tail`"]),
        ]);
    }

    #[test]
    fn code_blocks() {
        check(&[
            (
                "<p>Example:</p><p><code>{\n  \"a\": 1\n}</code></p><p>After.</p>",
                &[
                    "Example:",
                    "",
                    "```text",
                    "{",
                    "  \"a\": 1",
                    "}",
                    "```",
                    "",
                    "After.",
                ],
            ),
            (
                "<p><code>{ \"Effect\": \"Deny\",\n          \"Action\": \"x\" }</code></p>",
                &[
                    "```text",
                    "{ \"Effect\": \"Deny\",",
                    "\"Action\": \"x\" }",
                    "```",
                ],
            ),
            (
                "<pre>\n  fn main() {\n      body();\n  }\n</pre>",
                &["```text", "fn main() {", "    body();", "}", "```"],
            ),
            (
                "<pre>  indented\n    more\n</pre>",
                &["```text", "indented", "  more", "```"],
            ),
            (
                "<pre>```\ninside\n```</pre>",
                &["````text", "```", "inside", "```", "````"],
            ),
            (
                "<pre>a<br>b &lt;c&gt; <b>d</b> <p>e</p></pre>",
                &["```text", "a", "b <c> d <p>e</p>", "```"],
            ),
            ("<pre>\n\n</pre><pre/>", &[]),
            (
                "<pre>unclosed\n  pre",
                &["```text", "unclosed", "pre", "```"],
            ),
            (
                "<ul><li>x:<p><code>a\n  b</code></p></li></ul>",
                &["- x:", "", "  ```text", "  a", "  b", "  ```"],
            ),
        ]);
    }

    #[test]
    fn links() {
        check(&[
            (
                "<p>See <a href=\"https://example.com/x\">the docs</a>.</p>",
                &["See [the docs](https://example.com/x)."],
            ),
            (
                "<a href='https://x.com/a'>single</a> <a href=https://x.com/b>bare</a> <A HREF=\"HTTPS://X.COM/C\">upper</A>",
                &["[single](https://x.com/a) [bare](https://x.com/b) [upper](HTTPS://X.COM/C)"],
            ),
            (
                "<a href=\"/relative\">rel</a> <a>none</a> <a href>empty</a> <a href=\"mailto:a@b.c\">mail</a>",
                &["rel none empty mail"],
            ),
            ("<a href=\"https://x.com\"></a>", &["<https://x.com>"]),
            ("<a href=\"https://x.com/a(b) c\">p</a>", &["[p](https://x.com/a%28b%29%20c)"]),
            ("<a href=\"https://x.com/?a=1&amp;b=2\">q</a>", &["[q](https://x.com/?a=1&b=2)"]),
            ("<a href=\"https://x.com\"><code>Api</code></a>", &["[`Api`](https://x.com)"]),
            (
                "see <a href=\"https://x.com\">\n <code>Api</code>\n</a>. <b>x </b>, <i>y</i> .",
                &["see [`Api`](https://x.com). **x**, *y* ."],
            ),
            // Link text keeps its URL as is: nested links are not allowed.
            ("<a href=\"https://x.com\">https://x.com</a>", &["[https://x.com](https://x.com)"]),
            ("<a href=\"https://a.com\">a <a href=\"https://b.com\">b</a></a>", &["[a b](https://a.com)"]),
            ("Bang!<a href=\"https://x.com\">x</a>", &["Bang\\![x](https://x.com)"]),
            ("<p><a href=\"https://x.com\">unclosed</p><p>after</p>", &["[unclosed](https://x.com)", "", "after"]),
        ]);
    }

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

    #[test]
    fn lists() {
        check(&[
            (
                "<p>Starts a <code>Job</code>.</p><ul><li><p><b>Note</b> see <a href=\"https://e.com\">link</a></p></li></ul>",
                &["Starts a `Job`.", "", "- **Note** see [link](https://e.com)"],
            ),
            (
                "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul><p>after</p>",
                &["- a", "  - b", "    - c", "- d", "", "after"],
            ),
            (
                "<ol><li>one</li><li>two<ol><li>inner</li></ol></li></ol>",
                &["1. one", "2. two", "   1. inner"],
            ),
            (
                "<ol><li><p>first</p><p>second para</p></li><li>x</li></ol>",
                &["1. first", "", "   second para", "2. x"],
            ),
            (
                "<ul>\n  <li>\n    <p>a</p>\n  </li>\n  <li>b</li>\n</ul>",
                &["- a", "- b"],
            ),
            ("<ul><li><ul><li>x</li></ul></li></ul>", &["- - x"]),
            ("<ul>text in list<li>item</li></ul>", &["- text in list", "- item"]),
            // Unclosed and orphan items.
            ("<ul><li>one<li>two</ul>after", &["- one", "- two", "", "after"]),
            ("<li>a</li><li>b</li><p>para</p>", &["- a", "- b", "", "para"]),
            ("<ul><li>a</li></ul></ul></li>b", &["- a", "", "b"]),
            ("<ul><li><b>unclosed bold</li><li>plain</li></ul>", &["- **unclosed bold**", "- plain"]),
        ]);
    }

    #[test]
    fn numbering_widens_the_indent() {
        let items: String = (1..=10).map(|n| format!("<li>{n}</li>")).collect();
        let html = format!("<ol>{items}<li>x<ul><li>y</li></ul></li></ol>");
        let lines = to_rustdoc(&html);
        assert_eq!(lines[9], "10. 10");
        assert_eq!(lines[10..], ["11. x", "    - y"]);
    }

    #[test]
    fn callouts_headings_definitions() {
        check(&[
            (
                "<note><p>First.</p><p>Second.</p></note><important>Direct</important>",
                &[
                    "**Note:** First.",
                    "",
                    "Second.",
                    "",
                    "**Important:** Direct",
                ],
            ),
            (
                "<note><ul><li>a</li></ul></note>",
                &["**Note:**", "", "- a"],
            ),
            (
                "<ul><li><note><p>in item</p></note></li></ul>",
                &["- **Note:** in item"],
            ),
            (
                "<important><pre>x\ny</pre></important>",
                &["**Important:**", "", "```text", "x", "y", "```"],
            ),
            (
                "<h1>Title <i>it</i></h1><h6>Small</h6><fullname>Service</fullname><p>Body</p>",
                &[
                    "**Title *it***",
                    "",
                    "**Small**",
                    "",
                    "**Service**",
                    "",
                    "Body",
                ],
            ),
            (
                "<dl><dt>Term</dt><dd><p>Def</p></dd><dt>Two</dt><dd>Def2</dd></dl>",
                &["**Term**", "", "Def", "", "**Two**", "", "Def2"],
            ),
            ("<dl><dt>Unclosed<dd>def</dl>", &["**Unclosed**", "", "def"]),
        ]);
    }

    #[test]
    fn breaks_tables_quotes_examples() {
        check(&[
            ("<p>a<br>b<br/>c<br></br></p>", &["a\\", "b\\", "c"]),
            ("<ul><li>a<br>b</li></ul>", &["- a\\", "  b"]),
            ("<p>a<br>- b</p>", &["a\\", "\\- b"]),
            (
                "<table><tr><th>H1</th><th>H2</th></tr><tr><td>a</td><td>b</td></tr></table>",
                &["H1 \\| H2", "", "a \\| b"],
            ),
            ("<blockquote><p>Quoted</p><p>two</p></blockquote>", &["> Quoted", ">", "> two"]),
            (
                "<ul><li><blockquote><p>q1</p><p>q2</p></blockquote></li></ul>",
                &["- > q1", "  >", "  > q2"],
            ),
            (
                "<examples><example><name>Ex 1</name><description>Desc.</description><request>POST / HTTP/1.1\n\n{}</request></example></examples>",
                &["**Ex 1**", "", "Desc.", "", "```text", "POST / HTTP/1.1", "", "{}", "```"],
            ),
            // Outside an example, these names are placeholders.
            ("<p>Use <name> and <request></p>", &["Use &lt;name&gt; and &lt;request&gt;"]),
        ]);
    }

    #[test]
    fn malformed_html() {
        check(&[
            (
                "<p>Unclosed <b>bold and <i>italic",
                &["Unclosed **bold and *italic***"],
            ),
            (
                "</p></p>stray</li></ul></b></code></pre></note> end",
                &["stray", "", "end"],
            ),
            ("text <", &["text &lt;"]),
            ("<p>tail <a href=\"", &["tail &lt;a href=\""]),
            (
                "a < b > c <<< <a <b>x</b> <3 </ >",
                &["a &lt; b &gt; c &lt;&lt;&lt; &lt;a **x** &lt;3 &lt;/ &gt;"],
            ),
            (
                "<P CLASS=x>Upper</P><B>bold</B><CODE>code</CODE>",
                &["Upper", "", "**bold**`code`"],
            ),
            ("<p a=1 b='2' c=\"3\" d e = 4>attrs</p>", &["attrs"]),
            (
                "<p>comment <!-- hidden <b>x</b> --> shown</p>",
                &["comment shown"],
            ),
            ("<p>before <!-- unclosed <b>x</b>", &["before"]),
            (
                "<script>var x = \"<p>\";</script><style>p{}</style>visible",
                &["visible"],
            ),
            ("<p>a<p>b", &["a", "", "b"]),
            (
                "<b><p>bold para</p><p>second</p></b>",
                &["**bold para**", "", "**second**"],
            ),
            ("<p><b>bold</p><p>plain</p>", &["**bold**", "", "plain"]),
        ]);
    }

    #[test]
    fn input_normalization() {
        check(&[
            ("<p>a\r\nb\rc</p>", &["a b c"]),
            ("<p>x\u{7}y\u{96}z</p>", &["x y z"]),
            ("line\u{0}one\r\nline two", &["line one", "line two"]),
            ("<pre>\na\tb</pre>", &["```text", "a   b", "```"]),
        ]);
    }

    #[test]
    fn markdown_keeps_structure() {
        check(&[
            (
                "Values:\n\n1. A success\n2. An error.\n\nImplementations must cope.",
                &[
                    "Values:",
                    "",
                    "1. A success",
                    "2. An error.",
                    "",
                    "Implementations must cope.",
                ],
            ),
            (
                "Options:\n  - a\n  - b\n    continued",
                &["Options:", "  - a", "  - b", "    continued"],
            ),
            (
                "# Title\n\n*em* **strong** `code`",
                &["# Title", "", "*em* **strong** `code`"],
            ),
            (
                "    Common indent\n    is removed.",
                &["Common indent", "is removed."],
            ),
            ("> quoted [x]\n> more", &["> quoted \\[x\\]", "> more"]),
            ("text\n    continuation", &["text", "continuation"]),
            ("a\n\n\n\nb", &["a", "", "b"]),
        ]);
    }

    #[test]
    fn markdown_code_becomes_text_fences() {
        check(&[
            (
                "Example:\n\n    let x = 1;\n\n    let y = 2;\n\nDone.",
                &[
                    "Example:",
                    "",
                    "```text",
                    "let x = 1;",
                    "",
                    "let y = 2;",
                    "```",
                    "",
                    "Done.",
                ],
            ),
            (
                "```\nfn main() {}\n```",
                &["```text", "fn main() {}", "```"],
            ),
            (
                "```rust\nlet x = 1;\n```",
                &["```text", "let x = 1;", "```"],
            ),
            (
                "~~~json\n{\"a\": 1}\n~~~",
                &["```text", "{\"a\": 1}", "```"],
            ),
            (
                "````\n```\nnested\n```\n````",
                &["````text", "```", "nested", "```", "````"],
            ),
            ("```\nnever closed", &["```text", "never closed", "```"]),
            (
                "- item\n\n      code in item",
                &["- item", "", "  ```text", "  code in item", "  ```"],
            ),
            (
                "# Heading\n    code after heading",
                &["# Heading", "```text", "code after heading", "```"],
            ),
            ("- ```\n  x", &["- \\`\\`\\`", "  x"]),
        ]);
    }

    #[test]
    fn markdown_is_made_safe() {
        check(&[
            (
                "Text with [brackets], a <placeholder> and https://example.com/a.",
                &["Text with \\[brackets\\], a &lt;placeholder> and <https://example.com/a>."],
            ),
            (
                "See [docs](https://e.com/d) or [Foo](crate::Foo) or [ref] or ![i](https://e.com/i.png).",
                &["See [docs](https://e.com/d) or Foo or \\[ref\\] or ![i](https://e.com/i.png)."],
            ),
            ("Use `code [x]` and ``a ` b`` and a lone ` tick.", &["Use `code [x]` and ``a ` b`` and a lone \\` tick."]),
            (
                "Autolink <https://e.com> <mailto:a@b.c> <arn:aws:x>.",
                &["Autolink <https://e.com> <mailto:a@b.c> &lt;arn:aws:x>."],
            ),
            ("Escaped \\[x\\] \\<y> \\\\ and C:\\path", &["Escaped \\[x\\] \\<y> \\\\ and C:\\\\path"]),
            ("Hard\\\nbreak and trailing\\", &["Hard\\", "break and trailing\\\\"]),
            ("| a | b |\n|---|---|\n| `x|y` | [r] |", &["| a | b |", "|---|---|", "| \\`x|y\\` | \\[r\\] |"]),
            ("[see https://e.com](https://e.com)", &["[see https://e.com](https://e.com)"]),
            ("![see https://e.com](https://e.com/i.png)", &["![see <https://e.com>](https://e.com/i.png)"]),
        ]);
    }

    #[test]
    fn markdown_lists_follow_commonmark() {
        check(&[
            // Only items numbered 1 may interrupt a paragraph.
            ("text\n2. not a list", &["text", "2\\. not a list"]),
            // An empty item closed by a blank line does not hold what follows.
            ("-\n\n    code", &["-", "", "```text", "code", "```"]),
            // `-` under a table-like line gets a blank line so it stays an item.
            ("a|b\n-\n     word", &["a|b", "", "-", "     word"]),
            ("-      wide gap", &["- wide gap"]),
            ("1. a\n2. b\n   - c", &["1. a", "2. b", "   - c"]),
            // An empty quote keeps the empty item from being closed by the blank line.
            ("*\n   >\n\n    + x", &["*", "  >", "", "    + x"]),
            // A comment renders as nothing: the item is empty, the blank closes it.
            (
                "1)  <!-- c -->\n\n    indented",
                &["1)", "", "```text", "indented", "```"],
            ),
            (
                "- <!-- c -->~~~\n<!-- c --> -  x",
                &["- \\~\\~\\~", " -  x"],
            ),
            ("a <!-- multi\nline --> b <!-- open", &["a  b &lt;!-- open"]),
        ]);
    }

    #[test]
    fn protocol_test_style_docs() {
        check(&[(
            "The example tests how requests and responses are serialized when there's\nno request or response payload.",
            &[
                "The example tests how requests and responses are serialized when there's",
                "no request or response payload.",
            ],
        )]);
    }

    /// Deterministic pseudo-random documents built from fragments that have
    /// broken earlier versions; every output must satisfy the invariants.
    #[test]
    fn random_documents_keep_invariants() {
        const FRAGMENTS: &[&str] = &[
            "<p>",
            "</p>",
            "<ul>",
            "</ul>",
            "<ol>",
            "<li>",
            "</li>",
            "<b>",
            "</b>",
            "<i>",
            "<code>",
            "</code>",
            "<pre>",
            "</pre>",
            "<a href=\"https://x.com/a_b\">",
            "<a>",
            "</a>",
            "<note>",
            "</note>",
            "<dl>",
            "<dt>",
            "<dd>",
            "<br>",
            "<h3>",
            "</h3>",
            "<blockquote>",
            "</blockquote>",
            "<td>",
            "<!--",
            "-->",
            "<",
            ">",
            "&lt;",
            "&amp;",
            "&#96;",
            "`",
            "```",
            "~~~",
            "[",
            "]",
            "[x](y)",
            "[x](https://a.b)",
            "![i](https://i.png)",
            "(",
            ")",
            "*",
            "_",
            "#",
            "- ",
            "1. ",
            "2) ",
            "> ",
            "|",
            "\\",
            "\n",
            "\n\n",
            "    ",
            "\t",
            " ",
            "https://example.com/x",
            "word",
            "<region>",
            "\u{a0}",
            "\r",
            "\u{7}",
            "---",
            "===",
            "-",
            "<https://a.b>",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let len = next() % 40;
            let doc: String = (0..len)
                .map(|_| FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize])
                .collect();
            let doc = if next() % 3 == 0 {
                doc.replace(['<', '>'], " ")
            } else {
                doc
            };
            assert_invariants(&doc, &to_rustdoc(&doc));
        }
    }

    fn assert_invariants(doc: &str, lines: &[String]) {
        let context = format!("input {doc:?} gave {lines:#?}");
        assert!(lines.first().is_none_or(|l| !l.is_empty()), "{context}");
        assert!(lines.last().is_none_or(|l| !l.is_empty()), "{context}");
        let mut fence: Option<String> = None;
        let mut previous_blank = false;
        for line in lines {
            assert!(!line.contains(|c: char| c.is_control()), "{context}");
            assert_eq!(line.trim_end(), line, "{context}");
            let body = block_body(line);
            match &fence {
                Some(f) if body == f => fence = None,
                Some(_) => continue,
                None if body.starts_with("~~~") => panic!("tilde fence: {context}"),
                // A backtick line is a fence unless its info string has a backtick.
                None if body.starts_with("```") && !body.trim_start_matches('`').contains('`') => {
                    let ticks: String = body.chars().take_while(|&c| c == '`').collect();
                    assert_eq!(
                        body,
                        format!("{ticks}text"),
                        "fence without `text`: {context}"
                    );
                    fence = Some(ticks);
                }
                None => {}
            }
            assert!(
                !(previous_blank && line.is_empty()),
                "double blank: {context}"
            );
            previous_blank = line.is_empty();
        }
        assert!(fence.is_none(), "unclosed fence: {context}");
    }

    #[test]
    fn hostile_inputs_stay_fast_and_bounded() {
        let big = |unit: &str| unit.repeat(200_000 / unit.len());
        for unit in [
            "<ul><li>",
            "<b>",
            "<blockquote>",
            "<code>a</p>",
            "[",
            "`` `",
            "<a x=\"",
            "&#",
            "> ",
            "- ",
        ] {
            let doc = big(unit);
            let lines = to_rustdoc(&doc);
            let longest = lines.iter().map(String::len).max().unwrap_or(0);
            assert!(
                longest < 4 * doc.len() + 1000,
                "output blew up for {unit:?}"
            );
            let prefix = lines
                .iter()
                .map(|l| l.len() - l.trim_start().len())
                .max()
                .unwrap_or(0);
            assert!(prefix < 200, "unbounded indentation for {unit:?}");
        }
    }
}
