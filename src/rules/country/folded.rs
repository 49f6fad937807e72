//! The prose folded for matching names: lower case, no diacritics, straight apostrophes, runs
//! of white space made one space — with a map back to the prose's byte offsets, so that a match
//! in the folded text becomes a span of the document.
//!
//! A paragraph is folded in windows of about [`WINDOW`] bytes into buffers that are reused from
//! one window (and paragraph) to the next: a 100 MB paragraph costs no more memory than a short
//! one. Each window also folds a margin past its own part, so that a form starting in it is
//! read whole.

use crate::swar;
use crate::text::fold;
use std::cell::RefCell;
use std::ops::Range;

/// How much prose a window owns (it ends at the first ASCII non-word byte from here on).
const WINDOW: usize = 64 * 1024;

#[derive(Default)]
pub(super) struct Folded {
    /// The folded window: whole UTF-8 characters only.
    text: Vec<u8>,
    /// The map back to the prose, kept only where it is not one byte for one: most of the
    /// prose is ASCII folded byte by byte, and an offset for every byte cost more than the
    /// folding. Sorted by folded offset; the first starts at 0.
    breaks: Vec<Break>,
    /// The prose offset the window starts at.
    base: usize,
    /// The folded length of the window's own part: words starting from here on belong to the
    /// next window.
    own: usize,
}

/// From folded offset `folded` on, each folded byte came from the prose byte as far after
/// `prose` (offsets from the window's base) — or, when `held`, every byte up to the next break
/// came from the character at `prose` (one character folded to several bytes, a run of white
/// space folded to one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Break {
    folded: u32,
    prose: u32,
    held: bool,
}

thread_local! {
    /// Each thread's buffers, kept from one paragraph to the next.
    static BUFFERS: RefCell<Folded> = RefCell::default();
}

/// How a prose byte folds in a run of plain bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ASCII that is no white space: itself, lower case.
    Plain,
    /// ASCII white space: one space when it stands alone.
    Space,
    /// The first or a later byte of another character: folded one character at a time.
    Other,
}

static CLASSES: [Class; 256] = {
    let mut table = [Class::Other; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = if is_ascii_white_space(b as u8) {
            Class::Space
        } else {
            Class::Plain
        };
        b += 1;
    }
    table
};

impl Folded {
    /// Runs `f` with this thread's reusable buffers (fresh ones if they are in use).
    pub fn with_buffers<R>(f: impl FnOnce(&mut Folded) -> R) -> R {
        BUFFERS.with(|cell| match cell.try_borrow_mut() {
            Ok(mut buffers) => f(&mut buffers),
            Err(_) => f(&mut Folded::default()),
        })
    }

    /// Folds the window of `prose` that starts at `from` (a char boundary after a non-word
    /// character, or 0), and `margin` folded bytes past its own part. Returns where the next
    /// window starts (the prose's length when this one is the last).
    pub fn fold_window(&mut self, prose: &str, from: usize, margin: usize) -> usize {
        self.text.clear();
        self.breaks.clear();
        self.breaks.push(Break {
            folded: 0,
            prose: 0,
            held: false,
        });
        self.base = from;
        // Offsets from `base` are `u32`: a window never reaches further.
        let end = prose.len().min(from.saturating_add(u32::MAX as usize - 1));
        let cut = window_end(prose.as_bytes(), from, end);
        let mut at = from;
        while at < cut {
            at = self.fold_plain_run(prose.as_bytes(), at, cut);
            if at < cut {
                at = self.fold_char(prose, at);
            }
        }
        self.own = self.text.len();
        let wanted = self.own.saturating_add(margin);
        while at < end && self.text.len() < wanted {
            // A plain byte folds to one byte: a run stops where the margin is full.
            let stop = end.min(at + (wanted - self.text.len()));
            at = self.fold_plain_run(prose.as_bytes(), at, stop);
            if at < stop {
                at = self.fold_char(prose, at);
            }
        }
        self.map_from(at, false);
        cut
    }

    /// Folds the run of plain bytes from `from` (ASCII that is no white space, and lone ASCII
    /// white space, which is one space folded) in one go, up to `stop`; returns where the run
    /// ends. Most of the prose is such runs, folded one byte for one.
    fn fold_plain_run(&mut self, bytes: &[u8], from: usize, stop: usize) -> usize {
        let class = |b: u8| CLASSES[usize::from(b)];
        let mut end = from;
        let mut other_spaces = false;
        while end < stop {
            // Eight bytes at a time while they are surely plain, then byte by byte.
            end = swar::plain_end(bytes, end, stop);
            let Some(&b) = bytes.get(end).filter(|_| end < stop) else {
                break;
            };
            // White space standing alone (before a plain byte or the end) is one space.
            let alone = bytes.get(end + 1).is_none_or(|&n| class(n) == Class::Plain);
            match class(b) {
                Class::Plain => {}
                Class::Space if alone => other_spaces |= b != b' ',
                _ => break,
            }
            end += 1;
        }
        if end == from {
            return end;
        }
        self.map_from(from, false);
        let start = self.text.len();
        self.text.extend_from_slice(&bytes[from..end]);
        let run = &mut self.text[start..];
        run.make_ascii_lowercase();
        if other_spaces {
            run.iter_mut()
                .filter(|b| is_ascii_white_space(**b))
                .for_each(|b| *b = b' ');
        }
        end
    }

    /// Folds the character at `at` (or the run of white space) and returns where the next
    /// one starts.
    fn fold_char(&mut self, prose: &str, at: usize) -> usize {
        let bytes = prose.as_bytes();
        let b = bytes[at];
        if b.is_ascii() && !is_ascii_white_space(b) {
            self.map_from(at, false);
            self.text.push(b.to_ascii_lowercase());
            return at + 1;
        }
        let Some(c) = prose.get(at..).and_then(|rest| rest.chars().next()) else {
            return bytes.len();
        };
        let start = self.text.len();
        let next = if c.is_whitespace() {
            // A run of white space is one space; one holding a blank line stays a line break,
            // so that no name is read across paragraphs.
            let (next, newlines) = white_space_run(prose, at);
            self.text.push(if newlines >= 2 { b'\n' } else { b' ' });
            next
        } else {
            if matches!(c, '’' | '‘') {
                self.text.push(b'\'');
            } else {
                let mut buf = [0u8; 4];
                self.text
                    .extend_from_slice(fold(c.encode_utf8(&mut buf)).as_bytes());
            }
            at + c.len_utf8()
        };
        // Every byte of the fold came from `at`; the folding goes on from `next`.
        if self.text.len() > start {
            self.map_from_folded(start, at, true);
        }
        self.map_from(next, false);
        next
    }

    /// Notes that the next folded byte comes from prose offset `at`.
    fn map_from(&mut self, at: usize, held: bool) {
        self.map_from_folded(self.text.len(), at, held);
    }

    /// Notes that from folded offset `folded` on, bytes come from prose offset `at` (one for
    /// one, or all of them when `held`), unless the map says so already.
    fn map_from_folded(&mut self, folded: usize, at: usize, held: bool) {
        let new = Break {
            folded: folded as u32,
            prose: self.offset(at),
            held,
        };
        let Some(last) = self.breaks.last_mut() else {
            self.breaks.push(new);
            return;
        };
        if last.folded == new.folded {
            // The last break mapped no byte yet.
            *last = new;
        } else if held
            || last.held
            || last.prose.wrapping_add(new.folded - last.folded) != new.prose
        {
            self.breaks.push(new);
        }
    }

    fn offset(&self, at: usize) -> u32 {
        u32::try_from(at - self.base).unwrap_or(u32::MAX)
    }

    /// The folded window.
    pub fn text(&self) -> &str {
        // Only whole characters are written: the bytes are UTF-8.
        std::str::from_utf8(&self.text).unwrap_or_default()
    }

    /// The folded length of the window's own part.
    pub fn own(&self) -> usize {
        self.own
    }

    /// The prose offset the folded byte at `i` came from (where the folding stopped, for the
    /// end of the text or past it).
    fn origin(&self, i: usize) -> usize {
        let i = i.min(self.text.len()) as u32;
        let after = self.breaks.partition_point(|b| b.folded <= i);
        let Some(b) = after.checked_sub(1).and_then(|at| self.breaks.get(at)) else {
            return self.base;
        };
        let within = if b.held { 0 } else { i - b.folded };
        self.base + b.prose.saturating_add(within) as usize
    }

    /// The prose span of a folded byte range (whose ends are character boundaries).
    pub fn prose_span(&self, range: Range<usize>) -> Range<usize> {
        let (start, end) = (self.origin(range.start), self.origin(range.end));
        start..end.max(start)
    }
}

/// Where the window starting at `from` ends: after the first ASCII byte that is no letter or
/// digit, [`WINDOW`] bytes on (a word never straddles two windows), or at `end`.
fn window_end(bytes: &[u8], from: usize, end: usize) -> usize {
    let Some(start) = from.checked_add(WINDOW).filter(|&s| s < end) else {
        return end;
    };
    bytes[start..end]
        .iter()
        .position(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
        .map_or(end, |i| start + i + 1)
}

/// The end of the run of white space at `at`, and how many line feeds it holds.
fn white_space_run(prose: &str, at: usize) -> (usize, usize) {
    let bytes = prose.as_bytes();
    let mut next = at;
    let mut newlines = 0;
    while let Some(&b) = bytes.get(next) {
        if is_ascii_white_space(b) {
            newlines += usize::from(b == b'\n');
            next += 1;
            continue;
        }
        match prose.get(next..).and_then(|rest| rest.chars().next()) {
            Some(w) if !w.is_ascii() && w.is_whitespace() => next += w.len_utf8(),
            _ => break,
        }
    }
    (next, newlines)
}

/// The ASCII characters that `char::is_whitespace` takes (vertical tab included).
const fn is_ascii_white_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(prose: &str) -> Folded {
        let mut f = Folded::default();
        assert_eq!(f.fold_window(prose, 0, 0), prose.len());
        f
    }

    #[test]
    fn folds_and_maps_back() {
        let prose = "Côte d’Ivoire  and\nSão Tomé";
        let f = folded(prose);
        assert_eq!(f.text(), "cote d'ivoire and sao tome");
        let at = f.text().find("ivoire").unwrap();
        assert_eq!(&prose[f.prose_span(at..at + 6)], "Ivoire");
        let at = f.text().find("sao tome").unwrap();
        assert_eq!(&prose[f.prose_span(at..at + 8)], "São Tomé");
        let whole = f.prose_span(0..f.text().len());
        assert_eq!(&prose[whole], prose);
    }

    #[test]
    fn blank_lines_stay_breaks() {
        let f = folded("South\n\nAfrica");
        assert_eq!(f.text(), "south\nafrica");
        let f = folded("South \u{a0}\n \u{2003}\nAfrica");
        assert_eq!(f.text(), "south\nafrica");
    }

    #[test]
    fn decomposed_marks_stay_inside_the_span() {
        let prose = "Co\u{302}te";
        let f = folded(prose);
        assert_eq!(f.text(), "cote");
        assert_eq!(&prose[f.prose_span(0..2)], "Co\u{302}");
    }

    #[test]
    fn a_long_paragraph_is_folded_in_windows_with_a_margin() {
        let prose = format!("{}South Africa and more", "word ".repeat(WINDOW / 5 + 1));
        let mut f = Folded::default();
        let next = f.fold_window(&prose, 0, 12);
        assert!(next > WINDOW && next < prose.len(), "{next}");
        assert_eq!(&prose[next - 1..next], " ");
        // The margin reads on past the window's own part.
        assert!(f.text().len() >= f.own() + 12);
        let rest = f.fold_window(&prose, next, 12);
        assert_eq!(rest, prose.len());
        assert!(f.text().ends_with("south africa and more"));
        let at = f.text().find("africa").unwrap();
        assert_eq!(&prose[f.prose_span(at..at + 6)], "Africa");
    }
}
