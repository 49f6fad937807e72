//! One run of the engine over one version of a document, and its findings as LSP diagnostics.

use super::config::Kit;
use crate::document::{Cursor, Document, Encoding};
use crate::engine::{Diagnostic, Report};
use crate::rules::{Severity, Subject};
use serde::Serialize;
use serde::ser::SerializeSeq;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;
use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, Location, NumberOrString, Position, Uri,
};

/// What the engine found in one version of a document, with everything needed to answer
/// requests about it.
pub struct Analysis {
    /// Bumped by every edit and every configuration change: an analysis is current while its
    /// generation is the document's.
    pub generation: u64,
    pub version: i32,
    pub document: Arc<Document>,
    pub report: Report,
    pub kit: Arc<Kit>,
    pub encoding: Encoding,
    /// Why the document was not checked (too large), if it was not.
    pub skipped: Option<String>,
    pub path: Option<std::path::PathBuf>,
}

impl Analysis {
    pub fn position(&self, offset: usize) -> Position {
        let p = self.document.lsp_position(offset, self.encoding);
        Position::new(p.line, p.col)
    }

    pub fn range(&self, span: &Range<usize>) -> lsp::Range {
        lsp::Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position; `None` past the last line.
    pub fn offset(&self, pos: Position) -> Option<usize> {
        self.document.offset_of(
            crate::document::LineCol {
                line: pos.line,
                col: pos.character,
            },
            self.encoding,
        )
    }

    /// Every recognised span with what it is: the annotations, then the findings' subjects.
    pub fn recognised(&self) -> impl Iterator<Item = (Range<usize>, Cow<'_, Subject>)> {
        let annotations = self.report.annotations.iter().map(|x| (x.span, x.subject));
        let findings = self.report.diagnostics.iter().filter_map(|d| {
            d.finding
                .subject
                .as_ref()
                .map(|s| (d.finding.span.clone(), Cow::Borrowed(s)))
        });
        annotations.chain(findings)
    }

    /// The result id of pull diagnostics: one per generation.
    pub fn result_id(&self) -> String {
        format!("g{}", self.generation)
    }

    /// Every diagnostic, converted in order of offset: each position is counted from the last.
    pub fn lsp_diagnostics(&self, uri: &Uri) -> Vec<lsp::Diagnostic> {
        let mut cursor = self.document.cursor(self.encoding.into());
        self.report
            .diagnostics
            .iter()
            .map(|d| self.converted(uri, d, &mut cursor))
            .collect()
    }

    /// The parameters of `textDocument/publishDiagnostics` for this analysis, serialized as
    /// [`lsp_diagnostics`](Self::lsp_diagnostics) in `PublishDiagnosticsParams` would be, but
    /// converted one at a time as they are written: the diagnostics of a large document,
    /// converted all at once, are megabytes of small allocations for each edit.
    pub fn publish_params<'a>(&'a self, uri: &'a Uri) -> impl Serialize + 'a {
        PublishParams {
            uri,
            diagnostics: Streamed {
                analysis: self,
                uri,
            },
            version: self.version,
        }
    }

    pub fn lsp_diagnostic(&self, uri: &Uri, d: &Diagnostic) -> lsp::Diagnostic {
        self.converted(uri, d, &mut self.document.cursor(self.encoding.into()))
    }

    fn converted(&self, uri: &Uri, d: &Diagnostic, cursor: &mut Cursor<'_>) -> lsp::Diagnostic {
        let f = &d.finding;
        let mut range = |span: &Range<usize>| {
            let (start, end) = (cursor.position(span.start), cursor.position(span.end));
            lsp::Range::new(
                Position::new(start.line, start.col),
                Position::new(end.line, end.col),
            )
        };
        let own = range(&f.span);
        let related = (!f.related.is_empty()).then(|| {
            f.related
                .iter()
                .map(|r| DiagnosticRelatedInformation {
                    location: Location::new(uri.clone(), range(&r.span)),
                    message: r.message.clone(),
                })
                .collect()
        });
        lsp::Diagnostic {
            range: own,
            severity: Some(lsp_severity(d.severity)),
            code: Some(NumberOrString::String(f.rule.id.to_string())),
            code_description: None,
            source: Some("diplint".into()),
            message: f.message.to_string(),
            related_information: related,
            tags: None,
            data: None,
        }
    }

    /// The engine's diagnostics whose span touches the byte range `from..to`.
    pub fn diagnostics_touching(
        &self,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = &Diagnostic> {
        self.report.diagnostics.iter().filter(move |d| {
            let s = &d.finding.span;
            s.start <= to && from <= s.end
        })
    }
}

#[derive(Serialize)]
struct PublishParams<'a> {
    uri: &'a Uri,
    diagnostics: Streamed<'a>,
    version: i32,
}

/// An analysis's diagnostics, serialized as a list of LSP diagnostics.
struct Streamed<'a> {
    analysis: &'a Analysis,
    uri: &'a Uri,
}

impl Serialize for Streamed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let a = self.analysis;
        let mut cursor = a.document.cursor(a.encoding.into());
        let mut list = serializer.serialize_seq(Some(a.report.diagnostics.len()))?;
        for d in &a.report.diagnostics {
            list.serialize_element(&a.converted(self.uri, d, &mut cursor))?;
        }
        list.end()
    }
}

pub fn lsp_severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// A config file's error as a diagnostic on that file.
pub fn config_error_diagnostic(e: &crate::config::ConfigError) -> lsp::Diagnostic {
    let at = Position::new(
        e.line.saturating_sub(1) as u32,
        e.column.saturating_sub(1) as u32,
    );
    lsp::Diagnostic {
        range: lsp::Range::new(at, at),
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        code: None,
        code_description: None,
        source: Some("diplint".into()),
        message: e.message.clone(),
        related_information: None,
        tags: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::document::DocKind;
    use crate::engine::Engine;
    use crate::registry::Registry;

    fn analysis(text: &str, encoding: Encoding) -> Analysis {
        let engine = Engine::new(Registry::embedded());
        let document = Arc::new(Document::new(text.to_string(), DocKind::Markdown));
        let report = engine.check(&document, &Settings::default(), None, None);
        Analysis {
            generation: 1,
            version: 7,
            document,
            report,
            kit: Arc::new(Kit::new(engine)),
            encoding,
            skipped: None,
            path: None,
        }
    }

    #[test]
    fn streamed_diagnostics_serialize_as_the_converted_ones() {
        // Findings with a fix, a related place and a position after non-ASCII text.
        let text = "---\ndate: 2021-09-24\n---\n\nMinistre Fumio Kishda of Japn met the \
                    Japan International Cooperation Agency (JICA) team.\n\nJICA and JICA, \
                    on Tuesday 2 March 2019, with António Guterres.\n";
        let uri: Uri = "file:///streamed.md".parse().expect("uri");
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let a = analysis(text, encoding);
            assert!(!a.report.diagnostics.is_empty(), "the text draws findings");
            let tree = lsp::PublishDiagnosticsParams::new(
                uri.clone(),
                a.lsp_diagnostics(&uri),
                Some(a.version),
            );
            let streamed = serde_json::to_value(a.publish_params(&uri)).expect("serialize");
            assert_eq!(streamed, serde_json::to_value(&tree).expect("serialize"));
        }
    }
}
