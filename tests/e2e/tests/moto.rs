//! The harness itself: moto runs with its signature checks on for every service the tests
//! call, stops when dropped, and is skipped (not failed) when it is not installed.
//!
//! The refused calls are made by the generated clients (endpoint from the generated rules,
//! SigV4 by the runtime's signer) with a wrong secret, then with a key moto's IAM does not
//! know. That a correctly signed request is accepted the setup script checks with boto3 at
//! every start, and `client.rs` with these same clients.

use e2e_tests::moto::{or_skip, skip_or_fail, MotoServer, Python, StartError};
use std::error::Error;
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

type TestResult = Result<(), Box<dyn Error>>;

#[cfg(e2e_models)]
mod refused {
    use super::*;
    use e2e_tests::{cloudwatchlogs, quicksight, sqs};
    use smithy_runtime::client::{Config, Credentials};

    /// An access key ID of the documented example form, which moto's IAM does not know.
    const UNKNOWN_KEY: &str = "AKIAIOSFODNN7EXAMPLE";

    fn config(moto: &MotoServer, key: &str) -> Config {
        Config::builder()
            .region(moto.region())
            .credentials(Credentials::new(key, "not-the-secret", None, None, "test"))
            .endpoint_url(moto.url())
            .max_attempts(1)
            .build()
    }

    /// One call per service with `key` and a wrong secret: the HTTP status and the body.
    async fn calls(moto: &MotoServer, key: &str) -> Vec<(&'static str, u16, String)> {
        fn answer<T: std::fmt::Debug, E: std::fmt::Debug>(
            result: Result<T, smithy_runtime::client::Error<E>>,
        ) -> (u16, String) {
            match result {
                Err(smithy_runtime::client::Error::Service(e)) => {
                    (e.raw().status().as_u16(), String::from_utf8_lossy(e.raw().body()).into_owned())
                }
                other => (0, format!("{other:?}")),
            }
        }
        let config = config(moto, key);
        let fixtures = moto.fixtures();
        let logs = cloudwatchlogs::client::Client::new(&config)
            .describe_log_streams(
                cloudwatchlogs::DescribeLogStreamsRequest::builder().log_group_name(&fixtures.log_group).build(),
            )
            .await;
        let queue = sqs::client::Client::new(&config)
            .get_queue_url(sqs::GetQueueUrlRequest::builder().queue_name(&fixtures.sqs_queue).build())
            .await;
        let group = quicksight::client::Client::new(&config)
            .update_group(
                quicksight::UpdateGroupRequest::builder()
                    .aws_account_id(moto.account_id())
                    .namespace("default")
                    .group_name(&fixtures.quicksight_group)
                    .description("updated with a wrong secret")
                    .build(),
            )
            .await;
        vec![("logs", answer(logs)), ("sqs", answer(queue)), ("quicksight", answer(group))]
            .into_iter()
            .map(|(service, (status, body))| (service, status, body))
            .collect()
    }

    #[tokio::test]
    async fn moto_refuses_a_wrong_signature_and_an_unknown_key_for_every_service() -> TestResult {
        let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
        for (key, code) in [(moto.access_key_id(), "SignatureDoesNotMatch"), (UNKNOWN_KEY, "InvalidClientTokenId")] {
            for (service, status, body) in calls(moto, key).await {
                assert_eq!(status, 403, "{service} with key {key}: {body}\nmoto's log:\n{}", moto.recent_log());
                assert!(
                    body.contains(&format!("<Code>{code}</Code>")),
                    "{service} with key {key}: expected {code}, got: {body}"
                );
            }
        }
        Ok(())
    }
}

#[cfg(not(e2e_models))]
#[test]
fn moto_refuses_a_wrong_signature_and_an_unknown_key_for_every_service() {
    eprintln!(
        "skipped: the AWS models are absent (../shared/aws-models beside the workspace), so nothing was generated"
    );
}

#[test]
fn the_server_stops_when_dropped() -> TestResult {
    let Some(moto) = or_skip(MotoServer::start())? else { return Ok(()) };
    let address = moto.url().trim_start_matches("http://").to_socket_addrs()?.next().ok_or("no address")?;
    TcpStream::connect_timeout(&address, Duration::from_secs(5))?;
    drop(moto);
    let refused = TcpStream::connect_timeout(&address, Duration::from_secs(5));
    assert!(refused.is_err(), "{address} still takes connections after the server was dropped");
    Ok(())
}

#[test]
fn a_missing_interpreter_is_a_skip_unless_moto_is_required() {
    let result = MotoServer::start_with(&Python::new("/nonexistent/e2e-tests/python3"));
    let error = match result {
        Err(error @ StartError::Skip(_)) => error,
        other => panic!("expected a skip, got {other:?}"),
    };
    assert!(error.to_string().contains("/nonexistent/e2e-tests/python3"), "{error}");
    assert!(matches!(skip_or_fail::<()>(Err(error.clone()), false), Ok(None)));
    let required = skip_or_fail::<()>(Err(error), true);
    assert!(matches!(&required, Err(StartError::Failed(message)) if message.contains("REQUIRE_MOTO")), "{required:?}");
}

#[test]
fn python_without_its_packages_is_a_skip() {
    // Isolated and without site-packages, python3 has no moto even where it is installed.
    let result = MotoServer::start_with(&Python::new("python3").arg("-I").arg("-S"));
    let Err(StartError::Skip(skip)) = &result else { panic!("expected a skip, got {result:?}") };
    // Either python3 is absent, or it cannot import moto (or its first dependency).
    assert!(skip.message().contains("cannot"), "{skip}");
}
