//! The harness itself: moto runs with its signature checks on for every service the tests
//! call, stops when dropped, and is skipped (not failed) when it is not installed.
//!
//! The refused requests are the generated sans-IO requests (`request_to`, pointed at moto
//! through the generated endpoint rules), given a well-formed SigV4 `Authorization` header
//! whose signature is wrong, and sent over a plain loopback socket. That a correctly signed
//! request is accepted the setup script checks with boto3 at every start.

use e2e_tests::moto::{or_skip, skip_or_fail, MotoServer, Python, StartError};
use std::error::Error;
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

type TestResult = Result<(), Box<dyn Error>>;

/// An access key ID of the documented example form, which moto's IAM does not know.
#[cfg(e2e_models)]
const UNKNOWN_KEY: &str = "AKIAIOSFODNN7EXAMPLE";

#[cfg(e2e_models)]
mod generated {
    //! The generated code's requests.

    use e2e_tests::moto::MotoServer;
    use e2e_tests::{cloudwatchlogs, quicksight, sqs};
    use smithy_runtime::endpoint::{BuiltIns, Endpoint};
    use smithy_runtime::RequestOptions;
    use std::error::Error;

    /// The built-ins a client configured for moto gives every rule set.
    fn built_ins(moto: &MotoServer) -> BuiltIns {
        let mut built_ins = BuiltIns::for_region(moto.region());
        built_ins.endpoint = Some(moto.url().to_owned());
        built_ins
    }

    /// A service's signing name and a request of one of its operations.
    pub type ServiceRequest = (&'static str, http::Request<Vec<u8>>);

    /// One request per service, for moto.
    pub fn requests(moto: &MotoServer) -> Result<Vec<ServiceRequest>, Box<dyn Error>> {
        let options = RequestOptions::default();
        let built_ins = built_ins(moto);
        let fixtures = moto.fixtures();

        let input = cloudwatchlogs::DescribeLogStreamsRequest::builder().log_group_name(&fixtures.log_group).build();
        let params = cloudwatchlogs::operations::DescribeLogStreams::endpoint_params(
            &input,
            &cloudwatchlogs::endpoint::Params::from_built_ins(&built_ins),
        );
        let endpoint: Endpoint = params.resolve()?;
        let logs = cloudwatchlogs::operations::DescribeLogStreams::request_to(&input, &endpoint, &options)?;

        let input = sqs::GetQueueUrlRequest::builder().queue_name(&fixtures.sqs_queue).build();
        let params =
            sqs::operations::GetQueueUrl::endpoint_params(&input, &sqs::endpoint::Params::from_built_ins(&built_ins));
        let sqs = sqs::operations::GetQueueUrl::request_to(&input, &params.resolve()?, &options)?;

        let input = quicksight::UpdateGroupRequest::builder()
            .aws_account_id(moto.account_id())
            .namespace("default")
            .group_name(&fixtures.quicksight_group)
            .description("updated with a bogus signature")
            .build();
        let params = quicksight::operations::UpdateGroup::endpoint_params(
            &input,
            &quicksight::endpoint::Params::from_built_ins(&built_ins),
        );
        let quicksight = quicksight::operations::UpdateGroup::request_to(&input, &params.resolve()?, &options)?;

        Ok(vec![("logs", logs), ("sqs", sqs), ("quicksight", quicksight)])
    }
}

#[cfg(e2e_models)]
#[test]
fn moto_refuses_a_wrong_signature_and_an_unknown_key_for_every_service() -> TestResult {
    let Some(moto) = or_skip(MotoServer::shared())? else { return Ok(()) };
    let date = amz_date(SystemTime::now());
    for (service, request) in generated::requests(moto)? {
        assert!(
            request.uri().to_string().starts_with(moto.url()),
            "{service}: the endpoint rules did not point the request at moto: {}",
            request.uri()
        );
        for (key, code) in [(moto.access_key_id(), "SignatureDoesNotMatch"), (UNKNOWN_KEY, "InvalidClientTokenId")] {
            let (status, body) = send(&request, &bogus_authorization(key, &date, moto.region(), service), &date)?;
            assert_eq!(status, 403, "{service} with key {key}: {body}\nmoto's log:\n{}", moto.recent_log());
            assert!(
                body.contains(&format!("<Code>{code}</Code>")),
                "{service} with key {key}: expected {code}, got: {body}"
            );
        }
    }
    Ok(())
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

/// A well-formed SigV4 `Authorization` header by `key` whose signature is wrong.
#[cfg(e2e_models)]
fn bogus_authorization(key: &str, date: &str, region: &str, service: &str) -> String {
    let day = &date[..8];
    format!(
        "AWS4-HMAC-SHA256 Credential={key}/{day}/{region}/{service}/aws4_request, \
         SignedHeaders=host;x-amz-date, Signature={}",
        "0".repeat(64)
    )
}

/// `YYYYMMDD'T'HHMMSS'Z'` in UTC, as `X-Amz-Date` takes it.
fn amz_date(now: SystemTime) -> String {
    let seconds = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, time) = (seconds / 86_400, seconds % 86_400);
    // The proleptic Gregorian date of a day number, by 400-year eras (146,097 days each).
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    let year = era * 400 + year_of_era + u64::from(month <= 2);
    format!("{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z", time / 3_600, time % 3_600 / 60, time % 60)
}

/// Sends `request` (with an absolute `http://` URI) over a new connection, with `Host`,
/// `X-Amz-Date` and `authorization` added; the status and the body, read to the close.
#[cfg(e2e_models)]
fn send(request: &http::Request<Vec<u8>>, authorization: &str, date: &str) -> Result<(u16, String), Box<dyn Error>> {
    use std::io::{Read, Write};
    let authority = request.uri().authority().ok_or("the request has no host")?.as_str();
    let target = request.uri().path_and_query().map_or("/", |p| p.as_str());
    let mut head = format!("{} {target} HTTP/1.1\r\nHost: {authority}\r\n", request.method());
    for (name, value) in request.headers() {
        head.push_str(&format!("{name}: {}\r\n", value.to_str()?));
    }
    head.push_str(&format!(
        "X-Amz-Date: {date}\r\nAuthorization: {authorization}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        request.body().len()
    ));
    let mut stream = TcpStream::connect(authority)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.write_all(head.as_bytes())?;
    stream.write_all(request.body())?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let response = String::from_utf8_lossy(&response);
    let status = response.split(' ').nth(1).and_then(|code| code.parse().ok()).ok_or("no status line")?;
    let body = response.split_once("\r\n\r\n").map_or("", |(_, body)| body).to_owned();
    Ok((status, body))
}

#[test]
fn amz_date_formats_utc() {
    // 2024-02-29 12:34:56 UTC: a leap day, checked against `date -u -d @1709210096`.
    assert_eq!(amz_date(UNIX_EPOCH + Duration::from_secs(1_709_210_096)), "20240229T123456Z");
    assert_eq!(amz_date(UNIX_EPOCH), "19700101T000000Z");
}
