//! Differential test against botocore, the Python SDK: for each operation of `models/`,
//! a few hundred seeded random inputs, valid per the model's constraints, are serialized by
//! the generated code and by botocore's serializer (its bundled service model, the same
//! parameters, one Python process: `botocore_serialize.py`). Method, path, query, the
//! protocol headers (`X-Amz-Target`, `Content-Type`) and the body (as JSON) must agree.
//!
//! Skips, saying so, when `python3` or its `botocore` package is missing. Run it alone with
//! `cargo test -p protocol-tests --test botocore -- --nocapture` (it prints the figures).

use protocol_tests::harness::{same_json, TEST_TOKEN};
use protocol_tests::models::{datazone, lookoutequipment, personalize, quicksight};
use smithy_runtime::params::FromParams;
use serde_json::{json, Map, Value};
use std::io::Write;
use std::process::{Command, Stdio};

/// Inputs per operation.
const INPUTS: usize = 300;

/// The fixed seed, so that a difference reproduces.
const SEED: u64 = 0x0b07_0c02_e5ee_d001;

/// SplitMix64: small, fast and good enough to spread test inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// A length in `min..=max`, usually short, sometimes the extremes.
    fn length(&mut self, min: usize, max: usize) -> usize {
        match self.below(10) {
            0 => min,
            1 => max,
            2 => min + self.below(max - min + 1),
            _ => min + self.below((max - min).min(24) + 1),
        }
    }

    /// A string of `min..=max` characters drawn from `alphabet`.
    fn text(&mut self, alphabet: &[char], min: usize, max: usize) -> String {
        let n = self.length(min, max);
        (0..n).map(|_| self.pick(alphabet)).collect()
    }
}

fn chars(ranges: &[(char, char)], extra: &str) -> Vec<char> {
    let mut out: Vec<char> = ranges.iter().flat_map(|&(a, b)| a..=b).collect();
    out.extend(extra.chars());
    out
}

fn alnum() -> Vec<char> {
    chars(&[('a', 'z'), ('A', 'Z'), ('0', '9')], "")
}

/// Letters, spaces and numbers of several scripts (`\p{L}\p{Z}\p{N}`), for patterns that
/// allow them. No combining marks (`\p{M}`, e.g. Devanagari vowel signs): they are not letters.
const UNICODE_LETTERS: &str = "éßøÆжЖλΩ中文字日本語한국어عربيעבריתहनदไทย\u{a0}\u{3000}\u{2003}٣०½Ⅻ";

/// Anything a JSON string or URI label must carry: reserved and percent characters,
/// controls, non-ASCII and astral-plane characters.
const ANY_TEXT: &str = "aZ09 /%?#&=+~*'()!$,;:@[]\"\\\t\n\u{1}\u{7f}éж中🙂𝄞\u{feff}\u{200b}-_.";

/// The inputs of one operation and how to serialize them with the generated code.
struct Operation {
    service: &'static str,
    name: &'static str,
    generate: fn(&mut Rng) -> Value,
    serialize: fn(&Value) -> Result<http::Request<Vec<u8>>, String>,
}

fn serialize_with<I, V, F>(params: &Value, validate: V, request: F) -> Result<http::Request<Vec<u8>>, String>
where
    I: FromParams,
    V: FnOnce(&I) -> Result<(), smithy_runtime::ValidationError>,
    F: FnOnce(&I, &smithy_runtime::RequestOptions) -> Result<http::Request<Vec<u8>>, smithy_runtime::RequestError>,
{
    let input = I::from_params(params).map_err(|e| format!("params: {e}"))?;
    // The inputs are meant to be valid: validation must accept them (checked here directly,
    // whether or not `request` validates too).
    validate(&input).map_err(|e| format!("validation refused the input: {e}"))?;
    let options = smithy_runtime::RequestOptions::new().with_token_source(|| TEST_TOKEN.to_owned());
    request(&input, &options).map_err(|e| format!("request: {e}"))
}

fn operations() -> Vec<Operation> {
    vec![
        Operation {
            service: "lookoutequipment",
            name: "StartDataIngestionJob",
            generate: lookout_input,
            serialize: |p| {
                serialize_with::<lookoutequipment::StartDataIngestionJobRequest, _, _>(p, |i| i.validate(), |i, o| {
                    lookoutequipment::operations::StartDataIngestionJob::request(i, o)
                })
            },
        },
        Operation {
            service: "datazone",
            name: "StartDataSourceRun",
            generate: datazone_input,
            serialize: |p| {
                serialize_with::<datazone::StartDataSourceRunInput, _, _>(p, |i| i.validate(), |i, o| {
                    datazone::operations::StartDataSourceRun::request(i, o)
                })
            },
        },
        Operation {
            service: "personalize",
            name: "CreateDatasetImportJob",
            generate: personalize_input,
            serialize: |p| {
                serialize_with::<personalize::CreateDatasetImportJobRequest, _, _>(p, |i| i.validate(), |i, o| {
                    personalize::operations::CreateDatasetImportJob::request(i, o)
                })
            },
        },
        Operation {
            service: "quicksight",
            name: "CreateIngestion",
            generate: quicksight_input,
            serialize: |p| {
                serialize_with::<quicksight::CreateIngestionRequest, _, _>(p, |i| i.validate(), |i, o| {
                    quicksight::operations::CreateIngestion::request(i, o)
                })
            },
        },
    ]
}

/// Sets `key` when the member is required or, for an optional one, half the time.
fn maybe(object: &mut Map<String, Value>, rng: &mut Rng, key: &str, value: Value) {
    if rng.chance(50) {
        object.insert(key.to_owned(), value);
    }
}

/// An idempotency token: given (ASCII, `^\p{ASCII}{1,256}$` where constrained) or left to
/// the token source.
fn token(object: &mut Map<String, Value>, rng: &mut Rng, key: &str) {
    let ascii: Vec<char> = (0u8..=127).map(char::from).collect();
    let value = json!(rng.text(&ascii, 1, 256));
    maybe(object, rng, key, value);
}

fn account_id(rng: &mut Rng) -> String {
    rng.text(&chars(&[('0', '9')], ""), 12, 12)
}

/// Lookout for Equipment `StartDataIngestionJob` (awsJson1_0).
fn lookout_input(rng: &mut Rng) -> Value {
    let mut s3 = Map::new();
    // ^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$
    let edge = chars(&[('a', 'z'), ('0', '9')], "");
    let inner = chars(&[('a', 'z'), ('0', '9')], ".-");
    let bucket = format!("{}{}{}", rng.pick(&edge), rng.text(&inner, 1, 61), rng.pick(&edge));
    s3.insert("Bucket".into(), json!(bucket));
    // ^(^$)|([\u0009\u000A\u000D\u0020-\u00FF]{1,1023}/$)$
    let prefix_chars = chars(&[(' ', '\u{ff}')], "\t\n\r");
    let prefix = if rng.chance(20) { String::new() } else { format!("{}/", rng.text(&prefix_chars, 1, 1023)) };
    maybe(&mut s3, rng, "Prefix", json!(prefix));
    let any: Vec<char> = ANY_TEXT.chars().collect();
    let key_pattern = json!(rng.text(&any, 1, 2048));
    maybe(&mut s3, rng, "KeyPattern", key_pattern);

    let mut input = Map::new();
    input.insert("DatasetName".into(), json!(rng.text(&chars(&[('a', 'z'), ('A', 'Z'), ('0', '9')], "_-"), 1, 200)));
    input.insert("IngestionInputConfiguration".into(), json!({ "S3InputConfiguration": s3 }));
    // ^arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+$, 20..=2048 characters.
    let partition = rng.pick(&["", "-cn", "-us-gov", "-é"]);
    let role_chars: Vec<char> = ANY_TEXT.chars().filter(|c| !matches!(c, '\n' | '\r')).collect();
    let role = format!("arn:aws{partition}:iam::{}:role/{}", account_id(rng), rng.text(&role_chars, 1, 1900));
    input.insert("RoleArn".into(), json!(role));
    token(&mut input, rng, "ClientToken");
    Value::Object(input)
}

/// DataZone `StartDataSourceRun` (restJson1): two labels and a body token.
fn datazone_input(rng: &mut Rng) -> Value {
    let id_chars = chars(&[('a', 'z'), ('A', 'Z'), ('0', '9')], "_-");
    let mut input = Map::new();
    // ^dzd[-_][a-zA-Z0-9_-]{1,36}$
    let domain = format!("dzd{}{}", rng.pick(&['-', '_']), rng.text(&id_chars, 1, 36));
    input.insert("domainIdentifier".into(), json!(domain));
    input.insert("dataSourceIdentifier".into(), json!(rng.text(&id_chars, 1, 36)));
    // No constraint on this token.
    let any: Vec<char> = ANY_TEXT.chars().collect();
    let client_token = json!(rng.text(&any, 0, 64));
    maybe(&mut input, rng, "clientToken", client_token);
    Value::Object(input)
}

/// Personalize `CreateDatasetImportJob` (awsJson1_1): nested structure, list of structures,
/// enum, boolean, Unicode tags.
fn personalize_input(rng: &mut Rng) -> Value {
    let mut input = Map::new();
    // ^[a-zA-Z0-9][a-zA-Z0-9\-_]*$, 1..=63.
    let name = format!("{}{}", rng.pick(&alnum()), rng.text(&chars(&[('a', 'z'), ('A', 'Z'), ('0', '9')], "-_"), 0, 62));
    input.insert("jobName".into(), json!(name));
    // ^arn:([a-z\d-]+):personalize:.*:.*:.+$, at most 256.
    let any_line: Vec<char> = ANY_TEXT.chars().filter(|c| !matches!(c, '\n' | '\r')).collect();
    let arn = format!("arn:aws:personalize:{}:{}:{}", rng.text(&any_line, 0, 20), account_id(rng), rng.text(&any_line, 1, 180));
    input.insert("datasetArn".into(), json!(arn));
    let mut source = Map::new();
    // ^(s3|http|https)://.+$, at most 256.
    let scheme = rng.pick(&["s3", "http", "https"]);
    let location = json!(format!("{scheme}://{}", rng.text(&any_line, 1, 240)));
    maybe(&mut source, rng, "dataLocation", location);
    input.insert("dataSource".into(), Value::Object(source));
    // ^arn:([a-z\d-]+):iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+$, at most 256.
    let role_chars = chars(&[('a', 'z'), ('A', 'Z'), ('0', '9')], "_+=,.@-/");
    let role = format!("arn:aws:iam::{}:role/{}", account_id(rng), rng.text(&role_chars, 1, 200));
    input.insert("roleArn".into(), json!(role));
    // Tags: ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$, key 1..=128, value 0..=256; at most 200 tags.
    let tag_chars = chars(&[('a', 'z'), ('A', 'Z'), ('0', '9')], &format!("{UNICODE_LETTERS} _.:/=+-@"));
    let tags: Vec<Value> = (0..rng.length(0, 200).min(12))
        .map(|_| json!({ "tagKey": rng.text(&tag_chars, 1, 128), "tagValue": rng.text(&tag_chars, 0, 256) }))
        .collect();
    maybe(&mut input, rng, "tags", json!(tags));
    let mode = rng.pick(&["FULL", "INCREMENTAL"]);
    maybe(&mut input, rng, "importMode", json!(mode));
    let publish = rng.chance(50);
    maybe(&mut input, rng, "publishAttributionMetricsToS3", json!(publish));
    Value::Object(input)
}

/// QuickSight `CreateIngestion` (restJson1): three labels, one unconstrained (so anything
/// that needs percent-encoding), and an enum in the body.
fn quicksight_input(rng: &mut Rng) -> Value {
    let mut input = Map::new();
    let any: Vec<char> = ANY_TEXT.chars().collect();
    // A label may not be empty (an empty path segment cannot carry it).
    input.insert("DataSetId".into(), json!(rng.text(&any, 1, 64)));
    input.insert("IngestionId".into(), json!(rng.text(&chars(&[('a', 'z'), ('A', 'Z'), ('0', '9')], "-_"), 1, 128)));
    input.insert("AwsAccountId".into(), json!(account_id(rng)));
    let kind = rng.pick(&["INCREMENTAL_REFRESH", "FULL_REFRESH"]);
    maybe(&mut input, rng, "IngestionType", json!(kind));
    Value::Object(input)
}

/// The parts of a request both sides produce, in comparable form.
#[derive(Debug)]
struct Serialized {
    method: String,
    path: String,
    /// Decoded `(name, value)` pairs, sorted.
    query: Vec<(String, String)>,
    /// `X-Amz-Target` and `Content-Type`, if set.
    target: Option<String>,
    content_type: Option<String>,
    body: String,
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn ours(request: &http::Request<Vec<u8>>) -> Serialized {
    let mut query: Vec<(String, String)> = request
        .uri()
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    query.sort();
    let header = |name: &str| request.headers().get(name).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    Serialized {
        method: request.method().to_string(),
        path: request.uri().path().to_owned(),
        query,
        target: header("x-amz-target"),
        content_type: header("content-type"),
        body: String::from_utf8_lossy(request.body()).into_owned(),
    }
}

fn theirs(result: &Value) -> Result<Serialized, String> {
    if let Some(error) = result.get("error") {
        return Err(format!("botocore refused the input: {error}"));
    }
    let text = |key: &str| result.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
    let mut query: Vec<(String, String)> = result
        .get("query")
        .and_then(Value::as_array)
        .map(|pairs| {
            pairs
                .iter()
                .map(|p| (p[0].as_str().unwrap_or_default().to_owned(), p[1].as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default();
    query.sort();
    let header = |name: &str| {
        result.get("headers").and_then(Value::as_object).and_then(|headers| {
            headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).and_then(|(_, v)| v.as_str().map(str::to_owned))
        })
    };
    Ok(Serialized {
        method: text("method"),
        path: text("path"),
        query,
        target: header("x-amz-target"),
        content_type: header("content-type"),
        body: text("body"),
    })
}

/// Every field where the two differ.
fn differences(ours: &Serialized, theirs: &Serialized) -> Vec<String> {
    let mut out = Vec::new();
    if ours.method != theirs.method {
        out.push(format!("method: ours {}, botocore {}", ours.method, theirs.method));
    }
    if ours.path != theirs.path {
        out.push(format!("path: ours {}, botocore {}", ours.path, theirs.path));
    }
    if ours.query != theirs.query {
        out.push(format!("query: ours {:?}, botocore {:?}", ours.query, theirs.query));
    }
    if ours.target != theirs.target {
        out.push(format!("X-Amz-Target: ours {:?}, botocore {:?}", ours.target, theirs.target));
    }
    if ours.content_type != theirs.content_type {
        out.push(format!("Content-Type: ours {:?}, botocore {:?}", ours.content_type, theirs.content_type));
    }
    let json = |text: &str| if text.is_empty() { Ok(Value::Null) } else { serde_json::from_str::<Value>(text) };
    match (json(&ours.body), json(&theirs.body)) {
        (Ok(a), Ok(b)) if same_json(&a, &b) => {}
        _ => out.push(format!("body: ours {:?}, botocore {:?}", ours.body, theirs.body)),
    }
    out
}

/// Runs botocore over all the lines at once; `None` (with a message) when it is not there.
fn botocore(lines: &[String]) -> Option<Vec<Value>> {
    let available = Command::new("python3").args(["-c", "import botocore"]).output().is_ok_and(|o| o.status.success());
    if !available {
        eprintln!("botocore: SKIPPED, because python3 or its botocore package is missing (python3 -m pip install botocore)");
        return None;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/botocore_serialize.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("python3 starts");
    let input = lines.join("\n");
    let mut stdin = child.stdin.take().expect("piped stdin");
    // Written from a thread: the child's output pipe would fill while we still write.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("botocore_serialize.py runs");
    writer.join().expect("writer thread").expect("write to python3");
    assert!(output.status.success(), "botocore_serialize.py failed: {}", output.status);
    let text = String::from_utf8(output.stdout).expect("UTF-8 output");
    Some(text.lines().map(|l| serde_json::from_str(l).expect("one JSON result per line")).collect())
}

/// How often each member (by JSON Pointer, nested ones too) is set across the inputs of
/// `op`: the test's evidence that optional members were both absent and present.
fn coverage(cases: &[(&Operation, Value)], op: &Operation) -> String {
    fn walk(value: &Value, path: &str, counts: &mut std::collections::BTreeMap<String, usize>) {
        if let Value::Object(members) = value {
            for (key, member) in members {
                let path = format!("{path}/{key}");
                *counts.entry(path.clone()).or_default() += 1;
                walk(member, &path, counts);
            }
        }
    }
    let mut counts = std::collections::BTreeMap::new();
    for (_, params) in cases.iter().filter(|(case_op, _)| std::ptr::eq(*case_op, op)) {
        walk(params, "", &mut counts);
    }
    let counts: Vec<String> = counts.iter().map(|(path, n)| format!("{path} {n}")).collect();
    format!("members set: {}", counts.join(", "))
}

/// At most `max` characters of `text`, marked when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}… ({} more bytes)", &text[..cut], text.len() - cut),
        None => text.to_owned(),
    }
}

#[test]
fn requests_match_botocore() {
    let mut rng = Rng(SEED);
    let operations = operations();
    let mut cases = Vec::new();
    for op in &operations {
        for _ in 0..INPUTS {
            cases.push((op, (op.generate)(&mut rng)));
        }
    }
    let lines: Vec<String> = cases
        .iter()
        .map(|(op, params)| json!({ "service": op.service, "operation": op.name, "params": params, "token": TEST_TOKEN }).to_string())
        .collect();
    let Some(results) = botocore(&lines) else {
        return;
    };
    assert_eq!(results.len(), cases.len(), "one botocore result per input");

    let mut report = Vec::new();
    let mut failures = Vec::new();
    for op in &operations {
        let mut compared = 0;
        let mut differing = 0;
        for ((case_op, params), result) in cases.iter().zip(&results) {
            if !std::ptr::eq(*case_op, op) {
                continue;
            }
            compared += 1;
            let problems = match ((op.serialize)(params), theirs(result)) {
                (Ok(request), Ok(expected)) => differences(&ours(&request), &expected),
                (Err(e), _) => vec![format!("ours failed: {e}")],
                (_, Err(e)) => vec![e],
            };
            if !problems.is_empty() {
                differing += 1;
                failures.push(format!("{}.{} with {params}:\n    {}", op.service, op.name, problems.join("\n    ")));
            }
        }
        report.push(format!("{}.{}: {compared} inputs compared, {differing} differ; {}", op.service, op.name, coverage(&cases, op)));
    }
    eprintln!("botocore differential test (seed {SEED:#x}):\n  {}", report.join("\n  "));
    assert!(
        failures.is_empty(),
        "{} inputs serialize differently from botocore; the first ones:\n{}",
        failures.len(),
        failures.iter().take(5).map(|f| shorten(f, 1500)).collect::<Vec<_>>().join("\n")
    );
}

/// The differential inputs go through validation (see `serialize_with`): an input that breaks
/// a constraint is refused, so "valid per the constraints" above is checked, not assumed.
#[test]
fn invalid_inputs_are_refused() {
    let mut rng = Rng(SEED);
    for op in operations() {
        let mut params = (op.generate)(&mut rng);
        let broken = match op.name {
            "StartDataIngestionJob" => params.pointer_mut("/RoleArn").map(|v| *v = json!("arn:too-short")),
            "StartDataSourceRun" => params.pointer_mut("/domainIdentifier").map(|v| *v = json!("not-a-domain")),
            "CreateDatasetImportJob" => params.pointer_mut("/jobName").map(|v| *v = json!("-starts-with-a-dash")),
            "CreateIngestion" => params.pointer_mut("/AwsAccountId").map(|v| *v = json!("12345")),
            other => panic!("no invalid input for {other}"),
        };
        assert!(broken.is_some(), "{}: the member to break is always set", op.name);
        let refused = (op.serialize)(&params).err();
        assert!(
            refused.as_deref().is_some_and(|e| e.starts_with("validation refused the input")),
            "{}.{} did not refuse an invalid input by validation ({refused:?}): {params}",
            op.service,
            op.name
        );
    }
}
