//! A `@pattern` means the same when the generator prepares it and when the generated crate
//! runs it, checked here rather than pinned by a version requirement.
//!
//! - The generator resolves Java's character classes to code points with its own
//!   `regex-syntax` dependency (what backtracking programs carry, and what decides how a
//!   class is spelled for the linear engine), and the runtime's `regex` matches those
//!   spellings (Unicode properties by name) with the tables of the `regex-syntax` it
//!   depends on. `the_class_tables_and_the_engine_are_one_package` reads the workspace's
//!   `Cargo.lock` and requires those to be one package; the lock file reader is checked on
//!   edited copies of it, which must fail. This covers builds in this workspace, where the
//!   generator runs; a generated crate built elsewhere resolves its own `regex`.
//! - `pattern_constructs.rs` runs every row of the construct table through
//!   `Pattern::matcher`, which compiles the engine's regex string itself. What the generated
//!   crate compiles is different: the string literal and the `LineEnd` variant the emitter
//!   *writes* into the `static`, run through the runtime's `validation::Pattern`.
//!   `the_emitted_linear_checks_give_the_generators_verdicts` generates each linear row,
//!   reads those two back from the generated source, and compares verdicts with the
//!   generator's matcher on the row's inputs, and on each with a line terminator appended
//!   (where a wrong `LineEnd` would show).

mod support;

use codegen::ir::pattern::{prepare, PatternEngine};
use codegen::model::Model;
use codegen::Settings;
use smithy_runtime::__private::pattern::LineEnd;
use smithy_runtime::__private::regex::Regex;
use smithy_runtime::__private::validation::Pattern as RuntimePattern;
use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::LazyLock;
use support::pattern_table::TABLE;

/// One `[[package]]` of a lock file: what this test reads of it.
#[derive(Debug)]
struct Package {
    name: String,
    version: String,
    /// As written: `"name"`, or `"name version"` (with ` (source)` when needed) where the
    /// lock holds several versions of `name`.
    dependencies: Vec<String>,
}

/// The `[[package]]` blocks of a `Cargo.lock`, read line by line: `name = "…"`,
/// `version = "…"` and the entries of a `dependencies = [ … ]` list, one per line as cargo
/// writes it.
fn lock_packages(lock: &str) -> Vec<Package> {
    let quoted = |text: &str| text.trim().trim_end_matches(',').trim_matches('"').to_owned();
    let mut packages: Vec<Package> = Vec::new();
    // Inside a `[[package]]` block, and inside its `dependencies` list.
    let (mut in_package, mut in_dependencies) = (false, false);
    for line in lock.lines().map(str::trim) {
        if in_dependencies {
            match line {
                "]" => in_dependencies = false,
                "" => {}
                entry => packages.last_mut().expect("in a package").dependencies.push(quoted(entry)),
            }
        } else if line == "[[package]]" {
            packages.push(Package { name: String::new(), version: String::new(), dependencies: Vec::new() });
            in_package = true;
        } else if line.starts_with('[') {
            // Another table (`[metadata]` in old lock files) ends the package.
            in_package = false;
        } else if let (true, Some(package)) = (in_package, packages.last_mut()) {
            if let Some(value) = line.strip_prefix("name = ") {
                package.name = quoted(value);
            } else if let Some(value) = line.strip_prefix("version = ") {
                package.version = quoted(value);
            } else if line == "dependencies = [" {
                in_dependencies = true;
            } else if let Some(list) = line.strip_prefix("dependencies = [").and_then(|l| l.strip_suffix(']')) {
                package.dependencies.extend(list.split(',').filter(|d| !d.trim().is_empty()).map(quoted));
            }
        }
    }
    packages
}

/// Whether the dependency entry `entry` names `package` (with or without its version).
fn names(entry: &str, package: &Package) -> bool {
    let mut words = entry.split(' ');
    words.next() == Some(package.name.as_str()) && words.next().is_none_or(|version| version == package.version)
}

/// The check: one `regex-syntax` in the lock file, and it is the one `regex` (the
/// runtime's engine) and `codegen` (the generator's class tables) depend on. An error
/// says what is wrong and what it would mean.
fn check_lock(lock: &str) -> Result<(), String> {
    let packages = lock_packages(lock);
    let meaning = "the generator resolves Java's character classes with one regex-syntax and the \
                   runtime's regex matches with another, so the generator's class tables and the \
                   runtime's engine would come from different Unicode tables, and a pattern could \
                   mean one thing at generation time and another at run time";
    let syntax: Vec<&Package> = packages.iter().filter(|p| p.name == "regex-syntax").collect();
    let [syntax] = syntax.as_slice() else {
        let versions: Vec<&str> = syntax.iter().map(|p| p.version.as_str()).collect();
        return Err(format!("Cargo.lock holds {} regex-syntax packages ({versions:?}), not one: {meaning}", versions.len()));
    };
    for user in ["regex", "codegen"] {
        let found: Vec<&Package> = packages.iter().filter(|p| p.name == user).collect();
        let [package] = found.as_slice() else {
            return Err(format!("Cargo.lock holds {} `{user}` packages, not one: {meaning}", found.len()));
        };
        if !package.dependencies.iter().any(|entry| names(entry, syntax)) {
            return Err(format!(
                "`{user} {}` does not depend on regex-syntax {} (its dependencies: {:?}): {meaning}",
                package.version, syntax.version, package.dependencies
            ));
        }
    }
    // And the runtime's engine is that `regex`.
    let runtime = packages.iter().find(|p| p.name == "smithy-runtime").ok_or("Cargo.lock has no smithy-runtime")?;
    if !runtime.dependencies.iter().any(|entry| entry.split(' ').next() == Some("regex")) {
        return Err(format!("smithy-runtime does not depend on regex: {:?}", runtime.dependencies));
    }
    Ok(())
}

fn workspace_lock() -> String {
    let path = support::workspace_root().join("Cargo.lock");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn the_class_tables_and_the_engine_are_one_package() {
    if let Err(problem) = check_lock(&workspace_lock()) {
        panic!("{problem}");
    }
}

/// The check fails when it should: on copies of the lock file edited as a second
/// `regex-syntax` (an engine on another Unicode version) would leave it.
#[test]
fn the_lock_check_fails_on_a_second_regex_syntax() {
    let lock = workspace_lock();
    let packages = lock_packages(&lock);
    assert!(packages.len() > 10 && packages.iter().all(|p| !p.name.is_empty() && !p.version.is_empty()), "{packages:#?}");
    let syntax = packages.iter().find(|p| p.name == "regex-syntax").expect("regex-syntax is locked");
    let block = format!("[[package]]\nname = \"regex-syntax\"\nversion = \"{}\"\n", syntax.version);
    assert!(lock.contains(&block), "the lock file is not laid out as this test expects");

    // A second version beside the first; `regex` moved to it (cargo then spells each
    // dependency with its version).
    let other = "[[package]]\nname = \"regex-syntax\"\nversion = \"0.9.99\"\n\n";
    let two = lock.replacen(&block, &format!("{other}{block}"), 1);
    let error = check_lock(&two).expect_err("two regex-syntax packages must fail");
    assert!(error.contains("2 regex-syntax packages") && error.contains("different Unicode tables"), "{error}");

    // One package, but `regex` does not depend on it (as if its tables came from elsewhere).
    let regex_block = lock.find("name = \"regex\"\n").expect("regex is locked");
    let (before, after) = lock.split_at(regex_block);
    let unlinked = format!("{before}{}", after.replacen(" \"regex-syntax\",\n", "", 1));
    let error = check_lock(&unlinked).expect_err("a regex without the regex-syntax must fail");
    assert!(error.contains("`regex ") && error.contains("different Unicode tables"), "{error}");
}

/// The file the generator writes for a one-operation service whose input has one member
/// with `pattern`.
fn generated_code(pattern: &str) -> String {
    let pattern = serde_json::to_string(pattern).unwrap();
    let json = format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "ex#Service": {{"type": "service", "version": "1", "operations": [{{"target": "ex#Op"}}]}},
            "ex#Op": {{"type": "operation", "input": {{"target": "ex#Input"}}}},
            "ex#Input": {{"type": "structure", "members": {{
                "value": {{"target": "smithy.api#String", "traits": {{"smithy.api#pattern": {pattern}}}}}
            }}}}
        }}}}"#
    );
    let model = Model::from_sources(&[(PathBuf::from("pattern.json"), json)]).expect("the model loads");
    codegen::generate_file(&model, &Settings::default()).expect("the model generates").code
}

/// The string literal starting at the beginning of `text`, as written (`"…"` with escapes).
fn literal_at(text: &str) -> Option<&str> {
    let mut chars = text.char_indices();
    if chars.next()?.1 != '"' {
        return None;
    }
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' => return Some(&text[..=at]),
            _ => {}
        }
    }
    None
}

/// What the generated `static` of a linear pattern holds: the value of the string literal
/// given to `Regex::new`, and the `LineEnd` variant after it.
fn emitted_linear(code: &str) -> Result<(String, LineEnd), String> {
    const NEW: &str = "::smithy_runtime::__private::regex::Regex::new(";
    const LINE_END: &str = "::smithy_runtime::__private::pattern::LineEnd::";
    let [at] = code.match_indices(NEW).map(|(at, _)| at + NEW.len()).collect::<Vec<_>>()[..] else {
        return Err(format!("not exactly one `{NEW}`"));
    };
    // prettyplease puts a long literal on a line of its own.
    let at = at + code[at..].len() - code[at..].trim_start().len();
    let literal = literal_at(&code[at..]).ok_or("no string literal in `Regex::new(…)`")?;
    let value = syn::parse_str::<syn::LitStr>(literal).map_err(|e| format!("{literal}: {e}"))?.value();
    let rest = &code[at + literal.len()..];
    let variant = rest.find(LINE_END).map(|at| &rest[at + LINE_END.len()..]).ok_or("no `LineEnd` after the literal")?;
    let variant = &variant[..variant.find(|c: char| !c.is_alphanumeric()).unwrap_or(variant.len())];
    let line_end = match variant {
        "Exact" => LineEnd::Exact,
        "BeforeTerminator" => LineEnd::BeforeTerminator,
        "BeforeNewline" => LineEnd::BeforeNewline,
        other => return Err(format!("unknown `LineEnd::{other}`")),
    };
    Ok((value, line_end))
}

thread_local! {
    /// The regex the next `LazyLock` below hands out: the generated `static`'s closure
    /// captures nothing, and neither may this one.
    static NEXT: RefCell<Option<Regex>> = const { RefCell::new(None) };
}

/// The runtime's `Pattern::Linear`, built as the generated `static` builds it (a
/// `LazyLock` of `Regex::new(literal).ok()`), so verdicts go through `Pattern::matches`.
fn runtime_pattern(regex: &str, line_end: LineEnd) -> Result<RuntimePattern, String> {
    let compiled = Regex::new(regex).map_err(|e| format!("the runtime's regex does not compile it: {e}"))?;
    NEXT.with(|next| *next.borrow_mut() = Some(compiled));
    let pattern = RuntimePattern::Linear(LazyLock::new(|| NEXT.with(|next| next.borrow_mut().take())), line_end);
    if let RuntimePattern::Linear(lock, _) = &pattern {
        LazyLock::force(lock);
    }
    Ok(pattern)
}

#[test]
fn the_emitted_linear_checks_give_the_generators_verdicts() {
    let mut failures = Vec::new();
    let mut linear = 0;
    for row in TABLE {
        let prepared = prepare(row.pattern).unwrap_or_else(|e| panic!("{e}"));
        if !matches!(prepared.engine, PatternEngine::Linear { .. }) {
            continue;
        }
        linear += 1;
        let generator = prepared.matcher().unwrap_or_else(|e| panic!("{}: {e}", row.pattern));
        let code = generated_code(row.pattern);
        let emitted = emitted_linear(&code).and_then(|(regex, line_end)| runtime_pattern(&regex, line_end));
        let emitted = match emitted {
            Ok(emitted) => emitted,
            Err(e) => {
                failures.push(format!("{:?}: {e}", row.pattern));
                continue;
            }
        };
        let inputs = row.matches.iter().chain(row.rejects);
        let probes = inputs.flat_map(|input| {
            ["", "\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\n\n"].map(|end| format!("{input}{end}"))
        });
        for probe in probes {
            let (want, got) = (generator.is_match(&probe), emitted.matches(&probe));
            if want != got {
                failures.push(format!("{:?} on {probe:?}: the generator says {want}, the emitted check {got}", row.pattern));
            }
        }
    }
    assert!(linear > 20, "only {linear} rows of the table take the linear engine");
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}
