//! Tests of the detection statistics: closed forms against independent numerical integration,
//! limits, North and Albersheim, the inverse, and the sampled statistics against the closed
//! forms.

use super::*;
use crate::{db_to_ratio, ratio_to_db};
use base::rng::{StreamKind, stream};

/// Composite Simpson's rule of `f` over `[a, b]` with `n` (even) intervals.
fn simpson(f: impl Fn(f64) -> f64, a: f64, b: f64, n: usize) -> f64 {
    let h = (b - a) / n as f64;
    let mut s = f(a) + f(b);
    for i in 1..n {
        let w = if i % 2 == 1 { 4.0 } else { 2.0 };
        s += w * f(a + i as f64 * h);
    }
    s * h / 3.0
}

/// `∫₀^upper Pd₀(s·x)·density(x) dx`, with 20 000 Simpson steps on `[0, 2]` (where Pd₀ of a
/// strong target jumps from 0 to 1) and 6000 on `[2, upper]`.
fn rcs_average(s: f64, pfa: f64, density: impl Fn(f64) -> f64, upper: f64) -> f64 {
    let f = |x: f64| pd_swerling0(s * x, pfa) * density(x);
    simpson(f, 0.0, 2.0, 20_000) + simpson(f, 2.0, upper, 6000)
}

/// `e^{−x} I₀(x)` by its power series in log space (independent of the Poisson form).
fn i0_scaled(x: f64) -> f64 {
    let q = 0.25 * x * x;
    let (mut term, mut sum) = (1.0, 1.0);
    for k in 1..400 {
        term *= q / (k as f64 * k as f64);
        sum += term;
        if term < 1e-18 * sum {
            break;
        }
    }
    sum * (-x).exp()
}

/// Marcum Q₁ by integrating the Rician density directly.
fn marcum_by_integration(a: f64, b: f64) -> f64 {
    // Integrand x e^{−(x−a)²/2} e^{−ax} I₀(ax); negligible beyond a + 40.
    let f = |x: f64| x * (-0.5 * (x - a) * (x - a)).exp() * i0_scaled(a * x);
    simpson(f, b, a + b + 40.0, 20_000)
}

#[test]
fn marcum_matches_rician_integral() {
    // Tolerance 1e-9: Simpson with 20 000 steps on a smooth integrand is good to ~1e-12, the
    // series to ~1e-15; this checks both branches (s ≤ t and s > t) and both tails.
    for (a, b) in [
        (0.5, 1.0),
        (1.0, 1.0),
        (2.0, 5.26),
        (3.0, 2.0),
        (5.0, 5.26),
        (7.0, 5.26),
        (10.0, 4.0),
    ] {
        let exact = marcum_q1(a, b);
        let numeric = marcum_by_integration(a, b);
        assert!(
            (exact - numeric).abs() < 1e-9,
            "Q1({a}, {b}) = {exact} vs integral {numeric}"
        );
    }
    // Limits: Q₁(0, b) = e^{−b²/2}; Q₁(a, 0) = 1.
    assert!((marcum_q1(0.0, 3.0) - (-4.5f64).exp()).abs() < 1e-15);
    assert!((marcum_q1(4.0, 0.0) - 1.0).abs() < 1e-15);
}

#[test]
fn zero_snr_gives_pfa_for_every_case() {
    for pfa in [1e-2, 1e-6, 1e-10] {
        for sw in [Swerling::Zero, Swerling::One, Swerling::Three] {
            let p = pd(sw, 0.0, pfa);
            assert!((p - pfa).abs() < 1e-12 * pfa.max(1e-3), "{sw:?} {pfa}: {p}");
        }
    }
}

#[test]
fn swerling1_equals_swerling0_averaged_over_exponential_rcs() {
    // Independent check of the Marcum sum: ∫ Pd₀(S̄x) e^{−x} dx must be Pfa^{1/(1+S̄)}.
    // Tolerance 1e-7: Simpson, fine steps where Pd₀ rises steeply at high SNR; the tail beyond
    // 60 is < e^{−60}.
    let pfa = 1e-6;
    for snr_db in [0.0, 10.0, 15.0, 20.0, 25.0] {
        let s = db_to_ratio(snr_db);
        let integral = rcs_average(s, pfa, |x| (-x).exp(), 60.0);
        let closed = pd_swerling1(s, pfa);
        assert!(
            (integral - closed).abs() < 1e-7,
            "{snr_db} dB: {integral} vs {closed}"
        );
    }
}

#[test]
fn swerling3_equals_swerling0_averaged_over_chi_square_4_rcs() {
    // The RCS density of Swerling 3 with mean 1 is 4x e^{−2x}. Tolerance 1e-7 as above.
    for pfa in [1e-4, 1e-6, 1e-8] {
        for snr_db in [0.0, 10.0, 13.0, 17.0, 25.0] {
            let s = db_to_ratio(snr_db);
            let density = |x: f64| 4.0 * x * (-2.0 * x).exp();
            let integral = rcs_average(s, pfa, density, 40.0);
            let closed = pd_swerling3(s, pfa);
            assert!(
                (integral - closed).abs() < 1e-7,
                "{pfa} {snr_db} dB: {integral} vs {closed}"
            );
        }
    }
}

#[test]
fn north_approximation_is_close_to_marcum() {
    // North's approximation is good to a few thousandths in Pd at low Pfa; over Pd in
    // (0.05, 0.999) at Pfa 1e-6 the observed maximum difference is 0.0028. Bound 0.005: tight
    // enough to catch a wrong threshold or a dB slip (those move Pd by > 0.05).
    let pfa = 1e-6;
    let mut worst: f64 = 0.0;
    for tenth_db in 80..=180 {
        let s = db_to_ratio(tenth_db as f64 / 10.0);
        let exact = pd_swerling0(s, pfa);
        if exact > 0.05 && exact < 0.999 {
            worst = worst.max((pd_north(s, pfa) - exact).abs());
        }
    }
    assert!(worst < 0.005, "North vs Marcum max difference {worst}");
}

#[test]
fn required_snr_inverts_and_matches_textbook_values() {
    for sw in [Swerling::Zero, Swerling::One, Swerling::Three] {
        for pd_wanted in [0.1, 0.5, 0.9, 0.99] {
            let s = required_snr(sw, pd_wanted, 1e-6);
            assert!(
                (pd(sw, s, 1e-6) - pd_wanted).abs() < 1e-9,
                "{sw:?} Pd {pd_wanted}"
            );
        }
    }
    // Albersheim (N = 1) for Pd 0.9, Pfa 1e-6 gives 13.12 dB; the exact answer must agree to
    // the equation's stated accuracy, 0.2 dB (PRIMER §6.4).
    let a = (0.62f64 / 1e-6).ln();
    let b = (0.9f64 / 0.1).ln();
    let albersheim_db = (6.2 + 4.54 / 1.44f64.sqrt()) * (a + 0.12 * a * b + 1.7 * b).log10();
    let exact_db = ratio_to_db(required_snr(Swerling::Zero, 0.9, 1e-6));
    assert!(
        (exact_db - albersheim_db).abs() < 0.2,
        "{exact_db} vs {albersheim_db}"
    );
    // Swerling 1, Pd 0.9, Pfa 1e-6: ln(1e-6)/ln(0.9) − 1 = 130.1 → 21.14 dB.
    let sw1_db = ratio_to_db(required_snr(Swerling::One, 0.9, 1e-6));
    assert!((sw1_db - 21.143).abs() < 0.001, "{sw1_db}");
    // Fluctuation costs SNR at high Pd: SW1 > SW3 > SW0.
    let sw3_db = ratio_to_db(required_snr(Swerling::Three, 0.9, 1e-6));
    assert!(sw1_db > sw3_db && sw3_db > exact_db);
    assert_eq!(required_snr(Swerling::Zero, 1e-7, 1e-6), 0.0);
    assert_eq!(required_snr(Swerling::One, 1.0, 1e-6), f64::INFINITY);
}

#[test]
fn sampled_statistics_match_the_closed_forms() {
    // The same draws the radar uses, without geometry: 40 000 draws per point, binomial
    // σ ≤ 0.0025; |p̂ − Pd| < 4σ (fixed seed, so this is deterministic; the 4σ bound makes a
    // failure on a changed stream a 1-in-16 000 event per point).
    let mut rng = stream(11, StreamKind::SensorNoise, 0);
    let pfa = 1e-4;
    let t = threshold(pfa);
    let n = 40_000;
    for sw in [Swerling::Zero, Swerling::One, Swerling::Three] {
        for snr_db in [5.0, 10.0, 13.0, 18.0] {
            let s = db_to_ratio(snr_db);
            let hits = (0..n)
                .filter(|_| draw_square_law(s * draw_rcs_factor(sw, &mut rng), &mut rng) > t)
                .count();
            let p_hat = hits as f64 / n as f64;
            let p = pd(sw, s, pfa);
            let sigma = crate::fixtures::binomial_sigma(p, n);
            assert!(
                (p_hat - p).abs() < 4.0 * sigma,
                "{sw:?} {snr_db} dB: {p_hat} vs {p} (σ {sigma})"
            );
        }
    }
}

#[test]
fn noise_only_statistic_exceeds_threshold_with_pfa() {
    // 200 000 noise-only draws at Pfa 0.01: expect 2000 crossings, Poisson σ ≈ 44.7; 4σ.
    let mut rng = stream(12, StreamKind::SensorNoise, 0);
    let pfa = 0.01;
    let n = 200_000;
    let hits = (0..n)
        .filter(|_| draw_square_law(0.0, &mut rng) > threshold(pfa))
        .count() as f64;
    let expected = pfa * n as f64;
    assert!(
        (hits - expected).abs() < 4.0 * expected.sqrt(),
        "{hits} vs {expected}"
    );
}
