//! Which words may be near misses of a family name: a cheap test before
//! [`NameIndex::near_family`], which compares the word with every family name of about its
//! length.
//!
//! Two words one slip apart (a letter dropped, added, changed, or two swapped) become the same
//! word once one letter, or none, is deleted from each; two slips apart, once two letters or
//! fewer are. So the family names are kept with every such deletion (as hashes), and a word
//! whose own deletions meet none of them is no near miss.

use super::lexicon::Lexicon;
use super::names::{NameIndex, is_typo_of_counted, may_be_typo, slips_allowed};
use super::vocabulary::Vocabulary;
use super::words::Words;
use crate::hash::{FastHasher, FastSet};
use crate::registry::PersonId;
use std::hash::Hasher;

/// The longest word (in characters) the deletions are worked out for; a longer one is always
/// left to the full comparison.
const LONGEST: usize = 40;

/// The shortest family name a near miss may stand for (as `is_typo_of_counted` has it).
const SHORTEST_NAME: usize = 5;

/// A word of this many characters may have two slips (as `slips_allowed` has it).
const TWO_SLIPS_FROM: usize = 10;

pub struct NearFamilies {
    /// Hashes of every family name with one letter deleted or none.
    one: FastSet<u64>,
    /// Hashes of the family names long enough to be two slips from a word of
    /// [`TWO_SLIPS_FROM`] letters, with two letters deleted.
    two: FastSet<u64>,
    /// One-word family names (their words' numbers) by length in characters, each length in
    /// the order of the names.
    by_length: Vec<Vec<u32>>,
}

impl NearFamilies {
    pub fn new(names: &NameIndex, vocabulary: &Vocabulary) -> NearFamilies {
        let mut near = NearFamilies {
            one: FastSet::default(),
            two: FastSet::default(),
            by_length: Vec::new(),
        };
        let mut buffer = Vec::new();
        for (word, _) in names.one_word_families() {
            let family = vocabulary.word(word);
            buffer.clear();
            buffer.extend(family.chars());
            let chars = &buffer[..];
            if near.by_length.len() <= chars.len() {
                near.by_length.resize(chars.len() + 1, Vec::new());
            }
            near.by_length[chars.len()].push(word);
            if chars.len() < SHORTEST_NAME {
                continue;
            }
            for_each_deletion(chars, |h| {
                near.one.insert(h);
            });
            if chars.len() + 2 >= TWO_SLIPS_FROM {
                for_each_second_deletion(chars, |h| {
                    near.two.insert(h);
                });
            }
        }
        for names in &mut near.by_length {
            names.sort_by(|&a, &b| vocabulary.word(a).cmp(vocabulary.word(b)));
        }
        near
    }

    /// Whether some family name may be one slip from the folded word (two in a long word):
    /// false only where [`NearFamilies::near_family`] finds none.
    pub fn may_have(&self, folded: &str) -> bool {
        let mut buffer = ['\0'; LONGEST];
        let mut n = 0;
        for c in folded.chars() {
            let Some(slot) = buffer.get_mut(n) else {
                return true;
            };
            *slot = c;
            n += 1;
        }
        let chars = &buffer[..n];
        if n + 1 < SHORTEST_NAME {
            return false;
        }
        let mut found = false;
        if n < TWO_SLIPS_FROM {
            for_each_deletion(chars, |h| found |= self.one.contains(&h));
            return found;
        }
        let mut meets = |h: u64| found |= self.one.contains(&h) || self.two.contains(&h);
        for_each_deletion(chars, &mut meets);
        for_each_second_deletion(chars, &mut meets);
        found
    }

    /// People whose one-word family name word `i` misses by a letter ("Jashankar", "Mokber").
    pub fn near_family(
        &self,
        lexicon: &Lexicon,
        names: &NameIndex,
        vocabulary: &Vocabulary,
        words: &Words,
        i: usize,
    ) -> Vec<PersonId> {
        let mut found = Vec::new();
        if !may_be_typo(lexicon, words, i) {
            return found;
        }
        let written = words.folded(i);
        let len = written.chars().count();
        let slips = slips_allowed(len);
        let lengths = len.saturating_sub(slips)..=len + slips;
        for &word in lengths.filter_map(|l| self.by_length.get(l)).flatten() {
            let name = vocabulary.word(word);
            if is_typo_of_counted(written, len, name, name.chars().count()) {
                found.extend_from_slice(names.bearers_of_word(word));
            }
        }
        found
    }
}

/// The hash of `chars` without the characters at `skip`.
fn hash_without(chars: &[char], skip: [usize; 2]) -> u64 {
    let mut h = FastHasher::default();
    for (k, &c) in chars.iter().enumerate() {
        if k != skip[0] && k != skip[1] {
            h.write_u32(c as u32);
        }
    }
    h.finish()
}

/// The hashes of the word and of the word with any one character deleted.
fn for_each_deletion(chars: &[char], mut f: impl FnMut(u64)) {
    f(hash_without(chars, [usize::MAX; 2]));
    for i in 0..chars.len() {
        f(hash_without(chars, [i, usize::MAX]));
    }
}

/// The hashes of the word with any two characters deleted.
fn for_each_second_deletion(chars: &[char], mut f: impl FnMut(u64)) {
    for i in 0..chars.len() {
        for j in i + 1..chars.len() {
            f(hash_without(chars, [i, j]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::person::built;

    /// Every word one or two slips from a family name that `near_family` takes for a near miss
    /// passes the test: the test never hides a misspelling.
    #[test]
    fn never_refuses_a_near_miss() {
        let check = built();
        let (names, lex, v) = (&check.names, &check.lex, &check.vocabulary);
        let near = NearFamilies::new(names, v);
        let (mut tried, mut missed) = (0, 0);
        // A third of the names, every kind of slip at every place.
        for (family, _) in names.one_word_families().step_by(3) {
            let family = v.word(family);
            for word in slips(family) {
                let written = capitalised(&word);
                let words = Words::known(&written, v);
                tried += 1;
                // Only a refused word needs the full comparison (slow in a debug build).
                if words.len() == 1
                    && !near.may_have(words.folded(0))
                    && !near.near_family(lex, names, v, &words, 0).is_empty()
                {
                    missed += 1;
                    println!("{family}: {written}");
                }
            }
        }
        assert!(tried > 1000, "{tried}");
        assert_eq!(missed, 0, "{missed} of {tried}");
    }

    #[test]
    fn most_words_are_no_near_miss() {
        let near = built().near();
        assert!(near.may_have("jashankar"));
        assert!(near.may_have("motegy"));
        for word in ["brussels", "tuesday", "abcdefghijkl", "xyz"] {
            assert!(!near.may_have(word), "{word}");
        }
    }

    fn capitalised(word: &str) -> String {
        let mut chars = word.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    /// The word with one slip of every kind, and long words also with two.
    fn slips(word: &str) -> Vec<String> {
        let once = one_slip(word);
        if word.chars().count() + 2 < TWO_SLIPS_FROM {
            return once;
        }
        // A sample of the second slips: the full comparison is slow in a debug build.
        let mut all: Vec<String> = once.iter().step_by(17).flat_map(|w| one_slip(w)).collect();
        all.extend(once);
        all
    }

    fn one_slip(word: &str) -> Vec<String> {
        let chars: Vec<char> = word.chars().collect();
        let mut out = Vec::new();
        for i in 0..=chars.len() {
            for c in ['a', 'e', 'k', 'y'] {
                let mut w = chars.clone();
                w.insert(i, c);
                out.push(w.iter().collect());
            }
            if i < chars.len() {
                let mut w = chars.clone();
                w.remove(i);
                out.push(w.iter().collect());
                for c in ['a', 'o', 'w'] {
                    let mut w = chars.clone();
                    w[i] = c;
                    out.push(w.iter().collect());
                }
            }
            if i + 1 < chars.len() {
                let mut w = chars.clone();
                w.swap(i, i + 1);
                out.push(w.iter().collect());
            }
        }
        out
    }
}
