//! Which words may be near misses of a family name: a cheap test before
//! [`NameIndex::near_family`], which compares the word with every family name of about its
//! length.
//!
//! Two words one slip apart (a letter dropped, added, changed, or two swapped) become the same
//! word once one letter, or none, is deleted from each; two slips apart, once two letters or
//! fewer are. So the family names are kept with every such deletion (as hashes), and a word
//! whose own deletions meet none of them is no near miss.

use super::names::NameIndex;
use crate::hash::{FastHasher, FastSet};
use std::hash::Hasher;

/// The longest word (in characters) the deletions are worked out for; a longer one is always
/// left to the full comparison.
const LONGEST: usize = 40;

/// The shortest family name a near miss may stand for (as `NameIndex::near_family` has it).
const SHORTEST_NAME: usize = 5;

/// A word of this many characters may have two slips (as `NameIndex::near_family` has it).
const TWO_SLIPS_FROM: usize = 10;

pub struct NearFamilies {
    /// Hashes of every family name with one letter deleted or none.
    one: FastSet<u64>,
    /// Hashes of the family names long enough to be two slips from a word of
    /// [`TWO_SLIPS_FROM`] letters, with two letters deleted.
    two: FastSet<u64>,
}

impl NearFamilies {
    pub fn new(names: &NameIndex) -> NearFamilies {
        let mut near = NearFamilies {
            one: FastSet::default(),
            two: FastSet::default(),
        };
        let mut buffer = Vec::new();
        for (family, _) in names.one_word_families() {
            buffer.clear();
            buffer.extend(family.chars());
            let chars = &buffer[..];
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
        near
    }

    /// Whether some family name may be one slip from the folded word (two in a long word):
    /// false only where `NameIndex::near_family` finds none.
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
    use crate::rules::person::lexicon::Lexicon;
    use crate::rules::person::words::Words;
    use crate::rules::testing::registry;

    /// Every word one or two slips from a family name that `near_family` takes for a near miss
    /// passes the test: the test never hides a misspelling.
    #[test]
    fn never_refuses_a_near_miss() {
        let reg = registry();
        let names = NameIndex::new(&reg);
        let lex = Lexicon::new(&reg);
        let near = NearFamilies::new(&names);
        let (mut tried, mut missed) = (0, 0);
        // A third of the names, every kind of slip at every place.
        for (family, _) in names.one_word_families().step_by(3) {
            for word in slips(family) {
                let written = capitalised(&word);
                let words = Words::new(&written);
                tried += 1;
                // Only a refused word needs the full comparison (slow in a debug build).
                if words.len() == 1
                    && !near.may_have(words.folded(0))
                    && !names.near_family(&lex, &words, 0).is_empty()
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
        let names = NameIndex::new(&registry());
        let near = NearFamilies::new(&names);
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
