//! Sensor parameters and signatures: documented defaults, the keys that override them, and the
//! sensor layout of the default scenario.

use base::Probability;
use sensors::{
    DetectionModel, FieldOfRegard, IrReport, RadarParams, ScanKind, SensorParams, Signature,
    SpaceIrParams, Swerling,
};
use sim::{PlatformMotion, ThreatMotion};

use crate::load_builtin;

fn load(text: &str) -> sim::Input {
    scenario::load("x.toml", text).unwrap_or_else(|e| panic!("rejected:\n{e}"))
}

fn radar(input: &sim::Input, name: &str) -> RadarParams {
    match input
        .sensors
        .iter()
        .find(|s| s.name == name)
        .map(|s| s.params)
    {
        Some(SensorParams::Radar(p)) => p,
        other => panic!("{name}: {other:?}"),
    }
}

/// The defaults the README documents, for a sensor without parameter keys.
fn documented_radar_defaults() -> RadarParams {
    RadarParams {
        detection: DetectionModel::RadarEquation {
            ref_range_m: 400_000.0,
            ref_snr_db: 13.0,
            pfa: 1e-6,
        },
        min_range_m: 1_000.0,
        max_range_m: 1_000_000.0,
        field: FieldOfRegard {
            boresight_az_deg: 0.0,
            az_half_width_deg: 180.0,
            min_el_deg: -1.0,
            max_el_deg: 85.0,
        },
        scan_period_s: 10.0,
        scan: ScanKind::Rotator,
        range_resolution_m: 150.0,
        beamwidth_deg: 1.5,
        sigma_range_m: 30.0,
        sigma_az_deg: 0.15,
        sigma_el_deg: 0.2,
        sigma_range_rate_mps: None,
        noise_scales_with_snr: false,
        noise_ref_snr_db: 13.0,
        bias_range_m: 0.0,
        bias_az_deg: 0.0,
        bias_el_deg: 0.0,
        k_factor: 4.0 / 3.0,
        iff: true,
        antenna_height_m: 0.0,
        budget: sensors::DwellBudget::DEFAULT,
        latency_s: 0.0,
    }
}

/// `two-nation-salvo` with the parameter keys of both sensors removed.
fn salvo_without_sensor_keys() -> String {
    let text = scenario::builtin::get("two-nation-salvo").expect("built in");
    let start = text.find("[[sensor]]").expect("sensors");
    let end = text.find("[[fire_unit]]").expect("fire units");
    let keep = ["[[sensor]]", "name", "nation", "platform", "kind", "node"];
    let sensors: Vec<&str> = text[start..end]
        .lines()
        .filter(|l| {
            l.split_whitespace()
                .next()
                .is_none_or(|w| keep.contains(&w))
        })
        .collect();
    format!("{}{}\n{}", &text[..start], sensors.join("\n"), &text[end..])
}

#[test]
fn a_sensor_without_keys_gets_the_documented_defaults() {
    let input = load(&salvo_without_sensor_keys());
    assert_eq!(
        radar(&input, "JPN-RADAR-NORTH"),
        documented_radar_defaults()
    );
    assert_eq!(
        radar(&input, "USS-DDG-1-RADAR"),
        documented_radar_defaults()
    );
}

#[test]
fn space_ir_defaults_and_the_launch_event_sigma() {
    let text = scenario::builtin::get("western-pacific").expect("built in");
    let start = text.find("pd = 0.95").expect("the IR sensor's keys");
    let end = start + text[start..].find("min_alt_km = 5\n").expect("last IR key") + 15;
    let ir = |input: &sim::Input| match input.sensors.iter().find(|s| s.name.contains("GEO")) {
        Some(s) => s.params,
        None => panic!("no IR sensor"),
    };
    let bare = format!("{}{}", &text[..start], &text[end..]);
    let defaults = SpaceIrParams {
        pd: Probability::new(0.9).expect("in [0, 1]"),
        revisit_s: 10.0,
        latency_s: 20.0,
        sigma_los_urad: 30.0,
        report: IrReport::LineOfSight,
        min_alt_m: 5_000.0,
    };
    assert_eq!(ir(&load(&bare)), SensorParams::SpaceIr(defaults));
    let event = format!(
        "{}report = \"launch_event\"\n{}",
        &text[..start],
        &text[end..]
    );
    let expected = SpaceIrParams {
        report: IrReport::LaunchEvent { sigma_m: 2000.0 },
        ..defaults
    };
    assert_eq!(ir(&load(&event)), SensorParams::SpaceIr(expected));
    match ir(&load_builtin("western-pacific")) {
        SensorParams::SpaceIr(p) => {
            assert_eq!(p.report, IrReport::LaunchEvent { sigma_m: 3000.0 });
            assert_eq!((p.latency_s, p.pd.get()), (30.0, 0.95));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn keys_override_defaults_in_si_units() {
    let input = load_builtin("western-pacific");
    let xband = radar(&input, "USA-RADAR-HONSHU");
    assert_eq!(
        xband.detection,
        DetectionModel::RadarEquation {
            ref_range_m: 2_000_000.0,
            ref_snr_db: 13.0,
            pfa: 1e-10
        }
    );
    assert_eq!(
        (xband.min_range_m, xband.max_range_m),
        (5_000.0, 2_000_000.0)
    );
    assert_eq!(
        xband.field,
        FieldOfRegard {
            boresight_az_deg: 290.0,
            az_half_width_deg: 60.0,
            min_el_deg: 0.0,
            max_el_deg: 80.0
        }
    );
    assert_eq!(xband.scan, ScanKind::PhasedArray);
    assert_eq!(xband.sigma_range_rate_mps, Some(1.0));
    assert!(xband.noise_scales_with_snr && !xband.iff);
    let okinawa = radar(&input, "JPN-RADAR-OKINAWA");
    assert_eq!((okinawa.bias_range_m, okinawa.bias_az_deg), (25.0, 0.08));

    let salvo = load_builtin("two-nation-salvo");
    match radar(&salvo, "JPN-RADAR-NORTH").detection {
        DetectionModel::Nominal { pd, pfa } => assert_eq!((pd.get(), pfa), (0.8, 1e-7)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn signatures_default_by_class_and_kind() {
    let input = load_builtin("western-pacific");
    let threat = |prefix: &str| {
        input
            .threats
            .iter()
            .find(|t| t.name.starts_with(prefix))
            .map(|t| t.signature)
    };
    let sig = |rcs_m2, swerling| Some(Signature { rcs_m2, swerling });
    assert_eq!(threat("SRBM-A"), sig(0.1, Swerling::One));
    assert_eq!(threat("MRBM-A"), sig(0.05, Swerling::One));
    assert_eq!(threat("IRBM-A"), sig(0.03, Swerling::One));
    assert_eq!(threat("IRBM-B"), sig(0.02, Swerling::Three), "written out");
    assert_eq!(threat("CM-RAID"), sig(0.1, Swerling::One));
    let traffic = |name: &str| {
        input
            .traffic
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.signature)
    };
    assert_eq!(traffic("CIV-101"), sig(40.0, Swerling::One));
    assert_eq!(traffic("EAGLE-21"), sig(3.0, Swerling::One));
    assert_eq!(traffic("VIPER-11"), sig(2.0, Swerling::One), "written out");
    assert_eq!(traffic("HAULER-41"), sig(30.0, Swerling::One));
    assert_eq!(traffic("SENTINEL-31"), sig(20.0, Swerling::One));
    let platform = |name: &str| {
        input
            .platforms
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.signature)
    };
    assert_eq!(platform("JPN-AEW-1"), sig(40.0, Swerling::One));
    assert_eq!(platform("AUS-AEW-1"), sig(30.0, Swerling::One));
    assert_eq!(
        platform("JS-DDG-1"),
        None,
        "only aircraft carry a signature"
    );
}

/// 4/3-earth radar horizon between heights `h1` and `h2` (PRIMER §6.3), metres.
fn horizon_m(k: f64, h1_m: f64, h2_m: f64) -> f64 {
    const EARTH_RADIUS_M: f64 = 6_371_000.0;
    (2.0 * k * EARTH_RADIUS_M * h1_m.max(0.0)).sqrt()
        + (2.0 * k * EARTH_RADIUS_M * h2_m.max(0.0)).sqrt()
}

/// The point of the default scenario's layout: the sea-skimming raid is below every surface
/// radar's horizon when it launches, and within the airborne radar's horizon and instrumented
/// range all the way (its orbit's farthest point counted), so only the network sees it early.
#[test]
fn sea_skimmers_are_seen_early_only_from_the_air() {
    let input = load_builtin("western-pacific");
    let route = input
        .threats
        .iter()
        .find_map(|t| match &t.motion {
            ThreatMotion::Cruise(route) => Some(route),
            ThreatMotion::Ballistic(_) => None,
        })
        .expect("a cruise raid");
    let launch = route.points[0].position;
    for s in &input.sensors {
        let SensorParams::Radar(p) = s.params else {
            continue;
        };
        match &input.platforms[s.platform.index()].motion {
            PlatformMotion::Fixed(site) => {
                let d = site.to_ecef().distance_to(&launch.to_ecef());
                let h = horizon_m(p.k_factor, site.alt_m(), launch.alt_m());
                assert!(d > h, "{}: sees the raid launch ({d} m < {h} m)", s.name);
            }
            PlatformMotion::Ship(ship) => {
                for q in &ship.points {
                    let d = q.position.to_ecef().distance_to(&launch.to_ecef());
                    let h = horizon_m(p.k_factor, 0.0, launch.alt_m());
                    assert!(d > h, "{}: sees the raid launch", s.name);
                }
            }
            PlatformMotion::AirborneOrbit(orbit) if s.name == "JPN-AEW-1-RADAR" => {
                for point in &route.points {
                    let d = orbit
                        .centre
                        .to_ecef()
                        .distance_to(&point.position.to_ecef())
                        + orbit.radius_m;
                    let h = horizon_m(p.k_factor, orbit.centre.alt_m(), point.position.alt_m());
                    assert!(d < h && d < p.max_range_m, "{}: {d} m", s.name);
                }
            }
            _ => {}
        }
    }
}
