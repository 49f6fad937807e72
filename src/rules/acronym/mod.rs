//! Acronyms: used before they are spelt out, or spelt out two ways.
//!
//! The check finds every acronym of the prose ([`scan`]), the places where the document spells
//! one out ([`define`]), and then reports the first use of each acronym that comes before its
//! definition or has none, a definition whose words are another acronym's, and a second
//! definition that means something else than the first.

mod decide;
mod define;
mod facts;
mod index;
mod scan;
#[cfg(test)]
mod tests;
mod words;

use super::{Check, Context, Decision, Facts, Last, Output, Paragraphs, RuleInfo, Severity};
use crate::registry::{Acronym, Registry};
use define::same_meaning;
use facts::{ParagraphFacts, Span};
use index::Index;

pub static UNDEFINED: RuleInfo = RuleInfo {
    id: "acronym/undefined",
    severity: Severity::Info,
    summary: "an acronym used before it is spelt out",
    explanation: "A reader meets 'JICA' before 'Japan International Cooperation Agency (JICA)', or \
never sees it spelt out. Universally known acronyms (UN, US, EU, NATO ...) need no definition. \
Headings and credits in capitals ('SOURCE: KYODO'), roman numerals, a time ('6 PM'), family names \
in capitals ('Mr. SUGA Yoshihide') and capitalised words are not taken for acronyms. The first \
use is reported, pointing at a later definition when there is one.",
    wrong: "JICA staff left Kabul.",
    right: "Japan International Cooperation Agency (JICA) staff left Kabul.",
    example_date: "2021-09-24",
};

pub static CONFLICT: RuleInfo = RuleInfo {
    id: "acronym/conflict",
    severity: Severity::Warning,
    summary: "an acronym spelt out two ways, or spelt out wrongly",
    explanation: "'United Nations Security Council (UNGA)': the letters do not fit the words, and \
the words are the registry's expansion of another acronym (UNSC). A second, different definition \
of the same acronym in one document is reported too. Words that fit the letters, or any of the \
registry's expansions of the acronym, are a right definition: several acronyms have more than one \
meaning (ICC, EPA, NSA).",
    wrong: "They called on the United Nations Security Council (UNGA) to act.",
    right: "They called on the United Nations Security Council (UNSC) to act.",
    example_date: "2021-09-24",
};

pub static RULES: &[&RuleInfo] = &[&UNDEFINED, &CONFLICT];

/// At most this many expansions are offered as fixes for an acronym never spelt out.
const MAX_SPELL_OUT_FIXES: usize = 3;

pub struct AcronymCheck {
    index: Index,
}

impl AcronymCheck {
    pub fn new(registry: &Registry) -> AcronymCheck {
        AcronymCheck {
            index: Index::new(registry),
        }
    }
}

impl Check for AcronymCheck {
    fn rules(&self) -> &'static [&'static RuleInfo] {
        RULES
    }

    fn scan(&self, cx: &Context, _out: &mut Output) -> Option<Facts> {
        let text = cx.text;
        // Offsets are kept as u32: a paragraph of 4 GiB is not read.
        u32::try_from(text.len()).ok()?;
        let found = scan::mentions(text, &self.index);
        if found.mentions.is_empty() && found.names.is_empty() {
            return None;
        }
        let candidates = define::candidates(text, &found.mentions, cx.registry, &self.index);
        let mut facts = ParagraphFacts {
            mentions: found.mentions,
            names: found.names.into_iter().map(Span::of).collect(),
            candidates,
        };
        // Kept for as long as the paragraph is unchanged: without the room left from pushing.
        facts.mentions.shrink_to_fit();
        facts.names.shrink_to_fit();
        facts.candidates.shrink_to_fit();
        Some(Box::new(facts))
    }

    fn decide_paragraphs(
        &self,
        cx: &Context,
        paragraphs: &Paragraphs<'_>,
        last: Option<Last<'_>>,
    ) -> Decision {
        decide::decide(cx, &self.index, paragraphs, last)
    }
}

/// The registry's expansions of an acronym worth offering: the first few that mean different
/// things ("Association of South East Asian Nations" adds nothing to "Association of Southeast
/// Asian Nations", nor "General Assembly" to "United Nations General Assembly").
fn spelt_out_forms(acronym: &Acronym, registry: &Registry) -> Vec<String> {
    let mut forms: Vec<(String, String)> = Vec::new();
    for e in &acronym.expansions {
        let meaning = words::meaning_key(e, &words::words_in(e, 0..e.len()), registry);
        let redundant = forms.iter().any(|(_, m)| same_meaning(m, &meaning));
        if !redundant && forms.len() < MAX_SPELL_OUT_FIXES {
            forms.push((e.to_string(), meaning));
        }
    }
    forms.into_iter().map(|(e, _)| e).collect()
}
