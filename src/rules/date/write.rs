//! Dates written out for messages and fixes.

use super::model::{Form, NumericOrder};
pub use super::parse::month_name;
use super::parse::weekday_name;
use crate::config::DateFormat;
use jiff::civil::{Date, Weekday};

/// "24 September 2021", the form messages use.
pub fn long(d: Date) -> String {
    format!("{} {} {}", d.day(), month_name(d.month()), d.year())
}

/// "from 6 to 20 November 2022", "from 31 October to 13 November 2021".
pub fn range(a: Date, b: Date) -> String {
    if a.year() != b.year() {
        format!("from {} to {}", long(a), long(b))
    } else if a.month() != b.month() {
        format!("from {} {} to {}", a.day(), month_name(a.month()), long(b))
    } else {
        format!("from {} to {}", a.day(), long(b))
    }
}

/// "Friday 24 September 2021".
pub fn with_weekday(d: Date) -> String {
    format!("{} {}", weekday_name(d.weekday()), long(d))
}

/// A date in a written form, with or without its year: what a fix puts in.
pub fn in_form(d: Date, form: Form, year: bool) -> Option<String> {
    let month = month_name(d.month());
    Some(match (form, year) {
        (Form::DayMonth, true) => long(d),
        (Form::DayMonth, false) => format!("{} {month}", d.day()),
        (Form::MonthDay, true) => format!("{month} {}, {}", d.day(), d.year()),
        (Form::MonthDay, false) => format!("{month} {}", d.day()),
        (Form::Iso, true) => d.to_string(),
        (Form::Numeric(NumericOrder::DayFirst), true) => {
            format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
        }
        (Form::Numeric(NumericOrder::MonthFirst), true) => {
            format!("{}/{}/{}", d.month(), d.day(), d.year())
        }
        _ => return None,
    })
}

/// The written form that a configured date format asks for.
pub fn form_for(format: DateFormat) -> Option<Form> {
    match format {
        DateFormat::Any => None,
        DateFormat::Dmy => Some(Form::DayMonth),
        DateFormat::Mdy => Some(Form::MonthDay),
        DateFormat::Iso => Some(Form::Iso),
    }
}

/// A weekday's name cut and cased as `like` is: "Thu" → "Fri", "THURSDAY" → "FRIDAY".
pub fn weekday_like(day: Weekday, like: &str) -> String {
    let full = weekday_name(day);
    let letters = like.chars().filter(char::is_ascii_alphabetic).count();
    // An abbreviation ("Thu", "Thurs") is answered with the three-letter one; every full
    // name has six letters or more.
    let mut name: String = if letters < 6 {
        full.chars().take(3).collect()
    } else {
        full.to_string()
    };
    if like.len() > 1 && like.chars().all(|c| !c.is_lowercase()) {
        name = name.to_uppercase();
    }
    name
}

/// "st", "nd", "rd" or "th" for a number: 1st, 12th, 22nd.
pub fn ordinal_suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// "76th".
pub fn ordinal(n: u32) -> String {
    format!("{n}{}", ordinal_suffix(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_in_forms() {
        let d = date(2021, 9, 24);
        assert_eq!(long(d), "24 September 2021");
        assert_eq!(with_weekday(d), "Friday 24 September 2021");
        assert_eq!(
            range(date(2022, 11, 6), date(2022, 11, 20)),
            "from 6 to 20 November 2022"
        );
        assert_eq!(
            range(date(2021, 10, 31), date(2021, 11, 13)),
            "from 31 October to 13 November 2021"
        );
        assert_eq!(
            in_form(d, Form::MonthDay, true).unwrap(),
            "September 24, 2021"
        );
        assert_eq!(in_form(d, Form::DayMonth, false).unwrap(), "24 September");
        assert_eq!(in_form(d, Form::Iso, true).unwrap(), "2021-09-24");
        assert_eq!(in_form(d, Form::Iso, false), None);
        assert_eq!(weekday_like(Weekday::Friday, "Thursday"), "Friday");
        assert_eq!(weekday_like(Weekday::Friday, "Thu"), "Fri");
        assert_eq!(weekday_like(Weekday::Wednesday, "Thurs"), "Wed");
        assert_eq!(weekday_like(Weekday::Friday, "THURSDAY"), "FRIDAY");
    }
}
