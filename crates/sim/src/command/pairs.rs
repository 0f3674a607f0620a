//! Pair evaluation: for one fire unit and one threat, the engagement window, the rules of
//! engagement and the planned kill probability — each step a typed outcome, so the reason a
//! pair is not offered to the WTA is always known.

use super::plan::{Assessed, Epoch};
use super::targets::Threat;
use super::units::FireUnitRuntime;
use super::{CommandRuntime, TargetKey};
use crate::input::{TargetClass, ZoneKind};
use crate::node::HeldTrack;
use base::{SimDuration, SimTime};
use c2::roe::{Decision, Provenance, Shooter, TrackFacts};

/// Planning allowance for unmodelled target acceleration over a cue's age, m/s²: ballistic
/// re-entry (drag-estimate error), air-breathers (manoeuvres).
const CUE_ACCEL_BALLISTIC_MPS2: f64 = 5.0;
const CUE_ACCEL_AIR_MPS2: f64 = 20.0;
/// In-flight updates refresh the cue until about this long before intercept, s.
const LAST_UPDATE_BEFORE_INTERCEPT_S: f64 = 5.0;

/// A pair the WTA may use.
pub(crate) struct Pair {
    pub(crate) unit: usize,
    /// Index of the threat in the epoch's list.
    pub(crate) threat: usize,
    /// The member track the unit guides on.
    pub(crate) track: TargetKey,
    pub(crate) p: f64,
    pub(crate) window: engagement::Window,
    pub(crate) on_remote: bool,
    pub(crate) self_defence: bool,
}

/// Why a (fire unit, threat) pair is not offered to the WTA, or the pair itself.
pub(crate) enum Evaluation {
    /// The unit's node holds none of the threat's tracks.
    NotHeld,
    /// The interceptor cannot kill this class (single-shot Pk 0).
    WrongClass,
    /// No intercept inside the envelope before the threat is out of reach.
    NoWindow,
    /// A window whose launch lies beyond the commit horizon: planned again next epoch.
    NotYet,
    /// The only intercepts come after the predicted impact.
    AfterImpact,
    /// A window exists but the unit has no round left or no free channel (the ROE is not
    /// judged: nothing could be fired).
    NoCapacity,
    /// The rules of engagement deny it (logged with the reason).
    Denied,
    /// Planned kill probability below doctrine's minimum.
    BelowMinimumPk,
    /// Offered to the WTA.
    Offered(Pair),
}

impl CommandRuntime {
    /// Evaluates unit `ui` against threat `ti`, logging ROE verdict changes into `events`;
    /// without `capacity` (no round or no free channel) it stops at the window.
    pub(crate) fn evaluate_pair(
        &mut self,
        epoch: &Epoch<'_>,
        events: &mut Vec<crate::log::EventKind>,
        ui: usize,
        ti: usize,
        threat: &Threat,
        capacity: bool,
    ) -> Evaluation {
        let u = &self.units[ui];
        let Some(held) = epoch.pictures.get(&u.node) else {
            return Evaluation::NotHeld;
        };
        // Guide on the most accurate of the threat's tracks the unit's node holds.
        let Some((key, h)) =
            super::engage::best_member(self.track_sharing, u.node, &threat.members, held)
        else {
            return Evaluation::NotHeld;
        };
        let sspk = if h.ballistic {
            u.interceptor.sspk_ballistic
        } else {
            u.interceptor.sspk_air
        };
        if sspk <= 0.0 {
            return Evaluation::WrongClass;
        }
        let Some(assessed) = self.threat_cache.get(&threat.key()) else {
            return Evaluation::NoWindow;
        };
        let Some(launcher) = u.position(epoch.world, epoch.now) else {
            return Evaluation::NoWindow;
        };
        let ordered_at = epoch.now + SimDuration::from_secs_f64(u.approval_latency_s);
        let Some(kinematics) = u.planning_kinematics(u.provenance(h)) else {
            return Evaluation::NoWindow;
        };
        let Some(window) =
            engagement::engagement_window(&kinematics, launcher, ordered_at, &assessed.path)
        else {
            return Evaluation::NoWindow;
        };
        if assessed
            .deadline()
            .is_some_and(|impact| window.earliest.time >= impact)
        {
            return Evaluation::AfterImpact;
        }
        if window.earliest.launch > epoch.now + epoch.input.c2.commit_horizon {
            return Evaluation::NotYet;
        }
        if !capacity {
            return Evaluation::NoCapacity;
        }
        let facts = self.facts(epoch, u, h, assessed, launcher, window.earliest);
        let decision =
            c2::roe::evaluate(&self.shooter(epoch, ui, h, window.earliest), &facts).decision;
        self.log_verdict(events, ui, threat.key(), decision);
        if matches!(decision, Decision::Deny(_)) {
            return Evaluation::Denied;
        }
        let u = &self.units[ui];
        let fly_s = (window.earliest.time - ordered_at).as_secs_f64().max(0.0);
        let p = planned_pk(u, h, sspk, epoch.now, fly_s);
        if p < epoch.input.c2.min_planned_pk || p <= 0.0 {
            return Evaluation::BelowMinimumPk;
        }
        Evaluation::Offered(Pair {
            unit: ui,
            threat: ti,
            track: key,
            p,
            window,
            on_remote: facts.provenance != Provenance::OwnSensors,
            self_defence: facts.self_defence,
        })
    }

    /// What the ROE need to know about the guiding track and the planned intercept.
    fn facts(
        &self,
        epoch: &Epoch<'_>,
        u: &FireUnitRuntime,
        h: &HeldTrack,
        assessed: &Assessed,
        launcher: [f64; 3],
        aim: engagement::Intercept,
    ) -> TrackFacts {
        let input = epoch.input;
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
        TrackFacts {
            identity: self.identity_for(u.node, h.number),
            quality: h.quality,
            age_s: (epoch.now - h.last_update).as_secs_f64().max(0.0),
            provenance: u.provenance(h),
            release: h.release,
            self_defence,
            intercept_in_no_fire: input
                .zones
                .iter()
                .any(|z| z.kind == ZoneKind::NoFire && inside(aim.point_ecef_m, z)),
        }
    }

    /// The shooter's side of the ROE: its nation, the WCS in force where the intercept falls.
    fn shooter(
        &self,
        epoch: &Epoch<'_>,
        ui: usize,
        h: &HeldTrack,
        aim: engagement::Intercept,
    ) -> Shooter {
        let input = epoch.input;
        let u = &self.units[ui];
        let class = if h.ballistic {
            TargetClass::Ballistic
        } else {
            TargetClass::Air
        };
        let zones: Vec<base::ZoneId> = input
            .zones
            .iter()
            .enumerate()
            .filter(|(_, z)| z.kind == ZoneKind::Area && inside(aim.point_ecef_m, z))
            .map(|(i, _)| base::ZoneId::new(i))
            .collect();
        let wcs = if (epoch.cut_off)(u.node) {
            super::plan::wcs(input.fire_units[ui].fallback)
        } else {
            self.wcs.status(
                u.nation,
                super::plan::threat_class(class),
                &zones,
                epoch.now,
            )
        };
        Shooter {
            nation: u.nation,
            wcs,
            min_quality: input.c2.min_track_quality,
            max_age_s: input.c2.max_track_age.as_secs_f64(),
            approval: super::plan::approval(input.c2.approval),
            remote: u.remote,
        }
    }

    /// Logs a (fire unit, threat) verdict when it changed; counts denials by reason.
    fn log_verdict(
        &mut self,
        events: &mut Vec<crate::log::EventKind>,
        ui: usize,
        key: TargetKey,
        d: Decision,
    ) {
        if self.verdicts.get(&(ui, key)) == Some(&d) {
            return;
        }
        self.verdicts.insert((ui, key), d);
        let (decision, reason) = match d {
            Decision::Permit => ("permit", "permitted"),
            Decision::Deny(r) => ("deny", r.as_str()),
            Decision::NeedsApproval(l) => ("needs_approval", l.as_str()),
        };
        if let Decision::Deny(r) = d {
            *self.moe.denied.entry(r.as_str().to_owned()).or_default() += 1;
        }
        events.push(crate::log::EventKind::EngagementDecision {
            fire_unit: self.units[ui].name.clone(),
            track: key.track,
            decision,
            reason,
        });
    }
}

/// Planned kill probability: SSPK × the chance the cue error at handover falls inside the
/// seeker's effective basket, the cue being the guiding track grown from `now` until the last
/// in-flight update.
/// `fly_s`: time from `now` to intercept. The held track's covariance is already predicted
/// to its estimate time (the decision instant), so the growth counts from there, not from
/// its last measurement: counting the measurement age again would grow the same interval
/// twice.
pub(crate) fn planned_pk(
    u: &FireUnitRuntime,
    h: &HeldTrack,
    sspk: f64,
    now: SimTime,
    fly_s: f64,
) -> f64 {
    let age_s = (now - h.time).as_secs_f64().max(0.0);
    let sigma_pos = (h.p[0][0] + h.p[1][1] + h.p[2][2]).max(0.0).sqrt();
    let sigma_vel = (h.p[3][3] + h.p[4][4] + h.p[5][5]).max(0.0).sqrt();
    let cue = engagement::handover_sigma_m(
        sigma_pos / 3f64.sqrt(),
        sigma_vel / 3f64.sqrt(),
        age_s + fly_s.min(LAST_UPDATE_BEFORE_INTERCEPT_S),
        if h.ballistic {
            CUE_ACCEL_BALLISTIC_MPS2
        } else {
            CUE_ACCEL_AIR_MPS2
        },
    );
    engagement::kill_probability(sspk, u.seeker.effective_basket_m(), cue)
}

pub(crate) fn distance(a: [f64; 3], b: [f64; 3]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

pub(crate) fn inside(p: [f64; 3], z: &crate::input::Zone) -> bool {
    let lla = geodesy::Position::ecef(p[0], p[1], p[2]).to_wgs84();
    let ground = lla.with_alt(0.0).to_ecef().xyz_m();
    let c = z.center.with_alt(0.0).to_ecef().xyz_m();
    (ground - c).norm() <= z.radius_m
}
