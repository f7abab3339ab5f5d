//! Choosing how to authenticate a request, and doing it: SigV4 with the endpoint's signing
//! name and region, a bearer token, or nothing.

use super::operation::AuthOption;
use super::{Config, Credentials, CredentialsError, Token};
use crate::endpoint::Endpoint;
use crate::ByteStream;
use http::header::{HeaderValue, AUTHORIZATION};
use std::time::SystemTime;

/// How the requests of one call are authenticated, decided once per call, with the identity
/// it signs with.
#[derive(Clone, Debug)]
pub(crate) enum AuthPlan {
    SigV4 {
        credentials: Credentials,
        signing_name: String,
        signing_region: String,
        double_uri_encode: bool,
        unsigned_payload: bool,
    },
    Bearer(Token),
    Anonymous,
}

/// Picks the first of `options` whose identity the configuration yields: SigV4 needs
/// credentials, a bearer token a token. An identity that is not found (no provider, or a
/// provider that found nothing) moves on to the next option; when none is left, the last
/// missing identity is the error. Any other failure of a provider is the error at once. The
/// endpoint's `authSchemes` give SigV4's signing name and region.
pub(crate) async fn plan(
    options: &[AuthOption],
    endpoint: &Endpoint,
    config: &Config,
) -> Result<AuthPlan, CredentialsError> {
    let mut missing = None;
    for option in options {
        match *option {
            AuthOption::SigV4 { signing_name, unsigned_payload } => {
                let found = match &config.credentials {
                    Some(provider) => provider.provide_credentials().await,
                    None => Err(CredentialsError::not_found(
                        "no credentials are configured: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or a provider",
                    )),
                };
                match found {
                    Ok(credentials) => {
                        return sigv4_plan(credentials, signing_name, unsigned_payload, endpoint, config)
                    }
                    Err(e) if e.is_not_found() => missing = Some(e),
                    Err(e) => return Err(e),
                }
            }
            AuthOption::Bearer => {
                let found = match &config.token {
                    Some(provider) => provider.provide_token().await,
                    None => Err(CredentialsError::not_found("no bearer token is configured")),
                };
                match found {
                    Ok(token) => return Ok(AuthPlan::Bearer(token)),
                    Err(e) if e.is_not_found() => missing = Some(e),
                    Err(e) => return Err(e),
                }
            }
            AuthOption::Anonymous => return Ok(AuthPlan::Anonymous),
            AuthOption::Unsupported { scheme } => {
                missing = Some(CredentialsError::new(format!(
                    "the operation authenticates with `{scheme}`, which this client does not support yet"
                )));
            }
        }
    }
    missing.map_or(Ok(AuthPlan::Anonymous), Err)
}

fn sigv4_plan(
    credentials: Credentials,
    signing_name: &str,
    unsigned_payload: bool,
    endpoint: &Endpoint,
    config: &Config,
) -> Result<AuthPlan, CredentialsError> {
    let schemes = endpoint.auth_schemes();
    let scheme = schemes.iter().find(|s| s.name == "sigv4");
    if scheme.is_none() && !schemes.is_empty() {
        let names: Vec<&str> = schemes.iter().map(|s| s.name.as_str()).collect();
        return Err(CredentialsError::new(format!(
            "the endpoint asks for the auth schemes {names:?}, and this client signs only with `sigv4`"
        )));
    }
    let signing_region =
        scheme.and_then(|s| s.signing_region.clone()).or_else(|| config.region.clone()).ok_or_else(|| {
            CredentialsError::new("no region to sign for: set the region (AWS_REGION, or `region` in the profile)")
        })?;
    Ok(AuthPlan::SigV4 {
        credentials,
        signing_name: scheme.and_then(|s| s.signing_name.clone()).unwrap_or_else(|| signing_name.to_owned()),
        signing_region,
        double_uri_encode: !scheme.and_then(|s| s.disable_double_encoding).unwrap_or(false),
        unsigned_payload,
    })
}

/// Authenticates one attempt's request as `plan` says.
pub(crate) fn apply(plan: &AuthPlan, request: &mut http::Request<ByteStream>) -> Result<(), CredentialsError> {
    match plan {
        AuthPlan::Anonymous => Ok(()),
        AuthPlan::Bearer(token) => {
            let mut value = HeaderValue::try_from(format!("Bearer {}", token.token()))
                .map_err(|_| CredentialsError::new("the bearer token is not valid header text"))?;
            // Kept out of anything that prints the request.
            value.set_sensitive(true);
            request.headers_mut().insert(AUTHORIZATION, value);
            Ok(())
        }
        AuthPlan::SigV4 { credentials, signing_name, signing_region, double_uri_encode, unsigned_payload } => {
            sign_sigv4(request, credentials, signing_name, signing_region, *double_uri_encode, *unsigned_payload)
        }
    }
}

fn sign_sigv4(
    request: &mut http::Request<ByteStream>,
    credentials: &Credentials,
    signing_name: &str,
    signing_region: &str,
    double_uri_encode: bool,
    unsigned_payload: bool,
) -> Result<(), CredentialsError> {
    use super::sigv4::{sign, PayloadChecksum, SigningParams, SigningSettings};
    // The body is set aside while the request is signed, so that it can be hashed.
    let body = std::mem::take(request.body_mut());
    let payload = match body.in_memory() {
        Some(bytes) if !unsigned_payload => PayloadChecksum::Bytes(bytes),
        // A body still to be streamed cannot be hashed before it is sent.
        _ => PayloadChecksum::Unsigned,
    };
    // The service must be told the payload is not signed; services that sign the path
    // encoded once (S3) want the payload hash sent in every case.
    let unsigned = matches!(payload, PayloadChecksum::Unsigned);
    let settings = SigningSettings {
        double_uri_encode,
        content_sha256_header: unsigned || !double_uri_encode,
        ..SigningSettings::default()
    };
    let params = SigningParams::new(credentials, signing_region, signing_name, SystemTime::now())
        .with_payload(payload)
        .with_settings(settings);
    let signed = sign(request, &params).map_err(|e| CredentialsError::new(format!("cannot sign the request: {e}")));
    *request.body_mut() = body;
    signed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;
    use std::collections::BTreeMap;

    fn endpoint_with(schemes: Vec<Document>) -> Endpoint {
        let properties = BTreeMap::from([("authSchemes".to_owned(), Document::Array(schemes))]);
        Endpoint::from_parts("https://example.com".to_owned(), BTreeMap::new(), properties)
    }

    fn scheme(fields: &[(&str, Document)]) -> Document {
        Document::Object(fields.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect())
    }

    fn config() -> Config {
        Config::builder()
            .region("eu-west-1")
            .credentials(Credentials::new("AKID", "SECRET", None, None, "test"))
            .build()
    }

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().build().expect("a runtime").block_on(future)
    }

    const SIGV4: &[AuthOption] = &[AuthOption::SigV4 { signing_name: "model-name", unsigned_payload: false }];

    #[test]
    fn the_endpoints_auth_scheme_names_the_signing_name_region_and_encoding() {
        let endpoint = endpoint_with(vec![scheme(&[
            ("name", Document::String("sigv4".into())),
            ("signingName", Document::String("s3-outposts".into())),
            ("signingRegion", Document::String("us-gov-west-1".into())),
            ("disableDoubleEncoding", Document::Bool(true)),
        ])]);
        match block_on(plan(SIGV4, &endpoint, &config())).unwrap() {
            AuthPlan::SigV4 { signing_name, signing_region, double_uri_encode, .. } => {
                assert_eq!(
                    (signing_name.as_str(), signing_region.as_str(), double_uri_encode),
                    ("s3-outposts", "us-gov-west-1", false)
                );
            }
            other => panic!("{other:?}"),
        }
        // Without auth schemes: the model's signing name and the client's region.
        match block_on(plan(SIGV4, &Endpoint::new("https://example.com"), &config())).unwrap() {
            AuthPlan::SigV4 { signing_name, signing_region, double_uri_encode, .. } => {
                assert_eq!(
                    (signing_name.as_str(), signing_region.as_str(), double_uri_encode),
                    ("model-name", "eu-west-1", true)
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_endpoint_asking_only_for_sigv4a_is_an_error_naming_it() {
        let endpoint = endpoint_with(vec![scheme(&[
            ("name", Document::String("sigv4a".into())),
            ("signingRegionSet", Document::Array(vec![Document::String("*".into())])),
        ])]);
        let error = block_on(plan(SIGV4, &endpoint, &config())).unwrap_err();
        assert!(error.to_string().contains("sigv4a"), "{error}");
    }
}
