//! The engine's path: ECEF frame, 3D radar plots (range, azimuth, elevation) from two sites,
//! IMM of nearly-constant velocity and ballistic coast; one aircraft tracked by both radars,
//! and late delivery of one radar's scans reprocessed exactly.

use super::*;
use crate::filter::MeasurementModel;
use crate::tracker::TrackReport;
use base::SiteId;
use geodesy::{Position, Site, Vec3, Wgs84};

const SIGMA_R_M: f64 = 30.0;
const SIGMA_ANGLE_RAD: f64 = 0.2 * std::f64::consts::PI / 180.0;

fn site(id: usize, lat_deg: f64, lon_deg: f64) -> Site {
    Site::new(
        SiteId::new(id),
        Wgs84::from_degrees(lat_deg, lon_deg, 0.0).expect("valid site"),
    )
}

/// Engine-like configuration (as `sim`'s nodes use): IMM CV + ballistic, EKF, χ²(3) 99.9 %.
pub(super) fn engine_config() -> TrackerConfig {
    TrackerConfig {
        filter: FilterConfig {
            frame: Frame::Ecef,
            kind: FilterKind::Ekf,
            motion: MotionConfig::Imm {
                models: vec![
                    MotionModel::ConstantVelocity {
                        q_m2_s3: 25.0,
                        q_vertical_m2_s3: 25.0,
                    },
                    MotionModel::Ballistic { q_m2_s3: 1.0 },
                ],
                transition: vec![vec![0.95, 0.05], vec![0.05, 0.95]],
                initial: vec![0.5, 0.5],
            },
        },
        associator: AssociatorKind::Gnn,
        gate_d2: 16.27,
        pd: 0.9,
        clutter_density: 1e-9,
        confirm_m: 3,
        confirm_n: 5,
        init_velocity_sigma_mps: 400.0,
        init_accel_sigma_mps2: 10.0,
        tentative_max_misses: 3,
        max_coast: SimDuration::from_secs(20),
        oosm_window: SimDuration::from_secs(30),
        surface: None,
    }
}

/// Scans 1 s apart alternating between two radars; the aircraft flies east at 250 m/s, 10 km
/// up, 30–40 km from both.
fn scans() -> (Vec<(SimTime, Vec<Measurement>)>, Vec<Vec3>) {
    let sites = [site(1, 35.0, 139.0), site(2, 35.2, 139.3)];
    let mut rng = ChaCha8Rng::seed_from_u64(41);
    let (mut out, mut truth) = (Vec::new(), Vec::new());
    for k in 1..=40_i64 {
        let t_s = k as f64;
        let enu = sites[0].enu(5_000.0 + 250.0 * t_s, 30_000.0, 10_000.0);
        let target: Position<geodesy::Ecef> = sites[0].enu_to_ecef().apply(enu);
        let s = &sites[(k % 2) as usize];
        let (az, el, r) = s.az_el_range(&target);
        let mut z = MeasVector::zeros();
        let mut noise = || -> f64 { StandardNormal.sample(&mut rng) };
        z[0] = r + SIGMA_R_M * noise();
        z[1] = (az + SIGMA_ANGLE_RAD * noise()).rem_euclid(std::f64::consts::TAU);
        z[2] = el + SIGMA_ANGLE_RAD * noise();
        let model = MeasurementModel::RadarEnu {
            sensor_position: s.origin_ecef().xyz_m(),
            sensor_velocity: Vec3::zeros(),
            to_enu: s.ecef_to_enu().rotation(),
            sigma: [SIGMA_R_M, SIGMA_ANGLE_RAD, SIGMA_ANGLE_RAD, 1.0],
            with_range_rate: false,
        };
        let time = SimTime::from_secs(k);
        out.push((
            time,
            vec![Measurement {
                id: k as u64,
                time,
                z,
                model,
            }],
        ));
        truth.push(target.xyz_m());
    }
    (out, truth)
}

fn run(order: &[usize]) -> (Vec<TrackReport>, Tracker) {
    let (scans, _) = scans();
    let mut tracker = Tracker::new(engine_config());
    for &k in order {
        tracker.process(&scans[k].1);
    }
    (tracker.tracks_at(scans[scans.len() - 1].0), tracker)
}

#[test]
fn two_radars_one_aircraft_in_ecef() {
    let (scans, truth) = scans();
    let (reports, tracker) = run(&(0..scans.len()).collect::<Vec<_>>());
    assert_eq!(reports.len(), 1, "{reports:?}");
    let r = &reports[0];
    assert_eq!((r.number.0, r.status), (1, TrackStatus::Confirmed));
    assert_eq!(
        r.last_measurement,
        Some(40),
        "every plot, from both radars, updates the track"
    );
    assert_eq!(tracker.stats().n_hits, 39);
    // Tolerance: 30 m / 0.2° (≈ 120 m cross-range at 35 km) plots once a second, filtered: a
    // few tens of metres; 150 m would mean a lost or biased track.
    let err = (Vec3::new(r.estimate.x[0], r.estimate.x[1], r.estimate.x[2]) - truth[39]).norm();
    assert!(err < 150.0, "position error {err} m");
    assert!(r.quality >= 11, "TQ {} for {err} m error", r.quality);
    assert_eq!(r.mode_probabilities.len(), 2);
}

#[test]
fn late_radar_in_ecef_matches_time_order() {
    let n = 40;
    let (reference, _) = run(&(0..n).collect::<Vec<_>>());
    // Radar 2's scans (even indices) from scan 6 on arrive three scans late.
    let mut order: Vec<usize> = (0..6).collect();
    let mut late = Vec::new();
    for k in 6..n {
        if k % 2 == 0 {
            late.push(k);
        } else {
            order.push(k);
        }
        if late.first().is_some_and(|&first| k >= first + 3) {
            order.push(late.remove(0));
        }
    }
    order.extend(late);
    let (reports, tracker) = run(&order);
    assert!(tracker.stats().n_oosm_reprocessed > 10);
    let (a, b) = (&reference[0].estimate, &reports[0].estimate);
    // Tolerance: the brief's 1e-9; both runs perform the same IMM predict/update sequence.
    let (dx, dp) = ((a.x - b.x).amax(), (a.p - b.p).amax());
    assert!(
        dx < 1e-9 && dp < 1e-9,
        "state differs by {dx:e}, covariance by {dp:e}"
    );
}

/// A re-entry vehicle descending at 5 km/s (40° below the horizontal) seen by one radar every
/// 10.7 s (the default scenario's Darwin geometry): five plots must give a confirmed track.
#[test]
fn fast_reentry_vehicle_with_slow_revisit_is_confirmed() {
    let radar = site(1, -12.6, 131.3);
    let mut cfg = engine_config();
    cfg.init_velocity_sigma_mps = 3000.0;
    cfg.confirm_n = 5;
    let mut tracker = Tracker::new(cfg);
    let (v_h, v_u) = (
        5000.0 * 40f64.to_radians().cos(),
        -5000.0 * 40f64.to_radians().sin(),
    );
    for k in 0..5_i64 {
        let t_s = 10.7 * k as f64;
        let enu = radar.enu(
            -180_000.0 + v_h * t_s * 0.6,
            150_000.0 - v_h * t_s * 0.8,
            190_000.0 + v_u * t_s,
        );
        let target: Position<geodesy::Ecef> = radar.enu_to_ecef().apply(enu);
        let (az, el, r) = radar.az_el_range(&target);
        let mut z = MeasVector::zeros();
        z[0] = r;
        z[1] = az;
        z[2] = el;
        let time = SimTime::from_secs_f64(t_s);
        let model = MeasurementModel::RadarEnu {
            sensor_position: radar.origin_ecef().xyz_m(),
            sensor_velocity: Vec3::zeros(),
            to_enu: radar.ecef_to_enu().rotation(),
            sigma: [30.0, 0.15f64.to_radians(), 0.2f64.to_radians(), 1.0],
            with_range_rate: false,
        };
        // Another radar's scans (a far-away plot) reach the tracker first, as in the engine,
        // where a rotator's scan is handed over only when its next scan starts.
        for dt in [4.0, 8.0] {
            let far = radar.enu(300_000.0, -300_000.0 + 1000.0 * t_s, 9_000.0);
            let far: Position<geodesy::Ecef> = radar.enu_to_ecef().apply(far);
            let (az, el, r) = radar.az_el_range(&far);
            let mut zf = MeasVector::zeros();
            zf[0] = r;
            zf[1] = az;
            zf[2] = el;
            let tf = SimTime::from_secs_f64(t_s + dt);
            tracker.process_from(
                base::SensorId::new(2),
                &[Measurement {
                    id: 1000 + k as u64 * 10 + dt as u64,
                    time: tf,
                    z: zf,
                    model,
                }],
            );
        }
        tracker.process_from(
            base::SensorId::new(1),
            &[Measurement {
                id: k as u64,
                time,
                z,
                model,
            }],
        );
        if k == 1 {
            // Two plots in: the track predicted one revisit ahead must sit near the vehicle
            // (a single EKF update from the one-plot prior left it ~20 km off).
            let t_next = SimTime::from_secs_f64(10.7 * 2.0);
            let next = radar.enu(
                -180_000.0 + v_h * 21.4 * 0.6,
                150_000.0 - v_h * 21.4 * 0.8,
                190_000.0 + v_u * 21.4,
            );
            let next: Position<geodesy::Ecef> = radar.enu_to_ecef().apply(next);
            let reports = tracker.tracks_at(t_next);
            let best = reports
                .iter()
                .map(|r| {
                    (Vec3::new(r.estimate.x[0], r.estimate.x[1], r.estimate.x[2]) - next.xyz_m())
                        .norm()
                })
                .fold(f64::INFINITY, f64::min);
            assert!(best < 2_000.0, "two-plot prediction {best:.0} m off");
        }
    }
    let t_s = 10.7 * 4.0;
    let last = radar.enu(
        -180_000.0 + v_h * t_s * 0.6,
        150_000.0 - v_h * t_s * 0.8,
        190_000.0 + v_u * t_s,
    );
    let last: Position<geodesy::Ecef> = radar.enu_to_ecef().apply(last);
    let on_rv = tracker
        .confirmed()
        .iter()
        .filter(|r| {
            (Vec3::new(r.estimate.x[0], r.estimate.x[1], r.estimate.x[2]) - last.xyz_m()).norm()
                < 5_000.0
        })
        .count();
    assert_eq!(on_rv, 1, "{:?} {:?}", tracker.stats(), tracker.confirmed());
}
