//! Checks of what each engagement was aimed at. Its target is determined by the audit: the
//! truth object the engaged track followed at launch (`tracks::Tracks::followed`).
//! - `dead_or_impacted_target`: no launch at an object already killed or already impacted;
//! - `late_shot`: no launch whose planned intercept falls after the target's observed impact;
//! - `wrong_object`: every end game (an intercept that met an object, killed or not) is against
//!   the engagement's target, or the run declares it a wrong-object intercept with a reason (a
//!   track that swapped objects in flight leads the interceptor to another object: that is a
//!   wrong-object intercept too, to be declared);
//! - `fratricide`: no launch at a track following a friendly or neutral object, and no
//!   intercept meeting one (sides from `truth.csv`).

use crate::report::{Example, Kind, Report};
use crate::run::{Run, Shot};
use crate::tracks::Followed;
use crate::truth::Side;

/// An example about `shot`, filled with who and what.
fn about(run: &Run, kind: Kind, t_ns: i64, shot: &Shot, object: Option<&str>) -> Example {
    let mut e = Example::new(kind, t_ns, String::new());
    e.engagement = Some(shot.engagement);
    e.fire_unit = Some(shot.fire_unit.clone());
    e.node = Some(run.unit(&shot.fire_unit).node.clone());
    e.track = Some(shot.track);
    e.object = object.map(str::to_owned);
    e
}

/// What the shot's track followed at `t_ns`.
fn followed(run: &Run, shot: &Shot, t_ns: i64) -> Followed {
    let node = &run.unit(&shot.fire_unit).node;
    run.tracks.followed(&run.truth, node, shot.track, t_ns)
}

/// The engagement's target: what its track followed at launch.
pub(super) fn target(run: &Run, shot: &Shot) -> Followed {
    followed(run, shot, shot.launch_ns)
}

/// A launch on a track its node last held longer ago than this is worth a count (the order
/// stood while the picture lost the track), ns.
const STALE_TRACK_NS: i64 = 60_000_000_000;

pub(super) fn check_targets(run: &Run, report: &mut Report) {
    for shot in run.shots.values() {
        let Followed::Object {
            name,
            distance_m,
            held_ns,
            ..
        } = target(run, shot)
        else {
            report.unresolved(Kind::DeadOrImpactedTarget);
            report.unresolved(Kind::LateShot);
            continue;
        };
        report.checked(Kind::DeadOrImpactedTarget);
        report.checked(Kind::LateShot);
        if shot.launch_ns - held_ns > STALE_TRACK_NS {
            report
                .count("dead_or_impacted_target.track_dropped_over_60_s_before_launch".to_owned());
        }
        // A kill is knowable once its assessment reports it: a launch between the kill and
        // that report is counted (detail `killed_unreported_at_launch`) but is no violation.
        let killed = run
            .kills_reported
            .get(&name)
            .copied()
            .filter(|&t| t < shot.launch_ns)
            .and_then(|_| run.kills.get(&name).copied());
        if killed.is_none() && run.kills.get(&name).is_some_and(|&t| t < shot.launch_ns) {
            report.count("dead_or_impacted_target.killed_unreported_at_launch".to_owned());
        }
        let impact = run.impacts.get(&name).copied();
        let mut e = about(
            run,
            Kind::DeadOrImpactedTarget,
            shot.launch_ns,
            shot,
            Some(&name),
        );
        e.values.insert("track_to_object_m", distance_m);
        if let Some(t_kill) = killed {
            e.message = format!(
                "launched {:.1} s after {name} was killed",
                (shot.launch_ns - t_kill) as f64 / 1e9
            );
            e.values.insert("killed_t_s", t_kill as f64 / 1e9);
            report.count("dead_or_impacted_target.killed".to_owned());
            report.violation(e);
        } else if let Some(t_impact) = impact.filter(|&t| t <= shot.launch_ns) {
            e.message = format!(
                "launched {:.1} s after {name} impacted",
                (shot.launch_ns - t_impact) as f64 / 1e9
            );
            e.values.insert("impact_t_s", t_impact as f64 / 1e9);
            report.count("dead_or_impacted_target.impacted".to_owned());
            report.violation(e);
        } else if let Some(t_impact) = impact.filter(|&t| t < shot.planned_intercept_ns) {
            e.kind = Kind::LateShot;
            e.message = format!(
                "planned intercept at {:.1} s, {:.1} s after {name} impacted",
                shot.planned_intercept_ns as f64 / 1e9,
                (shot.planned_intercept_ns - t_impact) as f64 / 1e9
            );
            e.values.insert("impact_t_s", t_impact as f64 / 1e9);
            e.values.insert(
                "planned_intercept_t_s",
                shot.planned_intercept_ns as f64 / 1e9,
            );
            report.violation(e);
        }
    }
}

pub(super) fn check_wrong_object(run: &Run, report: &mut Report) {
    for shot in run.shots.values() {
        let Some((hit, victim)) = shot
            .intercept
            .as_ref()
            .and_then(|h| Some((h, h.object.as_deref()?)))
        else {
            continue;
        };
        let (track_object, distance_m, row) = match target(run, shot) {
            Followed::NoRows => {
                report.unresolved(Kind::WrongObject);
                continue;
            }
            Followed::Nothing => (None, None, None),
            Followed::Object {
                name,
                distance_m,
                at_ns,
                row_p,
                row_sigma_m,
                ..
            } => (
                Some(name),
                Some(distance_m),
                Some((at_ns, row_p, row_sigma_m)),
            ),
        };
        report.checked(Kind::WrongObject);
        let at_intercept = match followed(run, shot, hit.t_ns) {
            Followed::Object { name, .. } => Some(name),
            _ => None,
        };
        if at_intercept.is_some() && at_intercept != track_object {
            report.count("wrong_object.track_swapped_objects_in_flight".to_owned());
        }
        if track_object.as_deref() == Some(victim) {
            continue;
        }
        // Objects closer together than the track's own error (a raid in close formation):
        // which one the track "followed" is undefined, so neither can be a wrong object.
        let victim_as_near = row.zip(distance_m).is_some_and(|((at_ns, p, sigma), d)| {
            run.truth
                .object(victim)
                .and_then(|o| o.position_at(at_ns))
                .is_some_and(|q| crate::truth::distance(p, q) - d <= sigma)
        });
        // Or the track moved onto it between its last row before launch and its first after:
        // at the sample period's resolution the target at launch is either.
        let node = &run.unit(&shot.fire_unit).node;
        let swapped_at_launch = run
            .tracks
            .followed_next(&run.truth, node, shot.track, shot.launch_ns)
            .is_some_and(|o| o == victim);
        if victim_as_near || swapped_at_launch {
            report.count("wrong_object.inseparable_at_launch".to_owned());
            continue;
        }
        let declared = hit.wrong_object.as_deref().filter(|r| !r.trim().is_empty());
        if let Some(reason) = declared {
            report.count(format!("wrong_object.declared ({reason})"));
            continue;
        }
        let mut e = about(run, Kind::WrongObject, hit.t_ns, shot, Some(victim));
        let met = if hit.killed {
            "killed"
        } else {
            "end game against"
        };
        e.message = match (&track_object, &at_intercept) {
            (Some(o), Some(i)) if i != o => {
                format!("{met} {victim}; the track followed {o} at launch, {i} at intercept")
            }
            (Some(o), _) => format!("{met} {victim}; the track followed {o} at launch"),
            (None, _) => {
                format!("{met} {victim}; the track followed no truth object at launch (a ghost)")
            }
        };
        if hit.killed {
            report.count("wrong_object.killed".to_owned());
        }
        if let Some(d) = distance_m {
            e.values.insert("track_to_followed_m", d);
        }
        if let Some(miss) = run.truth_miss_m(hit) {
            e.values.insert("victim_from_intercept_point_m", miss);
        }
        report.count(format!(
            "wrong_object.{}",
            if track_object.is_some() {
                "track_followed_another_object"
            } else {
                "track_followed_nothing"
            }
        ));
        report.violation(e);
    }
}

pub(super) fn check_fratricide(run: &Run, report: &mut Report) {
    let friendly = |name: &str| {
        run.truth
            .side(name)
            .filter(|s| matches!(s, Side::Friendly | Side::Neutral))
    };
    for shot in run.shots.values() {
        let at_launch = target(run, shot);
        let met = shot.intercept.as_ref().and_then(|h| {
            let name = h.object.as_deref()?;
            Some((h, name, friendly(name)?))
        });
        let aimed = match &at_launch {
            Followed::Object { name, .. } => friendly(name).map(|s| (name.as_str(), s)),
            _ => None,
        };
        if matches!(at_launch, Followed::NoRows) && shot.intercept.is_none() {
            report.unresolved(Kind::Fratricide);
            continue;
        }
        report.checked(Kind::Fratricide);
        if let Some((name, side)) = aimed {
            let mut e = about(run, Kind::Fratricide, shot.launch_ns, shot, Some(name));
            e.message = format!("launched at a track following {name} ({})", side.as_str());
            report.count("fratricide.launch_at_friend_or_neutral".to_owned());
            report.violation(e);
        } else if let Some((hit, name, side)) = met {
            let mut e = about(run, Kind::Fratricide, hit.t_ns, shot, Some(name));
            e.message = format!(
                "intercept met {name} ({}){}",
                side.as_str(),
                if hit.killed { " and killed it" } else { "" }
            );
            report.count("fratricide.intercept_of_friend_or_neutral".to_owned());
            report.violation(e);
        }
    }
}
