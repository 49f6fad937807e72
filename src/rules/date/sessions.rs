//! Numbered sessions, conferences and summits ("the 76th session of the UN General Assembly",
//! "76th UNGA", "UNGA76", "COP26", "COP-27", "the 48th session of the Human Rights Council",
//! "the 17th G20 summit"), found against the registry's numbered series.

use super::tokens::{Kind, Token};
use super::write::ordinal;
use crate::registry::{Registry, SeriesItem, SeriesKind};
use crate::text::fold;
use jiff::civil::Date;
use std::ops::Range;

/// A series, ready for matching.
#[derive(Debug)]
pub struct SeriesIndex {
    pub id: String,
    pub name: String,
    pub kind: SeriesKind,
    /// Acronyms that take the number glued or after a space: "COP26", "UNGA 76".
    compact: Vec<String>,
    /// Every alias as folded words, punctuation left out ("U.N. General Assembly" →
    /// u n general assembly), longest first.
    aliases: Vec<Vec<String>>,
    /// Folded words of each item's place, with the item's number.
    places: Vec<(Vec<String>, u32)>,
    pub items: Vec<SeriesItem>,
    /// Each session runs until the next opens (the UN General Assembly): at any date one of
    /// them is in session.
    pub contiguous: bool,
}

impl SeriesIndex {
    pub fn item(&self, number: u32) -> Option<&SeriesItem> {
        self.items.iter().find(|i| i.number == number)
    }

    /// The first and last day of an item (the last day of a session without a known end is
    /// the day before the next one opens, else its first day).
    pub fn interval(&self, item: &SeriesItem) -> (Date, Date) {
        let next_start = self
            .item(item.number + 1)
            .and_then(|n| n.start.yesterday().ok());
        let end = item
            .end
            .or(if self.contiguous { next_start } else { None })
            .unwrap_or(item.start);
        (item.start, end.max(item.start))
    }

    /// The items held at a place (folded words).
    pub fn items_at(&self, place: &[String]) -> Vec<u32> {
        self.places
            .iter()
            .filter(|(p, _)| p == place)
            .map(|(_, n)| *n)
            .collect()
    }

    /// The place of one of the items that stands in `tokens` at `k` (the longest), as folded
    /// words.
    pub fn place_at(&self, tokens: &[Token], k: usize) -> Option<&[String]> {
        self.places
            .iter()
            .map(|(words, _)| words.as_slice())
            .filter(|words| match_words(tokens, k, words).is_some())
            .max_by_key(|words| words.len())
    }

    /// "COP26", "the 76th session of the United Nations General Assembly".
    pub fn describe(&self, number: u32) -> String {
        match self.compact.first() {
            Some(short) if self.kind == SeriesKind::Conference => format!("{short}{number}"),
            _ => format!("the {} {}", ordinal(number), self.name),
        }
    }
}

/// The registry's numbered series, indexed.
#[derive(Debug, Default)]
pub struct Sessions {
    pub series: Vec<SeriesIndex>,
    /// The first letters of the compact acronyms ("C" of "COP"), by ASCII code: a word that
    /// starts with none is no compact session, and the series are not looked at. (Every
    /// compact acronym is three capitals or more, see `Sessions::new`.)
    compact_initials: u128,
    /// The first bytes that a word opening an alias may have, both cases, by ASCII code: a word
    /// that starts with none opens no alias ("the 76th session of the"), and the aliases are
    /// not compared with it. All, when an alias has no words.
    alias_initials: u128,
}

/// How the number of a session is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberForm {
    /// "76th": the span is the ordinal.
    Ordinal,
    /// "COP26", "UNGA 76", "COP-27": the span is the whole acronym and number.
    Compact,
}

/// A numbered session found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionMention {
    /// Index into `Sessions::series`.
    pub series: usize,
    pub number: u32,
    /// The whole mention.
    pub span: Range<usize>,
    /// What a fix of the number replaces: the ordinal, or acronym and number.
    pub number_span: Range<usize>,
    pub form: NumberForm,
    /// Token indices of the mention.
    pub tokens: Range<usize>,
}

/// Words that may stand between an ordinal and the series' name: "76th regular session of the".
const CONNECTORS: &[&str] = &[
    "session", "regular", "ordinary", "annual", "of", "the", "summit", "leaders",
];

/// Punctuation left out when names are compared ("U.N.", "G-20", "Leaders'").
fn skippable(t: &Token) -> bool {
    t.kind == Kind::Punct && matches!(t.text, "." | "-" | "–" | "‐" | "'" | "’")
}

/// A word compared with a folded word.
fn same_word(text: &str, folded: &str) -> bool {
    if text.is_ascii() {
        text.eq_ignore_ascii_case(folded)
    } else {
        fold(text) == folded
    }
}

/// The folded words of a name, punctuation left out.
fn name_words(name: &str) -> Vec<String> {
    super::tokens::tokenize(name)
        .iter()
        .filter(|t| t.kind != Kind::Punct)
        .map(|t| fold(t.text))
        .collect()
}

/// Whether `words` stand in `tokens` from `i`, punctuation skipped; the end token when they do.
pub fn match_words(tokens: &[Token], mut i: usize, words: &[String]) -> Option<usize> {
    for (n, w) in words.iter().enumerate() {
        while n > 0 && tokens.get(i).is_some_and(skippable) {
            i += 1;
        }
        let t = tokens.get(i)?;
        if t.kind == Kind::Punct || (n > 0 && t.break_before) || !same_word(t.text, w) {
            return None;
        }
        i += 1;
    }
    Some(i)
}

impl Sessions {
    pub fn new(registry: &Registry) -> Sessions {
        let series = registry
            .series
            .iter()
            .map(|s| {
                let compact = s
                    .aliases
                    .iter()
                    .filter(|a| {
                        s.kind != SeriesKind::Summit
                            && a.len() >= 3
                            && a.chars().all(|c| c.is_ascii_uppercase())
                    })
                    .map(|a| a.to_string())
                    .collect();
                let mut aliases: Vec<Vec<String>> =
                    s.aliases.iter().map(|a| name_words(a)).collect();
                aliases.sort_by_key(|a| std::cmp::Reverse(a.len()));
                aliases.dedup();
                let places = s
                    .items
                    .iter()
                    .filter_map(|i| Some((name_words(i.place.as_deref()?), i.number)))
                    .collect();
                let contiguous = s.items.len() > 2
                    && s.items.windows(2).all(|w| {
                        w[1].number != w[0].number + 1
                            || w[0].end.is_none()
                            || w[0].end.and_then(|e| e.tomorrow().ok()) == Some(w[1].start)
                    })
                    && s.items.windows(2).any(|w| w[0].end.is_some());
                SeriesIndex {
                    id: s.id.to_string(),
                    name: s.name.to_string(),
                    kind: s.kind,
                    compact,
                    aliases,
                    places,
                    items: s.items.clone(),
                    contiguous,
                }
            })
            .collect::<Vec<SeriesIndex>>();
        let compact_initials = series
            .iter()
            .flat_map(|s| &s.compact)
            .filter_map(|c| c.bytes().next())
            .fold(0, |set, b| set | initial_bit(b));
        let alias_initials =
            series
                .iter()
                .flat_map(|s| &s.aliases)
                .fold(0, |set, alias| match alias.first() {
                    None => u128::MAX,
                    Some(word) => {
                        let b = word.bytes().next().unwrap_or(0);
                        set | initial_bit(b.to_ascii_lowercase())
                            | initial_bit(b.to_ascii_uppercase())
                    }
                });
        Sessions {
            series,
            compact_initials,
            alias_initials,
        }
    }

    /// Every numbered session of the tokens.
    pub fn find(&self, tokens: &[Token]) -> Vec<SessionMention> {
        let mut found = Vec::new();
        let mut i = 0;
        while let Some(t) = tokens.get(i) {
            // Most tokens open no session: passed over before anything is tried.
            if t.kind != Kind::Ordinal && !self.may_be_compact(t) {
                i += 1;
                continue;
            }
            let hit = self
                .compact_at(tokens, i)
                .or_else(|| self.ordinal_at(tokens, i));
            match hit {
                Some(m) => {
                    i = m.tokens.end;
                    found.push(m);
                }
                None => i += 1,
            }
        }
        found
    }

    /// Whether a compact session may start at `t`: compact acronyms are capitals, three or
    /// more, "Canada" or "Council" is none.
    fn may_be_compact(&self, t: &Token) -> bool {
        // The second capital first: most words have none, and are told at one look.
        let capitals = |bytes: &[u8]| match *bytes {
            [a, b, _, ..] => b.is_ascii_uppercase() && self.compact_initials & initial_bit(a) != 0,
            _ => false,
        };
        t.kind == Kind::Word && capitals(t.text.as_bytes())
    }

    /// "COP26", "UNGA76", "COP 26", "COP-26", "UNGA 76".
    fn compact_at(&self, tokens: &[Token], i: usize) -> Option<SessionMention> {
        let t = tokens.get(i)?;
        if !self.may_be_compact(t) {
            return None;
        }
        let digits_at = t.text.find(|c: char| c.is_ascii_digit());
        for (s, series) in self.series.iter().enumerate() {
            for short in &series.compact {
                let (number, end) = match digits_at {
                    Some(at) if &t.text[..at] == short => (number_of(&t.text[at..])?, i + 1),
                    None if t.text == short => {
                        let mut j = i + 1;
                        if tokens
                            .get(j)
                            .is_some_and(|d| d.is_dash() && !d.space_before)
                        {
                            j += 1;
                        }
                        let n = tokens.get(j).filter(|n| {
                            n.kind == Kind::Number && !n.break_before && !glued_on(tokens, j)
                        })?;
                        (number_of(n.text)?, j + 1)
                    }
                    _ => continue,
                };
                let span = t.span.start..tokens[end - 1].span.end;
                return Some(SessionMention {
                    series: s,
                    number,
                    span: span.clone(),
                    number_span: span,
                    form: NumberForm::Compact,
                    tokens: i..end,
                });
            }
        }
        None
    }

    /// Whether an alias may start at `t`: a word beyond ASCII is compared folded, and always
    /// may.
    fn may_open_alias(&self, t: Option<&Token>) -> bool {
        let first = t.and_then(|t| t.text.bytes().next());
        match first {
            Some(b) if b.is_ascii() => self.alias_initials & initial_bit(b) != 0,
            Some(_) => true,
            None => self.alias_initials == u128::MAX,
        }
    }

    /// "the 76th session of the UN General Assembly", "76th UNGA", "the 17th G20 summit".
    fn ordinal_at(&self, tokens: &[Token], i: usize) -> Option<SessionMention> {
        let t = tokens.get(i)?;
        if t.kind != Kind::Ordinal {
            return None;
        }
        let number = t.number().filter(|n| (1..1000).contains(n))?;
        let mut j = i + 1;
        let mut summit = false;
        while j < i + 7 {
            let c = tokens.get(j)?;
            if c.break_before || !(c.is_any_word(CONNECTORS) || skippable(c)) {
                break;
            }
            summit |= c.is_word("summit");
            j += 1;
        }
        // Connectors are also words of some names ("G20 Leaders' Summit"): try every start.
        for start in (i + 1)..=j {
            if !self.may_open_alias(tokens.get(start)) {
                continue;
            }
            for (s, series) in self.series.iter().enumerate() {
                for alias in &series.aliases {
                    let Some(mut end) = match_words(tokens, start, alias) else {
                        continue;
                    };
                    if other_assembly(tokens, end, alias) {
                        return None;
                    }
                    let mut has_summit = summit || alias.iter().any(|w| w == "summit");
                    if let Some(after) = tokens.get(end) {
                        let tail = after.is_word("session") || after.is_word("summit");
                        if tail && !after.break_before {
                            has_summit |= after.is_word("summit");
                            end += 1;
                        }
                    }
                    if series.kind == SeriesKind::Summit && !has_summit {
                        continue;
                    }
                    return Some(SessionMention {
                        series: s,
                        number,
                        span: t.span.start..tokens[end - 1].span.end,
                        number_span: t.span.clone(),
                        form: NumberForm::Ordinal,
                        tokens: i..end,
                    });
                }
            }
        }
        None
    }
}

/// The bit of an ASCII byte in a set of 128; none for other bytes.
fn initial_bit(b: u8) -> u128 {
    if b.is_ascii() { 1 << b } else { 0 }
}

/// A number of at most three digits, not zero.
fn number_of(digits: &str) -> Option<u32> {
    let ok = !digits.is_empty() && digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| digits.parse().ok()).flatten().filter(|n| *n > 0)
}

/// The number at `j` goes on as a figure: "COP 26.5", "COP 2,000".
fn glued_on(tokens: &[Token], j: usize) -> bool {
    let Some(next) = tokens.get(j + 1).filter(|t| !t.space_before) else {
        return false;
    };
    (next.is_punct('.') || next.is_punct(',') || next.is_punct(':'))
        && tokens
            .get(j + 2)
            .is_some_and(|t| !t.space_before && t.kind == Kind::Number)
}

/// "the 50th General Assembly of the OAS": "General Assembly" alone, then another body.
fn other_assembly(tokens: &[Token], end: usize, alias: &[String]) -> bool {
    if alias != ["general", "assembly"] {
        return false;
    }
    let Some(of) = tokens.get(end) else {
        return false;
    };
    if !of.is_word("of") {
        return false;
    }
    let mut k = end + 1;
    if tokens.get(k).is_some_and(|t| t.is_word("the")) {
        k += 1;
    }
    tokens
        .get(k)
        .is_some_and(|t| t.is_capitalised() && !t.is_any_word(&["United", "UN", "U"]))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn sessions() -> Sessions {
        Sessions::new(&crate::registry::Registry::embedded())
    }

    fn found(text: &str) -> Vec<(String, u32, String)> {
        let s = sessions();
        let tokens = tokenize(text);
        s.find(&tokens)
            .into_iter()
            .map(|m| {
                (
                    s.series[m.series].id.clone(),
                    m.number,
                    text[m.number_span].to_string(),
                )
            })
            .collect()
    }

    fn one(series: &str, n: u32, fix_span: &str) -> Vec<(String, u32, String)> {
        vec![(series.to_string(), n, fix_span.to_string())]
    }

    #[test]
    fn every_alias_passes_the_quick_look_at_its_first_word() {
        let s = sessions();
        for alias in s.series.iter().flat_map(|series| &series.aliases) {
            let written = alias.join(" ");
            for text in [written.clone(), written.to_uppercase()] {
                let tokens = tokenize(&text);
                assert!(s.may_open_alias(tokens.first()), "{text}");
            }
        }
    }

    #[test]
    fn sessions_in_every_form() {
        let cases = [
            (
                "the 76th session of the UN General Assembly",
                one("unga", 76, "76th"),
            ),
            (
                "the 76th session of the General Assembly",
                one("unga", 76, "76th"),
            ),
            (
                "the 76th UN General Assembly (UNGA)",
                one("unga", 76, "76th"),
            ),
            (
                "on the sidelines of the 76th UNGA.",
                one("unga", 76, "76th"),
            ),
            (
                "the 76th United Nations General Assembly session",
                one("unga", 76, "76th"),
            ),
            ("at UNGA76 in New York", one("unga", 76, "UNGA76")),
            ("at UNGA 76 in New York", one("unga", 76, "UNGA 76")),
            ("at COP26 in Glasgow", one("cop", 26, "COP26")),
            ("at COP 27 this week", one("cop", 27, "COP 27")),
            ("at COP-27 in Egypt", one("cop", 27, "COP-27")),
            (
                "the 48th session of the Human Rights Council",
                one("hrc", 48, "48th"),
            ),
            (
                "the 48th regular session of the Human Rights Council",
                one("hrc", 48, "48th"),
            ),
            ("HRC48 opened", one("hrc", 48, "HRC48")),
            ("the 17th G20 summit in Bali", one("g20", 17, "17th")),
            ("the 16th G20 Leaders' Summit", one("g20", 16, "16th")),
            ("the 15th BRICS Summit", one("brics", 15, "15th")),
            ("the 49th G7 summit in Hiroshima", one("g7", 49, "49th")),
            (
                "the 26th UN Climate Change Conference",
                one("cop", 26, "26th"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), want, "{text}");
        }
    }

    #[test]
    fn what_is_no_numbered_session() {
        for text in [
            "the G20 summit in Rome",
            "the 5th meeting of G20 finance ministers",
            "the 53rd General Assembly of the OAS",
            "the 76th anniversary of the United Nations",
            "BRICS 2023 in Johannesburg",
            "COP 2021",
            "the 21st century",
            "the G20 and the 3rd G7 ministers",
            "cop26",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }

    #[test]
    fn intervals_of_contiguous_sessions() {
        let s = sessions();
        let unga = s.series.iter().find(|s| s.id == "unga").unwrap();
        assert!(unga.contiguous);
        let (start, end) = unga.interval(unga.item(76).unwrap());
        assert_eq!(
            (start.to_string(), end.to_string()),
            ("2021-09-14".into(), "2022-09-12".into())
        );
        let cop = s.series.iter().find(|s| s.id == "cop").unwrap();
        assert!(!cop.contiguous);
        assert_eq!(cop.items_at(&name_words("Glasgow")), [26]);
        assert_eq!(
            unga.describe(75),
            "the 75th session of the United Nations General Assembly"
        );
        assert_eq!(cop.describe(26), "COP26");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(22), "22nd");
    }
}
