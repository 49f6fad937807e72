//! The reference registry: countries, organisations, offices and their holders, numbered
//! series, acronyms, titles and style profiles. The embedded data (`data/registry/`) is merged
//! with a team's overlay files; the indexes built here make lookups by name and id fast.

pub mod file;
pub mod import;
mod load;
pub use load::line_col as load_line_col;
pub mod model;
pub mod query;
// The writing half serves build.rs and the tests.
#[allow(dead_code)]
mod snapshot;

use crate::text::fold;
use jiff::civil::Date;
pub use load::{Loader, RegistryError};
pub use model::*;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// A word list shipped in `data/words/` (`name` without extension), if there is one.
pub fn word_list(name: &str) -> Option<&'static str> {
    let path = format!("data/words/{name}.txt");
    embedded::WORD_FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}

/// The entries of a word list: one per line, `#` starts a comment.
pub fn word_list_entries(name: &str) -> impl Iterator<Item = &'static str> {
    word_list(name)
        .unwrap_or("")
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

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
    country_by_code: HashMap<String, CountryId>,
    office_by_id: HashMap<String, OfficeId>,
    person_by_id: HashMap<String, PersonId>,
    acronym_by_short: HashMap<String, usize>,
    /// For each office, its terms as (person, index into the person's terms), by start date.
    terms_by_office: Vec<Vec<(PersonId, usize)>>,
}

impl Registry {
    fn empty() -> Registry {
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
            country_by_code: HashMap::new(),
            office_by_id: HashMap::new(),
            person_by_id: HashMap::new(),
            acronym_by_short: HashMap::new(),
            terms_by_office: Vec::new(),
        }
    }

    /// The registry embedded in the binary, built once.
    pub fn embedded() -> Arc<Registry> {
        static EMBEDDED: OnceLock<Arc<Registry>> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| {
                match Self::load_embedded() {
                    Ok(r) => Arc::new(r),
                    // The embedded data is checked by the test suite; a broken build must still
                    // not take the program down, so it runs with what is certain: nothing.
                    Err(errors) => {
                        for e in errors.iter().take(5) {
                            eprintln!("diplint: embedded registry: {e}");
                        }
                        Arc::new(Registry::empty())
                    }
                }
            })
            .clone()
    }

    /// Parses and resolves the embedded data afresh, without the cache of [`Registry::embedded`]
    /// (the benchmarks time it).
    pub fn load_embedded() -> Result<Registry, Vec<RegistryError>> {
        let mut loader = Loader::new();
        Self::add_embedded(&mut loader);
        loader.finish()
    }

    fn add_embedded(loader: &mut Loader) {
        match Self::embedded_snapshot() {
            Some(files) => {
                for ((path, text), (_, file)) in embedded::REGISTRY_FILES.iter().zip(files) {
                    loader.add_parsed(path, text, file);
                }
            }
            None => Self::add_embedded_toml(loader),
        }
    }

    /// The embedded files as parsed by the build script, when it could parse them all and the
    /// snapshot lists the same files.
    fn embedded_snapshot() -> Option<Vec<(String, file::RegistryFile)>> {
        let files = snapshot::decode(embedded::REGISTRY_SNAPSHOT?)?;
        let same_files = files.len() == embedded::REGISTRY_FILES.len()
            && files
                .iter()
                .zip(embedded::REGISTRY_FILES)
                .all(|((a, _), (b, _))| a == b);
        same_files.then_some(files)
    }

    fn add_embedded_toml(loader: &mut Loader) {
        for (path, text) in embedded::REGISTRY_FILES {
            loader.add(path, text);
        }
    }

    /// The embedded registry extended by overlay files, in order.
    pub fn with_overlays<P: AsRef<Path>>(overlays: &[P]) -> Result<Registry, Vec<RegistryError>> {
        let mut loader = Loader::new();
        Self::add_embedded(&mut loader);
        let mut errors = Vec::new();
        for path in overlays {
            let path = path.as_ref();
            match std::fs::read_to_string(path) {
                Ok(text) => loader.add(&path.display().to_string(), &text),
                Err(err) => errors.push(RegistryError {
                    path: path.display().to_string(),
                    line: 1,
                    column: 1,
                    message: format!("cannot read registry overlay: {err}"),
                }),
            }
        }
        match loader.finish() {
            Ok(r) if errors.is_empty() => Ok(r),
            Ok(_) => Err(errors),
            Err(mut e) => {
                errors.append(&mut e);
                Err(errors)
            }
        }
    }

    /// Checks overlay files against the embedded data: every problem, line-numbered.
    pub fn check_overlays<P: AsRef<Path>>(overlays: &[P]) -> Vec<RegistryError> {
        Self::with_overlays(overlays).err().unwrap_or_default()
    }

    fn index_countries(&mut self) {
        self.country_by_code = self
            .countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.code.clone(), CountryId(i as u32)))
            .collect();
    }

    fn index_offices(&mut self) {
        self.office_by_id = self
            .offices
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), OfficeId(i as u32)))
            .collect();
    }

    fn index_rest(&mut self) {
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

    pub fn series_by_id(&self, id: &str) -> Option<&Series> {
        self.series.iter().find(|s| s.id == id)
    }

    /// The offices of a country.
    pub fn offices_of(&self, country: CountryId) -> impl Iterator<Item = (OfficeId, &Office)> + '_ {
        self.offices
            .iter()
            .enumerate()
            .filter(move |(_, o)| o.owner == Owner::Country(country))
            .map(|(i, o)| (OfficeId(i as u32), o))
    }

    /// Every term of an office, by start date.
    pub fn terms_of(&self, office: OfficeId) -> impl Iterator<Item = (PersonId, &Term)> + '_ {
        self.terms_by_office
            .get(office.0 as usize)
            .into_iter()
            .flatten()
            .map(|&(p, t)| (p, &self.people[p.0 as usize].terms[t]))
    }

    /// Who held an office on a date (usually one person; two on a handover day).
    pub fn holders_on(&self, office: OfficeId, date: Date) -> Vec<(PersonId, &Term)> {
        self.terms_of(office)
            .filter(|(_, t)| t.covers(date))
            .collect()
    }

    /// Whether the registry lists every holder of `office` on `date`, so that "nobody we know"
    /// means "nobody".
    pub fn covers(&self, office: OfficeId, date: Date) -> bool {
        let o = self.office(office);
        let from = o
            .complete_from
            .map_or(date + jiff::ToSpan::days(1), |c| c.max(self.valid_from));
        from <= date && date <= self.valid_through
    }

    /// The name of an office's owner ("Japan", "United Nations").
    pub fn owner_name<'a>(&'a self, office: &'a Office) -> &'a str {
        match &office.owner {
            Owner::Country(c) => &self.country(*c).short,
            Owner::Organisation(code) => self
                .organisations
                .iter()
                .find(|o| &o.code == code)
                .map_or(code.as_str(), |o| o.name.as_str()),
        }
    }

    /// Countries whose name (any form, folded) is `name`.
    pub fn countries_named(&self, name: &str) -> Vec<CountryId> {
        let key = fold(name);
        self.countries
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.names()
                    .chain(c.former.iter().map(|f| f.name.as_str()))
                    .any(|n| fold(n) == key)
            })
            .map(|(i, _)| CountryId(i as u32))
            .collect()
    }
}

#[cfg(test)]
mod tests;
