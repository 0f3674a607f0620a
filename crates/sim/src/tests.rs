//! Engine tests: determinism, chunked running, truncation, impact bookkeeping.
//!
//! The input is built in code (the `scenario` crate sits above `sim`), small enough to run
//! in debug builds in well under a second.

use crate::*;
use base::{NationId, Probability, Side, SimDuration, SimTime};
use dynamics::{BallisticShape, BallisticSpec, RoutePoint, RouteSpec, TurnLimit};
use geodesy::Wgs84;

pub(crate) fn deg(lat: f64, lon: f64, alt: f64) -> Wgs84 {
    Wgs84::from_degrees(lat, lon, alt).expect("test coordinates are valid")
}

fn point(lat: f64, lon: f64, alt: f64) -> RoutePoint {
    RoutePoint {
        position: deg(lat, lon, alt),
        speed_mps: None,
    }
}

/// A notional all-round rotator on platform `platform`.
pub(crate) fn radar(name: &str, platform: usize) -> Sensor {
    use sensors::*;
    Sensor {
        name: name.to_owned(),
        nation: NationId::parse("JPN").expect("valid"),
        platform: base::PlatformId::new(platform),
        params: SensorParams::Radar(RadarParams {
            detection: DetectionModel::RadarEquation {
                ref_range_m: 300_000.0,
                ref_snr_db: 13.0,
                // ≈ 0.7 false alarms per scan over this radar's 7·10⁷ cells.
                pfa: 1e-8,
            },
            min_range_m: 1_000.0,
            max_range_m: 800_000.0,
            field: FieldOfRegard {
                boresight_az_deg: 0.0,
                az_half_width_deg: 180.0,
                // Below 0°: a sea-skimmer inside the horizon sits at negative elevation.
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
            budget: sensors::DwellBudget::OFF,
            latency_s: 0.0,
        }),
        node: base::NodeId::new(0),
        release_to: base::NationSet::first(1),
    }
}

/// One asset, two radar sites, a two-missile ballistic salvo, a cruise missile and an airliner.
pub(crate) fn small_input() -> Input {
    let jpn = NationId::parse("JPN").expect("valid");
    let end = SimTime::from_secs(900);
    let ballistic = |name: &str, launch_s: i64| Threat {
        name: name.to_owned(),
        launch_area: "RED-1".to_owned(),
        class: ThreatClass::Srbm,
        motion: ThreatMotion::Ballistic(BallisticSpec {
            launch_time: SimTime::from_secs(launch_s),
            launch: deg(30.0, 132.0, 0.0),
            aim: deg(33.6, 130.4, 0.0),
            shape: BallisticShape::Loft { deg: 45.0 },
            burn_time_s: 60.0,
            ballistic_coefficient_kg_m2: Some(5000.0),
        }),
        aim_cep_m: 300.0,
        launch_jitter_s: 2.0,
        target_asset: Some(base::AssetId::new(0)),
        signature: sensors::Signature {
            rcs_m2: 0.1,
            swerling: sensors::Swerling::One,
        },
    };
    Input {
        name: "sim-unit".to_owned(),
        start_utc: "2027-07-15T00:00:00Z".to_owned(),
        start_unix_s: 1_815_609_600,
        duration: SimDuration::from_secs(900),
        seed: 1,
        truth_sample_period: SimDuration::from_secs(5),
        nations: vec![Nation {
            id: jpn,
            name: "Japan".to_owned(),
        }],
        assets: vec![Asset {
            name: "Fukuoka".to_owned(),
            nation: jpn,
            position: deg(33.6, 130.4, 0.0),
            radius_m: 20_000.0,
            value: 10.0,
        }],
        platforms: vec![
            Platform {
                name: "site-1".to_owned(),
                nation: jpn,
                motion: PlatformMotion::Fixed(deg(33.55, 130.35, 50.0)),
                signature: None,
            },
            Platform {
                name: "site-2".to_owned(),
                nation: jpn,
                motion: PlatformMotion::Fixed(deg(31.5, 130.5, 80.0)),
                signature: None,
            },
        ],
        sensors: vec![radar("radar-1", 0), radar("radar-2", 1)],
        fire_units: vec![],
        threats: vec![
            ballistic("srbm-1", 10),
            ballistic("srbm-2", 40),
            Threat {
                name: "cm-1".to_owned(),
                launch_area: "RED-2".to_owned(),
                class: ThreatClass::Cruise,
                motion: ThreatMotion::Cruise(RouteSpec {
                    start_time: SimTime::from_secs(0),
                    points: vec![point(32.0, 129.0, 10.0), point(33.6, 130.4, 10.0)],
                    speed_mps: 250.0,
                    turn: TurnLimit::BankDeg(30.0),
                    max_vertical_mps: 20.0,
                    repeat: false,
                    ends_in_impact: true,
                    hold_at_end: false,
                    until: end,
                }),
                aim_cep_m: 0.0,
                launch_jitter_s: 0.0,
                target_asset: None,
                signature: sensors::Signature {
                    rcs_m2: 0.1,
                    swerling: sensors::Swerling::One,
                },
            },
        ],
        traffic: vec![Traffic {
            name: "CIV-1".to_owned(),
            kind: TrafficKind::Airliner,
            side: Side::Neutral,
            nation: None,
            route: RouteSpec {
                start_time: SimTime::from_secs(30),
                points: vec![point(35.0, 133.0, 10_000.0), point(31.0, 128.0, 10_000.0)],
                speed_mps: 240.0,
                turn: TurnLimit::BankDeg(25.0),
                max_vertical_mps: 10.0,
                repeat: false,
                ends_in_impact: false,
                hold_at_end: false,
                until: end,
            },
            departure_jitter_s: 30.0,
            iff_reliability: Probability::new(0.99).expect("valid"),
            signature: sensors::Signature {
                rcs_m2: 40.0,
                swerling: sensors::Swerling::One,
            },
        }],
        nodes: vec![crate::C2Node {
            name: "JPN-NAT".to_owned(),
            nation: jpn,
            role: crate::NodeRole::Combined,
            parent: None,
            platform: None,
            decision_latency: SimDuration::from_secs(1),
            release_to: base::NationSet::first(1),
            signing_key: None,
            declares_identity: true,
        }],
        links: vec![],
        network: crate::NetworkConfig::defaults(1),
        adversaries: vec![],
        interceptors: vec![],
        wcs: vec![],
        zones: vec![],
        c2: crate::C2Config::defaults(),
        identification: crate::IdRules::defaults(),
    }
}

fn records(input: &Input, seed: u64) -> (String, String, Summary) {
    let mut rec = MemoryRecorder::default();
    let summary = run(input, seed, None, &mut rec).expect("small input builds");
    let events: Vec<String> = rec
        .events
        .iter()
        .map(|e| serde_json::to_string(e).expect("serialisable"))
        .collect();
    let truth: Vec<String> = rec
        .truth
        .iter()
        .map(|r| serde_json::to_string(r).expect("serialisable"))
        .collect();
    (events.join("\n"), truth.join("\n"), summary)
}

#[test]
fn same_seed_same_records() {
    let input = small_input();
    for seed in [1, 2, 0xDEAD_BEEF] {
        let a = records(&input, seed);
        let b = records(&input, seed);
        assert_eq!(
            a.0, b.0,
            "events differ; reproduce: kizuna run --seed {seed}"
        );
        assert_eq!(
            a.1, b.1,
            "truth differs; reproduce: kizuna run --seed {seed}"
        );
        assert_eq!(a.2, b.2);
    }
}

#[test]
fn different_seeds_draw_different_truth() {
    let input = small_input();
    let (e1, _, s1) = records(&input, 1);
    let (e2, _, s2) = records(&input, 2);
    assert_ne!(e1, e2, "aim errors and jitter must depend on the seed");
    assert_ne!(s1.impacts[0].lat_deg, s2.impacts[0].lat_deg);
}

#[test]
fn chunked_run_equals_one_shot() {
    let input = small_input();
    let mut one = MemoryRecorder::default();
    let s1 = run(&input, 9, None, &mut one).expect("builds");
    let mut chunked = MemoryRecorder::default();
    let mut sim = Simulation::new(&input, 9, None).expect("builds");
    for k in 1..=37 {
        sim.run_until(SimTime::from_millis(k * 13_700), &mut chunked);
    }
    let s2 = sim.finish(&mut chunked);
    assert_eq!(one.events, chunked.events);
    assert_eq!(one.truth, chunked.truth);
    assert_eq!(s1, s2);
}

#[test]
fn events_are_in_time_order_and_complete() {
    let input = small_input();
    let mut rec = MemoryRecorder::default();
    let summary = run(&input, 3, None, &mut rec).expect("builds");
    assert!(rec.events.windows(2).all(|w| w[0].t_ns <= w[1].t_ns));
    assert_eq!(
        rec.events.first().map(|e| e.kind.tag()),
        Some("scenario_start")
    );
    assert_eq!(
        rec.events.last().map(|e| e.kind.tag()),
        Some("scenario_end")
    );
    let count = |tag: &str| rec.events.iter().filter(|e| e.kind.tag() == tag).count() as u64;
    assert_eq!(count("launch"), 3, "three threats launch");
    assert_eq!(count("impact"), 3, "all three come down within 900 s");
    assert_eq!(count("burnout"), 2);
    assert_eq!(count("apogee"), 2);
    for tag in EventKind::TAGS {
        assert_eq!(summary.counts.events[tag], count(tag), "{tag}");
    }
    assert_eq!(summary.moe.leakers, 3);
    // The cruise missile flies to the asset centre: it must be scored on the asset.
    let cm = summary
        .impacts
        .iter()
        .find(|i| i.object == "cm-1")
        .expect("cruise impact");
    assert_eq!(cm.asset.as_deref(), Some("Fukuoka"));
    assert!(cm.miss_from_aim_m.expect("has an aim") < 1_000.0);
    // Ballistic misses are drawn with a 300 m CEP: far beyond 5 km would mean a broken draw.
    // The targeting itself is good to a metre, so a miss under 1 m means no error was drawn.
    for i in summary
        .impacts
        .iter()
        .filter(|i| i.object.starts_with("srbm"))
    {
        let miss = i.miss_from_aim_m.expect("has an aim");
        assert!((1.0..5_000.0).contains(&miss), "{i:?}");
    }
}

#[test]
fn until_truncates() {
    let input = small_input();
    let mut rec = MemoryRecorder::default();
    let summary = run(&input, 1, Some(SimTime::from_secs(100)), &mut rec).expect("builds");
    assert_eq!(summary.sim_seconds, 100.0);
    assert!(rec.events.iter().all(|e| e.t_ns <= 100_000_000_000));
    assert!(rec.truth.iter().all(|r| r.t_s <= 100.0));
    assert_eq!(summary.moe.leakers, 0, "nothing lands in the first 100 s");
}

#[test]
fn aim_errors_have_the_stated_cep() {
    // Half of all impacts must fall inside the CEP. With 4000 draws the sample median of a
    // Rayleigh distribution has a relative standard error of about 1.3%, so 5% is > 3 sigma.
    let aim = deg(26.355, 127.768, 0.0);
    let cep_m = 250.0;
    let mut misses: Vec<f64> = (0..4000u64)
        .map(|entity| {
            let hit = crate::world::draw_aim(17, entity, aim, cep_m);
            hit.to_ecef().distance_to(&aim.to_ecef())
        })
        .collect();
    misses.sort_by(f64::total_cmp);
    let median = misses[misses.len() / 2];
    assert!(
        (median / cep_m - 1.0).abs() < 0.05,
        "median miss {median} m for CEP {cep_m} m"
    );
}

fn detections_of(rec: &MemoryRecorder, sensor: &str) -> Vec<String> {
    rec.detections
        .iter()
        .filter(|d| d.sensor == sensor)
        .map(|d| serde_json::to_string(d).expect("serialisable"))
        .collect()
}

#[test]
fn adding_a_sensor_leaves_the_others_unchanged() {
    let base_input = small_input();
    let mut more = small_input();
    // Inserted first, so every other sensor's index shifts: streams must follow names.
    more.sensors.insert(0, radar("radar-new", 1));
    let mut a = MemoryRecorder::default();
    run(&base_input, 5, None, &mut a).expect("builds");
    let mut b = MemoryRecorder::default();
    run(&more, 5, None, &mut b).expect("builds");
    for name in ["radar-1", "radar-2"] {
        let (da, db) = (detections_of(&a, name), detections_of(&b, name));
        assert!(!da.is_empty(), "{name} detects something");
        assert_eq!(
            da, db,
            "{name}'s detections changed when another sensor was added"
        );
    }
    assert!(!detections_of(&b, "radar-new").is_empty());
}

#[test]
fn detections_are_delivered_in_order_and_scored() {
    let input = small_input();
    let mut rec = MemoryRecorder::default();
    let mut sim = Simulation::new(&input, 11, None).expect("builds");
    sim.run_until(SimTime::from_secs(900), &mut rec);
    assert_eq!(
        sim.ledger().len(),
        rec.detections.len(),
        "every delivery is in the ledger"
    );
    assert!(
        rec.detections
            .windows(2)
            .all(|w| w[0].t_delivered_s <= w[1].t_delivered_s)
    );
    for d in &rec.detections {
        assert!(d.t_s <= d.t_delivered_s);
        assert_eq!(d.truth == "real", !d.object.is_empty());
    }
    let summary = sim.finish(&mut rec);
    // The ballistic threats fly high within 500 km of both radars and the sea-skimmer ends its
    // run next to radar-1 (inside its horizon): all must be seen, after launch.
    assert_eq!(summary.moe.threats_detected, 3);
    for t in &summary.threats {
        let first = t.first_detection.as_ref().expect("detected");
        assert!(first.t_s >= t.launch_t_s, "{t:?}");
        assert_eq!(t.detected_by, ["JPN"]);
    }
    let by_sensor: u64 = summary
        .sensors
        .iter()
        .map(|s| s.detections + s.false_alarms)
        .sum();
    assert_eq!(by_sensor, rec.detections.len() as u64);
    // The airliner answers IFF in civil modes; hostiles never reply.
    assert!(
        rec.detections
            .iter()
            .any(|d| d.object == "CIV-1" && d.iff == "civil")
    );
    assert!(
        rec.detections
            .iter()
            .filter(|d| d.object.starts_with("srbm"))
            .all(|d| d.iff == "no_reply")
    );
}

#[test]
fn the_national_node_tracks_what_its_radars_see() {
    let input = small_input();
    let mut rec = MemoryRecorder::default();
    let summary = run(&input, 3, None, &mut rec).expect("builds");
    assert_eq!(summary.nodes.len(), 1, "one C2 node");
    let n = &summary.nodes[0];
    assert_eq!((n.node.as_str(), n.nation.as_str()), ("JPN-NAT", "JPN"));
    assert!(n.scans_processed > 100, "{n:?}");
    assert_eq!(n.oosm_dropped, 0, "{n:?}");
    // A lone node with sharing on has no one to talk to: its picture is a common picture of
    // its own tracks, and its first-hand tracks are scored separately.
    let node = n
        .picture
        .as_ref()
        .expect("a node with radars holds a picture");
    // The airliner crosses both radars' coverage for many minutes: it must be held.
    assert!(node.tracks >= 1, "{n:?}");
    assert!(!rec.tracks.is_empty());
    assert!(
        rec.tracks
            .iter()
            .all(|t| t.node == "JPN-NAT" && t.quality <= 15)
    );
    assert_eq!(summary.counts.track_rows, rec.tracks.len() as u64);
    // Confirmed tracks sit on real objects: localisation per assigned object is far below
    // the cut-off (median track error is a few hundred metres for these radars).
    assert!(node.gospa_false_mean < 0.5, "{node:?}");
    // Both SRBMs and the sea-skimmer pass close to the radars: each gets a confirmed track.
    assert_eq!(node.threats_tracked, 3, "{node:?}");
}

/// The engine test world watched by a geostationary IR sensor (launch-event reports, 1 km)
/// reporting to the radars' node.
pub(crate) fn ir_watched() -> Input {
    let mut input = small_input();
    input.platforms.push(Platform {
        name: "geo".to_owned(),
        nation: NationId::parse("JPN").expect("valid"),
        motion: PlatformMotion::Geostationary { lon_deg: 135.0 },
        signature: None,
    });
    input.sensors.push(Sensor {
        name: "geo-ir".to_owned(),
        nation: NationId::parse("JPN").expect("valid"),
        platform: base::PlatformId::new(2),
        params: sensors::SensorParams::SpaceIr(sensors::SpaceIrParams {
            pd: Probability::new(0.95).expect("valid"),
            revisit_s: 5.0,
            latency_s: 20.0,
            sigma_los_urad: 30.0,
            report: sensors::IrReport::LaunchEvent { sigma_m: 1_000.0 },
            min_alt_m: 5_000.0,
        }),
        node: base::NodeId::new(0),
        release_to: base::NationSet::first(1),
    });
    input
}

#[test]
fn a_space_ir_launch_report_confirms_ballistic_tracks_sooner() {
    let first_held = |cueing: bool| {
        let mut input = ir_watched();
        input.network.ir_cueing = cueing;
        let mut rec = MemoryRecorder::default();
        let s = run(&input, 4, None, &mut rec).expect("builds");
        assert!(
            s.counts.events["cue"] > 0,
            "the IR sensor reports the launches"
        );
        let held: Vec<f64> = s
            .threats
            .iter()
            .filter(|t| t.name.starts_with("srbm"))
            .map(|t| {
                t.timeline
                    .first_held_t_s
                    .expect("both missiles are tracked")
            })
            .collect();
        (held, s.nodes[0].cued_confirmations)
    };
    let (cued, n_cued) = first_held(true);
    let (plain, n_plain) = first_held(false);
    assert_eq!(n_plain, 0);
    assert!(n_cued > 0, "cued confirmations");
    // Detections are identical (sensor streams do not depend on the cue): only confirmation
    // moves, and only earlier.
    for (c, p) in cued.iter().zip(&plain) {
        assert!(c <= p, "cued {cued:?} vs plain {plain:?}");
    }
    assert!(
        cued.iter().zip(&plain).any(|(c, p)| c < p),
        "cued {cued:?} vs plain {plain:?}"
    );
}
