//! `date/format`: a document that writes its dates in two styles ("24 September 2021" and
//! "September 24, 2021"), or not in the style the configuration asks for.

use super::FORMAT;
use super::calendar::subject;
use super::model::{DateMention, Form, NumericOrder};
use super::write::{form_for, in_form};
use crate::config::DateFormat;
use crate::rules::{Context, Finding, Fix, Output};

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

/// Of two styles that compete (word dates day first or month first; numeric dates day first
/// or month first), the one written most, the first written on a tie.
fn house_style(dated: &[(&DateMention, Form)], a: Form, b: Form) -> Option<Form> {
    let count = |f: Form| dated.iter().filter(|(_, s)| *s == f).count();
    let (na, nb) = (count(a), count(b));
    if na == 0 || nb == 0 {
        return None;
    }
    let first = dated.iter().find(|(_, s)| *s == a || *s == b)?.1;
    Some(match na.cmp(&nb) {
        std::cmp::Ordering::Greater => a,
        std::cmp::Ordering::Less => b,
        std::cmp::Ordering::Equal => first,
    })
}

pub fn check_format(cx: &Context, out: &mut Output) {
    let dated: Vec<(&DateMention, Form)> = cx
        .dates()
        .iter()
        .filter_map(|m| style(m).map(|s| (m, s)))
        .collect();
    let format = cx.settings.date_format;
    if format != DateFormat::Any {
        let wanted = form_for(format);
        for (m, form) in &dated {
            if !conforms(*form, format) {
                let message = format!(
                    "dates are to be written {}; this one is {}",
                    wanted.map_or("", describe),
                    describe(*form)
                );
                push(cx, m, wanted, message, out);
            }
        }
        return;
    }
    let words = house_style(&dated, Form::DayMonth, Form::MonthDay);
    let numbers = house_style(
        &dated,
        Form::Numeric(NumericOrder::DayFirst),
        Form::Numeric(NumericOrder::MonthFirst),
    );
    for house in [words, numbers].into_iter().flatten() {
        for (m, form) in &dated {
            let competing = match house {
                Form::DayMonth => *form == Form::MonthDay,
                Form::MonthDay => *form == Form::DayMonth,
                Form::Numeric(NumericOrder::DayFirst) => {
                    *form == Form::Numeric(NumericOrder::MonthFirst)
                }
                _ => *form == Form::Numeric(NumericOrder::DayFirst),
            };
            if competing {
                let message = format!(
                    "this document writes dates {} elsewhere; this one is {}",
                    describe(house),
                    describe(*form)
                );
                push(cx, m, Some(house), message, out);
            }
        }
    }
}

fn push(cx: &Context, m: &DateMention, wanted: Option<Form>, message: String, out: &mut Output) {
    let mut finding =
        Finding::new(&FORMAT, m.written.span.clone(), message).with_subject(subject(cx, m));
    let rewrite = wanted
        .filter(|_| !m.written.range)
        .and_then(|form| in_form(m.start, form, m.written.year));
    if let Some(fix) = rewrite {
        finding = finding.with_fix(Fix::replace_with(fix));
    }
    out.push(finding);
}
