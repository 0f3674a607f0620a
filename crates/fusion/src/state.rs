//! Track states for fusion: a 6-state ECEF position/velocity estimate and its time alignment.
//!
//! Time alignment is nearly-constant-velocity prediction with isotropic continuous white-noise
//! acceleration (`Q = q [[|dt|³/3, dt|dt|/2], [dt|dt|/2, |dt|]]` per axis). Backward steps
//! (retrodiction, e.g. a contributor stamped after the fusion time) use the same `|dt|` noise:
//! uncertainty grows in both directions. Ballistic tracks add the rotating-ECEF gravity field
//! `−GM r/|r|³ − 2ω×v − ω×(ω×r)` to the mean (RK4, substeps ≤ 1 s) and propagate the
//! covariance with the variational state-transition matrix, like `tracking`'s ballistic model:
//! a warhead falls ~5 m in 1 s, and a CV alignment would invent exactly that error.

use base::SimTime;
use nalgebra::{SMatrix, SVector};
use tracking::filter::ballistic_jacobian_times as jacobian_times;

/// `[x, y, z, vx, vy, vz]` in ECEF, metres and m/s.
pub type Vector6 = SVector<f64, 6>;
/// Covariance of a [`Vector6`].
pub type Matrix6 = SMatrix<f64, 6, 6>;

/// Earth's gravitational parameter (WGS-84, with atmosphere), m³/s²; equal to geodesy's.
const GM_M3_S2: f64 = 3.986_004_418e14;
/// Earth rotation rate (WGS-84), rad/s; equal to geodesy's.
const OMEGA_RAD_S: f64 = 7.292_115e-5;
/// Largest RK4 substep for the ballistic mean, s (error ≪ 1 mm per step near the surface).
const MAX_STEP_S: f64 = 1.0;

/// An ECEF position/velocity estimate at a time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrackState {
    /// Time of validity.
    pub time: SimTime,
    /// Mean.
    pub x: Vector6,
    /// Covariance (symmetric positive definite).
    pub p: Matrix6,
}

impl TrackState {
    /// Predicted to `to` (forwards or backwards): nearly constant velocity with white-noise
    /// acceleration of spectral density `q_m2_s3` per axis, plus gravity and the rotating-frame
    /// terms on the mean and its Jacobian when `ballistic`.
    pub fn predict(&self, to: SimTime, q_m2_s3: f64, ballistic: bool) -> TrackState {
        let dt = to.since(self.time).as_secs_f64();
        if dt == 0.0 {
            return *self;
        }
        let (x, phi) = if ballistic {
            ballistic_flow(&self.x, dt)
        } else {
            (cv_transition(dt) * self.x, cv_transition(dt))
        };
        let p = phi * self.p * phi.transpose() + cwna_noise(dt, q_m2_s3);
        TrackState {
            time: to,
            x,
            p: crate::linalg::symmetrise(&p),
        }
    }

    /// The mean of [`predict`](Self::predict) alone (bit for bit the same), without the
    /// covariance's state-transition matrix: for tests of where a track will be.
    pub fn predict_mean(&self, to: SimTime, ballistic: bool) -> Vector6 {
        let dt = to.since(self.time).as_secs_f64();
        if dt == 0.0 {
            self.x
        } else if ballistic {
            ballistic_mean(&self.x, dt)
        } else {
            cv_transition(dt) * self.x
        }
    }

    /// The position part of the mean, m.
    pub fn position(&self) -> nalgebra::Vector3<f64> {
        self.x.fixed_rows::<3>(0).into_owned()
    }
}

fn cv_transition(dt: f64) -> Matrix6 {
    let mut f = Matrix6::identity();
    for k in 0..3 {
        f[(k, k + 3)] = dt;
    }
    f
}

/// Continuous white-noise acceleration noise over `dt` (either sign).
fn cwna_noise(dt: f64, q: f64) -> Matrix6 {
    let a = dt.abs();
    let mut m = Matrix6::zeros();
    for k in 0..3 {
        m[(k, k)] = q * a * a * a / 3.0;
        m[(k, k + 3)] = q * dt * a / 2.0;
        m[(k + 3, k)] = q * dt * a / 2.0;
        m[(k + 3, k + 3)] = q * a;
    }
    m
}

fn derivative(y: &Vector6) -> Vector6 {
    let (r, v) = (y.fixed_rows::<3>(0), y.fixed_rows::<3>(3));
    let rn = r.norm();
    let w = OMEGA_RAD_S;
    let g = -r * (GM_M3_S2 / (rn * rn * rn));
    Vector6::new(
        v[0],
        v[1],
        v[2],
        g[0] + 2.0 * w * v[1] + w * w * r[0],
        g[1] - 2.0 * w * v[0] + w * w * r[1],
        g[2],
    )
}

/// RK4 on the mean and the variational equations `Φ̇ = A(x) Φ`.
fn ballistic_flow(y0: &Vector6, dt: f64) -> (Vector6, Matrix6) {
    let n = (dt.abs() / MAX_STEP_S).ceil().max(1.0);
    let h = dt / n;
    let (mut y, mut phi) = (*y0, Matrix6::identity());
    for _ in 0..n as u32 {
        // The variational products are the tracker's (the same Jacobian, bit for bit).
        let (k1, j1) = (derivative(&y), jacobian_times(&y, &phi));
        let y2 = y + k1 * (h / 2.0);
        let p2 = phi + j1 * (h / 2.0);
        let (k2, j2) = (derivative(&y2), jacobian_times(&y2, &p2));
        let y3 = y + k2 * (h / 2.0);
        let p3 = phi + j2 * (h / 2.0);
        let (k3, j3) = (derivative(&y3), jacobian_times(&y3, &p3));
        let y4 = y + k3 * h;
        let p4 = phi + j3 * h;
        let (k4, j4) = (derivative(&y4), jacobian_times(&y4, &p4));
        y += (k1 + k2 * 2.0 + k3 * 2.0 + k4) * (h / 6.0);
        phi += (j1 + j2 * 2.0 + j3 * 2.0 + j4) * (h / 6.0);
    }
    (y, phi)
}

/// The mean of [`ballistic_flow`] alone: the same RK4 steps, the same arithmetic.
fn ballistic_mean(y0: &Vector6, dt: f64) -> Vector6 {
    let n = (dt.abs() / MAX_STEP_S).ceil().max(1.0);
    let h = dt / n;
    let mut y = *y0;
    for _ in 0..n as u32 {
        let k1 = derivative(&y);
        let k2 = derivative(&(y + k1 * (h / 2.0)));
        let k3 = derivative(&(y + k2 * (h / 2.0)));
        let k4 = derivative(&(y + k3 * h));
        y += (k1 + k2 * 2.0 + k3 * 2.0 + k4) * (h / 6.0);
    }
    y
}
