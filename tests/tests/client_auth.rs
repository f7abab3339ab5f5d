//! How the generated client authenticates, per the model's auth traits (`tests/models/auth.json`,
//! compiled in `goldens::auth`): SigV4 when there are credentials, a bearer token next, nothing
//! for `@auth([])` or as `@optionalAuth`'s last resort, an error naming a scheme the runtime
//! cannot sign with; `aws.auth#unsignedPayload`; a modeled `@retryable(throttling)` error.

use codegen_tests::fault_server::{Action, FaultServer, Reply};
use codegen_tests::goldens::auth::weather::client::Client;
use codegen_tests::goldens::auth::weather::GetForecastInput;
use codegen_tests::goldens::auth::weather::UploadReadingsInput;
use smithy_runtime::client::{Config, ConfigBuilder, Credentials, Error, RetryConfig, Token};
use smithy_runtime::Blob;
use std::time::Duration;

fn base(server: &FaultServer) -> ConfigBuilder {
    Config::builder()
        .region("eu-west-1")
        .endpoint_url(server.url())
        .no_credentials()
        .retry(RetryConfig::new().with_initial_backoff(Duration::from_millis(1)))
}

fn credentials() -> Credentials {
    Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Some("SESSION".into()), None, "test")
}

fn ok(body: &'static str) -> Action {
    Action::Respond(Reply::new(200).header("content-type", "application/json").body(body))
}

fn authorization(server: &FaultServer, index: usize) -> Option<String> {
    server.requests()[index].headers.get("authorization").map(|v| v.to_str().unwrap_or_default().to_owned())
}

fn forecast() -> GetForecastInput {
    GetForecastInput::builder().city("Lyon").build()
}

#[tokio::test]
async fn sigv4_comes_first_when_there_are_credentials() {
    let server = FaultServer::start([ok(r#"{"summary":"sun"}"#)]).await.unwrap();
    let client = Client::new(&base(&server).credentials(credentials()).token(Token::new("tok", None)).build());
    let output = client.get_forecast(forecast()).await.unwrap();
    assert_eq!(output.summary.as_deref(), Some("sun"));
    let auth = authorization(&server, 0).unwrap();
    assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), "{auth}");
    assert!(auth.contains("/eu-west-1/weather/aws4_request"), "{auth}");
    let request = &server.requests()[0];
    assert_eq!(request.headers.get("x-amz-security-token").unwrap(), "SESSION");
    assert_eq!(request.uri.path(), "/forecast/Lyon");
}

#[tokio::test]
async fn a_bearer_token_serves_when_there_are_no_credentials() {
    let server = FaultServer::start([ok(r#"{"summary":"rain"}"#), ok("{}")]).await.unwrap();
    let client = Client::new(&base(&server).token(Token::new("tok-123", None)).build());
    client.get_forecast(forecast()).await.unwrap();
    assert_eq!(authorization(&server, 0).as_deref(), Some("Bearer tok-123"));
    // `@auth([httpBearerAuth])`: the token, even with credentials at hand.
    let client = Client::new(&base(&server).credentials(credentials()).token(Token::new("tok-123", None)).build());
    client.put_token().await.unwrap();
    assert_eq!(authorization(&server, 1).as_deref(), Some("Bearer tok-123"));
}

#[tokio::test]
async fn anonymous_operations_send_no_signature() {
    let server = FaultServer::start([ok("{}"), ok(r#"{"cities":["Lyon"]}"#)]).await.unwrap();
    // `@auth([])`, even with credentials configured.
    let client = Client::new(&base(&server).credentials(credentials()).build());
    client.ping().await.unwrap();
    assert_eq!(authorization(&server, 0), None);
    // `@optionalAuth` with neither credentials nor token.
    let client = Client::new(&base(&server).build());
    let output = client.list_cities().await.unwrap();
    assert_eq!(output.cities, Some(vec!["Lyon".to_owned()]));
    assert_eq!(authorization(&server, 1), None);
}

#[tokio::test]
async fn missing_identities_and_unsupported_schemes_are_errors() {
    let server = FaultServer::start([]).await.unwrap();
    let client = Client::new(&base(&server).build());
    // SigV4 or bearer, and neither is configured: the last option's identity is missing.
    let error = client.get_forecast(forecast()).await.unwrap_err();
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    assert!(error.to_string().contains("bearer token"), "{error}");
    let error = Client::new(&base(&server).credentials(credentials()).build()).global_report().await.unwrap_err();
    assert!(error.to_string().contains("aws.auth#sigv4a"), "{error}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn an_unsigned_payload_is_left_out_of_the_signature() {
    let server = FaultServer::start([ok("{}")]).await.unwrap();
    let client = Client::new(&base(&server).credentials(credentials()).build());
    let input = UploadReadingsInput::builder().readings(Blob::new(b"12.5,13.0".to_vec())).build();
    client.upload_readings(input).await.unwrap();
    let request = &server.requests()[0];
    assert_eq!(&request.body[..], b"12.5,13.0");
    assert!(authorization(&server, 0).unwrap().starts_with("AWS4-HMAC-SHA256"));
    // The payload hash the signature covers is `UNSIGNED-PAYLOAD`, and the service is told so
    // in a signed header (the signer's own tests check the canonical request it makes).
    assert_eq!(request.headers.get("x-amz-content-sha256").unwrap(), "UNSIGNED-PAYLOAD");
    let auth = authorization(&server, 0).unwrap();
    let signed = auth.split("SignedHeaders=").nth(1).and_then(|rest| rest.split(',').next()).unwrap();
    assert!(signed.split(';').any(|h| h == "x-amz-content-sha256"), "{auth}");
}

#[tokio::test]
async fn a_modeled_throttling_error_is_retried() {
    let throttled = Reply::new(429)
        .header("content-type", "application/json")
        .header("x-amzn-errortype", "Throttled")
        .body(r#"{"message":"slow down"}"#);
    let server = FaultServer::start([Action::Respond(throttled), ok(r#"{"summary":"fog"}"#)]).await.unwrap();
    let client = Client::new(&base(&server).credentials(credentials()).build());
    let output = client.get_forecast(forecast()).await.unwrap();
    assert_eq!(output.summary.as_deref(), Some("fog"));
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_loaded_configuration_without_credentials_still_calls_anonymous_operations() {
    // `Config::load` always has the default credentials chain; with nothing in the
    // environment or the (absent) files it finds nothing, and `@optionalAuth` goes unsigned
    // where a SigV4-only operation names what is missing.
    let server = FaultServer::start([ok(r#"{"cities":[]}"#)]).await.unwrap();
    let home = std::env::temp_dir().join(format!("client-auth-no-home-{}", std::process::id()));
    let config = Config::loader()
        .env([("AWS_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL", server.url().as_str())])
        .home(&home)
        .load()
        .unwrap()
        .build();
    let client = Client::new(&config);
    client.list_cities().await.unwrap();
    assert_eq!(authorization(&server, 0), None);
    let error = client.get_forecast(forecast()).await.unwrap_err();
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    assert_eq!(server.requests().len(), 1);
}
