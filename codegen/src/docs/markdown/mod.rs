//! CommonMark documentation made safe for rustdoc while keeping its structure: block
//! structure is walked line by line (`blocks`, recognising block starts with `syntax`),
//! code blocks become `text` fences (`code_blocks`), and each line of text gets inline
//! fixes (`inline`): links, brackets, backticks and `<`.

mod blocks;
mod code_blocks;
mod inline;
mod syntax;

#[cfg(test)]
mod tests;

use crate::docs::text::indent_of;
use std::borrow::Cow;

/// Keeps CommonMark structure but fences code, fixes links and escapes what
/// rustdoc would warn about.
pub(super) fn sanitize(doc: &str) -> Vec<String> {
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
    blocks::md_blocks(&lines, 0, &mut out);
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
