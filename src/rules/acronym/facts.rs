//! What the acronym check keeps of one paragraph for the whole-document decision: its acronym
//! mentions, the capitals that are family names there, and the places that may spell an acronym
//! out. Offsets are relative to the paragraph and stored as `u32` (the engine keeps these for
//! every paragraph of every open document); words are read back from the document's text.

use std::ops::Range;

/// A byte range of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// The span of `range`; the caller makes sure the paragraph is shorter than 4 GiB.
    pub fn of(range: Range<usize>) -> Span {
        Span {
            start: range.start as u32,
            end: range.end as u32,
        }
    }

    /// The range in a text where the paragraph starts at `base`.
    pub fn at(self, base: usize) -> Range<usize> {
        base + self.start as usize..base + self.end as usize
    }
}

/// Marks a mention the registry does not list.
const NO_ENTRY: u32 = u32::MAX;

/// One acronym as written.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mention {
    pub span: Span,
    /// Where the key ends: what the acronym is tracked by is the written form without a plural
    /// "s" ("NGOs" → "NGO") or a number ("COP26" → "COP", when the registry knows only that),
    /// always a prefix of it.
    key_end: u32,
    /// The registry's acronym (an index of `Registry::acronyms`), or [`NO_ENTRY`].
    entry: u32,
    /// Capitals that may be a word, a numeral, a country code or a name: an acronym only if
    /// the document spells it out.
    pub weak: bool,
}

impl Mention {
    pub fn new(span: Range<usize>, key_len: usize, entry: Option<usize>, weak: bool) -> Mention {
        Mention {
            key_end: (span.start + key_len) as u32,
            span: Span::of(span),
            entry: entry.map_or(NO_ENTRY, |e| e as u32),
            weak,
        }
    }

    pub fn entry(&self) -> Option<usize> {
        (self.entry != NO_ENTRY).then_some(self.entry as usize)
    }

    /// The key's range in a text where the paragraph starts at `base`.
    pub fn key_at(&self, base: usize) -> Range<usize> {
        Span {
            start: self.span.start,
            end: self.key_end,
        }
        .at(base)
    }
}

/// What a place that spells out an acronym says about it.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// The words that spell it out, when they are known.
    pub expansion: Option<Span>,
    /// The normalised words of the expansion joined by spaces, to recognise it again ("" for
    /// none: a wrong definition is not one to recognise again).
    pub norms: Box<str>,
    /// What two expansions of one acronym are compared by.
    pub meaning: Option<Box<str>>,
    /// The words are another acronym's registry expansion: that acronym (an index of
    /// `Registry::acronyms`).
    pub belongs_to: Option<u32>,
}

/// A mention in "Full Name (ACR)" or "ACR (Full Name)" form.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    /// Index of the mention in its paragraph.
    pub mention: u32,
    /// What the words say read alone: a definition, or none.
    pub found: Option<Found>,
    /// The words, for an earlier definition of the same acronym to be recognised in them
    /// first; none where the registry's own expansion already decided.
    pub again: Option<Box<Again>>,
}

/// A word of [`Again`]: where it starts, and where its part of the norms and meaning starts.
#[derive(Debug, Clone, Copy)]
pub(super) struct WordAt {
    pub start: u32,
    pub norms_at: u32,
    pub meaning_at: u32,
}

/// The words before "(ACR)" or inside "ACR (…)", as a definition seen earlier in the document
/// is looked for in them.
#[derive(Debug, Clone)]
pub(super) struct Again {
    /// Normalised words joined by spaces.
    pub norms: Box<str>,
    /// The meaning of all the words: every word adds its own part, so the meaning of the last
    /// few is an end of it.
    pub meaning: Box<str>,
    pub words: Box<[WordAt]>,
    /// Where the last word ends.
    pub end: u32,
    /// "ACR (Full Name)": an earlier definition must be all the words, not their end.
    pub whole_only: bool,
}

/// A definition recognised by an earlier one, in paragraph offsets and borrowed words.
pub(super) struct Recognised<'f> {
    pub expansion: Span,
    pub norms: &'f str,
    pub meaning: &'f str,
}

impl Again {
    /// The definition these words make when they end with `earlier` (normalised words joined
    /// by spaces).
    pub fn recognise(&self, earlier: &str) -> Option<Recognised<'_>> {
        let from = self.norms.len().checked_sub(earlier.len())?;
        let fits = self.norms.ends_with(earlier)
            && (from == 0 || self.norms.as_bytes()[from - 1] == b' ')
            && !(self.whole_only && from > 0);
        if !fits || earlier.is_empty() {
            return None;
        }
        let word = self.words.iter().find(|w| w.norms_at as usize == from)?;
        Some(Recognised {
            expansion: Span {
                start: word.start,
                end: self.end,
            },
            norms: &self.norms[from..],
            meaning: &self.meaning[word.meaning_at as usize..],
        })
    }
}

/// One paragraph's acronyms.
#[derive(Debug, Default)]
pub(super) struct ParagraphFacts {
    pub mentions: Vec<Mention>,
    /// Capitals that are a family name in this paragraph ("Mr. SUGA"): every other use of the
    /// same capitals in the document is the name too.
    pub names: Vec<Span>,
    /// In the order of their mentions.
    pub candidates: Vec<Candidate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn again(norms: &str, whole_only: bool) -> Again {
        let mut words = Vec::new();
        let mut at = 0;
        for w in norms.split(' ') {
            words.push(WordAt {
                start: at as u32 * 10,
                norms_at: at as u32,
                meaning_at: at as u32,
            });
            at += w.len() + 1;
        }
        Again {
            norms: norms.into(),
            meaning: norms.into(),
            words: words.into(),
            end: 99,
            whole_only,
        }
    }

    #[test]
    fn earlier_words_are_recognised_at_a_word_boundary() {
        let a = again("the un general assembly", false);
        let r = a.recognise("general assembly").unwrap();
        assert_eq!(r.norms, "general assembly");
        assert_eq!(r.expansion.start, 70);
        assert!(a.recognise("eneral assembly").is_none());
        assert!(a.recognise("the un general assembly").is_some());
        assert!(a.recognise("x the un general assembly").is_none());
        let whole = again("general assembly", true);
        assert!(whole.recognise("assembly").is_none());
        assert!(whole.recognise("general assembly").is_some());
    }
}
