//! The covariance summary is conservative (decoded P' − P ⪰ 0, checked with an independent
//! Jacobi eigenvalue solver) and its inflation is modest; its bytes decode to the same summary.

use super::super::CovarianceSummary;
use super::fixtures::realistic_covariance;
use proptest::prelude::*;
use rand::{RngExt, SeedableRng};

/// Eigenvalues of a symmetric 6×6 matrix by cyclic Jacobi rotations.
#[allow(clippy::needless_range_loop)] // rotations read two entries per index: indices are clearer
fn eigenvalues(mut a: [[f64; 6]; 6]) -> [f64; 6] {
    for _ in 0..100 {
        let off: f64 = (0..6)
            .flat_map(|i| (0..6).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        if off < 1e-30 {
            break;
        }
        for p in 0..6 {
            for q in p + 1..6 {
                if a[p][q].abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let (c, s) = (1.0 / (t * t + 1.0).sqrt(), t / (t * t + 1.0).sqrt());
                for k in 0..6 {
                    let (akp, akq) = (a[k][p], a[k][q]);
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for k in 0..6 {
                    let (apk, aqk) = (a[p][k], a[q][k]);
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
            }
        }
    }
    core::array::from_fn(|i| a[i][i])
}

/// Smallest eigenvalue of `D⁻¹ (P' − P) D⁻¹` with `D` the decoded sigmas (scale-free).
fn min_scaled_eigen(p: &[[f64; 6]; 6], s: &CovarianceSummary) -> f64 {
    let q = s.to_matrix();
    let d: [f64; 6] = core::array::from_fn(|i| q[i][i].sqrt());
    let m = core::array::from_fn(|i| core::array::from_fn(|j| (q[i][j] - p[i][j]) / (d[i] * d[j])));
    eigenvalues(m).into_iter().fold(f64::INFINITY, f64::min)
}

#[test]
fn jacobi_finds_known_eigenvalues() {
    let mut a = [[0.0; 6]; 6];
    for (i, row) in a.iter_mut().enumerate() {
        row[i] = 2.0;
    }
    a[0][1] = 1.0;
    a[1][0] = 1.0;
    let mut e = eigenvalues(a);
    e.sort_by(f64::total_cmp);
    assert!(
        (e[0] - 1.0).abs() < 1e-12 && (e[5] - 3.0).abs() < 1e-12,
        "{e:?}"
    );
}

#[test]
fn an_indefinite_difference_is_detected() {
    // A summary of a smaller matrix cannot dominate a larger one: the checker must say so.
    let mut small = [[0.0; 6]; 6];
    for (i, row) in small.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    let big = small.map(|row| row.map(|v| v * 4.0));
    let s = CovarianceSummary::from_matrix(&small);
    assert!(min_scaled_eigen(&big, &s) < -0.5);
    assert!(min_scaled_eigen(&small, &s) >= -1e-9);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn compression_is_conservative(p in realistic_covariance()) {
        let s = CovarianceSummary::from_matrix(&p);
        let min = min_scaled_eigen(&p, &s);
        prop_assert!(min >= -1e-8, "P' - P has eigenvalue {min}");
        prop_assert_eq!(CovarianceSummary::from_bytes(s.to_bytes()), Some(s));
    }

    #[test]
    fn generic_spd_matrices_are_dominated(a in prop::array::uniform6(prop::array::uniform6(-1.0f64..1.0)),
                                          scale in prop::array::uniform6(0.0f64..4.0)) {
        // P = S A Aᵀ S + εI with per-row scales from 1 to 10⁴: arbitrary correlation patterns.
        let sc = scale.map(|u| 10f64.powf(u));
        let p: [[f64; 6]; 6] = core::array::from_fn(|i| core::array::from_fn(|j| {
            let dot: f64 = (0..6).map(|k| a[i][k] * a[j][k]).sum();
            sc[i] * sc[j] * (dot + if i == j { 1e-3 } else { 0.0 })
        }));
        let s = CovarianceSummary::from_matrix(&p);
        let min = min_scaled_eigen(&p, &s);
        prop_assert!(min >= -1e-8, "P' - P has eigenvalue {min}");
    }
}

#[test]
fn inflation_is_modest() {
    use super::fixtures::realistic_from;
    let mut rng = base::rng::Rng::seed_from_u64(2024);
    let mut u = || rng.random::<f64>();
    let mut factors = Vec::new();
    let mut diagonal_factors = Vec::new();
    for _ in 0..2000 {
        let q = [0; 4].map(|_| 2.0 * u() - 1.0);
        let sp = [0; 3].map(|_| u());
        let sv = [0; 3].map(|_| u());
        let rho = [0; 3].map(|_| 1.9 * u() - 0.95);
        let p = realistic_from(q, sp, sv, rho);
        let d = CovarianceSummary::from_matrix(&p).to_matrix();
        factors.extend((0..6).map(|i| d[i][i] / p[i][i]));
        // Axis-aligned tracks (identity rotation): the carried pattern is exact.
        let p = realistic_from([1.0, 0.0, 0.0, 0.0], sp, sv, rho);
        let d = CovarianceSummary::from_matrix(&p).to_matrix();
        diagonal_factors.extend((0..6).map(|i| d[i][i] / p[i][i]));
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (m, md) = (median(&mut factors), median(&mut diagonal_factors));
    let p90 = factors[factors.len() * 9 / 10];
    eprintln!(
        "sigma^2 inflation: median {m:.3}, p90 {p90:.3} (rotated); median {md:.3} (axis-aligned)"
    );
    assert!(factors.iter().all(|&f| f >= 1.0 - 1e-9));
    // One log step is 1.122 in variance: axis-aligned should cost about one rounding step.
    assert!(md <= 1.26, "axis-aligned median inflation {md}");
    assert!(m <= 2.3, "rotated median inflation {m}");
}
