//! The engine: one document in, its findings out, with severities from the settings and
//! suppressions applied. The command line and the language server both call [`Engine::check`].

use crate::config::{Level, Settings};
use crate::document::{DirectiveAction, Document, date::document_date, paragraphs};
use crate::hash::{FastHasher, FastMap};
use crate::registry::Registry;
use crate::rules::{
    self, Annotation, Check, Context, DocumentDate, Facts, Finding, Output, Scanned, Severity,
    Subject,
};
use crate::text::fold;
use jiff::civil::Date;
use rayon::prelude::*;
use std::any::Any;
use std::hash::Hasher;
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
}

/// The recognised names and dates of a report, in order of offset. They are kept where the
/// checks left them, by paragraph (shared with the engine's [`Memo`]), and placed in the
/// document as they are read, so that a report after an edit copies none of them.
#[derive(Clone, Default)]
pub struct Annotations {
    /// Each paragraph's start, and its scan when that recognised something.
    paragraphs: Vec<(usize, Arc<ParagraphScan>)>,
    /// The whole-document decisions' annotations, in document offsets, sorted.
    document: Vec<Annotation>,
}

pub struct Engine {
    registry: Arc<Registry>,
    checks: Vec<Box<dyn Check>>,
    /// Tells engines apart, so that a [`Memo`] is only used by the engine that filled it.
    id: u64,
}

fn next_engine_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
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
            id: next_engine_id(),
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
        memo: Option<(&Arc<Document>, &mut Memo)>,
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
        let ranges = paragraphs(&doc.prose);
        let scans = match memo {
            Some((doc, memo)) => memo.scans(self.id, doc, &ranges, &date, settings, |range| {
                self.scan(&cx, range, &wanted)
            }),
            None => self.scan_all(&cx, &ranges, &wanted),
        };

        // The decisions are independent of each other: on a large document, where they are
        // most of the work after an edit, they share the cores.
        let decide = |i: usize| {
            let mut out = Output::default();
            if wanted[i] {
                let scanned: Vec<Scanned> = ranges
                    .iter()
                    .zip(&scans)
                    .map(|(range, scan)| Scanned::new(range.start, scan.facts(i)))
                    .collect();
                self.checks[i].decide(&cx, &scanned, &mut out);
            }
            out
        };
        let decided: Vec<Output> = if doc.prose.len() < PARALLEL_FROM_BYTES {
            (0..self.checks.len()).map(decide).collect()
        } else {
            (0..self.checks.len()).into_par_iter().map(decide).collect()
        };
        let mut out = Output::default();
        for mut o in decided {
            out.findings.append(&mut o.findings);
            out.annotations.append(&mut o.annotations);
        }
        for (range, scan) in ranges.iter().zip(&scans) {
            out.findings
                .extend(scan.findings.iter().map(|f| f.shifted(range.start)));
        }
        let mut document = std::mem::take(&mut out.annotations);
        document.sort_by_key(|a| (a.span.start, a.span.end));
        let annotations = Annotations {
            paragraphs: ranges
                .iter()
                .zip(scans)
                .filter(|(_, scan)| !scan.annotations.is_empty())
                .map(|(range, scan)| (range.start, scan))
                .collect(),
            document,
        };
        self.report(doc, settings, date, out.findings, annotations)
    }

    /// Every paragraph's scan, the large ones on several threads.
    fn scan_all(
        &self,
        cx: &Context,
        ranges: &[Range<usize>],
        wanted: &[bool],
    ) -> Vec<Arc<ParagraphScan>> {
        if cx.text.len() < PARALLEL_FROM_BYTES {
            return ranges
                .iter()
                .map(|range| self.scan(cx, range.clone(), wanted))
                .collect();
        }
        ranges
            .par_iter()
            .map(|range| self.scan(cx, range.clone(), wanted))
            .collect()
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
        annotations.sort_by_key(|a| (a.span.start, a.span.end));
        Arc::new(ParagraphScan {
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
        findings: Vec<Finding>,
        annotations: Annotations,
    ) -> Report {
        let suppressed = Suppressions::new(doc);
        let mut diagnostics: Vec<Diagnostic> = findings
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
        Report {
            date,
            diagnostics,
            annotations,
        }
    }
}

/// One annotation of a report, placed in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised<'a> {
    pub span: Range<usize>,
    pub subject: &'a Subject,
}

impl Annotations {
    /// Every annotation, by start then end.
    pub fn iter(&self) -> impl Iterator<Item = Recognised<'_>> + '_ {
        let from_paragraphs = self.paragraphs.iter().flat_map(|(start, scan)| {
            scan.annotations.iter().map(move |a| Recognised {
                span: a.span.start + start..a.span.end + start,
                subject: &a.subject,
            })
        });
        let from_document = self.document.iter().map(|a| Recognised {
            span: a.span.clone(),
            subject: &a.subject,
        });
        merge_by_span(from_paragraphs, from_document)
    }

    pub fn len(&self) -> usize {
        self.document.len()
            + self
                .paragraphs
                .iter()
                .map(|(_, scan)| scan.annotations.len())
                .sum::<usize>()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
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

/// Two streams sorted by (start, end), as one.
fn merge_by_span<'a>(
    a: impl Iterator<Item = Recognised<'a>>,
    b: impl Iterator<Item = Recognised<'a>>,
) -> impl Iterator<Item = Recognised<'a>> {
    let mut a = a.peekable();
    let mut b = b.peekable();
    std::iter::from_fn(move || {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => (x.span.start, x.span.end) <= (y.span.start, y.span.end),
            (Some(_), None) => true,
            (None, _) => false,
        };
        if take_a { a.next() } else { b.next() }
    })
}

/// Documents smaller than this are scanned on the calling thread: sharing out a few paragraphs
/// costs more than it saves.
const PARALLEL_FROM_BYTES: usize = 64 * 1024;

/// What every check made of one paragraph, offsets relative to its start.
struct ParagraphScan {
    /// Every check's, in the engine's order of checks.
    findings: Vec<Finding>,
    /// Every check's, sorted by span.
    annotations: Vec<Annotation>,
    /// By check, in the engine's order.
    facts: Box<[Option<Facts>]>,
}

impl ParagraphScan {
    fn facts(&self, check: usize) -> Option<&(dyn Any + Send + Sync)> {
        self.facts[check].as_deref()
    }
}

/// What the engine keeps of a document's last check, so that the next check of an edited
/// version reads again only the paragraphs whose text changed.
#[derive(Default)]
pub struct Memo {
    last: Option<Checked>,
}

/// The last check: its document, the date and settings its paragraphs were read under, and
/// its paragraphs in order with their scans.
struct Checked {
    engine: u64,
    doc: Arc<Document>,
    date: DocumentDate,
    settings: Settings,
    paragraphs: Vec<Kept>,
    /// Indexes into `paragraphs` by key: paragraphs that moved further than the edit moved
    /// them (a paste, an undo) are found this way.
    by_key: FastMap<u64, Vec<usize>>,
}

/// A paragraph of the last check.
struct Kept {
    range: Range<usize>,
    /// A hash of its source and prose; equal keys are compared in full.
    key: u64,
    scan: Arc<ParagraphScan>,
}

impl Memo {
    /// The scans of `ranges` of `doc`: the last check's where a paragraph's source and prose
    /// are the same, new ones (by `scan`) where not.
    #[allow(clippy::too_many_arguments)]
    fn scans(
        &mut self,
        engine: u64,
        doc: &Arc<Document>,
        ranges: &[Range<usize>],
        date: &DocumentDate,
        settings: &Settings,
        scan: impl Fn(Range<usize>) -> Arc<ParagraphScan> + Sync,
    ) -> Vec<Arc<ParagraphScan>> {
        let last = self.last.take().filter(|last| {
            last.engine == engine && last.date == *date && last.settings == *settings
        });
        let found: Vec<Option<(u64, Arc<ParagraphScan>)>> = match &last {
            Some(last) => ranges.iter().map(|range| last.find(doc, range)).collect(),
            None => vec![None; ranges.len()],
        };
        let missing: usize = ranges
            .iter()
            .zip(&found)
            .filter(|(_, found)| found.is_none())
            .map(|(range, _)| range.len())
            .sum();
        let kept = |(range, found): (&Range<usize>, &Option<(u64, Arc<ParagraphScan>)>)| {
            let (key, scan) = found
                .clone()
                .unwrap_or_else(|| (paragraph_key(doc, range), scan(range.clone())));
            Kept {
                range: range.clone(),
                key,
                scan,
            }
        };
        let paragraphs: Vec<Kept> = if missing < PARALLEL_FROM_BYTES {
            ranges.iter().zip(&found).map(kept).collect()
        } else {
            ranges.par_iter().zip(&found).map(kept).collect()
        };
        drop(last);
        let mut by_key: FastMap<u64, Vec<usize>> = FastMap::default();
        for (i, p) in paragraphs.iter().enumerate() {
            by_key.entry(p.key).or_default().push(i);
        }
        let scans = paragraphs.iter().map(|p| p.scan.clone()).collect();
        self.last = Some(Checked {
            engine,
            doc: doc.clone(),
            date: date.clone(),
            settings: settings.clone(),
            paragraphs,
            by_key,
        });
        scans
    }
}

impl Checked {
    /// The key and scan of a kept paragraph with the same text as `range` of `doc`. It is
    /// looked for where it was (before the edit) and where the edit moved it (after), and only
    /// then by its hash, so that an edit hashes little more than the paragraphs it changed.
    fn find(&self, doc: &Document, range: &Range<usize>) -> Option<(u64, Arc<ParagraphScan>)> {
        let moved = doc.source.len() as isize - self.doc.source.len() as isize;
        let same = |k: &&Kept| same_paragraph(&self.doc, &k.range, doc, range);
        let starting_at = |start: usize| {
            let i = self
                .paragraphs
                .binary_search_by_key(&start, |k| k.range.start)
                .ok()?;
            Some(&self.paragraphs[i])
        };
        let kept = starting_at(range.start)
            .filter(same)
            .or_else(|| {
                let before = range.start.checked_add_signed(-moved)?;
                starting_at(before).filter(same)
            })
            .or_else(|| {
                let key = paragraph_key(doc, range);
                self.by_key
                    .get(&key)?
                    .iter()
                    .map(|&i| &self.paragraphs[i])
                    .find(same)
            })?;
        Some((kept.key, kept.scan.clone()))
    }
}

fn paragraph_key(doc: &Document, range: &Range<usize>) -> u64 {
    let mut h = FastHasher::default();
    h.write(doc.prose[range.clone()].as_bytes());
    h.write(doc.source[range.clone()].as_bytes());
    h.finish()
}

/// Whether two paragraphs read alike to a check: the same source and the same prose.
fn same_paragraph(a: &Document, ra: &Range<usize>, b: &Document, rb: &Range<usize>) -> bool {
    a.kind == b.kind
        && a.source[ra.clone()] == b.source[rb.clone()]
        && a.prose[ra.clone()] == b.prose[rb.clone()]
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
