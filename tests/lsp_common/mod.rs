//! A scripted LSP client for transcript tests: drives the real server over JSON-RPC, in-process
//! through `tokio::io::duplex`, or through the built binary on stdio.
//!
//! Requests from the server to the client are answered automatically (`workspace/configuration`
//! with what the test set, everything else with `null`) and kept in the transcript, so tests can
//! assert that they were made.

#![allow(dead_code)] // each test file uses a part

use diplint::Engine;
use diplint::lsp::{EngineFactory, Options};
use diplint::rules::{Check, Context, Finding, Fix, Output, Paragraphs, RuleInfo, Subject};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// How long a test waits for a message before failing (`DIPLINT_LSP_TEST_WAIT` seconds, for
/// slow machines and measurements; 20 by default).
pub fn wait() -> Duration {
    let secs = std::env::var("DIPLINT_LSP_TEST_WAIT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    Duration::from_secs(secs)
}

type Writer = Arc<tokio::sync::Mutex<Box<dyn AsyncWrite + Send + Unpin>>>;

pub struct TestClient {
    writer: Writer,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Messages received and not yet consumed by a wait.
    buffered: Vec<Value>,
    /// Every message received, in order.
    pub transcript: Vec<Value>,
    next_id: i64,
    /// The answer to `workspace/configuration` (the `diplint` section).
    pub configuration: Arc<Mutex<Value>>,
    server: Option<tokio::task::JoinHandle<i32>>,
}

/// Writes one framed JSON-RPC message.
pub async fn write_message(writer: &Writer, message: &Value) {
    let body = message.to_string();
    let mut w = writer.lock().await;
    let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
    w.write_all(framed.as_bytes())
        .await
        .expect("write to server");
    w.flush().await.expect("flush to server");
}

/// Reads one framed message; `None` at the end of the stream.
async fn read_message<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

impl TestClient {
    /// A client talking to an in-process server.
    pub fn in_process(options: Options) -> TestClient {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        let server = tokio::spawn(diplint::lsp::serve(server_read, server_write, options));
        let (read, write) = tokio::io::split(client_end);
        let mut c = TestClient::over(read, Box::new(write));
        c.server = Some(server);
        c
    }

    /// A client over any pair of streams (the binary's stdout and stdin).
    pub fn over<R>(read: R, write: Box<dyn AsyncWrite + Send + Unpin>) -> TestClient
    where
        R: AsyncRead + Unpin + Send + 'static,
    {
        let writer: Writer = Arc::new(tokio::sync::Mutex::new(write));
        let configuration = Arc::new(Mutex::new(Value::Null));
        let (tx, rx) = mpsc::unbounded_channel();
        let answer_writer = writer.clone();
        let answer_config = configuration.clone();
        tokio::spawn(async move {
            let mut reader = BufReader::new(read);
            while let Some(message) = read_message(&mut reader).await {
                if let (Some(method), Some(id)) = (message.get("method"), message.get("id")) {
                    let result = match method.as_str() {
                        Some("workspace/configuration") => {
                            let items = message["params"]["items"].as_array().map_or(0, Vec::len);
                            let value = answer_config.lock().unwrap().clone();
                            Value::Array(vec![value; items])
                        }
                        _ => Value::Null,
                    };
                    let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
                    write_message(&answer_writer, &reply).await;
                }
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        TestClient {
            writer,
            incoming: rx,
            buffered: Vec::new(),
            transcript: Vec::new(),
            next_id: 0,
            configuration,
            server: None,
        }
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        let message = json!({"jsonrpc": "2.0", "method": method, "params": params});
        write_message(&self.writer, &message).await;
    }

    /// Sends a request without waiting; returns its id.
    pub async fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        write_message(&self.writer, &message).await;
        id
    }

    /// Sends raw bytes (for malformed input).
    pub async fn send_raw(&mut self, body: &str) {
        let mut w = self.writer.lock().await;
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        w.write_all(framed.as_bytes()).await.unwrap();
        w.flush().await.unwrap();
    }

    /// The whole response message (`result` or `error`) to a request.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params).await;
        self.response(id).await
    }

    /// The `result` of a request; panics on an error response.
    pub async fn call(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    pub async fn response(&mut self, id: i64) -> Value {
        self.wait_for(&format!("response {id}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
        .await
    }

    /// The first message (buffered or to come) that `matches`, consumed.
    pub async fn wait_for(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.buffered.iter().position(&matches) {
            return self.buffered.remove(i);
        }
        let deadline = tokio::time::Instant::now() + wait();
        loop {
            let next = tokio::time::timeout_at(deadline, self.incoming.recv()).await;
            match next {
                Ok(Some(message)) => {
                    self.transcript.push(message.clone());
                    if matches(&message) {
                        return message;
                    }
                    self.buffered.push(message);
                }
                Ok(None) => panic!("server closed the stream while waiting for {what}"),
                Err(_) => panic!(
                    "timed out waiting for {what}; received: {}",
                    serde_json::to_string_pretty(&self.buffered).unwrap()
                ),
            }
        }
    }

    /// Whether a message arrives within `wait` (consumed if it does).
    pub async fn maybe(
        &mut self,
        wait: Duration,
        matches: impl Fn(&Value) -> bool,
    ) -> Option<Value> {
        if let Some(i) = self.buffered.iter().position(&matches) {
            return Some(self.buffered.remove(i));
        }
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, self.incoming.recv()).await {
                Ok(Some(message)) => {
                    self.transcript.push(message.clone());
                    if matches(&message) {
                        return Some(message);
                    }
                    self.buffered.push(message);
                }
                _ => return None,
            }
        }
    }

    /// The next `publishDiagnostics` for `uri` (with `version`, when given): its diagnostics.
    pub async fn published(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let message = self
            .wait_for(&format!("diagnostics of {uri} v{version:?}"), |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && version.is_none_or(|v| m["params"]["version"] == v)
            })
            .await;
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// `initialize` and `initialized`; returns the server's capabilities.
    pub async fn initialize(
        &mut self,
        capabilities: Value,
        options: Value,
        root: Option<&str>,
    ) -> Value {
        let params = json!({
            "processId": null,
            "rootUri": root,
            "workspaceFolders": root.map(|r| json!([{"uri": r, "name": "ws"}])),
            "capabilities": capabilities,
            "initializationOptions": options,
        });
        let result = self.call("initialize", params).await;
        self.notify("initialized", json!({})).await;
        result["capabilities"].clone()
    }

    pub async fn open(&mut self, uri: &str, language: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
        )
        .await;
    }

    /// One incremental change: replace `range` ((line, char), (line, char)) by `text`.
    pub async fn change(
        &mut self,
        uri: &str,
        version: i64,
        range: ((u32, u32), (u32, u32)),
        text: &str,
    ) {
        let ((sl, sc), (el, ec)) = range;
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}, "text": text}]
            }),
        )
        .await;
    }

    /// The in-process server's exit code, once it ends.
    pub async fn server_exit_code(&mut self) -> i32 {
        let server = self.server.take().expect("an in-process server");
        tokio::time::timeout(wait(), server)
            .await
            .expect("server ends")
            .expect("server task")
    }

    /// `shutdown` then `exit`; the server's exit code when in-process.
    pub async fn shutdown(mut self) -> Option<i32> {
        let response = self.request("shutdown", Value::Null).await;
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null).await;
        match self.server.take() {
            Some(server) => Some(
                tokio::time::timeout(wait(), server)
                    .await
                    .expect("server ends after exit")
                    .expect("server task"),
            ),
            None => None,
        }
    }
}

/// Client capabilities: push diagnostics, UTF-16, with workspace edits by document changes.
pub fn push_capabilities() -> Value {
    json!({
        "workspace": {
            "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create"]},
            "configuration": true,
            "didChangeWatchedFiles": {"dynamicRegistration": true},
        },
        "textDocument": {"publishDiagnostics": {"versionSupport": true, "relatedInformation": true}},
    })
}

/// Client capabilities declaring pull diagnostics.
pub fn pull_capabilities() -> Value {
    json!({
        "workspace": {"diagnostics": {"refreshSupport": true}, "configuration": true},
        "textDocument": {"diagnostic": {"dynamicRegistration": false}},
    })
}

/// Options for tests: a short debounce, and the engine's checks plus [`KnownFindings`].
pub fn test_options() -> Options {
    let factory: EngineFactory = Arc::new(|registry| {
        let mut checks = diplint::rules::checks(&registry);
        checks.push(Box::new(KnownFindings));
        Engine::with_checks(registry, checks)
    });
    Options {
        debounce: Duration::from_millis(30),
        engine_factory: factory,
    }
}

/// Client settings dating every document 2021-09-24 (so that `registry/stale` stays out of
/// the way whatever today is).
pub fn dated() -> Value {
    json!({"documentDate": "2021-09-24"})
}

/// Options with the real engine only.
pub fn real_options() -> Options {
    Options {
        debounce: Duration::from_millis(30),
        ..Options::default()
    }
}

/// A check with findings known in advance, so the server's mechanics are tested whatever the
/// real rules find:
/// - "Thursday, 24 September 2021": `date/weekday-mismatch` on "Thursday", fix "Friday";
/// - "Jashankar": `person/misspelled`, fix "Jaishankar";
/// - a second "(XYZ)": `acronym/conflict`, related to the first;
/// - "On Thursday": a relative date, 23 September 2021 (an annotation).
pub struct KnownFindings;

static RULES: [&RuleInfo; 3] = [
    &diplint::rules::date::WEEKDAY_MISMATCH,
    &diplint::rules::person::MISSPELLED,
    &diplint::rules::acronym::CONFLICT,
];

impl Check for KnownFindings {
    fn rules(&self) -> &'static [&'static RuleInfo] {
        &RULES
    }

    fn decide(&self, cx: &Context, _paragraphs: &Paragraphs<'_>, out: &mut Output) {
        let text = cx.text;
        for (at, _) in text.match_indices("Thursday, 24 September 2021") {
            out.push(
                Finding::new(
                    &diplint::rules::date::WEEKDAY_MISMATCH,
                    at..at + "Thursday".len(),
                    "24 September 2021 was a Friday, not a Thursday",
                )
                .with_fix(Fix::replace_with("Friday")),
            );
        }
        for (at, w) in text.match_indices("Jashankar") {
            out.push(
                Finding::new(
                    &diplint::rules::person::MISSPELLED,
                    at..at + w.len(),
                    "'Jashankar' looks like a misspelling of 'Jaishankar'",
                )
                .with_fix(Fix::replace_with("Jaishankar")),
            );
        }
        let xyz: Vec<usize> = text.match_indices("(XYZ)").map(|(i, _)| i + 1).collect();
        if let [first, rest @ ..] = xyz.as_slice() {
            for &at in rest {
                out.push(
                    Finding::new(
                        &diplint::rules::acronym::CONFLICT,
                        at..at + 3,
                        "XYZ is spelt out twice",
                    )
                    .with_related(*first..first + 3, "first spelt out here"),
                );
            }
        }
        for (at, w) in text.match_indices("On Thursday") {
            let day = jiff::civil::date(2021, 9, 23);
            out.annotate(
                at + 3..at + w.len(),
                Subject::Date {
                    start: day,
                    end: day,
                    relative: true,
                    note: "the Thursday before the dateline (Friday 24 September 2021)".into(),
                },
            );
        }
    }
}

/// The diagnostics of one rule.
pub fn of_rule<'a>(diagnostics: &'a [Value], rule: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == rule).collect()
}

/// A range as ((line, character), (line, character)).
pub fn range_of(d: &Value) -> ((u64, u64), (u64, u64)) {
    let r = if d.get("range").is_some() {
        &d["range"]
    } else {
        d
    };
    let p = |v: &Value| {
        (
            v["line"].as_u64().unwrap(),
            v["character"].as_u64().unwrap(),
        )
    };
    (p(&r["start"]), p(&r["end"]))
}

/// A fresh temporary folder as a path and a `file://` URI.
pub fn temp_workspace(name: &str) -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("diplint-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let uri = format!("file://{}", dir.display());
    (dir, uri)
}

/// The text edits of a workspace edit for one document (`changes` or `documentChanges`).
pub fn edits_for(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(edits) = edit["changes"][uri].as_array() {
        return edits.clone();
    }
    edit["documentChanges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["textDocument"]["uri"] == uri)
        .flat_map(|c| c["edits"].as_array().cloned().unwrap_or_default())
        .collect()
}

impl TestClient {
    /// Applies a workspace edit's text edits to an open document, as an editor would: one
    /// `didChange` with the edits from last to first (each edit's range is in the text before
    /// any of them).
    pub async fn apply(&mut self, uri: &str, version: i64, edit: &Value) {
        let mut edits = edits_for(edit, uri);
        assert!(!edits.is_empty(), "no edit for {uri} in {edit}");
        edits.sort_by_key(|e| std::cmp::Reverse(range_of(e).0));
        let changes: Vec<Value> = edits
            .iter()
            .map(|e| json!({"range": e["range"], "text": e["newText"]}))
            .collect();
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }

    /// The code actions over a range.
    pub async fn code_actions(
        &mut self,
        uri: &str,
        range: Value,
        only: Option<Value>,
    ) -> Vec<Value> {
        let mut context = json!({"diagnostics": []});
        if let Some(only) = only {
            context["only"] = only;
        }
        let result = self
            .call(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": range, "context": context}),
            )
            .await;
        result.as_array().cloned().unwrap_or_default()
    }
}

/// The action with this title.
pub fn titled<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| {
            panic!(
                "no action {title:?} in {}",
                serde_json::to_string_pretty(actions).unwrap()
            )
        })
}
