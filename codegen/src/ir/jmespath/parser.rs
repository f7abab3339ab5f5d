//! A top-down operator precedence parser for JMESPath, with the binding powers of the
//! specification's grammar (those of the reference implementation, which botocore runs).

use super::ast::{Ast, Comparison};
use super::lexer::{Kind, Token};

/// Tokens that bind less than this end a projection's right-hand side.
const PROJECTION_STOP: u8 = 10;

/// How deeply expressions may nest: far beyond any real path, and well within the stack
/// of the recursive descent.
const MAX_DEPTH: usize = 100;

/// How tightly a token binds to the expression on its left.
fn binding_power(kind: &Kind) -> u8 {
    match kind {
        Kind::Pipe => 1,
        Kind::Or => 2,
        Kind::And => 3,
        Kind::Equal | Kind::NotEqual | Kind::Less | Kind::LessOrEqual | Kind::Greater | Kind::GreaterOrEqual => 5,
        Kind::Flatten => 9,
        Kind::Star => 20,
        Kind::Filter => 21,
        Kind::Dot => 40,
        Kind::Not => 45,
        Kind::LeftBrace => 50,
        Kind::LeftBracket => 55,
        Kind::LeftParen => 60,
        _ => 0,
    }
}

pub(super) struct Parser {
    tokens: Vec<Token>,
    position: usize,
    depth: usize,
}

impl Parser {
    pub(super) fn new(tokens: Vec<Token>) -> Self {
        Self { tokens, position: 0, depth: 0 }
    }

    /// The whole expression; tokens left over are an error.
    pub(super) fn parse(mut self) -> Result<Ast, String> {
        let ast = self.expression(0)?;
        match &self.peek().kind {
            Kind::End => Ok(ast),
            _ => Err(self.unexpected()),
        }
    }

    fn peek(&self) -> &Token {
        self.peek_at(0)
    }

    fn peek_at(&self, ahead: usize) -> &Token {
        // `tokenize` ends the list with `End`, which is never passed.
        let last = self.tokens.len().saturating_sub(1);
        &self.tokens[(self.position + ahead).min(last)]
    }

    fn advance(&mut self) -> Token {
        let token = self.peek().clone();
        if token.kind != Kind::End {
            self.position += 1;
        }
        token
    }

    fn unexpected(&self) -> String {
        let token = self.peek();
        match &token.kind {
            Kind::End => "the expression ends too early".to_owned(),
            kind => format!("unexpected {} at {}", describe(kind), token.at),
        }
    }

    fn expect(&mut self, kind: Kind) -> Result<(), String> {
        if self.peek().kind == kind {
            self.advance();
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn expression(&mut self, power: u8) -> Result<Ast, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!("the expression nests more than {MAX_DEPTH} deep"));
        }
        let result = self.expression_within(power);
        self.depth -= 1;
        result
    }

    fn expression_within(&mut self, power: u8) -> Result<Ast, String> {
        let token = self.advance();
        let mut left = self.prefix(token)?;
        // Each operator on the left deepens the tree as nesting does: bound both.
        let mut chained = 0;
        while power < binding_power(&self.peek().kind) {
            chained += 1;
            if self.depth + chained > MAX_DEPTH {
                return Err(format!("the expression nests more than {MAX_DEPTH} deep"));
            }
            let token = self.advance();
            left = self.infix(token, left)?;
        }
        Ok(left)
    }

    /// What a token means at the start of an expression.
    fn prefix(&mut self, token: Token) -> Result<Ast, String> {
        match token.kind {
            Kind::Literal(value) => Ok(Ast::Literal(value)),
            Kind::Identifier(name) => Ok(Ast::Field(name)),
            Kind::QuotedIdentifier(name) => {
                if self.peek().kind == Kind::LeftParen {
                    return Err(format!("a function name cannot be quoted (at {})", token.at));
                }
                Ok(Ast::Field(name))
            }
            Kind::Star => {
                let right = self.projection_right(binding_power(&Kind::Star))?;
                Ok(Ast::ValueProjection(Box::new(Ast::Current), Box::new(right)))
            }
            Kind::Filter => self.filter(Ast::Current),
            Kind::LeftBrace => self.multi_select_hash(),
            Kind::LeftParen => {
                let inner = self.expression(0)?;
                self.expect(Kind::RightParen)?;
                Ok(inner)
            }
            Kind::Flatten => self.flatten(Ast::Current),
            Kind::Not => Ok(Ast::Not(Box::new(self.expression(binding_power(&Kind::Not))?))),
            Kind::LeftBracket => match (&self.peek().kind, &self.peek_at(1).kind) {
                (Kind::Number(_) | Kind::Colon, _) => {
                    let index = self.index_or_slice()?;
                    self.project_if_slice(Ast::Current, index)
                }
                (Kind::Star, Kind::RightBracket) => {
                    self.advance();
                    self.advance();
                    let right = self.projection_right(binding_power(&Kind::Star))?;
                    Ok(Ast::Projection(Box::new(Ast::Current), Box::new(right)))
                }
                _ => self.multi_select_list(),
            },
            Kind::Current => Ok(Ast::Current),
            Kind::Ampersand => Ok(Ast::ExpressionReference(Box::new(self.expression(0)?))),
            kind => Err(match kind {
                Kind::End => "the expression ends too early".to_owned(),
                kind => format!("unexpected {} at {}", describe(&kind), token.at),
            }),
        }
    }

    /// What a token means after an expression.
    fn infix(&mut self, token: Token, left: Ast) -> Result<Ast, String> {
        let power = binding_power(&token.kind);
        let comparison = |op| -> Option<Comparison> { Some(op) };
        let op = match token.kind {
            Kind::Equal => comparison(Comparison::Equal),
            Kind::NotEqual => comparison(Comparison::NotEqual),
            Kind::Less => comparison(Comparison::Less),
            Kind::LessOrEqual => comparison(Comparison::LessOrEqual),
            Kind::Greater => comparison(Comparison::Greater),
            Kind::GreaterOrEqual => comparison(Comparison::GreaterOrEqual),
            _ => None,
        };
        if let Some(op) = op {
            let right = self.expression(power)?;
            return Ok(Ast::Comparison(op, Box::new(left), Box::new(right)));
        }
        match token.kind {
            Kind::Dot => {
                if self.peek().kind == Kind::Star {
                    self.advance();
                    let right = self.projection_right(power)?;
                    Ok(Ast::ValueProjection(Box::new(left), Box::new(right)))
                } else {
                    let right = self.dot_right(power)?;
                    Ok(Ast::Subexpression(Box::new(left), Box::new(right)))
                }
            }
            Kind::Pipe => Ok(Ast::Pipe(Box::new(left), Box::new(self.expression(power)?))),
            Kind::Or => Ok(Ast::Or(Box::new(left), Box::new(self.expression(power)?))),
            Kind::And => Ok(Ast::And(Box::new(left), Box::new(self.expression(power)?))),
            Kind::LeftParen => {
                let Ast::Field(name) = left else {
                    return Err(format!("only a name can be called, at {}", token.at));
                };
                let mut args = Vec::new();
                while self.peek().kind != Kind::RightParen {
                    args.push(self.expression(0)?);
                    if self.peek().kind == Kind::Comma {
                        self.advance();
                    } else if self.peek().kind != Kind::RightParen {
                        return Err(self.unexpected());
                    }
                }
                self.advance();
                Ok(Ast::Function(name, args))
            }
            Kind::Filter => self.filter(left),
            Kind::Flatten => self.flatten(left),
            Kind::LeftBracket => match &self.peek().kind {
                Kind::Number(_) | Kind::Colon => {
                    let index = self.index_or_slice()?;
                    // As the reference does: after an index or slice, another one joins it
                    // and does not start a projection (`a[0][1:2].b` is `.b` of the slice).
                    if matches!(&left, Ast::Subexpression(_, last) if matches!(**last, Ast::Index(_) | Ast::Slice { .. }))
                    {
                        return Ok(Ast::Subexpression(Box::new(left), Box::new(index)));
                    }
                    self.project_if_slice(left, index)
                }
                _ => {
                    self.expect(Kind::Star)?;
                    self.expect(Kind::RightBracket)?;
                    let right = self.projection_right(binding_power(&Kind::Star))?;
                    Ok(Ast::Projection(Box::new(left), Box::new(right)))
                }
            },
            kind => Err(format!("unexpected {} at {}", describe(&kind), token.at)),
        }
    }

    fn flatten(&mut self, left: Ast) -> Result<Ast, String> {
        let right = self.projection_right(binding_power(&Kind::Flatten))?;
        Ok(Ast::Projection(Box::new(Ast::Flatten(Box::new(left))), Box::new(right)))
    }

    /// After `[?`: the condition, `]`, then what is projected.
    fn filter(&mut self, left: Ast) -> Result<Ast, String> {
        let condition = self.expression(0)?;
        self.expect(Kind::RightBracket)?;
        let right = if self.peek().kind == Kind::Flatten {
            Ast::Current
        } else {
            self.projection_right(binding_power(&Kind::Filter))?
        };
        Ok(Ast::FilterProjection { left: Box::new(left), condition: Box::new(condition), right: Box::new(right) })
    }

    /// After `[` and before a number or `:`: an index or a slice, with its `]`.
    fn index_or_slice(&mut self) -> Result<Ast, String> {
        let mut parts: [Option<i64>; 3] = [None; 3];
        let mut part = 0;
        loop {
            match self.advance().kind {
                Kind::Colon if part < 2 => part += 1,
                Kind::Number(n) if parts[part].is_none() => parts[part] = Some(n),
                Kind::RightBracket => break,
                kind => return Err(format!("unexpected {} in an index or slice", describe(&kind))),
            }
        }
        match (part, parts) {
            (0, [Some(index), ..]) => Ok(Ast::Index(index)),
            (0, _) => Err("an empty index".to_owned()),
            (_, [start, stop, step]) => Ok(Ast::Slice { start, stop, step }),
        }
    }

    fn project_if_slice(&mut self, left: Ast, index: Ast) -> Result<Ast, String> {
        let is_slice = matches!(index, Ast::Slice { .. });
        let indexed = Ast::Subexpression(Box::new(left), Box::new(index));
        if is_slice {
            let right = self.projection_right(binding_power(&Kind::Star))?;
            Ok(Ast::Projection(Box::new(indexed), Box::new(right)))
        } else {
            Ok(indexed)
        }
    }

    /// What a projection applies to each element: nothing (the element itself) when the
    /// next token binds too loosely to continue it.
    fn projection_right(&mut self, power: u8) -> Result<Ast, String> {
        let next = &self.peek().kind;
        if binding_power(next) < PROJECTION_STOP {
            return Ok(Ast::Current);
        }
        match next {
            Kind::LeftBracket | Kind::Filter => self.expression(power),
            Kind::Dot => {
                self.advance();
                self.dot_right(power)
            }
            _ => Err(self.unexpected()),
        }
    }

    /// What may follow a `.`: a name, `*`, a multi-select list or hash, or a function call.
    fn dot_right(&mut self, power: u8) -> Result<Ast, String> {
        match &self.peek().kind {
            Kind::Identifier(_) | Kind::QuotedIdentifier(_) | Kind::Star => self.expression(power),
            Kind::LeftBracket => {
                self.advance();
                self.multi_select_list()
            }
            Kind::LeftBrace => {
                self.advance();
                self.multi_select_hash()
            }
            _ => Err(self.unexpected()),
        }
    }

    /// After `[`: expressions separated by commas, then `]`.
    fn multi_select_list(&mut self) -> Result<Ast, String> {
        let mut items = vec![self.expression(0)?];
        while self.peek().kind == Kind::Comma {
            self.advance();
            items.push(self.expression(0)?);
        }
        self.expect(Kind::RightBracket)?;
        Ok(Ast::MultiSelectList(items))
    }

    /// After `{`: `key: expression` pairs separated by commas, then `}`.
    fn multi_select_hash(&mut self) -> Result<Ast, String> {
        let mut pairs = Vec::new();
        loop {
            let key = match self.advance() {
                Token { kind: Kind::Identifier(key) | Kind::QuotedIdentifier(key), .. } => key,
                token => return Err(format!("expected a key at {}", token.at)),
            };
            self.expect(Kind::Colon)?;
            pairs.push((key, self.expression(0)?));
            match self.advance().kind {
                Kind::Comma => continue,
                Kind::RightBrace => return Ok(Ast::MultiSelectHash(pairs)),
                kind => return Err(format!("unexpected {} in a multi-select hash", describe(&kind))),
            }
        }
    }
}

fn describe(kind: &Kind) -> String {
    match kind {
        Kind::Identifier(name) | Kind::QuotedIdentifier(name) => format!("name `{name}`"),
        Kind::Literal(value) => format!("literal `{value}`"),
        Kind::Number(n) => format!("number `{n}`"),
        Kind::End => "end of the expression".to_owned(),
        other => format!("`{}`", symbol(other)),
    }
}

fn symbol(kind: &Kind) -> &'static str {
    match kind {
        Kind::Dot => ".",
        Kind::Star => "*",
        Kind::Flatten => "[]",
        Kind::Filter => "[?",
        Kind::LeftBracket => "[",
        Kind::RightBracket => "]",
        Kind::LeftBrace => "{",
        Kind::RightBrace => "}",
        Kind::LeftParen => "(",
        Kind::RightParen => ")",
        Kind::Comma => ",",
        Kind::Colon => ":",
        Kind::Pipe => "|",
        Kind::Or => "||",
        Kind::And => "&&",
        Kind::Not => "!",
        Kind::Ampersand => "&",
        Kind::Current => "@",
        Kind::Equal => "==",
        Kind::NotEqual => "!=",
        Kind::Less => "<",
        Kind::LessOrEqual => "<=",
        Kind::Greater => ">",
        Kind::GreaterOrEqual => ">=",
        _ => "token",
    }
}
