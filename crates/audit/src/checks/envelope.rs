//! `envelope`: every intercept inside its interceptor type's declared envelope — altitude in
//! [min_alt, max_alt], slant range from the launcher (where it was at launch) in
//! [min_range, max_range], and no farther than the declared speed profile flies in the time
//! of flight (the fly-out may dog-leg, never outrun its motor).

use super::LIMIT_SLACK_M;
use crate::report::{Example, Kind, Report};
use crate::run::Run;
use crate::truth::distance;

pub(super) fn check(run: &Run, report: &mut Report) {
    for shot in run.shots.values() {
        let Some(hit) = &shot.intercept else {
            continue;
        };
        report.checked(Kind::Envelope);
        let unit = run.unit(&shot.fire_unit);
        let env = &unit.envelope;
        let mut failed = Vec::new();
        let mut example = Example::new(Kind::Envelope, hit.t_ns, String::new());
        example.values.insert("alt_m", hit.alt_m);
        if hit.alt_m < env.min_alt_m - LIMIT_SLACK_M || hit.alt_m > env.max_alt_m + LIMIT_SLACK_M {
            failed.push(format!(
                "altitude {:.1} km outside [{:.1}, {:.1}] km",
                hit.alt_m / 1e3,
                env.min_alt_m / 1e3,
                env.max_alt_m / 1e3
            ));
            report.count("envelope.altitude".to_owned());
        }
        match run.launcher_at(unit, shot.launch_ns) {
            None => report.count(
                "envelope.launcher_unknown (range and time of flight not checked)".to_owned(),
            ),
            Some(launcher) => {
                let range_m = distance(launcher, hit.point);
                let tof_s = (hit.t_ns - shot.launch_ns) as f64 / 1e9;
                let reach_m = env.profile_distance_m(tof_s);
                example.values.insert("slant_range_m", range_m);
                example.values.insert("time_of_flight_s", tof_s);
                example.values.insert("profile_distance_m", reach_m);
                if range_m < env.min_range_m - LIMIT_SLACK_M
                    || range_m > env.max_range_m + LIMIT_SLACK_M
                {
                    failed.push(format!(
                        "slant range {:.1} km outside [{:.1}, {:.1}] km",
                        range_m / 1e3,
                        env.min_range_m / 1e3,
                        env.max_range_m / 1e3
                    ));
                    report.count("envelope.range".to_owned());
                }
                if range_m > reach_m + LIMIT_SLACK_M {
                    failed.push(format!(
                        "{:.1} km from the launcher after {tof_s:.1} s of flight; the speed \
                         profile flies {:.1} km",
                        range_m / 1e3,
                        reach_m / 1e3
                    ));
                    report.count("envelope.time_of_flight".to_owned());
                }
            }
        }
        if !failed.is_empty() {
            example.message = format!("{} ({})", failed.join("; "), env.name);
            example.engagement = Some(shot.engagement);
            example.fire_unit = Some(shot.fire_unit.clone());
            example.node = Some(unit.node.clone());
            example.track = Some(shot.track);
            example.object = hit.object.clone();
            if let Some(miss) = run.truth_miss_m(hit) {
                example.values.insert("truth_miss_m", miss);
            }
            if hit.killed {
                report.count("envelope.violations_that_killed".to_owned());
            }
            report.violation(example);
        }
    }
}
