//! Impact prediction: against `dynamics::fly_ballistic` flights and Monte Carlo.

use super::super::flight::{Kin, fly_to_ground};
use super::super::impact::ellipse;
use super::*;
use nalgebra::{Matrix2, Matrix6, Vector2, Vector6};
use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};

/// Distance between the predicted and the true impact (both at altitude 0), metres, and the
/// impact time error, seconds.
fn errors(sol: &BallisticSolution, frac: f64) -> (f64, f64) {
    let t = track_at(sol, frac, [[0.0; 6]; 6]);
    let imp = predict_impact(&t, 3600.0).expect("comes down");
    let miss = (imp.point.to_ecef().xyz_m() - sol.impact.to_ecef().xyz_m()).norm();
    let dt = (imp.time.as_nanos() - sol.impact_time.as_nanos()) as f64 * 1e-9;
    (miss, dt)
}

#[test]
fn zero_covariance_impact_matches_drag_free_flights() {
    for (name, sol) in [("SRBM", srbm(None)), ("IRBM", irbm(None))] {
        for frac in [0.3, 0.5, 0.9] {
            let (miss, dt) = errors(&sol, frac);
            eprintln!(
                "{name} drag-free from {frac}: {miss:.4} m, {:.1} µs off",
                dt * 1e6
            );
            // Same equations and step, different step boundaries: millimetres, microseconds.
            assert!(miss < 0.05, "{name} at {frac}: miss {miss} m");
            assert!(dt.abs() < 1e-4, "{name} at {frac}: time error {dt} s");
        }
    }
}

#[test]
fn zero_covariance_gives_a_point_ellipse() {
    let t = track_at(&srbm(None), 0.5, [[0.0; 6]; 6]);
    let imp = predict_impact(&t, 3600.0).expect("comes down");
    assert!(imp.ellipse_95.semi_major_m < 1e-3, "{:?}", imp.ellipse_95);
    assert_eq!(imp.point.alt_m(), 0.0);
}

#[test]
fn drag_makes_the_real_impact_fall_short_of_the_drag_free_prediction() {
    // The draggy flight is re-targeted onto the same aim; a mid-course state predicted without
    // drag lands beyond it and earlier, by the drag's effect on the re-entry.
    let cases = [
        ("SRBM", srbm(Some(3000.0)), 1000.0..1800.0, -20.0..-8.0),
        ("IRBM", irbm(Some(8000.0)), 100.0..300.0, -5.0..-1.0),
    ];
    for (name, sol, miss_m, dt_s) in cases {
        let (miss, dt) = errors(&sol, 0.5);
        eprintln!("{name} with drag: predicted impact {miss:.0} m and {dt:.2} s off");
        assert!(miss_m.contains(&miss), "{name}: miss {miss} m");
        assert!(dt_s.contains(&dt), "{name}: time error {dt} s");
    }
}

#[test]
fn no_impact_within_a_short_horizon() {
    let sol = srbm(None);
    let t = track_at(&sol, 0.5, [[0.0; 6]; 6]);
    let remaining = (sol.impact_time - t.time).as_secs_f64();
    assert!(predict_impact(&t, remaining - 5.0).is_none());
    assert!(predict_impact(&t, remaining + 5.0).is_some());
}

#[test]
fn ellipse_axes_and_bearing() {
    let k2 = 5.991_464_547_107_979;
    let east = ellipse(&Matrix2::new(4.0, 0.0, 0.0, 1.0), k2);
    assert!((east.semi_major_m - (4.0 * k2).sqrt()).abs() < 1e-12);
    assert!((east.semi_minor_m - k2.sqrt()).abs() < 1e-12);
    assert!((east.orientation_deg - 90.0).abs() < 1e-12);
    let north = ellipse(&Matrix2::new(1.0, 0.0, 0.0, 9.0), 1.0);
    assert!(north.orientation_deg.abs() < 1e-12 && (north.semi_major_m - 3.0).abs() < 1e-12);
    // Major axis along north-east (eigenvalues 3 and 1).
    let ne = ellipse(&Matrix2::new(2.0, 1.0, 1.0, 2.0), 1.0);
    assert!((ne.orientation_deg - 45.0).abs() < 1e-9, "{ne:?}");
    assert!((ne.semi_major_m - 3f64.sqrt()).abs() < 1e-12);
    let nw = ellipse(&Matrix2::new(2.0, -1.0, -1.0, 2.0), 1.0);
    assert!((nw.orientation_deg - 135.0).abs() < 1e-9, "{nw:?}");
}

/// Samples 2000 states from the track covariance, flies each to the ground and compares the
/// sample mean and covariance of the impacts (east/north at the predicted point) with the UT.
fn monte_carlo_matches(t: &TrackEstimate, seed: u64) {
    let imp = predict_impact(t, 3600.0).expect("comes down");
    let p = Matrix6::from_fn(|i, j| t.covariance[i][j]);
    let l = p
        .cholesky()
        .expect("test covariance is positive definite")
        .l();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let (east, north) = east_north(&imp.point);
    let origin = imp.point.to_ecef().xyz_m();
    let n = 2000;
    let mut pts = Vec::with_capacity(n);
    for _ in 0..n {
        let z = Vector6::from_fn(|_, _| StandardNormal.sample(&mut rng));
        let dx = l * z;
        let x = Kin {
            r: Vec3::new(
                t.position_ecef_m[0] + dx[0],
                t.position_ecef_m[1] + dx[1],
                t.position_ecef_m[2] + dx[2],
            ),
            v: Vec3::new(
                t.velocity_ecef_mps[0] + dx[3],
                t.velocity_ecef_mps[1] + dx[4],
                t.velocity_ecef_mps[2] + dx[5],
            ),
            beta: t.ballistic_coefficient_kg_m2,
        };
        let land = fly_to_ground(x, 7200.0).expect("sample comes down");
        let d = land.x.r - origin;
        pts.push(Vector2::new(d.dot(&east), d.dot(&north)));
    }
    let mean = pts.iter().sum::<Vector2<f64>>() / n as f64;
    let mut s = Matrix2::zeros();
    for q in &pts {
        s += (q - mean) * (q - mean).transpose();
    }
    s /= (n - 1) as f64;
    let c = imp.covariance_en_m2;
    let ut = Matrix2::new(c[0][0], c[0][1], c[1][0], c[1][1]);
    let scale = (s[(0, 0)] * s[(1, 1)]).sqrt();
    for (i, j) in [(0, 0), (1, 1), (0, 1)] {
        let rel = (ut[(i, j)] - s[(i, j)]).abs() / if i == j { s[(i, j)] } else { scale };
        assert!(
            rel < 0.10,
            "element ({i},{j}): UT {} vs MC {} ({rel})",
            ut[(i, j)],
            s[(i, j)]
        );
    }
    eprintln!(
        "UT vs MC: ee {:+.3} nn {:+.3} en/√(ee·nn) {:+.3}",
        ut[(0, 0)] / s[(0, 0)] - 1.0,
        ut[(1, 1)] / s[(1, 1)] - 1.0,
        (ut[(0, 1)] - s[(0, 1)]) / scale
    );
    let (eu, es) = (ut.symmetric_eigenvalues(), s.symmetric_eigenvalues());
    let (mut eu, mut es) = ([eu[0], eu[1]], [es[0], es[1]]);
    eu.sort_by(f64::total_cmp);
    es.sort_by(f64::total_cmp);
    for k in 0..2 {
        assert!(
            (eu[k] / es[k] - 1.0).abs() < 0.10,
            "eigenvalue {k}: UT {} vs MC {}",
            eu[k],
            es[k]
        );
    }
    // The UT mean is the prediction's origin; the sample mean is within a tenth of a sigma.
    let sigma = es[1].sqrt();
    eprintln!(
        "eigenvalues {:+.3} {:+.3}; major σ {sigma:.0} m; mean offset {:.3} σ",
        eu[0] / es[0] - 1.0,
        eu[1] / es[1] - 1.0,
        mean.norm() / sigma
    );
    assert!(
        mean.norm() < 0.1 * sigma,
        "mean offset {mean:?} vs sigma {sigma}"
    );
}

#[test]
fn unscented_ellipse_matches_monte_carlo_srbm() {
    monte_carlo_matches(&track_at(&srbm(None), 0.5, cov(300.0, 15.0, 0.5)), 1);
}

#[test]
fn unscented_ellipse_matches_monte_carlo_irbm() {
    monte_carlo_matches(&track_at(&irbm(None), 0.4, cov(500.0, 8.0, 0.3)), 2);
}
