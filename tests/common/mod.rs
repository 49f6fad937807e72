//! What the property tests, the hostile-input tests and the fuzz targets share: the invariants
//! that must hold for any input. The fuzz crate includes this file by path.
#![allow(dead_code)] // each test crate uses a part

use diplint::Report;
use diplint::document::{Document, Encoding, LineCol};
use diplint::rules::{Finding, Subject};
use std::ops::Range;

pub mod targets;

/// A span that slices `text` without panicking: in bounds, ordered, on character boundaries.
#[track_caller]
pub fn assert_span(text: &str, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} splits a character"
    );
}

/// The document model keeps offsets: the prose has the source's length, its line breaks stay
/// where they were, and every span it recorded slices the source.
#[track_caller]
pub fn assert_document(doc: &Document) {
    assert_eq!(
        doc.prose.len(),
        doc.source.len(),
        "prose and source lengths differ"
    );
    let prose = doc.prose.as_bytes();
    for (i, b) in doc.source.bytes().enumerate() {
        if b == b'\n' || b == b'\r' {
            assert_eq!(prose[i], b, "line break at {i} lost in the prose");
        }
    }
    for d in &doc.directives {
        assert_span(&doc.source, &d.span, "directive");
    }
    if let Some(fm) = &doc.front_matter_date {
        assert_span(&doc.source, &fm.span, "front matter date");
        assert_eq!(
            &doc.source[fm.span.clone()],
            fm.value,
            "front matter date span"
        );
    }
}

/// Every finding, related place and annotation slices the source, and the report is sorted.
#[track_caller]
pub fn assert_report(doc: &Document, report: &Report) {
    let source = &doc.source;
    if let Some(span) = &report.date.span {
        assert_span(source, span, "document date");
    }
    for (i, d) in report.diagnostics.iter().enumerate() {
        // Converting positions walks the line and a fix copies the text: on a long line with
        // thousands of findings, doing so for every one takes longer than the check itself.
        assert_finding(doc, &d.finding, i < 64);
    }
    let keys: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.finding.span.start, d.finding.rule.id, d.finding.span.end))
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] <= w[1]),
        "diagnostics not sorted: {keys:?}"
    );
    for a in &report.annotations {
        assert_span(source, &a.span, "annotation");
        assert_subject(&a.subject);
    }
}

#[track_caller]
fn assert_finding(doc: &Document, f: &Finding, thoroughly: bool) {
    let what = f.rule.id;
    assert_span(&doc.source, &f.span, what);
    for r in &f.related {
        assert_span(&doc.source, &r.span, what);
    }
    if let Some(subject) = &f.subject {
        assert_subject(subject);
    }
    if !thoroughly {
        return;
    }
    // Positions of both ends exist and map back to an offset.
    for offset in [f.span.start, f.span.end] {
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            let pos = doc.lsp_position(offset, enc);
            let back = doc.offset_of(pos, enc);
            assert!(
                back.is_some(),
                "{what}: position {pos:?} of {offset} has no offset"
            );
        }
        let (line, col) = doc.scalar_position(offset);
        assert!(line >= 1 && col >= 1);
    }
    // A fix replaces the span with text, leaving a valid document.
    for fix in &f.fixes {
        let mut fixed = doc.source.clone();
        fixed.replace_range(f.span.clone(), &fix.replacement);
    }
}

fn assert_subject(subject: &Subject) {
    if let Subject::Date { start, end, .. } = subject {
        assert!(start <= end, "date interval {start}..{end} runs backwards");
    }
}

/// Every way of converting positions comes back to where it started, for every character
/// boundary of `text` (but the `\n` of a `\r\n`, which is no position of its own).
#[track_caller]
pub fn assert_positions_round_trip(doc: &Document) {
    let text = &doc.source;
    let bytes = text.as_bytes();
    for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
        let inside_crlf =
            offset > 0 && bytes[offset - 1] == b'\r' && bytes.get(offset) == Some(&b'\n');
        if inside_crlf {
            continue;
        }
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            let pos = doc.lsp_position(offset, enc);
            assert_eq!(
                doc.offset_of(pos, enc),
                Some(offset),
                "{enc:?} position {pos:?} of offset {offset}"
            );
        }
        let (line, col) = doc.scalar_position(offset);
        let start = doc
            .lines
            .line_start(line - 1)
            .expect("line of a scalar position");
        let back = text[start..]
            .char_indices()
            .nth(col - 1)
            .map_or(text.len(), |(i, _)| start + i);
        assert_eq!(
            back, offset,
            "scalar position ({line}, {col}) of offset {offset}"
        );
    }
    // Any position lands on a character boundary of its line, or is refused past the last line.
    let lines = doc.lines.line_count() as u32;
    for line in [0, lines.saturating_sub(1), lines, lines + 1] {
        for col in [0, 1, 2, 3, 1000] {
            for enc in [Encoding::Utf16, Encoding::Utf8] {
                match doc.offset_of(LineCol { line, col }, enc) {
                    Some(o) => {
                        assert!(line < lines, "line {line} of {lines} has an offset");
                        assert!(text.is_char_boundary(o), "offset {o} splits a character");
                    }
                    None => assert!(line >= lines, "line {line} of {lines} refused"),
                }
            }
        }
    }
}
