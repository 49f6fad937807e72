//! HTML left in the prose: comments, tags and entities, broken or (in plain text) whole.

use super::{Found, Input, Residue, find_from, line_end, occurrences, quoted, removal};
use crate::document::position::floor_char_boundary;
use crate::rules::Fix;
use std::ops::Range;

/// A comment spanning more lines than this is not paired: its end is reported alone.
const MAX_COMMENT_LINES: usize = 20;
/// ... or more bytes than this.
const MAX_COMMENT_BYTES: usize = 20_000;

/// HTML elements whose tags turn up in copied text. A name outside this list after `<` is not
/// taken for a tag ("<NAME>", "<3").
const KNOWN_TAGS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "audio",
    "b",
    "blockquote",
    "body",
    "br",
    "button",
    "center",
    "cite",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "li",
    "link",
    "main",
    "mark",
    "meta",
    "nav",
    "noscript",
    "ol",
    "p",
    "picture",
    "pre",
    "script",
    "section",
    "small",
    "source",
    "span",
    "strong",
    "style",
    "sub",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "u",
    "ul",
    "video",
    "wbr",
];

/// Tags that format inside a line: removing them joins nothing ("Pa<b>ris</b>" → "Paris").
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "cite", "code", "del", "em", "font", "i", "ins", "mark", "small", "span",
    "strong", "sub", "sup", "u",
];

fn is_known_tag(name: &str) -> bool {
    KNOWN_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
}

/// The leading ASCII letters and digits of `s`.
fn ascii_name(s: &str) -> &str {
    let end = s
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(s.len());
    &s[..end]
}

/// Comments: whole ones in plain text, and anywhere the broken ones: an opening that lost its
/// `<` ("!-- Google tag (gtag.js) -->"), an opening never closed, a closing never opened.
pub(super) fn comments(input: &Input, found: &mut Found) {
    let text = input.prose;
    let next = |pattern: &str, from: usize| find_from(text, from, pattern);
    let mut from = 0;
    let mut open = next("!--", 0);
    let mut close = next("-->", 0);
    while from < text.len() {
        // Each marker is searched again only once the scan has passed it.
        if open.is_some_and(|o| o < from) {
            open = next("!--", from);
        }
        if close.is_some_and(|c| c < from) {
            close = next("-->", from);
        }
        from = match (open, close) {
            (Some(o), c) if c.is_none_or(|c| o < c) => comment_from(input, o, found),
            (_, Some(c)) => {
                lone_comment_end(text, c, found);
                c + 3
            }
            _ => break,
        };
    }
}

/// Reports the comment whose `!--` is at `bang`; returns where to go on scanning.
fn comment_from(input: &Input, bang: usize, found: &mut Found) -> usize {
    let text = input.prose;
    let whole = bang > 0 && text.as_bytes()[bang - 1] == b'<';
    let start = if whole { bang - 1 } else { bang };
    let before = text[..start].chars().next_back();
    if !whole && before.is_some_and(char::is_alphanumeric) {
        return bang + 3;
    }
    let body_start = bang + 3;
    // The closing "-->" is looked for within the next few lines only.
    let limit = floor_char_boundary(text, body_start + MAX_COMMENT_BYTES);
    let window_end = text[body_start..limit]
        .match_indices('\n')
        .nth(MAX_COMMENT_LINES)
        .map_or(limit, |(p, _)| body_start + p);
    let close = find_from(&text[..window_end], body_start, "-->");
    match close {
        Some(c) => {
            let span = start..c + 3;
            let message = if !whole {
                format!(
                    "broken HTML comment '{}' (its '<' is missing)",
                    quoted(&text[span.clone()])
                )
            } else if input.plain {
                format!(
                    "HTML comment '{}' in plain text",
                    quoted(&text[span.clone()])
                )
            } else {
                format!(
                    "HTML comment '{}' shown as text",
                    quoted(&text[span.clone()])
                )
            };
            let fix = removal(text, &span);
            found.add(Residue::new(span.clone(), message, Some(fix)));
            span.end
        }
        None => {
            let end = start + text[start..line_end(text, start)].trim_end().len();
            let message = format!(
                "unterminated HTML comment '{}' (no '-->')",
                quoted(&text[start..end])
            );
            found.add(Residue::new(start..end, message, None));
            end.max(bang + 3)
        }
    }
}

/// A `-->` with no opening before it: residue when it ends its line (an arrow in a sentence,
/// "A --> B", is left alone).
fn lone_comment_end(text: &str, at: usize, found: &mut Found) {
    let ends_line = text[at + 3..line_end(text, at + 3)].trim().is_empty();
    if ends_line && !found.claimed(at) {
        let span = at..at + 3;
        let fix = removal(text, &span);
        found.add(Residue::new(
            span,
            "end of an HTML comment ('-->') without its start",
            Some(fix),
        ));
    }
}

/// Tags: in plain text every known tag; anywhere a tag that lost its `>` ("<div class=") or its
/// `<` ("/div>"), and a doctype.
pub(super) fn tags(input: &Input, found: &mut Found) {
    let text = input.prose;
    for lt in memchr::memchr_iter(b'<', text.as_bytes()) {
        if found.claimed(lt) {
            continue;
        }
        if let Some(residue) = tag_at(input, lt) {
            found.add(residue);
        }
    }
    for slash in memchr::memchr_iter(b'/', text.as_bytes()) {
        if found.claimed(slash) {
            continue;
        }
        if let Some(residue) = closing_fragment_at(text, slash) {
            found.add(residue);
        }
    }
}

fn tag_at(input: &Input, lt: usize) -> Option<Residue> {
    let text = input.prose;
    let rest = &text[lt + 1..];
    let end_of_line = line_end(text, lt);
    if rest
        .get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("!doctype"))
    {
        let gt = text[lt..end_of_line].find('>')?;
        let span = lt..lt + gt + 1;
        let fix = removal(text, &span);
        return Some(Residue::new(
            span,
            "HTML doctype left in the text",
            Some(fix),
        ));
    }
    let name_at = usize::from(rest.starts_with('/'));
    let name = ascii_name(&rest[name_at..]);
    if !is_known_tag(name) {
        return None;
    }
    let after_name = lt + 1 + name_at + name.len();
    let next = text[after_name..].chars().next();
    if !next.is_none_or(|c| c == '>' || c == '/' || c.is_whitespace()) {
        return None;
    }
    let segment = &text[after_name..end_of_line];
    let stop = segment.find('<').unwrap_or(segment.len());
    match segment[..stop].find('>') {
        Some(gt) => {
            let span = lt..after_name + gt + 1;
            let tag = &text[span.clone()];
            let message = if input.plain {
                format!("HTML tag '{}' in plain text", quoted(tag))
            } else {
                format!("HTML tag '{}' shown as text", quoted(tag))
            };
            let inline = INLINE_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name));
            let fix = if inline {
                Fix::remove()
            } else {
                removal(text, &span)
            };
            Some(Residue::new(span, message, Some(fix)))
        }
        None => {
            let end = after_name + segment[..stop].trim_end().len();
            let message = format!(
                "broken HTML tag '{}' (its '>' is missing)",
                quoted(&text[lt..end])
            );
            Some(Residue::new(lt..end, message, None))
        }
    }
}

/// "/div>": a closing tag that lost its `<`.
fn closing_fragment_at(text: &str, slash: usize) -> Option<Residue> {
    let before = text[..slash].chars().next_back();
    if before.is_some_and(|c| c == '<' || c.is_alphanumeric() || c == '/') {
        return None;
    }
    let name = ascii_name(&text[slash + 1..]);
    if !is_known_tag(name) || text.as_bytes().get(slash + 1 + name.len()) != Some(&b'>') {
        return None;
    }
    let span = slash..slash + name.len() + 2;
    let message = format!(
        "broken closing tag '{}' (its '<' is missing)",
        &text[span.clone()]
    );
    let fix = removal(text, &span);
    Some(Residue::new(span, message, Some(fix)))
}

/// Whether the prose still shows the character at `at` of an entity in the source: the
/// Markdown and HTML readers decode an entity to its character at its first byte and blank
/// the rest; plain text keeps it; code and other set-aside markup is blank.
fn shown(input: &Input, at: usize, decoded: u8) -> bool {
    input
        .prose
        .as_bytes()
        .get(at)
        .is_some_and(|&b| b == decoded || b == b'&')
}

/// "&amp;nbsp;": an entity escaped twice, which every reader shows as "&nbsp;".
pub(super) fn double_escaped_entities(input: &Input, found: &mut Found) {
    let source = input.source;
    for at in occurrences(source, "&amp;") {
        if found.claimed(at) || !shown(input, at, b'&') {
            continue;
        }
        let mut inner = at + 5;
        while source[inner..].starts_with("amp;") {
            inner += 4;
        }
        let escapes = (inner - at - 1) / 4;
        let (span, meaning) = match entity_body(&source[inner..]) {
            Some((len, body)) => (at..inner + len, entity_meaning(body)),
            // "&amp;amp;" alone: an escaped ampersand escaped again.
            None if escapes >= 2 => (at..inner, Some("&".to_string())),
            None => continue,
        };
        let written = &source[span.clone()];
        // Readers undo one escape: "&amp;nbsp;" shows as "&nbsp;".
        let shows = format!("&{}", &written[5..]);
        let message = format!(
            "double-escaped entity '{}' shows as '{}'",
            quoted(written),
            quoted(&shows)
        );
        let fix = meaning.map(|m| meaning_fix(input.prose, &span, &m));
        found.add(Residue::new(span, message, fix));
    }
}

/// "&lt;br&gt;": a tag escaped as text, which readers show as "<br>".
pub(super) fn escaped_tags(input: &Input, found: &mut Found) {
    let source = input.source;
    for at in occurrences(source, "&lt;") {
        if found.claimed(at) || !shown(input, at, b'<') {
            continue;
        }
        let rest = &source[at + 4..];
        let end_of_line = line_end(source, at);
        let end = if rest.starts_with("!--") {
            source[at..end_of_line].find("--&gt;").map(|p| at + p + 6)
        } else {
            let name_at = if rest.starts_with('/') {
                1
            } else if rest.starts_with("&#47;") {
                5
            } else {
                0
            };
            let name = ascii_name(&rest[name_at..]);
            let next = rest[name_at + name.len()..].chars().next();
            let tag_like = is_known_tag(name)
                && next.is_some_and(|c| c == '&' || c == '/' || c.is_whitespace());
            if !tag_like {
                continue;
            }
            source[at..end_of_line].find("&gt;").map(|p| at + p + 4)
        };
        let Some(end) = end else { continue };
        let span = at..end;
        let written = &source[span.clone()];
        let shows = written.replace("&lt;", "<").replace("&gt;", ">");
        let message = format!(
            "escaped HTML tag '{}' shows as '{}'",
            quoted(written),
            quoted(&shows)
        );
        let fix = removal(input.prose, &span);
        found.add(Residue::new(span, message, Some(fix)));
    }
}

/// Plain text only: "&nbsp;", "&quot;", "&#8217;" are not decoded by anyone.
pub(super) fn plain_entities(input: &Input, found: &mut Found) {
    let text = input.prose;
    for at in memchr::memchr_iter(b'&', text.as_bytes()) {
        if found.claimed(at) {
            continue;
        }
        let Some((len, body)) = entity_body(&text[at + 1..]) else {
            continue;
        };
        let Some(meaning) = entity_meaning(body) else {
            continue;
        };
        let span = at..at + 1 + len;
        let message = format!("HTML entity '{}' in plain text", &text[span.clone()]);
        let fix = meaning_fix(text, &span, &meaning);
        found.add(Residue::new(span, message, Some(fix)));
    }
}

/// The fix that puts an entity's meaning in its place; a space entity is a removal that keeps
/// the words apart.
fn meaning_fix(text: &str, span: &Range<usize>, meaning: &str) -> Fix {
    match meaning {
        " " => removal(text, span),
        "" => Fix::remove(),
        m => Fix::replace_with(m),
    }
}

/// An entity's body at the start of `s` (after its `&`): its length with the `;`, and the body.
fn entity_body(s: &str) -> Option<(usize, &str)> {
    let semi = s.as_bytes().iter().take(10).position(|&b| b == b';')?;
    let body = &s[..semi];
    let valid = match body.strip_prefix('#') {
        Some(num) => match num.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()),
        },
        None => body.len() >= 2 && body.chars().all(|c| c.is_ascii_alphanumeric()),
    };
    valid.then_some((semi + 1, body))
}

/// What an entity body stands for, when it is one diplint knows.
fn entity_meaning(body: &str) -> Option<String> {
    if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return match char::from_u32(code)? {
            '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => Some(" ".into()),
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' => Some(String::new()),
            c if c.is_control() => None,
            c => Some(c.to_string()),
        };
    }
    let meaning = match body {
        "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
        "shy" | "zwj" | "zwnj" => "",
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "ndash" => "–",
        "mdash" => "—",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "hellip" => "…",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "eacute" => "é",
        "egrave" => "è",
        "ecirc" => "ê",
        "euml" => "ë",
        "aacute" => "á",
        "agrave" => "à",
        "acirc" => "â",
        "auml" => "ä",
        "atilde" => "ã",
        "aring" => "å",
        "iacute" => "í",
        "icirc" => "î",
        "iuml" => "ï",
        "oacute" => "ó",
        "ocirc" => "ô",
        "ouml" => "ö",
        "otilde" => "õ",
        "oslash" => "ø",
        "uacute" => "ú",
        "ucirc" => "û",
        "uuml" => "ü",
        "ccedil" => "ç",
        "ntilde" => "ñ",
        "szlig" => "ß",
        "Eacute" => "É",
        "Ccedil" => "Ç",
        "Ouml" => "Ö",
        "Uuml" => "Ü",
        _ => return None,
    };
    Some(meaning.to_string())
}
