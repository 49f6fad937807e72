//! The built binary on stdio: `diplint lsp` with the real engine, and a clean end on `exit`
//! while the client keeps stdin open.

mod lsp_common;

use lsp_common::*;
use serde_json::json;
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Starts `diplint lsp` and a client on its stdio. The pipes are pumped by threads (the crate's
/// tokio has no process support); stdin stays open as long as the client lives.
fn start() -> (TestClient, Child) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_diplint"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start diplint lsp");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let handle = tokio::runtime::Handle::current();
    let (to_server, mut server_side_in) = tokio::io::duplex(1 << 20);
    let (mut server_side_out, from_server) = tokio::io::duplex(1 << 20);
    let h = handle.clone();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match h.block_on(server_side_in.read(&mut buf)) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if stdin
                .write_all(&buf[..n])
                .and_then(|_| stdin.flush())
                .is_err()
            {
                break;
            }
        }
        // Keep stdin open: the point is that `exit` alone ends the server.
        std::thread::sleep(Duration::from_secs(30));
        drop(stdin);
    });
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match stdout.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if handle
                .block_on(server_side_out.write_all(&buf[..n]))
                .is_err()
            {
                break;
            }
        }
    });
    let (read, _) = tokio::io::split(from_server);
    (TestClient::over(read, Box::new(to_server)), child)
}

/// Waits for the process to end on its own.
fn exit_status(child: &mut Child, within: Duration) -> Option<i32> {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_serves_on_stdio_and_exits_on_exit_with_stdin_open() {
    let (mut c, mut child) = start();
    let caps = c.initialize(push_capabilities(), json!(null), None).await;
    assert_eq!(caps["textDocumentSync"]["change"], 2);
    let uri = "file:///tmp/diplint-lsp-binary/2099-report.md";
    let text = "Date: 1 January 2099\n\nToshimitsu Motegi met them 😀.\n\nPrime Minister ";
    c.open(uri, "markdown", 1, text).await;
    let diagnostics = c.published(uri, Some(1)).await;
    let stale = of_rule(&diagnostics, "registry/stale");
    assert_eq!(stale.len(), 1, "{diagnostics:?}");
    assert_eq!(range_of(stale[0]), ((0, 6), (0, 20)));
    assert_eq!(stale[0]["severity"], 3);

    let hover = c
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 13}}),
        )
        .await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Minister for Foreign Affairs of Japan"),
        "{hover}"
    );

    // Config: the rule off, its diagnostic gone.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"diplint": {"rules": {"registry/stale": "off"}}}}),
    )
    .await;
    let diagnostics = c.published(uri, Some(1)).await;
    assert!(
        of_rule(&diagnostics, "registry/stale").is_empty(),
        "{diagnostics:?}"
    );

    let response = c.request("shutdown", json!(null)).await;
    assert!(response["result"].is_null() && response.get("error").is_none());
    c.notify("exit", json!(null)).await;
    let status =
        tokio::task::spawn_blocking(move || exit_status(&mut child, Duration::from_secs(10)))
            .await
            .unwrap();
    assert_eq!(
        status,
        Some(0),
        "diplint lsp must end on exit even with stdin open"
    );
    drop(c);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_exits_with_1_on_exit_without_shutdown() {
    let (mut c, mut child) = start();
    c.initialize(push_capabilities(), json!(null), None).await;
    c.notify("exit", json!(null)).await;
    let status =
        tokio::task::spawn_blocking(move || exit_status(&mut child, Duration::from_secs(10)))
            .await
            .unwrap();
    assert_eq!(status, Some(1));
    drop(c);
}
