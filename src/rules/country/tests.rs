//! The country rules on whole texts, through the engine.

use crate::config::Settings;
use crate::document::{DocKind, Document};
use crate::rules::testing::{assert_fires, assert_silent, check_with, engine, findings, first_fix};

const DATE: &str = "2021-09-24";

#[test]
fn smoke() {
    assert_fires(
        "country/misspelled",
        "The minister visited the Phillipines.",
        DATE,
        "Phillipines",
    );
    let _ = (
        assert_silent,
        check_with,
        first_fix,
        findings,
        Settings::default(),
    );
}

/// Prints every country finding and annotation count for the reports in a folder
/// (`DIPLINT_CORPUS`, default `/work/shared/corpus`): `cargo test --lib country_corpus -- --ignored --nocapture`.
#[test]
#[ignore]
fn country_corpus() {
    let root = std::env::var("DIPLINT_CORPUS").unwrap_or("/work/shared/corpus".into());
    let mut paths = Vec::new();
    let mut folders = vec![std::path::PathBuf::from(root)];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if let Some(kind) = DocKind::from_path(&path) {
                paths.push((path, kind));
            }
        }
    }
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    let settings = Settings::default();
    let mut serious = 0;
    for (path, kind) in paths {
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue;
        };
        let doc = Document::new(source, kind);
        let report = engine().check(&doc, &settings, None, Some(&path));
        let countries = report
            .annotations
            .iter()
            .filter(|a| matches!(a.subject, crate::rules::Subject::Country(_)))
            .count();
        println!(
            "{} ({}): {countries} country mentions",
            path.display(),
            report.date.date
        );
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.finding.rule.id.starts_with("country/"))
        {
            if d.severity <= crate::rules::Severity::Warning {
                serious += 1;
            }
            println!(
                "  {} {:?} {:?}: {}",
                d.finding.rule.id,
                d.severity,
                &doc.source[d.finding.span.clone()],
                d.finding.message
            );
        }
    }
    println!("country errors and warnings: {serious}");
}
