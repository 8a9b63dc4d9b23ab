//! Fuzzy matching for symbol search: the query's characters must appear in the name in order,
//! ignoring case; the best alignment scores highest when its characters start words (the
//! name's start, after `.` or `_`, a camelCase hump such as the `W` of `ResponseWriter` or
//! the `S` of `HTTPServer`) and run consecutively. So `rw` ranks `ResponseWriter` above
//! `Drawer`, and `println` ranks `Println` above `Sprintln`.

/// A query, prepared once for matching against many names.
pub(crate) struct Matcher {
    query: Vec<char>,
    folded: Vec<char>,
    /// The query's [`char_mask`]: a name lacking one of its bits cannot match.
    mask: u64,
    // Buffers reused from name to name: a search scores thousands of names.
    chars: Vec<char>,
    folded_name: Vec<char>,
    bonus: Vec<i32>,
    row: Vec<i32>,
    next_row: Vec<i32>,
}

const MATCH: i32 = 1;
const SAME_CASE: i32 = 1;
const CONSECUTIVE: i32 = 5;
const AT_START: i32 = 10;
const AT_BOUNDARY: i32 = 8;
const EXACT: i32 = 25;

fn fold(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// The set of characters of `name`, ignoring case, as bits: one per letter and digit, one
/// for `_`, one for `.`, one for everything else. Computed once per name when indexing, it
/// rejects most names of a search with one test.
pub(crate) fn char_mask(name: &str) -> u64 {
    name.chars().fold(0, |mask, c| mask | char_bit(fold(c)))
}

fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        '_' => 1 << 36,
        '.' => 1 << 37,
        _ => 1 << 38,
    }
}

impl Matcher {
    pub(crate) fn new(query: &str) -> Matcher {
        let query: Vec<char> = query.chars().filter(|c| !c.is_whitespace()).collect();
        let folded: Vec<char> = query.iter().copied().map(fold).collect();
        let mask = folded.iter().fold(0, |mask, &c| mask | char_bit(c));
        Matcher {
            query,
            folded,
            mask,
            chars: Vec::new(),
            folded_name: Vec::new(),
            bonus: Vec::new(),
            row: Vec::new(),
            next_row: Vec::new(),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.query.is_empty()
    }

    /// Whether a name with this [`char_mask`] can match at all.
    pub(crate) fn may_match(&self, name_mask: u64) -> bool {
        name_mask & self.mask == self.mask
    }

    /// The score of the best alignment of the query in `name`; `None` if there is none.
    pub(crate) fn score(&mut self, name: &str) -> Option<i32> {
        let chars = &mut self.chars;
        chars.clear();
        chars.extend(name.chars());
        let folded = &mut self.folded_name;
        folded.clear();
        folded.extend(chars.iter().copied().map(fold));
        // Most names fail this cheap test; only matches pay for the alignment below.
        let mut want = 0;
        for &c in folded.iter() {
            if want < self.folded.len() && c == self.folded[want] {
                want += 1;
            }
        }
        if want < self.folded.len() {
            return None;
        }
        let n = chars.len();
        self.bonus.clear();
        self.bonus.extend((0..n).map(|j| boundary_bonus(chars, j)));
        const NONE: i32 = i32::MIN / 2;
        // row[j]: the best score with the query so far matched and its last character at j.
        let (row, next_row) = (&mut self.row, &mut self.next_row);
        row.clear();
        row.resize(n, NONE);
        for i in 0..self.query.len() {
            let (q, qf) = (self.query[i], self.folded[i]);
            next_row.clear();
            next_row.resize(n, NONE);
            // The best score of the previous row strictly before j - 1.
            let mut best_before = NONE;
            for j in 0..n {
                if j >= 2 {
                    best_before = best_before.max(row[j - 2]);
                }
                if folded[j] != qf {
                    continue;
                }
                let from = if i == 0 {
                    0
                } else {
                    let consecutive = if j >= 1 && row[j - 1] > NONE {
                        row[j - 1] + CONSECUTIVE
                    } else {
                        NONE
                    };
                    consecutive.max(best_before)
                };
                if from <= NONE {
                    continue;
                }
                let same_case = if chars[j] == q { SAME_CASE } else { 0 };
                next_row[j] = from + MATCH + self.bonus[j] + same_case;
            }
            std::mem::swap(row, next_row);
        }
        let mut score = row.iter().copied().max().filter(|&s| s > NONE)?;
        if n == self.query.len() {
            score += EXACT;
        }
        // Among equal alignments, the shorter name says less that the query did not ask for.
        score -= (n - self.query.len()).min(40) as i32 / 4;
        Some(score)
    }
}

/// How much a match at `j` is worth for where it is: the start of a word scores.
fn boundary_bonus(chars: &[char], j: usize) -> i32 {
    if j == 0 {
        return AT_START;
    }
    let (prev, c) = (chars[j - 1], chars[j]);
    if matches!(prev, '.' | '_') && c != '.' && c != '_' {
        return AT_BOUNDARY;
    }
    if c.is_uppercase() {
        // `userID` at `I`; `HTTPServer` at `S` (an upper case letter before a lower case one).
        let hump = prev.is_lowercase() || prev.is_ascii_digit();
        let acronym_end =
            prev.is_uppercase() && chars.get(j + 1).is_some_and(|next| next.is_lowercase());
        if hump || acronym_end {
            return AT_BOUNDARY;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::Matcher;

    fn rank<'a>(query: &str, names: &[&'a str]) -> Vec<&'a str> {
        let mut m = Matcher::new(query);
        let mut scored: Vec<(i32, &str)> = names
            .iter()
            .filter_map(|n| m.score(n).map(|s| (s, *n)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.len().cmp(&b.1.len())));
        scored.into_iter().map(|(_, n)| n).collect()
    }

    #[test]
    fn a_subsequence_ignoring_case_matches() {
        let mut m = Matcher::new("rdr");
        assert!(m.score("Reader").is_some());
        assert!(m.score("READER").is_some());
        assert!(m.score("Writer").is_none());
        assert!(m.score("rd").is_none());
        assert!(m.may_match(super::char_mask("DataReader")));
        assert!(!m.may_match(super::char_mask("Writer")));
    }

    #[test]
    fn word_starts_and_exact_names_rank_first() {
        assert_eq!(
            rank("rw", &["Drawer", "ResponseWriter", "ReadWriter", "rawFlag"]),
            ["ReadWriter", "ResponseWriter", "rawFlag", "Drawer"]
        );
        assert_eq!(
            rank("println", &["Sprintln", "Println", "Fprintln"])[0],
            "Println"
        );
        assert_eq!(
            rank("serve", &["ListenAndServe", "Server", "Serve"])[..2],
            ["Serve", "Server"]
        );
        assert_eq!(rank("hs", &["hash", "HTTPServer"])[0], "HTTPServer");
        assert_eq!(rank("T.m", &["T.m", "Tx.mu", "TypeMap"])[0], "T.m");
    }
}
