//! Hit probabilities and closest approach: closed forms, Monte Carlo, hand geometry.

use super::super::air::normal_cdf;
use super::super::disc::gaussian_in_disc;
use super::super::impact::ellipse;
use super::*;
use nalgebra::{Matrix2, Vector2};
use proptest::prelude::*;
use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};

fn impact_at(point: Wgs84, c: [[f64; 2]; 2]) -> ImpactPrediction {
    ImpactPrediction {
        time: SimTime::from_secs(0),
        point,
        covariance_en_m2: c,
        ellipse_95: ellipse(&Matrix2::new(c[0][0], c[0][1], c[1][0], c[1][1]), 5.99),
    }
}

fn asset_at(origin: &Wgs84, e_m: f64, n_m: f64, radius_m: f64) -> DefendedAsset {
    DefendedAsset {
        position: geodesy::Position::ecef_from_vec(offset(origin, e_m, n_m, 0.0)).to_wgs84(),
        radius_m,
        value: 1.0,
    }
}

#[test]
fn centred_circular_gaussian_matches_closed_form() {
    let origin = wgs(35.0, 139.0, 0.0);
    for sigma in [20.0, 300.0, 2000.0, 50_000.0] {
        for r in [10.0, 500.0, 3000.0] {
            let imp = impact_at(origin, [[sigma * sigma, 0.0], [0.0, sigma * sigma]]);
            let p = p_within(&imp, &asset_at(&origin, 0.0, 0.0, r));
            let exact = 1.0 - (-r * r / (2.0 * sigma * sigma)).exp();
            assert!((p - exact).abs() < 1e-6, "σ {sigma} R {r}: {p} vs {exact}");
        }
    }
}

#[test]
fn point_impacts_are_indicators() {
    let origin = wgs(-20.0, 40.0, 0.0);
    let imp = impact_at(origin, [[0.0; 2]; 2]);
    assert!((p_within(&imp, &asset_at(&origin, 300.0, 400.0, 501.0)) - 1.0).abs() < 1e-12);
    assert!(p_within(&imp, &asset_at(&origin, 300.0, 400.0, 499.0)) < 1e-12);
    assert_eq!(p_within(&imp, &asset_at(&origin, 0.0, 0.0, 0.0)), 0.0);
}

#[test]
fn elongated_offset_gaussian_matches_monte_carlo() {
    let origin = wgs(50.0, 5.0, 0.0);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let cases = [
        (
            [
                [400.0f64.powi(2), 0.6 * 400.0 * 150.0],
                [0.6 * 400.0 * 150.0, 150.0f64.powi(2)],
            ],
            300.0,
            -200.0,
            250.0,
        ),
        (
            [
                [2000.0f64.powi(2), -0.9 * 2000.0 * 300.0],
                [-0.9 * 2000.0 * 300.0, 300.0f64.powi(2)],
            ],
            1500.0,
            900.0,
            1000.0,
        ),
        ([[100.0, 0.0], [0.0, 90_000.0]], 0.0, 150.0, 200.0),
    ];
    for (c, e, n, r) in cases {
        let imp = impact_at(origin, c);
        let p = p_within(&imp, &asset_at(&origin, e, n, r));
        let l = Matrix2::new(c[0][0], c[0][1], c[1][0], c[1][1])
            .cholesky()
            .expect("PD")
            .l();
        let samples = 400_000;
        let hits = (0..samples)
            .filter(|_| {
                let z = Vector2::new(
                    StandardNormal.sample(&mut rng),
                    StandardNormal.sample(&mut rng),
                );
                ((l * z) - Vector2::new(e, n)).norm() <= r
            })
            .count();
        let mc = hits as f64 / samples as f64;
        let tol = 4.0 * (mc * (1.0 - mc) / samples as f64).sqrt() + 1e-4;
        assert!(
            (p - mc).abs() < tol,
            "case {c:?}: quadrature {p} vs MC {mc}"
        );
        assert!(p > 0.01, "cases are chosen to be informative: {p}");
    }
}

#[test]
fn sharp_gaussian_at_the_edge_of_a_large_disc_is_a_half_plane() {
    // R = 100 km, σ of a few metres: the edge is a straight line to 1e-4 σ, so
    // P = Φ(k) with k the mean's depth inside the edge in units of the radial sigma.
    let r = 100_000.0;
    let c = Matrix2::new(25.0, 3.0, 3.0, 1.0);
    for dir_deg in [0.0f64, 40.0, 90.0, 200.0] {
        let n = Vector2::new(dir_deg.to_radians().cos(), dir_deg.to_radians().sin());
        let sigma_r = (n.transpose() * c * n)[(0, 0)].sqrt();
        for k in [-2.0, -0.3, 0.0, 1.5, 3.0] {
            // Disc centre at distance R − kσ_r from the mean along −n.
            let d = -n * (r - k * sigma_r);
            let p = gaussian_in_disc(d, r, &c);
            assert!(
                (p - normal_cdf(k)).abs() < 2e-4,
                "dir {dir_deg} k {k}: {p} vs {}",
                normal_cdf(k)
            );
        }
    }
}

#[test]
fn normal_cdf_reference_values() {
    for (x, want) in [
        (0.0, 0.5),
        (1.0, 0.841_344_746_068_543),
        (-1.959_963_984_540_054, 0.025),
        (3.0, 0.998_650_101_968_37),
        (-6.0, 9.865_876_450_377e-10),
    ] {
        assert!(
            (normal_cdf(x) - want).abs() < 1e-7,
            "Φ({x}) = {} vs {want}",
            normal_cdf(x)
        );
    }
}

#[test]
fn air_pass_probability_matches_analytic() {
    let asset = DefendedAsset {
        position: wgs(0.0, 0.0, 0.0),
        radius_m: 200.0,
        value: 1.0,
    };
    let pass = |cpa_m, sigma_cross_m, time_to_cpa_s| Approach {
        time_to_cpa_s,
        time_to_entry_s: time_to_cpa_s,
        cpa_m,
        sigma_cross_m,
    };
    // Φ(2) − Φ(−6).
    let p = p_within_air(&pass(100.0, 50.0, 30.0), &asset);
    assert!(
        (p - (0.977_249_868_051_821 - 9.865_876e-10)).abs() < 1e-7,
        "{p}"
    );
    // Centred: 2Φ(R/σ) − 1 = 2Φ(1) − 1.
    let p = p_within_air(&pass(0.0, 200.0, 30.0), &asset);
    assert!((p - 0.682_689_492_137_086).abs() < 1e-7, "{p}");
    assert_eq!(p_within_air(&pass(0.0, 50.0, -1.0), &asset), 0.0, "opening");
    assert_eq!(p_within_air(&pass(150.0, 0.0, 10.0), &asset), 1.0);
    assert_eq!(p_within_air(&pass(250.0, 0.0, 10.0), &asset), 0.0);
}

#[test]
fn closest_approach_matches_hand_geometry() {
    let site = wgs(36.0, 127.0, 80.0);
    let asset = DefendedAsset {
        position: site,
        radius_m: 1000.0,
        value: 1.0,
    };
    // 10 km east, 5 km north, 1 km up; flying due west at 200 m/s (and climbing 5 m/s, which a
    // horizontal CPA ignores). CPA 50 s later, 5 km north of the asset.
    let (east, north) = east_north(&site);
    let r = offset(&site, 10_000.0, 5_000.0, 1_000.0);
    let v = east * -200.0 + site.up() * 5.0;
    // Covariance: 30 m north position sigma, 2 m/s north velocity sigma, uncorrelated; large
    // along-track (east) errors must not leak into the cross-track sigma.
    let mut p = [[0.0; 6]; 6];
    for i in 0..3 {
        for j in 0..3 {
            p[i][j] = 900.0 * north[i] * north[j] + 1e6 * east[i] * east[j];
            p[i + 3][j + 3] = 4.0 * north[i] * north[j] + 400.0 * east[i] * east[j];
        }
    }
    let t = TrackEstimate {
        time: SimTime::from_secs(10),
        position_ecef_m: [r.x, r.y, r.z],
        velocity_ecef_mps: [v.x, v.y, v.z],
        covariance: p,
        ballistic_coefficient_kg_m2: None,
    };
    let a = closest_approach(&t, &asset);
    assert!((a.time_to_cpa_s - 50.0).abs() < 1e-9, "{a:?}");
    assert!((a.cpa_m - 5000.0).abs() < 1e-6, "{a:?}");
    let want = (900.0f64 + (2.0 * 50.0) * (2.0 * 50.0)).sqrt();
    assert!((a.sigma_cross_m - want).abs() < 1e-6, "{a:?} vs {want}");
    // Flying away: the CPA is in the past.
    let away = TrackEstimate {
        velocity_ecef_mps: [-v.x, -v.y, -v.z],
        ..t
    };
    let b = closest_approach(&away, &asset);
    assert!((b.time_to_cpa_s + 50.0).abs() < 1e-9 && p_within_air(&b, &asset) == 0.0);
}

proptest! {
    #[test]
    fn disc_probability_is_a_monotone_probability(
        sx in 1.0f64..5000.0, sy in 1.0f64..5000.0, rho in -0.99f64..0.99,
        dx in -20_000.0f64..20_000.0, dy in -20_000.0f64..20_000.0,
        r1 in 1.0f64..10_000.0, dr in 0.0f64..10_000.0,
    ) {
        let c = Matrix2::new(sx * sx, rho * sx * sy, rho * sx * sy, sy * sy);
        let d = Vector2::new(dx, dy);
        let (p1, p2) = (gaussian_in_disc(d, r1, &c), gaussian_in_disc(d, r1 + dr, &c));
        prop_assert!((0.0..=1.0).contains(&p1) && (0.0..=1.0).contains(&p2));
        prop_assert!(p1 <= p2 + 1e-8, "{} > {}", p1, p2);
        // Point symmetry of the Gaussian.
        prop_assert!((gaussian_in_disc(-d, r1, &c) - p1).abs() < 1e-8);
    }
}
