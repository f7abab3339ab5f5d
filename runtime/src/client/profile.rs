//! The shared AWS `config` and `credentials` files, read as the AWS SDKs and Tools
//! Reference Guide and the SDKs' shared parser test cases describe them:
//!
//! - A section starts with `[...]` in the first column. The config file has `[default]`,
//!   `[profile NAME]` (`[profile default]` wins over `[default]` when both are there),
//!   `[services NAME]` and `[sso-session NAME]`; the credentials file has `[NAME]` only.
//!   Sections of another form, or whose name has characters outside
//!   `[A-Za-z0-9_\-/.%@:+]`, are skipped with their properties.
//! - A property is `key = value` in the first column. Keys and values are trimmed of spaces
//!   and tabs; a `#` or `;` that follows a space or tab starts a comment, one glued to the
//!   value is part of it.
//! - An indented line continues the property above: its trimmed text is appended after a
//!   line break, comment characters included. When that property's own value is empty,
//!   indented lines are its sub-properties instead (`s3 =` then `  endpoint_url = ...`).
//! - Lines starting with `#` or `;` are comments; blank lines are skipped.
//! - The same section twice merges, the later value of a key wins; for a profile in both
//!   files, the credentials file's values win.
//!
//! A line that fits none of these is an error naming the file and line, never the line's
//! text (it may hold a secret).

use super::env::{expand_home, Env};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Which of the two shared files a text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    Config,
    Credentials,
}

/// Where a value was read: the file (as shown in messages) and its 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Origin {
    pub(crate) file: Arc<str>,
    pub(crate) line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}", self.file, self.line)
    }
}

/// One property: its value, its sub-properties, and where it was set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Property {
    pub(crate) value: String,
    pub(crate) sub: HashMap<String, (String, Origin)>,
    pub(crate) origin: Origin,
}

/// The properties of one section.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Section {
    properties: HashMap<String, Property>,
}

impl Section {
    /// A property's value and where it was set.
    pub(crate) fn get(&self, key: &str) -> Option<(&str, &Origin)> {
        self.properties.get(key).map(|p| (p.value.as_str(), &p.origin))
    }

    /// A property with its sub-properties.
    #[cfg(test)]
    pub(crate) fn property(&self, key: &str) -> Option<&Property> {
        self.properties.get(key)
    }

    /// Every property, by key.
    pub(crate) fn properties(&self) -> impl Iterator<Item = (&str, &Property)> {
        self.properties.iter().map(|(k, p)| (k.as_str(), p))
    }

    fn merge(&mut self, other: Section) {
        self.properties.extend(other.properties);
    }
}

/// The sections of both files, merged.
#[derive(Clone, Debug, Default)]
pub(crate) struct ProfileSet {
    profiles: HashMap<String, Section>,
    services: HashMap<String, Section>,
    // Parsed (and so checked) now; read by the IAM Identity Center provider to come.
    #[cfg_attr(not(test), allow(dead_code))]
    sso_sessions: HashMap<String, Section>,
}

impl ProfileSet {
    /// Merges the parsed files; the credentials file's values win.
    pub(crate) fn merge(config: ParsedFile, credentials: ParsedFile) -> Self {
        let mut set =
            ProfileSet { profiles: config.profiles, services: config.services, sso_sessions: config.sso_sessions };
        for (name, section) in credentials.profiles {
            set.profiles.entry(name).or_default().merge(section);
        }
        set
    }

    /// A profile.
    pub(crate) fn profile(&self, name: &str) -> Option<&Section> {
        self.profiles.get(name)
    }

    /// A `[services NAME]` section.
    pub(crate) fn services(&self, name: &str) -> Option<&Section> {
        self.services.get(name)
    }

    /// An `[sso-session NAME]` section.
    #[cfg(test)]
    pub(crate) fn sso_session(&self, name: &str) -> Option<&Section> {
        self.sso_sessions.get(name)
    }
}

/// A file that does not follow the format: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub(crate) origin: Origin,
    pub(crate) message: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// One file's sections.
#[derive(Clone, Debug, Default)]
pub(crate) struct ParsedFile {
    profiles: HashMap<String, Section>,
    services: HashMap<String, Section>,
    sso_sessions: HashMap<String, Section>,
}

/// The section the lines that follow belong to.
enum Target {
    /// Before any section header.
    None,
    /// A section that is skipped (unknown kind, or a name with invalid characters).
    Skipped,
    Profile(String),
    /// `[default]` in the config file, which `[profile default]` overrides.
    BareDefault,
    Services(String),
    SsoSession(String),
}

/// The property that indented lines continue.
enum Open {
    None,
    /// A property of a skipped section, or with an invalid key: its continuation lines are
    /// checked and dropped. `true` when its value was empty (so they are sub-properties).
    Skipped(bool),
    /// A kept property, by key; `true` when its value was empty.
    Key(String, bool),
}

const BLANKS: [char; 2] = [' ', '\t'];

fn is_identifier(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '.' | '%' | '@' | ':' | '+'))
}

/// A property value without its comment: `#` or `;` after a space or tab starts one.
fn strip_comment(value: &str) -> &str {
    let bytes = value.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if (b == b'#' || b == b';') && i > 0 && (bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') {
            return &value[..i];
        }
    }
    value
}

/// Parses one file's text; `file` names it in errors.
pub(crate) fn parse(text: &str, kind: FileKind, file: &Arc<str>) -> Result<ParsedFile, ParseError> {
    let mut out = ParsedFile::default();
    // `[default]` sections of the config file, kept apart until the end: they count only
    // when no `[profile default]` appears anywhere in the file.
    let mut bare_default: Option<Section> = None;
    let mut prefixed_default_seen = false;
    let mut target = Target::None;
    let mut open = Open::None;

    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let origin = || Origin { file: file.clone(), line: index + 1 };
        let error = |message| ParseError { origin: origin(), message };
        if line.trim_matches(BLANKS).is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            open = Open::None;
            let Some(close) = rest.find(']') else {
                return Err(error("a section header has no closing `]`"));
            };
            let after = rest[close + 1..].trim_start_matches(BLANKS);
            if !after.is_empty() && !after.starts_with(['#', ';']) {
                return Err(error("text after a section header's `]` that is not a comment"));
            }
            let inner = rest[..close].trim_matches(BLANKS);
            let split = inner.split_once(BLANKS).map(|(prefix, name)| (prefix, name.trim_matches(BLANKS)));
            target = match (kind, split) {
                (FileKind::Config, None) if inner == "default" => Target::BareDefault,
                (FileKind::Config, Some(("profile", name))) if is_identifier(name) => {
                    if name == "default" {
                        prefixed_default_seen = true;
                    }
                    Target::Profile(name.to_owned())
                }
                (FileKind::Config, Some(("services", name))) if is_identifier(name) => {
                    Target::Services(name.to_owned())
                }
                (FileKind::Config, Some(("sso-session", name))) if is_identifier(name) => {
                    Target::SsoSession(name.to_owned())
                }
                (FileKind::Credentials, None) if is_identifier(inner) => Target::Profile(inner.to_owned()),
                (FileKind::Credentials, Some(("sso-session", _))) => {
                    return Err(error(
                        "an `[sso-session ...]` section belongs in the config file, not the credentials file",
                    ));
                }
                _ => Target::Skipped,
            };
            // An empty section still exists (`[profile foo]` alone names a profile).
            match &target {
                Target::Profile(name) => {
                    out.profiles.entry(name.clone()).or_default();
                }
                Target::BareDefault => {
                    bare_default.get_or_insert_with(Section::default);
                }
                Target::Services(name) => {
                    out.services.entry(name.clone()).or_default();
                }
                Target::SsoSession(name) => {
                    out.sso_sessions.entry(name.clone()).or_default();
                }
                Target::None | Target::Skipped => {}
            }
            continue;
        }
        if line.starts_with(BLANKS) {
            let text = line.trim_matches(BLANKS);
            match &open {
                Open::None => return Err(error("an indented line that continues no property")),
                Open::Skipped(false) => {}
                Open::Skipped(true) | Open::Key(_, true) => {
                    let Some((key, value)) = text.split_once('=') else {
                        return Err(error("a sub-property line has no `=`"));
                    };
                    let key = key.trim_matches(BLANKS);
                    if key.is_empty() {
                        return Err(error("a sub-property has no name"));
                    }
                    if let (Open::Key(parent, _), true) = (&open, is_identifier(key)) {
                        let value = value.trim_matches(BLANKS).to_owned();
                        if let Some(property) =
                            section_mut(&mut out, &mut bare_default, &target).and_then(|s| s.properties.get_mut(parent))
                        {
                            property.sub.insert(key.to_owned(), (value, origin()));
                        }
                    }
                }
                Open::Key(parent, false) => {
                    if let Some(property) =
                        section_mut(&mut out, &mut bare_default, &target).and_then(|s| s.properties.get_mut(parent))
                    {
                        property.value.push('\n');
                        property.value.push_str(text);
                    }
                }
            }
            continue;
        }
        if matches!(target, Target::None) {
            return Err(error("a property before any section header"));
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(error("a property line has no `=`"));
        };
        let key = key.trim_matches(BLANKS);
        if key.is_empty() {
            return Err(error("a property has no name"));
        }
        let value = strip_comment(value).trim_matches(BLANKS);
        let empty = value.is_empty();
        match section_mut(&mut out, &mut bare_default, &target) {
            Some(section) if is_identifier(key) => {
                let property = Property { value: value.to_owned(), sub: HashMap::new(), origin: origin() };
                section.properties.insert(key.to_owned(), property);
                open = Open::Key(key.to_owned(), empty);
            }
            _ => open = Open::Skipped(empty),
        }
    }
    if let (Some(section), false) = (bare_default, prefixed_default_seen) {
        out.profiles.insert("default".to_owned(), section);
    }
    Ok(out)
}

fn section_mut<'a>(
    out: &'a mut ParsedFile,
    bare_default: &'a mut Option<Section>,
    target: &Target,
) -> Option<&'a mut Section> {
    match target {
        Target::None | Target::Skipped => None,
        Target::Profile(name) => out.profiles.get_mut(name),
        Target::BareDefault => bare_default.as_mut(),
        Target::Services(name) => out.services.get_mut(name),
        Target::SsoSession(name) => out.sso_sessions.get_mut(name),
    }
}

/// Where the shared files are and which profile to use, from code, then the environment,
/// then the defaults (`~/.aws/config`, `~/.aws/credentials`, profile `default`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Locations {
    pub(crate) profile: String,
    /// What chose the profile (`AWS_PROFILE`, or code); `None` for the default one, which
    /// may be absent without error.
    pub(crate) chosen_by: Option<&'static str>,
    pub(crate) config: Option<PathBuf>,
    pub(crate) credentials: Option<PathBuf>,
}

impl Locations {
    /// Resolves the locations; the arguments are the values set in code.
    pub(crate) fn resolve(
        env: &Env,
        home: Option<PathBuf>,
        profile: Option<&str>,
        config: Option<&Path>,
        credentials: Option<&Path>,
    ) -> Result<Self, String> {
        let get = |name: &str| env.get(name).map_err(|e| format!("environment variable {} is not valid UTF-8", e.0));
        let (profile, chosen_by) = match (profile, get("AWS_PROFILE")?) {
            (Some(name), _) => (name.to_owned(), Some("the configuration in code")),
            (None, Some(name)) => (name, Some("AWS_PROFILE")),
            (None, None) => ("default".to_owned(), None),
        };
        let home = home.or_else(|| env.home());
        let path = |code: Option<&Path>, var: &str, default: &str| -> Result<Option<PathBuf>, String> {
            Ok(match (code, get(var)?) {
                (Some(path), _) => Some(path.to_owned()),
                (None, Some(path)) => Some(expand_home(&path, home.as_ref())),
                (None, None) => home.as_ref().map(|h| h.join(".aws").join(default)),
            })
        };
        Ok(Locations {
            profile,
            chosen_by,
            config: path(config, "AWS_CONFIG_FILE", "config")?,
            credentials: path(credentials, "AWS_SHARED_CREDENTIALS_FILE", "credentials")?,
        })
    }

    /// The two files, for messages.
    pub(crate) fn describe_files(&self) -> String {
        match (&self.config, &self.credentials) {
            (Some(c), Some(k)) => format!("{} and {}", c.display(), k.display()),
            (Some(p), None) | (None, Some(p)) => {
                format!("{} (the other file has no location: no home folder in HOME or USERPROFILE)", p.display())
            }
            (None, None) => "no shared files (no home folder in HOME or USERPROFILE)".to_owned(),
        }
    }

    /// The profile, as a phrase for messages: "profile `dev` (from AWS_PROFILE)".
    pub(crate) fn describe_profile(&self) -> String {
        match self.chosen_by {
            Some(by) => format!("profile `{}` (from {by})", self.profile),
            None => format!("profile `{}`", self.profile),
        }
    }

    /// Reads and parses both files. A file that does not exist counts as empty, as in the
    /// SDKs; one that exists but cannot be read or parsed is an error.
    pub(crate) fn load(&self) -> Result<ProfileSet, String> {
        let read = |path: &Option<PathBuf>, kind| -> Result<ParsedFile, String> {
            let Some(path) = path else { return Ok(ParsedFile::default()) };
            let bytes = match std::fs::read(path) {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ParsedFile::default()),
                Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
            };
            let text = String::from_utf8(bytes).map_err(|e| {
                format!(
                    "{} is not UTF-8 text (invalid byte at offset {})",
                    path.display(),
                    e.utf8_error().valid_up_to()
                )
            })?;
            let name: Arc<str> = Arc::from(path.display().to_string());
            parse(&text, kind, &name).map_err(|e| e.to_string())
        };
        Ok(ProfileSet::merge(read(&self.config, FileKind::Config)?, read(&self.credentials, FileKind::Credentials)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(config: &str, credentials: &str) -> Result<ProfileSet, ParseError> {
        let c = parse(config, FileKind::Config, &Arc::from("config"))?;
        let k = parse(credentials, FileKind::Credentials, &Arc::from("credentials"))?;
        Ok(ProfileSet::merge(c, k))
    }

    fn config(text: &str) -> ProfileSet {
        files(text, "").unwrap()
    }

    fn value<'a>(set: &'a ProfileSet, profile: &str, key: &str) -> Option<&'a str> {
        set.profile(profile)?.get(key).map(|(v, _)| v)
    }

    fn error(config: &str, credentials: &str) -> String {
        files(config, credentials).unwrap_err().to_string()
    }

    #[test]
    fn sections_and_names() {
        let set = config("[profile \tfoo \t]\n[profile\tbar]\n[   profile baz    ]\nk = v\n[default]\n");
        assert!(set.profile("foo").is_some());
        assert!(set.profile("bar").is_some());
        assert_eq!(value(&set, "baz", "k"), Some("v"));
        assert!(set.profile("default").is_some());
        // Names with invalid characters, unknown prefixes, and bare names in the config file
        // are skipped along with their properties.
        let set = config("[profile in valid]\nx = 1\n[foo]\ny = 2\n[profilefoo]\nz = 3\n[bar baz]\nw = 4");
        assert!(set.profiles.is_empty());
        let set = config("[profile a-Z_0.9/x@y:z+%]\n[sso-session s]\nk = v\n[services svc]\n[sso-session]\nq = 1");
        assert!(set.profile("a-Z_0.9/x@y:z+%").is_some());
        assert_eq!(set.sso_session("s").and_then(|s| s.get("k")).map(|(v, _)| v), Some("v"));
        assert!(set.services("svc").is_some());
        assert_eq!(set.sso_sessions.len(), 1);
    }

    #[test]
    fn credentials_file_sections() {
        let set = files("", "[   foo    ]\nk = v\n[profile bar]\nj = w").unwrap();
        assert_eq!(value(&set, "foo", "k"), Some("v"));
        assert!(set.profile("bar").is_none());
        assert!(set.profile("profile bar").is_none());
        assert_eq!(
            error("", "[sso-session s]\nk = v"),
            "credentials line 1: an `[sso-session ...]` section belongs in the config file, not the credentials file"
        );
    }

    #[test]
    fn comments() {
        let set = config("# c\n; c\n[profile foo] # c\na = v # c # c\nb = v ; c\nc = v;glued\nd = v#glued\ne =\t# only\n[profile bar];c\n[profile baz]#c");
        assert_eq!(value(&set, "foo", "a"), Some("v"));
        assert_eq!(value(&set, "foo", "b"), Some("v"));
        assert_eq!(value(&set, "foo", "c"), Some("v;glued"));
        assert_eq!(value(&set, "foo", "d"), Some("v#glued"));
        assert_eq!(value(&set, "foo", "e"), Some(""));
        assert!(set.profile("bar").is_some() && set.profile("baz").is_some());
    }

    #[test]
    fn values() {
        let set = config("[profile foo]\r\nname \t=  \tval=ue \t\r\nempty =\nuni = 😂\n");
        assert_eq!(value(&set, "foo", "name"), Some("val=ue"));
        assert_eq!(value(&set, "foo", "empty"), Some(""));
        assert_eq!(value(&set, "foo", "uni"), Some("😂"));
        // Keys with invalid characters are skipped, the rest of the profile kept.
        let set = config("[profile foo]\nin valid = 1\nok = 2");
        assert_eq!(value(&set, "foo", "in valid"), None);
        assert_eq!(value(&set, "foo", "ok"), Some("2"));
    }

    #[test]
    fn continuations_and_sub_properties() {
        let set = config(
            "[default]\nname = value1\n value2 = 12 \n\n \t value3 # kept ; kept\nname2 = v\nname3 =\n a = 1\n\t \n b = 2 # kept\n in valid = 3",
        );
        assert_eq!(value(&set, "default", "name"), Some("value1\nvalue2 = 12\nvalue3 # kept ; kept"));
        assert_eq!(value(&set, "default", "name2"), Some("v"));
        let name3 = set.profile("default").and_then(|p| p.property("name3")).unwrap();
        assert_eq!(name3.value, "");
        assert_eq!(name3.sub.get("a").map(|(v, o)| (v.as_str(), o.line)), Some(("1", 8)));
        assert_eq!(name3.sub.get("b").map(|(v, _)| v.as_str()), Some("2 # kept"));
        assert_eq!(name3.sub.len(), 2);
    }

    #[test]
    fn services_section() {
        let set = config(
            "[default]\nservices = my-services\n[services my-services]\ns3 =\n\tendpoint_url = https://s3.example\n",
        );
        assert_eq!(value(&set, "default", "services"), Some("my-services"));
        let s3 = set.services("my-services").and_then(|s| s.property("s3")).unwrap();
        assert_eq!(s3.sub.get("endpoint_url").map(|(v, _)| v.as_str()), Some("https://s3.example"));
    }

    #[test]
    fn duplicates_merge_and_last_wins() {
        let set = config("[profile foo]\na = 1\nb = 1\n[profile foo]\nb = 2\nc = 2");
        assert_eq!(
            (value(&set, "foo", "a"), value(&set, "foo", "b"), value(&set, "foo", "c")),
            (Some("1"), Some("2"), Some("2"))
        );
    }

    #[test]
    fn prefixed_default_wins_over_bare_default() {
        for text in ["[profile default]\na = 1\n[default]\nb = 2", "[default]\nb = 2\n[profile default]\na = 1"] {
            let set = config(text);
            assert_eq!((value(&set, "default", "a"), value(&set, "default", "b")), (Some("1"), None), "{text}");
        }
        let set = config("[default]\nb = 2");
        assert_eq!(value(&set, "default", "b"), Some("2"));
    }

    #[test]
    fn credentials_file_wins_over_config_file() {
        let set =
            files("[profile foo]\na = config\nb = config\n[default]\nregion = r", "[foo]\nb = creds\n[default]\nk = 1")
                .unwrap();
        assert_eq!(value(&set, "foo", "a"), Some("config"));
        assert_eq!(value(&set, "foo", "b"), Some("creds"));
        assert_eq!(
            set.profile("foo").and_then(|p| p.get("b")).map(|(_, o)| o.file.to_string()),
            Some("credentials".into())
        );
        assert_eq!((value(&set, "default", "region"), value(&set, "default", "k")), (Some("r"), Some("1")));
    }

    #[test]
    fn errors_name_file_and_line_but_not_text() {
        assert_eq!(error("[profile foo", ""), "config line 1: a section header has no closing `]`");
        assert_eq!(
            error("[profile foo] x", ""),
            "config line 1: text after a section header's `]` that is not a comment"
        );
        assert_eq!(error("\n\nname = value", ""), "config line 3: a property before any section header");
        assert_eq!(error("[profile foo]\nkey : secretvalue", ""), "config line 2: a property line has no `=`");
        assert_eq!(error("[profile foo]\n= value", ""), "config line 2: a property has no name");
        assert_eq!(error(" -continued", ""), "config line 1: an indented line that continues no property");
        assert_eq!(
            error("[profile foo]\n -continued", ""),
            "config line 2: an indented line that continues no property"
        );
        assert_eq!(
            error("[profile foo]\nname = value\n[profile foo]\n -c", ""),
            "config line 4: an indented line that continues no property"
        );
        assert_eq!(error("[profile foo]\ns3 =\n secretvalue", ""), "config line 3: a sub-property line has no `=`");
        assert_eq!(error("[profile foo]\ns3 =\n = value", ""), "config line 3: a sub-property has no name");
        assert_eq!(error("", "[foo]\naws_secret_access_key secret"), "credentials line 2: a property line has no `=`");
        // A skipped section is still read strictly.
        assert_eq!(error("[unknown x]\nbroken", ""), "config line 2: a property line has no `=`");
    }
}
