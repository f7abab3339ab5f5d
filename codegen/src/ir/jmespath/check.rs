//! Type-checking: an expression's parse tree, read against the generated types it walks,
//! becomes a typed tree ([`Expr`]) in which every member is resolved to its Rust field and
//! every value has a static [`Type`], which says how the generated code holds it.
//!
//! JMESPath itself is dynamic: a member a structure does not have, or a `.name` of a list,
//! is null, not an error. Read against a model such a path can never match, so it is
//! reported instead. So is what the generator cannot express over typed values yet (a
//! structure used as a JSON value: compared, in a multi-select or a function argument);
//! the caller names the waiter.

use super::ast::{Ast, Comparison};
use crate::ir::paginators::FieldStep;
use crate::ir::{RustType, Service, TypeDef};
use serde_json::Value;

/// What the generated code holds for a value; always in an `Option`, whose `None` is null.
#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    /// Only ever null: `Option<()>`.
    Null,
    /// `Option<bool>`.
    Bool,
    /// `Option<f64>`: JMESPath has one number type.
    Number,
    /// `Option<&str>`: a string literal.
    Str,
    /// `Option<&T>`: a value of the model, borrowed. Never `Option` or `Box`.
    Model(RustType),
    /// `Option<Vec<Option<R>>>`: an array the expression builds (a projection's results, a
    /// flattened list, a multi-select), whose elements (null or not) are of the inner type.
    Array(Box<Type>),
    /// `Option<Value>`: a dynamic value (a document, a literal array or object, values of
    /// different types); never `Some(Value::Null)`.
    Any,
    /// The root of an `inputOutput` matcher: an object with members `input` and `output`.
    InputOutput,
}

/// A typed expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// The type of its value.
    pub ty: Type,
    /// What it computes.
    pub node: Node,
}

/// What an expression computes. "The current value" is the root, or the value bound by
/// the nearest enclosing [`Node::Then`] or projection.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// The current value.
    Current,
    /// A constant.
    Literal(Value),
    /// A member of the current value.
    Field(Access),
    /// An element of the current array; negative counts from the end.
    Index(i64),
    /// A slice of the current array.
    Slice { start: Option<i64>, stop: Option<i64>, step: Option<i64> },
    /// The second evaluated with the first's value as the current value.
    Then(Box<Expr>, Box<Expr>),
    /// The array with its array elements merged in, one level.
    Flatten(Box<Expr>),
    /// `body` on each element of `list`, keeping the results that are not null.
    Project { list: Box<Expr>, body: Box<Expr> },
    /// `body` on each value of the object `object`, keeping the results that are not null.
    ProjectValues { object: Box<Expr>, body: Box<Expr> },
    /// `body` on each element of `list` for which `condition` is truthy.
    Filter { list: Box<Expr>, condition: Box<Expr>, body: Box<Expr> },
    /// A comparison: always a boolean for `==` and `!=`, null unless both are numbers for
    /// the ordering comparators.
    Compare(Comparison, Box<Expr>, Box<Expr>),
    /// `left && right`.
    And(Box<Expr>, Box<Expr>),
    /// `left || right`.
    Or(Box<Expr>, Box<Expr>),
    /// `!expression`.
    Not(Box<Expr>),
    /// A new array; null when the current value is.
    List(Vec<Expr>),
    /// A new object; null when the current value is.
    Hash(Vec<(String, Expr)>),
    /// `length()`, over typed values without converting them.
    Length(Box<Expr>),
    /// Any other built-in function, over the arguments as dynamic values.
    Call(String, Vec<Expr>),
}

/// How a member is read from the current value.
#[derive(Clone, Debug, PartialEq)]
pub enum Access {
    /// A structure's field.
    Field(FieldStep),
    /// A map's entry; `sparse` when its values are optional.
    Entry { key: String, sparse: bool },
    /// A union's member, through its accessor (which lends the value, boxed or not).
    Variant { accessor: String },
    /// A member of a dynamic value.
    Dynamic(String),
    /// The `input` of an `inputOutput` root.
    Input,
    /// The `output` of an `inputOutput` root.
    Output,
}

/// The types a path starts from.
pub struct Root<'s> {
    /// The service whose types are walked.
    pub service: &'s Service,
    /// The current value at the start.
    pub ty: Type,
    /// The operation's input and output types, for an `inputOutput` root.
    pub input: Option<&'s str>,
    pub output: Option<&'s str>,
}

/// Checks `ast` against the root's types.
pub fn check(ast: &Ast, root: &Root<'_>) -> Result<Expr, String> {
    Checker { root }.expr(ast, &root.ty)
}

/// Built-in functions with their number of arguments (`None`: one or more), per the
/// specification. Those taking an expression reference are not among them yet.
const FUNCTIONS: &[(&str, Option<usize>)] = &[
    ("abs", Some(1)),
    ("avg", Some(1)),
    ("ceil", Some(1)),
    ("contains", Some(2)),
    ("ends_with", Some(2)),
    ("floor", Some(1)),
    ("join", Some(2)),
    ("keys", Some(1)),
    ("length", Some(1)),
    ("max", Some(1)),
    ("merge", None),
    ("min", Some(1)),
    ("not_null", None),
    ("reverse", Some(1)),
    ("sort", Some(1)),
    ("starts_with", Some(2)),
    ("sum", Some(1)),
    ("to_array", Some(1)),
    ("to_number", Some(1)),
    ("to_string", Some(1)),
    ("type", Some(1)),
    ("values", Some(1)),
];

/// Functions whose argument is an expression reference, evaluated per element.
const BY_EXPRESSION: &[&str] = &["map", "max_by", "min_by", "sort_by"];

struct Checker<'r, 's> {
    root: &'r Root<'s>,
}

impl Checker<'_, '_> {
    fn expr(&self, ast: &Ast, current: &Type) -> Result<Expr, String> {
        let expr = |ty, node| Ok(Expr { ty, node });
        match ast {
            Ast::Current => expr(current.clone(), Node::Current),
            Ast::Literal(value) => expr(literal_type(value), Node::Literal(value.clone())),
            Ast::Field(name) => {
                let (ty, access) = self.field(current, name)?;
                expr(ty, Node::Field(access))
            }
            Ast::Subexpression(first, then) | Ast::Pipe(first, then) => {
                let first = self.expr(first, current)?;
                let then = self.expr(then, &first.ty)?;
                expr(then.ty.clone(), Node::Then(Box::new(first), Box::new(then)))
            }
            Ast::Index(index) => {
                let ty = match current {
                    Type::Null => Type::Null,
                    Type::Any | Type::Model(RustType::Document) => Type::Any,
                    other => element(other)
                        .ok_or_else(|| format!("`[{index}]` of {}, which is not a list", describe(other)))?,
                };
                expr(ty, Node::Index(*index))
            }
            Ast::Slice { start, stop, step } => {
                if *step == Some(0) {
                    return Err("a slice step of 0".to_owned());
                }
                let ty = match current {
                    Type::Null => Type::Null,
                    Type::Any | Type::Model(RustType::Document) => Type::Any,
                    other => Type::Array(Box::new(
                        element(other).ok_or_else(|| format!("a slice of {}, which is not a list", describe(other)))?,
                    )),
                };
                expr(ty, Node::Slice { start: *start, stop: *stop, step: *step })
            }
            Ast::Flatten(inner) => {
                let inner = self.expr(inner, current)?;
                let ty = flattened(&inner.ty)?;
                expr(ty, Node::Flatten(Box::new(inner)))
            }
            Ast::Projection(list, body) => {
                let list = self.expr(list, current)?;
                let Some(item) = projected(&list.ty)? else { return expr(Type::Null, Node::Literal(Value::Null)) };
                let body = self.expr(body, &item)?;
                expr(
                    Type::Array(Box::new(body.ty.clone())),
                    Node::Project { list: Box::new(list), body: Box::new(body) },
                )
            }
            Ast::ValueProjection(object, body) => {
                let object = self.expr(object, current)?;
                let item = match &object.ty {
                    Type::Null => return expr(Type::Null, Node::Literal(Value::Null)),
                    Type::Any | Type::Model(RustType::Document) => Type::Any,
                    Type::Model(RustType::Map(_, value)) => Type::Model(unwrap_sparse(value).0),
                    other => return Err(format!("`*` over {}: only maps are supported", describe(other))),
                };
                let body = self.expr(body, &item)?;
                let ty = Type::Array(Box::new(body.ty.clone()));
                expr(ty, Node::ProjectValues { object: Box::new(object), body: Box::new(body) })
            }
            Ast::FilterProjection { left, condition, right } => {
                let list = self.expr(left, current)?;
                let Some(item) = projected(&list.ty)? else { return expr(Type::Null, Node::Literal(Value::Null)) };
                let condition = self.expr(condition, &item)?;
                truthiness(self.root.service, &condition.ty)?;
                let body = self.expr(right, &item)?;
                let ty = Type::Array(Box::new(body.ty.clone()));
                expr(ty, Node::Filter { list: Box::new(list), condition: Box::new(condition), body: Box::new(body) })
            }
            Ast::Comparison(op, left, right) => {
                let left = self.expr(left, current)?;
                let right = self.expr(right, current)?;
                self.dynamic(&left.ty)?;
                self.dynamic(&right.ty)?;
                expr(Type::Bool, Node::Compare(*op, Box::new(left), Box::new(right)))
            }
            Ast::And(left, right) | Ast::Or(left, right) => {
                let left = self.expr(left, current)?;
                let right = self.expr(right, current)?;
                truthiness(self.root.service, &left.ty)?;
                let ty = if left.ty == right.ty {
                    left.ty.clone()
                } else {
                    self.dynamic(&left.ty)?;
                    self.dynamic(&right.ty)?;
                    Type::Any
                };
                let (left, right) = (Box::new(left), Box::new(right));
                let node = if matches!(ast, Ast::And(..)) { Node::And(left, right) } else { Node::Or(left, right) };
                expr(ty, node)
            }
            Ast::Not(inner) => {
                let inner = self.expr(inner, current)?;
                truthiness(self.root.service, &inner.ty)?;
                expr(Type::Bool, Node::Not(Box::new(inner)))
            }
            Ast::MultiSelectList(items) => {
                let items = items.iter().map(|item| self.expr(item, current)).collect::<Result<Vec<_>, _>>()?;
                let same = items.windows(2).all(|pair| pair[0].ty == pair[1].ty);
                let ty = match items.first() {
                    Some(first) if same => first.ty.clone(),
                    _ => {
                        for item in &items {
                            self.dynamic(&item.ty)?;
                        }
                        Type::Any
                    }
                };
                expr(Type::Array(Box::new(ty)), Node::List(items))
            }
            Ast::MultiSelectHash(pairs) => {
                let mut checked = Vec::with_capacity(pairs.len());
                for (key, value) in pairs {
                    let value = self.expr(value, current)?;
                    self.dynamic(&value.ty)?;
                    checked.push((key.clone(), value));
                }
                expr(Type::Any, Node::Hash(checked))
            }
            Ast::Function(name, args) => self.function(name, args, current),
            Ast::ExpressionReference(_) => {
                Err("an expression reference (`&`) outside the functions that take one".to_owned())
            }
        }
    }

    fn function(&self, name: &str, args: &[Ast], current: &Type) -> Result<Expr, String> {
        if BY_EXPRESSION.contains(&name) {
            return Err(format!("`{name}()`, which takes an expression reference, is not supported yet"));
        }
        let Some(&(_, arity)) = FUNCTIONS.iter().find(|(known, _)| *known == name) else {
            return Err(format!("`{name}()` is not a JMESPath function"));
        };
        let count_ok = match arity {
            Some(n) => args.len() == n,
            None => !args.is_empty(),
        };
        if !count_ok {
            return Err(format!(
                "`{name}()` takes {}, not {}",
                arity.map_or("one or more".to_owned(), |n| n.to_string()),
                args.len()
            ));
        }
        let args = args.iter().map(|arg| self.expr(arg, current)).collect::<Result<Vec<_>, _>>()?;
        if let ([arg], "length") = (args.as_slice(), name) {
            if has_length(&arg.ty) {
                return Ok(Expr { ty: Type::Number, node: Node::Length(Box::new(arg.clone())) });
            }
        }
        for arg in &args {
            self.dynamic(&arg.ty).map_err(|why| format!("`{name}()` of {why}"))?;
        }
        Ok(Expr { ty: Type::Any, node: Node::Call(name.to_owned(), args) })
    }

    fn dynamic(&self, ty: &Type) -> Result<(), String> {
        dynamic(self.root.service, ty)
    }

    /// The type of member `name` of a value of type `current`, and how it is read.
    fn field(&self, current: &Type, name: &str) -> Result<(Type, Access), String> {
        match current {
            Type::Null => Ok((Type::Null, Access::Dynamic(name.to_owned()))),
            Type::Any | Type::Model(RustType::Document) => Ok((Type::Any, Access::Dynamic(name.to_owned()))),
            Type::InputOutput => {
                let (ty, access) = match name {
                    "input" => (self.root.input, Access::Input),
                    "output" => (self.root.output, Access::Output),
                    _ => return Err(format!("`{name}`: an inputOutput path starts with `input` or `output`")),
                };
                let ty = ty.ok_or_else(|| format!("`{name}`: the operation has no {name}"))?;
                Ok((Type::Model(RustType::Named(ty.to_owned())), access))
            }
            Type::Model(RustType::Map(_, value)) => {
                let (value, sparse) = unwrap_sparse(value);
                Ok((Type::Model(value), Access::Entry { key: name.to_owned(), sparse }))
            }
            Type::Model(RustType::Named(type_name)) => match self.root.service.type_named(type_name) {
                Some(TypeDef::Struct(s)) => {
                    let field = s
                        .fields
                        .iter()
                        .find(|f| f.wire_name == name)
                        .ok_or_else(|| format!("`{}` has no member `{name}`", s.id.name()))?;
                    Ok((Type::Model(field.ty.clone()), Access::Field(FieldStep::new(field))))
                }
                Some(TypeDef::Union(u)) => {
                    let variant = u
                        .variants
                        .iter()
                        .find(|v| v.wire_name == name)
                        .ok_or_else(|| format!("`{}` has no member `{name}`", u.id.name()))?;
                    let ty = variant.ty.clone().ok_or_else(|| format!("`{name}` of `{}` has no value", u.id.name()))?;
                    Ok((Type::Model(ty), Access::Variant { accessor: variant.accessor.clone() }))
                }
                _ => Err(format!("`.{name}` of {}, which has no members", describe(current))),
            },
            other => Err(format!("`.{name}` of {}, which has no members, is always null", describe(other))),
        }
    }
}

/// A literal's type: scalars keep theirs, arrays and objects are dynamic.
fn literal_type(value: &Value) -> Type {
    match value {
        Value::Null => Type::Null,
        Value::Bool(_) => Type::Bool,
        Value::Number(_) => Type::Number,
        Value::String(_) => Type::Str,
        Value::Array(_) | Value::Object(_) => Type::Any,
    }
}

/// A list element's type, without the `Option` of a sparse list; `None` for what is not a
/// list.
fn element(ty: &Type) -> Option<Type> {
    match ty {
        Type::Model(RustType::List(item)) => Some(Type::Model(unwrap_sparse(item).0)),
        Type::Array(item) => Some((**item).clone()),
        _ => None,
    }
}

/// The type of a projection's elements; `None` when the projected value is always null.
fn projected(ty: &Type) -> Result<Option<Type>, String> {
    match ty {
        Type::Null => Ok(None),
        Type::Any | Type::Model(RustType::Document) => Ok(Some(Type::Any)),
        other => element(other)
            .map(Some)
            .ok_or_else(|| format!("a projection over {}, which is not a list, is always null", describe(other))),
    }
}

/// The type of `[]` applied to a value of type `ty`.
fn flattened(ty: &Type) -> Result<Type, String> {
    let item = match ty {
        Type::Null => return Ok(Type::Null),
        Type::Any | Type::Model(RustType::Document) => return Ok(Type::Any),
        other => {
            element(other).ok_or_else(|| format!("`[]` of {}, which is not a list, is always null", describe(other)))?
        }
    };
    let merged = match &item {
        // An element that may or may not be an array at run time.
        Type::Any | Type::Model(RustType::Document) => Type::Any,
        list => element(list).unwrap_or(item),
    };
    Ok(Type::Array(Box::new(merged)))
}

/// A map's or sparse list's value type without its `Option`, and whether it had one.
fn unwrap_sparse(ty: &RustType) -> (RustType, bool) {
    match ty {
        RustType::Option(inner) => ((**inner).clone(), true),
        other => (other.clone(), false),
    }
}

fn has_length(ty: &Type) -> bool {
    matches!(ty, Type::Str | Type::Model(RustType::String | RustType::List(_) | RustType::Map(..)) | Type::Array(_))
}

/// Whether a value of this type can be tested for truth without converting it: a
/// structure's truth depends on which of its members are set.
fn truthiness(service: &Service, ty: &Type) -> Result<(), String> {
    match ty {
        Type::Model(RustType::Named(name)) if !matches!(service.type_named(name), Some(TypeDef::Enum(_))) => {
            Err(format!("the truth of {}", describe(ty)))
        }
        Type::InputOutput => Err(format!("the truth of {}", describe(ty))),
        _ => Ok(()),
    }
}

/// Whether a value of this type can become a dynamic value (for a comparison, a function,
/// a multi-select): enums can; structures and unions cannot yet; blobs and timestamps have
/// no JSON form that JMESPath knows.
pub fn dynamic(service: &Service, ty: &Type) -> Result<(), String> {
    match ty {
        Type::Null | Type::Bool | Type::Number | Type::Str | Type::Any => Ok(()),
        Type::Array(item) => dynamic(service, item),
        Type::InputOutput => Err("the inputOutput root as a value".to_owned()),
        Type::Model(model) => dynamic_model(service, model, ty),
    }
}

fn dynamic_model(service: &Service, model: &RustType, whole: &Type) -> Result<(), String> {
    match model {
        RustType::Named(name) if matches!(service.type_named(name), Some(TypeDef::Enum(_))) => Ok(()),
        RustType::Named(_) | RustType::Blob | RustType::ByteStream | RustType::DateTime => {
            Err(format!("{} as a JSON value", describe(whole)))
        }
        RustType::List(item) | RustType::Option(item) | RustType::Box(item) => dynamic_model(service, item, whole),
        RustType::Map(_, value) => dynamic_model(service, value, whole),
        _ => Ok(()),
    }
}

/// A type in words, for diagnostics.
fn describe(ty: &Type) -> String {
    match ty {
        Type::Null => "null".to_owned(),
        Type::Bool => "a boolean".to_owned(),
        Type::Number => "a number".to_owned(),
        Type::Str => "a string".to_owned(),
        Type::Array(_) => "an array".to_owned(),
        Type::Any => "a dynamic value".to_owned(),
        Type::InputOutput => "the inputOutput root".to_owned(),
        Type::Model(model) => match model {
            RustType::Named(name) => format!("`{name}`"),
            RustType::List(_) => "a list".to_owned(),
            RustType::Map(..) => "a map".to_owned(),
            RustType::String => "a string".to_owned(),
            RustType::Bool => "a boolean".to_owned(),
            RustType::Blob | RustType::ByteStream => "a blob".to_owned(),
            RustType::DateTime => "a timestamp".to_owned(),
            RustType::Document => "a document".to_owned(),
            _ => "a number".to_owned(),
        },
    }
}
