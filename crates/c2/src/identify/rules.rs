//! The identification rule table and its hysteresis (see the module docs of `identify`).

use super::ballistic::{Ballistic, plausible};
use super::{Evidence, IdDecision, IdReason, IdRules, Identity};
use geodesy::wgs84::MEAN_RADIUS_M;

/// How much evidence a conclusion rests on; an identity yields only to evidence at least as
/// strong as it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Weak,
    Firm,
    Strong,
}

/// Identifies one track from `e`, with hysteresis on `previous` (rules and precedence in the
/// module docs). Deterministic; NaN kinematics never satisfy a threshold.
pub fn identify(e: &Evidence, previous: Identity, rules: &IdRules) -> IdDecision {
    let (identity, reason, strength) = conclude(e, rules);
    let needed = match previous {
        Identity::Pending | Identity::Unknown => Strength::Weak,
        Identity::AssumedFriend | Identity::Suspect | Identity::Hostile => Strength::Firm,
        Identity::Friend | Identity::Neutral => Strength::Strong,
    };
    let back_to_pending = identity == Identity::Pending && previous != Identity::Pending;
    if strength >= needed && !back_to_pending {
        IdDecision { identity, reason }
    } else {
        IdDecision {
            identity: previous,
            reason: IdReason::Retained,
        }
    }
}

fn conclude(e: &Evidence, r: &IdRules) -> (Identity, IdReason, Strength) {
    use {IdReason as R, Identity as I, Strength as S};
    let on_plan = e.flight_plan_miss_m.is_some_and(|m| m <= r.plan_gate_m);
    let no_reply = e.interrogated && !e.military_reply && !e.civil_reply;
    let attack = e.closing_asset_m.is_some_and(|d| d <= r.attack_range_m)
        && e.speed_mps >= r.attack_min_speed_mps
        && e.altitude_m <= r.attack_max_alt_m
        && e.climb_mps <= r.attack_max_climb_mps;
    // The Earth's mean radius stands in for the local one: within 0.3 %, far inside the margins
    // of the energy tests.
    let ballistic_plausible = plausible(MEAN_RADIUS_M + e.altitude_m, e.speed_mps, e.climb_mps, r);
    if e.military_reply {
        (I::Friend, R::MilitaryIff, S::Strong)
    } else if e.civil_reply && on_plan {
        (I::Neutral, R::FlightPlanCivilIff, S::Strong)
    } else if e.ballistic == Ballistic::Established && ballistic_plausible {
        (I::Hostile, R::BallisticProfile, S::Strong)
    } else if no_reply && attack {
        (I::Hostile, R::NoReplyAttackProfile, S::Firm)
    } else if e.hostile_origin {
        (I::Hostile, R::HostileOrigin, S::Firm)
    } else if e.ballistic == Ballistic::Established {
        (I::Unknown, R::BallisticImplausible, S::Weak)
    } else if e.ballistic == Ballistic::Unconfirmed {
        (I::Pending, R::BallisticUnconfirmed, S::Weak)
    } else if on_plan {
        // Procedural identification: a track flying a filed plan is assumed friendly even when
        // its transponder fails to answer (an attack profile without a reply was caught above).
        (I::AssumedFriend, R::FlightPlan, S::Firm)
    } else if e.civil_reply && !attack {
        // A civil transponder answering off any plan that can be correlated (a late or
        // re-routed flight) is civil traffic: neutral. Civil modes with an attack profile fall
        // through to Suspect below.
        (I::Neutral, R::CivilIffNoPlan, S::Firm)
    } else if e.held_s < r.pending_s || e.held_s.is_nan() {
        (I::Pending, R::NoEvidence, S::Weak)
    } else if attack {
        (I::Suspect, R::AttackProfile, S::Weak)
    } else if no_reply {
        (I::Unknown, R::NoReply, S::Weak)
    } else {
        (I::Unknown, R::HeldUnknown, S::Weak)
    }
}
