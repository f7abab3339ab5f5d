//! Endpoint resolution of the four services: nanoseconds per `Params::resolve`, for a
//! regional endpoint, a FIPS one, a custom endpoint and a configuration error, and the one-off
//! cost of compiling a rule set (what the first call of each service pays). Reports the median
//! over several samples. Run: `cargo bench -p codegen-tests --bench endpoints`.

use smithy_runtime::endpoint::RuleSet;

#[path = "support/measure.rs"]
mod measure;
use measure::measure;

/// The four services' `resolve` cases, by name, each checking its result.
macro_rules! service {
    ($module:ident, $url:literal) => {{
        use generated::$module::endpoint::Params;
        let regional = Params { region: Some("us-west-2".to_owned()), ..Params::default() };
        let fips = Params { region: Some("us-gov-west-1".to_owned()), use_fips: Some(true), ..Params::default() };
        let custom = Params { endpoint: Some("https://localhost:8443".to_owned()), ..Params::default() };
        let missing = Params::default();
        let name = stringify!($module);
        measure(&format!("{name}: regional"), 20_000, || {
            regional.resolve().is_ok_and(|e| e.url() == $url)
        });
        measure(&format!("{name}: FIPS, us-gov"), 20_000, || fips.resolve().is_ok_and(|e| e.url().contains("fips")));
        measure(&format!("{name}: custom endpoint"), 20_000, || {
            custom.resolve().is_ok_and(|e| e.url() == "https://localhost:8443")
        });
        measure(&format!("{name}: missing region (error rule)"), 20_000, || missing.resolve().is_err());
    }};
}

fn main() {
    service!(lookoutequipment, "https://lookoutequipment.us-west-2.amazonaws.com");
    service!(datazone, "https://datazone.us-west-2.api.aws");
    service!(personalize, "https://personalize.us-west-2.amazonaws.com");
    service!(quicksight, "https://quicksight.us-west-2.amazonaws.com");
    // The first call of a service compiles its rule set; S3's is the largest of the corpus.
    let models = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/aws-models/s3.json");
    if let Ok(text) = std::fs::read_to_string(&models) {
        let model: serde_json::Value = serde_json::from_str(&text).expect("the S3 model is JSON");
        let service = model["shapes"].as_object().and_then(|shapes| {
            shapes.values().find_map(|shape| shape["traits"].get("smithy.rules#endpointRuleSet"))
        });
        if let Some(rule_set) = service {
            let embedded = codegen::ir::endpoints::embedded_rule_set(rule_set);
            println!("S3's embedded rule set: {} bytes", embedded.len());
            measure("compiling S3's rule set (once per process)", 50, || RuleSet::from_json(&embedded).is_ok());
        }
    } else {
        println!("S3's rule set: skipped, because {} is absent", models.display());
    }
}
