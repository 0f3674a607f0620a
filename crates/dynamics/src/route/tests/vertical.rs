//! Altitude: sea-skimming hold, rate-limited climbs, the terminal dive onto an impact point.

use super::*;
use crate::{Milestone, fly_route};
use base::SimDuration;

/// Vertical speed (m/s) at `t`: central difference of the ellipsoidal altitude over ±`h_ms`.
fn climb_rate(tr: &Trajectory, t: SimTime, h_ms: i64) -> f64 {
    let h = SimDuration::from_millis(h_ms);
    let alt = |t| tr.state_at(t).expect("inside").position.to_wgs84().alt_m();
    (alt(t + h) - alt(t - h)) / (2.0 * h.as_secs_f64())
}

#[test]
fn sea_skimmer_holds_five_metres_through_turns() {
    // Launched at the surface, 5 m cruise with two turns, terminal dive onto a ship at 0 m.
    let mut spec = route(
        vec![
            pt(30.0, 125.0, 0.0),
            pt(30.2, 125.1, 5.0),
            pt(30.3, 125.4, 5.0),
            pt(30.1, 125.6, 5.0),
            pt(30.15, 125.8, 0.0),
        ],
        280.0,
        TurnLimit::BankDeg(45.0),
        20.0,
    );
    spec.ends_in_impact = true;
    let tr = fly_route(&spec).expect("valid route");
    // Settled after the 0.25 s pop to 5 m; the dive onto 0 m starts 0.25 s before impact.
    let settle = SimTime::from_secs(1);
    let dive = tr.end() - SimDuration::from_secs(1);
    let worst_m = grid(&tr, 100)
        .iter()
        .filter(|(t, _)| *t >= settle && *t <= dive)
        .map(|(_, s)| (s.position.to_wgs84().alt_m() - 5.0).abs())
        .fold(0.0, f64::max);
    // ±1 m is the requirement; measured 1e-6 m (Hermite error through 45° bank turns).
    assert!(worst_m < 1.0, "altitude strays {worst_m} m from 5 m");
    assert!(
        worst_m < 0.01,
        "altitude strays {worst_m} m from 5 m (regression)"
    );
    let impact = tr.state_at(tr.end()).expect("end").position;
    let miss_m = impact.distance_to(&spec.points[4].position.to_ecef());
    assert!(
        miss_m <= 1.0,
        "impact {miss_m} m from the aim point (including altitude)"
    );
    assert_eq!(tr.milestones().last(), Some(&(tr.end(), Milestone::Impact)));
}

#[test]
fn climb_respects_the_vertical_rate_limit_then_levels_off() {
    let spec = route(
        vec![pt(36.0, 140.0, 1000.0), pt(38.5, 141.0, 9000.0)],
        220.0,
        TurnLimit::BankDeg(25.0),
        10.0,
    );
    let tr = fly_route(&spec).expect("valid route");
    let mut t = SimTime::from_secs(1);
    let mut max_rate: f64 = 0.0;
    while t < SimTime::from_secs(1000) {
        max_rate = max_rate.max(climb_rate(&tr, t, 250));
        t += SimDuration::from_secs(1);
    }
    // Finite differences of an exactly linear altitude; 0.1 % covers the ECEF→geodetic round
    // trip of interpolated points.
    assert!(max_rate <= 10.0 * 1.001, "climbs at {max_rate} m/s");
    assert!(
        max_rate >= 10.0 * 0.999,
        "never climbs at the limit: {max_rate} m/s"
    );
    // 8000 m at 10 m/s: level at T+800 s, then holds.
    let alt = |s: i64| {
        tr.state_at(SimTime::from_secs(s))
            .expect("inside")
            .position
            .to_wgs84()
            .alt_m()
    };
    assert!((alt(400) - 5000.0).abs() < 0.01, "{}", alt(400));
    assert!((alt(800) - 9000.0).abs() < 0.01, "{}", alt(800));
    assert!((alt(900) - 9000.0).abs() < 0.01, "{}", alt(900));
}

#[test]
fn terminal_dive_starts_at_the_last_moment_and_hits_the_aim_point() {
    let mut spec = route(
        vec![pt(25.0, 121.0, 3000.0), pt(25.4, 121.3, 0.0)],
        250.0,
        TurnLimit::BankDeg(30.0),
        100.0,
    );
    spec.ends_in_impact = true;
    let tr = fly_route(&spec).expect("valid route");
    let alt = |t: SimTime| tr.state_at(t).expect("inside").position.to_wgs84().alt_m();
    // 3000 m at 100 m/s: a 30 s dive.
    let tod = tr.end() - SimDuration::from_secs(30);
    assert!(
        (alt(tod - SimDuration::from_secs(1)) - 3000.0).abs() < 0.01,
        "descends early"
    );
    assert!(
        (alt(tod + SimDuration::from_secs(10)) - 2000.0).abs() < 1.0,
        "dive not at 100 m/s"
    );
    let mut max_rate: f64 = 0.0;
    let mut t = tr.start() + SimDuration::from_secs(1);
    while t + SimDuration::from_secs(1) < tr.end() {
        max_rate = max_rate.max(-climb_rate(&tr, t, 250));
        t += SimDuration::from_millis(500);
    }
    assert!(max_rate <= 100.0 * 1.001, "dives at {max_rate} m/s");
    let impact = tr.state_at(tr.end()).expect("end").position;
    let miss_m = impact.distance_to(&spec.points[1].position.to_ecef());
    assert!(miss_m <= 1.0, "impact {miss_m} m from the aim point");
    assert_eq!(tr.milestones().last(), Some(&(tr.end(), Milestone::Impact)));
}
