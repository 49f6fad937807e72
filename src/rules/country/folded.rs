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
        let bytes = prose.as_bytes();
        let mut text: Vec<u8> = Vec::with_capacity(prose.len());
        let mut origin = Vec::with_capacity(prose.len() + 1);
        let mut buf = [0u8; 4];
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            // Letters, digits and punctuation in ASCII, most of the prose, go byte by byte.
            if b.is_ascii() && !is_ascii_white_space(b) {
                text.push(b.to_ascii_lowercase());
                origin.push(at);
                at += 1;
                continue;
            }
            let Some(c) = prose.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let mut next = at + c.len_utf8();
            if c.is_whitespace() {
                // A run of white space is one space; one holding a blank line stays a line
                // break, so that no name is read across paragraphs.
                let mut newlines = usize::from(c == '\n');
                while let Some(w) = prose.get(next..).and_then(|rest| rest.chars().next()) {
                    if !w.is_whitespace() {
                        break;
                    }
                    newlines += usize::from(w == '\n');
                    next += w.len_utf8();
                }
                text.push(if newlines >= 2 { b'\n' } else { b' ' });
            } else if matches!(c, '’' | '‘') {
                text.push(b'\'');
            } else {
                text.extend_from_slice(fold(c.encode_utf8(&mut buf)).as_bytes());
            }
            origin.resize(text.len(), at);
            at = next;
        }
        origin.push(prose.len());
        // Only whole characters were written: the bytes are UTF-8.
        let text = String::from_utf8(text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Folded { text, origin }
    }

    /// The prose span of a folded byte range (whose ends are character boundaries).
    pub fn prose_span(&self, range: Range<usize>) -> Range<usize> {
        let start = self.origin[range.start.min(self.origin.len() - 1)];
        let end = self.origin[range.end.min(self.origin.len() - 1)];
        start..end.max(start)
    }
}

/// The ASCII characters that `char::is_whitespace` takes (vertical tab included).
fn is_ascii_white_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
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
