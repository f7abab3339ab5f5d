//! Base64 (standard alphabet, padded), for blobs in JSON bodies and headers.

use super::WireError;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
