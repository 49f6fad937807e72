//! The date finder: every date of a text in the forms English reports use, each resolved to a
//! calendar day or interval against the document's date.
//!
//! The text is cut into tokens; at each token the finder tries, in order, a relative day
//! ("yesterday", with a date that explains it), a weekday (with or without a date), an
//! explicit date (ISO, all-numeric, day-month, month-day, ranges, month and year), a relative
//! period ("next week") and a bare year after a preposition ("in 2015"). What is not clearly
//! a date is left alone: times ("6.15 p.m."), names ("Tokyo 2020", "Vision 2030", "Theresa
//! May"), numbers of resolutions and pages.

use super::model::{
    Basis, DateMention, Direction, Form, Gloss, InvalidDate, NumericOrder, Precision, Relative,
    Written, WrittenWeekday,
};
use super::parse::{may_be_month_or_weekday, month_from_word, weekday_from_word};
use super::relative::{choose_year, days_between, direction_for, resolve};
use super::tense::{Tense, tense_of};
use super::tokens::{Kind, Token, tokenize};
use jiff::civil::{Date, Weekday};
use std::ops::Range;

/// What the finder found: dates, and date-shaped texts that name no day.
#[derive(Debug, Default)]
pub struct DateScan {
    pub mentions: Vec<DateMention>,
    pub invalid: Vec<InvalidDate>,
}

/// Finds every date of `text` and resolves it against `doc`, the document's date.
pub fn scan(text: &str, doc: Date) -> DateScan {
    scan_tokens(text, doc, &crate::text::sentences(text), &tokenize(text))
}

/// [`scan`], with the text's `sentences` already cut and its `tokens` already read.
pub fn scan_tokens(
    text: &str,
    doc: Date,
    sentences: &[Range<usize>],
    tokens: &[Token<'_>],
) -> DateScan {
    let mut finder = Finder {
        text,
        tokens,
        sentences,
        doc,
        mentions: Vec::new(),
        invalid: Vec::new(),
        origin: std::cell::Cell::new(0),
    };
    finder.run();
    DateScan {
        mentions: finder.mentions,
        invalid: finder.invalid,
    }
}

/// A day, month and year as written; what is missing is filled in from the context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Ymd {
    year: Option<i16>,
    month: Option<i8>,
    day: Option<i8>,
}

/// An explicit date as read, before it is resolved.
#[derive(Debug, Clone)]
struct Parsed {
    /// Token indices, end exclusive.
    tokens: Range<usize>,
    form: Form,
    from: Ymd,
    /// The last day of a range ("21-23 September").
    to: Option<Ymd>,
    /// The other reading of an all-numeric date that reads two ways.
    other: Option<Ymd>,
}

/// How the year of a date written without one is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearHint {
    Tense(Tense),
    /// "this July": the document's year.
    This,
    /// "last July": the latest before the document's month.
    Last,
    /// "next July".
    Next,
}

/// A date resolved to the calendar.
struct Resolved {
    start: Date,
    end: Date,
    precision: Precision,
    basis: Basis,
    year_written: bool,
}

/// Words before a number that make it no date ("resolution 2231", "page 24").
const NUMBER_NOUNS: &[&str] = &[
    "resolution",
    "resolutions",
    "page",
    "pages",
    "p",
    "pp",
    "no",
    "nos",
    "number",
    "paragraph",
    "para",
    "article",
    "articles",
    "section",
    "chapter",
    "annex",
    "item",
    "rule",
    "room",
    "flight",
    "route",
    "highway",
    "decision",
];

/// Words after which a month alone ("in July") is a date.
const MONTH_LEADS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "through",
    "throughout",
    "during",
    "early",
    "late",
    "mid",
    "this",
    "last",
    "next",
    "before",
    "after",
    "between",
];

/// Words after which a bare number such as 2015 is a year ("in 2015", "by 2050").
const YEAR_LEADS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "through",
    "throughout",
    "during",
    "early",
    "late",
    "mid",
    "before",
    "after",
    "of",
    "between",
];

/// Lowercase words that may follow a year; any other lowercase word makes the number a
/// figure ("in 1500 cases").
const AFTER_YEAR: &[&str] = &[
    "and",
    "or",
    "to",
    "when",
    "as",
    "at",
    "in",
    "on",
    "for",
    "with",
    "was",
    "were",
    "is",
    "are",
    "has",
    "had",
    "have",
    "after",
    "before",
    "until",
    "but",
    "by",
    "from",
    "through",
    "while",
    "which",
    "that",
    "where",
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "its",
    "their",
    "his",
    "her",
    "there",
    "this",
    "these",
    "those",
    "onwards",
    "onward",
    "alone",
    "also",
    "already",
    "during",
    "amid",
    "against",
    "under",
    "following",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "did",
    "does",
    "not",
    "so",
    "then",
    "respectively",
    "compared",
    "levels",
    "level",
];

/// Words before a weekday that make it part of a name ("Good Friday Agreement").
const WEEKDAY_NAMES: &[&str] = &[
    "Good",
    "Black",
    "Cyber",
    "Super",
    "Holy",
    "Ash",
    "Maundy",
    "Bloody",
    "Easter",
    "Palm",
    "Whit",
    "Shrove",
    "Fat",
    "Plough",
    "Low",
    "Mothering",
    "Giving",
    "Man",
    "Girl",
];

/// Capitalised words after a weekday that make it part of a name ("the Sunday Times").
const WEEKDAY_NAMED: &[&str] = &[
    "Times",
    "Telegraph",
    "Express",
    "Mirror",
    "Post",
    "Herald",
    "Agreement",
    "Island",
    "Islands",
    "Mosque",
    "School",
];

/// How many bytes may stand before a date that dates its sentence (the longest lead with
/// room for quotes, brackets and a bullet).
pub const MAX_CONTEXT_LEAD: usize = 40;

/// What may stand between the start of a sentence and a date that dates the sentence ("By
/// 2030, ..." sets a deadline: what the sentence says of people holds on the document's date).
const CONTEXT_LEADS: &[&str] = &[
    "",
    "in",
    "on",
    "during",
    "earlier",
    "earlier in",
    "later",
    "later in",
    "back in",
    "as of",
    "at the end of",
    "at the start of",
    "at the beginning of",
    "in early",
    "in late",
    "in mid",
];

/// The words that open a relative day ("yesterday") or period ("next week", "this July").
const RELATIVE_OPENERS: &[&str] = &[
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "last",
    "next",
    "coming",
    "this",
];

/// Whether a word is one of [`RELATIVE_OPENERS`]: told by its first letter and length before
/// any is compared, as most words are none.
fn may_be_relative(t: &Token<'_>) -> bool {
    let opening = t.text.as_bytes().first().map(u8::to_ascii_lowercase);
    matches!(opening, Some(b't' | b'y' | b'l' | b'n' | b'c'))
        && (4..=9).contains(&t.text.len())
        && t.is_any_word(RELATIVE_OPENERS)
}

struct Finder<'t, 'a> {
    text: &'a str,
    tokens: &'t [Token<'a>],
    /// The byte ranges of the sentences, in order.
    sentences: &'t [Range<usize>],
    doc: Date,
    mentions: Vec<DateMention>,
    invalid: Vec<InvalidDate>,
    /// The token at which the current attempt starts: a paragraph break may stand before it,
    /// not inside what follows.
    origin: std::cell::Cell<usize>,
}

impl<'a> Finder<'_, 'a> {
    /// The token at `i` when it follows the previous one without a paragraph break (or
    /// starts the attempt).
    fn next(&self, i: usize) -> Option<&Token<'a>> {
        self.tokens
            .get(i)
            .filter(|t| i == self.origin.get() || !t.break_before)
    }

    /// The token at `i` when it follows the previous one without any space.
    fn glued(&self, i: usize) -> Option<&Token<'a>> {
        self.tokens.get(i).filter(|t| !t.space_before)
    }

    fn prev_word(&self, i: usize) -> Option<&Token<'a>> {
        let t = self.tokens.get(i.checked_sub(1)?)?;
        (!self.tokens[i].break_before && t.kind == Kind::Word).then_some(t)
    }

    fn span(&self, tokens: Range<usize>) -> Range<usize> {
        let start = self.tokens[tokens.start].span.start;
        let end = self.tokens[tokens.end - 1].span.end;
        start..end
    }

    fn run(&mut self) {
        let mut i = 0;
        while i < self.tokens.len() {
            if !self.may_open_date(i) {
                i += 1;
                continue;
            }
            self.origin.set(i);
            let found = self
                .relative_day(i)
                .or_else(|| self.weekday(i))
                .or_else(|| self.explicit_mention(i))
                .or_else(|| self.relative_period(i))
                .or_else(|| self.bare_year(i));
            i = match found {
                Some(end) if end > i => end,
                _ => i + 1,
            };
        }
        self.mark_context();
    }

    /// Whether a date may start at token `i`: a number, or a word that opens one of the forms
    /// [`run`](Self::run) tries (a month, a weekday, "yesterday", "next" ...). Most tokens
    /// open none, and are passed over without trying each form.
    fn may_open_date(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        match t.kind {
            Kind::Number | Kind::Ordinal => true,
            Kind::Punct => false,
            Kind::Word => may_be_month_or_weekday(t.text) || may_be_relative(t),
        }
    }

    // ----- tokens that make up dates -----

    /// A day of the month: "24", "24th", "1st".
    fn day_at(&self, i: usize) -> Option<i8> {
        let t = self.next(i)?;
        let ok = match t.kind {
            Kind::Number => t.text.len() <= 2,
            Kind::Ordinal => true,
            _ => false,
        };
        let d = t.number()?;
        (ok && (1..=31).contains(&d)).then_some(d as i8)
    }

    /// A month name or abbreviation; lowercase only for names that are no other word.
    fn month_at(&self, i: usize) -> Option<(i8, bool)> {
        let t = self.next(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        let month = month_from_word(t.text)?;
        let abbreviated = t.text.len() <= 4 && !t.is_any_word(&["may", "june", "july"]);
        let all_caps = t.text.chars().all(|c| c.is_ascii_uppercase());
        let cased =
            t.is_capitalised() && (all_caps || t.text.chars().skip(1).all(char::is_lowercase));
        let plain_word = t.is_any_word(&["may", "march", "august"]);
        (cased || (!abbreviated && !plain_word)).then_some((month, abbreviated))
    }

    /// A four-digit year, not glued to more digits.
    fn year_at(&self, i: usize) -> Option<i16> {
        let t = self.next(i)?;
        if t.kind != Kind::Number || t.text.len() != 4 {
            return None;
        }
        let y: i16 = t.text.parse().ok()?;
        ((1800..=2199).contains(&y) && !self.continues_number(i)).then_some(y)
    }

    /// The number at `i` goes on as a figure or time: "2,021", "6.15", "10:30", "50%".
    fn continues_number(&self, i: usize) -> bool {
        let Some(next) = self.glued(i + 1) else {
            return false;
        };
        if next.is_punct('%') {
            return true;
        }
        let joins = next.is_punct(',') || next.is_punct('.') || next.is_punct(':');
        joins && self.glued(i + 2).is_some_and(|t| t.kind == Kind::Number)
    }

    /// The number at `i` is glued to what comes before: "2.24", "$24", "1,24", "A24"; an
    /// opening bracket, quote or dash may stand glued before a date.
    fn glued_to_previous(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        if t.space_before || i == 0 {
            return false;
        }
        let prev = &self.tokens[i - 1];
        prev.kind != Kind::Punct
            || matches!(
                prev.text,
                "." | "," | "$" | "£" | "€" | "¥" | "/" | ":" | "-" | "+" | "#" | "№"
            )
    }

    /// Skips the full stop of an abbreviated month or weekday at `i` ("Sept.", "Thurs."); a
    /// full stop after a full name ends the sentence and is left alone.
    fn after_dot(&self, i: usize) -> usize {
        let abbreviated = self.tokens.get(i).is_some_and(|t| {
            let full = ["may", "june", "july", "march", "april"];
            t.text.len() <= 5 && !full.iter().any(|f| t.text.eq_ignore_ascii_case(f))
        });
        match self.glued(i + 1) {
            Some(t) if abbreviated && t.is_punct('.') => i + 2,
            _ => i + 1,
        }
    }

    /// Joins two dates into a range: a dash, "to", "until", "and" (after "between").
    fn range_connector(&self, i: usize, between: bool) -> bool {
        self.next(i).is_some_and(|t| {
            t.is_dash()
                || t.is_any_word(&["to", "until", "till", "through"])
                || (between && t.is_word("and"))
        })
    }

    fn after_between(&self, i: usize) -> bool {
        self.prev_word(i)
            .is_some_and(|w| w.is_any_word(&["between", "from"]))
    }

    fn weekday_at(&self, i: usize, full_only: bool) -> Option<Weekday> {
        let t = self.next(i)?;
        if t.kind != Kind::Word || !t.is_capitalised() || (full_only && t.text.len() < 6) {
            return None;
        }
        weekday_from_word(t.text)
    }

    // ----- explicit dates -----

    /// An explicit date starting at token `i`.
    fn explicit(&self, i: usize) -> Option<Parsed> {
        // Each form opens with a token of its own kind: tried only where it may stand.
        match self.tokens.get(i)?.kind {
            Kind::Number => self
                .iso(i)
                .or_else(|| self.numeric(i))
                .or_else(|| self.day_first(i)),
            Kind::Ordinal => self.day_first(i),
            Kind::Word => self.month_first(i),
            Kind::Punct => None,
        }
    }

    /// "2021-09-24".
    fn iso(&self, i: usize) -> Option<Parsed> {
        let y = self.next(i)?;
        let parts = [i + 1, i + 2, i + 3, i + 4].map(|j| self.glued(j));
        let [Some(d1), Some(m), Some(d2), Some(d)] = parts else {
            return None;
        };
        let shaped = y.kind == Kind::Number
            && y.text.len() == 4
            && d1.is_punct('-')
            && d2.is_punct('-')
            && [m, d]
                .iter()
                .all(|t| t.kind == Kind::Number && t.text.len() == 2);
        if !shaped || self.glued_to_previous(i) || self.continues_number(i + 4) {
            return None;
        }
        Some(Parsed {
            tokens: i..i + 5,
            form: Form::Iso,
            from: Ymd {
                year: Some(y.text.parse().ok()?),
                month: Some(m.number()? as i8),
                day: Some(d.number()? as i8),
            },
            to: None,
            other: None,
        })
    }

    /// "24/09/2021", "9/24/2021", "24.09.2021", "2021/09/24".
    fn numeric(&self, i: usize) -> Option<Parsed> {
        let a = self.next(i)?;
        let parts = [i + 1, i + 2, i + 3, i + 4].map(|j| self.glued(j));
        let [Some(s1), Some(b), Some(s2), Some(c)] = parts else {
            return None;
        };
        let numbers = [a, b, c].iter().all(|t| t.kind == Kind::Number);
        let sep = (s1.is_punct('/') && s2.is_punct('/')) || (s1.is_punct('.') && s2.is_punct('.'));
        if !numbers || !sep || self.glued_to_previous(i) || self.continues_number(i + 4) {
            return None;
        }
        if self.glued(i + 5).is_some_and(|t| t.is_punct('/')) {
            return None;
        }
        let (x, y, z) = (a.number()?, b.number()?, c.number()?);
        let ymd = |y: u32, m: u32, d: u32| Ymd {
            year: Some(y as i16),
            month: Some(m as i8),
            day: Some(d as i8),
        };
        let tokens = i..i + 5;
        if a.text.len() == 4 && s1.is_punct('/') {
            if !(1..=12).contains(&y) || !(1..=31).contains(&z) || b.text.len() > 2 {
                return None;
            }
            return Some(Parsed {
                tokens,
                form: Form::Numeric(NumericOrder::YearFirst),
                from: ymd(x, y, z),
                to: None,
                other: None,
            });
        }
        let short = a.text.len() <= 2 && b.text.len() <= 2 && c.text.len() == 4;
        if !short || !(1800..=2199).contains(&z) || x == 0 || y == 0 || x > 31 || y > 31 {
            return None;
        }
        let day_first = ymd(z, y, x);
        let month_first = ymd(z, x, y);
        // Dots are written day first ("24.09.2021"): no one writes the month first with them.
        if s1.is_punct('.') {
            return (y <= 12).then_some(Parsed {
                tokens,
                form: Form::Numeric(NumericOrder::DayFirst),
                from: day_first,
                to: None,
                other: None,
            });
        }
        let (from, order, other) = match (x <= 12, y <= 12) {
            (false, true) => (day_first, NumericOrder::DayFirst, None),
            (true, false) => (month_first, NumericOrder::MonthFirst, None),
            (true, true) if x == y => (day_first, NumericOrder::DayFirst, None),
            // Both readings are dates; the order is settled when resolved.
            (true, true) => (day_first, NumericOrder::DayFirst, Some(month_first)),
            (false, false) => return None,
        };
        Some(Parsed {
            tokens,
            form: Form::Numeric(order),
            from,
            to: None,
            other,
        })
    }

    /// "24 September 2021", "24th of September", "21-23 September 2021",
    /// "21 September to 3 October 2021".
    fn day_first(&self, i: usize) -> Option<Parsed> {
        let day = self.day_at(i)?;
        if self.glued_to_previous(i) || self.continues_number(i) || self.after_number_noun(i) {
            return None;
        }
        let between = self.after_between(i);
        // "21-23 September": a second day before the month.
        if self.range_connector(i + 1, between)
            && let Some(second) = self.day_at(i + 2)
            && let Some(mut p) = self.day_month_year(i + 2, second)
        {
            p.tokens.start = i;
            p.to = Some(p.from);
            p.from.day = Some(day);
            return (day < second).then_some(p);
        }
        let mut p = self.day_month_year(i, day)?;
        // "21 September to 3 October 2021", "Monday 27 September – Friday 1 October 2021".
        let j = p.tokens.end;
        let k = self.skip_weekday(j + 1);
        if self.range_connector(j, between)
            && p.from.year.is_none()
            && let Some(second) = self.day_at(k)
            && let Some(q) = self.day_month_year(k, second)
            && q.from.month != p.from.month
        {
            p.to = Some(q.from);
            p.tokens.end = q.tokens.end;
        }
        Some(p)
    }

    /// A day at `i`, then [of] month [year].
    fn day_month_year(&self, i: usize, day: i8) -> Option<Parsed> {
        let mut j = i + 1;
        let ordinal = self.tokens.get(i).is_some_and(|t| t.kind == Kind::Ordinal);
        if ordinal && self.next(j).is_some_and(|t| t.is_word("of")) {
            j += 1;
        }
        let (month, _) = self.month_at(j)?;
        j = self.after_dot(j);
        let (year, end) = self.year_after(j);
        Some(Parsed {
            tokens: i..end,
            form: Form::DayMonth,
            from: Ymd {
                year,
                month: Some(month),
                day: Some(day),
            },
            to: None,
            other: None,
        })
    }

    /// The token after a weekday (and its comma) at `i`, or `i`.
    fn skip_weekday(&self, i: usize) -> usize {
        if self.weekday_at(i, false).is_none() {
            return i;
        }
        let j = self.after_dot(i);
        if self.next(j).is_some_and(|t| t.is_punct(',')) {
            j + 1
        } else {
            j
        }
    }

    /// An optional year at `j`, after an optional comma.
    fn year_after(&self, j: usize) -> (Option<i16>, usize) {
        if let Some(y) = self.year_at(j) {
            return (Some(y), j + 1);
        }
        if self.next(j).is_some_and(|t| t.is_punct(','))
            && let Some(y) = self.year_at(j + 1)
        {
            return (Some(y), j + 2);
        }
        (None, j)
    }

    /// "September 24, 2021", "Sept. 24", "September 21-23, 2021", "September 2021".
    fn month_first(&self, i: usize) -> Option<Parsed> {
        let (month, _) = self.month_at(i)?;
        let j = self.after_dot(i);
        if let Some(year) = self.year_at(j) {
            return Some(Parsed {
                tokens: i..j + 1,
                form: Form::MonthYear,
                from: Ymd {
                    year: Some(year),
                    month: Some(month),
                    day: None,
                },
                to: None,
                other: None,
            });
        }
        let day = self.day_at(j)?;
        if self.continues_number(j) {
            return None;
        }
        let mut from = Ymd {
            year: None,
            month: Some(month),
            day: Some(day),
        };
        let mut to = None;
        let mut k = j + 1;
        let between = self.after_between(i);
        if self.range_connector(k, between) {
            if let Some(second) = self.day_at(k + 1).filter(|d| *d > day) {
                to = Some(Ymd {
                    day: Some(second),
                    ..from
                });
                k += 2;
            } else if let Some((m2, _)) = self.month_at(self.skip_weekday(k + 1)) {
                // "September 21 to October 3, 2021", "Monday, September 27 – Friday,
                // October 1, 2021".
                let after = self.after_dot(self.skip_weekday(k + 1));
                if let Some(second) = self.day_at(after).filter(|_| m2 != month) {
                    to = Some(Ymd {
                        year: None,
                        month: Some(m2),
                        day: Some(second),
                    });
                    k = after + 1;
                }
            }
        }
        let (year, end) = self.year_after(k);
        match to.as_mut() {
            Some(to) => to.year = year,
            None => from.year = year,
        }
        Some(Parsed {
            tokens: i..end,
            form: Form::MonthDay,
            from,
            to,
            other: None,
        })
    }

    /// A month alone after a word that makes it a date: "in July", "mid-September".
    fn month_alone(&self, i: usize) -> Option<(Parsed, YearHint)> {
        let (month, abbreviated) = self.month_at(i)?;
        // "in May's government" names a person.
        let possessive = self
            .glued(i + 1)
            .is_some_and(|t| t.is_punct('\'') || t.is_punct('’'));
        if abbreviated || possessive {
            return None;
        }
        let mut lead = self.prev_word(i);
        if lead.is_none() && i >= 2 && self.tokens[i - 1].is_dash() && !self.tokens[i].space_before
        {
            lead = self.tokens.get(i - 2).filter(|t| t.is_word("mid"));
        }
        let lead = lead.filter(|w| w.is_any_word(MONTH_LEADS))?;
        let hint = if lead.is_word("this") {
            YearHint::This
        } else if lead.is_word("last") {
            YearHint::Last
        } else if lead.is_word("next") {
            YearHint::Next
        } else {
            YearHint::Tense(Tense::Unknown)
        };
        let parsed = Parsed {
            tokens: i..i + 1,
            form: Form::MonthYear,
            from: Ymd {
                year: None,
                month: Some(month),
                day: None,
            },
            to: None,
            other: None,
        };
        Some((parsed, hint))
    }

    fn after_number_noun(&self, i: usize) -> bool {
        self.prev_word(i)
            .is_some_and(|w| w.is_any_word(NUMBER_NOUNS))
    }

    // ----- resolution -----

    /// The tense of the sentence around token `at`.
    fn tense_at(&self, tokens: Range<usize>) -> Tense {
        let sentence = self.sentence_tokens(tokens.start);
        tense_of(self.tokens, sentence, tokens.start, tokens.end)
    }

    /// The byte range of the sentence holding `offset`.
    fn sentence_at(&self, offset: usize) -> Range<usize> {
        let k = self.sentences.partition_point(|s| s.end <= offset);
        self.sentences.get(k).cloned().unwrap_or(offset..offset)
    }

    /// The tokens of the sentence holding token `i`.
    fn sentence_tokens(&self, i: usize) -> Range<usize> {
        let bytes = self.sentence_at(self.tokens[i].span.start);
        let start = self.tokens.partition_point(|t| t.span.start < bytes.start);
        let end = self.tokens.partition_point(|t| t.span.start < bytes.end);
        start..end.max(start)
    }

    fn resolve(&self, p: &Parsed, hint: YearHint) -> Result<Resolved, Option<InvalidDate>> {
        let year_written = p.from.year.is_some() || p.to.is_some_and(|t| t.year.is_some());
        if year_written {
            return self.resolve_written(p);
        }
        // Invalid whatever the year: "31 September", "30-31 September". ("29 February" is
        // left alone: it exists in leap years.)
        let invalid = || {
            let to = p.to.map(|t| Ymd {
                month: t.month.or(p.from.month),
                ..t
            });
            [Some(p.from), to].into_iter().flatten().find_map(|d| {
                let (month, day) = (d.month?, d.day?);
                Date::new(2024, month, day).is_err().then(|| InvalidDate {
                    span: self.span(p.tokens.clone()),
                    year: None,
                    month,
                    day,
                })
            })
        };
        let year = self.doc.year();
        let readings: Vec<(Date, Date)> = [year - 1, year, year + 1]
            .iter()
            .filter_map(|&y| interval(p, y))
            .collect();
        if readings.is_empty() {
            return Err(invalid());
        }
        let doc = self.doc;
        let chosen = match hint {
            YearHint::Tense(Tense::Unknown) => {
                choose_year(&readings, doc, self.tense_at(p.tokens.clone()))
            }
            YearHint::Tense(t) => choose_year(&readings, doc, t),
            YearHint::This => readings.iter().find(|(s, _)| s.year() == year).copied(),
            YearHint::Last => readings.iter().rev().find(|(_, e)| *e < doc).copied(),
            YearHint::Next => readings.iter().find(|(s, _)| *s > doc).copied(),
        };
        let (start, end) = chosen.ok_or(None)?;
        Ok(Resolved {
            start,
            end,
            precision: precision_of(p),
            basis: Basis::YearFromDocument,
            year_written: false,
        })
    }

    fn resolve_written(&self, p: &Parsed) -> Result<Resolved, Option<InvalidDate>> {
        let mut from = p.from;
        let mut to = p.to.unwrap_or(p.from);
        let from_year_filled = from.year.is_none();
        from.year = from.year.or(to.year);
        to.year = to.year.or(from.year);
        to.month = to.month.or(from.month);
        let invalid = |d: Ymd| {
            Some(InvalidDate {
                span: self.span(p.tokens.clone()),
                year: d.year,
                month: d.month?,
                day: d.day?,
            })
        };
        let mut start = first_day(from).ok_or_else(|| invalid(from))?;
        let end = last_day(to).ok_or_else(|| invalid(to))?;
        if start > end && from_year_filled {
            // "28 December - 3 January 2022".
            from.year = from.year.map(|y| y - 1);
            start = first_day(from).ok_or_else(|| invalid(from))?;
        }
        if start > end {
            return Err(None);
        }
        Ok(Resolved {
            start,
            end,
            precision: precision_of(p),
            basis: Basis::Written,
            year_written: true,
        })
    }

    /// Settles an all-numeric date that reads two ways: the reading whose weekday is written,
    /// else the one nearer the document's date.
    fn settle_numeric(&self, p: &mut Parsed, weekday: Option<Weekday>) {
        let Some(other) = p.other.take() else {
            return;
        };
        let (Some(a), Some(b)) = (first_day(p.from), first_day(other)) else {
            return;
        };
        let take_other = match weekday {
            Some(w) if a.weekday() == w => false,
            Some(w) if b.weekday() == w => true,
            _ => days_between(b, self.doc).abs() < days_between(a, self.doc).abs(),
        };
        let left = if take_other {
            p.from = other;
            a
        } else {
            b
        };
        p.form = Form::Numeric(NumericOrder::Ambiguous { other: left });
    }

    // ----- mentions -----

    fn push(&mut self, span: Range<usize>, r: Resolved, written: Written) -> usize {
        self.mentions.push(DateMention {
            span,
            start: r.start,
            end: r.end,
            precision: r.precision,
            relative: matches!(r.basis, Basis::Relative(_)),
            sets_context: false,
            written,
            weekday: None,
            gloss: None,
            basis: r.basis,
        });
        self.mentions.len() - 1
    }

    /// Resolves and records an explicit date; returns the index of the mention.
    fn record(&mut self, mut p: Parsed, hint: YearHint, weekday: Option<Weekday>) -> Option<usize> {
        self.settle_numeric(&mut p, weekday);
        match self.resolve(&p, hint) {
            Ok(r) => {
                let written = Written {
                    form: p.form,
                    span: self.span(p.tokens.clone()),
                    year: r.year_written,
                    range: p.to.is_some(),
                };
                Some(self.push(self.span(p.tokens.clone()), r, written))
            }
            Err(invalid) => {
                self.invalid.extend(invalid);
                None
            }
        }
    }

    /// An explicit date at `i`, with a weekday in brackets after it ("24 September (Friday)").
    fn explicit_mention(&mut self, i: usize) -> Option<usize> {
        if let Some(p) = self.explicit(i) {
            let end = p.tokens.end;
            let after = self.bracketed_weekday(end);
            let idx = self.record(
                p,
                YearHint::Tense(Tense::Unknown),
                after.as_ref().map(|(w, _, _)| *w),
            );
            if let (Some(idx), Some((day, span, close))) = (idx, after) {
                let m = &mut self.mentions[idx];
                m.weekday = Some(WrittenWeekday {
                    day,
                    span,
                    glossed: false,
                });
                m.span.end = self.tokens[close].span.end;
                return Some(close + 1);
            }
            return Some(end);
        }
        let (p, hint) = self.month_alone(i)?;
        let end = p.tokens.end;
        self.record(p, hint, None);
        Some(end)
    }

    /// "(Friday)" at `i`: the weekday, its span and the index of the closing bracket.
    fn bracketed_weekday(&self, i: usize) -> Option<(Weekday, Range<usize>, usize)> {
        if !self.next(i)?.is_punct('(') {
            return None;
        }
        let day = self.weekday_at(i + 1, false)?;
        self.next(i + 2)?
            .is_punct(')')
            .then(|| (day, self.tokens[i + 1].span.clone(), i + 2))
    }

    /// An explicit date with a day in brackets at `i`: "(22 September)"; the date and the
    /// index of the closing bracket.
    fn bracketed_date(&self, i: usize) -> Option<(Parsed, usize)> {
        if !self.next(i)?.is_punct('(') {
            return None;
        }
        let p = self.explicit(i + 1).filter(|p| p.from.day.is_some())?;
        let close = p.tokens.end;
        self.next(close)?.is_punct(')').then_some((p, close))
    }

    /// A weekday: with a date ("Friday, 24 September 2021"), explaining a date in brackets
    /// ("on Thursday (22 September)"), or alone, counted from the document's date.
    fn weekday(&mut self, i: usize) -> Option<usize> {
        let day = self.weekday_at(i, false)?;
        let weekday_span = self.tokens[i].span.clone();
        let mut j = self.after_dot(i);
        if self.next(j).is_some_and(|t| t.is_punct(',')) {
            j += 1;
        }
        if let Some(p) = self.explicit(j).filter(|p| p.from.day.is_some()) {
            let end = p.tokens.end;
            let idx = self.record(p, YearHint::Tense(Tense::Unknown), Some(day));
            if let Some(idx) = idx {
                let m = &mut self.mentions[idx];
                m.span.start = weekday_span.start;
                m.weekday = Some(WrittenWeekday {
                    day,
                    span: weekday_span,
                    glossed: false,
                });
            }
            return Some(end);
        }
        let full = self.weekday_at(i, true).is_some();
        if !full || self.names_weekday(i) {
            return None;
        }
        let direction = self.weekday_direction(i);
        let relative = Relative::Weekday(day, direction);
        let (start, end) = resolve(relative, self.doc)?;
        if let Some((p, close)) = self.bracketed_date(i + 1) {
            let idx = self.record(p, YearHint::Tense(Tense::Unknown), Some(day));
            if let Some(idx) = idx {
                let span_end = self.tokens[close].span.end;
                let m = &mut self.mentions[idx];
                m.span = weekday_span.start..span_end;
                m.weekday = Some(WrittenWeekday {
                    day,
                    span: weekday_span.clone(),
                    glossed: true,
                });
                m.gloss = Some(Gloss {
                    span: weekday_span,
                    relative,
                    start,
                    end,
                });
            }
            return Some(close + 1);
        }
        let span = self.relative_span(i, i + 1);
        let r = Resolved {
            start,
            end,
            precision: Precision::Day,
            basis: Basis::Relative(relative),
            year_written: false,
        };
        self.push(span.clone(), r, relative_written(span));
        Some(i + 1)
    }

    /// The weekday at `i` is part of a name: "Good Friday", "the Sunday Times".
    fn names_weekday(&self, i: usize) -> bool {
        let before = self
            .prev_word(i)
            .is_some_and(|w| WEEKDAY_NAMES.contains(&w.text));
        let after = self
            .next(i + 1)
            .is_some_and(|t| t.kind == Kind::Word && WEEKDAY_NAMED.contains(&t.text));
        before || after
    }

    /// "last Monday", "next Monday", "this Monday", or by the tense for "on Monday".
    fn weekday_direction(&self, i: usize) -> Direction {
        match self.prev_word(i) {
            Some(w) if w.is_word("last") || w.is_word("past") => Direction::Last,
            Some(w) if w.is_word("next") || w.is_word("coming") => Direction::Next,
            Some(w) if w.is_word("this") => Direction::This,
            _ => direction_for(self.tense_at(i..i + 1)),
        }
    }

    /// A relative expression's span, with "last", "next" or "this" before it.
    fn relative_span(&self, i: usize, end: usize) -> Range<usize> {
        let lead = self
            .prev_word(i)
            .filter(|w| w.is_any_word(&["last", "next", "this", "coming"]));
        let start = lead.map_or(self.tokens[i].span.start, |w| w.span.start);
        start..self.tokens[end - 1].span.end
    }

    /// "today", "yesterday", "tomorrow", with a date or weekday that explains them:
    /// "yesterday (23 September)", "today, Friday,".
    fn relative_day(&mut self, i: usize) -> Option<usize> {
        let t = self.next(i)?;
        let mut relative = if t.is_any_word(&["today", "tonight"]) {
            Relative::Today
        } else if t.is_word("yesterday") {
            Relative::Yesterday
        } else if t.is_word("tomorrow") {
            Relative::Tomorrow
        } else {
            return None;
        };
        // A name ("Russia Today", "USA Today") or a possessive ("today's world").
        let named = t.is_capitalised()
            && self
                .prev_word(i)
                .is_some_and(|w| w.is_capitalised() && !w.is_any_word(&["on", "in", "and"]));
        let possessive = self
            .glued(i + 1)
            .is_some_and(|t| t.is_punct('\'') || t.is_punct('’'));
        if named || possessive {
            return None;
        }
        let mut start_tok = i;
        // "the day before yesterday", "the day after tomorrow".
        if i >= 2 && self.tokens[i - 2].is_word("day") {
            let before = &self.tokens[i - 1];
            let day_before = before.is_word("before") && relative == Relative::Yesterday;
            let day_after = before.is_word("after") && relative == Relative::Tomorrow;
            if day_before || day_after {
                start_tok = i - 2;
            }
        }
        let (mut start, mut end) = resolve(relative, self.doc)?;
        if start_tok != i {
            let shift = if relative == Relative::Yesterday {
                -1
            } else {
                1
            };
            start = super::relative::add_days(start, shift)?;
            end = start;
            relative = Relative::Weekday(start.weekday(), Direction::This);
        }
        let span = self.tokens[start_tok].span.start..t.span.end;
        let basis = Basis::Relative(relative);
        // "yesterday (23 September)", "yesterday, 23 September,".
        let gloss_at = i + 1;
        let opens = self
            .next(gloss_at)
            .is_some_and(|t| t.is_punct('(') || t.is_punct(','));
        if opens {
            let mut j = gloss_at + 1;
            let weekday = self.weekday_at(j, false);
            if weekday.is_some() {
                j = self.after_dot(j);
                if self.next(j).is_some_and(|t| t.is_punct(',')) {
                    j += 1;
                }
            }
            if let Some(p) = self.explicit(j).filter(|p| p.from.day.is_some()) {
                let end_tok = p.tokens.end;
                let weekday_span = weekday.map(|_| self.tokens[gloss_at + 1].span.clone());
                let close = self
                    .next(end_tok)
                    .filter(|t| t.is_punct(')'))
                    .map(|t| t.span.end);
                if let Some(idx) = self.record(p, YearHint::Tense(Tense::Unknown), weekday) {
                    let m = &mut self.mentions[idx];
                    m.span.start = span.start;
                    if let Some(close) = close {
                        m.span.end = close;
                    }
                    m.weekday = weekday.zip(weekday_span).map(|(day, span)| WrittenWeekday {
                        day,
                        span,
                        glossed: false,
                    });
                    m.gloss = Some(Gloss {
                        span: span.clone(),
                        relative,
                        start,
                        end,
                    });
                }
                return Some(end_tok + usize::from(close.is_some()));
            }
            if let Some(day) = weekday {
                // "today (Friday)", "today, Friday,".
                let wspan = self.tokens[gloss_at + 1].span.clone();
                let r = Resolved {
                    start,
                    end,
                    precision: Precision::Day,
                    basis,
                    year_written: false,
                };
                let full = span.start..wspan.end;
                let idx = self.push(full, r, relative_written(span));
                self.mentions[idx].weekday = Some(WrittenWeekday {
                    day,
                    span: wspan,
                    glossed: true,
                });
                return Some(gloss_at + 2);
            }
        }
        let r = Resolved {
            start,
            end,
            precision: Precision::Day,
            basis,
            year_written: false,
        };
        self.push(span.clone(), r, relative_written(span));
        Some(i + 1)
    }

    /// "last week", "this month", "next year".
    fn relative_period(&mut self, i: usize) -> Option<usize> {
        let lead = self.next(i)?;
        let direction = if lead.is_word("last") {
            Direction::Last
        } else if lead.is_word("next") || lead.is_word("coming") {
            Direction::Next
        } else if lead.is_word("this") {
            Direction::This
        } else {
            return None;
        };
        let unit = self.next(i + 1)?;
        let (relative, precision) = if unit.is_word("week") {
            (Relative::Week(direction), Precision::Week)
        } else if unit.is_word("month") {
            (Relative::Month(direction), Precision::Month)
        } else if unit.is_word("year") {
            (Relative::Year(direction), Precision::Year)
        } else {
            return None;
        };
        let (start, end) = resolve(relative, self.doc)?;
        let span = self.span(i..i + 2);
        let r = Resolved {
            start,
            end,
            precision,
            basis: Basis::Relative(relative),
            year_written: false,
        };
        self.push(span.clone(), r, relative_written(span));
        Some(i + 2)
    }

    /// A year after a preposition: "in 2015", "by 2050", "in mid-2022", "from 2019 to 2021".
    fn bare_year(&mut self, i: usize) -> Option<usize> {
        let year = self.year_at(i)?;
        if self.glued_to_previous(i) && !self.tokens[i - 1].is_dash() {
            return None;
        }
        let mut lead = self.prev_word(i);
        if lead.is_none() && i >= 2 && self.tokens[i - 1].is_dash() && !self.tokens[i].space_before
        {
            lead = self.tokens.get(i - 2).filter(|t| t.is_word("mid"));
        }
        lead.filter(|w| w.is_any_word(YEAR_LEADS))?;
        let mut end_tok = i + 1;
        let mut last_year = year;
        // "2019-2021", "2021-22", "from 2019 to 2021", "in 2015 and 2016".
        let joined = self.range_connector(i + 1, true);
        if joined && let Some(t) = self.next(i + 2).filter(|t| t.kind == Kind::Number) {
            let second = match t.text.len() {
                4 => self.year_at(i + 2),
                2 if self.tokens[i + 1].is_dash() => {
                    t.text.parse::<i16>().ok().map(|yy| year - year % 100 + yy)
                }
                _ => None,
            };
            if let Some(second) = second.filter(|s| *s > year) {
                last_year = second;
                end_tok = i + 3;
            }
        }
        if !self.year_may_end_at(end_tok) {
            return None;
        }
        let r = Resolved {
            start: Date::new(year, 1, 1).ok()?,
            end: Date::new(last_year, 12, 31).ok()?,
            precision: Precision::Year,
            basis: Basis::Written,
            year_written: true,
        };
        let span = self.span(i..end_tok);
        let written = Written {
            form: Form::Year,
            span: span.clone(),
            year: true,
            range: last_year != year,
        };
        self.push(span, r, written);
        Some(end_tok)
    }

    /// What follows a year leaves it a year: punctuation, a capital, a function word.
    fn year_may_end_at(&self, j: usize) -> bool {
        match self.tokens.get(j) {
            None => true,
            Some(t) if t.break_before => true,
            Some(t) => match t.kind {
                Kind::Punct => !(t.is_punct('%') || t.is_punct('$')),
                Kind::Number | Kind::Ordinal => false,
                Kind::Word => {
                    // A participle follows a year ("in 2024 focused on ..."), a noun a figure.
                    !t.is_lowercase() || AFTER_YEAR.contains(&t.text) || t.text.ends_with("ed")
                }
            },
        }
    }

    /// Marks the mentions that open their sentence and date it ("In 2015, ...").
    fn mark_context(&mut self) {
        for k in 0..self.mentions.len() {
            let sentence = self.sentence_at(self.mentions[k].span.start);
            let m = &mut self.mentions[k];
            let lead = self.text.get(sentence.start..m.span.start);
            let Some(lead) = lead.filter(|l| l.len() <= MAX_CONTEXT_LEAD) else {
                continue;
            };
            let ambiguous = matches!(
                m.written.form,
                Form::Numeric(NumericOrder::Ambiguous { .. })
            );
            m.sets_context = !ambiguous && is_context_lead(lead);
        }
    }
}

/// Whether `lead`, what stands before a date in its sentence, is one of [`CONTEXT_LEADS`]: its
/// words (runs of letters and digits) are a lead's, in any case of ASCII.
fn is_context_lead(lead: &str) -> bool {
    CONTEXT_LEADS.iter().any(|wanted| {
        let mut words = lead
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty());
        let mut wanted = wanted.split_whitespace();
        loop {
            match (words.next(), wanted.next()) {
                (None, None) => return true,
                (Some(w), Some(v)) if w.eq_ignore_ascii_case(v) => {}
                _ => return false,
            }
        }
    })
}

fn relative_written(span: Range<usize>) -> Written {
    Written {
        form: Form::Relative,
        span,
        year: false,
        range: false,
    }
}

fn precision_of(p: &Parsed) -> Precision {
    if p.from.day.is_some() {
        Precision::Day
    } else if p.from.month.is_some() {
        Precision::Month
    } else {
        Precision::Year
    }
}

/// The first day a date stands for (the 1st of a month written without a day).
fn first_day(d: Ymd) -> Option<Date> {
    let year = d.year?;
    match (d.month, d.day) {
        (Some(m), Some(day)) => Date::new(year, m, day).ok(),
        (Some(m), None) => Date::new(year, m, 1).ok(),
        _ => Date::new(year, 1, 1).ok(),
    }
}

/// The last day a date stands for.
fn last_day(d: Ymd) -> Option<Date> {
    let year = d.year?;
    match (d.month, d.day) {
        (Some(m), Some(day)) => Date::new(year, m, day).ok(),
        (Some(m), None) => Some(Date::new(year, m, 1).ok()?.last_of_month()),
        _ => Date::new(year, 12, 31).ok(),
    }
}

/// The interval of a yearless date in `year` (a range running into the next year ends there).
fn interval(p: &Parsed, year: i16) -> Option<(Date, Date)> {
    let from = Ymd {
        year: Some(year),
        ..p.from
    };
    let mut to = p.to.unwrap_or(p.from);
    to.month = to.month.or(from.month);
    to.year = Some(year);
    let start = first_day(from)?;
    let mut end = last_day(to)?;
    if end < start {
        to.year = Some(year + 1);
        end = last_day(to)?;
    }
    Some((start, end))
}

#[cfg(test)]
mod tests;
