//! Fire units at run time: inventory, channels, where the launcher is, which radars are its own.

use crate::input::{Input, InterceptorType};
use crate::node::HeldTrack;
use crate::world::World;
use base::rng::{Rng, StreamKind, stream};
use base::{NationIndex, NodeId, ObjectId, SensorId, SensorSet, SimTime};
use c2::roe::{Provenance, RemoteAuthority};

/// One fire unit's state.
#[derive(Debug)]
pub(crate) struct FireUnitRuntime {
    pub(crate) name: String,
    pub(crate) nation: NationIndex,
    pub(crate) node: NodeId,
    pub(crate) platform: ObjectId,
    pub(crate) interceptor: InterceptorType,
    pub(crate) kinematics: engagement::Kinematics,
    /// Its interceptor's seeker.
    pub(crate) seeker: engagement::Seeker,
    /// Ready rounds.
    pub(crate) inventory: u32,
    /// Rounds held back by doctrine.
    pub(crate) reserve: u32,
    /// Rounds ordered but not yet launched.
    pub(crate) committed: u32,
    /// Engagement channels.
    pub(crate) channels: u32,
    /// Channels busy with an interceptor in flight or ordered.
    pub(crate) busy: u32,
    /// Its own fire-control sensors: those on its platform reporting to its node.
    pub(crate) own_sensors: SensorSet,
    /// The other sensors reporting to its node.
    pub(crate) node_sensors: SensorSet,
    /// Its nation's other sensors.
    pub(crate) nation_sensors: SensorSet,
    /// Its nation's nodes, by index (network address).
    pub(crate) nation_nodes: Vec<u8>,
    /// What it may do on remote data, and from whom.
    pub(crate) remote: RemoteAuthority,
    /// The longest instrumented range of its own fire-control radars, m (none: no radar of
    /// its own). A launch on remote data must intercept inside it, where its own radar can
    /// take the round over.
    pub(crate) fire_control_range_m: Option<f64>,
    /// End-game and kill-assessment draws.
    pub(crate) rng: Rng,
    /// Cumulative decision latency from the unit to its approving node, s.
    pub(crate) approval_latency_s: f64,
}

impl FireUnitRuntime {
    /// The envelope a pair is planned in: the interceptor's, and on a track of a `provenance`
    /// its authority covers by launch-on-remote only, limited in range to its own
    /// fire-control radars' (the intercept must happen where they can take the round over;
    /// none when it has no radar or that range is inside the minimum range). The field of
    /// regard and the horizon are left to the in-flight take-over.
    pub(crate) fn planning_kinematics(
        &self,
        provenance: c2::roe::Provenance,
    ) -> Option<engagement::Kinematics> {
        let k = self.kinematics;
        if !self.remote.launch_only(provenance) {
            return Some(k);
        }
        let reach = self.fire_control_range_m?.min(k.max_range_m);
        (reach > k.min_range_m).then_some(engagement::Kinematics {
            max_range_m: reach,
            ..k
        })
    }

    pub(crate) fn build(input: &Input, world: &World, seed: u64) -> Vec<FireUnitRuntime> {
        input
            .fire_units
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let it = input.interceptors[f.interceptor.index()].clone();
                let nation = input
                    .nations
                    .iter()
                    .position(|n| n.id == f.nation)
                    .and_then(NationIndex::new)
                    .expect("the scenario validates fire-unit nations against the roster");
                let (mut own_sensors, mut node_sensors, mut nation_sensors) = (
                    SensorSet::default(),
                    SensorSet::default(),
                    SensorSet::default(),
                );
                for (k, s) in input.sensors.iter().enumerate() {
                    let set = if s.node == f.node && s.platform == f.platform {
                        &mut own_sensors
                    } else if s.node == f.node {
                        &mut node_sensors
                    } else if s.nation == f.nation {
                        &mut nation_sensors
                    } else {
                        continue;
                    };
                    set.insert(SensorId::new(k));
                }
                let nation_nodes = input
                    .nodes
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| n.nation == f.nation)
                    .filter_map(|(k, _)| u8::try_from(k).ok())
                    .collect();
                let fire_control_range_m = own_sensors
                    .iter()
                    .filter_map(|k| match &input.sensors[k.index()].params {
                        sensors::SensorParams::Radar(r) => Some(r.max_range_m),
                        _ => None,
                    })
                    .reduce(f64::max);
                FireUnitRuntime {
                    name: f.name.clone(),
                    fire_control_range_m,
                    nation,
                    node: f.node,
                    platform: world.platform_objects[f.platform.index()],
                    kinematics: engagement::Kinematics {
                        speed_mps: it.speed_mps,
                        boost_s: it.boost_s,
                        min_range_m: it.min_range_m,
                        max_range_m: it.max_range_m,
                        min_alt_m: it.min_alt_m,
                        max_alt_m: it.max_alt_m,
                        reaction_s: it.reaction_s,
                    },
                    seeker: engagement::Seeker {
                        acquisition_range_m: it.seeker_range_m,
                        fov_half_angle_rad: it.seeker_fov_deg.to_radians(),
                        basket_m: it.basket_m,
                    },
                    interceptor: it,
                    inventory: f.inventory,
                    reserve: (f64::from(f.inventory) * input.c2.reserve_fraction).floor() as u32,
                    committed: 0,
                    channels: f.channels,
                    busy: 0,
                    own_sensors,
                    node_sensors,
                    nation_sensors,
                    nation_nodes,
                    remote: f.remote,
                    rng: stream(seed, StreamKind::KillAssessment, i as u64),
                    approval_latency_s: approval_latency_s(input, f.node),
                }
            })
            .collect()
    }

    /// Whose sensors `h` comes from, seen from this unit: the nearest class among its
    /// contributors. A fused track whose own local contribution could not be named by sensor
    /// counts as its node's.
    pub(crate) fn provenance(&self, h: &HeldTrack) -> Provenance {
        let any = |set: &SensorSet| !h.sources.is_disjoint(set);
        if any(&self.own_sensors) {
            Provenance::OwnSensors
        } else if any(&self.node_sensors) || (h.first_hand && h.sources.is_empty()) {
            Provenance::OwnNode
        } else if any(&self.nation_sensors)
            || h.remote_nodes.iter().any(|n| self.nation_nodes.contains(n))
        {
            Provenance::OwnNation
        } else {
            Provenance::Ally
        }
    }

    /// Rounds it may still assign.
    pub(crate) fn available(&self) -> u32 {
        self.inventory
            .saturating_sub(self.reserve)
            .saturating_sub(self.committed)
    }

    /// Launcher position at `t` (ships move).
    pub(crate) fn position(&self, world: &World, t: SimTime) -> Option<[f64; 3]> {
        let s = world.objects[self.platform.index()]
            .trajectory
            .state_at(t)?;
        let p = s.position.xyz_m();
        Some([p.x, p.y, p.z])
    }
}

/// Decision latency from a unit's node up to the node whose approval doctrine requires:
/// the unit's own, plus its national node's, plus the combined node's.
fn approval_latency_s(input: &Input, node: NodeId) -> f64 {
    use crate::input::{ApprovalLevel, NodeRole};
    let wanted = input.c2.approval;
    let mut total = 0.0;
    let mut at = Some(node);
    while let Some(n) = at {
        let spec = &input.nodes[n.index()];
        total += spec.decision_latency.as_secs_f64();
        let reached = matches!(
            (wanted, spec.role),
            (ApprovalLevel::Unit, _)
                | (
                    ApprovalLevel::National,
                    NodeRole::National | NodeRole::Combined
                )
                | (ApprovalLevel::Combined, NodeRole::Combined)
        );
        if reached {
            break;
        }
        at = spec.parent;
    }
    total
}
