//! What `diplint check` is asked to read: files named, folders walked (honouring `.gitignore`
//! and the config's include/exclude globs), stdin.

use crate::config::{self, Settings};
use crate::document::DocKind;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Stdin {
        name: String,
    },
    File {
        path: PathBuf,
        shown: String,
    },
    /// A path that could not be walked or does not exist.
    Missing {
        shown: String,
        reason: String,
    },
}

impl Input {
    pub fn shown(&self) -> &str {
        match self {
            Input::Stdin { name } => name,
            Input::File { shown, .. } | Input::Missing { shown, .. } => shown,
        }
    }
}

/// Settings per folder, read once: the nearest config file wins.
#[derive(Default)]
pub struct ConfigCache {
    explicit: Option<Result<Settings, config::ConfigError>>,
    by_dir: HashMap<PathBuf, Result<Settings, config::ConfigError>>,
}

impl ConfigCache {
    pub fn new(explicit: Option<&Path>) -> ConfigCache {
        ConfigCache {
            explicit: explicit.map(Settings::load),
            by_dir: HashMap::new(),
        }
    }

    /// The settings for a file in `dir`.
    pub fn for_dir(&mut self, dir: &Path) -> Result<Settings, config::ConfigError> {
        if let Some(explicit) = &self.explicit {
            return explicit.clone();
        }
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        self.by_dir
            .entry(dir.clone())
            .or_insert_with(|| match config::find_config(&dir) {
                Some(path) => Settings::load(&path),
                None => Ok(Settings::default()),
            })
            .clone()
    }
}

fn globs(patterns: &[String]) -> Option<GlobSet> {
    if patterns.is_empty() {
        return None;
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        if let Ok(g) = Glob::new(p) {
            b.add(g);
        }
    }
    b.build().ok()
}

/// Whether the config's include/exclude globs keep `path` (matched relative to the config's folder).
fn kept(settings: &Settings, path: &Path) -> bool {
    let base = settings
        .path
        .as_ref()
        .and_then(|p| p.parent())
        .map(|p| std::path::absolute(p).unwrap_or(p.to_path_buf()));
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let rel = base
        .as_ref()
        .and_then(|b| abs.strip_prefix(b).ok())
        .unwrap_or(&abs);
    if let Some(ex) = globs(&settings.exclude)
        && ex.is_match(rel)
    {
        return false;
    }
    match globs(&settings.include) {
        Some(inc) => inc.is_match(rel),
        None => true,
    }
}

/// Expands the command line's paths into inputs, sorted by shown path.
pub fn collect(
    paths: &[PathBuf],
    stdin_name: Option<&str>,
    configs: &mut ConfigCache,
) -> Vec<Input> {
    let mut inputs = Vec::new();
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin {
                name: stdin_name.unwrap_or("-").to_string(),
            });
            continue;
        }
        let shown = path.display().to_string();
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                inputs.push(Input::Missing {
                    shown,
                    reason: io_reason(&e),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            // A file named on the command line is checked whatever its extension.
            inputs.push(Input::File {
                path: path.clone(),
                shown,
            });
            continue;
        }
        let walker = ignore::WalkBuilder::new(path)
            .require_git(false)
            .hidden(true)
            .build();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    let p = e.path();
                    if DocKind::from_path(p).is_none() {
                        continue;
                    }
                    let dir = p.parent().unwrap_or(Path::new("."));
                    let keep = match configs.for_dir(dir) {
                        Ok(s) => kept(&s, p),
                        Err(_) => true, // the broken config is reported when the file is checked
                    };
                    if keep {
                        inputs.push(Input::File {
                            path: p.to_path_buf(),
                            shown: p.display().to_string(),
                        });
                    }
                }
                Ok(_) => {}
                Err(e) => inputs.push(Input::Missing {
                    shown: shown.clone(),
                    reason: e.to_string(),
                }),
            }
        }
    }
    inputs.sort_by(|a, b| a.shown().cmp(b.shown()));
    inputs.dedup();
    inputs
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
