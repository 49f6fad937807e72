//! The document model on any bytes: decoding, setting markup aside in Markdown, HTML and plain
//! text, the document date and position conversions. Nothing may panic, and the prose must keep
//! the source's offsets.
#![no_main]

#[path = "../../tests/common/mod.rs"]
mod common;

use diplint::document::{self, DocKind, Document, date::document_date};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let kind = match selector % 3 {
        0 => DocKind::Markdown,
        1 => DocKind::Html,
        _ => DocKind::Plain,
    };
    // What the command line does with a file's bytes; invalid text is refused, not checked.
    let Ok(text) = document::decode(bytes.to_vec()) else {
        return;
    };
    let doc = Document::new(text, kind);
    common::assert_document(&doc);
    // A file name with a date keeps the outcome independent of the day the fuzzer runs.
    let date = document_date(&doc, None, None, Some(Path::new("2021-09-24-report.md")));
    if let Some(span) = &date.span {
        common::assert_span(&doc.source, span, "document date");
    }
    if doc.source.len() <= 2048 {
        common::assert_positions_round_trip(&doc);
    }
});
