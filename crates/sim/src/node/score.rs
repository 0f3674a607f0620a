//! Scoring one picture (a node's local tracks or its common picture) against truth: GOSPA (and
//! its time series), continuity, SIAP measures, and when each object was first held. Scoring
//! reads truth; it never feeds back.

use crate::siap::{SiapAccumulator, SiapSummary};
use crate::summary::PictureSummary;
use crate::world::World;
use base::{ObjectId, Side, SimDuration, SimTime};
use c2::identify::Identity;
use metrics::{ContinuityCounter, Gospa};
use std::collections::{BTreeMap, BTreeSet};

/// GOSPA cut-off for scoring node pictures, metres: a track farther than this from every
/// truth counts as false (and the truth as missed). Wide enough for ballistic tracks fed by
/// 10 s rotators, tight enough that a track on the wrong object never scores as localised.
pub(crate) const GOSPA_C_M: f64 = 5_000.0;
/// GOSPA order (1: errors add linearly, as in the Stone Soup benchmark).
pub(crate) const GOSPA_P: f64 = 1.0;

/// Every air object alive at one instant (what node pictures are scored against), gathered
/// once per sample for all nodes.
#[derive(Debug, Default)]
pub(crate) struct AirTruth {
    /// ECEF positions, m.
    pub(crate) positions: Vec<[f64; 3]>,
    /// Object ids, same order.
    pub(crate) ids: Vec<u64>,
    /// Truth sides, same order (identification scoring).
    pub(crate) sides: Vec<Side>,
}

impl AirTruth {
    pub(crate) fn at(now: SimTime, world: &World) -> Self {
        let mut air = AirTruth::default();
        for o in world.objects.iter().filter(|o| o.signature.is_some()) {
            if let Some(s) = o.trajectory.state_at(now) {
                let v = s.position.xyz_m();
                air.positions.push([v.x, v.y, v.z]);
                air.ids.push(u64::from(o.id.get()));
                air.sides.push(o.side);
            }
        }
        air
    }
}

/// One picture's tracks at a sample: ids (local numbers or network track numbers) and ECEF
/// positions.
#[derive(Debug, Default)]
pub(crate) struct Held {
    pub(crate) ids: Vec<u64>,
    pub(crate) positions: Vec<[f64; 3]>,
}

/// Tracks the GOSPA assignment left over that lie within the cut-off of an object that has an
/// assigned track: (track index, object index of the nearest such object). These are second
/// tracks on one object (dual tracks), not false ones. O(unassigned tracks × objects).
pub(crate) fn extra_associations(air: &AirTruth, held: &Held, g: &Gospa) -> Vec<(usize, usize)> {
    let mut assigned = vec![false; held.ids.len()];
    for k in g.assignment.iter().flatten() {
        assigned[*k] = true;
    }
    let mut extra = Vec::new();
    for (k, p) in held.positions.iter().enumerate() {
        if assigned[k] {
            continue;
        }
        let nearest = (0..air.ids.len())
            .map(|j| (j, distance(p, &air.positions[j])))
            .filter(|(_, d)| *d < GOSPA_C_M)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((j, _)) = nearest
            && g.assignment[j].is_some()
        {
            extra.push((k, j));
        }
    }
    extra
}

pub(crate) fn distance(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// Running score of one picture.
#[derive(Debug)]
pub(crate) struct Scorer {
    /// Truth-sample period, s (SIAP times are counted in samples).
    period_s: f64,
    continuity: ContinuityCounter,
    siap: SiapAccumulator,
    /// (t, GOSPA) at every sample.
    series: Vec<(f64, f64)>,
    ids_seen: BTreeSet<u64>,
    gospa_sums: [f64; 4],
    n_samples: u64,
    /// First time a track of this picture was assigned to each object.
    first_held: BTreeMap<ObjectId, SimTime>,
}

impl Scorer {
    /// A scorer for a picture sampled every `period`.
    pub(crate) fn new(period: SimDuration) -> Self {
        Scorer {
            period_s: period.as_secs_f64(),
            continuity: ContinuityCounter::default(),
            siap: SiapAccumulator::default(),
            series: Vec::new(),
            ids_seen: BTreeSet::new(),
            gospa_sums: [0.0; 4],
            n_samples: 0,
            first_held: BTreeMap::new(),
        }
    }

    /// Scores `held` against `air` at `now`; returns the GOSPA result (its assignment maps
    /// truth index → track index) for further picture measures. `identity` gives the identity
    /// the node declared for a track number, if it declares identities.
    pub(crate) fn sample(
        &mut self,
        now: SimTime,
        air: &AirTruth,
        held: &Held,
        identity: Option<&dyn Fn(u64) -> Identity>,
    ) -> Gospa {
        self.ids_seen.extend(held.ids.iter().copied());
        let g = metrics::gospa(&air.positions, &held.positions, GOSPA_C_M, GOSPA_P);
        self.continuity.record_gospa(&air.ids, &held.ids, &g);
        let extra = extra_associations(air, held, &g);
        self.siap.sample(air, held, &g, &extra, identity);
        self.series.push((now.as_secs_f64(), g.total));
        for (j, assigned) in g.assignment.iter().enumerate() {
            if assigned.is_some() {
                let object = ObjectId::new(air.ids[j] as usize);
                self.first_held.entry(object).or_insert(now);
            }
        }
        let half = GOSPA_C_M.powf(GOSPA_P) / 2.0;
        for (sum, v) in self.gospa_sums.iter_mut().zip([
            g.total,
            g.localisation,
            g.missed / half,
            g.false_tracks / half,
        ]) {
            *sum += v;
        }
        self.n_samples += 1;
        g
    }

    /// (t, GOSPA) at every truth sample, s and m.
    pub(crate) fn series(&self) -> &[(f64, f64)] {
        &self.series
    }

    /// The picture's SIAP measures.
    pub(crate) fn siap(&self) -> SiapSummary {
        self.siap.summary(&self.continuity.summary(), self.period_s)
    }

    /// When this picture first held `object`.
    pub(crate) fn first_held(&self, object: ObjectId) -> Option<SimTime> {
        self.first_held.get(&object).copied()
    }

    /// The summary; latency counts from `reference` (first detection by the relevant sensors)
    /// to the first time a track of this picture held each threat.
    pub(crate) fn summary(
        &self,
        world: &World,
        reference: &BTreeMap<ObjectId, SimTime>,
    ) -> PictureSummary {
        let n = self.n_samples.max(1) as f64;
        let latencies: Vec<f64> = self
            .first_held
            .iter()
            .filter(|(o, _)| world.objects[o.index()].kind.is_threat())
            .filter_map(|(o, t)| reference.get(o).map(|d| (*t - *d).as_secs_f64()))
            .collect();
        let c = self.continuity.summary();
        PictureSummary {
            tracks: self.ids_seen.len() as u64,
            gospa_mean: self.gospa_sums[0] / n,
            gospa_localisation_mean: self.gospa_sums[1] / n,
            gospa_missed_mean: self.gospa_sums[2] / n,
            gospa_false_mean: self.gospa_sums[3] / n,
            threats_tracked: latencies.len() as u64,
            mean_track_latency_s: (!latencies.is_empty())
                .then(|| latencies.iter().sum::<f64>() / latencies.len() as f64),
            track_breaks: c.sum.breaks,
            track_id_changes: c.sum.id_changes,
        }
    }
}
