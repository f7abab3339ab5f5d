//! Which tag names are HTML markup and what the converter does with each. Anything
//! unknown (placeholders, XML element names) is text, so it stays visible.

/// What the converter does with a known tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Paragraph boundary: `p`, `div`, `dd`, table parts, ...
    Block,
    /// `<examples>` (Data Pipeline, Cognito Sync): enables `name`, `request`, ...
    Example,
    /// Rendered as a bold paragraph: `h1`-`h6`, `dt`, `fullname`.
    Heading,
    List {
        ordered: bool,
    },
    Item,
    /// `note` and `important`: the first paragraph gets a bold label.
    Callout(&'static str),
    Quote,
    /// Verbatim text in a `text` fence.
    Pre,
    Break,
    Row,
    Cell,
    Strong,
    Emphasis,
    Code,
    Link,
    /// Markup without Markdown equivalent: dropped, text kept.
    Transparent,
    /// `script` and `style`: dropped with their content.
    Hidden,
}

impl Kind {
    /// Whether the element separates paragraphs (as opposed to inline markup).
    pub(super) fn is_block(self) -> bool {
        !matches!(
            self,
            Kind::Break
                | Kind::Cell
                | Kind::Strong
                | Kind::Emphasis
                | Kind::Code
                | Kind::Link
                | Kind::Transparent
                | Kind::Hidden
        )
    }
}

/// Recognizes HTML (and AWS DocBook-ish) tags. Anything else, such as the
/// placeholders in `arn:aws:s3:<Region>:<account-id>` or XML like `<Code>`, is
/// not markup and stays visible as text. Mixed-case names are XML, not HTML.
pub(super) fn classify(name: &str, in_example: bool) -> Option<Kind> {
    let mixed_case = name.bytes().any(|b| b.is_ascii_lowercase())
        && name.bytes().any(|b| b.is_ascii_uppercase());
    if mixed_case {
        return None;
    }
    let kind = match name.to_ascii_lowercase().as_str() {
        "p" | "div" | "para" | "section" | "article" | "header" | "footer" | "main" | "aside"
        | "nav" | "figure" | "figcaption" | "caption" | "center" | "address" | "details"
        | "summary" | "dl" | "dd" | "table" | "thead" | "tbody" | "tfoot" | "hr" | "body"
        | "html" => Kind::Block,
        "examples" | "example" => Kind::Example,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" | "fullname" => Kind::Heading,
        "ul" => Kind::List { ordered: false },
        "ol" => Kind::List { ordered: true },
        "li" => Kind::Item,
        "note" => Kind::Callout("Note"),
        "important" => Kind::Callout("Important"),
        "blockquote" => Kind::Quote,
        "pre" => Kind::Pre,
        "br" => Kind::Break,
        "tr" => Kind::Row,
        "td" | "th" => Kind::Cell,
        "b" | "strong" => Kind::Strong,
        "i" | "em" | "replaceable" | "var" | "cite" | "dfn" => Kind::Emphasis,
        "code" | "tt" | "kbd" | "samp" => Kind::Code,
        "a" => Kind::Link,
        "span" | "u" | "sup" | "sub" | "small" | "big" | "font" | "link" | "s" | "strike"
        | "del" | "ins" | "mark" | "abbr" | "acronym" | "img" | "wbr" | "nobr" => Kind::Transparent,
        "script" | "style" => Kind::Hidden,
        "name" if in_example => Kind::Heading,
        "description" if in_example => Kind::Block,
        "request" | "response" if in_example => Kind::Pre,
        _ => return None,
    };
    Some(kind)
}
