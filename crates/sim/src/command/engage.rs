//! Engagement execution: launch, fly-out with in-flight updates, the end game scored against
//! truth, kill assessment, and what shoot-look-shoot learns from it.

use super::{CommandRuntime, TargetKey};
use crate::log::EventKind;
use crate::node::HeldTrack;
use crate::world::World;
use base::{NodeId, ObjectId, Side, SimDuration, SimTime};
use geodesy::Position;
use std::collections::BTreeMap;

/// Time from intercept to the kill-assessment report.
pub(crate) const ASSESS_DELAY: SimDuration = SimDuration::from_secs(5);
/// Largest aim-point change an in-flight update may make, as a fraction of the remaining path.
const DIVERT_FRACTION: f64 = 0.2;
/// A truth object farther than this from the aim point was not engaged at all.
const REACH_M: f64 = 5_000.0;

/// One interceptor's engagement.
#[derive(Debug)]
pub(crate) struct Engagement {
    pub(crate) unit: usize,
    pub(crate) target: TargetKey,
    pub(crate) plan: engagement::Intercept,
    pub(crate) planned_pk: f64,
    pub(crate) on_remote: bool,
    pub(crate) self_defence: bool,
    pub(crate) ordered: SimTime,
    pub(crate) flyout: Option<engagement::Flyout>,
    /// Truth outcome at intercept (scoring).
    pub(crate) killed: Option<bool>,
    /// Cancelled (hold fire: the target was identified friendly or neutral).
    pub(crate) aborted: bool,
}

impl Engagement {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn ordered(
        unit: usize,
        target: TargetKey,
        plan: engagement::Intercept,
        planned_pk: f64,
        on_remote: bool,
        self_defence: bool,
        ordered: SimTime,
    ) -> Self {
        Engagement {
            unit,
            target,
            plan,
            planned_pk,
            on_remote,
            self_defence,
            ordered,
            flyout: None,
            killed: None,
            aborted: false,
        }
    }
}

impl CommandRuntime {
    /// Launch of engagement `id` at `now`: the round leaves the launcher (if the unit still
    /// has one) and flies to the planned intercept. Returns the event and the intercept time.
    pub(crate) fn launch(
        &mut self,
        now: SimTime,
        id: u64,
        world: &World,
    ) -> Option<(EventKind, SimTime)> {
        let e = self.engagements.get_mut(&id)?;
        if e.aborted {
            return None;
        }
        let u = &mut self.units[e.unit];
        u.committed = u.committed.saturating_sub(1);
        let launcher = u.position(world, now);
        if u.inventory == 0 || launcher.is_none() {
            u.busy = u.busy.saturating_sub(1);
            if let Some(n) = self.pending.get_mut(&e.target) {
                *n = n.saturating_sub(1);
            }
            return None;
        }
        u.inventory -= 1;
        let flyout = engagement::Flyout::launch(&u.kinematics, launcher?, &e.plan);
        let t = flyout.intercept_time();
        e.flyout = Some(flyout);
        self.moe.fired += 1;
        if e.on_remote {
            self.moe.on_remote += 1;
        }
        if e.self_defence {
            self.moe.self_defence += 1;
        }
        self.moe.order_to_launch_sum_s += (now - e.ordered).as_secs_f64();
        Some((
            EventKind::InterceptorLaunch {
                fire_unit: u.name.clone(),
                engagement: id,
                track: e.target.track,
                interceptor: u.interceptor.name.clone(),
                on_remote: e.on_remote,
                self_defence: e.self_defence,
                planned_pk: e.planned_pk,
                intercept_t_s: t.as_secs_f64(),
            },
            t,
        ))
    }

    /// Hold fire: an engagement whose target the unit's identification authority now holds
    /// friendly or neutral is cancelled — an ordered round is not launched, an interceptor in
    /// flight is destroyed before it reaches the intercept point.
    pub(crate) fn hold_fire_on_friends(&mut self, now: SimTime) -> Vec<EventKind> {
        let mut events = Vec::new();
        let ids: Vec<u64> = self
            .engagements
            .iter()
            .filter(|(_, e)| !e.aborted && e.killed.is_none())
            .filter(|(_, e)| e.flyout.as_ref().is_none_or(|f| f.intercept_time() > now))
            .filter(|(_, e)| {
                self.identity_for(self.units[e.unit].node, e.target.track)
                    .is_friendly_or_neutral()
            })
            .map(|(id, _)| *id)
            .collect();
        for id in ids {
            let Some(e) = self.engagements.get_mut(&id) else {
                continue;
            };
            e.aborted = true;
            let launched = e.flyout.take().is_some();
            let u = &mut self.units[e.unit];
            if !launched {
                u.committed = u.committed.saturating_sub(1);
            }
            u.busy = u.busy.saturating_sub(1);
            if let Some(n) = self.pending.get_mut(&e.target) {
                *n = n.saturating_sub(1);
            }
            self.moe.aborted += 1;
            events.push(EventKind::EngagementAborted {
                fire_unit: u.name.clone(),
                engagement: id,
                track: e.target.track,
                launched,
            });
        }
        events
    }

    /// In-flight updates: every interceptor re-aims at its target's latest predicted position
    /// at its intercept time (the unit's node picture).
    pub(crate) fn update_flyouts(
        &mut self,
        now: SimTime,
        pictures: &BTreeMap<NodeId, Vec<HeldTrack>>,
    ) {
        let units = &self.units;
        let track_sharing = self.track_sharing;
        for e in self.engagements.values_mut() {
            let Some(f) = e.flyout.as_mut() else {
                continue;
            };
            if f.intercept_time() <= now {
                continue;
            }
            let node = units[e.unit].node;
            let Some(h) = pictures.get(&node).and_then(|held| {
                held.iter().find(|h| {
                    h.number == e.target.track && (track_sharing || e.target.node == Some(node))
                })
            }) else {
                continue;
            };
            let t = f.intercept_time();
            let est = c2::threat::TrackEstimate {
                time: h.time,
                position_ecef_m: [h.x[0], h.x[1], h.x[2]],
                velocity_ecef_mps: [h.x[3], h.x[4], h.x[5]],
                covariance: h.p,
            };
            let horizon = (t - h.time) + SimDuration::from_secs(1);
            let path =
                c2::threat::predicted_path(&est, h.ballistic, horizon, SimDuration::from_secs(1));
            if let Some(p) = interpolate(&path, t) {
                f.update_aim(now, p, t, DIVERT_FRACTION);
            }
        }
    }

    /// The end game of engagement `id` at `now`, scored against truth: the object nearest the
    /// interceptor's aim point is killed with the end-game probability of the realised miss.
    pub(crate) fn intercept(
        &mut self,
        now: SimTime,
        id: u64,
        world: &mut World,
    ) -> Option<EventKind> {
        let e = self.engagements.get_mut(&id)?;
        let f = e.flyout.as_ref()?;
        let aim = f.aim_point();
        let u = &mut self.units[e.unit];
        let nearest: Option<(ObjectId, f64)> = world
            .objects
            .iter()
            .filter(|o| o.signature.is_some())
            .filter_map(|o| {
                let s = o.trajectory.state_at(now)?;
                let p = s.position.xyz_m();
                let d = ((p.x - aim[0]).powi(2) + (p.y - aim[1]).powi(2) + (p.z - aim[2]).powi(2))
                    .sqrt();
                Some((o.id, d))
            })
            .filter(|(_, d)| *d <= REACH_M)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let sspk = |o: ObjectId| {
            let obj = &world.objects[o.index()];
            if obj.kind.is_threat() && obj.boost_end.is_some() {
                u.interceptor.sspk_ballistic
            } else {
                u.interceptor.sspk_air
            }
        };
        // The end game counts the miss across the final leg (the seeker's basket plane): the
        // miss the planning kill probability models (engagement crate invariant).
        let nearest = nearest.map(|(o, _)| {
            let s = world.objects[o.index()]
                .trajectory
                .state_at(now)
                .expect("alive: found above")
                .position
                .xyz_m();
            (o, f.miss_distance_m([s.x, s.y, s.z]))
        });
        let killed = match nearest {
            Some((o, miss)) => {
                let p = engagement::endgame_kill_probability(sspk(o), u.interceptor.basket_m, miss);
                engagement::draw(&mut u.rng, p)
            }
            None => false,
        };
        e.killed = Some(killed);
        let lla = Position::ecef(aim[0], aim[1], aim[2]).to_wgs84();
        let (object, side, miss) = match nearest {
            Some((o, miss)) => {
                let (name, side) = {
                    let obj = &world.objects[o.index()];
                    (obj.name.clone(), obj.side)
                };
                if side != Side::Hostile {
                    self.moe.fratricides += 1;
                }
                if killed {
                    if side == Side::Hostile {
                        self.moe.kills += 1;
                    }
                    world.objects[o.index()].trajectory.truncate_at(now);
                }
                (Some(name), Some(side.as_str()), Some(miss))
            }
            None => (None, None, None),
        };
        Some(EventKind::Intercept {
            fire_unit: u.name.clone(),
            engagement: id,
            track: e.target.track,
            object,
            side,
            miss_m: miss,
            killed,
            lat_deg: lla.lat_deg(),
            lon_deg: lla.lon_deg(),
            alt_m: lla.alt_m(),
        })
    }

    /// Kill assessment of engagement `id`: frees the channel, and a target reported killed is
    /// never engaged again; a reported survivor may be (shoot-look-shoot).
    pub(crate) fn assess(&mut self, id: u64) -> Option<EventKind> {
        let e = self.engagements.get(&id)?;
        let killed = e.killed?;
        let u = &mut self.units[e.unit];
        u.busy = u.busy.saturating_sub(1);
        let reported = engagement::assess_kill(
            &mut u.rng,
            killed,
            u.interceptor.ka_detect,
            u.interceptor.ka_false_kill,
        );
        if let Some(n) = self.pending.get_mut(&e.target) {
            *n = n.saturating_sub(1);
        }
        if reported {
            self.dead.insert(e.target);
        }
        if reported != killed {
            self.moe.assessment_errors += 1;
        }
        Some(EventKind::KillAssessment {
            engagement: id,
            track: e.target.track,
            reported_killed: reported,
        })
    }
}

fn interpolate(path: &[(SimTime, [f64; 3])], t: SimTime) -> Option<[f64; 3]> {
    let k = path.partition_point(|(s, _)| *s <= t);
    if k == 0 || k >= path.len() {
        return path.last().filter(|(s, _)| *s == t).map(|(_, p)| *p);
    }
    let (t0, a) = path[k - 1];
    let (t1, b) = path[k];
    let w = (t - t0).as_secs_f64() / (t1 - t0).as_secs_f64().max(1e-9);
    Some(core::array::from_fn(|i| a[i] + w * (b[i] - a[i])))
}
