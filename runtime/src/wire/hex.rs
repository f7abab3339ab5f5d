//! Hexadecimal digits: lower case for digests and UUIDs, upper case for percent escapes.

pub(crate) const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";
pub(crate) const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `byte` as two lower-case hexadecimal digits.
pub(crate) fn push_hex_lower(out: &mut String, byte: u8) {
    out.push(char::from(HEX_LOWER[usize::from(byte >> 4)]));
    out.push(char::from(HEX_LOWER[usize::from(byte & 15)]));
}

/// `bytes` in lower-case hexadecimal (a SHA-256 digest as SigV4 and Glacier write it).
pub(crate) fn hex_lower(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        push_hex_lower(&mut out, b);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn lower_case_pairs() {
        assert_eq!(super::hex_lower(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
    }
}
