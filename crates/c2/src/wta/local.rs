//! Local search from the greedy start, then iterated local search while budget remains.
//!
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
use super::greedy::{fill, greedy};
use super::lap::{layers, reassign_units, restack};
use super::problem::Problem;
use super::state::State;
use super::vlsn::{self, Candidates};

/// Smallest gain worth taking, relative to the problem's total value.
fn tolerance(problem: &Problem) -> f64 {
    let total: f64 = match problem.objective() {
        super::Objective::TargetValue => problem.targets().iter().map(|t| t.value).sum(),
        super::Objective::AssetBased { asset_weights } => asset_weights.iter().sum(),
    };
    1e-12 * total.max(f64::MIN_POSITIVE)
}

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, pinned, and good enough to pick weapons.
pub(crate) struct SplitMix(u64);
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

/// Descent for the real-time solver: fill spare units, re-place each weapon optimally
/// (block-coordinate descent), then ejection chains and cyclic exchanges on the improvement
/// graph ([`super::vlsn`]) until neither improves. Polls `should_stop` between weapons and
/// between graph searches, so a wall-clock limit is honoured within one search.
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
        if !improved && std::env::var_os("WTA_X").is_some() {
            let t0 = std::time::Instant::now();
            improved |= exchange(state, eps);
            if std::env::var_os("WTA_DBG").is_some() {
                eprintln!("exchange {:.4}s obj {}", t0.elapsed().as_secs_f64(), state.objective());
            }
        }
        if !improved {
            return;
        }
    }
}

/// Descent after a perturbation: chains starting on the changed targets only, following the
/// changes, until none improves.
fn descend_focused(
    state: &mut State<'_>,
    cand: &Candidates,
    opts: &SolveOptions<'_>,
    mut changed: Vec<usize>,
) {
    let eps = tolerance(state.problem);
    let n = state.problem.n_targets();
    let mut focus = vec![false; n];
    while !changed.is_empty() && !opts.stopped() {
        focus.iter_mut().for_each(|f| *f = false);
        for &t in &changed {
            focus[t] = true;
        }
        changed = vlsn::improve(state, cand, eps, opts, Some(&focus));
    }
}

/// A feasible state from a Lagrangian plan (each target's units at the current prices): keep
/// the plan, withdraw the surplus units of over-demanded weapons where they save least, put
/// idle units where they save most, and honour channels and shot caps throughout.
fn recover<'p>(problem: &'p Problem, plan: &[Vec<(usize, u32)>]) -> (State<'p>, Vec<usize>) {
    let (m, n) = (problem.n_weapons(), problem.n_targets());
    let mut state = State::new(problem, super::Assignment::empty(m, n));
    // Targets in order of what their plan saves (value first), so conflicts on channels and
    // caps go against the targets that matter least.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        problem.targets()[b]
            .value
            .total_cmp(&problem.targets()[a].value)
            .then(a.cmp(&b))
    });
    let mut over: Vec<u32> = vec![0; m];
    for &j in &order {
        for &(i, c) in &plan[j] {
            for _ in 0..c {
                if state.problem.allowed(i, j)
                    && state.shots[j] < problem.shot_cap(j)
                    && (state.x.get(i, j) > 0 || state.engaged[i] < problem.channel_cap(i))
                {
                    // Inventory is repaired below: place first, withdraw the cheapest later.
                    let k = state.x.get(i, j);
                    state.x.set(i, j, k + 1);
                    state.used[i] += 1;
                    state.engaged[i] += u32::from(k == 0);
                    state.shots[j] += 1;
                }
            }
        }
    }
    state = State::new(problem, state.x);
    let mut touched = Vec::new();
    for i in 0..m {
        over[i] = state.used[i].saturating_sub(problem.weapons()[i].units);
        for _ in 0..over[i] {
            let cheapest = (0..n)
                .filter(|&j| state.x.get(i, j) > 0)
                .map(|j| (state.delta(&[(j, state.surv_with(i, j, -1))]), j))
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            if let Some((_, j)) = cheapest {
                state.remove(i, j);
                touched.push(j);
            }
        }
    }
    for i in 0..m {
        while state.used[i] < problem.weapons()[i].units {
            let Some((j, _)) = state.best_add(i, 0.0) else {
                break;
            };
            state.add(i, j);
            touched.push(j);
        }
    }
    (state, touched)
}

/// Greedy, descent, then (target-value objective) Lagrangian price search with primal
/// recovery for up to `opts.rounds` subgradient steps. Returns the best state and the steps run.
pub(crate) fn local<'p>(problem: &'p Problem, opts: &SolveOptions<'_>) -> (State<'p>, u64) {
    let eps = tolerance(problem);
    let cand = Candidates::new(problem);
    let mut best = greedy(problem);
    if std::env::var_os("WTA_NODESC").is_none() {
        descend_vlsn(&mut best, &cand, opts);
    }
    let start_obj = best.objective();
    let mut best_obj = start_obj;
    if opts.rounds == 0 || opts.stopped() {
        return (best, 0);
    }
    let env = |k: &str, d: f64| -> f64 { std::env::var(k).ok().and_then(|s| s.parse().ok()).unwrap_or(d) };
    let every = env("WTA_R", 10.0) as u32;
    let polish = env("WTA_POL", 1.0) > 0.0;
    let start = super::lagrange::prices_from(problem, &best.x);
    let cols = super::lagrange::Columns::new(problem, Some(super::lagrange::RESTRICTED));
    let iterations = u32::try_from(opts.rounds).unwrap_or(u32::MAX);
    let mut on_plan = |it: u32, plan: &[Vec<(usize, u32)>]| -> Option<f64> {
        if it % every != every - 1 {
            return None;
        }
        let t0 = std::time::Instant::now();
        let (mut s, touched) = recover(problem, plan);
        let raw = s.objective();
        if polish {
            descend_vlsn(&mut s, &cand, opts);
        } else {
            descend_focused(&mut s, &cand, opts, touched);
        }
        let obj = s.objective();
        if std::env::var_os("WTA_DBG").is_some() {
            eprintln!("it {it} recovered {raw} polished {obj} ({:.3}s) best {best_obj}", t0.elapsed().as_secs_f64());
        }
        if obj < best_obj - eps {
            best_obj = obj;
            best = s;
            return Some(obj);
        }
        None
    };
    let run = super::lagrange::subgradient(problem, &cols, &start, start_obj, iterations, opts, &mut on_plan);
    (best, u64::from(run.iterations))
}

/// The previous real-time solver (kept for comparison while tuning).
pub(crate) fn local_old<'p>(problem: &'p Problem, opts: &SolveOptions<'_>) -> (State<'p>, u64) {
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
