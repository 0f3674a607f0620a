//! Per-threat kill-chain timelines (launch → first detection → first held in a picture →
//! hostile declaration → fire order → interceptor launch → intercept or impact), their mean
//! stage-to-stage intervals, and the planned-Pk calibration table, gathered from the events the
//! engine emits and the pictures' scores.
//!
//! Identity changes name a (node, track), orders, decisions and launches a (fire unit, track);
//! the threat behind them is found against truth at the event instant: the truth object nearest
//! the track's position in that node's picture (the fire unit's node), within the
//! picture-scoring cut-off. The same joins gather each threat's kill-chain attribution evidence
//! (`crate::attribution`). Scoring only: nothing here feeds back into a node or the command.

use crate::attribution::{Chains, Evidence};
use crate::calibration::{Calibration, CalibrationRow, NO_OBJECT};
use crate::command::CommandRuntime;
use crate::log::EventKind;
use crate::node::{NodeRuntime, object_behind};
use crate::world::{ObjectKind, World};
use base::{NodeId, ObjectId, SimTime};
use serde::Serialize;
use std::collections::BTreeMap;

/// One threat's timeline, seconds since the start (null: did not happen within the run).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ThreatTimeline {
    /// First detection by any sensor (measurement time).
    pub first_detection_t_s: Option<f64>,
    /// First truth sample at which some node's picture held it (within 5 km): its first track.
    pub first_held_t_s: Option<f64>,
    /// First identity change to `hostile`, by an identification authority, of a track of it.
    pub hostile_declared_t_s: Option<f64>,
    /// First engagement decision `permit` or `needs_approval` on a track of it.
    pub first_decision_t_s: Option<f64>,
    /// First fire order (`engagement_order`) on a track of it.
    pub first_order_t_s: Option<f64>,
    /// First interceptor launched at a track of it.
    pub first_launch_t_s: Option<f64>,
    /// When an interceptor destroyed it.
    pub intercept_t_s: Option<f64>,
    /// When it reached the ground.
    pub impact_t_s: Option<f64>,
}

/// The mean of one stage-to-stage interval over the threats that went through both stages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct StageInterval {
    /// Threats whose timeline has both stages.
    pub n: u64,
    /// Mean seconds from the first stage to the second (null when `n` is 0).
    pub mean_s: Option<f64>,
}

/// Mean intervals between consecutive kill-chain stages (`moe.stage_intervals`), each over the
/// threats launched within the run that reached both of its stages.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StageIntervals {
    /// Launch → first detection by any sensor.
    pub launch_to_first_detection: StageInterval,
    /// First detection → first held in some node's picture (truth-sample resolution).
    pub first_detection_to_first_held: StageInterval,
    /// First held → first hostile declaration (identification).
    pub first_held_to_hostile_declared: StageInterval,
    /// Hostile declaration → first fire order (ROE, threat evaluation, weapon assignment).
    pub hostile_declared_to_first_order: StageInterval,
    /// First fire order → first interceptor launch (approval chain, reaction, waiting for the
    /// planned launch instant).
    pub first_order_to_first_launch: StageInterval,
    /// First interceptor launch → the intercept that destroyed it (fly-out, and any further
    /// shots after a miss).
    pub first_launch_to_intercept: StageInterval,
}

impl StageIntervals {
    /// From the threats launched within the run: (launch time, timeline).
    pub(crate) fn of<'a>(threats: impl IntoIterator<Item = (f64, &'a ThreatTimeline)>) -> Self {
        let mut sums = [(0u64, 0.0f64); 6];
        for (launch, t) in threats {
            let stages = [
                Some(launch),
                t.first_detection_t_s,
                t.first_held_t_s,
                t.hostile_declared_t_s,
                t.first_order_t_s,
                t.first_launch_t_s,
                t.intercept_t_s,
            ];
            for (i, sum) in sums.iter_mut().enumerate() {
                if let (Some(a), Some(b)) = (stages[i], stages[i + 1]) {
                    sum.0 += 1;
                    sum.1 += b - a;
                }
            }
        }
        let s = sums.map(|(n, total)| StageInterval {
            n,
            mean_s: (n > 0).then(|| total / n as f64),
        });
        StageIntervals {
            launch_to_first_detection: s[0],
            first_detection_to_first_held: s[1],
            first_held_to_hostile_declared: s[2],
            hostile_declared_to_first_order: s[3],
            first_order_to_first_launch: s[4],
            first_launch_to_intercept: s[5],
        }
    }
}

/// What the engine learns as events are emitted.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Timelines {
    hostile: BTreeMap<ObjectId, SimTime>,
    decision: BTreeMap<ObjectId, SimTime>,
    order: BTreeMap<ObjectId, SimTime>,
    launch: BTreeMap<ObjectId, SimTime>,
    intercept: BTreeMap<ObjectId, SimTime>,
    impact: BTreeMap<ObjectId, SimTime>,
    calibration: Calibration,
    /// Kill-chain attribution evidence per threat.
    chains: Chains,
}

impl Timelines {
    /// Notes `kind`, emitted at `now`.
    pub(crate) fn observe(
        &mut self,
        now: SimTime,
        kind: &EventKind,
        world: &World,
        nodes: &[NodeRuntime],
        command: &CommandRuntime,
    ) {
        let unit_node = |name: &str| {
            command
                .units
                .iter()
                .find(|u| u.name == name)
                .map(|u| u.node)
        };
        let threat = |node: Option<NodeId>, track: u32| {
            node.and_then(|n| object_behind(now, n, track, world, nodes))
                .filter(|o| world.objects[o.index()].kind.is_threat())
        };
        let (map, object) = match kind {
            EventKind::IdentityChange {
                node, track, to, ..
            } => {
                let object = threat(nodes.iter().find(|n| n.name == *node).map(|n| n.id), *track);
                self.note(object, kind);
                if *to != "hostile" {
                    return;
                }
                (&mut self.hostile, object)
            }
            EventKind::EngagementDecision {
                fire_unit,
                track,
                decision,
                ..
            } => {
                let object = threat(unit_node(fire_unit), *track);
                self.note(object, kind);
                if *decision == "deny" {
                    return;
                }
                (&mut self.decision, object)
            }
            EventKind::EngagementOpportunity {
                fire_unit, track, ..
            } => {
                self.note(threat(unit_node(fire_unit), *track), kind);
                return;
            }
            EventKind::EngagementAborted { .. } => {
                // Joined by engagement number to the threat its order was given on.
                self.note(None, kind);
                return;
            }
            EventKind::EngagementOrder {
                fire_unit, track, ..
            } => {
                let object = threat(unit_node(fire_unit), *track);
                self.note(object, kind);
                (&mut self.order, object)
            }
            EventKind::InterceptorLaunch {
                fire_unit,
                track,
                engagement,
                interceptor,
                planned_pk,
                ..
            } => {
                let engaged =
                    unit_node(fire_unit).and_then(|n| object_behind(now, n, *track, world, nodes));
                let class = engaged.map_or(NO_OBJECT, |o| class_of(&world.objects[o.index()].kind));
                self.calibration
                    .launched(*engagement, interceptor, *planned_pk, engaged, class);
                let object = engaged.filter(|o| world.objects[o.index()].kind.is_threat());
                self.note(object, kind);
                (&mut self.launch, object)
            }
            EventKind::Intercept {
                engagement,
                object,
                killed,
                ..
            } => {
                let hit = object
                    .as_ref()
                    .and_then(|name| world.objects.iter().find(|o| o.name == *name))
                    .map(|o| o.id);
                let destroyed = hit.filter(|_| *killed);
                // Before this intercept's own kill is noted: was the target already gone?
                let earlier = &self.intercept;
                self.calibration
                    .scored(*engagement, destroyed, |o| earlier.contains_key(&o));
                let destroyed_threat =
                    destroyed.filter(|o| world.objects[o.index()].kind.is_threat());
                self.note(destroyed_threat, kind);
                (&mut self.intercept, destroyed)
            }
            EventKind::Impact { object, .. } => (
                &mut self.impact,
                Some(ObjectId::new(object.object_id as usize)),
            ),
            _ => return,
        };
        if let Some(o) = object {
            map.entry(o).or_insert(now);
        }
    }

    /// Notes chain evidence about a threat (`None`: the event's track followed no threat).
    fn note(&mut self, threat: Option<ObjectId>, kind: &EventKind) {
        self.chains.note(threat, kind);
    }

    /// The kill-chain evidence about `object`.
    pub(crate) fn evidence(&self, object: ObjectId) -> Evidence {
        self.chains.of(object)
    }

    /// The timeline of `object`, given its first detection and when a picture first held it.
    pub(crate) fn of(
        &self,
        object: ObjectId,
        first_detection_t_s: Option<f64>,
        first_held: Option<SimTime>,
    ) -> ThreatTimeline {
        let t = |m: &BTreeMap<ObjectId, SimTime>| m.get(&object).map(|t| t.as_secs_f64());
        ThreatTimeline {
            first_detection_t_s,
            first_held_t_s: first_held.map(SimTime::as_secs_f64),
            hostile_declared_t_s: t(&self.hostile),
            first_decision_t_s: t(&self.decision),
            first_order_t_s: t(&self.order),
            first_launch_t_s: t(&self.launch),
            intercept_t_s: t(&self.intercept),
            impact_t_s: t(&self.impact),
        }
    }

    /// The planned-Pk calibration table.
    pub(crate) fn calibration(&self) -> Vec<CalibrationRow> {
        self.calibration.table()
    }
}

/// Calibration class of an engaged object: its threat class, else its kind.
fn class_of(kind: &ObjectKind) -> &'static str {
    match kind {
        ObjectKind::BallisticMissile(c) => c.as_str(),
        ObjectKind::CruiseMissile => crate::input::ThreatClass::Cruise.as_str(),
        other => other.name(),
    }
}
