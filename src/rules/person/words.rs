//! The words of a text as the person check sees them: byte spans, folded forms (kept in one
//! buffer, so that a document costs two allocations, not one per word), the gaps between them,
//! and each word's number in the check's [`Vocabulary`] once looked up.

use super::vocabulary::{UNKNOWN, Vocabulary, WordKind};
use crate::text::fold_into;
use std::ops::Range;

/// What an ASCII byte is, as bits: [`WORD`] and the others.
static ASCII: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            WORD | LETTER | UPPER
        } else if c.is_ascii_lowercase() {
            WORD | LETTER | LOWER
        } else if c.is_ascii_digit() {
            WORD
        } else {
            0
        };
        b += 1;
    }
    table
};

/// A letter or a digit: part of a word.
const WORD: u8 = 1;
const LETTER: u8 = 2;
const UPPER: u8 = 4;
const LOWER: u8 = 8;

#[derive(Debug, Clone)]
struct Word {
    span: Range<usize>,
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

/// The words (runs of letters and digits) of a text, in order.
pub struct Words<'t> {
    text: &'t str,
    list: Vec<Word>,
    folded: String,
}

impl<'t> Words<'t> {
    /// The words, none of them looked up: every word is [`UNKNOWN`] to the indexes.
    pub fn new(text: &'t str) -> Words<'t> {
        Words::read(text, Lookup::Nothing)
    }

    /// The words, each with its number in `vocabulary` (or [`UNKNOWN`]) and its kind.
    pub fn known(text: &'t str, vocabulary: &Vocabulary) -> Words<'t> {
        Words::read(text, Lookup::Known(vocabulary))
    }

    /// The words, each added to `vocabulary` if new.
    pub fn interned(text: &'t str, vocabulary: &mut Vocabulary) -> Words<'t> {
        Words::read(text, Lookup::Interned(vocabulary))
    }

    /// [`Words::interned`] for another text, in this one's buffers (building the indexes reads
    /// thousands of short registry texts).
    pub fn reread_interned(&mut self, text: &'t str, vocabulary: &mut Vocabulary) {
        self.text = text;
        self.list.clear();
        self.folded.clear();
        self.fill(Lookup::Interned(vocabulary));
    }

    fn read(text: &'t str, lookup: Lookup) -> Words<'t> {
        let mut words = Words {
            text,
            list: Vec::with_capacity(text.len() / 5),
            folded: String::with_capacity(text.len()),
        };
        words.fill(lookup);
        words
    }

    fn fill(&mut self, mut lookup: Lookup) {
        let bytes = self.text.as_bytes();
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            at = if b >= 0x80 {
                self.push_any(at)
            } else if ASCII[usize::from(b)] & WORD != 0 {
                self.push_ascii(at)
            } else {
                at + 1
            };
        }
        match &mut lookup {
            Lookup::Nothing => {}
            Lookup::Known(vocabulary) => {
                for w in &mut self.list {
                    w.id = vocabulary.id(&self.folded[w.folded.clone()]);
                    w.kind = vocabulary.kind(w.id);
                }
            }
            Lookup::Interned(vocabulary) => {
                for w in &mut self.list {
                    w.id = vocabulary.intern(&self.folded[w.folded.clone()]);
                    w.kind = vocabulary.kind(w.id);
                }
            }
        }
    }

    /// Reads the word at byte `start` while it is ASCII, folding and shaping it in one pass;
    /// returns where it ends (or hands over to [`Words::push_any`] at a non-ASCII letter).
    fn push_ascii(&mut self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut end = start;
        // Every class of byte met, and the letters counted up to two.
        let (mut seen, mut letters) = (0, 0);
        while let Some(&b) = bytes.get(end) {
            if b >= 0x80 {
                // A letter beyond ASCII in the word: read the whole word the general way.
                return self.push_any(start);
            }
            let class = ASCII[usize::from(b)];
            if class & WORD == 0 {
                break;
            }
            seen |= class;
            letters += u8::from(class & LETTER != 0 && letters < 2);
            end += 1;
        }
        let first = ASCII[usize::from(bytes[start])];
        let mut shape = 0;
        if first & UPPER != 0 {
            shape |= CAPITALIZED;
            if end == start + 1 {
                shape |= INITIAL;
            }
        } else if first & LOWER != 0 {
            shape |= LOWERCASE;
        }
        if seen & LOWER == 0 {
            shape |= NO_LOWER;
            if letters >= 2 {
                shape |= ALL_CAPS;
            }
        }
        let folded = self.folded.len();
        self.folded.push_str(&self.text[start..end]);
        if seen & UPPER != 0 {
            self.folded[folded..].make_ascii_lowercase();
        }
        self.push(start..end, folded, shape);
        end
    }

    fn push(&mut self, span: Range<usize>, folded_start: usize, shape: u8) {
        self.list.push(Word {
            span,
            folded: folded_start..self.folded.len(),
            id: UNKNOWN,
            shape,
            kind: WordKind::NONE,
        });
    }

    /// Reads the word (or the non-word characters) at byte `start`, a char boundary, as
    /// `text::words` cuts words: any letters and digits.
    fn push_any(&mut self, start: usize) -> usize {
        let rest = &self.text[start..];
        let Some(c) = rest.chars().next() else {
            return self.text.len();
        };
        if !crate::text::is_word_char(c) {
            return start + c.len_utf8();
        }
        let len = rest
            .char_indices()
            .find(|&(_, c)| !crate::text::is_word_char(c))
            .map_or(rest.len(), |(k, _)| k);
        let end = start + len;
        let raw = &self.text[start..end];
        let folded = self.folded.len();
        fold_into(raw, &mut self.folded);
        self.push(start..end, folded, shape(raw));
        end
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
        &self.folded[self.list[i].folded.clone()]
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
        gap.contains('\n')
            || gap.contains(['!', '?', ':', ';', '"', '“', '(', '['])
            || (gap.contains('.') && !self.is_initial(i - 1))
    }
}

/// Whether `gap` (the text between two words) is only horizontal space, with at most one line
/// break: the words belong to one phrase.
pub fn is_space(gap: &str) -> bool {
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
        let cut: Vec<_> = crate::text::words(text).collect();
        assert_eq!(w.len(), cut.len());
        for (i, (span, raw)) in cut.into_iter().enumerate() {
            assert_eq!(w.span(i), span);
            assert_eq!(w.folded(i), fold(raw), "{raw}");
            assert_eq!(w.list[i].shape, shape(raw), "{raw}");
        }
    }

    #[test]
    fn sentence_starts_ignore_initials() {
        let w = Words::new("Joseph R. Biden spoke. Then Motegi");
        assert!(w.starts_sentence(0));
        assert!(!w.starts_sentence(3), "after an initial");
        assert!(w.starts_sentence(4), "after a full stop");
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
