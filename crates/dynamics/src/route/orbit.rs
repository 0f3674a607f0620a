//! Circular holding orbits, built exactly: every sample lies on the geodesic circle of the
//! given radius about the centre, with the velocity its exact time derivative.
//!
//! The point at phase θ is the end of the geodesic of length ρ leaving the centre at azimuth θ
//! (GeographicLib's direct problem). Turning that geodesic by dθ moves its end sideways by the
//! reduced length m₁₂·dθ, at right angles to the geodesic's arrival azimuth, which gives the
//! velocity. The phase advances at a constant rate chosen so the horizontal speed at the
//! orbit's altitude equals the commanded speed at the start; on the ellipsoid m₁₂ varies with
//! θ by ~(ρ/R)²·e², so the speed elsewhere differs by less than 1e-5 (relative).

use super::kinematics::surface_velocity;
use super::validate;
use crate::{DynamicsError, Milestone, OrbitSpec, Trajectory, TrajectoryBuilder};
use base::SimDuration;
use geodesy::{Ecef, Velocity, Wgs84};
use geographiclib_rs::{DirectGeodesic, Geodesic};

/// Phase advance between samples, radians (2°). Hermite error on a circle of radius ρ sampled
/// every θ is ≤ ρθ⁴/384: 0.2 mm for ρ = 50 km, 20 mm at the radius limit.
const SAMPLE_ARC_RAD: f64 = 2.0 * core::f64::consts::PI / 180.0;
/// Longest sample spacing, seconds, whatever the angular rate (very wide, slow orbits).
const MAX_SAMPLE_STEP_S: f64 = 60.0;
/// Most samples one orbit may store (≈ 7 days of a 50 km, 200 m/s orbit at 2° spacing).
const MAX_ORBIT_SAMPLES: usize = 1_000_000;

/// Flies `spec`. Starts due north of the centre at `start_time`, ends at `until`.
pub(crate) fn fly(spec: &OrbitSpec) -> Result<Trajectory, DynamicsError> {
    validate::orbit(spec)?;
    let orbit = Orbit::new(spec);
    let step_s = (SAMPLE_ARC_RAD / orbit.rate_rad_s).min(MAX_SAMPLE_STEP_S);
    let step = SimDuration::from_secs_f64(step_s).max(SimDuration::from_nanos(1));
    let span_ns = (spec.until - spec.start_time).as_nanos();
    // Samples at start + k·step, plus the end; computed in i128 so no input overflows.
    let n_steps =
        (i128::from(span_ns) + i128::from(step.as_nanos()) - 1) / i128::from(step.as_nanos());
    if n_steps >= MAX_ORBIT_SAMPLES as i128 {
        return Err(DynamicsError::TooLong {
            what: "orbit samples",
            max: MAX_ORBIT_SAMPLES,
        });
    }
    let mut b = TrajectoryBuilder::new();
    let mut t = spec.start_time;
    loop {
        let (position, velocity) = orbit.state((t - spec.start_time).as_secs_f64());
        b.push(t, position.to_ecef(), velocity);
        if t >= spec.until {
            break;
        }
        t = (t + step).min(spec.until);
    }
    b.milestone(spec.start_time, Milestone::Start);
    Ok(b.build())
}

/// The orbit's geometry and phase rate; [`Orbit::state`] is exact at any time.
pub(super) struct Orbit {
    geod: Geodesic,
    centre: Wgs84,
    radius_m: f64,
    /// Phase rate magnitude, rad/s.
    rate_rad_s: f64,
    /// +1 clockwise seen from above (azimuth of the phase increasing), −1 otherwise.
    sense: f64,
}

impl Orbit {
    pub(super) fn new(spec: &OrbitSpec) -> Self {
        let geod = Geodesic::wgs84();
        let sense = if spec.clockwise { 1.0 } else { -1.0 };
        let mut orbit = Orbit {
            geod,
            centre: spec.centre,
            radius_m: spec.radius_m,
            rate_rad_s: 1.0,
            sense,
        };
        // Velocity is linear in the rate (and horizontal): scale the unit-rate velocity at the
        // start to the commanded speed.
        let (_, unit) = orbit.state(0.0);
        orbit.rate_rad_s = spec.speed_mps / unit.speed_mps();
        orbit
    }

    /// Geodetic position and ECEF velocity `elapsed_s` after the start.
    pub(super) fn state(&self, elapsed_s: f64) -> (Wgs84, Velocity<Ecef>) {
        // Reduced to one turn so long runs keep the phase's full precision.
        let phase_deg = (self.sense * self.rate_rad_s * elapsed_s)
            .to_degrees()
            .rem_euclid(360.0);
        let (lat_deg, lon_deg, arrival_deg, m12_m): (f64, f64, f64, f64) = self.geod.direct(
            self.centre.lat_deg(),
            self.centre.lon_deg(),
            phase_deg,
            self.radius_m,
        );
        let alt_m = self.centre.alt_m();
        // Increasing the phase moves the point to the right of the arriving geodesic.
        let course_deg = arrival_deg + 90.0 * self.sense;
        let surface_mps = m12_m * self.rate_rad_s;
        let v = surface_velocity(lat_deg, lon_deg, alt_m, course_deg, surface_mps);
        let position = Wgs84::from_radians(lat_deg.to_radians(), lon_deg.to_radians(), alt_m);
        (position, Velocity::ecef_from_vec(v))
    }
}
