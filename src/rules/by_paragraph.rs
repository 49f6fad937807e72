//! What a decision keeps of each paragraph (a copy of its facts, its reasons), every
//! paragraph's in one contiguous list: the next decision reads them in one pass, and copies
//! those of the paragraphs an edit left alone a slice at a time.

use super::Paragraphs;
use std::ops::Range;

/// Every paragraph's items, in paragraph order.
#[derive(Debug, Clone)]
pub struct ByParagraph<T> {
    items: Vec<T>,
    /// Where each paragraph's items start in `items`.
    starts: Vec<u32>,
}

impl<T> Default for ByParagraph<T> {
    fn default() -> Self {
        ByParagraph {
            items: Vec::new(),
            starts: Vec::new(),
        }
    }
}

impl<T: Clone> ByParagraph<T> {
    pub fn with_capacity(paragraphs: usize) -> Self {
        ByParagraph {
            items: Vec::new(),
            starts: Vec::with_capacity(paragraphs),
        }
    }

    /// Room for `paragraphs` paragraphs and, after an edit, about as many items as `last`
    /// had: the list is filled without growing.
    pub fn like(last: Option<&Self>, paragraphs: usize) -> Self {
        let items = last.map_or(0, |last| last.items.len() + last.items.len() / 16);
        ByParagraph {
            items: Vec::with_capacity(items),
            starts: Vec::with_capacity(paragraphs),
        }
    }

    /// Starts the next paragraph: the items pushed from now on are its.
    pub fn start_paragraph(&mut self) {
        // A document holds far fewer than 4 billion facts.
        self.starts.push(self.items.len() as u32);
    }

    pub fn push(&mut self, item: T) {
        self.items.push(item);
    }

    pub fn extend(&mut self, items: impl IntoIterator<Item = T>) {
        self.items.extend(items);
    }

    /// Paragraph `i`'s items; none past the last paragraph.
    pub fn of(&self, i: usize) -> &[T] {
        let Some(&start) = self.starts.get(i) else {
            return &[];
        };
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.items.len(), |&e| e as usize);
        self.items.get(start as usize..end).unwrap_or_default()
    }

    /// The items of the paragraph started last.
    pub fn current(&self) -> &[T] {
        self.starts.len().checked_sub(1).map_or(&[], |i| self.of(i))
    }

    /// Every item, in order.
    pub fn all(&self) -> &[T] {
        &self.items
    }

    /// Adds paragraphs `was` of `last` as the next paragraphs, in one copy; false when `last`
    /// has not all of them.
    pub fn push_kept(&mut self, last: &Self, was: Range<usize>) -> bool {
        if was.end > last.starts.len() || was.is_empty() {
            return false;
        }
        let from = last.starts[was.start] as usize;
        let to = last
            .starts
            .get(was.end)
            .map_or(last.items.len(), |&e| e as usize);
        let at = self.items.len() as u32;
        let shift = |start: &u32| start - from as u32 + at;
        self.starts.extend(last.starts[was].iter().map(shift));
        self.items.extend_from_slice(&last.items[from..to]);
        true
    }
}

/// A contiguous copy of what a decision keeps of every paragraph.
pub trait Copies {
    /// Adds paragraphs `was` of `last` as the next paragraphs; false when `last` has not all
    /// of them (and nothing is added).
    fn push_kept(&mut self, last: &Self, was: Range<usize>) -> bool;
}

impl<T: Clone> Copies for ByParagraph<T> {
    fn push_kept(&mut self, last: &Self, was: Range<usize>) -> bool {
        ByParagraph::push_kept(self, last, was)
    }
}

/// Copies every paragraph in order to `copies`: what `last` kept of it while it is as it was,
/// and else what `read` reads of it (given `copies` and its index). Paragraphs that follow
/// each other as they did are copied together: an edit leaves a run before it and a run
/// after it.
pub fn keep_or_read<C: Copies>(
    paragraphs: &Paragraphs<'_>,
    copies: &mut C,
    last: Option<&C>,
    mut read: impl FnMut(&mut C, usize),
) {
    let mut i = 0;
    while i < paragraphs.len() {
        let run = paragraphs.was(i).map(|was| {
            let len = (i..paragraphs.len())
                .take_while(|&j| paragraphs.was(j) == Some(was + j - i))
                .count();
            was..was + len
        });
        match (run, last) {
            (Some(run), Some(last)) if copies.push_kept(last, run.clone()) => i += run.len(),
            _ => {
                read(copies, i);
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_kept_a_slice_at_a_time() {
        let mut last = ByParagraph::default();
        for items in [&[1, 2][..], &[], &[3]] {
            last.start_paragraph();
            last.extend(items.iter().copied());
        }
        assert_eq!(last.of(0), [1, 2]);
        assert!(last.of(1).is_empty());
        assert_eq!(last.of(2), [3]);
        assert!(last.of(3).is_empty());
        let mut next = ByParagraph::with_capacity(3);
        assert!(next.push_kept(&last, 2..3));
        next.start_paragraph();
        next.push(9);
        assert_eq!(next.current(), [9]);
        assert!(next.push_kept(&last, 0..2));
        assert!(!next.push_kept(&last, 2..4));
        assert_eq!(next.all(), [3, 9, 1, 2]);
        assert_eq!(next.of(1), [9]);
        assert_eq!(next.of(2), [1, 2]);
        assert!(next.of(3).is_empty());
    }
}
