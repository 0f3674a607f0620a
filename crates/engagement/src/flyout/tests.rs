//! Fly-out geometry: the profile distance along the leg, arrival at the aim point at the
//! intercept time, in-flight re-aiming and the cross-path miss used by the end game.

use base::{SimDuration, SimTime};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::*;
use crate::kill::{endgame_kill_probability, kill_probability};
use crate::kinematics::Limit;
use crate::path::{norm, sub};
use crate::testutil::{enu, launcher, notional, sampled};
use crate::window::engagement_window;

fn crossing() -> Vec<(SimTime, [f64; 3])> {
    sampled(400_000, 2_000, |t| {
        [50_000.0 - 300.0 * t, 1_000.0, 10_000.0]
    })
}

fn launched() -> (Flyout, Intercept) {
    let k = notional();
    let w = engagement_window(&k, launcher(), SimTime::ZERO, &crossing()).expect("window");
    (Flyout::launch(&k, launcher(), &w.earliest), w.earliest)
}

#[test]
fn reaches_the_aim_point_at_the_intercept_time() {
    let (f, aim) = launched();
    assert_eq!(f.intercept_time(), aim.time);
    assert!(norm(sub(f.position_at(aim.time), aim.point_ecef_m)) < 1e-3);
    assert_eq!(
        f.position_at(aim.launch - SimDuration::from_secs(1)),
        launcher()
    );
    assert_eq!(
        f.position_at(aim.time + SimDuration::from_secs(5)),
        aim.point_ecef_m
    );
    // Along the way the distance from the launcher follows the speed profile (within a mm).
    let k = notional();
    for s in [1.0, 3.0, 10.0, aim.fly_s - 0.5] {
        let t = aim.launch + SimDuration::from_secs_f64(s);
        let flown = norm(sub(f.position_at(t), launcher()));
        assert!((flown - k.distance_m(s)).abs() < 1e-3, "{s} s: {flown}");
    }
}

#[test]
fn update_aim_accepts_small_diverts() {
    let (mut f, aim) = launched();
    let now = aim.launch + SimDuration::from_secs(10);
    // The threat moved 200 m sideways; re-predict against the shifted track.
    let shifted = sampled(400_000, 2_000, |t| {
        [50_000.0 - 300.0 * t, 1_200.0, 10_000.0]
    });
    let (t, p) = f.predict_intercept(now, &shifted).expect("still reachable");
    assert!(norm(sub(p, aim.point_ecef_m)) < 1_000.0);
    assert_eq!(f.update_aim(now, p, t, DEFAULT_DIVERT_FRACTION), Ok(()));
    assert_eq!(
        (f.intercept_time(), f.aim_point(), f.n_updates()),
        (t, p, 1)
    );
    assert!(norm(sub(f.position_at(t), p)) < 1e-3);
    // The path is continuous at the update and the past is unchanged.
    let before = f.position_at(now - SimDuration::from_nanos(1));
    assert!(norm(sub(before, f.position_at(now))) < 0.01);
    assert_eq!(
        f.position_at(aim.launch + SimDuration::from_secs(5)),
        launched()
            .0
            .position_at(aim.launch + SimDuration::from_secs(5))
    );
}

#[test]
fn update_aim_rejects_impossible_ones() {
    let (mut f, aim) = launched();
    let now = aim.launch + SimDuration::from_secs(10);
    let unchanged = f.clone();
    // Same point, much earlier: not reachable at the profile speed.
    assert_eq!(
        f.update_aim(now, aim.point_ecef_m, now + SimDuration::from_secs(2), 0.1),
        Err(Rejected::Unreachable)
    );
    // A 10 km jump sideways with time to spare: over the divert budget.
    let jump = enu(40_000.0, 11_000.0, 10_000.0);
    assert_eq!(
        f.update_aim(now, jump, aim.time + SimDuration::from_secs(20), 0.1),
        Err(Rejected::DivertBudget)
    );
    // Far too much time for the distance: the interceptor would have to loiter.
    assert_eq!(
        f.update_aim(
            now,
            aim.point_ecef_m,
            aim.time + SimDuration::from_secs(30),
            0.1
        ),
        Err(Rejected::Loiter)
    );
    // Before launch, after intercept, or into the past.
    for (at, to) in [
        (aim.launch, aim.time),
        (aim.time, aim.time + SimDuration::from_secs(1)),
        (now, now),
    ] {
        assert_eq!(
            f.update_aim(at, aim.point_ecef_m, to, 0.1),
            Err(Rejected::NotInFlight)
        );
    }
    assert_eq!(f, unchanged);
    // The unchanged plan itself is always acceptable.
    assert_eq!(f.update_aim(now, aim.point_ecef_m, aim.time, 0.0), Ok(()));
}

#[test]
fn update_aim_never_leaves_the_envelope() {
    // However generous the divert budget, a re-aim below the minimum altitude, above the
    // maximum or beyond the maximum slant range is refused: the envelope binds the whole
    // fly-out, not only the plan.
    let (mut f, aim) = launched();
    let now = aim.launch + SimDuration::from_secs(10);
    let unchanged = f.clone();
    let k = notional();
    let here = norm(sub(aim.point_ecef_m, launcher()));
    let low = enu(here * 0.9, 1_000.0, -400.0);
    let high = enu(here * 0.9, 1_000.0, k.max_alt_m + 500.0);
    let far = enu(k.max_range_m + 500.0, 0.0, 10_000.0);
    for (p, limit) in [
        (low, Limit::MinAltitude),
        (high, Limit::MaxAltitude),
        (far, Limit::MaxRange),
    ] {
        assert_eq!(
            f.update_aim(now, p, aim.time + SimDuration::from_secs(5), 10.0),
            Err(Rejected::Envelope(limit))
        );
        assert_eq!(k.envelope_violation(launcher(), p), Some(limit));
    }
    assert_eq!(k.envelope_violation(launcher(), aim.point_ecef_m), None);
    assert_eq!(f, unchanged);
}

#[test]
fn cross_path_miss_keeps_the_end_game_honest() {
    // 3-D isotropic target error at the aim point: the cross-path miss is 2-D Rayleigh, so
    // the end-game mean equals the planning Pk; the full 3-D distance would not.
    let (f, aim) = launched();
    let (sspk, basket, sigma) = (0.9, 20.0, 15.0);
    let mut r = ChaCha8Rng::seed_from_u64(5);
    let mut normal = || {
        let u1: f64 = 1.0 - r.random::<f64>();
        let u2: f64 = r.random();
        (-2.0 * u1.ln()).sqrt() * (core::f64::consts::TAU * u2).cos()
    };
    let n = 20_000;
    let (mut cross, mut full) = (0.0, 0.0);
    for _ in 0..n {
        let e = [normal() * sigma, normal() * sigma, normal() * sigma];
        let target = [
            aim.point_ecef_m[0] + e[0],
            aim.point_ecef_m[1] + e[1],
            aim.point_ecef_m[2] + e[2],
        ];
        cross += endgame_kill_probability(sspk, basket, f.miss_distance_m(target));
        full += endgame_kill_probability(sspk, basket, norm(e));
    }
    let planned = kill_probability(sspk, basket, sigma);
    let q = planned / sspk;
    let se = sspk * (q * (1.0 - q) / n as f64).sqrt();
    assert!(
        (cross / n as f64 - planned).abs() <= 4.0 * se,
        "{} vs {planned}",
        cross / n as f64
    );
    assert!(
        planned - full / n as f64 > 10.0 * se,
        "3-D miss would bias Pk low"
    );
}

#[test]
fn handover_time_is_when_the_handover_distance_remains() {
    let (f, aim) = launched();
    let k = notional();
    // 5 km short of the aim point on a straight leg: the profile distance left is 5 km.
    let t = f.handover_time(5_000.0);
    assert!(t > aim.launch && t < aim.time, "{t:?}");
    let left = k.distance_m(aim.fly_s) - k.distance_m((t - aim.launch).as_secs_f64());
    assert!((left - 5_000.0).abs() < 1.0, "{left} m left");
    assert_eq!(f.position_at(t), f.handover_point(5_000.0));
    // A handover distance longer than the fly-out: the seeker looks from the launcher.
    assert_eq!(f.handover_time(1e9), aim.launch);
}

#[test]
fn a_launcher_that_moved_away_since_the_plan_arrives_later_never_faster_than_its_motor() {
    let k = notional();
    let w = engagement_window(&k, launcher(), SimTime::ZERO, &crossing()).expect("window");
    let aim = w.earliest;
    // The ship steamed 30 m away from the aim point between the decision and the launch.
    let away = {
        let l = launcher();
        let d = sub(l, aim.point_ecef_m);
        let n = norm(d);
        [
            l[0] + 30.0 * d[0] / n,
            l[1] + 30.0 * d[1] / n,
            l[2] + 30.0 * d[2] / n,
        ]
    };
    let f = Flyout::launch(&k, away, &aim);
    assert!(f.intercept_time() > aim.time, "arrives later");
    let flown = k.distance_m((f.intercept_time() - aim.launch).as_secs_f64());
    let range = norm(sub(aim.point_ecef_m, away));
    assert!(flown >= range, "{flown} m flown for a {range} m range");
    assert!(flown - range < 1e-3, "and no later than the motor needs");
    // Closer than planned: still the planned time (the profile is not sped up).
    let f = Flyout::launch(&k, launcher(), &aim);
    assert_eq!(f.intercept_time(), aim.time);
}
