//! Matching `@pattern` values with the meaning of Java's `java.util.regex`, the dialect
//! AWS models are written in: how the `regex` crate's matches end ([`LineEnd`]), and a
//! backtracking matcher ([`Program`]) for the patterns no automaton can express
//! (lookaround, back-references, atomic groups, possessive quantifiers, `\b`, `\X` and
//! the anchors of `(?m)`). The generator resolves every class to code point ranges and
//! emits each program as static data, so nothing is parsed at run time.

/// Where the `regex` crate's `\z` may also stand: Java's `$` (without `(?m)`) and `\Z`
/// match at the end of the input and just before a line terminator that ends it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LineEnd {
    /// Only at the end.
    Exact,
    /// Also before a final `\r\n`, `\n`, `\r`, NEL, LINE or PARAGRAPH SEPARATOR.
    BeforeTerminator,
    /// Also before a final `\n` (`(?d)`, Java's `UNIX_LINES`).
    BeforeNewline,
}

impl LineEnd {
    /// Whether a linear-time pattern matches `text` (`is_match` runs the automaton, whose
    /// `$` became `\z`): as it is, or without the final line terminator.
    pub fn matches(self, text: &str, mut is_match: impl FnMut(&str) -> bool) -> bool {
        is_match(text) || self.shortened(text).is_some_and(is_match)
    }

    /// `text` less the final line terminator this allows to be left out, if it ends
    /// with one.
    pub fn shortened(self, text: &str) -> Option<&str> {
        match self {
            LineEnd::Exact => None,
            LineEnd::BeforeNewline => text.strip_suffix('\n'),
            LineEnd::BeforeTerminator => text.strip_suffix("\r\n").or_else(|| {
                let last = text.chars().next_back()?;
                is_line_terminator(last).then(|| &text[..text.len() - last.len_utf8()])
            }),
        }
    }
}

fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// A compiled pattern for the backtracking matcher.
#[derive(Debug)]
pub struct Program {
    /// The pattern.
    pub node: Node,
    /// How many capturing groups it has.
    pub groups: usize,
}

/// Sorted, disjoint, inclusive ranges of code points.
pub type Set = &'static [(char, char)];

/// One construct of a pattern, with Java's meaning.
#[derive(Debug)]
pub enum Node {
    /// Matches the empty string.
    Empty,
    /// One code point of the set.
    Set(Set),
    /// Each in turn.
    Concat(&'static [Node]),
    /// The first that lets the rest match, then the next.
    Alternation(&'static [Node]),
    /// A capturing group (numbered from 1).
    Capture(usize, &'static Node),
    /// `min` to `max` repetitions (`u32::MAX`: no limit).
    Repeat {
        /// What is repeated.
        node: &'static Node,
        /// The fewest repetitions.
        min: u32,
        /// The most repetitions.
        max: u32,
        /// Which counts are tried first.
        greed: Greed,
        /// `node` matches in at most one way from a position, so its repetitions are
        /// found in a loop rather than by nesting (long values stay within the limits).
        one_way: bool,
    },
    /// `(?>X)`: once matched, never given back.
    Atomic(&'static Node),
    /// `(?=X)`, `(?!X)`.
    Ahead {
        /// Succeeds when `node` does not match.
        negated: bool,
        /// The condition.
        node: &'static Node,
    },
    /// `(?<=X)`, `(?<!X)`: `node` matches a stretch of `min` to `max` code points
    /// (`usize::MAX`: no limit) ending here.
    Behind {
        /// Succeeds when `node` does not match.
        negated: bool,
        /// The condition.
        node: &'static Node,
        /// The fewest code points `node` can match.
        min: usize,
        /// The most code points `node` can match.
        max: usize,
    },
    /// `\n` or `\k<name>`; fails when the group has not matched.
    BackRef {
        /// The group.
        group: usize,
        /// How text is compared.
        fold: Fold,
    },
    /// A test of position.
    Assert(Assertion),
    /// Java 17's `\b`, or `\B` when negated.
    Boundary {
        /// `\B`.
        negated: bool,
        /// Word characters.
        word: Set,
        /// Letters and digits, after which non-spacing marks count as word characters.
        base: Set,
        /// Non-spacing marks.
        mark: Set,
    },
}

/// How a repetition chooses its count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Greed {
    /// As many as possible first.
    Greedy,
    /// As few as possible first.
    Lazy,
    /// As many as possible, never fewer.
    Possessive,
}

/// How a back-reference compares text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fold {
    /// Exactly.
    Exact,
    /// ASCII letters in either case (`(?i)`).
    Ascii,
    /// Unicode case (`(?iu)`).
    Unicode,
}

/// Tests of position, as Java defines them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assertion {
    /// The start of the input.
    TextStart,
    /// The end of the input.
    TextEnd,
    /// The end, or before a final line terminator (`$`, `\Z`); `unix`: only `\n`.
    FinalEnd {
        /// Only `\n` ends a line.
        unix: bool,
    },
    /// `(?m)^`: the start or after a line terminator, never at the end.
    LineStart {
        /// Only `\n` ends a line.
        unix: bool,
    },
    /// `(?m)$`: the end or before a line terminator.
    LineEnd {
        /// Only `\n` ends a line.
        unix: bool,
    },
}

/// Steps after which the matcher gives up. Java would go on; a validator that cannot
/// decide accepts the value, leaving the verdict to the service.
const STEP_LIMIT: u64 = 1_000_000;
/// Stack the matcher may use before it gives up likewise. Each repetition of a group nests
/// continuations, and how many bytes a level takes depends on the node and on how the
/// caller's crate is optimised, so the stack itself is measured rather than the nesting
/// counted: 512 KiB leaves three quarters of a spawned thread's default 2 MiB to the caller.
const STACK_BUDGET: usize = 512 * 1024;

/// The address of a local of a fresh frame: how deep the stack is, compared with another.
#[inline(never)]
fn stack_address() -> usize {
    let marker = 0_u8;
    std::hint::black_box(std::ptr::addr_of!(marker)) as usize
}

impl Program {
    /// Whether the pattern matches anywhere in `text` (Java's `Matcher.find()`).
    pub fn find(&self, text: &str) -> bool {
        let text: Vec<char> = text.chars().collect();
        let mut matcher =
            Matcher {
            text: &text,
            captures: vec![None; self.groups + 1],
            steps: 0,
            stack_base: stack_address(),
            gave_up: false,
            words: None,
        };
        for start in 0..=text.len() {
            if matcher.run(&self.node, start, &mut |m, _| !m.gave_up) {
                return true;
            }
            if matcher.gave_up {
                return true;
            }
            matcher.captures.iter_mut().for_each(|c| *c = None);
        }
        false
    }
}

type Captures = Vec<Option<(usize, usize)>>;

struct Matcher<'t> {
    text: &'t [char],
    captures: Captures,
    steps: u64,
    /// [`stack_address`] when the search began: the stack grows away from it.
    stack_base: usize,
    /// Set when a limit is reached: from then on everything fails, and `find` accepts.
    gave_up: bool,
    /// The word characters of the text for `\b`, by the identity of its word set.
    words: Option<(SetIdentity, std::rc::Rc<[bool]>)>,
}

/// Where a set is and how long it is.
type SetIdentity = (usize, usize);

/// A repetition being matched: what is repeated, how often, which counts first.
#[derive(Clone, Copy)]
struct Loop<'n> {
    node: &'n Node,
    min: u32,
    max: u32,
    greed: Greed,
}

/// The counts from `least` to `most` in the order `greed` tries them: none when `most`
/// is below `least`, only `most` when possessive.
fn counts(least: usize, most: usize, greed: Greed) -> impl Iterator<Item = usize> {
    // A range whose start is past its end yields nothing.
    let range = least..=most;
    let (forward, backward) = match greed {
        Greed::Lazy => (Some(range), None),
        Greed::Greedy => (None, Some(range.rev())),
        Greed::Possessive => (None, Some((most..=most).rev()).filter(|_| most >= least)),
    };
    forward.into_iter().flatten().chain(backward.into_iter().flatten())
}

/// What runs once a node has matched, given where it ended.
type Next<'k, 't> = &'k mut dyn FnMut(&mut Matcher<'t>, usize) -> bool;

fn contains(set: Set, c: char) -> bool {
    set.binary_search_by(|&(low, high)| {
        if high < c {
            std::cmp::Ordering::Less
        } else if low > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

impl<'t> Matcher<'t> {
    /// Counts work done in a loop (a scan, a comparison) against the step limit.
    fn charge(&mut self, steps: usize) {
        self.steps = self.steps.saturating_add(steps as u64);
    }

    fn run(&mut self, node: &Node, at: usize, next: Next<'_, 't>) -> bool {
        self.steps += 1;
        if self.gave_up || self.steps > STEP_LIMIT || stack_address().abs_diff(self.stack_base) > STACK_BUDGET {
            self.gave_up = true;
            return false;
        }
        self.step(node, at, next)
    }

    fn step(&mut self, node: &Node, at: usize, next: Next<'_, 't>) -> bool {
        match node {
            Node::Empty => next(self, at),
            Node::Set(set) => self.text.get(at).is_some_and(|&c| contains(set, c)) && next(self, at + 1),
            Node::Concat(nodes) => self.concat(nodes, at, next),
            Node::Alternation(nodes) => nodes.iter().any(|node| self.run(node, at, next)),
            Node::Capture(group, node) => self.capture(*group, node, at, next),
            Node::Repeat { node, min, max, greed, one_way } => {
                let repeat = Loop { node, min: *min, max: *max, greed: *greed };
                match (node, greed) {
                    (Node::Set(set), _) => self.repeat_set(set, repeat, at, next),
                    _ if *one_way => self.repeat_one_way(repeat, at, next),
                    (_, Greed::Possessive) => {
                        let greedy = Loop { greed: Greed::Greedy, ..repeat };
                        self.atomic(at, next, &mut |m, at, end| m.repeat(greedy, 0, at, end))
                    }
                    _ => self.repeat(repeat, 0, at, next),
                }
            }
            Node::Atomic(node) => self.atomic(at, next, &mut |m, at, end| m.run(node, at, end)),
            Node::Ahead { negated, node } => self.look(*negated, at, next, &mut |m| m.run(node, at, &mut |_, _| true)),
            Node::Behind { negated, node, min, max } => {
                let (min, max) = (*min, *max);
                // The nearest start first, as Java tries them.
                let starts = at.saturating_sub(max)..=at.saturating_sub(min);
                let fits = min <= at;
                self.look(*negated, at, next, &mut |m| fits && starts.clone().rev().any(|start| m.run(node, start, &mut |_, end| end == at)))
            }
            Node::BackRef { group, fold } => self.back_reference(*group, *fold, at, next),
            Node::Assert(assertion) => self.holds(*assertion, at) && next(self, at),
            Node::Boundary { negated, word, base, mark } => {
                let words = self.words(word, base, mark);
                let left = at > 0 && words.get(at - 1).copied().unwrap_or(false);
                let right = words.get(at).copied().unwrap_or(false);
                (left != right) != *negated && next(self, at)
            }
        }
    }

    fn concat(&mut self, nodes: &[Node], at: usize, next: Next<'_, 't>) -> bool {
        match nodes.split_first() {
            None => next(self, at),
            Some((first, rest)) => self.run(first, at, &mut |m, end| m.concat(rest, end, next)),
        }
    }

    /// Java keeps a group's last match, also across iterations of a loop around it.
    fn capture(&mut self, group: usize, node: &Node, at: usize, next: Next<'_, 't>) -> bool {
        let before = self.captures.get(group).copied().flatten();
        let matched = self.run(node, at, &mut |m, end| {
            let inner = m.captures.get(group).copied().flatten();
            m.set_capture(group, Some((at, end)));
            if next(m, end) {
                return true;
            }
            m.set_capture(group, inner);
            false
        });
        if !matched {
            self.set_capture(group, before);
        }
        matched
    }

    fn set_capture(&mut self, group: usize, value: Option<(usize, usize)>) {
        if let Some(slot) = self.captures.get_mut(group) {
            *slot = value;
        }
    }

    /// `count` repetitions are behind: one more, or the rest, in the order `greed` says.
    fn repeat(&mut self, repeat: Loop<'_>, count: u32, at: usize, next: Next<'_, 't>) -> bool {
        match repeat.greed {
            Greed::Lazy => (count >= repeat.min && next(self, at)) || self.one_more(repeat, count, at, next),
            _ => self.one_more(repeat, count, at, next) || (count >= repeat.min && next(self, at)),
        }
    }

    /// Another repetition, then the rest of the loop. As in Java, a repetition that matched
    /// nothing ends the loop, keeping what it captured.
    fn one_more(&mut self, repeat: Loop<'_>, count: u32, at: usize, next: Next<'_, 't>) -> bool {
        count < repeat.max
            && self.run(repeat.node, at, &mut |m, end| {
                if end == at {
                    next(m, end)
                } else {
                    m.repeat(repeat, count + 1, end, next)
                }
            })
    }

    /// Repetitions of a node that matches in one way only: each is found in turn, with the
    /// captures it leaves, then the counts are tried. A repetition that matched nothing
    /// ends the loop, below the minimum if need be, as in Java.
    fn repeat_one_way(&mut self, repeat: Loop<'_>, at: usize, next: Next<'_, 't>) -> bool {
        let before = self.captures.clone();
        let mut reached = vec![(at, before.clone())];
        let mut ended_empty = false;
        while reached.len() <= repeat.max as usize {
            let from = reached.last().map_or(at, |r| r.0);
            let mut end = None;
            self.run(repeat.node, from, &mut |_, e| {
                end = Some(e);
                true
            });
            let Some(end) = end else { break };
            reached.push((end, self.captures.clone()));
            if end == from {
                ended_empty = true;
                break;
            }
        }
        let most = reached.len() - 1;
        let least = if ended_empty { most.min(repeat.min as usize) } else { repeat.min as usize };
        let matched = counts(least, most, repeat.greed).any(|count| {
            let (end, captures) = &reached[count];
            self.captures.clone_from(captures);
            next(self, *end)
        });
        if !matched {
            self.captures = before;
        }
        matched
    }

    /// A repeated set: the count is found without recursion, then tried.
    fn repeat_set(&mut self, set: Set, repeat: Loop<'_>, at: usize, next: Next<'_, 't>) -> bool {
        let available = self.text.get(at..).unwrap_or_default();
        let most = available.iter().take(repeat.max as usize).take_while(|&&c| contains(set, c)).count();
        self.charge(most);
        counts(repeat.min as usize, most, repeat.greed).any(|count| next(self, at + count))
    }

    /// Runs `inner` to its first match only, then the rest from there.
    fn atomic(
        &mut self,
        at: usize,
        next: Next<'_, 't>,
        inner: &mut dyn FnMut(&mut Self, usize, Next<'_, 't>) -> bool,
    ) -> bool {
        let saved = self.captures.clone();
        let mut end = None;
        if inner(self, at, &mut |_, e| {
            end = Some(e);
            true
        }) {
            if let Some(end) = end {
                if next(self, end) {
                    return true;
                }
            }
        }
        self.captures = saved;
        false
    }

    /// A lookaround whose condition `holds` (run at `at`); its captures stay when it
    /// succeeds positively, as in Java.
    fn look(&mut self, negated: bool, at: usize, next: Next<'_, 't>, holds: &mut dyn FnMut(&mut Self) -> bool) -> bool {
        let saved = self.captures.clone();
        let matched = holds(self);
        if negated {
            self.captures.clone_from(&saved);
        }
        if matched != negated && next(self, at) {
            return true;
        }
        self.captures = saved;
        false
    }

    fn back_reference(&mut self, group: usize, fold: Fold, at: usize, next: Next<'_, 't>) -> bool {
        let Some((start, end)) = self.captures.get(group).copied().flatten() else { return false };
        let length = end - start;
        self.charge(length);
        let (Some(captured), Some(here)) = (self.text.get(start..end), self.text.get(at..at + length)) else { return false };
        captured.iter().zip(here).all(|(&a, &b)| same(a, b, fold)) && next(self, at + length)
    }

    fn holds(&self, assertion: Assertion, at: usize) -> bool {
        let text = self.text;
        let len = text.len();
        let terminator = |i: usize, unix: bool| text.get(i).is_some_and(|&c| if unix { c == '\n' } else { is_line_terminator(c) });
        // `\r\n` is one terminator: no line starts or ends between its two characters.
        let inside_crlf = |i: usize| i > 0 && text.get(i - 1) == Some(&'\r') && text.get(i) == Some(&'\n');
        match assertion {
            Assertion::TextStart => at == 0,
            Assertion::TextEnd => at == len,
            Assertion::FinalEnd { unix: true } => at == len || (at + 1 == len && text[at] == '\n'),
            Assertion::FinalEnd { unix: false } => {
                at == len
                    || (at + 1 == len && terminator(at, false) && !inside_crlf(at))
                    || (at + 2 == len && text[at] == '\r' && text[at + 1] == '\n')
            }
            Assertion::LineStart { unix } => at < len && (at == 0 || (terminator(at - 1, unix) && (unix || !inside_crlf(at)))),
            Assertion::LineEnd { unix } => at == len || (terminator(at, unix) && (unix || !inside_crlf(at))),
        }
    }

    /// Which characters `\b` counts as word characters: those in `word`, and non-spacing
    /// marks after a letter or digit (Java's `hasBaseCharacter`). Found in one pass and
    /// kept for the whole search, so `\b` costs the same wherever it is tried.
    fn words(&mut self, word: Set, base: Set, mark: Set) -> std::rc::Rc<[bool]> {
        let key = (word.as_ptr() as usize, word.len());
        if let Some((cached, words)) = &self.words {
            if *cached == key {
                return words.clone();
            }
        }
        let mut after_base = false;
        let words: std::rc::Rc<[bool]> = self
            .text
            .iter()
            .map(|&c| {
                let is_mark = contains(mark, c);
                after_base = contains(base, c) || (is_mark && after_base);
                contains(word, c) || (is_mark && after_base)
            })
            .collect();
        self.charge(self.text.len());
        self.words = Some((key, words.clone()));
        words
    }
}

/// Java's comparisons for back-references under `(?i)` and `(?iu)`.
fn same(a: char, b: char, fold: Fold) -> bool {
    a == b
        || match fold {
            Fold::Exact => false,
            Fold::Ascii => a.is_ascii() && b.is_ascii() && a.eq_ignore_ascii_case(&b),
            Fold::Unicode => {
                java_upper(a) == java_upper(b) || java_lower(java_upper(a)) == java_lower(java_upper(b))
            }
        }
}

/// Java's `Character.toUpperCase(int)`: the simple mapping. Rust gives the full one, which
/// differs where it has several characters; among those, only the Greek letters with
/// ypogegrammeni have a simple upper case (their title case form).
pub fn java_upper(c: char) -> char {
    let mut full = c.to_uppercase();
    match (full.next(), full.next()) {
        (Some(one), None) => one,
        _ => match c as u32 {
            0x1F80..=0x1F87 | 0x1F90..=0x1F97 | 0x1FA0..=0x1FA7 => char::from_u32(c as u32 + 8).unwrap_or(c),
            0x1FB3 | 0x1FC3 | 0x1FF3 => char::from_u32(c as u32 + 9).unwrap_or(c),
            _ => c,
        },
    }
}

/// Java's `Character.toLowerCase(int)`: the simple mapping (`İ` is `i`, not `i̇`).
pub fn java_lower(c: char) -> char {
    let mut full = c.to_lowercase();
    match (full.next(), full.next()) {
        (Some(one), None) => one,
        _ if c == '\u{130}' => 'i',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static DIGITS: Node = Node::Set(&[('0', '9')]);

    #[test]
    fn final_terminators_are_left_out_as_java_allows() {
        assert_eq!(LineEnd::BeforeTerminator.shortened("a\r\n"), Some("a"));
        assert_eq!(LineEnd::BeforeTerminator.shortened("a\u{2028}"), Some("a"));
        assert_eq!(LineEnd::BeforeTerminator.shortened("a"), None);
        assert_eq!(LineEnd::BeforeNewline.shortened("a\r"), None);
        assert_eq!(LineEnd::Exact.shortened("a\n"), None);
    }

    #[test]
    fn hostile_input_gives_up_and_accepts() {
        // `^(\d+)+!$`-like nesting, exponential for a backtracker.
        static INNER: Node = Node::Repeat { node: &DIGITS, min: 1, max: u32::MAX, greed: Greed::Greedy, one_way: false };
        static GROUP: Node = Node::Capture(1, &INNER);
        static NODES: [Node; 4] = [
            Node::Assert(Assertion::TextStart),
            Node::Repeat { node: &GROUP, min: 1, max: u32::MAX, greed: Greed::Greedy, one_way: false },
            Node::Set(&[('!', '!')]),
            Node::Assert(Assertion::TextEnd),
        ];
        let program = Program { node: Node::Concat(&NODES), groups: 1 };
        assert!(program.find("12!"));
        assert!(!program.find("12"));
        assert!(program.find(&"1".repeat(60)), "gave up: accepted");
    }

    #[test]
    fn deep_matches_stay_within_a_threads_stack() {
        // Each repetition of a group nests continuations; whatever the nodes, the matcher
        // gives up before its budget is spent, so it runs on a 1 MiB thread (half the
        // default), unoptimised as in a debug build.
        static GROUP: Node = Node::Capture(1, &DIGITS);
        static AHEAD: Node = Node::Ahead { negated: false, node: &DIGITS };
        static LOOKING: [Node; 2] = [AHEAD_REF, Node::Capture(2, &DIGITS)];
        const AHEAD_REF: Node = Node::Atomic(&AHEAD);
        static GUARDED: Node = Node::Concat(&LOOKING);
        static NESTED_1: Node = Node::Repeat { node: &GROUP, min: 0, max: u32::MAX, greed: Greed::Greedy, one_way: false };
        static NESTED_2: Node = Node::Repeat { node: &NESTED_1, min: 0, max: u32::MAX, greed: Greed::Lazy, one_way: false };
        static BODIES: [&Node; 3] = [&GROUP, &GUARDED, &NESTED_2];
        for body in BODIES {
            let nodes: &'static [Node] = Box::leak(Box::new([
                Node::Assert(Assertion::TextStart),
                Node::Repeat { node: body, min: 0, max: u32::MAX, greed: Greed::Greedy, one_way: false },
                Node::Set(&[('!', '!')]),
            ]));
            let program = Program { node: Node::Concat(nodes), groups: 2 };
            let deep = std::thread::Builder::new()
                .stack_size(1 << 20)
                .spawn(move || (program.find(&format!("{}!", "1".repeat(100))), program.find(&"1".repeat(100_000))))
                .expect("a thread");
            assert_eq!(deep.join().ok(), Some((true, true)), "the long one gives up, so it is accepted");
        }
    }
}
