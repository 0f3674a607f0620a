//! The tracker layer: one node's multi-sensor multi-target tracker over its own sensors'
//! measurements.
//!
//! Stone Soup's roles, as Rust modules rather than classes:
//!
//! | role | module | what it does here |
//! |------|--------|-------------------|
//! | predictor / updater | [`crate::filter`] | `FilterState::{predict, innovation, update, update_pda}` |
//! | gater / hypothesizer | `gater` | coarse pre-gate on converted positions, then the χ² gate on the squared Mahalanobis distance |
//! | associator | `associator::{gnn, jpda}` | global nearest neighbour by optimal assignment, or JPDA |
//! | initiator | `initiator` | a tentative track from every measurement no track takes |
//! | deleter | `deleter`, `duplicates` | M-of-N confirmation, consecutive misses, coasting time, duplicates |
//! | — | `quality` | track quality 0–15 from the position covariance |
//! | — | `oosm` | out-of-sequence measurements by bounded per-track reprocessing |
//!
//! # One scan
//!
//! [`Tracker::process`] takes one sensor's scan; each measurement carries its own time (a
//! rotating radar's beam time). The tracker:
//!
//! 1. drops measurements older than the out-of-sequence window (counted,
//!    [`TrackerStats::n_oosm_dropped`]) and deletes tracks that coasted too long by the scan's
//!    earliest time (a stale track must not take a measurement);
//! 2. gates every track against every measurement that survives a conservative coarse test
//!    (gater docs), predicting the track to *that measurement's* time: `d² = νᵀS⁻¹ν ≤ gate_d2`;
//! 3. associates (below), updates, and counts a look and a hit or a miss per track;
//! 4. initiates tentative tracks from the measurements nobody took;
//! 5. confirms (M of N) and deletes (misses, coasting, duplicates).
//!
//! # Association
//!
//! Tracks and measurements are split into clusters (connected components of the gate graph)
//! first, so the cost of a scan grows with cluster sizes, not with tracks × measurements.
//! Association runs in two stages: the confirmed tracks (GNN or JPDA) first, then the
//! tentative tracks, by GNN, over the measurements the first stage left; whatever is left
//! then starts tracks (`associator::associate` says why two stages).
//!
//! **GNN**: the cost of assigning measurement *j* to track *i* is the negative
//! log-likelihood ratio against clutter, `−2 ln(P_D N(ν; 0, S) / λ) = d² + ln det(2πS) −
//! 2 ln(P_D/λ)` (the log-likelihood form: the `ln det S` term makes a loose track pay for
//! its looseness), and the cost of a miss is `−2 ln(1 − P_D)`. Pairs outside the gate are
//! forbidden. Each cluster is one rectangular assignment, solved optimally by
//! `assignment::solve_into` with one private miss column per track (so every row is
//! assignable and "maximum cardinality first" does not force bad pairs); clusters with one
//! track or one measurement are solved directly.
//!
//! **JPDA** (confirmed tracks): standard JPDA marginals (Bar-Shalom & Fortmann 1988; Fortmann,
//! Bar-Shalom & Scheffe 1983) with, per track, miss weight `1 − P_D P_G` and detection weight
//! `P_D N(ν; 0, S) / λ`, where `P_G` is the χ² gate probability. A cluster whose joint
//! events number at most [`MAX_JOINT_EVENTS`] is enumerated exactly; a larger one uses loopy
//! belief propagation over the track–measurement graph (Williams & Lau, "Approximate
//! evaluation of marginal association probabilities with belief propagation", IEEE TAES
//! 50(4), 2014). No "efficient hypothesis management" (described as patented). Each
//! track is updated with `FilterState::update_pda`, at the latest time among its gated
//! measurements (they share a beam position, so their times barely differ). A measurement in
//! a confirmed track's gate never starts a track. A JPDA update counts as a *hit* when the
//! track's detection probability `1 − β₀ ≥ 0.5`.
//!
//! # Track life
//!
//! * **Initiation**: position and its covariance from `MeasurementModel::to_position`,
//!   velocity and acceleration zero with `init_velocity_sigma_mps` / `init_accel_sigma_mps2`
//!   (see `initiator` for 2D models and variance floors). The initiating measurement is the
//!   first look and the first hit.
//! * **Looks, hits, misses**: every processed scan is a look for every live track that existed
//!   before it (unless the whole scan is older than the track, see OOSM); associated = hit,
//!   otherwise a miss. The tracker does not know sensor coverage, so a scan from a radar that
//!   cannot see the track still counts as a miss: configure `tentative_max_misses`/`confirm_n`
//!   for the number of sensors, or rely on the time rule.
//! * **Confirmation**: tentative → confirmed once it has `confirm_m` hits; deleted as soon as it
//!   can no longer reach `confirm_m` hits within `confirm_n` looks, or after
//!   `tentative_max_misses` consecutive misses. A live [`Cue`] (a launch report, [`Tracker::cue`])
//!   lowers the hits needed to its `confirm_m` for a tentative track moving like a missile flown
//!   from the reported launch point (`cue` module docs).
//! * **Deletion by time**: a track (tentative or confirmed) that has coasted `max_coast` since
//!   its last hit without being hit is deleted: after association at the scan's latest time,
//!   and by [`Tracker::advance`]; before association, at the scan's earliest time, a track
//!   already *past* `max_coast` is deleted so it cannot take a measurement. With `max_coast =
//!   n` scan periods this deletes at the `n`-th consecutive missed scan, as Stone Soup's
//!   `UpdateTimeStepsDeleter(n)` does.
//! * **Duplicates**: of two confirmed tracks whose positions and velocities agree within a χ²
//!   99 % test *and* whose last 8 hits each show one target's worth of batches hitting both
//!   with different detections (clearly fewer than two targets would: `duplicates`), the
//!   younger is deleted. Otherwise two tracks on one target keep each other alive by taking
//!   alternate sensors' or beams' detections; formation targets, which get a detection each
//!   from the same batch, stay apart.
//! * **Divergence**: an ECEF track (tentative or confirmed) whose velocity estimate is
//!   faster than Earth's escape speed ([`ESCAPE_SPEED_MPS`], 11.2 km/s) after a scan's
//!   updates is deleted ([`TrackerStats::n_implausible`]): nothing the engine models flies
//!   that fast, so the estimate has diverged (two plots of different objects differenced into a
//!   velocity, a long prediction updated by the wrong plot), and its large, ill-conditioned
//!   covariance would let it gate with, and drag, any track it is fused with.
//! * **Track numbers** are local, start at 1 and increase; a number is never reused.
//!
//! # Kinematic class and the surface
//!
//! A confirmed track whose posterior is ever above [`BALLISTIC_ALT_M`] or faster than
//! [`BALLISTIC_SPEED_MPS`], by [`CLASS_MARGIN_SIGMAS`] RMS radii of its own uncertainty, is
//! *ballistic* from then on ([`TrackReport::ballistic`]): no
//! aircraft or cruise missile flies there, and a re-entry vehicle slowed by drag near the
//! ground is still the ballistic object it was. The class is sticky so a track does not
//! change its nature (and its treatment below) as it descends. With a configured
//! [`Surface`] (`TrackerConfig::surface`, ECEF or flat frame):
//!
//! * every posterior of a track that is not ballistic, and every report of one predicted to a
//!   later time, is cut at the surface by density truncation ([`crate::surface`]): an
//!   air-breather's altitude estimate stays above the floor with its covariance shrunk only as
//!   much as the constraint informs it, never clamped;
//! * a ballistic track ends at predicted impact: once its prediction reaches the floor it is no
//!   longer reported ([`Tracker::tracks_at`]), cannot take a measurement, and is deleted
//!   ([`TrackerStats::n_impacted`]) by the next scan or [`Tracker::advance`].
//!
//! # Track quality (TQ)
//!
//! `quality::track_quality`: from the RMS position error `σ = √(trace P_pos)` over the
//! observed axes (x, y for 2D measurement models; x, y, z otherwise), one step per doubling:
//!
//! | TQ | σ up to | TQ | σ up to |
//! |---:|---:|---:|---:|
//! | 15 | 10 m | 7 | 2.56 km |
//! | 14 | 20 m | 6 | 5.12 km |
//! | 13 | 40 m | 5 | 10.24 km |
//! | 12 | 80 m | 4 | 20.48 km |
//! | 11 | 160 m | 3 | 40.96 km |
//! | 10 | 320 m | 2 | 81.92 km |
//! | 9 | 640 m | 1 | worse |
//! | 8 | 1.28 km | 0 | no quality (non-finite covariance) |
//!
//! Reports from [`Tracker::tracks_at`] use the covariance predicted to the report time, so a
//! coasting track's quality decays.
//!
//! # Out-of-sequence measurements
//!
//! Bounded reprocessing (PRIMER §3.5), per track (`oosm`): every track keeps the steps
//! (measurement or PDA weights, and the posterior) of the last `oosm_window`, measured back
//! from the newest measurement time seen, and at most [`MAX_HISTORY_STEPS`] of them. A
//! measurement older than a track's latest step (a late sensor, or a scan overlapping another
//! sensor's in time) is gated against the track's state reconstructed at its time (the
//! posterior of the step before it, predicted), associated together with the rest of its
//! scan, inserted into the history, and the later steps are re-run in time order with their
//! own measurements. This gives the same estimate as processing in time order whenever the
//! later associations stand: GNN steps, and JPDA steps of a track alone in its cluster (their
//! weights are recomputed from the new prior); a JPDA step shared with other tracks is re-run
//! with its stored weights. Measurements older than the window are dropped and counted
//! ([`TrackerStats::n_oosm_dropped`]). Not undone: deletions, confirmations and initiations
//! that already happened (a late measurement older than a track's birth may start a second
//! tentative track; the duplicate rule removes it if both confirm).
//!
//! # Determinism
//!
//! Tracks are iterated in track-number order, measurements in input order, ties broken by the
//! lower index; only ordered containers; no wall clock.

mod associator;
mod cue;
mod deleter;
mod duplicates;
mod gater;
mod initiator;
mod oosm;
mod quality;
mod track;

#[cfg(test)]
mod tests;

use crate::filter::{Estimate, FilterConfig, Measurement};
use base::{SensorId, SensorSet, SimDuration, SimTime};
use deleter::Coast;
use track::Track;

pub use crate::surface::Surface;
pub use associator::{MAX_JOINT_EVENTS, MAX_LBP_ITERATIONS};
pub use cue::{
    CUE_MAX_BOOST_S, CUE_MAX_PLANE_DEG, CUE_MAX_SPEED_MPS, CUE_MAX_TRACK_SPEED_MPS,
    CUE_MIN_SPEED_MPS, Cue,
};
pub use oosm::MAX_HISTORY_STEPS;
pub use quality::quality_from_sigma;

/// A track number local to one tracker (node). Never reused within a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TrackNumber(pub u32);

/// Where a track is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TrackStatus {
    /// Being initiated (not yet reported).
    Tentative,
    /// Confirmed and reported.
    Confirmed,
    /// Deleted (kept only in the deletion record).
    Deleted,
}

/// Association algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssociatorKind {
    /// Global nearest neighbour by optimal assignment of negative log-likelihood ratios.
    Gnn,
    /// Global nearest neighbour minimising the sum of Mahalanobis distances, a miss costing
    /// the gate distance √`gate_d2`: Stone Soup's `DistanceHypothesiser(Mahalanobis,
    /// missed_distance)` with `GNNWith2DAssignment`, for like-for-like comparisons.
    GnnMahalanobis,
    /// Joint probabilistic data association.
    Jpda,
}

/// Tracker configuration (the scenario or the CLI decides every value; no `Default`).
#[derive(Clone, Debug, PartialEq)]
pub struct TrackerConfig {
    /// Filter configuration of every track.
    pub filter: FilterConfig,
    /// Associator.
    pub associator: AssociatorKind,
    /// Gate: squared Mahalanobis threshold (e.g. chi-square quantile for the dimension).
    pub gate_d2: f64,
    /// Detection probability assumed by the likelihoods (GNN miss cost, JPDA weights).
    pub pd: f64,
    /// Clutter spatial density in measurement space (per unit measurement volume).
    pub clutter_density: f64,
    /// Initiation: confirm after `confirm_m` updates within the first `confirm_n` looks.
    pub confirm_m: u32,
    /// See `confirm_m`.
    pub confirm_n: u32,
    /// Prior velocity standard deviation of a new track, m/s.
    pub init_velocity_sigma_mps: f64,
    /// Prior acceleration standard deviation of a new track, m/s².
    pub init_accel_sigma_mps2: f64,
    /// Delete a tentative track after this many consecutive misses (0 acts as 1).
    pub tentative_max_misses: u32,
    /// Delete a track (tentative or confirmed) once it has coasted this long since its last
    /// hit (see the module docs for the exact instant).
    pub max_coast: SimDuration,
    /// Keep this much measurement history for out-of-sequence reprocessing.
    pub oosm_window: SimDuration,
    /// The surface nothing tracked goes below (module docs); `None`: unconstrained (e.g. flat
    /// 2D benchmark files, where z is not observed).
    pub surface: Option<Surface>,
}

/// Altitude above which a confirmed track is ballistic (no aircraft flies there), m.
pub const BALLISTIC_ALT_M: f64 = 25_000.0;
/// Earth's escape speed at the surface, m/s: no object the engine models is faster, so an
/// ECEF track whose velocity estimate exceeds it has diverged and is deleted (module docs).
pub const ESCAPE_SPEED_MPS: f64 = 11_200.0;
/// Speed above which a confirmed track is ballistic (no air-breathing threat is this fast),
/// m/s.
pub const BALLISTIC_SPEED_MPS: f64 = 1_200.0;
/// How far beyond [`BALLISTIC_ALT_M`] or [`BALLISTIC_SPEED_MPS`] a track's estimate must be,
/// in RMS radii (√trace of the position or velocity covariance block), to be classed
/// ballistic: two radii put the threshold more than 3σ away along any one axis.
pub const CLASS_MARGIN_SIGMAS: f64 = 2.0;

/// A track as reported outside the tracker.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackReport {
    /// Local track number.
    pub number: TrackNumber,
    /// Status.
    pub status: TrackStatus,
    /// Estimate at the report time.
    pub estimate: Estimate,
    /// Track quality 0–15 from the position covariance (table in the module docs).
    pub quality: u8,
    /// Last update time (last hit; see the module docs for JPDA).
    pub last_update: SimTime,
    /// Id of the measurement used in the last update (GNN) or the largest-β measurement of
    /// the last hit (JPDA); `None` once a later scan missed the track.
    pub last_measurement: Option<u64>,
    /// IMM mode probabilities (single model: `[1.0]`).
    pub mode_probabilities: Vec<f64>,
    /// Sensors (the `sensor` of [`Tracker::process_from`]) whose measurements have updated the
    /// track. Provenance for releasability markings.
    pub sources: SensorSet,
    /// Kinematic class: ballistic once ever seen too high or too fast for an air-breather
    /// (module docs); otherwise an air track.
    pub ballistic: bool,
    /// Measurement updates that counted as hits over the track's life.
    pub hits: u32,
}

/// Running counts (for logs and tests; nothing is dropped silently).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TrackerStats {
    /// Non-empty scans processed.
    pub n_scans: u64,
    /// Measurements received (including dropped ones).
    pub n_measurements: u64,
    /// Track–measurement pairs that passed the coarse pre-gate (innovations computed).
    pub n_innovations: u64,
    /// Pairs inside the χ² gate.
    pub n_gated: u64,
    /// Track updates that counted as hits.
    pub n_hits: u64,
    /// Tracks initiated.
    pub n_initiated: u64,
    /// Tracks confirmed.
    pub n_confirmed: u64,
    /// Tracks deleted (all causes).
    pub n_deleted: u64,
    /// Of those, confirmed tracks deleted as duplicates of an older track.
    pub n_duplicates: u64,
    /// Updates inserted before later steps of a track (out-of-sequence reprocessing).
    pub n_oosm_reprocessed: u64,
    /// Measurements dropped because they were older than the out-of-sequence window.
    pub n_oosm_dropped: u64,
    /// Candidate pairs not gated because the measurement is older than the track's kept
    /// history (a younger track, or history beyond `MAX_HISTORY_STEPS`).
    pub n_pairs_before_history: u64,
    /// JPDA clusters whose marginals were enumerated exactly.
    pub n_jpda_exact: u64,
    /// JPDA clusters too large to enumerate (loopy belief propagation instead).
    pub n_jpda_lbp: u64,
    /// Of the deleted tracks, ballistic tracks ended at predicted impact (module docs).
    pub n_impacted: u64,
    /// Of the confirmed tracks, those confirmed with a cue's lower hit count.
    pub n_cued_confirmed: u64,
    /// Of the deleted tracks, ECEF tracks whose velocity estimate exceeded
    /// [`ESCAPE_SPEED_MPS`] (diverged; module docs).
    pub n_implausible: u64,
}

/// A multi-target tracker for one node.
#[derive(Clone, Debug)]
pub struct Tracker {
    config: TrackerConfig,
    /// Live tracks in track-number order.
    tracks: Vec<Track>,
    /// The next track number to hand out (never rolled back).
    next_number: u32,
    /// Batches processed (numbers each batch for the duplicate rule).
    batches: u64,
    /// Newest measurement time processed: the out-of-sequence window ends here.
    newest: Option<SimTime>,
    stats: TrackerStats,
    /// Live launch cues.
    cues: Vec<Cue>,
    /// [`confirmed_at`](Self::confirmed_at) at the last time asked; cleared by every change.
    reports: base::Memo<SimTime, Vec<TrackReport>>,
}

impl Tracker {
    /// A tracker with no tracks.
    ///
    /// # Panics
    /// If the configuration breaks an invariant the scenario/CLI validation must already have
    /// enforced (`1 ≤ confirm_m ≤ confirm_n`, `0 < pd ≤ 1`, positive gate, non-negative
    /// clutter density, sigmas and durations).
    pub fn new(config: TrackerConfig) -> Self {
        check_config(&config);
        Tracker {
            config,
            tracks: Vec::new(),
            next_number: 1,
            batches: 0,
            newest: None,
            stats: TrackerStats::default(),
            cues: Vec::new(),
            reports: base::Memo::new(),
        }
    }
    /// Takes a launch cue: until it expires, tentative tracks that fit a flight from its
    /// launch point confirm with its `confirm_m` hits (module docs).
    pub fn cue(&mut self, cue: Cue) {
        self.reports.clear();
        self.cues.push(cue);
    }
    /// The configuration.
    pub fn config(&self) -> &TrackerConfig {
        &self.config
    }
    /// Running counts.
    pub fn stats(&self) -> TrackerStats {
        self.stats
    }
    /// Processes one scan's measurements from one sensor (each with its own time; possibly
    /// older than other sensors' already-processed data: out-of-sequence handling applies).
    /// An empty scan carries no time and changes nothing (use [`Tracker::advance`]).
    pub fn process(&mut self, scan: &[Measurement]) {
        self.process_from(SensorId::new(0), scan);
    }
    /// As [`process`](Self::process), naming the scan's sensor: a track counts looks (for
    /// M-of-N confirmation and tentative deletion) only from sensors that have hit it, so a
    /// nation's radars with disjoint coverage do not starve each other's new tracks.
    /// `process` is `process_from(SensorId::new(0), …)`: one sensor (or sensors treated as one).
    pub fn process_from(&mut self, sensor: SensorId, scan: &[Measurement]) {
        self.process_batch(sensor, scan, true);
    }
    /// As [`process_from`](Self::process_from) for a batch that did not look everywhere the
    /// sensor can see: a phased array's dedicated dwells (pencil beams at a few tracks) or a
    /// cued search sector. A track the batch updates counts a look and a hit; a track it
    /// misses counts nothing, since the sensor may never have pointed there (a full scan's
    /// miss is evidence against a track, a dwell elsewhere is not).
    pub fn process_dwells(&mut self, sensor: SensorId, scan: &[Measurement]) {
        self.process_batch(sensor, scan, false);
    }
    fn process_batch(&mut self, sensor: SensorId, scan: &[Measurement], full: bool) {
        self.reports.clear();
        self.stats.n_measurements += scan.len() as u64;
        let kept = oosm::within_window(&self.config, self.newest, scan, &mut self.stats);
        let (Some(t_min), Some(t_max)) = (
            kept.iter().map(|m| m.time).min(),
            kept.iter().map(|m| m.time).max(),
        ) else {
            return;
        };
        self.stats.n_scans += 1;
        self.batches += 1;
        self.newest = Some(self.newest.map_or(t_max, |n| n.max(t_max)));
        deleter::delete_coasted(
            &self.config,
            &mut self.tracks,
            t_min,
            Coast::Past,
            &mut self.stats,
        );
        deleter::delete_impacted(&self.config, &mut self.tracks, t_min, &mut self.stats);
        let gating = gater::gate(&self.config, &self.tracks, &kept, &mut self.stats);
        let association =
            associator::associate(&self.config, &self.tracks, &kept, &gating, &mut self.stats);
        let (outcomes, taken) = (association.outcomes, association.taken);
        let info = oosm::ScanInfo {
            sensor,
            batch: self.batches,
            t_max,
            full,
        };
        oosm::apply(
            &self.config,
            info,
            &mut self.tracks,
            &kept,
            gating,
            &outcomes,
            &mut self.stats,
        );
        initiator::initiate(
            &self.config,
            info,
            &mut self.tracks,
            &kept,
            &taken,
            &mut self.next_number,
            &mut self.stats,
        );
        self.cues.retain(|c| c.until >= t_max);
        deleter::confirm_and_delete(
            &self.config,
            &self.cues,
            &mut self.tracks,
            t_max,
            &mut self.stats,
        );
        deleter::delete_implausible(&self.config, &mut self.tracks, &mut self.stats);
        for track in &mut self.tracks {
            track.classify(&self.config);
        }
        duplicates::delete_duplicates(&self.config, &mut self.tracks, &mut self.stats);
        if let Some(newest) = self.newest {
            oosm::prune(&self.config, &mut self.tracks, newest);
        }
    }
    /// Advances bookkeeping (deletion of tracks that have coasted `max_coast` by `now`) to `now`
    /// without measurements.
    pub fn advance(&mut self, now: SimTime) {
        self.reports.clear();
        deleter::delete_coasted(
            &self.config,
            &mut self.tracks,
            now,
            Coast::Reached,
            &mut self.stats,
        );
        deleter::delete_impacted(&self.config, &mut self.tracks, now, &mut self.stats);
    }
    /// Every live track (tentative and confirmed), predicted to `t`, in track-number order. A
    /// track whose latest step is at or after `t` is reported at its own time (no backward
    /// prediction; `estimate.time` says which). A ballistic track whose prediction has reached
    /// the surface by `t` has ended (module docs) and is left out.
    pub fn tracks_at(&self, t: SimTime) -> Vec<TrackReport> {
        self.tracks
            .iter()
            .filter_map(|track| track.report(&self.config, Some(t)))
            .collect()
    }
    /// The confirmed tracks of [`tracks_at`](Self::tracks_at) (tentative tracks are not
    /// predicted). Remembered for the last `t` asked until the tracker changes: a node reads
    /// its confirmed tracks several times in one instant.
    pub fn confirmed_at(&self, t: SimTime) -> Vec<TrackReport> {
        self.reports.get_or(t, || {
            self.tracks
                .iter()
                .filter(|track| track.status == TrackStatus::Confirmed)
                .filter_map(|track| track.report(&self.config, Some(t)))
                .collect()
        })
    }
    /// Confirmed tracks only, as of their last update (no prediction), in track-number order.
    pub fn confirmed(&self) -> Vec<TrackReport> {
        self.tracks
            .iter()
            .filter(|track| track.status == TrackStatus::Confirmed)
            .filter_map(|track| track.report(&self.config, None))
            .collect()
    }
    /// Every live track as of its latest update (no prediction), in track-number order.
    pub fn latest(&self) -> Vec<TrackReport> {
        self.tracks
            .iter()
            .filter_map(|track| track.report(&self.config, None))
            .collect()
    }
}

/// Asserts what a validated configuration guarantees (STYLE §6: broken invariants stop).
fn check_config(c: &TrackerConfig) {
    assert!(
        c.gate_d2 > 0.0 && c.gate_d2.is_finite(),
        "tracker gate_d2 {} must be positive",
        c.gate_d2
    );
    assert!(
        c.pd > 0.0 && c.pd <= 1.0,
        "tracker pd {} outside (0, 1]",
        c.pd
    );
    assert!(
        c.clutter_density >= 0.0 && c.clutter_density.is_finite(),
        "tracker clutter_density {} must be finite and non-negative",
        c.clutter_density
    );
    assert!(
        1 <= c.confirm_m && c.confirm_m <= c.confirm_n,
        "tracker needs 1 <= confirm_m ({}) <= confirm_n ({})",
        c.confirm_m,
        c.confirm_n
    );
    assert!(
        c.init_velocity_sigma_mps >= 0.0 && c.init_accel_sigma_mps2 >= 0.0,
        "tracker initial sigmas must be non-negative"
    );
    assert!(
        c.max_coast >= SimDuration::ZERO && c.oosm_window >= SimDuration::ZERO,
        "tracker max_coast and oosm_window must be non-negative"
    );
    assert!(
        c.surface.is_none_or(|s| s.floor_alt_m.is_finite()),
        "tracker surface floor must be finite"
    );
}
