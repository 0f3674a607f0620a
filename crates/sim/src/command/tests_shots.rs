//! `max_shots_per_threat` counts rounds that leave their launcher (and orders still waiting
//! for their launch): an order called off in the launcher gives its shot back, so another
//! unit may engage the threat.

use super::tests::terminal;
use super::tests_identity::remote_battery;
use crate::log::EventKind;
use crate::*;
use base::{InterceptorTypeId, NodeId, SimDuration};

/// The remote battery's world (FU-REMOTE on a sensorless node fed over a 40-ms link) with a
/// second battery on the same site, FU-LATE, on another sensorless node fed over a 3-s link
/// and with a poorer interceptor: FU-REMOTE holds the threats' identities first and is
/// preferred. One shot per threat.
fn two_batteries() -> Input {
    let mut input = remote_battery(40, 0.0);
    let mut poor = terminal();
    poor.name = "notional-poor".to_owned();
    poor.sspk_ballistic = 0.3;
    poor.sspk_air = 0.3;
    input.interceptors.push(poor);
    let mut late = input.fire_units[0].clone();
    late.name = "FU-LATE".to_owned();
    late.interceptor = InterceptorTypeId::new(1);
    late.node = NodeId::new(2);
    input.fire_units.push(late);
    let mut node = input.nodes[1].clone();
    node.name = "JPN-BTY-2".to_owned();
    input.nodes.push(node);
    let mut link = input.links[0].clone();
    link.name = "L02".to_owned();
    link.b = NodeId::new(2);
    link.latency = SimDuration::from_secs(3);
    input.links.push(link);
    input.c2.max_shots_per_threat = 1;
    input.c2.salvo = 1;
    input
}

/// One order, launch or call-off, in log order.
#[derive(Debug)]
struct Fire {
    unit: String,
    what: &'static str,
    t_s: f64,
    /// The track it names (under track sharing the network track number: one threat has
    /// the same number at every node).
    track: u32,
    /// For a call-off: whether the round had left its launcher.
    launched: bool,
}

fn fire_events(input: &Input) -> Vec<Fire> {
    let mut rec = MemoryRecorder::default();
    run(input, 3, None, &mut rec).expect("builds");
    let fire = |unit: &str, what, t_s, track, launched| Fire {
        unit: unit.to_owned(),
        what,
        t_s,
        track,
        launched,
    };
    rec.events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::EngagementOrder {
                fire_unit, track, ..
            } => Some(fire(fire_unit, "order", e.t_s, *track, false)),
            EventKind::InterceptorLaunch {
                fire_unit, track, ..
            } => Some(fire(fire_unit, "launch", e.t_s, *track, true)),
            EventKind::EngagementAborted {
                fire_unit,
                track,
                launched,
                ..
            } => Some(fire(fire_unit, "aborted", e.t_s, *track, *launched)),
            _ => None,
        })
        .collect()
}

#[test]
fn an_order_called_off_before_launch_gives_its_shot_back() {
    let events = fire_events(&two_batteries());
    let is = |f: &Fire, unit: &str, what: &str| f.unit == unit && f.what == what;
    let first = events
        .iter()
        .find(|f| is(f, "FU-REMOTE", "order"))
        .unwrap_or_else(|| panic!("FU-REMOTE is preferred while it has data: {events:?}"));
    let launch = events
        .iter()
        .find(|f| is(f, "FU-REMOTE", "launch") && f.track == first.track)
        .unwrap_or_else(|| panic!("{events:?}"));
    assert!(
        launch.t_s > first.t_s + 2.0,
        "the order waits for its launch: {events:?}"
    );
    assert!(
        !events
            .iter()
            .any(|f| f.unit == "FU-LATE" && f.track == first.track),
        "one shot per threat, FU-REMOTE's: {events:?}"
    );
    // Cut FU-REMOTE's link between its first order and that order's launch, for good: at the
    // launch instant its node holds no track, so the order is called off in the launcher,
    // and FU-LATE, never ordered while FU-REMOTE held the threat's one shot, must take it.
    let mut cut = two_batteries();
    cut.links[0].partitions = vec![(
        SimDuration::from_secs_f64(first.t_s + 1.0),
        cut.duration + SimDuration::from_secs(1),
    )];
    let events = fire_events(&cut);
    let call_off = events
        .iter()
        .find(|f| is(f, "FU-REMOTE", "aborted") && f.track == first.track)
        .unwrap_or_else(|| panic!("{events:?}"));
    assert!(!call_off.launched, "{events:?}");
    assert!(
        !events.iter().any(|f| is(f, "FU-REMOTE", "launch")),
        "{events:?}"
    );
    assert!(
        events
            .iter()
            .any(|f| is(f, "FU-LATE", "launch") && f.track == first.track && f.t_s >= call_off.t_s),
        "after the call-off the other battery engages the threat: {events:?}"
    );
}

/// A track 200 km up at `(x, y, z)` metres off a fixed ECEF point, falling at 2 km/s.
fn track(number: u32, offset_m: [f64; 3]) -> crate::node::HeldTrack {
    let mut cov = [[0.0; 6]; 6];
    for (i, row) in cov.iter_mut().enumerate() {
        row[i] = if i < 3 { 200.0 * 200.0 } else { 20.0 * 20.0 };
    }
    let r = 6_578_000.0;
    crate::node::HeldTrack {
        number,
        time: base::SimTime::from_secs(100),
        x: [
            r + offset_m[0],
            offset_m[1],
            offset_m[2],
            -2_000.0,
            0.0,
            0.0,
        ],
        p: cov,
        quality: 12,
        last_update: base::SimTime::from_secs(100),
        ballistic: true,
        ballistic_history: c2::identify::Ballistic::Established,
        release: base::NationSet::default(),
        sources: base::SensorSet::default(),
        remote_nodes: Vec::new(),
        first_hand: true,
        iff: network::wire::IffEvidence::default(),
    }
}

#[test]
fn under_measurement_sharing_one_object_in_two_nodes_pictures_is_one_threat() {
    // The two batteries' nodes each hold the missile under their own local number (150 m
    // apart: two composite trackers on the same plots) and node 2 also holds another
    // missile 30 km away.
    let pictures = std::collections::BTreeMap::from([
        (NodeId::new(1), vec![track(5, [0.0; 3])]),
        (
            NodeId::new(2),
            vec![track(9, [150.0, 0.0, 0.0]), track(11, [0.0, 30_000.0, 0.0])],
        ),
    ]);
    let threats = |sharing| {
        let mut input = two_batteries();
        input.network.sharing = sharing;
        let world = crate::world::World::build(&input, 3).expect("builds");
        let command = super::CommandRuntime::build(&input, &world, 3);
        let mut groups: Vec<usize> = command
            .threats(&pictures)
            .iter()
            .map(|t| t.members.len())
            .collect();
        groups.sort_unstable();
        groups
    };
    // Composite pictures come from the same plots: one threat held twice, one held once.
    assert_eq!(threats(Sharing::Measurement), [1, 2]);
    // No sharing: nothing says the two nodes' tracks are one object.
    assert_eq!(threats(Sharing::None), [1, 1, 1]);
}
