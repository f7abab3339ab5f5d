//! End-to-end checks of the generated wire code on the four operations of `models/`:
//! requests (method, URI, headers, body) and responses (output, modeled, unmodeled and
//! malformed errors).

use smithy_runtime::RequestOptions;
use generated::{datazone, lookoutequipment, personalize, quicksight};
use serde_json::{json, Value};

fn header<'r>(request: &'r http::Request<Vec<u8>>, name: &str) -> Option<&'r str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

fn body_json(body: &[u8]) -> Value {
    serde_json::from_slice(body).unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", String::from_utf8_lossy(body)))
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap_or_else(|e| panic!("test response: {e}"))
}

/// Options whose idempotency tokens are a fixed UUID. These tests are about the wire form, so
/// their inputs are short placeholders that need not satisfy the model's constraints; the
/// validation done by default is tested in `request_validates_unless_the_caller_opts_out`.
fn fixed_tokens() -> RequestOptions {
    RequestOptions::default().without_validation().with_token_source(|| "00000000-0000-4000-8000-000000000000".to_owned())
}

#[test]
fn request_validates_unless_the_caller_opts_out() {
    use smithy_runtime::RequestError;
    use lookoutequipment::operations::StartDataIngestionJob;
    let input = lookoutequipment::StartDataIngestionJobRequest::builder().dataset_name("not a valid name!").build();
    match StartDataIngestionJob::request(&input, &RequestOptions::default()) {
        Err(RequestError::Invalid(error)) => {
            let paths: Vec<&str> = error.violations().iter().map(|v| v.path()).collect();
            assert_eq!(paths, ["/DatasetName", "/IngestionInputConfiguration", "/RoleArn"], "{error}");
        }
        other => panic!("expected the input to be refused as invalid, got {other:?}"),
    }
    let sent = StartDataIngestionJob::request(&input, &RequestOptions::default().without_validation())
        .unwrap_or_else(|e| panic!("without validation the input is sent as is: {e}"));
    assert!(String::from_utf8_lossy(sent.body()).contains(r#""DatasetName":"not a valid name!""#));
}

#[test]
fn aws_json_1_0_request_has_target_content_type_and_body() {
    use lookoutequipment::operations::StartDataIngestionJob;
    let s3 = lookoutequipment::IngestionS3InputConfiguration::builder().bucket("b").prefix("p/").build();
    let config = s3.and_then(|s3| lookoutequipment::IngestionInputConfiguration::builder().s3_input_configuration(s3).build());
    let input = lookoutequipment::StartDataIngestionJobRequest::builder()
        .dataset_name("d")
        .ingestion_input_configuration(config.unwrap_or_else(|e| panic!("{e}")))
        .role_arn("arn:aws:iam::1:role/r")
        .build();
    let request = StartDataIngestionJob::request(&input, &fixed_tokens()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri().to_string(), "/");
    assert_eq!(header(&request, "x-amz-target"), Some("AWSLookoutEquipmentFrontendService.StartDataIngestionJob"));
    assert_eq!(header(&request, "content-type"), Some("application/x-amz-json-1.0"));
    assert_eq!(header(&request, "content-length"), Some(request.body().len().to_string().as_str()));
    assert_eq!(
        body_json(request.body()),
        json!({
            "ClientToken": "00000000-0000-4000-8000-000000000000",
            "DatasetName": "d",
            "IngestionInputConfiguration": {"S3InputConfiguration": {"Bucket": "b", "Prefix": "p/"}},
            "RoleArn": "arn:aws:iam::1:role/r"
        })
    );
    // A token the caller set is sent unchanged; unset ones are random UUIDs by default.
    let input = lookoutequipment::StartDataIngestionJobRequest::builder().client_token("mine").build();
    let request = StartDataIngestionJob::request(&input, &fixed_tokens()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(body_json(request.body()), json!({"ClientToken": "mine"}));
    let empty = lookoutequipment::StartDataIngestionJobRequest::builder().build();
    let tokens: Vec<Value> = (0..2)
        .map(|_| StartDataIngestionJob::request(&empty, &RequestOptions::default().without_validation()).map(|r| body_json(r.body())["ClientToken"].clone()))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(tokens[0], tokens[1]);
    assert!(tokens[0].as_str().is_some_and(|t| t.len() == 36));
}

#[test]
fn aws_json_1_1_request_writes_lists_and_enums() {
    use personalize::operations::CreateDatasetImportJob;
    let tag = personalize::Tag::builder().tag_key("k").tag_value("v \"quoted\"").build().unwrap_or_else(|e| panic!("{e}"));
    let input = personalize::CreateDatasetImportJobRequest::builder()
        .tags(vec![tag])
        .import_mode(personalize::ImportMode::Incremental)
        .publish_attribution_metrics_to_s3(false)
        .build();
    let request = CreateDatasetImportJob::request(&input, &RequestOptions::default().without_validation()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(header(&request, "x-amz-target"), Some("AmazonPersonalize.CreateDatasetImportJob"));
    assert_eq!(header(&request, "content-type"), Some("application/x-amz-json-1.1"));
    assert_eq!(
        body_json(request.body()),
        json!({"importMode": "INCREMENTAL", "publishAttributionMetricsToS3": false, "tags": [{"tagKey": "k", "tagValue": "v \"quoted\""}]})
    );
}

#[test]
fn rest_json_request_fills_uri_labels() {
    use quicksight::operations::CreateIngestion;
    let input = quicksight::CreateIngestionRequest::builder()
        .aws_account_id("123456789012")
        .data_set_id("sales data/2024")
        .ingestion_id("ü~._-")
        .ingestion_type(quicksight::IngestionType::FullRefresh)
        .build();
    let request = CreateIngestion::request(&input, &RequestOptions::default().without_validation()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(request.method(), http::Method::PUT);
    assert_eq!(request.uri().to_string(), "/accounts/123456789012/data-sets/sales%20data%2F2024/ingestions/%C3%BC~._-");
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert!(header(&request, "x-amz-target").is_none());
    assert_eq!(body_json(request.body()), json!({"IngestionType": "FULL_REFRESH"}));

    // Labels that are unset or empty cannot make a path.
    let unset = quicksight::CreateIngestionRequest::builder().aws_account_id("1").data_set_id("2").build();
    let error = CreateIngestion::request(&unset, &RequestOptions::default().without_validation()).err().map(|e| e.to_string());
    assert!(error.as_deref().is_some_and(|e| e.contains("IngestionId")), "{error:?}");
    let empty = quicksight::CreateIngestionRequest::builder().aws_account_id("1").data_set_id("").ingestion_id("3").build();
    let error = CreateIngestion::request(&empty, &RequestOptions::default().without_validation()).err().map(|e| e.to_string());
    assert!(error.as_deref().is_some_and(|e| e.contains("DataSetId") && e.contains("empty")), "{error:?}");
}

#[test]
fn rest_json_request_with_only_a_token_in_the_body() {
    use datazone::operations::StartDataSourceRun;
    let input = datazone::StartDataSourceRunInput::builder().domain_identifier("dzd_1").data_source_identifier("ds 1").build();
    let request = StartDataSourceRun::request(&input, &fixed_tokens()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(request.uri().to_string(), "/v2/domains/dzd_1/data-sources/ds%201/runs");
    assert_eq!(body_json(request.body()), json!({"clientToken": "00000000-0000-4000-8000-000000000000"}));
}

#[test]
fn rest_json_response_reads_body_and_status_code() {
    use quicksight::operations::CreateIngestion;
    let body = r#"{"Arn":"arn:x","IngestionId":"i","IngestionStatus":"QUEUED","RequestId":"r","Status":999,"Unknown":{"deep":[1,2,{"x":null}]}}"#;
    let output = CreateIngestion::response(&response(201, &[], body)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.arn.as_deref(), Some("arn:x"));
    assert_eq!(output.ingestion_status, Some(quicksight::IngestionStatus::Queued));
    // The status member comes from the status line, not the body.
    assert_eq!(output.status, 201);
    // Unknown enum values are kept, nulls count as absent.
    let output = CreateIngestion::response(&response(200, &[], r#"{"IngestionStatus":"BRAND_NEW","Arn":null}"#))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.ingestion_status.as_ref().map(|s| s.as_str()), Some("BRAND_NEW"));
    assert_eq!(output.arn, None);
    // An empty body is an empty object.
    assert!(CreateIngestion::response(&response(200, &[], "")).is_ok_and(|o| o.arn.is_none() && o.status == 200));
}

#[test]
fn rest_json_response_reads_timestamps_and_nested_structures() {
    use datazone::operations::StartDataSourceRun;
    let body = r#"{"createdAt":"2024-06-01T12:00:00Z","updatedAt":"2024-06-01T12:05:30.250Z","dataSourceId":"ds","domainId":"d","id":"i","projectId":"p","status":"RUNNING","type":"SCHEDULED","errorMessage":{"errorType":"INTERNAL_SERVER_EXCEPTION","errorDetail":"x"},"runStatisticsForAssets":{"added":120,"failed":0}}"#;
    let output = StartDataSourceRun::response(&response(200, &[], body)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.created_at, smithy_runtime::DateTime::from_secs(1_717_243_200));
    assert_eq!(output.updated_at, smithy_runtime::DateTime::from_secs_and_nanos(1_717_243_530, 250_000_000));
    assert_eq!(output.run_statistics_for_assets.and_then(|s| s.added), Some(120));
    assert_eq!(output.error_message.map(|e| e.error_type), Some(datazone::DataSourceErrorType::InternalServerException));
}

#[test]
fn modeled_errors_are_found_by_sanitized_code() {
    use datazone::operations::{StartDataSourceRun, StartDataSourceRunError};
    // restJson1: the header names the error; namespace and `:` suffix are dropped.
    let reply = response(
        404,
        &[("X-Amzn-Errortype", "com.amazonaws.datazone#ResourceNotFoundException:http://internal/")],
        r#"{"message":"no such run","__type":"Other"}"#,
    );
    match StartDataSourceRun::response(&reply) {
        Err(StartDataSourceRunError::ResourceNotFoundException(e)) => assert_eq!(e.message, "no such run"),
        other => panic!("{other:?}"),
    }
    // awsJson: the body's `__type` names it.
    use lookoutequipment::operations::{StartDataIngestionJob, StartDataIngestionJobError};
    let reply = response(400, &[], r#"{"__type":"com.amazonaws.lookoutequipment#ThrottlingException","Message":"slow down"}"#);
    match StartDataIngestionJob::response(&reply) {
        Err(StartDataIngestionJobError::ThrottlingException(e)) => assert_eq!(e.message, "slow down"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_errors_keep_code_message_and_status() {
    use quicksight::operations::{CreateIngestion, CreateIngestionError};
    let reply = response(503, &[], r#"{"code":"ServiceUnavailable","Message":"try later"}"#);
    match CreateIngestion::response(&reply) {
        Err(CreateIngestionError::Unmodeled(e)) => {
            assert_eq!((e.code(), e.message(), e.status()), ("ServiceUnavailable", Some("try later"), 503));
        }
        other => panic!("{other:?}"),
    }
    match CreateIngestion::response(&response(500, &[], "<html>oops</html>")) {
        Err(CreateIngestionError::Unmodeled(e)) => assert_eq!((e.code(), e.status()), ("", 500)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn malformed_responses_are_errors_not_panics() {
    use personalize::operations::{CreateDatasetImportJob, CreateDatasetImportJobError};
    let bad_bodies = [
        "{",
        "[]",
        r#"{"datasetImportJobArn": 5}"#,
        r#"{"datasetImportJobArn": "a"} trailing"#,
        "\u{0}",
        &"[".repeat(10_000),
    ];
    for body in bad_bodies {
        let result = CreateDatasetImportJob::response(&response(200, &[], body));
        assert!(matches!(result, Err(CreateDatasetImportJobError::Malformed(_))), "{body:.40}: {result:?}");
    }
    use datazone::operations::{StartDataSourceRun, StartDataSourceRunError};
    let body = r#"{"runStatisticsForAssets":{"added":2147483648}}"#;
    let result = StartDataSourceRun::response(&response(200, &[], body));
    assert!(matches!(result, Err(StartDataSourceRunError::Malformed(_))), "{result:?}");
    // A modeled error whose body does not parse is malformed too.
    let reply = response(404, &[("X-Amzn-Errortype", "ResourceNotFoundException")], r#"{"message":["not","a","string"]}"#);
    assert!(matches!(StartDataSourceRun::response(&reply), Err(StartDataSourceRunError::Malformed(_))));
}
