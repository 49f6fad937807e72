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
    /// For each office, its terms as (person, index into the person's terms), by start date.
    pub(super) terms_by_office: Vec<Vec<(PersonId, usize)>>,
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
        self.terms_by_office = vec![Vec::new(); self.offices.len()];
        for (pi, p) in self.people.iter().enumerate() {
            for (ti, t) in p.terms.iter().enumerate() {
                self.terms_by_office[t.office.0 as usize].push((PersonId(pi as u32), ti));
            }
        }
        for terms in &mut self.terms_by_office {
            terms.sort_by_key(|&(p, t)| self.people[p.0 as usize].terms[t].start);
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
