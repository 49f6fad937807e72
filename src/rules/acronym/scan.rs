//! Finding acronyms in the prose, and telling them from what only looks like one: headings and
//! agency credits in capitals ("SOURCE: KYODO"), roman numerals ("World War II"), a time of day
//! ("6 PM"), family names in capitals ("Mr. SUGA Yoshihide"), shouted words and country codes.

use super::facts::Mention;
use super::index::Index;
use crate::document::position::floor_char_boundary;
use crate::hash::{FastMap, FastSet};
use crate::swar;
use crate::text::fold;
use std::ops::Range;

/// News agencies, time zones, currencies and company forms: written in capitals, never spelt
/// out in a report.
const NOT_SPELT_OUT: &[&str] = &[
    // agencies
    "AAP", "AFP", "ANI", "ANSA", "ANTARA", "AP", "BERNAMA", "DPA", "EFE", "IANS", "IRNA", "JIJI",
    "KCNA", "KUNA", "KYODO", "NHK", "PTI", "REUTERS", "RIA", "TASS", "UPI", "VNA", "WAM", "XINHUA",
    "YONHAP", // time zones
    "AEDT", "AEST", "BST", "CEST", "CET", "EDT", "EEST", "EET", "EST", "GMT", "HKT", "JST", "KST",
    "MSK", "PDT", "PST", "SGT", "UTC", // currencies
    "AUD", "CAD", "CHF", "CNY", "EUR", "GBP", "HKD", "INR", "JPY", "KRW", "RMB", "RUB", "SGD",
    "USD", // company forms
    "GMBH", "INC", "JSC", "LLC", "LLP", "LTD", "PJSC", "PLC",
];

/// Labels after which a line credits a source: "SOURCE: KYODO", "Photo: AFP".
const CREDIT_LABELS: &[&str] = &["source:", "photo:", "credit:", "credits:", "image:", "via:"];

/// The last word of a title, written before a name: "Foreign Minister WANG Yi".
const TITLES_BEFORE_NAMES: &[&str] = &[
    "Ambassador",
    "Chair",
    "Chairman",
    "Chancellor",
    "Counsellor",
    "Director",
    "Envoy",
    "General",
    "Governor",
    "Mayor",
    "Minister",
    "Premier",
    "President",
    "Secretary",
    "Spokesperson",
];

/// The acronyms of a paragraph, and the capitals that are family names in it.
pub(super) struct Found {
    /// In order.
    pub mentions: Vec<Mention>,
    /// One span for each different name.
    pub names: Vec<Range<usize>>,
}

/// Every acronym of `text`, in order.
pub(super) fn mentions(text: &str, index: &Index) -> Found {
    // Ordinary words ("the", "Minister") are most tokens and can be nothing this check looks
    // for (an acronym, a family name in capitals, a country code): they are passed over here,
    // without being kept or looked up. So are numbers and other tokens without a capital,
    // unless the registry lists such an acronym.
    let tokens = if index.has_caseless_acronyms() {
        Tokens::new(text)
    } else {
        Tokens::with_capitals(text)
    };
    let capitals: Vec<Token> = tokens
        .filter(|t| !t.is_ordinary_word() && (t.upper > 0 || index.has_caseless_acronyms()))
        .collect();
    if capitals.is_empty() {
        return Found {
            mentions: Vec::new(),
            names: Vec::new(),
        };
    }
    let names = names_in_capitals(text, &capitals, index);
    let codes = country_code_lists(text, &capitals, index);
    let mut lines = None;
    let mut headings = FastMap::default();
    let mentions = capitals
        .into_iter()
        .enumerate()
        .filter_map(|(i, token)| Some((i, classify(text, token, index)?)))
        .filter(|(i, m)| !names.contains_key(&text[m.span.at(0)]) && !codes.contains(i))
        .map(|(_, m)| m)
        .filter(|m| {
            let span = m.span.at(0);
            let line = lines
                .get_or_insert_with(|| Lines::new(text))
                .around(span.start);
            let credited = || is_credit(text, &line, &span) || is_dateline(text, &line, &span);
            !is_heading(text, &line, &mut headings)
                && !is_time_of_day(text, &span)
                && (m.entry().is_some() || !credited())
        })
        .collect();
    Found {
        mentions,
        names: names.into_values().collect(),
    }
}

/// A token and how it is written: its capitals, small letters and digits.
struct Token {
    span: Range<usize>,
    upper: usize,
    lower: usize,
    has_digit: bool,
    /// Every character is a capital.
    all_upper: bool,
}

impl Token {
    /// A token whose characters are counted in `shape`.
    fn with(span: Range<usize>, shape: Shape) -> Token {
        Token {
            span,
            upper: shape.upper as usize,
            lower: shape.lower as usize,
            has_digit: shape.digit,
            all_upper: shape.upper == shape.chars,
        }
    }

    /// "the", "Minister": no acronym, whatever the registry lists.
    fn is_ordinary_word(&self) -> bool {
        self.lower > 0 && (self.upper == 0 || (self.upper == 1 && !self.has_digit))
    }
}

/// The capitals, small letters, characters and digits of a token, counted as it is read.
#[derive(Debug, Default, Clone, Copy)]
struct Shape {
    upper: u32,
    lower: u32,
    chars: u32,
    digit: bool,
}

impl Shape {
    fn of(written: &str) -> Shape {
        let mut shape = Shape::default();
        for c in written.chars() {
            shape.add(c);
        }
        shape
    }

    fn add(&mut self, c: char) {
        self.chars += 1;
        self.upper += u32::from(c.is_uppercase());
        self.lower += u32::from(c.is_lowercase());
        self.digit |= c.is_ascii_digit();
    }

    /// A run of ASCII letters and digits, `chars` long, whose [`ASCII_COUNTS`] add up to
    /// `counts`.
    fn add_ascii_run(&mut self, counts: u64, chars: usize) {
        let field = |shift: u32| ((counts >> shift) & FIELD_MASK) as u32;
        // A run is counted in pieces of at most `MAX_PIECE` bytes: `chars` fits in a u32.
        self.chars += chars as u32;
        self.upper += field(UPPER_SHIFT);
        self.lower += field(LOWER_SHIFT);
        self.digit |= field(DIGIT_SHIFT) != 0;
    }
}

/// The ASCII letters and digits are counted by adding one number a byte: a field each for
/// capitals, small letters and digits, each wide enough for [`MAX_PIECE`].
const UPPER_SHIFT: u32 = 0;
const LOWER_SHIFT: u32 = 21;
const DIGIT_SHIFT: u32 = 42;
const FIELD_MASK: u64 = (1 << 21) - 1;
/// The longest piece of a run counted in one go: its counts stay inside their fields.
const MAX_PIECE: usize = (1 << 21) - 1;

/// What each byte adds to the counts of a run of ASCII letters and digits; 0 for any other
/// byte (the rest of ASCII, and the bytes beyond it, which are decoded).
static ASCII_COUNTS: [u64; 256] = {
    let mut counts = [0; 256];
    let mut b = 0;
    while b < 128 {
        counts[b] = match b as u8 {
            b'A'..=b'Z' => 1 << UPPER_SHIFT,
            b'a'..=b'z' => 1 << LOWER_SHIFT,
            b'0'..=b'9' => 1 << DIGIT_SHIFT,
            _ => 0,
        };
        b += 1;
    }
    counts
};

/// Where the lines of a text start, to find the line of an offset without scanning back.
struct Lines {
    starts: Vec<usize>,
    len: usize,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines {
            starts,
            len: text.len(),
        }
    }

    /// The line holding `at`, without its line break.
    fn around(&self, at: usize) -> Range<usize> {
        let i = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
        let start = self.starts[i];
        let end = self.starts.get(i + 1).map_or(self.len, |&next| next - 1);
        start..end.max(start)
    }
}

/// The spans of the letter-and-digit runs of a text, with the dotted forms ("U.S."), numbers
/// ("COVID-19", "G-20") and ampersands ("R&D") that belong to an acronym.
struct Tokens<'t> {
    text: &'t str,
    at: usize,
    /// Only the tokens that hold a capital and are no ordinary word are wanted.
    capitals_only: bool,
}

impl<'t> Tokens<'t> {
    /// Every token of `text`.
    fn new(text: &'t str) -> Tokens<'t> {
        Tokens {
            text,
            at: 0,
            capitals_only: false,
        }
    }

    /// Every token of `text` that holds a capital and is no ordinary word ("Minister"), and a
    /// few others. Most of prose is small words: the text is read eight bytes at a time to its
    /// next capital (or character beyond ASCII), and only the word that holds it is cut.
    fn with_capitals(text: &'t str) -> Tokens<'t> {
        Tokens {
            capitals_only: true,
            ..Tokens::new(text)
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let text = self.text;
        let bytes = text.as_bytes();
        if self.capitals_only {
            loop {
                // No token that holds a capital is passed over: the bytes up to the next are
                // small letters, digits and ASCII punctuation, so the tokens there have none.
                let capital = swar::next_capital_or_other(bytes, self.at)?;
                let start = joined_start(bytes, self.at, capital);
                match capitalised_word_end(bytes, start) {
                    // "Minister": an ordinary word, passed over as one.
                    Some(end) if start == capital => self.at = end,
                    _ => {
                        self.at = start;
                        break;
                    }
                }
            }
        }
        // Past what is not a letter or a digit, a byte at a time where it is ASCII.
        loop {
            let &b = bytes.get(self.at)?;
            if ASCII_COUNTS[usize::from(b)] != 0 {
                break;
            }
            if b.is_ascii() {
                self.at += 1;
                continue;
            }
            let c = text[self.at..].chars().next()?;
            if c.is_alphanumeric() {
                break;
            }
            self.at += c.len_utf8();
        }
        let start = self.at;
        if let Some(end) = dotted_end(text, start) {
            self.at = end;
            return Some(Token::with(start..end, Shape::of(&text[start..end])));
        }
        // Most tokens are one run of letters, counted as it is read; the few that join more
        // ("COVID-19", "R&D") are counted again whole.
        let (run, mut shape) = run_end(text, start);
        let end = joined_end(text, run);
        if end != run {
            shape = Shape::of(&text[start..end]);
        }
        self.at = end;
        Some(Token::with(start..end, shape))
    }
}

/// The end of the token at `at` if it is an ASCII capital and small letters, which nothing joins
/// to more ("Minister", not "Mr" of "Mr.", "Ab" of "Ab-12" or "Ab&C").
fn capitalised_word_end(bytes: &[u8], at: usize) -> Option<usize> {
    if !bytes.get(at)?.is_ascii_uppercase() {
        return None;
    }
    let small = bytes[at + 1..]
        .iter()
        .take_while(|b| b.is_ascii_lowercase())
        .count();
    let end = at + 1 + small;
    let ends_plainly = bytes
        .get(end)
        .is_none_or(|&b| b.is_ascii() && !b.is_ascii_alphanumeric() && b != b'-' && b != b'&');
    (small > 0 && ends_plainly).then_some(end)
}

/// Where the token holding the byte at `at` starts, or a token before it in the same word
/// ("ab-12&CD", which [`joined_end`] may join), looking back no further than `floor`: a token
/// boundary. Between `floor` and `at` is ASCII only.
fn joined_start(bytes: &[u8], floor: usize, at: usize) -> usize {
    let mut start = at;
    loop {
        while start > floor && bytes[start - 1].is_ascii_alphanumeric() {
            start -= 1;
        }
        let joined = start >= floor + 2
            && matches!(bytes[start - 1], b'-' | b'&')
            && bytes[start - 2].is_ascii_alphanumeric();
        if !joined {
            return start;
        }
        start -= 2;
    }
}

/// The end of "U.S.", "U.S.A." starting at `i`: two or more capitals, each followed by a period.
fn dotted_end(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut j = i;
    while bytes.get(j).is_some_and(u8::is_ascii_uppercase) && bytes.get(j + 1) == Some(&b'.') {
        j += 2;
    }
    let letters = (j - i) / 2;
    (letters >= 2 && !starts_alphanumeric(text, j)).then_some(j)
}

/// Whether a letter or digit starts at `at`.
fn starts_alphanumeric(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[at..].chars().next().is_some_and(char::is_alphanumeric),
    }
}

/// The end of the run of letters and digits from `from`, and how it is written. Inlined: it
/// reads most of every word, and its counts then stay in registers.
#[inline(always)]
fn run_end(text: &str, from: usize) -> (usize, Shape) {
    let bytes = text.as_bytes();
    let mut shape = Shape::default();
    let mut at = from;
    loop {
        at = ascii_run_end(bytes, at, &mut shape);
        // Past ASCII, a letter or digit of any script carries the run on.
        if bytes.get(at).is_none_or(u8::is_ascii) {
            return (at, shape);
        }
        match text.get(at..).and_then(|rest| rest.chars().next()) {
            Some(c) if c.is_alphanumeric() => {
                shape.add(c);
                at += c.len_utf8();
            }
            _ => return (at, shape),
        }
    }
}

/// The end of the run of ASCII letters and digits from `from`, counted into `shape`: a table
/// look and an add a byte, most of every word.
#[inline(always)]
fn ascii_run_end(bytes: &[u8], from: usize, shape: &mut Shape) -> usize {
    let mut at = from;
    loop {
        let piece = bytes
            .get(at..bytes.len().min(at.saturating_add(MAX_PIECE)))
            .unwrap_or(&[]);
        let mut counts = 0;
        let mut len = 0;
        for &b in piece {
            let add = ASCII_COUNTS[usize::from(b)];
            if add == 0 {
                break;
            }
            counts += add;
            len += 1;
        }
        shape.add_ascii_run(counts, len);
        at += len;
        if len < MAX_PIECE {
            return at;
        }
    }
}

/// The end of a word whose first run ends at `end`, with a "-19" or "&D" that continues it.
fn joined_end(text: &str, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    let run_end = |from| run_end(text, from).0;
    loop {
        let joined = match bytes.get(end) {
            Some(b'-') => {
                let digits = bytes[end + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                let whole = digits > 0 && run_end(end + 1) == end + 1 + digits;
                whole.then(|| end + 1 + digits)
            }
            Some(b'&') => text[end + 1..]
                .starts_with(|c: char| c.is_uppercase())
                .then(|| run_end(end + 1)),
            _ => None,
        };
        match joined {
            Some(next) => end = next,
            None => return end,
        }
    }
}

/// Whether a token is an acronym, and which.
fn classify(text: &str, token: Token, index: &Index) -> Option<Mention> {
    let Token {
        span,
        upper,
        lower,
        has_digit,
        ..
    } = token;
    let written = &text[span.clone()];
    let plural = written
        .strip_suffix('s')
        .filter(|stem| stem.chars().count() >= 2 && upper >= 2 && lower == 1);
    let base = numbered_base(plural.unwrap_or(written)).filter(|b| index.is_numbered_series(b));
    let exact = index.acronym(written);
    let (key, entry) = if exact.is_some() {
        (plural.unwrap_or(written), exact)
    } else if let Some(stem) = plural {
        (stem, index.acronym(stem))
    } else if let Some(found) = base.and_then(|b| index.acronym(b)) {
        (base.unwrap_or(written), Some(found))
    } else {
        (written, None)
    };
    let mention = |weak| Some(Mention::new(span.clone(), key.len(), entry, weak));
    if entry.is_some() {
        // "Quad" is in the registry, but a capitalised word is no acronym to track.
        return (lower == 0 || upper >= 2 || (has_digit && upper >= 1))
            .then(|| mention(false))
            .flatten();
    }
    // "H.E.", "D.C.", "P5", "Q&A", "AT&T": abbreviations, numbered groups and company names
    // that the registry does not list are left alone, and so are parts of document symbols
    // ("S/RES/2231").
    let symbol_part = text[..span.start].ends_with('/') || text[span.end..].starts_with('/');
    if written.contains(['.', '&'])
        || has_digit
        || symbol_part
        || upper < 2
        || NOT_SPELT_OUT.contains(&written)
    {
        return None;
    }
    if lower > 0 && plural.is_none() {
        // "CoRe", "McDonald": an acronym only where the document spells it out.
        return mention(true);
    }
    let weak = is_roman_numeral(key) || index.is_english(key) || index.is_country_code(key);
    mention(weak)
}

/// "COP26" → "COP": an acronym with a number the registry may not list ("PM2" is not "PM",
/// the caller checks that the letters name a numbered series).
fn numbered_base(written: &str) -> Option<&str> {
    let base = written
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end_matches('-');
    let letters = base.chars().count();
    (base.len() < written.len() && letters >= 2 && base.chars().all(|c| c.is_ascii_uppercase()))
        .then_some(base)
}

fn is_roman_numeral(token: &str) -> bool {
    fn value(c: char) -> Option<u32> {
        Some(match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            'D' => 500,
            'M' => 1000,
            _ => return None,
        })
    }
    let Some(values) = token.chars().map(value).collect::<Option<Vec<u32>>>() else {
        return false;
    };
    let mut total: i64 = 0;
    for (i, &v) in values.iter().enumerate() {
        let next = values.get(i + 1).copied().unwrap_or(0);
        if v < next {
            total -= i64::from(v);
        } else {
            total += i64::from(v);
        }
    }
    // Only the canonical way of writing the number counts ("IIX", "IIII" do not).
    (1..4000).contains(&total) && roman_round_trips(token, total as u32)
}

/// Whether `token` is how `number` is written in roman numerals ("IIX" is not).
fn roman_round_trips(token: &str, mut number: u32) -> bool {
    const STEPS: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut written = String::new();
    for &(value, digits) in STEPS {
        while number >= value {
            written.push_str(digits);
            number -= value;
        }
    }
    written == token
}

/// Tokens in capitals that are family names here: after an honorific ("Mr. SUGA"), or a
/// registry family name next to a given name ("SUGA Yoshihide", "Yoshihide SUGA"). Every other
/// use of the same capitals in the document is the name too.
fn names_in_capitals<'t>(
    text: &'t str,
    tokens: &[Token],
    index: &Index,
) -> FastMap<&'t str, Range<usize>> {
    let mut names = FastMap::default();
    for Token { span, .. } in tokens.iter().filter(|t| t.all_upper && t.upper >= 2) {
        let token = &text[span.clone()];
        let before = previous_word(text, span.start);
        let after = next_word(text, span.end);
        let honorific = before.is_some_and(|w| index.is_honorific(w));
        // "Foreign Minister WANG Yi": a title, the family name in capitals, a given name.
        let titled = before.is_some_and(|w| TITLES_BEFORE_NAMES.contains(&w))
            && after.is_some_and(is_given_name)
            && index.acronym(token).is_none();
        let beside_given_name = after.is_some_and(is_given_name)
            || before.is_some_and(|w| is_given_name(w) && !index.is_honorific(w));
        if honorific || titled || (beside_given_name && index.is_family_name(token)) {
            names.entry(token).or_insert_with(|| span.clone());
        }
    }
    names
}

/// The word before `at`, across spaces only (punctuation kept: "Mr.").
fn previous_word(text: &str, at: usize) -> Option<&str> {
    let before = &text[..at];
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() == before.len() && at > 0 {
        return None;
    }
    let start = trimmed.rfind(char::is_whitespace).map_or(0, |p| {
        p + trimmed[p..].chars().next().map_or(1, char::len_utf8)
    });
    Some(&trimmed[start..]).filter(|w| !w.is_empty())
}

/// The word after `at`, after exactly one space, without trailing punctuation.
fn next_word(text: &str, at: usize) -> Option<&str> {
    let rest = text[at..].strip_prefix(' ')?;
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    Some(rest[..end].trim_end_matches([',', '.', ';', ':', ')'])).filter(|w| !w.is_empty())
}

/// The tokens that are country codes next to another country code ("JP, KR, AU", "JPN-KOR"):
/// codes even where the registry knows the letters as an acronym (AU, the African Union).
fn country_code_lists(text: &str, tokens: &[Token], index: &Index) -> FastSet<usize> {
    // The tokens are those that are not ordinary words: two of them are next to each other in
    // the text when nothing but these separators lies between (a code is never an ordinary
    // word, so no code is passed over).
    let is_code = |i: usize| index.is_country_code(&text[tokens[i].span.clone()]);
    let close = |a: &Range<usize>, b: &Range<usize>| {
        let between = &text[a.end..b.start];
        between.len() <= 4 && between.chars().all(|c| " ,;/-–".contains(c))
    };
    let mut codes = FastSet::default();
    for i in 1..tokens.len() {
        if close(&tokens[i - 1].span, &tokens[i].span) && is_code(i - 1) && is_code(i) {
            codes.insert(i - 1);
            codes.insert(i);
        }
    }
    codes
}

/// "Yoshihide", "Jae-in": a capital, then small letters (hyphens and apostrophes between).
fn is_given_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 2
        && chars.all(|c| c.is_lowercase() || c == '-' || c == '\'' || c == '’')
}

/// Whether a line is written in capitals: a heading, a credit line.
fn is_heading(text: &str, line: &Range<usize>, cache: &mut FastMap<usize, bool>) -> bool {
    *cache
        .entry(line.start)
        .or_insert_with(|| in_capitals(count_words(&text[line.clone()], true)))
}

/// Whether a line whose words in capitals and with a small letter are counted is in capitals.
fn in_capitals((capitals, small): (usize, usize)) -> bool {
    capitals >= 2 && (small == 0 || (capitals >= 4 && capitals >= 3 * small))
}

/// What a byte of ASCII is to [`count_words`].
const IN_WORD: u8 = 1;
const LETTER: u8 = 2;
const SMALL: u8 = 4;
static ASCII_WORD_BYTES: [u8; 128] = {
    let mut classes = [0; 128];
    let mut b = 0;
    while b < 128 {
        classes[b] = match b as u8 {
            b'a'..=b'z' => IN_WORD | LETTER | SMALL,
            b'A'..=b'Z' => IN_WORD | LETTER,
            b'0'..=b'9' | b'\'' => IN_WORD,
            _ => 0,
        };
        b += 1;
    }
    classes
};

/// The words of two letters or more of a line: those in capitals, and those with a small letter.
/// Words are runs of letters, digits and apostrophes. A paragraph of prose is one line, so most
/// lines read are long: ASCII is read a byte at a time, only other characters decoded. With
/// `give_up`, counting stops as soon as the rest of the line cannot make it [`in_capitals`]: the
/// counts so far are then not.
fn count_words(line: &str, give_up: bool) -> (usize, usize) {
    let bytes = line.as_bytes();
    let mut capitals = 0;
    let mut small = 0;
    let mut letters = 0;
    let mut has_small = false;
    let mut at = 0;
    loop {
        let (class, len) = match bytes.get(at) {
            None => (0, 0),
            Some(&b) if b.is_ascii() => (ASCII_WORD_BYTES[usize::from(b)], 1),
            Some(_) => {
                let c = line[at..].chars().next().unwrap_or(' ');
                let in_word = c.is_alphanumeric();
                let mut class = 0;
                if in_word {
                    class |= IN_WORD;
                }
                if c.is_alphabetic() {
                    class |= LETTER;
                }
                if in_word && c.is_lowercase() {
                    class |= SMALL;
                }
                (class, c.len_utf8())
            }
        };
        if class & IN_WORD != 0 {
            letters += usize::from(class & LETTER != 0);
            has_small |= class & SMALL != 0;
        } else {
            if letters >= 2 {
                if has_small {
                    small += 1;
                    // Each word still to come takes two bytes and a break at least.
                    let most_to_come = (bytes.len() - at + 1) / 3;
                    if give_up && capitals + most_to_come < (3 * small).max(4) {
                        return (capitals, small);
                    }
                } else {
                    capitals += 1;
                }
            }
            letters = 0;
            has_small = false;
        }
        if len == 0 {
            return (capitals, small);
        }
        at += len;
    }
}

/// "6 PM", "10:30 AM": a time, not the Prime Minister.
fn is_time_of_day(text: &str, span: &Range<usize>) -> bool {
    let token = &text[span.clone()];
    if !matches!(token, "AM" | "PM") {
        return false;
    }
    let before = text[..span.start].trim_end();
    before.ends_with(|c: char| c.is_ascii_digit())
}

/// Whether `span` is in the place name that opens a news dateline: "TOKYO, Sept. 24 (Kyodo) —",
/// "NEW YORK (AP) —", "WASHINGTON —".
fn is_dateline(text: &str, line: &Range<usize>, span: &Range<usize>) -> bool {
    const MAX_PLACE_BYTES: usize = 40;
    let capitals = |s: &str| {
        s.chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-')
    };
    if span.start - line.start > MAX_PLACE_BYTES || !capitals(&text[line.start..span.start]) {
        return false;
    }
    let rest = &text[span.end..line.end.max(span.end)];
    let place_end = rest
        .find(|c: char| !(c.is_uppercase() || c == ' '))
        .unwrap_or(rest.len());
    let after = &rest[place_end..];
    let head: String = after.chars().take(60).collect();
    after.starts_with([',', '(', '—', '–', '-'])
        && (head.contains('—') || head.contains('–') || head.contains(" - "))
}

/// Whether a credit label ("SOURCE:", "Photo:") opens the line before `span`.
fn is_credit(text: &str, line: &Range<usize>, span: &Range<usize>) -> bool {
    const MAX_LABEL_BYTES: usize = 40;
    let end = floor_char_boundary(text, span.start.min(line.start + MAX_LABEL_BYTES));
    let before = fold(&text[line.start..end]);
    CREDIT_LABELS.iter().any(|l| before.contains(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_dotted_numbered_and_ampersand_forms() {
        let text = "The U.S.-Japan R&D on COVID-19, G-20 and NGOs’ work (H.E. Mr. X).";
        let found: Vec<&str> = Tokens::new(text).map(|t| &text[t.span]).collect();
        assert!(found.contains(&"U.S."));
        assert!(found.contains(&"R&D"));
        assert!(found.contains(&"COVID-19"));
        assert!(found.contains(&"G-20"));
        assert!(found.contains(&"NGOs"));
        assert!(found.contains(&"H.E."));
    }

    #[test]
    fn words_of_a_line_are_counted_a_byte_at_a_time() {
        for line in [
            "SOURCE: KYODO NEWS",
            "JOINT STATEMENT OF THE G7 LEADERS' SUMMIT, 2023",
            "The Prime Minister met the Minister of NATO's Council in 2021.",
            "A B CD e'f 12 AB12 ab12 x-y O'NEILL o'neill",
            "",
            "  ''  ",
            "ÉTATS-UNIS — Über naïve Ωmega ΣΔ’s",
            "The “G7” met in Zürich; l’ONU O’NEILL",
            "SOURCE: KYODO NEWS AGENCY and us",
            "AB CD EF GH IJ kl mn",
            "AB CD EF GH IJ KL mn op",
            "AB CD EF ab",
        ] {
            let counts = words_split_by_char(line);
            assert_eq!(count_words(line, false), counts, "{line}");
            assert_eq!(
                in_capitals(count_words(line, true)),
                in_capitals(counts),
                "{line}"
            );
        }
        assert_eq!(count_words("SOURCE: KYODO NEWS", false), (3, 0));
        assert_eq!(count_words("Met in NY A", false), (1, 2));
        assert_eq!(
            count_words("ÉTATS-UNIS — Über naïve Ωmega ΣΔ’s", false),
            (3, 3)
        );
        // A line of prose is given up on early; one in capitals is read to its end.
        let prose = "The Prime Minister met the President of the Republic in Tokyo on Monday.";
        assert!(count_words(prose, true).1 < count_words(prose, false).1);
        let heading = "JOINT PRESS STATEMENT ON THE VISIT OF THE PRIME MINISTER of Japan";
        assert!(in_capitals(count_words(heading, true)));
    }

    /// [`count_words`] as the words are cut by `str::split`, a character at a time.
    fn words_split_by_char(line: &str) -> (usize, usize) {
        let words = line
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
        let small = words
            .clone()
            .filter(|w| w.chars().any(char::is_lowercase))
            .count();
        (words.count() - small, small)
    }

    #[test]
    fn tokens_with_capitals_are_those_of_every_token() {
        let with_capital = |tokens: Tokens| -> Vec<Range<usize>> {
            tokens
                .filter(|t| t.upper > 0 && !t.is_ordinary_word())
                .map(|t| t.span)
                .collect()
        };
        for text in [
            "The U.S.-Japan R&D on COVID-19, G-20 and NGOs’ work (H.E. Mr. X).",
            "ab-12&CD and ab-cd&EF, x-12-19B, abc-19x and abc-19B; abc&def&GHI",
            "don’t see ÉTATS-Unis or naïve Ωmega ΣΔ — the end. A B c",
            "small words only, with 12-34 and a-b & c",
            "x&Y 1&Z -&Q &&R a--B 9-A",
            "Mr. Ab-12 Ab&C Minister's iPhone eBay Ab Cd-Ef Ab—Cd Éa Ab",
            "",
        ] {
            assert_eq!(
                with_capital(Tokens::with_capitals(text)),
                with_capital(Tokens::new(text)),
                "{text}"
            );
        }
        let text = "the meeting of the G7 in Hiroshima with NATO";
        let cut: Vec<&str> = Tokens::with_capitals(text).map(|t| &text[t.span]).collect();
        assert_eq!(cut, ["G7", "NATO"]);
    }

    #[test]
    fn tokens_are_counted_as_they_are_read() {
        let text = "The ÉTATS-Unis, COVID-19, R&D, U.S.A., naïve Ωmega ΣΔ and G-20 in 2021.";
        for token in Tokens::new(text) {
            let written = &text[token.span.clone()];
            let shape = Shape::of(written);
            assert_eq!(token.upper, shape.upper as usize, "{written}");
            assert_eq!(token.lower, shape.lower as usize, "{written}");
            assert_eq!(token.has_digit, shape.digit, "{written}");
            assert_eq!(token.all_upper, shape.upper == shape.chars, "{written}");
        }
    }

    #[test]
    fn roman_numerals_are_canonical_ones() {
        for r in ["II", "IV", "IX", "XIV", "XL", "MCMXC", "CD", "DC"] {
            assert!(is_roman_numeral(r), "{r}");
        }
        for r in ["IIII", "IC", "VX", "IIX", "UN", "ICC", "DCCCC"] {
            assert!(!is_roman_numeral(r), "{r}");
        }
    }
}
