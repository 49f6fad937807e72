//! Sets of strings kept in one buffer and found through one open-addressing hash table: the
//! country check's indexes (forms, their first words, name stems, known words) cost a few
//! allocations each instead of one per string, which was most of its start-up.
//!
//! The hash is FxHash's step (a rotate, an xor and a multiply) on eight bytes at a time, the
//! last ones packed by hand, and a final mix of the high bits into the low ones, which the
//! table indexes by.

use std::ops::Range;

fn hash(bytes: &[u8]) -> u64 {
    const MULTIPLIER: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let step = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(MULTIPLIER);
    let mut chunks = bytes.chunks_exact(8);
    let mut h = (bytes.len() as u64).wrapping_mul(MULTIPLIER);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = step(h, u64::from_le_bytes(word));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let word = rest
            .iter()
            .rev()
            .fold(0u64, |word, &b| word << 8 | u64::from(b));
        h = step(h, word);
    }
    let h = h ^ (h >> 32);
    h ^ (h >> 17)
}

/// Distinct strings, each with an id (0, 1, 2 ... in the order they were first added).
#[derive(Debug)]
pub(super) struct StrTable {
    text: String,
    /// Per id: its string in `text`.
    spans: Vec<(u32, u32)>,
    /// Per slot: the id + 1 (0 for an empty slot) and the high half of the hash, compared
    /// before the string. A power of two long, at most half full.
    slots: Vec<(u32, u32)>,
}

impl StrTable {
    /// A table for about `strings` strings of `bytes` bytes in all, which it holds without
    /// growing.
    pub fn with_capacity(strings: usize, bytes: usize) -> StrTable {
        StrTable {
            text: String::with_capacity(bytes),
            spans: Vec::with_capacity(strings),
            slots: vec![(0, 0); (strings * 2).next_power_of_two().max(8)],
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn str(&self, id: u32) -> &str {
        let (start, end) = self.spans[id as usize];
        &self.text[start as usize..end as usize]
    }

    /// The id of `s`, added if it is new.
    pub fn insert(&mut self, s: &str) -> u32 {
        if (self.spans.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let hash = hash(s.as_bytes());
        let slot = match self.find(s.as_bytes(), hash) {
            Ok(id) => return id,
            Err(empty) => empty,
        };
        let id = self.spans.len() as u32;
        let start = self.text.len() as u32;
        self.text.push_str(s);
        self.spans.push((start, self.text.len() as u32));
        self.slots[slot] = (id + 1, (hash >> 32) as u32);
        id
    }

    pub fn get(&self, s: impl AsRef<[u8]>) -> Option<u32> {
        let s = s.as_ref();
        self.get_hashed(s, hash(s))
    }

    /// The id of `s`, whose hash is `hash`.
    fn get_hashed(&self, s: &[u8], hash: u64) -> Option<u32> {
        self.find(s, hash).ok()
    }

    /// The id of `s`, whose hash is `hash`, or the empty slot where it would go.
    fn find(&self, s: &[u8], hash: u64) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let tag = (hash >> 32) as u32;
        let mut slot = hash as usize & mask;
        loop {
            let (id, slot_tag) = self.slots[slot];
            if id == 0 {
                return Err(slot);
            }
            if slot_tag == tag {
                let (start, end) = self.spans[id as usize - 1];
                if self.text.as_bytes().get(start as usize..end as usize) == Some(s) {
                    return Ok(id - 1);
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    fn place(&mut self, id: u32, hash: u64) {
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        while self.slots[slot].0 != 0 {
            slot = (slot + 1) & mask;
        }
        self.slots[slot] = (id + 1, (hash >> 32) as u32);
    }

    fn grow(&mut self) {
        self.slots = vec![(0, 0); self.slots.len() * 2];
        for id in 0..self.spans.len() as u32 {
            let hash = hash(self.str(id).as_bytes());
            self.place(id, hash);
        }
    }
}

/// Items grouped by a key id, each group in the order its items came: a counting sort, so that
/// grouping thousands of forms costs two passes and no allocation per group.
pub(super) fn group_by_key<T: Clone>(items: &[(u32, T)], keys: usize) -> (Vec<T>, Vec<Range<u32>>) {
    let mut starts = vec![0u32; keys + 1];
    for &(key, _) in items {
        starts[key as usize + 1] += 1;
    }
    for k in 0..keys {
        starts[k + 1] += starts[k];
    }
    let groups: Vec<Range<u32>> = (0..keys).map(|k| starts[k]..starts[k + 1]).collect();
    let Some((_, filler)) = items.first() else {
        return (Vec::new(), groups);
    };
    let mut grouped = vec![filler.clone(); items.len()];
    for (key, item) in items {
        let at = &mut starts[*key as usize];
        grouped[*at as usize] = item.clone();
        *at += 1;
    }
    (grouped, groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::FastMap;

    #[test]
    fn ids_follow_first_insertion_and_lookups_agree_with_a_map() {
        let mut table = StrTable::with_capacity(2, 4);
        let mut map: FastMap<String, u32> = FastMap::default();
        // Enough strings to grow the table several times, with repeats and near-repeats.
        for i in 0..3000u32 {
            let s = format!("w{}", (i * 7919) % 1000);
            let next = map.len() as u32;
            let expected = *map.entry(s.clone()).or_insert(next);
            assert_eq!(table.insert(&s), expected, "{s}");
        }
        assert_eq!(table.len(), map.len());
        for (s, &id) in &map {
            assert_eq!(table.get(s), Some(id));
            assert_eq!(table.str(id), s);
        }
        for absent in ["", "w", "w1000", "x1", "w01"] {
            assert_eq!(table.get(absent), None, "{absent}");
        }
        assert!(table.insert("") == map.len() as u32 && table.get("").is_some());
    }

    #[test]
    fn groups_keep_the_order_of_their_items() {
        let items = [(2, 'a'), (0, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        let (grouped, groups) = group_by_key(&items, 4);
        assert_eq!(grouped, vec!['b', 'e', 'd', 'a', 'c']);
        assert_eq!(groups, vec![0..2, 2..3, 3..5, 5..5]);
    }
}
