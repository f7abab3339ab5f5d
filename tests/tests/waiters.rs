//! The generated waiters (`tests/models/waiters.json`, compiled in `goldens::waiters`)
//! against a scripted server on loopback: a failure state ends the wait naming its
//! acceptor; retry and success states, an expected error as success, an unexpected error,
//! a path JMESPath cannot evaluate, the maximum wait and refused options, each as the
//! Smithy waiter specification says.

use codegen_tests::fault_server::{Action, FaultServer, Reply};
use codegen_tests::goldens::waiters::tables::client::Client;
use codegen_tests::goldens::waiters::tables::{DescribeTableInput, ListTagsInput, TableStatus};
use smithy_runtime::client::{Config, Error, WaitError, WaitOptions};
use std::time::Duration;

const JSON: &str = "application/x-amz-json-1.0";

fn client(server: &FaultServer) -> Client {
    let config = Config::builder().region("us-east-1").endpoint_url(server.url()).no_credentials().max_attempts(1);
    Client::new(&config.build())
}

fn table(status: &str) -> Action {
    let body = format!(r#"{{"Table":{{"Name":"orders","TableStatus":"{status}"}}}}"#);
    Action::Respond(Reply::new(200).header("content-type", JSON).body(body))
}

fn error(code: &str) -> Action {
    let body = format!(r#"{{"__type":"smithy.example.waiters#{code}","message":"scripted"}}"#);
    Action::Respond(Reply::new(400).header("content-type", JSON).body(body))
}

fn orders() -> DescribeTableInput {
    DescribeTableInput::builder().table_name("orders").build()
}

/// Short delays, so that the tests take milliseconds; the model's are seconds.
fn quick(max_wait: Duration) -> WaitOptions {
    WaitOptions::new(max_wait).with_min_delay(Duration::from_millis(5)).with_max_delay(Duration::from_millis(20))
}

/// Every attempt sends the same input.
fn assert_every_request_asks_for_orders(server: &FaultServer) {
    for request in server.requests() {
        assert_eq!(request.headers.get("x-amz-target").unwrap(), "Tables.DescribeTable");
        let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
        assert_eq!(body, serde_json::json!({"TableName": "orders"}));
    }
}

#[tokio::test]
async fn a_failure_state_ends_the_wait_naming_its_acceptor() {
    let server =
        FaultServer::start([table("CREATING"), table("CREATING"), table("FAILED"), table("ACTIVE")]).await.unwrap();
    let error = client(&server).wait_until_table_exists(orders(), quick(Duration::from_secs(10))).await.unwrap_err();
    let message = error.to_string();
    let WaitError::Failure { waiter, acceptor, matcher, last, attempts } = error else { panic!("{message}") };
    assert_eq!((waiter, acceptor, attempts), ("TableExists", 1, 3));
    assert_eq!(matcher, "output path `Table.TableStatus` stringEquals `FAILED`");
    assert_eq!(last.unwrap().table.unwrap().table_status, Some(TableStatus::Failed));
    assert!(message.contains("waiter `TableExists` reached a failure state after 3 attempt(s)"), "{message}");
    assert!(message.contains("acceptor 1 matched"), "{message}");
    assert_eq!(server.remaining(), 1, "nothing is asked after the failure");
    assert_every_request_asks_for_orders(&server);
}

#[tokio::test]
async fn retry_states_and_unmatched_outputs_wait_then_success_ends_it() {
    // A retry acceptor (the table is not found yet), an output no acceptor matches (which
    // the specification retries too), then the success state.
    let actions = [error("ResourceNotFoundException"), table("CREATING"), table("ACTIVE")];
    let server = FaultServer::start(actions).await.unwrap();
    let waited = client(&server).wait_until_table_exists(orders(), quick(Duration::from_secs(10))).await.unwrap();
    assert_eq!(waited.attempts, 3);
    assert_eq!(waited.last.unwrap().table.unwrap().table_status, Some(TableStatus::Active));
    assert_every_request_asks_for_orders(&server);
}

#[tokio::test]
async fn an_expected_error_is_success() {
    let server = FaultServer::start([table("DELETING"), error("ResourceNotFoundException")]).await.unwrap();
    let waited = client(&server).wait_until_table_not_exists(orders(), quick(Duration::from_secs(10))).await.unwrap();
    assert_eq!(waited.attempts, 2);
    let Err(Error::Service(error)) = waited.last else { panic!("the wait ends on the error") };
    assert!(error.error().to_string().contains("scripted"), "{}", error.error());
}

#[tokio::test]
async fn an_error_no_acceptor_expects_ends_the_wait() {
    let server = FaultServer::start([table("CREATING"), error("ValidationException"), table("ACTIVE")]).await.unwrap();
    let error = client(&server).wait_until_table_exists(orders(), quick(Duration::from_secs(10))).await.unwrap_err();
    let message = error.to_string();
    let WaitError::Call { waiter, error, attempts } = error else { panic!("{message}") };
    assert_eq!((waiter, attempts), ("TableExists", 2));
    assert!(matches!(error, Error::Service(_)), "{error}");
    assert!(message.contains("an error no acceptor expects"), "{message}");
}

#[tokio::test]
async fn the_maximum_wait_ends_it_with_the_specification_s_last_attempt() {
    // With min = max = 1 s and 3.5 s to wait, the specification's delays are 1 s (2.5 s
    // would remain after it), 1 s, then (1.5 s remaining, 0.5 s after a full delay, not
    // more than the minimum) 1.5 - 1 = 0.5 s; after the fourth attempt, at 2.5 s, no more
    // than the minimum delay remains: time is up. Calls may take up to 0.25 s in all
    // before the count changes.
    let server = FaultServer::start((0..10).map(|_| table("CREATING"))).await.unwrap();
    let delay = Duration::from_secs(1);
    let options = WaitOptions::new(Duration::from_millis(3500)).with_min_delay(delay).with_max_delay(delay);
    let error = client(&server).wait_until_table_exists(orders(), options).await.unwrap_err();
    let message = error.to_string();
    let WaitError::Timeout { waiter, attempts, elapsed, last } = error else { panic!("{message}") };
    assert_eq!((waiter, attempts), ("TableExists", 4));
    // The last attempt starts at the maximum wait less the minimum delay, never later.
    assert!(elapsed >= Duration::from_millis(2500) && elapsed < Duration::from_millis(3500), "{elapsed:?}");
    assert_eq!(last.unwrap().table.unwrap().table_status, Some(TableStatus::Creating));
    assert!(message.contains("waiter `TableExists` timed out after 4 attempt(s)"), "{message}");
    assert_eq!(server.requests().len(), 4);
}

#[tokio::test]
async fn a_path_jmespath_cannot_evaluate_ends_the_wait() {
    // `length(Tags) > `0``: `length(null)` is an error in JMESPath.
    let reply = Reply::new(200).header("content-type", JSON).body("{}");
    let server = FaultServer::start([Action::Respond(reply)]).await.unwrap();
    let input = ListTagsInput::builder().table_name("orders").build();
    let error = client(&server).wait_until_tagged(input, quick(Duration::from_secs(10))).await.unwrap_err();
    let message = error.to_string();
    let WaitError::Path(error) = error else { panic!("{message}") };
    assert_eq!((error.waiter, error.acceptor, error.path), ("Tagged", 0, "length(Tags) > `0`"));
    assert!(message.contains("length"), "{message}");
}

#[tokio::test]
async fn options_that_cannot_work_are_refused_before_any_call() {
    let server = FaultServer::start([table("ACTIVE")]).await.unwrap();
    let client = client(&server);
    let upside_down = WaitOptions::new(Duration::from_secs(10))
        .with_min_delay(Duration::from_secs(5))
        .with_max_delay(Duration::from_secs(1));
    let error = client.wait_until_table_exists(orders(), upside_down).await.unwrap_err();
    assert!(error.to_string().contains("minimum delay (5s) is above the maximum delay (1s)"), "{error}");
    let error = client.wait_until_table_exists(orders(), Duration::ZERO).await.unwrap_err();
    assert!(error.to_string().contains("the maximum wait is zero"), "{error}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_plain_duration_is_the_maximum_wait_with_the_model_s_delays() {
    // The model's TableExists waits 1 to 4 s between attempts: one attempt that succeeds
    // needs no delay at all.
    let server = FaultServer::start([table("ACTIVE")]).await.unwrap();
    let waited = client(&server).wait_until_table_exists(orders(), Duration::from_secs(30)).await.unwrap();
    assert_eq!(waited.attempts, 1);
}

#[tokio::test]
async fn an_error_named_by_its_aws_query_code_matches_its_shape() {
    // TableNotExists fails on `BadInput`, the awsQuery code of ValidationException.
    let server = FaultServer::start([error("ValidationException")]).await.unwrap();
    let error =
        client(&server).wait_until_table_not_exists(orders(), quick(Duration::from_secs(10))).await.unwrap_err();
    let message = error.to_string();
    let WaitError::Failure { acceptor, matcher, attempts, .. } = error else { panic!("{message}") };
    assert_eq!((acceptor, attempts), (1, 1));
    assert_eq!(matcher, "the error is `ValidationException`");
}
