//! What a CMS or a template leaves behind: WordPress shortcodes, wiki links, template
//! placeholders never filled in ("{{ambassador_name}}", "[COUNTRY]", "XX September") and filler
//! text. Editorial brackets in quotations ("[and the]", "[sic]", "[he]") are not residue.

use super::{Found, Input, Residue, line_end, occurrences, quoted, removal};
use crate::rules::Fix;
use crate::text::is_word_char;
use std::ops::Range;

/// WordPress (and page-builder) shortcodes that can stand without attributes: "[caption]",
/// "[gallery]". Others are recognised by their attributes or underscores ("[vc_row]").
const SHORTCODES: &[&str] = &[
    "audio",
    "button",
    "caption",
    "contact-form",
    "contact-form-7",
    "embed",
    "gallery",
    "googlemaps",
    "img",
    "instagram",
    "playlist",
    "quote",
    "soundcloud",
    "tweet",
    "url",
    "video",
    "vimeo",
    "youtube",
];

/// Words that name what a placeholder stands for: "[NAME]", "[Date]", "[COUNTRY NAME]".
const PLACEHOLDER_NOUNS: &[&str] = &[
    "address",
    "amount",
    "city",
    "company",
    "country",
    "date",
    "day",
    "e-mail",
    "email",
    "event",
    "headline",
    "image",
    "link",
    "location",
    "month",
    "name",
    "names",
    "number",
    "organisation",
    "organization",
    "phone",
    "photo",
    "place",
    "placeholder",
    "position",
    "recipient",
    "sender",
    "signature",
    "surname",
    "tbc",
    "tbd",
    "time",
    "title",
    "url",
    "venue",
    "xx",
    "xxx",
    "year",
];

/// Words that may go with a placeholder noun without making it prose: "[AMBASSADOR NAME]",
/// "[Name of the Minister]". Alone they are an editorial insertion ("[the Minister]").
const PLACEHOLDER_COMPANIONS: &[&str] = &[
    "a",
    "ambassador",
    "an",
    "and",
    "contact",
    "counterpart",
    "country's",
    "embassy",
    "end",
    "enter",
    "family",
    "first",
    "for",
    "foreign",
    "full",
    "given",
    "guest",
    "her",
    "here",
    "his",
    "host",
    "insert",
    "last",
    "meeting",
    "minister",
    "ministry",
    "new",
    "of",
    "official",
    "or",
    "partner",
    "person",
    "president",
    "speaker",
    "start",
    "the",
    "their",
    "visit",
    "your",
];

/// The end of the first `close` after `from` on the same line, with nothing in between that
/// opens another (`forbidden`).
fn closing_on_line(text: &str, from: usize, close: &str, forbidden: &str) -> Option<usize> {
    let segment = &text[from..line_end(text, from)];
    let at = segment.find(close)?;
    let inner = &segment[..at];
    if forbidden.chars().any(|c| inner.contains(c)) {
        return None;
    }
    Some(from + at + close.len())
}

/// "[[File:Map.png|thumb]]", "[[Tokyo|the capital]]": wiki links and files.
pub(super) fn wiki_links(input: &Input, found: &mut Found) {
    let text = input.prose;
    for at in occurrences(text, "[[") {
        if found.claimed(at) {
            continue;
        }
        let Some(end) = closing_on_line(text, at + 2, "]]", "[]") else {
            continue;
        };
        let content = &text[at + 2..end - 2];
        if content.trim().is_empty() || content.len() > 300 {
            continue;
        }
        let span = at..end;
        let lower = content.trim_start_matches(':').to_ascii_lowercase();
        let is_file = ["file:", "image:", "category:", "media:"]
            .iter()
            .any(|p| lower.starts_with(p));
        let (message, fix) = if is_file {
            (
                format!("wiki file link '{}'", quoted(&text[span.clone()])),
                removal(text, &span),
            )
        } else {
            let label = content.rsplit('|').next().unwrap_or(content);
            let label = label.trim().trim_start_matches(':');
            (
                format!("wiki link '{}'", quoted(&text[span.clone()])),
                Fix::replace_with(label),
            )
        };
        found.add(Residue::new(span, message, Some(fix)));
    }
}

/// "{{ambassador_name}}", "{% if %}", "{COUNTRY}": template syntax never rendered.
pub(super) fn curly_templates(input: &Input, found: &mut Found) {
    let text = input.prose;
    for at in memchr::memchr_iter(b'{', text.as_bytes()) {
        if found.claimed(at) || (at > 0 && text.as_bytes()[at - 1] == b'{') {
            continue;
        }
        let rest = &text[at..];
        let end = if rest.starts_with("{{") {
            closing_on_line(text, at + 2, "}}", "")
        } else if rest.starts_with("{%") {
            closing_on_line(text, at + 2, "%}", "")
        } else {
            closing_on_line(text, at + 1, "}", "{")
                .filter(|&end| is_placeholder_name(&text[at + 1..end - 1]))
        };
        let Some(end) = end else { continue };
        let span = at..end;
        let message = format!(
            "unfilled template placeholder '{}'",
            quoted(&text[span.clone()])
        );
        found.add(Residue::new(span, message, None));
    }
}

/// "{country_name}", "{COUNTRY}", "{ name }": what a single-brace placeholder holds.
fn is_placeholder_name(content: &str) -> bool {
    let t = content.trim();
    let ident = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && t.starts_with(|c: char| c.is_ascii_alphabetic());
    ident && (t.contains('_') || looks_like_placeholder(t))
}

/// Square brackets: shortcodes ("[caption id=...]", "[/caption]") and placeholders ("[NAME]").
pub(super) fn brackets(input: &Input, found: &mut Found) {
    let text = input.prose;
    let bytes = text.as_bytes();
    for at in memchr::memchr_iter(b'[', text.as_bytes()) {
        let wiki = (at > 0 && bytes[at - 1] == b'[') || bytes.get(at + 1) == Some(&b'[');
        if wiki || found.claimed(at) {
            continue;
        }
        let Some(end) = closing_on_line(text, at + 1, "]", "[") else {
            continue;
        };
        let content = &text[at + 1..end - 1];
        let span = at..end;
        // "[label](target)", "[label][ref]", "[ref]: target": Markdown links, not placeholders
        // (shortcodes follow each other: "[vc_row][vc_column]").
        let link = matches!(bytes.get(end), Some(b'(' | b'[' | b':'));
        if let Some(kind) = shortcode(content) {
            let message = format!("{kind} '{}'", quoted(&text[span.clone()]));
            let fix = removal(text, &span);
            found.add(Residue::new(span, message, Some(fix)));
        } else if !link && looks_like_placeholder(content) {
            let message = format!("unfilled placeholder '{}'", quoted(&text[span.clone()]));
            found.add(Residue::new(span, message, None));
        }
    }
}

/// What kind of shortcode the inside of a bracket is, if it is one.
fn shortcode(content: &str) -> Option<&'static str> {
    let (closing, body) = match content.strip_prefix('/') {
        Some(body) => (true, body),
        None => (false, content),
    };
    let name_len = body
        .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'))
        .unwrap_or(body.len());
    let name = &body[..name_len];
    let rest = &body[name_len..];
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let known = SHORTCODES.contains(&name) || name.contains('_');
    if closing {
        return (rest.trim().is_empty() && (known || name.len() > 1))
            .then_some("closing shortcode");
    }
    let separated = rest.is_empty() || rest.starts_with(char::is_whitespace) || rest == "/";
    (separated && (known || has_attribute(rest))).then_some("shortcode")
}

/// Whether a shortcode's rest holds `key=`: an attribute, which no editorial bracket has.
fn has_attribute(rest: &str) -> bool {
    rest.split_whitespace().any(|part| {
        part.split_once('=').is_some_and(|(key, _)| {
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
    })
}

/// "[NAME]", "[Date]", "[COUNTRY NAME]", "[insert date]", "[FIRST_NAME]", "[TBD]": the inside
/// of a placeholder. An editorial insertion ("[and the]", "[he]", "[UN]", "[the Minister]")
/// names nothing from the placeholder vocabulary, or is written in lower case.
pub(super) fn looks_like_placeholder(content: &str) -> bool {
    let t = content.trim();
    if t.is_empty() || t.len() > 80 {
        return false;
    }
    if t.contains('_')
        && t.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == ' ')
    {
        return true;
    }
    if matches!(t, "TK" | "TKTK" | "???") {
        return true;
    }
    let words: Vec<String> = t
        .split(|c: char| c.is_whitespace() || c == '/')
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() >= 2 && matches!(words[0].as_str(), "insert" | "enter") {
        return true;
    }
    let capitalised = t.starts_with(|c: char| c.is_uppercase());
    let has_noun = words
        .iter()
        .any(|w| PLACEHOLDER_NOUNS.contains(&w.as_str()));
    let all_vocabulary = words.iter().all(|w| {
        PLACEHOLDER_NOUNS.contains(&w.as_str()) || PLACEHOLDER_COMPANIONS.contains(&w.as_str())
    });
    capitalised && has_noun && all_vocabulary
}

/// "XX September", "XX/XX/2021", "the XXth session", "USD XX million", "20XX": a date or number
/// left as a row of X.
pub(super) fn xx_placeholders(input: &Input, found: &mut Found) {
    let text = input.prose;
    let bytes = text.as_bytes();
    // Both kinds of placeholder hold an X: only the words around an X are looked at.
    let mut from = 0;
    while let Some(x) = memchr::memchr2(b'x', b'X', &bytes[from..]) {
        let range = word_around(text, from + x);
        from = range.end;
        if found.claimed(range.start) {
            continue;
        }
        if let Some(span) = xx_placeholder_at(text, &range) {
            let message = format!(
                "placeholder '{}' where a date or number belongs",
                &text[span.clone()]
            );
            found.add(Residue::new(span, message, None));
        }
    }
}

/// The placeholder that the word at `range` (which holds an X) is, or starts, if it is one.
fn xx_placeholder_at(text: &str, range: &Range<usize>) -> Option<Range<usize>> {
    let word = &text[range.clone()];
    if is_year_placeholder(word) {
        return Some(range.clone());
    }
    let ordinal = xx_word(word)?;
    if let Some(run) = date_run(text, range) {
        return Some(run);
    }
    let next = word_after(text, range.end);
    let neighbour_is_month = || {
        [word_before(text, range.start), next.clone()]
            .into_iter()
            .flatten()
            .any(|r| adjacent(text, range, &r) && is_month(&text[r]))
    };
    let placeholder = ordinal || neighbour_is_month() || is_amount(text, range, next.as_ref());
    placeholder.then(|| range.clone())
}

/// The word holding the byte at `at`: the run of letters and digits around it, as
/// [`crate::text::words`] cuts words.
fn word_around(text: &str, at: usize) -> Range<usize> {
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| at + i);
    start..end
}

/// The word that ends last before `offset`.
fn word_before(text: &str, offset: usize) -> Option<Range<usize>> {
    let (last, _) = text[..offset]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_word_char(c))?;
    Some(word_around(text, last))
}

/// The word that starts first after `offset`.
fn word_after(text: &str, offset: usize) -> Option<Range<usize>> {
    let (first, _) = text[offset..]
        .char_indices()
        .find(|&(_, c)| is_word_char(c))?;
    Some(word_around(text, offset + first))
}

/// Whether `word` is a row of X ("XX", "xxx"), and whether it carries an ordinal suffix.
fn xx_word(word: &str) -> Option<bool> {
    let (xs, ordinal) = match word
        .strip_suffix("th")
        .or_else(|| word.strip_suffix("st"))
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
    {
        Some(xs) => (xs, true),
        None => (word, false),
    };
    let row = (2..=4).contains(&xs.len())
        && (xs.bytes().all(|b| b == b'X') || xs.bytes().all(|b| b == b'x'));
    row.then_some(ordinal)
}

/// "20XX", "202X": a year never filled in.
fn is_year_placeholder(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let xs = &word[digits..];
    digits >= 2 && digits + xs.len() == 4 && !xs.is_empty() && xs.bytes().all(|b| b == b'X')
}

fn is_month(word: &str) -> bool {
    crate::rules::date::parse::month_from_word(word).is_some()
}

/// Whether two words are separated by spaces, a comma or a period only ("XX September",
/// "Sept. XX").
fn adjacent(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    let between = if a.end <= b.start {
        &text[a.end..b.start]
    } else {
        &text[b.end..a.start]
    };
    between.len() <= 3 && between.chars().all(|c| c == ' ' || c == ',' || c == '.')
}

/// "XX/XX/2021", "2021-XX-XX", "XX:XX": the run of digits, X and separators around an X word.
fn date_run(text: &str, word: &Range<usize>) -> Option<Range<usize>> {
    let part = |c: char| c.is_ascii_digit() || c == 'X' || c == 'x' || "/.:-".contains(c);
    let start = text[..word.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| part(c))
        .last()
        .map_or(word.start, |(i, _)| i);
    let end = text[word.end..]
        .char_indices()
        .take_while(|&(_, c)| part(c))
        .last()
        .map_or(word.end, |(i, c)| word.end + i + c.len_utf8());
    let run = text[start..end].trim_end_matches(['.', ':', '-']);
    let end = start + run.len();
    let separated = run.contains(['/', ':', '-']) || run.matches('.').count() >= 2;
    (separated && (start < word.start || end > word.end)).then_some(start..end)
}

/// "USD XX million", "$XX", "XX%", "XX per cent": an amount never filled in.
fn is_amount(text: &str, word: &Range<usize>, next: Option<&Range<usize>>) -> bool {
    let before = text[..word.start].trim_end();
    let currency = ["$", "€", "£", "¥", "USD", "EUR", "JPY"]
        .iter()
        .any(|c| before.ends_with(c));
    let percent = text[word.end..].starts_with('%');
    let scale = next.is_some_and(|r| {
        adjacent(text, word, r)
            && ["million", "billion", "trillion", "percent", "per"]
                .iter()
                .any(|s| s.eq_ignore_ascii_case(&text[r.clone()]))
    });
    currency || percent || scale
}

/// "Lorem ipsum": a template's filler text.
pub(super) fn lorem_ipsum(input: &Input, found: &mut Found) {
    const FILLER: &[u8] = b"lorem ipsum";
    /// Where the phrase has its one 'p', the rarest of its letters in prose.
    const P_AT: usize = 7;
    let text = input.prose;
    let bytes = text.as_bytes();
    // In any case of its letters: each 'p' is tried as the one of the phrase.
    for p in memchr::memchr2_iter(b'p', b'P', bytes) {
        // Most 'p's are not after an 'i': they are passed over with one comparison.
        let after_i = p > 0 && bytes[p - 1].eq_ignore_ascii_case(&b'i');
        let Some(at) = p.checked_sub(P_AT).filter(|_| after_i) else {
            continue;
        };
        let matches = bytes
            .get(at..at + FILLER.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(FILLER));
        if matches {
            let span = at..at + FILLER.len();
            let message = format!("filler text '{}'", &text[span.clone()]);
            found.add(Residue::new(span, message, None));
        }
    }
}
