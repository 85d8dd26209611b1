//! The order of migration names. Prisma sorts the folders with JavaScript's
//! `localeCompare` (ICU's root collation), not by bytes, and the two differ
//! where it matters: `_` sorts before the digits in ICU and after them in
//! ASCII, so `20240101_init` runs before `20240101090000_users` under Prisma
//! and after it in byte order; likewise `1_init` before `10_seed`.
//!
//! This is that collation for the characters of folder names: punctuation
//! and symbols first, in ICU's order, then digits, then letters compared
//! without case; on a tie, lowercase before uppercase at the first
//! difference. Other characters sort after the letters by code point, and
//! names equal in all that by their bytes, so the order is total.

use std::cmp::Ordering;

/// ASCII punctuation and symbols in ICU's root order (space first).
const PUNCTUATION: &str = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

/// `a` against `b` in Prisma's order of migration names.
pub fn compare_names(a: &str, b: &str) -> Ordering {
    NameKey::of(a).cmp(&NameKey::of(b))
}

/// A name's place in Prisma's order, made once: sorting by it
/// (`sort_by_cached_key`) weighs each character once, not at every
/// comparison. Compared field by field: the primary weights, then the
/// case of each character, then the bytes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct NameKey {
    primary: Vec<(u8, u32)>,
    uppercase: Vec<bool>,
    name: String,
}

impl NameKey {
    /// The key of `name`.
    pub fn of(name: &str) -> Self {
        NameKey {
            primary: name.chars().map(primary).collect(),
            // Which characters are uppercase (`false`, lowercase, first).
            uppercase: name.chars().map(char::is_uppercase).collect(),
            name: name.to_string(),
        }
    }
}

/// A character's weight, case left out: (group, rank in the group).
fn primary(c: char) -> (u8, u32) {
    match c {
        '0'..='9' => (1, c as u32),
        'a'..='z' | 'A'..='Z' => (2, c.to_ascii_lowercase() as u32),
        c => match PUNCTUATION.find(c) {
            Some(rank) => (0, rank as u32),
            None => (3, c as u32),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::compare_names;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| compare_names(a, b));
        v
    }

    /// The expected orders are what Node's `localeCompare` gives (the
    /// `en-US` locale of Prisma 6.19.3's CLI).
    #[test]
    fn sorts_as_local_compare() {
        assert_eq!(sorted(&["10_b", "2_a", "1_init"]), ["1_init", "10_b", "2_a"],);
        assert_eq!(
            sorted(&["20251018123456_y", "20251018_x"]),
            ["20251018_x", "20251018123456_y"],
        );
        assert_eq!(
            sorted(&["2024_b", "2024_Add", "2024_add", "2024_a-b", "2024_a_b"]),
            ["2024_a_b", "2024_a-b", "2024_add", "2024_Add", "2024_b"],
        );
        assert_eq!(
            sorted(&["Ab", "b", "aB", "ab", "A", "a"]),
            ["a", "A", "ab", "aB", "Ab", "b"]
        );
        assert_eq!(
            sorted(&["20240102000000_x", "0_init", ".hidden"]),
            [".hidden", "0_init", "20240102000000_x"]
        );
    }

    #[test]
    fn timestamped_names_keep_their_order() {
        let names = [
            "20230101000000_init",
            "20230101000001_a",
            "20231231235959_z",
            "20240101000000_b",
        ];
        assert_eq!(sorted(&names), names);
    }
}
