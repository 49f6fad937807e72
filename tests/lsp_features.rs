//! Transcript tests of the editor features: code actions, completion, hover, inlay hints,
//! related information.

mod lsp_common;

use lsp_common::*;
use serde_json::{Value, json};

const URI: &str = "file:///tmp/diplint-lsp-features/report.md";
const TXT: &str = "file:///tmp/diplint-lsp-features/report.txt";

async fn client() -> TestClient {
    let mut c = TestClient::in_process(test_options());
    c.initialize(push_capabilities(), dated(), None).await;
    c
}

fn whole_line(line: u32) -> Value {
    json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 200}})
}

#[tokio::test]
async fn the_quick_fix_replaces_the_weekday_and_the_diagnostic_goes() {
    let mut c = client().await;
    c.open(
        URI,
        "markdown",
        1,
        "António 😀 spoke.\nThey met on Thursday, 24 September 2021.\n",
    )
    .await;
    let diagnostics = c.published(URI, Some(1)).await;
    let d = of_rule(&diagnostics, "date/weekday-mismatch")[0].clone();
    assert_eq!(range_of(&d), ((1, 12), (1, 20)));
    let actions = c.code_actions(URI, d["range"].clone(), None).await;
    let fix = titled(&actions, "Replace with 'Friday'");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "date/weekday-mismatch");
    // A versioned edit of the document as analysed.
    assert_eq!(
        fix["edit"]["documentChanges"][0]["textDocument"]["version"],
        1
    );
    c.apply(URI, 2, &fix["edit"]).await;
    let after = c.published(URI, Some(2)).await;
    assert!(
        of_rule(&after, "date/weekday-mismatch").is_empty(),
        "{after:?}"
    );
    let hover = c
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 1, "character": 14}}),
        )
        .await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Friday, 24 September 2021 (2021-09-24)")
    );
}

#[tokio::test]
async fn disable_on_this_line_in_markdown_and_plain_text() {
    let mut c = client().await;
    c.open(URI, "markdown", 1, "First.\nJashankar met them.\nLast.\n")
        .await;
    c.published(URI, Some(1)).await;
    let actions = c.code_actions(URI, whole_line(1), None).await;
    let disable = titled(&actions, "Disable person/misspelled on this line");
    let edits = edits_for(&disable["edit"], URI);
    assert_eq!(
        edits[0]["newText"],
        " <!-- diplint-disable-line person/misspelled -->"
    );
    assert_eq!(range_of(&edits[0]), ((1, 19), (1, 19)));
    c.apply(URI, 2, &disable["edit"]).await;
    assert!(c.published(URI, Some(2)).await.is_empty());

    c.open(TXT, "plaintext", 1, "First.\r\n  Jashankar met them.\r\n")
        .await;
    c.published(TXT, Some(1)).await;
    let actions = c.code_actions(TXT, whole_line(1), None).await;
    let disable = titled(&actions, "Disable person/misspelled on this line");
    let edits = edits_for(&disable["edit"], TXT);
    assert_eq!(
        edits[0]["newText"],
        "  diplint-disable-next-line person/misspelled\r\n"
    );
    c.apply(TXT, 2, &disable["edit"]).await;
    assert!(c.published(TXT, Some(2)).await.is_empty());
}

#[tokio::test]
async fn disable_adds_the_rule_to_an_existing_directive() {
    let mut c = client().await;
    let text = "Jashankar said Thursday, 24 September 2021. <!-- diplint-disable-line date/weekday-mismatch -->\n";
    c.open(URI, "markdown", 1, text).await;
    let diagnostics = c.published(URI, Some(1)).await;
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let actions = c.code_actions(URI, whole_line(0), None).await;
    let disable = titled(&actions, "Disable person/misspelled on this line");
    c.apply(URI, 2, &disable["edit"]).await;
    assert!(c.published(URI, Some(2)).await.is_empty());
}

#[tokio::test]
async fn fix_all_of_one_rule_and_of_the_document() {
    let mut c = client().await;
    let text =
        "Thursday, 24 September 2021: talks.\nJashankar said: Thursday, 24 September 2021.\n";
    c.open(URI, "markdown", 1, text).await;
    assert_eq!(c.published(URI, Some(1)).await.len(), 3);
    let actions = c.code_actions(URI, whole_line(0), None).await;
    let all = titled(
        &actions,
        "Fix all 'date/weekday-mismatch' problems in this document (2)",
    );
    assert_eq!(edits_for(&all["edit"], URI).len(), 2);
    c.apply(URI, 2, &all["edit"]).await;
    let after = c.published(URI, Some(2)).await;
    assert_eq!(of_rule(&after, "date/weekday-mismatch").len(), 0);
    assert_eq!(after.len(), 1);

    let source = c
        .code_actions(URI, whole_line(0), Some(json!(["source.fixAll"])))
        .await;
    assert_eq!(source.len(), 1, "{source:?}");
    assert_eq!(source[0]["kind"], "source.fixAll.diplint");
    c.apply(URI, 3, &source[0]["edit"]).await;
    assert!(c.published(URI, Some(3)).await.is_empty());
}

#[tokio::test]
async fn accept_a_name_creates_or_extends_the_workspace_config() {
    let (dir, root) = temp_workspace("accept");
    let uri = format!("{root}/report.md");
    let mut c = TestClient::in_process(test_options());
    c.initialize(push_capabilities(), dated(), Some(&root))
        .await;
    c.open(&uri, "markdown", 1, "Jashankar met them.\n").await;
    assert_eq!(c.published(&uri, Some(1)).await.len(), 1);

    // No config yet: the action creates diplint.toml.
    let actions = c.code_actions(&uri, whole_line(0), None).await;
    let accept = titled(
        &actions,
        "Accept 'Jashankar' in this workspace (person/misspelled)",
    );
    let config_uri = format!("{root}/diplint.toml");
    let ops = accept["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(ops[0]["kind"], "create");
    assert_eq!(ops[0]["uri"], config_uri);
    let entry = edits_for(&accept["edit"], &config_uri)[0]["newText"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        entry,
        "[[ignore]]\ntext = \"Jashankar\"\nrules = [\"person/misspelled\"]\n"
    );
    // The editor writes the file; the watcher tells the server.
    std::fs::write(dir.join("diplint.toml"), &entry).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 1}]}),
    )
    .await;
    assert!(c.published(&uri, None).await.is_empty());

    // With a config: the entry is appended at its end.
    std::fs::write(dir.join("diplint.toml"), "style = \"un\"").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    )
    .await;
    assert_eq!(c.published(&uri, None).await.len(), 1);
    let actions = c.code_actions(&uri, whole_line(0), None).await;
    let accept = titled(
        &actions,
        "Accept 'Jashankar' in this workspace (person/misspelled)",
    );
    let edit = &edits_for(&accept["edit"], &config_uri)[0];
    assert_eq!(range_of(edit), ((0, 12), (0, 12)));
    assert!(
        edit["newText"]
            .as_str()
            .unwrap()
            .starts_with("\n\n[[ignore]]")
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn related_information_points_at_the_first_definition() {
    let mut c = client().await;
    c.open(
        URI,
        "markdown",
        1,
        "The Xylo Yard Zone (XYZ) met.\n\nLater the Xylo Yard Zone (XYZ) again.\n",
    )
    .await;
    let diagnostics = c.published(URI, Some(1)).await;
    let d = of_rule(&diagnostics, "acronym/conflict")[0];
    assert_eq!(range_of(d), ((2, 26), (2, 29)));
    let related = &d["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], URI);
    assert_eq!(range_of(&related["location"]), ((0, 20), (0, 23)));
    assert_eq!(related["message"], "first spelt out here");
}

#[tokio::test]
async fn completion_after_prime_minister_offers_the_holder_on_the_date_first() {
    let mut c = TestClient::in_process(test_options());
    let caps = c.initialize(push_capabilities(), json!(null), None).await;
    assert_eq!(
        caps["completionProvider"]["triggerCharacters"],
        json!([" "])
    );
    let text = "September 24, 2021\n\nJapanese diplomats held meetings in New York. Japan and India agreed.\n\nPrime Minister ";
    c.open(URI, "markdown", 1, text).await;
    let result = c
        .call(
            "textDocument/completion",
            json!({
                "textDocument": {"uri": URI},
                "position": {"line": 4, "character": 15},
                "context": {"triggerKind": 2, "triggerCharacter": " "}
            }),
        )
        .await;
    let items = result["items"].as_array().unwrap();
    assert_eq!(items[0]["label"], "Yoshihide Suga", "{result}");
    assert_eq!(
        items[0]["detail"],
        "Prime Minister of Japan, 2020-09-16 – 2021-10-04"
    );
    assert_eq!(
        items[0]["textEdit"]["range"],
        json!({"start": {"line": 4, "character": 15}, "end": {"line": 4, "character": 15}})
    );
    assert!(items.iter().any(|i| i["label"] == "Narendra Modi"));

    // A space after ordinary words offers nothing.
    c.change(URI, 2, ((4, 0), (4, 15)), "They met ").await;
    let result = c
        .call(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": {"line": 4, "character": 9}, "context": {"triggerKind": 2, "triggerCharacter": " "}}),
        )
        .await;
    assert!(result.is_null(), "{result}");

    // A prefix completes names, replacing what was typed.
    c.change(URI, 3, ((4, 9), (4, 9)), "Mote").await;
    let result = c
        .call(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": {"line": 4, "character": 13}}),
        )
        .await;
    let first = &result["items"][0];
    assert_eq!(first["label"], "Toshimitsu Motegi");
    assert_eq!(first["textEdit"]["newText"], "Toshimitsu Motegi");
    assert_eq!(range_of(&first["textEdit"]), ((4, 9), (4, 13)));
}

async fn hover_text(c: &mut TestClient, uri: &str, line: u32, character: u32) -> String {
    let hover = c
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
        .await;
    hover["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[tokio::test]
async fn hovers_on_people_countries_dates_acronyms_and_sessions() {
    let mut c = TestClient::in_process(test_options());
    c.initialize(push_capabilities(), json!(null), None).await;
    let text = "September 24, 2021\n\
                Motegi met Japan's partners on Thursday, 24 September 2021 at the 76th session of the UN General Assembly (UNGA).\n\
                On Thursday, COP26 was discussed. 😀 Toshimitsu Motegi left.\n";
    c.open(URI, "markdown", 1, text).await;
    c.published(URI, Some(1)).await;

    let motegi = hover_text(&mut c, URI, 1, 2).await;
    assert!(motegi.contains("**Toshimitsu Motegi**"), "{motegi}");
    assert!(motegi.contains("On 2021-09-24 (document date, from the dateline): Minister for Foreign Affairs of Japan."), "{motegi}");
    assert!(
        motegi.contains("- Minister for Foreign Affairs of Japan, 2019-09-11 – 2021-11-04"),
        "{motegi}"
    );
    // The full name after an emoji on a later line.
    let full = hover_text(&mut c, URI, 2, 39).await;
    assert!(full.contains("**Toshimitsu Motegi**"), "{full}");

    let japan = hover_text(&mut c, URI, 1, 12).await;
    assert!(
        japan.contains("**Japan** (JP, JPN)") && japan.contains("Japanese"),
        "{japan}"
    );

    let date = hover_text(&mut c, URI, 1, 33).await;
    assert!(
        date.contains("Friday, 24 September 2021 (2021-09-24)"),
        "{date}"
    );
    assert!(
        date.contains("**date/weekday-mismatch** (error)"),
        "the rule's explanation: {date}"
    );

    let unga = hover_text(&mut c, URI, 1, 109).await;
    // The expansion written in the document when the acronym rule read it, else the registry's.
    assert!(
        unga.starts_with("**UNGA**: ") && unga.contains("General Assembly"),
        "{unga}"
    );
    let session = hover_text(&mut c, URI, 1, 67).await;
    assert!(
        session.contains("76th session of the United Nations General Assembly**: 2021-09-14"),
        "{session}"
    );
    let cop = hover_text(&mut c, URI, 2, 14).await;
    assert!(cop.contains("26th") && cop.contains("Glasgow"), "{cop}");

    let relative = hover_text(&mut c, URI, 2, 5).await;
    assert!(
        relative.contains("Resolves to **Thursday, 23 September 2021 (2021-09-23)**"),
        "{relative}"
    );

    let nothing = c
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 24}}),
        )
        .await;
    assert!(nothing.is_null(), "{nothing}");
}

#[tokio::test]
async fn inlay_hints_show_the_date_of_relative_days() {
    let mut c = client().await;
    c.open(URI, "markdown", 1, "Intro 😀.\nOn Thursday, they met.\n")
        .await;
    c.published(URI, Some(1)).await;
    let hints = c
        .call(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}}}),
        )
        .await;
    let hints = hints.as_array().unwrap();
    assert_eq!(hints.len(), 1, "{hints:?}");
    assert_eq!(hints[0]["label"], "23 Sep 2021");
    assert_eq!(hints[0]["position"], json!({"line": 1, "character": 11}));
    assert_eq!(hints[0]["paddingLeft"], true);
}
