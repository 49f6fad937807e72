//! The four output formats of `diplint check`, over one shared view of each diagnostic.

mod github;
mod human;
mod json;
mod sarif;

use super::Format;
use super::check::FileResult;
use crate::document::{Cursor, Document, Unit};
use crate::engine::{Diagnostic, Report};
use crate::rules::DocumentDate;
use crate::rules::Severity;
use human::Excerpt;
use std::io::Write;

/// What was found in one file, ready to print in any format. It keeps nothing of the document
/// but each diagnostic's own text and line, so that the files of a large folder cost little
/// memory while they wait to be printed.
pub struct Checked {
    pub date: DocumentDate,
    pub diagnostics: Vec<Located>,
}

impl Checked {
    pub fn new(doc: &Document, report: Report) -> Checked {
        let mut locator = Locator::new(doc);
        Checked {
            date: report.date,
            diagnostics: report
                .diagnostics
                .into_iter()
                .map(|d| locator.locate(d))
                .collect(),
        }
    }
}

/// A diagnostic with its positions computed: what every format prints.
pub struct Located {
    pub diagnostic: Diagnostic,
    /// 1-based, Unicode scalar values; `end` exclusive.
    pub start: (usize, usize),
    pub end: (usize, usize),
    /// The source text of its span.
    pub text: String,
    /// Its line as the human format shows it.
    pub excerpt: Excerpt,
}

/// Locates the diagnostics of one document, in order: one cursor serves them all, so a long line
/// is read once rather than once per diagnostic on it.
struct Locator<'a> {
    doc: &'a Document,
    cursor: Cursor<'a>,
}

impl<'a> Locator<'a> {
    fn new(doc: &'a Document) -> Locator<'a> {
        Locator {
            doc,
            cursor: doc.cursor(Unit::Scalar),
        }
    }

    fn locate(&mut self, diagnostic: Diagnostic) -> Located {
        let span = diagnostic.finding.span.clone();
        let mut at = |offset| {
            let p = self.cursor.position(offset);
            (p.line as usize + 1, p.col as usize + 1)
        };
        let (start, end) = (at(span.start), at(span.end));
        let source = &self.doc.source;
        let line = self.doc.lines.line_range(source, start.0 - 1);
        let excerpt = Excerpt::of(
            &source[line.clone()],
            span.start - line.start,
            span.end.min(line.end).max(span.start) - line.start,
        );
        Located {
            start,
            end,
            text: source[span].to_string(),
            excerpt,
            diagnostic,
        }
    }
}

/// Counts by severity over every file.
#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
}

impl Summary {
    pub fn of(results: &[FileResult]) -> Summary {
        let mut s = Summary {
            files: results.len(),
            ..Summary::default()
        };
        for d in results
            .iter()
            .filter_map(|r| r.checked.as_ref())
            .flat_map(|c| &c.diagnostics)
        {
            match d.diagnostic.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
                Severity::Hint => s.hints += 1,
            }
        }
        s
    }
}

pub fn print(format: Format, results: &[FileResult]) {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match format {
        Format::Human => human::write(&mut out, results),
        Format::Json => json::write(&mut out, results),
        Format::Sarif => sarif::write(&mut out, results),
        Format::Github => github::write(&mut out, results),
    };
    // A closed pipe (`diplint check | head`) is not an error worth a panic.
    let _ = written.and_then(|_| out.flush());
    if format != Format::Human {
        for r in results {
            if let Some(e) = &r.error {
                eprintln!("diplint: {}: {e}", r.shown);
            }
        }
    }
}

pub(crate) fn json_string<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

pub(crate) fn write_json<W: Write, T: serde::Serialize>(
    out: &mut W,
    value: &T,
) -> std::io::Result<()> {
    writeln!(out, "{}", json_string(value))
}
