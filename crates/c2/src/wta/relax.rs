//! Certified lower bounds for branch-and-bound.
//!
//! **Continuous relaxation** (target-value objective only). With `y_ij ≥ 0` real and
//! `Σ_j y_ij ≤ u_i`, `f(y) = Σ_j V_j exp(L_j + Σ_i y_ij ln q_ij)` is convex (exp of an affine
//! map), so for any feasible `y` and the linear minimiser `s` of `∇f(y)` over the polytope,
//! `f(y) + ∇f(y)·(s − y) ≤ min f` (the Frank–Wolfe duality gap bound): valid at *every*
//! iterate, so stopping early only loosens it. The polytope is a product of scaled simplices, so
//! the linear minimiser puts each weapon's units on its most negative gradient entry. Since `f`
//! depends on `y` only through the target log-survivals `L`, the iteration runs in `L`-space
//! (O(m·n) per step for the oracle, O(n) per line-search step). Side constraints are dropped
//! (channels) or used only to close full targets (shot caps): dropping constraints keeps the
//! bound valid. `ln q = −∞` (`p = 1`) is floored at `−700`; the resulting over-estimate of at
//! most `Σ V·e^−700` and rounding are covered by a relative safety margin.
//!
//! **Monotone bound** (both objectives; the asset-based objective is not convex in `y`, so it
//! gets only this one): the objective only falls when survivals fall, and no free unit can do
//! better than every free unit hitting every open target at once (each capped by the target's
//! remaining shots).

use super::eval::{LogSurv, objective_of};
use super::problem::Problem;

/// `ln q` below this is treated as this (keeps `exp` finite; `e^−700 ≈ 1e−304`).
const LN_FLOOR: f64 = -700.0;
/// Relative margin for rounding in the bound arithmetic.
const SAFETY: f64 = 1e-10;

/// The units still free in a branch-and-bound node: `units[i]` of weapon `i`, placed only on
/// targets `first[i]..`.
pub(crate) struct Free<'a> {
    pub(crate) units: &'a [u32],
    pub(crate) first: &'a [usize],
}

/// Whether target `j` can still take a unit of weapon `i` in the node.
fn open(p: &Problem, free: &Free<'_>, shots: &[u32], i: usize, j: usize) -> bool {
    free.units[i] > 0 && j >= free.first[i] && p.allowed(i, j) && shots[j] < p.shot_cap(j)
}

/// The monotone bound: every free unit on every open target at once.
pub(crate) fn monotone_bound(p: &Problem, base: &[LogSurv], shots: &[u32], free: &Free<'_>) -> f64 {
    let surv: Vec<LogSurv> = (0..p.n_targets())
        .map(|j| {
            let room = p.shot_cap(j).saturating_sub(shots[j]);
            (0..p.n_weapons())
                .filter(|&i| open(p, free, shots, i, j))
                .fold(base[j], |s, i| {
                    let k = free.units[i].min(room);
                    s.add(p.ln_q(i, j), i32::try_from(k).unwrap_or(i32::MAX))
                })
        })
        .collect();
    objective_of(p, &surv) * (1.0 - SAFETY)
}

/// The Frank–Wolfe bound of the continuous relaxation after at most `iterations` steps, or
/// until `stop()` (target-value objective only).
pub(crate) fn frank_wolfe_bound(
    p: &Problem,
    base: &[LogSurv],
    shots: &[u32],
    free: &Free<'_>,
    iterations: u32,
    stop: &dyn Fn() -> bool,
) -> f64 {
    let (m, n) = (p.n_weapons(), p.n_targets());
    let values: Vec<f64> = p
        .targets()
        .iter()
        .zip(base)
        .map(|(t, b)| if b.sure > 0 { 0.0 } else { t.value })
        .collect();
    let lnq = |i: usize, j: usize| p.ln_q(i, j).max(LN_FLOOR);
    let weapons: Vec<(usize, Vec<usize>)> = (0..m)
        .map(|i| {
            (
                i,
                (0..n)
                    .filter(|&j| values[j] > 0.0 && open(p, free, shots, i, j))
                    .collect(),
            )
        })
        .filter(|(_, t): &(usize, Vec<usize>)| !t.is_empty())
        .collect();
    let f = |l: &[f64]| -> f64 { values.iter().zip(l).map(|(v, l)| v * l.exp()).sum() };
    // Vertex minimising the linear model with target weights g.
    let vertex = |g: &[f64]| -> Vec<f64> {
        let mut ls: Vec<f64> = base.iter().map(|b| b.log).collect();
        for (i, targets) in &weapons {
            let best = targets.iter().copied().min_by(|&a, &b| {
                (g[a] * lnq(*i, a))
                    .total_cmp(&(g[b] * lnq(*i, b)))
                    .then(a.cmp(&b))
            });
            if let Some(j) = best {
                ls[j] += f64::from(free.units[*i]) * lnq(*i, j);
            }
        }
        ls
    };
    let grad = |l: &[f64]| -> Vec<f64> { values.iter().zip(l).map(|(v, l)| v * l.exp()).collect() };
    let mut l = vertex(&grad(&base.iter().map(|b| b.log).collect::<Vec<_>>()));
    let mut bound = f64::NEG_INFINITY;
    for _ in 0..iterations.max(1) {
        let g = grad(&l);
        let s = vertex(&g);
        let fl = f(&l);
        let linear: f64 = g
            .iter()
            .zip(s.iter().zip(&l))
            .map(|(g, (s, l))| g * (s - l))
            .sum();
        bound = bound.max(fl + linear);
        if -linear <= 1e-12 * fl || stop() {
            break;
        }
        // Exact line search on the convex φ(γ) = f(l + γ (s − l)) by bisection on φ'.
        let d: Vec<f64> = s.iter().zip(&l).map(|(s, l)| s - l).collect();
        let slope = |gamma: f64| -> f64 {
            values
                .iter()
                .zip(l.iter().zip(&d))
                .map(|(v, (l, d))| v * (l + gamma * d).exp() * d)
                .sum()
        };
        let (mut lo, mut hi) = (0.0, 1.0);
        if slope(1.0) <= 0.0 {
            lo = 1.0;
        } else {
            for _ in 0..40 {
                let mid = 0.5 * (lo + hi);
                if slope(mid) > 0.0 { hi = mid } else { lo = mid }
            }
        }
        for (l, d) in l.iter_mut().zip(&d) {
            *l += lo * d;
        }
    }
    let sure_slack: f64 = p.targets().iter().map(|t| t.value).sum::<f64>() * 1e-300;
    (bound.max(0.0) - sure_slack) * (1.0 - SAFETY)
}
