//! Reading registry files and merging them: the embedded data first, then overlays in order.
//! Every problem is reported with its file, line and column.

use super::Registry;
use super::file::{self, RegistryFile, Text};
use super::model::*;
use jiff::civil::Date;
use std::collections::HashMap;
use std::fmt;

/// A problem in a registry file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    // The largest char boundary at or below `offset` (build.rs compiles this file alone).
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The files being merged, kept so that errors can point into them.
#[derive(Default)]
pub struct Loader {
    sources: Vec<(String, String)>,
    files: Vec<RegistryFile>,
    errors: Vec<RegistryError>,
}

struct Located<'a> {
    file: usize,
    span: std::ops::Range<usize>,
    _marker: std::marker::PhantomData<&'a ()>,
}

impl Loader {
    pub fn new() -> Loader {
        Loader::default()
    }

    /// Parses one file; syntax errors and unknown keys are recorded.
    pub fn add(&mut self, path: &str, text: &str) {
        match toml::from_str::<RegistryFile>(text) {
            Ok(file) => {
                self.sources.push((path.to_string(), text.to_string()));
                self.files.push(file);
            }
            Err(err) => {
                let (line, column) = err.span().map_or((1, 1), |s| line_col(text, s.start));
                self.errors.push(RegistryError {
                    path: path.to_string(),
                    line,
                    column,
                    message: err.message().trim().to_string(),
                });
            }
        }
    }

    /// Adds a file parsed elsewhere (the build script's snapshot of the embedded data); `text`
    /// is what it was parsed from, for line numbers in errors.
    pub(super) fn add_parsed(&mut self, path: &str, text: &str, file: RegistryFile) {
        self.sources.push((path.to_string(), text.to_string()));
        self.files.push(file);
    }

    fn error(&mut self, at: &Located, message: impl Into<String>) {
        let (path, text) = &self.sources[at.file];
        let (line, column) = line_col(text, at.span.start);
        self.errors.push(RegistryError {
            path: path.clone(),
            line,
            column,
            message: message.into(),
        });
    }

    /// Merges every file added and resolves the result, or returns every problem found.
    pub fn finish(mut self) -> Result<Registry, Vec<RegistryError>> {
        let files = std::mem::take(&mut self.files);
        let mut m = Merged::default();
        for (idx, f) in files.into_iter().enumerate() {
            m.merge(idx, f);
        }
        let registry = self.resolve(m);
        if self.errors.is_empty() {
            Ok(registry)
        } else {
            Err(self.errors)
        }
    }

    fn at(&self, file: usize, t: &Text) -> Located<'static> {
        Located {
            file,
            span: t.span(),
            _marker: std::marker::PhantomData,
        }
    }

    fn date(&mut self, file: usize, t: &Text) -> Option<Date> {
        match t.get_ref().parse::<Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                let at = self.at(file, t);
                self.error(&at, format!("'{}' is not a date (YYYY-MM-DD)", t.get_ref()));
                None
            }
        }
    }

    /// Office kinds, each unknown one reported where it is written.
    fn kinds(&mut self, file: usize, kinds: &[Text]) -> Vec<OfficeKind> {
        let mut parsed = Vec::new();
        for k in kinds {
            match OfficeKind::parse(k.get_ref()) {
                Some(kind) => parsed.push(kind),
                None => {
                    let at = self.at(file, k);
                    self.error(&at, format!("unknown office kind '{}'", k.get_ref()));
                }
            }
        }
        parsed
    }

    fn resolve(&mut self, m: Merged) -> Registry {
        let mut reg = Registry::empty();
        if let Some((f, t)) = &m.valid_from {
            reg.valid_from = self.date(*f, t).unwrap_or(reg.valid_from);
        }
        if let Some((f, t)) = &m.valid_through {
            reg.valid_through = self.date(*f, t).unwrap_or(reg.valid_through);
        }
        for s in m.styles {
            reg.styles.push(Style {
                name: s.name,
                description: s.description,
            });
        }
        for (file, c) in m.countries {
            let status = match &c.status {
                Some(t) => CountryStatus::parse(t.get_ref()).unwrap_or_else(|| {
                    let at = self.at(file, t);
                    self.error(&at, format!("unknown country status '{}' (un-member, observer, partially-recognised, territory)", t.get_ref()));
                    CountryStatus::Territory
                }),
                None => CountryStatus::Territory,
            };
            let Some(short) = c.short.clone() else {
                let at = self.at(file, &c.code);
                self.error(
                    &at,
                    format!("country '{}' has no short name", c.code.get_ref()),
                );
                continue;
            };
            let mut former = Vec::new();
            for f in &c.former {
                if let Some(until) = self.date(file, &f.until) {
                    former.push(FormerName {
                        name: (&f.name).into(),
                        until,
                        adjectives: texts(&f.adjectives),
                    });
                }
            }
            let mut styles = Vec::new();
            for s in &c.style {
                let since = s.since.as_ref().and_then(|t| self.date(file, t));
                styles.push(StylePreference {
                    profile: s.profile.get_ref().into(),
                    prefer: (&s.prefer).into(),
                    over: texts(&s.over),
                    since,
                });
            }
            let official = c.official.as_ref().unwrap_or(&short).into();
            let un = c.un.as_ref().unwrap_or(&short).into();
            reg.countries.push(Country {
                code: c.code.get_ref().into(),
                alpha3: c.alpha3.clone().unwrap_or_default().into(),
                status,
                short: short.into(),
                official,
                un,
                adjectives: texts(&c.adjectives),
                demonyms: texts(&c.demonyms),
                variants: texts(&c.variants),
                official_variants: texts(&c.official_variants),
                political: c.political.unwrap_or(false),
                misspellings: texts(&c.misspellings),
                wrong_adjectives: texts(&c.wrong_adjectives),
                wrong_official: texts(&c.wrong_official),
                former,
                styles,
            });
        }
        reg.index_countries();
        // Style profiles referenced by countries must exist.
        for (org_file, o) in m.organisations {
            let _ = org_file;
            reg.organisations.push(Organisation {
                code: o.code.get_ref().into(),
                name: o.name.as_ref().unwrap_or(o.code.get_ref()).into(),
                short: texts(&o.short),
            });
        }
        for (file, o) in m.offices {
            let owner = match (&o.country, &o.org) {
                (Some(c), None) => match reg.country_by_code(c.get_ref()) {
                    Some(id) => Owner::Country(id),
                    None => {
                        let at = self.at(file, c);
                        self.error(&at, format!("unknown country '{}'", c.get_ref()));
                        continue;
                    }
                },
                (None, Some(org)) => {
                    if !reg.organisations.iter().any(|x| x.code == *org.get_ref()) {
                        let at = self.at(file, org);
                        self.error(&at, format!("unknown organisation '{}'", org.get_ref()));
                        continue;
                    }
                    Owner::Organisation(org.get_ref().into())
                }
                _ => {
                    let at = self.at(file, &o.id);
                    self.error(
                        &at,
                        format!(
                            "office '{}' needs exactly one of `country` or `org`",
                            o.id.get_ref()
                        ),
                    );
                    continue;
                }
            };
            let kinds = self.kinds(file, &o.kinds);
            let complete_from = o.complete_from.as_ref().and_then(|t| self.date(file, t));
            reg.offices.push(Office {
                id: o.id.get_ref().into(),
                owner,
                kinds,
                name: o.name.as_ref().unwrap_or(o.id.get_ref()).into(),
                titles: texts(&o.titles),
                complete_from,
            });
        }
        reg.index_offices();
        for (file, t) in m.titles {
            let kinds = self.kinds(file, &t.kinds);
            reg.titles.push(Title {
                form: t.form.get_ref().into(),
                kinds,
                abbreviation: t.abbreviation,
                ambiguous: t.ambiguous,
            });
        }
        // Where each term of `reg.people` was written, for errors found after the merge.
        let mut term_locations: Vec<Vec<(usize, Text)>> = Vec::with_capacity(m.people.len());
        for (file, p) in m.people {
            let Some(name) = p.name.clone() else {
                let at = self.at(file, &p.id);
                self.error(&at, format!("person '{}' has no name", p.id.get_ref()));
                continue;
            };
            let mut terms = Vec::new();
            for (tfile, t) in &p.terms {
                let Some(office) = reg.office_by_id(t.office.get_ref()) else {
                    let at = self.at(*tfile, &t.office);
                    self.error(&at, format!("unknown office '{}'", t.office.get_ref()));
                    continue;
                };
                let (Some(start), end) = (
                    self.date(*tfile, &t.start),
                    t.end.as_ref().map(|e| self.date(*tfile, e)),
                ) else {
                    continue;
                };
                let end = match end {
                    Some(Some(e)) => Some(e),
                    Some(None) => continue,
                    None => None,
                };
                if let Some(e) = end
                    && e < start
                {
                    let at = self.at(*tfile, t.end.as_ref().unwrap());
                    self.error(&at, format!("term ends ({e}) before it starts ({start})"));
                    continue;
                }
                terms.push((
                    Term {
                        office,
                        start,
                        end,
                        acting: t.acting,
                        source: t.source.clone().unwrap_or_default().into(),
                    },
                    (*tfile, t.start.clone()),
                ));
            }
            terms.sort_by_key(|(t, _)| t.start);
            let (terms, locations): (Vec<Term>, Vec<(usize, Text)>) = terms.into_iter().unzip();
            let family = p
                .family
                .clone()
                .unwrap_or_else(|| name.split_whitespace().last().unwrap_or("").to_string());
            term_locations.push(locations);
            reg.people.push(Person {
                id: p.id.get_ref().into(),
                name: name.into(),
                family: family.into(),
                variants: texts(&p.variants),
                wikidata: p.wikidata.map(|w| w.into_inner().into()),
                terms,
            });
        }
        for (file, s) in m.series {
            let kind = match s.kind.as_ref().map(|k| k.get_ref().as_str()) {
                None | Some("session") => SeriesKind::Session,
                Some("conference") => SeriesKind::Conference,
                Some("summit") => SeriesKind::Summit,
                Some(other) => {
                    let at = self.at(file, s.kind.as_ref().unwrap());
                    self.error(
                        &at,
                        format!("unknown series kind '{other}' (session, conference, summit)"),
                    );
                    SeriesKind::Session
                }
            };
            let mut items = Vec::new();
            for (ifile, it) in &s.items {
                let Some(start) = self.date(*ifile, &it.start) else {
                    continue;
                };
                let end = it.end.as_ref().and_then(|e| self.date(*ifile, e));
                items.push(SeriesItem {
                    number: *it.number.get_ref(),
                    start,
                    end,
                    place: it.place.as_ref().map(Str::from),
                    country: it.country.as_ref().map(|c| c.get_ref().into()),
                });
            }
            items.sort_by_key(|i| i.number);
            items.dedup_by_key(|i| i.number);
            reg.series.push(Series {
                id: s.id.get_ref().into(),
                name: s.name.as_ref().unwrap_or(s.id.get_ref()).into(),
                aliases: texts(&s.aliases),
                kind,
                items,
            });
        }
        for a in m.acronyms {
            reg.acronyms.push(Acronym {
                short: a.short.into(),
                expansions: texts(&a.expansions),
                known: a.known,
            });
        }
        self.check_overlaps(&reg, &term_locations);
        reg.index_rest();
        reg
    }

    /// No two terms of one office may overlap (a shared handover day is fine), except for
    /// deputy offices, which often have several holders at once, and acting terms.
    /// `locations` are where the terms of `reg.people` were written, person by person.
    fn check_overlaps(&mut self, reg: &Registry, locations: &[Vec<(usize, Text)>]) {
        let mut by_office: HashMap<OfficeId, Vec<TermAt>> = HashMap::new();
        for (pi, p) in reg.people.iter().enumerate() {
            for (ti, t) in p.terms.iter().enumerate() {
                if !t.acting {
                    let location = locations.get(pi).and_then(|l| l.get(ti));
                    by_office
                        .entry(t.office)
                        .or_default()
                        .push((p, t, location));
                }
            }
        }
        let mut found = Vec::new();
        for (office, mut terms) in by_office {
            let o = &reg.offices[office.0 as usize];
            if o.kinds.contains(&OfficeKind::DeputyHeadOfGovernment) {
                continue;
            }
            terms.sort_by_key(|(_, t, _)| t.start);
            for pair in terms.windows(2) {
                let (p1, t1, _) = pair[0];
                let (p2, t2, location) = pair[1];
                let overlap = t1.end.is_none_or(|end| t2.start < end);
                if overlap {
                    let key = (p2.id.clone(), o.id.clone(), t2.start.to_string());
                    let message = format!(
                        "term of {} in {} from {} overlaps the term of {} from {}",
                        p2.name, o.id, t2.start, p1.name, t1.start
                    );
                    found.push((key, message, location));
                }
            }
        }
        found.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        for (_, message, location) in found {
            if let Some((file, t)) = location {
                let at = self.at(*file, t);
                self.error(&at, message);
            } else {
                self.errors.push(RegistryError {
                    path: "registry".into(),
                    line: 1,
                    column: 1,
                    message,
                });
            }
        }
    }
}

/// A term with its holder and where it was written.
type TermAt<'a> = (&'a Person, &'a Term, Option<&'a (usize, Text)>);

/// Entries merged by key across files, each remembering the file it came from.
#[derive(Default)]
struct Merged {
    valid_from: Option<(usize, Text)>,
    valid_through: Option<(usize, Text)>,
    countries: Vec<(usize, file::CountryEntry)>,
    organisations: Vec<(usize, file::OrganisationEntry)>,
    offices: Vec<(usize, file::OfficeEntry)>,
    titles: Vec<(usize, file::TitleEntry)>,
    people: Vec<(usize, MergedPerson)>,
    series: Vec<(usize, MergedSeries)>,
    acronyms: Vec<MergedAcronym>,
    styles: Vec<Style>,
    /// Where each entry is in the vectors above, by key: merging stays linear.
    index: MergedIndex,
}

#[derive(Default)]
struct MergedIndex {
    countries: HashMap<String, usize>,
    organisations: HashMap<String, usize>,
    offices: HashMap<String, usize>,
    titles: HashMap<String, usize>,
    people: HashMap<String, usize>,
    series: HashMap<String, usize>,
    acronyms: HashMap<String, usize>,
}

/// The entry of `key` in `entries`, found through `index`, or `None` after noting where the
/// entry about to be pushed will be.
fn existing<'a, T>(
    entries: &'a mut [T],
    index: &mut HashMap<String, usize>,
    key: &str,
) -> Option<&'a mut T> {
    match index.get(key) {
        Some(&i) => entries.get_mut(i),
        None => {
            index.insert(key.to_string(), entries.len());
            None
        }
    }
}

struct MergedPerson {
    id: Text,
    name: Option<String>,
    family: Option<String>,
    variants: Vec<String>,
    wikidata: Option<Text>,
    terms: Vec<(usize, file::TermEntry)>,
}

struct MergedSeries {
    id: Text,
    name: Option<String>,
    aliases: Vec<String>,
    kind: Option<Text>,
    items: Vec<(usize, file::SeriesItemEntry)>,
}

struct MergedAcronym {
    short: String,
    expansions: Vec<String>,
    known: bool,
}

/// Texts read from TOML, owned.
fn texts(from: &[String]) -> Vec<Str> {
    from.iter().map(Str::from).collect()
}

fn extend_unique(into: &mut Vec<String>, from: Vec<String>) {
    for s in from {
        if !into.contains(&s) {
            into.push(s);
        }
    }
}

fn replace<T>(into: &mut Option<T>, from: Option<T>) {
    if from.is_some() {
        *into = from;
    }
}

impl Merged {
    fn merge(&mut self, file: usize, f: RegistryFile) {
        if let Some(v) = f.valid_from {
            self.valid_from = Some((file, v));
        }
        if let Some(v) = f.valid_through {
            self.valid_through = Some((file, v));
        }
        for s in f.style {
            match self.styles.iter_mut().find(|x| x.name == *s.name.get_ref()) {
                Some(x) => {
                    if let Some(d) = s.description {
                        x.description = d.into();
                    }
                }
                None => self.styles.push(Style {
                    name: s.name.into_inner().into(),
                    description: s.description.unwrap_or_default().into(),
                }),
            }
        }
        for c in f.country {
            match existing(
                &mut self.countries,
                &mut self.index.countries,
                c.code.get_ref(),
            ) {
                Some((_, x)) => {
                    replace(&mut x.alpha3, c.alpha3);
                    replace(&mut x.status, c.status);
                    replace(&mut x.short, c.short);
                    replace(&mut x.official, c.official);
                    replace(&mut x.un, c.un);
                    replace(&mut x.political, c.political);
                    extend_unique(&mut x.adjectives, c.adjectives);
                    extend_unique(&mut x.demonyms, c.demonyms);
                    extend_unique(&mut x.variants, c.variants);
                    extend_unique(&mut x.official_variants, c.official_variants);
                    extend_unique(&mut x.misspellings, c.misspellings);
                    extend_unique(&mut x.wrong_adjectives, c.wrong_adjectives);
                    extend_unique(&mut x.wrong_official, c.wrong_official);
                    x.former.extend(c.former);
                    x.style.extend(c.style);
                }
                None => self.countries.push((file, c)),
            }
        }
        for o in f.organisation {
            match existing(
                &mut self.organisations,
                &mut self.index.organisations,
                o.code.get_ref(),
            ) {
                Some((_, x)) => {
                    replace(&mut x.name, o.name);
                    extend_unique(&mut x.short, o.short);
                }
                None => self.organisations.push((file, o)),
            }
        }
        for o in f.office {
            match existing(&mut self.offices, &mut self.index.offices, o.id.get_ref()) {
                Some((_, x)) => {
                    replace(&mut x.country, o.country);
                    replace(&mut x.org, o.org);
                    replace(&mut x.name, o.name);
                    replace(&mut x.complete_from, o.complete_from);
                    if !o.kinds.is_empty() {
                        x.kinds = o.kinds;
                    }
                    extend_unique(&mut x.titles, o.titles);
                }
                None => self.offices.push((file, o)),
            }
        }
        for t in f.title {
            match existing(&mut self.titles, &mut self.index.titles, t.form.get_ref()) {
                Some((_, x)) => {
                    x.kinds = t.kinds;
                    x.abbreviation = t.abbreviation;
                    x.ambiguous = t.ambiguous;
                }
                None => self.titles.push((file, t)),
            }
        }
        for p in f.person {
            let terms: Vec<_> = p.term.into_iter().map(|t| (file, t)).collect();
            match existing(&mut self.people, &mut self.index.people, p.id.get_ref()) {
                Some((_, x)) => {
                    replace(&mut x.name, p.name);
                    replace(&mut x.family, p.family);
                    replace(&mut x.wikidata, p.wikidata);
                    extend_unique(&mut x.variants, p.variants);
                    for (tf, t) in terms {
                        x.terms.retain(|(_, old)| {
                            !(old.office.get_ref() == t.office.get_ref()
                                && old.start.get_ref() == t.start.get_ref())
                        });
                        x.terms.push((tf, t));
                    }
                }
                None => self.people.push((
                    file,
                    MergedPerson {
                        id: p.id,
                        name: p.name,
                        family: p.family,
                        variants: p.variants,
                        wikidata: p.wikidata,
                        terms,
                    },
                )),
            }
        }
        for s in f.series {
            let items: Vec<_> = s.item.into_iter().map(|i| (file, i)).collect();
            match existing(&mut self.series, &mut self.index.series, s.id.get_ref()) {
                Some((_, x)) => {
                    replace(&mut x.name, s.name);
                    replace(&mut x.kind, s.kind);
                    extend_unique(&mut x.aliases, s.aliases);
                    for (ifile, item) in items {
                        x.items
                            .retain(|(_, old)| old.number.get_ref() != item.number.get_ref());
                        x.items.push((ifile, item));
                    }
                }
                None => self.series.push((
                    file,
                    MergedSeries {
                        id: s.id,
                        name: s.name,
                        aliases: s.aliases,
                        kind: s.kind,
                        items,
                    },
                )),
            }
        }
        for a in f.acronym {
            match existing(
                &mut self.acronyms,
                &mut self.index.acronyms,
                a.short.get_ref(),
            ) {
                Some(x) => {
                    extend_unique(&mut x.expansions, a.expansions);
                    if let Some(k) = a.known {
                        x.known = k;
                    }
                }
                None => self.acronyms.push(MergedAcronym {
                    short: a.short.into_inner(),
                    expansions: a.expansions,
                    known: a.known.unwrap_or(false),
                }),
            }
        }
    }
}
