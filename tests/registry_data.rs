//! The embedded registry's facts: coverage of every state, and a table of known facts checked
//! against it. A failure here is a wrong or missing fact in `data/registry/`.

use diplint::registry::{OfficeKind, Owner, Registry};
use jiff::civil::Date;

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn every_state_has_its_three_offices() {
    let reg = Registry::embedded();
    let mut missing = Vec::new();
    for (i, c) in reg.countries.iter().enumerate() {
        if !c.status.is_state() {
            continue;
        }
        let id = diplint::registry::CountryId(i as u32);
        let kinds: Vec<OfficeKind> = reg
            .offices_of(id)
            .flat_map(|(_, o)| o.kinds.clone())
            .collect();
        for want in [OfficeKind::HeadOfState, OfficeKind::ForeignMinister] {
            if !kinds.contains(&want) {
                missing.push(format!("{} has no {}", c.code, want.describe()));
            }
        }
        let has_government = kinds.contains(&OfficeKind::HeadOfGovernment)
            || reg
                .offices_of(id)
                .any(|(_, o)| o.kinds.contains(&OfficeKind::HeadOfState));
        if !has_government {
            missing.push(format!("{} has no head of government", c.code));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn all_un_members_observers_kosovo_and_taiwan_are_there() {
    let reg = Registry::embedded();
    use diplint::registry::CountryStatus::*;
    let members = reg
        .countries
        .iter()
        .filter(|c| c.status == UnMember)
        .count();
    assert_eq!(members, 193);
    for code in ["VA", "PS", "XK", "TW"] {
        assert!(reg.country_by_code(code).is_some(), "{code}");
    }
    assert!(
        reg.countries
            .iter()
            .filter(|c| c.status.is_state())
            .all(|c| !c.adjectives.is_empty())
    );
}

/// (person id, office id, a date on which the person held the office).
const KNOWN_TERMS: &[(&str, &str, &str)] = &[
    ("yoshihide-suga", "JP-HOG", "2021-09-24"),
    ("fumio-kishida", "JP-HOG", "2022-03-01"),
    ("toshimitsu-motegi", "JP-FM", "2021-09-24"),
    ("yoshimasa-hayashi", "JP-FM", "2022-03-01"),
    ("joe-biden", "US-HOS", "2021-06-01"),
    ("donald-trump", "US-HOS", "2018-06-01"),
    ("barack-obama", "US-HOS", "2012-06-01"),
    ("george-w-bush", "US-HOS", "2004-06-01"),
    ("antony-blinken", "US-FM", "2022-06-01"),
    ("xi-jinping", "CN-HOS", "2023-06-01"),
    ("li-qiang", "CN-HOG", "2023-06-01"),
    ("narendra-modi", "IN-HOG", "2021-09-24"),
    ("angela-merkel", "DE-HOG", "2020-06-01"),
    ("olaf-scholz", "DE-HOG", "2022-06-01"),
    ("emmanuel-macron", "FR-HOS", "2020-06-01"),
    ("boris-johnson", "GB-HOG", "2020-06-01"),
    ("rishi-sunak", "GB-HOG", "2023-06-01"),
    ("keir-starmer", "GB-HOG", "2025-01-01"),
    ("sergey-lavrov", "RU-FM", "2021-09-24"),
    ("antonio-guterres", "UN-HEAD", "2021-09-24"),
    ("shah-mehmood-qureshi", "PK-FM", "2021-09-24"),
    ("chung-eui-yong", "KR-FM", "2021-09-24"),
    ("mohammed-bin-abdulrahman-al-thani", "QA-FM", "2021-09-24"),
    ("volodymyr-zelenskyy", "UA-HOS", "2022-06-01"),
    ("recep-tayyip-erdogan", "TR-HOS", "2020-06-01"),
    ("luiz-inacio-lula-da-silva", "BR-HOS", "2023-06-01"),
];

#[test]
fn known_terms_hold() {
    let reg = Registry::embedded();
    let mut wrong = Vec::new();
    for (person, office, on) in KNOWN_TERMS {
        let (Some(p), Some(o)) = (reg.person_by_id(person), reg.office_by_id(office)) else {
            wrong.push(format!("{person} or {office} missing"));
            continue;
        };
        let holders: Vec<_> = reg
            .holders_on(o, date(on))
            .into_iter()
            .map(|(h, _)| h)
            .collect();
        if !holders.contains(&p) {
            wrong.push(format!("{person} should hold {office} on {on}"));
        }
        if !reg.covers(o, date(on)) {
            wrong.push(format!("{office} should be complete on {on}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn former_names_and_their_dates() {
    let reg = Registry::embedded();
    let cases = [
        ("SZ", "Swaziland", "2018-04-19"),
        ("MK", "FYROM", "2019-02-12"),
        ("CD", "Zaire", "1997-05-17"),
    ];
    for (code, name, until) in cases {
        let c = reg.country(reg.country_by_code(code).unwrap());
        let f = c
            .former
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("{code} lacks {name}"));
        assert_eq!(f.until, date(until), "{name}");
    }
}

#[test]
fn terms_are_sourced_and_international_offices_are_there() {
    let reg = Registry::embedded();
    assert!(
        reg.people
            .iter()
            .flat_map(|p| &p.terms)
            .all(|t| !t.source.is_empty())
    );
    for org in [
        "UN", "NATO", "EU", "AFU", "ASEAN", "WTO", "WHO", "IAEA", "IMF", "WB",
    ] {
        assert!(
            reg.offices
                .iter()
                .any(|o| o.owner == Owner::Organisation(org.into())),
            "no office of {org}"
        );
    }
    assert!(reg.valid_from < reg.valid_through);
}

#[test]
fn numbered_series_know_their_sessions() {
    let reg = Registry::embedded();
    let unga = reg.series_by_id("unga").expect("unga series");
    assert_eq!(unga.item(76).unwrap().start, date("2021-09-14"));
    let cop = reg
        .series
        .iter()
        .find(|s| s.aliases.iter().any(|a| a == "COP"))
        .expect("COP series");
    assert_eq!(cop.item(26).unwrap().place.as_deref(), Some("Glasgow"));
}
