//! The Earth's surface as a constraint on track estimates.
//!
//! Nothing the engine tracks is below the surface: an air-breather flies above it and a
//! ballistic object ends on it. The scenario's Earth is the WGS-84 ellipsoid (no terrain, no
//! geoid), so the surface is ellipsoid height [`Surface::floor_alt_m`]. Two rules follow, and
//! both keep the uncertainty honest instead of clamping a number:
//!
//! * **Air tracks are constrained** by density truncation (Simon & Simon, "Constrained Kalman
//!   filtering via density function truncation", 2010; D. Simon, "Kalman filtering with
//!   state constraints: a survey of linear and nonlinear algorithms", IET CTA 4(8), 2010):
//!   the Gaussian estimate is cut at the floor along the altitude gradient (the ellipsoid
//!   normal `n̂` at the mean: `h(p) ≈ h(p̂) + n̂ᵀ(p − p̂)`) and replaced by the moments of the
//!   cut density. With `m` the mean altitude, `s² = cᵀPc` its variance (`c` = `n̂` on the
//!   position components), `α = (floor − m)/s` and `λ = φ(α)/(1 − Φ(α))` the inverse Mills
//!   ratio, the cut density has mean `m + sλ` and variance `s'² = s²(1 + αλ − λ²)`; the rest of
//!   the state follows through its correlation with altitude (the linear-Gaussian conditional
//!   update that produces those moments):
//!   `x' = x + Pc (m' − m)/s²`, `P' = P − (1 − s'²/s²) Pc cᵀP / s²`.
//!   Since `0 < s'² < s²`, `P'` is the sum of the PSD `P − Pc cᵀP/s²` and a positive multiple
//!   of `Pc cᵀP`: it stays symmetric positive definite, and shrinks only along the altitude
//!   direction and only as much as the constraint informs it. A mean far above the floor is
//!   unchanged to rounding (`α ≪ 0`, `λ → 0`). For a mixture (IMM) each component is cut and
//!   reweighted by the mass it keeps above the floor, which is the exact truncated mixture.
//! * **Ballistic tracks end at predicted impact**: a ballistic object does not fly on along
//!   the surface, so its track is not cut but ends when its prediction reaches the floor
//!   ([`reached`]; the tracker and the fused picture apply it).
//!
//! The inverse Mills ratio comes from the complementary error function in the form
//! `erfc(z) = t·exp(−z² + P(t))`, `t = 1/(1 + z/2)` (Numerical Recipes' `erfcc`, fractional error
//! below 1.2·10⁻⁷ for every z ≥ 0), in which `exp(−z²)` cancels against `φ(α)` analytically, so
//! `λ` is accurate however far below the floor the mean is; beyond `α = 10` the asymptotic
//! series `λ ≈ α + 1/α − 2/α³ + 10/α⁵ − 74/α⁷`, `s'²/s² ≈ 1/α² − 6/α⁴ + 50/α⁶` (relative error
//! below 10⁻⁵ there) avoids the cancellation in `1 + αλ − λ²`.

use crate::filter::Frame;
use geodesy::{Position, Vec3};
use nalgebra::{SMatrix, SVector};

/// Where the surface is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Surface {
    /// Lowest ellipsoid height (ECEF) or z (flat frame) anything tracked can have, m.
    pub floor_alt_m: f64,
}

impl Surface {
    /// The WGS-84 ellipsoid itself (the engine's Earth has no terrain).
    pub const ELLIPSOID: Surface = Surface { floor_alt_m: 0.0 };
}

/// Altitude of a position and the unit altitude gradient there: ellipsoid height and the
/// ellipsoid normal in ECEF; z and +z in the flat frame.
pub fn altitude(frame: Frame, p: Vec3) -> (f64, Vec3) {
    match frame {
        Frame::Ecef => {
            let g = Position::ecef_from_vec(p).to_wgs84();
            (g.alt_m(), g.up())
        }
        Frame::Flat => (p.z, Vec3::z()),
    }
}

/// Whether a ballistic estimate has reached the surface (its mean is at or below the floor).
pub fn reached(frame: Frame, surface: Surface, position: Vec3) -> bool {
    altitude(frame, position).0 <= surface.floor_alt_m
}

/// The result of cutting one Gaussian at the floor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cut {
    /// ln of the probability mass the Gaussian had above the floor (≤ 0).
    pub ln_mass: f64,
    /// Altitude of the mean before the cut, m.
    pub alt_before_m: f64,
}

/// Cuts the Gaussian `N(x, P)` (position in components 0..3) at the surface, in place: the
/// moments of the truncated density (module docs). Returns the mass it had above the floor.
pub fn truncate<const N: usize>(
    frame: Frame,
    surface: Surface,
    x: &mut SVector<f64, N>,
    p: &mut SMatrix<f64, N, N>,
) -> Cut {
    assert!(N >= 3, "a state with a position");
    let (alt, up) = altitude(frame, Vec3::new(x[0], x[1], x[2]));
    // P c: the covariance of every component with the altitude.
    let mut pc = SVector::<f64, N>::zeros();
    for i in 0..N {
        pc[i] = p[(i, 0)] * up.x + p[(i, 1)] * up.y + p[(i, 2)] * up.z;
    }
    let s2 = pc[0] * up.x + pc[1] * up.y + pc[2] * up.z;
    let cut = Cut {
        ln_mass: 0.0,
        alt_before_m: alt,
    };
    if !(s2 > 0.0 && s2.is_finite() && alt.is_finite()) {
        return cut;
    }
    let s = s2.sqrt();
    let alpha = (surface.floor_alt_m - alt) / s;
    let tail = upper_tail(alpha);
    // Far above the floor the cut changes nothing representable: leave the estimate exact.
    if tail.lambda * s <= f64::EPSILON * alt.abs().max(1.0) {
        return Cut {
            ln_mass: tail.ln_mass,
            ..cut
        };
    }
    let shift = s * tail.lambda;
    let shrink = 1.0 - tail.variance_ratio;
    *x += pc * (shift / s2);
    *p -= pc * pc.transpose() * (shrink / s2);
    *p = (*p + p.transpose()) * 0.5;
    Cut {
        ln_mass: tail.ln_mass,
        ..cut
    }
}

/// The upper tail `X ≥ α` of a standard normal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Tail {
    /// `ln(1 − Φ(α))`.
    pub(crate) ln_mass: f64,
    /// `E[X | X ≥ α]`, the inverse Mills ratio `φ(α)/(1 − Φ(α))`.
    pub(crate) lambda: f64,
    /// `Var[X | X ≥ α]`, in (0, 1].
    pub(crate) variance_ratio: f64,
}

/// ln √(2π).
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;
/// Where the asymptotic series takes over (module docs).
const ASYMPTOTIC_ALPHA: f64 = 10.0;
/// Smallest variance ratio kept (a cut never makes the covariance singular).
const MIN_VARIANCE_RATIO: f64 = 1e-12;

pub(crate) fn upper_tail(alpha: f64) -> Tail {
    let ln_phi = -0.5 * alpha * alpha - LN_SQRT_2PI;
    if alpha >= ASYMPTOTIC_ALPHA {
        let a2 = alpha * alpha;
        let lambda = alpha + (1.0 - (2.0 - (10.0 - 74.0 / a2) / a2) / a2) / alpha;
        let ratio = (1.0 - (6.0 - 50.0 / a2) / a2) / a2;
        return Tail {
            ln_mass: ln_phi - lambda.ln(),
            lambda,
            variance_ratio: ratio.max(MIN_VARIANCE_RATIO),
        };
    }
    let z = alpha.abs() / core::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = erfc_poly(t);
    let (ln_mass, lambda) = if alpha >= 0.0 {
        // 1 − Φ(α) = erfc(z)/2 = t·exp(−z² + P)/2 and φ(α) = exp(−z²)/√(2π).
        let ln_mass = (0.5 * t).ln() - z * z + poly;
        let lambda = (2.0 / core::f64::consts::PI).sqrt() / t * (-poly).exp();
        (ln_mass, lambda)
    } else {
        let mass = 1.0 - 0.5 * t * (-z * z + poly).exp();
        (mass.ln(), (ln_phi - mass.ln()).exp())
    };
    let ratio = 1.0 + alpha * lambda - lambda * lambda;
    Tail {
        ln_mass,
        lambda,
        variance_ratio: ratio.clamp(MIN_VARIANCE_RATIO, 1.0),
    }
}

/// `P(t)` of `erfc(z) = t·exp(−z² + P(t))` (Numerical Recipes in C, 2nd ed., §6.2, `erfcc`).
fn erfc_poly(t: f64) -> f64 {
    const C: [f64; 10] = [
        -1.265_512_23,
        1.000_023_68,
        0.374_091_96,
        0.096_784_18,
        -0.186_288_06,
        0.278_868_07,
        -1.135_203_98,
        1.488_515_87,
        -0.822_152_23,
        0.170_872_77,
    ];
    C.iter().rev().fold(0.0, |acc, c| acc * t + c)
}

#[cfg(test)]
mod tests;
