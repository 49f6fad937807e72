//! The prose cut into the pieces dates are made of: words, numbers, ordinals ("24th") and single
//! punctuation marks, each with its byte range and whether space stands before it.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters, or letters and digits mixed ("COP26", "G20").
    Word,
    /// Digits only.
    Number,
    /// Digits with an ordinal suffix: "24th", "1st".
    Ordinal,
    /// One character that is neither a letter, a digit nor space.
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub span: Range<usize>,
    pub text: &'a str,
    pub kind: Kind,
    /// Whitespace stands between this token and the one before.
    pub space_before: bool,
    /// A blank line (a paragraph break) stands before this token: no date runs across it.
    pub break_before: bool,
}

impl Token<'_> {
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.starts_with(c)
    }

    /// The word, compared without regard to case.
    pub fn is_word(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.text.eq_ignore_ascii_case(word)
    }

    pub fn is_any_word(&self, words: &[&str]) -> bool {
        self.kind == Kind::Word && words.iter().any(|w| self.text.eq_ignore_ascii_case(w))
    }

    /// Starts with a capital letter.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is_lowercase(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_lowercase)
    }

    /// The value of a number or ordinal.
    pub fn number(&self) -> Option<u32> {
        match self.kind {
            Kind::Number if self.text.len() <= 9 => self.text.parse().ok(),
            Kind::Ordinal => {
                let digits = self
                    .text
                    .trim_end_matches(|c: char| c.is_ascii_alphabetic());
                digits.parse().ok()
            }
            _ => None,
        }
    }

    /// A dash joining two numbers or dates: hyphen, en dash, em dash.
    pub fn is_dash(&self) -> bool {
        self.kind == Kind::Punct && matches!(self.text, "-" | "–" | "—" | "‐" | "‑")
    }
}

/// The tokens of `text`.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    // About one token in five bytes of English prose: one allocation for most paragraphs.
    let mut tokens = Vec::with_capacity(text.len() / 4 + 1);
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut space_before = false;
    let mut newlines = 0;
    while let Some(&b) = bytes.get(at) {
        let start = at;
        // ASCII at one look; only what is beyond it is decoded.
        let (class, len) = match BYTE_CLASS[usize::from(b)] {
            Class::NonAscii => class_at(text, at),
            class => (class, 1),
        };
        at += len;
        let kind = match class {
            Class::Letter => {
                at = word_end(text, at);
                Kind::Word
            }
            Class::Space => {
                space_before = true;
                newlines += usize::from(b == b'\n');
                at = space_run_end(bytes, at, &mut newlines);
                continue;
            }
            Class::Digit => {
                // Digits then letters: a number, an ordinal ("24th") or a word ("20th-century").
                let digits_end = digits_end(bytes, at);
                at = word_end(text, digits_end);
                classify(&text[start..at], digits_end - start)
            }
            // `class_at` decodes what is beyond ASCII: `NonAscii` does not come back from it.
            Class::Other | Class::NonAscii => Kind::Punct,
        };
        tokens.push(Token {
            span: start..at,
            text: &text[start..at],
            kind,
            space_before,
            break_before: newlines >= 2,
        });
        newlines = 0;
        // One space between words, the most of prose, passed at one look.
        let one_space = bytes.get(at) == Some(&b' ')
            && bytes
                .get(at + 1)
                .is_none_or(|&b| BYTE_CLASS[usize::from(b)] != Class::Space);
        space_before = one_space;
        at += usize::from(one_space);
    }
    tokens
}

/// The end of the run of ASCII space from `at`, its line breaks counted into `newlines`: one
/// space between words mostly, long runs where markup was blanked.
#[inline]
fn space_run_end(bytes: &[u8], mut at: usize, newlines: &mut usize) -> usize {
    while let Some(&b) = bytes.get(at)
        && BYTE_CLASS[usize::from(b)] == Class::Space
    {
        *newlines += usize::from(b == b'\n');
        at += 1;
    }
    at
}

/// The end of the run of ASCII digits from `at`.
#[inline]
fn digits_end(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_digit) {
        at += 1;
    }
    at
}

/// The end of the run of letters and digits (of any script) from `at`, a char boundary.
#[inline]
fn word_end(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(at) {
        let class = BYTE_CLASS[usize::from(b)];
        if matches!(class, Class::Digit | Class::Letter) {
            at += 1;
            continue;
        }
        if class != Class::NonAscii {
            break;
        }
        match class_at(text, at) {
            (Class::Letter, len) => at += len,
            _ => break,
        }
    }
    at
}

/// What a character is to the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    /// An ASCII digit.
    Digit,
    /// Any other letter or digit (`char::is_alphanumeric`).
    Letter,
    Other,
    /// The first byte of a character beyond ASCII: [`class_at`] decodes it.
    NonAscii,
}

/// The class of each byte, for ASCII at one look.
const BYTE_CLASS: [Class; 256] = {
    let mut table = [Class::NonAscii; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_digit() {
            Class::Digit
        } else if c.is_ascii_alphabetic() {
            Class::Letter
        } else if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            Class::Space
        } else {
            Class::Other
        };
        b += 1;
    }
    table
};

/// The class of the character at byte `at` (a char boundary) and its length; never
/// `NonAscii`.
#[inline]
fn class_at(text: &str, at: usize) -> (Class, usize) {
    let class = BYTE_CLASS[usize::from(text.as_bytes()[at])];
    if class != Class::NonAscii {
        return (class, 1);
    }
    let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
        return (Class::Other, 1);
    };
    let class = if is_plain_punctuation(c) {
        Class::Other
    } else if c.is_whitespace() {
        Class::Space
    } else if c.is_alphanumeric() {
        Class::Letter
    } else {
        Class::Other
    };
    (class, c.len_utf8())
}

/// Dashes, curly quotation marks, bullets and the rest of General Punctuation but its spaces:
/// the characters beyond ASCII that prose has most, told without Unicode's tables.
fn is_plain_punctuation(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}')
}

/// The kind of a run of letters and digits that opens with `digits` ASCII digits.
fn classify(word: &str, digits: usize) -> Kind {
    if digits == word.len() {
        return Kind::Number;
    }
    let ordinal = digits > 0
        && word.len() - digits == 2
        && ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| word[digits..].eq_ignore_ascii_case(s));
    if ordinal { Kind::Ordinal } else { Kind::Word }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_kinds_offsets_and_spacing() {
        let toks = tokenize("On 24th Sept., COP26 — 2021-09-24\n\nNext");
        let kinds: Vec<_> = toks.iter().map(|t| (t.text, t.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("On", Kind::Word),
                ("24th", Kind::Ordinal),
                ("Sept", Kind::Word),
                (".", Kind::Punct),
                (",", Kind::Punct),
                ("COP26", Kind::Word),
                ("—", Kind::Punct),
                ("2021", Kind::Number),
                ("-", Kind::Punct),
                ("09", Kind::Number),
                ("-", Kind::Punct),
                ("24", Kind::Number),
                ("Next", Kind::Word),
            ]
        );
        assert!(toks[1].space_before && !toks[3].space_before);
        assert!(toks[12].break_before && !toks[7].break_before);
        assert_eq!(toks[1].number(), Some(24));
        assert_eq!(&"On 24th"[toks[1].span.clone()], "24th");
    }

    #[test]
    fn plain_punctuation_is_neither_space_nor_letter() {
        let mut plain = 0;
        for c in ('\u{2000}'..='\u{206f}').filter(|&c| is_plain_punctuation(c)) {
            assert!(!c.is_whitespace() && !c.is_alphanumeric(), "{c:?}");
            plain += 1;
        }
        assert_eq!(plain, 24 + 47);
        assert!(!is_plain_punctuation('\u{2028}') && !is_plain_punctuation('\u{205f}'));
    }

    #[test]
    fn spaces_letters_and_digits_of_every_script() {
        let text = "São\u{a0}Tomé\u{2003}2021\x0b日本²\u{85}x\x1fⅣ — «24»";
        let toks = tokenize(text);
        let got: Vec<_> = toks.iter().map(|t| (t.text, t.space_before)).collect();
        assert_eq!(
            got,
            [
                ("São", false),
                ("Tomé", true),
                ("2021", true),
                ("日本²", true),
                ("x", true),
                ("\x1f", false),
                ("Ⅳ", false),
                ("—", true),
                ("«", true),
                ("24", false),
                ("»", false),
            ]
        );
    }
}
