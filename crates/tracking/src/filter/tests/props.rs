//! Property: whatever the (well-posed) prior, model and measurement, predict → update and
//! predict → PDA keep the covariance symmetric positive definite and the state finite.

use super::support::{ecef_site, measure, normal, radar, rng, state};
use crate::filter::{
    Estimate, FilterConfig, FilterKind, FilterState, Frame, MeasurementModel, MotionConfig,
    MotionModel, StateCovariance, StateVector,
};
use base::SimTime;
use geodesy::Vec3;
use proptest::prelude::*;

/// A random covariance: correlations from a random factor, standard deviations spread over
/// decades (position 10 m–2 km, velocity 1–100 m/s, acceleration 0.1–10 m/s²).
fn random_covariance(seed: u64) -> StateCovariance {
    let mut r = rng(seed);
    let a = StateCovariance::from_fn(|_, _| normal::<1>(&mut r)[0]);
    let c = a * a.transpose() + StateCovariance::identity() * 0.05;
    let d = c.diagonal().map(|v| 1.0 / v.sqrt());
    let corr = StateCovariance::from_diagonal(&d) * c * StateCovariance::from_diagonal(&d);
    let u = normal::<9>(&mut r).map(|v| v.tanh() * 0.5 + 0.5);
    let sd = StateVector::from_fn(|i, _| match i {
        0..=2 => 10.0 * 200f64.powf(u[i]),
        3..=5 => 100f64.powf(u[i]),
        _ => 0.1 * 100f64.powf(u[i]),
    });
    let s = StateCovariance::from_diagonal(&sd);
    let p = s * corr * s;
    (p + p.transpose()) * 0.5
}

fn motion(which: u8) -> MotionModel {
    match which % 4 {
        0 => MotionModel::ConstantVelocity {
            q_m2_s3: 3.0,
            q_vertical_m2_s3: 0.3,
        },
        1 => MotionModel::Singer {
            tau_s: 15.0,
            sigma_accel_mps2: 20.0,
        },
        2 => MotionModel::CoordinatedTurn {
            turn_rate_rad_s: -0.08,
            q_m2_s3: 1.0,
        },
        _ => MotionModel::Ballistic { q_m2_s3: 0.5 },
    }
}

fn measurement_model(which: u8, frame: Frame) -> MeasurementModel {
    let (site, to_enu) = match frame {
        Frame::Ecef => ecef_site(24.0, 121.0, 10.0),
        Frame::Flat => (Vec3::zeros(), geodesy::Mat3::identity()),
    };
    match (which % 4, frame) {
        (0, _) | (1, Frame::Ecef) | (2, Frame::Ecef) => radar(
            site,
            to_enu,
            [25.0, 2e-3, 2e-3, 2.0],
            which.is_multiple_of(2),
        ),
        (1, Frame::Flat) => MeasurementModel::Polar2 {
            sensor_xy: [0.0, 0.0],
            sigma: [2e-3, 25.0],
        },
        (2, Frame::Flat) => MeasurementModel::Polar3 {
            sensor_position: Vec3::zeros(),
            sigma: [2e-3, 2e-3, 25.0],
        },
        _ => MeasurementModel::Position {
            dim: 3,
            sigma_m: 30.0,
        },
    }
}

fn check(p: &StateCovariance, x: &StateVector, what: &str) {
    assert!(
        x.iter().all(|v| v.is_finite()),
        "{what}: non-finite state {x}"
    );
    let asym = (p - p.transpose()).amax();
    assert!(asym == 0.0, "{what}: asymmetric by {asym:e}");
    assert!(p.cholesky().is_some(), "{what}: not positive definite\n{p}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn covariance_stays_symmetric_positive_definite(
        seed in any::<u64>(),
        kind in 0u8..3,
        motion_idx in 0u8..4,
        meas_idx in 0u8..4,
        ecef in any::<bool>(),
        imm in any::<bool>(),
        dt_ms in 1i64..20_000,
    ) {
        let frame = if ecef { Frame::Ecef } else { Frame::Flat };
        let kind = [FilterKind::Kf, FilterKind::Ekf, FilterKind::Ukf][kind as usize];
        let model = measurement_model(meas_idx, frame);
        let kind = match (kind, model) {
            (FilterKind::Kf, MeasurementModel::Position { .. }) | (FilterKind::Ekf | FilterKind::Ukf, _) => kind,
            _ => FilterKind::Ekf,
        };
        let motion_cfg = if imm {
            MotionConfig::Imm {
                models: vec![motion(motion_idx), motion(motion_idx + 1), motion(motion_idx + 2)],
                transition: vec![vec![0.9, 0.05, 0.05], vec![0.05, 0.9, 0.05], vec![0.05, 0.05, 0.9]],
                initial: vec![0.5, 0.3, 0.2],
            }
        } else {
            MotionConfig::Single(motion(motion_idx))
        };
        let cfg = FilterConfig { frame, kind, motion: motion_cfg };
        let mut r = rng(seed ^ 0xC0FF_EE00);
        let n = normal::<9>(&mut r);
        // 20–80 km from the sensor, above its horizon.
        let offset = Vec3::new(n[0], n[1], n[2].abs() + 0.2).normalize() * (20e3 + 60e3 * n[3].tanh().abs());
        let (origin, from_enu) = match frame {
            Frame::Ecef => {
                let (site, to_enu) = ecef_site(24.0, 121.0, 10.0);
                (site, to_enu.transpose())
            }
            Frame::Flat => (Vec3::zeros(), geodesy::Mat3::identity()),
        };
        let p_true = origin + from_enu * offset;
        let v_true = from_enu * Vec3::new(n[4], n[5], n[6]) * 200.0;
        let truth = state([p_true.x, p_true.y, p_true.z], [v_true.x, v_true.y, v_true.z]);
        let p0 = random_covariance(seed);
        let f = FilterState::new(&cfg, Estimate { time: SimTime::ZERO, x: truth, p: p0 });
        let t = SimTime::from_millis(dt_ms);
        let pred = f.predict(&cfg, t);
        let e = pred.estimate();
        check(&e.p, &e.x, "prediction");
        let m1 = measure(&mut r, &model, &truth, t);
        let m2 = measure(&mut r, &model, &truth, t);
        let updated = pred.update(&cfg, &m1).estimate();
        check(&updated.p, &updated.x, "update");
        let pda = pred.update_pda(&cfg, &[(0.6, m1), (0.3, m2)], 0.1).estimate();
        check(&pda.p, &pda.x, "PDA update");
        let mu: f64 = pred.update(&cfg, &m1).mode_probabilities().iter().sum();
        prop_assert!((mu - 1.0).abs() < 1e-12);
    }
}
