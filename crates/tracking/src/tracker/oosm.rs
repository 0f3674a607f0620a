//! Applying association outcomes to tracks, with bounded out-of-sequence reprocessing.
//!
//! Every update becomes a step in the track's time-ordered history. An update older than the
//! track's latest step (a late sensor's measurement, or a measurement of a scan that overlaps
//! another sensor's in time) is inserted at its time, and every later step is re-run in order:
//! predict from the previous posterior to the step's time, then the same update with the same
//! measurement (or the same PDA weights). History older than `oosm_window` before the newest
//! measurement time is folded into the track's base state; measurements older than that are
//! dropped and counted (PRIMER §3.5, "reprocess").

use super::associator::Outcome;
use super::associator::jpda::single_track_betas;
use super::gater::Gating;
use super::track::{Step, StepInput, Summary, Track};
use super::{TrackerConfig, TrackerStats};
use crate::filter::{FilterState, MeasVector, Measurement, MeasurementModel};
use base::{SensorId, SimTime};

/// Smallest detection probability `1 − β₀` for a JPDA update to count as a hit.
const JPDA_HIT_PROBABILITY: f64 = 0.5;

/// The measurements of `scan` inside the window ending at `newest`; the rest are counted as
/// dropped.
pub(super) fn within_window(
    config: &TrackerConfig,
    newest: Option<SimTime>,
    scan: &[Measurement],
    stats: &mut TrackerStats,
) -> Vec<Measurement> {
    let Some(newest) = newest else {
        return scan.to_vec();
    };
    let start = newest - config.oosm_window;
    let kept: Vec<Measurement> = scan.iter().filter(|m| m.time >= start).copied().collect();
    stats.n_oosm_dropped += (scan.len() - kept.len()) as u64;
    kept
}

/// Most steps a track keeps, whatever the window: bounds memory when scans are frequent
/// (e.g. one call per plot) and the window long. A measurement older than a track's kept
/// history is not gated against it (counted in `TrackerStats::n_pairs_before_history`).
pub const MAX_HISTORY_STEPS: usize = 64;

/// Folds history older than the window, or beyond [`MAX_HISTORY_STEPS`], into each track's
/// base state.
pub(super) fn prune(config: &TrackerConfig, tracks: &mut [Track], newest: SimTime) {
    let start = newest - config.oosm_window;
    for track in tracks {
        while track
            .history
            .front()
            .is_some_and(|s| s.time < start || track.history.len() > MAX_HISTORY_STEPS)
        {
            if let Some(step) = track.history.pop_front() {
                track.base_summary = step.summary;
                track.base_time = step.time;
                track.base = step.posterior;
            }
        }
    }
}

/// Applies the outcomes to the tracks that existed before the scan: filter updates (with
/// reprocessing when out of sequence), looks, hits and misses.
/// What `apply` needs to know about the scan besides its measurements.
#[derive(Clone, Copy, Debug)]
pub(super) struct ScanInfo {
    /// The scan's sensor.
    pub(super) sensor: SensorId,
    /// The batch's number (in processing order; the duplicate rule's evidence).
    pub(super) batch: u64,
    /// Latest measurement time in the scan.
    pub(super) t_max: SimTime,
    /// Whether the scan looked everywhere the sensor can see (a miss counts), or only where
    /// it pointed dedicated dwells (only hits count).
    pub(super) full: bool,
}

pub(super) fn apply(
    config: &TrackerConfig,
    info: ScanInfo,
    tracks: &mut [Track],
    scan: &[Measurement],
    gating: Gating,
    outcomes: &[Outcome],
    stats: &mut TrackerStats,
) {
    let ScanInfo {
        sensor,
        batch,
        t_max,
        full,
    } = info;
    for (ti, (track, outcome)) in tracks.iter_mut().zip(outcomes).enumerate() {
        let could_see = full && t_max >= track.time() && track.hit_sensors.contains(sensor);
        let prior = |t: SimTime| -> &FilterState {
            gating
                .prior(ti, t)
                .expect("a gated measurement's time has a prior from gating")
        };
        let hit_id = match outcome {
            Outcome::Missed => None,
            Outcome::Assigned(j) => {
                let meas = if track.hits == 1 {
                    second_plot(&scan[*j])
                } else {
                    scan[*j]
                };
                let posterior =
                    track.constrain(config, prior(meas.time).update(&config.filter, &meas));
                insert_step(
                    config,
                    track,
                    meas.time,
                    StepInput::Update(meas),
                    posterior,
                    stats,
                );
                Some((meas.time, meas.id))
            }
            Outcome::Pda {
                weighted,
                beta0,
                single,
            } => {
                let t_upd = weighted
                    .iter()
                    .map(|&(_, j)| scan[j].time)
                    .max()
                    .unwrap_or(track.time());
                let pairs: Vec<(f64, Measurement)> =
                    weighted.iter().map(|&(b, j)| (b, scan[j])).collect();
                let posterior = track.constrain(
                    config,
                    prior(t_upd).update_pda(&config.filter, &pairs, *beta0),
                );
                let best = weighted
                    .iter()
                    .fold(None, |best: Option<(f64, usize)>, &(b, j)| match best {
                        Some((bb, _)) if bb >= b => best,
                        _ => Some((b, j)),
                    })
                    .map(|(_, j)| scan[j].id);
                let input = StepInput::Pda {
                    weighted: pairs,
                    beta0: *beta0,
                    recompute: *single,
                };
                insert_step(config, track, t_upd, input, posterior, stats);
                if 1.0 - beta0 >= JPDA_HIT_PROBABILITY {
                    best.map(|id| (t_upd, id))
                } else {
                    None
                }
            }
        };
        match hit_id {
            Some((t, id)) => {
                stats.n_hits += 1;
                track.hit_sensors.insert(sensor);
                track.hits += 1;
                track.looks += 1;
                track.hit_log.push(batch, id);
                if t >= track.last_hit {
                    track.last_hit = t;
                    track.consecutive_misses = 0;
                }
                if track.time() == t {
                    track.last_measurement = Some(id);
                }
            }
            None if could_see => {
                track.looks += 1;
                track.consecutive_misses += 1;
                track.last_measurement = None;
            }
            None => {} // the whole scan is older than the track: not a look
        }
    }
}

/// The second plot of a 3D radar track, as a converted Cartesian position measurement.
///
/// Why: after one plot a track's velocity is only its prior (σ of kilometres per second for
/// missiles), so the second plot may lie tens of kilometres from the prediction. An EKF
/// linearised at that prediction then biases the velocity badly (seen: 22 km error 10 s later
/// for a 5 km/s re-entry vehicle at 200 km, so the third plot fell outside the gate). Updating
/// with the plot converted to a position (a linear model) is two-point differencing: no
/// linearisation at the wrong point. The converted covariance is anisotropic; the isotropic
/// position model takes its largest standard deviation (conservative). Flat 2D benchmark
/// models are left to the filter (their targets move little between looks).
fn second_plot(meas: &Measurement) -> Measurement {
    if !matches!(meas.model, MeasurementModel::RadarEnu { .. }) {
        return *meas;
    }
    let (p, cov) = meas.model.to_position(&meas.z);
    let sigma_m = cov.symmetric_eigenvalues().max().max(0.0).sqrt();
    let mut z = MeasVector::zeros();
    z[0] = p.x;
    z[1] = p.y;
    z[2] = p.z;
    Measurement {
        z,
        model: MeasurementModel::Position { dim: 3, sigma_m },
        ..*meas
    }
}

/// Inserts an update at `time` and re-runs every later step.
fn insert_step(
    config: &TrackerConfig,
    track: &mut Track,
    time: SimTime,
    input: StepInput,
    posterior: FilterState,
    stats: &mut TrackerStats,
) {
    let idx = track.history.partition_point(|s| s.time <= time);
    if idx < track.history.len() {
        stats.n_oosm_reprocessed += 1;
    }
    track.history.insert(idx, step(time, input, posterior));
    for k in idx + 1..track.history.len() {
        let prior = track.history[k - 1]
            .posterior
            .predict(&config.filter, track.history[k].time);
        let ballistic = track.ballistic;
        let s = &mut track.history[k];
        let posterior = match &mut s.input {
            StepInput::Update(meas) => prior.update(&config.filter, meas),
            StepInput::Pda {
                weighted,
                beta0,
                recompute,
            } => {
                if *recompute {
                    let meas: Vec<Measurement> = weighted.iter().map(|w| w.1).collect();
                    let (betas, b0) = single_track_betas(config, &prior, &meas);
                    for (w, b) in weighted.iter_mut().zip(betas) {
                        w.0 = b;
                    }
                    *beta0 = b0;
                }
                prior.update_pda(&config.filter, weighted, *beta0)
            }
        };
        s.posterior = super::track::constrained(config, ballistic, posterior);
        s.summary = Summary::of(&s.posterior);
    }
}

/// A history step with its cached summary.
pub(super) fn step(time: SimTime, input: StepInput, posterior: FilterState) -> Step {
    Step {
        time,
        input,
        summary: Summary::of(&posterior),
        posterior,
    }
}
