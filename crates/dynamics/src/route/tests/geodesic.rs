//! Geodesic legs against GeographicLib, and the awkward places: the antimeridian and the poles.

use super::*;
use crate::{Milestone, fly_route};
use geographiclib_rs::{Geodesic, InverseGeodesic};

/// Cross-track distance (m) of `p` from the geodesic leaving `(lat0, lon0)` at `azi0_deg`:
/// the reduced length times the azimuth difference at the start (first order in the offset,
/// exact enough for offsets of metres over thousands of kilometres).
fn cross_track_m(geod: &Geodesic, lat0: f64, lon0: f64, azi0_deg: f64, p: &Wgs84) -> f64 {
    let (s12, azi1, _azi2, m12, _a12): (f64, f64, f64, f64, f64) =
        geod.inverse(lat0, lon0, p.lat_deg(), p.lon_deg());
    if s12 < 1.0 {
        return 0.0;
    }
    m12 * (azi1 - azi0_deg).to_radians().sin()
}

#[test]
fn val_geographiclib_airliner_follows_the_geodesic_tokyo_to_sydney() {
    // Notional points near Tokyo and Sydney, cruise altitude throughout.
    let (a, b) = (deg(35.55, 139.78, 11_000.0), deg(-33.95, 151.18, 11_000.0));
    let spec = route(
        vec![
            RoutePoint {
                position: a,
                speed_mps: None,
            },
            RoutePoint {
                position: b,
                speed_mps: None,
            },
        ],
        250.0,
        TurnLimit::BankDeg(25.0),
        10.0,
    );
    let tr = fly_route(&spec).expect("valid route");
    let geod = Geodesic::wgs84();
    let (length_m, azi0, _, _): (f64, f64, f64, f64) =
        geod.inverse(a.lat_deg(), a.lon_deg(), b.lat_deg(), b.lon_deg());
    assert!(
        length_m > 7.7e6 && length_m < 7.9e6,
        "leg length {length_m}"
    );
    // Cross-track on a 7.5 s grid (samples are 60 s apart, so this includes interpolation).
    let worst_m = grid(&tr, 7_500)
        .iter()
        .map(|(_, s)| {
            cross_track_m(
                &geod,
                a.lat_deg(),
                a.lon_deg(),
                azi0,
                &s.position.to_wgs84(),
            )
            .abs()
        })
        .fold(0.0, f64::max);
    // Measured 2.5e-8 m: steps are geodesic continuations; 1 cm bounds rounding and the
    // Hermite error (≈ 1 µm) with a wide margin.
    assert!(worst_m < 0.01, "cross-track {worst_m} m from the geodesic");
    // Arrival: geodesic length at the ground speed of the surface track. The speed is set at
    // 11 km, where the ground track moves slower by (1 + h/R) ≈ 1.0017.
    let flown_s = (tr.end() - tr.start()).as_secs_f64();
    assert!(
        (flown_s / (length_m / 250.0) - 1.0).abs() < 0.005,
        "flew {flown_s} s"
    );
    let expected_s = length_m * (1.0 + 11_000.0 / geodesy::wgs84::MEAN_RADIUS_M) / 250.0;
    // The (1 + h/R) factor varies with the radius of curvature along the track (±0.03 %).
    assert!(
        (flown_s / expected_s - 1.0).abs() < 5e-4,
        "flew {flown_s} s, expected {expected_s}"
    );
    // Few samples: 60 s on geodesics.
    assert!(tr.n_samples() < 600, "{} samples", tr.n_samples());
}

/// Positions on a fine grid never jump: consecutive points are at most `speed·Δt` apart (+1 %),
/// the speed holds, and the last point is reached.
fn assert_smooth_and_arrives(spec: &RouteSpec) -> Trajectory {
    let tr = fly_route(spec).expect("valid route");
    let g = grid(&tr, 500);
    for w in g.windows(2) {
        let dt_s = (w[1].0 - w[0].0).as_secs_f64();
        let step_m = w[1].1.position.distance_to(&w[0].1.position);
        assert!(
            step_m <= spec.speed_mps * dt_s * 1.01 + 1e-6,
            "jump of {step_m} m at {}",
            w[0].0
        );
        let v = horizontal(&w[0].1).norm();
        assert!(
            (v / spec.speed_mps - 1.0).abs() < 0.005,
            "speed {v} at {}",
            w[0].0
        );
    }
    let last = spec
        .points
        .last()
        .expect("route has points")
        .position
        .to_ecef();
    let miss_m = tr
        .state_at(tr.end())
        .expect("end")
        .position
        .distance_to(&last);
    assert!(miss_m <= 1.0, "ends {miss_m} m from the last point");
    let n_waypoints = tr
        .milestones()
        .iter()
        .filter(|(_, m)| matches!(m, Milestone::Waypoint { .. }))
        .count();
    assert_eq!(n_waypoints, spec.points.len() - 1);
    tr
}

#[test]
fn crossing_the_antimeridian_is_seamless() {
    let spec = route(
        vec![
            pt(10.0, 179.6, 8000.0),
            pt(10.3, -179.7, 8000.0),
            pt(10.9, 179.9, 8000.0),
        ],
        230.0,
        TurnLimit::BankDeg(25.0),
        10.0,
    );
    let tr = assert_smooth_and_arrives(&spec);
    let lons: Vec<f64> = grid(&tr, 10_000)
        .iter()
        .map(|(_, s)| s.position.to_wgs84().lon_deg())
        .collect();
    assert!(
        lons.iter().any(|l| *l > 179.0) && lons.iter().any(|l| *l < -179.0),
        "never crossed"
    );
}

#[test]
fn routes_near_and_over_the_pole_work() {
    // A triangle around the north pole (passes ~30 km from it).
    let near = route(
        vec![
            pt(89.5, 0.0, 9000.0),
            pt(89.5, 120.0, 9000.0),
            pt(89.5, -120.0, 9000.0),
        ],
        240.0,
        TurnLimit::BankDeg(25.0),
        10.0,
    );
    assert_smooth_and_arrives(&near);
    // A leg whose geodesic runs straight over the pole.
    let over = route(
        vec![pt(89.0, 30.0, 9000.0), pt(89.0, -150.0, 9000.0)],
        240.0,
        TurnLimit::BankDeg(25.0),
        10.0,
    );
    // A waypoint exactly on the pole, where azimuths are only defined by convention.
    let via_pole = route(
        vec![
            pt(88.0, 10.0, 9000.0),
            pt(90.0, 0.0, 9000.0),
            pt(88.0, 100.0, 9000.0),
        ],
        240.0,
        TurnLimit::BankDeg(25.0),
        10.0,
    );
    assert_smooth_and_arrives(&via_pole);
    let tr = assert_smooth_and_arrives(&over);
    let geod = Geodesic::wgs84();
    let length_m: f64 = geod.inverse(89.0, 30.0, 89.0, -150.0);
    let flown_s = (tr.end() - tr.start()).as_secs_f64();
    assert!(
        (flown_s / (length_m / 240.0) - 1.0).abs() < 0.005,
        "flew {flown_s} s"
    );
    let nearest_pole_m = grid(&tr, 1000)
        .iter()
        .map(|(_, s)| geod.inverse(s.position.to_wgs84().lat_deg(), 0.0, 90.0, 0.0))
        .fold(f64::INFINITY, f64::min);
    assert!(
        nearest_pole_m < 300.0,
        "passes {nearest_pole_m} m from the pole"
    );
}
