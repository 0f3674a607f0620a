//! Duplicate confirmed tracks: two tracks on one target, and the evidence that tells them from
//! two targets flying close together.
//!
//! The state test alone (positions and velocities within a χ² 99 % test) cannot tell a
//! duplicate from a formation a few sigmas apart. What can is how the sensors' batches hit
//! them: one target yields at most one detection per batch (a scan, or a phased array's
//! dwells of one planning interval, whose aims within a beamwidth are one beam), so two tracks
//! on it are never both hit by *different* detections of one batch; two targets are, whenever
//! the batch detects both. Each track keeps a log of its last [`DUPLICATE_HITS`] hits (batch,
//! detection); a pair's co-hits are the batches, within the span both logs cover, that hit
//! both with different detections (a detection both share, as JPDA can, is one target's).
//!
//! Why not count hits per look, as before: a phased array's dwells only ever record hits (a
//! dwell aimed elsewhere is no evidence of a miss), so a dwell-fed track has a hit on every
//! look and any pair including it looked like two targets. Measured on the default scenario:
//! a fire-control array's search plots kept a second track alive beside its dwell track of
//! the same missile for minutes (the pair passed the state test 1,514 times in one run), and
//! both became network tracks (dual tracks in every picture).

use super::track::Track;
use super::{TrackStatus, TrackerConfig, TrackerStats};
use nalgebra::{DMatrix, DVector};

/// Squared Mahalanobis distance between two confirmed tracks' position and velocity below
/// which they may be one target: χ² 99 % quantiles for 4 (x, y, vx, vy: flat 2D tracks) and
/// 6 degrees of freedom.
const DUPLICATE_D2: [f64; 2] = [13.277, 16.812];
/// Additive margin of the cheap pre-test (process noise since the older track's update), m.
const DUPLICATE_MARGIN_M: f64 = 100.0;
/// Hits each track's log keeps, and needs, before the rule judges a pair.
pub(super) const DUPLICATE_HITS: usize = 8;

/// A track's last hits, oldest first: (batch, detection id). Batches are numbered in the
/// order the tracker processes them, so the log is sorted by batch.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct HitLog {
    hits: [(u64, u64); DUPLICATE_HITS],
    len: u8,
}

impl HitLog {
    /// A log holding one hit.
    pub(super) fn first(batch: u64, detection: u64) -> Self {
        let mut log = HitLog::default();
        log.push(batch, detection);
        log
    }
    /// Records a hit, forgetting the oldest when full.
    pub(super) fn push(&mut self, batch: u64, detection: u64) {
        let n = usize::from(self.len);
        if n == DUPLICATE_HITS {
            self.hits.copy_within(1.., 0);
            self.hits[DUPLICATE_HITS - 1] = (batch, detection);
        } else {
            self.hits[n] = (batch, detection);
            self.len += 1;
        }
    }
    fn entries(&self) -> &[(u64, u64)] {
        &self.hits[..usize::from(self.len)]
    }
    fn full(&self) -> bool {
        usize::from(self.len) == DUPLICATE_HITS
    }
}

/// (batches, co-hits) of two logs over the span both cover: batches that hit either, and
/// batches that hit both with different detections.
pub(super) fn co_hits(a: &HitLog, b: &HitLog) -> (u32, u32) {
    let (ea, eb) = (a.entries(), b.entries());
    let (Some(fa), Some(fb)) = (ea.first(), eb.first()) else {
        return (0, 0);
    };
    let from = fa.0.max(fb.0);
    let (mut i, mut j) = (0, 0);
    let (mut n, mut co) = (0, 0);
    loop {
        // The next batch in either log, and whether both hit it with different detections.
        let (batch, both) = match (ea.get(i), eb.get(j)) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                (i, j) = (i + 1, j + 1);
                (x.0, x.1 != y.1)
            }
            (Some(x), Some(y)) if x.0 < y.0 => {
                i += 1;
                (x.0, false)
            }
            (Some(x), None) => {
                i += 1;
                (x.0, false)
            }
            (_, Some(y)) => {
                j += 1;
                (y.0, false)
            }
            (None, None) => break,
        };
        if batch >= from {
            n += 1;
            co += u32::from(both);
        }
    }
    (n, co)
}

/// Most co-hits a pair may have over `n` batches and still be one target: clearly fewer than
/// two targets would have, `n·q − 3σ` with `q = P_D / (2 − P_D)` (both hit, given either is,
/// for two targets detected independently with `P_D`), and at most half. `None` when the two
/// cases overlap (low `P_D`, few batches): the rule then never fires.
pub(super) fn max_co_hits(pd: f64, n: u32) -> Option<u32> {
    let n = f64::from(n);
    let q = pd / (2.0 - pd);
    let bound = n * q - 3.0 * (n * q * (1.0 - q)).sqrt();
    if bound <= 0.0 {
        return None;
    }
    // Strictly below the bound (at P_D = 1 two targets have exactly n).
    let below = (bound.ceil() - 1.0).max(0.0);
    Some(below.min((n / 2.0).floor()) as u32)
}

/// Deletes the younger (higher-numbered) of two confirmed tracks that are one target: their
/// positions and velocities agree within [`DUPLICATE_D2`] (covariance `P_a + P_b`,
/// cross-correlation ignored) *and* their hit logs show one target's worth of co-hits
/// ([`max_co_hits`]; module docs). Crossing targets fail the velocity part of the state test.
pub(super) fn delete_duplicates(
    config: &TrackerConfig,
    tracks: &mut Vec<Track>,
    stats: &mut TrackerStats,
) {
    let k = DUPLICATE_D2[1].sqrt();
    let mut order: Vec<usize> = (0..tracks.len())
        .filter(|&i| {
            let t = &tracks[i];
            t.status == TrackStatus::Confirmed && t.hit_log.full()
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
        .fold((base::SimTime::MAX, base::SimTime::ZERO), |(lo, hi), &i| {
            (lo.min(tracks[i].time()), hi.max(tracks[i].time()))
        });
    let span_s = t_hi.since(t_lo).as_secs_f64().max(0.0);
    let mut doomed = vec![false; tracks.len()];
    for (ai, &a) in order.iter().enumerate() {
        let sa = *tracks[a].summary();
        // Bounds the separation |Δp| of any pair passing the pre-test below.
        let reach = k * (sa.sigma_pos_m + sigma_max + 2.0 * sigma_vel_max * span_s)
            + DUPLICATE_MARGIN_M
            + 2.0 * speed_max * span_s;
        for &b in &order[ai + 1..] {
            let sb = *tracks[b].summary();
            if sb.pos.x - sa.pos.x > reach {
                break;
            }
            // `reach` bounds the whole separation, so the other axis too (a 2D sweep).
            if doomed[a] || doomed[b] || (sb.pos.y - sa.pos.y).abs() > reach {
                continue;
            }
            let (n, co) = co_hits(&tracks[a].hit_log, &tracks[b].hit_log);
            if max_co_hits(config.pd, n).is_none_or(|most| co > most) {
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

/// The state test of [`delete_duplicates`], at the later of the two tracks' times.
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
