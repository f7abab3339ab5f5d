//! Differential test of pattern translation: every `@pattern` of the real AWS models that
//! is valid ECMA-262 (the `regress` engine accepts it in Unicode mode) must accept exactly
//! the same probe strings as its translation, whether the generator gives it to the
//! linear-time `regex` engine or rewrites it for `regress` itself. Probes are short, so that the ECMA backtracker stays fast on nested quantifiers.

mod support;

use codegen::ir::pattern::{prepare, PatternEngine};
use serde_json::Value;
use std::collections::BTreeSet;

/// Strings where dialects tend to disagree: ASCII vs Unicode digits, letters and spaces,
/// line terminators, BOM, combining marks, astral characters, and typical AWS values.
const PROBES: &[&str] = &[
    "",
    "a",
    "abc",
    "ABC-def_123",
    "0123456789",
    "٣٤",
    "１２",
    "é",
    "e\u{301}",
    "日本語",
    "👍",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\u{2028}",
    "\u{A0}",
    "\u{FEFF}",
    "a b",
    "-",
    "_",
    "a.b",
    "a/b",
    "s3://b/k",
    "arn:aws:iam::123456789012:role/x",
    "arn:aws:s3:::bucket",
    "dzd_abc-123",
    "user@example.com",
    "{\"k\":1}",
    "*",
    "\\",
    "$",
    "^",
    "\u{0}",
    "\u{7F}",
    "Zz9~",
];

fn patterns(dir: &std::path::Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for file in support::json_files(dir) {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        let Ok(json) = serde_json::from_str::<Value>(&text) else { continue };
        let Some(shapes) = json.get("shapes").and_then(Value::as_object) else { continue };
        for shape in shapes.values() {
            let mut traits = vec![shape.get("traits")];
            for key in ["member", "key", "value"] {
                traits.push(shape.get(key).and_then(|m| m.get("traits")));
            }
            for member in shape.get("members").and_then(Value::as_object).into_iter().flat_map(|m| m.values()) {
                traits.push(member.get("traits"));
            }
            for pattern in traits.into_iter().flatten().filter_map(|t| t.get("smithy.api#pattern")).filter_map(Value::as_str) {
                found.insert(pattern.to_owned());
            }
        }
    }
    found
}

/// Whether a compiled translation matches a probe.
type Matcher = Box<dyn Fn(&str) -> bool>;

#[test]
fn translated_patterns_agree_with_the_ecma_engine() {
    let Some(dir) = support::shared_dir("aws-models", "translated_patterns_agree_with_the_ecma_engine") else { return };
    let patterns = patterns(&dir);
    let (mut compared, mut not_ecma, mut backtracking, mut refused) = (0, 0, 0, 0);
    let mut disagreements = Vec::new();
    for pattern in &patterns {
        let Ok(ecma) = regress::Regex::with_flags(pattern, "u") else {
            // A Java spelling: accepted with its Java meaning, which ECMA cannot check.
            not_ecma += 1;
            continue;
        };
        let (text, translated): (String, Matcher) = match prepare(pattern).map(|p| p.engine) {
            Ok(PatternEngine::Linear(text)) => {
                let linear = regex::Regex::new(&text).expect("prepare checked that it compiles");
                compared += 1;
                (text, Box::new(move |probe| linear.is_match(probe)))
            }
            Ok(PatternEngine::Backtracking(text)) => {
                let rewritten = regress::Regex::with_flags(&text, "u").expect("prepare checked that it compiles");
                backtracking += 1;
                (text, Box::new(move |probe| rewritten.find(probe).is_some()))
            }
            Err(_) => {
                refused += 1;
                continue;
            }
        };
        for probe in PROBES {
            let (expected, got) = (ecma.find(probe).is_some(), translated(probe));
            if expected != got {
                disagreements.push(format!("{pattern:?} on {probe:?}: ECMA {expected}, translated {got} ({text:?})"));
            }
        }
    }
    eprintln!(
        "{} distinct patterns: {compared} translated for the linear engine and {backtracking} rewritten for the \
         ECMA engine agree with ECMA on {} probes; {not_ecma} are Java spellings (not ECMA), {refused} refused",
        patterns.len(),
        PROBES.len()
    );
    assert!(compared > 1000, "too few patterns compared: {compared}");
    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
}
