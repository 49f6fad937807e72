//! Plain text: URLs and e-mail addresses are set aside, and a line that is only a
//! `diplint-disable-next-line RULE` directive. HTML in plain text is not markup: it is what
//! `markup/residue` looks for.

use super::mask::{self, Masked};
use std::ops::Range;

pub(super) fn set_aside(source: &str, masked: &mut Masked) {
    read_lines(source, 0..source.len(), masked);
}

/// Reads the lines of `range`, which starts and ends at line starts (or the text's ends).
/// Each line is read alone: URLs and e-mail addresses end at a line break, so they are looked
/// for in the whole range at once.
pub(super) fn read_lines(source: &str, range: Range<usize>, masked: &mut Masked) {
    let text = &source[range.clone()];
    let mut line_done = 0;
    for at in DIRECTIVE.find_iter(text.as_bytes()) {
        if at < line_done {
            continue;
        }
        let start = memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |p| p + 1);
        let end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |p| at + p);
        line_done = end;
        // A directive is a line of its own: only spaces before it.
        if !text[start..at].trim_start().is_empty() {
            continue;
        }
        let content = text[start..end].trim_end_matches(['\n', '\r']);
        let span = range.start + start..range.start + start + content.len();
        if let Some(d) = mask::parse_directive(&text[at..start + content.len()], span.clone()) {
            masked.directives.push(d);
            masked.blank(span);
        }
    }
    mask::blank_urls_and_emails(source, range, masked);
}

static DIRECTIVE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("diplint-"));

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
