//! Remote data inside whole runs (PRIMER §4.5): a fire unit on a node without sensors fires
//! on its own nation's tracks under own-nation authority but not on an ally's, and on the
//! ally's under allied authority; a launch-on-remote unit launches on an ally's track and
//! guides with its own radar, or is called off when its radar never holds the target.

use super::tests::EOR_ALLIES;
use super::tests_identity::{coalition, remote_battery};
use crate::log::EventKind;
use crate::*;
use base::NodeId;
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
    input.fire_units[0].remote = RemoteAuthority { use_, from };
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

/// The coalition world with a short-range radar of the USA battery's own on its platform,
/// reporting to the battery's node.
fn with_own_radar(max_range_m: f64) -> Input {
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
    }
    input.sensors.push(own);
    input
}

#[test]
fn launch_on_remote_launches_on_an_allys_track_and_guides_with_its_own_radar() {
    // A 100-km radar holds the threats only late, after the ally's 800-km radars: at seed 3
    // an order is planned on the ally's track and launched once the own radar holds it.
    // (Measured at this seed: 65, 120 and 150 km ranges order only on the own radar's
    // track; 80 km never holds a threat by the launch instant — every order is called off.)
    let (s, launches) = run_it(&with_own_radar(100_000.0));
    assert!(s.moe.interceptors_fired > 0, "{:?}", s.moe);
    assert!(
        launches.iter().all(|(_, p)| *p == "own_sensors"),
        "every round guides on its own radar's track: {launches:?}"
    );
    assert!(
        launches.iter().any(|(remote, _)| *remote),
        "some order was planned on the ally's track before the own radar held it: {launches:?}"
    );
}

#[test]
fn launch_on_remote_is_called_off_when_its_own_radar_never_holds_the_target() {
    // A radar that sees nothing beyond 2 km: orders on the ally's tracks, no launch.
    let (s, launches) = run_it(&with_own_radar(2_000.0));
    assert!(launches.is_empty(), "{launches:?}");
    assert!(
        s.moe
            .engagements_aborted_by_reason
            .get("no_own_fire_control_track")
            .is_some_and(|n| *n > 0),
        "{:?}",
        s.moe.engagements_aborted_by_reason
    );
}
