//! The words of a text as the person check sees them: byte spans, folded forms (kept in one
//! buffer, so that a document costs two allocations, not one per word) and the gaps between them.

use crate::text::fold;
use std::ops::Range;

#[derive(Debug, Clone)]
struct Word {
    span: Range<usize>,
    folded: Range<usize>,
    /// What its letters look like: [`CAPITALIZED`] and the others.
    shape: u8,
}

/// The first character is an upper-case letter.
const CAPITALIZED: u8 = 1;
/// The first character is a lower-case letter.
const LOWERCASE: u8 = 2;
/// Two letters or more, none of them lower case.
const ALL_CAPS: u8 = 4;
/// A single upper-case letter.
const INITIAL: u8 = 8;

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
    if raw.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !raw.chars().any(char::is_lowercase)
    {
        shape |= ALL_CAPS;
    }
    shape
}

/// The words (runs of letters and digits) of a text, in order.
pub struct Words<'t> {
    text: &'t str,
    list: Vec<Word>,
    folded: String,
}

impl<'t> Words<'t> {
    pub fn new(text: &'t str) -> Words<'t> {
        let mut words = Words {
            text,
            list: Vec::with_capacity(text.len() / 5),
            folded: String::with_capacity(text.len()),
        };
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            if !b.is_ascii() {
                at = words.push_any(at);
            } else if b.is_ascii_alphanumeric() {
                at = words.push_ascii(at);
            } else {
                at += 1;
            }
        }
        words
    }

    /// Reads the word at byte `start` while it is ASCII, folding and shaping it in one pass;
    /// returns where it ends (or hands over to [`Words::push_any`] at a non-ASCII letter).
    fn push_ascii(&mut self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut end = start;
        let (mut letters, mut lower) = (0, false);
        while let Some(&b) = bytes.get(end) {
            if !b.is_ascii_alphanumeric() {
                if b.is_ascii() {
                    break;
                }
                // A letter beyond ASCII in the word: read the whole word the general way.
                return self.push_any(start);
            }
            letters += usize::from(b.is_ascii_alphabetic());
            lower |= b.is_ascii_lowercase();
            end += 1;
        }
        let first = bytes[start];
        let mut shape = 0;
        if first.is_ascii_uppercase() {
            shape |= CAPITALIZED;
            if end == start + 1 {
                shape |= INITIAL;
            }
        } else if first.is_ascii_lowercase() {
            shape |= LOWERCASE;
        }
        if letters >= 2 && !lower {
            shape |= ALL_CAPS;
        }
        let folded = self.folded.len();
        self.folded.push_str(&self.text[start..end]);
        self.folded[folded..].make_ascii_lowercase();
        self.list.push(Word {
            span: start..end,
            folded: folded..self.folded.len(),
            shape,
        });
        end
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
        self.folded.push_str(&fold(raw));
        self.list.push(Word {
            span: start..end,
            folded: folded..self.folded.len(),
            shape: shape(raw),
        });
        end
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    pub fn len(&self) -> usize {
        self.list.len()
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
