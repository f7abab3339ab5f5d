//! Output tidying after either converter ran: whitespace and blank lines settled once
//! for both, so the converters may be generous with blank lines. Fence-aware, since a
//! code block's blank lines are content.

/// Trims trailing whitespace, collapses blank-line runs outside fences and drops
/// leading and trailing blank lines.
pub(super) fn tidy(lines: Vec<String>) -> Vec<String> {
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
pub(super) fn block_body(line: &str) -> &str {
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
