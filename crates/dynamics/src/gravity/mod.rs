//! Forces on a free-flying body: central gravity, the J2 oblateness term, the Coriolis and
//! centrifugal terms of the rotating ECEF frame, and aerodynamic drag in an exponential
//! atmosphere.
//!
//! The state is `(r, v)` in ECEF metres and metres per second relative to the rotating Earth
//! when [`ForceModel::rotating`] is set; otherwise the same axes are treated as the inertial
//! frame of a non-rotating Earth (Keplerian checks). Thrust is not a force model term: the
//! boost phase adds it on top (see the `ballistic` module).

use geodesy::Vec3;
use geodesy::wgs84::{A_M, B_M, GM_M3_S2, J2, OMEGA_RAD_S};

/// Atmosphere density model for drag.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Atmosphere {
    /// No drag.
    Vacuum,
    /// ρ(h) = ρ₀ exp(−h/H).
    Exponential {
        /// Sea-level density, kg/m³.
        rho0_kg_m3: f64,
        /// Scale height, metres.
        scale_height_m: f64,
    },
}

impl Atmosphere {
    /// Sea-level density of the 1976 US Standard Atmosphere, kg/m³.
    pub const SEA_LEVEL_DENSITY_KG_M3: f64 = 1.225;
    /// Scale height of the simple exponential atmosphere of the primer (§6.2), metres.
    pub const SCALE_HEIGHT_M: f64 = 7200.0;

    /// Density at ellipsoidal altitude `alt_m`, kg/m³ (zero in vacuum).
    pub fn density_kg_m3(&self, alt_m: f64) -> f64 {
        match *self {
            Atmosphere::Vacuum => 0.0,
            Atmosphere::Exponential {
                rho0_kg_m3,
                scale_height_m,
            } => rho0_kg_m3 * (-alt_m / scale_height_m).exp(),
        }
    }
}

/// Which terms the equations of motion include.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ForceModel {
    /// Include the J2 oblateness term.
    pub j2: bool,
    /// Integrate in the rotating frame with Coriolis/centrifugal terms (false = inertial,
    /// non-rotating Earth, for Keplerian checks).
    pub rotating: bool,
    /// Atmosphere for drag.
    pub atmosphere: Atmosphere,
}

impl ForceModel {
    /// The engine's truth model: central field + J2, rotating Earth, exponential atmosphere.
    pub fn standard() -> Self {
        ForceModel {
            j2: true,
            rotating: true,
            atmosphere: Atmosphere::Exponential {
                rho0_kg_m3: Atmosphere::SEA_LEVEL_DENSITY_KG_M3,
                scale_height_m: Atmosphere::SCALE_HEIGHT_M,
            },
        }
    }

    /// Pure two-body motion: central field only, non-rotating Earth, vacuum. The state is then
    /// in inertial coordinates and the closed-form Kepler results apply exactly.
    pub fn kepler() -> Self {
        ForceModel {
            j2: false,
            rotating: false,
            atmosphere: Atmosphere::Vacuum,
        }
    }

    /// Whether drag acts on a body with ballistic coefficient `beta_kg_m2`.
    pub fn has_drag(&self, beta_kg_m2: Option<f64>) -> bool {
        beta_kg_m2.is_some() && self.atmosphere != Atmosphere::Vacuum
    }

    /// Acceleration at ECEF position `r` with velocity `v` (relative to the frame), m/s².
    ///
    /// Sum of [`gravity`](Self::gravity), the frame terms −2ω×v − ω×(ω×r) when rotating, and
    /// drag −ρ(h)|v|v/(2β) when `beta_kg_m2` is given and the atmosphere is not vacuum. The
    /// atmosphere co-rotates with the Earth, so `v` is also the air-relative velocity. The
    /// density altitude is the height above the ellipsoid along the geocentric radius, within
    /// 1.2 m of the ellipsoidal altitude below 100 km (where drag matters): a density error
    /// below 0.02 %, for one square root instead of geodesy's latitude iteration.
    pub fn acceleration(&self, r: Vec3, v: Vec3, beta_kg_m2: Option<f64>) -> Vec3 {
        let mut a = self.gravity(r);
        if self.rotating {
            // ω = Ω ẑ: −2ω×v = 2Ω(v_y, −v_x, 0); −ω×(ω×r) = Ω²(x, y, 0).
            let w2 = OMEGA_RAD_S * OMEGA_RAD_S;
            a += Vec3::new(
                2.0 * OMEGA_RAD_S * v.y + w2 * r.x,
                -2.0 * OMEGA_RAD_S * v.x + w2 * r.y,
                0.0,
            );
        }
        if let Some(beta) = beta_kg_m2 {
            let rho = self.atmosphere.density_kg_m3(approx_altitude_m(r));
            if rho > 0.0 {
                a -= v * (rho * v.norm() / (2.0 * beta));
            }
        }
        a
    }

    /// Gravitational acceleration (central term, plus J2 when enabled), m/s².
    ///
    /// J2 is the standard zonal term (Vallado, *Fundamentals of Astrodynamics*, 4th ed.,
    /// eq. 8-30) with the WGS-84 semi-major axis as reference radius:
    /// a = −(3/2) J2 μ a²/r⁵ · (x(1 − 5z²/r²), y(1 − 5z²/r²), z(3 − 5z²/r²)).
    pub fn gravity(&self, r: Vec3) -> Vec3 {
        let r2 = r.norm_squared();
        let r1 = r2.sqrt();
        let mut a = r * (-GM_M3_S2 / (r2 * r1));
        if self.j2 {
            let z2_r2 = r.z * r.z / r2;
            let k = -1.5 * J2 * GM_M3_S2 * A_M * A_M / (r2 * r2 * r1);
            a += Vec3::new(
                k * r.x * (1.0 - 5.0 * z2_r2),
                k * r.y * (1.0 - 5.0 * z2_r2),
                k * r.z * (3.0 - 5.0 * z2_r2),
            );
        }
        a
    }

    /// Gravitational potential V (positive convention, gravity = ∇V), J2/kg; with the
    /// centrifugal potential ½|ω×r|² when rotating. Conserved quantities are built on it:
    /// v²/2 − V is the orbital energy (inertial) or the Jacobi integral (rotating).
    #[cfg(test)]
    pub(crate) fn potential(&self, r: Vec3) -> f64 {
        let r2 = r.norm_squared();
        let r1 = r2.sqrt();
        let mut u = GM_M3_S2 / r1;
        if self.j2 {
            let sin2 = r.z * r.z / r2;
            // P₂(sin φc) = (3 sin² φc − 1)/2.
            u -= GM_M3_S2 / r1 * J2 * (A_M * A_M / r2) * 0.5 * (3.0 * sin2 - 1.0);
        }
        if self.rotating {
            u += 0.5 * OMEGA_RAD_S * OMEGA_RAD_S * (r.x * r.x + r.y * r.y);
        }
        u
    }
}

/// Height of `r` above the WGS-84 ellipsoid measured along the geocentric radius, metres:
/// `|r| − R(ψ)`, with `R(ψ) = ab/√(b²cos²ψ + a²sin²ψ)` the ellipsoid radius at geocentric
/// latitude ψ.
///
/// It differs from the ellipsoidal (normal) altitude by about h·(f sin 2φ)²/2 ≤ 5.7e-6·h,
/// i.e. under 1.2 m at 100 km and a few centimetres near the ground (checked in the tests),
/// at the cost of one square root instead of geodesy's latitude iteration. Used for the
/// density altitude and the integrator's step bands, never for events.
pub(crate) fn approx_altitude_m(r: Vec3) -> f64 {
    let r2 = r.norm_squared();
    let sin2 = r.z * r.z / r2;
    let radius_m = A_M * B_M / (B_M * B_M * (1.0 - sin2) + A_M * A_M * sin2).sqrt();
    r2.sqrt() - radius_m
}

#[cfg(test)]
mod tests;
