use crate::config::Settings;
use crate::document::{DocKind, Document};
use crate::rules::testing::{assert_fires, assert_silent, check, engine, findings, first_fix};
use crate::rules::{Severity, Subject};

const UNDEFINED: &str = "acronym/undefined";
const CONFLICT: &str = "acronym/conflict";
const DATE: &str = "2021-09-24";

fn undefined_at(text: &str, expected: &str) {
    assert_fires(UNDEFINED, text, DATE, expected);
}

fn no_undefined(text: &str) {
    assert_silent(UNDEFINED, text, DATE);
}

fn conflict_at(text: &str, expected: &str) {
    assert_fires(CONFLICT, text, DATE, expected);
}

fn no_conflict(text: &str) {
    assert_silent(CONFLICT, text, DATE);
}

fn undefined_texts(text: &str) -> Vec<String> {
    findings(UNDEFINED, text, DATE)
        .into_iter()
        .map(|(t, _)| t)
        .collect()
}

/// Prints the acronym and markup findings of the real reports in /work/shared/corpus:
/// `cargo test --lib corpus_findings -- --ignored --nocapture` (`ALL=1`: every rule;
/// `CORPUS_FILES="a.md b.txt"`: more files).
#[test]
#[ignore]
fn corpus_findings() {
    let root = std::path::Path::new("/work/shared/corpus");
    let extra = std::env::var("CORPUS_FILES").unwrap_or_default();
    let mut paths: Vec<_> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .chain(
            std::fs::read_dir(root.join("published"))
                .into_iter()
                .flatten(),
        )
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .filter(|p| !p.ends_with("README.md"))
        .chain(extra.split_whitespace().map(std::path::PathBuf::from))
        .collect();
    paths.sort();
    for path in paths {
        let source = std::fs::read_to_string(&path).unwrap();
        let kind = DocKind::from_path(&path).unwrap();
        let doc = Document::new(source, kind);
        let report = engine().check(&doc, &Settings::default(), None, Some(&path));
        println!("== {}", path.display());
        for d in report.diagnostics {
            let id = d.finding.rule.id;
            if id.starts_with("acronym/")
                || id.starts_with("markup/")
                || std::env::var("ALL").is_ok()
            {
                println!(
                    "  {:?} {id} {:?}: {}",
                    d.severity,
                    &doc.source[d.finding.span.clone()],
                    d.finding.message
                );
            }
        }
    }
}

#[test]
fn an_acronym_never_spelt_out_is_reported_once_with_its_expansions() {
    let text = "JICA staff left Kabul. JICA will return.";
    assert_eq!(undefined_texts(text), ["JICA"]);
    let (_, message) = &findings(UNDEFINED, text, DATE)[0];
    assert!(
        message.contains("Japan International Cooperation Agency"),
        "{message}"
    );
    assert_eq!(
        first_fix(UNDEFINED, text, DATE).as_deref(),
        Some("Japan International Cooperation Agency (JICA)")
    );
    // One fix per meaning: ICC has three.
    let d = check("The ICC ruled.", DATE)
        .into_iter()
        .find(|d| d.finding.rule.id == UNDEFINED)
        .unwrap();
    assert_eq!(d.severity, Severity::Info);
    assert_eq!(d.finding.fixes.len(), 3);
    // ASEAN's variant spellings are one meaning.
    let d = check("ASEAN met.", DATE)
        .into_iter()
        .find(|d| d.finding.rule.id == UNDEFINED)
        .unwrap();
    assert_eq!(d.finding.fixes.len(), 1, "{:?}", d.finding.fixes);
    // An acronym the registry does not know is reported without a fix.
    undefined_at("The QXZ group met.", "QXZ");
    assert_eq!(first_fix(UNDEFINED, "The QXZ group met.", DATE), None);
}

#[test]
fn a_use_before_the_definition_points_at_it() {
    let text = "Talks on Sidelines of UNGA\n\nDiplomats met at the 76th UN General Assembly (UNGA). \
The UNGA ends soon.";
    let d: Vec<_> = check(text, DATE)
        .into_iter()
        .filter(|d| d.finding.rule.id == UNDEFINED)
        .collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(&text[d[0].finding.span.clone()], "UNGA");
    assert_eq!(d[0].finding.span.start, text.find("UNGA").unwrap());
    assert_eq!(d[0].severity, Severity::Info);
    assert!(d[0].finding.message.contains("UN General Assembly (UNGA)"));
    let related = &d[0].finding.related[0];
    assert_eq!(&text[related.span.clone()], "UNGA");
    assert!(related.span.start > text.find("(UNGA)").unwrap());
    assert!(d[0].finding.fixes.is_empty());
}

#[test]
fn defined_and_known_acronyms_are_silent() {
    no_undefined(
        "Japan International Cooperation Agency (JICA) staff left Kabul. JICA will return.",
    );
    no_undefined("JICA (Japan International Cooperation Agency) staff left. JICA will return.");
    no_undefined(
        "The UN, the US, the U.S., the EU, the UK and NATO spoke of COVID-19, the G7 and G-20.",
    );
    no_undefined("The United Nations (UN) Secretary-General spoke at the UN.");
    no_undefined("The 76th UN General Assembly (UNGA) opened. The UNGA debate began.");
    no_undefined(
        "The 26th UN Climate Change Conference (COP26) opened. COP26 closed; COP27 follows.",
    );
    no_undefined("The Competitiveness and Resilience (CoRe) Partnership grew. CoRe projects.");
    no_undefined("Japanese Prime Minister (PM) Yoshihide Suga met Deputy PM Aso.");
}

#[test]
fn plural_and_possessive_forms_are_the_same_acronym() {
    no_undefined("Non-governmental organisations (NGOs) spoke. One NGO left; the NGOs stayed.");
    no_undefined("A non-governmental organisation (NGO) spoke. Other NGOs agreed.");
    no_undefined(
        "The Association of Southeast Asian Nations (ASEAN) met. ASEAN's role and ASEAN’s centrality.",
    );
    undefined_at("ASEAN’s centrality was affirmed.", "ASEAN");
    assert_eq!(
        undefined_texts("NGOs met. An NGO spoke. NGOs left."),
        ["NGOs"]
    );
}

#[test]
fn curly_and_straight_apostrophes_define_alike() {
    for text in [
        "The People’s Republic of China (PRC) objected. The PRC’s envoy left.",
        "The People's Republic of China (PRC) objected. The PRC's envoy left.",
        "The Democratic People’s Republic of Korea (DPRK) fired a missile. DPRK issues.",
    ] {
        no_undefined(text);
        no_conflict(text);
    }
}

#[test]
fn capitals_that_are_not_acronyms_are_silent() {
    // Agency credits and headings in capitals.
    no_undefined("September 24, 2021\nSOURCE: KYODO\n\nTalks began.");
    no_undefined("JOINT STATEMENT ON THE INDO-PACIFIC\n\nThe leaders met.");
    no_undefined("PM SUGA TELLS US IT WILL ACT\n\nThe leaders met.");
    no_undefined("Suga Tells US It Will Act On Climate");
    no_undefined("TOKYO (AFP) — Talks began at 9:00 JST, worth USD 5 million.");
    no_undefined("NEW YORK, Sept. 24 (Kyodo) — Talks began.\nWASHINGTON — The talks ended.");
    undefined_at("JICA, the agency, said so.", "JICA");
    // Roman numerals.
    no_undefined("World War II, Article V of the treaty, Chapter XIV and Pope Benedict XVI.");
    // A time of day, not the Prime Minister.
    no_undefined("The talks began at 6 PM and ended at 10:30 AM.");
    undefined_at("PM Suga met Modi.", "PM");
    // Family names in capitals.
    no_undefined("The Prime Minister of Japan, Mr. SUGA Yoshihide, met the press. SUGA spoke.");
    no_undefined("Prime Minister KISHIDA Fumio met President YOON Suk Yeol.");
    no_undefined("H.E. Mr. MOTEGI Toshimitsu, Minister for Foreign Affairs of Japan.");
    no_undefined("Foreign Minister WANG Yi and Ambassador TARUMI Hideo met.");
    // Document symbols, numbered groups, company names.
    no_undefined("Resolution S/RES/2231 (2015), the P5, the E3, Q&A and AT&T.");
    no_undefined("PM2.5 and PM10 levels rose.");
    undefined_at("COP26 closed.", "COP26");
    // Shouted words, country codes in a list, mixed-case names, dotted titles.
    no_undefined("We will NOT accept this, and ALL parties agree.");
    no_undefined("Delegations: JP, KR, AU and NZ; the JPN-KOR match.");
    no_undefined("McDonald and DeSantis spoke in Washington, D.C. with H.E. the Ambassador.");
}

#[test]
fn capitals_become_an_acronym_when_the_document_spells_them_out() {
    // "NOT" is a word, but a document may define any capitals.
    undefined_at(
        "The NOT group met. The National Organising Team (NOT) reported.",
        "NOT",
    );
}

#[test]
fn a_definition_whose_words_are_another_acronym_conflicts() {
    let text = "They called on the United Nations Security Council (UNGA) to act.";
    conflict_at(text, "UNGA");
    let (_, message) = &findings(CONFLICT, text, DATE)[0];
    assert!(message.contains("UNSC"), "{message}");
    assert_eq!(first_fix(CONFLICT, text, DATE).as_deref(), Some("UNSC"));
    conflict_at("UNGA (United Nations Security Council) met.", "UNGA");
    conflict_at(
        "Staff of the Japan International Cooperation Agency (JICE) left.",
        "JICE",
    );
    conflict_at("The United Nations General Assembly (UNSC) voted.", "UNSC");
    // It is not also reported as undefined, and a repetition is wrong again.
    no_undefined(text);
    let twice = format!("{text} {text}");
    assert_eq!(findings(CONFLICT, &twice, DATE).len(), 2);
}

#[test]
fn a_second_different_definition_conflicts() {
    let text = "The International Criminal Court (ICC) ruled. The International Cricket Council \
(ICC) did not.";
    conflict_at(text, "ICC");
    let d = check(text, DATE)
        .into_iter()
        .find(|d| d.finding.rule.id == CONFLICT)
        .unwrap();
    assert!(d.finding.span.start > text.find("Cricket").unwrap());
    assert!(d.finding.related[0].span.start < text.find("Cricket").unwrap());
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn right_definitions_do_not_conflict() {
    for text in [
        "The United Nations Security Council (UNSC) met.",
        "The 76th UN General Assembly (UNGA) opened. Later the United Nations General Assembly \
(UNGA) closed, and the General Assembly (UNGA) adjourned.",
        "The International Chamber of Commerce (ICC) met.",
        "The Environmental Protection Agency (EPA) spoke.",
        "The Japan-EU Economic Partnership Agreement (EPA) entered into force.",
        "The National Security Adviser (NSA) spoke. The National Security Council (NSC) met.",
        "Japanese Prime Minister (PM) Suga met the Deputy Prime Minister (DPM).",
        "The Partnership for Global Infrastructure and Investment (PGI) grew.",
        "The Australia-United Kingdom-United States (AUKUS) partnership.",
        "The Ministry of Foreign Affairs (MOFA) and the Federal Security Service (FSB).",
        "Doctors Without Borders (MSF) and the Self-Defence Force (SDF) helped.",
        "The U.S. Agency for International Development (USAID) and the US Agency for \
International Development (USAID).",
        "The Specified Skilled Worker (SSW) system and the International Development Finance \
Corporation (IDFC).",
        "Growth in the region (ASEAN) slowed.",
    ] {
        no_conflict(text);
    }
}

#[test]
fn defined_acronyms_are_annotated_for_hovers() {
    let text =
        "Japan International Cooperation Agency (JICA) staff left. JICA will return to the UN.";
    let doc = Document::new(text.to_string(), DocKind::Plain);
    let report = engine().check(
        &doc,
        &Settings::default(),
        Some(DATE.parse().unwrap()),
        None,
    );
    let at = text.rfind("JICA").unwrap();
    let hover = report
        .annotations
        .iter()
        .find(|a| a.span.start == at)
        .expect("annotation");
    assert_eq!(
        *hover.subject,
        Subject::Acronym {
            short: "JICA".into(),
            expansion: Some("Japan International Cooperation Agency".into())
        }
    );
    let un = text.rfind("UN").unwrap();
    assert!(report.annotations.iter().any(|a| a.span.start == un));
}

#[test]
fn the_rules_own_examples_hold() {
    for rule in super::RULES {
        assert!(
            !findings(rule.id, rule.wrong, rule.example_date).is_empty(),
            "{}",
            rule.id
        );
        assert!(
            findings(rule.id, rule.right, rule.example_date).is_empty(),
            "{}",
            rule.id
        );
    }
}

/// Applies each edit in turn and checks that checking again with the memo of the last check
/// gives what a fresh check gives; the fresh reports, of `start` and after each edit.
fn check_again_matches_check(start: &str, edits: &[(&str, &str)]) -> Vec<crate::engine::Report> {
    let date = Some(DATE.parse().unwrap());
    crate::rules::testing::assert_rechecks_alike(
        start,
        DocKind::Plain,
        &Settings::default(),
        date,
        edits,
    )
}

/// The acronyms a report finds undefined, and what its hovers say each stands for, in order.
fn undefined_and_expansions(report: &crate::engine::Report) -> (usize, Vec<String>) {
    let undefined = report
        .diagnostics
        .iter()
        .filter(|d| d.finding.rule.id == UNDEFINED)
        .count();
    let expansions = report
        .annotations
        .iter()
        .filter_map(|a| match &*a.subject {
            Subject::Acronym { short, expansion } => Some(format!("{short}: {expansion:?}")),
            _ => None,
        })
        .collect();
    (undefined, expansions)
}

#[test]
fn a_definition_decides_later_uses_and_an_edit_after_it_leaves_them() {
    let start = "The Japan International Cooperation Agency (JICA) was founded.\n\nIts staff \
met.\n\nJICA staff met the press.\n";
    let reports = check_again_matches_check(
        start,
        &[
            // The definition goes: the later use is spelt out nowhere.
            (
                "The Japan International Cooperation Agency (JICA) was",
                "It was",
            ),
            // And comes back.
            (
                "It was",
                "The Japan International Cooperation Agency (JICA) was",
            ),
            // Edits after the definition, between it and the use and after the use.
            ("Its staff met.", "Its many staff met."),
            ("the press.", "the press today."),
        ],
    );
    let seen: Vec<_> = reports.iter().map(undefined_and_expansions).collect();
    let defined = (
        0,
        vec!["JICA: Some(\"Japan International Cooperation Agency\")".to_string(); 2],
    );
    assert_eq!(seen[0], defined);
    assert_eq!(seen[1].0, 1, "{:?}", seen[1]);
    assert_eq!(seen[2], defined);
    assert_eq!(seen[3], defined);
    assert_eq!(seen[4], defined);
}

const REPORT: &str = "JICA staff met the press.\n\nThe UNGA ends soon and the QXZ group met.\n\n\
The Japan International Cooperation Agency (JICA) will report.\n\nThe 76th UN General \
Assembly (UNGA) opened.\n\nMr. SUGA Yoshihide spoke. The North Ocean Policy Quorum (NOPQ) met.\n";

#[test]
fn checking_again_after_moving_a_definition_gives_a_fresh_check() {
    check_again_matches_check(
        REPORT,
        &[
            // The definition moves before the first use, in another paragraph.
            (
                "JICA staff met",
                "The Japan International Cooperation Agency (JICA) staff met",
            ),
            (
                "The Japan International Cooperation Agency (JICA) will",
                "JICA will",
            ),
            // And back after it.
            (
                "The Japan International Cooperation Agency (JICA) staff met",
                "JICA staff met",
            ),
            (
                "JICA will",
                "The Japan International Cooperation Agency (JICA) will",
            ),
            // An acronym the registry does not know is defined, then its definition moves up.
            ("the QXZ group met", "the Quiet X Zone (QXZ) group met"),
            ("The 76th UN General Assembly (UNGA)", "The 76th UNGA"),
            ("The UNGA ends", "The 76th UN General Assembly (UNGA) ends"),
        ],
    );
}

#[test]
fn checking_again_after_removing_a_definition_gives_a_fresh_check() {
    check_again_matches_check(
        REPORT,
        &[
            (
                "The Japan International Cooperation Agency (JICA) will",
                "It will",
            ),
            ("The 76th UN General Assembly (UNGA) opened.\n\n", ""),
            ("The North Ocean Policy Quorum (NOPQ) met.", "NOPQ met."),
            // A paragraph that only held a definition is removed and comes back.
            (
                "Mr. SUGA",
                "The North Ocean Policy Quorum (NOPQ) met.\n\nMr. SUGA",
            ),
        ],
    );
}

#[test]
fn checking_again_after_a_second_definition_gives_a_fresh_check() {
    check_again_matches_check(
        REPORT,
        &[
            // A second, different definition of the same acronym, in another paragraph.
            (
                "the QXZ group",
                "the North Ocean Policy Question (NOPQ) and the QXZ group",
            ),
            // A conflicting one: another acronym's registry expansion.
            (
                "JICA staff",
                "The United Nations Security Council (UNGA) staff",
            ),
            // The first definition goes away: the second is the first now.
            ("The North Ocean Policy Quorum (NOPQ) met.", "They met."),
            // The same words again, after the first: recognised by the earlier definition.
            (
                "They met.",
                "The North Ocean Policy Question (NOPQ) met. NOPQ (North Ocean Policy \
Question) met.",
            ),
            // Capitals that are a family name in one paragraph are no acronym in another.
            ("The UNGA ends", "SUGA ends"),
            ("Mr. SUGA Yoshihide", "Mr. Suga Yoshihide"),
        ],
    );
}
