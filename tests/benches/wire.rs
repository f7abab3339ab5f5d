//! Request serialization and response parsing of the four operations in `models/`, by the
//! generated wire code and by `serde_json` with `#[derive(Serialize, Deserialize)]` on
//! equivalent hand-written structs, measured in the same run.
//!
//! Both sides do the same work: build an `http::Request` with the same method, URI and
//! headers from the input, and read the output from an `http::Response`. Differences the
//! serde side gets for free: it keeps enums and timestamps as strings (the generated code
//! converts them into enum types and `DateTime`s).
//!
//! `request` is measured without its default validation, which serde does not do either;
//! `benches/validate.rs` measures `validate()` on the same kind of inputs.
//!
//! Run with `cargo bench -p codegen-tests --bench wire`.

use smithy_runtime::RequestOptions;
use generated::{datazone, lookoutequipment, personalize, quicksight};
use serde::{Deserialize, Serialize};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Nanoseconds per call of `f`, the best of several rounds of about 100 ms.
fn measure<T>(mut f: impl FnMut() -> T) -> f64 {
    let mut iterations = 1_u64;
    loop {
        let start = Instant::now();
        for _ in 0..iterations {
            black_box(f());
        }
        if start.elapsed() > Duration::from_millis(20) {
            break;
        }
        iterations *= 2;
    }
    let iterations = iterations * 5;
    (0..5)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                black_box(f());
            }
            start.elapsed().as_nanos() as f64 / iterations as f64
        })
        .fold(f64::INFINITY, f64::min)
}

/// Says so when a call fails: its time would then measure an early error, not the work.
fn check<T, E: std::fmt::Debug>(what: &str, result: Result<T, E>) {
    if let Err(e) = result {
        println!("{what}: FAILS: {e:?}");
    }
}

fn report(what: &str, generated: f64, serde: f64) {
    println!("{what:<48} generated {generated:>8.0} ns   serde_json {serde:>8.0} ns   generated/serde {:.2}", generated / serde);
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body.as_bytes().to_vec());
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::OK);
    response
}

fn serde_request(method: &str, uri: String, headers: &[(&str, &str)], body: Vec<u8>) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.header("Content-Length", body.len()).body(body).unwrap_or_default()
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Lookout for Equipment: StartDataIngestionJob (awsJson1_0)

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct StartDataIngestionJobRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    dataset_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ingestion_input_configuration: Option<IngestionInputConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_token: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct IngestionInputConfiguration {
    s3_input_configuration: S3InputConfiguration,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct S3InputConfiguration {
    bucket: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_pattern: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)] // Read to be measured, never used.
struct StartDataIngestionJobResponse {
    job_id: Option<String>,
    status: Option<String>,
}

fn lookoutequipment_bench() {
    use lookoutequipment::operations::StartDataIngestionJob;
    let s3 = lookoutequipment::IngestionS3InputConfiguration::builder()
        .bucket("my-sensor-data-bucket")
        .prefix("plant-7/turbines/2024/")
        .key_pattern("{prefix}/{component_name}/*")
        .build();
    let config = s3.and_then(|s3| lookoutequipment::IngestionInputConfiguration::builder().s3_input_configuration(s3).build());
    let Ok(config) = config else { return eprintln!("lookoutequipment: cannot build the input") };
    let input = lookoutequipment::StartDataIngestionJobRequest::builder()
        .dataset_name("turbine-sensors")
        .ingestion_input_configuration(config)
        .role_arn("arn:aws:iam::123456789012:role/LookoutEquipmentIngestion")
        .client_token("6f1c7f8e-0e46-4d1e-8f0a-3a3b1f0e9d21")
        .build();
    let options = RequestOptions::default().without_validation();
    let hand = StartDataIngestionJobRequest {
        dataset_name: Some("turbine-sensors".into()),
        ingestion_input_configuration: Some(IngestionInputConfiguration {
            s3_input_configuration: S3InputConfiguration {
                bucket: "my-sensor-data-bucket".into(),
                prefix: Some("plant-7/turbines/2024/".into()),
                key_pattern: Some("{prefix}/{component_name}/*".into()),
            },
        }),
        role_arn: Some("arn:aws:iam::123456789012:role/LookoutEquipmentIngestion".into()),
        client_token: Some("6f1c7f8e-0e46-4d1e-8f0a-3a3b1f0e9d21".into()),
    };
    check("StartDataIngestionJob request", StartDataIngestionJob::request(&input, &options));
    let ours = measure(|| StartDataIngestionJob::request(&input, &options));
    let theirs = measure(|| {
        let body = serde_json::to_vec(&hand).unwrap_or_default();
        serde_request(
            "POST",
            "/".to_owned(),
            &[("X-Amz-Target", "AWSLookoutEquipmentFrontendService.StartDataIngestionJob"), ("Content-Type", "application/x-amz-json-1.0")],
            body,
        )
    });
    report("lookoutequipment StartDataIngestionJob request", ours, theirs);

    let reply = response(200, r#"{"JobId":"4d7a5c0e2b1f4a9c8e6d3b2a1f0e9d8c","Status":"IN_PROGRESS"}"#);
    check("StartDataIngestionJob response", StartDataIngestionJob::response(&reply));
    let ours = measure(|| StartDataIngestionJob::response(&reply));
    let theirs = measure(|| serde_json::from_slice::<StartDataIngestionJobResponse>(reply.body()).ok());
    report("lookoutequipment StartDataIngestionJob response", ours, theirs);
}

// ---------------------------------------------------------------------------------------
// Personalize: CreateDatasetImportJob (awsJson1_1)

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreateDatasetImportJobRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    job_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dataset_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_source: Option<DataSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<Tag>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    import_mode: Option<String>,
    #[serde(rename = "publishAttributionMetricsToS3", skip_serializing_if = "Option::is_none")]
    publish_attribution_metrics_to_s3: Option<bool>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DataSource {
    #[serde(skip_serializing_if = "Option::is_none")]
    data_location: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Tag {
    tag_key: String,
    tag_value: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // Read to be measured, never used.
struct CreateDatasetImportJobResponse {
    dataset_import_job_arn: Option<String>,
}

fn personalize_bench() {
    use personalize::operations::CreateDatasetImportJob;
    let tags: Result<Vec<_>, _> = (0..8)
        .map(|i| personalize::Tag::builder().tag_key(format!("team-{i}")).tag_value(format!("recommendations-{i}")).build())
        .collect();
    let Ok(tags) = tags else { return eprintln!("personalize: cannot build the input") };
    let input = personalize::CreateDatasetImportJobRequest::builder()
        .job_name("import-interactions-2024-06")
        .dataset_arn("arn:aws:personalize:us-west-2:123456789012:dataset/shop/INTERACTIONS")
        .data_source(personalize::DataSource::builder().data_location("s3://my-bucket/interactions.csv").build())
        .role_arn("arn:aws:iam::123456789012:role/PersonalizeS3Access")
        .tags(tags)
        .import_mode(personalize::ImportMode::Incremental)
        .publish_attribution_metrics_to_s3(true)
        .build();
    let hand = CreateDatasetImportJobRequest {
        job_name: Some("import-interactions-2024-06".into()),
        dataset_arn: Some("arn:aws:personalize:us-west-2:123456789012:dataset/shop/INTERACTIONS".into()),
        data_source: Some(DataSource { data_location: Some("s3://my-bucket/interactions.csv".into()) }),
        role_arn: Some("arn:aws:iam::123456789012:role/PersonalizeS3Access".into()),
        tags: Some((0..8).map(|i| Tag { tag_key: format!("team-{i}"), tag_value: format!("recommendations-{i}") }).collect()),
        import_mode: Some("INCREMENTAL".into()),
        publish_attribution_metrics_to_s3: Some(true),
    };
    let options = RequestOptions::default().without_validation();
    check("CreateDatasetImportJob request", CreateDatasetImportJob::request(&input, &options));
    let ours = measure(|| CreateDatasetImportJob::request(&input, &options));
    let theirs = measure(|| {
        let body = serde_json::to_vec(&hand).unwrap_or_default();
        serde_request(
            "POST",
            "/".to_owned(),
            &[("X-Amz-Target", "AmazonPersonalize.CreateDatasetImportJob"), ("Content-Type", "application/x-amz-json-1.1")],
            body,
        )
    });
    report("personalize CreateDatasetImportJob request", ours, theirs);

    let reply = response(200, r#"{"datasetImportJobArn":"arn:aws:personalize:us-west-2:123456789012:dataset-import-job/import-interactions-2024-06"}"#);
    check("CreateDatasetImportJob response", CreateDatasetImportJob::response(&reply));
    let ours = measure(|| CreateDatasetImportJob::response(&reply));
    let theirs = measure(|| serde_json::from_slice::<CreateDatasetImportJobResponse>(reply.body()).ok());
    report("personalize CreateDatasetImportJob response", ours, theirs);
}

// ---------------------------------------------------------------------------------------
// QuickSight: CreateIngestion (restJson1)

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateIngestionBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    ingestion_type: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)] // Read to be measured, never used.
struct CreateIngestionResponse {
    arn: Option<String>,
    ingestion_id: Option<String>,
    ingestion_status: Option<String>,
    request_id: Option<String>,
}

fn quicksight_bench() {
    use quicksight::operations::CreateIngestion;
    let input = quicksight::CreateIngestionRequest::builder()
        .aws_account_id("123456789012")
        .data_set_id("sales data/2024")
        .ingestion_id("nightly-refresh-0001")
        .ingestion_type(quicksight::IngestionType::FullRefresh)
        .build();
    let options = RequestOptions::default().without_validation();
    let hand = CreateIngestionBody { ingestion_type: Some("FULL_REFRESH".into()) };
    check("CreateIngestion request", CreateIngestion::request(&input, &options));
    let ours = measure(|| CreateIngestion::request(&input, &options));
    let theirs = measure(|| {
        let uri = format!(
            "/accounts/{}/data-sets/{}/ingestions/{}",
            percent("123456789012"),
            percent("sales data/2024"),
            percent("nightly-refresh-0001")
        );
        let body = serde_json::to_vec(&hand).unwrap_or_default();
        serde_request("PUT", uri, &[("Content-Type", "application/json")], body)
    });
    report("quicksight CreateIngestion request", ours, theirs);

    let reply = response(
        201,
        r#"{"Arn":"arn:aws:quicksight:us-east-1:123456789012:dataset/sales/ingestion/nightly-refresh-0001","IngestionId":"nightly-refresh-0001","IngestionStatus":"INITIALIZED","RequestId":"a1b2c3d4-5678-90ab-cdef-EXAMPLE11111","Status":201}"#,
    );
    check("CreateIngestion response", CreateIngestion::response(&reply));
    let ours = measure(|| CreateIngestion::response(&reply));
    let theirs = measure(|| serde_json::from_slice::<CreateIngestionResponse>(reply.body()).ok().map(|r| (r, reply.status().as_u16())));
    report("quicksight CreateIngestion response", ours, theirs);
}

// ---------------------------------------------------------------------------------------
// DataZone: StartDataSourceRun (restJson1)

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StartDataSourceRunBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    client_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // Read to be measured, never used.
struct StartDataSourceRunOutput {
    domain_id: String,
    data_source_id: String,
    id: String,
    project_id: String,
    status: String,
    #[serde(rename = "type")]
    type_: String,
    data_source_configuration_snapshot: Option<String>,
    error_message: Option<DataSourceErrorMessage>,
    run_statistics_for_assets: Option<RunStatisticsForAssets>,
    created_at: String,
    updated_at: String,
    started_at: Option<String>,
    stopped_at: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // Read to be measured, never used.
struct DataSourceErrorMessage {
    error_type: String,
    error_detail: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)] // Read to be measured, never used.
struct RunStatisticsForAssets {
    added: Option<i32>,
    updated: Option<i32>,
    unchanged: Option<i32>,
    skipped: Option<i32>,
    failed: Option<i32>,
}

fn datazone_bench() {
    use datazone::operations::StartDataSourceRun;
    let input = datazone::StartDataSourceRunInput::builder()
        .domain_identifier("dzd_4p9n6sw4qlsn7q")
        .data_source_identifier("5d1x9uj2vyv8hz")
        .client_token("0f8fad5b-d9cb-469f-a165-70867728950e")
        .build();
    let options = RequestOptions::default().without_validation();
    let hand = StartDataSourceRunBody { client_token: Some("0f8fad5b-d9cb-469f-a165-70867728950e".into()) };
    check("StartDataSourceRun request", StartDataSourceRun::request(&input, &options));
    let ours = measure(|| StartDataSourceRun::request(&input, &options));
    let theirs = measure(|| {
        let uri = format!("/v2/domains/{}/data-sources/{}/runs", percent("dzd_4p9n6sw4qlsn7q"), percent("5d1x9uj2vyv8hz"));
        let body = serde_json::to_vec(&hand).unwrap_or_default();
        serde_request("POST", uri, &[("Content-Type", "application/json")], body)
    });
    report("datazone StartDataSourceRun request", ours, theirs);

    let reply = response(
        200,
        r#"{"domainId":"dzd_4p9n6sw4qlsn7q","dataSourceId":"5d1x9uj2vyv8hz","id":"b5k7q2r9m3x8vz","projectId":"6ks3mz8rb0qv1e","status":"RUNNING","type":"SCHEDULED","dataSourceConfigurationSnapshot":"{\"glueRunConfiguration\":{\"relationalFilterConfigurations\":[{\"databaseName\":\"sales\"}]}}","errorMessage":{"errorType":"INTERNAL_ERROR","errorDetail":"Previous run was interrupted"},"runStatisticsForAssets":{"added":120,"updated":33,"unchanged":4501,"skipped":2,"failed":0},"createdAt":"2024-06-01T12:00:00Z","updatedAt":"2024-06-01T12:05:30.250Z","startedAt":"2024-06-01T12:00:05Z","stoppedAt":null}"#,
    );
    check("StartDataSourceRun response", StartDataSourceRun::response(&reply));
    let ours = measure(|| StartDataSourceRun::response(&reply));
    let theirs = measure(|| serde_json::from_slice::<StartDataSourceRunOutput>(reply.body()).ok());
    report("datazone StartDataSourceRun response", ours, theirs);
}

fn main() {
    lookoutequipment_bench();
    personalize_bench();
    quicksight_bench();
    datazone_bench();
}
