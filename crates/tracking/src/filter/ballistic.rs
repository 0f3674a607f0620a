//! Ballistic coast in rotating ECEF: `r̈ = −GM r/|r|³ − 2ω×ṙ − ω×(ω×r)` (central gravity,
//! Coriolis, centrifugal; PRIMER §6.2 without drag or J2).
//!
//! Both rotation terms are kept: over a 10 s step at 3 km/s the Coriolis term alone moves a
//! warhead by ½·2ωv·T² ≈ 22 m, comparable to radar accuracy. The mean is integrated with
//! classical RK4 in substeps of at most [`MAX_STEP_S`]; the EKF/KF covariance uses the
//! state-transition matrix from the variational equations `Φ̇ = A(x) Φ`, integrated by the
//! same RK4 alongside the mean (so `Φ` is the exact derivative of the discrete flow up to
//! RK4's error); the UKF instead propagates its sigma points through the same flow.
//! Process noise is the isotropic CWNA `Q` of the CV model: gravity-gradient and rotation
//! coupling change it by `O((ωT)²) < 1e-4` relative at 10 s.

use super::motion::cwna_noise;
use super::{Estimate, FilterKind, NX, StateCovariance, StateVector, ukf};
use geodesy::Vec3;
use geodesy::wgs84::{GM_M3_S2, OMEGA_RAD_S};
use nalgebra::{Matrix3, Matrix6, Vector6};

/// Largest RK4 substep, s. RK4's local error scales as `(h√(GM/r³))⁵ r`, ≈ 2e-8 m per 1 s
/// step near the surface: far below any sensor's accuracy, and 10 s revisits cost only 10
/// substeps.
pub(super) const MAX_STEP_S: f64 = 1.0;

/// Radius below which the central field is meaningless (inside the Earth's core): a broken
/// state, not a coasting warhead.
const MIN_RADIUS_M: f64 = 1.0e6;

/// `[r, v]` time derivative.
pub(super) fn derivative(y: &Vector6<f64>) -> Vector6<f64> {
    let r = Vec3::new(y[0], y[1], y[2]);
    let v = Vec3::new(y[3], y[4], y[5]);
    let a = acceleration(&r, &v);
    Vector6::new(v.x, v.y, v.z, a.x, a.y, a.z)
}

fn acceleration(r: &Vec3, v: &Vec3) -> Vec3 {
    let rn = r.norm();
    assert!(
        rn.is_finite() && rn > MIN_RADIUS_M,
        "ballistic state at {rn} m from the Earth's centre"
    );
    let w = OMEGA_RAD_S;
    let gravity = -r * (GM_M3_S2 / (rn * rn * rn));
    // −2ω×v − ω×(ω×r) with ω = (0, 0, Ω).
    gravity
        + Vec3::new(
            2.0 * w * v.y + w * w * r.x,
            -2.0 * w * v.x + w * w * r.y,
            0.0,
        )
}

/// `A = ∂[ṙ, v̇]/∂[r, v]`.
fn jacobian(y: &Vector6<f64>) -> Matrix6<f64> {
    let r = Vec3::new(y[0], y[1], y[2]);
    let rn = r.norm();
    let rhat = r / rn;
    let w = OMEGA_RAD_S;
    let gradient = (rhat * rhat.transpose() * 3.0 - Matrix3::identity()) * (GM_M3_S2 / rn.powi(3))
        + Matrix3::from_diagonal(&Vec3::new(w * w, w * w, 0.0));
    let coriolis = Matrix3::new(0.0, 2.0 * w, 0.0, -2.0 * w, 0.0, 0.0, 0.0, 0.0, 0.0);
    let mut a = Matrix6::zeros();
    a.fixed_view_mut::<3, 3>(0, 3)
        .copy_from(&Matrix3::identity());
    a.fixed_view_mut::<3, 3>(3, 0).copy_from(&gradient);
    a.fixed_view_mut::<3, 3>(3, 3).copy_from(&coriolis);
    a
}

/// `A(y) · m` with `A` = [`jacobian`]`(y)`, bit for bit what nalgebra's product gives (its
/// sums run over the inner index in order, each term `a·b` added to the running sum), at half
/// the cost: the upper rows of `A` are `[0 I]`, so their products are copies of `m`'s lower
/// rows (summed in full only where that copy is zero, for the sign of zero).
pub fn jacobian_times(y: &Vector6<f64>, m: &Matrix6<f64>) -> Matrix6<f64> {
    let a = jacobian(y);
    let mut out = Matrix6::zeros();
    for j in 0..6 {
        for i in 0..3 {
            let copy = m[(i + 3, j)];
            out[(i, j)] = if copy == 0.0 {
                row_times_column(&a, i, m, j)
            } else {
                copy
            };
            out[(i + 3, j)] = row_times_column(&a, i + 3, m, j);
        }
    }
    out
}

/// `Σ_k a[i,k]·m[k,j]` in nalgebra's order.
fn row_times_column(a: &Matrix6<f64>, i: usize, m: &Matrix6<f64>, j: usize) -> f64 {
    let mut s = a[(i, 0)] * m[(0, j)];
    for k in 1..6 {
        s += a[(i, k)] * m[(k, j)];
    }
    s
}

fn substeps(dt_s: f64) -> (u32, f64) {
    let n = (dt_s / MAX_STEP_S).ceil().max(1.0);
    (n as u32, dt_s / n)
}

/// Propagates `[r, v]` over `dt_s` (RK4, substeps ≤ [`MAX_STEP_S`]).
pub(super) fn flow(y0: &Vector6<f64>, dt_s: f64) -> Vector6<f64> {
    let (n, h) = substeps(dt_s);
    let mut y = *y0;
    for _ in 0..n {
        let k1 = derivative(&y);
        let k2 = derivative(&(y + k1 * (h / 2.0)));
        let k3 = derivative(&(y + k2 * (h / 2.0)));
        let k4 = derivative(&(y + k3 * h));
        y += (k1 + k2 * 2.0 + k3 * 2.0 + k4) * (h / 6.0);
    }
    y
}

/// Propagates `[r, v]` and the state-transition matrix `Φ` over `dt_s`.
pub(super) fn flow_with_stm(y0: &Vector6<f64>, dt_s: f64) -> (Vector6<f64>, Matrix6<f64>) {
    let (n, h) = substeps(dt_s);
    let mut y = *y0;
    let mut phi = Matrix6::identity();
    for _ in 0..n {
        let k1 = derivative(&y);
        let m1 = jacobian_times(&y, &phi);
        let y2 = y + k1 * (h / 2.0);
        let k2 = derivative(&y2);
        let m2 = jacobian_times(&y2, &(phi + m1 * (h / 2.0)));
        let y3 = y + k2 * (h / 2.0);
        let k3 = derivative(&y3);
        let m3 = jacobian_times(&y3, &(phi + m2 * (h / 2.0)));
        let y4 = y + k3 * h;
        let k4 = derivative(&y4);
        let m4 = jacobian_times(&y4, &(phi + m3 * h));
        y += (k1 + k2 * 2.0 + k3 * 2.0 + k4) * (h / 6.0);
        phi += (m1 + m2 * 2.0 + m3 * 2.0 + m4) * (h / 6.0);
    }
    (y, phi)
}

/// `F P Fᵀ` for `F` = `phi` in the position–velocity block and zero elsewhere, summed in
/// nalgebra's order over the block (the terms of `F`'s zero columns, added last there, change
/// no non-zero sum; the process noise added after it makes every zero `+0` as it would be).
fn block_transform(phi: &Matrix6<f64>, p: &StateCovariance) -> StateCovariance {
    // (F P) rows 0..6 (rows 6..9 are zero).
    let mut fp = [[0.0f64; NX]; 6];
    for (i, row) in fp.iter_mut().enumerate() {
        for (j, v) in row.iter_mut().enumerate() {
            let mut s = phi[(i, 0)] * p[(0, j)];
            for k in 1..6 {
                s += phi[(i, k)] * p[(k, j)];
            }
            *v = s;
        }
    }
    let mut out = StateCovariance::zeros();
    for i in 0..6 {
        for j in 0..6 {
            let mut s = fp[i][0] * phi[(j, 0)];
            for k in 1..6 {
                s += fp[i][k] * phi[(j, k)];
            }
            out[(i, j)] = s;
        }
    }
    out
}

fn pos_vel(x: &StateVector) -> Vector6<f64> {
    Vector6::new(x[0], x[1], x[2], x[3], x[4], x[5])
}

fn embed(y: &Vector6<f64>) -> StateVector {
    let mut x = StateVector::zeros();
    x.fixed_rows_mut::<6>(0).copy_from(y);
    x
}

/// The tracker's own notional atmosphere (not the truth's): sea-level density, kg/m³, and
/// scale height, m, of an exponential model.
const RHO0_KG_M3: f64 = 1.225;
const SCALE_HEIGHT_M: f64 = 7200.0;
/// Ballistic coefficient the re-entry allowance is sized for, kg/m²: a light re-entry vehicle
/// (heavier ones decelerate less and are covered with margin).
const BETA_REF_KG_M2: f64 = 3000.0;

/// Process noise for the drag the coast model leaves out, m²/s³: the deceleration a warhead of
/// [`BETA_REF_KG_M2`] would feel where the track is, `a = ρ(h)|v|²/2β`, as white-noise
/// acceleration of variance `a²` per second. Nil in the vacuum of midcourse; 5-20 g in the
/// last 30 km of re-entry, where a drag-free coast model alone loses the track within a few
/// looks.
fn drag_noise_m2_s3(x: &StateVector) -> f64 {
    let r = Vec3::new(x[0], x[1], x[2]);
    let v2 = x[3] * x[3] + x[4] * x[4] + x[5] * x[5];
    let rho = RHO0_KG_M3 * (-altitude_approx_m(&r).max(0.0) / SCALE_HEIGHT_M).exp();
    let a = rho * v2 / (2.0 * BETA_REF_KG_M2);
    a * a
}

/// Height above the WGS-84 ellipsoid along the geocentric radius, m: within tens of metres of
/// the geodetic height at the altitudes where drag matters, and cheap.
fn altitude_approx_m(r: &Vec3) -> f64 {
    use geodesy::wgs84::{A_M, B_M};
    let rn = r.norm();
    let s2 = (r.z / rn).powi(2);
    let radius = A_M * B_M / (B_M * B_M * (1.0 - s2) + A_M * A_M * s2).sqrt();
    rn - radius
}

/// Mean and covariance predicted over `dt_s > 0` in ECEF.
pub(super) fn predict_ecef(
    kind: FilterKind,
    q_m2_s3: f64,
    est: &Estimate,
    dt_s: f64,
) -> (StateVector, StateCovariance) {
    let q_drag = drag_noise_m2_s3(&est.x);
    let q = cwna_noise(&(Matrix3::identity() * (q_m2_s3 + q_drag)), dt_s);
    match kind {
        FilterKind::Kf | FilterKind::Ekf => {
            let (y, phi) = flow_with_stm(&pos_vel(&est.x), dt_s);
            // Acceleration rows stay zero: the state holds no manoeuvre acceleration.
            (embed(&y), block_transform(&phi, &est.p) + q)
        }
        FilterKind::Ukf => {
            let (x, p) = ukf::transform_state(est, |s| embed(&flow(&pos_vel(s), dt_s)));
            (x, p + q)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A state 6,400–9,000 km from the centre at any speed up to 8 km/s.
    fn state() -> impl Strategy<Value = Vector6<f64>> {
        (
            prop::array::uniform3(-1.0f64..1.0),
            6.4e6f64..9.0e6,
            prop::array::uniform3(-8.0e3f64..8.0e3),
        )
            .prop_filter_map("a direction", |(d, r, v)| {
                let n = (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]).sqrt();
                (n > 1e-3).then(|| {
                    Vector6::new(d[0] / n * r, d[1] / n * r, d[2] / n * r, v[0], v[1], v[2])
                })
            })
    }

    /// Entries of either sign, with exact zeros of both signs among them.
    fn entry() -> impl Strategy<Value = f64> {
        prop_oneof![
            3 => -1e3f64..1e3,
            1 => Just(0.0),
            1 => Just(-0.0),
        ]
    }

    fn bits<const R: usize, const C: usize>(m: &nalgebra::SMatrix<f64, R, C>) -> Vec<u64> {
        m.iter().map(|v| v.to_bits()).collect()
    }

    proptest! {
        #[test]
        fn jacobian_times_is_nalgebras_product_bit_for_bit(
            y in state(),
            m in prop::collection::vec(entry(), 36),
        ) {
            let m = Matrix6::from_column_slice(&m);
            prop_assert_eq!(bits(&jacobian_times(&y, &m)), bits(&(jacobian(&y) * m)));
        }

        #[test]
        fn block_transform_is_the_full_product_bit_for_bit(
            y in state(),
            dt in 0.1f64..30.0,
            l in prop::collection::vec(-1e2f64..1e2, 81),
            q in 0.0f64..50.0,
        ) {
            let (_, phi) = flow_with_stm(&y, dt);
            let l = StateCovariance::from_column_slice(&l);
            let p = l * l.transpose();
            let noise = cwna_noise(&(Matrix3::identity() * q), dt);
            let mut f = StateCovariance::zeros();
            f.fixed_view_mut::<6, 6>(0, 0).copy_from(&phi);
            prop_assert_eq!(
                bits(&(block_transform(&phi, &p) + noise)),
                bits(&(f * p * f.transpose() + noise))
            );
        }
    }
}
