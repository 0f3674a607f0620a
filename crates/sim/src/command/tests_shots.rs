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
