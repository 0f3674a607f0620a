//! What a node has learned about each of its local tracks from its own plots: IFF replies
//! (joined through the tracker's last-used measurement id) and a kinematic class. Evidence,
//! not identity: declaring identity is C2's job.

use base::SimTime;
use network::wire::{IffEvidence, TrackKind};
use picture::IffResponse;
use std::collections::BTreeMap;
use tracking::tracker::{TrackNumber, TrackReport};

/// Plots older than this are forgotten (a track's last-used plot is at most one revisit old).
const KEEP_S: i64 = 120;

/// Per-node evidence store.
#[derive(Debug, Default)]
pub(crate) struct Evidence {
    plots: BTreeMap<u64, (SimTime, IffResponse)>,
    tracks: BTreeMap<TrackNumber, IffEvidence>,
}

impl Evidence {
    /// Remembers the IFF result of a plot the node's tracker received.
    pub(crate) fn plot(&mut self, measurement: u64, t: SimTime, iff: IffResponse) {
        self.plots.insert(measurement, (t, iff));
    }

    /// Folds the plot last used by each track into the track's evidence; forgets old plots
    /// and dead tracks.
    pub(crate) fn update(&mut self, now: SimTime, tracks: &[TrackReport]) {
        for r in tracks {
            let e = self.tracks.entry(r.number).or_default();
            if let Some((_, iff)) = r.last_measurement.and_then(|m| self.plots.get(&m)) {
                match iff {
                    IffResponse::NotInterrogated => {}
                    IffResponse::NoReply => e.interrogated = true,
                    IffResponse::Reply(picture::IffMode::Military) => {
                        e.interrogated = true;
                        e.military_reply = true;
                    }
                    IffResponse::Reply(picture::IffMode::Civil) => {
                        e.interrogated = true;
                        e.civil_reply = true;
                    }
                }
            }
        }
        let cutoff = now - base::SimDuration::from_secs(KEEP_S);
        self.plots.retain(|_, (t, _)| *t >= cutoff);
        self.tracks
            .retain(|n, _| tracks.iter().any(|r| r.number == *n));
    }

    /// The accumulated IFF evidence of a local track.
    pub(crate) fn iff(&self, track: TrackNumber) -> IffEvidence {
        self.tracks.get(&track).copied().unwrap_or_default()
    }
}

/// Kinematic class of a local track: the tracker's (sticky: too high or too fast for an
/// air-breather once, ballistic from then on; `tracking::tracker` docs). C2 refines it.
pub(crate) fn kind_of(report: &TrackReport) -> TrackKind {
    if report.ballistic {
        TrackKind::Ballistic
    } else {
        TrackKind::Air
    }
}
