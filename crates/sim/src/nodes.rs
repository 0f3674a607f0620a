//! National tracking nodes: one multi-sensor tracker per nation, fed by that nation's radars
//! scan by scan, scored against truth at every truth-sample instant.
//!
//! A radar's detections are buffered as they are delivered and handed to the tracker as one
//! batch when the scan completes (at the sensor's next scan start): association is per scan,
//! as in a real plot-to-track processor, so a track is at most one revisit period stale.
//! Radar detections become tracker measurements through `tracking::filter::from_radar_detection`.
//! Space-based IR reports are not tracked: they cue (the `cue` event) — angles-only
//! triangulation from one geostationary sensor is unobservable; see the tracking crate docs.

use crate::log::TrackRow;
use crate::summary::NodeSummary;
use crate::world::World;
use base::{NationId, ObjectId, SimDuration, SimTime};
use geodesy::Position;
use metrics::ContinuityCounter;
use picture::DetectionId;
use std::collections::{BTreeMap, BTreeSet};
use tracking::filter::{FilterConfig, FilterKind, Frame, MotionConfig, MotionModel};
use tracking::tracker::{AssociatorKind, TrackNumber, TrackStatus, Tracker, TrackerConfig};

/// GOSPA cut-off for scoring node pictures, metres: a track farther than this from every
/// truth counts as false (and the truth as missed). Wide enough for ballistic tracks fed by
/// 10 s rotators, tight enough that a track on the wrong object never scores as localised.
pub(crate) const GOSPA_C_M: f64 = 5_000.0;
/// GOSPA order (1: errors add linearly, as in the Stone Soup benchmark).
pub(crate) const GOSPA_P: f64 = 1.0;

/// The tracker's measurement id of a detection: sensor index in the top 24 bits, the sensor's
/// report number below (2^40 reports per sensor is far beyond any run).
pub(crate) fn measurement_id(id: DetectionId) -> u64 {
    (u64::from(id.sensor().get()) << 40) | (id.seq() & ((1 << 40) - 1))
}

/// Every air object alive at one instant (what node pictures are scored against), gathered
/// once per sample for all nodes.
#[derive(Debug, Default)]
pub(crate) struct AirTruth {
    /// ECEF positions, m.
    pub(crate) positions: Vec<[f64; 3]>,
    /// Object ids, same order.
    pub(crate) ids: Vec<u64>,
}

impl AirTruth {
    pub(crate) fn at(now: SimTime, world: &World) -> Self {
        let mut air = AirTruth::default();
        for o in world.objects.iter().filter(|o| o.signature.is_some()) {
            if let Some(s) = o.trajectory.state_at(now) {
                let v = s.position.xyz_m();
                air.positions.push([v.x, v.y, v.z]);
                air.ids.push(u64::from(o.id.get()));
            }
        }
        air
    }
}

/// One nation's tracking node and its scoring accumulators.
#[derive(Debug)]
pub(crate) struct NodeRuntime {
    pub(crate) nation: NationId,
    pub(crate) tracker: Tracker,
    pub(crate) scans_processed: u64,
    continuity: ContinuityCounter,
    confirmed: BTreeSet<TrackNumber>,
    gospa_sums: [f64; 4],
    n_samples: u64,
    /// First detection of each object by this nation's sensors (scoring join).
    pub(crate) first_detection: BTreeMap<ObjectId, SimTime>,
    /// First time a confirmed track of this node was assigned to each object.
    first_track: BTreeMap<ObjectId, SimTime>,
}

impl NodeRuntime {
    pub(crate) fn new(nation: NationId) -> Self {
        NodeRuntime {
            nation,
            tracker: Tracker::new(engine_tracker_config(nation)),
            scans_processed: 0,
            continuity: ContinuityCounter::new(),
            confirmed: BTreeSet::new(),
            gospa_sums: [0.0; 4],
            n_samples: 0,
            first_detection: BTreeMap::new(),
            first_track: BTreeMap::new(),
        }
    }

    /// Records this node's confirmed tracks at `now` and scores them against every air object
    /// alive then (the whole theatre: what a node cannot see counts as missed).
    pub(crate) fn sample(&mut self, now: SimTime, air: &AirTruth, rows: &mut Vec<TrackRow>) {
        let reports: Vec<_> = self
            .tracker
            .tracks_at(now)
            .into_iter()
            .filter(|r| r.status == TrackStatus::Confirmed)
            .collect();
        let mut track_positions = Vec::with_capacity(reports.len());
        let mut track_ids = Vec::with_capacity(reports.len());
        for r in &reports {
            self.confirmed.insert(r.number);
            let x = &r.estimate.x;
            let p = Position::ecef(x[0], x[1], x[2]);
            let lla = p.to_wgs84();
            let pos_var = r.estimate.p[(0, 0)] + r.estimate.p[(1, 1)] + r.estimate.p[(2, 2)];
            rows.push(TrackRow {
                t_s: now.as_secs_f64(),
                node: self.nation.to_string(),
                track: r.number.0,
                quality: r.quality,
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
                last_update_s: r.last_update.as_secs_f64(),
                mode_probabilities: r
                    .mode_probabilities
                    .iter()
                    .map(|m| format!("{m:.3}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            });
            track_positions.push([x[0], x[1], x[2]]);
            track_ids.push(u64::from(r.number.0));
        }
        let g = metrics::gospa(&air.positions, &track_positions, GOSPA_C_M, GOSPA_P);
        self.continuity.record_gospa(&air.ids, &track_ids, &g);
        for (j, assigned) in g.assignment.iter().enumerate() {
            if assigned.is_some() {
                let object = ObjectId::new(air.ids[j] as usize);
                self.first_track.entry(object).or_insert(now);
            }
        }
        let half = GOSPA_C_M.powf(GOSPA_P) / 2.0;
        for (sum, v) in self.gospa_sums.iter_mut().zip([
            g.total,
            g.localisation,
            g.missed / half,
            g.false_tracks / half,
        ]) {
            *sum += v;
        }
        self.n_samples += 1;
    }

    pub(crate) fn summary(&self, world: &World) -> NodeSummary {
        let n = self.n_samples.max(1) as f64;
        let stats = self.tracker.stats();
        let latencies: Vec<f64> = self
            .first_track
            .iter()
            .filter(|(o, _)| world.objects[o.index()].kind.is_threat())
            .filter_map(|(o, t)| self.first_detection.get(o).map(|d| (*t - *d).as_secs_f64()))
            .collect();
        let c = self.continuity.summary();
        NodeSummary {
            nation: self.nation.to_string(),
            scans_processed: self.scans_processed,
            tracks_confirmed: self.confirmed.len() as u64,
            tracks_initiated: stats.n_initiated,
            gospa_mean: self.gospa_sums[0] / n,
            gospa_localisation_mean: self.gospa_sums[1] / n,
            gospa_missed_mean: self.gospa_sums[2] / n,
            gospa_false_mean: self.gospa_sums[3] / n,
            threats_tracked: latencies.len() as u64,
            mean_track_latency_s: (!latencies.is_empty())
                .then(|| latencies.iter().sum::<f64>() / latencies.len() as f64),
            track_breaks: c.sum.breaks,
            track_id_changes: c.sum.id_changes,
            oosm_reprocessed: stats.n_oosm_reprocessed,
            oosm_dropped: stats.n_oosm_dropped,
        }
    }
}

/// The engine's tracker configuration (notional; a scenario key set comes with the network
/// work). An IMM of nearly-constant velocity (aircraft, cruise missiles, boosting missiles
/// between scans) and ballistic coast (gravity) covers the scenario's targets.
pub(crate) fn engine_tracker_config(nation: NationId) -> TrackerConfig {
    let _ = nation;
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
    }
}
