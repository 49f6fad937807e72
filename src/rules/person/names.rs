//! The name index: every written form of every person in the registry, family names for later
//! mentions, and the near matches that make a misspelling.

use super::lexicon::Lexicon;
use super::phrases::{CaseRule, PhraseIndex};
use super::words::Words;
use crate::hash::{FastMap, FastSet};
use crate::registry::{PersonId, Registry};

/// One written form of a person's name: the canonical name (`form == 0`) or a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormRef {
    pub person: PersonId,
    pub form: usize,
}

impl FormRef {
    pub fn text<'r>(&self, registry: &'r Registry) -> &'r str {
        let p = registry.person(self.person);
        match self.form {
            0 => &p.name,
            k => &p.variants[k - 1],
        }
    }
}

/// A full form's folded words, for near matches.
struct StoredForm {
    form: FormRef,
    words: Vec<Box<str>>,
}

pub struct NameIndex {
    /// Full names of two words or more, canonical and variants (family names excluded).
    pub full: PhraseIndex<FormRef>,
    forms: Vec<StoredForm>,
    by_first: FastMap<Box<str>, Vec<usize>>,
    by_last: FastMap<Box<str>, Vec<usize>>,
    /// Family names and one-word variants, folded words joined by spaces.
    families: FastMap<String, Vec<PersonId>>,
    /// One-word family names, folded, with the people who bear them: for near misses,
    /// grouped by length in characters.
    family_words: Vec<Vec<(Box<str>, Vec<PersonId>)>>,
    /// Every folded word of every name.
    name_words: FastSet<Box<str>>,
    /// Per person: the middle words of its longer forms ("w", "walker" for George W. Bush).
    middles: Vec<FastSet<Box<str>>>,
    /// Per person: the canonical name without the family name ("yoshihide").
    given: Vec<Vec<Box<str>>>,
}

fn folded_words(text: &str) -> Vec<Box<str>> {
    let w = Words::new(text);
    (0..w.len()).map(|i| w.folded(i).into()).collect()
}

impl NameIndex {
    pub fn new(registry: &Registry) -> NameIndex {
        let mut index = NameIndex {
            full: PhraseIndex::new(CaseRule::Folded),
            forms: Vec::new(),
            by_first: FastMap::default(),
            by_last: FastMap::default(),
            families: FastMap::default(),
            family_words: Vec::new(),
            name_words: FastSet::default(),
            middles: vec![FastSet::default(); registry.people.len()],
            given: vec![Vec::new(); registry.people.len()],
        };
        for (i, p) in registry.people.iter().enumerate() {
            index.add_person(registry, PersonId(i as u32));
            let family = folded_words(&p.family);
            index.given[i] = without(&folded_words(&p.name), &family);
        }
        index.full.finish();
        index.index_family_words();
        index
    }

    fn add_person(&mut self, registry: &Registry, id: PersonId) {
        let p = registry.person(id);
        let family = folded_words(&p.family);
        self.add_family(&family, id);
        let names = std::iter::once(&p.name).chain(&p.variants);
        for (k, name) in names.enumerate() {
            let words = folded_words(name);
            self.name_words.extend(
                words
                    .iter()
                    .filter(|w| !Lexicon::is_particle(w) && w.len() > 1)
                    .cloned(),
            );
            if words.len() < 2 || words == family {
                self.add_family(&words, id);
                continue;
            }
            let form = FormRef {
                person: id,
                form: k,
            };
            if words.len() >= 3 {
                self.middles[id.0 as usize].extend(words[1..words.len() - 1].iter().cloned());
            }
            self.full.insert(name, form);
            let at = self.forms.len();
            self.by_first.entry(words[0].clone()).or_default().push(at);
            self.by_last
                .entry(words[words.len() - 1].clone())
                .or_default()
                .push(at);
            self.forms.push(StoredForm { form, words });
        }
    }

    fn add_family(&mut self, words: &[Box<str>], id: PersonId) {
        if words.is_empty() {
            return;
        }
        let people = self.families.entry(words.join(" ")).or_default();
        if !people.contains(&id) {
            people.push(id);
        }
    }

    fn index_family_words(&mut self) {
        for (family, people) in &self.families {
            if family.contains(' ') {
                continue;
            }
            let len = family.chars().count();
            if self.family_words.len() <= len {
                self.family_words.resize(len + 1, Vec::new());
            }
            self.family_words[len].push((family.as_str().into(), people.clone()));
        }
        for bucket in &mut self.family_words {
            bucket.sort();
        }
    }

    /// The people whose family name (or a one-word variant) is the folded `key` ("suga",
    /// "al thani").
    pub fn family(&self, key: &str) -> &[PersonId] {
        self.families.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether the folded word is part of some registry name.
    pub fn is_name_word(&self, folded: &str) -> bool {
        self.name_words.contains(folded)
    }

    pub fn given(&self, person: PersonId) -> &[Box<str>] {
        &self.given[person.0 as usize]
    }

    /// Words `first..=last` as a known person with middle names or a patronymic that the
    /// registry does not list ("Sergey Viktorovich Lavrov", "João Manuel Gonçalves Lourenço"):
    /// first and last word as in a listed form, middle words consistent with those known.
    /// "George H. W. Bush" is not George W. Bush: the registry knows his middle initial.
    pub fn with_middle_names(&self, words: &Words, first: usize, last: usize) -> Option<FormRef> {
        if last < first + 2 {
            return None;
        }
        let candidates: Vec<FormRef> = self
            .by_first
            .get(words.folded(first))
            .into_iter()
            .flatten()
            .map(|&i| &self.forms[i])
            .filter(|f| &*f.words[f.words.len() - 1] == words.folded(last))
            .map(|f| f.form)
            .collect();
        let person = single_person(&candidates)?;
        let known = &self.middles[person.0 as usize];
        let consistent = (first + 1..last).all(|i| {
            let w = words.folded(i);
            known.is_empty()
                || known.contains(w)
                || (words.is_initial(i) && known.iter().any(|m| m.starts_with(w)))
        });
        consistent.then(|| candidates[0])
    }

    /// Words `first..=last` as family name in capitals followed by the given names ("MODI
    /// Narendra"), the order of Japanese and other official lists.
    pub fn family_first_in_capitals(
        &self,
        words: &Words,
        first: usize,
        last: usize,
    ) -> Option<PersonId> {
        if last <= first || !words.is_all_caps(first) {
            return None;
        }
        let found: Vec<PersonId> = self
            .family(words.folded(first))
            .iter()
            .copied()
            .filter(|&p| {
                let given = self.given(p);
                given.len() == last - first
                    && given
                        .iter()
                        .zip(first + 1..=last)
                        .all(|(g, i)| &**g == words.folded(i))
            })
            .collect();
        (found.len() == 1).then(|| found[0])
    }

    /// Listed full forms that words `first..=last` miss by one letter in one word ("Sergey
    /// Lavrow", "Antonio Guteres"): the near-identical full name that makes a misspelling
    /// likely even without a title. The word that differs must be no English word and no
    /// registry name, so that another real person is never "corrected".
    pub fn near_full(
        &self,
        lexicon: &Lexicon,
        words: &Words,
        first: usize,
        last: usize,
    ) -> Vec<(FormRef, usize)> {
        let n = last + 1 - first;
        if n < 2 {
            return Vec::new();
        }
        let by_first = self.by_first.get(words.folded(first)).into_iter().flatten();
        let by_last = self.by_last.get(words.folded(last)).into_iter().flatten();
        let mut found: Vec<(FormRef, usize)> = Vec::new();
        for &i in by_first.chain(by_last) {
            let f = &self.forms[i];
            if f.words.len() != n || found.iter().any(|(g, _)| *g == f.form) {
                continue;
            }
            let mut differing = (first..=last).filter(|&w| words.folded(w) != &*f.words[w - first]);
            let (Some(w), None) = (differing.next(), differing.next()) else {
                continue;
            };
            if self.may_be_typo(lexicon, words, w)
                && is_typo_of(words.folded(w), &f.words[w - first])
            {
                found.push((f.form, w));
            }
        }
        found
    }

    /// People whose one-word family name word `i` misses by a letter ("Jashankar", "Mokber").
    pub fn near_family(&self, lexicon: &Lexicon, words: &Words, i: usize) -> Vec<PersonId> {
        let mut found = Vec::new();
        if !self.may_be_typo(lexicon, words, i) {
            return found;
        }
        let written = words.folded(i);
        let len = written.chars().count();
        let slips = slips_allowed(len);
        let lengths = len.saturating_sub(slips)..=len + slips;
        let buckets = lengths.filter_map(|l| self.family_words.get(l));
        for (family, people) in buckets.flatten() {
            if is_typo_of_counted(written, len, family, family.chars().count()) {
                found.extend(people.iter().copied());
            }
        }
        found
    }

    /// Whether word `i` could be a misspelt name: capitalised, not in capitals, long enough,
    /// and neither an English word nor a name the registry knows.
    fn may_be_typo(&self, lexicon: &Lexicon, words: &Words, i: usize) -> bool {
        let written = words.folded(i);
        written.chars().count() >= 4
            && words.is_capitalized(i)
            && !words.is_all_caps(i)
            && !lexicon.is_english(written)
            && !self.is_name_word(written)
    }
}

/// The most slips a long name may have and still be taken for a misspelling.
const MAX_SLIPS: usize = 2;

/// Whether the folded `written` is one slip (two in long names) away from the folded name
/// word `target`: a letter dropped, added, changed, or two swapped.
fn is_typo_of(written: &str, target: &str) -> bool {
    is_typo_of_counted(
        written,
        written.chars().count(),
        target,
        target.chars().count(),
    )
}

/// [`is_typo_of`] for words whose lengths in characters are known.
fn is_typo_of_counted(written: &str, len: usize, target: &str, target_len: usize) -> bool {
    let max = slips_allowed(len);
    // One slip in a word of five letters or more leaves its first or its last letter alone:
    // a cheap test before the edit distance.
    let ends_agree = written.chars().next() == target.chars().next()
        || written.chars().last() == target.chars().last();
    target_len >= 5
        && len.abs_diff(target_len) <= max
        && (max > 1 || ends_agree)
        && (max > 1 || one_slip_possible(written, target, len.min(target_len)))
        && letter_difference(written, target) <= 2 * max
        && strsim::osa_distance(written, target) <= max
}

/// How many letters two words do not share, counted with repeats: a slip changes it by two at
/// most (a swap not at all), so words that differ by more are more slips apart. Letters other
/// than `a`–`z` count as one letter.
fn letter_difference(a: &str, b: &str) -> usize {
    let mut counts = [0i32; 27];
    let bucket = |c: char| {
        if c.is_ascii_lowercase() {
            usize::from(c as u8 - b'a')
        } else {
            26
        }
    };
    for c in a.chars() {
        counts[bucket(c)] += 1;
    }
    for c in b.chars() {
        counts[bucket(c)] -= 1;
    }
    counts.iter().map(|n| n.unsigned_abs() as usize).sum()
}

/// A cheap test that must pass for two words to be one slip apart: a letter dropped, added or
/// changed, or two swapped, leaves all but at most two letters of the shorter word (of
/// `shorter` letters) in a common start and a common end. Most names fail it, and need no
/// edit distance.
fn one_slip_possible(a: &str, b: &str, shorter: usize) -> bool {
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let suffix = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count();
    prefix + suffix + 2 >= shorter
}

/// One slip in a name, two in a long one.
fn slips_allowed(len: usize) -> usize {
    if len >= 10 { MAX_SLIPS } else { 1 }
}

/// `words` with the run `part` taken out (the given names, from a full name and its family).
fn without(words: &[Box<str>], part: &[Box<str>]) -> Vec<Box<str>> {
    if part.is_empty() {
        return words.to_vec();
    }
    match words.windows(part.len()).position(|w| w == part) {
        Some(at) => words[..at]
            .iter()
            .chain(&words[at + part.len()..])
            .cloned()
            .collect(),
        None => words.to_vec(),
    }
}

/// The one person all `forms` belong to, if they belong to one.
fn single_person(forms: &[FormRef]) -> Option<PersonId> {
    let first = forms.first()?.person;
    forms.iter().all(|f| f.person == first).then_some(first)
}

/// For the person check's near-miss test (`person/near.rs`).
impl NameIndex {
    /// Every one-word family name, folded, with the people who bear it.
    pub fn one_word_families(&self) -> impl Iterator<Item = (&str, &[PersonId])> {
        self.family_words
            .iter()
            .flatten()
            .map(|(family, people)| (&**family, people.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::registry;

    fn setup() -> (std::sync::Arc<Registry>, NameIndex, Lexicon) {
        let reg = registry();
        let names = NameIndex::new(&reg);
        let lex = Lexicon::new(&reg);
        (reg, names, lex)
    }

    fn name(reg: &Registry, p: PersonId) -> String {
        reg.person(p).name.clone()
    }

    #[test]
    fn one_slip_test_never_refuses_a_pair_one_slip_apart() {
        let words = [
            "jaishankar",
            "jashankar",
            "jaishankr",
            "jiashankar",
            "mokhber",
            "mokber",
            "guterres",
            "guteres",
            "gutteres",
            "lavrov",
            "lavrow",
            "lvarov",
            "abcde",
            "bacde",
            "abced",
            "xbcde",
            "abcdx",
            "abcd",
            "bcde",
        ];
        for a in words {
            for b in words {
                let shorter = a.chars().count().min(b.chars().count());
                let distance = strsim::osa_distance(a, b);
                if distance <= 1 {
                    assert!(one_slip_possible(a, b, shorter), "{a} {b}");
                }
                assert!(letter_difference(a, b) <= 2 * distance, "{a} {b}");
            }
        }
    }

    #[test]
    fn full_forms_and_families() {
        let (reg, names, _) = setup();
        let w = Words::new("Sergey Viktorovich Lavrov");
        let (n, f) = names.full.longest_at(&w, 0).unwrap();
        assert_eq!(n, 3);
        assert_eq!(name(&reg, f.person), "Sergey Lavrov");
        assert_eq!(names.family("motegi").len(), 1);
        assert!(names.family("kim").len() > 3);
        assert_eq!(names.family("al thani").len(), 7);
    }

    #[test]
    fn middle_names_only_where_consistent() {
        let (reg, names, _) = setup();
        let w = Words::new("Joseph Robinette Biden");
        let f = names.with_middle_names(&w, 0, 2).unwrap();
        assert_eq!(name(&reg, f.person), "Joe Biden");
        let w = Words::new("George H. W. Bush");
        assert!(names.with_middle_names(&w, 0, 3).is_none());
        let w = Words::new("Fumio Taro Kishida");
        assert!(
            names.with_middle_names(&w, 0, 2).is_some(),
            "no middle name known"
        );
    }

    #[test]
    fn near_misses() {
        let (reg, names, lex) = setup();
        let w = Words::new("Sergey Lavrow");
        let found = names.near_full(&lex, &w, 0, 1);
        assert_eq!(found.len(), 1);
        assert_eq!(name(&reg, found[0].0.person), "Sergey Lavrov");
        let w = Words::new("Jashankar");
        let found = names.near_family(&lex, &w, 0);
        assert_eq!(
            found.iter().map(|&p| name(&reg, p)).collect::<Vec<_>>(),
            ["S. Jaishankar"]
        );
        let w = Words::new("Jake Sullivan");
        assert!(names.near_full(&lex, &w, 0, 1).is_empty());
        assert!(names.near_family(&lex, &w, 1).is_empty());
        let w = Words::new("MODI Narendra");
        let p = names.family_first_in_capitals(&w, 0, 1).unwrap();
        assert_eq!(name(&reg, p), "Narendra Modi");
    }
}
