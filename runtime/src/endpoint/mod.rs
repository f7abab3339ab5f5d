//! Endpoint resolution: the Smithy rules engine.
//!
//! A service's `smithy.rules#endpointRuleSet` is a small program from parameters (the
//! region, FIPS and dual-stack flags, a custom endpoint, values from the operation input)
//! to an endpoint: a URL, headers and properties, or an error whose message the rule set
//! wrote. Generated crates embed each rule set as compact JSON; [`RuleSet::from_json`]
//! compiles it once into the tree [`RuleSet::resolve`] walks: every reference resolved to a
//! slot, every template split into parts, every `getAttr` path parsed. A resolution
//! allocates only what it returns and the strings its templates build.
//!
//! The standard library (`isSet`, `not`, `booleanEquals`, `stringEquals`, `getAttr`,
//! `isValidHostLabel`, `parseURL`, `substring`, `uriEncode`, `coalesce`, `ite`, `split`) and
//! the AWS functions (`aws.partition`, `aws.parseArn`, `aws.isVirtualHostableS3Bucket`) are
//! implemented; `aws.partition` reads a [`Partitions`] table, by default the one this crate
//! carries (`data/partitions.json`, see `data/SOURCE.md`).

mod apply;
mod built_ins;
mod compile;
mod eval;
#[cfg(feature = "model-tests")]
#[doc(hidden)]
pub mod expect;
mod functions;
mod partitions;
mod result;

pub use apply::{host_label, required_context_value};
pub use built_ins::BuiltIns;
pub use partitions::{Partition, Partitions};
pub use result::{AuthScheme, Endpoint, EndpointError, EndpointErrorKind};

use compile::Program;
use std::fmt;

/// A compiled endpoint rule set.
#[derive(Clone)]
pub struct RuleSet {
    program: Program,
}

impl fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuleSet").field("parameters", &self.program.params).finish_non_exhaustive()
    }
}

/// The type of a rule-set parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParameterType {
    /// A string.
    String,
    /// A boolean.
    Boolean,
    /// A list of strings.
    StringArray,
}

/// A parameter of a rule set, as it declares it.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    name: String,
    kind: ParameterType,
    built_in: Option<String>,
    required: bool,
    default: Option<ParamDefault>,
}

/// A parameter's default value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ParamDefault {
    String(String),
    Bool(bool),
    StringArray(Vec<String>),
}

impl Parameter {
    /// The parameter's name in the rule set (`Region`, `UseFIPS`, …).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The parameter's type.
    pub fn kind(&self) -> ParameterType {
        self.kind
    }

    /// The built-in value it is bound to (`AWS::Region`, `SDK::Endpoint`, …), if any.
    pub fn built_in(&self) -> Option<&str> {
        self.built_in.as_deref()
    }

    /// Whether resolution fails when it has no value (after its default).
    pub fn is_required(&self) -> bool {
        self.required
    }

    /// Its default value, when it has one.
    pub fn default_value(&self) -> Option<ParamValue<'_>> {
        self.default.as_ref().map(|default| match default {
            ParamDefault::String(s) => ParamValue::String(s),
            ParamDefault::Bool(b) => ParamValue::Bool(*b),
            ParamDefault::StringArray(items) => ParamValue::StringArray(items),
        })
    }
}

/// The value of one parameter, borrowed from the caller for one resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamValue<'a> {
    /// A string value.
    String(&'a str),
    /// A boolean value.
    Bool(bool),
    /// A list of strings.
    StringArray(&'a [String]),
}

/// Why a rule set could not be compiled: the JSON, or what it says, is not a valid rule set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSetError {
    message: String,
}

impl RuleSetError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }
}

impl fmt::Display for RuleSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid endpoint rule set: {}", self.message)
    }
}

impl std::error::Error for RuleSetError {}

/// One JSON value and nothing after it, as a document; an error says where, after `what`.
fn read_json(text: &str, what: &str) -> Result<crate::Document, RuleSetError> {
    let mut reader = crate::json::JsonReader::new(text);
    reader
        .read_document()
        .and_then(|document| reader.finish().map(|()| document))
        .map_err(|e| RuleSetError::new(format!("{what}{} (at byte {})", e.message(), e.offset())))
}

impl RuleSet {
    /// Compiles a rule set from the JSON of its `smithy.rules#endpointRuleSet` trait. Every
    /// function must be one this engine implements, every reference must name a parameter
    /// or a variable assigned before it, and every template and `getAttr` path must parse.
    pub fn from_json(text: &str) -> Result<RuleSet, RuleSetError> {
        Ok(RuleSet { program: compile::compile(&read_json(text, "")?)? })
    }

    /// The parameters, in byte order of their names: the order [`RuleSet::resolve`] takes
    /// their values in.
    pub fn parameters(&self) -> &[Parameter] {
        &self.program.params
    }

    /// The position of a parameter in [`RuleSet::parameters`].
    pub fn parameter_index(&self, name: &str) -> Option<usize> {
        self.program.params.binary_search_by(|p| p.name.as_str().cmp(name)).ok()
    }

    /// Resolves an endpoint with this crate's partitions table. `values` holds one entry per
    /// parameter, in the order of [`RuleSet::parameters`]; `None` is an unset parameter,
    /// which takes its default.
    pub fn resolve(&self, values: &[Option<ParamValue<'_>>]) -> Result<Endpoint, EndpointError> {
        self.resolve_with(values, Partitions::aws())
    }

    /// Resolves an endpoint as [`RuleSet::resolve`] does, with `partitions` for
    /// `aws.partition`.
    pub fn resolve_with(
        &self,
        values: &[Option<ParamValue<'_>>],
        partitions: &Partitions,
    ) -> Result<Endpoint, EndpointError> {
        eval::resolve(&self.program, values, partitions)
    }
}

#[cfg(test)]
mod tests;
