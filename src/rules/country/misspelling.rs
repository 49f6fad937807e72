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

use super::index::{Role, SurfaceIndex, next_word};
use super::{fold_ascii, folds_to};
use crate::flat::{StrTable, group_by_key};
use crate::hash::{FastMap, FastSet};
use crate::registry::{Country, CountryId, Registry, Str, is_english_word, word_list_entries};
use crate::swar;
use crate::text::{fold, fold_into};
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::OnceLock;

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

/// The endings packed as [`NearMiss::made_up_from`] packs a word's end (the last byte lowest),
/// with their length, and whether they make a plural.
const PACKED_ENDINGS: [(usize, u32, bool); ADJECTIVE_ENDINGS.len()] = {
    let mut packed = [(0, 0, false); ADJECTIVE_ENDINGS.len()];
    let mut e = 0;
    while e < ADJECTIVE_ENDINGS.len() {
        let bytes = ADJECTIVE_ENDINGS[e].as_bytes();
        let mut value = 0u32;
        let mut i = 0;
        while i < bytes.len() {
            value |= (bytes[bytes.len() - 1 - i] as u32) << (8 * i);
            i += 1;
        }
        packed[e] = (bytes.len(), value, bytes[bytes.len() - 1] == b's');
        e += 1;
    }
    packed
};

/// A correct form a word may be a typo of, as ranges of [`NearMiss`]'s lists.
#[derive(Debug, Clone)]
struct Target {
    /// The folded form, in `NearMiss::chars`.
    folded: Range<u32>,
    /// As written, in `NearMiss::text`.
    spelling: Range<u32>,
    country: CountryId,
    /// For a word of a longer name ("Herzegovina"), the folded words next to it, in
    /// `NearMiss::text`: a typo of it is only considered beside them ("Bosnia and Herzegowina").
    before: Option<Range<u32>>,
    after: Option<Range<u32>>,
    /// The place of its spelling in the registry's order.
    seq: u32,
}

/// What orders the near-misses of a word: see [`NearMiss::order`].
type OrderKey<'a> = (
    usize,
    &'a [char],
    CountryId,
    Option<&'a str>,
    Option<&'a str>,
);

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

/// The words next to a word of the text, as written; asked for only when the word is a
/// near-miss of some name.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Neighbours<'t> {
    pub before: Option<&'t str>,
    pub after: Option<&'t str>,
}

/// What a guess looks up besides the names it compares: the registry, and the country forms (a
/// word that is one is no typo).
#[derive(Clone, Copy)]
pub(super) struct Known<'a> {
    pub registry: &'a Registry,
    pub forms: &'a SurfaceIndex,
}

/// The first letter, last letter and length (in characters) of a folded word: a word and a
/// name it is a near-miss of share all three but for the length, which may differ by one (see
/// [`near_miss`]). Comparing only the names of the word's three shapes is the fuzzy index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Shape {
    first: char,
    last: char,
    len: u32,
}

impl Shape {
    fn of(word: &[char]) -> Option<Shape> {
        Some(Shape {
            first: *word.first()?,
            last: *word.last()?,
            len: word.len() as u32,
        })
    }
}

/// What a word near-missing a target has in common with it, hashed into bits: a word none of
/// whose keys' bits is set is near no target (see [`near_miss`]), which most words are told by
/// one or two bits. Two letters swapped keep the length, the first and last letters and the
/// letters themselves (the swap key); one or two edits keep the first letter and the last three
/// letters, two from ten letters on, and change the length by one at most (the edit keys, one
/// per length a word near the target can have).
struct NearMissFilter {
    bits: Vec<u64>,
}

impl NearMissFilter {
    const BITS: usize = 1 << 18;

    fn new<'a>(targets: impl Iterator<Item = &'a [char]>) -> NearMissFilter {
        let mut filter = NearMissFilter {
            bits: vec![0; NearMissFilter::BITS / 64],
        };
        for target in targets {
            let letters = Letters::of(target);
            filter.set(letters.swap_key());
            let len = target.len();
            for word_len in len.saturating_sub(1)..=len + 1 {
                if let Some(key) = letters.edit_key(word_len) {
                    filter.set(key);
                }
            }
        }
        filter
    }

    fn set(&mut self, key: u64) {
        let bit = key as usize % NearMissFilter::BITS;
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    fn has(&self, key: u64) -> bool {
        let bit = key as usize % NearMissFilter::BITS;
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// False when a folded word of these letters is surely near no target.
    fn admits(&self, word: &Letters) -> bool {
        self.has(word.swap_key()) || word.edit_key(word.len).is_some_and(|key| self.has(key))
    }
}

/// `f` of the characters of `s`, held on the stack when there are few (nearly always).
fn with_chars<R>(s: &str, f: impl FnOnce(&[char]) -> R) -> R {
    let mut buffer = [' '; 32];
    let mut n = 0;
    for c in s.chars() {
        if n == buffer.len() {
            return f(&s.chars().collect::<Vec<char>>());
        }
        buffer[n] = c;
        n += 1;
    }
    f(&buffer[..n])
}

/// What the keys of the near-miss filter are made of: a word's length, first letter, last
/// three letters (0 for the missing ones of a shorter word), and the sum and the xor of its
/// letters (as code points), which two letters swapped keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Letters {
    len: usize,
    first: u64,
    last: [u64; 3],
    sum: u64,
    xor: u64,
}

impl Letters {
    fn of(word: &[char]) -> Letters {
        let code = |i: Option<usize>| {
            let c = i.and_then(|i| word.get(i));
            u64::from(c.map_or(0, |&c| u32::from(c)))
        };
        let len = word.len();
        let (sum, xor) = word.iter().fold((0, 0), |(sum, xor), &c| {
            let c = u64::from(c);
            (sum + c, xor ^ c)
        });
        Letters {
            len,
            first: code(Some(0)),
            last: [
                code(len.checked_sub(3)),
                code(len.checked_sub(2)),
                code(len.checked_sub(1)),
            ],
            sum,
            xor,
        }
    }

    /// Length, first and last letters and the letters in any order, hashed.
    fn swap_key(&self) -> u64 {
        let ends = self.len as u64 | self.first << 6 | self.last[2] << 27;
        mix(ends, self.sum, self.xor)
    }

    /// For a word of `word_len` letters (seven or more) and a name with these letters, one or
    /// two edits from it: the length, the first letter and the last three letters (two from
    /// ten letters on), hashed.
    fn edit_key(&self, word_len: usize) -> Option<u64> {
        if word_len < 7 {
            return None;
        }
        let kept = if word_len <= 9 { 3 } else { 2 };
        if self.len < kept {
            return None;
        }
        let [a, b, c] = self.last;
        let (a, b, c) = if kept == 3 { (a, b, c) } else { (b, c, 0) };
        Some(mix(
            word_len as u64 | self.first << 6 | a << 27,
            b | c << 21,
            1,
        ))
    }
}

fn mix(a: u64, b: u64, c: u64) -> u64 {
    const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;
    let h = (a.wrapping_mul(MULTIPLIER) ^ b).wrapping_mul(MULTIPLIER) ^ c;
    let h = h.wrapping_mul(MULTIPLIER);
    h ^ (h >> 29)
}

pub(super) struct NearMiss {
    /// The folded forms of the targets, one after the other.
    chars: Vec<char>,
    /// Spellings and neighbouring words of the targets.
    text: String,
    /// Grouped by shape (a word written alike twice, as the short and the UN name often are,
    /// or folded alike, "Türkiye" and "Turkiye", is there twice: see [`NearMiss::order`]).
    targets: Vec<Target>,
    by_shape: FastMap<Shape, Range<u32>>,
    filter: NearMissFilter,
    /// The length of the longest target, in characters.
    longest: usize,
    stems: Stems,
    /// What only a near-miss needs, built the first time one is found: most documents have
    /// none, and most of the start-up went into these.
    rare: OnceLock<Rare>,
}

/// The words that make a near-miss no typo.
struct Rare {
    /// Words of places, organisations, people, honorifics and combining forms: a word that is
    /// one (or its plural) is no typo.
    known_words: KnownWords,
    /// Honorifics as written, without a final period ("Mr", "Dr", "Sheikha"): a word after one
    /// is a person's name.
    honorifics: FastSet<&'static str>,
}

impl Rare {
    fn new(registry: &Registry) -> Rare {
        Rare {
            known_words: KnownWords::new(registry),
            honorifics: word_list_entries("honorifics")
                .map(|h| h.trim_end_matches('.'))
                .collect(),
        }
    }
}

/// The targets as read from the registry, before they are grouped by shape.
#[derive(Default)]
struct Reading {
    chars: Vec<char>,
    text: String,
    targets: Vec<(Shape, Target)>,
    /// The words of the form being read, as written, and where their folds are in `folded`.
    parts: Vec<(Range<usize>, Range<usize>)>,
    folded: String,
}

impl NearMiss {
    /// The near-miss index of the correct forms of `forms`, the surface index of `registry`.
    pub fn new(registry: &Registry, forms: &SurfaceIndex) -> NearMiss {
        let mut read = Reading {
            chars: Vec::with_capacity(16 * 1024),
            text: String::with_capacity(16 * 1024),
            targets: Vec::with_capacity(2048),
            ..Reading::default()
        };
        let mut stems = Stems::new();
        for form in forms.forms() {
            for entry in form.entries {
                let Some(id) = entry.country.filter(|_| entry.role.is_correct()) else {
                    continue;
                };
                if registry.country(id).political {
                    continue;
                }
                read.add_targets(form.spelling(entry), form.folded, id, entry.seq);
                if entry.role == Role::Name && !entry.padded {
                    stems.add(form.folded, id);
                }
            }
        }
        let longest = read.targets.iter().map(|(s, _)| s.len as usize).max();
        let (chars, text, targets, by_shape) = read.group();
        let folded = |t: &Target| &chars[t.folded.start as usize..t.folded.end as usize];
        NearMiss {
            filter: NearMissFilter::new(targets.iter().map(folded)),
            chars,
            text,
            targets,
            by_shape,
            longest: longest.unwrap_or(0),
            stems,
            rare: OnceLock::new(),
        }
    }

    fn rare(&self, registry: &Registry) -> &Rare {
        self.rare.get_or_init(|| Rare::new(registry))
    }

    /// What a capitalised word that is no known form is likely to be, if anything. The words
    /// next to it are asked of `neighbours` only when it is a near-miss of some name.
    pub fn guess<'t>(
        &self,
        known: Known,
        word: &str,
        neighbours: impl Fn() -> Neighbours<'t>,
    ) -> Option<Guess> {
        if !self.may_guess(word) {
            return None;
        }
        let folded = FoldedWord::new(word);
        let folded = folded.as_str();
        let asked = OnceCell::new();
        let around = || *asked.get_or_init(&neighbours);
        // A near-miss first, which most words are not; what makes it none after.
        let guess = self
            .made_up_adjective(known.registry, folded)
            .or_else(|| self.typo(folded, known.forms, around))?;
        let after_an_honorific = around()
            .before
            .is_some_and(|b| self.rare(known.registry).honorifics.contains(b));
        (!after_an_honorific && !self.is_known_word(known, folded)).then_some(guess)
    }

    /// Whether a folded word is an ordinary English word.
    pub fn is_english(&self, folded: &str) -> bool {
        is_english_word(folded)
    }

    /// A capitalised word that is neither an English word nor a country's: a name of something
    /// else.
    fn is_other_name(&self, forms: &SurfaceIndex, word: &str) -> bool {
        let capitalised = word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().all(char::is_alphabetic)
            && word.chars().any(char::is_lowercase);
        if !capitalised {
            return false;
        }
        let folded = FoldedWord::new(word);
        let folded = folded.as_str();
        !is_english_word(folded) && !forms.is_correct(folded)
    }

    fn is_known_word(&self, known: Known, folded: &str) -> bool {
        let singular = folded
            .strip_suffix("es")
            .into_iter()
            .chain(folded.strip_suffix('s'));
        std::iter::once(folded).chain(singular).any(|w| {
            is_english_word(w)
                || known.forms.is_correct(w)
                || self.rare(known.registry).known_words.contains(w)
        })
    }

    /// Whether a word may be taken for anything: it looks like a name ([`looks_like_a_name`]) and
    /// is near some target, or is a made-up adjective by its stem. Told in one pass, without
    /// folding, when it is ASCII (nearly every word, and nearly none is either).
    fn may_guess(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        let mut lower = [0u8; 32];
        if bytes.len() < 5 {
            return false; // fewer than five characters
        }
        if bytes.len() > lower.len() || !bytes[0].is_ascii_uppercase() {
            return self.may_guess_folded(word);
        }
        // Folding ASCII letters is lowering them.
        let Some(summary) = swar::ascii_letters(bytes, &mut lower) else {
            // Something else than ASCII letters: no name if ASCII, else folded first.
            return !word.is_ascii() && self.may_guess_folded(word);
        };
        if !summary.any_lower {
            return false; // in capitals only
        }
        let lower = &lower[..bytes.len()];
        let code = |i: usize| u64::from(lower[i]);
        let n = lower.len();
        let letters = Letters {
            len: n,
            first: code(0),
            last: [code(n - 3), code(n - 2), code(n - 1)],
            sum: summary.sum,
            xor: summary.xor,
        };
        self.filter.admits(&letters) || self.made_up_from(lower).is_some()
    }

    /// [`NearMiss::may_guess`] for a word of other letters than ASCII (or a long one): folded,
    /// then told as [`NearMiss::guess`] tells it.
    fn may_guess_folded(&self, word: &str) -> bool {
        if !looks_like_a_name(word) {
            return false;
        }
        let folded = FoldedWord::new(word);
        let folded = folded.as_str();
        let near = with_chars(folded, |chars| self.filter.admits(&Letters::of(chars)));
        near || self.made_up_from(folded.as_bytes()).is_some()
    }

    /// The country whose name a folded word is made up from with an adjective's ending, and
    /// whether the ending is a plural's.
    fn made_up_from(&self, folded: &[u8]) -> Option<(CountryId, bool)> {
        // The word's last four bytes, last lowest: each ending is one compare.
        let tail = folded
            .iter()
            .rev()
            .take(4)
            .enumerate()
            .fold(0u32, |tail, (i, &b)| tail | u32::from(b) << (8 * i));
        PACKED_ENDINGS.iter().find_map(|&(len, packed, plural)| {
            let mask = u32::MAX >> (32 - 8 * len);
            if folded.len() < len || tail & mask != packed {
                return None;
            }
            let country = self.stems.country(&folded[..folded.len() - len])?;
            Some((country, plural))
        })
    }

    fn made_up_adjective(&self, registry: &Registry, folded: &str) -> Option<Guess> {
        let (country, plural) = self.made_up_from(folded.as_bytes())?;
        let fixes = adjectives_for(registry.country(country), folded, plural);
        (!fixes.is_empty()).then_some(Guess::MadeUpAdjective { country, fixes })
    }

    fn typo<'t>(
        &self,
        folded: &str,
        forms: &SurfaceIndex,
        around: impl Fn() -> Neighbours<'t>,
    ) -> Option<Guess> {
        if folded.chars().count() > self.longest + 1 {
            return None; // longer than any name by two or more: no near-miss
        }
        with_chars(folded, |word| self.typo_of_chars(word, forms, around))
    }

    fn typo_of_chars<'t>(
        &self,
        word: &[char],
        forms: &SurfaceIndex,
        around: impl Fn() -> Neighbours<'t>,
    ) -> Option<Guess> {
        let mut best: Option<(usize, Vec<&Target>)> = None;
        for (target, distance) in self.near_misses(word) {
            if !self.fits_beside(target, forms, around()) {
                continue;
            }
            match &mut best {
                Some((d, found)) if *d == distance => found.push(target),
                Some((d, _)) if *d < distance => {}
                _ => best = Some((distance, vec![target])),
            }
        }
        let (_, mut found) = best?;
        // The shorter first, then in the order of their folded forms; of targets alike (a
        // name written twice, "Türkiye" and "Turkiye"), the first in the registry.
        found.sort_by_key(|t| (self.order(t), t.seq));
        found.dedup_by(|a, b| self.order(a) == self.order(b));
        let mut fixes: Vec<String> = Vec::new();
        for t in &found {
            let spelling = self.str(&t.spelling);
            if !fixes.iter().any(|f| f == spelling) {
                fixes.push(spelling.to_string());
            }
        }
        fixes.truncate(3);
        Some(Guess::Typo {
            country: found[0].country,
            fixes,
        })
    }

    /// The targets a folded word is a near-miss of, with the distance; by length, then in the
    /// order of the forms. Only targets of the word's shape or one letter longer or shorter are
    /// compared, and only when the filter admits the word.
    fn near_misses<'a>(&'a self, word: &'a [char]) -> impl Iterator<Item = (&'a Target, usize)> {
        let shape = Shape::of(word).filter(|_| self.filter.admits(&Letters::of(word)));
        shape
            .into_iter()
            .flat_map(|shape| self.candidates(shape))
            .filter_map(|target| Some((target, near_miss(word, self.folded(target))?)))
    }

    /// The targets a word of `shape` may be a near-miss of: the same first and last letters,
    /// a length one less, the same or one more; by length, then in the order of the forms.
    fn candidates(&self, shape: Shape) -> impl Iterator<Item = &Target> {
        (shape.len.saturating_sub(1)..=shape.len + 1)
            .filter_map(move |len| self.by_shape.get(&Shape { len, ..shape }))
            .flat_map(|r| &self.targets[r.start as usize..r.end as usize])
    }

    /// Whether a target may be taken beside the words around the word: a word of a longer name
    /// only beside the rest of it, a name of one word not beside another name ("Paul Britton",
    /// "Vera Brittain": a person's name more likely than a typo of a country's).
    fn fits_beside(&self, target: &Target, forms: &SurfaceIndex, around: Neighbours) -> bool {
        match (&target.before, &target.after) {
            (None, None) => {
                let other_name = |w: &str| self.is_other_name(forms, w);
                let beside_a_name =
                    around.before.is_some_and(other_name) || around.after.is_some_and(other_name);
                !beside_a_name
            }
            (before, after) => {
                let next_to = |part: &Option<Range<u32>>, word: Option<&str>| {
                    part.as_ref()
                        .zip(word)
                        .is_some_and(|(part, word)| folds_to(word, self.str(part)))
                };
                next_to(before, around.before) || next_to(after, around.after)
            }
        }
    }

    /// The order in which near-misses at the same distance are offered: by length, folded form,
    /// country and neighbours. Targets alike in all of these count as one.
    fn order(&self, target: &Target) -> OrderKey<'_> {
        let folded = self.folded(target);
        let text = |r: &Option<Range<u32>>| r.as_ref().map(|r| self.str(r));
        (
            folded.len(),
            folded,
            target.country,
            text(&target.before),
            text(&target.after),
        )
    }

    fn folded(&self, target: &Target) -> &[char] {
        &self.chars[target.folded.start as usize..target.folded.end as usize]
    }

    fn str(&self, range: &Range<u32>) -> &str {
        &self.text[range.start as usize..range.end as usize]
    }
}

impl Reading {
    /// The words of a correct form worth guessing at, as targets. `folded` is the whole form
    /// folded: an ASCII form's words are folded there already.
    fn add_targets(&mut self, form: &str, folded: &str, id: CountryId, seq: u32) {
        let Reading {
            chars,
            text,
            targets,
            parts,
            folded: buffer,
        } = self;
        parts.clear();
        buffer.clear();
        // An ASCII form's words are where they are written in the folded form.
        let ascii = form.is_ascii() && folded.len() == form.len();
        let mut at = 0;
        while let Some(span) = next_word(form, at) {
            at = span.end;
            if ascii {
                parts.push((span.clone(), span));
            } else {
                let start = buffer.len();
                fold_into(&form[span.clone()], buffer);
                parts.push((span, start..buffer.len()));
            }
        }
        let source = if ascii { folded } else { buffer.as_str() };
        let alone = parts.len() == 1;
        let copy = |text: &mut String, s: &str| {
            let start = text.len() as u32;
            text.push_str(s);
            start..text.len() as u32
        };
        for (p, (written, at)) in parts.iter().enumerate() {
            let (written, folded) = (&form[written.clone()], &source[at.clone()]);
            if !worth_guessing(folded, written) {
                continue;
            }
            let start = chars.len();
            if folded.is_ascii() {
                chars.extend(folded.bytes().map(char::from));
            } else {
                chars.extend(folded.chars());
            }
            let Some(shape) = Shape::of(&chars[start..]) else {
                continue;
            };
            let folded = start as u32..chars.len() as u32;
            let spelling = copy(text, written);
            let mut neighbour = |i: usize| {
                let (_, at) = parts.get(i).filter(|_| !alone)?;
                Some(copy(text, &source[at.clone()]))
            };
            let before = p.checked_sub(1).and_then(&mut neighbour);
            let after = neighbour(p + 1);
            targets.push((
                shape,
                Target {
                    folded,
                    spelling,
                    country: id,
                    before,
                    after,
                    seq,
                },
            ));
        }
    }

    /// The targets grouped by shape, each group sorted by (folded form, country, neighbours)
    /// with the repeats left out (the short name and the UN name are often the same).
    fn group(self) -> (Vec<char>, String, Vec<Target>, FastMap<Shape, Range<u32>>) {
        let mut shapes: FastMap<Shape, u32> = FastMap::default();
        shapes.reserve(self.targets.len());
        let keyed: Vec<(u32, u32)> = self
            .targets
            .iter()
            .enumerate()
            .map(|(i, (shape, _))| {
                let next = shapes.len() as u32;
                (*shapes.entry(*shape).or_insert(next), i as u32)
            })
            .collect();
        let (order, groups) = group_by_key(&keyed, shapes.len());
        let targets = order
            .iter()
            .map(|&i| self.targets[i as usize].1.clone())
            .collect();
        let by_shape = shapes
            .into_iter()
            .map(|(shape, g)| (shape, groups[g as usize].clone()))
            .collect();
        (self.chars, self.text, targets, by_shape)
    }
}

/// A word of a name is a target when a typo of it would be noticed: long enough, capitalised,
/// not an ordinary word ("Republic", "Islands").
fn worth_guessing(folded: &str, written: &str) -> bool {
    if folded.is_ascii() && written.is_ascii() {
        // Most words of names: the same tests, byte by byte.
        let (bytes, written) = (folded.as_bytes(), written.as_bytes());
        return bytes.len() >= 5
            && bytes.iter().all(u8::is_ascii_alphabetic)
            && written.first().is_some_and(u8::is_ascii_uppercase)
            && written.iter().any(u8::is_ascii_lowercase)
            && !is_english_word(folded);
    }
    folded.chars().count() >= 5
        && folded.chars().all(char::is_alphabetic)
        && written.chars().next().is_some_and(char::is_uppercase)
        && written.chars().any(char::is_lowercase)
        && !is_english_word(folded)
}

/// The folded names a made-up adjective may start with, and whose they are: "Singapore" →
/// "Singapor-ian", "Ghana" → "Ghan-ian", "Mexico" → "Mexic-an". The first country (in the
/// registry's order) to give a stem keeps it.
struct Stems {
    stems: StrTable,
    countries: Vec<CountryId>,
}

impl Stems {
    fn new() -> Stems {
        Stems {
            stems: StrTable::with_capacity(1024, 8 * 1024),
            countries: Vec::with_capacity(1024),
        }
    }

    /// The stems of a country's folded name.
    fn add(&mut self, folded: &str, id: CountryId) {
        if folded.len() < 4 || !folded.bytes().all(|b| b.is_ascii_alphabetic()) {
            return;
        }
        if let Some(stem) = folded.strip_suffix(['e', 'a', 'o']) {
            self.add_stem(stem, id);
        }
        self.add_stem(folded, id);
    }

    fn add_stem(&mut self, stem: &str, id: CountryId) {
        let at = self.stems.insert(stem) as usize;
        match self.countries.get_mut(at) {
            Some(first) => *first = (*first).min(id),
            None => self.countries.push(id),
        }
    }

    fn country(&self, stem: &[u8]) -> Option<CountryId> {
        let at = self.stems.get(stem)?;
        self.countries.get(at as usize).copied()
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
            *to = fold_ascii(b);
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
        .chain(c.adjectives.iter().map(Str::as_str))
        .chain(c.demonyms.iter().map(Str::as_str))
}

/// A word that could be a misspelt name: capitalised, in letters only, not in capitals only, at
/// least five letters long.
pub(super) fn looks_like_a_name(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.len() < 5 {
        return false; // fewer than five characters
    }
    if bytes.iter().all(u8::is_ascii_alphabetic) {
        // Most words: the same tests, byte by byte.
        return bytes.len() >= 5
            && bytes[0].is_ascii_uppercase()
            && bytes.iter().any(u8::is_ascii_lowercase);
    }
    if word.is_ascii() {
        return false; // a digit or a mark among ASCII letters
    }
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().all(char::is_alphabetic)
        && word.chars().any(char::is_lowercase)
        && word.chars().count() >= 5
}

/// The distance between a word and a name when it is small enough, for the word's length, to be
/// a typo. Names that differ at the end are usually other names ("Georgina", "Ghani", "Gabor",
/// "Indiana", "Bolivar", "Jordaan"): apart from two swapped letters ("Britian"), the first
/// letter and the last three (two in a long name) must agree. The distance is Damerau's
/// (unrestricted); one edit is told without computing it, and two only when the letters allow.
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
    if n <= 9 || n.abs_diff(target.len()) > 1 {
        return (n <= 9 && one_edit_apart(word, target)).then_some(1);
    }
    if one_edit_apart(word, target) {
        return Some(1);
    }
    if !letters_allow_two_edits(word, target) {
        return None;
    }
    let distance = strsim::generic_damerau_levenshtein(word, target);
    (distance <= 2).then_some(distance)
}

/// Whether two different words are one insertion, deletion, substitution or swap of
/// neighbouring letters apart: Damerau distance 1.
fn one_edit_apart(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let at = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        0 => {
            let rest = |from: usize| short.get(from..) == long.get(from..);
            // One letter replaced, or two neighbours swapped.
            rest(at + 1)
                || (short.get(at) == long.get(at + 1)
                    && short.get(at + 1) == long.get(at)
                    && rest(at + 2))
        }
        1 => short.get(at..) == long.get(at + 1..),
        _ => false,
    }
}

/// Whether the letters of two words differ little enough for them to be two edits apart: an
/// edit changes at most two letters of the multiset (a swap none), so two edits at most four.
/// Letters are counted in 64 buckets; letters sharing one only make the difference smaller.
fn letters_allow_two_edits(a: &[char], b: &[char]) -> bool {
    let mut counts = [0i32; 64];
    a.iter().for_each(|&c| counts[c as usize % 64] += 1);
    b.iter().for_each(|&c| counts[c as usize % 64] -= 1);
    counts.iter().map(|c| c.unsigned_abs()).sum::<u32>() <= 4
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
    let mut pool: Vec<(usize, &Str)> = c
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
        if i == 0 || (*distance <= 3 && !fixes.iter().any(|f| f == *form)) {
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

/// The folded words of the names of something else that the registry and the word lists know:
/// places, organisations, people, honorifics, combining forms ("Sino", "Franco"), and the
/// spellings accepted here. They are asked about only for a near-miss, a few times in a
/// document at most: one buffer of them, each between line feeds, is searched rather than
/// indexed, which costs a fifth of a table of them to build.
struct KnownWords {
    /// Starts with a line feed, and each word is followed by one.
    text: Vec<u8>,
}

impl KnownWords {
    fn new(registry: &Registry) -> KnownWords {
        let mut known = KnownWords {
            text: Vec::with_capacity(64 * 1024),
        };
        known.text.push(b'\n');
        let mut buffer = String::new();
        for s in KnownWords::sources(registry) {
            known.add(s, &mut buffer);
        }
        known
    }

    /// The names whose words are known words.
    fn sources<'a>(registry: &'a Registry) -> impl Iterator<Item = &'a str> + 'a {
        let lists = ["place-names", "country-prefixes", "honorifics"];
        let organisations = registry
            .organisations
            .iter()
            .flat_map(|o| std::iter::once(&o.name).chain(&o.short));
        let people = registry
            .people
            .iter()
            .flat_map(|p| std::iter::once(&p.name).chain(&p.variants));
        let shipped = |s: &'static str| -> &'a str { s };
        lists
            .into_iter()
            .flat_map(word_list_entries)
            .chain(ACCEPTED.iter().copied())
            .map(shipped)
            .chain(organisations.chain(people).map(Str::as_str))
    }

    /// Adds the folded words of `s`, folded one by one in `buffer` unless `s` is ASCII.
    fn add(&mut self, s: &str, buffer: &mut String) {
        if s.is_ascii() {
            // The words are the runs of letters and digits, folded to lower case: copied, then
            // rewritten in place (a loop the compiler turns into vector code).
            let start = self.text.len();
            self.text.extend_from_slice(s.as_bytes());
            for b in &mut self.text[start..] {
                *b = if b.is_ascii_alphanumeric() {
                    b.to_ascii_lowercase()
                } else {
                    b'\n'
                };
            }
            self.text.push(b'\n');
            return;
        }
        let mut at = 0;
        while let Some(word) = next_word(s, at) {
            at = word.end;
            buffer.clear();
            fold_into(&s[word], buffer);
            self.text.extend_from_slice(buffer.as_bytes());
            self.text.push(b'\n');
        }
    }

    /// Whether `folded` is one of the words (no fold of a word holds a line feed).
    fn contains(&self, folded: &str) -> bool {
        let mut line = Vec::with_capacity(folded.len() + 2);
        line.push(b'\n');
        line.extend_from_slice(folded.as_bytes());
        line.push(b'\n');
        !folded.is_empty() && memchr::memmem::find(&self.text, &line).is_some()
    }
}

#[cfg(test)]
impl NearMiss {
    /// Whether the words that make a near-miss no typo were read.
    pub(super) fn rare_is_built(&self) -> bool {
        self.rare.get().is_some()
    }

    /// Reads them now, as a near-miss would.
    pub(super) fn build_rare(&self, registry: &Registry) {
        self.rare(registry);
    }
}

/// The embedded registry and its country forms, built once for the tests.
#[cfg(test)]
fn known() -> Known<'static> {
    static KNOWN: OnceLock<(std::sync::Arc<Registry>, SurfaceIndex)> = OnceLock::new();
    let (registry, forms) = KNOWN.get_or_init(|| {
        let registry = crate::rules::testing::registry();
        let forms = SurfaceIndex::new(&registry);
        (registry, forms)
    });
    Known { registry, forms }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::registry;

    fn near() -> &'static NearMiss {
        static NEAR: std::sync::OnceLock<NearMiss> = std::sync::OnceLock::new();
        NEAR.get_or_init(|| NearMiss::new(&registry(), known().forms))
    }

    fn guess(word: &str) -> Option<Guess> {
        near().guess(known(), word, Neighbours::default)
    }

    fn beside(before: Option<&str>) -> Neighbours<'_> {
        Neighbours {
            before,
            after: None,
        }
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
    fn a_name_written_two_ways_is_offered_once() {
        // "Türkiye" and "Turkiye" fold alike: the registry's first spelling is the fix.
        match guess("Tükriye") {
            Some(Guess::Typo { fixes, .. }) => assert_eq!(fixes, ["Türkiye"]),
            other => panic!("{other:?}"),
        }
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
        let near = near();
        for (wrong, fix) in [
            ("Qatarian", "Qatari"),
            ("Spainish", "Spanish"),
            ("Ghanian", "Ghanaian"),
            ("Thailandese", "Thai"),
        ] {
            match near.guess(known(), wrong, Neighbours::default) {
                Some(Guess::MadeUpAdjective { fixes, .. }) => {
                    assert!(fixes.contains(&fix.to_string()), "{wrong}: {fixes:?}")
                }
                other => panic!("{wrong}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_word_of_a_longer_name_needs_the_rest() {
        let near = near();
        assert!(matches!(
            near.guess(known(), "Herzegowina", || beside(Some("and"))),
            Some(Guess::Typo { .. })
        ));
        assert_eq!(
            near.guess(known(), "Herzegowina", || beside(Some("in"))),
            None
        );
    }

    /// Words one edit (and some two edits) from a target: a deletion, a swap of neighbours,
    /// a replaced or an added letter.
    fn variants(word: &[char]) -> Vec<Vec<char>> {
        let mut found = vec![word.to_vec()];
        for i in 0..word.len() {
            let mut deleted = word.to_vec();
            deleted.remove(i);
            found.push(deleted);
            if i + 1 < word.len() {
                let mut swapped = word.to_vec();
                swapped.swap(i, i + 1);
                found.push(swapped);
            }
            for c in ['a', 'e', 's'] {
                let mut replaced = word.to_vec();
                replaced[i] = c;
                found.push(replaced.clone());
                let mut added = word.to_vec();
                added.insert(i + 1, c);
                found.push(added);
                // A second edit further on.
                if let Some(j) = (i + 2 < replaced.len()).then_some(i + 2) {
                    replaced[j] = c;
                    found.push(replaced);
                }
            }
        }
        found
    }

    fn capitalise(word: &str) -> String {
        let mut chars = word.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    /// The near-misses of a word among all the targets, compared one by one, sorted. Only the
    /// targets with the word's first letter are compared: the others never are near-misses,
    /// and comparing them made the test slow.
    fn near_misses_by_comparing_all(
        near: &NearMiss,
        by_first: &FastMap<char, Vec<usize>>,
        word: &[char],
    ) -> Vec<(usize, usize)> {
        let same_first = word.first().and_then(|c| by_first.get(c));
        let mut found: Vec<(usize, usize)> = same_first
            .into_iter()
            .flatten()
            .filter_map(|&i| Some((i, near_miss(word, near.folded(&near.targets[i]))?)))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn the_fuzzy_index_finds_what_comparing_every_target_finds() {
        let near = near();
        let index_of = |t: &Target| {
            let at = (t as *const Target as usize - near.targets.as_ptr() as usize)
                / std::mem::size_of::<Target>();
            assert!(std::ptr::eq(&near.targets[at], t));
            at
        };
        let mut by_first: FastMap<char, Vec<usize>> = FastMap::default();
        for (i, t) in near.targets.iter().enumerate() {
            by_first.entry(near.folded(t)[0]).or_default().push(i);
        }
        let mut compared = 0;
        let mut near_missed = 0;
        for target in &near.targets {
            for word in variants(near.folded(target)) {
                let mut indexed: Vec<(usize, usize)> = near
                    .near_misses(&word)
                    .map(|(t, distance)| (index_of(t), distance))
                    .collect();
                indexed.sort_unstable();
                let all = near_misses_by_comparing_all(near, &by_first, &word);
                let written: String = word.iter().collect();
                assert_eq!(indexed, all, "{written}");
                // A word told apart before it is folded is no near-miss, nor made up.
                let capitalised = capitalise(&written);
                if !near.may_guess(&capitalised) {
                    assert!(all.is_empty(), "{capitalised}");
                    assert_eq!(near.made_up_from(written.as_bytes()), None, "{capitalised}");
                }
                compared += 1;
                near_missed += usize::from(!all.is_empty());
            }
        }
        // The variants do reach the interesting cases.
        assert!(
            compared > 50_000 && near_missed > 20_000,
            "{compared} {near_missed}"
        );
    }

    #[test]
    fn known_words_are_found_as_a_set_of_them_finds_them() {
        let registry = registry();
        let known = KnownWords::new(&registry);
        let set: FastSet<String> = KnownWords::sources(&registry)
            .flat_map(crate::text::words)
            .map(|(_, w)| fold(w))
            .collect();
        assert!(set.len() > 1000, "{}", set.len());
        for word in &set {
            assert!(known.contains(word), "{word}");
            // Words next to known ones: a letter less, one more, the first one changed.
            let mut chars = word.chars();
            let rest = chars.next().map_or("", |_| chars.as_str());
            let shorter = &word[..word.len() - word.chars().last().map_or(0, char::len_utf8)];
            for near in [shorter.to_string(), format!("{word}s"), format!("q{rest}")] {
                assert_eq!(known.contains(&near), set.contains(&near), "{near}");
            }
        }
        assert!(!known.contains(""));
    }

    #[test]
    fn one_edit_apart_is_damerau_distance_one() {
        // Every pair of words of up to five letters from three.
        let mut words: Vec<Vec<char>> = vec![Vec::new()];
        let mut last = vec![Vec::new()];
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|w: &Vec<char>| {
                    ['a', 'b', 'c'].map(|c| {
                        let mut w = w.clone();
                        w.push(c);
                        w
                    })
                })
                .collect();
            words.extend(last.iter().cloned());
        }
        for a in &words {
            for b in &words {
                let distance = strsim::generic_damerau_levenshtein(a, b);
                if a != b {
                    assert_eq!(one_edit_apart(a, b), distance == 1, "{a:?} {b:?}");
                }
                if distance <= 2 {
                    assert!(letters_allow_two_edits(a, b), "{a:?} {b:?}");
                }
            }
        }
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
        let near = NearMiss::new(&registry(), known().forms);
        let reported: Vec<String> = REAL
            .split_whitespace()
            .filter_map(|w| {
                near.guess(known(), w, Neighbours::default)
                    .map(|g| format!("{w}: {g:?}"))
            })
            .collect();
        assert!(reported.is_empty(), "{reported:#?}");
    }
}
