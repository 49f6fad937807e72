//! The registry's data, resolved: dates parsed, references checked, entries merged.

use jiff::civil::Date;
use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

/// A registry text. The embedded registry's are borrowed from the build's snapshot, which is
/// part of the binary: decoding it allocated each of its tens of thousands of strings, most of
/// a one-report run's registry work. Texts read from TOML (overlays) are owned.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Str(Cow<'static, str>);

impl Str {
    /// A text that lives as long as the program: the snapshot's.
    pub const fn borrowed(text: &'static str) -> Str {
        Str(Cow::Borrowed(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

// Maps keyed by `Str` are asked with `&str`: `Str` hashes and compares as its text.
impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<String> for Str {
    fn from(text: String) -> Str {
        Str(Cow::Owned(text))
    }
}

impl From<&String> for Str {
    fn from(text: &String) -> Str {
        Str(Cow::Owned(text.clone()))
    }
}

impl From<&str> for Str {
    fn from(text: &str) -> Str {
        Str(Cow::Owned(text.to_owned()))
    }
}

impl From<Str> for String {
    fn from(text: Str) -> String {
        text.0.into_owned()
    }
}

impl serde::Serialize for Str {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Str> for str {
    fn eq(&self, other: &Str) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Str> for String {
    fn eq(&self, other: &Str) -> bool {
        **self == *other.0
    }
}

/// Index of a country in `Registry::countries`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryId(pub u32);
/// Index of an office in `Registry::offices`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OfficeId(pub u32);
/// Index of a person in `Registry::people`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CountryStatus {
    UnMember,
    Observer,
    PartiallyRecognised,
    Territory,
}

impl CountryStatus {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "un-member" => Self::UnMember,
            "observer" => Self::Observer,
            "partially-recognised" => Self::PartiallyRecognised,
            "territory" => Self::Territory,
            _ => return None,
        })
    }

    /// States have offices: UN members, observer states and the partially recognised.
    pub fn is_state(self) -> bool {
        self != Self::Territory
    }
}

#[derive(Debug, Clone)]
pub struct FormerName {
    pub name: Str,
    /// The first day on which the name was no longer the state's.
    pub until: Date,
    pub adjectives: Vec<Str>,
}

#[derive(Debug, Clone)]
pub struct StylePreference {
    pub profile: Str,
    pub prefer: Str,
    pub over: Vec<Str>,
    pub since: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct Country {
    pub code: Str,
    pub alpha3: Str,
    pub status: CountryStatus,
    pub short: Str,
    pub official: Str,
    pub un: Str,
    pub adjectives: Vec<Str>,
    pub demonyms: Vec<Str>,
    pub variants: Vec<Str>,
    pub official_variants: Vec<Str>,
    pub political: bool,
    pub misspellings: Vec<Str>,
    pub wrong_adjectives: Vec<Str>,
    pub wrong_official: Vec<Str>,
    pub former: Vec<FormerName>,
    pub styles: Vec<StylePreference>,
}

impl Country {
    /// Every correct name of the country: short, official, UN and accepted variants.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        [
            self.short.as_str(),
            self.official.as_str(),
            self.un.as_str(),
        ]
        .into_iter()
        .chain(self.variants.iter().map(Str::as_str))
        .chain(self.official_variants.iter().map(Str::as_str))
        .filter(|s| !s.is_empty())
    }

    /// The preferred adjective ("Japanese"), or the short name when none is known.
    pub fn adjective(&self) -> &str {
        self.adjectives
            .first()
            .map_or(self.short.as_str(), Str::as_str)
    }
}

#[derive(Debug, Clone)]
pub struct Organisation {
    pub code: Str,
    pub name: Str,
    pub short: Vec<Str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OfficeKind {
    HeadOfState,
    HeadOfGovernment,
    ForeignMinister,
    DeputyHeadOfGovernment,
    HeadOfOrganisation,
}

impl OfficeKind {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "head_of_state" => Self::HeadOfState,
            "head_of_government" => Self::HeadOfGovernment,
            "foreign_minister" => Self::ForeignMinister,
            "deputy_head_of_government" => Self::DeputyHeadOfGovernment,
            "head_of_organisation" => Self::HeadOfOrganisation,
            _ => return None,
        })
    }

    pub fn describe(self) -> &'static str {
        match self {
            Self::HeadOfState => "head of state",
            Self::HeadOfGovernment => "head of government",
            Self::ForeignMinister => "foreign minister",
            Self::DeputyHeadOfGovernment => "deputy head of government",
            Self::HeadOfOrganisation => "head of organisation",
        }
    }
}

/// Whose office it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Country(CountryId),
    Organisation(Str),
}

#[derive(Debug, Clone)]
pub struct Office {
    pub id: Str,
    pub owner: Owner,
    pub kinds: Vec<OfficeKind>,
    pub name: Str,
    pub titles: Vec<Str>,
    /// From this date the registry lists every holder (capped by `valid_through`).
    pub complete_from: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub office: OfficeId,
    pub start: Date,
    /// `None` while in office.
    pub end: Option<Date>,
    pub acting: bool,
    pub source: Str,
}

impl Term {
    /// Whether the term covers `date` (both ends inclusive: on a handover day both holders are).
    pub fn covers(&self, date: Date) -> bool {
        self.start <= date && self.end.is_none_or(|end| date <= end)
    }

    /// Whether the term overlaps the interval `[from, to]`.
    pub fn overlaps(&self, from: Date, to: Date) -> bool {
        self.start <= to && self.end.is_none_or(|end| from <= end)
    }
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: Str,
    pub name: Str,
    pub family: Str,
    pub variants: Vec<Str>,
    pub wikidata: Option<Str>,
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SeriesKind {
    Session,
    Conference,
    Summit,
}

#[derive(Debug, Clone)]
pub struct SeriesItem {
    pub number: u32,
    pub start: Date,
    pub end: Option<Date>,
    pub place: Option<Str>,
    pub country: Option<Str>,
}

#[derive(Debug, Clone)]
pub struct Series {
    pub id: Str,
    pub name: Str,
    pub aliases: Vec<Str>,
    pub kind: SeriesKind,
    /// Sorted by number.
    pub items: Vec<SeriesItem>,
}

impl Series {
    pub fn item(&self, number: u32) -> Option<&SeriesItem> {
        self.items
            .binary_search_by_key(&number, |i| i.number)
            .ok()
            .map(|i| &self.items[i])
    }
}

#[derive(Debug, Clone)]
pub struct Acronym {
    pub short: Str,
    pub expansions: Vec<Str>,
    pub known: bool,
}

#[derive(Debug, Clone)]
pub struct Title {
    pub form: Str,
    pub kinds: Vec<OfficeKind>,
    pub abbreviation: bool,
    /// The form also names other posts ("Secretary of State" in the UK, "Foreign Secretary" in
    /// India): never enough alone for `title/form`.
    pub ambiguous: bool,
}

#[derive(Debug, Clone)]
pub struct Style {
    pub name: Str,
    pub description: Str,
}
