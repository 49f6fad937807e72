//! Questions asked of the registry by name: what `diplint registry lookup` answers, and what
//! hovers show.

use super::*;
use serde::Serialize;

/// How a country name matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "as")]
pub enum CountryMatch {
    Name,
    Adjective,
    Former { until: String },
    Misspelling,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hit {
    Country(CountryId, CountryMatch),
    Person(PersonId),
    Office(OfficeId),
    Acronym(String),
    Series(String),
}

/// A term as reported: office, owner and dates.
#[derive(Debug, Clone, Serialize)]
pub struct TermReport {
    pub office: String,
    pub office_name: String,
    pub owner: String,
    pub start: String,
    pub end: Option<String>,
    pub acting: bool,
    pub source: String,
}

impl Registry {
    /// Everything the registry knows under `query` (case and diacritics ignored).
    pub fn lookup(&self, query: &str) -> Vec<Hit> {
        let key = fold(query.trim());
        let mut hits = Vec::new();
        for (i, c) in self.countries.iter().enumerate() {
            let id = CountryId(i as u32);
            let m =
                if c.code.eq_ignore_ascii_case(query.trim()) || c.names().any(|n| fold(n) == key) {
                    Some(CountryMatch::Name)
                } else if c
                    .adjectives
                    .iter()
                    .chain(&c.demonyms)
                    .any(|n| fold(n) == key)
                {
                    Some(CountryMatch::Adjective)
                } else if let Some(f) = c.former.iter().find(|f| fold(&f.name) == key) {
                    Some(CountryMatch::Former {
                        until: f.until.to_string(),
                    })
                } else if c.misspellings.iter().any(|n| fold(n) == key) {
                    Some(CountryMatch::Misspelling)
                } else {
                    None
                };
            if let Some(m) = m {
                hits.push(Hit::Country(id, m));
            }
        }
        for (i, p) in self.people.iter().enumerate() {
            let named = fold(&p.name) == key
                || p.variants.iter().any(|v| fold(v) == key)
                || p.id == query.trim();
            let family_only = fold(&p.family) == key;
            if named || family_only {
                hits.push(Hit::Person(PersonId(i as u32)));
            }
        }
        for (i, o) in self.offices.iter().enumerate() {
            if fold(&o.name) == key || o.id.eq_ignore_ascii_case(query.trim()) {
                hits.push(Hit::Office(OfficeId(i as u32)));
            }
        }
        for a in &self.acronyms {
            if a.short == query.trim() || a.expansions.iter().any(|e| fold(e) == key) {
                hits.push(Hit::Acronym(a.short.to_string()));
            }
        }
        for s in &self.series {
            if s.id == query.trim() || s.aliases.iter().any(|a| fold(a) == key) {
                hits.push(Hit::Series(s.id.to_string()));
            }
        }
        hits
    }

    pub fn term_report(&self, term: &Term) -> TermReport {
        let office = self.office(term.office);
        TermReport {
            office: office.id.to_string(),
            office_name: office.name.to_string(),
            owner: self.owner_name(office).to_string(),
            start: term.start.to_string(),
            end: term.end.map(|e| e.to_string()),
            acting: term.acting,
            source: term.source.to_string(),
        }
    }

    /// "Prime Minister of Japan, 2020-09-16 – 2021-10-04".
    pub fn describe_term(&self, term: &Term) -> String {
        let office = self.office(term.office);
        let end = term.end.map_or("present".to_string(), |e| e.to_string());
        let acting = if term.acting { "acting " } else { "" };
        format!("{acting}{}, {} – {end}", office.name, term.start)
    }

    /// The terms of a person that cover `date`.
    pub fn terms_on(&self, person: PersonId, date: Date) -> Vec<&Term> {
        self.person(person)
            .terms
            .iter()
            .filter(|t| t.covers(date))
            .collect()
    }
}
