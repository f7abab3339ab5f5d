//! The sans-IO endpoint path of a generated crate, on the `endpoints` golden: parameters
//! from built-ins, then what each operation binds from its input (context parameters,
//! static ones, `operationContextParams` paths), resolution, and a request sent to the
//! endpoint with the operation's host prefix.

use codegen_tests::goldens::endpoints::shop::{self, endpoint::Params, operations};
use smithy_runtime::endpoint::{BuiltIns, Endpoint};
use smithy_runtime::{RequestError, RequestOptions};

fn base(region: &str) -> Params {
    let mut params = Params::from_built_ins(&BuiltIns::for_region(region));
    params.stage = Some("beta".to_owned());
    params
}

#[test]
fn an_input_member_binds_its_parameter_and_the_host_prefix_goes_before_the_resolved_host() {
    let input = shop::GetItemInput::builder().id("42").shard("s1").tenant("acme").store("beta").build();
    let params = operations::GetItem::endpoint_params(&input, &base("us-west-2"));
    assert_eq!(params.tenant.as_deref(), Some("acme"));
    assert_eq!(params.stage.as_deref(), Some("beta"));
    let endpoint = params.resolve().unwrap();
    assert_eq!(endpoint.url(), "https://acme.shop.us-west-2.amazonaws.com");
    assert_eq!(endpoint.auth_schemes()[0].signing_name.as_deref(), Some("shop"));
    let request = operations::GetItem::request_to(&input, &endpoint, &RequestOptions::new()).unwrap();
    assert_eq!(request.uri(), "https://s1.data.acme.shop.us-west-2.amazonaws.com/items/42?tenant=acme");
    assert_eq!(request.headers()["x-tenant"], "acme", "the endpoint's headers are added");
    assert_eq!(request.headers()["x-shard"], "s1");
}

#[test]
fn an_unset_member_leaves_the_base_value_and_a_bad_host_label_is_an_error_naming_it() {
    let mut base = base("us-west-2");
    base.tenant = Some("fallback".to_owned());
    let input = shop::GetItemInput::builder().id("42").shard("not a label").store("main").build();
    let params = operations::GetItem::endpoint_params(&input, &base);
    assert_eq!(params.tenant.as_deref(), Some("fallback"));
    assert_eq!(params.stage.as_deref(), Some("main"), "a member is more specific than the client's setting");
    let endpoint = params.resolve().unwrap();
    match operations::GetItem::request_to(&input, &endpoint, &RequestOptions::new()) {
        Err(error @ RequestError::Endpoint(_)) => assert_eq!(
            error.to_string(),
            "cannot send the request to the endpoint: `shard` must be a valid host label to prefix the host with, \
             and `not a label` is not"
        ),
        other => panic!("expected an endpoint error, got {other:?}"),
    }
}

#[test]
fn static_parameters_and_a_keys_path_are_bound() {
    let archive = shop::ArchiveItemsInput::builder().build();
    let params = operations::ArchiveItems::endpoint_params(&archive, &base("eu-west-1"));
    assert_eq!((params.archived, params.tags.as_ref()), (Some(true), None), "keys() of an absent map is null");
    assert_eq!(params.resolve().unwrap().url(), "https://archive.shop.eu-west-1.amazonaws.com");
    let labelled = shop::ArchiveItemsInput::builder()
        .labels(
            [("zeta".to_owned(), "1".to_owned()), ("alpha".to_owned(), "2".to_owned())]
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
        .build();
    let params = operations::ArchiveItems::endpoint_params(&labelled, &base("eu-west-1"));
    assert_eq!(params.tags, Some(vec!["alpha".to_owned(), "zeta".to_owned()]));
    let endpoint = params.resolve().unwrap();
    assert_eq!(endpoint.url(), "https://shop.eu-west-1.amazonaws.com/alpha");
    // An enum is a host label too.
    let zoned = shop::ArchiveItemsInput::builder().zone(shop::Zone::North).build();
    let request = operations::ArchiveItems::request_to(&zoned, &endpoint, &RequestOptions::new()).unwrap();
    assert_eq!(request.uri(), "https://north-archive.shop.eu-west-1.amazonaws.com/alpha/archive");
}

#[test]
fn a_projection_skips_nulls_and_a_nested_path_stops_at_one() {
    let item = |name: Option<&str>| shop::Item::builder().set_name(name.map(str::to_owned)).build();
    let input = shop::PingInput::builder()
        .items(vec![item(Some("a")), item(None), item(Some("b"))])
        .owner(shop::Owner::builder().tenant("t1").build())
        .build();
    let params = operations::Ping::endpoint_params(&input, &base("us-east-1"));
    assert_eq!(params.tags, Some(vec!["a".to_owned(), "b".to_owned()]));
    assert_eq!(params.tenant.as_deref(), Some("t1"));
    let no_owner = shop::PingInput::builder().items(vec![]).build();
    let params = operations::Ping::endpoint_params(&no_owner, &base("us-east-1"));
    assert_eq!((params.tags, params.tenant), (Some(Vec::new()), None));
}

#[test]
fn a_given_endpoint_needs_no_rule_set_and_errors_keep_the_rule_sets_words() {
    let input = shop::GetItemInput::builder().id("7").shard("s2").store("main").build();
    let endpoint = Endpoint::new("http://127.0.0.1:9000/base/");
    let request = operations::GetItem::request_to(&input, &endpoint, &RequestOptions::new()).unwrap();
    assert_eq!(request.uri(), "http://s2.data.127.0.0.1:9000/base/items/7");
    let missing_region = Params::default().resolve().unwrap_err();
    assert_eq!(missing_region.to_string(), "Invalid Configuration: Missing Region");
    let custom = Params { endpoint: Some("not a url".to_owned()), ..Params::default() };
    assert_eq!(
        custom.resolve().unwrap_err().to_string(),
        "invalid endpoint: `not a url` is not an absolute URL (a scheme and a host)"
    );
}

#[test]
fn a_required_member_bound_to_a_parameter_must_not_be_blank() {
    let input = shop::GetItemInput::builder().id("7").shard("s2").store("  ").build();
    let endpoint = Endpoint::new("https://example.com");
    let error = operations::GetItem::request_to(&input, &endpoint, &RequestOptions::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot send the request to the endpoint: `store` is required and routes the request (an endpoint parameter): \
         it must not be empty or only white space"
    );
}
