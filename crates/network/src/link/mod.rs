//! Transport: the [`Transport`] seam and [`SimNetwork`], its deterministic in-process
//! implementation over simulated links.
//!
//! A link is bidirectional; each direction has its own transmitter, queue, statistics and RNG
//! stream (`StreamKind::LinkLoss`, entity `link * 2 + direction`), so adding a link never changes
//! another link's draws. A packet is broadcast along a shortest-latency tree from its origin
//! over nodes cleared for its release set only (a relay sees what it forwards), and every hop
//! re-checks the releasability guard as defence in depth.
//!
//! Per hop, in order: guard (`release` contains the next node's nation), partition (link down
//! when the hop starts or when the packet reaches the wire), transmit queue with its overflow
//! policy, serialisation (`bytes * 8 / bandwidth`), loss, then latency plus half-normal jitter.
//!
//! Not modelled: routing around partitions (trees are static; a packet meeting a down link is
//! dropped and counted), retransmission, per-packet headers on the wire, links that drop mid-
//! transmission, asymmetric link parameters.

mod config;
mod network;
mod queue;
mod route;
mod stats;
#[cfg(test)]
mod tests;

use base::{LinkId, NationSet, NodeId, SimTime};
use std::sync::Arc;

pub use config::{LinkConfig, NetworkError, Overflow};
pub use network::SimNetwork;
pub use stats::{LinkStats, NetworkStats};

/// An opaque datum on the network with its releasability marking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packet {
    /// The node that sent it (for an injected packet: the far end of the link it came over,
    /// which is all a receiver can tell at this layer; authentication lives in `wire`).
    pub origin: NodeId,
    /// Nations whose nodes may receive it, relays included.
    pub release: NationSet,
    /// Queue priority: higher is more important; the lowest is dropped first on overflow.
    pub priority: u8,
    /// The encoded message; never inspected here.
    pub bytes: Arc<[u8]>,
}

/// A packet arriving at a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// Arrival time (end of the last hop).
    pub at: SimTime,
    /// The receiving node.
    pub to: NodeId,
    /// The link of the last hop.
    pub from_link: LinkId,
    /// What arrived.
    pub packet: Packet,
}

/// The seam a real pub/sub transport (Zenoh) implements later: no simulation types cross it.
pub trait Transport {
    /// Broadcast: deliver to every node whose nation is in `packet.release`, except the origin.
    fn send(&mut self, now: SimTime, packet: Packet);
    /// Earliest time something inside the transport happens (hop arrival, transmitter free,
    /// or a delivery waiting to be polled), if any.
    fn next_due(&self) -> Option<SimTime>;
    /// Processes everything due at or before `now`; returns deliveries in a deterministic order
    /// (arrival time, then internal sequence).
    fn poll(&mut self, now: SimTime) -> Vec<Delivery>;
}
