//! Paragraphs: the units the engine checks and re-checks after an edit.
//!
//! A paragraph ends after a run of blank lines of the prose (lines of spaces and tabs only, which
//! is also what a line of markup alone becomes). The paragraphs tile the text: every byte is in
//! exactly one, the blank lines in the paragraph they follow.

use super::Change;
use memchr::memchr2_iter;
use std::ops::Range;

/// The paragraphs of `prose`, in order, covering it from the first byte to the last.
pub fn paragraphs(prose: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let end = Cutter::new(prose, 0).run(&mut out, |_| None);
    debug_assert_eq!(end, None);
    out
}

/// The paragraphs of `prose`, which `change` made of a text whose paragraphs were `before`:
/// what [`paragraphs`] gives, cutting again only from the paragraph before the change to the
/// first paragraph after it that starts where one started before. The paragraphs before are
/// kept and those after shifted.
pub fn paragraphs_again(before: &[Range<usize>], prose: &str, change: Change) -> Vec<Range<usize>> {
    let changed = before.partition_point(|p| p.end <= change.start);
    // A paragraph's first line is never blank (but the first paragraph's): cutting from the
    // start of one whose first line the change left alone is cutting as from the text's start.
    let from = changed.saturating_sub(1);
    let Some(restart) = before.get(from) else {
        return paragraphs(prose);
    };
    let mut out = before[..from].to_vec();
    let resumes_at = |start: usize| -> Option<usize> {
        let old = start.checked_sub(change.new_end)? + change.old_end;
        before[changed..]
            .binary_search_by_key(&old, |p| p.start)
            .ok()
            .map(|i| changed + i)
    };
    if let Some(k) = Cutter::new(prose, restart.start).run(&mut out, resumes_at) {
        out.extend(
            before[k..]
                .iter()
                .map(|p| change.shift(p.start)..change.shift(p.end)),
        );
    }
    out
}

/// Cuts a prose into paragraphs, line by line from the start of one.
struct Cutter<'a> {
    bytes: &'a [u8],
    /// Where the current paragraph starts.
    start: usize,
    /// Whether the current paragraph has had a line with text, and then a blank line after it.
    has_text: bool,
    in_gap: bool,
}

impl<'a> Cutter<'a> {
    fn new(prose: &'a str, start: usize) -> Cutter<'a> {
        Cutter {
            bytes: prose.as_bytes(),
            start,
            has_text: false,
            in_gap: false,
        }
    }

    /// Cuts to the end, pushing each paragraph to `out`, unless `stop` finds, for a paragraph
    /// about to start, where the rest is known: then returns what `stop` found, the paragraph
    /// before it pushed.
    fn run(
        mut self,
        out: &mut Vec<Range<usize>>,
        stop: impl Fn(usize) -> Option<usize>,
    ) -> Option<usize> {
        let bytes = self.bytes;
        let from = self.start;
        let mut line_start = from;
        for at in memchr2_iter(b'\n', b'\r', &bytes[from..]).map(|i| i + from) {
            // "\r\n" is one line break: the '\r' ends the line, the '\n' after it is skipped.
            if bytes[at] == b'\n' && at > 0 && bytes[at - 1] == b'\r' {
                line_start = at + 1;
                continue;
            }
            if self.line(line_start, at, out)
                && let Some(known) = stop(line_start)
            {
                return Some(known);
            }
            line_start = at + 1;
        }
        if line_start < bytes.len()
            && self.line(line_start, bytes.len(), out)
            && let Some(known) = stop(line_start)
        {
            return Some(known);
        }
        if self.start < bytes.len() || out.is_empty() {
            out.push(self.start..bytes.len());
        }
        None
    }

    /// Reads the line `line_start..line_end`; whether it starts a paragraph (the one before
    /// it pushed to `out`).
    fn line(&mut self, line_start: usize, line_end: usize, out: &mut Vec<Range<usize>>) -> bool {
        let blank = self.bytes[line_start..line_end]
            .iter()
            .all(|&b| b == b' ' || b == b'\t');
        if blank {
            self.in_gap = self.has_text;
            return false;
        }
        self.has_text = true;
        if !self.in_gap {
            return false;
        }
        out.push(self.start..line_start);
        self.start = line_start;
        self.in_gap = false;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(prose: &str) -> Vec<&str> {
        paragraphs(prose).into_iter().map(|r| &prose[r]).collect()
    }

    #[test]
    fn blank_lines_end_paragraphs_and_stay_with_the_one_before() {
        assert_eq!(
            texts("One.\nStill one.\n\n  \nTwo.\n\nThree."),
            ["One.\nStill one.\n\n  \n", "Two.\n\n", "Three."]
        );
    }

    #[test]
    fn leading_blank_lines_belong_to_the_first_paragraph() {
        assert_eq!(texts("\n\nOne.\n\nTwo.\n"), ["\n\nOne.\n\n", "Two.\n"]);
    }

    #[test]
    fn every_line_ending_counts() {
        assert_eq!(
            texts("One.\r\n\r\nTwo.\r\rThree."),
            ["One.\r\n\r\n", "Two.\r\r", "Three."]
        );
    }

    #[test]
    fn the_paragraphs_tile_the_text() {
        for prose in ["", "\n", "a", "a\n\n\n", "\n\n a \n\n b", "x\r\n \r\n\ty"] {
            let ranges = paragraphs(prose);
            assert_eq!(ranges.first().map(|r| r.start), Some(0), "{prose:?}");
            assert_eq!(ranges.last().map(|r| r.end), Some(prose.len()), "{prose:?}");
            for pair in ranges.windows(2) {
                assert_eq!(pair[0].end, pair[1].start, "{prose:?}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, ..Default::default() })]

        /// Cutting again around a change gives what cutting the whole new text gives.
        #[test]
        fn cutting_again_is_cutting_anew(
            old in "[a \t\n\r]{0,40}",
            at in 0usize..41,
            removed in 0usize..6,
            inserted in "[a \n\r]{0,5}",
        ) {
            let start = at.min(old.len());
            let end = (start + removed).min(old.len());
            let mut new = old.clone();
            new.replace_range(start..end, &inserted);
            let change = Change::between(&old, &new);
            let again = paragraphs_again(&paragraphs(&old), &new, change);
            proptest::prop_assert_eq!(again, paragraphs(&new));
        }
    }
}
