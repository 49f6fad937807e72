//! `--format github`: GitHub Actions workflow commands, one per diagnostic.

use super::FileResult;
use crate::rules::Severity;
use std::io::Write;

/// Escapes a workflow command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn write<W: Write>(out: &mut W, results: &[FileResult]) -> std::io::Result<()> {
    for r in results {
        let file = escape_property(&r.shown);
        if let Some(e) = &r.error {
            writeln!(out, "::error file={file},title=diplint::{}", escape_data(e))?;
        }
        let Some(checked) = &r.checked else {
            continue;
        };
        for l in &checked.diagnostics {
            let d = &l.diagnostic;
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            writeln!(
                out,
                "::{command} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                l.start.0,
                l.start.1,
                l.end.0,
                l.end.1,
                escape_property(d.finding.rule.id),
                escape_data(&d.finding.message)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_are_escaped() {
        assert_eq!(escape_data("50% of\nit"), "50%25 of%0Ait");
        assert_eq!(escape_property("a,b:c"), "a%2Cb%3Ac");
    }
}
