//! Tests of the force model: each term against an independent formulation.

use super::*;
use geodesy::Wgs84;

fn ecef(lat_deg: f64, lon_deg: f64, alt_m: f64) -> Vec3 {
    Wgs84::from_degrees(lat_deg, lon_deg, alt_m)
        .expect("valid test point")
        .to_ecef()
        .xyz_m()
}

/// Central-difference gradient of the potential.
fn grad(model: &ForceModel, r: Vec3) -> Vec3 {
    // 1 m steps: the truncation error (~h²·|∇³V| ≈ 1e-13 m/s²) is far below the tolerance.
    let h = 1.0;
    let d = |e: Vec3| (model.potential(r + e * h) - model.potential(r - e * h)) / (2.0 * h);
    Vec3::new(d(Vec3::x()), d(Vec3::y()), d(Vec3::z()))
}

#[test]
fn gravity_and_centrifugal_are_the_gradient_of_the_potential() {
    let models = [
        ForceModel::kepler(),
        ForceModel {
            j2: true,
            rotating: false,
            atmosphere: Atmosphere::Vacuum,
        },
        ForceModel {
            j2: true,
            rotating: true,
            atmosphere: Atmosphere::Vacuum,
        },
    ];
    for model in models {
        for (lat, lon, alt) in [(0.0, 0.0, 0.0), (35.0, 120.0, 300e3), (-80.0, -60.0, 1e6)] {
            let r = ecef(lat, lon, alt);
            let a = model.acceleration(r, Vec3::zeros(), None);
            // Potential differences of ~6e7 J/kg lose ~1e-8 J/kg to rounding, over 2 m:
            // 1e-8 m/s² is the resolution, so 1e-7 m/s² bounds the check.
            let err = (a - grad(&model, r)).norm();
            assert!(
                err < 1e-7,
                "{model:?} at ({lat}, {lon}, {alt}): |a − ∇V| = {err:e}"
            );
        }
    }
}

#[test]
fn j2_matches_known_magnitudes() {
    // On the equator at r = a the J2 term is −(3/2)J2·μ/a² ≈ −0.0159 m/s² along x (the
    // equatorial bulge pulls harder); at the pole (r = z = b) it is +3J2·μa²/b⁴ ≈ +0.032 m/s²
    // along +z (weaker pull).
    let with = ForceModel {
        j2: true,
        ..ForceModel::kepler()
    };
    let without = ForceModel::kepler();
    let eq = ecef(0.0, 0.0, 0.0);
    let d_eq = with.gravity(eq) - without.gravity(eq);
    let expect_eq = -1.5 * J2 * GM_M3_S2 / (A_M * A_M);
    assert!(
        (d_eq.x - expect_eq).abs() < 1e-12,
        "{d_eq:?} vs {expect_eq}"
    );
    let pole = ecef(90.0, 0.0, 0.0);
    let d_pole = with.gravity(pole) - without.gravity(pole);
    let expect_pole = 3.0 * J2 * GM_M3_S2 * A_M * A_M / pole.z.powi(4);
    assert!(
        (d_pole.z - expect_pole).abs() < 1e-12,
        "{d_pole:?} vs {expect_pole}"
    );
}

#[test]
fn coriolis_is_minus_two_omega_cross_v() {
    let model = ForceModel {
        j2: true,
        rotating: true,
        atmosphere: Atmosphere::Vacuum,
    };
    let r = ecef(40.0, 10.0, 50e3);
    let v = Vec3::new(1200.0, -3400.0, 2100.0);
    let omega = Vec3::new(0.0, 0.0, OMEGA_RAD_S);
    let coriolis = model.acceleration(r, v, None) - model.acceleration(r, Vec3::zeros(), None);
    // Exact up to rounding of |a| ≈ 10 m/s² (ulp ≈ 2e-15).
    assert!(
        (coriolis + omega.cross(&v) * 2.0).norm() < 1e-12,
        "{coriolis:?}"
    );
    let centrifugal = model.acceleration(r, Vec3::zeros(), None) - model.gravity(r);
    assert!(
        (centrifugal + omega.cross(&omega.cross(&r))).norm() < 1e-12,
        "{centrifugal:?}"
    );
}

#[test]
fn drag_opposes_velocity_with_rho_v2_over_2beta() {
    let model = ForceModel::standard();
    let beta = 2000.0;
    for alt in [0.0, 10e3, 60e3] {
        let r = ecef(20.0, 30.0, alt);
        let v = Vec3::new(-1500.0, 800.0, -2500.0);
        let drag = model.acceleration(r, v, Some(beta)) - model.acceleration(r, v, None);
        let rho = 1.225 * (-alt / 7200.0).exp();
        let expect = -v * (rho * v.norm() / (2.0 * beta));
        // Relative 1e-4: the density altitude may be off by ≤ 0.4 m here (ρ error 6e-5).
        assert!(
            (drag - expect).norm() <= 1e-4 * expect.norm(),
            "alt {alt}: {drag:?}"
        );
    }
    let r = ecef(0.0, 0.0, 0.0);
    let v = Vec3::new(0.0, 300.0, 0.0);
    let vacuum = ForceModel {
        atmosphere: Atmosphere::Vacuum,
        ..ForceModel::standard()
    };
    assert_eq!(
        vacuum.acceleration(r, v, Some(beta)),
        vacuum.acceleration(r, v, None)
    );
    assert!(!vacuum.has_drag(Some(beta)) && !model.has_drag(None) && model.has_drag(Some(beta)));
}

#[test]
fn approximate_altitude_is_within_its_documented_error() {
    for lat in [-90.0, -60.0, -45.0, -10.0, 0.0, 30.0, 45.0, 75.0, 90.0] {
        for alt in [-500.0, 0.0, 1e3, 10e3, 50e3, 100e3, 300e3] {
            let r = ecef(lat, 77.0, alt);
            let err = (approx_altitude_m(r) - alt).abs();
            // Documented bound h·(f sin 2φ)²/2 ≤ 5.7e-6·h, plus 1 mm for rounding.
            assert!(
                err <= 5.7e-6 * alt.abs() + 1e-3,
                "lat {lat} alt {alt}: err {err}"
            );
        }
    }
}
