//! Motion models against independent computations: Singer and coordinated-turn noise against
//! quadrature of their definitions, transition semigroup properties, the ECEF ballistic flow
//! and its state-transition matrix.

use super::support::{ecef_site, state};
use crate::filter::ballistic::{flow, flow_with_stm};
use crate::filter::motion::{STANDARD_GRAVITY_MPS2, linear, turn_ratios};
use crate::filter::singer;
use crate::filter::{Frame, MotionModel, StateCovariance, StateVector};
use geodesy::Vec3;
use geodesy::wgs84::{GM_M3_S2, OMEGA_RAD_S};
use nalgebra::{Matrix3, Vector6};

/// Composite Simpson over [0, t] with `n` (even) intervals of a matrix-valued integrand.
fn simpson<const R: usize, const C: usize>(
    t: f64,
    n: usize,
    f: impl Fn(f64) -> nalgebra::SMatrix<f64, R, C>,
) -> nalgebra::SMatrix<f64, R, C> {
    let h = t / n as f64;
    let mut sum = f(0.0) + f(t);
    for i in 1..n {
        let w = if i % 2 == 1 { 4.0 } else { 2.0 };
        sum += f(i as f64 * h) * w;
    }
    sum * (h / 3.0)
}

fn assert_close<const R: usize, const C: usize>(
    a: &nalgebra::SMatrix<f64, R, C>,
    b: &nalgebra::SMatrix<f64, R, C>,
    rel: f64,
    what: &str,
) {
    let scale = b.amax().max(f64::MIN_POSITIVE);
    let err = (a - b).amax();
    assert!(
        err <= rel * scale,
        "{what}: max error {err:e} vs scale {scale:e}\n{a}\n{b}"
    );
}

#[test]
fn singer_matches_quadrature_on_both_sides_of_the_series_switch() {
    let sigma = 3.0;
    // x = T/τ from deep in the series branch, across 0.5, to well into the closed form.
    for (dt, tau) in [
        (1.0, 1e4),
        (1.0, 100.0),
        (1.0, 2.0 / 0.98),
        (1.0, 1.0 / 0.51),
        (2.0, 1.0),
        (10.0, 1.0),
    ] {
        let (phi, q) = singer::axis(dt, tau, sigma);
        let a = 1.0 / tau;
        // Impulse response of [p, v, a] to an acceleration impulse s seconds before the end.
        let g = |s: f64| {
            nalgebra::Vector3::new(
                (a * s - 1.0 + (-a * s).exp()) / (a * a),
                (1.0 - (-a * s).exp()) / a,
                (-a * s).exp(),
            )
        };
        let quad = simpson(dt, 4000, |s| {
            g(s) * g(s).transpose() * (2.0 * sigma * sigma * a)
        });
        let q = Matrix3::from_fn(|i, j| q[i][j]);
        // Simpson's error is ~(T/4000)⁴ relative; the direct g above loses ~ε/x² to
        // cancellation at x = 1e-4 (2e-8), hence the looser bound there.
        let tol = if dt / tau < 1e-3 { 1e-6 } else { 1e-9 };
        assert_close(&q, &quad, tol, &format!("Singer Q at T = {dt}, τ = {tau}"));
        let phi = Matrix3::from_fn(|i, j| phi[i][j]);
        let expected = Matrix3::new(1.0, dt, g(dt)[0], 0.0, 1.0, g(dt)[1], 0.0, 0.0, g(dt)[2]);
        assert_close(&phi, &expected, tol, "Singer Φ");
    }
}

#[test]
fn singer_tends_to_white_jerk_for_long_time_constants() {
    // τ → ∞ with σ²/τ fixed is a random walk in acceleration: Q11 → σ²αT⁵/10.
    let (dt, tau, sigma) = (1.0, 1e8, 1e3);
    let (_, q) = singer::axis(dt, tau, sigma);
    let expected = sigma * sigma / tau * dt.powi(5) / 10.0;
    assert!(
        (q[0][0] / expected - 1.0).abs() < 1e-7,
        "{} vs {expected}",
        q[0][0]
    );
}

#[test]
fn turn_ratio_series_meets_the_closed_form() {
    for theta in [0.009_999, 0.01, 0.010_001, -0.01] {
        let series = turn_ratios(theta * 0.999_999_9);
        let closed = turn_ratios(theta);
        for (s, c) in [
            (series.0, closed.0),
            (series.1, closed.1),
            (series.2, closed.2),
        ] {
            assert!((s - c).abs() < 1e-9 * c.abs(), "{theta}: {s} vs {c}");
        }
    }
    assert_eq!(turn_ratios(0.0), (1.0, 0.5, 1.0 / 6.0));
}

fn turn(omega: f64, q: f64) -> MotionModel {
    MotionModel::CoordinatedTurn {
        turn_rate_rad_s: omega,
        q_m2_s3: q,
    }
}

fn ecef_point() -> StateVector {
    let (site, to_enu) = ecef_site(-33.0, 151.0, 0.0);
    let p = site + to_enu.transpose() * Vec3::new(0.0, 0.0, 10e3);
    state([p.x, p.y, p.z], [0.0; 3])
}

#[test]
fn coordinated_turn_noise_is_the_exact_integral() {
    for (frame, x) in [
        (Frame::Flat, StateVector::zeros()),
        (Frame::Ecef, ecef_point()),
    ] {
        for (omega, dt) in [(0.2, 3.0), (-0.05, 10.0), (1e-4, 2.0), (0.0, 1.0)] {
            let q = 2.0;
            let model = turn(omega, q);
            let lin = linear(frame, &model, &x, dt);
            // Q = q ∫ Φ(s)[:, v] Φ(s)[:, v]ᵀ ds over the position/velocity block.
            let quad = simpson(dt, 2000, |s| {
                let f = linear(frame, &model, &x, s).f;
                let g = f.fixed_view::<6, 3>(0, 3).into_owned();
                g * g.transpose() * q
            });
            let got = lin.q.fixed_view::<6, 6>(0, 0).into_owned();
            assert_close(&got, &quad, 1e-10, &format!("CT Q, {frame:?}, ω = {omega}"));
        }
    }
}

#[test]
fn coordinated_turn_transition_is_a_semigroup_and_turns_left_for_positive_rates() {
    for (frame, x) in [
        (Frame::Flat, StateVector::zeros()),
        (Frame::Ecef, ecef_point()),
    ] {
        let model = turn(0.07, 1.0);
        let whole = linear(frame, &model, &x, 4.0).f;
        let half = linear(frame, &model, &x, 2.0).f;
        let pv = |m: &StateCovariance| m.fixed_view::<6, 6>(0, 0).into_owned();
        assert_close(&pv(&whole), &pv(&(half * half)), 1e-13, "F(T) = F(T/2)²");
    }
    // Quarter turn counter-clockwise: east becomes north.
    let omega = 0.1;
    let f = linear(
        Frame::Flat,
        &turn(omega, 0.0),
        &StateVector::zeros(),
        core::f64::consts::FRAC_PI_2 / omega,
    )
    .f;
    let v = f * state([0.0; 3], [100.0, 0.0, 0.0]);
    assert!(v[3].abs() < 1e-12 && (v[4] - 100.0).abs() < 1e-12, "{v}");
    // The turn's centre is to the left: after a quarter turn east→north the target has moved
    // +r east and +r north, r = v/ω.
    assert!(
        (v[0] - 1000.0).abs() < 1e-9 && (v[1] - 1000.0).abs() < 1e-9,
        "{v}"
    );
}

#[test]
fn zero_rate_turn_is_isotropic_constant_velocity() {
    let x = ecef_point();
    let ct = linear(Frame::Ecef, &turn(0.0, 3.0), &x, 5.0);
    let cv = MotionModel::ConstantVelocity {
        q_m2_s3: 3.0,
        q_vertical_m2_s3: 3.0,
    };
    let cv = linear(Frame::Ecef, &cv, &x, 5.0);
    assert_close(&ct.f, &cv.f, 1e-15, "F");
    assert_close(&ct.q, &cv.q, 1e-14, "Q");
}

#[test]
fn ecef_constant_velocity_noise_is_split_about_the_local_vertical() {
    let x = ecef_point();
    let (_, to_enu) = ecef_site(-33.0, 151.0, 0.0);
    let cv = MotionModel::ConstantVelocity {
        q_m2_s3: 4.0,
        q_vertical_m2_s3: 0.25,
    };
    let q = linear(Frame::Ecef, &cv, &x, 1.0).q;
    let qvv = to_enu * q.fixed_view::<3, 3>(3, 3) * to_enu.transpose();
    // Up from the scaled-ellipsoid normal differs from the geodetic normal by ~e²h/a at
    // 10 km (1e-5 rad), which leaks ≈ 4·1e-5 into off-diagonals.
    assert_close(
        &qvv,
        &Matrix3::from_diagonal(&Vec3::new(4.0, 4.0, 0.25)),
        1e-4,
        "ENU Q_vv",
    );
}

#[test]
fn flat_ballistic_is_the_vacuum_parabola() {
    let x = state([0.0, 0.0, 0.0], [100.0, 0.0, 100.0]);
    let lin = linear(
        Frame::Flat,
        &MotionModel::Ballistic { q_m2_s3: 0.0 },
        &x,
        10.0,
    );
    let y = lin.f * x + lin.u;
    let g = STANDARD_GRAVITY_MPS2;
    assert_eq!((y[0], y[3]), (1000.0, 100.0));
    assert!((y[2] - (1000.0 - 50.0 * g)).abs() < 1e-9 && (y[5] - (100.0 - 10.0 * g)).abs() < 1e-12);
}

fn ecef_ballistic_state() -> Vector6<f64> {
    let (site, to_enu) = ecef_site(40.0, 127.0, 0.0);
    let from = to_enu.transpose();
    let p = site + from * Vec3::new(0.0, 0.0, 150e3);
    let v = from * Vec3::new(2000.0, 1000.0, 500.0);
    Vector6::new(p.x, p.y, p.z, v.x, v.y, v.z)
}

/// Jacobi integral of the rotating frame: `½|v|² − GM/r − ½|ω×r|²`.
fn jacobi(y: &Vector6<f64>) -> f64 {
    let r = Vec3::new(y[0], y[1], y[2]);
    let v = Vec3::new(y[3], y[4], y[5]);
    let w = Vec3::new(0.0, 0.0, OMEGA_RAD_S);
    0.5 * v.norm_squared() - GM_M3_S2 / r.norm() - 0.5 * w.cross(&r).norm_squared()
}

#[test]
fn ecef_ballistic_flow_conserves_the_jacobi_integral() {
    let y0 = ecef_ballistic_state();
    let y = flow(&y0, 60.0);
    // RK4 at 1 s conserves energy to ~1e-10 relative here; 1e-9 leaves margin.
    let (e0, e1) = (jacobi(&y0), jacobi(&y));
    assert!(((e1 - e0) / e0).abs() < 1e-9, "{e0} → {e1}");
    // Coriolis matters: without Earth rotation the position differs by kilometres.
    assert!((y - y0).fixed_rows::<3>(0).norm() > 100e3);
}

#[test]
fn ecef_ballistic_transition_matrix_matches_finite_differences() {
    let y0 = ecef_ballistic_state();
    let dt = 10.0;
    let (y, phi) = flow_with_stm(&y0, dt);
    assert_eq!(
        y,
        flow(&y0, dt),
        "the STM integration must not change the mean"
    );
    let mut fd = nalgebra::Matrix6::zeros();
    for j in 0..6 {
        // Steps of 1 m and 1 mm/s: curvature errors ~h²·GM/r⁴ stay below 1e-9 relative.
        let h = if j < 3 { 1.0 } else { 1e-3 };
        let mut plus = y0;
        let mut minus = y0;
        plus[j] += h;
        minus[j] -= h;
        fd.set_column(j, &((flow(&plus, dt) - flow(&minus, dt)) / (2.0 * h)));
    }
    assert_close(&phi, &fd, 1e-7, "ballistic STM");
}
