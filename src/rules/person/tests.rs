//! The person rules end to end, through the engine: every shape of mention the issue lists,
//! each rule's firing and silent cases, and the acceptance cases.

use crate::rules::testing::{assert_fires, assert_silent, check, findings, first_fix};

const MISSPELLED: &str = "person/misspelled";
const NAME_FORM: &str = "person/name-form";
const WRONG_OFFICE: &str = "person/wrong-office";
const NOT_IN_OFFICE: &str = "person/not-in-office";

/// A readout written for these tests with the mentions of the seed report (a meeting day at
/// the 76th UN General Assembly), in every shape it uses them.
const UNGA_READOUT: &str = "\
Japan meets five partners in New York

On the margins of the General Assembly, Japanese Prime Minister (PM) Yoshihide Suga held talks \
with his Indian counterpart Narendra Modi. Suga welcomed the new convention centre, and PM Suga \
listed areas for cooperation.

Japanese Foreign Minister (FM) Toshimitsu Motegi saw his Korean counterpart, Chung Eui-Yong. \
Motegi raised the missile launches. Motegi then met Pakistani FM Shah Mahmood Qureshi, and \
Qureshi promised help with evacuations.

Russian FM Sergey Viktorovich Lavrov and the Japanese FM talked about a peace treaty. Motegi \
also spoke with Qatari Deputy PM and Minister of Foreign Affairs Sheikh Mohammed bin \
Abdulrahman bin Jassim Al-Thani about Afghanistan.

Motegi thanked UN Secretary-General António Guterres and congratulated Guterres on his \
reappointment; the Secretary-General welcomed the FM.
";

/// Only the errors and warnings of the person and title rules.
fn serious(text: &str, date: &str) -> Vec<(String, String, String)> {
    check(text, date)
        .into_iter()
        .filter(|d| {
            let id = d.finding.rule.id;
            (id.starts_with("person/") || id.starts_with("title/"))
                && matches!(
                    d.severity,
                    crate::rules::Severity::Error | crate::rules::Severity::Warning
                )
        })
        .map(|d| {
            (
                d.finding.rule.id.to_string(),
                text[d.finding.span.clone()].to_string(),
                d.finding.message.to_string(),
            )
        })
        .collect()
}

// --- Acceptance (issue 5, "Done when") ---

#[test]
fn unga_readout_on_its_date_draws_no_error_or_warning() {
    assert_eq!(serious(UNGA_READOUT, "2021-09-24"), Vec::new());
}

#[test]
fn unga_readout_months_later_has_suga_and_motegi_out_of_office() {
    let found = serious(UNGA_READOUT, "2022-03-01");
    let suga: Vec<_> = found
        .iter()
        .filter(|(r, t, _)| r == NOT_IN_OFFICE && t.contains("Suga"))
        .collect();
    assert!(!suga.is_empty(), "{found:?}");
    assert!(
        suga.iter().all(|(_, _, m)| m.contains("Fumio Kishida")),
        "{suga:?}"
    );
    let motegi: Vec<_> = found
        .iter()
        .filter(|(r, t, _)| r == NOT_IN_OFFICE && t.contains("Motegi"))
        .collect();
    assert!(!motegi.is_empty(), "{found:?}");
    assert!(
        motegi
            .iter()
            .all(|(_, _, m)| m.contains("Yoshimasa Hayashi")),
        "{motegi:?}"
    );
    // Qureshi was still Foreign Minister of Pakistan on 1 March 2022; the others too.
    assert!(
        found
            .iter()
            .all(|(r, t, _)| r == NOT_IN_OFFICE && (t.contains("Suga") || t.contains("Motegi"))),
        "{found:?}"
    );
}

#[test]
fn chinese_premier_xi_is_the_wrong_office() {
    let found = findings(
        WRONG_OFFICE,
        "Chinese Premier Xi Jinping addressed the forum.",
        "2023-06-01",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "Xi Jinping");
    assert!(found[0].1.contains("Li Qiang"), "{found:?}");
    assert!(
        found[0].1.contains("President"),
        "says what Xi was: {found:?}"
    );
}

#[test]
fn former_prime_minister_is_silent() {
    assert_eq!(
        serious("Former Prime Minister Suga visited Hanoi.", "2022-03-01"),
        Vec::new()
    );
    assert_eq!(
        serious("He met former Prime Minister Yoshihide Suga.", "2022-03-01"),
        Vec::new()
    );
}

#[test]
fn listed_variants_are_silent() {
    for text in [
        "Foreign Minister Sergei Lavrov spoke.",
        "Russian FM Sergey Viktorovich Lavrov spoke.",
        "Pakistani Foreign Minister Shah Mehmood Qureshi spoke.",
        "Pakistani FM Shah Mahmood Qureshi spoke.",
        "Foreign Minister Sheikh Mohammed bin Abdulrahman Al-Thani spoke. Al-Thani added more.",
    ] {
        for rule in [MISSPELLED, NAME_FORM, WRONG_OFFICE, NOT_IN_OFFICE] {
            assert_silent(rule, text, "2021-09-24");
        }
    }
}

#[test]
fn a_sentence_that_dates_itself_is_checked_against_its_date() {
    assert_silent(
        NOT_IN_OFFICE,
        "In 2020, Prime Minister Abe visited Hanoi.",
        "2022-03-01",
    );
    assert_silent(
        NOT_IN_OFFICE,
        "On 3 March 2019, Prime Minister Abe met the press.",
        "2022-03-01",
    );
    assert_fires(
        NOT_IN_OFFICE,
        "In 2015, Prime Minister Suga visited Hanoi.",
        "2022-03-01",
        "Suga",
    );
}

// --- Shapes of mention ---

#[test]
fn every_shape_of_mention_is_recognised() {
    let day = "2021-09-24";
    let annotated = |text: &str| -> Vec<String> {
        let doc = crate::document::Document::new(text.into(), crate::document::DocKind::Plain);
        crate::rules::testing::engine()
            .check(&doc, &Default::default(), Some(day.parse().unwrap()), None)
            .annotations
            .iter()
            .filter(|a| matches!(*a.subject, crate::rules::Subject::Person(_)))
            .map(|a| text[a.span.clone()].to_string())
            .collect()
    };
    for (text, names) in [
        (
            "Prime Minister Yoshihide Suga arrived.",
            &["Yoshihide Suga"][..],
        ),
        (
            "Japanese Prime Minister (PM) Yoshihide Suga arrived.",
            &["Yoshihide Suga"],
        ),
        ("PM Suga arrived.", &["Suga"]),
        (
            "Yoshihide Suga, Prime Minister of Japan, arrived.",
            &["Yoshihide Suga"],
        ),
        (
            "He met the Prime Minister of Japan, Mr. SUGA Yoshihide.",
            &["SUGA Yoshihide"],
        ),
        (
            "H.E. Mr. Narendra Modi, Prime Minister of India, spoke.",
            &["Narendra Modi"],
        ),
        (
            "Russian FM Sergey Viktorovich Lavrov spoke.",
            &["Sergey Viktorovich Lavrov"],
        ),
        (
            "Qatari Deputy PM and Minister of Foreign Affairs Sheikh Mohammed bin Abdulrahman \
             bin Jassim Al-Thani spoke.",
            &["Mohammed bin Abdulrahman bin Jassim Al-Thani"],
        ),
        (
            "UN Secretary-General António Guterres spoke.",
            &["António Guterres"],
        ),
        ("Secretary Blinken spoke.", &["Blinken"]),
        ("Foreign Minister Wang spoke.", &["Wang"]),
        (
            "Foreign Minister Toshimitsu Motegi spoke. Later Motegi left. Motegi's aide stayed.",
            &["Toshimitsu Motegi", "Motegi", "Motegi"],
        ),
        (
            "FM Shah Mahmood Qureshi spoke. Qureshi then left.",
            &["Shah Mahmood Qureshi", "Qureshi"],
        ),
        (
            "External Affairs Minister Dr. S. Jaishankar spoke.",
            &["S. Jaishankar"],
        ),
        (
            "President Joseph R. Biden, Jr. spoke.",
            &["Joseph R. Biden, Jr"],
        ),
    ] {
        assert_eq!(annotated(text), names, "{text}");
    }
    // The Korean counterpart is recognised, with a hint on the case of "Yong".
    assert_fires(
        NAME_FORM,
        "his Korean counterpart, Chung Eui-Yong",
        day,
        "Chung Eui-Yong",
    );
}

#[test]
fn surnames_alone_need_a_title_or_an_introduction() {
    let day = "2021-09-24";
    let annotated = |text: &str| -> usize {
        let doc = crate::document::Document::new(text.into(), crate::document::DocKind::Plain);
        crate::rules::testing::engine()
            .check(&doc, &Default::default(), Some(day.parse().unwrap()), None)
            .annotations
            .iter()
            .filter(|a| matches!(*a.subject, crate::rules::Subject::Person(_)))
            .count()
    };
    assert_eq!(annotated("Motegi spoke."), 0, "not introduced");
    assert_eq!(annotated("The talks in Costa Rica went well."), 0);
    assert_eq!(annotated("In May the talks resumed."), 0);
    assert_eq!(annotated("Theresa May spoke. In May the talks resumed."), 1);
    assert_eq!(
        annotated("Mr. Kishida spoke."),
        1,
        "an honorific and a unique family name"
    );
    assert_eq!(annotated("Mr. Brown spoke."), 0, "an ordinary word");
    assert_eq!(
        annotated("Gordon Brown spoke. Brown left."),
        2,
        "introduced"
    );
    assert_eq!(
        annotated("Vice President Harris spoke."),
        0,
        "the title names no office of a Harris"
    );
    assert_fires(NOT_IN_OFFICE, "Prime Minister May spoke.", day, "May");
    assert_eq!(annotated("President Rodrigo Chaves Robles spoke."), 1);
    // A family name inside a longer name is not a mention of that family.
    assert_eq!(
        serious(
            "President George H. W. Bush met Prime Minister Kaifu.",
            "2021-09-24"
        ),
        Vec::new()
    );
}

// --- person/misspelled ---

#[test]
fn misspelled_names_with_evidence_fire_with_the_canonical_fix() {
    let day = "2021-09-24";
    assert_fires(
        MISSPELLED,
        "Russian Foreign Minister Sergey Lavrow spoke.",
        day,
        "Sergey Lavrow",
    );
    assert_eq!(
        first_fix(
            MISSPELLED,
            "Russian Foreign Minister Sergey Lavrow spoke.",
            day
        )
        .as_deref(),
        Some("Sergey Lavrov")
    );
    assert_fires(
        MISSPELLED,
        "He met Antonio Guteres in New York.",
        day,
        "Antonio Guteres",
    );
    assert_eq!(
        first_fix(MISSPELLED, "He met Antonio Guteres in New York.", day).as_deref(),
        Some("António Guterres")
    );
    assert_fires(
        MISSPELLED,
        "External Affairs Minister Jashankar spoke.",
        day,
        "Jashankar",
    );
    assert_eq!(
        first_fix(
            MISSPELLED,
            "External Affairs Minister Jashankar spoke.",
            day
        )
        .as_deref(),
        Some("Jaishankar")
    );
    assert_fires(
        MISSPELLED,
        "Iranian First Vice President Mokber arrived.",
        "2023-01-10",
        "Mokber",
    );
    assert_fires(
        MISSPELLED,
        "Foreign Minister Toshimitsu Motegi spoke. Later Mr. Motegy left.",
        day,
        "Motegy",
    );
}

#[test]
fn misspelled_is_silent_without_evidence_and_on_real_people() {
    let day = "2021-09-24";
    for text in [
        "Jashankar spoke.",
        "National Security Advisor Jake Sullivan met Mr. Sullivan's team.",
        "Prime Minister Han Duck-soo and President Moon Jae-in met.",
        "President George H. W. Bush and President George W. Bush.",
        "The Varanasi centre opened; Kyodo reported it.",
        "Foreign Minister Lavender spoke.",
        "Prime Minister Kishida and Prime Minister Kishi met.",
        "President Biden spoke. Later he visited Baden and the Black Forest.",
        "Foreign Minister Toshimitsu Motegi spoke. Later Motegy left.",
    ] {
        assert_silent(MISSPELLED, text, day);
    }
}

// --- person/name-form ---

#[test]
fn name_form_hints_on_case_and_diacritics() {
    let day = "2021-09-24";
    assert_fires(
        NAME_FORM,
        "Secretary-General Antonio Guterres spoke.",
        day,
        "Antonio Guterres",
    );
    assert_eq!(
        first_fix(NAME_FORM, "Secretary-General Antonio Guterres spoke.", day).as_deref(),
        Some("António Guterres")
    );
    assert_eq!(
        first_fix(NAME_FORM, "Foreign Minister Chung Eui-Yong spoke.", day).as_deref(),
        Some("Chung Eui-yong")
    );
    for text in [
        "Prime Minister SUGA Yoshihide spoke.",
        "President Pedro Sanchez of Spain spoke.",
        "Foreign Minister Chung Eui-yong spoke.",
        "Secretary-General GUTERRES spoke.",
        "President Joseph R. Biden, Jr. spoke.",
    ] {
        assert_silent(NAME_FORM, text, day);
    }
}

// --- person/wrong-office ---

#[test]
fn wrong_office_fires_where_the_registry_is_complete() {
    assert_fires(
        WRONG_OFFICE,
        "Japanese Foreign Minister Narendra Modi spoke.",
        "2021-09-24",
        "Narendra Modi",
    );
    assert_fires(
        WRONG_OFFICE,
        "Premier Xi Jinping spoke.",
        "2023-06-01",
        "Xi Jinping",
    );
    let found = findings(WRONG_OFFICE, "Foreign Minister Suga spoke.", "2021-09-24");
    assert!(found[0].1.contains("Toshimitsu Motegi"), "{found:?}");
}

#[test]
fn wrong_office_is_silent_where_titles_overlap_or_data_is_incomplete() {
    for (text, day) in [
        ("Chinese President Xi Jinping spoke.", "2023-06-01"),
        // A compound title: one part fits.
        (
            "Deputy Prime Minister/Foreign Minister Parnpree Bahiddha-Nukara spoke.",
            "2024-01-26",
        ),
        (
            "Qatari Deputy PM and Minister of Foreign Affairs Sheikh Mohammed bin Abdulrahman Al-Thani spoke.",
            "2021-09-24",
        ),
        // A junior minister's title, not the foreign minister's.
        (
            "Adel al-Jubeir, Minister of State for Foreign Affairs, spoke.",
            "2021-09-24",
        ),
        // The White House calls Spain's head of government President.
        ("President Pedro Sanchez of Spain spoke.", "2023-05-12"),
        // An acting President of Korea while the President was suspended.
        ("Acting President Han Duck-soo spoke.", "2024-12-20"),
        ("President Yoon Suk Yeol spoke.", "2024-12-20"),
        // India's Foreign Secretary is a civil servant; the UK Chancellor is the finance minister.
        ("Foreign Secretary S. Jaishankar spoke.", "2016-06-01"),
        ("Chancellor Jeremy Hunt spoke.", "2023-06-01"),
        // US courtesy: a former Secretary keeps the title.
        ("Secretary John Kerry spoke.", "2021-09-24"),
        (
            "the Prime Minister and Foreign Minister Motegi met.",
            "2021-09-24",
        ),
        // Not an apposition: the title and the name belong to different clauses.
        (
            "In a call with the Indian Prime Minister, Yoshihide Suga discussed trade.",
            "2021-09-24",
        ),
    ] {
        assert_silent(WRONG_OFFICE, text, day);
        assert_silent(NOT_IN_OFFICE, text, day);
    }
}

// --- person/not-in-office ---

#[test]
fn not_in_office_names_the_term_and_the_holder() {
    let found = findings(
        NOT_IN_OFFICE,
        "Prime Minister Yoshihide Suga will visit Canberra.",
        "2022-03-01",
    );
    assert_eq!(found.len(), 1);
    assert!(found[0].1.contains("2020-09-16"), "{found:?}");
    assert!(found[0].1.contains("2021-10-04"), "{found:?}");
    assert!(found[0].1.contains("Fumio Kishida"), "{found:?}");
    assert_fires(
        NOT_IN_OFFICE,
        "Secretary of State John Kerry spoke.",
        "2021-09-24",
        "John Kerry",
    );
    assert_fires(
        NOT_IN_OFFICE,
        "Japan's Foreign Minister Motegi spoke.",
        "2023-01-10",
        "Motegi",
    );
}

#[test]
fn not_in_office_is_silent_with_modifiers_and_outside_the_registry() {
    let later = "2022-03-01";
    for text in [
        "former Prime Minister Suga spoke.",
        "then-Prime Minister Suga spoke.",
        "ex-Prime Minister Suga spoke.",
        "the late Prime Minister Abe",
        "outgoing Prime Minister Suga spoke.",
        "Japan's former Prime Minister Suga spoke.",
        "Prime Minister Suga (2020-2021) spoke.",
        "Prime Minister Abe's 2013 visit to Hanoi was recalled.",
        "Prime Minister Abe in 2013 visited Hanoi.",
        "They met at the Prime Minister Suga Memorial Hall.",
        "The Queen Elizabeth II Conference Centre hosted the talks.",
        "Yoshihide Suga, the former prime minister, spoke.",
        "Yoshihide Suga, Prime Minister of Japan from 2020 to 2021, spoke.",
    ] {
        assert_silent(NOT_IN_OFFICE, text, later);
    }
    assert_silent(
        NOT_IN_OFFICE,
        "Prime Minister-elect Kishida spoke.",
        "2021-10-01",
    );
    assert_silent(
        NOT_IN_OFFICE,
        "incoming Prime Minister Kishida spoke.",
        "2021-10-01",
    );
    // After the registry's valid_through, registry/stale speaks instead.
    assert_silent(NOT_IN_OFFICE, "Prime Minister Suga spoke.", "2031-01-01");
    // Both hold the office on the handover day.
    assert_silent(NOT_IN_OFFICE, "Prime Minister Suga spoke.", "2021-10-04");
    assert_silent(NOT_IN_OFFICE, "Prime Minister Kishida spoke.", "2021-10-04");
}

/// Reads the published reports in /work/shared/corpus (not part of the repository) and prints
/// what the person and title rules say: `cargo test --lib corpus_report -- --ignored --nocapture`.
#[test]
#[ignore]
fn corpus_report() {
    use crate::document::{DocKind, Document};
    let root = std::path::Path::new("/work/shared/corpus");
    let mut paths = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n != "README.md") {
                paths.push(p);
            }
        }
    }
    paths.sort();
    let mut serious_total = 0;
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let kind = DocKind::from_path(&path).unwrap_or(DocKind::Plain);
        let doc = Document::new(text.clone(), kind);
        let report =
            crate::rules::testing::engine().check(&doc, &Default::default(), None, Some(&path));
        println!("== {} ({})", path.display(), report.date.date);
        for d in &report.diagnostics {
            let id = d.finding.rule.id;
            if id.starts_with("person/") || id.starts_with("title/") {
                if matches!(
                    d.severity,
                    crate::rules::Severity::Error | crate::rules::Severity::Warning
                ) {
                    serious_total += 1;
                }
                println!(
                    "  {:?} {id} {:?}: {}",
                    d.severity,
                    &text[d.finding.span.clone()],
                    d.finding.message
                );
            }
        }
        let people: Vec<&str> = report
            .annotations
            .iter()
            .filter(|a| matches!(*a.subject, crate::rules::Subject::Person(_)))
            .map(|a| &text[a.span.clone()])
            .collect();
        println!("  people: {people:?}");
    }
    println!("errors and warnings: {serious_total}");
}

/// Every registry term, written with every title its office lists, dated in the middle of the
/// term: nothing to report. Keeps the rules and the registry data in step.
#[test]
fn registry_terms_read_back() {
    let reg = crate::rules::testing::registry();
    let mut failures = 0;
    let mut total = 0;
    for p in &reg.people {
        for t in &p.terms {
            let end = t.end.unwrap_or(reg.valid_through).min(reg.valid_through);
            if t.start < reg.valid_from || end < t.start {
                continue;
            }
            let mid = t.start + jiff::Span::new().days((end - t.start).get_days() / 2);
            let office = reg.office(t.office);
            let adjective = match &office.owner {
                crate::registry::Owner::Country(c) => reg.country(*c).adjective().to_string(),
                crate::registry::Owner::Organisation(code) => code.to_string(),
            };
            for title in &office.titles {
                for text in [
                    format!("{title} {} met the press. Later {} left.", p.name, p.family),
                    format!("The {adjective} {title} {} met the press.", p.name),
                ] {
                    total += 1;
                    let found = serious(&text, &mid.to_string());
                    if !found.is_empty() {
                        failures += 1;
                        println!("{mid} {text:?}: {found:?}");
                    }
                }
            }
        }
    }
    assert_eq!(failures, 0, "{failures} of {total} texts drew findings");
}

/// Every registry term that ended, written the day after with the office's first title:
/// `person/not-in-office`, unless the person held the office again or the registry does not
/// know every holder then.
#[test]
fn registry_terms_after_their_end() {
    let reg = crate::rules::testing::registry();
    let (mut fired, mut total) = (0, 0);
    for p in &reg.people {
        for t in &p.terms {
            let Some(end) = t.end else { continue };
            let after = end + jiff::Span::new().days(1);
            if t.start < reg.valid_from || after > reg.valid_through {
                continue;
            }
            if p.terms
                .iter()
                .any(|u| u.office == t.office && u.covers(after))
            {
                continue;
            }
            let office = reg.office(t.office);
            if !reg.covers(t.office, after) {
                continue;
            }
            let title = &office.titles[0];
            let text = format!("{title} {} met the press.", p.name);
            total += 1;
            let found = serious(&text, &after.to_string());
            if found.iter().any(|(r, _, _)| r == NOT_IN_OFFICE) {
                fired += 1;
            } else {
                println!("{after} {text:?}: {found:?}");
            }
        }
    }
    assert_eq!(fired, total, "{fired} of {total} fired");
}

/// Prints every person and title finding on the files given in DIPLINT_FILES (a date per file
/// in DIPLINT_DATE): `DIPLINT_FILES=a.txt DIPLINT_DATE=2023-03-01 cargo test --lib
/// adhoc_report -- --ignored --nocapture`.
#[test]
#[ignore]
fn adhoc_report() {
    let date = std::env::var("DIPLINT_DATE").unwrap_or_else(|_| "2023-03-01".into());
    for path in std::env::var("DIPLINT_FILES")
        .unwrap_or_default()
        .split(',')
    {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        println!("== {path}");
        for d in check(&text, &date) {
            let id = d.finding.rule.id;
            if id.starts_with("person/") || id.starts_with("title/") {
                println!(
                    "  {:?} {id} {:?}: {}",
                    d.severity,
                    &text[d.finding.span.clone()],
                    d.finding.message
                );
            }
        }
        let doc = crate::document::Document::new(text.clone(), crate::document::DocKind::Plain);
        let report = crate::rules::testing::engine().check(
            &doc,
            &Default::default(),
            Some(date.parse().unwrap()),
            None,
        );
        let people: Vec<String> = report
            .annotations
            .iter()
            .filter_map(|a| match *a.subject {
                crate::rules::Subject::Person(p) => {
                    Some(format!("{}={}", &text[a.span.clone()], report_name(p)))
                }
                _ => None,
            })
            .collect();
        println!("  people: {people:?}");
    }
}

fn report_name(p: crate::registry::PersonId) -> String {
    crate::rules::testing::registry().person(p).name.to_string()
}

/// Every country adjective with the common title forms: prints where `title/form` fires, to
/// judge by eye.
#[test]
#[ignore]
fn title_form_table() {
    let reg = crate::rules::testing::registry();
    for c in &reg.countries {
        let Some(id) = reg.country_by_code(&c.code) else {
            continue;
        };
        if reg.offices_of(id).next().is_none() {
            continue;
        }
        let mut fired = Vec::new();
        for form in [
            "Foreign Minister",
            "FM",
            "Minister of Foreign Affairs",
            "Minister for Foreign Affairs",
            "Prime Minister",
            "PM",
            "President",
            "Deputy Prime Minister",
            "Emperor",
            "Federal Chancellor",
        ] {
            let text = format!("The {} {form} spoke.", c.adjective());
            if !findings("title/form", &text, "2023-01-10").is_empty() {
                fired.push(form);
            }
        }
        println!("{} {}: {}", c.code, c.adjective(), fired.join(", "));
    }
}

#[test]
fn a_finding_on_a_family_name_points_at_the_introduction() {
    let text = "Toshimitsu Motegi arrived. Later Prime Minister Motegi spoke.";
    let found: Vec<_> = check(text, "2021-09-24")
        .into_iter()
        .filter(|d| d.finding.rule.id == WRONG_OFFICE)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0].finding;
    assert_eq!(&text[f.span.clone()], "Motegi");
    assert!(f.message.contains("Yoshihide Suga"), "{}", f.message);
    assert_eq!(&text[f.related[0].span.clone()], "Toshimitsu Motegi");
    assert!(matches!(f.subject, Some(crate::rules::Subject::Person(_))));
}

#[test]
fn names_of_places_and_prizes_claim_no_office() {
    for text in [
        "The talks took place at the Queen Elizabeth II Conference Centre.",
        "Students of Sultan Qaboos University met the delegation.",
    ] {
        assert_silent(NOT_IN_OFFICE, text, "2023-06-01");
    }
    assert_silent(
        NOT_IN_OFFICE,
        "The Prime Minister Suga Memorial Hall opened.",
        "2023-06-01",
    );
    assert_fires(
        NOT_IN_OFFICE,
        "Prime Minister Suga opened the hall.",
        "2023-06-01",
        "Suga",
    );
}

// --- Introductions across paragraphs: checking again after edits ---

/// Motegi and both Michels introduced in early paragraphs, named by family name alone later:
/// "Michel" is whichever Michel came last, "Prime Minister Motegi" points at Motegi's
/// introduction, and "Mr. Motegy" is a misspelling only once Motegi was introduced.
const INTRODUCTIONS: &str = "\
Toshimitsu Motegi arrived in Brussels. Charles Michel met him.

Louis Michel joined them later.

Michel said the talks went well. Later Prime Minister Motegi spoke. Mr. Motegy thanked the hosts.
";

#[test]
fn introductions_in_other_paragraphs_resolve_family_names() {
    let text = INTRODUCTIONS;
    let found = check(text, "2021-09-24");
    let wrong: Vec<_> = found
        .iter()
        .filter(|d| d.finding.rule.id == WRONG_OFFICE)
        .collect();
    assert_eq!(wrong.len(), 1, "{found:?}");
    let related = &wrong[0].finding.related;
    assert_eq!(&text[related[0].span.clone()], "Toshimitsu Motegi");
    let misspelt = findings(MISSPELLED, text, "2021-09-24");
    assert_eq!(misspelt.len(), 1, "{misspelt:?}");
    assert_eq!(misspelt[0].0, "Motegy");
    // Without a mention of Motegi before it, "Mr. Motegy" has no evidence.
    let alone = text
        .replace("Toshimitsu Motegi arrived", "The minister arrived")
        .replace("Later Prime Minister Motegi spoke. ", "");
    assert_silent(MISSPELLED, &alone, "2021-09-24");
}

#[test]
fn checking_again_over_moved_introductions_gives_a_fresh_check() {
    let edits: &[(&str, &str)] = &[
        // The introduction goes away, then comes back.
        ("Toshimitsu Motegi arrived", "The minister arrived"),
        ("The minister arrived", "Toshimitsu Motegi arrived"),
        // The two Michels change places: the later "Michel" is the other one.
        ("Charles Michel met", "Louis Michel met"),
        ("Louis Michel joined", "Charles Michel joined"),
        // An introduction gets a paragraph of its own, then joins the next one.
        ("Brussels. Louis", "Brussels.\n\nLouis"),
        ("him.\n\nCharles", "him. Charles"),
        // An introduction moves after the mentions that relied on it.
        ("Toshimitsu Motegi arrived", "He arrived"),
        ("the hosts.\n", "the hosts.\n\nToshimitsu Motegi left.\n"),
        // And before them again, in the same paragraph.
        ("Michel said", "Toshimitsu Motegi and Michel said"),
        // The paragraphs join into one and split again.
        ("later.\n\nToshimitsu", "later. Toshimitsu"),
        ("later. Toshimitsu", "later.\n\nToshimitsu"),
    ];
    crate::rules::testing::assert_rechecks_alike(
        INTRODUCTIONS,
        crate::document::DocKind::Plain,
        &crate::config::Settings::default(),
        Some(jiff::civil::date(2021, 9, 24)),
        edits,
    );
}
