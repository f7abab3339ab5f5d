//! The AWS SDK for Rust (`aws-sdk-lookoutequipment`, default features) calling
//! `StartDataIngestionJob`: over the network to the bench server, or against a canned
//! response (`offline`). See bench-common for the arguments and the report line.

use aws_sdk_lookoutequipment::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_lookoutequipment::types::{IngestionInputConfiguration, IngestionS3InputConfiguration};
use aws_sdk_lookoutequipment::Client;
use aws_smithy_http_client::test_util::infallible_client_fn;
use bench_common::{Args, Mode};

const ANSWER: &str = r#"{"JobId":"job-1","Status":"IN_PROGRESS"}"#;

async fn call(client: Client) -> Result<(), String> {
    // The input is built for each call, as a caller would (the fluent builder does so).
    let s3 = IngestionS3InputConfiguration::builder()
        .bucket("sensor-data")
        .prefix("pump/")
        .build()
        .map_err(|e| e.to_string())?;
    let configuration = IngestionInputConfiguration::builder().s3_input_configuration(s3).build();
    let output = client
        .start_data_ingestion_job()
        .dataset_name("pumps")
        .role_arn("arn:aws:iam::123456789012:role/lookout")
        .ingestion_input_configuration(configuration)
        .send()
        .await
        .map_err(|e| format!("{e:?}"))?;
    match output.job_id() {
        Some("job-1") => Ok(()),
        other => Err(format!("unexpected JobId {other:?}")),
    }
}

fn main() -> Result<(), String> {
    let args = Args::parse()?;
    let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None, None, "bench");
    let mut config = aws_sdk_lookoutequipment::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(credentials);
    config = match args.mode {
        Mode::Offline => config.endpoint_url("http://127.0.0.1:9").http_client(infallible_client_fn(|_request| {
            let mut response = http::Response::new(ANSWER);
            response.headers_mut().insert("content-type", http::HeaderValue::from_static("application/x-amz-json-1.0"));
            response
        })),
        _ => config.endpoint_url(args.url.clone()),
    };
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| format!("tokio: {e}"))?;
    let line = runtime.block_on(async {
        // Built inside the runtime: the SDK's default HTTP client looks for one.
        let client = Client::from_conf(config.build());
        match args.mode {
            Mode::Concurrent => {
                let client = client.clone();
                bench_common::concurrent(&args, move || call(client.clone())).await
            }
            _ => bench_common::sequential(&args, || call(client.clone())).await,
        }
    })?;
    println!("sdk\t{line}");
    Ok(())
}
