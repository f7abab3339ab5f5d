//! Absolute shape IDs: `namespace#Name`, with members addressed as `namespace#Name$member`.

use std::fmt;

/// The absolute ID of a (non-member) shape, e.g. `com.example#Widget`.
///
/// The JSON AST only ever uses absolute IDs, so that is all this type accepts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    id: String,
    // Byte offset of the `#` separating namespace and name.
    hash_at: usize,
}

impl ShapeId {
    /// Parses an absolute shape ID without a member part.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (namespace, name) = text
            .split_once('#')
            .ok_or_else(|| format!("`{text}` is not an absolute shape ID (expected `namespace#Name`)"))?;
        if !namespace.split('.').all(is_identifier) {
            return Err(format!("`{text}` has an invalid namespace `{namespace}`"));
        }
        if !is_identifier(name) {
            return Err(format!("`{text}` has an invalid shape name `{name}`"));
        }
        Ok(Self { id: text.to_owned(), hash_at: namespace.len() })
    }

    /// Builds an ID from parts already known to be valid (the prelude).
    pub(crate) fn prelude(name: &str) -> Self {
        Self { id: format!("{PRELUDE_NAMESPACE}#{name}"), hash_at: PRELUDE_NAMESPACE.len() }
    }

    /// The namespace, e.g. `com.example`.
    pub fn namespace(&self) -> &str {
        &self.id[..self.hash_at]
    }

    /// The shape name, e.g. `Widget`.
    pub fn name(&self) -> &str {
        &self.id[self.hash_at + 1..]
    }

    /// The whole ID as written.
    pub fn as_str(&self) -> &str {
        &self.id
    }

    /// Whether this is a shape of the Smithy prelude (`smithy.api`).
    pub fn is_prelude(&self) -> bool {
        self.namespace() == PRELUDE_NAMESPACE
    }

    /// The ID of one of this shape's members, for messages.
    pub fn member(&self, member: &str) -> String {
        format!("{}${member}", self.id)
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

/// The namespace of the Smithy prelude.
pub const PRELUDE_NAMESPACE: &str = "smithy.api";

/// Smithy identifiers: a letter or `_`, then letters, digits and `_`, not `_` alone.
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else { return false };
    (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && text.bytes().any(|b| b != b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_namespace_and_name() {
        let id = ShapeId::parse("com.example.api#Widget").unwrap();
        assert_eq!(id.namespace(), "com.example.api");
        assert_eq!(id.name(), "Widget");
        assert_eq!(id.member("size"), "com.example.api#Widget$size");
        assert!(!id.is_prelude());
        assert!(ShapeId::parse("smithy.api#String").unwrap().is_prelude());
    }

    #[test]
    fn rejects_what_is_not_an_absolute_id() {
        for bad in ["Widget", "#Widget", "com.example#", "com..example#A", "com.example#A$b", "a#1b", "a#_", "a-b#C"] {
            assert!(ShapeId::parse(bad).is_err(), "{bad} should be rejected");
        }
    }
}
