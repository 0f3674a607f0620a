//! `denied_without_reason`: every denied engagement decision carries a known reason code (and
//! every decision is one of `permit`, `deny`, `needs_approval`).

use crate::report::{Example, Kind, Report};
use crate::run::Run;

/// The ROE reason codes a denial may carry (docs/outputs.md, `moe.engagements_denied`).
pub(crate) const DENY_REASONS: &[&str] = &[
    "friendly_or_neutral",
    "identity_not_allowed_by_wcs",
    "weapons_hold",
    "track_quality",
    "track_age",
    "no_fire_area",
    "remote_data_not_authorised_own_node",
    "remote_data_not_authorised_own_nation",
    "remote_data_not_authorised_ally",
    "not_releasable",
];

pub(super) fn check(run: &Run, report: &mut Report) {
    for d in &run.decisions {
        let problem = match d.decision.as_str() {
            "permit" | "needs_approval" => continue,
            "deny" if DENY_REASONS.contains(&d.reason.as_str()) => None,
            "deny" if d.reason.trim().is_empty() => Some("a denial without a reason".to_owned()),
            "deny" => Some(format!("a denial with unknown reason {:?}", d.reason)),
            other => Some(format!(
                "unknown decision {other:?} (reason {:?})",
                d.reason
            )),
        };
        report.checked(Kind::DeniedWithoutReason);
        if let Some(message) = problem {
            let mut e = Example::new(Kind::DeniedWithoutReason, d.t_ns, message);
            e.fire_unit = Some(d.fire_unit.clone());
            e.track = Some(d.track);
            report.violation(e);
        }
    }
}
