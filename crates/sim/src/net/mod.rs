//! The alliance network inside a run: one signer and one authenticating receiver per C2
//! node, the simulated transport between them, frame assembly (what each node sends each
//! frame period) and frame intake (what each node does with what it accepts), plus the
//! adversaries on the links.
//!
//! Under track sharing a node sends, each frame period, the track reports its common picture
//! says are due (reporting responsibility, dead-reckoning drift, heartbeat), drops of tracks
//! it stopped reporting, and a node-status heartbeat; under measurement sharing it sends its
//! radars' plots. Every message carries its releasability set (sensor ∩ node ∩ track-class
//! markings); frames are homogeneous in that set so relays can guard on it. Received data is
//! checked against the receiver's nation once more (a violation is counted: it must never
//! happen).

mod adversary;
mod convert;
mod looks;
mod measures;
mod summary;

pub(crate) use measures::PictureMeasures;
#[cfg(test)]
mod tests;
pub use summary::{LinkDirection, LinkSummary, NetworkSummary, NodeNetwork, PictureStatsSummary};

use crate::input::{FusionRule, Input, OverflowPolicy, Sharing};
use crate::node::{NodeRuntime, measurement_id};
use crate::sensing::Batch;
use adversary::AdversaryRuntime;
use base::{NationIndex, NationSet, NodeId, SensorId, SimDuration, SimTime};
use convert::ReportMeta;
use looks::{LookKey, ReceivedLook, process_looks};
use network::link::{LinkConfig, Overflow, Packet, SimNetwork, Transport};
use network::wire::{
    self, DropReason, FrameHeader, IdentityChange, KeyRegistry, Message, NodeAddr, NodeSigner,
    NodeStatus, Plot, PlotLook, Receiver, SignatureCache, TrackDrop, TrackKind,
};
use std::collections::BTreeMap;
use std::sync::Arc;
use tracking::tracker::TrackReport;

fn receipt(to: NodeId, header: &FrameHeader, m: &Message) -> Receipt {
    let mut r = Receipt {
        to,
        origin: NodeId::new(usize::from(header.sender.0)),
        kind: "status",
        sensor: None,
        ballistic: false,
        frame_release: header.release,
        release: header.release,
        track_number: None,
    };
    match m {
        Message::Track(t) => {
            r.kind = "track";
            r.ballistic = t.kind.is_ballistic();
            r.release = t.release;
            r.track_number = Some(t.track_number.get());
        }
        Message::Drop(dr) => {
            r.kind = "drop";
            r.track_number = Some(dr.track_number.get());
        }
        Message::Plot(p) => {
            r.kind = "plot";
            r.sensor = Some(p.sensor);
            r.release = p.release;
        }
        Message::Identity(i) => {
            r.kind = "identity";
            r.track_number = Some(i.track_number.get());
        }
        Message::Status(_) => {}
    }
    r
}

/// Largest frame payload we assemble (the wire's limit is 1400 B; keep a margin).
const MAX_FRAME_BYTES: usize = 1_300;

/// Queue priorities: drops and status beat track reports, which beat plots.
const PRIORITY_CONTROL: u8 = 3;
const PRIORITY_TRACK: u8 = 2;
const PRIORITY_PLOT: u8 = 1;

/// A node's wire address (its scenario index; the scenario holds fewer than 254 nodes).
pub(crate) fn addr(node: NodeId) -> u8 {
    u8::try_from(node.index()).expect("fewer than 254 nodes: validated by the scenario")
}

/// Why the network could not be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NetBuildError {
    /// The link set is invalid.
    #[error("network: {0}")]
    Links(#[from] network::link::NetworkError),
    /// Two nodes have the same signing key, or a key is unusable.
    #[error("network keys: {0}")]
    Keys(String),
}

/// One message a node accepted (the audit trail tests check releasability against,
/// independently of the receiver's own check).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// Receiving node.
    pub to: NodeId,
    /// Originating node (the authenticated frame sender).
    pub origin: NodeId,
    /// `track`, `drop`, `plot`, `status` or `identity`.
    pub kind: &'static str,
    /// The sensor of a plot.
    pub sensor: Option<u16>,
    /// Whether a track report was classed ballistic.
    pub ballistic: bool,
    /// Release set of the frame.
    pub frame_release: NationSet,
    /// Release set carried by the message (the frame's for messages without their own).
    pub release: NationSet,
    /// Network track number of a track report or drop.
    pub track_number: Option<u32>,
}

/// Per-node sending state.
#[derive(Debug, Default)]
struct Outbox {
    seq: u32,
    plots: Vec<(NationSet, Message)>,
    /// Release set each reported network track number was last sent with (drops go to the
    /// same audience, never wider).
    reported: BTreeMap<u32, NationSet>,
    last_status: Option<SimTime>,
    received_plots: u64,
}

/// The network state of a run.
#[derive(Debug)]
pub(crate) struct NetRuntime {
    sharing: Sharing,
    fusion: FusionRule,
    heartbeat: SimDuration,
    roster: usize,
    nations: Vec<NationIndex>,
    sensor_release: Vec<NationSet>,
    class_release: (NationSet, NationSet),
    transport: SimNetwork,
    signers: Vec<NodeSigner>,
    receivers: Vec<Receiver>,
    /// One frame reaches many nodes: its signature is verified once for all of them.
    signatures: SignatureCache,
    outboxes: Vec<Outbox>,
    counters: Vec<NodeNetwork>,
    adversaries: Vec<AdversaryRuntime>,
    report_bytes: (u64, f64),
    /// Accepted messages, when auditing.
    pub(crate) receipts: Option<Vec<Receipt>>,
    /// Last frame each node accepted from each sender.
    last_heard: Vec<BTreeMap<u8, SimTime>>,
    /// Measurement sharing: plots of each sensor look still arriving at their node.
    pending_looks: BTreeMap<(SensorId, Batch), Vec<Plot>>,
    /// Looks of each sensor released to the network (numbers them on the wire).
    looks_sent: BTreeMap<SensorId, u16>,
}

impl NetRuntime {
    pub(crate) fn build(
        input: &Input,
        nations: Vec<NationIndex>,
        seed: u64,
    ) -> Result<Self, NetBuildError> {
        let links = input
            .links
            .iter()
            .map(|l| LinkConfig {
                a: l.a,
                b: l.b,
                latency: l.latency,
                jitter: l.jitter,
                loss: l.loss.get(),
                bandwidth_bps: l.bandwidth_bps,
                queue_bytes: l.queue_bytes,
                overflow: match l.overflow {
                    OverflowPolicy::DropOldest => Overflow::DropOldest,
                    OverflowPolicy::DropLowestPriority => Overflow::DropLowestPriority,
                },
                partitions: l
                    .partitions
                    .iter()
                    .map(|(a, b)| (SimTime::ZERO + *a, SimTime::ZERO + *b))
                    .collect(),
            })
            .collect();
        let mut transport = SimNetwork::new(nations.clone(), links, seed)?;
        let signers: Vec<NodeSigner> = input
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let a = addr(NodeId::new(i));
                let key = n.signing_key.unwrap_or_else(|| wire::key_seed(seed, a));
                NodeSigner::from_seed(NodeAddr(a), key)
            })
            .collect();
        let mut registry = KeyRegistry::new();
        for (s, nation) in signers.iter().zip(&nations) {
            registry
                .insert(s.addr(), s.verifying_key_bytes(), *nation)
                .map_err(|e| NetBuildError::Keys(e.to_string()))?;
        }
        let adversaries: Vec<AdversaryRuntime> = (0..input.adversaries.len())
            .map(|i| AdversaryRuntime::new(input, i, seed))
            .collect();
        for a in &adversaries {
            transport.tap(a.spec().link);
        }
        let n = input.nodes.len();
        Ok(NetRuntime {
            sharing: input.network.sharing,
            fusion: input.network.fusion,
            heartbeat: input.network.heartbeat,
            roster: input.nations.len(),
            sensor_release: input
                .sensors
                .iter()
                .map(|s| {
                    s.release_to
                        .intersection(input.nodes[s.node.index()].release_to)
                })
                .collect(),
            class_release: (
                input.network.class_release.ballistic,
                input.network.class_release.air,
            ),
            nations,
            transport,
            receivers: (0..n).map(|_| Receiver::new(registry.clone())).collect(),
            signatures: SignatureCache::new(4096),
            signers,
            outboxes: (0..n).map(|_| Outbox::default()).collect(),
            counters: vec![NodeNetwork::default(); n],
            adversaries,
            report_bytes: (0, 0.0),
            receipts: None,
            last_heard: vec![BTreeMap::new(); n],
            pending_looks: BTreeMap::new(),
            looks_sent: BTreeMap::new(),
        })
    }

    /// When the transport next needs the engine's attention.
    pub(crate) fn next_due(&self) -> Option<SimTime> {
        self.transport.next_due()
    }

    /// A detection of look `batch` reached `node` (measurement sharing: hold its plot until
    /// the whole look has arrived, [`release_look`](Self::release_look)).
    pub(crate) fn queue_plot(&mut self, node: NodeId, batch: Batch, d: &picture::Detection) {
        if self.sharing != Sharing::Measurement {
            return;
        }
        let release = self.sensor_release[d.sensor.index()];
        let look = PlotLook {
            seq: 0,
            plots: 1,
            full: false,
        };
        if let Some(p) = convert::plot(d, NodeAddr(addr(node)), release, look) {
            self.pending_looks
                .entry((d.sensor, batch))
                .or_default()
                .push(p);
        }
    }

    /// Look `batch` of `sensor` is complete at `node`: queue its plots for the next frame,
    /// numbered as one look, so that each receiver's tracker takes them as one batch (two
    /// plots of one look are two objects; a search frame's silence is evidence of a miss).
    pub(crate) fn release_look(&mut self, node: NodeId, sensor: SensorId, batch: Batch) {
        let Some(plots) = self.pending_looks.remove(&(sensor, batch)) else {
            return;
        };
        let n = self.looks_sent.entry(sensor).or_default();
        let seq = *n;
        *n = n.wrapping_add(1);
        // A look too large to count on the wire is sent as a partial one: receivers then
        // take no miss evidence from it.
        let (count, full) = match u16::try_from(plots.len()) {
            Ok(c) => (c, !batch.dwells),
            Err(_) => (u16::MAX, false),
        };
        let ob = &mut self.outboxes[node.index()];
        for mut p in plots {
            p.look = PlotLook {
                seq,
                plots: count,
                full,
            };
            ob.plots.push((p.release, Message::Plot(p)));
        }
    }

    /// Node `i`'s frame period: assemble and send what is due.
    pub(crate) fn frame(&mut self, now: SimTime, node: &mut NodeRuntime) {
        let i = node.id.index();
        let mut messages = std::mem::take(&mut self.outboxes[i].plots);
        if self.sharing == Sharing::Track {
            messages.extend(self.track_messages(now, node));
            messages.extend(self.identity_messages(now, node));
        }
        let ob = &mut self.outboxes[i];
        if ob.last_status.is_none_or(|t| now - t >= self.heartbeat) {
            ob.last_status = Some(now);
            let held = node
                .picture
                .as_ref()
                .map_or(0, |p| p.system_tracks(now).len());
            messages.push((
                node.release_to,
                Message::Status(NodeStatus {
                    node: NodeAddr(addr(node.id)),
                    time_ms: convert::ms(now),
                    tracks_held: u16::try_from(held).unwrap_or(u16::MAX),
                    tracks_reported: u16::try_from(ob.reported.len()).unwrap_or(u16::MAX),
                    flags: 0,
                }),
            ));
        }
        self.send(now, node.id, messages);
    }

    /// Track reports and drops due from `node` under reporting responsibility.
    fn track_messages(
        &mut self,
        now: SimTime,
        node: &mut NodeRuntime,
    ) -> Vec<(NationSet, Message)> {
        let i = node.id.index();
        let locals = node.local_tracks(now);
        let Some(picture) = node.picture.as_mut() else {
            return Vec::new();
        };
        let inputs: Vec<fusion::LocalTrack> = locals
            .iter()
            .map(|r| fusion::LocalTrack {
                id: r.number.0,
                state: convert::state6(r),
                measured: r.last_update,
                quality: r.quality,
                release: self.release_of(r, node.release_to),
                ballistic: r.ballistic,
            })
            .collect();
        let (outgoing, dropped) = picture.update_local(now, &inputs);
        let mut messages = Vec::new();
        let me = NodeAddr(addr(node.id));
        for o in outgoing {
            let Some((r, input)) = locals
                .iter()
                .zip(&inputs)
                .find(|(r, _)| r.number.0 == o.local_id)
            else {
                continue;
            };
            let meta = ReportMeta {
                origin: me,
                origin_nation: node.nation_index,
                age_s: u16::try_from((now - o.origin_time).as_secs_f64().max(0.0) as u64)
                    .unwrap_or(u16::MAX),
                measured: input.measured,
                quality: r.quality,
                iff: node.evidence.iff(r.number),
                kind: node.evidence.kind(r, &node.id_rules),
                identity: convert::identity(node.identities.reported(o.tn.get())),
                release: input.release,
            };
            if let Some(m) = convert::report(o.tn, &input.state, &meta) {
                picture.mark_sent(o.tn, &input.state);
                self.outboxes[i].reported.insert(o.tn.get(), input.release);
                messages.push((input.release, Message::Track(m)));
            }
        }
        for d in dropped {
            let Some(release) = self.outboxes[i].reported.remove(&d.tn.get()) else {
                continue;
            };
            let Some(tn) = wire::TrackNumber::new(d.tn.get()) else {
                continue;
            };
            let reason = match d.why {
                fusion::DropWhy::Merged { survivor } => wire::TrackNumber::new(survivor.get())
                    .map_or(DropReason::Other, |survivor| DropReason::Merged {
                        survivor,
                    }),
                fusion::DropWhy::Decorrelated => DropReason::Decorrelated,
                fusion::DropWhy::Impact => DropReason::Impact,
                _ => DropReason::Lost,
            };
            // A drop goes exactly where the track went, never wider.
            messages.push((
                release,
                Message::Drop(TrackDrop {
                    track_number: tn,
                    origin: me,
                    time_ms: convert::ms(now),
                    reason,
                }),
            ));
        }
        messages
    }

    /// Identity changes due from `node` (an identification authority): each declaration once
    /// when made and again every heartbeat while the node's picture holds the track, to the
    /// audience the track's releasability and the node's marking allow.
    fn identity_messages(&self, now: SimTime, node: &mut NodeRuntime) -> Vec<(NationSet, Message)> {
        let Some(picture) = node.picture.as_ref() else {
            return Vec::new();
        };
        // Fused only when the node has declarations to check (most nodes declare nothing).
        let live = std::cell::OnceCell::new();
        let is_live = |t: u32| {
            live.get_or_init(|| {
                picture
                    .system_tracks(now)
                    .iter()
                    .map(|s| s.tn.get())
                    .collect::<std::collections::BTreeSet<u32>>()
            })
            .contains(&t)
        };
        let me = NodeAddr(addr(node.id));
        node.identities
            .due(now, self.heartbeat, &is_live)
            .into_iter()
            .filter_map(|o| {
                let track_number = wire::TrackNumber::new(o.track)?;
                let m = Message::Identity(IdentityChange {
                    track_number,
                    identity: convert::identity(o.identity),
                    authority: me,
                    time_ms: convert::ms(o.at),
                });
                Some((o.release, m))
            })
            .collect()
    }

    /// Releasability of a local track: every contributing sensor's marking, the node's, and
    /// the track class's.
    pub(crate) fn release_of(&self, r: &TrackReport, node_release: NationSet) -> NationSet {
        let mut set = node_release;
        for s in r.sources.iter() {
            // A source id comes from a received plot's wire field; one the scenario does not
            // hold gets the most restrictive marking rather than a panic.
            let sensor_set = self.sensor_release.get(s.index()).copied();
            set = set.intersection(sensor_set.unwrap_or(NationSet::EMPTY));
        }
        let class = if r.ballistic {
            self.class_release.0
        } else {
            self.class_release.1
        };
        set.intersection(class)
    }

    /// Groups `messages` by release set, seals frames and hands them to the transport.
    fn send(&mut self, now: SimTime, node: NodeId, messages: Vec<(NationSet, Message)>) {
        let mut by_release: BTreeMap<NationSet, Vec<Message>> = BTreeMap::new();
        for (release, m) in messages {
            by_release.entry(release).or_default().push(m);
        }
        for (release, msgs) in by_release {
            if release.is_empty() {
                continue;
            }
            let mut start = 0;
            while start < msgs.len() {
                let mut end = start;
                let mut size = 0;
                while end < msgs.len() && size + msgs[end].encoded_len() <= MAX_FRAME_BYTES {
                    size += msgs[end].encoded_len();
                    end += 1;
                }
                let end = end.max(start + 1);
                self.seal_and_send(now, node, release, &msgs[start..end]);
                start = end;
            }
        }
    }

    /// Seals one frame and hands it to the transport. A message the wire cannot carry (a
    /// diverged track faster than the velocity field allows) is left out and counted, never
    /// allowed to sink the frame's other messages.
    fn seal_and_send(&mut self, now: SimTime, node: NodeId, release: NationSet, chunk: &[Message]) {
        let i = node.index();
        let ob = &mut self.outboxes[i];
        ob.seq = ob.seq.wrapping_add(1);
        let header = FrameHeader {
            sender: self.signers[i].addr(),
            epoch: 0,
            seq: ob.seq,
            time_ms: convert::ms(now),
            release,
        };
        let (bytes, chunk) = match self.signers[i].seal(&header, chunk) {
            Ok(b) => (b, chunk.to_vec()),
            Err(_) => {
                let mut ok = Vec::new();
                for m in chunk {
                    // Rare path: find the culprits by sealing each message alone.
                    match self.signers[i].seal(&header, std::slice::from_ref(m)) {
                        Ok(_) => ok.push(*m),
                        Err(e) => {
                            *self.counters[i]
                                .unsendable
                                .entry(e.to_string())
                                .or_default() += 1;
                        }
                    }
                }
                if ok.is_empty() {
                    return;
                }
                match self.signers[i].seal(&header, &ok) {
                    Ok(b) => (b, ok),
                    Err(e) => {
                        *self.counters[i]
                            .unsendable
                            .entry(e.to_string())
                            .or_default() += ok.len() as u64;
                        return;
                    }
                }
            }
        };
        let priority = if chunk.iter().any(|m| matches!(m, Message::Plot(_))) {
            PRIORITY_PLOT
        } else if chunk.iter().any(|m| matches!(m, Message::Track(_))) {
            PRIORITY_TRACK
        } else {
            PRIORITY_CONTROL
        };
        let n_tracks = chunk
            .iter()
            .filter(|m| matches!(m, Message::Track(_)))
            .count();
        if n_tracks > 0 {
            let per = bytes.len() as f64 / chunk.len() as f64;
            self.report_bytes.0 += n_tracks as u64;
            self.report_bytes.1 += per * n_tracks as f64;
        }
        let c = &mut self.counters[i];
        c.frames_sent += 1;
        c.messages_sent += chunk.len() as u64;
        c.bytes_sent += bytes.len() as u64;
        self.transport.send(
            now,
            Packet {
                origin: node,
                release,
                priority,
                bytes: Arc::from(bytes),
            },
        );
    }

    /// Delivers everything due at `now` to its node.
    pub(crate) fn deliver(&mut self, now: SimTime, nodes: &mut [NodeRuntime]) {
        // Plots are gathered over every frame due now (a look may span frames) and handed to
        // the trackers look by look once all are read.
        let mut looks: BTreeMap<LookKey, ReceivedLook> = BTreeMap::new();
        for d in self.transport.poll(now) {
            let to = d.to.index();
            let node = &mut nodes[to];
            let Ok(frame) = self.receivers[to].open_cached(&d.packet.bytes, &mut self.signatures)
            else {
                continue;
            };
            let nation = self.nations[to];
            let c = &mut self.counters[to];
            if frame.header.sender.0 == addr(node.id) {
                *c.rejected.entry("reflected".to_owned()).or_default() += 1;
                continue;
            }
            c.frames_accepted += 1;
            self.last_heard[to].insert(frame.header.sender.0, now);
            if let Some(log) = self.receipts.as_mut() {
                log.extend(
                    frame
                        .messages
                        .iter()
                        .map(|m| receipt(d.to, &frame.header, m)),
                );
            }
            if !frame.header.release.contains(nation) {
                c.releasability_violations += frame.messages.len() as u64;
                continue;
            }
            for m in &frame.messages {
                match m {
                    Message::Track(r) => {
                        if !r.release.contains(nation) {
                            c.releasability_violations += 1;
                            continue;
                        }
                        c.reports_received += 1;
                        let e = node.remote.entry(r.track_number.get()).or_default();
                        e.iff.interrogated |= r.iff.interrogated;
                        e.iff.military_reply |= r.iff.military_reply;
                        e.iff.civil_reply |= r.iff.civil_reply;
                        // Established free fall is sticky across reporters: one whose
                        // history is shorter must not take it back.
                        if e.kind != TrackKind::Ballistic {
                            e.kind = r.kind;
                        }
                        if let Some(p) = node.picture.as_mut()
                            && let Some(tn) =
                                fusion::NetworkTrackNumber::new(r.track_number.get()).ok()
                        {
                            let state = convert::received_state(r);
                            let origin_time =
                                state.time - SimDuration::from_secs(i64::from(r.age_s));
                            p.remote_report(
                                now,
                                fusion::RemoteReport {
                                    origin: r.origin.0,
                                    tn,
                                    state,
                                    measured: state.time
                                        - SimDuration::from_millis(i64::from(r.update_age_ms)),
                                    quality: r.quality,
                                    release: r.release,
                                    ballistic: r.kind.is_ballistic(),
                                    origin_time,
                                },
                            );
                        }
                    }
                    Message::Drop(dr) => {
                        c.drops_received += 1;
                        if let Some(p) = node.picture.as_mut()
                            && let Some(tn) =
                                fusion::NetworkTrackNumber::new(dr.track_number.get()).ok()
                        {
                            p.remote_drop(
                                now,
                                dr.origin.0,
                                tn,
                                dr.reason == network::wire::DropReason::Impact,
                            );
                        }
                    }
                    Message::Plot(pl) => {
                        if !pl.release.contains(nation) {
                            c.releasability_violations += 1;
                            continue;
                        }
                        c.plots_received += 1;
                        let ob = &mut self.outboxes[to];
                        ob.received_plots += 1;
                        // Received plots are numbered above every local detection's id.
                        let seq = (1 << 39) | ob.received_plots;
                        let det = convert::detection(pl, node.nation, seq);
                        if let Some(m) =
                            tracking::filter::from_radar_detection(&det, measurement_id(det.id))
                        {
                            node.evidence.plot(m.id, det.time_measured, det.iff);
                            looks
                                .entry((to, pl.origin.0, pl.sensor, pl.look.seq))
                                .or_insert_with(|| ReceivedLook::new(pl.look))
                                .plots
                                .push(m);
                        }
                    }
                    Message::Status(_) => c.status_received += 1,
                    Message::Identity(ic) => {
                        c.identities_received += 1;
                        node.identities.receive(
                            ic.track_number.get(),
                            ic.authority.0,
                            convert::declared(ic.identity),
                            ic.time_ms,
                        );
                    }
                }
            }
        }
        process_looks(now, looks, nodes);
    }

    /// Whether `node` has lost its command link: under sharing, nothing accepted from its
    /// superior for three heartbeats (the superior sends a status heartbeat every one).
    pub(crate) fn cut_off(&self, node: NodeId, parent: Option<NodeId>, now: SimTime) -> bool {
        let Some(parent) = parent else {
            return false;
        };
        if self.sharing == Sharing::None || now < SimTime::ZERO + self.heartbeat * 3 {
            return false;
        }
        self.last_heard[node.index()]
            .get(&addr(parent))
            .is_none_or(|t| now - *t > self.heartbeat * 3)
    }

    /// Adversary `i` acts.
    pub(crate) fn adversary(&mut self, now: SimTime, i: usize) {
        let roster = self.roster;
        self.adversaries[i].act(now, &mut self.transport, roster);
    }

    /// The node's traffic counters (rejections merged from its receiver).
    pub(crate) fn node_summary(&self, i: usize) -> NodeNetwork {
        let mut c = self.counters[i].clone();
        for (reason, n) in self.receivers[i].rejections() {
            *c.rejected.entry((*reason).to_owned()).or_default() += n;
        }
        c
    }

    pub(crate) fn summary(
        &self,
        input: &Input,
        nodes: &[NodeRuntime],
        measures: &PictureMeasures,
        world: &crate::world::World,
        any_first: &BTreeMap<base::ObjectId, SimTime>,
    ) -> NetworkSummary {
        let per_node: Vec<NodeNetwork> = (0..nodes.len()).map(|i| self.node_summary(i)).collect();
        let stats = self.transport.stats();
        let mut rejected = BTreeMap::new();
        for n in &per_node {
            for (k, v) in &n.rejected {
                *rejected.entry(k.clone()).or_default() += v;
            }
        }
        let (commonality, dual_tracks, dual_mean, dual_max) = measures.finish();
        let mut latencies = Vec::new();
        for node in nodes {
            for (o, t0) in any_first {
                if !world.objects[o.index()].kind.is_threat() {
                    continue;
                }
                if let Some(t) = node.first_held(*o) {
                    latencies.push((t - *t0).as_secs_f64());
                }
            }
        }
        let direction = |s: &network::link::LinkStats| LinkDirection {
            packets: s.packets_sent,
            bytes: s.bytes_sent,
            delivered: s.delivered,
            dropped_loss: s.dropped_loss,
            dropped_overflow: s.dropped_overflow,
            dropped_partition: s.dropped_partition,
            max_queue_bytes: s.max_queue_bytes,
            injected: s.injected,
        };
        NetworkSummary {
            sharing: match self.sharing {
                Sharing::None => "none",
                Sharing::Track => "track",
                Sharing::Measurement => "measurement",
            },
            fusion: match self.fusion {
                FusionRule::CovarianceIntersection => "ci",
                FusionRule::Naive => "naive",
                FusionRule::BarShalomCampo { .. } => "bar-shalom-campo",
            },
            frames_sent: per_node.iter().map(|n| n.frames_sent).sum(),
            messages_sent: per_node.iter().map(|n| n.messages_sent).sum(),
            bytes_sent: per_node.iter().map(|n| n.bytes_sent).sum(),
            bytes_per_track_report: (self.report_bytes.0 > 0)
                .then(|| self.report_bytes.1 / self.report_bytes.0 as f64),
            links: input
                .links
                .iter()
                .zip(&stats.links)
                .map(|(l, s)| LinkSummary {
                    name: l.name.clone(),
                    a: input.nodes[l.a.index()].name.clone(),
                    b: input.nodes[l.b.index()].name.clone(),
                    a_to_b: direction(&s[0]),
                    b_to_a: direction(&s[1]),
                })
                .collect(),
            rejected,
            withheld_releasability: stats.withheld_releasability,
            unreachable: stats.unreachable,
            guard_blocked: stats.guard_blocked,
            releasability_violations: per_node.iter().map(|n| n.releasability_violations).sum(),
            adversary_injections: self.adversaries.iter().map(|a| a.injected).sum(),
            mean_picture_gospa: {
                let g: Vec<f64> = nodes
                    .iter()
                    .filter_map(|n| n.picture_score.as_ref())
                    .map(|s| s.summary(world, any_first).gospa_mean)
                    .collect();
                (!g.is_empty()).then(|| g.iter().sum::<f64>() / g.len() as f64)
            },
            commonality,
            dual_tracks,
            dual_track_mean_lifetime_s: dual_mean,
            dual_track_max_lifetime_s: dual_max,
            track_number_changes: nodes
                .iter()
                .filter_map(|n| n.picture_score.as_ref())
                .map(|s| s.summary(world, any_first).track_id_changes)
                .sum(),
            mean_picture_latency_s: (!latencies.is_empty())
                .then(|| latencies.iter().sum::<f64>() / latencies.len() as f64),
            gospa_series: measures.gospa_series().to_vec(),
        }
    }
}
