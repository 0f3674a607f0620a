//! Static weapon-target assignment (WTA): which weapon fires how many units at which threat.
//!
//! # Problem
//! Weapons `i` (types or fire units) with `units` and optional fire-control `channels`;
//! targets `j` with a value, an optional `max_shots` and (asset-based) the asset they endanger;
//! single-shot kill probabilities `p_ij`, where `p = 0` marks a forbidden pair: engagement
//! window, ROE and authority all reduce to that before the problem is built. [`Problem::new`]
//! validates everything once. Minimum shots per target are not modelled: without them the
//! empty assignment is always feasible, so every solver always returns a feasible answer.
//!
//! # Objectives (both minimised, see [`Objective`])
//! Target value `Σ_j V_j Π_i q_ij^x_ij` and asset-based lost value
//! `Σ_k w_k (1 − Π_{j→k} (1 − π_j S_j))`. Both are computed in log space (`ln q = ln_1p(−p)`,
//! `p = 1` counted as a sure kill), see [`evaluate`].
//!
//! # Solvers ([`SolverKind`], chosen by name)
//! - `greedy`: maximum marginal return with a lazy priority queue.
//! - `local` (the real-time default). Target value without channel limits: greedy, one
//!   assignment re-placing all units when units ≤ targets, then `rounds` steps of a Lagrangian
//!   price search whose plans are repaired and polished by ejection chains and cyclic
//!   exchanges on an improvement graph (`dual`, `lagrange`, `vlsn`); it reports the certified
//!   Lagrangian lower bound. With `rounds = 0`, greedy and the improvement-graph descent only.
//!   Asset-based objective or channel limits: greedy, then local search over weapon
//!   reassignment, single-unit moves, swaps and assignment neighbourhoods (target exchanges
//!   that lift one unit of every target), then iterated local search for `rounds` rounds.
//! - `exact`: branch-and-bound with certified lower bounds (Frank–Wolfe on the convex continuous
//!   relaxation, and a monotone bound; at the root also the Lagrangian bound), incumbent from
//!   `local`; proves optimality on small instances and returns a lower bound on large ones.
//!
//! # Budgets and determinism
//! The library never reads the wall clock. Work is limited by counts in [`SolveOptions`]
//! (`rounds`: price-search steps or iterated-local-search rounds, branch-and-bound `nodes`,
//! root Frank–Wolfe `fw_iterations`), and the same problem, options and seed give the same
//! answer. An edge
//! that wants a wall-clock limit (the CLI's `--time-limit`) passes a `should_stop` callback;
//! the solvers poll it between units of work and return their best so far. Results then
//! depend on machine speed, which is acceptable at the edge and never happens in the engine.
//!
//! Not modelled: minimum shots per target, shoot-look-shoot (dynamic WTA), correlated kills.

mod chain;
mod dual;
mod eval;
mod exact;
mod greedy;
mod lagrange;
mod lap;
mod local;
mod parse;
mod problem;
mod relax;
mod state;
#[cfg(test)]
mod testgen;
#[cfg(test)]
mod tests;
mod vlsn;

pub use eval::{Infeasibility, check_feasible, evaluate};
pub use exact::NODE_FW_MAX_PAIRS;
pub use parse::ParseError;
pub use problem::{Assignment, Objective, Problem, ProblemError, Target, Threatens, Weapon};

use std::fmt;
use std::str::FromStr;

/// A WTA algorithm, selectable by name (`greedy`, `local`, `exact`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SolverKind {
    /// Maximum marginal return.
    Greedy,
    /// Greedy plus price search or local search (the real-time default; see the module docs).
    Local,
    /// Branch-and-bound with a certified lower bound.
    Exact,
}

impl SolverKind {
    /// The name accepted by [`FromStr`].
    pub fn name(self) -> &'static str {
        match self {
            Self::Greedy => "greedy",
            Self::Local => "local",
            Self::Exact => "exact",
        }
    }
}

impl fmt::Display for SolverKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A solver name that is not `greedy`, `local` or `exact`.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown WTA solver {0:?} (expected greedy, local or exact)")]
pub struct UnknownSolver(pub String);

impl FromStr for SolverKind {
    type Err = UnknownSolver;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "greedy" => Ok(Self::Greedy),
            "local" => Ok(Self::Local),
            "exact" => Ok(Self::Exact),
            other => Err(UnknownSolver(other.to_owned())),
        }
    }
}

/// Work budgets, seed and optional stop callback.
#[derive(Clone, Copy)]
pub struct SolveOptions<'a> {
    /// Seed of the iterated local search's random choices.
    pub seed: u64,
    /// `local`'s work after its opening: Lagrangian price-search steps (target value without
    /// channel limits, ~2 ms each on 300×600) or iterated-local-search rounds (otherwise);
    /// also `exact`'s incumbent (at most 100).
    pub rounds: u64,
    /// Branch-and-bound node budget (`exact`).
    pub nodes: u64,
    /// Frank–Wolfe iterations for `exact`'s root bound.
    pub fw_iterations: u32,
    /// Polled between units of work; `true` ends the solve with the best found so far.
    pub should_stop: Option<&'a dyn Fn() -> bool>,
}

impl Default for SolveOptions<'_> {
    /// Descent only for `local` (tens of milliseconds on 50×100); iterated local search is
    /// opted into with `rounds` (or a `should_stop` deadline and unlimited rounds).
    fn default() -> Self {
        Self {
            seed: 0,
            rounds: 0,
            nodes: 20_000,
            fw_iterations: 1_000,
            should_stop: None,
        }
    }
}

impl fmt::Debug for SolveOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SolveOptions")
            .field("seed", &self.seed)
            .field("rounds", &self.rounds)
            .field("nodes", &self.nodes)
            .field("fw_iterations", &self.fw_iterations)
            .field("should_stop", &self.should_stop.is_some())
            .finish()
    }
}

impl SolveOptions<'_> {
    pub(crate) fn stopped(&self) -> bool {
        self.should_stop.is_some_and(|f| f())
    }
}

/// A solver's answer.
#[derive(Clone, Debug)]
pub struct Solution {
    /// The (always feasible) assignment.
    pub assignment: Assignment,
    /// Its objective, recomputed from scratch by [`evaluate`].
    pub objective: f64,
    /// A certified lower bound on the optimum: `exact`, and `local` after a price search.
    pub bound: Option<f64>,
    /// Whether `objective` is proven optimal (to a relative `1e-9`).
    pub proven_optimal: bool,
    /// Work done: price-search steps or iterated-local-search rounds (`local`), or
    /// branch-and-bound nodes (`exact`).
    pub iterations: u64,
}

/// A certified lower bound on the optimum of `problem` by Lagrangian relaxation of the
/// inventory constraints (target-value objective; `None` for the asset-based one), starting
/// from prices read off `solution` and aiming at its objective. At most `iterations`
/// subgradient steps; `opts.should_stop` ends it early with the best bound so far.
pub fn lagrangian_bound(
    problem: &Problem,
    solution: &Assignment,
    iterations: u32,
    opts: &SolveOptions<'_>,
) -> Option<f64> {
    if !matches!(problem.objective(), Objective::TargetValue) {
        return None;
    }
    let start = lagrange::prices_from(problem, solution);
    let target = evaluate(problem, solution);
    let cols = lagrange::Columns::new(problem, Some(lagrange::RESTRICTED));
    let steer = lagrange::subgradient(
        problem,
        &cols,
        &start,
        target,
        iterations,
        opts,
        &mut |_, _, _| None,
    );
    lagrange::certified(problem, &steer.prices)
}

/// Solves `problem` with the chosen algorithm.
pub fn solve(problem: &Problem, kind: SolverKind, opts: &SolveOptions<'_>) -> Solution {
    let (state, bound, proven_optimal, iterations) = match kind {
        SolverKind::Greedy => (greedy::greedy(problem), None, false, 0),
        SolverKind::Local => {
            let r = local::local(problem, opts);
            // The prices certify a bound in one evaluation over all weapons (a few ms).
            let bound = r
                .prices
                .as_deref()
                .and_then(|l| lagrange::certified(problem, l));
            // A bound that meets the objective proves it optimal (no duality gap).
            let obj = r.best.objective();
            let proven = bound.is_some_and(|b| obj - b <= 2e-9 * obj.abs());
            (r.best, bound, proven, r.rounds)
        }
        SolverKind::Exact => {
            let r = exact::exact(problem, opts);
            (r.best, Some(r.bound), r.proven, r.nodes)
        }
    };
    let assignment = state.x;
    let objective = evaluate(problem, &assignment);
    Solution {
        assignment,
        objective,
        bound,
        proven_optimal,
        iterations,
    }
}
