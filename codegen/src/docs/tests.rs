//! The whole pipeline: the public helpers, documents with nothing to say, and the
//! invariants every output keeps whatever the input, HTML or CommonMark. Also `check`,
//! the table-driven helper the tests of each converter use.

use super::tidy::block_body;
use super::{inline_code, inline_text, to_rustdoc};

/// Asserts that each input converts to the expected lines.
pub(super) fn check(cases: &[(&str, &[&str])]) {
    for (input, expected) in cases {
        assert_eq!(to_rustdoc(input), *expected, "input: {input:?}");
    }
}

#[test]
fn messages_show_as_written_on_one_line() {
    assert_eq!(
        inline_text("pattern `[z-a]` is not <valid>:\n*here*"),
        r"pattern \`\[z-a\]\` is not &lt;valid&gt;: \*here\*"
    );
    assert_eq!(inline_code("a`b\nc"), "``a`b c``");
    assert_eq!(inline_code("`x"), "`` `x ``");
}

#[test]
fn nothing_to_say() {
    check(&[
        ("", &[]),
        ("   \n\t\n", &[]),
        ("<p></p>", &[]),
        ("<p> </p>\n<ul><li> </li></ul><note></note>", &[]),
        ("<!-- only a comment -->", &[]),
        (
            "Markdown <!-- with a comment --> stays",
            &["Markdown  stays"],
        ),
    ]);
}

/// Deterministic pseudo-random documents built from fragments that have
/// broken earlier versions; every output must satisfy the invariants.
#[test]
fn random_documents_keep_invariants() {
    const FRAGMENTS: &[&str] = &[
        "<p>",
        "</p>",
        "<ul>",
        "</ul>",
        "<ol>",
        "<li>",
        "</li>",
        "<b>",
        "</b>",
        "<i>",
        "<code>",
        "</code>",
        "<pre>",
        "</pre>",
        "<a href=\"https://x.com/a_b\">",
        "<a>",
        "</a>",
        "<note>",
        "</note>",
        "<dl>",
        "<dt>",
        "<dd>",
        "<br>",
        "<h3>",
        "</h3>",
        "<blockquote>",
        "</blockquote>",
        "<td>",
        "<!--",
        "-->",
        "<",
        ">",
        "&lt;",
        "&amp;",
        "&#96;",
        "`",
        "```",
        "~~~",
        "[",
        "]",
        "[x](y)",
        "[x](https://a.b)",
        "![i](https://i.png)",
        "(",
        ")",
        "*",
        "_",
        "#",
        "- ",
        "1. ",
        "2) ",
        "> ",
        "|",
        "\\",
        "\n",
        "\n\n",
        "    ",
        "\t",
        " ",
        "https://example.com/x",
        "word",
        "<region>",
        "\u{a0}",
        "\r",
        "\u{7}",
        "---",
        "===",
        "-",
        "<https://a.b>",
    ];
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..3000 {
        let len = next() % 40;
        let doc: String = (0..len)
            .map(|_| FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize])
            .collect();
        let doc = if next() % 3 == 0 {
            doc.replace(['<', '>'], " ")
        } else {
            doc
        };
        assert_invariants(&doc, &to_rustdoc(&doc));
    }
}

fn assert_invariants(doc: &str, lines: &[String]) {
    let context = format!("input {doc:?} gave {lines:#?}");
    assert!(lines.first().is_none_or(|l| !l.is_empty()), "{context}");
    assert!(lines.last().is_none_or(|l| !l.is_empty()), "{context}");
    let mut fence: Option<String> = None;
    let mut previous_blank = false;
    for line in lines {
        assert!(!line.contains(|c: char| c.is_control()), "{context}");
        assert_eq!(line.trim_end(), line, "{context}");
        let body = block_body(line);
        match &fence {
            Some(f) if body == f => fence = None,
            Some(_) => continue,
            None if body.starts_with("~~~") => panic!("tilde fence: {context}"),
            // A backtick line is a fence unless its info string has a backtick.
            None if body.starts_with("```") && !body.trim_start_matches('`').contains('`') => {
                let ticks: String = body.chars().take_while(|&c| c == '`').collect();
                assert_eq!(
                    body,
                    format!("{ticks}text"),
                    "fence without `text`: {context}"
                );
                fence = Some(ticks);
            }
            None => {}
        }
        assert!(
            !(previous_blank && line.is_empty()),
            "double blank: {context}"
        );
        previous_blank = line.is_empty();
    }
    assert!(fence.is_none(), "unclosed fence: {context}");
}

#[test]
fn hostile_inputs_stay_fast_and_bounded() {
    let big = |unit: &str| unit.repeat(200_000 / unit.len());
    for unit in [
        "<ul><li>",
        "<b>",
        "<blockquote>",
        "<code>a</p>",
        "[",
        "`` `",
        "<a x=\"",
        "&#",
        "> ",
        "- ",
    ] {
        let doc = big(unit);
        let lines = to_rustdoc(&doc);
        let longest = lines.iter().map(String::len).max().unwrap_or(0);
        assert!(
            longest < 4 * doc.len() + 1000,
            "output blew up for {unit:?}"
        );
        let prefix = lines
            .iter()
            .map(|l| l.len() - l.trim_start().len())
            .max()
            .unwrap_or(0);
        assert!(prefix < 200, "unbounded indentation for {unit:?}");
    }
}
