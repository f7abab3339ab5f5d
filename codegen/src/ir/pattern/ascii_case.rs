//! Java's `(?i)` without `UNICODE_CASE`: only ASCII letters match their other case, so `s`
//! must not match `ſ` nor `k` the Kelvin sign `K`, which both engines' own case-insensitive
//! modes (Unicode simple case folding) would accept. The translator therefore spells the
//! folding out: `a` becomes `[aA]`, and a class gains the other case of its ASCII letters.

/// The class for an ASCII letter in a case-insensitive scope, else `None`.
pub(super) fn letter_class(c: char) -> Option<String> {
    c.is_ascii_alphabetic().then(|| format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase()))
}

/// The code-point ranges a class must add so that its ASCII letters match in both cases.
pub(super) fn other_case_ranges(ranges: &[(u32, u32)]) -> Vec<(u32, u32)> {
    const UPPER: (u32, u32) = ('A' as u32, 'Z' as u32);
    const LOWER: (u32, u32) = ('a' as u32, 'z' as u32);
    const SHIFT: u32 = 'a' as u32 - 'A' as u32;
    let mut added = Vec::new();
    for &(low, high) in ranges {
        let upper = (low.max(UPPER.0), high.min(UPPER.1));
        if upper.0 <= upper.1 {
            added.push((upper.0 + SHIFT, upper.1 + SHIFT));
        }
        let lower = (low.max(LOWER.0), high.min(LOWER.1));
        if lower.0 <= lower.1 {
            added.push((lower.0 - SHIFT, lower.1 - SHIFT));
        }
    }
    added
}

/// Whether a `\p{…}` property distinguishes letter case (`Lu`, `Lower`, `IsUppercase`…).
/// Java's meaning for those under `(?i)` changed between releases (JDK-8214245), so a
/// case-insensitive scope refuses them; every other property holds both cases of an ASCII
/// letter or neither, and needs no folding.
pub(super) fn is_case_property(name: &str) -> bool {
    let name = name.rsplit('=').next().unwrap_or(name).to_ascii_lowercase();
    let name = name.strip_prefix("is").or_else(|| name.strip_prefix("java")).unwrap_or(&name);
    matches!(name, "lu" | "ll" | "lt") || ["lower", "upper", "title"].iter().any(|word| name.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_get_both_cases_and_other_characters_none() {
        assert_eq!(letter_class('k').as_deref(), Some("[kK]"));
        assert_eq!(letter_class('S').as_deref(), Some("[sS]"));
        assert_eq!(letter_class('1'), None);
        assert_eq!(letter_class('ſ'), None);
    }

    #[test]
    fn ranges_gain_the_other_case_of_their_ascii_letters_only() {
        let range = |a: char, b: char| (a as u32, b as u32);
        assert_eq!(other_case_ranges(&[range('a', 'f')]), [range('A', 'F')]);
        // `Z-a` holds `Z`, punctuation and `a`: it gains `z` and `A`.
        assert_eq!(other_case_ranges(&[range('Z', 'a')]), [range('z', 'z'), range('A', 'A')]);
        assert_eq!(other_case_ranges(&[range('0', '9'), range('é', 'ü')]), []);
        assert_eq!(other_case_ranges(&[(0, 0x10FFFF)]), [range('a', 'z'), range('A', 'Z')]);
    }

    #[test]
    fn case_properties_are_recognised() {
        for name in ["Lu", "Ll", "Lt", "IsLu", "Lower", "Upper", "IsUppercase", "javaLowerCase", "gc=Lu"] {
            assert!(is_case_property(name), "{name}");
        }
        for name in ["L", "N", "Alnum", "IsAlphabetic", "ASCII", "XDigit", "Latin"] {
            assert!(!is_case_property(name), "{name}");
        }
    }
}
