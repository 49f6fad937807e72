//! Where a document spells an acronym out: "Full Name (ACR)" or "ACR (Full Name)".
//!
//! The words before the parenthesis are matched from their end: "the 76th UN General Assembly
//! (UNGA)" spells out UNGA as "UN General Assembly". A definition is recognised, in order, by
//! a registry expansion of the acronym, by an earlier definition in the document, or by the
//! acronym's letters fitting the words. A paragraph is read alone: where an earlier definition
//! could decide, the words are kept ([`Again`]) for the whole-document decision to look for it. Words that are another acronym's registry expansion and
//! do not fit the letters ("United Nations Security Council (UNGA)") are a wrong definition.

use super::facts::{Again, Candidate, Found, Mention, Span, WordAt};
use super::index::{Expansion, Index};
use super::words::{
    Fit, Word, acronym_letters, fits, last_words_in, meaning_key, nearest_fit, push_meaning,
    words_in,
};
use crate::document::position::floor_char_boundary;
use crate::registry::{Acronym, Registry};
use crate::text::sentence_start;
use std::ops::Range;

const QUOTES: &[char] = &['"', '“', '”', '‘', '’', '\''];

/// How far before the parenthesis the words of a definition are looked for.
const MAX_EXPANSION_BYTES: usize = 300;

/// The mentions of a paragraph that may spell their acronym out, in order.
pub(super) fn candidates(
    text: &str,
    mentions: &[Mention],
    registry: &Registry,
    index: &Index,
) -> Vec<Candidate> {
    let mut found = Vec::new();
    for (i, mention) in mentions.iter().enumerate() {
        let span = mention.span.at(0);
        let acronym = Defined {
            text,
            key: &text[mention.key_at(0)],
            entry: mention.entry().and_then(|e| registry.acronyms.get(e)),
            registry,
            index,
        };
        let read = if let Some(paren) = parenthesised(text, &span) {
            let words = words_before(text, paren, acronym.key.len());
            acronym.spelt_out_before(&words)
        } else if let Some(gloss) = gloss_after(text, &span) {
            acronym.spelt_out_after(&words_in(text, gloss))
        } else {
            None
        };
        if let Some((found_here, again)) = read {
            found.push(Candidate {
                mention: i as u32,
                found: found_here,
                again: again.map(Box::new),
            });
        }
    }
    found
}

/// The `(` before "(ACR)" (quotes allowed inside: "(“ACR”)").
fn parenthesised(text: &str, span: &Range<usize>) -> Option<usize> {
    let before = text[..span.start].trim_end_matches(QUOTES);
    let after = text[span.end..].trim_start_matches(QUOTES);
    (before.ends_with('(') && after.starts_with(')')).then(|| before.len() - 1)
}

/// The inside of "ACR (Full Name)", on the same line.
fn gloss_after(text: &str, span: &Range<usize>) -> Option<Range<usize>> {
    let rest = &text[span.end..];
    let open = span.end + rest.len() - rest.strip_prefix(' ').unwrap_or(rest).len();
    if !text[open..].starts_with('(') {
        return None;
    }
    let limit = floor_char_boundary(text, open + 1 + MAX_EXPANSION_BYTES);
    let inside = &text[open + 1..limit];
    let close = inside.find([')', '(', '\n'])?;
    inside[close..]
        .starts_with(')')
        .then(|| open + 1..open + 1 + close)
}

/// The words of the clause before `paren`, at most a few more than the acronym has letters.
fn words_before(text: &str, paren: usize, letters: usize) -> Vec<Word> {
    // The sentence is looked for in a window only: a text without periods must not be scanned
    // from its start for every parenthesis.
    let floor = floor_char_boundary(text, paren.saturating_sub(MAX_EXPANSION_BYTES));
    let start = floor + sentence_start(&text[floor..paren], paren - floor);
    let start = text[start..paren]
        .rfind(['(', ')', ';', ':', '\n'])
        .map_or(start, |p| start + p + 1);
    last_words_in(text, start..paren, 2 * letters + 6)
}

/// An acronym at a place that may spell it out.
struct Defined<'a> {
    text: &'a str,
    key: &'a str,
    entry: Option<&'a Acronym>,
    registry: &'a Registry,
    index: &'a Index,
}

/// What the words say read alone, and the words kept for an earlier definition to be
/// recognised in them first.
type Read = (Option<Found>, Option<Again>);

impl Defined<'_> {
    /// Whether a registry expansion belongs to this acronym.
    fn is_own(&self, expansion: &Expansion) -> bool {
        expansion.short == self.key || self.entry.is_some_and(|a| a.short == expansion.short)
    }

    /// "Full Name (ACR)".
    fn spelt_out_before(&self, words: &[Word]) -> Option<Read> {
        let letters = acronym_letters(self.key);
        let expansions = self.index.expansions_ending(words);
        let define = |from: usize, belongs_to: Option<u32>| {
            Some(self.definition(&words[from..], belongs_to))
        };
        if let Some(own) = expansions.iter().find(|e| self.is_own(e)) {
            return Some((define(words.len() - own.words.len(), None), None));
        }
        let again = self.again(words, false);
        let other = expansions.iter().find(|e| e.words.len() >= 2);
        let fits_tightly = (0..words.len()).any(|s| fits(&letters, &words[s..], Fit::Tight));
        let found = if let Some(other) = other.filter(|_| !fits_tightly) {
            define(words.len() - other.words.len(), Some(other.acronym))
        } else if let Some(from) = nearest_fit(&letters, words, Fit::Loose) {
            define(from, None)
        } else {
            // "Doctors Without Borders (MSF)": a name in capitals, spelt out in another language.
            let named = words.len() >= 2
                && words[words.len() - 2..]
                    .iter()
                    .all(|w| self.text[w.span.clone()].starts_with(char::is_uppercase));
            named.then(|| Found {
                expansion: None,
                norms: "".into(),
                meaning: None,
                belongs_to: None,
            })
        };
        (found.is_some() || again.is_some()).then_some((found, again))
    }

    /// "ACR (Full Name)".
    fn spelt_out_after(&self, words: &[Word]) -> Option<Read> {
        let skip = usize::from(words.first().is_some_and(|w| w.norm == "the"));
        let words = &words[skip..];
        if words.len() < 2 {
            return None;
        }
        let letters = acronym_letters(self.key);
        let expansions = self.index.expansions_equal(words);
        if expansions.iter().any(|e| self.is_own(e)) {
            return Some((Some(self.definition(words, None)), None));
        }
        let found = if let Some(other) = expansions
            .first()
            .filter(|_| !fits(&letters, words, Fit::Tight))
        {
            Some(self.definition(words, Some(other.acronym)))
        } else {
            fits(&letters, words, Fit::Loose).then(|| self.definition(words, None))
        };
        Some((found, self.again(words, true)))
    }

    fn definition(&self, words: &[Word], belongs_to: Option<u32>) -> Found {
        let expansion = match (words.first(), words.last()) {
            (Some(first), Some(last)) => Some(Span::of(first.span.start..last.span.end)),
            _ => None,
        };
        let right = belongs_to.is_none();
        Found {
            expansion,
            // A wrong definition is not one to recognise again: each repetition is wrong too.
            norms: if right {
                joined_norms(words).into()
            } else {
                "".into()
            },
            meaning: right.then(|| meaning_key(self.text, words, self.registry).into()),
            belongs_to,
        }
    }

    /// The words, kept for an earlier definition to be recognised in them.
    fn again(&self, words: &[Word], whole_only: bool) -> Option<Again> {
        let last = words.last()?;
        let mut norms = String::new();
        let mut meaning = String::new();
        let mut at = Vec::with_capacity(words.len());
        for word in words {
            if !norms.is_empty() {
                norms.push(' ');
            }
            at.push(WordAt {
                start: word.span.start as u32,
                norms_at: norms.len() as u32,
                meaning_at: meaning.len() as u32,
            });
            norms.push_str(&word.norm);
            push_meaning(&mut meaning, self.text, word, self.registry);
        }
        Some(Again {
            norms: norms.into(),
            meaning: meaning.into(),
            words: at.into(),
            end: last.span.end as u32,
            whole_only,
        })
    }
}

/// The normalised words joined by spaces (a norm has none).
fn joined_norms(words: &[Word]) -> String {
    let mut joined = String::new();
    for word in words {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(&word.norm);
    }
    joined
}

/// Whether two meanings are the same: equal, or one the end of the other ("General Assembly",
/// "United Nations General Assembly").
pub(super) fn same_meaning(a: &str, b: &str) -> bool {
    a.ends_with(b) || b.ends_with(a)
}
