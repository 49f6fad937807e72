//! The engine: one document in, its findings out, with severities from the settings and
//! suppressions applied. The command line and the language server both call [`Engine::check`].

use crate::config::{Level, Settings};
use crate::document::{DirectiveAction, Document, date::document_date};
use crate::registry::Registry;
use crate::rules::{self, Annotation, Check, Context, DocumentDate, Finding, Output, Severity};
use crate::text::fold;
use jiff::civil::Date;
use std::path::Path;
use std::sync::Arc;

/// A finding with the severity it has under the settings.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub finding: Finding,
    pub severity: Severity,
}

/// Everything the engine found in one document.
#[derive(Debug, Clone)]
pub struct Report {
    pub date: DocumentDate,
    /// Sorted by offset, then rule id.
    pub diagnostics: Vec<Diagnostic>,
    /// Recognised names and dates, sorted by offset.
    pub annotations: Vec<Annotation>,
}

pub struct Engine {
    registry: Arc<Registry>,
    checks: Vec<Box<dyn Check>>,
}

impl Engine {
    /// Builds every check's indexes for `registry`; do it once and reuse the engine.
    pub fn new(registry: Arc<Registry>) -> Engine {
        let checks = rules::checks(&registry);
        Engine { registry, checks }
    }

    /// An engine running the given checks instead of the built-in ones (tests of the engine's
    /// callers inject checks with known findings this way).
    pub fn with_checks(registry: Arc<Registry>, checks: Vec<Box<dyn Check>>) -> Engine {
        Engine { registry, checks }
    }

    pub fn registry(&self) -> &Arc<Registry> {
        &self.registry
    }

    /// Checks a document. `date_option` is the `--date` of the command line; `path` lends its
    /// file name to date detection.
    pub fn check(
        &self,
        doc: &Document,
        settings: &Settings,
        date_option: Option<Date>,
        path: Option<&Path>,
    ) -> Report {
        let date = document_date(doc, date_option, settings.document_date, path);
        let cx = Context::new(doc, &self.registry, date.clone(), settings);
        let mut out = Output::default();
        for check in &self.checks {
            let wanted = check
                .rules()
                .iter()
                .any(|r| settings.level(r) != Level::Off);
            if wanted {
                check.check(&cx, &mut out);
            }
        }
        let suppressed = Suppressions::new(doc);
        let mut diagnostics: Vec<Diagnostic> = out
            .findings
            .into_iter()
            .filter(|f| slices(&doc.source, &f.span, f.rule.id))
            .filter_map(|finding| match settings.level(finding.rule) {
                Level::Off => None,
                Level::On(severity) => Some(Diagnostic { finding, severity }),
            })
            .filter(|d| !suppressed.hides(doc, &d.finding))
            .filter(|d| !ignored(settings, doc, &d.finding))
            .collect();
        diagnostics.sort_by(|a, b| {
            (a.finding.span.start, a.finding.rule.id, a.finding.span.end).cmp(&(
                b.finding.span.start,
                b.finding.rule.id,
                b.finding.span.end,
            ))
        });
        diagnostics.dedup_by(|a, b| {
            a.finding.rule.id == b.finding.rule.id && a.finding.span == b.finding.span
        });
        let mut annotations = out.annotations;
        annotations.sort_by_key(|a| (a.span.start, a.span.end));
        Report {
            date,
            diagnostics,
            annotations,
        }
    }
}

/// Whether a finding's span slices the source. A span that does not is a bug in its rule: it
/// fails tests and fuzzing (debug assertions), and is dropped in a release build rather than
/// taking the outputs, which slice the source, down with it.
fn slices(source: &str, span: &std::ops::Range<usize>, rule: &str) -> bool {
    let ok = source.get(span.clone()).is_some();
    debug_assert!(ok, "{rule}: span {span:?} does not slice the source");
    ok
}

/// `[[ignore]]` entries: texts the team accepts.
fn ignored(settings: &Settings, doc: &Document, finding: &Finding) -> bool {
    if settings.ignore.is_empty() {
        return false;
    }
    let text = fold(&doc.source[finding.span.clone()]);
    settings.ignore.iter().any(|i| {
        fold(&i.text) == text
            && (i.rules.is_empty() || i.rules.iter().any(|r| rule_matches(r, finding.rule.id)))
    })
}

fn rule_matches(selector: &str, id: &str) -> bool {
    let area = selector.strip_suffix("/*").unwrap_or(selector);
    selector == id || id.split('/').next() == Some(area)
}

/// The suppression comments of a document, as line and offset ranges.
struct Suppressions {
    /// (from offset, to offset, rules); empty rules = all.
    ranges: Vec<(usize, usize, Vec<String>)>,
    /// (0-based line, rules).
    lines: Vec<(usize, Vec<String>)>,
}

impl Suppressions {
    fn new(doc: &Document) -> Suppressions {
        let mut ranges = Vec::new();
        let mut lines = Vec::new();
        let mut open: Vec<(usize, Vec<String>)> = Vec::new();
        for d in &doc.directives {
            match d.action {
                DirectiveAction::Disable => open.push((d.span.end, d.rules.clone())),
                DirectiveAction::Enable => {
                    // `enable` with rules closes those; without, closes everything open.
                    let (closing, keep): (Vec<_>, Vec<_>) =
                        open.drain(..).partition(|(_, rules)| {
                            d.rules.is_empty() || rules.iter().any(|r| d.rules.contains(r))
                        });
                    open = keep;
                    ranges.extend(
                        closing
                            .into_iter()
                            .map(|(from, rules)| (from, d.span.start, rules)),
                    );
                }
                DirectiveAction::DisableNextLine => {
                    let line = doc.line_of(d.span.end.saturating_sub(1));
                    lines.push((line + 1, d.rules.clone()));
                }
                DirectiveAction::DisableLine => {
                    lines.push((doc.line_of(d.span.start), d.rules.clone()))
                }
            }
        }
        ranges.extend(
            open.into_iter()
                .map(|(from, rules)| (from, usize::MAX, rules)),
        );
        Suppressions { ranges, lines }
    }

    fn hides(&self, doc: &Document, finding: &Finding) -> bool {
        let applies = |rules: &[String]| {
            rules.is_empty() || rules.iter().any(|r| rule_matches(r, finding.rule.id))
        };
        let at = finding.span.start;
        if self
            .ranges
            .iter()
            .any(|(from, to, rules)| *from <= at && at < *to && applies(rules))
        {
            return true;
        }
        if self.lines.is_empty() {
            return false;
        }
        let line = doc.line_of(at);
        self.lines
            .iter()
            .any(|(l, rules)| *l == line && applies(rules))
    }
}
