//! HTML: tags, comments, scripts and styles are set aside; entities are decoded for checking
//! while findings stay at their original bytes. Block-level tags end a sentence.

use super::mask::{self, Masked};
use super::resume::{Checkpoint, Track};

/// Reads a whole HTML document.
pub(super) fn set_aside(source: &str, masked: &mut Masked, track: &mut Track) {
    track.record(Checkpoint::at(0));
    read_from(source, masked, 0, track);
}

/// Reads from `from`, a place in text, to the end, or to a checkpoint where `track` says the
/// rest reads as before; returns where it stopped.
pub(super) fn read_from(
    source: &str,
    masked: &mut Masked,
    from: usize,
    track: &mut Track,
) -> usize {
    let bytes = source.as_bytes();
    let mut i = from;
    let mut text_start = from;
    let mut no_comment_end_from = usize::MAX;
    // How far the markup read so far has looked (past the end when it ran into the end, which
    // text added there could change): a checkpoint lies at or after this.
    let mut read_to = from;
    loop {
        let open = memchr::memchr(b'<', &bytes[i..]).map_or(bytes.len(), |p| i + p);
        if let Some(stop) = track.in_text(source, i..open, read_to) {
            finish_text(source, text_start..stop, masked);
            return stop;
        }
        if open == bytes.len() {
            break;
        }
        let scanned = scan_markup(source, open, source.len(), &mut no_comment_end_from);
        read_to = read_to.max(scanned.read_to);
        let Some(end) = scanned.end else {
            i = open + 1;
            continue;
        };
        finish_text(source, text_start..open, masked);
        let tag = &source[open..end];
        if let Some(body) = tag.strip_prefix("<!--").and_then(|t| t.strip_suffix("-->"))
            && let Some(d) = mask::parse_directive(body, open..end)
        {
            masked.directives.push(d);
        }
        masked.blank(open..end);
        let name = tag_name(tag);
        let mut next = end;
        let opening = !tag.starts_with("</");
        if opening && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")) {
            let close_at = closing_tag(source, end, name);
            read_to = read_to.max(close_at.map_or(bytes.len() + 1, |at| at + 2 + name.len()));
            let close_at = close_at.unwrap_or(bytes.len());
            masked.blank(end..close_at);
            next = close_at;
        } else if is_block(name) {
            masked.break_at(open);
        }
        i = next;
        text_start = next;
    }
    finish_text(source, text_start..bytes.len(), masked);
    bytes.len()
}

/// Where `</name` (in any case) first starts at or after `from`: the end of a script or style.
fn closing_tag(source: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut at = from;
    while let Some(p) = memchr::memchr(b'<', &bytes[at..]) {
        let open = at + p;
        let rest = &bytes[open + 1..];
        if rest.first() == Some(&b'/')
            && rest
                .get(1..1 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return Some(open);
        }
        at = open + 1;
    }
    None
}

fn finish_text(source: &str, range: std::ops::Range<usize>, masked: &mut Masked) {
    if !range.is_empty() {
        mask::decode_entities(source, range, masked);
    }
}

/// The longest tag diplint reads as one; a longer "tag" is text with a stray `<`. Keeps
/// pathological input (thousands of unclosed `<a x="`) linear.
const MAX_TAG_LEN: usize = 4096;

/// What looking for markup at a `<` found, and how far it looked.
struct Scanned {
    end: Option<usize>,
    /// The end of the bytes looked at; past the end of the text when the end decided.
    read_to: usize,
}

/// The end of a comment, declaration or tag starting at `start`, if it is well formed and ends
/// before `limit`. `no_comment_end_from` remembers where a search for `-->` already failed, so
/// that many unclosed comments cost one scan, not one each.
pub(super) fn markup_end(
    source: &str,
    start: usize,
    limit: usize,
    no_comment_end_from: &mut usize,
) -> Option<usize> {
    scan_markup(source, start, limit, no_comment_end_from).end
}

fn scan_markup(
    source: &str,
    start: usize,
    limit: usize,
    no_comment_end_from: &mut usize,
) -> Scanned {
    // A search that ran to the end of the text: text added there could change its answer.
    // (A look at a few bytes past the end is past it too.)
    let past_end = source.len() + 1;
    let none = |read_to: usize| Scanned { end: None, read_to };
    let rest = &source[start..limit];
    if let Some(body) = rest.strip_prefix("<!--") {
        if start >= *no_comment_end_from {
            return none(past_end);
        }
        return match body.find("-->") {
            Some(p) => {
                let end = start + 4 + p + 3;
                Scanned {
                    end: Some(end),
                    read_to: end,
                }
            }
            None => {
                *no_comment_end_from = start;
                none(past_end)
            }
        };
    }
    let bytes = rest.as_bytes();
    // The test for `<!--` and the one below look at up to four bytes.
    let looked = start + 4;
    let Some(&first) = bytes.get(1) else {
        return none(looked);
    };
    let opens = first.is_ascii_alphabetic()
        || (first == b'/' && bytes.get(2).is_some_and(u8::is_ascii_alphabetic))
        || (first == b'!' && bytes.get(2).is_some_and(u8::is_ascii_alphabetic))
        || first == b'?';
    if !opens {
        return none(looked);
    }
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(1).take(MAX_TAG_LEN) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if i > 1 && bytes[i - 1] == b'=' => quote = Some(b),
            (None, b'>') => {
                return Scanned {
                    end: Some(start + i + 1),
                    read_to: start + i + 1,
                };
            }
            (None, b'<') => return none(looked.max(start + i + 1)),
            _ => {}
        }
    }
    none(start + 1 + MAX_TAG_LEN)
}

fn tag_name(tag: &str) -> &str {
    let t = tag.trim_start_matches(['<', '/']);
    let end = t
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(t.len());
    &t[..end]
}

fn is_block(name: &str) -> bool {
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "title",
        "hr",
        "dd",
        "dt",
        "figcaption",
        "main",
        "nav",
        "aside",
        "body",
        "head",
        "html",
    ];
    BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use crate::document::{DocKind, Document};

    #[test]
    fn tags_scripts_and_comments_are_markup() {
        let src = "<html><head><script>var Suga = 1;</script><style>p{}</style></head>\n\
                   <body><p class=\"x\">Prime Minister <b>Suga</b> met&nbsp;Modi.</p>\
                   <!-- diplint-disable-line --></body></html>";
        let doc = Document::new(src.to_string(), DocKind::Html);
        assert_eq!(doc.prose.len(), src.len());
        assert!(!doc.prose.contains("var"));
        assert!(!doc.prose.contains("class"));
        let suga = src.find("Suga</b>").unwrap();
        assert_eq!(&doc.prose[suga..suga + 4], "Suga");
        assert!(doc.prose.contains("met      Modi."));
        assert_eq!(doc.directives.len(), 1);
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        let src = "growth < 3% and > 1%";
        let doc = Document::new(src.to_string(), DocKind::Html);
        assert_eq!(doc.prose, src);
    }
}
