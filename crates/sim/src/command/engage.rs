//! Engagement execution: launch (re-checked against what the command knows then), fly-out with
//! in-flight updates bounded by the envelope and the divert budget, the seeker's acquisition
//! and the end game scored against truth, kill assessment, and what shoot-look-shoot learns.

use super::pairs;
use super::plan::{Epoch, estimate};
use super::{CommandRuntime, TargetKey};
use crate::log::EventKind;
use crate::node::{HeldTrack, NodeRuntime, object_behind};
use crate::world::World;
use base::{NodeId, ObjectId, Side, SimDuration, SimTime};
use fusion::{GateDims, pair_statistic};
use geodesy::Position;

/// χ²₃ quantile at 0.999: a track whose position gates with an engaged one at this level is
/// where that round is going.
const SAME_PLACE_D2: f64 = 16.266_236_196_238_1;

/// Time from intercept to the kill-assessment report.
pub(crate) const ASSESS_DELAY: SimDuration = SimDuration::from_secs(5);
/// Largest aim-point change an in-flight update may make, as a fraction of the remaining path.
const DIVERT_FRACTION: f64 = 0.2;

/// Why an engagement was called off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AbortReason {
    /// Hold fire: the target is now identified friendly or neutral.
    FriendOrNeutral,
    /// Kill assessment already reported the threat killed before launch.
    TargetAssessedKilled,
    /// The threat is now predicted to impact before the planned intercept.
    InterceptAfterImpact,
    /// The latest prediction puts every reachable intercept outside the envelope.
    LeftEnvelope(engagement::Limit),
    /// At launch the unit's node holds no track of the threat any more: nothing to guide on.
    TrackLost,
    /// At launch the cue has degraded: the planned Pk on the best track now held is below
    /// doctrine's minimum.
    CueDegraded,
    /// At launch every track of the threat the node holds is older than the ROE's maximum
    /// track age (no measurement for that long: it may be coasting on a dead object).
    TrackStale,
    /// At launch another round of another order is in flight at the same threat (its tracks
    /// were grouped differently when the two were ordered, or a dual track sits where the
    /// engaged one is): firing doctrine fires the rounds of one order together, never a
    /// second order before the first's look.
    AlreadyEngaged,
    /// Launch on remote: by seeker handover no track the round may guide on (its unit's own
    /// fire-control sensors', or data its authority engages on) has held the threat since
    /// launch, so nothing could guide the intercept.
    NoOwnFireControlTrack,
    /// In flight, before seeker handover, no track of the threat the round may guide on has
    /// been in its node's picture for longer than the ROE's maximum track age: the engagement cannot be
    /// supported (a midcourse round needs its uplink), so the round is destroyed and the
    /// threat is free for a fresh engagement on the track that replaced the lost one
    /// (measured on the default scenario: rounds flown blind on a dropped track passed 2–4 km
    /// from the missile while a second unit engaged its new track).
    TrackLostInFlight,
}

impl AbortReason {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AbortReason::FriendOrNeutral => "friend_or_neutral",
            AbortReason::TargetAssessedKilled => "target_assessed_killed",
            AbortReason::InterceptAfterImpact => "intercept_after_impact",
            AbortReason::TrackLost => "track_lost",
            AbortReason::CueDegraded => "cue_degraded",
            AbortReason::TrackStale => "track_stale",
            AbortReason::AlreadyEngaged => "already_engaged",
            AbortReason::NoOwnFireControlTrack => "no_own_fire_control_track",
            AbortReason::TrackLostInFlight => "track_lost_in_flight",
            AbortReason::LeftEnvelope(engagement::Limit::MinRange) => "left_envelope_min_range",
            AbortReason::LeftEnvelope(engagement::Limit::MaxRange) => "left_envelope_max_range",
            AbortReason::LeftEnvelope(engagement::Limit::MinAltitude) => {
                "left_envelope_min_altitude"
            }
            AbortReason::LeftEnvelope(engagement::Limit::MaxAltitude) => {
                "left_envelope_max_altitude"
            }
        }
    }
}

/// How long a reported kill's point is remembered for [`CommandRuntime::passes_a_kill_point`].
const KILL_MEMORY: SimDuration = SimDuration::from_secs(30);

/// One interceptor's engagement.
#[derive(Debug)]
pub(crate) struct Engagement {
    pub(crate) unit: usize,
    /// The track it was ordered on (shot counts, kill assessment and logs name it).
    pub(crate) target: TargetKey,
    /// The track it guides on now: the best track of the threat the unit's node holds (the
    /// ordered one unless another is more accurate or it was lost).
    pub(crate) guide: TargetKey,
    /// The track it was launched on (the guide at launch): launch, intercept, in-flight
    /// abort and kill-assessment events name it, so the log says what the round flew at.
    pub(crate) launched_on: Option<u32>,
    /// Every track of the threat when it was ordered (a kill assessed on any ends it).
    pub(crate) threat: Vec<TargetKey>,
    pub(crate) plan: engagement::Intercept,
    pub(crate) planned_pk: f64,
    pub(crate) on_remote: bool,
    pub(crate) self_defence: bool,
    pub(crate) ordered: SimTime,
    pub(crate) flyout: Option<engagement::Flyout>,
    /// Truth outcome at intercept (scoring).
    pub(crate) killed: Option<bool>,
    /// The truth object the ordered track followed at launch (scoring join: the end game is
    /// judged against it).
    followed_at_launch: Option<ObjectId>,
    /// Cancelled (hold fire: the target was identified friendly or neutral).
    pub(crate) aborted: bool,
    /// When a track the round may guide on (its unit's own fire-control sensors', or remote
    /// data its authority engages on) first held the threat from launch on: at launch unless
    /// it was launched on launch-on-remote data, which may launch a round but not guide it;
    /// until then the round flies its launch solution.
    took_over: Option<SimTime>,
    /// The last in-flight update that found a track of the threat to guide on.
    guided_at: SimTime,
}

impl Engagement {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn ordered(
        unit: usize,
        target: TargetKey,
        threat: Vec<TargetKey>,
        plan: engagement::Intercept,
        planned_pk: f64,
        on_remote: bool,
        self_defence: bool,
        ordered: SimTime,
    ) -> Self {
        Engagement {
            unit,
            target,
            guide: target,
            launched_on: None,
            threat,
            plan,
            planned_pk,
            on_remote,
            self_defence,
            ordered,
            flyout: None,
            killed: None,
            followed_at_launch: None,
            aborted: false,
            took_over: None,
            guided_at: SimTime::ZERO,
        }
    }
}

impl CommandRuntime {
    /// Whether a round of another order than engagement `id`'s is in flight at the threat
    /// `guide` belongs to: launched on it, ordered on a threat that holds it, engaged on
    /// `id`'s own threat, or guided on a track that `held` (the unit's picture now) places
    /// where `guide` is. The last is the dual track the threat grouping's 6-dof gate missed:
    /// two numbers on one object whose velocity estimates disagree (measured on the default
    /// scenario: two batteries' rounds on one SRBM through tracks 74 m and 482 m from it,
    /// the next object 9 km away). Engagement status is shared, so the second round holds
    /// and the threat is re-planned after the first one's kill assessment (shoot-look-shoot).
    fn in_flight_at(&self, id: u64, guide: TargetKey, held: &[HeldTrack]) -> bool {
        let e = &self.engagements[&id];
        let node = self.units[e.unit].node;
        let same_order =
            |o: &Engagement| o.unit == e.unit && o.ordered == e.ordered && o.target == e.target;
        let state = |k: TargetKey| {
            held.iter()
                .find(|h| super::target_key(self.track_sharing, node, h.number) == k)
                .map(super::targets::state_of)
        };
        let mine = state(guide);
        let mine_held = held
            .iter()
            .find(|h| super::target_key(self.track_sharing, node, h.number) == guide);
        // Or where the other round will be: `guide`'s predicted position at its intercept
        // lies within its basket of its aim point. This holds when the picture has since
        // dropped the other round's track for this one (a dual resolved under a new number).
        let aimed_at = |o: &Engagement| {
            let (Some(h), Some(f)) = (mine_held, o.flyout.as_ref()) else {
                return false;
            };
            let t = f.intercept_time();
            if t <= h.time {
                return false;
            }
            let path = c2::threat::predicted_path(
                &estimate(h, self.drag.get(&guide)),
                h.ballistic,
                (t - h.time) + SimDuration::from_secs(1),
                SimDuration::from_secs(1),
            );
            // Within that basket plus three sigmas of where this track will be: the position
            // error now grown by the velocity error over the prediction span.
            let dt = (t - h.time).as_secs_f64();
            let sigma_m = spread_m(h, dt);
            interpolate(&path, t).is_some_and(|p| {
                pairs::distance(p, f.aim_point())
                    <= self.units[o.unit].seeker.effective_basket_m() + 3.0 * sigma_m
            })
        };
        // Also the same place when the other round's seeker basket covers it: that round
        // takes out whatever is there, so a second one would be fired at the same object
        // (measured: an SRBM's dual tracks 1 km apart at σ 170 m each, outside the χ² gate).
        let colocated = |k: TargetKey, basket_m: f64| {
            let (Some(a), Some(b)) = (mine.as_ref(), state(k)) else {
                return false;
            };
            (a.x.fixed_rows::<3>(0) - b.x.fixed_rows::<3>(0)).norm() <= basket_m
                || pair_statistic(a, &b, SAME_PLACE_D2, GateDims::Position)
                    .is_some_and(|(d2, _)| d2 <= SAME_PLACE_D2)
        };
        self.engagements.iter().any(|(&oid, o)| {
            oid != id
                && !o.aborted
                && o.flyout.is_some()
                && o.killed.is_none()
                && !same_order(o)
                && (o.guide == guide
                    || o.threat.contains(&guide)
                    || e.threat.contains(&o.guide)
                    || colocated(o.guide, self.units[o.unit].seeker.effective_basket_m())
                    || aimed_at(o))
        })
    }
}

impl Engagement {
    /// The track its events name: the one it was launched on, or before launch the ordered one.
    pub(crate) fn logged_track(&self) -> u32 {
        self.launched_on.unwrap_or(self.target.track)
    }
}

impl CommandRuntime {
    /// Launch of engagement `id` at `now`: the round leaves the launcher (if the unit still
    /// has one) and flies to the planned intercept, unless what the command learnt since the
    /// order calls it off. `held` is the unit's node picture now: the round is guided on the
    /// best track of the threat it holds, and its planned Pk is re-computed on that cue (an
    /// order can wait minutes for its launch instant). Returns the event and, for a launch,
    /// the intercept time.
    pub(crate) fn launch(
        &mut self,
        now: SimTime,
        id: u64,
        world: &World,
        nodes: &[NodeRuntime],
        held: &[HeldTrack],
        c2: &crate::input::C2Config,
    ) -> Option<(EventKind, Option<SimTime>)> {
        let e = self.engagements.get(&id)?;
        if e.aborted {
            return None;
        }
        let u = &self.units[e.unit];
        let (u_node, remote) = (u.node, u.remote);
        let cue = launch_member(self.track_sharing, u, &e.threat, held).map(|(k, h)| {
            let sspk = if h.ballistic {
                u.interceptor.sspk_ballistic
            } else {
                u.interceptor.sspk_air
            };
            let fly_s = (e.plan.time - now).as_secs_f64().max(0.0);
            let stale = now - h.last_update > c2.max_track_age;
            (
                k,
                pairs::planned_pk(u, h, sspk, now, fly_s),
                stale,
                u.provenance(h),
            )
        });
        let through_kill = cue
            .as_ref()
            .and_then(|(k, ..)| {
                held.iter()
                    .find(|h| super::target_key(self.track_sharing, u_node, h.number) == *k)
            })
            .is_some_and(|h| self.passes_a_kill_point(h));
        let called_off = if through_kill || e.threat.iter().any(|k| self.dead.contains(k)) {
            Some(AbortReason::TargetAssessedKilled)
        } else if e
            .threat
            .first()
            .and_then(|k| self.threat_cache.get(k))
            .and_then(|a| a.deadline())
            .is_some_and(|impact| impact <= e.plan.time)
        {
            Some(AbortReason::InterceptAfterImpact)
        } else {
            match cue {
                None => Some(AbortReason::TrackLost),
                Some((guide, ..)) if self.in_flight_at(id, guide, held) => {
                    Some(AbortReason::AlreadyEngaged)
                }
                Some((_, _, true, ..)) => Some(AbortReason::TrackStale),
                Some((_, p, ..)) if p < c2.min_planned_pk || p <= 0.0 => {
                    Some(AbortReason::CueDegraded)
                }
                Some(_) => None,
            }
        };
        if let Some(reason) = called_off {
            return self.abort(id, reason).map(|ev| (ev, None));
        }
        let e = self.engagements.get_mut(&id)?;
        let mut provenance = c2::roe::Provenance::Ally;
        if let Some((guide, p, _, from)) = cue {
            e.guide = guide;
            e.planned_pk = p;
            provenance = from;
        }
        if remote.guides(provenance) {
            e.took_over = Some(now);
        }
        let (guide, followed) = (
            e.guide.track,
            object_behind(now, u_node, e.guide.track, world, nodes),
        );
        // Planned from where the launcher was at the decision: from where it is now the aim
        // point must still be inside the envelope (a ship may have steamed out of it).
        let left = {
            let u = &self.units[e.unit];
            u.position(world, now)
                .and_then(|l| u.kinematics.envelope_violation(l, e.plan.point_ecef_m))
        };
        if let Some(l) = left {
            return self
                .abort(id, AbortReason::LeftEnvelope(l))
                .map(|ev| (ev, None));
        }
        let e = self.engagements.get_mut(&id)?;
        let u = &mut self.units[e.unit];
        u.committed = u.committed.saturating_sub(1);
        let launcher = u.position(world, now);
        if u.inventory == 0 || launcher.is_none() {
            u.busy = u.busy.saturating_sub(1);
            let target = e.target;
            give_back(&mut self.pending, target);
            // The round never left: it is no shot at the threat.
            give_back(&mut self.shots, target);
            return None;
        }
        u.inventory -= 1;
        let flyout = engagement::Flyout::launch(&u.kinematics, launcher?, &e.plan);
        let t = flyout.intercept_time();
        let launch_point = Position::ecef(launcher?[0], launcher?[1], launcher?[2]).to_wgs84();
        let aim = Position::ecef(
            e.plan.point_ecef_m[0],
            e.plan.point_ecef_m[1],
            e.plan.point_ecef_m[2],
        )
        .to_wgs84();
        e.flyout = Some(flyout);
        e.launched_on = Some(guide);
        e.followed_at_launch = followed;
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
                track: e.logged_track(),
                interceptor: u.interceptor.name.clone(),
                on_remote: e.on_remote,
                provenance: provenance.as_str(),
                self_defence: e.self_defence,
                planned_pk: e.planned_pk,
                intercept_t_s: t.as_secs_f64(),
                launcher_lat_deg: launch_point.lat_deg(),
                launcher_lon_deg: launch_point.lon_deg(),
                launcher_alt_m: launch_point.alt_m(),
                aim_lat_deg: aim.lat_deg(),
                aim_lon_deg: aim.lon_deg(),
                aim_alt_m: aim.alt_m(),
            },
            Some(t),
        ))
    }

    /// Whether track `h` was, at a reported kill's instant within the last
    /// [`KILL_MEMORY`], inside that round's basket of its aim point (plus three sigmas of
    /// the track): the same object (a dual track or debris of it). Back-propagated under gravity alone, good to a few hundred
    /// metres over that span, well inside any basket.
    fn passes_a_kill_point(&self, h: &HeldTrack) -> bool {
        self.kill_points.iter().any(|&(t, aim, basket)| {
            let dt = (h.time - t).as_secs_f64();
            if !(0.0..=KILL_MEMORY.as_secs_f64()).contains(&dt) {
                return false;
            }
            let r = [h.x[0], h.x[1], h.x[2]];
            let rn = pairs::distance(r, [0.0; 3]);
            let g = geodesy::wgs84::GM_M3_S2 / (rn * rn);
            let back: [f64; 3] =
                core::array::from_fn(|i| r[i] - h.x[3 + i] * dt - 0.5 * g * r[i] / rn * dt * dt);
            // Within the basket plus three sigmas of where the track was (its position error
            // grown by its velocity error over the span): a dual of the killed object can sit
            // kilometres off it (measured: an MRBM's second track launched at 5.9 s after
            // the kill).
            let sigma_m = spread_m(h, dt);
            pairs::distance(back, aim) <= basket + 3.0 * sigma_m
        })
    }

    /// Calls engagement `id` off: an ordered round stays in its launcher, one in flight is
    /// destroyed before it reaches the intercept point; the channel is freed.
    fn abort(&mut self, id: u64, reason: AbortReason) -> Option<EventKind> {
        let e = self.engagements.get_mut(&id)?;
        if e.aborted || e.killed.is_some() {
            return None;
        }
        e.aborted = true;
        let launched = e.flyout.take().is_some();
        let u = &mut self.units[e.unit];
        if !launched {
            u.committed = u.committed.saturating_sub(1);
        }
        u.busy = u.busy.saturating_sub(1);
        give_back(&mut self.pending, e.target);
        if !launched {
            // Called off in its launcher: no shot spent, so the threat's `max_shots_per_threat`
            // room comes back and another unit may be ordered (a unit that can never launch,
            // e.g. under launch-on-remote with no own radar holding the threat, would
            // otherwise use up every shot the threat is allowed).
            give_back(&mut self.shots, e.target);
        }
        self.moe.aborted += 1;
        *self
            .moe
            .aborted_by_reason
            .entry(reason.as_str().to_owned())
            .or_default() += 1;
        Some(EventKind::EngagementAborted {
            fire_unit: u.name.clone(),
            engagement: id,
            track: e.logged_track(),
            launched,
            reason: reason.as_str(),
        })
    }

    /// Hold fire: an engagement whose target the unit's identification authority now holds
    /// friendly or neutral is cancelled — an ordered round is not launched, an interceptor in
    /// flight is destroyed before it reaches the intercept point.
    pub(crate) fn hold_fire_on_friends(&mut self, now: SimTime) -> Vec<EventKind> {
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
        ids.into_iter()
            .filter_map(|id| self.abort(id, AbortReason::FriendOrNeutral))
            .collect()
    }

    /// In-flight updates: every interceptor re-aims at its target's latest predicted position
    /// at its intercept time, or failing that at the earliest intercept it can still reach;
    /// a re-aim must stay inside the envelope and the divert budget. An engagement whose every
    /// candidate lies outside the envelope, beyond the seeker's basket of its current aim, is
    /// aborted; one refused otherwise keeps its aim.
    ///
    /// Returns the abort events and the engagements whose intercept time moved (to be
    /// rescheduled: an intercept event whose time no longer matches is stale).
    pub(crate) fn update_flyouts(
        &mut self,
        epoch: &Epoch<'_>,
    ) -> (Vec<EventKind>, Vec<(SimTime, u64)>) {
        let now = epoch.now;
        let sharing = self.track_sharing;
        let mut leaving: Vec<(u64, AbortReason)> = Vec::new();
        let mut moved: Vec<(SimTime, u64)> = Vec::new();
        for (id, e) in &mut self.engagements {
            if e.flyout.as_ref().is_none_or(|f| f.intercept_time() <= now) {
                continue;
            }
            let unit = &self.units[e.unit];
            let waiting = needs_takeover(unit, e.took_over);
            let Some(f) = e.flyout.as_mut() else {
                continue;
            };
            let Some((guide, h)) = epoch
                .pictures
                .get(&unit.node)
                .and_then(|held| guide_member(sharing, unit, &e.threat, held))
            else {
                // Launched on remote data, the own radar has not taken over by the time the
                // seeker needs its cue: the round cannot be guided home.
                if waiting && now >= f.handover_time(unit.seeker.handover_distance_m()) {
                    leaving.push((*id, AbortReason::NoOwnFireControlTrack));
                } else if !waiting && lost_in_flight(e.guided_at, f, unit, now, epoch.input) {
                    leaving.push((*id, AbortReason::TrackLostInFlight));
                }
                continue;
            };
            e.guided_at = now;
            e.took_over.get_or_insert(now);
            e.guide = guide;
            let t = f.intercept_time();
            let est = estimate(h, self.drag.get(&guide));
            let horizon = (t - h.time) + SimDuration::from_secs(30);
            let path =
                c2::threat::predicted_path(&est, h.ballistic, horizon, SimDuration::from_secs(1));
            let mut candidates = Vec::with_capacity(2);
            candidates.extend(interpolate(&path, t).map(|p| (t, p)));
            if path.len() >= 2 {
                candidates.extend(f.predict_intercept(now, &path));
            }
            // A candidate outside the envelope is not flown to; the round keeps its aim while
            // the predicted target stays within the seeker's effective basket of it (the kill
            // vehicle can still divert onto it), and is aborted when every candidate is outside
            // the envelope and out of that reach.
            let basket = self.units[e.unit].seeker.effective_basket_m();
            let aim = f.aim_point();
            let (mut accepted, mut only_envelope, mut limit, mut in_reach) =
                (false, true, None, false);
            for (at, p) in candidates {
                match f.update_aim(now, p, at, DIVERT_FRACTION) {
                    Ok(()) => {
                        accepted = true;
                        break;
                    }
                    Err(engagement::Rejected::Envelope(l)) => {
                        limit.get_or_insert(l);
                        in_reach |= at == t && pairs::distance(p, aim) <= basket;
                    }
                    Err(_) => only_envelope = false,
                }
            }
            match (accepted, only_envelope && !in_reach, limit) {
                (true, _, _) => {
                    self.moe.reaims += 1;
                    if f.intercept_time() != t {
                        moved.push((f.intercept_time(), *id));
                    }
                }
                (false, true, Some(l)) => leaving.push((*id, AbortReason::LeftEnvelope(l))),
                _ => self.moe.reaims_refused += 1,
            }
        }
        let aborted = leaving
            .into_iter()
            .filter_map(|(id, reason)| self.abort(id, reason))
            .collect();
        (aborted, moved)
    }

    /// The end game of engagement `id` at `now`, scored against truth: the seeker acquires
    /// what is really there (every object with a signature, at its true position now) and the
    /// kill vehicle kills the acquired object with its single-shot Pk when its miss across the
    /// final leg is inside the effective basket. An acquired object other than the one the
    /// guiding track followed is a wrong-object intercept, logged with why.
    pub(crate) fn intercept(
        &mut self,
        now: SimTime,
        id: u64,
        world: &mut World,
        nodes: &[NodeRuntime],
    ) -> Option<EventKind> {
        let e = self.engagements.get(&id)?;
        // An in-flight update moved the intercept: this event is stale (another is scheduled).
        let f = e.flyout.as_ref().filter(|f| f.intercept_time() == now)?;
        let u = &self.units[e.unit];
        if needs_takeover(u, e.took_over) {
            // No in-flight update found the own radar holding the threat before the end.
            return self.abort(id, AbortReason::NoOwnFireControlTrack);
        }
        let truth: Vec<(ObjectId, [f64; 3])> = world
            .objects
            .iter()
            // The launcher's own platform is not a target for its seeker.
            .filter(|o| o.signature.is_some() && o.id != u.platform)
            // An object destroyed at this very instant (by a salvo partner) is debris now.
            .filter(|o| !self.destroyed.contains(&o.id))
            .filter_map(|o| {
                let p = o.trajectory.state_at(now)?.position.xyz_m();
                Some((o.id, [p.x, p.y, p.z]))
            })
            .collect();
        let acquired = u.seeker.acquire(f, truth.iter().copied());
        // Judged against what the ordered track followed at launch; a guiding track that
        // came to follow another object in flight (a swap in a raid) is said so.
        let followed = e.followed_at_launch;
        let guided_to = object_behind(now, u.node, e.guide.track, world, nodes);
        let name = |o: ObjectId| world.objects[o.index()].name.clone();
        let aim = f.aim_point();
        let wrong_object = acquired.and_then(|a| match followed {
            Some(o) if o == a.id => None,
            Some(o) if guided_to == Some(a.id) => Some(format!(
                "track followed {} at launch, {} at intercept; seeker acquired {}",
                name(o),
                name(a.id),
                name(a.id)
            )),
            Some(o) => Some(format!(
                "track followed {}; seeker acquired {} nearer the cue",
                name(o),
                name(a.id)
            )),
            None => Some(format!(
                "track followed no object; seeker acquired {}",
                name(a.id)
            )),
        });
        let u = &mut self.units[e.unit];
        let killed = match acquired {
            Some(a) if u.seeker.within_basket(a.miss_m) => {
                let obj = &world.objects[a.id.index()];
                let sspk = if obj.kind.is_threat() && obj.boost_end.is_some() {
                    u.interceptor.sspk_ballistic
                } else {
                    u.interceptor.sspk_air
                };
                engagement::draw(&mut u.rng, sspk)
            }
            // No draw without a chance: the stream stays aligned per intercept either way.
            _ => engagement::draw(&mut u.rng, 0.0),
        };
        if let Some(e) = self.engagements.get_mut(&id) {
            e.killed = Some(killed);
        }
        if wrong_object.is_some() {
            self.moe.wrong_object += 1;
        }
        let lla = Position::ecef(aim[0], aim[1], aim[2]).to_wgs84();
        let (object, side, miss) = match acquired {
            Some(a) => {
                let (name, side) = {
                    let obj = &world.objects[a.id.index()];
                    (obj.name.clone(), obj.side)
                };
                if side != Side::Hostile {
                    self.moe.fratricides += 1;
                }
                if killed {
                    if side == Side::Hostile {
                        self.moe.kills += 1;
                    }
                    world.objects[a.id.index()].trajectory.truncate_at(now);
                    self.destroyed.insert(a.id);
                }
                (Some(name), Some(side.as_str()), Some(a.miss_m))
            }
            None => (None, None, None),
        };
        Some(EventKind::Intercept {
            fire_unit: self.units[self.engagements[&id].unit].name.clone(),
            engagement: id,
            track: self.engagements[&id].logged_track(),
            object,
            side,
            miss_m: miss,
            killed,
            wrong_object,
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
        give_back(&mut self.pending, e.target);
        if reported {
            self.dead.insert(e.target);
            if let Some(f) = e.flyout.as_ref() {
                let basket = self.units[e.unit].seeker.effective_basket_m();
                self.kill_points
                    .push((f.intercept_time(), f.aim_point(), basket));
            }
        }
        if reported != killed {
            self.moe.assessment_errors += 1;
        }
        Some(EventKind::KillAssessment {
            engagement: id,
            track: e.logged_track(),
            reported_killed: reported,
        })
    }
}

/// One round less counted against `target` in `counts` (shots or pending rounds).
fn give_back(counts: &mut std::collections::BTreeMap<TargetKey, u32>, target: TargetKey) {
    if let Some(n) = counts.get_mut(&target) {
        *n = n.saturating_sub(1);
    }
}

/// The best track of a threat (`members`) that `node` holds in `held`: the smallest position
/// variance, i.e. the most accurate cue; the earlier member on a tie.
pub(crate) fn best_member<'h>(
    track_sharing: bool,
    node: NodeId,
    members: &[TargetKey],
    held: &'h [HeldTrack],
) -> Option<(TargetKey, &'h HeldTrack)> {
    best_where(track_sharing, node, members, held, |_| true)
}

/// One-sigma radius of where track `h` is `dt_s` from its estimate time: its RMS position
/// error grown by its RMS velocity error (conservative: the two add, not in quadrature).
fn spread_m(h: &HeldTrack, dt_s: f64) -> f64 {
    (h.p[0][0] + h.p[1][1] + h.p[2][2]).max(0.0).sqrt()
        + (h.p[3][3] + h.p[4][4] + h.p[5][5]).max(0.0).sqrt() * dt_s
}

/// Whether a round of unit `u` still waits to be taken over: launched on data its authority
/// covers by launch-on-remote only, no track it may guide on held since (`took_over`).
/// Whether a launched round has had no track to guide on (none of its threat's tracks in its
/// node's picture) for longer than the ROE's maximum track age since it last had one (or
/// since launch), while it still needs uplink updates (before seeker handover). A track held
/// but coasting still gives a prediction and its growing covariance (measured: counting a
/// held track's data age instead destroyed 21 rounds per run of the default scenario whose
/// rotator and link data ran a little over 12 s old, and raised leakers from 12.5 to 17.5).
fn lost_in_flight(
    guided_at: SimTime,
    f: &engagement::Flyout,
    unit: &super::units::FireUnitRuntime,
    now: SimTime,
    input: &crate::input::Input,
) -> bool {
    now < f.handover_time(unit.seeker.handover_distance_m())
        && now - guided_at.max(f.launch_time()) > input.c2.max_track_age
}

fn needs_takeover(u: &super::units::FireUnitRuntime, took_over: Option<SimTime>) -> bool {
    u.remote.any_launch_only() && took_over.is_none()
}

/// The track unit `u` launches a round on: the best it may guide on (`guide_member`), else
/// the best its authority permits at all (launch-on-remote data: the remote cue).
fn launch_member<'h>(
    track_sharing: bool,
    u: &super::units::FireUnitRuntime,
    members: &[TargetKey],
    held: &'h [HeldTrack],
) -> Option<(TargetKey, &'h HeldTrack)> {
    guide_member(track_sharing, u, members, held).or_else(|| {
        best_where(track_sharing, u.node, members, held, |h| {
            u.remote.permits(u.provenance(h))
        })
    })
}

/// The track unit `u` guides a round in flight on: the best member its node holds among
/// those its own fire-control sensors contribute to or its authority engages on. Data its
/// authority covers by launch-on-remote only never guides (PRIMER §4.5: the launch may be
/// on remote data, the intercept is its own radar's), so under `allied-lor` a round
/// launched on an ally's track is taken over by the unit's own radar or its own nation's.
pub(crate) fn guide_member<'h>(
    track_sharing: bool,
    u: &super::units::FireUnitRuntime,
    members: &[TargetKey],
    held: &'h [HeldTrack],
) -> Option<(TargetKey, &'h HeldTrack)> {
    best_where(track_sharing, u.node, members, held, |h| {
        u.remote.guides(u.provenance(h))
    })
}

fn best_where<'h>(
    track_sharing: bool,
    node: NodeId,
    members: &[TargetKey],
    held: &'h [HeldTrack],
    allowed: impl Fn(&HeldTrack) -> bool,
) -> Option<(TargetKey, &'h HeldTrack)> {
    let variance = |h: &HeldTrack| h.p[0][0] + h.p[1][1] + h.p[2][2];
    members
        .iter()
        .filter_map(|k| {
            held.iter()
                .find(|h| super::target_key(track_sharing, node, h.number) == *k)
                .filter(|h| allowed(h))
                .map(|h| (*k, h))
        })
        .min_by(|a, b| variance(a.1).total_cmp(&variance(b.1)))
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
