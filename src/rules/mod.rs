//! The rules: what a finding is, what every rule declares about itself, and the checks that
//! produce findings, one module per area.
//!
//! A *check* reads a whole document once and may raise findings of several rules of its area
//! (the country check finds every country name once, then decides between `country/misspelled`,
//! `country/former-name` and the others). Each rule is a static [`RuleInfo`].

pub mod acronym;
mod annotation;
pub mod by_paragraph;
mod context;
pub mod country;
pub mod date;
pub mod markup;
pub mod person;
pub mod registry_stale;
pub mod title;

pub use annotation::{Annotation, AnnotationList, Recognised};
pub use context::{Context, DateSource, DocumentDate, Settings};

use crate::registry::{CountryId, OfficeId, PersonId, Registry};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::any::Any;
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            "hint" => Severity::Hint,
            _ => return None,
        })
    }
}

/// What a rule is: its id, default severity and explanation with a wrong and a right example.
#[derive(Debug)]
pub struct RuleInfo {
    pub id: &'static str,
    pub severity: Severity,
    /// One line: what the rule catches.
    pub summary: &'static str,
    /// Why it matters and what is and is not reported.
    pub explanation: &'static str,
    /// A text that draws the finding, checked against `example_date`.
    pub wrong: &'static str,
    /// The same text, corrected: it draws nothing.
    pub right: &'static str,
    pub example_date: &'static str,
}

/// A replacement of a finding's whole span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub replacement: String,
}

impl Fix {
    pub fn replace_with(replacement: impl Into<String>) -> Fix {
        let replacement = replacement.into();
        Fix {
            title: format!("Replace with '{replacement}'"),
            replacement,
        }
    }

    pub fn remove() -> Fix {
        Fix {
            title: "Remove".into(),
            replacement: String::new(),
        }
    }
}

/// What a span of text was recognised as; kept on findings and annotations for hovers,
/// inlay hints and completions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Country(CountryId),
    Person(PersonId),
    Office(OfficeId),
    /// A date or interval that the text resolves to, and how it was resolved.
    Date {
        start: Date,
        end: Date,
        relative: bool,
        note: String,
    },
    Acronym {
        short: String,
        expansion: Option<String>,
    },
    Session {
        series: String,
        number: u32,
    },
}

/// Another place in the document that explains a finding (an earlier definition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Range<usize>,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static RuleInfo,
    /// Byte range in the document's source.
    pub span: Range<usize>,
    /// Shared by the copies of a finding (a report's and the scan's it came from).
    pub message: Arc<str>,
    pub fixes: Vec<Fix>,
    pub related: Vec<Related>,
    pub subject: Option<Subject>,
}

impl Finding {
    pub fn new(
        rule: &'static RuleInfo,
        span: Range<usize>,
        message: impl Into<Arc<str>>,
    ) -> Finding {
        Finding {
            rule,
            span,
            message: message.into(),
            fixes: Vec::new(),
            related: Vec::new(),
            subject: None,
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Finding {
        // Most findings have one fix: room for it alone (a first push makes room for four).
        self.fixes.reserve_exact(1);
        self.fixes.push(fix);
        self
    }

    pub fn with_subject(mut self, subject: Subject) -> Finding {
        self.subject = Some(subject);
        self
    }

    /// The same finding, `by` bytes further on (a paragraph's finding placed in its document).
    pub fn shifted(&self, by: usize) -> Finding {
        let mut f = self.clone();
        f.span = f.span.start + by..f.span.end + by;
        for r in &mut f.related {
            r.span = r.span.start + by..r.span.end + by;
        }
        f
    }

    pub fn with_related(mut self, span: Range<usize>, message: impl Into<String>) -> Finding {
        self.related.reserve_exact(1);
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
}

/// Where a check writes.
#[derive(Debug, Default)]
pub struct Output {
    pub findings: Vec<Finding>,
    pub annotations: AnnotationList,
}

impl Output {
    pub fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    pub fn annotate(&mut self, span: Range<usize>, subject: Subject) {
        self.annotations.push(span, subject);
    }
}

/// What a check keeps of one paragraph for its whole-document decision (acronym definitions,
/// person introductions, date styles): its own type, read back with [`Scanned::facts`].
pub type Facts = Box<dyn Any + Send + Sync>;

/// One paragraph's facts for [`Check::decide`] and [`Check::decide_paragraphs`].
pub struct Scanned<'a> {
    /// Where the paragraph starts in the document: the facts' offsets are relative to it.
    pub start: usize,
    facts: Option<&'a (dyn Any + Send + Sync)>,
    /// The paragraph's index in the last decision (on an earlier version of the document),
    /// when its text, and so its facts, are what they were there.
    pub was: Option<usize>,
}

impl<'a> Scanned<'a> {
    /// The facts, when the check returned some of type `T` for this paragraph.
    pub fn facts<T: 'static>(&self) -> Option<&'a T> {
        self.facts?.downcast_ref()
    }
}

/// Reads one paragraph's facts of one check.
pub type FactsOf<'a> = dyn Fn(usize) -> Option<&'a (dyn Any + Send + Sync)> + Sync + 'a;

/// Every paragraph of a document, in order, as one check's decisions see them: where each
/// starts, where it was in the last decision, and its facts, which are read only when asked
/// for (an edit leaves most paragraphs as they were, and a decision after it need not look at
/// them all).
pub struct Paragraphs<'a> {
    ranges: &'a [Range<usize>],
    was: &'a [Option<usize>],
    facts: &'a FactsOf<'a>,
}

impl<'a> Paragraphs<'a> {
    pub fn new(
        ranges: &'a [Range<usize>],
        was: &'a [Option<usize>],
        facts: &'a FactsOf<'a>,
    ) -> Paragraphs<'a> {
        Paragraphs { ranges, was, facts }
    }

    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Where paragraph `i` starts in the document.
    pub fn start(&self, i: usize) -> usize {
        self.ranges[i].start
    }

    /// Paragraph `i`'s index in the last decision, when its text is what it was there. No
    /// two paragraphs have the same.
    pub fn was(&self, i: usize) -> Option<usize> {
        self.was[i]
    }

    /// Paragraph `i`'s facts, when the check returned some of type `T` for it.
    pub fn facts<T: 'static>(&self, i: usize) -> Option<&'a T> {
        (self.facts)(i)?.downcast_ref()
    }

    /// Paragraph `i`.
    pub fn get(&self, i: usize) -> Scanned<'a> {
        Scanned {
            start: self.start(i),
            facts: (self.facts)(i),
            was: self.was(i),
        }
    }

    /// Every paragraph, in order.
    pub fn iter(&self) -> impl Iterator<Item = Scanned<'a>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// What a paragraph-by-paragraph decision wrote about one paragraph.
#[derive(Debug, Default)]
pub struct Decided {
    /// Where the paragraph started when this was written: the offsets in `out` are the
    /// document's for a paragraph starting there, and move with the paragraph.
    pub at: usize,
    /// Annotations sorted by span.
    pub out: Output,
    /// Tells writings apart (0 for none): a report keeps, for each finding, the writing it
    /// came from (see `engine::Memo::recycle`).
    id: u64,
}

impl Decided {
    pub fn id(&self) -> u64 {
        self.id
    }
}

/// A check's paragraph-by-paragraph decision on one version of a document: what it wrote
/// about each paragraph, and what it decided that from, so that its decision on the next
/// version can take over what still holds.
#[derive(Default)]
pub struct Decision {
    /// By paragraph, in order; `None` where nothing was written. Empty when nothing was
    /// written at all.
    written: Vec<Option<Arc<Decided>>>,
    /// Whether what was written about each paragraph has findings (kept apart so that
    /// placing them reads only those).
    with_findings: Vec<bool>,
    /// What the check keeps of its reasons (its own type).
    pub basis: Option<Box<dyn Any + Send + Sync>>,
}

impl Decision {
    /// A decision on `paragraphs` paragraphs, written in order with [`write`](Self::write)
    /// and [`keep`](Self::keep).
    pub fn with_capacity(paragraphs: usize) -> Decision {
        Decision {
            written: Vec::with_capacity(paragraphs),
            with_findings: Vec::with_capacity(paragraphs),
            basis: None,
        }
    }

    /// What is written about the next paragraph, anew (see [`decided`]).
    pub fn write(&mut self, written: Option<Arc<Decided>>) {
        let findings = written.as_ref().is_some_and(|d| !d.out.findings.is_empty());
        self.written.push(written);
        self.with_findings.push(findings);
    }

    /// What `last` wrote about its paragraph `was`, taken over for the next paragraph.
    pub fn keep(&mut self, last: &mut Last<'_>, was: usize) {
        let (written, findings) = last.take(was);
        self.written.push(written);
        self.with_findings.push(findings);
    }

    /// What was written about paragraph `index`.
    pub fn written(&self, index: usize) -> Option<&Arc<Decided>> {
        self.written.get(index)?.as_ref()
    }

    /// Every paragraph's writing, in order.
    pub fn all_written(&self) -> &[Option<Arc<Decided>>] {
        &self.written
    }

    /// The indexes of the paragraphs whose writing has findings.
    pub fn with_findings(&self) -> impl Iterator<Item = usize> + '_ {
        self.with_findings
            .iter()
            .enumerate()
            .filter_map(|(i, &f)| f.then_some(i))
    }

    /// The basis, when the check kept one of type `T`.
    pub fn basis<T: 'static>(&self) -> Option<&T> {
        self.basis.as_deref()?.downcast_ref()
    }
}

/// A check's last decision, given to its next: its own when nothing else holds it any more
/// (what it wrote and its basis can then be taken over without copying), shared otherwise.
pub enum Last<'a> {
    Own(Decision),
    Shared(&'a Decision),
}

impl Last<'_> {
    fn decision(&self) -> &Decision {
        match self {
            Last::Own(d) => d,
            Last::Shared(d) => d,
        }
    }

    /// The basis, when the check kept one of type `T`.
    pub fn basis<T: 'static>(&self) -> Option<&T> {
        self.decision().basis()
    }

    /// The basis, taken over when this decision is the check's own.
    pub fn take_basis<T: 'static>(&mut self) -> Option<Box<T>> {
        match self {
            Last::Own(d) => d.basis.take()?.downcast().ok(),
            Last::Shared(_) => None,
        }
    }

    /// What was written about paragraph `index`, with whether it has findings: taken over
    /// when this decision is the check's own.
    fn take(&mut self, index: usize) -> (Option<Arc<Decided>>, bool) {
        let findings = self.decision().with_findings.get(index) == Some(&true);
        let written = match self {
            Last::Own(d) => d.written.get_mut(index).and_then(Option::take),
            Last::Shared(d) => d.written(index).cloned(),
        };
        (written, findings)
    }
}

/// Writes `out` about the paragraph starting at `at`, sorted as [`Decided`] keeps it; `None`
/// when there is nothing to keep.
pub fn decided(at: usize, mut out: Output) -> Option<Arc<Decided>> {
    if out.findings.is_empty() && out.annotations.is_empty() {
        return None;
    }
    out.findings.shrink_to_fit();
    out.annotations.shrink_to_fit();
    out.annotations.sort();
    Some(Arc::new(Decided {
        at,
        out,
        id: crate::unique_id(),
    }))
}

/// One area's reading of a document, in two parts so that an edit re-reads only the paragraphs
/// it changed (the engine keeps each paragraph's scan while its text stays the same):
///
/// - [`scan`](Check::scan) reads one paragraph alone: the expensive part, per word;
/// - [`decide_paragraphs`](Check::decide_paragraphs) sees every paragraph's facts and decides
///   what needs more than one paragraph (an acronym used before its definition further down),
///   writing about each paragraph apart; after an edit it takes over what it wrote about the
///   paragraphs whose facts and reasons are as they were. [`decide`](Check::decide) decides
///   about the document as a whole, again after every edit. Both should cost little more
///   than reading the facts.
///
/// A paragraph ends at a blank line of the prose (see [`crate::document::paragraphs`]).
pub trait Check: Send + Sync {
    /// The rules this check can raise.
    fn rules(&self) -> &'static [&'static RuleInfo];

    /// Reads one paragraph: `cx.text` and `cx.source_text` are the paragraph alone and every
    /// offset, in `out` and in the facts, is relative to its start. Writes what the paragraph
    /// decides by itself to `out`, and returns what the whole-document decision needs.
    ///
    /// It must depend on nothing but `cx` (the paragraph's text, the document's date, the
    /// settings): the engine reuses the result for an unchanged paragraph.
    fn scan(&self, _cx: &Context, _out: &mut Output) -> Option<Facts> {
        None
    }

    /// Decides what needs other paragraphs' facts, writing about each paragraph apart (in
    /// document offsets) in order: `cx` is the document, `paragraphs` every paragraph. `last`
    /// is this check's decision on an earlier version of the document, under the same date and
    /// settings: what it wrote about paragraph [`Paragraphs::was`] may be taken over (it moves
    /// with the paragraph) when everything that writing depends on is as it was, other
    /// paragraphs' offsets relative to this one included.
    fn decide_paragraphs(
        &self,
        _cx: &Context,
        _paragraphs: &Paragraphs<'_>,
        _last: Option<Last<'_>>,
    ) -> Decision {
        Decision::default()
    }

    /// Decides about the document as a whole, after every edit: `cx` is the document,
    /// `paragraphs` every paragraph. Offsets in `out` are the document's.
    fn decide(&self, _cx: &Context, _paragraphs: &Paragraphs<'_>, _out: &mut Output) {}
}

/// Every check, built once for a registry (each builds the indexes it needs).
pub fn checks(registry: &Registry) -> Vec<Box<dyn Check>> {
    // The indexes are independent and their building is most of start-up: the person check's,
    // the largest, is built on a thread of its own while this one builds the rest.
    std::thread::scope(|scope| {
        let person = scope.spawn(|| person::PersonCheck::new(registry));
        let country = country::CountryCheck::new(registry);
        let date = date::DateCheck::new(registry);
        let acronym = acronym::AcronymCheck::new(registry);
        let markup = markup::MarkupCheck::new(registry);
        // A panic there would have been one here: build it here again to get the same.
        let person = person
            .join()
            .unwrap_or_else(|_| person::PersonCheck::new(registry));
        vec![
            Box::new(country) as Box<dyn Check>,
            Box::new(person),
            Box::new(date),
            Box::new(acronym),
            Box::new(markup),
            Box::new(registry_stale::StaleCheck),
        ]
    })
}

/// Every rule, in a stable order (by id).
pub fn all_rules() -> Vec<&'static RuleInfo> {
    let mut rules: Vec<&'static RuleInfo> = [
        country::RULES,
        person::RULES,
        title::RULES,
        date::RULES,
        acronym::RULES,
        markup::RULES,
        registry_stale::RULES,
    ]
    .concat();
    rules.sort_by_key(|r| r.id);
    rules
}

pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    all_rules().into_iter().find(|r| r.id == id)
}

#[cfg(test)]
#[allow(dead_code)] // helpers used by the rule modules' tests
pub(crate) mod testing;
