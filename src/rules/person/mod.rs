//! People: names of office holders, and whether they held the title given on the date.
//!
//! The check reads the text once: [`mention`] finds titles, honorifics and names (with the
//! [`lexicon`] and the [`names`] index built once per registry), then each mention is resolved
//! to a person — a family name alone only after a title or an earlier mention of the person —
//! and checked: its spelling ([`spelling`]), its title on the date ([`office`]) and the title's
//! form for the country named (`title/form`, decided in `rules/title.rs`).

mod lexicon;
mod mention;
mod names;
mod office;
mod phrases;
mod spelling;
mod words;

#[cfg(test)]
mod tests;

pub use lexicon::{Lexicon, TitleForm};
pub use mention::TitleChain;

use super::{Check, Context, Finding, Fix, Output, RuleInfo, Scanned, Severity, Subject, title};
use crate::registry::{PersonId, Registry};
use mention::{Mention, Name};
use names::NameIndex;
use office::{Verdict, When};
use std::collections::HashMap;
use std::ops::Range;
use words::Words;

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
    lex: Lexicon,
    names: NameIndex,
}

impl PersonCheck {
    pub fn new(registry: &Registry) -> PersonCheck {
        PersonCheck {
            lex: Lexicon::new(registry),
            names: NameIndex::new(registry),
        }
    }
}

impl Check for PersonCheck {
    fn rules(&self) -> &'static [&'static RuleInfo] {
        RAISED
    }

    fn decide(&self, cx: &Context, _paragraphs: &[Scanned<'_>], out: &mut Output) {
        let words = Words::new(cx.text);
        let found = mention::find(&self.lex, &self.names, &words);
        let mut run = Run {
            check: self,
            cx,
            words: &words,
            found: &found,
            introductions: HashMap::new(),
        };
        for m in &found.mentions {
            run.mention(m, out);
        }
        for chain in &found.chains {
            title::check_form(cx.registry, &self.lex, chain, out);
        }
    }
}

/// The latest full mention of a person, which says whom a later family name stands for.
struct Introduction {
    /// The first word of the mention: the latest introduction wins.
    order: usize,
    span: Range<usize>,
}

/// Who a mention names.
enum Resolution {
    /// The person, and where they were introduced when the mention relies on that.
    Person {
        person: PersonId,
        introduced_at: Option<Range<usize>>,
    },
    Misspelled {
        person: PersonId,
        fix: String,
    },
    Unresolved,
}

/// One pass over a document's mentions, in order.
struct Run<'a> {
    check: &'a PersonCheck,
    cx: &'a Context<'a>,
    words: &'a Words<'a>,
    found: &'a mention::Found,
    introductions: HashMap<PersonId, Introduction>,
}

impl Run<'_> {
    fn registry(&self) -> &Registry {
        self.cx.registry
    }

    fn mention(&mut self, m: &Mention, out: &mut Output) {
        let chain = m.title.map(|c| &self.found.chains[c]);
        let (from, to) = self.cx.date_at(m.span.start);
        let when = When { from, to };
        match self.resolve(m, chain, when) {
            Resolution::Person {
                person,
                introduced_at,
            } => {
                let office = self.office(m, chain, person, when);
                if office.is_none() {
                    // Recognised and right for the date (a spelling hint aside): hovers show who.
                    out.annotate(m.span.clone(), Subject::Person(person));
                }
                let findings = self.name_form(m, person).into_iter().chain(office);
                for mut f in findings {
                    if let Some(at) = &introduced_at {
                        let name = &self.registry().person(person).name;
                        f = f.with_related(at.clone(), format!("{name} is introduced here"));
                    }
                    out.push(f);
                }
                if introduced_at.is_none() {
                    self.introduce(person, m);
                }
            }
            Resolution::Misspelled { person, fix } => {
                out.push(self.misspelled(m, person, fix));
                self.introduce(person, m);
            }
            Resolution::Unresolved => {}
        }
    }

    fn resolve(&self, m: &Mention, chain: Option<&TitleChain>, when: When) -> Resolution {
        let chain = chain.filter(|c| !c.rejected);
        match &m.name {
            Name::Known(forms) => {
                let mut people: Vec<PersonId> = forms.iter().map(|f| f.person).collect();
                people.dedup();
                self.choose(&people, chain, when).map_or(
                    Resolution::Unresolved,
                    |(person, introduced_at)| Resolution::Person {
                        person,
                        introduced_at,
                    },
                )
            }
            Name::FamilyFirst(person) => Resolution::Person {
                person: *person,
                introduced_at: None,
            },
            Name::Family(candidates) => self.resolve_family(m, candidates, chain, when),
            Name::Unknown => self.misspelling(m, chain),
        }
    }

    /// One of several people sharing a name: the one the title fits (holding it on the date
    /// if several held it), else the one introduced last.
    fn choose(
        &self,
        people: &[PersonId],
        chain: Option<&TitleChain>,
        when: When,
    ) -> Option<(PersonId, Option<Range<usize>>)> {
        if let [one] = people {
            return Some((*one, None));
        }
        let (reg, lex) = (self.registry(), &self.check.lex);
        let fitting: Vec<PersonId> = match chain {
            Some(c) => people
                .iter()
                .copied()
                .filter(|&p| office::ever_held(reg, lex, c, p))
                .collect(),
            None => Vec::new(),
        };
        if let [one] = fitting.as_slice() {
            return Some((*one, None));
        }
        if let Some(c) = chain {
            let now: Vec<PersonId> = fitting
                .iter()
                .copied()
                .filter(|&p| office::holds(reg, lex, c, p, when))
                .collect();
            if let [one] = now.as_slice() {
                return Some((*one, None));
            }
        }
        let pool = if fitting.is_empty() { people } else { &fitting };
        self.introduced(pool).map(|(p, at)| (p, Some(at)))
    }

    /// A family name alone counts after a capitalised title, or once the person has been
    /// introduced, or after an honorific when only one person bears it and it is no ordinary
    /// word ("Mr. Kishida", not "Mr. Brown"). A month ("May") needs a title or an honorific
    /// even after an introduction: "in May" is a date.
    fn resolve_family(
        &self,
        m: &Mention,
        candidates: &[PersonId],
        chain: Option<&TitleChain>,
        when: When,
    ) -> Resolution {
        let ordinary = self.is_ordinary_word(m);
        let resolved = match chain.filter(|c| c.capitalized) {
            Some(c) => {
                let fitting: Vec<PersonId> = candidates
                    .iter()
                    .copied()
                    .filter(|&p| office::ever_held(self.registry(), &self.check.lex, c, p))
                    .collect();
                if fitting.is_empty() {
                    self.introduced(candidates)
                        .map(|(p, at)| (p, Some(at)))
                        .or_else(|| match candidates {
                            [one] if !ordinary && self.title_applies(c, *one) => Some((*one, None)),
                            _ => None,
                        })
                } else {
                    self.choose(&fitting, Some(c), when)
                }
            }
            None if self.is_calendar_word(m) && !m.honorific => None,
            None => {
                let honoured = match candidates {
                    [one] if m.honorific && !ordinary => Some((*one, None)),
                    _ => None,
                };
                self.introduced(candidates)
                    .map(|(p, at)| (p, Some(at)))
                    .or(honoured)
            }
        };
        resolved.map_or(Resolution::Unresolved, |(person, introduced_at)| {
            Resolution::Person {
                person,
                introduced_at,
            }
        })
    }

    /// Whether the title names an office of the person's country at all ("Premier Xi": China
    /// has a Premier), so that a title that does not fit them is worth checking; "Vice
    /// President Harris" names no office of Ireland's Simon Harris.
    fn title_applies(&self, chain: &TitleChain, person: PersonId) -> bool {
        let reg = self.registry();
        let owners = office::owners_for(reg, chain, person);
        chain
            .parts
            .iter()
            .any(|p| !office::offices_for(reg, &self.check.lex, p, &owners).is_empty())
    }

    fn is_calendar_word(&self, m: &Mention) -> bool {
        m.first == m.last && Lexicon::is_calendar(self.words.folded(m.first))
    }

    fn is_ordinary_word(&self, m: &Mention) -> bool {
        m.first == m.last && {
            let folded = self.words.folded(m.first);
            self.check.lex.is_english(folded) || Lexicon::is_calendar(folded)
        }
    }

    fn introduce(&mut self, person: PersonId, m: &Mention) {
        self.introductions.insert(
            person,
            Introduction {
                order: m.first,
                span: m.span.clone(),
            },
        );
    }

    /// The person among `people` introduced last before, and where.
    fn introduced(&self, people: &[PersonId]) -> Option<(PersonId, Range<usize>)> {
        people
            .iter()
            .filter_map(|p| self.introductions.get(p).map(|i| (*p, i)))
            .max_by_key(|(_, i)| i.order)
            .map(|(p, i)| (p, i.span.clone()))
    }

    /// Capitalised words the registry does not know, one letter away from a known name:
    /// a misspelling when the evidence says that person is meant.
    fn misspelling(&self, m: &Mention, chain: Option<&TitleChain>) -> Resolution {
        let (names, lex) = (&self.check.names, &self.check.lex);
        let near = names.near_full(lex, self.words, m.first, m.last);
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
        let mut meant: Vec<PersonId> = names
            .near_family(lex, self.words, m.first)
            .into_iter()
            .filter(|&p| self.evidence_for(m, p, chain))
            .collect();
        meant.dedup();
        match meant.as_slice() {
            [person] => Resolution::Misspelled {
                person: *person,
                fix: self.registry().person(*person).family.clone(),
            },
            _ => Resolution::Unresolved,
        }
    }

    /// Whether the text points at `person`: a title they held, their country named with the
    /// title, or an honorific and an earlier mention of them ("Mr. Motegy" after "Toshimitsu
    /// Motegi"). An earlier mention alone is not enough: "Baden" is a place, whoever
    /// "President Biden" visited there.
    fn evidence_for(&self, m: &Mention, person: PersonId, chain: Option<&TitleChain>) -> bool {
        let reg = self.registry();
        let by_title = chain.is_some_and(|c| {
            office::ever_held(reg, &self.check.lex, c, person)
                || (!c.owners.is_empty()
                    && reg
                        .person(person)
                        .terms
                        .iter()
                        .any(|t| c.owners.contains(&reg.office(t.office).owner)))
        });
        by_title || (m.honorific && self.introductions.contains_key(&person))
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
    fn office(
        &self,
        m: &Mention,
        chain: Option<&TitleChain>,
        person: PersonId,
        when: When,
    ) -> Option<Finding> {
        let chain = chain?;
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
