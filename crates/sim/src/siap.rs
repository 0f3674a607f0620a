//! Single-integrated-air-picture (SIAP) measures of one picture against truth, accumulated at
//! truth samples (Votruba et al. 2001, as Stone Soup's SIAP metrics; PRIMER §8.2).
//!
//! Association reuses the picture's GOSPA assignment (c = 5 km): the assigned track is an
//! object's *primary* track; a further track within the cut-off of an object that already has
//! a primary counts as associated too (a dual track: ambiguity), as the network dual-track
//! measure counts it. Everything else is spurious. Scoring reads truth; it never feeds back.

use crate::node::{AirTruth, Held};
use base::Side;
use c2::identify::Identity;
use metrics::Gospa;
use serde::Serialize;

/// SIAP measures of one picture over a run. Ratios are null when their denominator is zero.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SiapSummary {
    /// Truth samples scored.
    pub samples: u64,
    /// ΣJ: air objects present, summed over samples.
    pub truths: u64,
    /// ΣJT: objects with a primary track, summed over samples.
    pub truths_tracked: u64,
    /// ΣN: tracks held, summed over samples.
    pub tracks: u64,
    /// ΣNA: tracks associated with an object (primary or dual), summed over samples.
    pub tracks_assigned: u64,
    /// C = ΣJT / ΣJ (target 1).
    pub completeness: Option<f64>,
    /// A = ΣNA / ΣJT (target 1; above 1: dual tracks).
    pub ambiguity: Option<f64>,
    /// S = Σ(N − NA) / ΣN (target 0).
    pub spuriousness: Option<f64>,
    /// Mean distance from a primary track to its object, m.
    pub position_accuracy_m: Option<f64>,
    /// R = Σ_j (NU_j − 1) / Σ_j TT_j: track-number changes per second tracked (NU_j segments
    /// of object j under one primary track number, TT_j time it was tracked).
    pub continuity_rate_per_s: Option<f64>,
    /// LS = Σ_j TL_j / Σ_j T_j: longest run under one track number over time present.
    pub longest_segment_ratio: Option<f64>,
    /// (ΣJT − ΣJU) / ΣJT: tracked objects with a declared identity (null unless the node
    /// declares identities).
    pub id_completeness: Option<f64>,
    /// ΣJC / ΣJT: tracked objects whose every declared identity is correct.
    pub id_correctness: Option<f64>,
    /// ΣJA / ΣJT: tracked objects whose tracks carry both correct and incorrect identities.
    pub id_ambiguity: Option<f64>,
}

/// Network-wide SIAP: the mean of each measure over the nodes whose picture has it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SiapNetwork {
    /// Picture-holding nodes averaged over.
    pub nodes: u64,
    /// Mean completeness.
    pub completeness: Option<f64>,
    /// Mean ambiguity.
    pub ambiguity: Option<f64>,
    /// Mean spuriousness.
    pub spuriousness: Option<f64>,
    /// Mean position accuracy, m.
    pub position_accuracy_m: Option<f64>,
    /// Mean continuity rate, 1/s.
    pub continuity_rate_per_s: Option<f64>,
    /// Mean longest-segment ratio.
    pub longest_segment_ratio: Option<f64>,
    /// Mean identification completeness (identity-declaring nodes).
    pub id_completeness: Option<f64>,
    /// Mean identification correctness.
    pub id_correctness: Option<f64>,
    /// Mean identification ambiguity.
    pub id_ambiguity: Option<f64>,
    /// Commonality across node pictures (as `network.commonality`).
    pub commonality: Option<f64>,
}

impl SiapNetwork {
    /// Means over `nodes` (each field over the nodes where it is not null).
    pub(crate) fn of(nodes: &[&SiapSummary], commonality: Option<f64>) -> Self {
        let mean = |f: fn(&SiapSummary) -> Option<f64>| {
            let v: Vec<f64> = nodes.iter().filter_map(|s| f(s)).collect();
            (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
        };
        SiapNetwork {
            nodes: nodes.len() as u64,
            completeness: mean(|s| s.completeness),
            ambiguity: mean(|s| s.ambiguity),
            spuriousness: mean(|s| s.spuriousness),
            position_accuracy_m: mean(|s| s.position_accuracy_m),
            continuity_rate_per_s: mean(|s| s.continuity_rate_per_s),
            longest_segment_ratio: mean(|s| s.longest_segment_ratio),
            id_completeness: mean(|s| s.id_completeness),
            id_correctness: mean(|s| s.id_correctness),
            id_ambiguity: mean(|s| s.id_ambiguity),
            commonality,
        }
    }
}

/// Identification sums: [JT, JU, JC, JI, JA] over samples.
type IdSums = [u64; 5];

/// Running SIAP sums of one picture.
#[derive(Debug, Default)]
pub(crate) struct SiapAccumulator {
    samples: u64,
    j: u64,
    jt: u64,
    n: u64,
    na: u64,
    error_sum_m: f64,
    id: Option<IdSums>,
}

/// True if `identity` is the right declaration for an object of truth side `side`; `None` if
/// it declares nothing (pending or unknown).
pub(crate) fn id_correct(side: Side, identity: Identity) -> Option<bool> {
    let declared = match identity {
        Identity::Pending | Identity::Unknown => return None,
        Identity::Hostile | Identity::Suspect => Side::Hostile,
        Identity::Friend | Identity::AssumedFriend => Side::Friendly,
        Identity::Neutral => Side::Neutral,
    };
    Some(declared == side)
}

impl SiapAccumulator {
    /// Scores one sample. `extra`: (track, object) indices of associated non-primary tracks;
    /// `identity`: the identity declared for a track number, for nodes that declare them.
    pub(crate) fn sample(
        &mut self,
        air: &AirTruth,
        held: &Held,
        g: &Gospa,
        extra: &[(usize, usize)],
        identity: Option<&dyn Fn(u64) -> Identity>,
    ) {
        self.samples += 1;
        self.j += air.ids.len() as u64;
        self.n += held.ids.len() as u64;
        self.na += extra.len() as u64;
        for (j, assigned) in g.assignment.iter().enumerate() {
            if let Some(k) = *assigned {
                self.jt += 1;
                self.na += 1;
                self.error_sum_m += distance(&air.positions[j], &held.positions[k]);
            }
        }
        if let Some(identity) = identity {
            let sums = self.id.get_or_insert([0; 5]);
            for (j, assigned) in g.assignment.iter().enumerate() {
                let Some(k) = *assigned else { continue };
                let tracks = std::iter::once(k)
                    .chain(extra.iter().filter(|(_, o)| *o == j).map(|(t, _)| *t));
                let verdicts: Vec<bool> = tracks
                    .filter_map(|t| id_correct(air.sides[j], identity(held.ids[t])))
                    .collect();
                sums[0] += 1;
                let slot = match (verdicts.iter().any(|v| *v), verdicts.iter().any(|v| !v)) {
                    (false, false) => 1,
                    (true, false) => 2,
                    (false, true) => 3,
                    (true, true) => 4,
                };
                sums[slot] += 1;
            }
        }
    }

    /// The summary. `continuity`: the same picture's continuity (segments per object under
    /// the GOSPA assignment, counted in samples); `period_s`: the truth-sample period.
    pub(crate) fn summary(&self, continuity: &metrics::Continuity, period_s: f64) -> SiapSummary {
        let ratio = |a: f64, b: u64| (b > 0).then(|| a / b as f64);
        let c = continuity;
        let id = self.id.map(|[jt, ju, jc, _, ja]| {
            (
                ratio((jt - ju) as f64, jt),
                ratio(jc as f64, jt),
                ratio(ja as f64, jt),
            )
        });
        SiapSummary {
            samples: self.samples,
            truths: self.j,
            truths_tracked: self.jt,
            tracks: self.n,
            tracks_assigned: self.na,
            completeness: ratio(self.jt as f64, self.j),
            ambiguity: ratio(self.na as f64, self.jt),
            spuriousness: ratio(self.n.saturating_sub(self.na) as f64, self.n),
            position_accuracy_m: ratio(self.error_sum_m, self.jt),
            continuity_rate_per_s: (c.sum.tracked_steps > 0)
                .then(|| c.rate_of_track_number_changes() / period_s),
            longest_segment_ratio: (c.sum.steps > 0).then(|| c.longest_segment_ratio()),
            id_completeness: id.and_then(|x| x.0),
            id_correctness: id.and_then(|x| x.1),
            id_ambiguity: id.and_then(|x| x.2),
        }
    }
}

fn distance(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::{GOSPA_C_M, Scorer};
    use base::{SimDuration, SimTime};

    fn air() -> AirTruth {
        AirTruth {
            positions: vec![[0.0; 3], [100_000.0, 0.0, 0.0], [0.0, 100_000.0, 0.0]],
            ids: vec![10, 11, 12],
            sides: vec![Side::Hostile, Side::Neutral, Side::Friendly],
        }
    }

    fn held(tracks: &[(u64, [f64; 3])]) -> Held {
        Held {
            ids: tracks.iter().map(|t| t.0).collect(),
            positions: tracks.iter().map(|t| t.1).collect(),
        }
    }

    fn identity(track: u64) -> Identity {
        match track {
            1 | 5 => Identity::Hostile,
            2 => Identity::Friend,
            3 => Identity::Neutral,
            _ => Identity::Pending,
        }
    }

    #[test]
    fn siap_of_two_samples_matches_hand_counts() {
        let mut s = Scorer::new(SimDuration::from_secs(2));
        let id: &dyn Fn(u64) -> Identity = &identity;
        // Sample 1: object 10 held by track 1 (10 m off); object 11 by track 2 (20 m) and
        // dual track 3 (100 m); object 12 missed; track 4 spurious.
        let first = held(&[
            (1, [10.0, 0.0, 0.0]),
            (2, [100_020.0, 0.0, 0.0]),
            (3, [100_100.0, 0.0, 0.0]),
            (4, [0.0, 0.0, 500_000.0]),
        ]);
        let g = s.sample(SimTime::ZERO, &air(), &first, Some(id));
        assert_eq!(g.assignment, vec![Some(0), Some(1), None]);
        // Sample 2: object 10 now under track 5 (a number change), 11 still under track 2.
        let second = held(&[(5, [0.0, 30.0, 0.0]), (2, [100_000.0, 40.0, 0.0])]);
        s.sample(SimTime::from_secs(2), &air(), &second, Some(id));
        let r = s.siap();
        // J = 3 + 3, JT = 2 + 2, N = 4 + 2, NA = 3 + 2.
        assert_eq!(
            (r.truths, r.truths_tracked, r.tracks, r.tracks_assigned),
            (6, 4, 6, 5)
        );
        assert_eq!(r.completeness, Some(4.0 / 6.0));
        assert_eq!(r.ambiguity, Some(5.0 / 4.0));
        assert_eq!(r.spuriousness, Some(1.0 / 6.0));
        assert_eq!(
            r.position_accuracy_m,
            Some((10.0 + 20.0 + 30.0 + 40.0) / 4.0)
        );
        // Object 10: two segments over 2 tracked samples, object 11 one over 2: R = 1 / 4
        // per sample = 1 / 8 per second. LS = (1 + 2 + 0) / (2 + 2 + 2).
        assert_eq!(r.continuity_rate_per_s, Some(0.125));
        assert_eq!(r.longest_segment_ratio, Some(0.5));
        // Identification, JT = 4: object 10 correct twice (hostile ↔ Hostile); object 11 is
        // ambiguous in sample 1 (Friend wrong, Neutral right) and wrong in sample 2.
        assert_eq!(r.id_completeness, Some(1.0));
        assert_eq!(r.id_correctness, Some(0.5));
        assert_eq!(r.id_ambiguity, Some(0.25));
        assert_eq!(s.series().len(), 2);
        assert_eq!(s.series()[1].0, 2.0);
        // Sample 2's GOSPA: two localisation errors and one missed object (c / 2).
        assert!((s.series()[1].1 - (30.0 + 40.0 + GOSPA_C_M / 2.0)).abs() < 1e-9);
    }

    #[test]
    fn nothing_declared_gives_no_identification_measures() {
        let mut s = Scorer::new(SimDuration::from_secs(1));
        s.sample(SimTime::ZERO, &air(), &held(&[(1, [0.0; 3])]), None);
        let r = s.siap();
        assert_eq!(r.id_correctness, None);
        assert_eq!(r.completeness, Some(1.0 / 3.0));
        let pending: &dyn Fn(u64) -> Identity = &|_| Identity::Pending;
        s.sample(
            SimTime::from_secs(1),
            &air(),
            &held(&[(1, [0.0; 3])]),
            Some(pending),
        );
        let r = s.siap();
        // One tracked object with no declared identity: ID completeness 0.
        assert_eq!(
            (r.id_completeness, r.id_correctness),
            (Some(0.0), Some(0.0))
        );
    }

    #[test]
    fn id_correctness_maps_sides_to_identities() {
        use Identity::*;
        for (side, right) in [
            (Side::Hostile, [Hostile, Suspect]),
            (Side::Friendly, [Friend, AssumedFriend]),
            (Side::Neutral, [Neutral, Neutral]),
        ] {
            for i in Identity::ALL {
                let expected = match i {
                    Pending | Unknown => None,
                    _ => Some(right.contains(&i)),
                };
                assert_eq!(id_correct(side, i), expected, "{side:?} {i:?}");
            }
        }
    }

    #[test]
    fn network_means_skip_nodes_without_a_measure() {
        let mut a = Scorer::new(SimDuration::from_secs(1));
        a.sample(SimTime::ZERO, &air(), &held(&[(1, [0.0; 3])]), None);
        let mut b = Scorer::new(SimDuration::from_secs(1));
        let id: &dyn Fn(u64) -> Identity = &identity;
        b.sample(
            SimTime::ZERO,
            &air(),
            &held(&[(1, [0.0; 3]), (2, [100_000.0, 0.0, 0.0])]),
            Some(id),
        );
        let (sa, sb) = (a.siap(), b.siap());
        let n = SiapNetwork::of(&[&sa, &sb], Some(0.75));
        assert_eq!(n.nodes, 2);
        assert_eq!(n.completeness, Some((1.0 / 3.0 + 2.0 / 3.0) / 2.0));
        assert_eq!(n.id_correctness, sb.id_correctness);
        assert_eq!(n.id_correctness, Some(0.5));
        assert_eq!(n.commonality, Some(0.75));
    }
}
