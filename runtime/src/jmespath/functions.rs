//! The built-in functions of JMESPath.

use std::borrow::Cow;
use std::cmp::Ordering;

use super::value::insert;
use super::{Error, Value};

/// How many arguments a function takes.
#[derive(Clone, Copy)]
enum Arity {
    Exactly(usize),
    AtLeast(usize),
}

/// Every built-in: its name, as `'static` for the errors, and its arity.
const FUNCTIONS: &[(&str, Arity)] = &[
    ("abs", Arity::Exactly(1)),
    ("avg", Arity::Exactly(1)),
    ("ceil", Arity::Exactly(1)),
    ("contains", Arity::Exactly(2)),
    ("ends_with", Arity::Exactly(2)),
    ("floor", Arity::Exactly(1)),
    ("join", Arity::Exactly(2)),
    ("keys", Arity::Exactly(1)),
    ("length", Arity::Exactly(1)),
    ("map", Arity::Exactly(2)),
    ("max", Arity::Exactly(1)),
    ("max_by", Arity::Exactly(2)),
    ("merge", Arity::AtLeast(1)),
    ("min", Arity::Exactly(1)),
    ("min_by", Arity::Exactly(2)),
    ("not_null", Arity::AtLeast(1)),
    ("reverse", Arity::Exactly(1)),
    ("sort", Arity::Exactly(1)),
    ("sort_by", Arity::Exactly(2)),
    ("starts_with", Arity::Exactly(2)),
    ("sum", Arity::Exactly(1)),
    ("to_array", Arity::Exactly(1)),
    ("to_number", Arity::Exactly(1)),
    ("to_string", Arity::Exactly(1)),
    ("type", Arity::Exactly(1)),
    ("values", Arity::Exactly(1)),
];

/// Calls the built-in `function` with its evaluated arguments.
///
/// The arity is checked first, then the arguments' types in order, as the reference
/// implementation does. `map`, `sort_by`, `max_by` and `min_by` take an expression
/// reference, which is never a value: called here they fail with [`Error::InvalidType`];
/// [`map`], [`sort_by`], [`max_by`] and [`min_by`] take it as a closure. (The generator
/// does not compile expression references yet: a path using one is reported instead.)
pub fn call<'a>(function: &str, args: Vec<Value<'a>>) -> Result<Value<'a>, Error> {
    let Some(&(name, arity)) = FUNCTIONS.iter().find(|(name, _)| *name == function) else {
        return Err(Error::UnknownFunction(function.to_owned()));
    };
    let (expected, variadic, fits) = match arity {
        Arity::Exactly(n) => (n, false, args.len() == n),
        Arity::AtLeast(n) => (n, true, args.len() >= n),
    };
    if !fits {
        return Err(Error::InvalidArity { function: name, expected, variadic, found: args.len() });
    }
    let mut args = args.into_iter();
    // The arity is checked, so these are the arguments (never the default).
    let mut next = || args.next().unwrap_or_default();
    let result = match name {
        "abs" => Value::Number(number(name, &next())?.abs()),
        "avg" => {
            let numbers = numbers(name, next())?;
            if numbers.is_empty() {
                Value::Null
            } else {
                Value::Number(numbers.iter().sum::<f64>() / numbers.len() as f64)
            }
        }
        "ceil" => Value::Number(number(name, &next())?.ceil()),
        "floor" => Value::Number(number(name, &next())?.floor()),
        "contains" => {
            let subject = next();
            let search = next();
            match subject {
                Value::Array(items) => Value::Bool(items.contains(&search)),
                // The reference asks Python whether the search is `in` the string, which
                // raises for anything but a string: an error here too.
                Value::String(s) => match &search {
                    Value::String(search) => Value::Bool(s.contains(search.as_ref())),
                    other => return Err(invalid_type(name, "string (searched in a string)", other)),
                },
                other => return Err(invalid_type(name, "array or string", &other)),
            }
        }
        "ends_with" => {
            let subject = string(name, next())?;
            Value::Bool(subject.ends_with(string(name, next())?.as_ref()))
        }
        "starts_with" => {
            let subject = string(name, next())?;
            Value::Bool(subject.starts_with(string(name, next())?.as_ref()))
        }
        "join" => {
            let separator = string(name, next())?;
            let parts = strings(name, next())?;
            Value::String(Cow::Owned(parts.join(separator.as_ref())))
        }
        "keys" => Value::Array(object(name, next())?.into_iter().map(|(key, _)| Value::String(key)).collect()),
        "values" => Value::Array(object(name, next())?.into_iter().map(|(_, value)| value).collect()),
        "length" => Value::Number(match next() {
            Value::String(s) => s.chars().count() as f64,
            Value::Array(items) => items.len() as f64,
            Value::Object(members) => members.len() as f64,
            other => return Err(invalid_type(name, "string, array or object", &other)),
        }),
        "max" => extreme(name, next(), Ordering::Greater)?,
        "min" => extreme(name, next(), Ordering::Less)?,
        "sort" => {
            let mut items = sortable(name, next())?;
            items.sort_by(order);
            Value::Array(items)
        }
        "merge" => {
            let mut merged = Vec::new();
            for arg in args {
                for (key, value) in object(name, arg)? {
                    insert(&mut merged, key, value);
                }
            }
            Value::Object(merged)
        }
        "not_null" => args.find(|arg| !matches!(arg, Value::Null)).unwrap_or_default(),
        "reverse" => match next() {
            Value::String(s) => Value::String(Cow::Owned(s.chars().rev().collect())),
            Value::Array(mut items) => {
                items.reverse();
                Value::Array(items)
            }
            other => return Err(invalid_type(name, "array or string", &other)),
        },
        "sum" => Value::Number(numbers(name, next())?.iter().sum()),
        "to_array" => match next() {
            array @ Value::Array(_) => array,
            other => Value::Array(vec![other]),
        },
        "to_number" => match next() {
            number @ Value::Number(_) => number,
            Value::String(s) => parse_number(&s).map_or(Value::Null, Value::Number),
            _ => Value::Null,
        },
        "to_string" => match next() {
            string @ Value::String(_) => string,
            other => Value::String(Cow::Owned(other.to_json())),
        },
        "type" => Value::String(Cow::Borrowed(next().type_name())),
        "map" => return Err(invalid_type(name, "expression", &next())),
        // sort_by, max_by, min_by: an array, then an expression.
        _ => {
            array(name, next())?;
            return Err(invalid_type(name, "expression", &next()));
        }
    };
    Ok(result)
}

/// `map(&expr, array)`: `expr` evaluated on each element, `null` results kept.
pub fn map<'a>(
    mut expr: impl FnMut(&Value<'a>) -> Result<Value<'a>, Error>,
    array: Value<'a>,
) -> Result<Value<'a>, Error> {
    let items = self::array("map", array)?;
    items.iter().map(&mut expr).collect::<Result<Vec<_>, _>>().map(Value::Array)
}

/// `sort_by(array, &expr)`: the elements sorted by the values of `expr` on them, which must
/// be all numbers or all strings; equal keys keep their order.
pub fn sort_by<'a>(
    array: Value<'a>,
    expr: impl FnMut(&Value<'a>) -> Result<Value<'a>, Error>,
) -> Result<Value<'a>, Error> {
    let items = self::array("sort_by", array)?;
    let mut keyed = keys("sort_by", items, expr)?;
    keyed.sort_by(|(a, _), (b, _)| order(a, b));
    Ok(Value::Array(keyed.into_iter().map(|(_, item)| item).collect()))
}

/// `max_by(array, &expr)`: the first element on which `expr` is greatest (all numbers or
/// all strings); `null` for an empty array.
pub fn max_by<'a>(
    array: Value<'a>,
    expr: impl FnMut(&Value<'a>) -> Result<Value<'a>, Error>,
) -> Result<Value<'a>, Error> {
    extreme_by("max_by", array, expr, Ordering::Greater)
}

/// `min_by(array, &expr)`: the first element on which `expr` is least (all numbers or all
/// strings); `null` for an empty array.
pub fn min_by<'a>(
    array: Value<'a>,
    expr: impl FnMut(&Value<'a>) -> Result<Value<'a>, Error>,
) -> Result<Value<'a>, Error> {
    extreme_by("min_by", array, expr, Ordering::Less)
}

fn extreme_by<'a>(
    function: &'static str,
    array: Value<'a>,
    expr: impl FnMut(&Value<'a>) -> Result<Value<'a>, Error>,
    wanted: Ordering,
) -> Result<Value<'a>, Error> {
    let items = self::array(function, array)?;
    let mut best: Option<(Value<'a>, Value<'a>)> = None;
    for (key, item) in keys(function, items, expr)? {
        // Replaced only when strictly better: the first of equals wins.
        if best.as_ref().is_none_or(|(best_key, _)| order(&key, best_key) == wanted) {
            best = Some((key, item));
        }
    }
    Ok(best.map(|(_, item)| item).unwrap_or_default())
}

/// The elements with their keys, checked to be all numbers or all strings (the type of the
/// first).
fn keys<'a>(
    function: &'static str,
    items: Vec<Value<'a>>,
    mut expr: impl FnMut(&Value<'a>) -> Result<Value<'a>, Error>,
) -> Result<Vec<(Value<'a>, Value<'a>)>, Error> {
    let mut keyed: Vec<(Value<'a>, Value<'a>)> = Vec::with_capacity(items.len());
    for item in items {
        let key = expr(&item)?;
        let expected = match keyed.first().map(|(first, _)| first) {
            None => "expression->number or expression->string",
            Some(Value::Number(_)) => "expression->number",
            Some(_) => "expression->string",
        };
        let fits = match keyed.first() {
            None => matches!(key, Value::Number(_) | Value::String(_)),
            Some((first, _)) => std::mem::discriminant(first) == std::mem::discriminant(&key),
        };
        if !fits {
            return Err(invalid_type(function, expected, &key));
        }
        keyed.push((key, item));
    }
    Ok(keyed)
}

/// `max` or `min`: the first element that no other is `wanted` of; `null` for `[]`.
fn extreme<'a>(function: &'static str, array: Value<'a>, wanted: Ordering) -> Result<Value<'a>, Error> {
    let mut best: Option<Value<'a>> = None;
    for item in sortable(function, array)? {
        if best.as_ref().is_none_or(|best| order(&item, best) == wanted) {
            best = Some(item);
        }
    }
    Ok(best.unwrap_or_default())
}

/// The order of two numbers or two strings (by code point, which is the order of their
/// UTF-8 bytes). Other pairs never reach it: the callers check the types first.
fn order(a: &Value<'_>, b: &Value<'_>) -> Ordering {
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => a.partial_cmp(b).unwrap_or(Ordering::Equal),
        (Value::String(a), Value::String(b)) => a.as_ref().cmp(b.as_ref()),
        _ => Ordering::Equal,
    }
}

/// An `array[number]|array[string]` argument: the type of the first element decides.
fn sortable<'a>(function: &'static str, value: Value<'a>) -> Result<Vec<Value<'a>>, Error> {
    const EXPECTED: &str = "array[number] or array[string]";
    let items = match value {
        Value::Array(items) => items,
        other => return Err(invalid_type(function, EXPECTED, &other)),
    };
    if let Some(first) = items.first() {
        if !matches!(first, Value::Number(_) | Value::String(_)) {
            return Err(invalid_element(function, EXPECTED, first));
        }
        if let Some(odd) = items.iter().find(|item| std::mem::discriminant(*item) != std::mem::discriminant(first)) {
            return Err(invalid_element(function, EXPECTED, odd));
        }
    }
    Ok(items)
}

fn number(function: &'static str, value: &Value<'_>) -> Result<f64, Error> {
    match value {
        Value::Number(n) => Ok(*n),
        other => Err(invalid_type(function, "number", other)),
    }
}

fn string<'a>(function: &'static str, value: Value<'a>) -> Result<Cow<'a, str>, Error> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(invalid_type(function, "string", &other)),
    }
}

fn array<'a>(function: &'static str, value: Value<'a>) -> Result<Vec<Value<'a>>, Error> {
    match value {
        Value::Array(items) => Ok(items),
        other => Err(invalid_type(function, "array", &other)),
    }
}

fn object<'a>(function: &'static str, value: Value<'a>) -> Result<Vec<(Cow<'a, str>, Value<'a>)>, Error> {
    match value {
        Value::Object(members) => Ok(members),
        other => Err(invalid_type(function, "object", &other)),
    }
}

/// An `array[number]` argument.
fn numbers(function: &'static str, value: Value<'_>) -> Result<Vec<f64>, Error> {
    const EXPECTED: &str = "array[number]";
    let Value::Array(items) = value else {
        return Err(invalid_type(function, EXPECTED, &value));
    };
    items
        .iter()
        .map(|item| match item {
            Value::Number(n) => Ok(*n),
            other => Err(invalid_element(function, EXPECTED, other)),
        })
        .collect()
}

/// An `array[string]` argument.
fn strings<'a>(function: &'static str, value: Value<'a>) -> Result<Vec<Cow<'a, str>>, Error> {
    const EXPECTED: &str = "array[string]";
    let Value::Array(items) = value else {
        return Err(invalid_type(function, EXPECTED, &value));
    };
    items
        .into_iter()
        .map(|item| match item {
            Value::String(s) => Ok(s),
            other => Err(invalid_element(function, EXPECTED, &other)),
        })
        .collect()
}

fn invalid_type(function: &'static str, expected: &'static str, found: &Value<'_>) -> Error {
    Error::InvalidType { function, expected, found: found.type_name() }
}

/// The error of an array argument with an element of the wrong type.
fn invalid_element(function: &'static str, expected: &'static str, element: &Value<'_>) -> Error {
    let found = match element {
        Value::Null => "array containing null",
        Value::Bool(_) => "array containing a boolean",
        Value::Number(_) => "array containing a number",
        Value::String(_) => "array containing a string",
        Value::Array(_) => "array containing an array",
        Value::Object(_) => "array containing an object",
    };
    Error::InvalidType { function, expected, found }
}

/// `to_number` of a string: what Python's `int()` or, failing that, `float()` reads, as the
/// reference implementation does: surrounding whitespace, a sign, digits with single `_`
/// between them, a fraction and an exponent, or `inf`, `infinity`, `nan` in any case.
/// Anything else (including Python's non-ASCII digits) is `None`, which becomes `null`.
fn parse_number(text: &str) -> Option<f64> {
    // Python's whitespace is Unicode's plus the ASCII separators U+001C..U+001F.
    let text = text.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c));
    let (negative, body) = match text.strip_prefix('-') {
        Some(body) => (true, body),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let special = if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        Some(f64::INFINITY)
    } else if body.eq_ignore_ascii_case("nan") {
        Some(f64::NAN)
    } else {
        None
    };
    if let Some(special) = special {
        return Some(if negative { -special } else { special });
    }
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (body, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    // Digits are needed on one side of the point at least; each part that is there must be
    // a digit run.
    let fraction_ok = fraction.is_none_or(|f| f.is_empty() || digit_run(f));
    let mantissa_ok = if whole.is_empty() { fraction.is_some_and(digit_run) } else { digit_run(whole) && fraction_ok };
    let exponent_ok = exponent.is_none_or(|e| digit_run(e.strip_prefix(['+', '-']).unwrap_or(e)));
    if !mantissa_ok || !exponent_ok {
        return None;
    }
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    cleaned.parse::<f64>().ok()
}

/// ASCII digits, with single underscores between them (Python's `digitpart`).
fn digit_run(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('_')
        && !text.ends_with('_')
        && !text.contains("__")
        && text.bytes().all(|b| b.is_ascii_digit() || b == b'_')
}
