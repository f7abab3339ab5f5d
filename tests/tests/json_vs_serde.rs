//! The runtime JSON writer and reader agree with serde_json on numbers, floats and strings,
//! and accept exactly the JSON it accepts.
use serde_json::Value;
use smithy_runtime::__private::json::{JsonReader, JsonWriter};
use smithy_runtime::{Document, Number};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn to_value(d: &Document) -> Value {
    match d {
        Document::Null => Value::Null,
        Document::Bool(b) => Value::Bool(*b),
        Document::Number(Number::PosInt(n)) => Value::from(*n),
        Document::Number(Number::NegInt(n)) => Value::from(*n),
        Document::Number(Number::Float(f)) => serde_json::Number::from_f64(*f).map(Value::Number).unwrap_or(Value::Null),
        Document::String(s) => Value::String(s.clone()),
        Document::Array(a) => Value::Array(a.iter().map(to_value).collect()),
        Document::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), to_value(v))).collect()),
    }
}

fn doc_of(json: &str) -> Result<Document, smithy_runtime::__private::json::JsonError> {
    let mut r = JsonReader::new(json);
    let d = r.read_document()?;
    r.finish().map(|()| d)
}

#[test]
fn floats_match_serde_json() {
    let mut rng = Rng(77);
    let mut checked = 0;
    for i in 0..200_000u64 {
        let bits = rng.next();
        let v = match i % 4 {
            0 => f64::from_bits(bits),
            1 => (bits % 100_000_000) as f64 / 10f64.powi((bits >> 40) as i32 % 12),
            2 => (bits >> 11) as f64 * 10f64.powi(((bits >> 3) % 40) as i32 - 20),
            _ => ((bits % 2_000_001) as f64 - 1e6) * 10f64.powi(((bits >> 50) % 30) as i32 - 15),
        };
        if v.is_finite() {
            let mut w = JsonWriter::new();
            w.f64(v);
            assert_eq!(w.finish(), serde_json::to_string(&v).unwrap(), "{v:e}");
            checked += 1;
        }
        let f = f32::from_bits(bits as u32);
        let f = if i % 2 == 0 { f } else { v as f32 };
        if f.is_finite() {
            let mut w = JsonWriter::new();
            w.f32(f);
            assert_eq!(w.finish(), serde_json::to_string(&f).unwrap(), "{f:e}");
        }
    }
    assert!(checked > 100_000);
}

fn random_string(rng: &mut Rng) -> String {
    (0..rng.below(20))
        .map(|_| match rng.below(6) {
            0 => char::from_u32(rng.below(0x20) as u32).unwrap(),
            1 => ['"', '\\', '/', '\u{7f}', '\u{2028}', '\u{2029}'][rng.below(6)],
            2 => char::from_u32(rng.below(0x80) as u32).unwrap(),
            3 => char::from_u32(rng.below(0x800) as u32).unwrap(),
            _ => loop {
                if let Some(c) = char::from_u32(rng.below(0x110000) as u32) {
                    break c;
                }
            },
        })
        .collect()
}

#[test]
fn strings_match_serde_json() {
    let mut rng = Rng(99);
    for _ in 0..100_000 {
        let s = random_string(&mut rng);
        let mut w = JsonWriter::new();
        w.string(&s);
        let ours = w.finish();
        assert_eq!(ours, serde_json::to_string(&s).unwrap());
        // Escape some characters as \u (with surrogate pairs) and compare reading.
        let mut escaped = String::from("\"");
        for c in s.chars() {
            if rng.below(3) == 0 {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    if rng.below(2) == 0 {
                        escaped.push_str(&format!("\\u{:04x}", u));
                    } else {
                        escaped.push_str(&format!("\\u{:04X}", u));
                    }
                }
            } else {
                match c {
                    '"' => escaped.push_str("\\\""),
                    '\\' => escaped.push_str("\\\\"),
                    c if (c as u32) < 0x20 => escaped.push_str(&format!("\\u{:04x}", c as u32)),
                    c => escaped.push(c),
                }
            }
        }
        escaped.push('"');
        let mut r = JsonReader::new(&escaped);
        assert_eq!(r.read_string().unwrap(), serde_json::from_str::<String>(&escaped).unwrap());
    }
}

#[test]
fn acceptance_matches_serde_json() {
    let mut rng = Rng(5);
    let alphabet: &[&str] = &[
        "{", "}", "[", "]", ":", ",", "\"", "\\", " ", "0", "1", "9", "-", "+", ".", "e", "E", "true", "false", "null", "\"a\"",
        "\\u", "d83d", "de39", "00", "x", "\u{1}", "é", "\"k\":", "1e400", "18446744073709551616", "-0", "0.5",
    ];
    let mut both_ok = 0;
    for _ in 0..100_000 {
        let n = rng.below(14);
        let s: String = (0..n).map(|_| alphabet[rng.below(alphabet.len())]).collect();
        let ours = doc_of(&s);
        let theirs = serde_json::from_str::<Value>(&s);
        assert_eq!(ours.is_ok(), theirs.is_ok(), "{s:?}: {ours:?} vs {theirs:?}");
        if let (Ok(a), Ok(b)) = (ours, theirs) {
            assert_eq!(to_value(&a), b, "{s:?}");
            both_ok += 1;
        }
        let mut r = JsonReader::new(&s);
        let skip_ok = r.skip_value().and_then(|()| r.finish()).is_ok();
        let value_ok = serde_json::from_str::<Value>(&s).is_ok();
        // Skipping does not evaluate numbers, so 1e400 is fine there.
        assert!(skip_ok == value_ok || (skip_ok && doc_of(&s).is_err_and(|e| e.message() == "number out of range")), "skip {s:?}");
    }
    assert!(both_ok > 1_000, "too few valid inputs generated: {both_ok}");
}

#[test]
fn numbers_match_serde_json() {
    let mut rng = Rng(11);
    let parts = ["-", "0", "1", "5", "9", ".", "e", "E", "+", "-", "00", "123456789", "18446744073709551615"];
    for _ in 0..100_000 {
        let s: String = (0..1 + rng.below(8)).map(|_| parts[rng.below(parts.len())]).collect();
        let ours = { let mut r = JsonReader::new(&s); r.read_f64().and_then(|v| r.finish().map(|()| v)) };
        let theirs = serde_json::from_str::<f64>(&s);
        assert_eq!(ours.is_ok(), theirs.is_ok(), "{s}");
        if let (Ok(a), Ok(b)) = (ours, theirs) {
            assert_eq!(a.to_bits(), b.to_bits(), "{s}");
        }
        let ours = { let mut r = JsonReader::new(&s); r.read_f32().and_then(|v| r.finish().map(|()| v)) };
        let theirs = serde_json::from_str::<f32>(&s);
        if let (Ok(a), Ok(b)) = (ours, theirs) {
            // serde_json goes through f64; ours rounds once, so allow double-rounding differences.
            assert!(a == b || (a - b).abs() <= f32::EPSILON * a.abs(), "{s}");
        }
        let ours = { let mut r = JsonReader::new(&s); r.read_i64().and_then(|v| r.finish().map(|()| v)) };
        let theirs = serde_json::from_str::<i64>(&s);
        if theirs.is_ok() {
            assert_eq!(ours.clone().ok(), theirs.ok(), "{s}");
        }
        if let Ok(v) = ours {
            // Ours accepts exact integral values with fraction/exponent as well.
            let f: f64 = s.parse().unwrap();
            assert!((f - v as f64).abs() <= f.abs() * 1e-15, "{s}");
        }
    }
}
