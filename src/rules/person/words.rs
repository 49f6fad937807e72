//! The words of a text as the person check sees them: byte spans, folded forms (kept in one
//! buffer, so that a document costs two allocations, not one per word) and the gaps between them.

use crate::text::fold;
use std::ops::Range;

#[derive(Debug, Clone)]
struct Word {
    span: Range<usize>,
    folded: Range<usize>,
}

/// The words (runs of letters and digits) of a text, in order.
pub struct Words<'t> {
    text: &'t str,
    list: Vec<Word>,
    folded: String,
}

impl<'t> Words<'t> {
    pub fn new(text: &'t str) -> Words<'t> {
        let mut list = Vec::new();
        let mut folded = String::with_capacity(text.len());
        for (span, raw) in crate::text::words(text) {
            let start = folded.len();
            if raw.is_ascii() {
                folded.extend(raw.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                folded.push_str(&fold(raw));
            }
            list.push(Word {
                span,
                folded: start..folded.len(),
            });
        }
        Words { text, list, folded }
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

    pub fn is_capitalized(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is_lowercase(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_lowercase)
    }

    /// Two or more letters, none of them lower case ("SUGA", "UN").
    pub fn is_all_caps(&self, i: usize) -> bool {
        let raw = self.raw(i);
        raw.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !raw.chars().any(char::is_lowercase)
    }

    /// A single capital letter: an initial ("R." in "Joseph R. Biden").
    pub fn is_initial(&self, i: usize) -> bool {
        let mut chars = self.raw(i).chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
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
        assert_eq!(w.gap_after(0), ". ");
        assert_eq!(&w.text()[w.span_of(3, 4)], "António Guterres");
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
