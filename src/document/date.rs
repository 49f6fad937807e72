//! The document's date, found in the order the SPEC fixes: the `--date` option, `document_date`
//! in config, Markdown front matter, a dateline in the first lines, a `YYYY-MM-DD` in the file
//! name, otherwise today.

use super::Document;
use crate::rules::date::parse::{LooseDate, parse_iso, parse_loose};
use crate::rules::{DateSource, DocumentDate};
use jiff::civil::Date;
use std::path::Path;

/// How many lines from the top a dateline may stand.
const DATELINE_LINES: usize = 20;

/// The longest date a dateline holds ("Wednesday, 22nd of September 2021" has 33 bytes): a
/// longer line or lead is not read as one, so that a pasted 100 MB line is not split into words.
const DATELINE_DATE_BYTES: usize = 64;

pub fn document_date(
    doc: &Document,
    option: Option<Date>,
    config: Option<Date>,
    path: Option<&Path>,
) -> DocumentDate {
    if let Some(date) = option {
        return DocumentDate {
            date,
            source: DateSource::Option,
            span: None,
        };
    }
    if let Some(date) = config {
        return DocumentDate {
            date,
            source: DateSource::Config,
            span: None,
        };
    }
    if let Some(fm) = &doc.front_matter_date {
        let value = fm.value.get(..10).unwrap_or(&fm.value);
        if let Some(date) =
            parse_iso(value).or_else(|| parse_loose(&fm.value).and_then(|l| l.resolve(today())))
        {
            return DocumentDate {
                date,
                source: DateSource::FrontMatter,
                span: Some(fm.span.clone()),
            };
        }
    }
    if let Some((date, span)) = dateline(doc, path) {
        return DocumentDate {
            date,
            source: DateSource::Dateline,
            span: Some(span),
        };
    }
    if let Some(date) = path.and_then(filename_date) {
        return DocumentDate {
            date,
            source: DateSource::Filename,
            span: None,
        };
    }
    DocumentDate {
        date: today(),
        source: DateSource::Today,
        span: None,
    }
}

pub fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// A line that is only a date (with or without weekday), a `Date: ...` line, or a news
/// dateline "TOKYO, Sept. 24 (Kyodo) —". A dateline without a year takes the year nearest to
/// the file name's date, else to the latest full date written in the document (a report of
/// September 2021 says "24 September 2021" somewhere), else to today.
fn dateline(doc: &Document, path: Option<&Path>) -> Option<(Date, std::ops::Range<usize>)> {
    // Only a dateline without a year needs it: found once, when first asked for.
    let near_cell = std::cell::OnceCell::new();
    let near = || {
        *near_cell.get_or_init(|| {
            path.and_then(filename_date)
                .or_else(|| latest_written_date(doc))
                .unwrap_or_else(today)
        })
    };
    for line in 0..doc.lines.line_count().min(DATELINE_LINES) {
        let range = doc.lines.line_range(&doc.prose, line);
        let text = &doc.prose[range.clone()];
        let trimmed = text.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = text.len() - text.trim_start().len();
        let at = range.start + lead;
        let (candidate, offset) = match trimmed
            .strip_prefix("Date:")
            .or_else(|| trimmed.strip_prefix("DATE:"))
        {
            Some(rest) => (rest.trim(), at + (trimmed.len() - rest.trim_start().len())),
            None => (trimmed, at),
        };
        let short = candidate.len() <= DATELINE_DATE_BYTES;
        if let Some(date) = short
            .then(|| parse_loose(candidate))
            .flatten()
            .and_then(|loose| resolve(loose, &near))
        {
            return Some((date, offset..offset + candidate.len()));
        }
        if let Some(found) = news_dateline(trimmed, at, &near) {
            return Some(found);
        }
    }
    None
}

/// A date read from a dateline; the year, when not written, is the one nearest to `near()`.
fn resolve(loose: LooseDate, near: &dyn Fn() -> Date) -> Option<Date> {
    match loose.year {
        Some(_) => loose.resolve(jiff::civil::Date::MIN),
        None => loose.resolve(near()),
    }
}

/// The latest day written in full (with its year) in the document, not after today.
fn latest_written_date(doc: &Document) -> Option<Date> {
    let now = today();
    crate::rules::date::find_dates(&doc.prose, now)
        .into_iter()
        .filter(|m| {
            m.basis == crate::rules::date::model::Basis::Written
                && m.precision == crate::rules::date::Precision::Day
                && m.start <= now
        })
        .map(|m| m.start)
        .max()
}

/// "TOKYO, Sept. 24 (Kyodo) —", "WASHINGTON, Sept. 24 —", "Washington, D.C., Tuesday,
/// November 15, 2022 —", "Ministry of External Affairs, New Delhi, 24 September 2021": a
/// place, a comma, a date, then an agency in brackets, a dash, a colon, or the end of the
/// line when the date has its year.
fn news_dateline(
    line: &str,
    at: usize,
    near: &dyn Fn() -> Date,
) -> Option<(Date, std::ops::Range<usize>)> {
    let (place, _) = line.split_once(',')?;
    if !is_place(place) {
        return None;
    }
    let marked = ["(", "—", "–", " - ", ":"]
        .iter()
        .filter_map(|t| line.find(t))
        .min();
    let end = marked.unwrap_or(line.len());
    // The date is the tail of what stands between the place and the end, after one or two
    // more parts of the place ("D.C.,").
    let mut from = place.len() + 1;
    for _ in 0..3 {
        let text = line.get(from..end)?;
        let date_text = text.trim().trim_end_matches(',').trim_end();
        let short = date_text.len() <= DATELINE_DATE_BYTES;
        let loose = short
            .then(|| parse_loose(date_text))
            .flatten()
            .filter(|l| marked.is_some() || l.year.is_some());
        if let Some(loose) = loose {
            let start = at + from + (text.len() - text.trim_start().len());
            return Some((resolve(loose, near)?, start..start + date_text.len()));
        }
        from += text.find(',')? + 1;
    }
    None
}

/// A place or office in a dateline: "TOKYO", "New York", "Ministry of External Affairs".
fn is_place(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let small = |w: &&str| matches!(*w, "of" | "the" | "and" | "for" | "on" | "de" | "du");
    words.first().is_some_and(capital)
        && words.len() <= 6
        && words.iter().all(|w| capital(w) || small(w))
}

/// A `YYYY-MM-DD` anywhere in the file name.
fn filename_date(path: &Path) -> Option<Date> {
    let name = path.file_name()?.to_str()?;
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_digit();
        let boundary_after = bytes.get(i + 10).is_none_or(|b| !b.is_ascii_digit());
        (boundary_before && boundary_after)
            .then(|| name.get(i..i + 10).and_then(parse_iso))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocKind;

    fn date_of(text: &str, kind: DocKind, path: Option<&str>) -> DocumentDate {
        let doc = Document::new(text.to_string(), kind);
        document_date(&doc, None, None, path.map(Path::new))
    }

    #[test]
    fn order_option_config_front_matter() {
        let doc = Document::new("---\ndate: 2021-02-08\n---\nText".into(), DocKind::Markdown);
        let d = |y, m, day| jiff::civil::date(y, m, day);
        assert_eq!(
            document_date(&doc, Some(d(2020, 1, 1)), Some(d(2019, 1, 1)), None).source,
            DateSource::Option
        );
        assert_eq!(
            document_date(&doc, None, Some(d(2019, 1, 1)), None).source,
            DateSource::Config
        );
        let fm = document_date(&doc, None, None, None);
        assert_eq!(
            (fm.date, fm.source),
            (d(2021, 2, 8), DateSource::FrontMatter)
        );
    }

    #[test]
    fn datelines_of_several_shapes() {
        let cases = [
            ("Headline\n\nSeptember 24, 2021\nBody", "2021-09-24"),
            ("Friday, 24 September 2021\n", "2021-09-24"),
            ("Subject: talks\nDate: 3 March 2019\n", "2019-03-03"),
            ("TOKYO, Sept. 24 (Kyodo) — Japan said", "2021-09-24"),
            ("WASHINGTON, Sept. 24 — Japan said", "2021-09-24"),
            ("New York, 24 September 2021: the talks", "2021-09-24"),
            (
                "Ministry of External Affairs, New Delhi, 24 September 2021",
                "2021-09-24",
            ),
            (
                "Washington, D.C., Friday, September 24, 2021 — The United States",
                "2021-09-24",
            ),
        ];
        for (text, want) in cases {
            let d = date_of(text, DocKind::Plain, Some("2021-09-30-report.txt"));
            assert_eq!(d.date.to_string(), want, "{text}");
            assert_eq!(d.source, DateSource::Dateline);
            let span = d.span.unwrap();
            assert!(parse_loose(&text[span]).is_some());
        }
    }

    #[test]
    fn prose_lines_are_no_datelines() {
        for text in [
            "Japan, on 24 September, said — nothing.",
            "The talks, held on 24 September 2021 — ended.",
            "Tokyo said: nothing.",
            "Japan, India, 24 September",
            "Prime Minister of Japan, speaking on 24 September 2021 in New York.",
        ] {
            let d = date_of(text, DocKind::Plain, Some("2020-01-01-x.txt"));
            assert_eq!(d.source, DateSource::Filename, "{text}");
        }
    }

    #[test]
    fn yearless_datelines_take_the_year_of_the_text() {
        let text = "TOKYO, Sept. 24 (Kyodo) — The talks held on 21 September 2021 ended.";
        let d = date_of(text, DocKind::Plain, None);
        assert_eq!(
            (d.date.to_string().as_str(), d.source),
            ("2021-09-24", DateSource::Dateline)
        );
        let d = date_of(
            "Friday, 24 September\nText of 3 January 2022.",
            DocKind::Plain,
            None,
        );
        assert_eq!(d.date.to_string(), "2021-09-24");
    }

    #[test]
    fn file_name_then_today() {
        let d = date_of(
            "No date here.",
            DocKind::Plain,
            Some("reports/2021-09-24-unga.md"),
        );
        assert_eq!(
            (d.date.to_string().as_str(), d.source),
            ("2021-09-24", DateSource::Filename)
        );
        let d = date_of("No date here.", DocKind::Plain, Some("notes.txt"));
        assert_eq!(d.source, DateSource::Today);
    }
}
