//! Generated `validate()` on the four operations of `models/`: every constraint of their
//! inputs, valid and invalid, multi-byte strings at the length bounds, and the patterns of
//! the seed documents (`../shared/seeds/`), including where ECMA-262 differs from other
//! regex dialects.

use generated::datazone::StartDataSourceRunInput;
use generated::lookoutequipment::{IngestionInputConfiguration, IngestionS3InputConfiguration, StartDataIngestionJobRequest};
use generated::personalize::{CreateDatasetImportJobRequest, DataSource, ImportMode, Tag};
use generated::quicksight::{CreateIngestionRequest, IngestionType};
use smithy_runtime::ValidationError;

/// `(path, message)` of every violation; empty when valid.
fn violations(result: Result<(), ValidationError>) -> Vec<(String, String)> {
    match result {
        Ok(()) => Vec::new(),
        Err(error) => {
            assert!(!error.violations().is_empty(), "an error holds violations");
            error.violations().iter().map(|v| (v.path().to_owned(), v.message().to_owned())).collect()
        }
    }
}

fn paths(result: Result<(), ValidationError>) -> Vec<String> {
    violations(result).into_iter().map(|(path, _)| path).collect()
}

fn lookout() -> StartDataIngestionJobRequest {
    let s3 = IngestionS3InputConfiguration::builder().bucket("sensor-data").prefix("pump-7/").key_pattern("x").build().unwrap();
    StartDataIngestionJobRequest::builder()
        .dataset_name("pumps_2024-A")
        .ingestion_input_configuration(IngestionInputConfiguration::builder().s3_input_configuration(s3).build().unwrap())
        .role_arn("arn:aws:iam::123456789012:role/ingest")
        .client_token("token-1")
        .build()
}

fn datazone() -> StartDataSourceRunInput {
    StartDataSourceRunInput::builder().domain_identifier("dzd_abc-123").data_source_identifier("ds_1-a").build()
}

fn personalize() -> CreateDatasetImportJobRequest {
    CreateDatasetImportJobRequest::builder()
        .job_name("import-1")
        .dataset_arn("arn:aws:personalize:us-east-1:123456789012:dataset/x")
        .data_source(DataSource::builder().data_location("s3://bucket/folder/file.csv").build())
        .role_arn("arn:aws:iam::123456789012:role/personalize")
        .tags(vec![Tag::builder().tag_key("team").tag_value("ml").build().unwrap()])
        .import_mode(ImportMode::Incremental)
        .build()
}

fn quicksight() -> CreateIngestionRequest {
    CreateIngestionRequest::builder()
        .data_set_id("any text")
        .ingestion_id("ingestion_1-a")
        .aws_account_id("123456789012")
        .ingestion_type(IngestionType::FullRefresh)
        .build()
}

#[test]
fn representative_inputs_are_valid() {
    assert_eq!(violations(lookout().validate()), []);
    assert_eq!(violations(datazone().validate()), []);
    assert_eq!(violations(personalize().validate()), []);
    assert_eq!(violations(quicksight().validate()), []);
}

#[test]
fn unset_required_members_are_reported_all_at_once() {
    let empty = StartDataIngestionJobRequest::builder().build();
    // `ClientToken` is an idempotency token: the client fills it in when unset.
    assert_eq!(paths(empty.validate()), ["/DatasetName", "/IngestionInputConfiguration", "/RoleArn"]);
    let error = empty.validate().unwrap_err();
    assert_eq!(
        error.violations()[0].message(),
        "Value at '/DatasetName' failed to satisfy constraint: Member must not be null"
    );
    assert!(error.to_string().starts_with("3 validation errors detected. Value at '/DatasetName'"), "{error}");
    assert_eq!(paths(CreateIngestionRequest::builder().build().validate()), ["/AwsAccountId", "/DataSetId", "/IngestionId"]);
    assert_eq!(paths(StartDataSourceRunInput::builder().build().validate()), ["/dataSourceIdentifier", "/domainIdentifier"]);
    assert_eq!(paths(CreateDatasetImportJobRequest::builder().build().validate()), ["/dataSource", "/datasetArn", "/jobName", "/roleArn"]);
}

#[test]
fn nested_violations_have_json_pointer_paths() {
    let mut input = lookout();
    let config = input.ingestion_input_configuration.as_mut().unwrap();
    config.s3_input_configuration.bucket = "ab".into();
    config.s3_input_configuration.key_pattern = Some(String::new());
    assert_eq!(
        violations(input.validate()),
        [
            (
                "/IngestionInputConfiguration/S3InputConfiguration/Bucket".to_owned(),
                "Value with length 2 at '/IngestionInputConfiguration/S3InputConfiguration/Bucket' failed to satisfy constraint: Member must have length between 3 and 63, inclusive".to_owned()
            ),
            (
                "/IngestionInputConfiguration/S3InputConfiguration/Bucket".to_owned(),
                "Value at '/IngestionInputConfiguration/S3InputConfiguration/Bucket' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9]$".to_owned()
            ),
            (
                "/IngestionInputConfiguration/S3InputConfiguration/KeyPattern".to_owned(),
                "Value with length 0 at '/IngestionInputConfiguration/S3InputConfiguration/KeyPattern' failed to satisfy constraint: Member must have length between 1 and 2048, inclusive".to_owned()
            ),
        ]
    );
    let mut input = personalize();
    input.tags = Some(vec![
        Tag::builder().tag_key("ok").tag_value("").build().unwrap(),
        Tag::builder().tag_key("").tag_value("v").build().unwrap(),
    ]);
    assert_eq!(paths(input.validate()), ["/tags/1/tagKey"]);
}

#[test]
fn string_lengths_count_unicode_scalar_values() {
    // KeyPattern: length 1..=2048. One emoji is 4 bytes but one character.
    let with_key = |key: String| {
        let mut input = lookout();
        input.ingestion_input_configuration.as_mut().unwrap().s3_input_configuration.key_pattern = Some(key);
        paths(input.validate())
    };
    assert_eq!(with_key("👍".into()), Vec::<String>::new());
    assert_eq!(with_key("日".repeat(2048)), Vec::<String>::new());
    assert_eq!(with_key("日".repeat(2049)), ["/IngestionInputConfiguration/S3InputConfiguration/KeyPattern"]);
    assert_eq!(with_key("👍".repeat(2048)), Vec::<String>::new());
    // Personalize TagKey: length 1..=128 and letters of any script.
    let with_tag_key = |key: String| {
        let mut input = personalize();
        input.tags = Some(vec![Tag::builder().tag_key(key).tag_value("v").build().unwrap()]);
        violations(input.validate())
    };
    assert_eq!(with_tag_key("標籤".repeat(64)), []);
    let too_long = with_tag_key("標".repeat(129));
    assert_eq!(too_long.len(), 1);
    assert!(too_long[0].1.starts_with("Value with length 129 at '/tags/0/tagKey'"), "{too_long:?}");
    // An emoji is a symbol, not a letter: the pattern rejects it, the length does not.
    let emoji = with_tag_key("👍".into());
    assert_eq!(emoji.len(), 1);
    assert!(emoji[0].1.contains("regular expression pattern"));
}

#[test]
fn length_bounds_are_inclusive() {
    let with_account = |id: &str| {
        let mut input = quicksight();
        input.aws_account_id = Some(id.into());
        violations(input.validate())
    };
    assert_eq!(with_account("123456789012"), []);
    let short = with_account("12345678901");
    assert_eq!(short.len(), 2, "length and pattern: {short:?}");
    assert_eq!(
        short[0].1,
        "Value with length 11 at '/AwsAccountId' failed to satisfy constraint: Member must have length between 12 and 12, inclusive"
    );
    // Personalize tags: `@length(min: 0, max: 200)`.
    let mut input = personalize();
    input.tags = Some(vec![Tag::builder().tag_key("k").tag_value("v").build().unwrap(); 200]);
    assert_eq!(violations(input.validate()), []);
    input.tags = Some(vec![Tag::builder().tag_key("k").tag_value("v").build().unwrap(); 201]);
    assert_eq!(
        violations(input.validate()),
        [(
            "/tags".to_owned(),
            "Value with length 201 at '/tags' failed to satisfy constraint: Member must have length between 0 and 200, inclusive".to_owned()
        )]
    );
}

#[test]
fn enum_values_outside_the_model_are_reported() {
    let mut input = quicksight();
    input.ingestion_type = Some(IngestionType::from("PARTIAL_REFRESH"));
    assert_eq!(
        violations(input.validate()),
        [(
            "/IngestionType".to_owned(),
            "Value at '/IngestionType' failed to satisfy constraint: Member must satisfy enum value set: [FULL_REFRESH, INCREMENTAL_REFRESH]".to_owned()
        )]
    );
    let mut input = personalize();
    input.import_mode = Some(ImportMode::from("PARTIAL"));
    assert_eq!(paths(input.validate()), ["/importMode"]);
}

#[test]
fn messages_never_contain_the_value() {
    let secret = "SECRET-VALUE-THAT-MUST-NOT-LEAK";
    let mut input = lookout();
    input.dataset_name = Some(format!("{secret}!").repeat(7));
    input.role_arn = Some(secret.into());
    input.client_token = Some(format!("{secret}é"));
    let error = input.validate().unwrap_err();
    assert_eq!(error.violations().len(), 4, "{error}");
    assert!(!error.to_string().contains(secret), "{error}");
    assert!(!format!("{error:?}").contains(secret));
}

/// The patterns of the seed documents (the API reference writes them without the anchors
/// the model has), each on a value it accepts and one it rejects.
#[test]
fn seed_document_patterns() {
    let check = |set: &dyn Fn(&mut StartDataIngestionJobRequest, String), value: &str, field: &str, ok: bool| {
        let mut input = lookout();
        set(&mut input, value.to_owned());
        let found = paths(input.validate());
        assert_eq!(found.is_empty(), ok, "{field} = {value:?}: {found:?}");
    };
    // ClientToken, `\p{ASCII}{1,256}`: every ASCII character, nothing else.
    let token = |i: &mut StartDataIngestionJobRequest, v: String| i.client_token = Some(v);
    check(&token, "~!@# {}\u{7f}", "ClientToken", true);
    check(&token, "tokén", "ClientToken", false);
    // DatasetName, `^[0-9a-zA-Z_-]{1,200}$`.
    let name = |i: &mut StartDataIngestionJobRequest, v: String| i.dataset_name = Some(v);
    check(&name, "Pump_7-a", "DatasetName", true);
    check(&name, "pump 7", "DatasetName", false);
    // RoleArn, `arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+`.
    let role = |i: &mut StartDataIngestionJobRequest, v: String| i.role_arn = Some(v);
    check(&role, "arn:aws-cn:iam::123456789012:role/x", "RoleArn", true);
    check(&role, "arn:aws:iam::12345678901:role/xxxxx", "RoleArn", false);
    // `\d` and `[0-9]` are ASCII in ECMA-262: Arabic-Indic digits are not digits here.
    check(&role, "arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:role/x", "RoleArn", false);
}

#[test]
fn java_semantics_where_dialects_disagree() {
    // Personalize RoleArn: `^arn:([a-z\d-]+):iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+$`;
    // Java's `\d` is ASCII (Rust's default `\d`, and Java's under UNICODE_CHARACTER_CLASS,
    // would accept these), and Java's `$` also matches before a final line terminator.
    let with_role = |arn: &str| {
        let mut input = personalize();
        input.role_arn = Some(arn.into());
        paths(input.validate())
    };
    assert_eq!(with_role("arn:aws:iam::123456789012:role/x"), Vec::<String>::new());
    assert_eq!(with_role("arn:aws:iam::１２３４５６７８９０１２:role/x"), ["/roleArn"]);
    assert_eq!(with_role("arn:aws:iam::߀߁߂߃߄߅߆߇߈߉߀߁:role/x"), ["/roleArn"]);
    assert_eq!(with_role("arn:aws:iam::123456789012:role/x\n"), Vec::<String>::new());
    assert_eq!(with_role("arn:aws:iam::123456789012:role/x\n\n"), ["/roleArn"]);
    // TagKey `[\p{L}\p{Z}\p{N}…]`: Unicode properties do reach beyond ASCII.
    let mut input = personalize();
    input.tags = Some(vec![Tag::builder().tag_key("Ключ 键 ٣").tag_value("v").build().unwrap()]);
    assert_eq!(violations(input.validate()), []);
}

#[test]
fn unanchored_patterns_match_anywhere() {
    // The DataZone patterns are anchored; the Personalize S3 location `^(s3|http|https)://.+$`
    // too; an unanchored alternative inside an anchored one still decides per branch:
    // LookoutEquipment S3Prefix is `^(^$)|([…]{1,1023}/$)$`, i.e. empty, or anything ending
    // in `/` (the second branch is not anchored at the start).
    let with_prefix = |prefix: &str| {
        let mut input = lookout();
        input.ingestion_input_configuration.as_mut().unwrap().s3_input_configuration.prefix = Some(prefix.into());
        paths(input.validate())
    };
    assert_eq!(with_prefix(""), Vec::<String>::new());
    assert_eq!(with_prefix("a/b/"), Vec::<String>::new());
    assert_eq!(with_prefix("ǅ€🚀 then/"), Vec::<String>::new(), "only the tail must match");
    assert_eq!(with_prefix("no-slash"), ["/IngestionInputConfiguration/S3InputConfiguration/Prefix"]);
    let with_domain = |id: &str| {
        let mut input = datazone();
        input.domain_identifier = Some(id.into());
        paths(input.validate())
    };
    assert_eq!(with_domain("dzd_" ), ["/domainIdentifier"]);
    assert_eq!(with_domain("x dzd_abc"), ["/domainIdentifier"]);
    assert_eq!(with_domain(&format!("dzd-{}", "a".repeat(36))), Vec::<String>::new());
    assert_eq!(with_domain(&format!("dzd-{}", "a".repeat(37))), ["/domainIdentifier"]);
}

/// The seed document's patterns exactly as it prints them (without the model's anchors),
/// through the generator's pattern preparation: unanchored, they match anywhere.
#[test]
fn seed_patterns_as_printed_are_unanchored() {
    use codegen::ir::pattern::prepare;
    let matches = |pattern: &str, text: &str| prepare(pattern).unwrap().matcher().unwrap().is_match(text);
    assert!(matches(r"\p{ASCII}{1,256}", "é then ascii"), "one ASCII character anywhere is enough");
    assert!(!matches(r"\p{ASCII}{1,256}", "éà"));
    assert!(matches(r"arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+", "prefix arn:aws:iam::123456789012:role/x"));
    assert!(!matches(r"^arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+$", "prefix arn:aws:iam::123456789012:role/x"));
    // The response's JobId pattern admits an empty match, so unanchored it accepts anything.
    assert!(matches(r"[A-Fa-f0-9]{0,32}", "not hex at all"));
    assert!(!matches(r"^[A-Fa-f0-9]{0,32}$", "not hex at all"));
    assert!(matches(r"^[0-9a-zA-Z_-]{1,200}$", "Pump_7-a"));
}
