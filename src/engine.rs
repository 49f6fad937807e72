//! The engine: one document in, its findings out, with severities from the settings and
//! suppressions applied. The command line and the language server both call [`Engine::check`].

mod memo;

pub use crate::rules::Recognised;
pub use memo::Memo;

use crate::config::{Level, Settings};
use crate::document::{DirectiveAction, Document, date::document_date};
use crate::hash::FastMap;
use crate::registry::Registry;
use crate::rules::{
    self, AnnotationList, Check, Context, Decision, DocumentDate, Facts, Finding, Last, Output,
    Paragraphs as Seen, Severity,
};
use crate::text::fold;
use jiff::civil::Date;
use memo::{Analysed, Checked, PARALLEL_FROM_BYTES, Paragraphs, Previous};
use rayon::prelude::*;
use std::any::Any;
use std::ops::Range;
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
    /// Recognised names and dates.
    pub annotations: Annotations,
    /// For each diagnostic, where its finding came from (see [`Memo::recycle`]).
    origins: Vec<Origin>,
}

/// Where a finding of a report came from: the scan or decision that wrote it (0 for the
/// whole-document decisions), and where it was placed from there.
#[derive(Debug, Clone, Copy)]
struct Origin {
    source: u64,
    /// Where the paragraph started that the finding was placed for.
    at: usize,
}

impl Report {
    /// A report of nothing, for a document not checked.
    pub fn empty(date: DocumentDate) -> Report {
        Report {
            date,
            diagnostics: Vec::new(),
            annotations: Annotations::default(),
            origins: Vec::new(),
        }
    }
}

/// The recognised names and dates of a report, in order of offset. They are kept where the
/// checks left them, by paragraph (shared with the engine's [`Memo`]), and placed in the
/// document as they are read, so that a report after an edit copies none of them.
#[derive(Clone, Default)]
pub struct Annotations {
    /// The paragraphs' scans and decisions.
    analysed: Option<Arc<Analysed>>,
    /// The whole-document decisions' annotations, in document offsets, sorted.
    document: AnnotationList,
}

pub struct Engine {
    registry: Arc<Registry>,
    checks: Vec<Box<dyn Check>>,
    /// Tells engines apart, so that a [`Memo`] is only used by the engine that filled it.
    id: u64,
}

impl Engine {
    /// Builds every check's indexes for `registry`; do it once and reuse the engine.
    pub fn new(registry: Arc<Registry>) -> Engine {
        let checks = rules::checks(&registry);
        Engine::with_checks(registry, checks)
    }

    /// An engine running the given checks instead of the built-in ones (tests of the engine's
    /// callers inject checks with known findings this way).
    pub fn with_checks(registry: Arc<Registry>, checks: Vec<Box<dyn Check>>) -> Engine {
        Engine {
            registry,
            checks,
            id: crate::unique_id(),
        }
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
        self.run(doc, settings, date_option, path, None)
    }

    /// Checks a document again after an edit: the paragraphs that `memo` holds from the last
    /// check, under the same date and settings, are not read again. `memo` then holds this
    /// check's paragraphs. The report is the one [`Engine::check`] gives.
    pub fn check_again(
        &self,
        doc: &Arc<Document>,
        settings: &Settings,
        date_option: Option<Date>,
        path: Option<&Path>,
        memo: &mut Memo,
    ) -> Report {
        self.run(doc, settings, date_option, path, Some((doc, memo)))
    }

    fn run(
        &self,
        doc: &Document,
        settings: &Settings,
        date_option: Option<Date>,
        path: Option<&Path>,
        mut memo: Option<(&Arc<Document>, &mut Memo)>,
    ) -> Report {
        let date = document_date(doc, date_option, settings.document_date, path);
        let cx = Context::new(doc, &self.registry, date.clone(), settings);
        let wanted: Vec<bool> = self
            .checks
            .iter()
            .map(|check| {
                check
                    .rules()
                    .iter()
                    .any(|r| settings.level(r) != Level::Off)
            })
            .collect();
        let mut previous = memo
            .as_mut()
            .and_then(|(_, memo)| memo.take(self.id, &date, settings))
            .map(Previous::of);
        let scan = |range: Range<usize>| self.scan(&cx, range, &wanted);
        let paragraphs = match &mut previous {
            Some(previous) => previous.read_again(doc, scan),
            None => Paragraphs::read(doc, scan),
        };
        let last = previous.as_mut().map(Previous::decisions);
        let decisions = self.decide_paragraphs(&cx, &paragraphs, last, &wanted);
        let whole = self.decide_whole(&cx, &paragraphs, &wanted);
        drop(previous);
        let analysed = Arc::new(Analysed {
            paragraphs,
            decisions,
        });
        let recycled = memo
            .as_mut()
            .and_then(|(_, memo)| memo.take_recycled())
            .map_or_else(FastMap::default, recycled);
        let findings = placed_findings(&analysed, whole.findings, recycled);
        let mut document = whole.annotations;
        document.sort();
        let annotations = Annotations {
            analysed: Some(analysed.clone()),
            document,
        };
        let report = self.report(doc, settings, date.clone(), findings, annotations);
        if let Some((doc, memo)) = memo {
            memo.keep(Checked {
                engine: self.id,
                doc: doc.clone(),
                date,
                settings: settings.clone(),
                analysed,
            });
        }
        report
    }

    /// Every wanted check's paragraph-by-paragraph decision, each given its decision on the
    /// last version when there is one. A fresh decision of a large document is most of the
    /// work of a first check, and the checks' decisions share the cores; after an edit each
    /// takes over most of what it wrote, and handing work to other threads would cost more.
    fn decide_paragraphs(
        &self,
        cx: &Context,
        paragraphs: &Paragraphs,
        last: Option<Vec<Last<'_>>>,
        wanted: &[bool],
    ) -> Vec<Decision> {
        let fresh = last.is_none();
        let mut last: Vec<Option<Last>> = match last {
            Some(last) => last.into_iter().map(Some).collect(),
            None => Vec::new(),
        };
        last.resize_with(self.checks.len(), || None);
        let decide = |(i, last): (usize, Option<Last>)| {
            if !wanted[i] {
                return Decision::default();
            }
            let facts = |p: usize| paragraphs.read[p].scan.facts(i);
            let seen = Seen::new(&paragraphs.ranges, &paragraphs.was, &facts);
            self.checks[i].decide_paragraphs(cx, &seen, last)
        };
        let each = last.into_iter().enumerate();
        if !fresh || cx.text.len() < PARALLEL_FROM_BYTES {
            each.map(decide).collect()
        } else {
            each.collect::<Vec<_>>()
                .into_par_iter()
                .map(decide)
                .collect()
        }
    }

    /// Every wanted check's decision on the document as a whole.
    fn decide_whole(&self, cx: &Context, paragraphs: &Paragraphs, wanted: &[bool]) -> Output {
        let mut out = Output::default();
        for (i, check) in self.checks.iter().enumerate() {
            if wanted[i] {
                let facts = |p: usize| paragraphs.read[p].scan.facts(i);
                let seen = Seen::new(&paragraphs.ranges, &paragraphs.was, &facts);
                check.decide(cx, &seen, &mut out);
            }
        }
        out
    }

    /// One paragraph read by every wanted check.
    fn scan(&self, cx: &Context, range: Range<usize>, wanted: &[bool]) -> Arc<ParagraphScan> {
        let pcx = cx.paragraph(range);
        let mut out = Output::default();
        let facts = self
            .checks
            .iter()
            .zip(wanted)
            .map(|(check, &wanted)| {
                if wanted {
                    check.scan(&pcx, &mut out)
                } else {
                    None
                }
            })
            .collect();
        let Output {
            mut findings,
            mut annotations,
        } = out;
        findings.shrink_to_fit();
        annotations.shrink_to_fit();
        annotations.sort();
        Arc::new(ParagraphScan {
            id: crate::unique_id(),
            findings,
            annotations,
            facts,
        })
    }

    /// Severities, suppressions, ignores and order: the findings as the settings present them.
    fn report(
        &self,
        doc: &Document,
        settings: &Settings,
        date: DocumentDate,
        findings: Vec<(Finding, Origin)>,
        annotations: Annotations,
    ) -> Report {
        let suppressed = Suppressions::new(doc);
        let mut diagnostics: Vec<(Diagnostic, Origin)> = findings
            .into_iter()
            .filter(|(f, _)| slices(&doc.source, &f.span, f.rule.id))
            .filter_map(|(finding, origin)| match settings.level(finding.rule) {
                Level::Off => None,
                Level::On(severity) => Some((Diagnostic { finding, severity }, origin)),
            })
            .filter(|(d, _)| !suppressed.hides(doc, &d.finding))
            .filter(|(d, _)| !ignored(settings, doc, &d.finding))
            .collect();
        diagnostics.sort_by(|(a, _), (b, _)| {
            (a.finding.span.start, a.finding.rule.id, a.finding.span.end).cmp(&(
                b.finding.span.start,
                b.finding.rule.id,
                b.finding.span.end,
            ))
        });
        diagnostics.dedup_by(|(a, _), (b, _)| {
            a.finding.rule.id == b.finding.rule.id && a.finding.span == b.finding.span
        });
        let (diagnostics, origins) = diagnostics.into_iter().unzip();
        Report {
            date,
            diagnostics,
            annotations,
            origins,
        }
    }
}

impl Annotations {
    /// Every annotation, by start then end; of equal spans, the paragraphs' own first, then
    /// the decisions' in the engine's order of checks.
    pub fn iter(&self) -> impl Iterator<Item = Recognised<'_>> + '_ {
        type Stream<'a> = Box<dyn Iterator<Item = Recognised<'a>> + 'a>;
        let mut streams: Vec<Stream<'_>> = Vec::new();
        if let Some(analysed) = &self.analysed {
            let paragraphs = &analysed.paragraphs;
            let scanned = paragraphs
                .ranges
                .iter()
                .zip(&paragraphs.read)
                .filter(|(_, read)| read.annotations)
                .flat_map(|(range, read)| {
                    let start = range.start;
                    read.scan
                        .annotations
                        .iter()
                        .map(move |a| placed(a, 0, start))
                });
            streams.push(Box::new(scanned));
            for decision in &analysed.decisions {
                let decided = paragraphs
                    .ranges
                    .iter()
                    .zip(decision.all_written())
                    .filter_map(|(range, d)| Some((range.start, d.as_ref()?)))
                    .flat_map(|(start, d)| {
                        d.out
                            .annotations
                            .iter()
                            .map(move |a| placed(a, d.at, start))
                    });
                streams.push(Box::new(decided));
            }
        }
        streams.push(Box::new(self.document.iter()));
        merge_by_span(streams)
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

/// An annotation written for a paragraph at `from`, placed for the paragraph now at `to`.
fn placed(a: Recognised<'_>, from: usize, to: usize) -> Recognised<'_> {
    Recognised {
        span: moved(a.span.start, from, to)..moved(a.span.end, from, to),
        subject: a.subject,
    }
}

/// An offset written for a paragraph at `from`, for the paragraph now at `to`.
fn moved(offset: usize, from: usize, to: usize) -> usize {
    if to >= from {
        offset + (to - from)
    } else {
        offset.saturating_sub(from - to)
    }
}

/// A finding written for a paragraph at `from`, moved in place to the paragraph now at `to`.
fn move_finding(f: &mut Finding, from: usize, to: usize) {
    f.span = moved(f.span.start, from, to)..moved(f.span.end, from, to);
    for r in &mut f.related {
        r.span = moved(r.span.start, from, to)..moved(r.span.end, from, to);
    }
}

/// The findings of a report that the next check may take over rather than copy: by the scan
/// or writing they came from, where they were placed from it and the findings.
type Recycled = FastMap<u64, (usize, Vec<Finding>)>;

/// A report's findings by where they came from. A source some of whose findings the report
/// left out (a level, a suppression) is left out whole.
fn recycled(report: Report) -> Recycled {
    let mut by_source: Recycled = FastMap::default();
    if report.origins.len() != report.diagnostics.len() {
        return by_source;
    }
    for (d, origin) in report.diagnostics.into_iter().zip(report.origins) {
        if origin.source != 0 {
            let (_, findings) = by_source
                .entry(origin.source)
                .or_insert_with(|| (origin.at, Vec::new()));
            findings.push(d.finding);
        }
    }
    by_source
}

/// Every finding in document offsets, with where it came from: the whole-document decisions',
/// the paragraph-by-paragraph decisions' by check, then the paragraphs' own. Only the sources
/// that have some are read, and those the last report placed are taken from it.
fn placed_findings(
    analysed: &Analysed,
    whole: Vec<Finding>,
    mut recycled: Recycled,
) -> Vec<(Finding, Origin)> {
    let whole_origin = Origin { source: 0, at: 0 };
    let mut findings: Vec<(Finding, Origin)> =
        whole.into_iter().map(|f| (f, whole_origin)).collect();
    let mut place = |source: u64, written: &[Finding], from: usize, to: usize| {
        let origin = Origin { source, at: to };
        match recycled.remove(&source) {
            Some((at, mut kept)) if kept.len() == written.len() => {
                for f in &mut kept {
                    move_finding(f, at, to);
                }
                findings.extend(kept.into_iter().map(|f| (f, origin)));
            }
            _ => {
                let placed = written.iter().map(|f| {
                    let mut f = f.clone();
                    move_finding(&mut f, from, to);
                    (f, origin)
                });
                findings.extend(placed);
            }
        }
    };
    let paragraphs = &analysed.paragraphs;
    for decision in &analysed.decisions {
        for p in decision.with_findings() {
            if let Some(d) = decision.written(p) {
                place(d.id(), &d.out.findings, d.at, paragraphs.ranges[p].start);
            }
        }
    }
    let with_findings = paragraphs.ranges.iter().zip(&paragraphs.read);
    for (range, read) in with_findings.filter(|(_, read)| read.findings) {
        place(read.scan.id, &read.scan.findings, 0, range.start);
    }
    findings
}

impl<'a> IntoIterator for &'a Annotations {
    type Item = Recognised<'a>;
    type IntoIter = Box<dyn Iterator<Item = Recognised<'a>> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl std::fmt::Debug for Annotations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Streams sorted by (start, end), as one; of equal spans, the earlier stream's first.
fn merge_by_span<'a>(
    streams: Vec<Box<dyn Iterator<Item = Recognised<'a>> + 'a>>,
) -> impl Iterator<Item = Recognised<'a>> {
    let mut streams: Vec<_> = streams.into_iter().map(Iterator::peekable).collect();
    std::iter::from_fn(move || {
        let mut first: Option<(usize, (usize, usize))> = None;
        for (i, stream) in streams.iter_mut().enumerate() {
            if let Some(x) = stream.peek() {
                let key = (x.span.start, x.span.end);
                if first.is_none_or(|(_, best)| key < best) {
                    first = Some((i, key));
                }
            }
        }
        streams[first?.0].next()
    })
}

/// What every check made of one paragraph, offsets relative to its start.
struct ParagraphScan {
    /// Tells scans apart: a report keeps, for each finding, the scan it came from.
    id: u64,
    /// Every check's, in the engine's order of checks.
    findings: Vec<Finding>,
    /// Every check's, sorted by span.
    annotations: AnnotationList,
    /// By check, in the engine's order.
    facts: Box<[Option<Facts>]>,
}

impl ParagraphScan {
    fn facts(&self, check: usize) -> Option<&(dyn Any + Send + Sync)> {
        self.facts[check].as_deref()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocKind;
    use crate::rules::testing::{assert_rechecks_alike, engine, summary};

    const REPORT: &str = "---\ndate: 2021-09-24\n---\n\n# Readout\n\nPrime Minister Yoshihide \
Suga met President Joe Biden in Washington on Friday, 24 September 2021.\n\nSuga and Biden spoke \
about the JICA programme and the Philipines.\n\nThe Japan International Cooperation Agency (JICA) \
will report on 9/10/2021.\n\nOn 23 September, Foreign Minister Motegi met his counterpart.\n";

    #[test]
    fn checking_again_after_edits_gives_what_a_fresh_check_gives() {
        let edits: &[(&str, &str)] = &[
            // A paragraph's own finding goes away, and comes back.
            ("Philipines", "Philippines"),
            ("Philippines", "Philipines"),
            // The introduction of "Suga" changes: the later family name no longer resolves.
            ("Prime Minister Yoshihide Suga", "Prime Minister"),
            ("Prime Minister met", "Prime Minister Yoshihide Suga met"),
            // The definition moves before the first use, then goes away.
            (
                "the JICA programme",
                "the Japan International Cooperation Agency (JICA) programme",
            ),
            (
                "The Japan International Cooperation Agency (JICA) will",
                "JICA will",
            ),
            // Paragraphs join and split, and shift everything after them.
            ("Washington on", "Washington\n\non"),
            ("Washington\n\non", "Washington on"),
            ("# Readout\n\n", ""),
            // The document's date changes: every paragraph is read again.
            ("2021-09-24", "2022-03-01"),
        ];
        assert_rechecks_alike(REPORT, DocKind::Markdown, &Settings::default(), None, edits);
    }

    #[test]
    fn a_memo_is_not_used_under_other_settings_or_by_another_engine() {
        let text = format!("{REPORT}\nDelegates of South Korea attended.\n");
        let doc = Arc::new(Document::new(text, DocKind::Markdown));
        let mut memo = Memo::default();
        let defaults = Settings::default();
        let first = engine().check_again(&doc, &defaults, None, None, &mut memo);
        // Another style changes what the paragraphs' scans find (country/style), not only
        // which findings are shown: scans kept from the defaults would be wrong here.
        let un = Settings {
            style: "un".into(),
            ..Settings::default()
        };
        let fresh = engine().check(&doc, &un, None, None);
        assert_ne!(
            summary(&fresh),
            summary(&first),
            "the style changes the scans"
        );
        let again = engine().check_again(&doc, &un, None, None, &mut memo);
        assert_eq!(summary(&again), summary(&fresh));
        // An engine with other checks: the memo's scans are another engine's.
        let registry = Registry::embedded();
        let markup = crate::rules::markup::MarkupCheck::new(&registry);
        let other = Engine::with_checks(registry, vec![Box::new(markup)]);
        let by_other = other.check_again(&doc, &un, None, None, &mut memo);
        assert_eq!(
            summary(&by_other),
            summary(&other.check(&doc, &un, None, None))
        );
    }
}
