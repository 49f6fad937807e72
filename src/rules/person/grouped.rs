//! Lists by a key number, flat: what the person check's indexes group by word, person, family
//! or country.

use super::offset;
use std::ops::Range;

/// Lists by a key number (a word, a person, a family): one flat list and a range per key, each
/// list in the order its members were added.
pub struct Grouped<T = u32> {
    ranges: Vec<Range<u32>>,
    members: Vec<T>,
}

impl<T> Default for Grouped<T> {
    fn default() -> Self {
        Grouped {
            ranges: Vec::new(),
            members: Vec::new(),
        }
    }
}

impl<T: Copy + PartialEq> Grouped<T> {
    /// Groups `(key, member)` pairs by key, keys below `keys` (others are left out): a
    /// counting sort, which keeps the order of the members of a key.
    pub fn from_pairs(keys: usize, pairs: &[(u32, T)]) -> Grouped<T> {
        let in_range = |key: u32| (key as usize) < keys;
        // Where each key's members start, then (moved along) where the next one goes.
        let mut next = vec![0u32; keys + 1];
        for &(key, _) in pairs.iter().filter(|(k, _)| in_range(*k)) {
            next[key as usize + 1] += 1;
        }
        for k in 1..next.len() {
            next[k] += next[k - 1];
        }
        let ranges = next.windows(2).map(|w| w[0]..w[1]).collect();
        let mut order = vec![0u32; next[keys] as usize];
        for (p, &(key, _)) in pairs.iter().enumerate().filter(|(_, (k, _))| in_range(*k)) {
            order[next[key as usize] as usize] = offset(p);
            next[key as usize] += 1;
        }
        Grouped {
            ranges,
            members: order.iter().map(|&p| pairs[p as usize].1).collect(),
        }
    }

    /// The same groups without a member repeated right after itself.
    pub fn without_repeats(self) -> Grouped<T> {
        let mut members = Vec::with_capacity(self.members.len());
        let ranges = self
            .ranges
            .iter()
            .map(|r| {
                let start = members.len();
                for &m in &self.members[r.start as usize..r.end as usize] {
                    if members.len() == start || members.last() != Some(&m) {
                        members.push(m);
                    }
                }
                offset(start)..offset(members.len())
            })
            .collect();
        Grouped { ranges, members }
    }

    pub fn get(&self, key: u32) -> &[T] {
        self.ranges
            .get(key as usize)
            .map_or(&[], |r| &self.members[r.start as usize..r.end as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_keeps_the_order_of_members() {
        let pairs = [
            (2, 'a'),
            (0, 'b'),
            (2, 'c'),
            (2, 'c'),
            (1, 'd'),
            (5, 'e'),
            (0, 'b'),
        ];
        let grouped = Grouped::from_pairs(3, &pairs);
        assert_eq!(grouped.get(0), ['b', 'b']);
        assert_eq!(grouped.get(1), ['d']);
        assert_eq!(grouped.get(2), ['a', 'c', 'c']);
        assert!(grouped.get(3).is_empty() && grouped.get(5).is_empty());
        let once = grouped.without_repeats();
        assert_eq!(once.get(0), ['b']);
        assert_eq!(once.get(2), ['a', 'c']);
    }
}
