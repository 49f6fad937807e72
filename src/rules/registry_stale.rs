//! `registry/stale`: the document is dated beyond what the registry is known to be correct to.

use super::{Check, Context, Finding, Output, Paragraphs, RuleInfo, Severity};

pub static STALE: RuleInfo = RuleInfo {
    id: "registry/stale",
    severity: Severity::Info,
    summary: "the document date is after the date the registry is known to be correct to",
    explanation: "Office checks need to know who held each office on the document's date. After \
the registry's `valid_through` date they stay silent, and this says so once per document. Add an \
overlay with newer terms, or update diplint.",
    wrong: "Date: 1 January 2099\n\nThe Prime Minister spoke.",
    right: "Date: 1 January 2021\n\nThe Prime Minister spoke.",
    example_date: "",
};

pub static RULES: &[&RuleInfo] = &[&STALE];

pub struct StaleCheck;

impl Check for StaleCheck {
    fn rules(&self) -> &'static [&'static RuleInfo] {
        RULES
    }

    fn decide(&self, cx: &Context, _paragraphs: &Paragraphs<'_>, out: &mut Output) {
        let through = cx.registry.valid_through;
        if cx.date.date <= through {
            return;
        }
        // Point at the date where it was read, else at the start of the text.
        let span = cx.date.span.clone().unwrap_or_else(|| {
            let start = cx.text.find(|c: char| !c.is_whitespace()).unwrap_or(0);
            let end = cx.text[start..]
                .find(char::is_whitespace)
                .map_or(cx.text.len(), |e| start + e);
            start..end
        });
        out.push(Finding::new(
            &STALE,
            span,
            format!(
                "the document is dated {} ({}); the registry is known to be correct to {through}, so who held which office is not checked",
                cx.date.date,
                cx.date.source.as_str()
            ),
        ));
    }
}
