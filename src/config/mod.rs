//! Settings: `diplint.toml` (or `.diplint.toml`), found by walking up from the file being
//! linted, and the same keys sent by an editor. A broken file is an error with its path, line
//! and reason, never a silent default.

use crate::rules::{self, Severity};
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub const FILE_NAMES: [&str; 2] = ["diplint.toml", ".diplint.toml"];
pub const DEFAULT_MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
pub const BUILT_IN_STYLES: [&str; 4] = ["none", "un", "eu", "ap"];

/// The date style a document should use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateFormat {
    #[default]
    Any,
    Dmy,
    Mdy,
    Iso,
}

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        if s == "off" {
            Some(Level::Off)
        } else {
            Severity::parse(s).map(Level::On)
        }
    }
}

/// A text the team accepts, for some rules or all.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ignore {
    pub text: String,
    #[serde(default)]
    pub rules: Vec<String>,
}

/// The config file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    style: Option<toml::Spanned<String>>,
    date_format: Option<toml::Spanned<String>>,
    document_date: Option<toml::Spanned<String>>,
    #[serde(default)]
    registry: Vec<String>,
    #[serde(default)]
    include: Vec<toml::Spanned<String>>,
    #[serde(default)]
    exclude: Vec<toml::Spanned<String>>,
    max_file_bytes: Option<u64>,
    #[serde(default)]
    rules: BTreeMap<String, toml::Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Ignore>,
}

/// Resolved settings for checking a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub style: String,
    pub date_format: DateFormat,
    pub document_date: Option<Date>,
    /// Overlay files, resolved against the config's folder.
    pub registry: Vec<PathBuf>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub max_file_bytes: u64,
    pub rules: BTreeMap<String, Level>,
    pub ignore: Vec<Ignore>,
    /// The config file these settings came from, if any.
    pub path: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            style: "none".into(),
            date_format: DateFormat::Any,
            document_date: None,
            registry: Vec::new(),
            include: Vec::new(),
            exclude: Vec::new(),
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            rules: BTreeMap::new(),
            ignore: Vec::new(),
            path: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl std::error::Error for ConfigError {}

impl Settings {
    /// The level of a rule: the config's (exact id, then its area), else the rule's default.
    pub fn level(&self, rule: &rules::RuleInfo) -> Level {
        let area = rule.id.split('/').next().unwrap_or("");
        self.rules
            .get(rule.id)
            .or_else(|| self.rules.get(area))
            .or_else(|| self.rules.get(&format!("{area}/*")))
            .copied()
            .unwrap_or(Level::On(rule.severity))
    }

    /// Reads a config file.
    pub fn load(path: &Path) -> Result<Settings, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: format!("cannot read config: {e}"),
        })?;
        Self::parse(&text, path)
    }

    /// Parses config text; `path` names the file in errors and anchors relative paths.
    pub fn parse(text: &str, path: &Path) -> Result<Settings, ConfigError> {
        let error = |offset: usize, message: String| {
            let (line, column) = crate::registry::load_line_col(text, offset);
            ConfigError {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            error(
                e.span().map_or(0, |s| s.start),
                e.message().trim().to_string(),
            )
        })?;
        let mut s = Settings {
            path: Some(path.to_path_buf()),
            ..Settings::default()
        };
        if let Some(style) = file.style {
            s.style = style.get_ref().clone();
        }
        if let Some(df) = file.date_format {
            s.date_format = parse_date_format(df.get_ref()).ok_or_else(|| {
                error(
                    df.span().start,
                    format!(
                        "unknown date_format '{}' (any, dmy, mdy, iso)",
                        df.get_ref()
                    ),
                )
            })?;
        }
        if let Some(d) = file.document_date {
            s.document_date = Some(d.get_ref().parse().map_err(|_| {
                error(
                    d.span().start,
                    format!("document_date '{}' is not a date (YYYY-MM-DD)", d.get_ref()),
                )
            })?);
        }
        let base = path.parent().unwrap_or(Path::new("."));
        s.registry = file.registry.iter().map(|r| base.join(r)).collect();
        for glob in file.include.iter().chain(&file.exclude) {
            globset::Glob::new(glob.get_ref()).map_err(|e| {
                error(
                    glob.span().start,
                    format!("bad glob '{}': {e}", glob.get_ref()),
                )
            })?;
        }
        s.include = file.include.into_iter().map(|g| g.into_inner()).collect();
        s.exclude = file.exclude.into_iter().map(|g| g.into_inner()).collect();
        if let Some(max) = file.max_file_bytes {
            s.max_file_bytes = max;
        }
        for (rule, level) in &file.rules {
            let parsed = Level::parse(level.get_ref()).ok_or_else(|| {
                error(
                    level.span().start,
                    format!(
                        "rule '{rule}': unknown level '{}' (error, warning, info, hint, off)",
                        level.get_ref()
                    ),
                )
            })?;
            if !is_rule_selector(rule) {
                let at = text.find(rule.as_str()).unwrap_or(level.span().start);
                return Err(error(
                    at,
                    format!("unknown rule '{rule}' (see `diplint explain`)"),
                ));
            }
            s.rules.insert(rule.clone(), parsed);
        }
        s.ignore = file.ignore;
        Ok(s)
    }

    /// Checks that the style names a built-in profile or one the registry defines.
    pub fn check_style(&self, registry: &crate::registry::Registry) -> Result<(), String> {
        if BUILT_IN_STYLES.contains(&self.style.as_str())
            || registry.styles.iter().any(|s| s.name == self.style)
        {
            Ok(())
        } else {
            Err(format!(
                "unknown style '{}' (none, un, eu, ap, or a profile defined in a registry overlay)",
                self.style
            ))
        }
    }

    /// Applies settings sent by an editor (JSON, the keys of the config file, in snake_case or
    /// camelCase); they win over the file. Returns what was wrong, if anything.
    pub fn apply_client(&mut self, value: &serde_json::Value) -> Vec<String> {
        let mut problems = Vec::new();
        let Some(map) = value.as_object() else {
            return problems;
        };
        let get = |snake: &str, camel: &str| {
            map.get(snake)
                .or_else(|| map.get(camel))
                .filter(|v| !v.is_null())
        };
        if let Some(v) = get("style", "style").and_then(|v| v.as_str())
            && !v.is_empty()
        {
            self.style = v.to_string();
        }
        if let Some(v) = get("date_format", "dateFormat").and_then(|v| v.as_str()) {
            match parse_date_format(v) {
                Some(f) => self.date_format = f,
                None => problems.push(format!("unknown dateFormat '{v}'")),
            }
        }
        if let Some(v) = get("document_date", "documentDate").and_then(|v| v.as_str()) {
            if v.is_empty() {
                self.document_date = None;
            } else {
                match v.parse() {
                    Ok(d) => self.document_date = Some(d),
                    Err(_) => {
                        problems.push(format!("documentDate '{v}' is not a date (YYYY-MM-DD)"))
                    }
                }
            }
        }
        if let Some(rules) = get("rules", "rules").and_then(|v| v.as_object()) {
            for (rule, level) in rules {
                match level.as_str().and_then(Level::parse) {
                    Some(l) if is_rule_selector(rule) => {
                        self.rules.insert(rule.clone(), l);
                    }
                    _ => problems.push(format!(
                        "rules.{rule}: expected a known rule and error, warning, info, hint or off"
                    )),
                }
            }
        }
        if let Some(ignore) = get("ignore", "ignore") {
            match serde_json::from_value::<Vec<Ignore>>(ignore.clone()) {
                Ok(list) => self.ignore.extend(list),
                Err(e) => problems.push(format!("ignore: {e}")),
            }
        }
        problems
    }
}

fn parse_date_format(s: &str) -> Option<DateFormat> {
    Some(match s {
        "any" => DateFormat::Any,
        "dmy" => DateFormat::Dmy,
        "mdy" => DateFormat::Mdy,
        "iso" => DateFormat::Iso,
        _ => return None,
    })
}

/// A rule id, an area ("person"), or an area wildcard ("person/*").
fn is_rule_selector(s: &str) -> bool {
    let all = rules::all_rules();
    let area = s.strip_suffix("/*").unwrap_or(s);
    all.iter()
        .any(|r| r.id == s || r.id.split('/').next() == Some(area))
}

/// The nearest config file at or above `dir`. A config name that cannot be read as a file (a
/// symbolic link to itself or to nothing) is found too, so that loading it reports why, rather
/// than the settings silently falling back to the defaults.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    let mut dir = Some(dir);
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let candidate = d.join(name);
            let is_entry = std::fs::symlink_metadata(&candidate).is_ok();
            if is_entry && !candidate.is_dir() {
                return Some(candidate);
            }
        }
        dir = d.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let text = r#"
style = "un"
date_format = "dmy"
document_date = "2021-09-24"
registry = ["team.toml"]
exclude = ["drafts/**"]
max_file_bytes = 1000
[rules]
"date/format" = "off"
person = "warning"
[[ignore]]
text = "Jake Sullivan"
rules = ["person/misspelled"]
"#;
        let s = Settings::parse(text, Path::new("/r/diplint.toml")).unwrap();
        assert_eq!(s.style, "un");
        assert_eq!(s.date_format, DateFormat::Dmy);
        assert_eq!(s.document_date, Some(jiff::civil::date(2021, 9, 24)));
        assert_eq!(s.registry, vec![PathBuf::from("/r/team.toml")]);
        assert_eq!(s.max_file_bytes, 1000);
        assert_eq!(s.level(&rules::date::FORMAT), Level::Off);
        assert_eq!(
            s.level(&rules::person::NOT_IN_OFFICE),
            Level::On(Severity::Warning)
        );
        assert_eq!(
            s.level(&rules::country::MISSPELLED),
            Level::On(Severity::Error)
        );
        assert_eq!(s.ignore[0].text, "Jake Sullivan");
    }

    #[test]
    fn errors_name_line_and_reason() {
        let cases = [
            ("stlye = \"un\"\n", 1, "unknown field"),
            ("\n\ndate_format = \"ymd\"\n", 3, "unknown date_format"),
            ("document_date = \"24/09/2021\"\n", 1, "not a date"),
            ("[rules]\n\"date/nonsense\" = \"off\"\n", 2, "unknown rule"),
            ("[rules]\n\"date/format\" = \"loud\"\n", 2, "unknown level"),
            ("style = [\n", 1, ""),
        ];
        for (text, line, reason) in cases {
            let err = Settings::parse(text, Path::new("diplint.toml")).unwrap_err();
            assert_eq!(err.line, line, "{err}");
            assert!(err.message.contains(reason), "{err}");
            assert!(err.to_string().starts_with("diplint.toml:"), "{err}");
        }
    }

    #[test]
    #[cfg(unix)]
    fn a_config_linked_to_itself_is_found_and_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("diplint.toml");
        std::os::unix::fs::symlink("diplint.toml", &path).unwrap();
        assert_eq!(find_config(dir.path()), Some(path.clone()));
        let err = Settings::load(&path).unwrap_err();
        assert!(err.message.contains("cannot read config"), "{err}");
    }

    #[test]
    fn client_settings_win_and_accept_camel_case() {
        let mut s = Settings::default();
        let problems = s.apply_client(&serde_json::json!({
            "documentDate": "2022-03-01", "style": "un", "rules": {"date/format": "off"}, "dateFormat": "nope"
        }));
        assert_eq!(s.document_date, Some(jiff::civil::date(2022, 3, 1)));
        assert_eq!(s.style, "un");
        assert_eq!(s.level(&rules::date::FORMAT), Level::Off);
        assert_eq!(problems.len(), 1);
    }
}
