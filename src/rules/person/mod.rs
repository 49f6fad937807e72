//! People: names of office holders, and whether they held the title given on the date.
//!
//! Each paragraph is read alone ([`Check::scan`]): [`mention`] finds titles, honorifics and
//! names (with the [`lexicon`] and the [`names`] index built once per registry), then each
//! mention is resolved to a person and checked: its spelling ([`spelling`]), its title on the
//! date ([`office`]) and the title's form for the country named (`title/form`, decided in
//! `rules/title.rs`). A family name alone counts after a title, or once an earlier mention has
//! introduced the person, possibly paragraphs before: such mentions keep their candidates as
//! [`facts`], and the whole-document decision picks among them.
//!
//! Every word of the indexes is numbered once in a [`vocabulary`]; a paragraph's words are looked
//! up in it as they are read ([`words`]), and the indexes ([`phrases`], [`names`]) compare and
//! follow numbers, not strings.

mod facts;
mod grouped;
mod lexicon;
mod mention;
mod names;
mod near;
mod office;
mod phrases;
mod spelling;
mod vocabulary;
mod words;

#[cfg(test)]
mod tests;

pub use lexicon::{Lexicon, TitleForm};
pub use mention::TitleChain;

use super::{
    Check, Context, Decision, Facts, Finding, Fix, Last, Output, Paragraphs, RuleInfo, Severity,
    Subject, title,
};
use crate::registry::{PersonId, Registry};
use facts::{Fact, FactKind, Latest, NearCandidate, Outcome, ParagraphFacts};
use mention::{Indexes, Mention, Name};
use names::NameIndex;
use near::NearFamilies;
use office::{Verdict, When};
use std::sync::OnceLock;
use vocabulary::{Vocabulary, WordKind};
use words::{WordBuffers, Words};

pub static MISSPELLED: RuleInfo = RuleInfo {
    id: "person/misspelled",
    severity: Severity::Error,
    summary: "a near-miss of a known office holder's name",
    explanation: "A name one or two letters away from an office holder in the registry, with \
evidence that the holder is meant (a title or country that fits, or a near-identical full name), \
is most likely a typo: 'Sergey Lavrow', 'Antonio Guteres', 'Jashankar'. Many real people are not \
in the registry, so an unknown name alone is never reported. The fix is the canonical name.",
    wrong: "Russian Foreign Minister Sergey Lavrow spoke first.",
    right: "Russian Foreign Minister Sergey Lavrov spoke first.",
    example_date: "2021-09-24",
};

pub static NAME_FORM: RuleInfo = RuleInfo {
    id: "person/name-form",
    severity: Severity::Hint,
    summary: "a name that differs from the canonical form only in case or diacritics",
    explanation: "'Chung Eui-Yong' for Chung Eui-yong, 'Antonio Guterres' for António Guterres: \
readable, but not the form the person uses. Variants that the registry lists (transliterations, \
patronymics, family name first) are accepted silently.",
    wrong: "Secretary-General Antonio Guterres opened the debate.",
    right: "Secretary-General António Guterres opened the debate.",
    example_date: "2021-09-24",
};

pub static WRONG_OFFICE: RuleInfo = RuleInfo {
    id: "person/wrong-office",
    severity: Severity::Error,
    summary: "a title the person did not hold",
    explanation: "The title given is an office the person never held at the time: 'Chinese Premier \
Xi Jinping' (Xi was President; the Premier was Li Qiang). The message says what the person did \
hold then and who held the stated office.",
    wrong: "Chinese Premier Xi Jinping addressed the forum.",
    right: "Chinese President Xi Jinping addressed the forum.",
    example_date: "2023-06-01",
};

pub static NOT_IN_OFFICE: RuleInfo = RuleInfo {
    id: "person/not-in-office",
    severity: Severity::Error,
    summary: "the right office at the wrong time",
    explanation: "The person held the office, but not on the date the text speaks of: 'Prime \
Minister Yoshihide Suga' in March 2022, when Fumio Kishida was Prime Minister. Not reported with \
'former', 'then-', 'late', 'ex-', '-elect', 'designate', 'incoming', 'outgoing', nor in a sentence \
that dates itself ('In 2020, Prime Minister Abe ...'), nor for dates the registry does not cover.",
    wrong: "Prime Minister Yoshihide Suga will visit Canberra.",
    right: "Prime Minister Fumio Kishida will visit Canberra.",
    example_date: "2022-03-01",
};

pub static RULES: &[&RuleInfo] = &[&MISSPELLED, &NAME_FORM, &WRONG_OFFICE, &NOT_IN_OFFICE];

/// Every rule the person check raises: the person rules and `title/form`.
static RAISED: &[&RuleInfo] = &[
    &MISSPELLED,
    &NAME_FORM,
    &WRONG_OFFICE,
    &NOT_IN_OFFICE,
    &title::FORM,
];

pub struct PersonCheck {
    /// Every word of the indexes, by number: a paragraph's words are looked up in it once.
    vocabulary: Vocabulary,
    lex: Lexicon,
    names: NameIndex,
    /// Built at the first word that may be a misspelt family name: most runs of the command
    /// line check one report, and start-up counts.
    near: OnceLock<NearFamilies>,
}

impl PersonCheck {
    pub fn new(registry: &Registry) -> PersonCheck {
        let mut vocabulary = Vocabulary::new();
        let lex = Lexicon::new(registry, &mut vocabulary);
        let names = NameIndex::new(registry, &mut vocabulary);
        PersonCheck {
            vocabulary,
            lex,
            names,
            near: OnceLock::new(),
        }
    }

    fn indexes(&self) -> Indexes<'_> {
        Indexes {
            vocabulary: &self.vocabulary,
            lex: &self.lex,
            names: &self.names,
        }
    }

    fn near(&self) -> &NearFamilies {
        self.near
            .get_or_init(|| NearFamilies::new(&self.names, &self.vocabulary))
    }
}

/// The buffers a scan reads a paragraph in, kept per thread for the next paragraph: most
/// paragraphs then allocate only for what they find.
#[derive(Default)]
struct Scratch {
    words: WordBuffers,
    found: mention::Found,
    slots: Vec<mention::Slot>,
    /// The facts as they are read, before they are kept.
    facts: Vec<Fact>,
}

impl Scratch {
    /// Buffers for more words than a long paragraph has are let go: a one-paragraph document of
    /// megabytes would hold its size per thread for ever.
    fn kept(self) -> Scratch {
        const MOST_WORDS: usize = 1 << 14;
        if self.slots.capacity() > MOST_WORDS {
            Scratch::default()
        } else {
            self
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

/// A position in one of the check's buffers (a word, a phrase, a node): registry text is far
/// below 4 GB.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// The check built once from the embedded registry, for the tests of its parts.
#[cfg(test)]
fn built() -> &'static PersonCheck {
    static CHECK: OnceLock<PersonCheck> = OnceLock::new();
    CHECK.get_or_init(|| PersonCheck::new(&crate::rules::testing::registry()))
}

impl Check for PersonCheck {
    fn rules(&self) -> &'static [&'static RuleInfo] {
        RAISED
    }

    fn scan(&self, cx: &Context, out: &mut Output) -> Option<Facts> {
        // Taken, not borrowed: a scan that panicked leaves empty buffers behind, no borrow.
        let mut scratch = SCRATCH.take();
        let words = Words::known_in(cx.text, &self.vocabulary, scratch.words);
        mention::find_into(
            self.indexes(),
            &words,
            &mut scratch.found,
            &mut scratch.slots,
        );
        let found = &scratch.found;
        let reader = Reader {
            check: self,
            cx,
            words: &words,
            found,
        };
        let read = &mut scratch.facts;
        read.clear();
        for m in &found.mentions {
            reader.mention(m, out, read);
        }
        // Kept with the paragraph's scan: made at its size, once; the buffer stays.
        let mut kept = Vec::with_capacity(read.len());
        kept.append(read);
        let facts = ParagraphFacts { facts: kept };
        for chain in &found.chains {
            title::check_form(cx.registry, &self.lex, chain, out);
        }
        SCRATCH.set(
            Scratch {
                words: words.into_buffers(),
                ..scratch
            }
            .kept(),
        );
        (!facts.facts.is_empty()).then(|| Box::new(facts) as Facts)
    }

    fn decide_paragraphs(
        &self,
        cx: &Context,
        paragraphs: &Paragraphs<'_>,
        last: Option<Last<'_>>,
    ) -> Decision {
        facts::decide_paragraphs(cx.registry, paragraphs, last)
    }
}

/// Who a mention names, as far as its paragraph tells.
enum Resolution {
    /// The latest introduced of `pool`; else `fallback`, which needs no introduction. One
    /// person alone is a fallback with an empty pool.
    Person {
        pool: Vec<PersonId>,
        fallback: Option<PersonId>,
    },
    Misspelled {
        person: PersonId,
        fix: String,
    },
    /// A misspelt family name after an honorific: the candidates, each with whether a title
    /// or country is evidence for them; an introduction is evidence too.
    MisspeltIfIntroduced(Vec<(PersonId, bool)>),
    Unresolved,
}

impl Resolution {
    fn one(person: PersonId) -> Resolution {
        Resolution::Person {
            pool: Vec::new(),
            fallback: Some(person),
        }
    }

    /// The latest introduced of `pool`, else `fallback`.
    fn latest(pool: &[PersonId], fallback: Option<PersonId>) -> Resolution {
        if pool.is_empty() && fallback.is_none() {
            return Resolution::Unresolved;
        }
        Resolution::Person {
            pool: pool.to_vec(),
            fallback,
        }
    }
}

/// A mention's title, with the dates it is checked against: the sentence's own ("In 2015,
/// ..."), or the document's.
#[derive(Clone, Copy)]
struct Titled<'a> {
    chain: &'a TitleChain,
    when: When,
}

/// One paragraph's mentions, read in order.
struct Reader<'a, 'c> {
    check: &'a PersonCheck,
    cx: &'a Context<'c>,
    words: &'a Words<'a>,
    found: &'a mention::Found,
}

impl Reader<'_, '_> {
    fn registry(&self) -> &Registry {
        self.cx.registry
    }

    /// Writes what the mention draws when its paragraph decides it, and else the fact that
    /// lets the whole document decide.
    fn mention(&self, m: &Mention, out: &mut Output, facts: &mut Vec<Fact>) {
        let titled = m.title.map(|c| {
            // Only a title is checked against a date: the sentence's dates are read for it alone.
            let (from, to) = self.cx.date_at(m.span.start);
            Titled {
                chain: &self.found.chains[c],
                when: When { from, to },
            }
        });
        let kind = match self.resolve(m, titled) {
            Resolution::Person { pool, fallback } if pool.is_empty() => {
                let Some(person) = fallback else { return };
                let outcome = self.outcome(m, titled, person);
                if outcome.annotate {
                    out.annotate(m.span.clone(), Subject::Person(person));
                }
                out.findings.extend(outcome.findings);
                FactKind::Introduces(person)
            }
            Resolution::Person { pool, fallback } => {
                let mut candidates: Vec<Outcome> =
                    pool.iter().map(|&p| self.outcome(m, titled, p)).collect();
                let fallback = fallback.map(|p| {
                    pool.iter().position(|&q| q == p).unwrap_or_else(|| {
                        candidates.push(self.outcome(m, titled, p));
                        candidates.len() - 1
                    })
                });
                FactKind::Latest(Box::new(Latest {
                    candidates,
                    pool: pool.len(),
                    fallback,
                }))
            }
            Resolution::Misspelled { person, fix } => {
                out.push(self.misspelled(m, person, fix));
                FactKind::Introduces(person)
            }
            Resolution::MisspeltIfIntroduced(candidates) => {
                let reg = self.registry();
                let candidates = candidates
                    .into_iter()
                    .map(|(person, by_title)| NearCandidate {
                        person,
                        by_title,
                        finding: self.misspelled(m, person, reg.person(person).family.to_string()),
                    })
                    .collect();
                FactKind::MisspeltIfIntroduced(candidates)
            }
            Resolution::Unresolved => return,
        };
        facts.push(Fact {
            span: m.span.clone(),
            kind,
        });
    }

    /// What the mention draws if it names `person`.
    fn outcome(&self, m: &Mention, titled: Option<Titled>, person: PersonId) -> Outcome {
        let office = self.office(m, titled, person);
        let annotate = office.is_none();
        let findings = self
            .name_form(m, person)
            .into_iter()
            .chain(office)
            .collect();
        Outcome {
            person,
            findings,
            annotate,
        }
    }

    fn resolve(&self, m: &Mention, titled: Option<Titled>) -> Resolution {
        let titled = titled.filter(|t| !t.chain.rejected);
        match &m.name {
            Name::Known(forms) => match forms.split_first() {
                // Most listed forms are one person's: no list of people to make.
                Some((first, rest)) if rest.iter().all(|f| f.person == first.person) => {
                    Resolution::one(first.person)
                }
                _ => {
                    let mut people: Vec<PersonId> = forms.iter().map(|f| f.person).collect();
                    people.dedup();
                    self.choose(&people, titled)
                }
            },
            Name::FamilyFirst(person) => Resolution::one(*person),
            Name::Family(candidates) => self.resolve_family(m, candidates, titled),
            Name::Unknown => self.misspelling(m, titled.map(|t| t.chain)),
        }
    }

    /// One of several people sharing a name: the one the title fits (holding it on the date
    /// if several held it), else the one introduced last.
    fn choose(&self, people: &[PersonId], titled: Option<Titled>) -> Resolution {
        if let [one] = people {
            return Resolution::one(*one);
        }
        let (reg, lex) = (self.registry(), &self.check.lex);
        let fitting: Vec<PersonId> = match titled {
            Some(t) => people
                .iter()
                .copied()
                .filter(|&p| office::ever_held(reg, lex, t.chain, p))
                .collect(),
            None => Vec::new(),
        };
        if let [one] = fitting.as_slice() {
            return Resolution::one(*one);
        }
        if let Some(t) = titled {
            let now: Vec<PersonId> = fitting
                .iter()
                .copied()
                .filter(|&p| office::holds(reg, lex, t.chain, p, t.when))
                .collect();
            if let [one] = now.as_slice() {
                return Resolution::one(*one);
            }
        }
        let pool = if fitting.is_empty() { people } else { &fitting };
        Resolution::latest(pool, None)
    }

    /// A family name alone counts after a capitalised title, or once the person has been
    /// introduced, or after an honorific when only one person bears it and it is no ordinary
    /// word ("Mr. Kishida", not "Mr. Brown"). A month ("May") needs a title or an honorific
    /// even after an introduction: "in May" is a date.
    fn resolve_family(
        &self,
        m: &Mention,
        candidates: &[PersonId],
        titled: Option<Titled>,
    ) -> Resolution {
        let ordinary = self.is_ordinary_word(m);
        match titled.filter(|t| t.chain.capitalized) {
            Some(t) => {
                let fitting: Vec<PersonId> = candidates
                    .iter()
                    .copied()
                    .filter(|&p| office::ever_held(self.registry(), &self.check.lex, t.chain, p))
                    .collect();
                if fitting.is_empty() {
                    let by_title = match candidates {
                        [one] if !ordinary && self.title_applies(t.chain, *one) => Some(*one),
                        _ => None,
                    };
                    Resolution::latest(candidates, by_title)
                } else {
                    self.choose(&fitting, Some(t))
                }
            }
            None if self.is_calendar_word(m) && !m.honorific => Resolution::Unresolved,
            None => {
                let honoured = match candidates {
                    [one] if m.honorific && !ordinary => Some(*one),
                    _ => None,
                };
                Resolution::latest(candidates, honoured)
            }
        }
    }

    /// Whether the title names an office of the person's country at all ("Premier Xi": China
    /// has a Premier), so that a title that does not fit them is worth checking; "Vice
    /// President Harris" names no office of Ireland's Simon Harris.
    fn title_applies(&self, chain: &TitleChain, person: PersonId) -> bool {
        let (reg, lex) = (self.registry(), &self.check.lex);
        chain.parts.iter().any(|p| {
            office::offices_for(reg, lex, p, chain, person)
                .next()
                .is_some()
        })
    }

    fn is_calendar_word(&self, m: &Mention) -> bool {
        m.first == m.last && self.words.kind(m.first).has(WordKind::CALENDAR)
    }

    fn is_ordinary_word(&self, m: &Mention) -> bool {
        m.first == m.last
            && (self
                .check
                .lex
                .is_english_at(&self.check.vocabulary, self.words, m.first)
                || self.words.kind(m.first).has(WordKind::CALENDAR))
    }

    /// Capitalised words the registry does not know, one letter away from a known name:
    /// a misspelling when the evidence says that person is meant.
    fn misspelling(&self, m: &Mention, chain: Option<&TitleChain>) -> Resolution {
        let (names, lex, vocabulary) = (&self.check.names, &self.check.lex, &self.check.vocabulary);
        let near = names.near_full(lex, vocabulary, self.words, m.first, m.last);
        if let Some((form, _)) = near.first() {
            if near.iter().all(|(f, _)| f.person == form.person) {
                return Resolution::Misspelled {
                    person: form.person,
                    fix: spelling::misspelling_fix(self.registry(), *form),
                };
            }
            return Resolution::Unresolved;
        }
        if m.first != m.last {
            return Resolution::Unresolved;
        }
        let candidates: Vec<(PersonId, bool)> = (self.check.near())
            .near_family(lex, names, vocabulary, self.words, m.first)
            .into_iter()
            .map(|p| (p, self.title_evidence_for(p, chain)))
            .collect();
        // After an honorific, an earlier mention of the person is evidence too: the whole
        // document decides.
        if m.honorific && candidates.iter().any(|&(_, by_title)| !by_title) {
            return Resolution::MisspeltIfIntroduced(candidates);
        }
        let meant = candidates
            .iter()
            .filter(|(_, by_title)| *by_title)
            .map(|&(p, _)| p);
        match facts::single(meant) {
            Some(person) => Resolution::Misspelled {
                person,
                fix: self.registry().person(person).family.to_string(),
            },
            None => Resolution::Unresolved,
        }
    }

    /// Whether the title points at `person`: one they held, or their country named with it.
    /// An honorific and an earlier mention of them point at them too ("Mr. Motegy" after
    /// "Toshimitsu Motegi"), but an earlier mention alone does not: "Baden" is a place,
    /// whoever "President Biden" visited there.
    fn title_evidence_for(&self, person: PersonId, chain: Option<&TitleChain>) -> bool {
        let reg = self.registry();
        chain.is_some_and(|c| {
            office::ever_held(reg, &self.check.lex, c, person)
                || (!c.owners.is_empty()
                    && reg
                        .person(person)
                        .terms
                        .iter()
                        .any(|t| c.owners.contains(&reg.office(t.office).owner)))
        })
    }

    fn written(&self, m: &Mention) -> &str {
        &self.cx.text[m.span.clone()]
    }

    fn name_form(&self, m: &Mention, person: PersonId) -> Option<Finding> {
        let written = self.written(m);
        let fix = match m.name {
            Name::Known(_) => spelling::full_name_fix(self.registry(), person, written),
            Name::Family(_) => spelling::family_fix(self.registry(), person, written),
            Name::FamilyFirst(_) | Name::Unknown => None,
        }?;
        let fix = self.fit_to_span(fix, m);
        Some(
            Finding::new(
                &NAME_FORM,
                m.span.clone(),
                format!("'{written}' is written '{fix}'"),
            )
            .with_fix(Fix::replace_with(fix))
            .with_subject(Subject::Person(person)),
        )
    }

    fn misspelled(&self, m: &Mention, person: PersonId, fix: String) -> Finding {
        let written = self.written(m);
        let fix = self.fit_to_span(fix, m);
        let canonical = &self.registry().person(person).name;
        let who = if *canonical == fix {
            String::new()
        } else {
            format!(" ({canonical})")
        };
        Finding::new(
            &MISSPELLED,
            m.span.clone(),
            format!("'{written}' looks like a misspelling of '{fix}'{who}"),
        )
        .with_fix(Fix::replace_with(fix))
        .with_subject(Subject::Person(person))
    }

    /// A replacement ending in "." where the text goes on with "." ("Jr." before a full stop)
    /// loses its own.
    fn fit_to_span(&self, fix: String, m: &Mention) -> String {
        if fix.ends_with('.') && self.cx.text[m.span.end..].starts_with('.') {
            fix.trim_end_matches('.').to_string()
        } else {
            fix
        }
    }

    /// `person/not-in-office` and `person/wrong-office` for a titled mention.
    fn office(&self, m: &Mention, titled: Option<Titled>, person: PersonId) -> Option<Finding> {
        let Titled { chain, when } = titled?;
        let reg = self.registry();
        let checkable = office::claims_office(&self.check.lex, chain)
            && !m.dated
            && (chain.capitalized || matches!(m.name, Name::Known(_) | Name::FamilyFirst(_)))
            && reg.valid_from <= when.from
            && when.to <= reg.valid_through;
        if !checkable {
            return None;
        }
        let (rule, message) = match office::check(reg, &self.check.lex, chain, person, when) {
            Verdict::Fine => return None,
            Verdict::NotInOffice(message) => (&NOT_IN_OFFICE, message),
            Verdict::WrongOffice(message) => (&WRONG_OFFICE, message),
        };
        Some(Finding::new(rule, m.span.clone(), message).with_subject(Subject::Person(person)))
    }
}
