//! WGS-84 defining and derived constants (NIMA TR8350.2, 3rd ed., tables 3.1 and 3.3).

/// Semi-major axis a, metres.
pub const A_M: f64 = 6_378_137.0;
/// Flattening f.
pub const F: f64 = 1.0 / 298.257_223_563;
/// Semi-minor axis b = a(1 − f), metres.
pub const B_M: f64 = A_M * (1.0 - F);
/// First eccentricity squared e² = f(2 − f).
pub const E2: f64 = F * (2.0 - F);
/// Second eccentricity squared e'² = e²/(1 − e²).
pub const EP2: f64 = E2 / (1.0 - E2);
/// Earth's gravitational parameter GM (with atmosphere), m³/s².
pub const GM_M3_S2: f64 = 3.986_004_418e14;
/// Earth's nominal mean angular velocity ω, rad/s.
pub const OMEGA_RAD_S: f64 = 7.292_115e-5;
/// Second zonal harmonic J2 (EGM96 value −C̄₂₀·√5 = 1.082 626 684e-3; TR8350.2 table 3.3 gives
/// C̄₂₀ = −0.484 166 774 985e-3).
pub const J2: f64 = 1.082_626_684e-3;
/// Mean Earth radius R₁ = (2a + b)/3, metres; used by spherical-Earth models and tests.
pub const MEAN_RADIUS_M: f64 = (2.0 * A_M + B_M) / 3.0;
