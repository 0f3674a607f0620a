//! Per-threat engagement timelines (first detection → first held → decision → launch →
//! intercept or impact), gathered from the events the engine emits and the pictures' scores.
//!
//! Decisions and launches name a (fire unit, track); the threat behind them is found against
//! truth at the event instant: the truth object nearest the track's position in the unit's node
//! picture, within the picture-scoring cut-off. Scoring only: nothing here feeds back.

use crate::command::CommandRuntime;
use crate::log::EventKind;
use crate::node::{GOSPA_C_M, NodeRuntime, distance};
use crate::world::World;
use base::{ObjectId, SimTime};
use serde::Serialize;
use std::collections::BTreeMap;

/// One threat's timeline, seconds since the start (null: did not happen within the run).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ThreatTimeline {
    /// First detection by any sensor (measurement time).
    pub first_detection_t_s: Option<f64>,
    /// First truth sample at which some node's picture held it (within 5 km).
    pub first_held_t_s: Option<f64>,
    /// First engagement decision `permit` or `needs_approval` on a track of it.
    pub first_decision_t_s: Option<f64>,
    /// First interceptor launched at a track of it.
    pub first_launch_t_s: Option<f64>,
    /// When an interceptor destroyed it.
    pub intercept_t_s: Option<f64>,
    /// When it reached the ground.
    pub impact_t_s: Option<f64>,
}

/// What the engine learns as events are emitted.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Timelines {
    decision: BTreeMap<ObjectId, SimTime>,
    launch: BTreeMap<ObjectId, SimTime>,
    intercept: BTreeMap<ObjectId, SimTime>,
    impact: BTreeMap<ObjectId, SimTime>,
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
        let (map, object) = match kind {
            EventKind::EngagementDecision {
                fire_unit,
                track,
                decision,
                ..
            } if *decision != "deny" => (
                &mut self.decision,
                threat_behind(now, fire_unit, *track, world, nodes, command),
            ),
            EventKind::InterceptorLaunch {
                fire_unit, track, ..
            } => (
                &mut self.launch,
                threat_behind(now, fire_unit, *track, world, nodes, command),
            ),
            EventKind::Intercept {
                object: Some(name),
                killed: true,
                ..
            } => (
                &mut self.intercept,
                world.objects.iter().find(|o| o.name == *name).map(|o| o.id),
            ),
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
            first_decision_t_s: t(&self.decision),
            first_launch_t_s: t(&self.launch),
            intercept_t_s: t(&self.intercept),
            impact_t_s: t(&self.impact),
        }
    }
}

/// The threat nearest `track` of `fire_unit`'s node picture at `now`, within the cut-off.
fn threat_behind(
    now: SimTime,
    fire_unit: &str,
    track: u32,
    world: &World,
    nodes: &[NodeRuntime],
    command: &CommandRuntime,
) -> Option<ObjectId> {
    let unit = command.units.iter().find(|u| u.name == fire_unit)?;
    let node = &nodes[unit.node.index()];
    let at = match &node.picture {
        Some(p) => p
            .system_tracks(now)
            .into_iter()
            .find(|s| s.tn.get() == track)
            .map(|s| [s.state.x[0], s.state.x[1], s.state.x[2]]),
        None => node
            .local_tracks(now)
            .into_iter()
            .find(|r| r.number.0 == track)
            .map(|r| [r.estimate.x[0], r.estimate.x[1], r.estimate.x[2]]),
    }?;
    world
        .objects
        .iter()
        .filter(|o| o.signature.is_some())
        .filter_map(|o| {
            let p = o.trajectory.state_at(now)?.position.xyz_m();
            Some((o, distance(&[p.x, p.y, p.z], &at)))
        })
        .filter(|(_, d)| *d < GOSPA_C_M)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|(o, _)| o.kind.is_threat())
        .map(|(o, _)| o.id)
}
