//! The embedded registry, loaded at build time and stored in a compact binary form.
//!
//! Parsing half a megabyte of TOML and merging it took most of diplint's start-up. The build
//! script (`build.rs`, which compiles this file with `data.rs`, `file.rs`, `load.rs` and
//! `model.rs`) loads the embedded files once and stores two snapshots: the resolved registry,
//! which is all that a run without overlays needs, and the parsed files with their spans, which
//! overlays are merged with. At run time reading either is a walk over bytes. A test checks
//! that both give what the TOML gives.
//!
//! The format is private to one build: a magic number, a string table (validated as UTF-8
//! once), then every value field by field in declaration order. Structs are written through an
//! exhaustive destructuring and enums through an exhaustive match, so a field or variant added
//! to the model and forgotten here does not compile.

use super::Registry;
use super::file::*;
use super::model::*;
use jiff::civil::Date;
use std::collections::HashMap;
use toml::Spanned;

const MAGIC: &[u8; 8] = b"DIPREG02";

/// Writes values to a snapshot.
#[derive(Default)]
pub struct Writer {
    bytes: Vec<u8>,
    strings: String,
    /// Offsets of the strings already in the table: names and dates repeat.
    seen: HashMap<String, u32>,
}

/// Reads values back; `None` on any inconsistency (the caller then loads the TOML).
pub struct Reader<'a> {
    bytes: &'a [u8],
    strings: &'a str,
}

impl Writer {
    fn u32(&mut self, n: u32) {
        self.bytes.extend_from_slice(&n.to_le_bytes());
    }

    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("registry snapshot: length over u32"));
    }

    fn str(&mut self, s: &str) {
        let offset = match self.seen.get(s) {
            Some(&offset) => offset,
            None => {
                let offset = u32::try_from(self.strings.len()).expect("registry snapshot size");
                self.strings.push_str(s);
                self.seen.insert(s.to_string(), offset);
                offset
            }
        };
        self.u32(offset);
        self.len(s.len());
    }

    fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(MAGIC.len() + 4 + self.strings.len() + self.bytes.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.strings.len() as u32).to_le_bytes());
        out.extend_from_slice(self.strings.as_bytes());
        out.extend_from_slice(&self.bytes);
        out
    }
}

impl<'a> Reader<'a> {
    /// A reader past the header and string table of `bytes`.
    fn new(bytes: &'a [u8]) -> Option<Reader<'a>> {
        let mut r = Reader { bytes, strings: "" };
        if r.take(MAGIC.len())? != MAGIC {
            return None;
        }
        let n = r.len()?;
        r.strings = std::str::from_utf8(r.take(n)?).ok()?;
        Some(r)
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn len(&mut self) -> Option<usize> {
        self.u32().map(|n| n as usize)
    }

    fn str(&mut self) -> Option<&'a str> {
        let start = self.len()?;
        let len = self.len()?;
        self.strings.get(start..start.checked_add(len)?)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
}

/// A value that goes into a snapshot and comes back out unchanged; what it reads may borrow
/// the snapshot's bytes for `'a` (the registry's texts borrow the embedded snapshot's).
pub trait Snap<'a>: Sized {
    fn put(&self, w: &mut Writer);
    fn get(r: &mut Reader<'a>) -> Option<Self>;
}

impl<'a> Snap<'a> for u32 {
    fn put(&self, w: &mut Writer) {
        w.u32(*self);
    }
    fn get(r: &mut Reader<'a>) -> Option<Self> {
        r.u32()
    }
}

impl<'a> Snap<'a> for bool {
    fn put(&self, w: &mut Writer) {
        w.bytes.push(u8::from(*self));
    }
    fn get(r: &mut Reader<'a>) -> Option<Self> {
        match r.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl<'a> Snap<'a> for String {
    fn put(&self, w: &mut Writer) {
        w.str(self);
    }
    fn get(r: &mut Reader<'a>) -> Option<Self> {
        r.str().map(str::to_owned)
    }
}

/// The snapshot's texts, borrowed: only a snapshot that lives as long as the program has them.
impl Snap<'static> for Str {
    fn put(&self, w: &mut Writer) {
        w.str(self);
    }
    fn get(r: &mut Reader<'static>) -> Option<Self> {
        r.str().map(Str::borrowed)
    }
}

impl<'a> Snap<'a> for Date {
    fn put(&self, w: &mut Writer) {
        w.u32(self.year() as u16 as u32);
        w.bytes.push(self.month() as u8);
        w.bytes.push(self.day() as u8);
    }
    fn get(r: &mut Reader<'a>) -> Option<Self> {
        let year = r.u32()? as u16 as i16;
        let month = r.u8()? as i8;
        let day = r.u8()? as i8;
        Date::new(year, month, day).ok()
    }
}

impl<'a, T: Snap<'a>> Snap<'a> for Option<T> {
    fn put(&self, w: &mut Writer) {
        self.is_some().put(w);
        if let Some(v) = self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'a>) -> Option<Self> {
        if bool::get(r)? {
            T::get(r).map(Some)
        } else {
            Some(None)
        }
    }
}

impl<'a, T: Snap<'a>> Snap<'a> for Vec<T> {
    fn put(&self, w: &mut Writer) {
        w.len(self.len());
        for v in self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'a>) -> Option<Self> {
        let n = r.len()?;
        // Every value takes at least one byte: a corrupt length cannot reserve much.
        let mut out = Vec::with_capacity(n.min(r.bytes.len()));
        for _ in 0..n {
            out.push(T::get(r)?);
        }
        Some(out)
    }
}

impl<'a, T: Snap<'a>> Snap<'a> for Spanned<T> {
    fn put(&self, w: &mut Writer) {
        let span = self.span();
        w.len(span.start);
        w.len(span.end);
        self.get_ref().put(w);
    }
    fn get(r: &mut Reader<'a>) -> Option<Self> {
        let start = r.len()?;
        let end = r.len()?;
        Some(Spanned::new(start..end, T::get(r)?))
    }
}

impl<'a, A: Snap<'a>, B: Snap<'a>> Snap<'a> for (A, B) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }
    fn get(r: &mut Reader<'a>) -> Option<Self> {
        Some((A::get(r)?, B::get(r)?))
    }
}

/// `Snap` for a struct, field by field; the destructuring is exhaustive on purpose.
/// `'static` for the registry's model, whose texts borrow the snapshot.
macro_rules! snap_struct {
    ($name:ident { $($field:ident),* $(,)? }) => {
        impl<'a> Snap<'a> for $name {
            snap_struct!(@body $name 'a { $($field),* });
        }
    };
    ('static $name:ident { $($field:ident),* $(,)? }) => {
        impl Snap<'static> for $name {
            snap_struct!(@body $name 'static { $($field),* });
        }
    };
    (@body $name:ident $life:lifetime { $($field:ident),* }) => {
        fn put(&self, w: &mut Writer) {
            let $name { $($field),* } = self;
            $($field.put(w);)*
        }
        fn get(r: &mut Reader<$life>) -> Option<Self> {
            Some($name { $($field: Snap::get(r)?),* })
        }
    };
}

snap_struct!(RegistryFile {
    valid_from,
    valid_through,
    country,
    organisation,
    office,
    title,
    person,
    series,
    acronym,
    style,
});
snap_struct!(CountryEntry {
    code,
    alpha3,
    status,
    short,
    official,
    un,
    adjectives,
    demonyms,
    variants,
    official_variants,
    political,
    misspellings,
    wrong_adjectives,
    wrong_official,
    former,
    style,
});
snap_struct!(FormerEntry {
    name,
    until,
    adjectives
});
snap_struct!(StylePrefEntry {
    profile,
    prefer,
    over,
    since
});
snap_struct!(OrganisationEntry { code, name, short });
snap_struct!(OfficeEntry {
    id,
    country,
    org,
    kinds,
    name,
    titles,
    complete_from,
});
snap_struct!(TitleEntry {
    form,
    kinds,
    abbreviation,
    ambiguous
});
snap_struct!(PersonEntry {
    id,
    name,
    family,
    variants,
    wikidata,
    term
});
snap_struct!(TermEntry {
    office,
    start,
    end,
    acting,
    source
});
snap_struct!(SeriesEntry {
    id,
    name,
    aliases,
    kind,
    item
});
snap_struct!(SeriesItemEntry {
    number,
    start,
    end,
    place,
    country
});
snap_struct!(AcronymEntry {
    short,
    expansions,
    known
});
snap_struct!(StyleEntry { name, description });

/// `Snap` for an enum without fields, one byte per value; the match is exhaustive on purpose.
macro_rules! snap_enum {
    ($name:ident { $($variant:ident = $n:literal),* $(,)? }) => {
        impl<'a> Snap<'a> for $name {
            fn put(&self, w: &mut Writer) {
                w.bytes.push(match self {
                    $($name::$variant => $n,)*
                });
            }
            fn get(r: &mut Reader<'a>) -> Option<Self> {
                match r.u8()? {
                    $($n => Some($name::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

/// `Snap` for an index newtype.
macro_rules! snap_id {
    ($($name:ident),*) => {
        $(impl<'a> Snap<'a> for $name {
            fn put(&self, w: &mut Writer) {
                self.0.put(w);
            }
            fn get(r: &mut Reader<'a>) -> Option<Self> {
                u32::get(r).map($name)
            }
        })*
    };
}

snap_id!(CountryId, OfficeId, PersonId);
snap_enum!(CountryStatus {
    UnMember = 0,
    Observer = 1,
    PartiallyRecognised = 2,
    Territory = 3,
});
snap_enum!(OfficeKind {
    HeadOfState = 0,
    HeadOfGovernment = 1,
    ForeignMinister = 2,
    DeputyHeadOfGovernment = 3,
    HeadOfOrganisation = 4,
});
snap_enum!(SeriesKind {
    Session = 0,
    Conference = 1,
    Summit = 2,
});

impl Snap<'static> for Owner {
    fn put(&self, w: &mut Writer) {
        match self {
            Owner::Country(id) => {
                w.bytes.push(0);
                id.put(w);
            }
            Owner::Organisation(code) => {
                w.bytes.push(1);
                code.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'static>) -> Option<Self> {
        match r.u8()? {
            0 => CountryId::get(r).map(Owner::Country),
            1 => Str::get(r).map(Owner::Organisation),
            _ => None,
        }
    }
}

snap_struct!('static FormerName {
    name,
    until,
    adjectives
});
snap_struct!('static StylePreference {
    profile,
    prefer,
    over,
    since
});
snap_struct!('static Country {
    code,
    alpha3,
    status,
    short,
    official,
    un,
    adjectives,
    demonyms,
    variants,
    official_variants,
    political,
    misspellings,
    wrong_adjectives,
    wrong_official,
    former,
    styles,
});
snap_struct!('static Organisation { code, name, short });
snap_struct!('static Office {
    id,
    owner,
    kinds,
    name,
    titles,
    complete_from,
});
snap_struct!('static Term {
    office,
    start,
    end,
    acting,
    source
});
snap_struct!('static Person {
    id,
    name,
    family,
    variants,
    wikidata,
    terms
});
snap_struct!('static SeriesItem {
    number,
    start,
    end,
    place,
    country
});
snap_struct!('static Series {
    id,
    name,
    aliases,
    kind,
    items
});
snap_struct!('static Acronym {
    short,
    expansions,
    known
});
snap_struct!('static Title {
    form,
    kinds,
    abbreviation,
    ambiguous
});
snap_struct!('static Style { name, description });

/// The registry's data; its indexes are rebuilt when it is read back.
impl Snap<'static> for Registry {
    fn put(&self, w: &mut Writer) {
        let Registry {
            valid_from,
            valid_through,
            countries,
            organisations,
            offices,
            people,
            series,
            acronyms,
            titles,
            styles,
            country_by_code: _,
            office_by_id: _,
            person_by_id: _,
            acronym_by_short: _,
            terms_by_office: _,
            office_terms: _,
        } = self;
        valid_from.put(w);
        valid_through.put(w);
        countries.put(w);
        organisations.put(w);
        offices.put(w);
        people.put(w);
        series.put(w);
        acronyms.put(w);
        titles.put(w);
        styles.put(w);
    }
    fn get(r: &mut Reader<'static>) -> Option<Self> {
        let mut reg = Registry::empty();
        reg.valid_from = Snap::get(r)?;
        reg.valid_through = Snap::get(r)?;
        reg.countries = Snap::get(r)?;
        reg.organisations = Snap::get(r)?;
        reg.offices = Snap::get(r)?;
        reg.people = Snap::get(r)?;
        reg.series = Snap::get(r)?;
        reg.acronyms = Snap::get(r)?;
        reg.titles = Snap::get(r)?;
        reg.styles = Snap::get(r)?;
        let ids_valid = reg
            .people
            .iter()
            .flat_map(|p| &p.terms)
            .all(|t| (t.office.0 as usize) < reg.offices.len())
            && reg.offices.iter().all(|o| match o.owner {
                Owner::Country(c) => (c.0 as usize) < reg.countries.len(),
                Owner::Organisation(_) => true,
            });
        if !ids_valid {
            return None;
        }
        reg.index_countries();
        reg.index_offices();
        reg.index_rest();
        Some(reg)
    }
}

/// Writes `value` as a whole snapshot.
fn encode<'a, T: Snap<'a>>(value: &T) -> Vec<u8> {
    let mut w = Writer::default();
    value.put(&mut w);
    w.finish()
}

/// Reads a whole snapshot, or `None` if it is not one this build wrote.
fn decode<'a, T: Snap<'a>>(bytes: &'a [u8]) -> Option<T> {
    let mut r = Reader::new(bytes)?;
    let value = T::get(&mut r)?;
    r.bytes.is_empty().then_some(value)
}

/// The snapshot of parsed files, each with its path.
pub fn encode_files(files: &[(String, RegistryFile)]) -> Vec<u8> {
    let mut w = Writer::default();
    w.len(files.len());
    for file in files {
        file.put(&mut w);
    }
    w.finish()
}

/// The files of a snapshot, or `None` if it is not one this build wrote.
pub fn decode_files(bytes: &[u8]) -> Option<Vec<(String, RegistryFile)>> {
    decode(bytes)
}

/// The snapshot of a loaded registry.
pub fn encode_registry(registry: &Registry) -> Vec<u8> {
    encode(registry)
}

/// The registry of a snapshot, indexes built, or `None` if it is not one this build wrote.
pub fn decode_registry(bytes: &'static [u8]) -> Option<Registry> {
    decode(bytes)
}
