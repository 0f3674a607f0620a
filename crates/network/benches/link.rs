//! Network fan-out: 10k packets broadcast through a 13-node star-of-stars (a combined node, three
//! national hubs, nine leaves) with bandwidth-limited queues and jitter, half of them releasable
//! to the whole alliance and half to two nations only.

use base::{NationIndex, NationSet, NodeId, SimDuration, SimTime};
use criterion::{Criterion, criterion_group, criterion_main};
use network::link::{LinkConfig, Overflow, Packet, SimNetwork, Transport};
use std::hint::black_box;
use std::sync::Arc;

const PACKETS: u32 = 10_000;

fn star_of_stars() -> SimNetwork {
    let nation = |i: usize| NationIndex::new(i).expect("4 nations");
    // Node 0: combined node (nation 0); hubs 1..=3 (nations 1..=3); leaves 4..=12 under hub
    // 1 + (leaf - 4) / 3, same nation as their hub.
    let nations: Vec<_> = (0..13)
        .map(|n| match n {
            0 => nation(0),
            1..=3 => nation(n),
            _ => nation(1 + (n - 4) / 3),
        })
        .collect();
    let link = |a: usize, b: usize, latency_ms: i64| LinkConfig {
        jitter: SimDuration::from_millis(1),
        loss: 0.01,
        bandwidth_bps: Some(2e6),
        queue_bytes: 64_000,
        overflow: Overflow::DropLowestPriority,
        ..LinkConfig::ideal(
            NodeId::new(a),
            NodeId::new(b),
            SimDuration::from_millis(latency_ms),
        )
    };
    let mut links: Vec<_> = (1..=3).map(|hub| link(0, hub, 20)).collect();
    links.extend((4..13).map(|leaf| link(1 + (leaf - 4) / 3, leaf, 3)));
    SimNetwork::new(nations, links, 42).expect("valid benchmark network")
}

/// Every leaf in turn sends one 120-byte report per 0.5 ms; returns deliveries.
fn run() -> usize {
    let mut net = star_of_stars();
    let everyone = NationSet::first(4);
    let two = NationSet::from_bits(0b0011);
    let bytes: Arc<[u8]> = Arc::from(vec![0u8; 120]);
    let mut delivered = 0;
    for k in 0..PACKETS {
        let now = SimTime::from_nanos(i64::from(k) * 500_000);
        delivered += net.poll(now).len();
        let packet = Packet {
            origin: NodeId::new(4 + (k as usize % 9)),
            release: if k % 2 == 0 { everyone } else { two },
            priority: (k % 4) as u8,
            bytes: Arc::clone(&bytes),
        };
        net.send(now, packet);
    }
    while let Some(t) = net.next_due() {
        delivered += net.poll(t).len();
    }
    delivered
}

fn bench(c: &mut Criterion) {
    c.bench_function("star_of_stars_10k_packets", |b| b.iter(|| black_box(run())));
}

criterion_group!(benches, bench);
criterion_main!(benches);
