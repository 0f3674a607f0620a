//! The surface in the tracker: an air track that stops being seen while descending stays
//! above the floor (cut, not clamped); a ballistic track ends at its predicted impact; a track
//! faster than escape speed (diverged) is deleted.

use super::ecef::engine_config;
use super::*;
use crate::surface::{Surface, altitude};
use crate::tracker::{ESCAPE_SPEED_MPS, TrackReport};
use base::SiteId;
use geodesy::{Site, Vec3, Wgs84};

const SIGMA_R_M: f64 = 30.0;
const SIGMA_ANGLE_RAD: f64 = 0.2 * std::f64::consts::PI / 180.0;

/// One radar plot a second for `seconds` of a target at ENU `p(t)` of a site at 35°N 139°E.
fn plots(seconds: i64, p: impl Fn(f64) -> [f64; 3]) -> Vec<Measurement> {
    let site = Site::new(
        SiteId::new(1),
        Wgs84::from_degrees(35.0, 139.0, 0.0).expect("valid site"),
    );
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    (1..=seconds)
        .map(|k| {
            let [e, n, u] = p(k as f64);
            let target = site.enu_to_ecef().apply(site.enu(e, n, u));
            let (az, el, r) = site.az_el_range(&target);
            let mut noise = || -> f64 { StandardNormal.sample(&mut rng) };
            let mut z = MeasVector::zeros();
            z[0] = r + SIGMA_R_M * noise();
            z[1] = (az + SIGMA_ANGLE_RAD * noise()).rem_euclid(std::f64::consts::TAU);
            z[2] = el + SIGMA_ANGLE_RAD * noise();
            Measurement {
                id: k as u64,
                time: SimTime::from_secs(k),
                z,
                model: MeasurementModel::RadarEnu {
                    sensor_position: site.origin_ecef().xyz_m(),
                    sensor_velocity: Vec3::zeros(),
                    to_enu: site.ecef_to_enu().rotation(),
                    sigma: [SIGMA_R_M, SIGMA_ANGLE_RAD, SIGMA_ANGLE_RAD, 1.0],
                    with_range_rate: false,
                },
            }
        })
        .collect()
}

fn tracker(surface: Option<Surface>, plots: &[Measurement]) -> Tracker {
    let mut t = Tracker::new(TrackerConfig {
        surface,
        max_coast: SimDuration::from_secs(60),
        ..engine_config()
    });
    for m in plots {
        t.process(std::slice::from_ref(m));
    }
    t
}

fn one(mut reports: Vec<TrackReport>, what: &str) -> TrackReport {
    assert_eq!(reports.len(), 1, "{what}: {reports:?}");
    reports.remove(0)
}

fn alt(r: &TrackReport) -> f64 {
    altitude(
        Frame::Ecef,
        Vec3::new(r.estimate.x[0], r.estimate.x[1], r.estimate.x[2]),
    )
    .0
}

/// Vertical variance of a report's position, m².
fn vertical_variance(r: &TrackReport) -> f64 {
    let (_, up) = altitude(
        Frame::Ecef,
        Vec3::new(r.estimate.x[0], r.estimate.x[1], r.estimate.x[2]),
    );
    (up.transpose() * r.estimate.p.fixed_view::<3, 3>(0, 0) * up)[0]
}

#[test]
fn an_air_track_coasting_downwards_stays_above_the_surface() {
    // A diving air-breather, 250 m/s east and 25 m/s down from 800 m, seen for 20 s (down to
    // 300 m), then not at all: coasting 40 s it would be ~700 m underground.
    let seen = plots(20, |t| [30_000.0 + 250.0 * t, 20_000.0, 800.0 - 25.0 * t]);
    let free = tracker(None, &seen);
    let cut = tracker(Some(Surface::ELLIPSOID), &seen);
    let at = SimTime::from_secs(60);
    let unconstrained = one(free.tracks_at(at), "one track");
    let constrained = one(cut.tracks_at(at), "one track");
    assert!(!constrained.ballistic);
    assert!(
        alt(&unconstrained) < -300.0,
        "the free track goes under: {}",
        alt(&unconstrained)
    );
    assert!(
        alt(&constrained) > 0.0,
        "constrained altitude {}",
        alt(&constrained)
    );
    // Cut, not clamped: the vertical uncertainty shrinks but stays honest (a few metres to
    // hundreds, not zero), and the whole covariance stays positive definite.
    let v = vertical_variance(&constrained);
    assert!(
        v > 1.0 && v < vertical_variance(&unconstrained),
        "vertical variance {v}"
    );
    assert!(constrained.estimate.p.cholesky().is_some());
    // And every report on the way down is above the floor too.
    for s in 21..=60 {
        let r = one(
            cut.tracks_at(SimTime::from_secs(s)),
            &format!("one track at {s} s"),
        );
        assert!(alt(&r) > 0.0, "{s} s: {}", alt(&r));
    }
}

#[test]
fn a_ballistic_track_ends_at_predicted_impact() {
    // A re-entry vehicle 1 km/s east and 1.5 km/s down from 30 km, seen for 10 s (to ~15 km,
    // ballistic by speed), then lost: it reaches the ground ~10 s later.
    let seen = plots(10, |t| {
        [
            40_000.0 + 1_000.0 * t,
            10_000.0,
            30_000.0 - 1_500.0 * t - 4.9 * t * t,
        ]
    });
    let mut t = tracker(Some(Surface::ELLIPSOID), &seen);
    let r = one(
        t.tracks_at(SimTime::from_secs(12)),
        "one track before impact",
    );
    assert!(
        r.ballistic,
        "classified ballistic at {} m/s",
        r.estimate.x.fixed_rows::<3>(3).norm()
    );
    assert!(alt(&r) > 0.0);
    assert!(
        t.tracks_at(SimTime::from_secs(25)).is_empty(),
        "ended at predicted impact"
    );
    assert_eq!(
        t.stats().n_impacted,
        0,
        "not deleted before the tracker is advanced"
    );
    let deleted = t.stats().n_deleted;
    t.advance(SimTime::from_secs(25));
    assert_eq!(
        (t.stats().n_impacted, t.stats().n_deleted),
        (1, deleted + 1)
    );
    assert!(t.latest().is_empty());
    // Without a surface the same track coasts on underground.
    let free = tracker(None, &seen);
    let r = one(free.tracks_at(SimTime::from_secs(25)), "one track");
    assert!(alt(&r) < -5_000.0);
}

fn tracker_with_wide_init(plots: &[Measurement]) -> Tracker {
    let mut t = Tracker::new(TrackerConfig {
        surface: Some(Surface::ELLIPSOID),
        // The engine's prior velocity sigma: a second plot far away still gates.
        init_velocity_sigma_mps: 3_000.0,
        ..engine_config()
    });
    for m in plots {
        t.process(std::slice::from_ref(m));
    }
    t
}

#[test]
fn a_track_faster_than_escape_speed_is_deleted_as_diverged() {
    // Plots 12 km/s apart (e.g. two objects differenced into one velocity): with a 3 km/s
    // prior the second plot gates, and the track would be confirmed at 12 km/s.
    let fast = plots(6, |t| [50_000.0 + 12_000.0 * t, 10_000.0, 20_000.0]);
    let t = tracker_with_wide_init(&fast);
    assert_eq!(t.stats().n_confirmed, 0, "{:?}", t.stats());
    assert!(t.stats().n_implausible >= 1, "{:?}", t.stats());
    for r in t.tracks_at(SimTime::from_secs(6)) {
        let speed = r.estimate.x.fixed_rows::<3>(3).norm();
        assert!(speed <= ESCAPE_SPEED_MPS, "track at {speed} m/s");
    }
    // A re-entry vehicle's 7 km/s is fine: confirmed, nothing deleted as diverged.
    let rv = plots(6, |t| [50_000.0 + 7_000.0 * t, 10_000.0, 20_000.0]);
    let t = tracker_with_wide_init(&rv);
    assert_eq!(t.stats().n_implausible, 0, "{:?}", t.stats());
    assert!(t.stats().n_confirmed >= 1, "{:?}", t.stats());
}

#[test]
fn the_ballistic_class_needs_the_estimate_clear_of_aircraft_by_its_own_uncertainty() {
    use crate::tracker::track::beyond_air_breathers;
    // The default scenario's fratricide (seed 8558242354200277143): a diverged local track
    // fused into an airliner's network track, 4.4 km up at 2.4 km/s, but ±25 km and about
    // ±3 km/s. Without the margin it was classed ballistic, its history "established" free
    // fall under that covariance, and the airliner was declared hostile and engaged.
    assert!(!beyond_air_breathers(4_400.0, 24_700.0, 2_400.0, 3_200.0));
    // The same speed known to ±100 m/s, or 60 km up known to ±1 km: a missile.
    assert!(beyond_air_breathers(4_400.0, 24_700.0, 2_400.0, 100.0));
    assert!(beyond_air_breathers(60_000.0, 1_000.0, 300.0, 3_200.0));
    // Just clear of the thresholds by less than two RMS radii: not yet.
    assert!(!beyond_air_breathers(26_000.0, 1_000.0, 300.0, 50.0));
    assert!(!beyond_air_breathers(9_000.0, 500.0, 1_250.0, 30.0));
    // NaN never classifies.
    assert!(!beyond_air_breathers(f64::NAN, 1.0, f64::NAN, 1.0));
}

#[test]
fn a_missile_track_is_classed_ballistic_within_a_few_looks() {
    // A re-entry vehicle at 1.6 km/s and 20 km, seen once a second: the class margin costs
    // only the first looks, while the velocity is still the wide prior's.
    let rv = plots(8, |t| [50_000.0 + 1_600.0 * t, 10_000.0, 20_000.0]);
    let t = tracker_with_wide_init(&rv);
    let r = one(t.tracks_at(SimTime::from_secs(8)), "one missile track");
    assert!(r.ballistic, "{:?}", r.estimate.x);
}
