//! The words of a text as the person check sees them: byte spans, folded forms (kept in one
//! buffer, so that a document costs two allocations, not one per word), the gaps between them,
//! and each word's number in the check's [`Vocabulary`] once looked up.

use super::vocabulary::{UNKNOWN, Vocabulary, WordKind};
use crate::flat::hash_of;
use crate::hash::FastHasher;
use crate::text::fold_into;
use std::hash::Hasher;
use std::ops::Range;

/// What an ASCII byte is, as bits: [`WORD`] and the others.
static ASCII: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            WORD | LETTER | UPPER
        } else if c.is_ascii_lowercase() {
            WORD | LETTER | LOWER
        } else if c.is_ascii_digit() {
            WORD
        } else if !c.is_ascii() {
            BEYOND_ASCII
        } else {
            0
        };
        b += 1;
    }
    table
};

/// An ASCII letter or digit: part of a word.
const WORD: u8 = 1;
const LETTER: u8 = 2;
const UPPER: u8 = 4;
const LOWER: u8 = 8;
/// A byte of a character beyond ASCII.
const BEYOND_ASCII: u8 = 16;

#[derive(Debug, Clone)]
struct Word {
    span: Range<usize>,
    /// Where the folded form is: in [`Words::folded`], or in the text itself for a word that
    /// is its own folded form ([`FOLDED_AS_WRITTEN`]), most words of prose.
    folded: Range<usize>,
    /// Its number in the vocabulary it was read with ([`UNKNOWN`] if none).
    id: u32,
    /// What its letters look like: [`CAPITALIZED`] and the others.
    shape: u8,
    /// What the vocabulary knows of it.
    kind: WordKind,
}

/// The first character is an upper-case letter.
const CAPITALIZED: u8 = 1;
/// The first character is a lower-case letter.
const LOWERCASE: u8 = 2;
/// Two letters or more, none of them lower case.
const ALL_CAPS: u8 = 4;
/// A single upper-case letter.
const INITIAL: u8 = 8;
/// No lower-case letter at all ("PM", "U", "2021").
const NO_LOWER: u8 = 16;
/// Written folded already (small ASCII letters and digits): `folded` is `span`.
const FOLDED_AS_WRITTEN: u8 = 32;
/// An ASCII word with capitals that the vocabulary holds: its folded form is the vocabulary's
/// word, and `folded` is empty (no copy is made).
const FOLDED_IN_VOCABULARY: u8 = 64;

/// The shape of a word, character by character (ASCII words are shaped as they are read).
fn shape(raw: &str) -> u8 {
    let mut chars = raw.chars();
    let mut shape = 0;
    match chars.next() {
        Some(c) if c.is_uppercase() => {
            shape |= CAPITALIZED;
            if chars.next().is_none() {
                shape |= INITIAL;
            }
        }
        Some(c) if c.is_lowercase() => shape |= LOWERCASE,
        _ => {}
    }
    if !raw.chars().any(char::is_lowercase) {
        shape |= NO_LOWER;
        if raw.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            shape |= ALL_CAPS;
        }
    }
    shape
}

/// What reading does with each word's folded form.
enum Lookup<'v> {
    Nothing,
    /// Its number in the vocabulary, if it is there.
    Known(&'v Vocabulary),
    /// Its number in the vocabulary, added if new (building the indexes).
    Interned(&'v mut Vocabulary),
}

/// An ASCII word as read: where it ends, the classes of its bytes, and its folded form as one
/// number if it has at most eight bytes.
#[derive(Clone, Copy)]
struct AsciiWord {
    end: usize,
    seen: u8,
    /// [`short_key`] of the folded form, 0 for a longer word.
    short: u64,
}

impl AsciiWord {
    /// [`hash_of`] its folded form: from [`AsciiWord::short`] for a short word (most).
    #[inline(always)]
    fn hash(&self, bytes: &[u8], start: usize) -> u64 {
        match self.short {
            0 => hash_lowered(bytes, start, self.end),
            short => short_hash(short, self.end - start),
        }
    }
}

/// A word found by [`next_word`].
enum Read {
    Ascii(AsciiWord),
    /// A word with a character beyond ASCII, which ends there.
    Other(usize),
}

/// The next word of `text` from byte `at` (a char boundary) on, cut as `text::words` cuts words
/// (runs of letters and digits), and where it starts.
#[inline(always)]
fn next_word(text: &str, mut at: usize) -> Option<(usize, Read)> {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(at) {
        if b < 0x80 {
            if ASCII[usize::from(b)] & WORD == 0 {
                at += 1;
                continue;
            }
            let read = match ascii_word(bytes, at) {
                Some(word) => Read::Ascii(word),
                None => Read::Other(other_word_end(text, at)),
            };
            return Some((at, read));
        }
        let c = text.get(at..)?.chars().next()?;
        if crate::text::is_word_char(c) {
            return Some((at, Read::Other(other_word_end(text, at))));
        }
        at += c.len_utf8();
    }
    None
}

/// Reads the word at byte `start` (an ASCII letter or digit) while it is ASCII, classing its
/// bytes; `None` where a character beyond ASCII belongs to it.
#[inline(always)]
fn ascii_word(bytes: &[u8], start: usize) -> Option<AsciiWord> {
    let mut end = start;
    let mut seen = 0;
    while let Some(&b) = bytes.get(end) {
        let class = ASCII[usize::from(b)];
        if class & WORD == 0 {
            if class & BEYOND_ASCII != 0 {
                return None;
            }
            break;
        }
        seen |= class;
        end += 1;
    }
    let len = end - start;
    let short = match len {
        ..=8 => (eight_at(bytes, start) | LOWERING) & (u64::MAX >> (8 * (8 - len))),
        _ => 0,
    };
    Some(AsciiWord { end, seen, short })
}

/// [`hash_of`] a folded word of `len` bytes, at most eight, from its [`short_key`]: the steps of
/// `FastHasher::write` over it.
#[inline(always)]
fn short_hash(short: u64, len: usize) -> u64 {
    let mut hasher = FastHasher::default();
    hasher.write_u64(match len {
        8 => short,
        // The length keeps "ab" and "ab\0" apart, as `FastHasher::write` does.
        _ => short ^ ((len as u64) << 59),
    });
    hasher.finish()
}

/// Bit 5 of every byte: setting it lowers an ASCII letter and leaves a digit as it is.
const LOWERING: u64 = u64::from_le_bytes([0x20; 8]);

/// [`hash_of`] the folded form of the ASCII word at `start..end` of `bytes` (letters and
/// digits), eight bytes at a time from the text itself: the steps of `FastHasher::write` over
/// the bytes lowered.
#[inline(always)]
fn hash_lowered(bytes: &[u8], start: usize, end: usize) -> u64 {
    let mut hasher = FastHasher::default();
    let mut at = start;
    while end - at >= 8 {
        hasher.write_u64(eight_at(bytes, at) | LOWERING);
        at += 8;
    }
    let rest = end - at;
    if rest > 0 {
        let kept = u64::MAX >> (8 * (8 - rest));
        // The length keeps "ab" and "ab\0" apart, as `FastHasher::write` does.
        hasher.write_u64(((eight_at(bytes, at) | LOWERING) & kept) ^ ((rest as u64) << 59));
    }
    hasher.finish()
}

/// The eight bytes of `bytes` from `at` on as a little-endian number, zeros past its end.
#[inline(always)]
fn eight_at(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(full) => {
            let mut eight = [0; 8];
            eight.copy_from_slice(full);
            u64::from_le_bytes(eight)
        }
        // The last bytes of the text (a registry name's last word): byte by byte, which is
        // cheaper than copying fewer than eight.
        None => (bytes.get(at..).unwrap_or_default().iter().rev())
            .fold(0, |eight, &b| (eight << 8) | u64::from(b)),
    }
}

/// Where the word of any script at byte `start` (a char boundary) ends.
fn other_word_end(text: &str, start: usize) -> usize {
    let rest = text.get(start..).unwrap_or("");
    let len = rest
        .char_indices()
        .find(|&(_, c)| !crate::text::is_word_char(c))
        .map_or(rest.len(), |(k, _)| k);
    start + len
}

/// One word of a [`Cut`]: where it is in the text, its number, and whether it has no
/// lower-case letter ("PM", "U").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CutWord {
    pub start: usize,
    pub end: usize,
    pub id: u32,
    pub no_lower: bool,
}

/// A registry text (a name, a title, a country's name) cut into words as [`Words`] cuts them,
/// each numbered in the vocabulary, added if new. Building the indexes reads thousands of
/// them: an ASCII word is numbered as it is read, with no copy of it folded.
#[derive(Default)]
pub struct Cut {
    pub words: Vec<CutWord>,
    /// A word beyond ASCII, folded.
    folded: String,
}

impl Cut {
    /// Cuts `text`, forgetting the last text.
    pub fn read(&mut self, text: &str, vocabulary: &mut Vocabulary) {
        self.words.clear();
        let mut at = 0;
        while let Some((start, read)) = next_word(text, at) {
            let word = match read {
                Read::Ascii(word) => CutWord {
                    start,
                    end: word.end,
                    id: vocabulary.intern_ascii(
                        &text.as_bytes()[start..word.end],
                        word.hash(text.as_bytes(), start),
                    ),
                    no_lower: word.seen & LOWER == 0,
                },
                Read::Other(end) => {
                    let raw = &text[start..end];
                    self.folded.clear();
                    fold_into(raw, &mut self.folded);
                    CutWord {
                        start,
                        end,
                        id: vocabulary.intern(&self.folded),
                        no_lower: !raw.chars().any(char::is_lowercase),
                    }
                }
            };
            self.words.push(word);
            at = word.end;
        }
    }

    /// The words' numbers.
    pub fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().map(|w| w.id)
    }
}

/// The buffers of a [`Words`], kept between texts ([`Words::known_in`], [`Words::into_buffers`]):
/// a paragraph is read without allocating.
#[derive(Default)]
pub struct WordBuffers {
    list: Vec<Word>,
    folded: String,
}

impl WordBuffers {
    /// Room for the words of `text`, as prose has them.
    fn for_text(text: &str) -> WordBuffers {
        WordBuffers {
            list: Vec::with_capacity(text.len() / 5),
            // Only words with capitals are folded into it: prose is mostly small letters.
            folded: String::with_capacity(text.len() / 3),
        }
    }
}

/// The words (runs of letters and digits) of a text, in order.
pub struct Words<'t> {
    text: &'t str,
    /// The vocabulary the words were looked up in ([`Words::known`]), which holds the folded
    /// forms of the words marked [`FOLDED_IN_VOCABULARY`].
    vocabulary: Option<&'t Vocabulary>,
    list: Vec<Word>,
    folded: String,
}

impl<'t> Words<'t> {
    /// The words, none of them looked up: every word is [`UNKNOWN`] to the indexes.
    pub fn new(text: &'t str) -> Words<'t> {
        Words::read(text, Lookup::Nothing)
    }

    /// The words, each with its number in `vocabulary` (or [`UNKNOWN`]) and its kind.
    pub fn known(text: &'t str, vocabulary: &'t Vocabulary) -> Words<'t> {
        Words::known_in(text, vocabulary, WordBuffers::for_text(text))
    }

    /// [`Words::known`] in the buffers of an earlier text (emptied first).
    pub fn known_in(
        text: &'t str,
        vocabulary: &'t Vocabulary,
        mut buffers: WordBuffers,
    ) -> Words<'t> {
        buffers.list.clear();
        buffers.folded.clear();
        let mut words = Words {
            text,
            vocabulary: Some(vocabulary),
            list: buffers.list,
            folded: buffers.folded,
        };
        words.fill(Lookup::Known(vocabulary));
        words
    }

    /// The buffers, for the next text.
    pub fn into_buffers(self) -> WordBuffers {
        WordBuffers {
            list: self.list,
            folded: self.folded,
        }
    }

    /// The words, each added to `vocabulary` if new.
    pub fn interned(text: &'t str, vocabulary: &mut Vocabulary) -> Words<'t> {
        Words::read(text, Lookup::Interned(vocabulary))
    }

    /// [`Words::interned`] for another text, in this one's buffers (building the indexes reads
    /// thousands of short registry texts).
    pub fn reread_interned(&mut self, text: &'t str, vocabulary: &mut Vocabulary) {
        self.text = text;
        self.vocabulary = None;
        self.list.clear();
        self.folded.clear();
        self.fill(Lookup::Interned(vocabulary));
    }

    fn read(text: &'t str, lookup: Lookup) -> Words<'t> {
        let WordBuffers { list, folded } = WordBuffers::for_text(text);
        let mut words = Words {
            text,
            vocabulary: None,
            list,
            folded,
        };
        words.fill(lookup);
        words
    }

    fn fill(&mut self, mut lookup: Lookup) {
        let mut at = 0;
        while let Some((start, read)) = next_word(self.text, at) {
            at = match read {
                Read::Ascii(word) => self.push_ascii(start, word, &mut lookup),
                Read::Other(end) => self.push_other(start, end, &mut lookup),
            };
        }
    }

    /// Adds the ASCII word at byte `start`, folded and shaped; returns where it ends.
    #[inline(always)]
    fn push_ascii(&mut self, start: usize, word: AsciiWord, lookup: &mut Lookup) -> usize {
        let end = word.end;
        let raw = &self.text.as_bytes()[start..end];
        let first = ASCII[usize::from(raw[0])];
        let mut shape = 0;
        if first & UPPER != 0 {
            shape |= CAPITALIZED;
            if end == start + 1 {
                shape |= INITIAL;
            }
        } else if first & LOWER != 0 {
            shape |= LOWERCASE;
        }
        if word.seen & LOWER == 0 {
            shape |= NO_LOWER;
            // Two letters or more: counted only here, where no letter is small (rare).
            if raw
                .iter()
                .filter(|b| b.is_ascii_alphabetic())
                .nth(1)
                .is_some()
            {
                shape |= ALL_CAPS;
            }
        }
        // Compared with the vocabulary's words as written, lowered byte by byte: a word with
        // capitals that the vocabulary holds needs no folded copy.
        let (id, kind) = match lookup {
            Lookup::Nothing => (UNKNOWN, WordKind::NONE),
            Lookup::Known(vocabulary) => {
                let hash = word.hash(self.text.as_bytes(), start);
                let id = match word.short {
                    0 => vocabulary.id_ascii(raw, hash),
                    short => vocabulary.id_short(short, hash),
                };
                (id, vocabulary.kind(id))
            }
            Lookup::Interned(vocabulary) => {
                let hash = word.hash(self.text.as_bytes(), start);
                let id = vocabulary.intern_ascii(raw, hash);
                (id, vocabulary.kind(id))
            }
        };
        let folded = if word.seen & UPPER == 0 {
            shape |= FOLDED_AS_WRITTEN;
            start..end
        } else if id != UNKNOWN && self.vocabulary.is_some() {
            shape |= FOLDED_IN_VOCABULARY;
            0..0
        } else {
            let from = self.folded.len();
            self.folded.push_str(&self.text[start..end]);
            self.folded[from..].make_ascii_lowercase();
            from..self.folded.len()
        };
        self.list.push(Word {
            span: start..end,
            folded,
            id,
            shape,
            kind,
        });
        end
    }

    /// Adds the word of any script at bytes `start..end`, folded and shaped; returns `end`.
    fn push_other(&mut self, start: usize, end: usize, lookup: &mut Lookup) -> usize {
        let raw = &self.text[start..end];
        let from = self.folded.len();
        fold_into(raw, &mut self.folded);
        let hash = hash_of(&self.folded.as_bytes()[from..]);
        self.push(
            start..end,
            from..self.folded.len(),
            shape(raw),
            hash,
            lookup,
        );
        end
    }

    /// Adds the word whose folded form is at `folded` in [`Words::folded`], of hash `hash`.
    fn push(
        &mut self,
        span: Range<usize>,
        folded: Range<usize>,
        shape: u8,
        hash: u64,
        lookup: &mut Lookup,
    ) {
        let form = &self.folded[folded.clone()];
        let (id, kind) = match lookup {
            Lookup::Nothing => (UNKNOWN, WordKind::NONE),
            Lookup::Known(vocabulary) => {
                let id = vocabulary.id_hashed(form, hash);
                (id, vocabulary.kind(id))
            }
            Lookup::Interned(vocabulary) => {
                let id = vocabulary.intern_hashed(form, hash);
                (id, vocabulary.kind(id))
            }
        };
        self.list.push(Word {
            span,
            folded,
            id,
            shape,
            kind,
        });
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Words `first..=last` as a [`Cut`] has them, into `into` (cleared first).
    pub fn cut_words(&self, first: usize, last: usize, into: &mut Vec<CutWord>) {
        into.clear();
        into.extend((first..=last).map(|i| CutWord {
            start: self.list[i].span.start,
            end: self.list[i].span.end,
            id: self.list[i].id,
            no_lower: self.has_no_lower_case(i),
        }));
    }

    /// Every word, folded.
    #[cfg(test)]
    pub fn folded_all(&self) -> Vec<String> {
        (0..self.len())
            .map(|i| self.folded(i).to_string())
            .collect()
    }

    pub fn span(&self, i: usize) -> Range<usize> {
        self.list[i].span.clone()
    }

    /// The byte range from the start of word `first` to the end of word `last` (inclusive).
    pub fn span_of(&self, first: usize, last: usize) -> Range<usize> {
        self.list[first].span.start..self.list[last].span.end
    }

    pub fn raw(&self, i: usize) -> &'t str {
        &self.text[self.list[i].span.clone()]
    }

    /// Lower case without diacritics.
    pub fn folded(&self, i: usize) -> &str {
        let w = &self.list[i];
        if w.shape & FOLDED_AS_WRITTEN != 0 {
            &self.text[w.folded.clone()]
        } else if w.shape & FOLDED_IN_VOCABULARY != 0 {
            self.vocabulary.map_or("", |v| v.word(w.id))
        } else {
            &self.folded[w.folded.clone()]
        }
    }

    /// The text between word `i` and word `i + 1` (to the end of the text for the last word).
    pub fn gap_after(&self, i: usize) -> &'t str {
        let end = self
            .list
            .get(i + 1)
            .map_or(self.text.len(), |w| w.span.start);
        &self.text[self.list[i].span.end..end]
    }

    /// The text between word `i - 1` and word `i` (from the start of the text for the first).
    pub fn gap_before(&self, i: usize) -> &'t str {
        let start = if i == 0 { 0 } else { self.list[i - 1].span.end };
        &self.text[start..self.list[i].span.start]
    }

    fn has(&self, i: usize, shape: u8) -> bool {
        self.list[i].shape & shape != 0
    }

    /// Word `i`'s number in the vocabulary it was read with ([`UNKNOWN`] if none).
    pub fn id(&self, i: usize) -> u32 {
        self.list[i].id
    }

    /// What the vocabulary it was read with knows of word `i`.
    pub fn kind(&self, i: usize) -> WordKind {
        self.list[i].kind
    }

    /// Whether word `i` has no lower-case letter ("PM", "U", "2021").
    pub fn has_no_lower_case(&self, i: usize) -> bool {
        self.has(i, NO_LOWER)
    }

    pub fn is_capitalized(&self, i: usize) -> bool {
        self.has(i, CAPITALIZED)
    }

    pub fn is_lowercase(&self, i: usize) -> bool {
        self.has(i, LOWERCASE)
    }

    /// Two or more letters, none of them lower case ("SUGA", "UN").
    pub fn is_all_caps(&self, i: usize) -> bool {
        self.has(i, ALL_CAPS)
    }

    /// A single capital letter: an initial ("R." in "Joseph R. Biden").
    pub fn is_initial(&self, i: usize) -> bool {
        self.has(i, INITIAL)
    }

    /// Whether a sentence (or a line, or a heading) starts at word `i`.
    pub fn starts_sentence(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let gap = self.gap_before(i);
        let mut dot = false;
        for (k, &b) in gap.as_bytes().iter().enumerate() {
            match b {
                b'\n' | b'!' | b'?' | b':' | b';' | b'"' | b'(' | b'[' => return true,
                b'.' => dot = true,
                0xe2 if gap[k..].starts_with('“') => return true,
                _ => {}
            }
        }
        dot && !self.is_initial(i - 1)
    }
}

/// Whether `gap` (the text between two words) is only horizontal space, with at most one line
/// break: the words belong to one phrase.
pub fn is_space(gap: &str) -> bool {
    // Byte by byte, the usual gaps (ASCII) in one pass.
    let mut breaks = 0;
    for &b in gap.as_bytes() {
        match b {
            b' ' | b'\t' | 0x0b | 0x0c => {}
            b'\n' => breaks += 1,
            b'\r' => return false,
            0x80.. => return is_space_in_any_script(gap),
            _ => return false,
        }
    }
    !gap.is_empty() && breaks <= 1
}

/// `gap.trim()`: white space of any script trimmed, ASCII gaps (most) byte by byte.
pub fn trim(gap: &str) -> &str {
    // The ASCII characters `char::is_whitespace` takes (the vertical tab too).
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let bytes = gap.as_bytes();
    // Most gaps are one byte: a space, or a sign the caller looks for.
    if let [b] = bytes {
        return if space(b) { "" } else { gap };
    }
    if !gap.is_ascii() {
        return gap.trim();
    }
    let start = bytes.iter().position(|b| !space(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !space(b))
        .map_or(start, |e| e + 1);
    &gap[start..end]
}

/// [`is_space`] character by character.
fn is_space_in_any_script(gap: &str) -> bool {
    !gap.is_empty()
        && gap.chars().all(char::is_whitespace)
        && gap.matches('\n').count() <= 1
        && !gap.contains('\r')
}

/// How the words of a phrase are separated where the phrase itself is written with `model`
/// between them: spaces and hyphens are interchangeable ("Eui-yong", "Al Thani"), a period,
/// comma, slash or apostrophe only where the phrase has one (a period also after an initial).
pub fn gap_fits(gap: &str, model: &str, after_initial: bool) -> bool {
    let mut breaks = 0;
    for c in gap.chars() {
        let ok = match c {
            '\n' => {
                breaks += 1;
                breaks <= 1
            }
            c if c.is_whitespace() => c != '\r',
            '-' | '‐' | '‑' => true,
            '.' => after_initial || model.contains('.'),
            ',' => model.contains(','),
            '/' => model.contains('/'),
            '\'' | '’' | 'ʼ' => model.contains(['\'', '’', 'ʼ']),
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    !gap.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::person::vocabulary::short_key;
    use crate::text::fold;

    #[test]
    fn words_fold_once_and_keep_offsets() {
        let w = Words::new("Mr. SUGA met António Guterres’ team");
        assert_eq!(w.len(), 6);
        assert_eq!(w.raw(1), "SUGA");
        assert_eq!(w.folded(4), "guterres");
        assert_eq!(w.folded(3), "antonio");
        assert!(w.is_all_caps(1));
        assert!(!w.is_all_caps(0));
        assert!(w.is_capitalized(3) && !w.is_lowercase(3));
        assert!(w.is_lowercase(2) && !w.is_capitalized(2));
        assert_eq!(w.gap_after(0), ". ");
        assert_eq!(&w.text()[w.span_of(3, 4)], "António Guterres");
    }

    /// Words are cut as `text::words` cuts them, and an ASCII word read byte by byte has the
    /// shape and folded form the general way gives it.
    #[test]
    fn words_as_text_cuts_them_with_their_shapes() {
        let text = "Suga, SUGA and suga; R. r UN U 2021 A1 Élysée ÉLYSÉE élan É Ö1 Guterres’ \
                    x—y Abdulrahmanİ naïve-Bin 1ab";
        let w = Words::new(text);
        let mut vocabulary = Vocabulary::new();
        for word in ["suga", "r", "un", "2021", "elysee", "guterres"] {
            vocabulary.intern(word);
        }
        let known = Words::known(text, &vocabulary);
        let cut: Vec<_> = crate::text::words(text).collect();
        assert_eq!(w.len(), cut.len());
        for (i, (span, raw)) in cut.into_iter().enumerate() {
            assert_eq!(w.span(i), span);
            assert_eq!(w.folded(i), fold(raw), "{raw}");
            assert_eq!(w.list[i].shape & !FOLDED_AS_WRITTEN, shape(raw), "{raw}");
            assert_eq!(known.folded(i), fold(raw), "{raw}");
            let unmarked = !(FOLDED_AS_WRITTEN | FOLDED_IN_VOCABULARY);
            assert_eq!(known.list[i].shape & unmarked, shape(raw), "{raw}");
        }
    }

    /// A registry text cut and numbered as it is read has the words, numbers and case that
    /// reading it with [`Words`] gives.
    #[test]
    fn cuts_are_the_words_read() {
        let mut v = Vocabulary::new();
        let mut cut = Cut::default();
        for text in [
            "Mohammed bin Abdulrahman Al-Thani",
            "H.E. Mr. SUGA Yoshihide, suga",
            "António Guterres",
            "Côte d’Ivoire",
            "U.S. x—y 2021 É Ö1 naïve-Bin",
            "",
        ] {
            cut.read(text, &mut v);
            let w = Words::known(text, &v);
            assert_eq!(cut.words.len(), w.len(), "{text}");
            for (i, c) in cut.words.iter().enumerate() {
                assert_eq!(c.start..c.end, w.span(i), "{text}");
                assert_eq!(c.id, w.id(i), "{text}");
                assert_eq!(v.word(c.id), w.folded(i), "{text}");
                assert_eq!(c.no_lower, w.has_no_lower_case(i), "{text}");
            }
        }
        assert_eq!(v.id("suga"), v.intern("SUGA".to_lowercase().as_str()));
    }

    /// A word hashed eight bytes at a time from the text, wherever it stands (near the end of
    /// the text too), has the hash of its folded form.
    #[test]
    fn words_hash_as_their_folded_forms() {
        let text = "Prime MINISTER g20 Abdulrahman ZZZZZZZZZZZZZZZZZ abcdefgh Abcdefghi x Ab1";
        for (span, raw) in crate::text::words(text) {
            let folded = raw.to_ascii_lowercase();
            let hash = hash_lowered(text.as_bytes(), span.start, span.end);
            assert_eq!(hash, hash_of(folded.as_bytes()), "{raw}");
            let word = ascii_word(text.as_bytes(), span.start).expect("an ASCII word");
            assert_eq!(word.end, span.end, "{raw}");
            assert_eq!(word.hash(text.as_bytes(), span.start), hash, "{raw}");
            let short = short_key(folded.as_bytes()).unwrap_or(0);
            assert_eq!(word.short, short, "{raw}");
        }
        assert_eq!(hash_lowered(b"", 0, 0), hash_of(b""));
    }

    #[test]
    fn sentence_starts_ignore_initials() {
        let w = Words::new("Joseph R. Biden spoke. Then Motegi");
        assert!(w.starts_sentence(0));
        assert!(!w.starts_sentence(3), "after an initial");
        assert!(w.starts_sentence(4), "after a full stop");
    }

    /// Gaps read byte by byte are taken as reading them character by character takes them.
    #[test]
    fn spaces_and_sentence_starts_as_characters_tell_them() {
        let gaps = [
            " ",
            "  ",
            "\t",
            " \n ",
            "\n\n",
            "\r\n",
            "",
            ", ",
            ". ",
            "\u{a0}",
            " \u{2003}\n",
            "\u{b}",
            "“",
            " “(",
            "-",
            "—",
            "\u{85}",
        ];
        for gap in gaps
            .into_iter()
            .chain([" , ", "\t)\n", " .", "\u{b}(\u{c}"])
        {
            assert_eq!(is_space(gap), is_space_in_any_script(gap), "{gap:?}");
            assert_eq!(trim(gap), gap.trim(), "{gap:?}");
            for before in ["Joseph R", "He said"] {
                let text = format!("{before}{gap}x");
                let w = Words::new(&text);
                let i = w.len() - 1;
                let g = w.gap_before(i);
                let by_chars = g.contains('\n')
                    || g.contains(['!', '?', ':', ';', '"', '“', '(', '['])
                    || (g.contains('.') && !w.is_initial(i - 1));
                assert_eq!(w.starts_sentence(i), by_chars, "{text:?}");
            }
        }
    }

    #[test]
    fn gaps_fit_phrases() {
        assert!(gap_fits(" ", " ", false));
        assert!(gap_fits("-", " ", false));
        assert!(gap_fits(". ", " ", true));
        assert!(!gap_fits(". ", " ", false));
        assert!(gap_fits(", ", ", ", false));
        assert!(!gap_fits(", ", " ", false));
        assert!(!gap_fits("\n\n", " ", false));
        assert!(is_space("  "));
        assert!(!is_space(", "));
    }
}
