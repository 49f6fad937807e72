//! Open documents: each is the [`Document`] of its current text, shared with the last check
//! (no other copy of the text is kept), made anew by each edit from the last (only the stretch
//! around an edit is read again), and the conversions between LSP positions (UTF-8 or UTF-16
//! code units) and its byte offsets.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as LSP and the SPEC fix it (U+2028 and friends
//! are not line breaks).

use crate::document::{DocKind, Document, Encoding, LineCol};
use std::sync::Arc;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent};

/// One open document.
#[derive(Debug, Clone)]
pub struct TextDocument {
    pub version: i32,
    pub kind: DocKind,
    text: Text,
}

#[derive(Debug, Clone)]
enum Text {
    /// As opened: reading it is left to the first check, off the server's threads.
    Opened(Arc<String>),
    Read(Arc<Document>),
}

/// What a check reads of a document: its text as opened, or its document.
pub enum Source {
    Opened(Arc<String>),
    Read(Arc<Document>),
}

impl Source {
    pub fn len(&self) -> usize {
        match self {
            Source::Opened(text) => text.len(),
            Source::Read(doc) => doc.source.len(),
        }
    }

    /// The document of `kind` for this text: the one there is when it is of that kind.
    pub fn document(self, kind: DocKind) -> Arc<Document> {
        match self {
            Source::Read(doc) if doc.kind == kind => doc,
            Source::Read(doc) => Arc::new(Document::new(doc.source.clone(), kind)),
            Source::Opened(text) => {
                let text = Arc::try_unwrap(text).unwrap_or_else(|shared| (*shared).clone());
                Arc::new(Document::new(text, kind))
            }
        }
    }
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
    pub fn new(text: String, version: i32, language_id: &str) -> TextDocument {
        TextDocument {
            version,
            kind: DocKind::from_language_id(language_id),
            text: Text::Opened(Arc::new(text)),
        }
    }

    /// The text, for a check.
    pub fn source(&self) -> Source {
        match &self.text {
            Text::Opened(text) => Source::Opened(text.clone()),
            Text::Read(doc) => Source::Read(doc.clone()),
        }
    }

    /// Takes `doc`, which a check read from this document's text as opened, as its document.
    pub fn adopt(&mut self, doc: &Arc<Document>) {
        if let Text::Opened(text) = &self.text
            && doc.kind == self.kind
            && doc.source == **text
        {
            self.text = Text::Read(doc.clone());
        }
    }

    /// The document of the current text, read now if no check has read it yet.
    pub fn document(&mut self) -> &Arc<Document> {
        if let Text::Opened(text) = &self.text {
            let doc = Document::new(text.to_string(), self.kind);
            self.text = Text::Read(Arc::new(doc));
        }
        match &self.text {
            Text::Read(doc) => doc,
            Text::Opened(_) => unreachable!("read just above"),
        }
    }

    pub fn text(&self) -> String {
        match &self.text {
            Text::Opened(text) => text.to_string(),
            Text::Read(doc) => doc.source.clone(),
        }
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
            let doc = match &self.text {
                Text::Read(doc) => doc.updated(change.text.clone()),
                Text::Opened(_) => Document::new(change.text.clone(), self.kind),
            };
            self.text = Text::Read(Arc::new(doc));
            return None;
        };
        let mut problem = None;
        let doc = self.document();
        let end_of_text = doc.source.len();
        let start = offset_in(doc, range.start, encoding).unwrap_or_else(|| {
            problem = Some(EditProblem::OutOfRange);
            end_of_text
        });
        let mut end = offset_in(doc, range.end, encoding).unwrap_or_else(|| {
            problem = Some(EditProblem::OutOfRange);
            end_of_text
        });
        if end < start {
            problem = Some(EditProblem::Reversed);
            end = start;
        }
        let edited = doc.edited(start..end, &change.text);
        self.text = Text::Read(Arc::new(edited));
        problem
    }

    /// The byte offset of a position; `None` when its line is past the end. A column past the
    /// end of its line is clamped to the line's end (before its line break), as LSP asks; a
    /// column inside a character (half a surrogate pair, a UTF-8 continuation byte) lands on
    /// the character's start.
    pub fn offset(&mut self, pos: Position, encoding: Encoding) -> Option<usize> {
        offset_in(self.document(), pos, encoding)
    }

    /// The LSP position of a byte offset (clamped to the text, floored to a char boundary).
    #[cfg(test)]
    pub fn position(&mut self, offset: usize, encoding: Encoding) -> Position {
        position_in(self.document(), offset, encoding)
    }
}

/// The byte offset of an LSP position in a document, as [`TextDocument::offset`].
fn offset_in(doc: &Document, pos: Position, encoding: Encoding) -> Option<usize> {
    let pos = LineCol {
        line: pos.line,
        col: pos.character,
    };
    doc.offset_of(pos, encoding)
}

/// The LSP position of a byte offset of a document (clamped to the text, floored to a char
/// boundary).
pub fn position_in(doc: &Document, offset: usize, encoding: Encoding) -> Position {
    let p = doc.lsp_position(offset, encoding);
    Position::new(p.line, p.col)
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
        let mut doc = TextDocument::new("António 😀 東京\nsecond\n".into(), 1, "markdown");
        // UTF-16: "António " is 8 units, the emoji 2, the space 1: 東 starts at 11.
        let p = doc.apply(&change(Some(((0, 11), (0, 12))), "大"), Encoding::Utf16);
        assert_eq!(p, None);
        assert_eq!(doc.text(), "António 😀 大京\nsecond\n");
        // UTF-8: 東 (now 大) starts at byte 8 + 4 + 1 = 14 ("ó" is 2 bytes: 9 + 4 + 1).
        let mut doc8 = TextDocument::new("António 😀 東京\n".into(), 1, "plaintext");
        doc8.apply(&change(Some(((0, 14), (0, 17))), "大"), Encoding::Utf8);
        assert_eq!(doc8.text(), "António 😀 大京\n");
    }

    #[test]
    fn positions_round_trip_in_both_encodings() {
        let text = "a\r\nAntónio 😀 x\rlast";
        let mut doc = TextDocument::new(text.into(), 1, "plaintext");
        let x = text.find('x').unwrap();
        assert_eq!(doc.position(x, Encoding::Utf16), Position::new(1, 11));
        assert_eq!(doc.position(x, Encoding::Utf8), Position::new(1, 14));
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let position = doc.position(x, enc);
            assert_eq!(doc.offset(position, enc), Some(x));
        }
        let last = text.find("last").unwrap();
        assert_eq!(doc.position(last, Encoding::Utf16), Position::new(2, 0));
    }

    #[test]
    fn columns_past_the_line_and_inside_characters() {
        let mut doc = TextDocument::new("ab😀\ncd".into(), 1, "plaintext");
        // Past the end of line 0: its end, not the next line.
        assert_eq!(doc.offset(Position::new(0, 99), Encoding::Utf16), Some(6));
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(doc.offset(Position::new(0, 3), Encoding::Utf16), Some(2));
        assert_eq!(doc.offset(Position::new(0, 4), Encoding::Utf8), Some(2));
        assert_eq!(doc.offset(Position::new(5, 0), Encoding::Utf16), None);
    }

    #[test]
    fn unicode_line_separators_are_not_line_breaks() {
        let mut doc = TextDocument::new("a\u{2028}b\u{85}c\nd".into(), 1, "plaintext");
        assert_eq!(doc.document().lines.line_count(), 2);
        assert_eq!(doc.offset(Position::new(1, 0), Encoding::Utf16), Some(9));
    }

    #[test]
    fn out_of_range_and_reversed_edits_are_clamped() {
        let mut doc = TextDocument::new("abc".into(), 1, "plaintext");
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
