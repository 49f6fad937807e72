use super::*;

fn load(files: &[(&str, &str)]) -> Result<Registry, Vec<RegistryError>> {
    let mut loader = Loader::new();
    for (p, t) in files {
        loader.add(p, t);
    }
    loader.finish()
}

const BASE: &str = r#"
valid_from = "2000-01-01"
valid_through = "2025-06-30"
[[country]]
code = "JP"
status = "un-member"
short = "Japan"
adjectives = ["Japanese"]
[[office]]
id = "JP-HOG"
country = "JP"
kinds = ["head_of_government"]
name = "Prime Minister of Japan"
titles = ["Prime Minister"]
complete_from = "2000-01-01"
[[person]]
id = "yoshihide-suga"
name = "Yoshihide Suga"
family = "Suga"
[[person.term]]
office = "JP-HOG"
start = "2020-09-16"
end = "2021-10-04"
source = "test"
[[person]]
id = "fumio-kishida"
name = "Fumio Kishida"
[[person.term]]
office = "JP-HOG"
start = "2021-10-04"
end = "2024-10-01"
source = "test"
"#;

#[test]
fn holders_and_coverage_by_date() {
    let reg = load(&[("base.toml", BASE)]).unwrap();
    let office = reg.office_by_id("JP-HOG").unwrap();
    let on = |d: &str| -> Vec<String> {
        reg.holders_on(office, d.parse().unwrap())
            .iter()
            .map(|(p, _)| reg.person(*p).name.to_string())
            .collect()
    };
    assert_eq!(on("2021-09-24"), vec!["Yoshihide Suga"]);
    assert_eq!(on("2022-03-01"), vec!["Fumio Kishida"]);
    assert_eq!(
        on("2021-10-04").len(),
        2,
        "both hold the office on the handover day"
    );
    assert!(reg.covers(office, "2022-03-01".parse().unwrap()));
    assert!(!reg.covers(office, "2026-01-01".parse().unwrap()));
    assert_eq!(
        reg.person(reg.person_by_id("fumio-kishida").unwrap())
            .family,
        "Kishida"
    );
}

#[test]
fn overlays_merge_and_end_terms() {
    let overlay = r#"
[[person]]
id = "fumio-kishida"
variants = ["Kishida Fumio"]
[[person.term]]
office = "JP-HOG"
start = "2021-10-04"
end = "2024-10-01"
source = "overlay"
[[acronym]]
short = "MOFA"
expansions = ["Ministry of Foreign Affairs"]
"#;
    let reg = load(&[("base.toml", BASE), ("team.toml", overlay)]).unwrap();
    let p = reg.person(reg.person_by_id("fumio-kishida").unwrap());
    assert_eq!(p.terms.len(), 1);
    assert_eq!(p.terms[0].source, "overlay");
    assert_eq!(p.variants, vec!["Kishida Fumio"]);
    assert!(reg.acronym("MOFA").is_some());
    assert!(matches!(
        reg.lookup("kishida fumio")[..],
        [query::Hit::Person(_)]
    ));
}

#[test]
fn errors_are_line_numbered() {
    let bad = "[[person]]\nid = \"x\"\nname = \"X\"\n[[person.term]]\noffice = \"XX-HOG\"\nstart = \"2020-01-01\"\n";
    let errors = load(&[("base.toml", BASE), ("bad.toml", bad)]).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].path.as_str(), errors[0].line), ("bad.toml", 5));
    assert!(
        errors[0].message.contains("unknown office 'XX-HOG'"),
        "{}",
        errors[0]
    );

    let unknown_key = "[[acronym]]\nshort = \"A\"\nmeaning = \"x\"\n";
    let errors = load(&[("u.toml", unknown_key)]).unwrap_err();
    assert_eq!(errors[0].line, 3, "{}", errors[0]);
    assert!(errors[0].message.contains("unknown field"), "{}", errors[0]);

    let reversed = "[[person]]\nid = \"y\"\nname = \"Y\"\n[[person.term]]\noffice = \"JP-HOG\"\nstart = \"2023-01-01\"\nend = \"2022-01-01\"\n";
    let errors = load(&[("base.toml", BASE), ("r.toml", reversed)]).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.line == 7 && e.message.contains("before it starts")),
        "{errors:?}"
    );
}

#[test]
fn overlapping_terms_are_refused() {
    let overlap = "[[person]]\nid = \"z\"\nname = \"Z\"\n[[person.term]]\noffice = \"JP-HOG\"\nstart = \"2021-01-01\"\nend = \"2021-12-01\"\n";
    let errors = load(&[("base.toml", BASE), ("o.toml", overlap)]).unwrap_err();
    assert!(
        errors.iter().any(|e| e.message.contains("overlaps")),
        "{errors:?}"
    );
}

#[test]
fn the_embedded_registry_loads() {
    let mut loader = Loader::new();
    Registry::add_embedded(&mut loader);
    let reg = loader.finish().unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    assert!(reg.valid_through > reg.valid_from);
}

/// The registry's content, without the indexes (whose hash order varies).
fn content(r: &Registry) -> String {
    format!(
        "{:?}{:?}{:#?}{:#?}{:#?}{:#?}{:#?}{:#?}{:#?}{:#?}",
        r.valid_from,
        r.valid_through,
        r.countries,
        r.organisations,
        r.offices,
        r.people,
        r.series,
        r.acronyms,
        r.titles,
        r.styles
    )
}

#[test]
fn build_time_snapshots_are_the_embedded_toml() {
    let mut loader = Loader::new();
    Registry::add_embedded_toml(&mut loader);
    let from_toml = content(&loader.finish().expect("embedded data loads"));

    let registry = embedded::REGISTRY_SNAPSHOT.expect("the build stored the registry");
    let decoded = snapshot::decode_registry(registry).expect("the snapshot reads back");
    assert!(content(&decoded) == from_toml);

    let files = Registry::embedded_files_snapshot().expect("the build stored the files");
    assert_eq!(files.len(), embedded::REGISTRY_FILES.len());
    let mut loader = Loader::new();
    Registry::add_embedded(&mut loader);
    assert!(content(&loader.finish().expect("embedded data loads")) == from_toml);

    // The indexes are rebuilt from the data.
    let japan = decoded.country_by_code("JP").expect("Japan");
    assert_eq!(decoded.country(japan).short, "Japan");
    assert!(decoded.acronym("NATO").is_some());
}

#[test]
fn snapshot_texts_are_borrowed_from_the_snapshot() {
    let bytes = embedded::REGISTRY_SNAPSHOT.expect("the build stored the registry");
    let decoded = snapshot::decode_registry(bytes).expect("the snapshot reads back");
    let in_snapshot = |s: &Str| bytes.as_ptr_range().contains(&s.as_ptr());
    let country = &decoded.countries[0];
    let person = &decoded.people[0];
    for text in [&country.short, &country.code, &person.name, &person.id] {
        assert!(in_snapshot(text), "{text} was copied");
    }
    // Read from TOML, they are the loader's own.
    let toml = load(&[("base.toml", BASE)]).unwrap();
    assert!(!in_snapshot(&toml.people[0].name));
    assert_eq!(toml.people[0].name, "Yoshihide Suga");
}

#[test]
fn texts_hash_and_compare_as_their_strings() {
    let owned = Str::from("Japan");
    let borrowed = Str::borrowed("Japan");
    assert_eq!(owned, borrowed);
    assert_eq!(owned, "Japan");
    assert_eq!("Japan", borrowed);
    let mut map = crate::hash::FastMap::default();
    map.insert(owned, 1);
    assert_eq!(map.get("Japan"), Some(&1));
    assert!(map.contains_key(&borrowed));
    assert_eq!(format!("{borrowed} {borrowed:?}"), "Japan \"Japan\"");
}

#[test]
fn terms_of_an_office_are_its_holders_by_start() {
    let reg = Registry::embedded();
    for (o, _) in reg.offices.iter().enumerate() {
        let office = OfficeId(o as u32);
        let mut expected: Vec<(PersonId, Date)> = (reg.people.iter().enumerate())
            .flat_map(|(p, person)| {
                (person.terms.iter())
                    .filter(|t| t.office == office)
                    .map(move |t| (PersonId(p as u32), t.start))
            })
            .collect();
        expected.sort_by_key(|&(_, start)| start);
        let listed: Vec<(PersonId, Date)> =
            reg.terms_of(office).map(|(p, t)| (p, t.start)).collect();
        assert_eq!(listed, expected, "{}", reg.offices[o].id);
    }
    assert!(reg.terms_of(OfficeId(u32::MAX)).next().is_none());
}

#[test]
fn snapshot_keeps_spans_for_errors() {
    let text = "[[person]]\nid = \"x\"\nname = \"X\"\n[[person.term]]\noffice = \"NOPE\"\nstart = \"2020-01-01\"\n";
    let parsed: file::RegistryFile = toml::from_str(text).unwrap();
    let bytes = snapshot::encode_files(&[("overlay.toml".into(), parsed)]);
    let mut decoded = snapshot::decode_files(&bytes).unwrap();
    let (path, file) = decoded.remove(0);
    let mut loader = Loader::new();
    loader.add_parsed(&path, text, file);
    let errors = loader.finish().unwrap_err();
    let mut direct = Loader::new();
    direct.add("overlay.toml", text);
    assert_eq!(errors, direct.finish().unwrap_err());
    assert!(errors.iter().any(|e| e.line == 5), "{errors:?}");
    assert!(snapshot::decode_files(&bytes[..bytes.len() - 1]).is_none());
    assert!(snapshot::decode_files(b"not a snapshot").is_none());
    assert!(snapshot::decode_registry(bytes.leak()).is_none());
}

#[test]
fn english_words_are_the_word_list() {
    let listed: std::collections::HashSet<&str> = word_list_entries("english").collect();
    assert!(listed.len() > 10_000);
    assert!(listed.iter().all(|w| is_english_word(w)));
    for word in ["a", "aardvark", "president", "zygote"] {
        assert_eq!(is_english_word(word), listed.contains(word), "{word}");
    }
    for not_listed in [
        "",
        "guterres",
        "phillipines",
        "zzzzzz",
        "\u{0}",
        "President",
    ] {
        assert_eq!(
            is_english_word(not_listed),
            listed.contains(not_listed),
            "{not_listed}"
        );
    }
}
