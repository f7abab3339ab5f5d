//! The text of integers and floats: written without allocation, floats in the shortest
//! form that reads back, laid out as `serde_json` does; and read back exactly.

use super::WireError;
use std::fmt;

/// Appends the decimal text of `value` to `out`.
pub fn push_i64(out: &mut String, value: i64) {
    if value < 0 {
        out.push('-');
    }
    push_u64(out, value.unsigned_abs());
}

/// Appends the decimal text of `value` to `out`.
pub fn push_u64(out: &mut String, value: u64) {
    push_ascii(out, DecimalDigits::new(value).as_slice());
}

/// Appends ASCII bytes; pushing them as chars is cheaper than validating them as UTF-8.
fn push_ascii(out: &mut String, bytes: &[u8]) {
    out.reserve(bytes.len());
    bytes.iter().for_each(|&b| out.push(char::from(b)));
}

/// The decimal digits of a `u64`, in a stack buffer.
struct DecimalDigits {
    buf: [u8; 20],
    start: usize,
}

impl DecimalDigits {
    fn new(mut value: u64) -> Self {
        // Two digits per division, written backwards.
        let mut digits = Self { buf: [0; 20], start: 20 };
        while value >= 100 {
            let pair = (value % 100) as usize * 2;
            value /= 100;
            digits.prepend(DIGIT_PAIRS.get(pair..pair + 2).unwrap_or_default());
        }
        if value >= 10 {
            let pair = value as usize * 2;
            digits.prepend(DIGIT_PAIRS.get(pair..pair + 2).unwrap_or_default());
        } else {
            digits.prepend(&[b'0' + value as u8]);
        }
        digits
    }

    fn prepend(&mut self, digits: &[u8]) {
        let start = self.start.saturating_sub(digits.len());
        if let Some(slot) = self.buf.get_mut(start..self.start) {
            slot.copy_from_slice(digits);
            self.start = start;
        }
    }

    fn as_slice(&self) -> &[u8] {
        self.buf.get(self.start..).unwrap_or_default()
    }
}

/// `00`, `01`, … `99`.
const DIGIT_PAIRS: [u8; 200] = {
    let mut table = [0_u8; 200];
    let mut i = 0;
    while i < 100 {
        table[2 * i] = b'0' + (i / 10) as u8;
        table[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    table
};

/// `value` zero-padded to `width` digits.
pub(super) fn push_padded(out: &mut String, value: u32, width: u32) {
    let mut place = 10_u32.pow(width - 1);
    while place > 0 {
        out.push(char::from(b'0' + (value / place % 10) as u8));
        place /= 10;
    }
}

/// `.` and the `width`-digit fraction `value` without trailing zeros; nothing when zero.
pub(super) fn push_fraction(out: &mut String, mut value: u32, mut width: u32) {
    if value == 0 {
        return;
    }
    while value.is_multiple_of(10) {
        value /= 10;
        width -= 1;
    }
    out.push('.');
    push_padded(out, value, width);
}

/// Appends `value` to `out` as Smithy writes a double outside JSON (headers, query,
/// labels) and as the JSON writer writes finite numbers: `NaN`, `Infinity`, `-Infinity`
/// for the special values, else the shortest text that reads back as the same value,
/// laid out as `serde_json` does: `1.0`, `1.1`, `0.00001`, `1e-7`, `1e+16`.
pub fn push_f64(out: &mut String, value: f64) {
    if value.is_nan() {
        out.push_str("NaN");
    } else if value.is_infinite() {
        out.push_str(if value > 0.0 { "Infinity" } else { "-Infinity" });
    } else if let Some((digits, fraction_digits)) = short_decimal(value.abs(), &F64_LIMITS, |n, k| n as f64 / POWERS_OF_TEN[k]) {
        push_decimal(out, value.is_sign_negative(), digits, fraction_digits, 16, -5);
    } else {
        push_shortest(out, value, format_args!("{value:e}"), 16, -5);
    }
}

/// Appends `value` to `out` as [`push_f64`] does, with the shortest text that reads back
/// as the same `f32` (`1.1`, not `1.100000023841858`).
pub fn push_f32(out: &mut String, value: f32) {
    let exact = f64::from(value);
    if value.is_nan() {
        out.push_str("NaN");
    } else if value.is_infinite() {
        out.push_str(if value > 0.0 { "Infinity" } else { "-Infinity" });
    } else if let Some((digits, fraction_digits)) =
        short_decimal(exact.abs(), &F32_LIMITS, |n, k| f64::from(n as f32 / POWERS_OF_TEN[k] as f32))
    {
        push_decimal(out, value.is_sign_negative(), digits, fraction_digits, 13, -6);
    } else {
        push_shortest(out, exact, format_args!("{value:e}"), 13, -6);
    }
}

const POWERS_OF_TEN: [f64; 10] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/// `F64_LIMITS[k]`: below it an `f64`'s spacing is under `10^-k`, so at most one decimal
/// with `k` fraction digits reads back as a given value (2^(52 - ceil(k log2 10))).
const F64_LIMITS: [f64; 10] = {
    let mut limits = [0.0; 10];
    let bits = [52, 48, 45, 42, 38, 35, 32, 28, 25, 22];
    let mut k = 0;
    while k < 10 {
        limits[k] = (1_u64 << bits[k]) as f64;
        k += 1;
    }
    limits
};

/// The same for an `f32` (2^(23 - ceil(k log2 10))), up to 6 fraction digits.
const F32_LIMITS: [f64; 7] = [8_388_608.0, 524_288.0, 65_536.0, 8_192.0, 512.0, 64.0, 8.0];

/// The value as `digits × 10^-k` with the fewest fraction digits `k`, when it is a short
/// decimal (a price, a timestamp in milliseconds): the common case, found with a few
/// multiplications instead of the general shortest-digits search. Below `limits[k]` a
/// decimal with `k` fraction digits that reads back as the value is the only one, hence
/// the shortest; `read_back(digits, k)` must round `digits / 10^k` as parsing does.
fn short_decimal(value: f64, limits: &[f64], read_back: impl Fn(u64, usize) -> f64) -> Option<(u64, usize)> {
    if value == 0.0 {
        return Some((0, 0));
    }
    for (k, (&limit, &power)) in limits.iter().zip(POWERS_OF_TEN.iter()).enumerate() {
        if value >= limit {
            return None;
        }
        let scaled = value * power;
        // Below the limit `scaled` is under 2^52, so the cast is exact for integers.
        let digits = scaled as u64;
        if digits as f64 == scaled {
            // The product may have rounded onto an integer: check the decimal reads back.
            return (read_back(digits, k) == value).then_some((digits, k));
        }
    }
    None
}

/// Lays out `digits × 10^-fraction_digits` as [`push_layout`] does.
fn push_decimal(out: &mut String, negative: bool, digits: u64, fraction_digits: usize, max_point: i32, min_point: i32) {
    let digits = DecimalDigits::new(digits);
    let digits = digits.as_slice();
    let point = digits.len() as i32 - fraction_digits as i32;
    let significant = digits.iter().rposition(|&d| d != b'0').map_or(0, |last| last + 1);
    push_layout(out, negative, digits.get(..significant).unwrap_or_default(), point, max_point, min_point);
}

/// Re-lays the shortest round-trip digits that `{:e}` produces (`-1.2345e3`) out as
/// [`push_layout`] does. `value` is the number being written, exactly.
fn push_shortest(out: &mut String, value: f64, scientific: fmt::Arguments<'_>, max_point: i32, min_point: i32) {
    let mut buf = StackText { bytes: [0; 40], len: 0 };
    if fmt::write(&mut buf, scientific).is_err() {
        return;
    }
    let text = buf.bytes.get(..buf.len).unwrap_or_default();
    let (negative, text) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let Some(e) = text.iter().position(|&b| b == b'e') else { return };
    let (mantissa, exponent) = (text.get(..e).unwrap_or_default(), text.get(e + 1..).unwrap_or_default());
    let exponent: i32 = std::str::from_utf8(exponent).ok().and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut digits = Digits::default();
    mantissa.iter().filter(|d| d.is_ascii_digit()).for_each(|&d| digits.push(d));
    let mut point = exponent + 1;
    if let Some((even, even_point)) = even_tie(value, digits.as_slice(), point) {
        (digits, point) = (even, even_point);
    }
    push_layout(out, negative, digits.as_slice(), point, max_point, min_point);
}

/// Writes `0.DIGITS × 10^point` (no trailing zeros in `digits`) as serde_json does: plain
/// while the decimal point is within `max_point` digits of the start and after
/// `min_point` (`12345.0`, `0.0012345`), else in scientific notation (`1.2345e+20`).
fn push_layout(out: &mut String, negative: bool, digits: &[u8], point: i32, max_point: i32, min_point: i32) {
    if negative {
        out.push('-');
    }
    let push_digits = push_ascii;
    let count = digits.len() as i32;
    if digits.is_empty() || digits == b"0" {
        out.push_str("0.0");
    } else if count <= point && point <= max_point {
        push_digits(out, digits);
        (count..point).for_each(|_| out.push('0'));
        out.push_str(".0");
    } else if 0 < point && point <= max_point {
        let (int, frac) = digits.split_at(point as usize);
        push_digits(out, int);
        out.push('.');
        push_digits(out, frac);
    } else if min_point < point && point <= 0 {
        out.push_str("0.");
        (point..0).for_each(|_| out.push('0'));
        push_digits(out, digits);
    } else {
        let Some((&first, rest)) = digits.split_first() else { return };
        out.push(char::from(first));
        if !rest.is_empty() {
            out.push('.');
            push_digits(out, rest);
        }
        // serde_json writes `1e+16`, as JavaScript does.
        out.push_str(if point > 0 { "e+" } else { "e" });
        push_i64(out, i64::from(point - 1));
    }
}

/// Up to 20 ASCII digits.
#[derive(Default)]
struct Digits {
    bytes: [u8; 20],
    len: usize,
}

impl Digits {
    fn push(&mut self, digit: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = digit;
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

/// When the exact value lies halfway between two shortest candidates, std picks the upper
/// one and serde_json (like ryu) the even one; this returns serde_json's pick when it
/// differs. A tie needs the exact decimal expansion (`odd × 5^k × 10^-k` for
/// `odd × 2^-k`) to have one digit more than the shortest form, so only values with a few
/// binary fraction digits qualify, and the check is a handful of integer operations.
fn even_tie(value: f64, digits: &[u8], point: i32) -> Option<(Digits, i32)> {
    let bits = value.to_bits() & !(1 << 63);
    let biased = (bits >> 52) as i32;
    if biased == 0 || biased == 0x7FF {
        return None;
    }
    let mantissa = bits & ((1 << 52) - 1) | 1 << 52;
    let zeros = mantissa.trailing_zeros();
    let exponent = biased - 1075 + zeros as i32;
    // With fewer than two fraction bits the exact value is itself a shortest form.
    if !(-27..=-2).contains(&exponent) {
        return None;
    }
    let exact = (mantissa >> zeros).checked_mul(5_u64.checked_pow(exponent.unsigned_abs())?)?;
    if exact.checked_ilog10()? as usize != digits.len() {
        return None;
    }
    let shortest = digits.iter().try_fold(0_u64, |n, &d| n.checked_mul(10)?.checked_add(u64::from(d.wrapping_sub(b'0'))))?;
    let below = exact / 10;
    let even = if below.is_multiple_of(2) { below } else { below + 1 };
    if shortest == even || (shortest != below && shortest != below + 1) {
        return None;
    }
    // 99…9 rounding up to 10…0 gains a digit and moves the point.
    let point = point + (even.checked_ilog10()? as i32 + 1 - digits.len() as i32);
    let mut trimmed = even;
    while trimmed.is_multiple_of(10) && trimmed > 0 {
        trimmed /= 10;
    }
    let mut result = Digits::default();
    let mut place = 10_u64.pow(trimmed.checked_ilog10()?);
    while place > 0 {
        result.push(b'0' + (trimmed / place % 10) as u8);
        place /= 10;
    }
    Some((result, point))
}

/// A fixed buffer for the few bytes of a formatted float, so that no allocation is made.
struct StackText {
    bytes: [u8; 40],
    len: usize,
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Parses a double from a header, query or label: `NaN`, `Infinity`, `-Infinity`, or a
/// decimal number (`[-+]digits[.digits][(e|E)[-+]digits]`). Text that overflows to
/// infinity is an error; hex, `inf` and trailing characters are rejected.
pub fn parse_f64(text: &str) -> Result<f64, WireError> {
    match special_float(text) {
        Some(value) => Ok(value),
        None if is_decimal_number(text) => match text.parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(value),
            _ => Err(WireError::new("number out of range for a double")),
        },
        None => Err(WireError::new("invalid number")),
    }
}

/// Parses a float as [`parse_f64`] does, rounding the text directly to the nearest `f32`.
pub fn parse_f32(text: &str) -> Result<f32, WireError> {
    match special_float(text) {
        Some(value) => Ok(value as f32),
        None if is_decimal_number(text) => match text.parse::<f32>() {
            Ok(value) if value.is_finite() => Ok(value),
            _ => Err(WireError::new("number out of range for a float")),
        },
        None => Err(WireError::new("invalid number")),
    }
}

/// The strings Smithy uses for the non-finite floats: `NaN`, `Infinity`, `-Infinity`.
pub(crate) fn special_float(text: &str) -> Option<f64> {
    match text {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

fn is_decimal_number(text: &str) -> bool {
    let text = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (text, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(mantissa),
    };
    mantissa_ok && exponent.is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        for v in [0, 1, -1, 9, 10, -10, 123, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_i64(&mut out, v);
            assert_eq!(out, v.to_string());
        }
        let mut out = String::new();
        push_u64(&mut out, u64::MAX);
        assert_eq!(out, u64::MAX.to_string());
    }

    fn f64_text(v: f64) -> String {
        let mut out = String::new();
        push_f64(&mut out, v);
        out
    }

    fn f32_text(v: f32) -> String {
        let mut out = String::new();
        push_f32(&mut out, v);
        out
    }

    #[test]
    // The literals are exact binary ties on purpose: they test round-half-to-even.
    #[allow(clippy::excessive_precision)]
    fn float_text() {
        let cases = [
            (1.0, "1.0"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.1, "1.1"),
            (5.1, "5.1"),
            (-1.5, "-1.5"),
            (1234.5, "1234.5"),
            (123_456_789.123_456_79, "123456789.12345679"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (1234567890123456.0, "1234567890123456.0"),
            (0.0001, "0.0001"),
            (0.00001, "0.00001"),
            (0.000001, "1e-6"),
            (1.5e-7, "1.5e-7"),
            (1e300, "1e+300"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
            (5e-324, "5e-324"),
            // Exact ties between two shortest forms go to the even digit, as in serde_json.
            (1_125_899_906_842_624.25, "1125899906842624.2"),
            (1_125_899_906_842_624.75, "1125899906842624.8"),
            (281_474_976_710_655.937_5, "281474976710655.94"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (v, text) in cases {
            assert_eq!(f64_text(v), text);
            if v.is_finite() {
                assert_eq!(parse_f64(text), Ok(v));
            }
        }
        let cases32 = [
            (1.1_f32, "1.1"),
            (132_178.125, "132178.12"),
            (132_178.375, "132178.38"),
            (8_388_607.5, "8388607.5"),
            (4.1, "4.1"),
            (1.0, "1.0"),
            (16_777_216.0, "16777216.0"),
            (1e12, "1000000000000.0"),
            (1e13, "1e+13"),
            (0.00001, "0.00001"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (f32::MAX, "3.4028235e+38"),
            (f32::NAN, "NaN"),
            (f32::NEG_INFINITY, "-Infinity"),
        ];
        for (v, text) in cases32 {
            assert_eq!(f32_text(v), text);
            if v.is_finite() {
                assert_eq!(parse_f32(text), Ok(v));
            }
        }
    }

    #[test]
    fn float_parse() {
        assert!(parse_f64("NaN").is_ok_and(f64::is_nan));
        assert_eq!(parse_f64("Infinity"), Ok(f64::INFINITY));
        assert_eq!(parse_f64("-Infinity"), Ok(f64::NEG_INFINITY));
        assert_eq!(parse_f32("-Infinity"), Ok(f32::NEG_INFINITY));
        assert_eq!(parse_f64("1.1"), Ok(1.1));
        assert_eq!(parse_f64("+2"), Ok(2.0));
        assert_eq!(parse_f64("1e-400"), Ok(0.0));
        assert_eq!(parse_f32("1.1"), Ok(1.1_f32));
        // Malformed-request vectors: boolean, trailing characters, hex.
        for text in
            ["true", "2ABC", "0x42", "", "inf", "nan", "infinity", "1.", ".5", "1e", "- 1", "1 ", "1e400", "1_0", "NAN"]
        {
            assert!(parse_f64(text).is_err(), "{text:?}");
        }
        assert!(parse_f32("3.5e38").is_err());
    }

    #[test]
    fn float_text_round_trips() {
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let v = f64::from_bits(state);
            if v.is_finite() {
                assert_eq!(parse_f64(&f64_text(v)), Ok(v));
            }
            let v = f32::from_bits((state >> 32) as u32);
            if v.is_finite() {
                assert_eq!(parse_f32(&f32_text(v)), Ok(v));
            }
        }
    }
}
