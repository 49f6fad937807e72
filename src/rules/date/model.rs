//! Dates as found in the text, resolved against the document's date.

use jiff::civil::{Date, Weekday};
use std::ops::Range;

/// How precise a date mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    /// A calendar week, Monday to Sunday ("this week", "next week").
    Week,
    Month,
    Year,
}

/// A date or interval written in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte range of the whole mention ("Friday, 24 September 2021").
    pub span: Range<usize>,
    /// The first and last day the mention stands for.
    pub start: Date,
    pub end: Date,
    pub precision: Precision,
    /// Resolved from a relative expression ("on Thursday", "yesterday").
    pub relative: bool,
    /// It opens its sentence and dates what follows ("In 2015, ...", "On 3 March 2019, ...").
    pub sets_context: bool,
    /// How the date is written, and where its explicit part is.
    pub written: Written,
    /// A weekday written with the date ("Friday, 24 September 2021", "today (Friday)").
    pub weekday: Option<WrittenWeekday>,
    /// The relative expression that an explicit date glosses: "yesterday (23 September)",
    /// "on Thursday (22 September)".
    pub gloss: Option<Gloss>,
    /// How the dates were arrived at.
    pub basis: Basis,
}

impl DateMention {
    /// Whether the mention covers `date`.
    pub fn covers(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether the mention and the interval `[from, to]` share a day.
    pub fn overlaps(&self, from: Date, to: Date) -> bool {
        self.start <= to && from <= self.end
    }
}

/// The written shape of a date, which `date/format` compares across a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// "24 September 2021", "24 Sept.", "the 24th of September", "21-23 September".
    DayMonth,
    /// "September 24, 2021", "Sept. 24", "September 21-23".
    MonthDay,
    /// "2021-09-24".
    Iso,
    /// "24/09/2021", "9/24/2021", "24.09.2021".
    Numeric(NumericOrder),
    /// "September 2021", "in July".
    MonthYear,
    /// "in 2015".
    Year,
    /// "yesterday", "on Thursday", "next week".
    Relative,
}

/// Which part of an all-numeric date is the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericOrder {
    /// "24/09/2021": the first number can only be the day.
    DayFirst,
    /// "9/24/2021": the second number can only be the day.
    MonthFirst,
    /// "2021/09/24".
    YearFirst,
    /// "03/04/2021": both readings are dates; `other` is the reading not taken.
    Ambiguous { other: Date },
}

/// Where and how the explicit part of a mention is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub form: Form,
    /// The date itself, without weekday or gloss ("24 September 2021").
    pub span: Range<usize>,
    /// The year is written, not taken from the document's date.
    pub year: bool,
    /// A range of days ("21-23 September").
    pub range: bool,
}

/// A weekday written next to a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenWeekday {
    pub day: Weekday,
    pub span: Range<usize>,
    /// The weekday is the relative day and the date explains it: "on Thursday (22 September)",
    /// "today (Friday)". A mismatch is then `date/relative-mismatch`, not
    /// `date/weekday-mismatch`.
    pub glossed: bool,
}

/// A relative expression that an explicit date explains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gloss {
    pub span: Range<usize>,
    pub relative: Relative,
    /// What the relative expression resolves to on its own.
    pub start: Date,
    pub end: Date,
}

/// How a mention's dates were arrived at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Every part is written.
    Written,
    /// The year is taken from the document's date (the nearest sensible one).
    YearFromDocument,
    /// Counted from the document's date.
    Relative(Relative),
}

/// Which way a weekday or period is counted from the document's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// "last Monday": strictly before the document's date.
    Last,
    /// "next Monday": strictly after.
    Next,
    /// "this week", "this Monday": the one of the document's week, month or year.
    This,
    /// "on Monday" told in the past: the document's date or the nearest before.
    Past,
    /// "on Monday" told in the future: the document's date or the nearest after.
    Future,
}

/// A relative expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    Today,
    Yesterday,
    Tomorrow,
    Weekday(Weekday, Direction),
    /// "last week" (Last), "this week" (This), "next week" (Next).
    Week(Direction),
    Month(Direction),
    Year(Direction),
}

/// A date-shaped text that names no day of the calendar: "31 September 2021".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidDate {
    pub span: Range<usize>,
    pub year: Option<i16>,
    pub month: i8,
    pub day: i8,
}
