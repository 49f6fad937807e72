//! The `date/*` rules through the engine, as a user sees them.

use crate::config::{DateFormat, Settings};
use crate::document::{DocKind, Document};
use crate::rules::Subject;
use crate::rules::testing::{
    assert_fires, assert_silent, check, check_with, engine, findings, first_fix,
};

const FRIDAY: &str = "2021-09-24";

fn fixes(rule: &str, text: &str, date: &str) -> Vec<String> {
    check(text, date)
        .into_iter()
        .find(|d| d.finding.rule.id == rule)
        .map(|d| {
            d.finding
                .fixes
                .iter()
                .map(|f| f.replacement.clone())
                .collect()
        })
        .unwrap_or_default()
}

fn date_rules(text: &str, date: &str) -> Vec<(String, String)> {
    check(text, date)
        .into_iter()
        .filter(|d| d.finding.rule.id.starts_with("date/"))
        .map(|d| {
            (
                d.finding.rule.id.to_string(),
                text[d.finding.span].to_string(),
            )
        })
        .collect()
}

/// The seed report's opening, written anew: a dateline, then "On Thursday".
const SEED_LIKE: &str = "Japan Holds Talks on Sidelines of UNGA\n\n\
September 24, 2021\nJapan Holds Talks on Sidelines of UNGA\nSOURCE: KYODO\n\n\
On Thursday, Japanese diplomats held talks with officials from five nations on the \
sidelines of the 76th UN General Assembly (UNGA). The centre, inaugurated in July in \
Varanasi, was mentioned. They met on the sidelines of the 76th UNGA.\n";

#[test]
fn on_thursday_in_a_friday_report_is_the_day_before_and_silent() {
    let doc = Document::new(SEED_LIKE.to_string(), DocKind::Plain);
    let report = engine().check(&doc, &Settings::default(), None, None);
    assert_eq!(report.date.date.to_string(), FRIDAY);
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !d.finding.rule.id.starts_with("date/")),
        "{:?}",
        report.diagnostics
    );
    let at = SEED_LIKE.find("Thursday").unwrap();
    let note = report
        .annotations
        .iter()
        .find(|a| a.span.start == at)
        .map(|a| a.subject.into_owned());
    match note {
        Some(Subject::Date {
            start,
            end,
            relative,
            note,
        }) => {
            assert_eq!(
                (start.to_string(), end.to_string()),
                ("2021-09-23".into(), "2021-09-23".into())
            );
            assert!(relative);
            assert_eq!(
                note,
                "the Thursday before the document date 2021-09-24 (dateline)"
            );
        }
        other => panic!("no date annotation on 'Thursday': {other:?}"),
    }
    let sessions = report
        .annotations
        .iter()
        .filter(
            |a| matches!(&*a.subject, Subject::Session { series, number: 76 } if series == "unga"),
        )
        .count();
    assert_eq!(sessions, 2);
}

#[test]
fn weekday_mismatch() {
    let rule = "date/weekday-mismatch";
    let text = "The meeting took place on Thursday, 24 September 2021.";
    assert_fires(rule, text, "2021-09-27", "Thursday");
    assert_eq!(
        first_fix(rule, text, "2021-09-27").as_deref(),
        Some("Friday")
    );
    let (_, message) = &findings(rule, text, "2021-09-27")[0];
    assert_eq!(message, "24 September 2021 was a Friday, not a Thursday");
    assert_fires(rule, "Talks on Thu, Sept. 24, 2021 ended.", FRIDAY, "Thu");
    assert_eq!(
        first_fix(rule, "Talks on Thu, Sept. 24, 2021 ended.", FRIDAY).as_deref(),
        Some("Fri")
    );
    assert_fires(rule, "They meet on Monday 24 September.", FRIDAY, "Monday");
    assert_fires(
        rule,
        "They met on 24 September 2021 (Thursday).",
        FRIDAY,
        "Thursday",
    );
    assert_fires(rule, "Thursday, 2021-09-24: talks.", FRIDAY, "Thursday");
    // An undated text cannot tell the year of "Monday 27 September".
    assert_silent(rule, "They met on Monday 27 September.", "");
    for text in [
        "The meeting took place on Friday, 24 September 2021.",
        "They met on Friday (24 September).",
        "They met on September 24, 2021 (Friday).",
        "Friday, 03/09/2021 was busy.", // 3 September 2021 was a Friday
        "They met on Friday. On 24 September they spoke.",
        "The talks run Monday-Wednesday, 20-22 September.",
        "Talks: Monday 27 September – Friday 1 October 2021.",
    ] {
        assert_silent(rule, text, FRIDAY);
    }
}

#[test]
fn relative_mismatch() {
    let rule = "date/relative-mismatch";
    let text = "On Thursday (22 September), the ministers met in New York.";
    assert_fires(rule, text, FRIDAY, "Thursday (22 September)");
    assert_eq!(
        fixes(rule, text, FRIDAY),
        ["Thursday (23 September)", "Wednesday (22 September)"]
    );
    assert_silent("date/weekday-mismatch", text, FRIDAY);
    let text = "The ministers met yesterday (22 September).";
    assert_fires(rule, text, FRIDAY, "yesterday (22 September)");
    assert_eq!(
        first_fix(rule, text, FRIDAY).as_deref(),
        Some("yesterday (23 September)")
    );
    assert_fires(
        rule,
        "The ministers meet today (Thursday).",
        FRIDAY,
        "Thursday",
    );
    assert_fires(
        rule,
        "Talks end tomorrow, 24 September.",
        FRIDAY,
        "tomorrow, 24 September",
    );
    for text in [
        "On Thursday (23 September), the ministers met in New York.",
        "On Thursday, the ministers met in New York.",
        "The ministers met yesterday (23 September).",
        "The ministers meet today (Friday).",
        "Talks end tomorrow, 25 September.",
        "On Wednesday (15 September) the talks began.",
    ] {
        assert_silent(rule, text, FRIDAY);
    }
    // Without a date of its own the document's "yesterday" is not held against the clock.
    assert_silent(rule, "The ministers met yesterday (22 September).", "");
}

#[test]
fn invalid_dates() {
    let rule = "date/invalid";
    assert_fires(
        rule,
        "Signed on 31 September 2021.",
        FRIDAY,
        "31 September 2021",
    );
    assert_fires(
        rule,
        "Signed on 29 February 2023.",
        FRIDAY,
        "29 February 2023",
    );
    assert_fires(rule, "Signed on September 31.", FRIDAY, "September 31");
    assert_fires(rule, "Signed on 2021-02-30.", FRIDAY, "2021-02-30");
    assert_fires(rule, "Signed on 31/04/2021.", FRIDAY, "31/04/2021");
    let (_, message) = &findings(rule, "Signed on 29 February 2023.", FRIDAY)[0];
    assert_eq!(
        message,
        "29 February 2023 does not exist: 2023 is not a leap year"
    );
    let (_, message) = &findings(rule, "Signed on 31 September 2021.", FRIDAY)[0];
    assert_eq!(
        message,
        "31 September 2021 does not exist: September has 30 days"
    );
    let subject = check("Signed on 31 September 2021.", FRIDAY)
        .into_iter()
        .find(|d| d.finding.rule.id == rule)
        .and_then(|d| d.finding.subject);
    assert!(
        matches!(subject, Some(Subject::Date { start, end, .. })
            if start.to_string() == "2021-09-01" && end.to_string() == "2021-09-30"),
        "{subject:?}"
    );
    for text in [
        "Signed on 29 February 2024.",
        "Signed on 30 September 2021.",
        "Signed on 31 August 2021.",
        "At 31.09 the clock stopped.",
    ] {
        assert_silent(rule, text, FRIDAY);
    }
}

#[test]
fn ambiguous_numeric_dates() {
    let rule = "date/ambiguous";
    assert_fires(
        rule,
        "The talks resumed on 03/04/2021.",
        "2021-05-01",
        "03/04/2021",
    );
    assert_eq!(
        fixes(rule, "The talks resumed on 03/04/2021.", "2021-05-01"),
        ["3 April 2021", "4 March 2021"]
    );
    for text in [
        "The talks resumed on 24/09/2021.",
        "The talks resumed on 9/24/2021.",
        "The talks resumed on 03/03/2021.",
        "The talks resumed on 03.04.2021.",
        "The talks resumed on 2021-04-03.",
        "The talks resumed on 3 April 2021.",
    ] {
        assert_silent(rule, text, FRIDAY);
    }
}

#[test]
fn after_document_date() {
    let rule = "date/after-document-date";
    assert_fires(
        rule,
        "The ministers met on 28 September 2021 in New York.",
        FRIDAY,
        "28 September 2021",
    );
    assert_fires(
        rule,
        "The summit was held in Rome on 30 October 2021.",
        FRIDAY,
        "30 October 2021",
    );
    assert_fires(
        rule,
        "On 28 September, the ministers met in New York.",
        FRIDAY,
        "28 September",
    );
    assert_fires(rule, "The treaty was signed in 2022.", FRIDAY, "2022");
    assert_fires(
        rule,
        "The ministers met in New York on 28 September.",
        FRIDAY,
        "28 September",
    );
    assert_fires(
        rule,
        "They held talks on 29 September 2021.",
        FRIDAY,
        "29 September 2021",
    );
    for text in [
        "The ministers met on 22 September 2021 in New York.",
        "The ministers will meet on 28 September 2021.",
        "The ministers are to be met on 28 September.",
        "The talks, to be held on 28 September, were agreed.",
        "They welcomed the launch of a Security Dialogue in 2024 focused on energy.",
        "They agreed that the deal would be signed in 2022.",
        "He committed to net zero by 2050.",
        "He invited her to visit Washington in October.",
        "On 28 September, the ministers will meet.",
        "Ministers met on Thursday and will meet again next week.",
        "They adopted the 2030 Agenda.",
        "The ministers agreed to meet in 2022.",
        "They discussed preparations for the summit in 2022.",
        "By 2030, the countries agreed to halve emissions.",
        "The ministers met in New York. On 28 September they will sign.",
    ] {
        assert_silent(rule, text, FRIDAY);
    }
}

#[test]
fn date_format() {
    let rule = "date/format";
    let mixed = "They met on 24 September 2021 and again on September 26, 2021.";
    assert_fires(rule, mixed, "2021-09-27", "September 26, 2021");
    assert_eq!(
        first_fix(rule, mixed, "2021-09-27").as_deref(),
        Some("26 September 2021")
    );
    assert_silent(
        rule,
        "They met on 24 September 2021 and again on 26 September.",
        FRIDAY,
    );
    assert_silent(
        rule,
        "They met on September 24 and again on September 26, 2021.",
        FRIDAY,
    );
    assert_silent(
        rule,
        "They met in September 2021 and on 2021-09-26.",
        FRIDAY,
    );
    let dmy = Settings {
        date_format: DateFormat::Dmy,
        ..Settings::default()
    };
    let found = check_with("They met on September 24, 2021.", FRIDAY, &dmy);
    let f = found
        .iter()
        .find(|d| d.finding.rule.id == rule)
        .expect("format");
    assert_eq!(f.finding.fixes[0].replacement, "24 September 2021");
    let iso = Settings {
        date_format: DateFormat::Iso,
        ..Settings::default()
    };
    let found = check_with(
        "They met on 24 September 2021 and 2021-09-26.",
        FRIDAY,
        &iso,
    );
    let spans: Vec<_> = found
        .iter()
        .filter(|d| d.finding.rule.id == rule)
        .map(|d| d.finding.fixes[0].replacement.clone())
        .collect();
    assert_eq!(spans, ["2021-09-24"]);
}

/// A report whose dates are written in several styles, across paragraphs.
const MIXED_STYLES: &str = "---\ndate: 2021-09-27\n---\n\n# Readout\n\n\
The ministers met on 24 September 2021 in New York.\n\n\
They met again on 25 September 2021 and on Sunday, 26 September 2021.\n\n\
The envoys arrived on 9/23/2021; yesterday (26 September) they left.\n\n\
The 76th session of the UN General Assembly opened on 14/09/2021.\n";

#[test]
fn checking_again_after_edits_decides_styles_as_a_fresh_check() {
    let edits: &[(&str, &str)] = &[
        // A paragraph in another word style: then it is the house style, then a tie.
        (
            "\n\nThe envoys",
            "\n\nTalks went on until September 26, 2021.\n\nThe envoys",
        ),
        ("in New York.\n\n", "in New York on September 24, 2021.\n\n"),
        ("until September 26, 2021", "until 26 September 2021"),
        ("on September 24, 2021", "on 24 September 2021"),
        // The numeric dates: one style removed, then the other written twice.
        ("on 9/23/2021;", "on 23 September 2021;"),
        (
            "opened on 14/09/2021",
            "opened on 9/14/2021 and closed 9/20/2022",
        ),
        // Paragraphs join and split.
        ("2021.\n\nThey met again", "2021. They met again"),
        ("left.\n\nThe 76th", "left. The 76th"),
        ("2021. They met again", "2021.\n\nThey met again"),
        // The document's date changes: every paragraph is read again.
        ("2021-09-27", "2021-10-05"),
    ];
    let reports = crate::rules::testing::assert_rechecks_alike(
        MIXED_STYLES,
        DocKind::Markdown,
        &crate::config::Settings::default(),
        None,
        edits,
    );
    let format_counts: Vec<usize> = reports
        .iter()
        .map(|r| {
            r.diagnostics
                .iter()
                .filter(|d| d.finding.rule.id == "date/format")
                .count()
        })
        .collect();
    // The edits make the styles mixed and then not: the decision did change on the way.
    assert!(format_counts.contains(&0), "{format_counts:?}");
    assert!(format_counts.iter().any(|n| *n >= 2), "{format_counts:?}");
}

#[test]
fn mixed_styles_are_reported_across_paragraphs() {
    let text = "They met on 24 September 2021.\n\nThey met on 25 September 2021.\n\n\
They met again on September 26, 2021.\n";
    assert_fires("date/format", text, "2021-09-27", "September 26, 2021");
    // On a tie, the style written second is reported.
    let tie = "They met on September 24, 2021.\n\nThey met on 25 September 2021.\n";
    assert_fires("date/format", tie, "2021-09-27", "25 September 2021");
    assert_silent(
        "date/format",
        "They met on September 24, 2021.\n\nThey met on 2021-09-25.\n",
        "2021-09-27",
    );
}

#[test]
fn ordinal_mismatch_against_the_date() {
    let rule = "date/ordinal-mismatch";
    let text = "The minister addressed the 75th session of the UN General Assembly.";
    assert_fires(rule, text, FRIDAY, "75th");
    assert_eq!(first_fix(rule, text, FRIDAY).as_deref(), Some("76th"));
    assert_silent(
        rule,
        "The minister addressed the 76th session of the UN General Assembly.",
        FRIDAY,
    );
    assert_fires(rule, "Talks on the sidelines of UNGA77.", FRIDAY, "UNGA77");
    assert_eq!(
        first_fix(rule, "Talks on the sidelines of UNGA77.", FRIDAY).as_deref(),
        Some("UNGA76")
    );
    for text in [
        "The President of the 75th session of the General Assembly spoke.",
        "In 2020, the minister addressed the 75th session of the UN General Assembly.",
        "The 75th session of the General Assembly ended last week.",
        "The minister recalled the 55th session of the General Assembly.",
        "The 75th and 76th sessions of the UN General Assembly differ.",
        "The minister will address the 77th session of the UN General Assembly.",
        "Japan prepares for the 77th session of the UN General Assembly.",
        "They will meet on the sidelines of UNGA77.",
        "The resolution adopted by the 75th session of the General Assembly was recalled.",
    ] {
        assert_silent(rule, text, FRIDAY);
    }
}

#[test]
fn ordinal_mismatch_against_the_place() {
    let rule = "date/ordinal-mismatch";
    assert_fires(
        rule,
        "Leaders met at COP27 in Glasgow.",
        "2022-11-10",
        "COP27",
    );
    assert_eq!(
        first_fix(rule, "Leaders met at COP27 in Glasgow.", "2022-11-10").as_deref(),
        Some("COP26")
    );
    assert_fires(
        rule,
        "Leaders met at COP 27 in Glasgow.",
        "2021-11-10",
        "COP 27",
    );
    assert_eq!(
        first_fix(rule, "Leaders met at COP-27 in Glasgow.", "2021-11-10").as_deref(),
        Some("COP-26")
    );
    assert_fires(
        rule,
        "The 17th G20 summit in Rome was held.",
        "2022-12-01",
        "17th",
    );
    for text in [
        "Leaders met at COP26 in Glasgow.",
        "Leaders met at COP27 in Sharm el-Sheikh.",
        "Leaders met at COP15 in Montreal on biodiversity.",
        "The biodiversity COP16 in Cali was a success.",
        "The COP16 in Riyadh on desertification.",
        "COP28 in Bonn was prepared.",
        "The 16th G20 summit in Rome was held.",
    ] {
        assert_silent(rule, text, "2022-12-01");
    }
}

#[test]
fn ordinal_mismatch_against_written_dates() {
    let rule = "date/ordinal-mismatch";
    let text = "The 48th session of the Human Rights Council, held in March 2021, ended.";
    assert_fires(rule, text, FRIDAY, "48th");
    assert_eq!(first_fix(rule, text, FRIDAY).as_deref(), Some("46th"));
    assert_silent(
        rule,
        "The 48th session of the Human Rights Council, held in October 2021, ended.",
        "2021-12-01",
    );
    assert_silent(
        rule,
        "The 46th session of the Human Rights Council, held in March 2021, ended.",
        FRIDAY,
    );
    assert_fires(
        rule,
        "The minister attended COP27 in Egypt.",
        "2021-11-20",
        "COP27",
    );
    assert_silent(
        rule,
        "The minister will attend COP27 in Egypt.",
        "2021-11-20",
    );
    assert_silent(
        rule,
        "The minister attended COP27 preparations.",
        "2021-11-20",
    );
    // A year not written is inferred: not held against a session.
    let text = "The minister attended the 47th session of the Human Rights Council in July.";
    assert_silent(rule, text, "");
    assert_silent(rule, text, "2022-09-01");
    assert_silent(rule, "The minister attended COP26 this week.", "2021-11-12");
}

#[test]
fn annotations_explain_every_resolution() {
    let text = "Yesterday, 2021-09-23, talks; next week more; in July; UNGA76.";
    let doc = Document::new(text.to_string(), DocKind::Plain);
    let report = engine().check(
        &doc,
        &Settings::default(),
        Some("2021-09-24".parse().unwrap()),
        None,
    );
    let notes: Vec<String> = report
        .annotations
        .iter()
        .filter_map(|a| match &*a.subject {
            Subject::Date { note, .. } => Some(format!("{}: {note}", &text[a.span.clone()])),
            Subject::Session { series, number } => Some(format!("{series} {number}")),
            _ => None, // other checks' annotations
        })
        .collect();
    assert_eq!(
        notes,
        [
            "Yesterday, 2021-09-23: a Thursday",
            "next week: the week after that of the document date 2021-09-24 (option)",
            "July: year taken from the document date 2021-09-24 (option)",
            "unga 76",
        ]
    );
}

#[test]
fn quiet_on_dates_that_are_fine() {
    let text = "President Biden met virtually on November 15 with President Xi. He spoke today \
with Prime Minister Modi, held talks this week and looked forward to a summit in 2023. The \
Ministerial Dialogue held on April 11 was welcomed. Spain assumes the Presidency this July. \
They reaffirmed the Belfast/Good Friday Agreement and the 2030 Agenda. The Olympic Games \
Tokyo 2020 were held. Net zero by 2050. Resolution 2231 was recalled. At 6.15 p.m. local time \
the talks ended. The COP 27 this week was discussed.";
    assert_eq!(date_rules(text, "2022-11-16"), []);
}

/// The published reports in the shared corpus draw no date error or warning. Run with
/// `cargo test --lib corpus_is_quiet -- --ignored --nocapture`; other files can be probed
/// with `DIPLINT_PROBE=file1:file2`.
#[test]
#[ignore]
fn corpus_is_quiet() {
    let paths: Vec<std::path::PathBuf> = match std::env::var("DIPLINT_PROBE") {
        Ok(list) => list.split(':').map(Into::into).collect(),
        Err(_) => corpus_files(),
    };
    let loud: usize = paths.iter().map(|p| print_dates(p)).sum();
    assert_eq!(loud, 0);
}

fn corpus_files() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new("/work/shared/corpus");
    let mut paths = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "md" || e == "txt")
                && p.file_name().is_some_and(|n| n != "README.md")
            {
                paths.push(p);
            }
        }
    }
    paths.sort();
    paths
}

/// Prints the date findings and resolutions of a file; returns how many are errors or
/// warnings.
fn print_dates(path: &std::path::Path) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    let kind = DocKind::from_path(path).unwrap_or(DocKind::Plain);
    let doc = Document::new(text.clone(), kind);
    let report = engine().check(&doc, &Settings::default(), None, Some(path));
    println!(
        "{} — {} ({})",
        path.display(),
        report.date.date,
        report.date.source.as_str()
    );
    let mut loud = 0;
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.finding.rule.id.starts_with("date/"))
    {
        let fixes: Vec<_> = d
            .finding
            .fixes
            .iter()
            .map(|f| f.replacement.as_str())
            .collect();
        println!(
            "  {} {:?} {:?}: {} {fixes:?}",
            d.finding.rule.id,
            d.severity,
            &text[d.finding.span.clone()],
            d.finding.message
        );
        if d.severity <= crate::rules::Severity::Warning {
            loud += 1;
        }
    }
    for a in &report.annotations {
        match &*a.subject {
            Subject::Date {
                start, end, note, ..
            } => {
                println!("    {:?} → {start}..{end} {note}", &text[a.span.clone()])
            }
            Subject::Session { series, number } => {
                println!("    {:?} → {series} {number}", &text[a.span.clone()])
            }
            _ => {}
        }
    }
    loud
}

/// The interval that `cx.sentence_date` gives for the word `at` of `text`.
fn sentence_date_of(text: &str, at: &str) -> Option<(String, String)> {
    let doc = Document::new(text.to_string(), DocKind::Plain);
    let settings = Settings::default();
    let registry = crate::rules::testing::registry();
    let date = crate::rules::DocumentDate {
        date: FRIDAY.parse().unwrap(),
        source: crate::rules::DateSource::Option,
        span: None,
    };
    let cx = crate::rules::Context::new(&doc, &registry, date, &settings);
    let offset = text.find(at).unwrap();
    cx.sentence_date(offset)
        .map(|(a, b)| (a.to_string(), b.to_string()))
}

#[test]
fn sentences_that_date_themselves() {
    let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
    assert_eq!(
        sentence_date_of("In 2020, Prime Minister Abe met Modi.", "Abe"),
        pair("2020-01-01", "2020-12-31")
    );
    assert_eq!(
        sentence_date_of(
            "Talks ended. On 3 March 2019, Prime Minister Abe spoke.",
            "Abe"
        ),
        pair("2019-03-03", "2019-03-03")
    );
    assert_eq!(
        sentence_date_of("In September 2019 Prime Minister Abe spoke.", "Abe"),
        pair("2019-09-01", "2019-09-30")
    );
    assert_eq!(
        sentence_date_of("On Thursday, Prime Minister Suga met Modi.", "Suga"),
        pair("2021-09-23", "2021-09-23")
    );
    assert_eq!(
        sentence_date_of("Last year, Prime Minister Suga met Modi.", "Suga"),
        pair("2020-01-01", "2020-12-31")
    );
    // Not at the opening, or in another sentence: the document's date applies.
    assert_eq!(
        sentence_date_of("Prime Minister Abe met Modi in 2020.", "Abe"),
        None
    );
    assert_eq!(
        sentence_date_of("In 2020, talks began. Prime Minister Suga spoke.", "Suga"),
        None
    );
    assert_eq!(
        sentence_date_of("Prime Minister Suga, who met Abe in 2020, spoke.", "spoke"),
        None
    );
    assert_eq!(
        sentence_date_of("By 2030, Prime Minister Suga hopes to act.", "Suga"),
        None
    );
    // The date dates what follows it, not what stands before.
    assert_eq!(
        sentence_date_of("Mr. Suga said that in 2020, Abe resigned.", "Suga"),
        None
    );
}

/// Odd mixtures of date pieces, brackets, dashes and non-ASCII text never panic and every
/// finding and annotation lies on character boundaries.
#[test]
fn no_panic_on_mixtures() {
    const PIECES: &[&str] = &[
        "24",
        "31",
        "29",
        "September",
        "Sept.",
        "Feb",
        "May",
        "2021",
        "2023",
        "-",
        "–",
        "/",
        ".",
        ",",
        "(",
        ")",
        "Friday",
        "Thu",
        "today",
        "yesterday",
        "on",
        "in",
        "the",
        "76th",
        "session",
        "of",
        "UNGA",
        "COP",
        "27",
        "Glasgow",
        "met",
        "will",
        "\n\n",
        "é",
        "🙂",
        "’s",
        "mid",
        "last",
        "week",
        "between",
        "and",
        "to",
        "03/04/2021",
        "2021-02-30",
        "HRC48",
    ];
    let mut seed: u64 = 0x2021_0924;
    for _ in 0..400 {
        let mut text = String::new();
        for _ in 0..12 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let piece = PIECES[(seed >> 33) as usize % PIECES.len()];
            text.push_str(piece);
            if !(seed >> 20).is_multiple_of(3) {
                text.push(' ');
            }
        }
        let doc = Document::new(text.clone(), DocKind::Plain);
        let report = engine().check(&doc, &Settings::default(), None, None);
        for d in &report.diagnostics {
            assert!(text.get(d.finding.span.clone()).is_some(), "{text:?}");
        }
        for a in &report.annotations {
            assert!(text.get(a.span.clone()).is_some(), "{text:?}");
        }
    }
}
