//! The HTML converter, end to end: each case is a whole document through `to_rustdoc`.

use crate::docs::tests::check;
use crate::docs::to_rustdoc;

#[test]
fn paragraphs_collapse_whitespace() {
    check(&[
        (
            "<p>Line one\n         continues here.</p>\n         <p>Second.</p>",
            &["Line one continues here.", "", "Second."],
        ),
        ("<p> The <code>Job</code> ID. </p>", &["The `Job` ID."]),
        (
            "text <b>outside</b> paragraphs",
            &["text **outside** paragraphs"],
        ),
        ("<p>one\n\n   two</p>", &["one", "", "two"]),
        ("<p>a</p><div>b</div><para/>c", &["a", "", "b", "", "c"]),
    ]);
}

#[test]
fn inline_styles() {
    check(&[
        (
            "<p>a <b>bold</b>, <strong>strong</strong>, <i>it</i>, <em>em</em>, <b><i>both</i></b></p>",
            &["a **bold**, **strong**, *it*, *em*, ***both***"],
        ),
        ("<b><b>twice</b></b> <i><i>nested</i></i>", &["**twice** *nested*"]),
        ("<b>a</b><b>b</b> <i>c</i><i>d</i> <i>e</i><b>f</b>", &["**ab** *cd* *e***f**"]),
        ("<p><b>a</b></p><p>abcde<b>y</b></p>", &["**a**", "", "abcde**y**"]),
        ("<p>x<b> </b>y <i></i>z</p>", &["x y z"]),
        // Spaces move outside the markers, which must touch their text.
        ("<b>x </b>y<i> z</i>", &["**x** y *z*"]),
        ("<b>a<i>b</b>c</i>", &["**a*b***c"]),
        ("<p><replaceable>name</replaceable> <u>u</u> <span>s</span></p>", &["*name* u s"]),
    ]);
}

#[test]
fn inline_code() {
    check(&[
        (
            "<p>A <code>x &amp;&lt;y&gt;</code> and <code>multi\n   line</code> span.</p>",
            &["A `x &<y>` and `multi line` span."],
        ),
        (
            "<p>Use <code>a`b</code> and <code>`x</code>.</p>",
            &["Use ``a`b`` and `` `x ``."],
        ),
        ("<p>a <code></code> b <code> </code>c</p>", &["a b c"]),
        ("<p><code>a</code><code>b</code></p>", &["`a` `b`"]),
        ("<code><a>Link</a> <i>x</i></code>", &["`Link x`"]),
        ("<b><code>x</code></b>", &["**`x`**"]),
        // Block tags inside code are text, and their end tags too.
        (
            "<p><code>\"<p>Add</p>\"</code> x</p>",
            &["`\"<p>Add</p>\"` x"],
        ),
        // An unclosed <code> ends with its paragraph.
        (
            "<p>unclosed <code>code</p><p>next</p>",
            &["unclosed `code`", "", "next"],
        ),
        ("<code>tail", &["`tail`"]),
    ]);
}

#[test]
fn code_blocks() {
    check(&[
        (
            "<p>Example:</p><p><code>{\n  \"a\": 1\n}</code></p><p>After.</p>",
            &[
                "Example:",
                "",
                "```text",
                "{",
                "  \"a\": 1",
                "}",
                "```",
                "",
                "After.",
            ],
        ),
        (
            "<p><code>{ \"Effect\": \"Deny\",\n          \"Action\": \"x\" }</code></p>",
            &[
                "```text",
                "{ \"Effect\": \"Deny\",",
                "\"Action\": \"x\" }",
                "```",
            ],
        ),
        (
            "<pre>\n  fn main() {\n      body();\n  }\n</pre>",
            &["```text", "fn main() {", "    body();", "}", "```"],
        ),
        (
            "<pre>  indented\n    more\n</pre>",
            &["```text", "indented", "  more", "```"],
        ),
        (
            "<pre>```\ninside\n```</pre>",
            &["````text", "```", "inside", "```", "````"],
        ),
        (
            "<pre>a<br>b &lt;c&gt; <b>d</b> <p>e</p></pre>",
            &["```text", "a", "b <c> d <p>e</p>", "```"],
        ),
        ("<pre>\n\n</pre><pre/>", &[]),
        (
            "<pre>unclosed\n  pre",
            &["```text", "unclosed", "pre", "```"],
        ),
        (
            "<ul><li>x:<p><code>a\n  b</code></p></li></ul>",
            &["- x:", "", "  ```text", "  a", "  b", "  ```"],
        ),
    ]);
}

#[test]
fn links() {
    check(&[
        (
            "<p>See <a href=\"https://example.com/x\">the docs</a>.</p>",
            &["See [the docs](https://example.com/x)."],
        ),
        (
            "<a href='https://x.com/a'>single</a> <a href=https://x.com/b>bare</a> <A HREF=\"HTTPS://X.COM/C\">upper</A>",
            &["[single](https://x.com/a) [bare](https://x.com/b) [upper](HTTPS://X.COM/C)"],
        ),
        (
            "<a href=\"/relative\">rel</a> <a>none</a> <a href>empty</a> <a href=\"mailto:a@b.c\">mail</a>",
            &["rel none empty mail"],
        ),
        ("<a href=\"https://x.com\"></a>", &["<https://x.com>"]),
        ("<a href=\"https://x.com/a(b) c\">p</a>", &["[p](https://x.com/a%28b%29%20c)"]),
        ("<a href=\"https://x.com/?a=1&amp;b=2\">q</a>", &["[q](https://x.com/?a=1&b=2)"]),
        ("<a href=\"https://x.com\"><code>Api</code></a>", &["[`Api`](https://x.com)"]),
        (
            "see <a href=\"https://x.com\">\n <code>Api</code>\n</a>. <b>x </b>, <i>y</i> .",
            &["see [`Api`](https://x.com). **x**, *y* ."],
        ),
        // Link text keeps its URL as is: nested links are not allowed.
        ("<a href=\"https://x.com\">https://x.com</a>", &["[https://x.com](https://x.com)"]),
        ("<a href=\"https://a.com\">a <a href=\"https://b.com\">b</a></a>", &["[a b](https://a.com)"]),
        ("Bang!<a href=\"https://x.com\">x</a>", &["Bang\\![x](https://x.com)"]),
        ("<p><a href=\"https://x.com\">unclosed</p><p>after</p>", &["[unclosed](https://x.com)", "", "after"]),
    ]);
}

#[test]
fn lists() {
    check(&[
        (
            "<p>Starts a <code>Job</code>.</p><ul><li><p><b>Note</b> see <a href=\"https://e.com\">link</a></p></li></ul>",
            &["Starts a `Job`.", "", "- **Note** see [link](https://e.com)"],
        ),
        (
            "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul><p>after</p>",
            &["- a", "  - b", "    - c", "- d", "", "after"],
        ),
        (
            "<ol><li>one</li><li>two<ol><li>inner</li></ol></li></ol>",
            &["1. one", "2. two", "   1. inner"],
        ),
        (
            "<ol><li><p>first</p><p>second para</p></li><li>x</li></ol>",
            &["1. first", "", "   second para", "2. x"],
        ),
        (
            "<ul>\n  <li>\n    <p>a</p>\n  </li>\n  <li>b</li>\n</ul>",
            &["- a", "- b"],
        ),
        ("<ul><li><ul><li>x</li></ul></li></ul>", &["- - x"]),
        ("<ul>text in list<li>item</li></ul>", &["- text in list", "- item"]),
        // Unclosed and orphan items.
        ("<ul><li>one<li>two</ul>after", &["- one", "- two", "", "after"]),
        ("<li>a</li><li>b</li><p>para</p>", &["- a", "- b", "", "para"]),
        ("<ul><li>a</li></ul></ul></li>b", &["- a", "", "b"]),
        ("<ul><li><b>unclosed bold</li><li>plain</li></ul>", &["- **unclosed bold**", "- plain"]),
    ]);
}

#[test]
fn numbering_widens_the_indent() {
    let items: String = (1..=10).map(|n| format!("<li>{n}</li>")).collect();
    let html = format!("<ol>{items}<li>x<ul><li>y</li></ul></li></ol>");
    let lines = to_rustdoc(&html);
    assert_eq!(lines[9], "10. 10");
    assert_eq!(lines[10..], ["11. x", "    - y"]);
}

#[test]
fn callouts_headings_definitions() {
    check(&[
        (
            "<note><p>First.</p><p>Second.</p></note><important>Direct</important>",
            &[
                "**Note:** First.",
                "",
                "Second.",
                "",
                "**Important:** Direct",
            ],
        ),
        (
            "<note><ul><li>a</li></ul></note>",
            &["**Note:**", "", "- a"],
        ),
        (
            "<ul><li><note><p>in item</p></note></li></ul>",
            &["- **Note:** in item"],
        ),
        (
            "<important><pre>x\ny</pre></important>",
            &["**Important:**", "", "```text", "x", "y", "```"],
        ),
        (
            "<h1>Title <i>it</i></h1><h6>Small</h6><fullname>Service</fullname><p>Body</p>",
            &[
                "**Title *it***",
                "",
                "**Small**",
                "",
                "**Service**",
                "",
                "Body",
            ],
        ),
        (
            "<dl><dt>Term</dt><dd><p>Def</p></dd><dt>Two</dt><dd>Def2</dd></dl>",
            &["**Term**", "", "Def", "", "**Two**", "", "Def2"],
        ),
        ("<dl><dt>Unclosed<dd>def</dl>", &["**Unclosed**", "", "def"]),
    ]);
}

#[test]
fn breaks_tables_quotes_examples() {
    check(&[
        ("<p>a<br>b<br/>c<br></br></p>", &["a\\", "b\\", "c"]),
        ("<ul><li>a<br>b</li></ul>", &["- a\\", "  b"]),
        ("<p>a<br>- b</p>", &["a\\", "\\- b"]),
        (
            "<table><tr><th>H1</th><th>H2</th></tr><tr><td>a</td><td>b</td></tr></table>",
            &["H1 \\| H2", "", "a \\| b"],
        ),
        ("<blockquote><p>Quoted</p><p>two</p></blockquote>", &["> Quoted", ">", "> two"]),
        (
            "<ul><li><blockquote><p>q1</p><p>q2</p></blockquote></li></ul>",
            &["- > q1", "  >", "  > q2"],
        ),
        (
            "<examples><example><name>Ex 1</name><description>Desc.</description><request>POST / HTTP/1.1\n\n{}</request></example></examples>",
            &["**Ex 1**", "", "Desc.", "", "```text", "POST / HTTP/1.1", "", "{}", "```"],
        ),
        // Outside an example, these names are placeholders.
        ("<p>Use <name> and <request></p>", &["Use &lt;name&gt; and &lt;request&gt;"]),
    ]);
}

#[test]
fn malformed_html() {
    check(&[
        (
            "<p>Unclosed <b>bold and <i>italic",
            &["Unclosed **bold and *italic***"],
        ),
        (
            "</p></p>stray</li></ul></b></code></pre></note> end",
            &["stray", "", "end"],
        ),
        ("text <", &["text &lt;"]),
        ("<p>tail <a href=\"", &["tail &lt;a href=\""]),
        (
            "a < b > c <<< <a <b>x</b> <3 </ >",
            &["a &lt; b &gt; c &lt;&lt;&lt; &lt;a **x** &lt;3 &lt;/ &gt;"],
        ),
        (
            "<P CLASS=x>Upper</P><B>bold</B><CODE>code</CODE>",
            &["Upper", "", "**bold**`code`"],
        ),
        ("<p a=1 b='2' c=\"3\" d e = 4>attrs</p>", &["attrs"]),
        (
            "<p>comment <!-- hidden <b>x</b> --> shown</p>",
            &["comment shown"],
        ),
        ("<p>before <!-- unclosed <b>x</b>", &["before"]),
        (
            "<script>var x = \"<p>\";</script><style>p{}</style>visible",
            &["visible"],
        ),
        ("<p>a<p>b", &["a", "", "b"]),
        (
            "<b><p>bold para</p><p>second</p></b>",
            &["**bold para**", "", "**second**"],
        ),
        ("<p><b>bold</p><p>plain</p>", &["**bold**", "", "plain"]),
    ]);
}
