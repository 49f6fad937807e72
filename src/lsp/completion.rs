//! Completion of names while a report is typed.
//!
//! - After a title ("Prime Minister ", "Japanese Foreign Minister ", "UN Secretary-General "):
//!   the holders of the offices with that title, the holder on the document date first, the
//!   offices of the countries the document talks about most first.
//! - After a country adjective or an organisation ("Japanese ", "Japan's ", "NATO "): its
//!   offices, each with its holder on the document date.
//! - Otherwise, a prefix of two letters or more: country names, official names and people.
//!
//! Each item's detail names the office, its owner and the term: "Prime Minister of Japan,
//! 2020-09-16 – 2021-10-04".

use super::config::Kit;
use super::names::{Form, NameEntry, Named};
use crate::registry::{OfficeId, PersonId, Registry, Term};
use crate::text::fold;
use jiff::civil::Date;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// How many items a list holds at most.
const LIMIT: usize = 60;
/// How far before the cursor a mention of a country counts as "near".
const NEAR: usize = 1500;
/// How much text before the cursor is read to see what the document talks about.
const WINDOW: usize = 32 * 1024;
/// And how much of the document's start (headline, dateline, first paragraphs).
const HEAD: usize = 8 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Person,
    Country,
    Organisation,
    Office,
}

/// One completion, in byte offsets of the text it was computed on.
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub label: String,
    pub detail: String,
    pub documentation: Option<String>,
    pub kind: ItemKind,
    /// The text the suggestion replaces (the word being typed).
    pub replace: Range<usize>,
    pub insert: String,
    pub filter: Option<String>,
}

#[derive(Debug, Default)]
pub struct Completion {
    pub items: Vec<Suggestion>,
    /// The list depends on more typing: the client should ask again.
    pub incomplete: bool,
}

/// The suggestions at byte `cursor` of `text`, for a document dated `date`.
pub fn complete(kit: &Kit, text: &str, cursor: usize, date: Date) -> Completion {
    let cursor = crate::document::position::floor_char_boundary(text, cursor);
    let line_start = text[..cursor].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = &text[line_start..cursor];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_name_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let prefix = &before[word_start..];
    let head = &before[..word_start];
    let replace = line_start + word_start..cursor;
    let cx = Cx {
        kit,
        registry: kit.registry(),
        text,
        cursor,
        date,
        prefix: fold(prefix),
        replace,
    };
    let tokens = tokens(head, line_start);
    if head.is_empty() || head.ends_with(char::is_whitespace) {
        if let Some(c) = holders_after_title(&cx, &tokens) {
            return c;
        }
        if let Some(c) = offices_after_owner(&cx, &tokens) {
            return c;
        }
    }
    if prefix.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
        return names_with_prefix(&cx, &tokens);
    }
    Completion::default()
}

/// What every completion path reads.
struct Cx<'a> {
    kit: &'a Kit,
    registry: &'a Registry,
    text: &'a str,
    cursor: usize,
    date: Date,
    /// The word being typed, folded.
    prefix: String,
    replace: Range<usize>,
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.')
}

/// A whitespace-separated word before the cursor, folded, with its byte range in the text.
struct Token {
    folded: String,
    span: Range<usize>,
}

fn tokens(head: &str, base: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in head
        .char_indices()
        .chain(std::iter::once((head.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push(Token {
                    folded: fold(&head[s..i]),
                    span: base + s..base + i,
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The country or organisation named by the last words (up to four): "Japanese", "Japan's",
/// "UN", "United Nations". With `adjectives_only`, a bare country name does not count (after
/// "India " a list of offices would get in the way of ordinary prose).
fn owner_before(cx: &Cx, tokens: &[Token], adjectives_only: bool) -> Option<Named> {
    for n in (1..=4usize.min(tokens.len())).rev() {
        let words: Vec<&str> = tokens[tokens.len() - n..]
            .iter()
            .map(|t| t.folded.as_str())
            .collect();
        let phrase = words.join(" ");
        let (phrase, possessive) = match phrase
            .strip_suffix("'s")
            .or_else(|| phrase.strip_suffix("s'"))
        {
            Some(p) => (p.to_string(), true),
            None => (phrase, false),
        };
        let found = cx.kit.names.exact(&phrase).iter().find(|e| match e.named {
            Named::Person(_) => false,
            Named::Organisation(_) => true,
            Named::Country(_) => e.form == Form::Adjective || possessive || !adjectives_only,
        });
        if let Some(e) = found {
            return Some(e.named);
        }
    }
    None
}

fn owns(registry: &Registry, owner: Named, office: OfficeId) -> bool {
    Named::owner_of(registry, &registry.office(office).owner) == Some(owner)
}

/// How much the text around the cursor is about each country or organisation: mentions in the
/// document's head and in a window before the cursor (so that the cost does not grow with the
/// document), those just before the cursor counting most. The United Nations starts with one
/// point: unqualified "Secretary-General" in a diplomatic report is the UN's unless the text
/// says otherwise.
fn owner_scores(cx: &Cx) -> HashMap<Named, usize> {
    use crate::document::position::floor_char_boundary;
    let text = cx.text;
    let window_start = floor_char_boundary(text, cx.cursor.saturating_sub(WINDOW));
    let window_end = floor_char_boundary(text, (cx.cursor + WINDOW / 8).min(text.len()));
    let head_end = floor_char_boundary(text, HEAD.min(window_start));
    let mut scores: HashMap<Named, usize> = HashMap::new();
    for (base, part) in [
        (0, &text[..head_end]),
        (window_start, &text[window_start..window_end]),
    ] {
        for (owner, at) in cx.kit.mentions.scan(part) {
            let near = at
                .iter()
                .map(|a| base + a)
                .filter(|&a| a < cx.cursor && cx.cursor - a <= NEAR)
                .count();
            *scores.entry(owner).or_default() += 2 * at.len() + 6 * near;
        }
    }
    if let Some(un) = cx
        .registry
        .organisations
        .iter()
        .position(|o| o.code == "UN")
    {
        *scores.entry(Named::Organisation(un)).or_default() += 1;
    }
    scores
}

fn holders_after_title(cx: &Cx, tokens: &[Token]) -> Option<Completion> {
    let words: Vec<String> = tokens.iter().map(|t| t.folded.clone()).collect();
    let (title, n) = cx.kit.titles.ending(&words)?;
    let owner = owner_before(cx, &tokens[..tokens.len() - n], false);
    let registry = cx.registry;
    let by_kind = |o: OfficeId| {
        registry
            .office(o)
            .kinds
            .iter()
            .any(|k| title.kinds.contains(k))
    };
    let mut offices: Vec<OfficeId> = match owner {
        Some(owner) => (0..registry.offices.len() as u32)
            .map(OfficeId)
            .filter(|&o| owns(registry, owner, o) && (title.offices.contains(&o) || by_kind(o)))
            .collect(),
        None if !title.offices.is_empty() => title.offices.clone(),
        None => (0..registry.offices.len() as u32)
            .map(OfficeId)
            .filter(|&o| by_kind(o))
            .collect(),
    };
    if offices.is_empty() {
        return None;
    }
    let scores = owner_scores(cx);
    let score = |o: OfficeId| {
        Named::owner_of(registry, &registry.office(o).owner)
            .and_then(|n| scores.get(&n).copied())
            .unwrap_or(0)
    };
    // Ties (a document that names no country) go by the owner's name: a predictable list.
    let owner_name = |o: OfficeId| registry.owner_name(registry.office(o));
    offices.sort_by(|&a, &b| {
        score(b)
            .cmp(&score(a))
            .then_with(|| owner_name(a).cmp(owner_name(b)))
            .then_with(|| registry.office(a).name.cmp(&registry.office(b).name))
    });
    offices.dedup();
    let mut picks: Vec<(PersonId, &Term, bool)> = Vec::new();
    for &o in &offices {
        for (p, t) in registry.holders_on(o, cx.date) {
            picks.push((p, t, true));
        }
    }
    // Then the other holders of the most likely offices, nearest in time first: for "former
    // Prime Minister ..." and drafts about other dates.
    let top: Vec<OfficeId> = offices
        .iter()
        .copied()
        .take(if owner.is_some() { offices.len() } else { 2 })
        .collect();
    let mut others: Vec<(PersonId, &Term)> = top
        .iter()
        .flat_map(|&o| registry.terms_of(o))
        .filter(|(_, t)| !t.covers(cx.date))
        .collect();
    others.sort_by_key(|(_, t)| distance(t, cx.date));
    picks.extend(others.into_iter().map(|(p, t)| (p, t, false)));
    let mut seen = HashSet::new();
    let items: Vec<Suggestion> = picks
        .into_iter()
        .filter(|(p, _, _)| seen.insert(*p))
        .filter(|(p, _, _)| person_matches(registry, *p, &cx.prefix))
        .map(|(p, t, current)| person_item(cx, p, t, current))
        .collect();
    Some(limited(items))
}

/// Days between a term and a date.
fn distance(t: &Term, date: Date) -> i32 {
    if date < t.start {
        (t.start - date).get_days()
    } else {
        t.end.map_or(0, |e| (date - e).get_days())
    }
}

fn person_matches(registry: &Registry, p: PersonId, prefix: &str) -> bool {
    if prefix.is_empty() {
        return true;
    }
    let person = registry.person(p);
    std::iter::once(&person.name)
        .chain(&person.variants)
        .any(|n| fold(n).split([' ', '-']).any(|w| w.starts_with(prefix)))
}

fn person_item(cx: &Cx, p: PersonId, term: &Term, current: bool) -> Suggestion {
    let registry = cx.registry;
    let person = registry.person(p);
    let date = cx.date;
    let documentation = if current {
        format!("In office on {date} (the document date)")
    } else {
        format!("Not in office on {date} (the document date)")
    };
    Suggestion {
        label: person.name.to_string(),
        detail: registry.describe_term(term),
        documentation: Some(documentation),
        kind: ItemKind::Person,
        replace: cx.replace.clone(),
        insert: person.name.to_string(),
        filter: None,
    }
}

fn offices_after_owner(cx: &Cx, tokens: &[Token]) -> Option<Completion> {
    let owner = owner_before(cx, tokens, true)?;
    let registry = cx.registry;
    let mut items = Vec::new();
    for o in (0..registry.offices.len() as u32).map(OfficeId) {
        if !owns(registry, owner, o) {
            continue;
        }
        let office = registry.office(o);
        let title = office.titles.first().unwrap_or(&office.name);
        let holders = registry.holders_on(o, cx.date);
        if holders.is_empty() {
            items.push(Suggestion {
                label: title.to_string(),
                detail: office.name.to_string(),
                documentation: None,
                kind: ItemKind::Office,
                replace: cx.replace.clone(),
                insert: title.to_string(),
                filter: None,
            });
        }
        for (p, t) in holders {
            let text = format!("{title} {}", registry.person(p).name);
            items.push(Suggestion {
                label: text.clone(),
                detail: registry.describe_term(t),
                documentation: Some(format!("In office on {} (the document date)", cx.date)),
                kind: ItemKind::Office,
                replace: cx.replace.clone(),
                insert: text,
                filter: None,
            });
        }
    }
    items.retain(|s| cx.prefix.is_empty() || fold(&s.label).starts_with(&cx.prefix));
    (!items.is_empty()).then(|| limited(items))
}

/// Names starting with what is typed, the words before it on the line included when that
/// makes a longer match ("South K" → "South Korea").
fn names_with_prefix(cx: &Cx, tokens: &[Token]) -> Completion {
    let names = &cx.kit.names;
    let mut chosen: (&[NameEntry], usize) = (&[], cx.replace.start);
    for n in (0..=3usize.min(tokens.len())).rev() {
        let lead = &tokens[tokens.len() - n..];
        let mut key: Vec<&str> = lead.iter().map(|t| t.folded.as_str()).collect();
        key.push(&cx.prefix);
        let entries = names.with_prefix(&key.join(" "));
        if !entries.is_empty() {
            let start = lead.first().map_or(cx.replace.start, |t| t.span.start);
            chosen = (entries, start);
            break;
        }
    }
    let (entries, start) = chosen;
    let replace = start..cx.replace.end;
    let registry = cx.registry;
    let mut ranked: Vec<(u8, String, Suggestion)> = Vec::new();
    let mut seen = HashSet::new();
    for e in entries {
        let item = match e.named {
            Named::Person(p) => {
                if !seen.insert((e.named, String::new())) {
                    continue;
                }
                let person = registry.person(p);
                let current = registry.terms_on(p, cx.date);
                let term = current
                    .first()
                    .copied()
                    .or_else(|| person.terms.iter().max_by_key(|t| t.start));
                let rank = if current.is_empty() { 2 } else { 0 };
                let filter = (e.form != Form::Canonical).then(|| e.text.clone());
                (
                    rank,
                    Suggestion {
                        label: person.name.to_string(),
                        detail: term.map_or_else(String::new, |t| registry.describe_term(t)),
                        documentation: None,
                        kind: ItemKind::Person,
                        replace: replace.clone(),
                        insert: person.name.to_string(),
                        filter,
                    },
                )
            }
            Named::Country(c) => {
                // Former names are what the checks report: never suggest them.
                if e.form == Form::Former || !seen.insert((e.named, e.text.clone())) {
                    continue;
                }
                let country = registry.country(c);
                let detail = match e.form {
                    Form::Adjective => format!("adjective or demonym of {}", country.short),
                    Form::Official => {
                        format!("official name of {} ({})", country.short, country.code)
                    }
                    _ => format!(
                        "{} ({}), official name: {}",
                        country.short, country.code, country.official
                    ),
                };
                let rank = if e.form == Form::Canonical { 1 } else { 3 };
                (
                    rank,
                    Suggestion {
                        label: e.text.clone(),
                        detail,
                        documentation: None,
                        kind: ItemKind::Country,
                        replace: replace.clone(),
                        insert: e.text.clone(),
                        filter: None,
                    },
                )
            }
            Named::Organisation(o) => {
                if !seen.insert((e.named, e.text.clone())) {
                    continue;
                }
                let org = &registry.organisations[o];
                (
                    3,
                    Suggestion {
                        label: e.text.clone(),
                        detail: org.name.to_string(),
                        documentation: None,
                        kind: ItemKind::Organisation,
                        replace: replace.clone(),
                        insert: e.text.clone(),
                        filter: None,
                    },
                )
            }
        };
        ranked.push((item.0, item.1.label.clone(), item.1));
    }
    ranked.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let mut c = limited(ranked.into_iter().map(|(_, _, s)| s).collect());
    c.incomplete = true;
    c
}

fn limited(mut items: Vec<Suggestion>) -> Completion {
    let incomplete = items.len() > LIMIT;
    items.truncate(LIMIT);
    Completion { items, incomplete }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;
    use crate::registry::Registry;
    use std::sync::OnceLock;

    fn kit() -> &'static Kit {
        static KIT: OnceLock<Kit> = OnceLock::new();
        KIT.get_or_init(|| Kit::new(Engine::new(Registry::embedded())))
    }

    fn labels(text: &str, date: &str) -> Vec<(String, String)> {
        let date: Date = date.parse().unwrap();
        complete(kit(), text, text.len(), date)
            .items
            .into_iter()
            .map(|s| (s.label, s.detail))
            .collect()
    }

    #[test]
    fn holder_on_the_date_first_for_the_country_talked_about() {
        let text = "Japanese diplomats met in New York. Japan and India agreed.\nPrime Minister ";
        let got = labels(text, "2021-09-24");
        assert_eq!(got[0].0, "Yoshihide Suga", "{got:?}");
        assert_eq!(got[0].1, "Prime Minister of Japan, 2020-09-16 – 2021-10-04");
    }

    #[test]
    fn an_adjective_before_the_title_picks_the_country() {
        let got = labels("They met Japanese Foreign Minister ", "2021-09-24");
        assert_eq!(got[0].0, "Toshimitsu Motegi", "{got:?}");
        assert!(got.iter().all(|(_, d)| d.contains("Japan")), "{got:?}");
        let got = labels("He thanked Secretary-General ", "2021-09-24");
        assert_eq!(got[0].0, "António Guterres", "{got:?}");
    }

    #[test]
    fn a_prefix_after_a_title_filters_the_holders() {
        let got = labels("Japan.\nPrime Minister Ki", "2022-03-01");
        assert_eq!(got[0].0, "Fumio Kishida", "{got:?}");
    }

    #[test]
    fn offices_after_a_country_adjective() {
        let got = labels("The Japanese ", "2021-09-24");
        assert!(
            got.iter().any(|(l, d)| l == "Prime Minister Yoshihide Suga"
                && d == "Prime Minister of Japan, 2020-09-16 – 2021-10-04"),
            "{got:?}"
        );
        assert!(labels("They met in Japan ", "2021-09-24").is_empty());
    }

    #[test]
    fn plain_prefixes_complete_countries_and_people() {
        let got = labels("Talks with Phili", "2021-09-24");
        assert!(got.iter().any(|(l, _)| l == "Philippines"), "{got:?}");
        let got = labels("Talks with South Ko", "2021-09-24");
        assert!(got.iter().any(|(l, _)| l == "South Korea"), "{got:?}");
        let got = labels("He met Mote", "2021-09-24");
        assert_eq!(got[0].0, "Toshimitsu Motegi", "{got:?}");
        assert!(labels("He met M", "2021-09-24").is_empty());
        assert!(labels("and then ", "2021-09-24").is_empty());
    }
}
