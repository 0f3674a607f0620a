//! The tracker layer: gating, association, initiation, deletion, track quality, numbering,
//! out-of-sequence handling. (Interface stubs: implemented by the tracker work.)

use crate::filter::{Estimate, FilterConfig, Measurement};
use base::{SimDuration, SimTime};

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
    /// Global nearest neighbour by optimal assignment.
    Gnn,
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
    /// Detection probability assumed by the likelihoods (JPDA, track scores).
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
    /// Delete a tentative track after this many consecutive misses.
    pub tentative_max_misses: u32,
    /// Delete a confirmed track after this long without an update.
    pub max_coast: SimDuration,
    /// Keep this much measurement history for out-of-sequence reprocessing.
    pub oosm_window: SimDuration,
}

/// A track as reported outside the tracker.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackReport {
    /// Local track number.
    pub number: TrackNumber,
    /// Status.
    pub status: TrackStatus,
    /// Estimate at the report time.
    pub estimate: Estimate,
    /// Track quality 0–15 from the position covariance (documented scale).
    pub quality: u8,
    /// Last update time.
    pub last_update: SimTime,
    /// Id of the measurement used in the last update, if the last step was an update.
    pub last_measurement: Option<u64>,
    /// IMM mode probabilities (single model: `[1.0]`).
    pub mode_probabilities: Vec<f64>,
}

/// A multi-target tracker for one node.
#[derive(Debug)]
pub struct Tracker {
    config: TrackerConfig,
}

impl Tracker {
    /// A tracker with no tracks.
    pub fn new(config: TrackerConfig) -> Self {
        Tracker { config }
    }
    /// The configuration.
    pub fn config(&self) -> &TrackerConfig {
        &self.config
    }
    /// Processes one scan's measurements from one sensor (each with its own time; possibly
    /// older than other sensors' already-processed data: out-of-sequence handling applies).
    pub fn process(&mut self, _scan: &[Measurement]) {
        unimplemented!("tracker work")
    }
    /// Advances bookkeeping (deletion of stale tracks) to `now` without measurements.
    pub fn advance(&mut self, _now: SimTime) {
        unimplemented!("tracker work")
    }
    /// Every live track (tentative and confirmed), predicted to `t`, in track-number order.
    pub fn tracks_at(&self, _t: SimTime) -> Vec<TrackReport> {
        unimplemented!("tracker work")
    }
    /// Confirmed tracks only, as of their last update (no prediction), in track-number order.
    pub fn confirmed(&self) -> Vec<TrackReport> {
        unimplemented!("tracker work")
    }
}
