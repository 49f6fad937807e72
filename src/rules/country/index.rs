//! Every written form of every country — names, adjectives, former names, the misspellings and
//! wrong forms the registry lists — and the place names that must be left alone, grouped by
//! their first word. A document is read once: at each word start the longest form that ends on
//! a word boundary is taken ("Guinea-Bissau", not "Guinea"; "Democratic People's Republic of
//! Korea", not "Republic of Korea").
//!
//! Only the forms that share the word's first word can match there, so comparing those few,
//! longest first, finds what an anchored leftmost-longest automaton would, and costs nothing to
//! build: the automaton was a tenth of the start-up of `diplint check`.

use super::folded::Folded;
use crate::flat::{StrTable, group_by_key};
use crate::registry::{CountryId, Registry, word_list_entries};
use crate::swar;
use crate::text::fold_into;
use std::ops::Range;

/// What a written form is to the country it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// A correct name: short, official, UN or an accepted variant.
    Name,
    /// A correct adjective or demonym.
    Adjective,
    /// A name the state gave up (index into `Country::former`).
    Former(usize),
    /// An adjective that went with a former name.
    FormerAdjective(usize),
    Misspelling,
    WrongAdjective,
    WrongOfficial,
    /// A place or historical state that contains or looks like a country name: never a finding.
    Place,
}

impl Role {
    pub fn is_correct(self) -> bool {
        matches!(self, Role::Name | Role::Adjective)
    }

    fn is_former(self) -> bool {
        matches!(self, Role::Former(_) | Role::FormerAdjective(_))
    }

    /// Whether a form is right for some use: a name, an adjective, a former name or a place.
    pub fn is_right_somewhere(self) -> bool {
        !matches!(
            self,
            Role::Misspelling | Role::WrongAdjective | Role::WrongOfficial
        )
    }
}

/// One spelling of a form, with its country (none for places).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub country: Option<CountryId>,
    pub role: Role,
    /// As the registry writes it (space around it left out), in [`SurfaceIndex::spellings`].
    spelling: Range<u32>,
    /// The registry writes it with space around it.
    pub padded: bool,
    /// Its place among all the spellings, in the registry's order.
    pub seq: u32,
}

/// Everything that folds to one pattern, as the index holds it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Form<'a> {
    pub folded: &'a str,
    /// Only the entries of the strongest kind: correct forms win over places, places over
    /// former names, former names over wrong forms.
    pub entries: &'a [Entry],
    spellings: &'a str,
}

impl<'a> Form<'a> {
    pub fn role(&self) -> Role {
        self.entries.first().map_or(Role::Place, |e| e.role)
    }

    /// An entry's spelling, as the registry writes it.
    pub fn spelling(&self, entry: &Entry) -> &'a str {
        self.spellings
            .get(entry.spelling.start as usize..entry.spelling.end as usize)
            .unwrap_or_default()
    }

    /// Every spelling is an abbreviation in capitals ("US", "ROK", "F.Y.R.O.M."): the text must
    /// be written so too ("us" is a pronoun).
    pub fn acronym(&self) -> bool {
        self.entries
            .iter()
            .all(|e| !self.spelling(e).chars().any(char::is_lowercase))
    }

    /// The countries of the entries, each once, in their order.
    pub fn countries(&self) -> impl Iterator<Item = CountryId> + 'a {
        self.countries_of(None)
    }

    /// The countries this form is a name of (not an adjective), each once, in their order.
    pub fn named(&self) -> impl Iterator<Item = CountryId> + 'a {
        self.countries_of(Some(Role::Name))
    }

    /// The distinct countries of the entries of `role` (any role when `None`). A form has one
    /// or two entries: asking the earlier ones costs less than keeping the list.
    fn countries_of(&self, role: Option<Role>) -> impl Iterator<Item = CountryId> + 'a {
        let entries = self.entries;
        let of_role = move |e: &Entry| e.country.filter(|_| role.is_none_or(|r| r == e.role));
        entries.iter().enumerate().filter_map(move |(i, e)| {
            let c = of_role(e)?;
            (!entries[..i].iter().any(|x| of_role(x) == Some(c))).then_some(c)
        })
    }

    /// Whether some correct name or adjective is written so, with no space around it.
    fn correct_as_written(&self) -> bool {
        self.entries
            .iter()
            .any(|e| e.role.is_correct() && !e.padded)
    }
}

/// A form found in the prose.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    /// Byte range in the prose.
    pub span: Range<usize>,
    pub form: usize,
}

/// The forms in a few flat lists: the registry's 1,500 spellings cost a few allocations, not
/// several each.
pub(super) struct SurfaceIndex {
    /// The folded forms, a form's id its id here, then the first words of forms that are no
    /// form themselves.
    folded: StrTable,
    /// Per form: its entries in `entries`.
    forms: Vec<Range<u32>>,
    /// Grouped by form; a form's weaker entries are left out of its range.
    entries: Vec<Entry>,
    spellings: String,
    /// The length of the longest folded form: how far past a window the folding must read.
    longest: usize,
    /// The first words of the forms: a form that ends on a word boundary starts with the whole
    /// first word of the text it matches, so a word not one starts no mention.
    filter: FirstWordFilter,
    /// Per string of `folded` that is a first word: its forms in `by_first_word`, longest
    /// first (empty for the others).
    buckets: Vec<Range<u32>>,
    by_first_word: Vec<Candidate>,
}

/// The spellings read from the registry, before they are grouped into forms.
struct Spellings {
    folded: StrTable,
    /// Per spelling, in the registry's order: its form and entry.
    entries: Vec<(u32, Entry)>,
    text: String,
    buffer: String,
    /// Per form: the length of its first word.
    first_len: Vec<u32>,
}

impl Spellings {
    fn add(&mut self, written: &str, country: Option<CountryId>, role: Role) {
        let spelling = trim(written);
        self.buffer.clear();
        fold_into(spelling, &mut self.buffer);
        if self.buffer.is_empty() {
            return;
        }
        let form = self.folded.insert(&self.buffer);
        if form as usize == self.first_len.len() {
            // A new form: its first word, read now that it is at hand.
            self.first_len.push(first_word(&self.buffer).len() as u32);
        }
        let start = self.text.len() as u32;
        self.text.push_str(spelling);
        let padded = written.len() != spelling.len();
        let spelling = start..self.text.len() as u32;
        self.entries.push((
            form,
            Entry {
                country,
                role,
                spelling,
                padded,
                seq: self.entries.len() as u32,
            },
        ));
    }
}

impl SurfaceIndex {
    pub fn new(registry: &Registry) -> SurfaceIndex {
        let mut read = Spellings {
            folded: StrTable::with_capacity(2048, 32 * 1024),
            entries: Vec::with_capacity(4096),
            text: String::with_capacity(32 * 1024),
            buffer: String::new(),
            first_len: Vec::with_capacity(2048),
        };
        for (i, c) in registry.countries.iter().enumerate() {
            let id = Some(CountryId(i as u32));
            for name in c.names() {
                read.add(name, id, Role::Name);
            }
            for adjective in c.adjectives.iter().chain(&c.demonyms) {
                read.add(adjective, id, Role::Adjective);
            }
            for (f, former) in c.former.iter().enumerate() {
                read.add(&former.name, id, Role::Former(f));
                for adjective in &former.adjectives {
                    read.add(adjective, id, Role::FormerAdjective(f));
                }
            }
            for m in &c.misspellings {
                read.add(m, id, Role::Misspelling);
            }
            for m in &c.wrong_adjectives {
                read.add(m, id, Role::WrongAdjective);
            }
            for m in &c.wrong_official {
                read.add(m, id, Role::WrongOfficial);
            }
        }
        for place in word_list_entries("place-names") {
            read.add(place, None, Role::Place);
        }
        SurfaceIndex::from_spellings(read)
    }

    fn from_spellings(read: Spellings) -> SurfaceIndex {
        let Spellings {
            mut folded,
            entries: read_entries,
            text: spellings,
            first_len,
            mut buffer,
        } = read;
        let (mut entries, mut forms) = group_by_key(&read_entries, folded.len());
        for form in &mut forms {
            let group = &mut entries[form.start as usize..form.end as usize];
            let kept = keep_strongest(group, &spellings);
            form.end = form.start + kept as u32;
        }
        let longest = (0..folded.len() as u32)
            .map(|i| folded.str(i).len())
            .max()
            .unwrap_or(0);
        // Longest first within each first word: the groupings keep the order they are given.
        let by_length: Vec<(u32, u32)> = (0..forms.len() as u32)
            .map(|i| ((longest - folded.str(i).len()) as u32, i))
            .collect();
        let (longest_first, _) = group_by_key(&by_length, longest + 1);
        // A form of one word is its own first word; the others' go to the table after the
        // forms (as the form they are, when they are one).
        let firsts: Vec<(u32, u32)> = longest_first
            .into_iter()
            .filter(|&i| first_len[i as usize] > 0)
            .map(|i| {
                let (form, len) = (folded.str(i), first_len[i as usize] as usize);
                if len == form.len() {
                    return (i, i);
                }
                buffer.clear();
                buffer.push_str(&form[..len]);
                (folded.insert(&buffer), i)
            })
            .collect();
        let (by_first_word, buckets) = group_by_key(&firsts, folded.len());
        let by_first_word = by_first_word
            .into_iter()
            .map(|i| Candidate::new(folded.str(i), first_len[i as usize], i))
            .collect();
        SurfaceIndex {
            filter: FirstWordFilter::new(&folded, &buckets),
            folded,
            forms,
            entries,
            spellings,
            longest,
            buckets,
            by_first_word,
        }
    }

    pub fn len(&self) -> usize {
        self.forms.len()
    }

    pub fn form(&self, i: usize) -> Form<'_> {
        let entries = &self.forms[i];
        Form {
            folded: self.folded.str(i as u32),
            entries: &self.entries[entries.start as usize..entries.end as usize],
            spellings: &self.spellings,
        }
    }

    pub fn forms(&self) -> impl Iterator<Item = Form<'_>> {
        (0..self.len()).map(|i| self.form(i))
    }

    /// Whether `folded` is the fold of a correct name or adjective as the registry writes it
    /// (not of one written with space around it, which no word of a text folds to).
    pub fn is_correct(&self, folded: &str) -> bool {
        let form = self
            .folded
            .get(folded)
            .filter(|&i| (i as usize) < self.len());
        form.is_some_and(|i| self.form(i as usize).correct_as_written())
    }

    /// Every form in the prose, left to right, none overlapping.
    pub fn mentions(&self, prose: &str) -> Vec<Mention> {
        // What follows a form's last character decides whether it ends a word: the margin
        // holds a form and the character after it.
        let margin = self.longest + 8;
        Folded::with_buffers(|folded| {
            let mut found = Vec::new();
            let mut from = 0;
            while from < prose.len() {
                let next = folded.fold_window(prose, from, margin);
                let last_end = self.mentions_in_window(folded, &mut found);
                // A form read into the margin: the next window starts after it.
                from = next.max(last_end);
            }
            found
        })
    }

    /// The forms starting in the window's own part, added to `found`; returns the prose end
    /// of the last one (0 when there is none).
    fn mentions_in_window(&self, folded: &Folded, found: &mut Vec<Mention>) -> usize {
        let text = folded.text();
        let mut last_end = 0;
        let mut at = 0;
        while let Some(word) = next_word(text, at) {
            if word.start >= folded.own() {
                break;
            }
            at = word.end;
            let bytes = &text.as_bytes()[word.clone()];
            if !self.filter.may_start_a_form(bytes) {
                continue;
            }
            let Some(first) = self.folded.get(bytes) else {
                continue;
            };
            if let Some((form, end)) = self.longest_at(text, word.clone(), first) {
                let span = folded.prose_span(word.start..end);
                last_end = span.end;
                found.push(Mention { span, form });
                // A form ends where a word ends or a word starts: the next is read from there.
                at = end;
            }
        }
        last_end
    }

    /// The longest form that starts at `word`, a word of the first-word bucket `first`, and
    /// ends on a word boundary ("Guinea" is no form in "Guineans"): its id and end.
    fn longest_at(&self, text: &str, word: Range<usize>, first: u32) -> Option<(usize, usize)> {
        let rest = text.get(word.start..)?;
        let (after, _) = first_eight(text.as_bytes().get(word.end..).unwrap_or_default());
        let bucket = self.buckets.get(first as usize)?;
        self.by_first_word[bucket.start as usize..bucket.end as usize]
            .iter()
            .filter(|c| after & c.mask == c.after)
            .find_map(|c| {
                let form = self.folded.str(c.form);
                let end = word.start + form.len();
                (rest.starts_with(form) && ends_word(text, end)).then_some((c.form as usize, end))
            })
    }
}

/// A form in its first word's bucket, with the (up to) eight bytes that follow the first word
/// in it: most forms of a bucket ("the Gambia", "the Netherlands" ...) differ from the text
/// right there, which a compare of two words tells.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    form: u32,
    after: u64,
    /// The bytes of `after` that are the form's.
    mask: u64,
}

impl Candidate {
    /// The candidate for the form `folded`, whose first word is `first_len` bytes long.
    fn new(folded: &str, first_len: u32, form: u32) -> Candidate {
        let after = folded.as_bytes().get(first_len as usize..);
        let (after, mask) = first_eight(after.unwrap_or_default());
        Candidate { form, after, mask }
    }
}

/// `s` without the white space around it; most spellings have none, which two bytes tell.
fn trim(s: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b.is_ascii());
    if plain(s.as_bytes().first()) && plain(s.as_bytes().last()) {
        return s;
    }
    s.trim()
}

/// The first eight bytes of `bytes` as a little-endian word (zeros past the end), and the mask
/// of those that are there.
fn first_eight(bytes: &[u8]) -> (u64, u64) {
    if let Some(eight) = bytes.first_chunk::<8>() {
        return (u64::from_le_bytes(*eight), u64::MAX);
    }
    let mut eight = [0u8; 8];
    eight[..bytes.len()].copy_from_slice(bytes);
    let mask = (1u64 << (8 * bytes.len())) - 1;
    (u64::from_le_bytes(eight), mask)
}

/// What a byte of folded text is to [`next_word`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteKind {
    /// An ASCII letter or digit.
    Word,
    /// Other ASCII.
    Gap,
    /// A byte of another character: decoded to tell.
    Other,
}

static BYTE_KINDS: [ByteKind; 256] = {
    let mut table = [ByteKind::Other; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = if (b as u8).is_ascii_alphanumeric() {
            ByteKind::Word
        } else {
            ByteKind::Gap
        };
        b += 1;
    }
    table
};

fn kind(b: u8) -> ByteKind {
    BYTE_KINDS[usize::from(b)]
}

/// The next word of `text` from `from` (a char boundary): a run of letters and digits, as
/// [`crate::text::words`] cuts them. ASCII is read byte by byte, other characters decoded.
#[inline(always)]
pub(super) fn next_word(text: &str, from: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut at = from;
    let start = loop {
        let &b = bytes.get(at)?;
        match kind(b) {
            ByteKind::Word => break at,
            ByteKind::Gap => {
                at += 1;
                continue;
            }
            ByteKind::Other => {}
        }
        let c = text.get(at..)?.chars().next()?;
        if c.is_alphanumeric() {
            break at;
        }
        at += c.len_utf8();
    };
    loop {
        at = swar::ascii_word_end(bytes, at);
        if bytes.get(at).is_none_or(|&b| kind(b) == ByteKind::Gap) {
            break;
        }
        match text.get(at..).and_then(|rest| rest.chars().next()) {
            Some(c) if c.is_alphanumeric() => at += c.len_utf8(),
            _ => break,
        }
    }
    Some(start..at)
}

/// The first words, as bits set by their first three bytes and length: most words of a text
/// are told to start no form by one bit, without hashing them whole.
struct FirstWordFilter {
    bits: Vec<u64>,
}

impl FirstWordFilter {
    const BITS: u32 = 16;

    /// The filter of the strings of `words` whose bucket has forms.
    fn new(words: &StrTable, buckets: &[Range<u32>]) -> FirstWordFilter {
        let mut filter = FirstWordFilter {
            bits: vec![0; (1 << FirstWordFilter::BITS) / 64],
        };
        for (i, _) in buckets.iter().enumerate().filter(|(_, b)| !b.is_empty()) {
            let bit = FirstWordFilter::bit(words.str(i as u32).as_bytes());
            filter.bits[bit / 64] |= 1 << (bit % 64);
        }
        filter
    }

    #[inline(always)]
    fn bit(word: &[u8]) -> usize {
        let byte = |i: usize| u64::from(word.get(i).copied().unwrap_or(0));
        let key = byte(0) | byte(1) << 8 | byte(2) << 16 | (word.len() as u64) << 24;
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - FirstWordFilter::BITS)) as usize
    }

    /// False when `word` is surely no first word.
    #[inline(always)]
    fn may_start_a_form(&self, word: &[u8]) -> bool {
        let bit = FirstWordFilter::bit(word);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// Correct forms win; then places; then former names; then the wrong forms. Of equal entries
/// (same country, role and spelling) the first stays, written with space around it only if
/// all were. The entries kept are moved to the front, in their order; returns how many.
fn keep_strongest(entries: &mut [Entry], spellings: &str) -> usize {
    if entries.len() < 2 {
        return entries.len(); // nearly every form
    }
    let rank = |r: Role| -> u8 {
        if r.is_correct() {
            0
        } else if r == Role::Place {
            1
        } else if r.is_former() {
            2
        } else {
            3
        }
    };
    let best = entries.iter().map(|e| rank(e.role)).min().unwrap_or(3);
    let spelling = |e: &Entry| &spellings[e.spelling.start as usize..e.spelling.end as usize];
    let mut kept = 0;
    for i in 0..entries.len() {
        if rank(entries[i].role) != best {
            continue;
        }
        let (before, rest) = entries.split_at_mut(i);
        let e = &rest[0];
        let same = |k: &&mut Entry| {
            k.country == e.country && k.role == e.role && spelling(k) == spelling(e)
        };
        match before[..kept].iter_mut().find(same) {
            Some(first) => first.padded &= e.padded,
            None => {
                entries.swap(kept, i);
                kept += 1;
            }
        }
    }
    kept
}

/// The run of letters and digits that `text` starts with.
fn first_word(text: &str) -> &str {
    match next_word(text, 0) {
        Some(word) if word.start == 0 => &text[word],
        _ => "",
    }
}

/// Whether a match ending at `end` ends a word: what follows is no letter or digit, or the
/// match itself ends in punctuation ("U.S.").
fn ends_word(text: &str, end: usize) -> bool {
    let next_is_alnum = text[end..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric);
    let last_is_alnum = text[..end]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    !next_is_alnum || !last_is_alnum
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::registry;

    fn found(text: &str) -> Vec<(String, Role)> {
        let index = SurfaceIndex::new(&registry());
        index
            .mentions(text)
            .into_iter()
            .map(|m| (text[m.span].to_string(), index.form(m.form).role()))
            .collect()
    }

    #[test]
    fn longest_form_wins() {
        let f = found("Guinea-Bissau and the Democratic People’s Republic of Korea met Guinea.");
        assert_eq!(
            f,
            vec![
                ("Guinea-Bissau".to_string(), Role::Name),
                (
                    "Democratic People’s Republic of Korea".to_string(),
                    Role::Name
                ),
                ("Guinea".to_string(), Role::Name),
            ]
        );
    }

    #[test]
    fn word_boundaries_are_kept() {
        let f = found("Indianapolis, Omani, Japan’s, Nigerienne");
        let texts: Vec<_> = f.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, vec!["Omani", "Japan"]);
    }

    #[test]
    fn a_paragraph_longer_than_a_window_gives_each_sentence_its_mentions() {
        let index = SurfaceIndex::new(&registry());
        let sentence = "The Democratic People’s Republic of Korea, Côte d’Ivoire, the \
            Phillipines and Guinea-Bissau met the United States of America in São Tomé.";
        let once = index.mentions(sentence);
        assert_eq!(once.len(), 6);
        // Windows end at different places of the sentence: inside the long names too.
        let text = [sentence; 2000].join(" ");
        let all = index.mentions(&text);
        assert_eq!(all.len(), once.len() * 2000);
        for (i, m) in all.iter().enumerate() {
            let shift = (i / once.len()) * (sentence.len() + 1);
            let expected = &once[i % once.len()];
            assert_eq!(m.span.start, expected.span.start + shift, "{i}");
            assert_eq!(m.span.end, expected.span.end + shift, "{i}");
            assert_eq!(m.form, expected.form, "{i}");
        }
    }

    #[test]
    fn places_and_wrong_forms_are_kept_apart() {
        let f = found("Columbia University, the Phillipines and the Qatarian side");
        assert_eq!(f[0], ("Columbia University".to_string(), Role::Place));
        assert_eq!(f[1], ("Phillipines".to_string(), Role::Misspelling));
        assert_eq!(f[2], ("Qatarian".to_string(), Role::WrongAdjective));
    }
}
