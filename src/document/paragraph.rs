//! Paragraphs: the units the engine checks and re-checks after an edit.
//!
//! A paragraph ends after a run of blank lines of the prose (lines of spaces and tabs only, which
//! is also what a line of markup alone becomes). The paragraphs tile the text: every byte is in
//! exactly one, the blank lines in the paragraph they follow.

use memchr::memchr2_iter;
use std::ops::Range;

/// The paragraphs of `prose`, in order, covering it from the first byte to the last.
pub fn paragraphs(prose: &str) -> Vec<Range<usize>> {
    let bytes = prose.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    // Whether the current paragraph has had a line with text, and then a blank line after it.
    let mut has_text = false;
    let mut in_gap = false;
    let mut line = |line_start: usize, line_end: usize, out: &mut Vec<Range<usize>>| {
        let blank = bytes[line_start..line_end]
            .iter()
            .all(|&b| b == b' ' || b == b'\t');
        if blank {
            in_gap = has_text;
        } else {
            if in_gap {
                out.push(start..line_start);
                start = line_start;
                in_gap = false;
            }
            has_text = true;
        }
    };
    for at in memchr2_iter(b'\n', b'\r', bytes) {
        // "\r\n" is one line break: the '\r' ends the line, the '\n' after it is skipped.
        if bytes[at] == b'\n' && at > 0 && bytes[at - 1] == b'\r' {
            line_start = at + 1;
            continue;
        }
        line(line_start, at, &mut out);
        line_start = at + 1;
    }
    if line_start < bytes.len() {
        line(line_start, bytes.len(), &mut out);
    }
    if start < bytes.len() || out.is_empty() {
        out.push(start..bytes.len());
    }
    out
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
}
