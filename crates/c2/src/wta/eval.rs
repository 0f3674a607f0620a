//! The objective in log space and the feasibility check: the one place that says what an
//! assignment costs and whether it is allowed.
//!
//! A target's survival `S_j = Π_i q_ij^x_ij` is kept as `Σ_i x_ij ln q_ij` plus a count of
//! certain-kill shots (`p = 1`, `ln q = −∞`), so a sure kill gives exactly `S = 0` and removing
//! that shot again gives back the finite log instead of `−∞ − (−∞) = NaN`.

use super::problem::{Assignment, Objective, Problem};
use thiserror::Error;

/// A target's survival probability in log space.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub(crate) struct LogSurv {
    /// `Σ x_ij ln q_ij` over finite `ln q` only.
    pub(crate) log: f64,
    /// Units with `p = 1` on this target.
    pub(crate) sure: u32,
}

impl LogSurv {
    /// The survival probability.
    pub(crate) fn surv(self) -> f64 {
        if self.sure > 0 { 0.0 } else { self.log.exp() }
    }
    /// After `k` more units (negative: fewer) with log-survival `ln_q` each.
    pub(crate) fn add(self, ln_q: f64, k: i32) -> Self {
        if ln_q == f64::NEG_INFINITY {
            Self {
                log: self.log,
                sure: self.sure.saturating_add_signed(k),
            }
        } else {
            Self {
                log: self.log + f64::from(k) * ln_q,
                sure: self.sure,
            }
        }
    }
}

/// Each target's survival under `x`, summed exactly from the matrix (no running updates).
pub(crate) fn survivals(problem: &Problem, x: &Assignment) -> Vec<LogSurv> {
    (0..problem.n_targets())
        .map(|j| {
            (0..problem.n_weapons()).fold(LogSurv::default(), |s, i| match x.get(i, j) {
                0 => s,
                k => s.add(problem.ln_q(i, j), i32::try_from(k).unwrap_or(i32::MAX)),
            })
        })
        .collect()
}

/// The loss of one asset given the survivals of the threats that endanger it:
/// `w (1 − Π (1 − π S))`, computed as `−w·expm1(Σ ln_1p(−π S))` so small losses keep their
/// relative precision and a certain leak gives exactly `w`.
pub(crate) fn asset_loss(weight: f64, leaks: impl Iterator<Item = (f64, f64)>) -> f64 {
    let log_safe: f64 = leaks.map(|(pi, s)| (-(pi * s)).ln_1p()).sum();
    -weight * log_safe.exp_m1()
}

/// The objective for given survivals.
pub(crate) fn objective_of(problem: &Problem, surv: &[LogSurv]) -> f64 {
    let targets = problem.targets();
    match problem.objective() {
        Objective::TargetValue => targets
            .iter()
            .zip(surv)
            .map(|(t, s)| t.value * s.surv())
            .sum(),
        Objective::AssetBased { asset_weights } => asset_weights
            .iter()
            .enumerate()
            .map(|(k, &w)| {
                let leaks = targets.iter().zip(surv).filter_map(|(t, s)| {
                    t.threatens
                        .filter(|th| th.asset == k)
                        .map(|th| (th.leak_kill, s.surv()))
                });
                asset_loss(w, leaks)
            })
            .sum(),
    }
}

/// The objective of `x` (expected surviving value, or expected lost asset value): recomputed
/// from scratch in log space. Feasibility is not checked (see [`check_feasible`]).
///
/// # Panics
/// If `x` does not have the problem's dimensions.
pub fn evaluate(problem: &Problem, x: &Assignment) -> f64 {
    assert_eq!(
        (x.n_weapons(), x.n_targets()),
        (problem.n_weapons(), problem.n_targets()),
        "assignment dimensions differ from the problem's"
    );
    objective_of(problem, &survivals(problem, x))
}

/// Why an assignment breaks a side constraint.
#[derive(Debug, Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum Infeasibility {
    /// The assignment's matrix has the wrong shape.
    #[error("assignment is {got_m}x{got_n}, problem is {m}x{n}")]
    Dimensions {
        /// Assignment rows.
        got_m: usize,
        /// Assignment columns.
        got_n: usize,
        /// Problem weapons.
        m: usize,
        /// Problem targets.
        n: usize,
    },
    /// A weapon fires more units than it has.
    #[error("weapon {weapon} fires {fired} units but has {units}")]
    Inventory {
        /// Weapon index.
        weapon: usize,
        /// Units fired.
        fired: u64,
        /// Units available.
        units: u32,
    },
    /// A weapon engages more distinct targets than it has channels.
    #[error("weapon {weapon} engages {engaged} targets but has {channels} channels")]
    Channels {
        /// Weapon index.
        weapon: usize,
        /// Distinct targets engaged.
        engaged: u32,
        /// Channels.
        channels: u32,
    },
    /// A target receives more units than its maximum.
    #[error("target {target} receives {shots} units, at most {max_shots} allowed")]
    MaxShots {
        /// Target index.
        target: usize,
        /// Units received.
        shots: u64,
        /// The cap.
        max_shots: u32,
    },
    /// A forbidden pair (`p = 0`: no window, ROE or authority) is used.
    #[error("weapon {weapon} fires at target {target}, which it may not engage")]
    Forbidden {
        /// Weapon index.
        weapon: usize,
        /// Target index.
        target: usize,
    },
}

/// Checks every side constraint; returns the first one broken.
pub fn check_feasible(problem: &Problem, x: &Assignment) -> Result<(), Infeasibility> {
    let (m, n) = (problem.n_weapons(), problem.n_targets());
    if (x.n_weapons(), x.n_targets()) != (m, n) && m * n > 0 {
        let (got_m, got_n) = (x.n_weapons(), x.n_targets());
        return Err(Infeasibility::Dimensions { got_m, got_n, m, n });
    }
    let mut shots = vec![0u64; n];
    for (weapon, w) in problem.weapons().iter().enumerate() {
        let (mut fired, mut engaged) = (0u64, 0u32);
        for (target, s) in shots.iter_mut().enumerate() {
            let k = x.get(weapon, target);
            if k > 0 && !problem.allowed(weapon, target) {
                return Err(Infeasibility::Forbidden { weapon, target });
            }
            fired += u64::from(k);
            *s += u64::from(k);
            engaged += u32::from(k > 0);
        }
        if fired > u64::from(w.units) {
            return Err(Infeasibility::Inventory {
                weapon,
                fired,
                units: w.units,
            });
        }
        if let Some(channels) = w.channels.filter(|&c| engaged > c) {
            return Err(Infeasibility::Channels {
                weapon,
                engaged,
                channels,
            });
        }
    }
    for (target, (&s, t)) in shots.iter().zip(problem.targets()).enumerate() {
        if let Some(max_shots) = t.max_shots.filter(|&c| s > u64::from(c)) {
            return Err(Infeasibility::MaxShots {
                target,
                shots: s,
                max_shots,
            });
        }
    }
    Ok(())
}
