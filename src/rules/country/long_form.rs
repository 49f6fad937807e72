//! Long forms made up around a country's name: "Republic of Germany", "People's Republic of
//! Vietnam", "Kingdom of Jordan". The registry lists the wrong forms seen in practice; this
//! finds the others, when the country has an official long form that differs and the phrase is
//! no name the registry or the word lists know (historical states included).

use super::index::SurfaceIndex;
use crate::document::position::floor_char_boundary;
use crate::hash::FastSet;
use crate::registry::{Country, Registry, word_list_entries};
use crate::text::fold;
use std::ops::Range;

/// The word before "of" that makes a long form.
const HEADS: &[&str] = &["Republic", "Kingdom", "Principality", "Duchy", "Sultanate"];

/// Words that may stand before the head: "Federal", "People's", "Islamic" ...
const MODIFIERS: &[&str] = &[
    "Federal",
    "Democratic",
    "People's",
    "Peoples'",
    "Peoples",
    "Popular",
    "Socialist",
    "Islamic",
    "Arab",
    "United",
    "Federative",
    "Cooperative",
    "Bolivarian",
    "Oriental",
    "Eastern",
    "Hashemite",
    "Grand",
    "Plurinational",
    "Independent",
    "Sovereign",
    "Revolutionary",
];

/// States of the past whose long form a text may name, with the present country's short name
/// inside: "Kingdom of Italy", "People's Republic of Poland". Beside the historical states of
/// `data/words/place-names.txt`.
const HISTORICAL: &[&str] = &[
    "Kingdom of Afghanistan",
    "Kingdom of Albania",
    "Kingdom of Bulgaria",
    "Kingdom of Burundi",
    "Kingdom of Croatia",
    "Kingdom of Egypt",
    "Kingdom of France",
    "Kingdom of Georgia",
    "Kingdom of Greece",
    "Kingdom of Hawaii",
    "Kingdom of Hungary",
    "Kingdom of Iceland",
    "Kingdom of Iraq",
    "Kingdom of Ireland",
    "Kingdom of Israel",
    "Kingdom of Italy",
    "Kingdom of Korea",
    "Kingdom of Laos",
    "Kingdom of Libya",
    "Kingdom of Lithuania",
    "Kingdom of Montenegro",
    "Kingdom of Nepal",
    "Kingdom of Poland",
    "Kingdom of Portugal",
    "Kingdom of Romania",
    "Kingdom of Rwanda",
    "Kingdom of Serbia",
    "Kingdom of Tunisia",
    "Kingdom of Yemen",
    "Kingdom of Yugoslavia",
    "Kingdom of Finland",
    "Kingdom of Armenia",
    "Kingdom of Madagascar",
    "Kingdom of Fiji",
    "Principality of Albania",
    "Principality of Bulgaria",
    "Principality of Montenegro",
    "Principality of Serbia",
    "Principality of Romania",
    "Grand Duchy of Finland",
    "Grand Duchy of Lithuania",
    "Republic of Afghanistan",
    "Democratic Republic of Afghanistan",
    "Republic of Bolivia",
    "Republic of Egypt",
    "Republic of Hungary",
    "Republic of Pakistan",
    "Republic of Venezuela",
    "Republic of Zaire",
    "Republic of Upper Volta",
    "Republic of Dahomey",
    "Republic of Bosnia and Herzegovina",
    "Republic of Serbian Krajina",
    "Federal Republic of Cameroon",
    "United Republic of Cameroon",
    "Federal Republic of Central America",
    "Federal People's Republic of Yugoslavia",
    "Democratic Republic of Sudan",
    "Democratic Republic of Madagascar",
    "Democratic Republic of Somalia",
    "Democratic Republic of Georgia",
    "Islamic Republic of Afghanistan",
    "Islamic Republic of the Gambia",
    "Islamic Republic of Gambia",
    "Federal Islamic Republic of the Comoros",
    "Socialist Republic of Romania",
    "Socialist Republic of Serbia",
    "Socialist Republic of Croatia",
    "Socialist Republic of Slovenia",
    "Socialist Republic of Montenegro",
    "Socialist Republic of Bosnia and Herzegovina",
    "Socialist Republic of Macedonia",
    "Socialist Republic of the Union of Burma",
    "People's Republic of Albania",
    "People's Republic of Angola",
    "People's Republic of Benin",
    "People's Republic of Bulgaria",
    "People's Republic of the Congo",
    "People's Republic of Congo",
    "People's Republic of Hungary",
    "People's Republic of Korea",
    "People's Republic of Mongolia",
    "People's Republic of Mozambique",
    "People's Republic of Poland",
    "People's Republic of Romania",
    "People's Republic of Ukraine",
    "People's Republic of Yemen",
    "People's Democratic Republic of Ethiopia",
    "People's Revolutionary Republic of Guinea",
    "Democratic Republic of Timor-Leste",
];

/// A long form around a name that is not the state's official one: made up, unless it names
/// something else ([`LongForms::knows`]).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Unofficial {
    /// The phrase, from its first word to the end of the name.
    pub span: Range<usize>,
    /// The phrase folded, without "the".
    pub phrase: String,
}

/// A long form right before the name of `country` at `name` in `text` ("Republic of" +
/// "Germany") that is not the official one, if there is one.
pub(super) fn unofficial(text: &str, name: Range<usize>, country: &Country) -> Option<Unofficial> {
    if country.political || !country.status.is_state() {
        return None;
    }
    // Most names have no "Republic of" before them: that is looked at first.
    let start = long_form_start(text, name.start)?;
    let official = without_the(&fold(&country.official));
    if official == without_the(&fold(&country.short)) {
        // "Republic of Georgia", "Republic of Ireland": no long form to get wrong.
        return None;
    }
    let phrase = without_the(&fold(&text[start..name.end]));
    (phrase != official).then_some(Unofficial {
        span: start..name.end,
        phrase,
    })
}

/// The long forms that are right for something: wanted only when an unofficial one is met, so
/// built then.
pub(super) struct LongForms {
    /// Folded, without "the".
    known: FastSet<String>,
}

impl LongForms {
    pub fn new(registry: &Registry, index: &SurfaceIndex) -> LongForms {
        let mut known: FastSet<String> = index
            .forms()
            .filter(|f| f.entries.iter().all(|e| e.role.is_right_somewhere()))
            .map(|f| without_the(f.folded))
            .collect();
        for c in &registry.countries {
            known.extend(c.former.iter().map(|f| without_the(&fold(&f.name))));
        }
        known.extend(word_list_entries("place-names").map(|p| without_the(&fold(p))));
        known.extend(HISTORICAL.iter().map(|h| without_the(&fold(h))));
        LongForms { known }
    }

    /// Whether a folded phrase without "the" is the name of a state, past or present, or of a
    /// place.
    pub fn knows(&self, phrase: &str) -> bool {
        self.known.contains(phrase)
    }
}

/// Where a long form ending in the name at `name_start` begins: "[Federal] Republic of [the]".
fn long_form_start(text: &str, name_start: usize) -> Option<usize> {
    // "[head] of [the]" before the name, told from the end of the text before it: most names
    // have no "of" before them, and most that do no head before that.
    fn trim(s: &str) -> &str {
        s.trim_end_matches([' ', '\t', '\u{a0}'])
    }
    let mut before = trim(&text[..name_start]);
    if let Some(rest) = before.strip_suffix("the") {
        before = trim(rest);
    }
    let before_of = before.strip_suffix("of")?;
    if !HEADS.iter().any(|h| trim(before_of).ends_with(h)) {
        return None;
    }
    let mut tokens = tokens_before(text, name_start);
    let (_, mut word) = tokens.next()?;
    if word == "the" {
        (_, word) = tokens.next()?;
    }
    if word != "of" {
        return None;
    }
    let (head_start, head) = tokens.next()?;
    if !HEADS.contains(&head) {
        return None;
    }
    let mut start = head_start;
    for (at, word) in tokens {
        let straight = word.replace('’', "'");
        if !MODIFIERS.contains(&straight.as_str()) {
            break;
        }
        start = at;
    }
    Some(start)
}

/// The space-separated tokens before `at`, nearest first, with their offsets; stops at a line
/// break, and looks no further back than a long form can reach.
fn tokens_before(text: &str, at: usize) -> impl Iterator<Item = (usize, &str)> {
    const REACH: usize = 120;
    let window = floor_char_boundary(text, at.saturating_sub(REACH));
    let before = &text[..at];
    let line_start = memchr::memrchr2(b'\n', b'\r', &before.as_bytes()[window..])
        .map_or(window, |i| window + i + 1);
    let line = &before[line_start..];
    let mut end = line.len();
    std::iter::from_fn(move || {
        let trimmed = line[..end].trim_end_matches([' ', '\t', '\u{a0}']);
        if trimmed.is_empty() {
            return None;
        }
        let start = after_last_separator(trimmed);
        end = start;
        Some((line_start + start, &trimmed[start..]))
    })
}

/// Where the text after the last space, tab or no-break space of `s` starts (0 when it has
/// none), read byte by byte: a no-break space is the only character encoded C2 A0.
fn after_last_separator(s: &str) -> usize {
    let bytes = s.as_bytes();
    (0..bytes.len())
        .rev()
        .find(|&i| match bytes[i] {
            b' ' | b'\t' => true,
            0xA0 => i > 0 && bytes[i - 1] == 0xC2,
            _ => false,
        })
        .map_or(0, |i| i + 1)
}

/// A folded name without the article: "republic of the congo" → "republic of congo".
fn without_the(folded: &str) -> String {
    folded
        .split(' ')
        .filter(|w| *w != "the")
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_start_of_a_long_form() {
        let text = "the Federal People’s Republic of the Congo";
        let at = text.find("Congo").unwrap();
        assert_eq!(long_form_start(text, at), Some(4));
        let text = "the Government of Germany";
        assert_eq!(long_form_start(text, text.find("Germany").unwrap()), None);
        let text = "republic of Germany";
        assert_eq!(long_form_start(text, text.find("Germany").unwrap()), None);
    }

    #[test]
    fn tokens_are_cut_at_spaces_tabs_and_no_break_spaces_within_the_line() {
        let text = "x\nla Repúbl\u{a0}Federal\tPeople’s  Republic of the ";
        let tokens: Vec<_> = tokens_before(text, text.len()).collect();
        let words: Vec<&str> = tokens.iter().map(|&(_, w)| w).collect();
        assert_eq!(
            words,
            [
                "the",
                "of",
                "Republic",
                "People’s",
                "Federal",
                "Repúbl",
                "la"
            ]
        );
        for (at, w) in tokens {
            assert_eq!(&text[at..at + w.len()], w);
        }
        // A letter whose last byte is A0 ('à' is C3 A0) is no separator.
        assert_eq!(after_last_separator("là"), 0);
        assert_eq!(after_last_separator("a\u{a0}b"), 3);
    }

    #[test]
    fn articles_do_not_count() {
        assert_eq!(without_the("republic of the congo"), "republic of congo");
    }
}
