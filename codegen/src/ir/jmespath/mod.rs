//! JMESPath, the path language of waiters: parsed here, then type-checked against the
//! operation's input and output (`check`) into a typed tree that the emitter turns into
//! Rust over the generated types. Nothing is interpreted at run time but values the model
//! leaves dynamic (documents, literals, multi-selects), which the runtime's
//! `smithy_runtime::jmespath` evaluates with the same semantics.
//!
//! The grammar is the JMESPath specification's, whole, as the reference implementation
//! (which botocore runs) parses it: the same binding powers, so projections end where the
//! reference ends them.

mod ast;
pub mod check;
mod lexer;
mod parser;
#[cfg(test)]
mod tests;

pub use ast::{Ast, Comparison};

/// Parses an expression, or says what is wrong with it and where.
pub fn parse(text: &str) -> Result<Ast, String> {
    let tokens = lexer::tokenize(text)?;
    parser::Parser::new(tokens).parse()
}
