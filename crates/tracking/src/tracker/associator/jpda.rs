//! Joint probabilistic data association: marginal association probabilities per cluster.
//!
//! Formulation (open literature: Fortmann, Bar-Shalom & Scheffe, IEEE JOE 8(3), 1983;
//! Bar-Shalom & Fortmann, *Tracking and Data Association*, 1988): a joint event assigns each
//! track either a miss or a distinct gated measurement; its weight is the product over tracks
//! of `w_i0 = 1 − P_D P_G` (miss) or `w_ij = P_D N(ν_ij; 0, S_ij) / λ` (measurement *j*, the
//! others of the cluster being clutter). The marginal `β_ij` is the normalised sum of the
//! weights of the events containing `i ← j`.
//!
//! * Clusters with at most [`MAX_JOINT_EVENTS`] events (bounded by `Π_i (1 + gated_i)`) are
//!   enumerated exactly, depth first.
//! * Larger clusters use loopy belief propagation on the bipartite track–measurement graph
//!   (Williams & Lau, IEEE TAES 50(4), 2014), iterated until messages change by less than
//!   [`LBP_TOLERANCE`] or [`MAX_LBP_ITERATIONS`]; it is exact on trees and approximate on
//!   loops (their paper proves convergence).
//!
//! Each track's weights are scaled by their maximum before use: every event contains exactly
//! one factor per track, so this leaves the marginals unchanged and keeps products in range.

use super::{Hypothesis, Outcome, TrackerConfig, TrackerStats, clusters, pd_and_lambda};
use crate::filter::{FilterState, Measurement};

/// Largest number of joint events enumerated exactly per cluster.
pub const MAX_JOINT_EVENTS: u64 = 10_000;
/// Iteration cap of loopy belief propagation.
pub const MAX_LBP_ITERATIONS: u32 = 200;
/// Convergence threshold on the largest message change.
const LBP_TOLERANCE: f64 = 1e-10;

/// Per-track weights of one cluster: miss weight and `(local measurement, weight)` edges.
#[derive(Debug)]
pub(in crate::tracker) struct Weights {
    pub(in crate::tracker) miss: Vec<f64>,
    pub(in crate::tracker) edges: Vec<Vec<(usize, f64)>>,
    pub(in crate::tracker) n_meas: usize,
}

/// Marginals: `β_i0` and `β_ij` aligned with `Weights::edges`.
#[derive(Debug, PartialEq)]
pub(in crate::tracker) struct Marginals {
    pub(in crate::tracker) miss: Vec<f64>,
    pub(in crate::tracker) edges: Vec<Vec<f64>>,
}

/// Sets `outcomes[track] = Outcome::Pda` for every track with a hypothesis in `hyps`.
pub(in crate::tracker) fn associate(
    config: &TrackerConfig,
    scan: &[Measurement],
    hyps: &[Hypothesis],
    outcomes: &mut [Outcome],
    stats: &mut TrackerStats,
) {
    for c in clusters(hyps) {
        let mut per_track: Vec<Vec<(usize, f64)>> = vec![Vec::new(); c.tracks.len()];
        let mut dims = vec![0; c.tracks.len()];
        for &hi in &c.hyps {
            let h = &hyps[hi];
            let local_track = c.tracks.partition_point(|&t| t < h.track);
            let local_meas = c.meas.partition_point(|&m| m < h.meas);
            per_track[local_track].push((local_meas, h.log_likelihood));
            dims[local_track] = scan[h.meas].model.dim();
        }
        let mut w = Weights {
            miss: Vec::new(),
            edges: Vec::new(),
            n_meas: c.meas.len(),
        };
        for (lls, dim) in per_track.iter().zip(dims) {
            let (miss, edges) = track_weights(config, dim, lls);
            w.miss.push(miss);
            w.edges.push(edges);
        }
        let marginals = if joint_event_bound(&w) <= MAX_JOINT_EVENTS {
            stats.n_jpda_exact += 1;
            exact(&w)
        } else {
            stats.n_jpda_lbp += 1;
            loopy_belief_propagation(&w)
        };
        for (local, &track) in c.tracks.iter().enumerate() {
            let weighted = w.edges[local]
                .iter()
                .zip(&marginals.edges[local])
                .map(|(&(j, _), &b)| (b, c.meas[j]))
                .collect();
            outcomes[track] = Outcome::Pda {
                weighted,
                beta0: marginals.miss[local],
                single: c.tracks.len() == 1,
            };
        }
    }
}

/// One track's weights from `(local measurement, ln N(ν; 0, S))`, scaled by their maximum:
/// miss `1 − P_D P_G`, detection `P_D N / λ` (in logs until the scaling, so nothing
/// overflows).
fn track_weights(
    config: &TrackerConfig,
    dim: usize,
    lls: &[(usize, f64)],
) -> (f64, Vec<(usize, f64)>) {
    let (pd, _, lambda) = pd_and_lambda(config);
    let pg = chi2_cdf(config.gate_d2, dim);
    let lw0 = (1.0 - pd * pg).max(super::MIN_MISS_PROBABILITY).ln();
    let offset = pd.ln() - lambda.ln();
    let top = lls.iter().map(|e| e.1 + offset).fold(lw0, f64::max);
    let edges = lls
        .iter()
        .map(|&(j, ll)| (j, (ll + offset - top).exp()))
        .collect();
    ((lw0 - top).exp(), edges)
}

/// PDA weights `(β_j, β₀)` of a track alone with `meas` (a one-track cluster), from `prior`
/// (predicted to the update time): what out-of-sequence reprocessing uses to re-run a
/// one-track JPDA step, by the same arithmetic as [`associate`].
pub(in crate::tracker) fn single_track_betas(
    config: &TrackerConfig,
    prior: &FilterState,
    meas: &[Measurement],
) -> (Vec<f64>, f64) {
    let lls: Vec<(usize, f64)> = meas
        .iter()
        .enumerate()
        .map(|(j, m)| (j, prior.innovation(&config.filter, m).log_likelihood))
        .collect();
    let dim = meas.first().map_or(1, |m| m.model.dim());
    let (miss, edges) = track_weights(config, dim, &lls);
    let marginals = exact(&Weights {
        miss: vec![miss],
        edges: vec![edges],
        n_meas: meas.len(),
    });
    (marginals.edges[0].clone(), marginals.miss[0])
}

/// `Π_i (1 + gated_i)`, saturating: an upper bound on the feasible joint events.
pub(in crate::tracker) fn joint_event_bound(w: &Weights) -> u64 {
    w.edges
        .iter()
        .fold(1_u64, |acc, e| acc.saturating_mul(1 + e.len() as u64))
}

/// Exact marginals by depth-first enumeration of the feasible joint events.
pub(in crate::tracker) fn exact(w: &Weights) -> Marginals {
    struct Walk<'a> {
        w: &'a Weights,
        used: Vec<bool>,
        choice: Vec<usize>, // 0 = miss, e + 1 = edge e
        acc_miss: Vec<f64>,
        acc_edges: Vec<Vec<f64>>,
        total: f64,
    }
    impl Walk<'_> {
        fn visit(&mut self, i: usize, weight: f64) {
            if i == self.w.miss.len() {
                self.total += weight;
                for (t, &c) in self.choice.iter().enumerate() {
                    match c {
                        0 => self.acc_miss[t] += weight,
                        e => self.acc_edges[t][e - 1] += weight,
                    }
                }
                return;
            }
            self.choice[i] = 0;
            self.visit(i + 1, weight * self.w.miss[i]);
            for e in 0..self.w.edges[i].len() {
                let (j, wij) = self.w.edges[i][e];
                if !self.used[j] {
                    self.used[j] = true;
                    self.choice[i] = e + 1;
                    self.visit(i + 1, weight * wij);
                    self.used[j] = false;
                }
            }
        }
    }
    let n = w.miss.len();
    let mut walk = Walk {
        w,
        used: vec![false; w.n_meas],
        choice: vec![0; n],
        acc_miss: vec![0.0; n],
        acc_edges: w.edges.iter().map(|e| vec![0.0; e.len()]).collect(),
        total: 0.0,
    };
    walk.visit(0, 1.0);
    let total = walk.total;
    assert!(
        total > 0.0 && total.is_finite(),
        "JPDA event weights must sum to a positive number"
    );
    Marginals {
        miss: walk.acc_miss.iter().map(|v| v / total).collect(),
        edges: walk
            .acc_edges
            .iter()
            .map(|e| e.iter().map(|v| v / total).collect())
            .collect(),
    }
}

/// Approximate marginals by loopy belief propagation (Williams & Lau 2014):
/// `μ_{i→j} = w_ij / (w_i0 + Σ_{j'≠j} w_ij' ν_{j'→i})`,
/// `ν_{j→i} = 1 / (1 + Σ_{i'≠i} μ_{i'→j})`, then
/// `β_ij ∝ w_ij ν_{j→i}`, `β_i0 ∝ w_i0`.
pub(in crate::tracker) fn loopy_belief_propagation(w: &Weights) -> Marginals {
    let n = w.miss.len();
    // ν messages stored per edge (track i, edge e); μ summed per measurement.
    let mut nu: Vec<Vec<f64>> = w.edges.iter().map(|e| vec![1.0; e.len()]).collect();
    let mut mu: Vec<Vec<f64>> = nu.clone();
    let mut mu_sum = vec![0.0; w.n_meas];
    for _ in 0..MAX_LBP_ITERATIONS {
        for ((edges, nu_i), (mu_i, &miss)) in
            w.edges.iter().zip(&nu).zip(mu.iter_mut().zip(&w.miss))
        {
            for (e, &(_, wij)) in edges.iter().enumerate() {
                // Summed without edge e (not total − own term): no cancellation when w_i0 is
                // tiny against the measurement weights.
                let others: f64 = edges
                    .iter()
                    .zip(nu_i)
                    .enumerate()
                    .filter(|(f, _)| *f != e)
                    .map(|(_, (edge, v))| edge.1 * v)
                    .sum();
                mu_i[e] = wij / (miss + others);
            }
        }
        mu_sum.iter_mut().for_each(|s| *s = 0.0);
        for (edges, mu_i) in w.edges.iter().zip(&mu) {
            for (&(j, _), m) in edges.iter().zip(mu_i) {
                mu_sum[j] += m;
            }
        }
        let mut change = 0.0_f64;
        for ((edges, mu_i), nu_i) in w.edges.iter().zip(&mu).zip(nu.iter_mut()) {
            for ((&(j, _), m), v) in edges.iter().zip(mu_i).zip(nu_i.iter_mut()) {
                let new = 1.0 / (1.0 + mu_sum[j] - m);
                change = change.max((new - *v).abs());
                *v = new;
            }
        }
        if change < LBP_TOLERANCE {
            break;
        }
    }
    let mut out = Marginals {
        miss: Vec::with_capacity(n),
        edges: Vec::with_capacity(n),
    };
    for ((edges, nu_i), &miss) in w.edges.iter().zip(&nu).zip(&w.miss) {
        let total: f64 = miss + edges.iter().zip(nu_i).map(|(e, v)| e.1 * v).sum::<f64>();
        out.miss.push(miss / total);
        out.edges.push(
            edges
                .iter()
                .zip(nu_i)
                .map(|(e, v)| e.1 * v / total)
                .collect(),
        );
    }
    out
}

/// χ² cumulative distribution `P(dim/2, x/2)` (regularised lower incomplete gamma, series):
/// the gate probability `P_G` of a `dim`-dimensional measurement.
pub(in crate::tracker) fn chi2_cdf(x: f64, dim: usize) -> f64 {
    // Γ(a + 1) for a = dim/2, dim = 1..4.
    const GAMMA_A_PLUS_1: [f64; 4] = [0.886_226_925_452_758, 1.0, 1.329_340_388_179_137, 2.0];
    assert!(
        (1..=4).contains(&dim),
        "measurement dimension {dim} outside 1..=4"
    );
    let a = dim as f64 / 2.0;
    let half = x / 2.0;
    let mut term = 1.0 / GAMMA_A_PLUS_1[dim - 1];
    let mut sum = term;
    for n in 1..500 {
        term *= half / (a + n as f64);
        sum += term;
        if term < 1e-17 * sum {
            break;
        }
    }
    (sum * (a * half.ln() - half).exp()).clamp(0.0, 1.0)
}
