//! Track quality: a 0–15 integer from the position covariance (table in the tracker docs).
//!
//! PRIMER §2.3 asks for a project-owned log-scale table derived from the local covariance.
//! The RMS position error `σ = √(trace P_pos)` is used rather than a determinant so that an
//! unobserved or degenerate axis cannot make a poor track look good; 0 is kept for "no
//! quality information", as in some message types.

use crate::filter::StateCovariance;

/// RMS position error of the best quality step (TQ 15), m.
pub(super) const TQ_15_SIGMA_M: f64 = 10.0;

/// Track quality from the covariance `p`, over the first `observed_dims` position axes.
///
/// TQ 15 for σ ≤ 10 m and one step lower per doubling of σ, down to 1; 0 only when the
/// covariance is not finite (no quality information).
pub(super) fn track_quality(p: &StateCovariance, observed_dims: u8) -> u8 {
    let n = usize::from(observed_dims.clamp(1, 3));
    let trace: f64 = (0..n).map(|i| p[(i, i)]).sum();
    if !trace.is_finite() || trace < 0.0 {
        return 0;
    }
    quality_from_sigma(trace.sqrt())
}

/// Track quality of an RMS position error `sigma_m` (the same table, for estimates that do
/// not come from this tracker, e.g. fused network tracks).
pub fn quality_from_sigma(sigma_m: f64) -> u8 {
    if !sigma_m.is_finite() || sigma_m < 0.0 {
        return 0;
    }
    let mut quality = 15_u8;
    let mut bound_m = TQ_15_SIGMA_M;
    while sigma_m > bound_m && quality > 1 {
        quality -= 1;
        bound_m *= 2.0;
    }
    quality
}
