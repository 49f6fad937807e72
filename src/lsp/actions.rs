//! Code actions: each finding's fixes, "disable RULE on this line", "accept NAME in this
//! workspace" (an `[[ignore]]` entry in `diplint.toml`), and fix-all of one rule or of every
//! rule in the document.

use super::diagnostics::Analysis;
use crate::document::{DirectiveAction, DocKind, Encoding, LineIndex};
use crate::engine::Diagnostic;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CreateFile, CreateFileOptions,
    DocumentChangeOperation, DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier,
    Position, Range, ResourceOp, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

/// The kind of the action that applies every fix of the document.
pub const FIX_ALL_KIND: &str = "source.fixAll.diplint";

/// Where "accept NAME in this workspace" writes.
pub struct AcceptTarget {
    pub uri: Uri,
    /// The file's text when it exists (as open in the editor, else on disk).
    pub existing: Option<String>,
}

/// What the client can apply.
#[derive(Debug, Clone, Copy, Default)]
pub struct EditSupport {
    /// `documentChanges` with versions.
    pub document_changes: bool,
    /// Creating files in a workspace edit.
    pub create_files: bool,
}

pub struct Request<'a> {
    pub uri: &'a Uri,
    pub analysis: &'a Analysis,
    /// The byte range asked about.
    pub from: usize,
    pub to: usize,
    pub only: Option<&'a [CodeActionKind]>,
    pub accept: Option<AcceptTarget>,
    pub support: EditSupport,
}

pub fn code_actions(req: &Request) -> Vec<CodeActionOrCommand> {
    let a = req.analysis;
    let mut actions = Vec::new();
    let in_range: Vec<&Diagnostic> = a.diagnostics_touching(req.from, req.to).collect();
    if wanted(req.only, &CodeActionKind::QUICKFIX) {
        for d in &in_range {
            actions.extend(fixes(req, d));
        }
        let mut rules_done = Vec::new();
        for d in &in_range {
            if !rules_done.contains(&d.finding.rule.id) {
                rules_done.push(d.finding.rule.id);
                actions.extend(fix_all_of_rule(req, d));
            }
        }
        for d in &in_range {
            actions.extend(disable_on_line(req, d));
        }
        let mut accepted = Vec::new();
        for d in &in_range {
            let text = &a.document.source[d.finding.span.clone()];
            if !accepted.contains(&(text, d.finding.rule.id)) {
                accepted.push((text, d.finding.rule.id));
                actions.extend(accept_in_workspace(req, d));
            }
        }
    }
    if wanted(req.only, &CodeActionKind::from(FIX_ALL_KIND)) {
        actions.extend(fix_all(req));
    }
    actions
        .into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

/// Whether the client's `only` filter lets an action of `kind` through.
fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|o| {
            kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))
        })
    })
}

fn fixes(req: &Request, d: &Diagnostic) -> Vec<CodeAction> {
    let a = req.analysis;
    let range = a.range(&d.finding.span);
    d.finding
        .fixes
        .iter()
        .enumerate()
        .map(|(i, fix)| CodeAction {
            title: fix.title.clone(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![a.lsp_diagnostic(req.uri, d)]),
            edit: Some(document_edit(
                req,
                vec![TextEdit::new(range, fix.replacement.clone())],
            )),
            is_preferred: Some(i == 0),
            ..CodeAction::default()
        })
        .collect()
}

/// "Fix all RULE problems in this document", when the rule has more than one fixable finding.
fn fix_all_of_rule(req: &Request, d: &Diagnostic) -> Option<CodeAction> {
    let rule = d.finding.rule.id;
    let fixable: Vec<&Diagnostic> = req
        .analysis
        .report
        .diagnostics
        .iter()
        .filter(|x| x.finding.rule.id == rule && !x.finding.fixes.is_empty())
        .collect();
    if fixable.len() < 2 {
        return None;
    }
    Some(CodeAction {
        title: format!(
            "Fix all '{rule}' problems in this document ({})",
            fixable.len()
        ),
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(document_edit(req, first_fixes(req.analysis, &fixable))),
        ..CodeAction::default()
    })
}

/// Every finding's first fix, as one action.
fn fix_all(req: &Request) -> Option<CodeAction> {
    let fixable: Vec<&Diagnostic> = req
        .analysis
        .report
        .diagnostics
        .iter()
        .filter(|x| !x.finding.fixes.is_empty())
        .collect();
    if fixable.is_empty() {
        return None;
    }
    Some(CodeAction {
        title: format!(
            "Fix all diplint problems in this document ({})",
            fixable.len()
        ),
        kind: Some(CodeActionKind::from(FIX_ALL_KIND)),
        edit: Some(document_edit(req, first_fixes(req.analysis, &fixable))),
        ..CodeAction::default()
    })
}

/// The first fix of each diagnostic, skipping any that overlaps an earlier one.
fn first_fixes(a: &Analysis, diagnostics: &[&Diagnostic]) -> Vec<TextEdit> {
    let mut sorted: Vec<&&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| (d.finding.span.start, d.finding.span.end));
    let mut edits = Vec::new();
    let mut end = 0;
    for d in sorted {
        let span = &d.finding.span;
        if span.start < end && !edits.is_empty() {
            continue;
        }
        end = span.end;
        edits.push(TextEdit::new(
            a.range(span),
            d.finding.fixes[0].replacement.clone(),
        ));
    }
    edits
}

/// "Disable RULE on this line": a trailing `<!-- diplint-disable-line RULE -->` in Markdown and
/// HTML, a `diplint-disable-next-line RULE` line above in plain text; an existing directive for
/// the line gets the rule added.
fn disable_on_line(req: &Request, d: &Diagnostic) -> Option<CodeAction> {
    let a = req.analysis;
    let doc = &a.document;
    let rule = d.finding.rule.id;
    let line = doc.line_of(d.finding.span.start);
    let line_range = doc.lines.line_range(&doc.source, line);
    let edit = match doc.kind {
        DocKind::Markdown | DocKind::Html => {
            let existing = doc.directives.iter().find(|x| {
                x.action == DirectiveAction::DisableLine && doc.line_of(x.span.start) == line
            });
            match existing {
                Some(x) => {
                    let body = &doc.source[x.span.clone()];
                    let close = body.rfind("-->")?;
                    let at = x.span.start + body[..close].trim_end().len();
                    insert(a, at, format!(", {rule}"))
                }
                None => insert(
                    a,
                    line_range.end,
                    format!(" <!-- diplint-disable-line {rule} -->"),
                ),
            }
        }
        DocKind::Plain => {
            let existing = doc.directives.iter().find(|x| {
                x.action == DirectiveAction::DisableNextLine
                    && line > 0
                    && doc.line_of(x.span.start) == line - 1
            });
            match existing {
                Some(x) => insert(a, x.span.end, format!(", {rule}")),
                None => {
                    let text = &doc.source[line_range.clone()];
                    let indent = &text[..text.len() - text.trim_start().len()];
                    let eol = line_ending(&doc.source, line_range.end);
                    insert(
                        a,
                        line_range.start,
                        format!("{indent}diplint-disable-next-line {rule}{eol}"),
                    )
                }
            }
        }
    };
    Some(CodeAction {
        title: format!("Disable {rule} on this line"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![a.lsp_diagnostic(req.uri, d)]),
        edit: Some(document_edit(req, vec![edit])),
        ..CodeAction::default()
    })
}

/// The line ending in use at the end of a line (or the document's first one, or `\n`).
fn line_ending(source: &str, line_end: usize) -> &'static str {
    let rest = &source.as_bytes()[line_end..];
    let first_break = |bytes: &[u8]| match bytes.iter().position(|&b| b == b'\n' || b == b'\r') {
        Some(i) if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') => Some("\r\n"),
        Some(i) if bytes[i] == b'\r' => Some("\r"),
        Some(_) => Some("\n"),
        None => None,
    };
    first_break(rest)
        .or_else(|| first_break(source.as_bytes()))
        .unwrap_or("\n")
}

fn insert(a: &Analysis, at: usize, text: String) -> TextEdit {
    let p = a.position(at);
    TextEdit::new(Range::new(p, p), text)
}

/// The rule areas whose findings are about a name a team may accept.
const NAME_AREAS: [&str; 3] = ["person", "country", "acronym"];

/// "Accept NAME in this workspace": an `[[ignore]]` entry for the text and rule in the
/// workspace's `diplint.toml`, created when there is none (if the client can create files).
fn accept_in_workspace(req: &Request, d: &Diagnostic) -> Option<CodeAction> {
    let target = req.accept.as_ref()?;
    let rule = d.finding.rule.id;
    let area = rule.split('/').next().unwrap_or("");
    if !NAME_AREAS.contains(&area) {
        return None;
    }
    let text = req.analysis.document.source[d.finding.span.clone()].trim();
    if text.is_empty() || text.contains(['\n', '\r']) {
        return None;
    }
    let entry = format!(
        "[[ignore]]\ntext = {}\nrules = [{}]\n",
        toml_string(text),
        toml_string(rule)
    );
    let edit = match &target.existing {
        Some(existing) => {
            let end = end_position(existing, req.analysis.encoding);
            let sep = match existing.as_str() {
                "" => "",
                e if e.ends_with("\n\n") => "",
                e if e.ends_with('\n') => "\n",
                _ => "\n\n",
            };
            let edit = TextEdit::new(Range::new(end, end), format!("{sep}{entry}"));
            file_edit(req, &target.uri, None, vec![edit], false)
        }
        None if req.support.create_files => {
            let start = Position::new(0, 0);
            let edit = TextEdit::new(Range::new(start, start), entry);
            file_edit(req, &target.uri, None, vec![edit], true)
        }
        None => return None,
    };
    Some(CodeAction {
        title: format!("Accept '{text}' in this workspace ({rule})"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![req.analysis.lsp_diagnostic(req.uri, d)]),
        edit: Some(edit),
        ..CodeAction::default()
    })
}

/// The position just past the end of a text.
fn end_position(text: &str, encoding: Encoding) -> Position {
    let lines = LineIndex::new(text);
    let p = lines.lsp_position(text, text.len(), encoding);
    Position::new(p.line, p.col)
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Edits of the analysed document, at the version analysed when the client checks versions.
fn document_edit(req: &Request, edits: Vec<TextEdit>) -> WorkspaceEdit {
    let version = Some(req.analysis.version);
    file_edit(req, req.uri, version, edits, false)
}

fn file_edit(
    req: &Request,
    uri: &Uri,
    version: Option<i32>,
    edits: Vec<TextEdit>,
    create: bool,
) -> WorkspaceEdit {
    if !req.support.document_changes && !create {
        let mut changes = HashMap::new();
        changes.insert(uri.clone(), edits);
        return WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        };
    }
    let text_edit = TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier {
            uri: uri.clone(),
            version,
        },
        edits: edits.into_iter().map(OneOf::Left).collect(),
    };
    let mut ops = Vec::new();
    if create {
        ops.push(DocumentChangeOperation::Op(ResourceOp::Create(
            CreateFile {
                uri: uri.clone(),
                options: Some(CreateFileOptions {
                    overwrite: Some(false),
                    ignore_if_exists: Some(true),
                }),
                annotation_id: None,
            },
        )));
    }
    ops.push(DocumentChangeOperation::Edit(text_edit));
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(ops)),
        ..WorkspaceEdit::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(toml_string("Jashankar"), "\"Jashankar\"");
        assert_eq!(toml_string("a\"b\\c\t"), "\"a\\\"b\\\\c\\u0009\"");
    }

    #[test]
    fn line_endings_follow_the_document() {
        assert_eq!(line_ending("a\r\nb", 1), "\r\n");
        assert_eq!(line_ending("a\rb", 1), "\r");
        assert_eq!(line_ending("only", 4), "\n");
        assert_eq!(line_ending("x\r\nonly", 7), "\r\n");
    }

    #[test]
    fn kinds_filter_by_prefix() {
        let fix_all = CodeActionKind::from(FIX_ALL_KIND);
        assert!(wanted(None, &fix_all));
        assert!(wanted(Some(&[CodeActionKind::SOURCE_FIX_ALL]), &fix_all));
        assert!(wanted(Some(&[CodeActionKind::SOURCE]), &fix_all));
        assert!(!wanted(Some(&[CodeActionKind::QUICKFIX]), &fix_all));
        assert!(!wanted(
            Some(&[CodeActionKind::SOURCE]),
            &CodeActionKind::QUICKFIX
        ));
    }
}
