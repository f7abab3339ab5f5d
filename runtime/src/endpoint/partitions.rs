//! The partitions table `aws.partition` reads.

use super::RuleSetError;
use crate::Document;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// The table this crate carries: `data/partitions.json`, from the Smithy repository (see
/// `data/SOURCE.md` beside it).
const AWS_PARTITIONS: &str = include_str!("../../data/partitions.json");

/// AWS partitions: which regions each holds (by name, then by pattern) and what its
/// endpoints look like. `aws.partition` answers from one of these.
#[derive(Clone, Debug)]
pub struct Partitions {
    partitions: Vec<Partition>,
    /// Known region names, to the index of their partition.
    regions: HashMap<String, usize>,
}

/// One partition, as `aws.partition` returns it.
#[derive(Clone, Debug)]
pub struct Partition {
    /// The partition's ID (`aws`, `aws-cn`, …).
    pub name: String,
    /// The DNS suffix of its endpoints.
    pub dns_suffix: String,
    /// The DNS suffix of its dual-stack endpoints.
    pub dual_stack_dns_suffix: String,
    /// Whether it has FIPS endpoints.
    pub supports_fips: bool,
    /// Whether it has dual-stack endpoints.
    pub supports_dual_stack: bool,
    /// The region global services of the partition sign for.
    pub implicit_global_region: String,
    region_regex: Option<regex::Regex>,
}

/// The table the official endpoint test cases of the AWS models were written against (see
/// `data/SOURCE.md`); only test builds carry it.
#[cfg(feature = "model-tests")]
const MODEL_TESTS_PARTITIONS: &str = include_str!("../../data/partitions-2025-07-14.json");

static AWS: LazyLock<Result<Partitions, RuleSetError>> = LazyLock::new(|| Partitions::from_json(AWS_PARTITIONS));
#[cfg(feature = "model-tests")]
static MODEL_TESTS: LazyLock<Result<Partitions, RuleSetError>> =
    LazyLock::new(|| Partitions::from_json(MODEL_TESTS_PARTITIONS));
static EMPTY: LazyLock<Partitions> = LazyLock::new(|| Partitions { partitions: Vec::new(), regions: HashMap::new() });

impl Partitions {
    /// The table this crate carries, read once. (It is checked by this crate's tests; were
    /// it unreadable, the table would be empty and `aws.partition` would find nothing.)
    pub fn aws() -> &'static Partitions {
        AWS.as_ref().unwrap_or(&EMPTY)
    }

    /// The table of 2025-07-14 that the `smithy.rules#endpointTests` cases of the AWS models
    /// were written against: generated endpoint tests resolve with it. Since then the ISO
    /// partitions gained dual-stack endpoints, which [`Partitions::aws`] has. Test support
    /// (feature `model-tests`).
    #[cfg(feature = "model-tests")]
    pub fn as_of_model_tests() -> &'static Partitions {
        MODEL_TESTS.as_ref().unwrap_or(&EMPTY)
    }

    /// Reads a table in the format of Smithy's `partitions.json`: `{"partitions": [{"id",
    /// "regionRegex", "regions": {name: {}}, "outputs": {…}}]}`.
    pub fn from_json(text: &str) -> Result<Partitions, RuleSetError> {
        let document = super::read_json(text, "partitions: ")?;
        let invalid = |what: &str| RuleSetError::new(format!("partitions: {what}"));
        let Some(Document::Array(items)) = object(&document).and_then(|root| root.get("partitions")) else {
            return Err(invalid("no `partitions` array"));
        };
        let mut partitions = Vec::new();
        let mut regions = HashMap::new();
        for item in items {
            let fields = object(item).ok_or_else(|| invalid("a partition is not an object"))?;
            let id = text_field(fields, "id").ok_or_else(|| invalid("a partition has no `id`"))?;
            let outputs =
                fields.get("outputs").and_then(object).ok_or_else(|| invalid("a partition has no `outputs`"))?;
            let output = |key: &str| {
                text_field(outputs, key).ok_or_else(|| invalid(&format!("partition `{id}` has no `{key}`")))
            };
            let flag = |key: &str| match outputs.get(key) {
                Some(Document::Bool(b)) => Ok(*b),
                _ => Err(invalid(&format!("partition `{id}` has no boolean `{key}`"))),
            };
            let region_regex = match text_field(fields, "regionRegex") {
                Some(pattern) => {
                    Some(compile_region_regex(pattern).map_err(|e| invalid(&format!("`{id}` regionRegex: {e}")))?)
                }
                None => None,
            };
            if let Some(names) = fields.get("regions").and_then(object) {
                // A region listed twice belongs to the later partition, as in Smithy's reader.
                for name in names.keys() {
                    regions.insert(name.clone(), partitions.len());
                }
            }
            partitions.push(Partition {
                name: id.to_owned(),
                dns_suffix: output("dnsSuffix")?.to_owned(),
                dual_stack_dns_suffix: output("dualStackDnsSuffix")?.to_owned(),
                supports_fips: flag("supportsFIPS")?,
                supports_dual_stack: flag("supportsDualStack")?,
                implicit_global_region: output("implicitGlobalRegion")?.to_owned(),
                region_regex,
            });
        }
        Ok(Partitions { partitions, regions })
    }

    /// The partition of `region`: the one that lists it, else the first whose pattern it
    /// matches, else `aws` (a region of the future most likely lands there), else none.
    pub fn find(&self, region: &str) -> Option<&Partition> {
        if let Some(&index) = self.regions.get(region) {
            return self.partitions.get(index);
        }
        let by_pattern = self.partitions.iter().find(|p| p.region_regex.as_ref().is_some_and(|re| re.is_match(region)));
        by_pattern.or_else(|| self.partitions.iter().find(|p| p.name == "aws"))
    }

    /// The partitions, in the table's order.
    pub fn iter(&self) -> impl Iterator<Item = &Partition> {
        self.partitions.iter()
    }
}

/// The table's patterns are Java regexes, matched against the whole region (`matches()`),
/// where `\w` and `\d` are ASCII: compile them anchored, without Unicode classes when the
/// pattern allows it.
fn compile_region_regex(pattern: &str) -> Result<regex::Regex, regex::Error> {
    let anchored = format!("^(?:{pattern})$");
    regex::RegexBuilder::new(&anchored).unicode(false).build().or_else(|_| regex::Regex::new(&anchored))
}

fn object(value: &Document) -> Option<&BTreeMap<String, Document>> {
    match value {
        Document::Object(fields) => Some(fields),
        _ => None,
    }
}

fn text_field<'d>(fields: &'d BTreeMap<String, Document>, key: &str) -> Option<&'d str> {
    match fields.get(key) {
        Some(Document::String(s)) => Some(s),
        _ => None,
    }
}
