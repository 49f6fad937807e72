//! Indexes of the registry's names for the editor: every name by its folded form (exact and
//! prefix lookups for hovers and completions), the title phrases, and a scanner that counts
//! which countries and organisations a text talks about. Built once per registry.

use crate::registry::{CountryId, OfficeId, OfficeKind, Owner, PersonId, Registry};
use crate::text::fold;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Named {
    Person(PersonId),
    Country(CountryId),
    /// Index into `Registry::organisations`.
    Organisation(usize),
}

impl Named {
    /// The country or organisation that owns an office.
    pub fn owner_of(registry: &Registry, owner: &Owner) -> Option<Named> {
        match owner {
            Owner::Country(c) => Some(Named::Country(*c)),
            Owner::Organisation(code) => registry
                .organisations
                .iter()
                .position(|o| &o.code == code)
                .map(Named::Organisation),
        }
    }
}

/// Which of its names a form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Form {
    /// Canonical person name, country short name, organisation name.
    Canonical,
    Official,
    Variant,
    /// A person's family name alone.
    Family,
    /// A country adjective or demonym.
    Adjective,
    /// A name the country no longer uses.
    Former,
}

#[derive(Debug, Clone)]
pub struct NameEntry {
    /// The folded form: the key.
    pub key: String,
    /// The form as the registry writes it.
    pub text: String,
    pub named: Named,
    pub form: Form,
}

/// Every name of the registry, sorted by folded form.
pub struct NameIndex {
    entries: Vec<NameEntry>,
}

impl NameIndex {
    pub fn new(registry: &Registry) -> NameIndex {
        let mut entries = Vec::new();
        let mut add = |text: &str, named: Named, form: Form| {
            if !text.trim().is_empty() {
                entries.push(NameEntry {
                    key: fold(text.trim()),
                    text: text.trim().to_string(),
                    named,
                    form,
                });
            }
        };
        for (i, c) in registry.countries.iter().enumerate() {
            let id = Named::Country(CountryId(i as u32));
            add(&c.short, id, Form::Canonical);
            add(&c.official, id, Form::Official);
            add(&c.un, id, Form::Official);
            for v in c.variants.iter().chain(&c.official_variants) {
                add(v, id, Form::Variant);
            }
            for a in c.adjectives.iter().chain(&c.demonyms) {
                add(a, id, Form::Adjective);
            }
            for f in &c.former {
                add(&f.name, id, Form::Former);
            }
        }
        for (i, o) in registry.organisations.iter().enumerate() {
            add(&o.name, Named::Organisation(i), Form::Canonical);
            for s in &o.short {
                add(s, Named::Organisation(i), Form::Variant);
            }
        }
        for (i, p) in registry.people.iter().enumerate() {
            let id = Named::Person(PersonId(i as u32));
            add(&p.name, id, Form::Canonical);
            add(&p.family, id, Form::Family);
            for v in &p.variants {
                add(v, id, Form::Variant);
            }
        }
        entries.sort_by(|a, b| (&a.key, a.form).cmp(&(&b.key, b.form)));
        // One entry per (key, named): the best form wins.
        entries.dedup_by(|b, a| a.key == b.key && a.named == b.named);
        NameIndex { entries }
    }

    /// The entries whose folded form is exactly `text` folded.
    pub fn exact(&self, text: &str) -> &[NameEntry] {
        let key = fold(text);
        let start = self.entries.partition_point(|e| e.key < key);
        let end = start + self.entries[start..].partition_point(|e| e.key == key);
        &self.entries[start..end]
    }

    /// The entries whose folded form starts with `prefix` folded.
    pub fn with_prefix(&self, prefix: &str) -> &[NameEntry] {
        let key = fold(prefix);
        let start = self
            .entries
            .partition_point(|e| e.key.as_str() < key.as_str());
        let end =
            start + self.entries[start..].partition_point(|e| e.key.starts_with(key.as_str()));
        &self.entries[start..end]
    }
}

/// A title phrase: the kinds of office the lexicon gives it and the offices that list it.
#[derive(Debug, Clone, Default)]
pub struct TitleForm {
    pub text: String,
    pub kinds: Vec<OfficeKind>,
    pub offices: Vec<OfficeId>,
}

/// Title phrases by their folded words, for finding a title that ends where the cursor is.
pub struct TitleIndex {
    forms: HashMap<String, TitleForm>,
    longest: usize,
}

impl TitleIndex {
    pub fn new(registry: &Registry) -> TitleIndex {
        let mut forms: HashMap<String, TitleForm> = HashMap::new();
        let key_of = |s: &str| fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
        for t in &registry.titles {
            let entry = forms.entry(key_of(&t.form)).or_default();
            entry.text = t.form.to_string();
            entry.kinds.extend(&t.kinds);
        }
        for (i, o) in registry.offices.iter().enumerate() {
            for title in &o.titles {
                let entry = forms.entry(key_of(title)).or_default();
                if entry.text.is_empty() {
                    entry.text = title.to_string();
                }
                entry.offices.push(OfficeId(i as u32));
            }
        }
        let longest = forms
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(0);
        TitleIndex { forms, longest }
    }

    /// The longest title made of the last words of `words` (folded), with how many words it
    /// took.
    pub fn ending(&self, words: &[String]) -> Option<(&TitleForm, usize)> {
        (1..=self.longest.min(words.len())).rev().find_map(|n| {
            let key = words[words.len() - n..].join(" ");
            self.forms.get(&key).map(|f| (f, n))
        })
    }
}

/// Counts the mentions of countries and organisations in a text, by any of their names or
/// adjectives, to guess which ones a document is about.
pub struct MentionScanner {
    automaton: Option<AhoCorasick>,
    owners: Vec<Named>,
    /// Short all-capital forms ("UN", "US") must match in case: "un" and "us" are words.
    exact_case: Vec<Option<String>>,
}

impl MentionScanner {
    pub fn new(names: &NameIndex) -> MentionScanner {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        let mut exact_case = Vec::new();
        for e in &names.entries {
            if matches!(e.named, Named::Person(_)) {
                continue;
            }
            let owner = e.named;
            if e.text.chars().count() < 2 {
                continue;
            }
            let all_caps = e.text.chars().all(|c| !c.is_lowercase());
            exact_case.push(all_caps.then(|| e.text.clone()));
            patterns.push(e.text.clone());
            owners.push(owner);
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        MentionScanner {
            automaton,
            owners,
            exact_case,
        }
    }

    /// Each country and organisation mentioned in `text`, with the byte offsets of its mentions.
    pub fn scan(&self, text: &str) -> HashMap<Named, Vec<usize>> {
        let mut found: HashMap<Named, Vec<usize>> = HashMap::new();
        let Some(ac) = &self.automaton else {
            return found;
        };
        let bytes = text.as_bytes();
        for m in ac.find_iter(text) {
            let before_ok = m.start() == 0 || !is_word_byte(bytes[m.start() - 1]);
            let after_ok = m.end() == bytes.len() || !is_word_byte(bytes[m.end()]);
            if !before_ok || !after_ok {
                continue;
            }
            let i = m.pattern().as_usize();
            if let Some(exact) = &self.exact_case[i]
                && &text[m.range()] != exact
            {
                continue;
            }
            found.entry(self.owners[i]).or_default().push(m.start());
        }
        found
    }
}

/// A byte that continues a word (ASCII letters and digits, and any byte of a non-ASCII char).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> std::sync::Arc<Registry> {
        Registry::embedded()
    }

    #[test]
    fn names_by_exact_form_and_prefix() {
        let reg = registry();
        let names = NameIndex::new(&reg);
        let motegi = names.exact("Motegi");
        assert!(
            motegi.iter().any(
                |e| matches!(e.named, Named::Person(p) if reg.person(p).name == "Toshimitsu Motegi")
            ),
            "{motegi:?}"
        );
        assert!(
            names
                .exact("japanese")
                .iter()
                .any(|e| e.form == Form::Adjective)
        );
        assert!(
            names
                .with_prefix("Phili")
                .iter()
                .any(|e| e.text == "Philippines")
        );
        assert!(names.with_prefix("zzzz").is_empty());
    }

    #[test]
    fn longest_title_at_the_end() {
        let reg = registry();
        let titles = TitleIndex::new(&reg);
        let words = |s: &str| s.split(' ').map(fold).collect::<Vec<_>>();
        let (form, n) = titles.ending(&words("the Deputy Prime Minister")).unwrap();
        assert_eq!((form.text.as_str(), n), ("Deputy Prime Minister", 3));
        let (form, _) = titles.ending(&words("met Prime Minister")).unwrap();
        assert!(!form.offices.is_empty());
        assert!(titles.ending(&words("met the")).is_none());
    }

    #[test]
    fn mentions_are_counted_by_owner() {
        let reg = registry();
        let names = NameIndex::new(&reg);
        let scanner = MentionScanner::new(&names);
        let jp = reg.country_by_code("JP").unwrap();
        let found =
            scanner.scan("Japanese diplomats met in Japan; thus us and un stay words. The UN");
        assert_eq!(found.get(&Named::Country(jp)).map(Vec::len), Some(2));
        let un_index = reg
            .organisations
            .iter()
            .position(|o| o.code == "UN")
            .unwrap();
        let un = found.get(&Named::Organisation(un_index)).map(Vec::len);
        assert_eq!(un, Some(1));
    }
}
