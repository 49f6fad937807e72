//! How a recognised name is written: `person/name-form` (a listed name in other case or
//! without its diacritics) and the fix of `person/misspelled`.

use super::names::FormRef;
use super::words::Words;
use crate::registry::{PersonId, Registry, Str};

/// Written forms compared for equality: typographic apostrophes, hyphens and spacing aside,
/// and without a final period ("Jr." ends sentences too).
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().trim_end_matches('.').chars() {
        let c = match c {
            '’' | 'ʼ' | '‘' => '\'',
            '-' | '‐' | '‑' => ' ',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

/// Every listed form of a person: canonical name first, then the variants.
fn listed(registry: &Registry, person: PersonId) -> impl Iterator<Item = &str> {
    let p = registry.person(person);
    std::iter::once(p.name.as_str()).chain(p.variants.iter().map(Str::as_str))
}

/// Whether `written` is `form` but for words written wholly in capitals ("SUGA Yoshihide",
/// "GUTERRES"): family names in capitals are an accepted convention.
fn same_but_capitals(written: &str, form: &str) -> bool {
    let (w, f) = (Words::new(written), Words::new(form));
    w.len() == f.len()
        && (0..w.len())
            .all(|i| w.raw(i) == f.raw(i) || (w.is_all_caps(i) && w.folded(i) == f.folded(i)))
}

fn same_folded(a: &str, b: &str) -> bool {
    let (a, b) = (Words::new(a), Words::new(b));
    a.len() == b.len() && (0..a.len()).all(|i| a.folded(i) == b.folded(i))
}

fn accepted(written: &str, form: &str) -> bool {
    normalise(written) == normalise(form) || same_but_capitals(written, form)
}

/// For a full name as written: the listed form it should be written as, when it differs from
/// one only in case or diacritics. Listed variants are accepted as they are.
pub fn full_name_fix(registry: &Registry, person: PersonId, written: &str) -> Option<String> {
    // Most names are written as listed: no need to compare them word by word.
    if listed(registry, person).any(|f| f == written) {
        return None;
    }
    if listed(registry, person).any(|f| accepted(written, f)) {
        return None;
    }
    listed(registry, person)
        .find(|f| same_folded(written, f))
        .map(str::to_string)
}

/// For a family name as written ("Guterres", "Sanchez"): the family name as listed, when it
/// differs only in case or diacritics.
pub fn family_fix(registry: &Registry, person: PersonId, written: &str) -> Option<String> {
    let p = registry.person(person);
    if p.family == written || p.variants.iter().any(|v| v == written) {
        return None;
    }
    let family_like = std::iter::once(p.family.as_str())
        .chain(listed(registry, person))
        .filter(|f| same_folded(written, f));
    let mut fix = None;
    for f in family_like {
        if accepted(written, f) {
            return None;
        }
        fix.get_or_insert(f);
    }
    fix.map(str::to_string)
}

/// The fix for a misspelt full name: the listed form it nearly is.
pub fn misspelling_fix(registry: &Registry, form: FormRef) -> String {
    form.text(registry).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::registry;

    fn person(reg: &Registry, id: &str) -> PersonId {
        reg.person_by_id(id).unwrap()
    }

    #[test]
    fn listed_forms_and_capitals_are_accepted() {
        let reg = registry();
        let suga = person(&reg, "yoshihide-suga");
        assert_eq!(full_name_fix(&reg, suga, "Yoshihide Suga"), None);
        assert_eq!(full_name_fix(&reg, suga, "SUGA Yoshihide"), None);
        assert_eq!(full_name_fix(&reg, suga, "YOSHIHIDE SUGA"), None);
        let biden = person(&reg, "joe-biden");
        assert_eq!(full_name_fix(&reg, biden, "Joseph R. Biden, Jr"), None);
        let thani = person(&reg, "mohammed-bin-abdulrahman-al-thani");
        assert_eq!(
            full_name_fix(&reg, thani, "Mohammed bin Abdulrahman Al-Thani"),
            None
        );
    }

    #[test]
    fn case_and_diacritics_are_name_form() {
        let reg = registry();
        let chung = person(&reg, "chung-eui-yong");
        assert_eq!(
            full_name_fix(&reg, chung, "Chung Eui-Yong").as_deref(),
            Some("Chung Eui-yong")
        );
        let guterres = person(&reg, "antonio-guterres");
        assert_eq!(
            full_name_fix(&reg, guterres, "Antonio Guterres").as_deref(),
            Some("António Guterres")
        );
        assert_eq!(family_fix(&reg, guterres, "Guterres"), None);
        assert_eq!(family_fix(&reg, guterres, "GUTERRES"), None);
        let sanchez = person(&reg, "pedro-sanchez");
        assert_eq!(family_fix(&reg, sanchez, "Sanchez"), None);
    }
}
