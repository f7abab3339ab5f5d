//! The library functions whose work is more than a comparison: URL and ARN parsing, host
//! label and bucket checks, `substring` and `split`. Each follows the rules-engine
//! specification (and, where it is silent, the reference implementation in Smithy).

use std::ops::Range;

/// The parts of a URL `parseURL` accepted, as ranges of the text it parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UrlParts {
    pub scheme: Range<usize>,
    pub authority: Range<usize>,
    pub path: Range<usize>,
    pub is_ip: bool,
}

/// `parseURL`: `http` or `https` (any case), `://`, an authority (a host and maybe a numeric
/// port; user info is skipped) and a path; no query. `None` for anything else.
pub(crate) fn parse_url(url: &str) -> Option<UrlParts> {
    let (scheme, rest) = url.split_once("://")?;
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    if rest.contains('?') {
        return None;
    }
    // A fragment is not part of an endpoint either.
    let rest = rest.split('#').next().unwrap_or_default();
    let authority_len = rest.find('/').unwrap_or(rest.len());
    // User info is not part of the authority the rules see.
    let user_info = rest[..authority_len].rfind('@').map_or(0, |at| at + 1);
    let authority = &rest[user_info..authority_len];
    if authority.is_empty() || authority.chars().any(|c| c.is_whitespace()) {
        return None;
    }
    let host = if authority.starts_with('[') {
        let end = authority.find(']')?;
        let port = &authority[end + 1..];
        if !port.is_empty() && !valid_port(port.strip_prefix(':')?) {
            return None;
        }
        &authority[..=end]
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) if valid_port(port) => host,
            Some(_) => return None,
            None => authority,
        }
    };
    if host.is_empty() {
        return None;
    }
    let authority_start = scheme.len() + 3 + user_info;
    let path_start = scheme.len() + 3 + authority_len;
    let path_end = scheme.len() + 3 + rest.len();
    Some(UrlParts {
        scheme: 0..scheme.len(),
        authority: authority_start..path_start,
        path: path_start..path_end,
        is_ip: is_ip(host),
    })
}

fn valid_port(port: &str) -> bool {
    !port.is_empty()
        && port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u32>().is_ok_and(|p| p <= 65535)
}

/// `path` with a `/` at both ends (`/` alone for an empty path).
pub(crate) fn normalized_path(path: &str) -> std::borrow::Cow<'_, str> {
    match (path.starts_with('/'), path.ends_with('/')) {
        _ if path.is_empty() => "/".into(),
        (true, true) => path.into(),
        (true, false) => format!("{path}/").into(),
        (false, true) => format!("/{path}").into(),
        (false, false) => format!("/{path}/").into(),
    }
}

/// A bracketed IPv6 literal, or a dotted quad of decimal octets without leading zeros.
pub(crate) fn is_ip(host: &str) -> bool {
    if host.starts_with('[') && host.ends_with(']') && host.len() >= 2 {
        return true;
    }
    let mut octets = 0;
    for octet in host.split('.') {
        octets += 1;
        let valid = match octet.as_bytes() {
            [d] => d.is_ascii_digit(),
            [first, rest @ ..] if rest.len() <= 2 => {
                (b'1'..=b'9').contains(first) && rest.iter().all(u8::is_ascii_digit)
            }
            _ => false,
        };
        if !valid {
            return false;
        }
    }
    octets == 4
}

/// `isValidHostLabel`: an RFC 1123 label (1 to 63 letters, digits and hyphens, not starting
/// with a hyphen); with `allow_dots`, labels of that kind joined by `.`.
pub(crate) fn is_valid_host_label(value: &str, allow_dots: bool) -> bool {
    if allow_dots {
        !value.is_empty() && value.split('.').all(is_single_label)
    } else {
        is_single_label(value)
    }
}

fn is_single_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    (1..=63).contains(&bytes.len())
        && bytes[0].is_ascii_alphanumeric()
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// `aws.isVirtualHostableS3Bucket`: 3 to 63 lower-case letters, digits and hyphens (and,
/// with `allow_dots`, dots between labels), starting and ending with a letter or a digit,
/// and not an IP address.
pub(crate) fn is_virtual_hostable_s3_bucket(value: &str, allow_dots: bool) -> bool {
    let bytes = value.as_bytes();
    let lower_alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if !(3..=63).contains(&bytes.len()) || !lower_alnum(bytes[0]) || !lower_alnum(bytes[bytes.len() - 1]) {
        return false;
    }
    if !allow_dots {
        return bytes.iter().all(|&b| lower_alnum(b) || b == b'-');
    }
    // No `..`, `-.` or `.-`.
    let adjacent_ok = bytes.windows(2).all(|pair| !matches!((pair[0], pair[1]), (b'.' | b'-', b'.') | (b'.', b'-')));
    adjacent_ok && bytes.iter().all(|&b| lower_alnum(b) || b == b'-' || b == b'.') && !is_ip(value)
}

/// `substring`: characters `start..stop` of an ASCII string, counted from its end when
/// `reverse`; `None` when the string is too short, the range empty, or not ASCII.
pub(crate) fn substring(value: &str, start: i64, stop: i64, reverse: bool) -> Option<Range<usize>> {
    let len = value.len();
    let (start, stop) = (usize::try_from(start).ok()?, usize::try_from(stop).ok()?);
    if start >= stop || len < stop || !value.is_ascii() {
        return None;
    }
    Some(if reverse { len - stop..len - start } else { start..stop })
}

/// `split`: the parts between occurrences of a non-empty `delimiter`; a positive `limit`
/// caps the number of parts (the last keeps the rest), `0` means no cap. `None` for an
/// empty delimiter or a negative limit.
pub(crate) fn split(value: &str, delimiter: &str, limit: i64) -> Option<Vec<Range<usize>>> {
    if delimiter.is_empty() || limit < 0 {
        return None;
    }
    let limit = usize::try_from(limit).ok()?;
    let mut parts = Vec::new();
    let mut start = 0;
    for (index, _) in value.match_indices(delimiter) {
        if limit != 0 && parts.len() + 1 == limit {
            break;
        }
        parts.push(start..index);
        start = index + delimiter.len();
    }
    parts.push(start..value.len());
    Some(parts)
}

/// The parts of an ARN `aws.parseArn` accepted, as ranges of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ArnParts {
    pub partition: Range<usize>,
    pub service: Range<usize>,
    pub region: Range<usize>,
    pub account_id: Range<usize>,
    /// The resource, split on `:` and `/`.
    pub resource_id: Vec<Range<usize>>,
}

/// `aws.parseArn`: `arn:partition:service:region:account:resource`, where the partition,
/// service and resource are not empty.
pub(crate) fn parse_arn(arn: &str) -> Option<ArnParts> {
    if arn.len() < 8 || !arn.starts_with("arn:") {
        return None;
    }
    let mut bounds = [0usize; 5];
    bounds[0] = 3;
    for i in 1..5 {
        bounds[i] = bounds[i - 1] + 1 + arn[bounds[i - 1] + 1..].find(':')?;
    }
    let part = |i: usize| bounds[i] + 1..bounds[i + 1];
    let (partition, service, region, account_id) = (part(0), part(1), part(2), part(3));
    let resource = bounds[4] + 1..arn.len();
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    let mut resource_id = Vec::new();
    let mut start = resource.start;
    for (offset, byte) in arn[resource.clone()].bytes().enumerate() {
        if byte == b':' || byte == b'/' {
            resource_id.push(start..resource.start + offset);
            start = resource.start + offset + 1;
        }
    }
    resource_id.push(start..arn.len());
    Some(ArnParts { partition, service, region, account_id, resource_id })
}
