//! What a document is checked with: the settings of its `diplint.toml` with the client's values
//! on top, and the engine for the registry those settings name (the embedded one, or the
//! embedded one with the config's overlays).
//!
//! Config files are read once and kept until a watched-file event or an edit of the file open in
//! the editor says they changed. Engines are built lazily, once per overlay list, off the async
//! runtime (building one reads the whole registry).

use super::names::{MentionScanner, NameIndex, TitleIndex};
use crate::config::{ConfigError, FILE_NAMES, Settings, find_config};
use crate::engine::Engine;
use crate::registry::Registry;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Builds the engine for a registry; tests swap in engines with known checks.
pub type EngineFactory = Arc<dyn Fn(Arc<Registry>) -> Engine + Send + Sync>;

/// An engine and the indexes the editor features need, for one registry.
pub struct Kit {
    pub engine: Engine,
    pub names: NameIndex,
    pub titles: TitleIndex,
    pub mentions: MentionScanner,
}

impl Kit {
    pub fn new(engine: Engine) -> Kit {
        let registry = engine.registry().clone();
        let names = NameIndex::new(&registry);
        let titles = TitleIndex::new(&registry);
        let mentions = MentionScanner::new(&names);
        Kit {
            engine,
            names,
            titles,
            mentions,
        }
    }

    pub fn registry(&self) -> &Registry {
        self.engine.registry()
    }
}

type KitCell = Arc<OnceLock<Result<Arc<Kit>, String>>>;

/// A kit that may not be built yet: `get` builds it (slow the first time: call it off the
/// async runtime).
#[derive(Clone)]
pub struct LazyKit {
    cell: KitCell,
    overlays: Vec<PathBuf>,
    factory: EngineFactory,
    fallback: Option<Box<LazyKit>>,
}

impl LazyKit {
    /// The kit, or, when the overlays are broken, the embedded registry's kit and why.
    pub fn get(&self) -> (Arc<Kit>, Option<String>) {
        let built = self.cell.get_or_init(|| {
            let registry = if self.overlays.is_empty() {
                Ok(Registry::embedded())
            } else {
                Registry::with_overlays(&self.overlays)
                    .map(Arc::new)
                    .map_err(|errors| {
                        errors
                            .iter()
                            .take(5)
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("\n")
                    })
            };
            registry.map(|r| Arc::new(Kit::new((self.factory)(r))))
        });
        match (built, &self.fallback) {
            (Ok(kit), _) => (kit.clone(), None),
            (Err(why), Some(fallback)) => (fallback.get().0, Some(why.clone())),
            // The embedded registry cannot fail to load (it falls back to empty itself).
            (Err(why), None) => (
                Arc::new(Kit::new((self.factory)(Registry::embedded()))),
                Some(why.clone()),
            ),
        }
    }
}

/// The settings a document is checked with, and where they came from.
#[derive(Clone)]
pub struct Resolved {
    pub settings: Arc<Settings>,
    pub kit: LazyKit,
    /// The config file that applies, if any.
    pub config_path: Option<PathBuf>,
    /// What is wrong with the config file (the settings are then the defaults and the
    /// client's): reported, never silent.
    pub config_error: Option<ConfigError>,
    /// What was wrong in the client's settings.
    pub client_problems: Vec<String>,
}

pub struct Workspace {
    factory: EngineFactory,
    pub roots: Vec<PathBuf>,
    /// The client's settings (the keys of `diplint.toml`), winning over the file's.
    client: serde_json::Value,
    /// Config files as read: from disk, or from the editor when open there.
    files: HashMap<PathBuf, Result<Settings, ConfigError>>,
    /// Config files open in the editor: their text there, saved or not.
    buffers: HashMap<PathBuf, String>,
    kits: HashMap<Vec<PathBuf>, KitCell>,
}

impl Workspace {
    pub fn new(factory: EngineFactory) -> Workspace {
        Workspace {
            factory,
            roots: Vec::new(),
            client: serde_json::Value::Null,
            files: HashMap::new(),
            buffers: HashMap::new(),
            kits: HashMap::new(),
        }
    }

    /// Replaces the client's settings. Accepts the keys directly or under `diplint`.
    pub fn set_client_settings(&mut self, value: serde_json::Value) {
        self.client = match value.get("diplint") {
            Some(inner) if inner.is_object() => inner.clone(),
            _ => value,
        };
    }

    /// The kit of the embedded registry.
    pub fn default_kit(&mut self) -> LazyKit {
        self.kit_for(Vec::new())
    }

    fn kit_for(&mut self, overlays: Vec<PathBuf>) -> LazyKit {
        let fallback = (!overlays.is_empty()).then(|| Box::new(self.kit_for(Vec::new())));
        let cell = self.kits.entry(overlays.clone()).or_default().clone();
        LazyKit {
            cell,
            overlays,
            factory: self.factory.clone(),
            fallback,
        }
    }

    /// What a document at `path` is checked with (an untitled document: as if in the first
    /// workspace folder).
    pub fn resolve(&mut self, path: Option<&Path>) -> Resolved {
        let dir = path
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| self.roots.first().cloned());
        let config_path = dir.as_deref().and_then(|d| self.find(d));
        let (mut settings, config_error) = match &config_path {
            Some(p) => match self.load(p) {
                Ok(s) => (s, None),
                Err(e) => (Settings::default(), Some(e)),
            },
            None => (Settings::default(), None),
        };
        let client_problems = settings.apply_client(&self.client);
        let kit = self.kit_for(settings.registry.clone());
        Resolved {
            settings: Arc::new(settings),
            kit,
            config_path,
            config_error,
            client_problems,
        }
    }

    /// The nearest config file at or above `dir`, counting files open in the editor.
    fn find(&self, dir: &Path) -> Option<PathBuf> {
        if self.buffers.is_empty() {
            return find_config(dir);
        }
        let mut at = Some(dir);
        while let Some(d) = at {
            for name in FILE_NAMES {
                let candidate = d.join(name);
                if self.buffers.contains_key(&candidate) || candidate.is_file() {
                    return Some(candidate);
                }
            }
            at = d.parent();
        }
        None
    }

    fn load(&mut self, path: &Path) -> Result<Settings, ConfigError> {
        if let Some(cached) = self.files.get(path) {
            return cached.clone();
        }
        let loaded = match self.buffers.get(path) {
            Some(text) => Settings::parse(text, path),
            None => Settings::load(path),
        };
        self.files.insert(path.to_path_buf(), loaded.clone());
        loaded
    }

    /// A config file or an overlay changed on disk: read them again.
    pub fn files_changed(&mut self) {
        self.files.clear();
        self.kits.retain(|overlays, _| overlays.is_empty());
    }

    /// A config file is open in the editor with this text.
    pub fn set_buffer(&mut self, path: PathBuf, text: String) {
        self.files.remove(&path);
        self.buffers.insert(path, text);
    }

    pub fn close_buffer(&mut self, path: &Path) {
        self.files.remove(path);
        self.buffers.remove(path);
    }

    /// The text of a config file: the editor's when open there, else the disk's.
    pub fn config_text(&self, path: &Path) -> Option<String> {
        self.buffers
            .get(path)
            .cloned()
            .or_else(|| std::fs::read_to_string(path).ok())
    }
}

/// Whether a path names a config file.
pub fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| FILE_NAMES.contains(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> Workspace {
        Workspace::new(Arc::new(Engine::new))
    }

    #[test]
    fn client_values_win_over_the_file_and_nest_under_diplint() {
        let dir = std::env::temp_dir().join(format!("diplint-lsp-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("diplint.toml"),
            "style = \"un\"\ndate_format = \"dmy\"\n",
        )
        .unwrap();
        let mut ws = workspace();
        ws.set_client_settings(serde_json::json!({"diplint": {"dateFormat": "mdy"}}));
        let r = ws.resolve(Some(&dir.join("report.md")));
        assert_eq!(r.settings.style, "un");
        assert_eq!(r.settings.date_format, crate::config::DateFormat::Mdy);
        assert_eq!(
            r.config_path.as_deref(),
            Some(dir.join("diplint.toml").as_path())
        );
        // A broken buffer in the editor wins over the disk, and is reported.
        ws.set_buffer(dir.join("diplint.toml"), "style = [\n".into());
        let r = ws.resolve(Some(&dir.join("report.md")));
        assert!(r.config_error.is_some());
        assert_eq!(r.settings.style, "none");
        ws.close_buffer(&dir.join("diplint.toml"));
        assert_eq!(ws.resolve(Some(&dir.join("x.md"))).settings.style, "un");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn broken_overlays_fall_back_to_the_embedded_registry() {
        let mut ws = workspace();
        let kit = ws.kit_for(vec![PathBuf::from("/nonexistent/overlay.toml")]);
        let (kit, why) = kit.get();
        assert!(why.unwrap().contains("overlay"));
        assert!(!kit.registry().countries.is_empty());
    }
}
