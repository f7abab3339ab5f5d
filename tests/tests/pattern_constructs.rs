//! The construct table (`support/pattern_table.rs`, checked against Java itself by
//! `pattern_java.rs`) through the generated checks: every row in the engine the generator
//! picks, and in the backtracking matcher as well when that engine is the linear one.

mod support;

use codegen::ir::pattern::{prepare, prepare_backtracking, PatternEngine};
use support::pattern_table::TABLE;

#[test]
fn every_construct_has_java_meaning_in_every_engine() {
    let mut failures = Vec::new();
    for row in TABLE {
        let chosen = prepare(row.pattern).unwrap_or_else(|e| panic!("{e}"));
        let mut engines = vec![("chosen", chosen.clone())];
        if matches!(chosen.engine, PatternEngine::Linear { .. }) {
            engines.push(("backtracking", prepare_backtracking(row.pattern).unwrap_or_else(|e| panic!("{e}"))));
        }
        for (engine, pattern) in engines {
            let matcher = pattern.matcher().unwrap_or_else(|e| panic!("{}: {e}", row.pattern));
            let expected = row.matches.iter().map(|input| (input, true)).chain(row.rejects.iter().map(|input| (input, false)));
            for (input, expected) in expected {
                if matcher.is_match(input) != expected {
                    failures.push(format!("{:?} on {input:?}: Java says {expected} ({engine} engine)", row.pattern));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} disagreements with Java:\n{}", failures.len(), failures.join("\n"));
}
