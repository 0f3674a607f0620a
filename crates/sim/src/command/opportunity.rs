//! The record of how far each (fire unit, threat) pair got in a decision epoch's evaluation —
//! the evidence the kill-chain attribution (`crate::attribution`) rests on for reach and
//! capacity. Logged as `engagement_opportunity` on every change of a pair's outcome, like the
//! ROE verdicts; never read back by the command.

use super::pairs::Evaluation;
use super::{CommandRuntime, TargetKey};
use crate::log::EventKind;

impl CommandRuntime {
    /// Logs the outcome of unit `ui` against the threat `key` when it changed. A pair whose
    /// unit's node holds no track of the threat names no track and logs nothing.
    pub(crate) fn log_opportunity(
        &mut self,
        events: &mut Vec<EventKind>,
        ui: usize,
        key: TargetKey,
        evaluation: &Evaluation,
    ) {
        let outcome = match evaluation {
            Evaluation::NotHeld => return,
            Evaluation::WrongClass | Evaluation::NoWindow | Evaluation::AfterImpact => "no_window",
            Evaluation::NotYet => "not_yet",
            Evaluation::NoCapacity => "no_capacity",
            Evaluation::Denied => "denied",
            Evaluation::BelowMinimumPk => "below_min_pk",
            Evaluation::Offered(_) => "offered",
        };
        if self.opportunities.insert((ui, key), outcome) == Some(outcome) {
            return;
        }
        events.push(EventKind::EngagementOpportunity {
            fire_unit: self.units[ui].name.clone(),
            track: key.track,
            outcome,
        });
    }
}
