//! Fusion rules against analytic results and Monte Carlo consistency with known correlation.

use super::support::{diag, gauss6, random_spd, rng};
use crate::linalg::{inv_spd, sqrtm};
use crate::rules::{bar_shalom_campo, covariance_intersection, fuse, naive};
use crate::{FusionRule, Matrix6, TrackState, Vector6};
use base::SimTime;

fn est(x: Vector6, p: Matrix6) -> TrackState {
    TrackState {
        time: SimTime::from_secs(3),
        x,
        p,
    }
}

#[test]
fn naive_equals_the_information_sum() {
    let mut r = rng(1);
    let es: Vec<TrackState> = (0..3)
        .map(|_| est(gauss6(&mut r) * 10.0, random_spd(&mut r, 3.0)))
        .collect();
    let f = naive(&es);
    let info: Matrix6 = es.iter().map(|e| e.p.try_inverse().expect("SPD")).sum();
    let ivec: Vector6 = es
        .iter()
        .map(|e| e.p.try_inverse().expect("SPD") * e.x)
        .sum();
    let p = info.try_inverse().expect("SPD");
    assert!((f.p - p).norm() < 1e-9 * p.norm());
    assert!((f.x - p * ivec).norm() < 1e-9 * (p * ivec).norm());
    assert_eq!(fuse(FusionRule::Naive, &es), f);
}

#[test]
fn ci_of_identical_inputs_returns_them() {
    let mut r = rng(2);
    let a = est(gauss6(&mut r), random_spd(&mut r, 2.0));
    let (f, _) = covariance_intersection(&a, &a);
    assert!((f.x - a.x).norm() < 1e-9 * (1.0 + a.x.norm()));
    assert!((f.p - a.p).norm() < 1e-9 * a.p.norm());
}

#[test]
fn ci_weight_minimises_the_determinant() {
    let mut r = rng(3);
    for _ in 0..20 {
        let a = est(gauss6(&mut r), random_spd(&mut r, 2.0));
        let b = est(gauss6(&mut r), random_spd(&mut r, 1.0));
        let (f, w) = covariance_intersection(&a, &b);
        let (ai, bi) = (inv_spd(&a.p, "a"), inv_spd(&b.p, "b"));
        let det_at = |w: f64| {
            (ai * w + bi * (1.0 - w))
                .try_inverse()
                .expect("SPD")
                .determinant()
        };
        let best_grid = (0..=1000)
            .map(|k| det_at(f64::from(k) / 1000.0))
            .fold(f64::INFINITY, f64::min);
        assert!(f.p.determinant() <= best_grid * (1.0 + 1e-9), "ω={w}");
        assert!((f.p.determinant() - det_at(w)).abs() <= 1e-9 * det_at(w));
        // Fused P is no larger than either input in the CI sense: it bounds ωA⁻¹ + (1−ω)B⁻¹.
        assert!((0.0..=1.0).contains(&w));
    }
}

#[test]
fn ci_picks_the_better_estimate_when_one_dominates() {
    let a = est(Vector6::zeros(), diag([1.0; 6]));
    let b = est(Vector6::repeat(1.0), diag([100.0; 6]));
    let (f, w) = covariance_intersection(&a, &b);
    assert!(w > 1.0 - 1e-9, "ω = {w}");
    assert!((f.p - a.p).norm() < 1e-6);
}

struct Scores {
    nees: f64,
    mse: f64,
}

/// Monte Carlo with errors correlated as `P_ij = ρ P_a^{1/2} P_b^{1/2}` (the BC model).
fn monte_carlo(rule: FusionRule, rho: f64) -> Scores {
    let pa = diag([400.0, 100.0, 900.0, 4.0, 1.0, 9.0]);
    let pb = diag([100.0, 900.0, 400.0, 1.0, 16.0, 4.0]);
    let (sa, sb) = (sqrtm(&pa), sqrtm(&pb));
    let mut r = rng(4);
    let runs = 4000;
    let (mut nees, mut mse) = (0.0, 0.0);
    for _ in 0..runs {
        let z1 = gauss6(&mut r);
        let z2 = z1 * rho + gauss6(&mut r) * (1.0 - rho * rho).sqrt();
        let a = est(sa * z1, pa);
        let b = est(sb * z2, pb);
        let f = fuse(rule, &[a, b]);
        nees += f.x.dot(&(inv_spd(&f.p, "fused") * f.x));
        mse += f.x.fixed_rows::<3>(0).norm_squared();
    }
    Scores {
        nees: nees / f64::from(runs),
        mse: mse / f64::from(runs),
    }
}

#[test]
fn monte_carlo_consistency_with_known_correlation() {
    let rho = 0.5;
    let naive = monte_carlo(FusionRule::Naive, rho);
    let ci = monte_carlo(FusionRule::CovarianceIntersection, rho);
    let bc = monte_carlo(FusionRule::BarShalomCampo { correlation: rho }, rho);
    // 4000 runs of χ²₆: the mean's standard deviation is √(12/4000) ≈ 0.055.
    assert!(
        naive.nees > 7.0,
        "naive NEES {} should be over-confident",
        naive.nees
    );
    assert!(ci.nees <= 6.0, "CI NEES {} should be consistent", ci.nees);
    assert!((bc.nees - 6.0).abs() < 0.25, "BC NEES {}", bc.nees);
    assert!(bc.mse < ci.mse, "BC MSE {} vs CI {}", bc.mse, ci.mse);
}

#[test]
fn bar_shalom_campo_with_zero_correlation_is_naive() {
    let mut r = rng(5);
    let a = est(gauss6(&mut r), random_spd(&mut r, 2.0));
    let b = est(gauss6(&mut r), random_spd(&mut r, 1.0));
    let bc = bar_shalom_campo(&a, &b, 0.0);
    let nv = naive(&[a, b]);
    assert!((bc.p - nv.p).norm() < 1e-9 * nv.p.norm());
    assert!((bc.x - nv.x).norm() < 1e-8 * (1.0 + nv.x.norm()));
}
