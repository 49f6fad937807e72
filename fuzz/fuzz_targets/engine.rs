//! The whole engine on any text: every check (the country, person, title, acronym and markup
//! mention finders, the date rules) with the embedded registry, in each kind of document, on
//! a range of document dates and style profiles. Every finding must slice the source exactly.
#![no_main]

#[path = "../../tests/common/mod.rs"]
mod common;

use diplint::config::{DateFormat, Settings};
use diplint::document::{DocKind, Document};
use diplint::registry::Registry;
use diplint::Engine;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(Registry::embedded()));

const STYLES: [&str; 4] = ["none", "un", "eu", "ap"];
const FORMATS: [DateFormat; 4] = [DateFormat::Any, DateFormat::Dmy, DateFormat::Mdy, DateFormat::Iso];

fuzz_target!(|data: &[u8]| {
    let [selector, day, ref rest @ ..] = *data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let kind = match selector % 3 {
        0 => DocKind::Markdown,
        1 => DocKind::Html,
        _ => DocKind::Plain,
    };
    let settings = Settings {
        style: STYLES[usize::from(selector / 3 % 4)].to_string(),
        date_format: FORMATS[usize::from(selector / 12 % 4)],
        ..Settings::default()
    };
    // One date in every three months from 2015 to 2030; 0 lets the document date itself.
    let date = (day != 0).then(|| {
        let months = i64::from(day % 64) * 3;
        jiff::civil::date(2015, 1, 15)
            .checked_add(jiff::Span::new().months(months))
            .unwrap_or(jiff::civil::date(2021, 9, 24))
    });
    let doc = Document::new(text.to_string(), kind);
    let report = ENGINE.check(&doc, &settings, date, Some(std::path::Path::new("2021-09-24.md")));
    common::assert_report(&doc, &report);
});
