//! Tokens of a JMESPath expression, as the specification's grammar spells them.

use serde_json::Value;

/// One token, with the byte offset where it starts (error messages point at it).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Token {
    pub kind: Kind,
    pub at: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Kind {
    /// `foo`
    Identifier(String),
    /// `"foo"`: an identifier written as a JSON string.
    QuotedIdentifier(String),
    /// `` `json` `` or `'raw string'`.
    Literal(Value),
    /// `-12`, inside brackets.
    Number(i64),
    Dot,
    Star,
    /// `[]`
    Flatten,
    /// `[?`
    Filter,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    LeftParen,
    RightParen,
    Comma,
    Colon,
    Pipe,
    Or,
    And,
    Not,
    /// `&`: an expression reference.
    Ampersand,
    /// `@`
    Current,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    End,
}

/// Splits `text` into tokens, ending with [`Kind::End`].
pub(super) fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(at, c)) = chars.peek() {
        let simple = |kind| Some(Token { kind, at });
        let token = match c {
            ' ' | '\t' | '\n' | '\r' => {
                chars.next();
                None
            }
            'a'..='z' | 'A'..='Z' | '_' => {
                let mut name = String::new();
                while let Some(&(_, c)) = chars.peek() {
                    if !(c.is_ascii_alphanumeric() || c == '_') {
                        break;
                    }
                    name.push(c);
                    chars.next();
                }
                simple(Kind::Identifier(name))
            }
            '0'..='9' | '-' => {
                chars.next();
                let mut digits = String::from(c);
                while let Some(&(_, d)) = chars.peek().filter(|(_, d)| d.is_ascii_digit()) {
                    digits.push(d);
                    chars.next();
                }
                let number =
                    digits.parse().map_err(|_| format!("`{digits}` at {at} is not a number JMESPath takes"))?;
                simple(Kind::Number(number))
            }
            '"' => {
                chars.next();
                let body = delimited(&mut chars, '"', at)?;
                let name: String = serde_json::from_str(&format!("\"{body}\""))
                    .map_err(|e| format!("the quoted identifier at {at} is not a JSON string: {e}"))?;
                simple(Kind::QuotedIdentifier(name))
            }
            '\'' => {
                chars.next();
                // In a raw string only `\'` is an escape; every other backslash stays.
                let body = delimited(&mut chars, '\'', at)?.replace("\\'", "'");
                simple(Kind::Literal(Value::String(body)))
            }
            '`' => {
                chars.next();
                let body = delimited(&mut chars, '`', at)?.replace("\\`", "`");
                simple(Kind::Literal(literal(&body, at)?))
            }
            _ => {
                chars.next();
                let next = chars.peek().map(|&(_, c)| c);
                let mut two = |kind| {
                    chars.next();
                    Some(Token { kind, at })
                };
                match (c, next) {
                    ('[', Some(']')) => two(Kind::Flatten),
                    ('[', Some('?')) => two(Kind::Filter),
                    ('|', Some('|')) => two(Kind::Or),
                    ('&', Some('&')) => two(Kind::And),
                    ('!', Some('=')) => two(Kind::NotEqual),
                    ('=', Some('=')) => two(Kind::Equal),
                    ('<', Some('=')) => two(Kind::LessOrEqual),
                    ('>', Some('=')) => two(Kind::GreaterOrEqual),
                    ('.', _) => simple(Kind::Dot),
                    ('*', _) => simple(Kind::Star),
                    ('[', _) => simple(Kind::LeftBracket),
                    (']', _) => simple(Kind::RightBracket),
                    ('{', _) => simple(Kind::LeftBrace),
                    ('}', _) => simple(Kind::RightBrace),
                    ('(', _) => simple(Kind::LeftParen),
                    (')', _) => simple(Kind::RightParen),
                    (',', _) => simple(Kind::Comma),
                    (':', _) => simple(Kind::Colon),
                    ('|', _) => simple(Kind::Pipe),
                    ('&', _) => simple(Kind::Ampersand),
                    ('!', _) => simple(Kind::Not),
                    ('@', _) => simple(Kind::Current),
                    ('<', _) => simple(Kind::Less),
                    ('>', _) => simple(Kind::Greater),
                    _ => return Err(format!("unexpected `{c}` at {at}")),
                }
            }
        };
        tokens.extend(token);
    }
    tokens.push(Token { kind: Kind::End, at: text.len() });
    Ok(tokens)
}

/// The text up to the closing `end` (not included), which a backslash escapes.
fn delimited(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    end: char,
    at: usize,
) -> Result<String, String> {
    let mut body = String::new();
    while let Some((_, c)) = chars.next() {
        if c == end {
            return Ok(body);
        }
        body.push(c);
        if c == '\\' {
            let (_, escaped) = chars.next().ok_or_else(|| format!("unclosed `{end}` opened at {at}"))?;
            body.push(escaped);
        }
    }
    Err(format!("unclosed `{end}` opened at {at}"))
}

/// A `` `literal` ``'s JSON. The reference implementation (and so botocore) still reads a
/// literal that is not JSON as a string of its text, as the specification once allowed.
fn literal(body: &str, at: usize) -> Result<Value, String> {
    serde_json::from_str(body)
        .or_else(|_| serde_json::from_str(&format!("\"{}\"", body.trim_start())))
        .map_err(|e| format!("the literal at {at} is not JSON: {e}"))
}
