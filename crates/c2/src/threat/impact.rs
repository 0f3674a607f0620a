//! Ballistic impact prediction: the unscented transform of a 6-state track through ballistic
//! flight to the ground (with drag at the track's ballistic-coefficient estimate, held fixed
//! across the sigma points: its own uncertainty is not propagated).
//!
//! Sigma points (13 = 2n + 1 for n = 6): the mean and `mean ± √(n+λ)·Lᵢ`, with `L` a square
//! root of the covariance (Cholesky; a symmetric eigen-decomposition with negative eigenvalues
//! clamped when the covariance is only semi-definite, e.g. zero). Scaling α = 1, κ = 0, β = 2
//! (λ = α²(n+κ) − n = 0): the points sit at ±√6 σ; mean weights 0 (centre) and 1/12; covariance
//! weights 2 (centre: β adds the Gaussian prior's fourth-moment term, the centre's deviation
//! from the mean) and 1/12. Every weight is non-negative, so the impact covariance is positive
//! semi-definite by construction; the negative centre weight of κ = 3 − n would not be.
//!
//! Each sigma point is flown to ellipsoidal altitude 0 (see `flight.rs`). The impact positions
//! are averaged in ECEF and the mean is projected onto the ellipsoid; the covariance is taken of
//! the impacts' east/north offsets from that point. Cost: 13 flights of ~15–60 RK4 steps of 16 s.

use super::flight::{Kin, Landing, fly_to_ground};
use super::{Ellipse, ImpactPrediction, TrackEstimate, east_north, vec3};
use base::SimDuration;
use geodesy::{Position, Vec3};
use nalgebra::{Matrix2, Matrix6, SymmetricEigen, Vector6};

const N: usize = 6;
/// √(n + λ) with λ = 0.
const SPREAD: f64 = 2.449_489_742_783_178;
/// Mean weight of every non-centre point, 1/(2(n+λ)).
const W_OUTER: f64 = 1.0 / 12.0;
/// Covariance weight of the centre point, λ/(n+λ) + 1 − α² + β.
const WC_CENTRE: f64 = 2.0;
/// χ² quantile for 95 % with 2 degrees of freedom, −2 ln 0.05.
const CHI2_2_95: f64 = 5.991_464_547_107_979;
/// Sigma points may fly this much longer than the mean before they count as never landing.
const SIGMA_SLACK_S: f64 = 600.0;

/// Predicts where and when a ballistic track comes down, with the impact uncertainty.
///
/// Unscented transform (13 sigma points, α = 1, κ = 0, β = 2: see the module doc) of the
/// 6-state through ballistic flight (gravity with J2, rotating ECEF, drag at the track's
/// ballistic coefficient if it has one) to altitude 0;
/// the impact covariance is in the local east–north plane at the mean impact point.
///
/// `None` when the mean state does not reach the ground within `horizon_s`, or a sigma point
/// does not within twice the mean's flight time plus 10 minutes (a covariance so wide that some
/// of it is orbital).
pub fn predict_impact(t: &TrackEstimate, horizon_s: f64) -> Option<ImpactPrediction> {
    let mean = Kin {
        r: vec3(t.position_ecef_m),
        v: vec3(t.velocity_ecef_mps),
        beta: t.ballistic_coefficient_kg_m2,
    };
    let centre = fly_to_ground(mean, horizon_s)?;
    let root = sqrt_covariance(&t.covariance) * SPREAD;
    let cap_s = 2.0 * centre.after_s + SIGMA_SLACK_S;
    let mut outer = Vec::with_capacity(2 * N);
    for i in 0..N {
        let col = root.column(i);
        let d_r = Vec3::new(col[0], col[1], col[2]);
        let d_v = Vec3::new(col[3], col[4], col[5]);
        for sign in [1.0, -1.0] {
            let x = Kin {
                r: mean.r + d_r * sign,
                v: mean.v + d_v * sign,
                beta: mean.beta,
            };
            outer.push(fly_to_ground(x, cap_s)?);
        }
    }
    Some(combine(t, &centre, &outer))
}

/// The weighted mean and covariance of the sigma-point impacts.
fn combine(t: &TrackEstimate, centre: &Landing, outer: &[Landing]) -> ImpactPrediction {
    let r_mean = outer.iter().map(|l| l.x.r).sum::<Vec3>() * W_OUTER;
    let after_s = outer.iter().map(|l| l.after_s).sum::<f64>() * W_OUTER;
    let point = Position::ecef_from_vec(r_mean).to_wgs84().with_alt(0.0);
    let origin = point.to_ecef().xyz_m();
    let (east, north) = east_north(&point);
    let en = |l: &Landing| {
        let d = l.x.r - origin;
        nalgebra::Vector2::new(d.dot(&east), d.dot(&north))
    };
    // The chord average sits a little below the ellipsoid, so the offsets' mean is not exactly
    // zero: deviations are taken from it, not from the projected point.
    let en_mean = outer.iter().map(en).sum::<nalgebra::Vector2<f64>>() * W_OUTER;
    let dev0 = en(centre) - en_mean;
    let mut cov = dev0 * dev0.transpose() * WC_CENTRE;
    for l in outer {
        let d = en(l) - en_mean;
        cov += d * d.transpose() * W_OUTER;
    }
    let cov = (cov + cov.transpose()) * 0.5;
    ImpactPrediction {
        time: t.time + SimDuration::from_secs_f64(after_s),
        point,
        covariance_en_m2: [[cov[(0, 0)], cov[(0, 1)]], [cov[(1, 0)], cov[(1, 1)]]],
        ellipse_95: ellipse(&cov, CHI2_2_95),
    }
}

/// A square root `L` with `L Lᵀ = P` of the symmetrised covariance.
fn sqrt_covariance(p: &[[f64; 6]; 6]) -> Matrix6<f64> {
    let m = Matrix6::from_fn(|i, j| 0.5 * (p[i][j] + p[j][i]));
    if let Some(chol) = m.cholesky() {
        return chol.l();
    }
    let eig = SymmetricEigen::new(m);
    let scale = Vector6::from_fn(|i, _| eig.eigenvalues[i].max(0.0).sqrt());
    eig.eigenvectors * Matrix6::from_diagonal(&scale)
}

/// The `k²`-scaled ellipse of a 2×2 east–north covariance.
pub(super) fn ellipse(cov: &Matrix2<f64>, k2: f64) -> Ellipse {
    let (ee, en, nn) = (cov[(0, 0)], cov[(0, 1)], cov[(1, 1)]);
    let mid = 0.5 * (ee + nn);
    let rad = (0.25 * (ee - nn) * (ee - nn) + en * en).sqrt();
    // Major-axis angle from east, counter-clockwise; bearing = 90° − that.
    let from_east_deg = 0.5 * (2.0 * en).atan2(ee - nn).to_degrees();
    Ellipse {
        semi_major_m: (k2 * (mid + rad).max(0.0)).sqrt(),
        semi_minor_m: (k2 * (mid - rad).max(0.0)).sqrt(),
        orientation_deg: (90.0 - from_east_deg).rem_euclid(180.0),
    }
}
