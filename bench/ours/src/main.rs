//! The generated client (`generated::lookoutequipment`) calling `StartDataIngestionJob`: over
//! the network to the bench server, or against a canned response (`offline`). See bench-common
//! for the arguments and the report line.

use bench_common::{Args, Mode};
use bytes::Bytes;
use generated::lookoutequipment::client::Client;
use generated::lookoutequipment::{
    IngestionInputConfiguration, IngestionS3InputConfiguration, StartDataIngestionJobRequest,
};
use smithy_runtime::client::{BoxFuture, Config, Credentials, HttpClient, TransportError};
use smithy_runtime::ByteStream;

const ANSWER: &[u8] = br#"{"JobId":"job-1","Status":"IN_PROGRESS"}"#;

/// Answers every request with the job, at once: the no-network transport.
#[derive(Debug)]
struct Canned;

impl HttpClient for Canned {
    fn send(
        &self,
        request: http::Request<ByteStream>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        drop(request);
        Box::pin(async {
            let mut response = http::Response::new(ByteStream::from(Bytes::from_static(ANSWER)));
            response.headers_mut().insert("content-type", http::HeaderValue::from_static("application/x-amz-json-1.0"));
            Ok(response)
        })
    }
}

fn input() -> Result<StartDataIngestionJobRequest, String> {
    let s3 = IngestionS3InputConfiguration::builder()
        .bucket("sensor-data")
        .prefix("pump/")
        .build()
        .map_err(|e| e.to_string())?;
    let configuration =
        IngestionInputConfiguration::builder().s3_input_configuration(s3).build().map_err(|e| e.to_string())?;
    Ok(StartDataIngestionJobRequest::builder()
        .dataset_name("pumps")
        .role_arn("arn:aws:iam::123456789012:role/lookout")
        .ingestion_input_configuration(configuration)
        .build())
}

async fn call(client: Client) -> Result<(), String> {
    // The input is built for each call, as a caller would.
    let output = client.start_data_ingestion_job(input()?).await.map_err(|e| e.to_string())?;
    match output.job_id.as_deref() {
        Some("job-1") => Ok(()),
        other => Err(format!("unexpected JobId {other:?}")),
    }
}

fn main() -> Result<(), String> {
    let args = Args::parse()?;
    let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None, None, "bench");
    let mut config = Config::builder().region("us-east-1").credentials(credentials);
    config = match args.mode {
        Mode::Offline => config.endpoint_url("http://127.0.0.1:9").http_client(Canned),
        _ => config.endpoint_url(args.url.clone()),
    };
    let client = Client::new(&config.build());
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| format!("tokio: {e}"))?;
    let line = runtime.block_on(async {
        match args.mode {
            Mode::Concurrent => {
                let client = client.clone();
                bench_common::concurrent(&args, move || call(client.clone())).await
            }
            _ => bench_common::sequential(&args, || call(client.clone())).await,
        }
    })?;
    println!("ours\t{line}");
    Ok(())
}
