//! Differential test of pattern translation against `java.util.regex` itself: for every
//! `@pattern` of the AWS and protocol-test models and of the construct table, Java's
//! `Pattern.compile(p).matcher(s).find()` (run by `tests/java/PatternOracle.java`, one JVM
//! for the whole run) and the generated check (`Matcher::is_match`) must give the same
//! verdict on each probe string.
//!
//! Probes come from a coarse reading of the pattern itself: a few walks through it that
//! should match (one representative per atom, repetition counts at and around the bounds),
//! their mutations (line terminators appended, characters swapped for tricky ones,
//! truncated, doubled, wrapped), and single characters from its classes and ranges (the
//! ends, and just outside them) and from a fixed set where dialects part.

mod support;

// The linear engine generated crates match with.
use smithy_runtime::__private::regex;
use codegen::ir::pattern::{prepare, PatternEngine};
use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};
use support::Rng;

/// Longest probe, in characters: long enough for an ARN walk, short enough that Java's own
/// backtracking stays fast on nested quantifiers.
const MAX_LEN: usize = 64;

/// Probes per pattern, besides the table's own strings.
const MAX_PROBES: usize = 80;

/// Disagreements shown in the failure message.
const SHOWN: usize = 40;

/// Characters where dialects and engines part: line terminators, the Unicode digits, letters
/// and spaces that Java's ASCII shorthands leave out, case-folding oddities (long s, Kelvin,
/// dotted and dotless i), a combining mark, an astral character, NUL.
const TRICKY: &[char] = &[
    '\n', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{B}', '\u{C}', '\u{A0}', '\u{3000}', '٣', 'é', 'ſ', '\u{212A}', 'İ',
    'ı', 'ß', '\u{301}', '😀', '\0', '_', '-', ' ', '\t',
];

/// A spread of characters, to sample classes known only by name (`\p{…}`) or by what they
/// leave out (`[^…]`).
const POOL: &str = "aZm09_-. \t!~éÅßſıİ\u{212A}Σσς٣１ⅫЖα日ア한\u{301}\u{200D}\u{FEFF}\u{A0}\u{3000}€$+<([{\\/:@©😀\u{0}\u{7F}\u{85}\u{2028}\n";

#[test]
fn translated_patterns_agree_with_java() {
    const TEST: &str = "translated_patterns_agree_with_java";
    let Some(corpus) = support::corpus_patterns(TEST) else { return };
    let version = Command::new("java").arg("-version").output();
    if !version.as_ref().is_ok_and(|out| out.status.success()) {
        let why = version.map_or_else(|e| e.to_string(), |out| out.status.to_string());
        // CI sets REQUIRE_JAVA, so that there a missing JDK fails instead of passing unseen.
        assert!(std::env::var_os("REQUIRE_JAVA").is_none(), "{TEST}: `java` cannot be run ({why}), and REQUIRE_JAVA is set");
        eprintln!("{TEST}: SKIPPED, because `java` cannot be run ({why}); install a JDK (17+) to compare with java.util.regex");
        return;
    }

    // Each case: a pattern, whether it comes from the models, and its probes.
    let mut cases: Vec<(String, bool, Vec<String>)> =
        corpus.iter().map(|p| (p.clone(), true, probes(p, &[]))).collect();
    for row in support::pattern_table::TABLE {
        let table: Vec<&str> = row.matches.iter().chain(row.rejects).copied().collect();
        cases.push((row.pattern.to_owned(), false, probes(row.pattern, &table)));
    }
    let distinct: BTreeSet<&str> = cases.iter().map(|(p, ..)| p.as_str()).collect();

    let code_points: BTreeSet<char> = cases.iter().flat_map(|(_, _, probes)| probes.iter().flat_map(|p| p.chars())).collect();
    let ((java_types, java), ours) = std::thread::scope(|scope| {
        // The JVM works while we match.
        let java = scope.spawn(|| ask_java(&code_points, &cases));
        let ours: Vec<_> = cases.iter().map(|(pattern, _, probes)| our_verdicts(pattern, probes)).collect();
        (java.join().expect("the oracle thread"), ours)
    });
    let changed = changed_since_java(&code_points, &java_types);

    let (mut probed, mut compared, mut excluded, mut gave_up) = (0, 0, 0, vec![]);
    let mut engines: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    let (mut java_rejects, mut refused, mut accepted_invalid, mut disagreements) = (vec![], vec![], vec![], vec![]);
    for (((pattern, from_models, probes), java), ours) in cases.iter().zip(&java).zip(ours) {
        let (java, (engine, ours)) = match (java.strip_prefix('!'), ours) {
            (Some(error), Ok(_)) => {
                accepted_invalid.push(format!("{pattern:?} ({error})"));
                java_rejects.push(pattern);
                continue;
            }
            (Some(_), Err(_)) => {
                java_rejects.push(pattern);
                continue;
            }
            (None, Err(reason)) => {
                refused.push((*from_models, format!("{pattern:?}: {reason}")));
                continue;
            }
            (None, Ok(ours)) => (java, ours),
        };
        if *from_models {
            *engines.entry(engine).or_insert(0) += 1;
        }
        probed += probes.len();
        for ((probe, verdict), got) in probes.iter().zip(java.chars()).zip(ours) {
            if probe.chars().any(|c| changed.contains(&c)) {
                excluded += 1;
                continue;
            }
            let expected = match verdict {
                '1' => true,
                '0' => false,
                _ => {
                    gave_up.push(format!("{pattern:?} on \"{}\"", escape(probe)));
                    continue;
                }
            };
            compared += 1;
            if got != Some(expected) {
                let got = got.map_or("a panic".to_owned(), |g| g.to_string());
                disagreements.push(format!("{pattern:?} on \"{}\": Java {expected}, ours {got} ({engine})", escape(probe)));
            }
        }
    }

    eprintln!("engines of the model patterns: {engines:?}");
    let corpus_refused: Vec<&String> = refused.iter().filter(|(from_models, _)| *from_models).map(|(_, r)| r).collect();
    eprintln!(
        "{} distinct patterns ({} from the models, {} table rows), {probed} probes, {compared} comparisons, {} disagreements;\n\
         {excluded} probes excluded for a character whose Unicode category differs between Java ({} code points) \
         and regex-syntax, {} where Java gave up (step budget, stack) or threw, first few: {:?}",
        distinct.len(),
        corpus.len(),
        support::pattern_table::TABLE.len(),
        disagreements.len(),
        changed.len(),
        gave_up.len(),
        gave_up.iter().take(3).collect::<Vec<_>>(),
    );
    eprintln!(
        "{} patterns Java rejects (skipped), first few: {:?}",
        java_rejects.len(),
        java_rejects.iter().take(5).collect::<Vec<_>>()
    );
    if !accepted_invalid.is_empty() {
        eprintln!("{} of them we accept:\n  {}", accepted_invalid.len(), accepted_invalid.join("\n  "));
    }
    eprintln!("{} patterns Java accepts that we refuse ({} from the models):", refused.len(), corpus_refused.len());
    for (_, reason) in &refused {
        eprintln!("  {reason}");
    }
    assert!(compared > 100_000, "too few comparisons: {compared}");
    assert!(
        disagreements.is_empty(),
        "{} disagreements with Java (first {SHOWN}):\n{}",
        disagreements.len(),
        disagreements.iter().take(SHOWN).cloned().collect::<Vec<_>>().join("\n")
    );
    assert!(corpus_refused.is_empty(), "model patterns refused although Java accepts them:\n{corpus_refused:#?}");
}

/// Our side of a case: the engine's name and a verdict per probe (`None`: matching
/// panicked), or why the pattern was refused.
fn our_verdicts(pattern: &str, probes: &[String]) -> Result<(&'static str, Vec<Option<bool>>), String> {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    let prepared = catch_unwind(|| prepare(pattern)).unwrap_or_else(|_| Err("prepare panicked".to_owned()))?;
    let matcher = prepared.matcher()?;
    let engine = match prepared.engine {
        PatternEngine::Linear { .. } => "linear",
        PatternEngine::Backtracking { .. } => "backtracking",
    };
    Ok((engine, probes.iter().map(|probe| catch_unwind(AssertUnwindSafe(|| matcher.is_match(probe))).ok()).collect()))
}

/// Runs the oracle once for every case: Java's `Character.getType` of each code point, and
/// per case either `!` and Java's error or one verdict character per probe.
fn ask_java(code_points: &BTreeSet<char>, cases: &[(String, bool, Vec<String>)]) -> (Vec<u32>, Vec<String>) {
    let hex = |text: &str| text.chars().map(|c| format!("{:x}", u32::from(c))).collect::<Vec<_>>().join(",");
    let mut input = code_points.iter().map(|&c| format!("{:x}", u32::from(c))).collect::<Vec<_>>().join(",");
    input.push('\n');
    for (pattern, _, probes) in cases {
        input.push_str(&hex(pattern));
        for probe in probes {
            input.push(' ');
            input.push_str(&hex(probe));
        }
        input.push('\n');
    }
    let oracle = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("java/PatternOracle.java");
    // The single-file source launcher compiles the oracle in memory: nothing to clean up.
    let mut child = Command::new("java")
        .arg(&oracle)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("java starts");
    // Written from another thread, so that neither side blocks on a full pipe.
    let mut stdin = child.stdin.take().expect("piped stdin");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("java runs");
    assert!(output.status.success(), "the Java oracle failed: {}", String::from_utf8_lossy(&output.stderr));
    writer.join().expect("writer thread").expect("java reads its input");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 from the oracle");
    let mut lines = stdout.lines();
    let types = lines.next().unwrap_or_default().split(',').filter(|t| !t.is_empty()).map(|t| t.parse().expect("a type")).collect();
    let verdicts: Vec<String> = lines.map(str::to_owned).collect();
    assert_eq!(verdicts.len(), cases.len(), "one oracle line per pattern");
    (types, verdicts)
}

/// The code points whose general category in Java 17 (Unicode 13) is not the one
/// `regex-syntax` gives (Unicode 16): mostly characters assigned since. A probe holding one
/// is not compared, since the two sides read different character databases.
fn changed_since_java(code_points: &BTreeSet<char>, java_types: &[u32]) -> BTreeSet<char> {
    // Indexed by `Character.getType`; 17 is unused, and 19 (surrogates) is never a `char`.
    const CATEGORIES: [&str; 31] = [
        "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf", "", "Co", "",
        "Pd", "Ps", "Pe", "Pc", "Po", "Sm", "Sc", "Sk", "So", "Pi", "Pf",
    ];
    let category: Vec<Option<regex::Regex>> =
        CATEGORIES.iter().map(|c| (!c.is_empty()).then(|| regex::Regex::new(&format!(r"^\p{{{c}}}$")).expect("a category"))).collect();
    assert_eq!(code_points.len(), java_types.len(), "one type per code point");
    code_points
        .iter()
        .zip(java_types)
        .filter(|(c, &t)| !category.get(t as usize).and_then(Option::as_ref).is_some_and(|re| re.is_match(&c.to_string())))
        .map(|(&c, _)| c)
        .collect()
}

/// The probe with everything but printable ASCII as `\u{…}`.
fn escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' | '\\' => format!("\\{c}"),
            ' '..='~' => c.to_string(),
            _ => format!("\\u{{{:x}}}", u32::from(c)),
        })
        .collect()
}

/// Probe strings for `pattern`: `extra` first, then walks and their mutations, then single
/// characters.
fn probes(pattern: &str, extra: &[&str]) -> Vec<String> {
    let mut scan = Scan { chars: pattern.chars().collect(), at: 0, seen: Vec::new() };
    let mut branches = scan.branches();
    // An unbalanced `)` ends a branch early: read on, so that what follows is walked too.
    while scan.at < scan.chars.len() {
        scan.at += 1;
        branches.extend(scan.branches());
    }
    let mut rng = Rng::from_text(pattern);
    let mut out = Probes(Vec::new());
    let walks: Vec<Vec<char>> = [Walk::Typical, Walk::Minimal, Walk::Varied, Walk::AtMost, Walk::Beyond]
        .into_iter()
        .map(|walk| {
            let mut text = Vec::new();
            walk.group(&branches, &mut rng, &mut text);
            text
        })
        .collect();
    let seen = {
        let mut seen = scan.seen.clone();
        seen.sort_unstable();
        seen.dedup();
        seen
    };

    // In order of value, since the cap cuts the tail: the first walk and all its mutations,
    // the other walks with a few, then single characters.
    for (i, walk) in walks.iter().enumerate() {
        out.mutations(walk, i == 0, &seen, &mut rng);
    }
    out.add(String::new());
    for c in TRICKY {
        out.add(c.to_string());
    }
    // The characters the pattern names (range ends and their neighbours), a sample if many.
    for _ in 0..seen.len().min(12) {
        out.add(rng.pick(&seen).to_string());
    }
    out.0.truncate(MAX_PROBES);
    let mut all: Vec<String> = extra.iter().map(|s| (*s).to_owned()).collect();
    all.extend(out.0.into_iter().filter(|p| !extra.contains(&p.as_str())));
    all
}

/// Distinct probes in order of addition, each cut to [`MAX_LEN`] characters.
struct Probes(Vec<String>);

impl Probes {
    fn add(&mut self, probe: String) {
        let probe: String = probe.chars().take(MAX_LEN).collect();
        if !self.0.contains(&probe) {
            self.0.push(probe);
        }
    }

    /// `walk` itself and its mutations; all of them when `full`, else a few.
    fn mutations(&mut self, walk: &[char], full: bool, seen: &[char], rng: &mut Rng) {
        let text: String = walk.iter().collect();
        self.add(text.clone());
        self.add(format!("{text}\n"));
        self.add(format!("{text}\u{85}"));
        let substituted = |rng: &mut Rng, with: char| {
            let mut chars = walk.to_vec();
            if !chars.is_empty() {
                let at = rng.below(chars.len());
                chars[at] = with;
            }
            chars.into_iter().collect::<String>()
        };
        if !full {
            for _ in 0..2 {
                let with = rng.pick(TRICKY);
                self.add(substituted(rng, with));
            }
            let with = if seen.is_empty() { 'a' } else { rng.pick(seen) };
            self.add(substituted(rng, with));
            return;
        }
        // What `$`, `\Z` and `.` read differently: the final line terminator.
        for end in ["\r\n", "\r", "\u{2028}", "\u{2029}", "\n\n", "\nx", " ", "-"] {
            self.add(format!("{text}{end}"));
        }
        for start in ["\n", " ", "x"] {
            self.add(format!("{start}{text}"));
        }
        self.add(walk.iter().skip(1).collect());
        self.add(walk.iter().take(walk.len().saturating_sub(1)).collect());
        self.add(format!("{text}{text}"));
        // For `(?i)`: the other case, ASCII and Unicode.
        self.add(walk.iter().map(|c| if c.is_lowercase() { c.to_uppercase().next() } else { c.to_lowercase().next() }.unwrap_or(*c)).collect());
        for _ in 0..5 {
            let with = rng.pick(TRICKY);
            self.add(substituted(rng, with));
        }
        for _ in 0..3 {
            let with = if seen.is_empty() { 'a' } else { rng.pick(seen) };
            self.add(substituted(rng, with));
        }
        let mut inserted = walk.to_vec();
        inserted.insert(rng.below(walk.len() + 1), rng.pick(TRICKY));
        self.add(inserted.into_iter().collect());
    }
}

/// One step of a coarse reading of a pattern: an atom and how often it repeats.
struct Item {
    piece: Piece,
    min: u32,
    max: Option<u32>,
}

enum Piece {
    /// One character: `members` likely matching ones first, then likely non-matching ones.
    Char { candidates: Vec<char>, members: usize },
    /// A group's branches; a lookaround consumes nothing.
    Group { branches: Vec<Vec<Item>>, consumes: bool },
    /// An anchor, a back-reference, inline flags.
    Nothing,
}

/// Characters a class likely contains and likely leaves out, with the ranges it names (to
/// find members of its negation).
#[derive(Default)]
struct Set {
    members: Vec<char>,
    others: Vec<char>,
    ranges: Vec<(char, char)>,
}

impl Set {
    fn of(members: &str, others: &str) -> Set {
        Set { members: members.chars().collect(), others: others.chars().collect(), ranges: members.chars().map(|c| (c, c)).collect() }
    }

    fn char(c: char) -> Set {
        // The other case too, for `(?i)`.
        let other: String = if c.is_lowercase() { c.to_uppercase().collect() } else { c.to_lowercase().collect() };
        Set::of(&c.to_string(), &other.chars().filter(|&o| o != c).collect::<String>())
    }

    fn range(from: char, to: char) -> Set {
        let near = |c: char, by: i64| char::from_u32(u32::try_from(i64::from(u32::from(c)) + by).ok()?);
        let middle = char::from_u32((u32::from(from) + u32::from(to)) / 2);
        Set {
            members: [Some(from), Some(to), middle].into_iter().flatten().collect(),
            others: [near(from, -1), near(to, 1)].into_iter().flatten().collect(),
            ranges: vec![(from, to)],
        }
    }

    fn add(&mut self, other: Set) {
        self.members.extend(other.members);
        self.others.extend(other.others);
        self.ranges.extend(other.ranges);
    }

    /// The complement: pool characters outside every range named become the members.
    fn negate(self) -> Set {
        let named = |c: char| self.ranges.iter().any(|&(a, b)| a <= c && c <= b) || self.members.contains(&c);
        let mut members: Vec<char> = POOL.chars().filter(|&c| !named(c)).take(4).collect();
        members.extend(self.others);
        Set { members, others: self.members, ranges: Vec::new() }
    }

    fn piece(self, seen: &mut Vec<char>) -> Piece {
        let members = self.members.len();
        let mut candidates = self.members;
        candidates.extend(self.others);
        seen.extend(&candidates);
        if candidates.is_empty() {
            return Piece::Nothing;
        }
        Piece::Char { candidates, members }
    }
}

/// A `\p{…}` class: members and non-members from the pool, where a `regex` spelling of the
/// property is known.
fn property(name: &str) -> Set {
    let name = name.strip_prefix("Is").unwrap_or(name);
    let spelled = match name {
        "Lower" => "[a-z]".to_owned(),
        "Upper" => "[A-Z]".to_owned(),
        "ASCII" => r"[\x00-\x7F]".to_owned(),
        "Alpha" => "[a-zA-Z]".to_owned(),
        "Digit" => "[0-9]".to_owned(),
        "Alnum" => "[a-zA-Z0-9]".to_owned(),
        "Punct" | "Graph" | "Print" => "[!-~]".to_owned(),
        "Blank" | "Space" => r"[ \t]".to_owned(),
        "Cntrl" => r"[\x00-\x1F\x7F]".to_owned(),
        "XDigit" => "[0-9a-fA-F]".to_owned(),
        "javaLowerCase" => r"\p{Lowercase}".to_owned(),
        "javaUpperCase" => r"\p{Uppercase}".to_owned(),
        "javaWhitespace" => r"\s".to_owned(),
        _ => format!(r"\p{{{name}}}"),
    };
    match regex::Regex::new(&format!("^{spelled}$")) {
        Ok(re) => {
            let (members, others): (String, String) = POOL.chars().partition(|c| re.is_match(&c.to_string()));
            Set::of(&members, &others)
        }
        Err(_) => Set::of(POOL, ""),
    }
}

/// A coarse scanner: reads any text, never fails, and understands just enough of Java's
/// syntax to walk a pattern.
struct Scan {
    chars: Vec<char>,
    at: usize,
    /// Every candidate character met, for single-character probes and substitutions.
    seen: Vec<char>,
}

impl Scan {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        self.at += usize::from(found);
        found
    }

    fn branches(&mut self) -> Vec<Vec<Item>> {
        let mut branches = vec![self.sequence()];
        while self.eat('|') {
            branches.push(self.sequence());
        }
        branches
    }

    fn sequence(&mut self) -> Vec<Item> {
        let mut items = Vec::new();
        while let Some(c) = self.peek().filter(|c| !matches!(c, '|' | ')')) {
            self.at += 1;
            let piece = match c {
                '(' => self.group(),
                '[' => self.class().piece(&mut self.seen),
                '\\' => self.escape(),
                '.' => Set::of("a", "\n\r\u{85}\u{2028}").piece(&mut self.seen),
                '^' | '$' => Piece::Nothing,
                c => Set::char(c).piece(&mut self.seen),
            };
            let (min, max) = self.quantifier();
            items.push(Item { piece, min, max });
        }
        items
    }

    fn quantifier(&mut self) -> (u32, Option<u32>) {
        let counts = match self.peek() {
            Some('?') => (0, Some(1)),
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('{') => {
                let end = self.chars[self.at..].iter().position(|&c| c == '}');
                let body: Option<String> = end.map(|end| self.chars[self.at + 1..self.at + end].iter().collect());
                let Some((min, max)) = body.as_deref().and_then(|body| {
                    let (min, max) = body.split_once(',').unwrap_or((body, body));
                    Some((min.parse().ok()?, if max.is_empty() { None } else { Some(max.parse().ok()?) }))
                }) else {
                    return (1, Some(1));
                };
                self.at += end.unwrap_or(0);
                (min, max)
            }
            _ => return (1, Some(1)),
        };
        self.at += 1;
        // Lazy and possessive suffixes.
        if matches!(self.peek(), Some('?' | '+')) {
            self.at += 1;
        }
        counts
    }

    /// After `(`.
    fn group(&mut self) -> Piece {
        let mut consumes = true;
        if self.eat('?') {
            match self.next() {
                Some('=' | '!') => consumes = false,
                Some(':' | '>') => {}
                Some('<') if self.eat('=') || self.eat('!') => consumes = false,
                Some('<') => while self.next().is_some_and(|c| c != '>') {},
                // Inline flags, alone or opening a group.
                _ => loop {
                    match self.next() {
                        Some(')') | None => return Piece::Nothing,
                        Some(':') => break,
                        _ => {}
                    }
                },
            }
        }
        let branches = self.branches();
        self.eat(')');
        Piece::Group { branches, consumes }
    }

    /// After a `\` outside a class.
    fn escape(&mut self) -> Piece {
        match self.peek() {
            Some('b' | 'B' | 'A' | 'z' | 'Z' | 'G' | 'E') | None => {
                self.at += 1;
                Piece::Nothing
            }
            Some('1'..='9') => {
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.at += 1;
                }
                Piece::Nothing
            }
            Some('k') => {
                while self.next().is_some_and(|c| c != '>') {}
                Piece::Nothing
            }
            Some('Q') => {
                self.at += 1;
                let quoted = self.quoted().into_iter().map(|c| Item { piece: Set::char(c).piece(&mut self.seen), min: 1, max: Some(1) });
                Piece::Group { branches: vec![quoted.collect()], consumes: true }
            }
            Some('R') => {
                self.at += 1;
                Set::of("\n\r\u{85}\u{2028}", "a").piece(&mut self.seen)
            }
            Some('X') => {
                self.at += 1;
                Set::of("a\u{301}", "").piece(&mut self.seen)
            }
            _ => self.class_escape().piece(&mut self.seen),
        }
    }

    /// After `\Q`, up to and past `\E`.
    fn quoted(&mut self) -> Vec<char> {
        let mut quoted = Vec::new();
        while let Some(c) = self.next() {
            if c == '\\' && self.eat('E') {
                break;
            }
            quoted.push(c);
        }
        quoted
    }

    /// After `[`, up to and past its `]`. An intersection (`&&`) is read as a union.
    fn class(&mut self) -> Set {
        let negated = self.eat('^');
        let mut set = Set::default();
        let mut first = true;
        while let Some(c) = self.next() {
            match c {
                ']' if !first => break,
                '[' => set.add(self.class()),
                '&' if self.eat('&') => {}
                '\\' if self.eat('Q') => self.quoted().into_iter().for_each(|c| set.add(Set::char(c))),
                _ => {
                    let from = if c == '\\' { self.class_escape() } else { Set::char(c) };
                    // A range when a single character is followed by `-` and another.
                    let single = (from.members.len() == 1).then(|| from.members[0]);
                    match (single, self.peek(), self.chars.get(self.at + 1)) {
                        (Some(from), Some('-'), Some(&to)) if to != ']' && to != '[' => {
                            self.at += 2;
                            let to = if to == '\\' { self.class_escape().members.first().copied().unwrap_or(from) } else { to };
                            set.add(Set::range(from, to));
                        }
                        _ => set.add(from),
                    }
                }
            }
            first = false;
        }
        if negated {
            set.negate()
        } else {
            set
        }
    }

    /// After a `\`, what may stand in a class too: a shorthand, a property or a character.
    fn class_escape(&mut self) -> Set {
        let Some(c) = self.next() else { return Set::default() };
        let hex = |scan: &mut Scan, digits: usize| {
            let text: String = scan.chars[scan.at..].iter().take(digits).take_while(|c| c.is_ascii_hexdigit()).collect();
            scan.at += text.chars().count();
            u32::from_str_radix(&text, 16).ok().and_then(char::from_u32).unwrap_or('\u{FFFD}')
        };
        let single = |c: char| Set::of(&c.to_string(), "");
        let shorthand = |c: char| match c {
            'd' => Set::of("09", "٣a"),
            'w' => Set::of("aZ_5", "é-٣"),
            's' => Set::of(" \t\n\u{B}\u{C}\r", "\u{A0}\u{85}\u{2028}a"),
            'h' => Set::of(" \t\u{A0}\u{3000}", "\na"),
            _ => Set::of("\n\u{B}\u{85}\u{2028}", "\u{A0} a"),
        };
        match c {
            'd' | 'w' | 's' | 'h' | 'v' => shorthand(c),
            'D' | 'W' | 'S' | 'H' | 'V' => shorthand(c.to_ascii_lowercase()).negate(),
            'p' | 'P' => {
                let name: String = if self.eat('{') {
                    let name = self.chars[self.at..].iter().take_while(|&&c| c != '}').collect::<String>();
                    self.at += name.chars().count() + 1;
                    name
                } else {
                    self.next().map(String::from).unwrap_or_default()
                };
                let set = property(&name);
                if c == 'P' {
                    set.negate()
                } else {
                    set
                }
            }
            't' => single('\t'),
            'n' => single('\n'),
            'r' => single('\r'),
            'f' => single('\u{C}'),
            'a' => single('\u{7}'),
            'e' => single('\u{1B}'),
            'c' => single(self.next().map_or('\0', |c| char::from_u32(u32::from(c) ^ 64).unwrap_or('\0'))),
            'u' => single(hex(self, 4)),
            'x' if self.eat('{') => {
                let c = hex(self, 8);
                self.eat('}');
                single(c)
            }
            'x' => single(hex(self, 2)),
            '0' => {
                let text: String = self.chars[self.at..].iter().take(3).take_while(|c| ('0'..='7').contains(c)).collect();
                self.at += text.len();
                single(u32::from_str_radix(&text, 8).ok().and_then(char::from_u32).unwrap_or('\0'))
            }
            c => Set::char(c),
        }
    }
}

/// How a walk goes through a pattern: which repetition count, branch and candidate.
#[derive(Clone, Copy)]
enum Walk {
    /// Each atom once (or its minimum), first branches, first candidates.
    Typical,
    /// Each atom its minimum, last branches.
    Minimal,
    /// Counts just above the minimum, random branches and members.
    Varied,
    /// Each counted atom its maximum, random candidates (members or not).
    AtMost,
    /// One more than the maximum.
    Beyond,
}

impl Walk {
    fn group(self, branches: &[Vec<Item>], rng: &mut Rng, out: &mut Vec<char>) {
        let branch = match self {
            Walk::Typical => 0,
            Walk::Minimal => branches.len() - 1,
            Walk::Beyond => 1 % branches.len(),
            Walk::Varied | Walk::AtMost => rng.below(branches.len()),
        };
        self.items(&branches[branch], rng, out);
    }

    fn items(self, items: &[Item], rng: &mut Rng, out: &mut Vec<char>) {
        for item in items {
            let bounded = item.max.filter(|&max| max <= 16);
            let count = match self {
                Walk::Typical => item.min.max(1).min(item.max.unwrap_or(u32::MAX)),
                Walk::Minimal => item.min,
                Walk::Varied => (item.min + rng.below(4) as u32).min(item.max.unwrap_or(u32::MAX)),
                Walk::AtMost => bounded.unwrap_or(item.min + 1),
                // Only quantified atoms: a literal twice seldom tells anything.
                Walk::Beyond if (item.min, item.max) == (1, Some(1)) => 1,
                Walk::Beyond => bounded.map_or(item.min + 4, |max| max + 1),
            };
            for _ in 0..count.min(MAX_LEN as u32 + 1) {
                if out.len() >= MAX_LEN {
                    return;
                }
                match &item.piece {
                    Piece::Char { candidates, members } => out.push(match self {
                        Walk::Varied => candidates[rng.below(*members.max(&1))],
                        Walk::AtMost => rng.pick(candidates),
                        _ => candidates[0],
                    }),
                    Piece::Group { branches, consumes: true } => self.group(branches, rng, out),
                    Piece::Group { consumes: false, .. } | Piece::Nothing => {}
                }
            }
        }
    }
}
