//! `--format human`: rustc-style reports, the source line with the span underlined.

use super::{FileResult, Summary, locate};
use std::io::Write;

pub fn write<W: Write>(out: &mut W, results: &[FileResult]) -> std::io::Result<()> {
    for r in results {
        if let Some(e) = &r.error {
            eprintln!("diplint: {}: {e}", r.shown);
            continue;
        }
        let (Some(doc), Some(report)) = (&r.doc, &r.report) else {
            continue;
        };
        if report.diagnostics.is_empty() {
            continue;
        }
        for d in &report.diagnostics {
            let l = locate(doc, d);
            let (line, col) = l.start;
            writeln!(
                out,
                "{}[{}]: {}",
                d.severity.as_str(),
                d.finding.rule.id,
                d.finding.message
            )?;
            let gutter = " ".repeat(line.to_string().len());
            writeln!(out, "{gutter}--> {}:{line}:{col}", r.shown)?;
            writeln!(out, "{gutter} |")?;
            let range = doc.lines.line_range(&doc.source, line - 1);
            let source_line = doc.source[range.clone()].replace('\t', " ");
            writeln!(out, "{line} | {source_line}")?;
            let width = if l.end.0 == line {
                (l.end.1 - col).max(1)
            } else {
                source_line.chars().count().saturating_sub(col - 1).max(1)
            };
            writeln!(
                out,
                "{gutter} | {}{}",
                " ".repeat(col - 1),
                "^".repeat(width)
            )?;
            for fix in &d.finding.fixes {
                writeln!(out, "{gutter} = fix: {}", fix.title)?;
            }
            writeln!(out)?;
        }
        writeln!(
            out,
            "{}: document date {} ({})",
            r.shown,
            report.date.date,
            report.date.source.as_str()
        )?;
        writeln!(out)?;
    }
    let s = Summary::of(results);
    let failed = results.iter().filter(|r| r.error.is_some()).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    write!(
        out,
        "{} checked: {}, {}, {}, {}",
        plural(s.files, "file"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info"),
        plural(s.hints, "hint")
    )?;
    if failed > 0 {
        write!(out, "; {} could not be checked", plural(failed, "file"))?;
    }
    writeln!(out)
}
