//! `val_geographiclib_*`: ENU azimuth and slant range against GeographicLib 2.1 geodesics
//! (tests/reference/geographiclib, see its README and generate.py).
//!
//! The ENU azimuth of a point on the ellipsoid is the azimuth of the normal section through it,
//! which differs from the geodesic's start azimuth by about e'²(s/N)²/12: ≤ 1.3e-10 rad for the
//! ≤ 3 km lines used, so azimuths must agree within 1e-9 rad (the AER budget). The chord
//! is shorter than the geodesic by about s³/(24R²) ≤ 3e-5 m, so range must equal s12 within
//! 1 mm (the position budget).

use crate::{Worst, angle_diff_rad, csv_rows};
use geodesy::{Site, SiteId, Wgs84};

const DIRECT: &str = include_str!("../reference/geographiclib/direct.csv");

#[test]
fn val_geographiclib_normal_section_azimuth_and_range() {
    let rows = csv_rows(DIRECT, "lat1_deg,lon1_deg,azi1_deg,s12_m,lat2_deg,lon2_deg");
    let mut az_worst = Worst::new("ENU azimuth vs GeographicLib geodesic azi1, rad");
    let mut range_worst = Worst::new("slant range vs GeographicLib s12, m");
    let mut el_sign = 0;
    for (i, r) in rows.iter().enumerate() {
        let start = Wgs84::from_degrees(r[0], r[1], 0.0).expect("valid site");
        let end = Wgs84::from_degrees(r[4], r[5], 0.0).expect("valid end point");
        let site = Site::new(SiteId::new(i), start);
        let (az, el, range_m) = site.az_el_range(&end.to_ecef());
        az_worst.see(angle_diff_rad(az, r[2].to_radians()), || format!("{r:?}"));
        range_worst.see((range_m - r[3]).abs(), || format!("{r:?}"));
        // A chord to another surface point dips below the local horizontal.
        if el < 0.0 {
            el_sign += 1;
        }
    }
    az_worst.assert_within(1e-9);
    range_worst.assert_within(1e-3);
    assert_eq!(
        el_sign,
        rows.len(),
        "some surface-to-surface chord rose above the horizon"
    );
}
