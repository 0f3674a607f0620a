//! Tests of the study statistics against tabulated quantiles and analytic results.

use super::*;

#[test]
fn t_quantiles_match_the_table() {
    // Two-sided 95 % critical values (any statistics textbook's t table).
    for (dof, want) in [
        (1.0, 12.706),
        (2.0, 4.303),
        (3.0, 3.182),
        (5.0, 2.571),
        (10.0, 2.228),
        (30.0, 2.042),
        (120.0, 1.980),
        (f64::INFINITY, 1.960),
    ] {
        let got = student_t_quantile(0.975, dof);
        assert!((got - want).abs() < 1e-3, "dof {dof}: {got} vs {want}");
    }
    // Closed forms: dof 1 is Cauchy (tan), dof 2 is t = (2p−1)/sqrt(2p(1−p)).
    let p: f64 = 0.9;
    let cauchy = (std::f64::consts::PI * (p - 0.5)).tan();
    assert!((student_t_quantile(p, 1.0) - cauchy).abs() < 1e-9);
    let two = (2.0 * p - 1.0) / (2.0 * p * (1.0 - p)).sqrt();
    assert!((student_t_quantile(p, 2.0) - two).abs() < 1e-9);
    assert!((student_t_quantile(0.995, f64::INFINITY) - 2.575_829_3).abs() < 1e-6);
    assert_eq!(student_t_quantile(0.5, 4.0), 0.0);
    assert!((student_t_quantile(0.025, 5.0) + 2.570_582).abs() < 1e-5);
}

#[test]
fn mean_ci_of_a_known_sample() {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squares 32, sd = sqrt(32/7).
    let xs = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
    let ci = mean_ci(&xs, LEVEL_95).expect("non-empty");
    let sd = (32.0f64 / 7.0).sqrt();
    assert_eq!(ci.n, 8);
    assert!((ci.mean - 5.0).abs() < 1e-12);
    assert!((ci.sd - sd).abs() < 1e-12);
    let half = 2.364_624 * sd / 8f64.sqrt(); // t(0.975, 7)
    assert!((ci.low - (5.0 - half)).abs() < 1e-5, "{ci:?}");
    assert!((ci.high - (5.0 + half)).abs() < 1e-5, "{ci:?}");
    assert!(ci.excludes_zero());
}

#[test]
fn degenerate_samples() {
    assert_eq!(mean_ci(&[], LEVEL_95), None);
    let one = mean_ci(&[3.0], LEVEL_95).expect("one value");
    assert_eq!((one.mean, one.sd), (3.0, 0.0));
    assert!(one.low.is_infinite() && one.high.is_infinite() && !one.excludes_zero());
    let flat = mean_ci(&[2.0; 5], LEVEL_95).expect("values");
    assert_eq!((flat.low, flat.high), (2.0, 2.0));
}

#[test]
fn paired_difference_skips_missing_pairs() {
    let base = [Some(1.0), Some(2.0), None, Some(4.0), Some(5.0)];
    let var = [Some(2.0), Some(4.0), Some(9.0), Some(5.0), None];
    // Pairs: +1, +2, +1 → mean 4/3, sd sqrt(1/3).
    let d = paired_diff(&var, &base, LEVEL_95).expect("pairs");
    assert_eq!(d.n, 3);
    assert!((d.mean - 4.0 / 3.0).abs() < 1e-12);
    assert!((d.sd - (1.0f64 / 3.0).sqrt()).abs() < 1e-12);
    let half = 4.302_653 * d.sd / 3f64.sqrt();
    assert!((d.low - (d.mean - half)).abs() < 1e-5);
    assert!(!d.excludes_zero(), "three noisy pairs cannot tell: {d:?}");
    let steady = [Some(1.0), Some(1.1), Some(0.9), Some(1.0)];
    let d = paired_diff(&steady, &[Some(0.0); 4], LEVEL_95).expect("pairs");
    assert!(d.excludes_zero() && d.low > 0.8, "{d:?}");
    // A difference that changes sign is not significant.
    let noisy = paired_diff(&[Some(1.0), Some(-1.0)], &[Some(0.0), Some(0.0)], LEVEL_95);
    assert!(!noisy.expect("pairs").excludes_zero());
    assert_eq!(paired_diff(&[None], &[Some(1.0)], LEVEL_95), None);
}

/// Seeded standard normal draws (SplitMix64 + Box–Muller), self-contained for the test.
fn normals(seed: u64, n: usize) -> Vec<f64> {
    let mut s = seed;
    let mut uniform = || {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|_| {
            let (u1, u2) = (1.0 - uniform(), uniform());
            (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
        })
        .collect()
}

#[test]
fn ci_width_shrinks_as_one_over_root_n() {
    // One sample's width carries its sd's sampling error (~7 % at N = 100), so the ratio is
    // taken between widths averaged over 40 independent replications.
    let mean_width = |n: usize| {
        let w: f64 = (0..40u64)
            .map(|r| {
                mean_ci(&normals(1000 + r, n), LEVEL_95)
                    .expect("values")
                    .width()
            })
            .sum();
        w / 40.0
    };
    let (w100, w400, w1600) = (mean_width(100), mean_width(400), mean_width(1600));
    assert!(
        (w400 / w100 - 0.5).abs() < 0.05,
        "width(400)/width(100) = {}",
        w400 / w100
    );
    assert!(
        (w1600 / w400 - 0.5).abs() < 0.05,
        "width(1600)/width(400) = {}",
        w1600 / w400
    );
    // Analytic width at N = 400: 2 t(0.975, 399) / sqrt(400) ≈ 0.1966.
    assert!((w400 / 0.1966 - 1.0).abs() < 0.03, "width(400) = {w400}");
    let xs = normals(7, 1600);
    // And the intervals cover the true mean 0 (seed fixed, so this is a check, not a gamble).
    let ci = mean_ci(&xs, LEVEL_95).expect("values");
    assert!(ci.low < 0.0 && ci.high > 0.0, "{ci:?}");
    assert!((ci.sd - 1.0).abs() < 0.05, "{ci:?}");
}

#[test]
fn wilson_interval_of_known_counts() {
    // Worked values (Newcombe 1998, Table I method 3; Agresti & Coull 1998): 8/10 and 0/10.
    let (lo, hi) = wilson(8, 10, LEVEL_95).expect("trials");
    assert!(
        (lo - 0.4902).abs() < 5e-5 && (hi - 0.9433).abs() < 5e-5,
        "{lo} {hi}"
    );
    let (lo, hi) = wilson(0, 10, LEVEL_95).expect("trials");
    assert_eq!(lo, 0.0);
    assert!((hi - 0.2775).abs() < 5e-5, "{hi}");
    let (lo, hi) = wilson(10, 10, LEVEL_95).expect("trials");
    assert_eq!(hi, 1.0);
    assert!((lo - 0.7225).abs() < 5e-5, "{lo}");
    // 81/263 (Newcombe's example): 0.2553 – 0.3662.
    let (lo, hi) = wilson(81, 263, LEVEL_95).expect("trials");
    assert!(
        (lo - 0.2553).abs() < 5e-5 && (hi - 0.3662).abs() < 5e-5,
        "{lo} {hi}"
    );
    assert_eq!(wilson(0, 0, LEVEL_95), None);
}

#[test]
fn wilson_interval_covers_at_its_level() {
    // Seeded Bernoulli samples of 40 trials at p = 0.7, 2000 replications: the interval holds
    // p in 93–97 % of them (its exact coverage at n = 40 is about 95 %). A formula error of a
    // factor in the half-width moves the rate far outside this band.
    let mut s: u64 = 99;
    let mut uniform = || {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let p = 0.7;
    let reps = 2000;
    let covered = (0..reps)
        .filter(|_| {
            let k = (0..40).filter(|_| uniform() < p).count() as u64;
            let (lo, hi) = wilson(k, 40, LEVEL_95).expect("trials");
            lo <= p && p <= hi
        })
        .count();
    let rate = covered as f64 / reps as f64;
    assert!((0.93..=0.97).contains(&rate), "coverage {rate}");
}
