//! The model names of structure members under the `serde` feature, with as few attributes as
//! possible: a `rename_all` rule on the container where the members' model names follow one,
//! and a `rename` only on the members that do not.
//!
//! AWS models name members in `PascalCase` (the JSON protocols) or `camelCase` (most
//! restJson1 services), and the Rust field is their `snake_case`, so one rule covers most
//! members. The rules are applied here exactly as `serde_derive` applies them, so a member
//! is left without a `rename` only when the derive gives it its model name.

use crate::ir::Field;
use proc_macro2::TokenStream;
use quote::quote;

/// A `rename_all` rule of `serde_derive`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RenameRule {
    Pascal,
    Camel,
}

impl RenameRule {
    /// The name the attribute takes.
    fn name(self) -> &'static str {
        match self {
            RenameRule::Pascal => "PascalCase",
            RenameRule::Camel => "camelCase",
        }
    }

    /// What `serde_derive` makes of a field name: each `_` dropped and the character after
    /// it, and the first one, upper-cased (ASCII only); for `camelCase`, then the first
    /// character lower-cased.
    fn apply(self, field: &str) -> String {
        let mut pascal = String::with_capacity(field.len());
        let mut capitalize = true;
        for ch in field.chars() {
            if ch == '_' {
                capitalize = true;
            } else if capitalize {
                pascal.push(ch.to_ascii_uppercase());
                capitalize = false;
            } else {
                pascal.push(ch);
            }
        }
        if let (RenameRule::Camel, Some(first)) = (self, pascal.get_mut(..1)) {
            first.make_ascii_lowercase();
        }
        pascal
    }
}

/// The members' model names of one structure, as the `serde` attributes give them.
pub(super) struct SerdeNames {
    rule: Option<RenameRule>,
}

impl SerdeNames {
    /// The rule that spares the most `rename`s, when it spares at least two. Only for ASCII
    /// field names (Smithy's identifiers are): `serde_derive` lower-cases a `camelCase`
    /// name's first byte, not its first character.
    pub(super) fn new(fields: &[Field]) -> Self {
        if !fields.iter().all(|f| f.name.is_ascii()) {
            return Self { rule: None };
        }
        let renamed = fields.iter().filter(|f| f.wire_name != f.name).count();
        let remaining = |rule: RenameRule| fields.iter().filter(|f| rule.apply(&f.name) != f.wire_name).count();
        let best = [RenameRule::Pascal, RenameRule::Camel].into_iter().min_by_key(|rule| remaining(*rule));
        let rule = best.filter(|rule| remaining(*rule) + 2 <= renamed);
        Self { rule }
    }

    /// `rename_all = "…"` for the container's `serde(…)` attribute, if a rule is used.
    pub(super) fn container(&self) -> Option<TokenStream> {
        let rule = self.rule?.name();
        Some(quote!(rename_all = #rule))
    }

    /// `rename = "…"` for a member the rule (or the field name) does not already give its
    /// model name.
    pub(super) fn member(&self, field: &Field) -> Option<TokenStream> {
        let derived = match self.rule {
            Some(rule) => rule.apply(&field.name),
            None => field.name.clone(),
        };
        let wire = &field.wire_name;
        (derived != *wire).then(|| quote!(rename = #wire))
    }
}

#[cfg(test)]
mod tests {
    use super::RenameRule;

    #[test]
    fn rules_apply_as_serde_derive_does() {
        assert_eq!(RenameRule::Pascal.apply("s3_input_configuration"), "S3InputConfiguration");
        assert_eq!(RenameRule::Camel.apply("s3_input_configuration"), "s3InputConfiguration");
        // Acronyms are lost: `KMSKeyId` needs its own `rename`.
        assert_eq!(RenameRule::Pascal.apply("kms_key_id"), "KmsKeyId");
        // A keyword's trailing `_` vanishes.
        assert_eq!(RenameRule::Pascal.apply("type_"), "Type");
        assert_eq!(RenameRule::Camel.apply("type_"), "type");
        assert_eq!(RenameRule::Camel.apply("x"), "x");
        assert_eq!(RenameRule::Pascal.apply("a__b"), "AB");
    }
}
