//! The shared machinery of the three markup readers: blanking byte ranges while keeping the
//! text's length, reading suppression directives, and setting aside URLs and entities.

use super::{Directive, DirectiveAction, FrontMatterDate};
use std::ops::Range;

/// The prose being made: a copy of the source (or of a window of it, when a document is read
/// again after an edit) in which the readers blank markup. Offsets are the source's.
pub(super) struct Masked<'s> {
    source: &'s str,
    /// The prose of `source[base..base + bytes.len()]`.
    bytes: Vec<u8>,
    base: usize,
    pub directives: Vec<Directive>,
    pub front_matter_date: Option<FrontMatterDate>,
}

impl<'s> Masked<'s> {
    pub fn new(source: &'s str) -> Masked<'s> {
        Masked {
            source,
            bytes: source.as_bytes().to_vec(),
            base: 0,
            directives: Vec::new(),
            front_matter_date: None,
        }
    }

    /// A window on `source` from `base` on, copied from the source only as far as the readers
    /// write: what re-reading a stretch of an edited document costs.
    pub fn window(source: &'s str, base: usize) -> Masked<'s> {
        Masked {
            source,
            bytes: Vec::new(),
            base,
            directives: Vec::new(),
            front_matter_date: None,
        }
    }

    /// The window's bytes up to `end` (from its base), copied from the source where no reader
    /// has written yet.
    pub fn window_to(mut self, end: usize) -> (Vec<u8>, Vec<Directive>) {
        self.reach(end);
        self.bytes.truncate(end.saturating_sub(self.base));
        (self.bytes, self.directives)
    }

    /// The bytes of `start..end` (clamped to the source and the window) as a slice to write.
    fn span_mut(&mut self, start: usize, end: usize) -> &mut [u8] {
        let end = end.min(self.source.len()).max(self.base);
        self.reach(end);
        let from = start.clamp(self.base, end);
        &mut self.bytes[from - self.base..end - self.base]
    }

    /// Extends the window to `end` with the source's bytes.
    #[inline]
    fn reach(&mut self, end: usize) {
        let have = self.base + self.bytes.len();
        if end > have {
            self.bytes
                .extend_from_slice(&self.source.as_bytes()[have..end]);
        }
    }

    /// Replaces every byte of `range` by a space, keeping line breaks.
    pub fn blank(&mut self, range: Range<usize>) {
        for b in self.span_mut(range.start, range.end) {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }

    /// Replaces one ASCII byte (a table pipe, a block tag) by a line break: a boundary that
    /// sentence-level rules must not read across.
    pub fn break_at(&mut self, offset: usize) {
        if let Some(b) = self.span_mut(offset, offset + 1).first_mut() {
            *b = b'\n';
        }
    }

    /// Writes `replacement` at the start of `range` and blanks the rest; the replacement must
    /// not be longer than the range.
    pub fn replace(&mut self, range: Range<usize>, replacement: &str) {
        debug_assert!(replacement.len() <= range.len());
        self.blank(range.clone());
        let span = self.span_mut(range.start, range.start + replacement.len());
        let n = span.len();
        span.copy_from_slice(&replacement.as_bytes()[..n]);
    }

    pub fn finish(self) -> (String, Vec<Directive>, Option<FrontMatterDate>) {
        (
            prose_from(self.bytes),
            self.directives,
            self.front_matter_date,
        )
    }
}

/// The masked bytes as text. Every blanked range starts and ends on character boundaries, so the
/// bytes stay UTF-8; the lossy path is a guard that keeps the length if a reader ever gets that
/// wrong.
pub(super) fn prose_from(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(err) => {
            let bytes = err.into_bytes();
            let mut out = String::with_capacity(bytes.len());
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                out.extend(std::iter::repeat_n(' ', chunk.invalid().len()));
            }
            out
        }
    }
}

/// Reads a suppression directive from the inside of a comment (or a plain-text line):
/// `diplint-disable RULE, RULE`, `diplint-enable`, `diplint-disable-next-line`, `diplint-disable-line`.
pub(super) fn parse_directive(body: &str, span: Range<usize>) -> Option<Directive> {
    let body = body.trim();
    let rest = body.strip_prefix("diplint-")?;
    let (word, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let action = match word {
        "disable" => DirectiveAction::Disable,
        "enable" => DirectiveAction::Enable,
        "disable-next-line" => DirectiveAction::DisableNextLine,
        "disable-line" => DirectiveAction::DisableLine,
        _ => return None,
    };
    let rules = args
        .split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    Some(Directive {
        action,
        rules,
        span,
    })
}

/// Blanks URLs and e-mail addresses inside `range` of `source`.
pub(super) fn blank_urls_and_emails(source: &str, range: Range<usize>, masked: &mut Masked) {
    let text = &source[range.clone()];
    let bytes = text.as_bytes();
    let mut starts = url_starts(bytes);
    let mut i = 0;
    while let Some(at) = starts.at_or_after(i) {
        i = at;
        let rest = &text[i..];
        let at_word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if at_word_start
            && (rest.starts_with("http://")
                || rest.starts_with("https://")
                || rest.starts_with("www."))
        {
            let len = url_len(rest);
            masked.blank(range.start + i..range.start + i + len);
            i += len.max(1);
            continue;
        }
        if bytes[i] == b'@'
            && i > 0
            && let Some(email) = email_around(text, i)
        {
            masked.blank(range.start + email.start..range.start + email.end);
            i = email.end;
            continue;
        }
        i += 1;
    }
}

/// A search in a text: the offset of its first match.
pub(super) type Search = fn(&[u8]) -> Option<usize>;

/// The first offset at or after a given one where one of `N` searches matches. Each search
/// runs again only once the offsets asked for have passed its last match, so that the text is
/// read about `N` times with SIMD, however often it is asked.
pub(super) struct FirstOf<'t, const N: usize> {
    bytes: &'t [u8],
    searches: [Search; N],
    /// Each search's last match (the text's length when it found none).
    next: [usize; N],
}

impl<'t, const N: usize> FirstOf<'t, N> {
    /// The searches over `bytes`, to be asked from `from` on.
    pub fn new(bytes: &'t [u8], from: usize, searches: [Search; N]) -> FirstOf<'t, N> {
        let mut first = FirstOf {
            bytes,
            searches,
            next: [0; N],
        };
        for which in 0..N {
            first.search(which, from.min(bytes.len()));
        }
        first
    }

    fn search(&mut self, which: usize, from: usize) {
        let found = (self.searches[which])(&self.bytes[from..]);
        self.next[which] = found.map_or(self.bytes.len(), |p| from + p);
    }

    /// The first match at or after `from`.
    pub fn at_or_after(&mut self, from: usize) -> Option<usize> {
        if from >= self.bytes.len() {
            return None;
        }
        for which in 0..N {
            if self.next[which] < from {
                self.search(which, from);
            }
        }
        let first = self.next.iter().copied().min()?;
        (first < self.bytes.len()).then_some(first)
    }
}

/// Where a URL ("http://", "https://", "www.") or an e-mail address ('@') may start.
fn url_starts(bytes: &[u8]) -> FirstOf<'_, 3> {
    FirstOf::new(
        bytes,
        0,
        [
            |b| HTTP.find(b),
            |b| WWW.find(b),
            |b| memchr::memchr(b'@', b),
        ],
    )
}

static HTTP: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("http"));
static WWW: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("www."));

/// The length of a URL at the start of `text`, without trailing sentence punctuation.
fn url_len(text: &str) -> usize {
    let mut end = text
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '“' | '”'))
        .map_or(text.len(), |(i, _)| i);
    while end > 0 {
        let last = text.as_bytes()[end - 1];
        let unbalanced_paren = last == b')' && !text[..end].contains('(');
        if matches!(last, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'') || unbalanced_paren {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

fn email_around(text: &str, at: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let is_local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+');
    let mut start = at;
    while start > 0 && is_local(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = at + 1;
    while end < bytes.len()
        && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'.' | b'-'))
    {
        end += 1;
    }
    while end > at + 1 && bytes[end - 1] == b'.' {
        end -= 1;
    }
    let domain = &text[at + 1..end];
    (start < at && domain.contains('.')).then_some(start..end)
}

/// Decodes an HTML entity at the start of `text` (which begins with `&`): its length and the
/// character it stands for. Only entities whose character is no longer than the entity are
/// decoded, so that the prose keeps its length.
pub(super) fn entity_at(text: &str) -> Option<(usize, char)> {
    let end = text.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let name = &text[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        named_entity(name)?
    };
    (c.len_utf8() <= end + 1).then_some((end + 1, c))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ccedil" => 'ç',
        "atilde" => 'ã',
        "otilde" => 'õ',
        "ntilde" => 'ñ',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "ocirc" => 'ô',
        "ecirc" => 'ê',
        "acirc" => 'â',
        "szlig" => 'ß',
        "shy" | "zwj" | "zwnj" => ' ',
        _ => return None,
    })
}

/// Decodes (or blanks) the entities of `range`; used by Markdown and HTML, where entities are
/// markup. An entity that decodes to a letter keeps the letter at the entity's first byte.
pub(super) fn decode_entities(source: &str, range: Range<usize>, masked: &mut Masked) {
    let text = &source[range.clone()];
    let mut i = 0;
    while let Some(pos) = memchr::memchr(b'&', &text.as_bytes()[i..]) {
        let at = i + pos;
        match entity_at(&text[at..]) {
            Some((len, c)) => {
                let mut buf = [0u8; 4];
                masked.replace(
                    range.start + at..range.start + at + len,
                    c.encode_utf8(&mut buf),
                );
                i = at + len;
            }
            None => i = at + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_parse_with_and_without_rules() {
        let d = parse_directive(" diplint-disable person/misspelled, date/format ", 0..1).unwrap();
        assert_eq!(d.action, DirectiveAction::Disable);
        assert_eq!(d.rules, vec!["person/misspelled", "date/format"]);
        let d = parse_directive("diplint-disable-next-line", 0..1).unwrap();
        assert_eq!(d.action, DirectiveAction::DisableNextLine);
        assert!(d.rules.is_empty());
        assert!(parse_directive("diplint-frobnicate", 0..1).is_none());
        assert!(parse_directive("a comment", 0..1).is_none());
    }

    #[test]
    fn urls_and_emails_are_blanked_without_trailing_punctuation() {
        let src = "See https://example.org/a_b. Write to desk@mfa.example.jp.";
        let mut m = Masked::new(src);
        blank_urls_and_emails(src, 0..src.len(), &mut m);
        let (prose, _, _) = m.finish();
        assert_eq!(prose.len(), src.len());
        assert!(prose.starts_with("See "));
        assert!(!prose.contains("example"));
        assert!(prose.contains(". Write to "));
        assert!(prose.ends_with('.'));
    }

    #[test]
    fn entities_decode_in_place() {
        let src = "C&ocirc;te &amp; more&nbsp;text &bogus; &#8217;";
        let mut m = Masked::new(src);
        decode_entities(src, 0..src.len(), &mut m);
        let (prose, _, _) = m.finish();
        assert_eq!(prose.len(), src.len());
        assert!(prose.starts_with("Cô"));
        assert!(prose.contains("&     more"));
        assert!(prose.contains("&bogus;"));
        assert!(prose.contains('’'));
    }
}
