//! "Did you mean …?": the closest candidate by edit distance, if it is close enough.

/// The candidate closest to `word`, if it is plausibly a typo of it: a case-insensitive match,
/// an optimal-string-alignment distance of at most a third of the word (at least 1), or a
/// prefix relation at a `_` boundary (`speed` → `speed_mps`). Ties go to the earlier candidate.
pub(crate) fn closest<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let cand_lower = candidate.to_lowercase();
        let distance = if cand_lower == lower {
            0
        } else if is_unit_prefix(&lower, &cand_lower) || is_unit_prefix(&cand_lower, &lower) {
            1
        } else {
            let d = strsim::osa_distance(&lower, &cand_lower);
            if d > limit {
                continue;
            }
            d
        };
        if best.is_none_or(|(b, _)| distance < b) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `short` is `long` minus a `_suffix` (a unit), e.g. `speed` of `speed_mps`.
fn is_unit_prefix(short: &str, long: &str) -> bool {
    !short.is_empty()
        && long
            .strip_prefix(short)
            .is_some_and(|rest| rest.starts_with('_'))
}

/// "did you mean `x`?" for [`closest`].
pub(crate) fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// `a`, `b`, `c` (backquoted, comma-separated).
pub(crate) fn quoted_list<'c>(items: impl IntoIterator<Item = &'c str>) -> String {
    items
        .into_iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_typos_units_and_case() {
        let keys = ["lat_deg", "lon_deg", "alt_m", "speed_mps", "name"];
        assert_eq!(closest("lat_dg", keys), Some("lat_deg"));
        assert_eq!(closest("speed", keys), Some("speed_mps"));
        assert_eq!(closest("NAME", keys), Some("name"));
        assert_eq!(closest("altitude", keys), None);
        assert_eq!(closest("x", keys), None);
        assert_eq!(
            closest("srbn", ["srbm", "mrbm", "irbm", "cruise"]),
            Some("srbm")
        );
    }
}
