//! Single-dwell detection statistics of a square-law detector: the threshold for a false-alarm
//! probability, closed-form Pd for Swerling 0, 1 and 3, the required SNR for a Pd, and the
//! random draws (RCS fluctuation, detector statistic) the radar model samples.
//!
//! Conventions: SNR is a linear power ratio (mean SNR for fluctuating targets); the noise power
//! is 1, so a cell's detector statistic `z = |√SNR·e^{jφ} + n|²` with `n ~ CN(0, 1)` is
//! exponential with mean 1 when no target is present, and the threshold for `Pfa` is
//! `T = −ln Pfa` (`P(z > T | noise) = e^{−T}`).
//!
//! Sources: Swerling (1960) and Marcum (1960) via Skolnik, *Introduction to Radar Systems*
//! (3rd ed., §2.5–2.8) and Mahafza, *Radar Systems Analysis and Design Using MATLAB* (3rd ed.,
//! §7.3–7.6, single-pulse forms); North's approximation and Albersheim's equation as quoted in
//! PRIMER §6.4.

use crate::Swerling;
use base::rng::Rng;
use rand::RngExt;
use rand_distr::{Exp1, StandardNormal};

/// Poisson tails beyond `mean + TAIL_SIGMAS·√mean + TAIL_PAD` hold less than 1e-25 of the mass
/// for any mean (Chernoff bound), far below the 1e-15 absolute accuracy the sums need.
const TAIL_SIGMAS: f64 = 12.0;
/// See [`TAIL_SIGMAS`]; dominates for small means, where the √mean term is small.
const TAIL_PAD: f64 = 30.0;
/// Bisection steps for [`required_snr`] over [`SNR_SEARCH_DB`]: 200 dB / 2^60 is far below any
/// useful SNR resolution.
const BISECTION_STEPS: usize = 60;
/// SNR bracket searched by [`required_snr`], dB: covers Pd from Pfa up to 1 − 1e-12 for every
/// Pfa in (0, 0.1].
const SNR_SEARCH_DB: (f64, f64) = (-60.0, 140.0);

/// Detection threshold (unit noise power) for a false-alarm probability: `T = −ln Pfa`.
pub fn threshold(pfa: f64) -> f64 {
    -pfa.ln()
}

/// Pd of a non-fluctuating (Swerling 0, Marcum) target, exact:
/// `Pd = Q₁(√(2·SNR), √(2T))` (see [`marcum_q1`]).
pub fn pd_swerling0(snr: f64, pfa: f64) -> f64 {
    poisson_race(snr, threshold(pfa))
}

/// Pd of a Swerling 1 target for one dwell, exact: `Pd = Pfa^{1/(1+SNR)}` (PRIMER §6.4).
///
/// Follows because with a Rayleigh amplitude the signal plus noise is `CN(0, 1 + SNR)`, so the
/// statistic is exponential with mean `1 + SNR`.
pub fn pd_swerling1(snr: f64, pfa: f64) -> f64 {
    pfa.powf(1.0 / (1.0 + snr))
}

/// Pd of a Swerling 3 target for one dwell, exact:
/// `Pd = exp(−T/b)·(1 + (SNR/2)·T/b²)` with `b = 1 + SNR/2`, `T = −ln Pfa`.
///
/// Derivation: the statistic's Laplace transform given SNR `s` is
/// `e^{−λs/(1+λ)}/(1+λ)`; averaging over `s ~ Gamma(2, θ = SNR/2)` gives
/// `(1+λ)/(1+bλ)²`, whose inverse is the density `e^{−z/b}(1 + θz/b)/b²`; integrating it
/// from `T` gives the formula. It equals Mahafza's (eq. 7.74) single-pulse case and is checked
/// in the tests against numerical integration of [`pd_swerling0`] over the chi-square-4 RCS
/// density.
pub fn pd_swerling3(snr: f64, pfa: f64) -> f64 {
    let t = threshold(pfa);
    let theta = snr / 2.0;
    let b = 1.0 + theta;
    (-t / b).exp() * (1.0 + theta * t / (b * b))
}

/// Pd for a Swerling case (dispatches to the exact closed forms).
pub fn pd(swerling: Swerling, snr: f64, pfa: f64) -> f64 {
    match swerling {
        Swerling::Zero => pd_swerling0(snr, pfa),
        Swerling::One => pd_swerling1(snr, pfa),
        Swerling::Three => pd_swerling3(snr, pfa),
    }
}

/// North's approximation for a non-fluctuating target (PRIMER §6.4):
/// `Pd ≈ ½ erfc(√(−ln Pfa) − √(SNR + ½))`.
pub fn pd_north(snr: f64, pfa: f64) -> f64 {
    0.5 * erfc(threshold(pfa).sqrt() - (snr + 0.5).sqrt())
}

/// Marcum's Q-function of order 1, `Q₁(a, b) = ∫_b^∞ x e^{−(x²+a²)/2} I₀(ax) dx`.
///
/// Computed as `P(N_{b²/2} ≤ N_{a²/2})` for independent Poisson counts, which is the
/// Poisson-mixture form of the noncentral chi-square tail (Marcum 1960; Shnidman 1989): a sum
/// of positive terms when the answer is small and of the complement when it is close to one,
/// so both tails keep full relative precision. Inputs must be non-negative.
pub fn marcum_q1(a: f64, b: f64) -> f64 {
    poisson_race(0.5 * a * a, 0.5 * b * b)
}

/// SNR (linear) needed for `pd` at `pfa`: exact for Swerling 1
/// (`SNR = ln Pfa / ln Pd − 1`), bisection on the closed form otherwise. Returns 0 when
/// `pd ≤ pfa` (noise alone suffices) and infinity when `pd ≥ 1`.
pub fn required_snr(swerling: Swerling, pd_wanted: f64, pfa: f64) -> f64 {
    if pd_wanted <= pfa {
        return 0.0;
    }
    if pd_wanted >= 1.0 {
        return f64::INFINITY;
    }
    if swerling == Swerling::One {
        return pfa.ln() / pd_wanted.ln() - 1.0;
    }
    // Pd rises monotonically with SNR for every case, so bisection in dB converges.
    let (mut lo, mut hi) = SNR_SEARCH_DB;
    for _ in 0..BISECTION_STEPS {
        let mid = 0.5 * (lo + hi);
        if pd(swerling, crate::db_to_ratio(mid), pfa) < pd_wanted {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    crate::db_to_ratio(0.5 * (lo + hi))
}

/// Complementary error function, Chebyshev fit with fractional error below 1.2e-7 everywhere
/// (Press et al., *Numerical Recipes*, 2nd ed., §6.2, `erfcc`). Good enough for North's
/// approximation, which is itself only good to about 0.01 in Pd.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let ans = t * (-z * z + poly).exp();
    if x >= 0.0 { ans } else { 2.0 - ans }
}

/// `P(N_t ≤ N_s)` for independent `N_s ~ Poisson(s)`, `N_t ~ Poisson(t)`.
///
/// The square-law statistic of a constant signal of SNR `s` is a Poisson(`s`) mixture of
/// Gamma(k+1, 1) variables, and `P(Gamma(k+1) > t) = P(N_t ≤ k)`; so
/// `Pd = Σ_k Pois(k; s)·P(N_t ≤ k)`. When `s ≤ t` the sum is taken directly (Pd is at most
/// moderate, all terms positive); otherwise its complement
/// `1 − Σ_{j≥1} Pois(j; t)·P(N_s < j)` is summed, so Pd close to 1 keeps its precision.
fn poisson_race(s: f64, t: f64) -> f64 {
    debug_assert!(
        s >= 0.0 && t >= 0.0,
        "poisson_race needs non-negative means"
    );
    if s <= t {
        // Σ_k Pois(k; s)·CDF_t(k).
        let n_terms = tail_index(s);
        let (mut cdf_t, mut sum) = (0.0, 0.0);
        let mut ln_fact = 0.0;
        for k in 0..=n_terms {
            if k > 0 {
                ln_fact += (k as f64).ln();
            }
            cdf_t += poisson_pmf(k, t, ln_fact);
            sum += poisson_pmf(k, s, ln_fact) * cdf_t.min(1.0);
        }
        sum.clamp(0.0, 1.0)
    } else {
        // 1 − Σ_{j≥1} Pois(j; t)·CDF_s(j − 1).
        let n_terms = tail_index(t);
        let (mut cdf_s, mut miss) = (0.0, 0.0);
        let mut ln_fact = 0.0;
        for j in 1..=n_terms {
            // CDF_s(j − 1) gains the pmf at j − 1, whose log-factorial is still `ln_fact`.
            cdf_s += poisson_pmf(j - 1, s, ln_fact);
            ln_fact += (j as f64).ln();
            miss += poisson_pmf(j, t, ln_fact) * cdf_s.min(1.0);
        }
        (1.0 - miss).clamp(0.0, 1.0)
    }
}

/// Last index worth summing for a Poisson mean (see [`TAIL_SIGMAS`]).
fn tail_index(mean: f64) -> u32 {
    (mean + TAIL_SIGMAS * mean.sqrt() + TAIL_PAD).ceil() as u32
}

/// `Pois(k; mean)` from `ln k!`, in log space so large means neither overflow nor underflow
/// before the exponential.
fn poisson_pmf(k: u32, mean: f64, ln_fact: f64) -> f64 {
    if mean == 0.0 {
        return if k == 0 { 1.0 } else { 0.0 };
    }
    (f64::from(k) * mean.ln() - mean - ln_fact).exp()
}

/// One scan's RCS as a multiple of the mean: 1 (Swerling 0), `Exp(1)` (Swerling 1:
/// chi-square with 2 dof, mean 1) or `Gamma(2, ½)` drawn as the mean of two `Exp(1)`
/// (Swerling 3: chi-square with 4 dof, mean 1).
pub(crate) fn draw_rcs_factor(swerling: Swerling, rng: &mut Rng) -> f64 {
    match swerling {
        Swerling::Zero => 1.0,
        Swerling::One => rng.sample::<f64, _>(Exp1),
        Swerling::Three => 0.5 * (rng.sample::<f64, _>(Exp1) + rng.sample::<f64, _>(Exp1)),
    }
}

/// The square-law detector statistic `|√snr + n|²` with `n ~ CN(0, 1)` (real and imaginary
/// parts `N(0, ½)`). The signal phase is left at zero: the noise is circular, so the phase
/// does not change the distribution and drawing it would only spend random numbers.
pub(crate) fn draw_square_law(snr: f64, rng: &mut Rng) -> f64 {
    let x: f64 = rng.sample(StandardNormal);
    let y: f64 = rng.sample(StandardNormal);
    let re = snr.sqrt() + x * core::f64::consts::FRAC_1_SQRT_2;
    let im = y * core::f64::consts::FRAC_1_SQRT_2;
    re * re + im * im
}

/// A noise-only statistic conditioned on crossing the threshold: `T + Exp(1)` (the exponential
/// distribution is memoryless).
pub(crate) fn draw_false_alarm_statistic(threshold: f64, rng: &mut Rng) -> f64 {
    threshold + rng.sample::<f64, _>(Exp1)
}

#[cfg(test)]
mod tests;
