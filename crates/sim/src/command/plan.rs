//! One decision epoch: threat evaluation, engagement windows, rules of engagement, and the
//! alliance-wide weapon-target assignment that turns permitted pairs into orders.

use super::{CommandRuntime, Engagement, TargetKey};
use crate::input::{
    ApprovalLevel, Input, PlatformMotion, TargetClass, Wcs, WtaObjective, ZoneKind,
};
use crate::log::EventKind;
use crate::node::{HeldTrack, NodeRuntime};
use crate::world::World;
use base::{NodeId, Side, SimDuration, SimTime};
use c2::roe::{Decision, Shooter, TrackFacts};
use c2::threat::{Assessment, DefendedAsset, TrackEstimate};
use c2::wta::{Objective, Problem, SolveOptions, SolverKind, Target, Threatens, Weapon};
use dynamics::Trajectory;

/// How far ahead threats are predicted for engagement windows.
const HORIZON: SimDuration = SimDuration::from_secs(900);
/// Prediction step of the mean path.
const STEP: SimDuration = SimDuration::from_secs(2);
/// A threat assessment is reused for this long unless the track got fresher data.
const REASSESS: SimDuration = SimDuration::from_secs(6);
/// Local-search work per decision (deterministic budget; the real-time default solver).
const WTA_ROUNDS: u64 = 200;

/// A threat assessment and the predicted path it came with.
#[derive(Debug, Clone)]
pub(crate) struct Assessed {
    at: SimTime,
    last_update: SimTime,
    pub(crate) assessment: Assessment,
    pub(crate) path: Vec<(SimTime, [f64; 3])>,
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

fn wcs(w: Wcs) -> c2::roe::Wcs {
    match w {
        Wcs::Free => c2::roe::Wcs::Free,
        Wcs::Tight => c2::roe::Wcs::Tight,
        Wcs::Hold => c2::roe::Wcs::Hold,
    }
}

fn threat_class(c: TargetClass) -> c2::roe::ThreatClass {
    match c {
        TargetClass::Ballistic => c2::roe::ThreatClass::Ballistic,
        TargetClass::Air => c2::roe::ThreatClass::Air,
    }
}

fn approval(a: ApprovalLevel) -> c2::roe::ApprovalLevel {
    match a {
        ApprovalLevel::Unit => c2::roe::ApprovalLevel::Unit,
        ApprovalLevel::National => c2::roe::ApprovalLevel::National,
        ApprovalLevel::Combined => c2::roe::ApprovalLevel::Combined,
    }
}

fn estimate(h: &HeldTrack) -> TrackEstimate {
    TrackEstimate {
        time: h.time,
        position_ecef_m: [h.x[0], h.x[1], h.x[2]],
        velocity_ecef_mps: [h.x[3], h.x[4], h.x[5]],
        covariance: h.p,
    }
}

fn distance(a: [f64; 3], b: [f64; 3]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// A permitted (fire unit, target) pair with what the order needs.
struct Pair {
    unit: usize,
    target: usize,
    p: f64,
    window: engagement::Window,
    on_remote: bool,
    self_defence: bool,
}

/// What a decision epoch produced.
pub(crate) struct Orders {
    pub(crate) events: Vec<EventKind>,
    /// (launch time, engagement id) to schedule.
    pub(crate) launches: Vec<(SimTime, u64)>,
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
        let pictures = self.pictures(now, nodes, release_of);
        let assets: Vec<DefendedAsset> = input
            .assets
            .iter()
            .map(|a| DefendedAsset {
                position: a.position,
                radius_m: a.radius_m,
                value: a.value,
            })
            .collect();
        let assets_ecef: Vec<[f64; 3]> = input
            .assets
            .iter()
            .map(|a| {
                let p = a.position.to_ecef().xyz_m();
                [p.x, p.y, p.z]
            })
            .collect();
        let mut events = self.identify_all(now, input, &pictures, &assets_ecef);
        events.extend(self.hold_fire_on_friends(now));
        self.update_flyouts(now, &pictures);

        // Targets: every track some fire unit's picture holds that is not friendly or neutral.
        let mut targets: Vec<(TargetKey, NodeId, HeldTrack)> = Vec::new();
        for u in &self.units {
            let Some(held) = pictures.get(&u.node) else {
                continue;
            };
            for h in held {
                let key = self.key(u.node, h.number);
                if self.dead.contains(&key) || targets.iter().any(|(k, _, _)| *k == key) {
                    continue;
                }
                if self.identity_for(u.node, h.number).is_friendly_or_neutral() {
                    continue;
                }
                targets.push((key, u.node, h.clone()));
            }
        }
        for (key, _, h) in &targets {
            let fresh = self
                .threat_cache
                .get(key)
                .is_some_and(|a| a.last_update == h.last_update || now - a.at < REASSESS);
            if !fresh {
                let e = estimate(h);
                self.threat_cache.insert(
                    *key,
                    Assessed {
                        at: now,
                        last_update: h.last_update,
                        assessment: c2::threat::assess(&e, h.ballistic, &assets),
                        path: c2::threat::predicted_path(&e, h.ballistic, HORIZON, STEP),
                    },
                );
            }
        }

        let mut pairs: Vec<Pair> = Vec::new();
        for (ui, u) in self.units.iter().enumerate() {
            let free_channels = u.channels.saturating_sub(u.busy);
            if u.available() == 0 || free_channels == 0 {
                continue;
            }
            let Some(launcher) = u.position(world, now) else {
                continue;
            };
            let Some(held) = pictures.get(&u.node) else {
                continue;
            };
            for (ti, (key, _, _)) in targets.iter().enumerate() {
                let Some(h) = held.iter().find(|h| self.key(u.node, h.number) == *key) else {
                    continue;
                };
                let sspk = if h.ballistic {
                    u.interceptor.sspk_ballistic
                } else {
                    u.interceptor.sspk_air
                };
                if sspk <= 0.0 {
                    continue;
                }
                let Some(assessed) = self.threat_cache.get(key) else {
                    continue;
                };
                let ordered_at = now + SimDuration::from_secs_f64(u.approval_latency_s);
                let Some(window) = engagement::engagement_window(
                    &u.kinematics,
                    launcher,
                    ordered_at,
                    &assessed.path,
                ) else {
                    continue;
                };
                let aim = window.earliest.point_ecef_m;
                let class = if h.ballistic {
                    TargetClass::Ballistic
                } else {
                    TargetClass::Air
                };
                let zones: Vec<base::ZoneId> = input
                    .zones
                    .iter()
                    .enumerate()
                    .filter(|(_, z)| z.kind == ZoneKind::Area && inside(aim, z))
                    .map(|(i, _)| base::ZoneId::new(i))
                    .collect();
                let status = if cut_off(u.node) {
                    wcs(input.fire_units[ui].fallback)
                } else {
                    self.wcs.status(u.nation, threat_class(class), &zones, now)
                };
                let self_defence = assessed
                    .assessment
                    .impact
                    .as_ref()
                    .map(|i| {
                        let p = i.point.to_ecef().xyz_m();
                        distance([p.x, p.y, p.z], launcher)
                    })
                    .unwrap_or_else(|| distance([h.x[0], h.x[1], h.x[2]], launcher))
                    <= input.c2.self_defence_radius_m;
                let on_remote = match &h.sources {
                    Some(s) => s.is_disjoint(&u.own_sensors),
                    None => !h.first_hand,
                };
                let facts = TrackFacts {
                    identity: self.identity_for(u.node, h.number),
                    quality: h.quality,
                    age_s: (now - h.last_update).as_secs_f64().max(0.0),
                    remote: on_remote,
                    release: h.release,
                    self_defence,
                    intercept_in_no_fire: input
                        .zones
                        .iter()
                        .any(|z| z.kind == ZoneKind::NoFire && inside(aim, z)),
                };
                let shooter = Shooter {
                    nation: u.nation,
                    wcs: status,
                    min_quality: input.c2.min_track_quality,
                    max_age_s: input.c2.max_track_age.as_secs_f64(),
                    approval: approval(input.c2.approval),
                    may_engage_on_remote: input.c2.engage_on_remote,
                };
                let verdict = c2::roe::evaluate(&shooter, &facts);
                let (decision, reason) = match verdict.decision {
                    Decision::Permit => ("permit", "permitted"),
                    Decision::Deny(r) => ("deny", r.as_str()),
                    Decision::NeedsApproval(l) => ("needs_approval", l.as_str()),
                };
                if self.verdicts.get(&(ui, *key)) != Some(&(decision, reason)) {
                    self.verdicts.insert((ui, *key), (decision, reason));
                    events.push(EventKind::EngagementDecision {
                        fire_unit: u.name.clone(),
                        track: key.track,
                        decision,
                        reason,
                    });
                    if decision == "deny" {
                        *self.moe.denied.entry(reason.to_owned()).or_default() += 1;
                    }
                }
                if decision == "deny" {
                    continue;
                }
                let sigma_pos = (h.p[0][0] + h.p[1][1] + h.p[2][2]).max(0.0).sqrt();
                let sigma_vel = (h.p[3][3] + h.p[4][4] + h.p[5][5]).max(0.0).sqrt();
                let fly_s = (window.earliest.time - ordered_at).as_secs_f64().max(0.0);
                let cue = engagement::handover_sigma_m(
                    sigma_pos / 3f64.sqrt(),
                    sigma_vel / 3f64.sqrt(),
                    facts.age_s + fly_s.min(5.0),
                    if h.ballistic { 5.0 } else { 20.0 },
                );
                let p = engagement::kill_probability(sspk, u.interceptor.basket_m, cue);
                if p <= 0.0 {
                    continue;
                }
                pairs.push(Pair {
                    unit: ui,
                    target: ti,
                    p,
                    window,
                    on_remote,
                    self_defence,
                });
            }
        }
        let launches = self.assign(now, input, &targets, &pairs);
        Orders { events, launches }
    }

    /// The alliance-wide WTA over the permitted pairs; orders for what it assigns.
    fn assign(
        &mut self,
        now: SimTime,
        input: &Input,
        targets: &[(TargetKey, NodeId, HeldTrack)],
        pairs: &[Pair],
    ) -> Vec<(SimTime, u64)> {
        if pairs.is_empty() {
            return Vec::new();
        }
        let c2cfg = &input.c2;
        let per_engagement = if c2cfg.shoot_look_shoot {
            1
        } else {
            c2cfg.salvo
        };
        let used_units: Vec<usize> = {
            let mut v: Vec<usize> = pairs.iter().map(|p| p.unit).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let used_targets: Vec<usize> = {
            let mut v: Vec<usize> = pairs.iter().map(|p| p.target).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let weapons: Vec<Weapon> = used_units
            .iter()
            .map(|&u| {
                let unit = &self.units[u];
                Weapon {
                    units: unit.available(),
                    channels: Some(unit.channels.saturating_sub(unit.busy)),
                }
            })
            .collect();
        let mut asset_weights: Vec<f64> = input.assets.iter().map(|a| a.value).collect();
        if asset_weights.is_empty() {
            asset_weights.push(0.0);
        }
        let wta_targets: Vec<Target> = used_targets
            .iter()
            .map(|&t| {
                let key = targets[t].0;
                let assessed = &self.threat_cache[&key];
                let fired = self.shots.get(&key).copied().unwrap_or(0);
                let waiting = self.pending.get(&key).copied().unwrap_or(0);
                let room = c2cfg.max_shots_per_threat.saturating_sub(fired);
                // Shoot-look-shoot: nothing more until the shots in flight are assessed.
                let now_max = if c2cfg.shoot_look_shoot && waiting > 0 {
                    0
                } else {
                    room.min(per_engagement)
                };
                let worst = assessed
                    .assessment
                    .endangered
                    .iter()
                    .copied()
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                Target {
                    value: assessed.assessment.value.max(1e-6),
                    max_shots: Some(now_max),
                    threatens: worst.map(|(asset, p)| Threatens {
                        asset,
                        leak_kill: p.clamp(0.0, 1.0),
                    }),
                }
            })
            .collect();
        let mut p = vec![vec![0.0; used_targets.len()]; used_units.len()];
        for pair in pairs {
            let i = used_units.binary_search(&pair.unit).expect("listed");
            let j = used_targets.binary_search(&pair.target).expect("listed");
            p[i][j] = pair.p;
        }
        let objective = match c2cfg.objective {
            WtaObjective::TargetValue => Objective::TargetValue,
            WtaObjective::AssetBased => Objective::AssetBased { asset_weights },
        };
        let Ok(problem) = Problem::new(weapons, wta_targets, p, objective) else {
            return Vec::new();
        };
        let kind: SolverKind = c2cfg.solver.parse().unwrap_or(SolverKind::Local);
        let opts = SolveOptions {
            rounds: WTA_ROUNDS,
            ..SolveOptions::default()
        };
        let solution = c2::wta::solve(&problem, kind, &opts);
        let mut launches = Vec::new();
        for (i, j, n) in solution.assignment.shots() {
            let unit = used_units[i];
            let target = used_targets[j];
            let Some(pair) = pairs.iter().find(|p| p.unit == unit && p.target == target) else {
                continue;
            };
            let (key, holder, held) = (&targets[target].0, targets[target].1, &targets[target].2);
            let key = *key;
            let authority = self.authority.get(&holder).copied().unwrap_or(holder);
            let first = self
                .first_held
                .get(&(authority, held.number))
                .copied()
                .unwrap_or(now);
            for _ in 0..n {
                self.moe.decisions += 1;
                self.moe.decision_latency_sum_s += (now - first).as_secs_f64();
                let id = self.next_engagement;
                self.next_engagement += 1;
                let u = &mut self.units[unit];
                u.committed += 1;
                u.busy += 1;
                *self.shots.entry(key).or_default() += 1;
                *self.pending.entry(key).or_default() += 1;
                let launch = pair.window.earliest.launch.max(now);
                self.engagements.insert(
                    id,
                    Engagement::ordered(
                        unit,
                        key,
                        pair.window.earliest,
                        pair.p,
                        pair.on_remote,
                        pair.self_defence,
                        now,
                    ),
                );
                launches.push((launch, id));
            }
        }
        launches
    }
}

fn inside(p: [f64; 3], z: &crate::input::Zone) -> bool {
    let lla = geodesy::Position::ecef(p[0], p[1], p[2]).to_wgs84();
    let ground = lla.with_alt(0.0).to_ecef().xyz_m();
    let c = z.center.with_alt(0.0).to_ecef().xyz_m();
    (ground - c).norm() <= z.radius_m
}
