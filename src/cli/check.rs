//! `diplint check`: read every input, check them in parallel on one engine per set of
//! registry overlays, print in the chosen format, and compute the exit status.

use super::inputs::{self, ConfigCache, Input};
use super::output::{self, Checked};
use super::{CheckArgs, Deny};
use crate::config::Settings;
use crate::document::{self, DocKind, Document};
use crate::engine::Engine;
use crate::registry::Registry;
use crate::rules::Severity;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// One file's outcome: what was found in it, or why it could not be checked.
pub struct FileResult {
    pub shown: String,
    pub checked: Option<Checked>,
    pub error: Option<String>,
}

/// Engines by overlay list: the embedded registry's is shared by every file without overlays.
/// An engine, or why its overlays could not be loaded.
type EngineResult = Result<Arc<Engine>, String>;

#[derive(Default)]
struct Engines {
    /// One slot per set of overlays: the first thread to want it builds the engine while the
    /// others wait for it, so that no engine is built twice.
    cache: Mutex<HashMap<Vec<PathBuf>, Arc<OnceLock<EngineResult>>>>,
}

impl Engines {
    fn get(&self, overlays: &[PathBuf]) -> EngineResult {
        let slot = self
            .cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(overlays.to_vec())
            .or_default()
            .clone();
        slot.get_or_init(|| {
            if overlays.is_empty() {
                Ok(Arc::new(Engine::new(Registry::embedded())))
            } else {
                Registry::with_overlays(overlays)
                    .map(|r| Arc::new(Engine::new(Arc::new(r))))
                    .map_err(|errors| {
                        errors
                            .iter()
                            .map(|e| e.to_string())
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
            }
        })
        .clone()
    }
}

struct Job {
    input: Input,
    settings: Result<Settings, String>,
}

pub fn run(args: CheckArgs) -> i32 {
    crate::allocator::for_command();
    let mut configs = ConfigCache::new(args.config.as_deref());
    let inputs = inputs::collect(&args.paths, args.stdin_filename.as_deref(), &mut configs);
    let inputs = if inputs.is_empty() {
        let shown = args
            .paths
            .first()
            .map_or(".".to_string(), |p| p.display().to_string());
        vec![Input::Missing {
            shown,
            reason: "no reports found (.md, .markdown, .txt, .html, .htm)".into(),
        }]
    } else {
        inputs
    };
    let stdin_text = inputs
        .iter()
        .any(|i| matches!(i, Input::Stdin { .. }))
        .then(|| {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map(|_| bytes)
                .map_err(|e| e.to_string())
        });
    let jobs: Vec<Job> = inputs
        .into_iter()
        .map(|input| {
            let dir = match &input {
                Input::File { path, .. } => {
                    path.parent().map(Path::to_path_buf).unwrap_or_default()
                }
                _ => PathBuf::from("."),
            };
            let dir = if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir
            };
            let settings = configs
                .for_dir(&dir)
                .map_err(|e| format!("broken config: {e}"))
                .map(|mut s| {
                    if let Some(style) = &args.style {
                        s.style = style.clone();
                    }
                    s
                });
            Job { input, settings }
        })
        .collect();
    let engines = Engines::default();
    let check = |job: &Job| check_one(job, &args, &engines, stdin_text.as_ref());
    // One input is checked on this thread: starting a thread pool would cost more than the
    // check, and its idle workers would spin on the core that builds the person check.
    let results: Vec<FileResult> = if jobs.len() == 1 {
        jobs.iter().map(check).collect()
    } else {
        jobs.par_iter().map(check).collect()
    };
    output::print(args.format, &results);
    let status = exit_status(&results, args.deny.contains(&Deny::Warnings));
    // The process ends next: freeing the engines' indexes and the results would only add to
    // the run's time.
    std::mem::forget(engines);
    std::mem::forget(results);
    status
}

fn check_one(
    job: &Job,
    args: &CheckArgs,
    engines: &Engines,
    stdin: Option<&Result<Vec<u8>, String>>,
) -> FileResult {
    let shown = job.input.shown().to_string();
    let fail = |error: String| FileResult {
        shown: shown.clone(),
        checked: None,
        error: Some(error),
    };
    let settings = match &job.settings {
        Ok(s) => s,
        Err(e) => return fail(e.clone()),
    };
    let (bytes, path) = match &job.input {
        Input::Missing { reason, .. } => return fail(reason.clone()),
        Input::Stdin { name } => match stdin {
            Some(Ok(bytes)) if bytes.len() as u64 > settings.max_file_bytes => {
                return fail(too_big(bytes.len() as u64, settings.max_file_bytes));
            }
            Some(Ok(bytes)) => (bytes.clone(), PathBuf::from(name)),
            Some(Err(e)) => return fail(format!("cannot read stdin: {e}")),
            None => return fail("cannot read stdin".into()),
        },
        Input::File { path, .. } => match read_file(path, settings.max_file_bytes) {
            Ok(bytes) => (bytes, path.clone()),
            Err(e) => return fail(e),
        },
    };
    let text = match document::decode(bytes) {
        Ok(t) => t,
        Err(e) => return fail(e.to_string()),
    };
    let engine = match engines.get(&settings.registry) {
        Ok(e) => e,
        Err(e) => return fail(format!("broken registry overlay: {e}")),
    };
    if let Err(e) = settings.check_style(engine.registry()) {
        let place = settings
            .path
            .as_ref()
            .map_or("--style".to_string(), |p| p.display().to_string());
        return fail(format!("{place}: {e}"));
    }
    let kind = DocKind::from_path(&path).unwrap_or(DocKind::Plain);
    let doc = Document::new(text, kind);
    let report = engine.check(&doc, settings, args.date, Some(&path));
    // Only the located diagnostics are kept until the end: for a folder of 5,000 reports,
    // keeping each document and report (its annotations share every paragraph's scan) took
    // 300 MB.
    FileResult {
        shown,
        checked: Some(Checked::new(&doc, report)),
        error: None,
    }
}

fn too_big(len: u64, max: u64) -> String {
    format!("file is {len} bytes, over max_file_bytes ({max}); not checked")
}

fn read_file(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read: {}", inputs::io_reason(&e)))?;
    if meta.len() > max {
        return Err(too_big(meta.len(), max));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read: {}", inputs::io_reason(&e)))?;
    if bytes.len() as u64 > max {
        return Err(too_big(bytes.len() as u64, max));
    }
    Ok(bytes)
}

/// 2 when a file could not be checked, 1 when something at error severity (or warning, with
/// `--deny warnings`) was found, else 0.
pub fn exit_status(results: &[FileResult], deny_warnings: bool) -> i32 {
    if results.iter().any(|r| r.error.is_some()) {
        return 2;
    }
    let fails = |s: Severity| s == Severity::Error || (deny_warnings && s == Severity::Warning);
    let failing = results
        .iter()
        .filter_map(|r| r.checked.as_ref())
        .flat_map(|c| &c.diagnostics)
        .any(|d| fails(d.diagnostic.severity));
    i32::from(failing)
}
