//! Engagement windows against a brute-force 1 ms scan of the same interpolated path, on
//! straight-line and ballistic-arc threats, plus the infeasible cases and SLS timing.

use base::{SimDuration, SimTime};
use geodesy::Position;
use proptest::prelude::*;

use super::*;
use crate::path::{norm, position_at, sub};
use crate::testutil::{enu, launcher, notional, sampled};

/// Independent feasibility test, written from the contract rather than shared with the code.
fn feasible(k: &Kinematics, now: SimTime, t: SimTime, p: [f64; 3]) -> bool {
    let r = norm(sub(p, launcher()));
    let alt = Position::ecef(p[0], p[1], p[2]).to_wgs84().alt_m();
    let launch_s = t.as_secs_f64() - k.fly_time_s(r);
    r >= k.min_range_m
        && r <= k.max_range_m
        && alt >= k.min_alt_m
        && alt <= k.max_alt_m
        && launch_s >= now.as_secs_f64() + k.reaction_s
}

/// First contiguous feasible interval by testing every millisecond.
fn brute_force(
    k: &Kinematics,
    now: SimTime,
    path: &[(SimTime, [f64; 3])],
) -> Option<(SimTime, SimTime)> {
    let (t0, t1) = (
        path[0].0.as_nanos() / 1_000_000,
        path[path.len() - 1].0.as_nanos() / 1_000_000,
    );
    let mut first = None;
    for ms in t0..=t1 {
        let t = SimTime::from_millis(ms);
        let ok = feasible(k, now, t, position_at(path, t));
        match (first, ok) {
            (None, true) => first = Some(t),
            (Some(f), false) => return Some((f, t - SimDuration::from_millis(1))),
            _ => {}
        }
    }
    first.map(|f| (f, SimTime::from_millis(t1)))
}

fn assert_matches_brute_force(
    k: &Kinematics,
    now: SimTime,
    path: &[(SimTime, [f64; 3])],
) -> Window {
    let w = engagement_window(k, launcher(), now, path).expect("feasible case");
    let (e, l) = brute_force(k, now, path).expect("brute force agrees it is feasible");
    let tol = SimDuration::from_millis(10);
    let close = |a: SimTime, b: SimTime| (a - b).as_nanos().abs() <= tol.as_nanos();
    assert!(
        close(w.earliest.time, e),
        "earliest {} vs brute force {}",
        w.earliest.time,
        e
    );
    assert!(
        close(w.latest.time, l),
        "latest {} vs brute force {}",
        w.latest.time,
        l
    );
    for i in [w.earliest, w.latest] {
        assert!(
            feasible(k, now, i.time, i.point_ecef_m),
            "returned boundary must be feasible"
        );
        assert!((i.range_m - norm(sub(i.point_ecef_m, launcher()))).abs() < 1e-6);
        assert_eq!(i.launch, i.time - SimDuration::from_secs_f64(i.fly_s));
    }
    w
}

/// An aircraft at `alt` m flying west over the launcher at 300 m/s from 80 km east.
fn crossing(alt: f64) -> Vec<(SimTime, [f64; 3])> {
    sampled(600_000, 2_000, |t| [80_000.0 - 300.0 * t, 1_000.0, alt])
}

/// A ballistic arc (flat Earth, g = 9.81) from 250 km north, apogee ≈ 80 km, impact near the
/// launcher after ≈ 255 s; sampled every second like a track prediction.
fn ballistic_arc() -> Vec<(SimTime, [f64; 3])> {
    sampled(254_000, 1_000, |t| {
        [
            2_000.0,
            250_000.0 - 980.0 * t,
            1_250.0 * t - 0.5 * 9.81 * t * t,
        ]
    })
}

#[test]
fn straight_line_matches_brute_force() {
    let k = notional();
    let w = assert_matches_brute_force(&k, SimTime::ZERO, &crossing(10_000.0));
    // Earliest is the max-range crossing on the way in: analytic check to ~1 m of range.
    assert!(
        (w.earliest.range_m - k.max_range_m).abs() < 5.0,
        "{}",
        w.earliest.range_m
    );
    // Latest is the max-range crossing on the way out (the interceptor outruns the aircraft).
    assert!(
        (w.latest.range_m - k.max_range_m).abs() < 5.0,
        "{}",
        w.latest.range_m
    );
    assert!(w.latest.time > SimTime::from_secs(267));
}

#[test]
fn gap_at_minimum_range_returns_first_interval() {
    // At 2 km altitude the pass comes inside the 3 km minimum range: two intervals.
    let k = notional();
    let w = assert_matches_brute_force(&k, SimTime::ZERO, &crossing(2_000.0));
    assert!(
        (w.latest.range_m - k.min_range_m).abs() < 1.0,
        "{}",
        w.latest.range_m
    );
    assert!(
        w.latest.time < SimTime::from_secs(267),
        "ends before the overflight"
    );
}

#[test]
fn late_order_is_limited_by_reaction_and_fly_out() {
    let k = notional();
    let path = crossing(10_000.0);
    let now = SimTime::from_secs(150);
    let w = assert_matches_brute_force(&k, now, &path);
    // Earliest is set by launch = now + reaction exactly (to the bisection tolerance).
    let launch = now + SimDuration::from_secs_f64(k.reaction_s);
    assert!(
        (w.earliest.launch - launch).as_nanos().abs() <= 2_000_000,
        "{}",
        w.earliest.launch
    );
}

#[test]
fn ballistic_arc_matches_brute_force() {
    let k = notional();
    let path = ballistic_arc();
    let w = assert_matches_brute_force(&k, SimTime::ZERO, &path);
    // Lower tier: the window opens on the descent below the 25 km ceiling.
    let alt = |p: [f64; 3]| Position::ecef(p[0], p[1], p[2]).to_wgs84().alt_m();
    assert!((alt(w.earliest.point_ecef_m) - k.max_alt_m).abs() < 50.0);
    assert!(alt(w.latest.point_ecef_m) >= k.min_alt_m);
    // A short-range system at the end of the arc: min range/min altitude close the window.
    let short = Kinematics {
        max_range_m: 20_000.0,
        min_alt_m: 500.0,
        ..k
    };
    assert_matches_brute_force(&short, SimTime::from_secs(100), &path);
}

#[test]
fn infeasible_cases_have_no_window() {
    let k = notional();
    // Out of range: a transit 200 km away.
    let far = sampled(300_000, 2_000, |t| {
        [-100_000.0 + 300.0 * t, 200_000.0, 8_000.0]
    });
    assert_eq!(engagement_window(&k, launcher(), SimTime::ZERO, &far), None);
    // Too high: overflight at 40 km.
    let high = crossing(40_000.0);
    assert_eq!(
        engagement_window(&k, launcher(), SimTime::ZERO, &high),
        None
    );
    // Too late: the order comes after the arc has landed, or too close to impact to launch.
    let arc = ballistic_arc();
    assert_eq!(
        engagement_window(&k, launcher(), SimTime::from_secs(300), &arc),
        None
    );
    assert_eq!(
        engagement_window(&k, launcher(), SimTime::from_secs(250), &arc),
        None
    );
    // Empty path.
    assert_eq!(engagement_window(&k, launcher(), SimTime::ZERO, &[]), None);
}

#[test]
fn single_sample_path() {
    let k = notional();
    let p = [(SimTime::from_secs(100), enu(10_000.0, 0.0, 5_000.0))];
    let w = engagement_window(&k, launcher(), SimTime::ZERO, &p).expect("reachable point");
    assert_eq!(w.earliest, w.latest);
    assert_eq!(w.earliest.time, SimTime::from_secs(100));
}

#[test]
#[should_panic(expected = "strictly increasing")]
fn unordered_path_is_a_broken_invariant() {
    let p = [
        (SimTime::from_secs(2), enu(0.0, 0.0, 0.0)),
        (SimTime::from_secs(1), enu(0.0, 0.0, 0.0)),
    ];
    engagement_window(&notional(), launcher(), SimTime::ZERO, &p);
}

#[test]
fn second_shot_timing() {
    let k = notional();
    let w = engagement_window(&k, launcher(), SimTime::ZERO, &crossing(10_000.0)).expect("window");
    let first = w.earliest;
    // Exactly the slack: latest launch − (first intercept + reaction).
    let slack_s = (w.latest.launch - first.time).as_secs_f64() - k.reaction_s;
    assert!(slack_s > 10.0);
    assert!(second_shot_possible(&first, slack_s - 0.01, &w, &k));
    assert!(!second_shot_possible(&first, slack_s + 0.01, &w, &k));
    // And it agrees with re-planning after the look: the later window still exists.
    // That window is ~12 ms long (launch time opens it, maximum range closes it), well inside
    // one 1 s scan gap: found by bisecting each constraint on its own.
    let look = first.time + SimDuration::from_secs_f64(slack_s - 0.01);
    let w2 = assert_matches_brute_force(&k, look, &crossing(10_000.0));
    assert!(w2.latest.time - w2.earliest.time < SimDuration::from_millis(100));
    let late = first.time + SimDuration::from_secs_f64(slack_s + 1.0);
    assert!(engagement_window(&k, launcher(), late, &crossing(10_000.0)).is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The altitude screen's bound: geocentric vs WGS-84 altitude, any latitude, to 2000 km.
    #[test]
    fn geocentric_altitude_is_close_to_wgs84(
        lat in -90.0..90.0f64, lon in -180.0..180.0f64, alt in -1_000.0..2_000_000.0f64,
    ) {
        let p = geodesy::Wgs84::from_degrees(lat, lon, alt).expect("valid").to_ecef().xyz_m();
        let err = (super::geocentric_altitude_m([p.x, p.y, p.z]) - alt).abs();
        prop_assert!(err < 20.0, "{err} m at lat {lat}, alt {alt}");
    }

    /// Random straight-line threats (heading, miss distance, altitude, speed, dive) and order
    /// times: the window equals the 1 ms brute force, or both are empty.
    #[test]
    fn random_lines_match_brute_force(
        heading in 0.0..core::f64::consts::TAU,
        offset in -30_000.0..30_000.0f64,
        alt in 100.0..30_000.0f64,
        speed in 100.0..2_500.0f64,
        dive in -0.3..0.1f64,
        now_s in 0i64..60,
    ) {
        let k = notional();
        let (s, c) = heading.sin_cos();
        let path = sampled(120_000, 1_000, |t| {
            let along = -90_000.0 + speed * t;
            [along * c - offset * s, along * s + offset * c, (alt + dive * speed * t).max(0.0)]
        });
        let now = SimTime::from_secs(now_s);
        let tol = 10_000_000;
        match (engagement_window(&k, launcher(), now, &path), brute_force(&k, now, &path)) {
            (None, None) => {}
            (Some(w), Some((e, l))) => {
                prop_assert!((w.earliest.time - e).as_nanos().abs() <= tol, "{} vs {}", w.earliest.time, e);
                prop_assert!((w.latest.time - l).as_nanos().abs() <= tol, "{} vs {}", w.latest.time, l);
            }
            (w, b) => prop_assert!(false, "window {:?} vs brute force {:?}", w, b),
        }
    }
}
