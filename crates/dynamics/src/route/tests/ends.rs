//! How routes end (loop, hold, impact, cut by `until`), determinism, and rejected inputs.

use super::*;
use crate::{DynamicsError, Milestone, fly_route};
use base::SimDuration;

fn patrol() -> RouteSpec {
    let mut spec = route(
        vec![
            pt(38.0, 132.0, 6000.0),
            pt(38.3, 132.0, 6000.0),
            pt(38.15, 132.3, 6000.0),
        ],
        180.0,
        TurnLimit::BankDeg(30.0),
        10.0,
    );
    spec.repeat = true;
    spec.until = SimTime::from_secs(3 * 3600);
    spec
}

#[test]
fn repeating_route_loops_until_until() {
    let spec = patrol();
    let tr = fly_route(&spec).expect("valid route");
    assert_eq!(tr.end(), spec.until, "a patrol flies exactly up to `until`");
    let indices: Vec<u32> = tr
        .milestones()
        .iter()
        .filter_map(|(_, m)| match m {
            Milestone::Waypoint { index } => Some(*index),
            _ => None,
        })
        .collect();
    // A lap is ~100 km at 180 m/s ≈ 9.5 min: many laps in 3 h, visited 1, 2, 0, 1, 2, 0, ...
    assert!(
        indices.len() > 30,
        "only {} waypoints in 3 h",
        indices.len()
    );
    for (k, index) in indices.iter().enumerate() {
        assert_eq!(
            *index as usize,
            (k + 1) % 3,
            "waypoint order breaks at {k}: {indices:?}"
        );
    }
    assert!(
        !tr.milestones()
            .iter()
            .any(|(_, m)| matches!(m, Milestone::End | Milestone::Impact)),
        "a patrol cut by `until` has no end"
    );
    // Laps repeat: every pass of point 0 comes within the same distance of it.
    let p0 = spec.points[0].position.to_ecef();
    let laps: Vec<SimTime> = tr
        .milestones()
        .iter()
        .filter(|(_, m)| *m == Milestone::Waypoint { index: 0 })
        .map(|(t, _)| *t)
        .collect();
    let periods: Vec<f64> = laps
        .windows(2)
        .map(|w| (w[1] - w[0]).as_secs_f64())
        .collect();
    // The first lap starts on point 0 rather than from a fly-by, so pursuit settles into a
    // limit cycle over a few laps (measured: 0.3 s, then < 1 ms from the third lap on).
    let settled = periods[periods.len() - 1];
    for (k, p) in periods.iter().enumerate() {
        let tolerance_s = if k < 3 { 1.0 } else { 1e-3 };
        assert!(
            (p - settled).abs() < tolerance_s,
            "lap periods differ: {periods:?}"
        );
    }
    assert!(
        tr.state_at(laps[0])
            .expect("inside")
            .position
            .distance_to(&p0)
            < 20_000.0
    );
}

#[test]
fn ship_holds_at_its_last_point_at_rest() {
    let mut spec = route(
        vec![pt(33.0, 129.0, 0.0), pt(33.1, 129.1, 0.0)],
        10.0,
        TurnLimit::RateDegPerS(2.0),
        0.0,
    );
    spec.hold_at_end = true;
    let tr = fly_route(&spec).expect("valid route");
    assert!(tr.holds_after_end());
    let later = tr
        .state_at(tr.end() + SimDuration::from_secs(10_000))
        .expect("held");
    assert!(
        later
            .position
            .distance_to(&spec.points[1].position.to_ecef())
            <= 1.0
    );
    assert_eq!(
        later.velocity.speed_mps(),
        0.0,
        "held state must be at rest"
    );
    assert!(
        !tr.milestones().iter().any(|(_, m)| *m == Milestone::End),
        "holding is no end"
    );
    assert_eq!(
        tr.milestones().last().map(|m| m.1),
        Some(Milestone::Waypoint { index: 1 })
    );
}

#[test]
fn one_way_route_ends_and_vanishes() {
    let spec = route(
        vec![pt(33.0, 129.0, 500.0), pt(33.2, 129.0, 500.0)],
        100.0,
        TurnLimit::BankDeg(20.0),
        5.0,
    );
    let tr = fly_route(&spec).expect("valid route");
    assert_eq!(tr.milestones().last(), Some(&(tr.end(), Milestone::End)));
    assert!(tr.state_at(tr.end() + SimDuration::from_nanos(1)).is_none());
}

#[test]
fn nothing_is_computed_past_until() {
    let mut spec = route(
        vec![pt(33.0, 129.0, 500.0), pt(34.0, 129.0, 500.0)],
        100.0,
        TurnLimit::BankDeg(20.0),
        5.0,
    );
    spec.start_time = SimTime::from_secs(100);
    spec.until = SimTime::from_millis(345_678);
    let tr = fly_route(&spec).expect("valid route");
    assert_eq!(tr.start(), spec.start_time);
    assert_eq!(tr.end(), spec.until);
    assert_eq!(tr.milestones(), &[(spec.start_time, Milestone::Start)]);
    // A zero-length window is one sample.
    spec.until = spec.start_time;
    assert_eq!(fly_route(&spec).expect("valid route").n_samples(), 1);
}

#[test]
fn same_spec_twice_is_bitwise_identical() {
    let spec = patrol();
    let (a, b) = (
        fly_route(&spec).expect("valid"),
        fly_route(&spec).expect("valid"),
    );
    assert_eq!(a, b);
    let bits = |tr: &Trajectory| -> Vec<u64> {
        grid(tr, 7_777)
            .iter()
            .flat_map(|(_, s)| {
                let (p, v) = (s.position.xyz_m(), s.velocity.xyz_mps());
                [p.x, p.y, p.z, v.x, v.y, v.z].map(f64::to_bits)
            })
            .collect()
    };
    assert_eq!(bits(&a), bits(&b));
}

#[test]
fn invalid_specs_are_errors_not_panics() {
    let good = route(
        vec![pt(33.0, 129.0, 0.0), pt(33.1, 129.0, 100.0)],
        100.0,
        TurnLimit::BankDeg(20.0),
        5.0,
    );
    assert!(fly_route(&good).is_ok());
    let check = |edit: &dyn Fn(&mut RouteSpec), what: &str| {
        let mut spec = good.clone();
        edit(&mut spec);
        match fly_route(&spec) {
            Err(DynamicsError::NotPositive { what: w, .. })
            | Err(DynamicsError::OutOfRange { what: w, .. }) => assert_eq!(w, what),
            other => panic!("{what}: expected a rejection, got {other:?}"),
        }
    };
    check(&|s| s.speed_mps = 0.0, "speed_mps");
    check(&|s| s.speed_mps = f64::NAN, "speed_mps");
    check(&|s| s.speed_mps = f64::INFINITY, "speed_mps");
    check(
        &|s| s.points[1].speed_mps = Some(-3.0),
        "points[].speed_mps",
    );
    check(&|s| s.turn = TurnLimit::BankDeg(0.0), "turn bank_deg");
    check(&|s| s.turn = TurnLimit::BankDeg(90.0), "turn bank_deg");
    check(
        &|s| s.turn = TurnLimit::RateDegPerS(-1.0),
        "turn rate_deg_per_s",
    );
    check(
        &|s| s.turn = TurnLimit::RateDegPerS(f64::NAN),
        "turn rate_deg_per_s",
    );
    check(&|s| s.max_vertical_mps = 0.0, "max_vertical_mps");
    check(&|s| s.max_vertical_mps = -1.0, "max_vertical_mps");
    check(
        &|s| s.until = SimTime::from_secs(-1),
        "until - start_time (s)",
    );
    let mut short = good.clone();
    short.points.truncate(1);
    assert_eq!(fly_route(&short), Err(DynamicsError::RouteTooShort(1)));
    short.points.clear();
    assert_eq!(fly_route(&short), Err(DynamicsError::RouteTooShort(0)));
    // Zero vertical rate is fine when nothing climbs.
    let mut ship = good.clone();
    ship.points[1].position = deg(33.1, 129.0, 0.0);
    ship.max_vertical_mps = 0.0;
    assert!(fly_route(&ship).is_ok());
}

#[test]
fn endless_patrol_is_rejected_not_truncated() {
    let mut spec = patrol();
    spec.until = SimTime::MAX;
    assert!(matches!(
        fly_route(&spec),
        Err(DynamicsError::TooLong { .. })
    ));
}
