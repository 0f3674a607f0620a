//! Forces on a free-flying body in the rotating ECEF frame. (Stub: filled by the ballistic work.)

use geodesy::Vec3;

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
            atmosphere: Atmosphere::Exponential { rho0_kg_m3: 1.225, scale_height_m: 7200.0 },
        }
    }
    /// Acceleration at ECEF position `r` with velocity `v` (relative to the frame), m/s².
    pub fn acceleration(&self, _r: Vec3, _v: Vec3, _beta_kg_m2: Option<f64>) -> Vec3 {
        unimplemented!("filled by the ballistic work")
    }
}
