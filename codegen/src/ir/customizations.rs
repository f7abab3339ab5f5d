//! Request customizations of the AWS SDKs for particular services, which their models do not
//! express, keyed by service shape ID. Each is what every AWS SDK does for that service.

use super::wire::OperationWire;
use super::Field;
use crate::model::ShapeId;

/// A customization that needs code in `request` (fixed headers go in
/// [`OperationWire::fixed_headers`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Customization {
    /// An unset or empty field gets this value before the input is validated and sent.
    DefaultValue {
        /// The Rust field.
        field: String,
        /// Its value when unset or empty.
        value: String,
    },
    /// Glacier's upload checksums: `x-amz-sha256-tree-hash` and `x-amz-content-sha256`.
    GlacierChecksums,
}

/// Adds the customizations of the operation `op` of the service `service` (version `version`).
pub(super) fn apply(service: &ShapeId, version: Option<&str>, op: &ShapeId, input: &[Field], wire: &mut OperationWire) {
    match service.as_str() {
        // Amazon S3 Glacier. Every SDK sends the API version in `x-amz-glacier-version`,
        // which the service requires; uses `-` (the account of the credentials) for an unset
        // `accountId`; and sends the SHA-256 tree hash and the linear SHA-256 of the payload
        // of the two upload operations (the Glacier developer guide, "Computing Checksums").
        "com.amazonaws.glacier#Glacier" => {
            if let Some(version) = version {
                wire.fixed_headers.push(("X-Amz-Glacier-Version".to_owned(), version.to_owned()));
            }
            if let Some(field) = input.iter().find(|f| f.wire_name == "accountId") {
                wire.customizations
                    .push(Customization::DefaultValue { field: field.name.clone(), value: "-".to_owned() });
            }
            if matches!(op.name(), "UploadArchive" | "UploadMultipartPart") {
                wire.customizations.push(Customization::GlacierChecksums);
            }
        }
        // Amazon API Gateway. Every SDK sends `Accept: application/json`: without it, the
        // service may answer in HAL (`application/hal+json`), which the models do not describe.
        "com.amazonaws.apigateway#BackplaneControlService" => {
            wire.fixed_headers.push(("Accept".to_owned(), "application/json".to_owned()));
        }
        _ => {}
    }
}
