use super::*;
use jiff::civil::date;

const FRIDAY: &str = "2021-09-24";

fn doc(s: &str) -> Date {
    s.parse().unwrap()
}

/// (text of the mention, start, end) of every mention.
fn found(text: &str, on: &str) -> Vec<(String, String, String)> {
    scan(text, doc(on))
        .mentions
        .iter()
        .map(|m| {
            (
                text[m.span.clone()].to_string(),
                m.start.to_string(),
                m.end.to_string(),
            )
        })
        .collect()
}

/// The one mention of `text`, as (text, start, end).
#[track_caller]
fn one(text: &str, on: &str) -> (String, String, String) {
    let all = found(text, on);
    assert_eq!(all.len(), 1, "{text:?}: {all:?}");
    all.into_iter().next().unwrap()
}

fn t(s: &str, a: &str, b: &str) -> (String, String, String) {
    (s.into(), a.into(), b.into())
}

#[test]
fn explicit_days_in_every_form() {
    let day = |s: &str| t(s, "2021-09-24", "2021-09-24");
    for (text, want) in [
        (
            "They met on 24 September 2021 in Paris.",
            "24 September 2021",
        ),
        (
            "They met on September 24, 2021 in Paris.",
            "September 24, 2021",
        ),
        ("They met on Sept. 24, 2021.", "Sept. 24, 2021"),
        ("They met on Sept. 24 in Paris.", "Sept. 24"),
        ("They met on 24 Sep in Paris.", "24 Sep"),
        ("They met on the 24th of September.", "24th of September"),
        ("They met on 2021-09-24.", "2021-09-24"),
        ("They met on 24/09/2021.", "24/09/2021"),
        ("They met on 9/24/2021.", "9/24/2021"),
        ("They met on 24.09.2021.", "24.09.2021"),
        ("They met on 2021/09/24.", "2021/09/24"),
        ("SEPTEMBER 24, 2021", "SEPTEMBER 24, 2021"),
        ("They met on 24 September, 2021.", "24 September, 2021"),
    ] {
        assert_eq!(one(text, "2021-10-01"), day(want), "{text}");
    }
}

#[test]
fn weekdays_written_with_dates() {
    let text = "The meeting took place on Friday, 24 September 2021.";
    let m = &scan(text, doc(FRIDAY)).mentions[0];
    assert_eq!(&text[m.span.clone()], "Friday, 24 September 2021");
    assert_eq!(&text[m.written.span.clone()], "24 September 2021");
    let w = m.weekday.as_ref().unwrap();
    assert_eq!(
        (w.day, &text[w.span.clone()], w.glossed),
        (Weekday::Friday, "Friday", false)
    );

    let text = "On Thursday (22 September), the ministers met.";
    let m = &scan(text, doc(FRIDAY)).mentions[0];
    assert_eq!(&text[m.span.clone()], "Thursday (22 September)");
    assert_eq!(m.start, date(2021, 9, 22));
    assert!(m.weekday.as_ref().unwrap().glossed);
    let g = m.gloss.as_ref().unwrap();
    assert_eq!(g.start, date(2021, 9, 23));

    let text = "They met on 24 September 2021 (Friday).";
    let m = &scan(text, doc(FRIDAY)).mentions[0];
    assert_eq!(&text[m.span.clone()], "24 September 2021 (Friday)");
    assert_eq!(m.weekday.as_ref().unwrap().day, Weekday::Friday);

    let text = "Fri, Sept 24: talks.";
    let m = &scan(text, doc(FRIDAY)).mentions[0];
    assert_eq!(m.weekday.as_ref().unwrap().day, Weekday::Friday);
}

#[test]
fn ranges_of_days() {
    assert_eq!(
        one("The talks ran 21-23 September 2021.", FRIDAY),
        t("21-23 September 2021", "2021-09-21", "2021-09-23")
    );
    assert_eq!(
        one("The talks ran from 21 to 23 September 2021.", FRIDAY),
        t("21 to 23 September 2021", "2021-09-21", "2021-09-23")
    );
    assert_eq!(
        one("The talks ran September 21–23, 2021.", FRIDAY),
        t("September 21–23, 2021", "2021-09-21", "2021-09-23")
    );
    assert_eq!(
        one("The talks ran 21 September to 3 October 2021.", FRIDAY),
        t("21 September to 3 October 2021", "2021-09-21", "2021-10-03")
    );
    assert_eq!(
        one("The talks ran 28 December - 3 January 2022.", FRIDAY),
        t("28 December - 3 January 2022", "2021-12-28", "2022-01-03")
    );
    let m = &scan("The talks ran 21-23 September.", doc(FRIDAY)).mentions[0];
    assert!(m.written.range && !m.written.year);
}

#[test]
fn months_and_years() {
    assert_eq!(
        one("It was signed in September 2021.", FRIDAY),
        t("September 2021", "2021-09-01", "2021-09-30")
    );
    assert_eq!(
        one("It was inaugurated in July in Varanasi.", FRIDAY),
        t("July", "2021-07-01", "2021-07-31")
    );
    assert_eq!(
        one("He will visit in March.", "2021-12-10"),
        t("March", "2022-03-01", "2022-03-31")
    );
    assert_eq!(
        one("They met in March.", "2021-12-10"),
        t("March", "2021-03-01", "2021-03-31")
    );
    assert_eq!(
        one("Spain holds the Presidency this July.", "2023-05-12"),
        t("July", "2023-07-01", "2023-07-31")
    );
    assert_eq!(
        one("It began in mid-September.", FRIDAY).0,
        "September".to_string()
    );
    assert_eq!(
        one("In 2015, the agreement was signed.", FRIDAY),
        t("2015", "2015-01-01", "2015-12-31")
    );
    assert_eq!(
        one("Net zero by 2050.", FRIDAY),
        t("2050", "2050-01-01", "2050-12-31")
    );
    assert_eq!(
        one("It ran from 2019 to 2021.", FRIDAY),
        t("2019 to 2021", "2019-01-01", "2021-12-31")
    );
    assert_eq!(
        one("In mid-2022, prices rose.", FRIDAY).0,
        "2022".to_string()
    );
}

#[test]
fn yearless_days_take_the_nearest_sensible_year() {
    assert_eq!(
        one("They met on 28 December.", "2022-01-03"),
        t("28 December", "2021-12-28", "2021-12-28")
    );
    assert_eq!(
        one("They will meet on 3 January.", "2021-12-28"),
        t("3 January", "2022-01-03", "2022-01-03")
    );
    assert_eq!(
        one("Biden met virtually on November 15 with Xi.", "2021-11-16"),
        t("November 15", "2021-11-15", "2021-11-15")
    );
}

#[test]
fn relative_days() {
    let on = |text: &str| one(text, FRIDAY);
    assert_eq!(
        on("On Thursday, the diplomats held meetings."),
        t("Thursday", "2021-09-23", "2021-09-23")
    );
    assert_eq!(
        on("The ministers will meet on Thursday."),
        t("Thursday", "2021-09-30", "2021-09-30")
    );
    assert_eq!(on("The ministers met today."), t("today", FRIDAY, FRIDAY));
    assert_eq!(
        on("The ministers met yesterday."),
        t("yesterday", "2021-09-23", "2021-09-23")
    );
    assert_eq!(
        on("They meet tomorrow."),
        t("tomorrow", "2021-09-25", "2021-09-25")
    );
    assert_eq!(
        on("They met last Monday."),
        t("last Monday", "2021-09-20", "2021-09-20")
    );
    assert_eq!(
        on("They meet next Monday."),
        t("next Monday", "2021-09-27", "2021-09-27")
    );
    assert_eq!(
        on("They meet next week."),
        t("next week", "2021-09-27", "2021-10-03")
    );
    assert_eq!(
        on("They met this week."),
        t("this week", "2021-09-20", "2021-09-26")
    );
    assert_eq!(
        on("They met last month."),
        t("last month", "2021-08-01", "2021-08-31")
    );
    assert_eq!(
        on("They met the day before yesterday."),
        t("day before yesterday", "2021-09-22", "2021-09-22")
    );
    let m = &scan("They met yesterday (22 September).", doc(FRIDAY)).mentions[0];
    assert_eq!(m.start, date(2021, 9, 22));
    assert_eq!(m.gloss.as_ref().unwrap().start, date(2021, 9, 23));
    let m = &scan("They meet today (Thursday).", doc(FRIDAY)).mentions[0];
    assert_eq!(m.start, date(2021, 9, 24));
    assert_eq!(m.weekday.as_ref().unwrap().day, Weekday::Thursday);
    assert!(m.relative);
}

#[test]
fn ambiguous_numeric_dates_keep_both_readings() {
    let m = &scan("The talks resumed on 03/04/2021.", doc("2021-04-10")).mentions[0];
    assert_eq!(m.start, date(2021, 4, 3));
    assert_eq!(
        m.written.form,
        Form::Numeric(NumericOrder::Ambiguous {
            other: date(2021, 3, 4)
        })
    );
    // The weekday settles it: 4 March 2021 was a Thursday.
    let m = &scan("Thursday, 03/04/2021.", doc("2021-04-10")).mentions[0];
    assert_eq!(m.start, date(2021, 3, 4));
}

#[test]
fn invalid_dates_are_set_aside() {
    let s = scan(
        "Signed on 31 September 2021 and 29 February 2023.",
        doc(FRIDAY),
    );
    assert!(s.mentions.is_empty());
    let spans: Vec<_> = s.invalid.iter().map(|d| (d.day, d.month, d.year)).collect();
    assert_eq!(spans, [(31, 9, Some(2021)), (29, 2, Some(2023))]);
    assert_eq!(scan("On 29 February 2024.", doc(FRIDAY)).invalid, []);
    assert_eq!(
        scan("On 31 September, they met.", doc(FRIDAY))
            .invalid
            .len(),
        1
    );
    assert_eq!(
        scan("On 2021-02-30 they met.", doc(FRIDAY)).invalid.len(),
        1
    );
    assert_eq!(
        scan("On 31/09/2021 they met.", doc(FRIDAY)).invalid.len(),
        1
    );
    assert_eq!(
        scan("From 30-31 September they met.", doc(FRIDAY))
            .invalid
            .len(),
        1
    );
    // No leap year nearby: left alone rather than called invalid.
    let s = scan("On 29 February they met.", doc("2022-06-01"));
    assert!(s.invalid.is_empty() && s.mentions.is_empty());
}

#[test]
fn what_is_not_a_date() {
    for text in [
        "The statement was issued at 6.15 p.m. local time.",
        "At 10:30 the talks began.",
        "The Olympic Games Tokyo 2020 were a success.",
        "Saudi Vision 2030 and the 2030 Agenda were discussed.",
        "They called for full implementation of resolution 2231.",
        "See page 24 of the report.",
        "About 2021 people attended and 1,500 more watched.",
        "The increase in 1500 cases was noted.",
        "They reaffirmed the Belfast/Good Friday Agreement.",
        "Prime Minister Theresa May spoke.",
        "The role played in May's government.",
        "The visitors may march on.",
        "Jan Lipavsky met Mar del Plata officials.",
        "They discussed today's greatest challenges.",
        "The 76th session of the UN General Assembly and COP26.",
        "Russia Today reported it.",
        "He met the Group of 77 and China.",
        "It rose by 24 percent.",
        "Ecuador begins a two-year term.",
        "The $13.5 million disbursement.",
    ] {
        assert_eq!(found(text, FRIDAY), [], "{text}");
    }
}

#[test]
fn opening_dates_set_the_sentence_context() {
    let text = "In 2015, Abe visited. He met Obama in 2016. On 3 March 2019, talks. \
On Thursday, Suga spoke. Earlier in 2020 they met.";
    let marks: Vec<_> = scan(text, doc(FRIDAY))
        .mentions
        .iter()
        .map(|m| (text[m.span.clone()].to_string(), m.sets_context))
        .collect();
    assert_eq!(
        marks,
        [
            ("2015".to_string(), true),
            ("2016".to_string(), false),
            ("3 March 2019".to_string(), true),
            ("Thursday".to_string(), true),
            ("2020".to_string(), true),
        ]
    );
}

#[test]
fn no_panic_on_odd_input() {
    for text in [
        "",
        "(",
        "24",
        "24 (",
        "Friday (",
        "Friday (24",
        "2021-",
        "2021-09-",
        "24/09/",
        "’’",
        "September",
        "on Friday, (",
        "today (",
        "today, ",
        "from 21 to",
        "between 2019 and",
        "ünïcödé 24 Sépt 2021 — 🙂 Friday, 24 September",
        "mid-",
        "-2021",
        "In 9999, x.",
    ] {
        let _ = scan(text, doc(FRIDAY));
    }
}

#[test]
fn dates_start_paragraphs_but_do_not_cross_them() {
    assert_eq!(
        one(
            "Headline\n\nSeptember 24, 2021\nJapan Holds Meetings",
            FRIDAY
        ),
        t("September 24, 2021", FRIDAY, FRIDAY)
    );
    assert_eq!(
        one("They met on 24 September\n\n2021 was a good year.", FRIDAY),
        t("24 September", FRIDAY, FRIDAY)
    );
}

#[test]
fn dates_after_brackets_and_dashes() {
    assert_eq!(
        one("Kyodo)—24 September 2021, talks", FRIDAY).0,
        "24 September 2021"
    );
    assert_eq!(one("[24 September 2021]", FRIDAY).0, "24 September 2021");
    assert_eq!(one("“24 September 2021”", FRIDAY).0, "24 September 2021");
    assert_eq!(
        found("A24 September, $24 September, 1.24 September", FRIDAY),
        []
    );
}

#[test]
fn every_relative_opener_passes_the_quick_look() {
    for word in RELATIVE_OPENERS {
        for written in [word.to_string(), word.to_uppercase()] {
            let tokens = tokenize(&written);
            assert!(may_be_relative(&tokens[0]), "{written}");
        }
    }
    let tokens = tokenize("lastly thistle nexus the 2021");
    assert!(tokens.iter().all(|t| !may_be_relative(t)));
}
