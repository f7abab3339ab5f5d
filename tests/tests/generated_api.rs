//! How the generated types behave for a user: builders, defaults, open enums, unions,
//! errors, recursion and redaction of `@sensitive` values. Uses the `generated` crate and
//! the compiled goldens of `tests/models/`.

use codegen_tests::goldens::{nullability, recursion, shapes};
use smithy_runtime::{BuildError, DateTime, Document};
use smithy_runtime::__private::REDACTED;
use generated::lookoutequipment as lookout;

#[test]
fn build_fails_naming_every_unset_required_member() {
    let error: BuildError = nullability::nullability_service::RequiredMembers::builder()
        .required_string("set")
        .build()
        .expect_err("required members are unset");
    assert_eq!(error.type_name(), "RequiredMembers");
    assert_eq!(
        error.missing_members(),
        [
            "requiredBlob",
            "requiredDocument",
            "requiredEnum",
            "requiredList",
            "requiredMap",
            "requiredStruct",
            "requiredTimestamp",
            "requiredUnion"
        ]
    );
    assert!(error.to_string().contains("requiredBlob, requiredDocument"), "{error}");
}

#[test]
fn input_structures_build_with_nothing_set() {
    // Smithy 2.0: every member of an @input structure is optional for clients.
    let request = lookout::StartDataIngestionJobRequest::builder().build();
    assert_eq!(request.dataset_name, None);
    let request = lookout::StartDataIngestionJobRequest::builder().dataset_name("pump-data").build();
    assert_eq!(request.dataset_name.as_deref(), Some("pump-data"));
}

#[test]
fn nested_required_members_are_enforced() {
    let error = lookout::IngestionS3InputConfiguration::builder().prefix("p/").build().unwrap_err();
    assert_eq!(error.missing_members(), ["Bucket"]);
    let config = lookout::IngestionS3InputConfiguration::builder().bucket("b").build().unwrap();
    assert_eq!((config.bucket.as_str(), config.prefix), ("b", None));
}

#[test]
fn defaults_fill_unset_members() {
    use nullability::nullability_service::{Defaults, Level, Mode};
    let defaults = Defaults::builder().build();
    assert_eq!(defaults.string_default, "hello");
    assert_eq!(defaults.enum_default, Mode::Fast);
    assert_eq!(defaults.int_enum_default, Level::from(2));
    assert_eq!(defaults.blob_default.as_bytes(), b"hello");
    assert_eq!(defaults.timestamp_epoch_default, DateTime::from_secs(1_515_531_081));
    // "1985-04-12T23:20:50.52Z", the example of RFC 3339.
    assert_eq!(defaults.timestamp_string_default, DateTime::from_secs_and_nanos(482_196_050, 520_000_000));
    assert_eq!(defaults.document_boolean_default, Document::Bool(true));
    assert!(defaults.list_default.is_empty() && defaults.map_default.is_empty());
    assert_eq!(defaults.null_default, None);
    assert_eq!(defaults.added_default, None);
    // A value the caller sets wins over the default.
    assert_eq!(Defaults::builder().string_default("mine").build().string_default, "mine");
}

#[test]
fn enums_keep_values_they_do_not_know() {
    use lookout::IngestionJobStatus;
    assert_eq!(IngestionJobStatus::from("IN_PROGRESS"), IngestionJobStatus::InProgress);
    let newer = IngestionJobStatus::from("PAUSED");
    assert!(matches!(newer, IngestionJobStatus::Unknown(_)));
    assert_eq!(newer.as_str(), "PAUSED");
    assert_eq!("SUCCESS".parse::<IngestionJobStatus>(), Ok(IngestionJobStatus::Success));
    assert!(IngestionJobStatus::values().contains(&"IMPORT_IN_PROGRESS"));

    use shapes::shapes_service::Priority;
    assert_eq!(Priority::from(10), Priority::High);
    assert_eq!(Priority::from(7), Priority::Unknown(7));
    assert_eq!(Priority::Negative.value(), -1);
}

#[test]
fn unions_and_recursion() {
    use recursion::recursion_service::{BinaryOp, Expression, Person, Pet};
    let sum = BinaryOp::builder().left(Expression::Literal(1)).right(Expression::Variable("x".into())).build().unwrap();
    let expression = Expression::Negate(Box::new(Expression::Add(Box::new(sum))));
    let inner = expression.as_negate().and_then(Expression::as_add).expect("negate(add)");
    assert_eq!(inner.left.as_literal(), Some(&1));
    assert!(!expression.is_unknown() && Expression::Unknown.is_unknown());

    let owner = Person::builder().name("Ada").build();
    let pet = Pet::builder().name("Rex").owner(owner.clone()).build().unwrap();
    assert_eq!(*pet.owner, owner);
    let person = Person::builder().pet(pet).build();
    assert_eq!(person.pet.as_ref().map(|p| p.owner.name.as_deref()), Some(Some("Ada")));
}

#[test]
fn errors_are_std_errors_with_their_message() {
    let error = lookout::ValidationException::builder().message("bad dataset name").build().unwrap();
    assert_eq!(error.to_string(), "ValidationException: bad dataset name");
    assert_eq!(lookout::ValidationException::HTTP_STATUS, 400);
    let boxed: Box<dyn std::error::Error> = Box::new(error);
    assert!(boxed.to_string().contains("bad dataset name"));
    assert_eq!(shapes::shapes_service::EmptyError::builder().build().message(), None);
}

#[test]
fn debug_hides_sensitive_values() {
    use shapes::shapes_service::{Credentials, GetEverythingInput};
    let input = GetEverythingInput::builder().password("hunter2").json_text("{}").build();
    let shown = format!("{input:?}");
    assert!(!shown.contains("hunter2") && shown.contains(REDACTED), "{shown}");
    assert!(shown.contains("json_text"), "{shown}");
    let builder = GetEverythingInput::builder().password("hunter2");
    assert!(!format!("{builder:?}").contains("hunter2"));

    let credentials = Credentials::builder().build();
    assert_eq!(format!("{credentials:?}"), REDACTED);
}
