//! `val_pymap3d_*`: the crate against pymap3d 3.2.0 (tests/reference/pymap3d, see its README).
//!
//! Tolerances, and why:
//! - Positions: 1 mm, the accuracy budget. pymap3d's forward formula is the same closed
//!   form as ours, so the real differences are float rounding (≈1e-8 m at GEO radius); 1 mm
//!   still catches any wrong constant or formula, which moves points by metres.
//! - Geodetic angles: 1e-9° (1.7e-11 rad, 0.1 mm on the surface), the budget. Longitude
//!   is compared the short way round, so +180° and −180° agree; within 1 mm of the polar axis
//!   longitude carries no position, and only the horizontal offset it implies is checked.
//! - AER angles: 1e-9 rad. pymap3d's `enu2aer` zeroes ENU components below 1 mm; on rows where
//!   that happened (`snapped`) the reference angles move by up to 1 mm / (horizontal or slant)
//!   range and its range by up to √3 mm, so those rows get that much extra.

use crate::{Worst, angle_diff_rad, csv_rows};
use core::f64::consts::TAU;
use geodesy::{Position, Site, SiteId, Wgs84};

const GEODETIC_TO_ECEF: &str = include_str!("../reference/pymap3d/geodetic_to_ecef.csv");
const ECEF_TO_GEODETIC: &str = include_str!("../reference/pymap3d/ecef_to_geodetic.csv");
const ECEF_TO_ENU: &str = include_str!("../reference/pymap3d/ecef_to_enu.csv");
const GEODETIC_TO_AER: &str = include_str!("../reference/pymap3d/geodetic_to_aer.csv");

/// The position budget, metres.
const POS_TOL_M: f64 = 1e-3;
/// The geodetic angle budget, radians (1e-9°).
const GEODETIC_TOL_RAD: f64 = 1e-9 * core::f64::consts::PI / 180.0;
/// The AER angle budget, radians.
const AER_TOL_RAD: f64 = 1e-9;
/// pymap3d rows whose own inverse maps back within this are treated as exact references.
const REF_EXACT_M: f64 = 1e-6;

fn lla(lat_deg: f64, lon_deg: f64, alt_m: f64) -> Wgs84 {
    Wgs84::from_degrees(lat_deg, lon_deg, alt_m)
        .unwrap_or_else(|e| panic!("reference point ({lat_deg}, {lon_deg}, {alt_m}): {e}"))
}

/// Checks `got` against expected geodetic coordinates, feeding the worst-error trackers.
/// `p_m` is the distance from the polar axis, where longitude stops meaning anything.
fn see_geodetic(
    worst: &mut [Worst; 3],
    got: Wgs84,
    lat_deg: f64,
    lon_deg: f64,
    alt_m: f64,
    row: &str,
) {
    let p_m = got.to_ecef().xyz_m().xy().norm();
    worst[0].see((got.lat_rad() - lat_deg.to_radians()).abs(), || {
        row.to_owned()
    });
    let dlon = angle_diff_rad(got.lon_rad(), lon_deg.to_radians());
    let lon_err = if p_m < POS_TOL_M {
        dlon * p_m * GEODETIC_TOL_RAD / POS_TOL_M
    } else {
        dlon
    };
    worst[1].see(lon_err, || row.to_owned());
    worst[2].see((got.alt_m() - alt_m).abs(), || row.to_owned());
}

fn assert_geodetic(worst: &[Worst; 3]) {
    worst[0].assert_within(GEODETIC_TOL_RAD);
    worst[1].assert_within(GEODETIC_TOL_RAD);
    worst[2].assert_within(POS_TOL_M);
}

#[test]
fn val_pymap3d_geodetic_to_ecef() {
    let rows = csv_rows(GEODETIC_TO_ECEF, "lat_deg,lon_deg,alt_m,x_m,y_m,z_m");
    let mut worst = Worst::new("LLA→ECEF vs pymap3d.geodetic2ecef, m");
    for r in &rows {
        let got = lla(r[0], r[1], r[2]).to_ecef();
        let err = got.distance_to(&Position::ecef(r[3], r[4], r[5]));
        worst.see(err, || format!("{r:?}"));
    }
    worst.assert_within(POS_TOL_M);
}

/// ECEF→LLA checked by inverting pymap3d's exact forward map: its ECEF output for a known LLA
/// must come back to that LLA. This covers every altitude band up to GEO, including those where
/// pymap3d's own inverse is not converged (see `val_pymap3d_ecef_to_geodetic`).
#[test]
fn val_pymap3d_ecef_to_geodetic_inverts_geodetic2ecef() {
    let rows = csv_rows(GEODETIC_TO_ECEF, "lat_deg,lon_deg,alt_m,x_m,y_m,z_m");
    let mut worst = [
        Worst::new("ECEF→LLA of pymap3d.geodetic2ecef output, latitude rad"),
        Worst::new("ECEF→LLA of pymap3d.geodetic2ecef output, longitude rad"),
        Worst::new("ECEF→LLA of pymap3d.geodetic2ecef output, altitude m"),
    ];
    for r in &rows {
        let got = Position::ecef(r[3], r[4], r[5]).to_wgs84();
        see_geodetic(&mut worst, got, r[0], r[1], r[2], &format!("{r:?}"));
    }
    assert_geodetic(&worst);
}

/// ECEF→LLA against pymap3d.ecef2geodetic on independent ECEF inputs. That function is You
/// (2000) with a single correction step: exact near the surface but centimetres off at 1,500 km
/// and tens of metres at GEO. Rows where it is exact (its own inverse maps back within 1 µm)
/// are compared at full tolerance; on the others we assert that our answer maps back within
/// 1 mm and is closer to the input than pymap3d's, i.e. the disagreement is pymap3d's.
#[test]
fn val_pymap3d_ecef_to_geodetic() {
    let rows = csv_rows(
        ECEF_TO_GEODETIC,
        "x_m,y_m,z_m,lat_deg,lon_deg,alt_m,ref_residual_m",
    );
    let mut worst = [
        Worst::new("ECEF→LLA vs pymap3d.ecef2geodetic (exact rows), latitude rad"),
        Worst::new("ECEF→LLA vs pymap3d.ecef2geodetic (exact rows), longitude rad"),
        Worst::new("ECEF→LLA vs pymap3d.ecef2geodetic (exact rows), altitude m"),
    ];
    let mut ours_inexact = Worst::new("ECEF→LLA→ECEF on rows where pymap3d is inexact, m");
    let mut residual_check = Worst::new("pymap3d residual recomputed by our LLA→ECEF, m");
    let (mut exact, mut inexact) = (0, 0);
    for r in &rows {
        let p = Position::ecef(r[0], r[1], r[2]);
        let got = p.to_wgs84();
        let row = format!("{r:?}");
        if r[6] < REF_EXACT_M {
            exact += 1;
            see_geodetic(&mut worst, got, r[3], r[4], r[5], &row);
        } else {
            inexact += 1;
            let ours = got.to_ecef().distance_to(&p);
            ours_inexact.see(ours, || row.clone());
            assert!(
                ours < r[6],
                "pymap3d ({:.3e} m) beats us ({ours:.3e} m) at {row}",
                r[6]
            );
            // Our forward map reproduces the residual pymap3d recorded for its own answer.
            let theirs = lla(r[3], r[4], r[5]).to_ecef().distance_to(&p);
            residual_check.see((theirs - r[6]).abs(), || row.clone());
        }
    }
    assert!(
        exact >= 100 && inexact >= 50,
        "row mix changed: {exact} exact, {inexact} inexact"
    );
    assert_geodetic(&worst);
    ours_inexact.assert_within(POS_TOL_M);
    residual_check.assert_within(POS_TOL_M);
}

#[test]
fn val_pymap3d_ecef_to_enu() {
    let rows = csv_rows(
        ECEF_TO_ENU,
        "lat0_deg,lon0_deg,alt0_m,x_m,y_m,z_m,e_m,n_m,u_m",
    );
    let mut fwd = Worst::new("ECEF→ENU vs pymap3d.ecef2enu, m");
    let mut inv = Worst::new("ENU→ECEF of pymap3d's ENU vs its ECEF input, m");
    for (i, r) in rows.iter().enumerate() {
        let site = Site::new(SiteId::new(i), lla(r[0], r[1], r[2]));
        let target = Position::ecef(r[3], r[4], r[5]);
        let enu = site.ecef_to_enu().apply(target);
        assert_eq!(enu.anchor(), site.id());
        let want = site.enu(r[6], r[7], r[8]);
        fwd.see((enu - want).norm(), || format!("{r:?}"));
        let back = site.enu_to_ecef().apply(want);
        inv.see(back.distance_to(&target), || format!("{r:?}"));
    }
    fwd.assert_within(POS_TOL_M);
    inv.assert_within(POS_TOL_M);
}

#[test]
fn val_pymap3d_geodetic_to_aer() {
    let rows = csv_rows(
        GEODETIC_TO_AER,
        "lat0_deg,lon0_deg,alt0_m,lat_deg,lon_deg,alt_m,az_deg,el_deg,range_m,snapped",
    );
    let mut az_worst = Worst::new("azimuth vs pymap3d.geodetic2aer, error / tolerance");
    let mut el_worst = Worst::new("elevation vs pymap3d.geodetic2aer, error / tolerance");
    let mut range_worst = Worst::new("slant range vs pymap3d.geodetic2aer, error / tolerance");
    let mut raw = [
        Worst::new("azimuth vs pymap3d (rows not snapped), rad"),
        Worst::new("elevation vs pymap3d (rows not snapped), rad"),
        Worst::new("slant range vs pymap3d (all rows), m"),
    ];
    let mut snapped_rows = 0;
    for (i, r) in rows.iter().enumerate() {
        let site = Site::new(SiteId::new(i), lla(r[0], r[1], r[2]));
        let (az, el, range_m) = site.az_el_range(&lla(r[3], r[4], r[5]).to_ecef());
        assert!(
            (0.0..TAU).contains(&az),
            "azimuth {az} outside [0, 2π) at {r:?}"
        );
        let snapped = r[9] == 1.0;
        let enu = site
            .ecef_to_enu()
            .apply(lla(r[3], r[4], r[5]).to_ecef())
            .xyz_m();
        let horizontal_m = enu.xy().norm();
        let (az_tol, el_tol, range_tol) = if snapped {
            snapped_rows += 1;
            (
                AER_TOL_RAD + POS_TOL_M / horizontal_m,
                AER_TOL_RAD + POS_TOL_M / range_m,
                POS_TOL_M + 3f64.sqrt() * 1e-3,
            )
        } else {
            (AER_TOL_RAD, AER_TOL_RAD, POS_TOL_M)
        };
        let d_az = angle_diff_rad(az, r[6].to_radians());
        let d_el = (el - r[7].to_radians()).abs();
        let d_range = (range_m - r[8]).abs();
        // Horizontal range 0 (a target straight overhead): azimuth undefined, tolerance ∞, ratio 0.
        az_worst.see(d_az / az_tol, || {
            format!("{r:?} d_az {d_az:e} tol {az_tol:e}")
        });
        el_worst.see(d_el / el_tol, || {
            format!("{r:?} d_el {d_el:e} tol {el_tol:e}")
        });
        range_worst.see(d_range / range_tol, || {
            format!("{r:?} d {d_range:e} tol {range_tol:e}")
        });
        if !snapped {
            raw[0].see(d_az, || format!("{r:?}"));
            raw[1].see(d_el, || format!("{r:?}"));
        }
        raw[2].see(d_range, || format!("{r:?}"));
    }
    assert!(
        snapped_rows < rows.len() / 2,
        "most rows snapped: {snapped_rows}"
    );
    az_worst.assert_within(1.0);
    el_worst.assert_within(1.0);
    range_worst.assert_within(1.0);
    raw[0].assert_within(AER_TOL_RAD);
    raw[1].assert_within(AER_TOL_RAD);
    raw[2].assert_within(POS_TOL_M + 3f64.sqrt() * 1e-3);
}

/// Round trips on every reference point, < 1 mm: LLA→ECEF→LLA→ECEF, ECEF→LLA→ECEF and
/// ECEF→ENU→ECEF (the last also through `Transform::then`).
#[test]
fn val_pymap3d_round_trips() {
    let mut lla_rt = Worst::new("LLA→ECEF→LLA→ECEF on pymap3d points, m");
    for r in csv_rows(GEODETIC_TO_ECEF, "lat_deg,lon_deg,alt_m,x_m,y_m,z_m") {
        let e = lla(r[0], r[1], r[2]).to_ecef();
        lla_rt.see(e.to_wgs84().to_ecef().distance_to(&e), || format!("{r:?}"));
    }
    lla_rt.assert_within(POS_TOL_M);

    let mut ecef_rt = Worst::new("ECEF→LLA→ECEF on pymap3d ECEF inputs, m");
    for r in csv_rows(
        ECEF_TO_GEODETIC,
        "x_m,y_m,z_m,lat_deg,lon_deg,alt_m,ref_residual_m",
    ) {
        let e = Position::ecef(r[0], r[1], r[2]);
        ecef_rt.see(e.to_wgs84().to_ecef().distance_to(&e), || format!("{r:?}"));
    }
    ecef_rt.assert_within(POS_TOL_M);

    let mut enu_rt = Worst::new("ECEF→ENU→ECEF on pymap3d site/target pairs, m");
    let rows = csv_rows(
        ECEF_TO_ENU,
        "lat0_deg,lon0_deg,alt0_m,x_m,y_m,z_m,e_m,n_m,u_m",
    );
    for (i, r) in rows.iter().enumerate() {
        let site = Site::new(SiteId::new(i), lla(r[0], r[1], r[2]));
        let target = Position::ecef(r[3], r[4], r[5]);
        let back = site.enu_to_ecef().apply(site.ecef_to_enu().apply(target));
        let composed = site.ecef_to_enu().then(site.enu_to_ecef()).apply(target);
        enu_rt.see(
            back.distance_to(&target).max(composed.distance_to(&target)),
            || format!("{r:?}"),
        );
    }
    enu_rt.assert_within(POS_TOL_M);
}
