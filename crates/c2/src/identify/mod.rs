//! Identification: evidence about a track (IFF, kinematics, flight plans, origin) to the
//! standard identity set, with a reason code, and the identity-change record (PRIMER §5.1).
//!
//! # Rules (first match wins)
//!
//! | # | condition                                                    | identity       | reason                   | strength |
//! |---|--------------------------------------------------------------|----------------|--------------------------|----------|
//! | 1 | military IFF reply                                           | Friend         | `military_iff`           | strong   |
//! | 2 | civil IFF reply and a filed flight plan within the gate      | Neutral        | `flight_plan_civil_iff`  | strong   |
//! | 3 | ballistic flight established and plausible                   | Hostile        | `ballistic_profile`      | strong   |
//! | 4 | interrogated, no reply at all, attack profile                | Hostile        | `no_reply_attack_profile`| firm     |
//! | 5 | first held inside a declared hostile origin area             | Hostile        | `hostile_origin`         | firm     |
//! | 5b| ballistic flight established but implausible                 | Unknown        | `ballistic_implausible`  | weak     |
//! | 5c| too high or fast for an aircraft, free fall not established  | Pending        | `ballistic_unconfirmed`  | weak     |
//! | 6 | flight plan within the gate (any IFF outcome: procedural ID)  | AssumedFriend  | `flight_plan`            | firm     |
//! | 6b| civil reply, no plan within the gate, no attack profile       | Neutral        | `civil_iff_no_plan`      | firm     |
//! | 7 | held for less than `pending_s`                               | Pending        | `no_evidence`            | weak     |
//! | 8 | attack profile (not interrogated, or civil reply, no plan)   | Suspect        | `attack_profile`         | weak     |
//! | 9 | interrogated, no reply                                       | Unknown        | `no_reply`               | weak     |
//! |11 | otherwise                                                    | Unknown        | `held_unknown`           | weak     |
//!
//! *Ballistic flight* ([`ballistic`], the ghost-track guard) is established by the track's
//! update history — at least [`IdRules::ballistic_min_updates`] consecutive measurement updates
//! over at least [`IdRules::ballistic_min_span_s`], each pair consistent with free fall under
//! gravity (thrust and drag free along the velocity) — and is *plausible* when the estimate
//! has a ballistic missile's energy: bound to the Earth, on a conic whose perigee is below the
//! surface, at most [`IdRules::ballistic_max_speed_mps`]. A track that is merely too high or
//! too fast for an aircraft (a ghost built from a few false alarms, or a real missile seen only
//! briefly) stays Pending until its history says more.
//!
//! The *attack profile* is a cruise-missile-like approach: closing on a defended asset within
//! [`IdRules::attack_range_m`], at least [`IdRules::attack_min_speed_mps`], at most
//! [`IdRules::attack_max_alt_m`] and not climbing faster than [`IdRules::attack_max_climb_mps`].
//!
//! Positive friend/neutral evidence (rules 1–2) comes first: identification technology confirms
//! friends but leaves "unknown" spanning friend to enemy (PRIMER §5.1), so fratricide
//! avoidance puts what it can confirm ahead of kinematic inference. Rules 1–6 apply at once; the
//! weak conclusions (8–11) wait for `pending_s`, the window the ID process has to interrogate.
//!
//! # Hysteresis
//! The rules' answer replaces `previous` only if its strength reaches what `previous` needs:
//! Pending and Unknown yield to anything, AssumedFriend, Suspect and Hostile to firm or strong
//! evidence, Friend and Neutral only to strong evidence. Pending never comes back once left.
//! Otherwise `previous` is kept with reason `retained`. So a Friend is not downgraded by a
//! missing reply, and [`identify`] is idempotent: feeding its answer back changes nothing.
//!
//! Identity authority is a C2 role (PRIMER §5.3): the engine runs [`identify`] only at nodes
//! that declare identities and logs each change as an [`IdChange`] naming that node.

pub mod ballistic;
#[cfg(test)]
mod props;
mod rules;
#[cfg(test)]
mod tests;

pub use ballistic::{Ballistic, FreeFallHistory};
pub use rules::identify;

use base::{NodeId, SimTime};
use core::fmt;

/// The standard identity set (MIL-STD-2525 / APP-6 affiliations, PRIMER §5.1), in wire-code
/// order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Identity {
    /// Not yet evaluated.
    Pending,
    /// Evaluated, no conclusion.
    Unknown,
    /// Probably friendly.
    AssumedFriend,
    /// Friendly.
    Friend,
    /// Neither side.
    Neutral,
    /// Probably hostile.
    Suspect,
    /// Hostile.
    Hostile,
}

impl Identity {
    /// Every identity, in order.
    pub const ALL: [Identity; 7] = [
        Identity::Pending,
        Identity::Unknown,
        Identity::AssumedFriend,
        Identity::Friend,
        Identity::Neutral,
        Identity::Suspect,
        Identity::Hostile,
    ];

    /// Stable snake_case name for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Identity::Pending => "pending",
            Identity::Unknown => "unknown",
            Identity::AssumedFriend => "assumed_friend",
            Identity::Friend => "friend",
            Identity::Neutral => "neutral",
            Identity::Suspect => "suspect",
            Identity::Hostile => "hostile",
        }
    }

    /// Friend, assumed friend or neutral: never to be engaged.
    pub fn is_friendly_or_neutral(self) -> bool {
        matches!(
            self,
            Identity::Friend | Identity::AssumedFriend | Identity::Neutral
        )
    }
}

impl fmt::Display for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What is known about one track at a decision epoch. IFF flags accumulate over the track's
/// life (a reply once received stays received).
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// How long the track has been held, s.
    pub held_s: f64,
    /// The track has been interrogated at least once.
    pub interrogated: bool,
    /// A valid military (e.g. mode 5) reply has been received.
    pub military_reply: bool,
    /// A civil (mode 3/C, S) reply has been received.
    pub civil_reply: bool,
    /// Ground speed, m/s.
    pub speed_mps: f64,
    /// Altitude above the ellipsoid, m.
    pub altitude_m: f64,
    /// Rate of climb (negative: descending), m/s.
    pub climb_mps: f64,
    /// What the track's kinematics and update history say about ballistic flight.
    pub ballistic: Ballistic,
    /// Distance to the nearest filed flight plan's expected position now, m (`None`: no plan
    /// within reach).
    pub flight_plan_miss_m: Option<f64>,
    /// If closing on a defended asset: current distance to it, m.
    pub closing_asset_m: Option<f64>,
    /// First held inside a declared hostile launch/origin area.
    pub hostile_origin: bool,
}

impl Evidence {
    /// A track just initiated with nothing known about it (all kinematics zero).
    pub fn none() -> Self {
        Evidence {
            held_s: 0.0,
            interrogated: false,
            military_reply: false,
            civil_reply: false,
            speed_mps: 0.0,
            altitude_m: 0.0,
            climb_mps: 0.0,
            ballistic: Ballistic::No,
            flight_plan_miss_m: None,
            closing_asset_m: None,
            hostile_origin: false,
        }
    }
}

/// Identification thresholds. The scenario may override them; [`IdRules::defaults`] documents
/// the values used otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct IdRules {
    /// Time a track may stay Pending while the ID process interrogates it, s.
    pub pending_s: f64,
    /// Largest distance to a flight plan's expected position that still correlates, m.
    pub plan_gate_m: f64,
    /// Attack profile: closing on an asset within this distance, m.
    pub attack_range_m: f64,
    /// Attack profile: at least this fast, m/s.
    pub attack_min_speed_mps: f64,
    /// Attack profile: at most this high, m.
    pub attack_max_alt_m: f64,
    /// Attack profile: climbing no faster than this, m/s.
    pub attack_max_climb_mps: f64,
    /// Ballistic flight: consecutive free-fall-consistent measurement updates needed.
    pub ballistic_min_updates: u32,
    /// Ballistic flight: time those updates must span, s.
    pub ballistic_min_span_s: f64,
    /// Ballistic flight: fastest plausible ballistic missile, m/s.
    pub ballistic_max_speed_mps: f64,
}

impl IdRules {
    /// Documented defaults: 6 s pending window (a few scans and an IFF cycle); 10 km flight-plan
    /// gate (about 40 s of timing error at airliner speed); attack profile within 80 km of an
    /// asset, at least 150 m/s (above airliners and light aircraft on approach, below subsonic
    /// cruise missiles' 200–270 m/s), at most 1 500 m and climbing at most 5 m/s (level or
    /// descending: departures climb away); ballistic flight from 4 consistent updates over at
    /// least 6 s (a phased array's 2–4 s revisits: 6–12 s; a ghost confirmed from three false
    /// alarms never gets there) at up to 7.5 km/s (above any theatre missile's burnout speed,
    /// below orbital speed).
    pub fn defaults() -> Self {
        IdRules {
            pending_s: 6.0,
            plan_gate_m: 10_000.0,
            attack_range_m: 80_000.0,
            attack_min_speed_mps: 150.0,
            attack_max_alt_m: 1_500.0,
            attack_max_climb_mps: 5.0,
            ballistic_min_updates: 4,
            ballistic_min_span_s: 6.0,
            ballistic_max_speed_mps: 7_500.0,
        }
    }
}

/// Why [`identify`] answered as it did (the rule that matched, see the module table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum IdReason {
    /// Rule 1.
    MilitaryIff,
    /// Rule 2.
    FlightPlanCivilIff,
    /// Rule 3.
    BallisticProfile,
    /// Rule 4.
    NoReplyAttackProfile,
    /// Rule 5.
    HostileOrigin,
    /// Rule 6.
    FlightPlan,
    /// Rule 7.
    NoEvidence,
    /// Rule 8.
    AttackProfile,
    /// Rule 9.
    NoReply,
    /// Rule 10.
    CivilIffNoPlan,
    /// Rule 11.
    HeldUnknown,
    /// Rule 5b.
    BallisticImplausible,
    /// Rule 5c.
    BallisticUnconfirmed,
    /// The rules' answer was too weak to change the previous identity (hysteresis).
    Retained,
}

impl IdReason {
    /// Stable snake_case code for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            IdReason::MilitaryIff => "military_iff",
            IdReason::FlightPlanCivilIff => "flight_plan_civil_iff",
            IdReason::BallisticProfile => "ballistic_profile",
            IdReason::NoReplyAttackProfile => "no_reply_attack_profile",
            IdReason::HostileOrigin => "hostile_origin",
            IdReason::FlightPlan => "flight_plan",
            IdReason::NoEvidence => "no_evidence",
            IdReason::AttackProfile => "attack_profile",
            IdReason::NoReply => "no_reply",
            IdReason::CivilIffNoPlan => "civil_iff_no_plan",
            IdReason::HeldUnknown => "held_unknown",
            IdReason::BallisticImplausible => "ballistic_implausible",
            IdReason::BallisticUnconfirmed => "ballistic_unconfirmed",
            IdReason::Retained => "retained",
        }
    }
}

impl fmt::Display for IdReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An identity with the reason for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdDecision {
    /// The identity.
    pub identity: Identity,
    /// Why.
    pub reason: IdReason,
}

impl IdDecision {
    /// The change record if this decision changes `previous`, for the audit log: who (the
    /// identification authority), when, from what, to what and why.
    pub fn change(self, previous: Identity, authority: NodeId, at: SimTime) -> Option<IdChange> {
        (self.identity != previous).then_some(IdChange {
            at,
            authority,
            from: previous,
            to: self.identity,
            reason: self.reason,
        })
    }
}

/// One logged identity change (PRIMER §5.1: who, when, why).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdChange {
    /// When.
    pub at: SimTime,
    /// The node holding identification authority that made it.
    pub authority: NodeId,
    /// Identity before.
    pub from: Identity,
    /// Identity after.
    pub to: Identity,
    /// Rule that made it.
    pub reason: IdReason,
}
