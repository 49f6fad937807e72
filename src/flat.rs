//! Flat tables that the checks' indexes are built from at start-up: strings numbered in one
//! buffer ([`StrTable`]) and items grouped by a key number ([`group_by_key`]). Thousands of
//! registry words and forms then cost a few allocations in all instead of one each, which was
//! most of start-up.

use crate::hash::FastHasher;
use std::hash::Hasher;
use std::ops::Range;

/// The hash a [`StrTable`] files a string by: [`FastHasher`] over its bytes, eight at a time
/// (a reader that folds a word can hash its folded form from the text's bytes the same way, and
/// look it up with [`StrTable::find`] without a folded copy).
pub fn hash_of(bytes: &[u8]) -> u64 {
    let mut hasher = FastHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

/// Distinct strings, each with an id (0, 1, 2 ... in the order they were first added), kept
/// back to back in one buffer and found through one open-addressing hash table.
#[derive(Debug, Clone)]
pub struct StrTable {
    text: String,
    /// Per id: its string in `text`.
    spans: Vec<Range<u32>>,
    /// Per slot: the high half of the string's hash and its id + 1, or 0 for an empty slot.
    /// A power of two long and at most half full, so that a probe ends soon; only a string of
    /// the same high half is compared.
    slots: Vec<u64>,
}

/// Where a string that a [`StrTable`] does not hold would go.
#[derive(Debug, Clone, Copy)]
pub struct Vacant {
    slot: usize,
    hash: u64,
}

impl StrTable {
    /// A table for about `strings` strings of `bytes` bytes in all, which it holds without
    /// growing.
    pub fn with_capacity(strings: usize, bytes: usize) -> StrTable {
        StrTable {
            text: String::with_capacity(bytes),
            spans: Vec::with_capacity(strings),
            slots: vec![0; (strings * 2).next_power_of_two().max(8)],
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// String `id` ("" for an id the table did not give).
    pub fn str(&self, id: u32) -> &str {
        self.spans
            .get(id as usize)
            .map_or("", |s| &self.text[s.start as usize..s.end as usize])
    }

    /// The id of `s`, added if it is new.
    pub fn insert(&mut self, s: &str) -> u32 {
        match self.find(hash_of(s.as_bytes()), |stored| stored == s.as_bytes()) {
            Ok(id) => id,
            Err(vacant) => self.insert_at(vacant, |text| text.push_str(s)),
        }
    }

    pub fn get(&self, s: impl AsRef<[u8]>) -> Option<u32> {
        let s = s.as_ref();
        self.find(hash_of(s), |stored| stored == s).ok()
    }

    /// The id of the string of hash `hash` (as [`hash_of`] gives it) that `same` takes for
    /// the one looked for, or where that one would go.
    #[inline]
    pub fn find(&self, hash: u64, same: impl Fn(&[u8]) -> bool) -> Result<u32, Vacant> {
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            match self.slots[slot] {
                0 => return Err(Vacant { slot, hash }),
                e if e >> 32 == hash >> 32 && same(self.str(e as u32 - 1).as_bytes()) => {
                    return Ok(e as u32 - 1);
                }
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Adds the string that `write` appends to the buffer, at the place [`StrTable::find`]
    /// found vacant for it (nothing may be added in between); its id.
    pub fn insert_at(&mut self, vacant: Vacant, write: impl FnOnce(&mut String)) -> u32 {
        let id = offset(self.spans.len());
        let start = self.text.len();
        write(&mut self.text);
        self.spans.push(offset(start)..offset(self.text.len()));
        self.slots[vacant.slot] = entry(vacant.hash, id);
        if self.spans.len() * 2 > self.slots.len() {
            self.grow();
        }
        id
    }

    /// Twice the slots, every string placed again.
    fn grow(&mut self) {
        let mask = self.slots.len() * 2 - 1;
        self.slots = vec![0; mask + 1];
        for id in 0..offset(self.spans.len()) {
            let hash = hash_of(self.str(id).as_bytes());
            let mut slot = hash as usize & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = entry(hash, id);
        }
    }
}

/// A slot for string `id` of hash `hash`.
fn entry(hash: u64, id: u32) -> u64 {
    (hash & !0xffff_ffff) | u64::from(id + 1)
}

/// A position or count in a table of registry words: far below 4 GB.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// Items grouped by a key below `keys` (items of other keys are left out), each group in the
/// order its items came: a counting sort, two passes and no allocation per group. The items in
/// group order, and each key's range of them.
pub fn group_by_key<T: Clone>(items: &[(u32, T)], keys: usize) -> (Vec<T>, Vec<Range<u32>>) {
    let in_range = |key: u32| (key as usize) < keys;
    // Where each key's items start, then (moved along) where its next one goes.
    let mut next = vec![0u32; keys + 1];
    for &(key, _) in items.iter().filter(|(k, _)| in_range(*k)) {
        next[key as usize + 1] += 1;
    }
    for k in 0..keys {
        next[k + 1] += next[k];
    }
    let groups: Vec<Range<u32>> = next.windows(2).map(|w| w[0]..w[1]).collect();
    let mut grouped = Vec::new();
    if let Some((_, filler)) = items.first() {
        grouped = vec![filler.clone(); next[keys] as usize];
        for (key, item) in items.iter().filter(|(k, _)| in_range(*k)) {
            let at = &mut next[*key as usize];
            grouped[*at as usize] = item.clone();
            *at += 1;
        }
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
        assert_eq!(table.str(u32::MAX), "");
    }

    fn lower(raw: &[u8]) -> impl Fn(&[u8]) -> bool + '_ {
        move |stored| stored.eq_ignore_ascii_case(raw)
    }

    #[test]
    fn a_string_written_otherwise_is_found_and_added_through_find() {
        let mut table = StrTable::with_capacity(4, 16);
        let suga = match table.find(hash_of(b"suga"), lower(b"SUGA")) {
            Ok(_) => panic!("empty table"),
            Err(vacant) => table.insert_at(vacant, |text| text.push_str("suga")),
        };
        assert_eq!(
            table.find(hash_of(b"suga"), lower(b"Suga")).ok(),
            Some(suga)
        );
        assert_eq!(table.get("suga"), Some(suga));
    }

    #[test]
    fn groups_keep_the_order_of_their_items() {
        let items = [(2, 'a'), (0, 'b'), (2, 'c'), (1, 'd'), (0, 'e'), (9, 'x')];
        let (grouped, groups) = group_by_key(&items, 4);
        assert_eq!(grouped, vec!['b', 'e', 'd', 'a', 'c']);
        assert_eq!(groups, vec![0..2, 2..3, 3..5, 5..5]);
        assert_eq!(group_by_key::<char>(&[], 2), (vec![], vec![0..0, 0..0]));
    }
}
