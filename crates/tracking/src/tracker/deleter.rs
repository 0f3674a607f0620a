//! Deleter and confirmation: M-of-N, consecutive misses for tentative tracks, coasting time
//! for every track (duplicate confirmed tracks: `duplicates`).

use super::cue::Cue;
use super::track::Track;
use super::{ESCAPE_SPEED_MPS, TrackStatus, TrackerConfig, TrackerStats};
use crate::filter::Frame;
use base::{SimDuration, SimTime};

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
