//! What starts a CommonMark block, judged from one line without its indentation: list
//! markers, fences, ATX headings and thematic breaks, and which of them may interrupt a
//! paragraph.

/// A bullet or an item numbered 1, with content, may interrupt a paragraph.
pub(super) fn can_interrupt_paragraph(rest: &str) -> bool {
    let Some(col) = list_marker(rest) else {
        return false;
    };
    let numbered = rest.starts_with(|c: char| c.is_ascii_digit());
    let has_content = !rest[col.min(rest.len())..].trim().is_empty();
    has_content && (!numbered || rest.starts_with("1.") || rest.starts_with("1)"))
}

/// Whether `rest` starts a block other than a list item.
pub(super) fn starts_non_list_block(rest: &str) -> bool {
    is_atx_heading(rest)
        || fence_open(rest).is_some()
        || rest.starts_with('>')
        || is_thematic_break(rest)
}

/// Whether `rest` is an ATX heading (`#` to `######`, then a space or nothing).
pub(super) fn is_atx_heading(rest: &str) -> bool {
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && matches!(rest.as_bytes().get(hashes), None | Some(b' '))
}

/// Whether `rest` is a thematic break: three or more `-`, `*` or `_`, spaces between.
pub(super) fn is_thematic_break(rest: &str) -> bool {
    let Some(ch) = rest.chars().next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    rest.chars().all(|c| c == ch || c == ' ') && rest.chars().filter(|&c| c == ch).count() >= 3
}

/// The fence character and length when `rest` opens a fenced code block.
pub(super) fn fence_open(rest: &str) -> Option<(u8, usize)> {
    let ch = *rest
        .as_bytes()
        .first()
        .filter(|&&b| b == b'`' || b == b'~')?;
    let len = rest.bytes().take_while(|&b| b == ch).count();
    let info = &rest[len..];
    (len >= 3 && !(ch == b'`' && info.contains('`'))).then_some((ch, len))
}

/// The content offset of a list item starting `rest`, if it starts one.
pub(super) fn list_marker(rest: &str) -> Option<usize> {
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
