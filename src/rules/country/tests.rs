//! The country rules on whole texts, through the engine.

use crate::config::Settings;
use crate::document::{DocKind, Document};
use crate::rules::testing::{
    assert_fires, assert_fix, assert_rechecks_alike, assert_silent, check_with, engine, first_fix,
};

const DATE: &str = "2021-09-24";

fn un_style() -> Settings {
    style("un")
}

fn style(name: &str) -> Settings {
    Settings {
        style: name.into(),
        ..Settings::default()
    }
}

/// The diagnostics of `rule` on `text` under `settings`, as (text, first fix).
fn under(rule: &str, text: &str, date: &str, settings: &Settings) -> Vec<(String, Option<String>)> {
    check_with(text, date, settings)
        .into_iter()
        .filter(|d| d.finding.rule.id == rule)
        .map(|d| {
            let fix = d.finding.fixes.first().map(|f| f.replacement.clone());
            (text[d.finding.span.clone()].to_string(), fix)
        })
        .collect()
}

fn every_country_rule() -> [&'static str; 5] {
    [
        "country/misspelled",
        "country/former-name",
        "country/official-name",
        "country/style",
        "country/adjective",
    ]
}

#[track_caller]
fn assert_no_country_finding(text: &str, date: &str) {
    for rule in every_country_rule() {
        assert_silent(rule, text, date);
    }
}

// --- country/misspelled ---------------------------------------------------------------------

#[test]
fn misspelt_names_fire_with_the_intended_name() {
    for (text, wrong, fix) in [
        (
            "The minister visited the Phillipines.",
            "Phillipines",
            "Philippines",
        ),
        (
            "Talks were held in Azerbaijian.",
            "Azerbaijian",
            "Azerbaijan",
        ),
        ("The Ukranian delegation arrived.", "Ukranian", "Ukrainian"),
        (
            "He travelled to Kyrgystan on Monday.",
            "Kyrgystan",
            "Kyrgyzstan",
        ),
        ("Trade with Britian grew.", "Britian", "Britain"),
        ("The Guatamalan minister spoke.", "Guatamalan", "Guatemalan"),
        (
            "Relations with Tajikstan improved.",
            "Tajikstan",
            "Tajikistan",
        ),
        (
            "Delegates from Bosnia and Herzegowina met.",
            "Herzegowina",
            "Herzegovina",
        ),
    ] {
        assert_fix("country/misspelled", text, DATE, wrong, fix);
    }
}

#[test]
fn misspellings_the_registry_lists_fire_even_in_small_letters() {
    assert_fires(
        "country/misspelled",
        "Flights to Isreal resumed.",
        DATE,
        "Isreal",
    );
    assert_eq!(
        first_fix("country/misspelled", "Flights to Isreal resumed.", DATE).as_deref(),
        Some("Israel")
    );
    assert_eq!(
        first_fix("country/misspelled", "the isreali side", DATE).as_deref(),
        Some("Israeli")
    );
}

#[test]
fn small_letters_in_a_name_fire() {
    for (text, wrong, fix) in [
        (
            "The president of south korea arrived.",
            "south korea",
            "South Korea",
        ),
        (
            "Talks with the united states resumed.",
            "united states",
            "United States",
        ),
        ("He visited Sri lanka.", "Sri lanka", "Sri Lanka"),
        ("The iranian delegation left.", "iranian", "Iranian"),
    ] {
        assert_fix("country/misspelled", text, DATE, wrong, fix);
    }
}

#[test]
fn names_that_are_other_names_stay_silent() {
    for text in [
        "Niger and Nigeria signed; Austria and Australia too; Iran and Iraq; Guinea and Guyana.",
        "Mali, Oman, Chad and Peru attended.",
        "She studied at Columbia University in the District of Columbia.",
        "Vancouver is in British Columbia.",
        "The Governor of Georgia met the President of Georgia in Atlanta, Georgia.",
        "A free and open Indo-Pacific; the Sino-Japanese talks; Franco-German relations.",
        "The Russo-Ukrainian war and Afro-Asian solidarity were discussed.",
        "India’s and Japan's ministers met; the Philippines’ envoy too.",
        "He quoted the minister: « La France et l'Inde sont des partenaires, avec le Japon ».",
        "We served turkey and ate from fine china.",
        "Let us know what the US and the U.S. think.",
        "THE REPUBLIC OF KOREA AND JAPAN",
        "Republic Of Korea: A Partnership",
        "Paul Britton and Jean Jordaan met Vera Brittain.",
        "Mr. Omar and Ms. Ghani spoke with Georgina.",
        "Gabor, Nigel, Cyrus, Susan and Hollande arrived.",
        "The Atlantic, the Homeland, the Police, Latin, Clean Coast. This is fine.",
        "The Bolivarian revolution; Simón Bolívar; Indiana; Britannia; Germanic languages.",
        "Write to info@japan.example or see un_japan and japan.pdf.",
        "The Congolese and Dominican delegations; the Korean Peninsula; the Gulf of Guinea.",
        "Guinea-Bissau, Equatorial Guinea and Papua New Guinea attended.",
        "Palestinians, Omanis, Iraqis, Qataris and Emiratis met.",
        "The Argentinean, Belarussian and Ivoirian delegates met.",
    ] {
        assert_silent("country/misspelled", text, DATE);
        assert_silent("country/adjective", text, DATE);
    }
}

#[test]
fn a_readout_full_of_leaders_names_is_silent() {
    let text = "President Biden spoke with Prime Minister Albanese of Australia, Prime Minister \
Kishida of Japan, President Yoon Suk Yeol of the Republic of Korea and Prime Minister Modi of \
India. He met President Marcos of the Philippines, President Widodo of Indonesia, Prime Minister \
Anwar of Malaysia, Prime Minister Srettha of the Kingdom of Thailand and President Vo Van Thuong \
of Vietnam. Prime Minister Mohammed Shia al-Sudani of Iraq, Emir Tamim bin Hamad Al Thani of \
Qatar, Crown Prince Mohammed bin Salman of Saudi Arabia, President Erdoğan of Türkiye, President \
Aliyev of Azerbaijan, Prime Minister Pashinyan of Armenia and President Tokayev of Kazakhstan \
joined. Chancellor Scholz, President Macron, Prime Minister Meloni, Prime Minister Sánchez, \
Prime Minister Rutte, Prime Minister De Croo, Prime Minister Frederiksen, Taoiseach Varadkar, \
President Zelenskyy, President Duda, Prime Minister Orbán, President Iohannis, President Sandu, \
Prime Minister Kurti, President Osmani, Prime Minister Rama, Prime Minister Mitsotakis and \
President Christodoulides attended. From Africa came President Ruto of Kenya, President Tinubu \
of Nigeria, President Ramaphosa of South Africa, President Kagame of Rwanda, President \
Tshisekedi of the Democratic Republic of the Congo, President Ouattara of Côte d’Ivoire and \
President Tebboune of Algeria; from the Americas, President Lula da Silva of Brazil, President \
Milei of Argentina, President Boric of Chile, President Petro of Colombia, President Bukele of \
El Salvador, President Arévalo of Guatemala, President Abinader of the Dominican Republic, Prime \
Minister Holness of Jamaica and Prime Minister Mottley of Barbados. The leaders discussed the \
Indo-Pacific, the South China Sea, the Taiwan Strait, the Korean Peninsula, the Black Sea, the \
Red Sea and the Gulf of Aden, the U.S.-Japan-ROK trilateral, the Quad, ASEAN, the African \
Union, NATO, the EU and the G20 in New Delhi.";
    assert_no_country_finding(text, "2024-01-26");
}

// --- country/former-name --------------------------------------------------------------------

#[test]
fn former_names_fire_after_the_change() {
    let text = "The delegation of Swaziland attended the summit.";
    assert_fires("country/former-name", text, "2020-06-01", "Swaziland");
    assert_eq!(
        first_fix("country/former-name", text, "2020-06-01").as_deref(),
        Some("Eswatini")
    );
    let text = "A message from the Kingdom of Swaziland was read out.";
    assert_fires(
        "country/former-name",
        text,
        "2020-06-01",
        "Kingdom of Swaziland",
    );
    assert_eq!(
        first_fix("country/former-name", text, "2020-06-01").as_deref(),
        Some("Kingdom of Eswatini")
    );
    assert_fires(
        "country/former-name",
        "FYROM joined the talks.",
        "2020-06-01",
        "FYROM",
    );
    assert_fires(
        "country/former-name",
        "The President of Macedonia spoke.",
        "2020-06-01",
        "Macedonia",
    );
    assert_fires(
        "country/former-name",
        "The Republic of Macedonia signed the accord.",
        "2020-06-01",
        "Republic of Macedonia",
    );
    assert_fires(
        "country/former-name",
        "The Government of Zaire protested.",
        "2000-01-10",
        "Zaire",
    );
}

#[test]
fn former_names_are_silent_before_the_change() {
    assert_silent(
        "country/former-name",
        "The delegation of Swaziland attended the summit.",
        "2017-06-01",
    );
    assert_silent(
        "country/former-name",
        "FYROM joined the talks.",
        "2018-06-01",
    );
    assert_silent(
        "country/former-name",
        "The President of Macedonia spoke.",
        "2019-02-11",
    );
    assert_silent(
        "country/former-name",
        "The Republic of Macedonia signed the accord.",
        "2018-06-01",
    );
}

#[test]
fn a_sentence_dated_before_the_change_keeps_the_old_name() {
    let text = "In 2015, Swaziland hosted the summit.";
    assert_silent("country/former-name", text, "2021-06-01");
}

#[test]
fn former_names_told_as_history_are_silent() {
    for text in [
        "Eswatini, formerly Swaziland, voted in favour.",
        "Eswatini (formerly Swaziland) voted in favour.",
        "The then Swaziland government signed in 2010.",
        "The then-Swaziland government signed in 2010.",
        "The former Swaziland delegation met.",
        "Swaziland (now Eswatini) voted in favour.",
        "The country was renamed from Swaziland.",
        "The banner read “Kingdom of Swaziland” in old letters.",
        "The banner read \"FYROM\" in old letters.",
    ] {
        assert_silent("country/former-name", text, "2021-06-01");
    }
}

#[test]
fn macedonia_the_region_is_silent() {
    for text in [
        "Thessaloniki is the capital of Greek Macedonia.",
        "Wine from Macedonia is famous.",
        "Alexander the Great was born in Macedonia.",
        "The Macedonian government and North Macedonia's President met.",
    ] {
        assert_silent("country/former-name", text, "2021-06-01");
    }
}

#[test]
fn names_kept_by_some_governments_are_not_former_names() {
    let text = "Burma, Turkey, Ivory Coast, East Timor and Cape Verde attended.";
    assert_silent("country/former-name", text, "2023-01-01");
}

// --- country/official-name ------------------------------------------------------------------

#[test]
fn wrong_long_forms_fire_with_the_official_name() {
    for (text, wrong, fix) in [
        (
            "The Laos People's Democratic Republic signed.",
            "Laos People's Democratic Republic",
            "Lao People's Democratic Republic",
        ),
        (
            "A message from the President of the Republic of Germany was read out.",
            "Republic of Germany",
            "Federal Republic of Germany",
        ),
        (
            "The People's Republic of Vietnam voted.",
            "People's Republic of Vietnam",
            "Socialist Republic of Viet Nam",
        ),
        (
            "The Russian Republic objected.",
            "Russian Republic",
            "Russian Federation",
        ),
        (
            "The Republic of Japan abstained.",
            "Republic of Japan",
            "Japan",
        ),
        (
            "The Republic of Brazil hosted.",
            "Republic of Brazil",
            "Federative Republic of Brazil",
        ),
        (
            "The Kingdom of Jordan hosted.",
            "Kingdom of Jordan",
            "Hashemite Kingdom of Jordan",
        ),
        (
            "The Republic of Iran objected.",
            "Republic of Iran",
            "Islamic Republic of Iran",
        ),
        (
            "The Republic of Switzerland hosted.",
            "Republic of Switzerland",
            "Swiss Confederation",
        ),
    ] {
        assert_fix("country/official-name", text, DATE, wrong, fix);
    }
}

#[test]
fn real_long_forms_are_silent() {
    for text in [
        "The Republic of Korea and the Democratic People’s Republic of Korea met.",
        "The Republic of China (Taiwan) and the People's Republic of China.",
        "The Republic of the Congo and the Democratic Republic of the Congo signed.",
        "The Republic of Congo and the Democratic Republic of Congo signed.",
        "The Republic of Ireland and Northern Ireland.",
        "The Federal Republic of Germany and the Hashemite Kingdom of Jordan.",
        "The Republic of the Philippines and the Republic of Philippines.",
        "The Republic of Georgia and the Republic of Hungary.",
        "The Kingdom of Italy fought in 1915; the People's Republic of Poland fell in 1989.",
        "The former Republic of Vietnam; the German Democratic Republic.",
        "The Republic of Texas and the Kingdom of Hawaii.",
        "The Republic of Türkiye and the Republic of Turkey.",
        "The Kingdom of the Netherlands and the Kingdom of Netherlands.",
        "The Socialist Republic of Viet Nam and the Lao People’s Democratic Republic.",
        "The Republic of Kosovo and the State of Palestine.",
        "The Islamic Emirate of Afghanistan.",
    ] {
        assert_silent("country/official-name", text, DATE);
    }
}

// --- country/style --------------------------------------------------------------------------

#[test]
fn style_prefers_the_profile_forms() {
    let found = under(
        "country/style",
        "Talks with South Korea continued.",
        DATE,
        &un_style(),
    );
    assert_eq!(
        found,
        vec![(
            "South Korea".to_string(),
            Some("the Republic of Korea".to_string())
        )]
    );
    let found = under("country/style", "Burma voted.", DATE, &un_style());
    assert_eq!(
        found,
        vec![("Burma".to_string(), Some("Myanmar".to_string()))]
    );
    let found = under(
        "country/style",
        "Talks with Turkey.",
        "2022-07-01",
        &un_style(),
    );
    assert_eq!(
        found,
        vec![("Turkey".to_string(), Some("Türkiye".to_string()))]
    );
    let found = under(
        "country/style",
        "Talks with Türkiye.",
        "2022-07-01",
        &style("ap"),
    );
    assert_eq!(
        found,
        vec![("Türkiye".to_string(), Some("Turkey".to_string()))]
    );
    let found = under("country/style", "Viet Nam voted.", DATE, &style("eu"));
    assert_eq!(
        found,
        vec![("Viet Nam".to_string(), Some("Vietnam".to_string()))]
    );
}

#[test]
fn style_is_silent_when_off_or_not_yet_or_not_a_name() {
    let text = "Talks with South Korea, Burma and Turkey continued.";
    assert!(under("country/style", text, DATE, &Settings::default()).is_empty());
    assert!(
        under(
            "country/style",
            "Talks with Turkey.",
            "2021-07-01",
            &un_style()
        )
        .is_empty()
    );
    assert!(under("country/style", "We ate turkey.", "2023-07-01", &un_style()).is_empty());
    assert!(
        under(
            "country/style",
            "The Republic of Korea and Myanmar.",
            DATE,
            &un_style()
        )
        .is_empty()
    );
}

// --- country/adjective ----------------------------------------------------------------------

#[test]
fn wrong_adjectives_fire() {
    for (text, wrong, fix) in [
        (
            "The Qatarian delegation arrived on Monday.",
            "Qatarian",
            "Qatari",
        ),
        ("A Philippino crew was rescued.", "Philippino", "Philippine"),
        ("Pakistanian officials spoke.", "Pakistanian", "Pakistani"),
        ("Two Pakistanians were freed.", "Pakistanians", "Pakistanis"),
        ("The Spainish delegation left.", "Spainish", "Spanish"),
        ("The Ghanian minister left.", "Ghanian", "Ghanaian"),
    ] {
        assert_fix("country/adjective", text, DATE, wrong, fix);
    }
    let fixes: Vec<String> = check_with("A Philippino crew.", DATE, &Settings::default())
        .into_iter()
        .filter(|d| d.finding.rule.id == "country/adjective")
        .flat_map(|d| d.finding.fixes.into_iter().map(|f| f.replacement))
        .collect();
    assert_eq!(fixes, vec!["Philippine", "Filipino"]);
}

#[test]
fn right_adjectives_are_silent() {
    assert_no_country_finding(
        "The Qatari, Pakistani, Filipino, Philippine, Spanish and Ghanaian delegations met.",
        DATE,
    );
}

// --- political names, annotations ----------------------------------------------------------

#[test]
fn political_names_are_accepted_in_every_form() {
    assert_no_country_finding(
        "Taiwan, Chinese Taipei, the Republic of China, Kosovo, Kosova, Palestine, the State of \
         Palestine, Western Sahara, the Sahrawi Arab Democratic Republic, Macao and Macau.",
        DATE,
    );
}

#[test]
fn correct_mentions_are_annotated_with_their_country() {
    use crate::document::{DocKind, Document};
    let doc = Document::new(
        "Japan and the Congolese delegation met the Phillipines.".into(),
        DocKind::Plain,
    );
    let report = engine().check(&doc, &Settings::default(), None, None);
    let countries: Vec<(&str, String)> = report
        .annotations
        .iter()
        .filter_map(|a| match *a.subject {
            crate::rules::Subject::Country(id) => Some((
                &doc.source[a.span.clone()],
                engine().registry().country(id).code.to_string(),
            )),
            _ => None,
        })
        .collect();
    assert!(countries.contains(&("Japan", "JP".to_string())));
    assert!(countries.contains(&("Congolese", "CD".to_string())));
    assert!(countries.contains(&("Congolese", "CG".to_string())));
    let misspelt = report
        .diagnostics
        .iter()
        .find(|d| d.finding.rule.id == "country/misspelled")
        .expect("a finding");
    let crate::rules::Subject::Country(id) = misspelt.finding.subject.clone().expect("a subject")
    else {
        panic!("not a country");
    };
    assert_eq!(engine().registry().country(id).code, "PH");
}

#[test]
fn markdown_links_and_code_are_not_prose() {
    use crate::document::{DocKind, Document};
    let doc = Document::new(
        "See [the report](https://example.org/phillipines) and `south korea`.\n".into(),
        DocKind::Markdown,
    );
    let report = engine().check(
        &doc,
        &Settings::default(),
        Some("2021-09-24".parse().unwrap()),
        None,
    );
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !d.finding.rule.id.starts_with("country/")),
        "{:?}",
        report.diagnostics
    );
}

/// Prints every country finding and annotation count for the reports in a folder
/// (`DIPLINT_CORPUS`, default `/work/shared/corpus`): `cargo test --lib country_corpus -- --ignored --nocapture`.
#[test]
#[ignore]
fn country_corpus() {
    let root = std::env::var("DIPLINT_CORPUS").unwrap_or("/work/shared/corpus".into());
    let mut paths = Vec::new();
    let mut folders = vec![std::path::PathBuf::from(root)];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if let Some(kind) = DocKind::from_path(&path) {
                paths.push((path, kind));
            }
        }
    }
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    let settings = Settings::default();
    let started = std::time::Instant::now();
    let _ = engine();
    println!("engine built in {:?}", started.elapsed());
    let started = std::time::Instant::now();
    let mut bytes = 0;
    let mut serious = 0;
    for (path, kind) in paths {
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue;
        };
        bytes += source.len();
        let doc = Document::new(source, kind);
        let report = engine().check(&doc, &settings, None, Some(&path));
        let countries = report
            .annotations
            .iter()
            .filter(|a| matches!(*a.subject, crate::rules::Subject::Country(_)))
            .count();
        println!(
            "{} ({}): {countries} country mentions",
            path.display(),
            report.date.date
        );
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.finding.rule.id.starts_with("country/"))
        {
            if d.severity <= crate::rules::Severity::Warning {
                serious += 1;
            }
            println!(
                "  {} {:?} {:?}: {}",
                d.finding.rule.id,
                d.severity,
                &doc.source[d.finding.span.clone()],
                d.finding.message
            );
        }
    }
    println!("checked {bytes} bytes in {:?}", started.elapsed());
    println!("country errors and warnings: {serious}");
}

// --- reading again after edits ---------------------------------------------------------------

#[test]
fn checking_again_after_edits_gives_what_a_fresh_check_gives() {
    let text = "# Readout, 24 September 2021\n\n\
        The delegation of Swaziland met South Korea and the Phillipines.\n\n\
        Eswatini, formerly Swaziland, spoke for the Qatarian side.\n\n\
        A message from the President of the Republic of Germany was read out.\n";
    let edits: &[(&str, &str)] = &[
        ("Phillipines", "Philippines"),
        ("Philippines", "Phillipines"),
        // The renaming told in the same sentence, then in the next paragraph.
        ("Swaziland met", "Swaziland (now Eswatini) met"),
        (" (now Eswatini) met", " met"),
        // Paragraphs join and split: the words around a name change.
        ("Phillipines.\n\nEswatini", "Phillipines. Eswatini"),
        ("Phillipines. Eswatini", "Phillipines.\n\nEswatini"),
        ("Korea and", "Korea\n\nand"),
        // The document's date changes: every paragraph is read again.
        ("24 September 2021", "24 September 2017"),
    ];
    assert_rechecks_alike(text, DocKind::Markdown, &un_style(), None, edits);
}

#[test]
fn capitalised_words_are_the_words_that_start_with_a_capital() {
    use super::{capitalised_words, word_before};
    use crate::text::words;
    let text = "ÉCOLE and Élysée, McDonald’s x-Ray 3Dx the Ukranian … «Ghanian» ΑΘΗΝΑ São";
    let expected: Vec<_> = words(text)
        .filter(|(_, w)| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    assert_eq!(capitalised_words(text).collect::<Vec<_>>(), expected);
    let all: Vec<_> = words(text).collect();
    for (i, (span, _)) in all.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| all[j].1);
        assert_eq!(word_before(text, span.start), before, "{span:?}");
    }
}

/// One paragraph read by `check` alone, its findings and annotations written out.
fn scan_alone(check: &super::CountryCheck, text: &str, settings: &Settings) -> Vec<String> {
    use crate::rules::{Check, Context, DateSource, DocumentDate, Output};
    let registry = crate::rules::testing::registry();
    let doc = Document::new(text.to_string(), DocKind::Plain);
    let date = DocumentDate {
        date: DATE.parse().expect("a date"),
        source: DateSource::Option,
        span: None,
    };
    let cx = Context::new(&doc, &registry, date, settings);
    let mut out = Output::default();
    check.scan(&cx.paragraph(0..text.len()), &mut out);
    let findings = out.findings.iter().map(|f| format!("{f:?}"));
    findings
        .chain(out.annotations.iter().map(|a| format!("{a:?}")))
        .collect()
}

#[test]
fn a_correct_report_builds_no_index_kept_for_rare_mentions() {
    let registry = crate::rules::testing::registry();
    let check = super::CountryCheck::new(&registry);
    let text = "President Paul Kagame of Rwanda met Prime Minister Narendra Modi of India in \
        Kigali. The Kenyan and South African delegations recalled the talks held in Brasília \
        with President Lula da Silva, and the Republic of Korea welcomed the outcome.";
    let found = scan_alone(&check, text, &un_style());
    assert!(found.iter().any(|f| f.contains("Country")), "{found:#?}");
    assert!(check.rare.get().is_none());
    assert!(!check.near.rare_is_built());
}

#[test]
fn indexes_built_on_first_use_answer_as_if_built_at_the_start() {
    let registry = crate::rules::testing::registry();
    let text = "The delegation of Swaziland met the Phillipines, the Qatarian side and Inida. \
        A message from the President of the Republic of Germany was read out. Mr Jordan \
        Britton met Paul Kenyaa in Macedonia, where the President of Macedonia spoke.";
    let settings = un_style();
    let built_first = super::CountryCheck::new(&registry);
    built_first.rare(&registry);
    built_first.near.build_rare(&registry);
    let on_first_use = super::CountryCheck::new(&registry);
    let expected = scan_alone(&built_first, text, &settings);
    assert!(expected.len() > 5, "{expected:#?}");
    assert_eq!(scan_alone(&on_first_use, text, &settings), expected);
    // The near-miss and the former name needed what is built on first use.
    assert!(on_first_use.rare.get().is_some() && on_first_use.near.rare_is_built());
}
