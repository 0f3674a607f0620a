//! Deleter and confirmation: M-of-N, consecutive misses for tentative tracks, coasting time
//! for every track.

use super::track::Track;
use super::{TrackStatus, TrackerConfig, TrackerStats};
use base::SimTime;

/// Deletes every track whose last hit is more than `max_coast` before `now`.
pub(super) fn delete_coasted(
    config: &TrackerConfig,
    tracks: &mut Vec<Track>,
    now: SimTime,
    stats: &mut TrackerStats,
) {
    let before = tracks.len();
    tracks.retain(|t| now.since(t.last_hit) <= config.max_coast);
    stats.n_deleted += (before - tracks.len()) as u64;
}

/// Confirms tentative tracks with `confirm_m` hits; deletes tentative tracks that missed
/// `tentative_max_misses` times in a row or can no longer reach `confirm_m` hits within
/// `confirm_n` looks; then applies the coasting rule at `now`.
pub(super) fn confirm_and_delete(
    config: &TrackerConfig,
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
        let looks_left = config.confirm_n.saturating_sub(t.looks);
        t.consecutive_misses < max_misses && looks_left >= config.confirm_m - t.hits
    });
    stats.n_deleted += (before - tracks.len()) as u64;
    delete_coasted(config, tracks, now, stats);
}
