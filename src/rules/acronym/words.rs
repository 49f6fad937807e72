//! The words of an expansion, normalised for comparison, and whether an acronym's letters fit
//! them.

use crate::registry::Registry;
use crate::text::fold;
use std::ops::Range;

/// Words that an acronym may leave out ("Ministry of External Affairs (MEA)") or take a letter
/// from ("Ministry of Foreign Affairs (MOFA)").
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "de", "des", "du", "for", "in", "la", "le", "of", "on", "the",
    "to", "with",
];

#[derive(Debug, Clone)]
pub(super) struct Word {
    pub span: Range<usize>,
    /// Folded, without punctuation, British and American spellings made one: "people's" and
    /// "peoples" → "peoples", "Organisation" → "organization", "&" → "and".
    pub norm: String,
    /// The letters and digits an acronym can take from the word, where they are not its norm:
    /// a word whose spelling was made one ("organisation"), and "&". Most words have none, and
    /// so one string.
    own_letters: Option<Box<str>>,
}

impl Word {
    /// The letters and digits an acronym can take from the word.
    pub fn letters(&self) -> &str {
        self.own_letters.as_deref().unwrap_or(&self.norm)
    }

    fn is_stopword(&self) -> bool {
        STOPWORDS.contains(&self.norm.as_str())
    }
}

/// The words of `text[range]`: split at spaces, hyphens, dashes, slashes and commas.
pub(super) fn words_in(text: &str, range: Range<usize>) -> Vec<Word> {
    pieces(text, range)
        .filter_map(|span| word_at(text, span))
        .collect()
}

/// The last `keep` words of `text[range]` (or all, when there are fewer): only those are
/// normalised.
pub(super) fn last_words_in(text: &str, range: Range<usize>, keep: usize) -> Vec<Word> {
    let mut words: Vec<Word> = pieces_from_end(text, range)
        .filter_map(|span| word_at(text, span))
        .take(keep)
        .collect();
    words.reverse();
    words
}

/// Whether words break at `c`: a space, a hyphen, a dash, a slash or a comma.
fn is_break(c: char) -> bool {
    match c {
        '-' | '/' | ',' | ';' => true,
        c if c.is_ascii() => c.is_ascii_whitespace() || c == '\x0b',
        c => c.is_whitespace() || matches!(c, '‐' | '‑' | '–' | '—'),
    }
}

/// The spans between breaks of `text[range]`, words or not.
fn pieces(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let slice = &text[range.clone()];
    let edges = slice.char_indices().map(|(i, c)| (i, is_break(c)));
    runs(edges.chain([(slice.len(), true)]), range.start)
}

/// [`pieces`] from the last to the first, read back from the end of `text[range]` only as far
/// as they are taken.
fn pieces_from_end(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let slice = &text[range.clone()];
    let edges = slice
        .char_indices()
        .rev()
        .map(|(i, c)| (i + c.len_utf8(), is_break(c)));
    runs(edges.chain([(0, true)]), range.start)
}

/// The runs of characters between breaks, in the order `edges` reads them (front to back or
/// back to front): each character as its edge on the side read first, and whether it is a
/// break. The last edge must be a break; spans are moved by `offset`.
fn runs(
    edges: impl Iterator<Item = (usize, bool)>,
    offset: usize,
) -> impl Iterator<Item = Range<usize>> {
    let mut opened = None;
    edges.filter_map(move |(edge, is_break)| match (opened, is_break) {
        (None, false) => {
            opened = Some(edge);
            None
        }
        (Some(open), true) => {
            opened = None;
            Some(offset + open.min(edge)..offset + open.max(edge))
        }
        _ => None,
    })
}

fn word_at(text: &str, span: Range<usize>) -> Option<Word> {
    let raw = &text[span.clone()];
    if raw == "&" {
        return Some(Word {
            span,
            norm: "and".into(),
            own_letters: Some("".into()),
        });
    }
    // Room for all at once: collecting a filter grows the string char by char.
    let mut letters = String::with_capacity(raw.len());
    letters_into(raw, &mut letters);
    if letters.is_empty() {
        return None;
    }
    let (norm, own_letters) = match respelt(&letters) {
        Some(norm) => (norm, Some(letters.into_boxed_str())),
        None => (letters, None),
    };
    Some(Word {
        span,
        norm,
        own_letters,
    })
}

/// The letters and digits an acronym can take from the word `raw`, appended to `out`.
fn letters_into(raw: &str, out: &mut String) {
    if raw.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // Most words: all of them kept, in lower case.
        let start = out.len();
        out.push_str(raw);
        out[start..].make_ascii_lowercase();
    } else if raw.is_ascii() {
        // What folding leaves of ASCII letters and digits: them in lower case.
        out.extend(
            raw.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    } else {
        out.extend(fold(raw).chars().filter(|c| c.is_alphanumeric()));
    }
}

/// The normalised form ([`Word::norm`]) of the last word of `text`, in `norm`: what
/// [`last_words_in`] gives for one word, without a `Word` of its own (the acronym index reads
/// the last word of every expansion at start-up). False for a text without words.
pub(super) fn last_norm_into(text: &str, norm: &mut String) -> bool {
    for span in pieces_from_end(text, 0..text.len()) {
        let raw = &text[span];
        norm.clear();
        if raw == "&" {
            norm.push_str("and");
            return true;
        }
        letters_into(raw, norm);
        if !norm.is_empty() {
            if let Some(respelt) = respelt(norm) {
                *norm = respelt;
            }
            return true;
        }
    }
    false
}

/// British spellings and their American forms, made one: a word ending in the British form,
/// or holding its plural ("organisations"), takes the American one (first place only).
const SPELLINGS: &[(&str, &str, &str)] = &[
    ("isation", "isations", "ization"),
    ("ence", "ences", "ense"),
    ("centre", "centres", "center"),
    ("programme", "programmes", "program"),
    ("labour", "labours", "labor"),
];

/// One spelling for words written two ways in English: the word in it, or `None` when it is
/// written one way (most words, which are then not copied).
fn respelt(word: &str) -> Option<String> {
    let mut out: Option<String> = None;
    for (british, plural, american) in SPELLINGS {
        let current = out.as_deref().unwrap_or(word);
        // Most words are shorter than the forms or hold none: nothing is searched for them.
        if current.ends_with(british) || holds(current.as_bytes(), plural.as_bytes()) {
            out = Some(current.replacen(british, american, 1));
        }
    }
    out
}

/// Whether `needle` (not empty) stands in `hay`: a short search for short words, which
/// `str::contains` prepares for at more cost than the search itself.
fn holds(hay: &[u8], needle: &[u8]) -> bool {
    let Some(last_start) = hay.len().checked_sub(needle.len()) else {
        return false;
    };
    memchr::memchr_iter(needle[0], &hay[..=last_start]).any(|i| hay[i..].starts_with(needle))
}

/// The letters and digits of an acronym, lower case: "COVID-19" → "covid19", "U.S." → "us".
pub(super) fn acronym_letters(acronym: &str) -> Vec<char> {
    fold(acronym)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// How strictly an acronym must fit its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fit {
    /// Every word from the first to the last gives the acronym letters from its start (small
    /// words may give none): "Ministry of Foreign Affairs (MOFA)", "Competitiveness and
    /// Resilience (CoRe)".
    Tight,
    /// The first word gives the first letters; later words may be passed over: "Partnership for
    /// Global Infrastructure and Investment (PGI)".
    Loose,
}

/// Whether `letters` fit `words` (which start where the acronym starts).
pub(super) fn fits(letters: &[char], words: &[Word], fit: Fit) -> bool {
    if letters.is_empty() || words.is_empty() {
        return false;
    }
    let mut seen = vec![false; (letters.len() + 1) * (words.len() + 1)];
    fit_from(letters, words, fit, 0, 0, &mut seen)
}

/// Letters from `i` on fit words from `j` on; `seen` marks the (i, j) already tried and failed.
fn fit_from(
    letters: &[char],
    words: &[Word],
    fit: Fit,
    i: usize,
    j: usize,
    seen: &mut [bool],
) -> bool {
    if i == letters.len() {
        return fit == Fit::Loose || j == words.len();
    }
    if j == words.len() {
        return false;
    }
    let slot = i * (words.len() + 1) + j;
    if seen[slot] {
        return false;
    }
    seen[slot] = true;
    let longest = words[j]
        .letters()
        .chars()
        .zip(&letters[i..])
        .take_while(|(a, b)| a == *b)
        .count();
    for taken in (1..=longest).rev() {
        if fit_from(letters, words, fit, i + taken, j + 1, seen) {
            return true;
        }
    }
    let may_skip = i > 0
        && match fit {
            Fit::Tight => words[j].is_stopword(),
            Fit::Loose => true,
        };
    may_skip && fit_from(letters, words, fit, i, j + 1, seen)
}

/// The index of the word nearest the end from which `letters` fit the rest of `words`.
pub(super) fn nearest_fit(letters: &[char], words: &[Word], fit: Fit) -> Option<usize> {
    (0..words.len())
        .rev()
        .find(|&s| fits(letters, &words[s..], fit))
}

/// What two expansions are compared by: the normalised words, registry acronyms among them
/// spelt out ("UN General Assembly" → "united nations general assembly"), small words and
/// plural endings left out, run together.
pub(super) fn meaning_key(text: &str, words: &[Word], registry: &Registry) -> String {
    let mut key = String::new();
    for word in words {
        push_meaning(&mut key, text, word, registry);
    }
    key
}

/// Adds one word's part to a meaning key: each word adds its own, so the meaning of a
/// definition's last words is an end of the meaning of all of them.
pub(super) fn push_meaning(key: &mut String, text: &str, word: &Word, registry: &Registry) {
    let written = &text[word.span.clone()];
    // An acronym has two capitals or more: only such a word is looked up, its letters copied.
    let spelt_out = (written.chars().filter(|c| c.is_uppercase()).count() >= 2)
        .then(|| {
            let raw: String = written.chars().filter(|c| c.is_alphanumeric()).collect();
            registry.acronym(&raw).or_else(|| registry.acronym(written))
        })
        .flatten()
        .and_then(|a| a.expansions.first());
    match spelt_out {
        Some(expansion) => {
            for w in words_in(expansion, 0..expansion.len()) {
                push_meaningful(key, &w);
            }
        }
        None => push_meaningful(key, word),
    }
}

fn push_meaningful(key: &mut String, word: &Word) {
    if !word.is_stopword() {
        key.push_str(word.norm.strip_suffix('s').unwrap_or(&word.norm));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Vec<Word> {
        words_in(text, 0..text.len())
    }

    fn fit(acronym: &str, text: &str, fit: Fit) -> bool {
        fits(&acronym_letters(acronym), &w(text), fit)
    }

    #[test]
    fn words_are_normalised() {
        let words = w("People’s Republic, Self-Defence & Organisation");
        let norms: Vec<_> = words.iter().map(|w| w.norm.as_str()).collect();
        assert_eq!(
            norms,
            [
                "peoples",
                "republic",
                "self",
                "defense",
                "and",
                "organization"
            ]
        );
        assert_eq!(w("U.S. Agency")[0].norm, "us");
    }

    #[test]
    fn british_spellings_become_american_wherever_they_stand() {
        for (word, norm) in [
            ("organisation", "organization"),
            ("organisations", "organizations"),
            ("reorganisationsplan", "reorganizationsplan"),
            ("defence", "defense"),
            ("defences", "defenses"),
            ("centre", "center"),
            ("centres", "centers"),
            ("programme", "program"),
            ("programmes", "programs"),
            ("labour", "labor"),
            ("labours", "labors"),
            // The singular inside a word, not at its end, is left: "fencer", "centred".
            ("fencer", "fencer"),
            ("centred", "centred"),
            ("isationx", "isationx"),
            ("ence", "ense"),
            ("s", "s"),
            ("", ""),
        ] {
            assert_eq!(respelt(word).as_deref().unwrap_or(word), norm, "{word}");
            assert_eq!(respelt(word).is_none(), word == norm, "{word}");
        }
        assert!(holds(b"abcences", b"ences") && !holds(b"ence", b"ences"));
        assert!(holds(b"ences", b"ences") && !holds(b"ence", b"ences"));
    }

    #[test]
    fn the_last_words_are_the_last_pieces_read_back() {
        let text = "(The  Ministry of\u{a0}Foreign–Affairs, “Trade” &  Co-operation ";
        for range in [0..text.len(), 1..text.len() - 1, 5..29, 0..0] {
            let all = words_in(text, range.clone());
            for keep in 0..=all.len() + 1 {
                let last = last_words_in(text, range.clone(), keep);
                let expected = &all[all.len().saturating_sub(keep)..];
                let spans = |w: &[Word]| w.iter().map(|w| w.span.clone()).collect::<Vec<_>>();
                assert_eq!(spans(&last), spans(expected), "{range:?} {keep}");
            }
        }
    }

    #[test]
    fn the_last_norm_is_the_last_word_normalised() {
        let registry = crate::rules::testing::registry();
        let expansions = registry.acronyms.iter().flat_map(|a| a.expansions.iter());
        let texts = [
            "Ministry of Defence",
            "Trade & ",
            "Research & Development Organisation.",
            "Café Société",
            " ... ",
            "",
        ];
        let mut norm = String::from("y");
        for text in expansions.map(|e| e.as_str()).chain(texts) {
            let last = last_words_in(text, 0..text.len(), 1).pop();
            let found = last_norm_into(text, &mut norm);
            assert_eq!(
                found.then_some(norm.as_str()),
                last.as_ref().map(|w| w.norm.as_str()),
                "{text}"
            );
        }
    }

    #[test]
    fn words_break_where_they_always_did() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            let before = c.is_whitespace() || "-‐‑–—/,;".contains(c);
            assert_eq!(is_break(c), before, "{c:?}");
        }
        let words = w("Café naïve ÉTAT");
        let letters: Vec<_> = words.iter().map(Word::letters).collect();
        assert_eq!(letters, ["cafe", "naive", "etat"]);
    }

    #[test]
    fn letters_fit_words() {
        assert!(fit("MOFA", "Ministry of Foreign Affairs", Fit::Tight));
        assert!(fit("MEA", "Ministry of External Affairs", Fit::Tight));
        assert!(fit("CoRe", "Competitiveness and Resilience", Fit::Tight));
        assert!(fit(
            "AUKUS",
            "Australia-United Kingdom-United States",
            Fit::Tight
        ));
        assert!(fit(
            "DPRK",
            "Democratic People’s Republic of Korea",
            Fit::Tight
        ));
        assert!(fit("UNGA", "UN General Assembly", Fit::Tight));
        assert!(fit("G20", "Group of 20", Fit::Tight));
        assert!(!fit(
            "PGI",
            "Partnership for Global Infrastructure and Investment",
            Fit::Tight
        ));
        assert!(fit(
            "PGI",
            "Partnership for Global Infrastructure and Investment",
            Fit::Loose
        ));
        assert!(!fit("UNGA", "United Nations Security Council", Fit::Loose));
        assert!(!fit("UNC", "United Nations Security Council", Fit::Tight));
        assert!(!fit(
            "JICE",
            "Japan International Cooperation Agency",
            Fit::Loose
        ));
    }

    #[test]
    fn the_nearest_fit_starts_the_expansion() {
        let words = w("the Japanese Prime Minister");
        assert_eq!(
            nearest_fit(&acronym_letters("PM"), &words, Fit::Loose),
            Some(2)
        );
    }
}
