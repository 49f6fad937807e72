//! The date finder and the single-date parser on any text, against any document date.
#![no_main]

#[path = "../../tests/common/mod.rs"]
mod common;

use diplint::rules::date::{self, parse};
use jiff::civil::Date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    // Two bytes pick a document date between 1970 and 2059.
    let days = i64::from(u16::from_le_bytes([data[0], data[1]]) % 32_000);
    let document_date = jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or(jiff::civil::date(2021, 9, 24));
    let Ok(text) = std::str::from_utf8(&data[2..]) else {
        return;
    };
    for mention in date::find_dates(text, document_date) {
        common::assert_span(text, &mention.span, "date mention");
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
});
