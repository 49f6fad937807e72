//! Transcript tests of document sync and diagnostics: incremental edits, position encodings,
//! versions, debounce and stale runs, push versus pull.

mod lsp_common;

use lsp_common::*;
use serde_json::json;
use std::time::Duration;

const URI: &str = "file:///tmp/diplint-lsp-sync/report.md";

fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}

#[tokio::test]
async fn an_incremental_edit_after_accents_and_emoji_gets_its_utf16_range() {
    let mut c = TestClient::in_process(test_options());
    let caps = c.initialize(push_capabilities(), dated(), None).await;
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert!(
        caps.get("diagnosticProvider").is_none(),
        "push mode: no pull"
    );
    let line0 = "António Guterres greeted the delegation 😀 in New York.";
    let text = format!("{line0}\n\nThe talks went well.\n");
    c.open(URI, "markdown", 1, &text).await;
    assert!(c.published(URI, Some(1)).await.is_empty());

    // Append to the first line, after the emoji.
    let end = utf16_len(line0);
    c.change(
        URI,
        2,
        ((0, end), (0, end)),
        " Thursday, 24 September 2021.",
    )
    .await;
    let diagnostics = c.published(URI, Some(2)).await;
    let found = of_rule(&diagnostics, "date/weekday-mismatch");
    assert_eq!(found.len(), 1, "{diagnostics:?}");
    let d = found[0];
    assert_eq!(range_of(d), ((0, end as u64 + 1), (0, end as u64 + 9)));
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "diplint");
    assert_eq!(
        d["message"],
        "24 September 2021 was a Friday, not a Thursday"
    );

    // And on a later line, after a line holding them.
    c.change(
        URI,
        3,
        ((2, 0), (2, 0)),
        "On Thursday, 24 September 2021 they met. ",
    )
    .await;
    let diagnostics = c.published(URI, Some(3)).await;
    let ranges: Vec<_> = of_rule(&diagnostics, "date/weekday-mismatch")
        .into_iter()
        .map(range_of)
        .collect();
    assert_eq!(
        ranges,
        vec![
            ((0, end as u64 + 1), (0, end as u64 + 9)),
            ((2, 3), (2, 11))
        ]
    );
    assert_eq!(c.shutdown().await, Some(0));
}

#[tokio::test]
async fn utf8_is_used_when_the_client_offers_it() {
    let mut c = TestClient::in_process(test_options());
    let mut capabilities = push_capabilities();
    capabilities["general"] = json!({"positionEncodings": ["utf-8", "utf-16"]});
    let caps = c.initialize(capabilities, dated(), None).await;
    assert_eq!(caps["positionEncoding"], "utf-8");
    let line0 = "António 😀 東京";
    c.open(URI, "markdown", 1, &format!("{line0}\n")).await;
    c.published(URI, Some(1)).await;
    let end = line0.len() as u32;
    c.change(URI, 2, ((0, end), (0, end)), " Thursday, 24 September 2021")
        .await;
    let diagnostics = c.published(URI, Some(2)).await;
    let d = of_rule(&diagnostics, "date/weekday-mismatch")[0];
    assert_eq!(range_of(d), ((0, end as u64 + 1), (0, end as u64 + 9)));
}

#[tokio::test]
async fn keystrokes_apply_in_order_and_only_the_latest_version_is_published_last() {
    let mut c = TestClient::in_process(test_options());
    c.initialize(push_capabilities(), dated(), None).await;
    c.open(URI, "plaintext", 1, "Intro line with António 😀.\n")
        .await;
    c.published(URI, Some(1)).await;
    // Type a sentence one character at a time, without waiting.
    let typed = "Thursday, 24 September 2021. Jashankar spoke.";
    let mut version = 1;
    let mut col = 0u32;
    for ch in typed.chars() {
        version += 1;
        c.change(URI, version, ((1, col), (1, col)), &ch.to_string())
            .await;
        col += ch.len_utf16() as u32;
    }
    let last = version;
    let diagnostics = c.published(URI, Some(last)).await;
    let mut rules: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    rules.sort();
    assert_eq!(
        rules,
        ["date/weekday-mismatch", "person/misspelled"],
        "{diagnostics:?}"
    );
    let jash = of_rule(&diagnostics, "person/misspelled")[0];
    assert_eq!(range_of(jash), ((1, 29), (1, 38)));
    // Versions published never go back, and nothing comes after the last.
    assert!(
        c.maybe(Duration::from_millis(300), |m| m["method"]
            == "textDocument/publishDiagnostics")
            .await
            .is_none()
    );
    let versions: Vec<i64> = c
        .transcript
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert!(
        versions.len() < 10,
        "debounced: {} publishes for {} edits",
        versions.len(),
        last - 1
    );
}

#[tokio::test]
async fn full_text_changes_replace_the_document() {
    let mut c = TestClient::in_process(test_options());
    c.initialize(push_capabilities(), dated(), None).await;
    c.open(URI, "plaintext", 1, "Jashankar.").await;
    assert_eq!(c.published(URI, Some(1)).await.len(), 1);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": "All fine."}]}),
    )
    .await;
    assert!(c.published(URI, Some(2)).await.is_empty());
}

#[tokio::test]
async fn closing_a_document_clears_its_diagnostics() {
    let mut c = TestClient::in_process(test_options());
    c.initialize(push_capabilities(), dated(), None).await;
    c.open(URI, "plaintext", 1, "Jashankar.").await;
    assert_eq!(c.published(URI, Some(1)).await.len(), 1);
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    )
    .await;
    assert!(c.published(URI, None).await.is_empty());
}

#[tokio::test]
async fn pull_clients_pull_and_are_never_pushed_to() {
    let mut c = TestClient::in_process(test_options());
    let caps = c.initialize(pull_capabilities(), dated(), None).await;
    assert_eq!(caps["diagnosticProvider"]["interFileDependencies"], false);
    c.open(
        URI,
        "markdown",
        1,
        "Line one.\nThursday, 24 September 2021.\n",
    )
    .await;
    let report = c
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(report["kind"], "full");
    let items = report["items"].as_array().unwrap().clone();
    assert_eq!(
        range_of(of_rule(&items, "date/weekday-mismatch")[0]),
        ((1, 0), (1, 8))
    );
    let result_id = report["resultId"].as_str().unwrap().to_string();

    let again = c
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}, "previousResultId": result_id}),
        )
        .await;
    assert_eq!(again["kind"], "unchanged");

    c.change(URI, 2, ((1, 0), (1, 8)), "Friday").await;
    let after = c
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}, "previousResultId": result_id}),
        )
        .await;
    assert_eq!(after["kind"], "full");
    assert!(after["items"].as_array().unwrap().is_empty());
    assert_ne!(after["resultId"], json!(result_id));

    let pushed = c
        .maybe(Duration::from_millis(300), |m| {
            m["method"] == "textDocument/publishDiagnostics"
        })
        .await;
    assert!(pushed.is_none(), "pushed to a pull client: {pushed:?}");
}
