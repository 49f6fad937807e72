//! Dates: finding them in every form English reports use, resolving them against the
//! document's date, and the `date/*` rules.

mod calendar;
pub mod find;
mod format;
pub mod model;
mod ordinal;
pub mod parse;
mod relative;
pub mod sessions;
mod tense;
pub(crate) mod tokens;
pub mod write;

pub use find::DateScan;
pub use model::{DateMention, Precision};

use super::{Check, Context, Decision, Facts, Last, Output, Paragraphs, RuleInfo, Severity};
use crate::registry::Registry;
use jiff::civil::Date;

pub static INVALID: RuleInfo = RuleInfo {
    id: "date/invalid",
    severity: Severity::Error,
    summary: "a date that does not exist",
    explanation: "30 days hath September: '31 September 2021' and '29 February 2023' never were. \
A day that exists in no year ('31 September') is reported with or without its year; '29 \
February' without a year is left alone, since it exists in leap years.",
    wrong: "The agreement was signed on 31 September 2021.",
    right: "The agreement was signed on 30 September 2021.",
    example_date: "2021-10-05",
};

pub static WEEKDAY_MISMATCH: RuleInfo = RuleInfo {
    id: "date/weekday-mismatch",
    severity: Severity::Error,
    summary: "a weekday that does not match its date",
    explanation: "'Thursday, 24 September 2021': 24 September 2021 was a Friday. One of the two \
is wrong; the fix replaces the weekday, which is the more common slip. A date written without \
its year takes the document's (the nearest sensible one); in a text with no date of its own \
such dates are not checked.",
    wrong: "The meeting took place on Thursday, 24 September 2021.",
    right: "The meeting took place on Friday, 24 September 2021.",
    example_date: "2021-09-27",
};

pub static RELATIVE_MISMATCH: RuleInfo = RuleInfo {
    id: "date/relative-mismatch",
    severity: Severity::Warning,
    summary: "a relative day that disagrees with an explicit date or the dateline",
    explanation: "'On Thursday (22 September)' in a report dated Friday 24 September 2021: the \
Thursday before the report was the 23rd, and 22 September was a Wednesday; the fixes offer \
either. Also 'yesterday (22 September)' and 'today (Thursday)' against the document's date. \
A relative day alone ('on Thursday') is never wrong: it is resolved (told in the past, the \
Thursday on or before the document's date; in the future, on or after) and shown on hover.",
    wrong: "On Thursday (22 September), the ministers met in New York.",
    right: "On Thursday (23 September), the ministers met in New York.",
    example_date: "2021-09-24",
};

pub static ORDINAL_MISMATCH: RuleInfo = RuleInfo {
    id: "date/ordinal-mismatch",
    severity: Severity::Error,
    summary: "a numbered session or meeting that does not fit its year or place",
    explanation: "Numbered series run on a calendar: the 76th session of the UN General Assembly \
opened in September 2021, COP26 was held in Glasgow. Reported, with the right number: a place \
that is another session's ('COP27 in Glasgow'); a date written with the session that is not its \
date ('the 48th session of the Human Rights Council, held in March 2021'); the General \
Assembly session that ended before the text's date, named with nothing that shows it is meant \
('President of', 'last', 'resolution' ...); a session told as past or going on before it \
opened ('attended COP27' in 2021). A 'COP' near words of another convention (biodiversity, \
CBD, desertification ...) or placed at one of their venues is left alone.",
    wrong: "The minister addressed the 75th session of the UN General Assembly.",
    right: "The minister addressed the 76th session of the UN General Assembly.",
    example_date: "2021-09-24",
};

pub static AFTER_DOCUMENT_DATE: RuleInfo = RuleInfo {
    id: "date/after-document-date",
    severity: Severity::Warning,
    summary: "an event told in the past tense, dated after the document",
    explanation: "'The ministers met on 28 September 2021' in a report dated 24 September 2021 \
tells of the future in the past tense: the date or the report's date is wrong. Only a date tied \
to a past event verb is reported ('met on', 'was held in Rome on', 'On 28 September, the \
ministers met'); 'will meet', 'to be held', 'agreed to meet in 2022' and deadlines ('by 2030') \
are not.",
    wrong: "The ministers met on 28 September 2021 in New York.",
    right: "The ministers met on 22 September 2021 in New York.",
    example_date: "2021-09-24",
};

pub static FORMAT: RuleInfo = RuleInfo {
    id: "date/format",
    severity: Severity::Info,
    summary: "dates written in mixed styles, or not in the configured style",
    explanation: "A document that writes '24 September 2021' in one place and 'September 24, \
2021' in another looks careless: the style written less often is reported (on a tie, the one \
written second), with the date rewritten as a fix. With `date_format` set in config (dmy, mdy, \
iso), every date in another style is reported.",
    wrong: "They met on 24 September 2021 and again on September 26, 2021.",
    right: "They met on 24 September 2021 and again on 26 September 2021.",
    example_date: "2021-09-27",
};

pub static AMBIGUOUS: RuleInfo = RuleInfo {
    id: "date/ambiguous",
    severity: Severity::Warning,
    summary: "an all-numeric date that reads two ways",
    explanation: "'03/04/2021' is 3 April in Europe and March 4 in the United States. Write the \
month as a word, or use ISO 8601 (2021-04-03); the fixes offer both readings. Dates with dots \
('03.04.2021') are read day first and not reported.",
    wrong: "The talks resumed on 03/04/2021.",
    right: "The talks resumed on 3 April 2021.",
    example_date: "2021-05-01",
};

pub static RULES: &[&RuleInfo] = &[
    &INVALID,
    &WEEKDAY_MISMATCH,
    &RELATIVE_MISMATCH,
    &ORDINAL_MISMATCH,
    &AFTER_DOCUMENT_DATE,
    &FORMAT,
    &AMBIGUOUS,
];

/// Every date mention of `text`, resolved against the document's date.
pub fn find_dates(text: &str, document_date: Date) -> Vec<DateMention> {
    find::scan(text, document_date).mentions
}

/// The interval a sentence sets for itself, if it opens with a date ("In 2015, ...").
pub fn sentence_date(cx: &Context, offset: usize) -> Option<(Date, Date)> {
    let sentence = cx.sentence(offset);
    let dates = cx.dates();
    // The mentions are in text order, and one that dates its sentence opens it: look only
    // at those near the sentence's start.
    let first = dates.partition_point(|d| d.span.start < sentence.start);
    let opening = sentence.start + find::MAX_CONTEXT_LEAD;
    dates[first..]
        .iter()
        .take_while(|d| d.span.start <= opening.min(offset))
        .find(|d| d.sets_context && d.span.end <= offset)
        .map(|d| (d.start, d.end))
}

/// The `date/*` rules: each date the finder found is held against the calendar and the
/// document's date, the document's dates against each other, and numbered sessions against
/// the registry's series.
pub struct DateCheck {
    sessions: sessions::Sessions,
}

impl DateCheck {
    pub fn new(registry: &Registry) -> DateCheck {
        DateCheck {
            sessions: sessions::Sessions::new(registry),
        }
    }
}

impl Check for DateCheck {
    fn rules(&self) -> &'static [&'static RuleInfo] {
        RULES
    }

    /// Every date of the paragraph against the calendar and the document's date, and its
    /// numbered sessions; the styles its dates are written in are kept for
    /// [`decide`](Check::decide), which compares them across the document.
    fn scan(&self, cx: &Context, out: &mut Output) -> Option<Facts> {
        let tokens = cx.tokens();
        let found = cx.date_scan();
        for m in &found.mentions {
            out.annotate(m.span.clone(), calendar::subject(cx, m));
            calendar::check_weekday(cx, m, out);
            calendar::check_gloss(cx, m, out);
            calendar::check_ambiguous(cx, m, out);
            calendar::check_after_document(cx, tokens, m, out);
        }
        for invalid in &found.invalid {
            calendar::check_invalid(cx, invalid, out);
        }
        ordinal::check_sessions(&self.sessions, cx, tokens, out);
        format::scan_styles(cx, out)
    }

    /// `date/format` across the document, from the styles each paragraph wrote its dates in.
    fn decide_paragraphs(
        &self,
        cx: &Context,
        paragraphs: &Paragraphs<'_>,
        last: Option<Last<'_>>,
    ) -> Decision {
        format::decide_styles(cx, paragraphs, last)
    }
}

#[cfg(test)]
mod tests;
