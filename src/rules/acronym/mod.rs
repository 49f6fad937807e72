//! Acronyms: used before they are spelt out, or spelt out two ways.
//!
//! The check finds every acronym of the prose ([`scan`]), the places where the document spells
//! one out ([`define`]), and then reports the first use of each acronym that comes before its
//! definition or has none, a definition whose words are another acronym's, and a second
//! definition that means something else than the first.

mod define;
mod index;
mod scan;
#[cfg(test)]
mod tests;
mod words;

use super::{Check, Context, Finding, Fix, Output, RuleInfo, Scanned, Severity, Subject};
use crate::registry::{Acronym, Registry};
use define::{Definition, same_meaning};
use index::Index;
use scan::Mention;
use std::collections::{HashMap, HashSet};

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

    fn decide(&self, cx: &Context, _paragraphs: &[Scanned<'_>], out: &mut Output) {
        let text = cx.text;
        let mentions = scan::mentions(text, cx.registry, &self.index);
        let definitions = define::definitions(text, &mentions, cx.registry, &self.index);
        let document = Document {
            text,
            registry: cx.registry,
            mentions: &mentions,
            definitions: &definitions,
            first_definition: first_definitions(&definitions),
        };
        document.report_wrong_definitions(out);
        document.report_redefinitions(out);
        document.report_undefined(out);
        document.annotate(out);
    }
}

/// The first definition of each acronym.
fn first_definitions(definitions: &[Definition]) -> HashMap<&str, &Definition> {
    let mut first = HashMap::new();
    for d in definitions {
        first.entry(d.key.as_str()).or_insert(d);
    }
    first
}

/// One document's acronyms and definitions.
struct Document<'a, 'r> {
    text: &'a str,
    registry: &'a Registry,
    mentions: &'a [Mention<'r>],
    definitions: &'a [Definition],
    first_definition: HashMap<&'a str, &'a Definition>,
}

impl Document<'_, '_> {
    fn written(&self, span: &std::ops::Range<usize>) -> &str {
        &self.text[span.clone()]
    }

    /// What an acronym stands for here: its first definition, else the registry's first
    /// expansion.
    fn expansion_of(&self, mention: &Mention) -> Option<String> {
        let defined = self
            .first_definition
            .get(mention.key.as_str())
            .filter(|d| d.belongs_to.is_none())
            .and_then(|d| d.expansion.clone())
            .map(|span| self.written(&span).to_string());
        defined.or_else(|| mention.entry.and_then(|a| a.expansions.first().cloned()))
    }

    fn subject(&self, mention: &Mention) -> Subject {
        Subject::Acronym {
            short: mention.key.clone(),
            expansion: self.expansion_of(mention),
        }
    }

    /// "United Nations Security Council (UNGA)".
    fn report_wrong_definitions(&self, out: &mut Output) {
        for d in self.definitions {
            let (Some(other), Some(words)) = (&d.belongs_to, &d.expansion) else {
                continue;
            };
            let mention = &self.mentions[d.mention];
            let words = self.written(words);
            let own = mention
                .entry
                .and_then(|a| a.expansions.first())
                .map(|e| format!(" ({} is {e})", mention.key))
                .unwrap_or_default();
            let message = format!("'{words}' is {other}, not {}{own}", mention.key);
            let mut finding = Finding::new(&CONFLICT, d.site.clone(), message)
                .with_subject(self.subject(mention));
            if self.written(&d.site) == mention.key {
                finding = finding.with_fix(Fix::replace_with(other.as_str()));
            }
            out.push(finding);
        }
    }

    /// A second definition that means something else than the first.
    fn report_redefinitions(&self, out: &mut Output) {
        let mut firsts: HashMap<&str, &Definition> = HashMap::new();
        for later in self.definitions {
            let Some(meaning) = &later.meaning else {
                continue;
            };
            let first = *firsts.entry(later.key.as_str()).or_insert(later);
            let differs = first
                .meaning
                .as_ref()
                .is_some_and(|m| !same_meaning(m, meaning));
            if !differs {
                continue;
            }
            let (Some(first_words), Some(later_words)) = (&first.expansion, &later.expansion)
            else {
                continue;
            };
            let message = format!(
                "'{}' was spelt out as '{}' before; here it is '{}'",
                later.key,
                self.written(first_words),
                self.written(later_words)
            );
            let mention = &self.mentions[later.mention];
            out.push(
                Finding::new(&CONFLICT, later.site.clone(), message)
                    .with_subject(self.subject(mention))
                    .with_related(first.site.clone(), "first spelt out here"),
            );
        }
    }

    /// The first use of each acronym, when it comes before the definition or there is none.
    fn report_undefined(&self, out: &mut Output) {
        let sites: HashSet<usize> = self.definitions.iter().map(|d| d.mention).collect();
        let mut settled: HashSet<&str> = HashSet::new();
        for (i, mention) in self.mentions.iter().enumerate() {
            let key = mention.key.as_str();
            let definition = self.first_definition.get(key);
            if sites.contains(&i)
                || mention.known()
                || (mention.weak && definition.is_none())
                || !settled.insert(key)
            {
                continue;
            }
            match definition {
                Some(d) if d.site.start < mention.span.start => {}
                Some(d) => out.push(self.used_before_definition(mention, d)),
                None => out.push(self.never_defined(mention)),
            }
        }
    }

    fn used_before_definition(&self, mention: &Mention, d: &Definition) -> Finding {
        let written = self.written(&mention.span);
        let message = match d.expansion.as_ref().filter(|_| d.belongs_to.is_none()) {
            Some(words) => format!(
                "'{written}' is used before it is spelt out ('{} ({})' comes later)",
                self.written(words),
                self.written(&d.site)
            ),
            None => format!("'{written}' is used before it is spelt out"),
        };
        Finding::new(&UNDEFINED, mention.span.clone(), message)
            .with_subject(self.subject(mention))
            .with_related(d.site.clone(), "spelt out here")
    }

    fn never_defined(&self, mention: &Mention) -> Finding {
        let written = self.written(&mention.span);
        let expansions = mention
            .entry
            .map(|a| spelt_out_forms(a, self.registry))
            .unwrap_or_default();
        let message = match expansions.as_slice() {
            [] => format!("'{written}' is never spelt out"),
            [one] => format!("'{written}' is never spelt out: {one}"),
            many => format!("'{written}' is never spelt out: {}", many.join(" or ")),
        };
        let mut finding = Finding::new(&UNDEFINED, mention.span.clone(), message)
            .with_subject(self.subject(mention));
        for expansion in expansions {
            let replacement = format!("{expansion} ({written})");
            finding = finding.with_fix(Fix {
                title: format!("Spell out as '{replacement}'"),
                replacement,
            });
        }
        finding
    }

    /// Hovers: what each acronym stands for, where that is known.
    fn annotate(&self, out: &mut Output) {
        for mention in self.mentions {
            let defined = self.first_definition.contains_key(mention.key.as_str());
            if mention.weak && !defined {
                continue;
            }
            let subject = self.subject(mention);
            if matches!(
                &subject,
                Subject::Acronym {
                    expansion: Some(_),
                    ..
                }
            ) {
                out.annotate(mention.span.clone(), subject);
            }
        }
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
            forms.push((e.clone(), meaning));
        }
    }
    forms.into_iter().map(|(e, _)| e).collect()
}
