//! The real-time solver `local`.
//!
//! **Target-value objective** (the public benchmarks, and the engine when configured so):
//! greedy; when there are no more units than targets, one linear assignment re-placing every
//! unit (at most one per target: exact for such solutions, and near-optimal with two units per
//! weapon); then, with a work budget, the Lagrangian price search of [`super::dual`], whose
//! repaired plans are polished by the improvement-graph search of [`super::vlsn`]; without
//! one (`rounds = 0`), the descent [`descend_vlsn`] (weapon re-placement plus ejection chains
//! and cyclic exchanges). `should_stop` is polled throughout except inside the opening steps:
//! greedy, the candidate lists and the opening assignment (the last about 0.3 s on 300×600×2,
//! so a wall-clock limit shorter than that is overrun there; 1 s limits are honoured within
//! ~2 % on the public instances).
//!
//! **Asset-based objective, or channel limits** (the engine always sets channels): the classic
//! search below, unchanged.
//! Neighbourhoods, in this fixed order each pass (first improvement per item, best
//! improvement within it):
//! 1. **fill**: spare units go where they lower the objective most;
//! 2. **reassign a weapon**: lift all units of weapon `i` and re-place them one by one by
//!    maximum marginal return. Without channel limits this is the *optimal* placement of
//!    weapon `i` given all others (each target's marginal returns fall geometrically with more
//!    units and targets are independent, so greedy solves this separable concave allocation),
//!    i.e. block-coordinate descent; it subsumes every single-unit move of `i`;
//! 3. **move** one unit `i: j → j'` (needed when channels bind);
//! 4. **swap** one unit of `i1` on `j1` with one of `i2` on `j2`, which no single-weapon
//!    change can reach.
//!
//! When these are exhausted come the assignment neighbourhoods: the target exchanges of
//! [`super::chain`] (lift the weakest, second or third weakest unit of every target), then
//! [`super::lap`]'s re-placement of all units, restacking and weapon layers.
//!
//! Each candidate is priced from the per-target log-survivals in O(1) (target value). A
//! change is taken only if it gains more than `1e-12` of the total value, so descent ends.
//! Iterated local search then repeats: re-place by linear assignment either one random unit of
//! every target (odd rounds) or a random half of all units (even rounds); if that does not
//! improve, lift all units of a few random weapons, re-place them at random, descend, and keep
//! the result only if it beats the best so far. Its descents skip the all-units re-placement
//! and restacking, whose large assignment problems would dominate each round. The random
//! numbers are SplitMix64 from the caller's seed (a pinned algorithm: same seed, same result).

use super::SolveOptions;
use super::chain::{Pick, exchange, one_per_target};
use super::dual;
use super::greedy::{fill, greedy};
use super::lap::{layers, reassign_units, restack};
use super::problem::Problem;
use super::state::State;
use super::vlsn::{self, Candidates};

/// Smallest gain worth taking, relative to the problem's total value.
pub(crate) fn tolerance(problem: &Problem) -> f64 {
    let total: f64 = match problem.objective() {
        super::Objective::TargetValue => problem.targets().iter().map(|t| t.value).sum(),
        super::Objective::AssetBased { asset_weights } => asset_weights.iter().sum(),
    };
    1e-12 * total.max(f64::MIN_POSITIVE)
}

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, pinned, and good enough to pick weapons.
pub(crate) struct SplitMix(pub(crate) u64);
impl SplitMix {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`; the modulo bias is irrelevant here).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Lifts all units of weapon `i`; returns the targets they were on (with repeats).
fn lift(state: &mut State<'_>, i: usize) -> Vec<usize> {
    let mut lifted = Vec::new();
    for j in 0..state.problem.n_targets() {
        for _ in 0..state.x.get(i, j) {
            state.remove(i, j);
            lifted.push(j);
        }
    }
    lifted
}

/// Re-places weapon `i` by maximum marginal return; keeps it if better, else restores it.
fn reassign(state: &mut State<'_>, i: usize, eps: f64) -> bool {
    let before = state.objective();
    let old = lift(state, i);
    while let Some((j, _)) = state.best_add(i, 0.0) {
        state.add(i, j);
    }
    if state.objective() < before - eps {
        return true;
    }
    lift(state, i);
    for j in old {
        state.add(i, j);
    }
    false
}

/// Best single-unit move of weapon `i` away from target `j`, applied if it improves.
fn best_move(state: &mut State<'_>, i: usize, j: usize, eps: f64) -> bool {
    let from = state.surv_with(i, j, -1);
    let mut best: Option<(usize, f64)> = None;
    for to in 0..state.problem.n_targets() {
        if to == j || !state.can_add(i, to, Some(j)) {
            continue;
        }
        let d = state.delta(&[(j, from), (to, state.surv_with(i, to, 1))]);
        if d < -eps && best.is_none_or(|(_, b)| d < b) {
            best = Some((to, d));
        }
    }
    let Some((to, _)) = best else { return false };
    state.remove(i, j);
    state.add(i, to);
    true
}

/// Whether weapon `i` may trade its unit on `from` for one on `to` (channel count only; the
/// target shot counts do not change in a swap).
fn swap_channel_ok(state: &State<'_>, i: usize, from: usize, to: usize) -> bool {
    let engaged = state.engaged[i] - u32::from(state.x.get(i, from) == 1)
        + u32::from(state.x.get(i, to) == 0);
    state.problem.allowed(i, to) && engaged <= state.problem.channel_cap(i)
}

/// One pass of swaps over all pairs of fired units; applies each improving swap at once.
fn swap_pass(state: &mut State<'_>, eps: f64) -> bool {
    let mut improved = false;
    let held: Vec<(usize, usize)> = state.x.shots().map(|(i, j, _)| (i, j)).collect();
    for (a, &(i1, j1)) in held.iter().enumerate() {
        for &(i2, j2) in &held[a + 1..] {
            if i1 == i2 || j1 == j2 || state.x.get(i1, j1) == 0 || state.x.get(i2, j2) == 0 {
                continue;
            }
            if !swap_channel_ok(state, i1, j1, j2) || !swap_channel_ok(state, i2, j2, j1) {
                continue;
            }
            let s1 = state
                .surv_with(i1, j1, -1)
                .add(state.problem.ln_q(i2, j1), 1);
            let s2 = state
                .surv_with(i2, j2, -1)
                .add(state.problem.ln_q(i1, j2), 1);
            if state.delta(&[(j1, s1), (j2, s2)]) < -eps {
                state.remove(i1, j1);
                state.remove(i2, j2);
                state.add(i1, j2);
                state.add(i2, j1);
                improved = true;
            }
        }
    }
    improved
}

/// Descends to a local optimum of all four neighbourhoods.
pub(crate) fn descend(state: &mut State<'_>, opts: &SolveOptions<'_>) {
    descend_with(state, opts, true);
}

/// Descent; `full` adds the all-units re-placement and restacking, whose large assignment
/// problems dominate a round on big instances, so iterated local search leaves them out.
fn descend_with(state: &mut State<'_>, opts: &SolveOptions<'_>, full: bool) {
    let eps = tolerance(state.problem);
    let m = state.problem.n_weapons();
    loop {
        let mut improved = false;
        fill(state);
        for i in 0..m {
            improved |= reassign(state, i, eps);
        }
        let held: Vec<(usize, usize)> = state.x.shots().map(|(i, j, _)| (i, j)).collect();
        for (i, j) in held {
            if state.x.get(i, j) > 0 {
                improved |= best_move(state, i, j, eps);
            }
        }
        improved |= swap_pass(state, eps);
        if !improved {
            improved |= exchange(state, eps);
        }
        if !improved && full {
            let all: Vec<(usize, usize)> = layers(state).into_iter().flatten().collect();
            improved |= reassign_units(state, &all, eps);
        }
        if !improved && full {
            let max_units = state
                .problem
                .weapons()
                .iter()
                .map(|w| w.units)
                .max()
                .unwrap_or(0);
            for slots in 2..=(max_units as usize).min(4) {
                improved |= restack(state, slots, eps);
            }
        }
        if !improved {
            for layer in layers(state) {
                improved |= reassign_units(state, &layer, eps);
            }
        }
        if !improved || opts.stopped() {
            return;
        }
    }
}

/// Descent for the target-value objective: fill spare units, re-place each weapon optimally
/// (block-coordinate descent), then ejection chains and cyclic exchanges on the improvement
/// graph ([`super::vlsn`]) until neither improves. Polls `should_stop` between weapons and
/// between graph searches (and the graph search between its depth levels).
pub(crate) fn descend_vlsn(state: &mut State<'_>, cand: &Candidates, opts: &SolveOptions<'_>) {
    let eps = tolerance(state.problem);
    let p = state.problem;
    let m = p.n_weapons();
    loop {
        if (0..m).any(|i| state.used[i] < p.weapons()[i].units) {
            fill(state);
        }
        let mut improved = false;
        for i in 0..m {
            if i % 16 == 0 && opts.stopped() {
                return;
            }
            improved |= reassign(state, i, eps);
        }
        loop {
            if opts.stopped() {
                return;
            }
            if vlsn::improve(state, cand, eps, opts, None).is_empty() {
                break;
            }
            improved = true;
        }
        if !improved {
            return;
        }
    }
}

/// Descent after a local change (a repaired plan): improvement-graph searches whose chains
/// start on the changed targets, following the targets each round changes, until none
/// improves or `should_stop`.
pub(crate) fn descend_focused(
    state: &mut State<'_>,
    cand: &Candidates,
    opts: &SolveOptions<'_>,
    mut changed: Vec<usize>,
) {
    let eps = tolerance(state.problem);
    let mut focus = vec![false; state.problem.n_targets()];
    while !changed.is_empty() && !opts.stopped() {
        focus.iter_mut().for_each(|f| *f = false);
        for &t in &changed {
            focus[t] = true;
        }
        changed = vlsn::improve(state, cand, eps, opts, Some(&focus));
    }
}

/// What [`local`] found.
pub(crate) struct LocalResult<'p> {
    /// The best state.
    pub(crate) best: State<'p>,
    /// Work done: subgradient steps (target value) or iterated-local-search rounds.
    pub(crate) rounds: u64,
    /// Lagrangian prices from the price search, to certify a bound (target value, `rounds > 0`).
    pub(crate) prices: Option<Vec<f64>>,
}

/// The real-time solver. Target value: greedy; when there are no more units than targets, one
/// assignment re-placing all units (exact if each target takes at most one); then either the
/// improvement-graph descent (`rounds = 0`) or `rounds` steps of the Lagrangian price search of
/// [`super::dual`]. Asset-based objective, or fire-control channel limits: the classic local
/// and iterated local search (the asset-based objective couples the threats of one asset, so
/// neither the per-target prices nor the additive chain costs apply; channels couple a
/// weapon's targets, which the price subproblems drop and single-unit chains rarely satisfy:
/// on small random instances with channels the price search missed the optimum by up to 2×).
pub(crate) fn local<'p>(problem: &'p Problem, opts: &SolveOptions<'_>) -> LocalResult<'p> {
    let channels = problem.weapons().iter().any(|w| w.channels.is_some());
    if channels || !matches!(problem.objective(), super::Objective::TargetValue) {
        let (best, rounds) = classic(problem, opts);
        return LocalResult {
            best,
            rounds,
            prices: None,
        };
    }
    let eps = tolerance(problem);
    let cand = Candidates::new(problem);
    let mut best = greedy(problem);
    let units: u64 = problem.weapons().iter().map(|w| u64::from(w.units)).sum();
    if units <= problem.n_targets() as u64 && !opts.stopped() {
        let all: Vec<(usize, usize)> = layers(&best).into_iter().flatten().collect();
        reassign_units(&mut best, &all, eps);
    }
    if opts.rounds == 0 || opts.stopped() {
        descend_vlsn(&mut best, &cand, opts);
        return LocalResult {
            best,
            rounds: 0,
            prices: None,
        };
    }
    let run = dual::price_search(best, &cand, opts);
    LocalResult {
        best: run.best,
        rounds: run.steps,
        prices: Some(run.prices),
    }
}

/// The classic search (asset-based objective): greedy, descent, then up to `opts.rounds`
/// rounds of iterated local search. Returns the best state and the rounds run.
fn classic<'p>(problem: &'p Problem, opts: &SolveOptions<'_>) -> (State<'p>, u64) {
    let eps = tolerance(problem);
    let mut current = greedy(problem);
    descend(&mut current, opts);
    let mut best_obj = current.objective();
    let mut best = current.clone();
    let mut rng = SplitMix(opts.seed);
    let m = problem.n_weapons();
    let mut rounds = 0;
    while rounds < opts.rounds && m > 1 && !opts.stopped() {
        rounds += 1;
        let lifted = if rounds % 2 == 1 {
            one_per_target(&current, Pick::Random(rng.next()))
        } else {
            let held: Vec<(usize, usize)> = layers(&current).into_iter().flatten().collect();
            held.into_iter().filter(|_| rng.next() & 1 == 0).collect()
        };
        if reassign_units(&mut current, &lifted, eps) {
            descend_with(&mut current, opts, false);
            let obj = current.objective();
            if obj < best_obj - eps {
                best_obj = obj;
                best = current.clone();
            }
            continue;
        }
        let k = 2 + rng.below(m.min(8) - 1);
        for _ in 0..k {
            let i = rng.below(m);
            let n_units = lift(&mut current, i).len();
            for _ in 0..n_units {
                let options: Vec<usize> = (0..problem.n_targets())
                    .filter(|&j| current.can_add(i, j, None))
                    .collect();
                if options.is_empty() {
                    break;
                }
                current.add(i, options[rng.below(options.len())]);
            }
        }
        descend_with(&mut current, opts, false);
        let obj = current.objective();
        if obj < best_obj - eps {
            best_obj = obj;
            best = current.clone();
        } else {
            current = best.clone();
        }
    }
    (best, rounds)
}
