//! Combined command and control in a run: identification, threat evaluation, rules of
//! engagement, weapon-target assignment and engagement execution.
//!
//! Every decision period the command looks at each fire unit's node picture (what that node
//! holds — its common picture under track sharing). Identities are declared by the nearest
//! node up the unit's chain that holds identification authority (under track sharing the
//! network track number ties the unit's track to the authority's; otherwise the unit's own
//! picture is identified under delegated authority). A unit acts on the identity its node
//! *holds*: the authority's `IdentityChange` messages as received over the link (latency,
//! loss, releasability; `node::Identities`), or the declaration itself when the unit's node is
//! the authority. Hostile-looking tracks are evaluated
//! (`c2::threat`), every (fire unit, track) pair with an engagement window (`engagement`) is
//! put through the rules of engagement (`c2::roe`; every change of verdict logged with its
//! reason), and the permitted pairs, with kill probabilities that fall with the guiding
//! track's error and age, go to one alliance-wide WTA (`c2::wta`, the scenario's solver).
//! Orders launch after the approval chain's decision latency and the launcher's reaction;
//! interceptors fly out (`engagement::Flyout`) with in-flight updates from the track; at
//! intercept the engine scores the end game against truth (the realised miss), destroys what
//! is killed, and kill assessment (with its error rates) decides whether the unit may shoot
//! again (shoot-look-shoot).

mod assign;
mod engage;
mod ident;
mod moe;
mod opportunity;
mod pairs;
mod plan;
mod targets;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_identity;
#[cfg(test)]
mod tests_remote;
#[cfg(test)]
mod tests_shots;
mod units;

pub(crate) use engage::{ASSESS_DELAY, Engagement};
pub use moe::{DeniedReasons, EngagementMoe};

use crate::input::{Input, Sharing};
use crate::node::{HeldTrack, NodeRuntime};
use crate::world::World;
use base::{NodeId, SimTime};
use c2::identify::{IdRules, Identity};
use std::collections::{BTreeMap, BTreeSet};
use units::FireUnitRuntime;

/// An identification authority's change of a track's identity, for the link.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Declaration {
    pub(crate) authority: NodeId,
    pub(crate) track: u32,
    pub(crate) identity: Identity,
    pub(crate) at: SimTime,
    /// The track's releasability at the authority and the authority's own marking.
    pub(crate) release: base::NationSet,
}

/// A target as command knows it: under track sharing the network track number is the same at
/// every node; otherwise a track is only meaningful at the node holding it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct TargetKey {
    /// Holding node (`None`: a network track number, valid at every node).
    pub(crate) node: Option<NodeId>,
    /// Track number.
    pub(crate) track: u32,
}

/// The key of `track` held at `node`.
fn target_key(track_sharing: bool, node: NodeId, track: u32) -> TargetKey {
    TargetKey {
        node: (!track_sharing).then_some(node),
        track,
    }
}

/// The command's state over a run.
#[derive(Debug)]
pub(crate) struct CommandRuntime {
    pub(crate) units: Vec<FireUnitRuntime>,
    /// Authority node per fire-unit node (for identification).
    authority: BTreeMap<NodeId, NodeId>,
    identities: BTreeMap<(NodeId, u32), Identity>,
    /// What each fire unit's node holds from its authority (received over the link), taken
    /// before each decision epoch.
    received: BTreeMap<(NodeId, u32), Identity>,
    /// Declarations made since the engine last took them (it puts them on the link).
    declarations: Vec<Declaration>,
    first_held: BTreeMap<(NodeId, u32), SimTime>,
    /// Shots per target against `max_shots_per_threat`: rounds launched plus orders still
    /// waiting for their launch. An order called off in its launcher is given back (a round
    /// that never left is no shot); one destroyed in flight stays spent.
    shots: BTreeMap<TargetKey, u32>,
    /// Interceptors ordered or in flight per target (shoot-look-shoot waits for them).
    pending: BTreeMap<TargetKey, u32>,
    /// Targets assessed killed: never re-engaged.
    dead: BTreeSet<TargetKey>,
    /// Where and when kills were reported: (intercept time, aim point, that round's basket).
    /// A track that passes through one of them is the killed object's dual or its debris.
    kill_points: Vec<(SimTime, [f64; 3], f64)>,
    pub(crate) engagements: BTreeMap<u64, Engagement>,
    next_engagement: u64,
    /// Last verdict per (fire unit, threat), so only changes are logged.
    verdicts: BTreeMap<(usize, TargetKey), c2::roe::Decision>,
    /// Last evaluation outcome per (fire unit, threat), so only changes are logged.
    opportunities: BTreeMap<(usize, TargetKey), &'static str>,
    /// Truth objects destroyed by an intercept (scoring: the end game never acquires debris).
    destroyed: BTreeSet<base::ObjectId>,
    /// Ballistic-coefficient estimate per track.
    drag: BTreeMap<TargetKey, plan::DragTrack>,
    plans: ident::FlightPlans,
    id_rules: IdRules,
    wcs: c2::roe::WcsSchedule,
    threat_cache: BTreeMap<TargetKey, plan::Assessed>,
    pub(crate) moe: EngagementMoe,
    track_sharing: bool,
    /// Measurement sharing: every node's composite picture is built from the same plots, so
    /// the command may recognise one object in several nodes' pictures (`targets`).
    composite: bool,
}

impl CommandRuntime {
    pub(crate) fn build(input: &Input, world: &World, seed: u64) -> Self {
        let units = FireUnitRuntime::build(input, world, seed);
        let track_sharing = input.network.sharing == Sharing::Track;
        let mut authority = BTreeMap::new();
        for u in &units {
            let mut at = u.node;
            if track_sharing {
                loop {
                    let spec = &input.nodes[at.index()];
                    if spec.declares_identity {
                        break;
                    }
                    match spec.parent {
                        Some(p) => at = p,
                        None => {
                            at = u.node;
                            break;
                        }
                    }
                }
            }
            authority.insert(u.node, at);
        }
        CommandRuntime {
            units,
            authority,
            identities: BTreeMap::new(),
            received: BTreeMap::new(),
            declarations: Vec::new(),
            first_held: BTreeMap::new(),
            shots: BTreeMap::new(),
            pending: BTreeMap::new(),
            dead: BTreeSet::new(),
            kill_points: Vec::new(),
            engagements: BTreeMap::new(),
            next_engagement: 1,
            verdicts: BTreeMap::new(),
            opportunities: BTreeMap::new(),
            drag: BTreeMap::new(),
            destroyed: BTreeSet::new(),
            plans: ident::FlightPlans {
                plans: plan::flight_plans(input, world),
            },
            id_rules: input.identification.clone(),
            wcs: plan::wcs_schedule(input),
            threat_cache: BTreeMap::new(),
            moe: EngagementMoe::default(),
            track_sharing,
            composite: input.network.sharing == Sharing::Measurement,
        }
    }

    /// Identification at every authority: returns the identity-change events.
    fn identify_all(
        &mut self,
        now: SimTime,
        input: &Input,
        pictures: &BTreeMap<NodeId, Vec<HeldTrack>>,
        assets_ecef: &[[f64; 3]],
    ) -> Vec<crate::log::EventKind> {
        let mut events = Vec::new();
        let authorities: BTreeSet<NodeId> = self.authority.values().copied().collect();
        for a in authorities {
            let Some(held) = pictures.get(&a) else {
                continue;
            };
            for h in held {
                let first = *self.first_held.entry((a, h.number)).or_insert(now);
                let previous = self
                    .identities
                    .get(&(a, h.number))
                    .copied()
                    .unwrap_or(Identity::Pending);
                let d = ident::identify_track(
                    h,
                    (now - first).as_secs_f64(),
                    previous,
                    &self.plans,
                    assets_ecef,
                    &self.id_rules,
                );
                if d.identity != previous || !self.identities.contains_key(&(a, h.number)) {
                    self.identities.insert((a, h.number), d.identity);
                    if d.identity != previous {
                        self.declarations.push(Declaration {
                            authority: a,
                            track: h.number,
                            identity: d.identity,
                            at: now,
                            release: h.release.intersection(input.nodes[a.index()].release_to),
                        });
                        events.push(crate::log::EventKind::IdentityChange {
                            track: h.number,
                            node: input.nodes[a.index()].name.clone(),
                            from: previous.as_str(),
                            to: d.identity.as_str(),
                            reason: d.reason.as_str(),
                        });
                    }
                }
            }
        }
        events
    }

    /// Identities declared so far by (authority node, track number), and the authorities (for
    /// scoring identification against truth; never read back by the command).
    pub(crate) fn declared(&self) -> (&BTreeMap<(NodeId, u32), Identity>, BTreeSet<NodeId>) {
        (&self.identities, self.authority.values().copied().collect())
    }

    /// The identity `unit_node` holds for `track` from its authority: the authority's own
    /// declaration when the node is the authority, otherwise what it has received.
    pub(crate) fn identity_for(&self, unit_node: NodeId, track: u32) -> Identity {
        let a = self.authority.get(&unit_node).copied().unwrap_or(unit_node);
        let held = if a == unit_node {
            self.identities.get(&(a, track))
        } else {
            self.received.get(&(unit_node, track))
        };
        held.copied().unwrap_or(Identity::Pending)
    }

    /// The identification authority over `unit_node` (tests).
    #[cfg(test)]
    pub(crate) fn authority_of(&self, unit_node: NodeId) -> Option<NodeId> {
        self.authority.get(&unit_node).copied()
    }

    /// Every identity the authority over `unit_node` has declared, by track (tests: what the
    /// unit would act on if identities travelled instantly).
    #[cfg(test)]
    pub(crate) fn declared_by_authority_of(
        &self,
        unit_node: NodeId,
    ) -> impl Iterator<Item = (u32, Identity)> + '_ {
        let a = self.authority.get(&unit_node).copied();
        self.identities
            .iter()
            .filter(move |((n, _), _)| Some(*n) == a)
            .map(|((_, t), i)| (*t, *i))
    }

    /// Takes what every fire unit's node holds from its authority (before a decision epoch).
    pub(crate) fn take_received(&mut self, nodes: &[NodeRuntime]) {
        self.received.clear();
        for (&unit_node, &a) in &self.authority {
            if a == unit_node {
                continue;
            }
            let held = nodes[unit_node.index()]
                .identities
                .held_from(crate::net::addr(a));
            self.received
                .extend(held.map(|(track, identity)| ((unit_node, track), identity)));
        }
    }

    /// The declarations made since the last call (the engine records them at the authority's
    /// node, whose frames carry them).
    pub(crate) fn take_declarations(&mut self) -> Vec<Declaration> {
        std::mem::take(&mut self.declarations)
    }

    fn key(&self, node: NodeId, track: u32) -> TargetKey {
        target_key(self.track_sharing, node, track)
    }

    /// The picture of the node of engagement `id`'s fire unit at `now` (empty if unknown).
    pub(crate) fn unit_picture(
        &self,
        now: SimTime,
        id: u64,
        nodes: &[NodeRuntime],
        release_of: &dyn Fn(usize, &tracking::tracker::TrackReport) -> base::NationSet,
    ) -> Vec<HeldTrack> {
        let Some(e) = self.engagements.get(&id) else {
            return Vec::new();
        };
        let n = self.units[e.unit].node;
        let f = |r: &tracking::tracker::TrackReport| release_of(n.index(), r);
        nodes[n.index()].held_tracks(now, &f)
    }

    /// The pictures a decision needs: every fire unit's node and every authority.
    pub(crate) fn pictures(
        &self,
        now: SimTime,
        nodes: &[NodeRuntime],
        release_of: &dyn Fn(usize, &tracking::tracker::TrackReport) -> base::NationSet,
    ) -> BTreeMap<NodeId, Vec<HeldTrack>> {
        let mut wanted: BTreeSet<NodeId> = self.units.iter().map(|u| u.node).collect();
        wanted.extend(self.authority.values().copied());
        wanted
            .into_iter()
            .map(|n| {
                let node = &nodes[n.index()];
                let f = |r: &tracking::tracker::TrackReport| release_of(n.index(), r);
                (n, node.held_tracks(now, &f))
            })
            .collect()
    }
}
