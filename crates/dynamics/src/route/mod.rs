//! Air-breathing and surface truth motion: waypoint routes (cruise missiles, aircraft,
//! airliners, ships) and circular holding orbits.
//!
//! # Route model
//! A kinematic point mass with course, horizontal speed and altitude, stepped with fixed rules
//! (no adaptive error control, so the same spec always gives the same samples):
//! - **Horizontal**: each step is an arc of constant turn rate, computed as one geodesic chord
//!   on the WGS-84 ellipsoid (see `kinematics`). With zero turn rate the vehicle follows a
//!   geodesic exactly, so long legs are true ellipsoidal geodesics (measured: 2.5e-8 m off
//!   the GeographicLib geodesic over 7 800 km, see the tests).
//! - **Steering**: pure pursuit of the active waypoint along its geodesic, the course rate
//!   limited to g·tan(bank)/v ([`TurnLimit::BankDeg`](crate::TurnLimit::BankDeg), coordinated
//!   turn) or a fixed rate ([`TurnLimit::RateDegPerS`](crate::TurnLimit::RateDegPerS), ships).
//! - **Switching** (fly-by with turn anticipation): an intermediate waypoint is reached when
//!   the vehicle is within `r·tan(Δ/2)` of it (r = turn radius after the waypoint, Δ = turn
//!   onto the next leg, capped at 90°), or when it is abeam or behind within one turn radius
//!   (the plane through the waypoint perpendicular to the track has been crossed). Turns of
//!   up to 90° therefore pass within `r·(1/cos(Δ/2) − 1) ≤ 0.42 r` of the waypoint; sharper
//!   ones start one turn radius early and swing round by pursuit. A waypoint that lies inside
//!   the current turn circle is flown away from in a straight line until it can be turned
//!   onto (a teardrop), never circled.
//! - **End**: the last point of a non-repeating route is flown onto exactly (within 1 m), the
//!   final step being a constant-rate capture arc; it is recorded as a waypoint and then as
//!   [`Milestone::Impact`](crate::Milestone::Impact) (`ends_in_impact`), nothing plus a
//!   held rest state (`hold_at_end`), or [`Milestone::End`](crate::Milestone::End). A
//!   repeating route flies from its last point back to its first until `until` (`repeat`
//!   overrides `ends_in_impact` and `hold_at_end`). Nothing is computed past `until`; a route
//!   cut short there has no end milestone.
//! - **Speed**: `speed_mps` is the horizontal speed at the vehicle's altitude (what a sensor
//!   measures; the ground track moves h/R ≈ 0.16 % slower at 10 km). A point's speed applies
//!   from the moment that point is reached (switched); the first point's speed, or the
//!   route's, applies again on every lap.
//! - **Altitude**: towards each waypoint the altitude changes at `max_vertical_mps` from the
//!   moment it becomes active until it is reached, then holds (a leg too short for the rate
//!   arrives off altitude; so may the last point of a non-impact route). Towards an impact
//!   point it holds until the last moment a maximum-rate dive (or pop-up) arrives at the
//!   point's altitude exactly at the point; a final leg too short for that dives more steeply,
//!   because the impact point wins.
//!
//! # Sampling and accuracy
//! Every step is stored as a sample (ECEF position and the exact time derivative of the
//! modelled motion as velocity), so the trajectory's cubic Hermite interpolation only has to
//! bridge smooth arcs: steps are ≤ 60 s and ≤ 20 km on geodesics, ≤ 2 s and ≤ 5° of turn in
//! turns, and are cut to land exactly on turn starts, level-offs, tops of descent, the final
//! point and `until`. Velocity jumps (speed change, climb start or stop) get a second sample
//! 1 ns after the first. The a-priori interpolation bound is v·θ³·Δt/384 in turns (0.8 mm
//! for a 60° bank at 300 m/s, growing linearly with speed) and ≈ 1 µm on geodesics; the
//! tests measure 0.82 mm and 0.04 mm (ship) against the exact arcs. A day of cruise is
//! ~1 500 samples, a 180° turn ~40.
//!
//! # Orbit model
//! An exact geodesic circle of the given radius (measured on the ellipsoid) about the centre,
//! at the centre's altitude, starting due north of the centre and sampled every 2° of phase
//! (see `orbit`). The speed holds at altitude, so a lap takes 2πρ(1 + h/R)/v (+0.14 % at
//! 9 km).
//!
//! Not modelled: wind (ground speed = airspeed), acceleration to a new speed, roll dynamics
//! (the turn rate switches instantly), climb performance beyond the rate limit, terrain.

mod fly;
mod kinematics;
mod orbit;
mod validate;

use crate::{DynamicsError, OrbitSpec, RouteSpec, Trajectory};

/// Flies a waypoint route from `spec.start_time` until its end or `spec.until`.
///
/// Records [`Milestone::Start`](crate::Milestone::Start), a
/// [`Milestone::Waypoint`](crate::Milestone::Waypoint) each time a point is reached (switched
/// to the next; the first point only when a repeating route comes back to it), and the end
/// milestone described in the module docs.
///
/// # Errors
/// [`DynamicsError::RouteTooShort`] with fewer than two points;
/// [`DynamicsError::NotPositive`] for a speed, bank angle or turn rate that is not positive and
/// finite, a negative `max_vertical_mps` (zero is allowed when all points share one altitude)
/// or `until` before the start; [`DynamicsError::OutOfRange`] for a bank of 90° or more;
/// [`DynamicsError::TooLong`] when the route would need more than its step budget.
pub fn fly_route(spec: &RouteSpec) -> Result<Trajectory, DynamicsError> {
    Ok(fly::plan(spec)?.into_trajectory())
}

/// Flies a circular holding orbit from `spec.start_time` to `spec.until`, starting due north of
/// the centre and turning clockwise (seen from above) if `spec.clockwise`.
///
/// # Errors
/// [`DynamicsError::NotPositive`] for a radius or speed that is not positive and finite or
/// `until` before the start; [`DynamicsError::OutOfRange`] for a radius above 5 000 km;
/// [`DynamicsError::TooLong`] when it would need more than its sample budget.
pub fn fly_orbit(spec: &OrbitSpec) -> Result<Trajectory, DynamicsError> {
    orbit::fly(spec)
}

#[cfg(test)]
mod tests;
