//! Acceptance: two radars of two nations, at different places, track one target with the
//! `tracking` crate's EKF; the CI fusion of the two local tracks beats each in RMS position
//! error and is consistent (NEES within or below its χ² 95% band).

use super::support::{gauss, rng};
use crate::linalg::inv_spd;
use crate::rules::fuse;
use crate::{FusionRule, TrackState, Vector6};
use base::SimTime;
use geodesy::{Mat3, Vec3};
use nalgebra::SMatrix;
use tracking::filter::{
    Estimate, FilterConfig, FilterKind, FilterState, Frame, MeasVector, Measurement,
    MeasurementModel, MotionConfig, MotionModel, StateVector,
};

const RUNS: usize = 20;
const STEPS: usize = 300;
const WARMUP: usize = 30;

fn radar(at: Vec3) -> MeasurementModel {
    MeasurementModel::RadarEnu {
        sensor_position: at,
        sensor_velocity: Vec3::zeros(),
        to_enu: Mat3::identity(),
        sigma: [20.0, 2e-3, 2e-3, 1.0],
        with_range_rate: false,
    }
}

fn truth(t: f64) -> StateVector {
    let mut x = StateVector::zeros();
    x.fixed_rows_mut::<6>(0).copy_from(&Vector6::new(
        30e3 + 150.0 * t,
        50e3 - 100.0 * t,
        6e3,
        150.0,
        -100.0,
        0.0,
    ));
    x
}

fn six(e: &Estimate) -> TrackState {
    TrackState {
        time: e.time,
        x: e.x.fixed_rows::<6>(0).into_owned(),
        p: e.p.fixed_view::<6, 6>(0, 0).into_owned(),
    }
}

#[derive(Default)]
struct Sums {
    sq: [f64; 3],
    nees_ci: f64,
    n: f64,
}

#[test]
fn two_radars_ci_beats_each_local_track_and_is_consistent() {
    let cfg = FilterConfig {
        frame: Frame::Flat,
        kind: FilterKind::Ekf,
        motion: MotionConfig::Single(MotionModel::ConstantVelocity {
            q_m2_s3: 0.5,
            q_vertical_m2_s3: 0.5,
        }),
    };
    // Far apart: each radar's long cross-range axis points a different way.
    let radars = [
        radar(Vec3::new(0.0, 0.0, 0.0)),
        radar(Vec3::new(90e3, 20e3, 0.0)),
    ];
    let mut r = rng(11);
    let mut sums = Sums::default();
    for _ in 0..RUNS {
        let mut filters: Vec<FilterState> = radars
            .iter()
            .map(|_| {
                let mut x0 = truth(0.0);
                for k in 0..6 {
                    x0[k] += gauss(&mut r) * if k < 3 { 200.0 } else { 20.0 };
                }
                let d = [200.0f64, 200.0, 200.0, 20.0, 20.0, 20.0, 1.0, 1.0, 1.0];
                let p = SMatrix::<f64, 9, 9>::from_diagonal(&d.map(|s| s * s).into());
                FilterState::new(
                    &cfg,
                    Estimate {
                        time: SimTime::ZERO,
                        x: x0,
                        p,
                    },
                )
            })
            .collect();
        for step in 1..=STEPS {
            let t = SimTime::from_secs(step as i64);
            let xt = truth(step as f64);
            let mut locals = Vec::new();
            for (f, model) in filters.iter_mut().zip(&radars) {
                let sigma = [20.0, 2e-3, 2e-3, 0.0];
                let mut z: MeasVector = model.predict(&xt);
                for k in 0..3 {
                    z[k] += gauss(&mut r) * sigma[k];
                }
                let m = Measurement {
                    id: 0,
                    time: t,
                    z,
                    model: *model,
                };
                *f = f.predict(&cfg, t).update(&cfg, &m);
                locals.push(six(&f.estimate()));
            }
            if step <= WARMUP {
                continue;
            }
            let ci = fuse(FusionRule::CovarianceIntersection, &locals);
            let xt6: Vector6 = xt.fixed_rows::<6>(0).into_owned();
            for (k, e) in [locals[0], locals[1], ci].iter().enumerate() {
                sums.sq[k] += (e.x - xt6).fixed_rows::<3>(0).norm_squared();
            }
            let err = ci.x - xt6;
            sums.nees_ci += err.dot(&(inv_spd(&ci.p, "CI") * err));
            sums.n += 1.0;
        }
    }
    let rms = sums.sq.map(|s| (s / sums.n).sqrt());
    let nees = sums.nees_ci / sums.n;
    // Mean of RUNS independent χ²₆ per step: upper 95% ≈ 6 + 1.96·√(12/RUNS).
    let upper = 6.0 + 1.96 * (12.0 / RUNS as f64).sqrt();
    assert!(
        rms[2] < rms[0] && rms[2] < rms[1],
        "RMS local {:.1}, {:.1}, CI {:.1}",
        rms[0],
        rms[1],
        rms[2]
    );
    assert!(nees <= upper, "CI NEES {nees:.2} above {upper:.2}");
    // The numbers for the report (visible with --nocapture).
    eprintln!(
        "RMS position: radar A {:.1} m, radar B {:.1} m, CI {:.1} m; mean NEES(CI) {nees:.2} (95% upper {upper:.2})",
        rms[0], rms[1], rms[2]
    );
}
