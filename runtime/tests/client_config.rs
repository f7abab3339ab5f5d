//! The client configuration loaded as the AWS SDKs document it: real files in a temporary
//! folder, an injected environment (the process environment is never changed, as tests run
//! in parallel).

use smithy_runtime::client::{
    BoxFuture, Config, ConfigError, ConfigLoader, Credentials, CredentialsCache, CredentialsError,
    EnvironmentCredentialsProvider, ProfileCredentialsProvider, ProvideCredentials, RetryMode,
};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, SystemTime};

// ---------------------------------------------------------------------------------------
// Helpers

/// A folder of its own under the system temporary folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        let name = format!("client-config-{}-{}-{nanos}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    /// `~/.aws/config` and `~/.aws/credentials` under this folder as home.
    fn home_files(&self, config: &str, credentials: &str) -> &Path {
        self.write(".aws/config", config);
        self.write(".aws/credentials", credentials);
        &self.0
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs a future to completion on this thread.
fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        std::thread::park();
    }
}

fn loader(home: &Path, env: &[(&str, &str)]) -> ConfigLoader {
    ConfigLoader::new().home(home).env(env.iter().map(|(k, v)| (k.to_string(), v.to_string())))
}

fn load(home: &Path, env: &[(&str, &str)]) -> Result<Config, ConfigError> {
    loader(home, env).load().map(|b| b.build())
}

fn load_err(home: &Path, env: &[(&str, &str)]) -> String {
    load(home, env).unwrap_err().to_string()
}

fn credentials(config: &Config) -> Result<Credentials, CredentialsError> {
    block_on(config.credentials().expect("a credentials provider").provide_credentials())
}

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const TOKEN: &str = "session-token-that-must-not-leak";

// ---------------------------------------------------------------------------------------
// Precedence

#[test]
fn region_precedence_code_env_profile() {
    let dir = TempDir::new();
    let home = dir.home_files("[default]\nregion = profile-region\n", "");
    assert_eq!(load(home, &[]).unwrap().region(), Some("profile-region"));
    assert_eq!(load(home, &[("AWS_DEFAULT_REGION", "default-region")]).unwrap().region(), Some("default-region"));
    let both = [("AWS_REGION", "env-region"), ("AWS_DEFAULT_REGION", "default-region")];
    assert_eq!(load(home, &both).unwrap().region(), Some("env-region"));
    let code = loader(home, &both).load().unwrap().region("code-region").build();
    assert_eq!(code.region(), Some("code-region"));
    // An empty variable counts as unset.
    assert_eq!(load(home, &[("AWS_REGION", "")]).unwrap().region(), Some("profile-region"));
}

#[test]
fn profile_choice_code_env_default() {
    let dir = TempDir::new();
    let home = dir.home_files(
        "[default]\nregion = r-default\n[profile env]\nregion = r-env\n[profile code]\nregion = r-code\n",
        "",
    );
    assert_eq!(load(home, &[]).unwrap().region(), Some("r-default"));
    assert_eq!(load(home, &[("AWS_PROFILE", "env")]).unwrap().region(), Some("r-env"));
    let config = loader(home, &[("AWS_PROFILE", "env")]).profile("code").load().unwrap().build();
    assert_eq!(config.region(), Some("r-code"));
    // The `default` profile does not fill in a named profile's gaps.
    let dir = TempDir::new();
    let home = dir.home_files("[default]\nregion = r\n[profile other]\n", "");
    assert_eq!(load(home, &[("AWS_PROFILE", "other")]).unwrap().region(), None);
}

#[test]
fn file_locations_from_env_and_code() {
    let dir = TempDir::new();
    dir.write("elsewhere/config", "[profile p]\nregion = from-env-path\n");
    dir.write("code/config", "[profile p]\nregion = from-code-path\n");
    dir.write("elsewhere/credentials", "[p]\nregion = from-creds\n");
    let home = dir.home_files("[profile p]\nregion = from-home\n", "");
    let env = [("AWS_PROFILE", "p")];
    assert_eq!(load(home, &env).unwrap().region(), Some("from-home"));
    let with_path = [("AWS_PROFILE", "p"), ("AWS_CONFIG_FILE", "~/elsewhere/config")];
    assert_eq!(load(home, &with_path).unwrap().region(), Some("from-env-path"));
    let config = loader(home, &with_path).config_file(dir.path("code/config")).load().unwrap().build();
    assert_eq!(config.region(), Some("from-code-path"));
    // The credentials file's values win over the config file's, for the same profile.
    let creds = [("AWS_PROFILE", "p"), ("AWS_SHARED_CREDENTIALS_FILE", &dir.path("elsewhere/credentials"))];
    assert_eq!(load(home, &creds).unwrap().region(), Some("from-creds"));
}

#[test]
fn home_from_env_then_userprofile() {
    let dir = TempDir::new();
    dir.write("h/.aws/config", "[default]\nregion = from-home\n");
    dir.write("u/.aws/config", "[default]\nregion = from-userprofile\n");
    let env = |vars: &[(&str, String)]| {
        ConfigLoader::new().env(vars.iter().map(|(k, v)| (k.to_string(), v.clone()))).load().unwrap().build()
    };
    let both = [("HOME", dir.path("h")), ("USERPROFILE", dir.path("u"))];
    assert_eq!(env(&both).region(), Some("from-home"));
    assert_eq!(env(&both[1..]).region(), Some("from-userprofile"));
    assert_eq!(env(&[]).region(), None);
}

#[test]
fn missing_files_and_default_profile_are_fine() {
    let dir = TempDir::new();
    let config = load(&dir.0, &[("AWS_CONFIG_FILE", &dir.path("nope"))]).unwrap();
    assert_eq!(config.region(), None);
    assert_eq!(config.retry().max_attempts, 3);
    assert_eq!(config.max_response_body(), 64 * 1024 * 1024);
}

#[test]
fn other_settings_env_over_profile() {
    let dir = TempDir::new();
    let home = dir.home_files(
        "[default]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = TRUE\nmax_attempts = 5\nretry_mode = adaptive\nsdk_ua_app_id = from-profile\n",
        "",
    );
    let config = load(home, &[]).unwrap();
    assert!(config.use_fips() && config.use_dual_stack());
    assert_eq!((config.retry().max_attempts, config.retry_mode()), (5, RetryMode::Adaptive));
    assert_eq!(config.app_name(), Some("from-profile"));
    let env = [
        ("AWS_USE_FIPS_ENDPOINT", "false"),
        ("AWS_USE_DUALSTACK_ENDPOINT", "false"),
        ("AWS_MAX_ATTEMPTS", "1"),
        ("AWS_RETRY_MODE", "legacy"),
        ("AWS_SDK_UA_APP_ID", "from-env"),
    ];
    let config = load(home, &env).unwrap();
    assert!(!config.use_fips() && !config.use_dual_stack());
    assert_eq!((config.retry().max_attempts, config.retry_mode()), (1, RetryMode::Legacy));
    assert_eq!(config.app_name(), Some("from-env"));
    let config = loader(home, &env)
        .load()
        .unwrap()
        .use_fips(true)
        .max_attempts(7)
        .retry_mode(RetryMode::Standard)
        .app_name("code")
        .max_response_body(10)
        .build();
    assert!(config.use_fips());
    assert_eq!((config.retry().max_attempts, config.retry_mode()), (7, RetryMode::Standard));
    assert_eq!((config.app_name(), config.max_response_body()), (Some("code"), 10));
}

// ---------------------------------------------------------------------------------------
// Bad settings

#[test]
fn bad_environment_values_name_the_variable() {
    let dir = TempDir::new();
    let cases = [
        (
            "AWS_MAX_ATTEMPTS",
            "abc",
            "environment variable AWS_MAX_ATTEMPTS: expected a whole number of attempts, 1 or more, found `abc`",
        ),
        (
            "AWS_MAX_ATTEMPTS",
            "0",
            "environment variable AWS_MAX_ATTEMPTS: expected a whole number of attempts, 1 or more, found `0`",
        ),
        (
            "AWS_USE_FIPS_ENDPOINT",
            "maybe",
            "environment variable AWS_USE_FIPS_ENDPOINT: expected `true` or `false`, found `maybe`",
        ),
        (
            "AWS_USE_DUALSTACK_ENDPOINT",
            "yes",
            "environment variable AWS_USE_DUALSTACK_ENDPOINT: expected `true` or `false`, found `yes`",
        ),
        (
            "AWS_RETRY_MODE",
            "turbo",
            "environment variable AWS_RETRY_MODE: expected `standard`, `legacy` or `adaptive`, found `turbo`",
        ),
        (
            "AWS_REGION",
            "us east 1",
            "environment variable AWS_REGION: expected a region name such as `us-east-1`, found `us east 1`",
        ),
        (
            "AWS_DEFAULT_REGION",
            "a/b",
            "environment variable AWS_DEFAULT_REGION: expected a region name such as `us-east-1`, found `a/b`",
        ),
        (
            "AWS_ENDPOINT_URL",
            "localhost:4566",
            "environment variable AWS_ENDPOINT_URL: expected an http:// or https:// URL with a host",
        ),
        (
            "AWS_ENDPOINT_URL_S3",
            "https://",
            "environment variable AWS_ENDPOINT_URL_S3: expected an http:// or https:// URL with a host",
        ),
        (
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
            "1",
            "environment variable AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: expected `true` or `false`, found `1`",
        ),
    ];
    for (var, value, expected) in cases {
        assert_eq!(load_err(&dir.0, &[(var, value)]), expected);
    }
    let long = "x".repeat(51);
    assert_eq!(
        load_err(&dir.0, &[("AWS_SDK_UA_APP_ID", &long)]),
        "environment variable AWS_SDK_UA_APP_ID: an application ID is at most 50 characters long"
    );
}

#[test]
fn bad_profile_values_name_the_file_and_line() {
    let dir = TempDir::new();
    let cases = [
        (
            "use_fips_endpoint = maybe",
            "`use_fips_endpoint` at {config} line 3: expected `true` or `false`, found `maybe`",
        ),
        (
            "max_attempts = abc",
            "`max_attempts` at {config} line 3: expected a whole number of attempts, 1 or more, found `abc`",
        ),
        (
            "retry_mode = fast",
            "`retry_mode` at {config} line 3: expected `standard`, `legacy` or `adaptive`, found `fast`",
        ),
        (
            "endpoint_url = not a url",
            "`endpoint_url` at {config} line 3: expected an http:// or https:// URL with a host",
        ),
        ("services = missing", "`services` at {config} line 3: names `[services missing]`, which is not in {config}"),
    ];
    for (line, expected) in cases {
        let home = dir.home_files(&format!("[default]\nregion = r\n{line}\n"), "");
        let expected = expected.replace("{config}", &dir.path(".aws/config"));
        assert_eq!(load_err(home, &[]), expected, "{line}");
    }
    // A bad sub-property URL names its service key and line.
    let home = dir.home_files("[default]\nservices = s\n[services s]\ns3 =\n  endpoint_url = s3.local\n", "");
    assert_eq!(
        load_err(home, &[]),
        format!(
            "`endpoint_url` of `s3` at {} line 5: expected an http:// or https:// URL with a host",
            dir.path(".aws/config")
        )
    );
    // An environment variable hides a bad profile value: it is never read.
    let home = dir.home_files("[default]\nmax_attempts = abc\n", "");
    assert_eq!(load(home, &[("AWS_MAX_ATTEMPTS", "2")]).unwrap().retry().max_attempts, 2);
}

#[test]
fn missing_named_profile_is_an_error() {
    let dir = TempDir::new();
    let home = dir.home_files("[default]\n", "[default]\n");
    let (config, creds) = (dir.path(".aws/config"), dir.path(".aws/credentials"));
    assert_eq!(
        load_err(home, &[("AWS_PROFILE", "nope")]),
        format!("profile `nope` (from AWS_PROFILE) is not in {config} and {creds}")
    );
    assert_eq!(
        loader(home, &[]).profile("gone").load().unwrap_err().to_string(),
        format!("profile `gone` (from the configuration in code) is not in {config} and {creds}")
    );
    // `[profile x]` in the credentials file, or `[x]` in the config file, does not define x.
    let home = dir.home_files("[x]\nregion = r\n", "[profile x]\nregion = r\n");
    assert!(load_err(home, &[("AWS_PROFILE", "x")]).starts_with("profile `x` (from AWS_PROFILE) is not in"));
}

#[test]
fn unparsable_files_name_file_and_line_not_text() {
    let dir = TempDir::new();
    let home = dir.home_files("[default]\nregion = r\n", &format!("[default]\naws_access_key_id = AKID\n{SECRET}\n"));
    let message = load_err(home, &[]);
    assert_eq!(message, format!("{} line 3: a property line has no `=`", dir.path(".aws/credentials")));
    assert!(!message.contains(SECRET));
    let home = dir.home_files("[profile broken\n", "");
    assert_eq!(load_err(home, &[]), format!("{} line 1: a section header has no closing `]`", dir.path(".aws/config")));
    // A folder where the file should be cannot be read.
    let sub = dir.write("folder/placeholder", "");
    let folder = sub.parent().unwrap().display().to_string();
    let message = load_err(&dir.0, &[("AWS_CONFIG_FILE", &folder)]);
    assert!(message.starts_with(&format!("cannot read {folder}: ")), "{message}");
    // Text that is not UTF-8.
    let path = dir.0.join("latin1");
    std::fs::write(&path, b"[default]\nregion = caf\xe9\n").unwrap();
    let message = load_err(&dir.0, &[("AWS_CONFIG_FILE", &path.display().to_string())]);
    assert_eq!(message, format!("{} is not UTF-8 text (invalid byte at offset 22)", path.display()));
}

// ---------------------------------------------------------------------------------------
// Endpoint URLs

const ENDPOINT_PROFILE: &str = "[default]
endpoint_url = https://global.profile
services = local
[services local]
cost_explorer =
  endpoint_url = https://ce.profile
quicksight =
  endpoint_url = https://qs.profile
s3 =
  other_setting = 1
";

#[test]
fn service_specific_endpoint_precedence() {
    let dir = TempDir::new();
    let home = dir.home_files(ENDPOINT_PROFILE, "");

    // Profile only: the service's own URL, else the profile's global one.
    let config = load(home, &[]).unwrap();
    assert_eq!(config.endpoint_url_for("Cost Explorer").as_deref(), Some("https://ce.profile"));
    assert_eq!(config.endpoint_url_for("QuickSight").as_deref(), Some("https://qs.profile"));
    assert_eq!(config.endpoint_url_for("S3").as_deref(), Some("https://global.profile"));
    assert_eq!(config.endpoint_url(), Some("https://global.profile"));

    // The environment's service-specific URL, then its global one, beat the whole profile.
    let env = [("AWS_ENDPOINT_URL_QUICKSIGHT", "http://qs.env:1"), ("AWS_ENDPOINT_URL", "http://global.env")];
    let config = load(home, &env).unwrap();
    assert_eq!(config.endpoint_url_for("QuickSight").as_deref(), Some("http://qs.env:1"));
    assert_eq!(config.endpoint_url_for("Cost Explorer").as_deref(), Some("http://global.env"));
    assert_eq!(config.endpoint_url_for("S3").as_deref(), Some("http://global.env"));

    // Spaces in the sdkId are underscores in the variable's name; its case matters there.
    let env = [("AWS_ENDPOINT_URL_COST_EXPLORER", "http://ce.env"), ("AWS_ENDPOINT_URL_quicksight", "http://lower")];
    let config = load(home, &env).unwrap();
    assert_eq!(config.endpoint_url_for("Cost Explorer").as_deref(), Some("http://ce.env"));
    assert_eq!(config.endpoint_url_for("QuickSight").as_deref(), Some("https://qs.profile"));

    // Code wins over all of them: a service's own URL over the global one.
    let config = loader(home, &env)
        .load()
        .unwrap()
        .endpoint_url("https://code.global")
        .service_endpoint_url("Cost Explorer", "https://code.ce")
        .build();
    assert_eq!(config.endpoint_url_for("Cost Explorer").as_deref(), Some("https://code.ce"));
    assert_eq!(config.endpoint_url_for("QuickSight").as_deref(), Some("https://code.global"));
    assert_eq!(config.endpoint_url(), Some("https://code.global"));
}

#[test]
fn ignore_configured_endpoint_urls() {
    let dir = TempDir::new();
    let home = dir.home_files(ENDPOINT_PROFILE, "");
    let env = [("AWS_ENDPOINT_URL_S3", "http://s3.env"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")];
    let config = load(home, &env).unwrap();
    assert_eq!(config.endpoint_url_for("S3"), None);
    assert_eq!(config.endpoint_url_for("Cost Explorer"), None);
    assert_eq!(config.endpoint_url(), None);
    // Code is never ignored.
    let config = loader(home, &env).load().unwrap().service_endpoint_url("S3", "http://code").build();
    assert_eq!(config.endpoint_url_for("S3").as_deref(), Some("http://code"));
    // The flag in the profile; the environment's `false` overrides it.
    let home = dir.home_files(
        &format!(
            "{ENDPOINT_PROFILE}[profile ignoring]\nignore_configured_endpoint_urls = true\nendpoint_url = http://x\n"
        ),
        "",
    );
    assert_eq!(load(home, &[("AWS_PROFILE", "ignoring")]).unwrap().endpoint_url_for("S3"), None);
    let env = [("AWS_PROFILE", "ignoring"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false")];
    assert_eq!(load(home, &env).unwrap().endpoint_url_for("S3").as_deref(), Some("http://x"));
}

#[test]
fn no_endpoint_configured() {
    let dir = TempDir::new();
    let config = load(&dir.0, &[]).unwrap();
    assert_eq!(config.endpoint_url_for("QuickSight"), None);
    assert_eq!(Config::builder().build().endpoint_url_for("S3"), None);
}

// ---------------------------------------------------------------------------------------
// Credentials

#[test]
fn environment_credentials_come_first() {
    let dir = TempDir::new();
    let home =
        dir.home_files("", "[default]\naws_access_key_id = PROFILEKEY\naws_secret_access_key = profile-secret\n");
    let env = [("AWS_ACCESS_KEY_ID", "ENVKEY"), ("AWS_SECRET_ACCESS_KEY", SECRET), ("AWS_SESSION_TOKEN", TOKEN)];
    let creds = credentials(&load(home, &env).unwrap()).unwrap();
    assert_eq!((creds.access_key_id(), creds.secret_access_key()), ("ENVKEY", SECRET));
    assert_eq!((creds.session_token(), creds.provider_name()), (Some(TOKEN), "environment"));
    let creds = credentials(&load(home, &[]).unwrap()).unwrap();
    assert_eq!((creds.access_key_id(), creds.secret_access_key()), ("PROFILEKEY", "profile-secret"));
    assert_eq!((creds.session_token(), creds.provider_name()), (None, "profile"));
}

#[test]
fn environment_credentials_expiration() {
    let env = [
        ("AWS_ACCESS_KEY_ID", "K"),
        ("AWS_SECRET_ACCESS_KEY", "S"),
        ("AWS_CREDENTIAL_EXPIRATION", "2030-01-02T03:04:05Z"),
    ];
    let creds = block_on(EnvironmentCredentialsProvider::from_vars(env).provide_credentials()).unwrap();
    assert_eq!(creds.expiry(), Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_893_553_445)));
    let env = [("AWS_ACCESS_KEY_ID", "K"), ("AWS_SECRET_ACCESS_KEY", "S"), ("AWS_CREDENTIAL_EXPIRATION", "soon")];
    let error = block_on(EnvironmentCredentialsProvider::from_vars(env).provide_credentials()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "environment variable AWS_CREDENTIAL_EXPIRATION is not an RFC 3339 date-time: `soon`"
    );
}

#[test]
fn half_set_environment_credentials_are_an_error_not_a_fallback() {
    let dir = TempDir::new();
    let home = dir.home_files("", "[default]\naws_access_key_id = PROFILEKEY\naws_secret_access_key = s\n");
    let error = credentials(&load(home, &[("AWS_ACCESS_KEY_ID", "ENVKEY")]).unwrap()).unwrap_err();
    assert_eq!(error.to_string(), "environment variable AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
    assert!(!error.is_not_found());
    let error = credentials(&load(home, &[("AWS_SECRET_ACCESS_KEY", SECRET)]).unwrap()).unwrap_err();
    assert_eq!(error.to_string(), "environment variable AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not");
}

#[test]
fn no_credentials_says_where_it_looked() {
    let dir = TempDir::new();
    let home = dir.home_files("[default]\nregion = r\n", "");
    let error = credentials(&load(home, &[]).unwrap()).unwrap_err();
    assert!(error.is_not_found());
    assert_eq!(
        error.to_string(),
        format!(
            "no AWS credentials found: environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set; \
             profile `default` in {} and {} has neither aws_access_key_id with aws_secret_access_key nor credential_process",
            dir.path(".aws/config"),
            dir.path(".aws/credentials")
        )
    );
    let empty = TempDir::new();
    let error = credentials(&load(&empty.0, &[]).unwrap()).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "no AWS credentials found: environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set; \
             profile `default` is not in {} and {}",
            empty.path(".aws/config"),
            empty.path(".aws/credentials")
        )
    );
}

#[test]
fn profile_credentials_from_credentials_file_win() {
    let dir = TempDir::new();
    let home = dir.home_files(
        "[profile dev]\naws_access_key_id = CONFIGKEY\naws_secret_access_key = config-secret\naws_session_token = t\n",
        &format!("[dev]\naws_access_key_id = CREDSKEY ; a comment\naws_secret_access_key = {SECRET}\n"),
    );
    let creds = credentials(&load(home, &[("AWS_PROFILE", "dev")]).unwrap()).unwrap();
    assert_eq!((creds.access_key_id(), creds.secret_access_key()), ("CREDSKEY", SECRET));
    assert_eq!(creds.session_token(), Some("t"));
}

#[test]
fn half_set_profile_keys_and_unsupported_kinds_name_the_profile() {
    let dir = TempDir::new();
    let home = dir.home_files(
        "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = default\n\
         [profile web]\nweb_identity_token_file = /t\n\
         [profile sso]\nsso_session = s\n[sso-session s]\nsso_start_url = https://x\n",
        &format!("[half]\naws_secret_access_key = {SECRET}\n"),
    );
    let (config, creds) = (dir.path(".aws/config"), dir.path(".aws/credentials"));
    let error = |profile: &str| credentials(&load(home, &[("AWS_PROFILE", profile)]).unwrap()).unwrap_err().to_string();
    assert_eq!(
        error("role"),
        format!("profile `role` (from AWS_PROFILE) sets role_arn ({config} line 2): credentials by assuming a role are not supported by this client yet")
    );
    assert_eq!(
        error("web"),
        format!("profile `web` (from AWS_PROFILE) sets web_identity_token_file ({config} line 5): credentials by web identity are not supported by this client yet")
    );
    assert_eq!(
        error("sso"),
        format!("profile `sso` (from AWS_PROFILE) sets sso_session ({config} line 7): credentials by IAM Identity Center (SSO) are not supported by this client yet")
    );
    let half = error("half");
    assert_eq!(
        half,
        format!(
            "profile `half` (from AWS_PROFILE) sets aws_secret_access_key ({creds} line 2) but not aws_access_key_id"
        )
    );
    assert!(!half.contains(SECRET));
}

#[test]
fn credential_process() {
    let dir = TempDir::new();
    let out = dir.write(
        "out.json",
        &format!(
            r#"{{"Version": 1, "AccessKeyId": "PROCKEY", "SecretAccessKey": "{SECRET}", "SessionToken": "{TOKEN}", "Expiration": "2030-01-02T03:04:05Z", "Other": [1]}}"#
        ),
    );
    let bad = dir.write("bad.json", &format!(r#"{{"Version": 2, "AccessKeyId": "K", "SecretAccessKey": "{SECRET}"}}"#));
    let broken = dir.write("broken.json", &format!(r#"{{"Version": 1, "SecretAccessKey": "{SECRET}""#));
    let home = dir.home_files(
        &format!(
            "[default]\ncredential_process = cat {}\n[profile bad]\ncredential_process = cat {}\n\
             [profile broken]\ncredential_process = cat {}\n[profile fails]\ncredential_process = exit 3\n",
            out.display(),
            bad.display(),
            broken.display()
        ),
        "",
    );
    let creds = credentials(&load(home, &[]).unwrap()).unwrap();
    assert_eq!(
        (creds.access_key_id(), creds.secret_access_key(), creds.session_token()),
        ("PROCKEY", SECRET, Some(TOKEN))
    );
    assert_eq!(creds.expiry(), Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_893_553_445)));
    assert_eq!(creds.provider_name(), "credential_process");

    let config = dir.path(".aws/config");
    let error = |profile: &str| credentials(&load(home, &[("AWS_PROFILE", profile)]).unwrap()).unwrap_err().to_string();
    assert_eq!(
        error("bad"),
        format!("credential_process of profile `bad` (from AWS_PROFILE) ({config} line 4): its output has a Version other than 1")
    );
    let broken = error("broken");
    assert!(
        broken.starts_with(&format!(
            "credential_process of profile `broken` (from AWS_PROFILE) ({config} line 6): its output is not the expected JSON object"
        )),
        "{broken}"
    );
    assert!(!broken.contains(SECRET));
    assert_eq!(
        error("fails"),
        format!("credential_process of profile `fails` (from AWS_PROFILE) ({config} line 8) failed: exit status: 3")
    );
}

#[test]
fn providers_built_in_code() {
    let dir = TempDir::new();
    let config = dir.write("c", "[profile p]\naws_access_key_id = A\naws_secret_access_key = B\n");
    let provider = ProfileCredentialsProvider::with_files("p", &config, dir.0.join("absent"));
    let creds = block_on(provider.provide_credentials()).unwrap();
    assert_eq!((creds.access_key_id(), creds.secret_access_key()), ("A", "B"));
    let provider = ProfileCredentialsProvider::with_files("q", &config, dir.0.join("absent"));
    let error = block_on(provider.provide_credentials()).unwrap_err();
    assert!(!error.is_not_found());
    assert!(error.to_string().starts_with("profile `q` (from the configuration in code) is not in"));
}

#[test]
fn secrets_never_in_debug_or_errors() {
    let dir = TempDir::new();
    let home = dir.home_files(
        "",
        &format!(
            "[default]\naws_access_key_id = AKID\naws_secret_access_key = {SECRET}\naws_session_token = {TOKEN}\n"
        ),
    );
    let config = load(home, &[]).unwrap();
    let creds = credentials(&config).unwrap();
    assert_eq!(creds.secret_access_key(), SECRET);
    for text in [format!("{config:?}"), format!("{creds:?}"), format!("{:?}", config.to_builder())] {
        assert!(!text.contains(SECRET) && !text.contains(TOKEN), "{text}");
    }
    let config =
        Config::builder().credentials(Credentials::new("AKID", SECRET, Some(TOKEN.into()), None, "test")).build();
    let debug = format!("{config:?}");
    assert!(debug.contains("AKID") && !debug.contains(SECRET) && !debug.contains(TOKEN), "{debug}");
}

// ---------------------------------------------------------------------------------------
// The cache

/// Counts calls; answers with credentials expiring after `lifetime`, or fails while
/// `failing` is set.
#[derive(Debug)]
struct Counting {
    calls: AtomicUsize,
    lifetime: Option<Duration>,
    failing: std::sync::atomic::AtomicBool,
    delay: Duration,
}

impl Counting {
    fn new(lifetime: Option<Duration>) -> Arc<Self> {
        Arc::new(Counting { calls: AtomicUsize::new(0), lifetime, failing: false.into(), delay: Duration::ZERO })
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

impl ProvideCredentials for Counting {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        // A slow source: the callers that arrive meanwhile must wait for this refresh.
        std::thread::sleep(self.delay);
        let result = if self.failing.load(Ordering::SeqCst) {
            Err(CredentialsError::new("source down"))
        } else {
            let expiry = self.lifetime.map(|l| SystemTime::now() + l);
            Ok(Credentials::new(format!("KEY{n}"), "s", None, expiry, "counting"))
        };
        Box::pin(std::future::ready(result))
    }
}

fn key(cache: &CredentialsCache) -> Result<String, CredentialsError> {
    block_on(cache.provide_credentials()).map(|c| c.access_key_id().to_owned())
}

#[test]
fn cache_keeps_credentials_until_the_refresh_window() {
    let long = Counting::new(Some(Duration::from_secs(3600)));
    let cache = CredentialsCache::new(long.clone());
    assert_eq!(
        (key(&cache).unwrap(), key(&cache).unwrap(), key(&cache).unwrap()),
        ("KEY1".into(), "KEY1".into(), "KEY1".into())
    );
    assert_eq!(long.calls(), 1);

    // Credentials with less than the window left are refreshed at every call.
    let short = Counting::new(Some(Duration::from_secs(60)));
    let cache = CredentialsCache::new(short.clone());
    assert_eq!((key(&cache).unwrap(), key(&cache).unwrap()), ("KEY1".into(), "KEY2".into()));
    assert_eq!(short.calls(), 2);
    // With a narrower window the same credentials are kept.
    let cache = CredentialsCache::new(short.clone()).refresh_window(Duration::from_secs(30));
    assert_eq!((key(&cache).unwrap(), key(&cache).unwrap()), ("KEY3".into(), "KEY3".into()));

    let forever = Counting::new(None);
    let cache = CredentialsCache::new(forever.clone());
    for _ in 0..5 {
        assert_eq!(key(&cache).unwrap(), "KEY1");
    }
    assert_eq!(forever.calls(), 1);
}

#[test]
fn cache_does_not_keep_failures() {
    let source = Counting::new(Some(Duration::from_secs(3600)));
    source.failing.store(true, Ordering::SeqCst);
    let cache = CredentialsCache::new(source.clone());
    assert_eq!(key(&cache).unwrap_err().to_string(), "source down");
    assert_eq!(key(&cache).unwrap_err().to_string(), "source down");
    source.failing.store(false, Ordering::SeqCst);
    assert_eq!(key(&cache).unwrap(), "KEY3");
    assert_eq!(source.calls(), 3);
}

#[test]
fn cache_serves_unexpired_credentials_when_a_refresh_fails() {
    // Two minutes left: inside the window, so each call tries to refresh.
    let source = Counting::new(Some(Duration::from_secs(120)));
    let cache = CredentialsCache::new(source.clone());
    assert_eq!(key(&cache).unwrap(), "KEY1");
    source.failing.store(true, Ordering::SeqCst);
    assert_eq!(key(&cache).unwrap(), "KEY1");
    assert_eq!(source.calls(), 2);
    // Once they have expired, the error comes through.
    let source = Counting::new(Some(Duration::ZERO));
    let cache = CredentialsCache::new(source.clone());
    assert_eq!(key(&cache).unwrap(), "KEY1");
    source.failing.store(true, Ordering::SeqCst);
    assert_eq!(key(&cache).unwrap_err().to_string(), "source down");
}

#[test]
fn concurrent_callers_share_one_refresh() {
    let source = Arc::new(Counting {
        calls: AtomicUsize::new(0),
        lifetime: Some(Duration::from_secs(3600)),
        failing: false.into(),
        delay: Duration::from_millis(200),
    });
    let cache = Arc::new(CredentialsCache::new(source.clone()));
    let barrier = Arc::new(std::sync::Barrier::new(8));
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let (cache, barrier) = (cache.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                key(&cache)
            })
        })
        .collect();
    for thread in threads {
        assert_eq!(thread.join().unwrap().unwrap(), "KEY1");
    }
    assert_eq!(source.calls(), 1);
}

// ---------------------------------------------------------------------------------------
// The aws-config bridge

#[cfg(feature = "aws-config")]
mod sdk_config {
    use super::*;
    use aws_credential_types::provider::SharedCredentialsProvider;
    use aws_types::region::Region;
    use aws_types::service_config::{LoadServiceConfig, ServiceConfigKey};
    use aws_types::SdkConfig;

    /// Stands in for aws-config's loader of service-specific settings.
    #[derive(Debug)]
    struct ServiceSettings;

    impl LoadServiceConfig for ServiceSettings {
        fn load_config(&self, key: ServiceConfigKey<'_>) -> Option<String> {
            (key.service_id() == "Cost Explorer" && key.env() == "AWS_ENDPOINT_URL" && key.profile() == "endpoint_url")
                .then(|| "http://ce.sdk".to_owned())
        }
    }

    fn sdk() -> SdkConfig {
        let expiry = SystemTime::UNIX_EPOCH + Duration::from_secs(1_893_553_445);
        let credentials =
            aws_credential_types::Credentials::new("SDKKEY", SECRET, Some(TOKEN.into()), Some(expiry), "test");
        SdkConfig::builder()
            .region(Region::new("eu-central-1"))
            .credentials_provider(SharedCredentialsProvider::new(credentials))
            .endpoint_url("http://global.sdk")
            .use_fips(true)
            .use_dual_stack(true)
            .app_name(aws_types::app_name::AppName::new("my-app").unwrap())
            .retry_config(aws_types::sdk_config::RetryConfig::standard().with_max_attempts(6))
            .timeout_config(
                aws_types::sdk_config::TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(2))
                    .operation_timeout(Duration::from_secs(30))
                    .build(),
            )
            .service_config(ServiceSettings)
            .build()
    }

    #[test]
    fn settings_carry_over() {
        let config = Config::from_sdk_config(&sdk());
        assert_eq!(config.region(), Some("eu-central-1"));
        assert!(config.use_fips() && config.use_dual_stack());
        assert_eq!(config.app_name(), Some("my-app"));
        assert_eq!(config.retry().max_attempts, 6);
        let timeouts = config.timeouts();
        assert_eq!(
            (timeouts.connect, timeouts.attempt, timeouts.operation),
            (Some(Duration::from_secs(2)), None, Some(Duration::from_secs(30)))
        );
        assert_eq!(config.endpoint_url_for("Cost Explorer").as_deref(), Some("http://ce.sdk"));
        assert_eq!(config.endpoint_url_for("QuickSight").as_deref(), Some("http://global.sdk"));
        // Code still wins.
        let config = config.to_builder().endpoint_url("http://code").build();
        assert_eq!(config.endpoint_url_for("Cost Explorer").as_deref(), Some("http://code"));
        let bare = Config::from_sdk_config(&SdkConfig::builder().build());
        assert_eq!((bare.region(), bare.endpoint_url_for("S3"), bare.credentials().is_none()), (None, None, true));
    }

    #[test]
    fn credentials_come_through_without_leaking() {
        let config = Config::from_sdk_config(&sdk());
        let creds = credentials(&config).unwrap();
        assert_eq!(
            (creds.access_key_id(), creds.secret_access_key(), creds.session_token()),
            ("SDKKEY", SECRET, Some(TOKEN))
        );
        assert_eq!(creds.expiry(), Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_893_553_445)));
        assert_eq!(creds.provider_name(), "aws-config");
        let debug = format!("{config:?}");
        assert!(!debug.contains(SECRET) && !debug.contains(TOKEN), "{debug}");
    }

    #[test]
    fn provider_errors_pass_through() {
        #[derive(Debug)]
        struct Failing;
        impl aws_credential_types::provider::ProvideCredentials for Failing {
            fn provide_credentials<'a>(&'a self) -> aws_credential_types::provider::future::ProvideCredentials<'a>
            where
                Self: 'a,
            {
                aws_credential_types::provider::future::ProvideCredentials::ready(Err(
                    aws_credential_types::provider::error::CredentialsError::not_loaded("no source configured"),
                ))
            }
        }
        let provider = smithy_runtime::client::SdkCredentialsProvider::new(SharedCredentialsProvider::new(Failing));
        let error = block_on(provider.provide_credentials()).unwrap_err().to_string();
        assert!(error.starts_with("aws-config credentials provider: "), "{error}");
        assert!(error.ends_with("no source configured"), "{error}");
    }
}

#[test]
fn request_compression_and_checksum_settings() {
    use smithy_runtime::ChecksumCalculation;
    let tmp = TempDir::new();
    let home = tmp.home_files(
        "[default]\nrequest_min_compression_size_bytes = 100\nresponse_checksum_validation = when_required\n",
        "",
    );
    let config = load(home, &[]).unwrap();
    assert_eq!(config.request_options().request_compression(), Some(100));
    assert_eq!(config.request_options().checksum_calculation(), ChecksumCalculation::WhenSupported);
    assert_eq!(config.response_checksum_validation(), ChecksumCalculation::WhenRequired);

    let config = load(
        home,
        &[("AWS_DISABLE_REQUEST_COMPRESSION", "true"), ("AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED")],
    )
    .unwrap();
    assert_eq!(config.request_options().request_compression(), None);
    assert_eq!(config.request_options().checksum_calculation(), ChecksumCalculation::WhenRequired);

    let error = load_err(home, &[("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "10485761")]);
    assert!(error.contains("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES"), "{error}");
    let error = load_err(home, &[("AWS_RESPONSE_CHECKSUM_VALIDATION", "always")]);
    assert!(error.contains("AWS_RESPONSE_CHECKSUM_VALIDATION") && error.contains("when_supported"), "{error}");
}

#[test]
fn debug_hides_the_user_information_of_endpoint_urls() {
    let config = Config::builder().endpoint_url("https://user:s3cr3t@proxy.example.com:8443/base").build();
    let debug = format!("{config:?}");
    assert!(!debug.contains("s3cr3t") && !debug.contains("user:"), "{debug}");
    assert!(debug.contains("proxy.example.com:8443/base"), "{debug}");
}
