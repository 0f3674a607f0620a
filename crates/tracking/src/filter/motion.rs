//! Prediction: transition matrices and process noise of the motion models, each the exact
//! discretisation of a continuous-time model driven by white noise.
//!
//! - CV: `ṗ = v`, `v̇ = w` (white, intensity `q`): `F = [[I, T I], [0, I]]`,
//!   `Q = [[T³/3, T²/2], [T²/2, T]] ⊗ Qs` with the spatial intensity
//!   `Qs = q (I − uuᵀ) + q_vertical uuᵀ` (`u` = local up at the prior mean; in the flat frame
//!   `u = z`, so this is exactly Stone Soup's per-axis `ConstantVelocity`).
//! - Coordinated turn at rate ω about `u`: `v̇ = ω u×v_h + w`. With `θ = ωT`, `P_h = I − uuᵀ`
//!   and `K = [u]×`: `v' = (cos θ P_h + sin θ K + uuᵀ) v` (Rodrigues) and
//!   `p' = p + T (a(θ) P_h + θ b(θ) K + uuᵀ) v`, with `a = sin θ/θ`, `b = (1 − cos θ)/θ²`,
//!   `c = (θ − sin θ)/θ³`. The exact noise integral `Q = q ∫ Φ(s) G Gᵀ Φ(s)ᵀ ds` is
//!   `Q_pp = q (2T³c P_h + T³/3 uuᵀ)`, `Q_pv = q (T²b P_h − T²θc K + T²/2 uuᵀ)`, `Q_vv = qT I`
//!   (horizontal part derived from `A(s)Aᵀ(s) = (2 − 2cos ωs)/ω² P_h` and
//!   `A(s)Rᵀ(s) = sin ωs/ω P_h − (1 − cos ωs)/ω K`; checked by quadrature in the tests). The
//!   ratios use Taylor series below `|θ| = 0.01`, so ω → 0 gives CV exactly.
//! - Flat ballistic: CV plus the constant gravity input `(−gT²/2, −gT)` on z, isotropic `q`.
//! - Singer: `singer.rs`. ECEF ballistic: `ballistic.rs` (nonlinear).
//!
//! Models without acceleration zero its rows in `F` and hold its variance at
//! [`HELD_ACCEL_VARIANCE_M2_S4`] through `Q`.

use super::linalg::{debug_assert_covariance, symmetrise};
use super::{
    Estimate, FilterKind, Frame, HELD_ACCEL_VARIANCE_M2_S4, MotionModel, StateCovariance,
    StateVector, ballistic, singer,
};
use base::SimTime;
use geodesy::Vec3;
use geodesy::wgs84::E2;
use nalgebra::Matrix3;

/// Standard gravity for the flat frame, m/s² (CGPM 1901; matches `Frame::Flat`'s docs).
pub(super) const STANDARD_GRAVITY_MPS2: f64 = 9.80665;

/// Below this |ωT| the turn ratios come from their Taylor series: the closed forms lose
/// ~`ε/θ²` relative (2e-12 here), the 4-term series errs by < `θ⁸/10!` (3e-23).
const TURN_SERIES_LIMIT: f64 = 0.01;

/// A linear (affine) transition `x' = F x + u`, `P' = F P Fᵀ + Q`.
pub(super) struct Linear {
    /// Transition matrix.
    pub(super) f: StateCovariance,
    /// Process noise.
    pub(super) q: StateCovariance,
    /// Known input (gravity).
    pub(super) u: StateVector,
}

/// Predicts one estimate to `t` with one model (no IMM).
pub(super) fn predict(
    frame: Frame,
    kind: FilterKind,
    model: &MotionModel,
    est: &Estimate,
    t: SimTime,
) -> Estimate {
    let dt = t.since(est.time).as_secs_f64();
    assert!(
        dt >= 0.0,
        "prediction backwards in time from {} to {t}: the tracker reprocesses instead",
        est.time
    );
    if dt == 0.0 {
        return *est;
    }
    let (x, p) = match model {
        MotionModel::Ballistic { q_m2_s3 } if frame == Frame::Ecef => {
            ballistic::predict_ecef(kind, *q_m2_s3, est, dt)
        }
        _ => {
            let lin = linear(frame, model, &est.x, dt);
            (
                lin.f * est.x + lin.u,
                lin.f * est.p * lin.f.transpose() + lin.q,
            )
        }
    };
    let p = symmetrise(&p);
    debug_assert_covariance(&p, "prediction");
    Estimate { time: t, x, p }
}

/// The transition of a linear model (everything but ECEF ballistic) over `dt_s`, with the
/// local up taken at `x`'s position.
pub(super) fn linear(frame: Frame, model: &MotionModel, x: &StateVector, dt_s: f64) -> Linear {
    let up = local_up(frame, &Vec3::new(x[0], x[1], x[2]));
    let uu = up * up.transpose();
    match *model {
        MotionModel::ConstantVelocity {
            q_m2_s3,
            q_vertical_m2_s3,
        } => {
            assert_intensity(q_m2_s3);
            assert_intensity(q_vertical_m2_s3);
            let qs = (Matrix3::identity() - uu) * q_m2_s3 + uu * q_vertical_m2_s3;
            Linear {
                f: cv_transition(dt_s),
                q: cwna_noise(&qs, dt_s),
                u: StateVector::zeros(),
            }
        }
        MotionModel::Singer {
            tau_s,
            sigma_accel_mps2,
        } => {
            let (f, q) = singer::transition(dt_s, tau_s, sigma_accel_mps2);
            Linear {
                f,
                q,
                u: StateVector::zeros(),
            }
        }
        MotionModel::CoordinatedTurn {
            turn_rate_rad_s,
            q_m2_s3,
        } => turn(&up, turn_rate_rad_s, q_m2_s3, dt_s),
        MotionModel::Ballistic { q_m2_s3 } => {
            assert_eq!(frame, Frame::Flat, "ECEF ballistic motion is nonlinear");
            assert_intensity(q_m2_s3);
            let g = STANDARD_GRAVITY_MPS2;
            let mut u = StateVector::zeros();
            u[2] = -0.5 * g * dt_s * dt_s;
            u[5] = -g * dt_s;
            Linear {
                f: cv_transition(dt_s),
                q: cwna_noise(&(Matrix3::identity() * q_m2_s3), dt_s),
                u,
            }
        }
    }
}

fn assert_intensity(q: f64) {
    assert!(
        q.is_finite() && q >= 0.0,
        "process-noise intensity {q} m²/s³ is negative or not finite"
    );
}

/// Local up: `z` in the flat frame; in ECEF the normal `(x, y, z/(1 − e²))` of the ellipsoid
/// scaled through the point (module docs of `filter`), or `z` at the Earth's centre.
pub(super) fn local_up(frame: Frame, p: &Vec3) -> Vec3 {
    match frame {
        Frame::Flat => Vec3::z(),
        Frame::Ecef => {
            let n = Vec3::new(p.x, p.y, p.z / (1.0 - E2));
            let len = n.norm();
            if len > 1.0 { n / len } else { Vec3::z() }
        }
    }
}

/// `[[I, T I, 0], [0, I, 0], [0, 0, 0]]`.
fn cv_transition(dt_s: f64) -> StateCovariance {
    let mut f = StateCovariance::identity();
    for i in 0..3 {
        f[(i, 3 + i)] = dt_s;
        f[(6 + i, 6 + i)] = 0.0;
    }
    f
}

/// CWNA noise `[[T³/3, T²/2], [T²/2, T]] ⊗ qs` on position/velocity and the held
/// acceleration variance.
pub(super) fn cwna_noise(qs: &Matrix3<f64>, dt_s: f64) -> StateCovariance {
    let (t1, t2, t3) = (dt_s, dt_s * dt_s, dt_s * dt_s * dt_s);
    let mut q = StateCovariance::zeros();
    q.fixed_view_mut::<3, 3>(0, 0).copy_from(&(qs * (t3 / 3.0)));
    q.fixed_view_mut::<3, 3>(0, 3).copy_from(&(qs * (t2 / 2.0)));
    q.fixed_view_mut::<3, 3>(3, 0).copy_from(&(qs * (t2 / 2.0)));
    q.fixed_view_mut::<3, 3>(3, 3).copy_from(&(qs * t1));
    hold_acceleration(&mut q);
    q
}

fn hold_acceleration(q: &mut StateCovariance) {
    for i in 6..9 {
        q[(i, i)] = HELD_ACCEL_VARIANCE_M2_S4;
    }
}

/// `(sin θ/θ, (1 − cos θ)/θ², (θ − sin θ)/θ³)`.
pub(super) fn turn_ratios(theta: f64) -> (f64, f64, f64) {
    if theta.abs() >= TURN_SERIES_LIMIT {
        let (s, c) = theta.sin_cos();
        let t2 = theta * theta;
        return (s / theta, (1.0 - c) / t2, (theta - s) / (t2 * theta));
    }
    let t2 = theta * theta;
    let a = 1.0 - t2 / 6.0 * (1.0 - t2 / 20.0 * (1.0 - t2 / 42.0 * (1.0 - t2 / 72.0)));
    let b = 0.5 * (1.0 - t2 / 12.0 * (1.0 - t2 / 30.0 * (1.0 - t2 / 56.0 * (1.0 - t2 / 90.0))));
    let c = (1.0 - t2 / 20.0 * (1.0 - t2 / 42.0 * (1.0 - t2 / 72.0 * (1.0 - t2 / 110.0)))) / 6.0;
    (a, b, c)
}

/// Coordinated-turn transition (module docs).
fn turn(up: &Vec3, omega: f64, q_m2_s3: f64, dt_s: f64) -> Linear {
    assert!(omega.is_finite(), "turn rate {omega} rad/s is not finite");
    assert_intensity(q_m2_s3);
    let theta = omega * dt_s;
    let (a, b, c) = turn_ratios(theta);
    let uu = up * up.transpose();
    let ph = Matrix3::identity() - uu;
    let k = up.cross_matrix();
    let (s, co) = theta.sin_cos();
    let rot = ph * co + k * s + uu;
    let drift = (ph * a + k * (theta * b) + uu) * dt_s;
    let mut f = StateCovariance::zeros();
    f.fixed_view_mut::<3, 3>(0, 0)
        .copy_from(&Matrix3::identity());
    f.fixed_view_mut::<3, 3>(0, 3).copy_from(&drift);
    f.fixed_view_mut::<3, 3>(3, 3).copy_from(&rot);
    let (t1, t2, t3) = (dt_s, dt_s * dt_s, dt_s * dt_s * dt_s);
    let qpp = (ph * (2.0 * t3 * c) + uu * (t3 / 3.0)) * q_m2_s3;
    let qpv = (ph * (t2 * b) - k * (t2 * theta * c) + uu * (t2 / 2.0)) * q_m2_s3;
    let mut q = StateCovariance::zeros();
    q.fixed_view_mut::<3, 3>(0, 0).copy_from(&qpp);
    q.fixed_view_mut::<3, 3>(0, 3).copy_from(&qpv);
    q.fixed_view_mut::<3, 3>(3, 0).copy_from(&qpv.transpose());
    q.fixed_view_mut::<3, 3>(3, 3)
        .copy_from(&(Matrix3::identity() * (q_m2_s3 * t1)));
    hold_acceleration(&mut q);
    Linear {
        f,
        q,
        u: StateVector::zeros(),
    }
}
