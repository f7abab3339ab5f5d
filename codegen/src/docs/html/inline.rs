//! Text and inline markup of the HTML converter: words escaped into the paragraph being
//! built, and bold, emphasis and links as Markdown markers. Markers are written lazily,
//! right before content, so empty or misnested elements leave no stray `**` behind.

use super::tokenizer::{attr_value, Tag};
use super::{Html, Kind};
use crate::docs::code::code_span;
use crate::docs::entities::decode_entities;
use crate::docs::escape::escape_word;
use crate::docs::url::{is_http_url, link_destination};
use crate::docs::MAX_NESTING;

/// Punctuation that attaches to the preceding word.
const CLOSING_PUNCTUATION: [char; 7] = ['.', ',', ';', ':', '!', '?', ')'];

/// An open inline element. Markers are written lazily, right before the first
/// content, so empty elements vanish and no marker is followed by a space.
#[derive(Debug)]
pub(super) struct Style {
    pub(super) kind: Kind,
    url: Option<String>,
    /// False for elements with no effect (nested bold, `<a>` without a usable href).
    active: bool,
    pub(super) opened: bool,
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

    pub(super) fn close_marker(&self) -> String {
        match (&self.kind, &self.url) {
            (Kind::Link, Some(url)) => format!("]({url})"),
            (Kind::Emphasis, _) => "*".to_owned(),
            _ => "**".to_owned(),
        }
    }
}

impl Html<'_> {
    pub(super) fn text(&mut self, raw: &str) {
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
    pub(super) fn inline(&mut self, markdown: &str) {
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

    pub(super) fn push_style(&mut self, kind: Kind, url: Option<String>) {
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

    /// Opens an `<a>`: a link when its `href` is an absolute `http(s)` URL, else only its
    /// text remains.
    pub(super) fn open_link(&mut self, tag: &Tag) {
        let url = attr_value(tag.attrs, "href")
            .filter(|u| is_http_url(u.trim()))
            .map(|u| link_destination(&u));
        self.push_style(Kind::Link, url);
    }

    pub(super) fn close_style(&mut self, kind: Kind) {
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

    pub(super) fn finish_code(&mut self, text: &str) {
        let content = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
        if !content.is_empty() {
            // Adjacent spans would merge their backtick runs.
            if self.para.ends_with('`') {
                self.pending_space = true;
            }
            self.inline(&code_span(&content));
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
