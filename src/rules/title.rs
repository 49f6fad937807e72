//! Titles before names: a title that the country does not use for that office. Raised by the
//! person check, which finds titles and names together; the decision is made here.

use super::person::{Lexicon, TitleChain, TitleForm};
use super::{Finding, Fix, Output, RuleInfo, Severity, Subject};
use crate::registry::{CountryId, OfficeId, OfficeKind, Owner, Registry};

pub static FORM: RuleInfo = RuleInfo {
    id: "title/form",
    severity: Severity::Warning,
    summary: "a title that the country does not use for that office",
    explanation: "Each state names its offices its own way: the United States has a Secretary of \
State, not a Foreign Minister; Germany a Chancellor, not a Prime Minister; Japan an Emperor and a \
Prime Minister, no President. A title that the registry does not list for the country's office of \
that kind is reported when the text names the country ('US Foreign Minister', 'President of \
Japan'). Generic lower-case descriptions ('the foreign minister') are fine, and so are titles \
that also name other posts ('Foreign Secretary' is a civil servant in India, 'Chancellor' a \
finance minister in the UK).",
    wrong: "US Foreign Minister Antony Blinken met his counterpart.",
    right: "US Secretary of State Antony Blinken met his counterpart.",
    example_date: "2021-09-24",
};

pub static RULES: &[&RuleInfo] = &[&FORM];

/// Raises `title/form` for each part of `chain` that no office of the named country lists.
///
/// Only where the country is explicit, the title capitalised and known to the lexicon with a
/// kind, and not ambiguous; and only when the country has offices of that kind in the
/// registry (otherwise the registry cannot tell what the country calls them).
pub fn check_form(registry: &Registry, lex: &Lexicon, chain: &TitleChain, out: &mut Output) {
    if !chain.capitalized || chain.rejected || chain.of_other {
        return;
    }
    let countries = || {
        chain.owners.iter().filter_map(|o| match o {
            Owner::Country(c) => Some(*c),
            Owner::Organisation(_) => None,
        })
    };
    if chain.owners.is_empty() || countries().count() != chain.owners.len() {
        return;
    }
    for part in &chain.parts {
        let form = lex.form(part.form);
        if !form.in_lexicon || form.kinds.is_empty() || form.ambiguous {
            continue;
        }
        // One country without the form, or an adjective shared by several ("Congolese") none
        // of which lists it: reported for the first. A country with no office of the kind
        // tells nothing (the registry cannot say what it calls them).
        let mut missing = None;
        for c in countries() {
            let mut offices = offices_of_kind(registry, lex, c, &form.kinds).peekable();
            let unknown = offices.peek().is_none();
            if unknown || offices.any(|o| uses(lex, o, form)) {
                missing = None;
                break;
            }
            missing.get_or_insert(c);
        }
        if let Some(country) = missing {
            let offices: Vec<OfficeId> =
                offices_of_kind(registry, lex, country, &form.kinds).collect();
            out.push(finding(
                registry,
                lex,
                part.span.clone(),
                &form.form,
                country,
                &offices,
            ));
        }
    }
}

/// Whether `office` lists `form`, or a title that says the same ("PM" for a "Prime Minister").
fn uses(lex: &Lexicon, office: OfficeId, form: &TitleForm) -> bool {
    form.lists(office) || form.same.iter().any(|&other| lex.form(other).lists(office))
}

/// The country's offices with a kind in `kinds`.
fn offices_of_kind<'a>(
    registry: &'a Registry,
    lex: &'a Lexicon,
    country: CountryId,
    kinds: &'a [OfficeKind],
) -> impl Iterator<Item = OfficeId> + 'a {
    lex.offices_of(country)
        .iter()
        .copied()
        .filter(|&o| registry.office(o).kinds.iter().any(|k| kinds.contains(k)))
}

fn finding(
    registry: &Registry,
    lex: &Lexicon,
    span: std::ops::Range<usize>,
    form: &str,
    country: CountryId,
    offices: &[OfficeId],
) -> Finding {
    let name = &registry.country(country).short;
    let described: Vec<String> = offices
        .iter()
        .map(|&o| {
            let office = registry.office(o);
            let kind = office.kinds.first().map_or("office", |k| k.describe());
            format!("its {kind} is titled '{}'", lex.office_title(o))
        })
        .collect();
    let mut finding = Finding::new(
        &FORM,
        span,
        format!(
            "{name} has no office titled '{form}': {}",
            described.join(", ")
        ),
    )
    .with_subject(Subject::Office(offices[0]));
    if let [office] = offices {
        finding = finding.with_fix(Fix::replace_with(lex.office_title(*office)));
    }
    finding
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_fires, assert_silent, findings, first_fix};

    const RULE: &str = "title/form";
    const DAY: &str = "2021-09-24";

    #[test]
    fn titles_the_country_does_not_use() {
        assert_fires(
            RULE,
            "US Foreign Minister Antony Blinken spoke.",
            DAY,
            "Foreign Minister",
        );
        assert_fires(
            RULE,
            "German Prime Minister Angela Merkel spoke.",
            DAY,
            "Prime Minister",
        );
        assert_fires(
            RULE,
            "A letter from the President of Japan arrived.",
            DAY,
            "President",
        );
        assert_fires(
            RULE,
            "The Japanese President sent a message.",
            DAY,
            "President",
        );
        assert_fires(RULE, "Britain's President spoke.", DAY, "President");
        assert_fires(
            RULE,
            "The Mexican Prime Minister spoke.",
            DAY,
            "Prime Minister",
        );
        assert_fires(
            RULE,
            "The US Minister for Foreign Affairs spoke.",
            DAY,
            "Minister for Foreign Affairs",
        );
    }

    #[test]
    fn the_fix_is_the_country_title_when_there_is_one() {
        assert_eq!(
            first_fix(RULE, "US Foreign Minister Antony Blinken spoke.", DAY).as_deref(),
            Some("Secretary of State")
        );
        assert_eq!(
            first_fix(RULE, "German Prime Minister Angela Merkel spoke.", DAY).as_deref(),
            Some("Chancellor")
        );
        let found = findings(RULE, "the President of Japan", DAY);
        assert!(found[0].1.contains("Emperor"), "{found:?}");
        assert!(found[0].1.contains("Prime Minister"), "{found:?}");
    }

    #[test]
    fn titles_in_use_and_generic_descriptions_are_fine() {
        for text in [
            "US Secretary of State Antony Blinken spoke.",
            "German Chancellor Angela Merkel spoke.",
            "Japanese Prime Minister (PM) Yoshihide Suga spoke.",
            "Japanese Foreign Minister (FM) Toshimitsu Motegi and the Japanese FM.",
            "Pakistani FM Shah Mahmood Qureshi.",
            "Qatari Deputy PM and Minister of Foreign Affairs Sheikh Mohammed bin Abdulrahman.",
            "the US foreign minister and the German prime minister",
            "Chinese Premier Li Keqiang and the Spanish President Pedro Sanchez.",
            "President Pedro Sanchez of Spain.",
            "the Prime Minister of the Kingdom of Thailand Srettha Thavisin",
            "President of the Republic of Korea Moon Jae-in",
            "UN Secretary-General António Guterres",
            "Russian FM Sergey Lavrov",
            "Indian Foreign Secretary Harsh Vardhan Shringla",
            "UK Chancellor Rishi Sunak",
            "British Secretary of State for Defence Ben Wallace",
            "Queen Letizia of Spain and Queen Rania of Jordan",
            "the Thai Deputy Prime Minister",
            "the Japanese President of the company",
            "Senior Vice Minister for Foreign Affairs of Japan",
            "Japanese Vice President",
            // Descriptive forms that differ from the office's own in a preposition or an
            // abbreviation say the same thing.
            "the Chinese Minister for Foreign Affairs and the Indian Minister of Foreign Affairs",
            "the Taiwanese PM",
        ] {
            assert_silent(RULE, text, DAY);
        }
    }
}
