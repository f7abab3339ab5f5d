//! Code blocks of CommonMark input, indented or fenced, rewritten as `text` fences: rustdoc
//! would otherwise compile and run them as doctests, or highlight them as Rust.

use crate::docs::code::fence_for;
use crate::docs::text::{indent_of, spaces};

/// Fences the indented code block starting at `lines[start]`; returns the index after it.
pub(super) fn md_indented_code(lines: &[&str], start: usize, base: usize, out: &mut Vec<String>) -> usize {
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

/// Re-fences the fenced block opened at `lines[start]` by `len` times `ch`; returns the
/// index after its closing fence.
pub(super) fn md_fence(
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

/// Writes `content` as a `text` fence indented by `indent`.
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
