//! Latency on a large document, measured through the protocol (run by hand:
//! `cargo test --release --test lsp_latency -- --ignored --nocapture`).

mod lsp_common;

use lsp_common::*;
use serde_json::json;
use std::time::{Duration, Instant};

/// About `bytes` of report-like prose, written for this test.
fn big_report(bytes: usize) -> String {
    let paragraph = "On Thursday, Japanese Prime Minister Yoshihide Suga met his Indian counterpart \
Narendra Modi in New York. The leaders reaffirmed their commitment to a free and open Indo-Pacific \
with the United States (US) and Australia. Foreign Minister Toshimitsu Motegi held talks with \
officials from Qatar, Pakistan and the Republic of Korea on the sidelines of the 76th session of \
the UN General Assembly (UNGA). António Guterres welcomed the progress 😀.\n\n";
    let mut text = String::from("September 24, 2021\n\n");
    while text.len() < bytes {
        text.push_str(paragraph);
    }
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement, not a test"]
async fn edit_to_diagnostics_on_a_1_mb_document() {
    let mut options = real_options();
    options.debounce = Duration::ZERO;
    let mut c = TestClient::in_process(options);
    c.initialize(push_capabilities(), json!(null), None).await;
    let uri = "file:///tmp/diplint-lsp-latency/big.md";
    let text = big_report(1 << 20);
    let lines = text.lines().count() as u32;
    let started = Instant::now();
    c.open(uri, "markdown", 1, &text).await;
    let first = c.published(uri, Some(1)).await;
    eprintln!(
        "open {} bytes: {} diagnostics after {:?}",
        text.len(),
        first.len(),
        started.elapsed()
    );
    let mut times = Vec::new();
    for version in 2..12 {
        let line = (version as u32 * 97) % lines;
        let started = Instant::now();
        c.change(
            uri,
            version,
            ((line, 0), (line, 0)),
            "Thursday, 24 September 2021. ",
        )
        .await;
        c.published(uri, Some(version)).await;
        times.push(started.elapsed());
    }
    times.sort();
    eprintln!(
        "edit → diagnostics (no debounce): median {:?}, max {:?}",
        times[times.len() / 2],
        times[times.len() - 1]
    );

    let mut hover_times = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        c.call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": lines / 2, "character": 40}}),
        )
        .await;
        hover_times.push(started.elapsed());
    }
    eprintln!("hover on a current analysis: {:?}", hover_times);

    let at = (lines - 1, 0);
    c.change(uri, 20, (at, at), "Prime Minister ").await;
    let started = Instant::now();
    let result = c
        .call(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": at.0, "character": 15}}),
        )
        .await;
    eprintln!(
        "completion after a title: {:?} ({} items)",
        started.elapsed(),
        result["items"].as_array().map_or(0, Vec::len)
    );
}
