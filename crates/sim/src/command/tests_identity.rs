//! Identity over the link inside whole runs: a fire unit acts on the identity its node has
//! *received* from its identification authority — later than the declaration by the link's
//! latency, later still when the link loses frames, and never when the declaration is not
//! releasable to the unit's nation.

use super::tests::terminal;
use crate::tests::small_input;
use crate::*;
use base::{
    InterceptorTypeId, NationId, NationSet, NodeId, PlatformId, Probability, SimDuration, SimTime,
};
use c2::identify::Identity;
use std::collections::BTreeMap;

fn jpn() -> NationId {
    NationId::parse("JPN").expect("valid")
}

fn usa() -> NationId {
    NationId::parse("USA").expect("valid")
}

fn link(a: usize, b: usize, latency_ms: i64, loss: f64) -> Link {
    Link {
        name: format!("L{a}{b}"),
        a: NodeId::new(a),
        b: NodeId::new(b),
        latency: SimDuration::from_millis(latency_ms),
        loss: Probability::new(loss).expect("valid"),
        bandwidth_bps: None,
        jitter: SimDuration::ZERO,
        queue_bytes: 65_536,
        overflow: OverflowPolicy::DropOldest,
        partitions: vec![],
    }
}

fn unit_node(name: &str, nation: NationId, parent: usize) -> C2Node {
    C2Node {
        name: name.to_owned(),
        nation,
        role: NodeRole::Unit,
        parent: Some(NodeId::new(parent)),
        platform: None,
        decision_latency: SimDuration::from_secs(1),
        release_to: NationSet::first(2),
        signing_key: None,
        declares_identity: false,
    }
}

/// The engine test world (JPN-NAT holds both radars and identification authority) defended
/// by a battery on a second node without sensors: every identity it acts on crossed the link.
pub(super) fn remote_battery(latency_ms: i64, loss: f64) -> Input {
    let mut input = small_input();
    input.interceptors = vec![terminal()];
    input.fire_units = vec![FireUnit {
        name: "FU-REMOTE".to_owned(),
        nation: jpn(),
        platform: PlatformId::new(0),
        interceptor: InterceptorTypeId::new(0),
        inventory: 16,
        channels: 4,
        node: NodeId::new(1),
        fallback: Wcs::Tight,
        remote: super::tests::EOR_ALLIES,
    }];
    input.c2.approval = ApprovalLevel::Unit;
    // No self-defence exception: under weapons tight only a Hostile identity permits a shot.
    input.c2.self_defence_radius_m = 1.0;
    // Every track reaches the unit second-hand: its data can be a 10-s scan, a 12-s heartbeat
    // and the link's latency old, so a 12-s maximum track age would deny every shot.
    input.c2.max_track_age = SimDuration::from_secs(30);
    input.nodes.push(unit_node("JPN-BTY", jpn(), 0));
    input.links.push(link(0, 1, latency_ms, loss));
    input
}

/// When each (track, identity) was first declared by the unit's authority and first held at
/// the unit's node, and when each engagement was ordered on which tracks, sampled every
/// 250 ms (the frame and decision periods are whole seconds).
#[derive(Debug, Default)]
struct Trace {
    declared: BTreeMap<(u32, Identity), f64>,
    held: BTreeMap<(u32, Identity), f64>,
    /// (order time, the identities the unit's node held for the engaged tracks then).
    orders: Vec<(f64, Vec<Identity>)>,
}

fn trace(input: &Input, seed: u64, unit: NodeId) -> (Trace, Summary) {
    let mut rec = MemoryRecorder::default();
    let mut sim = Simulation::new(input, seed, None).expect("builds");
    let mut t = Trace::default();
    let mut seen_orders = 0u64;
    for k in 1..=(input.duration.as_secs_f64() * 4.0) as i64 {
        let now = SimTime::from_millis(k * 250);
        sim.run_until(now, &mut rec);
        let (command, nodes) = sim.command_and_nodes();
        let held: BTreeMap<u32, Identity> = command
            .authority_of(unit)
            .map(|a| {
                nodes[unit.index()]
                    .identities
                    .held_from(crate::net::addr(a))
                    .collect()
            })
            .unwrap_or_default();
        for (&track, &identity) in &held {
            t.held.entry((track, identity)).or_insert(now.as_secs_f64());
        }
        for (track, identity) in command.declared_by_authority_of(unit) {
            t.declared
                .entry((track, identity))
                .or_insert(now.as_secs_f64());
        }
        for (&id, e) in command.engagements.range(seen_orders + 1..) {
            seen_orders = id;
            let ids = e
                .threat
                .iter()
                .chain(std::iter::once(&e.target))
                .map(|k| held.get(&k.track).copied().unwrap_or(Identity::Pending))
                .collect();
            t.orders.push((e.ordered.as_secs_f64(), ids));
        }
    }
    let summary = sim.finish(&mut rec);
    (t, summary)
}

/// Delay from declaration to holding, per (track, identity) declared and held.
fn delays(t: &Trace) -> Vec<f64> {
    t.declared
        .iter()
        .filter(|((_, i), _)| *i != Identity::Pending)
        .filter_map(|(k, d)| t.held.get(k).map(|h| h - d))
        .collect()
}

#[test]
fn a_unit_engages_only_after_its_node_has_received_the_hostile_declaration() {
    let latency_s = 3.0;
    let input = remote_battery(3_000, 0.0);
    let unit = NodeId::new(1);
    let (t, s) = trace(&input, 3, unit);
    assert!(s.moe.interceptors_fired > 0, "{:?}", s.moe);
    assert!(!t.orders.is_empty());
    for (at, ids) in &t.orders {
        assert!(
            ids.contains(&Identity::Hostile),
            "order at {at} s on tracks the unit's node held as {ids:?}: weapons tight needs a received Hostile"
        );
    }
    let d = delays(&t);
    assert!(
        d.len() >= 3,
        "identities reach the unit: {:?} of {:?}",
        t.held,
        t.declared
    );
    for x in &d {
        assert!(
            *x >= latency_s - 0.25,
            "an identity held {x} s after the declaration, before the link's {latency_s} s latency"
        );
    }
    // Every hostile declaration arrives (no loss): within latency + a frame period + sampling.
    for ((track, identity), at) in &t.declared {
        if *identity == Identity::Hostile {
            let held = t.held.get(&(*track, *identity));
            assert!(
                held.is_some_and(|h| h - at <= latency_s + 1.5) || *at > 890.0,
                "TN {track} declared hostile at {at} s, held at the unit {held:?}"
            );
        }
    }
}

#[test]
fn loss_on_the_link_delays_identities_by_repeats() {
    let unit = NodeId::new(1);
    let (clean, _) = trace(&remote_battery(100, 0.0), 5, unit);
    let (lossy, _) = trace(&remote_battery(100, 0.6), 5, unit);
    let (dc, dl) = (delays(&clean), delays(&lossy));
    assert!(dc.len() >= 3 && dl.len() >= 3, "{dc:?} {dl:?}");
    let mean = |d: &[f64]| d.iter().sum::<f64>() / d.len() as f64;
    assert!(dc.iter().all(|x| *x <= 1.5), "no loss: next frame, {dc:?}");
    assert!(mean(&dl) > mean(&dc) + 2.0, "loss delays: {dl:?} vs {dc:?}");
    // A lost declaration comes with the next repeat, a heartbeat (12 s) later.
    assert!(dl.iter().any(|x| *x >= 11.0), "{dl:?}");
}

/// JPN-RADAR reports both radars' tracks to everyone; JPN-NAT (no radars) holds
/// identification authority; a USA battery node under JPN-NAT engages on remote data.
pub(super) fn coalition(authority_releases_to_usa: bool) -> Input {
    let mut input = remote_battery(40, 0.0);
    input.nations.push(Nation {
        id: usa(),
        name: "United States".to_owned(),
    });
    for s in &mut input.sensors {
        s.release_to = NationSet::first(2);
    }
    let mut radar = unit_node("JPN-RADAR", jpn(), 0);
    radar.role = NodeRole::Unit;
    input.nodes[0].release_to = if authority_releases_to_usa {
        NationSet::first(2)
    } else {
        NationSet::first(1)
    };
    input.nodes[1] = unit_node("USA-BTY", usa(), 0);
    input.nodes.push(radar);
    for s in &mut input.sensors {
        s.node = NodeId::new(2);
    }
    input.fire_units[0].nation = usa();
    input.links = vec![
        link(0, 2, 40, 0.0),
        link(1, 2, 40, 0.0),
        link(0, 1, 40, 0.0),
    ];
    input.network = NetworkConfig::defaults(2);
    input
}

#[test]
fn an_identity_not_releasable_to_the_units_nation_never_permits_a_shot() {
    let unit = NodeId::new(1);
    let (released, s) = trace(&coalition(true), 3, unit);
    assert!(
        released.held.keys().any(|(_, i)| *i == Identity::Hostile),
        "releasable: the USA battery holds JPN-NAT's hostile declarations"
    );
    assert!(s.moe.interceptors_fired > 0, "{:?}", s.moe);
    let (withheld, s) = trace(&coalition(false), 3, unit);
    assert!(
        withheld
            .declared
            .keys()
            .any(|(_, i)| *i == Identity::Hostile),
        "the authority still declares"
    );
    assert!(withheld.held.is_empty(), "{:?}", withheld.held);
    assert_eq!(
        s.moe.interceptors_fired, 0,
        "weapons tight, nothing received: {:?}",
        s.moe
    );
}

/// A track that reached a node only over the link is as old as the reporter's measurement
/// behind it plus the link's latency at least: the report's validity time (the send time)
/// must not make it look fresh, or the ROE's maximum track age never bites on shared tracks.
#[test]
fn a_shared_track_is_at_least_the_links_latency_old() {
    let input = remote_battery(3_000, 0.0);
    let mut rec = MemoryRecorder::default();
    let mut sim = Simulation::new(&input, 3, None).expect("builds");
    let mut seen = 0;
    for s in (200..=600).step_by(10) {
        let now = SimTime::from_secs(s);
        sim.run_until(now, &mut rec);
        let (_, nodes) = sim.command_and_nodes();
        let reporter = &nodes[0];
        let picture = reporter.picture.as_ref().expect("track sharing");
        for h in nodes[1].held_tracks(now, &|_| NationSet::first(2)) {
            assert!(!h.first_hand, "the unit's node has no sensor");
            let age = now - h.last_update;
            assert!(
                age >= SimDuration::from_secs(3),
                "track {} at {s} s is {age:?} old: fresher than the 3-s link",
                h.number
            );
            // Never fresher than the reporter's own latest measurement of it.
            let Some(measured) = reporter
                .local_tracks(now)
                .iter()
                .find(|r| picture.local_tn(r.number.0).map(|t| t.get()) == Some(h.number))
                .map(|r| r.last_update)
            else {
                continue;
            };
            assert!(
                h.last_update <= measured,
                "track {} at {s} s: held as updated at {:?}, measured at {measured:?}",
                h.number,
                h.last_update
            );
            seen += 1;
        }
    }
    assert!(seen > 20, "only {seen} held tracks sampled");
}

/// The ROE's maximum track age applies to shared tracks: a 10-s radar scan reported over a
/// 3-s link cannot keep a sensorless battery's picture within 6 s, so every shot is refused,
/// at planning (`track_age`) or, for an order whose track aged while it waited, at launch
/// (`track_stale`).
#[test]
fn a_track_older_than_the_roe_allows_is_never_fired_on() {
    let mut input = remote_battery(3_000, 0.0);
    input.c2.max_track_age = SimDuration::from_secs(6);
    let (_, s) = trace(&input, 3, NodeId::new(1));
    assert_eq!(s.moe.interceptors_fired, 0, "{:?}", s.moe);
    assert!(
        s.moe
            .engagements_denied
            .get("track_age")
            .copied()
            .unwrap_or(0)
            > 0,
        "{:?}",
        s.moe.engagements_denied
    );
}
