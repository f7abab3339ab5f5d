//! A parser for the dialect of `java.util.regex.Pattern` (JDK 17), construct by construct
//! as its documentation and behaviour define them. Flags are applied while parsing, so
//! the tree it returns has one meaning whatever engine runs it.

use super::class::{self, Class, GraphemeClasses, PropertyFlags};
use super::node::{Assertion, Fold, Greed, Node};
use std::collections::HashMap;

/// A parsed pattern and its number of capturing groups.
pub struct Parsed {
    pub node: Node,
    pub groups: usize,
}

/// Parses `source`, or says why Java would not compile it (or why it cannot be kept).
pub fn parse(source: &str) -> Result<Parsed, String> {
    let mut parser = Parser {
        chars: source.chars().collect(),
        at: 0,
        flags: Flags::default(),
        groups: 0,
        names: HashMap::new(),
        quoting: false,
        depth: 0,
    };
    let node = parser.alternation()?;
    if parser.peek().is_some() {
        // Only an unbalanced `)` stops the top-level alternation early.
        return parser.fail("unmatched closing `)`");
    }
    Ok(Parsed { node, groups: parser.groups })
}

/// The flags that change how what follows is read.
#[derive(Clone, Copy, Debug, Default)]
struct Flags {
    /// `i`
    case_insensitive: bool,
    /// `m`
    multiline: bool,
    /// `s`
    dot_all: bool,
    /// `d`
    unix_lines: bool,
    /// `u`
    unicode_case: bool,
    /// `x`
    comments: bool,
    /// `U`
    unicode_classes: bool,
}

impl Flags {
    fn set(&mut self, flag: char, on: bool) -> bool {
        match flag {
            'i' => self.case_insensitive = on,
            'm' => self.multiline = on,
            's' => self.dot_all = on,
            'd' => self.unix_lines = on,
            'u' => self.unicode_case = on,
            'x' => self.comments = on,
            'U' => {
                // Java: Unicode character classes imply Unicode case folding.
                self.unicode_classes = on;
                self.unicode_case = on;
            }
            _ => return false,
        }
        true
    }

    fn property_flags(self) -> PropertyFlags {
        PropertyFlags { case_insensitive: self.case_insensitive, unicode_classes: self.unicode_classes }
    }
}

/// Deeper nesting than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 200;

struct Parser {
    chars: Vec<char>,
    at: usize,
    flags: Flags,
    groups: usize,
    names: HashMap<String, usize>,
    /// Inside `\Q…\E`: every character is a literal.
    quoting: bool,
    depth: usize,
}

/// What an escape denotes.
enum Escaped {
    /// A code point, possibly a lone surrogate (which no Rust string holds).
    Code(u32),
    Class(Class),
    Node(Node),
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.at + offset).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.at += 1;
        }
        found
    }

    fn fail<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("{what} (at character {})", self.at))
    }

    /// `(?x)`: white space and `#` comments between tokens mean nothing.
    fn skip_ignored(&mut self) {
        if !self.flags.comments || self.quoting {
            return;
        }
        while let Some(c) = self.peek() {
            if matches!(c, ' ' | '\t' | '\n' | '\x0B' | '\x0C' | '\r') {
                self.at += 1;
            } else if c == '#' {
                while let Some(c) = self.next() {
                    if self.is_line_terminator(c) {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    fn is_line_terminator(&self, c: char) -> bool {
        if self.flags.unix_lines {
            c == '\n'
        } else {
            matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
        }
    }

    /// Leaves `\Q…\E` quoting when its `\E` is next; true while still quoting.
    fn still_quoting(&mut self) -> bool {
        if self.quoting && self.peek() == Some('\\') && self.peek_at(1) == Some('E') {
            self.at += 2;
            self.quoting = false;
        }
        self.quoting && self.peek().is_some()
    }

    fn alternation(&mut self) -> Result<Node, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.fail("groups nest too deeply");
        }
        let mut branches = vec![self.sequence()?];
        while self.eat('|') {
            branches.push(self.sequence()?);
        }
        self.depth -= 1;
        Ok(match branches.len() {
            1 => branches.pop().unwrap_or(Node::Empty),
            _ => one_class(&branches).map_or(Node::Alternation(branches), Node::Class),
        })
    }

    fn sequence(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        // Consecutive literal characters under `(?iu)`: Java matches two or more of them
        // as one slice, which folds case slightly differently from a single character.
        let mut run: Vec<(usize, char)> = Vec::new();
        loop {
            let (atom, literal) = if self.still_quoting() {
                let c = self.next().unwrap_or_default();
                (self.literal(u32::from(c)), Some(u32::from(c)))
            } else {
                self.skip_ignored();
                let Some(c) = self.peek() else { break };
                match c {
                    '|' | ')' => break,
                    '(' => {
                        self.at += 1;
                        match self.group()? {
                            Some(node) => (node, None),
                            None => {
                                fold_slice(&mut items, &mut run);
                                continue;
                            }
                        }
                    }
                    '\\' => {
                        self.at += 1;
                        match self.escape(false)? {
                            None => continue,
                            Some(Escaped::Code(code)) => (self.literal(code), Some(code)),
                            Some(Escaped::Class(class)) => (Node::Class(class), None),
                            Some(Escaped::Node(node)) => (node, None),
                        }
                    }
                    c => self.unescaped(c)?,
                }
            };
            let node = self.closure(atom)?;
            let folds_as_slice = self.flags.case_insensitive && self.flags.unicode_case;
            match (literal.and_then(char::from_u32), &node) {
                (Some(c), Node::Class(_)) if folds_as_slice => run.push((items.len(), c)),
                _ => fold_slice(&mut items, &mut run),
            }
            items.push(node);
        }
        fold_slice(&mut items, &mut run);
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    /// An atom that starts with an unescaped character, and that character if the atom is
    /// it, literally.
    fn unescaped(&mut self, c: char) -> Result<(Node, Option<u32>), String> {
        if c != '{' {
            self.at += 1;
        }
        let node = match c {
            '[' => Node::Class(self.class()?),
            '^' => {
                let unix = self.flags.unix_lines;
                Node::Assert(if self.flags.multiline { Assertion::LineStart { unix } } else { Assertion::TextStart })
            }
            '$' => {
                let unix = self.flags.unix_lines;
                Node::Assert(if self.flags.multiline { Assertion::LineEnd { unix } } else { Assertion::FinalEnd { unix } })
            }
            '.' => Node::Class(self.dot()),
            '*' | '+' | '?' => return self.fail(&format!("dangling meta character `{c}`")),
            // Java reads a counted quantifier with nothing before it as repeating the empty
            // string: `a{2}{3}` is `a{2}`.
            '{' => Node::Empty,
            c => return Ok((self.literal(u32::from(c)), Some(u32::from(c)))),
        };
        Ok((node, None))
    }

    fn dot(&self) -> Class {
        if self.flags.dot_all {
            Class::any()
        } else if self.flags.unix_lines {
            Class::char('\n').negate()
        } else {
            Class::spelled(class::LINE_TERMINATORS).map(|c| c.negate()).unwrap_or_else(|_| Class::any())
        }
    }

    /// A literal code point, with the case folding in force.
    fn literal(&self, code: u32) -> Node {
        Node::Class(match char::from_u32(code) {
            Some(c) => self.folded(c, c),
            // A lone surrogate: Java matches it in UTF-16 text; a Rust string never holds one.
            None => Class::from_set(regex_syntax::hir::ClassUnicode::empty()),
        })
    }

    /// The characters `low` to `high` with `(?i)` / `(?iu)` applied as Java applies them
    /// to a single character or to a range.
    fn folded(&self, low: char, high: char) -> Class {
        match (self.flags.case_insensitive, self.flags.unicode_case) {
            (false, _) => Class::range(low, high),
            (true, false) => Class::range(low, high).ascii_case_closure(),
            (true, true) if low == high => Class::java_case_single(low),
            (true, true) => Class::java_case_range(low, high),
        }
    }

    /// A quantifier after `atom`, if there is one. Java allows one per atom: `a**` is an
    /// error, while `a*{2}` repeats an empty atom.
    fn closure(&mut self, atom: Node) -> Result<Node, String> {
        if self.still_quoting() {
            return Ok(atom);
        }
        self.skip_ignored();
        let (min, max) = match self.peek() {
            Some('{') => self.counts()?,
            Some(c @ ('?' | '*' | '+')) => {
                self.at += 1;
                (u32::from(c == '+'), (c == '?').then_some(1))
            }
            _ => return Ok(atom),
        };
        let greed = match self.peek() {
            Some('?') => Greed::Lazy,
            Some('+') => Greed::Possessive,
            _ => Greed::Greedy,
        };
        if greed != Greed::Greedy {
            self.at += 1;
        }
        Ok(Node::Repeat { node: Box::new(atomic_line_breaks(atom)), min, max, greed })
    }

    /// `{n}`, `{n,}` or `{n,m}`, from its `{` to past its `}`; anything else after `{` is
    /// an error in Java.
    fn counts(&mut self) -> Result<(u32, Option<u32>), String> {
        self.at += 1;
        let number = |parser: &mut Parser| -> Result<Option<u32>, String> {
            parser.skip_ignored();
            let start = parser.at;
            while parser.peek().is_some_and(|c| c.is_ascii_digit()) {
                parser.at += 1;
            }
            if parser.at == start {
                return Ok(None);
            }
            let digits: String = parser.chars[start..parser.at].iter().collect();
            match digits.parse::<u32>() {
                Ok(n) if n <= i32::MAX as u32 => Ok(Some(n)),
                _ => parser.fail("repetition count too large"),
            }
        };
        let Some(min) = number(self)? else { return self.fail("illegal repetition: `{` must start a count") };
        self.skip_ignored();
        let max = if self.eat(',') { number(self)? } else { Some(min) };
        self.skip_ignored();
        if self.peek() != Some('}') {
            return self.fail("unclosed counted repetition");
        }
        self.at += 1;
        if max.is_some_and(|max| max < min) {
            return self.fail("illegal repetition range: maximum below minimum");
        }
        Ok((min, max))
    }

    /// After `(`: a group, or `None` for inline flags that apply to the rest of the
    /// enclosing group.
    fn group(&mut self) -> Result<Option<Node>, String> {
        let saved = self.flags;
        let node = if !self.eat('?') {
            self.groups += 1;
            let index = self.groups;
            Node::Capture { index, node: Box::new(self.alternation()?) }
        } else {
            match self.next() {
                Some(':') => self.alternation()?,
                Some('>') => Node::Atomic(Box::new(self.alternation()?)),
                Some(kind @ ('=' | '!')) => self.look(false, kind == '!')?,
                Some('<') => match self.peek() {
                    Some(kind @ ('=' | '!')) => {
                        self.at += 1;
                        self.look(true, kind == '!')?
                    }
                    _ => self.named_group()?,
                },
                Some(_) => {
                    self.at -= 1;
                    return self.inline_flags(saved);
                }
                None => return self.fail("unknown group type"),
            }
        };
        self.flags = saved;
        if !self.eat(')') {
            return self.fail("unclosed group");
        }
        Ok(Some(node))
    }

    fn look(&mut self, behind: bool, negated: bool) -> Result<Node, String> {
        Ok(Node::Look { behind, negated, node: Box::new(self.alternation()?) })
    }

    fn named_group(&mut self) -> Result<Node, String> {
        let name = self.group_name()?;
        self.groups += 1;
        let index = self.groups;
        if self.names.insert(name.clone(), index).is_some() {
            return self.fail(&format!("named capturing group <{name}> is already defined"));
        }
        Ok(Node::Capture { index, node: Box::new(self.alternation()?) })
    }

    /// A group name up to its `>`: an ASCII letter, then ASCII letters and digits.
    fn group_name(&mut self) -> Result<String, String> {
        let mut name = String::new();
        loop {
            match self.next() {
                Some('>') => break,
                Some(c) if c.is_ascii_alphabetic() || (c.is_ascii_digit() && !name.is_empty()) => name.push(c),
                _ => return self.fail("a group name is an ASCII letter then letters and digits, closed by `>`"),
            }
        }
        if name.is_empty() {
            return self.fail("empty group name");
        }
        Ok(name)
    }

    /// `(?idmsuxU-idmsuxU)` or `(?idmsuxU-idmsuxU:X)`, after the `(?`.
    fn inline_flags(&mut self, saved: Flags) -> Result<Option<Node>, String> {
        let mut on = true;
        loop {
            match self.next() {
                Some('-') if on => on = false,
                Some(')') => return Ok(None),
                Some(':') => {
                    let node = self.alternation()?;
                    self.flags = saved;
                    if !self.eat(')') {
                        return self.fail("unclosed group");
                    }
                    return Ok(Some(node));
                }
                Some('c') => return self.fail("canonical equivalence (`(?c)`) is not supported"),
                Some(flag) if self.flags.set(flag, on) => {}
                _ => return self.fail("unknown inline flag or group type"),
            }
        }
    }

    /// After a `\`. `None` for `\Q` and `\E`, which only switch quoting.
    fn escape(&mut self, in_class: bool) -> Result<Option<Escaped>, String> {
        let Some(c) = self.next() else { return self.fail("pattern ends with a backslash") };
        let code = |c: char| Ok(Some(Escaped::Code(u32::from(c))));
        let node = |n: Node| if in_class { Err(format!("`\\{c}` cannot stand in a class")) } else { Ok(Some(Escaped::Node(n))) };
        match c {
            '0' => self.octal().map(|n| Some(Escaped::Code(n))),
            '1'..='9' if !in_class => self.back_reference(c),
            'a' => code('\x07'),
            'e' => code('\x1B'),
            'f' => code('\x0C'),
            'n' => code('\n'),
            'r' => code('\r'),
            't' => code('\t'),
            'c' => match self.next() {
                Some(control) => Ok(Some(Escaped::Code(u32::from(control) ^ 64))),
                None => self.fail("illegal control escape"),
            },
            'x' => self.hex().map(|n| Some(Escaped::Code(n))),
            'u' => self.unicode_escape().map(|n| Some(Escaped::Code(n))),
            'd' | 'D' | 's' | 'S' | 'w' | 'W' | 'h' | 'H' | 'v' | 'V' => {
                let class = class::shorthand(c, self.flags.unicode_classes);
                class.map(|class| Some(Escaped::Class(class))).ok_or_else(|| format!("`\\{c}` has no class"))
            }
            'p' | 'P' => self.property(c == 'P').map(|class| Some(Escaped::Class(class))),
            'Q' => {
                self.quoting = true;
                Ok(None)
            }
            // A lone `\E` ends nothing and means nothing.
            'E' => Ok(None),
            'A' | 'G' => node(Node::Assert(Assertion::TextStart)),
            'z' => node(Node::Assert(Assertion::TextEnd)),
            'Z' => node(Node::Assert(Assertion::FinalEnd { unix: self.flags.unix_lines })),
            'b' if self.peek() == Some('{') && self.peek_at(1).is_some_and(|c| c.is_ascii_alphabetic()) => {
                self.fail("grapheme boundaries (`\\b{g}`) are not supported")
            }
            'b' | 'B' => node(Node::Boundary { negated: c == 'B', word: class::boundary_word(self.flags.unicode_classes) }),
            'k' if !in_class => self.named_back_reference(),
            'R' => node(line_break()),
            'X' => node(grapheme()),
            'N' => self.fail("named characters (`\\N{…}`) are not supported"),
            c if c.is_ascii_alphabetic() || (in_class && c.is_ascii_digit()) => {
                self.fail(&format!("illegal or unsupported escape sequence `\\{c}`"))
            }
            // Any other character escaped is itself.
            c => code(c),
        }
    }

    /// `\0n`, `\0nn`, `\0mnn` (m at most 3).
    fn octal(&mut self) -> Result<u32, String> {
        let digit = |c: Option<char>| c.and_then(|c| c.to_digit(8));
        let Some(n) = digit(self.peek()) else { return self.fail("illegal octal escape: `\\0` needs an octal digit") };
        self.at += 1;
        let Some(m) = digit(self.peek()) else { return Ok(n) };
        self.at += 1;
        match digit(self.peek()) {
            Some(o) if n <= 3 => {
                self.at += 1;
                Ok(n * 64 + m * 8 + o)
            }
            _ => Ok(n * 8 + m),
        }
    }

    /// `\xhh` or `\x{h…h}`.
    fn hex(&mut self) -> Result<u32, String> {
        if self.eat('{') {
            let mut value: u32 = 0;
            let mut digits = 0;
            while let Some(d) = self.peek().and_then(|c| c.to_digit(16)) {
                self.at += 1;
                digits += 1;
                value = value.saturating_mul(16).saturating_add(d);
            }
            if digits == 0 || !self.eat('}') {
                return self.fail("illegal hexadecimal escape");
            }
            if value > 0x10FFFF {
                return self.fail("hexadecimal code point is too big");
            }
            return Ok(value);
        }
        self.fixed_hex(2)
    }

    fn fixed_hex(&mut self, count: usize) -> Result<u32, String> {
        let mut value = 0;
        for _ in 0..count {
            match self.peek().and_then(|c| c.to_digit(16)) {
                Some(d) => value = value * 16 + d,
                None => return self.fail("illegal hexadecimal or Unicode escape"),
            }
            self.at += 1;
        }
        Ok(value)
    }

    /// `\uhhhh`; a high surrogate followed by an escaped low one is one code point.
    fn unicode_escape(&mut self) -> Result<u32, String> {
        let high = self.fixed_hex(4)?;
        if (0xD800..0xDC00).contains(&high) && self.peek() == Some('\\') && self.peek_at(1) == Some('u') {
            let saved = self.at;
            self.at += 2;
            match self.fixed_hex(4) {
                Ok(low) if (0xDC00..0xE000).contains(&low) => return Ok(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)),
                _ => self.at = saved,
            }
        }
        Ok(high)
    }

    /// `\pL`, `\p{Name}`, `\P{…}`.
    fn property(&mut self, negated: bool) -> Result<Class, String> {
        let name: String = if self.eat('{') {
            let start = self.at;
            while self.peek().is_some_and(|c| c != '}') {
                self.at += 1;
            }
            let name = self.chars[start..self.at].iter().collect();
            if !self.eat('}') {
                return self.fail("unclosed character property name");
            }
            name
        } else {
            match self.next() {
                Some(c) => c.to_string(),
                None => return self.fail("character property name missing"),
            }
        };
        let class = class::property(&name, self.flags.property_flags()).or_else(|e| self.fail(&e))?;
        Ok(if negated { class.negate() } else { class })
    }

    /// `\n…`: Java reads the first digit always, and more while they name a group
    /// already opened. A group that has not matched makes the reference fail.
    fn back_reference(&mut self, first: char) -> Result<Option<Escaped>, String> {
        let mut group = first.to_digit(10).unwrap_or(0) as usize;
        while let Some(digit) = self.peek().and_then(|c| c.to_digit(10)) {
            let longer = group * 10 + digit as usize;
            if longer > self.groups {
                break;
            }
            group = longer;
            self.at += 1;
        }
        Ok(Some(Escaped::Node(Node::BackRef { group, fold: self.back_reference_fold() })))
    }

    fn named_back_reference(&mut self) -> Result<Option<Escaped>, String> {
        if !self.eat('<') {
            return self.fail("`\\k` is not followed by `<name>`");
        }
        let name = self.group_name()?;
        let Some(&group) = self.names.get(&name) else {
            return self.fail(&format!("named capturing group <{name}> does not exist"));
        };
        Ok(Some(Escaped::Node(Node::BackRef { group, fold: self.back_reference_fold() })))
    }

    fn back_reference_fold(&self) -> Fold {
        match (self.flags.case_insensitive, self.flags.unicode_case) {
            (false, _) => Fold::Exact,
            (true, false) => Fold::Ascii,
            (true, true) => Fold::Unicode,
        }
    }

    /// A class, after its `[`. Java (since 9): a leading `^` negates the whole class;
    /// `]` first is a literal; nested classes are unions; `&&` intersects what is before
    /// it with what is after it (an empty side is ignored); `-` between two characters is
    /// a range, and elsewhere a literal.
    fn class(&mut self) -> Result<Class, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.fail("classes nest too deeply");
        }
        self.skip_ignored();
        let negated = self.eat('^');
        let mut operands: Vec<Vec<Class>> = vec![Vec::new()];
        let mut empty = true;
        loop {
            if self.still_quoting() {
                let c = self.next().unwrap_or_default();
                self.class_range(u32::from(c), &mut operands)?;
                empty = false;
                continue;
            }
            self.skip_ignored();
            let Some(c) = self.peek() else { return self.fail("unclosed character class") };
            match c {
                ']' if !empty => {
                    self.at += 1;
                    break;
                }
                '[' => {
                    self.at += 1;
                    let nested = self.class()?;
                    push(&mut operands, nested);
                }
                '&' if self.peek_at(1) == Some('&') => {
                    self.at += 2;
                    operands.push(Vec::new());
                }
                '\\' => {
                    self.at += 1;
                    match self.escape(true)? {
                        None => continue,
                        Some(Escaped::Code(code)) => self.class_range(code, &mut operands)?,
                        Some(Escaped::Class(class)) => push(&mut operands, class),
                        Some(Escaped::Node(_)) => return self.fail("an assertion cannot stand in a class"),
                    }
                }
                c => {
                    self.at += 1;
                    self.class_range(u32::from(c), &mut operands)?;
                }
            }
            empty = false;
        }
        self.depth -= 1;
        let unions: Vec<Class> = operands.into_iter().filter(|o| !o.is_empty()).map(|o| Class::union(&o)).collect();
        let Some((first, rest)) = unions.split_first() else { return self.fail("bad class syntax: an empty intersection") };
        let class = rest.iter().fold(first.clone(), |all, next| all.intersect(next));
        Ok(if negated { class.negate() } else { class })
    }

    /// A character in a class, or the range it starts.
    fn class_range(&mut self, start: u32, operands: &mut [Vec<Class>]) -> Result<(), String> {
        // Java removes `\Q…\E` before parsing, so a quoted character may start a range.
        let quoting = self.still_quoting();
        let saved = self.at;
        self.skip_ignored();
        let is_range = !quoting && self.peek() == Some('-') && !matches!(self.peek_at(1), Some(']' | '[') | None);
        if !is_range {
            self.at = saved;
            self.push_code_range(start, start, operands);
            return Ok(());
        }
        self.at += 1;
        self.skip_ignored();
        let end = match self.next() {
            Some('\\') => match self.escape(true)? {
                Some(Escaped::Code(end)) => end,
                // `[a-\Qz\E]`: Java removes the quoting first, so `z` ends the range.
                None if self.still_quoting() => u32::from(self.next().unwrap_or_default()),
                _ => return self.fail("illegal character range: its end is not a character"),
            },
            Some(end) => u32::from(end),
            None => return self.fail("unclosed character class"),
        };
        if end < start {
            return self.fail("illegal character range: its end comes before its start");
        }
        self.push_code_range(start, end, operands);
        Ok(())
    }

    /// Adds `start..=end` (less any surrogates, which no Rust string holds) with the
    /// case folding in force.
    fn push_code_range(&self, start: u32, end: u32, operands: &mut [Vec<Class>]) {
        let mut pushed = false;
        for (low, high) in [(start, end.min(0xD7FF)), (start.max(0xE000), end)] {
            if let (Some(low), Some(high)) = (char::from_u32(low), char::from_u32(high)) {
                if low <= high {
                    push(operands, self.folded(low, high));
                    pushed = true;
                }
            }
        }
        if !pushed {
            // An item of surrogates only is still an item: a class of nothing.
            push(operands, Class::from_set(regex_syntax::hir::ClassUnicode::empty()));
        }
    }
}

/// Alternatives that are each one class are that class's union (`(?:[a-z]|-)`): one code
/// point either way, and a set repeats without nesting.
fn one_class(branches: &[Node]) -> Option<Class> {
    let classes: Option<Vec<Class>> = branches.iter().map(|b| if let Node::Class(c) = b { Some(c.clone()) } else { None }).collect();
    classes.map(|classes| Class::union(&classes))
}

/// Ends a run of literal characters under `(?iu)`: two or more are one Java slice, whose
/// characters match any character with the same `toLowerCase(toUpperCase(…))`.
fn fold_slice(items: &mut [Node], run: &mut Vec<(usize, char)>) {
    if run.len() >= 2 {
        for &(index, c) in run.iter() {
            if let Some(item) = items.get_mut(index) {
                *item = Node::Class(Class::java_case_in_slice(c));
            }
        }
    }
    run.clear();
}

fn push(operands: &mut [Vec<Class>], class: Class) {
    if let Some(last) = operands.last_mut() {
        last.push(class);
    }
}

/// Java repeats `\R` (alone or as a group's only content) without giving back the `\n` of
/// a `\r\n` it took, though a single `\R` does give it back.
fn atomic_line_breaks(atom: Node) -> Node {
    match atom {
        node if node == line_break() => Node::Atomic(Box::new(node)),
        Node::Capture { index, node } if *node == line_break() => Node::Capture { index, node: Box::new(Node::Atomic(node)) },
        other => other,
    }
}

/// `\R`: `\r\n` or any one vertical space character (Java 9+ backtracks into it).
fn line_break() -> Node {
    let pair = Node::Concat(vec![Node::Class(Class::char('\r')), Node::Class(Class::char('\n'))]);
    let single = class::shorthand('v', false).unwrap_or_else(|| Class::char('\n'));
    Node::Alternation(vec![pair, Node::Class(single)])
}

/// `\X`: one extended grapheme cluster, taken whole (UAX #29's regular expression for
/// clusters, matched atomically as Java does).
fn grapheme() -> Node {
    let g = GraphemeClasses::new();
    let class = |c: &Class| Node::Class(c.clone());
    let star = |node: Node| Node::Repeat { node: Box::new(node), min: 0, max: None, greed: Greed::Greedy };
    let plus = |node: Node| Node::Repeat { node: Box::new(node), min: 1, max: None, greed: Greed::Greedy };
    let hangul = Node::Alternation(vec![
        Node::Concat(vec![
            star(class(&g.l)),
            Node::Alternation(vec![plus(class(&g.v)), Node::Concat(vec![class(&g.lv), star(class(&g.v))]), class(&g.lvt)]),
            star(class(&g.t)),
        ]),
        plus(class(&g.l)),
        plus(class(&g.t)),
    ]);
    let pictographic = Node::Concat(vec![
        class(&g.pictographic),
        star(Node::Concat(vec![star(class(&g.extend)), class(&g.zwj), class(&g.pictographic)])),
    ]);
    let core = Node::Alternation(vec![
        Node::Concat(vec![class(&g.regional_indicator), class(&g.regional_indicator)]),
        hangul,
        pictographic,
        class(&g.other),
    ]);
    let marks = Class::union(&[g.extend.clone(), g.zwj.clone(), g.spacing_mark.clone()]);
    let cluster = Node::Alternation(vec![
        Node::Concat(vec![class(&g.cr), class(&g.lf)]),
        Node::Class(Class::union(&[g.control.clone(), g.cr.clone(), g.lf.clone()])),
        Node::Concat(vec![star(class(&g.prepend)), core, star(Node::Class(marks))]),
    ]);
    Node::Atomic(Box::new(cluster))
}
