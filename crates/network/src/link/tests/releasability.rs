//! The releasability invariant over random topologies: no node outside a packet's set ever
//! receives it, relays included, and every cleared reachable node receives it exactly once.

use super::*;
use crate::link::network::InFlight;
use crate::link::route::{self, Hop};
use base::LinkId;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone)]
struct Case {
    nations: Vec<usize>,
    links: Vec<(usize, usize, i64, i64)>,
    bandwidth_bps: Option<f64>,
    sends: Vec<(usize, u8, i64)>,
}

/// A random spanning tree plus extra edges (duplicates and self-loops filtered), latencies
/// 0–40 ms (zero included to exercise ties), jitter 0–3 ms.
fn case() -> impl Strategy<Value = Case> {
    (3usize..=12, 1usize..=4).prop_flat_map(|(n, n_nations)| {
        let parents = proptest::collection::vec(any::<prop::sample::Index>(), n - 1);
        let extra = proptest::collection::vec((0..n, 0..n), 0..n);
        let delays = proptest::collection::vec((0i64..40, 0i64..3), 2 * n);
        let nations = proptest::collection::vec(0..n_nations, n);
        let bandwidth = prop_oneof![Just(None), Just(Some(1e5))];
        let sends = proptest::collection::vec((0..n, 0u8..16, 0i64..50), 1..8);
        (parents, extra, delays, nations, bandwidth, sends).prop_map(
            move |(parents, extra, delays, nations, bandwidth_bps, sends)| {
                let mut seen = BTreeSet::new();
                let mut links = Vec::new();
                let tree = parents
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.index(i + 1), i + 1));
                for (a, b) in tree.chain(extra) {
                    if a != b && seen.insert((a.min(b), a.max(b))) {
                        let (lat, jit) = delays[links.len() % delays.len()];
                        links.push((a, b, lat, jit));
                    }
                }
                Case {
                    nations,
                    links,
                    bandwidth_bps,
                    sends,
                }
            },
        )
    })
}

/// Cleared nodes reachable from `origin` through cleared nodes (origin excluded).
fn reachable(case: &Case, origin: usize, release: NationSet) -> BTreeSet<usize> {
    let cleared = |v: usize| release.contains(nat(case.nations[v]));
    let mut seen = BTreeSet::from([origin]);
    let mut stack = vec![origin];
    while let Some(u) = stack.pop() {
        for &(a, b, _, _) in &case.links {
            for (x, y) in [(a, b), (b, a)] {
                if x == u && cleared(y) && seen.insert(y) {
                    stack.push(y);
                }
            }
        }
    }
    seen.remove(&origin);
    seen
}

proptest! {
    #[test]
    fn no_packet_reaches_a_nation_outside_its_release_set(case in case(), seed in any::<u64>()) {
        let n = case.nations.len();
        let links = case.links.iter().map(|&(a, b, lat, jit)| LinkConfig {
            jitter: ms(jit),
            bandwidth_bps: case.bandwidth_bps,
            queue_bytes: u64::MAX,
            ..LinkConfig::ideal(node(a), node(b), ms(lat))
        }).collect();
        let nations = case.nations.iter().map(|&i| nat(i)).collect();
        let mut net = SimNetwork::new(nations, links, seed).expect("generated networks are valid");
        let mut sends: Vec<_> = case.sends.iter().enumerate().collect();
        sends.sort_by_key(|(_, s)| s.2);
        for (id, &(origin, bits, t)) in sends {
            net.send(at_ms(t), packet(origin, NationSet::from_bits(bits), 0, id as u32, 64));
        }
        let got = drain(&mut net);

        let mut count: BTreeMap<(u32, usize), u32> = BTreeMap::new();
        for d in &got {
            let (origin, bits, _) = case.sends[id_of(&d.packet) as usize];
            prop_assert!(NationSet::from_bits(bits).contains(nat(case.nations[d.to.index()])),
                "packet {} reached node {} of an uncleared nation", id_of(&d.packet), d.to);
            prop_assert_ne!(d.to.index(), origin);
            *count.entry((id_of(&d.packet), d.to.index())).or_default() += 1;
        }
        let (mut withheld, mut unreachable) = (0, 0);
        for (id, &(origin, bits, _)) in case.sends.iter().enumerate() {
            let release = NationSet::from_bits(bits);
            let expect = reachable(&case, origin, release);
            let received: BTreeSet<usize> =
                count.keys().filter(|k| k.0 == id as u32).map(|k| k.1).collect();
            prop_assert_eq!(&received, &expect, "packet {}", id);
            let cleared_others = (0..n)
                .filter(|&v| v != origin && release.contains(nat(case.nations[v])))
                .count();
            withheld += (n - 1 - cleared_others) as u64;
            unreachable += (cleared_others - expect.len()) as u64;
        }
        prop_assert!(count.values().all(|&c| c == 1), "a node received a packet twice");
        let s = net.stats();
        prop_assert_eq!(s.guard_blocked, 0);
        prop_assert_eq!(s.withheld_releasability, withheld);
        prop_assert_eq!(s.unreachable, unreachable);
        prop_assert_eq!(
            got.len() as u64 + s.withheld_releasability + s.unreachable,
            (case.sends.len() * (n - 1)) as u64
        );
        prop_assert_eq!(s.total().delivered, got.len() as u64);
        prop_assert!(got.windows(2).all(|w| w[0].at <= w[1].at), "deliveries out of time order");
    }
}

/// Defence in depth: a hop toward an uncleared node is refused even if a (wrong) tree asks.
#[test]
fn guard_refuses_a_hop_the_tree_should_never_have_planned() {
    let links = vec![LinkConfig::ideal(node(0), node(1), ms(1))];
    let mut net = network(2, links.clone(), 1);
    let adj = route::adjacency(2, &links);
    let everyone = NationSet::first(2);
    let tree = route::build(node(0), everyone, &distinct_nations(2), &links, &adj);
    let only_0 = NationSet::single(nat(0));
    let flight = InFlight {
        packet: packet(0, only_0, 0, 1, 8),
        route: Some(Arc::new(tree)),
    };
    net.start_hop(
        SimTime::ZERO,
        Hop {
            link: LinkId::new(0),
            dir: 0,
        },
        flight,
    );
    assert!(drain(&mut net).is_empty());
    assert_eq!(net.stats().guard_blocked, 1);
    assert_eq!(net.stats().links[0][0].packets_sent, 0);
}
