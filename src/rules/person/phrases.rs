//! Phrases of several words (titles, names, honorifics, country names) looked up at a word of
//! the text, longest first.
//!
//! Phrases are kept in a tree of word numbers ([`WordTrie`]): a lookup follows the text's words
//! down the tree, one probe of a table of numbers per word, and meets only the phrases that the
//! text's words spell; only the phrase's case and gaps are compared then.

use super::offset;
use super::vocabulary::{UNKNOWN, Vocabulary, WordKind};
use super::words::{Cut, CutWord, Words, gap_fits};
use crate::flat::group_by_key;
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

/// Sequences of word numbers as a tree: one node per sequence (the root is the empty one), the
/// children of a node by the word that follows.
pub struct WordTrie {
    /// (node, next word) → the node of the longer sequence.
    children: Children,
    /// Per node: the node of its sequence without the last word (the root's is the root).
    parents: Vec<u32>,
    /// Per node: the last word of its sequence ([`UNKNOWN`] for the root).
    words: Vec<u32>,
}

/// The node of the empty sequence.
pub const ROOT: u32 = 0;

impl Default for WordTrie {
    fn default() -> Self {
        WordTrie::new()
    }
}

impl WordTrie {
    pub fn new() -> WordTrie {
        WordTrie::with_capacity(0)
    }

    /// A tree with room for `nodes` nodes before it grows.
    pub fn with_capacity(nodes: usize) -> WordTrie {
        let mut trie = WordTrie {
            children: Children::with_capacity(nodes),
            parents: Vec::with_capacity(nodes + 1),
            words: Vec::with_capacity(nodes + 1),
        };
        trie.parents.push(ROOT);
        trie.words.push(UNKNOWN);
        trie
    }

    /// The number of nodes, the root included.
    pub fn len(&self) -> usize {
        self.parents.len()
    }

    /// The node of the sequence, added with the nodes of its beginnings if new.
    pub fn insert(&mut self, words: impl IntoIterator<Item = u32>) -> u32 {
        let mut node = ROOT;
        for word in words {
            let next = offset(self.parents.len());
            let child = self.children.get_or_insert(key(node, word), next);
            if child == next {
                self.parents.push(node);
                self.words.push(word);
            }
            node = child;
        }
        node
    }

    /// The node that `word` leads to from `node`.
    pub fn child(&self, node: u32, word: u32) -> Option<u32> {
        if word == UNKNOWN {
            return None;
        }
        self.children.get(key(node, word))
    }

    /// The node of exactly the sequence.
    pub fn find(&self, words: impl IntoIterator<Item = u32>) -> Option<u32> {
        words
            .into_iter()
            .try_fold(ROOT, |node, word| self.child(node, word))
    }

    pub fn parent(&self, node: u32) -> u32 {
        self.parents[node as usize]
    }

    /// The last word of the node's sequence.
    pub fn word(&self, node: u32) -> u32 {
        self.words[node as usize]
    }
}

/// Per word number: the node its one-word sequence leads to from the root, [`ROOT`] for none.
fn first_steps(trie: &WordTrie) -> Vec<u32> {
    let nodes = 1..offset(trie.len());
    let firsts: Vec<u32> = nodes.filter(|&n| trie.parent(n) == ROOT).collect();
    let words = firsts.iter().map(|&n| trie.word(n) as usize);
    let mut steps = vec![ROOT; words.max().map_or(0, |w| w + 1)];
    for node in firsts {
        steps[trie.word(node) as usize] = node;
    }
    steps
}

fn key(node: u32, word: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(word)
}

/// The children of a [`WordTrie`]: open addressing from (node, word) to the child node. A child
/// is never the root, so 0 marks an empty slot; at most half of the slots are used.
struct Children {
    slots: Vec<(u64, u32)>,
    len: usize,
}

impl Children {
    fn with_capacity(children: usize) -> Children {
        Children {
            slots: vec![(0, 0); (children * 2).next_power_of_two().max(16)],
            len: 0,
        }
    }

    /// Where `key` is, or the empty slot where it would go.
    fn slot(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        // The node in the high half, the word in the low: mixed so that both pick the slot.
        let h = (key ^ (key >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        let mut slot = (h ^ (h >> 32)) as usize & mask;
        while self.slots[slot].1 != 0 && self.slots[slot].0 != key {
            slot = (slot + 1) & mask;
        }
        slot
    }

    fn get(&self, key: u64) -> Option<u32> {
        let child = self.slots[self.slot(key)].1;
        (child != 0).then_some(child)
    }

    /// The child of `key`, which becomes `new` if it has none.
    fn get_or_insert(&mut self, key: u64, new: u32) -> u32 {
        let slot = self.slot(key);
        if self.slots[slot].1 != 0 {
            return self.slots[slot].1;
        }
        self.slots[slot] = (key, new);
        self.len += 1;
        if self.len * 2 > self.slots.len() {
            let size = self.slots.len() * 2;
            let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
            for (key, child) in old.into_iter().filter(|&(_, child)| child != 0) {
                let slot = self.slot(key);
                self.slots[slot] = (key, child);
            }
        }
        new
    }
}

/// One word of a stored phrase, as ranges of the index's text.
#[derive(Debug, Clone)]
struct PhraseWord {
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
    /// The node of its folded words.
    node: u32,
    value: T,
}

/// Phrases by their folded words. Every phrase's text lives in one buffer and its words in one
/// list: the registry's thousands of names and titles cost a few allocations, not several per
/// phrase, which was most of the program's start-up.
pub struct PhraseIndex<T> {
    case: CaseRule,
    /// The kind this index gives the first word of each phrase ([`WordKind::STARTS_TITLE`]...):
    /// a word without it starts none of the phrases.
    starts: WordKind,
    /// Each phrase as written.
    text: String,
    words: Vec<PhraseWord>,
    trie: WordTrie,
    /// In the order of insertion.
    phrases: Vec<Phrase<T>>,
    /// The phrases' numbers grouped by node once finished, in the order of insertion within a
    /// node.
    by_node: Vec<u32>,
    /// Per node: its phrases in `by_node`, once finished.
    at_node: Vec<Range<u32>>,
    /// Per word number: the node of the one-word sequence, or [`ROOT`] for none; once
    /// finished. Every lookup takes this first step, from a small table rather than a probe
    /// of the tree's large one.
    first_step: Vec<u32>,
}

impl<T> PhraseIndex<T> {
    /// An index whose phrases give their first words the kind `starts`.
    pub fn new(case: CaseRule, starts: WordKind) -> PhraseIndex<T> {
        PhraseIndex::with_capacity(case, starts, 0)
    }

    /// An index with room for about `phrases` phrases before it grows.
    pub fn with_capacity(case: CaseRule, starts: WordKind, phrases: usize) -> PhraseIndex<T> {
        PhraseIndex {
            case,
            starts,
            text: String::with_capacity(phrases * 16),
            words: Vec::with_capacity(phrases * 3),
            trie: WordTrie::with_capacity(phrases * 2),
            phrases: Vec::with_capacity(phrases),
            by_node: Vec::new(),
            at_node: Vec::new(),
            first_step: Vec::new(),
        }
    }

    /// Adds a phrase; phrases without a word are ignored. Call [`PhraseIndex::finish`] after
    /// the last one: until then nothing is found.
    pub fn insert(&mut self, phrase: &str, value: T, vocabulary: &mut Vocabulary) {
        let mut cut = Cut::default();
        cut.read(phrase, vocabulary);
        self.insert_cut(phrase, &cut.words, value, vocabulary);
    }

    /// Adds the words `words` of `text` (cut with [`Cut`], or [`Words::cut_words`]) as a
    /// phrase, and gives its first word the index's kind (`starts`). Returns the
    /// phrase's number (for [`PhraseIndex::value_mut`]) and its node; `None` for no words.
    pub fn insert_cut(
        &mut self,
        text: &str,
        words: &[CutWord],
        value: T,
        vocabulary: &mut Vocabulary,
    ) -> Option<(usize, u32)> {
        let (first, last) = (words.first()?, words.last()?);
        // Where a byte of the text lands in `self.text`.
        let (from, to) = (first.start, self.text.len());
        let at = |byte: usize| offset(to + (byte - from));
        self.text.push_str(text.get(first.start..last.end)?);
        let first_word = self.words.len();
        for (k, w) in words.iter().enumerate() {
            let gap_end = words.get(k + 1).map_or(w.end, |next| next.start);
            self.words.push(PhraseWord {
                raw: at(w.start)..at(w.end),
                gap: at(w.end)..at(gap_end),
                caps: w.no_lower,
            });
        }
        vocabulary.mark(first.id, self.starts);
        for w in &words[1..] {
            vocabulary.mark(w.id, self.starts.continuing());
        }
        let node = self.trie.insert(words.iter().map(|w| w.id));
        self.phrases.push(Phrase {
            words: offset(first_word)..offset(self.words.len()),
            node,
            value,
        });
        Some((self.phrases.len() - 1, node))
    }

    /// The value of phrase `number` (as [`PhraseIndex::insert_cut`] returned it).
    pub fn value_mut(&mut self, number: usize) -> Option<&mut T> {
        self.phrases.get_mut(number).map(|p| &mut p.value)
    }

    /// Groups the phrases by node, in the order of insertion within a node (a counting sort:
    /// nodes are numbered densely).
    pub fn finish(&mut self) {
        let by_node: Vec<(u32, u32)> = (self.phrases.iter().enumerate())
            .map(|(number, p)| (p.node, offset(number)))
            .collect();
        (self.by_node, self.at_node) = group_by_key(&by_node, self.trie.len());
        self.first_step = first_steps(&self.trie);
    }

    /// The phrases of node `node` (none before [`PhraseIndex::finish`]).
    fn phrases_at(&self, node: u32) -> impl Iterator<Item = &Phrase<T>> {
        let r = self.at_node.get(node as usize).cloned().unwrap_or(0..0);
        self.by_node[r.start as usize..r.end as usize]
            .iter()
            .map(|&p| &self.phrases[p as usize])
    }

    /// Every phrase that starts at word `i`, as (number of words, value), longest first (in the
    /// order of insertion among phrases of one length).
    pub fn matches_at<'a>(&'a self, words: &'a Words, i: usize) -> Matches<'a, T> {
        // The deepest node the text's words reach: every phrase the text may hold at `i` lies
        // on the way back to the root. Most words start no phrase and need no step, and most
        // words after a phrase's first continue none.
        let (mut node, mut depth) = (ROOT, 0);
        let starts = i < words.len() && words.kind(i).has(self.starts);
        if let Some(first) = starts.then(|| self.first_step(words.id(i))).flatten() {
            (node, depth) = (first, 1);
            let continuing = self.starts.continuing();
            while let Some(next) = (i + depth < words.len()
                && words.kind(i + depth).has(continuing))
            .then(|| self.trie.child(node, words.id(i + depth)))
            .flatten()
            {
                node = next;
                depth += 1;
            }
        }
        Matches {
            index: self,
            words,
            i,
            node,
            depth,
            next: self.at_node.get(node as usize).map_or(0, |r| r.start),
        }
    }

    /// The node of the phrases' one-word sequence `word`, if some phrase starts with it.
    fn first_step(&self, word: u32) -> Option<u32> {
        let node = *self.first_step.get(word as usize)?;
        (node != ROOT).then_some(node)
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

    /// The values stored in node `node`, in the order of insertion.
    pub fn values_at(&self, node: u32) -> impl Iterator<Item = &T> {
        self.phrases_at(node).map(|p| &p.value)
    }

    /// The node of the folded words `words` spell, if some phrase has them.
    pub fn node_of(&self, words: impl IntoIterator<Item = u32>) -> Option<u32> {
        self.trie.find(words)
    }

    fn piece(&self, range: &Range<u32>) -> &str {
        &self.text[range.start as usize..range.end as usize]
    }

    /// Whether the phrase, whose folded words are the text's from word `i` on, has their case
    /// and gaps.
    fn fits(&self, p: &Phrase<T>, words: &Words, i: usize) -> bool {
        let stored = &self.words[p.words.start as usize..p.words.end as usize];
        stored.iter().enumerate().all(|(k, word)| {
            let w = i + k;
            let same_case = match self.case {
                CaseRule::Exact => words.raw(w) == self.piece(&word.raw),
                CaseRule::Folded => !word.caps || words.has_no_lower_case(w),
            };
            same_case
                && (k == 0
                    || gap_fits(
                        words.gap_after(w - 1),
                        self.piece(&stored[k - 1].gap),
                        words.is_initial(w - 1),
                    ))
        })
    }
}

/// The phrases at a word of a text, longest first: [`PhraseIndex::matches_at`].
pub struct Matches<'a, T> {
    index: &'a PhraseIndex<T>,
    words: &'a Words<'a>,
    i: usize,
    /// The node whose phrases are being tried, `depth` words from the root.
    node: u32,
    depth: usize,
    /// The next of its phrases to try.
    next: u32,
}

impl<'a, T> Iterator for Matches<'a, T> {
    type Item = (usize, &'a T);

    fn next(&mut self) -> Option<Self::Item> {
        let index = self.index;
        loop {
            let end = index.at_node.get(self.node as usize).map_or(0, |r| r.end);
            while self.next < end {
                let p = &index.phrases[index.by_node[self.next as usize] as usize];
                self.next += 1;
                if index.fits(p, self.words, self.i) {
                    return Some((self.depth, &p.value));
                }
            }
            if self.node == ROOT {
                return None;
            }
            self.node = index.trie.parent(self.node);
            self.depth -= 1;
            self.next = index.at_node.get(self.node as usize).map_or(0, |r| r.start);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index<T>(case: CaseRule, phrases: Vec<(&str, T)>) -> (PhraseIndex<T>, Vocabulary) {
        let mut vocabulary = Vocabulary::new();
        let mut idx = PhraseIndex::new(case, WordKind::STARTS_TITLE);
        for (phrase, value) in phrases {
            idx.insert(phrase, value, &mut vocabulary);
        }
        idx.finish();
        (idx, vocabulary)
    }

    #[test]
    fn longest_phrase_first_with_case_rules() {
        let (idx, v) = index(
            CaseRule::Folded,
            vec![
                ("Prime Minister", 1),
                ("PM", 2),
                ("Prime Minister of Japan", 3),
            ],
        );
        let w = Words::known("the Prime Minister of Japan and the pm", &v);
        assert_eq!(idx.longest_at(&w, 1), Some((4, &3)));
        assert_eq!(idx.matches_at(&w, 1).count(), 2);
        assert_eq!(idx.longest_at(&w, 7), None, "'pm' is not 'PM'");
        assert_eq!(idx.exactly(&w, 1, 2), Some(&1));
        assert_eq!(idx.exactly(&w, 1, 3), None);
        assert_eq!(idx.longest_at(&w, 0), None);
        assert!(v.kind(v.id("prime")).has(WordKind::STARTS_TITLE));
        assert!(!v.kind(v.id("minister")).has_any(WordKind::STARTS_PHRASE));
        let unread = Words::new("Prime Minister");
        assert_eq!(idx.longest_at(&unread, 0), None, "words not looked up");
    }

    #[test]
    fn phrases_of_one_length_keep_their_order_and_gaps_are_kept() {
        let mut v = Vocabulary::new();
        let mut idx = PhraseIndex::new(CaseRule::Folded, WordKind::STARTS_NAME);
        for (phrase, value) in [("Al Thani", 1), ("Al-Thani", 2), ("Al, Thani", 3), ("", 4)] {
            idx.insert(phrase, value, &mut v);
        }
        let w = Words::known("Al Thani", &v);
        assert_eq!(idx.longest_at(&w, 0), None, "nothing before finish");
        idx.finish();
        let found: Vec<i32> = idx.matches_at(&w, 0).map(|(_, &v)| v).collect();
        assert_eq!(found, [1, 2, 3]);
        let w = Words::known("Al, Thani", &v);
        let found: Vec<i32> = idx.matches_at(&w, 0).map(|(_, &v)| v).collect();
        assert_eq!(found, [3], "a comma only where the phrase has one");
    }

    #[test]
    fn exact_case_and_dotted_forms() {
        let (idx, v) = index(CaseRule::Exact, vec![("H.E.", ()), ("Mr.", ())]);
        let w = Words::known("H.E. Mr. Modi and he", &v);
        assert_eq!(idx.longest_at(&w, 0).map(|m| m.0), Some(2));
        assert_eq!(idx.longest_at(&w, 2).map(|m| m.0), Some(1));
        assert!(idx.longest_at(&w, 5).is_none());
    }

    /// The tree answers as a plain comparison of every phrase with the text would: every
    /// phrase whose folded words, case and gaps the text has at a word, longest first and in
    /// the order of insertion among phrases of one length.
    #[test]
    fn the_tree_finds_what_comparing_every_phrase_finds() {
        let phrases = [
            "Prime Minister",
            "Prime Minister of Japan",
            "PM",
            "Minister",
            "Minister of Foreign Affairs",
            "Minister for Foreign Affairs",
            "Foreign Minister",
            "Al Thani",
            "Al-Thani",
            "al Thani",
            "U.S.",
            "US",
            "Côte d'Ivoire",
            "Cote d’Ivoire",
            "Secretary-General",
            "Secretary General",
            "Sec. Gen.",
        ];
        let text = "Prime Minister of Japan, the prime minister of japan, PM and pm, Minister \
                    of Foreign Affairs Al-Thani, AL THANI, al thani; the U.S. and U.S. and us \
                    and US; Côte d'Ivoire, Cote d’Ivoire, COTE D IVOIRE. Secretary-General \
                    secretary general Sec. Gen. Secretary\n\nGeneral";
        for case in [CaseRule::Folded, CaseRule::Exact] {
            let (idx, v) = index(case, phrases.iter().map(|&p| (p, p)).collect());
            let w = Words::known(text, &v);
            for i in 0..w.len() {
                let found: Vec<(usize, &str)> =
                    idx.matches_at(&w, i).map(|(n, p)| (n, *p)).collect();
                assert_eq!(
                    found,
                    plain_matches(case, &phrases, &w, i),
                    "{case:?} at {i}"
                );
            }
        }
    }

    /// Every phrase compared with the text word by word, longest first.
    fn plain_matches<'p>(
        case: CaseRule,
        phrases: &[&'p str],
        text: &Words,
        i: usize,
    ) -> Vec<(usize, &'p str)> {
        let mut found: Vec<(usize, &str)> = phrases
            .iter()
            .filter_map(|&p| {
                let phrase = Words::new(p);
                let n = phrase.len();
                let fits = i + n <= text.len()
                    && (0..n).all(|k| {
                        let w = i + k;
                        text.folded(w) == phrase.folded(k)
                            && match case {
                                CaseRule::Exact => text.raw(w) == phrase.raw(k),
                                CaseRule::Folded => {
                                    text.raw(w).chars().any(char::is_lowercase)
                                        <= phrase.raw(k).chars().any(char::is_lowercase)
                                }
                            }
                            && (k == 0
                                || gap_fits(
                                    text.gap_after(w - 1),
                                    phrase.gap_after(k - 1),
                                    text.is_initial(w - 1),
                                ))
                    });
                fits.then_some((n, p))
            })
            .collect();
        found.sort_by_key(|&(n, _)| std::cmp::Reverse(n));
        found
    }

    #[test]
    fn the_tree_numbers_sequences_once() {
        let mut trie = WordTrie::new();
        let a = trie.insert([1, 2, 3]);
        let b = trie.insert([1, 2]);
        assert_eq!(trie.insert([1, 2, 3]), a);
        assert_eq!(trie.parent(a), b);
        assert_eq!(trie.find([1, 2]), Some(b));
        assert_eq!(trie.find([2]), None);
        assert_eq!(trie.find([]), Some(ROOT));
        assert_eq!(trie.child(b, UNKNOWN), None);
        assert_eq!(trie.len(), 4);
        // Enough sequences to grow the table several times, each found again.
        let nodes: Vec<u32> = (0..5000u32).map(|w| trie.insert([w % 7, w])).collect();
        for (w, &node) in (0..5000u32).zip(&nodes) {
            assert_eq!(trie.find([w % 7, w]), Some(node));
            assert_eq!(trie.word(node), w);
            assert_eq!(trie.parent(node), trie.find([w % 7]).unwrap());
        }
        assert_eq!(trie.find([3, 4]), None);
    }
}
