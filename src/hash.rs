//! A fast hash for the lookups by word that the checks make for nearly every word of a
//! document (is it a country's form, a known name, an acronym?). The standard library's
//! SipHash resists crafted collisions, which costs more than the rest of such a lookup; a
//! linter of the user's own files needs no such defence. This is FxHash, the hash of rustc (a
//! rotate, an xor and a multiply for every eight bytes), with a final mix of the high bits
//! into the low ones.
//!
//! `build.rs` compiles this file too, to lay out the English word list as a hash table: the
//! build and the program must hash alike, so this file names nothing else of the crate.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const MULTIPLIER: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(MULTIPLIER);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            // The length keeps "ab" and "ab\0" apart.
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The multiply leaves the low bits, which hash tables index by, depending on the low
    /// bits of the input only: fold the high bits down before they are used.
    #[inline]
    fn finish(&self) -> u64 {
        let h = self.hash ^ (self.hash >> 32);
        (h ^ (h >> 29)).wrapping_mul(MULTIPLIER) ^ (h >> 32)
    }
}

pub type FastBuildHasher = BuildHasherDefault<FastHasher>;
pub type FastMap<K, V> = HashMap<K, V, FastBuildHasher>;
pub type FastSet<T> = HashSet<T, FastBuildHasher>;

/// The hash of a string's bytes: the same in the build script and in the program.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = FastHasher::default();
    h.write(bytes);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_and_sets_work_with_it() {
        let mut set: FastSet<String> = FastSet::default();
        for w in [
            "japan",
            "japanese",
            "ja",
            "j",
            "",
            "a longer key of many bytes",
        ] {
            assert!(set.insert(w.to_string()));
        }
        assert!(set.contains("japan"));
        assert!(!set.contains("japa"));
        let map: FastMap<&str, usize> = [("un", 1), ("eu", 2)].into_iter().collect();
        assert_eq!(map.get("eu"), Some(&2));
    }

    #[test]
    fn low_bits_spread() {
        // Words that differ only at their start must still spread over a small table.
        let words = [
            "aaaa", "baaa", "caaa", "daaa", "eaaa", "faaa", "gaaa", "haaa",
        ];
        let buckets: FastSet<u64> = words
            .iter()
            .map(|w| hash_bytes(w.as_bytes()) & 15)
            .collect();
        assert!(buckets.len() >= 5, "{buckets:?}");
    }

    #[test]
    fn trailing_zero_bytes_change_the_hash() {
        assert_ne!(hash_bytes(b"ab"), hash_bytes(b"ab\0"));
        assert_ne!(hash_bytes(b""), hash_bytes(b"\0"));
        assert_eq!(hash_bytes(b"japan"), hash_bytes(b"japan"));
    }
}
