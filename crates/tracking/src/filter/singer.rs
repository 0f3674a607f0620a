//! Singer (1970) manoeuvre model: per axis, acceleration is a first-order Gauss–Markov
//! process `ȧ = −a/τ + w` with stationary standard deviation σ, so `w` has intensity
//! `2σ²/τ`. With `x = T/τ` the exact discretisation is
//!
//! ```text
//! Φ = [[1, T, T² (x − 1 + e^{−x})/x²], [0, 1, T (1 − e^{−x})/x], [0, 0, e^{−x}]]
//! Q = σ² [[T⁴ f11/x⁴, T³ f12/x³, T² f13/x²], [·, T² f22/x², T f23/x], [·, ·, f33]]
//! f11 = 1 − e^{−2x} + 2x + 2x³/3 − 2x² − 4x e^{−x}
//! f12 = e^{−2x} + 1 − 2e^{−x} + 2x e^{−x} − 2x + x²
//! f13 = 1 − e^{−2x} − 2x e^{−x}
//! f22 = 4e^{−x} − 3 − e^{−2x} + 2x
//! f23 = e^{−2x} + 1 − 2e^{−x}
//! f33 = 1 − e^{−2x}
//! ```
//!
//! (Singer's table, written in `T` and `x` so that it stays finite as `τ → ∞`). Each `f` loses
//! all its leading digits to cancellation when `x` is small (`f11 ≈ x⁵/10`), so below
//! [`SERIES_LIMIT`] the ratios `f/xᵏ` come from their Taylor series, whose coefficients are
//! computed from the same exponential terms.

use super::StateCovariance;

/// Below this `x = T/τ` the Taylor series is used. At 0.5 the closed form loses at most ~4
/// digits (f11/x⁴ ≈ 0.05 from terms of order 1) and 24 series terms are exact to rounding.
const SERIES_LIMIT: f64 = 0.5;
/// Series terms: the `n`-th is below `2ⁿ xⁿ / n!`, < 1e-23 relative for x < 0.5 at n = 24.
const SERIES_TERMS: i32 = 24;

/// `coef · x^power · e^{−rate·x}`.
#[derive(Clone, Copy)]
struct Term {
    coef: f64,
    power: i32,
    rate: f64,
}

const fn t(coef: f64, power: i32, rate: f64) -> Term {
    Term { coef, power, rate }
}

/// `f(x)/x^shift` for `f = Σ terms`, which must vanish to order `shift` at 0.
fn eval(terms: &[Term], x: f64, shift: i32) -> f64 {
    if x >= SERIES_LIMIT {
        let f: f64 = terms
            .iter()
            .map(|term| term.coef * x.powi(term.power) * (-term.rate * x).exp())
            .sum();
        return f / x.powi(shift);
    }
    // Coefficient of xⁿ in x^p e^{−m x} is (−m)^{n−p}/(n−p)! for n ≥ p.
    let mut sum = 0.0;
    let mut x_pow = 1.0;
    for n in shift..shift + SERIES_TERMS {
        let c: f64 = terms
            .iter()
            .filter(|term| n >= term.power)
            .map(|term| {
                let k = n - term.power;
                term.coef * (-term.rate).powi(k) / factorial(k)
            })
            .sum();
        sum += c * x_pow;
        x_pow *= x;
    }
    sum
}

fn factorial(k: i32) -> f64 {
    (1..=k).map(f64::from).product()
}

const PHI13: [Term; 3] = [t(1.0, 1, 0.0), t(-1.0, 0, 0.0), t(1.0, 0, 1.0)];
const PHI23: [Term; 2] = [t(1.0, 0, 0.0), t(-1.0, 0, 1.0)];
const F11: [Term; 6] = [
    t(1.0, 0, 0.0),
    t(-1.0, 0, 2.0),
    t(2.0, 1, 0.0),
    t(2.0 / 3.0, 3, 0.0),
    t(-2.0, 2, 0.0),
    t(-4.0, 1, 1.0),
];
const F12: [Term; 6] = [
    t(1.0, 0, 2.0),
    t(1.0, 0, 0.0),
    t(-2.0, 0, 1.0),
    t(2.0, 1, 1.0),
    t(-2.0, 1, 0.0),
    t(1.0, 2, 0.0),
];
const F13: [Term; 3] = [t(1.0, 0, 0.0), t(-1.0, 0, 2.0), t(-2.0, 1, 1.0)];
const F22: [Term; 4] = [
    t(4.0, 0, 1.0),
    t(-3.0, 0, 0.0),
    t(-1.0, 0, 2.0),
    t(2.0, 1, 0.0),
];
const F23: [Term; 3] = [t(1.0, 0, 2.0), t(1.0, 0, 0.0), t(-2.0, 0, 1.0)];

/// Per-axis `(Φ, Q)` as 3×3 arrays in `[position, velocity, acceleration]` order.
pub(super) fn axis(dt_s: f64, tau_s: f64, sigma_mps2: f64) -> ([[f64; 3]; 3], [[f64; 3]; 3]) {
    assert!(
        tau_s.is_finite() && tau_s > 0.0,
        "Singer time constant {tau_s} s is not positive"
    );
    assert!(
        sigma_mps2.is_finite() && sigma_mps2 >= 0.0,
        "Singer acceleration sigma {sigma_mps2} m/s² is negative"
    );
    let x = dt_s / tau_s;
    let (t1, t2) = (dt_s, dt_s * dt_s);
    let decay = (-x).exp();
    let phi = [
        [1.0, t1, t2 * eval(&PHI13, x, 2)],
        [0.0, 1.0, t1 * eval(&PHI23, x, 1)],
        [0.0, 0.0, decay],
    ];
    let s2 = sigma_mps2 * sigma_mps2;
    let q11 = s2 * t2 * t2 * eval(&F11, x, 4);
    let q12 = s2 * t2 * t1 * eval(&F12, x, 3);
    let q13 = s2 * t2 * eval(&F13, x, 2);
    let q22 = s2 * t2 * eval(&F22, x, 2);
    let q23 = s2 * t1 * eval(&F23, x, 1);
    let q33 = -s2 * (-2.0 * x).exp_m1();
    let q = [[q11, q12, q13], [q12, q22, q23], [q13, q23, q33]];
    (phi, q)
}

/// The 9-state `(F, Q)`: the same Singer process on each axis independently.
pub(super) fn transition(
    dt_s: f64,
    tau_s: f64,
    sigma_mps2: f64,
) -> (StateCovariance, StateCovariance) {
    let (phi, q) = axis(dt_s, tau_s, sigma_mps2);
    let mut f = StateCovariance::zeros();
    let mut qq = StateCovariance::zeros();
    for i in 0..3 {
        let idx = [i, 3 + i, 6 + i];
        for a in 0..3 {
            for b in 0..3 {
                f[(idx[a], idx[b])] = phi[a][b];
                qq[(idx[a], idx[b])] = q[a][b];
            }
        }
    }
    (f, qq)
}
