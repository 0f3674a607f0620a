//! Link parameters and their validation.

use base::{LinkId, NodeId, SimDuration, SimTime};

/// What a full transmit queue gives up to make room.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overflow {
    /// The oldest queued packets.
    DropOldest,
    /// The lowest-priority packets, oldest among equals, the newcomer included.
    DropLowestPriority,
}

/// One bidirectional link; each direction is independent (own transmitter, queue and draws).
#[derive(Clone, Debug, PartialEq)]
pub struct LinkConfig {
    /// One end (direction 0 is `a → b`).
    pub a: NodeId,
    /// The other end (direction 1 is `b → a`).
    pub b: NodeId,
    /// Fixed one-way delay per hop.
    pub latency: SimDuration,
    /// Scale of the extra delay `|N(0, jitter)|` drawn per packet per hop.
    pub jitter: SimDuration,
    /// Probability a packet is lost on this hop, `[0, 1]`.
    pub loss: f64,
    /// Capacity in bit/s; `None`: no serialisation delay and no queue.
    pub bandwidth_bps: Option<f64>,
    /// Transmit-queue capacity per direction: bytes waiting, not the packet being sent.
    pub queue_bytes: u64,
    /// What a full queue drops.
    pub overflow: Overflow,
    /// The link is down in each `[start, end)`.
    pub partitions: Vec<(SimTime, SimTime)>,
}

impl LinkConfig {
    /// An ideal link: `latency` only, no jitter, loss, bandwidth limit or partitions.
    pub fn ideal(a: NodeId, b: NodeId, latency: SimDuration) -> Self {
        LinkConfig {
            a,
            b,
            latency,
            jitter: SimDuration::ZERO,
            loss: 0.0,
            bandwidth_bps: None,
            queue_bytes: 0,
            overflow: Overflow::DropOldest,
            partitions: Vec::new(),
        }
    }

    /// Whether the link is inside a partition window at `t`.
    pub fn is_down(&self, t: SimTime) -> bool {
        self.partitions
            .iter()
            .any(|&(start, end)| start <= t && t < end)
    }

    /// The two ends in direction order: `[(from, to) for a → b, for b → a]`.
    pub(super) fn ends(&self, dir: usize) -> (NodeId, NodeId) {
        if dir == 0 {
            (self.a, self.b)
        } else {
            (self.b, self.a)
        }
    }
}

/// Why a network description was rejected. Every variant names the link.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum NetworkError {
    /// An endpoint is not one of the nodes.
    #[error("link {link}: endpoint {node} out of range (network has {n_nodes} nodes)")]
    EndpointOutOfRange {
        /// The link.
        link: LinkId,
        /// The bad endpoint.
        node: NodeId,
        /// How many nodes exist.
        n_nodes: usize,
    },
    /// Both ends are the same node.
    #[error("link {link}: both ends are node {node}")]
    SelfLoop {
        /// The link.
        link: LinkId,
        /// The node.
        node: NodeId,
    },
    /// Loss probability outside `[0, 1]` or NaN.
    #[error("link {link}: loss {loss} outside [0, 1]")]
    BadLoss {
        /// The link.
        link: LinkId,
        /// The value given.
        loss: f64,
    },
    /// Bandwidth not finite and positive.
    #[error("link {link}: bandwidth {bps} bit/s must be finite and positive")]
    BadBandwidth {
        /// The link.
        link: LinkId,
        /// The value given.
        bps: f64,
    },
    /// Negative latency or jitter.
    #[error("link {link}: latency and jitter must not be negative")]
    NegativeDelay {
        /// The link.
        link: LinkId,
    },
    /// A partition window ends before it starts.
    #[error("link {link}: partition window ends before it starts")]
    BadPartition {
        /// The link.
        link: LinkId,
    },
    /// Two links join the same pair of nodes.
    #[error("link {link} joins the same nodes as link {first}")]
    DuplicateLink {
        /// The later link.
        link: LinkId,
        /// The earlier one.
        first: LinkId,
    },
}

/// Checks every link against the node count; returns the first problem in link order.
pub(super) fn validate(n_nodes: usize, links: &[LinkConfig]) -> Result<(), NetworkError> {
    let mut pairs = std::collections::BTreeMap::new();
    for (i, l) in links.iter().enumerate() {
        let link = LinkId::new(i);
        for node in [l.a, l.b] {
            if node.index() >= n_nodes {
                return Err(NetworkError::EndpointOutOfRange {
                    link,
                    node,
                    n_nodes,
                });
            }
        }
        if l.a == l.b {
            return Err(NetworkError::SelfLoop { link, node: l.a });
        }
        if !(0.0..=1.0).contains(&l.loss) {
            return Err(NetworkError::BadLoss { link, loss: l.loss });
        }
        if let Some(bps) = l.bandwidth_bps
            && !(bps.is_finite() && bps > 0.0)
        {
            return Err(NetworkError::BadBandwidth { link, bps });
        }
        if l.latency < SimDuration::ZERO || l.jitter < SimDuration::ZERO {
            return Err(NetworkError::NegativeDelay { link });
        }
        if l.partitions.iter().any(|&(start, end)| end < start) {
            return Err(NetworkError::BadPartition { link });
        }
        let key = (l.a.min(l.b), l.a.max(l.b));
        if let Some(&first) = pairs.get(&key) {
            return Err(NetworkError::DuplicateLink { link, first });
        }
        pairs.insert(key, link);
    }
    Ok(())
}
