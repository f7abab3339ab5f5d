//! Stub of the construct table (the real one is written separately): each row is a Java
//! pattern with strings Java's `find()` accepts and rejects.

pub struct Row {
    pub pattern: &'static str,
    pub matches: &'static [&'static str],
    pub rejects: &'static [&'static str],
}

pub const TABLE: &[Row] = &[
    Row { pattern: r"^\d+$", matches: &["123", "1\n"], rejects: &["٣", "1\n\n"] },
    Row { pattern: r"^\s$", matches: &["\u{B}"], rejects: &["\u{A0}"] },
    Row { pattern: r"^.$", matches: &["a"], rejects: &["\u{85}"] },
];
