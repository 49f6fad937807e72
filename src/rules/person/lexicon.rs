//! The words around names: titles (the registry's lexicon and every office's own forms),
//! honorifics, the countries and organisations that own offices, and the modifiers that move a
//! title in time ("former", "then-", "-elect").

use super::phrases::{CaseRule, PhraseIndex};
use super::words::Words;
use crate::hash::FastMap;
use crate::registry::{OfficeId, OfficeKind, Owner, Registry, is_english_word, word_list_entries};

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
    /// The offices that list this form (owner prefixes such as "Chinese" or "UN" set aside).
    pub offices: Vec<OfficeId>,
    /// US usage keeps "Secretary" for life ("Secretary Kerry" as climate envoy): it names a
    /// person, not an office held on the day.
    pub courtesy: bool,
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

pub struct Lexicon {
    pub titles: PhraseIndex<usize>,
    pub forms: Vec<TitleForm>,
    pub honorifics: PhraseIndex<()>,
    pub owners: PhraseIndex<Vec<Owner>>,
    /// Per office: its first title, owner set aside ("Secretary of State", "Chancellor").
    office_titles: Vec<String>,
    /// Title forms by their folded words joined by spaces.
    by_key: FastMap<String, usize>,
}

impl Lexicon {
    pub fn new(registry: &Registry) -> Lexicon {
        let honorifics = honorific_index();
        let owners = owner_index(registry);
        let mut lexicon = Lexicon {
            titles: PhraseIndex::new(CaseRule::Folded),
            forms: Vec::new(),
            honorifics,
            owners,
            office_titles: Vec::new(),
            by_key: FastMap::default(),
        };
        lexicon.index_titles(registry);
        lexicon
    }

    /// Whether the folded word is an ordinary English word.
    pub fn is_english(&self, folded: &str) -> bool {
        // The list's entries in small ASCII letters only (the build's table holds them all).
        folded.chars().all(|c| c.is_ascii_lowercase()) && is_english_word(folded)
    }

    pub fn is_particle(folded: &str) -> bool {
        PARTICLES.contains(&folded)
    }

    pub fn is_named_thing(folded: &str) -> bool {
        NAMED_THINGS.contains(&folded)
    }

    pub fn starts_titles(folded: &str) -> bool {
        TITLE_STARTS.contains(&folded)
    }

    pub fn is_calendar(folded: &str) -> bool {
        CALENDAR.contains(&folded)
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

    /// Whether `office` lists the title whose folded words, joined by spaces, are `key`
    /// ("prime minister").
    pub fn lists(&self, office: OfficeId, key: &str) -> bool {
        self.by_key
            .get(key)
            .is_some_and(|&id| self.forms[id].offices.contains(&office))
    }

    /// The title an office is first listed with, owner set aside ("Secretary of State").
    pub fn office_title(&self, office: OfficeId) -> &str {
        &self.office_titles[office.0 as usize]
    }

    fn index_titles(&mut self, registry: &Registry) {
        let mut by_key = std::mem::take(&mut self.by_key);
        let mut key = String::new();
        for t in &registry.titles {
            Self::key_into(&t.form, &mut key);
            let id = self.form_id(&mut by_key, &key, &t.form);
            let form = &mut self.forms[id];
            form.in_lexicon = true;
            form.ambiguous |= t.ambiguous;
            for k in &t.kinds {
                if !form.kinds.contains(k) {
                    form.kinds.push(*k);
                }
            }
        }
        for (i, office) in registry.offices.iter().enumerate() {
            let mut first = None;
            for title in &office.titles {
                let Some(form) = self.office_form(title, &office.owner, &mut key) else {
                    continue;
                };
                first.get_or_insert(form);
                let id = self.form_id(&mut by_key, &key, form);
                let offices = &mut self.forms[id].offices;
                if !offices.contains(&OfficeId(i as u32)) {
                    offices.push(OfficeId(i as u32));
                }
            }
            self.office_titles
                .push(first.unwrap_or(&office.name).to_string());
        }
        self.titles.finish();
        self.by_key = by_key;
    }

    /// A title's folded words joined by spaces: "Secretary-General" and "Secretary General"
    /// are one title.
    pub fn key(form: &str) -> String {
        let mut key = String::new();
        Self::key_into(form, &mut key);
        key
    }

    /// [`Lexicon::key`] written into `key`, which is cleared first.
    fn key_into(form: &str, key: &mut String) {
        key.clear();
        for (i, (_, word)) in crate::text::words(form).enumerate() {
            if i > 0 {
                key.push(' ');
            }
            crate::text::fold_into(word, key);
        }
    }

    /// The title form of key `key` (`form`'s), added as `form` if new.
    fn form_id(&mut self, by_key: &mut FastMap<String, usize>, key: &str, form: &str) -> usize {
        if let Some(&id) = by_key.get(key) {
            return id;
        }
        let key = key.to_string();
        let id = self.forms.len();
        self.forms.push(TitleForm {
            form: form.to_string(),
            kinds: Vec::new(),
            in_lexicon: false,
            ambiguous: false,
            offices: Vec::new(),
            courtesy: key == "secretary",
        });
        self.titles.insert(form, id);
        by_key.insert(key, id);
        id
    }

    /// An office's title as it stands before a name once the owner is set aside: "Chinese
    /// Premier" and "Premier of the State Council" name the Premier, "UN Secretary-General" the
    /// Secretary-General, "His Majesty King" the King, "Acting Prime Minister" the Prime
    /// Minister. Its key ([`Lexicon::key`]) is written into `key`.
    fn office_form<'t>(&self, title: &'t str, owner: &Owner, key: &mut String) -> Option<&'t str> {
        let words = Words::new(title);
        let (mut first, mut last) = (0, words.len().checked_sub(1)?);
        loop {
            if let Some((n, _)) = self.honorifics.longest_at(&words, first) {
                first += n;
            } else if Self::modifier(words.folded(first)) == Some(Modifier::Acting) {
                first += 1;
            } else if let Some((n, _)) = self
                .owners
                .matches_at(&words, first)
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
            if start <= last
                && self
                    .owners
                    .exactly(&words, start, last)
                    .is_some_and(|o| o.contains(owner))
            {
                last = of - 1;
                break;
            }
        }
        key.clear();
        for i in first..=last {
            if i > first {
                key.push(' ');
            }
            key.push_str(words.folded(i));
        }
        title.get(words.span_of(first, last))
    }
}

fn honorific_index() -> PhraseIndex<()> {
    let mut index = PhraseIndex::new(CaseRule::Exact);
    for h in word_list_entries("honorifics") {
        index.insert(h, ());
    }
    index.finish();
    index
}

/// Every name and adjective of a country, every short form and name of an organisation.
fn owner_index(registry: &Registry) -> PhraseIndex<Vec<Owner>> {
    let mut forms: FastMap<String, Vec<Owner>> = FastMap::default();
    let mut add = |form: &str, owner: Owner| {
        let owners = forms.entry(form.to_string()).or_default();
        if !owners.contains(&owner) {
            owners.push(owner);
        }
    };
    for (i, c) in registry.countries.iter().enumerate() {
        let id = crate::registry::CountryId(i as u32);
        for name in c.names().chain(c.adjectives.iter().map(String::as_str)) {
            add(name, Owner::Country(id));
        }
    }
    for o in &registry.organisations {
        add(&o.name, Owner::Organisation(o.code.clone()));
        for s in &o.short {
            add(s, Owner::Organisation(o.code.clone()));
        }
    }
    let mut index = PhraseIndex::new(CaseRule::Folded);
    for (form, owners) in forms {
        index.insert(&form, owners);
    }
    index.finish();
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::registry;

    fn lexicon() -> Lexicon {
        Lexicon::new(&registry())
    }

    fn form<'a>(lex: &'a Lexicon, text: &str) -> Option<&'a TitleForm> {
        let w = Words::new(text);
        lex.titles
            .exactly(&w, 0, w.len() - 1)
            .map(|&id| lex.form(id))
    }

    #[test]
    fn office_titles_lose_their_owner() {
        let reg = registry();
        let lex = Lexicon::new(&reg);
        let premier = form(&lex, "Premier").expect("Premier");
        let cn = reg.office_by_id("CN-HOG").unwrap();
        assert!(premier.offices.contains(&cn));
        let sg = form(&lex, "Secretary-General").expect("Secretary-General");
        assert!(sg.offices.contains(&reg.office_by_id("UN-HEAD").unwrap()));
        let pm = form(&lex, "Prime Minister").unwrap();
        assert!(pm.offices.contains(&reg.office_by_id("IN-HOG").unwrap()));
        assert!(form(&lex, "Chinese Premier").is_none());
    }

    #[test]
    fn lexicon_kinds_and_courtesy() {
        let lex = lexicon();
        let fm = form(&lex, "Foreign Minister").unwrap();
        assert_eq!(fm.kinds, vec![OfficeKind::ForeignMinister]);
        assert!(fm.in_lexicon);
        assert!(form(&lex, "Vice President").unwrap().kinds.is_empty());
        assert!(form(&lex, "Secretary").unwrap().courtesy);
    }

    #[test]
    fn owners_and_honorifics() {
        let lex = lexicon();
        let w = Words::new("U.S. and South Korean and UN and us");
        assert_eq!(lex.owners.longest_at(&w, 0).map(|m| m.0), Some(2));
        assert_eq!(lex.owners.longest_at(&w, 3).map(|m| m.0), Some(2));
        assert!(lex.owners.longest_at(&w, 6).is_some());
        assert!(lex.owners.longest_at(&w, 8).is_none(), "'us' is a pronoun");
        let w = Words::new("H.E. Mr. Modi");
        assert_eq!(lex.honorifics.longest_at(&w, 0).map(|m| m.0), Some(2));
    }
}
