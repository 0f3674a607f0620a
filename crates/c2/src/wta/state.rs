//! The incremental search state shared by the heuristics: the assignment plus per-weapon and
//! per-target counters and each target's log-survival, so a move's objective change costs
//! O(1) for the target-value objective (O(threats of the asset) for the asset-based one).

use super::eval::{LogSurv, asset_loss, objective_of, survivals};
use super::problem::{Assignment, Objective, Problem};

/// A feasible assignment with the counters needed to check and price moves.
#[derive(Clone, Debug)]
pub(crate) struct State<'p> {
    pub(crate) problem: &'p Problem,
    pub(crate) x: Assignment,
    /// Units fired per weapon.
    pub(crate) used: Vec<u32>,
    /// Distinct targets engaged per weapon.
    pub(crate) engaged: Vec<u32>,
    /// Units received per target.
    pub(crate) shots: Vec<u32>,
    pub(crate) surv: Vec<LogSurv>,
    /// Threats of each asset (asset-based objective only; empty otherwise).
    asset_targets: Vec<Vec<usize>>,
}

impl<'p> State<'p> {
    /// The state of a feasible assignment.
    pub(crate) fn new(problem: &'p Problem, x: Assignment) -> Self {
        let (m, n) = (problem.n_weapons(), problem.n_targets());
        let (mut used, mut engaged, mut shots) = (vec![0; m], vec![0; m], vec![0; n]);
        for (i, j, k) in x.shots() {
            used[i] += k;
            engaged[i] += 1;
            shots[j] += k;
        }
        let mut asset_targets = Vec::new();
        if let Objective::AssetBased { asset_weights } = problem.objective() {
            asset_targets = vec![Vec::new(); asset_weights.len()];
            for (j, t) in problem.targets().iter().enumerate() {
                if let Some(th) = t.threatens {
                    asset_targets[th.asset].push(j);
                }
            }
        }
        let surv = survivals(problem, &x);
        Self {
            problem,
            x,
            used,
            engaged,
            shots,
            surv,
            asset_targets,
        }
    }

    /// The objective, summed afresh from the survivals.
    pub(crate) fn objective(&self) -> f64 {
        objective_of(self.problem, &self.surv)
    }

    /// Change of the objective if the listed targets had the given survivals instead.
    pub(crate) fn delta(&self, changes: &[(usize, LogSurv)]) -> f64 {
        let targets = self.problem.targets();
        match self.problem.objective() {
            Objective::TargetValue => changes
                .iter()
                .map(|&(j, s)| targets[j].value * (s.surv() - self.surv[j].surv()))
                .sum(),
            Objective::AssetBased { asset_weights } => {
                let mut total = 0.0;
                for (c, &(j, _)) in changes.iter().enumerate() {
                    let Some(th) = targets[j].threatens else {
                        continue;
                    };
                    let k = th.asset;
                    let seen = changes[..c]
                        .iter()
                        .any(|&(j0, _)| targets[j0].threatens.is_some_and(|t| t.asset == k));
                    if seen {
                        continue;
                    }
                    let leak = |j: usize, s: LogSurv| {
                        (targets[j].threatens.map_or(0.0, |t| t.leak_kill), s.surv())
                    };
                    let now = self.asset_targets[k].iter().map(|&j| leak(j, self.surv[j]));
                    let after = self.asset_targets[k].iter().map(|&j| {
                        let s = changes
                            .iter()
                            .find(|c| c.0 == j)
                            .map_or(self.surv[j], |c| c.1);
                        leak(j, s)
                    });
                    total +=
                        asset_loss(asset_weights[k], after) - asset_loss(asset_weights[k], now);
                }
                total
            }
        }
    }

    /// Whether one more unit of weapon `i` may go to target `j`, given that `freed` is a target
    /// weapon `i` is simultaneously taking one unit away from (a move frees its channel when it
    /// held a single unit there).
    pub(crate) fn can_add(&self, i: usize, j: usize, freed: Option<usize>) -> bool {
        let p = self.problem;
        let frees_unit = freed.is_some();
        let frees_channel = freed.is_some_and(|f| self.x.get(i, f) == 1);
        p.allowed(i, j)
            && (self.used[i] < p.weapons()[i].units || frees_unit)
            && self.shots[j] < p.shot_cap(j)
            && (self.x.get(i, j) > 0 || self.engaged[i] < p.channel_cap(i) || frees_channel)
    }

    /// Survival of target `j` after `k` more units of weapon `i` (negative: fewer).
    pub(crate) fn surv_with(&self, i: usize, j: usize, k: i32) -> LogSurv {
        self.surv[j].add(self.problem.ln_q(i, j), k)
    }

    /// Adds one unit of weapon `i` on target `j` (the caller checked [`Self::can_add`]).
    pub(crate) fn add(&mut self, i: usize, j: usize) {
        let k = self.x.get(i, j);
        self.x.set(i, j, k + 1);
        self.used[i] += 1;
        self.engaged[i] += u32::from(k == 0);
        self.shots[j] += 1;
        self.refresh(j);
    }

    /// Removes one unit of weapon `i` from target `j`.
    pub(crate) fn remove(&mut self, i: usize, j: usize) {
        let k = self.x.get(i, j);
        assert!(
            k > 0,
            "removing a unit of weapon {i} from target {j}, which has none"
        );
        self.x.set(i, j, k - 1);
        self.used[i] -= 1;
        self.engaged[i] -= u32::from(k == 1);
        self.shots[j] -= 1;
        self.refresh(j);
    }

    /// Recomputes target `j`'s survival from its column so rounding never accumulates.
    fn refresh(&mut self, j: usize) {
        let p = self.problem;
        self.surv[j] = (0..p.n_weapons()).fold(LogSurv::default(), |s, i| match self.x.get(i, j) {
            0 => s,
            k => s.add(p.ln_q(i, j), i32::try_from(k).unwrap_or(i32::MAX)),
        });
    }

    /// The best target for one more unit of weapon `i` and its objective change, ties to the
    /// lower target index; `None` when no allowed target improves.
    pub(crate) fn best_add(&self, i: usize, eps: f64) -> Option<(usize, f64)> {
        let mut best: Option<(usize, f64)> = None;
        for j in 0..self.problem.n_targets() {
            if !self.can_add(i, j, None) {
                continue;
            }
            let d = self.delta(&[(j, self.surv_with(i, j, 1))]);
            if d < -eps && best.is_none_or(|(_, b)| d < b) {
                best = Some((j, d));
            }
        }
        best
    }
}
