//! An independent audit of a finished run: every engagement and track re-checked against
//! truth and the scenario, from the run's files alone.
//!
//! The audit reads `scenario.toml` (the text the run used, overrides applied), `events.jsonl`,
//! `truth.csv` and `tracks.csv` — never the engine's internals. It trusts the scenario's
//! declared numbers (parsed by the `scenario` crate), truth, the track rows and the *facts* the
//! log records (who launched when, where an intercept happened, what was denied); it does not
//! trust the engine's *conclusions*: which object an engagement was aimed at is re-derived by
//! associating the engaged track's rows with truth, launcher positions come from the scenario
//! and truth, and sides come from truth.
//!
//! ```no_run
//! # fn read(_: &str) -> Vec<u8> { Vec::new() }
//! let (scenario, events, truth, tracks) =
//!     (read("scenario.toml"), read("events.jsonl"), read("truth.csv"), read("tracks.csv"));
//! let files = audit::RunFiles {
//!     scenario_name: "out/scenario.toml",
//!     scenario: std::str::from_utf8(&scenario).unwrap_or_default(),
//!     events: &events,
//!     truth: &truth,
//!     tracks: &tracks,
//! };
//! match audit::audit(&files) {
//!     Ok(report) => print!("{}", report.to_text()),
//!     Err(e) => eprintln!("{e}"),
//! }
//! ```
//!
//! # Checks ([`Kind`])
//! - `envelope`: each intercept's altitude within the interceptor type's `[min_alt, max_alt]`;
//!   its slant range from the launcher's position at launch within `[min_range, max_range]`;
//!   that range no longer than the declared speed profile (linear boost, then constant speed)
//!   flies in the time of flight.
//! - `dead_or_impacted_target`: no launch at an object impacted before the launch, or killed
//!   with the kill reported by a kill assessment before the launch (a launch between a kill and
//!   its assessment is counted as `killed_unreported_at_launch`, not a violation: the command
//!   could not know).
//! - `late_shot`: no launch whose planned intercept time is after the target's impact.
//! - `overlap`: no two engagements on one object overlapping from launch to intercept unless
//!   they are one salvo order (same fire unit, track and launch instant, `[c2] salvo` > 1).
//! - `wrong_object`: an intercept's end game (kill or miss) is against the engagement's target,
//!   unless the intercept event declares a `wrong_object` reason, or the object met was, at
//!   launch, no farther from the track than the target plus the track's σ (objects the track
//!   could not tell apart, such as a raid in close formation), or the track's first row after
//!   launch follows it (the track changed objects within one sample period of the launch):
//!   both counted as `inseparable_at_launch`.
//! - `underground_track`: no track row below the ellipsoid by more than 3 `sigma_pos_m`.
//! - `fratricide`: no launch at a track following a friendly or neutral object, no intercept
//!   meeting one.
//! - `denied_without_reason`: every `deny` decision carries a known reason code.
//!
//! An engagement's target is what its track followed at launch: the track's rows in the fire
//! unit's node picture are associated, at each truth sample, with the nearest air target within
//! a gate of max(5 km, 3 σ); the latest associated row at or before launch names the object. A
//! track whose rows are all near nothing followed nothing (a ghost); one with no rows by then
//! cannot be judged and is counted as unresolved.
//!
//! Conventions: times are the log's integer nanoseconds (sample rows' seconds are rounded to
//! them); positions ECEF metres; limits get 1 m of slack for printed-number rounding.
//!
//! Not checked: kill probabilities (calibration is a statistical measure over many runs, not
//! a per-run audit); detections (`detections.csv` is not read); terrain (the surface is the
//! ellipsoid).

#![forbid(unsafe_code)]

mod checks;
mod facts;
mod input;
mod report;
mod run;
#[cfg(test)]
mod tests;
mod tracks;
mod truth;

pub use input::{AuditError, EVENTS_FILE, RunFiles, SCENARIO_FILE, TRACKS_FILE, TRUTH_FILE};
pub use report::{EXAMPLES_PER_KIND, Example, Kind, Report};

/// Reads a run's files and checks it.
pub fn audit(files: &RunFiles<'_>) -> Result<Report, AuditError> {
    let run = run::Run::read(files)?;
    Ok(checks::all(&run))
}
