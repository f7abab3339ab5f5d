//! Text forms of values outside a JSON body and inside it: base64, timestamps,
//! percent-encoding for URI labels and query strings, HTTP header lists, and the text of
//! integers and floats; and what generated `request`/`response` functions share:
//! [`RequestOptions`], [`RequestError`], [`ResponseError`], [`UnmodeledError`] and the
//! error-code rules.

use std::borrow::Cow;
use std::fmt;

use crate::primitives::DateTime;

/// A value whose wire text is malformed, or that has no wire text in the asked format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireError {
    message: Cow<'static, str>,
}

impl WireError {
    /// An error with this message.
    pub fn new(message: impl Into<Cow<'static, str>>) -> Self {
        Self { message: message.into() }
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for WireError {}

// ---------------------------------------------------------------------------------------
// base64

const BASE64_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// 6-bit value of each base64 character; 0xFF marks bytes outside the alphabet.
const BASE64_VALUES: [u8; 256] = {
    let mut table = [0xFF_u8; 256];
    let mut i = 0;
    while i < 64 {
        table[BASE64_ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// `bytes` in base64 (standard alphabet, padded).
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    push_base64(&mut out, bytes);
    out
}

/// Appends `bytes` in base64 (standard alphabet, padded) to `out`.
pub fn push_base64(out: &mut String, bytes: &[u8]) {
    out.reserve(bytes.len().div_ceil(3) * 4);
    let sextet = |n: u32, shift: u32| char::from(BASE64_ALPHABET[((n >> shift) & 63) as usize]);
    let mut chunks = bytes.chunks_exact(3);
    for chunk in &mut chunks {
        if let [a, b, c] = *chunk {
            let n = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c);
            for shift in [18, 12, 6, 0] {
                out.push(sextet(n, shift));
            }
        }
    }
    match *chunks.remainder() {
        [a] => {
            let n = u32::from(a) << 16;
            out.push(sextet(n, 18));
            out.push(sextet(n, 12));
            out.push_str("==");
        }
        [a, b] => {
            let n = u32::from(a) << 16 | u32::from(b) << 8;
            out.push(sextet(n, 18));
            out.push(sextet(n, 12));
            out.push(sextet(n, 6));
            out.push('=');
        }
        _ => {}
    }
}

/// Decodes base64 (standard alphabet). The padding is required, as the Smithy protocol
/// tests reject `xyz` and `YmxvYg=`; whitespace and the URL-safe alphabet are rejected too.
/// Bits below the last full byte are ignored.
pub fn base64_decode(text: &str) -> Result<Vec<u8>, WireError> {
    let invalid = || WireError::new("invalid base64");
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return Err(invalid());
    }
    let padding = if bytes.ends_with(b"==") {
        2
    } else if bytes.ends_with(b"=") {
        1
    } else {
        0
    };
    let data = bytes.get(..bytes.len() - padding).ok_or_else(invalid)?;
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 2);
    let mut chunks = data.chunks_exact(4);
    let value = |c: u8| match BASE64_VALUES[usize::from(c)] {
        0xFF => Err(invalid()),
        v => Ok(u32::from(v)),
    };
    for chunk in &mut chunks {
        let mut n = 0;
        for &c in chunk {
            n = n << 6 | value(c)?;
        }
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    match *chunks.remainder() {
        [] => {}
        [a, b] => {
            let n = value(a)? << 6 | value(b)?;
            out.push((n >> 4) as u8);
        }
        [a, b, c] => {
            let n = (value(a)? << 6 | value(b)?) << 6 | value(c)?;
            out.extend_from_slice(&[(n >> 10) as u8, (n >> 2) as u8]);
        }
        _ => return Err(invalid()),
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Timestamps

/// A Smithy `timestampFormat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimestampFormat {
    /// RFC 3339 `date-time` in UTC, e.g. `2019-12-16T23:48:18Z` or
    /// `2000-01-02T20:34:56.123Z`.
    DateTime,
    /// IMF-fixdate, e.g. `Mon, 16 Dec 2019 23:48:18 GMT`.
    HttpDate,
    /// Seconds since the epoch as a decimal number, e.g. `1576540098` or `946845296.123`.
    EpochSeconds,
}

/// `0001-01-01T00:00:00Z`, the first instant that has a `date-time` and `http-date` text.
const MIN_SECS: i64 = -62_135_596_800;
/// `9999-12-31T23:59:59Z`, the last whole second that has one.
const MAX_SECS: i64 = 253_402_300_799;

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// `t` in `format`. Fractions are written to the millisecond (truncated) with trailing
/// zeros dropped, and only when non-zero; `http-date` has whole seconds only. `date-time`
/// and `http-date` fail outside the years 0001 to 9999.
pub fn format_timestamp(t: DateTime, format: TimestampFormat) -> Result<String, WireError> {
    let mut out = String::with_capacity(32);
    push_timestamp(&mut out, t, format)?;
    Ok(out)
}

/// Appends `t` in `format` to `out`, as [`format_timestamp`] does; on error `out` is left
/// unchanged.
pub fn push_timestamp(out: &mut String, t: DateTime, format: TimestampFormat) -> Result<(), WireError> {
    let millis = t.subsec_nanos() / 1_000_000;
    if format == TimestampFormat::EpochSeconds {
        // Through i128 so that no i64 input overflows; the sign goes in front because
        // -0.5 s is `secs == -1` plus 500 ms.
        let total = i128::from(t.secs()) * 1000 + i128::from(millis);
        if total < 0 {
            out.push('-');
        }
        let magnitude = total.unsigned_abs();
        push_u64(out, (magnitude / 1000) as u64);
        push_fraction(out, (magnitude % 1000) as u32, 3);
        return Ok(());
    }
    let secs = t.secs();
    if !(MIN_SECS..=MAX_SECS).contains(&secs) {
        return Err(WireError::new("timestamp outside the years 0001-9999"));
    }
    let days = secs.div_euclid(86_400);
    let time = secs.rem_euclid(86_400) as u32;
    let (year, month, day) = civil_from_days(days);
    let (hour, minute, second) = (time / 3600, time / 60 % 60, time % 60);
    if format == TimestampFormat::DateTime {
        push_padded(out, year as u32, 4);
        out.push('-');
        push_padded(out, month, 2);
        out.push('-');
        push_padded(out, day, 2);
        out.push('T');
        push_padded(out, hour, 2);
        out.push(':');
        push_padded(out, minute, 2);
        out.push(':');
        push_padded(out, second, 2);
        push_fraction(out, millis, 3);
        out.push('Z');
    } else {
        // 1970-01-01 was a Thursday.
        out.push_str(WEEKDAYS[(days + 4).rem_euclid(7) as usize]);
        out.push_str(", ");
        push_padded(out, day, 2);
        out.push(' ');
        out.push_str(MONTHS.get(month as usize - 1).copied().unwrap_or("Jan"));
        out.push(' ');
        push_padded(out, year as u32, 4);
        out.push(' ');
        push_padded(out, hour, 2);
        out.push(':');
        push_padded(out, minute, 2);
        out.push(':');
        push_padded(out, second, 2);
        out.push_str(" GMT");
    }
    Ok(())
}

/// Parses a timestamp in `format`:
/// - `EpochSeconds`: a decimal number as JSON writes it (`1576540098`, `946845296.123`,
///   `-1.5`, `1.5e9`); digits past the nanosecond are truncated.
/// - `DateTime`: RFC 3339 `date-time`, with a fraction of any length (truncated to
///   nanoseconds), `T`/`t`, and `Z`, `z` or a `±HH:MM` offset; the date must exist and the
///   year be 0001 to 9999; a leap second (`:60`) is rejected.
/// - `HttpDate`: IMF-fixdate (`Mon, 16 Dec 2019 23:48:18 GMT`); a fraction after the
///   seconds is tolerated; the weekday must be a day name but is not checked against the
///   date.
pub fn parse_timestamp(text: &str, format: TimestampFormat) -> Result<DateTime, WireError> {
    let parsed = match format {
        TimestampFormat::EpochSeconds => parse_epoch_seconds(text),
        TimestampFormat::DateTime => parse_date_time(text.as_bytes()),
        TimestampFormat::HttpDate => parse_http_date(text.as_bytes()),
    };
    parsed.ok_or_else(|| {
        WireError::new(match format {
            TimestampFormat::EpochSeconds => "invalid epoch-seconds timestamp",
            TimestampFormat::DateTime => "invalid date-time timestamp",
            TimestampFormat::HttpDate => "invalid http-date timestamp",
        })
    })
}

/// Days since 1970-01-01 of a proleptic Gregorian date. Counting years from March puts
/// the leap day last, so a month's first day is a linear function of the month.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`]: (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 } as u32;
    (era * 400 + year_of_era + i64::from(month <= 2), month, day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Seconds since the epoch of a date and time, after checking that they exist.
fn civil_to_secs(year: u32, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> Option<i64> {
    let year = i64::from(year);
    let valid = (1..=9999).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && hour < 24
        && minute < 60
        && second < 60;
    valid.then(|| days_from_civil(year, month, day) * 86_400 + i64::from(hour * 3600 + minute * 60 + second))
}

/// A cursor over ASCII text for the timestamp grammars.
struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.pos += usize::from(found);
        found
    }

    fn expect(&mut self, literal: &[u8]) -> Option<()> {
        let end = self.pos + literal.len();
        (self.bytes.get(self.pos..end)? == literal).then(|| self.pos = end)
    }

    /// Exactly `count` digits.
    fn digits(&mut self, count: usize) -> Option<u32> {
        let digits = self.bytes.get(self.pos..self.pos + count)?;
        let mut value = 0;
        for &d in digits {
            if !d.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u32::from(d - b'0');
        }
        self.pos += count;
        Some(value)
    }

    /// `.` and one or more digits, as nanoseconds (digits past the ninth are truncated);
    /// 0 when there is no `.`.
    fn fraction(&mut self) -> Option<u32> {
        if !self.eat(b'.') {
            return Some(0);
        }
        let start = self.pos;
        let mut nanos = 0;
        while let Some(d) = self.peek().filter(u8::is_ascii_digit) {
            if self.pos - start < 9 {
                nanos = nanos * 10 + u32::from(d - b'0');
            }
            self.pos += 1;
        }
        let count = self.pos - start;
        if count == 0 {
            return None;
        }
        Some(nanos * 10_u32.pow(9 - count.min(9) as u32))
    }

    fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }
}

fn parse_date_time(text: &[u8]) -> Option<DateTime> {
    let mut s = Scanner { bytes: text, pos: 0 };
    let year = s.digits(4)?;
    s.expect(b"-")?;
    let month = s.digits(2)?;
    s.expect(b"-")?;
    let day = s.digits(2)?;
    if !(s.eat(b'T') || s.eat(b't')) {
        return None;
    }
    let hour = s.digits(2)?;
    s.expect(b":")?;
    let minute = s.digits(2)?;
    s.expect(b":")?;
    let second = s.digits(2)?;
    let nanos = s.fraction()?;
    let offset = match s.peek()? {
        b'Z' | b'z' => {
            s.pos += 1;
            0
        }
        sign @ (b'+' | b'-') => {
            s.pos += 1;
            let hours = s.digits(2)?;
            s.expect(b":")?;
            let minutes = s.digits(2)?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = i64::from(hours * 3600 + minutes * 60);
            if sign == b'-' {
                -offset
            } else {
                offset
            }
        }
        _ => return None,
    };
    if !s.at_end() {
        return None;
    }
    let local = civil_to_secs(year, month, day, hour, minute, second)?;
    Some(DateTime::from_secs_and_nanos(local - offset, nanos))
}

fn parse_http_date(text: &[u8]) -> Option<DateTime> {
    let mut s = Scanner { bytes: text, pos: 0 };
    let weekday = text.get(..3)?;
    if !WEEKDAYS.iter().any(|w| w.as_bytes() == weekday) {
        return None;
    }
    s.pos = 3;
    s.expect(b", ")?;
    let day = s.digits(2)?;
    s.expect(b" ")?;
    let month_name = text.get(s.pos..s.pos + 3)?;
    let month = MONTHS.iter().position(|m| m.as_bytes() == month_name)? as u32 + 1;
    s.pos += 3;
    s.expect(b" ")?;
    let year = s.digits(4)?;
    s.expect(b" ")?;
    let hour = s.digits(2)?;
    s.expect(b":")?;
    let minute = s.digits(2)?;
    s.expect(b":")?;
    let second = s.digits(2)?;
    let nanos = s.fraction()?;
    s.expect(b" GMT")?;
    if !s.at_end() {
        return None;
    }
    let secs = civil_to_secs(year, month, day, hour, minute, second)?;
    Some(DateTime::from_secs_and_nanos(secs, nanos))
}

/// `[-+] digits [. digits] [(e|E) [-+] digits]` read exactly: the value is split into whole
/// seconds and nanoseconds without going through a float.
fn parse_epoch_seconds(text: &str) -> Option<DateTime> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, text.get(1..)?),
        b'+' => (false, text.get(1..)?),
        _ => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (unsigned.get(..i)?, Some(unsigned.get(i + 1..)?)),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !all_digits(whole)
        || (mantissa.contains('.') && fraction.is_empty())
        || !all_digits(fraction)
    {
        return None;
    }
    let exponent = match exponent {
        Some(e) => parse_exponent(e)?,
        None => 0,
    };
    // The digits of whole and fraction form one digit string with the decimal point after
    // `point` digits; the exponent moves the point.
    let digits = || whole.bytes().chain(fraction.bytes());
    let point = whole.len() as i64 + exponent;
    let mut secs: i64 = 0;
    let mut nanos: u32 = 0;
    for (i, d) in digits().enumerate() {
        let d = d - b'0';
        let place = point - i as i64; // digit `i` has weight 10^(place - 1)
        if place > 0 {
            secs = secs.checked_mul(10)?.checked_add(i64::from(d))?;
        } else if place > -9 {
            nanos += u32::from(d) * 10_u32.pow((8 + place) as u32);
        } else {
            break;
        }
    }
    // Zeros implied past the last digit when the exponent moves the point right.
    let digit_count = (whole.len() + fraction.len()) as i64;
    if point > digit_count && secs != 0 {
        for _ in 0..point - digit_count {
            secs = secs.checked_mul(10)?;
        }
    }
    if negative && (secs != 0 || nanos != 0) {
        if nanos == 0 {
            Some(DateTime::from_secs(-secs))
        } else {
            Some(DateTime::from_secs_and_nanos(-secs - 1, 1_000_000_000 - nanos))
        }
    } else {
        Some(DateTime::from_secs_and_nanos(secs, nanos))
    }
}

/// A decimal exponent, saturated far beyond any meaningful value so that the loops using
/// it stay bounded by the text length or by overflow checks.
fn parse_exponent(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, text.get(1..)?),
        b'+' => (false, text.get(1..)?),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = digits.bytes().fold(0_i64, |v, d| (v * 10 + i64::from(d - b'0')).min(1 << 40));
    Some(if negative { -value } else { value })
}

// ---------------------------------------------------------------------------------------
// Percent-encoding

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

fn push_percent_encoded_impl(out: &mut String, value: &str, keep_slash: bool) {
    let mut start = 0;
    for (i, b) in value.bytes().enumerate() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || (keep_slash && b == b'/') {
            continue;
        }
        out.push_str(value.get(start..i).unwrap_or_default());
        out.push('%');
        out.push(char::from(HEX_UPPER[usize::from(b >> 4)]));
        out.push(char::from(HEX_UPPER[usize::from(b & 15)]));
        start = i + 1;
    }
    out.push_str(value.get(start..).unwrap_or_default());
}

/// Appends `value` to `out` percent-encoded for a URI label, a query key or a query
/// value: every UTF-8 byte outside `A-Za-z0-9-._~` becomes `%XX` (upper-case hex), e.g.
/// `a/b c` → `a%2Fb%20c`.
pub fn push_percent_encoded(out: &mut String, value: &str) {
    push_percent_encoded_impl(out, value, false);
}

/// Appends `value` to `out` percent-encoded for a greedy label (`{key+}`): as
/// [`push_percent_encoded`] but `/` is kept, e.g. `there/guy` → `there/guy`.
pub fn push_percent_encoded_greedy(out: &mut String, value: &str) {
    push_percent_encoded_impl(out, value, true);
}

/// `value` percent-encoded as [`push_percent_encoded`] does.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_percent_encoded(&mut out, value);
    out
}

// ---------------------------------------------------------------------------------------
// HTTP header lists

/// The items of a list-valued header joined with `", "`. An item containing `,` or `"`
/// (or that is empty or has spaces or tabs at either end, which the split would lose) is
/// sent quoted, with `"` and `\` escaped by `\`: `["b,c", "\"def\"", "a"]` →
/// `"b,c", "\"def\"", a`. Lists of http-date timestamps are not quoted: join their texts
/// with `", "` directly.
pub fn header_list<I>(items: I) -> String
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        let item = item.as_ref();
        if i > 0 {
            out.push_str(", ");
        }
        let is_space = |c: char| c == ' ' || c == '\t';
        let quote =
            item.is_empty() || item.contains([',', '"']) || item.starts_with(is_space) || item.ends_with(is_space);
        if quote {
            out.push('"');
            for c in item.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            out.push_str(item);
        }
    }
    out
}

/// Splits a list-valued header into its items: on commas outside double quotes, trimming
/// spaces and tabs around each item; a quoted item loses its quotes and `\` escapes.
/// An empty (or blank) value is an empty list. A quoted item followed by anything but a
/// comma, or an unterminated quote, is an error. When a header occurs several times, pass
/// each value in turn and concatenate the results (or join them with `,` first).
pub fn split_header_list(value: &str) -> Result<Vec<Cow<'_, str>>, WireError> {
    let mut items = Vec::new();
    let is_space = |c: char| c == ' ' || c == '\t';
    if value.trim_matches(is_space).is_empty() {
        return Ok(items);
    }
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(is_space);
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut item = String::new();
            let mut chars = quoted.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '"' => {
                        end = Some(i + 1);
                        break;
                    }
                    '\\' => match chars.next() {
                        Some((_, escaped)) => item.push(escaped),
                        None => break,
                    },
                    c => item.push(c),
                }
            }
            let end = end.ok_or_else(|| WireError::new("unterminated quoted string in header list"))?;
            items.push(Cow::Owned(item));
            rest = quoted.get(end..).unwrap_or_default().trim_start_matches(is_space);
            match rest.strip_prefix(',') {
                Some(after) => rest = after,
                None if rest.is_empty() => return Ok(items),
                None => return Err(WireError::new("unexpected text after quoted string in header list")),
            }
        } else {
            match rest.split_once(',') {
                Some((item, after)) => {
                    items.push(Cow::Borrowed(item.trim_end_matches(is_space)));
                    rest = after;
                }
                None => {
                    items.push(Cow::Borrowed(rest.trim_end_matches(is_space)));
                    return Ok(items);
                }
            }
        }
    }
}

/// Splits a header holding a list of http-date timestamps: each date contains one comma
/// (`Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 ...`), so the list is split on every
/// second comma, trimming spaces and tabs. An empty value is an empty list.
pub fn split_http_date_list(value: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let is_space = |c: char| c == ' ' || c == '\t';
    if value.trim_matches(is_space).is_empty() {
        return items;
    }
    let mut start = 0;
    let mut commas = 0;
    for (i, b) in value.bytes().enumerate() {
        if b == b',' {
            commas += 1;
            if commas % 2 == 0 {
                items.push(value.get(start..i).unwrap_or_default().trim_matches(is_space));
                start = i + 1;
            }
        }
    }
    items.push(value.get(start..).unwrap_or_default().trim_matches(is_space));
    items
}

// ---------------------------------------------------------------------------------------
// Numbers

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
fn push_padded(out: &mut String, value: u32, width: u32) {
    let mut place = 10_u32.pow(width - 1);
    while place > 0 {
        out.push(char::from(b'0' + (value / place % 10) as u8));
        place /= 10;
    }
}

/// `.` and the `width`-digit fraction `value` without trailing zeros; nothing when zero.
fn push_fraction(out: &mut String, mut value: u32, mut width: u32) {
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

// ---------------------------------------------------------------------------------------
// Text of single values in labels, query strings and headers

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

// ---------------------------------------------------------------------------------------
// Requests

/// Produces idempotency tokens for members the caller left unset.
pub type TokenSource = std::sync::Arc<dyn Fn() -> String + Send + Sync>;

/// How `request` builds an HTTP request from an operation input.
///
/// The default validates the input first and fills unset `@idempotencyToken` members with
/// a random UUID v4.
#[derive(Clone)]
pub struct RequestOptions {
    validate: bool,
    token_source: Option<TokenSource>,
}

impl Default for RequestOptions {
    fn default() -> Self {
        Self { validate: true, token_source: None }
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestOptions")
            .field("validate", &self.validate)
            .field("token_source", &self.token_source.as_ref().map(|_| "custom"))
            .finish()
    }
}

impl RequestOptions {
    /// The default options: validate, random idempotency tokens.
    pub fn new() -> Self {
        Self::default()
    }

    /// Skips validation of the input (to send what the caller built, as is).
    pub fn without_validation(mut self) -> Self {
        self.validate = false;
        self
    }

    /// Whether the input is validated before it is sent.
    pub fn validates(&self) -> bool {
        self.validate
    }

    /// Takes idempotency tokens for unset members from `source` instead of generating
    /// random UUIDs, e.g. to make requests repeatable in tests.
    pub fn with_token_source(mut self, source: impl Fn() -> String + Send + Sync + 'static) -> Self {
        self.token_source = Some(std::sync::Arc::new(source));
        self
    }

    /// A token for an `@idempotencyToken` member the caller left unset.
    pub fn idempotency_token(&self) -> Result<String, RequestError> {
        match &self.token_source {
            Some(source) => Ok(source()),
            None => uuid_v4(),
        }
    }
}

/// A random UUID version 4 (RFC 9562) in its hyphenated lower-case form.
pub fn uuid_v4() -> Result<String, RequestError> {
    let mut bytes = [0_u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| RequestError::Serialize(WireError::new(format!("no randomness for an idempotency token: {e}"))))?;
    bytes[6] = bytes[6] & 0x0F | 0x40;
    bytes[8] = bytes[8] & 0x3F | 0x80;
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(HEX_LOWER[usize::from(b >> 4)]));
        out.push(char::from(HEX_LOWER[usize::from(b & 15)]));
    }
    Ok(out)
}

const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";

/// Why a request could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum RequestError {
    /// The input breaks constraints of the model (see [`RequestOptions::without_validation`]).
    Invalid(crate::validation::ValidationError),
    /// A value has no wire form: a missing or empty URI label, a timestamp outside the
    /// years 0001 to 9999, a header value with a line break, …
    Serialize(WireError),
}

impl RequestError {
    /// A serialization error with this message.
    pub fn serialize(message: impl Into<Cow<'static, str>>) -> Self {
        Self::Serialize(WireError::new(message))
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid(e) => write!(f, "invalid request: {e}"),
            Self::Serialize(e) => write!(f, "cannot serialize the request: {e}"),
        }
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Invalid(e) => Some(e),
            Self::Serialize(e) => Some(e),
        }
    }
}

impl From<crate::validation::ValidationError> for RequestError {
    fn from(error: crate::validation::ValidationError) -> Self {
        Self::Invalid(error)
    }
}

impl From<WireError> for RequestError {
    fn from(error: WireError) -> Self {
        Self::Serialize(error)
    }
}

/// Appends `value` as one URI label; an empty label is an error (the path would change).
pub fn push_label(out: &mut String, value: &str, greedy: bool, member: &'static str) -> Result<(), RequestError> {
    if value.is_empty() {
        return Err(RequestError::serialize(format!("URI label `{member}` is empty")));
    }
    if greedy {
        push_percent_encoded_greedy(out, value);
    } else {
        push_percent_encoded(out, value);
    }
    Ok(())
}

/// The error for a required URI label that is not set.
pub fn missing_label(member: &'static str) -> RequestError {
    RequestError::serialize(format!("URI label `{member}` is not set"))
}

/// A query string under construction: `key=value` pairs, percent-encoded.
#[derive(Debug, Default)]
pub struct Query {
    text: String,
}

impl Query {
    /// Starts with the literal part of the URI pattern (`a=b&c`, already encoded).
    pub fn new(literal: &str) -> Self {
        Self { text: literal.to_owned() }
    }

    /// Adds `key=value`.
    pub fn push(&mut self, key: &str, value: &str) {
        if !self.text.is_empty() {
            self.text.push('&');
        }
        push_percent_encoded(&mut self.text, key);
        self.text.push('=');
        push_percent_encoded(&mut self.text, value);
    }

    /// Adds `key=value` from an `@httpQueryParams` map unless an `@httpQuery` member
    /// already set that key (it wins).
    pub fn push_param(&mut self, reserved: &[&str], key: &str, value: &str) {
        if !reserved.contains(&key) {
            self.push(key, value);
        }
    }

    /// Appends `?` and the query to `uri`, when there is one.
    pub fn finish(self, uri: &mut String) {
        if !self.text.is_empty() {
            uri.push('?');
            uri.push_str(&self.text);
        }
    }
}

/// The text of a value in a label, query or header.
pub fn text_of<T: WireText>(value: &T) -> String {
    let mut out = String::new();
    value.push_text(&mut out);
    out
}

/// The text of a timestamp in a label, query or header.
pub fn timestamp_text(value: DateTime, format: TimestampFormat) -> Result<String, RequestError> {
    format_timestamp(value, format).map_err(RequestError::from)
}

/// A request with this method, origin-form URI and body, with a `Content-Length` header
/// when the body is not empty.
pub fn new_request(method: &str, uri: String, body: Vec<u8>) -> Result<http::Request<Vec<u8>>, RequestError> {
    let length = body.len();
    let mut request = http::Request::builder()
        .method(method)
        .uri(uri)
        .body(body)
        .map_err(|e| RequestError::serialize(format!("invalid request: {e}")))?;
    if length > 0 {
        request.headers_mut().insert(http::header::CONTENT_LENGTH, http::header::HeaderValue::from(length));
    }
    Ok(request)
}

/// Sets each `(name, value)` header as [`insert_header`] does.
pub fn insert_headers(request: &mut http::Request<Vec<u8>>, headers: &[(&str, &str)]) -> Result<(), RequestError> {
    headers.iter().try_for_each(|(name, value)| insert_header(request, name, value))
}

/// Sets a header, replacing any value it had; a name or value that HTTP does not allow
/// (a line break, …) is a [`RequestError`].
pub fn insert_header(request: &mut http::Request<Vec<u8>>, name: &str, value: &str) -> Result<(), RequestError> {
    let name = http::header::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| RequestError::serialize(format!("invalid header name `{name}`")))?;
    let value = http::header::HeaderValue::from_str(value)
        .map_err(|_| RequestError::serialize(format!("invalid value for header `{name}`")))?;
    request.headers_mut().insert(name, value);
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Responses

/// A response that does not parse: malformed JSON, a value of the wrong type or out of
/// range, a bad header value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseError {
    message: String,
}

impl ResponseError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed response: {}", self.message)
    }
}

impl std::error::Error for ResponseError {}

impl From<crate::json::JsonError> for ResponseError {
    fn from(error: crate::json::JsonError) -> Self {
        Self::new(format!("body: {error}"))
    }
}

/// An error response whose type the operation does not model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnmodeledError {
    code: String,
    message: Option<String>,
    status: u16,
}

impl UnmodeledError {
    /// An error with this code, message and HTTP status.
    pub fn new(code: String, message: Option<String>, status: u16) -> Self {
        Self { code, message, status }
    }

    /// The sanitized error code (the shape name, e.g. `ThrottlingException`); empty when
    /// the response named none.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The error message, when the body had one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }
}

impl fmt::Display for UnmodeledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = if self.code.is_empty() { "unknown error" } else { &self.code };
        write!(f, "{code} (HTTP {})", self.status)?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnmodeledError {}

/// The error code and message of an error response: the code from the `X-Amzn-Errortype`
/// header, else the body's top-level `code`, else its `__type`, sanitized by
/// [`sanitize_error_code`]; the message from the body's `message`, `Message` or
/// `errorMessage`. A body that is not a JSON object yields no code and no message.
pub fn error_code_and_message(response: &http::Response<Vec<u8>>) -> (String, Option<String>) {
    let header = response.headers().get("x-amzn-errortype").and_then(|v| v.to_str().ok());
    let (mut code, mut type_field, mut message) = (None, None, None);
    if let Ok(mut reader) = crate::json::JsonReader::from_slice(response.body()) {
        let _ = scan_error_body(&mut reader, &mut code, &mut type_field, &mut message);
    }
    let raw = header.map(str::to_owned).or(code).or(type_field).unwrap_or_default();
    (sanitize_error_code(&raw).to_owned(), message)
}

fn scan_error_body(
    reader: &mut crate::json::JsonReader<'_>,
    code: &mut Option<String>,
    type_field: &mut Option<String>,
    message: &mut Option<String>,
) -> Result<(), crate::json::JsonError> {
    if reader.at_end() {
        return Ok(());
    }
    reader.begin_object()?;
    while let Some(key) = reader.next_key()? {
        let slot = match &*key {
            "code" => &mut *code,
            "__type" => &mut *type_field,
            "message" | "Message" | "errorMessage" => &mut *message,
            _ => {
                reader.skip_value()?;
                continue;
            }
        };
        if reader.peek_kind()? == crate::json::JsonKind::String {
            *slot = Some(reader.read_string()?.into_owned());
        } else {
            reader.skip_value()?;
        }
    }
    Ok(())
}

/// The shape name in an error code: the part before the first `:`, then after the first
/// `#`: `aws.protocoltests#FooError:http://internal.amazon.com/` → `FooError`.
pub fn sanitize_error_code(code: &str) -> &str {
    let code = code.split(':').next().unwrap_or_default();
    match code.split_once('#') {
        Some((_, name)) => name,
        None => code,
    }
    .trim()
}

/// The single value of a header, if present; several values are joined with `, ` by the
/// caller's parser as a list; a value that is not visible ASCII/UTF-8 is an error.
pub fn header(response: &http::Response<Vec<u8>>, name: &str) -> Result<Option<String>, ResponseError> {
    let mut values = response.headers().get_all(name).iter().peekable();
    if values.peek().is_none() {
        return Ok(None);
    }
    let mut joined = String::new();
    for (i, value) in values.enumerate() {
        let text = std::str::from_utf8(value.as_bytes())
            .map_err(|_| ResponseError::new(format!("header `{name}` is not UTF-8")))?;
        if i > 0 {
            joined.push_str(", ");
        }
        joined.push_str(text);
    }
    Ok(Some(joined))
}

/// Parses a header value as one value.
pub fn parse_header<T: WireText>(name: &str, text: &str) -> Result<T, ResponseError> {
    T::parse_text(text.trim()).map_err(|e| ResponseError::new(format!("header `{name}`: {e}")))
}

/// Parses a header value as a timestamp.
pub fn parse_header_timestamp(name: &str, text: &str, format: TimestampFormat) -> Result<DateTime, ResponseError> {
    parse_timestamp(text.trim(), format).map_err(|e| ResponseError::new(format!("header `{name}`: {e}")))
}

/// Splits a list-valued header into its items (http-date lists on every second comma).
pub fn header_items<'t>(name: &str, text: &'t str, http_dates: bool) -> Result<Vec<Cow<'t, str>>, ResponseError> {
    if http_dates {
        return Ok(split_http_date_list(text).into_iter().map(Cow::Borrowed).collect());
    }
    split_header_list(text).map_err(|e| ResponseError::new(format!("header `{name}`: {e}")))
}

/// The headers whose names start with `prefix` (compared without case), by the rest of
/// their name, for an `@httpPrefixHeaders` map.
pub fn prefix_headers(
    response: &http::Response<Vec<u8>>,
    prefix: &str,
) -> Result<std::collections::BTreeMap<String, String>, ResponseError> {
    let mut map = std::collections::BTreeMap::new();
    for name in response.headers().keys() {
        let key = name.as_str();
        let matches = key.len() >= prefix.len()
            && key.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
        if matches {
            if let Some(value) = header(response, key)? {
                map.insert(key.get(prefix.len()..).unwrap_or_default().to_owned(), value);
            }
        }
    }
    Ok(map)
}

/// A reader over a JSON body; an empty (or all-whitespace) body reads as `{}`.
pub fn body_reader(body: &[u8]) -> Result<crate::json::JsonReader<'_>, ResponseError> {
    if is_blank(body) {
        return Ok(crate::json::JsonReader::new("{}"));
    }
    crate::json::JsonReader::from_slice(body).map_err(ResponseError::from)
}

/// Whether a body is empty or only whitespace.
pub fn is_blank(body: &[u8]) -> bool {
    body.iter().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// Parses a header holding a base64 `@mediaType` string.
pub fn parse_header_base64(name: &str, text: &str) -> Result<String, ResponseError> {
    let bytes = base64_decode(text.trim()).map_err(|e| ResponseError::new(format!("header `{name}`: {e}")))?;
    String::from_utf8(bytes).map_err(|_| ResponseError::new(format!("header `{name}` is not UTF-8 base64")))
}

/// The body as text, for a string payload.
pub fn body_text(body: &[u8]) -> Result<String, ResponseError> {
    String::from_utf8(body.to_vec()).map_err(|_| ResponseError::new("body is not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(secs: i64, nanos: u32) -> DateTime {
        DateTime::from_secs_and_nanos(secs, nanos)
    }

    #[test]
    fn base64_round_trips() {
        let cases: &[(&[u8], &str)] = &[
            (b"", ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (b"fooba", "Zm9vYmE="),
            (b"foobar", "Zm9vYmFy"),
            // Protocol tests.
            (b"abc", "YWJj"),
            (b"hi", "aGk="),
            (b"true", "dHJ1ZQ=="),
            (b"value", "dmFsdWU="),
            (b"binary-value", "YmluYXJ5LXZhbHVl"),
            (&[0xFB, 0xFF, 0xBF], "+/+/"),
            (&[0, 0, 0], "AAAA"),
        ];
        for &(bytes, text) in cases {
            assert_eq!(base64_encode(bytes), text);
            assert_eq!(base64_decode(text).as_deref(), Ok(bytes), "{text}");
        }
        let all: Vec<u8> = (0..=255).collect();
        for len in 0..all.len() {
            let slice = all.get(..len).unwrap_or_default();
            assert_eq!(base64_decode(&base64_encode(slice)).as_deref(), Ok(slice));
        }
    }

    #[test]
    fn base64_rejects_invalid() {
        // From RestJsonBodyMalformedBlobInvalidBase64 and the header variant.
        for text in [
            "xyz",
            "YmxvYg=",
            "[][]",
            "-_==",
            "Zg",
            "Zg=",
            "Z===",
            "====",
            "Zm9v YmFy",
            "Zm9v\n",
            "Zm=v",
            "=Zm9",
            "Zg==Zg==",
            "é123",
        ] {
            assert!(base64_decode(text).is_err(), "{text}");
        }
        // Non-zero bits below the last byte are tolerated.
        assert_eq!(base64_decode("Zh==").as_deref(), Ok(&b"f"[..]));
    }

    #[test]
    fn epoch_seconds_format() {
        let cases = [
            (ts(1_398_796_238, 0), "1398796238"),
            (ts(946_845_296, 123_000_000), "946845296.123"),
            (ts(946_845_296, 123_999_999), "946845296.123"),
            (ts(946_845_296, 100_000_000), "946845296.1"),
            (ts(946_845_296, 120_000_000), "946845296.12"),
            (ts(1, 999_999), "1"),
            (ts(0, 0), "0"),
            (ts(-1, 0), "-1"),
            (ts(-1, 500_000_000), "-0.5"),
            (ts(-2, 250_000_000), "-1.75"),
            (ts(i64::MAX, 999_000_000), "9223372036854775807.999"),
            (ts(i64::MIN, 0), "-9223372036854775808"),
        ];
        for (t, text) in cases {
            assert_eq!(format_timestamp(t, TimestampFormat::EpochSeconds).as_deref(), Ok(text));
        }
    }

    #[test]
    fn epoch_seconds_parse() {
        let cases = [
            ("1398796238", ts(1_398_796_238, 0)),
            ("946845296.123", ts(946_845_296, 123_000_000)),
            ("946845296.123456789999", ts(946_845_296, 123_456_789)),
            ("1515531081.1234", ts(1_515_531_081, 123_400_000)),
            ("0", ts(0, 0)),
            ("-0", ts(0, 0)),
            ("-0.0", ts(0, 0)),
            ("-1", ts(-1, 0)),
            ("-0.5", ts(-1, 500_000_000)),
            ("-1.75", ts(-2, 250_000_000)),
            ("1.5e9", ts(1_500_000_000, 0)),
            ("1.5E+3", ts(1500, 0)),
            ("15e-1", ts(1, 500_000_000)),
            ("1e-9", ts(0, 1)),
            ("1e-10", ts(0, 0)),
            ("0e999999999999999999999", ts(0, 0)),
            ("1e-99999999999999999999", ts(0, 0)),
            ("1576540098", ts(1_576_540_098, 0)),
            ("9223372036854775807", ts(i64::MAX, 0)),
            ("+5", ts(5, 0)),
        ];
        for (text, t) in cases {
            assert_eq!(parse_timestamp(text, TimestampFormat::EpochSeconds), Ok(t), "{text}");
        }
        // From the malformed-request tests, plus overflow.
        for text in [
            "",
            "-",
            "true",
            "1515531081ABC",
            "0x42",
            "1515531081.123.456",
            "Infinity",
            "-Infinity",
            "NaN",
            "1.",
            ".5",
            "1e",
            "1e+",
            "9223372036854775808",
            "1e19",
            "1e99999999999999999999",
            " 1",
            "1 ",
            "1985-04-12T23:20:50Z",
            "Tue, 29 Apr 2014 18:30:38 GMT",
        ] {
            assert!(parse_timestamp(text, TimestampFormat::EpochSeconds).is_err(), "{text:?}");
        }
    }

    #[test]
    fn date_time_format() {
        let cases = [
            (ts(1_576_540_098, 0), "2019-12-16T23:48:18Z"),
            (ts(1, 0), "1970-01-01T00:00:01Z"),
            (ts(1_398_796_238, 0), "2014-04-29T18:30:38Z"),
            (ts(946_845_296, 0), "2000-01-02T20:34:56Z"),
            (ts(946_845_296, 123_000_000), "2000-01-02T20:34:56.123Z"),
            (ts(946_845_296, 123_456_789), "2000-01-02T20:34:56.123Z"),
            (ts(482_196_050, 520_000_000), "1985-04-12T23:20:50.52Z"),
            (ts(0, 0), "1970-01-01T00:00:00Z"),
            (ts(-1, 0), "1969-12-31T23:59:59Z"),
            (ts(951_782_400, 0), "2000-02-29T00:00:00Z"),
            (ts(MIN_SECS, 0), "0001-01-01T00:00:00Z"),
            (ts(MAX_SECS, 999_999_999), "9999-12-31T23:59:59.999Z"),
        ];
        for (t, text) in cases {
            assert_eq!(format_timestamp(t, TimestampFormat::DateTime).as_deref(), Ok(text));
            assert_eq!(
                parse_timestamp(text, TimestampFormat::DateTime),
                Ok(ts(t.secs(), t.subsec_nanos() / 1_000_000 * 1_000_000))
            );
        }
        for t in [ts(MIN_SECS - 1, 0), ts(MAX_SECS + 1, 0), ts(i64::MIN, 0), ts(i64::MAX, 0)] {
            for format in [TimestampFormat::DateTime, TimestampFormat::HttpDate] {
                let mut out = String::from("x");
                assert!(push_timestamp(&mut out, t, format).is_err());
                assert_eq!(out, "x");
            }
        }
    }

    #[test]
    fn date_time_parse() {
        let cases = [
            ("2019-12-16T22:48:18-01:00", ts(1_576_540_098, 0)),
            ("2019-12-17T00:48:18+01:00", ts(1_576_540_098, 0)),
            ("2000-01-02T20:34:56.123Z", ts(946_845_296, 123_000_000)),
            ("2014-04-29T18:30:38Z", ts(1_398_796_238, 0)),
            ("1985-04-12T23:20:50.52Z", ts(482_196_050, 520_000_000)),
            ("1985-04-12t23:20:50.52z", ts(482_196_050, 520_000_000)),
            ("1996-12-19T16:39:57-08:00", ts(851_042_397, 0)),
            ("2000-01-02T20:34:56.1234567891234Z", ts(946_845_296, 123_456_789)),
            ("2000-01-02T20:34:56.000000001Z", ts(946_845_296, 1)),
            ("2000-02-29T00:00:00Z", ts(951_782_400, 0)),
            ("2000-01-01T00:00:00+23:59", ts(946_684_800 - 86_340, 0)),
            ("0001-01-01T00:00:00+01:00", ts(MIN_SECS - 3600, 0)),
            ("9999-12-31T23:59:59-01:00", ts(MAX_SECS + 3600, 0)),
        ];
        for (text, t) in cases {
            assert_eq!(parse_timestamp(text, TimestampFormat::DateTime), Ok(t), "{text}");
        }
        // RestJsonBodyTimestampDateTimeRejectsDifferent8601Formats and more.
        for text in [
            "1996-12-19T16:39:57+00",
            "1996-12-19T16:39:57+00Z",
            "1996-12-19T16:39:57",
            "1996-12-19T163957",
            "19961219T163957Z",
            "19961219T163957",
            "19961219T16:39:57Z",
            "19961219T16:39:57",
            "1996-12-19T16:39Z",
            "1996-12-19T16:39",
            "1996-12-19T1639",
            "1996-12-19T16Z",
            "1996-12-19T16",
            "1996-12-19 16:39:57Z",
            "2011-12-03T10:15:30+01:00[Europe/Paris]",
            "Tue, 29 Apr 2014 18:30:38 GMT",
            "1515531081",
            "",
            "0000-01-01T00:00:00Z",
            "2019-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2019-04-31T00:00:00Z",
            "2019-13-01T00:00:00Z",
            "2019-00-01T00:00:00Z",
            "2019-01-00T00:00:00Z",
            "2019-01-01T24:00:00Z",
            "2019-01-01T00:60:00Z",
            "2016-12-31T23:59:60Z",
            "2019-01-01T00:00:00.Z",
            "2019-01-01T00:00:00+24:00",
            "2019-01-01T00:00:00+01:60",
            "2019-01-01T00:00:00+0100",
            "2019-01-01T00:00:00ZZ",
            "2019-01-01T00:00:00Z ",
            "+2019-01-01T00:00:00Z",
            "2019-1-01T00:00:00Z",
            "２019-01-01T00:00:00Z",
        ] {
            assert!(parse_timestamp(text, TimestampFormat::DateTime).is_err(), "{text:?}");
        }
    }

    #[test]
    fn http_date() {
        let cases = [
            (ts(1_576_540_098, 0), "Mon, 16 Dec 2019 23:48:18 GMT"),
            (ts(946_845_296, 0), "Sun, 02 Jan 2000 20:34:56 GMT"),
            (ts(1_398_796_238, 0), "Tue, 29 Apr 2014 18:30:38 GMT"),
            (ts(784_111_777, 0), "Sun, 06 Nov 1994 08:49:37 GMT"),
            (ts(0, 0), "Thu, 01 Jan 1970 00:00:00 GMT"),
            (ts(MIN_SECS, 0), "Mon, 01 Jan 0001 00:00:00 GMT"),
            (ts(MAX_SECS, 0), "Fri, 31 Dec 9999 23:59:59 GMT"),
        ];
        for (t, text) in cases {
            assert_eq!(format_timestamp(t, TimestampFormat::HttpDate).as_deref(), Ok(text));
            assert_eq!(parse_timestamp(text, TimestampFormat::HttpDate), Ok(t), "{text}");
        }
        // Fractions are never written, and tolerated when read.
        assert_eq!(
            format_timestamp(ts(946_845_296, 500_000_000), TimestampFormat::HttpDate).as_deref(),
            Ok("Sun, 02 Jan 2000 20:34:56 GMT")
        );
        assert_eq!(
            parse_timestamp("Sun, 02 Jan 2000 20:34:56.250 GMT", TimestampFormat::HttpDate),
            Ok(ts(946_845_296, 250_000_000))
        );
        for text in [
            "Mon, 16 Dec 2019 23:48:18 UTC",
            "Mon, 16 Dec 2019 23:48:18",
            "Mon 16 Dec 2019 23:48:18 GMT",
            "Mon, 6 Dec 2019 23:48:18 GMT",
            "Mon, 16 dec 2019 23:48:18 GMT",
            "Xyz, 16 Dec 2019 23:48:18 GMT",
            "Monday, 16-Dec-19 23:48:18 GMT",
            "Mon Dec 16 23:48:18 2019",
            "Mon, 30 Feb 2019 23:48:18 GMT",
            "Mon, 16 Dec 2019 24:48:18 GMT",
            "Mon, 16 Dec 2019 23:48:18 GMT ",
            "2019-12-16T23:48:18Z",
            "1576540098",
            "",
            "Mo",
        ] {
            assert!(parse_timestamp(text, TimestampFormat::HttpDate).is_err(), "{text:?}");
        }
    }

    #[test]
    fn calendar_round_trips_every_day() {
        let first = days_from_civil(1, 1, 1);
        let last = days_from_civil(9999, 12, 31);
        assert_eq!(first * 86_400, MIN_SECS);
        assert_eq!(last * 86_400 + 86_399, MAX_SECS);
        let (mut year, mut month, mut day) = (1, 1, 1);
        for days in first..=last {
            assert_eq!(civil_from_days(days), (year, month, day));
            assert_eq!(days_from_civil(year, month, day), days);
            day += 1;
            if day > days_in_month(year, month) {
                day = 1;
                month += 1;
                if month > 12 {
                    month = 1;
                    year += 1;
                }
            }
        }
    }

    #[test]
    fn percent_encoding() {
        // RestJsonHttpRequestLabelEscaping and RestJsonQueryStringEscaping.
        assert_eq!(
            percent_encode(" %:/?#[]@!$&'()*+,;=\u{1F639}"),
            "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
        );
        assert_eq!(percent_encode("Hello there"), "Hello%20there");
        assert_eq!(percent_encode("a/b c"), "a%2Fb%20c");
        assert_eq!(percent_encode("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(percent_encode("1970-01-01T00:00:01Z"), "1970-01-01T00%3A00%3A01Z");
        assert_eq!(percent_encode("Mon, 16 Dec 2019 23:48:18 GMT"), "Mon%2C%2016%20Dec%202019%2023%3A48%3A18%20GMT");
        assert_eq!(percent_encode(""), "");
        assert_eq!(percent_encode("é"), "%C3%A9");
        // RestJsonHttpRequestWithGreedyLabelInPath.
        let mut uri = String::from("/HttpRequestWithGreedyLabelInPath/foo/");
        push_percent_encoded(&mut uri, "hello/escape");
        uri.push_str("/baz/");
        push_percent_encoded_greedy(&mut uri, "there/guy");
        assert_eq!(uri, "/HttpRequestWithGreedyLabelInPath/foo/hello%2Fescape/baz/there/guy");
        let mut greedy = String::new();
        push_percent_encoded_greedy(&mut greedy, "a b/c?d");
        assert_eq!(greedy, "a%20b/c%3Fd");
    }

    #[test]
    fn header_lists() {
        // RestJsonInputAndOutputWithQuotedStringHeaders and friends.
        let cases: &[(&[&str], &str)] = &[
            (&["b,c", "\"def\"", "a"], r#""b,c", "\"def\"", a"#),
            (&["a", "b", "c"], "a, b, c"),
            (&["Foo", "Bar", "Baz"], "Foo, Bar, Baz"),
            (&["1", "2", "3"], "1, 2, 3"),
            (&["true", "false", "true"], "true, false, true"),
            (&["a\\b"], "a\\b"),
            (&["\"a\\b\""], r#""\"a\\b\"""#),
            (&[" x", "y "], r#"" x", "y ""#),
            (&["", "a"], r#""", a"#),
            (&["a b"], "a b"),
            (&[], ""),
        ];
        for &(items, text) in cases {
            assert_eq!(header_list(items), text);
            let split = split_header_list(text);
            assert_eq!(
                split.as_ref().map(|v| v.iter().map(|s| s.as_ref()).collect::<Vec<_>>()),
                Ok(items.to_vec()),
                "{text}"
            );
        }
        let lenient: &[(&str, &[&str])] = &[
            ("a,b,,c", &["a", "b", "", "c"]),
            ("  a  ,\tb\t", &["a", "b"]),
            (r#""a" , b"#, &["a", "b"]),
            (r#""x\"y", "z""#, &["x\"y", "z"]),
            ("   ", &[]),
            ("a,", &["a", ""]),
        ];
        for &(text, items) in lenient {
            let split = split_header_list(text);
            assert_eq!(
                split.as_ref().map(|v| v.iter().map(|s| s.as_ref()).collect::<Vec<_>>()),
                Ok(items.to_vec()),
                "{text}"
            );
        }
        for text in [r#""abc"#, r#""abc\"#, r#""a"b, c"#, r#""a" "b""#] {
            assert!(split_header_list(text).is_err(), "{text}");
        }
    }

    #[test]
    fn http_date_lists() {
        let value = "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT";
        let items = split_http_date_list(value);
        assert_eq!(items, ["Mon, 16 Dec 2019 23:48:18 GMT", "Mon, 16 Dec 2019 23:48:18 GMT"]);
        for item in items {
            assert_eq!(parse_timestamp(item, TimestampFormat::HttpDate), Ok(ts(1_576_540_098, 0)));
        }
        assert_eq!(split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT"), ["Mon, 16 Dec 2019 23:48:18 GMT"]);
        assert_eq!(
            split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT,Tue, 17 Dec 2019 23:48:18 GMT"),
            ["Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 23:48:18 GMT"]
        );
        assert!(split_http_date_list("").is_empty());
        assert_eq!(split_http_date_list("a,b,c"), ["a,b", "c"]);
    }

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

    #[test]
    fn timestamp_text_never_panics() {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let alphabet = b"0123456789-+:.TtZzGMTSunMonDec, eE";
        for _ in 0..100_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 40) as usize;
            let text: String = (0..len)
                .map(|i| char::from(alphabet[((state >> (i % 50)) as usize + i * 7) % alphabet.len()]))
                .collect();
            for format in [TimestampFormat::DateTime, TimestampFormat::HttpDate, TimestampFormat::EpochSeconds] {
                let _ = parse_timestamp(&text, format);
            }
            let t = ts(state as i64, (state >> 3) as u32);
            for format in [TimestampFormat::DateTime, TimestampFormat::HttpDate, TimestampFormat::EpochSeconds] {
                if let Ok(text) = format_timestamp(t, format) {
                    let back = parse_timestamp(&text, format);
                    let expected = match format {
                        TimestampFormat::HttpDate => ts(t.secs(), 0),
                        _ => ts(t.secs(), t.subsec_nanos() / 1_000_000 * 1_000_000),
                    };
                    assert_eq!(back, Ok(expected), "{text}");
                }
            }
        }
    }

    #[test]
    fn error_codes_are_sanitized() {
        let cases = [
            ("FooError", "FooError"),
            ("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError"),
            ("aws.protocoltests.restjson#FooError", "FooError"),
            ("aws.protocoltests.restjson#FooError:http://internal.amazon.com/", "FooError"),
            (" FooError ", "FooError"),
            ("", ""),
        ];
        for (raw, code) in cases {
            assert_eq!(sanitize_error_code(raw), code, "{raw}");
        }
    }

    fn error_response(headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(body.as_bytes().to_vec());
        *response.status_mut() = http::StatusCode::BAD_REQUEST;
        for (name, value) in headers {
            if let (Ok(name), Ok(value)) =
                (http::HeaderName::from_bytes(name.as_bytes()), http::HeaderValue::from_str(value))
            {
                response.headers_mut().append(name, value);
            }
        }
        response
    }

    #[test]
    fn error_code_comes_from_header_then_code_then_type() {
        let body = r#"{"__type":"ns#TypeError","code":"CodeError","message":"hi","nested":{"__type":"Inner"}}"#;
        let read = |headers: &[(&str, &str)], body: &str| error_code_and_message(&error_response(headers, body));
        assert_eq!(read(&[("X-Amzn-Errortype", "ns#HeaderError:x")], body), ("HeaderError".to_owned(), Some("hi".to_owned())));
        assert_eq!(read(&[], body).0, "CodeError");
        assert_eq!(read(&[], r#"{"__type":"ns#TypeError","Message":"M"}"#), ("TypeError".to_owned(), Some("M".to_owned())));
        assert_eq!(read(&[], r#"{"errorMessage":"E","code":7}"#), (String::new(), Some("E".to_owned())));
        // Bodies that are not JSON objects give no code, never a panic.
        for body in ["", "not json", "[1]", "{\"__type\":", "\u{0}", "{\"code\":{\"a\":1}}"] {
            assert_eq!(read(&[], body).0, "", "{body:?}");
        }
    }

    #[test]
    fn uuids_are_version_4() {
        let (a, b) = (uuid_v4(), uuid_v4());
        let a = a.unwrap_or_default();
        assert_eq!(a.len(), 36);
        assert_eq!(a.as_bytes().get(14), Some(&b'4'));
        assert!(a.as_bytes().get(19).is_some_and(|c| b"89ab".contains(c)), "{a}");
        assert!(a.chars().enumerate().all(|(i, c)| if [8, 13, 18, 23].contains(&i) { c == '-' } else { c.is_ascii_hexdigit() && !c.is_ascii_uppercase() }));
        assert_ne!(Some(a), b.ok());
        let options = RequestOptions::default().with_token_source(|| "fixed".to_owned());
        assert_eq!(options.idempotency_token().ok().as_deref(), Some("fixed"));
        assert!(options.validates() && !options.without_validation().validates());
    }

    #[test]
    fn query_strings() {
        let mut uri = String::from("/path");
        let mut query = Query::new("fixed=1&flag");
        query.push("a b", "c&d=e");
        query.push("list", "x");
        query.push("list", "");
        query.push_param(&["list"], "list", "ignored");
        query.push_param(&["list"], "other", "kept");
        query.finish(&mut uri);
        assert_eq!(uri, "/path?fixed=1&flag&a%20b=c%26d%3De&list=x&list=&other=kept");
        let mut uri = String::from("/");
        Query::new("").finish(&mut uri);
        assert_eq!(uri, "/");
    }

    #[test]
    fn labels() {
        let mut out = String::new();
        assert!(push_label(&mut out, "a/b c", false, "Key").is_ok());
        assert!(push_label(&mut out, "/x/y", true, "Key").is_ok());
        assert_eq!(out, "a%2Fb%20c/x/y");
        assert!(push_label(&mut out, "", false, "Key").is_err_and(|e| e.to_string().contains("`Key`")));
    }

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

    #[test]
    fn response_headers() {
        let response = error_response(
            &[("X-List", "a, \"b,c\""), ("x-list", "d"), ("X-Meta-One", "1"), ("x-meta-two", "2"), ("X-B64", "aGVsbG8=")],
            "",
        );
        let list = header(&response, "x-list").ok().flatten().unwrap_or_default();
        assert_eq!(list, "a, \"b,c\", d");
        let items = header_items("x-list", &list, false).unwrap_or_default();
        assert_eq!(items, ["a", "b,c", "d"]);
        assert_eq!(header(&response, "absent"), Ok(None));
        let meta = prefix_headers(&response, "X-Meta-").unwrap_or_default();
        assert_eq!(meta.get("one").map(String::as_str), Some("1"));
        assert_eq!(meta.get("two").map(String::as_str), Some("2"));
        assert_eq!(parse_header_base64("X-B64", "aGVsbG8="), Ok("hello".to_owned()));
        assert!(parse_header::<i32>("X-N", "nope").is_err_and(|e| e.message().contains("X-N")));
        assert_eq!(parse_header::<i64>("X-N", " 42 "), Ok(42));
    }

    #[test]
    fn requests_reject_bad_headers() {
        let request = new_request("POST", "/a?b=c".to_owned(), b"{}".to_vec());
        let Ok(mut request) = request else { panic!("a valid request") };
        assert_eq!(request.headers().get("content-length").map(|v| v.as_bytes()), Some(&b"2"[..]));
        assert!(insert_header(&mut request, "X-Ok", "fine").is_ok());
        assert!(insert_header(&mut request, "X-Bad", "line\nbreak").is_err());
        assert!(insert_header(&mut request, "bad name", "x").is_err());
        assert!(new_request("POST", "not a uri with spaces".to_owned(), Vec::new()).is_err());
        let Ok(empty) = new_request("GET", "/".to_owned(), Vec::new()) else { panic!("a valid request") };
        assert!(empty.headers().get("content-length").is_none());
    }

    #[test]
    fn blank_bodies_read_as_empty_objects() {
        for body in [&b""[..], b"  \n", b"{}"] {
            let reader = body_reader(body);
            assert!(reader.is_ok_and(|mut r| r.begin_object().is_ok() && r.next_key() == Ok(None) && r.finish().is_ok()));
        }
        assert!(body_reader(b"\xff").is_err());
    }
}
