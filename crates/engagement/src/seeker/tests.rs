//! Seeker acquisition: what is in view is acquired, nearest the cue first; the effective
//! basket is what the end game achieves, so planning with it stays calibrated.

use base::SimTime;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::*;
use crate::kill::kill_probability;
use crate::path::{norm, sub};
use crate::testutil::{add_scaled, cross, launcher, notional, sampled};
use crate::window::engagement_window;

fn flyout() -> Flyout {
    let k = notional();
    let path = sampled(400_000, 2_000, |t| {
        [50_000.0 - 300.0 * t, 1_000.0, 10_000.0]
    });
    let w = engagement_window(&k, launcher(), SimTime::ZERO, &path).expect("window");
    Flyout::launch(&k, launcher(), &w.earliest)
}

/// Two unit vectors across the final leg.
fn across(f: &Flyout) -> ([f64; 3], [f64; 3]) {
    let axis = sub(f.aim_point(), f.launch_point());
    let a = norm(axis);
    let u = [axis[0] / a, axis[1] / a, axis[2] / a];
    let x = cross(u, [0.0, 0.0, 1.0]);
    let xn = norm(x);
    let x = [x[0] / xn, x[1] / xn, x[2] / xn];
    (x, cross(u, x))
}

const SEEKER: Seeker = Seeker {
    acquisition_range_m: 10_000.0,
    fov_half_angle_rad: 0.2,
    basket_m: 300.0,
};

#[test]
fn acquires_what_is_in_view_nearest_the_cue() {
    let f = flyout();
    let aim = f.aim_point();
    let (x, _) = across(&f);
    // Alone at the aim point: acquired, no miss.
    let a = SEEKER.acquire(&f, [(7, aim)]).expect("in view");
    assert_eq!(a.id, 7);
    assert!(a.miss_m < 1e-6 && a.off_boresight_rad < 1e-6);
    // Two objects: the one nearer the cue wins even when the other is on the boresight (a
    // trail along the line of sight: the seeker's range gate is centred on the cue).
    let off_axis = add_scaled(aim, x, 150.0);
    let on_axis_far = add_scaled(aim, sub(aim, f.launch_point()), 0.05 / 1.0);
    assert!(
        norm(sub(on_axis_far, aim)) > 150.0,
        "the trail object is farther from the cue"
    );
    let got = SEEKER
        .acquire(&f, [(1, off_axis), (2, on_axis_far)])
        .expect("in view");
    assert_eq!(got.id, 1);
    assert!(got.off_boresight_rad > 0.0);
    // Nearer the cue on the boresight than one across it: the boresight one.
    let on_axis_near = add_scaled(aim, sub(aim, f.launch_point()), 0.001);
    assert!(norm(sub(on_axis_near, aim)) < 150.0);
    let got = SEEKER
        .acquire(&f, [(1, off_axis), (2, on_axis_near)])
        .expect("in view");
    assert_eq!(got.id, 2);
    // Out of view (wider than the cone) or out of range: nothing.
    let wide = add_scaled(aim, x, 2_000.0);
    assert_eq!(SEEKER.acquire(&f, [(3, wide)]), None);
    let beyond = add_scaled(aim, sub(aim, f.launch_point()), 1.0);
    assert_eq!(SEEKER.acquire(&f, [(4, beyond)]), None);
    assert_eq!(
        SEEKER.acquire(&f, std::iter::empty::<(u8, [f64; 3])>()),
        None
    );
}

#[test]
fn effective_basket_is_the_narrower_of_divert_and_view() {
    assert_eq!(SEEKER.effective_basket_m(), 300.0);
    let narrow = Seeker {
        fov_half_angle_rad: 0.01,
        ..SEEKER
    };
    assert!((narrow.effective_basket_m() - 5_000.0 * 0.01f64.tan()).abs() < 1e-9);
    assert!(narrow.within_basket(40.0) && !narrow.within_basket(60.0));
}

#[test]
fn end_game_through_the_seeker_matches_the_planning_pk() {
    // A Gaussian cue error across the leg: acquisition (view) plus divert (basket) kill with
    // the planning Pk computed on the effective basket — for a wide and a narrow field of view.
    let f = flyout();
    let (x, y) = across(&f);
    let sspk = 0.9;
    for seeker in [
        SEEKER,
        Seeker {
            fov_half_angle_rad: 0.03,
            ..SEEKER
        },
    ] {
        let sigma = 120.0;
        let mut r = ChaCha8Rng::seed_from_u64(11);
        let mut normal = || {
            let u1: f64 = 1.0 - r.random::<f64>();
            let u2: f64 = r.random();
            (-2.0 * u1.ln()).sqrt() * (core::f64::consts::TAU * u2).cos()
        };
        let n = 20_000;
        let mut kills = 0.0;
        for _ in 0..n {
            let p = add_scaled(
                add_scaled(f.aim_point(), x, normal() * sigma),
                y,
                normal() * sigma,
            );
            if let Some(a) = seeker.acquire(&f, [(0, p)])
                && seeker.within_basket(a.miss_m)
            {
                kills += sspk;
            }
        }
        let planned = kill_probability(sspk, seeker.effective_basket_m(), sigma);
        let q = planned / sspk;
        let se = sspk * (q * (1.0 - q) / n as f64).sqrt();
        let realised = kills / n as f64;
        assert!(
            (realised - planned).abs() <= 4.0 * se,
            "fov {}: realised {realised} vs planned {planned}",
            seeker.fov_half_angle_rad
        );
    }
}

#[test]
fn the_eye_opens_on_the_path_flown_not_on_a_short_last_leg() {
    // An update just before intercept leaves a final leg of a few hundred metres; the seeker
    // still opened its eye half its range back along the fly-out, so an object a few hundred
    // metres off the aim point is well inside its view.
    let mut f = flyout();
    let t_int = f.intercept_time();
    let now = t_int - base::SimDuration::from_millis(300);
    let (x, _) = across(&f);
    let aim = f.aim_point();
    assert_eq!(f.update_aim(now, aim, t_int, 0.0), Ok(()));
    assert!(
        norm(sub(aim, f.position_at(now))) < 500.0,
        "a short last leg"
    );
    let eye = f.handover_point(SEEKER.handover_distance_m());
    assert!((norm(sub(f.aim_point(), eye)) - SEEKER.handover_distance_m()).abs() < 50.0);
    let off = add_scaled(f.aim_point(), x, 250.0);
    assert_eq!(SEEKER.acquire(&f, [(1, off)]).map(|a| a.id), Some(1));
}
