//! Dates as found in the text, resolved against the document's date.

use jiff::civil::Date;
use std::ops::Range;

/// How precise a date mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
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
}
