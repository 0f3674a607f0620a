//! A phased array's time budget: dedicated dwells first, search with what remains.
//!
//! Time is planned in intervals of [`INTERVAL_S`]. At each interval's start the engine offers
//! the dwells it would like (one [`Request`] per track its node holds in the field of regard,
//! per remote track to cue, per cued search sector), each with its revisit interval and cost.
//! The scheduler serves, back to back from the interval's start, the requests that are due
//! (never served, or last served at least a revisit ago), cues before tracks before sectors
//! (a cue is an acquisition opportunity that may not come back; a held track still has its
//! search-frame looks), then the stalest first, then by key — until the dedicated share of the
//! interval, `max_track_fraction × interval`, is used. A request that does not fit stays due
//! and goes first next time (its revisit stretches: overload has a cost for tracks too).
//!
//! Search gets the rest. The steady-state load of the requests offered, `L = Σ cost/revisit`
//! capped at `max_track_fraction`, sets the next search frame's length: `P / (1 − L)` for a
//! nominal frame `P` (`scan_period_s`): the frame sweeps the same field at the rate the
//! remaining time allows, so its looks spread over the longer frame. That is the average of
//! search interleaved with dwells, not the dwell-by-dwell timeline (see "Not modelled").
//!
//! Deterministic: ordered containers only, integer nanoseconds, no randomness.
//!
//! Not modelled: the exact interleaving of search looks between dedicated dwells (search
//! looks are spread evenly over the stretched frame), dwell lengths that vary with range or
//! target, a cue noticed between interval starts (it waits for the next one, at most
//! [`INTERVAL_S`]), multiple faces with separate budgets (an all-round array is one budget).

use crate::{DwellBudget, RadarParams, ScanKind};
use base::{SimDuration, SimTime};
use std::collections::BTreeMap;

/// Length of one planning interval, s: the granularity at which revisits are honoured and
/// cues noticed (half the default ballistic revisit, so that revisit is met exactly).
pub const INTERVAL_S: f64 = 0.5;

/// Why a dwell is wanted; also its priority (earlier variants first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DwellKind {
    /// A track the node holds that this radar does not hold yet: a dwell at its predicted
    /// position so the radar acquires it (remote-track cueing).
    Cue,
    /// A track this radar holds: a track update at its class's revisit rate.
    Track,
    /// A cued search sector (a space-IR launch report's direction).
    Sector,
}

/// One dedicated dwell (or sector sweep) the engine would like. A request costing more than
/// the dedicated share of one interval is ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Request {
    /// Stable identity across intervals (a track number, a sector number): revisits are
    /// counted per key.
    pub key: u64,
    /// Why.
    pub kind: DwellKind,
    /// Wanted interval between two dwells.
    pub revisit: SimDuration,
    /// Time it takes.
    pub cost: SimDuration,
}

/// A request served: it starts at `start` and lasts its cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Planned {
    /// Index of the request in the slice given to [`Scheduler::plan`].
    pub request: usize,
    /// When the dwell starts.
    pub start: SimTime,
}

/// Where a phased array's time went (for the sensor summary).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Occupancy {
    /// Time planned, ns (intervals × interval length).
    pub planned_ns: i64,
    /// Time on dwells of each kind, ns: cue, track, sector.
    pub cue_ns: i64,
    /// See `cue_ns`.
    pub track_ns: i64,
    /// See `cue_ns`.
    pub sector_ns: i64,
    /// Dwells served, by kind: cue, track, sector.
    pub n_cue: u64,
    /// See `n_cue`.
    pub n_track: u64,
    /// See `n_cue`.
    pub n_sector: u64,
    /// Due requests that did not fit their interval (deferred).
    pub n_deferred: u64,
    /// Search frames started and their total length, ns.
    pub frames: u64,
    /// See `frames`.
    pub frames_ns: i64,
    /// Longest search frame, ns.
    pub max_frame_ns: i64,
}

impl Occupancy {
    /// Share of the planned time on dedicated dwells of every kind.
    pub fn dwell_fraction(&self) -> f64 {
        ratio(
            self.cue_ns + self.track_ns + self.sector_ns,
            self.planned_ns,
        )
    }
}

fn ratio(a: i64, b: i64) -> f64 {
    if b > 0 { a as f64 / b as f64 } else { 0.0 }
}

/// A phased array's resource manager (module docs).
#[derive(Clone, Debug)]
pub struct Scheduler {
    interval: SimDuration,
    capacity: SimDuration,
    max_fraction: f64,
    frame: SimDuration,
    dwell: SimDuration,
    budget: DwellBudget,
    /// When each key was last served (its interval's start).
    last: BTreeMap<u64, SimTime>,
    /// Steady-state load of the requests offered last, capped.
    load: f64,
    occupancy: Occupancy,
}

impl Scheduler {
    /// The scheduler of a phased array with dedicated dwells on; `None` for a rotator or an
    /// array whose `max_track_fraction` is 0 (search only).
    pub fn new(params: &RadarParams) -> Option<Self> {
        let b = params.budget;
        if params.scan != ScanKind::PhasedArray || b.max_track_fraction <= 0.0 {
            return None;
        }
        let interval = SimDuration::from_secs_f64(INTERVAL_S);
        Some(Scheduler {
            interval,
            capacity: SimDuration::from_nanos(
                (interval.as_nanos() as f64 * b.max_track_fraction) as i64,
            ),
            max_fraction: b.max_track_fraction,
            frame: SimDuration::from_secs_f64(params.scan_period_s),
            dwell: SimDuration::from_secs_f64(b.track_dwell_s),
            budget: b,
            last: BTreeMap::new(),
            load: 0.0,
            occupancy: Occupancy::default(),
        })
    }

    /// The planning interval.
    pub fn interval(&self) -> SimDuration {
        self.interval
    }
    /// One dedicated dwell's length.
    pub fn dwell(&self) -> SimDuration {
        self.dwell
    }
    /// The revisit interval of a track of this class.
    pub fn revisit(&self, ballistic: bool) -> SimDuration {
        SimDuration::from_secs_f64(if ballistic {
            self.budget.revisit_ballistic_s
        } else {
            self.budget.revisit_air_s
        })
    }
    /// The unstretched search frame (`scan_period_s`).
    pub fn nominal_frame(&self) -> SimDuration {
        self.frame
    }
    /// Where the time went so far.
    pub fn occupancy(&self) -> Occupancy {
        self.occupancy
    }
    /// The current dedicated load (share of time, capped at `max_track_fraction`).
    pub fn load(&self) -> f64 {
        self.load
    }

    /// Plans the interval starting at `now` (module docs). Returns the requests served, in
    /// start order, back to back from `now`. Requests absent from `requests` are forgotten
    /// (a key that comes back is due at once).
    pub fn plan(&mut self, now: SimTime, requests: &[Request]) -> Vec<Planned> {
        self.last
            .retain(|k, _| requests.iter().any(|r| r.key == *k));
        // A request longer than the dedicated share of an interval can never be served: it is
        // ignored (neither load nor deferral).
        let fits = |r: &Request| r.cost <= self.capacity;
        let demand: f64 = requests
            .iter()
            .filter(|r| fits(r))
            .map(|r| r.cost.as_secs_f64() / r.revisit.as_secs_f64().max(1e-9))
            .sum();
        self.load = demand.min(self.max_fraction);
        let mut due: Vec<usize> = (0..requests.len())
            .filter(|&i| {
                let r = &requests[i];
                fits(r) && self.last.get(&r.key).is_none_or(|&l| now - l >= r.revisit)
            })
            .collect();
        // Cues, then tracks, then sectors; the stalest (never served first) within a kind.
        due.sort_by_key(|&i| {
            let r = &requests[i];
            (r.kind, self.last.get(&r.key).copied(), r.key)
        });
        let mut used = SimDuration::ZERO;
        let mut out = Vec::new();
        for i in due {
            let r = &requests[i];
            if used + r.cost > self.capacity {
                self.occupancy.n_deferred += 1;
                continue;
            }
            out.push(Planned {
                request: i,
                start: now + used,
            });
            used = used + r.cost;
            self.last.insert(r.key, now);
            let o = &mut self.occupancy;
            match r.kind {
                DwellKind::Cue => (o.cue_ns += r.cost.as_nanos(), o.n_cue += 1),
                DwellKind::Track => (o.track_ns += r.cost.as_nanos(), o.n_track += 1),
                DwellKind::Sector => (o.sector_ns += r.cost.as_nanos(), o.n_sector += 1),
            };
        }
        self.occupancy.planned_ns += self.interval.as_nanos();
        out
    }

    /// The length of the search frame starting now: `P / (1 − L)` with `L` the load of the
    /// requests last offered (module docs).
    pub fn next_frame(&mut self) -> SimDuration {
        let frame = SimDuration::from_nanos(
            (self.frame.as_nanos() as f64 / (1.0 - self.load)).round() as i64,
        );
        let o = &mut self.occupancy;
        o.frames += 1;
        o.frames_ns += frame.as_nanos();
        o.max_frame_ns = o.max_frame_ns.max(frame.as_nanos());
        frame
    }
}

#[cfg(test)]
mod tests;
