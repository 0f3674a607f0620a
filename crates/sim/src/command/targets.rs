//! Target selection for a decision epoch: what the fire units' pictures hold that may be
//! engaged, grouped into *threats* — tracks that are statistically one object.
//!
//! Dual tracks (two track numbers on one object, which fusion has not yet merged) would
//! otherwise be engaged twice. The command holds every engagement's status (the combined
//! command plans for all fire units, so engagement status is what it ordered), and it treats
//! tracks a node holds side by side as one threat when their states gate together
//! (`d² = Δxᵀ(P_a + P_b)⁻¹Δx` on position and velocity ≤ χ²₆(0.999)): rounds fired or pending
//! at any of them count against the threat, and a kill assessed on any of them ends it.
//!
//! Under measurement sharing every node's composite tracker runs on the same plots (its own
//! and every releasable one received), as CEC's cooperative engagement processors do to hold
//! common composite tracks; the command then joins tracks of *different* nodes' pictures by the
//! same test (all pictures are taken at the decision instant), so a threat is engaged once
//! whichever node's picture the unit sees it in. Without sharing, tracks held only at
//! different nodes have no common numbering and are never joined: there is no coordination,
//! and that cost is real.

use super::{CommandRuntime, TargetKey};
use crate::node::HeldTrack;
use base::NodeId;
use fusion::{GateDims, TrackState, pair_statistic};
use std::collections::BTreeMap;

/// χ²₆ quantile at 0.999: tracks closer than this are one threat.
const SAME_OBJECT_D2: f64 = 22.457_744_484_825_3;

/// One threat: its tracks (the first is the representative, held first by the lowest key).
#[derive(Clone, Debug)]
pub(crate) struct Threat {
    /// Member track keys, ascending; `members[0]` represents the threat in logs and the WTA.
    pub(crate) members: Vec<TargetKey>,
    /// The representative track.
    pub(crate) track: HeldTrack,
}

impl Threat {
    /// The representative key.
    pub(crate) fn key(&self) -> TargetKey {
        self.members[0]
    }
}

impl CommandRuntime {
    /// Every track some fire unit's picture holds that is not friendly or neutral and not
    /// assessed killed, grouped into threats.
    pub(crate) fn threats(&self, pictures: &BTreeMap<NodeId, Vec<HeldTrack>>) -> Vec<Threat> {
        // Candidate tracks by key (first holder wins: units in scenario order).
        let mut tracks: BTreeMap<TargetKey, (NodeId, HeldTrack)> = BTreeMap::new();
        for u in &self.units {
            let Some(held) = pictures.get(&u.node) else {
                continue;
            };
            for h in held {
                let key = self.key(u.node, h.number);
                if tracks.contains_key(&key)
                    || self.identity_for(u.node, h.number).is_friendly_or_neutral()
                {
                    continue;
                }
                tracks.insert(key, (u.node, h.clone()));
            }
        }
        let keys: Vec<TargetKey> = tracks.keys().copied().collect();
        let mut parent: Vec<usize> = (0..keys.len()).collect();
        // Pairs held at one node (or, composite, at any nodes: every picture is taken at the
        // decision instant): union the ones that gate.
        let index = |node: NodeId, held: &[HeldTrack]| -> Vec<(usize, TrackState)> {
            held.iter()
                .filter_map(|h| {
                    let i = keys.binary_search(&self.key(node, h.number)).ok()?;
                    Some((i, state_of(h)))
                })
                .collect()
        };
        let sets: Vec<Vec<(usize, TrackState)>> = if self.composite {
            vec![
                pictures
                    .iter()
                    .flat_map(|(node, held)| index(*node, held))
                    .collect(),
            ]
        } else {
            pictures
                .iter()
                .map(|(node, held)| index(*node, held))
                .collect()
        };
        for here in sets {
            for (a, (i, sa)) in here.iter().enumerate() {
                for (j, sb) in &here[a + 1..] {
                    let same = pair_statistic(sa, sb, SAME_OBJECT_D2, GateDims::PositionVelocity)
                        .is_some_and(|(d2, _)| d2 <= SAME_OBJECT_D2);
                    if same {
                        union(&mut parent, *i, *j);
                    }
                }
            }
        }
        let mut groups: BTreeMap<usize, Vec<TargetKey>> = BTreeMap::new();
        for (i, k) in keys.iter().enumerate() {
            groups.entry(find(&mut parent, i)).or_default().push(*k);
        }
        groups
            .into_values()
            .filter(|members| !members.iter().any(|k| self.dead.contains(k)))
            .map(|members| {
                let track = tracks[&members[0]].1.clone();
                Threat { members, track }
            })
            .collect()
    }
}

pub(crate) fn state_of(h: &HeldTrack) -> TrackState {
    TrackState {
        time: h.time,
        x: fusion::Vector6::from_fn(|i, _| h.x[i]),
        p: fusion::Matrix6::from_fn(|i, j| h.p[i][j]),
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Joins two sets; the lower index becomes the root so groups are ordered by their first key.
fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    let (lo, hi) = (ra.min(rb), ra.max(rb));
    parent[hi] = lo;
}
