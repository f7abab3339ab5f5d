//! A keep-alive HTTP/1.1 server on 127.0.0.1 that answers Lookout for Equipment's
//! `StartDataIngestionJob` (awsJson1_0) with a fixed job, as fast as it can.
//!
//! `bench-server [SECONDS]` prints its URL on the first line of stdout, then serves until it is
//! killed or SECONDS (default 900) have passed, so a forgotten server stops by itself. Any other
//! request (another target, no body) gets a 400, so a client that sends the wrong thing fails.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::io::Write;
use std::time::Duration;
use tokio::net::TcpListener;

const TARGET: &str = "AWSLookoutEquipmentFrontendService.StartDataIngestionJob";
const ANSWER: &str = r#"{"JobId":"job-1","Status":"IN_PROGRESS"}"#;

async fn answer(request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let target_ok = request.headers().get("x-amz-target").is_some_and(|v| v == TARGET);
    // Read the whole body, as a real service would, before answering.
    let body = request.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
    let (status, body) = if target_ok && !body.is_empty() {
        (200, Bytes::from_static(ANSWER.as_bytes()))
    } else {
        (400, Bytes::from_static(br#"{"__type":"ValidationException","message":"not StartDataIngestionJob"}"#))
    };
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::BAD_REQUEST);
    response
        .headers_mut()
        .insert("content-type", hyper::header::HeaderValue::from_static("application/x-amz-json-1.0"));
    response.headers_mut().insert("x-amzn-requestid", hyper::header::HeaderValue::from_static("bench-request"));
    Ok(response)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lifetime = match std::env::args().nth(1) {
        Some(text) => Duration::from_secs(text.parse().map_err(|_| format!("SECONDS must be a number, got `{text}`"))?),
        None => Duration::from_secs(900),
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let mut out = std::io::stdout().lock();
        writeln!(out, "http://{}", listener.local_addr()?)?;
        out.flush()?;
        drop(out);
        let serve = async {
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let _ = stream.set_nodelay(true);
                tokio::spawn(async move {
                    let connection = hyper::server::conn::http1::Builder::new()
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), hyper::service::service_fn(answer));
                    let _ = connection.await;
                });
            }
        };
        tokio::select! {
            _ = serve => {}
            () = tokio::time::sleep(lifetime) => {}
        }
        Ok(())
    })
}
