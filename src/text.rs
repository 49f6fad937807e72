//! Small text utilities shared by the rules: folding for comparison, words, sentences.

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// Lower case without diacritics, typographic apostrophes made straight: the form in which
/// names are compared ("António" and "antonio" fold alike).
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        // Nothing to decompose: lower case, and the backtick is the one ASCII apostrophe form.
        let mut out = s.to_ascii_lowercase();
        if out.contains('`') {
            out = out.replace('`', "'");
        }
        return out;
    }
    let mut out = String::with_capacity(s.len());
    if fold_latin_into(s, &mut out) {
        return out;
    }
    out.clear();
    fold_by_decomposing(s, &mut out);
    out
}

/// The general fold of `s`, appended to `out`: the whole string decomposed, its accents dropped.
fn fold_by_decomposing(s: &str, out: &mut String) {
    for c in s.nfd() {
        match c {
            '\u{300}'..='\u{36f}' => {}
            '’' | '‘' | '`' | 'ʼ' => out.push('\''),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'ı' => out.push('i'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            '‐' | '‑' | '–' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// The fold of every character from U+00C0 to U+017F (Latin-1 letters and Latin Extended-A),
/// as the general path gives it (a test compares them all).
static LATIN_FOLDS: [&str; 192] = [
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "ð", "n", "o",
    "o", "o", "o", "o", "×", "o", "u", "u", "u", "u", "y", "þ", "ss", "a", "a", "a", "a", "a", "a",
    "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "ð", "n", "o", "o", "o", "o", "o", "÷", "o",
    "u", "u", "u", "u", "y", "þ", "y", "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c",
    "c", "c", "d", "d", "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g",
    "g", "g", "g", "g", "g", "h", "h", "ħ", "ħ", "i", "i", "i", "i", "i", "i", "i", "i", "i", "i",
    "ĳ", "ĳ", "j", "j", "k", "k", "ĸ", "l", "l", "l", "l", "l", "l", "ŀ", "ŀ", "l", "l", "n", "n",
    "n", "n", "n", "n", "ŉ", "ŋ", "ŋ", "o", "o", "o", "o", "o", "o", "oe", "oe", "r", "r", "r",
    "r", "r", "r", "s", "s", "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "ŧ", "ŧ", "u", "u",
    "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z",
    "z", "z", "ſ",
];

/// Folds `s` into `out` when every character is ASCII, in [`LATIN_FOLDS`] or an apostrophe or
/// hyphen that [`fold`] straightens; false otherwise, with `out` partly written. None of these
/// characters is a combining mark, so each folds alone as in the whole string's decomposition:
/// the names of most of the world are folded without the cost of decomposing.
fn fold_latin_into(s: &str, out: &mut String) -> bool {
    for c in s.chars() {
        match c {
            '`' | '’' | '‘' | 'ʼ' => out.push('\''),
            '‐' | '‑' | '–' => out.push('-'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            '\u{c0}'..='\u{17f}' => out.push_str(LATIN_FOLDS[c as usize - 0xc0]),
            _ => return false,
        }
    }
    true
}

/// Appends [`fold`]`(s)` to `out`. The checks' indexes fold thousands of registry words into
/// one buffer each: ASCII, nearly all of them, is lowered in place, and Latin letters are folded
/// one by one, with no `String` of their own.
pub fn fold_into(s: &str, out: &mut String) {
    // One pass tells ASCII without a backtick, the common case, from the rest: registry words
    // are short, and the calls of `is_ascii` and `contains` cost more than the loop.
    let start = out.len();
    if s.bytes().all(|b| b.is_ascii() && b != b'`') {
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else if !fold_latin_into(s, out) {
        out.truncate(start);
        fold_by_decomposing(s, out);
    }
}

/// Without diacritics, case kept ("António" → "Antonio").
pub fn strip_diacritics(s: &str) -> String {
    s.nfd()
        .filter(|c| !matches!(c, '\u{300}'..='\u{36f}'))
        .collect()
}

/// Whether `s` has a letter with a diacritic.
pub fn has_diacritics(s: &str) -> bool {
    s.nfd().any(|c| matches!(c, '\u{300}'..='\u{36f}'))
}

/// A word: a run of letters and digits, with inner apostrophes, hyphens and periods of
/// abbreviations left to the caller.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `text` with their byte ranges.
pub fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = next_boundary(text, at, true)?;
        let end = next_boundary(text, start, false).unwrap_or(text.len());
        at = end;
        Some((start..end, &text[start..end]))
    })
}

/// Which ASCII bytes are word characters (letters and digits).
static ASCII_WORD: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The first offset from `from` (a char boundary) whose character is a word character
/// (`word` true) or is not one (`word` false). ASCII is decided byte by byte, which is most
/// of the text; other characters are decoded.
fn next_boundary(text: &str, from: usize, word: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if ASCII_WORD[usize::from(b)] == word {
                return Some(i);
            }
            i += 1;
        } else {
            let c = text.get(i..)?.chars().next()?;
            if is_word_char(c) == word {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// The byte range of the sentence holding `offset`: from after the previous sentence end
/// (`.`, `!`, `?` followed by a space, or a blank line) to the next. Abbreviations such as
/// "Mr." end no sentence when followed by a capital name — rules should stay cautious.
pub fn sentence_around(text: &str, offset: usize) -> Range<usize> {
    let offset = crate::document::position::floor_char_boundary(text, offset);
    let bytes = text.as_bytes();
    let end = (offset..bytes.len())
        .filter(|&i| may_end_sentence(bytes[i]))
        .find(|&i| ends_sentence(text, i))
        .map_or(bytes.len(), |i| i + 1);
    sentence_start(text, offset)..end
}

/// Where the sentence holding `offset` starts, as [`sentence_around`] cuts it: only the bytes
/// that may end a sentence are looked at closely on the way back.
pub fn sentence_start(text: &str, offset: usize) -> usize {
    let offset = crate::document::position::floor_char_boundary(text, offset);
    let bytes = text.as_bytes();
    let mut before = offset;
    while let Some(i) = bytes[..before].iter().rposition(|&b| may_end_sentence(b)) {
        if ends_sentence(text, i) {
            // A sentence end is ASCII: the next byte starts a character.
            return i + 1;
        }
        before = i;
    }
    0
}

/// Whether a byte is one that may end a sentence (see [`ends_sentence`]).
fn may_end_sentence(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b'\n')
}

/// Every sentence of `text` in order, as [`sentence_around`] cuts them, found in one pass over
/// the bytes that may end one.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 100 + 1);
    let mut start = 0;
    let stops = memchr::memchr3_iter(b'.', b'!', b'?', bytes);
    let breaks = memchr::memchr_iter(b'\n', bytes);
    for i in merged(stops, breaks) {
        if ends_sentence(text, i) {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < bytes.len() {
        out.push(start..bytes.len());
    }
    out
}

/// Two increasing sequences of offsets merged into one.
fn merged(
    a: impl Iterator<Item = usize>,
    b: impl Iterator<Item = usize>,
) -> impl Iterator<Item = usize> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if x <= y => a.next(),
        (Some(_), None) => a.next(),
        _ => b.next(),
    })
}

/// Whether the byte at `i` ends a sentence: a full stop, `!` or `?` before a space (not after an
/// abbreviation), or a line break that begins or ends a blank line.
fn ends_sentence(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    match bytes[i] {
        b'\n' => {
            i + 1 < bytes.len() && (bytes[i + 1] == b'\n' || bytes[i + 1] == b'\r')
                || i > 0 && bytes[i - 1] == b'\n'
        }
        b'.' | b'!' | b'?' => {
            let next_space = bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace());
            next_space && !is_abbreviation_before(text, i)
        }
        _ => false,
    }
}

fn is_abbreviation_before(text: &str, dot: usize) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "Gen", "Lt", "Col", "Sen", "Rep", "Gov",
        "Amb", "Hon", "No", "Nos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
        "Oct", "Nov", "Dec", "vs", "etc", "e.g", "i.e", "U.S", "U.N", "U.K", "H.E", "p.m", "a.m",
    ];
    /// No abbreviation is longer: the word before most full stops is read no further.
    const LONGEST_CHARS: usize = 4;
    let before = &text[..dot];
    let mut word_start = 0;
    for (k, (at, c)) in before.char_indices().rev().enumerate() {
        if c.is_whitespace() || c == '(' || c == '"' || c == '“' {
            word_start = at + c.len_utf8();
            break;
        }
        if k == LONGEST_CHARS {
            return false;
        }
    }
    let word = &before[word_start..];
    ABBREVIATIONS.contains(&word) || (word.len() == 1 && word.chars().all(|c| c.is_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_diacritics_and_curly_apostrophes() {
        assert_eq!(fold("António Guterres"), "antonio guterres");
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold("Łukasz Øre"), "lukasz ore");
        assert_eq!(strip_diacritics("São Tomé"), "Sao Tome");
        assert!(has_diacritics("António"));
        assert!(!has_diacritics("Antonio"));
    }

    fn decomposed(s: &str) -> String {
        let mut out = String::new();
        fold_by_decomposing(s, &mut out);
        out
    }

    #[test]
    fn latin_letters_fold_as_decomposing_folds_them() {
        for (i, folded) in LATIN_FOLDS.iter().enumerate() {
            let c = char::from_u32(0xc0 + i as u32).unwrap();
            assert_eq!(*folded, decomposed(&c.to_string()), "{c}");
        }
        for s in [
            "António Guterres",
            "Côte d’Ivoire",
            "Recep Tayyip Erdoğan",
            "Nguyễn Xuân Phúc",
            "Zoran Milanović",
            "e\u{301}\u{327}",
            "Ångström–Øre ʼAbd",
        ] {
            assert_eq!(fold(s), decomposed(s), "{s}");
        }
    }

    #[test]
    fn folding_into_a_buffer_appends_the_fold() {
        for s in [
            "Guterres",
            "O`Neill",
            "António",
            "Straße",
            "Côte d’Ivoire",
            "",
            "U.S.",
            "Nguyễn Phú Trọng",
            "Ελλάδα",
        ] {
            let mut out = String::from("x ");
            fold_into(s, &mut out);
            assert_eq!(out, format!("x {}", fold(s)), "{s}");
        }
    }

    #[test]
    fn ascii_folding_is_the_general_folding() {
        for s in [
            "Guterres",
            "O`Neill",
            "MOFA's",
            "Prime Minister-elect",
            "a1 B2 ~!@#",
        ] {
            let general: String = format!("{s}\u{e9}");
            let folded = fold(&general);
            assert_eq!(fold(s), folded[..folded.len() - 1], "{s}");
        }
    }

    #[test]
    fn words_split_at_every_non_word_character() {
        let text = "Côte d’Ivoire: 24 Sept.—São Tomé/Príncipe, ٣ 日本 x";
        let expected: Vec<(Range<usize>, &str)> = {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (start, is_word_char(c)) {
                    (None, true) => start = Some(i),
                    (Some(s), false) => {
                        out.push((s..i, &text[s..i]));
                        start = None;
                    }
                    _ => {}
                }
            }
            out
        };
        assert_eq!(words(text).collect::<Vec<_>>(), expected);
        assert_eq!(words("").count(), 0);
        assert_eq!(words(" ,. ").count(), 0);
    }

    #[test]
    fn words_have_byte_ranges() {
        let w: Vec<_> = words("Hi, António’s 76th!").collect();
        assert_eq!(w[0], (0..2, "Hi"));
        assert_eq!(w[1].1, "António");
        assert_eq!(w[2].1, "s");
        assert_eq!(w[3].1, "76th");
    }

    #[test]
    fn sentences_skip_titles_and_initials() {
        let text = "He met Mr. Suga. Then Joseph R. Biden spoke. End";
        let s = sentence_around(text, text.find("Suga").unwrap());
        assert_eq!(&text[s], "He met Mr. Suga.");
        let s = sentence_around(text, text.find("Biden").unwrap());
        assert_eq!(text[s].trim(), "Then Joseph R. Biden spoke.");
    }

    #[test]
    fn abbreviations_are_the_whole_word_before_the_stop() {
        let cases = [
            ("met Prof.", true),
            ("(Sept.", true),
            ("\u{201c}e.g.", true),
            ("\u{a0}Dr.", true),
            ("Gov.", true),
            ("X.", true),
            ("met Q.", true),
            ("Profs.", false),
            ("met Xi.", false),
            ("a longword.", false),
            ("\u{e9}t\u{e9}s.", false),
        ];
        for (text, abbreviated) in cases {
            let dot = text.len() - 1;
            assert_eq!(is_abbreviation_before(text, dot), abbreviated, "{text:?}");
        }
    }

    #[test]
    fn sentences_cut_in_one_pass_as_around_each_offset() {
        let texts = [
            "He met Mr. Suga. Then Joseph R. Biden spoke!\n\nOn 3 Sept. 2021, ünï talks?\n\
             Next line \u{2014} end.  Trailing",
            "",
            ".",
            "End.",
            "\n\n\nA\r\n\r\nB.\n",
            "(U.S. talks) \u{201c}E.\u{201d} ?! x.y. H.E. Ms. Li?",
        ];
        for text in texts {
            let cut = sentences(text);
            assert_eq!(cut.first().map_or(0, |s| s.start), 0, "{text:?}");
            assert_eq!(cut.last().map_or(0, |s| s.end), text.len(), "{text:?}");
            for (at, _) in text.char_indices() {
                let s = cut.iter().find(|s| s.contains(&at)).expect("covered");
                assert_eq!(*s, sentence_around(text, at), "{text:?} at {at}");
            }
        }
    }
}
