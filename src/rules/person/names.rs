//! The name index: every written form of every person in the registry, family names for later
//! mentions, and the near matches that make a misspelling.

use super::grouped::Grouped;
use super::lexicon::Lexicon;
use super::offset;
use super::phrases::{CaseRule, PhraseIndex, ROOT, WordTrie};
use super::vocabulary::{UNKNOWN, Vocabulary, WordKind};
use super::words::{Cut, Words};
use crate::registry::{PersonId, Registry};
use std::ops::Range;
use std::sync::OnceLock;

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

pub struct NameIndex {
    /// Full names of two words or more, canonical and variants (family names excluded).
    pub full: PhraseIndex<FormRef>,
    forms: Vec<StoredForm>,
    form_words: Vec<u32>,
    /// Family names (and one-word variants) by their folded words: a node per family.
    families: WordTrie,
    /// Per node of `families`: the people who bear that family name.
    bearers: Grouped<PersonId>,
    /// What [`Groups`] is grouped from.
    pairs: Pairs,
    /// Needed only for names the registry does not list as written (middle names, family
    /// names first, near misses): grouped at the first of them.
    groups: OnceLock<Groups>,
}

/// Forms and words grouped for [`NameIndex::with_middle_names`],
/// [`NameIndex::family_first_in_capitals`] and [`NameIndex::near_full`].
struct Groups {
    /// Forms by their first word, and by their last.
    by_first: Grouped,
    by_last: Grouped,
    /// Per person: the middle words of its longer forms ("w", "walker" for George W. Bush).
    middles: Grouped,
    /// Per person: the canonical name without the family name ("yoshihide").
    given: Grouped,
}

/// The (key, member) pairs of [`Groups`], in the order of the registry, and the number of keys.
#[derive(Default)]
struct Pairs {
    first: Vec<(u32, u32)>,
    last: Vec<(u32, u32)>,
    middle: Vec<(u32, u32)>,
    given: Vec<(u32, u32)>,
    words: usize,
    people: usize,
}

impl Groups {
    fn new(pairs: &Pairs) -> Groups {
        Groups {
            by_first: Grouped::from_pairs(pairs.words, &pairs.first),
            by_last: Grouped::from_pairs(pairs.words, &pairs.last),
            middles: Grouped::from_pairs(pairs.people, &pairs.middle),
            given: Grouped::from_pairs(pairs.people, &pairs.given),
        }
    }
}

/// What the people's names add, before the index groups it.
struct Building {
    /// The name being added, cut in buffers reused from name to name.
    cut: Cut,
    /// A family name that is not within the canonical name, cut.
    family_cut: Cut,
    /// Its words' numbers, and those of the person's family name.
    ids: Vec<u32>,
    family: Vec<u32>,
    pairs: Pairs,
    bearer_pairs: Vec<(u32, PersonId)>,
}

impl Building {
    fn new(people: usize) -> Building {
        Building {
            cut: Cut::default(),
            family_cut: Cut::default(),
            ids: Vec::new(),
            family: Vec::new(),
            pairs: Pairs {
                first: Vec::with_capacity(people * 2),
                last: Vec::with_capacity(people * 2),
                given: Vec::with_capacity(people * 2),
                ..Pairs::default()
            },
            bearer_pairs: Vec::with_capacity(people * 2),
        }
    }

    /// Cuts `text` and keeps its words' numbers in `ids`.
    fn read(&mut self, text: &str, vocabulary: &mut Vocabulary) {
        self.cut.read(text, vocabulary);
        self.ids.clear();
        self.ids.extend(self.cut.ids());
    }

    /// Keeps the words' numbers of `family`, the family name of the canonical name just read
    /// (`name`), in `family`: taken from the name where it ends or begins it ("Yoshihide
    /// Suga", "Xi Jinping"), else cut.
    fn read_family(&mut self, name: &str, family: &str, vocabulary: &mut Vocabulary) {
        self.family.clear();
        match family_within(name, family, &self.cut) {
            Some(words) => self.family.extend_from_slice(&self.ids[words]),
            None => {
                self.family_cut.read(family, vocabulary);
                self.family.extend(self.family_cut.ids());
            }
        }
    }
}

impl NameIndex {
    /// Every name of the registry's people, their words added to `vocabulary`, which marks them
    /// [`WordKind::NAME_WORD`]. The lexicon's word lists must be in `vocabulary` already
    /// ([`Lexicon::new`]): particles are no name words.
    pub fn new(registry: &Registry, vocabulary: &mut Vocabulary) -> NameIndex {
        let mut index = NameIndex {
            full: PhraseIndex::with_capacity(
                CaseRule::Folded,
                WordKind::STARTS_NAME,
                registry.people.len() * 3,
            ),
            forms: Vec::with_capacity(registry.people.len() * 2),
            form_words: Vec::with_capacity(registry.people.len() * 6),
            families: WordTrie::with_capacity(registry.people.len() * 2),
            bearers: Grouped::default(),
            pairs: Pairs::default(),
            groups: OnceLock::new(),
        };
        let mut b = Building::new(registry.people.len());
        for i in 0..registry.people.len() {
            index.add_person(registry, PersonId(i as u32), &mut b, vocabulary);
        }
        index.pairs = Pairs {
            words: vocabulary.len(),
            people: registry.people.len(),
            ..std::mem::take(&mut b.pairs)
        };
        // A person's own names are added together: a family name they bear twice (as family
        // and as a variant) is one repeat in a row.
        index.bearers =
            Grouped::from_pairs(index.families.len(), &b.bearer_pairs).without_repeats();
        index.full.finish();
        index
    }

    fn add_person(
        &mut self,
        registry: &Registry,
        id: PersonId,
        b: &mut Building,
        vocabulary: &mut Vocabulary,
    ) {
        let p = registry.person(id);
        let names = std::iter::once(&p.name).chain(&p.variants);
        for (k, name) in names.enumerate() {
            b.read(name, vocabulary);
            if k == 0 {
                b.read_family(name, &p.family, vocabulary);
                self.add_family(&b.family, id, &mut b.bearer_pairs);
            }
            mark_name_words(&b.ids, vocabulary);
            if k == 0 {
                for &w in without(&b.ids, &b.family) {
                    b.pairs.given.push((id.0, w));
                }
            }
            if b.ids.len() < 2 || b.ids == b.family {
                self.add_family(&b.ids, id, &mut b.bearer_pairs);
            } else {
                let form = FormRef {
                    person: id,
                    form: k,
                };
                self.full.insert_cut(name, &b.cut.words, form, vocabulary);
                self.add_full_form(form, b);
            }
        }
    }

    fn add_full_form(&mut self, form: FormRef, b: &mut Building) {
        let words = &b.ids;
        if words.len() >= 3 {
            for &w in &words[1..words.len() - 1] {
                b.pairs.middle.push((form.person.0, w));
            }
        }
        let at = offset(self.forms.len());
        b.pairs.first.push((words[0], at));
        b.pairs.last.push((words[words.len() - 1], at));
        let start = offset(self.form_words.len());
        self.form_words.extend_from_slice(words);
        self.forms.push(StoredForm {
            form,
            words: start..offset(self.form_words.len()),
        });
    }

    fn add_family(&mut self, words: &[u32], id: PersonId, bearers: &mut Vec<(u32, PersonId)>) {
        if !words.is_empty() {
            let node = self.families.insert(words.iter().copied());
            bearers.push((node, id));
        }
    }

    /// The people whose family name (or a one-word variant) is words `first..=last` ("Suga",
    /// "Al Thani").
    pub fn family(&self, words: &Words, first: usize, last: usize) -> &[PersonId] {
        match self.families.find((first..=last).map(|k| words.id(k))) {
            Some(node) if node != ROOT => self.bearers_of(node),
            _ => &[],
        }
    }

    fn bearers_of(&self, node: u32) -> &[PersonId] {
        self.bearers.get(node)
    }

    /// The people whose family name is the one word numbered `word`.
    pub fn bearers_of_word(&self, word: u32) -> &[PersonId] {
        self.families
            .child(ROOT, word)
            .map_or(&[], |node| self.bearers_of(node))
    }

    /// Every one-word family name, as its word's number, with the people who bear it.
    pub fn one_word_families(&self) -> impl Iterator<Item = (u32, &[PersonId])> {
        (1..offset(self.families.len()))
            .filter(|&node| self.families.parent(node) == ROOT)
            .map(|node| (self.families.word(node), self.bearers_of(node)))
            .filter(|(_, people)| !people.is_empty())
    }

    fn groups(&self) -> &Groups {
        self.groups.get_or_init(|| Groups::new(&self.pairs))
    }

    fn form_words(&self, form: &StoredForm) -> &[u32] {
        &self.form_words[form.words.start as usize..form.words.end as usize]
    }

    /// Words `first..=last` as a known person with middle names or a patronymic that the
    /// registry does not list ("Sergey Viktorovich Lavrov", "João Manuel Gonçalves Lourenço"):
    /// first and last word as in a listed form, middle words consistent with those known.
    /// "George H. W. Bush" is not George W. Bush: the registry knows his middle initial.
    pub fn with_middle_names(
        &self,
        vocabulary: &Vocabulary,
        words: &Words,
        first: usize,
        last: usize,
    ) -> Option<FormRef> {
        if last < first + 2 || words.id(first) == UNKNOWN || words.id(last) == UNKNOWN {
            return None;
        }
        let last_word = words.id(last);
        let candidates: Vec<FormRef> = self
            .groups()
            .by_first
            .get(words.id(first))
            .iter()
            .map(|&i| &self.forms[i as usize])
            .filter(|f| self.form_words(f).last() == Some(&last_word))
            .map(|f| f.form)
            .collect();
        let person = single_person(&candidates)?;
        let known = self.groups().middles.get(person.0);
        let consistent = (first + 1..last).all(|i| {
            known.is_empty()
                || known.contains(&words.id(i))
                || (words.is_initial(i)
                    && known
                        .iter()
                        .any(|&m| vocabulary.word(m).starts_with(words.folded(i))))
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
            .family(words, first, first)
            .iter()
            .copied()
            .filter(|&p| {
                let given = self.groups().given.get(p.0);
                given.len() == last - first
                    && given
                        .iter()
                        .zip(first + 1..=last)
                        .all(|(&g, i)| g == words.id(i))
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
        vocabulary: &Vocabulary,
        words: &Words,
        first: usize,
        last: usize,
    ) -> Vec<(FormRef, usize)> {
        let n = last + 1 - first;
        if n < 2 {
            return Vec::new();
        }
        let (first_id, last_id) = (words.id(first), words.id(last));
        if first_id == UNKNOWN && last_id == UNKNOWN {
            return Vec::new();
        }
        let by_first = self.groups().by_first.get(first_id);
        let by_last = self.groups().by_last.get(last_id);
        let mut found: Vec<(FormRef, usize)> = Vec::new();
        for &i in by_first.iter().chain(by_last) {
            let f = &self.forms[i as usize];
            let form_words = self.form_words(f);
            if form_words.len() != n || found.iter().any(|(g, _)| *g == f.form) {
                continue;
            }
            let stored = |w: usize| form_words[w - first];
            let mut differing = (first..=last).filter(|&w| words.id(w) != stored(w));
            let (Some(w), None) = (differing.next(), differing.next()) else {
                continue;
            };
            if may_be_typo(lexicon, words, w)
                && is_typo_of(words.folded(w), vocabulary.word(stored(w)))
            {
                found.push((f.form, w));
            }
        }
        found
    }
}

/// The words of `name` (as `cut` has them) that are its family name, where the family name ends
/// or begins the name: no word of the name crosses its edge, so it has the words it would have
/// if cut alone.
fn family_within(name: &str, family: &str, cut: &Cut) -> Option<Range<usize>> {
    let edge = |at: usize| !cut.words.iter().any(|w| w.start < at && at < w.end);
    if family.is_empty() {
        return None;
    }
    if name.ends_with(family) && edge(name.len() - family.len()) {
        let at = name.len() - family.len();
        let first = cut.words.iter().position(|w| w.start >= at);
        return Some(first.unwrap_or(cut.words.len())..cut.words.len());
    }
    if name.starts_with(family) && edge(family.len()) {
        let end = cut.words.iter().position(|w| w.end > family.len());
        return Some(0..end.unwrap_or(cut.words.len()));
    }
    None
}

/// Words of a name, particles and single letters aside, are name words.
fn mark_name_words(words: &[u32], vocabulary: &mut Vocabulary) {
    for &w in words {
        if !vocabulary.kind(w).has(WordKind::PARTICLE) && vocabulary.word(w).len() > 1 {
            vocabulary.mark(w, WordKind::NAME_WORD);
        }
    }
}

/// Whether word `i` could be a misspelt name: capitalised, not in capitals, long enough,
/// and neither an English word nor a name the registry knows.
pub fn may_be_typo(lexicon: &Lexicon, words: &Words, i: usize) -> bool {
    let written = words.folded(i);
    written.chars().count() >= 4
        && words.is_capitalized(i)
        && !words.is_all_caps(i)
        && !lexicon.is_english(written)
        && !words.kind(i).has(WordKind::NAME_WORD)
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
pub fn is_typo_of_counted(written: &str, len: usize, target: &str, target_len: usize) -> bool {
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
pub fn slips_allowed(len: usize) -> usize {
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

/// The one person all `forms` belong to, if they belong to one.
fn single_person(forms: &[FormRef]) -> Option<PersonId> {
    let first = forms.first()?.person;
    forms.iter().all(|f| f.person == first).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::person::{PersonCheck, built};
    use crate::rules::testing::registry;

    fn setup() -> (std::sync::Arc<Registry>, &'static PersonCheck) {
        (registry(), built())
    }

    fn words(text: &str) -> Words<'_> {
        Words::known(text, &built().vocabulary)
    }

    /// The bearers of the family name `text`.
    fn family(text: &str) -> &'static [PersonId] {
        let w = words(text);
        built().names.family(&w, 0, w.len() - 1)
    }

    fn name(reg: &Registry, p: PersonId) -> String {
        reg.person(p).name.to_string()
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
        let (reg, check) = setup();
        let names = &check.names;
        let w = words("Sergey Viktorovich Lavrov");
        let (n, f) = names.full.longest_at(&w, 0).unwrap();
        assert_eq!(n, 3);
        assert_eq!(name(&reg, f.person), "Sergey Lavrov");
        assert_eq!(family("Motegi").len(), 1);
        assert!(family("Kim").len() > 3);
        assert_eq!(family("Al Thani").len(), 7);
        assert_eq!(family("Al-Thani"), family("al thani"));
        assert!(family("Al").is_empty() && family("Thani Al").is_empty());
        assert!(family("Unknownname").is_empty());
    }

    /// A family name taken from within the canonical name has the words it has cut alone.
    #[test]
    fn family_names_within_names_are_the_family_names_cut() {
        let reg = registry();
        let mut v = Vocabulary::new();
        let (mut cut, mut alone) = (Cut::default(), Cut::default());
        let mut within = 0;
        for p in &reg.people {
            cut.read(&p.name, &mut v);
            alone.read(&p.family, &mut v);
            if let Some(words) = family_within(&p.name, &p.family, &cut) {
                let ids: Vec<u32> = cut.words[words].iter().map(|w| w.id).collect();
                assert_eq!(
                    ids,
                    alone.ids().collect::<Vec<_>>(),
                    "{} / {}",
                    p.name,
                    p.family
                );
                within += 1;
            }
        }
        assert!(within * 10 > reg.people.len() * 8, "{within}");
        for (name, family, expected) in [
            ("Yoshihide Suga", "Suga", Some(1..2)),
            ("Xi Jinping", "Xi", Some(0..1)),
            ("Mohammed bin Salman Al Saud", "Al Saud", Some(3..5)),
            ("Joe Bidenovich", "Biden", None),
            ("Anna Smith-Jones", "Jones", Some(2..3)),
            ("Ann Smith", "", None),
            ("Ann Smith", "Ann Smith", Some(0..2)),
        ] {
            cut.read(name, &mut v);
            assert_eq!(
                family_within(name, family, &cut),
                expected,
                "{name} / {family}"
            );
        }
    }

    /// The families, grouped once, give what gathering each person's family names one by one
    /// gives: every bearer once, in the order of the registry.
    #[test]
    fn families_hold_their_bearers_once_in_order() {
        let (reg, check) = setup();
        let mut expected: std::collections::HashMap<Vec<String>, Vec<PersonId>> =
            Default::default();
        for (i, p) in reg.people.iter().enumerate() {
            let id = PersonId(i as u32);
            let family: Vec<String> = Words::new(&p.family).folded_all();
            let names = std::iter::once(&p.name).chain(&p.variants);
            let one_word = names
                .map(|n| Words::new(n).folded_all())
                .filter(|w| w.len() < 2 || *w == family);
            for key in std::iter::once(family.clone()).chain(one_word) {
                let people = expected.entry(key).or_default();
                if !people.contains(&id) {
                    people.push(id);
                }
            }
        }
        for (key, people) in expected.iter().filter(|(k, _)| !k.is_empty()) {
            assert_eq!(family(&key.join(" ")), people.as_slice(), "{key:?}");
        }
        let one_word = check.names.one_word_families().count();
        assert_eq!(one_word, expected.keys().filter(|k| k.len() == 1).count());
    }

    #[test]
    fn middle_names_only_where_consistent() {
        let (reg, check) = setup();
        let (names, v) = (&check.names, &check.vocabulary);
        let w = words("Joseph Robinette Biden");
        let f = names.with_middle_names(v, &w, 0, 2).unwrap();
        assert_eq!(name(&reg, f.person), "Joe Biden");
        let w = words("George H. W. Bush");
        assert!(names.with_middle_names(v, &w, 0, 3).is_none());
        let w = words("Fumio Taro Kishida");
        assert!(
            names.with_middle_names(v, &w, 0, 2).is_some(),
            "no middle name known"
        );
    }

    #[test]
    fn near_misses() {
        let (reg, check) = setup();
        let (names, lex, v) = (&check.names, &check.lex, &check.vocabulary);
        let near = check.near();
        let w = words("Sergey Lavrow");
        let found = names.near_full(lex, v, &w, 0, 1);
        assert_eq!(found.len(), 1);
        assert_eq!(name(&reg, found[0].0.person), "Sergey Lavrov");
        let w = words("Jashankar");
        let found = near.near_family(lex, names, v, &w, 0);
        assert_eq!(
            found.iter().map(|&p| name(&reg, p)).collect::<Vec<_>>(),
            ["S. Jaishankar"]
        );
        let w = words("Jake Sullivan");
        assert!(names.near_full(lex, v, &w, 0, 1).is_empty());
        assert!(near.near_family(lex, names, v, &w, 1).is_empty());
        let w = words("MODI Narendra");
        let p = names.family_first_in_capitals(&w, 0, 1).unwrap();
        assert_eq!(name(&reg, p), "Narendra Modi");
    }
}
