//! Unit and property tests for the geodesy crate (reference vectors live in tests/).

use super::*;
use proptest::prelude::*;

#[test]
fn equator_prime_meridian_is_semi_major_axis() {
    let p = Wgs84::from_degrees(0.0, 0.0, 0.0).expect("valid").to_ecef();
    assert!((p.xyz_m() - Vec3::new(wgs84::A_M, 0.0, 0.0)).norm() < 1e-9);
}

#[test]
fn north_pole_is_semi_minor_axis() {
    let p = Wgs84::from_degrees(90.0, 0.0, 0.0)
        .expect("valid")
        .to_ecef();
    assert!((p.xyz_m().z - wgs84::B_M).abs() < 1e-9);
    let back = p.to_wgs84();
    assert!((back.lat_deg() - 90.0).abs() < 1e-12);
    assert!(back.alt_m().abs() < 1e-6);
}

#[test]
fn rejects_out_of_range_degrees() {
    assert_eq!(
        Wgs84::from_degrees(91.0, 0.0, 0.0),
        Err(Wgs84Error::Latitude(91.0))
    );
    assert!(Wgs84::from_degrees(f64::NAN, 0.0, 0.0).is_err());
    assert_eq!(
        Wgs84::from_degrees(0.0, -181.0, 0.0),
        Err(Wgs84Error::Longitude(-181.0))
    );
    assert!(Wgs84::from_degrees(0.0, 0.0, f64::INFINITY).is_err());
    let wrapped = Wgs84::from_degrees(0.0, 270.0, 0.0).expect("valid");
    assert!((wrapped.lon_deg() + 90.0).abs() < 1e-12);
}

#[test]
fn enu_of_a_point_due_north_and_up() {
    let site = Site::new(
        SiteId::new(0),
        Wgs84::from_degrees(35.0, 139.0, 0.0).expect("valid"),
    );
    let above = Wgs84::from_degrees(35.0, 139.0, 1000.0)
        .expect("valid")
        .to_ecef();
    let enu = site.ecef_to_enu().apply(above).xyz_m();
    assert!((enu - Vec3::new(0.0, 0.0, 1000.0)).norm() < 1e-6, "{enu}");
    let north = Wgs84::from_degrees(35.01, 139.0, 0.0)
        .expect("valid")
        .to_ecef();
    let (az, el, _) = site.az_el_range(&north);
    assert!(
        az.to_degrees() < 1e-6 || az.to_degrees() > 359.999_999,
        "az {}",
        az.to_degrees()
    );
    assert!(
        el < 0.0,
        "a surface point to the north is below the local horizontal"
    );
}

#[test]
#[should_panic(expected = "anchored elsewhere")]
fn enu_of_another_site_is_refused() {
    let a = Site::new(
        SiteId::new(0),
        Wgs84::from_degrees(35.0, 139.0, 0.0).expect("valid"),
    );
    let b = Site::new(
        SiteId::new(1),
        Wgs84::from_degrees(-12.0, 131.0, 0.0).expect("valid"),
    );
    let _ = a.enu_to_ecef().apply(b.enu(1.0, 2.0, 3.0));
}

fn lla() -> impl Strategy<Value = Wgs84> {
    (-90.0f64..=90.0, -180.0f64..=180.0, -500.0f64..4.0e7)
        .prop_map(|(la, lo, h)| Wgs84::from_degrees(la, lo, h).expect("in range"))
}

proptest! {
    #[test]
    fn lla_ecef_round_trip_below_a_millimetre(p in lla()) {
        let e = p.to_ecef();
        let back = e.to_wgs84().to_ecef();
        prop_assert!(e.distance_to(&back) < 1e-3, "{} m", e.distance_to(&back));
    }

    #[test]
    fn enu_round_trip_and_composition(origin in lla(), p in lla()) {
        let site = Site::new(SiteId::new(7), origin.with_alt(origin.alt_m().min(1e4)));
        let e = p.to_ecef();
        let there_and_back = site.ecef_to_enu().then(site.enu_to_ecef()).apply(e);
        prop_assert!(e.distance_to(&there_and_back) < 1e-6 * e.xyz_m().norm().max(1.0));
        // A rotation preserves length: range is frame-independent.
        let enu = site.ecef_to_enu().apply(e).xyz_m();
        let range = e.distance_to(&site.origin_ecef());
        prop_assert!((enu.norm() - range).abs() < 1e-6 * range.max(1.0));
    }
}
