//! The request steps beyond the protocol, through generated code (the `request_steps` golden,
//! `tests/models/request_steps.json`): Glacier's customizations on a borrowed input, flexible
//! checksums, and the compression of a stream. Expected checksums were computed apart, with
//! Python's zlib and hashlib, over the JSON body `{"data":"hello"}`.

use bytes::Bytes;
use codegen_tests::goldens::request_steps::glacier::operations::ListVaults;
use codegen_tests::goldens::request_steps::glacier::ListVaultsInput;
use codegen_tests::goldens::request_steps::steps::operations::{PutChecked, PutRequired, PutStream};
use codegen_tests::goldens::request_steps::steps::{
    ChecksumAlgorithm, PutCheckedInput, PutRequiredInput, PutStreamInput,
};
use http_body::{Body, Frame};
use smithy_runtime::{ByteStream, ChecksumCalculation, RequestOptions};
use std::pin::Pin;
use std::task::{Context, Poll};

fn header<B>(request: &http::Request<B>, name: &str) -> Option<String> {
    request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

#[test]
fn glacier_sends_its_version_and_dash_for_an_empty_account() {
    let input = ListVaultsInput::builder().account_id("").build().expect("an input");
    let request = ListVaults::request(&input, &RequestOptions::default()).expect("a request");
    assert_eq!(request.uri().path(), "/-/vaults");
    assert_eq!(header(&request, "x-amz-glacier-version").as_deref(), Some("2012-06-01"));
    // The caller's input is left as it was; a given account stays.
    assert_eq!(input.account_id, "");
    let input = ListVaultsInput::builder().account_id("123").build().expect("an input");
    let request = ListVaults::request(&input, &RequestOptions::default()).expect("a request");
    assert_eq!(request.uri().path(), "/123/vaults");
}

#[test]
fn flexible_checksums_follow_the_input_and_the_options() {
    let input = PutCheckedInput::builder().data("hello").build();
    let request = PutChecked::request(&input, &RequestOptions::default()).expect("a request");
    assert_eq!(request.body(), br#"{"data":"hello"}"#);
    assert_eq!(header(&request, "x-amz-checksum-crc32").as_deref(), Some("9XzZzg=="));
    assert_eq!(header(&request, "x-amz-sdk-checksum-algorithm").as_deref(), Some("CRC32"));

    let input = PutCheckedInput::builder().data("hello").checksum_algorithm(ChecksumAlgorithm::Sha1).build();
    let request = PutChecked::request(&input, &RequestOptions::default()).expect("a request");
    assert_eq!(header(&request, "x-amz-checksum-sha1").as_deref(), Some("e8WYEc40FGaS1g0kq0zAIgBnpnk="));
    assert_eq!(header(&request, "x-amz-sdk-checksum-algorithm").as_deref(), Some("SHA1"));
    assert_eq!(header(&request, "x-amz-checksum-crc32"), None);

    let when_required = RequestOptions::default().with_checksum_calculation(ChecksumCalculation::WhenRequired);
    let input = PutCheckedInput::builder().data("hello").build();
    let request = PutChecked::request(&input, &when_required).expect("a request");
    assert!(!request.headers().keys().any(|k| k.as_str().starts_with("x-amz-checksum-")));
    let input = PutRequiredInput::builder().data("hello").build();
    let request = PutRequired::request(&input, &when_required).expect("a request");
    assert_eq!(header(&request, "x-amz-checksum-crc32").as_deref(), Some("9XzZzg=="));
}

/// A body of unknown length, as a file or socket is.
struct Chunks(Vec<&'static [u8]>);

impl Body for Chunks {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        Poll::Ready((!this.0.is_empty()).then(|| Ok(Frame::data(Bytes::from_static(this.0.remove(0))))))
    }
}

#[test]
fn streams_are_gzipped_whatever_their_size_unless_compression_is_off() {
    // In memory and small: compressed all the same, with its new length.
    let input = PutStreamInput::builder().body(ByteStream::from(b"tiny".to_vec())).build();
    let request = PutStream::request(input, &RequestOptions::default()).expect("a request");
    assert_eq!(header(&request, "content-encoding").as_deref(), Some("gzip"));
    let bytes = request.body().in_memory().expect("in memory").to_vec();
    assert_eq!(bytes.get(..2), Some(&[0x1f, 0x8b][..]), "gzip magic");
    assert_eq!(header(&request, "content-length"), Some(bytes.len().to_string()));

    // Read as it arrives: compressed as it is read, so no length is sent.
    let input = PutStreamInput::builder().body(ByteStream::from_body(Chunks(vec![b"abc", b"def"]))).build();
    let request = PutStream::request(input, &RequestOptions::default()).expect("a request");
    assert_eq!(header(&request, "content-encoding").as_deref(), Some("gzip"));
    assert_eq!(header(&request, "content-length"), None);
    let mut body = request.into_body();
    let mut cx = Context::from_waker(std::task::Waker::noop());
    let mut sent = Vec::new();
    while let Poll::Ready(Some(frame)) = Pin::new(&mut body).poll_frame(&mut cx) {
        sent.extend_from_slice(&frame.expect("no error").into_data().expect("data"));
    }
    assert_eq!(sent.get(..2), Some(&[0x1f, 0x8b][..]), "gzip magic");

    let off = RequestOptions::default().with_request_compression(false, 0).expect("in range");
    let input = PutStreamInput::builder().body(ByteStream::from(b"tiny".to_vec())).build();
    let request = PutStream::request(input, &off).expect("a request");
    assert_eq!(header(&request, "content-encoding"), None);
    assert_eq!(request.body().in_memory(), Some(&b"tiny"[..]));
}
