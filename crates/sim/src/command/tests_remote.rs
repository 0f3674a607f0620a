//! Remote data inside whole runs (PRIMER §4.5): a fire unit on a node without sensors fires
//! on its own nation's tracks under own-nation authority but not on an ally's, and on the
//! ally's under allied authority; a launch-on-remote unit launches on an ally's track and its
//! own radar takes over in flight, or the round is lost when its radar never holds the target.

use super::tests::EOR_ALLIES;
use super::tests_identity::{coalition, remote_battery};
use crate::log::EventKind;
use crate::*;
use base::{NodeId, SimDuration};
use c2::roe::{RemoteAuthority, RemoteFrom, RemoteUse};

fn run_it(input: &Input) -> (Summary, Vec<(bool, &'static str)>) {
    let mut rec = MemoryRecorder::default();
    let s = run(input, 3, None, &mut rec).expect("builds");
    let launches = rec
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::InterceptorLaunch {
                on_remote,
                provenance,
                ..
            } => Some((on_remote, provenance)),
            _ => None,
        })
        .collect();
    (s, launches)
}

fn with(mut input: Input, use_: RemoteUse, from: RemoteFrom) -> Input {
    input.fire_units[0].remote = RemoteAuthority::new(use_, from);
    input
}

#[test]
fn a_radarless_unit_fires_on_its_own_nations_track_under_own_nation_authority() {
    // JPN battery on a sensorless node; JPN-NAT's radars hold every track.
    let own = with(
        remote_battery(40, 0.0),
        RemoteUse::EngageOnRemote,
        RemoteFrom::OwnNation,
    );
    let (s, launches) = run_it(&own);
    assert!(s.moe.interceptors_fired > 0, "{:?}", s.moe);
    assert!(
        launches.iter().all(|l| *l == (true, "own_nation")),
        "{launches:?}"
    );
    // Only its own node's data: the national node's tracks are denied, naming their class.
    let node_only = with(
        remote_battery(40, 0.0),
        RemoteUse::EngageOnRemote,
        RemoteFrom::OwnNode,
    );
    let (s, _) = run_it(&node_only);
    assert_eq!(s.moe.interceptors_fired, 0, "{:?}", s.moe);
    assert!(
        s.moe
            .engagements_denied
            .contains_key("remote_data_not_authorised_own_nation"),
        "{:?}",
        s.moe.engagements_denied
    );
}

#[test]
fn a_radarless_unit_fires_on_an_allys_track_only_under_allied_authority() {
    // USA battery on a sensorless node; only JPN radars hold tracks.
    let national = with(
        coalition(true),
        RemoteUse::EngageOnRemote,
        RemoteFrom::OwnNation,
    );
    let (s, _) = run_it(&national);
    assert_eq!(s.moe.interceptors_fired, 0, "{:?}", s.moe);
    assert!(
        s.moe
            .engagements_denied
            .contains_key("remote_data_not_authorised_ally"),
        "{:?}",
        s.moe.engagements_denied
    );
    let allied = coalition(true);
    assert_eq!(allied.fire_units[0].remote, EOR_ALLIES);
    let (s, launches) = run_it(&allied);
    assert!(s.moe.interceptors_fired > 0, "{:?}", s.moe);
    assert!(
        launches.iter().all(|l| *l == (true, "ally")),
        "{launches:?}"
    );
    // Autonomous: no remote data at all.
    let alone = with(coalition(true), RemoteUse::Autonomous, RemoteFrom::Allies);
    let (s, _) = run_it(&alone);
    assert_eq!(s.moe.interceptors_fired, 0, "{:?}", s.moe);
}

/// The coalition world with a fire-control radar of the USA battery's own on its platform
/// (a 1-s phased array instrumented to `max_range_m`, detecting a 1 m² target at 13 dB at
/// `ref_range_m`), reporting to the battery's node.
fn with_own_radar(max_range_m: f64, ref_range_m: f64) -> Input {
    let mut input = with(
        coalition(true),
        RemoteUse::LaunchOnRemote,
        RemoteFrom::Allies,
    );
    let mut own = crate::tests::radar("USA-BTY-RADAR", input.fire_units[0].platform.index());
    own.nation = input.fire_units[0].nation;
    own.node = NodeId::new(1);
    own.release_to = base::NationSet::first(2);
    if let sensors::SensorParams::Radar(r) = &mut own.params {
        r.max_range_m = max_range_m;
        r.scan = sensors::ScanKind::PhasedArray;
        r.scan_period_s = 1.0;
        r.detection = sensors::DetectionModel::RadarEquation {
            ref_range_m,
            ref_snr_db: 13.0,
            pfa: 1e-8,
        };
    }
    input.sensors.push(own);
    input
}

/// Per launched engagement: its launch provenance and how it ended (`intercept`, or the
/// abort reason).
fn outcomes(input: &Input) -> (Summary, Vec<(&'static str, String)>) {
    let mut rec = MemoryRecorder::default();
    let s = run(input, 3, None, &mut rec).expect("builds");
    let mut launched: Vec<(u64, &'static str, String)> = Vec::new();
    for e in &rec.events {
        match &e.kind {
            EventKind::InterceptorLaunch {
                engagement,
                provenance,
                ..
            } => launched.push((*engagement, provenance, "in_flight".to_owned())),
            EventKind::Intercept { engagement, .. } => {
                if let Some(l) = launched.iter_mut().find(|l| l.0 == *engagement) {
                    l.2 = "intercept".to_owned();
                }
            }
            EventKind::EngagementAborted {
                engagement, reason, ..
            } => {
                if let Some(l) = launched.iter_mut().find(|l| l.0 == *engagement) {
                    l.2 = (*reason).to_owned();
                }
            }
            _ => {}
        }
    }
    (s, launched.into_iter().map(|(_, p, o)| (p, o)).collect())
}

#[test]
fn launch_on_remote_launches_on_an_allys_track_and_its_own_radar_takes_over() {
    // A 100-km fire-control radar holds the threats only late, after the ally's 800-km
    // radars: rounds leave on the ally's track and reach their intercept guided by the own
    // radar.
    let (s, rounds) = outcomes(&with_own_radar(100_000.0, 300_000.0));
    assert!(s.moe.interceptors_fired > 0, "{:?}", s.moe);
    assert!(
        rounds.iter().any(|(p, o)| *p == "ally" && o == "intercept"),
        "a round launched on the ally's track is guided home by the own radar: {rounds:?}"
    );
    assert!(
        rounds.iter().all(|(_, o)| o != "in_flight"),
        "every round ends: {rounds:?}"
    );
}

#[test]
fn launch_on_remote_loses_the_round_when_its_own_radar_never_takes_over() {
    // A radar instrumented to 100 km but too weak to detect anything (1 m² at 13 dB at 1 km):
    // rounds leave on the ally's tracks, and each is destroyed in flight once its seeker
    // needs a cue the own radar never gave.
    let blind = with_own_radar(100_000.0, 1_000.0);
    let (s, rounds) = outcomes(&blind);
    assert!(!rounds.is_empty(), "{:?}", s.moe);
    assert!(
        rounds
            .iter()
            .all(|(p, o)| *p == "ally" && o == "no_own_fire_control_track"),
        "{rounds:?}"
    );
    assert_eq!(s.moe.intercepts, 0, "{:?}", s.moe);
    // Engage-on-remote on the same data guides the whole way and intercepts.
    let mut eor = blind;
    eor.fire_units[0].remote.use_ = RemoteUse::EngageOnRemote;
    let (_, rounds) = outcomes(&eor);
    assert!(rounds.iter().any(|(_, o)| o == "intercept"), "{rounds:?}");
}

#[test]
fn launch_on_remote_plans_intercepts_only_inside_its_own_radars_range() {
    // A 2-km radar: no intercept of the envelope (3 km minimum range) lies where it could
    // take a round over, so nothing is launched on the ally's data.
    let (s, rounds) = outcomes(&with_own_radar(2_000.0, 300_000.0));
    assert!(rounds.is_empty(), "{rounds:?}");
    assert!(
        s.moe.leaker_out_of_reach_reasons.contains_key("no_window"),
        "{:?}",
        s.moe
    );
}

#[test]
fn a_split_authority_launches_on_allies_data_and_engages_on_its_own_nations() {
    // Engage on own-nation data, launch on allies': the ally's tracks are launch-only, so the
    // round is planned inside the own radar's range and taken over by it, as under
    // launch-on-remote from allies.
    let mut split = with_own_radar(100_000.0, 300_000.0);
    split.fire_units[0].remote = RemoteAuthority {
        launch_from: Some(RemoteFrom::Allies),
        ..RemoteAuthority::new(RemoteUse::EngageOnRemote, RemoteFrom::OwnNation)
    };
    let (s, rounds) = outcomes(&split);
    assert!(s.moe.interceptors_fired > 0, "{:?}", s.moe);
    assert!(
        rounds.iter().any(|(p, o)| *p == "ally" && o == "intercept"),
        "{rounds:?}"
    );
    // With a blind own radar nothing takes the ally-launched rounds over.
    let mut blind = with_own_radar(100_000.0, 1_000.0);
    blind.fire_units[0].remote = split.fire_units[0].remote;
    let (_, rounds) = outcomes(&blind);
    assert!(!rounds.is_empty());
    assert!(
        rounds
            .iter()
            .all(|(p, o)| *p == "ally" && o == "no_own_fire_control_track"),
        "{rounds:?}"
    );
    // The same battery of the JPN nation engages on JPN data whole (no take-over needed).
    let mut own = with(
        remote_battery(40, 0.0),
        RemoteUse::EngageOnRemote,
        RemoteFrom::OwnNation,
    );
    own.fire_units[0].remote.launch_from = Some(RemoteFrom::Allies);
    let (s, launches) = run_it(&own);
    assert!(s.moe.interceptors_fired > 0, "{:?}", s.moe);
    assert!(
        launches.iter().all(|l| *l == (true, "own_nation")),
        "{launches:?}"
    );
}

#[test]
fn a_round_whose_track_is_lost_in_flight_is_destroyed_before_handover() {
    // Engage-on-remote on the national node's tracks: the whole engagement rides the link.
    let mut input = with(
        remote_battery(40, 0.0),
        RemoteUse::EngageOnRemote,
        RemoteFrom::OwnNation,
    );
    // A lost track leaves the unit's picture 2 × 2 s after its last report, and 20 s without
    // any track of the threat lose the round (its flight is about 40 s).
    input.network.heartbeat = SimDuration::from_secs(2);
    input.network.takeover_heartbeats = 1;
    input.c2.max_track_age = SimDuration::from_secs(20);
    let mut rec = MemoryRecorder::default();
    run(&input, 3, None, &mut rec).expect("builds");
    let (launch_s, intercept_s) = rec
        .events
        .iter()
        .find_map(|e| match e.kind {
            EventKind::InterceptorLaunch { intercept_t_s, .. } => Some((e.t_s, intercept_t_s)),
            _ => None,
        })
        .expect("a launch with the link up");
    eprintln!("launch {launch_s} intercept {intercept_s}");
    // The link goes down just after the first launch and stays down: the unit's node soon
    // holds no track of the threat.
    let down = SimDuration::from_secs_f64(launch_s + 0.5);
    input.links[0].partitions = vec![(down, down + SimDuration::from_secs(3_000))];
    let (_, rounds) = outcomes(&input);
    assert_eq!(
        rounds.first().map(|(_, o)| o.as_str()),
        Some("track_lost_in_flight"),
        "{rounds:?}"
    );
}
