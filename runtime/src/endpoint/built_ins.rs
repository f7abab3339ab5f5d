//! The built-in parameter values: what a client's configuration gives every rule set.

use super::ParamValue;

/// The values of the rules engine's built-in parameters, which a client's configuration
/// gives the rule set of every service it calls. A rule-set parameter bound to a built-in
/// (`AWS::Region`, `SDK::Endpoint`, …) takes its value from here, unless the operation
/// binds a more specific one. Unset fields leave the parameter to its default.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BuiltIns {
    /// `AWS::Region`: the region to send requests to.
    pub region: Option<String>,
    /// `AWS::UseFIPS`: use FIPS endpoints.
    pub use_fips: Option<bool>,
    /// `AWS::UseDualStack`: use dual-stack (IPv4 and IPv6) endpoints.
    pub use_dual_stack: Option<bool>,
    /// `SDK::Endpoint`: a custom endpoint URL, which most rule sets use as it is.
    pub endpoint: Option<String>,
    /// `AWS::Auth::AccountId`: the account of the credentials, for account-based endpoints.
    pub account_id: Option<String>,
    /// `AWS::Auth::AccountIdEndpointMode`: `preferred`, `required` or `disabled`.
    pub account_id_endpoint_mode: Option<String>,
    /// `AWS::Auth::CredentialScope`: the credential scope of the credentials.
    pub credential_scope: Option<String>,
    /// `AWS::S3::Accelerate`: use S3 Transfer Acceleration.
    pub s3_accelerate: Option<bool>,
    /// `AWS::S3::DisableMultiRegionAccessPoints`.
    pub s3_disable_multi_region_access_points: Option<bool>,
    /// `AWS::S3::ForcePathStyle`: address buckets in the path, not the host.
    pub s3_force_path_style: Option<bool>,
    /// `AWS::S3::UseArnRegion`: use the region of an ARN rather than the client's.
    pub s3_use_arn_region: Option<bool>,
    /// `AWS::S3::UseGlobalEndpoint`: send `us-east-1` requests to the global endpoint.
    pub s3_use_global_endpoint: Option<bool>,
    /// `AWS::S3Control::UseArnRegion`: as `s3_use_arn_region`, for S3 Control.
    pub s3_control_use_arn_region: Option<bool>,
    /// `AWS::STS::UseGlobalEndpoint`: send STS requests to the global endpoint.
    pub sts_use_global_endpoint: Option<bool>,
}

impl BuiltIns {
    /// The built-ins this runtime knows, by name.
    pub const NAMES: &'static [&'static str] = &[
        "AWS::Region",
        "AWS::UseFIPS",
        "AWS::UseDualStack",
        "SDK::Endpoint",
        "AWS::Auth::AccountId",
        "AWS::Auth::AccountIdEndpointMode",
        "AWS::Auth::CredentialScope",
        "AWS::S3::Accelerate",
        "AWS::S3::DisableMultiRegionAccessPoints",
        "AWS::S3::ForcePathStyle",
        "AWS::S3::UseArnRegion",
        "AWS::S3::UseGlobalEndpoint",
        "AWS::S3Control::UseArnRegion",
        "AWS::STS::UseGlobalEndpoint",
    ];

    /// The values of a configuration that sets only the region; set other fields on the
    /// result (the struct is `non_exhaustive`, so that built-ins can be added).
    pub fn for_region(region: impl Into<String>) -> Self {
        Self { region: Some(region.into()), ..Self::default() }
    }

    /// The value of the built-in named `name` (`AWS::Region`), if it is set; `None` for
    /// a built-in this runtime does not know.
    pub fn value(&self, name: &str) -> Option<ParamValue<'_>> {
        fn text(value: &Option<String>) -> Option<ParamValue<'_>> {
            value.as_deref().map(ParamValue::String)
        }
        fn flag(value: &Option<bool>) -> Option<ParamValue<'_>> {
            value.map(ParamValue::Bool)
        }
        match name {
            "AWS::Region" => text(&self.region),
            "AWS::UseFIPS" => flag(&self.use_fips),
            "AWS::UseDualStack" => flag(&self.use_dual_stack),
            "SDK::Endpoint" => text(&self.endpoint),
            "AWS::Auth::AccountId" => text(&self.account_id),
            "AWS::Auth::AccountIdEndpointMode" => text(&self.account_id_endpoint_mode),
            "AWS::Auth::CredentialScope" => text(&self.credential_scope),
            "AWS::S3::Accelerate" => flag(&self.s3_accelerate),
            "AWS::S3::DisableMultiRegionAccessPoints" => flag(&self.s3_disable_multi_region_access_points),
            "AWS::S3::ForcePathStyle" => flag(&self.s3_force_path_style),
            "AWS::S3::UseArnRegion" => flag(&self.s3_use_arn_region),
            "AWS::S3::UseGlobalEndpoint" => flag(&self.s3_use_global_endpoint),
            "AWS::S3Control::UseArnRegion" => flag(&self.s3_control_use_arn_region),
            "AWS::STS::UseGlobalEndpoint" => flag(&self.sts_use_global_endpoint),
            _ => None,
        }
    }

    /// Sets the built-in named `name` (`AWS::Region`) to `value`; `false`, changing nothing,
    /// for a built-in this runtime does not know or a value of the wrong type.
    pub fn set(&mut self, name: &str, value: ParamValue<'_>) -> bool {
        let (text, flag) = match value {
            ParamValue::String(s) => (Some(s.to_owned()), None),
            ParamValue::Bool(b) => (None, Some(b)),
            ParamValue::StringArray(_) => return false,
        };
        let slot_text = match name {
            "AWS::Region" => Some(&mut self.region),
            "SDK::Endpoint" => Some(&mut self.endpoint),
            "AWS::Auth::AccountId" => Some(&mut self.account_id),
            "AWS::Auth::AccountIdEndpointMode" => Some(&mut self.account_id_endpoint_mode),
            "AWS::Auth::CredentialScope" => Some(&mut self.credential_scope),
            _ => None,
        };
        if let Some(slot) = slot_text {
            return text.map(|t| *slot = Some(t)).is_some();
        }
        let slot_flag = match name {
            "AWS::UseFIPS" => &mut self.use_fips,
            "AWS::UseDualStack" => &mut self.use_dual_stack,
            "AWS::S3::Accelerate" => &mut self.s3_accelerate,
            "AWS::S3::DisableMultiRegionAccessPoints" => &mut self.s3_disable_multi_region_access_points,
            "AWS::S3::ForcePathStyle" => &mut self.s3_force_path_style,
            "AWS::S3::UseArnRegion" => &mut self.s3_use_arn_region,
            "AWS::S3::UseGlobalEndpoint" => &mut self.s3_use_global_endpoint,
            "AWS::S3Control::UseArnRegion" => &mut self.s3_control_use_arn_region,
            "AWS::STS::UseGlobalEndpoint" => &mut self.sts_use_global_endpoint,
            _ => return false,
        };
        flag.map(|f| *slot_flag = Some(f)).is_some()
    }

    /// The string value of a built-in, owned (for a generated `Params` field).
    pub fn string(&self, name: &str) -> Option<String> {
        match self.value(name)? {
            ParamValue::String(s) => Some(s.to_owned()),
            _ => None,
        }
    }

    /// The boolean value of a built-in.
    pub fn flag(&self, name: &str) -> Option<bool> {
        match self.value(name)? {
            ParamValue::Bool(b) => Some(b),
            _ => None,
        }
    }
}
