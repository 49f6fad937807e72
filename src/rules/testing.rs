//! Helpers for rule tests: check a text against the embedded registry on a date.

use crate::config::Settings;
use crate::document::{DocKind, Document};
use crate::engine::{Diagnostic, Engine};
use crate::registry::Registry;
use std::sync::{Arc, OnceLock};

pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(Registry::embedded()))
}

/// Every diagnostic of `text` (plain text) dated `date`.
pub fn check(text: &str, date: &str) -> Vec<Diagnostic> {
    check_with(text, date, &Settings::default())
}

pub fn check_with(text: &str, date: &str, settings: &Settings) -> Vec<Diagnostic> {
    let doc = Document::new(text.to_string(), DocKind::Plain);
    let date = if date.is_empty() {
        None
    } else {
        Some(date.parse().expect("test date"))
    };
    engine().check(&doc, settings, date, None).diagnostics
}

/// The diagnostics of one rule, as (text, message).
pub fn findings(rule: &str, text: &str, date: &str) -> Vec<(String, String)> {
    check(text, date)
        .into_iter()
        .filter(|d| d.finding.rule.id == rule)
        .map(|d| {
            (
                text[d.finding.span.clone()].to_string(),
                d.finding.message.to_string(),
            )
        })
        .collect()
}

/// Asserts that `rule` fires on `text` at `expected` (the text of the span).
#[track_caller]
pub fn assert_fires(rule: &str, text: &str, date: &str, expected: &str) {
    let found = findings(rule, text, date);
    assert!(
        found.iter().any(|(t, _)| t == expected),
        "{rule} should fire on {expected:?} in {text:?} ({date}); found {found:?}"
    );
}

/// Asserts that `rule` stays silent on `text`.
#[track_caller]
pub fn assert_silent(rule: &str, text: &str, date: &str) {
    let found = findings(rule, text, date);
    assert!(
        found.is_empty(),
        "{rule} should be silent on {text:?} ({date}); found {found:?}"
    );
}

/// The first fix offered for `rule` on `text`.
pub fn first_fix(rule: &str, text: &str, date: &str) -> Option<String> {
    check(text, date)
        .into_iter()
        .find(|d| d.finding.rule.id == rule)
        .and_then(|d| d.finding.fixes.first().map(|f| f.replacement.clone()))
}

/// Asserts that `rule` fires on `text` at `wrong` and that its first fix is `fix`.
#[track_caller]
pub fn assert_fix(rule: &str, text: &str, date: &str, wrong: &str, fix: &str) {
    assert_fires(rule, text, date, wrong);
    assert_eq!(first_fix(rule, text, date).as_deref(), Some(fix), "{text}");
}

pub fn registry() -> Arc<Registry> {
    Registry::embedded()
}

/// The diagnostics of one rule under `settings`, as (text, message).
pub fn findings_with(
    rule: &str,
    text: &str,
    date: &str,
    settings: &Settings,
) -> Vec<(String, String)> {
    check_with(text, date, settings)
        .into_iter()
        .filter(|d| d.finding.rule.id == rule)
        .map(|d| {
            (
                text[d.finding.span.clone()].to_string(),
                d.finding.message.to_string(),
            )
        })
        .collect()
}

/// Every rule's own wrong example fires and its right example is silent. Examples are read in
/// the `un` style, so that the style rule's example can fire (its default, `none`, is silent).
#[test]
fn every_rule_examples_hold() {
    let settings = Settings {
        style: "un".into(),
        ..Settings::default()
    };
    let mut failures = Vec::new();
    for rule in super::all_rules() {
        let fires = !findings_with(rule.id, rule.wrong, rule.example_date, &settings).is_empty();
        let silent = findings_with(rule.id, rule.right, rule.example_date, &settings).is_empty();
        if !fires {
            failures.push(format!(
                "{}: wrong example does not fire: {:?}",
                rule.id, rule.wrong
            ));
        }
        if !silent {
            failures.push(format!(
                "{}: right example fires: {:?}",
                rule.id, rule.right
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// What a report says, comparable: every diagnostic with its severity, span, message, fixes,
/// related places and subject, then every annotation.
pub fn summary(report: &crate::engine::Report) -> Vec<String> {
    let diagnostics = report.diagnostics.iter().map(|d| {
        let f = &d.finding;
        format!(
            "{} {:?} {:?} {} {:?} {:?} {:?}",
            f.rule.id, d.severity, f.span, f.message, f.fixes, f.related, f.subject
        )
    });
    let annotations = report
        .annotations
        .iter()
        .map(|a| format!("{:?} {:?}", a.span, a.subject));
    diagnostics.chain(annotations).collect()
}

/// Checks `start`, then applies each edit in turn (the first `from` becomes `to`) and asserts
/// that checking again with the memo of the last check gives what a fresh check gives, for a
/// document read anew and for one updated from the last (as the server makes them). Returns
/// the fresh reports (of `start`, then after each edit), for tests that also want the
/// whole-document decision to have changed on the way.
pub fn assert_rechecks_alike(
    start: &str,
    kind: DocKind,
    settings: &Settings,
    date: Option<jiff::civil::Date>,
    edits: &[(&str, &str)],
) -> Vec<crate::engine::Report> {
    let mut memo = crate::engine::Memo::default();
    let mut updated_memo = crate::engine::Memo::default();
    // The updated documents' reports are kept, as a server keeps its last analysis: their
    // memo then shares its paragraphs with them, where the other takes them over.
    let mut kept = Vec::new();
    let mut previous: Option<Arc<Document>> = None;
    let mut text = start.to_string();
    let mut reports = Vec::new();
    for (from, to) in [("", "")].iter().chain(edits) {
        assert!(text.contains(from), "{from:?} is not in {text:?}");
        text = text.replacen(from, to, 1);
        let doc = Arc::new(Document::new(text.clone(), kind));
        let fresh = engine().check(&doc, settings, date, None);
        let again = engine().check_again(&doc, settings, date, None, &mut memo);
        assert_eq!(
            summary(&again),
            summary(&fresh),
            "{kind:?} after {from:?} -> {to:?}"
        );
        // As a server gives its last report back: the next check takes its findings over.
        memo.recycle(again);
        let updated = Arc::new(match &previous {
            Some(previous) => previous.updated(text.clone()),
            None => Document::new(text.clone(), kind),
        });
        let again = engine().check_again(&updated, settings, date, None, &mut updated_memo);
        assert_eq!(
            summary(&again),
            summary(&fresh),
            "{kind:?} after {from:?} -> {to:?}, updated"
        );
        kept.push(again);
        previous = Some(updated);
        reports.push(fresh);
    }
    reports
}
