//! Measurement functions `h(x)`, analytic Jacobians, noise, angle-aware residuals and the
//! measurement-to-position conversion used for initiation.

use super::linalg::{wrap_pi, wrap_two_pi};
use super::{
    MeasCovariance, MeasJacobian, MeasVector, MeasurementModel, NZ_MAX, StateVector,
    UNOBSERVED_HEIGHT_VARIANCE_M2,
};
use geodesy::{Mat3, Vec3};
use nalgebra::{Matrix2, Matrix3, Vector2};

/// How a measurement component behaves under subtraction and averaging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Component {
    /// Ordinary real value (range, elevation, range rate, position).
    Linear,
    /// Angle kept in [0, 2π) (radar azimuth from north).
    Azimuth,
    /// Angle kept in (−π, π] (Stone Soup bearing).
    Bearing,
}

/// The kind of each (padded) component.
pub(super) fn components(model: &MeasurementModel) -> [Component; NZ_MAX] {
    use Component::{Azimuth, Bearing, Linear};
    match model {
        MeasurementModel::RadarEnu { .. } => [Linear, Azimuth, Linear, Linear],
        MeasurementModel::Polar2 { .. } => [Bearing, Linear, Linear, Linear],
        MeasurementModel::Polar3 { .. } => [Linear, Bearing, Linear, Linear],
        MeasurementModel::Position { .. } => [Linear; NZ_MAX],
    }
}

fn position(x: &StateVector) -> Vec3 {
    Vec3::new(x[0], x[1], x[2])
}

fn velocity(x: &StateVector) -> Vec3 {
    Vec3::new(x[3], x[4], x[5])
}

/// Range below which angles are undefined: a track on top of its sensor is a broken input.
const MIN_RANGE_M: f64 = 1e-3;

fn assert_range(r: f64) {
    assert!(
        r.is_finite() && r > MIN_RANGE_M,
        "measurement geometry degenerate: range {r} m (target at the sensor or non-finite)"
    );
}

/// `h(x)`, padded with zeros.
pub(super) fn h(model: &MeasurementModel, x: &StateVector) -> MeasVector {
    let mut z = MeasVector::zeros();
    match model {
        MeasurementModel::RadarEnu {
            sensor_position,
            sensor_velocity,
            to_enu,
            with_range_rate,
            ..
        } => {
            let dp = position(x) - sensor_position;
            let d = to_enu * dp;
            let r = d.norm();
            assert_range(r);
            z[0] = r;
            z[1] = wrap_two_pi(d.x.atan2(d.y));
            z[2] = d.z.atan2(d.x.hypot(d.y));
            if *with_range_rate {
                z[3] = dp.dot(&(velocity(x) - sensor_velocity)) / r;
            }
        }
        MeasurementModel::Polar2 { sensor_xy, .. } => {
            let (dx, dy) = (x[0] - sensor_xy[0], x[1] - sensor_xy[1]);
            // √(Δx² + Δy²) rather than hypot: Stone Soup's formula, for bit-level agreement.
            let r = (dx * dx + dy * dy).sqrt();
            assert_range(r);
            z[0] = dy.atan2(dx);
            z[1] = r;
        }
        MeasurementModel::Polar3 {
            sensor_position, ..
        } => {
            let d = position(x) - sensor_position;
            let r = (d.x * d.x + d.y * d.y + d.z * d.z).sqrt();
            assert_range(r);
            z[0] = (d.z / r).asin();
            z[1] = d.y.atan2(d.x);
            z[2] = r;
        }
        MeasurementModel::Position { dim, .. } => {
            assert_position_dim(*dim);
            z.rows_mut(0, *dim).copy_from(&x.rows(0, *dim));
        }
    }
    z
}

fn assert_position_dim(dim: usize) {
    assert!(
        dim == 2 || dim == 3,
        "position measurement dimension {dim} is neither 2 nor 3"
    );
}

/// The Jacobian `∂h/∂x` (padded rows zero).
pub(super) fn jacobian(model: &MeasurementModel, x: &StateVector) -> MeasJacobian {
    let mut j = MeasJacobian::zeros();
    match model {
        MeasurementModel::RadarEnu {
            sensor_position,
            sensor_velocity,
            to_enu,
            with_range_rate,
            ..
        } => {
            let dp = position(x) - sensor_position;
            let d = to_enu * dp;
            let (e, n, u) = (d.x, d.y, d.z);
            let rho2 = e * e + n * n;
            let rho = rho2.sqrt();
            let r2 = rho2 + u * u;
            let r = r2.sqrt();
            assert_range(rho);
            // Rows in ENU, then chained through the rotation (∂d/∂p = to_enu).
            let rows_enu = Matrix3::new(
                e / r,
                n / r,
                u / r,
                n / rho2,
                -e / rho2,
                0.0,
                -e * u / (r2 * rho),
                -n * u / (r2 * rho),
                rho / r2,
            );
            j.fixed_view_mut::<3, 3>(0, 0)
                .copy_from(&(rows_enu * to_enu));
            if *with_range_rate {
                let dv = velocity(x) - sensor_velocity;
                let rr = dp.dot(&dv) / r;
                let d_pos = (dv - dp * (rr / r)) / r;
                let d_vel = dp / r;
                j.fixed_view_mut::<1, 3>(3, 0).copy_from(&d_pos.transpose());
                j.fixed_view_mut::<1, 3>(3, 3).copy_from(&d_vel.transpose());
            }
        }
        MeasurementModel::Polar2 { sensor_xy, .. } => {
            let (dx, dy) = (x[0] - sensor_xy[0], x[1] - sensor_xy[1]);
            let rho2 = dx * dx + dy * dy;
            let rho = rho2.sqrt();
            assert_range(rho);
            j[(0, 0)] = -dy / rho2;
            j[(0, 1)] = dx / rho2;
            j[(1, 0)] = dx / rho;
            j[(1, 1)] = dy / rho;
        }
        MeasurementModel::Polar3 {
            sensor_position, ..
        } => {
            let d = position(x) - sensor_position;
            let rho2 = d.x * d.x + d.y * d.y;
            let rho = rho2.sqrt();
            let r2 = rho2 + d.z * d.z;
            let r = r2.sqrt();
            assert_range(rho);
            let rows = Matrix3::new(
                -d.x * d.z / (r2 * rho),
                -d.y * d.z / (r2 * rho),
                rho / r2,
                -d.y / rho2,
                d.x / rho2,
                0.0,
                d.x / r,
                d.y / r,
                d.z / r,
            );
            j.fixed_view_mut::<3, 3>(0, 0).copy_from(&rows);
        }
        MeasurementModel::Position { dim, .. } => {
            assert_position_dim(*dim);
            for i in 0..*dim {
                j[(i, i)] = 1.0;
            }
        }
    }
    j
}

fn assert_sigma(s: f64) {
    assert!(
        s.is_finite() && s > 0.0,
        "measurement standard deviation {s} is not positive and finite"
    );
}

/// The noise covariance `R`, padded with identity.
pub(super) fn noise(model: &MeasurementModel) -> MeasCovariance {
    let mut r = MeasCovariance::identity();
    let sigmas: &[f64] = match model {
        MeasurementModel::RadarEnu {
            sigma,
            with_range_rate,
            ..
        } => &sigma[..3 + usize::from(*with_range_rate)],
        MeasurementModel::Polar2 { sigma, .. } => sigma,
        MeasurementModel::Polar3 { sigma, .. } => sigma,
        MeasurementModel::Position { dim, sigma_m } => {
            assert_position_dim(*dim);
            &[*sigma_m; 3][..*dim]
        }
    };
    for (i, &s) in sigmas.iter().enumerate() {
        assert_sigma(s);
        r[(i, i)] = s * s;
    }
    r
}

/// `z − ẑ` with angle components wrapped to (−π, π]; padded entries stay zero.
pub(super) fn residual(model: &MeasurementModel, z: &MeasVector, z_hat: &MeasVector) -> MeasVector {
    let kinds = components(model);
    let mut nu = z - z_hat;
    for (i, kind) in kinds.iter().enumerate().take(model.dim()) {
        if *kind != Component::Linear {
            nu[i] = wrap_pi(nu[i]);
        }
    }
    for i in model.dim()..NZ_MAX {
        nu[i] = 0.0;
    }
    nu
}

/// Puts angle components into their canonical range (azimuth [0, 2π), bearing (−π, π]).
pub(super) fn canonical(model: &MeasurementModel, z: &MeasVector) -> MeasVector {
    let mut out = *z;
    for (i, kind) in components(model).iter().enumerate() {
        match kind {
            Component::Linear => {}
            Component::Azimuth => out[i] = wrap_two_pi(out[i]),
            Component::Bearing => out[i] = wrap_pi(out[i]),
        }
    }
    out
}

/// See [`MeasurementModel::to_position`].
pub(super) fn to_position(model: &MeasurementModel, z: &MeasVector) -> (Vec3, Mat3) {
    let r_meas = noise(model);
    match model {
        MeasurementModel::RadarEnu {
            sensor_position,
            to_enu,
            ..
        } => {
            let (r, az, el) = (z[0], z[1], z[2]);
            let (sa, ca) = az.sin_cos();
            let (se, ce) = el.sin_cos();
            let d = Vec3::new(r * ce * sa, r * ce * ca, r * se);
            // Columns: ∂d/∂r, ∂d/∂az, ∂d/∂el (ENU), then rotated back to the tracker frame.
            let j_enu = Matrix3::new(
                ce * sa,
                r * ce * ca,
                -r * se * sa,
                ce * ca,
                -r * ce * sa,
                -r * se * ca,
                se,
                0.0,
                r * ce,
            );
            let from_enu = to_enu.transpose();
            let j = from_enu * j_enu;
            let cov = j * r_meas.fixed_view::<3, 3>(0, 0) * j.transpose();
            (
                sensor_position + from_enu * d,
                super::linalg::symmetrise(&cov),
            )
        }
        MeasurementModel::Polar2 { sensor_xy, .. } => {
            let (b, r) = (z[0], z[1]);
            let (sb, cb) = b.sin_cos();
            let j = Matrix2::new(-r * sb, cb, r * cb, sb);
            let c2 = j * r_meas.fixed_view::<2, 2>(0, 0) * j.transpose();
            let mut cov = Mat3::zeros();
            cov.fixed_view_mut::<2, 2>(0, 0)
                .copy_from(&super::linalg::symmetrise(&c2));
            cov[(2, 2)] = UNOBSERVED_HEIGHT_VARIANCE_M2;
            let p = Vector2::new(sensor_xy[0] + r * cb, sensor_xy[1] + r * sb);
            (Vec3::new(p.x, p.y, 0.0), cov)
        }
        MeasurementModel::Polar3 {
            sensor_position, ..
        } => {
            let (el, b, r) = (z[0], z[1], z[2]);
            let (sb, cb) = b.sin_cos();
            let (se, ce) = el.sin_cos();
            let d = Vec3::new(r * ce * cb, r * ce * sb, r * se);
            // Columns: ∂d/∂el, ∂d/∂b, ∂d/∂r.
            let j = Matrix3::new(
                -r * se * cb,
                -r * ce * sb,
                ce * cb,
                -r * se * sb,
                r * ce * cb,
                ce * sb,
                r * ce,
                0.0,
                se,
            );
            let cov = j * r_meas.fixed_view::<3, 3>(0, 0) * j.transpose();
            (sensor_position + d, super::linalg::symmetrise(&cov))
        }
        MeasurementModel::Position { dim, .. } => {
            let mut cov = Mat3::zeros();
            cov.fixed_view_mut::<3, 3>(0, 0)
                .copy_from(&r_meas.fixed_view::<3, 3>(0, 0));
            if *dim == 2 {
                cov[(2, 2)] = UNOBSERVED_HEIGHT_VARIANCE_M2;
                (Vec3::new(z[0], z[1], 0.0), cov)
            } else {
                (Vec3::new(z[0], z[1], z[2]), cov)
            }
        }
    }
}
