//! `@pattern` end to end: the golden `tests/models/patterns.json` compiled into this crate
//! (warnings denied), its `validate()` run on values. Each member's pattern takes another
//! engine path, so the emitted `static`s (a lazily compiled `regex`, or a backtracking
//! program as constant data) are exercised as generated code runs them.

use codegen_tests::goldens::patterns::pattern_service::CheckInput;

/// The members of `input` that `validate()` refuses, by wire name.
fn refused(input: CheckInput) -> Vec<String> {
    match input.validate() {
        Ok(()) => Vec::new(),
        Err(error) => error.violations().iter().map(|v| v.path().trim_start_matches('/').to_owned()).collect(),
    }
}

/// Sets one member by wire name.
fn with(member: &str, value: &str) -> CheckInput {
    let builder = CheckInput::builder();
    let value = value.to_owned();
    match member {
        "linearEnd" => builder.linear_end(value),
        "unixEnd" => builder.unix_end(value),
        "lookahead" => builder.lookahead(value),
        "lookbehind" => builder.lookbehind(value),
        "backReference" => builder.back_reference(value),
        "possessive" => builder.possessive(value),
        "atomic" => builder.atomic(value),
        "wordBoundary" => builder.word_boundary(value),
        "multiline" => builder.multiline(value),
        "grapheme" => builder.grapheme(value),
        "caseInsensitive" => builder.case_insensitive(value),
        other => panic!("no member {other}"),
    }
    .build()
}

#[test]
fn each_engine_path_gives_javas_verdict_through_validate() {
    // (member, accepted, refused), as `java.util.regex` decides them.
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("linearEnd", &["abc", "abc\n", "abc\r\n"], &["abc\n\n", "Abc"]),
        ("unixEnd", &["abc", "abc\n"], &["abc\r"]),
        ("lookahead", &["arn:x", "aws"], &["aws:x"]),
        ("lookbehind", &["abc"], &["abc-"]),
        ("backReference", &["'ab'", "\"\""], &["'ab\"", "'ab"]),
        ("possessive", &["abc1", "abc"], &["1"]),
        ("atomic", &["ac"], &["abc"]),
        ("wordBoundary", &["an id", "id"], &["idé", "_id", "id\u{301}"]),
        ("multiline", &["start\nend\nmore", "end"], &["ending", "\r\n\nends"]),
        // A family emoji is seven code points and one cluster.
        ("grapheme", &["e\u{301}ab", "👨\u{200D}👩\u{200D}👧\u{200D}👦"], &["abcd", "e\u{301}\u{301}abc"]),
        ("caseInsensitive", &["STRAßE", "straße", "STRA\u{1E9E}E"], &["strasse"]),
    ];
    for (member, accepted, rejected) in cases {
        for value in *accepted {
            assert_eq!(refused(with(member, value)), Vec::<String>::new(), "{member} must accept {value:?}");
        }
        for value in *rejected {
            assert_eq!(refused(with(member, value)), [member.to_string()], "{member} must refuse {value:?}");
        }
    }
}

/// Long values are decided, not given up on: loops whose body matches one way repeat
/// without nesting, so the matcher's limits are not reached.
#[test]
fn long_values_get_a_verdict_from_the_backtracking_matcher() {
    for length in [1_000, 20_000] {
        let letters = "a".repeat(length);
        assert_eq!(refused(with("lookahead", &letters)), Vec::<String>::new());
        assert_eq!(refused(with("lookahead", &format!("{letters}1"))), ["lookahead"], "{length}");
        assert_eq!(refused(with("lookbehind", &format!("{letters}-"))), ["lookbehind"], "{length}");
        assert_eq!(refused(with("possessive", &format!("{letters}12"))), ["possessive"], "{length}");
        let words = "id ".repeat(length / 3);
        assert_eq!(refused(with("wordBoundary", &words)), Vec::<String>::new());
        assert_eq!(refused(with("wordBoundary", &"\u{301}".repeat(length))), ["wordBoundary"], "{length}");
        assert_eq!(refused(with("multiline", &format!("{}end", "x\n".repeat(length)))), Vec::<String>::new());
    }
}
