//! [`WireText`]: the text form of a single value in a URI label, a query string or a
//! header.

use super::number::{parse_f32, parse_f64, push_f32, push_f64, push_i64};
use super::WireError;

/// A value that has a text form in a URI label, a query string or a header.
pub trait WireText: Sized {
    /// Appends the value's text to `out`.
    fn push_text(&self, out: &mut String);

    /// Parses the value from its text.
    fn parse_text(text: &str) -> Result<Self, WireError>;
}

impl WireText for String {
    fn push_text(&self, out: &mut String) {
        out.push_str(self);
    }

    fn parse_text(text: &str) -> Result<Self, WireError> {
        Ok(text.to_owned())
    }
}

impl WireText for bool {
    fn push_text(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }

    fn parse_text(text: &str) -> Result<Self, WireError> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(WireError::new("expected `true` or `false`")),
        }
    }
}

macro_rules! integer_wire_text {
    ($($ty:ty),*) => {$(
        impl WireText for $ty {
            fn push_text(&self, out: &mut String) {
                push_i64(out, i64::from(*self));
            }

            fn parse_text(text: &str) -> Result<Self, WireError> {
                let digits = text.strip_prefix('-').unwrap_or(text);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(WireError::new("expected an integer"));
                }
                text.parse().map_err(|_| WireError::new("integer out of range"))
            }
        }
    )*};
}

integer_wire_text!(i8, i16, i32, i64);

impl WireText for f32 {
    fn push_text(&self, out: &mut String) {
        push_f32(out, *self);
    }

    fn parse_text(text: &str) -> Result<Self, WireError> {
        parse_f32(text)
    }
}

impl WireText for f64 {
    fn push_text(&self, out: &mut String) {
        push_f64(out, *self);
    }

    fn parse_text(text: &str) -> Result<Self, WireError> {
        parse_f64(text)
    }
}

impl WireText for crate::primitives::BigInteger {
    fn push_text(&self, out: &mut String) {
        out.push_str(self.as_str());
    }

    fn parse_text(text: &str) -> Result<Self, WireError> {
        text.parse().map_err(|_| WireError::new("expected an integer"))
    }
}

impl WireText for crate::primitives::BigDecimal {
    fn push_text(&self, out: &mut String) {
        out.push_str(self.as_str());
    }

    fn parse_text(text: &str) -> Result<Self, WireError> {
        text.parse().map_err(|_| WireError::new("expected a number"))
    }
}

/// The text of a value in a label, query or header.
pub fn text_of<T: WireText>(value: &T) -> String {
    let mut out = String::new();
    value.push_text(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_text_of_simple_values() {
        assert_eq!(text_of(&-5_i8), "-5");
        assert_eq!(text_of(&true), "true");
        assert_eq!(text_of(&f64::NAN), "NaN");
        assert_eq!(text_of(&1.5_f32), "1.5");
        assert_eq!(i32::parse_text("-2147483648"), Ok(i32::MIN));
        for bad in ["", "-", "+1", "1.0", " 1", "2147483648", "0x10"] {
            assert!(i32::parse_text(bad).is_err(), "{bad}");
        }
        assert_eq!(bool::parse_text("false"), Ok(false));
        assert!(bool::parse_text("TRUE").is_err());
        assert_eq!(f64::parse_text("-Infinity"), Ok(f64::NEG_INFINITY));
    }
}
