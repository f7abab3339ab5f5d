//! Checking values against the constraints of the model (`@required`, `@length`, `@pattern`,
//! `@range`, `@uniqueItems`, enum membership) before anything goes on the wire.
//!
//! Generated `validate()` methods walk a value and report every violation, each with a JSON
//! Pointer to the offending member and one of Smithy's standard messages. Messages never
//! contain the value itself, so a `@sensitive` value cannot leak through an error.
//!
//! Nothing is allocated while a value is valid: the path to the current member is a chain
//! of borrowed [`Path`] links on the stack, written out only when a violation is recorded.

use std::cmp::Ordering;
use std::fmt;

/// Every constraint a value failed to satisfy, in the order they were found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// The violations; never empty.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

impl fmt::Display for ValidationError {
    /// `N validation error(s) detected. <message>; <message>…`, as Smithy services word it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.violations.len();
        write!(f, "{count} validation error{} detected. ", if count == 1 { "" } else { "s" })?;
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&violation.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// One constraint a member failed to satisfy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    path: String,
    message: String,
}

impl Violation {
    /// A JSON Pointer (RFC 6901) to the member, from the validated value: `/tags/3/tagKey`.
    /// A bad map key points at the map; a bad map value at `/map/<key>`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, without the value: `Value at '/name' failed to satisfy constraint: …`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Where a value sits inside the value being validated: a chain of borrowed links, cheap
/// to extend while descending and written out only for a violation.
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    /// The validated value itself.
    Root,
    /// A member of a structure or union.
    Member(&'a Path<'a>, &'static str),
    /// An entry of a list.
    Index(&'a Path<'a>, usize),
    /// The value of a map entry, by key.
    Key(&'a Path<'a>, &'a str),
}

impl<'a> Path<'a> {
    /// The path of a structure or union member below this one.
    pub fn member(&'a self, name: &'static str) -> Path<'a> {
        Path::Member(self, name)
    }

    /// The path of a list entry below this one.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The path of a map value below this one.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The JSON Pointer text; the root is the empty pointer.
    fn write_to(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Member(parent, name) => {
                parent.write_to(out);
                out.push('/');
                escape_into(name, out);
            }
            Path::Index(parent, index) => {
                parent.write_to(out);
                out.push('/');
                out.push_str(&index.to_string());
            }
            Path::Key(parent, key) => {
                parent.write_to(out);
                out.push('/');
                escape_into(key, out);
            }
        }
    }
}

/// RFC 6901: `~` becomes `~0` and `/` becomes `~1`.
pub(crate) fn escape_into(token: &str, out: &mut String) {
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// Inclusive bounds of a `@length` constraint.
#[derive(Clone, Copy, Debug)]
pub struct LengthBounds {
    /// The least length allowed.
    pub min: Option<u64>,
    /// The greatest length allowed.
    pub max: Option<u64>,
}

impl LengthBounds {
    fn admits(self, length: usize) -> bool {
        let length = length as u64;
        self.min.is_none_or(|min| length >= min) && self.max.is_none_or(|max| length <= max)
    }
}

/// A compiled `@pattern`, with Java's meaning: the engine the generator chose for it.
pub enum Pattern {
    /// A linear-time automaton (the `regex` crate, compiled on first use and then shared
    /// by every call in the process), for patterns it can express exactly; the
    /// [`LineEnd`](crate::pattern::LineEnd) says where the pattern's `$` may also match.
    Linear(std::sync::LazyLock<Option<regex::Regex>>, crate::pattern::LineEnd),
    /// Java's backtracking semantics, for lookaround, back-references, atomic groups and
    /// the other constructs no automaton expresses.
    Backtracking(&'static crate::pattern::Program),
}

impl Pattern {
    /// Whether the pattern matches anywhere in `text` (patterns are not anchored). The
    /// generator compiled every linear pattern with the same `regex` version, so one that
    /// does not compile cannot occur; if it did, the value is reported rather than passed.
    pub fn matches(&self, text: &str) -> bool {
        match self {
            Pattern::Linear(regex, line_end) => regex.as_ref().is_some_and(|regex| line_end.matches(text, |t| regex.is_match(t))),
            Pattern::Backtracking(program) => program.find(text),
        }
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Pattern::Linear(..) => "Pattern::Linear",
            Pattern::Backtracking(_) => "Pattern::Backtracking",
        })
    }
}

/// A value `validate()` walks: generated structures, unions and enums implement it, and the
/// containers they sit in hand each entry on with its path, so generated code checks a
/// member of any depth of nesting with one call.
pub trait Validate {
    /// Checks this value, found at `path`, recording violations into `violations`.
    fn validate_at(&self, path: &Path<'_>, violations: &mut Violations);
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, path: &Path<'_>, violations: &mut Violations) {
        if let Some(value) = self {
            value.validate_at(path, violations);
        }
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_at(&self, path: &Path<'_>, violations: &mut Violations) {
        (**self).validate_at(path, violations);
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, path: &Path<'_>, violations: &mut Violations) {
        for (index, item) in self.iter().enumerate() {
            item.validate_at(&path.index(index), violations);
        }
    }
}

/// A map's values are checked at `/map/<key>`; its keys are checked by generated code.
impl<K: AsRef<str>, V: Validate> Validate for std::collections::BTreeMap<K, V> {
    fn validate_at(&self, path: &Path<'_>, violations: &mut Violations) {
        for (key, value) in self {
            value.validate_at(&path.key(key.as_ref()), violations);
        }
    }
}

/// Walks `value` from the root: `Ok`, or every violation found.
pub fn validate<T: Validate + ?Sized>(value: &T) -> Result<(), ValidationError> {
    let mut violations = Violations::new();
    value.validate_at(&Path::Root, &mut violations);
    violations.into_result()
}

/// The violations found so far while walking a value. Empty (and unallocated) while the
/// value is valid.
#[derive(Debug, Default)]
pub struct Violations {
    list: Vec<Violation>,
}

impl Violations {
    /// No violations yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// `Ok` when nothing was recorded, else every violation.
    pub fn into_result(self) -> Result<(), ValidationError> {
        if self.list.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { violations: self.list })
        }
    }

    fn record(&mut self, path: &Path<'_>, message: impl FnOnce(&str) -> String) {
        let mut text = String::new();
        path.write_to(&mut text);
        let message = message(&text);
        self.list.push(Violation { path: text, message });
    }

    /// A `@required` member is unset.
    pub fn required(&mut self, path: &Path<'_>) {
        self.record(path, |at| format!("Value at '{at}' failed to satisfy constraint: Member must not be null"));
    }

    /// Checks a `@length` constraint against a length already measured (Unicode scalar
    /// values for strings, bytes for blobs, entries for lists and maps).
    pub fn length(&mut self, path: &Path<'_>, length: usize, bounds: LengthBounds) {
        if bounds.admits(length) {
            return;
        }
        let rule = match (bounds.min, bounds.max) {
            (Some(min), Some(max)) => format!("between {min} and {max}, inclusive"),
            (Some(min), None) => format!("greater than or equal to {min}"),
            (None, Some(max)) => format!("less than or equal to {max}"),
            (None, None) => return,
        };
        self.record(path, |at| {
            format!("Value with length {length} at '{at}' failed to satisfy constraint: Member must have length {rule}")
        });
    }

    /// Checks a `@pattern` constraint; `source` is the pattern as the model writes it.
    pub fn pattern(&mut self, path: &Path<'_>, text: &str, pattern: &Pattern, source: &'static str) {
        if !pattern.matches(text) {
            self.record(path, |at| {
                format!("Value at '{at}' failed to satisfy constraint: Member must satisfy regular expression pattern: {source}")
            });
        }
    }

    /// A `@range` constraint failed; `rule` is `between 2 and 8, inclusive`,
    /// `greater than or equal to 2` or `less than or equal to 8`.
    pub fn range(&mut self, path: &Path<'_>, rule: &'static str) {
        self.record(path, |at| format!("Value at '{at}' failed to satisfy constraint: Member must be {rule}"));
    }

    /// A value is not one the enum defines; `values` is the list shown, e.g. `[abc, def]`.
    pub fn enumeration(&mut self, path: &Path<'_>, values: &'static str) {
        self.record(path, |at| {
            format!("Value at '{at}' failed to satisfy constraint: Member must satisfy enum value set: {values}")
        });
    }

    /// A `@uniqueItems` list holds two equal entries.
    pub fn unique(&mut self, path: &Path<'_>) {
        self.record(path, |at| format!("Value at '{at}' failed to satisfy constraint: Member must have unique values"));
    }

    /// A union holds a member this version of the crate does not know: it cannot be sent.
    pub fn unknown_union_member(&mut self, path: &Path<'_>) {
        self.record(path, |at| {
            format!("Value at '{at}' failed to satisfy constraint: Member must be set to a member the model defines")
        });
    }
}

/// Whether a floating-point value lies within inclusive thresholds; NaN never does.
pub fn float_within(value: f64, min: f64, max: f64) -> bool {
    matches!(value.partial_cmp(&min), Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal))
        && matches!(value.partial_cmp(&max), Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal))
}

/// Whether two entries of `items` are equal, comparing every pair. No allocation; used
/// for short lists and for entries that cannot be hashed.
pub fn has_duplicates<T: PartialEq>(items: &[T]) -> bool {
    items.iter().enumerate().any(|(i, item)| items.get(i + 1..).is_some_and(|rest| rest.contains(item)))
}

/// Like [`has_duplicates`], in linear time for long lists of hashable entries.
pub fn has_duplicates_hashable<T: std::hash::Hash + Eq>(items: &[T]) -> bool {
    // Below this size comparing every pair is faster than building a set.
    const PAIRWISE_UP_TO: usize = 16;
    if items.len() <= PAIRWISE_UP_TO {
        return has_duplicates(items);
    }
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    !items.iter().all(|item| seen.insert(item))
}

/// Compares two decimal numbers written as text (`[sign] digits [. digits] [e [sign]
/// digits]`) exactly, without converting to floating point. `None` if either is not such
/// a number.
pub fn compare_decimals(a: &str, b: &str) -> Option<Ordering> {
    let (a, b) = (Decimal::parse(a)?, Decimal::parse(b)?);
    Some(match (a.negative, b.negative) {
        (false, true) => Ordering::Greater,
        (true, false) => Ordering::Less,
        (false, false) => a.magnitude_cmp(&b),
        (true, true) => b.magnitude_cmp(&a),
    })
}

/// A decimal number as borrowed digits: `0.digits × 10^exponent`, zero normalised to
/// positive with no digits.
struct Decimal<'a> {
    negative: bool,
    /// Significant digits with leading and trailing zeros removed, split around the point.
    whole: &'a str,
    fraction: &'a str,
    /// Position of the decimal point relative to the start of the significant digits.
    exponent: i64,
}

impl<'a> Decimal<'a> {
    fn parse(text: &'a str) -> Option<Self> {
        let (negative, text) = match text.as_bytes().first() {
            Some(b'-') => (true, text.get(1..)?),
            Some(b'+') => (false, text.get(1..)?),
            _ => (false, text),
        };
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(at) => (text.get(..at)?, text.get(at + 1..)?.parse::<i64>().ok()?),
            None => (text, 0),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || !digits(fraction) || (whole.is_empty() && fraction.is_empty()) {
            return None;
        }
        // Significant digits start at the first non-zero digit of whole, else of fraction.
        let whole_trimmed = whole.trim_start_matches('0');
        let (whole, fraction, point) = if whole_trimmed.is_empty() {
            let trimmed = fraction.trim_start_matches('0');
            let skipped = (fraction.len() - trimmed.len()) as i64;
            ("", trimmed.trim_end_matches('0'), -skipped)
        } else {
            let fraction = fraction.trim_end_matches('0');
            let whole = if fraction.is_empty() { whole_trimmed.trim_end_matches('0') } else { whole_trimmed };
            (whole, fraction, whole_trimmed.len() as i64)
        };
        if whole.is_empty() && fraction.is_empty() {
            return Some(Decimal { negative: false, whole: "", fraction: "", exponent: 0 });
        }
        Some(Decimal { negative, whole, fraction, exponent: point.checked_add(exponent)? })
    }

    fn is_zero(&self) -> bool {
        self.whole.is_empty() && self.fraction.is_empty()
    }

    fn digits(&self) -> impl Iterator<Item = u8> + '_ {
        self.whole.bytes().chain(self.fraction.bytes())
    }

    /// Compares absolute values.
    fn magnitude_cmp(&self, other: &Decimal<'_>) -> Ordering {
        match (self.is_zero(), other.is_zero()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
        // Both are 0.d1d2… × 10^exponent with d1 ≠ 0: the exponent decides, then the digits.
        self.exponent.cmp(&other.exponent).then_with(|| {
            let (mut a, mut b) = (self.digits(), other.digits());
            loop {
                match (a.next(), b.next()) {
                    (None, None) => return Ordering::Equal,
                    (Some(_), None) => return Ordering::Greater,
                    (None, Some(_)) => return Ordering::Less,
                    (Some(x), Some(y)) if x != y => return x.cmp(&y),
                    _ => {}
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_json_pointers_with_escaped_keys() {
        let root = Path::Root;
        let map = root.member("map");
        let key = map.key("a/b~c");
        let list = key.index(3);
        let mut violations = Violations::new();
        violations.unique(&list.member("tagKey"));
        violations.required(&root);
        let error = violations.into_result().unwrap_err();
        assert_eq!(error.violations()[0].path(), "/map/a~1b~0c/3/tagKey");
        assert_eq!(error.violations()[1].path(), "");
        assert!(error.to_string().starts_with("2 validation errors detected. Value at '/map/a~1b~0c/3/tagKey'"));
        assert!(Violations::new().into_result().is_ok());
    }

    /// A value that is always a violation, so each one checked shows up with its path.
    struct Bad;

    impl Validate for Bad {
        fn validate_at(&self, path: &Path<'_>, violations: &mut Violations) {
            violations.required(path);
        }
    }

    #[test]
    fn containers_hand_each_entry_on_with_its_path() {
        type Entries = std::collections::BTreeMap<String, Box<Bad>>;
        let mut map = Entries::new();
        map.insert("k/1".to_owned(), Box::new(Bad));
        map.insert("k2".to_owned(), Box::new(Bad));
        let value: Option<Vec<Option<Entries>>> = Some(vec![None, Some(map), Some(Entries::new())]);
        let error = validate(&value).unwrap_err();
        let paths: Vec<&str> = error.violations().iter().map(Violation::path).collect();
        assert_eq!(paths, ["/1/k~11", "/1/k2"]);
        assert!(validate(&None::<Bad>).is_ok());
        assert!(validate(&Vec::<Bad>::new()).is_ok());
    }

    #[test]
    fn floats_outside_or_nan_are_not_within() {
        assert!(float_within(2.0, 2.0, 8.0));
        assert!(!float_within(f64::NAN, f64::NEG_INFINITY, f64::INFINITY));
        assert!(!float_within(8.5, 2.0, 8.0));
        assert!(float_within(f64::INFINITY, 0.0, f64::INFINITY));
    }

    #[test]
    fn duplicates_are_found_by_value() {
        assert!(has_duplicates(&[vec![1], vec![2], vec![1]]));
        assert!(!has_duplicates::<u8>(&[]));
        let many: Vec<String> = (0..100).map(|i| i.to_string()).collect();
        assert!(!has_duplicates_hashable(&many));
        let mut repeated = many.clone();
        repeated.push("42".to_owned());
        assert!(has_duplicates_hashable(&repeated));
    }

    #[test]
    fn decimals_compare_exactly() {
        let cmp = |a, b| compare_decimals(a, b).unwrap();
        assert_eq!(cmp("2.2", "2.20"), Ordering::Equal);
        assert_eq!(cmp("0022", "22e0"), Ordering::Equal);
        assert_eq!(cmp("1e2", "100"), Ordering::Equal);
        assert_eq!(cmp("-0", "0.000"), Ordering::Equal);
        assert_eq!(cmp("2.1999999999999999999", "2.2"), Ordering::Less);
        assert_eq!(cmp("-3", "2"), Ordering::Less);
        assert_eq!(cmp("-3", "-2.5"), Ordering::Less);
        assert_eq!(cmp("0.001", "1e-3"), Ordering::Equal);
        assert_eq!(cmp("123456789012345678901234567890", "1.2345678901234567890123456789e29"), Ordering::Equal);
        assert_eq!(cmp("10", "9.99"), Ordering::Greater);
        assert_eq!(compare_decimals("1x", "1"), None);
    }
}
