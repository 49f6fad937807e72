//! `date/ordinal-mismatch`: a numbered session, conference or summit that does not fit the
//! date of its text, a date written with it, or the place named with it.
//!
//! Reports name past and coming sessions all the time ("the President of the 75th session
//! handed over ..."), so the rule is narrow: it speaks when the place named is another
//! session's ("COP27 in Glasgow"), when a date written with the session is not its date
//! ("the 48th session, held in March 2021"), when the text's date falls in the next or the
//! previous session of a series that is always in session ("addressed the 75th session of
//! the UN General Assembly" in September 2021), or when a session is told as past before it
//! opened.

use super::ORDINAL_MISMATCH;
use super::model::{Basis, DateMention};
use super::relative::add_days;
use super::sessions::{NumberForm, SeriesIndex, SessionMention, Sessions};
use super::tense::{Tense, tense_of};
use super::tokens::{Kind, Token};
use super::write::ordinal;
use super::write::{long, range};
use crate::registry::SeriesItem;
use crate::rules::{Context, Finding, Fix, Output, Subject};
use crate::text::fold;
use jiff::civil::Date;

/// Words that show a "COP" of another convention (biodiversity, desertification, CITES ...).
const OTHER_CONVENTIONS: &[&str] = &[
    "biodiversity",
    "biological diversity",
    "cbd",
    "desertification",
    "unccd",
    "cites",
    "wetlands",
    "ramsar",
    "basel",
    "rotterdam",
    "stockholm convention",
    "minamata",
    "kunming",
    "nature",
    "species",
    "wildlife",
    "land degradation",
    "drought",
    "cartagena",
    "nagoya",
    "mercury",
    "endangered",
    "tobacco",
    "fctc",
    "cms",
    "migratory",
];

/// Words that show the climate convention.
const CLIMATE: &[&str] = &[
    "climate",
    "unfccc",
    "paris agreement",
    "kyoto",
    "emissions",
    "net zero",
    "net-zero",
    "global warming",
    "carbon",
];

/// Cities that hosted conferences of other conventions called "COP": a "COP" placed there is
/// most likely theirs, so its place is not held against the climate COPs.
const OTHER_VENUES: &[&str] = &[
    "montreal",
    "kunming",
    "cali",
    "riyadh",
    "abidjan",
    "new delhi",
    "ordos",
    "sharm el sheikh",
    "cancun",
    "pyeongchang",
    "hyderabad",
    "nagoya",
    "bonn",
    "curitiba",
    "kuala lumpur",
    "the hague",
    "nairobi",
    "panama city",
    "geneva",
    "johannesburg",
    "bangkok",
    "changwon",
    "wuhan",
    "victoria falls",
    "punta del este",
    "doha",
];

/// Words that show a session other than the current one is meant on purpose.
const NEIGHBOUR_MARKERS: &[&str] = &[
    "last",
    "previous",
    "preceding",
    "past",
    "former",
    "prior",
    "outgoing",
    "incoming",
    "next",
    "upcoming",
    "forthcoming",
    "coming",
    "future",
    "then",
    "president",
    "presidency",
    "pga",
    "until",
    "since",
    "ahead",
    "after",
    "before",
    "ended",
    "closing",
    "closed",
    "resumed",
    "preparation",
    "preparations",
    "prepare",
    "preparing",
    "will",
    "would",
    "ago",
    "during",
    "adopted",
    "resolution",
    "resolutions",
    "decision",
    "elected",
];

/// Verbs before a session that tell of it as past: "addressed the 77th session".
const ATTENDED: &[&str] = &[
    "attended",
    "addressed",
    "chaired",
    "opened",
    "closed",
    "concluded",
    "hosted",
];

/// Words after a session that tell of it as past: "COP27 was held".
const WAS_HELD: &[&str] = &["held", "opened", "closed", "concluded", "ended", "convened"];

/// Words after a session that end its phrase ("attended COP27 in Egypt").
const PHRASE_ENDS: &[&str] = &[
    "in", "at", "on", "and", "or", "with", "where", "which", "that", "as", "to", "for", "from",
    "last", "this", "when", "while", "but",
];

pub fn check_sessions(sessions: &Sessions, cx: &Context, tokens: &[Token], out: &mut Output) {
    let found = sessions.find(tokens);
    for (k, m) in found.iter().enumerate() {
        let series = &sessions.series[m.series];
        let subject = Subject::Session {
            series: series.id.clone(),
            number: m.number,
        };
        out.annotate(m.span.clone(), subject.clone());
        let Some(item) = series.item(m.number) else {
            continue;
        };
        let sentence = cx.sentence(m.span.start);
        let nearby = fold(nearby_text(cx.text, &sentence, &m.span));
        if !applies(series, m.number, &nearby) {
            continue;
        }
        // The sessions are in text order: those of the sentence stand around `k`.
        let first = found.partition_point(|o| o.span.start < sentence.start);
        let others_in_sentence = found[first..]
            .iter()
            .take_while(|o| o.span.start < sentence.end)
            .enumerate()
            .any(|(j, o)| first + j != k && o.series == m.series && o.number != m.number);
        let finding = wrong_place(series, m, item, tokens, cx)
            .or_else(|| wrong_written_date(series, m, item, tokens, cx))
            .or_else(|| {
                (!others_in_sentence)
                    .then(|| neighbour_session(series, m, item, (&nearby, &sentence), cx))
                    .flatten()
            })
            .or_else(|| told_before_it_opened(series, m, item, tokens, cx));
        if let Some(finding) = finding {
            out.push(finding.with_subject(subject));
        }
    }
}

/// How far around a session words are looked for that tell what it is.
const NEARBY_BYTES: usize = 300;

/// The text of the sentence within `NEARBY_BYTES` of the span.
fn nearby_text<'t>(
    text: &'t str,
    sentence: &std::ops::Range<usize>,
    span: &std::ops::Range<usize>,
) -> &'t str {
    let start = sentence.start.max(span.start.saturating_sub(NEARBY_BYTES));
    let end = sentence.end.min(span.end + NEARBY_BYTES).min(text.len());
    let start = text.floor_char_boundary(start);
    let end = text.ceil_char_boundary(end);
    text.get(start..end).unwrap_or("")
}

/// Whether the series is meant: a "COP" near words of another convention is not the climate
/// one, and low COP numbers are shared with other conventions unless the climate is named.
fn applies(series: &SeriesIndex, number: u32, nearby: &str) -> bool {
    if series.id != "cop" {
        return true;
    }
    let has = |words: &[&str]| words.iter().any(|w| contains_word(nearby, w));
    if has(OTHER_CONVENTIONS) {
        return false;
    }
    number > 20 || has(CLIMATE)
}

/// `needle` stands in `haystack` as a whole word (or words).
fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The number replaced in the mention's number span: "76th", "COP26".
fn number_fix(cx: &Context, m: &SessionMention, number: u32) -> Fix {
    let replacement = match m.form {
        NumberForm::Ordinal => ordinal(number),
        NumberForm::Compact => {
            let written = cx.text.get(m.number_span.clone()).unwrap_or("");
            let prefix = written.trim_end_matches(|c: char| c.is_ascii_digit());
            format!("{prefix}{number}")
        }
    };
    Fix::replace_with(replacement)
}

fn finding(cx: &Context, m: &SessionMention, message: String, fix: Option<u32>) -> Finding {
    let f = Finding::new(&ORDINAL_MISMATCH, m.number_span.clone(), message);
    match fix {
        Some(n) if n != m.number => f.with_fix(number_fix(cx, m, n)),
        _ => f,
    }
}

/// "from 31 October to 13 November 2021".
/// "ran from 31 October to 13 November 2021", "opens on 10 November 2025", in the tense
/// that the document's date gives it.
fn when(series: &SeriesIndex, item: &SeriesItem, cx: &Context) -> String {
    let (start, end) = series.interval(item);
    let today = cx.date.date;
    let open_ended = item.end.is_none() && !series.contiguous;
    if start == end && !open_ended {
        let verb = if start <= today {
            "was held"
        } else {
            "is to be held"
        };
        return format!("{verb} on {}", long(start));
    }
    if start == end || open_ended {
        let verb = if start <= today { "opened" } else { "opens" };
        return format!("{verb} on {}", long(start));
    }
    let verb = if end < today {
        "ran"
    } else if start <= today {
        "runs"
    } else {
        "is to run"
    };
    format!("{verb} {}", range(start, end))
}

/// The interval within which a date written with the session must fall: its days, with a
/// day's slack, and some weeks when its last day is not known.
fn loose_interval(series: &SeriesIndex, item: &SeriesItem) -> (Date, Date) {
    let (start, end) = series.interval(item);
    let end = if item.end.is_none() && !series.contiguous {
        add_days(start, 60).unwrap_or(end)
    } else {
        end
    };
    (
        add_days(start, -1).unwrap_or(start),
        add_days(end, 1).unwrap_or(end),
    )
}

/// "COP27 in Glasgow": the place named after the session is another session's.
fn wrong_place(
    series: &SeriesIndex,
    m: &SessionMention,
    item: &SeriesItem,
    tokens: &[Token],
    cx: &Context,
) -> Option<Finding> {
    let window = m.tokens.end..(m.tokens.end + 8).min(tokens.len());
    let at = window.clone().find(|&k| {
        let t = &tokens[k];
        t.is_word("in") || t.is_word("at")
    })?;
    let stops = (window.start..at).any(|k| {
        let t = &tokens[k];
        t.break_before || (t.kind == Kind::Punct && !t.is_punct(','))
    });
    if stops {
        return None;
    }
    let place = series.place_at(tokens, at + 1)?;
    let held_there = series.items_at(place);
    if held_there.contains(&m.number) || held_there.is_empty() {
        return None;
    }
    let place_name = place.join(" ");
    if series.id == "cop" && OTHER_VENUES.contains(&place_name.as_str()) {
        return None;
    }
    let there: Vec<String> = held_there.iter().map(|n| series.describe(*n)).collect();
    let own_place = item.place.as_deref().unwrap_or("elsewhere");
    let message = format!(
        "{} was held in {} ({}); {} {} in {}",
        there.join(" and "),
        written_place(cx, tokens, at + 1, place.len()),
        year_of(series, held_there[0]),
        series.describe(m.number),
        when(series, item, cx),
        own_place
    );
    let fix = (held_there.len() == 1).then(|| held_there[0]);
    Some(finding(cx, m, message, fix))
}

/// The place as written in the text.
fn written_place(cx: &Context, tokens: &[Token], k: usize, words: usize) -> String {
    let mut last = k;
    let mut seen = 0;
    while seen < words && last < tokens.len() {
        if tokens[last].kind != Kind::Punct {
            seen += 1;
        }
        last += 1;
    }
    let span = tokens[k].span.start..tokens[last.max(k + 1) - 1].span.end;
    cx.text.get(span).unwrap_or("").to_string()
}

fn year_of(series: &SeriesIndex, number: u32) -> String {
    series
        .item(number)
        .map_or(String::new(), |i| i.start.year().to_string())
}

/// Connecting words between a session and a date written with it ("COP26, held in
/// Glasgow in November 2021").
const DATE_LINKS: &[&str] = &[
    "in", "on", "of", "held", "which", "was", "were", "that", "took", "place", "taking", "from",
    "during", "the",
];

/// "the 48th session, held in March 2021": the date written with the session is not its date.
fn wrong_written_date(
    series: &SeriesIndex,
    m: &SessionMention,
    item: &SeriesItem,
    tokens: &[Token],
    cx: &Context,
) -> Option<Finding> {
    let dates = cx.dates();
    let after = dates.partition_point(|d| d.span.start < m.span.end);
    // A year the text does not write is inferred, and a session may be of another year.
    let known = |d: &&DateMention| match d.basis {
        Basis::Written => true,
        Basis::Relative(_) => !super::calendar::undated(cx),
        Basis::YearFromDocument => false,
    };
    let date = dates.get(after).filter(known).filter(|d| {
        let between = m.tokens.end..tokens.partition_point(|t| t.span.start < d.span.start);
        between.len() <= 8
            && between.clone().all(|k| {
                let t = &tokens[k];
                !t.break_before
                    && (t.is_punct(',')
                        || t.is_punct('(')
                        || t.is_any_word(DATE_LINKS)
                        || (t.kind == Kind::Word && t.is_capitalised()))
            })
    })?;
    let (from, to) = loose_interval(series, item);
    if date.overlaps(from, to) {
        return None;
    }
    let fits: Vec<u32> = series
        .items
        .iter()
        .filter(|i| {
            let (a, b) = series.interval(i);
            date.overlaps(a, b)
        })
        .map(|i| i.number)
        .collect();
    let written = cx.text.get(date.span.clone()).unwrap_or("");
    let message = format!(
        "{} {}, not in {written}{}",
        series.describe(m.number),
        when(series, item, cx),
        match fits.as_slice() {
            [n] => format!(": that was {}", series.describe(*n)),
            _ => String::new(),
        }
    );
    let fix = (fits.len() == 1).then(|| fits[0]);
    Some(finding(cx, m, message, fix))
}

/// "addressed the 75th session of the UN General Assembly" in September 2021: in a series
/// that is always in session, the session before the one of the text's date, named with
/// nothing that shows it is meant ("last", "President of", "resolution" ...).
fn neighbour_session(
    series: &SeriesIndex,
    m: &SessionMention,
    item: &SeriesItem,
    (nearby, sentence_span): (&str, &std::ops::Range<usize>),
    cx: &Context,
) -> Option<Finding> {
    let own_date = cx.sentence_date(m.span.start).is_some();
    if !series.contiguous || (super::calendar::undated(cx) && !own_date) {
        return None;
    }
    let (from, to) = cx.date_at(m.span.start);
    let current = series.items.iter().find(|i| {
        let (a, b) = series.interval(i);
        a <= from && to <= b && (i.end.is_some() || i.number == m.number + 1)
    })?;
    // Only the session just ended: the next one is mostly spoken of as to come, and is
    // caught when told as past (`told_before_it_opened`).
    if current.number != m.number + 1 {
        return None;
    }
    if NEIGHBOUR_MARKERS.iter().any(|w| contains_word(nearby, w)) {
        return None;
    }
    let (a, b) = series.interval(item);
    let dates = cx.dates();
    let first = dates.partition_point(|d| d.span.start < sentence_span.start);
    let dated_otherwise = dates[first..]
        .iter()
        .take_while(|d| d.span.start < sentence_span.end)
        .any(|d| !d.relative && d.overlaps(a, b));
    if dated_otherwise {
        return None;
    }
    let whose = if own_date {
        "the date of this sentence"
    } else {
        "the document's date"
    };
    let message = format!(
        "{} {}; on {} ({whose}) {} was in session",
        series.describe(m.number),
        when(series, item, cx),
        long(from),
        series.describe(current.number)
    );
    Some(finding(cx, m, message, Some(current.number)))
}

/// "attended COP27" in a text of 2021, "on the sidelines of UNGA77" in September 2021: told
/// as past or present before it opened.
fn told_before_it_opened(
    series: &SeriesIndex,
    m: &SessionMention,
    item: &SeriesItem,
    tokens: &[Token],
    cx: &Context,
) -> Option<Finding> {
    let (_, to) = cx.date_at(m.span.start);
    if to >= item.start {
        return None;
    }
    let mut before = m.tokens.start;
    if before > 0 && tokens[before - 1].is_word("the") {
        before -= 1;
    }
    // "attended the 16th G20 summit preparations": the session only qualifies a noun.
    let qualifies = tokens
        .get(m.tokens.end)
        .is_some_and(|t| t.kind == Kind::Word && !t.is_any_word(PHRASE_ENDS));
    let verb_before = before > 0 && !qualifies && {
        let v = &tokens[before - 1];
        v.is_any_word(ATTENDED) && v.is_lowercase() && !not_yet_before(tokens, before - 1)
    };
    // "on the sidelines of UNGA77": going on at the text's date.
    let sidelines = before >= 2
        && tokens[before - 1].is_word("of")
        && tokens[before - 2].is_any_word(&["sidelines", "margins", "margin", "sideline"])
        && told_in(cx, tokens, m) != Tense::Future;
    let after = m.tokens.end;
    let held_after = tokens
        .get(after)
        .is_some_and(|t| t.is_any_word(&["was", "were"]))
        && tokens
            .get(after + 1)
            .is_some_and(|t| t.is_any_word(WAS_HELD))
        || tokens.get(after).is_some_and(|t| t.is_word("took"))
            && tokens.get(after + 1).is_some_and(|t| t.is_word("place"));
    if !(verb_before || held_after || sidelines) {
        return None;
    }
    let latest = series
        .items
        .iter()
        .filter(|i| i.start <= to)
        .max_by_key(|i| i.start);
    let message = format!(
        "told as past or present, but {} {}, after {}{}",
        series.describe(m.number),
        when(series, item, cx),
        long(to),
        latest.map_or(String::new(), |l| format!(
            "; the latest before was {}",
            series.describe(l.number)
        ))
    );
    Some(finding(cx, m, message, latest.map(|l| l.number)))
}

/// The tense in which the session is spoken of.
fn told_in(cx: &Context, tokens: &[Token], m: &SessionMention) -> Tense {
    let sentence = cx.sentence(m.span.start);
    let first = tokens.partition_point(|t| t.span.start < sentence.start);
    let end = tokens.partition_point(|t| t.span.start < sentence.end);
    tense_of(tokens, first..end, m.tokens.start, m.tokens.end)
}

fn not_yet_before(tokens: &[Token], verb: usize) -> bool {
    (verb.saturating_sub(2)..verb).any(|k| {
        tokens[k].is_any_word(&[
            "will", "would", "to", "be", "shall", "may", "might", "could",
        ])
    })
}
