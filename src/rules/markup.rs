//! Leftover markup: what a copy-paste from a web page or a CMS leaves in the prose.

use super::{Check, Context, Output, RuleInfo, Severity};
use crate::registry::Registry;

pub static RESIDUE: RuleInfo = RuleInfo {
    id: "markup/residue",
    severity: Severity::Warning,
    summary: "markup left in the prose by a copy-paste",
    explanation: "Broken HTML comments and tags ('!-- Google tag (gtag.js) -->', '/div>'), \
double-escaped entities ('&amp;nbsp;'), CMS shortcodes ('[caption id=...]'), template \
placeholders ('{{name}}', '[COUNTRY]', 'XX September'); in plain text also tags and entities \
('<br>', '&nbsp;'). In Markdown and HTML, well-formed markup is markup, not residue.",
    wrong: "The ministers met in New York.&amp;nbsp;They agreed.",
    right: "The ministers met in New York. They agreed.",
    example_date: "2021-09-24",
};

pub static RULES: &[&RuleInfo] = &[&RESIDUE];

pub struct MarkupCheck {}

impl MarkupCheck {
    pub fn new(_registry: &Registry) -> MarkupCheck {
        MarkupCheck {}
    }
}

impl Check for MarkupCheck {
    fn rules(&self) -> &'static [&'static RuleInfo] {
        RULES
    }

    fn check(&self, _cx: &Context, _out: &mut Output) {}
}
