//! Matching candidates against the typed prefix: case-insensitive subsequence, with prefix
//! matches first (exact case before other case), and tighter subsequences before looser ones.

/// How well `candidate` matches `pattern`; `None` when it does not. Higher is better.
pub(crate) fn score(pattern: &str, candidate: &str) -> Option<u32> {
    if pattern.is_empty() {
        return Some(PREFIX_EXACT);
    }
    if candidate.starts_with(pattern) {
        return Some(PREFIX_EXACT);
    }
    let lower = |s: &str| s.to_lowercase();
    let (p, c) = (lower(pattern), lower(candidate));
    if c.starts_with(&p) {
        return Some(PREFIX_FOLDED);
    }
    // A subsequence: the first pattern character must match a word start (the first
    // character or an upper-case letter or one after `_`), so that `rs` finds `ReadString`
    // but not every name with an r and an s somewhere.
    let chars: Vec<char> = candidate.chars().collect();
    let word_start =
        |i: usize| i == 0 || chars[i].is_uppercase() || chars.get(i.wrapping_sub(1)) == Some(&'_');
    let mut want = p.chars().peekable();
    let mut gaps = 0u32;
    let mut matched_any = false;
    for (i, ch) in chars.iter().enumerate() {
        let Some(&w) = want.peek() else { break };
        if ch.to_lowercase().eq(w.to_lowercase()) && (matched_any || word_start(i)) {
            want.next();
            matched_any = true;
        } else if matched_any {
            gaps += 1;
        }
    }
    if want.peek().is_some() {
        return None;
    }
    Some(SUBSEQUENCE.saturating_sub(gaps.min(SUBSEQUENCE - 1)))
}

/// The scores of the three kinds of match; a subsequence loses a point per skipped character.
pub(crate) const PREFIX_EXACT: u32 = 300;
pub(crate) const PREFIX_FOLDED: u32 = 200;
pub(crate) const SUBSEQUENCE: u32 = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_before_subsequences() {
        assert_eq!(score("Pri", "Println"), Some(PREFIX_EXACT));
        assert_eq!(score("pri", "Println"), Some(PREFIX_FOLDED));
        let sub = score("pln", "Println").expect("a subsequence");
        assert!(sub < PREFIX_FOLDED && sub > 0);
        assert!(score("rs", "ReadString") > score("rs", "ReadAllStrings"));
        assert_eq!(score("xyz", "Println"), None);
        assert_eq!(score("ln", "Println"), None, "must start at a word start");
        assert!(score("ln", "print_ln").is_some());
    }
}
