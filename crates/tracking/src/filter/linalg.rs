//! Small numerical helpers shared by the filters: symmetrisation, positive-definiteness
//! checks, angle wrapping, NEES.

use super::{Estimate, StateCovariance, StateVector};
use core::f64::consts::{PI, TAU};
use nalgebra::DMatrix;

/// Relative asymmetry tolerated in a covariance handed to us: rounding in a caller's
/// products, not a modelling error. Ours are symmetrised exactly.
const SYMMETRY_TOLERANCE: f64 = 1e-9;

/// `(P + Pᵀ)/2`: removes the rounding asymmetry of `F P Fᵀ` and update products, which would
/// otherwise accumulate over thousands of cycles.
pub(super) fn symmetrise<const N: usize>(
    p: &nalgebra::SMatrix<f64, N, N>,
) -> nalgebra::SMatrix<f64, N, N> {
    (p + p.transpose()) * 0.5
}

/// Whether `p` is symmetric (to [`SYMMETRY_TOLERANCE`] of its largest entry) and has a
/// Cholesky factor.
pub(super) fn is_covariance(p: &StateCovariance) -> bool {
    let scale = p.amax();
    let asym = (p - p.transpose()).amax();
    p.iter().all(|v| v.is_finite())
        && asym <= SYMMETRY_TOLERANCE * scale
        && p.clone_owned().cholesky().is_some()
}

/// Asserts `p` is a valid covariance (always on: used at construction boundaries).
pub(super) fn assert_covariance(p: &StateCovariance, what: &str) {
    assert!(
        is_covariance(p),
        "{what}: covariance is not symmetric positive definite: {p}"
    );
}

/// Debug-build check after every update and prediction (release builds rely on the
/// always-on check of S before gating).
pub(super) fn debug_assert_covariance(p: &StateCovariance, what: &str) {
    debug_assert!(
        is_covariance(p),
        "{what}: covariance lost positive definiteness: {p}"
    );
}

/// Wraps an angle difference to (−π, π].
pub(super) fn wrap_pi(a: f64) -> f64 {
    let w = a.rem_euclid(TAU);
    if w > PI { w - TAU } else { w }
}

/// Wraps an angle to [0, 2π) (azimuth convention).
pub(super) fn wrap_two_pi(a: f64) -> f64 {
    let w = a.rem_euclid(TAU);
    // rem_euclid rounds tiny negative values up to exactly 2π; that is 0.
    if w < TAU { w } else { 0.0 }
}

/// See [`super::nees`].
pub(super) fn nees(estimate: &Estimate, truth: &StateVector, indices: &[usize]) -> f64 {
    let n = indices.len();
    let mut p = DMatrix::<f64>::zeros(n, n);
    let mut e = nalgebra::DVector::<f64>::zeros(n);
    for (a, &i) in indices.iter().enumerate() {
        e[a] = estimate.x[i] - truth[i];
        for (b, &j) in indices.iter().enumerate() {
            p[(a, b)] = estimate.p[(i, j)];
        }
    }
    let chol = p
        .cholesky()
        .expect("NEES needs a positive definite covariance block");
    let w = chol.solve(&e);
    e.dot(&w)
}
