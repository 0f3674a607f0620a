//! The scaled unscented transform (Julier 2002; Wan & van der Merwe 2000).
//!
//! Parameters α = 1, β = 2, κ = 0 on the 9-state give λ = α²(n + κ) − n = 0: sigma points at
//! `x ± 3 √P` columns (γ = √(n + λ) = 3), mean weights `W₀ = 0`, `Wᵢ = 1/18`, covariance
//! weights `W₀ = 2`, `Wᵢ = 1/18`. Why these: every weight is non-negative, so the joint
//! sample covariance of `[x; z]` is positive semidefinite and so is its Schur complement
//! `P − K S Kᵀ` (the update can never lose definiteness, unlike the popular α = 1e-3, whose
//! `W₀ ≈ −10⁶`); β = 2 is optimal for Gaussian priors. The cost is a wider spread (3σ), which
//! only matters when 3σ of position reaches the sensor — far outside tracking geometry.
//!
//! Angles: the measurement mean is taken relative to the central point's prediction
//! (`z̄ = Z₀ + Σ Wᵢ wrap(Zᵢ − Z₀)`, then put back in range), and every deviation is wrapped,
//! so sigma points straddling north (0/2π) or the ±π bearing cut average correctly.

use super::measurement::{canonical, h, residual};
use super::{Estimate, Gain, MeasCovariance, MeasVector, MeasurementModel, NX};
use super::{StateCovariance, StateVector};

/// Spread parameter α.
pub(super) const ALPHA: f64 = 1.0;
/// Prior-distribution parameter β (2 is optimal for Gaussians).
pub(super) const BETA: f64 = 2.0;
/// Secondary scaling κ.
pub(super) const KAPPA: f64 = 0.0;

const N_POINTS: usize = 2 * NX + 1;

struct Weights {
    gamma: f64,
    mean0: f64,
    cov0: f64,
    rest: f64,
}

fn weights() -> Weights {
    let n = NX as f64;
    let lambda = ALPHA * ALPHA * (n + KAPPA) - n;
    Weights {
        gamma: (n + lambda).sqrt(),
        mean0: lambda / (n + lambda),
        cov0: lambda / (n + lambda) + (1.0 - ALPHA * ALPHA + BETA),
        rest: 1.0 / (2.0 * (n + lambda)),
    }
}

fn sigma_points(est: &Estimate) -> [StateVector; N_POINTS] {
    let w = weights();
    let l = est
        .p
        .cholesky()
        .unwrap_or_else(|| panic!("UKF prior covariance is not positive definite: {}", est.p))
        .l();
    let mut pts = [est.x; N_POINTS];
    for i in 0..NX {
        let col = l.column(i) * w.gamma;
        pts[1 + i] = est.x + col;
        pts[1 + NX + i] = est.x - col;
    }
    pts
}

fn weight_mean(i: usize, w: &Weights) -> f64 {
    if i == 0 { w.mean0 } else { w.rest }
}

fn weight_cov(i: usize, w: &Weights) -> f64 {
    if i == 0 { w.cov0 } else { w.rest }
}

/// The unscented measurement prediction without noise.
pub(super) struct MeasurementTransform {
    /// Mean predicted measurement (angles in canonical range).
    pub(super) z_hat: MeasVector,
    /// `Σ W (Z − z̄)(Z − z̄)ᵀ` (add `R` for `S`; padded block zero).
    pub(super) s: MeasCovariance,
    /// Cross-covariance `P_xz`.
    pub(super) cross: Gain,
}

/// Sigma points of `est` through `h`.
pub(super) fn transform_measurement(
    model: &MeasurementModel,
    est: &Estimate,
) -> MeasurementTransform {
    let w = weights();
    let pts = sigma_points(est);
    let zs: [MeasVector; N_POINTS] = core::array::from_fn(|i| h(model, &pts[i]));
    let mut offset = MeasVector::zeros();
    for (i, z) in zs.iter().enumerate() {
        offset += residual(model, z, &zs[0]) * weight_mean(i, &w);
    }
    // Mean weights sum to one, so this is the weighted mean of the unwrapped values.
    let z_hat = canonical(model, &(zs[0] + offset));
    let mut s = MeasCovariance::zeros();
    let mut cross = Gain::zeros();
    for (i, (z, x)) in zs.iter().zip(pts.iter()).enumerate() {
        let dz = residual(model, z, &z_hat);
        let wc = weight_cov(i, &w);
        s += dz * dz.transpose() * wc;
        cross += (x - est.x) * dz.transpose() * wc;
    }
    MeasurementTransform {
        z_hat,
        s: super::linalg::symmetrise(&s),
        cross,
    }
}

/// Sigma points of `est` through a state function: mean and covariance (without noise).
pub(super) fn transform_state(
    est: &Estimate,
    f: impl Fn(&StateVector) -> StateVector,
) -> (StateVector, StateCovariance) {
    let w = weights();
    let pts = sigma_points(est);
    let ys: [StateVector; N_POINTS] = core::array::from_fn(|i| f(&pts[i]));
    let mut mean = StateVector::zeros();
    for (i, y) in ys.iter().enumerate() {
        mean += y * weight_mean(i, &w);
    }
    let mut p = StateCovariance::zeros();
    for (i, y) in ys.iter().enumerate() {
        let d = y - mean;
        p += d * d.transpose() * weight_cov(i, &w);
    }
    (mean, super::linalg::symmetrise(&p))
}
