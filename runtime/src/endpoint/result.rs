//! What a resolution gives: an [`Endpoint`], or an [`EndpointError`].

use crate::Document;
use std::collections::BTreeMap;
use std::fmt;

/// A resolved endpoint: where to send the request, headers to add, and properties such as
/// the auth schemes and how to sign for them.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    url: String,
    headers: BTreeMap<String, Vec<String>>,
    properties: BTreeMap<String, Document>,
    auth_schemes: Vec<AuthScheme>,
}

impl Endpoint {
    /// An endpoint of a URL alone, as a caller who knows where to send requests builds it.
    pub fn new(url: impl Into<String>) -> Self {
        Self { url: url.into(), headers: BTreeMap::new(), properties: BTreeMap::new(), auth_schemes: Vec::new() }
    }

    pub(crate) fn from_parts(
        url: String,
        headers: BTreeMap<String, Vec<String>>,
        properties: BTreeMap<String, Document>,
    ) -> Self {
        let auth_schemes = match properties.get("authSchemes") {
            Some(Document::Array(items)) => items.iter().filter_map(AuthScheme::from_document).collect(),
            _ => Vec::new(),
        };
        Self { url, headers, properties, auth_schemes }
    }

    /// The same endpoint at another URL, its headers and properties kept.
    pub fn with_url(&self, url: impl Into<String>) -> Self {
        Self { url: url.into(), ..self.clone() }
    }

    /// The URL: a scheme, a host, maybe a port and a base path.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Headers the rule set adds to requests to this endpoint, by name.
    pub fn headers(&self) -> &BTreeMap<String, Vec<String>> {
        &self.headers
    }

    /// Every property, as the rule set wrote it (`authSchemes` among them).
    pub fn properties(&self) -> &BTreeMap<String, Document> {
        &self.properties
    }

    /// The `authSchemes` property, typed, in the rule set's order of preference.
    pub fn auth_schemes(&self) -> &[AuthScheme] {
        &self.auth_schemes
    }
}

/// One entry of an endpoint's `authSchemes` property: how to sign for this endpoint with
/// the scheme it names. Its other properties, if any, are in [`Endpoint::properties`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuthScheme {
    /// The scheme: `sigv4`, `sigv4a`, `sigv4-s3express`, …
    pub name: String,
    /// The service name to sign with, when it differs from the model's.
    pub signing_name: Option<String>,
    /// The region to sign for (SigV4).
    pub signing_region: Option<String>,
    /// The regions to sign for (SigV4a).
    pub signing_region_set: Option<Vec<String>>,
    /// Whether the path is encoded once only when signing (S3).
    pub disable_double_encoding: Option<bool>,
}

impl AuthScheme {
    fn from_document(document: &Document) -> Option<Self> {
        let Document::Object(fields) = document else {
            return None;
        };
        let text = |key: &str| match fields.get(key) {
            Some(Document::String(s)) => Some(s.clone()),
            _ => None,
        };
        let signing_region_set = match fields.get("signingRegionSet") {
            Some(Document::Array(items)) => Some(
                items
                    .iter()
                    .filter_map(|item| match item {
                        Document::String(s) => Some(s.clone()),
                        _ => None,
                    })
                    .collect(),
            ),
            _ => None,
        };
        Some(Self {
            name: text("name")?,
            signing_name: text("signingName"),
            signing_region: text("signingRegion"),
            signing_region_set,
            disable_double_encoding: match fields.get("disableDoubleEncoding") {
                Some(Document::Bool(b)) => Some(*b),
                _ => None,
            },
        })
    }
}

/// Why no endpoint was resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointError {
    kind: ErrorKind,
}

/// What went wrong, for callers that act on it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointErrorKind {
    /// An error rule matched; its message is the rule set's (`Invalid Configuration: …`).
    Rule(String),
    /// No rule matched (or a tree rule matched and none of its rules did).
    NoRuleMatched,
    /// A required parameter has no value: its name.
    MissingParameter(String),
    /// A parameter's value is not of its type.
    WrongType {
        /// The parameter.
        parameter: String,
        /// Its type, in words.
        expected: &'static str,
    },
    /// The caller gave a number of values other than the number of parameters.
    ParameterCount {
        /// The rule set's parameters.
        expected: usize,
        /// The values given.
        given: usize,
    },
    /// The endpoint is not usable (not an absolute URL, a header that cannot be sent): why.
    InvalidEndpoint(String),
    /// The rule set did not compile: the compiler's message.
    InvalidRuleSet(String),
    /// A required input member bound to a parameter is empty or only white space: its name.
    BlankContextValue(String),
    /// A value for the host (a `@hostLabel` member) is not a valid host label.
    InvalidHostLabel {
        /// The member.
        member: String,
        /// Its value.
        value: String,
    },
}

use EndpointErrorKind as ErrorKind;

impl EndpointError {
    pub(crate) fn rule(message: String) -> Self {
        Self { kind: ErrorKind::Rule(message) }
    }

    pub(crate) fn no_rule_matched() -> Self {
        Self { kind: ErrorKind::NoRuleMatched }
    }

    pub(crate) fn missing_parameter(name: &str) -> Self {
        Self { kind: ErrorKind::MissingParameter(name.to_owned()) }
    }

    pub(crate) fn wrong_type(parameter: &str, expected: &'static str) -> Self {
        Self { kind: ErrorKind::WrongType { parameter: parameter.to_owned(), expected } }
    }

    pub(crate) fn parameter_count(expected: usize, given: usize) -> Self {
        Self { kind: ErrorKind::ParameterCount { expected, given } }
    }

    /// The endpoint a rule set or a caller gave is not usable: the reason.
    pub fn invalid_endpoint(reason: impl Into<String>) -> Self {
        Self { kind: ErrorKind::InvalidEndpoint(reason.into()) }
    }

    /// The service's rule set did not compile: the compiler's message. Generated crates
    /// check their rule sets when they are generated, so this means the runtime and the
    /// generator disagree.
    pub fn invalid_rule_set(error: &super::RuleSetError) -> Self {
        Self { kind: ErrorKind::InvalidRuleSet(error.to_string()) }
    }

    pub(crate) fn invalid_host_label(member: &str, value: &str) -> Self {
        Self { kind: ErrorKind::InvalidHostLabel { member: member.to_owned(), value: value.to_owned() } }
    }

    pub(crate) fn blank_context_value(member: &str) -> Self {
        Self { kind: ErrorKind::BlankContextValue(member.to_owned()) }
    }

    /// What went wrong.
    pub fn kind(&self) -> &EndpointErrorKind {
        &self.kind
    }

    /// The message of the error rule that matched, when one did: the rule set's own words
    /// (`Invalid Configuration: Missing Region`, …).
    pub fn rule_message(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::Rule(message) => Some(message),
            _ => None,
        }
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Rule(message) => f.write_str(message),
            ErrorKind::NoRuleMatched => f.write_str("no endpoint rule matched these parameters"),
            ErrorKind::MissingParameter(name) => {
                write!(f, "the endpoint parameter `{name}` is required and has no value")
            }
            ErrorKind::WrongType { parameter, expected } => {
                write!(f, "the endpoint parameter `{parameter}` must be {expected}")
            }
            ErrorKind::ParameterCount { expected, given } => {
                write!(f, "the rule set takes {expected} parameter values, {given} were given")
            }
            ErrorKind::InvalidEndpoint(reason) => write!(f, "invalid endpoint: {reason}"),
            ErrorKind::InvalidRuleSet(message) => f.write_str(message),
            ErrorKind::BlankContextValue(member) => {
                write!(f, "`{member}` is required and routes the request (an endpoint parameter): it must not be empty or only white space")
            }
            ErrorKind::InvalidHostLabel { member, value } => {
                write!(f, "`{member}` must be a valid host label to prefix the host with, and `{value}` is not")
            }
        }
    }
}

impl std::error::Error for EndpointError {}
