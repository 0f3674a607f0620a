//! C2 nodes as network participants. Every `[[node]]` of the scenario is one: it may run a
//! local (first-hand) tracker on the radars that report to it, and it holds a picture — its
//! local tracks when nothing is shared, the common picture (fusion of its own and received
//! track reports) under track sharing, or one composite tracker on its own and received plots
//! under measurement sharing. Everything it learns arrives through `sim::net`; scoring against
//! truth happens here, at truth-sample instants, and never feeds back.
//!
//! A radar's detections are buffered as they are delivered and handed to the tracker as one
//! batch when the scan completes (at the sensor's next scan start): association is per scan,
//! as in a real plot-to-track processor, so a track is at most one revisit period stale.
//! Space-based IR reports are not tracked: they cue (the `cue` event) — angles-only
//! triangulation from one geostationary sensor is unobservable; see the tracking crate docs.

mod evidence;
mod held;
mod identity;
mod score;

pub(crate) use evidence::Evidence;
pub(crate) use held::HeldTrack;
pub(crate) use identity::Identities;
pub(crate) use score::{AirTruth, GOSPA_C_M, Held, Scorer, distance, extra_associations};

use crate::input::{FusionRule, Input, NodeRole, Sharing};
use crate::log::TrackRow;
use crate::summary::NodeSummary;
use crate::world::World;
use base::{NationId, NationIndex, NationSet, NodeId, ObjectId, SimDuration, SimTime};
use geodesy::Position;
use metrics::Gospa;
use picture::DetectionId;
use std::collections::BTreeMap;
use tracking::filter::{FilterConfig, FilterKind, Frame, MotionConfig, MotionModel};
use tracking::tracker::{AssociatorKind, TrackReport, Tracker, TrackerConfig};

/// The tracker's measurement id of a detection: sensor index in the top 24 bits, the sensor's
/// report number below (2^40 reports per sensor is far beyond any run).
pub(crate) fn measurement_id(id: DetectionId) -> u64 {
    (u64::from(id.sensor().get()) << 40) | (id.seq() & ((1 << 40) - 1))
}

/// One C2 node's tracking and picture state.
#[derive(Debug)]
pub(crate) struct NodeRuntime {
    pub(crate) id: NodeId,
    pub(crate) name: String,
    pub(crate) nation: NationId,
    pub(crate) nation_index: NationIndex,
    pub(crate) role: NodeRole,
    /// What this node may send to whom (its own marking).
    pub(crate) release_to: NationSet,
    /// First-hand tracker (its own radars), or the composite tracker under measurement
    /// sharing; `None` for a node with no radars when it tracks nothing itself.
    pub(crate) tracker: Option<Tracker>,
    /// The common picture under track sharing.
    pub(crate) picture: Option<fusion::CommonPicture>,
    pub(crate) scans_processed: u64,
    /// Score of the first-hand tracks (track sharing only; otherwise the picture is them).
    local_score: Option<Scorer>,
    /// Score of the node's picture; `None` for a node that holds no picture.
    pub(crate) picture_score: Option<Scorer>,
    /// First detection of each object by this node's own sensors (latency reference).
    pub(crate) first_detection: BTreeMap<ObjectId, SimTime>,
    pub(crate) evidence: Evidence,
    /// What received track reports said (IFF, kind), by network track number.
    pub(crate) remote: held::Remote,
    /// Identification thresholds (the ghost-track guard's history test runs here).
    pub(crate) id_rules: c2::identify::IdRules,
    /// Identities it declared or received over the link (track sharing).
    pub(crate) identities: Identities,
}

impl NodeRuntime {
    pub(crate) fn new(input: &Input, id: NodeId, picture: Option<fusion::CommonPicture>) -> Self {
        let spec = &input.nodes[id.index()];
        let has_radars = input
            .sensors
            .iter()
            .any(|s| s.node == id && matches!(s.params, sensors::SensorParams::Radar(_)));
        let sharing = input.network.sharing;
        let tracks = has_radars || sharing == Sharing::Measurement;
        let nation_index = input
            .nations
            .iter()
            .position(|n| n.id == spec.nation)
            .and_then(NationIndex::new)
            .expect("the scenario validates node nations against a roster of at most 8");
        NodeRuntime {
            id,
            name: spec.name.clone(),
            nation: spec.nation,
            nation_index,
            role: spec.role,
            release_to: spec.release_to,
            tracker: tracks.then(|| Tracker::new(engine_tracker_config())),
            local_score: (sharing == Sharing::Track && has_radars)
                .then(|| Scorer::new(input.truth_sample_period)),
            picture_score: (tracks || picture.is_some())
                .then(|| Scorer::new(input.truth_sample_period)),
            picture,
            scans_processed: 0,
            first_detection: BTreeMap::new(),
            evidence: Evidence::default(),
            remote: held::Remote::new(),
            id_rules: input.identification.clone(),
            identities: Identities::default(),
        }
    }

    /// Hands one sensor's scan (or a batch of received plots) to the tracker, advances it to
    /// `now` and folds the tracks' new updates into the evidence.
    pub(crate) fn process_scan(
        &mut self,
        now: SimTime,
        sensor: base::SensorId,
        scan: &[tracking::filter::Measurement],
        dwells: bool,
    ) {
        let Some(tracker) = self.tracker.as_mut() else {
            return;
        };
        if dwells {
            tracker.process_dwells(sensor, scan);
        } else {
            tracker.process_from(sensor, scan);
        }
        tracker.advance(now);
        self.scans_processed += 1;
        self.evidence.update(now, &tracker.latest());
    }

    /// Confirmed local tracks predicted to `now`.
    pub(crate) fn local_tracks(&self, now: SimTime) -> Vec<TrackReport> {
        self.tracker
            .as_ref()
            .map_or_else(Vec::new, |t| t.confirmed_at(now))
    }

    /// Records and scores this node's tracks at `now`. Returns the picture's held tracks and
    /// their GOSPA against `air` (for network-wide measures), if the node holds a picture.
    /// `identity`: the identity this node declared for a picture track number, if it declares.
    pub(crate) fn sample(
        &mut self,
        now: SimTime,
        air: &AirTruth,
        rows: &mut Vec<TrackRow>,
        identity: Option<&dyn Fn(u64) -> c2::identify::Identity>,
    ) -> Option<(Held, Gospa)> {
        let local = self.local_tracks(now);
        let local_rows: Vec<TrackRow> = local
            .iter()
            .map(|r| local_row(now, &self.name, r))
            .collect();
        let held_local = held_of(&local_rows);
        if let Some(score) = &mut self.local_score {
            score.sample(now, air, &held_local, None);
            rows.extend(local_rows.iter().cloned().map(|mut r| {
                r.layer = "local";
                r
            }));
        }
        let (held, picture_rows) = match &self.picture {
            Some(p) => {
                let rows: Vec<TrackRow> = p
                    .system_tracks(now)
                    .iter()
                    .map(|t| common_row(now, &self.name, t))
                    .collect();
                (held_of(&rows), rows)
            }
            None => (held_local, local_rows),
        };
        let score = self.picture_score.as_mut()?;
        let g = score.sample(now, air, &held, identity);
        rows.extend(picture_rows);
        Some((held, g))
    }

    /// When this node's picture first held `object`.
    pub(crate) fn first_held(&self, object: ObjectId) -> Option<SimTime> {
        self.picture_score.as_ref()?.first_held(object)
    }

    pub(crate) fn summary(
        &self,
        world: &World,
        any_first_detection: &BTreeMap<ObjectId, SimTime>,
        network: crate::net::NodeNetwork,
    ) -> NodeSummary {
        let stats = self.tracker.as_ref().map(Tracker::stats);
        NodeSummary {
            node: self.name.clone(),
            nation: self.nation.to_string(),
            role: self.role.as_str(),
            scans_processed: self.scans_processed,
            tracks_initiated: stats.map_or(0, |s| s.n_initiated),
            oosm_reprocessed: stats.map_or(0, |s| s.n_oosm_reprocessed),
            oosm_dropped: stats.map_or(0, |s| s.n_oosm_dropped),
            cued_confirmations: stats.map_or(0, |s| s.n_cued_confirmed),
            tracks_implausible: stats.map_or(0, |s| s.n_implausible),
            local: self
                .local_score
                .as_ref()
                .map(|s| s.summary(world, &self.first_detection)),
            picture: self
                .picture_score
                .as_ref()
                .map(|s| s.summary(world, any_first_detection)),
            picture_stats: self.picture.as_ref().map(|p| p.stats().into()),
            network,
            gospa_series: self
                .picture_score
                .as_ref()
                .map(|s| s.series().to_vec())
                .unwrap_or_default(),
            siap: self.picture_score.as_ref().map(Scorer::siap),
        }
    }
}

/// The common picture node `i` holds under track sharing: network track numbers from a
/// per-node block of [`TN_BLOCK`], fusion as the scenario says.
pub(crate) fn picture_for(input: &Input, i: usize) -> Option<fusion::CommonPicture> {
    let net = &input.network;
    if net.sharing != Sharing::Track {
        return None;
    }
    let first = 1 + TN_BLOCK * u32::try_from(i).expect("fewer than 254 nodes");
    let block = fusion::TnBlock::new(first, TN_BLOCK).expect("blocks of 254 nodes fit in 24 bits");
    let config = fusion::PictureConfig {
        rule: match net.fusion {
            FusionRule::CovarianceIntersection => fusion::FusionRule::CovarianceIntersection,
            FusionRule::Naive => fusion::FusionRule::Naive,
            FusionRule::BarShalomCampo { correlation } => {
                fusion::FusionRule::BarShalomCampo { correlation }
            }
        },
        // χ²(6) 99.9 %: position and velocity.
        gate_d2: 22.46,
        merge_d2: 22.46,
        merge_checks: 3,
        // Far outside the association gate for several frames before splitting.
        decorrelate_d2: 60.0,
        decorrelate_checks: 3,
        remote_timeout: SimDuration::from_nanos(
            net.heartbeat.as_nanos() * i64::from(net.takeover_heartbeats + 1),
        ),
        drift_m: net.report_drift_m,
        refresh: Some(net.refresh),
        r2: fusion::R2Config {
            margin: net.r2_margin,
            heartbeat: net.heartbeat,
            takeover_heartbeats: net.takeover_heartbeats,
        },
        q_m2_s3: 25.0,
        dims: fusion::GateDims::PositionVelocity,
        surface: Some(tracking::tracker::Surface::ELLIPSOID),
    };
    Some(fusion::CommonPicture::new(
        u8::try_from(i).expect("fewer than 254 nodes"),
        block,
        config,
    ))
}

/// Network track numbers per node block (256 blocks stay below the 24-bit wire limit and
/// below the numbers an intruder forges from).
pub(crate) const TN_BLOCK: u32 = 4096;

fn held_of(rows: &[TrackRow]) -> Held {
    Held {
        ids: rows.iter().map(|r| u64::from(r.track)).collect(),
        positions: rows.iter().map(|r| [r.x_m, r.y_m, r.z_m]).collect(),
    }
}

fn local_row(now: SimTime, node: &str, r: &TrackReport) -> TrackRow {
    let x = &r.estimate.x;
    let pos_var = r.estimate.p[(0, 0)] + r.estimate.p[(1, 1)] + r.estimate.p[(2, 2)];
    TrackRow {
        layer: "picture",
        last_update_s: r.last_update.as_secs_f64(),
        mode_probabilities: r
            .mode_probabilities
            .iter()
            .map(|m| format!("{m:.3}"))
            .collect::<Vec<_>>()
            .join(" "),
        ..row(
            now,
            node,
            r.number.0,
            r.quality,
            [x[0], x[1], x[2], x[3], x[4], x[5]],
            pos_var,
        )
    }
}

fn common_row(now: SimTime, node: &str, t: &fusion::SystemTrack) -> TrackRow {
    let x = &t.state.x;
    let p = &t.state.p;
    let pos_var = p[(0, 0)] + p[(1, 1)] + p[(2, 2)];
    TrackRow {
        layer: "picture",
        last_update_s: t.last_update.as_secs_f64(),
        ..row(
            now,
            node,
            t.tn.get(),
            tracking::tracker::quality_from_sigma(pos_var.max(0.0).sqrt()),
            [x[0], x[1], x[2], x[3], x[4], x[5]],
            pos_var,
        )
    }
}

fn row(now: SimTime, node: &str, track: u32, quality: u8, x: [f64; 6], pos_var: f64) -> TrackRow {
    let lla = Position::ecef(x[0], x[1], x[2]).to_wgs84();
    TrackRow {
        t_s: now.as_secs_f64(),
        node: node.to_owned(),
        layer: "picture",
        track,
        quality,
        lat_deg: lla.lat_deg(),
        lon_deg: lla.lon_deg(),
        alt_m: lla.alt_m(),
        x_m: x[0],
        y_m: x[1],
        z_m: x[2],
        vx_mps: x[3],
        vy_mps: x[4],
        vz_mps: x[5],
        sigma_pos_m: pos_var.max(0.0).sqrt(),
        last_update_s: now.as_secs_f64(),
        mode_probabilities: String::new(),
    }
}

/// The engine's tracker configuration (notional; a scenario key set comes with the network
/// work). An IMM of nearly-constant velocity (aircraft, cruise missiles, boosting missiles
/// between scans) and ballistic coast (gravity) covers the scenario's targets.
pub(crate) fn engine_tracker_config() -> TrackerConfig {
    TrackerConfig {
        filter: FilterConfig {
            frame: Frame::Ecef,
            kind: FilterKind::Ekf,
            motion: MotionConfig::Imm {
                models: vec![
                    MotionModel::ConstantVelocity {
                        q_m2_s3: 25.0,
                        q_vertical_m2_s3: 25.0,
                    },
                    MotionModel::Ballistic { q_m2_s3: 1.0 },
                ],
                transition: vec![vec![0.95, 0.05], vec![0.05, 0.95]],
                initial: vec![0.5, 0.5],
            },
        },
        associator: AssociatorKind::Gnn,
        // χ²(3 dof) 99.9 % quantile: radar plots are range/azimuth/elevation.
        gate_d2: 16.27,
        pd: 0.8,
        clutter_density: 1e-9,
        // Looks count only from radars that have hit the track (`process_from`), so M-of-N
        // works per covering radar even when a nation's radars see different areas.
        confirm_m: 3,
        confirm_n: 5,
        init_velocity_sigma_mps: 3000.0,
        init_accel_sigma_mps2: 10.0,
        tentative_max_misses: 3,
        max_coast: SimDuration::from_secs(40),
        oosm_window: SimDuration::from_secs(30),
        // Nothing flies underground; ballistic tracks end at predicted impact.
        surface: Some(tracking::tracker::Surface::ELLIPSOID),
    }
}

/// The truth object behind `track` of `node`'s picture at `now` (a scoring join: the object
/// with a signature nearest the track's estimate, within the picture-scoring cut-off). Used by
/// the kill-chain timelines and to judge wrong-object intercepts; never read by the command.
pub(crate) fn object_behind(
    now: SimTime,
    node: NodeId,
    track: u32,
    world: &World,
    nodes: &[NodeRuntime],
) -> Option<ObjectId> {
    let node = &nodes[node.index()];
    let at = match &node.picture {
        Some(p) => p
            .system_tracks(now)
            .into_iter()
            .find(|s| s.tn.get() == track)
            .map(|s| [s.state.x[0], s.state.x[1], s.state.x[2]]),
        None => node
            .local_tracks(now)
            .into_iter()
            .find(|r| r.number.0 == track)
            .map(|r| [r.estimate.x[0], r.estimate.x[1], r.estimate.x[2]]),
    }?;
    world
        .objects
        .iter()
        .filter(|o| o.signature.is_some())
        .filter_map(|o| {
            let p = o.trajectory.state_at(now)?.position.xyz_m();
            Some((o, distance(&[p.x, p.y, p.z], &at)))
        })
        .filter(|(_, d)| *d < GOSPA_C_M)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(o, _)| o.id)
}
