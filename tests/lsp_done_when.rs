//! The exchanges of issue 8's "Done when", with the real engine (no test checks): a report like
//! the seed report and its `markup/residue`; an incremental edit drawing
//! `date/weekday-mismatch` at the right UTF-16 range after "António" and an emoji; its code
//! action; completion after "Prime Minister "; hover on "Motegi"; a rule turned off by config.

mod lsp_common;

use lsp_common::*;
use serde_json::json;

/// A report shaped like the seed report (written for this test): web-page residue on the first
/// line, a headline, a dateline, names and a relative day.
const REPORT: &str = "!-- Google tag (gtag.js) -->\n\
\n\
Japan Meets Partners on Sidelines of UN General Assembly\n\
\n\
September 24, 2021\n\
\n\
On Thursday, Japanese diplomats met officials from India and Qatar in New York, and the UN Secretary-General, António Guterres 😀.\n\
\n\
Japanese Foreign Minister Toshimitsu Motegi met his counterparts.\n";

const URI: &str = "file:///tmp/diplint-lsp-done/report.txt";

fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}

#[tokio::test]
async fn the_seed_like_report_gets_its_markup_residue() {
    let mut c = TestClient::in_process(real_options());
    c.initialize(push_capabilities(), json!(null), None).await;
    c.open(URI, "plaintext", 1, REPORT).await;
    let diagnostics = c.published(URI, Some(1)).await;
    let residue = of_rule(&diagnostics, "markup/residue");
    assert_eq!(residue.len(), 1, "{diagnostics:#?}");
    assert_eq!(range_of(residue[0]).0.0, 0, "on the first line");
    assert_eq!(residue[0]["severity"], 2);
    let others: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["code"] != "markup/residue" && d["severity"].as_u64() < Some(3))
        .collect();
    assert!(others.is_empty(), "no other error or warning: {others:#?}");
}

#[tokio::test]
async fn a_wrong_weekday_typed_after_accents_and_emoji_is_caught_and_fixed() {
    let mut c = TestClient::in_process(real_options());
    c.initialize(push_capabilities(), json!(null), None).await;
    c.open(URI, "plaintext", 1, REPORT).await;
    c.published(URI, Some(1)).await;
    // Line 6 holds "António" and the emoji; type after it.
    let line6 = REPORT.lines().nth(6).unwrap();
    let end = utf16_len(line6);
    c.change(
        URI,
        2,
        ((6, end), (6, end)),
        " Thursday, 24 September 2021.",
    )
    .await;
    let diagnostics = c.published(URI, Some(2)).await;
    let found = of_rule(&diagnostics, "date/weekday-mismatch");
    assert_eq!(found.len(), 1, "{diagnostics:#?}");
    assert_eq!(
        range_of(found[0]),
        ((6, end as u64 + 1), (6, end as u64 + 9))
    );
    let actions = c.code_actions(URI, found[0]["range"].clone(), None).await;
    let fix = titled(&actions, "Replace with 'Friday'");
    c.apply(URI, 3, &fix["edit"]).await;
    let after = c.published(URI, Some(3)).await;
    assert!(
        of_rule(&after, "date/weekday-mismatch").is_empty(),
        "{after:#?}"
    );
}

#[tokio::test]
async fn completion_after_prime_minister_puts_suga_first() {
    let mut c = TestClient::in_process(real_options());
    c.initialize(push_capabilities(), json!(null), None).await;
    let text = format!("{REPORT}\nPrime Minister ");
    c.open(URI, "plaintext", 1, &text).await;
    let line = text.lines().count() as u32 - 1;
    let result = c
        .call(
            "textDocument/completion",
            json!({
                "textDocument": {"uri": URI},
                "position": {"line": line, "character": 15},
                "context": {"triggerKind": 2, "triggerCharacter": " "}
            }),
        )
        .await;
    let first = &result["items"][0];
    assert_eq!(first["label"], "Yoshihide Suga", "{result:#}");
    assert_eq!(
        first["detail"],
        "Prime Minister of Japan, 2020-09-16 – 2021-10-04"
    );
}

#[tokio::test]
async fn hover_on_motegi() {
    let mut c = TestClient::in_process(real_options());
    c.initialize(push_capabilities(), json!(null), None).await;
    c.open(URI, "plaintext", 1, REPORT).await;
    let line8 = REPORT.lines().nth(8).unwrap();
    let at = utf16_len(&line8[..line8.find("Motegi").unwrap()]) + 2;
    let hover = c
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 8, "character": at}}),
        )
        .await;
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("**Toshimitsu Motegi**"), "{text}");
    assert!(
        text.contains("On 2021-09-24 (document date, from the dateline): Minister for Foreign Affairs of Japan."),
        "{text}"
    );
}

#[tokio::test]
async fn turning_a_rule_off_in_config_removes_its_diagnostics() {
    let mut c = TestClient::in_process(real_options());
    c.initialize(push_capabilities(), json!(null), None).await;
    // Dated beyond the registry: registry/stale speaks.
    let text = REPORT.replace("September 24, 2021", "September 24, 2099");
    c.open(URI, "plaintext", 1, &text).await;
    let before = c.published(URI, Some(1)).await;
    assert_eq!(of_rule(&before, "registry/stale").len(), 1, "{before:#?}");
    assert_eq!(of_rule(&before, "markup/residue").len(), 1, "{before:#?}");
    let off = json!({"registry/stale": "off", "markup/residue": "off"});
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"diplint": {"rules": off}}}),
    )
    .await;
    let after = c.published(URI, Some(1)).await;
    assert!(of_rule(&after, "registry/stale").is_empty(), "{after:#?}");
    assert!(of_rule(&after, "markup/residue").is_empty(), "{after:#?}");
}
