//! Where a document spells an acronym out: "Full Name (ACR)" or "ACR (Full Name)".
//!
//! The words before the parenthesis are matched from their end: "the 76th UN General Assembly
//! (UNGA)" spells out UNGA as "UN General Assembly". A definition is recognised, in order, by
//! a registry expansion of the acronym, by an earlier definition in the document, or by the
//! acronym's letters fitting the words. Words that are another acronym's registry expansion and
//! do not fit the letters ("United Nations Security Council (UNGA)") are a wrong definition.

use super::index::{Index, ends_with};
use super::scan::Mention;
use super::words::{Fit, Word, acronym_letters, fits, meaning_key, nearest_fit, words_in};
use crate::document::position::floor_char_boundary;
use crate::registry::Registry;
use crate::text::sentence_around;
use std::collections::HashMap;
use std::ops::Range;

const QUOTES: &[char] = &['"', '“', '”', '‘', '’', '\''];

/// How far before the parenthesis the words of a definition are looked for.
const MAX_EXPANSION_BYTES: usize = 300;

#[derive(Debug, Clone)]
pub(super) struct Definition {
    /// Index of the defined mention.
    pub mention: usize,
    pub key: String,
    /// The acronym where it is defined.
    pub site: Range<usize>,
    /// The words that spell it out, when they are known.
    pub expansion: Option<Range<usize>>,
    /// The normalised words of the expansion, to recognise it again.
    norms: Vec<String>,
    /// What two expansions of one acronym are compared by.
    pub meaning: Option<String>,
    /// The words are another acronym's registry expansion: that acronym ("UNSC").
    pub belongs_to: Option<String>,
}

/// Every definition in the document, in order.
pub(super) fn definitions(
    text: &str,
    mentions: &[Mention],
    registry: &Registry,
    index: &Index,
) -> Vec<Definition> {
    let mut found: Vec<Definition> = Vec::new();
    let mut earlier = Earlier::default();
    for (i, mention) in mentions.iter().enumerate() {
        let definition = if let Some(paren) = parenthesised(text, &mention.span) {
            let words = words_before(text, paren, mention.key.len());
            spelt_out_before(text, i, mention, &words, &earlier, registry, index)
        } else if let Some(gloss) = gloss_after(text, &mention.span) {
            let words = words_in(text, gloss);
            spelt_out_after(text, i, mention, &words, &earlier, registry, index)
        } else {
            None
        };
        if let Some(d) = definition {
            earlier.remember(&d);
            found.push(d);
        }
    }
    found
}

/// The different expansions each acronym was given so far, as normalised words.
#[derive(Default)]
struct Earlier {
    expansions: HashMap<String, Vec<Vec<String>>>,
}

impl Earlier {
    fn remember(&mut self, d: &Definition) {
        if d.norms.is_empty() {
            return;
        }
        let known = self.expansions.entry(d.key.clone()).or_default();
        if !known.contains(&d.norms) {
            known.push(d.norms.clone());
        }
    }

    fn of(&self, key: &str) -> impl Iterator<Item = &Vec<String>> {
        self.expansions.get(key).into_iter().flatten()
    }
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
    let start = floor + sentence_around(&text[floor..paren], paren - floor).start;
    let start = text[start..paren]
        .rfind(['(', ')', ';', ':', '\n'])
        .map_or(start, |p| start + p + 1);
    let mut words = words_in(text, start..paren);
    let keep = 2 * letters + 6;
    if words.len() > keep {
        words.drain(..words.len() - keep);
    }
    words
}

/// Whether a registry expansion belongs to the mention's own acronym.
fn is_own(short: &str, mention: &Mention) -> bool {
    short == mention.key || mention.entry.is_some_and(|a| a.short == short)
}

/// "Full Name (ACR)".
fn spelt_out_before(
    text: &str,
    at: usize,
    mention: &Mention,
    words: &[Word],
    earlier: &Earlier,
    registry: &Registry,
    index: &Index,
) -> Option<Definition> {
    let letters = acronym_letters(&mention.key);
    let expansions = index.expansions_ending(words);
    let define = |from: usize, belongs_to: Option<String>| {
        Some(definition(
            text,
            at,
            mention,
            &words[from..],
            belongs_to,
            registry,
        ))
    };
    if let Some(own) = expansions.iter().find(|e| is_own(&e.short, mention)) {
        return define(words.len() - own.words.len(), None);
    }
    if let Some(before) = earlier.of(&mention.key).find(|n| ends_with(words, n)) {
        return define(words.len() - before.len(), None);
    }
    let other = expansions.iter().find(|e| e.words.len() >= 2);
    let fits_tightly = (0..words.len()).any(|s| fits(&letters, &words[s..], Fit::Tight));
    if let Some(other) = other.filter(|_| !fits_tightly) {
        return define(words.len() - other.words.len(), Some(other.short.clone()));
    }
    if let Some(from) = nearest_fit(&letters, words, Fit::Loose) {
        return define(from, None);
    }
    // "Doctors Without Borders (MSF)": a name in capitals, spelt out in another language.
    let named = words.len() >= 2
        && words[words.len() - 2..]
            .iter()
            .all(|w| text[w.span.clone()].starts_with(char::is_uppercase));
    named.then(|| Definition {
        mention: at,
        key: mention.key.clone(),
        site: mention.span.clone(),
        expansion: None,
        norms: Vec::new(),
        meaning: None,
        belongs_to: None,
    })
}

/// "ACR (Full Name)".
fn spelt_out_after(
    text: &str,
    at: usize,
    mention: &Mention,
    words: &[Word],
    earlier: &Earlier,
    registry: &Registry,
    index: &Index,
) -> Option<Definition> {
    let skip = usize::from(words.first().is_some_and(|w| w.norm == "the"));
    let words = &words[skip..];
    if words.len() < 2 {
        return None;
    }
    let letters = acronym_letters(&mention.key);
    let expansions = index.expansions_equal(words);
    let define = |belongs_to| Some(definition(text, at, mention, words, belongs_to, registry));
    let same_as_before = earlier
        .of(&mention.key)
        .any(|n| n.len() == words.len() && n.iter().zip(words).all(|(n, w)| *n == w.norm));
    if same_as_before || expansions.iter().any(|e| is_own(&e.short, mention)) {
        return define(None);
    }
    if let Some(other) = expansions
        .first()
        .filter(|_| !fits(&letters, words, Fit::Tight))
    {
        return define(Some(other.short.clone()));
    }
    fits(&letters, words, Fit::Loose).then(|| definition(text, at, mention, words, None, registry))
}

fn definition(
    text: &str,
    at: usize,
    mention: &Mention,
    words: &[Word],
    belongs_to: Option<String>,
    registry: &Registry,
) -> Definition {
    let expansion = match (words.first(), words.last()) {
        (Some(first), Some(last)) => Some(first.span.start..last.span.end),
        _ => None,
    };
    Definition {
        mention: at,
        key: mention.key.clone(),
        site: mention.span.clone(),
        expansion,
        // A wrong definition is not one to recognise again: each repetition is wrong too.
        norms: if belongs_to.is_none() {
            words.iter().map(|w| w.norm.clone()).collect()
        } else {
            Vec::new()
        },
        meaning: belongs_to
            .is_none()
            .then(|| meaning_key(text, words, registry)),
        belongs_to,
    }
}

/// Whether two meanings are the same: equal, or one the end of the other ("General Assembly",
/// "United Nations General Assembly").
pub(super) fn same_meaning(a: &str, b: &str) -> bool {
    a.ends_with(b) || b.ends_with(a)
}
