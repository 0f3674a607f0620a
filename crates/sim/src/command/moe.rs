//! Engagement tallies for the summary's measures of effectiveness.

use serde::Serialize;
use std::collections::BTreeMap;

/// Denied engagement decisions by reason code.
pub type DeniedReasons = BTreeMap<String, u64>;

/// What the command did over a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EngagementMoe {
    /// Interceptors launched.
    pub fired: u64,
    /// Hostile objects destroyed.
    pub kills: u64,
    /// Launches ordered on remote data (no own fire-control sensor in the planning track).
    pub on_remote: u64,
    /// Launches in self-defence.
    pub self_defence: u64,
    /// Engagements whose target was truly friendly or neutral (must be zero).
    pub fratricides: u64,
    /// Engagements called off (any reason).
    pub aborted: u64,
    /// Engagements called off, by reason (`friend_or_neutral`, `target_assessed_killed`,
    /// `intercept_after_impact`, `left_envelope_<limit>`).
    pub aborted_by_reason: BTreeMap<String, u64>,
    /// Intercepts whose seeker acquired another object than the one the guiding track
    /// followed (or a track that followed nothing).
    pub wrong_object: u64,
    /// In-flight updates accepted.
    pub reaims: u64,
    /// In-flight updates refused (divert budget, reach), the interceptor keeping its aim.
    pub reaims_refused: u64,
    /// Kill assessments that reported the wrong outcome.
    pub assessment_errors: u64,
    /// Denied (fire unit, track) decisions by reason (each change of verdict counted once).
    pub denied: DeniedReasons,
    /// Sum over launches of order-to-launch time (approval chain, reaction, waiting for the
    /// planned launch instant), s.
    pub order_to_launch_sum_s: f64,
}
