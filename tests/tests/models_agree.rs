//! The curated models in `models/` must agree with the real AWS models they were written
//! from (`../shared/aws-models/<same file name>`).
//!
//! The curated files are small hand-written extracts, so a typo or a forgotten constraint
//! would go unnoticed and end up in generated code. This test re-checks every fact they
//! state against the real model:
//! - each shape exists there with the same type;
//! - structures, unions, enums, lists and maps have the same members with the same targets;
//! - every trait on shapes and members is equal in both directions, so a constraint the real
//!   model has but ours lacks fails too (except `IGNORED_TRAITS` / `IGNORED_TRAIT_PREFIXES`);
//! - operations have the same input, output and errors;
//! - services have the same protocol, `aws.api#service`, `aws.auth#sigv4`, version and
//!   errors, and bind only operations the real service binds;
//! - each file is closed: every target it references is defined in it or in the prelude.
//!
//! Mixins and `apply` entries are resolved before comparing, so a curated file may either
//! keep the real model's mixins or write their members out flat. All differences are
//! collected and reported in one failure.

mod support;

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Display;
use std::fs;
use std::path::Path;

/// Traits left out of the comparison, and why:
/// - `documentation`, `externalDocumentation`: prose and links, which curated models may
///   shorten;
/// - `examples`: sample calls, for documentation only;
/// - `tags`: labels that group shapes for filtering in tools;
/// - `suppress`: silences model validators.
const IGNORED_TRAITS: &[&str] = &[
    "smithy.api#documentation",
    "smithy.api#externalDocumentation",
    "smithy.api#examples",
    "smithy.api#tags",
    "smithy.api#suppress",
];

/// Trait namespaces left out of the comparison, and why:
/// - `smithy.rules#`: endpoint rule sets and their tests, huge and not about shapes;
/// - `aws.iam#`: IAM actions, condition keys and resource metadata;
/// - `aws.api#arn`: `aws.api#arn` / `aws.api#arnReference`, resource ARN templates.
const IGNORED_TRAIT_PREFIXES: &[&str] = &["smithy.rules#", "aws.iam#", "aws.api#arn"];

/// Shapes of the Smithy prelude (`smithy.api#`) that a model may target without defining.
const PRELUDE: &[&str] = &[
    "Blob",
    "Boolean",
    "String",
    "Byte",
    "Short",
    "Integer",
    "Long",
    "Float",
    "Double",
    "BigInteger",
    "BigDecimal",
    "Timestamp",
    "Document",
    "Unit",
    "PrimitiveBoolean",
    "PrimitiveByte",
    "PrimitiveShort",
    "PrimitiveInteger",
    "PrimitiveLong",
    "PrimitiveFloat",
    "PrimitiveDouble",
];

/// Resource fields that each bind one lifecycle operation.
const LIFECYCLE: [&str; 6] = ["create", "put", "read", "update", "delete", "list"];

type Traits = BTreeMap<String, Value>;

/// A member with its effective traits. Lists and maps keep theirs under the names
/// `member`, `key` and `value`, so every aggregate is compared the same way.
struct Member {
    target: String,
    traits: Traits,
}

/// A shape after mixins and `apply` are resolved. `def` is the raw definition, kept for
/// the fields only operations and services have; `model` is the model it comes from.
struct Shape<'a> {
    kind: String,
    traits: Traits,
    members: BTreeMap<String, Member>,
    def: &'a Value,
    model: &'a Model,
}

/// A JSON AST model: its raw shapes plus the traits that `apply` entries add to them.
struct Model {
    raw: Map<String, Value>,
    applied: BTreeMap<String, Traits>,
}

impl Model {
    fn new(mut doc: Value) -> Model {
        let raw = match doc["shapes"].take() {
            Value::Object(shapes) => shapes,
            _ => Map::new(),
        };
        let mut applied = BTreeMap::<String, Traits>::new();
        for (id, def) in raw.iter().filter(|(_, def)| is_apply(def)) {
            applied
                .entry(id.clone())
                .or_default()
                .extend(traits_of(def));
        }
        Model { raw, applied }
    }

    /// IDs of the shapes this model defines (`apply` entries define none).
    fn ids(&self) -> impl Iterator<Item = &String> {
        let defined = self.raw.iter().filter(|(_, def)| !is_apply(def));
        defined.map(|(id, _)| id)
    }

    fn defines(&self, id: &str) -> bool {
        self.raw.get(id).is_some_and(|def| !is_apply(def))
    }

    /// The effective shape: mixin members first, then local ones; shape traits inherited
    /// from mixins except `mixin` itself and the mixin's `localTraits`; then `apply`
    /// traits. A legacy `set` is read as a list with `@uniqueItems`.
    fn shape(&self, id: &str) -> Option<Shape<'_>> {
        let def = self.raw.get(id).filter(|def| !is_apply(def))?;
        let mut shape = Shape {
            kind: def["type"].as_str().unwrap_or_default().to_string(),
            traits: Traits::new(),
            members: BTreeMap::new(),
            def,
            model: self,
        };
        // A missing mixin is left to the closure check.
        for parent in targets(&def["mixins"]).filter_map(|mixin| self.shape(&mixin)) {
            let local = parent.traits.get("smithy.api#mixin").map(local_traits);
            let local = local.unwrap_or_default();
            let inherited = parent.traits.into_iter();
            let inherited = inherited.filter(|(name, _)| name != "smithy.api#mixin");
            shape
                .traits
                .extend(inherited.filter(|(name, _)| !local.contains(name)));
            shape.members.extend(parent.members);
        }
        shape.traits.extend(traits_of(def));
        shape.members.extend(local_members(def));
        if let Some(extra) = self.applied.get(id) {
            shape.traits.extend(extra.clone());
        }
        for (name, member) in &mut shape.members {
            if let Some(extra) = self.applied.get(&format!("{id}${name}")) {
                member.traits.extend(extra.clone());
            }
        }
        if shape.kind == "set" {
            shape.kind = "list".to_string();
            let unique = Value::Object(Map::new());
            let traits = &mut shape.traits;
            traits
                .entry("smithy.api#uniqueItems".into())
                .or_insert(unique);
        }
        Some(shape)
    }
}

/// Differences found in one curated file, each naming the file and where it is.
struct Report<'a> {
    file: &'a str,
    lines: &'a mut Vec<String>,
}

impl Report<'_> {
    fn add(&mut self, at: &str, what: impl Display) {
        self.lines.push(format!("{}: {at}: {what}", self.file));
    }

    fn add_file(&mut self, what: impl Display) {
        self.lines.push(format!("{}: {what}", self.file));
    }
}

#[test]
fn curated_models_agree_with_real_models() {
    let Some(real_dir) = support::shared_dir("aws-models", "models_agree") else {
        return;
    };
    let models_dir = support::workspace_root().join("models");
    let files = support::json_files(&models_dir);
    assert!(!files.is_empty(), "no *.json in {}", models_dir.display());

    let mut lines = Vec::new();
    for path in &files {
        check_file(path, &real_dir, &mut lines);
    }
    assert!(
        lines.is_empty(),
        "{} disagreement(s) between models/ and the real AWS models:\n{}",
        lines.len(),
        lines.join("\n")
    );
}


/// Checks one curated file against the real model of the same file name.
fn check_file(path: &Path, real_dir: &Path, lines: &mut Vec<String>) {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let file = format!("models/{name}");
    let mut report = Report { file: &file, lines };
    let (ours, real) = match (read_json(path), read_json(&real_dir.join(&*name))) {
        (Ok(ours), Ok(real)) => (ours, real),
        (ours, real) => {
            for error in [ours.err(), real.err()].into_iter().flatten() {
                report.add_file(error);
            }
            return;
        }
    };
    if !matches!(ours["smithy"].as_str(), Some("2" | "2.0")) {
        report.add_file(format!("`smithy` is {}, expected \"2.0\"", ours["smithy"]));
    }
    let (ours, real) = (Model::new(ours), Model::new(real));
    check_closure(&ours, &mut report);
    for id in ours.ids() {
        let Some(mine) = ours.shape(id) else { continue };
        match real.shape(id) {
            Some(truth) => compare_shape(id, &mine, &truth, &mut report),
            None => report.add(id, "shape is not in the real model"),
        }
    }
}

fn read_json(path: &Path) -> Result<Value, String> {
    let shown = path.display();
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{shown} is not valid JSON: {e}"))
}

/// Every target a curated file references must be defined in it or in the prelude, so
/// that the file is a complete model on its own.
fn check_closure(model: &Model, report: &mut Report) {
    for id in model.ids() {
        for target in references(&model.raw[id]) {
            if !model.defines(&target) && !is_prelude(&target) {
                let what = format!("references `{target}`, defined neither in it nor the prelude");
                report.add(id, what);
            }
        }
    }
}

/// The shape IDs a definition points at: member targets, operation input/output/errors,
/// service and resource operations/resources/errors, and mixins.
fn references(def: &Value) -> Vec<String> {
    let members = local_members(def).into_values();
    let mut refs: Vec<String> = members.map(|member| member.target).collect();
    for field in ["input", "output"].iter().chain(&LIFECYCLE) {
        refs.extend(def[field]["target"].as_str().map(String::from));
    }
    let lists = [
        "errors",
        "operations",
        "collectionOperations",
        "resources",
        "mixins",
    ];
    for field in lists {
        refs.extend(targets(&def[field]));
    }
    refs
}

fn is_prelude(id: &str) -> bool {
    let name = id.strip_prefix("smithy.api#");
    name.is_some_and(|name| PRELUDE.contains(&name))
}

fn compare_shape(id: &str, ours: &Shape, real: &Shape, report: &mut Report) {
    if ours.kind != real.kind {
        let what = format!(
            "type is `{}` here, `{}` in the real model",
            ours.kind, real.kind
        );
        return report.add(id, what);
    }
    if ours.kind == "service" {
        compare_service(id, ours, real, report);
    } else {
        compare_traits(id, &ours.traits, &real.traits, &|_| true, report);
    }
    if ours.kind == "operation" {
        compare_operation(id, ours.def, real.def, report);
    }
    compare_members(id, ours, real, report);
}

/// Compares every trait that is on our side or that `wanted` asks for, naming both values
/// when they differ (`absent` for a trait one side lacks).
fn compare_traits(
    at: &str,
    ours: &Traits,
    real: &Traits,
    wanted: &dyn Fn(&str) -> bool,
    report: &mut Report,
) {
    let names: BTreeSet<&String> = ours.keys().chain(real.keys()).collect();
    for name in names.into_iter().filter(|name| !is_ignored(name)) {
        let (mine, truth) = (ours.get(name), real.get(name));
        if mine != truth && (mine.is_some() || wanted(name)) {
            let (mine, truth) = (show(mine), show(truth));
            let what = format!("trait `{name}` is {mine} here, {truth} in the real model");
            report.add(at, what);
        }
    }
}

fn is_ignored(name: &str) -> bool {
    let mut prefixes = IGNORED_TRAIT_PREFIXES.iter();
    IGNORED_TRAITS.contains(&name) || prefixes.any(|prefix| name.starts_with(prefix))
}

fn show(value: Option<&Value>) -> String {
    value.map_or_else(|| "absent".to_string(), Value::to_string)
}

fn compare_members(id: &str, ours: &Shape, real: &Shape, report: &mut Report) {
    let names: BTreeSet<&String> = ours.members.keys().chain(real.members.keys()).collect();
    for name in names {
        let at = format!("{id}${name}");
        match (ours.members.get(name), real.members.get(name)) {
            (Some(mine), Some(truth)) => {
                if mine.target != truth.target {
                    let (mine, truth) = (&mine.target, &truth.target);
                    let what = format!("targets `{mine}` here, `{truth}` in the real model");
                    report.add(&at, what);
                }
                compare_traits(&at, &mine.traits, &truth.traits, &|_| true, report);
            }
            (Some(_), None) => report.add(&at, "member is not in the real model"),
            (None, Some(truth)) => {
                let what = format!(
                    "member missing (in the real model it targets `{}`)",
                    truth.target
                );
                report.add(&at, what);
            }
            (None, None) => {}
        }
    }
}

fn compare_operation(id: &str, ours: &Value, real: &Value, report: &mut Report) {
    const UNIT: &str = "smithy.api#Unit";
    for field in ["input", "output"] {
        // An operation without input or output has `smithy.api#Unit` there.
        let mine = ours[field]["target"].as_str().unwrap_or(UNIT);
        let truth = real[field]["target"].as_str().unwrap_or(UNIT);
        if mine != truth {
            let what = format!("`{field}` is `{mine}` here, `{truth}` in the real model");
            report.add(id, what);
        }
    }
    compare_errors(id, ours, real, report);
}

/// Services: the protocol, `aws.api#service` and `aws.auth#sigv4` traits must be carried
/// over; other service traits (CORS, service-wide pagination, ...) may be left out but
/// must agree when present. A curated model binds only the operations it covers.
fn compare_service(id: &str, ours: &Shape, real: &Shape, report: &mut Report) {
    let required = |name: &str| {
        let identity = name == "aws.api#service" || name == "aws.auth#sigv4";
        identity || name.starts_with("aws.protocols#")
    };
    compare_traits(id, &ours.traits, &real.traits, &required, report);
    for field in ["version", "rename"] {
        let (mine, truth) = (&ours.def[field], &real.def[field]);
        if mine != truth {
            let what = format!("`{field}` is {mine} here, {truth} in the real model");
            report.add(id, what);
        }
    }
    compare_errors(id, ours.def, real.def, report);
    let real_operations = bound_operations(real.model, real.def);
    let extra: Vec<String> = bound_operations(ours.model, ours.def)
        .into_iter()
        .filter(|operation| !real_operations.contains(operation))
        .collect();
    if !extra.is_empty() {
        let what = format!("binds {extra:?}, which the real service does not");
        report.add(id, what);
    }
}

/// Compares `errors` lists as sets: their order carries no meaning.
fn compare_errors(id: &str, ours: &Value, real: &Value, report: &mut Report) {
    let mine: BTreeSet<String> = targets(&ours["errors"]).collect();
    let truth: BTreeSet<String> = targets(&real["errors"]).collect();
    let missing: Vec<&String> = truth.difference(&mine).collect();
    if !missing.is_empty() {
        let what = format!("`errors` lack {missing:?}, which the real model lists");
        report.add(id, what);
    }
    let extra: Vec<&String> = mine.difference(&truth).collect();
    if !extra.is_empty() {
        let what = format!("`errors` list {extra:?}, which the real model does not");
        report.add(id, what);
    }
}

/// The operations a service or resource binds, directly or through its resources. Real
/// services often bind an operation through a resource (`StartDataSourceRun` in datazone
/// is the `create` of resource `DataSourceRun`), where a curated model lists it in the
/// service's `operations`: both bind the same operation.
fn bound_operations(model: &Model, def: &Value) -> BTreeSet<String> {
    let direct = targets(&def["operations"]).chain(targets(&def["collectionOperations"]));
    let mut bound: BTreeSet<String> = direct.collect();
    for field in LIFECYCLE {
        bound.extend(def[field]["target"].as_str().map(String::from));
    }
    for resource in targets(&def["resources"]) {
        if let Some(resource) = model.raw.get(&resource) {
            bound.extend(bound_operations(model, resource));
        }
    }
    bound
}

fn is_apply(def: &Value) -> bool {
    def["type"] == "apply"
}

fn traits_of(node: &Value) -> Traits {
    let traits = node["traits"].as_object().into_iter().flatten();
    traits
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect()
}

/// The members a definition states itself (not those from its mixins).
fn local_members(def: &Value) -> BTreeMap<String, Member> {
    let named = def["members"].as_object().into_iter().flatten();
    let named = named.map(|(name, member)| (name.clone(), member));
    let collection = ["member", "key", "value"].into_iter();
    let collection = collection.filter_map(|name| Some((name.to_string(), def.get(name)?)));
    let member = |(name, member): (String, &Value)| {
        let target = member["target"].as_str().unwrap_or_default().to_string();
        let traits = traits_of(member);
        (name, Member { target, traits })
    };
    named.chain(collection).map(member).collect()
}

/// The targets of a `[{"target": ...}]` list; nothing when the field is absent.
fn targets(list: &Value) -> impl Iterator<Item = String> + '_ {
    let items = list.as_array().into_iter().flatten();
    items.filter_map(|item| item["target"].as_str().map(String::from))
}

/// The `localTraits` of a `@mixin` trait: traits that a mixin keeps to itself.
fn local_traits(mixin: &Value) -> BTreeSet<String> {
    let items = mixin["localTraits"].as_array().into_iter().flatten();
    items
        .filter_map(|item| item.as_str().map(String::from))
        .collect()
}
