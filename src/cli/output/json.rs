//! `--format json`: the document fixed by the SPEC.

use super::{FileResult, Summary, write_json};
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<File<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    document_date: Option<DocumentDate>,
    error: Option<&'a str>,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct DocumentDate {
    date: String,
    source: &'static str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    range: Range,
    offset: Offset,
    text: &'a str,
    fixes: &'a [crate::rules::Fix],
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Offset {
    start: usize,
    end: usize,
}

pub fn write<W: Write>(out: &mut W, results: &[FileResult]) -> std::io::Result<()> {
    let files = results
        .iter()
        .map(|r| File {
            path: &r.shown,
            document_date: r.checked.as_ref().map(|c| DocumentDate {
                date: c.date.date.to_string(),
                source: c.date.source.as_str(),
            }),
            error: r.error.as_deref(),
            diagnostics: match &r.checked {
                Some(checked) => checked
                    .diagnostics
                    .iter()
                    .map(|l| {
                        let d = &l.diagnostic;
                        Diagnostic {
                            rule: d.finding.rule.id,
                            severity: d.severity.as_str(),
                            message: &d.finding.message,
                            range: Range {
                                start: Position {
                                    line: l.start.0,
                                    column: l.start.1,
                                },
                                end: Position {
                                    line: l.end.0,
                                    column: l.end.1,
                                },
                            },
                            offset: Offset {
                                start: d.finding.span.start,
                                end: d.finding.span.end,
                            },
                            text: &l.text,
                            fixes: &d.finding.fixes,
                        }
                    })
                    .collect(),
                _ => Vec::new(),
            },
        })
        .collect();
    write_json(
        out,
        &Output {
            version: 1,
            files,
            summary: Summary::of(results),
        },
    )
}
