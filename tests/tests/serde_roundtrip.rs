//! Property test of the `serde` feature (seeded, so every run checks the same values): for
//! every generated type of the four services (`generated`) and of the models under
//! `tests/models/` (the goldens), random values read from JSON written after the model
//! (members under their model names, enums by their wire values, unknown enum values and
//! union members, sparse entries, defaults left out) round-trip through `serde_json`: the
//! value read back is equal to the value written, and writing it again gives the same text.
//!
//! Values are reached from the types no other type holds (the roots, mostly operation
//! inputs, outputs and errors); the test checks that the roots listed below are exactly
//! those the IR has, and that the random values reached every type of every service.

mod support;

use support::Rng;

use codegen::ir::{self, EnumValue, Presence, RustType, TypeDef};
use codegen::model::Model;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::path::PathBuf;

/// Values generated per root type.
const CASES: usize = 60;
/// Beyond this nesting, optional members are left out, collections are empty and unions are
/// unknown members, so that recursive types end.
const MAX_DEPTH: usize = 5;

impl Rng {
    fn text(&mut self) -> String {
        const PIECES: &[&str] =
            &["a", "Z", "0", " ", "\"", "\\", "\n", "é", "日", "👍", "\u{0}", "\u{2028}", "$unknown"];
        (0..self.below(6)).map(|_| PIECES[self.below(PIECES.len())]).collect()
    }

    /// An integer spread over the whole range and its edges.
    fn int(&mut self, min: i64, max: i64) -> i64 {
        match self.below(5) {
            0 => min,
            1 => max,
            2 => 0,
            _ => {
                let span = (max as i128 - min as i128 + 1) as u128;
                (min as i128 + (u128::from(self.next()) % span) as i128) as i64
            }
        }
    }
}

/// One service's types, and the Rust path of the module that holds them.
struct Service {
    path: String,
    service: ir::Service,
}

/// The services of the `generated` crate and of every golden, lowered as xtask lowers them.
fn services() -> Vec<Service> {
    let root = xtask::codegen::workspace_root();
    let mut out = Vec::new();
    let models = root.join("models");
    let model = Model::load_dir(&models).expect("the models load");
    let selection = codegen::selection::read(&models, &model).expect("the selection reads");
    for service in ir::lower(&model, selection.as_ref()).expect("the models lower").services {
        out.push(Service { path: format!("generated::{}", service.module), service });
    }
    let mut goldens: Vec<(String, Vec<PathBuf>)> = Vec::new();
    for entry in std::fs::read_dir(root.join("tests/models")).expect("tests/models lists") {
        let path = entry.expect("an entry").path();
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("a name").replace('-', "_");
        if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
                .expect("a model folder lists")
                .map(|e| e.expect("an entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect();
            files.sort();
            goldens.push((stem, files));
        } else if path.extension().is_some_and(|e| e == "json") {
            goldens.push((stem, vec![path]));
        }
    }
    for (name, files) in goldens {
        let model = Model::load_files(&files).expect("a golden model loads");
        for service in ir::lower(&model, None).expect("a golden model lowers").services {
            out.push(Service { path: format!("goldens::{name}::{}", service.module), service });
        }
    }
    out
}

/// The named types a type refers to.
fn named(ty: &RustType, out: &mut Vec<String>) {
    match ty {
        RustType::Named(name) => out.push(name.clone()),
        RustType::List(inner) | RustType::Option(inner) | RustType::Box(inner) => named(inner, out),
        RustType::Map(key, value) => {
            named(key, out);
            named(value, out);
        }
        _ => {}
    }
}

fn references(def: &TypeDef) -> Vec<String> {
    let mut out = Vec::new();
    match def {
        TypeDef::Struct(s) => s.fields.iter().for_each(|f| named(&f.ty, &mut out)),
        TypeDef::Union(u) => u.variants.iter().filter_map(|v| v.ty.as_ref()).for_each(|ty| named(ty, &mut out)),
        TypeDef::Enum(_) => {}
    }
    out
}

/// Structures with a `@streaming` member, which have no serde impls.
fn streams(def: &TypeDef) -> bool {
    matches!(def, TypeDef::Struct(s) if s.holds_stream())
}

/// The types no other type holds (a cycle no root reaches gets its first type as a root).
fn roots(service: &ir::Service) -> Vec<String> {
    let held: BTreeSet<String> = service.types.iter().filter(|d| !streams(d)).flat_map(references).collect();
    let mut roots: Vec<String> =
        service.types.iter().filter(|d| !streams(d) && !held.contains(d.name())).map(|d| d.name().to_owned()).collect();
    loop {
        let mut reached = BTreeSet::new();
        let mut stack = roots.clone();
        while let Some(name) = stack.pop() {
            if reached.insert(name.clone()) {
                if let Some(def) = service.type_named(&name) {
                    stack.extend(references(def));
                }
            }
        }
        match service.types.iter().find(|d| !streams(d) && !reached.contains(d.name())) {
            Some(def) => roots.push(def.name().to_owned()),
            None => return roots,
        }
    }
}

/// Writes random JSON for the IR's types, recording what it reached.
struct Writer<'a> {
    service: &'a ir::Service,
    rng: &'a mut Rng,
    reached: &'a mut BTreeSet<(String, String)>,
}

impl Writer<'_> {
    fn value(&mut self, ty: &RustType, depth: usize) -> Value {
        let rng = &mut *self.rng;
        match ty {
            RustType::Bool => json!(rng.chance(50)),
            RustType::I8 => json!(rng.int(i8::MIN.into(), i8::MAX.into())),
            RustType::I16 => json!(rng.int(i16::MIN.into(), i16::MAX.into())),
            RustType::I32 => json!(rng.int(i32::MIN.into(), i32::MAX.into())),
            RustType::I64 => json!(rng.int(i64::MIN, i64::MAX)),
            RustType::F32 | RustType::F64 => {
                let value = if *ty == RustType::F32 {
                    f64::from(f32::from_bits(rng.next() as u32))
                } else {
                    f64::from_bits(rng.next())
                };
                match rng.below(6) {
                    0 => json!("Infinity"),
                    1 => json!("-Infinity"),
                    2 => json!(rng.below(1000)),
                    _ if value.is_finite() => json!(value),
                    _ => json!(-0.0),
                }
            }
            RustType::String => json!(rng.text()),
            RustType::Blob => {
                let bytes: Vec<u8> = (0..rng.below(8)).map(|_| rng.next() as u8).collect();
                serde_json::to_value(smithy_runtime::Blob::new(bytes)).expect("a blob writes")
            }
            RustType::DateTime => {
                let secs = match rng.below(4) {
                    0 => rng.int(i64::MIN, i64::MAX),
                    _ => rng.int(-62_135_596_800, 253_402_300_799),
                };
                let nanos = if rng.chance(50) { 0 } else { rng.below(1_000_000_000) as u32 };
                if nanos == 0 && rng.chance(30) {
                    // Seconds since the epoch as a number, which reading also takes.
                    return json!(secs);
                }
                serde_json::to_value(smithy_runtime::DateTime::from_secs_and_nanos(secs, nanos))
                    .expect("a timestamp writes")
            }
            RustType::Document => document(rng, 0),
            RustType::BigInteger => {
                let sign = if rng.chance(50) { "-" } else { "" };
                json!(format!("{sign}{}{}", rng.next(), rng.next()))
            }
            RustType::BigDecimal => {
                json!(format!("-{}.{}e{}", rng.next(), rng.below(1000), rng.int(-400, 400)))
            }
            RustType::ByteStream => unreachable!("structures with streams are not serialized"),
            RustType::Option(inner) => {
                if rng.chance(20) {
                    Value::Null
                } else {
                    self.value(inner, depth)
                }
            }
            RustType::Box(inner) => self.value(inner, depth),
            RustType::List(item) => {
                let count = if depth >= MAX_DEPTH { 0 } else { rng.below(4) };
                Value::Array((0..count).map(|_| self.value(item, depth + 1)).collect())
            }
            RustType::Map(key, value) => {
                let count = if depth >= MAX_DEPTH { 0 } else { rng.below(4) };
                let mut map = Map::new();
                for _ in 0..count {
                    let key = match self.value(key, depth + 1) {
                        Value::String(key) => key,
                        other => panic!("a map key that is not a string: {other}"),
                    };
                    let value = self.value(value, depth + 1);
                    map.insert(key, value);
                }
                Value::Object(map)
            }
            RustType::Named(name) => self.named(name, depth),
        }
    }

    fn named(&mut self, name: &str, depth: usize) -> Value {
        let service = self.service;
        let def = service.type_named(name).unwrap_or_else(|| panic!("`{name}` is a type of {}", service.module));
        self.reached.insert((service.module.clone(), name.to_owned()));
        match def {
            TypeDef::Enum(e) => {
                let known = !e.variants.is_empty() && self.rng.chance(80);
                match (e.int, known) {
                    (_, true) => match &e.variants[self.rng.below(e.variants.len())].value {
                        EnumValue::String(s) => json!(s),
                        EnumValue::Int(i) => json!(i),
                    },
                    (true, false) => {
                        let values: Vec<i64> = e
                            .variants
                            .iter()
                            .filter_map(|v| match v.value {
                                EnumValue::Int(i) => Some(i64::from(i)),
                                EnumValue::String(_) => None,
                            })
                            .collect();
                        let mut value = self.rng.int(i32::MIN.into(), i32::MAX.into());
                        while values.contains(&value) {
                            value = value.wrapping_add(1).clamp(i32::MIN.into(), i32::MAX.into());
                        }
                        json!(value)
                    }
                    (false, false) => {
                        let mut value = format!("unknown {}", self.rng.text());
                        while e.variants.iter().any(|v| v.value == EnumValue::String(value.clone())) {
                            value.push('!');
                        }
                        json!(value)
                    }
                }
            }
            TypeDef::Union(u) => {
                let mut map = Map::new();
                if depth >= MAX_DEPTH || u.variants.is_empty() || self.rng.chance(10) {
                    map.insert("aMemberFromANewerModel".to_owned(), json!({"x": [1, "2"]}));
                } else {
                    let v = &u.variants[self.rng.below(u.variants.len())];
                    let value = match &v.ty {
                        Some(ty) => self.value(ty, depth + 1),
                        None => json!({}),
                    };
                    map.insert(v.wire_name.clone(), value);
                    if self.rng.chance(20) {
                        // Another member left unset by a null.
                        if let Some(other) = u.variants.iter().find(|o| o.wire_name != v.wire_name) {
                            map.insert(other.wire_name.clone(), Value::Null);
                        }
                    }
                }
                Value::Object(map)
            }
            TypeDef::Struct(s) => {
                let mut map = Map::new();
                for f in &s.fields {
                    let present = match f.presence {
                        Presence::Required => true,
                        _ if depth >= MAX_DEPTH => false,
                        Presence::Optional if self.rng.chance(10) => {
                            map.insert(f.wire_name.clone(), Value::Null);
                            false
                        }
                        _ => self.rng.chance(70),
                    };
                    if present {
                        let value = self.value(&f.ty, depth + 1);
                        map.insert(f.wire_name.clone(), value);
                    }
                }
                if self.rng.chance(10) {
                    // A member of a newer model: ignored.
                    map.insert("$aMemberFromANewerModel".to_owned(), json!(null));
                }
                Value::Object(map)
            }
        }
    }
}

/// A random document: finite numbers only, JSON having no other.
fn document(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth > 3 { 5 } else { 7 }) {
        0 => Value::Null,
        1 => json!(rng.chance(50)),
        2 => json!(rng.next()),
        3 => json!(-(rng.below(1_000_000) as i64) - 1),
        4 => {
            let f = f64::from_bits(rng.next());
            if f.is_finite() {
                json!(f)
            } else {
                json!(rng.text())
            }
        }
        5 => Value::Array((0..rng.below(3)).map(|_| document(rng, depth + 1)).collect()),
        _ => Value::Object((0..rng.below(3)).map(|_| (rng.text(), document(rng, depth + 1))).collect()),
    }
}

type Check = fn(&str) -> Result<(), String>;

/// Reads `text`, writes the value, reads that back: the two values must be equal, writing
/// the second must give the same text, and no member of `text` may be missing from it.
fn check<T: Serialize + DeserializeOwned + PartialEq + Debug>(text: &str) -> Result<(), String> {
    let value: T = serde_json::from_str(text).map_err(|e| format!("reading {text}: {e}"))?;
    let written = serde_json::to_string(&value).map_err(|e| format!("writing {value:?}: {e}"))?;
    let back: T = serde_json::from_str(&written).map_err(|e| format!("reading back {written}: {e}"))?;
    if back != value {
        return Err(format!("{text}\nread as {value:?}\nwritten as {written}\nread back as {back:?}"));
    }
    let again = serde_json::to_string(&back).map_err(|e| e.to_string())?;
    if again != written {
        return Err(format!("written as {written}, then as {again}"));
    }
    // Nothing read is lost: a member under a name serde does not know would be skipped on
    // reading and so missing here (the writing may add defaults the text left out).
    let (given, kept): (serde_json::Value, serde_json::Value) =
        (serde_json::from_str(text).map_err(|e| e.to_string())?, serde_json::from_str(&written).map_err(|e| e.to_string())?);
    if let Some(lost) = first_lost(&given, &kept, String::new()) {
        return Err(format!("{text}\nwritten as {written}\nlost {lost}"));
    }
    Ok(())
}

/// The path of the first member of `given` that `kept` does not hold: objects must hold
/// every member given (they may hold more) but those unset by a null and those of a newer
/// model (a structure ignores it, a union keeps only that it was unknown), lists every
/// entry. Other values are not compared: the same instant may be given as epoch seconds
/// and written as a date, say; the round trip above checks values.
fn first_lost(given: &serde_json::Value, kept: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value;
    match (given, kept) {
        (Value::Object(given), Value::Object(kept)) => given.iter().find_map(|(name, value)| match kept.get(name) {
            Some(held) => first_lost(value, held, format!("{at}/{name}")),
            None if value.is_null() || name.ends_with("aMemberFromANewerModel") => None,
            None => Some(format!("{at}/{name}")),
        }),
        (Value::Array(given), Value::Array(kept)) if given.len() == kept.len() => {
            given.iter().zip(kept).enumerate().find_map(|(i, (g, k))| first_lost(g, k, format!("{at}/{i}")))
        }
        (Value::Object(_) | Value::Array(_), _) => Some(at),
        _ => None,
    }
}

include!("serde_support/roots.rs");

#[test]
fn every_type_round_trips_through_serde_json() {
    let listed: BTreeMap<(&str, &str), Check> =
        ROOTS.iter().map(|(path, name, check)| ((*path, *name), *check)).collect();
    let services = services();
    let mut expected = BTreeSet::new();
    for service in &services {
        for root in roots(&service.service) {
            expected.insert((service.path.clone(), root));
        }
    }
    let listed_keys: BTreeSet<(String, String)> =
        listed.keys().map(|(path, name)| ((*path).to_owned(), (*name).to_owned())).collect();
    let missing: Vec<String> = expected
        .difference(&listed_keys)
        .map(|(path, name)| {
            let rust = path.strip_prefix("goldens::").map_or(path.clone(), |p| format!("codegen_tests::goldens::{p}"));
            format!("    (\"{path}\", \"{name}\", check::<{rust}::{name}>),")
        })
        .collect();
    assert!(missing.is_empty(), "roots missing from serde_support/roots.rs:\n{}", missing.join("\n"));
    let extra: Vec<_> = listed_keys.difference(&expected).collect();
    assert!(extra.is_empty(), "listed roots the IR does not have: {extra:?}");

    let mut rng = Rng(0x5E7D_E5E7);
    let mut failures = Vec::new();
    let mut checked = 0;
    for service in &services {
        let mut reached = BTreeSet::new();
        for root in roots(&service.service) {
            let check = listed[&(service.path.as_str(), root.as_str())];
            for _ in 0..CASES {
                let mut writer = Writer { service: &service.service, rng: &mut rng, reached: &mut reached };
                let text = writer.named(&root, 0).to_string();
                checked += 1;
                if let Err(e) = check(&text) {
                    failures.push(format!("{}::{root}: {e}", service.path));
                }
            }
        }
        let unreached: Vec<&str> = service
            .service
            .types
            .iter()
            .filter(|d| !streams(d) && !reached.contains(&(service.service.module.clone(), d.name().to_owned())))
            .map(|d| d.name())
            .collect();
        assert!(unreached.is_empty(), "{}: types no value reached: {unreached:?}", service.path);
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} values did not round-trip:\n{}",
        failures.len(),
        failures[..failures.len().min(5)].join("\n\n")
    );
    assert!(checked > 1000, "only {checked} values checked");
}
