//! Phrases of several words (titles, names, honorifics, country names) looked up at a word of
//! the text, longest first.

use super::words::{Words, gap_fits};
use crate::hash::FastMap;
use std::ops::Range;

/// How the case of the text must agree with the phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRule {
    /// Case and diacritics are ignored, except that a word written with no lower-case letter
    /// in the phrase ("PM", "U.S.") must have none in the text either.
    Folded,
    /// Every word exactly as in the phrase ("Mr", "H.E.", "Sir").
    Exact,
}

/// One word of a stored phrase, as ranges of the index's text.
#[derive(Debug, Clone)]
struct PhraseWord {
    folded: Range<u32>,
    raw: Range<u32>,
    /// What separates the word from the next one in the phrase (empty after the last).
    gap: Range<u32>,
    /// The word has no lower-case letter.
    caps: bool,
}

#[derive(Debug)]
struct Phrase<T> {
    /// Its words in [`PhraseIndex::words`].
    words: Range<u32>,
    /// Its first word's bucket, until [`PhraseIndex::finish`] groups the phrases by it.
    bucket: u32,
    value: T,
}

/// Phrases by their first folded word. Every phrase's text lives in one buffer and its words
/// in one list: the registry's thousands of names and titles cost a few allocations, not
/// several per phrase, which was most of the program's start-up.
#[derive(Debug)]
pub struct PhraseIndex<T> {
    case: CaseRule,
    /// Each phrase as written, then its folded words.
    text: String,
    words: Vec<PhraseWord>,
    /// Grouped by first word and longest first within a group once finished.
    phrases: Vec<Phrase<T>>,
    /// First folded word → its bucket.
    by_first: FastMap<Box<str>, u32>,
    /// Per bucket: its phrases, once finished.
    buckets: Vec<Range<u32>>,
    /// A buffer for [`PhraseIndex::insert`].
    split: Split,
}

/// A phrase cut into words: each word's span in the phrase and its folded form, in buffers
/// reused from phrase to phrase (the registry has thousands).
#[derive(Debug, Default)]
pub struct Split {
    folded: String,
    /// Per word: its span in the phrase and in `folded`.
    words: Vec<(Range<usize>, Range<usize>)>,
}

impl Split {
    /// Cuts `phrase` into its words, as [`Words`] does, forgetting the last phrase.
    pub fn cut(&mut self, phrase: &str) {
        self.folded.clear();
        self.words.clear();
        for (span, raw) in crate::text::words(phrase) {
            let start = self.folded.len();
            crate::text::fold_into(raw, &mut self.folded);
            self.words.push((span, start..self.folded.len()));
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Word `i`, folded.
    pub fn folded(&self, i: usize) -> &str {
        &self.folded[self.words[i].1.clone()]
    }
}

impl<T> PhraseIndex<T> {
    pub fn new(case: CaseRule) -> PhraseIndex<T> {
        PhraseIndex {
            case,
            text: String::new(),
            words: Vec::new(),
            phrases: Vec::new(),
            by_first: FastMap::default(),
            buckets: Vec::new(),
            split: Split::default(),
        }
    }

    /// Adds a phrase; phrases without a word are ignored. Call [`PhraseIndex::finish`] after
    /// the last one: until then nothing is found.
    pub fn insert(&mut self, phrase: &str, value: T) {
        let mut split = std::mem::take(&mut self.split);
        split.cut(phrase);
        self.insert_split(phrase, &split, value);
        self.split = split;
    }

    /// [`PhraseIndex::insert`] for a phrase already cut into words (`split` is `phrase`'s).
    pub fn insert_split(&mut self, phrase: &str, split: &Split, value: T) {
        let Some(first) = split.words.first() else {
            return;
        };
        let base = self.text.len();
        self.text.push_str(phrase);
        let first_word = self.words.len();
        for (k, (span, _)) in split.words.iter().enumerate() {
            let folded_start = self.text.len();
            self.text.push_str(split.folded(k));
            let raw = &phrase[span.clone()];
            let gap_end = split.words.get(k + 1).map_or(span.end, |next| next.0.start);
            self.words.push(PhraseWord {
                folded: offset(folded_start)..offset(self.text.len()),
                raw: offset(base + span.start)..offset(base + span.end),
                gap: offset(base + span.end)..offset(base + gap_end),
                caps: !raw.chars().any(char::is_lowercase),
            });
        }
        let key = &split.folded[first.1.clone()];
        let bucket = match self.by_first.get(key) {
            Some(&bucket) => bucket,
            None => {
                let bucket = self.by_first.len() as u32;
                self.by_first.insert(key.into(), bucket);
                bucket
            }
        };
        self.phrases.push(Phrase {
            words: offset(first_word)..offset(self.words.len()),
            bucket,
            value,
        });
    }

    /// Groups the phrases by first word, every group longest first (in the order of insertion
    /// among phrases of one length).
    pub fn finish(&mut self) {
        self.phrases
            .sort_by_key(|p| (p.bucket, std::cmp::Reverse(p.words.len())));
        self.buckets = vec![0..0; self.by_first.len()];
        let mut at = 0;
        for group in self.phrases.chunk_by(|a, b| a.bucket == b.bucket) {
            let end = at + group.len();
            self.buckets[group[0].bucket as usize] = offset(at)..offset(end);
            at = end;
        }
    }

    /// Every phrase that starts at word `i`, as (number of words, value), longest first.
    pub fn matches_at<'a>(
        &'a self,
        words: &'a Words,
        i: usize,
    ) -> impl Iterator<Item = (usize, &'a T)> + 'a {
        let bucket = if i < words.len() {
            self.by_first
                .get(words.folded(i))
                .and_then(|&b| self.buckets.get(b as usize))
                .map(|r| &self.phrases[r.start as usize..r.end as usize])
        } else {
            None
        };
        bucket
            .into_iter()
            .flatten()
            .filter(move |p| self.fits(p, words, i))
            .map(|p| (p.words.len(), &p.value))
    }

    /// The longest phrase at word `i`.
    pub fn longest_at<'a>(&'a self, words: &'a Words, i: usize) -> Option<(usize, &'a T)> {
        self.matches_at(words, i).next()
    }

    /// A phrase of exactly the words `first..=last`.
    pub fn exactly<'a>(&'a self, words: &'a Words, first: usize, last: usize) -> Option<&'a T> {
        let n = last + 1 - first;
        self.matches_at(words, first)
            .find(|(len, _)| *len == n)
            .map(|(_, v)| v)
    }

    fn piece(&self, range: &Range<u32>) -> &str {
        &self.text[range.start as usize..range.end as usize]
    }

    fn fits(&self, p: &Phrase<T>, words: &Words, i: usize) -> bool {
        let stored = &self.words[p.words.start as usize..p.words.end as usize];
        if i + stored.len() > words.len() {
            return false;
        }
        stored.iter().enumerate().all(|(k, word)| {
            let w = i + k;
            let same = words.folded(w) == self.piece(&word.folded)
                && match self.case {
                    CaseRule::Exact => words.raw(w) == self.piece(&word.raw),
                    CaseRule::Folded => !word.caps || !words.raw(w).chars().any(char::is_lowercase),
                };
            same && (k == 0
                || gap_fits(
                    words.gap_after(w - 1),
                    self.piece(&stored[k - 1].gap),
                    words.is_initial(w - 1),
                ))
        })
    }
}

/// A position in an index's buffers: registry text is far below 4 GB.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// For the person check's filter of words that start no phrase (`person/mention.rs`).
impl<T> PhraseIndex<T> {
    /// The folded first word of every phrase.
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.by_first.keys().map(|k| &**k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrase_first_with_case_rules() {
        let mut idx = PhraseIndex::new(CaseRule::Folded);
        idx.insert("Prime Minister", 1);
        idx.insert("PM", 2);
        idx.insert("Prime Minister of Japan", 3);
        idx.finish();
        let w = Words::new("the Prime Minister of Japan and the pm");
        assert_eq!(idx.longest_at(&w, 1), Some((4, &3)));
        assert_eq!(idx.matches_at(&w, 1).count(), 2);
        assert_eq!(idx.longest_at(&w, 7), None, "'pm' is not 'PM'");
        assert_eq!(idx.exactly(&w, 1, 2), Some(&1));
    }

    #[test]
    fn phrases_of_one_length_keep_their_order_and_gaps_are_kept() {
        let mut idx = PhraseIndex::new(CaseRule::Folded);
        idx.insert("Al Thani", 1);
        idx.insert("Al-Thani", 2);
        idx.insert("Al, Thani", 3);
        idx.insert("", 4);
        let w = Words::new("Al Thani");
        assert_eq!(idx.longest_at(&w, 0), None, "nothing before finish");
        idx.finish();
        let found: Vec<i32> = idx.matches_at(&w, 0).map(|(_, &v)| v).collect();
        assert_eq!(found, [1, 2, 3]);
        let w = Words::new("Al, Thani");
        let found: Vec<i32> = idx.matches_at(&w, 0).map(|(_, &v)| v).collect();
        assert_eq!(found, [3], "a comma only where the phrase has one");
    }

    #[test]
    fn exact_case_and_dotted_forms() {
        let mut idx = PhraseIndex::new(CaseRule::Exact);
        idx.insert("H.E.", ());
        idx.insert("Mr.", ());
        idx.finish();
        let w = Words::new("H.E. Mr. Modi and he");
        assert_eq!(idx.longest_at(&w, 0).map(|m| m.0), Some(2));
        assert_eq!(idx.longest_at(&w, 2).map(|m| m.0), Some(1));
        assert!(idx.longest_at(&w, 5).is_none());
    }
}
