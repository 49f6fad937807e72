//! Country names: misspellings, former names, wrong official names, wrong adjectives and the
//! house style's preferred forms.

use super::{Check, Context, Output, RuleInfo, Severity};
use crate::registry::Registry;

pub static MISSPELLED: RuleInfo = RuleInfo {
    id: "country/misspelled",
    severity: Severity::Error,
    summary: "a near-miss of a country name or adjective",
    explanation: "A word that is one or two letters away from a country's name, official name or \
adjective, and is neither itself a country, an adjective, an English word nor a known place or \
organisation name, is most likely a typo. Wrong capitalisation of a country name ('south korea') \
is reported here too. The fix is the intended name.",
    wrong: "The minister visited the Phillipines.",
    right: "The minister visited the Philippines.",
    example_date: "2021-09-24",
};

pub static FORMER_NAME: RuleInfo = RuleInfo {
    id: "country/former-name",
    severity: Severity::Warning,
    summary: "a name the state itself has given up, used after the change",
    explanation: "Some states changed their name: Swaziland became Eswatini on 19 April 2018, \
Macedonia became North Macedonia on 12 February 2019, Zaire became the Democratic Republic of the \
Congo in 1997. Using the old name after that date is an error of fact. Not reported before the \
change, nor after 'formerly', 'former', 'then' or in a quotation of a historical name. Names that \
some governments keep and others dropped (Burma, Turkey) are a matter of style: see country/style.",
    wrong: "The delegation of Swaziland attended the summit.",
    right: "The delegation of Eswatini attended the summit.",
    example_date: "2020-06-01",
};

pub static OFFICIAL_NAME: RuleInfo = RuleInfo {
    id: "country/official-name",
    severity: Severity::Error,
    summary: "a long-form name that is not the state's official name",
    explanation: "A formal name that mixes up the state's official long form ('Republic of \
Germany' for the Federal Republic of Germany, 'Laos People's Democratic Republic' for the Lao \
People's Democratic Republic) reads as ignorance in a formal text. The fix is the official long \
form.",
    wrong: "A message from the President of the Republic of Germany was read out.",
    right: "A message from the President of the Federal Republic of Germany was read out.",
    example_date: "2021-09-24",
};

pub static STYLE: RuleInfo = RuleInfo {
    id: "country/style",
    severity: Severity::Info,
    summary: "a valid name that the chosen style profile does not prefer",
    explanation: "Style profiles (`un`, `eu`, `ap`, or one defined in an overlay) prefer one form \
of some names: the UN writes 'Republic of Korea', 'Türkiye' (from 1 June 2022) and 'Myanmar'. \
The other forms are not wrong, so this is only information, and it is off when the style is \
`none` (the default).",
    wrong: "Talks with South Korea continued.",
    right: "Talks with the Republic of Korea continued.",
    example_date: "2021-09-24",
};

pub static ADJECTIVE: RuleInfo = RuleInfo {
    id: "country/adjective",
    severity: Severity::Warning,
    summary: "a wrongly formed adjective or demonym",
    explanation: "Adjectives and demonyms of countries are irregular: Qatari, not Qatarian; \
Pakistani, not Pakistanian; Filipino or Philippine, not Philippino. The fix is the correct form.",
    wrong: "The Qatarian delegation arrived on Monday.",
    right: "The Qatari delegation arrived on Monday.",
    example_date: "2021-09-24",
};

pub static RULES: &[&RuleInfo] = &[
    &MISSPELLED,
    &FORMER_NAME,
    &OFFICIAL_NAME,
    &STYLE,
    &ADJECTIVE,
];

pub struct CountryCheck {}

impl CountryCheck {
    pub fn new(_registry: &Registry) -> CountryCheck {
        CountryCheck {}
    }
}

impl Check for CountryCheck {
    fn rules(&self) -> &'static [&'static RuleInfo] {
        RULES
    }

    fn check(&self, _cx: &Context, _out: &mut Output) {}
}
