//! A generator of realistic report text for the benchmarks.
//!
//! Every name, title, country, adjective, acronym, session and place comes from the embedded
//! registry; the connecting phrases are the project's own. Each report has a date, and the people
//! it names held the office it gives them on that date, so the text is mostly correct, as a draft
//! is: a small share of names are misspelt and weekdays wrong, so that the checks' slower paths
//! (fuzzy matching, fixes) run as often as they would on real drafts. The same seed always gives
//! the same corpus.

use diplint::registry::{Country, OfficeId, Registry, Series};
use diplint::rules::date::parse::{month_name, weekday_name};
use diplint::rules::date::write::ordinal;
use jiff::ToSpan;
use jiff::civil::Date;
use std::fmt::Write as _;

/// SplitMix64: small, fast and deterministic; no dependency for a benchmark's dice.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, per_thousand: u64) -> bool {
        self.next_u64() % 1000 < per_thousand
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// How often (per thousand mentions) a draft gets a name or a weekday wrong.
const TYPO_RATE: u64 = 15;
const WRONG_WEEKDAY_RATE: u64 = 10;
/// How often (per thousand) a listed country is given a former, wrong or small-letter form.
const TRICKY_FORM_RATE: u64 = 30;

/// Title forms that depend on the holder (a King after a Queen) and would make a correct report
/// wrong when picked at random: such offices are left out.
const HOLDER_DEPENDENT_TITLES: &[&str] = &[
    "Queen",
    "King",
    "Emperor",
    "Emir",
    "Sultan",
    "Grand Duke",
    "Prince",
    "Majesty",
    "Pope",
];

/// Subjects of talks: the project's own phrases.
const TOPICS: &[&str] = &[
    "climate finance",
    "food security",
    "maritime security",
    "the energy transition",
    "trade and investment",
    "global health",
    "nuclear non-proliferation",
    "humanitarian access",
    "counter-terrorism cooperation",
    "digital connectivity",
    "critical minerals supply chains",
    "debt relief for low-income economies",
    "reform of the multilateral development banks",
    "migration and border management",
    "the protection of civilians",
    "regional stability",
    "disaster risk reduction",
    "the peaceful settlement of disputes",
    "education and vocational training",
    "the rules-based international order",
];

/// Sentences without entities, as reports have between the facts.
const FILLER: &[&str] = &[
    "The talks took place in a cordial and constructive atmosphere.",
    "Both sides agreed to remain in close contact in the weeks ahead.",
    "The meeting lasted a little over an hour and ended with a working lunch.",
    "Officials on both sides will follow up on the points raised.",
    "They stressed the importance of dialogue and mutual respect.",
    "A joint statement is expected to be issued after the visit.",
    "The delegations exchanged views on recent developments in the region.",
    "Further consultations at the level of senior officials were agreed.",
    "The discussion also touched on preparations for the next ministerial meeting.",
    "Both leaders underlined the value of regular high-level exchanges.",
];

/// A person in office on a date, as a report names them.
struct Holder {
    title: String,
    name: String,
    family: String,
    /// "Japan", "the United Nations".
    of: String,
    adjective: Option<String>,
}

#[derive(Clone, Copy)]
enum DateStyle {
    DayMonth,
    MonthDay,
}

/// Turns the registry into report text.
pub struct Generator<'r> {
    registry: &'r Registry,
    rng: Rng,
    /// Offices that have holders and a title usable for any of them.
    offices: Vec<OfficeId>,
    /// States, for lists of participants.
    countries: Vec<&'r Country>,
    /// Acronyms with an expansion that a report would spell out.
    acronyms: Vec<(&'r str, &'r str)>,
    /// Cities where series items were held: the places of meetings.
    places: Vec<&'r str>,
    numbered: Vec<&'r Series>,
}

impl<'r> Generator<'r> {
    pub fn new(registry: &'r Registry, seed: u64) -> Generator<'r> {
        let offices = registry
            .offices
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                o.titles
                    .first()
                    .is_some_and(|t| !HOLDER_DEPENDENT_TITLES.iter().any(|h| t.contains(h)))
            })
            .map(|(i, _)| OfficeId(i as u32))
            .filter(|&id| registry.terms_of(id).next().is_some())
            .collect();
        let countries = registry
            .countries
            .iter()
            .filter(|c| c.status.is_state() && !c.political)
            .collect();
        let acronyms = registry
            .acronyms
            .iter()
            .filter(|a| a.short.len() >= 3 && a.short.chars().all(|c| c.is_ascii_uppercase()))
            .filter_map(|a| Some((a.short.as_str(), a.expansions.first()?.as_str())))
            .collect();
        let mut places: Vec<&str> = registry
            .series
            .iter()
            .flat_map(|s| &s.items)
            .filter_map(|i| i.place.as_deref())
            .collect();
        places.sort_unstable();
        places.dedup();
        let numbered = registry
            .series
            .iter()
            .filter(|s| !s.items.is_empty())
            .collect();
        Generator {
            registry,
            rng: Rng::new(seed),
            offices,
            countries,
            acronyms,
            places,
            numbered,
        }
    }

    /// A date on which the registry knows who held what.
    fn report_date(&mut self) -> Date {
        let from = self.registry.valid_from;
        let to = self.registry.valid_through;
        let days = (to - from).get_days().max(1) as usize;
        from + (self.rng.below(days) as i64).days()
    }

    fn holder(&mut self, date: Date) -> Option<Holder> {
        for _ in 0..50 {
            let office_id = *self.rng.pick(&self.offices);
            let holders = self.registry.holders_on(office_id, date);
            let Some(&(person_id, _)) = holders.first() else {
                continue;
            };
            let office = self.registry.office(office_id);
            let person = self.registry.person(person_id);
            let (of, adjective) = match &office.owner {
                diplint::registry::Owner::Country(c) => {
                    let country = self.registry.country(*c);
                    let short = self.maybe_typo(&country.short);
                    let adjective = self.maybe_typo(country.adjective());
                    (country_as_object(&short), Some(adjective))
                }
                diplint::registry::Owner::Organisation(_) => {
                    (format!("the {}", self.registry.owner_name(office)), None)
                }
            };
            return Some(Holder {
                title: office.titles[0].to_string(),
                name: self.maybe_typo(&person.name),
                family: person.family.to_string(),
                of,
                adjective,
            });
        }
        None
    }

    /// Swaps two inner letters now and then, as a hurried writer does.
    fn maybe_typo(&mut self, name: &str) -> String {
        if !self.rng.chance(TYPO_RATE) {
            return name.to_string();
        }
        let mut chars: Vec<char> = name.chars().collect();
        let letters: Vec<usize> = (1..chars.len().saturating_sub(1))
            .filter(|&i| chars[i].is_alphabetic() && chars[i + 1].is_alphabetic())
            .collect();
        if letters.is_empty() {
            return name.to_string();
        }
        let i = *self.rng.pick(&letters);
        chars.swap(i, i + 1);
        chars.into_iter().collect()
    }

    fn date_text(&mut self, date: Date, style: DateStyle, with_weekday: bool) -> String {
        let month = month_name(date.month());
        let mut weekday = date.weekday();
        if self.rng.chance(WRONG_WEEKDAY_RATE) {
            weekday = weekday.next();
        }
        let day = match style {
            DateStyle::DayMonth => format!("{} {month} {}", date.day(), date.year()),
            DateStyle::MonthDay => format!("{month} {}, {}", date.day(), date.year()),
        };
        if with_weekday {
            format!("{}, {day}", weekday_name(weekday))
        } else {
            day
        }
    }

    /// The last item of a series held before `date`, as a report names it.
    fn series_mention(&mut self, date: Date) -> Option<String> {
        let series = *self.rng.pick(&self.numbered);
        let item = series.items.iter().rev().find(|i| i.start <= date)?;
        let n = item.number;
        Some(match series.id.as_str() {
            "unga" | "hrc" => format!("the {} {}", ordinal(n), series.name),
            "cop" => match &item.place {
                Some(place) => format!("COP{n} in {place}"),
                None => format!("COP{n}"),
            },
            _ => match &item.place {
                Some(place) => format!("the {} in {place}", series.name),
                None => format!("the {} of {}", series.name, item.start.year()),
            },
        })
    }

    /// A country as a list of participants names it: now and then a form the registry lists
    /// as wrong or former, or written in small letters, as drafts have them.
    fn country_in_a_list(&mut self) -> String {
        let country = self.country();
        if !self.rng.chance(TRICKY_FORM_RATE) {
            return self.maybe_typo(&country.short);
        }
        let formers: Vec<&str> = country.former.iter().map(|f| f.name.as_str()).collect();
        let pools: [&[diplint::registry::Str]; 3] = [
            &country.misspellings,
            &country.wrong_official,
            &country.wrong_adjectives,
        ];
        match self.rng.below(5) {
            0 if !formers.is_empty() => self.rng.pick(&formers).to_string(),
            1..=3 => {
                let pool = pools[self.rng.below(3)];
                if pool.is_empty() {
                    country.short.to_lowercase()
                } else {
                    self.rng.pick(pool).to_string()
                }
            }
            _ => country.short.to_lowercase(),
        }
    }

    fn country(&mut self) -> &'r Country {
        self.countries[self.rng.below(self.countries.len())]
    }

    /// One sentence dense with names, countries and dates, about events up to `date`.
    fn sentence(&mut self, date: Date, style: DateStyle, acronyms_used: &mut Vec<usize>) -> String {
        let earlier = date - (self.rng.below(20) as i64).days();
        let topic = *self.rng.pick(TOPICS);
        match self.rng.below(10) {
            0 | 1 => {
                let (Some(a), Some(b)) = (self.holder(earlier), self.holder(earlier)) else {
                    return self.rng.pick(FILLER).to_string();
                };
                let when = self.date_text(earlier, style, true);
                let place = *self.rng.pick(&self.places);
                format!(
                    "On {when}, {} {} of {} met {} {} of {} in {place}.",
                    a.title, a.name, a.of, b.title, b.name, b.of
                )
            }
            2 => {
                let (Some(a), Some(b)) = (self.holder(earlier), self.holder(earlier)) else {
                    return self.rng.pick(FILLER).to_string();
                };
                let partnership = match (&a.adjective, &b.adjective) {
                    (Some(x), Some(y)) if x != y => format!("the {x}–{y} partnership"),
                    _ => "their partnership".to_string(),
                };
                format!(
                    "{} {} and {} {} discussed {topic} and agreed to deepen {partnership}.",
                    a.title, a.name, b.title, b.family
                )
            }
            3 => {
                let adjective = self.country().adjective().to_string();
                match self.series_mention(earlier) {
                    Some(series) => format!(
                        "The {adjective} delegation recalled the outcome of {series} on {topic}."
                    ),
                    None => format!("The {adjective} delegation raised {topic}."),
                }
            }
            4 => {
                let Some(a) = self.holder(earlier) else {
                    return self.rng.pick(FILLER).to_string();
                };
                let i = self.rng.below(self.acronyms.len());
                let (short, expansion) = self.acronyms[i];
                let named = if acronyms_used.contains(&i) {
                    short.to_string()
                } else {
                    acronyms_used.push(i);
                    format!("the {expansion} ({short})")
                };
                let other = country_as_object(&self.country().short);
                format!(
                    "{} {} underlined the support of {} for {named} and called on {other} to join.",
                    a.title, a.name, a.of
                )
            }
            5 => {
                let [a, b, c, d] = [(); 4].map(|_| self.country_in_a_list());
                let with_weekday = self.rng.chance(500);
                let when = self.date_text(earlier, style, with_weekday);
                format!(
                    "Ministers from {}, {}, {} and {} attended the meeting held on {when}.",
                    country_as_subject(&a),
                    country_as_subject(&b),
                    country_as_subject(&c),
                    country_as_subject(&d)
                )
            }
            6 => {
                let (Some(a), Some(b)) = (self.holder(earlier), self.holder(earlier)) else {
                    return self.rng.pick(FILLER).to_string();
                };
                format!(
                    "{} thanked {} {} for the contribution of {} to {topic}.",
                    a.family, b.title, b.name, b.of
                )
            }
            7 => {
                let Some(a) = self.holder(earlier) else {
                    return self.rng.pick(FILLER).to_string();
                };
                let when = self.date_text(earlier, style, true);
                let place = *self.rng.pick(&self.places);
                format!(
                    "{} {} recalled the talks held in {place} on {when} and welcomed progress on {topic}.",
                    a.title, a.name
                )
            }
            _ => self.rng.pick(FILLER).to_string(),
        }
    }

    /// A report of about `words` words: Markdown with front matter, or plain text with a
    /// dateline. Returns the text and whether it is Markdown.
    pub fn report(&mut self, words: usize) -> (String, bool) {
        let date = self.report_date();
        let style = if self.rng.chance(700) {
            DateStyle::DayMonth
        } else {
            DateStyle::MonthDay
        };
        let markdown = self.rng.chance(700);
        let mut text = String::with_capacity(words * 7);
        let headline = match self.holder(date) {
            Some(h) => format!("Readout of {} {}'s meetings", h.title, h.name),
            None => "Readout of the day's meetings".to_string(),
        };
        let dateline = self.date_text(date, style, true);
        if markdown {
            let _ = write!(text, "---\ndate: {date}\n---\n\n# {headline}\n\n");
        } else {
            let _ = write!(text, "{headline}\n\n{dateline}\n\n");
        }
        let mut count = count_words(&text);
        let mut acronyms_used = Vec::new();
        while count < words {
            let sentences = 3 + self.rng.below(4);
            let mut paragraph = String::new();
            for _ in 0..sentences {
                let mut s = self.sentence(date, style, &mut acronyms_used);
                if markdown && self.rng.chance(50) {
                    s = format!("**{s}**");
                }
                if !paragraph.is_empty() {
                    paragraph.push(' ');
                }
                paragraph.push_str(&s);
            }
            if markdown && self.rng.chance(80) {
                paragraph = format!("- {paragraph}");
            }
            count += count_words(&paragraph);
            text.push_str(&paragraph);
            text.push_str("\n\n");
        }
        (text, markdown)
    }
}

/// "the United States" after "of", "Japan" as it is.
fn country_as_object(short: &str) -> String {
    if needs_article(short) {
        format!("the {short}")
    } else {
        short.to_string()
    }
}

fn country_as_subject(short: &str) -> String {
    country_as_object(short)
}

fn needs_article(short: &str) -> bool {
    [
        "United ",
        "Republic",
        "Kingdom",
        "Netherlands",
        "Philippines",
        "Bahamas",
        "Gambia",
    ]
    .iter()
    .any(|p| short.starts_with(p) || short.contains(&format!(" {p}")))
        || short.starts_with("Democratic")
        || short.starts_with("Central African")
        || short.starts_with("Czech Republic")
}

pub fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Reports of about `words` words each until `bytes` bytes are reached.
pub fn reports(registry: &Registry, seed: u64, words: usize, bytes: usize) -> Vec<(String, bool)> {
    let mut generator = Generator::new(registry, seed);
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let report = generator.report(words);
        total += report.0.len();
        out.push(report);
    }
    out
}
