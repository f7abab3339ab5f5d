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
//! and inline flags (`(?i)`, `(?s)`, `(?m)`) keep their meaning up to the end of their group.
//! Three rewrites give Java constructs their exact meaning:
//! - `(?i)` is ASCII-only in Java, while both engines fold case the Unicode way (`ſ` ~ `s`),
//!   so it is spelled out: `a` becomes `[aA]`, a class gains the other case of its ASCII
//!   letters (see `ascii_case`);
//! - a quantified lookaround (also ECMA Annex B) is the assertion when the minimum is at
//!   least 1, and nothing at all when it is 0;
//! - a possessive quantifier `X*+` is the atomic group `(?>X*)`, which ECMA writes
//!   `(?=(X*))\N`; back-references are renumbered for the groups this adds.
//!
//! Anything else the engines cannot take (unknown escapes, syntax errors, case-insensitive
//! back-references) is a generation error naming the shape. The versions are pinned, so
//! what compiled here compiles in the generated crate.

mod ascii_case;

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
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
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

/// Flags and origin of an open group.
#[derive(Clone, Copy)]
struct Group {
    /// Where the group starts in the output.
    start: usize,
    /// `.` matches line terminators (`s` flag).
    dot_all: bool,
    /// ASCII letters match in both cases (Java's `i` flag).
    ignore_case: bool,
    lookaround: bool,
}

impl Group {
    /// The whole pattern, with no flag set.
    const PATTERN: Group = Group { start: 0, dot_all: false, ignore_case: false, lookaround: false };
}

/// The last thing written that a quantifier may repeat.
#[derive(Clone, Copy)]
struct Atom {
    start: usize,
    lookaround: bool,
}

/// A back-reference whose number is written once every group is known, since rewriting a
/// possessive quantifier inserts capturing groups that renumber the ones after them.
struct BackRef {
    /// Where its digits go in the output.
    at: usize,
    target: Capture,
}

enum Capture {
    /// The group the model numbers so (from 1).
    Original(usize),
    /// An index into `Translator::captures`.
    Id(usize),
}

/// A single pass over the pattern, writing `regex` syntax.
struct Translator<'a> {
    source: &'a str,
    chars: Vec<char>,
    at: usize,
    out: String,
    needs_backtracking: bool,
    /// The open groups, the whole pattern first.
    groups: Vec<Group>,
    last_atom: Option<Atom>,
    /// Output position of the `(` of every capturing group, the model's and those added.
    captures: Vec<usize>,
    /// Index in `captures` of the model's groups, in the model's numbering.
    original_captures: Vec<usize>,
    backrefs: Vec<BackRef>,
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
            groups: vec![Group::PATTERN],
            last_atom: None,
            captures: Vec::new(),
            original_captures: Vec::new(),
            backrefs: Vec::new(),
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

    /// The innermost open group.
    fn group(&self) -> Group {
        self.groups.last().copied().unwrap_or(Group::PATTERN)
    }

    fn run(mut self) -> Result<Translated, String> {
        while let Some(c) = self.peek() {
            self.at += 1;
            let start = self.out.len();
            let mut atom = Some(Atom { start, lookaround: false });
            match c {
                '\\' => self.escape_outside()?,
                '[' => self.class()?,
                '(' => {
                    self.open_group()?;
                    atom = None;
                }
                ')' => atom = self.close_group(),
                '.' => {
                    if self.group().dot_all {
                        self.out.push_str(r"[\u{0}-\u{10FFFF}]");
                    } else {
                        let _ = write!(self.out, "[^{LINE_TERMINATORS}]");
                    }
                }
                '*' | '+' | '?' => {
                    self.quantifier(&c.to_string())?;
                    atom = None;
                }
                '{' => match self.braces_quantifier() {
                    Some(text) => {
                        self.quantifier(&text)?;
                        atom = None;
                    }
                    None => self.out.push_str(r"\{"),
                },
                '}' => self.out.push_str(r"\}"),
                ']' => self.out.push_str(r"\]"),
                '^' | '$' | '|' => {
                    self.out.push(c);
                    atom = None;
                }
                c => self.literal(c),
            }
            self.last_atom = atom;
        }
        self.number_back_references()?;
        Ok(Translated { text: self.out, needs_backtracking: self.needs_backtracking })
    }

    /// A quantifier (`text`) and its suffix: `?` makes it lazy, `+` possessive (Java).
    fn quantifier(&mut self, text: &str) -> Result<(), String> {
        let suffix = self.peek().filter(|&c| c == '?' || c == '+');
        if suffix.is_some() {
            self.at += 1;
        }
        match (self.last_atom.take(), suffix) {
            // An assertion is atomic: how it is repeated is all that counts.
            (Some(atom), _) if atom.lookaround => self.quantified_lookaround(atom.start, text)?,
            // `{n}+` repeats exactly n times, like `{n}`.
            (_, Some('+')) if !text.contains(',') && text.starts_with('{') => self.out.push_str(text),
            (Some(atom), Some('+')) => self.possessive(atom.start, text),
            (None, Some('+')) => return self.fail("possessive quantifier with nothing to repeat"),
            (_, Some(_)) => {
                self.out.push_str(text);
                self.out.push('?');
            }
            (_, None) => self.out.push_str(text),
        }
        self.nothing_to_repeat()
    }

    /// Java and ECMA Annex B: an assertion repeated at least once is the assertion itself,
    /// and one that may be repeated zero times always succeeds, so it goes.
    fn quantified_lookaround(&mut self, start: usize, quantifier: &str) -> Result<(), String> {
        if !may_repeat_zero_times(quantifier) {
            return Ok(());
        }
        if self.captures.iter().any(|&at| at >= start) {
            return self.fail("an optional lookaround holds a capturing group");
        }
        self.out.truncate(start);
        self.backrefs.retain(|b| b.at < start);
        Ok(())
    }

    /// Java's possessive `X?+` is the atomic group `(?>X?)`: once matched, never given back.
    /// ECMA writes it `(?=(X?))\N`: a lookahead is atomic, and the back-reference consumes
    /// exactly what it captured.
    fn possessive(&mut self, start: usize, quantifier: &str) {
        const OPEN: &str = "(?=(";
        self.needs_backtracking = true;
        self.out.insert_str(start, OPEN);
        let moved = self.captures.iter_mut().chain(self.backrefs.iter_mut().map(|b| &mut b.at));
        for at in moved.filter(|at| **at >= start) {
            *at += OPEN.len();
        }
        let id = self.captures.len();
        self.captures.push(start + OPEN.len() - 1);
        self.out.push_str(quantifier);
        self.out.push_str("))");
        self.back_reference(Capture::Id(id));
    }

    /// Writes a back-reference, its number left to `number_back_references`; the group
    /// keeps a following digit from being read as part of the number.
    fn back_reference(&mut self, target: Capture) {
        self.out.push_str(r"(?:\");
        self.backrefs.push(BackRef { at: self.out.len(), target });
        self.out.push(')');
    }

    /// Writes the number of every back-reference, counting the capturing groups added.
    fn number_back_references(&mut self) -> Result<(), String> {
        let mut numbered = Vec::new();
        for backref in &self.backrefs {
            let id = match backref.target {
                Capture::Id(id) => Some(id),
                Capture::Original(number) => number.checked_sub(1).and_then(|i| self.original_captures.get(i).copied()),
            };
            let Some(&position) = id.and_then(|id| self.captures.get(id)) else {
                return self.fail("back-reference to a group that does not exist");
            };
            let number = 1 + self.captures.iter().filter(|&&at| at < position).count();
            numbered.push((backref.at, number));
        }
        // From the end, so that earlier positions stay valid.
        numbered.sort_unstable_by_key(|&(at, _)| std::cmp::Reverse(at));
        for (at, number) in numbered {
            self.out.insert_str(at, &number.to_string());
        }
        Ok(())
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
        if let Some(both) = ascii_case::letter_class(c).filter(|_| self.group().ignore_case) {
            self.out.push_str(&both);
        } else if c.is_alphanumeric() || c == ' ' || c == '_' || (c.is_ascii_graphic() && !r"\.+*?()|[]{}^$#&-~".contains(c)) {
            self.out.push(c);
        } else {
            let _ = write!(self.out, r"\u{{{:X}}}", c as u32);
        }
    }

    fn new_capture(&mut self, at: usize) {
        self.original_captures.push(self.captures.len());
        self.captures.push(at);
    }

    /// After a `(`: a group, or inline flags that apply to the rest of the enclosing group.
    fn open_group(&mut self) -> Result<(), String> {
        let start = self.out.len();
        let mut group = Group { start, lookaround: false, ..self.group() };
        if self.peek() != Some('?') {
            // Groups keep capturing, for back-references.
            self.new_capture(start);
            self.out.push('(');
            self.groups.push(group);
            return Ok(());
        }
        match (self.peek_at(1), self.peek_at(2)) {
            (Some(kind @ ('=' | '!')), _) => {
                self.at += 2;
                let _ = write!(self.out, "(?{kind}");
                group.lookaround = true;
            }
            (Some('<'), Some(kind @ ('=' | '!'))) => {
                self.at += 3;
                let _ = write!(self.out, "(?<{kind}");
                group.lookaround = true;
            }
            (Some(':'), _) => {
                self.at += 2;
                self.out.push_str("(?:");
            }
            (Some('<'), _) => {
                // A named group: both syntaxes write it `(?<name>`.
                let name = self.name_after(1)?;
                self.new_capture(start);
                let _ = write!(self.out, "(?<{name}>");
            }
            _ => return self.inline_flags(group),
        }
        if group.lookaround {
            self.needs_backtracking = true;
        }
        self.groups.push(group);
        Ok(())
    }

    /// The name in `<name>` starting `offset` characters ahead, consumed up to its `>`.
    fn name_after(&mut self, offset: usize) -> Result<String, String> {
        let from = self.at + offset + 1;
        let end = self.chars.get(from..).and_then(|rest| rest.iter().position(|&c| c == '>'));
        let Some(end) = end else { return self.fail("unterminated group name") };
        let name: String = self.chars.get(from..from + end).unwrap_or_default().iter().collect();
        self.at = from + end + 1;
        Ok(name)
    }

    fn close_group(&mut self) -> Option<Atom> {
        self.out.push(')');
        if self.groups.len() < 2 {
            // Unbalanced: the engine reports it.
            return None;
        }
        let group = self.groups.pop()?;
        Some(Atom { start: group.start, lookaround: group.lookaround })
    }

    /// `(?flags)` or `(?flags:…)` with flags among `i`, `m`, `s` (Java, and ES2025 modifiers).
    /// `i` and `s` are spelled out by the translation (ASCII letter classes, explicit `.`
    /// sets), so neither engine sees them: both fold case beyond ASCII, and the ECMA engine
    /// has no unscoped flags. `m` is passed on.
    fn inline_flags(&mut self, mut group: Group) -> Result<(), String> {
        self.at += 1;
        let mut text = String::new();
        let mut negate = false;
        loop {
            match self.peek() {
                Some(c @ ('i' | 'm' | 's')) => {
                    match c {
                        'i' => group.ignore_case = !negate,
                        's' => group.dot_all = !negate,
                        _ => {}
                    }
                    // `s` is kept for `regex` only so that its output stays as it was.
                    if c == 'm' || (c == 's' && !self.ecma) {
                        text.push(c);
                    }
                }
                Some('-') if !negate => {
                    negate = true;
                    text.push('-');
                }
                Some(')') => {
                    self.at += 1;
                    // Applies to the rest of the enclosing group.
                    if let Some(current) = self.groups.last_mut() {
                        current.dot_all = group.dot_all;
                        current.ignore_case = group.ignore_case;
                    }
                    let text = text.trim_end_matches('-');
                    if !text.is_empty() {
                        let _ = write!(self.out, "(?{text})");
                    }
                    return Ok(());
                }
                Some(':') => {
                    self.at += 1;
                    let _ = write!(self.out, "(?{}:", text.trim_end_matches('-'));
                    self.groups.push(group);
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
            '1'..='9' | 'k' if self.group().ignore_case => {
                return self.fail("back-reference under `(?i)` (Java compares it ignoring case)");
            }
            '1'..='9' => {
                self.needs_backtracking = true;
                let number = self.back_reference_number(c);
                self.back_reference(Capture::Original(number));
            }
            'k' => {
                self.needs_backtracking = true;
                if self.peek() != Some('<') {
                    return self.fail("`\\k` without a group name");
                }
                // Names do not change when groups are added.
                let name = self.name_after(0)?;
                let _ = write!(self.out, r"\k<{name}>");
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

    /// Java reads a back-reference's digits while they name a group opened before it.
    fn back_reference_number(&mut self, first: char) -> usize {
        let mut number = first.to_digit(10).map_or(0, |d| d as usize);
        while let Some(digit) = self.peek().and_then(|c| c.to_digit(10)) {
            let longer = number * 10 + digit as usize;
            if longer > self.original_captures.len() {
                break;
            }
            number = longer;
            self.at += 1;
        }
        number
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
        if self.group().ignore_case && ascii_case::is_case_property(&name) {
            return self.fail(&format!("letter-case property `{name}` under `(?i)`"));
        }
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
        // The code points written, for case folding.
        let mut ranges = Vec::new();
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
                    ranges.push((low, high));
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
                            ranges.push((u32::from(ch), u32::from(ch)));
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
        if self.group().ignore_case {
            for (low, high) in ascii_case::other_case_ranges(&ranges) {
                let (Some(low), Some(high)) = (char::from_u32(low), char::from_u32(high)) else { continue };
                let _ = write!(items, "{}-{}", class_char(low), class_char(high));
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

/// Whether a quantifier's minimum is zero.
fn may_repeat_zero_times(quantifier: &str) -> bool {
    match quantifier.strip_prefix('{') {
        Some(counts) => counts.chars().take_while(char::is_ascii_digit).all(|d| d == '0'),
        None => quantifier != "+",
    }
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
    }

    #[test]
    fn lookaround_and_back_references_use_the_ecma_engine() {
        for pattern in [r"^(?!aws:).*$", r"(?<=a)b", r"^(a)\1$", r"\bword\b"] {
            assert!(matches!(prepare(pattern).unwrap().engine, PatternEngine::Backtracking(_)), "{pattern}");
        }
    }

    /// Whether the prepared pattern matches, whichever engine it uses.
    fn matches(pattern: &str, input: &str) -> bool {
        match prepare(pattern).unwrap().engine {
            PatternEngine::Linear(text) => regex::Regex::new(&text).unwrap().is_match(input),
            PatternEngine::Backtracking(text) => regress::Regex::with_flags(&text, "u").unwrap().find(input).is_some(),
        }
    }

    fn backtracking_text(pattern: &str) -> String {
        match prepare(pattern).unwrap().engine {
            PatternEngine::Backtracking(text) => text,
            PatternEngine::Linear(_) => panic!("{pattern} should use the ECMA engine"),
        }
    }

    #[test]
    fn a_lookahead_repeated_at_least_once_is_the_lookahead() {
        // efs.json `com.amazonaws.efs#Path`.
        let efs = r"^(\/|(\/(?!\.)+[^$#<>;`|&?{}^*/\n]+){1,4})$";
        for (input, expected) in [("/", true), ("/x.", true), ("/a/b/c/d", true), ("/.x", false), ("/a/.b", false), ("/a/b/c/d/e", false)] {
            assert_eq!(matches(efs, input), expected, "{input}");
        }
        assert!(!matches(r"^(?=a){2,3}\w$", "b"));
        assert!(matches(r"^(?=a){2,3}\w$", "a"));
    }

    #[test]
    fn a_lookaround_that_may_repeat_zero_times_always_succeeds() {
        for quantifier in ["*", "?", "{0}", "{0,3}", "*?"] {
            let pattern = format!(r"^(?!a){quantifier}\w$");
            assert!(matches(&pattern, "a"), "{pattern}");
            assert!(matches(&pattern, "b"), "{pattern}");
        }
        assert!(prepare(r"^(?=(a))?\w$").unwrap_err().contains("capturing group"));
    }

    #[test]
    fn case_insensitivity_is_ascii_only_and_scoped_to_its_group() {
        // identitystore.json `ExternalIdIssuer`.
        let issuer = r"^(?!(?i)(arn|aws):)[\p{L}\p{M}\p{S}\p{N}\p{P}]+$";
        for input in ["arn:x", "ARN:x", "aWs:x"] {
            assert!(!matches(issuer, input), "{input}");
        }
        // The long s and the Kelvin sign fold to `s` and `k` in Unicode, not in Java's ASCII mode.
        for input in ["arnx", "arn", "x:arn:", "aw\u{17F}:x", "\u{212A}rn:x"] {
            assert!(matches(issuer, input), "{input}");
        }
        assert!(matches(r"^(?i)k$", "K"));
        assert!(!matches(r"^(?i)k$", "\u{212A}"));
        assert!(!matches(r"^(?i)[r-t]$", "\u{17F}"));
        assert!(matches(r"^(?i)[r-t]$", "S"));
        assert!(!matches(r"^(?i)[^a-c]$", "B"));
        // The flag ends with its group; a scoped flag covers its group only.
        assert!(!matches(r"^((?i)a)b$", "AB"));
        assert!(matches(r"^((?i)a)b$", "Ab"));
        assert!(matches(r"^(?i:a)(?-i)b(?i)c$", "AbC"));
        assert!(!matches(r"^(?i:a)b$", "AB"));
        assert!(matches(r"^(?i)all|[0-9]{12}$", "ALL"));
    }

    #[test]
    fn what_case_insensitivity_cannot_keep_exact_is_refused() {
        for pattern in [r"(?i)\p{Lu}", r"(?i)[\p{Lower}]", r"(a)(?i)\1", r"(?<n>a)(?i)\k<n>"] {
            assert!(prepare(pattern).unwrap_err().contains(pattern), "{pattern}");
        }
        assert!(matches(r"^(?i)\p{L}$", "x"));
    }

    #[test]
    fn a_possessive_quantifier_never_gives_back() {
        // lex-models-v2.json `ObjectPrefix`.
        let prefix = r"^[\/]?+[a-zA-Z0-9!_.*'()-]+(\/[a-zA-Z0-9!_.*'()-]+)*$";
        for (input, expected) in [("/abc", true), ("abc", true), ("a/b/c", true), ("//abc", false), ("/", false), ("abc/", false)] {
            assert_eq!(matches(prefix, input), expected, "{input}");
        }
        // Where giving back would be needed, the possessive fails and the greedy succeeds.
        assert!(!matches(r"^a*+a$", "aaa"));
        assert!(matches(r"^a*a$", "aaa"));
        assert!(!matches(r"^(?:ab|a)?+b$", "ab"));
        assert!(matches(r"^(?:ab|a)?+b$", "abb"));
        assert!(!matches(r"^x{1,3}+x$", "xxx"));
        assert!(matches(r"^x{1,3}+x$", "xxxx"));
        assert!(matches(r"^\d{2}+$", "12"), "a possessive fixed count is a fixed count");
    }

    #[test]
    fn possessive_rewrites_keep_back_references_pointing_at_their_groups() {
        // Group 2 of the model becomes group 3 once the possessive's own group is added.
        let pattern = r"^(a)(b)?+(c)\3\2\1$";
        assert!(backtracking_text(pattern).contains(r"(?:\4)(?:\3)(?:\1)"), "{}", backtracking_text(pattern));
        assert!(matches(pattern, "abccba"));
        assert!(!matches(pattern, "abccab"));
        // Nested possessives, and a digit right after a back-reference.
        let nested = r"^((a)?+b)*+1\2$";
        assert!(matches(nested, "abab1a"));
        assert!(!matches(nested, "aab1a"));
        assert!(matches(r"^(a)\10$", "aa0"), r"Java reads `\10` as `\1` then `0` with one group");
        assert!(prepare(r"^(a)\2$").unwrap_err().contains("does not exist"));
    }

    #[test]
    fn unusable_patterns_are_errors_that_quote_them() {
        for pattern in [r"^?+", r"[z-a]", r"(unclosed", r"\q", r"a**"] {
            let error = prepare(pattern).unwrap_err();
            assert!(error.contains(pattern), "{error}");
        }
    }
}
