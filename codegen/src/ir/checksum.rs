//! What an operation does to its request body beyond the protocol: compression
//! (`smithy.api#requestCompression`) and checksums (`smithy.api#httpChecksumRequired`,
//! `aws.protocols#httpChecksum`). The runtime does the work; this decides which parts an
//! operation calls, from its traits.

use super::wire::{Location, OperationWire};
use super::Field;
use crate::error::Diagnostic;
use crate::model::{Shape, ShapeId};
use serde_json::Value;

/// The checksum a request carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum RequestChecksum {
    /// None.
    #[default]
    None,
    /// `@httpChecksumRequired`: `Content-MD5`.
    Md5,
    /// `aws.protocols#httpChecksum` with a request checksum: `x-amz-checksum-<algorithm>`.
    Flexible {
        /// The input field naming the algorithm (`requestAlgorithmMember`), if any.
        algorithm_field: Option<String>,
        /// The header that field is bound to (`x-amz-sdk-checksum-algorithm`), if any.
        algorithm_header: Option<String>,
        /// `requestChecksumRequired`.
        required: bool,
    },
}

/// Fills [`OperationWire::request_compression`] and [`OperationWire::checksum`] from the
/// operation's traits. A trait naming a member the input does not have is an error.
pub(super) fn lower(op: &Shape, id: &ShapeId, input: &[Field], wire: &mut OperationWire) -> Result<(), Diagnostic> {
    let traits = &op.traits.other;
    // gzip is the one encoding the runtime has, so it is the first supported one whenever it
    // is listed. A `@requiresLength` stream forbids the trait (its validation), so such an
    // operation is sent uncompressed rather than with a length that no longer holds.
    if let Some(encodings) = traits.get("smithy.api#requestCompression").and_then(|t| t.get("encodings")) {
        let gzip = encodings
            .as_array()
            .is_some_and(|list| list.iter().any(|e| e.as_str().is_some_and(|e| e.eq_ignore_ascii_case("gzip"))));
        wire.request_compression = gzip && !wire.requires_length;
    }
    if traits.contains_key("smithy.api#httpChecksumRequired") {
        wire.checksum = RequestChecksum::Md5;
    }
    // The flexible checksum replaces `Content-MD5` where a model has both (as S3's did).
    if let Some(checksum) = traits.get("aws.protocols#httpChecksum") {
        wire.response_checksums =
            checksum.get("responseAlgorithms").and_then(Value::as_array).is_some_and(|list| !list.is_empty());
        let required = checksum.get("requestChecksumRequired").and_then(Value::as_bool).unwrap_or(false);
        let member = checksum.get("requestAlgorithmMember").and_then(Value::as_str);
        let field = match member {
            Some(member) => Some(input.iter().find(|f| f.wire_name == member).ok_or_else(|| {
                Diagnostic::new(format!("`aws.protocols#httpChecksum` names the requestAlgorithmMember `{member}`, which the input does not have")).at(id)
            })?),
            None => None,
        };
        if field.is_some() || required {
            let algorithm_header = field
                .and_then(|f| f.binding.as_ref())
                .filter(|b| b.location == Location::Header)
                .map(|b| b.name.clone());
            wire.checksum = RequestChecksum::Flexible {
                algorithm_field: field.map(|f| f.name.clone()),
                algorithm_header,
                required,
            };
        }
    }
    Ok(())
}
