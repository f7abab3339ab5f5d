//! Turns Smithy `documentation` trait values into rustdoc Markdown.
//!
//! AWS models write documentation as HTML while Smithy specifies CommonMark, so
//! both are accepted: a value containing a known HTML tag is converted from HTML,
//! anything else is treated as CommonMark and only made safe. The output must
//! keep rustdoc quiet under `rustdoc::all` and must never create doctests, so
//! every code block becomes a `text` fence, text brackets and stray `<` are
//! escaped, and bare URLs become autolinks.
//!
//! One step of the pipeline per submodule: `normalize` cleans the input, `html`
//! (tokenizer and converter) or `markdown` (sanitiser) writes the lines, and `tidy`
//! settles blank lines. Both converters share the pieces that decide what text means
//! in Markdown: `entities` (HTML character references), `escape` (text shown as
//! written), `url` (bare URLs and link destinations), `code` (code spans and fences)
//! and `text` (bounded scans, indentation).

mod code;
mod entities;
mod escape;
mod html;
mod markdown;
mod normalize;
mod text;
mod tidy;
mod url;

#[cfg(test)]
mod tests;

/// Converts a Smithy `documentation` trait value (HTML or CommonMark) to rustdoc Markdown.
/// Returns lines (without trailing newlines); empty when there is nothing to say.
pub fn to_rustdoc(doc: &str) -> Vec<String> {
    let doc = normalize::normalize_input(doc);
    let lines = html::convert(&doc).unwrap_or_else(|| markdown::sanitize(&doc));
    tidy::tidy(lines)
}

/// Plain text (a message, not documentation) as rustdoc Markdown on one line that shows it
/// as written: Markdown punctuation, brackets and `<` are escaped, so it cannot start a link,
/// emphasis or HTML.
pub fn inline_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape::escape_word(&one_line(text), false, false, &mut out);
    out
}

/// Text as an inline code span on one line, whatever backticks it holds.
pub fn inline_code(text: &str) -> String {
    code::code_span(&one_line(text))
}

/// The text with line breaks, tabs and other control characters as spaces: a doc line must
/// stay one line.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Bounds nesting (lists, quotes, inline styles) so hostile input cannot blow up
/// the output quadratically through ever deeper indentation.
const MAX_NESTING: usize = 32;

/// Longest tag we try to parse; a `<` without a nearby `>` is plain text.
const MAX_TAG_LEN: usize = 2048;
