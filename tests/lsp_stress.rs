//! The language server under stress: a thousand rapid edits with requests and cancellations
//! in between, edits for documents never opened and with versions that do not increase, and
//! clients that disappear in the middle of a request. The server stays up, answers every
//! request (a result, or the error of a cancelled request), and its last diagnostics are
//! those of the final text.

mod lsp_common;

use diplint::document::{DocKind, Document, Encoding};
use lsp_common::*;
use serde_json::{Value, json};

const URI: &str = "file:///tmp/diplint-stress/report.md";
const FRESH: &str = "file:///tmp/diplint-stress/fresh.md";
const UNOPENED: &str = "file:///tmp/diplint-stress/never-opened.md";

/// Pieces typed into the document: words the rules react to, line breaks, multi-byte text.
const TYPED: [&str; 12] = [
    "Prime Minister Yoshihide Suga ",
    "met ",
    "on Thursday, 24 September 2021",
    ". ",
    "\n",
    "\r\n",
    "António Guterres ",
    "😀 ",
    "Phillipines ",
    "the UNGA ",
    "&amp;nbsp;",
    "",
];

/// A small deterministic generator, so that a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize % n.max(1)
    }
}

fn options() -> diplint::lsp::Options {
    diplint::lsp::Options {
        debounce: std::time::Duration::from_millis(5),
        ..diplint::lsp::Options::default()
    }
}

fn seen(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| format!("{} {} {}", d["code"], d["range"], d["message"]))
        .collect()
}

/// A range as the test client sends it: ((line, character), (line, character)).
type LspRange = ((u32, u32), (u32, u32));

/// A range of the text the client holds, as UTF-16 positions, and its byte range.
fn pick_range(text: &str, rng: &mut Lcg) -> (LspRange, std::ops::Range<usize>) {
    let bytes = text.as_bytes();
    let cursors: Vec<usize> = (0..=text.len())
        .filter(|&o| text.is_char_boundary(o))
        .filter(|&o| !(o > 0 && bytes[o - 1] == b'\r' && bytes.get(o) == Some(&b'\n')))
        .collect();
    let a = cursors[rng.below(cursors.len())];
    // Mostly typing (an empty range), sometimes a selection of a few characters.
    let b = if rng.below(4) == 0 {
        let i = cursors.iter().position(|&c| c == a).unwrap();
        cursors[(i + rng.below(6)).min(cursors.len() - 1)]
    } else {
        a
    };
    let doc = Document::new(text.to_string(), DocKind::Plain);
    let (s, e) = (
        doc.lsp_position(a, Encoding::Utf16),
        doc.lsp_position(b, Encoding::Utf16),
    );
    (((s.line, s.col), (e.line, e.col)), a..b)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_edits_with_requests_cancellations_and_bad_versions() {
    let mut c = TestClient::in_process(options());
    c.initialize(push_capabilities(), dated(), None).await;
    let mut text = String::from("Talks.\n");
    c.open(URI, "markdown", 1, &text).await;
    let mut rng = Lcg(2021);
    let mut version = 1;
    let mut requests = Vec::new();
    for step in 0..1_000 {
        let (range, bytes) = pick_range(&text, &mut rng);
        let typed = TYPED[rng.below(TYPED.len())];
        // Every 97th edit repeats an old version; it is still the client's latest text.
        version = if step % 97 == 0 {
            version - 1
        } else {
            version + 1
        };
        c.change(URI, version, range, typed).await;
        text.replace_range(bytes, typed);
        if step % 50 == 0 {
            c.change(UNOPENED, step, ((0, 0), (0, 0)), "Lost.").await;
        }
        if step % 10 == 0 {
            let (position, _) = pick_range(&text, &mut rng);
            let at = json!({"line": position.0.0, "character": position.0.1});
            let doc = json!({"uri": URI});
            let id = match step % 30 {
                0 => {
                    c.send_request(
                        "textDocument/hover",
                        json!({"textDocument": doc, "position": at}),
                    )
                    .await
                }
                10 => {
                    c.send_request(
                        "textDocument/completion",
                        json!({"textDocument": doc, "position": at}),
                    )
                    .await
                }
                _ => {
                    c.send_request(
                        "textDocument/codeAction",
                        json!({"textDocument": doc, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}),
                    )
                    .await
                }
            };
            requests.push(id);
            if step % 40 == 0 {
                c.notify("$/cancelRequest", json!({"id": id})).await;
            }
        }
    }
    // Every request is answered: with its result, or as cancelled.
    for id in requests {
        let response = c.response(id).await;
        let answered =
            response.get("result").is_some() || response["error"]["code"] == json!(-32800);
        assert!(answered, "request {id}: {response}");
    }
    // The diagnostics of the final text, opened fresh, are published for the edited document
    // with its last version, and are the last published for it.
    c.open(FRESH, "markdown", 1, &text).await;
    let fresh = seen(&c.published(FRESH, Some(1)).await);
    let is_final = |m: &Value| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == URI
            && m["params"]["version"] == json!(version)
    };
    c.wait_for("the final diagnostics", is_final).await;
    // Whatever comes later lands in the transcript, which keeps every message in order.
    c.maybe(std::time::Duration::from_millis(300), |_| false)
        .await;
    let last = c
        .transcript
        .iter()
        .rev()
        .find(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == URI)
        .unwrap();
    assert_eq!(last["params"]["version"], json!(version));
    assert_eq!(
        seen(last["params"]["diagnostics"].as_array().unwrap()),
        fresh
    );
    assert_eq!(c.shutdown().await, Some(0));
}

/// Clients that go away: while requests are in flight, with edits half sent, and before
/// `initialize` completes. Each time the server ends by itself (status 1: no `shutdown`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_disappears_mid_request() {
    use tokio::io::AsyncWriteExt;
    // Requests in flight.
    let (client_end, server_end) = tokio::io::duplex(1 << 16);
    let (read, write) = tokio::io::split(server_end);
    let server = tokio::spawn(diplint::lsp::serve(read, write, options()));
    let (client_read, mut client_write) = tokio::io::split(client_end);
    let frame = |v: Value| {
        let body = v.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    };
    let mut script = String::new();
    script += &frame(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "initializationOptions": {"documentDate": "2021-09-24"}}}),
    );
    script += &frame(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let text = "Prime Minister Yoshihide Suga met on Thursday, 24 September 2021.\n".repeat(500);
    script += &frame(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    for id in 2..40 {
        script += &frame(
            json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {"textDocument": {"uri": URI}, "position": {"line": id, "character": 20}}}),
        );
    }
    // Half a message, then the client is gone: reader and writer both dropped.
    script += "Content-Length: 500\r\n\r\n{\"jsonrpc\": \"2.0\", \"id\": 99, \"meth";
    client_write.write_all(script.as_bytes()).await.unwrap();
    drop(client_write);
    drop(client_read);
    let code = tokio::time::timeout(wait(), server)
        .await
        .expect("the server ends when its client is gone")
        .expect("server task");
    assert_eq!(code, 1);

    // Before `initialize` is answered.
    let (client_end, server_end) = tokio::io::duplex(1 << 16);
    let (read, write) = tokio::io::split(server_end);
    let server = tokio::spawn(diplint::lsp::serve(read, write, options()));
    let (client_read, mut client_write) = tokio::io::split(client_end);
    let init = frame(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    client_write.write_all(init.as_bytes()).await.unwrap();
    drop(client_read);
    drop(client_write);
    let code = tokio::time::timeout(wait(), server)
        .await
        .expect("the server ends when its client is gone")
        .expect("server task");
    assert_eq!(code, 1);
}
