//! "Did you mean ...?" for misspelled names.
//!
//! Cheap on any input: names longer than [`MAX_NAME`] get no suggestion,
//! candidates whose length is too different are skipped before any
//! comparison, the edit distance is computed only as far as the budget of
//! edits, and one validation compares at most [`COMPARISONS`] candidates in
//! all (thousands of mistakes against thousands of names stay fast; the
//! messages beyond the budget go without a suggestion).

use std::cell::Cell;

/// Longer names are not typos worth a suggestion.
const MAX_NAME: usize = 64;

/// Candidate comparisons one validation may make.
pub const COMPARISONS: usize = 200_000;

/// The comparisons left for one validation.
#[derive(Debug)]
pub struct Suggester {
    left: Cell<usize>,
}

impl Default for Suggester {
    fn default() -> Self {
        Suggester {
            left: Cell::new(COMPARISONS),
        }
    }
}

impl Suggester {
    /// ` Did you mean `x`?` or nothing, to append to a message.
    pub fn did_you_mean<'a>(&self, name: &str, candidates: impl IntoIterator<Item = &'a str>, prefix: &str) -> String {
        self.closest(name, candidates)
            .map(|c| format!(" Did you mean `{prefix}{c}`?"))
            .unwrap_or_default()
    }

    /// The candidate closest to `name`, if it is close enough to be a typo:
    /// the same letters in another case, or a few edits away.
    pub fn closest<'a>(&self, name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
        let written = name;
        let name: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
        if name.is_empty() || name.len() > MAX_NAME {
            return None;
        }
        let budget = name.len().div_ceil(3).clamp(1, 3);
        let mut best: Option<(usize, &str)> = None;
        for candidate in candidates {
            let left = self.left.get();
            if left == 0 || best.is_some_and(|(d, _)| d == 0) {
                break;
            }
            self.left.set(left - 1);
            // Bytes bound characters: skip long candidates before reading them.
            if candidate.len() > 4 * (MAX_NAME + budget) {
                continue;
            }
            let other: Vec<char> = candidate.chars().flat_map(char::to_lowercase).collect();
            if other.len().abs_diff(name.len()) > budget {
                continue;
            }
            let limit = best.map_or(budget, |(d, _)| d.saturating_sub(1));
            match distance_within(&name, &other, limit) {
                Some(d) if candidate != written => best = Some((d, candidate)),
                _ => {}
            }
        }
        best.map(|(_, c)| c)
    }
}

/// The Levenshtein distance of `a` and `b` if it is at most `limit`: only
/// the diagonal band of width `2 * limit + 1` is computed.
fn distance_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let far = limit + 1;
    let mut row: Vec<usize> = (0..=b.len()).map(|j| j.min(far)).collect();
    for (i, ca) in a.iter().enumerate() {
        let (lo, hi) = ((i + 1).saturating_sub(limit), (i + 1 + limit).min(b.len()));
        let mut diagonal = row[lo.saturating_sub(1)];
        row[0] = (i + 1).min(far);
        if lo > 1 {
            row[lo - 1] = far;
        }
        let mut row_min = row[0];
        for j in lo.max(1)..=hi {
            let above = row[j];
            let cost = if *ca == b[j - 1] {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j - 1])
            };
            row[j] = cost.min(far);
            row_min = row_min.min(row[j]);
            diagonal = above;
        }
        if hi < b.len() {
            row[hi + 1] = far;
        }
        if row_min > limit {
            return None;
        }
    }
    (row[b.len()] <= limit).then_some(row[b.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
        Suggester::default().closest(name, candidates)
    }

    fn distance(a: &str, b: &str) -> Option<usize> {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        distance_within(&a, &b, 3)
    }

    #[test]
    fn finds_typos_and_case_slips() {
        assert_eq!(closest("Strin", ["String", "Int"]), Some("String"));
        assert_eq!(closest("Varchar", ["VarChar", "Char"]), Some("VarChar"));
        assert_eq!(closest("uniq", ["unique", "id"]), Some("unique"));
        assert_eq!(closest("nmae", ["name", "id"]), Some("name"));
        assert_eq!(closest("zzz", ["String", "Int"]), None);
        assert_eq!(closest("name", ["name"]), None);
        assert_eq!(closest("Stirng", ["Strings", "String"]), Some("String"));
    }

    #[test]
    fn banded_distance_is_the_edit_distance() {
        assert_eq!(distance("kitten", "sitting"), Some(3));
        assert_eq!(distance("flaw", "lawn"), Some(2));
        assert_eq!(distance("abc", "abc"), Some(0));
        assert_eq!(distance("", "ab"), Some(2));
        assert_eq!(distance("abcdefgh", "hgfedcba"), None);
        assert_eq!(distance("a", "abcde"), None);
    }

    #[test]
    fn long_names_and_a_spent_budget_get_no_suggestion() {
        let long = "Q".repeat(2_000_000);
        let near = format!("{long}R");
        assert_eq!(closest(&long, [near.as_str()]), None);
        let suggester = Suggester::default();
        let many = vec!["Strinx"; COMPARISONS];
        assert_eq!(suggester.closest("String", many.iter().copied()), Some("Strinx"));
        assert_eq!(suggester.closest("Strin", ["String"]), None);
    }
}
