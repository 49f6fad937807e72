//! Titles before names: a title that the country does not use for that office. Raised by the
//! person check, which finds titles and names together.

use super::{RuleInfo, Severity};

pub static FORM: RuleInfo = RuleInfo {
    id: "title/form",
    severity: Severity::Warning,
    summary: "a title that the country does not use for that office",
    explanation: "Each state names its offices its own way: the United States has a Secretary of \
State, not a Foreign Minister; Germany a Chancellor, not a Prime Minister; Japan an Emperor and a \
Prime Minister, no President. A title that the registry does not list for the country's office of \
that kind is reported. Generic lower-case descriptions ('the foreign minister') are fine.",
    wrong: "US Foreign Minister Antony Blinken met his counterpart.",
    right: "US Secretary of State Antony Blinken met his counterpart.",
    example_date: "2021-09-24",
};

pub static RULES: &[&RuleInfo] = &[&FORM];
