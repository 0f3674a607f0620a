//! Tests of the sensor geometry: the fast height, radii of curvature, the horizon test against
//! the classic formula, Earth blocking and angle wrapping.

use super::*;
use geodesy::Wgs84;

#[test]
fn approximate_height_is_within_its_stated_bound() {
    // Bound: relative 1e-5 of the height plus 1 mm (the doc claims ≈ 6e-6 relative).
    for lat_deg in [-89.0, -60.0, -35.0, 0.0, 10.0, 45.0, 70.0, 90.0] {
        for alt_m in [0.0, 10.0, 30.0, 10_000.0, 100_000.0, 1_000_000.0] {
            let p = Wgs84::from_degrees(lat_deg, 135.0, alt_m)
                .expect("valid")
                .to_ecef();
            let h = height_approx_m(p.xyz_m());
            assert!(
                (h - alt_m).abs() <= 1e-5 * alt_m + 1e-3,
                "lat {lat_deg} alt {alt_m}: {h}"
            );
        }
    }
}

#[test]
fn radius_of_curvature_is_meridian_and_prime_vertical() {
    // At the equator: M = a(1 − e²) north-south, N = a east-west; at the pole both a²/b.
    assert!((radius_of_curvature_m(0.0, 0.0) - A_M * (1.0 - E2)).abs() < 1e-6);
    assert!((radius_of_curvature_m(0.0, core::f64::consts::FRAC_PI_2) - A_M).abs() < 1e-6);
    let pole = A_M * A_M / B_M;
    assert!((radius_of_curvature_m(core::f64::consts::FRAC_PI_2, 1.0) - pole).abs() < 1e-3);
}

#[test]
fn classic_horizon_formula_matches_primer_rule_of_thumb() {
    // PRIMER §6.3: d ≈ 4.12 km (√h_r + √h_t), a rounding of √(2·(4/3)·6371 km) = 4.122 km.
    let d = horizon_range_m(4.0 / 3.0, 30.0, 10.0);
    let rule = 4_122.0 * (30f64.sqrt() + 10f64.sqrt());
    assert!((d - rule).abs() < 1e-3 * rule, "{d} vs {rule}");
}

/// Slant range between heights `hr`, `ht` over a sphere of radius `r` with central angle `g`.
fn slant(r: f64, hr: f64, ht: f64, g: f64) -> f64 {
    let (a, b) = (r + hr, r + ht);
    (a * a + b * b - 2.0 * a * b * g.cos()).sqrt()
}

#[test]
fn horizon_test_switches_at_the_classic_distance() {
    // The exact tangent test and the classic √(2kRh) sum differ by a relative O(h/kR) (the
    // classic form drops the h² under the root and uses the tangent length for the arc):
    // allow 1e-4 + h_max/kR of the distance either side of the switch.
    let (k, r) = (4.0 / 3.0, 6_371_000.0);
    for (hr, ht) in [(30.0, 10.0), (30.0, 0.0), (10_000.0, 10.0), (20.0, 3_000.0)] {
        let d_h = horizon_range_on_radius_m(k, r, hr, ht);
        let tol = 1e-4 + f64::max(hr, ht) / (k * r);
        let inside = slant(r, hr, ht, d_h * (1.0 - tol) / r);
        let outside = slant(r, hr, ht, d_h * (1.0 + tol) / r);
        assert!(clears_horizon(k, r, hr, ht, inside), "{hr} {ht} inside");
        assert!(!clears_horizon(k, r, hr, ht, outside), "{hr} {ht} outside");
    }
}

#[test]
fn earth_blocks_the_far_side_but_not_the_near_side() {
    let geo = Wgs84::from_degrees(0.0, 0.0, 35_786_000.0)
        .expect("valid")
        .to_ecef()
        .xyz_m();
    let near = Wgs84::from_degrees(10.0, 20.0, 50_000.0)
        .expect("valid")
        .to_ecef()
        .xyz_m();
    let far = Wgs84::from_degrees(0.0, 180.0, 50_000.0)
        .expect("valid")
        .to_ecef()
        .xyz_m();
    assert!(!earth_blocks(geo, near));
    assert!(earth_blocks(geo, far));
    // Beyond the limb seen from GEO (≈ 81.3° of arc) but high enough to stand above it:
    // a target at 85° longitude, 2000 km up, is visible; at 1 km it is hidden.
    let high = Wgs84::from_degrees(0.0, 85.0, 2_000_000.0)
        .expect("valid")
        .to_ecef()
        .xyz_m();
    let low = Wgs84::from_degrees(0.0, 85.0, 1_000.0)
        .expect("valid")
        .to_ecef()
        .xyz_m();
    assert!(!earth_blocks(geo, high));
    assert!(earth_blocks(geo, low));
}

#[test]
fn angles_wrap_into_their_ranges() {
    assert_eq!(wrap_two_pi(-1e-17), 0.0);
    assert!((wrap_two_pi(-0.5) - (TAU - 0.5)).abs() < 1e-15);
    assert!((wrap_pi(1.5 * PI) + 0.5 * PI).abs() < 1e-15);
    assert!((wrap_pi(-0.25) + 0.25).abs() < 1e-15);
}

#[test]
fn local_frame_agrees_with_geodesy_site() {
    let origin = Wgs84::from_degrees(35.0, 135.0, 30.0).expect("valid");
    let target = Wgs84::from_degrees(35.3, 135.4, 5_000.0)
        .expect("valid")
        .to_ecef();
    let frame = LocalFrame::at(origin.to_ecef());
    let (az, el, r) = frame.az_el_range(target.xyz_m() - frame.origin_m);
    let (az2, el2, r2) = Site::new(SiteId::new(0), origin).az_el_range(&target);
    assert!((az - az2).abs() < 1e-12 && (el - el2).abs() < 1e-12 && (r - r2).abs() < 1e-6);
}
