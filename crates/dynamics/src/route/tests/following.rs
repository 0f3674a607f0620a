//! Waypoint following: order, passing distance, turn-rate limit, constant speed.

use super::*;
use crate::{Milestone, fly_route};

const G0: f64 = 9.806_65;

/// A 30°-bank, 250 m/s route with turns of 90°, ~116° and ~143° (all to the right).
fn zigzag() -> RouteSpec {
    route(
        vec![
            pt(35.0, 135.0, 5.0),
            pt(35.5, 135.0, 5.0),
            pt(35.5, 135.6, 5.0),
            pt(35.0, 135.3, 5.0),
            pt(35.4, 135.2, 5.0),
        ],
        250.0,
        TurnLimit::BankDeg(30.0),
        20.0,
    )
}

/// Closest approach (metres) of the trajectory to `p` on a 50 ms grid, and when.
fn closest(g: &[(SimTime, State)], p: &Wgs84) -> (f64, SimTime) {
    let target = p.to_ecef();
    g.iter()
        .map(|(t, s)| (s.position.distance_to(&target), *t))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .expect("grid is not empty")
}

#[test]
fn waypoints_are_reached_in_order_within_a_turn_radius() {
    let spec = zigzag();
    let tr = fly_route(&spec).expect("valid route");
    let radius_m = 250.0_f64.powi(2) / (G0 * 30f64.to_radians().tan());
    let g = grid(&tr, 50);
    let mut last_t = SimTime::ZERO;
    for (i, p) in spec.points.iter().enumerate().skip(1) {
        let (miss_m, t) = closest(&g, &p.position);
        // Fly-by: the turn starts at most one turn radius before the waypoint (anticipation is
        // capped at a 90° turn), so the path passes within r (measured 0.41 r for all three
        // turns). The last point is flown onto (1 m arrival tolerance; the end sample is on
        // the grid).
        let bound_m = if i + 1 == spec.points.len() {
            1.0
        } else {
            radius_m
        };
        assert!(
            miss_m <= bound_m,
            "waypoint {i} missed by {miss_m:.1} m > {bound_m:.1} m"
        );
        assert!(
            t > last_t,
            "waypoint {i} passed at {t}, before the previous one"
        );
        last_t = t;
    }
    // The 90° turn at point 1 is a true fly-by: r·(1/cos 45° − 1) = 0.414 r (measured 0.412 r);
    // pursuit of the next point instead of the outgoing leg may bend the arc, hence 0.45 r.
    let (miss_m, _) = closest(&g, &spec.points[1].position);
    assert!(
        miss_m <= 0.45 * radius_m,
        "90° fly-by passes {miss_m:.0} m off, r = {radius_m:.0} m"
    );
    let kinds: Vec<Milestone> = tr.milestones().iter().map(|(_, m)| *m).collect();
    let expected = vec![
        Milestone::Start,
        Milestone::Waypoint { index: 1 },
        Milestone::Waypoint { index: 2 },
        Milestone::Waypoint { index: 3 },
        Milestone::Waypoint { index: 4 },
        Milestone::End,
    ];
    assert_eq!(kinds, expected);
    assert!(
        tr.milestones().windows(2).all(|w| w[0].0 <= w[1].0),
        "milestones out of time order"
    );
    assert_eq!(tr.milestones().last().map(|m| m.0), Some(tr.end()));
}

/// Max measured turn rate (rad/s) and the worst relative horizontal-speed error on a 100 ms grid.
fn turn_and_speed(tr: &Trajectory, speed_mps: f64) -> (f64, f64) {
    let mut max_turn: f64 = 0.0;
    let mut max_speed_err: f64 = 0.0;
    let h_ms = 50;
    let mut t = tr.start() + base::SimDuration::from_millis(h_ms);
    while t + base::SimDuration::from_millis(h_ms) <= tr.end() {
        max_turn = max_turn.max(turn_rate(tr, t, h_ms));
        let s = tr.state_at(t).expect("inside");
        max_speed_err = max_speed_err.max((horizontal(&s).norm() / speed_mps - 1.0).abs());
        t += base::SimDuration::from_millis(100);
    }
    (max_turn, max_speed_err)
}

#[test]
fn coordinated_turn_rate_never_exceeds_the_bank_limit_and_speed_holds() {
    let tr = fly_route(&zigzag()).expect("valid route");
    let limit = G0 * 30f64.to_radians().tan() / 250.0;
    let (max_turn, speed_err) = turn_and_speed(&tr, 250.0);
    // 0.5 %: central differences of the Hermite velocity over ±50 ms (measured +1.6e-4).
    assert!(
        max_turn <= limit * 1.005,
        "turn rate {max_turn} > limit {limit}"
    );
    // The limit is actually used (the route has sharp turns).
    assert!(
        max_turn >= limit * 0.99,
        "turn rate {max_turn} never reaches the limit {limit}"
    );
    // 0.5 % is the requirement; the model holds speed exactly at samples (measured 1e-8).
    assert!(speed_err <= 0.005, "speed off by {speed_err}");
}

#[test]
fn ship_turn_rate_limit_holds_through_a_reversal() {
    // A ship patrol leg and back (180° turn), 12 m/s, 1°/s: r ≈ 690 m.
    let spec = route(
        vec![
            pt(34.0, 133.0, 0.0),
            pt(34.05, 133.02, 0.0),
            pt(34.0, 133.0, 0.0),
        ],
        12.0,
        TurnLimit::RateDegPerS(1.0),
        0.0,
    );
    let tr = fly_route(&spec).expect("valid route");
    let (max_turn, speed_err) = turn_and_speed(&tr, 12.0);
    assert!(
        max_turn <= 1f64.to_radians() * 1.005,
        "turn rate {max_turn} rad/s"
    );
    assert!(speed_err <= 0.005, "speed off by {speed_err}");
    let end = tr.state_at(tr.end()).expect("end");
    let miss_m = end.position.distance_to(&spec.points[2].position.to_ecef());
    assert!(miss_m <= 1.0, "ship ends {miss_m} m from its last point");
}

#[test]
fn final_point_inside_the_turn_circle_is_reached_by_a_teardrop() {
    // Point 1 is 5 km north, closer than the 11 km anticipation of the sharp turn after it, so
    // it switches at once; point 2 is then 2 km abeam, inside the turn circle. The vehicle
    // must fly out straight and come back rather than circle it.
    let spec = route(
        vec![
            pt(35.0, 135.0, 100.0),
            pt(35.045, 135.0, 100.0),
            pt(35.0, 135.022, 100.0),
        ],
        250.0,
        TurnLimit::BankDeg(30.0),
        20.0,
    );
    let tr = fly_route(&spec).expect("valid route");
    let end = tr.state_at(tr.end()).expect("end");
    let miss_m = end.position.distance_to(&spec.points[2].position.to_ecef());
    assert!(miss_m <= 1.0, "ends {miss_m} m from its last point");
    assert_eq!(tr.milestones().last().map(|m| m.1), Some(Milestone::End));
    let (max_turn, _) = turn_and_speed(&tr, 250.0);
    assert!(max_turn <= G0 * 30f64.to_radians().tan() / 250.0 * 1.005);
    // It went out (farther than the turn diameter would allow if it had circled in place)...
    let start = spec.points[0].position.to_ecef();
    let farthest_m = grid(&tr, 1000)
        .iter()
        .map(|(_, s)| s.position.distance_to(&start))
        .fold(0.0, f64::max);
    assert!(
        farthest_m > 8_000.0,
        "never left the neighbourhood: {farthest_m} m"
    );
    // ...and came back within minutes, not after hours of circling.
    assert!(
        tr.end() < SimTime::from_secs(600),
        "took until {}",
        tr.end()
    );
}

#[test]
fn speed_change_applies_from_its_waypoint() {
    let mut spec = route(
        vec![
            pt(10.0, 120.0, 3000.0),
            pt(10.3, 120.0, 3000.0),
            pt(10.6, 120.0, 3000.0),
        ],
        200.0,
        TurnLimit::BankDeg(25.0),
        10.0,
    );
    spec.points[1].speed_mps = Some(120.0);
    let tr = fly_route(&spec).expect("valid route");
    let (switch_t, _) = tr.milestones()[1];
    let before = tr
        .state_at(switch_t - base::SimDuration::from_secs(1))
        .expect("inside");
    let after = tr
        .state_at(switch_t + base::SimDuration::from_secs(1))
        .expect("inside");
    assert!(
        (horizontal(&before).norm() - 200.0).abs() < 1e-3,
        "{}",
        horizontal(&before).norm()
    );
    assert!(
        (horizontal(&after).norm() - 120.0).abs() < 1e-3,
        "{}",
        horizontal(&after).norm()
    );
}

#[test]
fn repeated_points_are_passed_at_once() {
    let spec = route(
        vec![
            pt(0.0, 0.0, 0.0),
            pt(0.0, 0.0, 0.0),
            pt(0.0, 0.01, 0.0),
            pt(0.0, 0.01, 0.0),
        ],
        240.0,
        TurnLimit::BankDeg(25.0),
        0.0,
    );
    let tr = fly_route(&spec).expect("valid route");
    let kinds: Vec<Milestone> = tr.milestones().iter().map(|(_, m)| *m).collect();
    assert_eq!(kinds.len(), 5, "{kinds:?}");
    assert_eq!(
        tr.milestones()[1],
        (SimTime::ZERO, Milestone::Waypoint { index: 1 })
    );
    // 0.01° of equator at 240 m/s.
    let expected_s = 1113.19 / 240.0;
    assert!(((tr.end() - tr.start()).as_secs_f64() - expected_s).abs() < 0.01);
}
