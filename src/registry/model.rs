//! The registry's data, resolved: dates parsed, references checked, entries merged.

use jiff::civil::Date;

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
    pub name: String,
    /// The first day on which the name was no longer the state's.
    pub until: Date,
    pub adjectives: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct StylePreference {
    pub profile: String,
    pub prefer: String,
    pub over: Vec<String>,
    pub since: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct Country {
    pub code: String,
    pub alpha3: String,
    pub status: CountryStatus,
    pub short: String,
    pub official: String,
    pub un: String,
    pub adjectives: Vec<String>,
    pub demonyms: Vec<String>,
    pub variants: Vec<String>,
    pub official_variants: Vec<String>,
    pub political: bool,
    pub misspellings: Vec<String>,
    pub wrong_adjectives: Vec<String>,
    pub wrong_official: Vec<String>,
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
        .chain(self.variants.iter().map(String::as_str))
        .chain(self.official_variants.iter().map(String::as_str))
        .filter(|s| !s.is_empty())
    }

    /// The preferred adjective ("Japanese"), or the short name when none is known.
    pub fn adjective(&self) -> &str {
        self.adjectives
            .first()
            .map_or(self.short.as_str(), String::as_str)
    }
}

#[derive(Debug, Clone)]
pub struct Organisation {
    pub code: String,
    pub name: String,
    pub short: Vec<String>,
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
    Organisation(String),
}

#[derive(Debug, Clone)]
pub struct Office {
    pub id: String,
    pub owner: Owner,
    pub kinds: Vec<OfficeKind>,
    pub name: String,
    pub titles: Vec<String>,
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
    pub source: String,
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
    pub id: String,
    pub name: String,
    pub family: String,
    pub variants: Vec<String>,
    pub wikidata: Option<String>,
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
    pub place: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Series {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
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
    pub short: String,
    pub expansions: Vec<String>,
    pub known: bool,
}

#[derive(Debug, Clone)]
pub struct Title {
    pub form: String,
    pub kinds: Vec<OfficeKind>,
    pub abbreviation: bool,
    /// The form also names other posts ("Secretary of State" in the UK, "Foreign Secretary" in
    /// India): never enough alone for `title/form`.
    pub ambiguous: bool,
}

#[derive(Debug, Clone)]
pub struct Style {
    pub name: String,
    pub description: String,
}
