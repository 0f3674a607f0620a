//! Measurement models: Jacobians against finite differences, angle conventions and wrapping
//! (0/2π azimuth, ±π bearing) in EKF and UKF updates, measurement-to-position conversion.

use super::support::{config, diag, ecef_site, normal, radar, rng, state};
use crate::filter::measurement::{h, jacobian};
use crate::filter::{
    Estimate, FilterKind, FilterState, Frame, MeasJacobian, MeasVector, Measurement,
    MeasurementModel, MotionModel, StateVector,
};
use base::SimTime;
use core::f64::consts::{PI, TAU};
use geodesy::{Mat3, Vec3};

fn models() -> Vec<MeasurementModel> {
    let (site, to_enu) = ecef_site(52.0, 4.0, 20.0);
    let mut moving = radar(site, to_enu, [20.0, 1e-3, 1e-3, 1.0], true);
    if let MeasurementModel::RadarEnu {
        sensor_velocity, ..
    } = &mut moving
    {
        *sensor_velocity = Vec3::new(150.0, -40.0, 3.0);
    }
    vec![
        moving,
        radar(site, to_enu, [20.0, 1e-3, 1e-3, 1.0], false),
        MeasurementModel::Polar2 {
            sensor_xy: [1e3, -2e3],
            sigma: [1e-3, 20.0],
        },
        MeasurementModel::Polar3 {
            sensor_position: Vec3::new(1e3, -2e3, 30.0),
            sigma: [1e-3, 1e-3, 20.0],
        },
        MeasurementModel::Position {
            dim: 3,
            sigma_m: 5.0,
        },
        MeasurementModel::Position {
            dim: 2,
            sigma_m: 5.0,
        },
    ]
}

/// A random target 20–100 km from the sensors, at any bearing (both frames' sensors sit
/// near the local origin of their own test geometry).
fn random_state(model: &MeasurementModel, seed: u64) -> StateVector {
    let mut r = rng(seed);
    let n = normal::<9>(&mut r);
    let offset = Vec3::new(n[0], n[1], n[2].abs() * 0.2 + 0.05).normalize()
        * (20e3 + 80e3 * n[3].abs().min(1.0));
    let origin = match model {
        MeasurementModel::RadarEnu {
            sensor_position,
            to_enu,
            ..
        } => {
            // Offsets are ENU for the radar, so elevations are realistic.
            let p = sensor_position + to_enu.transpose() * offset;
            return state([p.x, p.y, p.z], [n[4] * 300.0, n[5] * 300.0, n[6] * 100.0]);
        }
        _ => Vec3::zeros(),
    };
    let p = origin + offset;
    state([p.x, p.y, p.z], [n[4] * 300.0, n[5] * 300.0, n[6] * 100.0])
}

#[test]
fn jacobians_match_central_differences() {
    for model in models() {
        for seed in 0..20 {
            let x = random_state(&model, seed);
            let analytic = jacobian(&model, &x);
            let mut numeric = MeasJacobian::zeros();
            for j in 0..9 {
                // 0.1 m / 0.1 mm/s: truncation error ~h²|h'''| ≪ 1e-7 of the entries.
                let step = if j < 3 { 0.1 } else { 1e-4 };
                let mut plus = x;
                let mut minus = x;
                plus[j] += step;
                minus[j] -= step;
                // The residual wraps angle differences, so 0/2π does not break the quotient.
                let diff = model.residual(&h(&model, &plus), &h(&model, &minus));
                numeric.set_column(j, &(diff / (2.0 * step)));
            }
            for i in 0..model.dim() {
                let row_scale = analytic.row(i).amax();
                let err = (analytic.row(i) - numeric.row(i)).amax();
                assert!(
                    err <= 1e-6 * row_scale,
                    "{model:?} row {i} seed {seed}: {err:e} of {row_scale:e}\n{analytic}\n{numeric}"
                );
            }
        }
    }
}

#[test]
fn radar_conventions_azimuth_from_north_clockwise() {
    let m = radar(
        Vec3::zeros(),
        Mat3::identity(),
        [1.0, 1e-3, 1e-3, 1.0],
        true,
    );
    let east = h(&m, &state([1e3, 0.0, 0.0], [10.0, 0.0, 0.0]));
    assert_eq!(
        (east[0], east[1], east[2], east[3]),
        (1e3, PI / 2.0, 0.0, 10.0)
    );
    let west_up = h(&m, &state([-1e3, 0.0, 1e3], [0.0; 3]));
    assert!((west_up[1] - 1.5 * PI).abs() < 1e-15 && (west_up[2] - PI / 4.0).abs() < 1e-15);
    // Just west of north is near 2π, never negative.
    let nw = h(&m, &state([-1e-3, 1e3, 0.0], [0.0; 3]));
    assert!(nw[1] > TAU - 1e-5 && nw[1] < TAU, "{}", nw[1]);
}

#[test]
fn residuals_wrap_across_north_and_the_bearing_cut() {
    let m = radar(
        Vec3::zeros(),
        Mat3::identity(),
        [1.0, 1e-3, 1e-3, 1.0],
        false,
    );
    let nu = m.residual(
        &MeasVector::new(1e3, 0.001, 0.0, 0.0),
        &MeasVector::new(1e3, TAU - 0.002, 0.0, 0.0),
    );
    assert!((nu[1] - 0.003).abs() < 1e-12, "{nu}");
    let p2 = MeasurementModel::Polar2 {
        sensor_xy: [0.0, 0.0],
        sigma: [1e-3, 1.0],
    };
    let nu = p2.residual(
        &MeasVector::new(-PI + 0.001, 1e3, 0.0, 0.0),
        &MeasVector::new(PI - 0.001, 1e3, 0.0, 0.0),
    );
    assert!((nu[0] - 0.002).abs() < 1e-12, "{nu}");
    // Exactly opposite: (−π, π] keeps +π.
    let nu = p2.residual(
        &MeasVector::new(PI / 2.0, 0.0, 0.0, 0.0),
        &MeasVector::new(-PI / 2.0, 0.0, 0.0, 0.0),
    );
    assert_eq!(nu[0], PI);
}

/// A target due north (or due −x) with a prior wide enough that UKF sigma points straddle
/// the angle cut, updated with a measurement on the other side of the cut.
fn straddle(model: MeasurementModel, truth: StateVector, z: MeasVector) {
    for kind in [FilterKind::Ekf, FilterKind::Ukf] {
        let cfg = config(
            Frame::Flat,
            kind,
            MotionModel::ConstantVelocity {
                q_m2_s3: 1.0,
                q_vertical_m2_s3: 1.0,
            },
        );
        let prior = Estimate {
            time: SimTime::ZERO,
            x: truth,
            p: diag([100.0, 100.0, 100.0, 10.0, 10.0, 10.0, 1.0, 1.0, 1.0]),
        };
        let f = FilterState::new(&cfg, prior);
        let meas = Measurement {
            id: 1,
            time: SimTime::ZERO,
            z,
            model,
        };
        let inn = f.innovation(&cfg, &meas);
        assert!(
            inn.d2 < 10.0,
            "{kind:?}: wrap failed, d² = {} ν = {}",
            inn.d2,
            inn.nu
        );
        let post = f.update(&cfg, &meas).estimate();
        assert!(
            (post.x - truth).fixed_rows::<3>(0).norm() < 100.0,
            "{kind:?}: {}",
            post.x
        );
    }
}

#[test]
fn ekf_and_ukf_update_across_north() {
    // 10 km north: the prior's 3σ cross-range spread (300 m) covers ±30 mrad of azimuth.
    let m = radar(
        Vec3::zeros(),
        Mat3::identity(),
        [20.0, 2e-3, 2e-3, 1.0],
        false,
    );
    let truth = state([-5.0, 10e3, 0.0], [0.0; 3]);
    let z = MeasVector::new(10e3, 0.0005, 0.0, 0.0);
    straddle(m, truth, z);
}

#[test]
fn ekf_and_ukf_update_across_the_bearing_cut() {
    let m = MeasurementModel::Polar2 {
        sensor_xy: [0.0, 0.0],
        sigma: [2e-3, 20.0],
    };
    let truth = state([-10e3, 5.0, 0.0], [0.0; 3]);
    let z = MeasVector::new(-PI + 0.0005, 10e3, 0.0, 0.0);
    straddle(m, truth, z);
}

#[test]
fn measurement_to_position_inverts_h_with_linearised_covariance() {
    for model in models() {
        let x = random_state(&model, 7);
        let z = h(&model, &x);
        let (p, c) = model.to_position(&z);
        let dim = model.dim();
        let observed = if dim == 2 { 2 } else { 3 };
        for i in 0..observed {
            assert!((p[i] - x[i]).abs() < 1e-6, "{model:?}: {p} vs {x}");
        }
        if observed == 2 {
            assert_eq!(
                (p[2], c[(2, 2)]),
                (0.0, crate::filter::UNOBSERVED_HEIGHT_VARIANCE_M2)
            );
        }
        // J R Jᵀ with J = (∂h/∂p)⁻¹ gives back R through H C Hᵀ (position rows only).
        let hp = jacobian(&model, &x);
        let hp = hp.fixed_view::<3, 3>(0, 0).into_owned();
        let back = hp * c * hp.transpose();
        let r = model.noise_covariance();
        for i in 0..observed.min(3) {
            for j in 0..observed.min(3) {
                let scale = (r[(i, i)] * r[(j, j)]).sqrt();
                assert!(
                    (back[(i, j)] - r[(i, j)]).abs() < 1e-6 * scale,
                    "{model:?} ({i},{j}): {back}"
                );
            }
        }
    }
}
