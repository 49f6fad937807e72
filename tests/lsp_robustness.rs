//! Transcript tests of robustness: unknown methods, malformed params and messages, positions
//! out of range, unknown documents, requests before `initialize`, shutdown and exit.

mod lsp_common;

use lsp_common::*;
use serde_json::json;

const URI: &str = "file:///tmp/diplint-lsp-robust/report.md";

async fn client() -> TestClient {
    let mut c = TestClient::in_process(test_options());
    c.initialize(push_capabilities(), dated(), None).await;
    c
}

async fn still_answers(c: &mut TestClient) {
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}}),
        )
        .await;
    assert!(
        hover.get("error").is_none() && hover["result"].is_null(),
        "{hover}"
    );
}

#[tokio::test]
async fn unknown_methods_get_method_not_found_and_unknown_notifications_are_ignored() {
    let mut c = client().await;
    let response = c.request("diplint/nonsense", json!({})).await;
    assert_eq!(response["error"]["code"], -32601, "{response}");
    c.notify("diplint/whatever", json!({"x": 1})).await;
    c.notify("$/somethingOptional", json!({})).await;
    let response = c.request("$/optionalRequest", json!({})).await;
    assert_eq!(response["error"]["code"], -32601, "{response}");
    still_answers(&mut c).await;
    assert_eq!(c.shutdown().await, Some(0));
}

#[tokio::test]
async fn malformed_params_and_messages_are_rejected_without_a_crash() {
    let mut c = client().await;
    let response = c
        .request("textDocument/hover", json!({"textDocument": 42}))
        .await;
    assert_eq!(response["error"]["code"], -32602, "{response}");
    let response = c
        .request("textDocument/completion", json!("nonsense"))
        .await;
    assert_eq!(response["error"]["code"], -32602, "{response}");
    // Broken notifications: dropped.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "not a uri at all"}}),
    )
    .await;
    c.notify("textDocument/didChange", json!({"contentChanges": 7}))
        .await;
    // Not JSON at all: a parse error with a null id; JSON but not JSON-RPC: invalid request.
    c.send_raw("{this is not json").await;
    let error = c
        .wait_for("parse error", |m| m["error"]["code"] == -32700)
        .await;
    assert!(error["id"].is_null());
    c.send_raw(r#"{"jsonrpc":"2.0","id":77,"method":12}"#).await;
    let error = c.wait_for("invalid request", |m| m["id"] == 77).await;
    assert_eq!(error["error"]["code"], -32600);
    c.send_raw("[1, 2, 3]").await;
    c.wait_for("invalid request", |m| {
        m["error"]["code"] == -32600 && m["id"].is_null()
    })
    .await;
    still_answers(&mut c).await;
    assert_eq!(c.shutdown().await, Some(0));
}

#[tokio::test]
async fn positions_out_of_range_are_rejected_or_clamped() {
    let mut c = client().await;
    c.open(URI, "markdown", 1, "One line 😀 only.").await;
    c.published(URI, Some(1)).await;
    for method in ["textDocument/hover", "textDocument/completion"] {
        let response = c
            .request(
                method,
                json!({"textDocument": {"uri": URI}, "position": {"line": 99, "character": 0}}),
            )
            .await;
        assert_eq!(response["error"]["code"], -32602, "{method}: {response}");
    }
    let response = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 50, "character": 0}, "end": {"line": 60, "character": 0}}, "context": {"diagnostics": []}}),
        )
        .await;
    assert_eq!(response["error"]["code"], -32602, "{response}");
    // A column past the end of the line is the line's end, as LSP says.
    let response = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 9999}}),
        )
        .await;
    assert!(response.get("error").is_none(), "{response}");
    // An edit out of range is clamped to the end and the document stays usable.
    c.change(URI, 2, ((7, 3), (9, 0)), " Jashankar.").await;
    let warning = c
        .wait_for("logMessage", |m| m["method"] == "window/logMessage")
        .await;
    assert!(
        warning["params"]["message"]
            .as_str()
            .unwrap()
            .contains("clamped")
    );
    let diagnostics = c.published(URI, Some(2)).await;
    assert_eq!(range_of(&diagnostics[0]), ((0, 18), (0, 27)));
}

#[tokio::test]
async fn requests_about_unknown_documents_are_answered_empty() {
    let mut c = client().await;
    let nowhere = json!({"uri": "file:///nowhere.md"});
    let at = json!({"line": 0, "character": 0});
    let range = json!({"start": at, "end": at});
    let hover = c
        .call(
            "textDocument/hover",
            json!({"textDocument": nowhere, "position": at}),
        )
        .await;
    assert!(hover.is_null());
    let completion = c
        .call(
            "textDocument/completion",
            json!({"textDocument": nowhere, "position": at}),
        )
        .await;
    assert!(completion.is_null());
    let actions = c
        .call(
            "textDocument/codeAction",
            json!({"textDocument": nowhere, "range": range, "context": {"diagnostics": []}}),
        )
        .await;
    assert!(actions.is_null());
    let hints = c
        .call(
            "textDocument/inlayHint",
            json!({"textDocument": nowhere, "range": range}),
        )
        .await;
    assert!(hints.is_null());
    let diagnostics = c
        .call("textDocument/diagnostic", json!({"textDocument": nowhere}))
        .await;
    assert_eq!(diagnostics, json!({"kind": "full", "items": []}));
    c.notify("textDocument/didClose", json!({"textDocument": nowhere}))
        .await;
    still_answers(&mut c).await;
}

#[tokio::test]
async fn requests_before_initialize_are_refused() {
    let mut c = TestClient::in_process(test_options());
    let response = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}),
        )
        .await;
    assert_eq!(response["error"]["code"], -32002, "{response}");
    c.initialize(push_capabilities(), dated(), None).await;
    let again = c.request("initialize", json!({"capabilities": {}})).await;
    assert_eq!(
        again["error"]["code"], -32600,
        "a second initialize: {again}"
    );
    still_answers(&mut c).await;
}

#[tokio::test]
async fn exit_without_shutdown_ends_with_status_1() {
    let mut c = client().await;
    c.open(URI, "markdown", 1, "Text.").await;
    c.notify("exit", json!(null)).await;
    let code = c.server_exit_code().await;
    assert_eq!(code, 1);
}

#[tokio::test]
async fn a_huge_document_is_not_checked_and_the_user_is_told() {
    let mut c = TestClient::in_process(test_options());
    c.initialize(push_capabilities(), dated(), None).await;
    let (dir, root) = temp_workspace("huge");
    let uri = format!("{root}/report.md");
    std::fs::write(dir.join("diplint.toml"), "max_file_bytes = 10\n").unwrap();
    c.open(&uri, "markdown", 1, "Jashankar is more than ten bytes.")
        .await;
    assert!(c.published(&uri, Some(1)).await.is_empty());
    let shown = c
        .wait_for("showMessage", |m| m["method"] == "window/showMessage")
        .await;
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("max_file_bytes")
    );
    std::fs::remove_dir_all(dir).unwrap();
}
