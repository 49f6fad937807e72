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
        .map(|d| (text[d.finding.span.clone()].to_string(), d.finding.message))
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
        .map(|d| (text[d.finding.span.clone()].to_string(), d.finding.message))
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
