//! Gater / hypothesizer: which track–measurement pairs are plausible, and how likely.
//!
//! Two stages, so that 1,000 tracks × 1,000+ measurements never cost 10⁶ innovations:
//!
//! 1. **Coarse pre-gate** in the tracker's Cartesian frame. Each measurement is converted to a
//!    position with `MeasurementModel::to_position` (radius `r_m = √trace R_pos`). Each track is
//!    predicted once per scan to `t_ref` (the scan's latest time, or the track's own time if
//!    later), giving position `p`, velocity `v`, RMS sigmas `σ_p`, `σ_v` and an acceleration
//!    bound `A` (|a| + k σ_a, plus 10 m/s² when a ballistic model is configured). A
//!    measurement at `t` (Δt = t_ref − t ≥ 0) is a candidate when
//!    `|p − vΔt − z_pos| ≤ k(σ_p + r_m) + kσ_vΔt + ½AΔt² + 10 m`, with
//!    `k = 1.5 √gate_d2`. Because `d² ≥ |ν|² / trace S` and `√(a + b) ≤ √a + √b`, a pair
//!    failing this has `d² > gate_d2` up to the linearisation of `to_position` and the mean
//!    motion model; the factor 1.5 and the margin cover both. For a measurement older than the
//!    track's latest update (out of sequence), `σ_p`, `σ_v` are the largest over the track's
//!    kept history, plus `σ_v` times its longest gap. Measurements are sorted on x once per
//!    scan and each track scans only its x-window (binary search), so the cost is
//!    `O((T + M) log M + candidate pairs)`.
//! 2. **Fine gate**: the track's state before the measurement time, predicted to that time
//!    (`FilterState::predict`, cached per track and time), gives the innovation; the pair is a
//!    hypothesis when `d² = νᵀS⁻¹ν ≤ gate_d2`.

use super::track::{Track, sigmas};
use super::{TrackerConfig, TrackerStats};
use crate::filter::{FilterState, Measurement, MotionConfig, MotionModel};
use base::SimTime;
use geodesy::Vec3;

/// Coarse gate radius in gate sigmas, relative to `√gate_d2` (covers linearisation).
const COARSE_GATE_SAFETY: f64 = 1.5;
/// Coarse gate additive margin, m (covers rounding and tiny covariances).
const COARSE_GATE_MARGIN_M: f64 = 10.0;
/// Bound on gravity's effect on a predicted mean when a ballistic model is configured, m/s².
const GRAVITY_BOUND_MPS2: f64 = 10.0;

/// A track–measurement pair inside the χ² gate.
#[derive(Clone, Copy, Debug)]
pub(super) struct Hypothesis {
    /// Index into the tracker's track list.
    pub(super) track: usize,
    /// Index into the scan.
    pub(super) meas: usize,
    /// `ln N(ν; 0, S)`.
    pub(super) log_likelihood: f64,
}

/// The gating result of one scan.
#[derive(Debug)]
pub(super) struct Gating {
    /// Hypotheses ordered by track, then measurement.
    pub(super) hyps: Vec<Hypothesis>,
    /// Per track: states predicted to the times needed (the reference time and every gated
    /// measurement time), each from the track's state before that time.
    priors: Vec<Vec<(SimTime, FilterState)>>,
}

impl Gating {
    /// The prior of `track` at `t`, if it was computed while gating.
    pub(super) fn prior(&self, track: usize, t: SimTime) -> Option<&FilterState> {
        self.priors[track]
            .iter()
            .find(|(pt, _)| *pt == t)
            .map(|(_, s)| s)
    }
}

/// Gates every track against the scan.
pub(super) fn gate(
    config: &TrackerConfig,
    tracks: &[Track],
    scan: &[Measurement],
    stats: &mut TrackerStats,
) -> Gating {
    let converted: Vec<(Vec3, f64)> = scan
        .iter()
        .map(|m| {
            let (p, cov) = m.model.to_position(&m.z);
            (p, cov.trace().max(0.0).sqrt())
        })
        .collect();
    let r_max = converted.iter().map(|c| c.1).fold(0.0, f64::max);
    let mut by_x: Vec<usize> = (0..scan.len()).collect();
    by_x.sort_by(|&a, &b| {
        converted[a]
            .0
            .x
            .total_cmp(&converted[b].0.x)
            .then(a.cmp(&b))
    });
    let xs: Vec<f64> = by_x.iter().map(|&j| converted[j].0.x).collect();
    let t_min = scan.iter().map(|m| m.time).min().unwrap_or(SimTime::ZERO);
    let t_max = scan.iter().map(|m| m.time).max().unwrap_or(SimTime::ZERO);
    let k = COARSE_GATE_SAFETY * config.gate_d2.sqrt();
    let gravity = if has_ballistic(&config.filter.motion) {
        GRAVITY_BOUND_MPS2
    } else {
        0.0
    };

    let mut hyps = Vec::new();
    let mut priors = Vec::with_capacity(tracks.len());
    let mut candidates = Vec::new();
    for (ti, track) in tracks.iter().enumerate() {
        let mut cache: Vec<(SimTime, FilterState)> = Vec::new();
        let t_ref = t_max.max(track.time());
        let reference = if t_ref > track.time() {
            cache.push((t_ref, track.current().predict(&config.filter, t_ref)));
            &cache[0].1
        } else {
            track.current()
        };
        let est = reference.estimate();
        let p = Vec3::new(est.x[0], est.x[1], est.x[2]);
        let v = Vec3::new(est.x[3], est.x[4], est.x[5]);
        let a_norm = Vec3::new(est.x[6], est.x[7], est.x[8]).norm();
        let sigma_acc = est.p.fixed_view::<3, 3>(6, 6).trace().max(0.0).sqrt();
        let (sp, sv) = sigmas(reference);
        let accel = a_norm + k * sigma_acc + gravity;
        let retro = if t_min < track.time() {
            let (hp, hv, gap_s) = track.history_bounds();
            Some((sp.max(hp) + hv.max(sv) * gap_s, sv.max(hv)))
        } else {
            None
        };
        let radius = |dt_s: f64, r_m: f64, is_retro: bool| {
            let (sp, sv) = match retro {
                Some(b) if is_retro => b,
                _ => (sp, sv),
            };
            k * (sp + r_m) + k * sv * dt_s + 0.5 * accel * dt_s * dt_s + COARSE_GATE_MARGIN_M
        };
        let span_s = t_ref.since(t_min).as_secs_f64();
        let half_width = radius(span_s, r_max, true) + v.x.abs() * span_s;
        let lo = xs.partition_point(|&x| x < p.x - half_width);
        let hi = xs.partition_point(|&x| x <= p.x + half_width);
        candidates.clear();
        for &j in &by_x[lo..hi] {
            let dt_s = t_ref.since(scan[j].time).as_secs_f64();
            let centre = p - v * dt_s;
            let is_retro = scan[j].time < track.time();
            if (centre - converted[j].0).norm() <= radius(dt_s, converted[j].1, is_retro) {
                candidates.push(j);
            }
        }
        candidates.sort_unstable();
        for &j in &candidates {
            let meas = &scan[j];
            let prior = match cache.iter().position(|(t, _)| *t == meas.time) {
                Some(i) => &cache[i].1,
                None => {
                    let Some(before) = track.state_before(meas.time) else {
                        continue; // the track's kept history starts after this measurement
                    };
                    cache.push((meas.time, before.predict(&config.filter, meas.time)));
                    &cache[cache.len() - 1].1
                }
            };
            let innovation = prior.innovation(&config.filter, meas);
            stats.n_innovations += 1;
            if innovation.d2.is_finite() && innovation.d2 <= config.gate_d2 {
                stats.n_gated += 1;
                hyps.push(Hypothesis {
                    track: ti,
                    meas: j,
                    log_likelihood: innovation.log_likelihood,
                });
            }
        }
        priors.push(cache);
    }
    Gating { hyps, priors }
}

/// Whether any configured motion model includes gravity in the predicted mean.
fn has_ballistic(motion: &MotionConfig) -> bool {
    match motion {
        MotionConfig::Single(m) => matches!(m, MotionModel::Ballistic { .. }),
        MotionConfig::Imm { models, .. } => models
            .iter()
            .any(|m| matches!(m, MotionModel::Ballistic { .. })),
    }
}
