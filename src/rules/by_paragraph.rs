//! What a decision keeps of each paragraph (a copy of its facts, its reasons), every
//! paragraph's in one contiguous list: the next decision reads them in one pass, and copies
//! those of the paragraphs an edit left alone a slice at a time.

use super::Paragraphs;

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

    /// Adds paragraph `was` of `last` as the next paragraph; false when `last` has no such
    /// paragraph.
    pub fn push_kept(&mut self, last: &Self, was: usize) -> bool {
        if was >= last.starts.len() {
            return false;
        }
        self.start_paragraph();
        self.items.extend_from_slice(last.of(was));
        true
    }
}

/// A contiguous copy of what a decision keeps of every paragraph.
pub trait Copies {
    /// Adds paragraph `was` of `last` as the next paragraph; false when `last` has no such
    /// paragraph.
    fn push_kept(&mut self, last: &Self, was: usize) -> bool;
}

impl<T: Clone> Copies for ByParagraph<T> {
    fn push_kept(&mut self, last: &Self, was: usize) -> bool {
        ByParagraph::push_kept(self, last, was)
    }
}

/// Copies every paragraph in order to `copies`: what `last` kept of it while it is as it was,
/// and else what `read` reads of it (given `copies` and its index).
pub fn keep_or_read<C: Copies>(
    paragraphs: &Paragraphs<'_>,
    copies: &mut C,
    last: Option<&C>,
    mut read: impl FnMut(&mut C, usize),
) {
    for i in 0..paragraphs.len() {
        let was = paragraphs.was(i).zip(last);
        if !was.is_some_and(|(was, last)| copies.push_kept(last, was)) {
            read(copies, i);
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
        assert!(next.push_kept(&last, 2));
        next.start_paragraph();
        next.push(9);
        assert_eq!(next.current(), [9]);
        assert!(next.push_kept(&last, 0));
        assert!(!next.push_kept(&last, 3));
        assert_eq!(next.all(), [3, 9, 1, 2]);
        assert_eq!(next.of(1), [9]);
    }
}
