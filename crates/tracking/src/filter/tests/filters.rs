//! Filter-level behaviour: time handling, PDA against its special cases, IMM against a
//! single filter, and the contract panics.

use super::support::{config, diag, measure, radar, rng, state};
use crate::filter::{
    Estimate, FilterConfig, FilterKind, FilterState, Frame, MeasVector, Measurement,
    MeasurementModel, MotionConfig, MotionModel,
};
use base::SimTime;
use geodesy::{Mat3, Vec3};

fn cv() -> MotionModel {
    MotionModel::ConstantVelocity {
        q_m2_s3: 2.0,
        q_vertical_m2_s3: 0.5,
    }
}

fn prior() -> Estimate {
    Estimate {
        time: SimTime::ZERO,
        x: state([30e3, 40e3, 5e3], [-150.0, 200.0, 5.0]),
        p: diag([300.0, 300.0, 300.0, 30.0, 30.0, 30.0, 1.0, 1.0, 1.0]),
    }
}

fn radar_model() -> MeasurementModel {
    radar(
        Vec3::zeros(),
        Mat3::identity(),
        [20.0, 1e-3, 1e-3, 1.0],
        true,
    )
}

fn meas_at(t: SimTime, seed: u64) -> Measurement {
    let truth = state(
        [30e3 - 150.0, 40e3 + 200.0, 5e3 + 5.0],
        [-150.0, 200.0, 5.0],
    );
    measure(&mut rng(seed), &radar_model(), &truth, t)
}

#[test]
fn zero_step_prediction_changes_nothing() {
    for kind in [FilterKind::Ekf, FilterKind::Ukf] {
        let cfg = config(Frame::Flat, kind, cv());
        let f = FilterState::new(&cfg, prior());
        assert_eq!(f.predict(&cfg, SimTime::ZERO), f);
    }
}

#[test]
#[should_panic(expected = "prediction backwards in time")]
fn backward_prediction_is_refused() {
    let cfg = config(Frame::Flat, FilterKind::Ekf, cv());
    let f = FilterState::new(&cfg, prior()).predict(&cfg, SimTime::from_secs(2));
    let _ = f.predict(&cfg, SimTime::from_secs(1));
}

#[test]
#[should_panic(expected = "predict first")]
fn update_requires_a_state_predicted_to_the_measurement_time() {
    let cfg = config(Frame::Flat, FilterKind::Ekf, cv());
    let f = FilterState::new(&cfg, prior());
    let _ = f.update(&cfg, &meas_at(SimTime::from_secs(1), 1));
}

#[test]
#[should_panic(expected = "linear KF needs a position measurement")]
fn kf_refuses_nonlinear_measurements() {
    let cfg = config(Frame::Flat, FilterKind::Kf, cv());
    let t = SimTime::from_secs(1);
    let f = FilterState::new(&cfg, prior()).predict(&cfg, t);
    let _ = f.update(&cfg, &meas_at(t, 1));
}

#[test]
fn kf_and_ekf_agree_on_linear_measurements() {
    let t = SimTime::from_secs(1);
    let m = Measurement {
        id: 0,
        time: t,
        z: MeasVector::new(29_800.0, 40_250.0, 5_010.0, 0.0),
        model: MeasurementModel::Position {
            dim: 3,
            sigma_m: 10.0,
        },
    };
    let run = |kind| {
        let cfg = config(Frame::Flat, kind, cv());
        FilterState::new(&cfg, prior())
            .predict(&cfg, t)
            .update(&cfg, &m)
            .estimate()
    };
    let (kf, ekf, ukf) = (
        run(FilterKind::Kf),
        run(FilterKind::Ekf),
        run(FilterKind::Ukf),
    );
    assert_eq!(kf, ekf);
    // The UKF is exact for a linear h up to rounding in the sigma-point sums.
    assert!((kf.x - ukf.x).amax() < 1e-8 && (kf.p - ukf.p).amax() < 1e-8 * kf.p.amax());
}

#[test]
fn pda_reduces_to_the_kalman_update_and_to_the_prediction() {
    let t = SimTime::from_secs(1);
    for kind in [FilterKind::Ekf, FilterKind::Ukf] {
        let cfg = config(Frame::Flat, kind, cv());
        let pred = FilterState::new(&cfg, prior()).predict(&cfg, t);
        let m = meas_at(t, 3);
        let single = pred.update(&cfg, &m).estimate();
        let pda = pred.update_pda(&cfg, &[(1.0, m)], 0.0).estimate();
        assert!((single.x - pda.x).amax() < 1e-9, "{kind:?}");
        assert!(
            (single.p - pda.p).amax() < 1e-9 * single.p.amax(),
            "{kind:?}"
        );
        let none = pred.update_pda(&cfg, &[(0.0, m)], 1.0).estimate();
        assert!((none.x - pred.estimate().x).amax() == 0.0);
        assert!((none.p - pred.estimate().p).amax() < 1e-9 * none.p.amax());
    }
}

#[test]
fn pda_matches_the_mixture_of_single_updates() {
    // With a common gain, the PDA posterior is exactly the moment-matched mixture of the
    // per-hypothesis posteriors (β0: the prediction; β_i: update with measurement i).
    let t = SimTime::from_secs(1);
    let cfg = config(Frame::Flat, FilterKind::Ekf, cv());
    let pred = FilterState::new(&cfg, prior()).predict(&cfg, t);
    let ms = [meas_at(t, 4), meas_at(t, 5), meas_at(t, 6)];
    let betas = [0.5, 0.2, 0.1];
    let beta0 = 0.2;
    let weighted: Vec<_> = betas.iter().copied().zip(ms.iter().copied()).collect();
    let pda = pred.update_pda(&cfg, &weighted, beta0).estimate();
    let p0 = pred.estimate();
    let mut hyps = vec![(beta0, p0)];
    for (b, m) in &weighted {
        hyps.push((*b, pred.update(&cfg, m).estimate()));
    }
    let mean = hyps.iter().fold(p0.x * 0.0, |acc, (b, e)| acc + e.x * *b);
    let cov = hyps.iter().fold(p0.p * 0.0, |acc, (b, e)| {
        let d = e.x - mean;
        acc + (e.p + d * d.transpose()) * *b
    });
    assert!((pda.x - mean).amax() < 1e-8, "{}\n{}", pda.x, mean);
    assert!(
        (pda.p - cov).amax() < 1e-8 * cov.amax(),
        "{}\n{}",
        pda.p,
        cov
    );
}

#[test]
#[should_panic(expected = "PDA weights sum")]
fn pda_weights_must_sum_to_one() {
    let t = SimTime::from_secs(1);
    let cfg = config(Frame::Flat, FilterKind::Ekf, cv());
    let pred = FilterState::new(&cfg, prior()).predict(&cfg, t);
    let _ = pred.update_pda(&cfg, &[(0.5, meas_at(t, 1))], 0.2);
}

fn imm_config(kind: FilterKind, models: Vec<MotionModel>) -> FilterConfig {
    let n = models.len();
    let stay = 0.9;
    let transition = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    if i == j {
                        stay
                    } else {
                        (1.0 - stay) / (n - 1) as f64
                    }
                })
                .collect()
        })
        .collect();
    FilterConfig {
        frame: Frame::Flat,
        kind,
        motion: MotionConfig::Imm {
            models,
            transition,
            initial: vec![1.0 / n as f64; n],
        },
    }
}

#[test]
fn imm_of_identical_models_is_the_single_filter() {
    // Identical modes give identical likelihoods: mixing, updates and the output must
    // reproduce the single filter, with the mode probabilities untouched.
    for kind in [FilterKind::Ekf, FilterKind::Ukf] {
        let single = config(Frame::Flat, kind, cv());
        let imm = imm_config(kind, vec![cv(), cv(), cv()]);
        let mut a = FilterState::new(&single, prior());
        let mut b = FilterState::new(&imm, prior());
        for k in 1..=10 {
            let t = SimTime::from_secs(k);
            let m = meas_at(t, 10 + k as u64);
            a = a.predict(&single, t);
            b = b.predict(&imm, t);
            if k % 2 == 0 {
                a = a.update(&single, &m);
                b = b.update(&imm, &m);
            } else {
                let weighted = [(0.7, m), (0.1, meas_at(t, 100 + k as u64))];
                a = a.update_pda(&single, &weighted, 0.2);
                b = b.update_pda(&imm, &weighted, 0.2);
            }
            let (ea, eb) = (a.estimate(), b.estimate());
            assert!((ea.x - eb.x).amax() < 1e-9, "{kind:?} step {k}");
            assert!(
                (ea.p - eb.p).amax() < 1e-9 * ea.p.amax(),
                "{kind:?} step {k}"
            );
            // Mixing sums the same numbers in a different order per mode, so the modes
            // differ by rounding (~1e-13 relative), which the likelihoods pass on.
            for mu in b.mode_probabilities() {
                assert!(
                    (mu - 1.0 / 3.0).abs() < 1e-9,
                    "{:?}",
                    b.mode_probabilities()
                );
            }
        }
    }
}
