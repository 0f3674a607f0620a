//! Hermite interpolation between route samples against the exact modelled motion.

use super::super::fly::plan;
use super::super::kinematics::Pose;
use super::*;
use base::SimDuration;
use geographiclib_rs::Geodesic;

/// Worst position (m) and velocity (m/s) error of `state_at` inside each step against the
/// exact arc of that step (the step's control applied for part of its length).
fn worst_interpolation_error(spec: &RouteSpec) -> (f64, f64) {
    let flight = plan(spec).expect("valid route");
    let tr = flight.clone().into_trajectory();
    let geod = Geodesic::wgs84();
    let (mut worst_m, mut worst_mps): (f64, f64) = (0.0, 0.0);
    for w in flight.nodes.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let span_ns = (b.t - a.t).as_nanos();
        if span_ns < 1_000 {
            continue; // velocity-jump steps: 1 ns long, nothing to interpolate
        }
        // The step was flown at the speed recorded at its end (a switch may have changed it).
        let from = Pose {
            speed_mps: b.pose.speed_mps,
            ..a.pose
        };
        for k in 1..8 {
            let t = a.t + SimDuration::from_nanos(span_ns * k / 8);
            let exact = from.advance(&geod, b.arrived_with, (t - a.t).as_secs_f64());
            let s = tr.state_at(t).expect("inside");
            worst_m = worst_m.max(exact.position().distance_to(&s.position));
            let v = exact.velocity(b.arrived_with.climb_mps).xyz_mps();
            worst_mps = worst_mps.max((v - s.velocity.xyz_mps()).norm());
        }
    }
    (worst_m, worst_mps)
}

#[test]
fn hermite_matches_the_exact_arcs_in_turns_climbs_and_dives() {
    // Tight turns (60° bank at 300 m/s, r ≈ 5.3 km) while climbing, then a long straight leg.
    let mut spec = route(
        vec![
            pt(20.0, 110.0, 100.0),
            pt(20.1, 110.1, 3000.0),
            pt(20.0, 110.2, 3000.0),
            pt(20.12, 110.25, 500.0),
            pt(21.5, 111.0, 500.0),
            pt(21.6, 110.9, 0.0),
        ],
        300.0,
        TurnLimit::BankDeg(60.0),
        50.0,
    );
    spec.ends_in_impact = true;
    let (m, mps) = worst_interpolation_error(&spec);
    // A-priori bound in turns v·θ³·Δt/384 with θ = 5°, Δt = θ/ω = 1.5 s: 0.8 mm (measured
    // 0.82 mm); 2 mm leaves room for the ellipsoid's share. Velocity: measured 1.6 mm/s.
    assert!(m < 2e-3, "interpolation error {m} m");
    assert!(mps < 1e-2, "velocity interpolation error {mps} m/s");
    // A ship: slow, tight turns.
    let ship = route(
        vec![
            pt(34.0, 133.0, 0.0),
            pt(34.02, 133.01, 0.0),
            pt(34.0, 133.02, 0.0),
        ],
        15.0,
        TurnLimit::RateDegPerS(3.0),
        0.0,
    );
    let (m, mps) = worst_interpolation_error(&ship);
    // Measured 0.04 mm and 0.08 mm/s.
    assert!(m < 1e-3 && mps < 1e-2, "ship: {m} m, {mps} m/s");
}
