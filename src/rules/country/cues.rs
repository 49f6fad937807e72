//! What the words around a name say about it: that it is told as history ("formerly
//! Swaziland"), quoted, written in another language, or clearly means the state ("President of
//! Macedonia").

use crate::document::position::floor_char_boundary;
use crate::text::words;
use std::ops::Range;

/// Words before a former name that make it history: "formerly Swaziland", "the then Zaire".
const HISTORY_BEFORE: &[&str] = &[
    "formerly",
    "former",
    "then",
    "once",
    "previously",
    "erstwhile",
    "ex",
    "old",
    "historic",
    "historical",
    "historically",
    "colonial",
    "pre",
    "renamed",
    "called",
    "named",
    "known",
];

/// Words after a former name that make it history: "Swaziland (now Eswatini)", "Zaire until
/// 1997", "Swaziland, renamed Eswatini".
const HISTORY_AFTER: &[&str] = &["now", "until", "till", "renamed", "became", "before"];

/// Words anywhere in the sentence that say it is about the change of name itself.
const RENAMING: &[&str] = &["renamed", "rename", "renaming", "formerly", "name change"];

/// Words that, with "of" after them or "'s" before them, show that a name means a state:
/// "President of Macedonia", "Macedonia's government".
const STATE_WORDS: &[&str] = &[
    "president",
    "prime minister",
    "minister",
    "ministry",
    "foreign minister",
    "foreign ministry",
    "government",
    "ambassador",
    "embassy",
    "consulate",
    "mission",
    "parliament",
    "assembly",
    "delegation",
    "authorities",
    "leadership",
    "leaders",
    "state",
    "republic",
    "kingdom",
    "king",
    "queen",
    "head of state",
    "citizens",
    "nationals",
    "army",
    "armed forces",
    "accession",
    "membership",
    "capital",
    "constitution",
];

/// Function words of French, Spanish, Portuguese, Italian and German, not English: two of them
/// in a sentence mean it is (or quotes) another language, where "Inde" or "Japon" are right.
const FOREIGN_FUNCTION_WORDS: &[&str] = &[
    "le", "les", "des", "du", "et", "est", "une", "avec", "pour", "dans", "qui", "sur", "au",
    "aux", "el", "los", "las", "del", "y", "con", "por", "para", "es", "una", "der", "die", "das",
    "und", "mit", "ist", "den", "dem", "von", "zu", "il", "di", "che", "per", "della", "em", "com",
    "uma", "não", "nao", "os", "ao", "dos",
];

/// The last `n` words before `at` in `range` (lower case), nearest last.
pub(super) fn words_before(text: &str, range: &Range<usize>, at: usize, n: usize) -> Vec<String> {
    let from = range.start.min(at);
    let mut found: Vec<String> = words(&text[from..at])
        .map(|(_, w)| w.to_lowercase())
        .collect();
    let keep = found.len().saturating_sub(n);
    found.drain(..keep);
    found
}

/// The first `n` words after `at` in `range` (lower case).
pub(super) fn words_after(text: &str, range: &Range<usize>, at: usize, n: usize) -> Vec<String> {
    let to = range.end.max(at).min(text.len());
    words(&text[at..to])
        .take(n)
        .map(|(_, w)| w.to_lowercase())
        .collect()
}

/// Whether the words around a former name tell it as history.
pub(super) fn told_as_history(text: &str, sentence: &Range<usize>, span: &Range<usize>) -> bool {
    let before = words_before(text, sentence, span.start, 3);
    let after = words_after(text, sentence, span.end, 2);
    let sentence_text = text[sentence.clone()].to_lowercase();
    before.iter().any(|w| HISTORY_BEFORE.contains(&w.as_str()))
        || after.iter().any(|w| HISTORY_AFTER.contains(&w.as_str()))
        || RENAMING.iter().any(|w| sentence_text.contains(w))
}

/// Whether `span` is inside double quotation marks within its sentence.
pub(super) fn in_quotation(text: &str, sentence: &Range<usize>, span: &Range<usize>) -> bool {
    let before = &text[sentence.start.min(span.start)..span.start];
    let straight = before.matches('"').count();
    let open = before.matches('“').count() + before.matches('«').count();
    let close = before.matches('”').count() + before.matches('»').count();
    straight % 2 == 1 || open > close
}

/// Whether the sentence is (or quotes) another language.
pub(super) fn looks_foreign(sentence: &str) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    for (_, w) in words(sentence) {
        // No function word has more than five letters, and lower case has as many or more.
        if w.len() > 5 && w.chars().nth(5).is_some() {
            continue;
        }
        let is = |f: &&&str| {
            if w.is_ascii() {
                f.eq_ignore_ascii_case(w)
            } else {
                **f == w.to_lowercase()
            }
        };
        if let Some(&f) = FOREIGN_FUNCTION_WORDS.iter().find(is) {
            if !seen.contains(&f) {
                seen.push(f);
            }
            if seen.len() >= 2 {
                return true;
            }
        }
    }
    false
}

/// Whether the name at `span` plainly means a state: "President of (the) X", "X's government",
/// "the X government".
pub(super) fn means_the_state(text: &str, sentence: &Range<usize>, span: &Range<usize>) -> bool {
    let mut before = words_before(text, sentence, span.start, 4);
    if before.last().is_some_and(|w| w == "the") {
        before.pop();
    }
    if before.last().is_some_and(|w| w == "of") {
        before.pop();
        let one = before.last().cloned().unwrap_or_default();
        let two = before
            .len()
            .checked_sub(2)
            .map(|i| format!("{} {}", before[i], before[i + 1]))
            .unwrap_or_default();
        if STATE_WORDS.contains(&one.as_str()) || STATE_WORDS.contains(&two.as_str()) {
            return true;
        }
    }
    let mut after = words_after(text, sentence, span.end, 3);
    let possessive = text[span.end..].starts_with("'s") || text[span.end..].starts_with("’s");
    if possessive && !after.is_empty() {
        after.remove(0);
    }
    let one = after.first().cloned().unwrap_or_default();
    let two = after.get(..2).map(|w| w.join(" ")).unwrap_or_default();
    STATE_WORDS.contains(&one.as_str()) || STATE_WORDS.contains(&two.as_str())
}

/// Whether the text just before `at` is "then-" or "ex-" (a hyphenated history mark).
pub(super) fn hyphenated_history(text: &str, at: usize) -> bool {
    let from = floor_char_boundary(text, at.saturating_sub(8));
    let before = text[from..at].to_lowercase();
    before.ends_with("then-") || before.ends_with("ex-") || before.ends_with("pre-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Range<usize> {
        0..text.len()
    }

    fn span_of(text: &str, needle: &str) -> Range<usize> {
        let at = text.find(needle).unwrap();
        at..at + needle.len()
    }

    #[test]
    fn history_marks() {
        for text in [
            "Eswatini, formerly Swaziland, voted.",
            "The then Swaziland delegation spoke.",
            "Swaziland (now Eswatini) voted.",
            "The country was renamed from Swaziland.",
        ] {
            assert!(
                told_as_history(text, &all(text), &span_of(text, "Swaziland")),
                "{text}"
            );
        }
        let text = "The delegation of Swaziland voted.";
        assert!(!told_as_history(
            text,
            &all(text),
            &span_of(text, "Swaziland")
        ));
        assert!(hyphenated_history("then-Swaziland", 5));
    }

    #[test]
    fn quotations() {
        let text = "He said “Long live Swaziland” then left.";
        assert!(in_quotation(text, &all(text), &span_of(text, "Swaziland")));
        let text = "He said \"no\" to Swaziland.";
        assert!(!in_quotation(text, &all(text), &span_of(text, "Swaziland")));
    }

    #[test]
    fn function_words_have_at_most_five_letters_in_lower_case() {
        for f in FOREIGN_FUNCTION_WORDS {
            assert!(f.chars().count() <= 5 && f.to_lowercase() == *f, "{f}");
        }
    }

    #[test]
    fn foreign_sentences() {
        assert!(looks_foreign(
            "« La France et l'Inde sont des partenaires »"
        ));
        assert!(!looks_foreign(
            "The President met the Foreign Minister of India."
        ));
        assert!(looks_foreign("LA VISITE DU PRÉSIDENT ET DES MINISTRES"));
        assert!(looks_foreign("NÃO É COM ELE"));
    }

    #[test]
    fn state_cues() {
        for text in [
            "The President of Macedonia spoke.",
            "Macedonia's government resigned.",
            "the Prime Minister of the Macedonia",
        ] {
            assert!(
                means_the_state(text, &all(text), &span_of(text, "Macedonia")),
                "{text}"
            );
        }
        let text = "Wine from Macedonia is famous.";
        assert!(!means_the_state(
            text,
            &all(text),
            &span_of(text, "Macedonia")
        ));
    }
}
