//! Whether a person held the title given, on the date the text speaks of: `person/wrong-office`
//! and `person/not-in-office`. Both speak only where the registry is sure: the holder list of
//! the office is complete on that date (`Registry::covers`).

use super::lexicon::{Lexicon, Modifier};
use super::mention::{TitleChain, TitlePart};
use crate::registry::{OfficeId, Owner, PersonId, Registry, Term};
use jiff::civil::Date;

/// The dates a mention is checked against: one day, or the interval a sentence sets itself.
#[derive(Debug, Clone, Copy)]
pub struct When {
    pub from: Date,
    pub to: Date,
}

impl When {
    /// "on 2022-03-01", "between 2015-01-01 and 2015-12-31".
    pub fn describe(&self) -> String {
        if self.from == self.to {
            format!("on {}", self.from)
        } else {
            format!("between {} and {}", self.from, self.to)
        }
    }
}

/// What the office check concluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing to say: the title fits, or the registry cannot tell.
    Fine,
    /// The person held the office, but at other times.
    NotInOffice(String),
    /// The person did not hold the office at all then.
    WrongOffice(String),
}

/// Whether a title refers to offices of `owner`: one the text names, or else one whose offices
/// the person held ("Prime Minister Suga" is Japan's Prime Minister).
fn refers_to(registry: &Registry, chain: &TitleChain, person: PersonId, owner: &Owner) -> bool {
    if !chain.owners.is_empty() {
        return chain.owners.contains(owner);
    }
    registry
        .person(person)
        .terms
        .iter()
        .any(|t| registry.office(t.office).owner == *owner)
}

/// The offices a title part names for the owners the title refers to.
pub fn offices_for<'a>(
    registry: &'a Registry,
    lex: &'a Lexicon,
    part: &'a TitlePart,
    chain: &'a TitleChain,
    person: PersonId,
) -> impl Iterator<Item = OfficeId> + 'a {
    lex.form(part.form)
        .offices
        .iter()
        .copied()
        .filter(move |&o| refers_to(registry, chain, person, &registry.office(o).owner))
}

/// Whether the person held one of the offices the chain names in a term that `fits`.
fn held(
    registry: &Registry,
    lex: &Lexicon,
    chain: &TitleChain,
    person: PersonId,
    fits: impl Fn(&Term) -> bool,
) -> bool {
    registry.person(person).terms.iter().any(|t| {
        fits(t)
            && chain
                .parts
                .iter()
                .any(|p| names_office(registry, lex, p, chain, t))
    })
}

/// Whether a title part names the office of a term of the person: [`offices_for`] holds it,
/// asked from the term's side (a person holds a few offices, a title names up to hundreds).
/// Without an owner named, a term's office refers to the owner of one of the person's offices,
/// its own.
fn names_office(
    registry: &Registry,
    lex: &Lexicon,
    part: &TitlePart,
    chain: &TitleChain,
    term: &Term,
) -> bool {
    lex.form(part.form).lists(term.office)
        && (chain.owners.is_empty() || chain.owners.contains(&registry.office(term.office).owner))
}

/// Whether the person ever held one of the offices the chain names: the title fits them.
pub fn ever_held(registry: &Registry, lex: &Lexicon, chain: &TitleChain, person: PersonId) -> bool {
    held(registry, lex, chain, person, |_| true)
}

/// Whether the person held one of the offices the chain names during `when`.
pub fn holds(
    registry: &Registry,
    lex: &Lexicon,
    chain: &TitleChain,
    person: PersonId,
    when: When,
) -> bool {
    held(registry, lex, chain, person, |t| {
        t.overlaps(when.from, when.to)
    })
}

/// Whether a chain claims an office for the date at all: not "former", not a courtesy title,
/// not part of a longer title.
pub fn claims_office(lex: &Lexicon, chain: &TitleChain) -> bool {
    chain.modifier != Some(Modifier::NotNow)
        && !chain.rejected
        && !chain.of_other
        && !chain.parts.iter().any(|p| lex.form(p.form).courtesy)
}

/// Checks the title of a mention of `person` against the registry for `when`.
///
/// A compound title ("Deputy PM and Minister of Foreign Affairs") is fine when any part fits:
/// "the Prime Minister and Foreign Minister Motegi" may name two people.
pub fn check(
    registry: &Registry,
    lex: &Lexicon,
    chain: &TitleChain,
    person: PersonId,
    when: When,
) -> Verdict {
    let terms = &registry.person(person).terms;
    let mut failed = None;
    for part in &chain.parts {
        let held_then = terms
            .iter()
            .any(|t| t.overlaps(when.from, when.to) && names_office(registry, lex, part, chain, t));
        if held_then {
            return Verdict::Fine;
        }
        // A part that names no office of the owners is no claim.
        if failed.is_none()
            && offices_for(registry, lex, part, chain, person)
                .next()
                .is_some()
        {
            failed = Some(part);
        }
    }
    let Some(part) = failed else {
        return Verdict::Fine;
    };
    let offices: Vec<OfficeId> = offices_for(registry, lex, part, chain, person).collect();
    match nearest_term(registry, person, &offices, when) {
        Some(term) => not_in_office(registry, person, term, when),
        None => wrong_office(registry, person, &offices, when),
    }
}

/// The person's term in one of `offices` closest to `when`.
fn nearest_term<'r>(
    registry: &'r Registry,
    person: PersonId,
    offices: &[OfficeId],
    when: When,
) -> Option<&'r Term> {
    registry
        .person(person)
        .terms
        .iter()
        .filter(|t| offices.contains(&t.office))
        .min_by_key(|t| {
            let end = t.end.unwrap_or(registry.valid_through);
            let days = |a: Date, b: Date| (a - b).get_days().unsigned_abs();
            if end < when.from {
                days(when.from, end)
            } else {
                days(t.start, when.to)
            }
        })
}

/// Whether the registry knows every holder of `office` throughout `when`.
fn covered(registry: &Registry, office: OfficeId, when: When) -> bool {
    registry.covers(office, when.from) && registry.covers(office, when.to)
}

/// The people who held `office` during `when`, as "A" or "A and B".
fn holders(registry: &Registry, office: OfficeId, when: When) -> Option<String> {
    let mut names: Vec<&str> = Vec::new();
    for (p, t) in registry.terms_of(office) {
        let name = registry.person(p).name.as_str();
        if t.overlaps(when.from, when.to) && !names.contains(&name) {
            names.push(name);
        }
    }
    match names.as_slice() {
        [] => None,
        [one] => Some(one.to_string()),
        [init @ .., last] => Some(format!("{} and {last}", init.join(", "))),
    }
}

/// "from 2020-09-16 to 2021-10-04", "since 2013-03-14", with "acting" where it was.
fn term_dates(term: &Term) -> String {
    let acting = if term.acting { " (acting)" } else { "" };
    match term.end {
        Some(end) => format!("from {} to {end}{acting}", term.start),
        None => format!("since {}{acting}", term.start),
    }
}

fn not_in_office(registry: &Registry, person: PersonId, term: &Term, when: When) -> Verdict {
    let office = term.office;
    if !covered(registry, office, when) {
        return Verdict::Fine;
    }
    let name = &registry.person(person).name;
    let office_name = &registry.office(office).name;
    let then = holders(registry, office, when).map_or_else(
        || "the registry lists no holder then".to_string(),
        |h| format!("{h} held the office then"),
    );
    Verdict::NotInOffice(format!(
        "{name} was {office_name} {}, not {}: {then}",
        term_dates(term),
        when.describe()
    ))
}

fn wrong_office(
    registry: &Registry,
    person: PersonId,
    offices: &[OfficeId],
    when: When,
) -> Verdict {
    let [office] = offices else {
        return Verdict::Fine;
    };
    let office = *office;
    if !covered(registry, office, when) {
        return Verdict::Fine;
    }
    let Some(holder) = holders(registry, office, when) else {
        return Verdict::Fine;
    };
    let name = &registry.person(person).name;
    let office_name = &registry.office(office).name;
    let held: Vec<String> = registry
        .person(person)
        .terms
        .iter()
        .filter(|t| t.overlaps(when.from, when.to))
        .map(|t| format!("{} {}", registry.office(t.office).name, term_dates(t)))
        .collect();
    let instead = if held.is_empty() {
        String::new()
    } else {
        format!(" ({name} was {})", held.join("; "))
    };
    Verdict::WrongOffice(format!(
        "{name} was not {office_name} {}{instead}; {holder} held that office then",
        when.describe()
    ))
}
