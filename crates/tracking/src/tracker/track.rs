//! One track's state: its bounded step history (for out-of-sequence reprocessing), counters
//! and reporting.

use super::quality::track_quality;
use super::{BALLISTIC_ALT_M, BALLISTIC_SPEED_MPS, CLASS_MARGIN_SIGMAS};
use super::{TrackNumber, TrackReport, TrackStatus, TrackerConfig};
use crate::filter::{FilterState, Measurement};
use base::{SensorSet, SimTime};
use geodesy::Vec3;
use std::collections::VecDeque;

/// What a step fed the filter.
#[derive(Clone, Debug)]
pub(super) enum StepInput {
    /// A single-measurement update (GNN).
    Update(Measurement),
    /// A PDA update with its association weights and miss weight (JPDA).
    Pda {
        /// `(β_j, measurement_j)`.
        weighted: Vec<(f64, Measurement)>,
        /// Probability that none of them is the target's.
        beta0: f64,
        /// The track was alone in its JPDA cluster: a re-run recomputes the weights from the
        /// new prior (exact); otherwise a re-run keeps them (the other tracks' hypotheses are
        /// not re-run).
        recompute: bool,
    },
}

/// One filter update of a track and its result.
#[derive(Clone, Debug)]
pub(super) struct Step {
    /// Time of the update (the posterior's time).
    pub(super) time: SimTime,
    /// What was fed to the filter (kept so later steps can be re-run).
    pub(super) input: StepInput,
    /// The filter state after the update.
    pub(super) posterior: FilterState,
    /// The posterior's kinematics and sigmas (cached for the coarse gate).
    pub(super) summary: Summary,
}

/// What the coarse gate needs of a filter state, computed once per state.
#[derive(Clone, Copy, Debug)]
pub(super) struct Summary {
    pub(super) pos: Vec3,
    pub(super) vel: Vec3,
    /// |acceleration|, m/s².
    pub(super) acc_mps2: f64,
    /// √trace of the position, velocity and acceleration covariance blocks.
    pub(super) sigma_pos_m: f64,
    pub(super) sigma_vel_mps: f64,
    pub(super) sigma_acc_mps2: f64,
}

impl Summary {
    pub(super) fn of(state: &FilterState) -> Summary {
        let e = state.estimate();
        let block = |i: usize| e.p.fixed_view::<3, 3>(i, i).trace().max(0.0).sqrt();
        Summary {
            pos: Vec3::new(e.x[0], e.x[1], e.x[2]),
            vel: Vec3::new(e.x[3], e.x[4], e.x[5]),
            acc_mps2: Vec3::new(e.x[6], e.x[7], e.x[8]).norm(),
            sigma_pos_m: block(0),
            sigma_vel_mps: block(3),
            sigma_acc_mps2: block(6),
        }
    }
}

/// A live track.
#[derive(Clone, Debug)]
pub(super) struct Track {
    pub(super) number: TrackNumber,
    pub(super) status: TrackStatus,
    /// 2 when the initiating sensor measures only x, y (flat 2D models), else 3.
    pub(super) observed_dims: u8,
    /// The state before the oldest kept step (the initial state, until pruning folds steps
    /// into it), its time, and its summary.
    pub(super) base: FilterState,
    pub(super) base_time: SimTime,
    pub(super) base_summary: Summary,
    /// Updates within the out-of-sequence window, in time order.
    pub(super) history: VecDeque<Step>,
    /// Time of the last hit.
    pub(super) last_hit: SimTime,
    /// See `TrackReport::last_measurement`.
    pub(super) last_measurement: Option<u64>,
    /// The last hits (batch, detection): evidence for the duplicate rule.
    pub(super) hit_log: super::duplicates::HitLog,
    /// Looks and hits (M-of-N confirmation) and consecutive misses (tentative deletion).
    pub(super) looks: u32,
    pub(super) hits: u32,
    pub(super) consecutive_misses: u32,
    /// Sensors that have hit this track: only their scans count as looks,
    /// because a scan from a radar that has never seen the track says nothing about it
    /// (a coverage proxy; the tracker does not model coverage).
    pub(super) hit_sensors: SensorSet,
    /// Kinematic class, sticky (see the module docs of `tracker`).
    pub(super) ballistic: bool,
}

impl Track {
    /// The latest filter state.
    pub(super) fn current(&self) -> &FilterState {
        self.history.back().map_or(&self.base, |s| &s.posterior)
    }
    /// Summary of the latest filter state.
    pub(super) fn summary(&self) -> &Summary {
        self.history
            .back()
            .map_or(&self.base_summary, |s| &s.summary)
    }
    /// Time of the latest filter state.
    pub(super) fn time(&self) -> SimTime {
        self.history.back().map_or(self.base_time, |s| s.time)
    }
    /// The posterior valid just before an update at `t` would be inserted (the last state at
    /// or before `t`), or `None` if the track's kept history starts after `t`.
    pub(super) fn state_before(&self, t: SimTime) -> Option<&FilterState> {
        if t < self.base_time {
            return None;
        }
        let idx = self.history.partition_point(|s| s.time <= t);
        Some(if idx == 0 {
            &self.base
        } else {
            &self.history[idx - 1].posterior
        })
    }
    /// Largest cached position and velocity sigma over the kept states, and the longest gap
    /// between consecutive kept states (bounds for gating a measurement older than the track).
    pub(super) fn history_bounds(&self) -> (f64, f64, f64) {
        let (mut sp, mut sv) = (
            self.base_summary.sigma_pos_m,
            self.base_summary.sigma_vel_mps,
        );
        let mut gap_s = 0.0_f64;
        let mut prev = self.base_time;
        for s in &self.history {
            sp = sp.max(s.summary.sigma_pos_m);
            sv = sv.max(s.summary.sigma_vel_mps);
            gap_s = gap_s.max(s.time.since(prev).as_secs_f64());
            prev = s.time;
        }
        (sp, sv, gap_s)
    }
    /// A confirmed track becomes ballistic once its latest posterior is too high or too fast
    /// for an air-breather beyond its own uncertainty (sticky): [`CLASS_MARGIN_SIGMAS`] RMS
    /// radii clear of the threshold, so a diverged estimate (a few plots of different objects
    /// differenced under the wide velocity prior: kilometres per second, ±kilometres per
    /// second) does not make an airliner's track a missile's.
    pub(super) fn classify(&mut self, config: &TrackerConfig) {
        if self.ballistic || self.status != TrackStatus::Confirmed {
            return;
        }
        let s = self.summary();
        let (alt, _) = crate::surface::altitude(config.filter.frame, s.pos);
        self.ballistic = beyond_air_breathers(alt, s.sigma_pos_m, s.vel.norm(), s.sigma_vel_mps);
    }
    /// A posterior as the track keeps it: cut at the surface unless ballistic.
    pub(super) fn constrain(&self, config: &TrackerConfig, state: FilterState) -> FilterState {
        constrained(config, self.ballistic, state)
    }
    /// The report of this track, predicted to `t` when given and later than its state; `None`
    /// if it is ballistic and its prediction has reached the surface (predicted impact).
    pub(super) fn report(&self, config: &TrackerConfig, t: Option<SimTime>) -> Option<TrackReport> {
        let predicted;
        let state = match t {
            Some(t) if t > self.time() => {
                predicted = self.constrain(config, self.current().predict(&config.filter, t));
                &predicted
            }
            _ => self.current(),
        };
        let estimate = state.estimate();
        if self.ballistic
            && let Some(surface) = config.surface
        {
            let p = Vec3::new(estimate.x[0], estimate.x[1], estimate.x[2]);
            if crate::surface::reached(config.filter.frame, surface, p) {
                return None;
            }
        }
        Some(TrackReport {
            number: self.number,
            status: self.status,
            quality: track_quality(&estimate.p, self.observed_dims),
            estimate,
            last_update: self.last_hit,
            last_measurement: self.last_measurement,
            mode_probabilities: state.mode_probabilities().to_vec(),
            sources: self.hit_sensors.clone(),
            ballistic: self.ballistic,
            hits: self.hits,
        })
    }
}

/// A posterior of a track of class `ballistic` as the track keeps it: cut at the surface unless
/// ballistic (ballistic tracks end at the surface instead).
pub(super) fn constrained(
    config: &TrackerConfig,
    ballistic: bool,
    state: FilterState,
) -> FilterState {
    match config.surface {
        Some(surface) if !ballistic => state.truncated(config.filter.frame, surface),
        _ => state,
    }
}

/// Whether an estimate at altitude `alt_m` (RMS position uncertainty `sigma_pos_m`) and speed
/// `speed_mps` (RMS velocity uncertainty `sigma_vel_mps`) is too high or too fast for any
/// air-breather by [`CLASS_MARGIN_SIGMAS`] RMS radii. NaN never classifies.
pub(super) fn beyond_air_breathers(
    alt_m: f64,
    sigma_pos_m: f64,
    speed_mps: f64,
    sigma_vel_mps: f64,
) -> bool {
    alt_m - CLASS_MARGIN_SIGMAS * sigma_pos_m > BALLISTIC_ALT_M
        || speed_mps - CLASS_MARGIN_SIGMAS * sigma_vel_mps > BALLISTIC_SPEED_MPS
}
