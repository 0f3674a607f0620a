//! Boost–coast ballistic flight and its targeting.
//!
//! A ballistic missile starts at rest on the (rotating) Earth at its launch point, thrusts
//! with a constant acceleration along a direction fixed in ECEF (azimuth/elevation in the
//! launch site's ENU frame) for exactly the burn time, then coasts under the [`ForceModel`]
//! (drag acts throughout when a ballistic coefficient is given) until it descends through the
//! aim point's altitude. [`fly_ballistic`] solves for the thrust azimuth, elevation and
//! magnitude that put that impact on the aim point with the requested [`BallisticShape`]
//! (flight time, apogee or fixed thrust elevation), then records the flight.
//!
//! Accuracy (asserted in `tests.rs`; measured values in brackets):
//! - Integration: fixed-step RK4, 4 s steps where drag is negligible and 0.25 s inside the
//!   drag band (below 120 km); see `integrator.rs` for why not RK45. Halving both steps moves
//!   the impact of a 3840 km IRBM with J2, rotation and drag by < 1 cm [2.8 mm]. Against
//!   closed-form Kepler arcs (short, minimum-energy, lofted, depressed, 7000 km) the range
//!   angle and time of flight agree to < 1e-7 relative [≤ 2e-11]; orbital energy (Kepler
//!   model) and the Jacobi integral v²/2 − V − ½|ω×r|² (rotating, with and without J2) are
//!   conserved to < 1e-9 relative [≤ 6e-12].
//! - Events: burnout is a step boundary; apogee and impact are located by bisecting the
//!   length of a partial RK4 step to 1 ns (≤ 7 µm of flight), not by picking a sample.
//! - Targeting (see `targeting.rs`): impact within 1 m of the aim (horizontal, at the aim's
//!   altitude), flight time within 0.01 s, apogee within 1 m, for SRBM to IRBM ranges with
//!   J2, rotation and drag, including shots across ±180° and due north/south. `miss_m` is the
//!   geodesic distance on the WGS-84 ellipsoid between the impact's and the aim's
//!   latitude/longitude (GeographicLib), altitudes ignored (they agree to 1 ns of descent).
//! - Samples: every integration step (~700–1000 per flight) plus one exactly at burnout and
//!   one at impact. Hermite interpolation error at mid-interval against the integrator:
//!   < 1 mm and < 1 mm/s [0.2 mm, 0.07 mm/s on the IRBM].
//!
//! Cost: a fixed-loft shot takes ~11 flights, a flight-time or apogee shot ~25; one MRBM
//! flight is ~0.45 ms in release builds (see `benches/ballistic.rs`).
//!
//! Unreachable shots are [`DynamicsError::Unreachable`], never a panic or a hang: rejected
//! before any flight when the aim is closer than 20 km, needs a near-orbital burnout speed,
//! or needs more than 300 m/s² of thrust even in vacuum; otherwise when the bounded
//! iterations cannot meet the tolerances with the full model (a shape outside what a vacuum
//! arc allows for the range is still tried, and that is the reason reported if it fails).

mod aim;
mod flight;
mod geometry;
mod guess;
mod integrator;
mod kepler;
mod targeting;
#[cfg(test)]
mod tests;

use crate::{
    Atmosphere, BallisticShape, BallisticSpec, DynamicsError, ForceModel, Milestone, State,
    Trajectory, TrajectoryBuilder,
};
use base::{SimDuration, SimTime};
use flight::{Flight, Outcome, Sample, Stop};
use geodesy::{Position, Velocity, Wgs84};
use geographiclib_rs::{Geodesic, InverseGeodesic};
use integrator::{Kinematics, StepPolicy};
use targeting::Targeting;

/// Longest motor burn accepted, seconds: beyond any notional ballistic boost phase.
const MAX_BURN_S: f64 = 600.0;

/// A solved ballistic flight.
#[derive(Clone, Debug)]
pub struct BallisticSolution {
    /// The truth trajectory from launch to impact.
    pub trajectory: Trajectory,
    /// Where it actually came down.
    pub impact: Wgs84,
    /// When it came down.
    pub impact_time: SimTime,
    /// Highest altitude reached, metres.
    pub apogee_alt_m: f64,
    /// When the highest altitude was reached.
    pub apogee_time: SimTime,
    /// When the motor burnt out.
    pub burnout_time: SimTime,
    /// Geodesic distance on the WGS-84 ellipsoid between impact and aim latitude/longitude,
    /// metres.
    pub miss_m: f64,
    /// Solved thrust azimuth in the launch site's ENU frame, from north towards east, radians.
    pub thrust_azimuth_rad: f64,
    /// Solved thrust elevation above the launch site's horizontal, radians.
    pub thrust_elevation_rad: f64,
    /// Solved thrust acceleration, m/s².
    pub thrust_accel_mps2: f64,
}

/// Solves the boost parameters that put the missile on its aim point and flies it.
///
/// Errors: [`DynamicsError::NotPositive`] for a non-positive burn time, ballistic coefficient,
/// shape value or atmosphere parameter; [`DynamicsError::Unreachable`] when no boost reaches
/// the aim with the requested shape (see the module doc).
pub fn fly_ballistic(
    spec: &BallisticSpec,
    model: &ForceModel,
) -> Result<BallisticSolution, DynamicsError> {
    validate(spec, model)?;
    let targeting = Targeting::new(spec, model, StepPolicy::STANDARD);
    let params = targeting.solve()?;
    let mut samples = Vec::new();
    let outcome = targeting
        .flight(&params)
        .run(targeting.start(), Some(&mut samples))
        .expect("the converged flight was already flown successfully by the targeting");
    // A shot from a height that never climbs (possible at a very flat loft) peaks at launch.
    let apogee = outcome.apogee.unwrap_or(flight::Apogee {
        offset_ns: 0,
        alt_m: spec.launch.alt_m(),
    });
    let at = |offset_ns: i64| spec.launch_time + SimDuration::from_nanos(offset_ns);
    let milestones = [
        (at(0), Milestone::Start),
        (at(targeting.burn_ns), Milestone::Burnout),
        (
            at(apogee.offset_ns),
            Milestone::Apogee {
                alt_m: apogee.alt_m,
            },
        ),
        (at(outcome.end.offset_ns), Milestone::Impact),
    ];
    let impact = Position::ecef_from_vec(outcome.end.x.r).to_wgs84();
    let miss_m: f64 = Geodesic::wgs84().inverse(
        impact.lat_deg(),
        impact.lon_deg(),
        spec.aim.lat_deg(),
        spec.aim.lon_deg(),
    );
    Ok(BallisticSolution {
        trajectory: build(spec.launch_time, &samples, &milestones),
        impact,
        impact_time: at(outcome.end.offset_ns),
        apogee_alt_m: apogee.alt_m,
        apogee_time: at(apogee.offset_ns),
        burnout_time: at(targeting.burn_ns),
        miss_m,
        thrust_azimuth_rad: params.azimuth_rad.rem_euclid(core::f64::consts::TAU),
        thrust_elevation_rad: params.elevation_rad,
        thrust_accel_mps2: params.accel_mps2,
    })
}

/// Propagates an unpowered body from `initial` at `t0` until it descends through
/// `stop_alt_m` (ellipsoidal), under `model` with drag when `ballistic_coefficient_kg_m2` is
/// given. The trajectory carries Start, Apogee (if it climbs first) and Impact milestones;
/// its last sample is the crossing, to 1 ns. A body that starts at or below `stop_alt_m` and
/// is not climbing ends at once (one sample).
///
/// Errors: [`DynamicsError::NotPositive`] for a non-positive ballistic coefficient;
/// [`DynamicsError::Unreachable`] when the body does not come down within 3 h (orbital).
pub fn propagate_free_flight(
    initial: State,
    t0: SimTime,
    model: &ForceModel,
    ballistic_coefficient_kg_m2: Option<f64>,
    stop_alt_m: f64,
) -> Result<Trajectory, DynamicsError> {
    if let Some(beta) = ballistic_coefficient_kg_m2 {
        positive("ballistic_coefficient_kg_m2", beta)?;
    }
    let start = Kinematics {
        r: initial.position.xyz_m(),
        v: initial.velocity.xyz_mps(),
    };
    coast(
        start,
        t0,
        model,
        ballistic_coefficient_kg_m2,
        Stop::Altitude(stop_alt_m),
        StepPolicy::STANDARD,
    )
    .map(|(trajectory, _)| trajectory)
}

/// Coast-only flight to a stop surface, with the trajectory and its outcome.
fn coast(
    start: Kinematics,
    t0: SimTime,
    model: &ForceModel,
    beta_kg_m2: Option<f64>,
    stop: Stop,
    policy: StepPolicy,
) -> Result<(Trajectory, Outcome), DynamicsError> {
    let flight = Flight {
        model,
        beta_kg_m2,
        boost: None,
        stop,
        policy,
    };
    let mut samples = Vec::new();
    let outcome =
        flight
            .run(start, Some(&mut samples))
            .map_err(|e| DynamicsError::Unreachable {
                reason: e.to_string(),
            })?;
    let at = |offset_ns: i64| t0 + SimDuration::from_nanos(offset_ns);
    let mut milestones = vec![(t0, Milestone::Start)];
    if let Some(apogee) = outcome.apogee {
        milestones.push((
            at(apogee.offset_ns),
            Milestone::Apogee {
                alt_m: apogee.alt_m,
            },
        ));
    }
    milestones.push((at(outcome.end.offset_ns), Milestone::Impact));
    Ok((build(t0, &samples, &milestones), outcome))
}

fn build(t0: SimTime, samples: &[Sample], milestones: &[(SimTime, Milestone)]) -> Trajectory {
    let mut b = TrajectoryBuilder::new();
    for s in samples {
        b.push(
            t0 + SimDuration::from_nanos(s.offset_ns),
            Position::ecef_from_vec(s.x.r),
            Velocity::ecef_from_vec(s.x.v),
        );
    }
    for &(t, m) in milestones {
        b.milestone(t, m);
    }
    b.build()
}

fn positive(what: &'static str, value: f64) -> Result<(), DynamicsError> {
    if value > 0.0 && value.is_finite() {
        Ok(())
    } else {
        Err(DynamicsError::NotPositive { what, value })
    }
}

fn validate(spec: &BallisticSpec, model: &ForceModel) -> Result<(), DynamicsError> {
    positive("burn_time_s", spec.burn_time_s)?;
    if spec.burn_time_s > MAX_BURN_S {
        return Err(DynamicsError::Unreachable {
            reason: format!("burn time {} s exceeds {MAX_BURN_S} s", spec.burn_time_s),
        });
    }
    if let Some(beta) = spec.ballistic_coefficient_kg_m2 {
        positive("ballistic_coefficient_kg_m2", beta)?;
    }
    if let Atmosphere::Exponential {
        rho0_kg_m3,
        scale_height_m,
    } = model.atmosphere
    {
        positive("atmosphere rho0_kg_m3", rho0_kg_m3)?;
        positive("atmosphere scale_height_m", scale_height_m)?;
    }
    match spec.shape {
        BallisticShape::FlightTime { seconds } => {
            positive("flight time seconds", seconds)?;
            let max_s = flight::MAX_FLIGHT_NS as f64 * 1e-9;
            if seconds > max_s {
                return Err(DynamicsError::Unreachable {
                    reason: format!("flight time {seconds} s exceeds the {max_s} s flight limit"),
                });
            }
            if seconds <= spec.burn_time_s {
                return Err(DynamicsError::Unreachable {
                    reason: format!(
                        "flight time {seconds} s does not exceed the {} s burn",
                        spec.burn_time_s
                    ),
                });
            }
        }
        BallisticShape::Apogee { alt_m } => positive("apogee alt_m", alt_m)?,
        BallisticShape::Loft { deg } => {
            positive("loft deg", deg)?;
            if deg >= 90.0 {
                return Err(DynamicsError::Unreachable {
                    reason: format!("thrust elevation {deg}° leaves no horizontal component"),
                });
            }
        }
    }
    Ok(())
}
