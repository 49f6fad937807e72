//! Byte offsets to positions: 1-based line/column in Unicode scalar values (CLI, JSON), and
//! 0-based LSP positions in UTF-16 or UTF-8 code units.
//!
//! A line ends at `\n`, `\r\n` or a lone `\r`, as the SPEC fixes it.

/// The start offset of every line of a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

/// How an LSP client counts characters within a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// A 0-based line and a column in some unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // "\r\n" is one line break: the line starts after its '\n'.
            if bytes[at] == b'\n' || bytes.get(at + 1) != Some(&b'\n') {
                starts.push(at + 1);
            }
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The index of `text`, made from the index of the text before `start..old_end` became
    /// `start..new_end`: a line start depends only on the byte before it and the byte at it, so
    /// only the starts within the change are looked for again, and the ones after it shift.
    pub fn edited(&self, text: &str, start: usize, old_end: usize, new_end: usize) -> LineIndex {
        let bytes = text.as_bytes();
        let kept = self
            .starts
            .partition_point(|&s| s < start)
            .max(1)
            .min(self.starts.len());
        let after = self.starts.partition_point(|&s| s <= old_end);
        let mut starts = Vec::with_capacity(kept + (new_end - start) + self.starts.len() - after);
        starts.extend_from_slice(&self.starts[..kept]);
        for s in start.max(1)..=new_end.min(bytes.len()) {
            let ends_line = match bytes[s - 1] {
                b'\n' => true,
                b'\r' => bytes.get(s) != Some(&b'\n'),
                _ => false,
            };
            if ends_line {
                starts.push(s);
            }
        }
        starts.extend(self.starts[after..].iter().map(|&s| s - old_end + new_end));
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte range of line `line` without its terminator.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(self.len);
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }

    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// 1-based line and column counted in Unicode scalar values.
    pub fn scalar_position(&self, text: &str, offset: usize) -> (usize, usize) {
        let at = self.cursor(text, Unit::Scalar).position(offset);
        (at.line as usize + 1, at.col as usize + 1)
    }

    /// 0-based LSP position of `offset` in the given encoding.
    pub fn lsp_position(&self, text: &str, offset: usize, encoding: Encoding) -> LineCol {
        self.cursor(text, encoding.into()).position(offset)
    }

    /// A cursor for the positions of many offsets of `text`, counted in `unit`.
    pub fn cursor<'a>(&'a self, text: &'a str, unit: Unit) -> Cursor<'a> {
        Cursor {
            lines: self,
            text,
            unit,
            last: None,
        }
    }

    /// The byte offset of an LSP position, or `None` when the line is out of range. A column past
    /// the end of its line is clamped to the line's end, as the LSP specification asks; a column
    /// inside a character lands on the character's start.
    pub fn offset_of(&self, text: &str, pos: LineCol, encoding: Encoding) -> Option<usize> {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return None;
        }
        let range = self.line_range(text, line);
        let mut units = 0usize;
        for (i, c) in text[range.clone()].char_indices() {
            let width = match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units + width > pos.col as usize {
                return Some(range.start + i);
            }
            units += width;
        }
        Some(range.end)
    }
}

/// What a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Unicode scalar values: the CLI's and the JSON output's columns.
    Scalar,
    Utf8,
    Utf16,
}

impl Unit {
    fn measure(self, s: &str) -> usize {
        match self {
            Unit::Scalar => s.chars().count(),
            Unit::Utf8 => s.len(),
            Unit::Utf16 => utf16_len(s),
        }
    }
}

impl From<Encoding> for Unit {
    fn from(encoding: Encoding) -> Unit {
        match encoding {
            Encoding::Utf8 => Unit::Utf8,
            Encoding::Utf16 => Unit::Utf16,
        }
    }
}

/// Positions of many offsets of one text. Each column is counted from whichever is nearer, its
/// line's start or the offset asked before it, so the diagnostics of a long line asked in order
/// read that line once rather than once each (a 100 MB line with thousands of findings).
pub struct Cursor<'a> {
    lines: &'a LineIndex,
    text: &'a str,
    unit: Unit,
    last: Option<Mark>,
}

#[derive(Clone, Copy)]
struct Mark {
    line: usize,
    offset: usize,
    col: usize,
}

impl Cursor<'_> {
    /// The 0-based line and column of `offset` (clamped to the text, floored to a character).
    pub fn position(&mut self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(self.text, offset);
        let line = self.lines.line_of(offset);
        let start = self.lines.starts[line];
        let col = match self.last {
            Some(m)
                if m.line == line && m.offset <= offset && offset - m.offset < offset - start =>
            {
                m.col + self.unit.measure(&self.text[m.offset..offset])
            }
            Some(m)
                if m.line == line && m.offset > offset && m.offset - offset < offset - start =>
            {
                m.col - self.unit.measure(&self.text[offset..m.offset])
            }
            _ => self.unit.measure(&self.text[start..offset]),
        };
        self.last = Some(Mark { line, offset, col });
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }
}

/// The length of a text in UTF-16 code units: one per character, two for those beyond the
/// Basic Multilingual Plane (four bytes in UTF-8). Counted by bytes, not by decoding: a byte
/// that does not continue a character starts one, and a lead byte of 0xF0 or more starts a
/// four-byte one.
fn utf16_len(text: &str) -> usize {
    text.bytes()
        .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The smallest char boundary at or above `offset` (clamped to the text).
pub fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "a\nb\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.scalar_position(text, 7), (4, 1));
        assert_eq!(index.scalar_position(text, 5), (3, 1));
        assert_eq!(index.line_range(text, 1), 2..3);
    }

    #[test]
    fn columns_count_scalars_utf16_and_utf8() {
        let text = "António 😀 x";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.scalar_position(text, x), (1, 11));
        assert_eq!(index.lsp_position(text, x, Encoding::Utf16).col, 11);
        assert_eq!(index.lsp_position(text, x, Encoding::Utf8).col, x as u32);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let pos = index.lsp_position(text, x, enc);
            assert_eq!(index.offset_of(text, pos, enc), Some(x));
        }
    }

    #[test]
    fn a_cursor_gives_what_each_position_alone_gives_in_any_order() {
        let text = "Ça va 😀 bien\r\nnext é line\rlast 😀😀 x";
        let index = LineIndex::new(text);
        // Forwards, backwards, repeated and past the end, in every unit.
        let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
        offsets.extend((0..text.len()).rev().step_by(3));
        offsets.extend([5, 5, 30, 2, 31, 0]);
        for unit in [Unit::Scalar, Unit::Utf8, Unit::Utf16] {
            let mut cursor = index.cursor(text, unit);
            for &offset in &offsets {
                let alone = index.cursor(text, unit).position(offset);
                let floored = floor_char_boundary(text, offset);
                let line = index.line_of(floored);
                let expected = unit.measure(&text[index.starts[line]..floored]);
                assert_eq!(alone.col as usize, expected, "{unit:?} at {offset}");
                assert_eq!(cursor.position(offset), alone, "{unit:?} at {offset}");
            }
        }
    }

    #[test]
    fn utf16_length_by_bytes_is_by_characters() {
        for text in [
            "",
            "abc",
            "António",
            "東京",
            "😀 x 𝄞",
            "a\u{10FFFF}\u{7FF}\u{800}",
        ] {
            let by_chars: usize = text.chars().map(char::len_utf16).sum();
            assert_eq!(utf16_len(text), by_chars, "{text:?}");
        }
    }

    #[test]
    fn out_of_range_positions_are_clamped_or_refused() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        let past_end = LineCol { line: 0, col: 99 };
        assert_eq!(index.offset_of(text, past_end, Encoding::Utf16), Some(2));
        assert_eq!(
            index.offset_of(text, LineCol { line: 5, col: 0 }, Encoding::Utf16),
            None
        );
    }
}
