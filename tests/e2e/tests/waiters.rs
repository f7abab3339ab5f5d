//! The generated waiters against moto: Amazon ECS `DescribeServices` (awsJson1_1), whose
//! waiters `ServicesStable` and `ServicesInactive` end in each state a wait can end in —
//! success after retries, success at once, a failure acceptor, an error no acceptor expects,
//! and a timeout — every call signed as in `client.rs`.
//!
//! What moto does (moto 5.2, `moto/ecs/models.py`): `CreateService` leaves all of a
//! service's `desiredCount` tasks pending (`runningCount` 0) with one deployment;
//! `UpdateService` with a `desiredCount` counts that many as running; `DeleteService` keeps
//! the service, as `INACTIVE`; an unknown service is listed among `failures` as `MISSING`;
//! an unknown cluster is a `ClusterNotFoundException`.
//!
//! The model's delays (15 s to 120 s) are overridden where a test retries, to keep it short.

#![cfg_attr(not(e2e_models), allow(unused))]

use e2e_tests::moto::{or_skip, MotoServer};
use smithy_runtime::client::{Config, Credentials};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Without `../shared/aws-models` there is no generated service to call (see `client.rs`).
#[cfg(not(e2e_models))]
#[test]
fn the_models_are_absent() {
    let message = "the end-to-end waiter tests need ../shared/aws-models, which is absent";
    assert!(std::env::var_os("REQUIRE_MOTO").is_none(), "{message}");
    eprintln!("skipped: {message}");
}

#[cfg(e2e_models)]
mod waits {
    use super::*;
    use e2e_tests::ecs::client::Client;
    use e2e_tests::ecs::operations::DescribeServicesError;
    use e2e_tests::ecs::{
        CreateClusterRequest, CreateServiceRequest, DeleteServiceRequest, DescribeServicesRequest,
        DescribeServicesResponse, Service, UpdateServiceRequest,
    };
    use smithy_runtime::client::{WaitError, WaitOptions};
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::Duration;

    /// The delay between attempts of the tests that retry until another task changes the
    /// service, and when that task changes it: half-way, so that the first attempt sees the
    /// service before the change and the second after it, with a margin of a second each way
    /// for the calls (a few milliseconds each against moto on loopback).
    const DELAY: Duration = Duration::from_secs(2);
    const CHANGE_AFTER: Duration = Duration::from_secs(1);

    fn client(moto: &MotoServer) -> Client {
        let config = Config::builder()
            .region(moto.region())
            .credentials(Credentials::new(moto.access_key_id(), moto.secret_access_key(), None, None, "moto"))
            .endpoint_url(moto.url())
            .max_attempts(1)
            .build();
        Client::new(&config)
    }

    /// A name no other test of this run (or earlier run on the same server) uses.
    fn unique(prefix: &str) -> String {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        format!("{prefix}-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
    }

    /// A new cluster holding a new service that wants `desired` tasks (all pending, in moto);
    /// returns the cluster's and the service's names.
    async fn service(client: &Client, desired: i32) -> Result<(String, String), Box<dyn std::error::Error>> {
        let cluster = unique("waiters");
        let service = unique("service");
        client.create_cluster(CreateClusterRequest::builder().cluster_name(&cluster).build()).await?;
        let create =
            CreateServiceRequest::builder().cluster(&cluster).service_name(&service).desired_count(desired).build();
        client.create_service(create).await?;
        Ok((cluster, service))
    }

    fn describe(cluster: &str, service: &str) -> DescribeServicesRequest {
        DescribeServicesRequest::builder().cluster(cluster).services(vec![service.to_owned()]).build()
    }

    async fn delete(client: &Client, cluster: &str, service: &str) -> Result<(), Box<dyn std::error::Error>> {
        client
            .delete_service(DeleteServiceRequest::builder().cluster(cluster).service(service).force(true).build())
            .await?;
        Ok(())
    }

    /// The one service an output describes.
    fn only(output: &DescribeServicesResponse) -> &Service {
        match output.services.as_deref() {
            Some([service]) => service,
            other => panic!("expected one service, got {other:?}"),
        }
    }

    /// `ServicesStable` retries while a service's running tasks fall short of its desired
    /// count, and succeeds once another task scales it: at the second attempt, the first
    /// having come before the change (see [`DELAY`]).
    #[tokio::test]
    async fn services_stable_after_a_scale_up() -> TestResult {
        let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
        let client = client(moto);
        let (cluster, name) = service(&client, 1).await?;
        // Not stable before the change, so that a success can only come after it.
        let before = client.describe_services(describe(&cluster, &name)).await?;
        assert_eq!((only(&before).running_count, only(&before).desired_count), (0, 1));

        let options = WaitOptions::new(Duration::from_secs(20)).with_min_delay(DELAY).with_max_delay(DELAY);
        let scale = async {
            tokio::time::sleep(CHANGE_AFTER).await;
            let update = UpdateServiceRequest::builder().cluster(&cluster).service(&name).desired_count(1).build();
            client.update_service(update).await
        };
        let (waited, scaled) =
            tokio::join!(client.wait_until_services_stable(describe(&cluster, &name), options), scale);
        scaled?;
        let waited = waited?;
        assert_eq!(waited.attempts, 2, "{waited:?}");
        // The second attempt came after one delay of exactly DELAY (min = max: no jitter).
        assert!(waited.elapsed >= DELAY, "{waited:?}");
        let output = waited.last?;
        let service = only(&output);
        assert_eq!((service.running_count, service.desired_count), (1, 1));
        assert_eq!(service.deployments.as_ref().map(Vec::len), Some(1));
        Ok(())
    }

    /// `ServicesInactive` retries while the service is active (no acceptor matches an output
    /// without failures or inactive services), and succeeds once another task deletes it.
    #[tokio::test]
    async fn services_inactive_after_a_delete() -> TestResult {
        let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
        let client = client(moto);
        let (cluster, name) = service(&client, 1).await?;
        let options = WaitOptions::new(Duration::from_secs(20)).with_min_delay(DELAY).with_max_delay(DELAY);
        let remove = async {
            tokio::time::sleep(CHANGE_AFTER).await;
            delete(&client, &cluster, &name).await
        };
        let (waited, removed) =
            tokio::join!(client.wait_until_services_inactive(describe(&cluster, &name), options), remove);
        removed?;
        let waited = waited?;
        assert_eq!(waited.attempts, 2, "{waited:?}");
        assert!(waited.elapsed >= DELAY, "{waited:?}");
        assert_eq!(only(&waited.last?).status.as_deref(), Some("INACTIVE"));
        Ok(())
    }

    /// A service that wants no task is stable from the start: the first attempt succeeds,
    /// with the model's delays (never used) and a plain `Duration` as the maximum wait.
    #[tokio::test]
    async fn services_stable_at_once() -> TestResult {
        let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
        let client = client(moto);
        let (cluster, name) = service(&client, 0).await?;
        let waited = client.wait_until_services_stable(describe(&cluster, &name), Duration::from_secs(60)).await?;
        assert_eq!(waited.attempts, 1, "{waited:?}");
        let output = waited.last?;
        assert_eq!(only(&output).service_name.as_deref(), Some(name.as_str()));
        assert_eq!(only(&output).status.as_deref(), Some("ACTIVE"));
        Ok(())
    }

    /// A service that nothing scales never becomes stable: the wait times out.
    ///
    /// The bounds follow from the specification's delays with min = max = 1 s and a 3 s
    /// maximum wait, each call taking c (well under 0.5 s): attempt 1 ends at c, leaving
    /// 3 − c; the delay is 1 s and 3 − c − 1 > 1, so attempt 2 starts at 1 + c and ends at
    /// 1 + 2c, leaving 2 − 2c; now 2 − 2c − 1 ≤ 1, so the delay is shortened to
    /// "remaining − min" = 1 − 2c and attempt 3, the last, starts at 2 s; it ends at 2 + c,
    /// leaving 1 − c, less than the minimum delay: timeout. So 3 attempts, and an elapsed time
    /// above max wait − min delay (2 s) and below the maximum wait (3 s).
    #[tokio::test]
    async fn services_stable_times_out() -> TestResult {
        let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
        let client = client(moto);
        let (cluster, name) = service(&client, 1).await?;
        let second = Duration::from_secs(1);
        let options = WaitOptions::new(Duration::from_secs(3)).with_min_delay(second).with_max_delay(second);
        let error = match client.wait_until_services_stable(describe(&cluster, &name), options).await {
            Ok(waited) => panic!("expected a timeout, got {waited:?}"),
            Err(error) => error,
        };
        let message = error.to_string();
        let WaitError::Timeout { waiter, attempts, elapsed, last } = error else {
            panic!("expected a timeout, got {error:?}")
        };
        assert_eq!(waiter, "ServicesStable");
        assert_eq!(attempts, 3, "{message}");
        assert!(elapsed > Duration::from_secs(2) && elapsed < Duration::from_secs(3), "{elapsed:?}");
        assert!(message.contains("`ServicesStable`") && message.contains("timed out"), "{message}");
        // The last call saw the service as it stays: one task wanted, none running.
        let output = last?;
        assert_eq!((only(&output).running_count, only(&output).desired_count), (0, 1));
        Ok(())
    }

    /// A deleted service is `INACTIVE`, which `ServicesStable`'s third acceptor (index 2)
    /// makes a failure: the wait ends at the first attempt, with the model's delays unused.
    #[tokio::test]
    async fn services_stable_fails_on_an_inactive_service() -> TestResult {
        let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
        let client = client(moto);
        let (cluster, name) = service(&client, 0).await?;
        delete(&client, &cluster, &name).await?;
        let error = match client.wait_until_services_stable(describe(&cluster, &name), Duration::from_secs(60)).await {
            Ok(waited) => panic!("expected a failure state, got {waited:?}"),
            Err(error) => error,
        };
        let message = error.to_string();
        let WaitError::Failure { waiter, acceptor, matcher, last, attempts } = error else {
            panic!("expected a failure state, got {error:?}")
        };
        assert_eq!((waiter, acceptor, attempts), ("ServicesStable", 2, 1));
        assert!(matcher.contains("services[].status") && matcher.contains("INACTIVE"), "{matcher}");
        assert!(message.contains("`ServicesStable`") && message.contains("failure state"), "{message}");
        assert_eq!(only(&last?).status.as_deref(), Some("INACTIVE"));
        Ok(())
    }

    /// An unknown service is `MISSING` among the output's failures: `ServicesInactive`'s
    /// first acceptor makes that a failure, though the call itself succeeded.
    #[tokio::test]
    async fn services_inactive_fails_on_a_missing_service() -> TestResult {
        let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
        let client = client(moto);
        let (cluster, _) = service(&client, 0).await?;
        let missing = unique("never-created");
        let error =
            match client.wait_until_services_inactive(describe(&cluster, &missing), Duration::from_secs(60)).await {
                Ok(waited) => panic!("expected a failure state, got {waited:?}"),
                Err(error) => error,
            };
        let WaitError::Failure { waiter, acceptor, last, attempts, .. } = error else {
            panic!("expected a failure state, got {error:?}")
        };
        assert_eq!((waiter, acceptor, attempts), ("ServicesInactive", 0, 1));
        let output = last?;
        let reasons: Vec<Option<&str>> =
            output.failures.iter().flatten().map(|failure| failure.reason.as_deref()).collect();
        assert_eq!(reasons, [Some("MISSING")]);
        Ok(())
    }

    /// An error that no acceptor names ends the wait at once ("if none of the acceptors
    /// match and an error was encountered … transition to the failure state"), keeping the
    /// error: here the cluster does not exist.
    #[tokio::test]
    async fn an_error_no_acceptor_expects_ends_the_wait() -> TestResult {
        let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
        let client = client(moto);
        let cluster = unique("no-such-cluster");
        let error = match client.wait_until_services_stable(describe(&cluster, "any"), Duration::from_secs(60)).await {
            Ok(waited) => panic!("expected the call's error, got {waited:?}"),
            Err(error) => error,
        };
        let message = error.to_string();
        let WaitError::Call { waiter, error, attempts } = error else {
            panic!("expected the call's error, got {error:?}")
        };
        assert_eq!((waiter, attempts), ("ServicesStable", 1));
        assert!(matches!(error.service_error(), Some(DescribeServicesError::ClusterNotFoundException(_))), "{error:?}");
        assert!(message.contains("`ServicesStable`"), "{message}");
        Ok(())
    }
}
