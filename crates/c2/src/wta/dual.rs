//! Lagrangian price search with primal recovery: the real-time solver's search phase for the
//! target-value objective.
//!
//! Why: with two or three units per weapon the hard part is *stacking* (which targets get a
//! second unit, and from whom). Every exchange neighbourhood we tried (weapon re-placement,
//! moves, swaps, assignment re-placements, ejection chains, simulated annealing) stalls 1–8 %
//! above the best known values on the public instances, because better stackings are only
//! reachable through several simultaneous unit moves. The Lagrangian relaxation of the
//! inventories (see `lagrange`) prices every weapon; at good prices each target's own
//! integer subproblem chooses its stack directly, and its bound is within ~0.2 % of the best
//! known values, so the plans it produces are near-optimal apart from weapons that several
//! targets want. Each plan is repaired to a feasible assignment ([`recover`]) and polished by
//! the improvement-graph search around the repaired targets ([`super::vlsn`]).
//!
//! Loop: projected subgradient steps on the prices (restricted columns, about 2 ms per step on
//! 300×600); every [`RECOVER_EVERY`]-th plan is recovered and polished unless it is still far
//! from feasible; when there are no more units than targets, each of those steps also runs
//! one iterated-local-search round on the best assignment (lift a random half of the units and
//! re-place them by one assignment, see [`reassign_half`]), and after [`EXCHANGE_AFTER`] steps
//! each new best also gets the exact one-unit-per-target exchange. The best assignment is kept
//! and lowers the Polyak target. One step is one unit of the `rounds` work budget and the random
//! numbers come from the caller's seed, so a budgeted solve is deterministic; `should_stop` is
//! polled every step and inside the polish (not inside an assignment solve: the largest, a
//! 300×600 re-placement, takes about 50 ms).

use super::SolveOptions;
use super::chain::{Pick, one_per_target};
use super::lagrange::{self, Columns};
use super::lap::{layers, place_by_assignment, reassign_units};
use super::local::{SplitMix, descend_focused, descend_vlsn, tolerance};
use super::problem::{Assignment, Problem};
use super::state::State;
use super::vlsn::Candidates;

/// Subgradient steps between primal recoveries (a recovery and its polish cost 10–50 steps).
const RECOVER_EVERY: u32 = 10;
/// A plan asking for more than `1 / MAX_SURPLUS_SHARE` of all units beyond the inventories is
/// not recovered: early prices are far off, and repairing such a plan costs more polish than
/// the plan is worth (on 300×600×3 the first plan's polish took a whole second).
const MAX_SURPLUS_SHARE: u64 = 5;

/// Steps after which a new best assignment (units ≤ targets) also gets the exact one-unit-
/// per-target exchange: once the prices have settled improvements are rare and worth an
/// assignment solve (~0.2 s on 300×600×2). Measured on 300×600×2: from the first step it
/// reaches the best known value in 10 s but costs the 1 s run (0.20 % instead of 0.04–0.08 %,
/// and 4–6 % over the limit, the solve not being interruptible); from step 100, 0.04 % in 10 s.
const EXCHANGE_AFTER: u32 = 100;

/// What the price search found: the best state, the steps run, and the prices at the best
/// Lagrangian value seen (for certifying a bound).
pub(crate) struct PriceSearch<'p> {
    pub(crate) best: State<'p>,
    pub(crate) steps: u64,
    pub(crate) prices: Vec<f64>,
}

/// Runs up to `opts.rounds` subgradient steps from `start`, recovering and polishing plans.
pub(crate) fn price_search<'p>(
    start: State<'p>,
    cand: &Candidates,
    opts: &SolveOptions<'_>,
) -> PriceSearch<'p> {
    let problem = start.problem;
    let eps = tolerance(problem);
    let start_obj = start.objective();
    let prices0 = lagrange::prices_from(problem, &start.x);
    let cols = Columns::new(problem, Some(lagrange::RESTRICTED));
    let steps = u32::try_from(opts.rounds).unwrap_or(u32::MAX);
    let units: u64 = problem.weapons().iter().map(|w| u64::from(w.units)).sum();
    let stacking_rare = units <= problem.n_targets() as u64;
    let mut rng = SplitMix(opts.seed);
    let mut best = start;
    let mut best_obj = start_obj;
    let mut on_plan = |step: u32, plan: &[Vec<(usize, u32)>], last: bool| -> Option<f64> {
        if step % RECOVER_EVERY != RECOVER_EVERY - 1 && !last {
            return None;
        }
        let mut improved = None;
        if stacking_rare && let Some(s) = reassign_half(&best, cand, opts, &mut rng, eps) {
            best_obj = s.objective();
            best = s;
            improved = Some(best_obj);
        }
        if surplus(problem, plan) * MAX_SURPLUS_SHARE > units {
            return improved;
        }
        let (mut s, touched) = recover(problem, plan);
        descend_focused(&mut s, cand, opts, touched);
        let obj = s.objective();
        if obj < best_obj - eps {
            if stacking_rare && step >= EXCHANGE_AFTER {
                exchange_polish(&mut s, cand, opts, eps);
            }
            best_obj = s.objective();
            best = s;
            improved = Some(best_obj);
        }
        improved
    };
    let run = lagrange::subgradient(
        problem,
        &cols,
        &prices0,
        start_obj,
        steps,
        opts,
        &mut on_plan,
    );
    // A budgeted search (not stopped) ends with a full descent of its best assignment: with
    // a small budget no plan may have been recovered yet, and the focused polishes only look
    // near the repairs.
    if !opts.stopped() {
        descend_vlsn(&mut best, cand, opts);
    }
    PriceSearch {
        best,
        steps: u64::from(run.iterations),
        prices: run.prices,
    }
}

/// Units the plan asks for beyond the weapons' inventories.
fn surplus(problem: &Problem, plan: &[Vec<(usize, u32)>]) -> u64 {
    let mut demand = vec![0u64; problem.n_weapons()];
    for chosen in plan {
        for &(i, c) in chosen {
            demand[i] += u64::from(c);
        }
    }
    demand
        .iter()
        .zip(problem.weapons())
        .map(|(d, w)| d.saturating_sub(u64::from(w.units)))
        .sum()
}

/// Lifts the weakest unit of every target and re-places them all by one assignment (exact for
/// this cyclic-exchange neighbourhood, see [`super::chain`]), then descends if that improved.
fn exchange_polish(s: &mut State<'_>, cand: &Candidates, opts: &SolveOptions<'_>, eps: f64) {
    let lifted = one_per_target(s, Pick::Rank(0));
    if reassign_units(s, &lifted, eps) {
        let all: Vec<usize> = (0..s.problem.n_targets()).collect();
        descend_focused(s, cand, opts, all);
    }
}

/// One iterated-local-search round on `best` for instances with no more units than targets:
/// lift a random half of the units, re-place them by one assignment (at most one per target)
/// and descend. Why: there nearly every target holds one unit, the prices are highly
/// degenerate and recovered plans need long exchange cycles that an assignment finds at once.
/// Returns the new state if it is better.
fn reassign_half<'p>(
    best: &State<'p>,
    cand: &Candidates,
    opts: &SolveOptions<'_>,
    rng: &mut SplitMix,
    eps: f64,
) -> Option<State<'p>> {
    let mut s = best.clone();
    let held: Vec<(usize, usize)> = layers(&s).into_iter().flatten().collect();
    let lifted: Vec<(usize, usize)> = held.into_iter().filter(|_| rng.next() & 1 == 0).collect();
    if !reassign_units(&mut s, &lifted, eps) {
        return None;
    }
    let all: Vec<usize> = (0..s.problem.n_targets()).collect();
    descend_focused(&mut s, cand, opts, all);
    (s.objective() < best.objective() - eps).then_some(s)
}

/// A feasible state from a Lagrangian plan (each target's units at the current prices): place
/// the plan (targets by value, so channel and shot-cap conflicts go against the cheaper ones),
/// withdraw the surplus units of over-demanded weapons where they save least, place the idle
/// units by one assignment (at most one per target: many targets may have lost their only
/// unit), then anything left greedily. Returns the state and the targets the repair changed.
pub(crate) fn recover<'p>(
    problem: &'p Problem,
    plan: &[Vec<(usize, u32)>],
) -> (State<'p>, Vec<usize>) {
    let (m, n) = (problem.n_weapons(), problem.n_targets());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let (va, vb) = (problem.targets()[a].value, problem.targets()[b].value);
        vb.total_cmp(&va).then(a.cmp(&b))
    });
    // The plan, capped by channels and shot caps but not (yet) by inventory.
    let mut x = Assignment::empty(m, n);
    let (mut engaged, mut shots) = (vec![0u32; m], vec![0u32; n]);
    for &j in &order {
        for &(i, c) in plan.get(j).map_or(&[][..], Vec::as_slice) {
            for _ in 0..c {
                let k = x.get(i, j);
                let channel_ok = k > 0 || engaged[i] < problem.channel_cap(i);
                if problem.allowed(i, j) && shots[j] < problem.shot_cap(j) && channel_ok {
                    x.set(i, j, k + 1);
                    engaged[i] += u32::from(k == 0);
                    shots[j] += 1;
                }
            }
        }
    }
    let mut state = State::new(problem, x);
    let mut touched = Vec::new();
    for i in 0..m {
        let surplus = state.used[i].saturating_sub(problem.weapons()[i].units);
        for _ in 0..surplus {
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
    let idle: Vec<(usize, usize)> = (0..m)
        .flat_map(|i| {
            let spare = problem.weapons()[i].units.saturating_sub(state.used[i]);
            std::iter::repeat_n((i, 0), spare as usize)
        })
        .collect();
    if !idle.is_empty() {
        let before = state.shots.clone();
        place_by_assignment(&mut state, &idle);
        touched.extend((0..n).filter(|&j| state.shots[j] != before[j]));
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
    touched.sort_unstable();
    touched.dedup();
    (state, touched)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wta::local::SplitMix;
    use crate::wta::{Objective, Target, Weapon, check_feasible};

    /// Any plan, however infeasible (inventories, channels, shot caps, forbidden pairs),
    /// recovers to a feasible assignment that uses every unit that can still help.
    #[test]
    fn every_plan_recovers_to_a_feasible_assignment() {
        let mut rng = SplitMix(17);
        for k in 0..100 {
            let (m, n) = (1 + rng.below(6), 1 + rng.below(8));
            let weapons = (0..m)
                .map(|_| Weapon {
                    units: rng.below(4) as u32,
                    channels: (rng.below(3) == 0).then_some(1 + rng.below(2) as u32),
                })
                .collect();
            let targets = (0..n)
                .map(|_| Target {
                    value: 1.0 + rng.below(50) as f64,
                    max_shots: (rng.below(3) == 0).then_some(1 + rng.below(2) as u32),
                    threatens: None,
                })
                .collect();
            let p: Vec<Vec<f64>> = (0..m)
                .map(|_| (0..n).map(|_| [0.0, 0.3, 0.7, 1.0][rng.below(4)]).collect())
                .collect();
            let p = Problem::new(weapons, targets, p, Objective::TargetValue).expect("valid");
            let plan: Vec<Vec<(usize, u32)>> = (0..n)
                .map(|_| {
                    (0..rng.below(3))
                        .map(|_| (rng.below(m), 1 + rng.below(4) as u32))
                        .collect()
                })
                .collect();
            let (s, touched) = recover(&p, &plan);
            check_feasible(&p, &s.x).unwrap_or_else(|e| panic!("instance {k}: {e}"));
            assert!(touched.windows(2).all(|w| w[0] < w[1]));
            // Nothing idle that could still lower the objective.
            for i in 0..m {
                if s.used[i] < p.weapons()[i].units {
                    assert!(
                        s.best_add(i, 1e-12).is_none(),
                        "instance {k}: weapon {i} idle"
                    );
                }
            }
        }
    }
}
