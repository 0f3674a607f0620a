//! Predicted paths: ballistic against the truth trajectory, constant velocity against lines.

use super::*;
use base::SimDuration;

#[test]
fn ballistic_path_follows_the_drag_free_trajectory_to_the_ground() {
    let sol = srbm(None);
    let t = track_at(&sol, 0.4, [[0.0; 6]; 6]);
    let step = SimDuration::from_secs(10);
    let path = predicted_path(&t, true, SimDuration::from_secs(3600), step);
    let (last_t, last_p) = *path.last().expect("non-empty");
    for (k, &(time, p)) in path.iter().enumerate().take(path.len() - 1) {
        assert_eq!(
            time,
            t.time + SimDuration::from_nanos(step.as_nanos() * k as i64)
        );
        let truth = sol
            .trajectory
            .state_at(time)
            .expect("in flight")
            .position
            .xyz_m();
        let err = (Vec3::new(p[0], p[1], p[2]) - truth).norm();
        assert!(err < 0.05, "sample {k}: {err} m");
    }
    assert!(
        (last_t.as_nanos() - sol.impact_time.as_nanos()).abs() < 1_000_000,
        "{last_t}"
    );
    let ground = geodesy::Position::ecef(last_p[0], last_p[1], last_p[2]).to_wgs84();
    assert!(ground.alt_m().abs() < 1e-3);
    // A fine sampling gives the same positions at the shared instants.
    let fine = predicted_path(
        &t,
        true,
        SimDuration::from_secs(100),
        SimDuration::from_millis(500),
    );
    assert_eq!(fine.len(), 201);
    let (a, b) = (fine[200].1, path[10].1);
    assert!((Vec3::new(a[0], a[1], a[2]) - Vec3::new(b[0], b[1], b[2])).norm() < 0.01);
}

#[test]
fn constant_velocity_path_is_a_line_that_stops_at_the_ground() {
    let site = wgs(45.0, 10.0, 0.0);
    let (east, _) = east_north(&site);
    let r = offset(&site, 0.0, 0.0, 1000.0);
    let v = east * 200.0 - site.up() * 10.0;
    let t = TrackEstimate {
        time: SimTime::from_secs(5),
        position_ecef_m: [r.x, r.y, r.z],
        velocity_ecef_mps: [v.x, v.y, v.z],
        covariance: [[0.0; 6]; 6],
    };
    let path = predicted_path(
        &t,
        false,
        SimDuration::from_secs(300),
        SimDuration::from_secs(7),
    );
    // Descends 10 m/s from 1 km, but the ground falls away under a straight 200 m/s leg
    // (d²/2R ≈ 33 m at 100 s): lands at ~103 s, after 14 full samples.
    assert_eq!(path.len(), 16, "{path:?}");
    for &(time, p) in &path[..15] {
        let s = (time - t.time).as_secs_f64();
        let want = r + v * s;
        assert!((Vec3::new(p[0], p[1], p[2]) - want).norm() < 1e-6);
    }
    let (land_t, land_p) = path[15];
    let ground = geodesy::Position::ecef(land_p[0], land_p[1], land_p[2]).to_wgs84();
    assert!(ground.alt_m().abs() < 1e-3, "{}", ground.alt_m());
    let s = (land_t - t.time).as_secs_f64();
    assert!((102.0..105.0).contains(&s), "{s}");
    // Level flight never lands; bad steps give nothing.
    let level = TrackEstimate {
        velocity_ecef_mps: [east.x * 200.0, east.y * 200.0, east.z * 200.0],
        ..t
    };
    assert_eq!(
        predicted_path(
            &level,
            false,
            SimDuration::from_secs(60),
            SimDuration::from_secs(7)
        )
        .len(),
        9
    );
    assert!(predicted_path(&t, false, SimDuration::from_secs(60), SimDuration::ZERO).is_empty());
}
