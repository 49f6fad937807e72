//! One run of each fuzz target on one input. The fuzz targets (`fuzz/fuzz_targets/`) call these,
//! and `tests/fuzz_regressions.rs` replays the inputs that once failed through them, so a crash
//! found by fuzzing stays a test of `cargo test`.

use diplint::Engine;
use diplint::config::{DateFormat, Settings};
use diplint::document::{self, DocKind, Document, date::document_date};
use diplint::registry::Registry;
use diplint::rules::date::{self as dates, parse};
use jiff::civil::Date;
use std::path::Path;
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(Registry::embedded()));

/// A file name with a date keeps the outcome independent of the day the input is run.
const DATED_NAME: &str = "2021-09-24-report.md";

fn kind_of(selector: u8) -> DocKind {
    match selector % 3 {
        0 => DocKind::Markdown,
        1 => DocKind::Html,
        _ => DocKind::Plain,
    }
}

/// The document model on any bytes: decoding, setting markup aside, the document date and
/// position conversions. The first byte picks the kind of document.
pub fn document(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    // What the command line does with a file's bytes; invalid text is refused, not checked.
    let Ok(text) = document::decode(bytes.to_vec()) else {
        return;
    };
    let doc = Document::new(text, kind_of(selector));
    super::assert_document(&doc);
    let date = document_date(&doc, None, None, Some(Path::new(DATED_NAME)));
    if let Some(span) = &date.span {
        super::assert_span(&doc.source, span, "document date");
    }
    if doc.source.len() <= 2048 {
        super::assert_positions_round_trip(&doc);
    }
}

/// The date finder and the single-date parser on any text. The first two bytes pick the
/// document date, between 1970 and 2057.
pub fn dates(data: &[u8]) {
    let [low, high, ref rest @ ..] = *data else {
        return;
    };
    let days = i64::from(u16::from_le_bytes([low, high]) % 32_000);
    let document_date = jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or(jiff::civil::date(2021, 9, 24));
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    for mention in dates::find_dates(text, document_date) {
        super::assert_span(text, &mention.span, "date mention");
        assert!(mention.start <= mention.end, "{mention:?} runs backwards");
    }
    if let Some(loose) = parse::parse_loose(text) {
        let _: Option<Date> = loose.resolve(document_date);
    }
    let _ = parse::parse_iso(text);
    for word in text.split_whitespace().take(64) {
        let _ = parse::month_from_word(word);
        let _ = parse::weekday_from_word(word);
    }
}

const STYLES: [&str; 4] = ["none", "un", "eu", "ap"];
const FORMATS: [DateFormat; 4] = [
    DateFormat::Any,
    DateFormat::Dmy,
    DateFormat::Mdy,
    DateFormat::Iso,
];

/// The whole engine on any text, with the embedded registry: every check (the country, person,
/// title, acronym and markup mention finders, the date rules). The first byte picks the kind of
/// document, the style profile and the date format; the second the document date (one in every
/// three months from 2015 to 2030), or 0 to let the document date itself.
pub fn engine(data: &[u8]) {
    let [selector, day, ref rest @ ..] = *data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let settings = Settings {
        style: STYLES[usize::from(selector / 3 % 4)].to_string(),
        date_format: FORMATS[usize::from(selector / 12 % 4)],
        ..Settings::default()
    };
    let date = (day != 0).then(|| {
        let months = i64::from(day % 64) * 3;
        jiff::civil::date(2015, 1, 15)
            .checked_add(jiff::Span::new().months(months))
            .unwrap_or(jiff::civil::date(2021, 9, 24))
    });
    let doc = Document::new(text.to_string(), kind_of(selector));
    let report = ENGINE.check(&doc, &settings, date, Some(Path::new(DATED_NAME)));
    super::assert_report(&doc, &report);
}
