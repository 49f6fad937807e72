//! The command line, driven as a user would: files, folders, stdin, formats, exit statuses,
//! config discovery, suppressions and bad input.
//!
//! `registry/stale` is the probe rule here: it fires for any document dated after the
//! registry's `valid_through`, so these tests do not depend on the registry's contents.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn diplint(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_diplint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const FUTURE: &str = "Date: 1 January 2099\n\nThe ministers met.\n";

#[test]
fn json_positions_are_scalar_columns_and_byte_offsets_after_crlf_and_non_ascii() {
    let dir = tempfile::tempdir().unwrap();
    let text = "António 😀 noted\r\nDate: 1 January 2099\r\n\r\nText.\r\n";
    write(dir.path(), "r.txt", text);
    let o = diplint(&["check", "--format", "json", "r.txt"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let doc = json(&o);
    assert_eq!(doc["version"], 1);
    let file = &doc["files"][0];
    assert_eq!(file["path"], "r.txt");
    assert_eq!(file["document_date"]["date"], "2099-01-01");
    assert_eq!(file["document_date"]["source"], "dateline");
    let d = &file["diagnostics"][0];
    assert_eq!(d["rule"], "registry/stale");
    assert_eq!(d["severity"], "info");
    let (start, end) = (
        d["offset"]["start"].as_u64().unwrap() as usize,
        d["offset"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], d["text"].as_str().unwrap());
    assert_eq!(d["text"], "1 January 2099");
    assert_eq!(d["range"]["start"]["line"], 2);
    assert_eq!(d["range"]["start"]["column"], 7);
    assert_eq!(d["range"]["end"]["column"], 21);
    assert_eq!(doc["summary"]["infos"], 1);
    assert_eq!(doc["summary"]["files"], 1);
}

#[test]
fn a_bom_counts_in_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("\u{feff}{FUTURE}");
    write(dir.path(), "bom.txt", &text);
    let doc = json(&diplint(
        &["check", "--format", "json", "bom.txt"],
        dir.path(),
    ));
    let d = &doc["files"][0]["diagnostics"][0];
    let start = d["offset"]["start"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + 14], "1 January 2099");
    assert_eq!(
        d["range"]["start"]["column"], 8,
        "the BOM is a character of the first line"
    );
}

#[test]
fn exit_status_follows_severity_and_deny_warnings() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "r.txt", FUTURE);
    assert_eq!(
        diplint(&["check", "r.txt"], dir.path()).status.code(),
        Some(0)
    );
    write(
        dir.path(),
        "diplint.toml",
        "[rules]\n\"registry/stale\" = \"warning\"\n",
    );
    assert_eq!(
        diplint(&["check", "r.txt"], dir.path()).status.code(),
        Some(0)
    );
    let denied = diplint(
        &["check", "--deny", "warnings", "--format", "json", "r.txt"],
        dir.path(),
    );
    assert_eq!(denied.status.code(), Some(1));
    assert_eq!(
        json(&denied)["files"][0]["diagnostics"][0]["severity"],
        "warning",
        "deny changes the status only"
    );
    write(
        dir.path(),
        "diplint.toml",
        "[rules]\n\"registry/stale\" = \"error\"\n",
    );
    assert_eq!(
        diplint(&["check", "r.txt"], dir.path()).status.code(),
        Some(1)
    );
    write(dir.path(), "diplint.toml", "[rules]\nregistry = \"off\"\n");
    let off = diplint(&["check", "--format", "json", "r.txt"], dir.path());
    assert_eq!(json(&off)["summary"]["infos"], 0);
}

#[test]
fn bad_input_is_reported_with_its_reason_and_others_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.txt", FUTURE);
    write(dir.path(), "latin1.txt", b"Caf\xe9 au lait\n");
    write(dir.path(), "utf16.txt", b"\xff\xfeD\0a\0t\0e\0");
    write(dir.path(), "nul.md", b"binary\0data");
    let o = diplint(
        &["check", "--format", "json", ".", "missing.md"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    let doc = json(&o);
    let files = doc["files"].as_array().unwrap();
    let error_of = |name: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap()["error"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    assert!(error_of("latin1.txt").contains("not valid UTF-8"));
    assert!(error_of("utf16.txt").contains("UTF-16"));
    assert!(error_of("nul.md").contains("binary"));
    assert!(error_of("missing.md").contains("no such file"));
    let good = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("good.txt"))
        .unwrap();
    assert_eq!(good["diagnostics"][0]["rule"], "registry/stale");
    assert!(
        files
            .iter()
            .all(|f| f["error"].is_null() != f["document_date"].is_null())
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("latin1.txt: file is not valid UTF-8"),
        "{stderr}"
    );
}

#[test]
fn oversize_files_are_not_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "diplint.toml", "max_file_bytes = 10\n");
    write(dir.path(), "big.txt", FUTURE);
    let o = diplint(&["check", "--format", "json", "big.txt"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        json(&o)["files"][0]["error"]
            .as_str()
            .unwrap()
            .contains("over max_file_bytes")
    );
}

#[test]
fn broken_config_is_an_error_with_path_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "diplint.toml",
        "style = \"un\"\ndate_format = \"ymd\"\n",
    );
    write(dir.path(), "r.txt", FUTURE);
    let o = diplint(&["check", "r.txt"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("diplint.toml:2:"), "{stderr}");
    assert!(stderr.contains("unknown date_format"), "{stderr}");
}

#[test]
fn a_config_that_points_at_itself_is_a_broken_overlay() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "diplint.toml",
        "registry = [\"diplint.toml\"]\n",
    );
    write(dir.path(), "r.txt", FUTURE);
    let o = diplint(&["check", "--format", "json", "r.txt"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        json(&o)["files"][0]["error"]
            .as_str()
            .unwrap()
            .contains("broken registry overlay")
    );
}

#[test]
fn the_nearest_config_wins() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "diplint.toml",
        "[rules]\n\"registry/stale\" = \"error\"\n",
    );
    write(dir.path(), "a/r.txt", FUTURE);
    write(dir.path(), "b/r.txt", FUTURE);
    write(
        dir.path(),
        "b/.diplint.toml",
        "[rules]\n\"registry/stale\" = \"hint\"\n",
    );
    let doc = json(&diplint(&["check", "--format", "json", "."], dir.path()));
    let severities: Vec<(String, String)> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().replace('\\', "/"),
                f["diagnostics"][0]["severity"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        severities,
        vec![
            ("./a/r.txt".into(), "error".into()),
            ("./b/r.txt".into(), "hint".into())
        ]
    );
}

#[test]
fn folders_honour_gitignore_excludes_and_file_kinds() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".gitignore", "drafts/\n");
    write(dir.path(), "diplint.toml", "exclude = [\"old/**\"]\n");
    for name in [
        "r.md",
        "r.markdown",
        "r.txt",
        "r.html",
        "r.htm",
        "r.rs",
        "drafts/x.md",
        "old/y.md",
    ] {
        write(dir.path(), name, FUTURE);
    }
    let doc = json(&diplint(&["check", "--format", "json", "."], dir.path()));
    let paths: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        vec!["./r.htm", "./r.html", "./r.markdown", "./r.md", "./r.txt"]
    );
}

#[test]
fn a_folder_without_reports_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.rs", "fn main() {}");
    let o = diplint(&["check", "."], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no reports found"));
}

#[test]
fn stdin_with_a_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_diplint"))
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "2099-01-02-report.md",
            "-",
        ])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"# Report\n\nNo date in the text.\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let doc = json(&o);
    assert_eq!(doc["files"][0]["path"], "2099-01-02-report.md");
    assert_eq!(doc["files"][0]["document_date"]["source"], "filename");
    assert_eq!(doc["files"][0]["diagnostics"][0]["rule"], "registry/stale");
}

#[test]
fn date_option_overrides_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "r.txt", FUTURE);
    let doc = json(&diplint(
        &["check", "--format", "json", "--date", "2021-09-24", "r.txt"],
        dir.path(),
    ));
    assert_eq!(doc["files"][0]["document_date"]["source"], "option");
    assert_eq!(doc["summary"]["infos"], 0);
    let bad = diplint(&["check", "--date", "24/09/2021", "r.txt"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn suppression_comments_in_markdown_and_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "<!-- diplint-disable registry/stale -->\nDate: 1 January 2099\n",
    );
    write(
        dir.path(),
        "b.md",
        "<!-- diplint-disable-next-line -->\nDate: 1 January 2099\n",
    );
    write(
        dir.path(),
        "c.md",
        "Date: 1 January 2099 <!-- diplint-disable-line registry/stale -->\n",
    );
    write(
        dir.path(),
        "d.txt",
        "diplint-disable-next-line registry/stale\nDate: 1 January 2099\n",
    );
    write(
        dir.path(),
        "e.md",
        "<!-- diplint-disable-next-line date/format -->\nDate: 1 January 2099\n",
    );
    let doc = json(&diplint(&["check", "--format", "json", "."], dir.path()));
    let counts: Vec<usize> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["diagnostics"].as_array().unwrap().len())
        .collect();
    assert_eq!(
        counts,
        vec![0, 0, 0, 0, 1],
        "only the suppression of another rule lets it through"
    );
}

#[test]
fn ignore_entries_accept_a_text() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "diplint.toml",
        "[[ignore]]\ntext = \"1 January 2099\"\nrules = [\"registry/stale\"]\n",
    );
    write(dir.path(), "r.txt", FUTURE);
    assert_eq!(
        json(&diplint(
            &["check", "--format", "json", "r.txt"],
            dir.path()
        ))["summary"]["infos"],
        0
    );
}

#[test]
fn sarif_is_2_1_0_with_rule_metadata() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "r.txt", FUTURE);
    let doc = json(&diplint(
        &["check", "--format", "sarif", "r.txt"],
        dir.path(),
    ));
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() >= 20);
    assert!(
        rules
            .iter()
            .all(|r| r["id"].is_string() && r["shortDescription"]["text"].is_string())
    );
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "registry/stale");
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "registry/stale"
    );
    assert_eq!(result["level"], "note");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(1), Some(7))
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "r.txt"
    );
}

#[test]
fn github_and_human_formats() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "r.txt", FUTURE);
    let gh = stdout(&diplint(
        &["check", "--format", "github", "r.txt"],
        dir.path(),
    ));
    assert!(gh.starts_with("::notice file=r.txt,line=1,col=7,endLine=1,endColumn=21,title=registry/stale::the document is dated 2099-01-01"), "{gh}");
    let human = stdout(&diplint(&["check", "r.txt"], dir.path()));
    assert!(
        human.contains("info[registry/stale]: the document is dated 2099-01-01"),
        "{human}"
    );
    assert!(human.contains(" --> r.txt:1:7"), "{human}");
    assert!(
        human.contains("1 | Date: 1 January 2099\n  |       ^^^^^^^^^^^^^^"),
        "{human}"
    );
    assert!(
        human.contains("r.txt: document date 2099-01-01 (dateline)"),
        "{human}"
    );
    assert!(
        human.contains("1 file checked: 0 errors, 0 warnings, 1 info, 0 hints"),
        "{human}"
    );
}

#[test]
fn explain_lists_and_describes_rules() {
    let dir = tempfile::tempdir().unwrap();
    let list = stdout(&diplint(&["explain"], dir.path()));
    for id in [
        "person/misspelled",
        "country/former-name",
        "date/weekday-mismatch",
        "markup/residue",
        "registry/stale",
    ] {
        assert!(list.contains(id), "{id} missing from {list}");
    }
    let one = diplint(&["explain", "date/weekday-mismatch"], dir.path());
    assert!(stdout(&one).contains("Wrong (dated 2021-09-27):"));
    assert_eq!(
        diplint(&["explain", "nope/nope"], dir.path()).status.code(),
        Some(2)
    );
}

#[test]
fn registry_lookup_by_date_and_former_name() {
    let dir = tempfile::tempdir().unwrap();
    let at = |date: &str| {
        stdout(&diplint(
            &["registry", "lookup", "Yoshihide Suga", "--date", date],
            dir.path(),
        ))
    };
    let then = at("2021-09-24");
    assert!(
        then.contains("on 2021-09-24: Prime Minister of Japan"),
        "{then}"
    );
    let later = at("2022-03-01");
    assert!(
        later.contains("on 2022-03-01: held no office in the registry"),
        "{later}"
    );
    assert!(
        later.contains("Prime Minister of Japan on 2022-03-01: Fumio Kishida"),
        "{later}"
    );
    for name in ["Eswatini", "Swaziland"] {
        let o = diplint(
            &["registry", "lookup", name, "--format", "json"],
            dir.path(),
        );
        let doc = json(&o);
        let hit = &doc["hits"][0];
        assert_eq!(hit["code"], "SZ", "{name}");
        assert!(
            hit["former"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["name"] == "Swaziland" && f["until"] == "2018-04-19")
        );
    }
    assert_eq!(
        diplint(&["registry", "lookup", "Nobody Atall"], dir.path())
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn registry_check_validates_overlays() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "good.toml",
        "[[acronym]]\nshort = \"MOFA\"\nexpansions = [\"Ministry of Foreign Affairs\"]\n",
    );
    write(
        dir.path(),
        "bad.toml",
        "[[office]]\nid = \"ZZ-HOG\"\ncountry = \"ZZ\"\nkinds = [\"head_of_government\"]\n\n[[person]]\nid = \"x\"\nname = \"X\"\ncolour = \"red\"\n",
    );
    assert_eq!(
        diplint(&["registry", "check", "good.toml"], dir.path())
            .status
            .code(),
        Some(0)
    );
    let o = diplint(&["registry", "check", "bad.toml"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("bad.toml:9:1: unknown field `colour`"),
        "{}",
        stdout(&o)
    );
    write(
        dir.path(),
        "bad2.toml",
        "[[office]]\nid = \"ZZ-HOG\"\ncountry = \"ZZ\"\nkinds = [\"head_of_government\"]\n",
    );
    let o = diplint(&["registry", "check", "bad2.toml"], dir.path());
    assert!(
        stdout(&o).contains("bad2.toml:3:11: unknown country 'ZZ'"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn registry_import_writes_an_overlay() {
    let dir = tempfile::tempdir().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let out = dir.path().join("wikidata.toml");
    let o = diplint(
        &[
            "registry",
            "import",
            "wikidata",
            data.join("wikidata-result.json").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let overlay = std::fs::read_to_string(&out).unwrap();
    assert!(overlay.contains("wikidata = \"Q4115189\""));
    let check = diplint(
        &[
            "registry",
            "check",
            data.join("test-office.toml").to_str().unwrap(),
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}
