//! Smithy 2.0 client nullability: whether a structure member is `Option<T>`.

use crate::model::Traits;
use serde_json::Value;

/// How a client sees a structure member (`spec/aggregate-types.rst`, "Structure member
/// optionality"), checked in order:
/// 1. the structure is an `@input` → optional;
/// 2. `@clientOptional` → optional;
/// 3. `@required` → present;
/// 4. a non-null `@default` → present, with that default;
/// 5. otherwise → optional.
///
/// `@addedDefault` marks a default added after release; keeping such members optional
/// keeps code written against the earlier model compiling, as Smithy's
/// `CLIENT_ZERO_VALUE_V1` mode does.
pub(super) fn client_presence<'t>(container: &Traits, member: &'t Traits, target: &'t Traits) -> Nullability<'t> {
    if container.input || member.client_optional {
        return Nullability::Optional;
    }
    let default = effective_default(member, target);
    if member.required {
        return Nullability::Required(default);
    }
    match default {
        Some(value) if !member.added_default => Nullability::Defaulted(value),
        _ => Nullability::Optional,
    }
}

/// The outcome of [`client_presence`].
#[derive(Debug, PartialEq)]
pub(super) enum Nullability<'t> {
    /// `Option<T>`.
    Optional,
    /// `T`, required; a default, if any, fills it when unset.
    Required(Option<&'t Value>),
    /// `T`, filled with this default when unset.
    Defaulted(&'t Value),
}

/// The member's `@default`, else its target's; `@default(null)` counts as none.
fn effective_default<'t>(member: &'t Traits, target: &'t Traits) -> Option<&'t Value> {
    member.default.as_ref().or(target.default.as_ref()).filter(|v| !v.is_null())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn traits(f: impl FnOnce(&mut Traits)) -> Traits {
        let mut t = Traits::default();
        f(&mut t);
        t
    }

    #[test]
    fn follows_the_client_rules_in_order() {
        let plain = Traits::default();
        let input = traits(|t| t.input = true);
        let required = traits(|t| t.required = true);
        let zero = traits(|t| t.default = Some(json!(0)));
        let null = traits(|t| t.default = Some(Value::Null));
        let added = traits(|t| {
            t.default = Some(json!(0));
            t.added_default = true;
        });
        let client_optional = traits(|t| {
            t.required = true;
            t.client_optional = true;
        });
        assert_eq!(client_presence(&input, &required, &plain), Nullability::Optional);
        assert_eq!(client_presence(&plain, &client_optional, &plain), Nullability::Optional);
        assert_eq!(client_presence(&plain, &required, &plain), Nullability::Required(None));
        assert_eq!(client_presence(&plain, &zero, &plain), Nullability::Defaulted(&json!(0)));
        assert_eq!(client_presence(&plain, &plain, &zero), Nullability::Defaulted(&json!(0)));
        assert_eq!(client_presence(&plain, &null, &zero), Nullability::Optional);
        assert_eq!(client_presence(&plain, &added, &plain), Nullability::Optional);
        assert_eq!(client_presence(&plain, &plain, &plain), Nullability::Optional);
    }
}
