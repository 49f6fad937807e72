//! What the acronym check looks up, built once per registry: every registry expansion by its
//! last word, and the word lists that tell an acronym from a shouted word, a numeral, a country
//! code or a family name in capitals.

use super::words::{Word, last_norm_into, words_in};
use crate::flat::{StrTable, group_by_key};
use crate::hash::{FastMap, FastSet};
use crate::registry::{Registry, Str, is_english_word, word_list_entries};
use crate::text::fold;
use std::ops::Range;
use std::sync::OnceLock;

/// One expansion of a registry acronym, as normalised words.
#[derive(Debug)]
pub(super) struct Expansion {
    pub short: String,
    /// The acronym's index in `Registry::acronyms`.
    pub acronym: u32,
    pub words: Vec<String>,
}

/// An expansion as the registry writes it: its acronym's short form and its words, in
/// [`Expansions::text`].
struct Source {
    short: Range<u32>,
    words: Range<u32>,
    acronym: u32,
}

/// The registry's expansions, by their last normalised word. Only the last word of each is
/// normalised at start-up: a lookup meets few expansions, and each is read into an
/// [`Expansion`] the first time one is met.
struct Expansions {
    /// Every expansion's text, back to back.
    text: String,
    sources: Vec<Source>,
    read: Box<[OnceLock<Expansion>]>,
    /// The last normalised words, numbered.
    last_words: StrTable,
    /// Expansion numbers grouped by the number of their last word, in registry order.
    by_last_word: Vec<u32>,
    /// Per last word: its expansions in `by_last_word`.
    groups: Vec<Range<u32>>,
}

pub(super) struct Index {
    /// The registry's acronyms by their short form: indexes of `Registry::acronyms`, which the
    /// facts keep instead of references.
    acronyms: FastMap<Str, usize>,
    /// The expansions worth offering as fixes, by acronym: found the first time an acronym
    /// is reported as never spelt out, then kept.
    spelt_out: Box<[OnceLock<Vec<String>>]>,
    /// Some acronym or country code has no capital: a token without one may be one.
    caseless: bool,
    expansions: Expansions,
    /// Family names of the registry's people, folded: "SUGA Yoshihide" is a name.
    family_names: StrTable,
    /// ISO 3166-1 alpha-2 and alpha-3 codes.
    country_codes: FastSet<Str>,
    honorifics: FastSet<&'static str>,
    /// Acronyms of numbered series ("COP", "HRC"): "COP26" is a use of COP.
    numbered: FastSet<Str>,
}

impl Index {
    pub fn new(registry: &Registry) -> Index {
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
            expansions: Expansions::new(registry),
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
        let mut found: Vec<&Expansion> = (self.expansions.ending_with(&last.norm))
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
        self.family_names.get(fold(word)).is_some()
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

/// The folded family names of two letters or more, in one table: many people share one.
fn family_names(registry: &Registry) -> StrTable {
    let mut names = StrTable::with_capacity(registry.people.len(), registry.people.len() * 8);
    let mut folded = String::new();
    for p in &registry.people {
        folded.clear();
        crate::text::fold_into(&p.family, &mut folded);
        if folded.chars().nth(1).is_some() {
            names.insert(&folded);
        }
    }
    names
}

impl Expansions {
    fn new(registry: &Registry) -> Expansions {
        let count: usize = registry.acronyms.iter().map(|a| a.expansions.len()).sum();
        let bytes: usize = (registry.acronyms.iter())
            .map(|a| {
                a.expansions
                    .iter()
                    .map(|e| a.short.len() + e.len())
                    .sum::<usize>()
            })
            .sum();
        let mut text = String::with_capacity(bytes);
        let mut sources = Vec::with_capacity(count);
        let mut last_words = StrTable::with_capacity(count, count * 8);
        let mut keyed = Vec::with_capacity(count);
        let mut last = String::new();
        for (acronym, a) in registry.acronyms.iter().enumerate() {
            for expansion in &a.expansions {
                // An expansion without a word is never found.
                if !last_norm_into(expansion, &mut last) {
                    continue;
                }
                keyed.push((last_words.insert(&last), offset(sources.len())));
                sources.push(Source {
                    short: push(&mut text, &a.short),
                    words: push(&mut text, expansion),
                    acronym: offset(acronym),
                });
            }
        }
        let (by_last_word, groups) = group_by_key(&keyed, last_words.len());
        Expansions {
            text,
            read: sources.iter().map(|_| OnceLock::new()).collect(),
            sources,
            last_words,
            by_last_word,
            groups,
        }
    }

    /// The expansions whose last normalised word is `last`, in registry order.
    fn ending_with<'a>(&'a self, last: &str) -> impl Iterator<Item = &'a Expansion> + 'a {
        let group = (self.last_words.get(last))
            .and_then(|id| self.groups.get(id as usize))
            .cloned()
            .unwrap_or(0..0);
        self.by_last_word[group.start as usize..group.end as usize]
            .iter()
            .map(|&number| self.expansion(number as usize))
    }

    /// Expansion `number`, its words normalised the first time it is asked for.
    fn expansion(&self, number: usize) -> &Expansion {
        self.read[number].get_or_init(|| {
            let source = &self.sources[number];
            let piece = |r: &Range<u32>| &self.text[r.start as usize..r.end as usize];
            let text = piece(&source.words);
            Expansion {
                short: piece(&source.short).to_string(),
                acronym: source.acronym,
                words: words_in(text, 0..text.len())
                    .into_iter()
                    .map(|w| w.norm)
                    .collect(),
            }
        })
    }
}

/// Appends `s` to `text`; where it landed.
fn push(text: &mut String, s: &str) -> Range<u32> {
    let start = offset(text.len());
    text.push_str(s);
    start..offset(text.len())
}

/// A position in the expansions' text or list: far below 4 GB.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every registry expansion, written as the registry writes it, is found by its words with
    /// its own acronym, and its words are those of the text: reading only the last words at
    /// start-up loses none.
    #[test]
    fn every_expansion_is_found_by_its_own_words() {
        let registry = crate::rules::testing::registry();
        let index = Index::new(&registry);
        let mut checked = 0;
        for (id, acronym) in registry.acronyms.iter().enumerate() {
            for text in &acronym.expansions {
                let words = words_in(text, 0..text.len());
                if words.is_empty() {
                    continue;
                }
                let found = index.expansions_equal(&words);
                let own = found.iter().find(|e| e.acronym as usize == id);
                let own = own.unwrap_or_else(|| panic!("{text} ({})", acronym.short));
                assert_eq!(own.short, acronym.short);
                let norms: Vec<&str> = words.iter().map(|w| w.norm.as_str()).collect();
                assert_eq!(own.words, norms);
                checked += 1;
            }
        }
        assert!(checked > 100, "only {checked} expansions");
    }

    #[test]
    fn family_names_in_capitals_are_found_folded() {
        let registry = crate::rules::testing::registry();
        let index = Index::new(&registry);
        let family = (registry.people.iter().map(|p| p.family.as_str()))
            .find(|f| f.chars().count() >= 3)
            .expect("a family name");
        assert!(index.is_family_name(&family.to_uppercase()));
        assert!(!index.is_family_name("Qzxv"));
    }
}
