//! The runtime of crates generated from Smithy models by `cargo xtask codegen`.
//!
//! Generated crates hold only what their models say; everything they share lives here, so
//! two crates generated from different models exchange values freely: a [`DateTime`] read
//! by one can be sent by the other, and both report constraint violations as
//! [`ValidationError`].
//!
//! The public API is what users of generated crates hold:
//!
//! - the value types of Smithy's simple shapes: [`Blob`], [`DateTime`], [`Document`] (with
//!   [`Number`]), [`BigInteger`] and [`BigDecimal`], and [`ByteStream`] for `@streaming`
//!   blobs (an [`http_body::Body`]);
//! - the errors of builders ([`BuildError`]), of `validate()` ([`ValidationError`] and its
//!   [`Violation`]s) and of parsing big numbers ([`ParseNumberError`]), and the value an
//!   open enum keeps ([`UnknownVariantValue`]);
//! - what the sans-IO `request()`/`response()` functions take and return:
//!   [`RequestOptions`], [`RequestError`] (with the [`WireError`] of a value that has no
//!   wire form), [`ResponseError`], [`UnmodeledError`], and the [`BoxError`] of a stream's
//!   body.
//!
//! # Features
//!
//! - `json`: the JSON body codec of the awsJson1_0, awsJson1_1 and restJson1 protocols;
//!   generated crates enable it when one of their services speaks one of them.
//! - `endpoints`: endpoint resolution, in the module `endpoint`: the Smithy rules engine
//!   that runs each service's endpoint rule set, with the AWS partitions table.
//! - `model-tests`: test support for generated crates' endpoint test cases (their
//!   dev-dependency): `endpoint::Partitions::as_of_model_tests` and the assertions.
//! - `params`: test support. Builds generated values from Smithy params JSON (the node
//!   values of `smithy.test` protocol tests), in the module `params`.
//! - `serde`: `Serialize` and `Deserialize` for [`Blob`], [`DateTime`], [`Document`],
//!   [`BigInteger`] and [`BigDecimal`], for generated crates' own `serde` feature. The forms
//!   read back exactly: a blob is a standard base64 string with padding; a timestamp an
//!   RFC 3339 `date-time` string in UTC with its nanoseconds (`"2024-02-29T12:00:00.5Z"`), or,
//!   outside the years 0001 to 9999, the seconds since the epoch as a decimal string
//!   (`"-62135596801.25"`); a document the JSON value it holds (serializing NaN or an
//!   infinity in it fails, JSON having no form for them); a big number its decimal text as
//!   a string. Generated types write floats as numbers, and NaN and the infinities as the
//!   strings `"NaN"`, `"Infinity"` and `"-Infinity"`. Reading also takes a timestamp as a
//!   number of epoch seconds or with any RFC 3339 offset, and a big number as a JSON
//!   number. `@sensitive` values are serialized in full: `@sensitive` only keeps them out of
//!   `Debug`, and serializing is the caller's explicit act.
//!
//! What generated code calls beyond this (codecs, wire helpers, pattern programs) is in a
//! hidden module whose contents follow the generator, not semver: do not call it directly.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "endpoints")]
pub mod endpoint;
#[cfg(feature = "json")]
mod json;
pub mod jmespath;
pub mod waiter;
#[cfg(feature = "params")]
pub mod params;
mod pattern;
mod primitives;
#[cfg(feature = "serde")]
mod serde_impls;
mod stream;
mod validation;
mod wire;

pub use primitives::{
    BigDecimal, BigInteger, Blob, BuildError, DateTime, Document, Number, ParseNumberError,
    UnknownVariantValue,
};
pub use stream::{BoxError, ByteStream};
pub use validation::{ValidationError, Violation};
pub use wire::{RequestError, RequestOptions, ResponseError, UnmodeledError, WireError};
pub use wire::{glacier_tree_hash, validate_response_checksum, ChecksumAlgorithm, ChecksumCalculation, ChecksumHasher, ChecksumMismatch};

/// What generated code calls: not part of the public API, and free to change with the
/// generator. Each module re-exports one concern of the runtime.
#[doc(hidden)]
pub mod __private {
    /// The JSON body codec and the error rules of the JSON protocols.
    #[cfg(feature = "json")]
    pub mod json {
        pub use crate::json::*;
    }
    /// Java's meaning of `@pattern`: the backtracking matcher and its programs.
    pub mod pattern {
        pub use crate::pattern::*;
    }
    /// The checks of generated `validate()` methods.
    pub mod validation {
        pub use crate::validation::*;
    }
    /// The HTTP bindings' value texts, request building and response reading.
    pub mod wire {
        pub use crate::wire::*;
    }
    /// The assertions of generated endpoint tests.
    #[cfg(feature = "model-tests")]
    pub mod endpoint {
        pub use crate::endpoint::expect::*;
    }
    /// The helpers of generated `Serialize` and `Deserialize` code.
    #[cfg(feature = "serde")]
    pub mod serde {
        pub use crate::serde_impls::{floats, present, union_empty, union_members, UnitValue, UNKNOWN_MEMBER};
    }
    /// What `Debug` prints for a `@sensitive` value.
    pub use crate::primitives::REDACTED;
    /// The linear-time engine of `@pattern`, the version this runtime matches with.
    pub use regex;
}
