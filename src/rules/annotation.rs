//! Annotations kept compactly. A long document holds tens of thousands of them, most of them a
//! country or a person, whose subject is a 4-byte id: those take 12 bytes each (two `u32`
//! offsets and a tagged id) instead of a whole [`Annotation`] (64 bytes). The rest (dates,
//! acronyms, sessions, and anything that does not fit) are kept whole, out of line.

use super::Subject;
use crate::registry::{CountryId, OfficeId, PersonId};
use std::borrow::Cow;
use std::ops::Range;

/// A recognised span that is not a finding (a correct name, a resolved date), kept whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub span: Range<usize>,
    pub subject: Subject,
}

/// One annotation as read back: its span (placed where it is read) and its subject, borrowed
/// when kept whole and rebuilt when kept as an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised<'a> {
    pub span: Range<usize>,
    pub subject: Cow<'a, Subject>,
}

/// Annotations in the order they were written, or sorted by span once [`sort`] has run.
///
/// [`sort`]: AnnotationList::sort
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnnotationList {
    entries: Vec<Entry>,
    /// The annotations an entry cannot hold, which their entries point to.
    whole: Vec<Annotation>,
}

/// A span and what it is: a tag in the top two bits of `what`, and a country, person or office
/// id or an index into [`AnnotationList::whole`] below them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    start: u32,
    end: u32,
    what: u32,
}

const TAG_SHIFT: u32 = 30;
const PAYLOAD: u32 = (1 << TAG_SHIFT) - 1;
const COUNTRY: u32 = 0;
const PERSON: u32 = 1;
const OFFICE: u32 = 2;
const WHOLE: u32 = 3;

impl Entry {
    /// The entry for an annotation that fits one: a registry id below 2^30, offsets below 2^32.
    fn compact(span: &Range<usize>, subject: &Subject) -> Option<Entry> {
        let (tag, id) = match *subject {
            Subject::Country(CountryId(id)) => (COUNTRY, id),
            Subject::Person(PersonId(id)) => (PERSON, id),
            Subject::Office(OfficeId(id)) => (OFFICE, id),
            _ => return None,
        };
        (id <= PAYLOAD).then_some(())?;
        Some(Entry {
            start: u32::try_from(span.start).ok()?,
            end: u32::try_from(span.end).ok()?,
            what: tag << TAG_SHIFT | id,
        })
    }

    fn tag(self) -> u32 {
        self.what >> TAG_SHIFT
    }

    fn payload(self) -> u32 {
        self.what & PAYLOAD
    }
}

impl AnnotationList {
    pub fn push(&mut self, span: Range<usize>, subject: Subject) {
        let entry = Entry::compact(&span, &subject).unwrap_or_else(|| {
            // Whole annotations are rare; more than 2^30 of them would not fit in memory.
            let index = self.whole.len() as u32 & PAYLOAD;
            self.whole.push(Annotation { span, subject });
            Entry {
                start: 0,
                end: 0,
                what: WHOLE << TAG_SHIFT | index,
            }
        });
        self.entries.push(entry);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Sorts by (start, end), keeping the order of writing among equal spans.
    pub fn sort(&mut self) {
        let whole = &self.whole;
        self.entries.sort_by_key(|&e| {
            let span = span_of(e, whole);
            (span.start, span.end)
        });
    }

    pub fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
        self.whole.shrink_to_fit();
    }

    pub fn iter(&self) -> impl Iterator<Item = Recognised<'_>> + '_ {
        self.entries.iter().map(|&e| self.read(e))
    }

    fn read(&self, e: Entry) -> Recognised<'_> {
        let id = e.payload();
        let subject = match e.tag() {
            COUNTRY => Cow::Owned(Subject::Country(CountryId(id))),
            PERSON => Cow::Owned(Subject::Person(PersonId(id))),
            OFFICE => Cow::Owned(Subject::Office(OfficeId(id))),
            _ => Cow::Borrowed(&self.whole[id as usize].subject),
        };
        Recognised {
            span: span_of(e, &self.whole),
            subject,
        }
    }
}

fn span_of(e: Entry, whole: &[Annotation]) -> Range<usize> {
    match e.tag() {
        WHOLE => whole[e.payload() as usize].span.clone(),
        _ => e.start as usize..e.end as usize,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_subject(note: &str) -> Subject {
        let day = jiff::civil::date(2021, 9, 24);
        Subject::Date {
            start: day,
            end: day,
            relative: false,
            note: note.into(),
        }
    }

    /// The list sorted, read back whole.
    fn sorted(mut list: AnnotationList) -> Vec<(Range<usize>, Subject)> {
        list.sort();
        list.iter()
            .map(|r| (r.span, r.subject.into_owned()))
            .collect()
    }

    #[test]
    fn reads_back_what_was_written_sorted_and_stable() {
        let mut list = AnnotationList::default();
        list.push(10..15, Subject::Person(PersonId(7)));
        list.push(3..8, date_subject("first"));
        list.push(3..8, Subject::Country(CountryId(2)));
        list.push(3..6, Subject::Office(OfficeId(PAYLOAD)));
        assert_eq!(
            sorted(list),
            vec![
                (3..6, Subject::Office(OfficeId(PAYLOAD))),
                (3..8, date_subject("first")),
                (3..8, Subject::Country(CountryId(2))),
                (10..15, Subject::Person(PersonId(7))),
            ]
        );
    }

    #[test]
    fn keeps_whole_what_an_entry_cannot_hold() {
        let mut list = AnnotationList::default();
        let far = u32::MAX as usize + 5;
        list.push(far..far + 3, Subject::Country(CountryId(1)));
        list.push(0..2, Subject::Person(PersonId(PAYLOAD + 1)));
        assert_eq!(
            sorted(list),
            vec![
                (0..2, Subject::Person(PersonId(PAYLOAD + 1))),
                (far..far + 3, Subject::Country(CountryId(1))),
            ]
        );
        assert_eq!(std::mem::size_of::<Entry>(), 12);
    }
}
