//! Every official endpoint test case (`smithy.rules#endpointTests`) of every model in
//! `../shared/aws-models/`, run on the rule set as generated crates embed it: exact URLs,
//! headers and properties, and exact error messages. The cases were written against the
//! partitions table of their time, which they run with; a second test counts what the
//! current table changes.

mod support;

use serde_json::Value;
use smithy_runtime::endpoint::{ParamValue, Partitions, RuleSet};
use smithy_runtime::Document;

/// The official case count of the shared corpus, so that a case lost on the way (a model
/// that stops loading, a trait read wrongly) fails the test rather than shrinking it.
const CORPUS_CASES: usize = 13_232;

#[test]
fn every_endpoint_test_case_of_the_corpus_passes() {
    let Some(dir) = support::shared_dir("aws-models", "every_endpoint_test_case_of_the_corpus_passes") else {
        return;
    };
    let (cases, failures) = run_corpus(&dir, Partitions::as_of_model_tests());
    eprintln!("endpoint test cases: {} of {cases} passed", cases - failures.len());
    let lines: Vec<String> = failures.iter().map(|f| f.message.clone()).collect();
    assert!(failures.is_empty(), "{} of {cases} endpoint cases failed:\n{}", failures.len(), lines.join("\n"));
    assert_eq!(cases, CORPUS_CASES, "the corpus's endpoint test cases were not all found");
}

/// With the current partitions table, the cases that change are all in ISO partitions,
/// whose dual-stack support and dual-stack DNS suffix changed after the cases were written.
#[test]
fn the_current_partitions_table_changes_only_iso_cases() {
    let Some(dir) = support::shared_dir("aws-models", "the_current_partitions_table_changes_only_iso_cases") else {
        return;
    };
    let (cases, failures) = run_corpus(&dir, Partitions::aws());
    eprintln!(
        "with the current partitions table: {} of {cases} cases give the answer they were written for",
        cases - failures.len()
    );
    let unexplained: Vec<&str> = failures
        .iter()
        .filter(|f| {
            let region = f.params.get("Region").and_then(Value::as_str).unwrap_or_default();
            !Partitions::aws().find(region).is_some_and(|p| p.name.starts_with("aws-iso"))
        })
        .map(|f| f.message.as_str())
        .collect();
    assert!(unexplained.is_empty(), "cases that differ for another reason:\n{}", unexplained.join("\n"));
    assert!(!failures.is_empty(), "no case differs: is the current table the one the cases were written against?");
}

/// A failed case: why, and the parameters it set.
struct Failure {
    message: String,
    params: serde_json::Map<String, Value>,
}

/// Runs every case of every model in `dir`; returns the number of cases and the failures.
fn run_corpus(dir: &std::path::Path, partitions: &Partitions) -> (usize, Vec<Failure>) {
    let (mut cases, mut failures) = (0, Vec::new());
    for file in support::json_files(dir) {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        let model: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for (shape_id, shape) in model["shapes"].as_object().unwrap() {
            let traits = &shape["traits"];
            let Some(rule_set) = traits.get("smithy.rules#endpointRuleSet") else {
                continue;
            };
            let embedded = codegen::ir::endpoints::embedded_rule_set(rule_set);
            let rules = match RuleSet::from_json(&embedded) {
                Ok(rules) => rules,
                Err(e) => {
                    failures.push(Failure { message: format!("{name} {shape_id}: {e}"), params: Default::default() });
                    continue;
                }
            };
            let tests = traits["smithy.rules#endpointTests"]["testCases"].as_array().cloned().unwrap_or_default();
            for (index, case) in tests.iter().enumerate() {
                cases += 1;
                if let Err(why) = run_case(&rules, case, partitions) {
                    let doc = case["documentation"].as_str().unwrap_or_default();
                    let params = case["params"].as_object().cloned().unwrap_or_default();
                    failures.push(Failure { message: format!("{name} case {index} ({doc}): {why}"), params });
                }
            }
        }
    }
    (cases, failures)
}

/// Resolves one case's parameters and compares with what it expects.
fn run_case(rules: &RuleSet, case: &Value, partitions: &Partitions) -> Result<(), String> {
    let empty = serde_json::Map::new();
    let params = case["params"].as_object().unwrap_or(&empty);
    for name in params.keys() {
        if rules.parameter_index(name).is_none() {
            return Err(format!("the case sets `{name}`, which the rule set does not declare"));
        }
    }
    // String arrays are owned here, so that the values can borrow them.
    let mut arrays: Vec<Option<Vec<String>>> = Vec::new();
    for p in rules.parameters() {
        arrays.push(match params.get(p.name()) {
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .map(|item| item.as_str().map(str::to_owned).ok_or(format!("`{}` holds a non-string", p.name())))
                    .collect::<Result<_, _>>()?,
            ),
            _ => None,
        });
    }
    let mut values: Vec<Option<ParamValue<'_>>> = Vec::new();
    for (p, array) in rules.parameters().iter().zip(&arrays) {
        values.push(match params.get(p.name()) {
            Some(Value::String(s)) => Some(ParamValue::String(s)),
            Some(Value::Bool(b)) => Some(ParamValue::Bool(*b)),
            Some(Value::Array(_)) => array.as_deref().map(ParamValue::StringArray),
            None => None,
            Some(other) => return Err(format!("`{}` is {other}, which no parameter type holds", p.name())),
        });
    }
    let result = rules.resolve_with(&values, partitions);
    let expect = &case["expect"];
    match (result, expect.get("endpoint"), expect.get("error")) {
        (Ok(endpoint), Some(want), _) => {
            let got_url = endpoint.url();
            let want_url = want["url"].as_str().unwrap_or_default();
            if got_url != want_url {
                return Err(format!("url `{got_url}`, expected `{want_url}`"));
            }
            let got_headers = serde_json::to_value(endpoint.headers()).unwrap();
            let want_headers = want.get("headers").cloned().unwrap_or_else(|| Value::Object(Default::default()));
            if got_headers != want_headers {
                return Err(format!("headers {got_headers}, expected {want_headers}"));
            }
            let got_properties =
                Value::Object(endpoint.properties().iter().map(|(k, v)| (k.clone(), json(v))).collect());
            let want_properties = want.get("properties").cloned().unwrap_or_else(|| Value::Object(Default::default()));
            if got_properties != want_properties {
                return Err(format!("properties {got_properties}, expected {want_properties}"));
            }
            Ok(())
        }
        (Err(error), _, Some(want)) => {
            let want = want.as_str().unwrap_or_default();
            if error.to_string() == want {
                Ok(())
            } else {
                Err(format!("error `{error}`, expected `{want}`"))
            }
        }
        (Ok(endpoint), None, _) => Err(format!("resolved to `{}`, expected an error", endpoint.url())),
        (Err(error), Some(_), _) => Err(format!("error `{error}`, expected an endpoint")),
        (Err(error), None, None) => Err(format!("error `{error}`; the case expects neither endpoint nor error")),
    }
}

fn json(document: &Document) -> Value {
    match document {
        Document::Null => Value::Null,
        Document::Bool(b) => Value::Bool(*b),
        Document::Number(n) => match *n {
            smithy_runtime::Number::PosInt(n) => n.into(),
            smithy_runtime::Number::NegInt(n) => n.into(),
            smithy_runtime::Number::Float(f) => f.into(),
        },
        Document::String(s) => Value::String(s.clone()),
        Document::Array(items) => Value::Array(items.iter().map(json).collect()),
        Document::Object(fields) => Value::Object(fields.iter().map(|(k, v)| (k.clone(), json(v))).collect()),
    }
}
