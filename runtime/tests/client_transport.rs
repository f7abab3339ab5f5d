//! The default transport against real servers on loopback: hyper's for well-behaved exchanges,
//! raw TCP for the misbehaving ones, and rustls for TLS with a self-signed certificate.

use bytes::Bytes;
use smithy_runtime::client::{read_body, HttpClient, HyperClient, TransportError, TransportErrorKind};
use smithy_runtime::ByteStream;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const LIMIT: usize = 1 << 20;

/// A hyper HTTP/1.1 server answering every request with its own body after `x-echo: `, and
/// counting the connections it accepted. With `tls`, it speaks HTTPS.
async fn echo_server(tls: Option<tokio_rustls::TlsAcceptor>) -> (SocketAddr, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let tls = tls.clone();
            tokio::spawn(async move {
                match tls {
                    None => serve(stream).await,
                    Some(acceptor) => {
                        if let Ok(stream) = acceptor.accept(stream).await {
                            serve(stream).await;
                        }
                    }
                }
            });
        }
    });
    (address, accepted)
}

async fn serve<S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static>(stream: S) {
    let service = hyper::service::service_fn(|request: http::Request<hyper::body::Incoming>| async move {
        let path = request.uri().path().to_owned();
        let body = read_body(ByteStream::from_body(request.into_body()), LIMIT).await?;
        let mut echo = format!("{path} ").into_bytes();
        echo.extend_from_slice(&body);
        Ok::<_, TransportError>(http::Response::new(ByteStream::from(echo)))
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
        .await;
}

/// A TCP server that hands its first connection to `script` (after reading the request
/// head), for the exchanges hyper's server would not make.
async fn raw_server<F, Fut>(script: F) -> SocketAddr
where
    F: FnOnce(TcpStream) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        if let Ok((mut stream, _)) = listener.accept().await {
            let mut head = Vec::new();
            let mut buffer = [0u8; 1024];
            while !head.windows(4).any(|window| window == b"\r\n\r\n") {
                match stream.read(&mut buffer).await {
                    Ok(0) | Err(_) => return,
                    Ok(read) => head.extend_from_slice(&buffer[..read]),
                }
            }
            script(stream).await;
        }
    });
    address
}

fn request(method: &str, uri: String, body: impl Into<ByteStream>) -> http::Request<ByteStream> {
    http::Request::builder().method(method).uri(uri).body(body.into()).expect("a valid request")
}

fn client() -> HyperClient {
    HyperClient::new().expect("the default client builds")
}

async fn send_and_read(client: &HyperClient, request: http::Request<ByteStream>) -> Result<Bytes, TransportError> {
    let response = client.send(request).await?;
    assert_eq!(response.status(), 200);
    read_body(response.into_body(), LIMIT).await
}

#[tokio::test]
async fn two_requests_share_one_kept_alive_connection() {
    let (address, accepted) = echo_server(None).await;
    let client = client();
    let first = send_and_read(&client, request("POST", format!("http://{address}/one"), &b"first body"[..])).await;
    assert_eq!(first.expect("first"), "/one first body");
    let second = send_and_read(&client, request("GET", format!("http://{address}/two"), ByteStream::new())).await;
    assert_eq!(second.expect("second"), "/two ");
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn clones_share_the_pool() {
    let (address, accepted) = echo_server(None).await;
    let client = client();
    send_and_read(&client, request("GET", format!("http://{address}/"), ByteStream::new())).await.expect("first");
    send_and_read(&client.clone(), request("GET", format!("http://{address}/"), ByteStream::new()))
        .await
        .expect("second");
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_streamed_request_body_reaches_the_server() {
    let (address, _) = echo_server(None).await;
    let chunks = [Bytes::from_static(b"one,"), Bytes::from_static(b"two")];
    let stream = ByteStream::from_body(Chunks(chunks.into_iter().map(http_body::Frame::data).collect()));
    let echoed = send_and_read(&client(), request("PUT", format!("http://{address}/s"), stream)).await;
    assert_eq!(echoed.expect("echo"), "/s one,two");
}

/// A body of several frames, to send a request that is not in memory.
struct Chunks(std::collections::VecDeque<http_body::Frame<Bytes>>);

impl http_body::Body for Chunks {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        std::task::Poll::Ready(self.get_mut().0.pop_front().map(Ok))
    }
}

#[tokio::test]
async fn a_refused_connection_is_a_connect_error() {
    // A port that was free a moment ago and has no listener now.
    let address = TcpListener::bind("127.0.0.1:0").await.expect("bind").local_addr().expect("address");
    let error = client().send(request("GET", format!("http://{address}/"), ByteStream::new())).await.unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    assert!(error.to_string().to_lowercase().contains("refused"), "{error}");
}

#[tokio::test]
async fn a_connection_closed_without_an_answer_is_an_io_error() {
    let address = raw_server(|stream| async move { drop(stream) }).await;
    let error = client().send(request("GET", format!("http://{address}/"), ByteStream::new())).await.unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Io, "{error}");
}

#[tokio::test]
async fn an_answer_that_is_not_http_is_a_response_error() {
    let address = raw_server(|mut stream| async move {
        let _ = stream.write_all(b"SSH-2.0-OpenSSH_9.6\r\n\r\n").await;
    })
    .await;
    let error = client().send(request("GET", format!("http://{address}/"), ByteStream::new())).await.unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Response, "{error}");
}

#[tokio::test]
async fn a_body_cut_short_is_an_io_error() {
    let address = raw_server(|mut stream| async move {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly ten..").await;
    })
    .await;
    let response = client().send(request("GET", format!("http://{address}/"), ByteStream::new())).await;
    let error = read_body(response.expect("the head arrives").into_body(), LIMIT).await.unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Io, "{error}");
    // The message goes down to the cause, past hyper's "error reading a body".
    assert!(error.to_string().contains("end of file"), "{error}");
}

#[tokio::test]
async fn a_request_hyper_refuses_is_an_other_error() {
    let error = client().send(request("GET", "/no/scheme/nor/host".to_owned(), ByteStream::new())).await.unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Other, "{error}");
}

#[tokio::test]
async fn a_declared_length_over_the_limit_fails_before_reading() {
    let address = raw_server(|mut stream| async move {
        // The head promises 5000 bytes and none follow: only the declared length can fail it.
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 5000\r\n\r\n").await;
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let response = client().send(request("GET", format!("http://{address}/"), ByteStream::new())).await;
    let reading = read_body(response.expect("the head arrives").into_body(), 4999);
    let error = tokio::time::timeout(Duration::from_secs(5), reading).await.expect("fails at once").unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Response);
    let message = error.to_string();
    assert!(message.contains("4999 bytes") && message.contains("5000"), "{message}");
}

#[tokio::test]
async fn a_chunked_body_over_the_limit_fails_and_one_at_the_limit_passes() {
    let chunked =
        b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n4\r\nabcd\r\n4\r\nefgh\r\n2\r\nij\r\n0\r\n\r\n";
    for (limit, expected) in [(9, None), (10, Some("abcdefghij"))] {
        let address = raw_server(move |mut stream| async move {
            let _ = stream.write_all(chunked).await;
        })
        .await;
        let response = client().send(request("GET", format!("http://{address}/"), ByteStream::new())).await;
        let body = read_body(response.expect("the head arrives").into_body(), limit).await;
        match expected {
            Some(expected) => assert_eq!(body.expect("within the limit"), expected),
            None => {
                let error = body.unwrap_err();
                assert_eq!(error.kind(), TransportErrorKind::Response);
                assert!(error.to_string().contains("limit of 9 bytes"), "{error}");
            }
        }
    }
}

#[tokio::test]
async fn in_memory_bodies_are_held_to_the_limit() {
    let error = read_body(ByteStream::from(&b"twelve bytes"[..]), 11).await.unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Response);
    assert_eq!(read_body(ByteStream::from(&b"twelve bytes"[..]), 12).await.expect("fits"), "twelve bytes");
}

#[tokio::test]
async fn a_body_stream_error_keeps_its_transport_kind() {
    let failing = ByteStream::from_body(Failing);
    let error = read_body(failing, LIMIT).await.unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Connect);
}

struct Failing;

impl http_body::Body for Failing {
    type Data = Bytes;
    type Error = TransportError;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        std::task::Poll::Ready(Some(Err(TransportError::new(TransportErrorKind::Connect, "scripted"))))
    }
}

#[tokio::test]
async fn a_stalled_tls_handshake_hits_the_connect_timeout() {
    // Accepts, then says nothing: TCP connects at once and the TLS handshake waits forever.
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    let client = HyperClient::builder().connect_timeout(Some(Duration::from_millis(300))).build().expect("builds");
    let started = Instant::now();
    let error = client.send(request("GET", format!("https://{address}/"), ByteStream::new())).await.unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    assert!(error.to_string().contains("timed out"), "{error}");
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
}

/// A self-signed certificate for 127.0.0.1 and a TLS acceptor serving it.
fn self_signed() -> (rcgen::Certificate, tokio_rustls::TlsAcceptor) {
    let key = rcgen::KeyPair::generate().expect("key");
    let params = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()]).expect("params");
    let certificate = params.self_signed(&key).expect("certificate");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(
            vec![certificate.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
        )
        .expect("server config");
    (certificate, tokio_rustls::TlsAcceptor::from(Arc::new(config)))
}

#[tokio::test]
async fn tls_to_a_trusted_self_signed_server() {
    let (certificate, acceptor) = self_signed();
    let (address, accepted) = echo_server(Some(acceptor)).await;
    let by_der = HyperClient::builder().add_root_certificate_der(certificate.der().to_vec()).build().expect("builds");
    let body = send_and_read(&by_der, request("POST", format!("https://{address}/tls"), &b"secret"[..])).await;
    assert_eq!(body.expect("over TLS"), "/tls secret");
    send_and_read(&by_der, request("GET", format!("https://{address}/again"), ByteStream::new())).await.expect("again");
    assert_eq!(accepted.load(Ordering::SeqCst), 1, "the TLS connection is kept alive too");

    let by_pem = HyperClient::builder().webpki_roots(false).add_root_certificates_pem(certificate.pem()).build();
    let body =
        send_and_read(&by_pem.expect("builds"), request("GET", format!("https://{address}/pem"), ByteStream::new()))
            .await;
    assert_eq!(body.expect("over TLS"), "/pem ");
}

#[tokio::test]
async fn tls_to_an_untrusted_server_is_a_connect_error_naming_tls() {
    let (_, acceptor) = self_signed();
    let (address, _) = echo_server(Some(acceptor)).await;
    let error = client().send(request("GET", format!("https://{address}/"), ByteStream::new())).await.unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    let message = error.to_string();
    assert!(message.contains("TLS") && message.contains("certificate"), "{message}");
}

#[test]
fn bad_root_certificates_are_refused_when_building() {
    let der = HyperClient::builder().add_root_certificate_der(b"not a certificate".to_vec()).build().unwrap_err();
    assert!(der.to_string().contains("root certificate #1"), "{der}");
    let pem = HyperClient::builder().add_root_certificates_pem("no PEM here").build().unwrap_err();
    assert!(pem.to_string().contains("no CERTIFICATE section"), "{pem}");
    let none = HyperClient::builder().webpki_roots(false).build().unwrap_err();
    assert!(none.to_string().contains("no root certificate"), "{none}");
}

#[test]
fn the_client_builds_outside_a_runtime() {
    let client = HyperClient::builder().connect_timeout(Some(Duration::from_secs(3))).build().expect("builds");
    assert_eq!(format!("{client:?}"), "HyperClient { connect_timeout: Some(3s), .. }");
}
