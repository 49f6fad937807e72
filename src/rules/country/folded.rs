//! The prose folded for matching names: lower case, no diacritics, straight apostrophes, runs
//! of white space made one space — with a map back to the prose's byte offsets, so that a match
//! in the folded text becomes a span of the document.

use crate::text::fold;
use std::ops::Range;

pub(super) struct Folded {
    pub text: String,
    /// For each byte of `text`, the prose offset of the character it came from; one more entry
    /// at the end, the prose's length.
    origin: Vec<usize>,
}

impl Folded {
    pub fn new(prose: &str) -> Folded {
        let mut text = String::with_capacity(prose.len());
        let mut origin = Vec::with_capacity(prose.len() + 1);
        let mut chars = prose.char_indices().peekable();
        let mut buf = [0u8; 4];
        while let Some((at, c)) = chars.next() {
            let before = text.len();
            if c.is_whitespace() {
                // A run of white space is one space; one holding a blank line stays a line
                // break, so that no name is read across paragraphs.
                let mut newlines = usize::from(c == '\n');
                while let Some(&(_, next)) = chars.peek() {
                    if !next.is_whitespace() {
                        break;
                    }
                    newlines += usize::from(next == '\n');
                    chars.next();
                }
                text.push(if newlines >= 2 { '\n' } else { ' ' });
            } else if c.is_ascii() {
                text.push(c.to_ascii_lowercase());
            } else if matches!(c, '’' | '‘') {
                text.push('\'');
            } else {
                text.push_str(&fold(c.encode_utf8(&mut buf)));
            }
            origin.resize(text.len(), at);
            debug_assert!(origin.len() == text.len() && before <= text.len());
        }
        origin.push(prose.len());
        Folded { text, origin }
    }

    /// The prose span of a folded byte range (whose ends are character boundaries).
    pub fn prose_span(&self, range: Range<usize>) -> Range<usize> {
        let start = self.origin[range.start.min(self.origin.len() - 1)];
        let end = self.origin[range.end.min(self.origin.len() - 1)];
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_maps_back() {
        let prose = "Côte d’Ivoire  and\nSão Tomé";
        let f = Folded::new(prose);
        assert_eq!(f.text, "cote d'ivoire and sao tome");
        let at = f.text.find("ivoire").unwrap();
        assert_eq!(&prose[f.prose_span(at..at + 6)], "Ivoire");
        let at = f.text.find("sao tome").unwrap();
        assert_eq!(&prose[f.prose_span(at..at + 8)], "São Tomé");
        let whole = f.prose_span(0..f.text.len());
        assert_eq!(&prose[whole], prose);
    }

    #[test]
    fn blank_lines_stay_breaks() {
        let f = Folded::new("South\n\nAfrica");
        assert_eq!(f.text, "south\nafrica");
    }

    #[test]
    fn decomposed_marks_stay_inside_the_span() {
        let prose = "Co\u{302}te";
        let f = Folded::new(prose);
        assert_eq!(f.text, "cote");
        assert_eq!(&prose[f.prose_span(0..2)], "Co\u{302}");
    }
}
