//! Every folded word the person check knows — of titles, honorifics, owners, names and its word
//! lists — stored once in one buffer and known by its number.
//!
//! The indexes refer to words by number, so that a word of the text is looked up once (when it
//! is read, [`Words::known`](super::words::Words::known)) and every later question about it
//! ("does a title start here?", "is it a particle?") is a comparison of numbers or a bit. The
//! table is laid out by hand (open addressing over the one buffer) so that the thousands of
//! registry words cost no allocation each.

use crate::hash::hash_bytes;
use std::ops::Range;

/// The number of a word the vocabulary does not hold.
pub const UNKNOWN: u32 = u32::MAX;

/// What a word of the vocabulary is to the person check, as bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordKind(u8);

impl WordKind {
    pub const NONE: WordKind = WordKind(0);
    /// Some title, honorific, owner or full name starts with it.
    pub const STARTS_PHRASE: WordKind = WordKind(1);
    /// Part of some registry name (particles and single letters aside).
    pub const NAME_WORD: WordKind = WordKind(2);
    /// Part of a name without a capital ("bin", "al", "de", "van").
    pub const PARTICLE: WordKind = WordKind(4);
    /// A weekday or a month, in full or abbreviated.
    pub const CALENDAR: WordKind = WordKind(8);
    /// A noun that after a name makes it the name of a place or an institution ("University").
    pub const NAMED_THING: WordKind = WordKind(16);
    /// Begins longer titles the lexicon may not know ("Vice", "Senior").
    pub const TITLE_START: WordKind = WordKind(32);

    /// Whether every bit of `other` is set.
    pub fn has(self, other: WordKind) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    fn with(self, other: WordKind) -> WordKind {
        WordKind(self.0 | other.0)
    }
}

pub struct Vocabulary {
    /// Every word, back to back.
    text: String,
    /// Per word: where it is in `text`.
    spans: Vec<Range<u32>>,
    kinds: Vec<WordKind>,
    /// Open addressing by the word's hash: the hash's high half and the word's number + 1, or
    /// 0 for an empty slot. At most half of the slots are used, so that a probe ends soon, and
    /// only a word of the same high half is compared.
    slots: Vec<u64>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary::new()
    }
}

impl Vocabulary {
    /// Room for the registry's words without growing (about 6,000 of them).
    const INITIAL_SLOTS: usize = 1 << 14;

    pub fn new() -> Vocabulary {
        Vocabulary {
            text: String::with_capacity(Self::INITIAL_SLOTS * 4),
            spans: Vec::with_capacity(Self::INITIAL_SLOTS / 2),
            kinds: Vec::with_capacity(Self::INITIAL_SLOTS / 2),
            slots: vec![0; Self::INITIAL_SLOTS],
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The number of the folded word, or [`UNKNOWN`].
    pub fn id(&self, folded: &str) -> u32 {
        match self.find(folded) {
            Ok(id) => id,
            Err(_) => UNKNOWN,
        }
    }

    /// The number of the folded word, added if new.
    pub fn intern(&mut self, folded: &str) -> u32 {
        let slot = match self.find(folded) {
            Ok(id) => return id,
            Err(slot) => slot,
        };
        let id = offset(self.spans.len());
        let start = offset(self.text.len());
        self.text.push_str(folded);
        self.spans.push(start..offset(self.text.len()));
        self.kinds.push(WordKind::NONE);
        self.slots[slot] = entry(hash_bytes(folded.as_bytes()), id);
        if self.spans.len() * 2 > self.slots.len() {
            self.grow();
        }
        id
    }

    /// Word `id`, folded ("" for [`UNKNOWN`]).
    pub fn word(&self, id: u32) -> &str {
        self.spans
            .get(id as usize)
            .map_or("", |s| &self.text[s.start as usize..s.end as usize])
    }

    /// What word `id` is ([`WordKind::NONE`] for [`UNKNOWN`]).
    pub fn kind(&self, id: u32) -> WordKind {
        self.kinds.get(id as usize).copied().unwrap_or_default()
    }

    pub fn mark(&mut self, id: u32, kind: WordKind) {
        if let Some(k) = self.kinds.get_mut(id as usize) {
            *k = k.with(kind);
        }
    }

    /// The word's number, or the empty slot where it would go.
    fn find(&self, folded: &str) -> Result<u32, usize> {
        let hash = hash_bytes(folded.as_bytes());
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            match self.slots[slot] {
                0 => return Err(slot),
                e if e >> 32 == hash >> 32 && self.bytes(e as u32 - 1) == folded.as_bytes() => {
                    return Ok(e as u32 - 1);
                }
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    fn bytes(&self, id: u32) -> &[u8] {
        self.spans.get(id as usize).map_or(&[], |s| {
            &self.text.as_bytes()[s.start as usize..s.end as usize]
        })
    }

    /// Twice the slots, every word placed again.
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        self.slots = vec![0; size];
        for id in 0..offset(self.spans.len()) {
            let hash = hash_bytes(self.bytes(id));
            let mut slot = hash as usize & (size - 1);
            while self.slots[slot] != 0 {
                slot = (slot + 1) & (size - 1);
            }
            self.slots[slot] = entry(hash, id);
        }
    }
}

/// A slot for word `id` of hash `hash`.
fn entry(hash: u64, id: u32) -> u64 {
    (hash & !0xffff_ffff) | u64::from(id + 1)
}

/// A position in the vocabulary's buffers: registry text is far below 4 GB.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_numbered_once_and_found_again_after_growing() {
        let mut v = Vocabulary::new();
        let words: Vec<String> = (0..Vocabulary::INITIAL_SLOTS * 2)
            .map(|i| format!("w{i}"))
            .collect();
        let ids: Vec<u32> = words.iter().map(|w| v.intern(w)).collect();
        assert_eq!(v.len(), words.len());
        for (w, &id) in words.iter().zip(&ids) {
            assert_eq!(v.intern(w), id, "{w}");
            assert_eq!(v.id(w), id, "{w}");
            assert_eq!(v.word(id), w);
        }
        assert_eq!(v.id("w"), UNKNOWN);
        assert_eq!(v.id(""), UNKNOWN);
        assert_eq!(v.word(UNKNOWN), "");
    }

    #[test]
    fn kinds_accumulate() {
        let mut v = Vocabulary::new();
        let bin = v.intern("bin");
        v.mark(bin, WordKind::PARTICLE);
        v.mark(bin, WordKind::NAME_WORD);
        assert!(v.kind(bin).has(WordKind::PARTICLE));
        assert!(v.kind(bin).has(WordKind::NAME_WORD));
        assert!(!v.kind(bin).has(WordKind::CALENDAR));
        assert!(!v.kind(bin).has(WordKind::NONE));
        assert_eq!(v.kind(UNKNOWN), WordKind::NONE);
        v.mark(UNKNOWN, WordKind::PARTICLE);
    }
}
