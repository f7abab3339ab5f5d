//! The generated client against a scripted server on loopback that throttles, fails, drops
//! connections and answers late: retries happen as configured, with the same idempotency
//! token and invocation ID, timeouts fire, what must not be retried is not, and every failure
//! is an error that says what happened.

use codegen_tests::fault_server::{Action, FaultServer, Reply};
use generated::lookoutequipment::client::Client;
use generated::lookoutequipment::operations::StartDataIngestionJobError;
use generated::lookoutequipment::{
    IngestionInputConfiguration, IngestionS3InputConfiguration, StartDataIngestionJobRequest,
};
use smithy_runtime::client::{
    Config, ConfigBuilder, Credentials, Error, RetryConfig, TimeoutConfig, TimeoutKind, TransportErrorKind,
};
use std::time::Duration;

const JSON: &str = "application/x-amz-json-1.0";

fn input() -> StartDataIngestionJobRequest {
    let s3 = IngestionS3InputConfiguration::builder().bucket("sensor-data").prefix("pump/").build().unwrap();
    let configuration = IngestionInputConfiguration::builder().s3_input_configuration(s3).build().unwrap();
    StartDataIngestionJobRequest::builder()
        .dataset_name("pumps")
        .role_arn("arn:aws:iam::123456789012:role/lookout")
        .ingestion_input_configuration(configuration)
        .build()
}

/// A client configuration aimed at `server`, with fast retries.
fn config(server: &FaultServer) -> ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None, None, "test"))
        .endpoint_url(server.url())
        .retry(
            RetryConfig::new()
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(5)),
        )
}

fn ok() -> Action {
    Action::Respond(Reply::new(200).header("content-type", JSON).body(r#"{"JobId":"job-1","Status":"IN_PROGRESS"}"#))
}

fn error(status: u16, code: &str) -> Action {
    let body = format!(r#"{{"__type":"{code}","Message":"scripted {code}"}}"#);
    Action::Respond(Reply::new(status).header("content-type", JSON).body(body))
}

fn header<'a>(request: &'a codegen_tests::fault_server::RecordedRequest, name: &str) -> &'a str {
    request.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

#[tokio::test]
async fn throttling_and_server_errors_are_retried_with_the_same_token_and_invocation_id() {
    let server =
        FaultServer::start([error(400, "ThrottlingException"), error(503, "ServiceUnavailable"), ok()]).await.unwrap();
    let client = Client::new(&config(&server).build());
    let output = client.start_data_ingestion_job(input()).await.unwrap();
    assert_eq!(output.job_id.as_deref(), Some("job-1"));

    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    let token = body["ClientToken"].as_str().unwrap();
    assert_eq!(token.len(), 36, "a generated UUID: {token}");
    let invocation = header(&requests[0], "amz-sdk-invocation-id");
    assert_eq!(invocation.len(), 36);
    for (i, request) in requests.iter().enumerate() {
        assert_eq!(request.body, requests[0].body, "attempt {} sent another body", i + 1);
        assert_eq!(header(request, "amz-sdk-invocation-id"), invocation);
        assert_eq!(header(request, "amz-sdk-request"), format!("attempt={}; max=3", i + 1));
        assert_eq!(header(request, "x-amz-target"), "AWSLookoutEquipmentFrontendService.StartDataIngestionJob");
        let authorization = header(request, "authorization");
        assert!(
            authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                && authorization.contains("/us-east-1/lookoutequipment/aws4_request"),
            "{authorization}"
        );
        assert!(!header(request, "x-amz-date").is_empty());
        assert!(header(request, "user-agent").starts_with("smithy-runtime-rs/"));
    }
    // One connection serves every attempt: the transport keeps it alive.
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn server_errors_exhaust_the_attempts() {
    let server =
        FaultServer::start([error(500, "InternalFailure"), error(502, "BadGateway"), error(504, "GatewayTimeout")])
            .await
            .unwrap();
    let client = Client::new(&config(&server).build());
    let error = client.start_data_ingestion_job(input()).await.unwrap_err();
    assert_eq!(server.requests().len(), 3);
    assert_eq!(error.raw_response().map(|r| r.status().as_u16()), Some(504));
    match error.service_error() {
        Some(StartDataIngestionJobError::Unmodeled(e)) => assert_eq!(e.code(), "GatewayTimeout"),
        other => panic!("expected the unmodeled 504, got {other:?}"),
    }
}

#[tokio::test]
async fn max_attempts_is_configurable() {
    let server = FaultServer::start([
        error(503, "ServiceUnavailable"),
        error(503, "ServiceUnavailable"),
        error(503, "ServiceUnavailable"),
        error(503, "ServiceUnavailable"),
        ok(),
    ])
    .await
    .unwrap();
    let retry = RetryConfig::new().with_max_attempts(5).with_initial_backoff(Duration::from_millis(1));
    let client = Client::new(&config(&server).retry(retry).build());
    client.start_data_ingestion_job(input()).await.unwrap();
    assert_eq!(server.requests().len(), 5);
    assert_eq!(header(&server.requests()[4], "amz-sdk-request"), "attempt=5; max=5");

    let server = FaultServer::start([error(503, "ServiceUnavailable"), ok()]).await.unwrap();
    let client = Client::new(&config(&server).max_attempts(1).build());
    assert!(client.start_data_ingestion_job(input()).await.is_err());
    assert_eq!(server.requests().len(), 1, "one attempt means no retry");
}

#[tokio::test]
async fn modeled_non_retryable_errors_are_not_retried() {
    let server = FaultServer::start([error(400, "ValidationException"), ok()]).await.unwrap();
    let client = Client::new(&config(&server).build());
    let error = client.start_data_ingestion_job(input()).await.unwrap_err();
    assert_eq!(server.requests().len(), 1);
    match error.service_error() {
        Some(StartDataIngestionJobError::ValidationException(e)) => {
            assert_eq!(e.message.as_str(), "scripted ValidationException")
        }
        other => panic!("expected the modeled ValidationException, got {other:?}"),
    }
    assert!(error.to_string().contains("HTTP 400"), "{error}");
}

#[tokio::test]
async fn a_malformed_answer_is_not_retried() {
    let server =
        FaultServer::start([Action::Respond(Reply::new(200).header("content-type", JSON).body("{\"JobId\": 7")), ok()])
            .await
            .unwrap();
    let client = Client::new(&config(&server).build());
    let error = client.start_data_ingestion_job(input()).await.unwrap_err();
    assert!(matches!(error.service_error(), Some(StartDataIngestionJobError::Malformed(_))), "{error:?}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn dropped_connections_are_retried() {
    let server = FaultServer::start([Action::Drop, Action::Drop, ok()]).await.unwrap();
    let client = Client::new(&config(&server).build());
    client.start_data_ingestion_job(input()).await.unwrap();
    assert_eq!(server.requests().len(), 3);

    let server = FaultServer::start([Action::Drop, Action::Drop, Action::Drop, ok()]).await.unwrap();
    let client = Client::new(&config(&server).build());
    match client.start_data_ingestion_job(input()).await {
        Err(Error::Transport(e)) => assert_eq!(e.kind(), TransportErrorKind::Io, "{e}"),
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_late_answer_trips_the_attempt_timeout_and_is_retried() {
    let late = Action::Delay(Duration::from_secs(5), Reply::new(200).header("content-type", JSON).body("{}"));
    let server = FaultServer::start([late, ok()]).await.unwrap();
    let timeouts = TimeoutConfig::new().with_attempt(Duration::from_millis(300));
    let client = Client::new(&config(&server).timeouts(timeouts).build());
    let started = std::time::Instant::now();
    client.start_data_ingestion_job(input()).await.unwrap();
    assert_eq!(server.requests().len(), 2);
    assert!(started.elapsed() < Duration::from_secs(4), "the late answer was waited for: {:?}", started.elapsed());
}

#[tokio::test]
async fn attempt_and_operation_timeouts_end_the_call() {
    let late = || Action::Delay(Duration::from_secs(5), Reply::new(200).body("{}"));
    let server = FaultServer::start([late(), late(), late()]).await.unwrap();
    let timeouts = TimeoutConfig::new().with_attempt(Duration::from_millis(100));
    let client = Client::new(&config(&server).timeouts(timeouts).build());
    match client.start_data_ingestion_job(input()).await {
        Err(Error::Timeout(e)) => {
            assert_eq!(e.kind(), TimeoutKind::Attempt);
            assert_eq!(e.limit(), Duration::from_millis(100));
        }
        other => panic!("expected an attempt timeout, got {other:?}"),
    }
    assert_eq!(server.requests().len(), 3);

    let server = FaultServer::start([late()]).await.unwrap();
    let timeouts = TimeoutConfig::new().with_operation(Duration::from_millis(200));
    let client = Client::new(&config(&server).timeouts(timeouts).build());
    let error = client.start_data_ingestion_job(input()).await.unwrap_err();
    assert!(matches!(&error, Error::Timeout(e) if e.kind() == TimeoutKind::Operation), "{error:?}");
    assert_eq!(error.to_string(), "the call timed out after 200ms");
}

#[tokio::test]
async fn the_retry_quota_runs_out_when_every_call_fails() {
    // An empty script answers 500 to everything. Each failing call retries twice, 5 tokens
    // each, so the 500 tokens last 50 calls; after that, calls are not retried.
    let server = FaultServer::start([]).await.unwrap();
    let client = Client::new(&config(&server).build());
    for _ in 0..50 {
        assert!(client.start_data_ingestion_job(input()).await.is_err());
    }
    assert_eq!(server.requests().len(), 150);
    assert!(client.start_data_ingestion_job(input()).await.is_err());
    assert_eq!(server.requests().len(), 151, "a retry was paid for from an empty bucket");
}

#[tokio::test]
async fn an_invalid_input_is_refused_before_anything_is_sent() {
    let server = FaultServer::start([ok()]).await.unwrap();
    let client = Client::new(&config(&server).build());
    let invalid = StartDataIngestionJobRequest::builder().dataset_name("pumps").build();
    match client.start_data_ingestion_job(invalid).await {
        Err(Error::Request(e)) => assert!(e.to_string().contains("invalid request"), "{e}"),
        other => panic!("expected a request error, got {other:?}"),
    }
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn configuration_errors_name_what_is_missing() {
    let server = FaultServer::start([ok()]).await.unwrap();
    let no_region = Config::builder().credentials(Credentials::new("AKID", "SECRET-VALUE", None, None, "test")).build();
    let error = Client::new(&no_region).start_data_ingestion_job(input()).await.unwrap_err();
    assert!(matches!(error, Error::Endpoint(_)), "{error:?}");
    assert!(error.to_string().contains("Missing Region"), "{error}");

    let no_credentials = Config::builder().region("us-east-1").endpoint_url(server.url()).no_credentials().build();
    let error = Client::new(&no_credentials).start_data_ingestion_job(input()).await.unwrap_err();
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    assert!(error.to_string().contains("AWS_ACCESS_KEY_ID"), "{error}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let big = Reply::new(200).header("content-type", JSON).body(format!(r#"{{"JobId":"{}"}}"#, "x".repeat(4096)));
    let server = FaultServer::start([Action::Respond(big)]).await.unwrap();
    let client = Client::new(&config(&server).max_response_body(1024).build());
    match client.start_data_ingestion_job(input()).await {
        Err(Error::Transport(e)) => {
            assert_eq!(e.kind(), TransportErrorKind::Response);
            assert!(e.to_string().contains("1024"), "{e}");
        }
        other => panic!("expected the body limit, got {other:?}"),
    }
    assert_eq!(server.requests().len(), 1, "a body over the limit is not retried");
}

#[tokio::test]
async fn secrets_stay_out_of_debug_and_errors() {
    let server = FaultServer::start([error(403, "AccessDeniedException")]).await.unwrap();
    let config = config(&server).build();
    let debug = format!("{config:?}");
    assert!(!debug.contains("wJalrXUtnFEMI"), "{debug}");
    let client = Client::new(&config);
    assert!(!format!("{client:?}").contains("wJalrXUtnFEMI"));
    let error = client.start_data_ingestion_job(input()).await.unwrap_err();
    assert!(!format!("{error:?} {error}").contains("wJalrXUtnFEMI"));
}

/// `GetReport` of `tests/models/request_steps.json` lists `responseAlgorithms`: its client
/// checks a response's `x-amz-checksum-*` header against the body. The expected CRC-32 was
/// computed with Python's `zlib.crc32`.
mod response_checksums {
    use super::*;
    use codegen_tests::goldens::request_steps::steps::client::Client as StepsClient;
    use codegen_tests::goldens::request_steps::steps::GetReportInput;

    fn report(checksum: Option<&str>) -> Action {
        let mut reply = Reply::new(200).header("content-type", "application/json");
        if let Some(value) = checksum {
            reply = reply.header("x-amz-checksum-crc32", value);
        }
        Action::Respond(reply.body(r#"{"data":"ok"}"#))
    }

    #[tokio::test]
    async fn a_matching_or_absent_checksum_passes_and_a_wrong_one_fails() {
        let server =
            FaultServer::start([report(Some("IWaA5Q==")), report(None), report(Some("AAAAAA=="))]).await.unwrap();
        let client = StepsClient::new(&config(&server).build());
        let output = client.get_report(GetReportInput::builder().build()).await.unwrap();
        assert_eq!(output.data.as_deref(), Some("ok"));
        client.get_report(GetReportInput::builder().build()).await.unwrap();
        match client.get_report(GetReportInput::builder().build()).await {
            Err(Error::Transport(e)) => {
                assert_eq!(e.kind(), TransportErrorKind::Response);
                assert!(e.to_string().to_ascii_lowercase().contains("crc32"), "{e}");
            }
            other => panic!("expected a checksum mismatch, got {other:?}"),
        }
        assert_eq!(server.requests().len(), 3, "a mismatch is not retried");
    }
}
