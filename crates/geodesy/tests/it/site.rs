//! `Site` edge cases found while validating against pymap3d.

use core::f64::consts::TAU;
use geodesy::{Position, Site, SiteId, Wgs84, wgs84::A_M};

/// `az_el_range` promises azimuth in [0, 2π). `atan2` of a target a hair west of due north is
/// −1e-16, and `rem_euclid(2π)` of that rounds up to exactly 2π. Found on a pymap3d row (site
/// 11 m from the north pole, target at the pole); here built so the ENU values are exact.
#[test]
fn az_el_range_azimuth_stays_below_tau_just_west_of_north() {
    let site = Site::new(
        SiteId::new(0),
        Wgs84::from_degrees(0.0, 0.0, 0.0).expect("valid"),
    );
    // At 0°N 0°E east is +y and north is +z, so this target is e = −1e-12 m, n = 1e4 m.
    let target = Position::ecef(A_M, -1e-12, 1e4);
    let enu = site.ecef_to_enu().apply(target).xyz_m();
    assert!(
        enu.x < 0.0 && enu.x > -1e-11 && enu.y == 1e4,
        "setup: {enu}"
    );
    let (az, el, range_m) = site.az_el_range(&target);
    assert!((0.0..TAU).contains(&az), "azimuth {az} outside [0, 2π)");
    assert!(
        az == 0.0 || az > TAU - 1e-12,
        "azimuth {az} is not due north"
    );
    assert!(
        el.abs() < 1e-15 && (range_m - 1e4).abs() < 1e-9,
        "el {el}, range {range_m}"
    );
}

/// The pymap3d row that exposed it: a site 11 m from the north pole looking at the pole.
#[test]
fn az_el_range_azimuth_stays_below_tau_at_the_pole() {
    let site = Site::new(
        SiteId::new(0),
        Wgs84::from_degrees(89.9999, 0.0, 0.0).expect("valid"),
    );
    let pole =
        Wgs84::from_degrees(90.0, -0.0006290628356341669, -235.84866237933554).expect("valid");
    let (az, _, _) = site.az_el_range(&pole.to_ecef());
    assert!((0.0..TAU).contains(&az), "azimuth {az} outside [0, 2π)");
}
