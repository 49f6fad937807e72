//! Hovers: what a name, date, acronym or session under the cursor stands for, and the rule
//! behind any diagnostic there.
//!
//! What the checks recognised (annotations, findings' subjects) comes first; where they
//! recognised nothing, the words under the cursor are looked up in the registry directly, so
//! that a hover answers even for text no rule looked at.

use super::diagnostics::Analysis;
use super::names::Named;
use crate::registry::{CountryId, OfficeId, PersonId, Registry, Str};
use crate::rules::Subject;
pub use crate::rules::date::parse::month_name;
use crate::rules::date::parse::{parse_loose, weekday_name};
pub use crate::rules::date::write::ordinal_suffix;
use crate::text::fold;
use jiff::civil::Date;
use std::ops::Range;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

pub fn hover(a: &Analysis, offset: usize) -> Option<Hover> {
    let mut sections = Vec::new();
    let recognised = subject_at(a, offset).or_else(|| look_up_words(a, offset));
    let mut range = None;
    if let Some((span, subject)) = &recognised
        && let Some(text) = describe(a, subject)
    {
        sections.push(text);
        range = Some(a.range(span));
        // "COP26" is an acronym to the acronym rule and a numbered session too: say both.
        if matches!(subject, Subject::Acronym { .. })
            && let Some((_, session)) = session_under(a, offset)
            && let Some(text) = describe(a, &session)
        {
            sections.push(text);
        }
    }
    for d in a.diagnostics_touching(offset, offset) {
        let rule = d.finding.rule;
        if !contains(&d.finding.span, offset) {
            continue;
        }
        sections.push(format!(
            "**{}** ({}) — {}\n\n{}",
            rule.id,
            d.severity.as_str(),
            rule.summary,
            rule.explanation
        ));
        range.get_or_insert_with(|| a.range(&d.finding.span));
    }
    if sections.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range,
    })
}

/// Whether a span holds the character at `offset` (an empty span: the offset itself).
fn contains(span: &Range<usize>, offset: usize) -> bool {
    span.start <= offset && offset < span.end.max(span.start + 1)
}

/// The narrowest recognised span at `offset`: annotations, then findings' subjects.
fn subject_at(a: &Analysis, offset: usize) -> Option<(Range<usize>, Subject)> {
    a.recognised()
        .filter(|(span, _)| contains(span, offset))
        .min_by_key(|(span, _)| span.end - span.start)
        .map(|(span, s)| (span, s.into_owned()))
}

/// The markdown describing a subject, as of the document's date.
fn describe(a: &Analysis, subject: &Subject) -> Option<String> {
    let registry = a.kit.registry();
    let date = a.report.date.date;
    let source = a.report.date.source.as_str();
    Some(match subject {
        Subject::Person(id) => describe_person(registry, *id, date, source),
        Subject::Country(id) => describe_country(registry, *id),
        Subject::Office(id) => describe_office(registry, *id, date),
        Subject::Date {
            start,
            end,
            relative,
            note,
        } => describe_date(*start, *end, *relative, note),
        Subject::Acronym { short, expansion } => {
            let known = registry.acronym(short);
            let expansions: Vec<&str> = match (expansion, known) {
                (Some(e), _) => vec![e.as_str()],
                (None, Some(k)) => k.expansions.iter().map(Str::as_str).collect(),
                (None, None) => Vec::new(),
            };
            if expansions.is_empty() {
                format!("**{short}**: not spelt out in this document, not in the registry")
            } else {
                format!("**{short}**: {}", expansions.join("; "))
            }
        }
        Subject::Session { series, number } => describe_session(registry, series, *number)?,
    })
}

fn describe_person(registry: &Registry, id: PersonId, date: Date, source: &str) -> String {
    let person = registry.person(id);
    let mut out = format!("**{}**", person.name);
    let on_date = registry.terms_on(id, date);
    if on_date.is_empty() {
        out.push_str(&format!(
            "\n\nOn {date} (document date, from the {source}): no office in the registry."
        ));
    } else {
        let held: Vec<String> = on_date
            .iter()
            .map(|t| registry.office(t.office).name.to_string())
            .collect();
        out.push_str(&format!(
            "\n\nOn {date} (document date, from the {source}): {}.",
            held.join("; ")
        ));
    }
    if !person.terms.is_empty() {
        out.push_str("\n\nOffices:");
        let mut terms: Vec<_> = person.terms.iter().collect();
        terms.sort_by_key(|t| t.start);
        for t in terms {
            out.push_str(&format!("\n- {}", registry.describe_term(t)));
        }
    }
    out
}

fn describe_country(registry: &Registry, id: CountryId) -> String {
    let c = registry.country(id);
    let mut out = format!("**{}** ({}, {})", c.short, c.code, c.alpha3);
    let mut line = |label: &str, values: &[&str]| {
        let values: Vec<&str> = values.iter().copied().filter(|v| !v.is_empty()).collect();
        if !values.is_empty() {
            out.push_str(&format!("\n- {label}: {}", values.join(", ")));
        }
    };
    line("Official name", &[c.official.as_str()]);
    line("UN name", &[c.un.as_str()]);
    let adjectives: Vec<&str> = c.adjectives.iter().map(Str::as_str).collect();
    line("Adjective", &adjectives);
    let demonyms: Vec<&str> = c.demonyms.iter().map(Str::as_str).collect();
    line("Demonym", &demonyms);
    let variants: Vec<&str> = c.variants.iter().map(Str::as_str).collect();
    line("Also", &variants);
    let former: Vec<String> = c
        .former
        .iter()
        .map(|f| format!("{} (until {})", f.name, f.until))
        .collect();
    let former: Vec<&str> = former.iter().map(String::as_str).collect();
    line("Former names", &former);
    out
}

fn describe_office(registry: &Registry, id: OfficeId, date: Date) -> String {
    let office = registry.office(id);
    let holders: Vec<String> = registry
        .holders_on(id, date)
        .iter()
        .map(|(p, t)| {
            format!(
                "{} ({})",
                registry.person(*p).name,
                registry.describe_term(t)
            )
        })
        .collect();
    if holders.is_empty() {
        format!("**{}**", office.name)
    } else {
        format!("**{}**\n\nOn {date}: {}", office.name, holders.join("; "))
    }
}

fn describe_date(start: Date, end: Date, relative: bool, note: &str) -> String {
    let day = |d: Date| {
        format!(
            "{}, {} {} {} ({d})",
            weekday_name(d.weekday()),
            d.day(),
            month_name(d.month()),
            d.year()
        )
    };
    let what = if start == end {
        day(start)
    } else {
        format!("{} – {}", day(start), day(end))
    };
    match (relative, note.is_empty()) {
        (true, true) => format!("Resolves to **{what}**"),
        (true, false) => format!("Resolves to **{what}**: {note}"),
        (false, true) => format!("**{what}**"),
        (false, false) => format!("**{what}**\n\n{note}"),
    }
}

fn describe_session(registry: &Registry, series: &str, number: u32) -> Option<String> {
    let s = registry.series_by_id(series)?;
    let title = format!("{}{} {}", number, ordinal_suffix(number), s.name);
    Some(match s.item(number) {
        Some(item) => {
            let mut out = format!("**{title}**: {}", item.start);
            if let Some(end) = item.end {
                out.push_str(&format!(" – {end}"));
            }
            if let Some(place) = &item.place {
                out.push_str(&format!(", {place}"));
            }
            out
        }
        None => format!("**{title}**: not in the registry"),
    })
}

/// The words of the line around `offset`, as byte ranges of the source: letters and digits
/// with inner hyphens, apostrophes and periods; a trailing period or possessive is left out.
fn words_of_line(a: &Analysis, offset: usize) -> Vec<Range<usize>> {
    let doc = &a.document;
    let line = doc.lines.line_range(&doc.source, doc.line_of(offset));
    let text = &doc.source[line.clone()];
    let mut words = Vec::new();
    let mut start = None;
    let is_part = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.');
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (is_part(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let mut w = &text[s..i];
                for suffix in ["'s", "’s"] {
                    w = w.strip_suffix(suffix).unwrap_or(w);
                }
                w = w.trim_end_matches(['.', '-', '\'', '’']);
                let lead = w.len() - w.trim_start_matches(['-', '\'', '’', '.']).len();
                if w.len() > lead {
                    words.push(line.start + s + lead..line.start + s + w.len());
                }
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// What the words under the cursor name in the registry, when no check said.
fn look_up_words(a: &Analysis, offset: usize) -> Option<(Range<usize>, Subject)> {
    let words = words_of_line(a, offset);
    let k = words.iter().position(|w| contains(w, offset))?;
    let source = &a.document.source;
    let registry = a.kit.registry();
    // Names: the longest run of up to four words around the cursor that the registry knows.
    for n in (1..=4usize).rev() {
        for first in k.saturating_sub(n - 1)..=k {
            let last = first + n - 1;
            if last >= words.len() {
                continue;
            }
            let span = words[first].start..words[last].end;
            let phrase = source[span.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(subject) = name_subject(a, &phrase) {
                return Some((span, subject));
            }
        }
    }
    let word = &source[words[k].clone()];
    if let Some(acronym) = registry.acronym(word) {
        return Some((
            words[k].clone(),
            Subject::Acronym {
                short: acronym.short.to_string(),
                expansion: None,
            },
        ));
    }
    date_around(a, &words, k).or_else(|| session_at(a, &words, k))
}

fn name_subject(a: &Analysis, phrase: &str) -> Option<Subject> {
    let entries = a.kit.names.exact(phrase);
    // A person's name beats a country's adjective of the same form; among several people,
    // the one in office on the document date.
    let date = a.report.date.date;
    let registry = a.kit.registry();
    let best = entries.iter().min_by_key(|e| match e.named {
        Named::Person(p) => (0, registry.terms_on(p, date).is_empty()),
        Named::Country(_) => (1, false),
        Named::Organisation(_) => (2, false),
    })?;
    match best.named {
        Named::Person(p) => Some(Subject::Person(p)),
        Named::Country(c) => Some(Subject::Country(c)),
        Named::Organisation(o) => {
            let org = &registry.organisations[o];
            Some(Subject::Acronym {
                short: org.short.first().unwrap_or(&org.code).to_string(),
                expansion: Some(org.name.to_string()),
            })
        }
    }
}

/// A numbered session at `offset`, read from the words.
fn session_under(a: &Analysis, offset: usize) -> Option<(Range<usize>, Subject)> {
    let words = words_of_line(a, offset);
    let k = words.iter().position(|w| contains(w, offset))?;
    session_at(a, &words, k)
}

/// A written date around word `k` ("Thursday, 24 September 2021", "September 24, 2021").
fn date_around(a: &Analysis, words: &[Range<usize>], k: usize) -> Option<(Range<usize>, Subject)> {
    let source = &a.document.source;
    for n in (2..=4usize).rev() {
        for first in k.saturating_sub(n - 1)..=k {
            let last = first + n - 1;
            if last >= words.len() {
                continue;
            }
            let span = words[first].start..words[last].end;
            let text = &source[span.clone()];
            if text.contains(['\n', '\r']) {
                continue;
            }
            let Some(loose) = parse_loose(text) else {
                continue;
            };
            let Some(date) = loose.resolve(a.report.date.date) else {
                continue;
            };
            return Some((
                span,
                Subject::Date {
                    start: date,
                    end: date,
                    relative: false,
                    note: String::new(),
                },
            ));
        }
    }
    None
}

/// A numbered session at word `k`: "76th" before a series' name, or "COP26".
fn session_at(a: &Analysis, words: &[Range<usize>], k: usize) -> Option<(Range<usize>, Subject)> {
    let source = &a.document.source;
    let registry = a.kit.registry();
    let word = &source[words[k].clone()];
    let digits_at = word.find(|c: char| c.is_ascii_digit())?;
    // "COP26": an alias glued to the number.
    if digits_at > 0 {
        let (alias, number) = word.split_at(digits_at);
        let number: u32 = number.parse().ok()?;
        let series = registry
            .series
            .iter()
            .find(|s| s.aliases.iter().any(|x| x == alias))?;
        return Some((
            words[k].clone(),
            Subject::Session {
                series: series.id.to_string(),
                number,
            },
        ));
    }
    let number: u32 = word
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    let after_start = words[k].end;
    let after_end = (after_start + 80).min(source.len());
    let after_end = crate::document::position::floor_char_boundary(source, after_end);
    let after = fold(&source[after_start..after_end]);
    let after = after.trim_start();
    let after = [
        "regular session of the ",
        "session of the ",
        "session of ",
        "the ",
    ]
    .iter()
    .find_map(|p| after.strip_prefix(p))
    .unwrap_or(after);
    let series = registry.series.iter().find(|s| {
        s.aliases.iter().any(|alias| {
            let alias = fold(alias);
            after.starts_with(&alias)
                && !after[alias.len()..].starts_with(|c: char| c.is_alphanumeric())
        })
    })?;
    Some((
        words[k].clone(),
        Subject::Session {
            series: series.id.to_string(),
            number,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 76, 101, 111]
            .iter()
            .map(|&n| format!("{n}{}", ordinal_suffix(n)))
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "76th", "101st",
                "111th"
            ]
        );
    }

    #[test]
    fn dates_read_with_their_weekday() {
        let d = jiff::civil::date(2021, 9, 24);
        assert_eq!(
            describe_date(d, d, false, ""),
            "**Friday, 24 September 2021 (2021-09-24)**"
        );
        let t = jiff::civil::date(2021, 9, 23);
        assert!(
            describe_date(t, t, true, "the Thursday before the dateline")
                .starts_with("Resolves to **Thursday, 23 September 2021")
        );
    }
}
