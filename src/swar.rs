//! The byte scans the checks make over all the prose, eight bytes at a time: the end of a word,
//! the next capital, the end of a run of plain bytes. Each is a word of 64 bits tested
//! for bytes of a class at once (the bit 7 of each byte of a mask tells one byte); the first
//! byte that stops the scan is found from the mask's trailing zeros. A test compares each with
//! the byte-by-byte loop it replaces.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = ONES * 0x80;

/// Bit 7 set in each byte of `x` that is in `lo..=hi` (both below 0x80), clear in the others.
#[inline(always)]
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    // With bit 7 cleared, adding at most 0x50 carries into no other byte.
    let low = x & !HIGH;
    let at_least_lo = low + ONES * u64::from(0x80 - lo);
    let above_hi = low + ONES * u64::from(0x7f - hi);
    at_least_lo & !above_hi & !x & HIGH
}

/// Bit 7 set in each byte of `x` that is ASCII: 0x00-0x7f.
#[inline(always)]
fn ascii(x: u64) -> u64 {
    !x & HIGH
}

/// The eight bytes at `at`, if there are eight.
#[inline(always)]
fn eight(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk = bytes.get(at..)?.first_chunk::<8>()?;
    Some(u64::from_le_bytes(*chunk))
}

/// The first byte of a mask's set bits 7, counted from the low end.
#[inline(always)]
fn first(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

/// The end of the run of ASCII letters and digits from `at`: the first byte that is no ASCII
/// letter or digit (another character's byte included), or the end.
#[inline]
pub(crate) fn ascii_word_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(x) = eight(bytes, at) {
        let word = in_range(x, b'a', b'z') | in_range(x, b'A', b'Z') | in_range(x, b'0', b'9');
        let stop = !word & HIGH;
        if stop != 0 {
            return at + first(stop);
        }
        at += 8;
    }
    while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
        at += 1;
    }
    at
}

/// The first byte from `at` that is an ASCII capital or starts a character of two or more
/// bytes (0xc0 and above), if there is one.
#[inline]
pub(crate) fn next_capital_or_other(bytes: &[u8], mut at: usize) -> Option<usize> {
    while let Some(x) = eight(bytes, at) {
        // Bits 7 and 6 set: a leading byte of two or more.
        let leading = x & (x << 1) & HIGH;
        let found = in_range(x, b'A', b'Z') | leading;
        if found != 0 {
            return Some(at + first(found));
        }
        at += 8;
    }
    let rest = bytes.get(at..)?;
    let i = rest
        .iter()
        .position(|&b| b.is_ascii_uppercase() || b >= 0xc0)?;
    Some(at + i)
}

/// Where the bytes from `at` stop being certainly plain — ASCII that is no white space, or a
/// space before such a byte — looking no further than `stop`. The byte there may still be
/// plain (a lone line feed, a space before the end): the caller decides it byte by byte.
#[inline]
pub(crate) fn plain_end(bytes: &[u8], mut at: usize, stop: usize) -> usize {
    while at + 8 <= stop {
        let (Some(x), Some(&next)) = (eight(bytes, at), bytes.get(at + 8)) else {
            break;
        };
        // ASCII above the space is plain; a space is, when the byte after it is.
        let visible = in_range(x, b'!', 0x7f) & ascii(x);
        let space = in_range(x, b' ', b' ');
        let next_visible = (visible >> 8) | (u64::from((0x21..0x80).contains(&next)) << 63);
        let plain = visible | (space & next_visible);
        let not_plain = !plain & HIGH;
        if not_plain != 0 {
            return at + first(not_plain);
        }
        at += 8;
    }
    at
}

/// What one pass over a word of ASCII letters tells the near-miss filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct AsciiLetters {
    /// Some letter is in lower case.
    pub any_lower: bool,
    /// The sum of the letters in lower case.
    pub sum: u64,
    /// The letters in lower case, xored.
    pub xor: u64,
}

/// `word` in lower case, written to `lower`, and what it tells — when it is ASCII letters only
/// (none otherwise) and no longer than `lower`.
#[inline]
pub(crate) fn ascii_letters(word: &[u8], lower: &mut [u8; 32]) -> Option<AsciiLetters> {
    let mut summary = AsciiLetters {
        any_lower: false,
        sum: 0,
        xor: 0,
    };
    let chunks = word.len().div_ceil(8);
    if word.len() > lower.len() {
        return None;
    }
    for c in 0..chunks {
        let at = c * 8;
        let n = (word.len() - at).min(8);
        let x = match word[at..].first_chunk::<8>() {
            Some(eight) => u64::from_le_bytes(*eight),
            // The last bytes, packed by hand: a copy of a few bytes is a call.
            None => word[at..]
                .iter()
                .rev()
                .fold(0u64, |x, &b| x << 8 | u64::from(b)),
        };
        let there = HIGH >> (8 * (8 - n));
        let small = in_range(x, b'a', b'z');
        let capital = in_range(x, b'A', b'Z');
        if (small | capital) & there != there {
            return None;
        }
        summary.any_lower |= small != 0;
        // A capital's bit 7, moved to bit 5, makes it small.
        let y = x | capital >> 2;
        // Eight bytes written (the word's and zeros): `lower` has room for them.
        lower[at..at + 8].copy_from_slice(&y.to_le_bytes());
        // The bytes added in four lanes of sixteen bits, then the lanes.
        let lanes = (y & 0x00ff_00ff_00ff_00ff) + ((y >> 8) & 0x00ff_00ff_00ff_00ff);
        summary.sum += lanes.wrapping_mul(0x0001_0001_0001_0001) >> 48;
        let folded = y ^ (y >> 32);
        let folded = folded ^ (folded >> 16);
        summary.xor ^= (folded ^ (folded >> 8)) & 0xff;
    }
    Some(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ascii_word_end_byte_by_byte(bytes: &[u8], at: usize) -> usize {
        at + bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count()
    }

    fn next_capital_byte_by_byte(bytes: &[u8], at: usize) -> Option<usize> {
        let i = bytes[at..]
            .iter()
            .position(|&b| b.is_ascii_uppercase() || b >= 0xc0)?;
        Some(at + i)
    }

    /// The bytes' classes the scans tell apart, more often than random bytes have them.
    fn bytes() -> impl Strategy<Value = Vec<u8>> {
        let byte = prop_oneof![
            4 => prop::sample::select(b"aAzZ09 ".to_vec()),
            2 => prop::sample::select(b"@`[{/:!~\n\t\r\x0b\x0c\x7f".to_vec()),
            1 => prop::sample::select(vec![0x80u8, 0xa0, 0xbf, 0xc0, 0xc3, 0xe2, 0xff, 0x00]),
            2 => any::<u8>(),
        ];
        prop::collection::vec(byte, 0..40)
    }

    proptest! {
        #[test]
        fn the_scans_find_what_a_byte_loop_finds(bytes in bytes(), at in 0usize..40) {
            let at = at.min(bytes.len());
            prop_assert_eq!(ascii_word_end(&bytes, at), ascii_word_end_byte_by_byte(&bytes, at));
            prop_assert_eq!(next_capital_or_other(&bytes, at), next_capital_byte_by_byte(&bytes, at));
            let end = plain_end(&bytes, at, bytes.len());
            // Everything before the end is plain.
            for i in at..end {
                let b = bytes[i];
                let next_visible = bytes.get(i + 1).is_some_and(|n| (0x21..0x80).contains(n));
                prop_assert!((0x21..0x80).contains(&b) || (b == b' ' && next_visible), "{i}");
            }
            let first_not_plain = (at..bytes.len())
                .find(|&i| {
                    let b = bytes[i];
                    let next_visible = bytes.get(i + 1).is_some_and(|n| (0x21..0x80).contains(n));
                    !((0x21..0x80).contains(&b) || (b == b' ' && next_visible))
                })
                .unwrap_or(bytes.len());
            // It stops short of the first byte that is not only where eight more and the one
            // after them are not there to test.
            prop_assert!(end == first_not_plain || end + 8 >= bytes.len(), "{} {}", end, first_not_plain);
        }
    }

    fn ascii_letters_byte_by_byte(word: &[u8]) -> Option<(Vec<u8>, AsciiLetters)> {
        if word.len() > 32 || !word.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        let lower = word.to_ascii_lowercase();
        let summary = AsciiLetters {
            any_lower: word.iter().any(u8::is_ascii_lowercase),
            sum: lower.iter().map(|&b| u64::from(b)).sum(),
            xor: lower.iter().fold(0, |x, &b| x ^ u64::from(b)),
        };
        Some((lower, summary))
    }

    proptest! {
        #[test]
        fn letters_are_summed_as_a_byte_loop_sums_them(word in bytes()) {
            let mut lower = [0u8; 32];
            let found = ascii_letters(&word, &mut lower).map(|s| (lower[..word.len()].to_vec(), s));
            prop_assert_eq!(found, ascii_letters_byte_by_byte(&word));
        }
    }

    #[test]
    fn letters_of_names() {
        let mut lower = [0u8; 32];
        for word in [
            "Rwanda",
            "KAZAKHSTAN",
            "abcdefghijklmnopqrstuvwxyzABCDEF",
            "Az",
        ] {
            let expected = ascii_letters_byte_by_byte(word.as_bytes());
            let found = ascii_letters(word.as_bytes(), &mut lower)
                .map(|s| (lower[..word.len()].to_vec(), s));
            assert_eq!(found, expected, "{word}");
        }
        assert_eq!(ascii_letters(b"Kenya2", &mut lower), None);
        assert_eq!(ascii_letters(&[b'a'; 33], &mut lower), None);
    }

    #[test]
    fn words_capitals_and_runs_in_a_sentence() {
        let text = b"the Republic of C\xc3\xb4te d'Ivoire and  more";
        assert_eq!(ascii_word_end(text, 4), 12);
        assert_eq!(next_capital_or_other(text, 1), Some(4));
        assert_eq!(next_capital_or_other(text, 5), Some(16));
        assert_eq!(next_capital_or_other(text, 17), Some(17));
        assert_eq!(plain_end(text, 0, text.len()), 17);
        // Two spaces: the first is no plain byte.
        let double = text.len() - 6;
        assert_eq!(&text[double..], b"  more");
        assert_eq!(plain_end(text, double - 8, text.len()), double);
    }
}
