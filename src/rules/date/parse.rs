//! Reading one date written in English: the building blocks of the date finder, and what the
//! document-date detection uses for front matter and datelines.

use jiff::civil::{Date, Weekday};

/// The months' names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "September" for 9; empty for a number that is no month.
pub fn month_name(month: i8) -> &'static str {
    MONTH_NAMES
        .get(usize::try_from(month - 1).unwrap_or(usize::MAX))
        .copied()
        .unwrap_or("")
}

/// The month a word names ("September", "Sept.", "Sep"), 1-based.
pub fn month_from_word(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.');
    // Asked of nearly every word: the first three letters settle which month it may be.
    let month = match &three_letters(w)? {
        b"jan" => 1,
        b"feb" => 2,
        b"mar" => 3,
        b"apr" => 4,
        b"may" => 5,
        b"jun" => 6,
        b"jul" => 7,
        b"aug" => 8,
        b"sep" => 9,
        b"oct" => 10,
        b"nov" => 11,
        b"dec" => 12,
        _ => return None,
    };
    let whole = month_name(month).eq_ignore_ascii_case(w);
    let sept = month == 9 && w.eq_ignore_ascii_case("sept");
    (w.len() == 3 || whole || sept).then_some(month)
}

/// The first three bytes of a word of 3 to 9 bytes (the length of month and weekday names),
/// with ASCII letters lowercased.
fn three_letters(w: &str) -> Option<[u8; 3]> {
    match *w.as_bytes() {
        [a, b, c, ..] if w.len() <= 9 => Some([a, b, c].map(|x| x.to_ascii_lowercase())),
        _ => None,
    }
}

/// Whether a word may be a month or a weekday, whole or abbreviated: true of every word
/// that [`month_from_word`] or [`weekday_from_word`] reads, and of few others ("Marshall",
/// "sunk"). Asked of every word, so it looks at the length and three letters only.
pub fn may_be_month_or_weekday(word: &str) -> bool {
    /// By the first two letters of a month or weekday (a-z by a-z), the third letters that
    /// follow them, one bit each.
    const OPENINGS: [u32; 26 * 26] = {
        let keys: [&[u8; 3]; 19] = [
            b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov",
            b"dec", b"mon", b"tue", b"wed", b"thu", b"fri", b"sat", b"sun",
        ];
        let mut table = [0; 26 * 26];
        let mut k = 0;
        while k < keys.len() {
            let [a, b, c] = *keys[k];
            table[(a - b'a') as usize * 26 + (b - b'a') as usize] |= 1 << (c - b'a');
            k += 1;
        }
        table
    };
    let w = word.trim_end_matches('.');
    let letter = |b: u8| usize::from(b.to_ascii_lowercase().wrapping_sub(b'a')).min(26);
    match *w.as_bytes() {
        [a, b, c, ..] if w.len() <= 9 => {
            let (a, b, c) = (letter(a), letter(b), letter(c));
            a < 26 && b < 26 && c < 26 && OPENINGS[a * 26 + b] & (1 << c) != 0
        }
        _ => false,
    }
}

pub fn weekday_from_word(word: &str) -> Option<Weekday> {
    let w = word.trim_end_matches('.');
    let day = match &three_letters(w)? {
        b"mon" => Weekday::Monday,
        b"tue" => Weekday::Tuesday,
        b"wed" => Weekday::Wednesday,
        b"thu" => Weekday::Thursday,
        b"fri" => Weekday::Friday,
        b"sat" => Weekday::Saturday,
        b"sun" => Weekday::Sunday,
        _ => return None,
    };
    // "Thu", "Thurs", "Tues" and the whole name; not "Thursd" or "Mond".
    let whole = weekday_name(day).eq_ignore_ascii_case(w);
    let abbreviated = match day {
        Weekday::Tuesday => w.eq_ignore_ascii_case("tues"),
        Weekday::Thursday => w.eq_ignore_ascii_case("thur") || w.eq_ignore_ascii_case("thurs"),
        _ => false,
    };
    (w.len() == 3 || whole || abbreviated).then_some(day)
}

pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// A day and month, with the year when written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LooseDate {
    pub year: Option<i16>,
    pub month: i8,
    pub day: i8,
}

impl LooseDate {
    /// The date in the year given, or in the year nearest to `near` when none was written.
    pub fn resolve(self, near: Date) -> Option<Date> {
        match self.year {
            Some(y) => Date::new(y, self.month, self.day).ok(),
            None => {
                let candidates = [near.year() - 1, near.year(), near.year() + 1];
                candidates
                    .iter()
                    .filter_map(|&y| Date::new(y, self.month, self.day).ok())
                    .min_by_key(|d| (near - *d).get_days().abs())
            }
        }
    }
}

/// Reads a whole string as one date: "2021-09-24", "24 September 2021", "September 24, 2021",
/// "Friday, 24 September 2021", "Sept. 24, 2021", "24 Sep 2021", "Sept. 24" (no year).
pub fn parse_loose(s: &str) -> Option<LooseDate> {
    let s = s.trim().trim_end_matches(['.', ',']);
    if let Some(d) = parse_iso(s) {
        return Some(LooseDate {
            year: Some(d.year()),
            month: d.month(),
            day: d.day(),
        });
    }
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let mut tokens: &[&str] = &tokens;
    if let Some(first) = tokens.first()
        && weekday_from_word(first).is_some()
    {
        tokens = &tokens[1..];
    }
    let day_of = |t: &str| -> Option<i8> {
        let t = t
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th");
        let d: i8 = t.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    };
    let year_of = |t: &str| -> Option<i16> {
        let y: i16 = t.parse().ok()?;
        (t.len() == 4).then_some(y)
    };
    match tokens {
        [d, m, y] if day_of(d).is_some() => Some(LooseDate {
            year: Some(year_of(y)?),
            month: month_from_word(m)?,
            day: day_of(d)?,
        }),
        [m, d, y] => Some(LooseDate {
            year: Some(year_of(y)?),
            month: month_from_word(m)?,
            day: day_of(d)?,
        }),
        [d, m] if day_of(d).is_some() => Some(LooseDate {
            year: None,
            month: month_from_word(m)?,
            day: day_of(d)?,
        }),
        [m, d] => Some(LooseDate {
            year: None,
            month: month_from_word(m)?,
            day: day_of(d)?,
        }),
        [d, "of", m, y] => Some(LooseDate {
            year: Some(year_of(y)?),
            month: month_from_word(m)?,
            day: day_of(d)?,
        }),
        _ => None,
    }
}

/// "2021-09-24".
pub fn parse_iso(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_and_weekday_words_whole_or_abbreviated() {
        let months = [
            ("September", Some(9)),
            ("Sept.", Some(9)),
            ("SEPT", Some(9)),
            ("sep", Some(9)),
            ("Septe", None),
            ("March", Some(3)),
            ("mar", Some(3)),
            ("Marc", None),
            ("mayor", None),
            ("Dec.", Some(12)),
            ("Ma", None),
            ("Décembre", None),
        ];
        for (word, month) in months {
            assert_eq!(month_from_word(word), month, "{word}");
            assert!(month.is_none() || may_be_month_or_weekday(word), "{word}");
        }
        let days = [
            ("Thurs.", Some(Weekday::Thursday)),
            ("thur", Some(Weekday::Thursday)),
            ("Thu", Some(Weekday::Thursday)),
            ("Tues", Some(Weekday::Tuesday)),
            ("Sunday", Some(Weekday::Sunday)),
            ("SAT", Some(Weekday::Saturday)),
            ("Mond", None),
            ("Wednesdays", None),
            ("Tu", None),
            ("Sundays", None),
        ];
        for (word, day) in days {
            assert_eq!(weekday_from_word(word), day, "{word}");
            assert!(day.is_none() || may_be_month_or_weekday(word), "{word}");
        }
    }

    /// The first way of writing these: a lower-case copy compared with the names.
    fn month_reference(word: &str) -> Option<i8> {
        let w = word.trim_end_matches('.').to_ascii_lowercase();
        let full = MONTH_NAMES.iter().position(|m| m.eq_ignore_ascii_case(&w));
        if let Some(i) = full {
            return Some(i as i8 + 1);
        }
        if w == "sept" {
            return Some(9);
        }
        if w.len() == 3 {
            return MONTH_NAMES
                .iter()
                .position(|m| m.to_ascii_lowercase().starts_with(&w))
                .map(|i| i as i8 + 1);
        }
        None
    }

    fn weekday_reference(word: &str) -> Option<Weekday> {
        let w = word.trim_end_matches('.').to_ascii_lowercase();
        const DAYS: [(&str, Weekday); 7] = [
            ("monday", Weekday::Monday),
            ("tuesday", Weekday::Tuesday),
            ("wednesday", Weekday::Wednesday),
            ("thursday", Weekday::Thursday),
            ("friday", Weekday::Friday),
            ("saturday", Weekday::Saturday),
            ("sunday", Weekday::Sunday),
        ];
        DAYS.iter()
            .find(|(name, _)| {
                *name == w
                    || (w.len() >= 3
                        && name.starts_with(&w)
                        && (w.len() == 3 || w == "tues" || w == "thur" || w == "thurs"))
            })
            .map(|&(_, d)| d)
    }

    #[test]
    fn month_and_weekday_words_read_as_before() {
        let words = [
            "January",
            "JANUARY",
            "jan",
            "Jan.",
            "Sept",
            "SEPT.",
            "Sep",
            "sept..",
            "May",
            "may.",
            "Mayday",
            "Ma",
            "Thurs",
            "THUR.",
            "Tues",
            "tue",
            "Wed",
            "Wednes",
            "Sun",
            "Sunday.",
            "Fri",
            "frid",
            "",
            ".",
            "Mär",
            "JUNE",
            "juli",
            "Dec.",
            "dece",
            "mon",
            "Mo",
            "thu",
            "Thursday",
            "thursdays",
            "Satur",
            "Ｍay",
        ];
        for w in words {
            assert_eq!(month_from_word(w), month_reference(w), "{w}");
            assert_eq!(weekday_from_word(w), weekday_reference(w), "{w}");
        }
    }

    #[test]
    fn loose_dates_in_common_forms() {
        let full = Some(LooseDate {
            year: Some(2021),
            month: 9,
            day: 24,
        });
        for s in [
            "2021-09-24",
            "24 September 2021",
            "September 24, 2021",
            "Friday, 24 September 2021",
            "Sept. 24, 2021",
            "24 Sep 2021",
            "24th of September 2021",
        ] {
            assert_eq!(parse_loose(s), full, "{s}");
        }
        assert_eq!(
            parse_loose("Sept. 24"),
            Some(LooseDate {
                year: None,
                month: 9,
                day: 24
            })
        );
        assert_eq!(parse_loose("Japan Holds Meetings"), None);
        assert_eq!(parse_loose("May 2021"), None);
    }

    #[test]
    fn yearless_dates_take_the_nearest_year() {
        let near = jiff::civil::date(2022, 1, 3);
        let d = LooseDate {
            year: None,
            month: 12,
            day: 30,
        }
        .resolve(near)
        .unwrap();
        assert_eq!(d, jiff::civil::date(2021, 12, 30));
    }
}
