//! The differential test of compiled waiter paths: every path of every waiter of the AWS
//! models, evaluated by the generated Rust on seeded random outputs of its operation, and
//! by the reference JMESPath implementation (the `jmespath` package of PyPI, which botocore
//! runs) on the same outputs as JSON. The results must agree on every case: the same value,
//! or an error of the same kind on both sides.
//!
//! The outputs are made from the models' shapes, keyed by member name as botocore's parsed
//! responses are, and read into the generated types with their `serde` impls. Strings are
//! drawn mostly from the values the operation's acceptors expect and from enum values, so
//! the comparisons match as often as not. Map keys come sorted, as the generated
//! `BTreeMap`s hold them, so that `*` projects values in the same order on both sides.
//!
//! Skips, saying so, when the models or `python3` with `jmespath` are absent, unless
//! `REQUIRE_JMESPATH` is set (as in CI), when it fails instead.

#![cfg_attr(not(waiter_models), allow(unused))]

use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// Random outputs made per operation.
const OUTPUTS_PER_OPERATION: usize = 200;

#[cfg(not(waiter_models))]
#[test]
fn the_models_are_absent() {
    let message = "the waiter path differential test needs ../shared/aws-models, which is absent";
    assert!(std::env::var_os("REQUIRE_JMESPATH").is_none(), "{message}");
    eprintln!("skipped: {message}");
}

/// The reference: evaluates each case's expression on its data, in one process.
const REFERENCE: &str = r#"
import json, sys
import jmespath
cases = json.load(open(sys.argv[1]))
results = []
for case in cases:
    try:
        results.append({"value": jmespath.search(case["expression"], case["data"])})
    except Exception as error:
        kind = {
            "JMESPathTypeError": "type",
            "ValueError": "value",
            "ArityError": "arity",
            "VariadicArityError": "arity",
            "UnknownFunctionError": "unknown-function",
        }.get(type(error).__name__, type(error).__name__)
        results.append({"error": kind, "message": str(error)})
json.dump(results, open(sys.argv[2], "w"))
"#;

/// Whether `python3` can import `jmespath`; says why not otherwise.
fn reference_available() -> Result<(), String> {
    let probe = Command::new("python3").args(["-c", "import jmespath; print(jmespath.__version__)"]).output();
    match probe {
        Ok(out) if out.status.success() => {
            eprintln!("reference: jmespath {}", String::from_utf8_lossy(&out.stdout).trim());
            Ok(())
        }
        Ok(out) => Err(format!("python3 cannot import jmespath: {}", String::from_utf8_lossy(&out.stderr).trim())),
        Err(e) => Err(format!("python3 cannot be run: {e}")),
    }
}

/// SplitMix64: small and seeded, so every run checks the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

#[cfg(waiter_models)]
mod differential {
    use super::*;
    use codegen::ir::EnumValue;
    use codegen::model::{Model, Shape, ShapeKind};
    use smithy_runtime::waiter::Matcher;
    use waiter_paths_tests::{Evaluation, WAITERS};

    /// Random JSON values of a model's shapes.
    struct Outputs<'m> {
        shapes: &'m BTreeMap<String, &'m Shape>,
        rng: Rng,
        /// The strings the operation's acceptors expect, and a few others.
        strings: Vec<String>,
    }

    impl<'m> Outputs<'m> {
        fn shape(&self, id: &str) -> &'m Shape {
            self.shapes.get(id).unwrap_or_else(|| panic!("no shape {id}"))
        }

        fn string(&mut self) -> String {
            if self.rng.chance(70) && !self.strings.is_empty() {
                let i = self.rng.below(self.strings.len());
                self.strings[i].clone()
            } else {
                ["", "x", "READY", "Name", "é日👍"][self.rng.below(5)].to_owned()
            }
        }

        fn value(&mut self, id: &str, depth: usize) -> Value {
            let shape = self.shape(id);
            match &shape.kind {
                ShapeKind::Structure(members) => {
                    let mut object = Map::new();
                    // Fewer members the deeper: outputs stay small, and nesting is still walked.
                    let percent = match depth {
                        0..=2 => 70,
                        3..=4 => 35,
                        _ => 0,
                    };
                    let members: Vec<_> = members.values().collect();
                    for member in members {
                        if member.traits.required || self.rng.chance(percent) {
                            let target = member.target.to_string();
                            let value = self.value(&target, depth + 1);
                            object.insert(member.name.clone(), value);
                        }
                    }
                    Value::Object(object)
                }
                ShapeKind::Union(members) => {
                    let members: Vec<_> = members.values().collect();
                    let member = members[self.rng.below(members.len())];
                    let target = member.target.to_string();
                    let value =
                        if self.shape(&target).traits.unit_type { json!({}) } else { self.value(&target, depth + 1) };
                    json!({ member.name.clone(): value })
                }
                ShapeKind::List(member) => {
                    let sparse = shape.traits.sparse;
                    let target = member.target.to_string();
                    let count = self.rng.below(if depth <= 2 { 4 } else { 3 });
                    Value::Array(
                        (0..count)
                            .map(|_| {
                                if sparse && self.rng.chance(15) {
                                    Value::Null
                                } else {
                                    self.value(&target, depth + 1)
                                }
                            })
                            .collect(),
                    )
                }
                ShapeKind::Map(key, member) => {
                    let sparse = shape.traits.sparse;
                    let (key, target) = (key.target.to_string(), member.target.to_string());
                    let mut entries = BTreeMap::new();
                    for _ in 0..self.rng.below(4) {
                        let name = match self.value(&key, depth + 1) {
                            Value::String(name) => name,
                            other => other.to_string(),
                        };
                        let value =
                            if sparse && self.rng.chance(15) { Value::Null } else { self.value(&target, depth + 1) };
                        entries.insert(name, value);
                    }
                    // Sorted, as the generated `BTreeMap` holds them.
                    Value::Object(entries.into_iter().collect())
                }
                ShapeKind::Enum(members) => {
                    let values: Vec<String> = members
                        .values()
                        .filter_map(|m| match &m.traits.enum_value {
                            Some(EnumValue::String(s)) => Some(s.clone()),
                            _ => None,
                        })
                        .collect();
                    match self.rng.below(20) {
                        0 => json!("NOT_A_KNOWN_VALUE"),
                        1 | 2 => json!(self.string()),
                        _ if !values.is_empty() => json!(values[self.rng.below(values.len())]),
                        _ => json!(self.string()),
                    }
                }
                ShapeKind::IntEnum(members) => {
                    let values: Vec<i64> = members
                        .values()
                        .filter_map(|m| match &m.traits.enum_value {
                            Some(EnumValue::Int(i)) => Some(i64::from(*i)),
                            _ => None,
                        })
                        .collect();
                    json!(values.get(self.rng.below(values.len())).copied().unwrap_or(0))
                }
                ShapeKind::String => json!(self.string()),
                ShapeKind::Boolean => json!(self.rng.chance(50)),
                ShapeKind::Byte | ShapeKind::Short | ShapeKind::Integer | ShapeKind::Long | ShapeKind::BigInteger => {
                    json!([0, 1, 2, 3, 5, -3, 1000][self.rng.below(7)])
                }
                ShapeKind::Float | ShapeKind::Double | ShapeKind::BigDecimal => {
                    json!([0.0, 0.5, 2.25, -1.5][self.rng.below(4)])
                }
                ShapeKind::Timestamp => json!("2024-02-29T12:00:00.5Z"),
                ShapeKind::Blob => json!("aGVsbG8="),
                ShapeKind::Document => self.document(depth),
                ShapeKind::Operation(_) | ShapeKind::Service(_) | ShapeKind::Resource(_) => Value::Null,
            }
        }

        fn document(&mut self, depth: usize) -> Value {
            match self.rng.below(if depth > 3 { 4 } else { 6 }) {
                0 => Value::Null,
                1 => json!(self.rng.chance(50)),
                2 => json!(self.rng.below(4)),
                3 => json!(self.string()),
                4 => Value::Array((0..self.rng.below(3)).map(|_| self.document(depth + 1)).collect()),
                _ => {
                    let mut object = Map::new();
                    for _ in 0..self.rng.below(3) {
                        let key = ["state", "Status", "a"][self.rng.below(3)].to_owned();
                        object.insert(key, self.document(depth + 1));
                    }
                    Value::Object(object)
                }
            }
        }
    }

    /// One evaluation: a path of a waiter, on one input and output.
    struct Case {
        waiter: usize,
        acceptor: usize,
        expression: &'static str,
        pair: bool,
        input: String,
        output: String,
    }

    #[test]
    fn compiled_paths_agree_with_the_reference_implementation() {
        if let Err(why) = reference_available() {
            assert!(std::env::var_os("REQUIRE_JMESPATH").is_none(), "{why}");
            eprintln!("skipped: {why}");
            return;
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/aws-models");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .filter(|p| std::fs::read_to_string(p).unwrap().contains("smithy.waiters#waitable"))
            .collect();
        files.sort();
        let model = Model::load_files(&files).unwrap();
        let shapes: BTreeMap<String, &Shape> = model.shapes().map(|s| (s.id.to_string(), s)).collect();

        // The waiters of each operation, and the distinct paths among their acceptors.
        let mut by_operation: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (index, entry) in WAITERS.iter().enumerate() {
            by_operation.entry(entry.operation).or_default().push(index);
        }
        let mut cases = Vec::new();
        let mut rng = Rng(0x5EED_CAFE);
        for (operation, waiters) in &by_operation {
            let ShapeKind::Operation(op) = &shapes[*operation].kind else { panic!("{operation} is not an operation") };
            let mut strings: BTreeSet<String> = BTreeSet::new();
            let mut paths: Vec<(usize, usize, &'static str, bool)> = Vec::new();
            for &w in waiters {
                for (a, acceptor) in WAITERS[w].acceptors.iter().enumerate() {
                    let (path, pair) = match acceptor.matcher {
                        Matcher::Output(p) => (p, false),
                        Matcher::InputOutput(p) => (p, true),
                        _ => continue,
                    };
                    strings.insert(path.expected.to_owned());
                    if !paths.iter().any(|(_, _, e, p)| *e == path.path && *p == pair) {
                        paths.push((w, a, path.path, pair));
                    }
                }
            }
            let mut outputs = Outputs { shapes: &shapes, rng: Rng(rng.next()), strings: strings.into_iter().collect() };
            for _ in 0..OUTPUTS_PER_OPERATION {
                let input = op.input.as_ref().map_or(Value::Null, |id| outputs.value(&id.to_string(), 0));
                let output = op.output.as_ref().map_or(Value::Null, |id| outputs.value(&id.to_string(), 0));
                let (input, output) = (input.to_string(), output.to_string());
                for &(waiter, acceptor, expression, pair) in &paths {
                    cases.push(Case {
                        waiter,
                        acceptor,
                        expression,
                        pair,
                        input: input.clone(),
                        output: output.clone(),
                    });
                }
            }
        }

        // The reference's results, all in one run.
        let scratch = std::env::temp_dir().join(format!("waiter-paths-{}", std::process::id()));
        std::fs::create_dir_all(&scratch).unwrap();
        let (cases_file, results_file, script) =
            (scratch.join("cases.json"), scratch.join("results.json"), scratch.join("reference.py"));
        let data: Vec<Value> = cases
            .iter()
            .map(|case| {
                let output: Value = serde_json::from_str(&case.output).unwrap();
                let data = if case.pair {
                    json!({"input": serde_json::from_str::<Value>(&case.input).unwrap(), "output": output})
                } else {
                    output
                };
                json!({"expression": case.expression, "data": data})
            })
            .collect();
        std::fs::write(&cases_file, serde_json::to_string(&data).unwrap()).unwrap();
        std::fs::write(&script, REFERENCE).unwrap();
        let run = Command::new("python3").arg(&script).arg(&cases_file).arg(&results_file).output().unwrap();
        assert!(run.status.success(), "the reference failed: {}", String::from_utf8_lossy(&run.stderr));
        let expected: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&results_file).unwrap()).unwrap();
        std::fs::remove_dir_all(&scratch).unwrap();
        assert_eq!(expected.len(), cases.len());

        let mut disagreements = Vec::new();
        let (mut values, mut errors) = (0, 0);
        for (case, reference) in cases.iter().zip(&expected) {
            let entry = &WAITERS[case.waiter];
            let ours = (entry.evaluate)(case.acceptor, &case.input, &case.output);
            let agree = match (&ours, reference.get("value"), reference.get("error")) {
                (Evaluation::Value(text), Some(value), None) => {
                    values += 1;
                    same(&serde_json::from_str(text).unwrap(), value)
                }
                (Evaluation::Error(kind, _), None, Some(theirs)) => {
                    errors += 1;
                    theirs == kind
                }
                _ => false,
            };
            if !agree && disagreements.len() < 20 {
                disagreements.push(format!(
                    "{}::{} acceptor {} `{}`\n  ours: {ours:?}\n  reference: {reference}\n  output: {}",
                    entry.service, entry.waiter, case.acceptor, case.expression, case.output
                ));
            }
        }
        let expressions: BTreeSet<&str> = cases.iter().map(|c| c.expression).collect();
        let paths: BTreeSet<(&str, &str)> = cases.iter().map(|c| (WAITERS[c.waiter].operation, c.expression)).collect();
        eprintln!(
            "{} distinct expressions ({} paths of {} waiters over {} operations), {} evaluations: {values} values and {errors} errors agree",
            expressions.len(),
            paths.len(),
            WAITERS.len(),
            by_operation.len(),
            cases.len()
        );
        assert!(disagreements.is_empty(), "disagreements (first 20):\n{}", disagreements.join("\n"));
    }

    /// JSON equality with numbers compared as numbers (`1` and `1.0` are the same number in
    /// JMESPath; Python prints its ints without a fraction, the runtime its f64 with one
    /// only when needed).
    fn same(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
            (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
            }
            _ => a == b,
        }
    }
}
