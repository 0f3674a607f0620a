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
fn ballistic_path_with_the_true_drag_follows_the_re_entry() {
    // β = 3000 kg/m²: with the track's coefficient the path stays on the truth to the
    // ground; drag-free it comes down over a kilometre away, later.
    let beta = 3_000.0;
    let sol = srbm(Some(beta));
    let t = TrackEstimate {
        ballistic_coefficient_kg_m2: Some(beta),
        ..track_at(&sol, 0.4, [[0.0; 6]; 6])
    };
    let step = SimDuration::from_secs(2);
    let path = predicted_path(&t, true, SimDuration::from_secs(3600), step);
    let worst = path[..path.len() - 1]
        .iter()
        .map(|&(time, p)| {
            let truth = sol.trajectory.state_at(time).expect("in flight");
            (Vec3::new(p[0], p[1], p[2]) - truth.position.xyz_m()).norm()
        })
        .fold(0.0, f64::max);
    assert!(worst < 5.0, "worst {worst} m");
    let (last_t, _) = *path.last().expect("non-empty");
    assert!(
        (last_t.as_secs_f64() - sol.impact_time.as_secs_f64()).abs() < 0.05,
        "{last_t} vs {}",
        sol.impact_time
    );
    let free = predicted_path(
        &TrackEstimate {
            ballistic_coefficient_kg_m2: None,
            ..t
        },
        true,
        SimDuration::from_secs(3600),
        step,
    );
    let (free_t, free_p) = *free.last().expect("non-empty");
    let impact = sol.trajectory.state_at(sol.impact_time).expect("impact");
    let miss = (Vec3::new(free_p[0], free_p[1], free_p[2]) - impact.position.xyz_m()).norm();
    assert!(miss > 500.0, "drag-free miss {miss} m");
    assert!(free_t < sol.impact_time, "drag-free arrives early");
}

#[test]
fn air_path_flies_over_the_curved_earth_and_levels_off_at_the_surface() {
    let site = wgs(45.0, 10.0, 0.0);
    let (east, _) = east_north(&site);
    let r = offset(&site, 0.0, 0.0, 1000.0);
    let v = east * 200.0 - site.up() * 10.0;
    let t = TrackEstimate {
        time: SimTime::from_secs(5),
        position_ecef_m: [r.x, r.y, r.z],
        velocity_ecef_mps: [v.x, v.y, v.z],
        covariance: [[0.0; 6]; 6],
        ballistic_coefficient_kg_m2: None,
    };
    let step = SimDuration::from_secs(7);
    let path = predicted_path(&t, false, SimDuration::from_secs(300), step);
    // Never stops: every sample of the horizon, evenly spaced.
    assert_eq!(path.len(), 43, "{}", path.len());
    let start = site.to_ecef();
    for (k, &(time, p)) in path.iter().enumerate() {
        assert_eq!(
            time,
            t.time + SimDuration::from_nanos(step.as_nanos() * k as i64)
        );
        let s = (time - t.time).as_secs_f64();
        let here = geodesy::Position::ecef(p[0], p[1], p[2]).to_wgs84();
        // Descends 10 m/s from 1 km, then holds the surface: never underground.
        let want_alt = (1000.0 - 10.0 * s).max(0.0);
        assert!(
            (here.alt_m() - want_alt).abs() < 1.0,
            "{s} s: {}",
            here.alt_m()
        );
        // Ground distance grows at the ground speed (chord ≈ arc at these ranges).
        let ground = here.with_alt(0.0).to_ecef().distance_to(&start);
        assert!(
            (ground - 200.0 * s).abs() <= 0.005 * 200.0 * s + 1.0,
            "{s} s: {ground}"
        );
    }
    assert!(predicted_path(&t, false, SimDuration::from_secs(60), SimDuration::ZERO).is_empty());
}
