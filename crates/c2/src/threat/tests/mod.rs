//! Tests of threat evaluation: impact prediction against the dynamics crate's own flights and
//! against Monte Carlo, the hit probabilities against closed forms and sampling, the closest
//! approach against hand-computed geometry, the assessment and the predicted paths.

mod assess;
mod impact;
mod path;
mod prob;

use super::*;
use dynamics::{BallisticShape, BallisticSolution, BallisticSpec, ForceModel, fly_ballistic};

pub(super) fn wgs(lat_deg: f64, lon_deg: f64, alt_m: f64) -> Wgs84 {
    Wgs84::from_degrees(lat_deg, lon_deg, alt_m).expect("valid test point")
}

fn fly(
    launch: Wgs84,
    aim: Wgs84,
    seconds: f64,
    burn_s: f64,
    beta: Option<f64>,
) -> BallisticSolution {
    let spec = BallisticSpec {
        launch_time: SimTime::from_secs(100),
        launch,
        aim,
        shape: BallisticShape::FlightTime { seconds },
        burn_time_s: burn_s,
        ballistic_coefficient_kg_m2: beta,
    };
    fly_ballistic(&spec, &ForceModel::standard()).expect("the test shot is reachable")
}

/// A ~600 km SRBM, 420 s of flight, aimed at sea level.
pub(super) fn srbm(beta: Option<f64>) -> BallisticSolution {
    fly(
        wgs(10.0, 20.0, 150.0),
        wgs(13.5, 24.0, 0.0),
        420.0,
        60.0,
        beta,
    )
}

/// A ~3800 km IRBM across the antimeridian, 1150 s of flight.
pub(super) fn irbm(beta: Option<f64>) -> BallisticSolution {
    fly(
        wgs(20.0, 165.0, 0.0),
        wgs(12.0, -160.0, 0.0),
        1150.0,
        100.0,
        beta,
    )
}

/// The truth state at `frac` of the way from launch to impact, as a track with covariance `p`.
pub(super) fn track_at(sol: &BallisticSolution, frac: f64, p: [[f64; 6]; 6]) -> TrackEstimate {
    let start = sol.trajectory.start();
    let flight_s = (sol.impact_time - start).as_secs_f64();
    let time = start + base::SimDuration::from_secs(((frac * flight_s).round()) as i64);
    let s = sol.trajectory.state_at(time).expect("inside the flight");
    let (r, v) = (s.position.xyz_m(), s.velocity.xyz_mps());
    TrackEstimate {
        time,
        position_ecef_m: [r.x, r.y, r.z],
        velocity_ecef_mps: [v.x, v.y, v.z],
        covariance: p,
        ballistic_coefficient_kg_m2: None,
    }
}

/// Position/velocity covariance with per-axis sigmas and correlation `rho` between each
/// position axis and the same velocity axis (the shape a tracking filter produces).
pub(super) fn cov(pos_sigma_m: f64, vel_sigma_mps: f64, rho: f64) -> [[f64; 6]; 6] {
    let mut p = [[0.0; 6]; 6];
    for i in 0..3 {
        p[i][i] = pos_sigma_m * pos_sigma_m;
        p[i + 3][i + 3] = vel_sigma_mps * vel_sigma_mps;
        p[i][i + 3] = rho * pos_sigma_m * vel_sigma_mps;
        p[i + 3][i] = p[i][i + 3];
    }
    p
}

/// The ECEF point at east/north/up offsets (metres) from `origin`.
pub(super) fn offset(origin: &Wgs84, e_m: f64, n_m: f64, u_m: f64) -> Vec3 {
    let (east, north) = east_north(origin);
    origin.to_ecef().xyz_m() + east * e_m + north * n_m + origin.up() * u_m
}
