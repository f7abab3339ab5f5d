//! Starts a QuickSight SPICE ingestion of a data set, with the configuration and credentials
//! of the environment (`AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
//! `AWS_PROFILE`, the `~/.aws` files, `AWS_ENDPOINT_URL`, …).
//!
//! ```text
//! cargo run -p examples --example create_ingestion -- <account-id> <data-set-id>
//! ```

use generated::quicksight::{client::Client, CreateIngestionRequest};
use generated::runtime::client::Config;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [account, data_set] = args.as_slice() else {
        eprintln!("usage: create_ingestion <account-id> <data-set-id>");
        return ExitCode::from(2);
    };
    let config = match Config::load() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("configuration: {e}");
            return ExitCode::FAILURE;
        }
    };
    let client = Client::new(&config);
    // An ingestion ID names the run; the time makes one that is new on every run.
    let ingestion = format!(
        "example-{}",
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
    );
    let input =
        CreateIngestionRequest::builder().aws_account_id(account).data_set_id(data_set).ingestion_id(ingestion).build();
    match client.create_ingestion(input).await {
        Ok(output) => {
            println!("ingestion {:?}: {:?}", output.ingestion_id, output.ingestion_status);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("CreateIngestion failed: {e}");
            ExitCode::FAILURE
        }
    }
}
