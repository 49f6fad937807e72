//! People: names of office holders, and whether they held the title given on the date.

use super::{Check, Context, Output, RuleInfo, Severity};
use crate::registry::Registry;

pub static MISSPELLED: RuleInfo = RuleInfo {
    id: "person/misspelled",
    severity: Severity::Error,
    summary: "a near-miss of a known office holder's name",
    explanation: "A name one or two letters away from an office holder in the registry, with \
evidence that the holder is meant (a title or country that fits, or a near-identical full name), \
is most likely a typo: 'Sergey Lavrow', 'Antonio Guteres', 'Jashankar'. Many real people are not \
in the registry, so an unknown name alone is never reported. The fix is the canonical name.",
    wrong: "Russian Foreign Minister Sergey Lavrow spoke first.",
    right: "Russian Foreign Minister Sergey Lavrov spoke first.",
    example_date: "2021-09-24",
};

pub static NAME_FORM: RuleInfo = RuleInfo {
    id: "person/name-form",
    severity: Severity::Hint,
    summary: "a name that differs from the canonical form only in case or diacritics",
    explanation: "'Chung Eui-Yong' for Chung Eui-yong, 'Antonio Guterres' for António Guterres: \
readable, but not the form the person uses. Variants that the registry lists (transliterations, \
patronymics, family name first) are accepted silently.",
    wrong: "Secretary-General Antonio Guterres opened the debate.",
    right: "Secretary-General António Guterres opened the debate.",
    example_date: "2021-09-24",
};

pub static WRONG_OFFICE: RuleInfo = RuleInfo {
    id: "person/wrong-office",
    severity: Severity::Error,
    summary: "a title the person did not hold",
    explanation: "The title given is an office the person never held at the time: 'Chinese Premier \
Xi Jinping' (Xi was President; the Premier was Li Qiang). The message says what the person did \
hold then and who held the stated office.",
    wrong: "Chinese Premier Xi Jinping addressed the forum.",
    right: "Chinese President Xi Jinping addressed the forum.",
    example_date: "2023-06-01",
};

pub static NOT_IN_OFFICE: RuleInfo = RuleInfo {
    id: "person/not-in-office",
    severity: Severity::Error,
    summary: "the right office at the wrong time",
    explanation: "The person held the office, but not on the date the text speaks of: 'Prime \
Minister Yoshihide Suga' in March 2022, when Fumio Kishida was Prime Minister. Not reported with \
'former', 'then-', 'late', 'ex-', '-elect', 'designate', 'incoming', 'outgoing', nor in a sentence \
that dates itself ('In 2020, Prime Minister Abe ...'), nor for dates the registry does not cover.",
    wrong: "Prime Minister Yoshihide Suga will visit Canberra.",
    right: "Prime Minister Fumio Kishida will visit Canberra.",
    example_date: "2022-03-01",
};

pub static RULES: &[&RuleInfo] = &[&MISSPELLED, &NAME_FORM, &WRONG_OFFICE, &NOT_IN_OFFICE];

pub struct PersonCheck {}

impl PersonCheck {
    pub fn new(_registry: &Registry) -> PersonCheck {
        PersonCheck {}
    }
}

impl Check for PersonCheck {
    fn rules(&self) -> &'static [&'static RuleInfo] {
        RULES
    }

    fn check(&self, _cx: &Context, _out: &mut Output) {}
}
