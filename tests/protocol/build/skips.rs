//! Cases skipped because they test a feature outside the wire-protocol issue; each reason is
//! written into the test as `#[ignore = "…"]`, so `cargo test` lists it.

use crate::cases::{Case, Kind};

/// Why a case is not run, or `None` when it runs.
pub fn skip_reason(case: &Case) -> Option<String> {
    let json = &case.json;
    let has_trait = |id: &str| case.operation_traits.get(id).is_some();
    if case.kind == Kind::Request && has_trait("smithy.api#requestCompression") {
        return Some("request compression (smithy.api#requestCompression) is outside the wire-protocol issue".to_owned());
    }
    if case.kind == Kind::Request && has_trait("smithy.api#httpChecksumRequired") {
        return Some("request checksums (smithy.api#httpChecksumRequired, Content-MD5) are outside the wire-protocol issue".to_owned());
    }
    let expects_header = |name: &str| {
        json.get("headers").and_then(|h| h.as_object()).is_some_and(|h| h.keys().any(|k| k.eq_ignore_ascii_case(name)))
    };
    if case.kind == Kind::Request && expects_header("X-Amz-Glacier-Version") {
        return Some(
            "Glacier's SDK customizations (X-Amz-Glacier-Version header, `-` as the default account id, tree-hash checksums) are not part of the protocol"
                .to_owned(),
        );
    }
    if case.kind == Kind::Request && case.module == "apigateway" && expects_header("Accept") {
        return Some("API Gateway's SDK customization (Accept: application/json) is not part of the protocol".to_owned());
    }
    None
}
