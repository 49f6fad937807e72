//! Near-misses of country names and adjectives that the registry does not list: "Azerbaijian",
//! "Kyrgystan" (a typo of a name) and "Qatarian", "Spainish" (an adjective made up from a name).
//!
//! Only words that could be a typo are compared: capitalised, not an English word, not a place,
//! organisation, person or combining form the registry knows. Candidates are found by first
//! letter and length, so each word is compared with a few names only, and the distance allowed
//! grows with length: short names ("Mali", "Oman", "Chad", "Peru") are never guessed at, names of
//! five or six letters only through two swapped letters, longer ones through one edit, and names
//! of ten letters or more through two; the first letter and the last ones must agree, and a word
//! next to another unknown capitalised word (a person's name: "Paul Britton") is left alone.

use crate::hash::{FastMap, FastSet};
use crate::registry::{Country, CountryId, Registry, is_english_word, word_list_entries};
use crate::text::{fold, words};

/// Spellings in real use that the registry does not list (yet): never reported. "Argentinean"
/// is in American dictionaries, "Belarussian" in British use, "Ivoirian" in Côte d'Ivoire's own
/// English texts.
const ACCEPTED: &[&str] = &[
    "Argentinean",
    "Argentineans",
    "Belarussian",
    "Belarussians",
    "Ivoirian",
    "Ivoirians",
];

/// Endings that make an adjective or demonym from a name: a name with one of these that is not
/// the country's adjective is a made-up form ("Qatarian", "Thailandese", "Spainish"). "-i" is
/// left out: it makes real surnames ("Irani") and currencies ("Afghani").
const ADJECTIVE_ENDINGS: &[&str] = &["ians", "ian", "ans", "an", "ese", "ish"];

/// A correct form a word may be a typo of.
#[derive(Debug)]
struct Target {
    folded: Vec<char>,
    spelling: String,
    country: CountryId,
    /// For a word of a longer name ("Herzegovina"), the folded words next to it: a typo of it
    /// is only considered beside them ("Bosnia and Herzegowina").
    before: Option<String>,
    after: Option<String>,
}

impl Target {
    fn key(&self) -> (&[char], CountryId, &Option<String>, &Option<String>) {
        (&self.folded, self.country, &self.before, &self.after)
    }
}

/// What a word was taken for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Guess {
    /// A typo of a name or adjective; the intended spellings, nearest first.
    Typo {
        country: CountryId,
        fixes: Vec<String>,
    },
    /// An adjective made up from a name; the country's adjectives to use instead.
    MadeUpAdjective {
        country: CountryId,
        fixes: Vec<String>,
    },
}

pub(super) struct NearMiss {
    targets: Vec<Target>,
    /// Targets by (first folded letter, length in characters).
    by_first_and_length: FastMap<(char, usize), Vec<usize>>,
    /// Folded names a made-up adjective may start with, and whose they are.
    stems: FastMap<String, CountryId>,
    /// Every folded correct form.
    correct: FastSet<String>,
    /// Folded words of places, organisations, people, honorifics and combining forms, and the
    /// correct forms: a word that is one (or its plural) is no typo.
    known_words: FastSet<String>,
    /// Honorifics as written, without a final period ("Mr", "Dr", "Sheikha"): a word after one
    /// is a person's name.
    honorifics: FastSet<&'static str>,
}

impl NearMiss {
    pub fn new(registry: &Registry) -> NearMiss {
        let mut near = NearMiss {
            targets: Vec::new(),
            by_first_and_length: FastMap::default(),
            stems: FastMap::default(),
            correct: FastSet::default(),
            known_words: known_words(registry),
            honorifics: word_list_entries("honorifics")
                .map(|h| h.trim_end_matches('.'))
                .collect(),
        };
        for (i, c) in registry.countries.iter().enumerate() {
            let id = CountryId(i as u32);
            for form in correct_forms(c) {
                let folded = fold(form);
                if !near.correct.contains(&folded) {
                    near.correct.insert(folded);
                }
            }
            if !c.political {
                near.add_targets(c, id);
                near.add_stems(c, id);
            }
        }
        near.known_words.extend(near.correct.iter().cloned());
        // The short name and the UN name are often the same: one target each.
        near.targets.sort_by(|a, b| a.key().cmp(&b.key()));
        near.targets.dedup_by(|a, b| a.key() == b.key());
        for (i, t) in near.targets.iter().enumerate() {
            near.by_first_and_length
                .entry((t.folded[0], t.folded.len()))
                .or_default()
                .push(i);
        }
        near
    }

    fn add_targets(&mut self, c: &Country, id: CountryId) {
        // The words of a form as written, and where each one's folded form is in `folded`:
        // both reused from form to form.
        let mut parts: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
        let mut folded_text = String::new();
        for form in correct_forms(c) {
            parts.clear();
            folded_text.clear();
            for (_, w) in words(form) {
                let start = folded_text.len();
                crate::text::fold_into(w, &mut folded_text);
                parts.push((w, start..folded_text.len()));
            }
            let alone = parts.len() == 1;
            for (p, (written, at)) in parts.iter().enumerate() {
                let folded = &folded_text[at.clone()];
                if !self.worth_guessing(folded, written) {
                    continue;
                }
                let neighbour = |i: Option<usize>| {
                    i.and_then(|i| parts.get(i))
                        .filter(|_| !alone)
                        .map(|(_, at)| folded_text[at.clone()].to_string())
                };
                self.targets.push(Target {
                    folded: folded.chars().collect(),
                    spelling: written.to_string(),
                    country: id,
                    before: neighbour(p.checked_sub(1)),
                    after: neighbour(Some(p + 1)),
                });
            }
        }
    }

    /// A word of a name is a target when a typo of it would be noticed: long enough, capitalised,
    /// not an ordinary word ("Republic", "Islands").
    fn worth_guessing(&self, folded: &str, written: &str) -> bool {
        folded.chars().count() >= 5
            && folded.chars().all(char::is_alphabetic)
            && written.chars().next().is_some_and(char::is_uppercase)
            && written.chars().any(char::is_lowercase)
            && !is_english_word(folded)
    }

    fn add_stems(&mut self, c: &Country, id: CountryId) {
        for name in c.names() {
            let folded = fold(name);
            if folded.len() < 4 || !folded.chars().all(|ch| ch.is_ascii_alphabetic()) {
                continue;
            }
            // "Singapore" → "Singapor-ian", "Ghana" → "Ghan-ian", "Mexico" → "Mexic-an".
            if let Some(stem) = folded.strip_suffix(['e', 'a', 'o']) {
                self.stems.entry(stem.to_string()).or_insert(id);
            }
            self.stems.entry(folded).or_insert(id);
        }
    }

    /// What a capitalised word that is no known form is likely to be, if anything. `before` and
    /// `after` are the words next to it, as written.
    pub fn guess(
        &self,
        registry: &Registry,
        word: &str,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Option<Guess> {
        if !looks_like_a_name(word) || before.is_some_and(|b| self.honorifics.contains(b)) {
            return None;
        }
        let folded = FoldedWord::new(word);
        let folded = folded.as_str();
        if self.is_known_word(folded) {
            return None;
        }
        if let Some(guess) = self.made_up_adjective(registry, folded) {
            return Some(guess);
        }
        // "Paul Britton", "Vera Brittain": beside another name, a word is a person's name more
        // likely than a typo of a country's.
        let beside_a_name = before.is_some_and(|w| self.is_other_name(w))
            || after.is_some_and(|w| self.is_other_name(w));
        self.typo(folded, before.map(fold), after.map(fold), beside_a_name)
    }

    /// Whether a folded word is an ordinary English word.
    pub fn is_english(&self, folded: &str) -> bool {
        is_english_word(folded)
    }

    /// A capitalised word that is neither an English word nor a country's: a name of something
    /// else.
    fn is_other_name(&self, word: &str) -> bool {
        let capitalised = word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().all(char::is_alphabetic)
            && word.chars().any(char::is_lowercase);
        if !capitalised {
            return false;
        }
        let folded = FoldedWord::new(word);
        let folded = folded.as_str();
        !is_english_word(folded) && !self.correct.contains(folded)
    }

    fn is_known_word(&self, folded: &str) -> bool {
        let singular = folded
            .strip_suffix("es")
            .into_iter()
            .chain(folded.strip_suffix('s'));
        std::iter::once(folded)
            .chain(singular)
            .any(|w| self.known_words.contains(w) || is_english_word(w))
    }

    fn made_up_adjective(&self, registry: &Registry, folded: &str) -> Option<Guess> {
        let (country, plural) = ADJECTIVE_ENDINGS.iter().find_map(|ending| {
            let stem = folded.strip_suffix(ending)?;
            let country = *self.stems.get(stem)?;
            Some((country, ending.ends_with('s')))
        })?;
        let fixes = adjectives_for(registry.country(country), folded, plural);
        (!fixes.is_empty()).then_some(Guess::MadeUpAdjective { country, fixes })
    }

    fn typo(
        &self,
        folded: &str,
        before: Option<String>,
        after: Option<String>,
        beside_a_name: bool,
    ) -> Option<Guess> {
        let word: Vec<char> = folded.chars().collect();
        let first = *word.first()?;
        let mut best: Option<(usize, Vec<&Target>)> = None;
        for length in word.len().saturating_sub(2)..=word.len() + 2 {
            let Some(candidates) = self.by_first_and_length.get(&(first, length)) else {
                continue;
            };
            for &t in candidates {
                let target = &self.targets[t];
                let alone = target.before.is_none() && target.after.is_none();
                if (alone && beside_a_name)
                    || !beside_the_rest(target, before.as_deref(), after.as_deref())
                {
                    continue;
                }
                let Some(distance) = near_miss(&word, &target.folded) else {
                    continue;
                };
                match &mut best {
                    Some((d, found)) if *d == distance => found.push(target),
                    Some((d, _)) if *d < distance => {}
                    _ => best = Some((distance, vec![target])),
                }
            }
        }
        let (_, found) = best?;
        let mut fixes: Vec<String> = Vec::new();
        for t in &found {
            if !fixes.contains(&t.spelling) {
                fixes.push(t.spelling.clone());
            }
        }
        fixes.truncate(3);
        Some(Guess::Typo {
            country: found[0].country,
            fixes,
        })
    }
}

/// A word folded as [`fold`] folds it, without allocating when it is short and ASCII (nearly
/// every word).
enum FoldedWord {
    Inline([u8; FoldedWord::INLINE], usize),
    Heap(String),
}

impl FoldedWord {
    const INLINE: usize = 24;

    fn new(word: &str) -> FoldedWord {
        if word.len() > FoldedWord::INLINE || !word.is_ascii() {
            return FoldedWord::Heap(fold(word));
        }
        let mut buf = [0u8; FoldedWord::INLINE];
        for (to, b) in buf.iter_mut().zip(word.bytes()) {
            *to = if b == b'`' {
                b'\''
            } else {
                b.to_ascii_lowercase()
            };
        }
        FoldedWord::Inline(buf, word.len())
    }

    fn as_str(&self) -> &str {
        match self {
            FoldedWord::Inline(buf, len) => std::str::from_utf8(&buf[..*len]).unwrap_or_default(),
            FoldedWord::Heap(s) => s,
        }
    }
}

/// Every correct form of a country: names, adjectives, demonyms.
pub(super) fn correct_forms(c: &Country) -> impl Iterator<Item = &str> {
    c.names()
        .chain(c.adjectives.iter().map(String::as_str))
        .chain(c.demonyms.iter().map(String::as_str))
}

/// A word that could be a misspelt name: capitalised, in letters only, not in capitals only, at
/// least five letters long.
pub(super) fn looks_like_a_name(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().all(char::is_alphabetic)
        && word.chars().any(char::is_lowercase)
        && word.chars().count() >= 5
}

/// A typo of one word of a longer name is only taken as one beside the rest of the name.
fn beside_the_rest(target: &Target, before: Option<&str>, after: Option<&str>) -> bool {
    match (&target.before, &target.after) {
        (None, None) => true,
        (b, a) => {
            b.as_deref().is_some_and(|b| Some(b) == before)
                || a.as_deref().is_some_and(|a| Some(a) == after)
        }
    }
}

/// The distance between a word and a name when it is small enough, for the word's length, to be
/// a typo. Names that differ at the end are usually other names ("Georgina", "Ghani", "Gabor",
/// "Indiana", "Bolivar", "Jordaan"): apart from two swapped letters ("Britian"), the first
/// letter and the last three (two in a long name) must agree.
fn near_miss(word: &[char], target: &[char]) -> Option<usize> {
    let n = word.len();
    if n <= 4 || word.first() != target.first() || word == target {
        return None;
    }
    if is_one_swap(word, target) {
        return Some(1);
    }
    let suffix_needed = if n <= 9 { 3 } else { 2 };
    if n <= 6 || common_suffix(word, target) < suffix_needed {
        return None;
    }
    let distance = strsim::generic_damerau_levenshtein(word, target);
    match n {
        7..=9 => (distance == 1).then_some(1),
        _ => (distance <= 2 && n.abs_diff(target.len()) <= 1).then_some(distance),
    }
}

fn common_suffix(a: &[char], b: &[char]) -> usize {
    a.iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Whether two words differ only by two neighbouring letters swapped inside the word ("Keyna",
/// "Isreal", "Britian"); a swap of the last two ("Georgina") makes another name.
fn is_one_swap(a: &[char], b: &[char]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut differ = (0..a.len()).filter(|&i| a[i] != b[i]);
    match (differ.next(), differ.next(), differ.next()) {
        (Some(i), Some(j), None) => {
            i > 0 && j == i + 1 && j + 1 < a.len() && a[i] == b[j] && a[j] == b[i]
        }
        _ => false,
    }
}

/// The adjectives (or, for a plural, the demonyms) to offer instead of a wrong one: the nearest,
/// and the next nearest when it is close too ("Philippino" → "Philippine", "Filipino").
pub(super) fn adjectives_for(c: &Country, wrong_folded: &str, plural: bool) -> Vec<String> {
    let mut pool: Vec<(usize, &String)> = c
        .adjectives
        .iter()
        .chain(&c.demonyms)
        .filter(|f| f.ends_with('s') == plural && f.chars().any(char::is_lowercase))
        .map(|f| (strsim::damerau_levenshtein(&fold(f), wrong_folded), f))
        .collect();
    pool.sort_by_key(|(distance, _)| *distance);
    pool.dedup_by(|a, b| a.1 == b.1);
    let mut fixes: Vec<String> = Vec::new();
    for (i, (distance, form)) in pool.iter().enumerate() {
        if i == 0 || (*distance <= 3 && !fixes.contains(form)) {
            fixes.push(form.to_string());
        }
        if fixes.len() == 2 {
            break;
        }
    }
    fixes
}

/// The nearest correct form of a country for a misspelling the registry lists.
pub(super) fn nearest_form(c: &Country, wrong_folded: &str) -> String {
    correct_forms(c)
        .filter(|f| f.chars().any(char::is_lowercase))
        .min_by_key(|f| strsim::damerau_levenshtein(&fold(f), wrong_folded))
        .unwrap_or(&c.short)
        .to_string()
}

/// Folded words that are names of something else the registry or word lists know: places,
/// organisations, people, honorifics, combining forms ("Sino", "Franco"), and the spellings
/// accepted here.
fn known_words(registry: &Registry) -> FastSet<String> {
    let mut known = FastSet::default();
    // Most words recur (family names, "Republic"): fold into one buffer, store the new ones.
    let mut buffer = String::new();
    let mut add_words = |s: &str| {
        for (_, w) in words(s) {
            buffer.clear();
            crate::text::fold_into(w, &mut buffer);
            if !known.contains(buffer.as_str()) {
                known.insert(buffer.clone());
            }
        }
    };
    for list in ["place-names", "country-prefixes", "honorifics"] {
        word_list_entries(list).for_each(&mut add_words);
    }
    ACCEPTED.iter().for_each(|a| add_words(a));
    for o in &registry.organisations {
        add_words(&o.name);
        o.short.iter().for_each(|s| add_words(s));
    }
    for p in &registry.people {
        add_words(&p.name);
        p.variants.iter().for_each(|v| add_words(v));
    }
    known
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::registry;

    fn near() -> &'static NearMiss {
        static NEAR: std::sync::OnceLock<NearMiss> = std::sync::OnceLock::new();
        NEAR.get_or_init(|| NearMiss::new(&registry()))
    }

    fn guess(word: &str) -> Option<Guess> {
        near().guess(&registry(), word, None, None)
    }

    fn typo_fix(word: &str) -> Option<String> {
        match guess(word)? {
            Guess::Typo { fixes, .. } => fixes.first().cloned(),
            Guess::MadeUpAdjective { .. } => None,
        }
    }

    #[test]
    fn typos_of_long_names_are_found() {
        assert_eq!(typo_fix("Azerbaijian").as_deref(), Some("Azerbaijan"));
        assert_eq!(typo_fix("Kyrgystan").as_deref(), Some("Kyrgyzstan"));
        assert_eq!(typo_fix("Phillipines").as_deref(), Some("Philippines"));
        assert_eq!(typo_fix("Ukranian").as_deref(), Some("Ukrainian"));
        assert_eq!(typo_fix("Britian").as_deref(), Some("Britain"));
        assert_eq!(typo_fix("Keyna").as_deref(), Some("Kenya"));
    }

    #[test]
    fn other_names_are_not_typos() {
        for word in [
            "Niger",
            "Nigeria",
            "Austria",
            "Australia",
            "Iran",
            "Iraq",
            "Guinea",
            "Guyana",
            "Mali",
            "Columbia",
            "Omar",
            "Ghani",
            "Gabor",
            "Indira",
            "Indiana",
            "Georgina",
            "Bolivar",
            "Bolivarian",
            "Britannia",
            "Germanic",
            "Atlantic",
            "Homeland",
            "Police",
            "Latin",
            "Clean",
            "Coast",
            "This",
            "Malte",
            "Susan",
            "Nigel",
            "Cyrus",
            "Franco",
            "Sino",
            "Inde",
            "Chine",
            "Russie",
            "Hollande",
            "Omanis",
            "Iraqis",
            "Homelands",
        ] {
            assert_eq!(guess(word), None, "{word}");
        }
    }

    #[test]
    fn made_up_adjectives() {
        let r = registry();
        let near = near();
        for (wrong, fix) in [
            ("Qatarian", "Qatari"),
            ("Spainish", "Spanish"),
            ("Ghanian", "Ghanaian"),
            ("Thailandese", "Thai"),
        ] {
            match near.guess(&r, wrong, None, None) {
                Some(Guess::MadeUpAdjective { fixes, .. }) => {
                    assert!(fixes.contains(&fix.to_string()), "{wrong}: {fixes:?}")
                }
                other => panic!("{wrong}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_word_of_a_longer_name_needs_the_rest() {
        let r = registry();
        let near = near();
        assert!(matches!(
            near.guess(&r, "Herzegowina", Some("and"), None),
            Some(Guess::Typo { .. })
        ));
        assert_eq!(near.guess(&r, "Herzegowina", Some("in"), None), None);
    }
}

#[cfg(test)]
mod real_words {
    use super::*;
    use crate::rules::testing::registry;

    /// Adjectives, demonyms and spellings in real use, and proper nouns of English prose that
    /// look like country names.
    const REAL: &str = "Argentinean Argentinian Azeri Azerbaijani Kazakh Kazakhstani Uzbek Uzbekistani \
Kyrgyz Kyrgyzstani Tajik Tajikistani Turkmen Bangladeshi Laotian Burmese Bosniak Bosnian \
Herzegovinian Salvadoran Salvadorean Salvadorian Surinamese Surinamer Ivorian Verdean Beninese \
Burkinabe Burkinabé Liberian Nigerien Chadian Malian Mauritanian Sahrawi Comorian Malagasy \
Mauritian Seychellois Mozambican Zambian Zimbabwean Motswana Batswana Basotho Mosotho Swazi \
Emirati Omani Yemeni Yemenite Saudi Kuwaiti Bahraini Qatari Iraqi Jordanian Lebanese Syrian \
Israeli Palestinian Cypriot Turkish Hellenic Maltese Montenegrin Kosovar Kosovan Macedonian \
Albanian Serbian Croatian Slovene Slovenian Hungarian Magyar Czech Slovak Slovakian Polish \
Lithuanian Latvian Estonian Finnish Swedish Norwegian Danish Icelandic Icelander Irish \
British Briton Scottish Welsh Dutch Netherlandish Belgian Luxembourgish Luxembourger \
Monegasque Liechtensteiner Austrian German French Andorran Spanish Spaniard Portuguese \
Italian Sammarinese Vatican Ukrainian Belarusian Belarussian Moldovan Romanian Bulgarian \
Russian Georgian Armenian Afghan Pakistani Indian Nepali Nepalese Bhutanese Maldivian Thai \
Cambodian Khmer Vietnamese Malaysian Singaporean Indonesian Filipino Filipina Bruneian \
Timorese Chinese Taiwanese Mongolian Korean Japanese Australian Papuan Fijian Vanuatuan \
Samoan Tongan Tuvaluan Nauruan Marshallese Micronesian Palauan Kittitian Nevisian \
Vincentian Grenadian Barbadian Bajan Trinidadian Tobagonian Guyanese Venezuelan Colombian \
Ecuadorian Ecuadorean Peruvian Bolivian Chilean Uruguayan Paraguayan Brazilian Mexican \
Guatemalan Belizean Honduran Nicaraguan Rican Panamanian Cuban Jamaican Haitian Dominican \
Bahamian American Canadian Greenlandic Egyptian Libyan Tunisian Algerian Moroccan Sudanese \
Ethiopian Eritrean Djiboutian Somali Somalian Kenyan Ugandan Rwandan Burundian Tanzanian \
Malawian Angolan Namibian Congolese Gabonese Cameroonian Nigerian Ghanaian Togolese \
Senegalese Gambian Guinean Bissau Sierra Leonean Ivoirian Equatoguinean Emirian Iranian \
Persian Kurdish Kurdistan Arabic Arabian Arab Hebrew Latino Latina Hispanic Iberian \
Siberian Caucasian Balkan Baltic Nordic Scandinavian Slavic Celtic Anglican Catholic \
Orthodox Christian Muslim Jewish Hindu Buddhist Europe European African Asian Eurasian \
Pacific Atlantic Arctic Antarctic Caribbean Mediterranean Sahel Sahara Maghreb Levant \
Balochistan Baluchistan Kashmir Punjab Bengal Tibet Tibetan Xinjiang Uyghur Hong Kong \
Crimea Crimean Donbas Donbass Donetsk Luhansk Transnistria Abkhazia Ossetia Karabakh \
Kurdistan Catalonia Catalan Basque Flanders Flemish Wallonia Walloon Bavaria Bavarian \
Prussia Prussian Saxony Normandy Brittany Corsica Sicily Sardinia Tuscany Lombardy \
Andalusia Galicia Silesia Bohemia Moravia Transylvania Dalmatia Istria Anatolia Thrace \
Macedon Mesopotamia Persia Babylon Assyria Assyrian Ottoman Byzantine Habsburg Romanov \
Washington Geneva Brussels Vienna Paris London Berlin Moscow Beijing Tokyo Seoul Delhi \
Mumbai Kyiv Kiev Minsk Warsaw Prague Budapest Bucharest Sofia Athens Ankara Istanbul \
Tehran Baghdad Damascus Beirut Amman Riyadh Doha Dubai Muscat Sanaa Cairo Tripoli Tunis \
Algiers Rabat Dakar Lagos Abuja Accra Nairobi Addis Kampala Kigali Kinshasa Luanda \
Harare Lusaka Pretoria Johannesburg Maputo Antananarivo Canberra Sydney Wellington \
Ottawa Toronto Havana Caracas Bogota Lima Quito Santiago Brasilia Montevideo Asuncion \
Panama Managua Tegucigalpa Guatemala Kingston Nassau Port Jakarta Manila Hanoi Bangkok \
Vientiane Phnom Penh Yangon Naypyidaw Dhaka Kathmandu Thimphu Colombo Kabul Islamabad \
Tashkent Astana Bishkek Dushanbe Ashgabat Baku Yerevan Tbilisi Chisinau Vilnius Riga \
Tallinn Helsinki Stockholm Oslo Copenhagen Reykjavik Dublin Edinburgh Cardiff Belfast \
Lisbon Madrid Rome Valletta Nicosia Ljubljana Zagreb Sarajevo Belgrade Podgorica Pristina \
Skopje Tirana Bratislava Luxembourg Amsterdam Hague Bern Monaco Andorra Vaduz \
Georgina Adriana Mariana Marina Mariano Jordana Indira Ghani Gabor Omar Nigel Susan \
Cyrus Malte Hollande Francis Franco Chandra Indra Indiana Virginia Carolina Georgia \
Florida California Nevada Arizona Texas Kansas Alabama Louisiana Maryland Montana \
Dakota Oregon Columbia Columbian Britannia Britannic Germanic Hispania Gallic \
Teutonic Slavonic Romance Romansh Romani Romany Gypsy Frisian Faroese Greenlander \
Bolivar Bolivarian Sucre Bernadotte Alaska Hawaii Puerto Guam Samoa Bermuda Aruba \
Curacao Sint Maarten Martinique Guadeloupe Reunion Mayotte Caledonia Polynesia Tahiti";

    #[test]
    fn real_words_are_not_reported() {
        let r = registry();
        let near = NearMiss::new(&r);
        let reported: Vec<String> = REAL
            .split_whitespace()
            .filter_map(|w| near.guess(&r, w, None, None).map(|g| format!("{w}: {g:?}")))
            .collect();
        assert!(reported.is_empty(), "{reported:#?}");
    }
}
