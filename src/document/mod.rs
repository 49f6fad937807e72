//! The document model: the file as read, and the prose to check with the markup set aside.
//!
//! `prose` has exactly the byte length of `source`, with every byte of markup replaced by a
//! space (line breaks are kept, and block boundaries such as table cells become `\n`), so that
//! a byte offset found in the prose is the byte offset in the file. Rules read `prose`; every
//! finding is reported at offsets of `source`.
//!
//! After an edit, `Document::edited` (a range and its replacement) or `Document::updated` (the
//! new text) read the new text again only around the edit, from checkpoints kept while reading
//! (`resume`), and give exactly what `Document::new` gives.

pub mod date;
mod edit;
mod html;
mod markdown;
mod mask;
mod paragraph;
mod plain;
pub mod position;
mod resume;

use std::ops::Range;
use std::path::Path;

pub use paragraph::{paragraphs, paragraphs_again};
pub use position::{Cursor, Encoding, LineCol, LineIndex, Unit};
pub use resume::Change;

/// What kind of file a document is, which decides what counts as markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Markdown,
    Html,
    Plain,
}

impl DocKind {
    /// The kind for a file name, or `None` when diplint does not lint such files by default.
    pub fn from_path(path: &Path) -> Option<DocKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(DocKind::Markdown),
            "html" | "htm" => Some(DocKind::Html),
            "txt" => Some(DocKind::Plain),
            _ => None,
        }
    }

    /// The kind for an LSP language id.
    pub fn from_language_id(id: &str) -> DocKind {
        match id {
            "markdown" | "md" => DocKind::Markdown,
            "html" => DocKind::Html,
            _ => DocKind::Plain,
        }
    }
}

/// An in-text instruction to silence rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub action: DirectiveAction,
    /// Rule ids; empty means every rule.
    pub rules: Vec<String>,
    /// Byte range of the directive in the source.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveAction {
    Disable,
    Enable,
    DisableNextLine,
    DisableLine,
}

/// A `date:` value found in Markdown front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterDate {
    pub value: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Document {
    /// The file as read, BOM included.
    pub source: String,
    pub kind: DocKind,
    /// `source` with markup blanked out; the same length, the same offsets.
    pub prose: String,
    pub lines: LineIndex,
    pub directives: Vec<Directive>,
    pub front_matter_date: Option<FrontMatterDate>,
    /// Where the document may be read again after an edit (`Document::edited`).
    resume: resume::Resume,
    origin: Origin,
}

/// Where a document's text came from: what tells it apart from other texts, and the documents
/// it was made from by edits, latest first, each with the one stretch where it differs from
/// this one (so that a check after several edits still knows what changed since the last).
#[derive(Debug, Clone)]
struct Origin {
    id: u64,
    ancestors: Vec<(u64, Change)>,
}

/// How many of the documents it was edited from a document remembers.
const ANCESTORS: usize = 8;

impl Origin {
    fn new() -> Origin {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Origin {
            id,
            ancestors: Vec::new(),
        }
    }

    /// The origin of a document made from the one of `parent` by `change`.
    fn edited(parent: &Origin, change: Change) -> Origin {
        let earlier = parent.ancestors.iter().map(|&(id, c)| (id, c.then(change)));
        Origin {
            ancestors: std::iter::once((parent.id, change))
                .chain(earlier)
                .take(ANCESTORS)
                .collect(),
            ..Origin::new()
        }
    }
}

impl Document {
    pub fn new(source: String, kind: DocKind) -> Document {
        let mut masked = mask::Masked::new(&source);
        blank_byte_order_mark(&source, &mut masked);
        let mut track = resume::Track::whole();
        let settled_from = match kind {
            DocKind::Markdown => markdown::set_aside(&source, &mut masked, &mut track),
            DocKind::Html => {
                html::set_aside(&source, &mut masked, &mut track);
                0
            }
            DocKind::Plain => {
                plain::set_aside(&source, &mut masked);
                0
            }
        };
        let resume = resume::Resume {
            checkpoints: track.found,
            settled_from,
        };
        let lines = LineIndex::new(&source);
        let (prose, directives, front_matter_date) = masked.finish();
        Document {
            source,
            kind,
            prose,
            lines,
            directives,
            front_matter_date,
            resume,
            origin: Origin::new(),
        }
    }

    /// The one stretch where this document's source and prose differ from `earlier`'s:
    /// `start..old_end` of `earlier` became `start..new_end` of this one. It is known without
    /// comparing the texts when this document was made from `earlier` by a few
    /// [`edited`](Document::edited) or [`updated`](Document::updated) (or is a copy of it).
    pub fn change_from(&self, earlier: &Document) -> Change {
        self.known_change_from(earlier).unwrap_or_else(|| {
            let source = Change::between(&earlier.source, &self.source);
            let prose = Change::between(&earlier.prose, &self.prose);
            source.union(prose)
        })
    }

    /// [`change_from`](Document::change_from) when it is known without comparing the texts.
    pub fn known_change_from(&self, earlier: &Document) -> Option<Change> {
        if self.origin.id == earlier.origin.id {
            let end = self.source.len();
            return Some(Change {
                start: end,
                old_end: end,
                new_end: end,
            });
        }
        let known = self
            .origin
            .ancestors
            .iter()
            .find(|(id, _)| *id == earlier.origin.id);
        known.map(|&(_, change)| change)
    }

    /// 1-based line and column (Unicode scalar values) of a byte offset.
    pub fn scalar_position(&self, offset: usize) -> (usize, usize) {
        self.lines.scalar_position(&self.source, offset)
    }

    /// A cursor for many positions in this document, cheaper than one call each when the
    /// offsets come in order on long lines.
    pub fn cursor(&self, unit: Unit) -> Cursor<'_> {
        self.lines.cursor(&self.source, unit)
    }

    pub fn lsp_position(&self, offset: usize, encoding: Encoding) -> LineCol {
        self.lines.lsp_position(&self.source, offset, encoding)
    }

    pub fn offset_of(&self, pos: LineCol, encoding: Encoding) -> Option<usize> {
        self.lines.offset_of(&self.source, pos, encoding)
    }

    /// The 0-based line holding a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.line_of(offset)
    }
}

fn blank_byte_order_mark(source: &str, masked: &mut mask::Masked) {
    if source.starts_with('\u{feff}') {
        masked.blank(0..3);
    }
}

/// Why a file's bytes are not a document diplint can check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Utf16,
    Binary,
    InvalidUtf8 { offset: usize },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Utf16 => write!(f, "file is UTF-16 encoded; diplint reads UTF-8 only"),
            DecodeError::Binary => write!(f, "file looks binary (it contains NUL bytes)"),
            DecodeError::InvalidUtf8 { offset } => {
                write!(
                    f,
                    "file is not valid UTF-8 (invalid byte at offset {offset})"
                )
            }
        }
    }
}

/// Checks that a file's bytes are UTF-8 text, keeping them as they are (BOM included).
pub fn decode(bytes: Vec<u8>) -> Result<String, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError::Utf16);
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            if text.as_bytes().contains(&0) {
                Err(DecodeError::Binary)
            } else {
                Ok(text)
            }
        }
        Err(err) => {
            let bytes = err.as_bytes();
            let nul_heavy = bytes.iter().take(4096).filter(|&&b| b == 0).count() > 0;
            if nul_heavy {
                Err(DecodeError::Binary)
            } else {
                Err(DecodeError::InvalidUtf8 {
                    offset: err.utf8_error().valid_up_to(),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_keeps_offsets_and_length() {
        let src = "\u{feff}# Title\n\nSome *bold* `code` text.\n";
        let doc = Document::new(src.to_string(), DocKind::Markdown);
        assert_eq!(doc.prose.len(), src.len());
        let at = src.find("bold").unwrap();
        assert_eq!(&doc.prose[at..at + 4], "bold");
        assert!(!doc.prose.contains("code"));
        assert!(!doc.prose.contains('#'));
        assert!(!doc.prose.contains('\u{feff}'));
    }

    #[test]
    fn decode_refuses_utf16_binary_and_invalid_utf8() {
        assert_eq!(decode(vec![0xFF, 0xFE, b'a', 0]), Err(DecodeError::Utf16));
        assert_eq!(decode(b"ab\0cd".to_vec()), Err(DecodeError::Binary));
        assert_eq!(
            decode(vec![b'a', 0xC3]),
            Err(DecodeError::InvalidUtf8 { offset: 1 })
        );
        assert_eq!(
            decode("\u{feff}ok".as_bytes().to_vec()).unwrap(),
            "\u{feff}ok"
        );
    }
}
