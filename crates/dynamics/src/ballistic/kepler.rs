//! Closed-form two-body (Keplerian) coasting arcs: the reference the integrator is validated
//! against, and the targeting's first guess.
//!
//! Formulas: conic p = h²/μ, energy ε = v²/2 − μ/r, a = −μ/(2ε), e = √(1 − p/a); true anomaly
//! from e cos θ = p/r − 1, e sin θ = (h/μ)·v_r; eccentric anomaly and Kepler's equation
//! M = E − e sin E for the time (Vallado, *Fundamentals of Astrodynamics*, 4th ed., §2.2–2.3);
//! the free-flight range equation 1/r₁ = (1 − cos Ψ)/(ν r₀ cos²γ) + cos(γ + Ψ)/(r₀ cos γ)
//! with ν = v²r₀/μ (Bate, Mueller & White, *Fundamentals of Astrodynamics*, §6.2).

use core::f64::consts::TAU;
use geodesy::wgs84::GM_M3_S2;

/// A coasting arc from its start to its first descending crossing of a given radius.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Arc {
    /// Central angle travelled, radians.
    pub(crate) range_rad: f64,
    /// Time of flight, seconds.
    pub(crate) tof_s: f64,
    /// Apoapsis radius, metres.
    pub(crate) apoapsis_m: f64,
}

/// The arc starting at radius `r0_m` with speed `v0_mps` and flight-path angle `gamma0_rad`
/// (above the local horizontal), ending where it descends through radius `r1_m`.
/// `None` when the conic is not a bound ellipse or never descends through `r1_m` after the start.
pub(crate) fn arc(r0_m: f64, v0_mps: f64, gamma0_rad: f64, r1_m: f64) -> Option<Arc> {
    let h = r0_m * v0_mps * gamma0_rad.cos();
    let energy = 0.5 * v0_mps * v0_mps - GM_M3_S2 / r0_m;
    if !(h > 0.0 && energy < 0.0) {
        return None;
    }
    let p = h * h / GM_M3_S2;
    let a = -GM_M3_S2 / (2.0 * energy);
    let e = (1.0 - p / a).max(0.0).sqrt();
    let apoapsis_m = a * (1.0 + e);
    // A circle (e → 0) never descends; below 1e-9 the anomaly is undefined.
    if e < 1e-9 || r1_m > apoapsis_m || r1_m < a * (1.0 - e) {
        return None;
    }
    let theta0 = (h / GM_M3_S2 * v0_mps * gamma0_rad.sin())
        .atan2(p / r0_m - 1.0)
        .rem_euclid(TAU);
    // Descending branch: θ ∈ [π, 2π].
    let theta1 = TAU - ((p / r1_m - 1.0) / e).clamp(-1.0, 1.0).acos();
    if theta1 < theta0 {
        return None;
    }
    let n = (GM_M3_S2 / (a * a * a)).sqrt();
    let mean_anomaly = |theta: f64| {
        let ecc = ((1.0 - e * e).sqrt() * theta.sin()).atan2(e + theta.cos());
        // E and θ lie in the same half-turn; pick E's branch nearest θ.
        let ecc = ecc + TAU * ((theta - ecc) / TAU).round();
        ecc - e * ecc.sin()
    };
    Some(Arc {
        range_rad: theta1 - theta0,
        tof_s: (mean_anomaly(theta1) - mean_anomaly(theta0)) / n,
        apoapsis_m,
    })
}

/// Speed at radius `r0_m` and flight-path angle `gamma_rad` that reaches radius `r1_m` after a
/// central angle `range_rad` (the free-flight range equation solved for ν). `None` when no
/// positive speed does. The crossing may be on the ascending branch; callers check with [`arc`].
pub(crate) fn speed_for_range(r0_m: f64, gamma_rad: f64, range_rad: f64, r1_m: f64) -> Option<f64> {
    let (cg, cgp) = (gamma_rad.cos(), (gamma_rad + range_rad).cos());
    let denominator = cg * cg * (r0_m / r1_m) - cg * cgp;
    let nu = (1.0 - range_rad.cos()) / denominator;
    (denominator > 0.0 && nu.is_finite()).then(|| (nu * GM_M3_S2 / r0_m).sqrt())
}
