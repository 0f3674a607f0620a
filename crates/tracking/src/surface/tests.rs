//! The surface constraint: the truncated-normal moments against an independent reference, and
//! the cut estimate's properties (moments, SPD, only altitude-correlated parts move).

use super::*;
use nalgebra::{Matrix3, SMatrix, Vector3};
use proptest::prelude::*;

/// `(α, ln(1 − Φ(α)), λ, Var ratio)` from Python's `math.erfc` in double precision
/// (`0.5*erfc(a/sqrt(2))`, `phi/Z`, `1 + a*lam - lam*lam`; the script is this comment).
const REFERENCE: [(f64, f64, f64, f64); 15] = [
    (
        -5.0,
        -2.866516130081049e-07,
        1.486719940904906e-06,
        0.9999925663980851,
    ),
    (
        -2.0,
        -0.02301290932896349,
        0.05524786267898997,
        0.8864519483114236,
    ),
    (
        -0.5,
        -0.36894641528865635,
        0.5091604338370336,
        0.486175435696367,
    ),
    (
        0.0,
        -core::f64::consts::LN_2,
        0.7978845608028654,
        0.3633802276324186,
    ),
    (
        0.5,
        -1.1759117615936188,
        1.1410777703680648,
        0.2684804071558782,
    ),
    (
        1.0,
        -1.8410216450092634,
        1.525135276160981,
        0.1990976655703487,
    ),
    (
        2.0,
        -3.783184333682031,
        2.37321553282284,
        0.11427910041408307,
    ),
    (
        3.0,
        -6.607726221510348,
        3.283098654930434,
        0.0705591867852764,
    ),
    (
        5.0,
        -15.064998393988724,
        5.18650396712583,
        0.03269643461717564,
    ),
    (
        8.0,
        -35.013437159914545,
        8.121368112236068,
        0.014324883443705971,
    ),
    (
        9.99,
        -53.13035374560601,
        10.088187777143775,
        0.009463266753257926,
    ),
    (
        10.0,
        -53.23128515051246,
        10.098093233962423,
        0.00944537782656596,
    ),
    (
        15.0,
        -116.13138484571166,
        15.066086827167377,
        0.004330123764304972,
    ),
    (
        25.0,
        -316.63940800802015,
        25.039873012054997,
        0.0015848415347363698,
    ),
    (
        35.0,
        -616.9751012619224,
        35.02852497059211,
        0.0008123553288896801,
    ),
];

#[test]
fn val_python_truncated_normal_moments() {
    // Tolerance: erfcc's 1.2e-7 fractional error, amplified by the cancellation in the
    // variance ratio just below the switch to the asymptotic series (about α·2λ/ratio ≈ 2e4
    // at α = 10: 3e-3 relative), and the series' own truncation above it.
    for (alpha, ln_mass, lambda, ratio) in REFERENCE {
        let t = upper_tail(alpha);
        let rel = |a: f64, b: f64| (a - b).abs() / b.abs().max(1e-300);
        assert!(
            (t.ln_mass - ln_mass).abs() <= 1e-6 * ln_mass.abs().max(1.0),
            "ln mass at {alpha}: {} vs {ln_mass}",
            t.ln_mass
        );
        assert!(
            rel(t.lambda, lambda) < 2e-7,
            "λ at {alpha}: {} vs {lambda}",
            t.lambda
        );
        assert!(
            rel(t.variance_ratio, ratio) < 3e-3,
            "ratio at {alpha}: {} vs {ratio}",
            t.variance_ratio
        );
    }
}

#[test]
fn the_tail_is_continuous_where_the_series_takes_over() {
    let below = upper_tail(ASYMPTOTIC_ALPHA - 1e-9);
    let above = upper_tail(ASYMPTOTIC_ALPHA);
    assert!((below.lambda - above.lambda).abs() < 1e-5);
    assert!((below.variance_ratio - above.variance_ratio).abs() / above.variance_ratio < 3e-3);
    assert!(upper_tail(1e6).variance_ratio > 0.0, "never singular");
}

fn flat() -> Surface {
    Surface { floor_alt_m: 0.0 }
}

#[test]
fn a_flat_cut_gives_the_truncated_normal_moments_along_z() {
    // z ~ N(−200, 100²), x correlated with z (ρ = 0.5), y independent.
    let mut x = Vector3::new(10.0, 20.0, -200.0);
    let mut p = Matrix3::new(400.0, 0.0, 1000.0, 0.0, 900.0, 0.0, 1000.0, 0.0, 10_000.0);
    let cut = truncate(Frame::Flat, flat(), &mut x, &mut p);
    let t = upper_tail(2.0);
    assert!((cut.ln_mass - t.ln_mass).abs() < 1e-12);
    assert!(
        (x.z - (-200.0 + 100.0 * t.lambda)).abs() < 1e-9,
        "z mean {}",
        x.z
    );
    assert!((p[(2, 2)] - 10_000.0 * t.variance_ratio).abs() < 1e-6);
    // x moves by its regression on z: cov(x, z)/var(z) × Δz.
    assert!((x.x - (10.0 + 0.1 * (x.z + 200.0))).abs() < 1e-9);
    assert_eq!(
        (x.y, p[(1, 1)], p[(0, 1)]),
        (20.0, 900.0, 0.0),
        "y is untouched"
    );
    assert!(p.cholesky().is_some());
}

#[test]
fn far_above_the_floor_nothing_changes() {
    let mut x = Vector3::new(0.0, 0.0, 9_000.0);
    let mut p = Matrix3::identity() * 200.0 * 200.0;
    let (x0, p0) = (x, p);
    truncate(Frame::Flat, flat(), &mut x, &mut p);
    assert_eq!((x, p), (x0, p0));
}

#[test]
fn an_ecef_cut_moves_along_the_ellipsoid_normal() {
    // 500 m below the ellipsoid at 35°N 135°E with 300 m isotropic σ: the mean comes up
    // along the normal and ends above the floor; horizontal variance is untouched.
    let g = geodesy::Wgs84::from_degrees(35.0, 135.0, -500.0).expect("valid");
    let p0 = g.to_ecef().xyz_m();
    let mut x = SVector::<f64, 6>::new(p0.x, p0.y, p0.z, 100.0, 0.0, -30.0);
    let mut p = SMatrix::<f64, 6, 6>::identity() * 90_000.0;
    truncate(Frame::Ecef, Surface::ELLIPSOID, &mut x, &mut p);
    let (alt, up) = altitude(Frame::Ecef, Vector3::new(x[0], x[1], x[2]));
    let t = upper_tail(500.0 / 300.0);
    assert!(
        (alt - (-500.0 + 300.0 * t.lambda)).abs() < 0.01,
        "altitude {alt}"
    );
    assert!(alt > 0.0);
    let vertical = (up.transpose() * p.fixed_view::<3, 3>(0, 0) * up)[0];
    assert!((vertical - 90_000.0 * t.variance_ratio).abs() < 1e-3);
    assert!((p.fixed_view::<3, 3>(0, 0).trace() - vertical - 180_000.0).abs() < 1e-3);
}

fn spd6() -> impl Strategy<Value = SMatrix<f64, 6, 6>> {
    (
        proptest::collection::vec(-1.0..1.0f64, 36),
        proptest::collection::vec(1.0..1e4f64, 6),
    )
        .prop_map(|(a, d)| {
            let a = SMatrix::<f64, 6, 6>::from_iterator(a);
            let d = SMatrix::<f64, 6, 6>::from_diagonal(&SVector::<f64, 6>::from_iterator(d));
            a * d * d * a.transpose() + SMatrix::<f64, 6, 6>::identity()
        })
}

proptest! {
    #[test]
    fn a_cut_keeps_the_covariance_spd_and_never_grows_it(
        p in spd6(),
        z in -2e5..2e4f64,
    ) {
        let mut x = SVector::<f64, 6>::new(0.0, 0.0, z, 1.0, 2.0, 3.0);
        let mut q = p;
        let cut = truncate(Frame::Flat, flat(), &mut x, &mut q);
        prop_assert!(cut.ln_mass <= 0.0);
        prop_assert!(q.cholesky().is_some(), "not SPD: {q}");
        // P − P' is positive semi-definite: the constraint only removes uncertainty.
        let diff = p - q;
        let smallest = diff.symmetric_eigenvalues().min();
        prop_assert!(smallest >= -1e-9 * p.norm(), "grew: {smallest}");
        prop_assert!(x[2] >= -1e-9 * z.abs(), "mean below the floor: {}", x[2]);
    }
}
