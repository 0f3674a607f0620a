//! One decision epoch, as a sequence of small steps: identification, hold fire, in-flight
//! updates, threat selection and grouping (`targets`), threat evaluation with each track's
//! drag estimate, pair evaluation (`pairs`: window, capacity, ROE, planned Pk; each outcome
//! change logged by `opportunity`) and the alliance-wide
//! weapon-target assignment (`assign`) that turns permitted pairs into orders.

use super::CommandRuntime;
use super::pairs::{Evaluation, Pair};
use super::targets::Threat;
use crate::input::{ApprovalLevel, Input, PlatformMotion, TargetClass, Wcs};
use crate::log::EventKind;
use crate::node::{HeldTrack, NodeRuntime};
use crate::world::World;
use base::{NodeId, Side, SimDuration, SimTime};
use c2::threat::{Assessment, DefendedAsset, DragEstimate, TrackEstimate};
use dynamics::Trajectory;
use std::collections::BTreeMap;

/// How far ahead threats are predicted for engagement windows.
const HORIZON: SimDuration = SimDuration::from_secs(900);
/// Prediction step of the mean path.
const STEP: SimDuration = SimDuration::from_secs(2);
/// A threat assessment is reused for this long unless the track got fresher data.
const REASSESS: SimDuration = SimDuration::from_secs(6);

/// A threat assessment and the predicted path it came with.
#[derive(Debug, Clone)]
pub(crate) struct Assessed {
    at: SimTime,
    last_update: SimTime,
    pub(crate) assessment: Assessment,
    pub(crate) path: Vec<(SimTime, [f64; 3])>,
}

/// How long before a ballistic threat's predicted impact the last intercept may be planned:
/// the prediction's own error. Drag is estimated from the track's updates, and in the last
/// kilometres of a re-entry it changes fastest (measured on the default scenario: a terminal
/// intercept planned at 2.4 km met a missile that had impacted 1.2 s earlier).
const IMPACT_MARGIN: SimDuration = SimDuration::from_secs(2);

impl Assessed {
    /// The latest useful intercept time: a ballistic threat's predicted impact less
    /// [`IMPACT_MARGIN`], or an air-breather's predicted entry into the asset it most
    /// endangers (inside it, it may strike at any moment: its aim point is anywhere in the
    /// asset; an air-breather already inside has no later useful intercept). None when it
    /// endangers nothing.
    pub(crate) fn deadline(&self) -> Option<SimTime> {
        match &self.assessment.impact {
            Some(i) => Some(i.time - IMPACT_MARGIN),
            None => {
                let to_go = self.assessment.time_to_go_s;
                (!self.assessment.endangered.is_empty() && to_go.is_finite() && to_go >= 0.0)
                    .then(|| self.at + SimDuration::from_secs_f64(to_go))
            }
        }
    }
}

/// A track's drag estimate and the freshest data it has seen.
#[derive(Debug, Clone, Default)]
pub(crate) struct DragTrack {
    pub(crate) estimate: DragEstimate,
    seen: Option<SimTime>,
}

/// What one decision epoch works on, and the events it produces.
pub(crate) struct Epoch<'a> {
    pub(crate) now: SimTime,
    pub(crate) input: &'a Input,
    pub(crate) world: &'a World,
    pub(crate) pictures: BTreeMap<NodeId, Vec<HeldTrack>>,
    pub(crate) cut_off: &'a dyn Fn(NodeId) -> bool,
}

/// Filed flight plans and own airborne platforms (what identification correlates against).
pub(crate) fn flight_plans(input: &Input, world: &World) -> Vec<Trajectory> {
    let mut plans: Vec<Trajectory> = input
        .traffic
        .iter()
        .filter(|t| t.side != Side::Hostile)
        .filter_map(|t| dynamics::fly_route(&t.route).ok())
        .collect();
    for (i, p) in input.platforms.iter().enumerate() {
        if matches!(
            p.motion,
            PlatformMotion::AirborneOrbit(_) | PlatformMotion::AirborneRoute(_)
        ) {
            plans.push(
                world.objects[world.platform_objects[i].index()]
                    .trajectory
                    .clone(),
            );
        }
    }
    plans
}

/// The scenario's WCS orders as a schedule.
pub(crate) fn wcs_schedule(input: &Input) -> c2::roe::WcsSchedule {
    let orders = input
        .wcs
        .iter()
        .filter_map(|o| {
            let nation = input
                .nations
                .iter()
                .position(|n| n.id == o.nation)
                .and_then(base::NationIndex::new)?;
            Some(c2::roe::WcsOrder {
                nation,
                class: o.class.map(threat_class),
                zone: o.zone,
                status: wcs(o.status),
                from: SimTime::ZERO + o.from,
            })
        })
        .collect();
    c2::roe::WcsSchedule::new(orders)
}

pub(crate) fn wcs(w: Wcs) -> c2::roe::Wcs {
    match w {
        Wcs::Free => c2::roe::Wcs::Free,
        Wcs::Tight => c2::roe::Wcs::Tight,
        Wcs::Hold => c2::roe::Wcs::Hold,
    }
}

pub(crate) fn threat_class(c: TargetClass) -> c2::roe::ThreatClass {
    match c {
        TargetClass::Ballistic => c2::roe::ThreatClass::Ballistic,
        TargetClass::Air => c2::roe::ThreatClass::Air,
    }
}

pub(crate) fn approval(a: ApprovalLevel) -> c2::roe::ApprovalLevel {
    match a {
        ApprovalLevel::Unit => c2::roe::ApprovalLevel::Unit,
        ApprovalLevel::National => c2::roe::ApprovalLevel::National,
        ApprovalLevel::Combined => c2::roe::ApprovalLevel::Combined,
    }
}

/// The estimate threat evaluation and in-flight updates use: the track with its ballistic
/// coefficient estimate (ballistic tracks only).
pub(crate) fn estimate(h: &HeldTrack, drag: Option<&DragTrack>) -> TrackEstimate {
    TrackEstimate {
        time: h.time,
        position_ecef_m: [h.x[0], h.x[1], h.x[2]],
        velocity_ecef_mps: [h.x[3], h.x[4], h.x[5]],
        covariance: h.p,
        ballistic_coefficient_kg_m2: h.ballistic.then(|| {
            drag.map_or(DragEstimate::prior(), |d| d.estimate)
                .ballistic_coefficient_kg_m2()
        }),
    }
}

/// What a decision epoch produced.
pub(crate) struct Orders {
    pub(crate) events: Vec<EventKind>,
    /// (launch time, engagement id) to schedule.
    pub(crate) launches: Vec<(SimTime, u64)>,
    /// (new intercept time, engagement id) of interceptors whose update moved the intercept.
    pub(crate) intercepts: Vec<(SimTime, u64)>,
}

impl CommandRuntime {
    /// One decision epoch at `now`.
    pub(crate) fn decide(
        &mut self,
        now: SimTime,
        input: &Input,
        world: &World,
        nodes: &[NodeRuntime],
        cut_off: &dyn Fn(NodeId) -> bool,
        release_of: &dyn Fn(usize, &tracking::tracker::TrackReport) -> base::NationSet,
    ) -> Orders {
        let epoch = Epoch {
            now,
            input,
            world,
            pictures: self.pictures(now, nodes, release_of),
            cut_off,
        };
        let assets_ecef: Vec<[f64; 3]> = input
            .assets
            .iter()
            .map(|a| {
                let p = a.position.to_ecef().xyz_m();
                [p.x, p.y, p.z]
            })
            .collect();
        let mut events = self.identify_all(now, input, &epoch.pictures, &assets_ecef);
        events.extend(self.hold_fire_on_friends(now));
        self.observe_drag(&epoch);
        let (aborted, intercepts) = self.update_flyouts(&epoch);
        events.extend(aborted);

        let threats = self.threats(&epoch.pictures);
        self.assess_threats(&epoch, &threats);
        let mut pairs: Vec<Pair> = Vec::new();
        for ui in 0..self.units.len() {
            let u = &self.units[ui];
            // A unit without a round or a free channel is evaluated up to the window only: the
            // attribution's evidence of `no_capacity`.
            let capacity = u.available() > 0 && u.channels.saturating_sub(u.busy) > 0;
            for (ti, threat) in threats.iter().enumerate() {
                let evaluation = self.evaluate_pair(&epoch, &mut events, ui, ti, threat, capacity);
                self.log_opportunity(&mut events, ui, threat.key(), &evaluation);
                if let Evaluation::Offered(pair) = evaluation {
                    pairs.push(pair);
                }
            }
        }
        let launches = self.assign(now, input, &threats, &pairs);
        Orders {
            events,
            launches,
            intercepts,
        }
    }

    /// Feeds every ballistic track's fresh data to its drag estimate.
    fn observe_drag(&mut self, epoch: &Epoch<'_>) {
        for (node, held) in &epoch.pictures {
            for h in held.iter().filter(|h| h.ballistic) {
                let key = self.key(*node, h.number);
                let d = self.drag.entry(key).or_default();
                if d.seen.is_some_and(|t| t >= h.last_update) {
                    continue;
                }
                d.seen = Some(h.last_update);
                d.estimate.observe(&estimate(h, None));
            }
        }
    }

    /// Threat evaluation of every threat whose representative track has fresh data (or
    /// whose assessment is older than `REASSESS`).
    fn assess_threats(&mut self, epoch: &Epoch<'_>, threats: &[Threat]) {
        let assets: Vec<DefendedAsset> = epoch
            .input
            .assets
            .iter()
            .map(|a| DefendedAsset {
                position: a.position,
                radius_m: a.radius_m,
                value: a.value,
            })
            .collect();
        for threat in threats {
            let (key, h) = (threat.key(), &threat.track);
            let fresh = self
                .threat_cache
                .get(&key)
                .is_some_and(|a| a.last_update == h.last_update || epoch.now - a.at < REASSESS);
            if fresh {
                continue;
            }
            let e = estimate(h, self.drag.get(&key));
            self.threat_cache.insert(
                key,
                Assessed {
                    at: epoch.now,
                    last_update: h.last_update,
                    assessment: c2::threat::assess(&e, h.ballistic, &assets),
                    path: c2::threat::predicted_path(&e, h.ballistic, HORIZON, STEP),
                },
            );
        }
    }
}
