//! Every folded word the person check knows — of titles, honorifics, owners, names and its word
//! lists — stored once in one buffer and known by its number.
//!
//! The indexes refer to words by number, so that a word of the text is looked up once (when it
//! is read, [`Words::known`](super::words::Words::known)) and every later question about it
//! ("does a title start here?", "is it a particle?") is a comparison of numbers or a bit. The
//! table is laid out by hand (open addressing over the one buffer) so that the thousands of
//! registry words cost no allocation each.

use super::offset;
use std::ops::Range;

/// The number of a word the vocabulary does not hold.
pub const UNKNOWN: u32 = u32::MAX;

/// What a word of the vocabulary is to the person check, as bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordKind(u16);

impl WordKind {
    pub const NONE: WordKind = WordKind(0);
    /// Part of some registry name (particles and single letters aside).
    pub const NAME_WORD: WordKind = WordKind(1);
    /// Part of a name without a capital ("bin", "al", "de", "van").
    pub const PARTICLE: WordKind = WordKind(2);
    /// A weekday or a month, in full or abbreviated.
    pub const CALENDAR: WordKind = WordKind(4);
    /// A noun that after a name makes it the name of a place or an institution ("University").
    pub const NAMED_THING: WordKind = WordKind(8);
    /// Begins longer titles the lexicon may not know ("Vice", "Senior").
    pub const TITLE_START: WordKind = WordKind(16);
    /// Some title of the lexicon starts with it.
    pub const STARTS_TITLE: WordKind = WordKind(32);
    /// Some honorific starts with it.
    pub const STARTS_HONORIFIC: WordKind = WordKind(64);
    /// Some name of a country or an organisation starts with it.
    pub const STARTS_OWNER: WordKind = WordKind(128);
    /// Some full name of a person starts with it.
    pub const STARTS_NAME: WordKind = WordKind(256);
    /// Some title, honorific, owner or full name starts with it.
    pub const STARTS_PHRASE: WordKind = WordKind(32 | 64 | 128 | 256);

    /// Whether every bit of `other` is set.
    pub fn has(self, other: WordKind) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    /// Whether some bit of `other` is set.
    pub fn has_any(self, other: WordKind) -> bool {
        self.0 & other.0 != 0
    }

    fn with(self, other: WordKind) -> WordKind {
        WordKind(self.0 | other.0)
    }
}

/// The hash the vocabulary files words by, worked out a byte at a time so that reading a
/// text can hash each word as it folds it (FxHash's step, byte by byte, and its final mix).
#[derive(Debug, Default, Clone, Copy)]
pub struct WordHash(u64);

impl WordHash {
    const MULTIPLIER: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    pub fn add(&mut self, byte: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(Self::MULTIPLIER);
    }

    pub fn of(bytes: &[u8]) -> u64 {
        let mut hash = WordHash::default();
        for &b in bytes {
            hash.add(b);
        }
        hash.finish()
    }

    /// The hash with its high bits mixed into the low ones, which pick the slot.
    pub fn finish(self) -> u64 {
        let h = self.0 ^ (self.0 >> 32);
        (h ^ (h >> 29)).wrapping_mul(Self::MULTIPLIER) ^ (h >> 32)
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
        self.id_hashed(folded, WordHash::of(folded.as_bytes()))
    }

    /// [`Vocabulary::id`] of a word whose [`WordHash`] is `hash`.
    #[inline]
    pub fn id_hashed(&self, folded: &str, hash: u64) -> u32 {
        match self.find(hash, |stored| stored == folded.as_bytes()) {
            Ok(id) => id,
            Err(_) => UNKNOWN,
        }
    }

    /// The number of the folded word, added if new.
    pub fn intern(&mut self, folded: &str) -> u32 {
        self.intern_hashed(folded, WordHash::of(folded.as_bytes()))
    }

    /// [`Vocabulary::intern`] of a word whose [`WordHash`] is `hash`.
    pub fn intern_hashed(&mut self, folded: &str, hash: u64) -> u32 {
        match self.find(hash, |stored| stored == folded.as_bytes()) {
            Ok(id) => id,
            Err(slot) => {
                let start = self.text.len();
                self.text.push_str(folded);
                self.add(slot, start, hash)
            }
        }
    }

    /// [`Vocabulary::intern`] of an ASCII word of letters and digits as written ("Suga",
    /// "PM"), whose folded form's [`WordHash`] is `hash`: compared with the words folded as it
    /// is, without a folded copy.
    pub fn intern_ascii(&mut self, raw: &[u8], hash: u64) -> u32 {
        // Setting bit 5 lowers an ASCII letter and leaves a digit as it is.
        let same = |stored: &[u8]| {
            stored.len() == raw.len() && stored.iter().zip(raw).all(|(&s, &r)| s == r | 0x20)
        };
        match self.find(hash, same) {
            Ok(id) => id,
            Err(slot) => {
                let start = self.text.len();
                self.text
                    .push_str(std::str::from_utf8(raw).unwrap_or_default());
                self.text[start..].make_ascii_lowercase();
                self.add(slot, start, hash)
            }
        }
    }

    /// Numbers the folded word at `text[start..]` and files it at the empty slot `slot`.
    fn add(&mut self, slot: usize, start: usize, hash: u64) -> u32 {
        let id = offset(self.spans.len());
        let start = offset(start);
        self.spans.push(start..offset(self.text.len()));
        self.kinds.push(WordKind::NONE);
        self.slots[slot] = entry(hash, id);
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
    #[inline]
    pub fn kind(&self, id: u32) -> WordKind {
        self.kinds.get(id as usize).copied().unwrap_or_default()
    }

    pub fn mark(&mut self, id: u32, kind: WordKind) {
        if let Some(k) = self.kinds.get_mut(id as usize) {
            *k = k.with(kind);
        }
    }

    /// The number of the word of hash `hash` that `same` takes for it, or the empty slot
    /// where it would go.
    #[inline]
    fn find(&self, hash: u64, same: impl Fn(&[u8]) -> bool) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            match self.slots[slot] {
                0 => return Err(slot),
                e if e >> 32 == hash >> 32 && same(self.bytes(e as u32 - 1)) => {
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
            let hash = WordHash::of(self.bytes(id));
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
    fn ascii_words_are_numbered_as_their_folded_form() {
        let mut v = Vocabulary::new();
        let suga = v.intern_ascii(b"SUGA", WordHash::of(b"suga"));
        assert_eq!(v.word(suga), "suga");
        assert_eq!(v.intern_ascii(b"Suga", WordHash::of(b"suga")), suga);
        assert_eq!(v.intern("suga"), suga);
        assert_eq!(v.id("suga"), suga);
        let g20 = v.intern_ascii(b"G20", WordHash::of(b"g20"));
        assert_eq!(v.word(g20), "g20");
        assert_ne!(g20, suga);
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
