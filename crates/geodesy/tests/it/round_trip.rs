//! Round trips LLA↔ECEF↔ENU below 1 mm (the budget) over a dense, deterministic grid:
//! every 0.5° of latitude plus near-pole values down to one ulp from ±90°, both signs of the
//! antimeridian and points 1e-7° either side of it, altitudes from −400 m to beyond GEO.

use crate::{Worst, angle_diff_rad};
use geodesy::{Position, Site, SiteId, Wgs84};

const NEAR_POLE_DEG: [f64; 5] = [
    89.9999,
    89.999999,
    89.99999999,
    89.9999999999,
    89.99999999999999,
];
const ALTS_M: [f64; 9] = [
    -400.0, 0.0, 10e3, 100e3, 1_200e3, 4_000e3, 20_200e3, 35_786e3, 40_000e3,
];

fn lats_deg() -> Vec<f64> {
    let mut lats: Vec<f64> = (-180..=180).map(|i| f64::from(i) * 0.5).collect();
    for l in NEAR_POLE_DEG {
        lats.extend([l, -l]);
    }
    lats
}

fn lons_deg() -> Vec<f64> {
    let mut lons: Vec<f64> = (-11..=11).map(|i| f64::from(i) * 15.0).collect();
    lons.extend([-180.0, -179.9999999, 179.9999999, 180.0, 1e-9, -1e-9]);
    lons
}

#[test]
fn lla_ecef_round_trip_grid_below_a_millimetre() {
    let mut pos = Worst::new("grid LLA→ECEF→LLA→ECEF, m");
    let mut lat = Worst::new("grid LLA→ECEF→LLA latitude, rad");
    let mut lon = Worst::new("grid LLA→ECEF→LLA longitude (off the polar axis), rad");
    let mut alt = Worst::new("grid LLA→ECEF→LLA altitude, m");
    for &la in &lats_deg() {
        for &lo in &lons_deg() {
            for h in ALTS_M {
                let p = Wgs84::from_degrees(la, lo, h).expect("grid point in range");
                let e = p.to_ecef();
                let back = e.to_wgs84();
                let at = || format!("({la}, {lo}, {h})");
                pos.see(back.to_ecef().distance_to(&e), at);
                lat.see((back.lat_rad() - p.lat_rad()).abs(), at);
                alt.see((back.alt_m() - h).abs(), at);
                if e.xyz_m().xy().norm() > 1e-3 {
                    lon.see(angle_diff_rad(back.lon_rad(), lo.to_radians()), at);
                }
                assert!(
                    back.lon_deg() > -180.0 && back.lon_deg() <= 180.0,
                    "lon {}",
                    back.lon_deg()
                );
            }
        }
    }
    pos.assert_within(1e-3);
    lat.assert_within(1e-9_f64.to_radians());
    lon.assert_within(1e-9_f64.to_radians());
    alt.assert_within(1e-3);
}

#[test]
fn enu_round_trip_grid_below_a_millimetre() {
    let mut ecef_rt = Worst::new("grid ECEF→ENU→ECEF, m");
    let mut enu_rt = Worst::new("grid ENU→ECEF→ENU, m");
    let lats: Vec<f64> = lats_deg()
        .into_iter()
        .step_by(9)
        .chain(NEAR_POLE_DEG)
        .collect();
    let mut id = 0;
    for &la in &lats {
        for &lo in &lons_deg() {
            id += 1;
            let site = Site::new(
                SiteId::new(id),
                Wgs84::from_degrees(la, lo, 0.0).expect("in range"),
            );
            let targets = [
                Wgs84::from_degrees(-la, lo + 180.0, 35_786e3)
                    .expect("in range")
                    .to_ecef(),
                Wgs84::from_degrees(la * 0.5, -lo, 1_200e3)
                    .expect("in range")
                    .to_ecef(),
                site.origin_ecef(),
                Position::ecef(0.0, 0.0, 0.0),
            ];
            for t in targets {
                let enu = site.ecef_to_enu().apply(t);
                let back = site.enu_to_ecef().apply(enu);
                ecef_rt.see(back.distance_to(&t), || {
                    format!("site ({la}, {lo}) target {t:?}")
                });
                let again = site.ecef_to_enu().apply(back);
                enu_rt.see((again - enu).norm(), || {
                    format!("site ({la}, {lo}) target {t:?}")
                });
            }
        }
    }
    ecef_rt.assert_within(1e-3);
    enu_rt.assert_within(1e-3);
}
