//! Fusion rules for estimates of one object at one time: naive (independence), covariance
//! intersection and Bar-Shalom–Campo (PRIMER §3.2).
//!
//! - **Naive**: information-form sum, valid only for independent errors (over-confident
//!   otherwise: the Monte Carlo tests show it).
//! - **Covariance intersection** (Julier & Uhlmann 1997): `C⁻¹ = ωA⁻¹ + (1−ω)B⁻¹`, ω minimising
//!   `ln det C` by golden-section search on [0, 1] (the objective is convex in ω), endpoints
//!   included, on the generalised eigenvalues of the pair (one decomposition per fusion). Consistent for any cross-correlation.
//! - **Bar-Shalom–Campo** with an assumed correlation coefficient ρ. Choice of cross-covariance:
//!   `P_ij = ρ P_i^{1/2} P_j^{1/2}` with symmetric square roots. Unlike MATLAB `fusexcov`'s
//!   element-wise `ρ√(P_i∘P_j)`, this is always a valid joint covariance for |ρ| ≤ 1 (it is the
//!   cross-covariance of `e_i = P_i^{1/2} z_i`, `e_j = P_j^{1/2} z_j` with `corr(z_i, z_j) = ρI`),
//!   so the fused covariance stays positive definite. When `P_i + P_j − P_ij − P_ji` is singular
//!   (ρ = 1 on equal covariances) the rule falls back to CI.
//!
//! Several estimates: naive in one step; CI and BC fold left in the given order (the caller
//! sorts contributors, so the order is deterministic). All inputs must share one time.

use crate::linalg::{chol, inv_spd, sqrtm, symmetrise};
use crate::state::{Matrix6, TrackState, Vector6};

/// How a system track's contributors are combined.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FusionRule {
    /// Covariance intersection with the determinant-minimising weight (robust default).
    CovarianceIntersection,
    /// Independence assumption (information sum).
    Naive,
    /// Bar-Shalom–Campo with an assumed error correlation coefficient in [−1, 1].
    BarShalomCampo {
        /// Correlation coefficient ρ.
        correlation: f64,
    },
}

/// Golden-section iterations: the bracket shrinks by 0.618⁵⁰ ≈ 4e-11.
const GOLDEN_ITERATIONS: usize = 50;

fn assert_same_time(estimates: &[TrackState]) {
    assert!(!estimates.is_empty(), "fusion of no estimates");
    let t = estimates[0].time;
    assert!(
        estimates.iter().all(|e| e.time == t),
        "fusion inputs must be time-aligned"
    );
}

/// Independence fusion: `P⁻¹ = Σ P_k⁻¹`, `x = P Σ P_k⁻¹ x_k`.
pub fn naive(estimates: &[TrackState]) -> TrackState {
    assert_same_time(estimates);
    let mut info = Matrix6::zeros();
    let mut ivec = Vector6::zeros();
    for e in estimates {
        let i = inv_spd(&e.p, "naive fusion input");
        info += i;
        ivec += i * e.x;
    }
    let p = inv_spd(&info, "naive fused information");
    TrackState {
        time: estimates[0].time,
        x: p * ivec,
        p,
    }
}

/// Two-estimate covariance intersection; returns the fused estimate and the weight ω on `a`.
pub fn covariance_intersection(a: &TrackState, b: &TrackState) -> (TrackState, f64) {
    assert_same_time(&[*a, *b]);
    let ai = inv_spd(&a.p, "CI input a");
    let bi = inv_spd(&b.p, "CI input b");
    // With B = LLᵀ and λ_k the eigenvalues of LᵀA⁻¹L, ωA⁻¹ + (1−ω)B⁻¹ =
    // L⁻ᵀ(ωLᵀA⁻¹L + (1−ω)I)L⁻¹, so ln det C = const − Σ ln(1 + ω(λ_k − 1)): one eigen
    // decomposition, then a scalar convex search.
    let l = chol(&b.p)
        .expect("CI input b: covariance not positive definite")
        .unpack();
    let lambda = nalgebra::SymmetricEigen::new(symmetrise(&(l.transpose() * ai * l))).eigenvalues;
    let objective = |w: f64| -> f64 {
        -lambda
            .iter()
            .map(|lk| (1.0 + w * (lk - 1.0)).max(f64::MIN_POSITIVE).ln())
            .sum::<f64>()
    };
    let w = minimise_unit(objective);
    let info = ai * w + bi * (1.0 - w);
    let p = inv_spd(&info, "CI fused information");
    let x = p * (ai * a.x * w + bi * b.x * (1.0 - w));
    (TrackState { time: a.time, x, p }, w)
}

/// Minimum of a convex function on [0, 1] (golden section, then the endpoints).
fn minimise_unit(f: impl Fn(f64) -> f64) -> f64 {
    let g = (5f64.sqrt() - 1.0) / 2.0;
    let (mut lo, mut hi) = (0.0, 1.0);
    let (mut c, mut d) = (hi - g * (hi - lo), lo + g * (hi - lo));
    let (mut fc, mut fd) = (f(c), f(d));
    for _ in 0..GOLDEN_ITERATIONS {
        if fc <= fd {
            hi = d;
            (d, fd) = (c, fc);
            c = hi - g * (hi - lo);
            fc = f(c);
        } else {
            lo = c;
            (c, fc) = (d, fd);
            d = lo + g * (hi - lo);
            fd = f(d);
        }
    }
    let mid = (lo + hi) / 2.0;
    [(0.0, f(0.0)), (1.0, f(1.0)), (mid, f(mid))]
        .into_iter()
        .fold(
            (mid, f64::INFINITY),
            |best, (w, v)| if v < best.1 { (w, v) } else { best },
        )
        .0
}

/// Bar-Shalom–Campo fusion with `P_ij = ρ P_a^{1/2} P_b^{1/2}` (see the module docs).
pub fn bar_shalom_campo(a: &TrackState, b: &TrackState, correlation: f64) -> TrackState {
    assert_same_time(&[*a, *b]);
    assert!(
        (-1.0..=1.0).contains(&correlation),
        "correlation {correlation} outside [-1, 1]"
    );
    let pab = sqrtm(&a.p) * sqrtm(&b.p) * correlation;
    let t = a.p + b.p - pab - pab.transpose();
    let Some(tc) = chol(&t) else {
        return covariance_intersection(a, b).0;
    };
    let k = (a.p - pab) * symmetrise(&tc.inverse());
    let x = a.x + k * (b.x - a.x);
    let p = symmetrise(&(a.p - k * (a.p - pab.transpose())));
    TrackState { time: a.time, x, p }
}

/// Fuses any number of time-aligned estimates with `rule` (see the module docs for order).
pub fn fuse(rule: FusionRule, estimates: &[TrackState]) -> TrackState {
    assert_same_time(estimates);
    if let [single] = estimates {
        return *single;
    }
    match rule {
        FusionRule::Naive => naive(estimates),
        FusionRule::CovarianceIntersection => estimates[1..]
            .iter()
            .fold(estimates[0], |acc, e| covariance_intersection(&acc, e).0),
        FusionRule::BarShalomCampo { correlation } => {
            estimates[1..].iter().fold(estimates[0], |acc, e| {
                bar_shalom_campo(&acc, e, correlation)
            })
        }
    }
}
