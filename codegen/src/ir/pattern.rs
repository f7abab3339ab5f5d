//! `@pattern` values: ECMA-262 regular expressions, turned at generation time into what the
//! generated crate compiles at run time.
//!
//! Two engines, chosen per pattern:
//! - the `regex` crate, whose automata match in linear time whatever the input (so a
//!   hostile value such as `0000…!` against `^([0-9]+)+$` cannot hang a caller), for every
//!   pattern it can express. The pattern is translated so that it means exactly what it
//!   means in ECMA-262 with the `u` flag: `\d`, `\w`, `\s`, `\b` and `.` keep their ECMA
//!   (ASCII, resp. ECMA white space and line terminator) sets rather than Rust's Unicode ones;
//! - `regress`, an ECMA-262 backtracking engine, for lookaround and back-references, which
//!   no automaton can express.
//!
//! AWS models were checked by Java's `java.util.regex`, so some of their patterns use Java
//! spellings that ECMA's `u` mode rejects. Those whose Java meaning is unambiguous are
//! accepted with that meaning: escaped punctuation (`\_`, `\:`) and a lone `]` or `}` are
//! literals, `-` next to a class escape in a class is a literal, `\x{h…}` is a code point,
//! `\A`/`\z` anchor the input, POSIX classes (`\p{Alnum}`, `\p{XDigit}`, …) are ASCII sets,
//! and inline flags (`(?i)`, `(?s)`, `(?m)`) keep their meaning. Anything else the engines
//! cannot take (possessive quantifiers, unknown escapes, syntax errors) is a generation
//! error naming the shape. The versions are pinned, so what compiled here compiles in the
//! generated crate.

use std::fmt::Write;

/// The `regex` crate version the generated crate depends on (exactly).
pub const REGEX_VERSION: &str = "=1.13.2";
/// The `regress` crate version the generated crate depends on (exactly).
pub const REGRESS_VERSION: &str = "=0.12.0";

/// A pattern ready for the generated crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The pattern as the model writes it; error messages quote it.
    pub source: String,
    /// The engine and the text it compiles.
    pub engine: PatternEngine,
}

/// Which engine matches a pattern, with the text given to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternEngine {
    /// `regex::Regex::new(text)`: linear time.
    Linear(String),
    /// `regress::Regex::with_flags(text, "u")`: ECMA-262 backtracking.
    Backtracking(String),
}

/// Prepares a model pattern, or says why it cannot be used.
pub fn prepare(source: &str) -> Result<Pattern, String> {
    let translated = Translator::new(source, false).run()?;
    let backtracking = |why: &str| {
        // The ECMA engine takes its own shorthands (`\S`, `\d`…), exact as they are.
        let text = Translator::new(source, true).run()?.text;
        match regress::Regex::with_flags(&text, "u") {
            Ok(_) => Ok(PatternEngine::Backtracking(text)),
            Err(e) => Err(format!("pattern `{source}` {why}, and the ECMA-262 engine rejects it: {e}")),
        }
    };
    let engine = if translated.needs_backtracking {
        backtracking("uses lookaround or back-references")?
    } else {
        match regex::Regex::new(&translated.text) {
            Ok(_) => PatternEngine::Linear(translated.text.clone()),
            // Long counted repetitions of large Unicode classes (`[\p{L}…]{0,1024}`) exceed
            // the automaton's size limit; a backtracking loop over one class is still fast.
            Err(regex::Error::CompiledTooBig(_)) => backtracking("is too large for a linear-time automaton")?,
            Err(e) => return Err(format!("pattern `{source}` is not supported: {}", first_line(&e.to_string()))),
        }
    };
    Ok(Pattern { source: source.to_owned(), engine })
}

fn first_line(text: &str) -> String {
    text.lines().rfind(|l| !l.trim().is_empty()).unwrap_or(text).trim().to_owned()
}

struct Translated {
    text: String,
    needs_backtracking: bool,
}

/// A class that matches nothing: what a lone surrogate code unit (in Java patterns written
/// for UTF-16) matches in a Rust string, which never contains one.
const NOTHING: &str = r"[^\u{0}-\u{10FFFF}]";

/// ECMA-262 `\s`: WhiteSpace and LineTerminator.
const ECMA_SPACE: &str = r"\t\n\u{B}\u{C}\r \u{A0}\u{1680}\u{2000}-\u{200A}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{FEFF}";
/// ECMA-262 `\w` (without the `i` flag's extra case folding).
const ECMA_WORD: &str = "0-9A-Za-z_";
/// What ECMA `.` does not match without the `s` flag.
const LINE_TERMINATORS: &str = r"\n\r\u{2028}\u{2029}";

/// A single pass over the pattern, writing `regex` syntax.
struct Translator<'a> {
    source: &'a str,
    chars: Vec<char>,
    at: usize,
    out: String,
    needs_backtracking: bool,
    /// Whether `.` matches line terminators here (`s` flag), per open group.
    dot_all: Vec<bool>,
    /// Set by an escape that denotes a lone surrogate code unit instead of a character.
    surrogate: Option<u32>,
    /// Writing for the ECMA engine, which takes ECMA shorthands as they are.
    ecma: bool,
}

impl<'a> Translator<'a> {
    fn new(source: &'a str, ecma: bool) -> Self {
        Self {
            source,
            chars: source.chars().collect(),
            at: 0,
            out: String::new(),
            needs_backtracking: false,
            dot_all: vec![false],
            surrogate: None,
            ecma,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.at + offset).copied()
    }

    fn fail<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("pattern `{}` is not supported: {what} (at character {})", self.source, self.at))
    }

    fn run(mut self) -> Result<Translated, String> {
        while let Some(c) = self.peek() {
            self.at += 1;
            match c {
                '\\' => self.escape_outside()?,
                '[' => self.class()?,
                '(' => self.group()?,
                ')' => {
                    if self.dot_all.len() > 1 {
                        self.dot_all.pop();
                    }
                    self.out.push(')');
                }
                '.' => {
                    if self.dot_all.last().copied().unwrap_or(false) {
                        self.out.push_str(r"[\u{0}-\u{10FFFF}]");
                    } else {
                        let _ = write!(self.out, "[^{LINE_TERMINATORS}]");
                    }
                }
                '*' | '+' | '?' => {
                    self.out.push(c);
                    self.quantifier_suffix()?;
                    self.nothing_to_repeat()?;
                }
                '{' => match self.braces_quantifier() {
                    Some(text) => {
                        // Java's possessive `{n}+` repeats exactly n times, like `{n}`.
                        if !text.contains(',') && self.peek() == Some('+') {
                            self.at += 1;
                        }
                        self.out.push_str(&text);
                        self.quantifier_suffix()?;
                        self.nothing_to_repeat()?;
                    }
                    None => self.out.push_str(r"\{"),
                },
                '}' => self.out.push_str(r"\}"),
                ']' => self.out.push_str(r"\]"),
                '^' | '$' | '|' => self.out.push(c),
                c => self.literal(c),
            }
        }
        Ok(Translated { text: self.out, needs_backtracking: self.needs_backtracking })
    }

    /// After a quantifier: `?` makes it lazy; Java's possessive `+` has no equivalent.
    fn quantifier_suffix(&mut self) -> Result<(), String> {
        match self.peek() {
            Some('?') => {
                self.at += 1;
                self.out.push('?');
                Ok(())
            }
            Some('+') => self.fail("possessive quantifier (a Java extension)"),
            _ => Ok(()),
        }
    }

    /// ECMA refuses a quantifier right after another (`a**`), where `regex` would accept it.
    fn nothing_to_repeat(&mut self) -> Result<(), String> {
        let saved = self.at;
        let quantified = match self.peek() {
            Some('*' | '+' | '?') => true,
            Some('{') => {
                self.at += 1;
                self.braces_quantifier().is_some()
            }
            _ => false,
        };
        self.at = saved;
        if quantified {
            self.fail("a quantifier follows a quantifier")
        } else {
            Ok(())
        }
    }

    /// `{n}`, `{n,}` or `{n,m}` starting after the `{`, else `None` (a literal brace).
    fn braces_quantifier(&mut self) -> Option<String> {
        let rest: String = self.chars.get(self.at..)?.iter().take_while(|&&c| c != '}').collect();
        let close = self.at + rest.chars().count();
        if self.chars.get(close) != Some(&'}') {
            return None;
        }
        let (low, high) = rest.split_once(',').map_or((rest.as_str(), None), |(l, h)| (l, Some(h)));
        let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if !number(low) || high.is_some_and(|h| !h.is_empty() && !number(h)) {
            return None;
        }
        self.at = close + 1;
        Some(format!("{{{rest}}}"))
    }

    fn literal(&mut self, c: char) {
        if c.is_alphanumeric() || c == ' ' || c == '_' || (c.is_ascii_graphic() && !r"\.+*?()|[]{}^$#&-~".contains(c)) {
            self.out.push(c);
        } else {
            let _ = write!(self.out, r"\u{{{:X}}}", c as u32);
        }
    }

    fn group(&mut self) -> Result<(), String> {
        let inherited = self.dot_all.last().copied().unwrap_or(false);
        if self.peek() != Some('?') {
            // Groups keep capturing, for back-references.
            self.dot_all.push(inherited);
            self.out.push('(');
            return Ok(());
        }
        match (self.peek_at(1), self.peek_at(2)) {
            (Some('='), _) | (Some('!'), _) | (Some('<'), Some('=')) | (Some('<'), Some('!')) => {
                self.needs_backtracking = true;
                self.dot_all.push(inherited);
                self.out.push('(');
                Ok(())
            }
            (Some(':'), _) => {
                self.at += 2;
                self.dot_all.push(inherited);
                self.out.push_str("(?:");
                Ok(())
            }
            (Some('<'), _) => {
                // A named group: both syntaxes write it `(?<name>`.
                let name_end = self.chars.get(self.at..).and_then(|rest| rest.iter().position(|&c| c == '>'));
                let Some(end) = name_end else { return self.fail("unterminated group name") };
                let name: String = self.chars.get(self.at..self.at + end + 1).unwrap_or_default().iter().collect();
                self.at += end + 1;
                self.dot_all.push(inherited);
                self.out.push('(');
                self.out.push_str(&name);
                Ok(())
            }
            _ => self.inline_flags(inherited),
        }
    }

    /// `(?flags)` or `(?flags:…)` with flags among `i`, `m`, `s` (Java, and ES2025 modifiers).
    fn inline_flags(&mut self, inherited: bool) -> Result<(), String> {
        self.at += 1;
        let mut text = String::new();
        let mut negate = false;
        let mut dot_all = inherited;
        loop {
            match self.peek() {
                Some(c @ ('i' | 'm' | 's')) => {
                    if c == 's' {
                        dot_all = !negate;
                    }
                    text.push(c);
                }
                Some('-') if !negate => {
                    negate = true;
                    text.push('-');
                }
                Some(')') => {
                    self.at += 1;
                    // Applies to the rest of the enclosing group.
                    if let Some(current) = self.dot_all.last_mut() {
                        *current = dot_all;
                    }
                    let _ = write!(self.out, "(?{text})");
                    return Ok(());
                }
                Some(':') => {
                    self.at += 1;
                    self.dot_all.push(dot_all);
                    let _ = write!(self.out, "(?{text}:");
                    return Ok(());
                }
                _ => return self.fail("unknown group syntax or inline flag"),
            }
            self.at += 1;
        }
    }

    fn escape_outside(&mut self) -> Result<(), String> {
        let Some(c) = self.peek() else { return self.fail("pattern ends with a backslash") };
        self.at += 1;
        match c {
            'd' | 'D' | 'w' | 'W' | 's' | 'S' if self.ecma => {
                self.out.push('\\');
                self.out.push(c);
            }
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => {
                let (set, negated) = shorthand(c);
                let caret = if negated { "^" } else { "" };
                let _ = write!(self.out, "[{caret}{set}]");
            }
            'b' | 'B' => {
                // Rust's `\b` is Unicode-aware; ECMA's is ASCII: let the ECMA engine decide.
                self.needs_backtracking = true;
                let _ = write!(self.out, "\\{c}");
            }
            '1'..='9' | 'k' => {
                self.needs_backtracking = true;
                self.out.push('\\');
                self.out.push(c);
            }
            'A' => self.out.push('^'),
            'z' => self.out.push('$'),
            'p' | 'P' => {
                let class = self.property(c == 'P')?;
                self.out.push_str(&class);
            }
            _ => {
                let code = self.char_escape(c)?;
                if self.surrogate.take().is_some() {
                    self.out.push_str(NOTHING);
                } else {
                    self.literal(code);
                }
            }
        }
        Ok(())
    }

    /// The code point of a character escape (`\n`, `\x41`, `\u{1F600}`, `\.` …).
    fn char_escape(&mut self, c: char) -> Result<char, String> {
        let code = match c {
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            'v' => '\u{B}',
            'f' => '\u{C}',
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => '\0',
            'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.at += 1;
                    char::from((l as u8) % 32)
                }
                _ => return self.fail("`\\c` without a letter"),
            },
            'x' => self.hex_escape()?,
            'u' => self.unicode_escape()?,
            c if c.is_ascii_punctuation() || c == ' ' => c,
            _ => return self.fail(&format!("unknown escape `\\{c}`")),
        };
        Ok(code)
    }

    fn hex_digits(&mut self, count: usize) -> Option<u32> {
        let text: String = self.chars.get(self.at..self.at + count)?.iter().collect();
        let value = u32::from_str_radix(&text, 16).ok()?;
        self.at += count;
        Some(value)
    }

    fn braced_hex(&mut self) -> Option<char> {
        let rest = self.chars.get(self.at + 1..)?;
        let end = rest.iter().position(|&c| c == '}')?;
        let text: String = rest.get(..end)?.iter().collect();
        let value = char::from_u32(u32::from_str_radix(&text, 16).ok()?)?;
        self.at += end + 2;
        Some(value)
    }

    fn hex_escape(&mut self) -> Result<char, String> {
        let value = if self.peek() == Some('{') { self.braced_hex() } else { self.hex_digits(2).and_then(char::from_u32) };
        value.map_or_else(|| self.fail("malformed `\\x` escape"), Ok)
    }

    fn unicode_escape(&mut self) -> Result<char, String> {
        if self.peek() == Some('{') {
            return self.braced_hex().map_or_else(|| self.fail("malformed `\\u{…}` escape"), Ok);
        }
        let Some(high) = self.hex_digits(4) else { return self.fail("malformed `\\u` escape") };
        // A surrogate pair written as two escapes is one code point.
        if (0xD800..0xDC00).contains(&high) && self.peek() == Some('\\') && self.peek_at(1) == Some('u') {
            let saved = self.at;
            self.at += 2;
            if let Some(low @ 0xDC00..=0xDFFF) = self.hex_digits(4) {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                if let Some(c) = char::from_u32(code) {
                    return Ok(c);
                }
            }
            self.at = saved;
        }
        match char::from_u32(high) {
            Some(c) => Ok(c),
            None => {
                self.surrogate = Some(high);
                Ok('\0')
            }
        }
    }

    /// `\p{…}` / `\P{…}` as a complete class.
    fn property(&mut self, negated: bool) -> Result<String, String> {
        if self.peek() != Some('{') {
            return self.fail("`\\p` without `{`");
        }
        let rest = self.chars.get(self.at + 1..).unwrap_or_default();
        let Some(end) = rest.iter().position(|&c| c == '}') else { return self.fail("unterminated `\\p{`") };
        let name: String = rest.get(..end).unwrap_or_default().iter().collect();
        self.at += end + 2;
        let caret = if negated { "^" } else { "" };
        Ok(match java_posix_class(&name) {
            Some(set) => format!("[{caret}{set}]"),
            None => {
                let name = name.strip_prefix("Is").filter(|n| !n.is_empty()).unwrap_or(&name);
                let letter = if negated { 'P' } else { 'p' };
                format!("\\{letter}{{{name}}}")
            }
        })
    }

    /// A character class, from after its `[` to its `]`.
    fn class(&mut self) -> Result<(), String> {
        let negated = self.peek() == Some('^');
        if negated {
            self.at += 1;
        }
        if self.peek() == Some(']') {
            // ECMA: `[]` matches nothing and `[^]` anything.
            self.at += 1;
            self.out.push_str(if negated { r"[\u{0}-\u{10FFFF}]" } else { r"[^\u{0}-\u{10FFFF}]" });
            return Ok(());
        }
        let mut items = String::new();
        // The previous item, when it is a single code point that may start a range; a
        // surrogate one was not written, since no Rust string contains it.
        let mut previous: Option<u32> = None;
        loop {
            let Some(c) = self.peek() else { return self.fail("unterminated character class") };
            self.at += 1;
            match c {
                ']' => break,
                '-' if previous.is_some() && self.peek().is_some_and(|n| n != ']') => {
                    let Some(start) = previous.take() else { continue };
                    let end = match self.class_atom()? {
                        ClassAtom::Char(end) => u32::from(end),
                        ClassAtom::Surrogate(end) => end,
                        ClassAtom::Set(set) => {
                            // Java and Annex B: `a-\d` is `a`, `-` and the set.
                            items.push_str(&class_char('-'));
                            items.push_str(&set);
                            continue;
                        }
                    };
                    if end < start {
                        return self.fail("character range out of order");
                    }
                    // The part of the range outside the surrogates, if any.
                    let low = if is_surrogate(start) { 0xE000 } else { start };
                    let high = if is_surrogate(end) { 0xD7FF } else { end };
                    let (Some(low_char), Some(high_char)) = (char::from_u32(low), char::from_u32(high)) else { continue };
                    if low > high {
                        continue;
                    }
                    if !is_surrogate(start) {
                        // `start` was already written as a single character.
                        let _ = write!(items, "-{}", class_char(high_char));
                    } else {
                        let _ = write!(items, "{}-{}", class_char(low_char), class_char(high_char));
                    }
                }
                _ => {
                    self.at -= 1;
                    match self.class_atom()? {
                        ClassAtom::Char(ch) => {
                            items.push_str(&class_char(ch));
                            previous = Some(u32::from(ch));
                        }
                        ClassAtom::Surrogate(unit) => previous = Some(unit),
                        ClassAtom::Set(set) => {
                            items.push_str(&set);
                            previous = None;
                        }
                    }
                }
            }
        }
        if items.is_empty() {
            // Only surrogates: nothing (or, negated, anything) a Rust string holds.
            self.out.push_str(if negated { r"[\u{0}-\u{10FFFF}]" } else { NOTHING });
            return Ok(());
        }
        let caret = if negated { "^" } else { "" };
        let _ = write!(self.out, "[{caret}{items}]");
        Ok(())
    }

    fn class_atom(&mut self) -> Result<ClassAtom, String> {
        let Some(c) = self.peek() else { return self.fail("unterminated character class") };
        self.at += 1;
        if c != '\\' {
            return Ok(ClassAtom::Char(c));
        }
        let Some(e) = self.peek() else { return self.fail("pattern ends with a backslash") };
        self.at += 1;
        Ok(match e {
            'd' | 'D' | 'w' | 'W' | 's' | 'S' if self.ecma => ClassAtom::Set(format!("\\{e}")),
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => {
                let (set, negated) = shorthand(e);
                ClassAtom::Set(if negated { format!("[^{set}]") } else { set.to_owned() })
            }
            'p' | 'P' => ClassAtom::Set(self.property(e == 'P')?),
            'b' => ClassAtom::Char('\u{8}'),
            '-' => ClassAtom::Char('-'),
            _ => {
                let c = self.char_escape(e)?;
                match self.surrogate.take() {
                    Some(unit) => ClassAtom::Surrogate(unit),
                    None => ClassAtom::Char(c),
                }
            }
        })
    }
}

enum ClassAtom {
    Char(char),
    /// A lone surrogate code unit.
    Surrogate(u32),
    /// Class syntax to put inside `[…]` as is.
    Set(String),
}

fn is_surrogate(code: u32) -> bool {
    (0xD800..=0xDFFF).contains(&code)
}

/// A character inside a `regex` class, escaped when it could mean anything else.
fn class_char(c: char) -> String {
    if c.is_alphanumeric() {
        c.to_string()
    } else {
        format!(r"\u{{{:X}}}", c as u32)
    }
}

/// The set of an ECMA shorthand escape, and whether it is negated.
fn shorthand(c: char) -> (&'static str, bool) {
    match c {
        'd' => ("0-9", false),
        'D' => ("0-9", true),
        'w' => (ECMA_WORD, false),
        'W' => (ECMA_WORD, true),
        's' => (ECMA_SPACE, false),
        _ => (ECMA_SPACE, true),
    }
}

/// Java's POSIX classes, which are ASCII-only by default.
fn java_posix_class(name: &str) -> Option<&'static str> {
    Some(match name {
        "Alnum" => "0-9A-Za-z",
        "Alpha" => "A-Za-z",
        "Digit" => "0-9",
        "XDigit" => "0-9A-Fa-f",
        "Lower" => "a-z",
        "Upper" => "A-Z",
        "Punct" => r"\u{21}-\u{2F}\u{3A}-\u{40}\u{5B}-\u{60}\u{7B}-\u{7E}",
        "Graph" => r"\u{21}-\u{7E}",
        "Print" => r"\u{20}-\u{7E}",
        "Blank" => r" \t",
        "Space" => r"\t\n\u{B}\u{C}\r ",
        "Cntrl" => r"\u{0}-\u{1F}\u{7F}",
        "all" => r"\u{0}-\u{10FFFF}",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linear(pattern: &str) -> regex::Regex {
        match prepare(pattern).unwrap().engine {
            PatternEngine::Linear(text) => regex::Regex::new(&text).unwrap(),
            PatternEngine::Backtracking(_) => panic!("{pattern} should be linear"),
        }
    }

    #[test]
    fn shorthands_keep_their_ecma_ascii_meaning() {
        assert!(!linear(r"^\d+$").is_match("٣"));
        assert!(linear(r"^\d+$").is_match("123"));
        assert!(!linear(r"^\w+$").is_match("é"));
        assert!(linear(r"^\s$").is_match("\u{FEFF}"));
        assert!(!linear(r"^.$").is_match("\u{2028}"));
        assert!(linear(r"^\p{ASCII}{1,3}$").is_match("a~"));
        assert!(!linear(r"^\p{ASCII}+$").is_match("é"));
        assert!(linear(r"^[\p{L}\p{N}]+$").is_match("日本3"));
    }

    #[test]
    fn nested_quantifiers_get_the_linear_engine_and_stay_fast() {
        // The ReDoS case of the protocol tests: exponential for a backtracking engine.
        let evil = linear(r"^([0-9]+)+$");
        assert!(!evil.is_match(&format!("{}!", "0".repeat(10_000))));
        assert!(evil.is_match(&"0".repeat(10_000)));
    }

    #[test]
    fn patterns_are_not_anchored() {
        assert!(linear(r"\w+").is_match("!hello!"));
        assert!(!linear(r"^\w+$").is_match("!hello!"));
    }

    #[test]
    fn java_spellings_keep_their_java_meaning() {
        assert!(linear(r"^[a-zA-Z0-9\-\_\.]+$").is_match("a_b-c.d"));
        assert!(linear(r"^arn\:aws$").is_match("arn:aws"));
        assert!(linear(r"^[\w-\/.]+$").is_match("a-/."));
        assert!(linear(r"^\p{XDigit}{2}$").is_match("aF"));
        assert!(!linear(r"^\p{Alnum}$").is_match("é"));
        assert!(linear(r"^\A[a-z]+\z$").is_match("abc"));
        assert!(linear(r"^(?i)(true|false)$").is_match("TRUE"));
        assert!(linear(r"^\{x}$").is_match("{x}"));
        assert!(linear(r"^[\x{0022}]$").is_match("\""));
    }

    #[test]
    fn lone_surrogates_of_java_patterns_match_nothing() {
        let xml = linear(r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\t\r\n]*$");
        assert!(xml.is_match("tab\tand é and \u{FFFD}"));
        // Java matches code points too: a supplementary character is not in that class.
        assert!(!xml.is_match("😀"));
        assert!(!xml.is_match("\u{1}"));
        assert!(!linear(r"^a\uD800$").is_match("a"));
        assert!(linear(r"^\d{2}+$").is_match("12"), "a possessive fixed count is a fixed count");
    }

    #[test]
    fn lookaround_and_back_references_use_the_ecma_engine() {
        for pattern in [r"^(?!aws:).*$", r"(?<=a)b", r"^(a)\1$", r"\bword\b"] {
            assert!(matches!(prepare(pattern).unwrap().engine, PatternEngine::Backtracking(_)), "{pattern}");
        }
    }

    #[test]
    fn unusable_patterns_are_errors_that_quote_them() {
        for pattern in [r"^[0-9A-Z]?+$", r"[z-a]", r"(unclosed", r"\q", r"a**"] {
            let error = prepare(pattern).unwrap_err();
            assert!(error.contains(pattern), "{error}");
        }
    }
}
