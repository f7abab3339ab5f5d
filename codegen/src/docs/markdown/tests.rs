//! The CommonMark sanitiser, end to end: each case is a whole document through `to_rustdoc`.

use crate::docs::tests::check;

#[test]
fn markdown_keeps_structure() {
    check(&[
        (
            "Values:\n\n1. A success\n2. An error.\n\nImplementations must cope.",
            &[
                "Values:",
                "",
                "1. A success",
                "2. An error.",
                "",
                "Implementations must cope.",
            ],
        ),
        (
            "Options:\n  - a\n  - b\n    continued",
            &["Options:", "  - a", "  - b", "    continued"],
        ),
        (
            "# Title\n\n*em* **strong** `code`",
            &["# Title", "", "*em* **strong** `code`"],
        ),
        (
            "    Common indent\n    is removed.",
            &["Common indent", "is removed."],
        ),
        ("> quoted [x]\n> more", &["> quoted \\[x\\]", "> more"]),
        ("text\n    continuation", &["text", "continuation"]),
        ("a\n\n\n\nb", &["a", "", "b"]),
    ]);
}

#[test]
fn markdown_code_becomes_text_fences() {
    check(&[
        (
            "Example:\n\n    let x = 1;\n\n    let y = 2;\n\nDone.",
            &[
                "Example:",
                "",
                "```text",
                "let x = 1;",
                "",
                "let y = 2;",
                "```",
                "",
                "Done.",
            ],
        ),
        (
            "```\nfn main() {}\n```",
            &["```text", "fn main() {}", "```"],
        ),
        (
            "```rust\nlet x = 1;\n```",
            &["```text", "let x = 1;", "```"],
        ),
        (
            "~~~json\n{\"a\": 1}\n~~~",
            &["```text", "{\"a\": 1}", "```"],
        ),
        (
            "````\n```\nnested\n```\n````",
            &["````text", "```", "nested", "```", "````"],
        ),
        ("```\nnever closed", &["```text", "never closed", "```"]),
        (
            "- item\n\n      code in item",
            &["- item", "", "  ```text", "  code in item", "  ```"],
        ),
        (
            "# Heading\n    code after heading",
            &["# Heading", "```text", "code after heading", "```"],
        ),
        ("- ```\n  x", &["- \\`\\`\\`", "  x"]),
    ]);
}

#[test]
fn markdown_is_made_safe() {
    check(&[
        (
            "Text with [brackets], a <placeholder> and https://example.com/a.",
            &["Text with \\[brackets\\], a &lt;placeholder> and <https://example.com/a>."],
        ),
        (
            "See [docs](https://e.com/d) or [Foo](crate::Foo) or [ref] or ![i](https://e.com/i.png).",
            &["See [docs](https://e.com/d) or Foo or \\[ref\\] or ![i](https://e.com/i.png)."],
        ),
        ("Use `code [x]` and ``a ` b`` and a lone ` tick.", &["Use `code [x]` and ``a ` b`` and a lone \\` tick."]),
        (
            "Autolink <https://e.com> <mailto:a@b.c> <arn:aws:x>.",
            &["Autolink <https://e.com> <mailto:a@b.c> &lt;arn:aws:x>."],
        ),
        ("Escaped \\[x\\] \\<y> \\\\ and C:\\path", &["Escaped \\[x\\] \\<y> \\\\ and C:\\\\path"]),
        ("Hard\\\nbreak and trailing\\", &["Hard\\", "break and trailing\\\\"]),
        ("| a | b |\n|---|---|\n| `x|y` | [r] |", &["| a | b |", "|---|---|", "| \\`x|y\\` | \\[r\\] |"]),
        ("[see https://e.com](https://e.com)", &["[see https://e.com](https://e.com)"]),
        ("![see https://e.com](https://e.com/i.png)", &["![see <https://e.com>](https://e.com/i.png)"]),
    ]);
}

#[test]
fn markdown_lists_follow_commonmark() {
    check(&[
        // Only items numbered 1 may interrupt a paragraph.
        ("text\n2. not a list", &["text", "2\\. not a list"]),
        // An empty item closed by a blank line does not hold what follows.
        ("-\n\n    code", &["-", "", "```text", "code", "```"]),
        // `-` under a table-like line gets a blank line so it stays an item.
        ("a|b\n-\n     word", &["a|b", "", "-", "     word"]),
        ("-      wide gap", &["- wide gap"]),
        ("1. a\n2. b\n   - c", &["1. a", "2. b", "   - c"]),
        // An empty quote keeps the empty item from being closed by the blank line.
        ("*\n   >\n\n    + x", &["*", "  >", "", "    + x"]),
        // A comment renders as nothing: the item is empty, the blank closes it.
        (
            "1)  <!-- c -->\n\n    indented",
            &["1)", "", "```text", "indented", "```"],
        ),
        (
            "- <!-- c -->~~~\n<!-- c --> -  x",
            &["- \\~\\~\\~", " -  x"],
        ),
        ("a <!-- multi\nline --> b <!-- open", &["a  b &lt;!-- open"]),
    ]);
}

#[test]
fn protocol_test_style_docs() {
    check(&[(
        "The example tests how requests and responses are serialized when there's\nno request or response payload.",
        &[
            "The example tests how requests and responses are serialized when there's",
            "no request or response payload.",
        ],
    )]);
}
