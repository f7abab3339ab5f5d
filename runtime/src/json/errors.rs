//! What the JSON protocols share beyond values: reading a response body, and finding an
//! error response's code and message (awsJson1_0, awsJson1_1 and restJson1 agree on both).

use super::{JsonError, JsonKind, JsonReader};
use crate::wire::{is_blank, ResponseError};

impl From<JsonError> for ResponseError {
    fn from(error: JsonError) -> Self {
        Self::new(format!("body: {error}"))
    }
}

/// A reader over a JSON body; an empty (or all-whitespace) body reads as `{}`.
pub fn body_reader(body: &[u8]) -> Result<JsonReader<'_>, ResponseError> {
    if is_blank(body) {
        return Ok(JsonReader::new("{}"));
    }
    JsonReader::from_slice(body).map_err(ResponseError::from)
}

/// The error code and message of an error response: the code from the `X-Amzn-Errortype`
/// header, else the body's top-level `code`, else its `__type`, sanitized by
/// [`sanitize_error_code`]; the message from the body's `message`, `Message` or
/// `errorMessage`. A body that is not a JSON object yields no code and no message.
pub fn error_code_and_message(response: &http::Response<Vec<u8>>) -> (String, Option<String>) {
    let header = response.headers().get("x-amzn-errortype").and_then(|v| v.to_str().ok());
    let (mut code, mut type_field, mut message) = (None, None, None);
    if let Ok(mut reader) = JsonReader::from_slice(response.body()) {
        let _ = scan_error_body(&mut reader, &mut code, &mut type_field, &mut message);
    }
    let raw = header.map(str::to_owned).or(code).or(type_field).unwrap_or_default();
    (sanitize_error_code(&raw).to_owned(), message)
}

fn scan_error_body(
    reader: &mut JsonReader<'_>,
    code: &mut Option<String>,
    type_field: &mut Option<String>,
    message: &mut Option<String>,
) -> Result<(), JsonError> {
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
        if reader.peek_kind()? == JsonKind::String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn blank_bodies_read_as_empty_objects() {
        for body in [&b""[..], b"  \n", b"{}"] {
            let reader = body_reader(body);
            assert!(reader.is_ok_and(|mut r| r.begin_object().is_ok() && r.next_key() == Ok(None) && r.finish().is_ok()));
        }
        assert!(body_reader(b"\xff").is_err());
    }
}
