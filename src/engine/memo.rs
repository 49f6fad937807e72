//! What the engine keeps of a document's last check, so that checking an edited version reads
//! again only the paragraphs whose text changed and decides again only what the change can
//! alter.

use super::ParagraphScan;
use crate::config::Settings;
use crate::document::{Change, Document, paragraphs, paragraphs_again};
use crate::hash::{FastHasher, FastMap};
use crate::rules::{Decision, DocumentDate};
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
}

/// A check of a document: its paragraphs, what every check read of each and the decisions
/// made from that.
pub(super) struct Checked {
    pub engine: u64,
    pub doc: Arc<Document>,
    pub date: DocumentDate,
    pub settings: Settings,
    pub paragraphs: Paragraphs,
    /// By check, in the engine's order.
    pub decisions: Vec<Decision>,
}

/// A document's paragraphs in order, with what every check read of each.
#[derive(Default)]
pub(super) struct Paragraphs {
    pub ranges: Vec<Range<usize>>,
    pub read: Vec<Read>,
    /// For each paragraph, its index in the last check when its text is what it was there.
    pub was: Vec<Option<usize>>,
}

/// What every check read of a paragraph.
pub(super) struct Read {
    /// A hash of its source and prose; equal keys are compared in full.
    pub key: u64,
    pub scan: Arc<ParagraphScan>,
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
}

impl Paragraphs {
    /// Every paragraph of `doc`, each read by `scan`, the large documents on several threads.
    pub fn read(
        doc: &Document,
        scan: impl Fn(Range<usize>) -> Arc<ParagraphScan> + Sync,
    ) -> Paragraphs {
        let ranges = paragraphs(&doc.prose);
        let was = vec![None; ranges.len()];
        let read = read_missing(doc, &ranges, &[], &was, scan);
        Paragraphs { ranges, read, was }
    }
}

impl Checked {
    /// The paragraphs of `doc`, an edited version of the document checked: those whose text
    /// is as it was keep their scans (found where they were, where the edit moved them, or
    /// else by their text's hash), the others are read by `scan`.
    pub fn read_again(
        &self,
        doc: &Document,
        scan: impl Fn(Range<usize>) -> Arc<ParagraphScan> + Sync,
    ) -> Paragraphs {
        if doc.kind != self.doc.kind {
            return Paragraphs::read(doc, scan);
        }
        let change = doc.change_from(&self.doc);
        let old = &self.paragraphs;
        let ranges = paragraphs_again(&old.ranges, &doc.prose, change);
        let mut was: Vec<Option<usize>> = ranges
            .iter()
            .map(|range| old.unchanged(range, change))
            .collect();
        self.find_moved(doc, &ranges, &mut was);
        let read = read_missing(doc, &ranges, &old.read, &was, scan);
        Paragraphs { ranges, read, was }
    }

    /// Looks for the paragraphs the change touched among the old ones by their text: a
    /// paste, an undo or a change that left a paragraph as it was.
    fn find_moved(&self, doc: &Document, ranges: &[Range<usize>], was: &mut [Option<usize>]) {
        let old = &self.paragraphs;
        let missing: Vec<usize> = (0..ranges.len()).filter(|&i| was[i].is_none()).collect();
        // A few are looked for one by one; many, by a map of the old keys.
        const BY_MAP_FROM: usize = 8;
        let by_key: Option<FastMap<u64, Vec<usize>>> = (missing.len() >= BY_MAP_FROM).then(|| {
            let mut map: FastMap<u64, Vec<usize>> = FastMap::default();
            for (i, r) in old.read.iter().enumerate() {
                map.entry(r.key).or_default().push(i);
            }
            map
        });
        for i in missing {
            let range = &ranges[i];
            let key = paragraph_key(doc, range);
            let same = |&j: &usize| same_paragraph(&self.doc, &old.ranges[j], doc, range);
            was[i] = match &by_key {
                Some(map) => map.get(&key).and_then(|js| js.iter().copied().find(same)),
                None => (0..old.read.len())
                    .filter(|&j| old.read[j].key == key)
                    .find(same),
            };
        }
    }
}

impl Paragraphs {
    /// The index of the old paragraph that is `range` of the new text, when `change` left it
    /// alone: wholly before the change, or wholly after it and moved by it.
    fn unchanged(&self, range: &Range<usize>, change: Change) -> Option<usize> {
        let old = if range.end <= change.start {
            range.clone()
        } else if range.start >= change.new_end {
            let back = |at: usize| at - change.new_end + change.old_end;
            back(range.start)..back(range.end)
        } else {
            return None;
        };
        let i = self
            .ranges
            .binary_search_by_key(&old.start, |r| r.start)
            .ok()?;
        (self.ranges[i] == old).then_some(i)
    }
}

/// The reads of `ranges`: the old one where `was` has it, a new one by `scan` where not.
fn read_missing(
    doc: &Document,
    ranges: &[Range<usize>],
    old: &[Read],
    was: &[Option<usize>],
    scan: impl Fn(Range<usize>) -> Arc<ParagraphScan> + Sync,
) -> Vec<Read> {
    let read = |(range, was): (&Range<usize>, &Option<usize>)| match was.and_then(|i| old.get(i)) {
        Some(kept) => Read {
            key: kept.key,
            scan: kept.scan.clone(),
        },
        None => Read {
            key: paragraph_key(doc, range),
            scan: scan(range.clone()),
        },
    };
    let missing: usize = ranges
        .iter()
        .zip(was)
        .filter(|(_, was)| was.is_none())
        .map(|(range, _)| range.len())
        .sum();
    if missing < PARALLEL_FROM_BYTES {
        ranges.iter().zip(was).map(read).collect()
    } else {
        ranges.par_iter().zip(was).map(read).collect()
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
