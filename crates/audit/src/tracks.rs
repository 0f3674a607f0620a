//! Tracks from `tracks.csv`, and what a track followed: the audit's own association of a
//! node's track to truth, independent of anything the engine says about it.
//!
//! A track row at a sample instant is associated with the nearest air target in `truth.csv`
//! at that instant when that object lies within the association gate (the larger of
//! [`GATE_FLOOR_M`] and [`GATE_SIGMAS`] × the row's `sigma_pos_m`). What a track followed at
//! time `t` is the association of its latest row at or before `t` that associates: a track
//! coasting on after its object was destroyed, or one the node dropped while an order on it
//! still stood, names the object it last followed (with how long before `t` that was).

use crate::input::{TrackRow, ns};
use crate::truth::Truth;
use std::collections::BTreeMap;

/// Smallest association gate, m: tracks of fast targets lag their object by a sample period
/// and a few σ; 5 km is also the engine's own end-game reach, so a kill attributed within it
/// can be compared with the association on the same footing.
pub(crate) const GATE_FLOOR_M: f64 = 5_000.0;
/// The gate in standard deviations of the track's position (√trace P, so conservative).
pub(crate) const GATE_SIGMAS: f64 = 3.0;

/// A track's state at one sample instant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Sample {
    pub(crate) t_ns: i64,
    pub(crate) p: [f64; 3],
    pub(crate) alt_m: f64,
    pub(crate) sigma_pos_m: f64,
}

/// Identifies one track: node, layer (`local` or `picture`), track number.
pub(crate) type TrackKey = (String, String, u32);

/// Every track's samples, by node, layer and number.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tracks {
    pub(crate) by_key: BTreeMap<TrackKey, Vec<Sample>>,
}

/// What a track followed at some time.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Followed {
    /// This truth object, `distance_m` from the track at `at_ns` (the latest row that
    /// associates; `held_ns` is the time of the track's latest row of all).
    Object {
        name: String,
        distance_m: f64,
        at_ns: i64,
        held_ns: i64,
        /// The associated row's position and σ (to judge whether another object was as near).
        row_p: [f64; 3],
        row_sigma_m: f64,
    },
    /// The track has rows up to that time, but none near any air target (a ghost).
    Nothing,
    /// No rows of that track up to that time: the audit cannot say.
    NoRows,
}

impl Tracks {
    pub(crate) fn build(rows: Vec<(u64, TrackRow)>) -> Tracks {
        let mut tracks = Tracks::default();
        for (_, row) in rows {
            tracks
                .by_key
                .entry((row.node, row.layer, row.track))
                .or_default()
                .push(Sample {
                    t_ns: ns(row.t_s),
                    p: [row.x_m, row.y_m, row.z_m],
                    alt_m: row.alt_m,
                    sigma_pos_m: row.sigma_pos_m,
                });
        }
        for samples in tracks.by_key.values_mut() {
            samples.sort_by_key(|s| s.t_ns);
        }
        tracks
    }

    /// What `track` in `node`'s picture followed at `t_ns`.
    pub(crate) fn followed(&self, truth: &Truth, node: &str, track: u32, t_ns: i64) -> Followed {
        let key = (node.to_owned(), "picture".to_owned(), track);
        let Some(samples) = self.by_key.get(&key) else {
            return Followed::NoRows;
        };
        let end = samples.partition_point(|s| s.t_ns <= t_ns);
        let Some(last) = samples[..end].last() else {
            return Followed::NoRows;
        };
        samples[..end]
            .iter()
            .rev()
            .find_map(|s| {
                let (object, d) = truth.nearest_air(s.t_ns, s.p)?;
                (d <= gate_m(s.sigma_pos_m)).then(|| Followed::Object {
                    name: object.name.clone(),
                    distance_m: d,
                    at_ns: s.t_ns,
                    held_ns: last.t_ns,
                    row_p: s.p,
                    row_sigma_m: s.sigma_pos_m,
                })
            })
            .unwrap_or(Followed::Nothing)
    }
}

impl Tracks {
    /// The object a track's first row after `t_ns` associates with, if that row associates.
    pub(crate) fn followed_next(
        &self,
        truth: &Truth,
        node: &str,
        track: u32,
        t_ns: i64,
    ) -> Option<String> {
        let key = (node.to_owned(), "picture".to_owned(), track);
        let samples = self.by_key.get(&key)?;
        let s = samples.get(samples.partition_point(|s| s.t_ns <= t_ns))?;
        let (object, d) = truth.nearest_air(s.t_ns, s.p)?;
        (d <= gate_m(s.sigma_pos_m)).then(|| object.name.clone())
    }
}

/// The association gate of a row with this σ, m.
pub(crate) fn gate_m(sigma_pos_m: f64) -> f64 {
    GATE_FLOOR_M.max(GATE_SIGMAS * sigma_pos_m)
}
