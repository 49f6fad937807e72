//! Properties that hold for any text, checked on generated texts built from the pieces that make
//! reports hard: names the rules look for, dates, markup, multi-byte and right-to-left
//! characters, every kind of line break.
//!
//! - Editing a document step by step, with edits sent as LSP positions (UTF-16 or UTF-8), gives
//!   the same text and the same diagnostics as opening the final text fresh: on the engine's
//!   document model, and through the language server's document store.
//! - Every finding slices the source on character boundaries, and the JSON output's `text`,
//!   `offset` and `range` agree with the file's bytes.
//! - Byte offsets, LSP positions and scalar columns convert into each other and back.
//! - `diplint check` prints the same whatever order the files are given in.

mod common;
mod lsp_common;

use diplint::config::{DateFormat, Settings};
use diplint::document::{DocKind, Document, Encoding, LineCol};
use diplint::registry::Registry;
use diplint::{Engine, Report};
use proptest::prelude::*;
use proptest::sample::Index;
use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(Registry::embedded()));

/// Pieces of text that rules, markup readers and position conversions react to.
const PIECES: &[&str] = &[
    "The ",
    "minister ",
    "met ",
    "in New York",
    ". ",
    ", ",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\t",
    "Prime Minister Yoshihide Suga",
    "Fumio Kishida",
    "Sergey Lavrow",
    "António Guterres",
    "Antonio Guteres",
    "Chinese Premier Xi Jinping",
    "US Foreign Minister",
    "Phillipines",
    "Swaziland",
    "Republic of Germany",
    "Qatarian",
    "South Korea",
    "Türkiye",
    "Thursday, 24 September 2021",
    "31 September 2021",
    "29 February 2023",
    "03/04/2021",
    "September 24, 2021",
    "2021-09-24",
    "On Thursday (22 September)",
    "the 75th session of the UN General Assembly",
    "COP27 in Glasgow",
    "In 2015, ",
    "former ",
    "then-",
    "United Nations Security Council (UNGA)",
    "JICA",
    "NATO",
    "(",
    ")",
    "&amp;nbsp;",
    "&nbsp;",
    "&eacute;",
    "<br>",
    "<p>",
    "</p>",
    "<!-- diplint-disable -->",
    "<!-- diplint-enable -->",
    "<!-- diplint-disable-next-line -->",
    "diplint-disable-next-line date/weekday-mismatch\n",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "{{name}}",
    "[caption id=1]",
    "# ",
    "- ",
    "> ",
    "1. ",
    "*",
    "_",
    "`",
    "```\n",
    "[link](https://example.org)",
    "[",
    "]",
    "](",
    "| a | b |\n|---|---|\n",
    "|",
    "---\ndate: 2099-01-01\n---\n",
    "Date: 1 January 2099\n",
    "https://www.mofa.go.jp/a.html",
    "desk@mfa.example.jp",
    "\u{feff}",
    "é",
    "e\u{301}",
    "😀",
    "👩‍👩‍👧",
    "中国",
    "مرحبا بالعالم",
    "\u{202e}",
    "\u{200f}",
    "שלום",
    "Лавров",
    "\u{a0}",
    "\u{2028}",
    "\0",
];

fn text_strategy(max_pieces: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max_pieces).prop_map(|p| p.concat())
}

fn kind_strategy() -> impl Strategy<Value = DocKind> {
    prop_oneof![
        Just(DocKind::Markdown),
        Just(DocKind::Html),
        Just(DocKind::Plain)
    ]
}

/// An edit: a range picked among the text's positions when it is applied, and new text.
#[derive(Debug, Clone)]
struct Edit {
    from: Index,
    to: Index,
    insert: String,
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    (any::<Index>(), any::<Index>(), text_strategy(4)).prop_map(|(from, to, insert)| Edit {
        from,
        to,
        insert,
    })
}

/// The offsets an editor can put the cursor at: character boundaries, but not between the
/// `\r` and the `\n` of a line break.
fn cursor_offsets(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    (0..=text.len())
        .filter(|&o| text.is_char_boundary(o))
        .filter(|&o| !(o > 0 && bytes[o - 1] == b'\r' && bytes.get(o) == Some(&b'\n')))
        .collect()
}

fn settings() -> Settings {
    Settings {
        style: "un".into(),
        date_format: DateFormat::Dmy,
        ..Settings::default()
    }
}

fn check(doc: &Document) -> Report {
    let date = Some(jiff::civil::date(2021, 9, 24));
    ENGINE.check(doc, &settings(), date, None)
}

/// What a client sees of a report: rule, severity, place, message and fixes.
fn seen(report: &Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {:?} {:?} {} {:?}",
                d.finding.rule.id, d.severity, d.finding.span, d.finding.message, d.finding.fixes
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn edits_sent_as_positions_end_where_the_text_ends(
        kind in kind_strategy(),
        start in text_strategy(24),
        edits in prop::collection::vec(edit_strategy(), 1..12),
        utf16 in any::<bool>(),
    ) {
        let encoding = if utf16 { Encoding::Utf16 } else { Encoding::Utf8 };
        let mut expected = start.clone();
        let mut doc = Document::new(start, kind);
        for edit in &edits {
            // The client picks a range in its own copy of the text and sends it as positions.
            let cursors = cursor_offsets(&expected);
            let (a, b) = (edit.from.get(&cursors), edit.to.get(&cursors));
            let (from, to) = (*a.min(b), *a.max(b));
            let range = (doc.lsp_position(from, encoding), doc.lsp_position(to, encoding));
            expected.replace_range(from..to, &edit.insert);
            // The server maps the positions back on its copy and rechecks.
            let start = doc.offset_of(range.0, encoding).expect("start position");
            let end = doc.offset_of(range.1, encoding).expect("end position");
            let mut source = doc.source.clone();
            source.replace_range(start..end, &edit.insert);
            doc = Document::new(source, kind);
            prop_assert_eq!(&doc.source, &expected);
            let report = check(&doc);
            common::assert_report(&doc, &report);
        }
        let fresh = Document::new(expected, kind);
        prop_assert_eq!(&doc.prose, &fresh.prose);
        prop_assert_eq!(seen(&check(&doc)), seen(&check(&fresh)));
    }

    #[test]
    fn findings_slice_the_source_on_character_boundaries(
        kind in kind_strategy(),
        text in text_strategy(48),
        date in prop::option::of(0i64..60),
    ) {
        let doc = Document::new(text, kind);
        common::assert_document(&doc);
        let date = date.map(|m| jiff::civil::date(2016, 1, 1) + jiff::Span::new().months(m * 3));
        let report = ENGINE.check(&doc, &settings(), date, Some(Path::new("2021-09-24.md")));
        common::assert_report(&doc, &report);
    }

    #[test]
    fn positions_round_trip(kind in kind_strategy(), text in text_strategy(32)) {
        let doc = Document::new(text, kind);
        common::assert_positions_round_trip(&doc);
    }

    #[test]
    fn positions_of_arbitrary_strings_round_trip(text in "(?s).{0,64}") {
        common::assert_positions_round_trip(&Document::new(text, DocKind::Plain));
    }

    #[test]
    fn any_position_maps_to_a_character_boundary(
        text in text_strategy(16),
        line in 0u32..8,
        col in 0u32..40,
    ) {
        let doc = Document::new(text, DocKind::Plain);
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            if let Some(o) = doc.offset_of(LineCol { line, col }, enc) {
                prop_assert!(doc.source.is_char_boundary(o));
                let asked = LineCol { line, col };
                prop_assert!(doc.lsp_position(o, enc) <= asked);
            }
        }
    }
}

// The command line: few cases, each runs the binary twice.
/// Where an edit goes: among the character boundaries, or at the very end, where what was
/// read up to the end (an unclosed comment, a tag cut short) may change.
fn edit_range(edit: &Edit, text: &str) -> std::ops::Range<usize> {
    if edit.from.index(8) == 0 {
        return text.len()..text.len();
    }
    let at: Vec<usize> = (0..=text.len())
        .filter(|&o| text.is_char_boundary(o))
        .collect();
    let (a, b) = (*edit.from.get(&at), *edit.to.get(&at));
    a.min(b)..a.max(b)
}

/// Everything a reader of a document sees.
fn assert_same_document(got: &Document, want: &Document) {
    assert_eq!(got.source, want.source);
    assert_eq!(got.kind, want.kind);
    assert_eq!(got.prose, want.prose, "prose of {:?}", want.source);
    assert_eq!(got.lines, want.lines, "lines of {:?}", want.source);
    assert_eq!(
        got.directives, want.directives,
        "directives of {:?}",
        want.source
    );
    assert_eq!(got.front_matter_date, want.front_matter_date);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// `Document::edited` and `Document::updated` read again only around an edit; what they
    /// give is what reading the new text from scratch gives, edit after edit.
    #[test]
    fn an_edited_document_is_the_document_of_its_new_text(
        kind in kind_strategy(),
        start in text_strategy(400),
        edits in prop::collection::vec(edit_strategy(), 1..12),
    ) {
        let mut doc = Document::new(start, kind);
        for edit in &edits {
            let range = edit_range(edit, &doc.source);
            let edited = doc.edited(range.clone(), &edit.insert);
            let mut text = doc.source.clone();
            text.replace_range(range, &edit.insert);
            let fresh = Document::new(text.clone(), kind);
            assert_same_document(&edited, &fresh);
            assert_same_document(&doc.updated(text), &fresh);
            doc = edited;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    #[test]
    fn cli_output_agrees_with_the_bytes_and_ignores_file_order(
        files in prop::collection::vec((kind_strategy(), text_strategy(32)), 1..6),
        order in any::<u64>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut names = Vec::new();
        for (i, (kind, text)) in files.iter().enumerate() {
            let ext = match kind {
                DocKind::Markdown => "md",
                DocKind::Html => "html",
                DocKind::Plain => "txt",
            };
            let name = format!("r{i}.{ext}");
            std::fs::write(dir.path().join(&name), text).unwrap();
            names.push(name);
        }
        let run = |names: &[String]| {
            let out = Command::new(env!("CARGO_BIN_EXE_diplint"))
                .args(["check", "--format", "json", "--date", "2021-09-24", "--style", "un"])
                .args(names)
                .current_dir(dir.path())
                .output()
                .unwrap();
            assert!(matches!(out.status.code(), Some(0..=2)), "{out:?}");
            String::from_utf8(out.stdout).unwrap()
        };
        let forward = run(&names);
        let mut shuffled = names.clone();
        shuffle(&mut shuffled, order);
        prop_assert_eq!(&forward, &run(&shuffled), "order {:?}", shuffled);

        let json: serde_json::Value = serde_json::from_str(&forward).unwrap();
        for file in json["files"].as_array().unwrap() {
            let path = file["path"].as_str().unwrap();
            let source = std::fs::read_to_string(dir.path().join(path)).unwrap();
            for d in file["diagnostics"].as_array().unwrap() {
                assert_json_diagnostic(&source, d);
            }
        }
    }
}

/// Fisher-Yates with a small generator seeded by proptest: the shuffle shrinks with the seed.
fn shuffle(items: &mut [String], mut seed: u64) {
    for i in (1..items.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = (seed >> 33) as usize % (i + 1);
        items.swap(i, j);
    }
}

/// `offset` slices the file, `text` is those bytes, `range` is where they are.
fn assert_json_diagnostic(source: &str, d: &serde_json::Value) {
    let num = |v: &serde_json::Value| v.as_u64().unwrap() as usize;
    let (start, end) = (num(&d["offset"]["start"]), num(&d["offset"]["end"]));
    common::assert_span(source, &(start..end), d["rule"].as_str().unwrap());
    assert_eq!(&source[start..end], d["text"].as_str().unwrap(), "{d}");
    for (offset, pos) in [(start, &d["range"]["start"]), (end, &d["range"]["end"])] {
        let (line, column) = scalar_position(source, offset);
        assert_eq!(
            (num(&pos["line"]), num(&pos["column"])),
            (line, column),
            "{d}"
        );
    }
}

/// 1-based line and column in scalar values, counted afresh: a line ends at `\n`, `\r\n` or `\r`.
fn scalar_position(text: &str, offset: usize) -> (usize, usize) {
    let (mut line, mut column) = (1, 1);
    let mut chars = text[..offset].chars().peekable();
    while let Some(c) = chars.next() {
        let crlf = c == '\r' && chars.peek() == Some(&'\n');
        if crlf {
            chars.next();
        }
        if c == '\n' || c == '\r' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

// The language server: each case starts one in-process and sends its edits.
proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn server_edits_end_with_the_diagnostics_of_the_final_text(
        start in text_strategy(24),
        edits in prop::collection::vec(edit_strategy(), 1..16),
        utf8 in any::<bool>(),
    ) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let (edited, fresh) = runtime.block_on(server_session(start, edits, utf8));
        prop_assert_eq!(edited, fresh);
    }
}

/// Opens `start`, applies the edits as a client would (positions computed on its own copy, in
/// the encoding the server chose), then pulls the diagnostics of the edited document and of
/// the final text opened fresh under another name.
async fn server_session(start: String, edits: Vec<Edit>, utf8: bool) -> (Vec<String>, Vec<String>) {
    use lsp_common::TestClient;
    use serde_json::json;
    const EDITED: &str = "file:///prop/edited.md";
    const FRESH: &str = "file:///prop/fresh.md";
    let options = diplint::lsp::Options {
        debounce: std::time::Duration::ZERO,
        ..diplint::lsp::Options::default()
    };
    let mut c = TestClient::in_process(options);
    let mut caps = lsp_common::pull_capabilities();
    caps["general"] =
        json!({"positionEncodings": if utf8 { json!(["utf-8"]) } else { json!(["utf-16"]) }});
    let granted = c.initialize(caps, lsp_common::dated(), None).await;
    let encoding = match granted["positionEncoding"].as_str() {
        Some("utf-8") => Encoding::Utf8,
        _ => Encoding::Utf16,
    };
    c.open(EDITED, "markdown", 1, &start).await;
    let mut text = start;
    for (i, edit) in edits.iter().enumerate() {
        let doc = Document::new(text.clone(), DocKind::Plain);
        let cursors = cursor_offsets(&text);
        let (a, b) = (edit.from.get(&cursors), edit.to.get(&cursors));
        let (from, to) = (*a.min(b), *a.max(b));
        let (s, e) = (
            doc.lsp_position(from, encoding),
            doc.lsp_position(to, encoding),
        );
        c.change(
            EDITED,
            i as i64 + 2,
            ((s.line, s.col), (e.line, e.col)),
            &edit.insert,
        )
        .await;
        text.replace_range(from..to, &edit.insert);
    }
    c.open(FRESH, "markdown", 1, &text).await;
    let mut pulled = Vec::new();
    for uri in [EDITED, FRESH] {
        let report = c
            .call(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": uri}}),
            )
            .await;
        let items: Vec<String> = report["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{} {} {} {}",
                    d["code"], d["range"], d["severity"], d["message"]
                )
            })
            .collect();
        pulled.push(items);
    }
    let fresh = pulled.pop().unwrap();
    (pulled.pop().unwrap(), fresh)
}
