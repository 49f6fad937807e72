//! Acronyms: used before they are spelt out, or spelt out two ways.

use super::{Check, Context, Output, RuleInfo, Severity};
use crate::registry::Registry;

pub static UNDEFINED: RuleInfo = RuleInfo {
    id: "acronym/undefined",
    severity: Severity::Info,
    summary: "an acronym used before it is spelt out",
    explanation: "A reader meets 'JICA' before 'Japan International Cooperation Agency (JICA)', or \
never sees it spelt out. Universally known acronyms (UN, US, EU, NATO ...) need no definition.",
    wrong: "JICA staff left Kabul.",
    right: "Japan International Cooperation Agency (JICA) staff left Kabul.",
    example_date: "2021-09-24",
};

pub static CONFLICT: RuleInfo = RuleInfo {
    id: "acronym/conflict",
    severity: Severity::Warning,
    summary: "an acronym spelt out two ways, or spelt out wrongly",
    explanation: "'United Nations Security Council (UNGA)': the letters do not fit the words, nor \
the registry's expansion of UNGA. A second, different definition of the same acronym in one \
document is reported too.",
    wrong: "They called on the United Nations Security Council (UNGA) to act.",
    right: "They called on the United Nations Security Council (UNSC) to act.",
    example_date: "2021-09-24",
};

pub static RULES: &[&RuleInfo] = &[&UNDEFINED, &CONFLICT];

pub struct AcronymCheck {}

impl AcronymCheck {
    pub fn new(_registry: &Registry) -> AcronymCheck {
        AcronymCheck {}
    }
}

impl Check for AcronymCheck {
    fn rules(&self) -> &'static [&'static RuleInfo] {
        RULES
    }

    fn check(&self, _cx: &Context, _out: &mut Output) {}
}
