//! The assignment neighbourhood (very large-scale neighbourhood search in the spirit of
//! Ahuja et al. 2007): lift a set of units, then re-place all of them at once, optimally, under
//! the restriction that each target receives at most one of the lifted units.
//!
//! With the other units fixed at survivals `S_j`, one lifted unit of weapon `i` on target `j`
//! changes the target-value objective by `−V_j S_j p_ij`, and under the restriction these
//! changes add up exactly, so the best re-placement is a rectangular linear assignment problem
//! (rows: lifted units, columns: targets; forbidden or full pairs are `INFINITY`), solved exactly
//! by the `assignment` crate. This is what single moves and swaps cannot do: an augmenting path
//! re-matching many weapons at once. For the asset-based objective the same costs are only a
//! first-order guide. Either way the result is re-evaluated and kept only if it improves.

use super::greedy::fill;
use super::state::State;
use assignment::{CostMatrix, solve};

/// Re-places the lifted units `(weapon, target)` by linear assignment; keeps the result if it
/// lowers the objective by more than `eps`, else restores `state`. Returns whether it improved.
pub(crate) fn reassign_units(state: &mut State<'_>, lifted: &[(usize, usize)], eps: f64) -> bool {
    if lifted.is_empty() {
        return false;
    }
    let before = state.objective();
    let saved = state.clone();
    for &(i, j) in lifted {
        state.remove(i, j);
    }
    let n = state.problem.n_targets();
    let mut costs = CostMatrix::filled(lifted.len(), n, f64::INFINITY);
    for (r, &(i, _)) in lifted.iter().enumerate() {
        for j in 0..n {
            if state.can_add(i, j, None) {
                let d = state.delta(&[(j, state.surv_with(i, j, 1))]);
                costs.set(r, j, d.min(0.0));
            }
        }
    }
    let Ok(solution) = solve(&costs) else {
        *state = saved;
        return false;
    };
    for (r, j) in solution.pairs() {
        let i = lifted[r].0;
        // Channel limits couple rows of the same weapon; re-check each placement.
        if state.can_add(i, j, None) {
            state.add(i, j);
        }
    }
    fill(state);
    if state.objective() < before - eps {
        return true;
    }
    *state = saved;
    false
}

/// Places the given weapons' units (`(weapon, _)`, one row each) by one linear assignment, at
/// most one per target, each where it saves most jointly; pairs that save nothing are left
/// out. Unlike [`reassign_units`] nothing is lifted first and the result is kept regardless.
pub(crate) fn place_by_assignment(state: &mut State<'_>, units: &[(usize, usize)]) {
    let n = state.problem.n_targets();
    let mut costs = CostMatrix::filled(units.len(), n, f64::INFINITY);
    for (r, &(i, _)) in units.iter().enumerate() {
        for j in 0..n {
            if state.can_add(i, j, None) {
                let d = state.delta(&[(j, state.surv_with(i, j, 1))]);
                if d < 0.0 {
                    costs.set(r, j, d);
                }
            }
        }
    }
    let Ok(solution) = solve(&costs) else {
        return;
    };
    for (r, j) in solution.pairs() {
        let i = units[r].0;
        if state.can_add(i, j, None) {
            state.add(i, j);
        }
    }
}

/// Units grouped in layers: layer `k` holds the `k`-th unit (by target index) of every weapon
/// that fires more than `k` units.
pub(crate) fn layers(state: &State<'_>) -> Vec<Vec<(usize, usize)>> {
    let mut out: Vec<Vec<(usize, usize)>> = Vec::new();
    for i in 0..state.problem.n_weapons() {
        let mut k = 0;
        for j in 0..state.problem.n_targets() {
            for _ in 0..state.x.get(i, j) {
                if out.len() <= k {
                    out.push(Vec::new());
                }
                out[k].push((i, j));
                k += 1;
            }
        }
    }
    out
}

/// Lifts every unit and re-places them all by one linear assignment onto `slots` columns per
/// target, pricing slot `s` of target `j` as if the `s − 1` units before it each had the kill
/// probability of the strongest unit now on `j` (a first-order guess at stacking; the exact
/// objective decides). Returns whether it improved.
pub(crate) fn restack(state: &mut State<'_>, slots: usize, eps: f64) -> bool {
    let lifted: Vec<(usize, usize)> = layers(state).into_iter().flatten().collect();
    if lifted.is_empty() || slots == 0 {
        return false;
    }
    let p = state.problem;
    let n = p.n_targets();
    let q_ref: Vec<f64> = (0..n)
        .map(|j| {
            let best = lifted
                .iter()
                .filter(|u| u.1 == j)
                .map(|u| p.ln_q(u.0, j))
                .fold(0.0, f64::min);
            if best == 0.0 {
                (0..p.n_weapons()).map(|i| p.ln_q(i, j)).fold(0.0, f64::min)
            } else {
                best
            }
        })
        .collect();
    let before = state.objective();
    let saved = state.clone();
    for &(i, j) in &lifted {
        state.remove(i, j);
    }
    let mut costs = CostMatrix::filled(lifted.len(), n * slots, f64::INFINITY);
    for (r, &(i, _)) in lifted.iter().enumerate() {
        for (j, q) in q_ref.iter().enumerate() {
            if !state.can_add(i, j, None) {
                continue;
            }
            let d = state.delta(&[(j, state.surv_with(i, j, 1))]).min(0.0);
            for s in 0..slots {
                costs.set(r, j * slots + s, d * (q.max(-700.0) * s as f64).exp());
            }
        }
    }
    let Ok(solution) = solve(&costs) else {
        *state = saved;
        return false;
    };
    for (r, c) in solution.pairs() {
        let (i, j) = (lifted[r].0, c / slots);
        if state.can_add(i, j, None) {
            state.add(i, j);
        }
    }
    fill(state);
    if state.objective() < before - eps {
        return true;
    }
    *state = saved;
    false
}
