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
    let mut at = 0;
    let mut space_before = false;
    let mut newlines = 0;
    while let Some((c, len)) = char_at(text, at) {
        let start = at;
        at += len;
        if is_space(c) {
            space_before = true;
            if c == '\n' {
                newlines += 1;
            }
            continue;
        }
        let kind = if is_alphanumeric(c) {
            while let Some((next, len)) = char_at(text, at) {
                if !is_alphanumeric(next) {
                    break;
                }
                at += len;
            }
            classify(&text[start..at])
        } else {
            Kind::Punct
        };
        tokens.push(Token {
            span: start..at,
            text: &text[start..at],
            kind,
            space_before,
            break_before: newlines >= 2,
        });
        space_before = false;
        newlines = 0;
    }
    tokens
}

/// The character at byte `at` (a char boundary) and its length; ASCII without decoding.
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(at)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
    } else {
        c.is_whitespace()
    }
}

fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

fn classify(word: &str) -> Kind {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == word.len() {
        return Kind::Number;
    }
    let suffix = &word[digits..];
    let ordinal = digits > 0
        && ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| suffix.eq_ignore_ascii_case(s));
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
