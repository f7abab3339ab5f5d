//! `@streaming` blobs go through the generated code as streams: a request takes the
//! caller's body without reading it, a response hands its body to the output unread, and
//! an event-stream operation is refused with a warning rather than given wrong wire code.
//! The service is the `streaming` golden (`tests/models/streaming.json`).

use bytes::Bytes;
use codegen_tests::goldens::streaming::archive::operations::{Download, DownloadError, Upload, UploadSized};
use codegen_tests::goldens::streaming::archive::{DownloadInput, UploadInput, UploadSizedInput};
use http_body::{Body, Frame};
use smithy_runtime::{ByteStream, RequestOptions};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// A body that hands out its chunks one poll at a time and counts the polls, as a socket or
/// a file would.
struct Chunks {
    chunks: Vec<&'static [u8]>,
    polls: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Body for Chunks {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        this.polls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Poll::Ready((!this.chunks.is_empty()).then(|| Ok(Frame::data(Bytes::from_static(this.chunks.remove(0))))))
    }
}

fn read_all(mut body: ByteStream) -> Vec<u8> {
    let mut cx = Context::from_waker(Waker::noop());
    let mut out = Vec::new();
    while let Poll::Ready(Some(frame)) = Pin::new(&mut body).poll_frame(&mut cx) {
        out.extend_from_slice(&frame.expect("no error").into_data().expect("data"));
    }
    out
}

#[test]
fn a_request_takes_the_stream_unread() {
    let polls = std::sync::Arc::default();
    let body = ByteStream::from_body(Chunks { chunks: vec![b"abc", b"def"], polls: std::sync::Arc::clone(&polls) });
    let input = UploadInput::builder().name("a").checksum("c1").body(body).build();
    let request = Upload::request(input, &RequestOptions::default()).expect("a request");
    assert_eq!(request.uri().path(), "/archives/a");
    assert_eq!(request.headers()["x-checksum"], "c1");
    assert!(request.headers().get("content-length").is_none(), "the length of a stream is unknown");
    assert_eq!(polls.load(std::sync::atomic::Ordering::SeqCst), 0, "building the request read the stream");
    assert_eq!(read_all(request.into_body()), b"abcdef");
}

#[test]
fn a_request_in_memory_has_a_length_and_validation_still_applies() {
    let input = UploadInput::builder().name("a").body(ByteStream::from(b"xyz".to_vec())).build();
    let request = Upload::request(input, &RequestOptions::default()).expect("a request");
    assert_eq!(request.headers()["content-length"], "3");
    assert_eq!(request.body().in_memory(), Some(&b"xyz"[..]));

    let too_short = UploadInput::builder().name("").build();
    assert!(matches!(Upload::request(too_short, &RequestOptions::default()), Err(smithy_runtime::RequestError::Invalid(_))));
}

#[test]
fn a_stream_that_requires_its_length_must_know_it() {
    let polls = std::sync::Arc::default();
    let unknown = ByteStream::from_body(Chunks { chunks: vec![b"abc"], polls });
    let refused = UploadSized::request(UploadSizedInput::builder().body(unknown).build(), &RequestOptions::default());
    assert!(matches!(&refused, Err(e) if e.to_string().contains("@requiresLength")), "{refused:?}");
    let known = UploadSizedInput::builder().body(ByteStream::from(b"abc".to_vec())).build();
    let request = UploadSized::request(known, &RequestOptions::default()).expect("a request");
    assert_eq!(request.headers()["content-length"], "3");
}

#[test]
fn a_response_hands_its_body_over_unread() {
    let polls = std::sync::Arc::default();
    let body = ByteStream::from_body(Chunks { chunks: vec![b"12", b"34"], polls: std::sync::Arc::clone(&polls) });
    let response = http::Response::builder().status(200).header("Content-Type", "application/zip").body(body).expect("valid");
    let output = Download::response(response).expect("an output");
    assert_eq!(output.content_type.as_deref(), Some("application/zip"));
    assert_eq!((output.status, output.version.as_deref()), (Some(200), None), "the body is the stream, not an object");
    assert_eq!(polls.load(std::sync::atomic::Ordering::SeqCst), 0, "reading the response read the stream");
    assert_eq!(read_all(output.body), b"1234");
    assert!(Download::request(&DownloadInput::builder().name("a").build(), &RequestOptions::default()).is_ok());
}

#[test]
fn an_error_response_is_read_from_memory_and_a_streamed_one_is_refused_by_name() {
    let in_memory = http::Response::builder()
        .status(404)
        .header("X-Amzn-Errortype", "NotFound")
        .body(ByteStream::from(br#"{"message":"no such archive"}"#.to_vec()))
        .expect("valid");
    match Download::response(in_memory) {
        Err(DownloadError::NotFound(e)) => assert_eq!(e.message.as_deref(), Some("no such archive")),
        other => panic!("{other:?}"),
    }
    let polls = std::sync::Arc::default();
    let streamed = ByteStream::from_body(Chunks { chunks: vec![b"{}"], polls });
    let response = http::Response::builder().status(404).body(streamed).expect("valid");
    match Download::response(response) {
        Err(DownloadError::Malformed(e)) => assert!(e.message().contains("must be read into memory"), "{e}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_event_stream_operation_is_refused_and_an_unread_length_reported() {
    let model = codegen::model::Model::load_files(&[support::workspace_root().join("tests/models/streaming.json")]).expect("loads");
    let generated = codegen::generate_file(&model, &codegen::Settings::default()).expect("generates");
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("smithy.example.streaming#SizedData") && warnings[0].contains("`@length`"), "{warnings:?}");
    assert!(warnings[1].contains("smithy.example.streaming#Watch") && warnings[1].contains("event stream"), "{warnings:?}");
    let strict = codegen::Settings { strict: true, ..codegen::Settings::default() };
    assert!(codegen::generate_file(&model, &strict).is_err_and(|e| e.to_string().contains("Watch")));
}

mod support;
