//! The checks, one module per kind (or pair of kinds that read the same facts). Each walks the
//! run, counts what it checked, what it could not decide and what violated it.

mod decisions;
mod engagement;
mod envelope;
mod overlap;
mod tracks;

use crate::report::Report;
use crate::run::Run;

/// Slack on every geometric limit, m: coordinates are printed to full precision, but the
/// intercept point travels as latitude/longitude/altitude and intercept times as whole
/// nanoseconds; both round-trip to well under a millimetre, so 1 m only absorbs rounding.
pub(crate) const LIMIT_SLACK_M: f64 = 1.0;

/// Runs every check.
pub(crate) fn all(run: &Run) -> Report {
    let mut report = Report::new(run.scenario.clone(), run.seed);
    envelope::check(run, &mut report);
    engagement::check_targets(run, &mut report);
    overlap::check(run, &mut report);
    engagement::check_wrong_object(run, &mut report);
    tracks::check(run, &mut report);
    engagement::check_fratricide(run, &mut report);
    decisions::check(run, &mut report);
    report.finish()
}
