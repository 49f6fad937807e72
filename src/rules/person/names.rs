//! The name index: every written form of every person in the registry, family names for later
//! mentions, and the near matches that make a misspelling.

use super::lexicon::Lexicon;
use super::phrases::{CaseRule, PhraseIndex, Split};
use super::words::Words;
use crate::hash::FastMap;
use crate::registry::{PersonId, Registry};
use std::ops::Range;

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
    /// Its words in [`NameIndex::form_words`].
    words: Range<u32>,
}

/// Every folded word of the registry's names, stored once and known by its number: the index
/// refers to words by number, so building it allocates once per distinct word, not per use.
#[derive(Default)]
struct Vocabulary {
    text: String,
    spans: Vec<Range<u32>>,
    ids: FastMap<Box<str>, u32>,
}

impl Vocabulary {
    fn intern(&mut self, folded: &str) -> u32 {
        if let Some(&id) = self.ids.get(folded) {
            return id;
        }
        let id = offset(self.spans.len());
        let start = offset(self.text.len());
        self.text.push_str(folded);
        self.spans.push(start..offset(self.text.len()));
        self.ids.insert(folded.into(), id);
        id
    }

    fn id(&self, folded: &str) -> Option<u32> {
        self.ids.get(folded).copied()
    }

    fn word(&self, id: u32) -> &str {
        let span = &self.spans[id as usize];
        &self.text[span.start as usize..span.end as usize]
    }
}

/// Lists of numbers by a key number (a word, a person): one flat list and a range per key,
/// each list in the order its members were added.
#[derive(Default)]
struct Grouped {
    ranges: Vec<Range<u32>>,
    members: Vec<u32>,
}

impl Grouped {
    /// Groups `(key, member)` pairs; keys below `keys`.
    fn from_pairs(keys: usize, mut pairs: Vec<(u32, u32)>) -> Grouped {
        pairs.sort_by_key(|&(key, _)| key);
        let mut ranges = vec![0..0; keys];
        let mut at = 0;
        for group in pairs.chunk_by(|a, b| a.0 == b.0) {
            let end = at + group.len();
            if let Some(range) = ranges.get_mut(group[0].0 as usize) {
                *range = offset(at)..offset(end);
            }
            at = end;
        }
        Grouped {
            ranges,
            members: pairs.into_iter().map(|(_, member)| member).collect(),
        }
    }

    fn get(&self, key: u32) -> &[u32] {
        self.ranges
            .get(key as usize)
            .map_or(&[], |r| &self.members[r.start as usize..r.end as usize])
    }
}

/// A family name (or a one-word variant), folded words joined by spaces, and its bearers.
struct Family {
    key: Range<u32>,
    people: Vec<PersonId>,
}

pub struct NameIndex {
    /// Full names of two words or more, canonical and variants (family names excluded).
    pub full: PhraseIndex<FormRef>,
    vocabulary: Vocabulary,
    forms: Vec<StoredForm>,
    form_words: Vec<u32>,
    /// Forms by their first word, and by their last.
    by_first: Grouped,
    by_last: Grouped,
    /// Family names by their key (the text of [`NameIndex::family_text`]).
    families: Vec<Family>,
    family_ids: FastMap<Box<str>, u32>,
    family_text: String,
    /// One-word family names (by number in `families`): for near misses, grouped by length
    /// in characters, each group in the order of the names.
    family_words: Vec<Vec<u32>>,
    /// Per word: part of some name (particles and single letters aside).
    name_word: Vec<bool>,
    /// Per person: the middle words of its longer forms ("w", "walker" for George W. Bush).
    middles: Grouped,
    /// Per person: the canonical name without the family name ("yoshihide").
    given: Grouped,
}

/// Cuts registry names into folded words, interned, reusing its buffers from name to name.
#[derive(Default)]
struct Splitter {
    split: Split,
}

impl Splitter {
    /// The folded words of `text`, interned, into `into`; `self.split` keeps the cut.
    fn split(&mut self, text: &str, vocabulary: &mut Vocabulary, into: &mut Vec<u32>) {
        self.split.cut(text);
        into.clear();
        for i in 0..self.split.len() {
            into.push(vocabulary.intern(self.split.folded(i)));
        }
    }
}

/// What one person's names add, before the index groups it.
#[derive(Default)]
struct Building {
    splitter: Splitter,
    family: Vec<u32>,
    words: Vec<u32>,
    first_pairs: Vec<(u32, u32)>,
    last_pairs: Vec<(u32, u32)>,
    middle_pairs: Vec<(u32, u32)>,
    given_pairs: Vec<(u32, u32)>,
    key: String,
}

impl NameIndex {
    pub fn new(registry: &Registry) -> NameIndex {
        let mut index = NameIndex {
            full: PhraseIndex::new(CaseRule::Folded),
            vocabulary: Vocabulary::default(),
            forms: Vec::new(),
            form_words: Vec::new(),
            by_first: Grouped::default(),
            by_last: Grouped::default(),
            families: Vec::new(),
            family_ids: FastMap::default(),
            family_text: String::new(),
            family_words: Vec::new(),
            name_word: Vec::new(),
            middles: Grouped::default(),
            given: Grouped::default(),
        };
        let mut b = Building::default();
        for i in 0..registry.people.len() {
            index.add_person(registry, PersonId(i as u32), &mut b);
        }
        let people = registry.people.len();
        let words = index.vocabulary.spans.len();
        index.by_first = Grouped::from_pairs(words, b.first_pairs);
        index.by_last = Grouped::from_pairs(words, b.last_pairs);
        index.middles = Grouped::from_pairs(people, b.middle_pairs);
        index.given = Grouped::from_pairs(people, b.given_pairs);
        index.full.finish();
        index.index_family_words();
        index
    }

    fn add_person(&mut self, registry: &Registry, id: PersonId, b: &mut Building) {
        let p = registry.person(id);
        b.splitter
            .split(&p.family, &mut self.vocabulary, &mut b.family);
        let family = std::mem::take(&mut b.family);
        self.add_family(&family, id, &mut b.key);
        let names = std::iter::once(&p.name).chain(&p.variants);
        for (k, name) in names.enumerate() {
            b.splitter.split(name, &mut self.vocabulary, &mut b.words);
            let words = std::mem::take(&mut b.words);
            self.mark_name_words(&words);
            if k == 0 {
                for &w in without(&words, &family) {
                    b.given_pairs.push((id.0, w));
                }
            }
            if words.len() < 2 || words == family {
                self.add_family(&words, id, &mut b.key);
            } else {
                let form = FormRef {
                    person: id,
                    form: k,
                };
                self.full.insert_split(name, &b.splitter.split, form);
                self.add_full_form(form, &words, b);
            }
            b.words = words;
        }
        b.family = family;
    }

    /// Words of a name, particles and single letters aside, are name words.
    fn mark_name_words(&mut self, words: &[u32]) {
        self.name_word.resize(self.vocabulary.spans.len(), false);
        for &w in words {
            let word = self.vocabulary.word(w);
            if !Lexicon::is_particle(word) && word.len() > 1 {
                self.name_word[w as usize] = true;
            }
        }
    }

    fn add_full_form(&mut self, form: FormRef, words: &[u32], b: &mut Building) {
        if words.len() >= 3 {
            for &w in &words[1..words.len() - 1] {
                b.middle_pairs.push((form.person.0, w));
            }
        }
        let at = offset(self.forms.len());
        b.first_pairs.push((words[0], at));
        b.last_pairs.push((words[words.len() - 1], at));
        let start = offset(self.form_words.len());
        self.form_words.extend_from_slice(words);
        self.forms.push(StoredForm {
            form,
            words: start..offset(self.form_words.len()),
        });
    }

    fn add_family(&mut self, words: &[u32], id: PersonId, key: &mut String) {
        if words.is_empty() {
            return;
        }
        key.clear();
        for (k, &w) in words.iter().enumerate() {
            if k > 0 {
                key.push(' ');
            }
            key.push_str(self.vocabulary.word(w));
        }
        let family = match self.family_ids.get(key.as_str()) {
            Some(&family) => family,
            None => {
                let family = offset(self.families.len());
                let start = offset(self.family_text.len());
                self.family_text.push_str(key);
                self.families.push(Family {
                    key: start..offset(self.family_text.len()),
                    people: Vec::new(),
                });
                self.family_ids.insert(key.as_str().into(), family);
                family
            }
        };
        let people = &mut self.families[family as usize].people;
        if !people.contains(&id) {
            people.push(id);
        }
    }

    fn family_key(&self, family: &Family) -> &str {
        &self.family_text[family.key.start as usize..family.key.end as usize]
    }

    fn index_family_words(&mut self) {
        for (i, family) in self.families.iter().enumerate() {
            let key = self.family_key(family);
            if key.contains(' ') {
                continue;
            }
            let len = key.chars().count();
            if self.family_words.len() <= len {
                self.family_words.resize(len + 1, Vec::new());
            }
            self.family_words[len].push(offset(i));
        }
        let mut buckets = std::mem::take(&mut self.family_words);
        for bucket in &mut buckets {
            bucket.sort_by(|&a, &b| {
                let (a, b) = (&self.families[a as usize], &self.families[b as usize]);
                (self.family_key(a), &a.people).cmp(&(self.family_key(b), &b.people))
            });
        }
        self.family_words = buckets;
    }

    /// The people whose family name (or a one-word variant) is the folded `key` ("suga",
    /// "al thani").
    pub fn family(&self, key: &str) -> &[PersonId] {
        self.family_ids
            .get(key)
            .map_or(&[], |&f| &self.families[f as usize].people)
    }

    /// Whether the folded word is part of some registry name.
    pub fn is_name_word(&self, folded: &str) -> bool {
        self.vocabulary
            .id(folded)
            .is_some_and(|w| self.name_word.get(w as usize).copied().unwrap_or(false))
    }

    /// The canonical name of `person` without the family name, folded words.
    pub fn given(&self, person: PersonId) -> impl Iterator<Item = &str> + '_ {
        self.words(self.given.get(person.0))
    }

    fn words<'a>(&'a self, ids: &'a [u32]) -> impl Iterator<Item = &'a str> + 'a {
        ids.iter().map(|&w| self.vocabulary.word(w))
    }

    fn form_words(&self, form: &StoredForm) -> &[u32] {
        &self.form_words[form.words.start as usize..form.words.end as usize]
    }

    /// The forms whose first (or last) word is the folded `word`.
    fn forms_by<'a>(&'a self, by: &'a Grouped, word: &str) -> &'a [u32] {
        self.vocabulary.id(word).map_or(&[], |w| by.get(w))
    }

    /// Words `first..=last` as a known person with middle names or a patronymic that the
    /// registry does not list ("Sergey Viktorovich Lavrov", "João Manuel Gonçalves Lourenço"):
    /// first and last word as in a listed form, middle words consistent with those known.
    /// "George H. W. Bush" is not George W. Bush: the registry knows his middle initial.
    pub fn with_middle_names(&self, words: &Words, first: usize, last: usize) -> Option<FormRef> {
        if last < first + 2 {
            return None;
        }
        let last_word = self.vocabulary.id(words.folded(last))?;
        let candidates: Vec<FormRef> = self
            .forms_by(&self.by_first, words.folded(first))
            .iter()
            .map(|&i| &self.forms[i as usize])
            .filter(|f| self.form_words(f).last() == Some(&last_word))
            .map(|f| f.form)
            .collect();
        let person = single_person(&candidates)?;
        let known = self.middles.get(person.0);
        let consistent = (first + 1..last).all(|i| {
            let w = words.folded(i);
            known.is_empty()
                || self.vocabulary.id(w).is_some_and(|id| known.contains(&id))
                || (words.is_initial(i) && self.words(known).any(|m| m.starts_with(w)))
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
                self.given.get(p.0).len() == last - first
                    && self
                        .given(p)
                        .zip(first + 1..=last)
                        .all(|(g, i)| g == words.folded(i))
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
        let by_first = self.forms_by(&self.by_first, words.folded(first));
        let by_last = self.forms_by(&self.by_last, words.folded(last));
        let mut found: Vec<(FormRef, usize)> = Vec::new();
        for &i in by_first.iter().chain(by_last) {
            let f = &self.forms[i as usize];
            let form_words = self.form_words(f);
            if form_words.len() != n || found.iter().any(|(g, _)| *g == f.form) {
                continue;
            }
            let stored = |w: usize| self.vocabulary.word(form_words[w - first]);
            let mut differing = (first..=last).filter(|&w| words.folded(w) != stored(w));
            let (Some(w), None) = (differing.next(), differing.next()) else {
                continue;
            };
            if self.may_be_typo(lexicon, words, w) && is_typo_of(words.folded(w), stored(w)) {
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
        for &f in buckets.flatten() {
            let family = &self.families[f as usize];
            let key = self.family_key(family);
            if is_typo_of_counted(written, len, key, key.chars().count()) {
                found.extend(family.people.iter().copied());
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
fn without<'a>(words: &'a [u32], part: &[u32]) -> impl Iterator<Item = &'a u32> + 'a {
    let at = if part.is_empty() {
        None
    } else {
        words.windows(part.len()).position(|w| w == part)
    };
    let (before, after) = match at {
        Some(at) => (&words[..at], &words[at + part.len()..]),
        None => (words, &words[words.len()..]),
    };
    before.iter().chain(after)
}

/// A position in the index's buffers: registry text is far below 4 GB.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
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
        self.family_words.iter().flatten().map(|&f| {
            let family = &self.families[f as usize];
            (self.family_key(family), family.people.as_slice())
        })
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
