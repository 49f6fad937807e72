//! What the acronym check looks up, built once per registry: every registry expansion by its
//! last word, and the word lists that tell an acronym from a shouted word, a numeral, a country
//! code or a family name in capitals.

use super::words::{Word, words_in};
use crate::hash::{FastMap, FastSet};
use crate::registry::{Registry, is_english_word, word_list_entries};
use crate::text::fold;
use std::sync::OnceLock;

/// One expansion of a registry acronym, as normalised words.
#[derive(Debug)]
pub(super) struct Expansion {
    pub short: String,
    /// The acronym's index in `Registry::acronyms`.
    pub acronym: u32,
    pub words: Vec<String>,
}

pub(super) struct Index {
    /// The registry's acronyms by their short form: indexes of `Registry::acronyms`, which the
    /// facts keep instead of references.
    acronyms: FastMap<String, usize>,
    /// The expansions worth offering as fixes, by acronym: found the first time an acronym
    /// is reported as never spelt out, then kept.
    spelt_out: Box<[OnceLock<Vec<String>>]>,
    /// Some acronym or country code has no capital: a token without one may be one.
    caseless: bool,
    expansions: Vec<Expansion>,
    /// Indexes into `expansions`, by their last normalised word.
    by_last_word: FastMap<String, Vec<usize>>,
    /// Family names of the registry's people, folded: "SUGA Yoshihide" is a name.
    family_names: FastSet<String>,
    /// ISO 3166-1 alpha-2 and alpha-3 codes.
    country_codes: FastSet<String>,
    honorifics: FastSet<&'static str>,
    /// Acronyms of numbered series ("COP", "HRC"): "COP26" is a use of COP.
    numbered: FastSet<String>,
}

impl Index {
    pub fn new(registry: &Registry) -> Index {
        let mut expansions = Vec::new();
        let mut by_last_word: FastMap<String, Vec<usize>> = FastMap::default();
        for (id, acronym) in registry.acronyms.iter().enumerate() {
            for text in &acronym.expansions {
                let words: Vec<String> = words_in(text, 0..text.len())
                    .into_iter()
                    .map(|w| w.norm)
                    .collect();
                let Some(last) = words.last() else { continue };
                by_last_word
                    .entry(last.clone())
                    .or_default()
                    .push(expansions.len());
                expansions.push(Expansion {
                    short: acronym.short.clone(),
                    acronym: id as u32,
                    words,
                });
            }
        }
        Index {
            acronyms: registry
                .acronyms
                .iter()
                .enumerate()
                .map(|(i, a)| (a.short.clone(), i))
                .collect(),
            spelt_out: registry.acronyms.iter().map(|_| OnceLock::new()).collect(),
            caseless: registry
                .acronyms
                .iter()
                .map(|a| &a.short)
                .chain(registry.countries.iter().flat_map(|c| [&c.code, &c.alpha3]))
                .any(|s| !s.is_empty() && !s.chars().any(char::is_uppercase)),
            expansions,
            by_last_word,
            family_names: family_names(registry),
            country_codes: registry
                .countries
                .iter()
                .flat_map(|c| [c.code.clone(), c.alpha3.clone()])
                .filter(|c| !c.is_empty())
                .collect(),
            honorifics: word_list_entries("honorifics").collect(),
            numbered: registry
                .series
                .iter()
                .flat_map(|s| &s.aliases)
                .filter(|a| a.chars().all(|c| c.is_ascii_uppercase()))
                .cloned()
                .collect(),
        }
    }

    /// The registry expansions that `words` end with, longest first.
    pub fn expansions_ending(&self, words: &[Word]) -> Vec<&Expansion> {
        let Some(last) = words.last() else {
            return Vec::new();
        };
        let mut found: Vec<&Expansion> = self
            .by_last_word
            .get(&last.norm)
            .into_iter()
            .flatten()
            .map(|&i| &self.expansions[i])
            .filter(|e| ends_with(words, &e.words))
            .collect();
        found.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
        found
    }

    /// The registry expansions that are exactly `words`.
    pub fn expansions_equal(&self, words: &[Word]) -> Vec<&Expansion> {
        self.expansions_ending(words)
            .into_iter()
            .filter(|e| e.words.len() == words.len())
            .collect()
    }

    /// The index in `Registry::acronyms` of the acronym written `short`.
    pub fn acronym(&self, short: &str) -> Option<usize> {
        self.acronyms.get(short).copied()
    }

    /// The expansions of the registry's acronym `id` worth offering as fixes.
    pub fn spelt_out(&self, id: usize, registry: &Registry) -> &[String] {
        let Some((cell, acronym)) = self.spelt_out.get(id).zip(registry.acronyms.get(id)) else {
            return &[];
        };
        cell.get_or_init(|| super::spelt_out_forms(acronym, registry))
    }

    /// Whether a token without a capital may be an acronym of the registry.
    pub fn has_caseless_acronyms(&self) -> bool {
        self.caseless
    }

    /// Whether "ACR" + a number names an item of a numbered series ("COP26").
    pub fn is_numbered_series(&self, acronym: &str) -> bool {
        self.numbered.contains(acronym)
    }

    pub fn is_family_name(&self, word: &str) -> bool {
        self.family_names.contains(&fold(word))
    }

    pub fn is_country_code(&self, token: &str) -> bool {
        self.country_codes.contains(token)
    }

    pub fn is_english(&self, token: &str) -> bool {
        is_english_word(&fold(token))
    }

    pub fn is_honorific(&self, word: &str) -> bool {
        self.honorifics.contains(word)
    }
}

/// Whether the normalised words of `text` end with `tail`.
pub(super) fn ends_with(text: &[Word], tail: &[String]) -> bool {
    tail.len() <= text.len()
        && text[text.len() - tail.len()..]
            .iter()
            .zip(tail)
            .all(|(w, t)| &w.norm == t)
}

/// The folded family names of two letters or more. Many people share one: each is folded
/// into a buffer and stored once.
fn family_names(registry: &Registry) -> FastSet<String> {
    let mut names = FastSet::default();
    let mut folded = String::new();
    for p in &registry.people {
        folded.clear();
        crate::text::fold_into(&p.family, &mut folded);
        if folded.chars().count() >= 2 && !names.contains(folded.as_str()) {
            names.insert(folded.clone());
        }
    }
    names
}
