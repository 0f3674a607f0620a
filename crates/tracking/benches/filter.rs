//! Filter timings (STYLE §10): one track's CV prediction plus an EKF radar update, a UKF radar
//! update, a three-mode IMM cycle, and ECEF ballistic predictions. Fixed inputs; the numbers
//! are for trend tracking and the per-update budget, never a CI gate.

use base::SimTime;
use criterion::{Criterion, criterion_group, criterion_main};
use geodesy::{Mat3, Vec3};
use std::hint::black_box;
use tracking::filter::{
    Estimate, FilterConfig, FilterKind, FilterState, Frame, MeasVector, Measurement,
    MeasurementModel, MotionConfig, MotionModel, StateCovariance, StateVector,
};

fn cv() -> MotionModel {
    MotionModel::ConstantVelocity {
        q_m2_s3: 1.0,
        q_vertical_m2_s3: 0.1,
    }
}

fn single(kind: FilterKind, model: MotionModel) -> FilterConfig {
    FilterConfig {
        frame: Frame::Flat,
        kind,
        motion: MotionConfig::Single(model),
    }
}

fn imm3(kind: FilterKind) -> FilterConfig {
    let turn = |w| MotionModel::CoordinatedTurn {
        turn_rate_rad_s: w,
        q_m2_s3: 0.5,
    };
    FilterConfig {
        frame: Frame::Flat,
        kind,
        motion: MotionConfig::Imm {
            models: vec![cv(), turn(0.06), turn(-0.06)],
            transition: vec![
                vec![0.95, 0.025, 0.025],
                vec![0.025, 0.95, 0.025],
                vec![0.025, 0.025, 0.95],
            ],
            initial: vec![0.8, 0.1, 0.1],
        },
    }
}

fn prior() -> Estimate {
    let x = StateVector::from_column_slice(&[30e3, 40e3, 5e3, -150.0, 200.0, 5.0, 0.0, 0.0, 0.0]);
    let sd = [100.0, 100.0, 100.0, 10.0, 10.0, 10.0, 1.0, 1.0, 1.0];
    let p = StateCovariance::from_diagonal(&StateVector::from_fn(|i, _| sd[i] * sd[i]));
    Estimate {
        time: SimTime::ZERO,
        x,
        p,
    }
}

/// A range/azimuth/elevation/range-rate plot of the prior's target after 1 s.
fn radar_plot() -> Measurement {
    let model = MeasurementModel::RadarEnu {
        sensor_position: Vec3::zeros(),
        sensor_velocity: Vec3::zeros(),
        to_enu: Mat3::identity(),
        sigma: [20.0, 1e-3, 1e-3, 1.0],
        with_range_rate: true,
    };
    let p = Vec3::new(29_850.0, 40_200.0, 5_005.0);
    let v = Vec3::new(-150.0, 200.0, 5.0);
    let z = MeasVector::new(
        p.norm() + 12.0,
        p.x.atan2(p.y) + 4e-4,
        p.z.atan2(p.x.hypot(p.y)) - 3e-4,
        p.dot(&v) / p.norm() + 0.5,
    );
    Measurement {
        id: 1,
        time: SimTime::from_secs(1),
        z,
        model,
    }
}

fn bench_filters(c: &mut Criterion) {
    let m = radar_plot();
    let t = m.time;

    let ekf = single(FilterKind::Ekf, cv());
    let state = FilterState::new(&ekf, prior());
    c.bench_function("cv predict + ekf radar(4) update", |b| {
        b.iter(|| {
            black_box(&state)
                .predict(&ekf, t)
                .update(&ekf, black_box(&m))
        })
    });

    let ukf = single(FilterKind::Ukf, cv());
    let predicted = FilterState::new(&ukf, prior()).predict(&ukf, t);
    c.bench_function("ukf radar(4) update", |b| {
        b.iter(|| black_box(&predicted).update(&ukf, black_box(&m)))
    });
    c.bench_function("ekf radar(4) innovation (gating)", |b| {
        let p = FilterState::new(&ekf, prior()).predict(&ekf, t);
        b.iter(|| black_box(&p).innovation(&ekf, black_box(&m)))
    });

    let imm = imm3(FilterKind::Ekf);
    let state = FilterState::new(&imm, prior());
    c.bench_function("imm(cv, ct+, ct-) ekf cycle", |b| {
        b.iter(|| {
            black_box(&state)
                .predict(&imm, t)
                .update(&imm, black_box(&m))
        })
    });

    // Ballistic coast in ECEF over a 10 s revisit (10 RK4 substeps).
    let r = 6_500e3;
    let ballistic = MotionModel::Ballistic { q_m2_s3: 0.1 };
    let mut e = prior();
    e.x = StateVector::from_column_slice(&[r, 0.0, 0.0, 500.0, 2000.0, 1000.0, 0.0, 0.0, 0.0]);
    for (name, kind) in [
        ("ballistic ecef 10 s predict (ekf, stm)", FilterKind::Ekf),
        (
            "ballistic ecef 10 s predict (ukf, 19 sigma points)",
            FilterKind::Ukf,
        ),
    ] {
        let cfg = FilterConfig {
            frame: Frame::Ecef,
            kind,
            motion: MotionConfig::Single(ballistic),
        };
        let s = FilterState::new(&cfg, e);
        c.bench_function(name, |b| {
            b.iter(|| black_box(&s).predict(&cfg, SimTime::from_secs(10)))
        });
    }
}

criterion_group!(benches, bench_filters);
criterion_main!(benches);
