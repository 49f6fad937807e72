//! Every folded word the person check knows — of titles, honorifics, owners, names and its word
//! lists — stored once in one buffer and known by its number.
//!
//! The indexes refer to words by number, so that a word of the text is looked up once (when it
//! is read, [`Words::known`](super::words::Words::known)) and every later question about it
//! ("does a title start here?", "is it a particle?") is a comparison of numbers or a bit. The
//! words are kept in a [`StrTable`], so that the thousands of registry words cost no allocation
//! each.

use crate::flat::{StrTable, Vacant, hash_of};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

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
    /// Some phrase of an index stands after its first word: what
    /// [`WordKind::continuing`] makes of the index's `STARTS_` kind. A lookup stops before a
    /// word without it, with no probe of the index's tree.
    const CONTINUES_SHIFT: u32 = 4;

    /// The kind of a word that some phrase of the index whose first words are of kind
    /// `self` (one `STARTS_` kind) has after its first word.
    pub const fn continuing(self) -> WordKind {
        WordKind((self.0 & Self::STARTS_PHRASE.0) << Self::CONTINUES_SHIFT)
    }

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

/// The words and what each is, by number.
pub struct Vocabulary {
    words: StrTable,
    kinds: Vec<WordKind>,
    /// One bit per value of [`filter_bit`], set for the words held: most words of a text are
    /// not held, and this small table (it stays in the fastest cache) turns most of them away
    /// before the large one is probed.
    filter: Vec<u64>,
    /// The words of at most eight ASCII letters and digits (most words of prose), by
    /// [`short_key`]: found by comparing one number, not the stored text.
    short: ShortWords,
    /// Per word: a yes-or-no question about it answered once ([`Vocabulary::remembered`]),
    /// made at the first question.
    answers: OnceLock<Box<[AtomicU8]>>,
}

/// A word's entry in [`Vocabulary::answers`]: not asked yet, or the answer.
const NOT_ASKED: u8 = 0;
const NO: u8 = 1;
const YES: u8 = 2;

/// Whether `stored` is `raw` (ASCII letters and digits) lowered. Setting bit 5 lowers an ASCII
/// letter and leaves a digit as it is.
#[inline]
fn is_lowered(stored: &[u8], raw: &[u8]) -> bool {
    stored.len() == raw.len() && stored.iter().zip(raw).all(|(&s, &r)| s == r | 0x20)
}

/// A folded word of one to eight ASCII small letters and digits as one number: its bytes in
/// little-endian order, zeros after. No letter or digit is a zero byte, so two words never share
/// one; `None` for any other word.
pub fn short_key(folded: &[u8]) -> Option<u64> {
    let fits = (1..=8).contains(&folded.len())
        && folded
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    fits.then(|| {
        let mut eight = [0; 8];
        eight[..folded.len()].copy_from_slice(folded);
        u64::from_le_bytes(eight)
    })
}

/// Word numbers by [`short_key`]: open addressing by the word's hash, at most half full. A key
/// is never 0, which marks an empty slot. Both tables start as zeros (no page written at
/// start-up until a word lands there).
struct ShortWords {
    keys: Vec<u64>,
    /// Per slot: the word's number + 1 (0, less one, is [`UNKNOWN`]).
    ids: Vec<u32>,
    len: usize,
}

impl ShortWords {
    fn with_capacity(words: usize) -> ShortWords {
        let slots = (words * 2).next_power_of_two().max(16);
        ShortWords {
            keys: vec![0; slots],
            ids: vec![0; slots],
            len: 0,
        }
    }

    /// The slot of `key`, or the empty one where it would go.
    #[inline]
    fn slot(&self, key: u64, hash: u64) -> usize {
        let mask = self.keys.len() - 1;
        let mut slot = hash as usize & mask;
        while self.keys[slot] != key && self.keys[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        slot
    }

    #[inline]
    fn get(&self, key: u64, hash: u64) -> u32 {
        self.ids[self.slot(key, hash)].wrapping_sub(1)
    }

    fn insert(&mut self, key: u64, hash: u64, id: u32) {
        let slot = self.slot(key, hash);
        self.keys[slot] = key;
        self.ids[slot] = id.wrapping_add(1);
        self.len += 1;
        if self.len * 2 > self.keys.len() {
            self.grow();
        }
    }

    /// Twice the slots, with every word filed again.
    fn grow(&mut self) {
        let size = self.keys.len() * 2;
        let keys = std::mem::replace(&mut self.keys, vec![0; size]);
        let ids = std::mem::replace(&mut self.ids, vec![0; size]);
        for (key, id) in keys.into_iter().zip(ids).filter(|&(key, _)| key != 0) {
            let eight = key.to_le_bytes();
            let len = eight.iter().position(|&b| b == 0).unwrap_or(8);
            let slot = self.slot(key, hash_of(&eight[..len]));
            self.keys[slot] = key;
            self.ids[slot] = id;
        }
    }
}

/// The bits of [`Vocabulary::filter`].
const FILTER_BITS: usize = 1 << 15;

/// The bit of [`Vocabulary::filter`] for a word of hash `hash`: bits the table's slot does not
/// depend on.
fn filter_bit(hash: u64) -> usize {
    (hash >> 40) as usize & (FILTER_BITS - 1)
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary::new()
    }
}

impl Vocabulary {
    /// Room for the registry's words without growing (about 6,000 of them).
    const CAPACITY: usize = 1 << 13;

    pub fn new() -> Vocabulary {
        Vocabulary {
            words: StrTable::with_capacity(Self::CAPACITY, Self::CAPACITY * 8),
            kinds: Vec::with_capacity(Self::CAPACITY),
            filter: vec![0; FILTER_BITS / 64],
            short: ShortWords::with_capacity(Self::CAPACITY),
            answers: OnceLock::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The number of the folded word, or [`UNKNOWN`].
    pub fn id(&self, folded: &str) -> u32 {
        self.id_hashed(folded, hash_of(folded.as_bytes()))
    }

    /// [`Vocabulary::id`] of a word whose [`hash_of`] is `hash`.
    #[inline]
    pub fn id_hashed(&self, folded: &str, hash: u64) -> u32 {
        if !self.may_hold(hash) {
            return UNKNOWN;
        }
        self.words
            .find(hash, |stored| stored == folded.as_bytes())
            .unwrap_or(UNKNOWN)
    }

    /// [`Vocabulary::id`] of an ASCII word of letters and digits as written ("Suga", "PM"),
    /// whose folded form's [`hash_of`] is `hash`, without a folded copy.
    #[inline]
    pub fn id_ascii(&self, raw: &[u8], hash: u64) -> u32 {
        if !self.may_hold(hash) {
            return UNKNOWN;
        }
        self.words
            .find(hash, |stored| is_lowered(stored, raw))
            .unwrap_or(UNKNOWN)
    }

    /// [`Vocabulary::id`] of a word of at most eight ASCII letters and digits, by its
    /// [`short_key`] and the [`hash_of`] its folded form.
    #[inline]
    pub fn id_short(&self, short: u64, hash: u64) -> u32 {
        if !self.may_hold(hash) {
            return UNKNOWN;
        }
        self.short.get(short, hash)
    }

    /// The number of the folded word, added if new.
    pub fn intern(&mut self, folded: &str) -> u32 {
        self.intern_hashed(folded, hash_of(folded.as_bytes()))
    }

    /// [`Vocabulary::intern`] of a word whose [`hash_of`] is `hash`.
    pub fn intern_hashed(&mut self, folded: &str, hash: u64) -> u32 {
        match self.words.find(hash, |stored| stored == folded.as_bytes()) {
            Ok(id) => id,
            Err(vacant) => self.add(vacant, hash, |text| text.push_str(folded)),
        }
    }

    /// [`Vocabulary::intern`] of an ASCII word of letters and digits as written ("Suga",
    /// "PM"), whose folded form's [`hash_of`] is `hash`: compared with the words folded as it
    /// is, without a folded copy.
    pub fn intern_ascii(&mut self, raw: &[u8], hash: u64) -> u32 {
        match self.words.find(hash, |stored| is_lowered(stored, raw)) {
            Ok(id) => id,
            Err(vacant) => self.add(vacant, hash, |text| {
                let start = text.len();
                text.push_str(std::str::from_utf8(raw).unwrap_or_default());
                text[start..].make_ascii_lowercase();
            }),
        }
    }

    /// Whether a word of hash `hash` may be held: no for most words that are not.
    #[inline]
    fn may_hold(&self, hash: u64) -> bool {
        let bit = filter_bit(hash);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    fn add(&mut self, vacant: Vacant, hash: u64, write: impl FnOnce(&mut String)) -> u32 {
        let bit = filter_bit(hash);
        self.filter[bit / 64] |= 1 << (bit % 64);
        self.kinds.push(WordKind::NONE);
        let id = self.words.insert_at(vacant, write);
        if let Some(short) = short_key(self.words.str(id).as_bytes()) {
            self.short.insert(short, hash, id);
        }
        id
    }

    /// What `ask` answers for word `id`, asked once per word of the vocabulary and
    /// remembered; every time for [`UNKNOWN`]. The one question asked of it is whether the word
    /// is ordinary English: the English list's table is large and misses the caches, and the
    /// words asked (a sentence's first) come again and again.
    pub fn remembered(&self, id: u32, ask: impl FnOnce() -> bool) -> bool {
        let answers = self
            .answers
            .get_or_init(|| (0..self.len()).map(|_| AtomicU8::new(NOT_ASKED)).collect());
        let Some(answer) = answers.get(id as usize) else {
            return ask();
        };
        match answer.load(Ordering::Relaxed) {
            NOT_ASKED => {
                let yes = ask();
                answer.store(if yes { YES } else { NO }, Ordering::Relaxed);
                yes
            }
            known => known == YES,
        }
    }

    /// Word `id`, folded ("" for [`UNKNOWN`]).
    pub fn word(&self, id: u32) -> &str {
        self.words.str(id)
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_numbered_once_and_found_again_after_growing() {
        let mut v = Vocabulary::new();
        let words: Vec<String> = (0..Vocabulary::CAPACITY * 4)
            .map(|i| format!("w{i}"))
            .collect();
        let ids: Vec<u32> = words.iter().map(|w| v.intern(w)).collect();
        assert_eq!(v.len(), words.len());
        for (w, &id) in words.iter().zip(&ids) {
            assert_eq!(v.intern(w), id, "{w}");
            assert_eq!(v.id(w), id, "{w}");
            assert_eq!(v.word(id), w);
        }
        for w in ["w1", "w12345", "w1234567", "w9999"] {
            let short = short_key(w.as_bytes()).expect("short");
            assert_eq!(v.id_short(short, hash_of(w.as_bytes())), v.id(w), "{w}");
        }
        let missing = short_key(b"w").expect("short");
        assert_eq!(v.id_short(missing, hash_of(b"w")), UNKNOWN);
        assert_eq!(short_key(b"w123456789"), None, "longer than eight");
        assert_eq!(short_key("é".as_bytes()), None, "beyond ASCII");
        assert_eq!(v.id("w"), UNKNOWN);
        assert_eq!(v.id(""), UNKNOWN);
        assert_eq!(v.word(UNKNOWN), "");
    }

    #[test]
    fn ascii_words_are_numbered_as_their_folded_form() {
        let mut v = Vocabulary::new();
        let suga = v.intern_ascii(b"SUGA", hash_of(b"suga"));
        assert_eq!(v.word(suga), "suga");
        assert_eq!(v.intern_ascii(b"Suga", hash_of(b"suga")), suga);
        assert_eq!(v.intern("suga"), suga);
        assert_eq!(v.id("suga"), suga);
        let g20 = v.intern_ascii(b"G20", hash_of(b"g20"));
        assert_eq!(v.word(g20), "g20");
        assert_ne!(g20, suga);
    }

    #[test]
    fn answers_are_asked_once_per_known_word() {
        let mut v = Vocabulary::new();
        let the = v.intern("the");
        let asked = std::cell::Cell::new(0);
        let ask = |yes: bool| {
            asked.set(asked.get() + 1);
            yes
        };
        assert!(v.remembered(the, || ask(true)));
        assert!(
            v.remembered(the, || ask(false)),
            "remembered, not asked again"
        );
        assert_eq!(asked.get(), 1);
        assert!(!v.remembered(UNKNOWN, || ask(false)));
        assert!(
            v.remembered(UNKNOWN, || ask(true)),
            "unknown words are asked every time"
        );
        assert_eq!(asked.get(), 3);
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
