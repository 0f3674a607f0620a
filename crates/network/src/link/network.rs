//! The in-process simulated network: an event queue of hop arrivals and transmitter releases,
//! cached broadcast trees, per-direction queues and RNG streams.

use super::config::{self, LinkConfig, NetworkError};
use super::queue::TxQueue;
use super::route::{self, Hop, Tree};
use super::stats::{LinkStats, NetworkStats};
use super::{Delivery, Packet, Transport};
use base::rng::{self, Rng, StreamKind};
use base::{LinkId, NationIndex, NationSet, NodeId, SimDuration, SimTime};
use rand::RngExt;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A packet on its way, with the tree it follows (`None`: injected, goes one hop only).
#[derive(Clone, Debug)]
pub(super) struct InFlight {
    pub(super) packet: Packet,
    pub(super) route: Option<Arc<Tree>>,
}

#[derive(Debug)]
enum Event {
    Arrive { hop: Hop, flight: InFlight },
    TransmitterFree { hop: Hop },
}

/// One direction of one link.
#[derive(Debug)]
struct Direction {
    queue: TxQueue<InFlight>,
    busy: bool,
    rng: Rng,
}

/// Deterministic in-process [`Transport`] over simulated links.
#[derive(Debug)]
pub struct SimNetwork {
    nations: Vec<NationIndex>,
    links: Vec<LinkConfig>,
    adj: Vec<Vec<(NodeId, Hop)>>,
    dirs: Vec<[Direction; 2]>,
    trees: BTreeMap<(NodeId, u8), Arc<Tree>>,
    events: BTreeMap<(SimTime, u64), Event>,
    next_seq: u64,
    now: SimTime,
    ready: Vec<Delivery>,
    taps: Vec<Option<Vec<Packet>>>,
    stats: NetworkStats,
}

impl SimNetwork {
    /// `nations[i]` is the roster nation of node `i`; `links[j]` is link `j`. Errors: a link
    /// endpoint out of range, both ends equal, loss outside `[0, 1]`, bandwidth not finite and
    /// positive, negative delays, a reversed partition window, two links on one node pair.
    pub fn new(
        nations: Vec<NationIndex>,
        links: Vec<LinkConfig>,
        seed: u64,
    ) -> Result<Self, NetworkError> {
        config::validate(nations.len(), &links)?;
        let direction = |link: usize, dir: u64| Direction {
            queue: TxQueue::new(),
            busy: false,
            rng: rng::stream(seed, StreamKind::LinkLoss, link as u64 * 2 + dir),
        };
        Ok(SimNetwork {
            adj: route::adjacency(nations.len(), &links),
            dirs: (0..links.len())
                .map(|i| [direction(i, 0), direction(i, 1)])
                .collect(),
            taps: vec![None; links.len()],
            stats: NetworkStats {
                links: vec![[LinkStats::default(); 2]; links.len()],
                ..NetworkStats::default()
            },
            nations,
            links,
            trees: BTreeMap::new(),
            events: BTreeMap::new(),
            next_seq: 0,
            now: SimTime::from_nanos(i64::MIN),
            ready: Vec::new(),
        })
    }

    /// Counters so far.
    pub fn stats(&self) -> &NetworkStats {
        &self.stats
    }

    /// Adversary seam: from now on, keep a copy of every packet that completes a hop on `link`
    /// (either direction).
    pub fn tap(&mut self, link: LinkId) {
        self.taps[link.index()].get_or_insert_with(Vec::new);
    }

    /// The packets tapped on `link` since the last drain, in arrival order (empty if untapped).
    pub fn drain_tap(&mut self, link: LinkId) -> Vec<Packet> {
        self.taps[link.index()]
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Adversary seam: raw `bytes` put on `link` at `now` heading to `toward` (one of its ends).
    /// They travel that hop like any packet (queue, loss, latency) at priority 0 and are
    /// delivered to `toward` only: no relaying and no guard; the receiver's authentication must
    /// stop them. The delivered packet claims the far end as origin and an empty release set.
    pub fn inject(&mut self, now: SimTime, link: LinkId, toward: NodeId, bytes: Arc<[u8]>) {
        self.check_causal(now);
        self.advance(now);
        let l = &self.links[link.index()];
        assert!(
            toward == l.a || toward == l.b,
            "inject toward node {toward}, not an end of link {link}"
        );
        let dir = usize::from(toward == l.a);
        let hop = Hop { link, dir };
        let origin = l.ends(dir).0;
        self.link_stats(hop).injected += 1;
        let packet = Packet {
            origin,
            release: NationSet::EMPTY,
            priority: 0,
            bytes,
        };
        self.start_hop(
            now,
            hop,
            InFlight {
                packet,
                route: None,
            },
        );
    }

    /// Processes every event due at or before `now`, buffering deliveries. New traffic must not
    /// start before what has already been processed (`check_causal`).
    fn advance(&mut self, now: SimTime) {
        while let Some(entry) = self.events.first_entry() {
            let (t, _) = *entry.key();
            if t > now {
                break;
            }
            let event = entry.remove();
            self.now = t;
            match event {
                Event::Arrive { hop, flight } => self.arrive(t, hop, flight),
                Event::TransmitterFree { hop } => self.transmitter_free(t, hop),
            }
        }
        self.now = self.now.max(now);
    }

    /// New traffic at `now` after the network has processed later events would rewrite the past.
    fn check_causal(&self, now: SimTime) {
        assert!(
            now >= self.now,
            "traffic at {now} after the network already ran to {}",
            self.now
        );
    }

    fn schedule(&mut self, at: SimTime, event: Event) {
        self.events.insert((at, self.next_seq), event);
        self.next_seq += 1;
    }

    fn link_stats(&mut self, hop: Hop) -> &mut LinkStats {
        &mut self.stats.links[hop.link.index()][hop.dir]
    }

    /// A packet reaches the sending end of `hop` at `now`: guard, partition, then the wire or
    /// the queue.
    pub(super) fn start_hop(&mut self, now: SimTime, hop: Hop, flight: InFlight) {
        let link = &self.links[hop.link.index()];
        let (_, to) = link.ends(hop.dir);
        if flight.route.is_some() && !flight.packet.release.contains(self.nations[to.index()]) {
            self.stats.guard_blocked += 1;
            return;
        }
        if link.is_down(now) {
            self.link_stats(hop).dropped_partition += 1;
            return;
        }
        let (capacity, policy) = (link.queue_bytes, link.overflow);
        let limited = link.bandwidth_bps.is_some();
        let direction = &mut self.dirs[hop.link.index()][hop.dir];
        if !limited || !direction.busy {
            self.transmit(now, hop, flight);
            return;
        }
        let (len, priority) = (flight.packet.bytes.len() as u64, flight.packet.priority);
        let dropped = direction
            .queue
            .push(flight, len, priority, capacity, policy);
        let queued = direction.queue.bytes();
        let stats = self.link_stats(hop);
        stats.dropped_overflow += dropped;
        stats.max_queue_bytes = stats.max_queue_bytes.max(queued);
    }

    /// Puts a packet on the wire at `now`: serialisation, loss and jitter draws, arrival.
    fn transmit(&mut self, now: SimTime, hop: Hop, flight: InFlight) {
        let link = &self.links[hop.link.index()];
        let len = flight.packet.bytes.len() as u64;
        let serialisation = link.bandwidth_bps.map_or(SimDuration::ZERO, |bps| {
            SimDuration::from_secs_f64(len as f64 * 8.0 / bps)
        });
        let (loss, latency, jitter) = (link.loss, link.latency, link.jitter);
        let limited = link.bandwidth_bps.is_some();
        let direction = &mut self.dirs[hop.link.index()][hop.dir];
        // Fixed draws per packet (loss, then two for jitter when enabled) so packet k's fate on
        // a direction depends only on k and that direction's configuration.
        let lost = direction.rng.random::<f64>() < loss;
        let extra = if jitter > SimDuration::ZERO {
            half_normal(&mut direction.rng, jitter)
        } else {
            SimDuration::ZERO
        };
        if limited {
            direction.busy = true;
            self.schedule(now + serialisation, Event::TransmitterFree { hop });
        }
        let stats = self.link_stats(hop);
        stats.packets_sent += 1;
        stats.bytes_sent += len;
        if lost {
            stats.dropped_loss += 1;
            return;
        }
        let at = now + serialisation + latency + extra;
        self.schedule(at, Event::Arrive { hop, flight });
    }

    fn transmitter_free(&mut self, now: SimTime, hop: Hop) {
        let down = self.links[hop.link.index()].is_down(now);
        self.dirs[hop.link.index()][hop.dir].busy = false;
        while let Some(flight) = self.dirs[hop.link.index()][hop.dir].queue.pop() {
            if down {
                // Nothing goes on the wire while the link is down; what waited is lost.
                self.link_stats(hop).dropped_partition += 1;
                continue;
            }
            self.transmit(now, hop, flight);
            return;
        }
    }

    fn arrive(&mut self, at: SimTime, hop: Hop, flight: InFlight) {
        let (_, to) = self.links[hop.link.index()].ends(hop.dir);
        self.link_stats(hop).delivered += 1;
        if let Some(tap) = &mut self.taps[hop.link.index()] {
            tap.push(flight.packet.clone());
        }
        self.ready.push(Delivery {
            at,
            to,
            from_link: hop.link,
            packet: flight.packet.clone(),
        });
        if let Some(tree) = &flight.route {
            let tree = Arc::clone(tree);
            for &child in &tree.children[to.index()] {
                self.start_hop(at, child, flight.clone());
            }
        }
    }

    fn tree(&mut self, origin: NodeId, release: NationSet) -> Arc<Tree> {
        let (nations, links, adj) = (&self.nations, &self.links, &self.adj);
        Arc::clone(
            self.trees
                .entry((origin, release.bits()))
                .or_insert_with(|| Arc::new(route::build(origin, release, nations, links, adj))),
        )
    }
}

impl Transport for SimNetwork {
    fn send(&mut self, now: SimTime, packet: Packet) {
        assert!(
            packet.origin.index() < self.nations.len(),
            "send from unknown node {}",
            packet.origin
        );
        self.check_causal(now);
        self.advance(now);
        let tree = self.tree(packet.origin, packet.release);
        self.stats.withheld_releasability += tree.withheld;
        self.stats.unreachable += tree.unreachable;
        for &hop in &tree.children[packet.origin.index()] {
            let flight = InFlight {
                packet: packet.clone(),
                route: Some(Arc::clone(&tree)),
            };
            self.start_hop(now, hop, flight);
        }
    }

    fn next_due(&self) -> Option<SimTime> {
        let ready = self.ready.first().map(|d| d.at);
        let event = self.events.first_key_value().map(|(&(t, _), _)| t);
        ready.into_iter().chain(event).min()
    }

    fn poll(&mut self, now: SimTime) -> Vec<Delivery> {
        self.advance(now);
        let due = self.ready.partition_point(|d| d.at <= now);
        self.ready.drain(..due).collect()
    }
}

/// `|N(0, 1)| × sigma` by Box–Muller from two uniform draws, rounded to the nanosecond.
fn half_normal(rng: &mut Rng, sigma: SimDuration) -> SimDuration {
    let u1 = 1.0 - rng.random::<f64>(); // (0, 1]: ln stays finite
    let u2 = rng.random::<f64>();
    let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
    SimDuration::from_nanos((z.abs() * sigma.as_nanos() as f64).round() as i64)
}
