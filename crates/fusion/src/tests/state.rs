//! Time alignment: CV prediction against the closed form, ballistic gravity.

use super::support::{diag, truth_at};
use crate::{TrackState, Vector6};
use base::SimTime;

#[test]
fn cv_prediction_matches_the_closed_form_both_ways() {
    let s = TrackState {
        time: SimTime::from_secs(10),
        x: truth_at(SimTime::from_secs(10), [0.0; 3]),
        p: diag([100.0, 100.0, 100.0, 4.0, 4.0, 4.0]),
    };
    for dt in [-5i64, 3] {
        let to = SimTime::from_secs(10 + dt);
        let f = s.predict(to, 2.0, false);
        assert!((f.x - truth_at(to, [0.0; 3])).norm() < 1e-6);
        let a = dt.unsigned_abs() as f64;
        let expected_pos = 100.0 + 4.0 * a * a + 2.0 * a.powi(3) / 3.0;
        assert!((f.p[(0, 0)] - expected_pos).abs() < 1e-9);
        assert!((f.p[(0, 3)] - (4.0 * dt as f64 + 2.0 * dt as f64 * a / 2.0)).abs() < 1e-9);
        assert!(f.p.cholesky().is_some());
    }
}

#[test]
fn ballistic_alignment_includes_gravity() {
    // 100 km above the equator at 0° longitude, at rest in ECEF.
    let r0 = 6_478_137.0;
    let s = TrackState {
        time: SimTime::ZERO,
        x: Vector6::new(r0, 0.0, 0.0, 0.0, 0.0, 0.0),
        p: diag([1.0; 6]),
    };
    let to = SimTime::from_secs(1);
    let g = 3.986_004_418e14 / (r0 * r0) - 7.292_115e-5f64.powi(2) * r0;
    let b = s.predict(to, 0.0, true);
    assert!(
        (b.x[0] - (r0 - g / 2.0)).abs() < 1e-3,
        "fell {} m",
        r0 - b.x[0]
    );
    assert!((b.x[3] + g).abs() < 1e-3);
    let cv = s.predict(to, 0.0, false);
    assert!((cv.x[0] - r0).abs() < 1e-12, "CV invents no fall");
    assert!(
        g / 2.0 > 4.5,
        "the error a CV alignment would make: {} m",
        g / 2.0
    );
}
