//! Global nearest neighbour: per cluster, the optimal assignment of measurements to tracks
//! under the negative log-likelihood-ratio cost, with a miss alternative per track.
//!
//! Cost of track *i* taking measurement *j*: `−2 ln N(ν; 0, S) − 2 ln(P_D/λ)`
//! (= `d² + ln det(2πS) − 2 ln(P_D/λ)`); cost of a miss: `−2 ln(1 − P_D)`; forbidden beyond
//! the gate. With [`AssociatorKind::GnnMahalanobis`] the cost is the Mahalanobis distance `d`
//! and a miss costs the gate distance (Stone Soup's distance hypothesiser). Every track has a private miss column, so all rows are always assignable and the
//! solver's "maximum cardinality, then minimum cost" reduces to minimum cost. Costs are
//! shifted per row to be non-negative (each row is assigned exactly once, so a per-row
//! constant does not change the optimum).

use super::{AssociatorKind, Hypothesis, TrackerConfig, clusters, pd_and_lambda};
use assignment::{Assignment, CostMatrix, Workspace};

/// Optimal assignment over `hyps` (ordered by track, then measurement): the
/// `(track, measurement)` pairs chosen, in track order.
pub(in crate::tracker) fn assign(
    config: &TrackerConfig,
    hyps: &[Hypothesis],
) -> Vec<(usize, usize)> {
    let (pd, miss_p, lambda) = pd_and_lambda(config);
    let offset = -2.0 * (pd / lambda).ln();
    let distance = config.associator == AssociatorKind::GnnMahalanobis;
    let miss = if distance {
        config.gate_d2.sqrt()
    } else {
        -2.0 * miss_p.ln()
    };
    let cost = |h: &Hypothesis| {
        if distance {
            h.d2.sqrt()
        } else {
            -2.0 * h.log_likelihood + offset
        }
    };
    let mut pairs = Vec::new();
    let (mut workspace, mut solution) = (Workspace::default(), Assignment::default());
    for c in clusters(hyps) {
        let members: Vec<&Hypothesis> = c.hyps.iter().map(|&i| &hyps[i]).collect();
        if c.tracks.len() == 1 || c.meas.len() == 1 {
            // A star: the single best pair (if better than a miss) is optimal. Strict `<`
            // keeps the first (lowest index) on ties.
            let mut best: Option<(&Hypothesis, f64)> = None;
            for h in &members {
                let gain = cost(h) - miss;
                if gain < 0.0 && best.is_none_or(|(_, g)| gain < g) {
                    best = Some((h, gain));
                }
            }
            if let Some((h, _)) = best {
                pairs.push((h.track, h.meas));
            }
            continue;
        }
        let (n_rows, n_meas) = (c.tracks.len(), c.meas.len());
        let mut m = CostMatrix::filled(n_rows, n_meas + n_rows, f64::INFINITY);
        for h in &members {
            let (Ok(r), Ok(col)) = (
                c.tracks.binary_search(&h.track),
                c.meas.binary_search(&h.meas),
            ) else {
                unreachable!("cluster lists every track and measurement of its hypotheses");
            };
            m.set(r, col, cost(h));
        }
        for r in 0..n_rows {
            m.set(r, n_meas + r, miss);
            let row_min = (0..n_meas + n_rows)
                .map(|col| m.get(r, col))
                .fold(f64::INFINITY, f64::min);
            for col in 0..n_meas + n_rows {
                let v = m.get(r, col);
                if v.is_finite() {
                    m.set(r, col, v - row_min);
                }
            }
        }
        assignment::solve_into(&m, &mut workspace, &mut solution)
            .expect("GNN costs are finite: gated log-likelihoods, floored miss probability");
        for (r, col) in solution.pairs() {
            if col < n_meas {
                pairs.push((c.tracks[r], c.meas[col]));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}
