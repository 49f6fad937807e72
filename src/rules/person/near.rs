//! Family names near a word: the candidates [`NearFamilies::near_family`] compares a
//! capitalised word with, instead of every family name of about its length.
//!
//! Two words one slip apart (a letter dropped, added, changed, or two swapped) become the same
//! word once one letter, or none, is deleted from each; two slips apart, once two letters or
//! fewer are. So the family names are filed under every such deletion (by a hash), and a word
//! is compared only with the names filed under one of its own deletions.

use super::lexicon::Lexicon;
use super::names::{NameIndex, is_typo_of_counted, may_be_typo};
use super::vocabulary::Vocabulary;
use super::words::Words;
use crate::registry::PersonId;

/// The longest word (in characters) the deletions are worked out for; a longer one is compared
/// with every name, as `is_typo_of_counted` would refuse it anyway but for very long names.
const LONGEST: usize = 40;

/// The shortest family name a near miss may stand for (as `is_typo_of_counted` has it).
const SHORTEST_NAME: usize = 5;

/// A word of this many characters may have two slips (as `slips_allowed` has it).
const TWO_SLIPS_FROM: usize = 10;

pub struct NearFamilies {
    /// Every one-word family name of [`SHORTEST_NAME`] characters or more, by the hash of the
    /// name with one letter deleted or none.
    one: Filed,
    /// The names long enough to be two slips from a word of [`TWO_SLIPS_FROM`] letters, by the
    /// hash of the name with two letters deleted.
    two: Filed,
    /// Every one-word family name's length in characters, by word number (0: none).
    lengths: Vec<u32>,
    /// The names too long to work out deletions for: always compared.
    longest: Vec<u32>,
}

impl NearFamilies {
    pub fn new(names: &NameIndex, vocabulary: &Vocabulary) -> NearFamilies {
        let mut lengths = vec![0; vocabulary.len()];
        let mut longest = Vec::new();
        // The names' lengths first: they tell how many deletions each has, so the lists of
        // deletions are made at their size and never grow.
        let (mut ones, mut twos) = (0, 0);
        for (word, _) in names.one_word_families() {
            let len = vocabulary.word(word).chars().count();
            if let Some(n) = lengths.get_mut(word as usize) {
                *n = len as u32;
            }
            if len > LONGEST {
                longest.push(word);
            }
            if (SHORTEST_NAME..=LONGEST).contains(&len) {
                ones += len + 1;
                if len + 2 >= TWO_SLIPS_FROM {
                    twos += len * (len - 1) / 2;
                }
            }
        }
        let (mut one, mut two) = (Vec::with_capacity(ones), Vec::with_capacity(twos));
        let mut buffer = Vec::with_capacity(LONGEST);
        for (word, _) in names.one_word_families() {
            let len = lengths.get(word as usize).map_or(0, |&n| n as usize);
            if !(SHORTEST_NAME..=LONGEST).contains(&len) {
                continue;
            }
            buffer.clear();
            buffer.extend(vocabulary.word(word).chars());
            let deletions = Deletions::new(&buffer);
            deletions.each_one(|h| one.push((h, word)));
            if len + 2 >= TWO_SLIPS_FROM {
                deletions.each_two(|h| two.push((h, word)));
            }
        }
        NearFamilies {
            one: Filed::new(&one),
            two: Filed::new(&two),
            lengths,
            longest,
        }
    }

    /// The family names (word numbers) filed under a deletion of the folded word, in the
    /// order of their length and then their letters, each once: all those one slip away (two
    /// for a long word), and a few more.
    fn candidates(&self, vocabulary: &Vocabulary, folded: &str) -> Vec<u32> {
        let mut buffer = ['\0'; LONGEST];
        let mut n = 0;
        for c in folded.chars() {
            let Some(slot) = buffer.get_mut(n) else {
                // Too long to work out: every name, as the comparison may take one.
                let every = (0..self.lengths.len() as u32).filter(|&w| self.length(w) > 0);
                return self.in_order(vocabulary, every.collect());
            };
            *slot = c;
            n += 1;
        }
        let mut found = self.longest.clone();
        if n + 1 < SHORTEST_NAME {
            return found;
        }
        let deletions = Deletions::new(&buffer[..n]);
        if n < TWO_SLIPS_FROM {
            deletions.each_one(|h| found.extend(self.one.get(h)));
        } else {
            let mut file = |h| {
                found.extend(self.one.get(h));
                found.extend(self.two.get(h));
            };
            deletions.each_one(&mut file);
            deletions.each_two(&mut file);
        }
        self.in_order(vocabulary, found)
    }

    /// `words` once each, by length in characters and then by their letters: the order in
    /// which the comparison reports the names.
    fn in_order(&self, vocabulary: &Vocabulary, mut words: Vec<u32>) -> Vec<u32> {
        words.sort_unstable();
        words.dedup();
        words.sort_by_key(|&w| (self.length(w), vocabulary.word(w)));
        words
    }

    /// The length in characters of the family name numbered `word` (0 for no such name).
    fn length(&self, word: u32) -> u32 {
        self.lengths.get(word as usize).copied().unwrap_or(0)
    }

    /// Whether some family name may be one slip from the folded word (two in a long word):
    /// false only where [`NearFamilies::near_family`] finds none.
    #[cfg(test)]
    pub fn may_have(&self, vocabulary: &Vocabulary, folded: &str) -> bool {
        !self.candidates(vocabulary, folded).is_empty()
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
        for word in self.candidates(vocabulary, written) {
            let name = vocabulary.word(word);
            if is_typo_of_counted(written, len, name, name.chars().count()) {
                found.extend_from_slice(names.bearers_of_word(word));
            }
        }
        found
    }
}

/// Word numbers filed by a hash: the (hash, word) pairs grouped by bucket (the hash's low bits)
/// with a counting sort, so that a lookup reads one short run of pairs. Each pair keeps the
/// high half of its hash: a word filed under another hash with the same bucket and high half
/// is a candidate too, which the comparison then turns down.
struct Filed {
    /// Per bucket: where its pairs start in `pairs` (and the next bucket's, where they end).
    starts: Vec<u32>,
    pairs: Vec<(u32, u32)>,
}

impl Filed {
    fn new(pairs: &[(u64, u32)]) -> Filed {
        // About one pair a bucket.
        let buckets = pairs.len().next_power_of_two().max(1);
        let bucket = |h: u64| h as usize & (buckets - 1);
        let mut starts = vec![0u32; buckets + 1];
        for &(h, _) in pairs {
            starts[bucket(h) + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut next = starts.clone();
        let mut grouped = vec![(0, 0); pairs.len()];
        for &(h, w) in pairs {
            grouped[next[bucket(h)] as usize] = (high_half(h), w);
            next[bucket(h)] += 1;
        }
        Filed {
            starts,
            pairs: grouped,
        }
    }

    /// The words filed under `hash`.
    fn get(&self, hash: u64) -> impl Iterator<Item = u32> + '_ {
        let b = hash as usize & (self.starts.len() - 2);
        let run = &self.pairs[self.starts[b] as usize..self.starts[b + 1] as usize];
        run.iter()
            .filter(move |&&(h, _)| h == high_half(hash))
            .map(|&(_, w)| w)
    }
}

fn high_half(hash: u64) -> u32 {
    (hash >> 32) as u32
}

/// The hashes of a word with characters deleted, each worked out in a few steps from the hashes
/// of the word's beginnings and ends (a polynomial hash: a character's weight is a power of
/// [`Deletions::BASE`] by how many characters follow it).
struct Deletions<'a> {
    chars: &'a [char],
    /// `starts[k]`: the hash of the first `k` characters.
    starts: [u64; LONGEST + 1],
    /// `ends[k]`: the characters from `k` on, each at the weight it has in the whole word.
    ends: [u64; LONGEST + 2],
    /// `powers[k]`: `BASE` to the `k`.
    powers: [u64; LONGEST + 1],
}

impl<'a> Deletions<'a> {
    const BASE: u64 = 0x9e37_79b9_7f4a_7c15;

    /// For a word of at most [`LONGEST`] characters.
    fn new(chars: &'a [char]) -> Deletions<'a> {
        let n = chars.len().min(LONGEST);
        let chars = &chars[..n];
        let mut d = Deletions {
            chars,
            starts: [0; LONGEST + 1],
            ends: [0; LONGEST + 2],
            powers: [1; LONGEST + 1],
        };
        for (k, &c) in chars.iter().enumerate() {
            d.powers[k + 1] = d.powers[k].wrapping_mul(Self::BASE);
            d.starts[k + 1] = d.starts[k]
                .wrapping_mul(Self::BASE)
                .wrapping_add(u64::from(c));
        }
        for (k, &c) in chars.iter().enumerate().rev() {
            d.ends[k] = d.ends[k + 1].wrapping_add(u64::from(c).wrapping_mul(d.powers[n - 1 - k]));
        }
        d
    }

    /// The hash of the characters `from..to`, as a word of their own.
    fn middle(&self, from: usize, to: usize) -> u64 {
        self.starts[to].wrapping_sub(self.starts[from].wrapping_mul(self.powers[to - from]))
    }

    /// The word, of `len` characters left, as a key: the length keeps words of other lengths
    /// apart, and a final mix spreads the hash over the table's low bits.
    fn key(hash: u64, len: usize) -> u64 {
        let h = hash ^ ((len as u64) << 58);
        let h = (h ^ (h >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h ^ (h >> 29)
    }

    /// The keys of the word and of the word with any one character deleted.
    fn each_one(&self, mut f: impl FnMut(u64)) {
        let n = self.chars.len();
        f(Self::key(self.starts[n], n));
        for i in 0..n {
            // The characters before `i` move up a place; those after keep their weight.
            let h = self.starts[i]
                .wrapping_mul(self.powers[n - 1 - i])
                .wrapping_add(self.ends[i + 1]);
            f(Self::key(h, n - 1));
        }
    }

    /// The keys of the word with any two characters deleted.
    fn each_two(&self, mut f: impl FnMut(u64)) {
        let n = self.chars.len();
        for i in 0..n {
            for j in i + 1..n {
                let h = self.starts[i]
                    .wrapping_mul(self.powers[n - 2 - i])
                    .wrapping_add(self.middle(i + 1, j).wrapping_mul(self.powers[n - 1 - j]))
                    .wrapping_add(self.ends[j + 1]);
                f(Self::key(h, n - 2));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::person::built;

    /// Words one or two slips from family names find, among the candidates, what comparing
    /// them with every family name finds, in the same order: the candidates never hide a
    /// misspelling.
    #[test]
    fn candidates_find_what_comparing_every_name_finds() {
        let check = built();
        let (names, lex, v) = (&check.names, &check.lex, &check.vocabulary);
        let near = NearFamilies::new(names, v);
        let mut every: Vec<(u32, &str)> = names
            .one_word_families()
            .map(|(w, _)| (w, v.word(w)))
            .collect();
        every.sort_by_key(|&(_, name)| (name.chars().count(), name));
        let (mut tried, mut found) = (0, 0);
        // A twentieth of the names, every kind of slip at every place.
        for &(_, family) in every.iter().step_by(20) {
            for word in slips(family) {
                let written = capitalised(&word);
                let words = Words::known(&written, v);
                if words.len() != 1 {
                    continue;
                }
                tried += 1;
                let by_candidates = near.near_family(lex, names, v, &words, 0);
                let folded = words.folded(0);
                let len = folded.chars().count();
                let by_comparing: Vec<PersonId> = if may_be_typo(lex, &words, 0) {
                    every
                        .iter()
                        .filter(|(_, name)| {
                            is_typo_of_counted(folded, len, name, name.chars().count())
                        })
                        .flat_map(|&(w, _)| names.bearers_of_word(w).iter().copied())
                        .collect()
                } else {
                    Vec::new()
                };
                assert_eq!(by_candidates, by_comparing, "{family}: {written}");
                found += usize::from(!by_candidates.is_empty());
            }
        }
        assert!(tried > 1000 && found > 200, "{tried} {found}");
    }

    #[test]
    fn most_words_are_no_near_miss() {
        let check = built();
        let (near, v) = (check.near(), &check.vocabulary);
        assert!(near.may_have(v, "jashankar"));
        assert!(near.may_have(v, "motegy"));
        for word in ["brussels", "tuesday", "abcdefghijkl", "xyz"] {
            assert!(!near.may_have(v, word), "{word}");
        }
    }

    /// The hash of a word with letters deleted, worked out from its beginnings and ends, is
    /// the hash of the shorter word read whole.
    #[test]
    fn deletions_hash_as_the_shorter_word() {
        let word: Vec<char> = "jaishankar".chars().collect();
        let whole = |w: &[char]| {
            let mut keys = Vec::new();
            Deletions::new(w).each_one(|k| keys.push(k));
            keys[0]
        };
        let d = Deletions::new(&word);
        let mut ones = Vec::new();
        d.each_one(|k| ones.push(k));
        assert_eq!(ones[0], whole(&word));
        for i in 0..word.len() {
            let mut w = word.clone();
            w.remove(i);
            assert_eq!(ones[i + 1], whole(&w), "{i}");
        }
        let mut twos = Vec::new();
        d.each_two(|k| twos.push(k));
        let mut k = 0;
        for i in 0..word.len() {
            for j in i + 1..word.len() {
                let mut w = word.clone();
                w.remove(j);
                w.remove(i);
                assert_eq!(twos[k], whole(&w), "{i} {j}");
                k += 1;
            }
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
