//! Property test of the generated `validate()`: for random inputs of the four operations
//! (seeded, so every run checks the same ones) validation never panics, its violations are
//! well formed, and an input that passes validation serializes with the operation's
//! `request()`.
//!
//! The generator favours values near the constraints: strings of mixed scripts (ASCII,
//! digits, punctuation, CJK, emoji, combining marks, controls) with lengths around the
//! bounds, unknown enum values, and lists around their size limits.

mod support;

use support::Rng;
use generated::datazone::{operations::StartDataSourceRun, StartDataSourceRunInput};
use generated::lookoutequipment::{
    operations::StartDataIngestionJob, IngestionInputConfiguration, IngestionS3InputConfiguration,
    StartDataIngestionJobRequest,
};
use generated::personalize::{operations::CreateDatasetImportJob, CreateDatasetImportJobRequest, DataSource, ImportMode, Tag};
use generated::quicksight::{operations::CreateIngestion, CreateIngestionRequest, IngestionType};
use smithy_runtime::ValidationError;
use smithy_runtime::{RequestError, RequestOptions};

/// Inputs generated per operation.
const CASES: usize = 2000;

impl Rng {
    /// A length near one of the interesting bounds.
    fn length(&mut self) -> usize {
        let bounds = [0, 1, 2, 3, 12, 20, 36, 63, 64, 128, 200, 256, 1024, 2048];
        let base = bounds[self.below(bounds.len())];
        (base + self.below(3)).saturating_sub(1)
    }

    /// A string mixing scripts, or one shaped like what the patterns want.
    fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "a", "Z", "0", "9", "_", "-", ".", "/", ":", " ", "\t", "\n", "!", "é", "日", "٣", "１", "👍", "\u{301}", "\u{0}",
            "\u{2028}", "arn:aws:iam::123456789012:role/", "s3://", "dzd_", "~", "\u{FEFF}",
        ];
        let length = self.length();
        (0..length).map(|_| self.pick(PIECES)).collect()
    }

    fn maybe_text(&mut self) -> Option<String> {
        self.chance(85).then(|| self.text())
    }

    /// Mostly a value the constraints accept, sometimes a random one.
    fn field(&mut self, valid: &[&str]) -> String {
        if self.chance(70) {
            self.pick(valid).to_owned()
        } else {
            self.text()
        }
    }

    fn maybe_field(&mut self, valid: &[&str]) -> Option<String> {
        self.chance(92).then(|| self.field(valid))
    }
}

/// A request error allowed for a valid input: rules of the wire format that are not
/// model constraints. An empty URI label cannot be sent, whatever its constraints say.
fn serialization_only(error: &RequestError) -> bool {
    error.to_string().contains("URI label")
}

/// Validates one input and, when it passes, serializes it.
fn check<T: std::fmt::Debug>(
    input: &T,
    validate: impl Fn(&T) -> Result<(), ValidationError>,
    request: impl Fn(&T) -> Result<http::Request<Vec<u8>>, RequestError>,
) -> bool {
    match validate(input) {
        Ok(()) => {
            if let Err(error) = request(input) {
                assert!(serialization_only(&error), "valid input does not serialize: {error}\n{input:?}");
            }
            true
        }
        Err(error) => {
            // `request` validates by default: it refuses the input with the same violations.
            match request(input) {
                Err(RequestError::Invalid(refused)) => assert_eq!(refused, error),
                other => panic!("an invalid input was not refused: {other:?}\n{input:?}"),
            }
            for violation in error.violations() {
                assert!(violation.path().starts_with('/'), "{}", violation.path());
                assert!(violation.message().contains(&format!("'{}'", violation.path())), "{}", violation.message());
            }
            assert!(error.to_string().starts_with(&format!("{} validation error", error.violations().len())));
            false
        }
    }
}

fn options() -> RequestOptions {
    RequestOptions::new().with_token_source(|| "00000000-0000-4000-8000-000000000000".to_owned())
}

fn lookout(rng: &mut Rng) -> StartDataIngestionJobRequest {
    let mut s3 = IngestionS3InputConfiguration::builder().bucket(rng.field(&["sensor-data", "a.b-c"]));
    if let Some(prefix) = rng.maybe_field(&["", "pump/", "日本/"]) {
        s3 = s3.prefix(prefix);
    }
    if let Some(key) = rng.maybe_field(&["x", "👍"]) {
        s3 = s3.key_pattern(key);
    }
    let mut builder = StartDataIngestionJobRequest::builder();
    if rng.chance(90) {
        let config = IngestionInputConfiguration::builder().s3_input_configuration(s3.build().unwrap()).build().unwrap();
        builder = builder.ingestion_input_configuration(config);
    }
    builder
        .set_dataset_name(rng.maybe_field(&["pumps", "P_1-a"]))
        .set_role_arn(rng.maybe_field(&["arn:aws:iam::123456789012:role/ingest"]))
        .set_client_token(rng.maybe_field(&["t", "~token~"]))
        .build()
}

fn datazone(rng: &mut Rng) -> StartDataSourceRunInput {
    StartDataSourceRunInput::builder()
        .set_domain_identifier(rng.maybe_field(&["dzd_abc", "dzd-1"]))
        .set_data_source_identifier(rng.maybe_field(&["ds", "a_b-c"]))
        .set_client_token(rng.maybe_text())
        .build()
}

fn personalize(rng: &mut Rng) -> CreateDatasetImportJobRequest {
    let tags = rng.chance(60).then(|| {
        let count = [0, 1, 2, 199, 200, 201][rng.below(6)];
        (0..count)
            .map(|_| Tag::builder().tag_key(rng.field(&["team", "键"])).tag_value(rng.field(&["", "ml 3"])).build().unwrap())
            .collect()
    });
    let mode = rng.chance(70).then(|| ImportMode::from(rng.pick(&["FULL", "INCREMENTAL", "PARTIAL", ""])));
    CreateDatasetImportJobRequest::builder()
        .set_job_name(rng.maybe_field(&["job", "J-1_x"]))
        .set_dataset_arn(rng.maybe_field(&["arn:aws:personalize:us-east-1:1:dataset/x"]))
        .set_data_source(rng.chance(90).then(|| DataSource::builder().set_data_location(rng.maybe_field(&["s3://b/k"])).build()))
        .set_role_arn(rng.maybe_field(&["arn:aws:iam::123456789012:role/r"]))
        .set_tags(tags)
        .set_import_mode(mode)
        .set_publish_attribution_metrics_to_s3(rng.chance(50).then(|| rng.chance(50)))
        .build()
}

fn quicksight(rng: &mut Rng) -> CreateIngestionRequest {
    let kind = rng.chance(70).then(|| IngestionType::from(rng.pick(&["FULL_REFRESH", "INCREMENTAL_REFRESH", "NONE"])));
    CreateIngestionRequest::builder()
        .set_data_set_id(rng.maybe_field(&["set 1", "", "a/b?c"]))
        .set_ingestion_id(rng.maybe_field(&["ing-1", "X_y"]))
        .set_aws_account_id(rng.maybe_field(&["123456789012"]))
        .set_ingestion_type(kind)
        .build()
}

#[test]
fn random_inputs_never_panic_and_valid_ones_serialize() {
    let mut rng = Rng(0x5EED_0F7E_5700);
    let options = options();
    let mut valid = [0usize; 4];
    for _ in 0..CASES {
        let input = lookout(&mut rng);
        valid[0] += usize::from(check(&input, |i| i.validate(), |i| StartDataIngestionJob::request(i, &options)));
        let input = datazone(&mut rng);
        valid[1] += usize::from(check(&input, |i| i.validate(), |i| StartDataSourceRun::request(i, &options)));
        let input = personalize(&mut rng);
        valid[2] += usize::from(check(&input, |i| i.validate(), |i| CreateDatasetImportJob::request(i, &options)));
        let input = quicksight(&mut rng);
        valid[3] += usize::from(check(&input, |i| i.validate(), |i| CreateIngestion::request(i, &options)));
    }
    eprintln!("valid inputs out of {CASES} per operation (lookoutequipment, datazone, personalize, quicksight): {valid:?}");
    // Both halves of the property must be exercised on every operation.
    assert!(valid.iter().all(|&n| n > 0 && n < CASES), "valid inputs per operation: {valid:?}");
}

/// Shaped inputs, so that the "valid ones serialize" half is exercised on many values.
#[test]
fn valid_shaped_inputs_serialize() {
    let mut rng = Rng(42);
    let options = options();
    let alphabet = ["a", "b", "0", "_", "-"];
    for _ in 0..CASES {
        let id: String = (0..1 + rng.below(30)).map(|_| rng.pick(&alphabet)).collect();
        let input = StartDataSourceRunInput::builder()
            .domain_identifier(format!("dzd_{id}"))
            .data_source_identifier(id.clone())
            .build();
        assert!(check(&input, |i| i.validate(), |i| StartDataSourceRun::request(i, &options)), "{input:?}");
        let input = CreateIngestionRequest::builder()
            .data_set_id(format!("set {id} 日本"))
            .ingestion_id(id.clone())
            .aws_account_id("123456789012")
            .build();
        assert!(check(&input, |i| i.validate(), |i| CreateIngestion::request(i, &options)), "{input:?}");
    }
}
