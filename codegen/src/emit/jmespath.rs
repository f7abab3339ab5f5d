//! Compiled JMESPath: a type-checked expression (`ir::jmespath::check`) becomes the body of
//! a function over the typed input and output, one `let` per step.
//!
//! Each local holds an `Option` whose `None` is JMESPath's null, of the Rust type its
//! static [`Type`] says: a borrowed model value, a boolean, a number, a `Vec` built by a
//! projection, or the runtime's `Value` where the model leaves values dynamic. Projections
//! and flattens are loops in a closure over the list; what JMESPath evaluates only when
//! needed (the right of `&&` and `||`, a filter's body, a multi-select of a non-null
//! value) is in a block run only then, so an error there is raised exactly when the
//! reference raises it.

use super::common::{ident, type_tokens, Place};
use crate::ir::jmespath::check::{Access, Expr, Node, Type};
use crate::ir::jmespath::Comparison;
use crate::ir::{RustType, Service, TypeDef};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};

/// A compiled path: the function body, and which of its parameters it reads.
pub(super) struct Compiled {
    /// Statements ending in `Ok(value)`, for a function with parameters `input` and
    /// `output` returning `Result<Value<'a>, Error>`.
    pub body: TokenStream,
    pub uses_input: bool,
    pub uses_output: bool,
}

/// Compiles `expr`, whose root is the output, or the `{input, output}` pair when `pair`.
pub(super) fn compile(service: &Service, expr: &Expr, output: Option<&str>, pair: bool) -> Compiled {
    // Twice: the first pass finds the locals that are never read, which the second binds
    // to `_` (still evaluated: JMESPath raises its errors even for a discarded value).
    let mut first = Compiler::new(service, BTreeSet::new(), BTreeMap::new());
    first.compile(expr, output, pair);
    let unread: BTreeSet<Ident> = first.bound.iter().filter(|name| !first.reads.contains_key(*name)).cloned().collect();
    let mut second = Compiler::new(service, unread, first.reads);
    let body = second.compile(expr, output, pair);
    Compiled { body, uses_input: second.uses_input, uses_output: second.uses_output }
}

/// A local holding `Option<R>` for its type; `Type::Null` locals are not bound at all.
#[derive(Clone)]
struct Local {
    name: Ident,
    ty: Type,
}

struct Compiler<'s> {
    service: &'s Service,
    statements: Vec<TokenStream>,
    next: usize,
    /// Whether the statements so far may return an error.
    fallible: bool,
    bound: BTreeSet<Ident>,
    /// How many times each local is read (in the first pass: what the second knows).
    reads: BTreeMap<Ident, usize>,
    /// The first pass's counts: locals never read, and those read more than once.
    unread: BTreeSet<Ident>,
    known_reads: BTreeMap<Ident, usize>,
    uses_input: bool,
    uses_output: bool,
}

fn value_type() -> TokenStream {
    quote!(::smithy_runtime::jmespath::Value)
}

fn error_type() -> TokenStream {
    quote!(::smithy_runtime::jmespath::Error)
}

impl<'s> Compiler<'s> {
    fn new(service: &'s Service, unread: BTreeSet<Ident>, known_reads: BTreeMap<Ident, usize>) -> Self {
        Self {
            service,
            statements: Vec::new(),
            next: 0,
            fallible: false,
            bound: BTreeSet::new(),
            reads: BTreeMap::new(),
            unread,
            known_reads,
            uses_input: false,
            uses_output: false,
        }
    }

    fn compile(&mut self, expr: &Expr, output: Option<&str>, pair: bool) -> TokenStream {
        let root = if pair {
            Local { name: format_ident!("root"), ty: Type::InputOutput }
        } else {
            let ty = output.map_or(Type::Null, |name| Type::Model(RustType::Named(name.to_owned())));
            self.bind_root(ty)
        };
        let result = self.expr(expr, &root);
        let value = self.value_of(&result);
        let statements = &self.statements;
        quote! {
            #(#statements)*
            Ok(#value)
        }
    }

    /// `let root = Some(output);`, unless nothing reads it.
    fn bind_root(&mut self, ty: Type) -> Local {
        let name = format_ident!("root");
        self.bound.insert(name.clone());
        if !self.unread.contains(&name) {
            self.uses_output = true;
            self.statements.push(quote!(let root = Some(output);));
        }
        Local { name, ty }
    }

    fn fresh(&mut self, prefix: &str) -> Ident {
        self.next += 1;
        format_ident!("{}{}", prefix, self.next)
    }

    /// Binds `value`, an `Option<R>` expression, to a new local of type `ty`.
    fn bind(&mut self, ty: Type, value: TokenStream) -> Local {
        let name = self.fresh("v");
        if ty == Type::Null {
            // Always null: nothing to hold or run (what may fail on the way, the right of
            // `&&` or `||`, is run by its caller).
            return Local { name, ty };
        }
        self.bound.insert(name.clone());
        let rust = self.option_type(&ty);
        if self.unread.contains(&name) {
            self.statements.push(quote!(let _: #rust = #value;));
        } else {
            self.statements.push(quote!(let #name: #rust = #value;));
        }
        Local { name, ty }
    }

    /// Compiles `f` into statements of its own, for a loop or a branch; the outer
    /// statements become fallible if these are.
    fn block<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> (Vec<TokenStream>, T, bool) {
        let outer = std::mem::take(&mut self.statements);
        let outer_fallible = std::mem::replace(&mut self.fallible, false);
        let local = f(self);
        let fallible = self.fallible;
        self.fallible |= outer_fallible;
        (std::mem::replace(&mut self.statements, outer), local, fallible)
    }

    /// A local's value: copied when its type is `Copy`; an owned value is cloned when the
    /// local is read more than once (`@` on both sides of a comparison), else moved.
    fn read(&mut self, local: &Local) -> TokenStream {
        let name = &local.name;
        *self.reads.entry(name.clone()).or_default() += 1;
        let shared = self.known_reads.get(name).is_some_and(|&reads| reads > 1);
        match local.ty {
            Type::Null | Type::InputOutput => quote!(None::<()>),
            Type::Array(_) | Type::Any if shared => quote!(#name.clone()),
            _ => quote!(#name),
        }
    }

    /// `Option<R>` for a type.
    fn option_type(&self, ty: &Type) -> TokenStream {
        let value = value_type();
        match ty {
            Type::Null | Type::InputOutput => quote!(Option<()>),
            Type::Bool => quote!(Option<bool>),
            Type::Number => quote!(Option<f64>),
            Type::Str => quote!(Option<&'a str>),
            Type::Model(model) => {
                let model = type_tokens(model, Place::Builders);
                quote!(Option<&'a #model>)
            }
            Type::Array(item) => {
                let item = self.option_type(item);
                quote!(Option<Vec<#item>>)
            }
            Type::Any => quote!(Option<#value<'a>>),
        }
    }

    fn expr(&mut self, expr: &Expr, current: &Local) -> Local {
        match &expr.node {
            Node::Current => current.clone(),
            Node::Literal(value) => {
                let tokens = literal(value, &expr.ty);
                self.bind(expr.ty.clone(), tokens)
            }
            Node::Field(access) => self.field(access, current, &expr.ty),
            Node::Index(index) => self.index(*index, current, &expr.ty),
            Node::Slice { start, stop, step } => self.slice(*start, *stop, *step, current, &expr.ty),
            Node::Then(first, then) => {
                let first = self.expr(first, current);
                self.expr(then, &first)
            }
            Node::Flatten(inner) => {
                let inner = self.expr(inner, current);
                self.flatten(&inner, &expr.ty)
            }
            Node::Project { list, body } => {
                let list = self.expr(list, current);
                self.project(&list, Over::Elements, None, body, &expr.ty)
            }
            Node::ProjectValues { object, body } => {
                let object = self.expr(object, current);
                self.project(&object, Over::Values, None, body, &expr.ty)
            }
            Node::Filter { list, condition, body } => {
                let list = self.expr(list, current);
                self.project(&list, Over::Elements, Some(condition), body, &expr.ty)
            }
            Node::Compare(op, left, right) => {
                let left = self.expr(left, current);
                let right = self.expr(right, current);
                let compared = self.compare(*op, &left, &right);
                self.bind(Type::Bool, compared)
            }
            Node::And(left, right) | Node::Or(left, right) => {
                let left = self.expr(left, current);
                let truthy = self.truthy(&left);
                let left_value = self.convert(&left, &expr.ty);
                let (statements, right, fallible) = self.block(|c| c.expr(right, current));
                let right_value = self.convert(&right, &expr.ty);
                let right_block = quote!({ #(#statements)* #right_value });
                let value = if matches!(expr.node, Node::And(..)) {
                    quote!(if #truthy { #right_block } else { #left_value })
                } else {
                    quote!(if #truthy { #left_value } else { #right_block })
                };
                if expr.ty == Type::Null && fallible {
                    // Null whatever it gives, but the right side may still raise an error.
                    self.statements.push(quote!(let _: Option<()> = #value;));
                }
                self.bind(expr.ty.clone(), value)
            }
            Node::Not(inner) => {
                let inner = self.expr(inner, current);
                let falsy = self.falsy(&inner);
                self.bind(Type::Bool, quote!(Some(#falsy)))
            }
            Node::List(items) => {
                let Type::Array(item_ty) = &expr.ty else { return self.bind(Type::Null, quote!(None::<()>)) };
                let item_ty = (**item_ty).clone();
                self.multi_select(current, expr.ty.clone(), |c| {
                    let items: Vec<TokenStream> = items
                        .iter()
                        .map(|item| {
                            let item = c.expr(item, current);
                            c.convert(&item, &item_ty)
                        })
                        .collect();
                    quote!(vec![#(#items),*])
                })
            }
            Node::Hash(pairs) => {
                let value = value_type();
                self.multi_select(current, Type::Any, |c| {
                    let entries: Vec<TokenStream> = pairs
                        .iter()
                        .map(|(key, item)| {
                            let item = c.expr(item, current);
                            let item = c.value_of(&item);
                            quote!((#key, #item))
                        })
                        .collect();
                    quote!(#value::object([#(#entries),*]))
                })
            }
            Node::Length(arg) => {
                let arg = self.expr(arg, current);
                let read = self.read(&arg);
                let length = match &arg.ty {
                    Type::Str | Type::Model(RustType::String) => quote!(value.chars().count()),
                    _ => quote!(value.len()),
                };
                let error = error_type();
                self.fallible = true;
                self.bind(
                    Type::Number,
                    quote! {
                        match #read {
                            Some(value) => Some(#length as f64),
                            None => {
                                return Err(#error::InvalidType {
                                    function: "length",
                                    expected: "string, array or object",
                                    found: "null",
                                })
                            }
                        }
                    },
                )
            }
            Node::Call(name, args) => {
                let args: Vec<TokenStream> = args
                    .iter()
                    .map(|arg| {
                        let arg = self.expr(arg, current);
                        self.value_of(&arg)
                    })
                    .collect();
                self.fallible = true;
                self.bind(Type::Any, quote!(::smithy_runtime::jmespath::call(#name, vec![#(#args),*])?.non_null()))
            }
        }
    }

    /// A multi-select: null when the current value is, else `build`'s value, computed in a
    /// block run only then.
    fn multi_select(&mut self, current: &Local, ty: Type, build: impl FnOnce(&mut Self) -> TokenStream) -> Local {
        if current.ty == Type::Null {
            return self.bind(Type::Null, quote!(None::<()>));
        }
        let is_some = self.is_some(current);
        let (statements, built, _) = self.block(build);
        self.bind(ty, quote!(if #is_some { #(#statements)* Some(#built) } else { None }))
    }

    fn is_some(&mut self, local: &Local) -> TokenStream {
        match local.ty {
            Type::Null => quote!(false),
            Type::InputOutput => quote!(true),
            _ => {
                let name = &local.name;
                *self.reads.entry(name.clone()).or_default() += 1;
                quote!(#name.is_some())
            }
        }
    }

    fn field(&mut self, access: &Access, current: &Local, ty: &Type) -> Local {
        let value = match access {
            Access::Input => {
                self.uses_input = true;
                quote!(Some(input))
            }
            Access::Output => {
                self.uses_output = true;
                quote!(Some(output))
            }
            Access::Field(step) => {
                let c = self.read(current);
                let field = ident(&step.field);
                match (step.optional, step.boxed) {
                    (true, true) => quote!(#c.and_then(|v| v.#field.as_deref())),
                    (true, false) => quote!(#c.and_then(|v| v.#field.as_ref())),
                    (false, true) => quote!(#c.map(|v| &*v.#field)),
                    (false, false) => quote!(#c.map(|v| &v.#field)),
                }
            }
            Access::Entry { key, sparse } => {
                let c = self.read(current);
                let string_keys = matches!(&current.ty, Type::Model(RustType::Map(k, _)) if **k == RustType::String);
                let entry = if string_keys {
                    quote!(#c.and_then(|map| map.get(#key)))
                } else {
                    quote!(#c.and_then(|map| map.iter().find(|(k, _)| k.as_str() == #key).map(|(_, v)| v)))
                };
                if *sparse {
                    quote!(#entry.and_then(Option::as_ref))
                } else {
                    entry
                }
            }
            Access::Variant { accessor } => {
                let c = self.read(current);
                let accessor = ident(accessor);
                quote!(#c.and_then(|u| u.#accessor()))
            }
            Access::Dynamic(name) => match &current.ty {
                Type::Null => quote!(None::<()>),
                _ => {
                    let any = self.any(current);
                    quote!(#any.and_then(|v| v.field(#name).non_null()))
                }
            },
        };
        self.bind(ty.clone(), value)
    }

    fn index(&mut self, index: i64, current: &Local, ty: &Type) -> Local {
        let from_end = (index < 0).then(|| Literal::u64_unsuffixed(index.unsigned_abs()));
        let from_start = Literal::u64_unsuffixed(index.unsigned_abs());
        let value = match &current.ty {
            Type::Null => quote!(None::<()>),
            Type::Any | Type::Model(RustType::Document) => {
                let any = self.any(current);
                quote!(#any.and_then(|v| v.index(#index).non_null()))
            }
            Type::Array(_) => {
                let c = self.read(current);
                match from_end {
                    Some(back) => quote! {
                        #c.and_then(|list| {
                            let at = list.len().checked_sub(#back)?;
                            list.into_iter().nth(at)
                        })
                        .flatten()
                    },
                    None if index == 0 => quote!(#c.and_then(|list| list.into_iter().next()).flatten()),
                    None => quote!(#c.and_then(|list| list.into_iter().nth(#from_start)).flatten()),
                }
            }
            Type::Model(RustType::List(item)) => {
                let c = self.read(current);
                let get = match from_end {
                    Some(back) => quote!(#c.and_then(|list| list.get(list.len().checked_sub(#back)?))),
                    None => quote!(#c.and_then(|list| list.get(#from_start))),
                };
                if matches!(**item, RustType::Option(_)) {
                    quote!(#get.and_then(Option::as_ref))
                } else {
                    get
                }
            }
            _ => quote!(None::<()>),
        };
        self.bind(ty.clone(), value)
    }

    fn slice(&mut self, start: Option<i64>, stop: Option<i64>, step: Option<i64>, current: &Local, ty: &Type) -> Local {
        let bound = |b: Option<i64>| b.map_or(quote!(None), |b| quote!(Some(#b)));
        let (start, stop, step) = (bound(start), bound(stop), bound(step));
        let value = match &current.ty {
            Type::Null => quote!(None::<()>),
            Type::Any | Type::Model(RustType::Document) => {
                let any = self.any(current);
                self.fallible = true;
                quote! {
                    match #any {
                        Some(v) => v.slice(#start, #stop, #step)?.non_null(),
                        None => None,
                    }
                }
            }
            list => {
                let c = self.read(current);
                let items = items_of(list, Over::Elements, quote!(list));
                quote! {
                    #c.map(|list| {
                        let items: Vec<_> = #items.collect();
                        ::smithy_runtime::jmespath::slice_positions(items.len(), #start, #stop, #step)
                            .into_iter()
                            .filter_map(|at| items.get(at).cloned())
                            .collect()
                    })
                }
            }
        };
        self.bind(ty.clone(), value)
    }

    /// `[]`: the list's elements, with those that are lists merged in.
    fn flatten(&mut self, inner: &Local, ty: &Type) -> Local {
        let Type::Array(merged) = ty else {
            let value = match &inner.ty {
                Type::Any | Type::Model(RustType::Document) => {
                    let any = self.any(inner);
                    quote!(#any.and_then(|v| v.flatten().non_null()))
                }
                _ => quote!(None::<()>),
            };
            return self.bind(ty.clone(), value);
        };
        let (list, items) = self.collection(inner, Over::Elements);
        let item_ty = element_type(&inner.ty, Over::Elements);
        let value = value_type();
        let push = match &item_ty {
            Type::Any => quote! {
                match item {
                    Some(#value::Array(inner)) => out.extend(inner.into_iter().map(#value::non_null)),
                    other => out.push(other),
                }
            },
            Type::Model(RustType::Document) => quote! {
                match item.map(#value::from_document) {
                    Some(#value::Array(inner)) => out.extend(inner.into_iter().map(#value::non_null)),
                    other => out.push(other.and_then(#value::non_null)),
                }
            },
            nested if is_list(nested) => {
                // An array's own elements are already `Option<R>`: extend with it as it is.
                let inner_items = match nested {
                    Type::Array(_) => quote!(inner),
                    _ => items_of(nested, Over::Elements, quote!(inner)),
                };
                quote! {
                    match item {
                        Some(inner) => out.extend(#inner_items),
                        None => out.push(None),
                    }
                }
            }
            _ => {
                // Nothing to merge: the elements as they are.
                return self.bind(ty.clone(), quote!(#list.map(|list| #items.collect())));
            }
        };
        let element = self.option_type(merged);
        self.bind(
            ty.clone(),
            quote! {
                #list.map(|list| {
                    let mut out: Vec<#element> = Vec::new();
                    for item in #items {
                        #push
                    }
                    out
                })
            },
        )
    }

    /// A projection (with a filter's condition): `body` on each element (or value) of
    /// `list`, keeping the results that are not null.
    fn project(&mut self, list: &Local, over: Over, condition: Option<&Expr>, body: &Expr, ty: &Type) -> Local {
        let Type::Array(result) = ty else { return self.bind(Type::Null, quote!(None::<()>)) };
        let (collection, items) = self.collection(list, over);
        let item = Local { name: self.fresh("item"), ty: element_type(&list.ty, over) };
        self.bound.insert(item.name.clone());
        let (body_statements, body_result, body_fallible) = self.block(|c| c.expr(body, &item));
        let kept = self.read(&body_result);
        let keep = quote! {
            #(#body_statements)*
            let kept = #kept;
            if kept.is_some() {
                out.push(kept);
            }
        };
        let (step, fallible) = match condition {
            Some(condition) => {
                let (statements, condition, condition_fallible) = self.block(|c| c.expr(condition, &item));
                let truthy = self.truthy(&condition);
                (quote!(#(#statements)* if #truthy { #keep }), body_fallible || condition_fallible)
            }
            None => (keep, body_fallible),
        };
        let element = self.option_type(result);
        let item_name = if self.unread.contains(&item.name) {
            quote!(_)
        } else {
            let name = &item.name;
            quote!(#name)
        };
        let value = if fallible {
            let error = error_type();
            quote! {
                #collection
                    .map(|list| -> Result<Vec<#element>, #error> {
                        let mut out: Vec<#element> = Vec::new();
                        for #item_name in #items {
                            #step
                        }
                        Ok(out)
                    })
                    .transpose()?
            }
        } else {
            quote! {
                #collection.map(|list| {
                    let mut out: Vec<#element> = Vec::new();
                    for #item_name in #items {
                        #step
                    }
                    out
                })
            }
        };
        self.bind(ty.clone(), value)
    }

    /// An `Option<collection>` expression for `list`, and the iterator over a collection
    /// named `list` that yields its elements (or values) as `Option<R>`.
    fn collection(&mut self, list: &Local, over: Over) -> (TokenStream, TokenStream) {
        let value = value_type();
        match &list.ty {
            Type::Any | Type::Model(RustType::Document) => {
                let any = self.any(list);
                match over {
                    Over::Elements => (
                        quote!(#any.and_then(|v| match v { #value::Array(items) => Some(items), _ => None })),
                        quote!(list.into_iter().map(#value::non_null)),
                    ),
                    Over::Values => (
                        quote!(#any.and_then(|v| match v { #value::Object(members) => Some(members), _ => None })),
                        quote!(list.into_iter().map(|(_, v)| v.non_null())),
                    ),
                }
            }
            other => {
                let c = self.read(list);
                (c, items_of(other, over, quote!(list)))
            }
        }
    }

    /// A dynamic local's value as `Option<Value>`: a document is converted.
    fn any(&mut self, local: &Local) -> TokenStream {
        let c = self.read(local);
        match &local.ty {
            Type::Model(RustType::Document) => {
                let value = value_type();
                quote!(#c.map(#value::from_document).and_then(#value::non_null))
            }
            _ => c,
        }
    }

    /// `Option<bool>` of a comparison.
    fn compare(&mut self, op: Comparison, left: &Local, right: &Local) -> TokenStream {
        if let (Some(l), Some(r)) = (self.as_str(left), self.as_str(right)) {
            match op {
                Comparison::Equal => return quote!(Some(#l == #r)),
                Comparison::NotEqual => return quote!(Some(#l != #r)),
                _ => {}
            }
        }
        let (l, r) = (self.value_of(left), self.value_of(right));
        let op = match op {
            Comparison::Equal => quote!(Equal),
            Comparison::NotEqual => quote!(NotEqual),
            Comparison::Less => quote!(Less),
            Comparison::LessOrEqual => quote!(LessOrEqual),
            Comparison::Greater => quote!(Greater),
            Comparison::GreaterOrEqual => quote!(GreaterOrEqual),
        };
        quote!(#l.compare(::smithy_runtime::jmespath::Comparison::#op, &#r).as_bool())
    }

    /// `Option<&str>` of a string-valued local (a string or a string enum), else `None`.
    fn as_str(&mut self, local: &Local) -> Option<TokenStream> {
        let string = match &local.ty {
            Type::Str => return Some(self.read(local)),
            Type::Model(RustType::String) => quote!(String::as_str),
            Type::Model(RustType::Named(name)) if self.string_enum(name) => quote!(|e| e.as_str()),
            _ => return None,
        };
        let c = self.read(local);
        Some(quote!(#c.map(#string)))
    }

    fn string_enum(&self, name: &str) -> bool {
        matches!(self.service.type_named(name), Some(TypeDef::Enum(e)) if !e.int)
    }

    /// A `bool` expression: the local's truth, JMESPath's (false, null, empty strings,
    /// arrays and objects are false).
    fn truthy(&mut self, local: &Local) -> TokenStream {
        let c = match &local.ty {
            Type::Null => return quote!(false),
            Type::InputOutput => return quote!(true),
            _ => self.read(local),
        };
        let value = value_type();
        match &local.ty {
            Type::Bool => quote!(#c == Some(true)),
            Type::Model(RustType::Bool) => quote!(#c == Some(&true)),
            Type::Str => quote!(#c.is_some_and(|s| !s.is_empty())),
            Type::Model(RustType::String | RustType::List(_) | RustType::Map(..)) | Type::Array(_) => {
                quote!(#c.is_some_and(|v| !v.is_empty()))
            }
            Type::Model(RustType::Named(name)) if self.string_enum(name) => {
                quote!(#c.is_some_and(|e| !e.as_str().is_empty()))
            }
            Type::Model(RustType::Document) => quote!(#c.is_some_and(|d| #value::from_document(d).is_truthy())),
            Type::Any => quote!(#c.is_some_and(|v| v.is_truthy())),
            _ => quote!(#c.is_some()),
        }
    }

    /// A `bool` expression: the negation of [`truthy`](Self::truthy), spelled as simply.
    fn falsy(&mut self, local: &Local) -> TokenStream {
        match &local.ty {
            Type::Bool => {
                let c = self.read(local);
                quote!(#c != Some(true))
            }
            Type::Model(RustType::Bool) => {
                let c = self.read(local);
                quote!(#c != Some(&true))
            }
            Type::Model(RustType::Named(name)) if !self.string_enum(name) => {
                let c = self.read(local);
                quote!(#c.is_none())
            }
            Type::Number | Type::Model(_) if !self.truthiness_reads_value(&local.ty) => {
                let c = self.read(local);
                quote!(#c.is_none())
            }
            _ => {
                let truthy = self.truthy(local);
                quote!(!(#truthy))
            }
        }
    }

    /// Whether a value's truth depends on more than its presence.
    fn truthiness_reads_value(&self, ty: &Type) -> bool {
        match ty {
            Type::Model(RustType::Named(name)) => self.string_enum(name),
            Type::Model(model) => matches!(
                model,
                RustType::Bool | RustType::String | RustType::List(_) | RustType::Map(..) | RustType::Document
            ),
            Type::Number => false,
            _ => true,
        }
    }

    /// The local as an `Option<R>` of type `to`: itself when the types agree, else its
    /// dynamic value.
    fn convert(&mut self, local: &Local, to: &Type) -> TokenStream {
        if &local.ty == to {
            return self.read(local);
        }
        let value = self.value_of(local);
        quote!(#value.non_null())
    }

    /// The local's value as a `Value` (null for `None`).
    fn value_of(&mut self, local: &Local) -> TokenStream {
        let value = value_type();
        if matches!(local.ty, Type::Null | Type::InputOutput) {
            return quote!(#value::Null);
        }
        let c = self.read(local);
        option_to_value(self.service, &local.ty, c)
    }
}

/// Whether a projection walks a list's elements or an object's values.
#[derive(Clone, Copy)]
enum Over {
    Elements,
    Values,
}

/// The element type of a list (or value type of a map), without a sparse list's `Option`.
fn element_type(ty: &Type, over: Over) -> Type {
    match (ty, over) {
        (Type::Model(RustType::List(item)), Over::Elements) => Type::Model(without_option(item)),
        (Type::Model(RustType::Map(_, value)), Over::Values) => Type::Model(without_option(value)),
        (Type::Array(item), Over::Elements) => (**item).clone(),
        _ => Type::Any,
    }
}

fn is_list(ty: &Type) -> bool {
    matches!(ty, Type::Model(RustType::List(_)) | Type::Array(_))
}

fn without_option(ty: &RustType) -> RustType {
    match ty {
        RustType::Option(inner) => (**inner).clone(),
        other => other.clone(),
    }
}

/// The iterator over `list` (a `&Vec`, `&BTreeMap` or `Vec` of `ty`) yielding `Option<R>`.
fn items_of(ty: &Type, over: Over, list: TokenStream) -> TokenStream {
    match (ty, over) {
        (Type::Model(RustType::List(item)), _) => sparse_or_dense(item, quote!(#list.iter())),
        (Type::Model(RustType::Map(_, value)), _) => sparse_or_dense(value, quote!(#list.values())),
        _ => quote!(#list.into_iter()),
    }
}

fn sparse_or_dense(item: &RustType, iter: TokenStream) -> TokenStream {
    match item {
        RustType::Option(_) => quote!(#iter.map(Option::as_ref)),
        _ => quote!(#iter.map(Some)),
    }
}

/// An `Option<R>` expression of type `ty` as a `Value`.
fn option_to_value(service: &Service, ty: &Type, option: TokenStream) -> TokenStream {
    let value = value_type();
    match ty {
        Type::Null | Type::InputOutput => quote!(#value::Null),
        Type::Bool | Type::Number | Type::Str => quote!(#option.map_or(#value::Null, #value::from)),
        Type::Any => quote!(#option.unwrap_or_default()),
        Type::Array(item) => {
            let item = option_to_value(service, item, quote!(item));
            quote!(#option.map_or(#value::Null, |items| #value::Array(items.into_iter().map(|item| #item).collect())))
        }
        Type::Model(model) => {
            let convert = model_to_value_fn(service, model);
            quote!(#option.map_or(#value::Null, #convert))
        }
    }
}

/// A callable from `&T` to `Value`, for a model type the checker let through.
fn model_to_value_fn(service: &Service, model: &RustType) -> TokenStream {
    let value = value_type();
    match model {
        RustType::String => quote!(#value::from),
        RustType::Document => quote!(#value::from_document),
        _ => {
            let body = model_to_value(service, model, quote!(v));
            quote!(|v| #body)
        }
    }
}

/// `v: &T` as a `Value`.
fn model_to_value(service: &Service, model: &RustType, v: TokenStream) -> TokenStream {
    let value = value_type();
    match model {
        RustType::String => quote!(#value::from(#v.as_str())),
        RustType::Document => quote!(#value::from_document(#v)),
        RustType::Bool
        | RustType::I8
        | RustType::I16
        | RustType::I32
        | RustType::I64
        | RustType::F32
        | RustType::F64 => quote!(#value::from(*#v)),
        RustType::BigInteger | RustType::BigDecimal => {
            quote!(#v.as_str().parse::<f64>().map_or(#value::Null, #value::from))
        }
        RustType::Named(name) => match service.type_named(name) {
            Some(TypeDef::Enum(e)) if e.int => quote!(#value::from(#v.value())),
            _ => quote!(#value::from(#v.as_str())),
        },
        RustType::List(item) => {
            let convert = match &**item {
                RustType::Option(inner) => {
                    let inner = model_to_value_fn(service, inner);
                    quote!(|item| item.as_ref().map_or(#value::Null, #inner))
                }
                item => model_to_value_fn(service, item),
            };
            quote!(#value::Array(#v.iter().map(#convert).collect()))
        }
        RustType::Map(_, item) => {
            let convert = match &**item {
                RustType::Option(inner) => {
                    let inner = model_to_value_fn(service, inner);
                    quote!(item.as_ref().map_or(#value::Null, #inner))
                }
                item => model_to_value(service, item, quote!(item)),
            };
            quote!(#value::object(#v.iter().map(|(key, item)| (key.as_str(), #convert))))
        }
        RustType::Box(inner) | RustType::Option(inner) => model_to_value(service, inner, v),
        // The checker refuses the rest (structures, unions, blobs, timestamps).
        _ => quote!(#value::Null),
    }
}

/// A literal as an `Option<R>` expression of its type.
fn literal(value: &Json, ty: &Type) -> TokenStream {
    match (value, ty) {
        (Json::Bool(b), Type::Bool) => quote!(Some(#b)),
        (Json::Number(n), Type::Number) => {
            let n = Literal::f64_suffixed(n.as_f64().unwrap_or_default());
            quote!(Some(#n))
        }
        (Json::String(s), Type::Str) => quote!(Some(#s)),
        (Json::Null, _) => quote!(None::<()>),
        (value, _) => {
            let value = json_value(value);
            quote!(Some(#value))
        }
    }
}

/// A JSON literal as a `Value` expression.
fn json_value(json: &Json) -> TokenStream {
    let value = value_type();
    match json {
        Json::Null => quote!(#value::Null),
        Json::Bool(b) => quote!(#value::Bool(#b)),
        Json::Number(n) => {
            let n = Literal::f64_suffixed(n.as_f64().unwrap_or_default());
            quote!(#value::Number(#n))
        }
        Json::String(s) => quote!(#value::from(#s)),
        Json::Array(items) => {
            let items = items.iter().map(json_value);
            quote!(#value::Array(vec![#(#items),*]))
        }
        Json::Object(members) => {
            let members = members.iter().map(|(key, item)| {
                let item = json_value(item);
                quote!((#key, #item))
            });
            quote!(#value::object([#(#members),*]))
        }
    }
}
