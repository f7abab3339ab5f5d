//! Block structure of CommonMark input, walked line by line: list items and their content
//! columns (so indented code is recognised relative to its item), paragraphs and their
//! lazy continuations, and quotes, processed recursively. What the output would read
//! differently once re-indented is escaped.

use super::code_blocks::{md_fence, md_indented_code};
use super::inline::{md_inline, md_text_line};
use super::syntax::{
    can_interrupt_paragraph, fence_open, is_atx_heading, is_thematic_break, list_marker,
    starts_non_list_block,
};
use crate::docs::text::{indent_of, spaces};
use crate::docs::MAX_NESTING;
use std::borrow::Cow;

/// Beyond this depth, `>` is escaped instead of nesting another quote.
const MAX_QUOTE_DEPTH: usize = 8;

/// Walks block structure line by line, tracking list item content columns so
/// indented code is recognised relative to its list item.
pub(super) fn md_blocks(lines: &[&str], depth: usize, out: &mut Vec<String>) {
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
