//! Open documents: the text as a rope, edited in place by incremental changes, and the
//! conversions between LSP positions (UTF-8 or UTF-16 code units) and the rope's indexes.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as LSP and the SPEC fix it (ropey is built with
//! `cr_lines` only, so U+2028 and friends are not line breaks here either).

use crate::document::{DocKind, Encoding};
use ropey::{Rope, RopeSlice};
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent};

/// One open document.
#[derive(Debug, Clone)]
pub struct TextDocument {
    pub rope: Rope,
    pub version: i32,
    pub kind: DocKind,
}

/// Why an edit could not be applied exactly as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditProblem {
    /// A position past the end of the document: it was clamped to the end.
    OutOfRange,
    /// The range ends before it starts: it was read as empty at its start.
    Reversed,
}

impl TextDocument {
    pub fn new(text: &str, version: i32, language_id: &str) -> TextDocument {
        TextDocument {
            rope: Rope::from_str(text),
            version,
            kind: DocKind::from_language_id(language_id),
        }
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// Applies one change event: a whole new text, or a replacement of a range. Positions out
    /// of range are clamped (a client that sends them is confused, but the text must stay
    /// usable), and reported.
    pub fn apply(
        &mut self,
        change: &TextDocumentContentChangeEvent,
        encoding: Encoding,
    ) -> Option<EditProblem> {
        let Some(range) = change.range else {
            self.rope = Rope::from_str(&change.text);
            return None;
        };
        let mut problem = None;
        let start = self.char_index(range.start, encoding).unwrap_or_else(|| {
            problem = Some(EditProblem::OutOfRange);
            self.rope.len_chars()
        });
        let mut end = self.char_index(range.end, encoding).unwrap_or_else(|| {
            problem = Some(EditProblem::OutOfRange);
            self.rope.len_chars()
        });
        if end < start {
            problem = Some(EditProblem::Reversed);
            end = start;
        }
        self.rope.remove(start..end);
        self.rope.insert(start, &change.text);
        problem
    }

    /// The char index of a position; `None` when its line is past the end. A column past the
    /// end of its line is clamped to the line's end (before its line break), as LSP asks; a
    /// column inside a character (half a surrogate pair, a UTF-8 continuation byte) lands on
    /// the character's start.
    pub fn char_index(&self, pos: Position, encoding: Encoding) -> Option<usize> {
        let line = pos.line as usize;
        if line >= self.rope.len_lines() {
            return None;
        }
        let line_start = self.rope.line_to_char(line);
        let content = line_content(self.rope.line(line));
        let col = pos.character as usize;
        let within = match encoding {
            Encoding::Utf16 => {
                let units = content.len_utf16_cu();
                content.utf16_cu_to_char(col.min(units))
            }
            Encoding::Utf8 => {
                let bytes = content.len_bytes();
                content.byte_to_char(col.min(bytes))
            }
        };
        Some(line_start + within)
    }

    /// The byte offset of a position, as `char_index`.
    pub fn offset(&self, pos: Position, encoding: Encoding) -> Option<usize> {
        self.char_index(pos, encoding)
            .map(|c| self.rope.char_to_byte(c))
    }

    /// The LSP position of a byte offset (clamped to the text, floored to a char boundary).
    #[cfg(test)]
    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        position_in(&self.rope, offset, encoding)
    }
}

/// The LSP position of a byte offset of a rope (clamped to the text, floored to a char
/// boundary).
pub fn position_in(rope: &Rope, offset: usize, encoding: Encoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let char_idx = rope.byte_to_char(offset);
    let line = rope.char_to_line(char_idx);
    let line_start = rope.line_to_char(line);
    let col = match encoding {
        Encoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_start),
        Encoding::Utf8 => rope.char_to_byte(char_idx) - rope.char_to_byte(line_start),
    };
    Position::new(line as u32, col as u32)
}

/// A line without its line break.
fn line_content(line: RopeSlice<'_>) -> RopeSlice<'_> {
    let mut end = line.len_chars();
    if end > 0 && line.char(end - 1) == '\n' {
        end -= 1;
    }
    if end > 0 && line.char(end - 1) == '\r' {
        end -= 1;
    }
    line.slice(..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|(s, e)| {
                tower_lsp_server::ls_types::Range::new(
                    Position::new(s.0, s.1),
                    Position::new(e.0, e.1),
                )
            }),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_edits_after_accents_cjk_and_emoji() {
        let mut doc = TextDocument::new("António 😀 東京\nsecond\n", 1, "markdown");
        // UTF-16: "António " is 8 units, the emoji 2, the space 1: 東 starts at 11.
        let p = doc.apply(&change(Some(((0, 11), (0, 12))), "大"), Encoding::Utf16);
        assert_eq!(p, None);
        assert_eq!(doc.text(), "António 😀 大京\nsecond\n");
        // UTF-8: 東 (now 大) starts at byte 8 + 4 + 1 = 14 ("ó" is 2 bytes: 9 + 4 + 1).
        let mut doc8 = TextDocument::new("António 😀 東京\n", 1, "plaintext");
        doc8.apply(&change(Some(((0, 14), (0, 17))), "大"), Encoding::Utf8);
        assert_eq!(doc8.text(), "António 😀 大京\n");
    }

    #[test]
    fn positions_round_trip_in_both_encodings() {
        let text = "a\r\nAntónio 😀 x\rlast";
        let doc = TextDocument::new(text, 1, "plaintext");
        let x = text.find('x').unwrap();
        assert_eq!(doc.position(x, Encoding::Utf16), Position::new(1, 11));
        assert_eq!(doc.position(x, Encoding::Utf8), Position::new(1, 14));
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            assert_eq!(doc.offset(doc.position(x, enc), enc), Some(x));
        }
        let last = text.find("last").unwrap();
        assert_eq!(doc.position(last, Encoding::Utf16), Position::new(2, 0));
    }

    #[test]
    fn columns_past_the_line_and_inside_characters() {
        let doc = TextDocument::new("ab😀\ncd", 1, "plaintext");
        // Past the end of line 0: its end, not the next line.
        assert_eq!(doc.offset(Position::new(0, 99), Encoding::Utf16), Some(6));
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(doc.offset(Position::new(0, 3), Encoding::Utf16), Some(2));
        assert_eq!(doc.offset(Position::new(0, 4), Encoding::Utf8), Some(2));
        assert_eq!(doc.offset(Position::new(5, 0), Encoding::Utf16), None);
    }

    #[test]
    fn unicode_line_separators_are_not_line_breaks() {
        let doc = TextDocument::new("a\u{2028}b\u{85}c\nd", 1, "plaintext");
        assert_eq!(doc.rope.len_lines(), 2);
        assert_eq!(doc.offset(Position::new(1, 0), Encoding::Utf16), Some(9));
    }

    #[test]
    fn out_of_range_and_reversed_edits_are_clamped() {
        let mut doc = TextDocument::new("abc", 1, "plaintext");
        let p = doc.apply(&change(Some(((7, 0), (9, 0))), "!"), Encoding::Utf16);
        assert_eq!(p, Some(EditProblem::OutOfRange));
        assert_eq!(doc.text(), "abc!");
        let p = doc.apply(&change(Some(((0, 2), (0, 1))), "-"), Encoding::Utf16);
        assert_eq!(p, Some(EditProblem::Reversed));
        assert_eq!(doc.text(), "ab-c!");
        doc.apply(&change(None, "new"), Encoding::Utf16);
        assert_eq!(doc.text(), "new");
    }
}
