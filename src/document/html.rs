//! HTML: tags, comments, scripts and styles are set aside; entities are decoded for checking
//! while findings stay at their original bytes. Block-level tags end a sentence.

use super::mask::{self, Masked};

pub(super) fn set_aside(source: &str, masked: &mut Masked) {
    let bytes = source.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    let mut no_comment_end_from = usize::MAX;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let Some(end) = markup_end(source, i, source.len(), &mut no_comment_end_from) else {
            i += 1;
            continue;
        };
        finish_text(source, text_start..i, masked);
        let tag = &source[i..end];
        if let Some(body) = tag.strip_prefix("<!--").and_then(|t| t.strip_suffix("-->"))
            && let Some(d) = mask::parse_directive(body, i..end)
        {
            masked.directives.push(d);
        }
        masked.blank(i..end);
        let name = tag_name(tag);
        let mut next = end;
        let opening = !tag.starts_with("</");
        if opening && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")) {
            let close = format!("</{}", name.to_ascii_lowercase());
            let lower_rest = source[end..].to_ascii_lowercase();
            let close_at = lower_rest.find(&close).map_or(source.len(), |p| end + p);
            masked.blank(end..close_at);
            next = close_at;
        } else if is_block(name) {
            masked.break_at(i);
        }
        i = next;
        text_start = next;
    }
    finish_text(source, text_start..bytes.len(), masked);
}

fn finish_text(source: &str, range: std::ops::Range<usize>, masked: &mut Masked) {
    if !range.is_empty() {
        mask::decode_entities(source, range, masked);
    }
}

/// The longest tag diplint reads as one; a longer "tag" is text with a stray `<`. Keeps
/// pathological input (thousands of unclosed `<a x="`) linear.
const MAX_TAG_LEN: usize = 4096;

/// The end of a comment, declaration or tag starting at `start`, if it is well formed and ends
/// before `limit`. `no_comment_end_from` remembers where a search for `-->` already failed, so
/// that many unclosed comments cost one scan, not one each.
pub(super) fn markup_end(
    source: &str,
    start: usize,
    limit: usize,
    no_comment_end_from: &mut usize,
) -> Option<usize> {
    let rest = &source[start..limit];
    if let Some(body) = rest.strip_prefix("<!--") {
        if start >= *no_comment_end_from {
            return None;
        }
        return match body.find("-->") {
            Some(p) => Some(start + 4 + p + 3),
            None => {
                *no_comment_end_from = start;
                None
            }
        };
    }
    let bytes = rest.as_bytes();
    let first = *bytes.get(1)?;
    let opens = first.is_ascii_alphabetic()
        || (first == b'/' && bytes.get(2).is_some_and(u8::is_ascii_alphabetic))
        || (first == b'!' && bytes.get(2).is_some_and(u8::is_ascii_alphabetic))
        || first == b'?';
    if !opens {
        return None;
    }
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(1).take(MAX_TAG_LEN) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if i > 1 && bytes[i - 1] == b'=' => quote = Some(b),
            (None, b'>') => return Some(start + i + 1),
            (None, b'<') => return None,
            _ => {}
        }
    }
    None
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
