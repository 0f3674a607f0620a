//! The run-size check of a scenario that is valid piece by piece: the engine's estimate
//! ([`sim::budget`]) located at the key that drives it. An impossible run is an error, a heavy
//! one a warning, and so is every radar whose false alarms the engine caps per scan.

use sim::budget::{Driver, Verdict};

use crate::diagnostics::{Diag, ProblemKind};
use crate::span::Span;
use crate::walk::{Obj, fmt_num};

/// `(span, key path)` of `key` in the top-level table `table`, or of `[scenario]
/// duration_s` when the table is absent (its defaults apply).
fn at(root: &Obj, table: &str, key: &str) -> (Span, String) {
    match root.table(table) {
        Some(t) => (t.span_of(key), t.path_of(key)),
        None => duration(root),
    }
}

fn duration(root: &Obj) -> (Span, String) {
    match root.table("scenario") {
        Some(s) => (s.span_of("duration_s"), s.path_of("duration_s")),
        None => (0..0, String::new()),
    }
}

/// Where the dominant kind of event is set.
fn driver_key(root: &Obj, input: &sim::Input, driver: Driver) -> (Span, String) {
    let busiest = |seconds_of: &dyn Fn(&sim::Sensor) -> f64| {
        let sensors = root.tables("sensor");
        input
            .sensors
            .iter()
            .enumerate()
            .min_by(|a, b| seconds_of(a.1).total_cmp(&seconds_of(b.1)))
            .and_then(|(i, s)| {
                let key = match s.params {
                    sensors::SensorParams::Radar(_) => "scan_period_s",
                    sensors::SensorParams::SpaceIr(_) => "revisit_s",
                };
                sensors.get(i).map(|o| (o.span_of(key), o.path_of(key)))
            })
    };
    let period = |s: &sim::Sensor| match &s.params {
        sensors::SensorParams::Radar(p) => p.scan_period_s,
        sensors::SensorParams::SpaceIr(p) => p.revisit_s,
    };
    match driver {
        Driver::Frames => at(root, "network", "frame_period_s"),
        Driver::TruthSamples => at(root, "scenario", "truth_sample_s"),
        Driver::Decisions => at(root, "c2", "decision_period_s"),
        Driver::Injections => root.tables("adversary").first().map_or_else(
            || duration(root),
            |o| (o.span_of("period_s"), o.path_of("period_s")),
        ),
        Driver::Scans | Driver::Detections => busiest(&period).unwrap_or_else(|| duration(root)),
        _ => duration(root),
    }
}

/// Reports the estimate of `input`: an error for an impossible run, warnings otherwise.
pub(crate) fn check(diag: &mut Diag<'_>, root: &Obj, input: &sim::Input) {
    let estimate = sim::budget::estimate(input);
    for verdict in estimate.verdicts() {
        let (why, driver, refuse) = match verdict {
            Verdict::Refuse(why, driver) => (why, driver, true),
            Verdict::Warn(why, driver) => (why, driver, false),
            _ => continue,
        };
        let ((span, path), help) = match (driver, estimate.costliest_radar) {
            (Driver::Association, Some(id)) => (
                root.tables("sensor").get(id.index()).map_or_else(
                    || duration(root),
                    |o| (o.span_of("beamwidth_deg"), o.path.clone()),
                ),
                "fewer false alarms per scan (a coarser range_resolution_m or beamwidth_deg, a \
                 lower pfa) or fewer scans shrink the trackers' work",
            ),
            _ => (
                driver_key(root, input, driver),
                "a longer period, a shorter duration_s, or fewer entities shrink the run",
            ),
        };
        if refuse {
            diag.error(ProblemKind::TooLarge, span, &path, why)
                .label("drives the run's size")
                .help(help);
        } else {
            diag.warning(ProblemKind::TooLarge, span, &path, why)
                .help(help);
        }
    }
    let sensors = root.tables("sensor");
    for (id, expected) in &estimate.capped_false_alarms {
        let Some(obj) = sensors.get(id.index()) else {
            continue;
        };
        diag.warning(
            ProblemKind::TooLarge,
            obj.span_of("beamwidth_deg"),
            &obj.path,
            format!(
                "about {} false alarms per scan expected (pfa x resolution cells); the engine \
                 draws at most {} per scan, so this radar runs with fewer false alarms than its \
                 parameters say",
                fmt_sci(*expected),
                fmt_num(sensors::MAX_FALSE_ALARMS_PER_SCAN)
            ),
        )
        .help("raise range_resolution_m or beamwidth_deg, narrow the coverage, or lower pfa");
    }
}

fn fmt_sci(x: f64) -> String {
    if x < 1e6 {
        format!("{x:.0}")
    } else {
        format!("{x:.1e}")
    }
}
