//! What a node's picture holds, in one shape whatever the sharing mode: the input of
//! identification, threat evaluation and engagement planning at that node.

use super::NodeRuntime;
use base::{NationSet, SensorSet, SimTime};
use c2::identify::Ballistic;
use network::wire::{IffEvidence, TrackKind};
use std::collections::BTreeMap;

/// One track of a node's picture at a decision instant.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct HeldTrack {
    /// Network track number (track sharing) or the node's local number.
    pub(crate) number: u32,
    /// Estimate time (the query instant).
    pub(crate) time: SimTime,
    /// ECEF position (m) and velocity (m/s).
    pub(crate) x: [f64; 6],
    /// Its covariance.
    pub(crate) p: [[f64; 6]; 6],
    /// Track quality 0–15.
    pub(crate) quality: u8,
    /// Freshest measurement or report behind it.
    pub(crate) last_update: SimTime,
    /// Moves ballistically (too high or fast for an air-breather).
    pub(crate) ballistic: bool,
    /// Whether an update history establishes ballistic flight (its own tracker's, or the
    /// reporter's as the kind it sent).
    pub(crate) ballistic_history: Ballistic,
    /// Who may see data derived from it.
    pub(crate) release: NationSet,
    /// Sensors behind it that this node knows by name: a local or composite track's sources,
    /// or the sources of a fused network track's own local contribution.
    pub(crate) sources: SensorSet,
    /// Nodes (by index) whose reports a fused network track holds; empty for a local or
    /// composite track.
    pub(crate) remote_nodes: Vec<u8>,
    /// Holds a first-hand (own-sensor) contribution.
    pub(crate) first_hand: bool,
    /// Accumulated IFF evidence.
    pub(crate) iff: IffEvidence,
}

impl NodeRuntime {
    /// The node's picture at `now` (empty if it holds none). `release_of` gives the marking of
    /// a local or composite track from its sources.
    pub(crate) fn held_tracks(
        &self,
        now: SimTime,
        release_of: &dyn Fn(&tracking::tracker::TrackReport) -> NationSet,
    ) -> Vec<HeldTrack> {
        if let Some(p) = &self.picture {
            // Sources of the node's own local tracks, for the provenance of fused tracks.
            let local: BTreeMap<u32, SensorSet> =
                self.tracker.as_ref().map_or_else(BTreeMap::new, |t| {
                    t.latest()
                        .into_iter()
                        .map(|r| (r.number.0, r.sources))
                        .collect()
                });
            return p
                .system_tracks(now)
                .into_iter()
                .map(|s| {
                    let remote = self.remote.get(&s.tn.get()).copied().unwrap_or_default();
                    let mut iff = remote.iff;
                    let mut established = remote.kind == TrackKind::Ballistic;
                    if let Some(l) = s.local_id {
                        let l = tracking::tracker::TrackNumber(l);
                        let own = self.evidence.iff(l);
                        iff.interrogated |= own.interrogated;
                        iff.military_reply |= own.military_reply;
                        iff.civil_reply |= own.civil_reply;
                        established |= self.evidence.established(l, &self.id_rules);
                    }
                    let ballistic_history = match (s.ballistic, established) {
                        (false, _) => Ballistic::No,
                        (true, false) => Ballistic::Unconfirmed,
                        (true, true) => Ballistic::Established,
                    };
                    HeldTrack {
                        number: s.tn.get(),
                        time: s.state.time,
                        x: core::array::from_fn(|i| s.state.x[i]),
                        p: core::array::from_fn(|i| core::array::from_fn(|j| s.state.p[(i, j)])),
                        quality: quality(&s.state.p),
                        last_update: s.last_update,
                        ballistic: s.ballistic,
                        ballistic_history,
                        release: s.release,
                        sources: s
                            .local_id
                            .and_then(|l| local.get(&l).cloned())
                            .unwrap_or_default(),
                        remote_nodes: s.remote_origins.clone(),
                        first_hand: s.local_id.is_some(),
                        iff,
                    }
                })
                .collect();
        }
        self.local_tracks(now)
            .iter()
            .map(|r| HeldTrack {
                number: r.number.0,
                time: r.estimate.time,
                x: core::array::from_fn(|i| r.estimate.x[i]),
                p: core::array::from_fn(|i| core::array::from_fn(|j| r.estimate.p[(i, j)])),
                quality: r.quality,
                last_update: r.last_update,
                ballistic: r.ballistic,
                ballistic_history: self.evidence.ballistic(r, &self.id_rules),
                release: release_of(r),
                sources: r.sources.clone(),
                remote_nodes: Vec::new(),
                first_hand: true,
                iff: self.evidence.iff(r.number),
            })
            .collect()
    }
}

fn quality(p: &fusion::Matrix6) -> u8 {
    let trace = p[(0, 0)] + p[(1, 1)] + p[(2, 2)];
    tracking::tracker::quality_from_sigma(trace.max(0.0).sqrt())
}

/// What received track reports said about a track, by network track number: IFF evidence
/// (OR-ed over reports) and the kind (the latest reporter's, except that an established
/// Ballistic stays).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RemoteEvidence {
    pub(crate) iff: IffEvidence,
    pub(crate) kind: TrackKind,
}

impl Default for RemoteEvidence {
    fn default() -> Self {
        RemoteEvidence {
            iff: IffEvidence::default(),
            kind: TrackKind::Unknown,
        }
    }
}

/// [`RemoteEvidence`] by network track number.
pub(crate) type Remote = BTreeMap<u32, RemoteEvidence>;
