//! Tests of the simulated network against analytic timings and statistics, plus the
//! releasability property over random topologies.

mod adversary;
mod releasability;
mod statistics;
mod timing;

use super::{Delivery, LinkConfig, Packet, SimNetwork, Transport};
use base::{NationIndex, NationSet, NodeId, SimDuration, SimTime};
use std::sync::Arc;

fn node(i: usize) -> NodeId {
    NodeId::new(i)
}

fn nat(i: usize) -> NationIndex {
    NationIndex::new(i).expect("test nations are < 8")
}

fn ms(v: i64) -> SimDuration {
    SimDuration::from_millis(v)
}

fn at_ms(v: i64) -> SimTime {
    SimTime::from_millis(v)
}

/// Node `i` belongs to nation `i`.
fn distinct_nations(n: usize) -> Vec<NationIndex> {
    (0..n).map(nat).collect()
}

/// A packet of `len` bytes (at least 4) whose first four bytes carry `id`.
fn packet(origin: usize, release: NationSet, priority: u8, id: u32, len: usize) -> Packet {
    let mut bytes = vec![0u8; len.max(4)];
    bytes[..4].copy_from_slice(&id.to_le_bytes());
    Packet {
        origin: node(origin),
        release,
        priority,
        bytes: Arc::from(bytes),
    }
}

fn id_of(p: &Packet) -> u32 {
    u32::from_le_bytes(p.bytes[..4].try_into().expect("at least four bytes"))
}

/// Everything still in flight, delivered, polling only at the times the network asks for (as
/// the engine will), so later sends stay in the future.
fn drain(net: &mut SimNetwork) -> Vec<Delivery> {
    let mut out = Vec::new();
    while let Some(t) = net.next_due() {
        out.extend(net.poll(t));
    }
    out
}

fn network(n: usize, links: Vec<LinkConfig>, seed: u64) -> SimNetwork {
    SimNetwork::new(distinct_nations(n), links, seed).expect("valid test network")
}
