//! What a node has learned about each of its local tracks from its own plots: IFF replies
//! (joined through the tracker's last-used measurement id), a kinematic class and whether the
//! track's update history establishes ballistic flight (`c2::identify::ballistic`: judged here,
//! where the measurements are, and sent on the link as the track's kind). Evidence, not
//! identity: declaring identity is C2's job.

use base::SimTime;
use c2::identify::ballistic::Update;
use c2::identify::{Ballistic, FreeFallHistory, IdRules};
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
    free_fall: BTreeMap<TrackNumber, FreeFallHistory>,
}

impl Evidence {
    /// Remembers the IFF result of a plot the node's tracker received.
    pub(crate) fn plot(&mut self, measurement: u64, t: SimTime, iff: IffResponse) {
        self.plots.insert(measurement, (t, iff));
    }

    /// Folds the plot last used by each track into the track's evidence and its latest
    /// measurement update into its free-fall history; forgets old plots and dead tracks.
    /// `tracks`: every live track as of its latest update (`Tracker::latest`), after each scan.
    pub(crate) fn update(&mut self, now: SimTime, tracks: &[TrackReport]) {
        for r in tracks {
            if r.estimate.time == r.last_update {
                let e = &r.estimate;
                self.free_fall.entry(r.number).or_default().observe(Update {
                    t_s: e.time.as_secs_f64(),
                    position_m: [e.x[0], e.x[1], e.x[2]],
                    velocity_mps: [e.x[3], e.x[4], e.x[5]],
                    velocity_cov: core::array::from_fn(|i| {
                        core::array::from_fn(|j| e.p[(3 + i, 3 + j)])
                    }),
                });
            }
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
        self.free_fall
            .retain(|n, _| tracks.iter().any(|r| r.number == *n));
    }

    /// Whether a local track's update history establishes free fall.
    pub(crate) fn established(&self, track: TrackNumber, rules: &IdRules) -> bool {
        self.free_fall
            .get(&track)
            .is_some_and(|h| h.established(rules))
    }

    /// What a local track's kinematic class and history say about ballistic flight.
    pub(crate) fn ballistic(&self, r: &TrackReport, rules: &IdRules) -> Ballistic {
        match (r.ballistic, self.established(r.number, rules)) {
            (false, _) => Ballistic::No,
            (true, false) => Ballistic::Unconfirmed,
            (true, true) => Ballistic::Established,
        }
    }

    /// The kind a local track is reported as (the wire's `TrackKind`).
    pub(crate) fn kind(&self, r: &TrackReport, rules: &IdRules) -> TrackKind {
        match self.ballistic(r, rules) {
            Ballistic::No => TrackKind::Air,
            Ballistic::Unconfirmed => TrackKind::BallisticUnconfirmed,
            Ballistic::Established => TrackKind::Ballistic,
        }
    }

    /// The accumulated IFF evidence of a local track.
    pub(crate) fn iff(&self, track: TrackNumber) -> IffEvidence {
        self.tracks.get(&track).copied().unwrap_or_default()
    }
}
