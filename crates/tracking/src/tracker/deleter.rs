//! Deleter and confirmation: M-of-N, consecutive misses for tentative tracks, coasting time
//! for every track, duplicate confirmed tracks.

use super::cue::Cue;
use super::track::Track;
use super::{ESCAPE_SPEED_MPS, TrackStatus, TrackerConfig, TrackerStats};
use crate::filter::Frame;
use base::{SimDuration, SimTime};
use nalgebra::{DMatrix, DVector};

/// When a coasting track is deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Coast {
    /// Before association at `now`: only tracks already past `max_coast` (a hit at `now` could
    /// still save a track that is exactly at it).
    Past,
    /// After association at `now`, or advancing to `now`: tracks not hit at `now` whose coast
    /// has reached `max_coast` (as Stone Soup's `UpdateTimeStepsDeleter` deletes at the
    /// `n`-th consecutive miss).
    Reached,
}

/// Deletes every track that coasted `max_coast` by `now` (see [`Coast`]).
pub(super) fn delete_coasted(
    config: &TrackerConfig,
    tracks: &mut Vec<Track>,
    now: SimTime,
    rule: Coast,
    stats: &mut TrackerStats,
) {
    let before = tracks.len();
    tracks.retain(|t| {
        let coast = now.since(t.last_hit);
        match rule {
            Coast::Past => coast <= config.max_coast,
            Coast::Reached => coast < config.max_coast || coast <= SimDuration::ZERO,
        }
    });
    stats.n_deleted += (before - tracks.len()) as u64;
}

/// Deletes every ballistic track whose prediction has reached the surface by `now` (predicted
/// impact; see the module docs of `tracker`). Counted as deletions and as impacts.
pub(super) fn delete_impacted(
    config: &TrackerConfig,
    tracks: &mut Vec<Track>,
    now: SimTime,
    stats: &mut TrackerStats,
) {
    if config.surface.is_none() {
        return;
    }
    let before = tracks.len();
    tracks.retain(|t| !t.ballistic || t.report(config, Some(now)).is_some());
    let gone = (before - tracks.len()) as u64;
    stats.n_deleted += gone;
    stats.n_impacted += gone;
}

/// Deletes every track (tentative or confirmed) of an ECEF tracker whose velocity estimate is
/// faster than [`ESCAPE_SPEED_MPS`]: nothing the engine models flies that fast (an ICBM
/// re-enters at about 7 km/s), so such a track has diverged — typically two plots of
/// different objects differenced into a velocity, or a far-off prediction updated by the
/// wrong plot — and its estimate, however large its covariance, would poison every picture
/// it entered. Counted as deletions and in [`TrackerStats::n_implausible`]. Flat-frame
/// trackers (benchmark files) are left alone.
pub(super) fn delete_implausible(
    config: &TrackerConfig,
    tracks: &mut Vec<Track>,
    stats: &mut TrackerStats,
) {
    if config.filter.frame != Frame::Ecef {
        return;
    }
    let before = tracks.len();
    tracks.retain(|t| {
        let s = t.summary();
        s.vel.iter().all(|v| v.is_finite())
            && s.pos.iter().all(|v| v.is_finite())
            && s.vel.norm() <= ESCAPE_SPEED_MPS
    });
    let gone = (before - tracks.len()) as u64;
    stats.n_deleted += gone;
    stats.n_implausible += gone;
}

/// Confirms tentative tracks with `confirm_m` hits (fewer for one a live cue admits); deletes
/// tentative tracks that missed `tentative_max_misses` times in a row or can no longer reach
/// `confirm_m` hits within `confirm_n` looks; then applies the coasting rule at `now`.
pub(super) fn confirm_and_delete(
    config: &TrackerConfig,
    cues: &[Cue],
    tracks: &mut Vec<Track>,
    now: SimTime,
    stats: &mut TrackerStats,
) {
    let max_misses = config.tentative_max_misses.max(1);
    let before = tracks.len();
    tracks.retain_mut(|t| {
        if t.status != TrackStatus::Tentative {
            return true;
        }
        if t.hits >= config.confirm_m {
            t.status = TrackStatus::Confirmed;
            stats.n_confirmed += 1;
            return true;
        }
        let s = t.summary();
        let cued = cues
            .iter()
            .filter(|c| c.admits(t.time(), s.pos, s.vel))
            .map(|c| c.confirm_m.max(1))
            .min();
        if cued.is_some_and(|m| t.hits >= m) {
            t.status = TrackStatus::Confirmed;
            stats.n_confirmed += 1;
            stats.n_cued_confirmed += 1;
            return true;
        }
        let looks_left = config.confirm_n.saturating_sub(t.looks);
        t.consecutive_misses < max_misses && looks_left >= config.confirm_m - t.hits
    });
    stats.n_deleted += (before - tracks.len()) as u64;
    delete_coasted(config, tracks, now, Coast::Reached, stats);
}

/// Squared Mahalanobis distance between two confirmed tracks' position and velocity below
/// which they may be one target: χ² 99 % quantiles for 4 (x, y, vx, vy: flat 2D tracks) and
/// 6 degrees of freedom.
const DUPLICATE_D2: [f64; 2] = [13.277, 16.812];
/// Additive margin of the cheap pre-test (process noise since the older track's update), m.
const DUPLICATE_MARGIN_M: f64 = 100.0;
/// Looks over which the duplicate rule counts the pair's hits.
const DUPLICATE_LOOKS: u32 = 8;

/// Deletes the younger (higher-numbered) of two confirmed tracks that are one target: their
/// positions and velocities agree within [`DUPLICATE_D2`] (covariance `P_a + P_b`,
/// cross-correlation ignored) *and* over their last [`DUPLICATE_LOOKS`] looks they were hit
/// no more often than one target can be (once per look) and clearly less often than two
/// targets would be (`2·P_D·n` less three standard deviations). Why: two confirmed tracks on
/// one target can keep each other alive for as long as the target lives by taking alternate
/// sensors' detections; the state test alone cannot tell them from two targets flying in
/// formation a few sigmas apart, but the hit count can (each of those gets its own detections).
/// At low `P_D` the two cases overlap and the rule effectively never fires. Crossing targets
/// fail the velocity part of the state test.
pub(super) fn delete_duplicates(
    config: &TrackerConfig,
    tracks: &mut Vec<Track>,
    stats: &mut TrackerStats,
) {
    let k = DUPLICATE_D2[1].sqrt();
    let max_hits = duplicate_max_hits(config.pd);
    let n_looks = DUPLICATE_LOOKS as u8;
    let window = (1_u16 << DUPLICATE_LOOKS) - 1;
    let mut order: Vec<usize> = (0..tracks.len())
        .filter(|&i| {
            let t = &tracks[i];
            t.status == TrackStatus::Confirmed
                && t.recent_looks >= n_looks
                && (t.recent_hits & window).count_ones() <= max_hits
        })
        .collect();
    order.sort_by(|&a, &b| {
        tracks[a]
            .summary()
            .pos
            .x
            .total_cmp(&tracks[b].summary().pos.x)
            .then(a.cmp(&b))
    });
    let sigma_max = order
        .iter()
        .map(|&i| tracks[i].summary().sigma_pos_m)
        .fold(0.0, f64::max);
    let speed_max = order
        .iter()
        .map(|&i| tracks[i].summary().vel.norm())
        .fold(0.0, f64::max);
    let sigma_vel_max = order
        .iter()
        .map(|&i| tracks[i].summary().sigma_vel_mps)
        .fold(0.0, f64::max);
    let (t_lo, t_hi) = order
        .iter()
        .fold((SimTime::MAX, SimTime::ZERO), |(lo, hi), &i| {
            (lo.min(tracks[i].time()), hi.max(tracks[i].time()))
        });
    let span_s = t_hi.since(t_lo).as_secs_f64().max(0.0);
    let mut doomed = vec![false; tracks.len()];
    for (ai, &a) in order.iter().enumerate() {
        let sa = *tracks[a].summary();
        // Bounds |Δx| of any pair passing the pre-test below.
        let reach = k * (sa.sigma_pos_m + sigma_max + 2.0 * sigma_vel_max * span_s)
            + DUPLICATE_MARGIN_M
            + 2.0 * speed_max * span_s;
        for &b in &order[ai + 1..] {
            let sb = *tracks[b].summary();
            if sb.pos.x - sa.pos.x > reach {
                break;
            }
            let hits = (tracks[a].recent_hits & window).count_ones()
                + (tracks[b].recent_hits & window).count_ones();
            if doomed[a] || doomed[b] || hits > max_hits {
                continue;
            }
            // Cheap bound first: both extrapolated to the later time, within k·(sum of sigmas).
            let (ta, tb) = (tracks[a].time(), tracks[b].time());
            let t = ta.max(tb);
            let (da, db) = (t.since(ta).as_secs_f64(), t.since(tb).as_secs_f64());
            let gap = (sa.pos + sa.vel * da - sb.pos - sb.vel * db).norm();
            let sigmas =
                sa.sigma_pos_m + sb.sigma_pos_m + sa.sigma_vel_mps * da + sb.sigma_vel_mps * db;
            if gap > k * sigmas + DUPLICATE_MARGIN_M {
                continue;
            }
            if same_target(config, &tracks[a], &tracks[b]) {
                doomed[a.max(b)] = true; // indices follow track numbers
            }
        }
    }
    let before = tracks.len();
    let mut i = 0;
    tracks.retain(|_| {
        i += 1;
        !doomed[i - 1]
    });
    let n = (before - tracks.len()) as u64;
    stats.n_deleted += n;
    stats.n_duplicates += n;
}

/// The duplicate test of [`delete_duplicates`], at the later of the two tracks' times.
fn same_target(config: &TrackerConfig, a: &Track, b: &Track) -> bool {
    let t = a.time().max(b.time());
    let at = |tr: &Track| {
        if tr.time() < t {
            tr.current().predict(&config.filter, t).estimate()
        } else {
            tr.current().estimate()
        }
    };
    let (ea, eb) = (at(a), at(b));
    let planar = a.observed_dims == 2 && b.observed_dims == 2;
    let idx: &[usize] = if planar {
        &[0, 1, 3, 4]
    } else {
        &[0, 1, 2, 3, 4, 5]
    };
    let n = idx.len();
    let s = DMatrix::from_fn(n, n, |r, c| ea.p[(idx[r], idx[c])] + eb.p[(idx[r], idx[c])]);
    let d = DVector::from_fn(n, |r, _| ea.x[idx[r]] - eb.x[idx[r]]);
    let Some(chol) = s.cholesky() else {
        return false; // not positive definite: no evidence either way
    };
    d.dot(&chol.solve(&d)) <= DUPLICATE_D2[usize::from(!planar)]
}

/// Most hits two tracks may have together over [`DUPLICATE_LOOKS`] looks to count as one
/// target: at most one per look, and below `2·P_D·n − 3σ` (two targets' expected hits less
/// three binomial standard deviations).
pub(super) fn duplicate_max_hits(pd: f64) -> u32 {
    let n = f64::from(2 * DUPLICATE_LOOKS);
    let two_targets = n * pd - 3.0 * (n * pd * (1.0 - pd)).sqrt();
    (two_targets.floor().max(0.0) as u32).min(DUPLICATE_LOOKS)
}
