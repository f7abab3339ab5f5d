//! Where settings come from: the process environment, or a map given in its place (tests,
//! and callers who keep their settings elsewhere), and where the shared files are.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;

/// The environment variables settings are read from.
#[derive(Clone, Debug, Default)]
pub(crate) enum Env {
    /// The process environment, read when asked (not copied), as the SDKs do.
    #[default]
    Process,
    /// A fixed set of variables in place of the process environment.
    Map(Arc<BTreeMap<String, String>>),
}

/// An environment variable that is set but not Unicode: its value is never shown.
#[derive(Debug)]
pub(crate) struct NotUnicode(pub(crate) String);

impl Env {
    /// A fixed environment.
    pub(crate) fn from_vars<K: Into<String>, V: Into<String>>(vars: impl IntoIterator<Item = (K, V)>) -> Self {
        Env::Map(Arc::new(vars.into_iter().map(|(k, v)| (k.into(), v.into())).collect()))
    }

    /// The variable's value; an empty value counts as unset, as `export AWS_REGION=` in a
    /// shell means to clear it.
    pub(crate) fn get(&self, name: &str) -> Result<Option<String>, NotUnicode> {
        let value = match self {
            Env::Process => match std::env::var(name) {
                Ok(value) => Some(value),
                Err(std::env::VarError::NotPresent) => None,
                Err(std::env::VarError::NotUnicode(_)) => return Err(NotUnicode(name.to_owned())),
            },
            Env::Map(map) => map.get(name).cloned(),
        };
        Ok(value.filter(|v| !v.is_empty()))
    }

    /// Every non-empty variable whose name starts with `prefix`, as (name, value); names or
    /// values that are not Unicode are skipped, as no setting of ours can be spelt so.
    pub(crate) fn with_prefix(&self, prefix: &str) -> Vec<(String, String)> {
        match self {
            Env::Process => std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .filter(|(k, v)| k.starts_with(prefix) && !v.is_empty())
                .collect(),
            Env::Map(map) => map
                .range(prefix.to_owned()..)
                .take_while(|(k, _)| k.starts_with(prefix))
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        }
    }

    /// The home folder: `HOME`, then `USERPROFILE`, then `HOMEDRIVE` + `HOMEPATH` (the
    /// order the SDKs' file-location rules give).
    pub(crate) fn home(&self) -> Option<PathBuf> {
        let get = |name: &str| self.get(name).ok().flatten();
        if let Some(home) = get("HOME").or_else(|| get("USERPROFILE")) {
            return Some(PathBuf::from(home));
        }
        match (get("HOMEDRIVE"), get("HOMEPATH")) {
            (Some(drive), Some(path)) => {
                let mut joined = OsString::from(drive);
                joined.push(path);
                Some(PathBuf::from(joined))
            }
            _ => None,
        }
    }
}

/// `~/…` (or `~\…`) in a configured path means the home folder, as in the SDKs.
pub(crate) fn expand_home(path: &str, home: Option<&PathBuf>) -> PathBuf {
    if let (Some(rest), Some(home)) = (path.strip_prefix("~/").or_else(|| path.strip_prefix("~\\")), home) {
        return home.join(rest);
    }
    if path == "~" {
        if let Some(home) = home {
            return home.clone();
        }
    }
    PathBuf::from(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_are_unset_and_prefix_scan_is_exact() {
        let env = Env::from_vars([
            ("AWS_REGION", ""),
            ("AWS_ENDPOINT_URL", "http://a"),
            ("AWS_ENDPOINT_URL_S3", "http://b"),
            ("AWS_ENDPOINT_URLX", "http://c"),
            ("AWS_ENDPOINT_URM", "http://d"),
        ]);
        assert_eq!(env.get("AWS_REGION").unwrap(), None);
        let found = env.with_prefix("AWS_ENDPOINT_URL_");
        assert_eq!(found, vec![("AWS_ENDPOINT_URL_S3".to_owned(), "http://b".to_owned())]);
    }

    #[test]
    fn home_order() {
        let env = Env::from_vars([("USERPROFILE", "/u"), ("HOME", "/h")]);
        assert_eq!(env.home(), Some(PathBuf::from("/h")));
        let env = Env::from_vars([("USERPROFILE", "/u"), ("HOMEDRIVE", "C:"), ("HOMEPATH", "\\x")]);
        assert_eq!(env.home(), Some(PathBuf::from("/u")));
        let env = Env::from_vars([("HOMEDRIVE", "C:"), ("HOMEPATH", "\\x")]);
        assert_eq!(env.home(), Some(PathBuf::from("C:\\x")));
        assert_eq!(Env::from_vars([("HOMEDRIVE", "C:")]).home(), None);
    }

    #[test]
    fn tilde_expansion() {
        let home = PathBuf::from("/h");
        assert_eq!(expand_home("~/a/b", Some(&home)), PathBuf::from("/h/a/b"));
        assert_eq!(expand_home("~", Some(&home)), home);
        assert_eq!(expand_home("~user/a", Some(&home)), PathBuf::from("~user/a"));
        assert_eq!(expand_home("~/a", None), PathBuf::from("~/a"));
    }
}
