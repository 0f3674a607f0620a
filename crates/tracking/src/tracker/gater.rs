//! Gater / hypothesizer: which track–measurement pairs are plausible, and how likely.
//!
//! Two stages, so that 1,000 tracks × 1,000+ measurements never cost 10⁶ innovations, and a
//! track with nothing near it costs a few multiplications (no prediction):
//!
//! 1. **Coarse pre-gate** in the tracker's Cartesian frame, from each track's latest state
//!    (position `p`, velocity `v`, |a|, and RMS sigmas `σ_p`, `σ_v`, `σ_a` = √trace of the
//!    covariance blocks, cached per filter update). Each measurement is converted with
//!    `MeasurementModel::to_position` (radius `r_m = √trace R_pos`). A measurement `Δt` after
//!    the track's state is a candidate when
//!    `|p + vΔt − z_pos| ≤ k(σ_p + σ_vΔt + ½σ_aΔt² + σ_q(Δt) + r_m) + s(Δt) + 10 m`,
//!    `k = 1.5 √gate_d2`. Why this is conservative: the predicted position error is
//!    `e_p + Δt e_v + ½Δt² e_a` plus process noise, so its RMS is at most the sum of the RMS
//!    terms (Minkowski); `σ_q(Δt)` bounds the process-noise RMS of every configured model
//!    (`√((2q + q_v)Δt³/3)` for CV, `√(3 q Δt³/3)` for turn and ballistic, `√3 σ_a Δt²/2`
//!    for Singer) and `s(Δt)` the drift of the predicted mean from `p + vΔt` (`½|a|Δt²`,
//!    `½|v||ω|Δt²` for a turn, `½(10 m/s² + 2Ω|v|)Δt²` for ballistic gravity and Coriolis).
//!    Then `d² ≥ |ν|² / trace S` and `√(a + b) ≤ √a + √b` mean a rejected pair has
//!    `d² > gate_d2` up to the linearisation of `to_position`, which the factor 1.5 and the
//!    margin cover. For a measurement older than the track's latest state (out of sequence),
//!    `σ_p`, `σ_v` are the largest over the kept history, plus `σ_v` times its longest gap.
//!    Measurements are sorted on x once per scan and each track scans only its x-window
//!    (binary search): `O((T + M) log M + candidates)`.
//! 2. **Fine gate**: the track's state before the measurement time, predicted to that time
//!    (`FilterState::predict`, cached per track and time), gives the innovation; the pair is a
//!    hypothesis when `d² = νᵀS⁻¹ν ≤ gate_d2`.

use super::track::Track;
use super::{TrackerConfig, TrackerStats};
use crate::filter::{FilterState, Measurement, MotionConfig, MotionModel};
use base::SimTime;
use geodesy::Vec3;
use geodesy::wgs84::OMEGA_RAD_S;

/// Coarse gate radius in gate sigmas, relative to `√gate_d2` (covers linearisation).
const COARSE_GATE_SAFETY: f64 = 1.5;
/// Coarse gate additive margin, m (covers rounding and tiny covariances).
const COARSE_GATE_MARGIN_M: f64 = 10.0;
/// Bound on gravity (central field plus centrifugal, flat or ECEF), m/s².
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
    /// Squared Mahalanobis distance `νᵀS⁻¹ν`.
    pub(super) d2: f64,
}

/// The gating result of one scan.
#[derive(Debug)]
pub(super) struct Gating {
    /// Hypotheses ordered by track, then measurement.
    pub(super) hyps: Vec<Hypothesis>,
    /// Per track: states predicted to the times of its candidate measurements, each from the
    /// track's state before that time.
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
    let t_min = scan.iter().map(|m| m.time).min().unwrap_or(SimTime::ZERO);
    let t_max = scan.iter().map(|m| m.time).max().unwrap_or(SimTime::ZERO);
    let k = COARSE_GATE_SAFETY * config.gate_d2.sqrt();
    // Converted measurements sorted on x: position, k·r_m, time after t_min (s), scan index.
    let mut sorted: Vec<(Vec3, f64, f64, usize)> = scan
        .iter()
        .enumerate()
        .map(|(j, m)| {
            let (p, cov) = m.model.to_position(&m.z);
            (
                p,
                k * cov.trace().max(0.0).sqrt(),
                m.time.since(t_min).as_secs_f64(),
                j,
            )
        })
        .collect();
    sorted.sort_by(|a, b| a.0.x.total_cmp(&b.0.x).then(a.3.cmp(&b.3)));
    let xs: Vec<f64> = sorted.iter().map(|c| c.0.x).collect();
    let kr_max = sorted.iter().map(|c| c.1).fold(0.0, f64::max);
    let motion = MotionBound::of(&config.filter.motion);

    let mut hyps = Vec::new();
    let mut priors = Vec::with_capacity(tracks.len());
    let mut candidates = Vec::new();
    for (ti, track) in tracks.iter().enumerate() {
        let t0 = track.time();
        let s = *track.summary();
        let speed = s.vel.norm();
        let retro = (t_min < t0).then(|| {
            let (hp, hv, gap_s) = track.history_bounds();
            (
                s.sigma_pos_m.max(hp) + hv.max(s.sigma_vel_mps) * gap_s,
                s.sigma_vel_mps.max(hv),
            )
        });
        // Coarse radius, without the measurement's own k·r_m, for a measurement `dt_s` after
        // the track's state (negative: older).
        let radius = |dt_s: f64| {
            let (sp, sv) = match retro {
                Some(b) if dt_s < 0.0 => b,
                _ => (s.sigma_pos_m, s.sigma_vel_mps),
            };
            let dt = dt_s.abs();
            let sigma = sp + sv * dt + 0.5 * s.sigma_acc_mps2 * dt * dt + motion.sigma_m(dt);
            k * sigma + motion.drift_m(dt, speed, s.acc_mps2) + COARSE_GATE_MARGIN_M
        };
        let (dt_lo, dt_hi) = (t_min.since(t0).as_secs_f64(), t_max.since(t0).as_secs_f64());
        let reach = radius(dt_lo).max(radius(dt_hi)) + kr_max;
        let (cx_a, cx_b) = (s.pos.x + s.vel.x * dt_lo, s.pos.x + s.vel.x * dt_hi);
        let lo = xs.partition_point(|&x| x < cx_a.min(cx_b) - reach);
        let hi = xs.partition_point(|&x| x <= cx_a.max(cx_b) + reach);
        candidates.clear();
        if t_min == t_max {
            // One time for the whole scan (the common case): one centre and radius per track,
            // squared distances only.
            let (centre, r) = (s.pos + s.vel * dt_lo, radius(dt_lo));
            for &(z, kr, _, j) in &sorted[lo..hi] {
                if (centre - z).norm_squared() <= (r + kr) * (r + kr) {
                    candidates.push(j);
                }
            }
        } else {
            for &(z, kr, t_rel_s, j) in &sorted[lo..hi] {
                let dt_s = dt_lo + t_rel_s;
                let r = radius(dt_s) + kr;
                if (s.pos + s.vel * dt_s - z).norm_squared() <= r * r {
                    candidates.push(j);
                }
            }
        }
        candidates.sort_unstable();
        let mut cache: Vec<(SimTime, FilterState)> = Vec::new();
        for &j in &candidates {
            let meas = &scan[j];
            let prior = match cache.iter().position(|(t, _)| *t == meas.time) {
                Some(i) => &cache[i].1,
                None => {
                    let Some(before) = track.state_before(meas.time) else {
                        // The track's kept history starts after this measurement (the track
                        // is younger, or its history was folded): no state to gate against.
                        stats.n_pairs_before_history += 1;
                        continue;
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
                    d2: innovation.d2,
                });
            }
        }
        priors.push(cache);
    }
    Gating { hyps, priors }
}

/// Process-noise and mean-drift bounds over every configured motion model.
#[derive(Clone, Copy, Debug, Default)]
struct MotionBound {
    /// Position process-noise variance per `Δt³` (white-noise-acceleration models), m²/s³.
    q_m2_s3: f64,
    /// RMS acceleration of Singer models, m/s² (position noise ≤ √3 σ_a Δt²/2).
    singer_sigma_mps2: f64,
    /// Largest turn rate, rad/s.
    turn_rad_s: f64,
    /// Whether gravity acts on the mean (ballistic).
    gravity: bool,
}

impl MotionBound {
    fn of(motion: &MotionConfig) -> MotionBound {
        let models: &[MotionModel] = match motion {
            MotionConfig::Single(m) => std::slice::from_ref(m),
            MotionConfig::Imm { models, .. } => models,
        };
        let mut b = MotionBound::default();
        for m in models {
            match *m {
                MotionModel::ConstantVelocity {
                    q_m2_s3,
                    q_vertical_m2_s3,
                } => {
                    b.q_m2_s3 = b.q_m2_s3.max((2.0 * q_m2_s3 + q_vertical_m2_s3) / 3.0);
                }
                MotionModel::Singer {
                    sigma_accel_mps2, ..
                } => {
                    b.singer_sigma_mps2 = b.singer_sigma_mps2.max(sigma_accel_mps2);
                }
                MotionModel::CoordinatedTurn {
                    turn_rate_rad_s,
                    q_m2_s3,
                } => {
                    b.q_m2_s3 = b.q_m2_s3.max(q_m2_s3);
                    b.turn_rad_s = b.turn_rad_s.max(turn_rate_rad_s.abs());
                }
                MotionModel::Ballistic { q_m2_s3 } => {
                    b.q_m2_s3 = b.q_m2_s3.max(q_m2_s3);
                    b.gravity = true;
                }
            }
        }
        b
    }
    /// RMS position process noise over `dt` (≥ 0), m.
    fn sigma_m(&self, dt: f64) -> f64 {
        (self.q_m2_s3 * dt * dt * dt).sqrt()
            + 3.0_f64.sqrt() * self.singer_sigma_mps2 * 0.5 * dt * dt
    }
    /// Largest drift of the predicted mean from `p + v dt` over `dt` (≥ 0), m.
    fn drift_m(&self, dt: f64, speed: f64, acc: f64) -> f64 {
        let gravity = if self.gravity {
            GRAVITY_BOUND_MPS2 + 2.0 * OMEGA_RAD_S * speed
        } else {
            0.0
        };
        0.5 * dt * dt * (acc + speed * self.turn_rad_s + gravity)
    }
}
