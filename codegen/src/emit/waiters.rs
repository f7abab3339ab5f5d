//! Waiters: the service's `waiters` module, one type per waiter implementing the runtime's
//! sans-IO `Waiter` (its acceptors as a table, its paths compiled to functions over the
//! typed input and output), and the client's `wait_until_*` methods.

use super::common::{doc_attrs, ident};
use super::jmespath::compile;
use crate::ir::names::{self, Scope};
use crate::ir::waiters::{Acceptor, Comparator, Matcher, PathMatcher, State, Waiter};
use crate::ir::{Operation, Service};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// `pub mod waiters { … }`; empty when the service has no waiter.
pub(super) fn module(service: &Service) -> TokenStream {
    let waiters: Vec<(&Operation, &Waiter)> =
        service.operations.iter().flat_map(|op| op.waiters.iter().map(move |w| (op, w))).collect();
    if waiters.is_empty() {
        return quote!();
    }
    let mut functions = Scope::with_reserved(&[]);
    let items = waiters.iter().map(|(op, waiter)| waiter_items(service, op, waiter, &mut functions));
    quote! {
        /// The service's waiters: each polls an operation until the resource it describes
        /// reaches a state, as the model's `@waitable` acceptors define it. The client's
        /// `wait_until_*` methods run them; they are also usable without the client, through
        /// [`smithy_runtime::waiter`].
        pub mod waiters {
            #(#items)*
        }
    }
}

fn io_type(name: Option<&str>) -> TokenStream {
    name.map_or(quote!(()), |name| {
        let name = ident(name);
        quote!(super::#name)
    })
}

fn waiter_items(service: &Service, op: &Operation, waiter: &Waiter, functions: &mut Scope) -> TokenStream {
    let name = ident(&waiter.type_name);
    let docs = doc_attrs(&type_docs(op, waiter));
    let model_name = &waiter.name;
    let (input, output) = (io_type(op.input.as_deref()), io_type(op.output.as_deref()));
    let (min, max) = (waiter.min_delay, waiter.max_delay);
    let acceptors = waiter.acceptors.iter().map(acceptor);
    // One function per distinct path; acceptors sharing a path share it.
    let mut paths: Vec<(&PathMatcher, bool, Vec<usize>)> = Vec::new();
    for (index, a) in waiter.acceptors.iter().enumerate() {
        let (path, pair) = match &a.matcher {
            Matcher::Output(path) => (path, false),
            Matcher::InputOutput(path) => (path, true),
            _ => continue,
        };
        match paths.iter_mut().find(|(p, same_pair, _)| p.path == path.path && *same_pair == pair) {
            Some((_, _, indices)) => indices.push(index),
            None => paths.push((path, pair, vec![index])),
        }
    }
    let base = names::snake_name(&waiter.type_name);
    let mut arms = Vec::new();
    let mut path_functions = Vec::new();
    for (path, pair, indices) in &paths {
        let function = format_ident!("{}", functions.claim(format!("{base}_path"), "_"));
        let compiled = compile(service, &path.expr, op.output.as_deref(), *pair);
        let input_param = if compiled.uses_input { quote!(input) } else { quote!(_input) };
        let output_param = if compiled.uses_output { quote!(output) } else { quote!(_output) };
        let body = compiled.body;
        let doc = format!(
            " `{}` of [`{}`]'s {}.",
            code_text(&path.path),
            waiter.type_name,
            if *pair { "input and output" } else { "output" }
        );
        path_functions.push(quote! {
            #[doc = #doc]
            fn #function<'a>(
                #input_param: &'a #input,
                #output_param: &'a #output,
            ) -> Result<::smithy_runtime::jmespath::Value<'a>, ::smithy_runtime::jmespath::Error> {
                #body
            }
        });
        let pattern = index_pattern(indices);
        arms.push(quote!(#pattern => #function(input, output),));
    }
    let path_method = if arms.is_empty() {
        quote! {
            fn path<'a>(
                _acceptor: usize,
                _input: &'a Self::Input,
                _output: &'a Self::Output,
            ) -> Result<::smithy_runtime::jmespath::Value<'a>, ::smithy_runtime::jmespath::Error> {
                Ok(::smithy_runtime::jmespath::Value::Null)
            }
        }
    } else {
        quote! {
            fn path<'a>(
                acceptor: usize,
                input: &'a Self::Input,
                output: &'a Self::Output,
            ) -> Result<::smithy_runtime::jmespath::Value<'a>, ::smithy_runtime::jmespath::Error> {
                match acceptor {
                    #(#arms)*
                    _ => Ok(::smithy_runtime::jmespath::Value::Null),
                }
            }
        }
    };
    quote! {
        #docs
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct #name;

        impl ::smithy_runtime::waiter::Waiter for #name {
            type Input = #input;
            type Output = #output;
            const NAME: &'static str = #model_name;
            const MIN_DELAY: ::std::time::Duration = ::std::time::Duration::from_secs(#min);
            const MAX_DELAY: ::std::time::Duration = ::std::time::Duration::from_secs(#max);
            const ACCEPTORS: &'static [::smithy_runtime::waiter::Acceptor] = &[#(#acceptors),*];

            #path_method
        }

        #(#path_functions)*
    }
}

/// `0 | 2..=4`: the acceptor indices sharing a path, consecutive ones as ranges.
fn index_pattern(indices: &[usize]) -> TokenStream {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &index in indices {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == index => *end = index,
            _ => runs.push((index, index)),
        }
    }
    let runs = runs.into_iter().map(|(start, end)| {
        let (first, last) = (Literal::usize_unsuffixed(start), Literal::usize_unsuffixed(end));
        if start == end {
            quote!(#first)
        } else {
            quote!(#first..=#last)
        }
    });
    quote!(#(#runs)|*)
}

fn acceptor(a: &Acceptor) -> TokenStream {
    let state = match a.state {
        State::Success => quote!(Success),
        State::Failure => quote!(Failure),
        State::Retry => quote!(Retry),
    };
    let path = |p: &PathMatcher| {
        let (text, expected) = (&p.path, &p.expected);
        let comparator = match p.comparator {
            Comparator::StringEquals => quote!(StringEquals),
            Comparator::BooleanEquals => quote!(BooleanEquals),
            Comparator::AllStringEquals => quote!(AllStringEquals),
            Comparator::AnyStringEquals => quote!(AnyStringEquals),
        };
        quote! {
            ::smithy_runtime::waiter::PathMatcher {
                path: #text,
                comparator: ::smithy_runtime::waiter::Comparator::#comparator,
                expected: #expected,
            }
        }
    };
    let matcher = match &a.matcher {
        Matcher::Success(success) => quote!(Success(#success)),
        Matcher::ErrorType(code) => quote!(ErrorType(#code)),
        Matcher::Output(p) => {
            let p = path(p);
            quote!(Output(#p))
        }
        Matcher::InputOutput(p) => {
            let p = path(p);
            quote!(InputOutput(#p))
        }
    };
    quote! {
        ::smithy_runtime::waiter::Acceptor {
            state: ::smithy_runtime::waiter::AcceptorState::#state,
            matcher: ::smithy_runtime::waiter::Matcher::#matcher,
        }
    }
}

/// The waiter's documentation, then what it polls and its acceptors in words.
fn type_docs(op: &Operation, waiter: &Waiter) -> Vec<String> {
    let mut lines =
        if waiter.docs.is_empty() { vec![format!("The `{}` waiter.", waiter.name)] } else { waiter.docs.clone() };
    if waiter.deprecated {
        lines.extend([String::new(), "Deprecated in the model.".to_owned()]);
    }
    lines.extend([
        String::new(),
        format!(
            "Polls `{}` every {} to {} seconds (the model's delays); the acceptors, in order:",
            op.name, waiter.min_delay, waiter.max_delay
        ),
        String::new(),
    ]);
    lines.extend(waiter.acceptors.iter().map(|a| {
        let state = match a.state {
            State::Success => "success",
            State::Failure => "failure",
            State::Retry => "retry",
        };
        let when = match &a.matcher {
            Matcher::Success(true) => "the call succeeds".to_owned(),
            Matcher::Success(false) => "the call fails".to_owned(),
            Matcher::ErrorType(code) => format!("the error is `{code}`"),
            Matcher::Output(p) => format!("output {}", path_words(p)),
            Matcher::InputOutput(p) => format!("input and output {}", path_words(p)),
        };
        format!("- {state} when {when}")
    }));
    lines
}

fn path_words(p: &PathMatcher) -> String {
    let comparator = match p.comparator {
        Comparator::StringEquals => "is",
        Comparator::BooleanEquals => "is",
        Comparator::AllStringEquals => "are all",
        Comparator::AnyStringEquals => "has any",
    };
    format!("{} {comparator} {}", code_span(&p.path), code_span(&p.expected))
}

/// `text` as a Markdown code span, fenced with more backticks than it holds in a row.
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{text}{fence}")
    } else {
        format!("{fence} {text} {fence}")
    }
}

/// A path for a one-line doc inside single backticks: its own backticks become quotes.
fn code_text(text: &str) -> String {
    text.replace('`', "'")
}

/// The client's `wait_until_*` methods, for operations with wire code.
pub(super) fn client_methods(service: &Service) -> TokenStream {
    let methods: Vec<TokenStream> = service
        .operations
        .iter()
        .filter_map(|op| Some((op, op.wire.as_ref()?)))
        .flat_map(|(op, wire)| op.waiters.iter().map(move |w| (op, wire, w)))
        .map(|(op, wire, waiter)| {
            let method = ident(&waiter.method);
            let name = ident(&waiter.type_name);
            let marker = ident(&wire.marker);
            let error_enum = ident(&wire.error_enum);
            let output = io_type(op.output.as_deref());
            let (param, arg) = match op.input.as_deref() {
                Some(n) => {
                    let n = ident(n);
                    (quote!(input: super::#n,), quote!(input))
                }
                None => (quote!(), quote!(())),
            };
            let summary: Vec<String> = waiter.docs.iter().take_while(|line| !line.is_empty()).cloned().collect();
            let mut docs = vec![format!("Waits with the `{}` waiter: calls `{}` until an acceptor ends the wait, or `options` (a maximum wait, as a `Duration` or [`WaitOptions`](::smithy_runtime::client::WaitOptions)) says the time is up.", waiter.name, op.name)];
            if !summary.is_empty() {
                docs.push(String::new());
                docs.extend(summary);
            }
            docs.extend([String::new(), format!("See [`{0}`](super::waiters::{0}) for its acceptors.", waiter.type_name)]);
            let docs = doc_attrs(&docs);
            quote! {
                #docs
                pub async fn #method(
                    &self,
                    #param
                    options: impl Into<::smithy_runtime::client::WaitOptions>,
                ) -> Result<
                    ::smithy_runtime::client::Waited<#output, super::operations::#error_enum>,
                    ::smithy_runtime::client::WaitError<#output, super::operations::#error_enum>,
                > {
                    ::smithy_runtime::client::wait::<super::waiters::#name, super::operations::#marker>(
                        &self.handle,
                        #arg,
                        options.into(),
                    )
                    .await
                }
            }
        })
        .collect();
    if methods.is_empty() {
        return quote!();
    }
    quote! {
        impl Client {
            #(#methods)*
        }
    }
}
