//! Transcript tests of configuration: initializationOptions, didChangeConfiguration with and
//! without settings (workspace/configuration), watched diplint.toml, broken configs, traces.

mod lsp_common;

use lsp_common::*;
use serde_json::{Value, json};
use std::time::Duration;

const TEXT: &str = "Jashankar met them on Thursday, 24 September 2021.\n";

fn codes(diagnostics: &[Value]) -> Vec<String> {
    let mut codes: Vec<String> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect();
    codes.sort();
    codes
}

fn weekday_off() -> Value {
    json!({"documentDate": "2021-09-24", "rules": {"date/weekday-mismatch": "off"}})
}

#[tokio::test]
async fn initialization_options_set_rules_off() {
    let mut c = TestClient::in_process(test_options());
    c.initialize(push_capabilities(), weekday_off(), None).await;
    c.open("file:///tmp/a.md", "markdown", 1, TEXT).await;
    assert_eq!(
        codes(&c.published("file:///tmp/a.md", Some(1)).await),
        ["person/misspelled"]
    );
}

#[tokio::test]
async fn initialization_options_may_nest_under_diplint_and_set_severities() {
    let mut c = TestClient::in_process(test_options());
    let options = json!({"diplint": {"documentDate": "2021-09-24", "rules": {"person": "hint"}}});
    c.initialize(push_capabilities(), options, None).await;
    c.open("file:///tmp/a.md", "markdown", 1, TEXT).await;
    let diagnostics = c.published("file:///tmp/a.md", Some(1)).await;
    let person = of_rule(&diagnostics, "person/misspelled")[0];
    assert_eq!(person["severity"], 4);
}

#[tokio::test]
async fn did_change_configuration_with_settings_turns_a_rule_off() {
    let mut c = TestClient::in_process(test_options());
    c.initialize(push_capabilities(), dated(), None).await;
    c.open("file:///tmp/a.md", "markdown", 1, TEXT).await;
    assert_eq!(c.published("file:///tmp/a.md", Some(1)).await.len(), 2);
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"diplint": weekday_off()}}),
    )
    .await;
    assert_eq!(
        codes(&c.published("file:///tmp/a.md", Some(1)).await),
        ["person/misspelled"]
    );
}

#[tokio::test]
async fn a_change_without_settings_asks_for_the_configuration() {
    let mut c = TestClient::in_process(test_options());
    c.initialize(push_capabilities(), dated(), None).await;
    // At `initialized` the server asks once; nothing configured yet.
    c.wait_for("workspace/configuration", |m| {
        m["method"] == "workspace/configuration"
    })
    .await;
    c.open("file:///tmp/a.md", "markdown", 1, TEXT).await;
    assert_eq!(c.published("file:///tmp/a.md", Some(1)).await.len(), 2);
    *c.configuration.lock().unwrap() = weekday_off();
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    )
    .await;
    let request = c
        .wait_for("workspace/configuration", |m| {
            m["method"] == "workspace/configuration"
        })
        .await;
    assert_eq!(request["params"]["items"][0]["section"], "diplint");
    assert_eq!(
        codes(&c.published("file:///tmp/a.md", Some(1)).await),
        ["person/misspelled"]
    );
}

#[tokio::test]
async fn a_watched_config_file_change_rechecks_open_documents() {
    let (dir, root) = temp_workspace("watch");
    let uri = format!("{root}/drafts/report.md");
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    let mut c = TestClient::in_process(test_options());
    c.initialize(push_capabilities(), dated(), Some(&root))
        .await;
    let registration = c
        .wait_for("client/registerCapability", |m| {
            m["method"] == "client/registerCapability"
        })
        .await;
    assert_eq!(
        registration["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    c.open(&uri, "markdown", 1, TEXT).await;
    assert_eq!(c.published(&uri, Some(1)).await.len(), 2);

    let config = dir.join("diplint.toml");
    std::fs::write(&config, "[rules]\n\"person/misspelled\" = \"off\"\n").unwrap();
    let config_uri = format!("{root}/diplint.toml");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 1}]}),
    )
    .await;
    assert_eq!(
        codes(&c.published(&uri, Some(1)).await),
        ["date/weekday-mismatch"]
    );

    // A broken file: said with its path, line and reason, as a message and on the file.
    std::fs::write(&config, "[rules]\n\"person/misspelled\" = \"loud\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    )
    .await;
    let shown = c
        .wait_for("showMessage", |m| m["method"] == "window/showMessage")
        .await;
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("diplint.toml:2:") && message.contains("unknown level"),
        "{message}"
    );
    assert_eq!(shown["params"]["type"], 1);
    let on_file = c.published(&config_uri, None).await;
    assert_eq!(range_of(&on_file[0]).0.0, 1);
    // The document is still checked (with the defaults), not silently dropped.
    assert_eq!(c.published(&uri, Some(1)).await.len(), 2);

    // Fixed: the error on the file goes.
    std::fs::write(&config, "[rules]\n\"person/misspelled\" = \"off\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    )
    .await;
    assert!(c.published(&config_uri, None).await.is_empty());
    assert_eq!(c.published(&uri, Some(1)).await.len(), 1);
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn a_config_file_open_in_the_editor_applies_as_typed() {
    let (dir, root) = temp_workspace("buffer");
    let uri = format!("{root}/report.md");
    let config_uri = format!("{root}/diplint.toml");
    let mut c = TestClient::in_process(test_options());
    c.initialize(push_capabilities(), dated(), Some(&root))
        .await;
    c.open(&uri, "markdown", 1, TEXT).await;
    assert_eq!(c.published(&uri, Some(1)).await.len(), 2);
    c.open(&config_uri, "toml", 1, "").await;
    c.change(
        &config_uri,
        2,
        ((0, 0), (0, 0)),
        "[rules]\ndate = \"off\"\n",
    )
    .await;
    assert_eq!(
        codes(&c.published(&uri, Some(1)).await),
        ["person/misspelled"]
    );
    // Closed unsaved: the disk (no file) applies again.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": config_uri}}),
    )
    .await;
    assert_eq!(c.published(&uri, Some(1)).await.len(), 2);
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn pull_clients_are_asked_to_refresh_after_a_change() {
    let mut c = TestClient::in_process(test_options());
    c.initialize(pull_capabilities(), dated(), None).await;
    c.open("file:///tmp/a.md", "markdown", 1, TEXT).await;
    let report = c
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": "file:///tmp/a.md"}}),
        )
        .await;
    assert_eq!(report["items"].as_array().unwrap().len(), 2);
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"diplint": weekday_off()}}),
    )
    .await;
    c.wait_for("refresh", |m| m["method"] == "workspace/diagnostic/refresh")
        .await;
    let report = c
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": "file:///tmp/a.md"}, "previousResultId": report["resultId"]}),
        )
        .await;
    assert_eq!(report["kind"], "full");
    assert_eq!(
        codes(report["items"].as_array().unwrap()),
        ["person/misspelled"]
    );
}

#[tokio::test]
async fn document_text_reaches_logs_only_with_a_verbose_trace() {
    let mut c = TestClient::in_process(test_options());
    c.initialize(push_capabilities(), dated(), None).await;
    let secret = "Jashankar confidential-marker-7731 Thursday, 24 September 2021.";
    c.open("file:///tmp/a.md", "markdown", 1, secret).await;
    c.published("file:///tmp/a.md", Some(1)).await;
    // Out-of-range edits and unknown documents are logged: by URI, never by text.
    c.change("file:///tmp/a.md", 2, ((40, 0), (41, 0)), " more")
        .await;
    c.change("file:///tmp/unknown.md", 2, ((0, 0), (0, 0)), "Jashankar")
        .await;
    c.published("file:///tmp/a.md", Some(2)).await;
    c.maybe(Duration::from_millis(200), |_| false).await;
    for m in &c.transcript {
        let s = m.to_string();
        assert!(
            !s.contains("Jashankar") || m["method"] == "textDocument/publishDiagnostics",
            "{s}"
        );
        assert!(!s.contains("confidential-marker"), "{s}");
        assert_ne!(m["method"], "$/logTrace");
    }
    c.notify("$/setTrace", json!({"value": "verbose"})).await;
    c.change("file:///tmp/a.md", 3, ((0, 0), (0, 0)), "X").await;
    let trace = c
        .wait_for("logTrace", |m| m["method"] == "$/logTrace")
        .await;
    assert!(
        trace["params"]["message"]
            .as_str()
            .unwrap()
            .contains("2 diagnostics"),
        "{trace}"
    );
    assert!(
        trace["params"]["verbose"]
            .as_str()
            .unwrap()
            .contains("Jashankar")
    );
}

#[tokio::test]
async fn an_unknown_style_is_said() {
    let mut c = TestClient::in_process(test_options());
    c.initialize(push_capabilities(), json!({"style": "klingon"}), None)
        .await;
    c.open("file:///tmp/a.md", "markdown", 1, TEXT).await;
    let shown = c
        .wait_for("showMessage", |m| m["method"] == "window/showMessage")
        .await;
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("unknown style 'klingon'"),
        "{shown}"
    );
}
