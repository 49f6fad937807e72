//! What the engine keeps of a document's last check, so that checking an edited version reads
//! again only the paragraphs whose text changed and decides again only what the change can
//! alter.
//!
//! A check's paragraphs and decisions ([`Analysed`]) are shared by its report (which reads its
//! annotations there) and the memo. When the next check comes and the report is gone, they are
//! taken over as they are: an edit then touches little more than the paragraphs it changed,
//! where copying every paragraph's share would touch them all.

use super::ParagraphScan;
use crate::config::Settings;
use crate::document::{Change, Document, paragraphs, paragraphs_again};
use crate::hash::{FastHasher, FastMap};
use crate::rules::{Decision, DocumentDate, Last};
use rayon::prelude::*;
use std::hash::Hasher;
use std::ops::Range;
use std::sync::Arc;

/// Documents smaller than this are scanned on the calling thread: sharing out a few paragraphs
/// costs more than it saves.
pub(super) const PARALLEL_FROM_BYTES: usize = 64 * 1024;

/// What the engine keeps of a document's last check, so that the next check of an edited
/// version reads again only the paragraphs whose text changed.
#[derive(Default)]
pub struct Memo {
    last: Option<Checked>,
    /// The last check's report, given back when its owner is done with it, without its
    /// annotations (which share the last check's paragraphs).
    recycled: Option<super::Report>,
}

/// A check of a document, and what it was made under.
pub(super) struct Checked {
    pub engine: u64,
    pub doc: Arc<Document>,
    pub date: DocumentDate,
    pub settings: Settings,
    pub analysed: Arc<Analysed>,
}

/// What a check made of a document's paragraphs: their ranges, what every check read of each,
/// and every check's decisions.
pub(super) struct Analysed {
    pub paragraphs: Paragraphs,
    /// By check, in the engine's order.
    pub decisions: Vec<Decision>,
}

/// A document's paragraphs in order, with what every check read of each.
#[derive(Default)]
pub(super) struct Paragraphs {
    pub ranges: Vec<Range<usize>>,
    pub read: Vec<Read>,
    /// For each paragraph, its index in the last check when its text is what it was there;
    /// no two have the same.
    pub was: Vec<Option<usize>>,
}

/// What every check read of a paragraph.
#[derive(Clone)]
pub(super) struct Read {
    /// A hash of its source and prose; equal keys are compared in full.
    pub key: u64,
    pub scan: Arc<ParagraphScan>,
    /// Whether the scan has findings, and annotations: kept here so that assembling a report
    /// reads only the scans that have some.
    pub findings: bool,
    pub annotations: bool,
}

impl Read {
    fn new(key: u64, scan: Arc<ParagraphScan>) -> Read {
        Read {
            key,
            findings: !scan.findings.is_empty(),
            annotations: !scan.annotations.is_empty(),
            scan,
        }
    }
}

impl Memo {
    /// The last check, when it was made by engine `engine` under the same date and settings
    /// (its scans and decisions hold for this check's unchanged paragraphs).
    pub(super) fn take(
        &mut self,
        engine: u64,
        date: &DocumentDate,
        settings: &Settings,
    ) -> Option<Checked> {
        self.last.take().filter(|last| {
            last.engine == engine && last.date == *date && last.settings == *settings
        })
    }

    pub(super) fn keep(&mut self, checked: Checked) {
        self.last = Some(checked);
    }

    /// Gives back the report of the last check, as the engine made it, once it is no longer
    /// needed: the next check takes over its findings where their scans and decisions are the
    /// same, rather than copying them again.
    pub fn recycle(&mut self, mut report: super::Report) {
        report.annotations = super::Annotations::default();
        self.recycled = Some(report);
    }

    pub(super) fn take_recycled(&mut self) -> Option<super::Report> {
        self.recycled.take()
    }

    /// Whether checking `doc` again is little work: it was made by a small edit (of at most
    /// `bytes`) of the document last checked, and is of the same kind.
    pub fn is_small_step(&self, doc: &Document, bytes: usize) -> bool {
        let Some(last) = &self.last else {
            return false;
        };
        let known = doc
            .known_change_from(&last.doc)
            .filter(|_| doc.kind == last.doc.kind);
        known.is_some_and(|c| c.new_end - c.start <= bytes && c.old_end - c.start <= bytes)
    }
}

/// The last check's paragraphs and decisions as the next check takes them over: its own when
/// nothing else holds them, shared (and copied from) when its report is still about.
pub(super) enum Previous {
    Own {
        doc: Arc<Document>,
        ranges: Vec<Range<usize>>,
        read: Vec<Option<Read>>,
        decisions: Vec<Decision>,
    },
    Shared {
        doc: Arc<Document>,
        analysed: Arc<Analysed>,
    },
}

impl Previous {
    pub fn of(checked: Checked) -> Previous {
        match Arc::try_unwrap(checked.analysed) {
            Ok(Analysed {
                paragraphs,
                decisions,
            }) => Previous::Own {
                doc: checked.doc,
                ranges: paragraphs.ranges,
                read: paragraphs.read.into_iter().map(Some).collect(),
                decisions,
            },
            Err(analysed) => Previous::Shared {
                doc: checked.doc,
                analysed,
            },
        }
    }

    fn doc(&self) -> &Document {
        match self {
            Previous::Own { doc, .. } | Previous::Shared { doc, .. } => doc,
        }
    }

    fn ranges(&self) -> &[Range<usize>] {
        match self {
            Previous::Own { ranges, .. } => ranges,
            Previous::Shared { analysed, .. } => &analysed.paragraphs.ranges,
        }
    }

    fn key(&self, i: usize) -> Option<u64> {
        match self {
            Previous::Own { read, .. } => read.get(i)?.as_ref().map(|r| r.key),
            Previous::Shared { analysed, .. } => analysed.paragraphs.read.get(i).map(|r| r.key),
        }
    }

    fn take_read(&mut self, i: usize) -> Option<Read> {
        match self {
            Previous::Own { read, .. } => read.get_mut(i)?.take(),
            Previous::Shared { analysed, .. } => analysed.paragraphs.read.get(i).cloned(),
        }
    }

    /// Every check's last decision, in the engine's order.
    pub fn decisions(&mut self) -> Vec<Last<'_>> {
        match self {
            Previous::Own { decisions, .. } => std::mem::take(decisions)
                .into_iter()
                .map(Last::Own)
                .collect(),
            Previous::Shared { analysed, .. } => {
                analysed.decisions.iter().map(Last::Shared).collect()
            }
        }
    }

    /// The paragraphs of `doc`, an edited version of the document checked: those whose text
    /// is as it was keep their scans (found where they were, where the edit moved it, or else
    /// by their text's hash), the others are read by `scan`.
    pub fn read_again(
        &mut self,
        doc: &Document,
        scan: impl Fn(Range<usize>) -> Arc<ParagraphScan> + Sync,
    ) -> Paragraphs {
        if doc.kind != self.doc().kind {
            return Paragraphs::read(doc, scan);
        }
        let change = doc.change_from(self.doc());
        let ranges = paragraphs_again(self.ranges(), &doc.prose, change);
        let mut was = unchanged(self.ranges(), &ranges, change);
        self.find_moved(doc, &ranges, &mut was);
        let old: Vec<Option<Read>> = was
            .iter()
            .map(|w| w.and_then(|i| self.take_read(i)))
            .collect();
        let read = read_missing(doc, &ranges, old, scan);
        Paragraphs { ranges, read, was }
    }

    /// Looks for the paragraphs the change touched among the old ones not found yet, by their
    /// text: a paste, an undo or a change that left a paragraph as it was.
    fn find_moved(&self, doc: &Document, ranges: &[Range<usize>], was: &mut [Option<usize>]) {
        let old_ranges = self.ranges();
        let missing: Vec<usize> = (0..ranges.len()).filter(|&i| was[i].is_none()).collect();
        if missing.is_empty() {
            return;
        }
        let mut taken = vec![false; old_ranges.len()];
        for &i in was.iter().flatten() {
            taken[i] = true;
        }
        // A few are looked for one by one; many, by a map of the old keys.
        const BY_MAP_FROM: usize = 8;
        let by_key: Option<FastMap<u64, Vec<usize>>> = (missing.len() >= BY_MAP_FROM).then(|| {
            let mut map: FastMap<u64, Vec<usize>> = FastMap::default();
            for j in (0..old_ranges.len()).filter(|&j| !taken[j]) {
                if let Some(key) = self.key(j) {
                    map.entry(key).or_default().push(j);
                }
            }
            map
        });
        for i in missing {
            let range = &ranges[i];
            let key = paragraph_key(doc, range);
            let candidates: Box<dyn Iterator<Item = usize>> = match &by_key {
                Some(map) => Box::new(map.get(&key).into_iter().flatten().copied()),
                None => Box::new((0..old_ranges.len()).filter(|&j| self.key(j) == Some(key))),
            };
            let found = candidates
                .filter(|&j| !taken[j])
                .find(|&j| same_paragraph(self.doc(), &old_ranges[j], doc, range));
            if let Some(j) = found {
                taken[j] = true;
                was[i] = Some(j);
            }
        }
    }
}

impl Paragraphs {
    /// Every paragraph of `doc`, each read by `scan`, the large documents on several threads.
    pub fn read(
        doc: &Document,
        scan: impl Fn(Range<usize>) -> Arc<ParagraphScan> + Sync,
    ) -> Paragraphs {
        let ranges = paragraphs(&doc.prose);
        let was = vec![None; ranges.len()];
        let old = vec![None; ranges.len()];
        let read = read_missing(doc, &ranges, old, scan);
        Paragraphs { ranges, read, was }
    }
}

/// For each of the new paragraphs `ranges`, the index of the old paragraph (of `old`) that it
/// is when `change` left it alone: wholly before the change, or wholly after it and moved by
/// it. Both lists are in order, and so are the paragraphs found: one pass over both.
fn unchanged(old: &[Range<usize>], ranges: &[Range<usize>], change: Change) -> Vec<Option<usize>> {
    let mut next = 0;
    ranges
        .iter()
        .map(|range| {
            let was = if range.end <= change.start {
                range.clone()
            } else if range.start >= change.new_end {
                let back = |at: usize| at - change.new_end + change.old_end;
                back(range.start)..back(range.end)
            } else {
                return None;
            };
            while old.get(next).is_some_and(|r| r.start < was.start) {
                next += 1;
            }
            let found = old.get(next).filter(|r| **r == was).map(|_| next);
            next += usize::from(found.is_some());
            found
        })
        .collect()
}

/// The reads of `ranges`: the old one where there is one, a new one by `scan` where not.
fn read_missing(
    doc: &Document,
    ranges: &[Range<usize>],
    old: Vec<Option<Read>>,
    scan: impl Fn(Range<usize>) -> Arc<ParagraphScan> + Sync,
) -> Vec<Read> {
    let read = |(range, old): (&Range<usize>, Option<Read>)| match old {
        Some(kept) => kept,
        None => Read::new(paragraph_key(doc, range), scan(range.clone())),
    };
    let missing: usize = ranges
        .iter()
        .zip(&old)
        .filter(|(_, old)| old.is_none())
        .map(|(range, _)| range.len())
        .sum();
    if missing < PARALLEL_FROM_BYTES {
        ranges.iter().zip(old).map(read).collect()
    } else {
        ranges.par_iter().zip(old).map(read).collect()
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
