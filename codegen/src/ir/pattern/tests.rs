//! The translator on its own: engine choice, and Java's meaning where it differs from
//! what the engines would do by themselves. `tests/tests/pattern_java.rs` holds the table
//! of every construct, checked against Java itself.

use super::*;

fn is_linear(pattern: &str) -> bool {
    matches!(prepare(pattern).unwrap().engine, PatternEngine::Linear { .. })
}

/// Whether the prepared pattern matches, whichever engine it uses.
fn matches(pattern: &str, input: &str) -> bool {
    prepare(pattern).unwrap().matcher().unwrap().is_match(input)
}

#[test]
fn shorthands_keep_their_java_ascii_meaning() {
    assert!(!matches(r"^\d+$", "٣"));
    assert!(matches(r"^\d+$", "123"));
    assert!(!matches(r"^\w+$", "é"));
    assert!(!matches(r"^\s$", "\u{A0}"), "Java's \\s is ASCII");
    assert!(matches(r"^\s$", "\u{B}"));
    assert!(!matches(r"^.$", "\u{85}"), "Java's . refuses NEL");
    assert!(matches(r"^\p{ASCII}{1,3}$", "a~"));
    assert!(matches(r"^[\p{L}\p{N}]+$", "日本3"));
}

#[test]
fn dollar_also_matches_before_a_final_line_terminator() {
    for input in ["a", "a\n", "a\r\n", "a\r", "a\u{85}", "a\u{2028}"] {
        assert!(matches(r"^a$", input), "{input:?}");
    }
    for input in ["a\n\n", "a\nb", "\na"] {
        assert!(!matches(r"^a$", input), "{input:?}");
    }
    assert!(!matches("^a\r$", "a\r\n"), "no end between \\r and \\n");
    assert!(matches(r"^a\z", "a") && !matches(r"^a\z", "a\n"));
    assert!(is_linear(r"^[a-z]+$"), "a final $ stays linear");
    assert!(!is_linear(r"^a$b"), "a $ followed by more needs the backtracker");
    assert!(!matches(r"^a$b", "a\nb"));
}

#[test]
fn nested_quantifiers_get_the_linear_engine_and_stay_fast() {
    assert!(is_linear(r"^([0-9]+)+$"));
    assert!(!matches(r"^([0-9]+)+$", &format!("{}!", "0".repeat(10_000))));
    assert!(matches(r"^([0-9]+)+$", &"0".repeat(10_000)));
}

#[test]
fn patterns_are_not_anchored() {
    assert!(matches(r"\w+", "!hello!"));
    assert!(!matches(r"^\w+$", "!hello!"));
}

#[test]
fn java_spellings_keep_their_java_meaning() {
    assert!(matches(r"^[a-zA-Z0-9\-\_\.]+$", "a_b-c.d"));
    assert!(matches(r"^arn\:aws$", "arn:aws"));
    assert!(matches(r"^[\w-\/.]+$", "a-/."));
    assert!(matches(r"^\p{XDigit}{2}$", "aF"));
    assert!(!matches(r"^\p{Alnum}$", "é"));
    assert!(matches(r"^\A[a-z]+\z$", "abc"));
    assert!(matches(r"^(?i)(true|false)$", "TRUE"));
    assert!(matches(r"^\}x$", "}x"));
    assert!(matches(r"^[\x{0022}]$", "\""));
}

#[test]
fn lone_surrogates_of_java_patterns_match_nothing() {
    let xml = r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\t\r\n]*$";
    assert!(matches(xml, "tab\tand é and \u{FFFD}"));
    assert!(!matches(xml, "😀"), "a supplementary character is not in that class");
    assert!(!matches(xml, "\u{1}"));
    assert!(!matches(r"^a\uD800$", "a"));
    assert!(matches(r"^\uD83D\uDE00$", "😀"), "an escaped surrogate pair is one code point");
}

#[test]
fn what_no_automaton_expresses_goes_to_the_backtracker() {
    for pattern in [r"^(?!aws:).*$", r"(?<=a)b", r"^(a)\1$", r"\bword\b", r"(?>a)", r"a*+", r"(?m)^a", r"\X"] {
        assert!(!is_linear(pattern), "{pattern}");
    }
    assert!(is_linear(r"^x{2}+$"), "a possessive fixed count is a fixed count");
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
fn case_insensitivity_is_ascii_only_and_scoped_to_its_group() {
    // identitystore.json `ExternalIdIssuer`.
    let issuer = r"^(?!(?i)(arn|aws):)[\p{L}\p{M}\p{S}\p{N}\p{P}]+$";
    for input in ["arn:x", "ARN:x", "aWs:x"] {
        assert!(!matches(issuer, input), "{input}");
    }
    for input in ["arnx", "arn", "x:arn:", "aw\u{17F}:x", "\u{212A}rn:x"] {
        assert!(matches(issuer, input), "{input}");
    }
    assert!(matches(r"^(?i)k$", "K"));
    assert!(!matches(r"^(?i)k$", "\u{212A}"));
    assert!(matches(r"^(?iu)k$", "\u{212A}"));
    assert!(!matches(r"^(?i)[r-t]$", "\u{17F}"));
    assert!(matches(r"^(?i)[r-t]$", "S"));
    assert!(!matches(r"^(?i)[^a-c]$", "B"));
    assert!(!matches(r"^((?i)a)b$", "AB"));
    assert!(matches(r"^((?i)a)b$", "Ab"));
    assert!(matches(r"^(?i:a)(?-i)b(?i)c$", "AbC"));
    assert!(!matches(r"^(?i:a)b$", "AB"));
    assert!(matches(r"^(?i)all|[0-9]{12}$", "ALL"));
    assert!(matches(r"(?i)\p{Lu}", "a"), "Java 17 widens case properties under (?i)");
    assert!(matches(r"^(a)(?i)\1$", "aA"));
}

#[test]
fn a_possessive_quantifier_never_gives_back() {
    // lex-models-v2.json `ObjectPrefix`.
    let prefix = r"^[\/]?+[a-zA-Z0-9!_.*'()-]+(\/[a-zA-Z0-9!_.*'()-]+)*$";
    for (input, expected) in [("/abc", true), ("abc", true), ("a/b/c", true), ("//abc", false), ("/", false), ("abc/", false)] {
        assert_eq!(matches(prefix, input), expected, "{input}");
    }
    assert!(!matches(r"^a*+a$", "aaa"));
    assert!(matches(r"^a*a$", "aaa"));
    assert!(!matches(r"^(?:ab|a)?+b$", "ab"));
    assert!(matches(r"^(?:ab|a)?+b$", "abb"));
    assert!(!matches(r"^x{1,3}+x$", "xxx"));
    assert!(matches(r"^x{1,3}+x$", "xxxx"));
}

#[test]
fn back_references_follow_java() {
    assert!(matches(r"^(a)(b)?+(c)\3\2\1$", "abccba"));
    assert!(!matches(r"^(a)(b)?+(c)\3\2\1$", "abccab"));
    assert!(matches(r"^(a)\10$", "aa0"), r"Java reads `\10` as `\1` then `0` with one group");
    assert!(!matches(r"^(a)?\1$", ""), "a group that did not match fails its reference");
    assert!(matches(r"^(?:(a)|b)*\1$", "aba"), "a group keeps its last match across iterations");
    assert!(!matches(r"\1(a)", "aa"), "a forward reference has nothing to match");
}

#[test]
fn unusable_patterns_are_errors_that_quote_them() {
    for pattern in [r"[z-a]", r"(unclosed", r"\q", r"a**", r"x{", r"[a-\d]", r"\0", r"\k<n>(?<n>a)", r"(?<1n>a)", r"\N{LATIN SMALL LETTER A}", "a)"] {
        let error = prepare(pattern).unwrap_err();
        assert!(error.contains(pattern), "{error}");
    }
}



#[test]
fn long_values_through_one_way_loops_are_decided() {
    // fms.json: a lookahead in a loop, the body matching one way.
    let fms = r"^((?!\\[nr]).)+$";
    let long = "a".repeat(5_000);
    assert!(matches(fms, &long));
    assert!(!matches(fms, &format!("{long}\\n")), "an escaped newline at the end of a long value");
    assert!(!matches(fms, &format!("{long}\\r{long}")));
    assert!(matches(fms, &format!("{long}\n")), "a final line terminator may follow `$`");
    // An alternation of single characters is one class, so it repeats as a set.
    assert!(!matches(r"^(?!x)(?:[a-z]|-)*$", &format!("{long}!")));
    assert!(matches(r"^(?!x)(?:[a-z]|-)*$", &long));
    // A loop that ends in an empty repetition may stop below its minimum (Java).
    assert!(matches(r"^(?=a)(a?){3}$", "a"));
    assert!(matches(r"^(?:(?=a)a|(?=b)b)*$", &"ab".repeat(2_000)), "nested continuations stay within the limits");
}

#[test]
fn patterns_regex_cannot_build_fall_back_to_the_backtracker() {
    // Deeper than `regex` nests (250 levels, a group and its repetition each counting).
    let nested = format!("{}a{}", "(".repeat(150), ")*".repeat(150));
    assert!(!is_linear(&nested));
    assert!(matches(&nested, "aaa"));
}
