//! Inlay hints: the date a relative day resolves to, after it ("On Thursday" → "23 Sep 2021").

use super::diagnostics::Analysis;
use super::hover::month_name;
use crate::rules::Subject;
use jiff::civil::Date;
use tower_lsp_server::ls_types::{InlayHint, InlayHintLabel, InlayHintTooltip};

pub fn inlay_hints(a: &Analysis, from: usize, to: usize) -> Vec<InlayHint> {
    let mut hints: Vec<(usize, InlayHint)> = Vec::new();
    for (span, subject) in a.recognised() {
        let Subject::Date {
            start,
            end,
            relative: true,
            note,
        } = &*subject
        else {
            continue;
        };
        if span.end < from || span.start > to || hints.iter().any(|(at, _)| *at == span.end) {
            continue;
        }
        let label = if start == end {
            short_date(*start)
        } else {
            format!("{} – {}", short_date(*start), short_date(*end))
        };
        hints.push((
            span.end,
            InlayHint {
                position: a.position(span.end),
                label: InlayHintLabel::String(label),
                kind: None,
                text_edits: None,
                tooltip: (!note.is_empty()).then(|| InlayHintTooltip::String(note.clone())),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            },
        ));
    }
    hints.sort_by_key(|(at, _)| *at);
    hints.into_iter().map(|(_, h)| h).collect()
}

/// "23 Sep 2021".
pub fn short_date(d: Date) -> String {
    let month = month_name(d.month());
    format!(
        "{} {} {}",
        d.day(),
        month.get(..3).unwrap_or(month),
        d.year()
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn short_dates() {
        assert_eq!(
            super::short_date(jiff::civil::date(2021, 9, 23)),
            "23 Sep 2021"
        );
    }
}
