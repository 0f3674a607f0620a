//! The adversary seams (tap, inject) and construction errors.

use super::*;
use crate::link::NetworkError;
use base::LinkId;

fn chain() -> SimNetwork {
    let links = vec![
        LinkConfig::ideal(node(0), node(1), ms(10)),
        LinkConfig::ideal(node(1), node(2), ms(20)),
    ];
    network(3, links, 1)
}

#[test]
fn tap_copies_every_packet_completing_a_hop_on_its_link_only() {
    let mut net = chain();
    assert!(
        net.drain_tap(LinkId::new(0)).is_empty(),
        "untapped links record nothing"
    );
    net.send(SimTime::ZERO, packet(0, NationSet::first(3), 0, 1, 8));
    drain(&mut net);
    assert!(
        net.drain_tap(LinkId::new(0)).is_empty(),
        "taps do not see the past"
    );
    net.tap(LinkId::new(0));
    net.send(at_ms(100), packet(0, NationSet::first(3), 0, 2, 8));
    net.send(at_ms(100), packet(2, NationSet::first(3), 0, 3, 8));
    // Releasable to nations 1 and 2 only: it never crosses link 0.
    net.send(at_ms(100), packet(2, NationSet::from_bits(0b110), 0, 4, 8));
    drain(&mut net);
    let seen: Vec<_> = net.drain_tap(LinkId::new(0)).iter().map(id_of).collect();
    assert_eq!(seen, [2, 3]);
    assert!(
        net.drain_tap(LinkId::new(0)).is_empty(),
        "draining empties the tap"
    );
}

#[test]
fn injected_bytes_travel_one_hop_to_one_node_unguarded() {
    let mut net = chain();
    net.tap(LinkId::new(0));
    let bytes: Arc<[u8]> = Arc::from(&b"forged"[..]);
    net.inject(at_ms(5), LinkId::new(0), node(1), Arc::clone(&bytes));
    let got = drain(&mut net);
    assert_eq!(got.len(), 1, "not relayed on to node 2");
    let d = &got[0];
    assert_eq!(
        (d.at, d.to, d.from_link),
        (at_ms(15), node(1), LinkId::new(0))
    );
    assert_eq!(d.packet.bytes, bytes);
    assert_eq!(d.packet.origin, node(0), "claims the far end");
    assert_eq!(
        d.packet.release,
        NationSet::EMPTY,
        "no guard would let this through"
    );
    assert_eq!(net.drain_tap(LinkId::new(0)).len(), 1);
    let s = net.stats().links[0];
    assert_eq!((s[0].injected, s[0].delivered, s[1].injected), (1, 1, 0));
    assert_eq!(net.stats().guard_blocked, 0);

    net.inject(at_ms(20), LinkId::new(1), node(1), bytes);
    let got = drain(&mut net);
    assert_eq!(
        (got[0].to, got[0].at, got[0].packet.origin),
        (node(1), at_ms(40), node(2))
    );
    assert_eq!(net.stats().links[1][1].injected, 1);
}

#[test]
fn bad_networks_are_rejected_with_the_link_named() {
    let ok = || LinkConfig::ideal(node(0), node(1), ms(1));
    let try_one = |l: LinkConfig| SimNetwork::new(distinct_nations(2), vec![ok(), l], 1).err();
    let l1 = LinkId::new(1);
    assert_eq!(
        try_one(LinkConfig::ideal(node(1), node(2), ms(1))),
        Some(NetworkError::EndpointOutOfRange {
            link: l1,
            node: node(2),
            n_nodes: 2
        })
    );
    assert_eq!(
        try_one(LinkConfig::ideal(node(1), node(1), ms(1))),
        Some(NetworkError::SelfLoop {
            link: l1,
            node: node(1)
        })
    );
    assert_eq!(
        try_one(LinkConfig::ideal(node(1), node(0), ms(1))),
        Some(NetworkError::DuplicateLink {
            link: l1,
            first: LinkId::new(0)
        })
    );
    let bad_loss = try_one(LinkConfig {
        loss: f64::NAN,
        ..ok()
    });
    assert!(matches!(bad_loss, Some(NetworkError::BadLoss { .. })));
    let bad_bw = try_one(LinkConfig {
        bandwidth_bps: Some(0.0),
        ..ok()
    });
    assert!(matches!(bad_bw, Some(NetworkError::BadBandwidth { .. })));
    let negative = try_one(LinkConfig {
        jitter: ms(-1),
        ..ok()
    });
    assert!(matches!(negative, Some(NetworkError::NegativeDelay { .. })));
    let reversed = try_one(LinkConfig {
        partitions: vec![(at_ms(2), at_ms(1))],
        ..ok()
    });
    assert!(matches!(reversed, Some(NetworkError::BadPartition { .. })));
    assert!(
        SimNetwork::new(distinct_nations(2), vec![ok()], 1).is_ok(),
        "the base link is valid"
    );
}
