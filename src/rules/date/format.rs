//! `date/format`: a document that writes its dates in two styles ("24 September 2021" and
//! "September 24, 2021"), or not in the style the configuration asks for.
//!
//! A date in a style other than the configured one is reported by the paragraph's scan. Mixed
//! styles need the whole document: each paragraph keeps its dates written in a style that
//! competes with another ([`Styled`]), and the decision counts them.

use super::FORMAT;
use super::calendar::resolved_subject;
use super::model::{Basis, DateMention, Form, NumericOrder};
use super::write::{form_for, in_form};
use crate::config::DateFormat;
use crate::rules::{
    self, Context, Decided, Decision, Facts, Finding, Fix, Last, Output, Paragraphs,
};
use jiff::civil::Date;
use std::ops::Range;
use std::sync::Arc;

/// The style a date is written in, for comparison; `None` for forms that have no day-month
/// order (month and year, years, relative days) or read two ways.
fn style(m: &DateMention) -> Option<Form> {
    match m.written.form {
        Form::DayMonth | Form::MonthDay | Form::Iso => Some(m.written.form),
        Form::Numeric(NumericOrder::Ambiguous { .. }) => None,
        Form::Numeric(_) => Some(m.written.form),
        Form::MonthYear | Form::Year | Form::Relative => None,
    }
}

/// Whether a date's style is the one configured.
fn conforms(form: Form, format: DateFormat) -> bool {
    match format {
        DateFormat::Any => true,
        DateFormat::Dmy => matches!(form, Form::DayMonth | Form::Numeric(NumericOrder::DayFirst)),
        DateFormat::Mdy => {
            matches!(
                form,
                Form::MonthDay | Form::Numeric(NumericOrder::MonthFirst)
            )
        }
        DateFormat::Iso => form == Form::Iso,
    }
}

fn describe(form: Form) -> &'static str {
    match form {
        Form::DayMonth => "day before month ('24 September 2021')",
        Form::MonthDay => "month before day ('September 24, 2021')",
        Form::Iso => "ISO 8601 ('2021-09-24')",
        Form::Numeric(NumericOrder::DayFirst) => "all-numeric, day first ('24/09/2021')",
        Form::Numeric(NumericOrder::MonthFirst) => "all-numeric, month first ('9/24/2021')",
        Form::Numeric(_) => "all-numeric ('2021/09/24')",
        _ => "another style",
    }
}

/// A date written in a style that competes with another (day or month first), as a
/// paragraph's scan keeps it for the whole document's decision: enough to report it and
/// rewrite it without reading the text again.
#[derive(Debug, Clone)]
struct Styled {
    form: Form,
    /// The date as written, relative to its paragraph.
    span: Range<usize>,
    start: Date,
    end: Date,
    basis: Basis,
    /// The year is written.
    year: bool,
    /// A range of days, which the fix does not rewrite.
    range: bool,
}

impl Styled {
    fn of(m: &DateMention, form: Form) -> Styled {
        Styled {
            form,
            span: m.written.span.clone(),
            start: m.start,
            end: m.end,
            basis: m.basis,
            year: m.written.year,
            range: m.written.range,
        }
    }
}

/// A paragraph's dates in competing styles, in text order.
struct Styles(Vec<Styled>);

/// Whether `form` competes with another style: of the word dates, day first or month first;
/// of the numeric ones, day first or month first.
fn competes(form: Form) -> bool {
    matches!(
        form,
        Form::DayMonth
            | Form::MonthDay
            | Form::Numeric(NumericOrder::DayFirst)
            | Form::Numeric(NumericOrder::MonthFirst)
    )
}

/// The style that competes with `house`.
fn rival(house: Form) -> Form {
    match house {
        Form::DayMonth => Form::MonthDay,
        Form::MonthDay => Form::DayMonth,
        Form::Numeric(NumericOrder::DayFirst) => Form::Numeric(NumericOrder::MonthFirst),
        _ => Form::Numeric(NumericOrder::DayFirst),
    }
}

/// The paragraph's part of `date/format`: with a style configured, each date in another is
/// reported here; otherwise the dates in competing styles are kept for
/// [`decide_styles`].
pub fn scan_styles(cx: &Context, out: &mut Output) -> Option<Facts> {
    let format = cx.settings.date_format;
    if format != DateFormat::Any {
        let wanted = form_for(format);
        for m in cx.dates() {
            let Some(form) = style(m).filter(|f| !conforms(*f, format)) else {
                continue;
            };
            let message = format!(
                "dates are to be written {}; this one is {}",
                wanted.map_or("", describe),
                describe(form)
            );
            push(cx, &Styled::of(m, form), 0, wanted, message, out);
        }
        return None;
    }
    let mut styled: Vec<Styled> = cx
        .dates()
        .iter()
        .filter_map(|m| style(m).filter(|f| competes(*f)).map(|f| Styled::of(m, f)))
        .collect();
    // Kept for as long as the paragraph is unchanged: without the room left from collecting.
    styled.shrink_to_fit();
    (!styled.is_empty()).then(|| Box::new(Styles(styled)) as Facts)
}

/// How often a style is written in the document, and where first.
#[derive(Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    count: usize,
    /// Where its first date is: the paragraph, and the date's order among the paragraph's
    /// dates in competing styles.
    first: (usize, usize),
}

/// Of two styles that compete, the one written most, the first written on a tie; `None`
/// unless both are written.
fn house_style(ta: Tally, tb: Tally, a: Form, b: Form) -> Option<Form> {
    if ta.count == 0 || tb.count == 0 {
        return None;
    }
    Some(match ta.count.cmp(&tb.count) {
        std::cmp::Ordering::Greater => a,
        std::cmp::Ordering::Less => b,
        std::cmp::Ordering::Equal if ta.first < tb.first => a,
        std::cmp::Ordering::Equal => b,
    })
}

/// The styles that compete, in pairs: day or month first in words, then in numbers.
const FORMS: [Form; 4] = [
    Form::DayMonth,
    Form::MonthDay,
    Form::Numeric(NumericOrder::DayFirst),
    Form::Numeric(NumericOrder::MonthFirst),
];

/// One paragraph's dates in each style of [`FORMS`]: how many, and the order among its dates
/// of the first (`u32::MAX` for none).
#[derive(Debug, Default, Clone, Copy)]
struct Count {
    count: [u32; 4],
    first: [u32; 4],
}

impl Count {
    fn of(dates: &[Styled]) -> Count {
        let mut c = Count {
            count: [0; 4],
            first: [u32::MAX; 4],
        };
        for (order, d) in dates.iter().enumerate() {
            if let Some(k) = FORMS.iter().position(|f| *f == d.form) {
                if c.count[k] == 0 {
                    c.first[k] = order as u32;
                }
                c.count[k] += 1;
            }
        }
        c
    }
}

/// The basis of a decision on mixed styles: every paragraph's count of dates by style, and
/// the house styles they make.
struct Counts {
    counts: Vec<Count>,
    houses: Houses,
}

/// The house styles of a document, of the word dates and of the numeric ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Houses([Option<Form>; 2]);

/// Mixed styles across the document: the style written less often is reported, from the
/// paragraphs' [`Styles`] alone. The styles are counted from the counts kept with `last` for
/// the paragraphs as they were, so that only the changed paragraphs' dates are read; what is
/// written about a paragraph depends on nothing else than its dates and the house styles, and
/// while those are what they were in `last` it is taken over.
pub fn decide_styles(
    cx: &Context,
    paragraphs: &Paragraphs<'_>,
    mut last: Option<Last<'_>>,
) -> Decision {
    if cx.settings.date_format != DateFormat::Any {
        return Decision::default();
    }
    let last_basis = last.as_ref().and_then(|l| l.basis::<Counts>());
    let counts: Vec<Count> = (0..paragraphs.len())
        .map(|i| {
            let kept = paragraphs.was(i).zip(last_basis);
            match kept.and_then(|(was, last)| last.counts.get(was)) {
                Some(count) => *count,
                None => Count::of(styles(paragraphs, i)),
            }
        })
        .collect();
    let mut tallies = [Tally::default(); 4];
    for (p, count) in counts.iter().enumerate() {
        for (k, t) in tallies.iter_mut().enumerate() {
            if t.count == 0 && count.count[k] > 0 {
                t.first = (p, count.first[k] as usize);
            }
            t.count += count.count[k] as usize;
        }
    }
    let houses = Houses([
        house_style(tallies[0], tallies[1], FORMS[0], FORMS[1]),
        house_style(tallies[2], tallies[3], FORMS[2], FORMS[3]),
    ]);
    let same_houses = last_basis.is_some_and(|b| b.houses == houses);
    let mut decision = Decision::with_capacity(paragraphs.len());
    for (i, count) in counts.iter().enumerate() {
        match (paragraphs.was(i), last.as_mut()) {
            (Some(was), Some(last)) if same_houses => decision.keep(last, was),
            _ if count.count == [0; 4] => decision.write(None),
            _ => {
                let dates = styles(paragraphs, i);
                decision.write(write_rivals(cx, houses, paragraphs.start(i), dates));
            }
        }
    }
    decision.basis = Some(Box::new(Counts { counts, houses }));
    decision
}

/// Reports a paragraph's dates written in the style that competes with a house style.
fn write_rivals(
    cx: &Context,
    houses: Houses,
    start: usize,
    dates: &[Styled],
) -> Option<Arc<Decided>> {
    if dates.is_empty() {
        return None;
    }
    let mut out = Output::default();
    for house in houses.0.into_iter().flatten() {
        let other = rival(house);
        for d in dates.iter().filter(|d| d.form == other) {
            let message = format!(
                "this document writes dates {} elsewhere; this one is {}",
                describe(house),
                describe(d.form)
            );
            push(cx, d, start, Some(house), message, &mut out);
        }
    }
    rules::decided(start, out)
}

/// Paragraph `i`'s dates in competing styles.
fn styles<'a>(paragraphs: &Paragraphs<'a>, i: usize) -> &'a [Styled] {
    paragraphs
        .facts::<Styles>(i)
        .map_or(&[][..], |s| s.0.as_slice())
}

/// Reports `d`, whose paragraph starts at `start`, with the date rewritten in `wanted`.
fn push(
    cx: &Context,
    d: &Styled,
    start: usize,
    wanted: Option<Form>,
    message: String,
    out: &mut Output,
) {
    let span = d.span.start + start..d.span.end + start;
    let mut finding = Finding::new(&FORMAT, span, message)
        .with_subject(resolved_subject(cx, d.start, d.end, d.basis));
    let rewrite = wanted
        .filter(|_| !d.range)
        .and_then(|form| in_form(d.start, form, d.year));
    if let Some(fix) = rewrite {
        finding = finding.with_fix(Fix::replace_with(fix));
    }
    out.push(finding);
}
