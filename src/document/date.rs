//! The document's date, found in the order the SPEC fixes: the `--date` option, `document_date`
//! in config, Markdown front matter, a dateline in the first lines, a `YYYY-MM-DD` in the file
//! name, otherwise today.

use super::Document;
use crate::rules::date::parse::{parse_iso, parse_loose};
use crate::rules::{DateSource, DocumentDate};
use jiff::civil::Date;
use std::path::Path;

/// How many lines from the top a dateline may stand.
const DATELINE_LINES: usize = 20;

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
/// dateline "TOKYO, Sept. 24 (Kyodo) —".
fn dateline(doc: &Document, path: Option<&Path>) -> Option<(Date, std::ops::Range<usize>)> {
    let near = path.and_then(filename_date).unwrap_or_else(today);
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
        if let Some(loose) = parse_loose(candidate)
            && let Some(date) = loose.resolve(near)
        {
            return Some((date, offset..offset + candidate.len()));
        }
        if let Some(found) = news_dateline(trimmed, at, near) {
            return Some(found);
        }
    }
    None
}

/// "TOKYO, Sept. 24 (Kyodo) —": capitals, a comma, a date, an agency in brackets.
fn news_dateline(line: &str, at: usize, near: Date) -> Option<(Date, std::ops::Range<usize>)> {
    let (place, rest) = line.split_once(',')?;
    if place.is_empty() || place.chars().any(|c| c.is_lowercase()) {
        return None;
    }
    let open = rest.find('(')?;
    let date_text = rest[..open].trim();
    let loose = parse_loose(date_text)?;
    let start = at + place.len() + 1 + (rest.len() - rest.trim_start().len());
    Some((loose.resolve(near)?, start..start + date_text.len()))
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
