//! GOSPA (α = 2) and OSPA over point sets, via the optimal assignment on `min(d, c)^p`.

use assignment::{Assignment, CostMatrix, MAX_ABS_COST};

/// GOSPA at one time step, decomposed as Stone Soup's `GOSPAMetric` does (α = 2).
///
/// `localisation`, `missed` and `false_tracks` are the *p-th power* contributions, so
/// `total = (localisation + missed + false_tracks)^(1/p)`. A missed truth and a false track each
/// add `c^p / 2`. An assigned pair whose capped cost equals `c^p` (distance ≥ `c`) counts as one
/// missed truth plus one false track, not as localisation, and is not in `assignment`.
#[derive(Clone, Debug, PartialEq)]
pub struct Gospa {
    /// The GOSPA distance.
    pub total: f64,
    /// `Σ d^p` over assigned pairs closer than `c`.
    pub localisation: f64,
    /// `n_missed · c^p / 2`.
    pub missed: f64,
    /// `n_false · c^p / 2`.
    pub false_tracks: f64,
    /// Truths without a track closer than `c`.
    pub n_missed: usize,
    /// Tracks without a truth closer than `c`.
    pub n_false: usize,
    /// Track index per truth index, for pairs closer than `c` only.
    pub assignment: Vec<Option<usize>>,
}

/// GOSPA (α = 2) between `truths` and `tracks` with cut-off `c` and order `p`.
///
/// # Panics
/// Unless `c > 0`, `1 ≤ p < ∞` and `c^p ≤ 1e200`; if the points differ in dimension or have a
/// non-finite coordinate.
pub fn gospa<T: AsRef<[f64]>, U: AsRef<[f64]>>(
    truths: &[T],
    tracks: &[U],
    c: f64,
    p: f64,
) -> Gospa {
    let cp = check_parameters(c, p);
    let half = cp / 2.0;
    let row_to_col = optimal(truths, tracks, c, p);
    let (mut localisation, mut n_missed, mut far_pairs) = (0.0, 0, 0);
    let mut truth_to_track = vec![None; truths.len()];
    for (i, col) in row_to_col.iter().enumerate() {
        match *col {
            // Same test as Stone Soup: the capped cost equals c^p exactly.
            Some(j) if capped_cost(truths[i].as_ref(), tracks[j].as_ref(), c, p) == cp => {
                far_pairs += 1;
            }
            Some(j) => {
                localisation += capped_cost(truths[i].as_ref(), tracks[j].as_ref(), c, p);
                truth_to_track[i] = Some(j);
            }
            None => n_missed += 1,
        }
    }
    let n_assigned = row_to_col.iter().filter(|c| c.is_some()).count();
    let n_missed = n_missed + far_pairs;
    let n_false = tracks.len() - n_assigned + far_pairs;
    let (missed, false_tracks) = (n_missed as f64 * half, n_false as f64 * half);
    Gospa {
        total: (localisation + missed + false_tracks).powf(p.recip()),
        localisation,
        missed,
        false_tracks,
        n_missed,
        n_false,
        assignment: truth_to_track,
    }
}

/// OSPA between `truths` and `tracks` with cut-off `c` and order `p`; 0 when both are empty.
///
/// # Panics
/// As [`gospa`].
pub fn ospa<T: AsRef<[f64]>, U: AsRef<[f64]>>(truths: &[T], tracks: &[U], c: f64, p: f64) -> f64 {
    let cp = check_parameters(c, p);
    let n = truths.len().max(tracks.len());
    if n == 0 {
        return 0.0;
    }
    let row_to_col = optimal(truths, tracks, c, p);
    let pairs = || {
        row_to_col
            .iter()
            .enumerate()
            .filter_map(|(i, j)| j.map(|j| (i, j)))
    };
    // A gated assignment leaves far pairs out; each would have cost c^p.
    let far = truths.len().min(tracks.len()) - pairs().count();
    let assigned: f64 = pairs()
        .map(|(i, j)| capped_cost(truths[i].as_ref(), tracks[j].as_ref(), c, p))
        .sum::<f64>()
        + far as f64 * cp;
    let cardinality = (n - truths.len().min(tracks.len())) as f64 * cp;
    ((assigned + cardinality) / n as f64).powf(p.recip())
}

/// Validates `c` and `p`; returns `c^p`.
fn check_parameters(c: f64, p: f64) -> f64 {
    assert!(
        c > 0.0 && c.is_finite(),
        "cut-off c = {c} must be positive and finite"
    );
    assert!(
        (1.0..f64::INFINITY).contains(&p),
        "order p = {p} must be in [1, inf)"
    );
    let cp = c.powf(p);
    assert!(
        cp <= MAX_ABS_COST,
        "c^p = {cp} exceeds what the assignment solver accepts"
    );
    cp
}

/// `min(d, c)^p`, with `d` the Euclidean distance.
pub(crate) fn capped_cost(a: &[f64], b: &[f64], c: f64, p: f64) -> f64 {
    let d = a
        .iter()
        .zip(b)
        .map(|(x, y)| (x - y) * (x - y))
        .sum::<f64>()
        .sqrt();
    // `d < c` (not `min`) as Stone Soup: a distance of exactly c is capped.
    let capped = if d < c { d } else { c };
    if p == 1.0 { capped } else { capped.powf(p) }
}

/// Scenes with more truth–track pairs than this are scored on gated pairs ([`crate::gated`]):
/// the same optimum, without the dense matrix. Smaller ones (every scene the engine scores)
/// keep the dense solve.
pub(crate) const DENSE_MAX_PAIRS: usize = 1 << 16;

/// Column per row of an optimal assignment of truths (rows) to tracks (columns) on
/// `min(d, c)^p` (a gated solve may leave far pairs unassigned; callers count them alike).
fn optimal<T: AsRef<[f64]>, U: AsRef<[f64]>>(
    truths: &[T],
    tracks: &[U],
    c: f64,
    p: f64,
) -> Vec<Option<usize>> {
    check_points(truths, tracks);
    if truths.len().saturating_mul(tracks.len()) > DENSE_MAX_PAIRS
        && let Some(gated) = crate::gated::assignment(truths, tracks, c, p)
    {
        return gated;
    }
    dense(truths, tracks, c, p).row_to_col
}

/// The dense solve of [`optimal`].
pub(crate) fn dense<T: AsRef<[f64]>, U: AsRef<[f64]>>(
    truths: &[T],
    tracks: &[U],
    c: f64,
    p: f64,
) -> Assignment {
    let mut costs = CostMatrix::filled(truths.len(), tracks.len(), 0.0);
    for (i, truth) in truths.iter().enumerate() {
        for (cost, track) in costs.row_mut(i).iter_mut().zip(tracks) {
            *cost = capped_cost(truth.as_ref(), track.as_ref(), c, p);
        }
    }
    assignment::solve(&costs).expect("capped costs are finite and at most c^p ≤ MAX_ABS_COST")
}

fn check_points<T: AsRef<[f64]>, U: AsRef<[f64]>>(truths: &[T], tracks: &[U]) {
    let dim = truths
        .first()
        .map(|t| t.as_ref().len())
        .or(tracks.first().map(|t| t.as_ref().len()));
    for point in truths
        .iter()
        .map(AsRef::as_ref)
        .chain(tracks.iter().map(AsRef::as_ref))
    {
        assert_eq!(
            Some(point.len()),
            dim,
            "all points must have the same dimension"
        );
        assert!(
            point.iter().all(|x| x.is_finite()),
            "non-finite coordinate in {point:?}"
        );
    }
}
