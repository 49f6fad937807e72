//! `--format human`: rustc-style reports, the source line with the span underlined.

use super::{FileResult, Summary};
use std::io::Write;

pub fn write<W: Write>(out: &mut W, results: &[FileResult]) -> std::io::Result<()> {
    for r in results {
        if let Some(e) = &r.error {
            eprintln!("diplint: {}: {e}", r.shown);
            continue;
        }
        let Some(checked) = &r.checked else {
            continue;
        };
        if checked.diagnostics.is_empty() {
            continue;
        }
        for l in &checked.diagnostics {
            let d = &l.diagnostic;
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
            let shown = &l.excerpt;
            writeln!(out, "{line} | {}", shown.text)?;
            writeln!(
                out,
                "{gutter} | {}{}",
                " ".repeat(shown.caret),
                "^".repeat(shown.width)
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
            checked.date.date,
            checked.date.source.as_str()
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

/// The part of a source line printed under a diagnostic, with where its caret goes: the whole
/// line, or for a very long line a window around the finding, so that a file of one 100 MB line
/// prints kilobytes per diagnostic rather than the line each time.
pub struct Excerpt {
    text: String,
    /// Characters before the finding in `text`.
    caret: usize,
    /// Characters underlined, at least one.
    width: usize,
}

/// Lines longer than this many bytes are shown as a window around the finding.
const LONGEST_LINE_SHOWN: usize = 300;
/// How many bytes of context a window keeps on each side of the finding.
const CONTEXT: usize = 60;
/// How many bytes of a finding a window shows at most.
const LONGEST_FINDING_SHOWN: usize = 180;

impl Excerpt {
    /// `start..end`: the finding's bytes within `line`, on char boundaries.
    pub fn of(line: &str, start: usize, end: usize) -> Excerpt {
        let (from, to) = if line.len() <= LONGEST_LINE_SHOWN {
            (0, line.len())
        } else {
            let to = end.min(start + LONGEST_FINDING_SHOWN) + CONTEXT;
            (
                line.floor_char_boundary(start.saturating_sub(CONTEXT)),
                line.ceil_char_boundary(to),
            )
        };
        let cut_before = if from > 0 { "…" } else { "" };
        let cut_after = if to < line.len() { "…" } else { "" };
        let text = format!("{cut_before}{}{cut_after}", &line[from..to]).replace('\t', " ");
        Excerpt {
            text,
            caret: cut_before.chars().count() + line[from..start].chars().count(),
            width: line[start..end.min(to)].chars().count().max(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_line_is_shown_whole_with_the_finding_underlined() {
        let line = "Ça\tva, Phillipines";
        let start = line.find("Phillipines").unwrap();
        let shown = Excerpt::of(line, start, line.len());
        assert_eq!(shown.text, "Ça va, Phillipines");
        assert_eq!((shown.caret, shown.width), (7, 11));
        let empty = Excerpt::of(line, 3, 3);
        assert_eq!(
            (empty.caret, empty.width),
            (2, 1),
            "\"Ça\" is three bytes, two characters"
        );
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_finding() {
        let line = format!("{}Phillipines{}", "é".repeat(5_000), "x".repeat(5_000));
        let start = "é".len() * 5_000;
        let shown = Excerpt::of(&line, start, start + "Phillipines".len());
        assert!(shown.text.len() < 200, "{}", shown.text);
        assert!(shown.text.starts_with('…') && shown.text.ends_with('…'));
        let underlined: String = shown
            .text
            .chars()
            .skip(shown.caret)
            .take(shown.width)
            .collect();
        assert_eq!(underlined, "Phillipines");
    }
}
