//! The rules that hold each date against the calendar and the document's date:
//! `date/invalid`, `date/weekday-mismatch`, `date/relative-mismatch`, `date/ambiguous` and
//! `date/after-document-date`; and the annotations that show how each date was resolved.

use super::model::{Basis, DateMention, Direction, Form, InvalidDate, NumericOrder, Relative};
use super::parse::weekday_name;
use super::tokens::{Kind, Token};
use super::write::{in_form, long, month_name, weekday_like, with_weekday};
use super::{AFTER_DOCUMENT_DATE, AMBIGUOUS, INVALID, RELATIVE_MISMATCH, WEEKDAY_MISMATCH};
use crate::config::DateFormat;
use crate::rules::{Context, Finding, Fix, Output, Subject};
use jiff::civil::Date;

/// The subject of a finding or annotation on a date mention.
pub fn subject(cx: &Context, m: &DateMention) -> Subject {
    resolved_subject(cx, m.start, m.end, m.basis)
}

/// The subject of a date resolved to `start..=end` on `basis`.
pub fn resolved_subject(cx: &Context, start: Date, end: Date, basis: Basis) -> Subject {
    Subject::Date {
        start,
        end,
        relative: matches!(basis, Basis::Relative(_)),
        note: note(cx, start, end, basis),
    }
}

/// "the document date 2021-09-24 (dateline)".
fn document_date(cx: &Context) -> String {
    format!(
        "the document date {} ({})",
        cx.date.date,
        cx.date.source.as_str()
    )
}

/// How a date was resolved, for hovers and inlay hints.
fn note(cx: &Context, start: Date, end: Date, basis: Basis) -> String {
    // Most dates are written in full: their note does not name the document's date.
    let doc = || document_date(cx);
    match basis {
        Basis::Written if start == end => format!("a {}", weekday_name(start.weekday())),
        Basis::Written => String::new(),
        Basis::YearFromDocument if start == end => format!(
            "a {}; year taken from {}",
            weekday_name(start.weekday()),
            doc()
        ),
        Basis::YearFromDocument => format!("year taken from {}", doc()),
        Basis::Relative(relative) => relative_note(relative, start, cx.date.date, &doc()),
    }
}

fn relative_note(relative: Relative, start: Date, today: Date, doc: &str) -> String {
    let period = |unit: &str, d: Direction| match d {
        Direction::Last => format!("the {unit} before that of {doc}"),
        Direction::Next => format!("the {unit} after that of {doc}"),
        _ => format!("the {unit} of {doc}"),
    };
    match relative {
        Relative::Today => doc.to_string(),
        Relative::Yesterday => format!("the day before {doc}"),
        Relative::Tomorrow => format!("the day after {doc}"),
        Relative::Weekday(day, _) => {
            let day = weekday_name(day);
            match start.cmp(&today) {
                std::cmp::Ordering::Less => format!("the {day} before {doc}"),
                std::cmp::Ordering::Greater => format!("the {day} after {doc}"),
                std::cmp::Ordering::Equal => format!("{doc} itself, a {day}"),
            }
        }
        Relative::Week(d) => period("week", d),
        Relative::Month(d) => period("month", d),
        Relative::Year(d) => period("year", d),
    }
}

/// The document has no date of its own: its date is the clock's.
pub fn undated(cx: &Context) -> bool {
    cx.date.source == crate::rules::DateSource::Today
}

/// "was" for what is past on the document's date, "is" for the rest.
fn tense_word(cx: &Context, d: Date) -> &'static str {
    if d <= cx.date.date { "was" } else { "is" }
}

/// `date/weekday-mismatch` and the weekday half of `date/relative-mismatch`.
pub fn check_weekday(cx: &Context, m: &DateMention, out: &mut Output) {
    let Some(w) = &m.weekday else {
        return;
    };
    // Without a year written or a date of the document, the year is a guess.
    if m.basis == Basis::YearFromDocument && undated(cx) {
        return;
    }
    let actual = m.start.weekday();
    // "Monday-Wednesday, 20-22 September": a weekday may name either end of a range.
    if actual == w.day || (m.written.range && m.end.weekday() == w.day) {
        return;
    }
    let written = &cx.text[w.span.clone()];
    let fix = weekday_like(actual, written);
    let (was, date) = (tense_word(cx, m.start), long(m.start));
    let (actual_name, written_name) = (weekday_name(actual), weekday_name(w.day));
    if m.relative {
        // "today (Thursday)" in a report dated Friday; without a date of its own, the
        // document's relative days cannot be held against the clock.
        if undated(cx) {
            return;
        }
        let message = format!(
            "{} is a {actual_name}, not a {written_name}: the day meant is {date}",
            relative_phrase(cx, m)
        );
        let finding = Finding::new(&RELATIVE_MISMATCH, w.span.clone(), message)
            .with_fix(Fix::replace_with(fix))
            .with_subject(subject(cx, m));
        out.push(finding);
    } else if w.glossed {
        relative_weekday_mismatch(cx, m, out);
    } else {
        let message = format!("{date} {was} a {actual_name}, not a {written_name}");
        let finding = Finding::new(&WEEKDAY_MISMATCH, w.span.clone(), message)
            .with_fix(Fix::replace_with(fix))
            .with_subject(subject(cx, m));
        out.push(finding);
    }
}

/// "yesterday" → "Yesterday (the day before the document date ...)".
fn relative_phrase(cx: &Context, m: &DateMention) -> String {
    let span = m
        .gloss
        .as_ref()
        .map_or(m.written.span.clone(), |g| g.span.clone());
    let text = cx.text.get(span).unwrap_or("the day");
    format!("'{text}' in a text dated {}", with_weekday(cx.date.date))
}

/// "on Thursday (22 September)" where 22 September was no Thursday: either the weekday or
/// the date is wrong, so both corrections are offered.
fn relative_weekday_mismatch(cx: &Context, m: &DateMention, out: &mut Output) {
    let Some(w) = &m.weekday else {
        return;
    };
    let actual = m.start.weekday();
    let mut message = format!(
        "{} {} a {}, not a {}",
        long(m.start),
        tense_word(cx, m.start),
        weekday_name(actual),
        weekday_name(w.day)
    );
    let mut fixes = Vec::new();
    if let Some(g) = m.gloss.as_ref().filter(|g| g.start == g.end) {
        message.push_str(&format!(
            "; the {} {} the text's date ({}) {} {}",
            weekday_name(w.day),
            if g.start <= cx.date.date {
                "before"
            } else {
                "after"
            },
            long(cx.date.date),
            tense_word(cx, g.start),
            long(g.start)
        ));
        if let Some(date) = in_form(g.start, m.written.form, m.written.year) {
            fixes.push(splice(cx, m, m.written.span.clone(), &date));
        }
    }
    let weekday = weekday_like(actual, &cx.text[w.span.clone()]);
    fixes.push(splice(cx, m, w.span.clone(), &weekday));
    let mut finding =
        Finding::new(&RELATIVE_MISMATCH, m.span.clone(), message).with_subject(subject(cx, m));
    for fix in fixes.into_iter().flatten() {
        finding = finding.with_fix(Fix::replace_with(fix));
    }
    out.push(finding);
}

/// The mention's text with `part` replaced by `with`.
fn splice(
    cx: &Context,
    m: &DateMention,
    part: std::ops::Range<usize>,
    with: &str,
) -> Option<String> {
    let before = cx.text.get(m.span.start..part.start)?;
    let after = cx.text.get(part.end..m.span.end)?;
    Some(format!("{before}{with}{after}"))
}

/// `date/relative-mismatch` for a relative day explained by a date that is not that day:
/// "yesterday (22 September)" in a text dated 24 September.
pub fn check_gloss(cx: &Context, m: &DateMention, out: &mut Output) {
    let Some(g) = &m.gloss else {
        return;
    };
    if matches!(g.relative, Relative::Weekday(..)) || undated(cx) {
        return; // a weekday explained by a date is checked by its weekday
    }
    if g.start <= m.start && m.end <= g.end {
        return;
    }
    let said = cx.text.get(g.span.clone()).unwrap_or("");
    let message = format!(
        "'{said}' in a text dated {} {} {}, not {}",
        long(cx.date.date),
        tense_word(cx, g.start),
        long(g.start),
        long(m.start)
    );
    let mut finding =
        Finding::new(&RELATIVE_MISMATCH, m.span.clone(), message).with_subject(subject(cx, m));
    if let Some(date) = in_form(g.start, m.written.form, m.written.year)
        && let Some(fix) = splice(cx, m, m.written.span.clone(), &date)
    {
        finding = finding.with_fix(Fix::replace_with(fix));
    }
    out.push(finding);
}

/// `date/invalid`. The finding's subject is the month the text names (a day of it does not
/// exist, the month does).
pub fn check_invalid(cx: &Context, d: &InvalidDate, out: &mut Output) {
    let month = month_name(d.month);
    let written = match d.year {
        Some(y) => format!("{} {month} {y}", d.day),
        None => format!("{} {month}", d.day),
    };
    let reason = match (d.month, d.year) {
        (2, Some(y)) if d.day == 29 => format!("{y} is not a leap year"),
        (2, _) => "February has 28 days, 29 in a leap year".to_string(),
        (m, _) if m > 12 => "there are 12 months".to_string(),
        _ => {
            let days = Date::new(2024, d.month, 1).map_or(30, |first| first.days_in_month());
            format!("{month} has {days} days")
        }
    };
    let mut finding = Finding::new(
        &INVALID,
        d.span.clone(),
        format!("{written} does not exist: {reason}"),
    );
    let year = d.year.unwrap_or(cx.date.date.year());
    if let Ok(first) = Date::new(year, d.month, 1) {
        finding = finding.with_subject(Subject::Date {
            start: first,
            end: first.last_of_month(),
            relative: false,
            note: format!("no such day: {written} does not exist"),
        });
    }
    out.push(finding);
}

/// `date/ambiguous`: "03/04/2021".
pub fn check_ambiguous(cx: &Context, m: &DateMention, out: &mut Output) {
    let Form::Numeric(NumericOrder::Ambiguous { other }) = m.written.form else {
        return;
    };
    let written = cx.text.get(m.written.span.clone()).unwrap_or("");
    let style = match cx.settings.date_format {
        DateFormat::Mdy => Form::MonthDay,
        DateFormat::Iso => Form::Iso,
        DateFormat::Dmy | DateFormat::Any => Form::DayMonth,
    };
    let message = format!(
        "'{written}' reads as {} or as {}: write the month as a word or use ISO 8601",
        long(m.start),
        long(other)
    );
    let mut finding =
        Finding::new(&AMBIGUOUS, m.written.span.clone(), message).with_subject(subject(cx, m));
    for d in [m.start, other] {
        if let Some(fix) = in_form(d, style, true) {
            finding = finding.with_fix(Fix::replace_with(fix));
        }
    }
    out.push(finding);
}

/// Verbs that tell of an event having happened on a date.
const EVENT_VERBS: &[&str] = &[
    "met",
    "held",
    "visited",
    "signed",
    "convened",
    "hosted",
    "attended",
    "addressed",
    "concluded",
    "opened",
    "closed",
    "arrived",
    "travelled",
    "traveled",
    "returned",
    "spoke",
    "talked",
    "telephoned",
    "adopted",
    "launched",
    "took",
    "gathered",
    "discussed",
    "agreed",
    "exchanged",
    "departed",
    "landed",
    "received",
    "toured",
    "inaugurated",
    "ended",
    "began",
    "started",
    "called",
    "paid",
    "chaired",
    "elected",
    "appointed",
    "resigned",
];

/// Words just before a verb that make it no past event ("will be held", "to be signed").
const NOT_YET: &[&str] = &[
    "will",
    "would",
    "shall",
    "should",
    "could",
    "might",
    "may",
    "must",
    "can",
    "to",
    "be",
    "being",
    "expected",
    "scheduled",
    "planned",
    "due",
];

/// Prepositions that tie a date to the verb before it ("met on", "held in").
const ATTACHING: &[&str] = &["on", "in", "from", "between", "during"];

/// Punctuation across which a verb is not looked for.
fn clause_break(t: &Token) -> bool {
    t.kind == Kind::Punct && !matches!(t.text, "." | "-" | "'" | "’")
}

fn is_event_verb(t: &Token) -> bool {
    t.kind == Kind::Word && t.is_lowercase() && EVENT_VERBS.contains(&t.text)
}

fn not_yet(tokens: &[Token], verb: usize) -> bool {
    (verb.saturating_sub(2)..verb).any(|k| {
        tokens[k].kind == Kind::Word
            && NOT_YET
                .iter()
                .any(|w| tokens[k].text.eq_ignore_ascii_case(w))
    })
}

/// Lowercase words that may stand between an event verb and its date: "met in New York on",
/// "held talks on", "took office on".
const VERB_TO_DATE: &[&str] = &[
    "in",
    "at",
    "the",
    "a",
    "an",
    "talks",
    "meetings",
    "meeting",
    "visit",
    "consultations",
    "discussions",
    "agreement",
    "office",
    "place",
    "virtually",
    "there",
    "together",
    "again",
    "bilaterally",
    "formally",
    "officially",
];

/// Whether the mention at tokens `first..end` is the date of an event told in the past: a
/// past event verb, then a preposition, then the date ("met on 28 September", "was held in
/// Rome on 30 October"); or, when `opens` (the date opens its sentence after "On" or "In"),
/// the date and then a past event verb ("On 28 September, the ministers met").
pub fn told_in_past(tokens: &[Token], first: usize, end: usize, opens: bool) -> bool {
    let mut j = first;
    if j > 0 && tokens[j - 1].is_word("the") {
        j -= 1;
    }
    // A lowercase preposition: a capital one opens its sentence and ties to nothing before.
    let prep_before = j > 0 && tokens[j - 1].is_any_word(ATTACHING) && tokens[j - 1].is_lowercase();
    if prep_before && !tokens[j].break_before {
        let prep = j - 1;
        for v in (prep.saturating_sub(6)..prep).rev() {
            let t = &tokens[v];
            if tokens[v + 1].break_before {
                break;
            }
            if is_event_verb(t) {
                return !not_yet(tokens, v);
            }
            let place = t.kind == Kind::Word && t.is_capitalised();
            let filler = t.kind == Kind::Word && VERB_TO_DATE.contains(&t.text);
            // The full stops of "U.S." but not the end of a sentence.
            let initial = t.is_punct('.') && v > 0 && tokens[v - 1].text.len() == 1;
            if !(place || filler || initial) {
                break;
            }
        }
    }
    if opens {
        for (v, t) in tokens.iter().enumerate().skip(end).take(12) {
            if t.break_before || (clause_break(t) && !t.is_punct(',')) {
                break;
            }
            if t.kind == Kind::Word && NOT_YET.iter().any(|w| t.text.eq_ignore_ascii_case(w)) {
                return false;
            }
            if is_event_verb(t) {
                return !not_yet(tokens, v);
            }
        }
    }
    false
}

/// `date/after-document-date`.
pub fn check_after_document(cx: &Context, tokens: &[Token], m: &DateMention, out: &mut Output) {
    if m.relative || m.gloss.is_some() || m.start <= cx.date.date {
        return;
    }
    if m.basis == Basis::YearFromDocument && undated(cx) {
        return;
    }
    let first = tokens.partition_point(|t| t.span.start < m.span.start);
    let end = tokens.partition_point(|t| t.span.start < m.span.end);
    if first >= tokens.len() {
        return;
    }
    // Only a date that opens the sentence by itself or after "On"/"In" dates its main verb
    // ("By 2030, the countries agreed ..." sets a deadline, not the date of the agreement).
    let opens = m.sets_context
        && (first == 0
            || tokens[first - 1].kind == Kind::Punct
            || tokens[first - 1].is_any_word(&["on", "in"]));
    if !told_in_past(tokens, first, end, opens) {
        return;
    }
    let message = format!(
        "told in the past tense, but {} is after the document's date, {} (from the {})",
        describe_interval(m),
        long(cx.date.date),
        source_words(cx)
    );
    out.push(
        Finding::new(&AFTER_DOCUMENT_DATE, m.written.span.clone(), message)
            .with_subject(subject(cx, m)),
    );
}

fn describe_interval(m: &DateMention) -> String {
    if m.start == m.end {
        long(m.start)
    } else {
        format!("{} – {}", long(m.start), long(m.end))
    }
}

fn source_words(cx: &Context) -> &'static str {
    use crate::rules::DateSource;
    match cx.date.source {
        DateSource::Option => "--date option",
        DateSource::Config => "configuration",
        DateSource::FrontMatter => "front matter",
        DateSource::Dateline => "dateline",
        DateSource::Filename => "file name",
        DateSource::Today => "clock: no date was found in the document",
    }
}
