//! Plain text: URLs and e-mail addresses are set aside, and a line that is only a
//! `diplint-disable-next-line RULE` directive. HTML in plain text is not markup: it is what
//! `markup/residue` looks for.

use super::mask::{self, Masked};
use std::ops::Range;

pub(super) fn set_aside(source: &str, masked: &mut Masked) {
    read_lines(source, 0..source.len(), masked);
}

/// Reads the lines of `range`, which starts and ends at line starts (or the text's ends): each
/// line is read alone.
pub(super) fn read_lines(source: &str, range: Range<usize>, masked: &mut Masked) {
    let mut start = range.start;
    for line in source[range].split_inclusive('\n') {
        let range = start..start + line.len();
        start = range.end;
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if trimmed.starts_with("diplint-") {
            let span = range.start..range.start + content.len();
            if let Some(d) = mask::parse_directive(trimmed, span.clone()) {
                masked.directives.push(d);
                masked.blank(span);
                continue;
            }
        }
        mask::blank_urls_and_emails(source, range, masked);
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{DirectiveAction, DocKind, Document};

    #[test]
    fn directive_lines_and_urls_are_set_aside_but_html_is_not() {
        let src = "diplint-disable-next-line date/format\nSee www.mofa.go.jp today.<br>\n";
        let doc = Document::new(src.to_string(), DocKind::Plain);
        assert_eq!(doc.directives.len(), 1);
        assert_eq!(doc.directives[0].action, DirectiveAction::DisableNextLine);
        assert!(!doc.prose.contains("diplint"));
        assert!(!doc.prose.contains("mofa"));
        assert!(doc.prose.contains("today.<br>"));
    }
}
