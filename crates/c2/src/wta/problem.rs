//! The static WTA problem as validated plain data: weapons, targets, kill probabilities and the
//! objective, plus the `Assignment` (shots per weapon–target pair) that every solver returns.

use thiserror::Error;

/// One weapon type or one fire unit: an inventory of identical units.
#[derive(Clone, Debug, PartialEq)]
pub struct Weapon {
    /// Units (rounds, interceptors) available.
    pub units: u32,
    /// Most distinct targets this weapon may engage at once (fire-control channels); `None` is
    /// unlimited. A cap on `Σ_j [x_ij > 0]`.
    pub channels: Option<u32>,
}

/// Which defended asset a threat endangers, for [`Objective::AssetBased`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Threatens {
    /// Index into the asset weights of [`Objective::AssetBased`].
    pub asset: usize,
    /// Probability `π_j` that the threat destroys the asset if it leaks through.
    pub leak_kill: f64,
}

/// One threat (target).
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// Value `V_j` for [`Objective::TargetValue`] (ignored by the asset-based objective).
    pub value: f64,
    /// Most units that may be fired at this target in total (doctrine); `None` is unlimited.
    pub max_shots: Option<u32>,
    /// The asset this threat endangers (used by [`Objective::AssetBased`] only; a threat that
    /// endangers nothing costs nothing there).
    pub threatens: Option<Threatens>,
}

/// What the solvers minimise.
#[derive(Clone, Debug, PartialEq)]
pub enum Objective {
    /// Expected surviving target value `Σ_j V_j Π_i q_ij^x_ij`.
    TargetValue,
    /// Expected lost asset value `Σ_k w_k (1 − Π_{j→k} (1 − π_j S_j))`, `S_j` the survival
    /// probability of threat `j` (Hosein & Athans' asset-based WTA, as a minimisation).
    AssetBased {
        /// Weight (value) `w_k` of each defended asset.
        asset_weights: Vec<f64>,
    },
}

/// Why a problem was rejected. Every variant says where.
#[derive(Debug, Error, PartialEq)]
#[non_exhaustive]
pub enum ProblemError {
    /// The kill-probability matrix has the wrong shape.
    #[error("kill-probability matrix is {rows}x{cols}, expected {weapons}x{targets}")]
    Dimensions {
        /// Rows given.
        rows: usize,
        /// Columns of the first wrong row (or of row 0).
        cols: usize,
        /// Weapons in the problem.
        weapons: usize,
        /// Targets in the problem.
        targets: usize,
    },
    /// A kill probability outside `[0, 1]` or not finite.
    #[error("p[{weapon}][{target}] = {value} is not a probability in [0, 1]")]
    Probability {
        /// Weapon index.
        weapon: usize,
        /// Target index.
        target: usize,
        /// The offending value.
        value: f64,
    },
    /// A target value, asset weight or leak-kill probability that is negative, not finite, or
    /// (for probabilities) above 1.
    #[error("{what} = {value} is out of range")]
    Value {
        /// Which quantity, e.g. `target 3 value`.
        what: String,
        /// The offending value.
        value: f64,
    },
    /// A target endangers an asset that does not exist.
    #[error("target {target} threatens asset {asset}, but there are only {assets} assets")]
    UnknownAsset {
        /// Target index.
        target: usize,
        /// Asset index given.
        asset: usize,
        /// Assets in the objective.
        assets: usize,
    },
}

/// A validated static WTA instance. Kill probabilities of 0 mark forbidden pairs (no
/// engagement window, ROE or authority): no solver ever assigns them.
#[derive(Clone, Debug)]
pub struct Problem {
    weapons: Vec<Weapon>,
    targets: Vec<Target>,
    /// Row-major `m × n` kill probabilities.
    p: Vec<f64>,
    /// `ln(1 − p)`, `−∞` where `p = 1` (computed with `ln_1p` so `p ≈ 1` keeps its precision).
    ln_q: Vec<f64>,
    objective: Objective,
}

impl Problem {
    /// Validates and builds a problem; `p[i][j]` is the single-shot kill probability of one unit
    /// of weapon `i` on target `j`.
    pub fn new(
        weapons: Vec<Weapon>,
        targets: Vec<Target>,
        p: Vec<Vec<f64>>,
        objective: Objective,
    ) -> Result<Self, ProblemError> {
        let (m, n) = (weapons.len(), targets.len());
        let bad_row = p.iter().find(|r| r.len() != n);
        if p.len() != m || bad_row.is_some() {
            let cols = bad_row.or(p.first()).map_or(0, Vec::len);
            return Err(ProblemError::Dimensions {
                rows: p.len(),
                cols,
                weapons: m,
                targets: n,
            });
        }
        for (i, row) in p.iter().enumerate() {
            for (j, &value) in row.iter().enumerate() {
                if !(0.0..=1.0).contains(&value) {
                    return Err(ProblemError::Probability {
                        weapon: i,
                        target: j,
                        value,
                    });
                }
            }
        }
        let nonneg = |what: String, value: f64| {
            if value.is_finite() && value >= 0.0 {
                Ok(())
            } else {
                Err(ProblemError::Value { what, value })
            }
        };
        for (j, t) in targets.iter().enumerate() {
            nonneg(format!("target {j} value"), t.value)?;
        }
        if let Objective::AssetBased { asset_weights } = &objective {
            for (k, &w) in asset_weights.iter().enumerate() {
                nonneg(format!("asset {k} weight"), w)?;
            }
            for (j, t) in targets.iter().enumerate() {
                let Some(th) = t.threatens else { continue };
                if th.asset >= asset_weights.len() {
                    let assets = asset_weights.len();
                    return Err(ProblemError::UnknownAsset {
                        target: j,
                        asset: th.asset,
                        assets,
                    });
                }
                if !(0.0..=1.0).contains(&th.leak_kill) {
                    let what = format!("target {j} leak-kill probability");
                    return Err(ProblemError::Value {
                        what,
                        value: th.leak_kill,
                    });
                }
            }
        }
        let p: Vec<f64> = p.into_iter().flatten().collect();
        let ln_q = p
            .iter()
            .map(|&x| {
                if x >= 1.0 {
                    f64::NEG_INFINITY
                } else {
                    (-x).ln_1p()
                }
            })
            .collect();
        Ok(Self {
            weapons,
            targets,
            p,
            ln_q,
            objective,
        })
    }

    /// Number of weapons `m`.
    pub fn n_weapons(&self) -> usize {
        self.weapons.len()
    }
    /// Number of targets `n`.
    pub fn n_targets(&self) -> usize {
        self.targets.len()
    }
    /// The weapons.
    pub fn weapons(&self) -> &[Weapon] {
        &self.weapons
    }
    /// The targets.
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }
    /// The objective.
    pub fn objective(&self) -> &Objective {
        &self.objective
    }
    /// Kill probability of one unit of weapon `i` on target `j`.
    pub fn p(&self, i: usize, j: usize) -> f64 {
        self.p[i * self.targets.len() + j]
    }
    /// `ln(1 − p_ij)`; `−∞` when `p_ij = 1`.
    pub fn ln_q(&self, i: usize, j: usize) -> f64 {
        self.ln_q[i * self.targets.len() + j]
    }
    /// Whether weapon `i` may fire at target `j` at all (`p_ij > 0`).
    pub fn allowed(&self, i: usize, j: usize) -> bool {
        self.p(i, j) > 0.0
    }
    /// Most units target `j` may receive.
    pub(crate) fn shot_cap(&self, j: usize) -> u32 {
        self.targets[j].max_shots.unwrap_or(u32::MAX)
    }
    /// Most distinct targets weapon `i` may engage.
    pub(crate) fn channel_cap(&self, i: usize) -> u32 {
        self.weapons[i].channels.unwrap_or(u32::MAX)
    }
}

/// Units of each weapon fired at each target: a dense `m × n` matrix of counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    n: usize,
    x: Vec<u32>,
}

impl Assignment {
    /// No shots at all (always feasible).
    pub fn empty(n_weapons: usize, n_targets: usize) -> Self {
        Self {
            n: n_targets,
            x: vec![0; n_weapons * n_targets],
        }
    }
    /// Units of weapon `i` fired at target `j`.
    pub fn get(&self, i: usize, j: usize) -> u32 {
        self.x[i * self.n + j]
    }
    /// Sets the units of weapon `i` fired at target `j`.
    pub fn set(&mut self, i: usize, j: usize, units: u32) {
        self.x[i * self.n + j] = units;
    }
    /// Number of weapons (rows).
    pub fn n_weapons(&self) -> usize {
        self.x.len().checked_div(self.n).unwrap_or(0)
    }
    /// Number of targets (columns).
    pub fn n_targets(&self) -> usize {
        self.n
    }
    /// The nonzero entries `(weapon, target, units)`, by weapon then target.
    pub fn shots(&self) -> impl Iterator<Item = (usize, usize, u32)> + '_ {
        let n = self.n.max(1);
        self.x
            .iter()
            .enumerate()
            .filter(|(_, u)| **u > 0)
            .map(move |(k, &u)| (k / n, k % n, u))
    }
}
