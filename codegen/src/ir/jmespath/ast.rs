//! The parsed form of a JMESPath expression: one node per construct of the specification,
//! shaped as the reference implementation's parser shapes it, so that evaluation order and
//! projection boundaries are the specification's.

use serde_json::Value;

/// A JMESPath expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Ast {
    /// `@`, and the implicit right-hand side of a projection that has none.
    Current,
    /// `foo` or `"foo"`: a member of the current object.
    Field(String),
    /// `left.right`: `right` evaluated on the value of `left`.
    Subexpression(Box<Ast>, Box<Ast>),
    /// `left | right`: as a subexpression, but it ends a projection.
    Pipe(Box<Ast>, Box<Ast>),
    /// `[n]` of the current array; negative counts from the end.
    Index(i64),
    /// `[start:stop:step]` of the current array.
    Slice { start: Option<i64>, stop: Option<i64>, step: Option<i64> },
    /// `left[]` (flatten, then project), `left[*]`, or a slice: `right` evaluated on each
    /// element of the array `left`, keeping the results that are not null.
    Projection(Box<Ast>, Box<Ast>),
    /// `left.*`: `right` on each value of the object `left`.
    ValueProjection(Box<Ast>, Box<Ast>),
    /// `left[?condition]`: `right` on each element of the array `left` for which
    /// `condition` is truthy.
    FilterProjection { left: Box<Ast>, condition: Box<Ast>, right: Box<Ast> },
    /// The array `left` with its array elements merged into it, one level.
    Flatten(Box<Ast>),
    /// `left op right`.
    Comparison(Comparison, Box<Ast>, Box<Ast>),
    /// `left && right`
    And(Box<Ast>, Box<Ast>),
    /// `left || right`
    Or(Box<Ast>, Box<Ast>),
    /// `!expression`
    Not(Box<Ast>),
    /// `[a, b]`: a new array.
    MultiSelectList(Vec<Ast>),
    /// `{k: a, l: b}`: a new object.
    MultiSelectHash(Vec<(String, Ast)>),
    /// `` `json` `` or `'raw'`.
    Literal(Value),
    /// `name(args…)`.
    Function(String, Vec<Ast>),
    /// `&expression`, an argument of `sort_by` and the like.
    ExpressionReference(Box<Ast>),
}

/// A comparator: the runtime's, which evaluates the dynamic comparisons.
pub use smithy_runtime::jmespath::Comparison;
