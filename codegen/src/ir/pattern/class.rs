//! Character classes: every set a Java pattern can name, kept in two forms that always
//! agree: the `regex` crate's spelling (short, with Unicode properties by name) and the
//! resolved set of code points (for the backtracking engine, case folding and analysis).
//! The set is computed by parsing the spelling with `regex-syntax`, so the two cannot drift.

use regex_syntax::hir::{Class as HirClass, ClassUnicode, ClassUnicodeRange, HirKind};
use std::cell::RefCell;
use std::collections::HashMap;
use crate::pattern::{java_lower, java_upper};
use std::fmt::Write;

/// A set of code points with its `regex` spelling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Class {
    /// `regex` syntax matching one code point of the set: a bracketed class or a `\p{…}`.
    pub text: String,
    /// The code points.
    pub set: ClassUnicode,
    /// `text` lists the code points (no property names), so set operations on such
    /// classes can be spelled from the result.
    explicit: bool,
}

impl Class {
    /// The class `text` spells (`regex` syntax), or why `regex-syntax` refuses it.
    pub fn spelled(text: &str) -> Result<Class, String> {
        thread_local! {
            static RESOLVED: RefCell<HashMap<String, Result<ClassUnicode, String>>> = RefCell::new(HashMap::new());
        }
        let set = RESOLVED.with(|cache| cache.borrow_mut().entry(text.to_owned()).or_insert_with(|| resolve(text)).clone())?;
        // Without property names the text only lists code points, and may be respelled.
        let explicit = !text.contains(r"\p") && !text.contains(r"\P");
        Ok(Class { text: text.to_owned(), set, explicit })
    }

    /// A class from its code points, spelled as ranges.
    pub fn from_set(set: ClassUnicode) -> Class {
        let mut text = String::from("[");
        for range in set.ranges() {
            push_class_char(&mut text, range.start());
            if range.end() != range.start() {
                text.push('-');
                push_class_char(&mut text, range.end());
            }
        }
        if set.ranges().is_empty() {
            // `regex` has no empty class syntax; the complement of everything is empty.
            text.push_str(r"^\x00-\x{10FFFF}");
        }
        text.push(']');
        Class { text, set, explicit: true }
    }

    /// The code points from `low` to `high`.
    pub fn range(low: char, high: char) -> Class {
        Class::from_set(ClassUnicode::new([ClassUnicodeRange::new(low, high)]))
    }

    /// One code point.
    pub fn char(c: char) -> Class {
        Class::range(c, c)
    }

    /// Every code point.
    pub fn any() -> Class {
        Class::range('\0', char::MAX)
    }

    /// The union of `parts`.
    pub fn union(parts: &[Class]) -> Class {
        if let [one] = parts {
            return one.clone();
        }
        let mut set = ClassUnicode::empty();
        let mut text = String::from("[");
        for part in parts {
            set.union(&part.set);
            text.push_str(&part.text);
        }
        if parts.iter().all(|p| p.explicit) {
            return Class::from_set(set);
        }
        text.push(']');
        Class { text, set, explicit: false }
    }

    /// The code points in both.
    pub fn intersect(&self, other: &Class) -> Class {
        let mut set = self.set.clone();
        set.intersect(&other.set);
        if self.explicit && other.explicit {
            return Class::from_set(set);
        }
        Class { text: format!("[{}&&{}]", self.text, other.text), set, explicit: false }
    }

    /// The code points not in `self`.
    pub fn negate(&self) -> Class {
        let mut set = self.set.clone();
        set.negate();
        if self.explicit {
            return Class::from_set(set);
        }
        Class { text: format!("[^{}]", self.text), set, explicit: false }
    }

    /// The code points as inclusive ranges, in order.
    pub fn ranges(&self) -> Vec<(char, char)> {
        self.set.ranges().iter().map(|r| (r.start(), r.end())).collect()
    }

    /// Java's `Character.isLetterOrDigit`: after such a character, non-spacing marks count
    /// as word characters for `\b`.
    pub fn letter_or_digit() -> Class {
        spelled_or_empty(r"[\p{L}\p{Nd}]")
    }

    /// Non-spacing marks (`Mn`).
    pub fn non_spacing_mark() -> Class {
        spelled_or_empty(r"\p{Mn}")
    }

    /// Whether `c` is in the set.
    pub fn contains(&self, c: char) -> bool {
        self.set.ranges().iter().any(|r| r.start() <= c && c <= r.end())
    }

    /// Java's `CASE_INSENSITIVE` without `UNICODE_CASE`: ASCII letters also match their
    /// other case; nothing else changes (`ſ` stays apart from `s`).
    pub fn ascii_case_closure(&self) -> Class {
        let mut letters = self.set.clone();
        letters.intersect(&ClassUnicode::new([ClassUnicodeRange::new('A', 'Z'), ClassUnicodeRange::new('a', 'z')]));
        if letters.ranges().is_empty() {
            return self.clone();
        }
        let mut other = ClassUnicode::empty();
        for range in letters.ranges() {
            for c in range.start()..=range.end() {
                let swapped = if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
                other.push(ClassUnicodeRange::new(swapped, swapped));
            }
        }
        other.difference(&self.set);
        if other.ranges().is_empty() {
            return self.clone();
        }
        Class::union(&[self.clone(), Class::from_set(other)])
    }

    /// Java's `CASE_INSENSITIVE` with `UNICODE_CASE` for one character `c`: every `x`
    /// whose `toLowerCase(toUpperCase(x))` is that of `c` (unless `c` has no case).
    pub fn java_case_single(c: char) -> Class {
        let upper = java_upper(c);
        let lower = java_lower(upper);
        if upper == lower {
            return Class::char(c);
        }
        let mut set = ClassUnicode::new([ClassUnicodeRange::new(c, c), ClassUnicodeRange::new(lower, lower)]);
        for &x in cased() {
            if java_lower(java_upper(x)) == lower {
                set.push(ClassUnicodeRange::new(x, x));
            }
        }
        Class::from_set(set)
    }

    /// Java's `CASE_INSENSITIVE` with `UNICODE_CASE` for a character among two or more
    /// literal ones (a slice): every `x` whose `toLowerCase(toUpperCase(x))` is that of `c`,
    /// even when `c` has no case of its own (`ß` then matches `ẞ`).
    pub fn java_case_in_slice(c: char) -> Class {
        let lower = java_lower(java_upper(c));
        let mut set = ClassUnicode::new([ClassUnicodeRange::new(c, c), ClassUnicodeRange::new(lower, lower)]);
        for &x in cased() {
            if java_lower(java_upper(x)) == lower {
                set.push(ClassUnicodeRange::new(x, x));
            }
        }
        Class::from_set(set)
    }

    /// Java's `CASE_INSENSITIVE` with `UNICODE_CASE` for a range: `x` matches when it,
    /// its upper case, or the lower case of that is in the range.
    pub fn java_case_range(low: char, high: char) -> Class {
        let mut set = ClassUnicode::new([ClassUnicodeRange::new(low, high)]);
        let within = |c: char| low <= c && c <= high;
        for &x in cased() {
            let upper = java_upper(x);
            if within(upper) || within(java_lower(upper)) {
                set.push(ClassUnicodeRange::new(x, x));
            }
        }
        Class::from_set(set)
    }
}

/// Every character that has a simple upper or lower case other than itself.
fn cased() -> &'static [char] {
    static CASED: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    CASED.get_or_init(|| {
        let all = ('\0'..=char::MAX).filter(|&c| java_upper(c) != c || java_lower(c) != c);
        all.collect()
    })
}

fn resolve(text: &str) -> Result<ClassUnicode, String> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(text).map_err(|e| e.to_string())?;
    match hir.kind() {
        HirKind::Class(HirClass::Unicode(class)) => Ok(class.clone()),
        // A class of one code point comes back as that literal.
        HirKind::Literal(literal) => match std::str::from_utf8(&literal.0).ok().map(|s| (s.chars().next(), s.chars().count())) {
            Some((Some(c), 1)) => Ok(ClassUnicode::new([ClassUnicodeRange::new(c, c)])),
            _ => Err(format!("`{text}` is not a class of code points")),
        },
        _ => Err(format!("`{text}` is not a class of code points")),
    }
}

/// Writes `c` so that it means itself inside a `regex` class.
fn push_class_char(out: &mut String, c: char) {
    // Class syntax: `[ ] \ - ^` and the doubled `& ~` of set operations.
    if c.is_ascii_graphic() && !matches!(c, '[' | ']' | '\\' | '-' | '^' | '&' | '~') {
        out.push(c);
    } else {
        let _ = write!(out, r"\x{{{:X}}}", c as u32);
    }
}

/// The Java line terminators (`.` and the line anchors stop at them): `\n`, `\r`, NEL,
/// LINE SEPARATOR and PARAGRAPH SEPARATOR.
pub const LINE_TERMINATORS: &str = r"[\n\r\x{85}\x{2028}\x{2029}]";

/// Java's shorthand classes (`\d \D \s \S \w \W \h \H \v \V`), ASCII unless
/// `UNICODE_CHARACTER_CLASS` (`(?U)`) is set.
pub fn shorthand(letter: char, unicode: bool) -> Option<Class> {
    let text = match (letter.to_ascii_lowercase(), unicode) {
        ('d', false) => "[0-9]",
        ('d', true) => r"\p{Nd}",
        ('s', false) => r"[\t\n\x0B\x0C\r ]",
        ('s', true) => r"\p{White_Space}",
        ('w', false) => "[0-9A-Za-z_]",
        ('w', true) => JAVA_WORD,
        ('h', _) => r"[ \t\xA0\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}]",
        ('v', _) => r"[\n\x0B\x0C\r\x{85}\x{2028}\x{2029}]",
        _ => return None,
    };
    let class = Class::spelled(text).ok()?;
    Some(if letter.is_ascii_uppercase() { class.negate() } else { class })
}

/// Java's Unicode word class (`(?U)\w`): alphabetic, marks, decimal digits, connector
/// punctuation and the joiners.
pub const JAVA_WORD: &str = r"[\p{Alphabetic}\p{Mn}\p{Me}\p{Mc}\p{Nd}\p{Pc}\p{Join_Control}]";

/// What Java 17's `\b` counts as a word character: a letter or digit
/// (`Character.isLetterOrDigit`) or `_`; with `(?U)`, [`JAVA_WORD`].
pub fn boundary_word(unicode: bool) -> Class {
    spelled_or_empty(if unicode { JAVA_WORD } else { r"[\p{L}\p{Nd}_]" })
}

/// A class every property table here is known to spell correctly; a failure would be a
/// bug in this file, caught by its tests, so it degrades to the empty class.
fn spelled_or_empty(text: &str) -> Class {
    Class::spelled(text).unwrap_or_else(|_| Class::from_set(ClassUnicode::empty()))
}

/// The flags that change what a `\p{…}` name means.
#[derive(Clone, Copy, Debug, Default)]
pub struct PropertyFlags {
    /// `CASE_INSENSITIVE`: case properties (`Lu`, `Lower`…) match every cased letter.
    pub case_insensitive: bool,
    /// `UNICODE_CHARACTER_CLASS`: the POSIX names take their Unicode meaning.
    pub unicode_classes: bool,
}

/// The class of `\p{name}` as `java.util.regex.Pattern` (JDK 17) reads the name.
pub fn property(name: &str, flags: PropertyFlags) -> Result<Class, String> {
    let unknown = || format!("unknown character property `\\p{{{name}}}`");
    let found = if let Some((key, value)) = name.split_once('=') {
        match key.to_ascii_lowercase().as_str() {
            "script" | "sc" => script(value),
            "block" | "blk" => block(value),
            "general_category" | "gc" => java_property(value, flags),
            _ => None,
        }
    } else if let Some(block_name) = name.strip_prefix("In") {
        block(block_name)
    } else if let Some(rest) = name.strip_prefix("Is") {
        unicode_property(rest, flags).or_else(|| java_property(rest, flags)).or_else(|| script(rest))
    } else if flags.unicode_classes {
        posix_unicode(name, flags).or_else(|| java_property(name, flags))
    } else {
        java_property(name, flags)
    };
    found.ok_or_else(unknown)
}

/// Upper, lower and title case letters: what Java's case properties match under `(?i)`.
const CASED: &str = r"[\p{Lowercase}\p{Uppercase}\p{Lt}]";

/// `\p{IsName}` binary properties, matched without regard to case or `_` (Java's
/// `CharPredicates.forUnicodeProperty`, including its Unicode POSIX names).
fn unicode_property(name: &str, flags: PropertyFlags) -> Option<Class> {
    let key: String = name.chars().filter(|&c| c != '_').collect::<String>().to_ascii_uppercase();
    let cased = |text: &'static str| if flags.case_insensitive { CASED } else { text };
    let text = match key.as_str() {
        "ALPHABETIC" | "ALPHA" => r"\p{Alphabetic}",
        "ASSIGNED" => r"\P{Cn}",
        "CONTROL" | "CNTRL" => r"\p{Cc}",
        "DIGIT" => r"\p{Nd}",
        "HEXDIGIT" | "XDIGIT" => r"[\p{Nd}\p{Hex_Digit}]",
        "IDEOGRAPHIC" => r"\p{Ideographic}",
        "JOINCONTROL" => r"\p{Join_Control}",
        "LETTER" => r"\p{L}",
        "LOWERCASE" | "LOWER" => cased(r"\p{Lowercase}"),
        "UPPERCASE" | "UPPER" => cased(r"\p{Uppercase}"),
        "TITLECASE" => cased(r"\p{Lt}"),
        "NONCHARACTERCODEPOINT" => r"\p{Noncharacter_Code_Point}",
        "PUNCTUATION" | "PUNCT" => r"\p{P}",
        "WHITESPACE" | "SPACE" => r"\p{White_Space}",
        "WORD" => JAVA_WORD,
        "ALNUM" => r"[\p{Alphabetic}\p{Nd}]",
        "BLANK" => r"[\p{Zs}\t]",
        "GRAPH" => JAVA_GRAPH,
        "PRINT" => JAVA_PRINT,
        _ => return None,
    };
    Class::spelled(text).ok()
}

/// Java's Unicode `\p{Graph}`: not a separator, control, surrogate or unassigned (no
/// Rust string holds a surrogate, and `regex-syntax` has no `Cs`).
const JAVA_GRAPH: &str = r"[^\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cn}]";
/// Java's Unicode `\p{Print}`: graphic or blank, but not a control.
const JAVA_PRINT: &str = r"[^\p{Zl}\p{Zp}\p{Cc}\p{Cn}]";

/// The POSIX names under `(?U)` (`CharPredicates.forPOSIXName`).
fn posix_unicode(name: &str, flags: PropertyFlags) -> Option<Class> {
    match name {
        "Alpha" | "Lower" | "Upper" | "Space" | "Punct" | "XDigit" | "Alnum" | "Cntrl" | "Digit" | "Blank" | "Graph"
        | "Print" => unicode_property(name, flags),
        _ => None,
    }
}

/// The names `\p{…}` takes without a prefix: general categories and their groups, the
/// ASCII POSIX classes, and the `java…` methods of `Character`. Case-sensitive, as in Java.
fn java_property(name: &str, flags: PropertyFlags) -> Option<Class> {
    let case_insensitive = flags.case_insensitive;
    let text = match name {
        "Lu" | "Ll" | "Lt" if case_insensitive => r"[\p{Lu}\p{Ll}\p{Lt}]",
        "javaLowerCase" | "javaUpperCase" | "javaTitleCase" if case_insensitive => CASED,
        "Lower" | "Upper" if case_insensitive => "[A-Za-z]",
        "Cn" | "Lu" | "Ll" | "Lt" | "Lm" | "Lo" | "Mn" | "Me" | "Mc" | "Nd" | "Nl" | "No" | "Zs" | "Zl" | "Zp" | "Cc" | "Cf"
        | "Co" | "Pd" | "Ps" | "Pe" | "Pc" | "Po" | "Sm" | "Sc" | "Sk" | "So" | "Pi" | "Pf" | "L" | "M" | "N" | "Z"
        | "C" | "P" | "S" | "LC" => return Class::spelled(&format!(r"\p{{{name}}}")).ok(),
        // `regex-syntax` has no surrogates, nor does any Rust string.
        "Cs" => return Some(Class::from_set(ClassUnicode::empty())),
        "LD" => r"[\p{L}\p{Nd}]",
        "L1" => r"[\x00-\xFF]",
        "all" => r"[\x00-\x{10FFFF}]",
        "ASCII" => r"[\x00-\x7F]",
        "Alnum" => "[0-9A-Za-z]",
        "Alpha" => "[A-Za-z]",
        "Blank" => r"[ \t]",
        "Cntrl" => r"[\x00-\x1F\x7F]",
        "Digit" => "[0-9]",
        "Graph" => r"[\x21-\x7E]",
        "Lower" => "[a-z]",
        "Print" => r"[\x20-\x7E]",
        "Punct" => r"[\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E]",
        "Space" => r"[\t\n\x0B\x0C\r ]",
        "Upper" => "[A-Z]",
        "XDigit" => "[0-9A-Fa-f]",
        "javaLowerCase" => r"\p{Lowercase}",
        "javaUpperCase" => r"\p{Uppercase}",
        "javaTitleCase" => r"\p{Lt}",
        "javaDigit" => r"\p{Nd}",
        "javaDefined" => r"\P{Cn}",
        "javaLetter" => r"\p{L}",
        "javaLetterOrDigit" => r"[\p{L}\p{Nd}]",
        "javaAlphabetic" => r"\p{Alphabetic}",
        "javaIdeographic" => r"\p{Ideographic}",
        "javaJavaIdentifierStart" => r"[\p{L}\p{Nl}\p{Sc}\p{Pc}]",
        "javaJavaIdentifierPart" => r"[\p{L}\p{Nl}\p{Sc}\p{Pc}\p{Nd}\p{Mc}\p{Mn}\x00-\x08\x0E-\x1B\x7F-\x9F\p{Cf}]",
        "javaUnicodeIdentifierStart" => r"[\p{ID_Start}\x{1885}\x{1886}\x{2118}\x{212E}\x{309B}\x{309C}]",
        "javaUnicodeIdentifierPart" => {
            r"[\p{ID_Continue}\x{1885}\x{1886}\x{2118}\x{212E}\x{309B}\x{309C}\x00-\x08\x0E-\x1B\x7F-\x9F\p{Cf}]"
        }
        "javaIdentifierIgnorable" => r"[\x00-\x08\x0E-\x1B\x7F-\x9F\p{Cf}]",
        "javaSpaceChar" => r"\p{Z}",
        "javaWhitespace" => r"[[\p{Z}&&[^\xA0\x{2007}\x{202F}]]\t\n\x0B\x0C\r\x1C-\x1F]",
        "javaISOControl" => r"[\x00-\x1F\x7F-\x9F]",
        "javaMirrored" => r"\p{Bidi_Mirrored}",
        _ => return None,
    };
    Class::spelled(text).ok()
}

/// `\p{IsLatin}`, `\p{script=Latn}`: a Unicode script by name or alias.
fn script(name: &str) -> Option<Class> {
    // `regex-syntax` matches names loosely, as Java does (case, `_`, aliases).
    let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ' ' || c == '-');
    if !plain {
        return None;
    }
    if matches!(loose(name).as_str(), "UNKNOWN" | "ZZZZ") {
        // No script: what is unassigned or private use (`regex-syntax` has no name for it).
        return Class::spelled(r"[\p{Cn}\p{Co}]").ok();
    }
    Class::spelled(&format!(r"\p{{Script={name}}}")).ok()
}

/// `\p{InGreek}`, `\p{block=Basic Latin}`: every code point of a Unicode block, assigned
/// or not. Java accepts the block's name with or without spaces, or its constant name
/// (`BASIC_LATIN`), in any case; so does this, and a few older Java aliases.
fn block(name: &str) -> Option<Class> {
    let wanted = loose(name);
    let wanted = match wanted.as_str() {
        "GREEK" => loose("Greek and Coptic"),
        "CYRILLICSUPPLEMENTARY" => loose("Cyrillic Supplement"),
        "COMBININGMARKSFORSYMBOLS" => loose("Combining Diacritical Marks for Symbols"),
        _ => wanted,
    };
    if matches!(wanted.as_str(), "HIGHSURROGATES" | "HIGHPRIVATEUSESURROGATES" | "LOWSURROGATES") {
        // Blocks of surrogates, which no Rust string holds (and `char` cannot name).
        return Some(Class::from_set(ClassUnicode::empty()));
    }
    let (start, end) = all_blocks().iter().find(|(block, _, _)| loose(block) == wanted).map(|&(_, s, e)| (s, e))?;
    Some(Class::range(char::from_u32(start)?, char::from_u32(end)?))
}

/// Upper case without spaces, `_` or `-`.
fn loose(name: &str) -> String {
    name.chars().filter(|c| !matches!(c, ' ' | '_' | '-')).collect::<String>().to_ascii_uppercase()
}

/// Every Unicode block: (name, first, last). The `unicode-blocks` crate answers for one
/// code point at a time, so the list is gathered once by walking the code space.
fn all_blocks() -> &'static [(&'static str, u32, u32)] {
    static BLOCKS: std::sync::OnceLock<Vec<(&'static str, u32, u32)>> = std::sync::OnceLock::new();
    BLOCKS.get_or_init(|| {
        let mut blocks: Vec<(&'static str, u32, u32)> = Vec::new();
        let mut code = 0u32;
        while code <= 0x10FFFF {
            let block = char::from_u32(code).and_then(unicode_blocks::find_unicode_block);
            match block {
                Some(block) => {
                    blocks.push((block.name(), block.start(), block.end()));
                    code = block.end() + 1;
                }
                None => code += 1,
            }
        }
        blocks
    })
}

/// Java's `\X`: one extended grapheme cluster (Unicode 13 rules, as JDK 17), as classes.
pub struct GraphemeClasses {
    pub cr: Class,
    pub lf: Class,
    pub control: Class,
    pub prepend: Class,
    pub extend: Class,
    pub zwj: Class,
    pub spacing_mark: Class,
    pub regional_indicator: Class,
    pub pictographic: Class,
    pub l: Class,
    pub v: Class,
    pub t: Class,
    pub lv: Class,
    pub lvt: Class,
    /// Anything but a control, CR or LF.
    pub other: Class,
}

impl GraphemeClasses {
    pub fn new() -> GraphemeClasses {
        let gcb = |value: &str| spelled_or_empty(&format!(r"\p{{Grapheme_Cluster_Break={value}}}"));
        let control = gcb("Control");
        let (cr, lf) = (Class::char('\r'), Class::char('\n'));
        let other = Class::union(&[control.clone(), cr.clone(), lf.clone()]).negate();
        GraphemeClasses {
            prepend: gcb("Prepend"),
            extend: gcb("Extend"),
            zwj: gcb("ZWJ"),
            spacing_mark: gcb("SpacingMark"),
            regional_indicator: gcb("Regional_Indicator"),
            pictographic: spelled_or_empty(r"\p{Extended_Pictographic}"),
            l: gcb("L"),
            v: gcb("V"),
            t: gcb("T"),
            lv: gcb("LV"),
            lvt: gcb("LVT"),
            control,
            cr,
            lf,
            other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn java(name: &str) -> Class {
        property(name, PropertyFlags::default()).unwrap()
    }

    #[test]
    fn spellings_and_sets_agree() {
        assert!(java("L").contains('é') && !java("L").contains('1'));
        assert!(java("InGreek").contains('α') && java("InGreek").contains('\u{378}'), "blocks hold unassigned code points");
        assert!(java("block=Basic Latin").contains('a') && java("InBASIC_LATIN").contains('~'));
        assert!(java("IsLatin").contains('é') && java("script=Latn").contains('z') && !java("sc=Latin").contains('α'));
        assert!(java("LD").contains('٣') && !java("LD").contains('_'));
        assert!(java("L1").contains('ÿ') && !java("L1").contains('Ā'));
        assert!(java("C").contains('\u{378}'), "Java's C includes unassigned code points");
        assert!(java("javaLowerCase").contains('ʰ') && !java("Ll").contains('ʰ'));
        assert!(java("IsWhite_Space").contains('\u{85}') && java("IsWhiteSpace").contains(' '));
        assert!(!java("Alpha").contains('é') && java("IsAlphabetic").contains('é'));
        for unknown in ["lu", "Letter", "IsEmoji", "Isl", "InNoSuchBlock", "foo=bar"] {
            assert!(property(unknown, PropertyFlags::default()).is_err(), "{unknown}");
        }
    }

    #[test]
    fn every_name_java_knows_resolves_to_its_own_table() {
        // A spelling `regex-syntax` refused would make a name fall back to another table
        // (`IsGraph` to the ASCII `Graph`), so each is resolved where it is defined.
        let flags = PropertyFlags::default();
        let unicode = [
            "ALPHABETIC", "ALPHA", "ASSIGNED", "CONTROL", "CNTRL", "DIGIT", "HEX_DIGIT", "XDIGIT", "IDEOGRAPHIC",
            "JOIN_CONTROL", "LETTER", "LOWERCASE", "LOWER", "UPPERCASE", "UPPER", "TITLECASE", "NONCHARACTER_CODE_POINT",
            "PUNCTUATION", "PUNCT", "WHITE_SPACE", "SPACE", "WORD", "ALNUM", "BLANK", "GRAPH", "PRINT",
        ];
        for name in unicode {
            assert!(unicode_property(name, flags).is_some(), "{name}");
            assert!(unicode_property(name, PropertyFlags { case_insensitive: true, ..flags }).is_some(), "{name}");
        }
        let unprefixed = [
            "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cs", "Pd",
            "Ps", "Pe", "Pc", "Po", "Sm", "Sc", "Sk", "So", "Pi", "Pf", "L", "M", "N", "Z", "C", "P", "S", "LC", "LD", "L1",
            "all", "ASCII", "Alnum", "Alpha", "Blank", "Cntrl", "Digit", "Graph", "Lower", "Print", "Punct", "Space", "Upper",
            "XDigit", "javaLowerCase", "javaUpperCase", "javaTitleCase", "javaDigit", "javaDefined", "javaLetter",
            "javaLetterOrDigit", "javaAlphabetic", "javaIdeographic", "javaJavaIdentifierStart", "javaJavaIdentifierPart",
            "javaUnicodeIdentifierStart", "javaUnicodeIdentifierPart", "javaIdentifierIgnorable", "javaSpaceChar",
            "javaWhitespace", "javaISOControl", "javaMirrored",
        ];
        for name in unprefixed {
            assert!(java_property(name, flags).is_some(), "{name}");
            assert!(java_property(name, PropertyFlags { case_insensitive: true, ..flags }).is_some(), "{name}");
        }
        for name in ["Alpha", "Lower", "Upper", "Space", "Punct", "XDigit", "Alnum", "Cntrl", "Digit", "Blank", "Graph", "Print"] {
            assert!(posix_unicode(name, flags).is_some(), "{name}");
        }
        assert!(java("IsGraph").contains('ſ') && !java("Graph").contains('ſ'));
    }

    #[test]
    fn case_properties_widen_under_case_insensitivity() {
        let ci = PropertyFlags { case_insensitive: true, ..PropertyFlags::default() };
        assert!(property("Lu", ci).unwrap().contains('a'));
        assert!(property("Lower", ci).unwrap().contains('A') && !property("Lower", ci).unwrap().contains('é'));
        assert!(!property("InBasicLatin", ci).unwrap().contains('é'));
    }

    #[test]
    fn case_closures_follow_java() {
        let k = Class::char('k');
        assert!(k.ascii_case_closure().contains('K') && !k.ascii_case_closure().contains('\u{212A}'));
        assert!(Class::java_case_single('k').contains('\u{212A}'));
        assert!(Class::java_case_single('i').contains('\u{130}') && Class::java_case_single('\u{130}').contains('I'));
        assert!(!Class::java_case_range('\u{130}', '\u{131}').contains('i'), "a range folds its members, not the reverse");
        assert!(!Class::java_case_single('ß').contains('\u{1E9E}'), "ß has no simple upper case");
        assert!(!Class::char('é').ascii_case_closure().contains('É'));
        let text = Class::range('a', 'c').ascii_case_closure().text;
        assert!(crate::regex::Regex::new(&text).unwrap().is_match("B"), "{text}");
    }

    #[test]
    fn the_built_in_spellings_all_resolve() {
        let g = GraphemeClasses::new();
        let all = [&g.cr, &g.lf, &g.control, &g.prepend, &g.extend, &g.zwj, &g.spacing_mark, &g.regional_indicator, &g.pictographic, &g.l, &g.v, &g.t, &g.lv, &g.lvt, &g.other];
        assert!(all.iter().all(|class| !class.set.ranges().is_empty()));
        assert!(g.zwj.contains('\u{200D}'), "a one-character class resolves");
        for class in [boundary_word(false), boundary_word(true), Class::letter_or_digit(), Class::non_spacing_mark()] {
            assert!(!class.set.ranges().is_empty());
        }
        for letter in "dDsSwWhHvV".chars() {
            assert!(shorthand(letter, false).is_some() && shorthand(letter, true).is_some());
        }
    }

    #[test]
    fn empty_sets_have_a_spelling_that_matches_nothing() {
        let empty = Class::from_set(ClassUnicode::empty());
        let regex = crate::regex::Regex::new(&empty.text).unwrap();
        assert!(!regex.is_match("a") && !regex.is_match("\u{10FFFF}"));
    }
}
