//! Every written form of every country — names, adjectives, former names, the misspellings and
//! wrong forms the registry lists — and the place names that must be left alone, grouped by
//! their first word. A document is read once: at each word start the longest form that ends on
//! a word boundary is taken ("Guinea-Bissau", not "Guinea"; "Democratic People's Republic of
//! Korea", not "Republic of Korea").
//!
//! Only the forms that share the word's first word can match there, so comparing those few,
//! longest first, finds what an anchored leftmost-longest automaton would, and costs nothing to
//! build: the automaton was a tenth of the start-up of `diplint check`.

use super::folded::Folded;
use crate::hash::FastMap;
use crate::registry::{CountryId, Registry, word_list_entries};
use crate::text::{fold_into, words};
use aho_corasick::{Match, PatternID};
use std::ops::Range;

/// What a written form is to the country it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// A correct name: short, official, UN or an accepted variant.
    Name,
    /// A correct adjective or demonym.
    Adjective,
    /// A name the state gave up (index into `Country::former`).
    Former(usize),
    /// An adjective that went with a former name.
    FormerAdjective(usize),
    Misspelling,
    WrongAdjective,
    WrongOfficial,
    /// A place or historical state that contains or looks like a country name: never a finding.
    Place,
}

impl Role {
    fn is_correct(self) -> bool {
        matches!(self, Role::Name | Role::Adjective)
    }

    fn is_former(self) -> bool {
        matches!(self, Role::Former(_) | Role::FormerAdjective(_))
    }

    /// Whether a form is right for some use: a name, an adjective, a former name or a place.
    pub fn is_right_somewhere(self) -> bool {
        !matches!(
            self,
            Role::Misspelling | Role::WrongAdjective | Role::WrongOfficial
        )
    }
}

/// One spelling of a form, with its country (none for places).
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub country: Option<CountryId>,
    pub role: Role,
    /// As the registry writes it.
    pub spelling: String,
}

/// Everything that folds to one pattern of the automaton.
#[derive(Debug, Default)]
pub(super) struct Form {
    pub folded: String,
    /// Only the entries of the strongest kind: correct forms win over places, places over
    /// former names, former names over wrong forms.
    pub entries: Vec<Entry>,
    /// Every spelling is an abbreviation in capitals ("US", "ROK", "F.Y.R.O.M."): the text must
    /// be written so too ("us" is a pronoun).
    pub acronym: bool,
    /// The countries of the entries, each once.
    pub countries: Vec<CountryId>,
    /// The countries this form is a name of (not an adjective), each once.
    pub named: Vec<CountryId>,
    /// Whether one of the countries is a political grouping (every form of it is accepted).
    pub political: bool,
}

impl Form {
    pub fn role(&self) -> Role {
        self.entries.first().map_or(Role::Place, |e| e.role)
    }

    /// The distinct countries of the entries of `role` (any role when `None`).
    fn countries_of(&self, role: Option<Role>) -> Vec<CountryId> {
        let mut found = Vec::new();
        for e in &self.entries {
            let c = e.country.filter(|_| role.is_none_or(|r| r == e.role));
            if let Some(c) = c.filter(|c| !found.contains(c)) {
                found.push(c);
            }
        }
        found
    }
}

/// A form found in the prose.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    /// Byte range in the prose.
    pub span: Range<usize>,
    pub form: usize,
}

pub(super) struct SurfaceIndex {
    pub forms: Vec<Form>,
    /// The length of the longest folded form: how far past a window the folding must read.
    longest: usize,
    /// The forms by their first word, longest first: a form that ends on a word boundary
    /// starts with the whole first word of the text it matches, so a word not here starts no
    /// mention.
    by_first_word: FastMap<String, Vec<usize>>,
}

impl SurfaceIndex {
    pub fn new(registry: &Registry) -> SurfaceIndex {
        let mut by_key: FastMap<String, usize> = FastMap::default();
        let mut forms: Vec<Form> = Vec::new();
        let mut folded = String::new();
        let mut add = |spelling: &str, country: Option<CountryId>, role: Role| {
            folded.clear();
            fold_into(spelling.trim(), &mut folded);
            if folded.is_empty() {
                return;
            }
            let i = match by_key.get(folded.as_str()) {
                Some(&i) => i,
                None => {
                    forms.push(Form {
                        folded: folded.clone(),
                        ..Form::default()
                    });
                    by_key.insert(folded.clone(), forms.len() - 1);
                    forms.len() - 1
                }
            };
            forms[i].entries.push(Entry {
                country,
                role,
                spelling: spelling.trim().to_string(),
            });
        };
        for (i, c) in registry.countries.iter().enumerate() {
            let id = Some(CountryId(i as u32));
            for name in c.names() {
                add(name, id, Role::Name);
            }
            for adjective in c.adjectives.iter().chain(&c.demonyms) {
                add(adjective, id, Role::Adjective);
            }
            for (f, former) in c.former.iter().enumerate() {
                add(&former.name, id, Role::Former(f));
                for adjective in &former.adjectives {
                    add(adjective, id, Role::FormerAdjective(f));
                }
            }
            for m in &c.misspellings {
                add(m, id, Role::Misspelling);
            }
            for m in &c.wrong_adjectives {
                add(m, id, Role::WrongAdjective);
            }
            for m in &c.wrong_official {
                add(m, id, Role::WrongOfficial);
            }
        }
        for place in word_list_entries("place-names") {
            add(place, None, Role::Place);
        }
        for form in &mut forms {
            keep_strongest(&mut form.entries);
            form.acronym = form
                .entries
                .iter()
                .all(|e| !e.spelling.chars().any(char::is_lowercase));
            form.countries = form.countries_of(None);
            form.named = form.countries_of(Some(Role::Name));
            form.political = form
                .countries
                .iter()
                .any(|&c| registry.country(c).political);
        }
        let longest = forms.iter().map(|f| f.folded.len()).max().unwrap_or(0);
        let mut by_first_word: FastMap<String, Vec<usize>> = FastMap::default();
        for (i, f) in forms.iter().enumerate() {
            let first = first_word(&f.folded);
            match by_first_word.get_mut(first) {
                Some(bucket) => bucket.push(i),
                None => {
                    by_first_word.insert(first.to_string(), vec![i]);
                }
            }
        }
        for bucket in by_first_word.values_mut() {
            bucket.sort_by_key(|&i| std::cmp::Reverse(forms[i].folded.len()));
        }
        SurfaceIndex {
            forms,
            longest,
            by_first_word,
        }
    }

    /// Every form in the prose, left to right, none overlapping.
    pub fn mentions(&self, prose: &str) -> Vec<Mention> {
        // What follows a form's last character decides whether it ends a word: the margin
        // holds a form and the character after it.
        let margin = self.longest + 8;
        Folded::with_buffers(|folded| {
            let mut found = Vec::new();
            let mut from = 0;
            while from < prose.len() {
                let next = folded.fold_window(prose, from, margin);
                let last_end = self.mentions_in_window(folded, &mut found);
                // A form read into the margin: the next window starts after it.
                from = next.max(last_end);
            }
            found
        })
    }

    /// The forms starting in the window's own part, added to `found`; returns the prose end
    /// of the last one (0 when there is none).
    fn mentions_in_window(&self, folded: &Folded, found: &mut Vec<Mention>) -> usize {
        let text = folded.text();
        let mut resume = 0;
        let mut last_end = 0;
        for (word, first) in words(text) {
            let start = word.start;
            if start >= folded.own() {
                break;
            }
            if start < resume {
                continue;
            }
            if let Some(m) = self.longest_at(text, start, first) {
                let span = folded.prose_span(m.range());
                last_end = span.end;
                found.push(Mention {
                    span,
                    form: m.pattern().as_usize(),
                });
                resume = m.end();
            }
        }
        last_end
    }

    /// The longest form that starts at `start`, where the word `first` starts, and ends on a
    /// word boundary ("Guinea" is no form in "Guineans").
    fn longest_at(&self, text: &str, start: usize, first: &str) -> Option<Match> {
        let rest = text.get(start..)?;
        let candidates = self.by_first_word.get(first)?;
        candidates.iter().find_map(|&i| {
            let form = self.forms[i].folded.as_str();
            let end = start + form.len();
            (rest.starts_with(form) && ends_word(text, end))
                .then(|| Some(Match::new(PatternID::new(i).ok()?, start..end)))
                .flatten()
        })
    }
}

/// Correct forms win; then places; then former names; then the wrong forms.
fn keep_strongest(entries: &mut Vec<Entry>) {
    let rank = |r: Role| -> u8 {
        if r.is_correct() {
            0
        } else if r == Role::Place {
            1
        } else if r.is_former() {
            2
        } else {
            3
        }
    };
    let best = entries.iter().map(|e| rank(e.role)).min().unwrap_or(3);
    entries.retain(|e| rank(e.role) == best);
    if entries.len() < 2 {
        return;
    }
    // The first of equal entries stays; comparing in place copies no spelling.
    let mut kept: Vec<Entry> = Vec::with_capacity(entries.len());
    for e in entries.drain(..) {
        let seen = kept
            .iter()
            .any(|k| k.country == e.country && k.role == e.role && k.spelling == e.spelling);
        if !seen {
            kept.push(e);
        }
    }
    *entries = kept;
}

/// The run of letters and digits that `text` starts with.
fn first_word(text: &str) -> &str {
    let end = text
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(text.len());
    &text[..end]
}

/// Whether a match ending at `end` ends a word: what follows is no letter or digit, or the
/// match itself ends in punctuation ("U.S.").
fn ends_word(text: &str, end: usize) -> bool {
    let next_is_alnum = text[end..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric);
    let last_is_alnum = text[..end]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    !next_is_alnum || !last_is_alnum
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::registry;

    fn found(text: &str) -> Vec<(String, Role)> {
        let index = SurfaceIndex::new(&registry());
        index
            .mentions(text)
            .into_iter()
            .map(|m| (text[m.span].to_string(), index.forms[m.form].role()))
            .collect()
    }

    #[test]
    fn longest_form_wins() {
        let f = found("Guinea-Bissau and the Democratic People’s Republic of Korea met Guinea.");
        assert_eq!(
            f,
            vec![
                ("Guinea-Bissau".to_string(), Role::Name),
                (
                    "Democratic People’s Republic of Korea".to_string(),
                    Role::Name
                ),
                ("Guinea".to_string(), Role::Name),
            ]
        );
    }

    #[test]
    fn word_boundaries_are_kept() {
        let f = found("Indianapolis, Omani, Japan’s, Nigerienne");
        let texts: Vec<_> = f.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, vec!["Omani", "Japan"]);
    }

    #[test]
    fn a_paragraph_longer_than_a_window_gives_each_sentence_its_mentions() {
        let index = SurfaceIndex::new(&registry());
        let sentence = "The Democratic People’s Republic of Korea, Côte d’Ivoire, the \
            Phillipines and Guinea-Bissau met the United States of America in São Tomé.";
        let once = index.mentions(sentence);
        assert_eq!(once.len(), 6);
        // Windows end at different places of the sentence: inside the long names too.
        let text = [sentence; 2000].join(" ");
        let all = index.mentions(&text);
        assert_eq!(all.len(), once.len() * 2000);
        for (i, m) in all.iter().enumerate() {
            let shift = (i / once.len()) * (sentence.len() + 1);
            let expected = &once[i % once.len()];
            assert_eq!(m.span.start, expected.span.start + shift, "{i}");
            assert_eq!(m.span.end, expected.span.end + shift, "{i}");
            assert_eq!(m.form, expected.form, "{i}");
        }
    }

    #[test]
    fn places_and_wrong_forms_are_kept_apart() {
        let f = found("Columbia University, the Phillipines and the Qatarian side");
        assert_eq!(f[0], ("Columbia University".to_string(), Role::Place));
        assert_eq!(f[1], ("Phillipines".to_string(), Role::Misspelling));
        assert_eq!(f[2], ("Qatarian".to_string(), Role::WrongAdjective));
    }
}
