//! Smithy's three timestamp formats (`date-time`, `http-date`, `epoch-seconds`), written
//! and read exactly, and the proleptic Gregorian calendar behind them.

use super::number::{push_fraction, push_padded, push_u64};
use super::WireError;
use crate::primitives::DateTime;

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
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(secs: i64, nanos: u32) -> DateTime {
        DateTime::from_secs_and_nanos(secs, nanos)
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
}
