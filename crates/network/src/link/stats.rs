//! Counters for the run summary: traffic per link direction and every reason a packet did not
//! reach a node.

/// One direction of one link.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LinkStats {
    /// Packets put on the wire (lost ones included: loss happens in transit).
    pub packets_sent: u64,
    /// Bytes put on the wire.
    pub bytes_sent: u64,
    /// Packets that completed the hop.
    pub delivered: u64,
    /// Packets lost in transit.
    pub dropped_loss: u64,
    /// Packets dropped by the transmit queue's overflow policy.
    pub dropped_overflow: u64,
    /// Packets that met the link down.
    pub dropped_partition: u64,
    /// Most bytes ever waiting in the transmit queue.
    pub max_queue_bytes: u64,
    /// Adversary packets put on this direction (also counted in the other fields).
    pub injected: u64,
}

/// Whole-network counters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NetworkStats {
    /// Per link, `[a → b, b → a]`.
    pub links: Vec<[LinkStats; 2]>,
    /// (packet, node) pairs not delivered because the node's nation is not in the release set.
    pub withheld_releasability: u64,
    /// (packet, cleared node) pairs with no path through cleared nodes (static topology).
    pub unreachable: u64,
    /// Hop-level guard refusals: zero unless routing is wrong (defence in depth).
    pub guard_blocked: u64,
}

impl NetworkStats {
    /// Sum over every link direction.
    pub fn total(&self) -> LinkStats {
        let mut t = LinkStats::default();
        for s in self.links.iter().flatten() {
            t.packets_sent += s.packets_sent;
            t.bytes_sent += s.bytes_sent;
            t.delivered += s.delivered;
            t.dropped_loss += s.dropped_loss;
            t.dropped_overflow += s.dropped_overflow;
            t.dropped_partition += s.dropped_partition;
            t.max_queue_bytes = t.max_queue_bytes.max(s.max_queue_bytes);
            t.injected += s.injected;
        }
        t
    }
}
