//! Choosing how to authenticate a request, and doing it: SigV4 with the endpoint's signing
//! name and region, a bearer token, or nothing.

use super::operation::AuthOption;
use super::{Config, CredentialsError};
use crate::endpoint::Endpoint;
use crate::ByteStream;
use http::header::{HeaderValue, AUTHORIZATION};
use std::time::SystemTime;

/// How the requests of one call are authenticated, decided once per call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AuthPlan {
    SigV4 { signing_name: String, signing_region: String, double_uri_encode: bool, unsigned_payload: bool },
    Bearer,
    Anonymous,
}

/// Picks the first of `options` the configuration can serve: SigV4 needs credentials and a
/// bearer token a token provider, unless no later option remains, in which case the missing
/// identity is the error. The endpoint's `authSchemes` name the signing name and region.
pub(crate) fn plan(options: &[AuthOption], endpoint: &Endpoint, config: &Config) -> Result<AuthPlan, CredentialsError> {
    for (i, option) in options.iter().enumerate() {
        let last = i + 1 == options.len();
        match *option {
            AuthOption::SigV4 { signing_name, unsigned_payload } => {
                if config.credentials.is_none() && !last {
                    continue;
                }
                return sigv4_plan(signing_name, unsigned_payload, endpoint, config);
            }
            AuthOption::Bearer => {
                if config.token.is_none() && !last {
                    continue;
                }
                return Ok(AuthPlan::Bearer);
            }
            AuthOption::Anonymous => return Ok(AuthPlan::Anonymous),
            AuthOption::Unsupported { scheme } => {
                if last {
                    return Err(CredentialsError::new(format!(
                        "the operation authenticates with `{scheme}`, which this client does not support yet"
                    )));
                }
            }
        }
    }
    Ok(AuthPlan::Anonymous)
}

fn sigv4_plan(
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
        signing_name: scheme.and_then(|s| s.signing_name.clone()).unwrap_or_else(|| signing_name.to_owned()),
        signing_region,
        double_uri_encode: !scheme.and_then(|s| s.disable_double_encoding).unwrap_or(false),
        unsigned_payload,
    })
}

/// Authenticates one attempt's request as `plan` says.
pub(crate) async fn apply(
    plan: &AuthPlan,
    request: &mut http::Request<ByteStream>,
    config: &Config,
) -> Result<(), CredentialsError> {
    match plan {
        AuthPlan::Anonymous => Ok(()),
        AuthPlan::Bearer => {
            let provider =
                config.token.as_ref().ok_or_else(|| CredentialsError::new("no bearer token is configured"))?;
            let token = provider.provide_token().await?;
            let value = HeaderValue::try_from(format!("Bearer {}", token.token()))
                .map_err(|_| CredentialsError::new("the bearer token is not valid header text"))?;
            request.headers_mut().insert(AUTHORIZATION, value);
            Ok(())
        }
        AuthPlan::SigV4 { signing_name, signing_region, double_uri_encode, unsigned_payload } => {
            let provider = config.credentials.as_ref().ok_or_else(|| {
                CredentialsError::new(
                    "no credentials are configured: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or a provider",
                )
            })?;
            let credentials = provider.provide_credentials().await?;
            sign_sigv4(request, &credentials, signing_name, signing_region, *double_uri_encode, *unsigned_payload)
        }
    }
}

fn sign_sigv4(
    request: &mut http::Request<ByteStream>,
    credentials: &super::Credentials,
    signing_name: &str,
    signing_region: &str,
    double_uri_encode: bool,
    unsigned_payload: bool,
) -> Result<(), CredentialsError> {
    use super::sigv4::{sign, PayloadChecksum, SigningParams, SigningSettings};
    // Services that sign the path encoded once (S3) also want the payload hash sent.
    let settings =
        SigningSettings { double_uri_encode, content_sha256_header: !double_uri_encode, ..SigningSettings::default() };
    // The body is set aside while the request is signed, so that it can be hashed.
    let body = std::mem::take(request.body_mut());
    let payload = match body.in_memory() {
        Some(bytes) if !unsigned_payload => PayloadChecksum::Bytes(bytes),
        // A body still to be streamed cannot be hashed before it is sent.
        _ => PayloadChecksum::Unsigned,
    };
    let params = SigningParams::new(credentials, signing_region, signing_name, SystemTime::now())
        .with_payload(payload)
        .with_settings(settings);
    let signed = sign(request, &params).map_err(|e| CredentialsError::new(format!("cannot sign the request: {e}")));
    *request.body_mut() = body;
    signed
}
