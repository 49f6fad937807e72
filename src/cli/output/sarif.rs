//! `--format sarif`: SARIF 2.1.0, with every rule's metadata, for code-scanning uploads.

use super::{FileResult, write_json};
use crate::rules::{self, Severity};
use serde_json::{Value, json};
use std::io::Write;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// A relative URI for a path as given (SARIF wants forward slashes, percent-escaped).
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn document(results: &[FileResult]) -> Value {
    let all = rules::all_rules();
    let rules: Vec<Value> = all
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id.replace('/', "-"),
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explanation },
                "help": { "text": format!("{}\n\nWrong: {}\nRight: {}", r.explanation, r.wrong, r.right) },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    let mut sarif_results = Vec::new();
    let mut notifications = Vec::new();
    for r in results {
        let artifact = json!({ "uri": uri(&r.shown) });
        if let Some(e) = &r.error {
            notifications.push(json!({
                "level": "error",
                "message": { "text": format!("{}: {e}", r.shown) },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact.clone() } }],
            }));
        }
        let Some(checked) = &r.checked else {
            continue;
        };
        for l in &checked.diagnostics {
            let d = &l.diagnostic;
            let region = json!({
                "startLine": l.start.0, "startColumn": l.start.1,
                "endLine": l.end.0, "endColumn": l.end.1,
                "byteOffset": d.finding.span.start, "byteLength": d.finding.span.len(),
                "snippet": { "text": l.text },
            });
            let fixes: Vec<Value> = d
                .finding
                .fixes
                .iter()
                .map(|f| {
                    json!({
                        "description": { "text": f.title },
                        "artifactChanges": [{
                            "artifactLocation": artifact.clone(),
                            "replacements": [{
                                "deletedRegion": { "byteOffset": d.finding.span.start, "byteLength": d.finding.span.len() },
                                "insertedContent": { "text": f.replacement },
                            }],
                        }],
                    })
                })
                .collect();
            let index = all
                .iter()
                .position(|r| r.id == d.finding.rule.id)
                .unwrap_or(0);
            let mut result = json!({
                "ruleId": d.finding.rule.id,
                "ruleIndex": index,
                "level": level(d.severity),
                "message": { "text": &*d.finding.message },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact.clone(), "region": region } }],
            });
            if !fixes.is_empty() {
                result["fixes"] = Value::Array(fixes);
            }
            sarif_results.push(result);
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "diplint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/diplint/diplint",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": sarif_results,
        }],
    })
}

pub fn write<W: Write>(out: &mut W, results: &[FileResult]) -> std::io::Result<()> {
    write_json(out, &document(results))
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_escaped() {
        assert_eq!(super::uri("reports/a b.md"), "reports/a%20b.md");
    }
}
