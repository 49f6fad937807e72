//! Where a reader may start again after an edit, and where it may stop because what follows
//! reads as it did before.
//!
//! A checkpoint is an offset at which a reader's whole state is known and small: in Markdown a
//! line start after a blank line outside any fence (nothing before it reaches past it, and only
//! "are we in a list" crosses it); in HTML a line start in text that no earlier tag, comment or
//! script read past. Reading from a checkpoint in that state gives exactly what reading from the
//! start gives from there on. After an edit, a reader starts at the last checkpoint before the
//! edit and stops at the first checkpoint after it whose state is the old one at the same
//! (shifted) place: from there on the text and the state are the same, so the prose is too.

use memchr::memchr;

/// Checkpoints are kept at least this many bytes apart: an edit re-reads at most about twice
/// this around it, and a document keeps one checkpoint per this many bytes.
#[cfg(not(test))]
const GAP: usize = 512;
/// Small in unit tests, so that short texts have many checkpoints.
#[cfg(test)]
const GAP: usize = 8;

/// A place where a reader may start again, with its state there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Checkpoint {
    pub at: usize,
    /// Markdown: whether the reader is in a list (an indented line is then no code block).
    pub in_list: bool,
}

impl Checkpoint {
    pub fn at(at: usize) -> Checkpoint {
        Checkpoint { at, in_list: false }
    }
}

/// What a document keeps to be read again in part after an edit.
#[derive(Debug, Clone, Default)]
pub(super) struct Resume {
    /// Ascending. The first is where the reader starts (the body, after any front matter); none
    /// for plain text, whose lines are read each alone.
    pub checkpoints: Vec<Checkpoint>,
    /// An edit starting before this offset may change what is read before the first checkpoint
    /// (Markdown front matter), and needs the document read whole.
    pub settled_from: usize,
}

/// One change of a text: `start..old_end` of the old text became `start..new_end` of the new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl Change {
    /// The one change that turns `old` into `new`: everything between their common start and
    /// their common end.
    pub fn between(old: &str, new: &str) -> Change {
        let (old, new) = (old.as_bytes(), new.as_bytes());
        let start = common_prefix(old, new);
        let most = old.len().min(new.len()) - start;
        let suffix = common_suffix(&old[start..], &new[start..]).min(most);
        Change {
            start,
            old_end: old.len() - suffix,
            new_end: new.len() - suffix,
        }
    }

    /// An offset of the old text at or after `old_end`, in the new text.
    pub fn shift(&self, old_offset: usize) -> usize {
        old_offset - self.old_end + self.new_end
    }

    /// The one change that covers this change and then `later`, a change of the text this
    /// one made.
    pub fn then(self, later: Change) -> Change {
        // Past both ends, in the middle text, the three texts are the same.
        let end = self.new_end.max(later.old_end);
        Change {
            start: self.start.min(later.start),
            old_end: end - self.new_end + self.old_end,
            new_end: end - later.old_end + later.new_end,
        }
    }

    /// The one change that covers two changes between texts of the same lengths (a source
    /// and its prose): both move what follows them by the same amount.
    pub fn union(self, other: Change) -> Change {
        let unchanged = |c: &Change| c.start == c.old_end && c.old_end == c.new_end;
        if unchanged(&other) {
            return self;
        }
        if unchanged(&self) {
            return other;
        }
        Change {
            start: self.start.min(other.start),
            old_end: self.old_end.max(other.old_end),
            new_end: self.new_end.max(other.new_end),
        }
    }
}

/// Compared a block at a time: each block is one `memcmp`, and a 1 MB text takes microseconds.
const BLOCK: usize = 256;

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    i + a[i..n]
        .iter()
        .zip(&b[i..n])
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + BLOCK <= n && a[n - i - BLOCK..n - i] == b[n - i - BLOCK..n - i] {
        i += BLOCK;
    }
    i + a[..n - i]
        .iter()
        .rev()
        .zip(b[..n - i].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// What a reader reports as it goes: the checkpoints it passes, and (after an edit) whether it
/// has reached one of the old document's where it may stop.
pub(super) struct Track<'a> {
    pub found: Vec<Checkpoint>,
    last: Option<usize>,
    /// The old document's checkpoints after the edit, in old offsets; `next` is the first not
    /// yet passed.
    stops: &'a [Checkpoint],
    next: usize,
    change: Option<Change>,
    stopped: bool,
}

impl<'a> Track<'a> {
    /// For a whole read: no stops.
    pub fn whole() -> Track<'static> {
        Track {
            found: Vec::new(),
            last: None,
            stops: &[],
            next: 0,
            change: None,
            stopped: false,
        }
    }

    /// For a read from `from` after `change`; `stops` are the old checkpoints after the edit.
    pub fn after(change: Change, from: usize, stops: &'a [Checkpoint]) -> Track<'a> {
        Track {
            found: Vec::new(),
            last: Some(from),
            stops,
            next: 0,
            change: Some(change),
            stopped: false,
        }
    }

    /// The index among the stops of the one the reader stopped at, if it stopped.
    pub fn stopped_at(&self) -> Option<usize> {
        self.stopped.then_some(self.next)
    }

    /// The next stop, in new offsets.
    fn peek_stop(&self) -> Option<Checkpoint> {
        let change = self.change?;
        let old = self.stops.get(self.next)?;
        Some(Checkpoint {
            at: change.shift(old.at),
            in_list: old.in_list,
        })
    }

    /// Keeps a checkpoint, unless the last one is nearer than `GAP`.
    pub fn record(&mut self, c: Checkpoint) {
        if self.last.is_none_or(|last| c.at >= last + GAP) {
            self.found.push(c);
            self.last = Some(c.at);
        }
    }

    /// The reader is at a checkpoint `c`: true when it may stop there (the old document had
    /// the same checkpoint at the same place after the edit).
    pub fn at_checkpoint(&mut self, c: Checkpoint) -> bool {
        while let Some(stop) = self.peek_stop() {
            if stop.at > c.at {
                break;
            }
            if stop == c {
                self.stopped = true;
                return true;
            }
            self.next += 1;
        }
        self.record(c);
        false
    }

    /// The HTML reader is in text over `text` (its start excluded, its end included: the end is
    /// where the next `<` is) and no markup before read at or past `clean_from`. Records the
    /// checkpoints there and returns where the reader may stop, if it may.
    pub fn in_text(
        &mut self,
        source: &str,
        text: std::ops::Range<usize>,
        clean_from: usize,
    ) -> Option<usize> {
        let lowest = (text.start + 1).max(clean_from);
        let mut stop = None;
        while let Some(s) = self.peek_stop() {
            if s.at < lowest {
                self.next += 1;
                continue;
            }
            if s.at <= text.end {
                stop = Some(s.at);
                self.stopped = true;
            }
            break;
        }
        // Line starts `c` in `from..=last`: `c - 1` is a '\n'.
        let last = stop.map_or(text.end, |s| s - 1);
        let mut from = lowest.max(self.last.map_or(0, |l| l + GAP));
        let bytes = source.as_bytes();
        while from <= last {
            let Some(p) = memchr(b'\n', &bytes[from - 1..last]) else {
                break;
            };
            let c = from + p;
            self.record(Checkpoint::at(c));
            from = c + GAP;
        }
        stop
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_change_between_two_texts_is_what_differs() {
        let change = Change::between("abcdef", "abXYef");
        assert_eq!(
            change,
            Change {
                start: 2,
                old_end: 4,
                new_end: 4
            }
        );
        // A repeated letter: the prefix takes what it can, the suffix what is left.
        let change = Change::between("aaa", "aaaa");
        assert_eq!((change.start, change.old_end, change.new_end), (3, 3, 4));
        let long = "x".repeat(1000);
        let change = Change::between(&long, &format!("{long}y"));
        assert_eq!(
            (change.start, change.old_end, change.new_end),
            (1000, 1000, 1001)
        );
        let change = Change::between(&format!("y{long}"), &long);
        assert_eq!((change.start, change.old_end, change.new_end), (0, 1, 0));
    }
}
