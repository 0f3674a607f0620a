//! Evaluating the ROE predicates for one (shooter, track) pair (order and semantics in the
//! module docs of `roe`).

use super::{ApprovalLevel, Provenance, Shooter, TrackFacts, Wcs};
use crate::identify::Identity;
use core::fmt;

/// One rule of engagement, in evaluation order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Predicate {
    /// Never friends, assumed friends or neutrals.
    NotFriendly,
    /// Identity allowed by the weapons control status.
    WcsIdentity,
    /// Track quality at least the shooter's minimum.
    TrackQuality,
    /// Track age at most the shooter's maximum.
    TrackAge,
    /// Intercept outside no-fire areas.
    NoFireArea,
    /// Authority to use remote data of the track's provenance.
    RemoteData,
    /// Track data releasable to the shooter's nation.
    Releasable,
    /// Engagement authority: permit or needs approval.
    Authority,
}

impl Predicate {
    /// Number of predicates.
    pub const COUNT: usize = 8;
    /// Every predicate, in evaluation order.
    pub const ALL: [Predicate; Predicate::COUNT] = [
        Predicate::NotFriendly,
        Predicate::WcsIdentity,
        Predicate::TrackQuality,
        Predicate::TrackAge,
        Predicate::NoFireArea,
        Predicate::RemoteData,
        Predicate::Releasable,
        Predicate::Authority,
    ];

    /// Stable snake_case name for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Predicate::NotFriendly => "not_friendly",
            Predicate::WcsIdentity => "wcs_identity",
            Predicate::TrackQuality => "track_quality",
            Predicate::TrackAge => "track_age",
            Predicate::NoFireArea => "no_fire_area",
            Predicate::RemoteData => "remote_data",
            Predicate::Releasable => "releasable",
            Predicate::Authority => "authority",
        }
    }

    fn check(self, s: &Shooter, t: &TrackFacts) -> Decision {
        use {Decision::Deny, DenyReason as D};
        let pass = |ok: bool, reason: DenyReason| if ok { Decision::Permit } else { Deny(reason) };
        match self {
            Predicate::NotFriendly => {
                pass(!t.identity.is_friendly_or_neutral(), D::FriendlyOrNeutral)
            }
            Predicate::WcsIdentity => match s.wcs {
                Wcs::Free => pass(
                    matches!(
                        t.identity,
                        Identity::Hostile | Identity::Suspect | Identity::Unknown
                    ),
                    D::IdentityNotAllowedByWcs,
                ),
                Wcs::Tight => pass(t.identity == Identity::Hostile, D::IdentityNotAllowedByWcs),
                Wcs::Hold => pass(
                    t.self_defence && t.identity == Identity::Hostile,
                    D::WeaponsHold,
                ),
            },
            Predicate::TrackQuality => pass(t.quality >= s.min_quality, D::TrackQuality),
            // Written so a NaN age is denied.
            Predicate::TrackAge => pass(t.age_s <= s.max_age_s, D::TrackAge),
            Predicate::NoFireArea => pass(!t.intercept_in_no_fire, D::NoFireArea),
            Predicate::RemoteData => pass(
                s.remote.permits(t.provenance),
                D::RemoteDataNotAuthorised(t.provenance),
            ),
            Predicate::Releasable => pass(t.release.contains(s.nation), D::NotReleasable),
            Predicate::Authority => {
                if s.approval == ApprovalLevel::Unit || t.self_defence {
                    Decision::Permit
                } else {
                    Decision::NeedsApproval(s.approval)
                }
            }
        }
    }
}

/// Why an engagement is denied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum DenyReason {
    /// The track is a friend, an assumed friend or a neutral.
    FriendlyOrNeutral,
    /// The WCS does not allow engaging this identity.
    IdentityNotAllowedByWcs,
    /// Weapons hold, and not a hostile threatening the shooter.
    WeaponsHold,
    /// Track quality below the shooter's minimum.
    TrackQuality,
    /// Track older than the shooter's maximum.
    TrackAge,
    /// The planned intercept lies in a no-fire area.
    NoFireArea,
    /// Remote data of this provenance (never [`Provenance::OwnSensors`]) without the
    /// authority to use it.
    RemoteDataNotAuthorised(Provenance),
    /// The shooter's nation is not cleared for the track's data.
    NotReleasable,
}

impl DenyReason {
    /// Stable snake_case code for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            DenyReason::FriendlyOrNeutral => "friendly_or_neutral",
            DenyReason::IdentityNotAllowedByWcs => "identity_not_allowed_by_wcs",
            DenyReason::WeaponsHold => "weapons_hold",
            DenyReason::TrackQuality => "track_quality",
            DenyReason::TrackAge => "track_age",
            DenyReason::NoFireArea => "no_fire_area",
            DenyReason::RemoteDataNotAuthorised(p) => match p {
                Provenance::OwnSensors | Provenance::OwnNode => {
                    "remote_data_not_authorised_own_node"
                }
                Provenance::OwnNation => "remote_data_not_authorised_own_nation",
                Provenance::Ally => "remote_data_not_authorised_ally",
            },
            DenyReason::NotReleasable => "not_releasable",
        }
    }
}

/// A predicate's or the overall answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Decision {
    /// May engage now.
    Permit,
    /// May not engage, and why.
    Deny(DenyReason),
    /// May engage once this level approves.
    NeedsApproval(ApprovalLevel),
}

impl Decision {
    /// Stable code for logs: `permit`, the deny reason, or `needs_approval_<level>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Permit => "permit",
            Decision::Deny(r) => r.as_str(),
            Decision::NeedsApproval(ApprovalLevel::Unit) => "needs_approval_unit",
            Decision::NeedsApproval(ApprovalLevel::National) => "needs_approval_national",
            Decision::NeedsApproval(ApprovalLevel::Combined) => "needs_approval_combined",
        }
    }

    /// Whether this is a denial.
    pub fn is_deny(self) -> bool {
        matches!(self, Decision::Deny(_))
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The overall decision and every predicate's answer, for the audit log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The first denial in predicate order, else the authority predicate's answer.
    pub decision: Decision,
    /// Every predicate with its answer, in evaluation order.
    pub checks: [(Predicate, Decision); Predicate::COUNT],
}

impl Verdict {
    /// Every reason the pair is denied, in predicate order (empty if not denied).
    pub fn denials(&self) -> impl Iterator<Item = DenyReason> + '_ {
        self.checks.iter().filter_map(|(_, d)| match d {
            Decision::Deny(r) => Some(*r),
            _ => None,
        })
    }
}

/// Evaluates every rule of engagement for `shooter` against `track`.
pub fn evaluate(shooter: &Shooter, track: &TrackFacts) -> Verdict {
    let checks = Predicate::ALL.map(|p| (p, p.check(shooter, track)));
    let decision = checks
        .iter()
        .map(|(_, d)| *d)
        .find(|d| d.is_deny())
        .unwrap_or_else(|| Predicate::Authority.check(shooter, track));
    Verdict { decision, checks }
}
