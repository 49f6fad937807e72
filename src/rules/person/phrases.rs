//! Phrases of several words (titles, names, honorifics, country names) looked up at a word of
//! the text, longest first.

use super::words::{Words, gap_fits};
use crate::hash::FastMap;

/// How the case of the text must agree with the phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRule {
    /// Case and diacritics are ignored, except that a word written with no lower-case letter
    /// in the phrase ("PM", "U.S.") must have none in the text either.
    Folded,
    /// Every word exactly as in the phrase ("Mr", "H.E.", "Sir").
    Exact,
}

#[derive(Debug)]
struct Phrase<T> {
    folded: Vec<Box<str>>,
    raw: Vec<Box<str>>,
    /// For each word: it has no lower-case letter.
    caps: Vec<bool>,
    /// What separates word `k` from word `k + 1` in the phrase.
    gaps: Vec<Box<str>>,
    value: T,
}

#[derive(Debug)]
pub struct PhraseIndex<T> {
    case: CaseRule,
    by_first: FastMap<Box<str>, Vec<Phrase<T>>>,
}

impl<T> PhraseIndex<T> {
    pub fn new(case: CaseRule) -> PhraseIndex<T> {
        PhraseIndex {
            case,
            by_first: FastMap::default(),
        }
    }

    /// Adds a phrase; phrases without a word are ignored. Call [`PhraseIndex::finish`] after
    /// the last one.
    pub fn insert(&mut self, phrase: &str, value: T) {
        let words = Words::new(phrase);
        let n = words.len();
        if n == 0 {
            return;
        }
        let entry = Phrase {
            folded: (0..n).map(|i| words.folded(i).into()).collect(),
            raw: (0..n).map(|i| words.raw(i).into()).collect(),
            caps: (0..n)
                .map(|i| !words.raw(i).chars().any(char::is_lowercase))
                .collect(),
            gaps: (0..n.saturating_sub(1))
                .map(|i| words.gap_after(i).into())
                .collect(),
            value,
        };
        self.by_first
            .entry(entry.folded[0].clone())
            .or_default()
            .push(entry);
    }

    /// Orders every bucket longest first.
    pub fn finish(&mut self) {
        for bucket in self.by_first.values_mut() {
            bucket.sort_by_key(|p| std::cmp::Reverse(p.folded.len()));
        }
    }

    /// Every phrase that starts at word `i`, as (number of words, value), longest first.
    pub fn matches_at<'a>(
        &'a self,
        words: &'a Words,
        i: usize,
    ) -> impl Iterator<Item = (usize, &'a T)> + 'a {
        let bucket = if i < words.len() {
            self.by_first.get(words.folded(i))
        } else {
            None
        };
        bucket
            .into_iter()
            .flatten()
            .filter(move |p| self.fits(p, words, i))
            .map(|p| (p.folded.len(), &p.value))
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

    fn fits(&self, p: &Phrase<T>, words: &Words, i: usize) -> bool {
        let n = p.folded.len();
        if i + n > words.len() {
            return false;
        }
        (0..n).all(|k| {
            let w = i + k;
            let same = words.folded(w) == &*p.folded[k]
                && match self.case {
                    CaseRule::Exact => words.raw(w) == &*p.raw[k],
                    CaseRule::Folded => !p.caps[k] || !words.raw(w).chars().any(char::is_lowercase),
                };
            same && (k == 0
                || gap_fits(
                    words.gap_after(w - 1),
                    &p.gaps[k - 1],
                    words.is_initial(w - 1),
                ))
        })
    }
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
