//! HTML documentation, as AWS models write it, converted to Markdown: a state machine over
//! the tokens of `tokenizer`, with one mode per kind of content (text, inline code,
//! verbatim blocks, hidden elements). `classify` says what a tag means, `inline` writes
//! text and inline styles, `blocks` paragraphs, lists, quotes and fences.
//!
//! HTML in models is often malformed, so nothing here fails: unclosed elements end with
//! their container, stray end tags are ignored and nesting is bounded.

mod blocks;
mod classify;
mod inline;
mod tokenizer;

#[cfg(test)]
mod tests;

use crate::docs::entities::decode_entities;
use crate::docs::MAX_NESTING;
use blocks::Container;
use classify::{classify, Kind};
use inline::Style;
use tokenizer::{tokenize, Tag, Token};

/// How far ahead a `<code>` looks for its `</code>` when deciding whether it is a block.
const CODE_LOOKAHEAD: usize = 4096;

/// The lines of `doc` converted from HTML, or `None` when no tag in it is HTML markup:
/// it is then CommonMark.
pub(super) fn convert(doc: &str) -> Option<Vec<String>> {
    let tokens = tokenize(doc);
    let is_html = tokens
        .iter()
        .any(|t| matches!(t, Token::Tag(tag) if classify(tag.name, false).is_some()));
    is_html.then(|| Html::new(&tokens).run())
}

/// How the next token is read: as ordinary content, or inside an element whose content
/// is read differently.
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

/// The converter: the tokens, the output so far and the open containers and styles.
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
            Kind::Code if !tag.self_closing => self.open_code(i),
            Kind::Break => self.pending_break = true,
            Kind::Cell => {
                if !self.para.is_empty() {
                    self.pending_space = true;
                    self.inline("\\|");
                    self.pending_space = true;
                }
            }
            Kind::Strong | Kind::Emphasis => self.push_style(kind, None),
            Kind::Link => self.open_link(tag),
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
            Kind::List { .. } => self.close_list(),
            Kind::Item => self.close_item(),
            Kind::Callout(_) => {
                self.block_boundary();
                self.label = None;
            }
            Kind::Quote => self.close_quote(),
            Kind::Strong | Kind::Emphasis | Kind::Link => self.close_style(kind),
            Kind::Pre
            | Kind::Code
            | Kind::Hidden
            | Kind::Break
            | Kind::Cell
            | Kind::Transparent => {}
        }
    }

    /// Starts a `<code>`: a `text` fence when it is a block, else an inline code span.
    fn open_code(&mut self, i: usize) {
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
}
