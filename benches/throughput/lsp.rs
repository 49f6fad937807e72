//! The language server, driven over stdio as an editor drives it: the time from a
//! one-character `didChange` to the `publishDiagnostics` that answers it, and the server's peak
//! memory with ten large documents open.

use super::{Options, corpus, diplint_bin, ms, percentile, row};
use diplint::registry::Registry;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long to wait for any one answer before calling the server stuck.
const PATIENCE: Duration = Duration::from_secs(20);

/// A message from the server and when it arrived.
struct Incoming {
    at: Instant,
    message: Value,
}

struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Incoming>,
    next_id: i64,
    /// Whether the server takes ranged changes (`textDocumentSync` 2) or whole texts (1).
    incremental: bool,
}

/// The argument that makes this binary the language server, as `diplint lsp` but with no
/// debounce: the latency measured is the server's work, not the wait it adds on purpose.
pub const SERVE_FLAG: &str = "--serve-lsp-without-debounce";

/// `diplint lsp` with a debounce of zero, on stdin and stdout.
pub fn serve_without_debounce() -> i32 {
    diplint::allocator::for_server();
    let Ok(runtime) = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    else {
        return 2;
    };
    let options = diplint::lsp::Options {
        debounce: Duration::ZERO,
        ..Default::default()
    };
    let code = runtime.block_on(diplint::lsp::serve(
        tokio::io::stdin(),
        tokio::io::stdout(),
        options,
    ));
    runtime.shutdown_timeout(Duration::from_millis(100));
    code
}

/// Which server to start.
enum Binary {
    /// `diplint lsp`, as editors run it.
    Diplint,
    /// This binary serving without debounce.
    NoDebounce,
}

impl Server {
    fn start(binary: Binary) -> Server {
        let mut command = match binary {
            Binary::Diplint => {
                let mut c = Command::new(diplint_bin());
                c.arg("lsp");
                c
            }
            Binary::NoDebounce => {
                let mut c = Command::new(std::env::current_exe().expect("own path"));
                c.arg(SERVE_FLAG);
                c
            }
        };
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start diplint lsp");
        let stdin = child.stdin.take().expect("server stdin");
        let stdout = child.stdout.take().expect("server stdout");
        let (send, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(body) = read_body(&mut reader) {
                // When the whole message is in: parsing it is the client's work, not the
                // server's latency.
                let at = Instant::now();
                let Ok(message) = serde_json::from_slice(&body) else {
                    break;
                };
                if send.send(Incoming { at, message }).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            stdin,
            incoming,
            next_id: 1,
            incremental: false,
        };
        server.initialize();
        server
    }

    fn send(&mut self, message: Value) -> Instant {
        let body = message.to_string();
        let at = Instant::now();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
        at
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let incoming = self.receive().expect("answer to a request");
            let m = incoming.message;
            if m.get("id") == Some(&json!(id)) && m.get("method").is_none() {
                return m.get("result").cloned().unwrap_or(Value::Null);
            }
            self.answer_server_request(&m);
        }
    }

    fn notify(&mut self, method: &str, params: Value) -> Instant {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    fn receive(&self) -> Option<Incoming> {
        match self.incoming.recv_timeout(PATIENCE) {
            Ok(m) => Some(m),
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    /// The server may ask for configuration or to register capabilities: answer as an editor
    /// with no settings does.
    fn answer_server_request(&mut self, m: &Value) {
        let (Some(id), Some(method)) = (m.get("id"), m.get("method").and_then(Value::as_str))
        else {
            return;
        };
        let result = match method {
            "workspace/configuration" => {
                let items = m["params"]["items"].as_array().map_or(1, Vec::len);
                Value::Array(vec![Value::Null; items])
            }
            _ => Value::Null,
        };
        let id = id.clone();
        self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    fn initialize(&mut self) {
        let result = self.request(
            "initialize",
            json!({
                "processId": std::process::id(),
                "rootUri": null,
                "capabilities": {
                    "general": {"positionEncodings": ["utf-8", "utf-16"]},
                    "textDocument": {"publishDiagnostics": {"versionSupport": true}}
                },
                "initializationOptions": {}
            }),
        );
        let sync = &result["capabilities"]["textDocumentSync"];
        let kind = sync
            .as_i64()
            .or_else(|| sync["change"].as_i64())
            .unwrap_or(1);
        self.incremental = kind == 2;
        self.notify("initialized", json!({}));
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    /// Waits for the diagnostics of `uri`, at `version` when the server tells versions; returns
    /// when they arrived.
    fn diagnostics_for(&mut self, uri: &str, version: i64) -> Option<Instant> {
        loop {
            let incoming = self.receive()?;
            let m = &incoming.message;
            if m.get("method").and_then(Value::as_str) == Some("textDocument/publishDiagnostics") {
                let params = &m["params"];
                let versioned = params["version"].as_i64();
                if params["uri"] == uri && versioned.is_none_or(|v| v >= version) {
                    return Some(incoming.at);
                }
            } else {
                self.answer_server_request(m);
            }
        }
    }

    /// The CPU time the server used so far, user and system, every thread (Linux).
    fn cpu_time(&self) -> Option<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).ok()?;
        // The fields after the command name, which is in parentheses and may hold spaces:
        // utime and stime are the 14th and 15th fields, in clock ticks (USER_HZ, 100 on
        // Linux whatever the kernel's own tick).
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks = |n: usize| fields.get(n - 3)?.parse::<u64>().ok();
        const TICKS_PER_SECOND: u64 = 100;
        let total = ticks(14)? + ticks(15)?;
        Some(Duration::from_millis(total * 1000 / TICKS_PER_SECOND))
    }

    /// Reads VmHWM and VmRSS from /proc (Linux), in MB.
    fn memory(&self) -> Option<(f64, f64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| -> Option<f64> {
            let line = status.lines().find(|l| l.starts_with(name))?;
            let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb / 1024.0)
        };
        Some((field("VmHWM:")?, field("VmRSS:")?))
    }

    /// Opens `texts` one after the other, each waited for; whether all were answered.
    fn open_all(&mut self, texts: &[String]) -> bool {
        for (i, text) in texts.iter().enumerate() {
            let uri = document_uri(i);
            self.open(&uri, text);
            if self.diagnostics_for(&uri, 1).is_none() {
                row(
                    "lsp: diagnostics for ten open documents",
                    "no answer".into(),
                    "",
                    Some(false),
                );
                return false;
            }
        }
        true
    }

    /// Rounds of edits of the documents `open_all` opened: in each, one letter typed at the
    /// start of a line of every document, all sent at once, then every answer waited for.
    fn edit_rounds(&mut self, texts: &[String], rounds: usize) -> bool {
        let lines: Vec<usize> = texts.iter().map(|t| t.matches('\n').count()).collect();
        for round in 0..rounds {
            let version = round as i64 + 2;
            for (i, &count) in lines.iter().enumerate() {
                let line = (round * 37 + i * 11) % count.max(1);
                self.notify(
                    "textDocument/didChange",
                    json!({
                        "textDocument": {"uri": document_uri(i), "version": version},
                        "contentChanges": [{"range": {
                            "start": {"line": line, "character": 0},
                            "end": {"line": line, "character": 0}},
                            "text": "x"}]
                    }),
                );
            }
            if !self.all_diagnostics((0..texts.len()).map(document_uri).collect(), version) {
                return false;
            }
        }
        true
    }

    /// Waits for the diagnostics of every one of `uris` at `version`, in any order.
    fn all_diagnostics(&mut self, mut uris: Vec<String>, version: i64) -> bool {
        while !uris.is_empty() {
            let Some(incoming) = self.receive() else {
                return false;
            };
            let m = &incoming.message;
            if m.get("method").and_then(Value::as_str) == Some("textDocument/publishDiagnostics") {
                let params = &m["params"];
                if params["version"].as_i64().is_none_or(|v| v >= version) {
                    uris.retain(|uri| params["uri"] != uri.as_str());
                }
            } else {
                self.answer_server_request(m);
            }
        }
        true
    }

    fn stop(mut self) {
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": "shutdown", "params": null}));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            match self.incoming.recv_timeout(Duration::from_millis(200)) {
                Ok(m) if m.message.get("id") == Some(&json!(id)) => break,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One LSP message (`Content-Length` framing), or `None` at the end of the stream.
/// The body of the next message.
fn read_body(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
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
    reader.read_exact(&mut body).ok()?;
    Some(body)
}

fn document_uri(i: usize) -> String {
    format!("file:///bench/doc-{i}.md")
}

/// A document of about 1 MB of report text.
fn big_document(registry: &Registry, seed: u64, quick: bool) -> String {
    let mut generator = corpus::Generator::new(registry, seed);
    let words = if quick { 40_000 } else { 160_000 };
    loop {
        let (text, markdown) = generator.report(words);
        if markdown {
            return text;
        }
    }
}

/// The (line, UTF-16 column) of a byte offset, for a text without surrogate pairs before it.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].encode_utf16().count();
    (line, column)
}

pub fn run(options: &Options, registry: &Registry) {
    if options.wants("lsp") {
        latency(options, registry);
    }
    if options.wants("memory") {
        memory(options, registry);
    }
}

/// Types one letter and deletes it again, alternately, at places spread through a 1 MB
/// document, and times each edit until its diagnostics arrive.
fn latency(options: &Options, registry: &Registry) {
    let mut text = big_document(registry, 0xB16, options.quick);
    let uri = "file:///bench/big.md";
    let mut server = Server::start(Binary::NoDebounce);
    server.open(uri, &text);
    let opened = Instant::now();
    if server.diagnostics_for(uri, 1).is_none() {
        row(
            "lsp: diagnostics after didOpen of 1 MB",
            "no answer".into(),
            "",
            Some(false),
        );
        server.stop();
        return;
    }
    row(
        &format!(
            "lsp: first diagnostics after didOpen, {:.1} MB",
            text.len() as f64 / super::MB
        ),
        ms(opened.elapsed()),
        "",
        None,
    );
    let edits = if options.quick { 20 } else { 300 };
    let mut rng = corpus::Rng::new(0xED17);
    let mut latencies = Vec::with_capacity(edits);
    let mut version = 1;
    let mut at = 0;
    let cpu_before = server.cpu_time();
    for i in 0..edits {
        version += 1;
        let typing = i % 2 == 0;
        if typing {
            // A place inside a word, after a space: where a writer adds a letter.
            let probe = rng.below(text.len());
            at = text[probe..]
                .find(' ')
                .map_or(0, |p| probe + p + 1)
                .min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
        }
        let (line, column) = position(&text, at);
        let (range_end, new_text) = if typing {
            ((line, column), "x")
        } else {
            ((line, column + 1), "")
        };
        if typing {
            text.insert(at, 'x');
        } else {
            text.remove(at);
        }
        let change = if server.incremental {
            json!({"range": {
                "start": {"line": line, "character": column},
                "end": {"line": range_end.0, "character": range_end.1}},
                "text": new_text})
        } else {
            json!({"text": text})
        };
        let sent = server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        match server.diagnostics_for(uri, version) {
            Some(arrived) => latencies.push(arrived.saturating_duration_since(sent)),
            None => break,
        }
    }
    let cpu = server
        .cpu_time()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    let after_edits = server.memory();
    server.stop();
    latencies.sort();
    let p50 = percentile(&latencies, 0.5);
    let p99 = percentile(&latencies, 0.99);
    row(
        &format!(
            "lsp: 1-char didChange -> diagnostics, 1 MB, no debounce (p50, {} edits)",
            latencies.len()
        ),
        ms(p50),
        "",
        None,
    );
    row(
        "lsp: 1-char didChange -> diagnostics, 1 MB, no debounce (p99)",
        ms(p99),
        "< 5 ms",
        Some(latencies.len() == edits && p99 < Duration::from_millis(5)),
    );
    if let Some(cpu) = cpu {
        row(
            "  server CPU time per edit, all threads (mean)",
            ms(cpu / latencies.len().max(1) as u32),
            "",
            None,
        );
    }
    if let Some((hwm, rss)) = after_edits {
        row(
            "  server memory after the edits, peak (VmHWM) / now (VmRSS)",
            format!("{hwm:.1} / {rss:.1} MB"),
            "",
            None,
        );
    }
}

/// Ten documents of 1 MB open at once: the server's peak resident memory, for documents that
/// are each one long report, and for documents that each join 150 reports (front matter,
/// headings, lists and many more findings), which then take rounds of edits.
fn memory(options: &Options, registry: &Registry) {
    let reports: Vec<String> = (0..10u64)
        .map(|i| big_document(registry, 0xD0C + i, options.quick))
        .collect();
    let mut server = Server::start(Binary::Diplint);
    let idle = server.memory();
    if let Some((hwm, _)) = idle {
        row(
            "lsp: server memory, idle (VmHWM)",
            format!("{hwm:.1} MB"),
            "",
            None,
        );
    }
    let opened = server.open_all(&reports);
    let loaded = server.memory();
    server.stop();
    if opened {
        peak_rows("ten 1 MB documents", loaded);
    }
    joined_reports(options, registry);
}

/// Ten documents that each join 150 reports of the folder corpus: the peak once open, then
/// what stays resident after rounds of one-character edits across the ten, right after the
/// last diagnostics and once the server has been idle long enough to give freed memory back.
fn joined_reports(options: &Options, registry: &Registry) {
    let per_document = if options.quick { 20 } else { 150 };
    let reports = corpus::reports(registry, super::SEED, 1000, 10 * per_document * 7000);
    let texts: Vec<String> = reports
        .chunks(per_document)
        .take(10)
        .map(|chunk| {
            let texts: Vec<&str> = chunk.iter().map(|(text, _)| text.as_str()).collect();
            texts.join("\n\n")
        })
        .collect();
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / super::MB / 10.0;
    let mut server = Server::start(Binary::Diplint);
    if !server.open_all(&texts) {
        server.stop();
        return;
    }
    peak_rows(
        &format!("ten {mb:.1} MB documents of {per_document} joined reports"),
        server.memory(),
    );
    let rounds = if options.quick { 3 } else { 30 };
    let answered = server.edit_rounds(&texts, rounds);
    let after = server.memory();
    // The server gives freed memory back after 5 s without edits.
    std::thread::sleep(Duration::from_secs(6));
    let idle = server.memory();
    server.stop();
    if !answered {
        row(
            "lsp: diagnostics after edits of joined reports",
            "no answer".into(),
            "",
            Some(false),
        );
        return;
    }
    let after_rounds = format!("  ... after {rounds} rounds of edits across the ten (VmRSS)");
    for (when, memory) in [
        (after_rounds.as_str(), after),
        ("  ... then 6 s idle (VmRSS)", idle),
    ] {
        if let Some((_, rss)) = memory {
            row(when, format!("{rss:.1} MB"), "< 100 MB", Some(rss < 100.0));
        }
    }
}

/// The peak memory with `what` open, and the memory then.
fn peak_rows(what: &str, memory: Option<(f64, f64)>) {
    match memory {
        Some((hwm, rss)) => {
            row(
                &format!("lsp: peak memory, {what} (VmHWM)"),
                format!("{hwm:.1} MB"),
                "< 100 MB",
                Some(hwm < 100.0),
            );
            row(
                "lsp: server memory then (VmRSS)",
                format!("{rss:.1} MB"),
                "",
                None,
            );
        }
        None => row(
            "lsp: server peak memory",
            "no /proc".into(),
            "< 100 MB",
            None,
        ),
    }
}
