//! The library functions on the examples of the rules-engine specification, and the
//! evaluator on small rule sets. The official test cases of every AWS model run in
//! `tests/tests/endpoints.rs`.

use super::functions::{self, is_ip, is_valid_host_label, is_virtual_hostable_s3_bucket, parse_arn, parse_url};
use super::*;

fn url(text: &str) -> Option<(&str, &str, &str, bool)> {
    parse_url(text).map(|p| (&text[p.scheme], &text[p.authority], &text[p.path], p.is_ip))
}

#[test]
fn parse_url_follows_the_specification_examples() {
    // The path is as written: empty here, where the specification's table says `/`; the
    // reference implementation (java.net.URL) and the AWS models' test cases say empty.
    assert_eq!(url("https://example.com"), Some(("https", "example.com", "", false)));
    assert_eq!(url("https://example.com:8443?foo=bar&faz=baz"), None);
    assert_eq!(url("http://example.com:80/foo/bar"), Some(("http", "example.com:80", "/foo/bar", false)));
    assert_eq!(url("https://127.0.0.1"), Some(("https", "127.0.0.1", "", true)));
    assert_eq!(url("https://[fe80::1]"), Some(("https", "[fe80::1]", "", true)));
    assert_eq!(url("https://[fe80::1]:443/x"), Some(("https", "[fe80::1]:443", "/x", true)));
    // Only HTTP schemes, numeric ports, no user info.
    assert_eq!(url("acbd://example.com"), None);
    assert_eq!(url("http://abc.com:a/foo"), None);
    assert_eq!(url("https://user:secret@example.com/x"), Some(("https", "example.com", "/x", false)));
    assert_eq!(url("HTTPS://example.com"), Some(("HTTPS", "example.com", "", false)));
    assert_eq!(url("example.com"), None);
    // Host labels are not validated; a dotted quad needs four decimal octets.
    assert_eq!(url("http://99_ab-.com"), Some(("http", "99_ab-.com", "", false)));
    assert_eq!(url("https://999.999.abc.blah"), Some(("https", "999.999.abc.blah", "", false)));
    assert!(!is_ip("01.2.3.4") && !is_ip("1.2.3") && is_ip("192.168.1.1"));
    assert_eq!(functions::normalized_path(""), "/");
    assert_eq!(functions::normalized_path("/foo/bar"), "/foo/bar/");
    assert_eq!(functions::normalized_path("foo"), "/foo/");
}

#[test]
fn split_and_substring_follow_the_specification_examples() {
    let split = |value: &str, delimiter: &str, limit: i64| -> Vec<String> {
        functions::split(value, delimiter, limit).unwrap().into_iter().map(|r| value[r].to_owned()).collect()
    };
    assert_eq!(split("a--b--c", "--", 0), ["a", "b", "c"]);
    assert_eq!(split("a--b--c", "--", 2), ["a", "b--c"]);
    assert_eq!(split("a--b--c", "--", 1), ["a--b--c"]);
    assert_eq!(split("", "--", 0), [""]);
    assert_eq!(split("--", "--", 0), ["", ""]);
    assert_eq!(split("----", "--", 0), ["", "", ""]);
    assert_eq!(split("--x-s3--azid--suffix", "--", 2), ["", "x-s3--azid--suffix"]);
    assert_eq!(split("abc", "x", 0), ["abc"]);
    assert_eq!(functions::split("abc", "", 0), None);
    let substring = |value: &str, start, stop, reverse| {
        functions::substring(value, start, stop, reverse).map(|r| value[r].to_owned())
    };
    assert_eq!(substring("abcdefg", 0, 4, false).as_deref(), Some("abcd"));
    assert_eq!(substring("abcdefg", 0, 4, true).as_deref(), Some("defg"));
    assert_eq!(substring("abc", 0, 4, false), None);
    assert_eq!(substring("abcd", 2, 2, false), None);
    assert_eq!(substring("ab\u{e9}cd", 0, 2, false), None);
}

#[test]
fn arns_and_labels() {
    let arn = "arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE";
    let parts = parse_arn(arn).unwrap();
    assert_eq!((&arn[parts.partition.clone()], &arn[parts.service.clone()]), ("aws", "ec2"));
    let resource: Vec<_> = parts.resource_id.iter().map(|r| &arn[r.clone()]).collect();
    assert_eq!(resource, ["vpc", "vpc-0e9801d129EXAMPLE"]);
    let iam = parse_arn("arn:aws:iam::012345678910:user/johndoe").unwrap();
    assert!(iam.region.is_empty());
    assert_eq!(parse_arn("11111111-2222-3333-4444-555555555555"), None);
    assert_eq!(parse_arn("arn:aws:s3:::"), None);
    assert!(
        is_valid_host_label("a-1", false) && !is_valid_host_label("-a", false) && !is_valid_host_label("a.b", false)
    );
    assert!(is_valid_host_label("a.b", true) && !is_valid_host_label("a..b", true) && !is_valid_host_label("", true));
    assert!(!is_valid_host_label(&"a".repeat(64), false));
    assert!(is_virtual_hostable_s3_bucket("my-bucket", false) && !is_virtual_hostable_s3_bucket("My-bucket", false));
    assert!(is_virtual_hostable_s3_bucket("a.b.c", true) && !is_virtual_hostable_s3_bucket("a.b.c", false));
    assert!(!is_virtual_hostable_s3_bucket("a-.b", true) && !is_virtual_hostable_s3_bucket("192.168.5.4", true));
}

#[test]
fn the_carried_partitions_table_reads_and_finds_regions() {
    let partitions = Partitions::aws();
    assert!(partitions.iter().count() >= 7);
    assert_eq!(partitions.find("us-east-1").unwrap().name, "aws");
    assert_eq!(partitions.find("cn-north-1").unwrap().dns_suffix, "amazonaws.com.cn");
    // By pattern, then the `aws` partition for what matches nothing.
    assert_eq!(partitions.find("us-gov-future-9").unwrap().name, "aws-us-gov");
    assert_eq!(partitions.find("mars-east-1").unwrap().name, "aws");
    // A pattern matches the whole region, as Java's `matches()` does.
    let custom = Partitions::from_json(
        r#"{"partitions": [{"id": "p", "regionRegex": "p-\\w+", "regions": {},
            "outputs": {"dnsSuffix": "p", "dualStackDnsSuffix": "p", "supportsFIPS": false,
                        "supportsDualStack": false, "implicitGlobalRegion": "p-1"}}]}"#,
    )
    .unwrap();
    assert_eq!(custom.find("p-east").map(|p| p.name.as_str()), Some("p"));
    assert!(custom.find("xp-east-1-").is_none(), "no aws partition to fall back to, and no partial match");
    // The two tables differ in the ISO partitions' dual-stack support.
    assert!(partitions.find("us-iso-east-1").unwrap().supports_dual_stack);
    #[cfg(feature = "model-tests")]
    {
        let older = Partitions::as_of_model_tests();
        assert!(older.iter().count() >= 7);
        assert!(!older.find("us-iso-east-1").unwrap().supports_dual_stack);
    }
}

const RULES: &str = r#"{
  "version": "1.0",
  "parameters": {
    "Region": {"type": "String", "builtIn": "AWS::Region"},
    "UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false},
    "Endpoint": {"type": "String", "builtIn": "SDK::Endpoint"}
  },
  "rules": [
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]},
                    {"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "url"}],
     "type": "endpoint",
     "endpoint": {"url": "{url#scheme}://{url#authority}{url#normalizedPath}x", "headers": {"x-a": ["{{literal}}"]}}},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
     "type": "tree",
     "rules": [
       {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"},
                       {"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]},
                       {"fn": "booleanEquals", "argv": [true, {"fn": "getAttr", "argv": [{"ref": "p"}, "supportsFIPS"]}]}],
        "type": "endpoint",
        "endpoint": {"url": "https://svc-fips.{Region}.{p#dnsSuffix}",
                     "properties": {"authSchemes": [{"name": "sigv4", "signingRegion": "{Region}", "disableDoubleEncoding": true}]}}},
       {"conditions": [{"fn": "stringEquals", "argv": [{"ref": "Region"}, "nowhere"]}],
        "type": "endpoint", "endpoint": {"url": "https://nowhere"}}
     ]},
    {"conditions": [], "type": "error", "error": "Invalid Configuration: Missing Region"}
  ]
}"#;

#[test]
fn resolves_endpoints_errors_and_exhausted_trees() {
    let rules = RuleSet::from_json(RULES).unwrap();
    let names: Vec<_> = rules.parameters().iter().map(Parameter::name).collect();
    assert_eq!(names, ["Endpoint", "Region", "UseFIPS"]);
    let resolve = |endpoint: Option<&str>, region: Option<&str>, fips: Option<bool>| {
        rules.resolve(&[endpoint.map(ParamValue::String), region.map(ParamValue::String), fips.map(ParamValue::Bool)])
    };
    let custom = resolve(Some("https://example.com:8443/base"), None, None).unwrap();
    assert_eq!(custom.url(), "https://example.com:8443/base/x");
    assert_eq!(custom.headers()["x-a"], ["{literal}"]);
    let fips = resolve(None, Some("us-west-2"), Some(true)).unwrap();
    assert_eq!(fips.url(), "https://svc-fips.us-west-2.amazonaws.com");
    let scheme = &fips.auth_schemes()[0];
    assert_eq!((scheme.name.as_str(), scheme.signing_region.as_deref()), ("sigv4", Some("us-west-2")));
    assert_eq!(scheme.disable_double_encoding, Some(true));
    // The tree matched (a region is set) and none of its rules did: that is final.
    let exhausted = resolve(None, Some("us-west-2"), None).unwrap_err();
    assert_eq!(exhausted.to_string(), "no endpoint rule matched these parameters");
    let error = resolve(None, None, None).unwrap_err();
    assert_eq!(error.to_string(), "Invalid Configuration: Missing Region");
    assert_eq!(error.rule_message(), Some("Invalid Configuration: Missing Region"));
    assert!(rules.resolve(&[None]).unwrap_err().to_string().contains("takes 3 parameter values"));
    let wrong = rules.resolve(&[None, Some(ParamValue::Bool(true)), None]).unwrap_err();
    assert_eq!(wrong.to_string(), "the endpoint parameter `Region` must be a string");
}

#[test]
fn invalid_rule_sets_are_refused_with_the_reason() {
    let refuse = |rules: &str| RuleSet::from_json(rules).unwrap_err().to_string();
    let with_rules =
        |rules: &str| format!(r#"{{"version": "1.0", "parameters": {{"A": {{"type": "string"}}}}, "rules": {rules}}}"#);
    assert!(refuse("{").contains("invalid endpoint rule set"));
    assert!(refuse(&with_rules(r#"[{"conditions": [], "type": "error", "error": "{B}"}]"#)).contains("`B` is neither"));
    assert!(refuse(&with_rules(r#"[{"conditions": [{"fn": "nope", "argv": []}], "type": "error", "error": "x"}]"#))
        .contains("unknown function `nope`"));
    assert!(refuse(&with_rules(
        r#"[{"conditions": [{"fn": "not", "argv": [true, false]}], "type": "error", "error": "x"}]"#
    ))
    .contains("`not` cannot take 2 arguments"));
    assert!(refuse(&with_rules(r#"[{"conditions": [], "type": "error", "error": "{A"}]"#)).contains("unclosed"));
    // A variable is visible in its rule only.
    let scoped = r#"[{"conditions": [{"fn": "isSet", "argv": [{"ref": "A"}], "assign": "v"}], "type": "error", "error": "x"},
                     {"conditions": [], "type": "error", "error": "{v}"}]"#;
    assert!(refuse(&with_rules(scoped)).contains("`v` is neither"));
}

#[test]
fn applying_an_endpoint_makes_the_uri_absolute() {
    let request = http::Request::builder().uri("/op/x?a=b").body(()).unwrap();
    let endpoint = Endpoint::new("https://example.com/custom/");
    let applied = endpoint.apply(request, Some("foo.bar.")).unwrap();
    assert_eq!(applied.uri(), "https://foo.bar.example.com/custom/op/x?a=b");
    assert!(host_label("label", "bar").is_ok());
    let error = host_label("label", "bad label").unwrap_err();
    assert_eq!(error.to_string(), "`label` must be a valid host label to prefix the host with, and `bad label` is not");
    let bad = Endpoint::new("not a url").apply(http::Request::new(()), None).unwrap_err();
    assert!(bad.to_string().starts_with("invalid endpoint: `not a url`"), "{bad}");
}

#[test]
fn an_endpoint_that_is_no_url_is_refused_at_resolution() {
    let rules = RuleSet::from_json(
        r#"{"version": "1.0", "parameters": {"Endpoint": {"type": "string", "builtIn": "SDK::Endpoint"}},
            "rules": [{"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}], "type": "endpoint",
                       "endpoint": {"url": {"ref": "Endpoint"}}}]}"#,
    )
    .unwrap();
    let error = rules.resolve(&[Some(ParamValue::String("example.com"))]).unwrap_err();
    assert_eq!(error.to_string(), "invalid endpoint: `example.com` is not an absolute URL (a scheme and a host)");
    assert_eq!(
        rules.resolve(&[Some(ParamValue::String("http://localhost:5000"))]).unwrap().url(),
        "http://localhost:5000"
    );
    let built_ins = BuiltIns { endpoint: Some("http://localhost:5000".to_owned()), ..BuiltIns::default() };
    assert_eq!(built_ins.value("SDK::Endpoint"), Some(ParamValue::String("http://localhost:5000")));
    assert_eq!(built_ins.flag("AWS::UseFIPS"), None);
    assert_eq!(built_ins.value("AWS::Unknown"), None);
    let mut built_ins = BuiltIns::for_region("us-east-1");
    assert!(built_ins.set("AWS::UseFIPS", ParamValue::Bool(true)) && built_ins.use_fips == Some(true));
    assert!(built_ins.set("AWS::STS::UseGlobalEndpoint", ParamValue::Bool(false)));
    assert!(built_ins.set("SDK::Endpoint", ParamValue::String("http://x")) && built_ins.endpoint.is_some());
    assert!(!built_ins.set("AWS::UseFIPS", ParamValue::String("yes")), "a value of the wrong type changes nothing");
    assert!(!built_ins.set("AWS::Unknown", ParamValue::Bool(true)));
    assert_eq!(built_ins.flag("AWS::UseFIPS"), Some(true));
}

/// A decision diagram's nodes in their wire form: 4-byte big-endian triples, base64.
fn nodes(triples: &[[i32; 3]]) -> String {
    let bytes: Vec<u8> = triples.iter().flatten().flat_map(|n| n.to_be_bytes()).collect();
    crate::wire::base64_encode(&bytes)
}

#[test]
fn decision_diagrams_follow_high_and_low_edges_complements_and_assignments() {
    // The valid example of the Smithy repository (bdd-valid.smithy), as its bytes are.
    assert_eq!(nodes(&[[-1, 1, -1], [0, 100_000_001, 100_000_002]]), "/////wAAAAH/////AAAAAAX14QEF9eEC");
    let example = format!(
        r#"{{"version": "1.1",
            "parameters": {{"Region": {{"type": "string", "required": true}},
                            "UseFips": {{"type": "boolean", "required": true, "default": false}}}},
            "conditions": [{{"fn": "booleanEquals", "argv": [{{"ref": "UseFips"}}, true]}}],
            "results": [{{"conditions": [], "type": "endpoint", "endpoint": {{"url": "https://service-fips.{{Region}}.amazonaws.com"}}}},
                        {{"conditions": [], "type": "endpoint", "endpoint": {{"url": "https://service.{{Region}}.amazonaws.com"}}}}],
            "root": 2, "nodeCount": 2, "nodes": "{}"}}"#,
        nodes(&[[-1, 1, -1], [0, 100_000_001, 100_000_002]])
    );
    let rules = RuleSet::from_json(&example).unwrap();
    let resolve = |region: &str, fips: Option<bool>| {
        rules.resolve(&[Some(ParamValue::String(region)), fips.map(ParamValue::Bool)]).map(|e| e.url().to_owned())
    };
    assert_eq!(resolve("us-east-1", Some(true)).unwrap(), "https://service-fips.us-east-1.amazonaws.com");
    assert_eq!(resolve("us-east-1", None).unwrap(), "https://service.us-east-1.amazonaws.com");

    // An assigned partition used by a later condition's result, a complement edge (-3: the
    // node's edges swap), an error result, and the "no match" result.
    let diagram = |root: i32, triples: &[[i32; 3]]| {
        format!(
            r#"{{"version": "1.1",
                "parameters": {{"Region": {{"type": "string"}}, "UseFips": {{"type": "boolean", "required": true, "default": false}}}},
                "conditions": [{{"fn": "isSet", "argv": [{{"ref": "Region"}}]}},
                               {{"fn": "aws.partition", "argv": [{{"ref": "Region"}}], "assign": "P"}},
                               {{"fn": "booleanEquals", "argv": [{{"ref": "UseFips"}}, true]}}],
                "results": [{{"conditions": [], "type": "endpoint", "endpoint": {{"url": "https://svc-fips.{{Region}}.{{P#dnsSuffix}}"}}}},
                            {{"conditions": [], "type": "endpoint", "endpoint": {{"url": "https://svc.{{Region}}.{{P#dnsSuffix}}"}}}},
                            {{"conditions": [], "type": "error", "error": "Invalid Configuration: Missing Region"}}],
                "root": {root}, "nodeCount": {}, "nodes": "{}"}}"#,
            triples.len(),
            nodes(triples)
        )
    };
    let rules = RuleSet::from_json(&diagram(
        2,
        &[[-1, 1, -1], [0, 3, 100_000_003], [1, -4, 100_000_000], [2, 100_000_002, 100_000_001]],
    ))
    .unwrap();
    let resolve = |region: Option<&str>, fips: bool| {
        rules.resolve(&[region.map(ParamValue::String), Some(ParamValue::Bool(fips))])
    };
    assert_eq!(resolve(Some("cn-north-1"), true).unwrap().url(), "https://svc-fips.cn-north-1.amazonaws.com.cn");
    assert_eq!(resolve(Some("cn-north-1"), false).unwrap().url(), "https://svc.cn-north-1.amazonaws.com.cn");
    assert_eq!(resolve(None, false).unwrap_err().to_string(), "Invalid Configuration: Missing Region");
    // A reference to a node that does not exist is refused when compiling.
    let broken = RuleSet::from_json(&diagram(2, &[[-1, 1, -1], [0, 9, 100_000_003]])).unwrap_err();
    assert!(broken.to_string().contains("refers to a node, result or condition it does not have"), "{broken}");
}

/// A rule set of one parameter list and the conditions given, ending at an endpoint whose URL
/// is `url`; anything else is the error "no".
fn one_rule(params: &str, conditions: &str, url: &str) -> RuleSet {
    RuleSet::from_json(&format!(
        r#"{{"version": "1.1", "parameters": {{{params}}},
            "rules": [{{"conditions": [{conditions}], "type": "endpoint", "endpoint": {{"url": "{url}"}}}},
                      {{"conditions": [], "type": "error", "error": "no"}}]}}"#
    ))
    .unwrap()
}

#[test]
fn coalesce_ite_split_negative_indexes_and_string_arrays() {
    // coalesce: the first value that is set, even `false`; all unset is unset.
    let rules = one_rule(
        r#""A": {"type": "boolean"}, "B": {"type": "boolean"}"#,
        r#"{"fn": "ite", "argv": [{"fn": "coalesce", "argv": [{"ref": "A"}, {"ref": "B"}]}, "yes", "no"], "assign": "word"}"#,
        "https://{word}.example.com",
    );
    let url = |a: Option<bool>, b: Option<bool>| {
        rules.resolve(&[a.map(ParamValue::Bool), b.map(ParamValue::Bool)]).map(|e| e.url().to_owned())
    };
    assert_eq!(url(Some(false), Some(true)).unwrap(), "https://no.example.com", "a set `false` wins");
    assert_eq!(url(None, Some(true)).unwrap(), "https://yes.example.com");
    assert_eq!(url(None, None).unwrap_err().to_string(), "no", "coalesce of unset values is unset");

    // split through an assignment, then indexes from either end.
    let rules = one_rule(
        r#""Name": {"type": "string", "required": true}"#,
        r#"{"fn": "split", "argv": [{"ref": "Name"}, "--", 0], "assign": "parts"},
           {"fn": "getAttr", "argv": [{"ref": "parts"}, "[-1]"], "assign": "last"},
           {"fn": "getAttr", "argv": [{"ref": "parts"}, "[0]"], "assign": "first"},
           {"fn": "isSet", "argv": [{"ref": "last"}]}"#,
        "https://{first}.{last}.example.com",
    );
    let url = |name: &str| rules.resolve(&[Some(ParamValue::String(name))]).map(|e| e.url().to_owned());
    assert_eq!(url("a--b--c").unwrap(), "https://a.c.example.com");
    assert_eq!(url("solo").unwrap(), "https://solo.solo.example.com");

    // A string-array parameter: its default, an index past the end, a negative index.
    let rules = one_rule(
        r#""Zones": {"type": "stringArray", "required": true, "default": ["z1", "z2"]}"#,
        r#"{"fn": "getAttr", "argv": [{"ref": "Zones"}, "[-2]"], "assign": "z"},
           {"fn": "not", "argv": [{"fn": "isSet", "argv": [{"fn": "getAttr", "argv": [{"ref": "Zones"}, "[5]"]}]}]}"#,
        "https://{z}.example.com",
    );
    assert_eq!(rules.resolve(&[None]).unwrap().url(), "https://z1.example.com");
    let given = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
    assert_eq!(rules.resolve(&[Some(ParamValue::StringArray(&given))]).unwrap().url(), "https://b.example.com");
    let short = ["a".to_owned()];
    assert_eq!(rules.resolve(&[Some(ParamValue::StringArray(&short))]).unwrap_err().to_string(), "no");

    // uriEncode, substring from the end, and a template over an ARN's parts.
    let rules = one_rule(
        r#""Arn": {"type": "string", "required": true}"#,
        r#"{"fn": "aws.parseArn", "argv": [{"ref": "Arn"}], "assign": "arn"},
           {"fn": "getAttr", "argv": [{"ref": "arn"}, "resourceId[1]"], "assign": "id"},
           {"fn": "uriEncode", "argv": ["{id}"], "assign": "encoded"},
           {"fn": "substring", "argv": [{"ref": "id"}, 0, 3, true], "assign": "tail"}"#,
        "https://{arn#region}.example.com/{encoded}/{tail}",
    );
    let arn = "arn:aws:s3:us-west-2:123:bucket/my bucket+x";
    assert_eq!(
        rules.resolve(&[Some(ParamValue::String(arn))]).unwrap().url(),
        "https://us-west-2.example.com/my%20bucket%2Bx/t+x"
    );
}
