//! `validate()` on a representative valid input of each of the four operations, and on the
//! ReDoS-style hostile value of the protocol tests' `^([0-9]+)+$` pattern shape (through
//! the Personalize role ARN pattern, which has nested quantifiers too). Reports the median
//! nanoseconds per call over several samples. Run: `cargo bench -p codegen-tests --bench validate`.

use generated::datazone::StartDataSourceRunInput;
use generated::lookoutequipment::{IngestionInputConfiguration, IngestionS3InputConfiguration, StartDataIngestionJobRequest};
use generated::personalize::{CreateDatasetImportJobRequest, DataSource, ImportMode, Tag};
use generated::quicksight::{CreateIngestionRequest, IngestionType};

#[path = "support/measure.rs"]
mod measure;
use measure::measure;

fn main() {
    let s3 = IngestionS3InputConfiguration::builder().bucket("sensor-data").prefix("pump-7/").build().unwrap();
    let lookout = StartDataIngestionJobRequest::builder()
        .dataset_name("pumps")
        .ingestion_input_configuration(IngestionInputConfiguration::builder().s3_input_configuration(s3).build().unwrap())
        .role_arn("arn:aws:iam::123456789012:role/ingest")
        .client_token("5b2ad4a2-1c64-4b8e-9a3e-0c6f1f0d2e11")
        .build();
    let datazone = StartDataSourceRunInput::builder()
        .domain_identifier("dzd_a1b2c3d4e5f6")
        .data_source_identifier("ds_0123456789")
        .client_token("5b2ad4a2-1c64-4b8e-9a3e-0c6f1f0d2e11")
        .build();
    let personalize = CreateDatasetImportJobRequest::builder()
        .job_name("import-2024-06")
        .dataset_arn("arn:aws:personalize:us-east-1:123456789012:dataset/shop/INTERACTIONS")
        .data_source(DataSource::builder().data_location("s3://bucket/folder/interactions.csv").build())
        .role_arn("arn:aws:iam::123456789012:role/PersonalizeRole")
        .tags(vec![
            Tag::builder().tag_key("team").tag_value("recommendations").build().unwrap(),
            Tag::builder().tag_key("env").tag_value("prod").build().unwrap(),
        ])
        .import_mode(ImportMode::Incremental)
        .build();
    let quicksight = CreateIngestionRequest::builder()
        .data_set_id("sales-2024")
        .ingestion_id("ingestion-0001")
        .aws_account_id("123456789012")
        .ingestion_type(IngestionType::FullRefresh)
        .build();

    measure("lookoutequipment StartDataIngestionJob", 200_000, || lookout.validate().is_ok());
    measure("datazone StartDataSourceRun", 200_000, || datazone.validate().is_ok());
    measure("personalize CreateDatasetImportJob", 200_000, || personalize.validate().is_ok());
    measure("quicksight CreateIngestion", 200_000, || quicksight.validate().is_ok());

    // Hostile input: a long run that nearly matches an ARN pattern with nested groups.
    let mut hostile = personalize.clone();
    hostile.role_arn = Some(format!("arn:{}:iam::", "a-".repeat(100)));
    measure("personalize, hostile role ARN (invalid)", 20_000, || hostile.validate().is_err());

    // The protocol tests' ReDoS case, with the engine and text the generator picks for it:
    // a backtracking engine takes exponential time on this input (about 2^84 steps).
    let evil = codegen::ir::pattern::prepare("^([0-9]+)+$").expect("the pattern is supported");
    assert!(
        matches!(evil.engine, codegen::ir::pattern::PatternEngine::Linear { .. }),
        "the ReDoS pattern must get the linear-time engine"
    );
    let matcher = evil.matcher().expect("checked at generation time");
    let input = format!("{}!", "0".repeat(84));
    measure("pattern ^([0-9]+)+$ on 84 digits and '!'", 20_000, || !matcher.is_match(&input));
}
