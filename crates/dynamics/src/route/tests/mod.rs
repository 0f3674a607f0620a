//! Tests of routes and orbits: helpers shared by the topic files below.
//!
//! Measurements are taken from the public [`Trajectory`] (state queries on fine time grids), and
//! GeographicLib serves as the geodesic oracle.

use crate::{RoutePoint, RouteSpec, State, Trajectory, TurnLimit};
use base::SimTime;
use geodesy::{Vec3, Wgs84};

mod ends;
mod following;
mod geodesic;
mod interpolation;
mod orbit;
mod vertical;

/// A geodetic point from degrees (test inputs are valid by construction).
fn deg(lat: f64, lon: f64, alt_m: f64) -> Wgs84 {
    Wgs84::from_degrees(lat, lon, alt_m).expect("test coordinates are valid")
}

fn pt(lat: f64, lon: f64, alt_m: f64) -> RoutePoint {
    RoutePoint {
        position: deg(lat, lon, alt_m),
        speed_mps: None,
    }
}

/// A one-shot route starting at T+0, ending at its last point (no impact, no hold).
fn route(points: Vec<RoutePoint>, speed_mps: f64, turn: TurnLimit, vertical_mps: f64) -> RouteSpec {
    RouteSpec {
        start_time: SimTime::ZERO,
        points,
        speed_mps,
        turn,
        max_vertical_mps: vertical_mps,
        repeat: false,
        ends_in_impact: false,
        hold_at_end: false,
        until: SimTime::from_secs(100_000),
    }
}

/// States every `step_ms` from start to end (inclusive of both).
fn grid(tr: &Trajectory, step_ms: i64) -> Vec<(SimTime, State)> {
    let mut out = Vec::new();
    let mut t = tr.start();
    while t <= tr.end() {
        out.push((t, tr.state_at(t).expect("inside the trajectory")));
        t = SimTime::from_nanos(t.as_nanos() + step_ms * 1_000_000);
    }
    out.push((tr.end(), tr.state_at(tr.end()).expect("end")));
    out
}

/// Local up (ellipsoid normal) at an ECEF state.
fn up_at(s: &State) -> Vec3 {
    s.position.to_wgs84().up()
}

/// Horizontal part of the velocity.
fn horizontal(s: &State) -> Vec3 {
    let u = up_at(s);
    let v = s.velocity.xyz_mps();
    v - u * u.dot(&v)
}

/// Turn rate (rad/s) at `t` from central differences of the trajectory's velocity over ±`h_s`:
/// the horizontal acceleration across the horizontal velocity, divided by the speed.
fn turn_rate(tr: &Trajectory, t: SimTime, h_ms: i64) -> f64 {
    let h = base::SimDuration::from_millis(h_ms);
    let (a, b, c) = (
        tr.state_at(t - h).expect("inside"),
        tr.state_at(t).expect("inside"),
        tr.state_at(t + h).expect("inside"),
    );
    let acc = (c.velocity.xyz_mps() - a.velocity.xyz_mps()) / (2.0 * h.as_secs_f64());
    let u = up_at(&b);
    let vh = horizontal(&b);
    let along = vh.normalize();
    let lateral = acc - u * u.dot(&acc) - along * along.dot(&acc);
    lateral.norm() / vh.norm()
}
