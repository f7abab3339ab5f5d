//! The generated paginators against moto: CloudWatch Logs `DescribeLogGroups` (awsJson1_1,
//! `nextToken` both ways, `limit` as the page size, `logGroups` as the items) walked across
//! pages, by pages and by items, every call signed as in `client.rs`.

#![cfg_attr(not(e2e_models), allow(unused))]

use e2e_tests::moto::{or_skip, MotoServer};
use smithy_runtime::client::{Config, Credentials};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Without `../shared/aws-models` there is no generated service to call (see `client.rs`).
#[cfg(not(e2e_models))]
#[test]
fn the_models_are_absent() {
    let message = "the end-to-end paginator tests need ../shared/aws-models, which is absent";
    assert!(std::env::var_os("REQUIRE_MOTO").is_none(), "{message}");
    eprintln!("skipped: {message}");
}

#[cfg(e2e_models)]
mod pages {
    use super::*;
    use e2e_tests::cloudwatchlogs::client::Client;
    use e2e_tests::cloudwatchlogs::{CreateLogGroupRequest, DescribeLogGroupsRequest};
    use std::future::poll_fn;
    use std::pin::Pin;
    use std::sync::atomic::{AtomicU32, Ordering};

    /// How many log groups each test makes, and the page size: three pages, the last short.
    const GROUPS: usize = 7;
    const PAGE: i32 = 3;

    fn client(moto: &MotoServer) -> Client {
        let config = Config::builder()
            .region(moto.region())
            .credentials(Credentials::new(moto.access_key_id(), moto.secret_access_key(), None, None, "moto"))
            .endpoint_url(moto.url())
            .max_attempts(1)
            .build();
        Client::new(&config)
    }

    /// A prefix no other test of this run (or earlier run on the same server) uses.
    fn unique(prefix: &str) -> String {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        format!("{prefix}-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
    }

    /// Makes the log groups `<prefix>/0` … `<prefix>/6`; returns their names, sorted as moto
    /// lists them.
    async fn log_groups(client: &Client, prefix: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
        let mut names = Vec::new();
        for i in 0..GROUPS {
            let name = format!("{prefix}/{i}");
            client.create_log_group(CreateLogGroupRequest::builder().log_group_name(&name).build()).await?;
            names.push(name);
        }
        names.sort();
        Ok(names)
    }

    async fn next<S: futures_core::Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
        poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
    }

    #[tokio::test]
    async fn describe_log_groups_by_pages() -> TestResult {
        let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
        let client = client(moto);
        let prefix = unique("/paginators/pages");
        let names = log_groups(&client, &prefix).await?;
        let input = DescribeLogGroupsRequest::builder().log_group_name_prefix(&prefix).build();
        let mut pages = client.describe_log_groups_paginator(input).page_size(PAGE);
        let mut listed: Vec<Vec<String>> = Vec::new();
        while let Some(page) = next(&mut pages).await {
            let page = page?;
            listed.push(page.log_groups.unwrap_or_default().into_iter().filter_map(|g| g.log_group_name).collect());
        }
        let sizes: Vec<usize> = listed.iter().map(Vec::len).collect();
        assert_eq!(sizes, [3, 3, 1], "{listed:?}");
        assert_eq!(listed.concat(), names);
        Ok(())
    }

    #[tokio::test]
    async fn describe_log_groups_by_items() -> TestResult {
        let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
        let client = client(moto);
        let prefix = unique("/paginators/items");
        let names = log_groups(&client, &prefix).await?;
        let input = DescribeLogGroupsRequest::builder().log_group_name_prefix(&prefix).build();
        let mut items = client.describe_log_groups_paginator(input).page_size(PAGE).items();
        let mut listed = Vec::new();
        while let Some(group) = next(&mut items).await {
            listed.push(group?.log_group_name.unwrap_or_default());
        }
        assert_eq!(listed, names);
        Ok(())
    }
}
