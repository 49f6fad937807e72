//! Reading a document again after an edit: only the stretch around the edit is read, from the
//! last checkpoint before it to the first after it where the reader is as it was (see
//! `resume`); the prose, directives, line index and checkpoints elsewhere are kept, shifted.
//! The result is exactly what `Document::new` gives on the new text.

use super::mask::{self, Masked};
use super::resume::{Change, Checkpoint, Resume, Track};
use super::{Directive, position::floor_char_boundary};
use super::{DocKind, Document, html, markdown, plain};
use std::ops::Range;

/// The stretch read again: `start..new_end` of the new text replaces `start..old_end` of the
/// old one, and both texts are the same from there to their ends.
struct Reread {
    start: usize,
    old_end: usize,
    new_end: usize,
    prose: Vec<u8>,
    directives: Vec<Directive>,
    /// The checkpoints to keep: the old ones up to `kept_before` (exclusive), then `found`, then
    /// the old ones from `kept_from` on, shifted.
    kept_before: usize,
    found: Vec<Checkpoint>,
    kept_from: usize,
}

impl Document {
    /// The document with `edit` (a byte range of the source, clamped to it and to character
    /// boundaries) replaced by `replacement`: what `Document::new` gives on the new text, read
    /// again only around the edit.
    pub fn edited(&self, edit: Range<usize>, replacement: &str) -> Document {
        let start = floor_char_boundary(&self.source, edit.start);
        let end = floor_char_boundary(&self.source, edit.end).max(start);
        let mut source =
            String::with_capacity(self.source.len() - (end - start) + replacement.len());
        source.push_str(&self.source[..start]);
        source.push_str(replacement);
        source.push_str(&self.source[end..]);
        let change = Change {
            start,
            old_end: end,
            new_end: start + replacement.len(),
        };
        self.reread(source, change)
    }

    /// The document for `source`, a later version of this one's text (of the same kind): what
    /// `Document::new` gives, read again only where the texts differ. Finding where they differ
    /// costs a comparison of the two texts, far less than reading them.
    pub fn updated(&self, source: String) -> Document {
        let change = Change::between(&self.source, &source);
        self.reread(source, change)
    }

    fn reread(&self, source: String, change: Change) -> Document {
        let part = match self.kind {
            DocKind::Markdown | DocKind::Html => self.reread_from_checkpoint(&source, change),
            DocKind::Plain => Some(self.reread_lines(&source, change)),
        };
        let read_again = part.as_ref().map(|part| Change {
            start: part.start.min(change.start),
            old_end: part.old_end.max(change.old_end),
            new_end: part.new_end.max(change.new_end),
        });
        match part.and_then(|part| self.assemble(source.as_str(), part)) {
            Some((prose, directives, resume)) => {
                let lines =
                    self.lines
                        .edited(&source, change.start, change.old_end, change.new_end);
                Document {
                    source,
                    kind: self.kind,
                    prose,
                    lines,
                    directives,
                    front_matter_date: self.front_matter_date.clone(),
                    resume,
                    // Source and prose are the old ones outside the stretch read again.
                    origin: match read_again {
                        Some(change) => super::Origin::edited(&self.origin, change),
                        None => super::Origin::new(),
                    },
                }
            }
            None => Document::new(source, self.kind),
        }
    }

    /// Markdown and HTML: from the last checkpoint before the change to the first after it
    /// where the reader's state is the old one. `None` when the change may alter the front
    /// matter.
    fn reread_from_checkpoint(&self, source: &str, change: Change) -> Option<Reread> {
        if change.start < self.resume.settled_from {
            return None;
        }
        let checkpoints = &self.resume.checkpoints;
        // A checkpoint right at the change is not behind it: an inserted '\n' after a '\r'
        // would move the line start. The first checkpoint (the body's start) follows what
        // cannot change.
        let before = checkpoints.partition_point(|c| c.at < change.start);
        let restart = match before.checked_sub(1) {
            Some(i) => i,
            None if checkpoints.first()?.at <= change.start => 0,
            None => return None,
        };
        let from = checkpoints[restart];
        let after = checkpoints.partition_point(|c| c.at <= change.old_end);
        let mut track = Track::after(change, from.at, &checkpoints[after..]);
        let mut masked = Masked::window(source, from.at);
        if from.at == 0 {
            super::blank_byte_order_mark(source, &mut masked);
        }
        let end = match self.kind {
            DocKind::Markdown => markdown::read_body(source, &mut masked, from, &mut track),
            _ => html::read_from(source, &mut masked, from.at, &mut track),
        };
        let kept_from = track.stopped_at().map_or(checkpoints.len(), |i| after + i);
        let (prose, directives) = masked.window_to(end);
        Some(Reread {
            start: from.at,
            old_end: end - change.new_end + change.old_end,
            new_end: end,
            prose,
            directives,
            kept_before: restart + 1,
            found: track.found,
            kept_from,
        })
    }

    /// Plain text: the lines the change touches, each line being read alone.
    fn reread_lines(&self, source: &str, change: Change) -> Reread {
        let start =
            memchr::memrchr(b'\n', &self.source.as_bytes()[..change.start]).map_or(0, |p| p + 1);
        let end = memchr::memchr(b'\n', &source.as_bytes()[change.new_end..])
            .map_or(source.len(), |p| change.new_end + p + 1);
        let mut masked = Masked::window(source, start);
        if start == 0 {
            super::blank_byte_order_mark(source, &mut masked);
        }
        plain::read_lines(source, start..end, &mut masked);
        let (prose, directives) = masked.window_to(end);
        Reread {
            start,
            old_end: end - change.new_end + change.old_end,
            new_end: end,
            prose,
            directives,
            kept_before: 0,
            found: Vec::new(),
            kept_from: 0,
        }
    }

    /// The new prose, directives and checkpoints: the old ones before and after the stretch
    /// read again (those after shifted), and the new ones within it.
    fn assemble(&self, source: &str, part: Reread) -> Option<(String, Vec<Directive>, Resume)> {
        let shift = |at: usize| at - part.old_end + part.new_end;
        let mut prose = String::with_capacity(source.len());
        prose.push_str(self.prose.get(..part.start)?);
        prose.push_str(&mask::prose_from(part.prose));
        prose.push_str(self.prose.get(part.old_end..)?);
        let before = self
            .directives
            .iter()
            .filter(|d| d.span.start < part.start)
            .cloned();
        let after = self
            .directives
            .iter()
            .filter(|d| d.span.start >= part.old_end)
            .map(|d| Directive {
                span: shift(d.span.start)..shift(d.span.end),
                ..d.clone()
            });
        let directives = before.chain(part.directives).chain(after).collect();
        let old = &self.resume.checkpoints;
        let mut checkpoints = Vec::with_capacity(old.len() + part.found.len());
        checkpoints.extend_from_slice(&old[..part.kept_before.min(old.len())]);
        checkpoints.extend(part.found);
        checkpoints.extend(
            old.get(part.kept_from..)
                .unwrap_or(&[])
                .iter()
                .map(|c| Checkpoint {
                    at: shift(c.at),
                    in_list: c.in_list,
                }),
        );
        let resume = Resume {
            checkpoints,
            settled_from: self.resume.settled_from,
        };
        Some((prose, directives, resume))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::paragraphs;
    use proptest::prelude::*;

    /// Everything a reader of the document sees.
    fn assert_same(got: &Document, want: &Document) {
        assert_eq!(got.source, want.source);
        assert_eq!(got.kind, want.kind);
        assert_eq!(got.prose, want.prose, "prose of {:?}", want.source);
        assert_eq!(got.lines, want.lines, "lines of {:?}", want.source);
        assert_eq!(got.directives, want.directives, "{:?}", want.source);
        assert_eq!(got.front_matter_date, want.front_matter_date);
    }

    /// Pieces that change how the readers are placed: fences, comments, scripts, front matter,
    /// lists and indented code, tables, entities, every line break, multi-byte characters.
    const PIECES: &[&str] = &[
        "Text ",
        "words and more words. ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\r\n\r\n",
        " ",
        "    ",
        "\t",
        "```\n",
        "~~~~\n",
        "```",
        "<!--",
        "-->",
        "<!-- diplint-disable -->",
        "<!-- diplint-disable-line date/format -->",
        "diplint-disable-next-line person/misspelled\n",
        "<script>",
        "</SCRIPT>",
        "<style>",
        "</style>",
        "<p>",
        "</p>",
        "<div class=\"a>b\">",
        "<a href='x'>",
        "<",
        ">",
        "---\n",
        "+++\n",
        "...\n",
        "date: 2021-09-24\n",
        "date = \"2021\"\n",
        "- ",
        "* ",
        "1. ",
        "> ",
        "# ",
        "| a | b |\n",
        "|---|---|\n",
        "|",
        "[",
        "]",
        "](",
        "[x](https://example.org/a_b)",
        "[1]: https://example.org\n",
        "`",
        "``",
        "*",
        "_",
        "\\",
        "&amp;",
        "&eacute;",
        "&#8217;",
        "&",
        ";",
        "https://www.mofa.go.jp/a.html ",
        "desk@mfa.example.jp",
        "\u{feff}",
        "é",
        "😀",
        "中国",
        "\u{3000}",
        "\u{a0}",
    ];

    fn text(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|p| p.concat())
    }

    /// Lines of block structure, for texts where what crosses blank lines matters.
    const LINES: &[&str] = &[
        "",
        "",
        "",
        "Text *a* _b_",
        "- item",
        "1. item",
        "    indented",
        "\tindented",
        "  - nested",
        "```",
        "~~~",
        "| a | b |",
        "|---|:-:|",
        "# Heading",
        "> quote",
        "---",
        "<!-- a",
        "b -->",
        "<p>x</p>",
        "&amp; é",
        "[a](b",
        ")",
    ];

    fn lines(max: usize) -> impl Strategy<Value = String> {
        let line = (
            prop::sample::select(LINES),
            prop::sample::select(&["\n", "\n", "\n", "\r\n", "\r"][..]),
        );
        prop::collection::vec(line, 0..max)
            .prop_map(|l| l.into_iter().flat_map(|(a, b)| [a, b]).collect())
    }

    fn kind() -> impl Strategy<Value = DocKind> {
        prop_oneof![
            Just(DocKind::Markdown),
            Just(DocKind::Html),
            Just(DocKind::Plain)
        ]
    }

    /// How texts start: front matter (closed or not) and byte order marks decide what the
    /// first checkpoint is.
    const OPENINGS: &[&str] = &[
        "",
        "",
        "---\n",
        "+++\n",
        "---\ndate: 2021-09-24\n",
        "---\ndate: 2021-09-24\n---\n",
        "\u{feff}---\n",
        "\u{feff}",
        "<",
    ];

    fn document() -> impl Strategy<Value = String> {
        (
            prop::sample::select(OPENINGS),
            prop_oneof![text(160), lines(80)],
        )
            .prop_map(|(opening, body)| format!("{opening}{body}"))
    }

    /// Where an edit goes: two picks among the text's character boundaries, or the very end
    /// (where what was read up to the end may change).
    #[derive(Debug, Clone)]
    enum Place {
        Between(prop::sample::Index, prop::sample::Index),
        AtEnd,
    }

    fn edit() -> impl Strategy<Value = (Place, String)> {
        let place = prop_oneof![
            4 => (any::<prop::sample::Index>(), any::<prop::sample::Index>())
                .prop_map(|(a, b)| Place::Between(a, b)),
            1 => Just(Place::AtEnd),
        ];
        (place, prop_oneof![text(4), lines(3)])
    }

    fn range_of(place: &Place, text: &str) -> Range<usize> {
        match place {
            Place::Between(from, to) => {
                let at = boundaries(text);
                let (a, b) = (at[from.index(at.len())], at[to.index(at.len())]);
                a.min(b)..a.max(b)
            }
            Place::AtEnd => text.len()..text.len(),
        }
    }

    fn boundaries(text: &str) -> Vec<usize> {
        (0..=text.len())
            .filter(|&o| text.is_char_boundary(o))
            .collect()
    }

    /// `new.change_from(old)` covers every byte where their sources or prose differ, and the
    /// paragraphs cut again around it are the new text's.
    fn assert_change_holds(old: &Document, new: &Document) {
        let c = new.change_from(old);
        assert!(c.start <= c.old_end && c.start <= c.new_end, "{c:?}");
        assert_eq!(
            new.source.len() - c.new_end,
            old.source.len() - c.old_end,
            "{c:?}"
        );
        for (a, b) in [(&old.source, &new.source), (&old.prose, &new.prose)] {
            let (a, b) = (a.as_bytes(), b.as_bytes());
            assert_eq!(a[..c.start], b[..c.start], "before {c:?}");
            assert_eq!(a[c.old_end..], b[c.new_end..], "after {c:?}");
        }
        let again = crate::document::paragraphs_again(&paragraphs(&old.prose), &new.prose, c);
        assert_eq!(
            again,
            paragraphs(&new.prose),
            "{:?} -> {:?}",
            old.prose,
            new.prose
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        #[test]
        fn an_edited_document_is_the_document_of_the_new_text(
            kind in kind(),
            start in document(),
            edits in prop::collection::vec(edit(), 1..8),
        ) {
            let mut doc = Document::new(start, kind);
            let first = doc.clone();
            for (place, insert) in &edits {
                let range = range_of(place, &doc.source);
                let edited = doc.edited(range.clone(), insert);
                let mut text = doc.source.clone();
                text.replace_range(range, insert);
                let fresh = Document::new(text.clone(), kind);
                assert_same(&edited, &fresh);
                let updated = doc.updated(text);
                assert_same(&updated, &fresh);
                for new in [&edited, &updated, &fresh] {
                    assert_change_holds(&doc, new);
                    assert_change_holds(&first, new);
                }
                doc = edited;
            }
        }
    }

    /// Edits that need care, each checked against a fresh read: `old` (the last one in the
    /// text) becomes `new`.
    #[test]
    fn edits_at_the_edges_of_what_was_read() {
        let cases: &[(DocKind, &str, &str, &str)] = &[
            // The closing delimiter at the very end stops closing when text follows it.
            (DocKind::Markdown, "---\ndate: 2021\n---", "", "x"),
            // Front matter left open closes later.
            (
                DocKind::Markdown,
                "---\ndate: 2021\n\nOne.\n\nTwo.\n",
                "Two.",
                "---\n",
            ),
            // A first line that becomes front matter.
            (
                DocKind::Markdown,
                "--\ndate: 1\n---\n\nOne.\n",
                "--\n",
                "---\n",
            ),
            // A tag or comment cut by the end of the text, then finished.
            (DocKind::Html, "<p>One one</p>\n\nTwo two\n\n<", "", "b>"),
            (
                DocKind::Html,
                "<p>One one</p>\n\nTwo two\n\n<!-",
                "",
                "-x-->",
            ),
            // A script left open until an edit closes it.
            (
                DocKind::Html,
                "<p>One one</p>\n<script>\nx\n\ny\n\nz\n",
                "z",
                "</script>z",
            ),
            // A '\r' line break that an inserted '\n' joins: the line start moves.
            (
                DocKind::Markdown,
                "One one.\r\r[1]: x\r\rTwo.",
                "[1]",
                "\n[1]",
            ),
            // A line start whose line break changes: a reference definition needs a '\n'.
            (
                DocKind::Markdown,
                "One one one.\n\nTwo two two.\n\n[1]: x\n",
                "\n[1]",
                "\r[1]",
            ),
            (
                DocKind::Markdown,
                "- a\n\n    b b b b\n\nc c c c\n\n    d\n",
                "- a",
                "a",
            ),
            (
                DocKind::Markdown,
                "a\n\n    b b b b\n\nc c c c\n\n    d\n",
                "a",
                "- a",
            ),
        ];
        for &(kind, text, old, new) in cases {
            let doc = Document::new(text.to_string(), kind);
            let at = text.rfind(old).unwrap();
            let edited = doc.edited(at..at + old.len(), new);
            let fresh = Document::new(edited.source.clone(), kind);
            assert_same(&edited, &fresh);
            // The smallest change between the texts, which may end right at a checkpoint.
            assert_same(&doc.updated(edited.source.clone()), &fresh);
        }
    }

    #[test]
    fn an_edit_after_the_front_matter_keeps_its_date() {
        let doc = Document::new(
            "---\ndate: 2021-09-24\n---\n\nOne.\n\nTwo.\n".to_string(),
            DocKind::Markdown,
        );
        let at = doc.source.find("Two").unwrap();
        let edited = doc.edited(at..at + 3, "Three");
        assert_eq!(edited.front_matter_date, doc.front_matter_date);
        assert_eq!(edited.prose.trim(), "One.\n\nThree.");
    }

    #[test]
    fn an_edit_that_opens_a_fence_reads_on_to_its_end() {
        let src = "One.\n\nTwo.\n\nThree.\n\n```\n\nFour.\n";
        let doc = Document::new(src.to_string(), DocKind::Markdown);
        let at = src.find("Two").unwrap();
        let edited = doc.edited(at..at, "```\n");
        assert!(!edited.prose.contains("Three"));
        assert!(edited.prose.contains("Four"));
        assert_same(
            &edited,
            &Document::new(edited.source.clone(), DocKind::Markdown),
        );
    }

    #[test]
    fn an_edit_that_closes_a_comment_reads_the_html_again_from_before_it() {
        let src = "<p>One <!-- two</p>\n\n<p>Three</p>\n\n<p>Four</p>\n";
        let doc = Document::new(src.to_string(), DocKind::Html);
        // Unclosed, the comment is text.
        assert!(doc.prose.contains("two"));
        let at = src.find("Four").unwrap();
        let edited = doc.edited(at..at, "-->");
        assert!(edited.prose.contains("Four"));
        assert!(!edited.prose.contains("two") && !edited.prose.contains("Three"));
        assert_same(
            &edited,
            &Document::new(edited.source.clone(), DocKind::Html),
        );
    }
}
