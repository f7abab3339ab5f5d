//! The generated clients against moto with its signature checks on: every call is signed by
//! the client (SigV4), sent over the default transport and read by the generated code, over
//! the three JSON protocols. QuickSight `CreateIngestion` is the seed operation.

#![cfg_attr(not(e2e_models), allow(unused))]

use e2e_tests::moto::{or_skip, MotoServer};
use smithy_runtime::client::{Config, Credentials, Error};
use std::sync::atomic::{AtomicU32, Ordering};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Without `../shared/aws-models` there are no generated services to call: the tests below
/// are not compiled, and this one says so (and fails where moto is required, as in CI).
#[cfg(not(e2e_models))]
#[test]
fn the_models_are_absent() {
    let message = "the end-to-end client tests need ../shared/aws-models, which is absent";
    assert!(std::env::var_os("REQUIRE_MOTO").is_none(), "{message}");
    eprintln!("skipped: {message}");
}

#[cfg(e2e_models)]
mod calls {
    use super::*;
    use e2e_tests::{cloudwatchlogs, quicksight, sqs};

    fn config(moto: &MotoServer, secret: &str) -> Config {
        Config::builder()
            .region(moto.region())
            .credentials(Credentials::new(moto.access_key_id(), secret, None, None, "moto"))
            .endpoint_url(moto.url())
            .max_attempts(1)
            .build()
    }

    /// A name no other test of this run uses: tests share one moto server.
    fn unique(prefix: &str) -> String {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        format!("{prefix}-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
    }

    #[tokio::test]
    async fn quicksight_create_ingestion_the_seed_operation() -> TestResult {
        let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
        let client = quicksight::client::Client::new(&config(moto, moto.secret_access_key()));
        let ingestion = unique("ingestion");
        let input = quicksight::CreateIngestionRequest::builder()
            .aws_account_id(moto.account_id())
            .data_set_id(&moto.fixtures().quicksight_data_set_id)
            .ingestion_id(&ingestion)
            .build();
        let output = client.create_ingestion(input).await?;
        assert_eq!(output.ingestion_id.as_deref(), Some(ingestion.as_str()));
        assert!(output.arn.as_deref().is_some_and(|arn| arn.contains(&ingestion)), "{output:?}");
        assert!(output.ingestion_status.is_some(), "{output:?}");
        Ok(())
    }

    #[tokio::test]
    async fn quicksight_modeled_error() -> TestResult {
        let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
        let client = quicksight::client::Client::new(&config(moto, moto.secret_access_key()));
        let input = quicksight::UpdateGroupRequest::builder()
            .aws_account_id(moto.account_id())
            .namespace("default")
            .group_name(unique("missing-group"))
            .description("nobody")
            .build();
        let error = client.update_group(input).await.unwrap_err();
        match error.service_error() {
            Some(quicksight::operations::UpdateGroupError::ResourceNotFoundException(_)) => {}
            other => panic!("expected ResourceNotFoundException, got {other:?} ({error})"),
        }
        Ok(())
    }

    #[tokio::test]
    async fn sqs_awsjson1_0_round_trip_and_modeled_error() -> TestResult {
        let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
        let client = sqs::client::Client::new(&config(moto, moto.secret_access_key()));
        let name = unique("queue");
        let created = client.create_queue(sqs::CreateQueueRequest::builder().queue_name(&name).build()).await?;
        let found = client.get_queue_url(sqs::GetQueueUrlRequest::builder().queue_name(&name).build()).await?;
        assert_eq!(created.queue_url, found.queue_url);
        let url = found.queue_url.ok_or("no queue URL")?;
        let sent = client
            .send_message(sqs::SendMessageRequest::builder().queue_url(&url).message_body("hello from Rust").build())
            .await?;
        assert!(sent.message_id.is_some());
        let received = client
            .receive_message(sqs::ReceiveMessageRequest::builder().queue_url(&url).max_number_of_messages(1).build())
            .await?;
        let bodies: Vec<_> = received.messages.unwrap_or_default().into_iter().filter_map(|m| m.body).collect();
        assert_eq!(bodies, ["hello from Rust"]);

        let error = client
            .get_queue_url(sqs::GetQueueUrlRequest::builder().queue_name(unique("missing-queue")).build())
            .await
            .unwrap_err();
        match error.service_error() {
            Some(sqs::operations::GetQueueUrlError::QueueDoesNotExist(_)) => {}
            other => panic!("expected QueueDoesNotExist, got {other:?} ({error})"),
        }
        Ok(())
    }

    #[tokio::test]
    async fn cloudwatch_logs_awsjson1_1_round_trip_and_modeled_error() -> TestResult {
        let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
        let client = cloudwatchlogs::client::Client::new(&config(moto, moto.secret_access_key()));
        let group = unique("group");
        client
            .create_log_group(cloudwatchlogs::CreateLogGroupRequest::builder().log_group_name(&group).build())
            .await?;
        let listed = client
            .describe_log_groups(
                cloudwatchlogs::DescribeLogGroupsRequest::builder().log_group_name_prefix(&group).build(),
            )
            .await?;
        let names: Vec<_> =
            listed.log_groups.unwrap_or_default().into_iter().filter_map(|g| g.log_group_name).collect();
        assert_eq!(names, [group]);

        let error = client
            .describe_log_streams(
                cloudwatchlogs::DescribeLogStreamsRequest::builder().log_group_name(unique("missing-group")).build(),
            )
            .await
            .unwrap_err();
        match error.service_error() {
            Some(cloudwatchlogs::operations::DescribeLogStreamsError::ResourceNotFoundException(_)) => {}
            other => panic!("expected ResourceNotFoundException, got {other:?} ({error})"),
        }
        Ok(())
    }

    #[tokio::test]
    async fn a_wrong_secret_key_is_refused() -> TestResult {
        let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
        let client = cloudwatchlogs::client::Client::new(&config(moto, "not-the-secret"));
        let error =
            client.describe_log_groups(cloudwatchlogs::DescribeLogGroupsRequest::builder().build()).await.unwrap_err();
        let Error::Service(service) = &error else { panic!("expected the service's refusal, got {error:?}") };
        assert_eq!(service.raw().status().as_u16(), 403, "{error}");
        // moto answers in XML whatever the protocol; the body says why.
        let body = String::from_utf8_lossy(service.raw().body());
        assert!(body.contains("SignatureDoesNotMatch"), "{body}");
        assert!(!format!("{error:?} {error}").contains(moto.secret_access_key()));
        Ok(())
    }
}
