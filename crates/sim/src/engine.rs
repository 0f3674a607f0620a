//! The discrete-event kernel: one agenda, one clock, events processed in (time, class, seq)
//! order, records emitted in that order.

use crate::command::CommandRuntime;
use crate::input::{Input, Sharing, ThreatMotion};
use crate::log::{EventKind, LogEvent, ObjectRef, Recorder, TruthRow};
use crate::net::{NetRuntime, PictureMeasures};
use crate::node::{AirTruth, NodeRuntime, measurement_id};
use crate::sensing::{Batch, IrSector, Model, SensorRuntime};
use crate::siap::SiapNetwork;
use crate::summary::{FirstDetection, ImpactRecord, Summary, Tallies};
use crate::timeline::Timelines;
use crate::world::{BuildError, Origin, TruthObject, World};
use base::{
    Agenda, EventClass, NationId, NationIndex, NodeId, ObjectId, SensorId, SimDuration, SimTime,
};
use dynamics::Milestone;
use picture::DetectionId;
use sensors::{Labeled, TruthLabel};
use std::collections::{BTreeMap, BTreeSet};
use tracking::filter::Measurement;

/// What the agenda holds.
#[derive(Clone, Debug)]
enum Ev {
    /// A sensor starts a scan (radar) or revisit (space IR).
    Scan { sensor: SensorId },
    /// A phased array plans its next interval of dedicated dwells (`sensors::Scheduler`).
    Dwells { sensor: SensorId },
    /// A detection of batch `batch` reaches its sensor's node.
    Deliver {
        sensor: SensorId,
        batch: Batch,
        labeled: Box<Labeled>,
    },
    /// Every plot of batch `batch` has reached the node: it goes to the tracker as one batch.
    Flush { sensor: SensorId, batch: Batch },
    /// A completed radar scan (or an interval's dwells) goes to its node's tracker.
    Track {
        node: usize,
        sensor: SensorId,
        scan: Vec<Measurement>,
        dwells: bool,
    },
    /// A node assembles and sends its due messages.
    Frame { node: usize },
    /// The transport has something due.
    Net,
    /// An adversary acts.
    Adversary { index: usize },
    /// A command decision epoch.
    Decide,
    /// An ordered interceptor leaves its launcher.
    InterceptorLaunch { engagement: u64 },
    /// An interceptor reaches its intercept point.
    Intercept { engagement: u64 },
    /// Sensors report the outcome of an intercept.
    Assess { engagement: u64 },
    /// Milestone `index` of an object's trajectory.
    Milestone { object: ObjectId, index: usize },
    /// Sample every moving object's truth state.
    TruthSample,
    /// The scenario's end.
    End,
}

/// How long a space-IR launch cue lowers track confirmation after its observation: an MRBM's
/// flight time (radars see theatre missiles within it; the cued volume grows with it).
pub(crate) const CUE_LIFETIME: SimDuration = SimDuration::from_secs(600);
/// Hits a cued tentative track needs (the engine's tracker otherwise needs 3 of 5).
pub(crate) const CUED_CONFIRM_M: u32 = 2;

/// A run in progress.
#[derive(Debug)]
pub struct Simulation {
    input: Input,
    seed: u64,
    world: World,
    agenda: Agenda<Ev>,
    end: SimTime,
    event_counts: BTreeMap<&'static str, u64>,
    n_events: u64,
    n_truth_rows: u64,
    impacts: Vec<ImpactRecord>,
    sensors: Vec<SensorRuntime>,
    /// Scoring ledger: what every delivered detection really was. Never given to C2 nodes.
    ledger: BTreeMap<DetectionId, TruthLabel>,
    first_detection: BTreeMap<ObjectId, FirstDetection>,
    detected_by: BTreeMap<ObjectId, BTreeSet<NationId>>,
    nodes: Vec<NodeRuntime>,
    net: NetRuntime,
    command: CommandRuntime,
    measures: PictureMeasures,
    /// Per-threat timelines (scoring: never read by nodes or the command).
    timelines: Timelines,
    /// Times a `Net` event is already scheduled for (never schedule two for one instant).
    net_wakeups: BTreeSet<SimTime>,
    /// Scoring: when a fire unit's own radar first contributed to a confirmed track of each
    /// threat at its node (the take-over launch-on-remote waits for).
    own_track: BTreeMap<ObjectId, SimTime>,
    /// (node, local track) pairs already joined to truth for `own_track`.
    own_seen: BTreeSet<(usize, u32)>,
    /// Each node's picture as last queried for dwell planning (at most one planning interval
    /// old).
    held_cache: Vec<Option<(SimTime, Vec<crate::node::HeldTrack>)>>,
    n_track_rows: u64,
    started: bool,
    finished: bool,
}

impl Simulation {
    /// Builds the world and schedules its events. `until` truncates the run (never extends it
    /// beyond the scenario's duration).
    pub fn new(input: &Input, seed: u64, until: Option<SimTime>) -> Result<Self, BuildError> {
        let world = World::build(input, seed)?;
        let scenario_end = SimTime::ZERO + input.duration;
        let end = until
            .map_or(scenario_end, |u| u.min(scenario_end))
            .max(SimTime::ZERO);
        let mut agenda = Agenda::new();
        for object in &world.objects {
            if !object.moves {
                continue;
            }
            for (index, (t, _)) in object.trajectory.milestones().iter().enumerate() {
                if *t <= end {
                    agenda.schedule(
                        *t,
                        EventClass::Truth,
                        Ev::Milestone {
                            object: object.id,
                            index,
                        },
                    );
                }
            }
        }
        let period = input.truth_sample_period;
        assert!(
            period.as_nanos() > 0,
            "truth sample period validated positive by the scenario"
        );
        let mut t = SimTime::ZERO;
        while t <= end {
            agenda.schedule(t, EventClass::Record, Ev::TruthSample);
            t += period;
        }
        agenda.schedule(end, EventClass::Record, Ev::End);
        let sensors = SensorRuntime::build(input, &world, seed)?;
        let nations: Vec<NationIndex> = input
            .nodes
            .iter()
            .map(|n| {
                input
                    .nations
                    .iter()
                    .position(|x| x.id == n.nation)
                    .and_then(NationIndex::new)
                    .expect("the scenario validates node nations against a roster of at most 8")
            })
            .collect();
        let net = NetRuntime::build(input, nations, seed)?;
        let nodes: Vec<NodeRuntime> = (0..input.nodes.len())
            .map(|i| NodeRuntime::new(input, NodeId::new(i), crate::node::picture_for(input, i)))
            .collect();
        if input.network.sharing != Sharing::None {
            let period = input.network.frame_period.as_nanos();
            let n = nodes.len().max(1) as i64;
            for i in 0..nodes.len() {
                // Nodes are staggered across the frame period (on whole milliseconds: track
                // reports carry millisecond times).
                let offset_ms = period * i as i64 / n / 1_000_000;
                let mut t = SimTime::from_nanos(offset_ms * 1_000_000);
                while t <= end {
                    agenda.schedule(t, EventClass::Network, Ev::Frame { node: i });
                    t += input.network.frame_period;
                }
            }
        }
        if !input.fire_units.is_empty() {
            let mut t = SimTime::ZERO + input.c2.decision_period;
            while t <= end {
                agenda.schedule(t, EventClass::Decide, Ev::Decide);
                t += input.c2.decision_period;
            }
        }
        let command = CommandRuntime::build(input, &world, seed);
        for (index, a) in input.adversaries.iter().enumerate() {
            let mut t = SimTime::ZERO + a.start;
            while t <= end {
                agenda.schedule(t, EventClass::Network, Ev::Adversary { index });
                t += a.period;
            }
        }
        for (i, s) in sensors.iter().enumerate() {
            if s.first_scan <= end {
                agenda.schedule(
                    s.first_scan,
                    EventClass::Sense,
                    Ev::Scan {
                        sensor: SensorId::new(i),
                    },
                );
                if s.scheduler.is_some() {
                    agenda.schedule(
                        s.first_scan,
                        EventClass::Sense,
                        Ev::Dwells {
                            sensor: SensorId::new(i),
                        },
                    );
                }
            }
        }
        Ok(Simulation {
            input: input.clone(),
            seed,
            world,
            agenda,
            end,
            event_counts: EventKind::TAGS.iter().map(|t| (*t, 0)).collect(),
            n_events: 0,
            n_truth_rows: 0,
            impacts: Vec::new(),
            sensors,
            ledger: BTreeMap::new(),
            first_detection: BTreeMap::new(),
            detected_by: BTreeMap::new(),
            nodes,
            net,
            command,
            measures: PictureMeasures::default(),
            timelines: Timelines::default(),
            net_wakeups: BTreeSet::new(),
            own_track: BTreeMap::new(),
            own_seen: BTreeSet::new(),
            held_cache: vec![None; input.nodes.len()],
            n_track_rows: 0,
            started: false,
            finished: false,
        })
    }

    /// The master seed of this run.
    pub fn seed(&self) -> u64 {
        self.seed
    }
    /// Time of the last processed event.
    pub fn now(&self) -> SimTime {
        self.agenda.now()
    }
    /// When the run ends.
    pub fn end(&self) -> SimTime {
        self.end
    }
    /// The truth world.
    pub fn world(&self) -> &World {
        &self.world
    }
    /// True once the end event has been processed.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Tests: the objects behind each batch's plots of `sensor` (see `Batch`).
    #[cfg(test)]
    pub(crate) fn batch_objects(&self, sensor: usize) -> &BTreeMap<Batch, Vec<ObjectId>> {
        &self.sensors[sensor].batch_objects
    }

    /// Processes every event at or before `t`.
    pub fn run_until(&mut self, t: SimTime, rec: &mut dyn Recorder) {
        if !self.started {
            self.started = true;
            self.emit(
                SimTime::ZERO,
                EventKind::ScenarioStart {
                    scenario: self.input.name.clone(),
                    seed: self.seed,
                    start_utc: self.input.start_utc.clone(),
                },
                rec,
            );
        }
        while self.agenda.peek_time().is_some_and(|next| next <= t) {
            let (now, _, ev) = self.agenda.pop().expect("peeked an event");
            match ev {
                Ev::Milestone { object, index } => self.milestone(now, object, index, rec),
                Ev::Scan { sensor } => self.scan(now, sensor),
                Ev::Dwells { sensor } => self.dwells(now, sensor),
                Ev::Deliver {
                    sensor,
                    batch,
                    labeled,
                } => self.deliver(now, sensor, batch, &labeled, rec),
                Ev::Flush { sensor, batch } => self.flush(now, sensor, batch),
                Ev::Track {
                    node,
                    sensor,
                    scan,
                    dwells,
                } => {
                    self.nodes[node].process_scan(now, sensor, &scan, dwells);
                    if self.sensors[sensor.index()].fire_control {
                        self.own_tracks(now, node, sensor);
                    }
                }
                Ev::Frame { node } => {
                    self.net.frame(now, &mut self.nodes[node]);
                    self.wake_net();
                }
                Ev::Net => {
                    self.net_wakeups.remove(&now);
                    self.net.deliver(now, &mut self.nodes);
                    self.wake_net();
                }
                Ev::Adversary { index } => {
                    self.net.adversary(now, index);
                    self.wake_net();
                }
                Ev::Decide => self.decide(now, rec),
                Ev::InterceptorLaunch { engagement } => {
                    let held = self
                        .command
                        .unit_picture(now, engagement, &self.nodes, &|n, r| {
                            self.net.release_of(r, self.input.nodes[n].release_to)
                        });
                    let launched = self.command.launch(
                        now,
                        engagement,
                        &self.world,
                        &self.nodes,
                        &held,
                        &self.input.c2,
                    );
                    if let Some((kind, t)) = launched {
                        self.emit(now, kind, rec);
                        if let Some(t) = t.filter(|t| *t <= self.end) {
                            self.agenda
                                .schedule(t, EventClass::Act, Ev::Intercept { engagement });
                        }
                    }
                }
                Ev::Intercept { engagement } => {
                    if let Some(kind) =
                        self.command
                            .intercept(now, engagement, &mut self.world, &self.nodes)
                    {
                        self.emit(now, kind, rec);
                        let t = now + crate::command::ASSESS_DELAY;
                        if t <= self.end {
                            self.agenda
                                .schedule(t, EventClass::Decide, Ev::Assess { engagement });
                        }
                    }
                }
                Ev::Assess { engagement } => {
                    if let Some(kind) = self.command.assess(engagement) {
                        self.emit(now, kind, rec);
                    }
                }
                Ev::TruthSample => self.sample(now, rec),
                Ev::End => {
                    let n_events = self.n_events;
                    self.emit(now, EventKind::ScenarioEnd { n_events }, rec);
                    self.finished = true;
                }
            }
        }
    }

    /// A decision epoch: the command plans, orders are scheduled for launch.
    fn decide(&mut self, now: SimTime, rec: &mut dyn Recorder) {
        let input = &self.input;
        let net = &self.net;
        let cut_off = |n: NodeId| net.cut_off(n, input.nodes[n.index()].parent, now);
        let release_of = |node: usize, r: &tracking::tracker::TrackReport| {
            net.release_of(r, input.nodes[node].release_to)
        };
        self.command.take_received(&self.nodes);
        let orders =
            self.command
                .decide(now, input, &self.world, &self.nodes, &cut_off, &release_of);
        for d in self.command.take_declarations() {
            self.nodes[d.authority.index()]
                .identities
                .declare(d.track, d.identity, d.at, d.release);
        }
        for kind in orders.events {
            self.emit(now, kind, rec);
        }
        for (t, engagement) in orders.intercepts {
            if t <= self.end {
                self.agenda
                    .schedule(t, EventClass::Act, Ev::Intercept { engagement });
            }
        }
        for &(t, engagement) in &orders.launches {
            if let Some(kind) = self.order_event(engagement, t) {
                self.emit(now, kind, rec);
            }
        }
        for (t, engagement) in orders.launches {
            if t <= self.end {
                self.agenda
                    .schedule(t, EventClass::Act, Ev::InterceptorLaunch { engagement });
            }
        }
    }

    /// The record of a fire order: engagement `id`, to launch at `launch`.
    fn order_event(&self, id: u64, launch: SimTime) -> Option<EventKind> {
        let e = self.command.engagements.get(&id)?;
        let u = &self.command.units[e.unit];
        Some(EventKind::EngagementOrder {
            fire_unit: u.name.clone(),
            engagement: id,
            track: e.target.track,
            interceptor: u.interceptor.name.clone(),
            planned_pk: e.planned_pk,
            launch_t_s: launch.as_secs_f64(),
        })
    }

    /// The command and the nodes, as they stand (tests of what a node holds).
    #[cfg(test)]
    pub(crate) fn command_and_nodes(&self) -> (&CommandRuntime, &[NodeRuntime]) {
        (&self.command, &self.nodes)
    }

    /// Schedules a `Net` event when the transport next has something due (within the run).
    fn wake_net(&mut self) {
        if let Some(t) = self.net.next_due().map(|t| t.max(self.agenda.now()))
            && t <= self.end
            && self.net_wakeups.insert(t)
        {
            self.agenda.schedule(t, EventClass::Network, Ev::Net);
        }
    }

    /// Runs to the end and returns the summary.
    pub fn finish(mut self, rec: &mut dyn Recorder) -> Summary {
        self.run_until(self.end, rec);
        assert!(self.finished, "the end event is scheduled at the end time");
        // Picture latency counts from the first radar plot any node received (a space-IR cue
        // at launch cannot start a track).
        let mut any_first: BTreeMap<ObjectId, SimTime> = BTreeMap::new();
        for node in &self.nodes {
            for (o, t) in &node.first_detection {
                any_first
                    .entry(*o)
                    .and_modify(|x| *x = (*x).min(*t))
                    .or_insert(*t);
            }
        }
        let network = self.net.summary(
            &self.input,
            &self.nodes,
            &self.measures,
            &self.world,
            &any_first,
        );
        let nodes: Vec<_> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| n.summary(&self.world, &any_first, self.net.node_summary(i)))
            .collect();
        let mut first_held: BTreeMap<ObjectId, SimTime> = BTreeMap::new();
        for node in &self.nodes {
            for o in self.world.objects.iter().filter(|o| o.kind.is_threat()) {
                if let Some(t) = node.first_held(o.id) {
                    first_held
                        .entry(o.id)
                        .and_modify(|x| *x = (*x).min(t))
                        .or_insert(t);
                }
            }
        }
        let siap = {
            let per_node: Vec<&crate::siap::SiapSummary> =
                nodes.iter().filter_map(|n| n.siap.as_ref()).collect();
            SiapNetwork::of(&per_node, network.commonality)
        };
        Summary::new(
            &self.input,
            self.seed,
            self.end,
            &self.world,
            Tallies {
                events: self.event_counts,
                truth_rows: self.n_truth_rows,
                impacts: self.impacts,
                sensors: self.sensors.iter().map(SensorRuntime::summary).collect(),
                first_detection: self.first_detection,
                detected_by: self.detected_by,
                nodes,
                network,
                engagement: self.command.moe.clone(),
                track_rows: self.n_track_rows,
                own_track: self.own_track,
                timelines: self.timelines,
                first_held,
                siap,
            },
        )
    }

    /// Every live track (tentative and confirmed) of the tracker of the C2 node named `node`,
    /// predicted to `t`; empty if there is no such node or it runs no tracker.
    pub fn node_tracks(&self, node: &str, t: SimTime) -> Vec<tracking::tracker::TrackReport> {
        self.nodes
            .iter()
            .find(|n| n.name == node)
            .and_then(|n| n.tracker.as_ref())
            .map(|tr| tr.tracks_at(t))
            .unwrap_or_default()
    }

    /// The common picture of the C2 node named `node` at `t` (track sharing), sorted by
    /// network track number; empty otherwise.
    pub fn node_picture(&self, node: &str, t: SimTime) -> Vec<fusion::SystemTrack> {
        self.nodes
            .iter()
            .find(|n| n.name == node)
            .and_then(|n| n.picture.as_ref())
            .map(|p| p.system_tracks(t))
            .unwrap_or_default()
    }

    /// Starts keeping an audit trail of every message a node accepts (for releasability
    /// checks by tests and analysts; off by default: it grows with the run).
    pub fn audit_receipts(&mut self) {
        self.net.receipts.get_or_insert_with(Vec::new);
    }

    /// The audit trail (empty unless [`audit_receipts`](Self::audit_receipts) was called).
    pub fn receipts(&self) -> &[crate::net::Receipt] {
        self.net.receipts.as_deref().unwrap_or_default()
    }

    /// What each delivered detection really was (for scoring after the run).
    pub fn ledger(&self) -> &BTreeMap<DetectionId, TruthLabel> {
        &self.ledger
    }

    fn scan(&mut self, now: SimTime, id: SensorId) {
        let sensor = &mut self.sensors[id.index()];
        let (detections, frame) = sensor.scan(now, &self.world);
        let next = now + frame;
        let latency = sensor.latency();
        let batch = Batch {
            start: now,
            dwells: false,
            look: 0,
        };
        // The scan is complete at the node when its last possible plot (measured just before
        // the next scan starts) has come through the sensor's latency. Scheduled before the
        // next scan so that, without latency, the batch leaves as that scan starts.
        if next + latency <= self.end {
            self.agenda.schedule(
                next + latency,
                EventClass::Sense,
                Ev::Flush { sensor: id, batch },
            );
        }
        if next <= self.end {
            self.agenda
                .schedule(next, EventClass::Sense, Ev::Scan { sensor: id });
        }
        self.schedule_deliveries(id, batch, latency, detections);
    }

    /// Schedules each detection's delivery at its measurement time plus the latency.
    fn schedule_deliveries(
        &mut self,
        id: SensorId,
        batch: Batch,
        latency: SimDuration,
        detections: Vec<Labeled>,
    ) {
        for labeled in detections {
            let at = labeled.detection.time_measured + latency;
            // Reports that would arrive after the run ends are never delivered.
            if at <= self.end {
                let labeled = Box::new(labeled);
                self.agenda.schedule(
                    at,
                    EventClass::Sense,
                    Ev::Deliver {
                        sensor: id,
                        batch,
                        labeled,
                    },
                );
            }
        }
    }

    /// A phased array's planning interval (`sensors::Scheduler`): offers a track dwell per
    /// track its node holds that it holds itself, a cued dwell per track its node holds that it
    /// does not (`[network] radar_cueing`), both only where a beam can point, and a sweep per
    /// live IR-cued sector; runs what the budget serves; the dwells' plots go to the tracker as
    /// one dwell batch and each sector's as another (`Batch`). Aims come from the node's
    /// picture, never from truth.
    fn dwells(&mut self, now: SimTime, id: SensorId) {
        let Simulation {
            sensors,
            nodes,
            world,
            net,
            input,
            held_cache,
            ..
        } = self;
        let sensor = &mut sensors[id.index()];
        let (Some(scheduler), Model::Radar(radar)) = (sensor.scheduler.as_mut(), &sensor.model)
        else {
            return;
        };
        let interval = scheduler.interval();
        let node = sensor.node;
        let release_to = input.nodes[node].release_to;
        // One picture query per node per `HELD_REFRESH`, shared by its arrays (each predicts
        // the estimates to its own dwell times): the query fuses and predicts every system
        // track, the dominant cost of planning.
        let held = match &held_cache[node] {
            Some((t, held)) if now - *t < HELD_REFRESH => held,
            _ => {
                let held = nodes[node].held_tracks(now, &|r| net.release_of(r, release_to));
                &held_cache[node].insert((now, held)).1
            }
        };
        let platform = &world.objects[sensor.platform.index()].trajectory;
        let mut requests = Vec::new();
        let mut aims = Vec::new();
        // One beam position serves every track in it: a track this radar holds and the
        // picture's other numbers for the same object (dual tracks, remote reports) would
        // otherwise each get a dwell, pay for it, and hand the tracker two plots of one target
        // in one batch. Tracks first, then cues; within a beamwidth of a kept aim, dropped.
        let cos_beam = radar.params().beamwidth_deg.to_radians().cos();
        let mut kept: Vec<geodesy::Vec3> = Vec::new();
        let antenna = platform.state_at(now).map(|s| s.position.xyz_m());
        let mut offered: Vec<(sensors::DwellKind, &crate::node::HeldTrack, geodesy::Vec3)> =
            Vec::new();
        for h in held {
            let dt = (now - h.time).as_secs_f64();
            let p = geodesy::Vec3::new(
                h.x[0] + h.x[3] * dt,
                h.x[1] + h.x[4] * dt,
                h.x[2] + h.x[5] * dt,
            );
            if !radar.covers(now, platform, geodesy::Position::ecef_from_vec(p)) {
                continue;
            }
            let kind = if h.sources.contains(id) {
                sensors::DwellKind::Track
            } else if input.network.radar_cueing {
                sensors::DwellKind::Cue
            } else {
                continue;
            };
            offered.push((kind, h, p));
        }
        offered.sort_by_key(|(kind, h, _)| (*kind != sensors::DwellKind::Track, h.number));
        for (kind, h, p) in offered {
            if let Some(a) = antenna {
                let d = (p - a).normalize();
                if kept.iter().any(|k| k.dot(&d) >= cos_beam) {
                    continue;
                }
                kept.push(d);
            }
            requests.push(sensors::Request {
                key: u64::from(h.number),
                kind,
                revisit: scheduler.revisit(h.ballistic),
                cost: scheduler.dwell(),
            });
            aims.push(Aim::Track(h.x, h.time));
        }
        let n_dwells = requests.len();
        sensor.sectors.retain(|s| s.until >= now);
        let sector_cost = sector_cost(radar, scheduler);
        for s in &sensor.sectors {
            requests.push(sensors::Request {
                key: SECTOR_KEYS + s.key,
                kind: sensors::DwellKind::Sector,
                revisit: scheduler.revisit(true),
                cost: sector_cost,
            });
            aims.push(Aim::Sector(s.center_az_rad));
        }
        let planned = scheduler.plan(now, &requests);
        if now + interval <= self.end {
            self.agenda
                .schedule(now + interval, EventClass::Sense, Ev::Dwells { sensor: id });
        }
        let Some(last) = planned.last() else {
            return;
        };
        let done = last.start + requests[last.request].cost;
        let targets = sensor.targets(now, done, world);
        // Looks: 0 the dwells, 1 + k the k-th sector (`Batch::look`).
        let mut looks: BTreeMap<u32, Vec<Labeled>> = BTreeMap::new();
        for p in &planned {
            let (rngs, seq) = (&mut sensor.rngs, &mut sensor.seq);
            let (look, plots) = match aims[p.request] {
                Aim::Track(x, time) => {
                    // Predicted to the dwell at constant velocity (under half a second).
                    let dt = (p.start - time).as_secs_f64();
                    let aim = geodesy::Position::ecef_from_vec(geodesy::Vec3::new(
                        x[0] + x[3] * dt,
                        x[1] + x[4] * dt,
                        x[2] + x[5] * dt,
                    ));
                    (0, radar.dwell(p.start, aim, platform, &targets, rngs, seq))
                }
                Aim::Sector(center) => (
                    1 + u32::try_from(p.request - n_dwells).expect("few sectors"),
                    radar.sector(
                        p.start,
                        sector_cost,
                        center,
                        crate::sensing::IR_SECTOR_HALF_WIDTH_DEG.to_radians(),
                        crate::sensing::IR_SECTOR_HEIGHT_DEG.to_radians(),
                        platform,
                        &targets,
                        rngs,
                        seq,
                    ),
                ),
            };
            looks.entry(look).or_default().extend(plots);
        }
        let latency = sensor.latency();
        for (look, detections) in looks {
            let batch = Batch {
                start: now,
                dwells: true,
                look,
            };
            if !detections.is_empty() && done + latency <= self.end {
                self.agenda.schedule(
                    done + latency,
                    EventClass::Sense,
                    Ev::Flush { sensor: id, batch },
                );
            }
            self.schedule_deliveries(id, batch, latency, detections);
        }
    }

    /// Scoring: for each confirmed track of `node` that fire-control radar `sensor` has
    /// contributed to and that is not yet joined, the threat behind it (nearest object within
    /// the scoring cut-off); the first such time per threat is `own_track`. Never read by a
    /// node or the command.
    fn own_tracks(&mut self, now: SimTime, node: usize, sensor: SensorId) {
        for r in self.nodes[node].local_tracks(now) {
            if !r.sources.contains(sensor) || !self.own_seen.insert((node, r.number.0)) {
                continue;
            }
            let at = [r.estimate.x[0], r.estimate.x[1], r.estimate.x[2]];
            let behind = self
                .world
                .objects
                .iter()
                .filter(|o| o.kind.is_threat())
                .filter_map(|o| {
                    let p = o.trajectory.state_at(now)?.position.xyz_m();
                    Some((o.id, crate::node::distance(&[p.x, p.y, p.z], &at)))
                })
                .filter(|(_, d)| *d < crate::node::GOSPA_C_M)
                .min_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((object, _)) = behind {
                self.own_track.entry(object).or_insert(now);
            }
        }
    }

    /// Hands the complete scan started at `scan` to the node's tracker, as one batch (one
    /// association), whatever other scans of the sensor are in flight on its link.
    fn flush(&mut self, now: SimTime, id: SensorId, batch: Batch) {
        let sensor = &mut self.sensors[id.index()];
        self.net.release_look(NodeId::new(sensor.node), id, batch);
        if let Some(scan) = sensor.pending.remove(&batch) {
            self.agenda.schedule(
                now,
                EventClass::Track,
                Ev::Track {
                    node: sensor.node,
                    sensor: id,
                    scan,
                    dwells: batch.dwells,
                },
            );
        }
    }

    /// A space-IR launch report cues the tracker of every node of a nation it is releasable to
    /// (an early-warning broadcast: no latency beyond the IR sensor's own): for
    /// [`CUE_LIFETIME`] a tentative track flying from the reported launch point confirms with
    /// [`CUED_CONFIRM_M`] hits (`tracking::tracker::Cue`).
    fn cue_trackers(&mut self, ir: SensorId, launch_m: geodesy::Vec3, sigma_m: f64, at: SimTime) {
        let release = self.input.sensors[ir.index()].release_to;
        let cue = tracking::tracker::Cue {
            launch_m,
            sigma_m,
            time: at,
            until: at + CUE_LIFETIME,
            confirm_m: CUED_CONFIRM_M,
        };
        for node in &mut self.nodes {
            if release.contains(node.nation_index)
                && let Some(tracker) = node.tracker.as_mut()
            {
                tracker.cue(cue);
            }
        }
    }

    /// A space-IR launch report cues a search sector (azimuth of the reported launch point,
    /// ± [`IR_SECTOR_HALF_WIDTH_DEG`](crate::sensing::IR_SECTOR_HALF_WIDTH_DEG)) on every
    /// phased array with a budget of a nation the report is releasable to, whose field of
    /// regard reaches that azimuth and whose ballistic revisit is faster than its search frame
    /// (otherwise the sector would look no sooner than search does), for [`CUE_LIFETIME`]. A
    /// report within half a sector of a live sector refreshes it.
    fn cue_sectors(&mut self, ir: SensorId, launch: geodesy::Position<geodesy::Ecef>, at: SimTime) {
        let release = self.input.sensors[ir.index()].release_to;
        let half = crate::sensing::IR_SECTOR_HALF_WIDTH_DEG.to_radians();
        for sensor in &mut self.sensors {
            let (Some(scheduler), Model::Radar(radar)) = (&sensor.scheduler, &sensor.model) else {
                continue;
            };
            if !release.contains(self.nodes[sensor.node].nation_index)
                || scheduler.revisit(true) >= scheduler.nominal_frame()
            {
                continue;
            }
            let platform = &self.world.objects[sensor.platform.index()].trajectory;
            let Some((az, _, _)) = radar.look_angles(at, platform, launch) else {
                continue;
            };
            if !radar.in_azimuth(az) {
                continue;
            }
            let until = at + CUE_LIFETIME;
            if let Some(s) = sensor
                .sectors
                .iter_mut()
                .find(|s| wrap_pi(s.center_az_rad - az).abs() <= 0.5 * half)
            {
                s.until = s.until.max(until);
                continue;
            }
            sensor.sectors.push(IrSector {
                key: sensor.n_sectors,
                center_az_rad: az,
                until,
            });
            sensor.n_sectors += 1;
        }
    }

    fn deliver(
        &mut self,
        now: SimTime,
        id: SensorId,
        batch: Batch,
        labeled: &Labeled,
        rec: &mut dyn Recorder,
    ) {
        let previous = self.ledger.insert(labeled.detection.id, labeled.truth);
        assert!(previous.is_none(), "detection ids are unique per run");
        let sensor = &mut self.sensors[id.index()];
        match labeled.truth {
            TruthLabel::Target(_) => sensor.real += 1,
            TruthLabel::FalseAlarm => sensor.false_alarms += 1,
        }
        let row = sensor.row(labeled, now, &self.world);
        rec.detection(&row);
        if let Some(m) = tracking::filter::from_radar_detection(
            &labeled.detection,
            measurement_id(labeled.detection.id),
        ) {
            self.nodes[sensor.node].evidence.plot(
                m.id,
                labeled.detection.time_measured,
                labeled.detection.iff,
            );
            sensor.pending.entry(batch).or_default().push(m);
            #[cfg(test)]
            if let TruthLabel::Target(o) = labeled.truth {
                sensor.batch_objects.entry(batch).or_default().push(o);
            }
            self.net
                .queue_plot(NodeId::new(sensor.node), batch, &labeled.detection);
        }
        if sensor.kind() == "space_ir" {
            let kind = EventKind::Cue {
                sensor: row.sensor.clone(),
                detection: row.detection.clone(),
                t_measured_s: row.t_s,
            };
            self.emit(now, kind, rec);
        }
        if let picture::Measurement::LaunchEvent { position, sigma_m } =
            labeled.detection.measurement
            && self.input.network.ir_cueing
        {
            self.cue_trackers(
                id,
                position.xyz_m(),
                sigma_m,
                labeled.detection.time_measured,
            );
            if self.input.network.radar_cueing {
                self.cue_sectors(id, position, labeled.detection.time_measured);
            }
        }
        let TruthLabel::Target(object) = labeled.truth else {
            return;
        };
        let sensor = &self.sensors[id.index()];
        self.detected_by
            .entry(object)
            .or_default()
            .insert(sensor.nation);
        // Track latency counts from the first plot the node's tracker could use (radar).
        if matches!(
            labeled.detection.measurement,
            picture::Measurement::Radar { .. }
        ) {
            self.nodes[sensor.node]
                .first_detection
                .entry(object)
                .or_insert(labeled.detection.time_measured);
        }
        let target = &self.world.objects[object.index()];
        if !target.kind.is_threat() || self.first_detection.contains_key(&object) {
            return;
        }
        let measured = labeled.detection.time_measured;
        let since_launch_s = (measured - target.trajectory.start()).as_secs_f64();
        let first = FirstDetection {
            object: target.name.clone(),
            t_s: measured.as_secs_f64(),
            since_launch_s,
            sensor: sensor.name.clone(),
            nation: sensor.nation.to_string(),
        };
        let kind = EventKind::FirstDetection {
            object: object_ref(target),
            sensor: first.sensor.clone(),
            nation: first.nation.clone(),
            since_launch_s,
        };
        self.first_detection.insert(object, first);
        self.emit(now, kind, rec);
    }

    fn emit(&mut self, t: SimTime, kind: EventKind, rec: &mut dyn Recorder) {
        self.timelines
            .observe(t, &kind, &self.world, &self.nodes, &self.command);
        *self.event_counts.entry(kind.tag()).or_insert(0) += 1;
        self.n_events += 1;
        rec.event(&LogEvent {
            t_ns: t.as_nanos(),
            t_s: t.as_secs_f64(),
            kind,
        });
    }

    fn milestone(&mut self, now: SimTime, id: ObjectId, index: usize, rec: &mut dyn Recorder) {
        let object = &self.world.objects[id.index()];
        // A destroyed object's later milestones are gone (its trajectory was cut).
        let Some(&(at, milestone)) = object.trajectory.milestones().get(index) else {
            return;
        };
        if at != now {
            return;
        }
        let state = object.trajectory.state_at(now);
        let oref = object_ref(object);
        let kind = match milestone {
            Milestone::Start => match object.origin {
                Origin::Threat(i) => {
                    let at = state.map(|s| s.position.to_wgs84());
                    EventKind::Launch {
                        object: oref,
                        launch_area: self.input.threats[i].launch_area.clone(),
                        lat_deg: at.map_or(f64::NAN, |p| p.lat_deg()),
                        lon_deg: at.map_or(f64::NAN, |p| p.lon_deg()),
                    }
                }
                _ => EventKind::Departure { object: oref },
            },
            Milestone::Burnout => {
                let s = state.expect("burnout lies inside the trajectory");
                EventKind::Burnout {
                    object: oref,
                    alt_m: s.position.to_wgs84().alt_m(),
                    speed_mps: s.velocity.speed_mps(),
                }
            }
            Milestone::Apogee { alt_m } => EventKind::Apogee {
                object: oref,
                alt_m,
            },
            Milestone::Waypoint { index } => EventKind::Waypoint {
                object: oref,
                index,
            },
            Milestone::Impact => {
                let s = state.expect("impact is the trajectory's last sample");
                let record = self.impact_record(object, now, s.position.to_wgs84());
                let kind = EventKind::Impact {
                    object: oref,
                    lat_deg: record.lat_deg,
                    lon_deg: record.lon_deg,
                    asset: record.asset.clone(),
                    asset_distance_m: record.asset_distance_m,
                };
                self.impacts.push(record);
                kind
            }
            Milestone::End => EventKind::Arrival { object: oref },
            _ => return,
        };
        self.emit(now, kind, rec);
    }

    fn impact_record(
        &self,
        object: &TruthObject,
        now: SimTime,
        at: geodesy::Wgs84,
    ) -> ImpactRecord {
        let here = at.with_alt(0.0).to_ecef();
        let nearest = self
            .input
            .assets
            .iter()
            .map(|a| (a, a.position.with_alt(0.0).to_ecef().distance_to(&here)))
            .min_by(|x, y| x.1.total_cmp(&y.1));
        let inside = nearest.filter(|(a, d)| *d <= a.radius_m);
        // Miss is measured from the *intended* aim point, so it includes the drawn aim error.
        let aim = match object.origin {
            Origin::Threat(i) => match &self.input.threats[i].motion {
                ThreatMotion::Ballistic(spec) => Some(spec.aim),
                ThreatMotion::Cruise(route) => route.points.last().map(|p| p.position),
            },
            _ => None,
        };
        ImpactRecord {
            object: object.name.clone(),
            t_s: now.as_secs_f64(),
            lat_deg: at.lat_deg(),
            lon_deg: at.lon_deg(),
            miss_from_aim_m: aim.map(|a| a.with_alt(0.0).to_ecef().distance_to(&here)),
            asset: inside.map(|(a, _)| a.name.clone()),
            asset_distance_m: nearest.map(|(_, d)| d),
        }
    }

    fn sample(&mut self, now: SimTime, rec: &mut dyn Recorder) {
        let mut rows = Vec::new();
        let air = AirTruth::at(now, &self.world);
        let (identities, authorities) = self.command.declared();
        let pictures: Vec<_> = self
            .nodes
            .iter_mut()
            .map(|node| {
                let id = node.id;
                let declared = |track: u64| {
                    u32::try_from(track)
                        .ok()
                        .and_then(|t| identities.get(&(id, t)).copied())
                        .unwrap_or(c2::identify::Identity::Pending)
                };
                let identity: Option<&dyn Fn(u64) -> c2::identify::Identity> =
                    authorities.contains(&id).then_some(&declared);
                node.sample(now, &air, &mut rows, identity)
            })
            .collect();
        let same_numbers = self.input.network.sharing == Sharing::Track;
        self.measures.sample(now, &air, &pictures, same_numbers);
        self.n_track_rows += rows.len() as u64;
        for row in &rows {
            rec.track(row);
        }
        for object in self.world.objects.iter().filter(|o| o.moves) {
            let Some(s) = object.trajectory.state_at(now) else {
                continue;
            };
            let lla = s.position.to_wgs84();
            let p = s.position.xyz_m();
            let v = s.velocity.xyz_mps();
            rec.truth(&TruthRow {
                t_s: now.as_secs_f64(),
                object_id: object.id.get(),
                object: object.name.clone(),
                kind: object.kind.name(),
                side: object.side.as_str(),
                nation: object.nation.map(|n| n.to_string()).unwrap_or_default(),
                lat_deg: lla.lat_deg(),
                lon_deg: lla.lon_deg(),
                alt_m: lla.alt_m(),
                x_m: p.x,
                y_m: p.y,
                z_m: p.z,
                vx_mps: v.x,
                vy_mps: v.y,
                vz_mps: v.z,
                speed_mps: v.norm(),
            });
            self.n_truth_rows += 1;
        }
    }
}

/// Where a dedicated dwell points: a held track's state `[p, v]` at its estimate time, or a
/// sector's centre azimuth (rad).
#[derive(Clone, Copy, Debug)]
enum Aim {
    Track([f64; 6], SimTime),
    Sector(f64),
}

/// Longest a node's picture is reused for dwell planning. Estimates are predicted from it at
/// constant velocity: over 1.5 s a ballistic track's omitted gravity moves it 11 m, far inside
/// any beam.
const HELD_REFRESH: SimDuration = SimDuration::from_secs(1);

/// Scheduler keys of IR-cued sectors (above every 24-bit track number).
const SECTOR_KEYS: u64 = 1 << 40;

/// The time one sweep of an IR-cued sector takes: its share of the field of regard (in
/// azimuth times in elevation) times the unloaded search frame (search time is uniform over
/// the field).
fn sector_cost(radar: &sensors::Radar, scheduler: &sensors::Scheduler) -> SimDuration {
    let share = (2.0 * crate::sensing::IR_SECTOR_HALF_WIDTH_DEG.to_radians()
        / radar.field_width_rad())
    .min(1.0)
        * (crate::sensing::IR_SECTOR_HEIGHT_DEG.to_radians() / radar.field_height_rad()).min(1.0);
    SimDuration::from_nanos((scheduler.nominal_frame().as_nanos() as f64 * share) as i64)
}

/// An angle wrapped to `[−π, π)`.
fn wrap_pi(a: f64) -> f64 {
    (a + core::f64::consts::PI).rem_euclid(core::f64::consts::TAU) - core::f64::consts::PI
}

fn object_ref(o: &TruthObject) -> ObjectRef {
    ObjectRef {
        object_id: o.id.get(),
        object: o.name.clone(),
        object_kind: o.kind.name(),
    }
}

/// Builds and runs a whole scenario.
pub fn run(
    input: &Input,
    seed: u64,
    until: Option<SimTime>,
    rec: &mut dyn Recorder,
) -> Result<Summary, BuildError> {
    Ok(Simulation::new(input, seed, until)?.finish(rec))
}
