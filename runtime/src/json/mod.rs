//! JSON bodies of the awsJson1_0, awsJson1_1 and restJson1 protocols. [`JsonWriter`]
//! appends JSON text straight to a `String`; [`JsonReader`] pulls one value at a time out
//! of the text, so that a body is read without building a tree.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use crate::primitives::{Blob, DateTime, Document, Number};
use crate::wire::{self, TimestampFormat, WireError};

mod errors;
pub use errors::{body_reader, error_code_and_message, sanitize_error_code};

/// The deepest nesting of arrays and objects that [`JsonReader`] accepts.
pub const MAX_DEPTH: usize = 128;

// ---------------------------------------------------------------------------------------
// Writer

/// Writes JSON text into a `String`, placing commas by itself.
///
/// A structure is written member by member:
/// `w.begin_object(); w.key("name"); w.string(&name); w.key("size"); w.i64(size); w.end_object();`
/// Every value after a `key` call (or inside an array) is one call of a value method, or a
/// `begin_*`/`end_*` pair. The writer does not check that calls are balanced.
#[derive(Clone, Debug, Default)]
pub struct JsonWriter {
    out: String,
    /// Whether the next key or value follows another and needs a comma.
    comma: bool,
}

impl JsonWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty writer whose buffer holds `capacity` bytes before growing.
    pub fn with_capacity(capacity: usize) -> Self {
        Self { out: String::with_capacity(capacity), comma: false }
    }

    #[inline]
    fn separate(&mut self) {
        if self.comma {
            self.out.push(',');
        }
    }

    /// Starts an object: `{`.
    pub fn begin_object(&mut self) {
        self.separate();
        self.out.push('{');
        self.comma = false;
    }

    /// Ends an object: `}`.
    pub fn end_object(&mut self) {
        self.out.push('}');
        self.comma = true;
    }

    /// Starts an array: `[`.
    pub fn begin_array(&mut self) {
        self.separate();
        self.out.push('[');
        self.comma = false;
    }

    /// Ends an array: `]`.
    pub fn end_array(&mut self) {
        self.out.push(']');
        self.comma = true;
    }

    /// Writes an object key and its `:`; the value's call comes next.
    pub fn key(&mut self, key: &str) {
        self.separate();
        push_string(&mut self.out, key);
        self.out.push(':');
        self.comma = false;
    }

    /// Writes a string.
    pub fn string(&mut self, value: &str) {
        self.separate();
        push_string(&mut self.out, value);
        self.comma = true;
    }

    /// Writes `true` or `false`.
    pub fn bool(&mut self, value: bool) {
        self.separate();
        self.out.push_str(if value { "true" } else { "false" });
        self.comma = true;
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.separate();
        self.out.push_str("null");
        self.comma = true;
    }

    /// Writes an integer.
    pub fn i64(&mut self, value: i64) {
        self.separate();
        wire::push_i64(&mut self.out, value);
        self.comma = true;
    }

    /// Writes a non-negative integer.
    pub fn u64(&mut self, value: u64) {
        self.separate();
        wire::push_u64(&mut self.out, value);
        self.comma = true;
    }

    /// Writes a double: finite values as the shortest number that reads back the same, as
    /// `serde_json` writes them (`1.0`, `0.1`, `1e+300`); NaN and the infinities as the
    /// strings `"NaN"`, `"Infinity"` and `"-Infinity"`, as Smithy requires.
    pub fn f64(&mut self, value: f64) {
        self.separate();
        if value.is_finite() {
            wire::push_f64(&mut self.out, value);
        } else {
            self.out.push('"');
            wire::push_f64(&mut self.out, value);
            self.out.push('"');
        }
        self.comma = true;
    }

    /// Writes a float as [`JsonWriter::f64`] does, with the shortest digits for an `f32`
    /// (`1.1`, not `1.100000023841858`).
    pub fn f32(&mut self, value: f32) {
        self.separate();
        if value.is_finite() {
            wire::push_f32(&mut self.out, value);
        } else {
            self.out.push('"');
            wire::push_f32(&mut self.out, value);
            self.out.push('"');
        }
        self.comma = true;
    }

    /// Writes the decimal text of a big number (`BigInteger::as_str`,
    /// `BigDecimal::as_str`) as a JSON number, rewritten where JSON's grammar is narrower:
    /// `+5` → `5`, `007` → `7`, `.5` → `0.5`, `5.` → `5`, `1E+3` → `1E3`. Text that is not a
    /// decimal number at all is written as a JSON string, so the output stays valid JSON.
    pub fn number_text(&mut self, text: &str) {
        self.separate();
        if !push_json_number(&mut self.out, text) {
            push_string(&mut self.out, text);
        }
        self.comma = true;
    }

    /// Writes bytes as a base64 string.
    pub fn blob(&mut self, value: &Blob) {
        self.separate();
        self.out.push('"');
        wire::push_base64(&mut self.out, value.as_bytes());
        self.out.push('"');
        self.comma = true;
    }

    /// Writes a timestamp: epoch-seconds as a number (`1398796238`, `946845296.123`), the
    /// other formats as strings. Fails, writing nothing, for a date-time or http-date
    /// outside the years 0001 to 9999.
    pub fn timestamp(&mut self, value: DateTime, format: TimestampFormat) -> Result<(), WireError> {
        let (mark, comma) = (self.out.len(), self.comma);
        self.separate();
        let quoted = format != TimestampFormat::EpochSeconds;
        if quoted {
            self.out.push('"');
        }
        if let Err(error) = wire::push_timestamp(&mut self.out, value, format) {
            self.out.truncate(mark);
            self.comma = comma;
            return Err(error);
        }
        if quoted {
            self.out.push('"');
        }
        self.comma = true;
        Ok(())
    }

    /// Writes a document as the JSON value it holds; non-finite floats become the strings
    /// `"NaN"`, `"Infinity"`, `"-Infinity"`. Iterative, so any depth is fine.
    pub fn document(&mut self, value: &Document) {
        enum Frame<'d> {
            Array(std::slice::Iter<'d, Document>),
            Object(std::collections::btree_map::Iter<'d, String, Document>),
        }
        let mut stack: Vec<Frame<'_>> = Vec::new();
        let mut next = Some(value);
        loop {
            match next.take() {
                Some(Document::Null) => self.null(),
                Some(Document::Bool(b)) => self.bool(*b),
                Some(Document::Number(Number::PosInt(n))) => self.u64(*n),
                Some(Document::Number(Number::NegInt(n))) => self.i64(*n),
                Some(Document::Number(Number::Float(f))) => self.f64(*f),
                Some(Document::String(s)) => self.string(s),
                Some(Document::Array(items)) => {
                    self.begin_array();
                    stack.push(Frame::Array(items.iter()));
                }
                Some(Document::Object(members)) => {
                    self.begin_object();
                    stack.push(Frame::Object(members.iter()));
                }
                None => {}
            }
            match stack.last_mut() {
                None => return,
                Some(Frame::Array(items)) => match items.next() {
                    Some(item) => next = Some(item),
                    None => {
                        stack.pop();
                        self.end_array();
                    }
                },
                Some(Frame::Object(members)) => match members.next() {
                    Some((key, member)) => {
                        self.key(key);
                        next = Some(member);
                    }
                    None => {
                        stack.pop();
                        self.end_object();
                    }
                },
            }
        }
    }

    /// The text written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }
}

/// For each byte: 0 when it stands for itself in a JSON string, else the letter after the
/// backslash that escapes it (`u` for `\u00XX`). The same escapes as `serde_json`.
const ESCAPES: [u8; 256] = {
    let mut table = [0_u8; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = b'u';
        i += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";

/// Appends `value` as a quoted JSON string, copying unescaped runs whole.
fn push_string(out: &mut String, value: &str) {
    out.reserve(value.len() + 2);
    out.push('"');
    let mut start = 0;
    for (i, &b) in value.as_bytes().iter().enumerate() {
        let escape = ESCAPES[usize::from(b)];
        if escape == 0 {
            continue;
        }
        // Escaped bytes are ASCII, so `start..i` is on character boundaries.
        out.push_str(value.get(start..i).unwrap_or_default());
        out.push('\\');
        out.push(char::from(escape));
        if escape == b'u' {
            out.push_str("00");
            out.push(char::from(HEX_LOWER[usize::from(b >> 4)]));
            out.push(char::from(HEX_LOWER[usize::from(b & 15)]));
        }
        start = i + 1;
    }
    out.push_str(value.get(start..).unwrap_or_default());
    out.push('"');
}

/// Appends decimal text (`[+-]digits[.digits][(e|E)[+-]digits]`, digits on at least one
/// side of the point) in JSON's number grammar; false, appending nothing, for other text.
fn push_json_number(out: &mut String, text: &str) -> bool {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, marker, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (unsigned.get(..i).unwrap_or_default(), unsigned.get(i..=i).unwrap_or("e"), unsigned.get(i + 1..)),
        None => (unsigned, "e", None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let (exponent_negative, exponent_digits) = match exponent {
        Some(e) => match e.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, e.strip_prefix('+').unwrap_or(e)),
        },
        None => (false, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let valid = digits(whole)
        && digits(fraction)
        && !(whole.is_empty() && fraction.is_empty())
        && digits(exponent_digits)
        && (exponent.is_none() || !exponent_digits.is_empty());
    if !valid {
        return false;
    }
    if negative {
        out.push('-');
    }
    let whole = whole.trim_start_matches('0');
    out.push_str(if whole.is_empty() { "0" } else { whole });
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    if exponent.is_some() {
        out.push_str(marker);
        if exponent_negative {
            out.push('-');
        }
        out.push_str(exponent_digits);
    }
    true
}

// ---------------------------------------------------------------------------------------
// Reader

/// Malformed JSON, or a value of the wrong type or out of range, at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    message: Cow<'static, str>,
    offset: usize,
}

impl JsonError {
    /// An error at `offset` bytes into the input; generated code uses it for errors of
    /// its own, such as a union with two members set.
    pub fn new(message: impl Into<Cow<'static, str>>, offset: usize) -> Self {
        Self { message: message.into(), offset }
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where, in bytes from the start of the input.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset)
    }
}

impl std::error::Error for JsonError {}

/// The type of the next JSON value, from [`JsonReader::peek_kind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JsonKind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

/// A pull parser over JSON text: each call reads the next token or value, nothing is kept
/// but the position and the kinds of the open containers.
///
/// A structure is read as
/// ```text
/// if !r.at_end() {                      // an empty body counts as `{}`
///     r.begin_object()?;
///     while let Some(key) = r.next_key()? {
///         match &*key {
///             "name" if !r.take_null()? => name = Some(r.read_string()?.into_owned()),
///             "items" if !r.take_null()? => {
///                 r.begin_array()?;
///                 while r.next_item()? { items.push(r.read_i32()?); }
///             }
///             _ => r.skip_value()?,         // unknown keys, and nulls
///         }
///     }
/// }
/// r.finish()?;
/// ```
///
/// Numbers follow JSON's grammar strictly (no `+`, no leading zeros, no `.5`). Integer
/// reads accept a fraction or exponent only when the value is exactly an integer (`1.0`,
/// `1e2`, `1.5e1`) and reject `1.001`, `1e-1` and every value outside the target type;
/// nothing is truncated or wrapped. Nesting deeper than [`MAX_DEPTH`] is an error, and no
/// call recurses deeper than that or takes more than linear time.
#[derive(Clone, Debug)]
pub struct JsonReader<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
    /// One bit per open container, the innermost in bit 0: set for an array.
    arrays: u128,
    /// Whether the innermost container has yielded no key or item yet.
    first: bool,
}

/// A number token as scanned, before conversion.
struct NumberToken<'a> {
    text: &'a str,
    start: usize,
    /// No fraction and no exponent.
    integer: bool,
    negative: bool,
    /// The digits' value when `integer` and it fits in a `u64`.
    magnitude: Option<u64>,
}

impl<'a> JsonReader<'a> {
    /// A reader over `text`.
    pub fn new(text: &'a str) -> Self {
        Self { text, pos: 0, depth: 0, arrays: 0, first: false }
    }

    /// A reader over bytes, which must be UTF-8.
    pub fn from_slice(bytes: &'a [u8]) -> Result<Self, JsonError> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Self::new(text)),
            Err(e) => Err(JsonError::new("invalid UTF-8", e.valid_up_to())),
        }
    }

    /// The current position, in bytes from the start.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// Whether only whitespace is left; at the start, whether the body is empty (which
    /// callers treat as `{}`).
    pub fn at_end(&self) -> bool {
        let rest = self.text.as_bytes().get(self.pos..).unwrap_or_default();
        rest.iter().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    }

    /// Checks that the value read was complete and only whitespace follows it.
    pub fn finish(&mut self) -> Result<(), JsonError> {
        if self.depth != 0 {
            return Err(self.error("unclosed array or object"));
        }
        self.skip_whitespace();
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("trailing characters after the JSON value")),
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn error(&self, message: &'static str) -> JsonError {
        JsonError::new(message, self.pos)
    }

    /// The error for a value other than `expected` at the current position.
    fn unexpected(&self, expected: &'static str) -> JsonError {
        let found = match self.peek() {
            None => "the end of the input",
            Some(b'n') => "null",
            Some(b't' | b'f') => "a boolean",
            Some(b'-' | b'0'..=b'9') => "a number",
            Some(b'"') => "a string",
            Some(b'[') => "an array",
            Some(b'{') => "an object",
            Some(_) => "an invalid character",
        };
        JsonError::new(format!("expected {expected}, found {found}"), self.pos)
    }

    /// The type of the next value, without consuming it.
    pub fn peek_kind(&mut self) -> Result<JsonKind, JsonError> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'n') => Ok(JsonKind::Null),
            Some(b't' | b'f') => Ok(JsonKind::Bool),
            Some(b'-' | b'0'..=b'9') => Ok(JsonKind::Number),
            Some(b'"') => Ok(JsonKind::String),
            Some(b'[') => Ok(JsonKind::Array),
            Some(b'{') => Ok(JsonKind::Object),
            _ => Err(self.unexpected("a value")),
        }
    }

    /// Consumes the next value if it is `null` and says whether it was.
    pub fn take_null(&mut self) -> Result<bool, JsonError> {
        self.skip_whitespace();
        if self.peek() == Some(b'n') {
            self.literal(b"null")?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn literal(&mut self, word: &'static [u8]) -> Result<(), JsonError> {
        let end = self.pos + word.len();
        if self.text.as_bytes().get(self.pos..end) == Some(word) {
            self.pos = end;
            Ok(())
        } else {
            Err(self.error("invalid literal"))
        }
    }

    /// Consumes the `{` of an object; then call [`JsonReader::next_key`] until it gives
    /// `None`.
    pub fn begin_object(&mut self) -> Result<(), JsonError> {
        self.skip_whitespace();
        if self.peek() != Some(b'{') {
            return Err(self.unexpected("an object"));
        }
        self.open(false)
    }

    /// Consumes the `[` of an array; then call [`JsonReader::next_item`] until it gives
    /// `false`.
    pub fn begin_array(&mut self) -> Result<(), JsonError> {
        self.skip_whitespace();
        if self.peek() != Some(b'[') {
            return Err(self.unexpected("an array"));
        }
        self.open(true)
    }

    fn open(&mut self, array: bool) -> Result<(), JsonError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("arrays and objects nested too deeply"));
        }
        self.pos += 1;
        self.depth += 1;
        self.arrays = self.arrays << 1 | u128::from(array);
        self.first = true;
        Ok(())
    }

    /// Consumes the closing bracket at the current position.
    fn close(&mut self) {
        self.pos += 1;
        self.depth -= 1;
        self.arrays >>= 1;
        self.first = false;
    }

    /// The next key of the object being read, after its `:`, or `None` after the closing
    /// `}`. The key's value must be read (or skipped) before the next call. The key borrows
    /// from the input unless it holds escapes.
    pub fn next_key(&mut self) -> Result<Option<Cow<'a, str>>, JsonError> {
        self.advance_key(true)
    }

    fn advance_key(&mut self, keep: bool) -> Result<Option<Cow<'a, str>>, JsonError> {
        if self.depth == 0 || self.arrays & 1 == 1 {
            return Err(self.error("not inside an object"));
        }
        self.skip_whitespace();
        if self.first {
            self.first = false;
            if self.peek() == Some(b'}') {
                self.close();
                return Ok(None);
            }
        } else {
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_whitespace();
                }
                Some(b'}') => {
                    self.close();
                    return Ok(None);
                }
                _ => return Err(self.unexpected("',' or '}'")),
            }
        }
        if self.peek() != Some(b'"') {
            return Err(self.unexpected("a key"));
        }
        self.pos += 1;
        let key = self.string_body(keep)?;
        self.skip_whitespace();
        if self.peek() != Some(b':') {
            return Err(self.unexpected("':'"));
        }
        self.pos += 1;
        Ok(Some(key))
    }

    /// Whether the array being read has another item, which must then be read (or
    /// skipped); `false` after the closing `]`.
    pub fn next_item(&mut self) -> Result<bool, JsonError> {
        if self.depth == 0 || self.arrays & 1 == 0 {
            return Err(self.error("not inside an array"));
        }
        self.skip_whitespace();
        if self.first {
            self.first = false;
            if self.peek() == Some(b']') {
                self.close();
                return Ok(false);
            }
            return Ok(true);
        }
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b']') => {
                self.close();
                Ok(false)
            }
            _ => Err(self.unexpected("',' or ']'")),
        }
    }

    /// Reads a string, unescaping it; borrowed from the input when it holds no escapes.
    /// Invalid escapes, lone surrogates and raw control characters are errors.
    pub fn read_string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.skip_whitespace();
        if self.peek() != Some(b'"') {
            return Err(self.unexpected("a string"));
        }
        self.pos += 1;
        self.string_body(true)
    }

    /// Reads the rest of a string whose opening quote was consumed. Without `keep`, only
    /// validates it and returns an empty string.
    fn string_body(&mut self, keep: bool) -> Result<Cow<'a, str>, JsonError> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut i = start;
        // Most strings hold no escapes and are returned as a slice of the input.
        loop {
            match bytes.get(i) {
                Some(&b) if STRING_PLAIN[usize::from(b)] => i += 1,
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(Cow::Borrowed(self.text.get(start..i).unwrap_or_default()));
                }
                Some(b'\\') => break,
                Some(_) => return Err(JsonError::new("control character in string", i)),
                None => return Err(JsonError::new("unterminated string", i)),
            }
        }
        let mut out = String::new();
        if keep {
            out.reserve(i - start + 16);
            out.push_str(self.text.get(start..i).unwrap_or_default());
        }
        // `run` starts the bytes not yet copied to `out`; the special bytes are ASCII, so
        // every slice below is on character boundaries.
        let mut run = i;
        loop {
            match bytes.get(i) {
                Some(&b) if STRING_PLAIN[usize::from(b)] => i += 1,
                Some(b'"') => {
                    if keep {
                        out.push_str(self.text.get(run..i).unwrap_or_default());
                    }
                    self.pos = i + 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    if keep {
                        out.push_str(self.text.get(run..i).unwrap_or_default());
                    }
                    let (c, len) = match bytes.get(i + 1) {
                        Some(b'"') => ('"', 2),
                        Some(b'\\') => ('\\', 2),
                        Some(b'/') => ('/', 2),
                        Some(b'b') => ('\u{8}', 2),
                        Some(b'f') => ('\u{c}', 2),
                        Some(b'n') => ('\n', 2),
                        Some(b'r') => ('\r', 2),
                        Some(b't') => ('\t', 2),
                        Some(b'u') => unicode_escape(bytes, i)?,
                        _ => return Err(JsonError::new("invalid escape in string", i)),
                    };
                    if keep {
                        out.push(c);
                    }
                    i += len;
                    run = i;
                }
                Some(_) => return Err(JsonError::new("control character in string", i)),
                None => return Err(JsonError::new("unterminated string", i)),
            }
        }
    }

    /// Reads `true` or `false`.
    pub fn read_bool(&mut self) -> Result<bool, JsonError> {
        self.skip_whitespace();
        match self.peek() {
            Some(b't') => self.literal(b"true").map(|()| true),
            Some(b'f') => self.literal(b"false").map(|()| false),
            _ => Err(self.unexpected("a boolean")),
        }
    }

    /// Reads a number token and checks JSON's grammar.
    fn scan_number(&mut self) -> Result<NumberToken<'a>, JsonError> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut i = start;
        let negative = bytes.get(i) == Some(&b'-');
        i += usize::from(negative);
        let mut magnitude = Some(0_u64);
        match bytes.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while let Some(&d) = bytes.get(i).filter(|d| d.is_ascii_digit()) {
                    magnitude =
                        magnitude.and_then(|m| m.checked_mul(10)).and_then(|m| m.checked_add(u64::from(d - b'0')));
                    i += 1;
                }
            }
            _ => return Err(JsonError::new("invalid number", i)),
        }
        let mut integer = true;
        let digits = |i: &mut usize| {
            let first = *i;
            while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            if *i == first {
                Err(JsonError::new("invalid number", *i))
            } else {
                Ok(())
            }
        };
        if bytes.get(i) == Some(&b'.') {
            integer = false;
            i += 1;
            digits(&mut i)?;
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            integer = false;
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            digits(&mut i)?;
        }
        self.pos = i;
        Ok(NumberToken { text: self.text.get(start..i).unwrap_or_default(), start, integer, negative, magnitude })
    }

    /// The next value as a number token, or an error naming `expected`.
    fn number(&mut self, expected: &'static str) -> Result<NumberToken<'a>, JsonError> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.scan_number(),
            _ => Err(self.unexpected(expected)),
        }
    }

    /// Reads an integer exactly, with the offset where it starts.
    fn read_integer(&mut self) -> Result<(i128, usize), JsonError> {
        let token = self.number("an integer")?;
        let value = match (token.integer, token.magnitude) {
            (true, Some(m)) => Ok(if token.negative { -i128::from(m) } else { i128::from(m) }),
            (true, None) => Err(OUT_OF_RANGE),
            (false, _) => exact_integer(token.text),
        };
        value.map(|v| (v, token.start)).map_err(|message| JsonError::new(message, token.start))
    }

    /// Reads a byte (`-128..=127`).
    pub fn read_i8(&mut self) -> Result<i8, JsonError> {
        let (value, start) = self.read_integer()?;
        i8::try_from(value).map_err(|_| JsonError::new(OUT_OF_RANGE, start))
    }

    /// Reads a short.
    pub fn read_i16(&mut self) -> Result<i16, JsonError> {
        let (value, start) = self.read_integer()?;
        i16::try_from(value).map_err(|_| JsonError::new(OUT_OF_RANGE, start))
    }

    /// Reads an integer.
    pub fn read_i32(&mut self) -> Result<i32, JsonError> {
        let (value, start) = self.read_integer()?;
        i32::try_from(value).map_err(|_| JsonError::new(OUT_OF_RANGE, start))
    }

    /// Reads a long.
    pub fn read_i64(&mut self) -> Result<i64, JsonError> {
        let (value, start) = self.read_integer()?;
        i64::try_from(value).map_err(|_| JsonError::new(OUT_OF_RANGE, start))
    }

    /// The string `"NaN"`, `"Infinity"` or `"-Infinity"` where a float is expected.
    fn special_float(&mut self) -> Result<f64, JsonError> {
        let start = self.pos;
        wire::special_float(&self.read_string()?).ok_or_else(|| {
            JsonError::new("expected a number, found a string other than \"NaN\", \"Infinity\" or \"-Infinity\"", start)
        })
    }

    /// Reads a double: a number, or one of the strings `"NaN"`, `"Infinity"`,
    /// `"-Infinity"`. A number too large for a double is an error; one too small becomes 0.
    pub fn read_f64(&mut self) -> Result<f64, JsonError> {
        self.skip_whitespace();
        if self.peek() == Some(b'"') {
            return self.special_float();
        }
        let token = self.number("a number")?;
        number_to_f64(&token)
    }

    /// Reads a float as [`JsonReader::read_f64`] does, rounding the text directly to the
    /// nearest `f32`.
    pub fn read_f32(&mut self) -> Result<f32, JsonError> {
        self.skip_whitespace();
        if self.peek() == Some(b'"') {
            return self.special_float().map(|v| v as f32);
        }
        let token = self.number("a number")?;
        match token.magnitude {
            // Integers below 2^24 are exact in an f32.
            Some(m) if token.integer && m < 1 << 24 => Ok(if token.negative { -(m as f32) } else { m as f32 }),
            _ => match token.text.parse::<f32>() {
                Ok(v) if v.is_finite() => Ok(v),
                _ => Err(JsonError::new(OUT_OF_RANGE, token.start)),
            },
        }
    }

    /// Reads a number and returns its text as written, for `BigInteger` and `BigDecimal`
    /// (whose `FromStr` accept it; `BigInteger` only when it has no fraction or exponent).
    pub fn read_number_text(&mut self) -> Result<&'a str, JsonError> {
        self.number("a number").map(|token| token.text)
    }

    /// `None` for `null` (consumed), else the value `read` reads.
    fn nullable<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<T, JsonError>) -> Result<Option<T>, JsonError> {
        if self.take_null()? {
            Ok(None)
        } else {
            read(self).map(Some)
        }
    }

    /// Reads an owned string, or `None` for `null`.
    pub fn opt_string(&mut self) -> Result<Option<String>, JsonError> {
        self.nullable(|r| r.read_string().map(Cow::into_owned))
    }

    /// Reads a boolean, or `None` for `null`.
    pub fn opt_bool(&mut self) -> Result<Option<bool>, JsonError> {
        self.nullable(Self::read_bool)
    }

    /// Reads a byte, or `None` for `null`.
    pub fn opt_i8(&mut self) -> Result<Option<i8>, JsonError> {
        self.nullable(Self::read_i8)
    }

    /// Reads a short, or `None` for `null`.
    pub fn opt_i16(&mut self) -> Result<Option<i16>, JsonError> {
        self.nullable(Self::read_i16)
    }

    /// Reads an integer, or `None` for `null`.
    pub fn opt_i32(&mut self) -> Result<Option<i32>, JsonError> {
        self.nullable(Self::read_i32)
    }

    /// Reads a long, or `None` for `null`.
    pub fn opt_i64(&mut self) -> Result<Option<i64>, JsonError> {
        self.nullable(Self::read_i64)
    }

    /// Reads a float, or `None` for `null`.
    pub fn opt_f32(&mut self) -> Result<Option<f32>, JsonError> {
        self.nullable(Self::read_f32)
    }

    /// Reads a double, or `None` for `null`.
    pub fn opt_f64(&mut self) -> Result<Option<f64>, JsonError> {
        self.nullable(Self::read_f64)
    }

    /// Reads a base64 blob, or `None` for `null`.
    pub fn opt_blob(&mut self) -> Result<Option<Blob>, JsonError> {
        self.nullable(Self::read_blob)
    }

    /// Reads a timestamp, or `None` for `null`.
    pub fn opt_timestamp(&mut self, format: TimestampFormat) -> Result<Option<DateTime>, JsonError> {
        self.nullable(|r| r.read_timestamp(format))
    }

    /// Reads a document, or `None` for `null` (a member set to `null` is absent).
    pub fn opt_document(&mut self) -> Result<Option<Document>, JsonError> {
        self.nullable(Self::read_document)
    }

    /// Reads a number into a `BigInteger` or `BigDecimal`.
    pub fn read_big<T: std::str::FromStr>(&mut self) -> Result<T, JsonError> {
        self.skip_whitespace();
        let start = self.pos;
        let text = self.read_number_text()?;
        text.parse().map_err(|_| JsonError::new("number not valid for its type", start))
    }

    /// Reads a base64 string as bytes.
    pub fn read_blob(&mut self) -> Result<Blob, JsonError> {
        self.skip_whitespace();
        let start = self.pos;
        let text = self.read_string()?;
        match wire::base64_decode(&text) {
            Ok(bytes) => Ok(Blob::from(bytes)),
            Err(e) => Err(JsonError::new(e.message().to_owned(), start)),
        }
    }

    /// Reads a timestamp in `format`: epoch-seconds from a number (a string is an error),
    /// the others from a string, parsed as [`wire::parse_timestamp`] does.
    pub fn read_timestamp(&mut self, format: TimestampFormat) -> Result<DateTime, JsonError> {
        self.skip_whitespace();
        let start = self.pos;
        let parsed = if format == TimestampFormat::EpochSeconds {
            let token = self.number("a number")?;
            match token.magnitude.and_then(|m| i64::try_from(m).ok()) {
                Some(m) if token.integer => Ok(DateTime::from_secs(if token.negative { -m } else { m })),
                _ => wire::parse_timestamp(token.text, format),
            }
        } else {
            let text = self.read_string()?;
            wire::parse_timestamp(&text, format)
        };
        parsed.map_err(|e| JsonError::new(e.message().to_owned(), start))
    }

    /// Reads any value as a document. Integers that fit are `PosInt`/`NegInt`, other
    /// numbers `Float`; duplicate keys keep the last value.
    pub fn read_document(&mut self) -> Result<Document, JsonError> {
        // Recursion is bounded by MAX_DEPTH through begin_array and begin_object.
        match self.peek_kind()? {
            JsonKind::Null => self.literal(b"null").map(|()| Document::Null),
            JsonKind::Bool => self.read_bool().map(Document::Bool),
            JsonKind::String => Ok(Document::String(self.read_string()?.into_owned())),
            JsonKind::Number => {
                let token = self.scan_number()?;
                let number = match (token.integer, token.magnitude) {
                    (true, Some(m)) if !token.negative => Number::PosInt(m),
                    (true, Some(m)) if m != 0 && m <= 1 << 63 => Number::NegInt((-i128::from(m)) as i64),
                    _ => Number::Float(number_to_f64(&token)?),
                };
                Ok(Document::Number(number))
            }
            JsonKind::Array => {
                self.begin_array()?;
                let mut items = Vec::new();
                while self.next_item()? {
                    items.push(self.read_document()?);
                }
                Ok(Document::Array(items))
            }
            JsonKind::Object => {
                self.begin_object()?;
                let mut members = BTreeMap::new();
                while let Some(key) = self.next_key()? {
                    let value = self.read_document()?;
                    members.insert(key.into_owned(), value);
                }
                Ok(Document::Object(members))
            }
        }
    }

    /// Skips the next value, checking its syntax, without allocating: for unknown keys
    /// and for nulls. Iterative, so nesting costs no stack.
    pub fn skip_value(&mut self) -> Result<(), JsonError> {
        let base = self.depth;
        loop {
            match self.peek_kind()? {
                JsonKind::Null => self.literal(b"null")?,
                JsonKind::Bool => {
                    self.read_bool()?;
                }
                JsonKind::Number => {
                    self.scan_number()?;
                }
                JsonKind::String => {
                    self.pos += 1;
                    self.string_body(false)?;
                }
                JsonKind::Array => self.open(true)?,
                JsonKind::Object => self.open(false)?,
            }
            // Move on to the next value inside the skipped one, closing the containers
            // that end; done when back at the starting depth.
            loop {
                if self.depth == base {
                    return Ok(());
                }
                let more = if self.arrays & 1 == 1 { self.next_item()? } else { self.advance_key(false)?.is_some() };
                if more {
                    break;
                }
            }
        }
    }
}

const OUT_OF_RANGE: &str = "number out of range";

/// Bytes that stand for themselves inside a JSON string: all but `"`, `\` and control
/// characters.
const STRING_PLAIN: [bool; 256] = {
    let mut table = [true; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = false;
        i += 1;
    }
    table[b'"' as usize] = false;
    table[b'\\' as usize] = false;
    table
};

/// The four hex digits at `at`.
fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at + 4)?;
    digits.iter().try_fold(0, |value, &d| Some(value << 4 | char::from(d).to_digit(16)?))
}

/// The character of the `\u` escape at `at` and the escape's length: a surrogate pair
/// (`\uD83D\uDE39`) is one character; a lone surrogate is an error.
fn unicode_escape(bytes: &[u8], at: usize) -> Result<(char, usize), JsonError> {
    let unit = hex4(bytes, at + 2).ok_or_else(|| JsonError::new("invalid \\u escape in string", at))?;
    let (code, len) = match unit {
        0xD800..=0xDBFF => {
            let low = match bytes.get(at + 6..at + 8) {
                Some(b"\\u") => hex4(bytes, at + 8),
                _ => None,
            };
            match low {
                Some(low @ 0xDC00..=0xDFFF) => (0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), 12),
                _ => return Err(JsonError::new("lone surrogate in string", at)),
            }
        }
        0xDC00..=0xDFFF => return Err(JsonError::new("lone surrogate in string", at)),
        _ => (unit, 6),
    };
    char::from_u32(code).map(|c| (c, len)).ok_or_else(|| JsonError::new("invalid \\u escape in string", at))
}

fn number_to_f64(token: &NumberToken<'_>) -> Result<f64, JsonError> {
    match token.magnitude {
        // Integers up to 2^53 are exact in an f64.
        Some(m) if token.integer && m <= 1 << 53 => Ok(if token.negative { -(m as f64) } else { m as f64 }),
        _ => match token.text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(JsonError::new(OUT_OF_RANGE, token.start)),
        },
    }
}

/// The value of JSON number text with a fraction or exponent when it is exactly an
/// integer (`1.0`, `1e2`, `1.5e1`, `100e-2`); an error for a fraction or a value outside
/// `i128`. Linear in the text, whatever the exponent.
fn exact_integer(text: &str) -> Result<i128, &'static str> {
    const FRACTION: &str = "expected an integer, found a number with a fraction";
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = unsigned.split_once(['e', 'E']).unwrap_or((unsigned, "0"));
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let (exponent_negative, exponent_digits) = match exponent.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, exponent.strip_prefix('+').unwrap_or(exponent)),
    };
    // Saturated: beyond this the value is 0, a fraction or out of range anyway.
    let magnitude = exponent_digits.bytes().fold(0_i64, |e, d| (e * 10 + i64::from(d.wrapping_sub(b'0'))).min(1 << 40));
    let exponent = if exponent_negative { -magnitude } else { magnitude };
    // Trailing zeros of the digits move into the exponent.
    let fraction_zeros = fraction.len() - fraction.trim_end_matches('0').len();
    let trailing = if fraction_zeros == fraction.len() {
        fraction.len() + whole.len() - whole.trim_end_matches('0').len()
    } else {
        fraction_zeros
    };
    let significant = whole.len() + fraction.len() - trailing;
    let mut value: i128 = 0;
    for d in whole.bytes().chain(fraction.bytes()).take(significant) {
        value =
            value.checked_mul(10).and_then(|v| v.checked_add(i128::from(d.wrapping_sub(b'0')))).ok_or(OUT_OF_RANGE)?;
    }
    if value == 0 {
        return Ok(0);
    }
    let scale = exponent - fraction.len() as i64 + trailing as i64;
    if scale < 0 {
        return Err(FRACTION);
    }
    for _ in 0..scale {
        value = value.checked_mul(10).ok_or(OUT_OF_RANGE)?;
    }
    Ok(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl FnOnce(&mut JsonWriter)) -> String {
        let mut w = JsonWriter::new();
        f(&mut w);
        w.finish()
    }

    fn string_json(value: &str) -> String {
        written(|w| w.string(value))
    }

    fn read_str(json: &str) -> Result<String, JsonError> {
        let mut r = JsonReader::new(json);
        let s = r.read_string()?.into_owned();
        r.finish().map(|()| s)
    }

    fn doc_of(json: &str) -> Result<Document, JsonError> {
        let mut r = JsonReader::new(json);
        let d = r.read_document()?;
        r.finish().map(|()| d)
    }

    fn object(members: &[(&str, Document)]) -> Document {
        Document::Object(members.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
    }

    #[test]
    fn writes_structures_with_commas() {
        let json = written(|w| {
            w.begin_object();
            w.key("name");
            w.string("x");
            w.key("list");
            w.begin_array();
            w.i64(1);
            w.begin_object();
            w.end_object();
            w.begin_array();
            w.end_array();
            w.null();
            w.end_array();
            w.key("nested");
            w.begin_object();
            w.key("a");
            w.bool(true);
            w.key("b");
            w.bool(false);
            w.end_object();
            w.key("n");
            w.u64(u64::MAX);
            w.end_object();
        });
        assert_eq!(
            json,
            r#"{"name":"x","list":[1,{},[],null],"nested":{"a":true,"b":false},"n":18446744073709551615}"#
        );
        assert_eq!(written(|w| w.begin_object()), "{");
        assert_eq!(
            written(|w| {
                w.begin_object();
                w.end_object();
            }),
            "{}"
        );
        let mut w = JsonWriter::with_capacity(64);
        w.begin_array();
        w.i64(i64::MIN);
        assert_eq!(w.as_str(), "[-9223372036854775808");
    }

    #[test]
    fn escapes_strings() {
        let cases = [
            ("", r#""""#),
            ("plain", r#""plain""#),
            ("\"", r#""\"""#),
            ("\\", r#""\\""#),
            ("/", r#""/""#),
            ("\u{8}\u{c}\n\r\t", r#""\b\f\n\r\t""#),
            ("\u{0}\u{1}\u{1f}", r#""\u0000\u0001\u001f""#),
            ("\u{b}", r#""\u000b""#),
            ("\u{7f}", "\"\u{7f}\""),
            ("é😹\u{2028}", "\"é😹\u{2028}\""),
            ("a\"b\\c\nd", r#""a\"b\\c\nd""#),
        ];
        for (value, json) in cases {
            assert_eq!(string_json(value), json);
            assert_eq!(read_str(json).as_deref(), Ok(value));
        }
        assert_eq!(
            written(|w| {
                w.begin_object();
                w.key("k\"ey");
                w.i64(1);
                w.end_object();
            }),
            r#"{"k\"ey":1}"#
        );
    }

    #[test]
    fn writes_floats() {
        let cases: [(f64, &str); 11] = [
            (1.0, "1.0"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1234.5, "1234.5"),
            (5.5, "5.5"),
            (123_456_789.123_456_79, "123456789.12345679"),
            (1e300, "1e+300"),
            (1.5e-7, "1.5e-7"),
            (f64::NAN, r#""NaN""#),
            (f64::INFINITY, r#""Infinity""#),
            (f64::NEG_INFINITY, r#""-Infinity""#),
        ];
        for (v, json) in cases {
            assert_eq!(written(|w| w.f64(v)), json);
        }
        assert_eq!(written(|w| w.f32(1.1)), "1.1");
        assert_eq!(written(|w| w.f32(1234.5)), "1234.5");
        assert_eq!(written(|w| w.f32(f32::NAN)), r#""NaN""#);
        assert_eq!(written(|w| w.f32(f32::NEG_INFINITY)), r#""-Infinity""#);
        assert_eq!(
            written(|w| {
                w.begin_array();
                w.f64(f64::NAN);
                w.f32(2.0);
                w.end_array();
            }),
            r#"["NaN",2.0]"#
        );
    }

    #[test]
    fn writes_number_text() {
        let cases = [
            ("123", "123"),
            ("-123", "-123"),
            ("+5", "5"),
            ("007", "7"),
            ("0", "0"),
            ("-0", "-0"),
            (".5", "0.5"),
            ("5.", "5"),
            ("1.25e-3", "1.25e-3"),
            ("1E+3", "1E3"),
            ("1e05", "1e05"),
            ("123456789012345678901234567890.000001", "123456789012345678901234567890.000001"),
            ("abc", r#""abc""#),
            ("", r#""""#),
            ("1e", r#""1e""#),
            (".", r#"".""#),
        ];
        for (text, json) in cases {
            let out = written(|w| w.number_text(text));
            assert_eq!(out, json, "{text}");
            assert!(doc_of(&out).is_ok());
        }
        let big: crate::primitives::BigDecimal = "+.5e+2".parse().expect("valid decimal");
        assert_eq!(written(|w| w.number_text(big.as_str())), "0.5e2");
    }

    #[test]
    fn writes_blobs_and_timestamps() {
        assert_eq!(written(|w| w.blob(&Blob::new("binary-value"))), r#""YmluYXJ5LXZhbHVl""#);
        assert_eq!(written(|w| w.blob(&Blob::new(""))), r#""""#);
        let t = DateTime::from_secs_and_nanos(946_845_296, 123_000_000);
        let json = written(|w| {
            w.begin_array();
            for format in [TimestampFormat::EpochSeconds, TimestampFormat::DateTime, TimestampFormat::HttpDate] {
                assert!(w.timestamp(t, format).is_ok());
            }
            assert!(w.timestamp(DateTime::from_secs(1_398_796_238), TimestampFormat::EpochSeconds).is_ok());
            w.end_array();
        });
        assert_eq!(json, r#"[946845296.123,"2000-01-02T20:34:56.123Z","Sun, 02 Jan 2000 20:34:56 GMT",1398796238]"#);
        // A failed timestamp leaves no trace, commas included.
        let json = written(|w| {
            w.begin_array();
            w.i64(1);
            assert!(w.timestamp(DateTime::from_secs(i64::MAX), TimestampFormat::DateTime).is_err());
            w.i64(2);
            w.end_array();
        });
        assert_eq!(json, "[1,2]");
    }

    #[test]
    fn writes_documents() {
        let doc = object(&[
            (
                "b",
                Document::Array(vec![
                    Document::Bool(true),
                    Document::String("hi".into()),
                    Document::Array(vec![]),
                    object(&[]),
                ]),
            ),
            ("a", Document::Null),
            (
                "n",
                Document::Array(vec![
                    Document::Number(Number::PosInt(10)),
                    Document::Number(Number::NegInt(-3)),
                    Document::Number(Number::Float(1.5)),
                    Document::Number(Number::Float(f64::NAN)),
                ]),
            ),
        ]);
        let json = written(|w| w.document(&doc));
        assert_eq!(json, r#"{"a":null,"b":[true,"hi",[],{}],"n":[10,-3,1.5,"NaN"]}"#);
        assert_eq!(written(|w| w.document(&Document::String("hello".into()))), r#""hello""#);
        // Deep documents are written without recursion.
        let mut deep = Document::Null;
        for _ in 0..10_000 {
            deep = Document::Array(vec![deep]);
        }
        let json = written(|w| w.document(&deep));
        assert_eq!(json.len(), 10_000 * 2 + 4);
        // Dropping the deep document would recurse in std; dismantle it first.
        let mut current = deep;
        while let Document::Array(mut items) = current {
            current = items.pop().unwrap_or_default();
        }
    }

    /// A body as a generated deserializer reads it.
    #[derive(Debug, Default, PartialEq)]
    struct Scalars {
        string: Option<String>,
        byte: Option<i8>,
        integer: Option<i32>,
        long: Option<i64>,
        float: Option<f32>,
        double: Option<f64>,
        boolean: Option<bool>,
        list: Vec<Option<String>>,
    }

    fn read_scalars(body: &str) -> Result<Scalars, JsonError> {
        let mut out = Scalars::default();
        let mut r = JsonReader::new(body);
        if !r.at_end() {
            r.begin_object()?;
            while let Some(key) = r.next_key()? {
                if r.take_null()? {
                    continue;
                }
                match &*key {
                    "stringValue" => out.string = Some(r.read_string()?.into_owned()),
                    "byteValue" => out.byte = Some(r.read_i8()?),
                    "integerValue" => out.integer = Some(r.read_i32()?),
                    "longValue" => out.long = Some(r.read_i64()?),
                    "floatValue" => out.float = Some(r.read_f32()?),
                    "doubleValue" | "DoubleDribble" => out.double = Some(r.read_f64()?),
                    "booleanValue" => out.boolean = Some(r.read_bool()?),
                    "list" => {
                        r.begin_array()?;
                        while r.next_item()? {
                            let item = if r.take_null()? { None } else { Some(r.read_string()?.into_owned()) };
                            out.list.push(item);
                        }
                    }
                    _ => r.skip_value()?,
                }
            }
        }
        r.finish()?;
        Ok(out)
    }

    #[test]
    fn reads_protocol_test_bodies() {
        let scalars = read_scalars(
            "{\n    \"stringValue\": \"string\",\n    \"trueBooleanValue\": true,\n    \"byteValue\": 1,\n    \"integerValue\": 3,\n    \
             \"longValue\": 4,\n    \"floatValue\": 5.5,\n    \"DoubleDribble\": 6.5,\n    \"booleanValue\": false\n}",
        );
        let expected = Scalars {
            string: Some("string".into()),
            byte: Some(1),
            integer: Some(3),
            long: Some(4),
            float: Some(5.5),
            double: Some(6.5),
            boolean: Some(false),
            list: vec![],
        };
        assert_eq!(scalars, Ok(expected));
        for (text, value) in [("NaN", f64::NAN), ("Infinity", f64::INFINITY), ("-Infinity", f64::NEG_INFINITY)] {
            let body = format!("{{\n    \"floatValue\": \"{text}\",\n    \"DoubleDribble\": \"{text}\"\n}}");
            let scalars = read_scalars(&body).unwrap_or_default();
            let (float, double) = (scalars.float.unwrap_or(0.0), scalars.double.unwrap_or(0.0));
            assert!(float.is_nan() == value.is_nan() && (value.is_nan() || f64::from(float) == value), "{text}");
            assert!(double.is_nan() == value.is_nan() && (value.is_nan() || double == value), "{text}");
        }
        // Empty bodies, nulls as absent, unknown keys skipped, sparse list nulls kept.
        assert_eq!(read_scalars(""), Ok(Scalars::default()));
        assert_eq!(read_scalars(" \n"), Ok(Scalars::default()));
        assert_eq!(read_scalars("{}"), Ok(Scalars::default()));
        assert_eq!(read_scalars(r#"{"stringValue":null,"byteValue":null}"#), Ok(Scalars::default()));
        let body =
            r#"{"unknown":{"deep":[1,{"x":"\u00e9\n"},[],{}],"e":-1.5e-3},"list":["a",null,"\"b"],"__type":"x"}"#;
        let scalars = read_scalars(body).unwrap_or_default();
        assert_eq!(scalars.list, vec![Some("a".into()), None, Some("\"b".into())]);
        // Protocol-test values read as their types.
        let mut r = JsonReader::new(
            r#"{"Blob":"YmluYXJ5LXZhbHVl","Timestamp":946845296,"Iso":"2000-01-02T20:34:56.123Z","Http":"Sun, 02 Jan 2000 20:34:56 GMT","Frac":946845296.123,"Double":123456789.12345679}"#,
        );
        assert_eq!(r.begin_object(), Ok(()));
        assert_eq!(r.next_key().ok().flatten().as_deref(), Some("Blob"));
        assert_eq!(r.read_blob(), Ok(Blob::new("binary-value")));
        assert!(r.next_key().is_ok());
        assert_eq!(r.read_timestamp(TimestampFormat::EpochSeconds), Ok(DateTime::from_secs(946_845_296)));
        assert!(r.next_key().is_ok());
        assert_eq!(
            r.read_timestamp(TimestampFormat::DateTime),
            Ok(DateTime::from_secs_and_nanos(946_845_296, 123_000_000))
        );
        assert!(r.next_key().is_ok());
        assert_eq!(r.read_timestamp(TimestampFormat::HttpDate), Ok(DateTime::from_secs(946_845_296)));
        assert!(r.next_key().is_ok());
        assert_eq!(
            r.read_timestamp(TimestampFormat::EpochSeconds),
            Ok(DateTime::from_secs_and_nanos(946_845_296, 123_000_000))
        );
        assert!(r.next_key().is_ok());
        assert_eq!(r.read_f64(), Ok(123_456_789.123_456_79));
        assert_eq!(r.next_key(), Ok(None));
        assert_eq!(r.finish(), Ok(()));
    }

    #[test]
    fn reads_documents() {
        let doc = doc_of(
            r#" [true, "hi", [1, 2], {"foo": {"baz": [3, 4]}}, null, -7, 1.5, 18446744073709551615, 18446744073709551616, -9223372036854775808, -9223372036854775809, -0] "#,
        );
        let expected = Document::Array(vec![
            Document::Bool(true),
            Document::String("hi".into()),
            Document::Array(vec![Document::Number(Number::PosInt(1)), Document::Number(Number::PosInt(2))]),
            object(&[(
                "foo",
                object(&[(
                    "baz",
                    Document::Array(vec![Document::Number(Number::PosInt(3)), Document::Number(Number::PosInt(4))]),
                )]),
            )]),
            Document::Null,
            Document::Number(Number::NegInt(-7)),
            Document::Number(Number::Float(1.5)),
            Document::Number(Number::PosInt(u64::MAX)),
            Document::Number(Number::Float(18_446_744_073_709_551_616.0)),
            Document::Number(Number::NegInt(i64::MIN)),
            Document::Number(Number::Float(-9_223_372_036_854_775_809.0)),
            Document::Number(Number::Float(-0.0)),
        ]);
        assert_eq!(doc, Ok(expected));
        assert_eq!(doc_of(r#""hello""#), Ok(Document::String("hello".into())));
        assert_eq!(doc_of(r#"{"a":1,"a":2}"#), Ok(object(&[("a", Document::Number(Number::PosInt(2)))])));
        assert!(doc_of("1e400").is_err());
        // Round trip through the writer.
        let json = r#"{"a":[1,-2,0.5,"x\u0000",null,{"b":{}}],"c":false}"#;
        let doc = doc_of(json).unwrap_or_default();
        assert_eq!(written(|w| w.document(&doc)), json);
    }

    #[test]
    fn reads_strings() {
        let cases = [
            (r#""""#, ""),
            (r#""abc""#, "abc"),
            (r#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{c}\n\r\t"),
            (r#""\u0041\u00e9\u00E9""#, "Aéé"),
            (r#""\ud83d\ude39""#, "😹"),
            (r#""\uD83D\uDE39x""#, "😹x"),
            (r#""a\u0000b""#, "a\u{0}b"),
            ("\"é😹\"", "é😹"),
            (r#""\uffff""#, "\u{ffff}"),
            (r#""x\ty""#, "x\ty"),
        ];
        for (json, value) in cases {
            assert_eq!(read_str(json).as_deref(), Ok(value), "{json}");
        }
        for json in [
            r#""abc"#,
            r#""\"#,
            r#""\x""#,
            r#""\u12""#,
            r#""\u12g4""#,
            r#""\ud83d""#,
            r#""\ud83dx""#,
            r#""\ud83d\u0041""#,
            r#""\ude39""#,
            r#""\ud83d\ud83d""#,
            "\"a\nb\"",
            "\"\u{1}\"",
            "'a'",
            "abc",
        ] {
            assert!(read_str(json).is_err(), "{json}");
        }
        // No escapes: borrowed; escapes: owned.
        let mut r = JsonReader::new(r#"["plain","esc\n"]"#);
        assert!(r.begin_array().is_ok() && r.next_item() == Ok(true));
        assert!(matches!(r.read_string(), Ok(Cow::Borrowed("plain"))));
        assert!(r.next_item() == Ok(true));
        assert!(matches!(r.read_string(), Ok(Cow::Owned(s)) if s == "esc\n"));
        // Keys unescape too.
        let mut r = JsonReader::new(r#"{"k\u0065y":1}"#);
        assert!(r.begin_object().is_ok());
        assert_eq!(r.next_key().ok().flatten().as_deref(), Some("key"));
    }

    #[test]
    fn reads_integers_exactly() {
        let ok: [(&str, i64); 14] = [
            ("0", 0),
            ("-0", 0),
            ("123", 123),
            ("-123", -123),
            ("9223372036854775807", i64::MAX),
            ("-9223372036854775808", i64::MIN),
            ("1.0", 1),
            ("1e2", 100),
            ("1E+2", 100),
            ("1.5e1", 15),
            ("100e-2", 1),
            ("-2.50e1", -25),
            ("0.0e99999999999999999999", 0),
            ("9.223372036854775807e18", i64::MAX),
        ];
        for (json, value) in ok {
            let mut r = JsonReader::new(json);
            assert_eq!(r.read_i64(), Ok(value), "{json}");
            assert_eq!(r.finish(), Ok(()));
        }
        // From the malformed-request tests (float_truncation, coercions, overflow) and more.
        let rejected = [
            "1.001",
            "1e-1",
            "1.5",
            "0.5e1e",
            "\"123\"",
            "true",
            "null",
            "\"Infinity\"",
            "\"NaN\"",
            "Infinity",
            "NaN",
            "-Infinity",
            "0x42",
            "+1",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "9223372036854775808",
            "-9223372036854775809",
            "123000000000000000000000",
            "184467440737095500000",
            "1e19",
            "1e99999999999999999999",
            "[1]",
            "",
        ];
        for json in rejected {
            let mut r = JsonReader::new(json);
            assert!(r.read_i64().and_then(|_| r.finish()).is_err(), "{json}");
        }
        let ranges: [(&str, bool, bool, bool); 8] = [
            // text, fits i8, fits i16, fits i32
            ("127", true, true, true),
            ("128", false, true, true),
            ("-128", true, true, true),
            ("-129", false, true, true),
            ("256", false, true, true),
            ("40000", false, false, true),
            ("-40000", false, false, true),
            ("-9223372000000000000", false, false, false),
        ];
        for (json, i8_ok, i16_ok, i32_ok) in ranges {
            assert_eq!(JsonReader::new(json).read_i8().is_ok(), i8_ok, "{json}");
            assert_eq!(JsonReader::new(json).read_i16().is_ok(), i16_ok, "{json}");
            assert_eq!(JsonReader::new(json).read_i32().is_ok(), i32_ok, "{json}");
        }
        assert_eq!(JsonReader::new("2147483647").read_i32(), Ok(i32::MAX));
        assert_eq!(JsonReader::new("-2147483648").read_i32(), Ok(i32::MIN));
        assert!(JsonReader::new("2147483648").read_i32().is_err());
        // "2ABC": the number ends at 2 and the rest fails the next step.
        let mut r = JsonReader::new("2ABC");
        assert_eq!(r.read_i32(), Ok(2));
        assert!(r.finish().is_err());
    }

    #[test]
    fn reads_floats() {
        let ok: [(&str, f64); 9] = [
            ("0", 0.0),
            ("-0.0", -0.0),
            ("1.5", 1.5),
            ("-2", -2.0),
            ("1e3", 1000.0),
            ("1.7976931348623157e308", f64::MAX),
            ("5e-324", 5e-324),
            ("1e-400", 0.0),
            ("9007199254740993", 9_007_199_254_740_992.0),
        ];
        for (json, value) in ok {
            let v = JsonReader::new(json).read_f64();
            assert!(v.is_ok_and(|v| v == value && v.is_sign_negative() == value.is_sign_negative()), "{json}");
        }
        assert!(JsonReader::new(r#""NaN""#).read_f64().is_ok_and(f64::is_nan));
        assert_eq!(JsonReader::new(r#""Infinity""#).read_f64(), Ok(f64::INFINITY));
        assert_eq!(JsonReader::new(r#""-Infinity""#).read_f32(), Ok(f32::NEG_INFINITY));
        assert_eq!(JsonReader::new("1.1").read_f32(), Ok(1.1_f32));
        assert_eq!(JsonReader::new("16777217").read_f32(), Ok(16_777_216.0));
        for json in [
            "1e309", "-1e309", "\"nan\"", "\"inf\"", "\"1.5\"", "\"123\"", "Infinity", "NaN", "true", "null", "[]",
            "+1", ".5", "1.", "0x42", "2ABC", "",
        ] {
            let mut r = JsonReader::new(json);
            assert!(r.read_f64().and_then(|_| r.finish()).is_err(), "{json}");
        }
        assert!(JsonReader::new("3.5e38").read_f32().is_err());
        assert_eq!(JsonReader::new("123.45e-3").read_number_text(), Ok("123.45e-3"));
        assert_eq!(JsonReader::new(" -0").read_number_text(), Ok("-0"));
        assert!(JsonReader::new("\"1\"").read_number_text().is_err());
    }

    #[test]
    fn reads_timestamps_strictly() {
        let read = |json: &str, format| {
            let mut r = JsonReader::new(json);
            r.read_timestamp(format).and_then(|t| r.finish().map(|()| t))
        };
        assert_eq!(read("-1.5", TimestampFormat::EpochSeconds), Ok(DateTime::from_secs_and_nanos(-2, 500_000_000)));
        assert_eq!(read("1.5e9", TimestampFormat::EpochSeconds), Ok(DateTime::from_secs(1_500_000_000)));
        assert_eq!(
            read(r#""2019-12-16T22:48:18-01:00""#, TimestampFormat::DateTime),
            Ok(DateTime::from_secs(1_576_540_098))
        );
        for (json, format) in [
            (r#""1515531081""#, TimestampFormat::EpochSeconds),
            ("true", TimestampFormat::EpochSeconds),
            (r#""NaN""#, TimestampFormat::EpochSeconds),
            ("1e99999", TimestampFormat::EpochSeconds),
            ("1515531081", TimestampFormat::DateTime),
            (r#""Tue, 29 Apr 2014 18:30:38 GMT""#, TimestampFormat::DateTime),
            (r#""1985-04-12T23:20:50Z""#, TimestampFormat::HttpDate),
        ] {
            assert!(read(json, format).is_err(), "{json}");
        }
        let mut r = JsonReader::new(r#"  "bad""#);
        assert_eq!(r.read_timestamp(TimestampFormat::DateTime).map_err(|e| e.offset()), Err(2));
        let mut r = JsonReader::new(r#" "xyz""#);
        assert_eq!(r.read_blob().map_err(|e| e.offset()), Err(1));
    }

    #[test]
    fn rejects_malformed_structure() {
        let bad = [
            "{",
            "}",
            "[",
            "]",
            "{,}",
            "[,]",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\"}",
            "{\"a\" 1}",
            "{a:1}",
            "{'a':1}",
            "[1 2]",
            "{\"a\":1 \"b\":2}",
            "[1]]",
            "{}}",
            "{} {}",
            "nul",
            "tru",
            "falsey",
            "[NaN]",
            "[-]",
            "[\"a\":1]",
            "{\"a\":}",
            "\u{feff}{}",
        ];
        for json in bad {
            assert!(doc_of(json).is_err(), "{json}");
            let mut r = JsonReader::new(json);
            assert!(r.skip_value().and_then(|()| r.finish()).is_err(), "skip {json}");
        }
        for json in
            ["{}", "[]", " [ ] ", "{\"a\":[{},[]]}", "0", "\"\"", "null", "true", "-1.5E+3", "\t\n\r{\"a\" : 1 }\n"]
        {
            assert!(doc_of(json).is_ok(), "{json}");
            let mut r = JsonReader::new(json);
            assert_eq!(r.skip_value().and_then(|()| r.finish()), Ok(()), "skip {json}");
        }
    }

    #[test]
    fn errors_carry_offsets() {
        let mut r = JsonReader::new(r#"{"a": tru}"#);
        assert!(r.begin_object().is_ok());
        assert!(r.next_key().is_ok());
        let error = r.skip_value().err().unwrap_or_else(|| JsonError::new("", 0));
        assert_eq!(error.offset(), 6);
        assert_eq!(error.to_string(), "invalid literal at byte 6");
        let mut r = JsonReader::new(r#"{"a": "x"}"#);
        assert!(r.begin_object().is_ok() && r.next_key().is_ok());
        let error = r.read_i32().err().unwrap_or_else(|| JsonError::new("", 0));
        assert_eq!((error.message(), error.offset()), ("expected an integer, found a string", 6));
        assert_eq!(JsonReader::from_slice(b"{\"a\xff\"}").err().map(|e| e.offset()), Some(3));
        assert!(JsonReader::from_slice(b"{}").is_ok());
        let boxed: Box<dyn std::error::Error> = Box::new(JsonError::new("x", 1));
        assert_eq!(boxed.to_string(), "x at byte 1");
    }

    #[test]
    fn misuse_is_an_error_not_a_panic() {
        let mut r = JsonReader::new("[1]");
        assert!(r.next_key().is_err());
        assert!(r.next_item().is_err());
        assert!(r.begin_array().is_ok());
        assert!(r.next_key().is_err());
        assert_eq!(r.next_item(), Ok(true));
        assert_eq!(r.read_i32(), Ok(1));
        assert_eq!(r.next_item(), Ok(false));
        assert!(r.next_item().is_err());
        let mut r = JsonReader::new("{\"a\":1}");
        assert!(r.begin_object().is_ok());
        assert!(r.next_item().is_err());
        assert!(r.clone().finish().is_err());
        assert!(r.next_key().is_ok());
        assert!(r.next_key().is_err());
    }

    #[test]
    fn depth_is_limited() {
        let nested = |depth: usize| "[".repeat(depth) + &"]".repeat(depth);
        assert!(doc_of(&nested(MAX_DEPTH)).is_ok());
        assert!(doc_of(&nested(MAX_DEPTH + 1)).is_err());
        let (ok, too_deep) = (nested(MAX_DEPTH), nested(MAX_DEPTH + 1));
        assert_eq!(JsonReader::new(&ok).skip_value(), Ok(()));
        assert!(JsonReader::new(&too_deep).skip_value().is_err());
        // Huge nesting fails fast without recursion.
        let deep = "[{\"a\":".repeat(200_000);
        assert!(doc_of(&deep).is_err());
        assert!(JsonReader::new(&deep).skip_value().is_err());
        // The limit counts from the top, also inside a skipped value.
        let mut r = JsonReader::new(&ok);
        assert!(r.begin_array().is_ok() && r.next_item() == Ok(true));
        assert_eq!(r.skip_value(), Ok(()));
        assert_eq!(r.next_item(), Ok(false));
        assert_eq!(r.finish(), Ok(()));
    }

    #[test]
    fn large_inputs_stay_linear() {
        // Long strings, many items, long numbers: each must be quick.
        let long = format!("\"{}\"", "ab\\n".repeat(250_000));
        assert_eq!(read_str(&long).map(|s| s.len()), Ok(750_000));
        let items = format!("[{}0]", "0,".repeat(500_000));
        let mut r = JsonReader::new(&items);
        assert_eq!(r.skip_value(), Ok(()));
        let number = format!("1{}e-500000", "0".repeat(500_000));
        assert_eq!(JsonReader::new(&number).read_i64(), Ok(1));
        let number = format!("0.{}1e500000", "0".repeat(500_000));
        assert!(JsonReader::new(&number).read_i64().is_err());
        assert!(JsonReader::new(&format!("1{}", "0".repeat(500_000))).read_i64().is_err());
    }

    /// A small deterministic generator (xorshift64).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    fn random_string(rng: &mut Rng) -> String {
        let pool = [
            'a',
            'Z',
            '0',
            ' ',
            '"',
            '\\',
            '/',
            '\n',
            '\t',
            '\u{0}',
            '\u{1f}',
            '\u{7f}',
            'é',
            '€',
            '😹',
            '\u{2028}',
            '\u{ffff}',
            '\u{10ffff}',
        ];
        (0..rng.below(12)).map(|_| pool[rng.below(pool.len())]).collect()
    }

    fn random_document(rng: &mut Rng, depth: usize) -> Document {
        match rng.below(if depth > 4 { 5 } else { 7 }) {
            0 => Document::Null,
            1 => Document::Bool(rng.below(2) == 0),
            2 => Document::Number(match rng.below(3) {
                0 => Number::PosInt(rng.next() >> rng.below(64)),
                1 => Number::NegInt(-((rng.next() >> 1 >> rng.below(63)) as i64) - 1),
                _ => Number::Float(f64::from_bits(rng.next())),
            }),
            3 | 4 => Document::String(random_string(rng)),
            5 => Document::Array((0..rng.below(4)).map(|_| random_document(rng, depth + 1)).collect()),
            _ => Document::Object(
                (0..rng.below(4)).map(|_| (random_string(rng), random_document(rng, depth + 1))).collect(),
            ),
        }
    }

    /// Floats as they come back from JSON: non-finite ones were written as strings.
    fn normalized(doc: Document) -> Document {
        match doc {
            Document::Number(Number::Float(f)) if !f.is_finite() => {
                let mut text = String::new();
                wire::push_f64(&mut text, f);
                Document::String(text)
            }
            Document::Number(Number::Float(f)) if f == f.trunc() && f.abs() < 1e19 => {
                // A float with an integral value reads back as a float: it is written `1.0`.
                Document::Number(Number::Float(f))
            }
            Document::Array(items) => Document::Array(items.into_iter().map(normalized).collect()),
            Document::Object(members) => {
                Document::Object(members.into_iter().map(|(k, v)| (k, normalized(v))).collect())
            }
            other => other,
        }
    }

    #[test]
    fn documents_round_trip() {
        let mut rng = Rng(0x1234_5678_9ABC_DEF1);
        for _ in 0..20_000 {
            let doc = random_document(&mut rng, 0);
            let json = written(|w| w.document(&doc));
            let back = doc_of(&json);
            assert_eq!(back, Ok(normalized(doc)), "{json}");
            let mut r = JsonReader::new(&json);
            assert_eq!(r.skip_value().and_then(|()| r.finish()), Ok(()), "{json}");
        }
    }

    /// Reads whatever comes using every kind of call; only errors, never panics.
    fn walk(r: &mut JsonReader<'_>, rng: &mut Rng) -> Result<(), JsonError> {
        if rng.below(8) == 0 {
            return r.skip_value();
        }
        match r.peek_kind()? {
            JsonKind::Null => r.take_null().map(|_| ()),
            JsonKind::Bool => r.read_bool().map(|_| ()),
            JsonKind::Number => match rng.below(8) {
                0 => r.read_i8().map(|_| ()),
                1 => r.read_i16().map(|_| ()),
                2 => r.read_i32().map(|_| ()),
                3 => r.read_i64().map(|_| ()),
                4 => r.read_f32().map(|_| ()),
                5 => r.read_f64().map(|_| ()),
                6 => r.read_timestamp(TimestampFormat::EpochSeconds).map(|_| ()),
                _ => r.read_number_text().map(|_| ()),
            },
            JsonKind::String => match rng.below(6) {
                0 => r.read_blob().map(|_| ()),
                1 => r.read_f64().map(|_| ()),
                2 => r.read_timestamp(TimestampFormat::DateTime).map(|_| ()),
                3 => r.read_timestamp(TimestampFormat::HttpDate).map(|_| ()),
                _ => r.read_string().map(|_| ()),
            },
            JsonKind::Array => {
                if rng.below(4) == 0 {
                    return r.read_document().map(|_| ());
                }
                r.begin_array()?;
                while r.next_item()? {
                    walk(r, rng)?;
                }
                Ok(())
            }
            JsonKind::Object => {
                r.begin_object()?;
                while r.next_key()?.is_some() {
                    walk(r, rng)?;
                }
                Ok(())
            }
        }
    }

    fn exercise(input: &[u8], rng: &mut Rng) {
        if let Ok(mut r) = JsonReader::from_slice(input) {
            let _ = r.clone().read_document();
            let _ = r.clone().skip_value();
            let _ = walk(&mut r, rng).and_then(|()| r.finish());
        }
    }

    #[test]
    fn random_inputs_never_panic() {
        let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
        let alphabet = b"{}[]:,\"\\/ \n0123456789-+.eEtrufalsn\x01\xc3\xa9uUDd8F";
        for _ in 0..100_000 {
            let len = rng.below(40);
            let input: Vec<u8> = (0..len).map(|_| alphabet[rng.below(alphabet.len())]).collect();
            exercise(&input, &mut rng);
        }
        for _ in 0..20_000 {
            let len = rng.below(24);
            let input: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            exercise(&input, &mut rng);
        }
    }

    #[test]
    fn truncated_and_mutated_inputs_never_panic() {
        let mut rng = Rng(0x0BAD_5EED_0000_0001);
        let samples = [
            r#"{"a":[1,2.5e-3,-0,{"b":null,"c":"\ud83d\ude39\n"}],"d":true,"e":"2019-12-16T23:48:18Z","f":"YWJj"}"#,
            r#"[{"x":{"y":[[],[{}],"Mon, 16 Dec 2019 23:48:18 GMT"]}},1e400,123456789012345678901234567890,"NaN"]"#,
        ];
        for sample in samples {
            let bytes = sample.as_bytes();
            for end in 0..=bytes.len() {
                exercise(bytes.get(..end).unwrap_or_default(), &mut rng);
            }
            for _ in 0..20_000 {
                let mut input = bytes.to_vec();
                for _ in 0..1 + rng.below(3) {
                    let at = rng.below(input.len());
                    match rng.below(3) {
                        0 => input[at] = rng.next() as u8,
                        1 => {
                            input.remove(at);
                        }
                        _ => input.insert(at, b"{}[]\",:\\0-e."[rng.below(12)]),
                    }
                }
                exercise(&input, &mut rng);
            }
        }
    }

    #[test]
    fn nullable_reads() {
        let mut r = JsonReader::new(r#"[null, "a\n", null, 7, true, "2000-01-01T00:00:00Z", "AQI=", {"x": null}]"#);
        assert!(r.begin_array().is_ok());
        assert_eq!(r.next_item(), Ok(true));
        assert_eq!(r.opt_string(), Ok(None));
        assert!(r.next_item().is_ok() && r.opt_string() == Ok(Some("a\n".to_owned())));
        assert!(r.next_item().is_ok() && r.opt_i32() == Ok(None));
        assert!(r.next_item().is_ok() && r.opt_i8() == Ok(Some(7)));
        assert!(r.next_item().is_ok() && r.opt_bool() == Ok(Some(true)));
        assert!(r.next_item().is_ok());
        assert_eq!(r.opt_timestamp(TimestampFormat::DateTime), Ok(Some(DateTime::from_secs(946_684_800))));
        assert!(r.next_item().is_ok() && r.opt_blob() == Ok(Some(Blob::from(vec![1, 2]))));
        assert!(r.next_item().is_ok() && r.opt_document().is_ok_and(|d| d.is_some()));
        assert_eq!(r.next_item(), Ok(false));
        assert!(JsonReader::new("\"x\"").opt_i64().is_err());
        assert!(JsonReader::new("nul").opt_f64().is_err());
    }

    #[test]
    fn exact_integers() {
        assert_eq!(exact_integer("1.0"), Ok(1));
        assert_eq!(exact_integer("-1.00e+3"), Ok(-1000));
        assert_eq!(exact_integer("0.00"), Ok(0));
        assert_eq!(exact_integer("1e38"), Ok(10_i128.pow(38)));
        assert_eq!(exact_integer("1e39"), Err(OUT_OF_RANGE));
        assert!(exact_integer("1.05e1").is_err());
        assert_eq!(exact_integer("1.050e2"), Ok(105));
    }
}
