//! Hostile and odd input: whatever comes in, diplint answers, without crashing, hanging or
//! misplacing a finding. Each input goes through the engine in every kind of document (with the
//! invariants of `common`), and, where the file itself is the point, through `diplint check`.
//!
//! `registry/stale` is the probe rule on the command line: a document dated 2099 draws it at the
//! date, whatever the registry holds, so positions can be checked without depending on data.

mod common;

use diplint::config::Settings;
use diplint::document::{DocKind, Document};
use diplint::registry::Registry;
use diplint::{Engine, Report};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(Registry::embedded()));

const KINDS: [DocKind; 3] = [DocKind::Markdown, DocKind::Html, DocKind::Plain];

/// Checks `text` as each kind of document, asserting the invariants; returns the reports.
fn check_every_kind(text: &str) -> Vec<(Document, Report)> {
    KINDS
        .iter()
        .map(|&kind| {
            let doc = Document::new(text.to_string(), kind);
            common::assert_document(&doc);
            let date = Some(jiff::civil::date(2021, 9, 24));
            let report = ENGINE.check(&doc, &Settings::default(), date, None);
            common::assert_report(&doc, &report);
            (doc, report)
        })
        .collect()
}

fn diplint(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_diplint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\nstderr: {}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// `diplint check --format json` on one file: its status and its entry in the output.
fn check_file(dir: &Path, name: &str, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(name);
    let o = diplint(&args, dir);
    let doc = json(&o);
    (
        o.status.code().expect("exit status, not a signal"),
        doc["files"][0].clone(),
    )
}

/// The (line, column) of each diagnostic of a file entry.
fn ranges(file: &Value) -> Vec<(String, u64, u64)> {
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let start = &d["range"]["start"];
            (
                d["rule"].as_str().unwrap().to_string(),
                start["line"].as_u64().unwrap(),
                start["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn an_empty_file_is_checked_and_clean() {
    for (_, report) in check_every_kind("") {
        assert!(report.diagnostics.is_empty());
    }
    let dir = tempfile::tempdir().unwrap();
    for name in ["empty.md", "empty.html", "empty.txt"] {
        write(dir.path(), name, "");
        let (status, file) = check_file(dir.path(), name, &["--date", "2021-09-24"]);
        assert_eq!(status, 0, "{file}");
        assert!(file["error"].is_null());
        assert_eq!(file["diagnostics"], serde_json::json!([]));
    }
}

#[test]
fn only_whitespace_is_checked_and_clean() {
    let text = " \t\n\r\n\r \u{a0}\u{2003}\u{3000}\u{2028}\u{2029}\u{200b}\u{feff}\n\n\x0b\x0c";
    for (_, report) in check_every_kind(text) {
        assert!(report.diagnostics.is_empty());
    }
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "blank.md", text);
    let (status, file) = check_file(dir.path(), "blank.md", &["--date", "2021-09-24"]);
    assert_eq!(status, 0, "{file}");
}

#[test]
fn nul_bytes_make_a_file_binary_and_the_others_are_still_checked() {
    // The language server can be sent NULs; the engine takes them as any other character.
    check_every_kind("Text\0with\0NULs\n\0Date: 1 January 2099\0\n");
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "nul.txt", b"Some text\0\0\0 and more");
    write(dir.path(), "ok.txt", "Date: 1 January 2099\n\nText.\n");
    let o = diplint(
        &["check", "--format", "json", "nul.txt", "ok.txt"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    let doc = json(&o);
    assert!(
        doc["files"][0]["error"]
            .as_str()
            .unwrap()
            .contains("binary")
    );
    assert_eq!(doc["files"][1]["diagnostics"][0]["rule"], "registry/stale");
    assert_eq!(doc["summary"]["files"], 2);
}

#[test]
fn invalid_utf8_is_refused_with_the_offset() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[u8], u64); 6] = [
        (b"abc\xff", 3),                // a byte never in UTF-8
        (b"ab\x80cd", 2),               // a lone continuation byte
        (b"caf\xc3", 3),                // cut in the middle of a character
        (b"x\xc0\xafy", 1),             // an overlong encoding
        (b"\xed\xa0\x80 surrogate", 0), // an encoded surrogate
        (b"Latin-1 caf\xe9 text", 11),  // a Latin-1 export
    ];
    for (i, (bytes, offset)) in cases.iter().enumerate() {
        let name = format!("bad{i}.txt");
        write(dir.path(), &name, bytes);
        let (status, file) = check_file(dir.path(), &name, &[]);
        assert_eq!(status, 2, "{file}");
        let error = file["error"].as_str().unwrap();
        assert!(error.contains("not valid UTF-8"), "{error}");
        assert!(error.contains(&format!("offset {offset}")), "{error}");
        assert!(file["document_date"].is_null());
    }
}

#[test]
fn utf16_with_a_bom_is_refused_as_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Date: 1 January 2099\n\nText.\n";
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    for (name, bytes) in [("le.txt", le), ("be.md", be)] {
        write(dir.path(), name, bytes);
        let (status, file) = check_file(dir.path(), name, &[]);
        assert_eq!(status, 2, "{file}");
        assert!(file["error"].as_str().unwrap().contains("UTF-16"), "{file}");
    }
    // A UTF-8 BOM is fine, and counts in offsets (tests/cli.rs checks where).
    write(dir.path(), "bom.md", format!("\u{feff}{text}"));
    let (status, file) = check_file(dir.path(), "bom.md", &[]);
    assert_eq!(status, 0, "{file}");
}

#[test]
fn crlf_and_lone_cr_end_lines() {
    let text = "Heading\r\nSecond\rThird\r\n\r\rDate: 1 January 2099\r\n\rBody.\r";
    for (doc, _) in check_every_kind(text) {
        common::assert_positions_round_trip(&doc);
        assert_eq!(doc.lines.line_count(), 9);
    }
    let dir = tempfile::tempdir().unwrap();
    for name in ["lines.txt", "lines.md", "lines.html"] {
        write(dir.path(), name, text);
        let (status, file) = check_file(dir.path(), name, &[]);
        assert_eq!(status, 0, "{file}");
        // Lines: Heading, Second, Third, "", "", Date..., "", Body., "".
        assert_eq!(
            ranges(&file),
            vec![("registry/stale".into(), 6, 7)],
            "{name}"
        );
        let d = &file["diagnostics"][0];
        assert_eq!(d["text"], "1 January 2099");
    }
}

#[test]
fn mixed_scripts_and_right_to_left_text() {
    let text = "\u{202e}مرحبا\u{202c} שָׁלוֹם Лавров 中华人民共和国 नमस्ते 👩‍👩‍👧 e\u{301}\u{301}\n\
                Date: 1 January 2099\n\n\u{200f}رئيس الوزراء Prime Minister Suga \u{200e}(JICA) ₹ ﷺ\n\
                Sergey Lavrow met António Guterres in Phillipines on Thursday, 24 September 2021.\n";
    for (doc, _) in check_every_kind(text) {
        common::assert_positions_round_trip(&doc);
    }
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "scripts.md", text);
    let (status, file) = check_file(dir.path(), "scripts.md", &[]);
    assert!(status == 0 || status == 1, "{file}");
    let stale = ranges(&file)
        .into_iter()
        .find(|(rule, ..)| rule == "registry/stale");
    assert_eq!(stale, Some(("registry/stale".into(), 2, 7)));
    for d in file["diagnostics"].as_array().unwrap() {
        let (start, end) = (
            d["offset"]["start"].as_u64().unwrap() as usize,
            d["offset"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], d["text"].as_str().unwrap());
    }
}

/// Markdown nested 10,000 levels deep, in every way it nests: list markers, quotes, ordered
/// lists, emphasis, and links inside link labels.
#[test]
fn ten_thousand_nested_levels_of_markdown() {
    const LEVELS: usize = 10_000;
    let inputs = [
        format!("{}Prime Minister Suga\n", "- ".repeat(LEVELS)),
        format!("{}Prime Minister Suga\n", "> ".repeat(LEVELS)),
        format!("{}Prime Minister Suga\n", "1. ".repeat(LEVELS)),
        format!("{}Prime Minister Suga\n", "> - 1. ".repeat(LEVELS / 3)),
        format!("{}Suga{}\n", "*_".repeat(LEVELS), "_*".repeat(LEVELS)),
        format!("{}Suga{}\n", "[".repeat(LEVELS), "](u)".repeat(LEVELS)),
        format!("{}Suga{}\n", "![".repeat(LEVELS), "](u)".repeat(LEVELS)),
        format!("{}Suga{}\n", "<b>".repeat(LEVELS), "</b>".repeat(LEVELS)),
        // A staircase of list items, each indented under the one before.
        (0..1_000)
            .map(|level| format!("{}- level {level}\n", "  ".repeat(level)))
            .collect(),
    ];
    for (i, text) in inputs.iter().enumerate() {
        let started = Instant::now();
        check_every_kind(text);
        let took = started.elapsed();
        println!("nesting {i}: {took:?}");
        assert!(took < Duration::from_secs(20), "nesting {i} took {took:?}");
    }
    // The command line checks on worker threads, whose stacks are small: nested links once
    // overflowed them and aborted the whole run.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "links.md", &inputs[5]);
    let (status, file) = check_file(dir.path(), "links.md", &["--date", "2021-09-24"]);
    assert_eq!(status, 0, "{file}");
}

#[test]
fn absurd_dates_are_not_dates() {
    let texts = [
        "99999999999 September",
        "On 99999999999 September 2021 they met.",
        "September 99999999999, 2021",
        "31 September 99999",
        "Thursday, 0 September 0000",
        "29 February 2024 and 29 February 2023 and -1 September -2021",
        "18446744073709551616 September 18446744073709551616",
        "the 99999999999th session of the UN General Assembly, COP99999999999",
        "On 24/09/99999999999 and 99/99/9999 and 2021-13-45 and 9999-99-99.",
    ];
    let date = jiff::civil::date(2021, 9, 24);
    for text in texts {
        for mention in diplint::rules::date::find_dates(text, date) {
            common::assert_span(text, &mention.span, "date mention");
        }
        check_every_kind(text);
        // As a dateline, too.
        check_every_kind(&format!("{text}\n\nThe ministers met.\n"));
    }
}

#[test]
fn an_acronym_of_500_letters() {
    let letters: String = (0..500).map(|i| (b'A' + (i % 26) as u8) as char).collect();
    let words: Vec<String> = letters.chars().map(|c| format!("{c}lpha")).collect();
    let expansion = words.join(" ");
    let texts = [
        format!("The {letters} met."),
        format!("The {expansion} ({letters}) met. The {letters} agreed."),
        format!("The {expansion} ({}) met.", "Q".repeat(500)),
        format!("The ({letters}) {letters}. {letters}s"),
        format!("{} ({letters})", "United Nations ".repeat(250)),
    ];
    for text in &texts {
        let started = Instant::now();
        check_every_kind(text);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    }
}

/// Found by fuzzing: an unbalanced quote in the front matter's date shifted its span by one
/// byte, into the 'é', and the JSON output panicked slicing it.
#[test]
fn a_front_matter_date_with_one_quote() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "fm.md",
        "---\ndate: \"2099-01-01é\n---\n\nText.\n",
    );
    let (status, file) = check_file(dir.path(), "fm.md", &[]);
    assert_eq!(status, 0, "{file}");
    assert_eq!(file["document_date"]["source"], "front-matter");
    assert_eq!(file["diagnostics"][0]["text"], "2099-01-01é");
}

/// A giant pasted table or a broken export: 100 MB without a line break. Over the default
/// `max_file_bytes` it is refused at once. With the limit raised, the document model and the
/// dateline search read all 100 MB, and the whole check runs through the command line: on
/// 100 MB in a release build (`cargo test --release --test hostile`), on 2 MB in a debug build,
/// where the rules run some fifty times slower; linear time is what is checked, and a quadratic
/// rule would not finish on 2 MB either.
#[test]
fn a_100_mb_single_line() {
    const SIZE: usize = 100_000_000;
    let sentence = "The ministers of Japan and India met in New York on Friday, \
                    24 September 2021, and agreed to continue the talks. ";
    let mut text = sentence.repeat(SIZE / sentence.len() + 1);
    text.truncate(SIZE);
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "line.txt", &text);

    let started = Instant::now();
    let (status, file) = check_file(dir.path(), "line.txt", &[]);
    assert_eq!(status, 2, "{file}");
    assert!(
        file["error"].as_str().unwrap().contains("max_file_bytes"),
        "{file}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );

    let checked = if cfg!(debug_assertions) {
        2_000_000
    } else {
        SIZE
    };
    write(dir.path(), "checked.txt", &text[..checked]);

    let started = Instant::now();
    let doc = Document::new(text, DocKind::Plain);
    assert_eq!(doc.prose.len(), SIZE);
    let date = diplint::document::date::document_date(&doc, None, None, None);
    assert_eq!(
        date.source,
        diplint::rules::DateSource::Today,
        "no dateline in a 100 MB line"
    );
    println!("100 MB document model in {:?}", started.elapsed());
    drop(doc);

    write(dir.path(), "diplint.toml", "max_file_bytes = 200_000_000\n");
    let started = Instant::now();
    let o = diplint(&["check", "--format", "github", "checked.txt"], dir.path());
    let took = started.elapsed();
    assert!(o.status.code().is_some_and(|c| c < 2), "{o:?}");
    assert!(
        took < Duration::from_secs(120),
        "{checked} bytes took {took:?}"
    );
    println!("a single line of {checked} bytes checked in {took:?}");
}

/// A team overlay with a million acronyms must load: merging once searched every earlier entry
/// for each new one, which took hours.
#[test]
fn a_registry_overlay_of_a_million_entries() {
    use std::fmt::Write as _;
    let mut overlay = String::with_capacity(30_000_000);
    for i in 0..1_000_000 {
        writeln!(overlay, "[[acronym]]\nshort = \"X{i}\"").unwrap();
    }
    // Entries merged into earlier ones, and one into the embedded data.
    overlay.push_str("[[acronym]]\nshort = \"X7\"\nexpansions = [\"Seventh\"]\n");
    overlay
        .push_str("[[acronym]]\nshort = \"UN\"\nexpansions = [\"United Nations Organization\"]\n");
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "big.toml", &overlay);
    drop(overlay);

    let started = Instant::now();
    let o = diplint(&["registry", "check", "big.toml"], dir.path());
    let took = started.elapsed();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let limit = if cfg!(debug_assertions) { 300 } else { 60 };
    assert!(
        took < Duration::from_secs(limit),
        "a million entries took {took:?}"
    );
    println!("a million overlay entries checked in {took:?}");
}

/// A config file whose overlay is the config itself, one that is a link to itself, and one
/// given as a folder: each is an error naming the file, and the run ends.
#[test]
fn a_config_that_points_at_itself() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for sub in ["own-overlay", "self-link", "as-folder"] {
        std::fs::create_dir(root.join(sub)).unwrap();
        write(&root.join(sub), "r.txt", "The ministers met.\n");
    }
    write(
        &root.join("own-overlay"),
        "diplint.toml",
        "registry = [\"diplint.toml\"]\n",
    );
    std::os::unix::fs::symlink("diplint.toml", root.join("self-link/diplint.toml")).unwrap();

    let o = diplint(&["check", "r.txt"], &root.join("own-overlay"));
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("diplint.toml:1:1"), "{stderr}");

    let o = diplint(&["check", "r.txt"], &root.join("self-link"));
    assert_eq!(
        o.status.code(),
        Some(2),
        "a config linked to itself is not a silent default"
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("diplint.toml") && stderr.contains("cannot read config"),
        "{stderr}"
    );

    let o = diplint(
        &["check", "--config", ".", "r.txt"],
        &root.join("as-folder"),
    );
    assert_eq!(o.status.code(), Some(2));

    // A folder that links to itself is walked once.
    std::os::unix::fs::symlink(".", root.join("as-folder/loop")).unwrap();
    let o = diplint(
        &["check", "--date", "2021-09-24", "."],
        &root.join("as-folder"),
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
}
