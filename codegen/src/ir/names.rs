//! Every Rust name of the generated API is decided here: case conversion, acronyms, keywords,
//! reserved names and collisions, for types, fields and variants and for the methods and
//! builders around them. Lowering stores the names on the IR; emitters only read them.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Words of an identifier, lowercased: `HTTPEndpoint` → `http endpoint`, `IPv6Address` →
/// `ipv6 address`, `t2.nano` → `t2 nano`.
fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut word, &mut words);
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let after = chars.get(i + 2).copied();
        let boundary = match prev {
            Some(p) if (p.is_lowercase() || p.is_ascii_digit()) && c.is_uppercase() => true,
            // The last capital of an acronym starts the next word (`HTTPEndpoint`), unless a
            // single lowercase letter and a digit follow, as in `IPv6`.
            Some(p) if p.is_uppercase() && c.is_uppercase() => {
                next.is_some_and(char::is_lowercase) && !(after.is_some_and(|a| a.is_ascii_digit()))
            }
            _ => false,
        };
        if boundary {
            flush(&mut word, &mut words);
        }
        word.extend(c.to_lowercase());
    }
    flush(&mut word, &mut words);
    words
}

fn flush(word: &mut String, words: &mut Vec<String>) {
    if !word.is_empty() {
        words.push(std::mem::take(word));
    }
}

/// `snake_case` from any identifier-like text; may be empty or start with a digit.
fn snake(text: &str) -> String {
    words(text).join("_").to_snake_case()
}

/// `UpperCamelCase` from any identifier-like text; may be empty or start with a digit.
fn camel(text: &str) -> String {
    words(text).join("_").to_upper_camel_case()
}

/// Keywords of every edition, strict and reserved, that cannot be field or module names.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct",
    "super", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where",
    "while", "yield",
];

/// Type and variant names that would be confusing or invalid: `Self`, and the std prelude
/// names that generated code uses unqualified (it may, because no generated type takes them).
/// Every other std name is written with its full path.
const RESERVED_TYPES: &[&str] =
    &["Self", "Option", "Result", "String", "Vec", "Box", "Some", "None", "Ok", "Err", "Into"];

/// The name of a generated type (structure, union, enum) from its shape name.
pub fn type_name(shape_name: &str) -> String {
    let name = camel(shape_name);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Shape{name}")
    } else if RESERVED_TYPES.contains(&name.as_str()) {
        format!("{name}Value")
    } else {
        name
    }
}

/// The name of an enum or union variant; `Unknown` is kept for the catch-all variant.
pub fn variant_name(text: &str) -> String {
    let name = camel(text);
    if name.is_empty() {
        "Value".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Value{name}")
    } else if name == UNKNOWN_VARIANT || RESERVED_TYPES.contains(&name.as_str()) {
        format!("{name}Value")
    } else {
        name
    }
}

/// The catch-all variant of open enums and unions.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// A `snake_case` name for a field or module, with keywords given a trailing `_`.
pub fn snake_name(text: &str) -> String {
    let name = snake(text);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{name}")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// The names a generated service client has besides its operations' methods.
pub const CLIENT_RESERVED: &[&str] = &["new", "handle"];

/// The module name of a service: its SDK ID with spaces and dashes removed, as the AWS SDKs
/// name their crates (`Lookout Equipment` → `lookoutequipment`), else its shape name.
pub fn module_name(sdk_id: Option<&str>, shape_name: &str) -> String {
    match sdk_id {
        Some(id) => snake_name(&id.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase()),
        None => snake_name(shape_name),
    }
}

/// Hands out names unique within one scope, suffixing `2`, `3`, … to later claimants.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self { taken: reserved.iter().map(|r| (*r).to_owned()).collect() }
    }

    /// Claims `name`, or the first free `name{sep}N`.
    pub fn claim(&mut self, name: String, separator: &str) -> String {
        self.claim_with(name, separator, |_| Vec::new())
    }

    /// Claims `name` together with the names derived from it (a field and its builder
    /// methods), suffixing until all of them are free.
    pub fn claim_with(&mut self, name: String, separator: &str, derived: impl Fn(&str) -> Vec<String>) -> String {
        let mut candidate = name.clone();
        let mut n = 1;
        loop {
            let mut all = derived(&candidate);
            all.push(candidate.clone());
            if all.iter().all(|c| !self.taken.contains(c)) {
                self.taken.extend(all);
                return candidate;
            }
            n += 1;
            candidate = format!("{name}{separator}{n}");
        }
    }
}

/// A field name without the trailing `_` that [`snake_name`] gives keywords, for the
/// method names built from it (`type_` → `set_type`).
fn bare(name: &str) -> &str {
    name.strip_suffix('_').unwrap_or(name)
}

/// The name of the builder type of the structure named `type_name`, in the `builders`
/// module: `{Type}Builder`. It lives in a module of builders only, so it never collides.
pub fn builder_name(type_name: &str) -> String {
    format!("{type_name}Builder")
}

/// The builder method that sets or clears the field named `field`: `set_{field}`.
pub fn setter_name(field: &str) -> String {
    format!("set_{}", bare(field))
}

/// The builder method that returns the value given to the field named `field`: `get_{field}`.
pub fn getter_name(field: &str) -> String {
    format!("get_{}", bare(field))
}

/// The builder methods a field named `field` gets (its setter and getter); they must not
/// collide across fields, so a field's name is claimed together with them
/// ([`Scope::claim_with`]).
pub fn builder_methods(field: &str) -> Vec<String> {
    vec![setter_name(field), getter_name(field)]
}

/// Names taken in every union's inherent impl before its members' accessors: the catch-all's.
pub const UNION_RESERVED_METHODS: &[&str] = &["is_unknown"];

/// The accessor of the union variant named `variant`, claimed in `methods` (a scope per
/// union, [`UNION_RESERVED_METHODS`] reserved) so accessors whose snake names collide get
/// suffixed: `as_{variant}` for a member with a value, `is_{variant}` for a unit member.
pub fn union_accessor(variant: &str, has_value: bool, methods: &mut Scope) -> String {
    let base = snake_name(variant);
    let prefix = if has_value { "as" } else { "is" };
    methods.claim(format!("{prefix}_{}", bare(&base)), "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_acronyms_and_separators() {
        for (input, snake_case, camel_case) in [
            ("AWSRegion", "aws_region", "AwsRegion"),
            ("IPv6Address", "ipv6_address", "Ipv6Address"),
            ("HTTPEndpoint", "http_endpoint", "HttpEndpoint"),
            ("S3Uri", "s3_uri", "S3Uri"),
            ("IngestionS3InputConfiguration", "ingestion_s3_input_configuration", "IngestionS3InputConfiguration"),
            ("fooBar", "foo_bar", "FooBar"),
            ("IN_PROGRESS", "in_progress", "InProgress"),
            ("t2.nano", "t2_nano", "T2Nano"),
            ("KMSKeyArn", "kms_key_arn", "KmsKeyArn"),
            ("DBInstance", "db_instance", "DbInstance"),
            ("AWS::EC2::Instance", "aws_ec2_instance", "AwsEc2Instance"),
        ] {
            assert_eq!(snake(input), snake_case, "snake of {input}");
            assert_eq!(camel(input), camel_case, "camel of {input}");
        }
    }

    #[test]
    fn keeps_names_valid_and_unreserved() {
        assert_eq!(snake_name("type"), "type_");
        assert_eq!(snake_name("Self"), "self_");
        assert_eq!(type_name("Option"), "OptionValue");
        assert_eq!(type_name("String"), "StringValue");
        assert_eq!(type_name("Into"), "IntoValue");
        assert_eq!(variant_name("UNKNOWN"), "UnknownValue");
        assert_eq!(variant_name("1x"), "Value1x");
        assert_eq!(variant_name("*"), "Value");
        assert_eq!(module_name(Some("Lookout Equipment"), "X"), "lookoutequipment");
        assert_eq!(module_name(None, "WeatherService"), "weather_service");
    }

    #[test]
    fn scope_suffixes_collisions() {
        let mut scope = Scope::with_reserved(&["build"]);
        assert_eq!(scope.claim_with("foo_bar".into(), "_", builder_methods), "foo_bar");
        assert_eq!(scope.claim_with("foo_bar".into(), "_", builder_methods), "foo_bar_2");
        assert_eq!(scope.claim_with("build".into(), "_", builder_methods), "build_2");
        // `x` would need `set_x`, already claimed by the field `set_x`'s plain setter.
        assert_eq!(scope.claim_with("set_x".into(), "_", builder_methods), "set_x");
        assert_eq!(scope.claim_with("x".into(), "_", builder_methods), "x_2");
    }

    #[test]
    fn builder_names() {
        assert_eq!(builder_name("Widget"), "WidgetBuilder");
        assert_eq!(builder_name("OptionValue"), "OptionValueBuilder");
        assert_eq!(setter_name("name"), "set_name");
        assert_eq!(getter_name("name"), "get_name");
        // The `_` that keeps a keyword from being a field name is not needed after a prefix.
        assert_eq!(setter_name("type_"), "set_type");
        assert_eq!(getter_name("type_"), "get_type");
        // A suffix from a collision is part of the name.
        assert_eq!(setter_name("foo_bar_2"), "set_foo_bar_2");
        assert_eq!(builder_methods("self_"), ["set_self", "get_self"]);
    }

    #[test]
    fn builder_methods_keep_fields_apart() {
        // The field names lowering hands out, in member order, with `build` reserved.
        let mut scope = Scope::with_reserved(&["build"]);
        let mut field = |member: &str| scope.claim_with(snake_name(member), "_", builder_methods);
        assert_eq!(field("type"), "type_");
        // `type_` already has `set_type` and `get_type`: `set_type` as a field would be fine,
        // but a field `get_type` would be its own getter's name.
        assert_eq!(field("getType"), "get_type_2");
        assert_eq!(field("build"), "build_2");
        assert_eq!(field("name"), "name");
        // `set_name` is the setter of `name`, so the member `setName` is suffixed, and so
        // are its own builder methods.
        assert_eq!(field("setName"), "set_name_2");
        assert_eq!(builder_methods("set_name_2"), ["set_set_name_2", "get_set_name_2"]);
    }

    #[test]
    fn union_accessors() {
        let mut methods = Scope::with_reserved(UNION_RESERVED_METHODS);
        assert_eq!(union_accessor("Text", true, &mut methods), "as_text");
        assert_eq!(union_accessor("Empty", false, &mut methods), "is_empty");
        // Keywords lose their `_` after the prefix.
        assert_eq!(union_accessor("Type", true, &mut methods), "as_type");
        // Variant names whose `snake_case` forms are the same: the later one is suffixed.
        assert_eq!(union_accessor("S3Uri", true, &mut methods), "as_s3_uri");
        assert_eq!(union_accessor("S3URI", true, &mut methods), "as_s3_uri_2");
        assert_eq!(union_accessor("Text", false, &mut methods), "is_text");
        // The catch-all's `is_unknown` is taken.
        assert_eq!(union_accessor("Unknown", false, &mut methods), "is_unknown_2");
        assert_eq!(union_accessor("UnknownValue", false, &mut methods), "is_unknown_value");
    }
}
