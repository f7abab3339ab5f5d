//! Input clean-up before either converter runs: one line ending, tabs expanded and control
//! characters gone, so the converters can count indentation in spaces and never pass a
//! control character on to a rustdoc attribute.

/// Unifies line endings, expands tabs (so indentation can be counted in spaces)
/// and replaces control characters, which rustdoc attributes should not carry.
pub(super) fn normalize_input(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut column = 0;
    let mut chars = doc.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let width = 4 - column % 4;
                out.extend(std::iter::repeat_n(' ', width));
                column += width;
            }
            c if c.is_control() => {
                out.push(' ');
                column += 1;
            }
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::docs::tests::check;

    #[test]
    fn input_normalization() {
        check(&[
            ("<p>a\r\nb\rc</p>", &["a b c"]),
            ("<p>x\u{7}y\u{96}z</p>", &["x y z"]),
            ("line\u{0}one\r\nline two", &["line one", "line two"]),
            ("<pre>\na\tb</pre>", &["```text", "a   b", "```"]),
        ]);
    }
}
