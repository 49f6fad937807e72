//! The registry's file format, as written: what one TOML file (embedded or overlay) holds.
//! `data/registry/SCHEMA.md` documents it; every struct refuses unknown keys, and the values
//! that later checks may reject keep their place in the file for line-numbered errors.

use serde::Deserialize;
use toml::Spanned;

pub type Text = Spanned<String>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistryFile {
    pub valid_from: Option<Text>,
    pub valid_through: Option<Text>,
    #[serde(default)]
    pub country: Vec<CountryEntry>,
    #[serde(default)]
    pub organisation: Vec<OrganisationEntry>,
    #[serde(default)]
    pub office: Vec<OfficeEntry>,
    #[serde(default)]
    pub title: Vec<TitleEntry>,
    #[serde(default)]
    pub person: Vec<PersonEntry>,
    #[serde(default)]
    pub series: Vec<SeriesEntry>,
    #[serde(default)]
    pub acronym: Vec<AcronymEntry>,
    #[serde(default)]
    pub style: Vec<StyleEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryEntry {
    pub code: Text,
    pub alpha3: Option<String>,
    pub status: Option<Text>,
    pub short: Option<String>,
    pub official: Option<String>,
    pub un: Option<String>,
    #[serde(default)]
    pub adjectives: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub official_variants: Vec<String>,
    pub political: Option<bool>,
    #[serde(default)]
    pub misspellings: Vec<String>,
    #[serde(default)]
    pub wrong_adjectives: Vec<String>,
    #[serde(default)]
    pub wrong_official: Vec<String>,
    #[serde(default)]
    pub former: Vec<FormerEntry>,
    #[serde(default)]
    pub style: Vec<StylePrefEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormerEntry {
    pub name: String,
    pub until: Text,
    #[serde(default)]
    pub adjectives: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StylePrefEntry {
    pub profile: Text,
    pub prefer: String,
    #[serde(default)]
    pub over: Vec<String>,
    pub since: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationEntry {
    pub code: Text,
    pub name: Option<String>,
    #[serde(default)]
    pub short: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeEntry {
    pub id: Text,
    pub country: Option<Text>,
    pub org: Option<Text>,
    #[serde(default)]
    pub kinds: Vec<Text>,
    pub name: Option<String>,
    #[serde(default)]
    pub titles: Vec<String>,
    pub complete_from: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleEntry {
    pub form: Text,
    #[serde(default)]
    pub kinds: Vec<Text>,
    #[serde(default)]
    pub abbreviation: bool,
    #[serde(default)]
    pub ambiguous: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    pub id: Text,
    pub name: Option<String>,
    pub family: Option<String>,
    #[serde(default)]
    pub variants: Vec<String>,
    pub wikidata: Option<Text>,
    #[serde(default)]
    pub term: Vec<TermEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermEntry {
    pub office: Text,
    pub start: Text,
    pub end: Option<Text>,
    #[serde(default)]
    pub acting: bool,
    pub source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesEntry {
    pub id: Text,
    pub name: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: Option<Text>,
    #[serde(default)]
    pub item: Vec<SeriesItemEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesItemEntry {
    pub number: Spanned<u32>,
    pub start: Text,
    pub end: Option<Text>,
    pub place: Option<String>,
    pub country: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcronymEntry {
    pub short: Text,
    #[serde(default)]
    pub expansions: Vec<String>,
    pub known: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleEntry {
    pub name: Text,
    pub description: Option<String>,
}
