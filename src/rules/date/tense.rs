//! Whether a date is told in the past or the future: "On Thursday, the ministers met" is the
//! Thursday before the report, "the ministers will meet on Thursday" the one after. The tense
//! is read from the nearest clue in the sentence, before the date first.

use super::tokens::{Kind, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// Past forms that do not end in "-ed".
const IRREGULAR_PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "met",
    "held",
    "said",
    "spoke",
    "took",
    "made",
    "gave",
    "told",
    "saw",
    "went",
    "came",
    "began",
    "sent",
    "won",
    "left",
    "paid",
    "brought",
    "sought",
    "thought",
    "rose",
    "fell",
    "struck",
    "wrote",
    "became",
    "chose",
    "drew",
    "flew",
    "forgot",
    "grew",
    "knew",
    "lost",
    "meant",
    "overtook",
    "ran",
    "sat",
    "shook",
    "stood",
    "swore",
    "taught",
    "understood",
    "underwent",
    "undertook",
    "withdrew",
    "ago",
];

/// Words that end in "-ed" but are no past tense.
const NOT_PAST: &[&str] = &[
    "need",
    "needs",
    "indeed",
    "speed",
    "proceed",
    "exceed",
    "succeed",
    "hundred",
    "hundreds",
    "bed",
    "shed",
    "seed",
    "feed",
    "embed",
    "breed",
    "creed",
    "greed",
    "deed",
    "steed",
    "red",
    "sacred",
    "naked",
    "wicked",
    "kindred",
    "unprecedented",
    "proposed",
    "planned",
    "scheduled",
    "expected",
    "advanced",
    "united",
    "based",
    "related",
    "limited",
    "detailed",
    "varied",
    "concerned",
    "interested",
    "dedicated",
    "sophisticated",
    "coordinated",
];

/// Words that point to what is yet to come.
const FUTURE: &[&str] = &[
    "will",
    "shall",
    "would",
    "ll",
    "upcoming",
    "forthcoming",
    "next",
    "scheduled",
    "planned",
    "expected",
    "expects",
    "intends",
    "intend",
    "ahead",
    "soon",
    "tomorrow",
];

/// Present forms: what goes on around the document's date, neither past nor future.
const PRESENT: &[&str] = &[
    "is",
    "are",
    "am",
    "continues",
    "continue",
    "runs",
    "run",
    "remains",
    "remain",
    "lasts",
    "says",
    "meets",
    "opens",
    "closes",
    "begins",
    "ends",
    "takes",
    "holds",
    "until",
];

/// Words after "to" that show it is a preposition, not an infinitive.
const NOT_VERB_AFTER_TO: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those", "all", "both", "each", "every", "some", "any", "date", "day", "be", "and", "or",
    "what", "which", "whom", "whose", "us", "them", "him", "me", "one", "two", "three",
];

fn clue(tokens: &[Token], i: usize) -> Option<Tense> {
    let t = &tokens[i];
    if t.kind != Kind::Word || !t.is_lowercase() {
        return None;
    }
    let w = t.text;
    if FUTURE.contains(&w) {
        return Some(Tense::Future);
    }
    if PRESENT.contains(&w) {
        return Some(Tense::Unknown);
    }
    if w == "forward" && i > 0 && tokens[i - 1].text.starts_with("look") {
        return Some(Tense::Future);
    }
    if w == "to" {
        let next = tokens.get(i + 1)?;
        let infinitive = next.kind == Kind::Word
            && next.is_lowercase()
            && !NOT_VERB_AFTER_TO.contains(&next.text)
            && !next.text.ends_with("ing");
        return infinitive.then_some(Tense::Future);
    }
    if IRREGULAR_PAST.contains(&w) {
        return Some(Tense::Past);
    }
    let regular_past = w.len() > 4 && w.ends_with("ed") && !NOT_PAST.contains(&w);
    regular_past.then_some(Tense::Past)
}

/// The tense in which the date at token `at` is told, from the tokens `sentence` of its
/// sentence. Clues inside the date itself (`at..after`) are skipped.
pub fn tense_of(
    tokens: &[Token],
    sentence: std::ops::Range<usize>,
    at: usize,
    after: usize,
) -> Tense {
    let before = (sentence.start..at.min(tokens.len())).rev();
    // A "looked forward" reads as future although "looked" is past: the later word wins
    // when two clues stand side by side, so look at both before choosing.
    for i in before {
        if let Some(t) = clue(tokens, i) {
            if t == Tense::Past && i + 1 < at && clue(tokens, i + 1) == Some(Tense::Future) {
                return Tense::Future;
            }
            return t;
        }
    }
    (after..sentence.end.min(tokens.len()))
        .find_map(|i| clue(tokens, i))
        .unwrap_or(Tense::Unknown)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn tense(text: &str, date_word: &str) -> Tense {
        let toks = tokenize(text);
        let at = toks.iter().position(|t| t.text == date_word).unwrap();
        tense_of(&toks, 0..toks.len(), at, at + 1)
    }

    #[test]
    fn nearest_clue_decides() {
        assert_eq!(
            tense("On Thursday, the diplomats held meetings.", "Thursday"),
            Tense::Past
        );
        assert_eq!(
            tense("The ministers will meet on Thursday.", "Thursday"),
            Tense::Future
        );
        assert_eq!(
            tense(
                "The leaders, who met in March, will meet again in June.",
                "March"
            ),
            Tense::Past
        );
        assert_eq!(
            tense(
                "The leaders, who met in March, will meet again in June.",
                "June"
            ),
            Tense::Future
        );
        assert_eq!(
            tense("He invited her to visit Washington in June.", "June"),
            Tense::Future
        );
        assert_eq!(
            tense("They looked forward to talks in June.", "June"),
            Tense::Future
        );
        assert_eq!(tense("Talks in June.", "June"), Tense::Unknown);
        assert_eq!(
            tense("The centre, inaugurated in July, hosts.", "July"),
            Tense::Past
        );
        assert_eq!(
            tense(
                "On Monday the cabinet approved the plan; on Tuesday it was sent.",
                "Tuesday"
            ),
            Tense::Past
        );
        assert_eq!(
            tense(
                "The session, which opened in September, continues until October.",
                "October"
            ),
            Tense::Unknown
        );
    }
}
