//! Counting from the document's date: relative days ("yesterday", "on Thursday", "next week")
//! and the year of a date written without one ("24 September", "in July").

use super::model::{Direction, Relative};
use super::tense::Tense;
use jiff::civil::{Date, Weekday};

/// `date` moved by `days`, if the calendar reaches that far.
pub fn add_days(date: Date, days: i64) -> Option<Date> {
    date.checked_add(jiff::Span::new().days(days)).ok()
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i32 {
    (b - a).get_days()
}

/// The Monday of the week holding `date`.
fn monday_of(date: Date) -> Option<Date> {
    add_days(date, -i64::from(date.weekday().to_monday_zero_offset()))
}

/// The first and last day that a relative expression stands for, counted from `doc`.
pub fn resolve(relative: Relative, doc: Date) -> Option<(Date, Date)> {
    let day = |d: Option<Date>| d.map(|d| (d, d));
    match relative {
        Relative::Today => Some((doc, doc)),
        Relative::Yesterday => day(add_days(doc, -1)),
        Relative::Tomorrow => day(add_days(doc, 1)),
        Relative::Weekday(weekday, direction) => day(weekday_from(doc, weekday, direction)),
        Relative::Week(direction) => {
            let monday = add_days(monday_of(doc)?, 7 * shift(direction))?;
            Some((monday, add_days(monday, 6)?))
        }
        Relative::Month(direction) => {
            let first = doc
                .first_of_month()
                .checked_add(jiff::Span::new().months(shift(direction)))
                .ok()?;
            Some((first, first.last_of_month()))
        }
        Relative::Year(direction) => {
            let year = doc.year().checked_add(shift(direction) as i16)?;
            Some((Date::new(year, 1, 1).ok()?, Date::new(year, 12, 31).ok()?))
        }
    }
}

fn shift(direction: Direction) -> i64 {
    match direction {
        Direction::Last => -1,
        Direction::Next => 1,
        _ => 0,
    }
}

fn weekday_from(doc: Date, weekday: Weekday, direction: Direction) -> Option<Date> {
    let same = doc.weekday() == weekday;
    match direction {
        Direction::Last => doc.nth_weekday(-1, weekday).ok(),
        Direction::Next => doc.nth_weekday(1, weekday).ok(),
        Direction::This => {
            let offset = weekday.to_monday_zero_offset();
            add_days(monday_of(doc)?, i64::from(offset))
        }
        Direction::Past if same => Some(doc),
        Direction::Past => doc.nth_weekday(-1, weekday).ok(),
        Direction::Future if same => Some(doc),
        Direction::Future => doc.nth_weekday(1, weekday).ok(),
    }
}

/// The direction in which a bare weekday ("on Thursday") is counted, from the tense it is
/// told in. Reports mostly tell what happened, so past is the default.
pub fn direction_for(tense: Tense) -> Direction {
    match tense {
        Tense::Future => Direction::Future,
        Tense::Past | Tense::Unknown => Direction::Past,
    }
}

/// How far after the document's date a date told in the past may still be read in the
/// document's year: a slip of a few days is more likely than a reference to a year ago.
const PAST_GRACE_DAYS: i64 = 7;

/// Chooses among the readings of a date written without a year (each an interval, in the
/// years around the document's), by the tense it is told in: in the past, the latest that is
/// not after the document (give or take a few days for a day); in the future, the earliest
/// that is not before; otherwise the nearest. `None` when no reading exists.
pub fn choose_year(readings: &[(Date, Date)], doc: Date, tense: Tense) -> Option<(Date, Date)> {
    let nearest = || {
        readings
            .iter()
            .min_by_key(|(start, end)| distance(*start, *end, doc))
            .copied()
    };
    match tense {
        Tense::Past => {
            let limit = add_days(doc, PAST_GRACE_DAYS).unwrap_or(doc);
            // Days and ranges of days get the grace; months and years must have begun.
            let begun = |(start, end): &&(Date, Date)| {
                let days = days_between(*start, *end) < 28;
                *start <= if days { limit } else { doc }
            };
            readings
                .iter()
                .filter(begun)
                .max_by_key(|(start, _)| *start)
                .copied()
                .or_else(nearest)
        }
        Tense::Future => readings
            .iter()
            .filter(|(_, end)| *end >= doc)
            .min_by_key(|(start, _)| *start)
            .copied()
            .or_else(nearest),
        Tense::Unknown => nearest(),
    }
}

/// Days between an interval and a date (0 when it holds the date).
fn distance(start: Date, end: Date, date: Date) -> i32 {
    if date < start {
        days_between(date, start)
    } else if date > end {
        days_between(end, date)
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn relative_days_from_a_friday() {
        let friday = date(2021, 9, 24);
        let r = |rel| resolve(rel, friday).unwrap();
        assert_eq!(r(Relative::Yesterday).0, date(2021, 9, 23));
        assert_eq!(r(Relative::Tomorrow).0, date(2021, 9, 25));
        let thursday = |d| Relative::Weekday(Weekday::Thursday, d);
        assert_eq!(r(thursday(Direction::Past)).0, date(2021, 9, 23));
        assert_eq!(r(thursday(Direction::Future)).0, date(2021, 9, 30));
        assert_eq!(r(thursday(Direction::Last)).0, date(2021, 9, 23));
        assert_eq!(r(thursday(Direction::Next)).0, date(2021, 9, 30));
        let friday_past = Relative::Weekday(Weekday::Friday, Direction::Past);
        assert_eq!(
            r(friday_past).0,
            friday,
            "news style: 'on Friday' in a Friday report"
        );
        let monday_last = Relative::Weekday(Weekday::Monday, Direction::Last);
        assert_eq!(r(monday_last).0, date(2021, 9, 20));
        assert_eq!(
            r(Relative::Week(Direction::This)),
            (date(2021, 9, 20), date(2021, 9, 26))
        );
        assert_eq!(
            r(Relative::Week(Direction::Next)),
            (date(2021, 9, 27), date(2021, 10, 3))
        );
        assert_eq!(
            r(Relative::Month(Direction::Last)),
            (date(2021, 8, 1), date(2021, 8, 31))
        );
        assert_eq!(
            r(Relative::Year(Direction::Next)),
            (date(2022, 1, 1), date(2022, 12, 31))
        );
    }

    #[test]
    fn yearless_dates_follow_the_tense() {
        let doc = date(2021, 12, 10);
        let march = |y| (date(y, 3, 1), date(y, 3, 31));
        let readings = [march(2020), march(2021), march(2022)];
        assert_eq!(choose_year(&readings, doc, Tense::Past), Some(march(2021)));
        assert_eq!(
            choose_year(&readings, doc, Tense::Future),
            Some(march(2022))
        );
        assert_eq!(
            choose_year(&readings, doc, Tense::Unknown),
            Some(march(2022))
        );
        // Across a new year: "on 28 December" in a report of 3 January.
        let doc = date(2022, 1, 3);
        let dec = |y| (date(y, 12, 28), date(y, 12, 28));
        let readings = [dec(2021), dec(2022), dec(2023)];
        assert_eq!(choose_year(&readings, doc, Tense::Unknown), Some(dec(2021)));
        assert_eq!(choose_year(&readings, doc, Tense::Past), Some(dec(2021)));
        // A few days after the report, told in the past: still this year (a slip to report).
        let doc = date(2021, 9, 24);
        let sep28 = |y| (date(y, 9, 28), date(y, 9, 28));
        let readings = [sep28(2020), sep28(2021), sep28(2022)];
        assert_eq!(choose_year(&readings, doc, Tense::Past), Some(sep28(2021)));
        // The month of the report, told in the past: this month.
        let sep = |y| (date(y, 9, 1), date(y, 9, 30));
        let readings = [sep(2020), sep(2021), sep(2022)];
        assert_eq!(choose_year(&readings, doc, Tense::Past), Some(sep(2021)));
    }
}
