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
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut space_before = false;
    let mut newlines = 0;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            space_before = true;
            if c == '\n' {
                newlines += 1;
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        let kind = if c.is_alphanumeric() {
            while let Some(&(i, next)) = chars.peek() {
                if !next.is_alphanumeric() {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            classify(&text[start..end])
        } else {
            Kind::Punct
        };
        tokens.push(Token {
            span: start..end,
            text: &text[start..end],
            kind,
            space_before,
            break_before: newlines >= 2,
        });
        space_before = false;
        newlines = 0;
    }
    tokens
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
}
