//! What the HTTP bindings of every protocol share, one concern per module: the text of
//! values outside a body ([`base64`], [`timestamp`], [`number`], [`text`]), URIs
//! ([`percent`]), header lists ([`header`]), and building requests and reading responses
//! ([`request`], [`response`]). Generated code reaches these through `__private::wire`.

use std::borrow::Cow;
use std::fmt;

pub mod base64;
pub mod checksum;
pub mod compression;
pub mod header;
pub(crate) mod hex;
pub mod number;
pub mod percent;
pub mod request;
pub mod response;
pub mod text;
pub mod timestamp;

pub use base64::{base64_decode, base64_encode, push_base64};
pub use checksum::{
    add_content_md5, add_glacier_checksums, add_request_checksum, glacier_tree_hash, validate_response_checksum, BodyBytes,
    ChecksumAlgorithm, ChecksumCalculation, ChecksumHasher, ChecksumMismatch,
};
pub use compression::{append_content_encoding, compress_request, compress_streaming_request, gzip};
pub use header::{header_list, split_header_list, split_http_date_list};
pub use number::{parse_f32, parse_f64, push_f32, push_f64, push_i64, push_u64};
#[cfg(any(feature = "json", feature = "params"))]
pub(crate) use number::special_float;
pub use percent::{percent_encode, push_percent_encoded, push_percent_encoded_greedy};
pub use request::{
    insert_header, insert_headers, missing_label, new_request, new_streaming_request, push_label, timestamp_text, uuid_v4, Query,
    RequestError, RequestOptions, TokenSource,
};
pub use response::{
    body_text, header, header_items, is_blank, parse_header, parse_header_base64, parse_header_blob, parse_header_timestamp,
    prefix_headers,
    ResponseError, UnmodeledError,
};
pub use text::{text_of, WireText};
pub use timestamp::{format_timestamp, parse_timestamp, push_timestamp, TimestampFormat};

/// A value whose wire text is malformed, or that has no wire text in the asked format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireError {
    message: Cow<'static, str>,
}

impl WireError {
    /// An error with this message.
    pub fn new(message: impl Into<Cow<'static, str>>) -> Self {
        Self { message: message.into() }
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for WireError {}
