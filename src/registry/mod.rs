//! The reference registry: countries, organisations, offices and their holders, numbered
//! series, acronyms, titles and style profiles. The embedded data (`data/registry/`) is merged
//! with a team's overlay files; the indexes built here make lookups by name and id fast.

mod data;
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
pub use data::Registry;
use jiff::civil::Date;
pub use load::{Loader, RegistryError};
pub use model::*;
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

/// Whether `word` (folded: lower case) is in the English word list (`data/words/english.txt`).
/// The build lays the list out as a hash table, so asking is a probe or two and start-up
/// builds nothing.
pub fn is_english_word(word: &str) -> bool {
    let u32_at = |bytes: &[u8], i: usize| -> Option<usize> {
        let b = bytes.get(i * 4..i * 4 + 4)?;
        Some(u32::from_le_bytes(b.try_into().ok()?) as usize)
    };
    let starts = embedded::ENGLISH_WORD_STARTS;
    // Word `i` runs from its start to the newline before the next word's start.
    let entry = |i: usize| -> Option<&'static str> {
        let end = u32_at(starts, i + 1)?.checked_sub(1)?;
        embedded::ENGLISH_WORDS.get(u32_at(starts, i)?..end)
    };
    let table = embedded::ENGLISH_WORD_TABLE;
    let slots = table.len() / 4;
    if !slots.is_power_of_two() {
        return false;
    }
    let mut slot = crate::hash::hash_bytes(word.as_bytes()) as usize & (slots - 1);
    for _ in 0..slots {
        match u32_at(table, slot) {
            None | Some(0) => return false,
            Some(i) if entry(i - 1) == Some(word) => return true,
            Some(_) => slot = (slot + 1) & (slots - 1),
        }
    }
    false
}

/// The entries of a word list: one per line, `#` starts a comment.
pub fn word_list_entries(name: &str) -> impl Iterator<Item = &'static str> {
    word_list(name)
        .unwrap_or("")
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

impl Registry {
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

    /// Loads the embedded data afresh, without the cache of [`Registry::embedded`] (the
    /// benchmarks time it): from the build's snapshot when there is one, else from the files.
    pub fn load_embedded() -> Result<Registry, Vec<RegistryError>> {
        if let Some(registry) = embedded::REGISTRY_SNAPSHOT.and_then(snapshot::decode_registry) {
            return Ok(registry);
        }
        let mut loader = Loader::new();
        Self::add_embedded(&mut loader);
        loader.finish()
    }

    /// Adds the embedded files to a loader, as parsed by the build script when it could.
    fn add_embedded(loader: &mut Loader) {
        match Self::embedded_files_snapshot() {
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
    fn embedded_files_snapshot() -> Option<Vec<(String, file::RegistryFile)>> {
        let files = snapshot::decode_files(embedded::REGISTRY_FILES_SNAPSHOT?)?;
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
        self.office_terms(office)
            .iter()
            .map(|&(p, t)| (p, &self.people[p.0 as usize].terms[t as usize]))
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
}

#[cfg(test)]
mod tests;
