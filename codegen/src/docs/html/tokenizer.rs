//! Splits HTML into text and tags. Only syntax is checked here (whether a tag is markup is
//! `classify`'s call), and leniently: a `<` that does not start a well-formed tag within
//! a bounded length stays in the text, as do placeholders such as `<account-id>`.

use crate::docs::entities::decode_entities;
use crate::docs::MAX_TAG_LEN;

/// A piece of HTML source.
#[derive(Debug)]
pub(super) enum Token<'a> {
    Text(&'a str),
    Tag(Tag<'a>),
}

/// A start or end tag.
#[derive(Debug)]
pub(super) struct Tag<'a> {
    /// As written; [`classify`](super::classify::classify) decides whether it is markup.
    pub(super) name: &'a str,
    pub(super) close: bool,
    pub(super) self_closing: bool,
    pub(super) attrs: &'a str,
    /// The whole tag, re-emitted as text when it is not markup (`<region>`).
    pub(super) raw: &'a str,
}

/// Splits `s` into text and syntactically valid tags. Comments are dropped; a
/// `<` that does not start a tag stays in the text.
pub(super) fn tokenize(s: &str) -> Vec<Token<'_>> {
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
pub(super) fn attr_value(attrs: &str, want: &str) -> Option<String> {
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
