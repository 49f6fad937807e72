//! The words around names: titles (the registry's lexicon and every office's own forms),
//! honorifics, the countries and organisations that own offices, and the modifiers that move a
//! title in time ("former", "then-", "-elect").

use super::grouped::Grouped;
use super::phrases::{CaseRule, PhraseIndex};
use super::vocabulary::{Vocabulary, WordKind};
use super::words::{Cut, CutWord, Words};
use crate::hash::FastMap;
use crate::registry::{
    CountryId, OfficeId, OfficeKind, Owner, Registry, Str, is_english_word, word_list_entries,
};
use std::ops::Range;

/// One title phrase, as found before or after names.
#[derive(Debug, Clone)]
pub struct TitleForm {
    /// As written in the lexicon or in the first office that lists it.
    pub form: String,
    /// Kinds from the global lexicon (empty for forms only offices list, and for titles the
    /// lexicon names but does not check, such as "Vice President").
    pub kinds: Vec<OfficeKind>,
    pub in_lexicon: bool,
    pub ambiguous: bool,
    /// The offices that list this form (owner prefixes such as "Chinese" or "UN" set aside),
    /// in the registry's order.
    pub offices: Vec<OfficeId>,
    /// US usage keeps "Secretary" for life ("Secretary Kerry" as climate envoy): it names a
    /// person, not an office held on the day.
    pub courtesy: bool,
    /// The other forms that say the same thing ([`SAME_TITLES`]), by number.
    pub same: Vec<usize>,
}

/// How a modifier before or after a title moves it in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modifier {
    /// "former", "then-", "late", "-elect", "designate", "incoming", "outgoing" ...: the title
    /// is not claimed for the date.
    NotNow,
    /// "acting", "interim", "caretaker": an acting term counts like any other.
    Acting,
}

/// Words that are part of a name without being capitalised ("bin", "al-", "de", "van").
const PARTICLES: &[&str] = &[
    "bin", "ibn", "bint", "binti", "al", "el", "ul", "ud", "de", "da", "das", "dos", "do", "du",
    "del", "della", "der", "den", "di", "la", "le", "van", "von", "y", "ter", "zu", "ben", "abu",
];

/// Capitalised words that are never names: they start runs of capitals without being part of
/// them ("On Thursday Motegi ...").
const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Words that begin longer titles the lexicon may not know ("Vice Minister for Foreign
/// Affairs", "Senior Minister"): a title after one of them is not the title itself.
const TITLE_STARTS: &[&str] = &[
    "vice",
    "deputy",
    "senior",
    "junior",
    "state",
    "first",
    "second",
    "third",
    "assistant",
    "under",
    "associate",
    "chief",
    "executive",
    "parliamentary",
    "shadow",
    "principal",
    "special",
    "permanent",
    "regional",
    "provincial",
    "foreign",
    "prime",
    "minister",
];

/// Nouns that, after a name, make it the name of a place, an institution or a prize: "Sultan
/// Qaboos University" names no sultan in office.
const NAMED_THINGS: &[&str] = &[
    "university",
    "centre",
    "center",
    "hall",
    "park",
    "bridge",
    "mosque",
    "airport",
    "foundation",
    "prize",
    "award",
    "road",
    "street",
    "avenue",
    "boulevard",
    "hospital",
    "conference",
    "convention",
    "international",
    "economic",
    "medal",
    "fund",
    "institute",
    "school",
    "college",
    "stadium",
    "palace",
    "museum",
    "library",
    "port",
    "city",
    "causeway",
    "canal",
    "dam",
    "station",
    "highway",
    "square",
    "memorial",
    "trophy",
    "cup",
    "scholarship",
    "fellowship",
    "lecture",
    "building",
    "tower",
    "garden",
    "gardens",
    "academy",
    "complex",
    "arena",
    "bay",
    "harbour",
    "harbor",
    "base",
    "cathedral",
    "church",
    "order",
    "doctrine",
    "era",
    "administration",
    "government",
    "cabinet",
    "programme",
    "program",
    "initiative",
    "plan",
    "declaration",
];

/// Descriptive titles that say the same thing: an office that lists one of them uses them all
/// ("Minister of Foreign Affairs" for a "Minister for Foreign Affairs", "PM" for a "Prime
/// Minister"). The office's own title differs only in a preposition or an abbreviation.
const SAME_TITLES: &[&[&str]] = &[
    &[
        "foreign minister",
        "fm",
        "minister of foreign affairs",
        "minister for foreign affairs",
        "foreign affairs minister",
    ],
    &["prime minister", "pm"],
    &["deputy prime minister", "deputy pm", "dpm"],
];

/// The word lists, with the kind each gives its words.
const WORD_LISTS: &[(&[&str], WordKind)] = &[
    (PARTICLES, WordKind::PARTICLE),
    (CALENDAR, WordKind::CALENDAR),
    (NAMED_THINGS, WordKind::NAMED_THING),
    (TITLE_STARTS, WordKind::TITLE_START),
];

impl TitleForm {
    /// Whether `office` lists this form.
    pub fn lists(&self, office: OfficeId) -> bool {
        self.offices.binary_search(&office).is_ok()
    }
}

pub struct Lexicon {
    pub titles: PhraseIndex<usize>,
    pub forms: Vec<TitleForm>,
    pub honorifics: PhraseIndex<()>,
    pub owners: PhraseIndex<Vec<Owner>>,
    /// Per office: its first title, owner set aside ("Secretary of State", "Chancellor").
    office_titles: Vec<String>,
    /// Per country: its offices, in the registry's order.
    offices_by_country: Grouped<OfficeId>,
}

impl Lexicon {
    /// The lexicon, its words added to `vocabulary`, which also learns the kinds of the word
    /// lists (particles, months and weekdays, named things, starts of titles).
    pub fn new(registry: &Registry, vocabulary: &mut Vocabulary) -> Lexicon {
        for (list, kind) in WORD_LISTS {
            for word in *list {
                let id = vocabulary.intern(word);
                vocabulary.mark(id, *kind);
            }
        }
        let honorifics = honorific_index(vocabulary);
        let owners = owner_index(registry, vocabulary);
        let mut lexicon = Lexicon {
            // The lexicon's titles and about as many more that only offices list.
            titles: PhraseIndex::with_capacity(
                CaseRule::Folded,
                WordKind::STARTS_TITLE,
                registry.titles.len() * 3,
            ),
            forms: Vec::new(),
            honorifics,
            owners,
            office_titles: Vec::with_capacity(registry.offices.len()),
            offices_by_country: offices_by_country(registry),
        };
        lexicon.index_titles(registry, vocabulary);
        lexicon.link_same_titles(vocabulary);
        lexicon
    }

    /// Whether the folded word is an ordinary English word.
    pub fn is_english(&self, folded: &str) -> bool {
        // The list's entries in small ASCII letters only (the build's table holds them all).
        folded.chars().all(|c| c.is_ascii_lowercase()) && is_english_word(folded)
    }

    /// [`Lexicon::is_english`] for word `i` of `words` (read with `vocabulary`): asked of the
    /// list once per word of the vocabulary.
    pub fn is_english_at(&self, vocabulary: &Vocabulary, words: &Words, i: usize) -> bool {
        let folded = words.folded(i);
        vocabulary.remembered(words.id(i), || self.is_english(folded))
    }

    /// A modifier word (folded) before or after a title.
    pub fn modifier(folded: &str) -> Option<Modifier> {
        Some(match folded {
            "former" | "late" | "then" | "ex" | "outgoing" | "incoming" | "designate" | "elect"
            | "future" | "next" | "previous" | "erstwhile" | "onetime" | "retired" | "deceased"
            | "past" | "newly" | "elected" | "appointed" | "nominated" | "designated"
            | "prospective" | "would" | "be" => Modifier::NotNow,
            "acting" | "interim" | "caretaker" => Modifier::Acting,
            _ => return None,
        })
    }

    pub fn form(&self, id: usize) -> &TitleForm {
        &self.forms[id]
    }

    /// The offices of a country, in the registry's order.
    pub fn offices_of(&self, country: CountryId) -> &[OfficeId] {
        self.offices_by_country.get(country.0)
    }

    /// The title an office is first listed with, owner set aside ("Secretary of State").
    pub fn office_title(&self, office: OfficeId) -> &str {
        &self.office_titles[office.0 as usize]
    }

    fn index_titles(&mut self, registry: &Registry, vocabulary: &mut Vocabulary) {
        // Title forms by the node of their folded words: "Secretary-General" and "Secretary
        // General" are one title.
        let mut by_node: FastMap<u32, usize> = FastMap::default();
        let secretary = vocabulary.intern("secretary");
        let mut cut = Cut::default();
        for t in &registry.titles {
            cut.read(&t.form, vocabulary);
            let Some(id) = self.form_id(&mut by_node, &t.form, &cut.words, secretary, vocabulary)
            else {
                continue;
            };
            let form = &mut self.forms[id];
            form.in_lexicon = true;
            form.ambiguous |= t.ambiguous;
            for k in &t.kinds {
                if !form.kinds.contains(k) {
                    form.kinds.push(*k);
                }
            }
        }
        // Office titles repeat from state to state ("Prime Minister"): one that names no owner
        // is the same form for every office, and is read once.
        let mut plain: FastMap<&str, (usize, Range<usize>)> = FastMap::default();
        let mut words = Words::new("");
        for (i, office) in registry.offices.iter().enumerate() {
            let mut first = None;
            for title in &office.titles {
                let (id, span) = match plain.get(title.as_str()) {
                    Some((id, span)) => (*id, span.clone()),
                    None => {
                        words.reread_interned(title, vocabulary);
                        let Some(form) = self.office_form(&words, &office.owner) else {
                            continue;
                        };
                        words.cut_words(form.first, form.last, &mut cut.words);
                        let Some(id) =
                            self.form_id(&mut by_node, title, &cut.words, secretary, vocabulary)
                        else {
                            continue;
                        };
                        let span = words.span_of(form.first, form.last);
                        if form.for_any_owner {
                            plain.insert(title, (id, span.clone()));
                        }
                        (id, span)
                    }
                };
                first.get_or_insert_with(|| &title[span]);
                let offices = &mut self.forms[id].offices;
                if !offices.contains(&OfficeId(i as u32)) {
                    offices.push(OfficeId(i as u32));
                }
            }
            self.office_titles
                .push(first.unwrap_or(&office.name).to_string());
        }
        self.titles.finish();
    }

    /// The title form of the words `words` of `text`, added as they are written if new
    /// (`None` for no words). `secretary` is the number of the word "secretary".
    fn form_id(
        &mut self,
        by_node: &mut FastMap<u32, usize>,
        text: &str,
        words: &[CutWord],
        secretary: u32,
        vocabulary: &mut Vocabulary,
    ) -> Option<usize> {
        let (first, last) = (words.first()?, words.last()?);
        if let Some(&id) = self
            .titles
            .node_of(words.iter().map(|w| w.id))
            .and_then(|n| by_node.get(&n))
        {
            return Some(id);
        }
        let id = self.forms.len();
        self.forms.push(TitleForm {
            form: text.get(first.start..last.end)?.to_string(),
            kinds: Vec::new(),
            in_lexicon: false,
            ambiguous: false,
            offices: Vec::new(),
            courtesy: words.len() == 1 && first.id == secretary,
            same: Vec::new(),
        });
        let (_, node) = self.titles.insert_cut(text, words, id, vocabulary)?;
        by_node.insert(node, id);
        Some(id)
    }

    /// Tells each form of [`SAME_TITLES`] the others of its group that the lexicon has.
    fn link_same_titles(&mut self, vocabulary: &Vocabulary) {
        for group in SAME_TITLES {
            let ids: Vec<usize> = group
                .iter()
                .filter_map(|key| {
                    let node = self
                        .titles
                        .node_of(key.split(' ').map(|w| vocabulary.id(w)))?;
                    self.titles.values_at(node).next().copied()
                })
                .collect();
            for &id in &ids {
                self.forms[id].same = ids.iter().copied().filter(|&o| o != id).collect();
            }
        }
    }

    /// An office's title as it stands before a name once the owner is set aside: "Chinese
    /// Premier" and "Premier of the State Council" name the Premier, "UN Secretary-General" the
    /// Secretary-General, "His Majesty King" the King, "Acting Prime Minister" the Prime
    /// Minister.
    fn office_form(&self, words: &Words, owner: &Owner) -> Option<OfficeForm> {
        let (mut first, mut last) = (0, words.len().checked_sub(1)?);
        // Whether some owner's name was met: only then may the form depend on the owner.
        let mut owner_named = false;
        loop {
            if let Some((n, _)) = self.honorifics.longest_at(words, first) {
                first += n;
            } else if Self::modifier(words.folded(first)) == Some(Modifier::Acting) {
                first += 1;
            } else if let Some((n, _)) = self
                .owners
                .matches_at(words, first)
                .inspect(|_| owner_named = true)
                .find(|(_, owners)| owners.contains(owner))
            {
                first += n;
            } else {
                break;
            }
            if first > last {
                return None;
            }
        }
        // "... of [the] <owner>" at the end.
        for of in first + 1..last {
            if words.folded(of) != "of" {
                continue;
            }
            let start = if words.folded(of + 1) == "the" {
                of + 2
            } else {
                of + 1
            };
            let owners = (start <= last)
                .then(|| self.owners.exactly(words, start, last))
                .flatten();
            owner_named |= owners.is_some();
            if owners.is_some_and(|o| o.contains(owner)) {
                last = of - 1;
                break;
            }
        }
        Some(OfficeForm {
            first,
            last,
            for_any_owner: !owner_named,
        })
    }
}

/// The words of an office's title that name the office ([`Lexicon::office_form`]).
struct OfficeForm {
    first: usize,
    last: usize,
    /// No owner's name was met: the same words for an office of any owner.
    for_any_owner: bool,
}

fn offices_by_country(registry: &Registry) -> Grouped<OfficeId> {
    let pairs: Vec<(u32, OfficeId)> = registry
        .offices
        .iter()
        .enumerate()
        .filter_map(|(i, o)| match o.owner {
            Owner::Country(c) => Some((c.0, OfficeId(i as u32))),
            Owner::Organisation(_) => None,
        })
        .collect();
    Grouped::from_pairs(registry.countries.len(), &pairs)
}

fn honorific_index(vocabulary: &mut Vocabulary) -> PhraseIndex<()> {
    let mut index = PhraseIndex::new(CaseRule::Exact, WordKind::STARTS_HONORIFIC);
    for h in word_list_entries("honorifics") {
        index.insert(h, (), vocabulary);
    }
    index.finish();
    index
}

/// Every name and adjective of a country, every short form and name of an organisation: one
/// phrase per way of writing, with every owner written so.
fn owner_index(registry: &Registry, vocabulary: &mut Vocabulary) -> PhraseIndex<Vec<Owner>> {
    let countries = registry.countries.iter().enumerate().flat_map(|(i, c)| {
        let id = crate::registry::CountryId(i as u32);
        let adjectives = c.adjectives.iter().map(Str::as_str);
        c.names()
            .chain(adjectives)
            .map(move |form| (form, Owner::Country(id)))
    });
    let organisations = registry.organisations.iter().flat_map(|o| {
        let shorts = o.short.iter().map(Str::as_str);
        std::iter::once(o.name.as_str())
            .chain(shorts)
            .map(|form| (form, Owner::Organisation(o.code.clone())))
    });
    let forms = registry.countries.len() * 6 + registry.organisations.len() * 3;
    let mut index: PhraseIndex<Vec<Owner>> =
        PhraseIndex::with_capacity(CaseRule::Folded, WordKind::STARTS_OWNER, forms);
    // Each way of writing is one phrase: its number by the form as written.
    let mut phrases: FastMap<&str, usize> =
        FastMap::with_capacity_and_hasher(forms, Default::default());
    let mut cut = Cut::default();
    for (form, owner) in countries.chain(organisations) {
        if let Some(owners) = phrases.get(form).and_then(|&p| index.value_mut(p)) {
            if !owners.contains(&owner) {
                owners.push(owner);
            }
            continue;
        }
        cut.read(form, vocabulary);
        if let Some((p, _)) = index.insert_cut(form, &cut.words, vec![owner], vocabulary) {
            phrases.insert(form, p);
        }
    }
    index.finish();
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::person::built;
    use crate::rules::testing::registry;

    fn lexicon() -> &'static Lexicon {
        &built().lex
    }

    fn words(text: &str) -> Words<'_> {
        Words::known(text, &built().vocabulary)
    }

    fn form_id(text: &str) -> Option<usize> {
        let w = words(text);
        lexicon().titles.exactly(&w, 0, w.len() - 1).copied()
    }

    fn form(text: &str) -> Option<&'static TitleForm> {
        form_id(text).map(|id| lexicon().form(id))
    }

    #[test]
    fn office_titles_lose_their_owner() {
        let reg = registry();
        let premier = form("Premier").expect("Premier");
        let cn = reg.office_by_id("CN-HOG").unwrap();
        assert!(premier.offices.contains(&cn));
        let sg = form("Secretary-General").expect("Secretary-General");
        assert!(sg.offices.contains(&reg.office_by_id("UN-HEAD").unwrap()));
        let pm = form("Prime Minister").unwrap();
        assert!(pm.offices.contains(&reg.office_by_id("IN-HOG").unwrap()));
        assert!(form("Chinese Premier").is_none());
        assert_eq!(lexicon().office_title(cn), "Premier");
    }

    /// A title read once for every office that lists it (it names no owner) gives each of
    /// them what reading it for the office gives.
    #[test]
    fn titles_read_once_are_the_office_titles_read_for_each_office() {
        let reg = registry();
        let lex = lexicon();
        let mut vocabulary = Vocabulary::new();
        let lexicon_again = Lexicon::new(&reg, &mut vocabulary);
        let mut words = Words::new("");
        for (i, office) in reg.offices.iter().enumerate() {
            let id = OfficeId(i as u32);
            for title in &office.titles {
                words.reread_interned(title, &mut vocabulary);
                let Some(f) = lexicon_again.office_form(&words, &office.owner) else {
                    continue;
                };
                let w = self::words(&title[words.span_of(f.first, f.last)]);
                let node = lex.titles.node_of((0..w.len()).map(|k| w.id(k)));
                let form = node.and_then(|n| lex.titles.values_at(n).next());
                assert!(
                    form.is_some_and(|&k| lex.form(k).offices.contains(&id)),
                    "{title}"
                );
            }
        }
    }

    #[test]
    fn offices_by_country_and_forms_as_the_registry_lists_them() {
        let reg = registry();
        for (i, _) in reg.countries.iter().enumerate() {
            let c = CountryId(i as u32);
            let expected: Vec<OfficeId> = reg.offices_of(c).map(|(o, _)| o).collect();
            assert_eq!(lexicon().offices_of(c), expected.as_slice());
        }
        for form in &lexicon().forms {
            assert!(form.offices.is_sorted(), "{}", form.form);
            for (i, _) in reg.offices.iter().enumerate() {
                let o = OfficeId(i as u32);
                assert_eq!(form.lists(o), form.offices.contains(&o));
            }
        }
    }

    #[test]
    fn lexicon_kinds_and_courtesy() {
        let fm = form("Foreign Minister").unwrap();
        assert_eq!(fm.kinds, vec![OfficeKind::ForeignMinister]);
        assert!(fm.in_lexicon);
        assert!(form("Vice President").unwrap().kinds.is_empty());
        assert!(form("Secretary").unwrap().courtesy);
        assert!(!form("Secretary of State").unwrap().courtesy);
    }

    #[test]
    fn titles_that_say_the_same_know_each_other() {
        let pm = form_id("Prime Minister").unwrap();
        assert_eq!(form("PM").unwrap().same, [pm]);
        let fm = form("Foreign Minister").unwrap();
        for other in [
            "FM",
            "Minister of Foreign Affairs",
            "Minister for Foreign Affairs",
        ] {
            assert!(fm.same.contains(&form_id(other).unwrap()), "{other}");
        }
        assert!(form("President").unwrap().same.is_empty());
    }

    #[test]
    fn the_word_lists_give_their_words_a_kind() {
        let v = &built().vocabulary;
        for (list, kind) in WORD_LISTS {
            for word in *list {
                assert!(v.kind(v.id(word)).has(*kind), "{word}");
            }
        }
        let w = words("Bin Monday University Vice Minister Suga");
        assert!(w.kind(0).has(WordKind::PARTICLE));
        assert!(w.kind(1).has(WordKind::CALENDAR));
        assert!(w.kind(2).has(WordKind::NAMED_THING));
        assert!(w.kind(3).has(WordKind::TITLE_START));
        assert!(!w.kind(5).has(WordKind::PARTICLE) && !w.kind(5).has(WordKind::CALENDAR));
    }

    #[test]
    fn owners_and_honorifics() {
        let lex = lexicon();
        let w = words("U.S. and South Korean and UN and us");
        assert_eq!(lex.owners.longest_at(&w, 0).map(|m| m.0), Some(2));
        assert_eq!(lex.owners.longest_at(&w, 3).map(|m| m.0), Some(2));
        assert!(lex.owners.longest_at(&w, 6).is_some());
        assert!(lex.owners.longest_at(&w, 8).is_none(), "'us' is a pronoun");
        let w = words("H.E. Mr. Modi");
        assert_eq!(lex.honorifics.longest_at(&w, 0).map(|m| m.0), Some(2));
    }
}
