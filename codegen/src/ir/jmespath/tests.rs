//! The parser against the shapes the specification gives its constructs.

use super::ast::{Ast, Comparison};
use super::parse;
use serde_json::json;

fn field(name: &str) -> Box<Ast> {
    Box::new(Ast::Field(name.to_owned()))
}

fn sub(left: Box<Ast>, right: Box<Ast>) -> Box<Ast> {
    Box::new(Ast::Subexpression(left, right))
}

fn current() -> Box<Ast> {
    Box::new(Ast::Current)
}

#[test]
fn paths_and_flatten_projections() {
    assert_eq!(parse("a.b").unwrap(), *sub(field("a"), field("b")));
    // `a[].b[].c`: the second flatten applies to the first projection's result.
    let first = Ast::Projection(Box::new(Ast::Flatten(field("a"))), field("b"));
    let second = Ast::Projection(Box::new(Ast::Flatten(Box::new(first))), field("c"));
    assert_eq!(parse("a[].b[].c").unwrap(), second);
    assert_eq!(parse("a[]").unwrap(), Ast::Projection(Box::new(Ast::Flatten(field("a"))), current()));
}

#[test]
fn projections_stop_at_a_pipe_but_not_at_a_dot() {
    let projection = Ast::Projection(field("a"), sub(field("b"), field("c")));
    assert_eq!(parse("a[*].b.c").unwrap(), projection);
    let piped = Ast::Pipe(Box::new(Ast::Projection(field("a"), field("b"))), sub(current(), Box::new(Ast::Index(0))));
    assert_eq!(parse("a[*].b | [0]").unwrap(), piped);
}

#[test]
fn value_projections_and_indices() {
    let values = Ast::ValueProjection(field("a"), field("b"));
    assert_eq!(parse("a.*.b").unwrap(), values);
    assert_eq!(parse("a[-1]").unwrap(), *sub(field("a"), Box::new(Ast::Index(-1))));
    let slice = Ast::Slice { start: None, stop: Some(2), step: Some(-1) };
    assert_eq!(parse("a[:2:-1]").unwrap(), Ast::Projection(sub(field("a"), Box::new(slice)), current()));
    assert_eq!(parse("[0]").unwrap(), *sub(current(), Box::new(Ast::Index(0))));
}

#[test]
fn an_index_after_an_index_joins_it_without_projecting() {
    // The reference appends to the index expression: `.b` applies to the slice itself.
    let expected = sub(
        sub(
            sub(field("x"), Box::new(Ast::Index(0))),
            Box::new(Ast::Slice { start: Some(1), stop: Some(2), step: None }),
        ),
        field("b"),
    );
    assert_eq!(parse("x[0][1:2].b").unwrap(), *expected);
    // A slice alone still projects.
    let projected =
        Ast::Projection(sub(field("x"), Box::new(Ast::Slice { start: Some(1), stop: None, step: None })), field("b"));
    assert_eq!(parse("x[1:].b").unwrap(), projected);
}

#[test]
fn filters_comparisons_and_logic() {
    let condition = Ast::Comparison(Comparison::Equal, field("s"), Box::new(Ast::Literal(json!("x"))));
    let filter = Ast::FilterProjection { left: field("a"), condition: Box::new(condition), right: field("n") };
    assert_eq!(parse("a[?s == 'x'].n").unwrap(), filter);
    // `&&` binds tighter than `||`, comparisons tighter than both, `!` tighter still.
    let expected = Ast::Or(
        field("a"),
        Box::new(Ast::And(
            Box::new(Ast::Not(field("b"))),
            Box::new(Ast::Comparison(Comparison::Less, field("c"), Box::new(Ast::Literal(json!(1))))),
        )),
    );
    assert_eq!(parse("a || !b && c < `1`").unwrap(), expected);
}

#[test]
fn functions_multi_selects_and_literals() {
    let call = Ast::Function("length".to_owned(), vec![Ast::Projection(Box::new(Ast::Flatten(field("a"))), current())]);
    assert_eq!(parse("length(a[])").unwrap(), call);
    assert_eq!(parse("[a, b]").unwrap(), Ast::MultiSelectList(vec![Ast::Field("a".into()), Ast::Field("b".into())]));
    let hash = Ast::MultiSelectHash(vec![("k".to_owned(), Ast::Field("a".into()))]);
    assert_eq!(parse("x.{k: a}").unwrap(), *sub(field("x"), Box::new(hash)));
    assert_eq!(
        parse("sort_by(a, &b)").unwrap(),
        Ast::Function("sort_by".into(), vec![Ast::Field("a".into()), Ast::ExpressionReference(field("b"))])
    );
    assert_eq!(parse("`{\"a\": [1, true]}`").unwrap(), Ast::Literal(json!({"a": [1, true]})));
    // A raw string keeps its backslashes but for `\'`; a quoted name is JSON.
    assert_eq!(parse(r"'a\'b\n'").unwrap(), Ast::Literal(json!("a'b\\n")));
    assert_eq!(parse(r#""a\"b""#).unwrap(), Ast::Field("a\"b".into()));
    // The reference still reads a literal that is not JSON as a string.
    assert_eq!(parse("`foo`").unwrap(), Ast::Literal(json!("foo")));
}

#[test]
fn the_corpus_spellings_parse() {
    for text in [
        "contains(AutoScalingGroups[].[length(Instances[?LifecycleState=='InService']) >= MinSize][], `false`)",
        "length(services[?!(length(deployments) == `1` && runningCount == desiredCount)]) == `0`",
        "status != 'CANCELLING' && status != 'CANCELLED'",
        "VerificationAttributes.*.VerificationStatus",
        "Reservations[].Instances[].State.Name",
    ] {
        parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    }
}

#[test]
fn malformed_expressions_are_errors_that_say_where() {
    for (text, expected) in [
        ("a.", "ends too early"),
        ("a[", "ends too early"),
        ("a ==", "ends too early"),
        ("'open", "unclosed"),
        ("a b", "unexpected name `b` at 2"),
        ("\"f\"(a)", "cannot be quoted"),
        ("a[1:2:3:4]", "unexpected"),
        ("a = b", "unexpected `=`"),
        ("{a b}", "unexpected"),
        ("a.[b", "ends too early"),
        ("-", "not a number"),
    ] {
        let error = parse(text).expect_err(text);
        assert!(error.contains(expected), "{text}: {error}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}a{}", "(".repeat(5000), ")".repeat(5000));
    assert!(parse(&deep).unwrap_err().contains("nests more than"));
    let negations = format!("{}a", "!".repeat(5000));
    assert!(parse(&negations).unwrap_err().contains("nests more than"));
    // Long chains build trees as deep as nesting does.
    for chain in [vec!["a"; 5000].join("."), vec!["a"; 5000].join("||"), format!("a{}", "[0]".repeat(5000))] {
        assert!(parse(&chain).unwrap_err().contains("nests more than"), "{}", &chain[..20]);
    }
}

/// Random token soups never panic: each parses or is an error.
#[test]
fn any_text_parses_or_is_an_error() {
    const PIECES: &[&str] = &[
        "a",
        "\"b\"",
        "'c'",
        "`1`",
        "`[1,{\"x\":null}]`",
        "0",
        "-1",
        ".",
        "*",
        "[",
        "]",
        "[]",
        "[?",
        "{",
        "}",
        "(",
        ")",
        ",",
        ":",
        "|",
        "||",
        "&&",
        "&",
        "!",
        "@",
        "==",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        " ",
        "length",
        "`",
        "'",
        "\"",
    ];
    let mut state: u64 = 0x0DDB_1A5E;
    for _ in 0..20_000 {
        let mut text = String::new();
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        for _ in 0..(state >> 60) + 1 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            text.push_str(PIECES[(state >> 33) as usize % PIECES.len()]);
        }
        let _ = parse(&text);
    }
}

/// Checks `path` against `DescribeTable`'s output in `tests/models/waiters.json`.
fn check_on_describe_table(path: &str) -> Result<super::check::Type, String> {
    use super::check::{check, Root, Type};
    use crate::ir::RustType;
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/models/waiters.json");
    let model = crate::model::Model::load_files(&[file]).unwrap();
    let krate = crate::ir::lower(&model, None).unwrap();
    let service = &krate.services[0];
    let output = "DescribeTableOutput";
    let root = Root {
        service,
        ty: Type::Model(RustType::Named(output.to_owned())),
        input: Some("DescribeTableInput"),
        output: Some(output),
    };
    check(&parse(path)?, &root).map(|expr| expr.ty)
}

#[test]
fn paths_take_the_types_of_the_members_they_reach() {
    use super::check::Type;
    use crate::ir::RustType;
    let named = |name: &str| Type::Model(RustType::Named(name.to_owned()));
    assert_eq!(check_on_describe_table("Table.TableStatus").unwrap(), named("TableStatus"));
    assert_eq!(
        check_on_describe_table("Replicas[].Status").unwrap(),
        Type::Array(Box::new(Type::Model(RustType::String)))
    );
    // A list of lists flattens one level; a map's entry is its value; a union's member its value.
    assert_eq!(check_on_describe_table("Groups[]").unwrap(), Type::Array(Box::new(Type::Model(RustType::String))));
    assert_eq!(check_on_describe_table("Tags.env").unwrap(), Type::Model(RustType::String));
    assert_eq!(check_on_describe_table("Detail.count").unwrap(), Type::Model(RustType::I32));
    assert_eq!(check_on_describe_table("Extra.a.b").unwrap(), Type::Any);
    // A document may hold a list: indexing and projecting it is dynamic.
    assert_eq!(check_on_describe_table("Extra[0]").unwrap(), Type::Any);
    assert_eq!(check_on_describe_table("Extra[].state").unwrap(), Type::Array(Box::new(Type::Any)));
    assert_eq!(check_on_describe_table("length(Replicas) > `1`").unwrap(), Type::Bool);
    assert_eq!(check_on_describe_table("to_string(Wanted)").unwrap(), Type::Any);
}

#[test]
fn paths_that_can_never_match_or_are_not_supported_say_why() {
    for (path, expected) in [
        ("Table.Status", "`TableDescription` has no member `Status`"),
        ("Replicas.Status", "`.Status` of a list, which has no members, is always null"),
        ("Table.Name[0]", "`[0]` of a string, which is not a list"),
        ("Table.Name[]", "`[]` of a string, which is not a list, is always null"),
        ("Table == Table", "`TableDescription` as a JSON value"),
        ("sort_by(Replicas, &Region)", "`sort_by()`, which takes an expression reference, is not supported yet"),
        ("lenght(Replicas)", "`lenght()` is not a JMESPath function"),
        ("length(Replicas, Tags)", "`length()` takes 1, not 2"),
        ("&Table", "an expression reference (`&`) outside the functions that take one"),
        ("Table.*", "`*` over `TableDescription`: only maps are supported"),
        ("Table[?Name]", "a projection over `TableDescription`, which is not a list, is always null"),
        ("Replicas[?@]", "the truth of `Replica`"),
    ] {
        let error = check_on_describe_table(path).expect_err(path);
        assert!(error.contains(expected), "{path}: {error}");
    }
}
