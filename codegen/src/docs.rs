//! TEMPORARY stub until the HTML converter lands.

/// Converts documentation to rustdoc lines.
pub fn to_rustdoc(doc: &str) -> Vec<String> {
    let text: String = doc.chars().filter(|c| !matches!(c, '<' | '>' | '[' | ']' | '`')).collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() { Vec::new() } else { vec![text] }
}
