//! The language server: document sync, scheduling of checks, and the requests.
//!
//! Ordering. tower-lsp-server runs handlers concurrently once they await, so every edit is
//! applied to its document before the handler's first await (under a plain mutex that is
//! never held across an await): edits of a document land in the order they were sent.
//!
//! Checks. Each edit or configuration change bumps the document's *generation*. A check runs
//! off the async runtime (`spawn_blocking`), one at a time per document (its run lock), and its
//! result is kept only while its generation is still the document's: an old result never
//! overwrites a newer one. Pushed diagnostics wait a short debounce after an edit; a newer edit
//! makes the waiting check stand down.
//!
//! Diagnostics are pulled (`textDocument/diagnostic`) when the client supports it, pushed
//! (`publishDiagnostics` with the version) otherwise, never both.

use super::actions::{self, AcceptTarget, EditSupport, FIX_ALL_KIND};
use super::completion::{self, ItemKind};
use super::config::{EngineFactory, Resolved, Workspace, is_config_file};
use super::diagnostics::{Analysis, config_error_diagnostic};
use super::documents::{Source, TextDocument, position_in};
use super::outbox::Outbox;
use super::{hover, inlay};
use crate::document::{Encoding, date::document_date};
use crate::engine::Memo;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tower_lsp_server::jsonrpc::{self, ErrorCode};
use tower_lsp_server::ls_types::notification::{LogTrace, Notification as _, PublishDiagnostics};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// How the server is run.
#[derive(Clone)]
pub struct Options {
    /// How long pushed diagnostics wait after an edit for the next one.
    pub debounce: Duration,
    /// How engines are built for a registry (tests inject checks with known findings).
    pub engine_factory: EngineFactory,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            debounce: Duration::from_millis(150),
            engine_factory: Arc::new(crate::engine::Engine::new),
        }
    }
}

pub struct Server {
    inner: Arc<Inner>,
}

/// What the client said it can do, read once at `initialize`.
#[derive(Clone, Copy)]
struct Caps {
    encoding: Encoding,
    pull: bool,
    pull_refresh: bool,
    configuration: bool,
    watch_files: bool,
    inlay_refresh: bool,
    edits: EditSupport,
}

impl Default for Caps {
    fn default() -> Self {
        Caps {
            encoding: Encoding::Utf16,
            pull: false,
            pull_refresh: false,
            configuration: false,
            watch_files: false,
            inlay_refresh: false,
            edits: EditSupport::default(),
        }
    }
}

struct DocEntry {
    doc: TextDocument,
    path: Option<PathBuf>,
    generation: u64,
    analysis: Option<Arc<Analysis>>,
    /// Held while a check of this document runs and its result is published.
    run_lock: Arc<tokio::sync::Mutex<()>>,
    /// A `diplint.toml` open in the editor: configuration, not a report.
    config: bool,
    /// What the last check keeps for the next (the run lock keeps checks one at a time).
    memo: Arc<Mutex<Memo>>,
}

impl DocEntry {
    /// The analysis of the current text, if one was made since the last edit.
    fn fresh_analysis(&self) -> Option<Arc<Analysis>> {
        self.analysis
            .as_ref()
            .filter(|a| a.generation == self.generation)
            .cloned()
    }
}

#[derive(Default)]
struct Docs {
    map: HashMap<Uri, DocEntry>,
    /// Generations are never reused, even across close and reopen.
    last_generation: u64,
}

impl Docs {
    fn next_generation(&mut self) -> u64 {
        self.last_generation += 1;
        self.last_generation
    }
}

struct Inner {
    client: Client,
    /// Where large notifications are serialized, not by tower-lsp-server.
    outbox: Outbox,
    options: Options,
    docs: Mutex<Docs>,
    workspace: Mutex<Workspace>,
    caps: Mutex<Caps>,
    trace: Mutex<TraceValue>,
    /// Messages already shown to the user, so that a broken config is said once.
    shown: Mutex<HashSet<String>>,
    /// Config files with an error published on them.
    config_errors: Mutex<HashMap<PathBuf, String>>,
    shutdown: Arc<AtomicBool>,
    /// Counts the checks made, so that freed memory is given back once none came for a while.
    checks: AtomicU64,
}

/// Locks a mutex, shrugging off poisoning: a panic elsewhere must not take the server down.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Server {
    pub fn new(client: Client, options: Options, outbox: Outbox) -> Server {
        let workspace = Workspace::new(options.engine_factory.clone());
        Server {
            inner: Arc::new(Inner {
                client,
                outbox,
                options,
                docs: Mutex::new(Docs::default()),
                workspace: Mutex::new(workspace),
                caps: Mutex::new(Caps::default()),
                trace: Mutex::new(TraceValue::Off),
                shown: Mutex::new(HashSet::new()),
                config_errors: Mutex::new(HashMap::new()),
                shutdown: Arc::new(AtomicBool::new(false)),
                checks: AtomicU64::new(0),
            }),
        }
    }

    /// Set once `shutdown` was received: `exit` then ends the process with status 0.
    pub fn shutdown_flag(&self) -> Arc<AtomicBool> {
        self.inner.shutdown.clone()
    }

    /// `$/setTrace`.
    pub async fn set_trace(&self, params: SetTraceParams) {
        *lock(&self.inner.trace) = params.value;
    }
}

fn file_path(uri: &Uri) -> Option<PathBuf> {
    let scheme = uri.scheme().as_str();
    if !scheme.eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// Runs a request's work off the async runtime: a bug that panics answers this request with an
/// internal error instead of taking the server down.
async fn guarded<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> jsonrpc::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| jsonrpc::Error::internal_error())
}

fn invalid_position() -> jsonrpc::Error {
    jsonrpc::Error::invalid_params("position out of range")
}

/// LSP 3.17 `ServerCancelled`: the document changed while its diagnostics were computed; the
/// client should ask again.
fn server_cancelled() -> jsonrpc::Error {
    jsonrpc::Error {
        code: ErrorCode::ServerError(-32802),
        message: "the document changed while it was checked".into(),
        data: Some(serde_json::json!({ "retriggerRequest": true })),
    }
}

fn read_caps(params: &InitializeParams) -> Caps {
    let c = &params.capabilities;
    let utf8 = c
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
    let text = c.text_document.as_ref();
    let ws = c.workspace.as_ref();
    let edit = ws.and_then(|w| w.workspace_edit.as_ref());
    Caps {
        encoding: if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        },
        pull: text.and_then(|t| t.diagnostic.as_ref()).is_some(),
        pull_refresh: ws
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
        configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
        watch_files: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        inlay_refresh: ws
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|i| i.refresh_support)
            .unwrap_or(false),
        edits: EditSupport {
            document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false),
            create_files: edit
                .and_then(|e| e.resource_operations.as_ref())
                .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
        },
    }
}

fn workspace_roots(params: &InitializeParams) -> Vec<PathBuf> {
    let folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| file_path(&f.uri))
        .collect();
    if !folders.is_empty() {
        return folders;
    }
    #[allow(deprecated)] // rootUri: still what many clients send
    params.root_uri.iter().filter_map(file_path).collect()
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> jsonrpc::Result<InitializeResult> {
        let inner = &self.inner;
        let caps = read_caps(&params);
        *lock(&inner.caps) = caps;
        if let Some(pid) = params.process_id {
            super::parent::watch(pid);
        }
        *lock(&inner.trace) = params.trace.unwrap_or(TraceValue::Off);
        {
            let mut ws = lock(&inner.workspace);
            ws.roots = workspace_roots(&params);
            if let Some(options) = params.initialization_options.clone() {
                ws.set_client_settings(options);
            }
            // Build the default engine now, off the runtime, so the first check does not wait.
            let kit = ws.default_kit();
            tokio::task::spawn_blocking(move || drop(kit.get()));
        }
        let encoding = match caps.encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        };
        let diagnostic_provider = caps.pull.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("diplint".into()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        });
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                diagnostic_provider,
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::from(FIX_ALL_KIND),
                        ]),
                        ..CodeActionOptions::default()
                    },
                )),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![" ".into()]),
                    ..CompletionOptions::default()
                }),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                inlay_hint_provider: Some(OneOf::Left(true)),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "diplint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let inner = self.inner.clone();
        let caps = inner.caps();
        if caps.watch_files {
            let watchers: Vec<FileSystemWatcher> =
                ["**/diplint.toml", "**/.diplint.toml", "**/*.toml"]
                    .iter()
                    .map(|glob| FileSystemWatcher {
                        glob_pattern: GlobPattern::String((*glob).into()),
                        kind: None,
                    })
                    .collect();
            let registration = Registration {
                id: "diplint-watch-config".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                    watchers,
                })
                .ok(),
            };
            let client = inner.client.clone();
            tokio::spawn(async move {
                if let Err(e) = client.register_capability(vec![registration]).await {
                    client
                        .log_message(
                            MessageType::WARNING,
                            format!("diplint: cannot watch config files: {e}"),
                        )
                        .await;
                }
            });
        }
        if caps.configuration {
            tokio::spawn(async move { inner.pull_configuration(false).await });
        }
    }

    async fn shutdown(&self) -> jsonrpc::Result<()> {
        self.inner.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let inner = &self.inner;
        let d = params.text_document;
        let path = file_path(&d.uri);
        let config = path.as_deref().is_some_and(is_config_file);
        let doc = TextDocument::new(d.text, d.version, &d.language_id);
        let config_text = config.then(|| doc.text());
        {
            let mut docs = lock(&inner.docs);
            let generation = docs.next_generation();
            docs.map.insert(
                d.uri.clone(),
                DocEntry {
                    doc,
                    path: path.clone(),
                    generation,
                    analysis: None,
                    run_lock: Arc::default(),
                    memo: Arc::default(),
                    config,
                },
            );
        }
        if let Some(text) = config_text {
            if let Some(path) = path {
                lock(&inner.workspace).set_buffer(path, text);
            }
            inner.config_changed();
        } else {
            inner.schedule(d.uri, Duration::ZERO);
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let inner = &self.inner;
        let uri = params.text_document.uri;
        let encoding = inner.caps().encoding;
        // Applied before any await: edits land in the order they were sent.
        let mut problems = Vec::new();
        let config_text = {
            let mut docs = lock(&inner.docs);
            let generation = docs.next_generation();
            match docs.map.get_mut(&uri) {
                None => None,
                Some(entry) => {
                    let version = params.text_document.version;
                    if version <= entry.doc.version {
                        problems.push(format!(
                            "version {version} after {} for {}",
                            entry.doc.version,
                            uri.as_str()
                        ));
                    }
                    for change in &params.content_changes {
                        if let Some(p) = entry.doc.apply(change, encoding) {
                            problems.push(format!(
                                "{p:?} edit range in {} v{version}: clamped",
                                uri.as_str()
                            ));
                        }
                    }
                    entry.doc.version = version;
                    entry.generation = generation;
                    Some(entry.config.then(|| (entry.path.clone(), entry.doc.text())))
                }
            }
        };
        let Some(config_text) = config_text else {
            inner
                .log(
                    MessageType::WARNING,
                    format!("didChange for a document not open: {}", uri.as_str()),
                )
                .await;
            return;
        };
        for p in problems {
            inner.log(MessageType::WARNING, p).await;
        }
        match config_text {
            Some((Some(path), text)) => {
                lock(&inner.workspace).set_buffer(path, text);
                inner.config_changed();
            }
            Some((None, _)) => {}
            None => inner.schedule(uri, inner.options.debounce),
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let inner = &self.inner;
        let uri = params.text_document.uri;
        let removed = lock(&inner.docs).map.remove(&uri);
        let Some(entry) = removed else {
            return;
        };
        if entry.config {
            if let Some(path) = &entry.path {
                lock(&inner.workspace).close_buffer(path);
            }
            inner.config_changed();
        } else if !inner.caps().pull {
            // After any publish in flight for this document.
            let _running = entry.run_lock.lock().await;
            inner.publish(uri, Vec::new(), None).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let inner = self.inner.clone();
        let settings = params.settings;
        let empty = settings.is_null() || settings.as_object().is_some_and(|o| o.is_empty());
        if empty && inner.caps().configuration {
            // VS Code sends no settings: ask for them.
            tokio::spawn(async move { inner.pull_configuration(true).await });
            return;
        }
        if !empty {
            lock(&inner.workspace).set_client_settings(settings);
        }
        inner.config_changed();
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        {
            let mut ws = lock(&self.inner.workspace);
            let removed: Vec<PathBuf> = params
                .event
                .removed
                .iter()
                .filter_map(|f| file_path(&f.uri))
                .collect();
            ws.roots.retain(|r| !removed.contains(r));
            ws.roots
                .extend(params.event.added.iter().filter_map(|f| file_path(&f.uri)));
        }
        self.inner.config_changed();
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let relevant = params.changes.iter().any(|c| {
            file_path(&c.uri)
                .is_some_and(|p| is_config_file(&p) || p.extension().is_some_and(|e| e == "toml"))
        });
        if relevant {
            lock(&self.inner.workspace).files_changed();
            self.inner.config_changed();
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> jsonrpc::Result<DocumentDiagnosticReportResult> {
        let inner = &self.inner;
        let uri = params.text_document.uri;
        let full = |result_id: Option<String>, items: Vec<Diagnostic>| {
            DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
                RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id,
                        items,
                    },
                },
            ))
        };
        if let Some(items) = inner.config_file_diagnostics(&uri) {
            return Ok(full(None, items));
        }
        let Some(a) = inner.analysis_for_request(&uri).await else {
            return Ok(full(None, Vec::new()));
        };
        if !inner.is_current(&uri, a.generation) {
            return Err(server_cancelled());
        }
        let result_id = a.result_id();
        if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            return Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                }),
            ));
        }
        Ok(full(Some(result_id), a.lsp_diagnostics(&uri)))
    }

    async fn hover(&self, params: HoverParams) -> jsonrpc::Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(a) = self.inner.analysis_for_request(&p.text_document.uri).await else {
            return Ok(None);
        };
        let offset = a.offset(p.position).ok_or_else(invalid_position)?;
        guarded(move || hover::hover(&a, offset)).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> jsonrpc::Result<Option<Vec<InlayHint>>> {
        let Some(a) = self
            .inner
            .analysis_for_request(&params.text_document.uri)
            .await
        else {
            return Ok(None);
        };
        let from = a.offset(params.range.start).ok_or_else(invalid_position)?;
        let to = a
            .offset(params.range.end)
            .unwrap_or(a.document.source.len());
        guarded(move || Some(inlay::inlay_hints(&a, from, to))).await
    }

    async fn code_action(
        &self,
        params: CodeActionParams,
    ) -> jsonrpc::Result<Option<CodeActionResponse>> {
        let inner = &self.inner;
        let uri = &params.text_document.uri;
        let Some(a) = inner.analysis_for_request(uri).await else {
            return Ok(None);
        };
        let from = a.offset(params.range.start).ok_or_else(invalid_position)?;
        let to = a.offset(params.range.end).ok_or_else(invalid_position)?;
        let accept = inner.accept_target(a.path.as_deref());
        let support = inner.caps().edits;
        let uri = uri.clone();
        let only = params.context.only;
        guarded(move || {
            let request = actions::Request {
                uri: &uri,
                analysis: &a,
                from: from.min(to),
                to: to.max(from),
                only: only.as_deref(),
                accept,
                support,
            };
            Some(actions::code_actions(&request))
        })
        .await
    }

    async fn completion(
        &self,
        params: CompletionParams,
    ) -> jsonrpc::Result<Option<CompletionResponse>> {
        let inner = &self.inner;
        let p = params.text_document_position;
        let uri = p.text_document.uri;
        let encoding = inner.caps().encoding;
        let snapshot = {
            let mut docs = lock(&inner.docs);
            let Some(entry) = docs.map.get_mut(&uri).filter(|e| !e.config) else {
                return Ok(None);
            };
            let offset = entry.doc.offset(p.position, encoding);
            (
                entry.doc.document().clone(),
                offset,
                entry.path.clone(),
                entry.analysis.as_ref().map(|a| a.report.date.date),
            )
        };
        let (doc, offset, path, known_date) = snapshot;
        let offset = offset.ok_or_else(invalid_position)?;
        let resolved = lock(&inner.workspace).resolve(path.as_deref());
        let computed = guarded(move || {
            let (kit, _) = resolved.kit.get();
            let date = known_date.unwrap_or_else(|| {
                document_date(&doc, None, resolved.settings.document_date, path.as_deref()).date
            });
            let found = completion::complete(&kit, &doc.source, offset, date);
            let items: Vec<CompletionItem> = found
                .items
                .into_iter()
                .enumerate()
                .map(|(i, s)| {
                    let range = Range::new(
                        position_in(&doc, s.replace.start, encoding),
                        position_in(&doc, s.replace.end, encoding),
                    );
                    CompletionItem {
                        label: s.label,
                        kind: Some(match s.kind {
                            ItemKind::Person => CompletionItemKind::VALUE,
                            ItemKind::Country => CompletionItemKind::CONSTANT,
                            ItemKind::Organisation => CompletionItemKind::MODULE,
                            ItemKind::Office => CompletionItemKind::PROPERTY,
                        }),
                        detail: Some(s.detail),
                        documentation: s.documentation.map(Documentation::String),
                        sort_text: Some(format!("{i:04}")),
                        filter_text: s.filter,
                        preselect: (i == 0).then_some(true),
                        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, s.insert))),
                        ..CompletionItem::default()
                    }
                })
                .collect();
            (items, found.incomplete)
        })
        .await;
        let (items, incomplete) = computed?;
        if items.is_empty() && !incomplete {
            return Ok(None);
        }
        Ok(Some(CompletionResponse::List(CompletionList {
            is_incomplete: incomplete,
            items,
        })))
    }
}

/// An edit of at most this many bytes since the last check is checked again on the server's
/// own thread.
const SMALL_STEP_BYTES: usize = 16 * 1024;

/// A document at least this large, read whole, frees enough to give back at once; a smaller
/// one waits for [`IDLE_BEFORE_RELEASE`].
const RELEASE_AFTER_READING_BYTES: usize = 256 * 1024;

/// How long no check comes before the memory freed by the last ones is given back (see
/// [`crate::allocator::release_freed`]). The next edit faults in again the pages it reuses:
/// on 1 MB of joined reports it took 3.6 ms instead of 1.9 (medians of 20). Longer than a
/// pause in typing, so that only the first edit after a real pause pays that.
const IDLE_BEFORE_RELEASE: Duration = Duration::from_secs(5);

/// What a check needs, copied out of the document store.
struct Snapshot {
    memo: Arc<Mutex<Memo>>,
    /// The last analysis, of an earlier text: let go of before the check.
    stale: Option<Arc<Analysis>>,
    /// The text: the document of the last edit, or the text as opened.
    source: Source,
    version: i32,
    generation: u64,
    kind: crate::document::DocKind,
    path: Option<PathBuf>,
}

impl Inner {
    fn caps(&self) -> Caps {
        *lock(&self.caps)
    }

    fn is_current(&self, uri: &Uri, generation: u64) -> bool {
        lock(&self.docs)
            .map
            .get(uri)
            .is_some_and(|e| e.generation == generation)
    }

    /// Gives freed memory back to the system once no check has come for
    /// [`IDLE_BEFORE_RELEASE`].
    fn release_freed_when_idle(self: &Arc<Self>) {
        let this_check = self.checks.fetch_add(1, Ordering::Relaxed) + 1;
        let inner = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(IDLE_BEFORE_RELEASE).await;
            if inner.checks.load(Ordering::Relaxed) == this_check {
                let _ = tokio::task::spawn_blocking(crate::allocator::release_freed).await;
            }
        });
    }

    /// Checks a document after `delay` and publishes its diagnostics, unless a newer edit
    /// comes first (push mode only; in pull mode the client asks).
    fn schedule(self: &Arc<Self>, uri: Uri, delay: Duration) {
        if self.caps().pull {
            return;
        }
        let Some(generation) = lock(&self.docs).map.get(&uri).map(|e| e.generation) else {
            return;
        };
        let inner = self.clone();
        tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            let Some(run_lock) = inner.run_lock_if_current(&uri, generation) else {
                return;
            };
            let _running = run_lock.lock().await;
            if !inner.is_current(&uri, generation) {
                return;
            }
            let Some(a) = inner.analyze_locked(&uri).await else {
                return;
            };
            // A newer edit or setting came while this ran: its own check will publish.
            if inner.is_current(&uri, a.generation) {
                inner
                    .outbox
                    .send_as(
                        &inner.client,
                        PublishDiagnostics::METHOD,
                        &a.publish_params(&uri),
                    )
                    .await;
            }
        });
    }

    /// `textDocument/publishDiagnostics`, serialized in one pass (see [`Outbox`]).
    async fn publish(&self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams::new(uri, diagnostics, version);
        self.outbox
            .send::<PublishDiagnostics>(&self.client, &params)
            .await;
    }

    fn run_lock_if_current(
        &self,
        uri: &Uri,
        generation: u64,
    ) -> Option<Arc<tokio::sync::Mutex<()>>> {
        lock(&self.docs)
            .map
            .get(uri)
            .filter(|e| e.generation == generation)
            .map(|e| e.run_lock.clone())
    }

    /// The analysis of the document's current text, computed if needed; `None` for a document
    /// not open (or a config file). Tries again when edits arrive during the check, and gives
    /// the last result after three tries.
    async fn analysis_for_request(self: &Arc<Self>, uri: &Uri) -> Option<Arc<Analysis>> {
        for attempt in 0..3 {
            let run_lock = {
                let docs = lock(&self.docs);
                let entry = docs.map.get(uri).filter(|e| !e.config)?;
                if let Some(a) = entry.fresh_analysis() {
                    return Some(a);
                }
                entry.run_lock.clone()
            };
            let _running = run_lock.lock().await;
            let a = self.analyze_locked(uri).await?;
            if attempt == 2 || self.is_current(uri, a.generation) {
                return Some(a);
            }
        }
        None
    }

    /// Checks the document's current text (the caller holds its run lock) and keeps the
    /// result while it is current.
    async fn analyze_locked(self: &Arc<Self>, uri: &Uri) -> Option<Arc<Analysis>> {
        let (snapshot, small_step) = {
            let mut docs = lock(&self.docs);
            let entry = docs.map.get_mut(uri).filter(|e| !e.config)?;
            if let Some(a) = entry.fresh_analysis() {
                return Some(a);
            }
            // The last analysis shares its paragraphs with the memo: let go of it, so that
            // the check can take them over rather than copy them (requests wait for the new).
            let small_step = match entry.doc.source() {
                Source::Read(doc) => lock(&entry.memo).is_small_step(&doc, SMALL_STEP_BYTES),
                Source::Opened(_) => false,
            };
            let snapshot = Snapshot {
                stale: entry.analysis.take(),
                memo: entry.memo.clone(),
                source: entry.doc.source(),
                version: entry.doc.version,
                generation: entry.generation,
                kind: entry.doc.kind,
                path: entry.path.clone(),
            };
            (snapshot, small_step)
        };
        let resolved = lock(&self.workspace).resolve(snapshot.path.as_deref());
        let encoding = self.caps().encoding;
        let started = Instant::now();
        let job_resolved = resolved.clone();
        // A whole large document is read: what its reading freed is given back at once.
        let release = !small_step && snapshot.source.len() >= RELEASE_AFTER_READING_BYTES;
        let job = move || {
            let done = compute(snapshot, &job_resolved, encoding);
            if release {
                crate::allocator::release_freed();
            }
            done
        };
        // Checking again after a small edit takes a millisecond or so: handing it to a thread
        // of its own would add its waking to the wait. Anything larger is not checked on the
        // server's threads.
        let done = if small_step {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))
                .map_err(|_| "panicked".to_string())
        } else {
            tokio::task::spawn_blocking(job)
                .await
                .map_err(|e| e.to_string())
        };
        let (analysis, problems) = match done {
            Ok(done) => done,
            Err(e) => {
                self.log(
                    MessageType::ERROR,
                    format!("diplint: checking {} failed: {e}", uri.as_str()),
                )
                .await;
                return None;
            }
        };
        self.release_freed_when_idle();
        let analysis = Arc::new(analysis);
        {
            let mut docs = lock(&self.docs);
            if let Some(entry) = docs.map.get_mut(uri)
                && entry.generation == analysis.generation
            {
                entry.analysis = Some(analysis.clone());
                entry.doc.adopt(&analysis.document);
            }
        }
        self.report_configuration(&resolved, problems).await;
        if let Some(why) = &analysis.skipped {
            self.show_once(
                MessageType::WARNING,
                format!("diplint: {} not checked: {why}", uri.as_str()),
            )
            .await;
        }
        self.trace_check(uri, &analysis, started.elapsed()).await;
        Some(analysis)
    }

    /// Says what is wrong with the configuration, once per problem; a broken config file also
    /// gets its error as a diagnostic (pushed; pulled when the client pulls).
    async fn report_configuration(&self, resolved: &Resolved, problems: SetupProblems) {
        let pull = self.caps().pull;
        if let Some(e) = &resolved.config_error {
            let message = e.to_string();
            let new = lock(&self.config_errors).insert(e.path.clone(), message.clone())
                != Some(message.clone());
            if new {
                self.show_once(
                    MessageType::ERROR,
                    format!("diplint: broken config, checking with the defaults: {message}"),
                )
                .await;
                if let (false, Some(uri)) = (pull, Uri::from_file_path(&e.path)) {
                    self.publish(uri, vec![config_error_diagnostic(e)], None)
                        .await;
                }
            }
        } else if let Some(path) = &resolved.config_path {
            let was_broken = lock(&self.config_errors).remove(path).is_some();
            if let (true, false, Some(uri)) = (was_broken, pull, Uri::from_file_path(path)) {
                self.publish(uri, Vec::new(), None).await;
            }
        }
        for problem in &resolved.client_problems {
            self.show_once(MessageType::WARNING, format!("diplint settings: {problem}"))
                .await;
        }
        if let Some(problem) = problems.overlay {
            self.show_once(
                MessageType::ERROR,
                format!("diplint: registry overlay not loaded, checking with the embedded registry: {problem}"),
            )
            .await;
        }
        if let Some(problem) = problems.style {
            self.show_once(MessageType::ERROR, format!("diplint settings: {problem}"))
                .await;
        }
    }

    /// The errors of a config file open in the editor, when `uri` is one.
    fn config_file_diagnostics(&self, uri: &Uri) -> Option<Vec<Diagnostic>> {
        let path = file_path(uri).filter(|p| is_config_file(p))?;
        let is_open_config = lock(&self.docs).map.get(uri).is_some_and(|e| e.config);
        if !is_open_config {
            return None;
        }
        let resolved = {
            let mut ws = lock(&self.workspace);
            ws.resolve(Some(&path))
        };
        Some(
            resolved
                .config_error
                .filter(|e| e.path == path)
                .map(|e| vec![config_error_diagnostic(&e)])
                .unwrap_or_default(),
        )
    }

    /// Settings or config files changed: every open document is checked again.
    fn config_changed(self: &Arc<Self>) {
        lock(&self.shown).clear();
        let uris: Vec<Uri> = {
            let mut docs = lock(&self.docs);
            let generations: Vec<(Uri, u64)> = docs
                .map
                .iter()
                .filter(|(_, e)| !e.config)
                .map(|(u, _)| u.clone())
                .collect::<Vec<_>>()
                .into_iter()
                .map(|u| (u, docs.next_generation()))
                .collect();
            for (uri, generation) in &generations {
                if let Some(e) = docs.map.get_mut(uri) {
                    e.generation = *generation;
                }
            }
            generations.into_iter().map(|(u, _)| u).collect()
        };
        let caps = self.caps();
        if caps.pull {
            if caps.pull_refresh {
                let client = self.client.clone();
                tokio::spawn(async move { client.workspace_diagnostic_refresh().await });
            }
        } else {
            for uri in uris {
                self.schedule(uri, Duration::ZERO);
            }
        }
        if caps.inlay_refresh {
            let client = self.client.clone();
            tokio::spawn(async move { client.inlay_hint_refresh().await });
        }
    }

    /// Asks the client for the `diplint` section (`workspace/configuration`).
    async fn pull_configuration(self: Arc<Self>, always_recheck: bool) {
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("diplint".into()),
        };
        let changed = match self.client.configuration(vec![item]).await {
            Ok(values) => match values.into_iter().next() {
                Some(v) if v.is_object() => {
                    lock(&self.workspace).set_client_settings(v);
                    true
                }
                _ => false,
            },
            Err(e) => {
                self.log(
                    MessageType::WARNING,
                    format!("diplint: workspace/configuration failed: {e}"),
                )
                .await;
                false
            }
        };
        if changed || always_recheck {
            self.config_changed();
        }
    }

    /// Where "accept NAME in this workspace" writes: the config file that applies to the
    /// document, else a new `diplint.toml` at the root of its workspace folder.
    fn accept_target(&self, doc_path: Option<&Path>) -> Option<AcceptTarget> {
        let mut ws = lock(&self.workspace);
        let resolved = ws.resolve(doc_path);
        let path = match resolved.config_path {
            Some(p) => p,
            None => {
                let root = match doc_path {
                    Some(doc) => ws
                        .roots
                        .iter()
                        .filter(|r| doc.starts_with(r))
                        .max_by_key(|r| r.as_os_str().len())
                        .cloned()
                        .or_else(|| doc.parent().map(Path::to_path_buf)),
                    None => ws.roots.first().cloned(),
                }?;
                root.join("diplint.toml")
            }
        };
        let uri = Uri::from_file_path(&path)?;
        let existing = ws.config_text(&path);
        Some(AcceptTarget { uri, existing })
    }

    async fn log(&self, level: MessageType, message: String) {
        self.client.log_message(level, message).await;
    }

    async fn show_once(&self, level: MessageType, message: String) {
        if lock(&self.shown).insert(message.clone()) {
            self.client.show_message(level, message.clone()).await;
            self.client.log_message(level, message).await;
        }
    }

    /// `$/logTrace` of a check: counts and timings; the texts found only with a verbose trace
    /// (document text never goes to logs otherwise).
    async fn trace_check(&self, uri: &Uri, a: &Analysis, took: Duration) {
        let trace = *lock(&self.trace);
        if trace == TraceValue::Off {
            return;
        }
        let message = format!(
            "checked {} v{} ({} bytes): {} diagnostics in {} ms",
            uri.as_str(),
            a.version,
            a.document.source.len(),
            a.report.diagnostics.len(),
            took.as_millis()
        );
        let verbose = (trace == TraceValue::Verbose).then(|| {
            a.report
                .diagnostics
                .iter()
                .map(|d| {
                    format!(
                        "{} {:?}",
                        d.finding.rule.id,
                        &a.document.source[d.finding.span.clone()]
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        });
        self.client
            .send_notification::<LogTrace>(LogTraceParams { message, verbose })
            .await;
    }
}

/// One check, off the async runtime.
/// What was wrong with the registry or the settings when a check was set up.
#[derive(Default)]
struct SetupProblems {
    /// Overlays that did not load (the embedded registry was used).
    overlay: Option<String>,
    /// A style the registry does not define.
    style: Option<String>,
}

fn compute(
    snapshot: Snapshot,
    resolved: &Resolved,
    encoding: Encoding,
) -> (Analysis, SetupProblems) {
    let (kit, overlay) = resolved.kit.get();
    let settings = resolved.settings.clone();
    let problems = SetupProblems {
        overlay,
        style: settings.check_style(kit.registry()).err(),
    };
    let too_large = snapshot.source.len() as u64 > settings.max_file_bytes;
    let kind = if too_large {
        crate::document::DocKind::Plain
    } else {
        snapshot.kind
    };
    let document = snapshot.source.document(kind);
    let (report, skipped) = if too_large {
        let date = document_date(
            &document,
            None,
            settings.document_date,
            snapshot.path.as_deref(),
        );
        (
            crate::engine::Report::empty(date),
            Some(format!(
                "larger than max_file_bytes ({} bytes)",
                settings.max_file_bytes
            )),
        )
    } else {
        let mut memo = lock(&snapshot.memo);
        // The last report's findings are taken over where they still hold, when no request
        // holds it any more.
        if let Some(stale) = snapshot.stale.and_then(Arc::into_inner) {
            memo.recycle(stale.report);
        }
        (
            kit.engine.check_again(
                &document,
                &settings,
                None,
                snapshot.path.as_deref(),
                &mut memo,
            ),
            None,
        )
    };
    let analysis = Analysis {
        generation: snapshot.generation,
        version: snapshot.version,
        document,
        report,
        kit,
        encoding,
        skipped,
        path: snapshot.path,
    };
    (analysis, problems)
}
