//! Weapons control status and the rules of engagement as typed, machine-checkable predicates
//! over (shooter, track, context), each returning permit / deny / needs-approval with a reason
//! code (PRIMER §5.2–5.4). Pure decision logic over plain data: no truth, no clock.
//!
//! # Weapons control status ([`WcsSchedule`], PRIMER §5.2)
//! WCS is ordered per nation, per area (a zone) and per threat class, and changes over time. The
//! status in force is the latest applicable order; ties go to the more specific order, then the
//! later one in the list; with no applicable order, [`Wcs::Tight`]. Engagement zones are
//! expressed this way too: Hold everywhere, Free or Tight inside the zone. A fire unit cut off
//! from its command node ([`CommandLink::CutOff`]) uses the fallback declared for it instead:
//! orders given during the outage cannot reach it (PRIMER §5.3, autonomous operation). A cut-off
//! unit also cannot obtain approval; whether it then decides alone is the scenario's choice of
//! its [`Shooter::approval`].
//!
//! # Predicates ([`evaluate`], PRIMER §5.4), in their fixed order
//! 1. [`Predicate::NotFriendly`]: Friend, AssumedFriend and Neutral are always denied
//!    (`friendly_or_neutral`); neither WCS nor self-defence overrides it.
//! 2. [`Predicate::WcsIdentity`]: under **Free**, Hostile, Suspect and Unknown may be engaged
//!    ("any target not positively identified as friendly"); Pending may not, because it has not
//!    had its identification window yet and firing inside it is how fratricide happens.
//!    Under **Tight**, Hostile only. Under **Hold**, nothing (`weapons_hold`) except a Hostile
//!    in self-defence. Self-defence never extends to Suspect: it answers a hostile act or
//!    demonstrated intent, which is what declares Hostile, and so Tight with self-defence still
//!    permits only Hostile. Denials here are `identity_not_allowed_by_wcs` or `weapons_hold`.
//! 3. [`Predicate::TrackQuality`]: quality at least the shooter's minimum (`track_quality`).
//! 4. [`Predicate::TrackAge`]: age at most the shooter's maximum (`track_age`).
//! 5. [`Predicate::NoFireArea`]: the planned intercept is not in a no-fire area
//!    (`no_fire_area`).
//! 6. [`Predicate::RemoteData`]: a guiding track none of the shooter's own (fire-control)
//!    sensors contributed to is *remote* data, classed by [`Provenance`] — its own node's other
//!    sensors, another node of its nation, or an ally. The shooter's [`RemoteAuthority`] says
//!    what it may do on remote data ([`RemoteUse`]: nothing when `autonomous`; launch, or the
//!    whole engagement) and from whom ([`RemoteFrom`]), and beyond that source, launch-on-remote
//!    up to a farther one (`launch_from`: engage on the own nation's data, launch on allies');
//!    a track from farther away is denied with a reason naming its class
//!    (`remote_data_not_authorised_own_node`, `…_own_nation`, `…_ally`). On launch-only data
//!    the ROE permit the launch decision; the engine plans the intercept inside the unit's own
//!    radars' range and requires a track it may guide on to take the round over (PRIMER §4.5).
//! 7. [`Predicate::Releasable`]: the shooter's nation is in the track's release set: it may not
//!    use data it was not cleared for (`not_releasable`, PRIMER §5.5).
//! 8. [`Predicate::Authority`]: permit if the shooter decides alone (`Unit`) or acts in
//!    self-defence ("nothing in these rules limits your right and obligation of self-defense"),
//!    else needs approval at the shooter's level (PRIMER §5.3).
//!
//! Self-defence relaxes only predicates 2 and 8: quality, age, no-fire areas, engage-on-remote
//! and releasability still bind, since they protect others rather than the shooter.
//!
//! Every predicate is evaluated, so the [`Verdict`] lists all reasons a pair is blocked for the
//! audit log and the ROE-blocked-engagements MOE. The decision is the first denial in the order
//! above, else the authority predicate's answer. WTA sees only permitted (or approved) pairs.

mod eval;
#[cfg(test)]
mod props;
mod remote;
#[cfg(test)]
mod tests;
mod wcs;

pub use eval::{Decision, DenyReason, Predicate, Verdict, evaluate};
pub use remote::{Provenance, RemoteAuthority, RemoteFrom, RemoteUse};
pub use wcs::{CommandLink, WcsOrder, WcsSchedule};

use crate::identify::Identity;
use base::{NationIndex, NationSet};

/// Weapons control status (PRIMER §5.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Wcs {
    /// Fire at any target not positively identified as friendly.
    Free,
    /// Fire only at targets identified hostile.
    Tight,
    /// Fire only in self-defence.
    Hold,
}

impl Wcs {
    /// Stable snake_case name for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Wcs::Free => "free",
            Wcs::Tight => "tight",
            Wcs::Hold => "hold",
        }
    }
}

/// Threat class a WCS order can single out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ThreatClass {
    /// Ballistic missiles.
    Ballistic,
    /// Air-breathing threats (cruise missiles, aircraft).
    Air,
}

/// Whose approval an engagement needs (PRIMER §5.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApprovalLevel {
    /// The fire unit decides (delegated authority).
    Unit,
    /// The fire unit's national command node.
    National,
    /// The combined (alliance) node.
    Combined,
}

impl ApprovalLevel {
    /// Stable snake_case name for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            ApprovalLevel::Unit => "unit",
            ApprovalLevel::National => "national",
            ApprovalLevel::Combined => "combined",
        }
    }
}

/// The fire unit considering an engagement, with the authority it holds now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shooter {
    /// Its nation.
    pub nation: NationIndex,
    /// WCS in force for it against this track (see [`WcsSchedule`]).
    pub wcs: Wcs,
    /// Lowest track quality it may engage on.
    pub min_quality: u8,
    /// Oldest guiding track it may engage on, s.
    pub max_age_s: f64,
    /// Whose approval its engagements need.
    pub approval: ApprovalLevel,
    /// What it may do on data its own sensors did not contribute to, and from whom.
    pub remote: RemoteAuthority,
}

/// What the ROE need to know about the track and the planned intercept.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrackFacts {
    /// Identity held by the shooter's picture.
    pub identity: Identity,
    /// Track quality (0–15).
    pub quality: u8,
    /// Time since the track's last update, s.
    pub age_s: f64,
    /// Whose sensors the guiding track comes from, relative to the shooter.
    pub provenance: Provenance,
    /// Releasability of the track used.
    pub release: NationSet,
    /// The threat endangers the shooter itself (e.g. within its self-defence radius).
    pub self_defence: bool,
    /// The planned intercept point lies in a no-fire area.
    pub intercept_in_no_fire: bool,
}
