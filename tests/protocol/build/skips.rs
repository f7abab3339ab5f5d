//! Cases skipped because they test a feature outside the generated wire code; each reason is
//! written into the test as `#[ignore = "…"]`, so `cargo test` lists it. None is skipped
//! today: request compression, checksums and the Glacier and API Gateway customizations run.

use crate::cases::Case;

/// Why a case is not run, or `None` when it runs.
pub fn skip_reason(case: &Case) -> Option<String> {
    let _ = case;
    None
}
