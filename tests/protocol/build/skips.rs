//! Cases skipped because they test a feature outside the wire-protocol issue; each reason is
//! written into the test as `#[ignore = "…"]`, so `cargo test` lists it.

use crate::cases::Case;

/// Why a case is not run, or `None` when it runs.
pub fn skip_reason(case: &Case) -> Option<String> {
    let json = &case.json;
    if json.get("resolvedHost").is_some() || json.get("host").and_then(|h| h.as_str()).is_some_and(|h| h.contains('/')) {
        return Some("endpoint resolution and host prefixes are out of scope: requests are origin-form".to_owned());
    }
    None
}
