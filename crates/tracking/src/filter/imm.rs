//! Interacting multiple models (Blom & Bar-Shalom 1988; PRIMER §6.6).
//!
//! The state keeps mode-conditioned estimates and mode probabilities. A prediction with a
//! positive step mixes (`c_j = Σ_i p_ij μ_i`, `μ_{i|j} = p_ij μ_i / c_j`, moment-matched
//! `x0_j, P0_j`), predicts each mode with its own model and stores `c_j` as the predicted mode
//! probabilities. An update runs each mode's filter on the same measurement and sets
//! `μ_j ∝ c_j L_j` (computed in log space, so a far-off mode underflows to 0 instead of
//! producing NaN); the output is the moment-matched mixture. The transition matrix applies
//! once per prediction (per look), as in the standard discrete-time IMM: sensors with very
//! different revisit times should use matrices tuned to their rate.

use super::linalg::{debug_assert_covariance, symmetrise};
use super::{
    Estimate, FilterConfig, FilterKind, FilterState, MAX_MODES, Measurement, MotionModel,
    StateCovariance, StateVector, kalman, motion,
};
use base::SimTime;

/// How far a probability row may stray from summing to one (configuration rounding).
const STOCHASTIC_TOLERANCE: f64 = 1e-9;

fn assert_distribution(p: &[f64], what: &str) {
    let sum: f64 = p.iter().sum();
    assert!(
        p.iter().all(|v| v.is_finite() && *v >= 0.0) && (sum - 1.0).abs() <= STOCHASTIC_TOLERANCE,
        "IMM {what} {p:?} is not a probability distribution"
    );
}

/// Asserts an IMM configuration.
pub(super) fn validate(models: &[MotionModel], transition: &[Vec<f64>], initial: &[f64]) {
    let n = models.len();
    assert!(
        (1..=MAX_MODES).contains(&n),
        "IMM with {n} models; 1 to {MAX_MODES} supported"
    );
    assert!(
        transition.len() == n && transition.iter().all(|row| row.len() == n),
        "IMM transition matrix is not {n}×{n}"
    );
    for row in transition {
        assert_distribution(row, "transition row");
    }
    assert!(
        initial.len() == n,
        "IMM initial probabilities not of length {n}"
    );
    assert_distribution(initial, "initial probabilities");
}

/// Moment-matched mixture `Σ w_i N(x_i, P_i)`.
fn mixture(estimates: &[Estimate], weights: &[f64]) -> Estimate {
    let mut x = StateVector::zeros();
    for (e, w) in estimates.iter().zip(weights) {
        x += e.x * *w;
    }
    let mut p = StateCovariance::zeros();
    for (e, w) in estimates.iter().zip(weights) {
        let d = e.x - x;
        p += (e.p + d * d.transpose()) * *w;
    }
    Estimate {
        time: estimates[0].time,
        x,
        p: symmetrise(&p),
    }
}

/// The combined (output) estimate.
pub(super) fn combine(modes: &[Estimate], mu: &[f64]) -> Estimate {
    debug_assert!(
        modes.iter().all(|e| e.time == modes[0].time),
        "IMM modes at different times"
    );
    mixture(modes, mu)
}

/// Mixing and mode-matched prediction.
pub(super) fn predict(
    state: &FilterState,
    config: &FilterConfig,
    models: &[MotionModel],
    transition: &[Vec<f64>],
    t: SimTime,
) -> FilterState {
    let n = models.len();
    assert_eq!(
        state.estimates.len(),
        n,
        "filter state built for another IMM configuration"
    );
    let now = state.estimates[0].time;
    assert!(
        t >= now,
        "IMM prediction backwards in time from {now} to {t}"
    );
    if t == now {
        return state.clone();
    }
    let mu = &state.mode_probabilities;
    let c: Vec<f64> = (0..n)
        .map(|j| (0..n).map(|i| transition[i][j] * mu[i]).sum())
        .collect();
    let estimates = (0..n)
        .map(|j| {
            let mix: Vec<f64> = if c[j] > 0.0 {
                (0..n).map(|i| transition[i][j] * mu[i] / c[j]).collect()
            } else {
                // Unreachable mode: keep its own estimate rather than divide by zero.
                (0..n).map(|i| f64::from(u8::from(i == j))).collect()
            };
            let mixed = mixture(&state.estimates, &mix);
            motion::predict(config.frame, config.kind, &models[j], &mixed, t)
        })
        .collect();
    FilterState {
        estimates,
        mode_probabilities: normalised(c),
    }
}

fn normalised(mut v: Vec<f64>) -> Vec<f64> {
    let sum: f64 = v.iter().sum();
    assert!(
        sum > 0.0 && sum.is_finite(),
        "IMM mode probabilities sum to {sum}"
    );
    for p in &mut v {
        *p /= sum;
    }
    v
}

/// `c_j exp(ll_j)` normalised, in log space.
fn posterior_modes(c: &[f64], log_likelihoods: &[f64]) -> Vec<f64> {
    let max = log_likelihoods
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(max.is_finite(), "IMM mode likelihoods {log_likelihoods:?}");
    normalised(
        c.iter()
            .zip(log_likelihoods)
            .map(|(c, ll)| c * (ll - max).exp())
            .collect(),
    )
}

/// Mode-matched updates and mode-probability update.
pub(super) fn update(state: &FilterState, kind: FilterKind, meas: &Measurement) -> FilterState {
    let (estimates, lls): (Vec<Estimate>, Vec<f64>) = state
        .estimates
        .iter()
        .map(|e| kalman::update(kind, e, meas))
        .unzip();
    let mode_probabilities = posterior_modes(&state.mode_probabilities, &lls);
    let out = FilterState {
        estimates,
        mode_probabilities,
    };
    debug_assert_covariance(&out.estimate().p, "IMM update");
    out
}

/// Mode-matched PDA updates; mode probabilities `β0 c_j + Σ_i β_i c_j N_ij / Σ_k c_k N_ik`.
pub(super) fn update_pda(
    state: &FilterState,
    kind: FilterKind,
    weighted: &[(f64, Measurement)],
    beta0: f64,
) -> FilterState {
    let c = &state.mode_probabilities;
    let (estimates, lls): (Vec<Estimate>, Vec<Vec<f64>>) = state
        .estimates
        .iter()
        .map(|e| kalman::update_pda(kind, e, weighted, beta0))
        .unzip();
    let mut mu: Vec<f64> = c.iter().map(|cj| beta0 * cj).collect();
    for (i, (beta, _)) in weighted.iter().enumerate() {
        let per_mode: Vec<f64> = lls.iter().map(|ll| ll[i]).collect();
        for (m, post) in mu.iter_mut().zip(posterior_modes(c, &per_mode)) {
            *m += beta * post;
        }
    }
    let out = FilterState {
        estimates,
        mode_probabilities: normalised(mu),
    };
    debug_assert_covariance(&out.estimate().p, "IMM PDA update");
    out
}
