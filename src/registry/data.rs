//! The registry's data and its indexes. Built by the loader, or decoded from the snapshot that
//! the build script made: `build.rs` compiles this file with `file.rs`, `model.rs`, `load.rs`
//! and `snapshot.rs`, so none of them may name anything else of the crate.

use super::model::*;
use crate::hash::FastMap;
use jiff::civil::Date;

#[derive(Debug, Clone)]
pub struct Registry {
    pub valid_from: Date,
    pub valid_through: Date,
    pub countries: Vec<Country>,
    pub organisations: Vec<Organisation>,
    pub offices: Vec<Office>,
    pub people: Vec<Person>,
    pub series: Vec<Series>,
    pub acronyms: Vec<Acronym>,
    pub titles: Vec<Title>,
    pub styles: Vec<Style>,
    pub(super) country_by_code: FastMap<Str, CountryId>,
    pub(super) office_by_id: FastMap<Str, OfficeId>,
    pub(super) person_by_id: FastMap<Str, PersonId>,
    pub(super) acronym_by_short: FastMap<Str, usize>,
    /// Every term as (person, index into the person's terms), grouped by office and by start
    /// date within an office: office `o`'s are `terms_by_office[office_terms[o]..office_terms[o
    /// + 1]]`. One list rather than one per office: the embedded registry has hundreds.
    pub(super) terms_by_office: Vec<(PersonId, u32)>,
    pub(super) office_terms: Vec<u32>,
}

impl Registry {
    pub(super) fn empty() -> Registry {
        Registry {
            valid_from: jiff::civil::date(2000, 1, 1),
            valid_through: jiff::civil::date(2000, 1, 1),
            countries: Vec::new(),
            organisations: Vec::new(),
            offices: Vec::new(),
            people: Vec::new(),
            series: Vec::new(),
            acronyms: Vec::new(),
            titles: Vec::new(),
            styles: Vec::new(),
            country_by_code: FastMap::default(),
            office_by_id: FastMap::default(),
            person_by_id: FastMap::default(),
            acronym_by_short: FastMap::default(),
            terms_by_office: Vec::new(),
            office_terms: vec![0],
        }
    }

    pub(super) fn index_countries(&mut self) {
        self.country_by_code = self
            .countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.code.clone(), CountryId(i as u32)))
            .collect();
    }

    pub(super) fn index_offices(&mut self) {
        self.office_by_id = self
            .offices
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), OfficeId(i as u32)))
            .collect();
    }

    pub(super) fn index_rest(&mut self) {
        self.person_by_id = self
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), PersonId(i as u32)))
            .collect();
        self.acronym_by_short = self
            .acronyms
            .iter()
            .enumerate()
            .map(|(i, a)| (a.short.clone(), i))
            .collect();
        self.index_terms();
    }

    /// `terms_by_office` and `office_terms`: a counting sort by office, people in order, then
    /// each office's terms (stably) by start date.
    fn index_terms(&mut self) {
        let terms = || {
            self.people.iter().enumerate().flat_map(|(pi, p)| {
                (p.terms.iter().enumerate()).map(move |(ti, t)| (t.office.0 as usize, pi, ti))
            })
        };
        // Where each office's terms start, then (moved along) where its next one goes.
        let mut next = vec![0u32; self.offices.len() + 1];
        for (office, _, _) in terms() {
            next[office + 1] += 1;
        }
        for o in 0..self.offices.len() {
            next[o + 1] += next[o];
        }
        let mut by_office = vec![(PersonId(0), 0); next[self.offices.len()] as usize];
        let office_terms = next.clone();
        for (office, pi, ti) in terms() {
            by_office[next[office] as usize] = (PersonId(pi as u32), ti as u32);
            next[office] += 1;
        }
        for w in office_terms.windows(2) {
            by_office[w[0] as usize..w[1] as usize]
                .sort_by_key(|&(p, t)| self.people[p.0 as usize].terms[t as usize].start);
        }
        self.terms_by_office = by_office;
        self.office_terms = office_terms;
    }

    /// Every term of an office as (person, index into the person's terms), by start date.
    pub(super) fn office_terms(&self, office: OfficeId) -> &[(PersonId, u32)] {
        let o = office.0 as usize;
        match (self.office_terms.get(o), self.office_terms.get(o + 1)) {
            (Some(&start), Some(&end)) => &self.terms_by_office[start as usize..end as usize],
            _ => &[],
        }
    }

    pub fn country_by_code(&self, code: &str) -> Option<CountryId> {
        self.country_by_code.get(code).copied()
    }

    pub fn office_by_id(&self, id: &str) -> Option<OfficeId> {
        self.office_by_id.get(id).copied()
    }

    pub fn person_by_id(&self, id: &str) -> Option<PersonId> {
        self.person_by_id.get(id).copied()
    }

    pub fn country(&self, id: CountryId) -> &Country {
        &self.countries[id.0 as usize]
    }

    pub fn office(&self, id: OfficeId) -> &Office {
        &self.offices[id.0 as usize]
    }

    pub fn person(&self, id: PersonId) -> &Person {
        &self.people[id.0 as usize]
    }

    pub fn acronym(&self, short: &str) -> Option<&Acronym> {
        self.acronym_by_short.get(short).map(|&i| &self.acronyms[i])
    }
}
