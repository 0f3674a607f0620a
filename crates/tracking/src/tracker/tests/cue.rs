//! Cued confirmation: a missile flying away from a cued launch point confirms with the cue's
//! hit count; without a cue, or with one whose launch point the track is not flying from, it
//! needs the configured count.

use super::ecef::engine_config;
use super::*;
use crate::filter::MeasurementModel;
use crate::tracker::Cue;
use base::SiteId;
use geodesy::{Position, Site, Vec3, Wgs84};

const SIGMA_R_M: f64 = 30.0;
const SIGMA_ANGLE_RAD: f64 = 0.2 * std::f64::consts::PI / 180.0;

/// A radar at 35° N 139° E; a missile 300 km north, 60 km up, flying north-east away from it
/// at 2 km/s, one plot every 4 s (a phased array's revisit). Returns the radar's ENU frame too.
fn scans() -> (Site, Vec<Vec<Measurement>>) {
    let s = Site::new(
        SiteId::new(1),
        Wgs84::from_degrees(35.0, 139.0, 0.0).expect("valid site"),
    );
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut out = Vec::new();
    for k in 0..6_i64 {
        let t_s = 100.0 + 4.0 * k as f64;
        let d = 2_000.0 * (t_s - 100.0) / 2f64.sqrt();
        let target: Position<geodesy::Ecef> =
            s.enu_to_ecef().apply(s.enu(d, 300_000.0 + d, 60_000.0));
        let (az, el, r) = s.az_el_range(&target);
        let mut noise = || -> f64 { StandardNormal.sample(&mut rng) };
        let mut z = MeasVector::zeros();
        z[0] = r + SIGMA_R_M * noise();
        z[1] = (az + SIGMA_ANGLE_RAD * noise()).rem_euclid(std::f64::consts::TAU);
        z[2] = el + SIGMA_ANGLE_RAD * noise();
        let time = SimTime::from_millis((t_s * 1000.0) as i64);
        out.push(vec![Measurement {
            id: k as u64 + 1,
            time,
            z,
            model: MeasurementModel::RadarEnu {
                sensor_position: s.origin_ecef().xyz_m(),
                sensor_velocity: Vec3::zeros(),
                to_enu: s.ecef_to_enu().rotation(),
                sigma: [SIGMA_R_M, SIGMA_ANGLE_RAD, SIGMA_ANGLE_RAD, 1.0],
                with_range_rate: false,
            },
        }]);
    }
    (s, out)
}

/// The scan (0-based) after which the tracker first holds a confirmed track.
fn confirmed_after(cue: Option<Cue>) -> Option<usize> {
    let (_, scans) = scans();
    let mut config = engine_config();
    config.init_velocity_sigma_mps = 3_000.0;
    let mut tracker = Tracker::new(config);
    if let Some(c) = cue {
        tracker.cue(c);
    }
    scans.iter().position(|scan| {
        tracker.process(scan);
        tracker
            .tracks_at(scan[0].time)
            .iter()
            .any(|r| r.status == TrackStatus::Confirmed)
    })
}

/// A cue at a launch point 250 km south-west of the first plot, observed at 40 s.
fn cue_from(east_m: f64, north_m: f64) -> Cue {
    let (s, _) = scans();
    Cue {
        launch_m: s.enu_to_ecef().apply(s.enu(east_m, north_m, 0.0)).xyz_m(),
        sigma_m: 2_000.0,
        time: SimTime::from_secs(40),
        until: SimTime::from_secs(400),
        confirm_m: 2,
    }
}

#[test]
fn a_cue_confirms_a_missile_flying_from_its_launch_point_one_scan_earlier() {
    assert_eq!(confirmed_after(None), Some(2), "3 of 5 without a cue");
    let behind = cue_from(-180_000.0, 120_000.0);
    assert_eq!(confirmed_after(Some(behind)), Some(1), "2 hits with it");
    let mut expired = behind;
    expired.until = SimTime::from_secs(50);
    assert_eq!(confirmed_after(Some(expired)), Some(2), "an expired cue");
    // A launch point ahead of the track: it is flying towards it, not from it.
    assert_eq!(
        confirmed_after(Some(cue_from(600_000.0, 900_000.0))),
        Some(2),
        "not flying from the launch point"
    );
    // Flying away from it, but across the plane of any flight from it (a false-alarm pair).
    assert_eq!(
        confirmed_after(Some(cue_from(0.0, 300_000.0 - 250_000.0))),
        Some(2),
        "out of the flight plane"
    );
    // Out of reach: 5 000 km away cannot be flown in 100 + 180 s.
    assert_eq!(
        confirmed_after(Some(cue_from(-3_500_000.0, -3_500_000.0))),
        Some(2),
        "out of reach"
    );
}
